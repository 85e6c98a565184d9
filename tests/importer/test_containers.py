"""Import reads every place Word keeps a plan's text, once (issue 26): content controls,
text boxes (Word keeps each twice), tables nested in a cell, tracked moves (the moved-away
copy is not text), footnotes (kept as notes), SmartArt (kept, marked); tables anywhere;
two documents in one file refused with that said."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from docx import Document
from lxml import etree

from kehoach.cli import main
from kehoach.plan.loader import load_plan

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEED = ROOT.parent / "shared" / "seed" / "ke_hoach_nq42_phung_hiep_du_thao.txt"
MARK = "Việc học tập, quán triệt"
NS = (f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


def _plan(twice: bool = False) -> Document:
    """The seed's opening as Word paragraphs, with its signature table (twice: two plans)."""
    document = Document()
    for _ in range(2 if twice else 1):
        for line in [x for x in SEED.read_text(encoding="utf-8").split("\n") if x.strip()][:40]:
            document.add_paragraph(line)
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Nơi nhận:\n- Tỉnh ủy Hậu Giang (b/c),\n- Lưu Văn phòng Huyện ủy."
        table.cell(0, 1).text = "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn A"
    return document


def _marked(document: Document):
    return next(p for p in document.paragraphs if MARK in p.text)


def _save(document: Document, path: Path, parts: dict[str, bytes] | None = None) -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(buffer)
    found = {i.filename: source.read(i) for i in source.infolist()} | (parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in found.items():
            target.writestr(name, data)
    return path


def _imported(path: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The imported YAML's text and every text of the plan, in order."""
    target = tmp_path / "ra.yaml"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(target)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return target.read_text(encoding="utf-8"), list(_texts(load_plan(target).model_dump()))


def _texts(data, key: str = ""):
    """The plan's own texts in order (not ids, codes nor notes)."""
    if isinstance(data, str) and key in ("noi_dung", "tieu_de", "ten", "cau", "o", "cot", "dan"):
        yield data
    elif isinstance(data, dict):
        for name, value in data.items():
            if name != "xem_lai":
                yield from _texts(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value, key)


def _count(texts: list[str], words: str) -> int:
    return sum(text.count(words) for text in texts)


def test_a_paragraph_in_a_content_control_is_read_in_its_place(tmp_path):
    document = _plan()
    p = _marked(document)._p
    control = etree.Element(f"{{{W}}}sdt")
    p.addprevious(control)
    etree.SubElement(control, f"{{{W}}}sdtContent").append(p)
    _, texts = _imported(_save(document, tmp_path / "a.docx"), tmp_path)
    assert _count(texts, MARK) == 1


def test_a_text_box_is_read_once_after_its_paragraph_and_marked(tmp_path):
    document = _plan()
    box = (f"<w:txbxContent {NS}><w:p><w:r><w:t>Chữ trong hộp văn bản.</w:t></w:r></w:p>"
           "</w:txbxContent>")
    _marked(document).add_run()._r.append(etree.fromstring(
        f'<mc:AlternateContent {NS}><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}'
        f'</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox>'
        "</w:pict></mc:Fallback></mc:AlternateContent>"))
    yaml, texts = _imported(_save(document, tmp_path / "b.docx"), tmp_path)
    assert _count(texts, "Chữ trong hộp văn bản.") == 1
    assert texts.index("Chữ trong hộp văn bản.") == 1 + next(
        i for i, t in enumerate(texts) if t.startswith(MARK))
    assert "XEM LẠI: 1 dòng lấy từ hộp văn bản (text box)" in yaml


def test_a_table_nested_in_a_cell_is_read_once(tmp_path):
    document = _plan()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Ô ngoài"
    table.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Ô trong bảng lồng"
    _marked(document)._p.addnext(table._tbl)
    _, texts = _imported(_save(document, tmp_path / "c.docx"), tmp_path)
    assert _count(texts, "Ô trong bảng lồng") == 1 and _count(texts, "Ô ngoài") == 1


def test_text_moved_with_tracked_changes_is_read_once_where_it_went(tmp_path):
    document = _plan()
    here = _marked(document)._p
    for tag, paragraph in (("moveFrom", here), ("moveTo", here.getnext())):
        paragraph.append(etree.fromstring(
            f'<w:{tag} xmlns:w="{W}" w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
            '<w:r><w:t xml:space="preserve"> Đoạn chữ được chuyển chỗ.</w:t></w:r>'
            f"</w:{tag}>"))
    _, texts = _imported(_save(document, tmp_path / "d.docx"), tmp_path)
    assert _count(texts, "Đoạn chữ được chuyển chỗ.") == 1
    moved = next(t for t in texts if "chuyển chỗ" in t)
    assert not moved.startswith(MARK)


def test_a_footnote_is_kept_as_a_note(tmp_path):
    document = _plan()
    _marked(document)._p.append(etree.fromstring(
        f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="1"/></w:r>'))
    notes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}"><w:footnote '
             'w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space='
             '"preserve"> Theo Nghị quyết số 42-NQ/TW.</w:t></w:r></w:p></w:footnote>'
             "</w:footnotes>").encode()
    path = _save(document, tmp_path / "e.docx", {"word/footnotes.xml": notes})
    yaml, _ = _imported(path, tmp_path)
    assert (f"chú thích cuối trang của đoạn «{MARK}" in yaml
            and ": Theo Nghị quyết số 42-NQ/TW." in yaml)


def test_smartart_text_is_kept_at_its_place_and_marked(tmp_path):
    document = _plan()
    _marked(document)._p.addnext(etree.fromstring(
        f'<w:p {NS} xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r>'
        '<w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org'
        '/drawingml/2006/diagram"><dgm:relIds r:dm="rId90"/></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p>"))
    data = ('<?xml version="1.0"?><dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/'
            'drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
            'main"><dgm:ptLst><dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>Bước một: học tập'
            "</a:t></a:r></a:p></dgm:t></dgm:pt><dgm:pt modelId=\"2\"><dgm:t><a:p><a:r><a:t>"
            "Bước hai: thực hiện</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst>"
            "</dgm:dataModel>").encode()
    buffer = io.BytesIO()
    document.save(buffer)
    rels = zipfile.ZipFile(buffer).read("word/_rels/document.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/diagramData" Target="diagrams/data1.xml"/>'
        b"</Relationships>")
    path = _save(document, tmp_path / "f.docx", {"word/diagrams/data1.xml": data,
                                                   "word/_rels/document.xml.rels": rels})
    yaml, texts = _imported(path, tmp_path)
    assert _count(texts, "Bước một: học tập") == 1 and _count(texts, "Bước hai: thực hiện") == 1
    assert "2 dòng lấy từ SmartArt" in yaml


@pytest.mark.parametrize("where", ["after the signature", "in the body"])
def test_a_table_anywhere_is_read(tmp_path, where):
    document = _plan()
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "A", (0, 1): "B", (1, 0): "Ô một", (1, 1): "Ô hai"}.items():
        table.cell(row, col).text = text
    if where == "in the body":
        _marked(document)._p.addnext(table._tbl)
    _, texts = _imported(_save(document, tmp_path / "g.docx"), tmp_path)
    assert _count(texts, "Ô một") == 1 and _count(texts, "Ô hai") == 1


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_two_documents_in_one_file_are_refused_saying_so(tmp_path, kind):
    if kind == "docx":
        path = _save(_plan(twice=True), tmp_path / "hai.docx")
        said = "còn một phần 'Nơi nhận' nữa"
    else:
        path = tmp_path / "hai.txt"
        path.write_text(SEED.read_text(encoding="utf-8") * 2, encoding="utf-8")
        said = "còn một dòng tên loại nữa"
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "ra.yaml")])
    assert result.exit_code == 2 and f"{path}: tệp có hai văn bản: sau văn bản thứ nhất " \
        f"{said}; tách mỗi văn bản thành một tệp rồi nhập từng tệp" in result.output
    assert not (tmp_path / "ra.yaml").exists() and "Traceback" not in result.output
