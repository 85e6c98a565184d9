"""Plan → the template context of the Kế hoạch: plain strings, labels computed from order.

The template never sees the model: it gets `van_ban`, `than` (a flat list of
blocks, each with a `kieu` the template switches on), `chu_ky` and `noi_nhan`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kehoach.document.appendix import appendices, block, last_is_wide
from kehoach.document.prose import bullet_lines, paragraph_text
from kehoach.plan.indicators import NUMBERED
from kehoach.plan.model import (
    IndicatorBlock,
    Item,
    Numbering,
    Objectives,
    Organisation,
    Paragraph,
    Plan,
    Section,
    Signature,
    TableBlock,
)
from kehoach.rules.levels import last_day
from kehoach.rules.profile import Profile
from kehoach.vn import closing, dates, docnumber, labels

Block = dict[str, Any]


_SECTION_FORMS = {"I.": "{so_la_ma}.", "I-": "{so_la_ma}-"}
_ITEM_FORMS = {"1.": "{so}.", "1-": "{so}-"}
_HEADING_KIND = {1: "tieu_muc", 2: "tieu_muc_con"}


class _Outline:
    """Numbers parts (I., II.), items (1., 2.) and sub-items (a), 1.1., -) in reading order,
    in the plan's own label style where it states one, else the profile's."""

    def __init__(self, profile: Profile, numbering: Numbering) -> None:
        rule = profile.nhan
        self.labels = rule.model_copy(
            update={
                "muc": _SECTION_FORMS.get(numbering.muc or "", rule.muc),
                "tieu_muc": _ITEM_FORMS.get(numbering.tieu_muc or "", rule.tieu_muc),
            }
        )
        self.blocks: list[Block] = []
        self.numbers: dict[str, str] = {}  # element id → its printed label
        self.section = 0
        self.item = 0
        page = profile.trang
        self.usable_mm = page.rong_mm - page.le_trai_mm - page.le_phai_mm

    def paragraph(self, p: Paragraph | TableBlock) -> Block:
        return block(p, self.usable_mm)

    def heading(self, title: str, printed: str | None = None) -> str:
        self.section += 1
        self.item = 0
        label = printed or labels.section(self.section, self.labels)
        self.blocks.append({"kieu": "muc", "chu": f"{label} {title}"})
        return label

    def item_label(self, printed: str | None = None) -> str:
        """The next item's label: by its place, or as the source printed it (`nhan`)."""
        self.item += 1
        return printed or labels.item(self.item, self.labels)

    def item_with(self, item: Item) -> None:
        self.labelled(item, self.item_label(item.nhan_goc), 1)

    def labelled(self, item: Item, label: str, depth: int) -> None:
        """An item under its label, its paragraphs, then its sub-items one level down."""
        self.numbers[item.id] = label
        if item.noi_dung is not None:
            self.blocks.append({"kieu": "doan", "chu": f"{label} {item.noi_dung}"})
        elif label in labels.BULLETS:
            self.blocks.append({"kieu": "gach", "dau": label, "dan": "", "chu": item.title})
        else:
            kind = _HEADING_KIND.get(depth, "tieu_muc_con")
            self.blocks.append({"kieu": kind, "chu": f"{label} {item.tieu_de}"})
        self.blocks.extend(self.paragraph(p) for p in item.doan)
        for n, sub in enumerate(item.muc, start=1):
            printed = sub.nhan_goc or labels.child(item.nhan_con, label, n, self.labels)
            self.labelled(sub, printed, depth + 1)

    def indicators(self, block: IndicatorBlock) -> None:
        """The indicator item: its heading (none when the targets stand right under the
        part), its opening paragraphs, then each paragraph of targets, under its milestone
        heading (`a) Đến năm 2026`) where it has one."""
        if block.tieu_de:
            label = self.numbers[block.id] = self.item_label(block.nhan_goc)
            self.blocks.append({"kieu": "tieu_muc", "chu": f"{label} {block.tieu_de}"})
        self.blocks.extend(self.paragraph(p) for p in block.mo_dau)
        milestone = 0
        for p in block.doan:
            if p.tieu_de:
                milestone += 1
                letter = labels.sub_item(milestone, self.labels)
                self.blocks.append({"kieu": "tieu_muc_con", "chu": f"{letter} {p.tieu_de}"})
            if p.dau == NUMBERED:
                for phrase, line in zip(p.noi_dung, bullet_lines(p), strict=True):
                    label = self.numbers[phrase.id] = self.item_label()
                    self.blocks.append({"kieu": "doan", "chu": f"{label} {line}"})
            elif p.dau:
                self.blocks.extend(
                    {"kieu": "gach", "dau": p.dau, "dan": "", "chu": line}
                    for line in bullet_lines(p)
                )
            else:
                self.blocks.append({"kieu": "doan", "chu": paragraph_text(p)})

    def part(self, part: Section | Objectives | Organisation) -> None:
        self.numbers[part.id] = self.heading(part.tieu_de, part.nhan_goc)
        if isinstance(part, Objectives):
            self._objectives(part)
        elif isinstance(part, Organisation):
            self.blocks.extend(self.paragraph(p) for p in part.doan)
            for duty in part.muc:
                label = self.numbers[duty.id] = self.item_label(duty.nhan_goc)
                chu = f"{label} {duty.chu_the} {duty.noi_dung}"
                self.blocks.append({"kieu": "doan", "chu": chu})
        else:
            self.blocks.extend(self.paragraph(p) for p in part.doan)
            for item in part.muc:
                self.item_with(item)

    def _objectives(self, part: Objectives) -> None:
        self.blocks.extend(self.paragraph(p) for p in part.doan)
        if part.muc_tieu_tong_quat:
            self.item_with(part.muc_tieu_tong_quat)
        if part.chi_tieu:
            self.indicators(part.chi_tieu)
        if part.tam_nhin:
            self.item_with(part.tam_nhin)
        for item in part.muc:
            self.item_with(item)


