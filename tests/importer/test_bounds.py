"""Import's limits hold before the document is read whole (issue 26): a DOCX's paragraphs
are counted while its XML streams by, a text's worded lines without splitting it, runs of
blank lines are one; numbering the next child costs the same at the last paragraph as at
the first (the count of ids is kept, not recomputed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kehoach.cli import main
from kehoach.errors import PlanError
from kehoach.importer import bounds
from kehoach.importer.ledger import Ids
from kehoach.importer.sources import MAX_PARAGRAPHS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / (
    "ke_hoach_nq42_phung_hiep_du_thao.txt")


def _docx(path: Path, paragraphs: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                         'schemas.openxmlformats.org/package/2006/content-types"/>')
        package.writestr("word/document.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
        ).encode() + paragraphs + b"</w:body></w:document>")
    return path


def _import(path: Path, tmp_path: Path):
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "ra.yaml")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_a_docx_of_more_empty_paragraphs_than_the_limit_is_refused(tmp_path):
    path = _docx(tmp_path / "rong.docx", b"<w:p/>" * (MAX_PARAGRAPHS + 1))
    result = _import(path, tmp_path)
    assert result.exit_code == 2
    # refused before reading, by the package check every DOCX input goes through
    assert f"{path}: có hơn 20.000 đoạn, quá giới hạn 20.000 đoạn" in result.output
    assert not (tmp_path / "ra.yaml").exists()


def test_paragraphs_in_table_cells_count_too(tmp_path):
    cell = b"<w:tc><w:p/><w:p/></w:tc>"
    path = _docx(tmp_path / "bang.docx", b"<w:tbl><w:tr>" + cell * 6 + b"</w:tr></w:tbl>")
    with zipfile.ZipFile(path) as package:
        bounds.paragraphs_within(path, package, 12)
        with pytest.raises(PlanError, match="quá 11 đoạn"):
            bounds.paragraphs_within(path, package, 11)


def test_a_text_of_more_worded_lines_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "dai.txt"
    path.write_text("KẾ HOẠCH\n" + "Một dòng.\n" * MAX_PARAGRAPHS, encoding="utf-8")
    result = _import(path, tmp_path)
    assert result.exit_code == 2 and "quá 20.000 đoạn" in result.output


def test_a_million_blank_lines_between_paragraphs_are_one(tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = lines.index("I. MỤC ĐÍCH, YÊU CẦU")
    padded = tmp_path / "gian.txt"
    padded.write_text("\n".join([*lines[:at], "\n" * 1_000_000, *lines[at:]]), encoding="utf-8")
    plain = tmp_path / "goc.txt"
    plain.write_text("\n".join(lines), encoding="utf-8")
    runner = CliRunner()
    for path in (padded, plain):
        result = runner.invoke(main, ["import", str(path), "-o", str(path.with_suffix(".yaml"))])
        assert result.exit_code in (0, 1), result.output
    body = [p.with_suffix(".yaml").read_text(encoding="utf-8").split("\n", 3)[3]
            for p in (padded, plain)]
    assert body[0] == body[1].replace("id: goc", "id: gian")


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(
    ["nv1", "nv1-1", "nv1-1-2", "nv2", "nv1-2", "nv10-1", "md1-1", "nv1-x-3"])), max_size=40))
def test_the_count_under_an_owner_is_the_count_of_its_ids(steps):
    ids = Ids()
    for adding, ident in steps:
        if adding:
            ids.add(ident)
        else:
            ids.discard(ident)
    for owner in ("nv1", "nv1-1", "nv2", "nv10", "md1", "nv"):
        assert ids.under(owner) == sum(1 for i in ids if i.startswith(f"{owner}-"))


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["a", "a-2", "b", "a-3", "pl-x"])),
                max_size=40))
def test_unique_gives_the_ids_a_plain_search_gives(steps):
    from kehoach.importer.ledger import Ledger, default_profile

    ledger, plain = Ledger(default_profile()), set()
    for adding, wanted in steps:
        if not adding:
            ledger.ids.discard(wanted)
            plain.discard(wanted)
            continue
        candidate, n = wanted, 2
        while candidate in plain:
            candidate, n = f"{wanted}-{n}", n + 1
        plain.add(candidate)
        assert ledger.unique(wanted) == candidate
