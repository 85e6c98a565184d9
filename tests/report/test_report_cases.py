"""`kehoach report` on small plans built for one thing each: the area's own figure where
an indicator says how to compute it, targets due or not, a phụ lục's milestones, the
refusals; and a property over generated figures: every sentence and every row of the phụ
lục says the verdict the biểu's rule table gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from builders import fill_form, small_plan, write_plan
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_report import one, read_back, run

from kehoach.errors import KehoachError
from kehoach.forms import evaluation
from kehoach.forms.layout import META, META_SHEET
from kehoach.rules.assessment import load_assessment
from kehoach.stages.report import report
from kehoach.vn.numbers import number

UNITS = """cap: xa
cap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP
don_vi:
  - {id: hoa-an, loai: xa, ten: Hòa An, so_lieu: {dan_so: 1000}}
  - {id: tan-long, loai: xa, ten: Tân Long, so_lieu: {dan_so: 3000}}
  - {id: long-thanh, loai: xa, ten: Long Thạnh, so_lieu: {dan_so: 2000}}
"""
NAMES = {"hoa-an": "Hòa An", "tan-long": "Tân Long", "long-thanh": "Long Thạnh"}


def _plan(folder: Path, indicators: list[dict[str, object]], **extra: object) -> Path:
    data = small_plan()
    data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"] = indicators
    data |= extra
    if "danh_sach_don_vi" in extra:
        (folder / "don_vi.yaml").write_text(UNITS, encoding="utf-8")
    return write_plan(folder / "huyen.yaml", data)


def _blank(plan: Path, year: int) -> Path:
    run(["forms", plan, "-o", plan.parent / "bieu", "--nam", year])
    return plan.parent / "bieu" / f"{plan.stem}_bieu_chi_tieu.xlsx"


def test_the_area_figure_follows_the_indicators_rule(tmp_path):
    plan = _plan(tmp_path, [
        {"id": "ct-a", "cau": "Tỷ lệ A đạt {gt}%", "nhan": "Tỷ lệ A", "gia_tri": 85,
         "don_vi": "%", "so_sanh": "dat", "tong_hop": {"cach": "binh_quan", "trong_so": "dan_so"}},
        {"id": "ct-b", "cau": "ít nhất {gt} người", "nhan": "Số người được hỗ trợ", "gia_tri": 100,
         "don_vi": "người", "so_sanh": "toi_thieu", "tong_hop": {"cach": "cong"}},
    ], danh_sach_don_vi="don_vi.yaml")
    blank = _blank(plan, 2026)
    forms = [fill_form(blank, tmp_path / "hoa_an.xlsx", "Hòa An", {"ct-a": 80, "ct-b": 40}),
             fill_form(blank, tmp_path / "tan_long.xlsx", "Tân Long", {"ct-a": 90, "ct-b": 70})]
    run(["report", plan, *forms, "-o", tmp_path / "bc"])
    paragraphs = read_back(tmp_path / "bc" / "huyen_bao_cao.docx")
    # (80 × 1000 + 90 × 3000) / 4000 = 87,5 against 85: vượt
    rate = one(paragraphs, "- Tỷ lệ A:")
    assert rate.text == ("- Tỷ lệ A: toàn huyện đạt 87,5%, vượt chỉ tiêu đến năm 2030 (85%); "
                         "1/2 đơn vị đạt, trong đó 1 đơn vị vượt; chưa đạt: Hòa An (80%).")
    assert rate.notes[0][0] == "87,5%"
    assert rate.notes[0][1].startswith(
        "Số liệu chung là bình quân theo trọng số 'dan_so' (danh sách đơn vị) của số liệu các "
        "đơn vị: Hòa An: 80% (hoa_an.xlsx, Biểu chỉ tiêu, ô E8); Tân Long: 90%")
    assert rate.notes[1][0] == "1/2"
    count = one(paragraphs, "- Số người được hỗ trợ:")
    assert count.text == ("- Số người được hỗ trợ: toàn huyện đạt 110 người, vượt chỉ tiêu đến "
                          "năm 2030 (tối thiểu 100 người); 0/2 đơn vị đạt; chưa đạt: Hòa An (40 "
                          "người), Tân Long (70 người).")
    assert count.notes[0][1].startswith("Số liệu chung là tổng của số liệu các đơn vị: ")
    assert one(paragraphs, "Có 2/3 đơn vị gửi biểu").text == (
        "Có 2/3 đơn vị gửi biểu số liệu; chưa báo cáo: Long Thạnh.")


def _unit_plan(folder: Path, **extra: object) -> Path:
    """A commune's own plan (`don_vi`): its forms carry the unit, the report is its own."""
    data = small_plan()
    data["van_ban"] |= {"cap_tren": "ĐẢNG BỘ HUYỆN PHỤNG HIỆP", "co_quan": "ĐẢNG ỦY XÃ HÒA AN",
                        "ma_co_quan": "ĐU", "dia_danh": "Hòa An"}
    data["noi_nhan"] = ["Ban Thường vụ Huyện ủy (b/c)", "Lưu Văn phòng Đảng ủy"]
    data |= {"don_vi": "hoa-an"} | extra
    return write_plan(folder / "xa.yaml", data)


