"""The header block's rules: the title line (ĐẢNG CỘNG SẢN VIỆT NAM, or a State document's
Quốc hiệu and Tiêu ngữ) and the line under it, the issuer above its `*` or number line, the
số và ký hiệu, the place and date line — each size, emphasis and form the profile's."""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from kehoach.check.findings import Collector
from kehoach.check.layout_parts import Doc, Line, columns, emphasis, size_text, styled, texts
from kehoach.document.wordxml import w
from kehoach.rules.levels import load_levels, unit_kinds
from kehoach.rules.profile import Profile
from kehoach.vn import closing, dates, docnumber, mottos


def check_header(doc: Doc, table: etree._Element, out: Collector, p: Profile) -> None:
    cells = columns(table)
    if len(cells) < 2:
        out.add(
            doc.where(cells[0][0]) if cells and cells[0] else "đầu văn bản",
            "dau-van-ban",
            "khối đầu văn bản không phải bảng hai cột",
        )
        return
    left, right = texts(cells[0]), texts(cells[1])
    _motto(doc, table, cells[1], right, out, p)
    _issuer(doc, cells[0][0], left, out, p)
    _number(doc, cells[0][0], left, out, p)
    _date_line(doc, right, out, p)


def _motto(
    doc: Doc,
    table: etree._Element,
    cell: list[etree._Element],
    right: list[Line],
    out: Collector,
    p: Profile,
) -> None:
    """The title line (ĐẢNG CỘNG SẢN VIỆT NAM; a State document's Quốc hiệu and the Tiêu ngữ
    under it): size and bold, and the line drawn under the last of them — a paragraph
    border, a drawn line, or — where the profile says so (`duong_ke_gach_chan`: HD 05) —
    the words underlined, as Word users make it."""
    f = doc.formats
    last: etree._Element | None = None
    for rule in (p.tieu_de, p.tieu_ngu):
        if rule is None:
            continue
        found = next(((q, t) for q, t in right if mottos.holds(t, rule.chu)), None)
        if found is None:
            out.add("đầu văn bản", "tieu-de", f"thiếu dòng '{rule.chu}'")
            return
        q = found[0]
        fmt = f.run(q, q.find(w("r")))
        if fmt.size is None or not styled(fmt, rule):
            size = f"cỡ {size_text(fmt.size) if fmt.size else '?'}" + (", đậm" if fmt.bold else "")
            out.add(doc.where(q), "tieu-de", f"dòng '{rule.chu}' {size}", emphasis(rule))
        last = q
    if last is None:
        return
    following = cell[cell.index(last) + 1 :]
    ruled = f.has_border(last, "bottom") or any(f.has_border(n, "top") for n in following[:1])
    drawn = any(
        isinstance(e.tag, str)
        and (e.tag.endswith("}line") or e.tag.endswith("}cxnSp") or e.tag.endswith("}wsp"))
        for e in table.iter()
    )
    underlined = (p.tieu_ngu or p.tieu_de).duong_ke_gach_chan and all(
        f.run(last, r).underline
        for r in last.iter(w("r"))
        if "".join(t.text or "" for t in r.iter(w("t"))).strip()
    )
    if not (ruled or drawn or underlined):
        out.add(doc.where(last), "tieu-de", "thiếu đường kẻ dưới tiêu đề", "kẻ một đường liền")


def _issuer(doc: Doc, first: etree._Element, left: list[Line], out: Collector, p: Profile) -> None:
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
        issuer_p, written = before[-1]
        issuer = written.split("\n")[-1].strip()  # its last line: a cấp trên may be above it
        fmt = f.run(issuer_p, _last_line_run(issuer_p))
        if (p.co_quan.dam and not fmt.bold) or issuer != issuer.upper():
            out.add(
                doc.where(issuer_p),
                "co-quan",
                f"tên cơ quan ban hành phải in hoa{', đậm' if p.co_quan.dam else ''}",
                issuer.upper(),
            )
        # One paragraph of several lines is the cấp trên over the cơ quan, or a cơ quan
        # wrapped in two: only a paragraph of its own is surely the cấp trên, and only when
        # it is a whole name (`ĐẢNG BỘ TỈNH …`, `ỦY BAN NHÂN DÂN TỈNH …`), not the first
        # half of the issuer's (`ỦY BAN NHÂN DÂN` over `TỈNH LÂM ĐỒNG`).
        if len(before) > 1:
            upper_p, upper = before[0]
            fmt = f.run(upper_p, upper_p.find(w("r")))
            if fmt.bold and not p.cap_tren.dam and _whole_name(upper):
                out.add(
                    doc.where(upper_p), "cap-tren", "tên cấp ủy cấp trên không in đậm", "bỏ đậm"
                )


@cache
def _place_words() -> re.Pattern[str]:
    """The words that end a body's name with its area (`TỈNH`, `PHƯỜNG` …), from the levels."""
    levels = load_levels().cap.values()
    words = {lv.tu_dia_ban for lv in levels if "{" not in lv.tu_dia_ban} | set(
        unit_kinds().values())
    either = "|".join(re.escape(x.upper()) for x in sorted(words, key=len, reverse=True))
    return re.compile(rf"^ĐẢNG BỘ\b|\b(?:{either})\b")


def _whole_name(line: str) -> bool:
    return _place_words().search(line.upper()) is not None


def _last_line_run(paragraph: etree._Element) -> etree._Element | None:
    """The first run with text on a paragraph's last line: the cấp trên and the cơ quan
    typed in one paragraph (Shift+Enter between them) are judged each by its own runs."""
    found = None
    for run in paragraph.iter(w("r")):
        for node in run:
            if node.tag == w("br"):
                found = None
            elif node.tag == w("t") and (node.text or "").strip() and found is None:
                found = run
    return found if found is not None else paragraph.find(w("r"))


def _number(doc: Doc, first: etree._Element, left: list[Line], out: Collector, p: Profile) -> None:
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


def _date_line(doc: Doc, right: list[Line], out: Collector, p: Profile) -> None:
    """The place and date line: italic, and padded as the profile pads."""
    date = next(((q, d) for q, t in right if (d := dates.parse_date_line(t))), None)
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
