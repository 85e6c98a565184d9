"""Commune drafts from the upper plans of `tests/corpus/upper/`, as a clerk gets them: each Word
file imported with no hand edit, a draft derived for each unit of its registry (a đặc khu, a
phường, a xã), each draft read back from its DOCX as the clerk reads it (paragraphs in order,
each comment after the words it is on). Used by `bench/commune_edits.py` (which writes the
edit counts and the list of edits left, `bench/commune_edits.md`) and by
`tests/derive/test_commune_edits.py` (which pins what a program can check of them).

The edits left are judged by a person reading the drafts; `bench/commune_edits.yaml` holds the
list. What a program checks here: no upper phụ lục caption, no other unit of the province
named without a comment, report days as the upper plan's, no known false sentence, and
every listed edit still in its draft and pointed to by a comment."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree

from kehoach.derive.upper import schedule
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan
from kehoach.plan.references import plan_reference
from kehoach.plan.units import load_registry
from kehoach.rules.levels import unit_kinds
from kehoach.stages.derive import derive
from kehoach.stages.importing import import_plan

ROOT = Path(__file__).resolve().parent.parent
UPPER = ROOT / "tests" / "corpus" / "upper"
EDITS = ROOT / "bench" / "commune_edits.yaml"
# Each upper plan and the registry of its units.
CORPUS = {
    "an_giang_57": "don_vi_an_giang.yaml",
    "hai_phong_68": "don_vi_hai_phong.yaml",
    "quang_ninh_dh14": "don_vi_quang_ninh.yaml",
    "lam_dong_72": "don_vi_lam_dong.yaml",
    "hcm_cds_dang": "don_vi_hcm.yaml",
    "quang_ngai_18": "don_vi_quang_ngai.yaml",
    "khanh_hoa_71": "don_vi_khanh_hoa.yaml",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COMMENT_START, COMMENT_END = "⟦", "⟧"


@dataclass
class Draft:
    """One unit's draft: its plan, its DOCX read as paragraphs (comment ranges marked
    ⟦…⟧ and each comment's text after it as [#n: …]), and its comments."""

    upper: str
    unit: str
    kind: str  # xã, phường, đặc khu
    ten: str  # the unit's name: Óc Eo
    plan: Plan
    docx: Path
    paragraphs: list[str]
    comments: dict[str, str]

    @property
    def name(self) -> str:
        return f"{self.upper}/{self.unit}"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Drafted:
    """An upper plan as imported, and its units' drafts (or why it could not be imported)."""

    name: str
    plan: Plan | None = None
    drafts: list[Draft] = field(default_factory=list)
    failed: str = ""


def read_docx(path: Path) -> tuple[list[str], dict[str, str]]:
    """The paragraphs of a DOCX (tables cell by cell), comment ranges as ⟦…⟧[#id: text]."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        comments: dict[str, str] = {}
        if "word/comments.xml" in archive.namelist():
            for c in etree.fromstring(archive.read("word/comments.xml")).iter(f"{_W}comment"):
                comments[c.get(f"{_W}id", "")] = "".join(t.text or "" for t in c.iter(f"{_W}t"))
    paragraphs = []
    for p in body.iter(f"{_W}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag in (f"{_W}tab", f"{_W}br"):
                parts.append(" ")
            elif node.tag == f"{_W}commentRangeStart":
                parts.append(COMMENT_START)
            elif node.tag == f"{_W}commentRangeEnd":
                ident = node.get(f"{_W}id", "")
                parts.append(f"{COMMENT_END}[#{ident}: {comments.get(ident, '')}]")
        text = "".join(parts)
        if text.strip():
            paragraphs.append(text)
    return paragraphs, comments


def draft_all(work: Path) -> list[Drafted]:
    """Import every upper Word file of the corpus into `work` and derive all its units."""
    out = []
    for name, units in CORPUS.items():
        done = Drafted(name)
        out.append(done)
        target = work / f"{name}.yaml"
        try:
            import_plan(UPPER / f"{name}.docx", target, force=True)
        except Exception as error:  # the measure records what a clerk would meet
            done.failed = str(error).replace(str(work), "<tạm>")
            continue
        registry = UPPER / units
        folder = work / name
        derive(target, all_units=True, yaml_dir=folder, docx_dir=folder,
               units_file=registry, force=True, parallel=False)
        done.plan = load_plan(target)
        kinds = unit_kinds()
        for unit in load_registry(registry).registry.don_vi:
            docx = folder / f"{unit.id}.docx"
            paragraphs, comments = read_docx(docx)
            plan = load_plan(folder / f"{unit.id}.yaml")
            done.drafts.append(
                Draft(name, unit.id, kinds[unit.loai], unit.ten, plan, docx, paragraphs, comments)
            )
    return out


# -- what a program can check ---------------------------------------------------------


def uncommented(paragraph: str) -> str:
    """A paragraph's words outside comment ranges (comment texts dropped)."""
    text = re.sub(r"\[#\d+: [^\]]*\]", "", paragraph)
    out, depth = [], 0
    for char in text:
        if char == COMMENT_START:
            depth += 1
        elif char == COMMENT_END:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def plain(paragraph: str) -> str:
    """A paragraph's words, comment marks and texts dropped."""
    return re.sub(r"\[#\d+: [^\]]*\]|[⟦⟧]", "", paragraph)


