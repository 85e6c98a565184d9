"""Saving from the editor: through PlanFile, only the changed lines change, a refused save
leaves the file as it was, a stale page never overwrites the newer file."""

from __future__ import annotations

import difflib
import io
import json
import shutil

from builders import small_plan, write_plan
from markupsafe import escape

from kehoach.plan.loader import load_plan
from kehoach.source import yamlsource
from serve.conftest import ROOT
from serve.webpages import BASE, all_fields, form_of

URL = "/plan/phung_hiep_42.yaml"
PARAGRAPH = ["muc_dich_yeu_cau", "muc", 0, "doan", 0, "noi_dung"]
VALUE = ["muc_tieu_chi_tieu", "chi_tieu", "doan", 0, "noi_dung", 1, "gia_tri"]


def name(path: list) -> str:
    return "v:" + json.dumps(path, ensure_ascii=False)


def _post(client, changes: dict[str, str], op: str = ""):
    page = client.get(URL, base_url=BASE).get_data(as_text=True)
    data = {**form_of(page), **changes}
    if op:
        data["op"] = op
    return client.post(URL, base_url=BASE, data=data)


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_a_changed_paragraph_and_value_change_only_their_lines(client, plans):
    path = plans / "phung_hiep_42.yaml"
    before = path.read_text(encoding="utf-8")
    response = _post(client, {name(PARAGRAPH): "Nâng cao nhận thức của toàn dân.",
                              name(VALUE): "3,1"})
    assert response.status_code == 302
    after = path.read_text(encoding="utf-8")
    changed = _changed_lines(before, after)
    assert [line for line in changed if line.startswith("+")] == [
        "+            Nâng cao nhận thức của toàn dân.", '+            gia_tri: "3,1"']
    assert len(changed) == 4, changed
    plan = load_plan(path)
    assert plan.muc_dich_yeu_cau.muc[0].doan[0].noi_dung == "Nâng cao nhận thức của toàn dân."
    assert plan.muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[1].gia_tri == 3.1
    assert "# Kế hoạch của Ban Thường vụ Huyện ủy Phụng Hiệp" in after  # comments kept
    page = client.get(response.headers["Location"], base_url=BASE).get_data(as_text=True)
    assert "Đã lưu" in page


def test_an_invalid_value_is_shown_beside_its_field_and_nothing_is_written(client, plans):
    path = plans / "phung_hiep_42.yaml"
    before = path.read_bytes()
    response = _post(client, {name(VALUE): "hai mươi", name(PARAGRAPH): "Đoạn đã sửa."})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Chưa lưu" in html
    field = html.index(f'name="{escape(name(VALUE))}"')
    error = html.index("&#39;hai mươi&#39; không phải là số")
    assert 0 < error - field < 600  # the message sits right under its field
    assert "Đoạn đã sửa." in html  # the clerk's other edit is still on the page
    assert path.read_bytes() == before


def test_a_stale_page_is_refused(client, plans):
    path = plans / "phung_hiep_42.yaml"
    page = client.get(URL, base_url=BASE).get_data(as_text=True)
    path.write_text(path.read_text(encoding="utf-8").replace("dia_danh: Phụng Hiệp",
                                                             "dia_danh: Hiệp Phụng"))
    newer = path.read_bytes()
    response = client.post(URL, base_url=BASE, data={**form_of(page), name(PARAGRAPH): "Cũ."})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Chưa lưu: tệp kế hoạch đã được lưu ở nơi khác" in html
    fields = all_fields(html)
    assert fields[name(["van_ban", "dia_danh"])] == "Hiệp Phụng"  # the newer file's text
    assert fields[name(PARAGRAPH)] == "Cũ."  # and the clerk's edit, kept in its field
    assert path.read_bytes() == newer


def test_review_marks_are_shown_and_cleared(client, plans):
    path = plans / "phung_hiep_42.yaml"
    text = path.read_text(encoding="utf-8")
    mark = "        - id: md-lanh-dao-chi-dao"
    path.write_text(text.replace(mark, "        # XEM LẠI: câu này có tên cơ quan cũ\n" + mark),
                    encoding="utf-8")
    listing = client.get("/", base_url=BASE).get_data(as_text=True)
    assert '<span class="mark">1</span>' in listing
    html = client.get(URL, base_url=BASE).get_data(as_text=True)
    assert "XEM LẠI: câu này có tên cơ quan cũ" in html
    ref = json.dumps(["muc_dich_yeu_cau", "muc", 0, "doan", 1])
    assert _post(client, {}, f"clear|{ref}").status_code == 302
    assert path.read_text(encoding="utf-8") == text