@pytest.mark.parametrize(("year", "word", "ahead"), [(2027, "chưa đạt", 1), (2030, "không đạt", 0)])
def test_a_target_not_yet_due_is_not_yet_reached(tmp_path, year, word, ahead):
    """At the sơ kết a miss is 'chưa đạt' and the plan's tasks go on; at the tổng kết of the
    target's year it is 'không đạt' and no task of the plan remains ahead."""
    plan = _unit_plan(tmp_path)
    form = fill_form(_blank(plan, year), tmp_path / "hoa_an.xlsx", None, {"ct-bhyt": 90})
    run(["report", plan, form, "-o", tmp_path / "bc", "--ky", "tổng kết"])
    paragraphs = read_back(tmp_path / "bc" / "xa_bao_cao.docx")
    texts = [p.text for p in paragraphs]
    assert (f"- Tỷ lệ tham gia bảo hiểm y tế đạt 90%, {word} chỉ tiêu đến năm 2030 (trên 95%)."
            in texts)
    assert f"- Còn 1 chỉ tiêu {word}: tỷ lệ tham gia bảo hiểm y tế." in texts
    assert len([t for t in texts if t.startswith("- Tiếp tục ")]) == ahead
    assert texts[texts.index("Nơi nhận:") + 1:][:2] == ["- Ban Thường vụ Huyện ủy (b/c);",
                                                         "- Lưu Văn phòng Đảng ủy."]
    assert f"Hòa An, ngày      tháng      năm {year}" in texts
    assert "tổng kết thực hiện Kế hoạch số 12-KH/ĐU ngày 05/02/2024" in texts[texts.index(
        "BÁO CÁO") + 1]


def test_a_phu_luc_row_is_measured_against_the_milestone_of_the_year(tmp_path):
    plan = _unit_plan(tmp_path, phu_luc=[{"id": "pl", "chi_tieu": [
        {"id": "kt", "tieu_de": "Về kinh tế", "chi_tieu": [
            {"id": "ct-thu-nhap", "nhan": "Thu nhập bình quân đầu người",
             "don_vi": "triệu đồng", "moc": {2025: 60, 2030: 90}}]}]}])
    for year, value, sentence in (
        (2025, 62, "đạt 62 triệu đồng, vượt chỉ tiêu đến năm 2025 (tối thiểu 60 triệu đồng)."),
        (2027, 62, "đạt 62 triệu đồng, chưa đạt chỉ tiêu đến năm 2030 (tối thiểu 90 triệu đồng)."),
    ):
        form = fill_form(_blank(plan, year), tmp_path / f"hoa_an_{year}.xlsx", None,
                         {"ct-thu-nhap": value})
        run(["report", plan, form, "-o", tmp_path / str(year)])
        paragraphs = read_back(tmp_path / str(year) / "xa_bao_cao.docx")
        found = one(paragraphs, "- Thu nhập bình quân đầu người")
        assert found.text == f"- Thu nhập bình quân đầu người {sentence}"


