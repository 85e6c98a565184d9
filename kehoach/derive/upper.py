"""What a unit's draft reads from the upper plan itself: the body that really signed it
("T/M HUYỆN ỦY" → Huyện ủy), its proper name, its short citation, the organ its reports
go through, and the reports it asks for (its days, the sơ kết and tổng kết years)."""

from __future__ import annotations

import re

from kehoach.plan.model import Paragraph, Plan
from kehoach.plan.references import plan_reference
from kehoach.plan.walk import walk
from kehoach.rules.levels import Level
from kehoach.rules.profile import signing_marks
from kehoach.vn import closing
from kehoach.vn.citations import citation
from kehoach.vn.reporting import Schedule, read_schedule, report_clauses


def signing_body(parent: Plan, upper: Level) -> str:
    """The upper body the plan was signed for: the standing committee unless its signing
    line names the committee itself (`T/M HUYỆN ỦY`) or the executive committee."""
    signer = closing.signed_for(parent.chu_ky.quyen_han, signing_marks())
    words = upper.noi
    for body in (words.ban_thuong_vu, words.cap_uy, words.ban_chap_hanh):
        if signer and body.upper().startswith(signer):
            return body
    return words.ban_thuong_vu


def proper_name(parent: Plan, upper: Level) -> str:
    """`Phụng Hiệp` from `HUYỆN ỦY PHỤNG HIỆP` (the issuer less its level's prefix),
    `Thành phố Hồ Chí Minh` from `THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH` (the level's area word
    kept in its written case); the place of issue when the issuer does not start with the
    prefix."""
    issuer = " ".join(parent.van_ban.co_quan.split())
    prefix = upper.tien_to_co_quan
    if not prefix or not issuer.upper().startswith(prefix):
        return parent.van_ban.dia_danh
    rest = issuer[len(prefix) :].split()
    area = upper.tu_dia_ban.split()
    named = " ".join(w.capitalize() for w in rest)
    if len(rest) > len(area) and [w.casefold() for w in rest[: len(area)]] == area:
        name = " ".join(w.capitalize() for w in rest[len(area) :])
        return f"{upper.tu_dia_ban.capitalize()} {name}"
    return named


def bare_name(parent: Plan, upper: Level) -> str:
    """The proper name without the level's area word (`Hồ Chí Minh`): what a unit's name
    is compared with."""
    name = proper_name(parent, upper)
    area = upper.tu_dia_ban.capitalize() + " "
    return name.removeprefix(area)


def short_citation(parent: Plan) -> str:
    """`Kế hoạch số 05-KH/HU`, `Kế hoạch số …-KH/HU` for a draft: how the opening's
    abbreviation clause names the upper plan."""
    return plan_reference(parent).split(" ngày ")[0]


def cited_sources(parent: Plan, implemented: str) -> list[str]:
    """The documents the upper plan cites in its căn cứ besides the one it implements
    (`Chương trình số 225-CTr/TU`): in the unit's plan the upper plan stands for them."""
    found = [m.group(3) for p in parent.can_cu for m in citation().finditer(p.noi_dung)]
    return [code for code in dict.fromkeys(found) if code not in implemented]


def report_route(parent: Plan, upper: Level) -> str:
    """The upper organ reports go through: the one the upper plan names after "qua", else
    the staff organ its section IV charges with reporting, else the upper Văn phòng."""
    organs = [*upper.co_quan_giup_viec.values(), upper.noi.van_phong]
    duties = parent.to_chuc_thuc_hien.muc if parent.to_chuc_thuc_hien else []
    text = " ".join(f"{d.chu_the} {d.noi_dung}" for d in duties)
    for organ in organs:
        if re.search(rf"\bqua {re.escape(organ)}", text):
            return organ
    for duty in duties:
        if duty.chu_the in organs and "báo cáo" in duty.noi_dung:
            return duty.chu_the
    return upper.noi.van_phong


def schedule(parent: Plan) -> Schedule:
    """The reports the upper plan asks for: as it holds them (`bao_cao`, which import reads),
    else read from the words of its section IV, else of its whole body. The periods named
    without a day (`ky`) are read from the words whatever is held."""
    found = read_schedule(_section_iv_texts(parent)) or read_schedule(_body_texts(parent))
    held = parent.bao_cao
    if held is None:
        return found
    values = held.model_dump(exclude={"xem_lai"})
    if held.han is not None:
        values["han"] = f"{held.han.day}/{held.han.month}/{held.han.year}"
    return Schedule(**values, ky=found.ky)


def report_words(parent: Plan) -> list[str]:
    """The upper plan's clauses about reports up (section IV's, else the body's): what a
    draft quotes when it cannot tell the days they ask for."""
    return report_clauses(_section_iv_texts(parent)) or report_clauses(_body_texts(parent))


def _section_iv_texts(parent: Plan) -> list[str]:
    section = parent.to_chuc_thuc_hien
    if section is None:
        return []
    paragraphs = [p.noi_dung for p in section.doan if isinstance(p, Paragraph)]
    return [*paragraphs, *(f"{d.chu_the} {d.noi_dung}" for d in section.muc)]


def _body_texts(parent: Plan) -> list[str]:
    return [
        text
        for node in walk(parent)
        for text in [getattr(node.element, "noi_dung", None)]
        if isinstance(text, str)
    ]
