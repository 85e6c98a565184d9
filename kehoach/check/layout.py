"""Format rules for a DOCX, read from the profile: page, fonts, the header block, title,
trích yếu, body, page numbers, signature and nơi nhận. Locations are paragraph numbers
with their first words, counted like `docx_segments` counts them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from kehoach.check.effective import Formats
from kehoach.check.files import where_paragraph
from kehoach.check.findings import Collector
from kehoach.document.wordxml import R, open_docx, paragraph_text, w, xml_part
from kehoach.errors import Unreadable
from kehoach.rules.data import type_of_title
from kehoach.rules.profile import Profile, load_profile
from kehoach.vn import closing, dates, docnumber
from kehoach.vn.closing import SIGNING

TWIPS_PER_MM = 1440 / 25.4
Line = tuple[etree._Element, str]  # a paragraph and its text


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

    def where(self, p: etree._Element) -> str:
        return where_paragraph(self.number[id(p)], paragraph_text(p))

    def part(self, rel_id: str) -> etree._Element | None:
        target = self.targets.get(rel_id)
        if not target:
            return None
        name = "word/" + target.lstrip("/").removeprefix("word/")
        return xml_part(self.path, self.package, name)


def _mm(twips: str | None) -> float:
    return int(twips or 0) / TWIPS_PER_MM


def check_layout(path: Path, out: Collector, profile_name: str) -> None:
    profile = load_profile(profile_name)
    doc = _Doc(path)
    _page(doc, out, profile)
    _fonts(doc, out, profile)
    header = next(
        (
            t
            for t in doc.body.iter(w("tbl"))
            if profile.tieu_de.chu in "".join(paragraph_text(p) for p in t.iter(w("p")))
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
        wrong = [
            f"{names[k]} {_mm(margins.get(w(k))):.0f} mm (cần {v:.0f})"
            for k, v in expected.items()
            if abs(_mm(margins.get(w(k))) - v) > 0.6
        ]
        if wrong:
            out.add(
                where,
                "le-trang",
                "lề sai: " + ", ".join(wrong),
                "lề " + "/".join(f"{v:.0f}" for v in expected.values()) + " mm",
            )


def _fonts(doc: _Doc, out: Collector, p: Profile) -> None:
    for paragraph in doc.paragraphs:
        for run in paragraph.iter(w("r")):
            if not "".join(t.text or "" for t in run.iter(w("t"))).strip():
                continue
            font = doc.formats.run(paragraph, run).font
            if font and font != p.phong_chu:
                out.add(doc.where(paragraph), "phong-chu", f"phông chữ {font}", p.phong_chu)
                break


def _cells(table: etree._Element) -> list[list[etree._Element]]:
    row = table.find(w("tr"))
    return [list(tc.iter(w("p"))) for tc in row.findall(w("tc"))] if row is not None else []


def _texts(paragraphs: Iterable[etree._Element]) -> list[Line]:
    return [(p, paragraph_text(p).strip()) for p in paragraphs if paragraph_text(p).strip()]


def _header(doc: _Doc, table: etree._Element, out: Collector, p: Profile) -> None:
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


def _motto(
    doc: _Doc,
    table: etree._Element,
    cell: list[etree._Element],
    right: list[Line],
    out: Collector,
    p: Profile,
) -> None:
    """ĐẢNG CỘNG SẢN VIỆT NAM: its size, bold, and the line drawn under it."""
    f = doc.formats
    motto = next(((q, t) for q, t in right if t == p.tieu_de.chu), None)
    if motto is None:
        out.add("đầu văn bản", "tieu-de", f"thiếu tiêu đề '{p.tieu_de.chu}'")
    else:
        q = motto[0]
        fmt = f.run(q, q.find(w("r")))
        if fmt.size != p.tieu_de.co or not fmt.bold:
            out.add(
                doc.where(q),
                "tieu-de",
                f"tiêu đề cỡ {fmt.size or '?'}{', đậm' if fmt.bold else ', không đậm'}",
                f"cỡ {p.tieu_de.co:g}, đậm",
            )
        following = cell[cell.index(q) + 1 :]
        ruled = f.has_border(q, "bottom") or any(f.has_border(n, "top") for n in following[:1])
        drawn = any(table.iter(f"{{{'urn:schemas-microsoft-com:vml'}}}line")) or any(
            e.tag.endswith("}cxnSp") or e.tag.endswith("}wsp") for e in table.iter()
        )
        if not (ruled or drawn):
            out.add(doc.where(q), "tieu-de", "thiếu đường kẻ dưới tiêu đề", "kẻ một đường liền")


def _issuer(
    doc: _Doc, first: etree._Element, left: list[Line], out: Collector, p: Profile
) -> None:
    """The `*` line, the issuing body above it (capitals, bold) and the body above that."""
    f = doc.formats
    star = next((i for i, (_q, t) in enumerate(left) if closing.is_star(t, p)), None)
    if star is None:
        out.add(
            doc.where(first),
            "dau-sao",
            f"thiếu dấu sao ({p.dau_sao.chu}) dưới tên cơ quan ban hành",
            f"thêm dòng '{p.dau_sao.chu}'",
        )
        star = len(left)
    before = left[:star]
    if before:
        issuer_p, issuer = before[-1]
        fmt = f.run(issuer_p, issuer_p.find(w("r")))
        if not fmt.bold or issuer != issuer.upper():
            out.add(
                doc.where(issuer_p),
                "co-quan",
                "tên cơ quan ban hành phải in hoa, đậm",
                issuer.upper(),
            )
        if len(before) > 1:
            upper_p, _upper = before[0]
            fmt = f.run(upper_p, upper_p.find(w("r")))
            if fmt.bold:
                out.add(
                    doc.where(upper_p), "cap-tren", "tên cấp ủy cấp trên không in đậm", "bỏ đậm"
                )


def _number(
    doc: _Doc, first: etree._Element, left: list[Line], out: Collector, p: Profile
) -> None:
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


def _date_line(doc: _Doc, right: list[Line], out: Collector, p: Profile) -> None:
    """The place and date line: italic, and padded as the profile pads."""
    date = next(((q, d) for q, t in right if (d := dates.parse_date_line(t))), None)
    if date is None:
        out.add("đầu văn bản", "dia-danh-ngay", "thiếu dòng địa danh, ngày tháng")
        return
    q, found = date
    if not doc.formats.run(q, q.find(w("r"))).italic:
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
            "ngày tháng sai cách thêm số 0",
            f"ngày {good[0]} tháng {good[1]}",
        )


def _outside_tables(doc: _Doc) -> list[etree._Element]:
    return [p for p in doc.body.findall(w("p"))]


def _title_and_body(doc: _Doc, out: Collector, p: Profile) -> None:
    paragraphs = _texts(_outside_tables(doc))
    title = next((i for i, (_q, t) in enumerate(paragraphs) if type_of_title(t)), None)
    if title is None:
        out.add("đầu văn bản", "ten-loai", "không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO …)")
        return
    f = doc.formats
    q, _t = paragraphs[title]
    fmt = f.run(q, q.find(w("r")))
    if not fmt.bold or not fmt.size or not 15 <= fmt.size <= 16 or f.alignment(q) != "center":
        out.add(doc.where(q), "ten-loai", "tên loại văn bản phải in đậm, cỡ 15–16, căn giữa")
    if title + 1 < len(paragraphs):
        q, _t = paragraphs[title + 1]
        fmt = f.run(q, q.find(w("r")))
        if not fmt.bold or f.alignment(q) != "center":
            out.add(doc.where(q), "trich-yeu", "trích yếu phải in đậm, căn giữa")
    separator = next((i for i, (_q, t) in enumerate(paragraphs) if set(t) == {"-"}), title + 1)
    for q, t in paragraphs[separator + 1 :]:
        fmt = f.run(q, q.find(w("r")))
        if fmt.size is not None and abs(fmt.size - p.than.co) > 1:
            out.add(doc.where(q), "than-van-ban", f"chữ cỡ {fmt.size:g}", f"cỡ {p.than.co:g}")
        elif len(t) > 120 and f.alignment(q) not in ("both", "distribute"):
            out.add(
                doc.where(q), "than-van-ban", "đoạn văn không căn đều hai bên", "căn đều hai bên"
            )


def _page_numbers(doc: _Doc, out: Collector) -> None:
    """Page 1 (the first section) has no number; the pages after it have one."""
    sections = list(doc.body.iter(w("sectPr")))
    if not sections:
        return
    first = sections[0]  # page 1 is in the first section
    refs = {r.get(w("type")): r.get(f"{{{R}}}id") for r in first.findall(w("headerReference"))}

    def numbered(rel_id: str | None) -> bool:
        part = doc.part(rel_id) if rel_id else None
        if part is None:
            return False
        return bool(re.search(r"\bPAGE\b", etree.tostring(part, encoding="unicode")))

    first_page_own = first.find(w("titlePg")) is not None
    if numbered(refs.get("default")) and not first_page_own:
        out.add("trang 1", "so-trang", "trang 1 có số trang", "không đánh số trang 1")
    elif first_page_own and numbered(refs.get("first")):
        out.add("trang 1", "so-trang", "trang 1 có số trang", "để trống đầu trang của trang 1")
    if not numbered(refs.get("default")):
        out.add("trang 2", "so-trang", "không có số trang từ trang 2", "số trang giữa lề trên")


def _recipient_endings(doc: _Doc, out: Collector, p: Profile, lines: list) -> None:
    """Each recipient line ends as the profile says (`,` under HD 36, `;` under HD 05)."""
    for i, (q, t) in enumerate(lines):
        want = closing.recipient_ending(t, i == len(lines) - 1, p)
        if want is not None:
            out.add(doc.where(q), "noi-nhan", f"dòng nơi nhận không kết thúc bằng '{want}'", want)
            return


def _signature(doc: _Doc, out: Collector, p: Profile) -> None:
    table = next(
        (
            t
            for t in reversed(list(doc.body.iter(w("tbl"))))
            if any(paragraph_text(q).strip() == p.noi_nhan.chu for q in t.iter(w("p")))
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
        _recipient_endings(doc, out, p, lines)
        for q, _t in lines:
            size = f.run(q, q.find(w("r"))).size
            if size and size != p.noi_nhan.co_dong:
                out.add(
                    doc.where(q),
                    "noi-nhan",
                    f"dòng nơi nhận cỡ {size:g}",
                    f"cỡ {p.noi_nhan.co_dong:g}",
                )
                break
    if len(cells) > 1:
        right = _texts(cells[1])
        if right:
            q, t = right[0]
            authority = SIGNING.match(t)  # an organ's head signs with the title alone
            if authority and (not f.run(q, q.find(w("r"))).bold or t != t.upper()):
                out.add(doc.where(q), "chu-ky", "quyền hạn ký phải in hoa, đậm", t.upper())
