"""What a unit's draft keeps of each sentence of the upper plan, read from what the sentence
says (the signals are data: `kehoach/data/pham_vi.yaml`). A text is cut into clauses (at
`;` and at sentence ends, never inside a quotation or a citation); each clause is the unit's
own task (kept, then reworded), the unit's part in an upper task (rewritten as "Phối hợp
với …", "Góp phần …"), or the upper level's alone (left out, listed in one review note per
kind). A clause naming another unit of the province is that unit's (left out) or, where
the unit's share is not clear from the words, kept with a note saying what to check."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kehoach.derive.mentions import UnitNames
from kehoach.derive.verdict import LOCAL, OWN, PART, UPPER, Verdict
from kehoach.derive.wording import lower_first, upper_first
from kehoach.plan.units import Unit
from kehoach.rules.scope import Scope, fill
from kehoach.rules.vocabulary import load_vocabulary

COUNT = "dem"
COUNT_REMOVED = "so-dem"
COUNT_WHY = "số lượng của cả {tinh}, không chia được cho từng đơn vị theo câu chữ"
COUNT_ACTION = (
    "muốn đưa chỉ tiêu đó vào bản của {dv}, điền giá trị của {dv} vào danh sách đơn vị "
    "hoặc bảng giá trị chỉ tiêu rồi soạn lại"
)
COUNT_REMOVED_WHY = (
    "đã bỏ con số của cả {tinh} ({numbers}) khỏi câu nhiệm vụ: ghi số của {dv} nếu cần"
)
_SPLIT = re.compile(r"[;.]\s+")
_LETTER = r"[^\W\d_]"
@dataclass
class Reader:
    """The scope data filled for one upper level and one kind of unit, compiled once."""

    scope: Scope
    words: dict[str, str]  # the placeholders' words, for notes and rewordings
    regex: dict[str, str]  # the same, escaped, with the lists as alternations, for signals
    protected: re.Pattern[str]
    kinds: Sequence[str]  # the unit kinds' names (xã, phường, đặc khu …)
    known: frozenset[str] = frozenset()  # the registry's unit names, casefolded
    upper_signals: list[tuple[str, str, list[re.Pattern[str]]]] = field(init=False)
    parts: list[tuple[str, re.Pattern[str], str]] = field(init=False)
    _cores: dict[tuple[str, bool, bool], Verdict] = field(init=False, default_factory=dict)
    _clauses: dict[str, list[tuple[str, str]]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        scope, v, w = self.scope, self.regex, self.words
        self.upper_signals = [
            (s.loai, fill(s.ly_do, w), [re.compile(fill(m, v)) for m in s.mau])
            for s in scope.cap_tren
        ]
        self.local = {s.loai: s.tai_don_vi for s in scope.cap_tren if s.tai_don_vi}
        self.by_subject = {s.loai for s in scope.cap_tren if s.chu_ngu}
        self.heads = re.compile(rf"(?:{v['dau_ten']})\b")
        self.works = re.compile(
            rf"^(?i:{v['lap']})(?:(?:,? | và )(?i:{v['lap']}))* (?:mới )?"
        )
        self.next_work = re.compile(rf"(?:,| và) (?=(?:{v['dau_ten']}|{v['co_so_cap_tren']})\b)")
        leading = _either(scope.trang_ngu)
        places = self.scope.noi_cap_tren
        self.places = re.compile(rf"\b(?:{_either(places.ten)})(?P<name>(?: [^\W\d_]+){{1,4}})")
        self.stops = set(self.scope.ten_cap_tren.ngat)
        self.leading = re.compile(r"\bchủ trì,? phối hợp (?:với )?")
        self.upper_body = re.compile(v["co_quan_tren"])
        leading_words = rf"^(?:[^,;]{{1,40}}, )?(?P<ai>{v['co_quan_tren']}) chủ trì\b"
        self.upper_leads = re.compile(leading_words)
        self.subjectless = re.compile(rf"^\s*(?i:(?:{leading}),? )*(?i:{v['dong_tu']})\b")
        self.parts = [(r.loai, re.compile(fill(r.mau, v)), r.thanh) for r in scope.phan]
        self.by_subject |= {r.loai for r in scope.phan if r.chu_ngu}
        targets = scope.chi_tieu
        self.aggregate = [re.compile(fill(m, v)) for m in targets.tong_hop.mau]
        self.aggregate_why = fill(targets.tong_hop.ly_do, w)
        self.share = [re.compile(fill(m, v)) for m in targets.ty_phan.mau]
        self.area = re.compile(fill(targets.dia_ban, v))
        self.count = re.compile(rf"\b\d[\d.]*\s+(?:{v['dem']})\b")
        self.count_in_task = re.compile(fill(targets.so_dem_trong_cau, v))
        kind_word = re.compile(
            rf"(?<!\w)({'|'.join(re.escape(k) for k in sorted(self.kinds, key=len)[::-1])}) ",
            re.IGNORECASE,
        )
        self.names = UnitNames(w, kind_word, self.heads, self.works,
                               tuple(scope.don_vi_khac.dung_sau), self.known)
        self.commune_level = re.compile(rf"(?i:các|cấp) (?:{v['cac_dv']}|xã)\b")
        kinds, group = _either(self.kinds), _either(scope.don_vi_khac.nhom)
        self.unit_group = re.compile(  # `các xã vùng sâu, vùng xa và các xã biên giới`
            rf"\bcác ({kinds}) (?:{group})\b(?:(?:,| và) (?:các (?:{kinds}) )?(?:{group})\b)*")

    # -- clauses ----------------------------------------------------------------------

    def clauses(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into (separator before, clause) at `;` and at sentence ends outside
        quotations and citations; the text's last mark (`.`) is not part of its clause."""
        if text not in self._clauses:
            self._clauses[text] = self._cut(text)
        return self._clauses[text]

    def _cut(self, text: str) -> list[tuple[str, str]]:
        guarded = [m.span() for m in self.protected.finditer(text)]
        cuts: list[tuple[int, int]] = []
        for m in _SPLIT.finditer(text):
            inside = any(a <= m.start() < b for a, b in guarded)
            sentence = m.group()[0] == "." and m.end() < len(text) and text[m.end()].isupper()
            if not inside and (m.group()[0] == ";" or sentence):
                cuts.append(m.span())
        out, last, sep = [], 0, ""
        for start, end in cuts:
            out.append((sep, text[last:start]))
            sep, last = text[start:end], end
        out.append((sep, text[last:]))
        return out

    # -- verdicts ---------------------------------------------------------------------

    def judge(
        self, clause: str, unit: Unit, *, targets: bool = False, first: bool = True
    ) -> Verdict:
        """The verdict on one clause of a task (or, with `targets`, of a target sentence);
        `first`: the clause starts a sentence (its capital is the sentence's)."""
        words = clause.rstrip(".;: ")
        core = self._core(words, targets, first)
        if core.kind == UPPER:
            local = self._here(core, words, unit, first)
            if local is None:
                return core
            core = local
        verdict = self.names.verdict(core.text, unit)
        if verdict.kind == UPPER:
            return verdict
        kind = PART if verdict.text != words else OWN
        end = clause[len(words) :]
        flags = core.flags + verdict.flags
        if core.loai != LOCAL:
            flags += self._upper_places(words, led=kind == OWN)
        if not verdict.flags:
            flags += self._unit_group(verdict.text, unit)
        if not flags:
            flags += self.names.own_name(verdict.text, unit)
        return Verdict(kind, verdict.text + end, flags=flags, target=core.target,
                       subject=core.subject)

    def _core(self, words: str, targets: bool, first: bool) -> Verdict:
        """What a clause is whatever the unit of this kind (the upper level's, reworded as
        the unit's part, a target): worked out once per batch, kept by its words."""
        key = (words, targets, first)
        if key not in self._cores:
            self._cores[key] = self._judged(words, targets, first)
        return self._cores[key]

    def _judged(self, words: str, targets: bool, first: bool) -> Verdict:
        for loai, why, patterns in self.upper_signals:
            if any(p.search(words) for p in patterns):
                # its subject (an upper body, or any subject of its own) is the subject of
                # the clauses after it that have none
                subject = loai in self.by_subject or not self.subjectless.match(words)
                return Verdict(UPPER, "", loai, why, subject=subject)
        text, rule = self._part(words, first)
        if not targets:
            removed = [m.group().strip() for m in self.count_in_task.finditer(text)]
            if not removed:
                return Verdict(OWN, text, subject=rule in self.by_subject)
            at = self.count_in_task.search(text)
            text = self.count_in_task.sub("", text)
            why = fill(COUNT_REMOVED_WHY, self.words).replace("{numbers}", ", ".join(removed))
            start = at.start() if at else 0
            return Verdict(OWN, text, flags=((text[start : start + 30].strip() or text[:30], why),))
        shared = self.shared(text)
        if shared is not None:
            return Verdict(OWN, shared)
        if self.aggregated(text):
            return self.aggregate_verdict()
        if self.count.search(text):
            return self.count_verdict()
        return Verdict(OWN, text, target=True)

    def aggregate_verdict(self) -> Verdict:
        return Verdict(UPPER, "", "tong-hop", self.aggregate_why)

    def count_verdict(self) -> Verdict:
        why, action = fill(COUNT_WHY, self.words), fill(COUNT_ACTION, self.words)
        return Verdict(UPPER, "", COUNT, why, action=action)

    def deadlines_below(self, text: str) -> list[tuple[str, str]]:
        """(words, reason) for each deadline in a clause now given to the chi bộ, đảng bộ
        trực thuộc: the upper level set it for the communes, the unit sets its own."""
        found = []
        for clause in text.split(";"):
            if "chi bộ, đảng bộ trực thuộc" not in clause:
                continue
            for day in re.findall(r"trước ngày (\d{1,2}/\d{1,2}/\d{4})", clause):
                why = fill(self.scope.han_cap_duoi, {**self.words, "ngay": day})
                found.append((f"trước ngày {day}", why))
        return found

    def table_note(self) -> str:
        """What to do with a table the upper plan has in its body (kept as it is)."""
        return fill(self.scope.bang_cap_tren, self.words)

    def _here(self, core: Verdict, words: str, unit: Unit, first: bool) -> Verdict | None:
        """An upper work placed in the unit itself (`… Bệnh viện … tại phường Bảo Lộc`) as
        the unit's part in it (`tai_don_vi`): the works it names with it that stand in other
        units are left out of the clause; None when the clause does not name the unit."""
        rule = self.local.get(core.loai)
        own = self.names.own(unit)
        if rule is None or not any(
            n.casefold() in own for m in self.names.mentions(words) for n in m.names
        ):
            return None
        text = words
        head = self.works.match(words)
        if head is not None:
            works = self.next_work.split(words[head.end() :])
            kept = [w for w in works if self.names.not_others(w, own)]
            text = words[: head.end()] + " và ".join(kept)
        new = fill(rule, {**self.words, "viec": lower_first(text)})
        return Verdict(PART, upper_first(new) if first else lower_first(new), LOCAL)

    def _unit_group(self, words: str, unit: Unit) -> tuple[tuple[str, str], ...]:
        """A note on a clause about a group of the province's units named by what they are
        (`các xã đặc biệt khó khăn`): whether the unit is one of them only its clerk knows."""
        found = self.unit_group.search(words)
        if found is None:
            return ()
        rules = self.scope.don_vi_khac
        rule = rules.cung_loai if found.group(1).lower() == self.words["dv"] else rules.khac_loai
        why = fill(rule, {**self.words, "ten": unit.ten, "nhom": found.group()})
        return ((found.group(), why),)

    def _place(self, found: re.Match[str]) -> str:
        """A place's name (`Khu kinh tế Dung Quất`): its common noun and the words after it
        up to a word that ends a name, with a proper name among them; else ''."""
        name: list[str] = []
        for word in found.group("name").split():
            if word in self.stops:
                break
            name.append(word)
        while name and not name[-1][:1].isupper():
            name.pop()
        head = found.group()[: found.start("name") - found.start()]
        return f"{head} {' '.join(name)}" if name else ""

    def _upper_places(self, words: str, led: bool) -> tuple[tuple[str, str], ...]:
        """Notes on a kept clause that names places the upper level runs (`Vườn quốc gia
        Chư Mom Ray`), or that has the unit's body lead upper bodies (`… chủ trì, phối hợp
        Báo …, Đài Truyền hình Thành phố …`), or an upper body lead with no part of the
        unit said (`Sở Giáo dục và Đào tạo chủ trì đầu tư …`)."""
        found: list[tuple[str, str]] = []
        places = [p for m in self.places.finditer(words) if (p := self._place(m))]
        if places:
            rule = self.scope.noi_cap_tren.ly_do
            why = fill(rule, self.words).replace("{names}", ", ".join(places))
            found.append((places[0], why))
        leads = self.leading.search(words) if led else None  # the unit's body leads …
        partner = self.upper_body.search(words, leads.end(), leads.end() + 120) if leads else None
        if partner is not None:  # … an upper body
            rule = self.scope.noi_cap_tren.chu_tri
            why = fill(rule, self.words).replace("{names}", partner.group())
            found.append((partner.group(), why))
        upper = self.upper_leads.match(words) if led else None  # an upper body leads
        if upper is not None:
            rule = self.scope.noi_cap_tren.tren_chu_tri
            found.append((upper.group("ai"), fill(rule, self.words).replace("{names}",
                                                                            upper.group("ai"))))
        return tuple(found)

    def shares_subject(self, clause: str) -> bool:
        """Whether a clause has no subject of its own (it opens with a verb): after a
        clause whose subject is an upper body, it is that body's act too."""
        return bool(self.subjectless.match(clause))

    def depends(self, clause: str) -> bool:
        """Whether a clause only adds to the one before it (`ưu tiên …`)."""
        start = clause.lstrip().lower()
        return any(start.startswith(f"{w} ") for w in self.scope.phu_thuoc)

    def title(self, title: str) -> Verdict | None:
        """A heading that is the upper level's alone (`Hội nghị cấp tỉnh`), else None."""
        for loai, why, patterns in self.upper_signals:
            if any(p.search(title) for p in patterns):
                return Verdict(UPPER, "", loai, why)
        return None

    def aggregated(self, text: str) -> bool:
        """Whether a target is an upper-level aggregate (GRDP, the province's total …)."""
        return any(p.search(text) for p in self.aggregate)

    def shared(self, text: str) -> str | None:
        """`100% xã, phường, đặc khu có …` as the unit's share (`Xã có …`), `100% trạm y
        tế xã, phường, đặc khu có …` as `Trạm y tế xã có …`; else None."""
        found = next((m for p in self.share if (m := p.match(text))), None)
        if found is None:
            return None
        rule = self.scope.chi_tieu.ty_phan.thanh
        who = lower_first(found.group("ai"))
        return upper_first(fill(rule, {**self.words, "ai": who, "viec": found.group("viec")}))

    def shared_label(self, label: str) -> str | None:
        """An appendix row counting the units (`Xã, phường, đặc khu được phủ sóng …`,
        `Tỷ lệ trạm y tế xã, phường có bác sĩ`) as the unit's share (`Xã được phủ sóng
        …`), else None."""
        words = lower_first(label)
        for prefix in ("tỷ lệ ", "số "):
            words = words.removeprefix(prefix)
        return self.shared(f"100% {words}")

    def area_scoped(self, text: str) -> re.Match[str] | None:
        """Where a target says its figure is the upper area's (`… trong tỉnh`)."""
        return self.area.search(text)

    def to_unit_area(self, text: str) -> str:
        """A target's words for the upper area as the unit's (`trong tỉnh` → `trong xã`)."""
        return self.area.sub(lambda m: f"{m.group('gioi')} {self.words['dv']}", text)

    def is_count(self, unit_name: str | None, name: str = "") -> bool:
        """Whether an indicator counts things the province totals: its unit starts with a
        counted noun (`doanh nghiệp`, `giường/10.000 dân`), or its name is a count (`Số
        giường bệnh`) that is not a rate."""
        first = (unit_name or "").strip().lower().split("/")[0].strip()
        if first == "%":
            return False
        if any(first == w or first.startswith(f"{w} ") for w in self.scope.chi_tieu.dem):
            return True
        return name.startswith("Số ")

    def _part(self, words: str, first: bool) -> tuple[str, str]:
        """The clause rewritten as the unit's part in an upper task, or as it was, and the
        kind of rewrite (empty: none); a sentence's first word loses its capital inside the
        new clause (a name keeps it)."""
        for loai, pattern, rule in self.parts:
            found = pattern.match(words)
            if found:
                groups = {k: v for k, v in found.groupdict().items() if v}
                if first and "viec" in groups and found.start("viec") == 0:
                    groups["viec"] = lower_first(groups["viec"])
                new = fill(rule, {**self.words, **groups})
                return (upper_first(new) if first else lower_first(new)), loai
        return words, ""

