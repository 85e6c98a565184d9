"""Properties over generated upper plans (issue 20): after the units' plans are drafted,
the clerks edit them and the upper plan changes (random edits on both sides);
`derive --update` merges them with exit 0 or 1, and every edit a commune made is kept, or
the element carries a review note saying why not; an element the commune removed stays
removed."""

from __future__ import annotations

from generated.edits import TEXT_KEYS, edits, elements
from generated.plans import facts, upper_plans, write
from generated.profiles import examples
from hypothesis import given
from hypothesis import strategies as st
from running import folder, run

from kehoach.plan.yamlwrite import dump
from kehoach.source import yamlsource

FIELDS = (*TEXT_KEYS, "gia_tri", "moc")


@st.composite
def both_sides(draw):
    """An upper plan, its registry and the upper plan edited (the commune edits are drawn
    once the drafts exist)."""
    plan, registry = draw(upper_plans())
    upper, touched = draw(edits(plan, tag="tren"))
    return plan, registry, upper, frozenset(touched)


def _still_named(registry, upper):
    """The registry once the upper plan changed: what it names that the new upper plan
    lost is taken out by the office (else derive refuses it, exit 2, as it should)."""
    found = facts(upper)
    units = []
    for unit in registry["don_vi"]:
        unit = dict(unit)
        if "chi_tieu" in unit:
            unit["chi_tieu"] = {k: v for k, v in unit["chi_tieu"].items() if k in found.indicators}
        if "bo_nhiem_vu" in unit:
            unit["bo_nhiem_vu"] = [t for t in unit["bo_nhiem_vu"] if t in found.tasks]
        units.append({k: v for k, v in unit.items() if v not in ({}, [])})
    return {**registry, "don_vi": units}


def _read(path):
    return yamlsource.load(path.read_text("utf-8"), str(path)).data


def _by_id(data):
    return {e.data["id"]: e.data for e in elements(data)}


@examples(10)
@given(both_sides(), st.data())
def test_update_keeps_or_marks_every_commune_edit(case, data):
    plan, registry, upper, upper_touched = case
    with folder() as tmp:
        path = write(tmp, plan, registry)
        run(["derive", path, "--all", "-o", tmp / "xa"])
        commune: dict[str, tuple[dict, dict, set[str]]] = {}
        for unit in registry["don_vi"]:
            draft = tmp / "xa" / f"{unit['id']}.yaml"
            before = _read(draft)
            edited, touched = data.draw(edits(before, tag="xa", prefer=upper_touched))
            draft.write_text(dump(edited), encoding="utf-8")
            commune[unit["id"]] = (before, edited, touched)
        write(tmp, upper, _still_named(registry, upper))
        run(["derive", path, "--all", "-o", tmp / "xa", "--update"], (0, 1))
        for unit, (before, edited, touched) in commune.items():
            merged = _read(tmp / "xa" / f"{unit}.yaml")
            ours, after, drafted = _by_id(edited), _by_id(merged), _by_id(before)
            for ident in touched - {"van_ban", "noi_nhan"}:
                if ident not in ours:  # the commune removed it
                    assert ident not in after, (unit, ident)
                    continue
                assert ident in after, (unit, ident)
                element = after[ident]
                for key in FIELDS:  # what the commune changed (an added element: all of it)
                    if key in ours[ident] and ours[ident][key] != drafted.get(ident, {}).get(key):
                        kept = element.get(key) == ours[ident][key]
                        assert kept or element.get("xem_lai"), (unit, ident, key)
            header = merged["van_ban"]
            for key, value in edited["van_ban"].items():
                if key != "xem_lai" and value != before["van_ban"].get(key):
                    assert header.get(key) == value or header.get("xem_lai"), (unit, key)
            if "noi_nhan" in touched:
                assert merged["noi_nhan"] == edited["noi_nhan"] or header.get("xem_lai"), unit
