"""Plan → the context of its appendices (phụ lục): title, the `(Kèm theo …)` caption made
from the header, one table as column headings and rows of cells, then its own paragraphs
and tables (`doan`), as blocks like the body's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kehoach.plan.model import Appendix, Header, Paragraph, Plan, Signature, TableBlock
from kehoach.rules.profile import Profile, signing_marks
from kehoach.vn import closing, dates, docnumber
from kehoach.vn import numbers as vnformat
from kehoach.vn.appendix import title as appendix_title
from kehoach.vn.labels import roman

WIDE = 6
"""A table with this many columns or more goes on a landscape page of its own."""
_LOWER = {"ỦY", "UỶ", "XÃ", "PHƯỜNG", "HUYỆN", "TỈNH", "QUẬN", "THỊ", "TRẤN", "ĐẶC", "KHU"}
_CITY = "THÀNH PHỐ"


def _sentence_case(name: str) -> str:
    """`ĐẢNG ỦY XÃ PHƯƠNG BÌNH` → `Đảng ủy xã Phương Bình`: administrative words in lower
    case, the first word and the proper names capitalised."""
    name = " ".join(name.split()).replace(_CITY, "thành_phố")
    out = []
    for i, word in enumerate(name.split(" ")):
        if word == "thành_phố":
            out.append("thành phố")
        elif word in _LOWER and i:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)


def issuer(header: Header, signature: Signature) -> str:
    """Who issues, as a sentence names it: `Ban Thường vụ Đảng ủy xã Phương Bình`."""
    body = _sentence_case(header.co_quan.replace("\n", " "))
    authority = closing.signed_for(signature.quyen_han, signing_marks())
    if authority.startswith("BAN THƯỜNG VỤ"):
        return f"Ban Thường vụ {body}"
    return body


def caption(h: Header, signature: Signature, profile: Profile) -> str:
    """`(Kèm theo Kế hoạch số 15-KH/ĐU ngày 10/3/2026 của Ban Thường vụ …)`."""
    kind = h.type_name[:1] + h.type_name[1:].lower()
    number = docnumber.doc_number(h.so, h.loai, h.ma_co_quan, profile.so_ky_hieu)
    number = number.split(" ", 1)[-1].strip()
    if isinstance(h.ngay, int):
        when = f"năm {h.ngay}"
    else:
        when = f"ngày {dates.short_date(h.ngay, profile.dia_danh_ngay)}"
    return f"(Kèm theo {kind} số {number} {when} của {issuer(h, signature)})"


def _cell(value: int | float | str) -> str:
    return value if isinstance(value, str) else vnformat.number(value)


_FIXED_MM = {"STT": 12, "Đơn vị tính": 28}
_YEAR_MM = 22


def _widths(columns: list[str], usable_mm: float) -> list[int]:
    """Column widths in twips: STT, unit and year columns narrow, the rest share what is
    left (the indicator's name); all narrowed alike where they would pass the margins
    (many milestone years)."""
    fixed = [_FIXED_MM.get(c, _YEAR_MM if c.startswith("Năm ") else 0) for c in columns]
    free = [i for i, w in enumerate(fixed) if not w] or list(range(len(columns)))
    left = max(usable_mm - sum(fixed), 30 * len(free))
    mm = (
        [w or left / len(free) for w in fixed]
        if len(free) < len(columns)
        else [usable_mm / len(columns)] * len(columns)
    )
    scale = min(1.0, usable_mm / sum(mm))
    return [round(w * scale * 1440 / 25.4) for w in mm]


@dataclass(frozen=True)
class Sheet:
    """One phụ lục as the template draws it: its lines, then a table of rows (cells, and
    whether the row is a group heading, in bold). `widths_mm` None: the plan's rule
    (`_widths`); `wide` None: a landscape page when the table has `WIDE` columns or more."""

    title: str
    name: str
    caption: str
    columns: list[str]
    rows: list[tuple[list[str], bool]]
    widths_mm: list[float] | None = None
    wide: bool | None = None
    framed: bool = True  # whether the table's lines are drawn
    blocks: tuple[Paragraph | TableBlock, ...] = ()  # its own paragraphs and tables, after

    @property
    def landscape(self) -> bool:
        """As the phụ lục says, else when its table is wide (paragraphs only: upright)."""
        return self.wide if self.wide is not None else len(self.columns) >= WIDE


_CENTRED = {"STT", "TT", "Đơn vị tính", "ĐVT"}
_NUMBER = re.compile(r"[\s.,:%/+–-]*\d[\d\s.,:%/+–-]*|[IVXLC]+")
"""A cell a table centres: a number, a percentage, a date, a group's Roman numeral."""


def centred(columns: list[str], rows: list[list[str]]) -> list[bool]:
    """Which columns print centred, as plans' tables print them: STT, unit and year columns,
    and a column whose cells are all numbers (95, 2,5%, 30/6); text reads from the left."""
    out = []
    for i, title in enumerate(columns):
        cells = [row[i].strip() for row in rows if i < len(row) and row[i].strip()]
        named = title.strip() in _CENTRED or title.startswith("Năm ")
        out.append(named or (bool(cells) and all(_NUMBER.fullmatch(c) for c in cells)))
    return out


def _rows(appendix: Appendix) -> tuple[list[str], list[tuple[list[str], bool]]]:
    """The table's headings and rows; none for a phụ lục of paragraphs only."""
    rows: list[tuple[list[str], bool]] = []
    if appendix.bang is None and not appendix.chi_tieu:
        return [], rows
    if appendix.bang is not None:  # as wide as its widest row (a heading of merged cells)
        width = max([len(appendix.bang.cot)] + [len(row.o) for row in appendix.bang.dong])
        rows = [(row.o + [""] * (width - len(row.o)), False) for row in appendix.bang.dong]
        return appendix.bang.cot + [""] * (width - len(appendix.bang.cot)), rows
    years = appendix.years()
    others = appendix.other_columns()
    columns = ["STT", "Chỉ tiêu", "Đơn vị tính", *(f"Năm {y}" for y in years), *others]
    count = 0
    for g, group in enumerate(appendix.chi_tieu, start=1):
        if group.tieu_de:
            blank = [""] * (len(years) + len(others) + 1)
            rows.append(([roman(g), group.tieu_de, *blank], True))
        for indicator in group.chi_tieu:
            count += 1
            values = [_cell(indicator.moc[y]) if y in indicator.moc else "" for y in years]
            extra = [indicator.khac.get(name, "") for name in others]
            rows.append(([str(count), indicator.nhan, indicator.don_vi, *values, *extra], False))
    return columns, rows


def _usable_mm(profile: Profile, wide: bool) -> float:
    page, turned = profile.trang, profile.trang_ngang
    if wide:
        return page.cao_mm - turned.le_trai_mm - turned.le_phai_mm
    return page.rong_mm - page.le_trai_mm - page.le_phai_mm


def grid_rows(
    columns: list[str], rows: list[list[str]], usable_mm: float = 165, framed: bool = True
) -> dict[str, Any]:
    """A table of the body for the template's `grid`: headings, rows, widths in twips, and
    whether its lines are drawn (`khung`)."""
    width = max([len(columns)] + [len(row) for row in rows])
    columns = columns + [""] * (width - len(columns))
    widths = _widths(columns, usable_mm)
    cells = [row + [""] * (width - len(row)) for row in rows]
    middle = centred(columns, cells)
    return {
        "cot": [{"t": t, "w": w} for t, w in zip(columns, widths, strict=True)],
        "grid": widths,
        "rong": sum(widths),
        "dong": [
            {"o": [{"t": t, "w": w, "g": g} for t, w, g in zip(r, widths, middle, strict=True)],
             "nhom": False}
            for r in cells
        ],
        "khung": framed,
    }


def block(p: Paragraph | TableBlock, usable_mm: float = 165) -> dict[str, Any]:
    """A paragraph or a table of the body or of a phụ lục, as the template's loop over
    blocks takes it (`kieu`: doan, gach, bang)."""
    if isinstance(p, TableBlock):
        rows = [row.o for row in p.bang.dong]
        return {"kieu": "bang", **grid_rows(p.bang.cot, rows, usable_mm, p.bang.khung)}
    if p.dau:
        return {"kieu": "gach", "dau": p.dau, "dan": p.dan or "", "chu": p.noi_dung}
    return {"kieu": "doan", "chu": p.noi_dung}


def _sheets(plan: Plan, profile: Profile) -> list[Sheet]:
    """The plan's appendices, titled as the profile writes it (`PHỤ LỤC 1`, `PHỤ LỤC 2`
    when there are two or more)."""
    many = len(plan.phu_luc) > 1
    out = []
    for n, appendix in enumerate(plan.phu_luc, start=1):
        columns, rows = _rows(appendix)
        title = appendix_title(appendix.tieu_de, n, many, profile.phu_luc)
        chu_thich = appendix.chu_thich or caption(plan.van_ban, plan.chu_ky, profile)
        framed = appendix.bang is None or appendix.bang.khung
        out.append(Sheet(title, appendix.ten or "", chu_thich, columns, rows, wide=appendix.ngang,
                         framed=framed, blocks=tuple(appendix.doan)))
    return out


def laid_out(sheets: list[Sheet], profile: Profile) -> list[dict[str, Any]]:
    """Each phụ lục's strings for the template. A wide one gets a landscape section of its
    own: `ngat` names the orientation of the section a break closes before it (`doc`,
    `ngang`; empty: a page break). Where the profile numbers each phụ lục on its own, each
    is a section (`so_lai`: the section the break closes, a phụ lục's, is numbered from 1)."""
    out = []
    own_numbers = profile.so_trang.phu_luc_rieng
    before = False  # the signature's page is upright
    for n, sheet in enumerate(sheets, start=1):
        wide = sheet.landscape
        usable = _usable_mm(profile, wide)
        if not sheet.columns:
            widths = []
        elif sheet.widths_mm is None:
            widths = _widths(sheet.columns, usable)
        else:
            widths = [round(w * 1440 / 25.4) for w in sheet.widths_mm]
        middle = centred(sheet.columns, [cells for cells, group in sheet.rows if not group])
        rows = [
            {"o": [{"t": t, "w": w, "g": g} for t, w, g in zip(cells, widths, middle, strict=True)],
             "nhom": group}
            for cells, group in sheet.rows
        ]
        out.append(
            {
                "tieu_de": sheet.title,
                "ten": sheet.name,
                "chu_thich": sheet.caption,
                "cot": [{"t": t, "w": w} for t, w in zip(sheet.columns, widths, strict=True)],
                "grid": widths,
                "rong": sum(widths),
                "dong": rows,
                "khung": sheet.framed,
                "doan": [block(p, usable) for p in sheet.blocks],
                "ngat": "" if wide == before and not own_numbers else "ngang" if before else "doc",
                "so_lai": own_numbers and n > 1,
            }
        )
        before = wide
    return out


def appendices(plan: Plan, profile: Profile) -> list[dict[str, Any]]:
    """The plan's appendices as `laid_out` gives them to the template."""
    return laid_out(_sheets(plan, profile), profile)


def last_is_wide(plan: Plan, profile: Profile) -> bool:
    """Whether the document ends on a landscape page (its last phụ lục is wide)."""
    sheets = _sheets(plan, profile)
    return bool(sheets) and sheets[-1].landscape
