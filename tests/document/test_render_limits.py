"""What `validate` accepts renders (issue 20, item 4): a field longer than a DOCX's own
limits is fitted where the limit is the format's (core properties), and printed whole in
the document, where Word wraps it."""

from __future__ import annotations

import pytest
from builders import small_plan, write_plan
from click.testing import CliRunner
from docx import Document

from kehoach.cli import main


@pytest.mark.parametrize("length", [250, 300, 400])
def test_a_very_long_issuer_renders_whole_and_fits_the_properties(tmp_path, length):
    """A ~250-character cơ quan line validated, then crashed `render`: python-docx refuses a
    core property (the author is the issuer) over 255 characters."""
    data = small_plan()
    issuer = ("ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG, MẶT TRẬN TỔ QUỐC VÀ CÁC ĐOÀN THỂ " * 8)[:length].strip()
    data["van_ban"]["co_quan"] = issuer
    plan = write_plan(tmp_path / "dai.yaml", data)
    for command in (["render", plan, "-o", tmp_path], ["forms", plan, "-o", tmp_path / "bieu"]):
        result = CliRunner().invoke(main, [str(a) for a in command])
        assert result.exit_code == 0, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    doc = Document(str(tmp_path / "dai.docx"))
    author = doc.core_properties.author
    assert len(author) <= 255 and issuer.startswith(author.removesuffix("…"))
    assert (author == issuer) == (len(issuer) <= 255)
    header = doc.tables[0].cell(0, 0).text.splitlines()
    assert header[1] == issuer  # the document prints it whole; Word wraps it in its cell
