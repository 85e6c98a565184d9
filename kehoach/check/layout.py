"""Format rules for a DOCX, read from the profile: page, fonts, the header block
(`layout_header.py`), title, trích yếu, body, page numbers, signature and nơi nhận.
Locations are paragraph numbers with their first words, counted like `docx_segments`
counts them."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from kehoach.check.findings import Collector
from kehoach.check.layout_header import check_header
from kehoach.check.layout_parts import (
    Doc,
    Line,
    columns,
    emphasis,
    mm,
    size_text,
    sizes_text,
    styled,
    texts,
)
from kehoach.document.wordxml import R, paragraph_text, w
from kehoach.rules.profile import Profile, Side, load_profile
from kehoach.vn import closing, mottos
from kehoach.vn.appendix import is_title
from kehoach.vn.typenames import type_of_title


def check_layout(path: Path, out: Collector, profile_name: str) -> None:
    """Every format rule of `profile_name` on the DOCX at `path`."""
    doc = Doc(path)
    try:
        _rules(doc, out, load_profile(profile_name))
    finally:
        doc.close()


def _rules(doc: Doc, out: Collector, profile: Profile) -> None:
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
    check_header(doc, header, out, profile)
    _title_and_body(doc, out, profile)
    _page_numbers(doc, out)
    _signature(doc, out, profile)


def _page(doc: Doc, out: Collector, p: Profile) -> None:
    sections = [s for s in doc.body.iter(w("sectPr"))]
    for i, sect in enumerate(sections, start=1):
        size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
        where = f"phần (section) {i}"
        if size is None or margins is None:
            continue
        width, height = mm(size.get(w("w"))), mm(size.get(w("h")))
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
        sides: dict[str, Side] = {"top": "tren", "bottom": "duoi", "left": "trai",
                                  "right": "phai"}
        names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
        wrong = []
        for side, key in sides.items():
            found = mm(margins.get(w(side)))
            low, high = rule.allowed(key)
            want = f"{low:.0f}" if low == high else f"{low:.0f}–{high:.0f}"
            if found is None:
                wrong.append(f"{names[side]} không đọc được (cần {want})")
            elif not low - 0.6 <= found <= high + 0.6:
                wrong.append(f"{names[side]} {found:.0f} mm (cần {want})")
        message = "lề sai: " + ", ".join(wrong)
        fix = "lề " + "/".join(f"{rule.margin(k):.0f}" for k in sides.values()) + " mm"
        if wrong and landscape:  # practice (P) for a phụ lục's landscape page: its own level
            out.add(where, "le-trang-ngang", message, fix)
        elif wrong:
            out.add(where, "le-trang", message, fix)


_FACES = re.compile(r"(?:\s+(?:Bold|Italic|Regular|Bold Italic|BoldItalic))+$")


def _family(font: str) -> str:
    """`Times New Roman Bold` (a face name some files write) is `Times New Roman`."""
    return _FACES.sub("", font.strip())


def _fonts(doc: Doc, out: Collector, p: Profile) -> None:
    for paragraph in doc.paragraphs:
        for run in paragraph.iter(w("r")):
            if not "".join(t.text or "" for t in run.iter(w("t"))).strip():
                continue
            font = doc.formats.run(paragraph, run).font
            if font and _family(font) != p.phong_chu:
                out.add(doc.where(paragraph), "phong-chu", f"phông chữ {font}", p.phong_chu)
                break


def _outside_tables(doc: Doc) -> list[etree._Element]:
    return [p for p in doc.body.findall(w("p"))]


def _title_and_body(doc: Doc, out: Collector, p: Profile) -> None:
    paragraphs = texts(_outside_tables(doc))
    title = next((i for i, (_q, t) in enumerate(paragraphs) if type_of_title(t)), None)
    if title is None:
        out.add("đầu văn bản", "ten-loai", "không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO …)")
        return
    f = doc.formats
    q, _t = paragraphs[title]
    fmt = f.run(q, q.find(w("r")))
    if fmt.size is None or not styled(fmt, p.ten_loai) or f.alignment(q) != "center":
        found = f"cỡ {size_text(fmt.size) if fmt.size else '?'}" + (", đậm" if fmt.bold else "")
        out.add(
            doc.where(q),
            "ten-loai",
            f"tên loại văn bản {found}, căn {_ALIGN.get(f.alignment(q), f.alignment(q))}",
            f"{emphasis(p.ten_loai)}, căn giữa",
        )
    if title + 1 < len(paragraphs):
        q, _t = paragraphs[title + 1]
        fmt = f.run(q, q.find(w("r")))
        if not styled(fmt, p.trich_yeu) or f.alignment(q) != "center":
            out.add(
                doc.where(q),
                "trich-yeu",
                f"trích yếu phải {emphasis(p.trich_yeu)}, căn giữa",
                f"{emphasis(p.trich_yeu)}, căn giữa",
            )
    separator = next((i for i, (_q, t) in enumerate(paragraphs) if set(t) == {"-"}), title + 1)
    for q, t in paragraphs[separator + 1 :]:
        if is_title(t, p.phu_luc):
            break  # a phụ lục's forms and tables are laid out their own way
        fmt = f.run(q, q.find(w("r")))
        if fmt.size is not None and not p.than.allows(fmt.size):
            out.add(
                doc.where(q), "than-van-ban", f"chữ cỡ {size_text(fmt.size)}", sizes_text(p.than)
            )
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


def _page_numbers(doc: Doc, out: Collector) -> None:
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


def _recipient_endings(doc: Doc, out: Collector, p: Profile, lines: list[Line]) -> None:
    """Each recipient line ends as the profile says (`,` under HD 36, `;` under HD 05)."""
    for i, (q, t) in enumerate(lines):
        want = closing.recipient_ending(t, i == len(lines) - 1, p)
        if want is not None:
            out.add(doc.where(q), "noi-nhan", f"dòng nơi nhận không kết thúc bằng '{want}'", want)
            return


def _first_line(text: str) -> str:
    return text.strip().split("\n")[0].strip()


def _recipients(lines: list[Line], p: Profile) -> list[Line]:
    """Each recipient with the text it wraps onto: a paragraph that does not open with the
    profile's dash continues the one before (`- Bí thư Chi bộ, Trưởng thôn, Ban công` ⏎
    `tác MT thôn;`), so its ending is the recipient's."""
    out: list[Line] = []
    dash = p.noi_nhan.dau_dong.strip()
    for q, t in lines:
        if out and dash and not t.startswith(dash):
            out[-1] = (out[-1][0], f"{out[-1][1]} {t}")
        else:
            out.append((q, t))
    return out