def reader(
    scope: Scope,
    words: dict[str, str],
    protected: re.Pattern[str],
    kinds: Sequence[str],
    known: Iterable[str] = (),
) -> Reader:
    """The scope data filled with the upper level's `words` (`tinh`, `cap_uy`, `ten_tren`)
    and the unit kind's (`dv`), and compiled; `known`: the registry's unit names."""
    plain = {**words, "Dv": upper_first(words["dv"])}
    regex = {k: re.escape(v) for k, v in plain.items()}
    # the area word as a name mid-sentence too ("ngân sách Thành phố", "Công an Thành phố"),
    # never the committee's or the youth union's name ("Tỉnh ủy", "Tỉnh đoàn")
    area = words["tinh"]
    regex["tinh"] = f"(?:{re.escape(area)}|{re.escape(upper_first(area))}(?! ủy| đoàn))"
    regex["cac_dv"] = _either(scope.cac_don_vi)
    regex["dau_ten"] = _either(scope.ten_cap_tren.dau)
    regex["ngat_ten"] = _either(scope.ten_cap_tren.ngat)
    regex["lap"] = _either(scope.viec_lap)
    parts = _either(scope.phan_don_vi)
    # where an act opens in a clause: at its start, after its subject (`… chủ trì`) or after
    # other acts (`…, `); not in a clause that opens with the unit's part (`Phối hợp …`)
    regex["mo_dau_lap"] = rf"^(?!(?i:{parts})\b)(?:[^;]{{1,80}}?(?:,| chủ trì,?) )?"
    regex["co_so_cap_tren"] = _either(scope.co_so_cap_tren)
    regex["ten_tren_co_quan"] = _upper_name(regex)
    bodies = [fill(b, regex) for b in scope.co_quan_tren]
    regex["co_quan_tren"] = "|".join(bodies)
    verbs = [*load_vocabulary().viec_lam, *scope.viec_lap, *scope.dong_tu]
    regex["viec"] = _either(load_vocabulary().viec_lam)
    regex["dong_tu"] = _either(verbs)
    regex["dem"] = _either(scope.chi_tieu.dem)
    names = frozenset(n.casefold() for n in known)
    return Reader(scope, plain, regex, protected, kinds, names)


