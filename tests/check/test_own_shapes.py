"""`check` finds no format error in a document kehoach rendered itself (issue 20: the
generated plans found three): a longer tên loại, a signature without a signing authority
(an organ's head signs with the title alone), an appendix table cell saying 'Nơi nhận:'."""

from __future__ import annotations

import json

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner

from kehoach.cli import main


def _title(data):
    data["van_ban"] |= {"loai": "CTr", "ten_loai": "CHƯƠNG TRÌNH HÀNH ĐỘNG"}


def _organ_head(data):
    data["chu_ky"] = {"quyen_han": "", "chuc_vu": "TRƯỞNG BAN", "ho_ten": "Nguyễn Văn A"}


def _table_saying_recipients(data):
    data["phu_luc"] = [{"id": "pl", "bang": {"cot": ["Nơi nhận:", "Ghi chú"],
                                             "dong": [{"o": ["Nơi nhận:", "x"]}]}}]


@pytest.mark.parametrize("case", [_title, _organ_head, _table_saying_recipients],
                         ids=lambda c: c.__name__.strip("_"))
def test_no_format_error_in_kehoachs_own_document(tmp_path, case):
    data = small_plan()
    case(data)
    plan = write_plan(tmp_path / "kh.yaml", data)
    assert CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)]).exit_code == 0
    result = CliRunner().invoke(main, ["check", str(tmp_path / "kh.docx"), "--format", "json"])
    errors = [f for f in json.loads(result.stdout) if f["severity"] == "lỗi"]
    assert errors == [] and result.exit_code == 0, result.output


def test_a_lower_case_authority_is_still_checked(tmp_path):
    data = small_plan()
    data["chu_ky"]["quyen_han"] = "t/m ban thường vụ"
    plan = write_plan(tmp_path / "kh.yaml", data)
    CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path)])
    result = CliRunner().invoke(main, ["check", str(tmp_path / "kh.docx")])
    assert result.exit_code == 1 and "quyền hạn ký phải in hoa" in result.output
