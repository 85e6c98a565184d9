"""Format rules for a DOCX, read from the profile: page, fonts, the header block, title,
trích yếu, body, page numbers, signature and nơi nhận. Locations are paragraph numbers
with their first words, counted like `docx_segments` counts them."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from kehoach.check.effective import Formats, points, w
from kehoach.check.files import Unreadable, open_docx, paragraph_text, where_paragraph, xml_part
from kehoach.check.findings import Collector
from kehoach.rules.data import type_codes
from kehoach.rules.profile import Profile, Text, load_profile
from kehoach.vn import closing, dates, docnumber, mottos
from kehoach.vn.appendix import is_title
from kehoach.vn.numbers import number

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class _Doc:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.package = open_docx(path)
        body = xml_part(path, self.package, "word/document.xml", required=True).find(w("body"))
        if body is None:
            raise Unreadable(f"{path}: word/document.xml: thiếu thân văn bản <w:body>")
        self.body = body
        self.formats = Formats(self.package, path)
        self.paragraphs = list(self.body.iter(w("p")))
        self.number = {id(p): i for i, p in enumerate(self.paragraphs, start=1)}
        rels = xml_part(path, self.package, "word/_rels/document.xml.rels", required=True)
        self.targets = {r.get("Id"): r.get("Target") for r in rels}

    def where(self, p) -> str:
        return where_paragraph(self.number[id(p)], paragraph_text(p))

    def part(self, rel_id: str):
        target = self.targets.get(rel_id)
        if not target:
            return None
        name = "word/" + target.lstrip("/").removeprefix("word/")
        return xml_part(self.path, self.package, name)


def _mm(twips: str | None) -> float | None:
    """A page measure in mm (twips, or a length with its unit); None when unreadable."""
    found = points(twips, 20)
    return None if found is None else found * 25.4 / 72


def _size(size: float) -> str:
    """A font size as the findings write it: `14`, `10,5`."""
    return number(size)


def _sizes(rule: Text) -> str:
    low, high = rule.co_cho_phep or (rule.co, rule.co)
    return f"cỡ {_size(low)}" if low == high else f"cỡ {_size(low)}–{_size(high)}"


def check_layout(path: Path, out: Collector, profile_name: str) -> None:
    profile = load_profile(profile_name)
    doc = _Doc(path)
    _page(doc, out, profile)
    _fonts(doc, out, profile)
    header = next(
        (
            t
            for t in doc.body.iter(w("tbl"))
            if any(mottos.holds(paragraph_text(q), profile.tieu_de.chu) for q in t.iter(w("p")))
        ),
        None,
    )
    if header is None:  # a table or a form, not a document with the official layout
        message = (
            f"không tìm thấy bảng đầu văn bản có dòng '{profile.tieu_de.chu}': chỉ "
            "kiểm tra trang, phông chữ và số trang"
        )
        out.add("đầu văn bản", "dau-van-ban", message)
        _page_numbers(doc, out)
        return
    _header(doc, header, out, profile)
    _title_and_body(doc, out, profile)
    _page_numbers(doc, out)
    _signature(doc, out, profile)


def _page(doc: _Doc, out: Collector, p: Profile) -> None:
    sections = [s for s in doc.body.iter(w("sectPr"))]
    for i, sect in enumerate(sections, start=1):
        size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
        where = f"phần (section) {i}"
        if size is None or margins is None:
            continue
        width, height = _mm(size.get(w("w"))), _mm(size.get(w("h")))
        if width is None or height is None:
            out.add(where, "kho-giay", "khổ giấy không đọc được (w:pgSz hỏng)", "A4")
            continue
        landscape = width > height
        if sorted([round(width), round(height)]) != sorted(
            [round(p.trang.rong_mm), round(p.trang.cao_mm)]
        ):
            out.add(
                where,
                "kho-giay",
                f"khổ giấy {width:.0f} × {height:.0f} mm, không phải A4",
                f"A4 {p.trang.rong_mm:.0f} × {p.trang.cao_mm:.0f} mm",
            )
        rule = p.trang_ngang if landscape else p.trang
        expected = {
            "top": rule.le_tren_mm,
            "bottom": rule.le_duoi_mm,
            "left": rule.le_trai_mm,
            "right": rule.le_phai_mm,
        }
        names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
        wrong = []
        for side, want in expected.items():
            found = _mm(margins.get(w(side)))
            if found is None:
                wrong.append(f"{names[side]} không đọc được (cần {want:.0f})")
            elif abs(found - want) > 0.6:
                wrong.append(f"{names[side]} {found:.0f} mm (cần {want:.0f})")
        if wrong:
            out.add(
                where,
                "le-trang",
                "lề sai: " + ", ".join(wrong),
                "lề " + "/".join(f"{v:.0f}" for v in expected.values()) + " mm",
            )


_FACES = re.compile(r"(?:\s+(?:Bold|Italic|Regular|Bold Italic|BoldItalic))+$")


def _family(font: str) -> str:
    """`Times New Roman Bold` (a face name some files write) is `Times New Roman`."""
    return _FACES.sub("", font.strip())


def _fonts(doc: _Doc, out: Collector, p: Profile) -> None:
    for paragraph in doc.paragraphs:
        for run in paragraph.iter(w("r")):
            if not "".join(t.text or "" for t in run.iter(w("t"))).strip():
                continue
            font = doc.formats.run(paragraph, run).font
            if font and _family(font) != p.phong_chu:
                out.add(doc.where(paragraph), "phong-chu", f"phông chữ {font}", p.phong_chu)
                break


def _cells(table) -> list[list]:
    """Each column's paragraphs, top to bottom: a header or signature table of one row, or
    of two (issuer | Quốc hiệu over số | date, as a State header is often laid out)."""
    rows = [tr.findall(w("tc")) for tr in table.findall(w("tr"))]
    width = max((len(cells) for cells in rows), default=0)
    return [
        [q for cells in rows if c < len(cells) for q in cells[c].iter(w("p"))] for c in range(width)
    ]


def _texts(paragraphs) -> list[tuple[object, str]]:
    return [(p, paragraph_text(p).strip()) for p in paragraphs if paragraph_text(p).strip()]


def _header(doc: _Doc, table, out: Collector, p: Profile) -> None:
    cells = _cells(table)
    if len(cells) < 2:
        out.add(
            doc.where(cells[0][0]) if cells and cells[0] else "đầu văn bản",
            "dau-van-ban",
            "khối đầu văn bản không phải bảng hai cột",
        )
        return
    left, right = _texts(cells[0]), _texts(cells[1])
    _motto(doc, table, cells[1], right, out, p)
    _issuer(doc, cells[0][0], left, out, p)
    _number(doc, cells[0][0], left, out, p)
    _date_line(doc, right, out, p)


def _emphasis(rule: Text) -> str:
    return ", ".join(
        x for x in (_sizes(rule), "đậm" if rule.dam else "", "nghiêng" if rule.nghieng else "") if x
    )


def _styled(fmt, rule: Text) -> bool:
    """Size within the profile's sizes, bold and italic as the profile says (an element the
    profile does not bolden may still be bold: only a required emphasis is checked)."""
    sized = fmt.size is None or rule.allows(fmt.size)
    return sized and (fmt.bold or not rule.dam) and (fmt.italic or not rule.nghieng)


def _motto(doc: _Doc, table, cell: list, right: list, out: Collector, p: Profile) -> None:
    """The title line (ĐẢNG CỘNG SẢN VIỆT NAM; a State document's Quốc hiệu and the Tiêu ngữ
    under it): size and bold, and the line drawn under the last of them — a paragraph
    border, a drawn line, or the words underlined as Word users make it (HD 05 allows it)."""
    f = doc.formats
    last = None
    for rule in (p.tieu_de, p.tieu_ngu):
        if rule is None:
            continue
        found = next(((q, t) for q, t in right if mottos.holds(t, rule.chu)), None)
        if found is None:
            out.add("đầu văn bản", "tieu-de", f"thiếu dòng '{rule.chu}'")
            return
        q = found[0]
        fmt = f.run(q, q.find(w("r")))
        if fmt.size is None or not _styled(fmt, rule):
            size = f"cỡ {_size(fmt.size) if fmt.size else '?'}" + (", đậm" if fmt.bold else "")
            out.add(doc.where(q), "tieu-de", f"dòng '{rule.chu}' {size}", _emphasis(rule))
        last = q
    following = cell[cell.index(last) + 1 :]
    ruled = f.has_border(last, "bottom") or any(f.has_border(n, "top") for n in following[:1])
    drawn = any(
        isinstance(e.tag, str)
        and (e.tag.endswith("}line") or e.tag.endswith("}cxnSp") or e.tag.endswith("}wsp"))
        for e in table.iter()
    )
    underlined = all(
        f.run(last, r).underline
        for r in last.iter(w("r"))
        if "".join(t.text or "" for t in r.iter(w("t"))).strip()
    )
    if not (ruled or drawn or underlined):
        out.add(doc.where(last), "tieu-de", "thiếu đường kẻ dưới tiêu đề", "kẻ một đường liền")


def _issuer(doc: _Doc, first, left: list, out: Collector, p: Profile) -> None:
    """The `*` line (where the profile has one), the issuing body above it and the number
    line (capitals, bold) and the body above that."""
    f = doc.formats
    star = next((i for i, (_q, t) in enumerate(left) if closing.is_star(t, p)), None)
    number = next(
        (i for i, (_q, t) in enumerate(left) if docnumber.starts_number_line(t, p.so_ky_hieu)),
        len(left),
    )
    if star is None and p.dau_sao.chu:
        out.add(
            doc.where(first),
            "dau-sao",
            f"thiếu dấu sao ({p.dau_sao.chu}) dưới tên cơ quan ban hành",
            f"thêm dòng '{p.dau_sao.chu}'",
        )
    before = left[: min(star if star is not None else len(left), number)]
    if before:
        issuer_p, issuer = before[-1]
        fmt = f.run(issuer_p, issuer_p.find(w("r")))
        if (p.co_quan.dam and not fmt.bold) or issuer != issuer.upper():
            out.add(
                doc.where(issuer_p),
                "co-quan",
                f"tên cơ quan ban hành phải in hoa{', đậm' if p.co_quan.dam else ''}",
                issuer.upper(),
            )
        if len(before) > 1:
            upper_p, _upper = before[0]
            fmt = f.run(upper_p, upper_p.find(w("r")))
            if fmt.bold and not p.cap_tren.dam:
                out.add(
                    doc.where(upper_p), "cap-tren", "tên cấp ủy cấp trên không in đậm", "bỏ đậm"
                )


def _number(doc: _Doc, first, left: list, out: Collector, p: Profile) -> None:
    """The số và ký hiệu line, judged against the form the profile writes."""
    rule = p.so_ky_hieu
    line = next(((q, t) for q, t in left if docnumber.starts_number_line(t, rule)), None)
    if line is None:
        out.add(doc.where(first), "so-ky-hieu", "thiếu số và ký hiệu văn bản")
        return
    found = docnumber.parse(line[1], rule)
    if found is None or found.text != line[1] or not found.in_profile_form(rule):
        example = docnumber.doc_number(12, "KH", "HU", rule)
        out.add(
            doc.where(line[0]),
            "so-ky-hieu",
            f"số và ký hiệu '{line[1]}' không đúng dạng '{example}'",
            example,
        )


def _date_line(doc: _Doc, right: list, out: Collector, p: Profile) -> None:
    """The place and date line: italic, and padded as the profile pads."""
    date = next(((q, dates.parse_date_line(t)) for q, t in right if dates.parse_date_line(t)), None)
    if date is None:
        out.add("đầu văn bản", "dia-danh-ngay", "thiếu dòng địa danh, ngày tháng")
        return
    q, found = date
    if p.dia_danh_ngay.nghieng and not doc.formats.run(q, q.find(w("r"))).italic:
        out.add(
            doc.where(q),
            "dia-danh-ngay",
            "dòng địa danh, ngày tháng không in nghiêng",
            "in nghiêng",
        )
    good = found.date.padded(p.dia_danh_ngay)
    if good is not None:
        out.add(
            doc.where(q),
            "dia-danh-ngay",
            f"ngày tháng sai cách thêm số 0 ({dates.padding_rule(p.dia_danh_ngay)})",
            f"ngày {good[0]} tháng {good[1]}",
        )


def _outside_tables(doc: _Doc) -> list:
    return [p for p in doc.body.findall(w("p"))]


def _title_and_body(doc: _Doc, out: Collector, p: Profile) -> None:
    paragraphs = _texts(_outside_tables(doc))
    names = set(type_codes().values())
    title = next((i for i, (_q, t) in enumerate(paragraphs) if t in names), None)
    if title is None:
        out.add("đầu văn bản", "ten-loai", "không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO …)")
        return
    f = doc.formats
    q, _t = paragraphs[title]
    fmt = f.run(q, q.find(w("r")))
    if fmt.size is None or not _styled(fmt, p.ten_loai) or f.alignment(q) != "center":
        found = f"cỡ {_size(fmt.size) if fmt.size else '?'}" + (", đậm" if fmt.bold else "")
        out.add(
            doc.where(q),
            "ten-loai",
            f"tên loại văn bản {found}, căn {_ALIGN.get(f.alignment(q), f.alignment(q))}",
            f"{_emphasis(p.ten_loai)}, căn giữa",
        )
    if title + 1 < len(paragraphs):
        q, _t = paragraphs[title + 1]
        fmt = f.run(q, q.find(w("r")))
        if not _styled(fmt, p.trich_yeu) or f.alignment(q) != "center":
            out.add(
                doc.where(q),
                "trich-yeu",
                f"trích yếu phải {_emphasis(p.trich_yeu)}, căn giữa",
                f"{_emphasis(p.trich_yeu)}, căn giữa",
            )
    separator = next((i for i, (_q, t) in enumerate(paragraphs) if set(t) == {"-"}), title + 1)
    for q, t in paragraphs[separator + 1 :]:
        if is_title(t, p.phu_luc):
            break  # a phụ lục's forms and tables are laid out their own way
        fmt = f.run(q, q.find(w("r")))
        if fmt.size is not None and not p.than.allows(fmt.size):
            out.add(doc.where(q), "than-van-ban", f"chữ cỡ {_size(fmt.size)}", _sizes(p.than))
        elif len(t) > 120 and f.alignment(q) not in ("both", "distribute"):
            out.add(
                doc.where(q), "than-van-ban", "đoạn văn không căn đều hai bên", "căn đều hai bên"
            )


_ALIGN = {
    "left": "trái",
    "start": "trái",
    "right": "phải",
    "end": "phải",
    "center": "giữa",
    "both": "đều",
    "distribute": "đều",
}


def _page_numbers(doc: _Doc, out: Collector) -> None:
    """Page 1 (the first section) has no number; the pages after it have one, in the
    middle of the top margin (a page header), not at the foot."""
    sections = list(doc.body.iter(w("sectPr")))
    if not sections:
        return
    first = sections[0]  # page 1 is in the first section

    def numbered(kind: str, page: str) -> bool:
        refs = {r.get(w("type")): r.get(f"{{{R}}}id") for r in first.findall(w(kind))}
        part = doc.part(refs[page]) if refs.get(page) else None
        if part is None:
            return False
        return bool(re.search(r"\bPAGE\b", etree.tostring(part, encoding="unicode")))

    first_page_own = first.find(w("titlePg")) is not None
    page_one = "first" if first_page_own else "default"
    if numbered("headerReference", page_one) or numbered("footerReference", page_one):
        fix = "để trống đầu trang của trang 1" if first_page_own else "không đánh số trang 1"
        out.add("trang 1", "so-trang", "trang 1 có số trang", fix)
    if not numbered("headerReference", "default"):
        at_foot = numbered("footerReference", "default")
        message = "số trang từ trang 2 ở chân trang" if at_foot else "không có số trang từ trang 2"
        out.add("trang 2", "so-trang", message, "số trang giữa lề trên")


def _recipient_endings(doc: _Doc, out: Collector, p: Profile, lines: list) -> None:
    """Each recipient line ends as the profile says (`,` under HD 36, `;` under HD 05)."""
    for i, (q, t) in enumerate(lines):
        want = closing.recipient_ending(t, i == len(lines) - 1, p)
        if want is not None:
            out.add(doc.where(q), "noi-nhan", f"dòng nơi nhận không kết thúc bằng '{want}'", want)
            return


def _recipients(lines: list, p: Profile) -> list:
    """Each recipient with the text it wraps onto: a paragraph that does not open with the
    profile's dash continues the one before (`- Bí thư Chi bộ, Trưởng thôn, Ban công` ⏎
    `tác MT thôn;`), so its ending is the recipient's."""
    out: list = []
    dash = p.noi_nhan.dau_dong.strip()
    for q, t in lines:
        if out and dash and not t.startswith(dash):
            out[-1] = (out[-1][0], f"{out[-1][1]} {t}")
        else:
            out.append((q, t))
    return out


