"""Plans over the whole format, generated (issue 20): hypothesis strategies that build the
data of valid plans and unit registries, in every shape `kehoach/plan/model.py` accepts.

    from generated.plans import plans, registries, upper_plans, write

- `plans(importable=False, era=None)`: the data (a dict, ready for YAML) of a valid plan.
  Every optional part present or absent (`can_cu`, the usual four parts, `phan_khac` with
  `thu_tu`, `ket_luan`, `phu_luc`, `danh_so`, `ho_so`, `goc`); items with a title or a
  single paragraph (`noi_dung`) at any depth, every sub-item style (`nhan_con`); bullets
  and leads; indicators of every kind (value, qualitative, groups with `truoc`/`sau`,
  denominators `{ms}`, `cap` with levels and unit kinds, `tong_hop`, `nam`, joiners);
  appendices with tables (narrow, wide, ragged rows), indicator tables with milestones;
  review notes (`xem_lai`) on any element; both eras and profiles; Vietnamese text with
  XML- and Jinja-special characters (`& < > {{ }} {% %}`) and long names.
  `importable=True` (for import round trips) writes the plan as documents are written,
  where a rendered document cannot tell the shapes apart: text starts with a word (no
  `1.`, `a)`, `- ` at a paragraph's start, no `Nơi nhận:`), single spaces, no number
  outside the targets; sub-items nest 1. → a) or 1.1. → - → +; the usual parts, the
  general objective, the indicators' item (`Các chỉ tiêu chủ yếu đến năm …`) and the
  vision titled as documents title them, the other parts not with their words; a target's
  wording without `và`, joined by `; ` or `. `; a bulleted line of targets one indicator;
  the closing sentence opens "Trên đây là" (a last line after a list is otherwise one of
  its items: found by the long run).
  `edits.py` draws what a clerk changes between two drafts of a plan.
- `registries(plan=None)`: a registry of units of every kind (xã, phường, đặc khu; xã,
  thị trấn and phường before 1/7/2025) with former units, signers, own values, dropped
  tasks and figures; given a plan, the units fit its era and name its indicators and tasks.
- `upper_plans(importable=False)`: `(plan, registry)`, a plan `derive` drafts units from
  (a district before 1/7/2025, a province or city after) and its registry; the plan names
  the registry as `don_vi.yaml` (`write` puts both in a folder).
- `write(folder, plan, registry=None, name="ke_hoach.yaml")`: the plan file, through
  kehoach's own YAML writer, and the registry beside it.

Everything is built as data and loaded back through the real loader by the properties
(`tests/properties/`), so `validate` is what judges a generated plan; the strategies only
generate what the model accepts (a shape it refuses is a bug here, not in kehoach).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from kehoach.plan.yamlwrite import dump
from kehoach.rules.data import type_codes
from kehoach.vn.numbers import number as vn_number

Draw = Callable[[st.SearchStrategy[Any]], Any]
Data = dict[str, Any]

# ---------------------------------------------------------------------------- text

_VOCABULARY = (
    "nâng cao nhận thức trách nhiệm của cấp ủy tổ chức đảng chính quyền cán bộ đảng viên "
    "và Nhân dân về vị trí vai trò chính sách xã hội an sinh phát triển kinh tế giáo dục "
    "y tế văn hóa thông tin tuyên truyền thực hiện bảo đảm hỗ trợ người lao động việc làm "
    "nông thôn mới đô thị giảm nghèo bền vững chuyển đổi số hạ tầng quốc phòng an ninh "
    "môi trường nước sạch trẻ em phụ nữ người cao tuổi dân tộc thiểu số đào tạo nghề "
    "kiểm tra giám sát sơ kết tổng kết định kỳ hằng năm phối hợp chủ trì tham mưu "
    "đổi mới quản lý nguồn lực đầu tư xây dựng củng cố hệ thống chất lượng hiệu quả"
)
WORDS = tuple(_VOCABULARY.split())
# The upper level's own voice, which derive rewrites or marks for review.
UPPER_VOICE = (
    "trên địa bàn huyện",
    "Ban Thường vụ Huyện ủy",
    "Huyện ủy",
    "trên địa bàn thành phố",
    "Ban Thường vụ Thành ủy",
    "trên địa bàn tỉnh",
    "Ban Thường vụ Tỉnh ủy",
    "Hội đồng nhân dân, Ủy ban nhân dân huyện",
    "Ban Tuyên giáo Huyện ủy",
    "Ban Tuyên giáo và Dân vận Thành ủy",
    "từ huyện đến cơ sở",
    "cơ chế, chính sách",
    "đề xuất ban hành",
    "cơ sở dữ liệu",
    "tỉnh Hậu Giang",
    "Nghị quyết số 42-NQ/TW ngày 24/11/2023",
    "Chương trình số 225-CTr/TU",
    "“Tiếp tục đổi mới chính sách xã hội trên địa bàn huyện”",
)
# What a template engine or an XML writer could take for its own.
SPECIAL = (
    "&",
    "<",
    ">",
    "&amp;",
    "<w:t>",
    "{{ 7*7 }}",
    "{% if x %}",
    "{%",
    "%}",
    "{#",
    "}}",
    "{{",
    '"',
    "'",
    "…",
    "%",
    "(b/c)",
    "2,59%",
    "10.000",
    "a/b",
    "]]>",
)
# Numbers in running text: an imported document takes a number in a chỉ tiêu paragraph
# for a target, so `importable` text keeps them out.
NUMERIC = {"2,59%", "10.000", "%"}
# Hostile only: starts and spacings a clerk's file may hold, which a rendered document
# cannot tell from a label or a layout (so never in `importable` text).
ODD = ("- ", "+ ", "1. ", "a) ", "I. ", "Nơi nhận:", "  ", "\u00a0", "#", ": ", "---")

PLACES = (
    "Phụng Hiệp", "Hòa An", "Cần Thơ", "Hậu Giang", "Sóc Trăng", "Tân Phước Hưng",
    "Long Mỹ", "Vị Thanh", "Ngã Bảy", "Châu Thành", "Cái Răng", "Ninh Kiều", "Côn Đảo",
    "Phú Quốc", "Bạch Long Vĩ", "Hiệp Hưng", "Thạnh Hòa", "Kinh Cùng", "Búng Tàu", "Ô Môn",
)
LONG_PLACE = "Tân Phước Hưng Đông Nam Thạnh Hòa Long Mỹ Vị Thanh Ngã Bảy Cái Răng Ninh Kiều"
UNITS_OF = ("%", "người", "hộ", "giường bệnh", "bác sĩ", "tuổi", "lao động", "xã", "số")
QUALIFIERS = ("đạt", "chiếm", "trên", "dưới", "tối thiểu", "tối đa", "khoảng", "ít nhất")


@dataclass
class Text:
    """How text is drawn: `importable` text starts with a word, spaced once, with no number
    and no word a document's reader takes for structure."""

    importable: bool = False

    def words(self, draw: Draw, low: int = 1, high: int = 12) -> list[str]:
        count = draw(st.integers(low, high))
        kinds = st.sampled_from(["word"] * 8 + ["voice", "special"] + ([] if self.importable
                                                                      else ["odd"]))
        out: list[str] = []
        for i in range(count):
            kind = draw(kinds) if i else "word"
            if kind == "word":
                out.append(draw(st.sampled_from(WORDS)))
            elif kind == "voice":
                out.append(draw(st.sampled_from(UPPER_VOICE)))
            elif kind == "special":
                specials = [t for t in SPECIAL if not (self.importable and t in NUMERIC)]
                out.append(draw(st.sampled_from(specials)))
            else:
                out.append(draw(st.sampled_from(ODD)).strip() or "x")
        return out

    def line(self, draw: Draw, low: int = 1, high: int = 10) -> str:
        """A line of text (a title, a name), starting with a capital letter."""
        if draw(st.integers(0, 30)) == 0:  # now and then a very long one
            low, high = 40, 90
        text = " ".join(self.words(draw, low, high))
        return text[:1].upper() + text[1:]

    def prose(self, draw: Draw, low: int = 3, high: int = 25) -> str:
        """A paragraph: one or two sentences; hostile text may break its lines (YAML folds
        them) or start with what looks like a label."""
        sentences = [self.line(draw, low, high) for _ in range(draw(st.integers(1, 2)))]
        text = ". ".join(sentences) + draw(st.sampled_from([".", ";", ":", ""]))
        if not self.importable and draw(st.integers(0, 12)) == 0:
            text = draw(st.sampled_from(ODD)) + text
        if not self.importable and draw(st.integers(0, 12)) == 0:
            text = text.replace(" ", "\n", 1)  # a `>-` block broken by hand
        return text.strip() or "x"

    def caps(self, draw: Draw, low: int = 1, high: int = 8) -> str:
        return self.line(draw, low, high).upper()


