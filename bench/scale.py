"""kehoach at scale (issue 26): prints each figure beside the one measured before the fix,
asserts nothing.

    python bench/scale.py [--quick]

Each figure is one whole process (`python -m kehoach.cli …` from this checkout): wall
time, CPU time (user + system) and peak memory (RSS, from `resource`, where the platform
has it). Figures:
- `compare --docx` of two imported drafts (TXT) where every paragraph was rewritten (one
  word changed) and one paragraph inserted at the top: 300 and 1,500 paragraphs, in lists
  of 50 and in one list;
- `render` of a plan with 5,000 review notes on one paragraph;
- `import` of a text of 200,000 paragraphs, and of a 300 KB DOCX of empty paragraphs.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "ke_hoach_nq42_phung_hiep_du_thao.txt"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(ROOT)
KEHOACH = [sys.executable, "-m", "kehoach.cli"]
WORDS = (
    "nâng", "cao", "chất", "lượng", "hiệu", "quả", "thực", "hiện", "chính", "sách", "xã",
    "hội", "cán", "bộ", "đảng", "viên", "nhân", "dân", "tuyên", "truyền", "vận", "động",
    "phát", "triển", "kinh", "tế", "văn", "hóa", "giáo", "dục", "y", "tế", "bảo", "đảm",
    "an", "sinh", "tăng", "cường", "lãnh", "đạo", "chỉ", "đạo", "kiểm", "tra", "giám", "sát",
)


def line(label: str, value: str, beside: str = "") -> None:
    print(f"{label:<58} {value:>24}  {beside}".rstrip())


def measured(argv: list[str]) -> tuple[float, float, float | None]:
    """Wall seconds, CPU seconds and peak RSS (MB, None where unknown) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [*KEHOACH, *argv], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if hasattr(os, "wait4"):
        _, _, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    process.wait()
    return time.perf_counter() - start, float("nan"), None


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def shown(figures: tuple[float, float, float | None]) -> str:
    wall, cpu, rss = figures
    memory = f", {rss:.0f} MB" if rss is not None else ""
    return f"{wall:.1f} s ({cpu:.1f} s CPU{memory})"


def draft(path: Path, paragraphs: int, per_list: int, rewritten: bool) -> Path:
    """A plan as text: the seed's header and closing around `paragraphs` paragraphs in
    tasks of `per_list`; the rewritten draft changes one word of each and inserts one."""
    seed = SEED.read_text(encoding="utf-8").split("\n")
    head = seed[: seed.index("I. MỤC ĐÍCH, YÊU CẦU")]
    tail = seed[next(i for i, x in enumerate(seed) if x.startswith("IV. TỔ CHỨC")) :]
    chosen = random.Random(1)
    lines = [*head, "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Nâng cao nhận thức.",
             "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"]
    for number in range(paragraphs):
        if number % per_list == 0:
            lines.append(f"{number // per_list + 1}. Nhiệm vụ thứ {number // per_list + 1}")
            if rewritten and number == 0:
                lines.append("Đoạn mới chèn vào đầu nhiệm vụ thứ nhất.")
        words = " ".join(chosen.choice(WORDS) for _ in range(25))
        lines.append(f"{words} {'thứ tự' if rewritten else 'số'} {number}.")
    path.write_text("\n".join([*lines, *tail]), encoding="utf-8")
    return path


def comparisons(work: Path, quick: bool) -> None:
    before = {300: "30 s CPU", 1500: "không xong sau 300 s"}
    for paragraphs, per_list in ((300, 50), (1500, 50), (1500, 1500))[: 2 if quick else 3]:
        old = draft(work / f"cu_{paragraphs}_{per_list}.txt", paragraphs, per_list, False)
        new = draft(work / f"moi_{paragraphs}_{per_list}.txt", paragraphs, per_list, True)
        figures = measured(["compare", str(old), str(new), "--docx", str(work / "so_sanh.docx")])
        label = f"compare --docx, {_n(paragraphs)} đoạn viết lại, mỗi mục {_n(per_list)}"
        line(label, shown(figures), f"trước: {before[paragraphs]}")


def notes(work: Path) -> None:
    """A plan with 5,000 review notes on one paragraph, rendered."""
    sys.path.insert(0, str(ROOT / "tests"))
    from builders import small_plan, write_plan

    data = small_plan()
    paragraph = data["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]
    words = paragraph["noi_dung"].rstrip(".").split()
    paragraph["xem_lai"] = [{"cum": words[i % len(words)], "ly_do": f"ghi chú {i}"}
                            for i in range(5000)]
    plan = write_plan(work / "ghi_chu.yaml", data)
    figures = measured(["render", str(plan), "-o", str(work / "out")])
    line("render, 5.000 ghi chú xem lại trên một đoạn", shown(figures), "trước: 207 s")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(path: Path, chunks: Iterable[bytes]) -> Path:
    """A DOCX whose body is `chunks` of `w:p` elements, written straight as XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"/>')
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode())
            for chunk in chunks:
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return path


def imports(work: Path, quick: bool) -> None:
    """(The files are written before any process is measured: a child's peak memory
    counts the parent's until it starts its own program.)"""
    count = 50_000 if quick else 200_000
    text = draft(work / "dai.txt", count, 50, False)
    lines = text.read_text(encoding="utf-8").split("\n")
    document = docx(work / "dai.docx", (
        f"<w:p><w:r><w:t>{escape(x)}</w:t></w:r></w:p>".encode() for x in lines))
    del lines
    empty = docx(work / "rong.docx", (b"<w:p/>" * 100_000 for _ in range(300)))
    figures = measured(["import", str(text), "-o", str(work / "dai.yaml")])
    line(f"import TXT, {_n(count)} đoạn", shown(figures), "trước: 53 s, tăng bậc hai")
    figures = measured(["import", str(document), "-o", str(work / "dai_docx.yaml")])
    line(f"import DOCX, {_n(count)} đoạn", shown(figures))
    size = f"{empty.stat().st_size // 1024} KB"
    figures = measured(["import", str(empty), "-o", str(work / "rong.yaml")])
    line(f"import DOCX {size}, 30 triệu đoạn trống (từ chối)", shown(figures), "trước: 4,2 GB")


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory(prefix="kehoach-scale-") as folder:
        work = Path(folder)
        comparisons(work, quick)
        notes(work)
        imports(work, quick)


if __name__ == "__main__":
    main()
