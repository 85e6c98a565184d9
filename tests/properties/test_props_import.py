"""Properties over generated plans (issue 20): `import` of a plan's own rendered DOCX gives
the plan back: every paragraph's text and kind (part, item, sub-item, bullet, paragraph)
in order, the header fields, the indicators' values, the signature and the recipients."""

from __future__ import annotations

from typing import Any

from generated.plans import plans, write
from generated.profiles import examples
from hypothesis import given
from running import folder, run

from kehoach.document.context import body_blocks
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan
from kehoach.rules.profile import load_profile

HEADER = ("cap_tren", "co_quan", "ma_co_quan", "loai", "so", "du_thao", "dia_danh", "ngay",
          "trich_yeu")


def printed(block: dict[str, str]) -> str:
    """A body block's paragraph as the document prints it (`- Về y tế: …`)."""
    if block["kieu"] != "gach":
        return block["chu"]
    lead = f"{block['dan']}: " if block["dan"] else ""
    return f"{block['dau']} {lead}{block['chu']}"


def shape(plan: Plan) -> dict[str, Any]:
    """What a reader sees of a plan: the header, each body paragraph as printed (labels
    and all: the structure), the indicators' values, the signature and the recipients."""
    blocks = body_blocks(plan, load_profile(plan.profile_id()))
    return {
        "van_ban": {key: getattr(plan.van_ban, key) for key in HEADER},
        "ten_loai": plan.van_ban.type_name,
        "than": [printed(b) for b in blocks],
        "chi_tieu": [i.gia_tri for i in plan.indicators() if i.gia_tri is not None],
        "chu_ky": plan.chu_ky.model_dump(exclude={"xem_lai"}),
        "noi_nhan": plan.noi_nhan,
    }


@examples(30)
@given(plans(importable=True))
def test_import_of_the_rendered_document_gives_the_plan_back(data):
    with folder() as tmp:
        path = write(tmp, data)
        run(["render", path, "-o", tmp])
        plan = load_plan(path)
        if not shape(plan)["than"]:  # no body: nothing to import (README), exit 2
            run(["import", tmp / "ke_hoach.docx", "-o", tmp / "nhap.yaml"], (2,))
            return
        run(["import", tmp / "ke_hoach.docx", "-o", tmp / "nhap.yaml"], (0, 1))
        original, imported = shape(plan), shape(load_plan(tmp / "nhap.yaml"))
        for key in original:
            assert imported[key] == original[key], key