# ---------------------------------------------------------------------------- ids


@dataclass
class Ids:
    """Unique ids for one plan: most counted (`nv-3`), some the ones kehoach itself uses
    (section IV's roles, the parts' usual ids), some 60 characters long."""

    taken: set[str] = field(default_factory=set)
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    TRICKY = (
        "to-chuc-thuc-hien", "tc-van-phong", "tc-bao-cao", "tc-kiem-tra", "tc-hdnd",
        "tc-ubnd", "tc-mat-tran", "tc-chi-bo", "tc-xay-dung-dang", "muc-dich-yeu-cau",
        "nhiem-vu-giai-phap", "can-cu", "phu-luc", "kinh-phi", "ct", "a", "1",
    )

    def new(self, draw: Draw, stem: str) -> str:
        choice = draw(st.integers(0, 40))
        if choice == 0:
            ident = draw(st.sampled_from(self.TRICKY))
        elif choice == 1:
            ident = f"{stem}-" + "x" * (59 - len(stem))
        else:
            ident = f"{stem}-{next(self.counter)}"
        if ident in self.taken:
            ident = f"{stem}-{next(self.counter)}"
        while ident in self.taken:  # a long id taken: count instead
            ident = f"{stem}-{next(self.counter)}"
        self.taken.add(ident)
        return ident


