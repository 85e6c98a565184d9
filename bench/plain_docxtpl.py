"""The frozen baseline for `kehoach render`: a plain docxtpl script, run as a whole process.

What it does, and nothing more: reads the plan's YAML with PyYAML (C loader when present),
collects the headings and every paragraph of the text in document order (no validation, no
typed model, no Vietnamese forms), renders bench/plain_docxtpl.docx through docxtpl — a header
table (issuer | motto), the title and abstract, one paragraph per text line, a signature
table — and saves the DOCX. It is what a clerk could write in an afternoon without kehoach.

    python bench/plain_docxtpl.py PLAN.yaml OUT.docx
    python bench/plain_docxtpl.py --make-template    # rebuilds the template (python-docx)

Frozen: change it only together with the figures that were measured against it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from docxtpl import DocxTemplate

TEMPLATE = Path(__file__).resolve().parent / "plain_docxtpl.docx"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def texts(node: object) -> list[str]:
    """Headings and paragraphs, depth first, in the order the YAML lists them."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("tieu_de", "noi_dung", "cau", "nhan") and isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict | list):
                found += texts(value)
    elif isinstance(node, list):
        for item in node:
            found += texts(item)
    return found


def make_template() -> None:
    from docx import Document

    doc = Document()
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "{{ cap_tren }}"
    header.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    header.cell(1, 0).text = "{{ co_quan }}"
    header.cell(1, 1).text = "{{ dia_danh }}, ngày … tháng … năm {{ nam }}"
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("{{ trich_yeu }}")
    doc.add_paragraph("{%p for text in paragraphs %}")
    doc.add_paragraph("{{ text }}")
    doc.add_paragraph("{%p endfor %}")
    signature = doc.add_table(rows=2, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:"
    signature.cell(0, 1).text = "{{ chuc_vu }}"
    signature.cell(1, 1).text = "{{ ho_ten }}"
    doc.save(str(TEMPLATE))


def main(plan_path: str, out_path: str) -> None:
    with open(plan_path, encoding="utf-8") as stream:
        plan = yaml.load(stream, Loader=_Loader)
    header = plan["van_ban"]
    signer = plan.get("chu_ky") or {}
    context = {
        "cap_tren": header.get("cap_tren", ""),
        "co_quan": header.get("co_quan", ""),
        "dia_danh": header.get("dia_danh", ""),
        "nam": header.get("ngay", ""),
        "trich_yeu": header.get("trich_yeu", ""),
        "paragraphs": texts({k: v for k, v in plan.items() if k != "van_ban"}),
        "chuc_vu": str(signer.get("chuc_vu", "")),
        "ho_ten": str(signer.get("ho_ten", "")),
    }
    doc = DocxTemplate(str(TEMPLATE))
    doc.render(context)
    doc.save(out_path)


if __name__ == "__main__":
    if sys.argv[1:] == ["--make-template"]:
        make_template()
    else:
        main(sys.argv[1], sys.argv[2])