def _data(path):
    return yamlsource.load(path.read_text(encoding="utf-8"), str(path)).data


def test_move_add_remove_keep_comments_and_validate(client, plans):
    path = plans / "phung_hiep_42.yaml"
    marked = "          - id: ct-lao-dong-chua-co-viec-lam"
    path.write_text(path.read_text(encoding="utf-8").replace(
        marked, "          # ghi chú của văn phòng\n" + marked), encoding="utf-8")
    data = _data(path)
    item = ["muc_tieu_chi_tieu", "chi_tieu", "doan", 0, "noi_dung", 1]
    assert _post(client, {}, "up|" + json.dumps(item)).status_code == 302
    moved = load_plan(path).muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung
    assert [moved[0].id, moved[1].id] == ["ct-lao-dong-chua-co-viec-lam", "ct-nguoi-co-cong"]
    assert "        noi_dung:\n          # ghi chú của văn phòng\n" + marked in path.read_text(
        encoding="utf-8")  # the comment moved with its element
    assert _post(client, {}, "down|" + json.dumps([*item[:-1], 0])).status_code == 302
    assert _data(path) == data
    assert _post(client, {}, "add|" + json.dumps(item)).status_code == 302
    added = load_plan(path).muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[2]
    assert added.id == "ct-lao-dong-chua-co-viec-lam-moi" and "{gt}" in added.cau
    assert _post(client, {}, "remove|" + json.dumps([*item[:-1], 2])).status_code == 302
    assert _data(path) == data
    only = ["to_chuc_thuc_hien", "muc"]
    for i in range(len(load_plan(path).to_chuc_thuc_hien.muc) - 1, 0, -1):
        assert _post(client, {}, "remove|" + json.dumps([*only, i])).status_code == 302
    before = path.read_bytes()
    response = _post(client, {}, "remove|" + json.dumps([*only, 0]))
    assert response.status_code == 400
    assert "không xóa được phần tử duy nhất" in response.get_data(as_text=True)
    assert path.read_bytes() == before


def test_noi_nhan_lines_and_header_choices(client, plans):
    path = plans / "phung_hiep_42.yaml"
    lines = list(load_plan(path).noi_nhan)
    new = [*lines[:-1], "Ủy ban MTTQ huyện", lines[-1]]
    assert _post(client, {name(["noi_nhan"]): "\r\n".join(new),
                          name(["van_ban", "so"]): "15"}).status_code == 302
    plan = load_plan(path)
    assert list(plan.noi_nhan) == new and plan.van_ban.so == 15
    response = _post(client, {name(["noi_nhan"]): "Tỉnh ủy (b/c)"})
    assert "dòng cuối của nơi nhận phải là dòng lưu" in response.get_data(as_text=True)
    html = client.get(URL, base_url=BASE).get_data(as_text=True)
    assert '<option value="HU" selected>HU — Huyện ủy</option>' in html
    assert '<option value="khoang" selected>khoảng (≈)</option>' in html


def test_the_check_as_you_type_writes_nothing(client, plans):
    path = plans / "phung_hiep_42.yaml"
    before = path.read_bytes()
    page = client.get(URL, base_url=BASE).get_data(as_text=True)
    response = client.post(URL + "/check", base_url=BASE,
                           data={**form_of(page), name(VALUE): "hai mươi"})
    result = response.get_json()
    field = "f-" + "-".join(map(str, VALUE))
    assert result["fields"][field][0].startswith("'hai mươi' không phải là số")
    assert result["other"] == []
    fine = client.post(URL + "/check", base_url=BASE, data={**form_of(page), name(VALUE): "3"})
    assert fine.get_json() == {"fields": {}, "other": [], "stale": False}
    assert path.read_bytes() == before


def test_crafted_fields_and_operations_are_refused_plainly(client, plans):
    path = plans / "phung_hiep_42.yaml"
    before = path.read_bytes()
    for changes, op in (({"v:nonsense": "x"}, ""), ({'v:["khong_co", 3, "x"]': "x"}, ""),
                        ({}, 'add|["van_ban", "so"]'), ({}, 'remove|["noi_nhan"]'),
                        ({}, "up|{}"), ({}, "xoa-het|[]"), ({}, 'clear|["khong", "co"]')):
        response = _post(client, changes, op)
        assert response.status_code == 400, (changes, op)
        assert "lỗi ngoài dự kiến" not in response.get_data(as_text=True)
    assert path.read_bytes() == before


