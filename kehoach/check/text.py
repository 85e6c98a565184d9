"""Rules on the Vietnamese text of any document: spelling (syllables, Telex slips),
Unicode, spacing, brackets, tone placement, citations, numbering.

A document is a list of `Segment`s (lines, paragraphs or YAML values) in reading order;
rules that span segments (brackets, citations, abbreviations, numbering) read them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache

from kehoach.check import syllables
from kehoach.check.findings import Collector, Segment
from kehoach.rules.profile import Labels, Profile, load_profile
from kehoach.vn import dates, docnumber, labels
from kehoach.vn.appendix import is_title
from kehoach.vn.citations import citation
from kehoach.vn.numbers import number

WORD = re.compile(r"(?<!\w)[^\W\d_]{2,}(?!\w)")
"""A word of two letters or more: `abc1`, `a_b` and one-letter labels are not words."""
# A syllable with its tone → each (tone style, word as written, where) it was met with.
ToneStyles = dict[str, list[tuple[str, str, str]]]
LIST_LABEL = re.compile(r"^\s*(?:[a-zđ]|\d{1,2})\)\s")  # a) 1) — not a bracket
SPACE_BEFORE = re.compile(r"(?<=\w) +(?=[,.;:](?:\s|$))")
INVISIBLE = re.compile(
    r"[\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]|"
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
DECLARED = re.compile(r"\(viết tắt là ([^)]+)\)")
_PART = r"[^\s,;:()]"
CODE = re.compile(rf"(?<!{_PART}){_PART}*(?:\d{_PART}*[/-]|[/-]{_PART}*\d){_PART}*")
"""A document's number and code (`66-QĐ/TW`, `102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN`,
`Mẫu số 01/HNMT`): a code, not words to spell."""
_PAIRS = {"“": "”", "(": ")", "[": "]"}


@cache
def double_space(prefix: str) -> re.Pattern[str]:
    """Doubled spaces between two visible characters; a blank left for a number or a date
    (`Số      -KH/HU`, `ngày      tháng      năm 2024`) is not a mistake."""
    prefix = prefix.rstrip(":")  # `Số:` (ND 30) and `Số` (HD 36) alike
    words = (prefix, prefix.lower(), f"{prefix}:", f"{prefix.lower()}:")
    after = "".join(f"(?<!{re.escape(word)})" for word in words)
    return re.compile(rf"(?<=\S){after}(?<!ngày)(?<!tháng) {{2,}}(?=\S)(?!tháng)(?!năm)")


ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s;,)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*"
    r"\.(?:vn|com|org|net|gov|edu|info)\b", re.IGNORECASE)
"""A web or e-mail address (`https://pakn.dichvucong.gov.vn/`, `snv-cchc@lamdong.gov.vn`):
not words to spell."""


def _words(text: str) -> list[str]:
    """The words the spelling rules look at, read in NFC (decomposed marks are the `nfc`
    rule's finding, not typos): no numbers, document codes, addresses or one-letter labels."""
    text = ADDRESS.sub(" ", unicodedata.normalize("NFC", text))
    return WORD.findall(CODE.sub(" ", text))


@cache
def _judge(word: str) -> tuple[bool, str | None]:
    """(whether the word is unknown, the syllable a Telex slip meant or None). Proper names
    (a capitalised word Telex does not read: Đắk Lắk, Krông Búk) are known. Cached: a
    document repeats a few thousand words."""
    if syllables.is_syllable(word) or syllables.is_foreign(word):
        return False, None
    meant = syllables.telex(word)
    return bool(meant) or not syllables.is_name(word), meant


@cache
def _style(word: str) -> tuple[str, str] | None:
    """(where the word puts its tone, the syllable with its tone) for hóa/hoá words."""
    style = syllables.tone_style(word)
    return (style, syllables.tone_key(word)) if style else None


def _unknown(words: list[str]) -> dict[str, str | None]:
    found = {}
    for word in words:
        unknown, meant = _judge(word)
        if unknown:
            found[word] = meant
    return found


def unknown_words(text: str) -> dict[str, str | None]:
    """Words that are not Vietnamese syllables nor known exceptions nor names, each with
    the syllable a Telex slip meant (or None when it decodes to none)."""
    return _unknown(_words(text))


def telex_fixes(text: str) -> dict[str, str]:
    """Every Telex slip in `text` with its one correction."""
    return {word: meant for word, meant in unknown_words(text).items() if meant}


def check_text(segments: list[Segment], out: Collector, profile: str = "hd36-2018") -> None:
    """Run every text rule over a document's segments."""
    rules = load_profile(profile)
    styles: ToneStyles = defaultdict(list)
    decomposed: list[Segment] = []
    for seg in segments:
        _spelling(seg, out, styles)
        _characters(seg, out, rules)
        if not unicodedata.is_normalized("NFC", seg.text):
            decomposed.append(seg)
    _not_nfc(decomposed, out)
    _tone_styles(styles, out)
    _brackets(segments, out)
    _citations(segments, out, rules)
    _numbering(segments, out, rules)


def _spelling(seg: Segment, out: Collector, styles: ToneStyles) -> None:
    words = _words(seg.text)
    for word in words:
        found = _style(word)
        if found:
            styles[found[1]].append((found[0], word, seg.where))
    for word, meant in _unknown(words).items():
        if meant:
            out.add(seg.where, "go-telex", f"'{word}' là chữ gõ Telex chưa thành", meant)
        else:
            out.add(
                seg.where,
                "am-tiet",
                f"'{word}' không phải âm tiết tiếng Việt "
                "(gõ nhầm, hoặc từ nước ngoài chưa có trong danh sách)",
            )


def _characters(seg: Segment, out: Collector, profile: Profile) -> None:
    text = seg.text
    for match in INVISIBLE.finditer(text):
        out.add(seg.where, "ky-tu-an", f"có ký tự ẩn U+{ord(match.group()):04X}", "xóa ký tự")
    for match in double_space(profile.so_ky_hieu.tien_to).finditer(text):
        near = text[max(0, match.start() - 15) : match.end() + 15].strip()
        out.add(seg.where, "hai-dau-cach", f"hai dấu cách liền nhau: «{near}»", "một dấu cách")
    for match in SPACE_BEFORE.finditer(text):
        near = text[max(0, match.start() - 15) : match.end() + 2].strip()
        out.add(seg.where, "cach-truoc-dau", f"dấu cách trước dấu câu: «{near}»", "bỏ dấu cách")
    rule = profile.so_ky_hieu
    if docnumber.has_colon(text, rule):
        out.add(
            seg.where,
            "so-hai-cham",
            f"'{rule.tien_to}:' có dấu hai chấm; thể thức viết "
            f"'{docnumber.doc_number(12, 'KH', 'HU', rule)}'",
            "bỏ dấu hai chấm",
        )


def _not_nfc(decomposed: list[Segment], out: Collector) -> None:
    """Decomposed marks (NFD, as some programs paste them) are one finding for the whole
    document, at their first place; `--fix` normalises them all."""
    if not decomposed:
        return
    others = "" if len(decomposed) == 1 else f" (cả thảy {number(len(decomposed))} chỗ)"
    out.add(
        decomposed[0].where,
        "nfc",
        f"văn bản không ở dạng Unicode NFC (dấu tách rời chữ){others}",
        "chuẩn hóa NFC",
    )


def _tone_styles(styles: ToneStyles, out: Collector) -> None:
    for uses in styles.values():
        counts = Counter(style for style, _token, _where in uses)
        if len(counts) < 2:
            continue
        minority = "cu" if counts["cu"] < counts["moi"] else "moi"
        majority = "moi" if minority == "cu" else "cu"
        other = next(t for s, t, _w in uses if s == majority)
        for style, token, where in uses:
            if style == minority:
                out.add(
                    where,
                    "dau-thanh",
                    (
                        f"'{token}' đặt dấu thanh khác '{other}' (dùng "
                        f"{number(counts[majority])} lần trong văn bản)"
                    ),
                    syllables.restyle(token, majority),
                )


def _brackets(segments: list[Segment], out: Collector) -> None:
    stack: list[tuple[str, str]] = []
    straight: list[str] = []
    closers = {v: k for k, v in _PAIRS.items()}
    for seg in segments:
        text = LIST_LABEL.sub("", seg.text)
        for c in text:
            if c in _PAIRS:
                stack.append((c, seg.where))
            elif c in closers:
                if stack and stack[-1][0] == closers[c]:
                    stack.pop()
                else:
                    out.add(seg.where, "ngoac", f"có '{c}' mà không có '{closers[c]}' mở trước")
            elif c == '"':
                straight.append(seg.where)
    for opener, where in stack:
        out.add(where, "ngoac", f"'{opener}' mở mà không đóng")
    if len(straight) % 2:
        out.add(straight[-1], "ngoac", 'số dấu ngoặc kép " lẻ')


def _citations(segments: list[Segment], out: Collector, profile: Profile) -> None:
    pattern = citation()
    forms: dict[str, Counter] = defaultdict(Counter)
    uses: list[tuple[str, str, str]] = []  # (code, form, where)
    declared: dict[str, str] = {}
    rule = profile.dia_danh_ngay
    for seg in segments:
        for match in DECLARED.finditer(seg.text):
            short = pattern.fullmatch(match.group(1).strip())
            if short:
                declared.setdefault(short.group(3), match.group(1).strip())
        for match in pattern.finditer(seg.text):
            form = match.group(0)
            forms[match.group(3)][form] += 1
            uses.append((match.group(3), form, seg.where))
        for written, date in dates.cited_dates(seg.text):
            good = date.padded(rule)
            if good is not None:
                out.add(
                    seg.where,
                    "ngay-trich-dan",
                    f"ngày '{written}' sai cách thêm số 0 ({dates.padding_rule(rule)})",
                    f"ngày {good[0]}/{good[1]}/{date.year}",
                )
    for code, form, where in uses:
        variants = forms[code]
        if len(variants) < 2:
            continue
        canonical = declared.get(code) or variants.most_common(1)[0][0]
        if form != canonical and canonical in variants:
            out.add(
                where, "trich-dan", f"'{form}' dẫn khác với '{canonical}' ở nơi khác", canonical
            )
    _declared_before_use(segments, declared, out)


def _declared_before_use(segments: list[Segment], declared: dict[str, str], out: Collector) -> None:
    """A short form used before the paragraph that declares it (`viết tắt là …`)."""
    shorts = set(declared.values())
    seen: set[str] = set()
    for seg in segments:
        for match in DECLARED.finditer(seg.text):
            seen.add(match.group(1).strip())
        for short in shorts - seen:
            for found in re.finditer(re.escape(short), seg.text):
                if not seg.text[found.end() :].startswith(" ngày"):  # the full form
                    out.add(
                        seg.where, "viet-tat", f"dùng '{short}' trước khi khai báo 'viết tắt là'"
                    )


_NUMERAL = re.compile(r"[IVXL]+|\d+")


Numbered = tuple[Segment, labels.Label, bool]


def _numbered(segments: list[Segment], profile: Profile) -> list[Numbered]:
    """Each section and item label of the body, with whether it is in a phụ lục (from
    its `PHỤ LỤC` line on); an item before the first section is a list, not the outline."""
    found: list[Numbered] = []
    section = appendix = False
    for seg in segments:
        appendix = appendix or is_title(seg.text, profile.phu_luc)
        label = labels.parse(seg.text)
        if label is None or label.kind not in ("muc", "tieu_muc"):
            continue
        if label.kind == "tieu_muc" and not section and not appendix:
            continue
        section = section or label.kind == "muc"
        found.append((seg, label, appendix))
    return found


def _label_styles(found: list[Numbered], rule: Labels) -> dict[str, str]:
    """The form each kind of label takes in this document (`#.` or `#-`): `I.` or `I-` is
    the writer's choice (the Hướng dẫn leaves it open), so a document that keeps to one is
    right; one that mixes them keeps to its most common (the profile's on a tie)."""
    styles = {}
    for kind, own in (("muc", labels.section(1, rule)), ("tieu_muc", labels.item(1, rule))):
        written = Counter(_NUMERAL.sub("#", lb.written) for _s, lb, _a in found if lb.kind == kind)
        own = _NUMERAL.sub("#", own)
        top = max(written.values(), default=0)
        styles[kind] = own if written[own] == top else written.most_common(1)[0][0]
    return styles


def _numbering(segments: list[Segment], out: Collector, profile: Profile) -> None:
    """Sections and items counted in order; a label written otherwise than the document's
    other labels of its kind (`I-` among `I.`) is reported with their form. A phụ lục (from
    its `PHỤ LỤC` line on) may number its forms from 1 again. A label is wrong when it is
    neither the one after the previous label nor the one its place in the list gives, so
    one repeated `II.` is one finding, not one more for each section after it."""
    found = _numbered(segments, profile)
    styles = _label_styles(found, profile.nhan)
    section = item = sections = items = 0
    for seg, label, appendix in found:
        numeral = labels.roman(label.value) if label.kind == "muc" else str(label.value)
        expected = styles[label.kind].replace("#", numeral)
        if label.written != expected:
            out.add(
                seg.where,
                "danh-so",
                f"nhãn '{label.written}' khác kiểu '{expected}' của các nhãn khác trong văn bản",
                expected,
            )
        restart = appendix and label.value == 1
        if label.kind == "muc":
            sections = 1 if restart else sections + 1
            if label.value not in (section + 1, sections) and not restart:
                out.add(
                    seg.where,
                    "danh-so",
                    f"mục {label.written[:-1].strip()} sau mục "
                    f"{labels.roman(section) if section else '(chưa có)'}: số La Mã nhảy hoặc lặp",
                )
            section, item, items = label.value, 0, 0
        else:
            items = 1 if restart else items + 1
            if label.value not in (item + 1, items) and not restart:
                out.add(
                    seg.where,
                    "danh-so",
                    f"mục {label.value}. sau mục {item}.: đánh số nhảy hoặc lặp",
                )
            item = label.value
