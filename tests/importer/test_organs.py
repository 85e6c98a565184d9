"""Tổ chức thực hiện cut at the organ's name, never inside it (issue 22: 11 of 16 duties of a
Tỉnh ủy plan were cut at the wrong word)."""

from __future__ import annotations

import pytest

from kehoach.importer.organs import cut, organ_names


@pytest.mark.parametrize(
    ("duty", "organ"),
    [
        ("Đồng chí Trưởng Ban Xây dựng Đảng - Trưởng Tiểu ban: Phụ trách chung, chịu trách "
         "nhiệm trước Ủy ban bầu cử.", "Đồng chí Trưởng Ban Xây dựng Đảng - Trưởng Tiểu ban:"),
        ("Các tổ chức thành viên của MTTQ Việt Nam phường tham gia kiểm tra, giám sát.",
         "Các tổ chức thành viên của MTTQ Việt Nam phường"),
        ("Ủy ban Kiểm tra Tỉnh ủy đưa nội dung thực hiện Kế hoạch vào chương trình kiểm tra.",
         "Ủy ban Kiểm tra Tỉnh ủy"),
        ("Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu.",
         "Ban Tổ chức Tỉnh ủy"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì tổ chức học tập, quán triệt.",
         "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
        ("Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo cụ thể hóa thành nghị quyết.",
         "Đảng đoàn Hội đồng nhân dân tỉnh"),
        ("Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các xã, phường, đặc khu căn cứ chức "
         "năng, nhiệm vụ xây dựng kế hoạch.",
         "Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các xã, phường, đặc khu"),
        ("Văn phòng Tỉnh ủy theo dõi, đôn đốc, tổng hợp, báo cáo.", "Văn phòng Tỉnh ủy"),
    ],
)
def test_the_acting_organ_ends_where_its_name_ends(duty, organ):
    at = cut(duty)
    assert at is not None and duty[:at].strip() == organ
    assert f"{duty[:at].strip()} {duty[at:].strip()}" == duty  # nothing lost


def test_the_organ_names_come_from_the_data():
    names = organ_names()
    assert "ủy ban kiểm tra tỉnh ủy" in names and "ban xây dựng đảng" in names
    assert "ban tuyên giáo và dân vận thành ủy" in names  # cap.yaml, from 1/7/2025
    assert "văn phòng đảng ủy" in names and not any("{" in n for n in names)