def _outline(plan: Plan, profile: Profile) -> _Outline:
    out = _Outline(profile, plan.danh_so)
    out.blocks.extend(out.paragraph(p) for p in plan.can_cu)
    for part in plan.parts():
        out.part(part)
    if plan.ket_luan:  # kept with the signature that follows it (a template without the
        out.blocks.append({"kieu": "ket", "chu": plan.ket_luan})  # kind prints it plainly)
    return out


def body_blocks(plan: Plan, profile: Profile) -> list[Block]:
    """The opening, then the parts in their order, each block already labelled, then the
    closing sentence."""
    return _outline(plan, profile).blocks


def printed_numbers(plan: Plan, profile: Profile) -> dict[str, str]:
    """Each numbered element's label as the document prints it (`I.`, `2.`, `a)`), by
    id: the web editor's outline shows the plan as the clerk will read it."""
    return _outline(plan, profile).numbers


def header(plan: Plan, profile: Profile) -> dict[str, str]:
    """The strings of the header block, title and trích yếu."""
    h = plan.van_ban
    tieu_ngu = profile.tieu_ngu.chu if profile.tieu_ngu else ""
    return {
        "quoc_hieu": h.quoc_hieu or profile.tieu_de.chu,
        "tieu_ngu": h.tieu_ngu or tieu_ngu,
        "cap_tren": h.cap_tren or "",
        "co_quan": h.co_quan,
        "so_ky_hieu": docnumber.doc_number(h.so, h.loai, h.ma_co_quan, profile.so_ky_hieu),
        "du_thao": profile.du_thao.mark(h.du_thao),
        "dia_danh_ngay": dates.date_line(h.dia_danh, h.ngay, profile.dia_danh_ngay, h.thang),
        "ten_loai": h.type_name,
        "trich_yeu": h.trich_yeu,
    }


def co_signers(plan: Plan) -> list[dict[str, dict[str, str]]]:
    """The other signers of a joint plan, two by two (`trai`, `phai`; an odd one's right
    is blank)."""
    signers = [s.model_dump() for s in plan.cung_ky]
    blank = {key: "" for key in Signature.model_fields}
    return [
        {"trai": signers[i], "phai": signers[i + 1] if i + 1 < len(signers) else blank}
        for i in range(0, len(signers), 2)
    ]


def ke_hoach(plan: Plan, profile: Profile) -> dict[str, Any]:
    """The whole context of `templates/ke_hoach.docx`."""
    return {
        "van_ban": header(plan, profile),
        "gach_ngang": profile.gach_ngang.chu,
        "than": body_blocks(plan, profile),
        "chu_ky": plan.chu_ky.model_dump(),
        "cung_ky": co_signers(plan),
        "noi_nhan": closing.recipients(plan.noi_nhan, profile),
        "phu_luc": appendices(plan, profile),
        "trang_ngang": last_is_wide(plan, profile),
        "so_trang_phu_luc": bool(plan.phu_luc) and profile.so_trang.phu_luc_rieng,
    }


def document_properties(
    plan: Plan, title: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """The DOCX's own properties: author is the issuing body, title the trích yếu (or
    `title`); the dates are the plan's (or `year`'s: a year alone is its 31 December),
    never the clock."""
    h = plan.van_ban
    when = last_day(year) if year is not None else h.day
    stamp = dt.datetime(when.year, when.month, when.day)
    author = _fit(" ".join(h.co_quan.split()))
    return {
        "author": author,
        "last_modified_by": author,
        "title": _fit(title or " ".join(h.trich_yeu.split())),
        "subject": plan.id,
        "comments": "",
        "revision": 1,
        "created": stamp,
        "modified": stamp,
        "language": "vi-VN",
    }


def _fit(text: str, limit: int = 255) -> str:
    """OOXML core properties hold at most 255 characters (python-docx refuses more): cut at
    a word, mark with …. The title and the author (a long cơ quan line) both pass here."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
