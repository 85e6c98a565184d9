"""`compare`: what changed between two drafts; optionally the new draft as a Word document
with the changes as tracked revisions. A side given as DOCX or text is imported first, in
memory; its ids are positions, so elements then pair by their texts. A plan compared
with a document is seen as the document is: rendered, then read back by the same import,
so that only what a reader of both can see may differ (a field the document does not
print, like `nhan` or `cap`, or an indicator group printed as one sentence, is no change);
its elements keep the plan's ids where their texts pair."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kehoach.stages.inputs import existing_file, named_as, readable_document
from kehoach.stages.outcome import Outcome

if TYPE_CHECKING:
    from kehoach.compare.changes import Comparison
    from kehoach.plan.model import Plan

IMPORTED = {".docx", ".txt"}


def is_imported(path: Path) -> bool:
    return path.suffix.lower() in IMPORTED


def load_side(path: Path) -> Plan:
    """The plan of `path`; a DOCX or TXT goes through `import` (in memory)."""
    from kehoach.plan.loader import load_plan

    existing_file(path)
    if not is_imported(path):
        return load_plan(path)
    return _imported(path)


def _imported(path: Path) -> Plan:
    from kehoach.importer.parse import parse
    from kehoach.importer.sources import read_source
    from kehoach.plan import yamlwrite
    from kehoach.plan.loader import plan_from_source
    from kehoach.source import yamlsource

    imported = parse(read_source(readable_document(path)), path)
    return plan_from_source(yamlsource.load(yamlwrite.dump(imported.data), str(path)))


def load_sides(old: Path, new: Path, templates_dir: Path | None = None) -> tuple[Plan, Plan, bool]:
    """Both plans as compared, and whether their ids can pair elements (no side is a
    document: the ids an import gives are positions)."""
    plans = [load_side(old), load_side(new)]
    documents = [is_imported(old), is_imported(new)]
    if any(documents) and not all(documents):
        plain = documents.index(False)
        plans[plain] = as_a_document_sees(plans[plain], (old, new)[plain], templates_dir)
    return plans[0], plans[1], not any(documents)


def as_a_document_sees(plan: Plan, path: Path, templates_dir: Path | None) -> Plan:
    """`plan` rendered and imported again, with the plan's ids where the texts pair."""
    import tempfile

    from kehoach.document.lookup import PLAN_TEMPLATE
    from kehoach.document.render import renderer_for

    document = renderer_for(PLAN_TEMPLATE, templates_dir).render(plan)
    with tempfile.TemporaryDirectory(prefix="kehoach-") as folder:
        rendered = Path(folder) / f"{path.stem}.docx"
        rendered.write_bytes(document)
        seen = _imported(rendered)
    return _with_ids(seen, plan)


def _with_ids(seen: Plan, plan: Plan) -> Plan:
    """`seen` with each element that pairs with one of `plan` by text renamed to its id
    (an element that pairs with none keeps its own, made unique if the plan uses it)."""
    from kehoach.compare.align import align
    from kehoach.plan.model import Plan
    from kehoach.plan.walk import walk

    pairs = align(list(walk(plan)), list(walk(seen)), trust_ids=False)
    names = {p.new: p.old for p in pairs}
    used = set(names.values())
    for node in walk(seen):
        if node.id not in names:
            name, count = node.id, 1
            while name in used:
                count += 1
                name = f"{node.id}-{count}"
            names[node.id] = name
            used.add(name)
    dumped = seen.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    kept = {key: dumped.pop(key) for key in ("goc",) if key in dumped}  # not elements
    data = _renamed(dumped, names) | kept
    data["id"] = plan.id
    if data.get("thu_tu"):
        data["thu_tu"] = [names.get(i, i) for i in data["thu_tu"]]
    return Plan.model_validate(data)


def _renamed(data: Any, names: dict[str, str]) -> Any:
    if isinstance(data, list):
        return [_renamed(item, names) for item in data]
    if not isinstance(data, dict):
        return data
    out = {key: _renamed(value, names) for key, value in data.items()}
    if isinstance(out.get("id"), str) and out["id"] in names:
        out["id"] = names[out["id"]]
    return out


@dataclass(kw_only=True)
class Compared(Outcome):
    """The pairings and changes, and the two plans compared (a page names their elements
    by what they print); `written` holds the tracked DOCX when one was asked for."""

    comparison: Comparison
    old: Plan
    new: Plan


def compare(old: Path, new: Path, *, docx: Path | None = None,
            templates_dir: Path | None = None) -> Compared:
    """The changes from `old` to `new`; with `docx`, the new side written there with the
    changes as Word revisions."""
    from kehoach.compare.changes import compare as compare_plans

    if docx is not None:
        named_as(docx, (".docx",), "văn bản Word", (old, new))
    old_plan, new_plan, by_id = load_sides(old, new, templates_dir)
    result = compare_plans(old_plan, new_plan, pair_by_text=not by_id)
    done = Compared(comparison=result, old=old_plan, new=new_plan)
    if docx is not None:
        _write_tracked(old_plan, new_plan, result, docx, templates_dir, (old, new))
        done.written.append(docx)
    return done


def _write_tracked(old_plan: Plan, new_plan: Plan, result: Comparison, target: Path,
                   templates_dir: Path | None, inputs: tuple[Path, ...]) -> None:
    """Render both sides with one renderer and write NEW with the revisions, atomically."""
    from kehoach.compare.runs import Marks
    from kehoach.compare.tracked import tracked
    from kehoach.document.lookup import PLAN_TEMPLATE
    from kehoach.document.render import renderer_for
    from kehoach.safewrite import write_atomic

    renderer = renderer_for(PLAN_TEMPLATE, templates_dir)
    old_docx, new_docx = renderer.render(old_plan), renderer.render(new_plan)
    header = new_plan.van_ban
    marks = Marks(" ".join(header.co_quan.split()), header.day)
    data = tracked(old_docx, new_docx, old_plan, new_plan, marks, result.mapping)
    write_atomic(target, data, inputs)
