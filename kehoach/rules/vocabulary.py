"""The words `kehoach import` relies on to recognise the parts of an existing plan
(`kehoach/data/nhap.yaml`)."""

from __future__ import annotations

from functools import cache

from pydantic import with_config
from typing_extensions import TypedDict

from kehoach.rules.assessment import Comparison
from kehoach.rules.source import FORBID, Data, read, shipped


@with_config(FORBID)
class Sections(TypedDict):
    """Part of the plan → words of its heading (in capitals), tried in this order."""

    muc_dich_yeu_cau: list[str]
    muc_tieu_chi_tieu: list[str]
    nhiem_vu_giai_phap: list[str]
    to_chuc_thuc_hien: list[str]


class Vocabulary(Data):
    so_sanh: dict[str, Comparison]  # word before a target value → its comparison
    mo_dau_chi_tieu: list[str]
    phan: Sections
    co_quan_ban_hanh: list[str]
    co_quan: list[str]  # organs a duty may name that the level data does not
    cuoi_ten_co_quan: list[str]
    viec_lam: list[str]


@cache
def load_vocabulary() -> Vocabulary:
    return read(Vocabulary, shipped("nhap.yaml"))
