"""The other jobs from the pages: derive (with the values sheet), blank forms, aggregate,
import, a new plan, compare."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import unquote

import openpyxl
from docx import Document

from kehoach.derive import values
from kehoach.forms.layout import FORM, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.edit import PlanFile
from kehoach.plan.loader import load_plan
from serve.webpages import BASE, token

JOBS = "/plan/phung_hiep_42.yaml"


def _csrf(client) -> str:
    return token(client.get("/", base_url=BASE).get_data(as_text=True))


def _links(html: str) -> list[str]:
    """The made files a page offers (kept beside the plans, under their folder)."""
    return [unquote(x) for x in re.findall(r'href="(/made/[^"]+)"', html)]


def test_derive_one_unit_writes_its_plan_beside_and_lists_what_to_review(client, plans):
    html = client.get(JOBS + "/jobs", base_url=BASE).get_data(as_text=True)
    assert 'value="hoa-an"' in html and "Hòa An" in html
    response = client.post(JOBS + "/derive", base_url=BASE,
                           data={"csrf": _csrf(client), "don_vi": "hoa-an"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    written = plans / "phung_hiep_42" / "hoa-an.yaml"
    assert load_plan(written).don_vi == "hoa-an"
    assert "chỗ cần xem lại" in html or "Không có chỗ nào cần xem lại" in html
    docx = client.get(_links(html)[0], base_url=BASE)
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.data))
    head = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert " ".join(load_plan(written).van_ban.co_quan.split()) in " ".join(head.split())
    assert "Thực hiện Kế hoạch số …-KH/HU" in document.paragraphs[1].text
    assert all(link.startswith("/made/Tệp đã làm/phung_hiep_42/") for link in _links(html))
    assert (plans / "Tệp đã làm" / "phung_hiep_42").is_dir()  # kept beside the plans
    listing = client.get("/", base_url=BASE).get_data(as_text=True)
    assert "phung_hiep_42/hoa-an.yaml" in listing


def test_blank_forms_then_aggregate_with_problems_per_file_and_cell(client, tmp_path):
    made = client.post(JOBS + "/forms", base_url=BASE, data={"csrf": _csrf(client), "nam": "2028"})
    links = _links(made.get_data(as_text=True))
    assert sorted(link.rsplit("/", 1)[1] for link in links) == [
        "phung_hiep_42_bieu_chi_tieu.docx", "phung_hiep_42_bieu_chi_tieu.xlsx",
        "phung_hiep_42_de_cuong_bao_cao.docx"]
    blank = client.get(next(x for x in links if x.endswith(".xlsx")), base_url=BASE).data
    files = []
    for unit, value in (("Hòa An", 97), ("Tân Long", "nhiều")):
        wb = openpyxl.load_workbook(io.BytesIO(blank))
        ws = wb[FORM_SHEET]
        ws[FORM.unit_name] = unit
        cell(ws, rows_by_id(ws)["ct-bhyt"], "ket_qua").value = value
        out = io.BytesIO()
        wb.save(out)
        files.append((io.BytesIO(out.getvalue()), f"{unit}.xlsx"))
    response = client.post(JOBS + "/aggregate", base_url=BASE, content_type="multipart/form-data",
                           data={"csrf": _csrf(client), "bieu": files})
    html = response.get_data(as_text=True)
    assert re.search(r"Tân Long\.xlsx: Biểu chỉ tiêu!E\d+: &#39;nhiều&#39; không phải là số", html)
    summary = next(x for x in _links(html) if x.endswith("_tong_hop.xlsx"))
    wb = openpyxl.load_workbook(io.BytesIO(client.get(summary, base_url=BASE).data))
    assert "Hòa An" in [c.value for c in wb["Tổng hợp"][1]]


def test_import_a_docx_and_create_a_blank_plan(client, plans, rendered):
    response = client.post("/import", base_url=BASE, content_type="multipart/form-data",
                           data={"csrf": _csrf(client),
                                 "tep": (io.BytesIO(rendered.read_bytes()), "Kế hoạch 42.docx")})
    # import exits 1 when something needs review; the plan is written all the same and the
    # editor opens on it saying so.
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/plan/ke_hoach_42.yaml?msg=imported_review")
    opened = client.get(response.headers["Location"], base_url=BASE).get_data(as_text=True)
    assert "Có chỗ cần xem lại" in opened
    assert load_plan(plans / "ke_hoach_42.yaml").id == "ke-hoach-42"
    before = (plans / "ke_hoach_42.yaml").read_bytes()
    twice = client.post("/import", base_url=BASE, content_type="multipart/form-data",
                        data={"csrf": _csrf(client),
                              "tep": (io.BytesIO(rendered.read_bytes()), "Kế hoạch 42.docx")})
    assert twice.headers["Location"].endswith("/plan/ke_hoach_42_2.yaml?msg=imported_review")
    assert (plans / "ke_hoach_42.yaml").read_bytes() == before  # never written over
    new = client.post("/new", base_url=BASE, data={
        "csrf": _csrf(client), "ten": "Kế hoạch mới", "co_quan": "Đảng ủy xã Hòa An",
        "cap": "xa", "dia_danh": "Hòa An"})
    assert new.status_code == 302
    plan = load_plan(plans / "ke_hoach_moi.yaml")
    assert plan.van_ban.co_quan == "ĐẢNG ỦY XÃ HÒA AN" and plan.van_ban.du_thao
    assert plan.van_ban.ma_co_quan == "ĐU"


def test_derive_with_the_values_sheet(client, plans):
    sheet = client.get(JOBS + "/values-template", base_url=BASE)
    assert sheet.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(sheet.data))
    ws = wb[values.SHEET]
    column = next(c.column for c in ws[1] if c.value == "Xã Hòa An")
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "ct-bhyt")
    ws.cell(row, column).value = "96,5"
    filled = io.BytesIO()
    wb.save(filled)

    def post(again: str = ""):
        return client.post(JOBS + "/derive", base_url=BASE, content_type="multipart/form-data",
                           data={"csrf": _csrf(client), "don_vi": "hoa-an", "cach": again,
                                 "gia_tri": (io.BytesIO(filled.getvalue()), "giá trị.xlsx")})

    assert post().status_code == 200
    written = plans / "phung_hiep_42" / "hoa-an.yaml"
    assert PlanFile.open(written).get((*PlanFile.open(written).path_of("ct-bhyt"),
                                       "gia_tri")) == 96.5
    ws.cell(row, column).value = 97
    filled = io.BytesIO()
    wb.save(filled)
    html = post().get_data(as_text=True)  # existing plan: only the value changes
    assert "chỉ sửa giá trị chỉ tiêu theo bảng" in html
    assert PlanFile.open(written).get((*PlanFile.open(written).path_of("ct-bhyt"),
                                       "gia_tri")) == 97
    ws.cell(row, column).value = "nhiều"
    filled = io.BytesIO()
    wb.save(filled)
    bad = post("soan_lai")
    assert bad.status_code == 400
    assert re.search(r"&#39;nhiều&#39; không phải là số \(ghi như 95 hoặc 2,5\) "
                     r"<span class=\"where\">"
                     r"\(Tệp đã làm/phung_hiep_42/[^/]+ soạn cho đơn vị[^/]*/"
                     r"đã tải lên/gia_tri\.xlsx, Giá trị chỉ tiêu!"
                     rf"{ws.cell(row, column).coordinate}\)", bad.get_data(as_text=True))


def _compare(client, **sides):
    return client.post("/compare", base_url=BASE, content_type="multipart/form-data",
                       data={"csrf": _csrf(client), **sides})


def test_compare_two_plans_of_the_folder(client, plans):
    page = client.get(JOBS + "/jobs", base_url=BASE).get_data(as_text=True)
    link = re.search(r'id="so-sanh" href="([^"]+)"', page).group(1)
    chooser = client.get(link.replace("&amp;", "&"), base_url=BASE).get_data(as_text=True)
    assert '<option value="phung_hiep_42.yaml" selected>' in chooser
    assert "don_vi_phung_hiep.yaml" not in chooser  # a registry is not a plan
    edited = PlanFile.open(plans / "phung_hiep_42.yaml")
    edited.set(("muc_dich_yeu_cau", "muc", 0, "doan", 0, "noi_dung"), "Một đoạn viết lại.")
    (plans / "moi.yaml").write_text(edited.text, encoding="utf-8")
    html = _compare(client, cu="phung_hiep_42.yaml", moi="moi.yaml").get_data(as_text=True)
    ident = load_plan(plans / "moi.yaml").muc_dich_yeu_cau.muc[0].doan[0].id
    assert re.search(r"<td>đoạn “Một đoạn viết lại.” \(trong I.1.\)</td>\s*<td>sửa chữ", html)
    assert ident not in html  # named by what it prints, never by its id
    docx = client.get(unquote(re.search(r'id="tai-so-sanh" href="([^"]+)"', html).group(1)),
                      base_url=BASE)
    body = zipfile.ZipFile(io.BytesIO(docx.data)).read("word/document.xml").decode()
    assert re.search(r"<w:ins [^>]*><w:r><w:t[^>]*>viết lại</w:t>", body)  # word by word
    assert "<w:del " in body
    same = _compare(client, cu="phung_hiep_42.yaml", moi="phung_hiep_42.yaml")
    assert "hai bản như nhau" in same.get_data(as_text=True)
    assert _compare(client, cu="phung_hiep_42.yaml").status_code == 400


def test_compare_an_uploaded_docx_with_a_plan(client, rendered):
    html = _compare(client, cu="phung_hiep_42.yaml",
                    tep_moi=(io.BytesIO(rendered.read_bytes()), "Bản gửi lại.docx"))
    assert html.status_code == 200
    text = html.get_data(as_text=True)
    assert "phung_hiep_42.yaml → Bản gửi lại.docx" in text
    assert 'href="/made/' in text
    refused = _compare(client, cu="phung_hiep_42.yaml",
                       tep_moi=(io.BytesIO(b"not a zip"), "x.docx"))
    assert refused.status_code == 400


def test_compare_names_the_header_and_signature_in_words(client, plans):
    edited = PlanFile.open(plans / "phung_hiep_42.yaml")
    edited.set(("van_ban", "dia_danh"), "Ngã Bảy")
    edited.set(("chu_ky", "ho_ten"), "Trần Văn B")
    (plans / "moi.yaml").write_text(edited.text, encoding="utf-8")
    html = _compare(client, cu="phung_hiep_42.yaml", moi="moi.yaml").get_data(as_text=True)
    assert re.search(r"<td>Đầu văn bản\s*</td>\s*<td>[^<]*</td><td>địa danh:", html)
    assert re.search(r"<td>Chữ ký\s*</td>", html)
    assert "<code>van_ban</code>" not in html and "<code>chu_ky</code>" not in html


def test_units_with_a_plan_are_updated_or_redrafted_only_once_the_clerk_chooses(client, plans):
    from kehoach.plan import history

    def derive(**more):
        return client.post(JOBS + "/derive", base_url=BASE,
                           data={"csrf": _csrf(client), "don_vi": ["hoa-an", "tan-long"], **more})

    client.post(JOBS + "/derive", base_url=BASE, data={"csrf": _csrf(client), "don_vi": "hoa-an"})
    written = plans / "phung_hiep_42" / "hoa-an.yaml"
    edited = PlanFile.open(written)
    edited.set((*edited.path_of("ct-bhyt"), "gia_tri"), 99)
    edited.save("luu")
    mine = written.read_bytes()
    asked = derive()  # one unit has a plan: nothing is drafted before the clerk chooses
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "1 đơn vị đã có kế hoạch" in page and "Hòa An" in page
    assert written.read_bytes() == mine and not (plans / "phung_hiep_42" / "tan-long.yaml").exists()
    assert 'value="cap_nhat" checked' in page
    updated = derive(cach="cap_nhat").get_data(as_text=True)
    assert "Đã cập nhật theo kế hoạch cấp trên" in updated and "Tân Long" in updated
    assert PlanFile.open(written).get((*PlanFile.open(written).path_of("ct-bhyt"),
                                       "gia_tri")) == 99  # the clerk's edit is kept
    assert [v.what for v in history.versions(written)][:1] == ["cập nhật theo kế hoạch cấp trên"]
    assert history.versions(written)[0].read() == mine  # the plan replaced, kept
    again = derive(cach="soan_lai").get_data(as_text=True)
    assert "chỗ cần xem lại" in again
    assert PlanFile.open(written).get((*PlanFile.open(written).path_of("ct-bhyt"),
                                       "gia_tri")) != 99  # redrafted from the upper plan …
    kept = history.versions(written)
    assert kept[0].what == "soạn lại từ kế hoạch cấp trên"  # … the edited one kept
    assert b"gia_tri: 99" in kept[0].read()
