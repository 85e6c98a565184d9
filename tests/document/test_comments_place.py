"""A review note is drawn on its own element (issue 26): on its phrase when its element's
paragraph shows it, else on the element's first words, never on another paragraph that
happens to hold the phrase; thousands of notes on one paragraph all land, each split once."""

from __future__ import annotations

import io

from builders import small_plan
from docx import Document
from docx.oxml.ns import qn

from kehoach.document.render import renderer_for
from kehoach.plan.model import Plan


def _anchored(docx: bytes) -> list[tuple[str, str, str]]:
    """(comment text, the paragraph's text, the words between its marks), in id order."""
    document = Document(io.BytesIO(docx))
    said = {c.comment_id: c.text for c in document.comments}
    found: dict[int, tuple[str, str]] = {}
    for p in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        open_ids: set[int] = set()
        for element in p.iter():
            ident = element.get(qn("w:id"))
            if element.tag == qn("w:commentRangeStart"):
                open_ids.add(int(ident))
                found[int(ident)] = (text, "")
            elif element.tag == qn("w:commentRangeEnd"):
                open_ids.discard(int(ident))
            elif element.tag == qn("w:t"):
                for i in open_ids:
                    found[i] = (found[i][0], found[i][1] + (element.text or ""))
    return [(said[i], *found[i]) for i in sorted(found)]


def _render(data: dict) -> bytes:
    return renderer_for("ke_hoach.docx").render(Plan.model_validate(data))


def test_a_phrase_not_in_its_element_goes_on_the_elements_first_words():
    data = small_plan()
    paragraph = data["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]
    paragraph["xem_lai"] = [{"cum": "Phụng Hiệp", "ly_do": "chỗ này"}]  # in the date line only
    [(reason, text, words)] = _anchored(_render(data))
    assert reason == "chỗ này" and text == paragraph["noi_dung"]
    assert words == paragraph["noi_dung"][:40].strip()


def test_two_elements_beginning_alike_each_keep_their_own_notes():
    data = small_plan()
    first = data["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]
    first["noi_dung"] = "Phát triển và hoàn thiện hệ thống tổ chức y tế các cấp trong huyện."
    second = {"id": "nv-1-b", "dau": "-", "dan": "Về y tế",
              "noi_dung": "Phát triển và hoàn thiện hệ thống tổ chức y tế cơ sở; chăm sóc.",
              "xem_lai": [{"cum": "hoàn thiện hệ thống", "ly_do": "của đoạn thứ hai"}]}
    data["nhiem_vu_giai_phap"]["muc"][0]["doan"].append(second)
    [(reason, text, words)] = _anchored(_render(data))
    assert reason == "của đoạn thứ hai"
    assert text == f"- Về y tế: {second['noi_dung']}" and words == "hoàn thiện hệ thống"


def test_notes_of_elements_without_a_paragraph_of_their_own_stay_in_their_part():
    data = small_plan()
    indicator = data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0]
    data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"][0] = {
        "id": "ct-nhom", "truoc": "Tỷ lệ ", "chi_tieu": [indicator | {"cau": "dân số tham gia "
                                                                    "bảo hiểm y tế trên {gt}%"}],
        "xem_lai": [{"cum": "Ban Tuyên giáo", "ly_do": "nhóm chỉ tiêu"}]}
    [(reason, text, words)] = _anchored(_render(data))
    assert reason == "nhóm chỉ tiêu" and "bảo hiểm y tế" in text and words == "Tỷ lệ"


def test_thousands_of_notes_on_one_paragraph_all_land_on_their_words():
    data = small_plan()
    paragraph = data["nhiem_vu_giai_phap"]["muc"][0]["doan"][0]
    words = paragraph["noi_dung"].rstrip(".").split()
    paragraph["xem_lai"] = [{"cum": words[i % len(words)], "ly_do": f"ghi chú {i}"}
                            for i in range(2000)]
    anchored = _anchored(_render(data))
    assert len(anchored) == 2000
    for i, (reason, text, marked) in enumerate(anchored):
        assert reason == f"ghi chú {i}" and text == paragraph["noi_dung"]
        assert marked == words[i % len(words)]
