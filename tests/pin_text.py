"""What the pins hold of an output, as text a reviewer reads in a diff: a DOCX paragraph by
paragraph (tables cell by cell, headers, footers, comments), a workbook cell by cell, text
files as they are; then a digest of every zip part, a second check of the bytes.

One line per paragraph or cell, so a word changed in one document changes one line of its
pin. Formatting lives in the named styles of the templates, so a paragraph shows its style
and only what is set on it directly (`{jc=center}`), a run only its own properties
(`«rStyle=KHDan|Về y tế:»`); comment ranges read `⟦0 …⟧`, fields `{PAGE}`."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
# The parts of a DOCX that hold what a reader sees; the rest is pinned by digest only.
_READ = ("word/document.xml", "word/header", "word/footer", "word/comments.xml",
         "word/footnotes.xml", "word/endnotes.xml", "docProps/core.xml")
_SKIP_RUN = {"rPr", "commentReference", "annotationRef", "lastRenderedPageBreak"}
_SKIP = {"bookmarkStart", "bookmarkEnd", "proofErr", "pPr", "permStart", "permEnd", "tblPr",
         "tblGrid", "trPr", "tcPr"}
_TWIPS = {"pgSz", "pgMar", "ind", "tblInd", "gridCol", "tcW", "tblW"}


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else "?"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _value(element: etree._Element, name: str, value: str) -> str:
    """An attribute as a reader wants it: lengths in twentieths of a point as mm."""
    if _local(element.tag) in _TWIPS and name in {"w", "h", "top", "bottom", "left", "right",
                                                  "header", "footer", "gutter", "firstLine",
                                                  "hanging", "start", "end"}:
        try:
            return f"{round(int(value) * 25.4 / 1440, 1):g}mm"
        except ValueError:
            return value
    return value


def _token(element: etree._Element) -> str:
    """`b`, `sz=28`, `ind(firstLine=10mm)`: one property element, its attributes in order."""
    name = _local(element.tag)
    attrs = {_local(k): _value(element, _local(k), v) for k, v in element.attrib.items()}
    if not attrs:
        return name
    if list(attrs) == ["val"]:
        return f"{name}={attrs['val']}"
    return name + "(" + ",".join(f"{k}={v}" for k, v in attrs.items()) + ")"


def _props(element: etree._Element | None, leave: set[str]) -> list[str]:
    if element is None:
        return []
    return [_token(child) for child in element if _local(child.tag) not in leave]


class _Docx:
    """Text of the reading parts of one DOCX, with its relationships resolved."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.rels: dict[str, str] = {}
        if "word/_rels/document.xml.rels" in archive.namelist():
            root = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
            self.rels = {r.get("Id", ""): r.get("Target", "") for r in root.iter(f"{{{REL}}}*")}

    def part(self, name: str) -> list[str]:
        root = etree.fromstring(self.archive.read(name))
        if name == "docProps/core.xml":
            return [f"{_local(e.tag)} = {e.text or ''}" for e in root if len(e) == 0]
        if _local(root.tag) == "comments":
            return [line for comment in root for line in self._comment(comment)]
        body = root.find(f"{{{W}}}body")
        return list(self._blocks(body if body is not None else root, ""))

    def _comment(self, comment: etree._Element) -> Iterator[str]:
        attrs = " ".join(f"{_local(k)}={v}" for k, v in comment.attrib.items())
        yield f"comment {attrs}"
        yield from self._blocks(comment, "  ")

    def _blocks(self, parent: etree._Element, indent: str) -> Iterator[str]:
        for child in parent:
            name = _local(child.tag)
            if name == "p":
                yield indent + self._paragraph(child)
                section = child.find(f"{{{W}}}pPr/{{{W}}}sectPr")
                if section is not None:
                    yield indent + self._section(section)
            elif name == "tbl":
                yield from self._table(child, indent)
            elif name == "sectPr":
                yield indent + self._section(child)
            elif name == "sdt":
                content = child.find(f"{{{W}}}sdtContent")
                yield from self._blocks(child if content is None else content, indent)
            elif name not in _SKIP:
                yield f"{indent}«? {name}»"

    def _paragraph(self, p: etree._Element) -> str:
        props = p.find(f"{{{W}}}pPr")
        style = props.find(f"{{{W}}}pStyle") if props is not None else None
        direct = _props(props, {"pStyle", "sectPr", "rPr"})
        head = "¶ " + (style.get(f"{{{W}}}val") if style is not None else "-")
        if direct:
            head += " {" + " ".join(direct) + "}"
        return f"{head}: {''.join(self._inline(p))}"

    def _inline(self, parent: etree._Element) -> Iterator[str]:
        """The text of runs and what sits between them, in order; runs of the same direct
        formatting are joined, so a paragraph of plain runs reads as one string."""
        pending: tuple[str, list[str]] | None = None
        for child in parent:
            name = _local(child.tag)
            if name == "r":
                tokens = "|".join(_props(child.find(f"{{{W}}}rPr"), set()))
                text = "".join(self._run(child))
                if not text:  # a comment's reference mark, an empty run: nothing to read
                    continue
                if pending and pending[0] == tokens:
                    pending[1].append(text)
                else:
                    if pending:
                        yield _styled(*pending)
                    pending = (tokens, [text])
                continue
            if pending:
                yield _styled(*pending)
                pending = None
            if name == "commentRangeStart":
                yield f"⟦{child.get(f'{{{W}}}id')} "
            elif name == "commentRangeEnd":
                yield "⟧"
            elif name == "fldSimple":
                yield "{" + (child.get(f"{{{W}}}instr") or "").strip() + "}"
            elif name in {"ins", "del", "hyperlink", "smartTag", "customXml"}:
                yield f"«{name}:" + "".join(self._inline(child)) + "»"
            elif name not in _SKIP:
                yield f"«? {name}»"
        if pending:
            yield _styled(*pending)

    def _run(self, run: etree._Element) -> Iterator[str]:
        for child in run:
            name = _local(child.tag)
            if name in {"t", "delText"}:
                yield child.text or ""
            elif name == "tab":
                yield "⇥"
            elif name in {"br", "cr"}:
                yield "↵" if child.get(f"{{{W}}}type") in (None, "textWrapping") else "⤓"
            elif name == "instrText":
                yield "{" + (child.text or "").strip() + "}"
            elif name == "noBreakHyphen":
                yield "\u2011"
            elif name not in _SKIP_RUN | {"fldChar"}:
                yield f"«? {name}»"

    def _table(self, table: etree._Element, indent: str) -> Iterator[str]:
        grid = [_token(col) for col in table.iterfind(f"{{{W}}}tblGrid/{{{W}}}gridCol")]
        props = table.find(f"{{{W}}}tblPr")
        shown = [_token(e) for e in props if _local(e.tag) in {"tblStyle", "tblInd", "jc"}] \
            if props is not None else []
        yield f"{indent}table {' '.join(shown + grid)}"
        for r, row in enumerate(table.iterfind(f"{{{W}}}tr"), 1):
            row_props = _props(row.find(f"{{{W}}}trPr"), set())
            yield f"{indent}  row {r}" + (f" {{{' '.join(row_props)}}}" if row_props else "")
            for c, cell in enumerate(row.iterfind(f"{{{W}}}tc"), 1):
                cell_props = _props(cell.find(f"{{{W}}}tcPr"), {"tcW"})
                yield f"{indent}  cell {r}.{c}" + (f" {{{' '.join(cell_props)}}}"
                                                   if cell_props else "")
                yield from self._blocks(cell, indent + "    ")

    def _section(self, section: etree._Element) -> str:
        tokens = []
        for child in section:
            name = _local(child.tag)
            if name in {"headerReference", "footerReference"}:
                target = self.rels.get(child.get(f"{{{R}}}id", ""), "?")
                tokens.append(f"{name}({child.get(f'{{{W}}}type')}={target})")
            else:
                tokens.append(_token(child))
        return "section " + " ".join(tokens)


