"""The form's Excel formulas and the summary's Python evaluation are two readings of one
rule table (danh_gia.yaml); LibreOffice recalculates a form filled with boundary cases
of every rule, and every verdict and rate must match Python's."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
from builders import small_plan, write_plan
from click.testing import CliRunner

from kehoach.cli import main
from kehoach.forms import evaluation
from kehoach.forms.layout import FORM, cell, rows_by_id
from kehoach.forms.reading import read_forms
from kehoach.forms.report import FORM_SHEET
from kehoach.plan.loader import load_plan
from kehoach.plan.units import load_registry
from kehoach.rules.assessment import load_assessment

UNIT = ("xa-thu", "Xã Thử")


@dataclass(frozen=True)
class Case:
    """One row of the test form: a rule, its target, and the result the unit types."""

    ident: str
    comparison: str
    direction: str
    target: float | None  # None: qualitative
    result: float | str

    def indicator(self) -> dict[str, object]:
        if self.target is None:
            return {"id": self.ident, "cau": "Tiêu chí định tính", "nhan": self.ident}
        return {"id": self.ident, "cau": "Chỉ tiêu {gt}", "nhan": self.ident,
                "gia_tri": self.target, "don_vi": "người", "so_sanh": self.comparison,
                "huong": self.direction}


def _inputs(comparison: str, target: float) -> list[float]:
    """Below, at and above the target; for `khoảng` also at, just inside and just
    outside each edge of the tolerance."""
    values = [target - 1, target, target + 1, 0]
    if comparison == "khoang":
        tol = target * load_assessment().khoang_dung_sai_phan_tram / 100
        for edge in (target - tol, target + tol):
            values += [edge - 0.01, edge, edge + 0.01]
    return values


def _cases() -> list[Case]:
    rules = load_assessment().quy_tac
    cases = []
    for comparison, directions in rules.items():
        for direction in directions:
            for target in (80, 2.59):
                for n, result in enumerate(_inputs(comparison, target)):
                    name = f"ct-{comparison}-{direction}-{str(target).replace('.', '-')}-{n}"
                    cases.append(Case(name.replace("_", "-"), comparison, direction, target,
                                      round(result, 6)))
    words = evaluation.labels()
    cases += [Case(f"ct-dinh-tinh-{n}", "", "", None, word)
              for n, word in enumerate((words["dat"], words["khong_dat"]))]
    return cases


def _form(tmp_path: Path, cases: list[Case]) -> Path:
    """The real blank form of a plan with one indicator per case, filled in."""
    data = small_plan()
    data["danh_sach_don_vi"] = "don_vi.yaml"
    block = data["muc_tieu_chi_tieu"]["chi_tieu"]
    block["doan"] = [{"id": "ct-d", "nhan": "Các trường hợp",
                      "noi_dung": [case.indicator() for case in cases]}]
    plan = write_plan(tmp_path / "thu.yaml", data)
    (tmp_path / "don_vi.yaml").write_text(
        f"cap: xa\ncap_tren: ĐẢNG BỘ HUYỆN PHỤNG HIỆP\ndon_vi:\n"
        f"  - {{id: {UNIT[0]}, loai: xa, ten: {UNIT[1]}}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["forms", str(plan), "-o", str(tmp_path / "bieu")])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "bieu" / "thu_bieu_chi_tieu.xlsx")
    sheet = book[FORM_SHEET]
    sheet[FORM.unit_name] = UNIT[1]
    rows = rows_by_id(sheet)
    for case in cases:
        key = "danh_gia" if case.target is None else "ket_qua"
        cell(sheet, rows[case.ident], key).value = case.result
    filled = tmp_path / "dien" / "thu.xlsx"
    filled.parent.mkdir()
    book.save(filled)
    return filled


def _excel_round(value: float) -> float:
    """ROUND(x, 2) as spreadsheets do it: half away from zero on the shown digits."""
    return float(Decimal(f"{value:.15g}").quantize(Decimal("0.01"), ROUND_HALF_UP))


def _rate(case: Case) -> float | None:
    """Tỷ lệ %: result ÷ target, or target ÷ result when lower is better."""
    assert isinstance(case.result, float | int) and case.target is not None
    num, den = ((case.target, case.result) if case.direction == "giam"
                else (case.result, case.target))
    return None if den == 0 else _excel_round(num / den * 100)


def _blank_as_none(value: object) -> object:
    """A formula that gives "" reads back as "" or as an empty cell."""
    return None if value == "" else value


def test_python_and_libreoffice_give_the_same_verdicts(soffice, tmp_path):
    cases = _cases()
    codes = {f"{c.comparison}/{c.direction}" for c in cases if c.target is not None}
    assert codes == {f"{k}/{d}" for k, ds in load_assessment().quy_tac.items()
                     for d in ds}
    filled = _form(tmp_path, cases)
    out = tmp_path / "tinh"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
                   capture_output=True, check=False, timeout=180)
    computed = out / filled.name
    assert computed.is_file(), "LibreOffice did not write the recalculated workbook"
    sheet = openpyxl.load_workbook(computed, data_only=True)[FORM_SHEET]
    rows = rows_by_id(sheet)
    excel = {c.ident: (_blank_as_none(cell(sheet, rows[c.ident], "ty_le").value),
                       cell(sheet, rows[c.ident], "danh_gia").value) for c in cases}

    plan = load_plan(tmp_path / "thu.yaml")
    registry = load_registry(tmp_path / "don_vi.yaml").registry
    reading = read_forms(plan, registry, [computed])  # the summary reads the same file
    assert not reading.errors and len(reading.reports) == 1
    report = reading.reports[0]
    indicators = {i.id: i for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()}
    python = {}
    for case in cases:
        if case.target is None:
            python[case.ident] = (None, report.verdicts[case.ident])
            continue
        indicator = indicators[case.ident]
        verdict = evaluation.evaluate(evaluation.rule_code(indicator), indicator.gia_tri,
                                      report.values[case.ident], evaluation.tolerance(indicator))
        python[case.ident] = (_rate(case), verdict)
        # the report's own Tỷ lệ % (kehoach report) is the same reading of the same cells
        code = evaluation.rule_code(indicator)
        assert evaluation.ratio(code, report.values[case.ident], indicator.gia_tri) == _rate(case)
    disagree = {k: (python[k], excel[k]) for k in python if python[k] != excel[k]}
    assert not disagree, disagree
    assert len(cases) > 100
