"""The real client: LibreOffice converts the Kế hoạch to PDF, and the pages look right."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PLAN

from kehoach.cli import main

PT_PER_MM = 72 / 25.4


def _page_words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points, from pdftotext's bounding boxes."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True).stdout
    pattern = (r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
               r'yMax="([\d.]+)">(.*?)</word>')
    return [(html.unescape(w), float(a), float(b), float(c), float(d))
            for a, b, c, d, w in re.findall(pattern, out)]


def _page_lines(pdf: Path, page: int) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", line).strip() for line in out.splitlines() if line.strip()]


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture(scope="module")
def pdf(soffice, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    target = out / "phung_hiep_42.pdf"
    assert target.is_file() and target.stat().st_size > 10_000  # soffice exits 0 on failure
    return target


def test_page_one_has_the_header_block_and_no_page_number(pdf):
    lines = _page_lines(pdf, 1)
    assert "ĐẢNG BỘ TỈNH HẬU GIANG ĐẢNG CỘNG SẢN VIỆT NAM" in lines[0]
    assert any(line.startswith("HUYỆN ỦY PHỤNG HIỆP") for line in lines[:3])
    assert any("Phụng Hiệp, ngày tháng năm 2024" in line for line in lines[:5])
    assert any(line.startswith("Số -KH/HU") for line in lines[:6])
    assert "KẾ HOẠCH" in lines
    words = _page_words(pdf, 1)
    top = [w for w, _x0, _y0, _x1, y1 in words if y1 < 18 * PT_PER_MM]
    assert top == [], f"trang 1 không có số trang, thấy: {top}"
    # The motto sits on one line with its rule; the issuer is bold text on its own line.
    motto = [w for w in words if w[0] in ("ĐẢNG", "CỘNG", "SẢN", "VIỆT", "NAM")]
    assert len({round(w[2]) for w in motto[-5:]}) == 1


def test_page_two_is_numbered_in_the_centre_of_the_top_margin(pdf):
    words = _page_words(pdf, 2)
    first = min(words, key=lambda w: w[2])
    assert first[0] == "2"
    assert first[4] < 20 * PT_PER_MM  # inside the 20 mm top margin
    centre = (first[1] + first[3]) / 2
    text_centre = (30 + (210 - 30 - 15) / 2) * PT_PER_MM
    assert abs(centre - text_centre) < 6


def test_last_page_holds_the_signature_table(pdf):
    last = _pages(pdf)
    assert last >= 5
    lines = _page_lines(pdf, last)
    assert any(line.startswith("Nơi nhận: T/M BAN THƯỜNG VỤ") for line in lines)
    assert any("PHÓ BÍ THƯ" in line for line in lines)
    assert lines[-1] == "- Lưu Văn phòng Huyện ủy."


def _ink(image: Path, box: tuple[float, float, float, float]) -> int:
    """Dark pixels of a greyscale PGM inside `box` (fractions of width and height)."""
    data = image.read_bytes()
    header = data.split(maxsplit=4)  # P5, width, height, maxval, pixels
    width, height = int(header[1]), int(header[2])
    pixels = header[4]
    x0, y0, x1, y1 = (int(box[0] * width), int(box[1] * height), int(box[2] * width),
                      int(box[3] * height))
    return sum(1 for y in range(y0, y1) for x in range(x0, x1) if pixels[y * width + x] < 128)


def test_page_one_image_has_both_header_columns_and_no_number(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "p")], check=True)
    image = next(tmp_path.glob("p*.pgm"))
    assert _ink(image, (0.08, 0.07, 0.45, 0.17)) > 50  # cấp trên, cơ quan, *, Số
    assert _ink(image, (0.55, 0.07, 0.95, 0.17)) > 50  # tiêu đề, đường kẻ, ngày
    assert _ink(image, (0.0, 0.0, 1.0, 0.05)) == 0  # nothing printed in the top margin


def test_a_long_place_name_keeps_the_date_on_one_line(soffice, tmp_path):
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace("  co_quan: HUYỆN ỦY PHỤNG HIỆP", "  co_quan: ĐẢNG ỦY THỊ TRẤN CÂY DƯƠNG")
    text = text.replace("  dia_danh: Phụng Hiệp", "  dia_danh: Tân Phước Hưng")
    text = text.replace("  ngay: 2024 ", "  ngay: 2024-02-05 ")
    plan = tmp_path / "long.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(plan), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    lines = _page_lines(tmp_path / "long.pdf", 1)
    assert any("Tân Phước Hưng, ngày 05 tháng 02 năm 2024" in line for line in lines[:6])
    assert any("ĐẢNG CỘNG SẢN VIỆT NAM" in line for line in lines[:2])


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path, no_libreoffice):
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 2
    assert "không tìm thấy LibreOffice" in result.output
    assert not list(tmp_path.glob("*.docx"))  # looked for before anything is written
