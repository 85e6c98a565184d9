"""Settling a tracked DOCX two ways, for the tests: our own walk over the XML, and
LibreOffice's Accept All / Reject All run by a Basic macro in a throw-away profile."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}delText", f"{W}br", f"{W}tab"):
        parts.append({f"{W}br": "\n", f"{W}tab": "\t"}.get(node.tag, node.text or ""))
    return "".join(parts)


def document(docx: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))


def paragraphs(docx: bytes) -> list[str]:
    """Every paragraph's text in document order, table cells included."""
    return [_text(p) for p in document(docx).iter(f"{W}p")]


def settle(docx: bytes, accept: bool) -> list[str]:
    """The paragraphs after accepting (or rejecting) every revision: the dropped kind goes
    with its content, the kept kind is unwrapped, and a paragraph whose mark is dropped
    runs on into the next paragraph."""
    root = document(docx)
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for row in list(root.iter(f"{W}tr")):  # a row's own mark: the row goes with its text
        if row.find(f"{W}trPr/{W}{drop}") is not None:
            row.getparent().remove(row)
    for paragraph in list(root.iter(f"{W}p")):
        for run in paragraph.findall(f"{W}{drop}"):
            paragraph.remove(run)
        for wrapper in paragraph.findall(f"{W}{keep}"):
            for child in list(wrapper):
                wrapper.addprevious(child)
            paragraph.remove(wrapper)
    for paragraph in reversed(list(root.iter(f"{W}p"))):
        if paragraph.find(f"{W}pPr/{W}rPr/{W}{drop}") is None:
            continue
        following = paragraph.getnext()
        assert following is not None and following.tag == f"{W}p", (
            "dấu đoạn bỏ mà không có đoạn sau"
        )
        content = [c for c in paragraph if c.tag != f"{W}pPr"]
        start = 1 if following.find(f"{W}pPr") is not None else 0
        for offset, child in enumerate(content):
            following.insert(start + offset, child)
        paragraph.getparent().remove(paragraph)
    return [_text(p) for p in root.iter(f"{W}p")]


_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Settle(source As String, target As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, load())
  If command &lt;&gt; "" Then
    helper = createUnoService("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    helper.executeDispatch(frame, ".uno:" &amp; command, "", 0, Array())
  End If
  Dim save(1) As New com.sun.star.beans.PropertyValue
  save(0).Name = "FilterName"
  save(0).Value = "Text (encoded)"
  save(1).Name = "FilterOptions"
  save(1).Value = "UTF8,LF"
  doc.storeToURL(ConvertToURL(target), save())
  doc.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
"""


class LibreOffice:
    """soffice with a profile of its own that holds the `Settle` macro."""

    def __init__(self, program: str, home: Path) -> None:
        self.program = program
        self.profile = f"-env:UserInstallation=file://{home}/lo"
        self.home = home
        blank = home / "blank.txt"
        blank.write_text("", encoding="utf-8")
        self._run("--convert-to", "odt", "--outdir", str(home), str(blank))  # makes the profile
        module = home / "lo" / "user" / "basic" / "Standard" / "Module1.xba"
        assert module.is_file(), "LibreOffice không tạo hồ sơ người dùng"
        module.write_text(_MACRO, encoding="utf-8")

    def _run(self, *args: str) -> None:
        subprocess.run(
            [self.program, self.profile, "--headless", *args],
            check=True,
            capture_output=True,
            timeout=180,
        )

    def text(self, docx: Path, command: str = "") -> list[str]:
        """The document as LibreOffice's text export shows it, after `command`
        (AcceptAllTrackedChanges, RejectAllTrackedChanges, or nothing)."""
        target = self.home / f"{docx.stem}-{command or 'plain'}.txt"
        target.unlink(missing_ok=True)
        self._run(f'macro:///Standard.Module1.Settle("{docx}","{target}","{command}")')
        return target.read_text(encoding="utf-8-sig").split("\n")