# ---------------------------------------------------------------------------- eras


@dataclass(frozen=True)
class Era:
    """Who issues the plan and when, and the units under such an issuer (empty: derive
    has no level below it)."""

    name: str
    first: dt.date
    last: dt.date
    issuer: str  # co_quan, {} the place
    upper: str | None  # cap_tren, {} the place above
    code: str
    kinds: tuple[str, ...]
    registry_upper: str = ""  # the registry's cap_tren for the units, {} the place


ERAS = (
    Era("huyen-2024", dt.date(2018, 1, 1), dt.date(2025, 6, 30), "HUYỆN ỦY {}",
        "ĐẢNG BỘ TỈNH {}", "HU", ("xa", "thi_tran"), "ĐẢNG BỘ HUYỆN {}"),
    Era("thi-xa-2024", dt.date(2018, 1, 1), dt.date(2025, 6, 30), "THỊ ỦY {}",
        "ĐẢNG BỘ TỈNH {}", "HU", ("xa", "thi_tran", "phuong"), "ĐẢNG BỘ THỊ XÃ {}"),
    Era("tinh-2025", dt.date(2025, 7, 1), dt.date(2031, 12, 31), "TỈNH ỦY {}", None, "TU",
        ("xa", "phuong", "dac_khu"), "ĐẢNG BỘ TỈNH {}"),
    Era("thanh-pho-2025", dt.date(2025, 7, 1), dt.date(2031, 12, 31), "THÀNH ỦY {}",
        "ĐẢNG BỘ THÀNH PHỐ {}", "TU", ("xa", "phuong", "dac_khu"), "ĐẢNG BỘ THÀNH PHỐ {}"),
    # Issuers without units to derive for (derive refuses them, exit 2).
    Era("xa-2024", dt.date(2018, 1, 1), dt.date(2025, 6, 30), "ĐẢNG ỦY XÃ {}",
        "ĐẢNG BỘ HUYỆN {}", "ĐU", ()),
    Era("xa-2025", dt.date(2025, 7, 1), dt.date(2031, 12, 31), "ĐẢNG ỦY PHƯỜNG {}",
        "ĐẢNG BỘ THÀNH PHỐ {}", "ĐU", ()),
    Era("tinh-2024", dt.date(2018, 1, 1), dt.date(2025, 6, 30), "TỈNH ỦY {}", None, "TU", ()),
    Era("ban-2024", dt.date(2018, 1, 1), dt.date(2025, 6, 30), "BAN TUYÊN GIÁO",
        "HUYỆN ỦY {}", "BTGHU", ()),
    Era("ma-la-2026", dt.date(2025, 7, 1), dt.date(2031, 12, 31), "ĐẢNG ỦY ĐẶC KHU {}",
        "ĐẢNG BỘ TỈNH {}", "ĐUK", ()),
)
DERIVABLE = tuple(era for era in ERAS if era.kinds)
PROFILES = (None, None, "hd36-2018", "hd05-2026")


def _place(draw: Draw) -> str:
    if draw(st.integers(0, 25)) == 0:
        return LONG_PLACE
    return draw(st.sampled_from(PLACES))


def _day(draw: Draw, era: Era) -> dt.date | int:
    """A full date, or a draft's year alone (read as its 31 December, `rules.levels.last_day`:
    the whole year is in the era, so a district's plan never has 2025 alone)."""
    day = draw(st.dates(era.first, era.last))
    if draw(st.booleans()):
        year = day.year
        if dt.date(year, 1, 1) >= era.first and dt.date(year, 12, 31) <= era.last:
            return year
    return day


def _header(draw: Draw, text: Text, era: Era, place: str) -> Data:
    day = _day(draw, era)
    header: Data = {}
    above = era.upper or (draw(st.sampled_from([None, "ĐẢNG BỘ TỈNH {}"])))
    if above:
        header["cap_tren"] = above.format(_place(draw)).upper()
    header["co_quan"] = era.issuer.format(place).upper()
    header["ma_co_quan"] = era.code
    header["loai"] = draw(st.sampled_from(["KH"] * 6 + sorted(type_codes())))
    if draw(st.integers(0, 5)) == 0:  # a longer tên loại: CHƯƠNG TRÌNH HÀNH ĐỘNG
        more = draw(st.sampled_from(["HÀNH ĐỘNG", "LIÊN TỊCH", "PHỐI HỢP"]))
        header["ten_loai"] = f"{type_codes()[header['loai']]} {more}"
    draft = isinstance(day, int) or draw(st.booleans())
    if not draft or draw(st.integers(0, 3)) == 0:
        header["so"] = draw(st.sampled_from([1, 5, 12, 99, 100, 1234]))
    if draft:
        header["du_thao"] = True
    header["dia_danh"] = place
    header["ngay"] = day
    summary = text.line(draw, 3, 18)
    if draw(st.booleans()):
        summary = "thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 về " + summary.lower()
    if draw(st.integers(0, 4)) == 0:
        summary = summary.replace(" ", "\n", 2)  # a trích yếu kept on several lines (`|-`)
    header["trich_yeu"] = summary
    return _noted(draw, text, header, summary)