def upper_caption(upper: Plan, draft: Draft) -> list[str]:
    """Paragraphs of the draft that carry the upper plan's phụ lục caption."""
    reference = plan_reference(upper).split(" ngày ")[0]
    return [p for p in draft.paragraphs if "Kèm theo" in p and reference in p]


_KIND = re.compile(r"(?<!\w)(xã|phường|đặc khu|thị trấn)((?: [^\W\d_]+)+)")


def _name(words: str) -> str:
    """The capitalised syllables at the start of `words` (a unit's name), or ''."""
    name = []
    for word in words.split():
        if not word[0].isupper():
            break
        name.append(word)
    return " ".join(name)


def other_units(draft: Draft) -> list[str]:
    """Units of the province named in the draft's body outside a comment, not the unit
    itself (a name is capitalised syllables after the kind word)."""
    found = []
    for paragraph in draft.paragraphs:
        words = uncommented(paragraph)
        for m in _KIND.finditer(words):
            name = _name(m.group(2))
            if name and name.casefold() != draft.ten.casefold():
                found.append(f"{m.group(1)} {name}: {plain(paragraph)[:90]}")
    return found


def report_days(draft: Draft) -> list[str]:
    """Days (`15/6`, `15/5/2026`) the draft's section IV sets for its reports up."""
    section = draft.plan.to_chuc_thuc_hien
    texts = [d.noi_dung for d in section.muc] if section else []
    return sorted({d for t in texts if "báo cáo" in t for d in re.findall(
        r"trước ngày (\d{1,2}/\d{1,2}(?:/\d{4})?)", t)})


def upper_days(upper: Plan) -> list[str]:
    asked = schedule(upper)
    days = [asked.sau_thang, asked.hang_quy, asked.hang_nam, asked.han]
    return sorted(d for d in days if d)


def false_sentences(draft: Draft, patterns: list[dict[str, str]]) -> list[str]:
    """Known false sentences (`sai` of the edits file) found in the draft, uncommented."""
    found = []
    for item in patterns:
        pattern = re.compile(item["mau"])
        for paragraph in draft.paragraphs:
            if pattern.search(uncommented(paragraph)):
                found.append(f"{item['vi_sao']}: {plain(paragraph)[:100]}")
    return found


def edits_file() -> dict:
    return yaml.safe_load(EDITS.read_text(encoding="utf-8"))


def listed(draft: Draft, edits: dict) -> list[dict[str, str]]:
    """The edits left in `draft` as the list in the edits file says."""
    return edits.get("ban_soan", {}).get(draft.upper, {}).get(draft.unit, {}).get("sau", [])


def pointed(draft: Draft, edit: dict[str, str]) -> str:
    """Where a listed edit stands: '' when its words are in the draft and a comment is on
    them or on their paragraph, or quotes them (a table cell: the comment on its phụ lục
    names it); else what is wrong."""
    words = edit["cau"]
    quoted = any(f"“{words}”" in comment for comment in draft.comments.values())
    for paragraph in draft.paragraphs:
        if words in plain(paragraph):
            if COMMENT_START in paragraph or quoted:
                return ""
            return f"không có chú thích nào trỏ tới: {words}"
    return f"không còn trong bản soạn (sửa danh sách): {words}"
