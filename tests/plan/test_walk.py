"""The one walk over a plan: document order, paths that point back into the YAML."""

from __future__ import annotations

from kehoach.plan.walk import by_id, walk


def test_walk_is_in_document_order_with_yaml_paths(plan):
    nodes = list(walk(plan))
    ids = [node.id for node in nodes]
    assert ids[0] == "can-cu-nq42"
    assert ids.index("muc-dich-yeu-cau") < ids.index("muc-dich") < ids.index("muc-tieu-chi-tieu")
    assert len(ids) == len(set(ids))
    node = by_id(plan)["nv6-y-te"]
    assert node.kind == "Paragraph" and node.depth == 2
    assert [a.id for a in node.ancestors()] == ["nv6-phuc-loi-xa-hoi", "nhiem-vu-giai-phap"]
    assert node.field.startswith("nhiem_vu_giai_phap.muc[")
    element = plan
    for part in node.path:
        element = element[part] if isinstance(part, int) else getattr(element, part)
    assert element is node.element


def test_every_indicator_is_walked_once(plan):
    walked = [n.id for n in walk(plan) if n.kind == "Indicator"]
    assert walked == [i.id for i in plan.muc_tieu_chi_tieu.chi_tieu.indicators()]
    assert len(walked) == 36