def _signature(doc: Doc, out: Collector, p: Profile) -> None:
    table = next(
        (
            t
            for t in reversed(list(doc.body.iter(w("tbl"))))
            if any(_first_line(paragraph_text(q)) == p.noi_nhan.chu for q in t.iter(w("p")))
        ),
        None,
    )
    if table is None:
        out.add("cuối văn bản", "noi-nhan", f"không tìm thấy '{p.noi_nhan.chu}'")
        return
    cells = columns(table)
    f = doc.formats
    left = texts(cells[0])
    heading = next(((q, t) for q, t in left if _first_line(t) == p.noi_nhan.chu), None)
    if heading is not None:
        fmt = f.run(heading[0], heading[0].find(w("r")))
        if p.noi_nhan.gach_chan and not fmt.underline:
            out.add(doc.where(heading[0]), "noi-nhan", "'Nơi nhận:' không gạch chân", "gạch chân")
        typed_on = [(heading[0], x.strip()) for x in heading[1].split("\n")[1:]]  # Shift+Enter
        lines = [(q, t) for q, t in typed_on + left[left.index(heading) + 1 :] if t.strip()]
        _recipient_endings(doc, out, p, _recipients(lines, p))
        for q, _t in lines:
            if q is heading[0]:  # typed on in the heading's paragraph: its run is the heading's
                continue
            size = f.run(q, q.find(w("r"))).size
            if size and size != p.noi_nhan.co_dong:
                out.add(
                    doc.where(q),
                    "noi-nhan",
                    f"dòng nơi nhận cỡ {size_text(size)}",
                    f"cỡ {size_text(p.noi_nhan.co_dong)}",
                )
                break
    if len(cells) > 1:  # the signer's column: the first with text after the recipients
        right = next((found for cell in cells[1:] if (found := texts(cell))), [])
        if right:
            q, t = right[0]
            # an organ's head signs with the title alone: no authority line to judge
            authority = closing.signing_mark(t, p.chu_ky.quyen_han)
            bad = (p.chu_ky.dam and not f.run(q, q.find(w("r"))).bold) or t != t.upper()
            if authority and bad:
                bold = ", đậm" if p.chu_ky.dam else ""
                out.add(doc.where(q), "chu-ky", f"quyền hạn ký phải in hoa{bold}", t.upper())