def test_a_target_stated_at_two_milestones_is_measured_against_the_years(tmp_path):
    """`đạt 50%` by 2026 in one paragraph, `đạt 80%` by 2030 in another (`moc_cua`): one
    sentence per report, against the milestone of its year."""
    data = small_plan()
    block = data["muc_tieu_chi_tieu"]["chi_tieu"]
    block["doan"] = [
        {"id": "ct-2026", "nam": 2026, "noi_dung": [
            {"id": "ct-ky-so", "cau": "{gt}% hồ sơ được ký số", "nhan": "Tỷ lệ hồ sơ ký số",
             "gia_tri": 50, "don_vi": "%", "so_sanh": "dat"}]},
        {"id": "ct-2030", "noi_dung": [
            {"id": "ct-ky-so-2030", "cau": "{gt}% hồ sơ được ký số", "nhan": "Tỷ lệ hồ sơ ký số",
             "gia_tri": 80, "don_vi": "%", "so_sanh": "dat", "moc_cua": "ct-ky-so"}]},
    ]
    plan = _unit_plan(tmp_path, muc_tieu_chi_tieu=data["muc_tieu_chi_tieu"])
    for year, verdict, goal in ((2026, "vượt", "2026 (50%)"), (2027, "chưa đạt", "2030 (80%)")):
        form = fill_form(_blank(plan, year), tmp_path / f"{year}.xlsx", None, {"ct-ky-so": 60})
        run(["report", plan, form, "-o", tmp_path / str(year)])
        texts = [p.text for p in read_back(tmp_path / str(year) / "xa_bao_cao.docx")]
        found = [t for t in texts if t.startswith("- Tỷ lệ hồ sơ ký số")]
        assert found == [f"- Tỷ lệ hồ sơ ký số đạt 60%, {verdict} chỉ tiêu đến năm {goal}."]


def test_what_cannot_be_reported_is_refused_and_nothing_written(tmp_path):
    plan = _unit_plan(tmp_path)
    blank = _blank(plan, 2026)
    good = fill_form(blank, tmp_path / "hoa_an.xlsx", None, {"ct-bhyt": 97})
    # the same form re-labelled for another unit
    other = fill_form(blank, tmp_path / "tan_long.xlsx", None, {"ct-bhyt": 90})
    book = openpyxl.load_workbook(other)
    book[META_SHEET][META.unit_id] = "tan-long"
    book.save(other)
    out = run(["report", plan, other, "-o", tmp_path / "bc"], 2)
    assert ("tan_long.xlsx: Biểu chỉ tiêu!B3: biểu của đơn vị 'tan-long', kế hoạch này là "
            "của đơn vị 'hoa-an'") in out
    out = run(["report", plan, tmp_path / "khong_co.xlsx", "-o", tmp_path / "bc"], 2)
    assert "khong_co.xlsx: không có tệp này" in out
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a workbook")
    out = run(["report", plan, broken, "-o", tmp_path / "bc"], 2)
    assert "hong.xlsx: không phải tệp Excel" in out
    assert "không có biểu nào dùng được; chưa ghi báo cáo" in out
    out = run(["report", plan, good, "-o", tmp_path / "bc", "--ky", "sơ kết\x07"], 2)
    assert "ký tự điều khiển" in out
    assert not (tmp_path / "bc").exists()
    with pytest.raises(KehoachError, match="năm báo cáo phải từ"):
        report(plan, [good], tmp_path / "bc", year=1800)
    assert not (tmp_path / "bc").exists()


def test_without_its_units_list_a_plan_reports_on_one_unit_only(tmp_path):
    """Forms made while the plan had its units list, the list since removed: one unit's
    form makes that unit's report; two units' are refused, saying why."""
    indicators = small_plan()["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"]
    plan = _plan(tmp_path, indicators, danh_sach_don_vi="don_vi.yaml")
    blank = _blank(plan, 2026)
    forms = [fill_form(blank, tmp_path / "hoa_an.xlsx", "Hòa An", {"ct-bhyt": 97}),
             fill_form(blank, tmp_path / "tan_long.xlsx", "Tân Long", {"ct-bhyt": 90})]
    plan = _plan(tmp_path, indicators)
    out = run(["report", plan, *forms, "-o", tmp_path / "bc"], 2)
    assert ("kế hoạch không có danh sách đơn vị nên chỉ soạn được báo cáo của một đơn vị; đã "
            "đọc biểu của: hoa_an.xlsx (hoa-an), tan_long.xlsx (tan-long)") in out
    assert not (tmp_path / "bc").exists()
    run(["report", plan, forms[0], "-o", tmp_path / "bc"])
    texts = [p.text for p in read_back(tmp_path / "bc" / "huyen_bao_cao.docx")]
    assert ("- Tỷ lệ tham gia bảo hiểm y tế đạt 97%, đạt chỉ tiêu đến năm 2030 (trên 95%)."
            in texts)


