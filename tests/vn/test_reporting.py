"""The reports a plan asks for, read from its words (issue 23): the periods and their days, a
single report's deadline, the sơ kết and tổng kết years; a deadline that is not a report's
and a "sơ kết, tổng kết" without a year are not read as one. Beyond the corpus's sentences,
report sentences are generated in the ways plans word them (word order, parentheses or not,
the period's words, the day's lead words, days listed together) and must be read the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.vn.reporting import Schedule, read_schedule, report_clauses


@pytest.mark.parametrize(("texts", "expected"), [
    (["xây dựng kế hoạch thực hiện; định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày "
      "15/11) báo cáo kết quả về Ban Thường vụ Tỉnh ủy. Năm 2028 sơ kết giữa nhiệm kỳ; năm 2030 "
      "tổng kết việc thực hiện Kế hoạch."],
     Schedule(sau_thang="15/6", hang_nam="15/11", so_ket=2028, tong_ket=2030,
              ky=("sau_thang", "hang_nam"))),
    (["định kỳ hằng năm (trước ngày 30/11) báo cáo kết quả về Ban Thường vụ Thành ủy.",
      "tham mưu Ban Thường vụ Thành ủy sơ kết vào năm 2027, tổng kết vào năm 2030."],
     Schedule(hang_nam="30/11", so_ket=2027, tong_ket=2030, ky=("hang_nam",))),
    (["báo cáo kết quả về Ban Thường vụ Tỉnh ủy (qua Ban Tuyên giáo và Dân vận Tỉnh ủy) trước "
      "ngày 15/5/2026.", "tổ chức hội nghị; hoàn thành trước ngày 30/4/2026."],
     Schedule(han="15/5/2026")),
    (["Báo cáo kết quả thực hiện hàng quý (trước ngày 20 của tháng cuối quý) và mỗi năm chậm "
      "nhất ngày 05/12."], Schedule(hang_nam="05/12", ky=("hang_quy", "hang_nam"))),
    (["Chú trọng công tác kiểm tra, giám sát, sơ kết, tổng kết, rút kinh nghiệm.",
      "hoàn thành trước ngày 30/7/2026"], Schedule()),
    # the plan's own deadline for the plans below is not a report's; the day after the
    # words of the report, in parentheses (Lâm Đồng)
    (["Các đảng ủy trực thuộc Tỉnh ủy, đảng ủy các xã, phường, đặc khu xây dựng kế hoạch thực "
      "hiện trước ngày 15/12/2026; định kỳ hằng năm báo cáo kết quả (trước ngày 20/11) về Ban "
      "Thường vụ Tỉnh ủy qua Ban Tuyên giáo và Dân vận Tỉnh ủy. Năm 2028 sơ kết, năm 2030 tổng "
      "kết việc thực hiện Nghị quyết."],
     Schedule(hang_nam="20/11", so_ket=2028, tong_ket=2030, ky=("hang_nam",))),
    # periods first, days listed together; the review year before its words, a subject between
    (["Định kỳ 6 tháng, năm, các đảng ủy báo cáo kết quả thực hiện về Ban Thường vụ Thành ủy "
      "(qua Văn phòng Thành ủy) chậm nhất vào ngày 20/6 và 20/12. Cuối năm 2028, Ban Thường vụ "
      "Thành ủy sơ kết; năm 2030 tổng kết thực hiện Kế hoạch."],
     Schedule(sau_thang="20/6", hang_nam="20/12", so_ket=2028, tong_ket=2030,
              ky=("sau_thang", "hang_nam"))),
    (["báo cáo kết quả thực hiện 6 tháng, 1 năm gửi về Ban Thường vụ Tỉnh ủy trước ngày 10/6 và "
      "ngày 10/12 hằng năm để tổng hợp.", "tham mưu sơ kết 3 năm vào cuối năm 2028 và tổng kết "
      "vào năm 2030."],
     Schedule(sau_thang="10/6", hang_nam="10/12", so_ket=2028, tong_ket=2030,
              ky=("sau_thang", "hang_nam"))),
    # periods asked, no day: the periods are known, the days are not
    (["Định kỳ 6 tháng, hằng năm báo cáo kết quả về Ban Thường vụ Tỉnh ủy."],
     Schedule(ky=("sau_thang", "hang_nam"))),
    (["Năm 2028 sơ kết, năm 2030 tổng kết."], Schedule(so_ket=2028, tong_ket=2030)),
    # hold-out (Khánh Hòa): a long gap before the tổng kết's year, and sơ kết's year before
    # it, which the tổng kết must not take
    (["Ban Tuyên giáo và Dân vận Tỉnh ủy tham mưu sơ kết 5 năm vào năm 2030 và tổng kết 10 "
      "năm thực hiện Nghị quyết số 71-NQ/TW vào năm 2035."],
     Schedule(so_ket=2030, tong_ket=2035)),
])
def test_what_the_words_ask_for(texts, expected):
    assert read_schedule(texts) == expected


def test_nothing_asked_is_false():
    assert not Schedule() and Schedule(tong_ket=2030) and Schedule(ky=("hang_nam",))


SIX = st.sampled_from(["6 tháng", "06 tháng", "sáu tháng", "6 tháng đầu năm"])
YEAR = st.sampled_from(["hằng năm", "hàng năm", "mỗi năm", "1 năm", "cả năm"])
LEAD = st.sampled_from(["trước ngày", "trước", "chậm nhất ngày", "chậm nhất vào ngày",
                        "chậm nhất là ngày", "không muộn hơn ngày"])
DAY = st.tuples(st.integers(1, 28), st.integers(1, 12))
WHO = st.sampled_from(["", "các đảng ủy xã, phường, đặc khu ", "Các cơ quan, đơn vị "])
WHERE = st.sampled_from(["", " về Ban Thường vụ Tỉnh ủy", " về Thành ủy (qua Văn phòng Thành ủy)"])


def _day(day: tuple[int, int], words: bool) -> str:
    return f"{day[0]} tháng {day[1]}" if words else f"{day[0]}/{day[1]}"


@settings(max_examples=150, derandomize=True, deadline=None)
@given(six=SIX, year=YEAR, lead=LEAD, first=DAY, second=DAY, who=WHO, where=WHERE,
       order=st.integers(0, 3), words=st.booleans())
def test_periodic_reports_in_any_common_wording(six, year, lead, first, second, who, where,
                                                order, words):
    a, b = _day(first, words), _day(second, words)
    sentences = [
        f"{who}định kỳ {six} ({lead} {a}) và {year} ({lead} {b}) báo cáo kết quả{where}.",
        f"{who}báo cáo kết quả {six} ({lead} {a}), {year} ({lead} {b}){where}.",
        f"Định kỳ {six}, {year}, {who}báo cáo kết quả{where} {lead} {a} và {b}.",
        f"{who}báo cáo kết quả thực hiện {six}, {year}{where} {lead} {a} và ngày {b} hằng năm.",
    ]
    found = read_schedule([sentences[order]])
    assert (found.sau_thang, found.hang_nam) == (f"{first[0]}/{first[1]}",
                                                f"{second[0]}/{second[1]}"), sentences[order]


@settings(max_examples=80, derandomize=True, deadline=None)
@given(year=YEAR, lead=LEAD, day=DAY, who=WHO, where=WHERE, order=st.integers(0, 3),
       parenthesis=st.booleans())
def test_a_yearly_report_alone_in_any_word_order(year, lead, day, who, where, order,
                                                 parenthesis):
    said = f"{lead} {day[0]}/{day[1]}"
    said = f"({said})" if parenthesis else said
    sentences = [
        f"{who}định kỳ {year} báo cáo kết quả {said}{where}.",
        f"{who}báo cáo kết quả {year} {said}{where}.",
        f"{who}báo cáo kết quả{where} {said} {year}.",
        f"Định kỳ {year}, {who}báo cáo kết quả thực hiện{where} {said}.",
    ]
    found = read_schedule([sentences[order]])
    assert found.hang_nam == f"{day[0]}/{day[1]}" and found.sau_thang is None, sentences[order]
    assert found.ky == ("hang_nam",)


def test_the_report_clauses_are_found_to_be_quoted():
    texts = ["Ủy ban Kiểm tra kiểm tra, giám sát.", "Xây dựng kế hoạch trước ngày 15/12/2026; "
             "định kỳ báo cáo kết quả về Ban Thường vụ Tỉnh ủy theo quy định (hằng năm)."]
    assert report_clauses(texts) == [
        "định kỳ báo cáo kết quả về Ban Thường vụ Tỉnh ủy theo quy định (hằng năm)"]
