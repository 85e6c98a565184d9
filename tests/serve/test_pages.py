"""What a clerk reads on the pages, seen through the test client: a broken plan file is
listed with its reason, a refused save is not shown as a success, every field has a
Vietnamese label."""

from __future__ import annotations

import re

from serve.webpages import BASE, all_fields


def _row(html: str, name: str) -> str:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    found = [r for r in rows if name in r]
    assert found, f"danh sách không có {name}"
    return " ".join(re.sub(r"<[^>]+>", " ", found[0]).split())


def test_a_broken_plan_file_is_listed_with_its_reason(client, plans):
    (plans / "hong.yaml").write_text('van_ban:\n  so: "12\n  loai: KH\n', encoding="utf-8")
    (plans / "thieu.yaml").write_text("van_ban:\n  so: 5\n  trich_yeu: Thiếu phần\n",
                                      encoding="utf-8")
    response = client.get("/", base_url=BASE)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    broken = _row(html, "hong.yaml")
    assert "Không mở được: lỗi cú pháp YAML: dấu ngoặc kép mở chưa đóng" in broken
    assert "dòng 2" in broken  # where the quote opened, not the end of the file
    invalid = _row(html, "thieu.yaml")
    assert "Còn lỗi: thiếu trường bắt buộc (id, dòng 1) và 6 lỗi khác" in invalid
    assert "phung_hiep_42.yaml" in html  # the good plans are still listed


def _message(html: str) -> str:
    found = re.search(r'<p class="([^"]*)" role="status">', html)
    assert found, "trang không có dòng thông báo"
    return found.group(1)


def test_a_refused_or_stale_save_is_not_shown_as_a_success(client, plans):
    path = plans / "phung_hiep_42.yaml"
    url = "/plan/phung_hiep_42.yaml"
    page = client.get(url, base_url=BASE).get_data(as_text=True)
    fields = all_fields(page)
    refused = client.post(url, base_url=BASE, data={**fields, "v:[\"van_ban\", \"so\"]": "abc"})
    assert refused.status_code == 400
    assert _message(refused.get_data(as_text=True)) == "message warning"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = client.post(url, base_url=BASE, data=fields)
    assert stale.status_code == 409
    assert _message(stale.get_data(as_text=True)) == "message warning"
    saved = client.get(url + "?msg=saved", base_url=BASE).get_data(as_text=True)
    assert _message(saved) == "message done"


def test_every_label_and_heading_of_the_editor_is_vietnamese_words(client):
    html = client.get("/plan/phung_hiep_42.yaml", base_url=BASE).get_data(as_text=True)
    labels = re.findall(r"<label for=\"[^\"]+\">([^<]*)</label>", html)
    labels += re.findall(r"<legend>([^<]*)</legend>", html)
    assert len(labels) > 100
    raw = sorted({t for t in labels if re.fullmatch(r"[a-z0-9_]+", t.strip())})
    assert raw == []  # a YAML key shown as it is, not a label


def test_every_field_of_the_plan_model_has_a_label():
    import inspect

    from pydantic import BaseModel

    from kehoach.plan import model
    from kehoach.plan.labels import LABELS

    missing = sorted(f"{name}.{key}" for name, cls in inspect.getmembers(model, inspect.isclass)
                     if issubclass(cls, BaseModel) and cls.__module__ == model.__name__
                     for key in cls.model_fields if key not in LABELS)
    assert missing == []


def _buttons(html: str) -> list[str]:
    found = re.findall(r'<button type="submit"[^>]*>([^<]*)</button>', html)
    return [" ".join(b.split()) for b in found]


def test_the_buttons_say_what_they_do(client):
    listing = _buttons(client.get("/", base_url=BASE).get_data(as_text=True))
    assert listing == ["Nhập thành kế hoạch mới", "Tạo kế hoạch mới"]
    jobs = _buttons(client.get("/plan/phung_hiep_42.yaml/jobs", base_url=BASE)
                    .get_data(as_text=True))
    assert jobs == ["Soạn kế hoạch cho đơn vị đã chọn", "Làm biểu mẫu trống",
                    "Tổng hợp các biểu đã chọn"]


