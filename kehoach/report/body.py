"""The body of the report draft: the outline's parts and items (de_cuong.yaml) in order,
each filled as its `bao_cao` says: a place to write (a bracketed hint with a comment), a
paragraph per organ or task of the plan, the indicators' results, what was and was not
reached, and what remains to do."""

from __future__ import annotations

from collections.abc import Callable

from kehoach.derive.reports import target_year
from kehoach.derive.wording import lower_first
from kehoach.document.comments import Remark
from kehoach.forms.report import Period, indicator_rows, outline, report_words
from kehoach.plan.indicators import Indicator
from kehoach.plan.model import Item, Paragraph, Plan
from kehoach.report.sentences import Said, Sentences, phrases
from kehoach.rules.outline import Content
from kehoach.rules.profile import Labels
from kehoach.vn import labels

WRITE: list[Content] = ["viet"]
"""An item or a part without `bao_cao`: a place to write, as its guide says."""
GIST = 220
"""Characters of the plan's wording quoted in a hint; the comment quotes it whole."""

Block = dict[str, str]


def gist(text: str) -> str:
    """The first clause of `text` (to its first `;`), cut at a word with `…` when long."""
    whole = " ".join(text.split()).rstrip(" .")
    first = whole.split(";")[0].rstrip(" .")
    if len(first) > GIST:
        first = first[:GIST].rsplit(" ", 1)[0]
    return first + ("…" if len(first) < len(whole) else "")


def quoted(text: str) -> str:
    """The plan's words as a comment quotes them: one line, without the closing stop."""
    return " ".join(text.split()).rstrip(" .;")


def _task_words(task: Item) -> str:
    """What the plan says a task is: its first paragraph of text, else its inline text or
    title."""
    said = [p.noi_dung for p in task.doan if isinstance(p, Paragraph)]
    return said[0] if said else task.noi_dung or task.title


