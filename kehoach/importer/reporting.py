"""The reports an imported plan asks for, read from its words (`vn/reporting.py`) and held in
the plan (`bao_cao`), so a commune's draft reports on the days this plan sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from kehoach.importer.ledger import Data, Ledger
from kehoach.vn.reporting import Schedule, read_schedule

_TEXTS = ("chu_the", "noi_dung", "tieu_de")
_SAID = {
    "sau_thang": "6 tháng trước",
    "hang_quy": "hằng quý trước",
    "hang_nam": "hằng năm trước",
    "han": "một lần trước",
    "so_ket": "sơ kết năm",
    "tong_ket": "tổng kết năm",
}
_BODY = ("muc_dich_yeu_cau", "muc_tieu_chi_tieu", "nhiem_vu_giai_phap", "phan_khac", "ket_luan")


def read_reporting(data: Data, ledger: Ledger) -> None:
    """`data["bao_cao"]` from the words of section IV, else of the whole body; nothing when
    the plan states no report, no sơ kết and no tổng kết."""
    section = data.get("to_chuc_thuc_hien")
    found = read_schedule(_texts(section)) if section else Schedule()
    if not found:
        found = read_schedule(t for key in _BODY for t in _texts(data.get(key)))
    held = {k: v for k, v in vars(found).items() if k in _SAID and v is not None}
    if not held:  # periods named without a day are read again from the words by derive
        return
    if "han" in held:
        day, month, year = (int(x) for x in str(held["han"]).split("/"))
        held["han"] = dt.date(year, month, day)
    out = {}
    for key, value in list(data.items()):
        if key in ("chu_ky", "noi_nhan", "phu_luc") and "bao_cao" not in out:
            out["bao_cao"] = held
        out[key] = value
    out.setdefault("bao_cao", held)
    data.clear()
    data.update(out)
    said = ", ".join(f"{_SAID[k]} {v}" for k, v in vars(found).items() if k in held)
    ledger.found.append(f"chế độ báo cáo: {said}")


def _texts(node: Any) -> Iterator[str]:
    """Every text of a part of the plan data, in order; a duty's body and task as one text
    (its periods may stand in the one, its days in the other: "Định kỳ 6 tháng, năm, các
    đảng ủy …" | "báo cáo … chậm nhất vào ngày 20/6 và 20/12")."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict) and isinstance(node.get("chu_the"), str):
        yield f"{node['chu_the']} {node.get('noi_dung') or ''}"
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in _TEXTS and isinstance(value, str):
                yield value
            elif isinstance(value, dict | list):
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)
