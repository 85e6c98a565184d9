"""Every change from the editor keeps the version it replaces: the history lists them,
says what each change did in the clerk's words, restores one in a click (the restore is a
change too), and the last change is one click away from the editor. Kept bounded."""

from __future__ import annotations

import json
import re

from kehoach.plan import history
from kehoach.plan.loader import load_plan
from serve.webpages import BASE, all_fields

URL = "/plan/phung_hiep_42.yaml"
PARAGRAPH = ["muc_dich_yeu_cau", "muc", 0, "doan", 0]


def _name(path: list) -> str:
    return "v:" + json.dumps(path, ensure_ascii=False)


def _post(client, changes: dict[str, str] | None = None, op: str = ""):
    fields = all_fields(client.get(URL, base_url=BASE).get_data(as_text=True))
    for key, value in (changes or {}).items():
        fields[key] = value
    if op:
        fields["op"] = op
    return client.post(URL, base_url=BASE, data=fields)


def test_every_change_keeps_the_version_it_replaces(client, plans):
    path = plans / "phung_hiep_42.yaml"
    original = path.read_bytes()
    assert _post(client, {_name([*PARAGRAPH, "noi_dung"]): "Đoạn mới."}).status_code == 302
    after_save = path.read_bytes()
    assert _post(client, op="add|" + json.dumps(PARAGRAPH)).status_code == 302
    assert _post(client, op="down|" + json.dumps(PARAGRAPH)).status_code == 302
    assert _post(client, op="remove|" + json.dumps([*PARAGRAPH[:-1], 1])).status_code == 302
    kept = history.versions(path)
    assert [v.what for v in kept] == ["xóa một phần", "chuyển chỗ một phần", "thêm một phần",
                                      "lưu"]
    assert kept[-1].read() == original and kept[-2].read() == after_save
    unchanged = _post(client)  # nothing changed: no version
    assert unchanged.headers["Location"].endswith("msg=unchanged")
    assert len(history.versions(path)) == 4


def test_the_history_says_what_changed_and_restores_in_a_click(client, plans):
    path = plans / "phung_hiep_42.yaml"
    original = path.read_bytes()
    _post(client, {_name([*PARAGRAPH, "noi_dung"]): "Đoạn viết lại hoàn toàn."})
    editor = client.get(URL, base_url=BASE).get_data(as_text=True)
    link = re.search(r'href="([^"]+)" id="so-voi-ban-truoc"', editor).group(1)
    changes = client.get(link, base_url=BASE).get_data(as_text=True)
    assert "1 thay đổi" in changes and "sửa chữ" in changes
    assert "I.1." in changes and "md-nang-cao" not in changes  # named, not by its id
    listing = client.get(URL + "/lich-su", base_url=BASE).get_data(as_text=True)
    assert "Bản 1" in listing and "lưu" in listing
    restored = client.post(URL + "/khoi-phuc", base_url=BASE, data={**all_fields(listing),
                                                                    "ban": "1"})
    assert restored.status_code == 302 and restored.headers["Location"].endswith("msg=restored")
    assert path.read_bytes() == original
    kept = history.versions(path)
    assert kept[0].what == "khôi phục một bản cũ"  # the restore itself can be undone
    assert "Đoạn viết lại hoàn toàn.".encode() in kept[0].read()
    stale = client.post(URL + "/khoi-phuc", base_url=BASE, data={**all_fields(listing),
                                                                 "ban": "1"})
    assert stale.status_code == 409 and path.read_bytes() == original  # an old page


def test_the_history_is_bounded(client, plans, monkeypatch):
    monkeypatch.setattr(history, "LIMIT", 3)
    path = plans / "phung_hiep_42.yaml"
    for n in range(5):
        assert _post(client, {_name([*PARAGRAPH, "noi_dung"]): f"Lần {n}."}).status_code == 302
    kept = history.versions(path)
    assert [v.number for v in kept] == [5, 4, 3]
    assert load_plan(path).muc_dich_yeu_cau.muc[0].doan[0].noi_dung == "Lần 4."