def _styled(tokens: str, texts: list[str]) -> str:
    text = "".join(texts)
    return f"«{tokens}|{text}»" if tokens else text


def docx_lines(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        reader = _Docx(archive)
        lines: list[str] = []
        for name in sorted(archive.namelist(), key=_reading_order):
            if name.startswith(_READ):
                lines += [f"== {name}", *reader.part(name)]
    return lines


def _reading_order(name: str) -> tuple[int, str]:
    return next((i for i, head in enumerate(_READ) if name.startswith(head)), len(_READ)), name


def xlsx_lines(data: bytes) -> list[str]:
    """Each sheet's settings, merged ranges, validations, then every cell that holds a
    value or is open for input: type, value (a formula as written), number format, lock."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = [f"defined name {name} = {item.attr_text}"
             for name, item in sorted(book.defined_names.items())]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        lines.append(
            f"== sheet {sheet.title!r} state={sheet.sheet_state} "
            f"protected={sheet.protection.sheet} freeze={sheet.freeze_panes} "
            f"print_titles={sheet.print_title_rows} orientation={setup.orientation} "
            f"paper={setup.paperSize} fit={setup.fitToWidth}x{setup.fitToHeight}")
        lines += [f"column {key} width={dim.width:g}" for key, dim
                  in sorted(sheet.column_dimensions.items()) if dim.customWidth]
        lines += [f"row {key} height={dim.height:g}" for key, dim
                  in sorted(sheet.row_dimensions.items()) if dim.height is not None]
        lines += [f"merged {r}" for r in sorted(str(r) for r in sheet.merged_cells.ranges)]
        for rule in sheet.data_validations.dataValidation:
            lines.append(
                f"validation {rule.sqref} type={rule.type} operator={rule.operator} "
                f"formula1={rule.formula1} formula2={rule.formula2} "
                f"allow_blank={rule.allow_blank} error={rule.error!r} prompt={rule.prompt!r}")
        for row in sheet.iter_rows():
            for cell in row:
                line = _cell_line(cell)
                if line:
                    lines.append(line)
    return lines


def _cell_line(cell) -> str | None:
    unlocked = cell.protection is not None and not cell.protection.locked
    if cell.value is None and not unlocked:
        return None
    value = repr(cell.value) if isinstance(cell.value, str) and cell.data_type != "f" \
        else str(cell.value)
    parts = [f"{cell.coordinate} {cell.data_type} {value}"]
    if cell.number_format != "General":
        parts.append(f"format={cell.number_format}")
    if cell.font is not None and cell.font.b:
        parts.append("bold")
    if unlocked:
        parts.append("unlocked")
    return " ".join(parts)


def pin_text(path: Path) -> str:
    """The pin of one output file: its reading text, then its parts' digests."""
    data = path.read_bytes()
    if path.suffix not in {".docx", ".xlsx"}:
        return data.decode("utf-8")
    lines = docx_lines(data) if path.suffix == ".docx" else xlsx_lines(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        lines.append("== bytes (sha256, 16 hex) of each part")
        lines += [f"{name} {digest(archive.read(name))}" for name in sorted(archive.namelist())]
    return "\n".join(lines) + "\n"
