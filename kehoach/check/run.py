"""`kehoach check`: the findings for one file of any kind, and the safe fixes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kehoach.check import files, text
from kehoach.check.findings import Collector, Finding, Segment
from kehoach.rules.profile import load_profile
from kehoach.rules.profile_dates import Kind, load_profile_table, profile_on
from kehoach.source import yamlsource
from kehoach.vn import dates
from kehoach.vn.mottos import kind_of_header
from kehoach.vn.typenames import type_of_title


@dataclass(frozen=True)
class Checked:
    """The findings of one file and the profile they were judged by, with why that one."""

    findings: list[Finding]
    profile: str
    why: str


def check_file(path: Path, profile: str | None) -> Checked:
    """Every finding of the text rules (all files) and the format rules (DOCX), judged by
    `profile`, or when None by the profile of the document's date."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        segments = files.yaml_segments(path)
        summary = [s for s in segments if s.where.endswith("van_ban.trich_yeu")]
    elif suffix == ".docx":
        segments = files.docx_segments(path)
        summary = _after_title(segments)
    else:
        segments = files.text_segments(path)
        summary = _after_title(segments)
    if profile is not None:
        profile, why = profile, "theo --profile"
    elif suffix in (".yaml", ".yml"):
        profile, why = _plan_profile(path)
    else:
        profile, why = _dated_profile(segments)
    out = Collector(str(path), profile)
    text.check_text(segments, out, profile)
    lower_first = load_profile(profile).trich_yeu.chu_dau == "thuong"
    if summary and lower_first and summary[0].text.strip()[:1].isupper():
        out.add(
            summary[0].where,
            "trich-yeu-hoa",
            "trích yếu bắt đầu bằng chữ hoa; quy định viết thường chữ đầu",
            "viết thường",
        )
    if suffix == ".docx":
        from kehoach.check.layout import check_layout

        check_layout(path, out, profile)
    return Checked(out.findings, profile, why)


def _plan_profile(path: Path) -> tuple[str, str]:
    """The plan's own `ho_so`, else the profile of its kind (`van_ban.the_thuc`) in force on
    its `van_ban.ngay`."""
    data = yamlsource.load(files.read_text(path), str(path)).data
    data = data if isinstance(data, dict) else {}
    named, header = data.get("ho_so"), data.get("van_ban")
    header = header if isinstance(header, dict) else {}
    when = _date(header.get("ngay"))
    kind: Kind = "nha_nuoc" if header.get("the_thuc") == "nha_nuoc" else "dang"
    if isinstance(named, str):
        return named, "kế hoạch ghi ho_so"
    if isinstance(when, dt.date | int) and not isinstance(when, bool):
        return profile_on(when, kind), _by_date(when) + _KINDS[kind]
    return _undated("kế hoạch không có van_ban.ngay", kind)


def _date(value: object) -> object:
    """A date written as text in the YAML (`'2026-09-15'`) as a date; else as it is."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


HEADER_SEGMENTS = 30
"""How far into a document its header block (Quốc hiệu, issuer, date line) is looked for."""
_KINDS: dict[Kind, str] = {"dang": "", "nha_nuoc": ", văn bản có Quốc hiệu: thể thức nhà nước"}


def _dated_profile(segments: list[Segment]) -> tuple[str, str]:
    """The profile of the document's kind (a header holding the Quốc hiệu is a State one)
    in force on its first date line (`Hòa An, ngày … tháng … năm 2026`)."""
    kind = kind_of_header(s.text for s in segments[:HEADER_SEGMENTS])
    for segment in segments:
        found = dates.parse_date_line(segment.text)
        if found is not None:
            when = found.date.value()
            return profile_on(when, kind), _by_date(when) + _KINDS[kind]
    return _undated("không thấy dòng địa danh, ngày tháng", kind)


def _by_date(when: dt.date | int) -> str:
    if isinstance(when, int):
        return f"theo năm {when}: hồ sơ có hiệu lực ngày 31/12/{when}"
    return f"theo ngày {when.day}/{when.month}/{when.year}"


def _undated(why: str, kind: Kind) -> tuple[str, str]:
    """The first profile of the document's kind."""
    table = load_profile_table()
    first = (table.nha_nuoc if kind == "nha_nuoc" else table.ho_so)[0].id
    return first, f"{why}: dùng hồ sơ đầu tiên{_KINDS[kind]}"


