"""Plan → the template context of the Kế hoạch: plain strings, labels computed from order.

The template never sees the model: it gets `van_ban`, `than` (a flat list of
blocks, each with a `kieu` the template switches on), `chu_ky` and `noi_nhan`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kehoach.document.prose import paragraph_text
from kehoach.plan.model import Item, Paragraph, Plan
from kehoach.rules.data import type_codes
from kehoach.rules.profile import Profile
from kehoach.vn import closing, dates, docnumber, labels

Block = dict[str, str]


def _paragraph(p: Paragraph) -> Block:
    if p.dau:
        return {"kieu": "gach", "dau": p.dau, "dan": p.dan or "", "chu": p.noi_dung}
    return {"kieu": "doan", "chu": p.noi_dung}


class _Outline:
    """Numbers sections (I., II.) and items (1., 2.) in reading order."""

    def __init__(self, profile: Profile) -> None:
        self.labels = profile.nhan
        self.blocks: list[Block] = []
        self.section = 0
        self.item = 0

    def heading(self, title: str) -> None:
        self.section += 1
        self.item = 0
        label = labels.section(self.section, self.labels)
        self.blocks.append({"kieu": "muc", "chu": f"{label} {title}"})

    def item_label(self) -> str:
        self.item += 1
        return labels.item(self.item, self.labels)

    def item_with(self, item: Item) -> None:
        self.blocks.append({"kieu": "tieu_muc", "chu": f"{self.item_label()} {item.tieu_de}"})
        self.blocks.extend(_paragraph(p) for p in item.doan)


def body_blocks(plan: Plan, profile: Profile) -> list[Block]:
    """Căn cứ, then sections I–IV, each block already labelled."""
    out = _Outline(profile)
    out.blocks.extend(_paragraph(p) for p in plan.can_cu)

    out.heading(plan.muc_dich_yeu_cau.tieu_de)
    for item in plan.muc_dich_yeu_cau.muc:
        out.item_with(item)

    objectives = plan.muc_tieu_chi_tieu
    out.heading(objectives.tieu_de)
    out.item_with(objectives.muc_tieu_tong_quat)
    block = objectives.chi_tieu
    out.blocks.append({"kieu": "tieu_muc", "chu": f"{out.item_label()} {block.tieu_de}"})
    out.blocks.extend({"kieu": "doan", "chu": paragraph_text(p)} for p in block.doan)
    if objectives.tam_nhin:
        out.item_with(objectives.tam_nhin)

    out.heading(plan.nhiem_vu_giai_phap.tieu_de)
    for task in plan.nhiem_vu_giai_phap.muc:
        out.item_with(task)

    out.heading(plan.to_chuc_thuc_hien.tieu_de)
    for duty in plan.to_chuc_thuc_hien.muc:
        out.blocks.append(
            {"kieu": "doan", "chu": f"{out.item_label()} {duty.chu_the} {duty.noi_dung}"}
        )
    for extra in plan.phan_khac:
        out.heading(extra.tieu_de)
        out.blocks.extend(_paragraph(p) for p in extra.doan)
        for item in extra.muc:
            out.item_with(item)
    return out.blocks


def header(plan: Plan, profile: Profile) -> dict[str, str]:
    """The strings of the header block, title and trích yếu."""
    h = plan.van_ban
    return {
        "cap_tren": h.cap_tren or "",
        "co_quan": h.co_quan,
        "so_ky_hieu": docnumber.doc_number(h.so, h.loai, h.ma_co_quan, profile.so_ky_hieu),
        "du_thao": profile.du_thao.chu if h.du_thao else "",
        "dia_danh_ngay": dates.date_line(h.dia_danh, h.ngay, profile.dia_danh_ngay),
        "ten_loai": type_codes()[h.loai],
        "trich_yeu": h.trich_yeu,
    }


def ke_hoach(plan: Plan, profile: Profile) -> dict[str, Any]:
    """The whole context of `templates/ke_hoach.docx`."""
    return {
        "van_ban": header(plan, profile),
        "gach_ngang": profile.gach_ngang.chu,
        "than": body_blocks(plan, profile),
        "chu_ky": plan.chu_ky.model_dump(),
        "noi_nhan": closing.recipients(plan.noi_nhan, profile),
    }


def document_properties(
    plan: Plan, title: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """The DOCX's own properties: author is the issuing body, title the trích yếu (or
    `title`); the dates are the plan's (or 1 January of `year`), never the clock."""
    h = plan.van_ban
    when = dt.date(year, 1, 1) if year is not None else h.day
    stamp = dt.datetime(when.year, when.month, when.day)
    author = " ".join(h.co_quan.split())
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
    """OOXML core properties hold at most 255 characters: cut at a word, mark with …."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
