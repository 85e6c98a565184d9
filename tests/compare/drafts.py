"""Two drafts of the seed plan: the plan as it is, and a second draft with a few edits made
on its data (not on its text), so a test knows exactly what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builders import write_plan
from conftest import PLAN

from kehoach.source import yamlsource


def seed_data() -> dict[str, Any]:
    return yamlsource.load(PLAN.read_text(encoding="utf-8"), str(PLAN)).data


def find(data: Any, id_: str) -> dict[str, Any]:
    """The element with id `id_` anywhere under `data`."""
    if isinstance(data, dict):
        if data.get("id") == id_:
            return data
        children = data.values()
    elif isinstance(data, list):
        children = data
    else:
        children = []
    for child in children:
        try:
            return find(child, id_)
        except KeyError:
            continue
    raise KeyError(id_)


def second_draft() -> dict[str, Any]:
    """Signed (number, date, signer), one value raised, one sentence reworded, one task
    removed, one paragraph added, one task moved to the top (every task after it is renumbered)."""
    data = seed_data()
    data["van_ban"].update(so=42, du_thao=False, ngay="2024-03-15")
    data["chu_ky"]["ho_ten"] = "Nguyễn Văn Bình"
    find(data, "ct-bhyt")["gia_tri"] = 96
    paragraph = find(data, "nv1-quan-triet")
    paragraph["noi_dung"] = paragraph["noi_dung"].replace("sâu rộng", "thường xuyên, sâu rộng")
    tasks = data["nhiem_vu_giai_phap"]["muc"]
    tasks.remove(find(data, "nv8-hop-tac-quoc-te"))
    find(data, "nv9-lanh-dao")["doan"].append(
        {
            "id": "nv9-chuyen-doi-so",
            "noi_dung": "Đẩy mạnh chuyển đổi số trong thực hiện chính sách xã hội.",
        }
    )
    tasks.insert(0, tasks.pop(tasks.index(find(data, "nv7-dich-vu-xa-hoi"))))
    return data


def write_drafts(where: Path) -> tuple[Path, Path]:
    return (
        write_plan(where / "du_thao_1.yaml", seed_data()),
        write_plan(where / "du_thao_2.yaml", second_draft()),
    )
