"""Review notes are part of the plan and show in Word as comments on the words
concerned, dated with the plan's date; deleting a note clears its comment."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from docx import Document
from docx.oxml.ns import qn

from kehoach.cli import main
from kehoach.plan.loader import load_plan
from kehoach.plan.review import notes

PLAN = ROOT / "plans" / "phung_hiep_42.yaml"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("comments")
    result = CliRunner().invoke(main, ["derive", str(PLAN), "--unit", "hoa-an", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _anchored(docx: Path) -> dict[str, str]:
    """Comment id → the text between its range marks."""
    texts: dict[str, str] = {}
    open_ids: set[str] = set()
    for element in Document(str(docx)).element.body.iter():
        ident = element.get(qn("w:id"))
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(ident)
            texts[ident] = ""
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(ident)
        elif element.tag == qn("w:t"):
            for i in open_ids:
                texts[i] += element.text or ""
    return texts


def test_every_note_is_a_comment_on_its_words_dated_with_the_plan(drafted):
    plan = load_plan(drafted / "hoa-an.yaml")
    found = [note for _, note in notes(plan)]
    comments = list(Document(str(drafted / "hoa-an.docx")).comments)
    assert len(comments) == len(found) == 24
    anchored = _anchored(drafted / "hoa-an.docx")
    for comment, note in zip(comments, found, strict=True):
        assert comment.text == note.ly_do
        assert anchored[str(comment.comment_id)] == note.cum
        assert comment.timestamp == dt.datetime(2024, 12, 31, tzinfo=dt.UTC)  # a year alone
    assert "22 chỉ tiêu giữ mức của huyện làm mức phải đạt của xã" in " ".join(
        c.text for c in comments
    )


def test_a_deleted_note_leaves_no_comment_and_validate_warns_while_notes_remain(
    drafted, tmp_path
):
    text = (drafted / "hoa-an.yaml").read_text(encoding="utf-8")
    trimmed = re.sub(r"\n  xem_lai:\n    - cum: PHÓ BÍ THƯ\n(?:      .*\n)+", "\n", text)
    assert trimmed != text
    plan_path = tmp_path / "hoa-an.yaml"
    plan_path.write_text(trimmed, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(plan_path), "-o", str(tmp_path)])
    out = tmp_path / "hoa-an.docx"
    assert result.exit_code == 0, result.output
    assert len(list(Document(str(out)).comments)) == 23
    checked = CliRunner().invoke(main, ["validate", str(plan_path)])
    assert checked.exit_code == 0
    assert "còn 23 chỗ cần xem lại" in checked.output


def test_a_plan_without_notes_has_no_comments_part_even_after_one_with_notes(drafted, tmp_path):
    from kehoach.document.lookup import PLAN_TEMPLATE, find_template
    from kehoach.document.render import Renderer

    renderer = Renderer(find_template(PLAN_TEMPLATE, None))
    first = renderer.render(load_plan(drafted / "hoa-an.yaml"))
    second = renderer.render(load_plan(PLAN))
    assert b"word/comments.xml" in first and b"word/comments.xml" not in second
    assert renderer.render(load_plan(drafted / "hoa-an.yaml")) == first


def test_the_draft_with_comments_opens_in_libreoffice(soffice, drafted, tmp_path):
    import subprocess

    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(drafted / "hoa-an.docx")], check=True, capture_output=True, timeout=180)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1",
                    str(tmp_path / "hoa-an.pdf"), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-01.png").stat().st_size > 0