def _after_title(segments: list[Segment]) -> list[Segment]:
    """The trích yếu: the first text after the tên loại (KẾ HOẠCH, BÁO CÁO …)."""
    for i, seg in enumerate(segments):
        if type_of_title(seg.text):
            rest = [s for s in segments[i + 1 :] if s.text.strip()]
            return rest[:1]
    return []


def fix_line(line: str, profile: str, words: str | None = None) -> str:
    """One line with the safe fixes; Telex slips are looked for in `words` (the value the
    line is part of) when given, so a YAML scalar's raw text gets its value's fixes."""
    doubled = text.double_space(load_profile(profile).so_ky_hieu.tien_to)
    new = text.SPACE_BEFORE.sub("", doubled.sub(" ", line))
    for slip, meant in text.telex_fixes(new if words is None else words).items():
        new = re.sub(rf"(?<!\w){re.escape(slip)}(?!\w)", meant, new)
    return new


CONTEXT = 25
"""How many characters of unchanged text a fix is shown with, at most, on either side (and
how far apart two fixes of one line must be to be shown apart)."""


def shown_change(before: str, after: str) -> str:
    """Each place where `before` became `after`, shown as the words around it (`«các ddoanf
    theer chính» → «các đoàn thể chính»`), not as a line's opening that looks the same; a
    fix of spaces only says so, since they do not show."""
    from difflib import SequenceMatcher

    groups: list[list[int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if groups and i1 - groups[-1][1] < 2 * CONTEXT:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    shown = []
    for n, (i1, i2, j1, j2) in enumerate(groups):
        room_left = i1 - groups[n - 1][1] if n else i1
        room_right = groups[n + 1][0] - i2 if n + 1 < len(groups) else len(before) - i2
        left = min(_words_back(before, i1), room_left, CONTEXT)
        right = min(_words_on(before, i2), room_right, CONTEXT)
        lead = "…" if i1 - left > 0 else ""
        tail = "…" if i2 + right < len(before) else ""
        old = before[i1 - left : i2 + right]
        new = after[j1 - left : j2 + right]
        spaces = " (dấu cách)" if "".join(old.split()) == "".join(new.split()) else ""
        shown.append(f"«{lead}{old}{tail}» → «{lead}{new}{tail}»{spaces}")
    return "; ".join(shown)


def _words_back(text: str, i: int) -> int:
    """How far back from `i` the start of the word before the one `i` is in lies."""
    j = i
    for word in (True, False, True):  # the rest of this word, the spaces, the word before
        while j > 0 and text[j - 1].isspace() != word:
            j -= 1
    return i - j


def _words_on(text: str, i: int) -> int:
    """How far on from `i` the end of the word after the one `i` is in lies."""
    j = i
    for word in (True, False, True):
        while j < len(text) and text[j].isspace() != word:
            j += 1
    return j - i


def fix_file(path: Path, profile: str) -> tuple[str, list[str]]:
    """The fixed text of a YAML plan (string values only) or of a text file."""
    raw = files.read_text(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        from kehoach.check.fixyaml import fix_yaml

        return fix_yaml(raw, str(path), profile)
    return fix_text(raw, profile)


def fix_text(source: str, profile: str) -> tuple[str, list[str]]:
    """The safe fixes: NFC, doubled spaces, spaces before punctuation, Telex slips with
    one reading. Returns the new text and a line per change."""
    changes: list[str] = []
    fixed = unicodedata.normalize("NFC", source)
    if fixed != source:
        changes.append("chuẩn hóa Unicode NFC")
    lines = fixed.split("\n")
    for i, line in enumerate(lines):
        new = fix_line(line, profile)
        if new != line:
            changes.append(f"dòng {i + 1}: {shown_change(line, new)}")
            lines[i] = new
    return "\n".join(lines), changes
