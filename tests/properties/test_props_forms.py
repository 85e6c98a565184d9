"""Properties over generated plans (issue 20): `forms` makes the report outline and the
indicator forms of any plan; `aggregate` sums any set of filled forms (good cells, cells
typed as text, nonsense, numbers out of range, units named every way), with the exit code
the README gives (0 all summed, 1 some form had errors, 2 none usable) and never a
traceback."""

from __future__ import annotations

import shutil

import openpyxl
from generated.plans import plans, upper_plans, write
from generated.profiles import examples
from hypothesis import given
from hypothesis import strategies as st
from running import folder, run

from kehoach.forms.layout import FORM, cell, rows_by_id
from kehoach.forms.report import FORM_SHEET

KIND = {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn", "dac_khu": "Đặc khu"}


@examples(25)
@given(plans(), st.one_of(st.none(), st.integers(1900, 2100)),
       st.sampled_from([None, "sơ kết 5 năm", "tổng kết & <đánh giá> {{ x }}", "=1+1"]))
def test_forms_of_any_plan(data, year, period):
    with folder() as tmp:
        path = write(tmp, data)
        args = ["forms", path, "-o", tmp / "out"]
        args += ["--nam", year] if year is not None else []
        args += ["--ky", period] if period is not None else []
        run(args)
        for suffix in ("_de_cuong_bao_cao.docx", "_bieu_chi_tieu.docx", "_bieu_chi_tieu.xlsx"):
            assert (tmp / "out" / f"ke_hoach{suffix}").is_file()


CLEAN = st.one_of(st.integers(0, 100), st.sampled_from(["70,5", "2,59"]), st.none())
GOOD = st.one_of(CLEAN, st.floats(0, 100).map(lambda v: round(v, 2)), st.just("10.000"))
BAD = st.sampled_from(["nhiều", "=SUM(A1)", -5, 120, "", "1e400", " "])


@st.composite
def filled_forms(draw):
    """An upper plan, its registry, and for some units: the name typed some way, and what
    goes in each input cell of their forms."""
    plan, registry = draw(upper_plans())
    units = draw(st.lists(st.sampled_from(registry["don_vi"]), max_size=4,
                          unique_by=lambda u: u["id"]))
    forms = []
    for unit in units:
        names = [unit["ten"], f"{KIND[unit['loai']]} {unit['ten']}", unit["id"],
                 unit["ten"].upper()]
        name = draw(st.sampled_from([*names, "Không có xã này", ""]))
        if draw(st.booleans()):  # a form filled as asked: its unit must be in the summary
            cells = draw(st.lists(CLEAN, max_size=40))
            forms.append((name, cells, unit["ten"] if name in names else None))
            continue
        cells = draw(st.lists(st.one_of(GOOD, GOOD, BAD, st.sampled_from(["Đạt", "Không đạt"]),
                                        st.none()), max_size=40))
        forms.append((name, cells, None))
    if forms and draw(st.booleans()):
        forms.append(forms[0])  # the same unit twice
    return plan, registry, forms


def _fill(blank, target, name, cells):
    shutil.copy(blank, target)
    book = openpyxl.load_workbook(target)
    sheet = book[FORM_SHEET]
    sheet[FORM.unit_name] = name or None
    for row, value in zip(rows_by_id(sheet).values(), cells, strict=False):
        if value in ("Đạt", "Không đạt"):
            cell(sheet, row, "danh_gia").value = value
        else:
            cell(sheet, row, "ket_qua").value = value
    book.save(target)
    return target


@examples(12)
@given(filled_forms())
def test_aggregate_any_filled_forms(case):
    plan, registry, forms = case
    with folder() as tmp:
        path = write(tmp, plan, registry)
        run(["forms", path, "-o", tmp / "bieu"])
        blank = tmp / "bieu" / "ke_hoach_bieu_chi_tieu.xlsx"
        files = [_fill(blank, tmp / f"gui_{n}.xlsx", name, cells)
                 for n, (name, cells, _unit) in enumerate(forms)]
        if not files:
            files = [blank]  # a blank form sent back as it was
        result = run(["aggregate", path, *files, "-o", tmp / "tong_hop"], (0, 1, 2))
        summary = tmp / "tong_hop" / "ke_hoach_tong_hop.xlsx"
        assert summary.is_file() == (result.exit_code != 2), result.output
        twice = len(forms) > len({name for name, _cells, _unit in forms})
        clean = [unit for _name, _cells, unit in forms if unit is not None and not twice]
        if clean:
            header = [c.value for c in openpyxl.load_workbook(summary)["Tổng hợp"][1]]
            assert set(clean) <= set(header), (clean, header, result.output)
