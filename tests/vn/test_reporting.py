"""The reports a plan asks for, read from its words (issue 23): the periods and their days, a
single report's deadline, the sơ kết and tổng kết years; a deadline that is not a report's
and a "sơ kết, tổng kết" without a year are not read as one."""

from __future__ import annotations

import pytest

from kehoach.vn.reporting import Schedule, read_schedule


@pytest.mark.parametrize(("texts", "expected"), [
    (["xây dựng kế hoạch thực hiện; định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày "
      "15/11) báo cáo kết quả về Ban Thường vụ Tỉnh ủy. Năm 2028 sơ kết giữa nhiệm kỳ; năm 2030 "
      "tổng kết việc thực hiện Kế hoạch."],
     Schedule(sau_thang="15/6", hang_nam="15/11", so_ket=2028, tong_ket=2030)),
    (["định kỳ hằng năm (trước ngày 30/11) báo cáo kết quả về Ban Thường vụ Thành ủy.",
      "tham mưu Ban Thường vụ Thành ủy sơ kết vào năm 2027, tổng kết vào năm 2030."],
     Schedule(hang_nam="30/11", so_ket=2027, tong_ket=2030)),
    (["báo cáo kết quả về Ban Thường vụ Tỉnh ủy (qua Ban Tuyên giáo và Dân vận Tỉnh ủy) trước "
      "ngày 15/5/2026.", "tổ chức hội nghị; hoàn thành trước ngày 30/4/2026."],
     Schedule(han="15/5/2026")),
    (["Báo cáo kết quả thực hiện hàng quý (trước ngày 20 của tháng cuối quý) và mỗi năm chậm "
      "nhất ngày 05/12."], Schedule(hang_nam="05/12")),
    (["Chú trọng công tác kiểm tra, giám sát, sơ kết, tổng kết, rút kinh nghiệm.",
      "hoàn thành trước ngày 30/7/2026"], Schedule()),
])
def test_what_the_words_ask_for(texts, expected):
    assert read_schedule(texts) == expected


def test_nothing_asked_is_false():
    assert not Schedule() and Schedule(tong_ket=2030)
