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


def test_rebuild_replaces_and_leaves_out_by_id(plan):
    import pytest

    from kehoach.plan.walk import rebuild

    item = plan.nhiem_vu_giai_phap.muc[0]
    paragraph = item.doan[0]
    dropped = plan.nhiem_vu_giai_phap.muc[1].id
    replace = {
        item.id: item.model_copy(update={"tieu_de": "Tiêu đề mới"}),
        paragraph.id: paragraph.model_copy(update={"noi_dung": "Đoạn mới."}),
        dropped: None,
    }
    new = rebuild(plan, replace)
    first = new.nhiem_vu_giai_phap.muc[0]
    assert first.tieu_de == "Tiêu đề mới" and first.doan[0].noi_dung == "Đoạn mới."
    assert dropped not in {task.id for task in new.nhiem_vu_giai_phap.muc}
    assert len(new.nhiem_vu_giai_phap.muc) == len(plan.nhiem_vu_giai_phap.muc) - 1
    assert new.muc_dich_yeu_cau is plan.muc_dich_yeu_cau  # untouched parts are shared
    assert rebuild(plan, {}) is plan
    with pytest.raises(ValueError, match="muc_tieu_tong_quat"):
        rebuild(plan, {plan.muc_tieu_chi_tieu.muc_tieu_tong_quat.id: None})