class Body:
    """Builds the blocks and the comments of the report's body."""

    def __init__(self, plan: Plan, sentences: Sentences, period: Period, rule: Labels) -> None:
        self.plan = plan
        self.sentences = sentences
        self.period = period
        self.rule = rule
        self.blocks: list[Block] = []
        self.remarks: list[Remark] = []
        self.sub = 0  # the last sub-item label of the current item
        self.task_guide = ""  # the current item's guide for each task (theo_nhiem_vu)
        self.fill: dict[Content, Callable[[str], None]] = {
            "viet": self._write_here,
            "co_quan": self._organs,
            "chi_tieu": self._indicators,
            "nhiem_vu": self._tasks,
            "dat": self._reached,
            "chua_dat": self._missed,
            "con_lai": self._remaining,
        }

    def build(self) -> None:
        data = outline()
        words = report_words(self.plan, self.period)
        self._add("doan", Said(" ".join(data.mo_dau.format(**words).split())))
        for s, part in enumerate(data.phan, start=1):
            self._add("muc", Said(f"{labels.section(s, self.rule)} {part['tieu_de']}"))
            items = part.get("muc", [])
            for content in part.get("bao_cao", [] if items else WRITE):
                self.fill[content](part.get("huong_dan", ""))
            for i, item in enumerate(items, start=1):
                self._add("tieu_muc", Said(f"{labels.item(i, self.rule)} {item['tieu_de']}"))
                self.sub = 0
                self.task_guide = item.get("theo_nhiem_vu", item["huong_dan"])
                for content in item.get("bao_cao", WRITE):
                    self.fill[content](item["huong_dan"])
        # `ket`: the closing sentence, kept with the signature (a template without the
        # kind prints it as a plain paragraph)
        self._add("ket", Said(phrases()["ket_luan"].format(**words)))

    def _add(self, kind: str, said: Said, **extra: str) -> None:
        self.blocks.append({"kieu": kind, "chu": said.text, **extra})
        self.remarks += [Remark(words, why, said.text) for words, why in said.remarks if words]

    def _bullet(self, said: Said, lead: str = "") -> None:
        self._add("gach", said, dau="-", dan=lead)

    def _sub_item(self, title: str) -> None:
        self.sub += 1
        self._add("tieu_muc_con", Said(f"{labels.sub_item(self.sub, self.rule)} {title}"))

    def _placeholder(self, hint: str, why: str) -> Said:
        text = phrases()["cho_viet"].format(goi_y=hint)
        return Said(text, [(text, " ".join(why.split()))])

    def _write_here(self, guide: str) -> None:
        self._add("huong_dan", self._placeholder(guide, phrases()["ly_do_viet"]))

    def _organs(self, _guide: str) -> None:
        """A paragraph for each organ section IV charges, its task quoted."""
        section = self.plan.to_chuc_thuc_hien
        for duty in section.muc if section else []:
            hint = phrases()["co_quan"].format(viec=gist(duty.noi_dung))
            why = phrases()["ly_do_co_quan"].format(
                co_quan=duty.chu_the, viec=quoted(duty.noi_dung)
            )
            self._bullet(self._placeholder(hint, why), lead=duty.chu_the)

    def _tasks(self, _guide: str) -> None:
        """A sub-item for each task of the plan, with a place to write its results."""
        section = self.plan.nhiem_vu_giai_phap
        for task in section.muc if section else []:
            self._sub_item(task.title)
            words = _task_words(task)
            hint = phrases()["nhiem_vu"].format(viec=gist(words))
            why = phrases()["ly_do_nhiem_vu"].format(
                huong_dan=lower_first(" ".join(self.task_guide.split())), viec=quoted(words)
            )
            self._add("huong_dan", self._placeholder(hint, why))

    def _indicators(self, _guide: str) -> None:
        """A sub-item: the count, then each group of indicators and each result."""
        indicators = self.sentences.results.indicators
        if not indicators:
            return
        self._sub_item(phrases()["chi_tieu"])
        for said in self.sentences.opening():
            self._add("doan", said)
        states = [self.sentences.state(i) for i in indicators]
        self._add("doan", Said(phrases()["tong_quan"].format(
            so=len(indicators),
            dat=states.count("dat"),
            chua_dat=sum(s not in (None, "dat") for s in states),
            chua_co=states.count(None),
        )))
        year = self.sentences.results.summary.year
        for row in indicator_rows(self.plan, year):
            if row.indicator is None:
                nhom = phrases()["nhom"].format(nhom=lower_first(row.chi_tieu))
                self._add("doan", Said(nhom))
            else:
                self._bullet(self.sentences.indicator(row.indicator))

    def _by_state(self) -> dict[str | None, list[Indicator]]:
        found: dict[str | None, list[Indicator]] = {}
        for indicator in self.sentences.results.indicators:
            found.setdefault(self.sentences.state(indicator), []).append(indicator)
        return found

    def _reached(self, _guide: str) -> None:
        reached = self._by_state().get("dat", [])
        if reached:
            names = "; ".join(lower_first(i.nhan) for i in reached)
            total = len(self.sentences.results.indicators)
            text = phrases()["dat"].format(so=len(reached), tong=total, chi_tieu=names)
            self._bullet(Said(text))

    def _missed(self, _guide: str) -> None:
        found = self._by_state()
        for key in ("khong_dat", "chua_dat"):
            if found.get(key):
                names = "; ".join(self.sentences.named(i) for i in found[key])
                outcome = self.sentences.outcome_word(key)
                text = phrases()["chua_dat"].format(
                    so=len(found[key]), ket_qua=outcome, chi_tieu=names
                )
                self._bullet(Said(text))

    def _remaining(self, _guide: str) -> None:
        """The plan's tasks while its horizon is ahead, then the targets still missed."""
        horizon = target_year(self.plan)
        section = self.plan.nhiem_vu_giai_phap
        tasks = section.muc if section and (horizon is None or self.period.nam < horizon) else []
        for n, task in enumerate(tasks):
            title = task.title.rstrip(" .")
            text = title if title.startswith("Tiếp tục") else lower_first(title)
            said = Said(phrases()["tiep_tuc"].format(nhiem_vu=text))
            if n == 0:
                why = phrases()["ly_do_phuong_huong"].format(nam=horizon or "")
                said.remarks.append((said.text, " ".join(why.split())))
            self._bullet(said)
        found = self._by_state()
        missed = found.get("chua_dat", []) + found.get("khong_dat", [])
        if missed:
            names = "; ".join(lower_first(i.nhan) for i in missed)
            self._bullet(Said(phrases()["tap_trung"].format(chi_tieu=names)))
