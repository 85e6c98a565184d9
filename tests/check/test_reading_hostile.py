"""Files `kehoach check` (and `import`, which reads the same way) must read without a
traceback and name truthfully: XML comments and entities in the header table, junk or
unit-bearing measures, UTF-16 text, a password-protected DOCX, a name too long for its
`.da_sua` copy, a text too large, numbering at absurd values."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.check.files import MAX_TEXT
from kehoach.cli import main
from kehoach.document.numbering import _format

FIXTURES = Path(__file__).parent.parent / "fixtures" / "check"


def _run(*args: str):
    return CliRunner().invoke(main, [*map(str, args)])


def _variant(rendered: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(rendered) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
    return target


def _entity(xml: str) -> str:
    head = r'\1<!DOCTYPE w:document [<!ENTITY dang "ĐẢNG">]>'
    xml = re.sub(r"(<\?xml[^>]*\?>)", head, xml, count=1)
    xml = xml.replace("<w:tbl>", "<w:tbl>&dang;", 1)  # an entity between the table's elements
    return xml.replace(">ĐẢNG CỘNG SẢN VIỆT NAM<", ">&dang; CỘNG SẢN VIỆT NAM<")


CASES = {
    "comment": ("word/document.xml",
                lambda x: x.replace("<w:tbl>", "<w:tbl><!-- ghi chú của người soạn -->", 1)
                .replace("<w:tc>", "<w:tc><!-- ô -->", 2)),
    "entity": ("word/document.xml", _entity),
    "margin": ("word/document.xml", lambda x: re.sub(r'w:top="\d+"', 'w:top="abc"', x)),
    "size": ("word/styles.xml", lambda x: re.sub(r'w:sz w:val="\d+"', 'w:sz w:val="x"', x)),
    "units": ("word/document.xml", lambda x: re.sub(r'w:left="\d+"', 'w:left="3cm"', x)),
    "rels": ("word/_rels/document.xml.rels",
             lambda x: x.replace("<Relationship ", "<!-- r --><Relationship ", 1)),
    "level": ("word/document.xml", lambda x: x.replace(
        "<w:pPr>", '<w:pPr><w:numPr><w:ilvl w:val="zz"/><w:numId w:val="1"/></w:numPr>', 3)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hand_edited_docx_is_checked_without_a_traceback(case, rendered, tmp_path):
    part, change = CASES[case]
    path = _variant(rendered, tmp_path / f"{case}.docx", part, change)
    result = _run("check", path)
    assert result.exit_code in (0, 1), result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit)
    if case == "entity":  # the text the entity stands for is read: the header is found
        assert "không tìm thấy bảng đầu văn bản" not in result.output
    if case == "margin":
        assert "trên không đọc được (cần 20)" in result.output
    if case == "units":
        assert "trái" not in result.output  # 3cm is 30 mm, as the profile asks


def test_an_external_entity_is_never_read(rendered, tmp_path):
    def external(xml: str) -> str:
        head = r'\1<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        xml = re.sub(r"(<\?xml[^>]*\?>)", head, xml, count=1)
        return xml.replace(">ĐẢNG CỘNG SẢN VIỆT NAM<", ">&x;<")

    path = _variant(rendered, tmp_path / "ngoai.docx", "word/document.xml", external)
    result = _run("check", path)
    assert result.exit_code == 2
    assert "word/document.xml: XML hỏng ở dòng" in result.output
    secret = Path("/etc/hostname")
    if secret.is_file() and secret.read_text().strip():
        assert secret.read_text().strip() not in result.output


def test_utf16_text_is_read_as_text(tmp_path):
    for codec, name in (("utf-16", "bom.txt"), ("utf-16-le", "le.txt"), ("utf-16-be", "be.txt")):
        path = tmp_path / name
        path.write_bytes("Căn cứ Nghị quyết\nnhaan dân\n".encode(codec))
        result = _run("check", path)
        assert result.exit_code == 1, (name, result.output)
        assert "dòng 2: [go-telex]" in result.output and "nhị phân" not in result.output
    imported = _run("import", tmp_path / "bom.txt", "-o", tmp_path / "bom.yaml")
    assert imported.exit_code in (0, 1) and "nhị phân" not in imported.output


def test_a_password_protected_docx_is_named_as_such(tmp_path):
    """mat_khau.docx: a DOCX encrypted with the password `matkhau` as Word does it (an OLE
    container holding an EncryptedPackage; made with msoffcrypto-tool)."""
    path = FIXTURES / "mat_khau.docx"
    for command in ("check", "import"):
        target = ["-o", tmp_path / "mat_khau.yaml"] if command == "import" else []
        result = _run(command, path, *target)
        assert result.exit_code == 2
        assert "có đặt mật khẩu" in result.output and "Word 97" not in result.output


def test_a_word_97_file_is_still_called_one(tmp_path):
    path = tmp_path / "cu.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = _run("check", path)
    assert result.exit_code == 2 and "Word 97–2003 (.doc)" in result.output


def test_a_long_name_is_reported_against_the_file_asked_for(tmp_path):
    source = tmp_path / ("a" * 248 + ".txt")  # its `.da_sua.txt` copy is over 255 bytes
    source.write_text("nhaan dân\n", encoding="utf-8")
    result = _run("check", source, "--fix")
    assert "tên tệp quá dài" in result.output
    assert ".kehoach-" not in result.output and ".tmp" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]  # nothing left behind
    fits = tmp_path / ("ă" * 110 + ".txt")  # 220 bytes: the copy fits, its temporary did not
    fits.write_text("nhaan dân\n", encoding="utf-8")
    result = _run("check", fits, "--fix")
    assert (tmp_path / f"{fits.stem}.da_sua.txt").read_text(encoding="utf-8") == "nhân dân\n"


def test_a_text_too_large_is_refused_at_once(tmp_path):
    path = tmp_path / "lon.txt"
    with path.open("wb") as out:
        out.truncate(MAX_TEXT + 1)
    result = _run("check", path)
    assert result.exit_code == 2
    assert "quá lớn để kiểm tra (quá 10 MB chữ)" in result.output


def test_absurd_numbering_values_are_written_in_digits():
    assert _format(2_000_000, "lowerLetter") == "2000000"
    assert _format(27, "lowerLetter") == "aa" and _format(5, "upperRoman") == "V"
    assert _format(4000, "upperRoman") == "4000"


def test_sizes_and_counts_are_written_the_vietnamese_way(rendered, tmp_path):
    from docx import Document
    from docx.shared import Pt

    doc = Document(str(rendered))
    body = next(p for p in doc.paragraphs if p.text.startswith("Căn cứ"))
    body.runs[0].font.size = Pt(10.5)
    path = tmp_path / "co.docx"
    doc.save(str(path))
    assert "chữ cỡ 10,5" in _run("check", path).output
    from kehoach.document import wordxml

    assert "20.000" in f"{wordxml.number(wordxml.MAX_PARAGRAPHS)}"


_ATTRIBUTES = [b'w:val="', b'w:w="', b'w:h="', b'w:top="', b'w:left="', b'w:ilvl="',
               b'w:numId="', b'w:start="', b'r:id="', b'w:type="']
_PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml",
          "word/_rels/document.xml.rels"]
_JUNK = [b"", b"-5", b"99999999999", b"abc", b"1.5", b"\xc3\xa2", b"0", b"rId999", b"2cm"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(_PARTS), st.sampled_from(_ATTRIBUTES),
                          st.integers(0, 10_000), st.sampled_from(_JUNK)), min_size=1, max_size=6))
def test_any_attribute_edited_by_hand_gives_findings_or_a_message(rendered, tmp_path, edits):
    """Word files edited by hand or by other programs: any attribute check reads may hold
    junk; the answer is findings or a Vietnamese message, never a traceback."""
    from kehoach.check.run import check_file
    from kehoach.errors import Unreadable

    with zipfile.ZipFile(rendered) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for part, attribute, pick, junk in edits:
        xml = parts.get(part, b"")
        places = [m.end() for m in re.finditer(re.escape(attribute), xml)]
        if places:
            at = places[pick % len(places)]
            parts[part] = xml[:at] + junk + xml[xml.index(b'"', at):]
    target = tmp_path / "sua_tay.docx"
    with zipfile.ZipFile(target, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    try:
        check_file(target, None)
    except Unreadable as error:
        assert str(error.problems[0].message)
