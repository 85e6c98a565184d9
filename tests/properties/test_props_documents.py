"""Properties over generated plans (issue 20): `validate` accepts every plan the format
allows; `render` and `build` make its document with every text of it, literally (XML- and
Jinja-special characters included), and never a traceback."""

from __future__ import annotations

from docx import Document
from generated.plans import plans, registries, upper_plans, write
from generated.profiles import examples
from hypothesis import given
from running import folder, run

from kehoach.document.appendix import appendices
from kehoach.document.context import body_blocks
from kehoach.plan.loader import load_plan
from kehoach.plan.yamlwrite import dump
from kehoach.rules.profile import load_profile
from kehoach.vn import closing


def _usable(plan) -> tuple[float, float]:
    """The width a table may take, in twips, on an upright and on a landscape page."""
    profile = load_profile(plan.profile_id())
    page, turned = profile.trang, profile.trang_ngang
    upright = page.rong_mm - page.le_trai_mm - page.le_phai_mm
    landscape = page.cao_mm - turned.le_trai_mm - turned.le_phai_mm
    return upright * 1440 / 25.4, landscape * 1440 / 25.4


def _document_text(path) -> str:
    doc = Document(str(path))
    cells = [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return "\n".join([*cells, *(p.text for p in doc.paragraphs)])


@examples(60)
@given(plans())
def test_validate_accepts_and_render_prints_every_text(data):
    with folder() as tmp:
        path = write(tmp, data)
        run(["validate", path], (0,))
        run(["render", path, "-o", tmp / "out"])
        plan = load_plan(path)
        profile = load_profile(plan.profile_id())
        text = _document_text(tmp / "out" / "ke_hoach.docx")
        for block in body_blocks(plan, profile):
            assert block["chu"] in text, block
        assert plan.van_ban.trich_yeu in text
        for appendix in appendices(plan, profile):  # every heading and cell of every table
            for cell in [*appendix["cot"], *(c for row in appendix["dong"] for c in row["o"])]:
                assert cell["t"] in text, cell
            assert appendix["rong"] <= max(_usable(plan)) + len(appendix["grid"]), appendix
        signature = [v for k, v in plan.chu_ky.model_dump().items() if k != "xem_lai"]
        for line in [*signature, *closing.recipients(plan.noi_nhan, profile)]:
            assert line in text, line


@examples(30)
@given(registries())
def test_validate_accepts_every_registry(registry):
    with folder() as tmp:
        path = tmp / "don_vi.yaml"
        path.write_text(dump(registry), encoding="utf-8")
        result = run(["validate", path], (0,))
        assert f"danh sách {len(registry['don_vi'])} đơn vị" in result.output


@examples(10)
@given(upper_plans())
def test_build_renders_a_folder_with_its_registry(pair):
    plan, registry = pair
    with folder() as tmp:
        write(tmp / "plans", plan, registry)
        result = run(["build", tmp / "plans", "-o", tmp / "out"])
        assert (tmp / "out" / "ke_hoach.docx").is_file(), result.output
        assert "bỏ qua" in result.output  # the registry is not a plan