def _signature(doc: _Doc, out: Collector, p: Profile) -> None:
    table = next(
        (
            t
            for t in reversed(list(doc.body.iter(w("tbl"))))
            if p.noi_nhan.chu in "".join(paragraph_text(q) for q in t.iter(w("p")))
        ),
        None,
    )
    if table is None:
        out.add("cuối văn bản", "noi-nhan", f"không tìm thấy '{p.noi_nhan.chu}'")
        return
    cells = _cells(table)
    f = doc.formats
    left = _texts(cells[0])
    heading = next(((q, t) for q, t in left if t == p.noi_nhan.chu), None)
    if heading is not None:
        fmt = f.run(heading[0], heading[0].find(w("r")))
        if p.noi_nhan.gach_chan and not fmt.underline:
            out.add(doc.where(heading[0]), "noi-nhan", "'Nơi nhận:' không gạch chân", "gạch chân")
        lines = [(q, t) for q, t in left[left.index(heading) + 1 :] if t.strip()]
        _recipient_endings(doc, out, p, _recipients(lines, p))
        for q, _t in lines:
            size = f.run(q, q.find(w("r"))).size
            if size and size != p.noi_nhan.co_dong:
                out.add(
                    doc.where(q),
                    "noi-nhan",
                    f"dòng nơi nhận cỡ {_size(size)}",
                    f"cỡ {_size(p.noi_nhan.co_dong)}",
                )
                break
    if len(cells) > 1:
        right = _texts(cells[1])
        if right:
            q, t = right[0]
            if (p.chu_ky.dam and not f.run(q, q.find(w("r"))).bold) or t != t.upper():
                bold = ", đậm" if p.chu_ky.dam else ""
                out.add(doc.where(q), "chu-ky", f"quyền hạn ký phải in hoa{bold}", t.upper())
