"""How `kehoach import` does on whole real documents (issue 22): for each, the share of its
lines that the DOCX rendered from the imported plan keeps, and what import recognised
(header fields, parts, indicators, signature, recipients, review marks).

    python tests/corpus/measure.py [FOLDER_OR_FILE ...]

Without arguments it reads `../shared/real/` (beside the repository; `$KEHOACH_REAL` names
another folder), every folder of
`$KEHOACH_CORPUS` (separated by the path separator) and their sub-folders. A line is
every non-blank line of the source as Word shows it (each paragraph and table cell, split
where Shift+Enter breaks it or a run of spaces pushes a dash line onto the next line, runs of
spaces and no-break spaces as one space); it is
*kept* when the rendered document holds it word for word, *kept in the profile's form*
when it is there once its trailing `,;.` is set aside (a recipient line ends as the format
profile wants), else *lost*. Nothing is written; the tests of `tests/corpus/` use the same
functions.
"""

from __future__ import annotations

import io
import os
import re
import sys
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SHARED_REAL = Path(os.environ.get("KEHOACH_REAL") or ROOT.parent / "shared" / "real")
"""As the tests read it (tests/conftest.py: REAL_DOCUMENTS)."""
SUFFIXES = (".docx", ".doc", ".odt", ".rtf")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_PADDED = re.compile(r"[ \t\u00a0]{3,}(?=-\s?\S)")
"""Spaces typed to push a dash line onto the next line (`- A;        - B;`): two lines."""


def corpus(paths: list[Path] | None = None) -> list[Path]:
    """The documents of `paths` (folders searched recursively), else of the default folders."""
    if not paths:
        paths = [SHARED_REAL]
        paths += [Path(p) for p in os.environ.get("KEHOACH_CORPUS", "").split(os.pathsep) if p]
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
    return found


def squash(text: str) -> str:
    """NFC, runs of spaces, tabs and no-break spaces as one space."""
    return re.sub(r"[ \t\u00a0\u2007\u202f]+", " ", unicodedata.normalize("NFC", text)).strip()


_BOX = {f"{{{W}}}txbxContent", f"{{{MC}}}Fallback"}


def _boxed(node, paragraph) -> bool:
    """Whether `node` is the text of a text box anchored in `paragraph` (its own lines),
    or of the second copy Word keeps of a box (shown once)."""
    for parent in node.iterancestors():
        if parent is paragraph:
            return False
        if parent.tag in _BOX:
            return True
    return False