def test_a_bad_form_among_good_ones_is_named_and_the_rest_reported(tmp_path):
    plan = _plan(tmp_path, small_plan()["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"],
                 danh_sach_don_vi="don_vi.yaml")
    blank = _blank(plan, 2026)
    good = fill_form(blank, tmp_path / "hoa_an.xlsx", "Hòa An", {"ct-bhyt": 97})
    bad = fill_form(blank, tmp_path / "tan_long.xlsx", "Tân Long", {"ct-bhyt": 120})
    out = run(["report", plan, good, bad, "-o", tmp_path / "bc"], 1)
    assert "tan_long.xlsx: Biểu chỉ tiêu!E8: 120 ngoài khoảng cho phép" in out
    done = report(plan, [good, bad], tmp_path / "bc2")
    assert done.written == done.documents == [tmp_path / "bc2" / "huyen_bao_cao.docx"]
    assert [p.file for p in done.problems] == [str(bad)]
    assert done.units == ["hoa-an", "tan-long"] and done.missing == ["Long Thạnh"]
    assert done.review == len(list(_comments(done.written[0])))
    texts = [p.text for p in read_back(done.written[0])]
    assert ("- Tỷ lệ tham gia bảo hiểm y tế: 1/1 đơn vị đạt chỉ tiêu đến năm 2030 (trên 95%); "
            "chưa có số liệu: Tân Long.") in texts


def _comments(docx: Path) -> list[str]:
    from docx import Document

    return [c.text for c in Document(str(docx)).comments]


# The property: one indicator per rule of the table (comparison × direction), one qualitative.
RULES = [(c, d) for c, ds in load_assessment().quy_tac.items() for d in ds]
LETTERS = "ABCDEFGHIJKLMN"
TARGET = 50


def _generated_plan(folder: Path, **extra: object) -> Path:
    indicators: list[dict[str, object]] = [
        {"id": f"ct-{n}", "cau": f"Chỉ tiêu {LETTERS[n]} {{gt}}%", "nhan": f"Chỉ tiêu {LETTERS[n]}",
         "gia_tri": TARGET, "don_vi": "%", "so_sanh": c, "huong": d}
        for n, (c, d) in enumerate(RULES)
    ]
    indicators.append({"id": "ct-dinh-tinh", "cau": "Tiêu chí Z", "nhan": "Tiêu chí Z"})
    return _plan(folder, indicators, **extra)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sinh")
    area = _generated_plan(folder, danh_sach_don_vi="don_vi.yaml")
    own_folder = folder / "xa"
    own_folder.mkdir()
    own = _unit_plan(own_folder, muc_tieu_chi_tieu=load_plan_data(area)["muc_tieu_chi_tieu"])
    return {"area": area, "area_blank": _blank(area, 2026), "own": own,
            "own_blank": _blank(own, 2026)}


def load_plan_data(path: Path) -> dict[str, object]:
    from kehoach.plan.loader import load_plan

    return load_plan(path).model_dump(exclude_none=True, exclude_defaults=True)


TOLERANCE = TARGET * load_assessment().khoang_dung_sai_phan_tram / 100
EDGES = [TARGET, TARGET - TOLERANCE, TARGET + TOLERANCE, TARGET - 0.01, TARGET + 0.01, 0, 100]
figures = st.one_of(st.none(), st.sampled_from(EDGES),
                    st.integers(0, 10_000).map(lambda n: n / 100))
forms_of = st.fixed_dictionaries({
    unit: st.fixed_dictionaries({
        "values": st.lists(figures, min_size=len(RULES), max_size=len(RULES)),
        "verdict": st.sampled_from([None, "Đạt", "Không đạt"]),
    })
    for unit in NAMES
})


