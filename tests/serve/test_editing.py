"""What a clerk types is what the file gets: a date as 15/09/2026 (or a draft's year), a
line break as a new paragraph that the document prints as one, the levels an indicator is
for as ticked boxes; a new plan of today's structure; a refused save that puts the clerk's
text back where its element now stands."""

from __future__ import annotations

import datetime as dt
import json
import re

from docx import Document

from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from kehoach.stages.render import render
from serve.webpages import BASE, all_fields

URL = "/plan/phung_hiep_42.yaml"
DATE = ["van_ban", "ngay"]
PARAGRAPH = ["muc_dich_yeu_cau", "muc", 0, "doan", 0]
INDICATOR = ["muc_tieu_chi_tieu", "chi_tieu", "doan", 0, "noi_dung", 0]


def _name(path: list) -> str:
    return "v:" + json.dumps(path, ensure_ascii=False)


def _page(client) -> str:
    return client.get(URL, base_url=BASE).get_data(as_text=True)


def _save(client, fields):
    return client.post(URL, base_url=BASE, data=fields)


def test_dates_are_typed_day_month_year(client, plans):
    fields = all_fields(_page(client))
    assert fields[_name(DATE)] == "2024"  # a draft's year, as the file has it
    # a HUYỆN ỦY plan: dates before the districts ended (1/7/2025)
    fields[_name(DATE)] = "15/09/2024"
    assert _save(client, fields).status_code == 302
    assert load_plan(plans / "phung_hiep_42.yaml").van_ban.ngay == dt.date(2024, 9, 15)
    fields = all_fields(_page(client))
    assert fields[_name(DATE)] == "15/09/2024"  # shown the way it is typed
    fields[_name(DATE)] = "31/02/2024"
    refused = _save(client, fields)
    assert refused.status_code == 400
    assert "ngày &#39;31/02/2024&#39; không có trên lịch" in refused.get_data(as_text=True)
    fields[_name(DATE)] = "2023"
    assert _save(client, fields).status_code == 302
    assert load_plan(plans / "phung_hiep_42.yaml").van_ban.ngay == 2023


def test_a_line_break_in_a_paragraph_makes_a_new_paragraph(client, plans, tmp_path):
    fields = all_fields(_page(client))
    fields[_name([*PARAGRAPH, "noi_dung"])] = "Dòng thứ nhất.\r\nDòng thứ hai.\r\n\r\nDòng ba."
    assert _save(client, fields).status_code == 302
    plan = load_plan(plans / "phung_hiep_42.yaml")
    paragraphs = [p.noi_dung for p in plan.muc_dich_yeu_cau.muc[0].doan[:3]]
    assert paragraphs == ["Dòng thứ nhất.", "Dòng thứ hai.", "Dòng ba."]
    render(plans / "phung_hiep_42.yaml", tmp_path)
    printed = [p.text for p in Document(str(tmp_path / "phung_hiep_42.docx")).paragraphs]
    at = printed.index("Dòng thứ nhất.")
    assert printed[at:at + 3] == paragraphs  # three paragraphs in Word too


def test_levels_are_ticked_boxes_in_words(client, plans):
    page = _page(client)
    group = re.search(r'<fieldset class="checks" id="f-' + "-".join(map(str, [*INDICATOR, "cap"]))
                      + r'">(.*?)</fieldset>', page, re.S)
    assert group, "chỉ tiêu không có ô chọn cấp"
    labels = [" ".join(x.split()) for x in re.findall(r"</?label>|<input[^>]*>([^<]*)",
                                                       group.group(1)) if x.strip()]
    assert labels == ["cấp huyện", "cấp xã, phường, thị trấn", "chỉ thị trấn", "chỉ phường"]
    assert "thanh_pho" not in re.sub(r'value="[^"]*"', "", group.group(1))
    fields = all_fields(page)
    fields.setlist(_name([*INDICATOR, "cap"]), ["xa", "thi_tran"])
    assert _save(client, fields).status_code == 302
    assert load_plan(plans / "phung_hiep_42.yaml").muc_tieu_chi_tieu.chi_tieu.doan[0] \
        .noi_dung[0].cap == ["xa", "thi_tran"]
    fields = all_fields(_page(client))
    fields.setlist(_name([*INDICATOR, "cap"]), [])  # none ticked: every level
    assert _save(client, fields).status_code == 302
    assert load_plan(plans / "phung_hiep_42.yaml").muc_tieu_chi_tieu.chi_tieu.doan[0] \
        .noi_dung[0].cap is None