def test_a_problem_no_field_shows_is_named_in_words(client, plans):
    (plans / "thieu.yaml").write_text("van_ban:\n  so: 5\n  trich_yeu: Thiếu phần\n",
                                      encoding="utf-8")
    html = client.get("/plan/thieu.yaml", base_url=BASE).get_data(as_text=True)
    loose = re.search(r'<ul class="problems" id="loi-chung">(.*?)</ul>', html, re.S)
    assert loose, "trang không kể các lỗi chung"
    items = [" ".join(re.sub(r"<[^>]+>", " ", li).split())
             for li in re.findall(r"<li>(.*?)</li>", loose.group(1), re.S)]
    assert items == ["Mã: thiếu trường bắt buộc (dòng 1)",
                     "Nơi nhận (mỗi dòng một nơi): thiếu trường bắt buộc (dòng 1)"]


def test_a_path_is_said_with_the_forms_labels():
    from kehoach.serve.form import spoken

    assert spoken("muc_tieu_chi_tieu.chi_tieu.doan[0].noi_dung[1].gia_tri") == (
        "Mục tiêu, chỉ tiêu › Chỉ tiêu › Các đoạn 1 › Nội dung 2 › Giá trị")


def test_the_problem_page_names_the_file(client, plans):
    (plans / "hong.yaml").write_text('van_ban:\n  so: "12\n  loai: KH\n', encoding="utf-8")
    response = client.get("/plan/hong.yaml/preview", base_url=BASE)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<span class="where">(hong.yaml, dòng 2, cột 7)</span>' in html  # the quote
    assert str(plans) not in html  # the folder is on the list page, not in every message


def test_a_new_plan_is_named_after_its_trich_yeu_and_never_over_a_file(client, plans):
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    fields = {**all_fields(page), "ten": "  ", "trich_yeu": "thực hiện Nghị quyết số 57"}
    first = client.post("/new", base_url=BASE, data=fields)
    stem = "/plan/thuc_hien_nghi_quyet_so_57"
    assert first.headers["Location"].endswith(f"{stem}.yaml?msg=created")
    second = client.post("/new", base_url=BASE, data=fields)
    assert second.headers["Location"].endswith(f"{stem}_2.yaml?msg=created")
    blank = client.post("/new", base_url=BASE, data={**fields, "trich_yeu": ""})
    assert blank.headers["Location"].endswith("/plan/ke_hoach_moi.yaml?msg=created")


def test_every_block_of_the_editor_has_a_heading(client, plans):
    path = plans / "phung_hiep_42.yaml"
    text = path.read_text(encoding="utf-8")
    note = "  dia_danh: Phụng Hiệp\n  xem_lai:\n    - cum: Phụng Hiệp\n      ly_do: tên cũ\n"
    path.write_text(text.replace("  dia_danh: Phụng Hiệp\n", note, 1), encoding="utf-8")
    html = client.get("/plan/phung_hiep_42.yaml", base_url=BASE).get_data(as_text=True)
    assert "<legend>Ghi chú xem lại (hiện thành chú thích Word)</legend>" in html
    assert "<legend>Phụng Hiệp</legend>" in html  # a note is headed by its words
    assert "<legend></legend>" not in html


def test_a_report_year_out_of_range_is_refused_in_words(client):
    page = client.get("/plan/phung_hiep_42.yaml/jobs", base_url=BASE).get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    for year in ("99999", "1200"):
        response = client.post("/plan/phung_hiep_42.yaml/forms", base_url=BASE,
                               data={"csrf": csrf, "nam": year})
        assert response.status_code == 400, year  # it was 500, 'lỗi ngoài dự kiến'
        assert "năm báo cáo phải từ 1900 đến 2100" in response.get_data(as_text=True)


def test_an_indicators_review_notes_sit_under_its_wording(client, plans):
    """In its own block, right under the wording, not in a narrow column."""
    text = (plans / "phung_hiep_42.yaml").read_text(encoding="utf-8")
    mark = "                gia_tri: 95\n"
    assert mark in text
    (plans / "phung_hiep_42.yaml").write_text(text.replace(
        mark, mark + "                xem_lai:\n                  - ly_do: số liệu của xã?\n", 1),
        encoding="utf-8")
    html = client.get("/plan/phung_hiep_42.yaml", base_url=BASE).get_data(as_text=True)
    at = html.rindex("số liệu của xã?")  # the note's own field (the mark above it comes first)
    block = html[html.rindex('<fieldset class="block indicator', 0, at):at]
    assert block.index('name="v:[') < block.index("Ghi chú xem lại")  # the wording comes first
