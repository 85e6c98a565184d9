"""Hướng dẫn 05-HD/VPTW (2026) where it differs from HD 36, read back from the DOCX and,
with LibreOffice, from the printed pages: each phụ lục its own section numbered from 1
(II.IV.5.2), the draft mark "Dự thảo lần 2" under the số (II.II.4.2, PL2-12)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.cli import main
from kehoach.document.render import renderer_for
from kehoach.plan.model import Plan

ROWS = 45  # enough indicator rows to take a phụ lục over two upright pages


def plan_2026(**header: object) -> dict:
    """A 2026 xã plan (`small_plan` re-headed) with two phụ lục: a long upright indicator
    table and a wide (landscape) table of assignments, and a draft number."""
    data = small_plan()
    data["id"] = "xa-hoa-an-2026"
    data["van_ban"] |= {
        "cap_tren": "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "co_quan": "ĐẢNG ỦY XÃ HÒA AN",
        "ma_co_quan": "ĐU", "so": None, "du_thao": 2, "dia_danh": "Hòa An", "ngay": 2026,
    } | header
    data["noi_nhan"] = ["Ban Thường vụ Thành ủy (b/c)", "Lưu Văn phòng Đảng ủy"]
    rows = [{"id": f"pl-ct-{n}", "nhan": f"Chỉ tiêu an sinh xã hội số {n}", "don_vi": "%",
             "moc": {2026: n, 2030: n + 10}} for n in range(1, ROWS + 1)]
    table = {"cot": ["STT", "Nội dung", "Cơ quan chủ trì", "Phối hợp", "Thời gian", "Ghi chú"],
             "dong": [{"o": [str(n), f"Nhiệm vụ {n}", "Văn phòng Đảng ủy", "Các chi bộ", "2026",
                             ""]} for n in range(1, 40)]}
    data["phu_luc"] = [
        {"id": "pl-chi-tieu", "ten": "CÁC CHỈ TIÊU CHỦ YẾU",
         "chi_tieu": [{"id": "pl-an-sinh", "tieu_de": "Về an sinh xã hội", "chi_tieu": rows}]},
        {"id": "pl-phan-cong", "ten": "PHÂN CÔNG THỰC HIỆN", "bang": table},
    ]
    return data


def _docx(data: dict) -> Document:
    return Document(io.BytesIO(renderer_for("ke_hoach.docx").render(Plan.model_validate(data))))


def _sections(doc: Document) -> list:
    """Every section's properties, in order (the body's own last)."""
    return list(doc.element.body.iter(qn("w:sectPr")))


def _restart(sect_pr) -> str | None:
    found = sect_pr.find(qn("w:pgNumType"))
    return None if found is None else found.get(qn("w:start"))


def _landscape(sect_pr) -> bool:
    size = sect_pr.find(qn("w:pgSz"))
    return int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))


def _section_starts(doc: Document) -> list[str]:
    """The first text after each section break: the heading the next section opens with."""
    starts, after_break = [], False
    for p in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        if after_break and text:
            starts.append(text)
            after_break = False
        if p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:sectPr")) is not None:
            after_break = True
    return starts


def _header_lines(doc: Document) -> tuple[list[str], list[str]]:
    left, right = doc.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def test_each_phu_luc_is_a_section_of_its_own_numbered_from_1():
    doc = _docx(plan_2026())
    sections = _sections(doc)
    assert len(sections) == 3  # the plan, phụ lục 1, phụ lục 2
    assert [_restart(s) for s in sections] == [None, "1", "1"]
    assert [_landscape(s) for s in sections] == [False, False, True]
    # page 1 of each section has its own empty header, as page 1 of the document does
    assert all(s.find(qn("w:titlePg")) is not None for s in sections)
    assert _section_starts(doc) == ["PHỤ LỤC 1", "PHỤ LỤC 2"]


def test_under_hd36_the_phu_luc_pages_run_on_from_the_plan():
    doc = _docx({**plan_2026(ngay=2024, du_thao=True), "ho_so": "hd36-2018"})
    sections = _sections(doc)
    # an upright phụ lục after the upright signature page is a page break, not a section
    assert [_landscape(s) for s in sections] == [False, True]
    assert [_restart(s) for s in sections] == [None, None]


@pytest.mark.parametrize(("profile", "draft", "mark"), [
    ("hd36-2018", True, "(Dự thảo)"),
    ("hd36-2018", 2, "Dự thảo lần 2"),
    ("hd05-2026", True, "Dự thảo"),
    ("hd05-2026", 2, "Dự thảo lần 2"),
    ("hd05-2026", False, None),
])
def test_the_draft_mark_under_the_number_follows_the_profile(profile, draft, mark):
    doc = _docx({**plan_2026(du_thao=draft), "ho_so": profile})
    left, _right = _header_lines(doc)
    number = left.index("Số      -KH/ĐU")
    assert left[number + 1 :] == ([mark] if mark else [])
    if mark:
        style = doc.styles["KH Du thao"]
        assert style.font.italic and style.font.size.pt == 14  # PL2-12: 14, nghiêng


def test_the_2026_header_reads_back_line_by_line():
    left, right = _header_lines(_docx(plan_2026()))
    assert left == ["ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "ĐẢNG ỦY XÃ HÒA AN", "*", "Số      -KH/ĐU",
                    "Dự thảo lần 2"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Hòa An, ngày      tháng      năm 2026"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=st.sampled_from(["hd36-2018", "hd05-2026"]),
       turned=st.lists(st.booleans(), min_size=1, max_size=4))
def test_sections_follow_the_phu_luc_for_any_mix_of_upright_and_wide(profile, turned):
    """Any number of phụ lục, each upright or turned: under HD 05 one section each, every
    one numbered from 1; under HD 36 a section only where the page turns, none restarted."""
    data = {**plan_2026(), "ho_so": profile}
    data["phu_luc"] = [{"id": f"pl-{n}", "ten": f"BẢNG {n}", "ngang": wide,
                        "bang": {"cot": ["STT", "Nội dung"], "dong": [{"o": ["1", "Việc"]}]}}
                       for n, wide in enumerate(turned, start=1)]
    sections = _sections(_docx(data))
    if profile == "hd05-2026":
        assert [_landscape(s) for s in sections] == [False, *turned]
        assert [_restart(s) for s in sections] == [None] + ["1"] * len(turned)
    else:
        runs = [False, *turned]
        turns = [runs[i] for i in range(len(runs)) if i == len(runs) - 1 or runs[i] != runs[i + 1]]
        assert [_landscape(s) for s in sections] == turns
        assert {_restart(s) for s in sections} == {None}


def test_a_2026_plan_with_phu_luc_and_a_draft_number_checks_clean(tmp_path):
    source = write_plan(tmp_path / "xa_hoa_an_2026.yaml", plan_2026())
    rendered = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path)])
    assert rendered.exit_code == 0, rendered.output
    for target in (source, tmp_path / "xa_hoa_an_2026.docx"):
        result = CliRunner().invoke(main, ["check", str(target)])
        assert result.exit_code == 0, result.output
        assert "hd05-2026" in result.output and "0 lỗi, 0 cảnh báo" in result.output


# --- the printed pages (LibreOffice) ---------------------------------------------------


def _page_text(pdf: Path, page: int) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def test_printed_the_page_numbers_restart_in_each_phu_luc(soffice, tmp_path):
    source = write_plan(tmp_path / "xa_hoa_an_2026.yaml", plan_2026())
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "xa_hoa_an_2026.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(info.stdout.split("Pages:")[1].split()[0])
    pages = [_page_text(pdf, n) for n in range(1, count + 1)]
    heads = [lines[0] for lines in pages]
    first = [n for n, head in enumerate(heads) if head.startswith("PHỤ LỤC")]
    assert [heads[n] for n in first] == ["PHỤ LỤC 1", "PHỤ LỤC 2"]
    # the plan is one page (no number); each phụ lục: page 1 unnumbered, then 2, 3 …
    assert first[0] == 1
    for start, end in zip(first, [*first[1:], len(pages)], strict=True):
        assert end - start >= 2, "each phụ lục of the test spans two pages or more"
        assert [heads[n] for n in range(start + 1, end)] == [
            str(k) for k in range(2, end - start + 1)]
    # "Dự thảo lần 2" is its own line under the số, in the left column
    head = pages[0]
    number = next(i for i, line in enumerate(head) if line.startswith("Số"))
    assert head[number + 1] == "Dự thảo lần 2"