def test_the_page_shows_printed_numbers_and_sentences_never_ids(client, plans):
    page = _page(client)
    outline = re.search(r'<nav class="outline".*?</nav>', page, re.S).group(0)
    assert re.search(r'<span class="number">III\.</span> NHIỆM VỤ VÀ GIẢI PHÁP', outline)
    assert 'href="#b-nhiem_vu_giai_phap-muc-0"' in outline
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style).*?</\1>", " ", page, flags=re.S))
    plan = load_plan(plans / "phung_hiep_42.yaml")
    from kehoach.plan.walk import walk

    ids = {node.id for node in walk(plan)} | {plan.id}
    assert [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)] == []
    assert "Khi in, đoạn này là:" in page
    printed = re.search(r'<div class="printed">.*?<p>(.*?)</p>', page, re.S).group(1)
    assert "{gt}" not in printed and printed.endswith(".")


def test_a_new_plan_today_comes_from_todays_structure(client, plans):
    page = client.get("/", base_url=BASE).get_data(as_text=True)
    new = re.search(r'<form[^>]*id="ke-hoach-moi".*?</form>', page, re.S).group(0)
    offered = re.findall(r'name="cap" value="(\w+)"', new)
    assert "huyen" not in offered and {"xa", "tinh", "thanh_pho"} <= set(offered)
    assert re.search(r'value="xa" checked', new)
    assert "HUYỆN" not in new.upper() and "HU" not in re.findall(r"\w+", new)
    created = client.post("/new", base_url=BASE, data=all_fields(page))
    plan = load_plan(plans / created.headers["Location"].split("/plan/")[1].split("?")[0])
    assert plan.van_ban.ma_co_quan == "ĐU" and plan.van_ban.co_quan.startswith("ĐẢNG ỦY")


def test_a_refused_save_puts_the_clerks_text_where_its_element_now_stands(client, plans):
    path = plans / "phung_hiep_42.yaml"
    page = _page(client)
    other = PlanFile.open(path)  # meanwhile, another tab adds a paragraph above it
    other.insert(PARAGRAPH[:-1], 0, {"id": "doan-them-truoc", "noi_dung": "Đoạn thêm trước."})
    other.set(("van_ban", "dia_danh"), "Hiệp Phụng")
    other.save("them")
    fields = all_fields(page)
    fields[_name([*PARAGRAPH, "noi_dung"])] = "Chữ của tôi."
    fields[_name(["van_ban", "dia_danh"])] = "Phụng Hiệp mới"
    refused = client.post(URL, base_url=BASE, data=fields)
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    kept = all_fields(html)
    assert kept[_name([*PARAGRAPH[:-1], 1, "noi_dung"])] == "Chữ của tôi."  # moved down one
    assert kept[_name([*PARAGRAPH, "noi_dung"])] == "Đoạn thêm trước."
    assert kept[_name(["van_ban", "dia_danh"])] == "Phụng Hiệp mới"
    assert "Bản mới nhất trong tệp:" in html and "Hiệp Phụng" in html  # both changed it
    assert client.post(URL, base_url=BASE, data=kept).status_code == 302  # saved from there
    plan = load_plan(path)
    assert plan.muc_dich_yeu_cau.muc[0].doan[1].noi_dung == "Chữ của tôi."
    assert plan.muc_dich_yeu_cau.muc[0].doan[0].noi_dung == "Đoạn thêm trước."


def test_every_button_brings_the_page_back_to_the_element_it_acted_on(client, plans):
    def pressed(op: str) -> str:
        fields = all_fields(_page(client))
        fields["op"] = op
        response = client.post(URL, base_url=BASE, data=fields)
        assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
        return response.headers["Location"].split("#", 1)[1]

    item = ["nhiem_vu_giai_phap", "muc", 1]
    at = "b-nhiem_vu_giai_phap-muc"
    assert pressed("add|" + json.dumps(item)) == f"{at}-2"  # the new element
    assert pressed("down|" + json.dumps(item)) == f"{at}-2"  # where it went
    assert pressed("up|" + json.dumps([*item[:-1], 2])) == f"{at}-1"
    assert pressed("remove|" + json.dumps([*item[:-1], 2])) == at  # the list it left
    fields = all_fields(_page(client))
    assert "#" not in client.post(URL, base_url=BASE, data=fields).headers["Location"]
