"""The signature block never sits alone on the last page (issue 23): the closing sentence
stays whole and with it, so LibreOffice moves them together. Plans that fill their pages to
every length around a page break are laid out, and on the page that holds "Nơi nhận" the
closing sentence is printed too."""

from __future__ import annotations

import subprocess
from pathlib import Path

from builders import small_plan, write_plan

from kehoach.document.render import renderer_for
from kehoach.plan.loader import load_plan

CLOSING = (
    "Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, tổ chức đảng nghiêm túc quán triệt, triển "
    "khai thực hiện Kế hoạch này; trong quá trình thực hiện có khó khăn, vướng mắc kịp thời "
    "báo cáo để chỉ đạo."
)
FILLER = (
    "Nội dung thử nghiệm dàn trang dài vừa đủ một dòng rưỡi để đẩy khối chữ ký xuống cuối "
    "trang, xem khối ký có đứng riêng trên trang cuối không."
)
# Paragraphs of filler for which the shipped template of main (before this issue) left the
# signature alone on page 3 (17–21) and page 4 (35–38) under LibreOffice.
LENGTHS = range(16, 23)


def test_the_signature_is_on_the_page_of_the_closing_sentence(soffice, tmp_path: Path):
    renderer = renderer_for("ke_hoach.docx")
    for n in LENGTHS:
        data = small_plan()
        data["ket_luan"] = CLOSING
        data["muc_dich_yeu_cau"]["doan"] = [
            {"id": f"f{i}", "noi_dung": FILLER} for i in range(n)
        ]
        plan = load_plan(write_plan(tmp_path / f"p{n}.yaml", data))
        (tmp_path / f"p{n}.docx").write_bytes(renderer.render(plan))
    docs = [str(tmp_path / f"p{n}.docx") for n in LENGTHS]
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *docs], check=True, capture_output=True, timeout=300)
    for n in LENGTHS:
        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"p{n}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        page = next(p for p in text.split("\f") if "Nơi nhận" in p)
        above = " ".join(page.split("Nơi nhận")[0].split())
        assert "kịp thời báo cáo để chỉ đạo" in above, (n, above[:120])
