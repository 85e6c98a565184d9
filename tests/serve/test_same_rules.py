"""The pages call the stage functions the commands call, with the same rules: a value the
command refuses, the page refuses in the same words and writes nothing; a refusal is
worded for the page (no command-line option, no server path)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from kehoach.cli import main
from kehoach.derive.batch import base_path
from serve.webpages import BASE, token

FORMS = "/plan/phung_hiep_42.yaml/forms"


def _csrf(client: FlaskClient) -> str:
    return token(client.get("/", base_url=BASE).get_data(as_text=True))


def _made(app: Flask) -> list[Path]:
    """What the jobs made, kept beside the plans."""
    jobs = Path(app.config["PLANS_DIR"]) / "Tệp đã làm"
    return sorted(p for p in jobs.rglob("*") if p.is_file()) if jobs.is_dir() else []


@pytest.mark.parametrize(("period", "fragment"), [
    ("a" * 500, "quá dài (500 ký tự, tối đa 120)"),
    ("sơ\x07kết", "có ký tự điều khiển hoặc ẩn U+0007"),
    ("sơ\u200bkết", "có ký tự điều khiển hoặc ẩn U+200B"),
], ids=["500 ký tự", "U+0007", "U+200B"])
def test_the_forms_page_refuses_the_period_the_command_refuses(
    client: FlaskClient, app: Flask, plans: Path, tmp_path: Path, period: str, fragment: str
) -> None:
    command = CliRunner().invoke(main, ["forms", str(plans / "phung_hiep_42.yaml"), "--ky",
                                        period, "-o", str(tmp_path / "cli")])
    assert command.exit_code == 2 and f"'--ky': {fragment}" in command.output
    page = client.post(FORMS, base_url=BASE, data={"csrf": _csrf(client), "ky": period})
    assert page.status_code == 400  # it took a 500-character period into the titles
    assert fragment in html.unescape(page.get_data(as_text=True))
    assert _made(app) == [] and not (tmp_path / "cli").exists()


def test_the_forms_page_takes_what_the_command_takes(client: FlaskClient, app: Flask) -> None:
    period = "sơ kết " + "giữa nhiệm kỳ " * 8  # 118 characters once spaces are joined
    page = client.post(FORMS, base_url=BASE,
                       data={"csrf": _csrf(client), "ky": period, "nam": "2027"})
    assert page.status_code == 200
    assert [p.name for p in _made(app)] == ["phung_hiep_42_bieu_chi_tieu.docx",
                                            "phung_hiep_42_bieu_chi_tieu.xlsx",
                                            "phung_hiep_42_de_cuong_bao_cao.docx"]


def test_a_derive_refusal_is_worded_for_the_page(client: FlaskClient, plans: Path) -> None:
    data = {"csrf": _csrf(client), "don_vi": "hoa-an"}
    assert client.post("/plan/phung_hiep_42.yaml/derive", base_url=BASE,
                       data=data).status_code == 200
    again = client.post("/plan/phung_hiep_42.yaml/derive", base_url=BASE, data=data)
    text = html.unescape(again.get_data(as_text=True))
    assert again.status_code == 200 and "1 đơn vị đã có kế hoạch" in text  # asked, not redrafted
    assert "--force" not in text and str(plans) not in text
    # no base: the update cannot merge, and says what to do in the page's words
    base_path(plans / "phung_hiep_42" / "hoa-an.yaml").unlink()
    refused = client.post("/plan/phung_hiep_42.yaml/derive", base_url=BASE,
                          data={**data, "cach": "cap_nhat"})
    text = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400 and "“Cập nhật không dùng bản gốc”" in text
    blind = client.post("/plan/phung_hiep_42.yaml/derive", base_url=BASE,
                        data={**data, "cach": "cap_nhat_khong_goc"})
    assert blind.status_code == 200, blind.get_data(as_text=True)  # the way the page named
    assert "--" not in text.split("<main>")[1] and str(plans) not in text
    write_plan(plans / "nho.yaml", small_plan())  # names no units list
    alone = client.post("/plan/nho.yaml/derive", base_url=BASE,
                        data={"csrf": _csrf(client), "tat_ca": "1"})
    text = html.unescape(alone.get_data(as_text=True))
    assert alone.status_code == 400
    assert "kế hoạch không chỉ định danh sách đơn vị" in text and "--units" not in text