def _text(paragraph) -> str:
    out = []
    for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr"):
        if _boxed(node, paragraph):
            continue
        if node.tag == f"{{{W}}}t":
            out.append(node.text or "")
        elif node.tag == f"{{{W}}}tab":
            out.append("\t")
        elif node.get(f"{{{W}}}type") in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def docx_lines(data: bytes) -> list[str]:
    """Every non-blank line of a DOCX's body as Word shows it (deleted text left out)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    for deleted in list(root.iter(f"{{{W}}}del")):
        deleted.getparent().remove(deleted)
    lines = []
    for paragraph in root.iter(f"{{{W}}}p"):
        if any(a.tag == f"{{{MC}}}Fallback" for a in paragraph.iterancestors()):
            continue  # a text box's second copy
        for line in _text(paragraph).split("\n"):
            lines += [squash(x) for x in _PADDED.split(line) if squash(x)]
    return lines


def source_bytes(path: Path) -> bytes:
    """The DOCX of a document: the file itself, or a `.doc`/`.odt`/`.rtf` converted the
    way `kehoach import` converts it."""
    if path.suffix.lower() == ".docx":
        return path.read_bytes()
    from kehoach.importer.convert import to_docx

    return to_docx(path)


@dataclass
class Measure:
    """What one document gave."""

    name: str
    lines: int = 0
    kept: int = 0
    reformatted: int = 0
    lost: list[str] = field(default_factory=list)
    refused: str = ""
    invalid: str = ""
    header: dict[str, str] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    indicators: int = 0
    valued: int = 0
    milestones: int = 0
    signature: str = ""
    recipients: list[str] = field(default_factory=list)
    review: int = 0


def _loose(line: str) -> str:
    return line.rstrip(",;. ").removeprefix("- ").removeprefix("-").strip()


def compare(source: list[str], rendered: list[str], into: Measure) -> None:
    """Count the source lines the rendered lines keep (see the module docstring)."""
    text = "\n".join(rendered)
    loose = "\n".join(_loose(x) for x in rendered)
    into.lines = len(source)
    for line in source:
        if line in text:
            into.kept += 1
        elif _loose(line) and _loose(line) in loose:
            into.reformatted += 1
        else:
            into.lost.append(line)


def measure(path: Path) -> Measure:
    """Import `path`, write and load the plan as `kehoach import` does, render it, compare."""
    from kehoach.document.render import renderer_for
    from kehoach.errors import KehoachError
    from kehoach.importer.parse import parse
    from kehoach.importer.sources import read_source
    from kehoach.plan import yamlwrite
    from kehoach.plan.loader import plan_from_source
    from kehoach.source import yamlsource

    out = Measure(path.name)
    try:
        source = docx_lines(source_bytes(path))
    except (KehoachError, OSError, KeyError, ImportError, zipfile.BadZipFile) as exc:
        out.refused = f"không đọc được: {exc}"
        return out
    try:
        imported = parse(read_source(path), path)
    except KehoachError as exc:
        out.refused = str(exc).splitlines()[0]
        out.lines, out.lost = len(source), source
        return out
    out.review = sum(len(r) for r in imported.review.values())
    text = yamlwrite.dump(imported.data)
    try:
        plan = plan_from_source(yamlsource.load(text, f"{path.stem}.yaml"))
    except KehoachError as exc:
        problems = str(exc).splitlines()
        out.invalid = f"{len(problems)} lỗi: {problems[0]}"
        out.lines, out.lost = len(source), source
        return out
    _recognised(plan, out)
    rendered = docx_lines(renderer_for("ke_hoach.docx").render(plan))
    compare(source, rendered, out)
    return out


def _recognised(plan, out: Measure) -> None:
    h = plan.van_ban
    header = {
        "the_thuc": getattr(h, "the_thuc", "dang"),
        "cap_tren": h.cap_tren or "",
        "co_quan": h.co_quan,
        "so": "" if h.so is None else str(h.so),
        "ky_hieu": f"{h.loai}/{h.ma_co_quan}",
        "dia_danh": h.dia_danh,
        "ngay": str(h.ngay) + (f" tháng {h.thang}" if getattr(h, "thang", None) else ""),
        "trich_yeu": h.trich_yeu,
    }
    out.header = {k: " / ".join(v.split("\n")) for k, v in header.items() if v}
    out.parts = [part.tieu_de for part in plan.parts()]
    indicators = plan.indicators()
    out.indicators = len(indicators)
    out.valued = sum(i.gia_tri is not None for i in indicators)
    out.milestones = len(plan.milestones())
    s = plan.chu_ky
    signer = [s.quyen_han, s.chuc_vu, s.ghi_chu, s.ho_ten, getattr(s, "duoi_ten", "")]
    out.signature = " | ".join(x.replace("\n", " / ") for x in signer if x)
    out.recipients = list(plan.noi_nhan)


def report(m: Measure) -> Iterator[str]:
    yield f"== {m.name}"
    if m.refused:
        yield f"   TỪ CHỐI: {m.refused}"
        return
    if m.invalid:
        yield f"   KHÔNG HỢP LỆ: {m.invalid}"
        return
    lost = len(m.lost)
    yield (
        f"   dòng: {m.kept + m.reformatted}/{m.lines} giữ ({m.kept} nguyên văn, "
        f"{m.reformatted} theo thể thức), mất {lost}"
    )
    for line in m.lost[:8]:
        yield f"      mất: «{line[:100]}»"
    for key, value in m.header.items():
        yield f"   {key}: {value[:110]}"
    yield f"   phần ({len(m.parts)}): {' | '.join(p[:40] for p in m.parts)}"
    yield f"   chỉ tiêu: {m.indicators} ({m.valued} có giá trị); dòng mốc phụ lục: {m.milestones}"
    yield f"   chữ ký: {m.signature}"
    yield f"   nơi nhận ({len(m.recipients)}): {' | '.join(r[:40] for r in m.recipients)}"
    yield f"   xem lại: {m.review}"


def main(argv: list[str]) -> int:
    documents = corpus([Path(a) for a in argv])
    if not documents:
        print("không có văn bản nào (cần ../shared/real hoặc đường dẫn)", file=sys.stderr)
        return 2
    results = []
    for path in documents:
        m = measure(path)
        results.append(m)
        for line in report(m):
            print(line)
    done = [m for m in results if not m.refused and not m.invalid]
    lines = sum(m.lines for m in results)
    kept = sum(m.kept + m.reformatted for m in results)
    print(
        f"== tổng: {len(results)} văn bản, {len(done)} nhập và hợp lệ; "
        f"dòng giữ {kept}/{lines} ({sum(m.kept for m in results)} nguyên văn); "
        f"chỉ tiêu {sum(m.indicators for m in done)}; "
        f"xem lại {sum(m.review for m in done)}"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