def test_sending_the_whole_form_back_unchanged_changes_no_byte(client, plans, rendered):
    """What a browser sends on "Lưu" without edits: every field, textareas with CRLF."""
    shutil.copy(ROOT / "plans" / "can_tho_42.yaml", plans / "can_tho_42.yaml")
    shutil.copy(ROOT / "plans" / "don_vi_can_tho.yaml", plans / "don_vi_can_tho.yaml")
    client.post("/import", base_url=BASE, content_type="multipart/form-data", data={
        "csrf": form_of(client.get(URL, base_url=BASE).get_data(as_text=True))["csrf"],
        "tep": (io.BytesIO(rendered.read_bytes()), "nhap.docx")})
    client.post(URL + "/derive", base_url=BASE, data={
        "csrf": form_of(client.get(URL, base_url=BASE).get_data(as_text=True))["csrf"],
        "don_vi": "hoa-an"})
    names = ["phung_hiep_42.yaml", "can_tho_42.yaml", "nhap.yaml", "phung_hiep_42/hoa-an.yaml"]
    for plan in names:
        before = (plans / plan).read_bytes()
        page = client.get(f"/plan/{plan}", base_url=BASE).get_data(as_text=True)
        fields = all_fields(page)
        assert len(fields) > 100
        response = client.post(f"/plan/{plan}", base_url=BASE, data=fields)
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
        assert response.headers["Location"].endswith("msg=unchanged"), plan
        assert (plans / plan).read_bytes() == before, plan


def test_clearing_a_derived_plans_review_notes_removes_their_word_comments(client, plans):
    """A mark the clerk has dealt with goes as a whole: its `# XEM LẠI` line and the
    `xem_lai` notes that become Word comments, the last note of a list included."""
    from click.testing import CliRunner

    from kehoach.cli import main

    result = CliRunner().invoke(main, ["derive", str(plans / "phung_hiep_42.yaml"),
                                       "--unit", "hoa-an", "-o", str(plans)])
    assert result.exit_code == 0, result.output
    path, url = plans / "hoa-an.yaml", "/plan/hoa-an.yaml"
    noted = [p for p, v in yamlsource.values(_data(path)) if isinstance(v, dict) and v.get(
        "xem_lai")]
    first, second = noted[0], noted[1]

    def post(op: str):
        page = client.get(url, base_url=BASE).get_data(as_text=True)
        return client.post(url, base_url=BASE, data={**form_of(page), "op": op})

    assert post(f"clear|{json.dumps(list(first))}").status_code == 302
    after = _data(path)
    assert "xem_lai" not in _at(after, first)
    assert len([p for p, v in yamlsource.values(after) if isinstance(v, dict) and v.get(
        "xem_lai")]) == len(noted) - 1
    notes = _at(after, second)["xem_lai"]
    for i in reversed(range(len(notes))):  # ✕ on each note, down to the last one
        assert post(f"remove|{json.dumps([*second, 'xem_lai', i])}").status_code == 302
    assert "xem_lai" not in _at(_data(path), second)
    assert post("clearall|").status_code == 302
    text = path.read_text(encoding="utf-8")
    assert "xem_lai" not in text and "# XEM LẠI" not in text
    load_plan(path)


def _at(data, path):
    for part in path:
        data = data[part]
    return data


def test_a_note_without_its_mark_line_still_gets_its_button(client, plans):
    """A note written by hand (no `# XEM LẠI` line above it) is counted and can be cleared."""
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"][0]["xem_lai"] = [{"ly_do": "giao cho ban nào?"}]
    path = write_plan(plans / "nho.yaml", data)
    page = client.get("/plan/nho.yaml", base_url=BASE).get_data(as_text=True)
    ref = json.dumps(["nhiem_vu_giai_phap", "muc", 0])
    assert f'value="clear|{escape(ref)}"' in page and "1 chỗ cần xem lại" in page
    response = client.post("/plan/nho.yaml", base_url=BASE,
                           data={**form_of(page), "op": f"clear|{ref}"})
    assert response.status_code == 302
    assert "xem_lai" not in path.read_text(encoding="utf-8")


def test_the_list_counts_what_the_editor_shows(client, plans):
    data = small_plan()
    data["nhiem_vu_giai_phap"]["muc"][0]["xem_lai"] = [{"ly_do": "giao cho ban nào?"}]
    write_plan(plans / "nho.yaml", data)  # a note without its '# XEM LẠI' line
    listing = client.get("/", base_url=BASE).get_data(as_text=True)
    row = listing[listing.index("nho.yaml"):]
    assert '<span class="mark">1</span>' in row[:row.index("</tr>")]
