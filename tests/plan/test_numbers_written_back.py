"""A float whose YAML form looks like a Vietnamese thousands number (`43.705`, `0.001`) is
written so it reads back (`43.7050`): the reader refuses a bare `43.705` as a mistyped
43705. Found by the generated plans: a unit value `"43,705"` made derive write a YAML file
that kehoach could not read again."""

from __future__ import annotations

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner

from kehoach.cli import main
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.plan.yamlwrite import dump
from kehoach.source import yamlsource

VALUES = [43.705, 0.001, -5.125, 1.5, 2.59, 999.999, 1234.567]


@pytest.mark.parametrize("value", VALUES)
def test_the_writer_gives_back_every_float(value):
    text = dump({"gia_tri": value, "moc": {2030: value}, "ds": [value]})
    back = yamlsource.load(text, "x.yaml").data  # keys are read as text: the model takes 2030
    assert back == {"gia_tri": value, "moc": {"2030": value}, "ds": [value]}


@pytest.mark.parametrize("value", VALUES)
def test_the_in_place_editor_writes_every_float(tmp_path, value):
    path = write_plan(tmp_path / "kh.yaml", small_plan())
    plan = PlanFile.open(path)
    plan.set(("muc_tieu_chi_tieu", "chi_tieu", "doan", 0, "noi_dung", 0, "gia_tri"), value)
    assert plan.save()
    assert load_plan(path).indicators()[0].gia_tri == value


def test_a_unit_value_like_a_thousands_number_derives_a_readable_plan(tmp_path):
    registry = tmp_path / "don_vi.yaml"
    registry.write_text("cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
                        "  - {id: hoa-an, loai: xa, ten: Hòa An, chi_tieu: {ct-bhyt: '43,705'}}\n",
                        encoding="utf-8")
    upper = write_plan(tmp_path / "kh.yaml", small_plan())
    result = CliRunner().invoke(main, ["derive", str(upper), "--all", "--units", str(registry),
                                       "-o", str(tmp_path / "xa")])
    assert result.exit_code == 0, result.output
    assert load_plan(tmp_path / "xa" / "hoa-an.yaml").indicators()[0].gia_tri == 43.705
