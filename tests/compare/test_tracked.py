"""`kehoach compare --docx`: NEW with Word revisions; accepting every revision gives NEW's
rendered text and rejecting every one gives OLD's, by our own walk and in LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from drafts import write_drafts
from revisions import LibreOffice, W, document, paragraphs, settle

from kehoach.cli import main
from kehoach.plan.loader import load_plan


def _edits() -> tuple[dict, dict]:
    """Edits of every kind on a small plan, some at the edges (the last paragraph before
    the signature table, the first and the last line of a cell)."""
    old, new = small_plan(), small_plan()
    lead = {"id": "md-1-b", "dau": "-", "dan": "Về giáo dục", "noi_dung": "Phát triển toàn diện."}
    old["muc_dich_yeu_cau"]["muc"][0]["doan"].append(lead)
    new["muc_dich_yeu_cau"]["muc"][0]["doan"].append(lead | {"dan": "Về giáo dục, đào tạo"})
    old["to_chuc_thuc_hien"]["muc"].append(
        {"id": "tc-2", "chu_the": "Văn phòng Huyện ủy", "noi_dung": "theo dõi, báo cáo."}
    )
    new["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]["gia_tri"] = 96
    new["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]["noi_dung"] = (
        "Tuyên truyền thường xuyên trong cán bộ, đảng viên và Nhân dân."
    )
    new["nhiem_vu_giai_phap"]["muc"].append(
        {"id": "nv-2", "tieu_de": "Chuyển đổi số", "doan": [{"id": "nv-2-a", "noi_dung": "Mới."}]}
    )
    new["van_ban"].update(so=13, ngay="2024-03-15", cap_tren=None)
    new["noi_nhan"] = ["Ban Tuyên giáo Tỉnh ủy (b/c)", "Lưu Văn phòng Huyện ủy"]
    new["chu_ky"]["ho_ten"] = "Trần Văn B"
    return old, new


def _replaced_at_the_ends() -> tuple[dict, dict]:
    """One element replaced by another right before the signature table, and a line of a
    cell emptied: deletions and insertions where no paragraph follows."""
    old, new = small_plan(), small_plan()
    old["to_chuc_thuc_hien"]["muc"].append(
        {"id": "tc-2", "chu_the": "Văn phòng Huyện ủy", "noi_dung": "theo dõi, báo cáo."}
    )
    new["to_chuc_thuc_hien"]["muc"].append(
        {"id": "tc-3", "chu_the": "Ủy ban Kiểm tra", "noi_dung": "giám sát việc thực hiện."}
    )
    new["chu_ky"]["ho_ten"] = ""
    return old, new


def _tables() -> tuple[dict, dict]:
    """Tables that differ in shape (found by the generated plans: 'hai bản có số bảng khác
    nhau', exit 2): a phụ lục gains a milestone year (a column) and a row, another phụ lục
    is new, a third is gone."""
    def appendix(ident: str, rows: list[tuple[str, dict]]) -> dict:
        return {"id": ident, "tieu_de": f"CHỈ TIÊU {ident.upper()}", "chi_tieu": [
            {"id": f"{ident}-nhom", "tieu_de": "Về xã hội", "chi_tieu": [
                {"id": f"{ident}-{i}", "nhan": name, "don_vi": "%", "moc": moc}
                for i, (name, moc) in enumerate(rows)]}]}

    old, new = small_plan(), small_plan()
    kept = [("Tỷ lệ bao phủ bảo hiểm y tế", {2025: "≥ 95"})]
    old["phu_luc"] = [appendix("pl-a", kept), appendix("pl-c", kept)]
    new["phu_luc"] = [
        appendix("pl-a", [("Tỷ lệ bao phủ bảo hiểm y tế", {2025: "≥ 95", 2030: "≥ 97"}),
                          ("Tỷ lệ hộ nghèo", {2025: "dưới 2", 2030: "dưới 1"})]),
        appendix("pl-b", [("Tỷ lệ trường đạt chuẩn", {2030: "100"})]),
    ]
    return old, new


def _rows() -> tuple[dict, dict]:
    """Rows of same-shaped phụ lục tables removed, added and edited: an indicator, and a line
    inserted above an edited one."""
    old, new = small_plan(), small_plan()
    for data in (old, new):
        data["phu_luc"] = [
            {"id": "pl-1", "chi_tieu": [{"id": "nhom", "chi_tieu": [
                {"id": f"r{n}", "nhan": f"Chỉ tiêu {n}", "don_vi": "%", "moc": {2030: 90 + n}}
                for n in range(1, 4)]}]},
            {"id": "pl-2", "bang": {"cot": ["TT", "Nội dung", "Thời gian"], "dong": [
                {"o": ["1", "Hội nghị quán triệt", "Quý I"]},
                {"o": ["2", "Sơ kết", "Quý III"]}]}}]
    rows = new["phu_luc"][0]["chi_tieu"][0]["chi_tieu"]
    del rows[1]
    rows.append({"id": "r4", "nhan": "Chỉ tiêu mới", "don_vi": "người", "moc": {2030: 500}})
    rows[0]["moc"][2030] = 95
    new["phu_luc"][1]["bang"]["dong"].insert(1, {"o": ["2", "Tập huấn", "Quý II"]})
    new["phu_luc"][1]["bang"]["dong"][2]["o"][0] = "3"
    return old, new


CASES_OF = {"edits": _edits, "ends": _replaced_at_the_ends, "tables": _tables, "rows": _rows}


def _write(tmp_path: Path, case: str) -> tuple[Path, Path]:
    if case == "seed":
        return write_drafts(tmp_path)
    old, new = CASES_OF[case]()
    return write_plan(tmp_path / "cu.yaml", old), write_plan(tmp_path / "moi.yaml", new)


def _tracked(tmp_path: Path, old: Path, new: Path) -> Path:
    target = tmp_path / "theo_doi.docx"
    result = CliRunner().invoke(main, ["compare", str(old), str(new), "--docx", str(target)])
    assert result.exit_code == 1, result.output
    assert f"đã ghi {target}" in result.output
    return target


CASES = ["edits", "ends", "tables", "rows", "seed"]


@pytest.mark.parametrize("case", CASES)
def test_accept_all_is_new_and_reject_all_is_old(tmp_path, renderer, case):
    old, new = _write(tmp_path, case)
    tracked = _tracked(tmp_path, old, new).read_bytes()
    assert settle(tracked, accept=True) == paragraphs(renderer.render(load_plan(new)))
    assert settle(tracked, accept=False) == paragraphs(renderer.render(load_plan(old)))
    root = document(tracked)
    assert root.find(f".//{W}ins") is not None and root.find(f".//{W}delText") is not None
    if case == "tables":  # whole rows inserted and deleted, not refused
        assert root.find(f".//{W}trPr/{W}ins") is not None
        assert root.find(f".//{W}trPr/{W}del") is not None


def test_revisions_are_the_issuing_body_on_the_new_date(tmp_path):
    old, new = _write(tmp_path, "edits")
    root = document(_tracked(tmp_path, old, new).read_bytes())
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    assert {(m.get(f"{W}author"), m.get(f"{W}date")) for m in marks} == {
        ("HUYỆN ỦY PHỤNG HIỆP", "2024-03-15T00:00:00Z")
    }
    ids = [m.get(f"{W}id") for m in marks]
    assert len(set(ids)) == len(ids)


def test_a_year_only_draft_dates_its_revisions_31_december(tmp_path):
    old, new = write_drafts(tmp_path)
    root = document(_tracked(tmp_path, new, old).read_bytes())  # NEW is the 2024 draft
    dates = {m.get(f"{W}date") for m in root.iter(f"{W}ins", f"{W}del")}
    assert dates == {"2024-12-31T00:00:00Z"}  # a year alone is its 31 December, everywhere


def test_whole_paragraphs_carry_a_paragraph_mark_revision(tmp_path):
    old, new = _write(tmp_path, "edits")
    root = document(_tracked(tmp_path, old, new).read_bytes())
    inserted = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert "2. Chuyển đổi số" in ["".join(p.itertext()) for p in inserted]
    deleted = [
        "".join(t.text for t in p.iter(f"{W}delText"))
        for p in root.iter(f"{W}p")
        if p.find(f"{W}del") is not None and p.find(f"{W}r") is None
    ]
    assert "2. Văn phòng Huyện ủy theo dõi, báo cáo." in deleted  # before the table
    assert "ĐẢNG BỘ TỈNH HẬU GIANG" in deleted  # first line of its cell


def test_revision_runs_keep_the_run_formatting(tmp_path):
    old, new = _write(tmp_path, "edits")
    root = document(_tracked(tmp_path, old, new).read_bytes())
    lead = next(p for p in root.iter(f"{W}p") if "Về giáo dục" in "".join(p.itertext()))
    styled = {
        (wrapper.tag.removeprefix(W), "".join(wrapper.itertext()).strip())
        for wrapper in lead.iter(f"{W}ins", f"{W}del")
        if wrapper.find(f"{W}r/{W}rPr/{W}rStyle[@{W}val='KHDan']") is not None
    }
    assert styled == {("ins", ", đào tạo")}


def test_libreoffice_accepts_to_new_and_rejects_to_old(tmp_path, soffice, renderer):
    office = LibreOffice(soffice, tmp_path)
    for case in CASES:
        where = tmp_path / case
        old, new = _write(where, case)
        tracked = _tracked(where, old, new)
        for plan, name in ((old, "cu"), (new, "moi")):
            (where / f"{name}.docx").write_bytes(renderer.render(load_plan(plan)))
        assert office.text(tracked, "AcceptAllTrackedChanges") == office.text(where / "moi.docx")
        assert office.text(tracked, "RejectAllTrackedChanges") == office.text(where / "cu.docx")


def test_the_tracked_document_prints_with_its_changes(tmp_path, soffice):
    old, new = _write(tmp_path, "edits")
    tracked = _tracked(tmp_path, old, new)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tracked),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tracked.with_suffix(".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "9596%" in text and "NguyễnTrần Văn AB" in text  # both sides, as Review shows
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "trang")],
        check=True,
    )
    assert (tmp_path / "trang-1.png").stat().st_size > 5000
