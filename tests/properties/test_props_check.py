"""Properties over generated plans (issue 20): `check` reads every plan and its rendered
DOCX (exit 0 or 1, never 2: both are readable); kehoach's own document passes every
format rule (a format error in it is kehoach's bug); `--fix` writes a plan that is still
valid."""

from __future__ import annotations

import json

from generated.plans import plans, write
from generated.profiles import examples
from hypothesis import given
from running import folder, run

# The format rules (check/layout.py): text rules may fire on generated words.
LAYOUT = {"kho-giay", "le-trang", "phong-chu", "tieu-de", "cap-tren", "co-quan", "dau-sao",
          "so-ky-hieu", "dia-danh-ngay", "ten-loai", "trich-yeu", "than-van-ban", "so-trang",
          "chu-ky", "noi-nhan", "dau-van-ban"}


@examples(25)
@given(plans())
def test_check_reads_the_plan_and_finds_its_document_well_formed(data):
    with folder() as tmp:
        path = write(tmp, data)
        run(["render", path, "-o", tmp])
        result = run(["check", path, tmp / "ke_hoach.docx", "--format", "json"], (0, 1))
        found = json.loads(result.stdout)
        layout = [f for f in found if f["rule"] in LAYOUT and f["file"].endswith(".docx")]
        assert not [f for f in layout if f["severity"] == "lỗi"], layout
        run(["check", path, "--fix"], (0, 1))
        fixed = tmp / "ke_hoach.da_sua.yaml"
        if fixed.exists():
            run(["validate", fixed], (0,))
