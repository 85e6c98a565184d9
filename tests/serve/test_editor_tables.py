"""An appendix table in the web editor: each heading and cell is a field of its own (the
generated plans found that a cell holding a comma was split in two, and an empty cell
dropped, on a save with nothing edited)."""

from __future__ import annotations

import json

from builders import small_plan, write_plan

from kehoach.plan.loader import load_plan
from kehoach.serve.app import create_app
from serve.webpages import BASE, PORT, all_fields

URL = "/plan/kh.yaml"
TABLE = {"cot": ["Chỉ tiêu", "Năm 2025, 2030", ""],
         "dong": [{"o": ["Tỷ lệ 2,59%", "", "a, b"]}, {"o": ["Dòng\nhai dòng"]}]}


def _client(tmp_path):
    data = small_plan()
    data["phu_luc"] = [{"id": "pl", "bang": TABLE}]
    path = write_plan(tmp_path / "plans" / "kh.yaml", data)
    return create_app(tmp_path / "plans", PORT, tmp_path / "work").test_client(), path


def test_a_table_saved_unedited_changes_no_byte(tmp_path):
    client, path = _client(tmp_path)
    before = path.read_bytes()
    fields = all_fields(client.get(URL, base_url=BASE).get_data(as_text=True))
    response = client.post(URL, base_url=BASE, data=fields)
    assert response.headers["Location"].endswith("msg=unchanged")
    assert path.read_bytes() == before


def test_one_cell_edited_is_the_one_change(tmp_path):
    client, path = _client(tmp_path)
    page = client.get(URL, base_url=BASE).get_data(as_text=True)
    fields = all_fields(page)
    cell = "v:" + json.dumps(["phu_luc", 0, "bang", "dong", 0, "o", 2])
    assert fields[cell] == "a, b" and 'id="f-phu_luc-0-bang-dong-1-o-0"' in page
    fields[cell] = "a, b, c"
    response = client.post(URL, base_url=BASE, data=fields)
    assert response.headers["Location"].endswith("msg=saved")
    table = load_plan(path).phu_luc[0].bang
    assert [row.o for row in table.dong] == [["Tỷ lệ 2,59%", "", "a, b, c"], ["Dòng\nhai dòng"]]
    assert table.cot == TABLE["cot"]