# ---------------------------------------------------------------------------- notes


def _noted(draw: Draw, text: Text, element: Data, words: str) -> Data:
    """Now and then a review note on the element: on a phrase of its text, or on it all."""
    if draw(st.integers(0, 9)):
        return element
    notes = []
    for _ in range(draw(st.integers(1, 2))):
        note: Data = {}
        parts = words.split()
        if parts and draw(st.booleans()):
            start = draw(st.integers(0, len(parts) - 1))
            note["cum"] = " ".join(parts[start : start + draw(st.integers(1, 3))])
        note["ly_do"] = text.line(draw, 2, 12)
        notes.append(note)
    element["xem_lai"] = notes
    return element


# ---------------------------------------------------------------------------- body

LEVEL_CODES = ("huyen", "xa", "tinh", "thanh_pho", "thi_tran", "phuong", "dac_khu")


def _levels(draw: Draw) -> list[str] | None:
    if draw(st.integers(0, 4)):
        return None
    return draw(st.lists(st.sampled_from(LEVEL_CODES), min_size=1, max_size=3, unique=True))


# The sub-item styles a document's reader can tell apart under each label.
DEEPER: dict[str, list[str | None]] = {"1.": [None, "a)", "1.1.", "-"], "a)": ["-"],
                                       "1.1.": ["-"], "-": ["+"], "+": []}
PART_TITLES = ("KINH PHÍ THỰC HIỆN", "CHẾ ĐỘ THÔNG TIN, BÁO CÁO", "KHEN THƯỞNG, KỶ LUẬT",
               "PHÂN CÔNG THEO DÕI")