def _either(words: Iterable[str]) -> str:
    """The words as one alternation, longest first (so a longer phrase wins)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _upper_name(regex: dict[str, str]) -> str:
    """A name of an upper body or work by its grammar: a capitalised common noun that opens
    names, up to eight words none of which ends a name, then the upper area's word
    (`tỉnh`, `của tỉnh`, not `Tỉnh ủy`), the upper level's proper name, or its committee
    as the owner (`của Thành ủy`)."""
    word = rf"(?!(?:{regex['ngat_ten']})\b){_LETTER}[\w-]*"
    area = rf"(?:của )?{regex['tinh']}\b(?! ủy)(?: {regex['ten_tren']}\b)?"
    owner = rf"{regex['ten_tren']}\b|của {regex['cap_uy']}\b"
    return rf"\b(?:{regex['dau_ten']})(?: {word}){{0,8}}? (?:{area}|{owner})"


def joined(kept: list[tuple[str, str]], original: str) -> str:
    """Kept clauses, each after the separator that stood before it; the first capitalised
    where it now starts the text; the original's last mark at the end."""
    text = ""
    for k, (sep, clause) in enumerate(kept):
        text += (sep if k else "") + (upper_first(clause) if k == 0 else clause)
    mark = original[len(original.rstrip(".;: ")) :]
    return text.rstrip(".;: ") + mark
