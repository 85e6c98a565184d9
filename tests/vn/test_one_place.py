"""A rule of the official format lives in one place, the profile: change it there and
render, import and check all follow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document

import kehoach.rules.profile as profile_module
from kehoach.cli import main
from kehoach.rules.profile import load_profile


def _change_profile(patch: pytest.MonkeyPatch, folder: Path) -> None:
    """hd36-2018 with another prefix for the số line and another padding of dates, changed
    in the profile's data only (a copy of the shipped file)."""
    for name in profile_module.profile_names():  # the others as shipped
        shipped = profile_module.shipped(f"{name}.yaml").read_text(encoding="utf-8")
        (folder / f"{name}.yaml").write_text(shipped, encoding="utf-8")
    real = profile_module.shipped("hd36-2018.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(real)
    data["so_ky_hieu"]["tien_to"] = "Ký hiệu"
    data["dia_danh_ngay"]["so_0_ngay_toi"] = 0  # never 03
    data["dia_danh_ngay"]["so_0_thang_toi"] = 12  # always 04
    (folder / "hd36-2018.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                           encoding="utf-8")
    for other in ("nd30-2020.yaml", "ho_so_theo_ngay.yaml"):  # read by import, unchanged
        (folder / other).write_text(profile_module.shipped(other).read_text(encoding="utf-8"),
                                    encoding="utf-8")
    load_profile.cache_clear()
    patch.setattr(profile_module, "shipped", lambda name: folder / name)


@pytest.fixture
def changed_profile(monkeypatch, tmp_path_factory):
    _change_profile(monkeypatch, tmp_path_factory.mktemp("profile"))
    yield
    load_profile.cache_clear()


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _render(tmp_path: Path) -> Path:
    data = small_plan()
    data["van_ban"]["ngay"] = "2024-04-03"
    plan = write_plan(tmp_path / "plan.yaml", data)
    result = _run("render", str(plan), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "plan.docx"


def _header_lines(docx: Path) -> list[str]:
    table = Document(str(docx)).tables[0]
    return [p.text.strip() for cell in table._cells for p in cell.paragraphs if p.text.strip()]


def _format_rules(docx: Path) -> set[str]:
    result = _run("check", str(docx), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {f["rule"] for f in json.loads(result.stdout)}


def _import(docx: Path, target: Path):
    return _run("import", str(docx), "-o", str(target))


def test_render_import_and_check_follow_the_profile(tmp_path, changed_profile):
    docx = _render(tmp_path)
    lines = _header_lines(docx)
    assert "Ký hiệu 12-KH/HU" in lines
    assert "Phụng Hiệp, ngày 3 tháng 04 năm 2024" in lines
    assert not {"so-ky-hieu", "dia-danh-ngay"} & _format_rules(docx)
    result = _import(docx, tmp_path / "back.yaml")
    assert result.exit_code == 1, result.output  # written; the indicator is to review
    header = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))["van_ban"]
    assert (header["so"], header["ma_co_quan"]) == (12, "HU")


def test_the_same_document_breaks_the_unchanged_profile(tmp_path):
    """The document written under the changed rule, judged and read under the real one."""
    with pytest.MonkeyPatch.context() as patch:
        (tmp_path / "profile").mkdir()
        _change_profile(patch, tmp_path / "profile")
        docx = _render(tmp_path)
    load_profile.cache_clear()
    assert load_profile("hd36-2018").so_ky_hieu.tien_to == "Số"
    assert {"so-ky-hieu", "dia-danh-ngay"} <= _format_rules(docx)
    result = _import(docx, tmp_path / "back.yaml")  # `Ký hiệu 12-KH/HU` is no số line
    assert result.exit_code == 1
    assert "không nhận ra trong đầu văn bản: ma_co_quan" in result.output
    header = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))["van_ban"]
    assert (header.get("so"), header["ma_co_quan"]) == (None, "HU")  # from HUYỆN ỦY, marked