@dataclass
class Body:
    """Draws the plan's elements; `ids` keeps them unique, `text` says how text looks,
    `indicators`/`tasks` collect the ids a registry may name."""

    draw: Draw
    text: Text
    ids: Ids
    indicators: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    weights: set[str] = field(default_factory=set)

    def count(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def scoped(self, element: Data) -> Data:
        levels = _levels(self.draw)
        if levels:
            element["cap"] = levels
        return element

    def paragraph(self, stem: str) -> Data:
        draw = self.draw
        body = self.text.prose(draw)
        p: Data = {"id": self.ids.new(draw, stem), "noi_dung": body}
        mark = draw(st.sampled_from([None, None, "-", "+"]))
        if mark:
            p["dau"] = mark
            if draw(st.booleans()):
                p["dan"] = self.text.line(draw, 1, 5)
        return _noted(draw, self.text, self.scoped(p), body)

    def paragraphs(self, stem: str, high: int = 2) -> list[Data]:
        return [self.paragraph(stem) for _ in range(self.count(0, high))]

    def item(self, stem: str, depth: int, label: str = "1.") -> Data:
        draw = self.draw
        ident = self.ids.new(draw, stem)
        item: Data = {"id": ident}
        inline = draw(st.integers(0, 2)) == 0
        words = self.text.prose(draw) if inline else self.text.line(draw, 1, 10)
        item["noi_dung" if inline else "tieu_de"] = words
        item["doan"] = self.paragraphs("doan")
        styles = [None, None, "a)", "1.1.", "-", "+"]
        if self.text.importable:  # as documents nest them: 1. → a) or 1.1. → - → +
            styles = DEEPER.get(label, [])
        deeper = self.count(0, 2 if depth < 4 else 0) if depth < 5 and styles else 0
        if deeper:
            style = draw(st.sampled_from(styles))
            below = style or "a)"
            item["muc"] = [self.item(f"muc{depth + 1}", depth + 1, below) for _ in range(deeper)]
            if style:
                item["nhan_con"] = style
        return _noted(draw, self.text, self.scoped(item), words)

    def items(self, stem: str, high: int = 3) -> list[Data]:
        return [self.item(stem, 1) for _ in range(self.count(0, high))]

    def section(self, ident: str, title: str | None = None) -> Data:
        if title is None and self.text.importable:  # no words of the usual parts' titles
            title = self.draw(st.sampled_from(PART_TITLES))
        title = title or self.text.caps(self.draw, 1, 6)
        section = {"id": ident, "tieu_de": title, "doan": self.paragraphs("doan"),
                   "muc": self.items("muc")}
        return _noted(self.draw, self.text, section, title)

    # ------------------------------------------------------------- indicators

    def value(self) -> int | float | str:
        draw = self.draw
        value = draw(st.one_of(
            st.integers(0, 100),
            st.decimals(0, 100, places=draw(st.integers(1, 3))).map(float),
            st.integers(100, 10**7),
            st.sampled_from([0, 1, 10**15, 0.001, 2.59, 10000, 1234567.5]
                            + ([] if self.text.importable else [-5])),
        ))
        if draw(st.integers(0, 4)) == 0:
            return vn_number(value)  # written the Vietnamese way: "2,59", "10.000"
        return value

    def indicator(self) -> Data:
        draw = self.draw
        ident = self.ids.new(draw, "ct")
        self.indicators.append(ident)
        before = " ".join(self.phrase_words(1, 8))
        indicator: Data = {"id": ident}
        if draw(st.integers(0, 3)):
            qualifier = draw(st.sampled_from(QUALIFIERS))
            unit = draw(st.sampled_from(UNITS_OF))
            written = "{gt}%" if unit == "%" else f"{{gt}} {unit}"
            cau = f"{before} {qualifier} {written}"
            indicator["gia_tri"] = self.value()
            indicator["don_vi"] = unit
            indicator["so_sanh"] = draw(st.sampled_from(
                ["tren", "toi_thieu", "khoang", "duoi", "toi_da", "dat"]))
            if draw(st.integers(0, 3)) == 0:
                indicator["huong"] = draw(st.sampled_from(["tang", "giam"]))
            if draw(st.integers(0, 5)) == 0:
                cau += " trên {ms} dân"
                indicator["mau_so"] = draw(st.sampled_from([1000, 10000, "10.000", 100000]))
            aggregation = draw(st.integers(0, 5))
            if aggregation == 0:
                indicator["tong_hop"] = {"cach": "cong"}
            elif aggregation == 1:
                weight = draw(st.sampled_from(["dan_so", "so_ho"]))
                self.weights.add(weight)
                indicator["tong_hop"] = {"cach": "binh_quan", "trong_so": weight}
        else:
            cau = before  # qualitative: no value
        if draw(st.integers(0, 4)) == 0:
            cau += " " + " ".join(self.phrase_words(1, 6))
        indicator["cau"] = cau[:1].upper() + cau[1:] if draw(st.booleans()) else cau
        indicator["nhan"] = self.text.line(draw, 1, 8)
        self.scoped(indicator)
        if draw(st.integers(0, 6)) == 0:
            indicator["nam"] = draw(st.one_of(st.integers(2020, 2035), st.sampled_from([0, 9999])))
        joiners = [None, None, "; ", ", ", " và ", ". ", ";", "", " "]
        if self.text.importable:  # a reader cuts a sentence of targets at these
            joiners = [None, None, "; ", ". "]
        joiner = draw(st.sampled_from(joiners))
        if joiner is not None:
            indicator["noi"] = joiner
        return _noted(draw, self.text, indicator, indicator["cau"])

    def phrase_words(self, low: int, high: int) -> list[str]:
        """Words of an indicator's wording; an importable one has no word a reader cuts
        a sentence of targets at (`và`)."""
        words = self.text.words(self.draw, low, high)
        if not self.text.importable:
            return words
        return [w for w in words if w != "và"] or ["nâng"]

    def phrase(self) -> Data:
        draw = self.draw
        if draw(st.integers(0, 4)):
            return self.indicator()
        group: Data = {"id": self.ids.new(draw, "nhom")}
        if draw(st.booleans()):
            group["truoc"] = " ".join(self.phrase_words(1, 5)) + " "
        group["chi_tieu"] = [self.indicator() for _ in range(self.count(1, 3))]
        if draw(st.integers(0, 3)) == 0:
            group["sau"] = " " + " ".join(self.phrase_words(1, 5))
        joiner = draw(st.sampled_from([None, "; ", ". "]))
        if joiner is not None:
            group["noi"] = joiner
        return group

    def indicator_paragraph(self) -> Data:
        draw = self.draw
        p: Data = {"id": self.ids.new(draw, "ctd")}
        if draw(st.booleans()):
            p["nhan"] = self.text.line(draw, 1, 6)
        bullets = draw(st.integers(0, 3)) == 0
        # A bullet line of a document is one target (`- … đạt 75%, trong đó …` too): an
        # importable bulleted paragraph holds single indicators, not groups.
        one = bullets and self.text.importable
        count = self.count(1, 3)
        p["noi_dung"] = [self.indicator() if one else self.phrase() for _ in range(count)]
        if bullets:
            p["dau"] = draw(st.sampled_from(["-", "+"]))
        return self.scoped(p)

    def indicator_block(self, year: int) -> Data:
        draw = self.draw
        title = self.text.line(draw, 2, 8)
        odd = [] if self.text.importable else [1, 9999]  # the model bounds no year
        nam = draw(st.sampled_from([year, year + 5, 2030, 2025, *odd]))
        if self.text.importable:  # how documents name it, and how a reader finds it
            title = f"Các chỉ tiêu chủ yếu đến năm {nam}"
        block: Data = {"id": self.ids.new(draw, "chi-tieu"), "tieu_de": title, "nam": nam}
        block["mo_dau"] = self.paragraphs("mo-dau", 1)
        block["doan"] = [self.indicator_paragraph() for _ in range(self.count(1, 3))]
        return _noted(draw, self.text, block, title)

    def numbered_targets(self, part: Data, year: int) -> bool:
        """Targets right under the part, numbered as its items and nothing else in it
        (`II. MỤC TIÊU ĐẾN NĂM 2030`, `1. Chỉ số … đạt 0,75.`, `2. …`); a document shows
        them as targets only when one states a value."""
        draw = self.draw
        lines = [self.indicator() for _ in range(self.count(1, 4))]
        if self.text.importable and not any("gia_tri" in line for line in lines):
            for line in lines:
                self.indicators.remove(line["id"])
            return False
        for line in lines:  # a numbered line that ends no sentence is a heading
            line.pop("noi", None)
            if not line["cau"].endswith((".", ";")):
                line["cau"] += draw(st.sampled_from([".", ";"]))
        nam = draw(st.sampled_from([year, year + 5, 2030]))
        part["tieu_de"] = f"MỤC TIÊU ĐẾN NĂM {nam}"
        part["chi_tieu"] = {"id": self.ids.new(draw, "chi-tieu"), "nam": nam, "doan": [
            {"id": self.ids.new(draw, "ctd"), "dau": "1.", "noi_dung": lines}]}
        return True

    def objectives(self, year: int) -> Data:
        draw = self.draw
        part: Data = {"id": self.ids.new(draw, "muc-tieu"),
                      "tieu_de": draw(st.sampled_from(["MỤC TIÊU, CHỈ TIÊU", "MỤC TIÊU"])),
                      "doan": self.paragraphs("mt")}
        if draw(st.integers(0, 5)) == 0 and self.numbered_targets(part, year):
            return part
        named = self.text.importable  # as documents name them, and how a reader finds them
        if named or draw(st.booleans()):
            part["muc_tieu_tong_quat"] = self.item("mttq", 1)
            if named:
                part["muc_tieu_tong_quat"] |= {"tieu_de": "Mục tiêu tổng quát"}
                part["muc_tieu_tong_quat"].pop("noi_dung", None)
        if draw(st.integers(0, 3)):
            part["chi_tieu"] = self.indicator_block(year)
        if draw(st.booleans()):
            part["tam_nhin"] = self.item("tam-nhin", 1)
            if named:
                part["tam_nhin"] |= {"tieu_de": "Tầm nhìn đến năm 2045"}
                part["tam_nhin"].pop("noi_dung", None)
        part["muc"] = self.items("mt-khac", 2)
        return part

    def tasks_part(self) -> Data:
        section = self.section(self.ids.new(self.draw, "nhiem-vu"), "NHIỆM VỤ VÀ GIẢI PHÁP")
        self.tasks += [item["id"] for item in section["muc"]]
        return section

    def organisation(self) -> Data:
        draw = self.draw
        duties = [
            self.scoped({
                "id": self.ids.new(draw, "tc"),
                "chu_the": draw(st.sampled_from([
                    "Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy", "Ủy ban Kiểm tra Tỉnh ủy",
                    "Ban Tuyên giáo và Dân vận Thành ủy", "Các đảng ủy trực thuộc",
                    "Ban Nội chính Tỉnh ủy", self.text.line(draw, 2, 8)])),
                "noi_dung": self.text.prose(draw),
            })
            for _ in range(self.count(0, 4))
        ]
        return {"id": self.ids.new(draw, "to-chuc"), "tieu_de": "TỔ CHỨC THỰC HIỆN",
                "doan": self.paragraphs("tc-doan", 1), "muc": duties}

    # ------------------------------------------------------------- appendices

    def appendix(self, year: int) -> Data:
        draw = self.draw
        appendix: Data = {"id": self.ids.new(draw, "phu-luc")}
        if draw(st.integers(0, 3)) == 0:
            appendix["tieu_de"] = self.text.caps(draw, 1, 4)
        if draw(st.booleans()):
            appendix["ten"] = self.text.caps(draw, 2, 12)
        if draw(st.integers(0, 4)) == 0:
            appendix["chu_thich"] = "(" + self.text.line(draw, 3, 10) + ")"
        kind = draw(st.sampled_from(["chi_tieu", "bang", "both"]))
        if kind in ("chi_tieu", "both"):
            known = st.integers(year - 2, year + 10)
            years = sorted(draw(st.sets(st.one_of(known, known, known, st.sampled_from(
                [0, 1900, 9999])), min_size=1, max_size=4)))
            appendix["chi_tieu"] = [self.milestone_group(years) for _ in range(self.count(1, 2))]
        if kind in ("bang", "both"):
            columns = self.count(1, 9)
            appendix["bang"] = {
                "cot": [self.text.line(draw, 1, 4) for _ in range(columns)],
                "dong": [
                    {"o": [draw(st.sampled_from(["", "x", "10.000", "2,59"]))
                           if draw(st.integers(0, 2)) == 0 else self.text.line(draw, 1, 6)
                           for _ in range(draw(st.sampled_from([columns, columns,
                                                                max(columns - 1, 1),
                                                                columns + 1])))]}
                    for _ in range(self.count(0, 4))
                ],
            }
        if draw(st.integers(0, 3)) == 0:
            appendix["ngang"] = draw(st.booleans())
        return _noted(draw, self.text, appendix, appendix.get("ten", ""))

    def milestone_group(self, years: list[int]) -> Data:
        draw = self.draw
        group: Data = {"id": self.ids.new(draw, "pl-nhom")}
        if draw(st.booleans()):
            group["tieu_de"] = self.text.line(draw, 1, 5)
        rows = []
        for _ in range(self.count(1, 3)):
            ident = self.ids.new(draw, "pl-ct")
            row: Data = {"id": ident, "nhan": self.text.line(draw, 1, 8)}
            if draw(st.booleans()):
                row["don_vi"] = draw(st.sampled_from(UNITS_OF))
            chosen = [y for y in years if draw(st.booleans())] or years[:1]
            row["moc"] = {y: (self.value() if draw(st.integers(0, 4)) else
                              draw(st.sampled_from(["≥ 95", "100%", "Đạt", "x"])))
                          for y in chosen}
            if draw(st.integers(0, 3)) == 0:
                row["huong"] = draw(st.sampled_from(["tang", "giam"]))
            rows.append(row)
        group["chi_tieu"] = rows
        return group


# ---------------------------------------------------------------------------- plans


@st.composite
def _generated(draw: Draw, importable: bool, eras: tuple[Era, ...]) -> Data:
    text = Text(importable)
    era = draw(st.sampled_from(eras))
    place = _place(draw)
    ids = Ids()
    body = Body(draw, text, ids)
    plan: Data = {"id": ids.new(draw, "ke-hoach")}
    profile = draw(st.sampled_from(PROFILES))
    if profile:
        plan["ho_so"] = profile
    header = _header(draw, text, era, place)
    year = header["ngay"] if isinstance(header["ngay"], int) else header["ngay"].year
    if era.code == "ĐU" and draw(st.integers(0, 2)) == 0:  # a unit's plan derived earlier
        plan["goc"] = {"id": ids.new(draw, "goc"), "ngay": year, "ky_hieu": "KH/HU"}
        if draw(st.booleans()):
            plan["goc"]["so"] = 7
        plan["don_vi"] = "hoa-an"
    plan["van_ban"] = header
    style = draw(st.sampled_from([None, None, ("I-", "1-"), ("I.", "1-"), ("I-", None)]))
    if style:
        plan["danh_so"] = {k: v for k, v in zip(("muc", "tieu_muc"), style, strict=True) if v}
    plan["can_cu"] = body.paragraphs("can-cu", 2)
    usual = {
        "muc_dich_yeu_cau": lambda: body.section(ids.new(draw, "muc-dich"), "MỤC ĐÍCH, YÊU CẦU"),
        "muc_tieu_chi_tieu": lambda: body.objectives(year),
        "nhiem_vu_giai_phap": body.tasks_part,
        "to_chuc_thuc_hien": body.organisation,
    }
    for key, make in usual.items():
        if draw(st.integers(0, 3)):
            plan[key] = make()
    plan["phan_khac"] = [body.section(ids.new(draw, "phan")) for _ in range(body.count(0, 2))]
    parts = [plan[k]["id"] for k in usual if k in plan] + [p["id"] for p in plan["phan_khac"]]
    if parts and draw(st.integers(0, 2)) == 0:
        plan["thu_tu"] = draw(st.permutations(parts))
    if draw(st.booleans()):  # an importable closing opens as documents open it
        closing = text.prose(draw)
        plan["ket_luan"] = f"Trên đây là {closing[0].lower()}{closing[1:]}" if (
            importable) else closing
    plan["chu_ky"] = {
        key: draw(st.sampled_from(values))
        for key, values in (
            ("quyen_han", ["T/M BAN THƯỜNG VỤ", "T/M HUYỆN ỦY", "T/M TỈNH ỦY", "T/M ĐẢNG ỦY",
                           "T/L BAN THƯỜNG VỤ", ""]),
            ("chuc_vu", ["BÍ THƯ", "PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG", ""]),
            ("ghi_chu", ["", "", "(đã ký)"]),
            ("ho_ten", ["Nguyễn Văn A", "Trần Thị Bích Ngọc", "", "Lê Văn Tám & Cộng sự <x>"]),
        )
    }
    _noted(draw, text, plan["chu_ky"], plan["chu_ky"]["chuc_vu"])
    recipients = [text.line(draw, 2, 10) + draw(st.sampled_from(["", " (b/c)"]))
                  for _ in range(body.count(0, 4))]
    plan["noi_nhan"] = [*recipients, "Lưu " + draw(st.sampled_from(
        ["Văn phòng Huyện ủy", "Văn phòng Tỉnh ủy", "VP", text.line(draw, 1, 6)]))]
    plan["phu_luc"] = [body.appendix(year) for _ in range(body.count(0, 2))]
    return _pruned(plan)  # empty lists left out, as a clerk writes them


def _pruned(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _pruned(v) for k, v in data.items() if v != [] and v is not None}
    if isinstance(data, list):
        return [_pruned(v) for v in data]
    return data


def plans(importable: bool = False, era: str | None = None) -> st.SearchStrategy[Data]:
    """The data of a valid plan (see the module docstring); `era` picks one of `ERAS`."""
    eras = tuple(e for e in ERAS if era is None or e.name == era)
    return _generated(importable, eras)


# ---------------------------------------------------------------------------- registries

KIND_WORD = {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn", "dac_khu": "Đặc khu"}


@dataclass(frozen=True)
class Facts:
    """What a registry for a plan must agree with: the plan's era and place, and the ids
    of its indicators with a value, its tasks and the figures they are weighted by."""

    era: Era
    place: str
    indicators: list[str]
    tasks: list[str]
    weights: set[str]
    rates: set[str]  # indicators in % (a unit's figure at most 100: forms.evaluation.highest)


def facts(plan: Data) -> Facts:
    header = plan["van_ban"]
    day = header["ngay"] if isinstance(header["ngay"], dt.date) else dt.date(header["ngay"], 1, 1)
    era = next(e for e in ERAS if e.first <= day <= e.last and e.code == header["ma_co_quan"]
               and header["co_quan"].startswith(e.issuer.split("{")[0].strip()))
    indicators, weights, rates = [], set(), set()
    for value in _values(plan.get("muc_tieu_chi_tieu", {})):
        if isinstance(value, dict) and "gia_tri" in value:  # a unit's value needs one above
            indicators.append(value["id"])
            weights.add((value.get("tong_hop") or {}).get("trong_so"))
            if str(value.get("don_vi", "")).startswith("%") or "{gt}%" in value.get("cau", ""):
                rates.add(value["id"])
    tasks = [item["id"] for item in plan.get("nhiem_vu_giai_phap", {}).get("muc", [])]
    return Facts(era, header["dia_danh"], indicators, tasks, weights - {None}, rates)


def _values(data: Any) -> Any:
    yield data
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    for child in children:
        yield from _values(child)


@st.composite
def _registry(draw: Draw, plan: Data | None) -> Data:
    generated = facts(plan) if plan is not None else None
    era = generated.era if generated else draw(st.sampled_from(DERIVABLE))
    text = Text()
    place = generated.place if generated else _place(draw)
    units = []
    names = draw(st.lists(st.sampled_from([*PLACES, LONG_PLACE, "A", "Hòa An & <Mỹ>"]),
                          min_size=1, max_size=5, unique=True))
    for n, name in enumerate(names):
        unit: Data = {"id": draw(st.sampled_from([f"don-vi-{n}", f"dv{n}-" + "y" * 50])),
                      "loai": draw(st.sampled_from(era.kinds)), "ten": name}
        if era.first.year >= 2025 and draw(st.booleans()):
            unit["tien_than"] = [
                {"ma": f"cu-{n}-{k}", "loai": draw(st.sampled_from(["xa", "thi_tran", "phuong"])),
                 "ten": draw(st.sampled_from(PLACES))}
                for k in range(draw(st.integers(1, 3)))
            ]
        if draw(st.integers(0, 3)) == 0:
            unit["ky"] = {"quyen_han": "T/M BAN THƯỜNG VỤ", "chuc_vu": "BÍ THƯ",
                          "ho_ten": text.line(draw, 2, 4)}
        if generated and generated.indicators and draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(generated.indicators), max_size=3, unique=True))
            unit["chi_tieu"] = {  # a rate's figure never over 100 (refused: its own test)
                ident: draw(st.sampled_from([0, 1, 96, 2.5, "2,59"]
                                            + ([] if ident in generated.rates else [10**6])))
                for ident in chosen}
        if generated and generated.tasks and draw(st.integers(0, 3)) == 0:
            unit["bo_nhiem_vu"] = draw(st.lists(st.sampled_from(generated.tasks), max_size=2,
                                                unique=True))
        weights = generated.weights if generated else {"dan_so"}
        if weights and draw(st.booleans()):
            unit["so_lieu"] = {w: draw(st.sampled_from([0, 1, 1500, 25000.5])) for w in weights}
        units.append(unit)
    return {"cap": "xa", "cap_tren": era.registry_upper.format(place).upper(), "don_vi": units}


def registries(plan: Data | None = None) -> st.SearchStrategy[Data]:
    """A registry of units (see the module docstring); with `plan` (drawn from `plans()`),
    units of the kinds its era has, naming its indicators and tasks."""
    return _registry(plan)


@st.composite
def _upper(draw: Draw, importable: bool) -> tuple[Data, Data]:
    plan = draw(_generated(importable, DERIVABLE))
    return {**plan, "danh_sach_don_vi": REGISTRY_NAME}, draw(_registry(plan))


REGISTRY_NAME = "don_vi.yaml"


def upper_plans(importable: bool = False) -> st.SearchStrategy[tuple[Data, Data]]:
    """`(plan, registry)`: a plan derive drafts units from, naming `don_vi.yaml`."""
    return _upper(importable)


def write(folder: Path, plan: Data, registry: Data | None = None,
          name: str = "ke_hoach.yaml") -> Path:
    """The plan at `folder/name` (kehoach's own YAML writer), its registry beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    if registry is not None:
        (folder / REGISTRY_NAME).write_text(dump(registry), encoding="utf-8")
    path = folder / name
    path.write_text(dump(plan), encoding="utf-8")
    return path
