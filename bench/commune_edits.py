"""How many edits a commune clerk makes before signing a draft (issue 23): rerun the measure.

    python bench/commune_edits.py [--pdf] [--work DIR]

Each upper plan of `tests/corpus/upper/` (a Word file as a provincial office sends it) is
imported with no hand edit, a draft is derived for each unit of its registry (a đặc khu, a
phường, a xã), and each draft is read back from its DOCX. Written:
- `bench/commune_drafts/<upper plan>/<unit>.txt`: each draft as its clerk reads it, every
  comment after the words it is on (⟦words⟧[#n: comment]);
- `bench/commune_edits.md`: per draft, the edits before and after (from
  `bench/commune_edits.yaml`, the list a person keeps by reading the drafts), what a program
  checks (upper phụ lục caption, other units named without a comment, report days, known
  false sentences, every listed edit still there and pointed to by a comment), the comments.
With `--pdf`, each draft also goes through LibreOffice: its pages as PNG in the work folder
(look at them), and whether the signature block shares its page with the body's last lines.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from commune_drafts import (  # noqa: E402
    Draft,
    Drafted,
    draft_all,
    edits_file,
    false_sentences,
    listed,
    other_units,
    plain,
    pointed,
    report_days,
    upper_caption,
    upper_days,
)

OUT = ROOT / "bench" / "commune_drafts"
REPORT = ROOT / "bench" / "commune_edits.md"


def checks(upper: Drafted, draft: Draft, edits: dict) -> list[str]:
    """What a program finds wrong in `draft` (empty: nothing)."""
    assert upper.plan is not None
    captions = upper_caption(upper.plan, draft)
    found = [f"chú thích phụ lục của cấp trên: {plain(p)}" for p in captions]
    found += [f"đơn vị khác, không có chú thích: {u}" for u in other_units(draft)]
    days, asked = report_days(draft), upper_days(upper.plan)
    if asked and days != asked:
        found.append(f"hạn báo cáo {days}, cấp trên giao {asked}")
    found += false_sentences(draft, edits.get("sai", []))
    found += [problem for edit in listed(draft, edits) if (problem := pointed(draft, edit))]
    return found


def pages(draft: Draft, work: Path) -> str:
    """The draft through LibreOffice: its pages as PNG beside it; whether the signature
    block shares its page with body text."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(draft.docx.parent), str(draft.docx)], check=True, capture_output=True)
    pdf = draft.docx.with_suffix(".pdf")
    stem = work / "pages" / f"{draft.upper}-{draft.unit}"
    stem.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(stem)], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    sheets = text.split("\f")
    signed = next(i for i, page in enumerate(sheets) if "Nơi nhận" in page)
    before = sheets[signed].split("Nơi nhận")[0]
    alone = len([line for line in before.splitlines() if line.strip()]) < 2
    count = len([s for s in sheets if s.strip()])
    return f"{count} trang; trang ký {signed + 1}: " + (
        "KHỐI KÝ ĐỨNG MỘT MÌNH" if alone else "cùng trang với đoạn cuối"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="qua LibreOffice, xem từng trang")
    parser.add_argument("--work", type=Path, help="thư mục làm việc (mặc định: tạm)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="commune-edits-"))
    edits = edits_file()
    drafted = draft_all(work)
    lines = [
        "# Số chỗ người soạn của xã còn phải sửa (issue 23)",
        "",
        "Sinh bởi `python bench/commune_edits.py` (đừng sửa tay); danh sách chỗ sửa do người đọc "
        "bản soạn giữ trong `bench/commune_edits.yaml`. " + edits.get("cach_dem", "").strip(),
        "",
        "Cột *trước*: bản soạn của main khi bắt đầu; *lần đầu*: với các kế hoạch thử viết sau "
        "cùng (không ai chỉnh quy tắc theo chúng trước khi đo), bản soạn lần đầu của nhánh, "
        "lưu trong `bench/commune_drafts_lan_dau/`; *sau*: bây giờ.",
        "",
        "| bản soạn | chỗ sửa trước | lần đầu | chỗ sửa sau | chú thích | máy kiểm tra |",
        "|---|---|---|---|---|---|",
    ]
    details: list[str] = []
    for upper in drafted:
        if upper.failed:
            first = upper.failed.splitlines()[0]
            more = upper.failed.count("\n")
            said = f"{first} (và {more} lỗi nữa)" if more else first
            lines.append(f"| {upper.name} | — | — | không nhập được: {said} | | |")
            continue
        for draft in upper.drafts:
            entry = edits.get("ban_soan", {}).get(draft.upper, {}).get(draft.unit, {})
            before, after = entry.get("truoc", []), listed(draft, edits)
            first = len(entry["lan_dau"]) if "lan_dau" in entry else "—"
            found = checks(upper, draft, edits)
            lines.append(
                f"| {draft.name} ({draft.kind}) | {len(before)} | {first} | {len(after)} | "
                f"{len(draft.comments)} | {'đạt' if not found else f'{len(found)} lỗi'} |"
            )
            folder = OUT / draft.upper
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{draft.unit}.txt").write_text(draft.text + "\n", encoding="utf-8")
            details += ["", f"## {draft.name} ({draft.kind})", ""]
            if args.pdf:
                details.append(f"- LibreOffice: {pages(draft, work)}")
            details.append(f"- Còn {len(after)} chỗ sửa (trước: {len(before)}):")
            details += [f"  - “{e['cau']}” — {e['sua']}" for e in after] or ["  - (không)"]
            details.append("- Máy kiểm tra: " + ("đạt" if not found else ""))
            details += [f"  - {problem}" for problem in found]
    REPORT.write_text("\n".join(lines + details) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"\nđã ghi {REPORT.relative_to(ROOT)} và {OUT.relative_to(ROOT)}/; làm việc trong {work}")


if __name__ == "__main__":
    main()