def _verdict(rule: int, value: float) -> str:
    """What the rule table says of `value` (the Python reading of danh_gia.yaml that the
    LibreOffice test holds equal to the form's Excel formulas)."""
    comparison, direction = RULES[rule]
    tolerance = TOLERANCE if comparison == "khoang" else 0.0
    label = evaluation.evaluate(f"{comparison}/{direction}", TARGET, value, tolerance)
    assert label is not None
    return label


# An example fills three forms and writes two reports (about a second): shrinking a failure
# would run for minutes, so a failure is shown as generated.
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forms=forms_of)
def test_every_sentence_says_the_verdict_of_the_rule_table(generated, tmp_path_factory, forms):
    work = tmp_path_factory.mktemp("vong")
    files = []
    for unit, form in forms.items():
        values = {f"ct-{n}": v for n, v in enumerate(form["values"]) if v is not None}
        verdicts = {"ct-dinh-tinh": form["verdict"]} if form["verdict"] else {}
        files.append(fill_form(generated["area_blank"], work / f"{unit}.xlsx", NAMES[unit],
                               values, verdicts))
    done = report(generated["area"], files, work / "bc")
    paragraphs = read_back(done.written[0])
    reached = set(evaluation.reached_labels())
    for n in range(len(RULES)):  # the units in the list's order, as the report names them
        given_ = {u: forms[u]["values"][n] for u in NAMES if forms[u]["values"][n] is not None}
        found = one(paragraphs, f"- Chỉ tiêu {LETTERS[n]}:")
        if not given_:
            assert found.text.endswith("chưa có đơn vị nào báo cáo số liệu.")
            continue
        ok = [u for u, v in given_.items() if _verdict(n, v) in reached]
        assert f": {len(ok)}/{len(given_)} đơn vị đạt chỉ tiêu" in found.text
        missed = [f"{NAMES[u]} ({number(v)}%)" for u, v in given_.items() if u not in ok]
        if missed:
            assert f"; chưa đạt: {', '.join(missed)}" in found.text
        else:
            assert "chưa đạt" not in found.text
        beyond = sum(_verdict(n, v) == "Vượt" for v in given_.values())
        assert (f", trong đó {beyond} đơn vị vượt" in found.text) == bool(beyond)
    # the same unit's own report: its sentences and its phụ lục's verdicts
    unit, form = next(iter(forms.items()))
    values = {f"ct-{n}": v for n, v in enumerate(form["values"]) if v is not None}
    own = fill_form(generated["own_blank"], work / "own.xlsx", None, values)
    mine = report(generated["own"], [own], work / "own")
    paragraphs = read_back(mine.written[0])
    rows = {row[1]: row for row in _last_table(mine.written[0])}
    for n, value in enumerate(form["values"]):
        found = one(paragraphs, f"- Chỉ tiêu {LETTERS[n]}{':' if value is None else ' '}")
        row = rows[f"Chỉ tiêu {LETTERS[n]}"]
        if value is None:
            assert found.text.endswith(": chưa có số liệu.") and row[4:7] == ["", "", ""]
            continue
        label = _verdict(n, value)
        word = evaluation.said("ket_qua", "chua_dat" if label == "Không đạt"
                               else evaluation.key_of(label))
        verb = evaluation.said("dong_tu", RULES[n][1])
        assert f" {verb} {number(value)}%, {word} chỉ tiêu đến năm 2030 (" in found.text
        assert found.notes[0][0] == f"{number(value)}%"
        assert row[4] == number(value) and row[6] == label


def _last_table(docx: Path) -> list[list[str]]:
    from docx import Document

    return [[c.text for c in row.cells] for row in Document(str(docx)).tables[-1].rows]


def test_the_report_is_dated_with_its_year_never_the_clock(tmp_path):
    plan = _unit_plan(tmp_path)
    form = fill_form(_blank(plan, 2027), tmp_path / "hoa_an.xlsx", None, {"ct-bhyt": 97})
    first = report(plan, [form], tmp_path / "a").written[0]
    second = report(plan, [form], tmp_path / "b").written[0]
    assert first.read_bytes() == second.read_bytes()
    from docx import Document

    document = Document(str(first))
    assert document.core_properties.created == dt.datetime(2027, 12, 31, tzinfo=dt.UTC)
    assert {c.timestamp for c in document.comments} == {dt.datetime(2027, 12, 31, tzinfo=dt.UTC)}
