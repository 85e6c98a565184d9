"""`kehoach compare` where ids cannot be trusted (issue 26): drafts made by `import` (ids
are positions), a plan against a document, ids swapped. Elements pair by their texts,
moves are moves, and a tracked document never marks identical text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from builders import write_plan
from click.testing import CliRunner
from conftest import PLAN, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from revisions import document, paragraphs, settle

from kehoach.cli import main
from kehoach.compare.align import align
from kehoach.compare.changes import compare
from kehoach.plan.loader import load_plan
from kehoach.plan.walk import walk
from kehoach.stages.compare import load_side

SEED = ROOT.parent / "shared" / "seed" / "ke_hoach_nq42_phung_hiep_du_thao.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _changes(old: Path, new: Path) -> list[str]:
    code, output = _run("compare", old, new, "--format", "json")
    found = json.loads(output)["thay_doi"]
    assert code == (1 if found else 0)
    return [c["mo_ta"] for c in found if c["id"] != "ke_hoach"]  # the file names differ


def _text_draft(tmp_path: Path, name: str, edit=lambda lines: lines) -> Path:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    path = tmp_path / f"{name}.txt"
    path.write_text("\n".join(edit(lines)), encoding="utf-8")
    return path


def _imported(tmp_path: Path, text: Path) -> Path:
    target = tmp_path / f"{text.stem}.yaml"
    code, output = _run("import", text, "-o", target)
    assert code in (0, 1), output
    return target


def _insert_after(anchor: str, *new: str):
    def edit(lines: list[str]) -> list[str]:
        at = next(i for i, x in enumerate(lines) if x.startswith(anchor))
        return [*lines[: at + 1], *new, *lines[at + 1 :]]
    return edit


def _replace(old: str, new: str):
    def edit(lines: list[str]) -> list[str]:
        return [x.replace(old, new) for x in lines]
    return edit


FIRST = "Nâng cao nhận thức, trách nhiệm của cấp ủy đảng"
INSERTED = "Đoạn mới chèn vào đầu mục đích để thử so sánh."


def test_two_imported_drafts_pair_their_paragraphs_by_text_after_an_insertion(tmp_path):
    old = _imported(tmp_path, _text_draft(tmp_path, "cu"))
    new = _imported(tmp_path, _text_draft(tmp_path, "moi", _insert_after("1. Mục đích", INSERTED)))
    assert _changes(old, new) == [
        f"thêm đoạn “{INSERTED}” (trong md1, đứng đầu)"
    ]


def test_an_insertion_and_an_edit_after_it_are_one_each(tmp_path):
    def edit(lines):
        lines = _insert_after("1. Mục đích", INSERTED)(lines)
        return _replace("chính quyền, nhất là người đứng đầu", "chính quyền các cấp, nhất là "
                        "người đứng đầu")(lines)

    old = _imported(tmp_path, _text_draft(tmp_path, "cu"))
    new = _imported(tmp_path, _text_draft(tmp_path, "moi", edit))
    assert _changes(old, new) == [
        f"thêm đoạn “{INSERTED}” (trong md1, đứng đầu)",
        "sửa câu chữ: thêm “các cấp”",
    ]


def test_a_task_inserted_at_the_top_shifts_no_paragraph(tmp_path):
    def edit(lines):
        out, section = [], None
        for line in lines:
            section = line.split(".")[0] if re.match(r"^[IV]+\. ", line) else section
            number = re.match(r"^(\d+)(\.\s)(.*)", line)  # the seed has a no-break space
            if section == "III" and number:
                line = f"{int(number.group(1)) + 1}{number.group(2)}{number.group(3)}"
            out.append(line)
            if line.startswith("III. "):
                out += ["1. Nhiệm vụ chuyển đổi số", "Đẩy mạnh chuyển đổi số trong công tác."]
        return _replace("hỗ trợ vốn vay tạo việc làm", "hỗ trợ vốn vay ưu đãi tạo việc làm")(out)

    old = _imported(tmp_path, _text_draft(tmp_path, "cu"))
    new = _imported(tmp_path, _text_draft(tmp_path, "moi", edit))
    for pair in ((old, new), (old.with_suffix(".txt"), new.with_suffix(".txt"))):
        assert _changes(*pair) == [
            "thêm mục “Nhiệm vụ chuyển đổi số” (trong nhiem-vu-giai-phap, đứng đầu), gồm 1 phần tử",
            "sửa câu chữ: thêm “ưu đãi”",
        ]


def test_a_paragraph_moved_to_another_task_of_an_imported_draft_is_a_move(tmp_path):
    moved = "Nâng cao hiệu lực, hiệu quả thực hiện chính sách bảo hiểm xã hội"

    def edit(lines):
        line = next(x for x in lines if x.startswith(moved))
        rest = [x for x in lines if x != line]
        return _insert_after("7. Đổi mới, nâng cao chất lượng", line)(rest)

    old = _text_draft(tmp_path, "cu")
    new = _text_draft(tmp_path, "moi", edit)
    changes = _changes(old, new)
    assert len(changes) == 1 and changes[0].startswith("chuyển chỗ: từ (trong nv5"), changes


@pytest.mark.parametrize("plan", ["phung_hiep_42", "can_tho_42"])
def test_a_plan_against_its_own_document_is_the_same(tmp_path, plan):
    source = ROOT / "plans" / f"{plan}.yaml"
    code, output = _run("render", source, "-o", tmp_path)
    assert code == 0, output
    rendered = tmp_path / f"{plan}.docx"
    for pair in ((source, rendered), (rendered, source)):
        code, output = _run("compare", *pair, "--docx", tmp_path / "so_sanh.docx")
        assert code == 0 and "hai bản như nhau" in output, output
        assert "ghép:" not in output  # nothing changed: no pairing to explain
        tracked = document((tmp_path / "so_sanh.docx").read_bytes())
        assert tracked.find(f".//{W}ins") is None and tracked.find(f".//{W}del") is None


def test_a_plan_against_its_edited_document_names_the_plans_ids(tmp_path):
    code, output = _run("render", PLAN, "-o", tmp_path)
    new = load_plan(PLAN).model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    edited = write_plan(tmp_path / "moi.yaml", new)
    text = edited.read_text(encoding="utf-8").replace("sâu rộng những quan điểm",
                                                      "thường xuyên những quan điểm")
    edited.write_text(text, encoding="utf-8")
    code, output = _run("render", edited, "-o", tmp_path)
    code, output = _run("compare", PLAN, tmp_path / "moi.docx")
    assert code == 1
    assert output.splitlines()[-2:] == [  # the document's id, and the plan's
        "nv1-1 (bản cũ: nv1-quan-triet): sửa câu chữ: “sâu rộng” → “thường xuyên”",
        "khác nhau: 1 thay đổi"]


def _swapped(tmp_path: Path, *pairs: tuple[str, str]) -> Path:
    text = PLAN.read_text(encoding="utf-8")
    for a, b in pairs:
        text = (text.replace(f"id: {a}\n", "id: @@\n").replace(f"id: {b}\n", f"id: {a}\n")
                .replace("id: @@\n", f"id: {b}\n"))
    target = tmp_path / PLAN.name
    target.write_text(text, encoding="utf-8")
    (tmp_path / "don_vi_phung_hiep.yaml").write_bytes(
        (PLAN.parent / "don_vi_phung_hiep.yaml").read_bytes())
    return target


def test_swapped_ids_with_the_same_text_are_no_change_and_no_revision(tmp_path):
    swapped = _swapped(tmp_path, ("nv1-quan-triet", "nv1-doi-moi-tuyen-truyen"),
                       ("nv2-quan-ly-nha-nuoc", "nv5-an-sinh"), ("ct-bhyt", "ct-tiem-chung"))
    target = tmp_path / "so_sanh.docx"
    code, output = _run("compare", PLAN, swapped, "--docx", target)
    assert code == 0 and "hai bản như nhau" in output, output
    tracked = document(target.read_bytes())
    assert tracked.find(f".//{W}ins") is None and tracked.find(f".//{W}del") is None


def test_swapped_ids_and_one_edit_give_that_edit_only(tmp_path):
    swapped = _swapped(tmp_path, ("nv1-quan-triet", "nv1-doi-moi-tuyen-truyen"))
    text = swapped.read_text(encoding="utf-8").replace("sâu rộng những", "thường xuyên những")
    swapped.write_text(text, encoding="utf-8")
    target = tmp_path / "so_sanh.docx"
    code, output = _run("compare", PLAN, swapped, "--docx", target)
    assert code == 1
    assert output.splitlines()[-3:-1] == [
        "nv1-doi-moi-tuyen-truyen (bản cũ: nv1-quan-triet): sửa câu chữ: “sâu rộng” → "
        "“thường xuyên”", "khác nhau: 1 thay đổi"]
    marked = document(target.read_bytes()).findall(f".//{W}ins")
    assert ["".join(t.text for t in m.iter(f"{W}t")) for m in marked] == ["thường xuyên"]


def test_rewritten_drafts_accept_to_new_and_reject_to_old(tmp_path, renderer):
    def edit(lines):
        lines = _insert_after("1. Mục đích", INSERTED)(lines)
        tasks = next(i for i, x in enumerate(lines) if x.startswith("III. "))
        return lines[:tasks] + [x.replace(" và ", " cùng ") for x in lines[tasks:]]

    old, new = _text_draft(tmp_path, "cu"), _text_draft(tmp_path, "moi", edit)
    target = tmp_path / "so_sanh.docx"
    code, output = _run("compare", old, new, "--docx", target)
    assert code == 1 and "bỏ " not in output and "thêm đoạn" in output, output
    tracked = target.read_bytes()
    assert settle(tracked, accept=True) == paragraphs(renderer.render(load_side(new)))
    assert settle(tracked, accept=False) == paragraphs(renderer.render(load_side(old)))


_NODES = [n for n in walk(load_plan(PLAN)) if n.kind in ("Paragraph", "Item")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(range(len(_NODES))))
def test_ids_shuffled_among_paragraphs_change_nothing(order):
    """Whatever ids a plan's items and paragraphs wear, the same texts are the same plan."""
    plan = load_plan(PLAN)
    ids = [n.id for n in _NODES]
    renamed = {ids[i]: f"x-{ids[j]}" for i, j in enumerate(order)}
    data = plan.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    other = type(plan).model_validate(_rename(data, renamed))
    assert compare(plan, other).changes == []


def _rename(data, names):
    if isinstance(data, list):
        return [_rename(x, names) for x in data]
    if isinstance(data, dict):
        out = {k: _rename(v, names) for k, v in data.items()}
        if out.get("id") in names:
            out["id"] = names[out["id"]]
        return out
    return data


def test_alignment_stays_near_linear_in_one_long_list():
    """Two lists of 3,000 distinct paragraphs, each rewritten: every one pairs with its
    own (a quadratic alignment would compare nine million pairs)."""
    from kehoach.plan.model import Paragraph, Section

    def section(texts):
        doan = [Paragraph(id=f"p{i}", noi_dung=t) for i, t in enumerate(texts)]
        return Section(id="s", tieu_de="Phần", doan=doan)

    olds = [f"đoạn văn số {i} nói về việc thứ {i * 7 % 1000} của kế hoạch" for i in range(3000)]
    news = ["đoạn chèn đầu", *(t.replace("nói", "bàn") for t in olds)]
    pairs = align(list(walk(section(olds))), list(walk(section(news))), trust_ids=False)
    assert [(p.old, p.new) for p in pairs] == [(f"p{i}", f"p{i + 1}") for i in range(3000)]
