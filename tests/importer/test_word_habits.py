"""Import keeps every line of Word files typed as clerks type them (issue 20 item 5, issue 22
item 2): generated plans written with Word's habits (`generated/word_habits.py`), imported,
written and loaded back, rendered; every line of the Word file is in the rendered document,
and the header, the signature and the recipients are read as typed."""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from builders import small_plan
from generated.word_habits import Habits, habits, typed_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.document.render import renderer_for
from kehoach.importer.parse import parse
from kehoach.importer.sources import read_source
from kehoach.plan import yamlwrite
from kehoach.plan.loader import plan_from_source
from kehoach.plan.model import Plan
from kehoach.source import yamlsource

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from measure import Measure, compare, docx_lines

_VOCABULARY = (
    "nâng cao nhận thức trách nhiệm của cấp ủy chính quyền cán bộ đảng viên Nhân dân về vai "
    "trò an sinh xã hội phát triển kinh tế giáo dục y tế văn hóa tuyên truyền bảo đảm hỗ trợ "
    "người lao động việc làm nông thôn mới chuyển đổi số hạ tầng môi trường kiểm tra giám sát"
)
WORDS = tuple(_VOCABULARY.split())
RECIPIENTS = [
    "Ban Thường vụ Tỉnh ủy (b/c)",
    "Thường trực Hội đồng nhân dân tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Các sở, ban, ngành, đoàn thể cấp tỉnh",
    "Ủy ban nhân dân các xã, phường, đặc khu",
    "Báo và Phát thanh, Truyền hình tỉnh",
    "Chánh, các Phó Chánh Văn phòng Ủy ban nhân dân tỉnh",
    "Các đồng chí Tỉnh ủy viên",
]


@st.composite
def sentences(draw, words: int = 12) -> str:
    picked = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=words))
    text = " ".join(picked)
    return text[:1].upper() + text[1:] + "."


@st.composite
def items(draw, prefix: str) -> list[dict[str, Any]]:
    """Items with a title, paragraphs, bullets, a body table, sub-items `a)` or `1.1.`."""
    out = []
    for n in range(draw(st.integers(1, 3))):
        ident = f"{prefix}-{n + 1}"
        item: dict[str, Any] = {"id": ident, "tieu_de": draw(sentences(6)).rstrip(".")}
        doan: list[dict[str, Any]] = []
        for k in range(draw(st.integers(0, 3))):
            paragraph = {"id": f"{ident}-d{k}", "noi_dung": draw(sentences())}
            if draw(st.booleans()):
                paragraph["dau"] = "-"
            doan.append(paragraph)
        if draw(st.booleans()):
            cols = draw(st.integers(2, 4))
            rows = [[draw(st.sampled_from(["", *WORDS])) for _ in range(cols)] for _ in range(2)]
            head = [f"Cột {c + 1}" for c in range(cols)]
            doan.append(
                {"id": f"{ident}-bang", "bang": {"cot": head, "dong": [{"o": r} for r in rows]}}
            )
        item["doan"] = doan
        if draw(st.booleans()):
            style = draw(st.sampled_from(["a)", "1.1."]))
            item["nhan_con"] = style
            item["muc"] = [
                {"id": f"{ident}-{k}", "noi_dung": draw(sentences())}
                for k in range(draw(st.integers(1, 3)))
            ]
        out.append(item)
    return out


@st.composite
def appendices(draw) -> dict[str, Any]:
    """A phụ lục: a table of any columns (empty cells, ragged rows), or an indicator table
    with milestones and a column of its own."""
    if draw(st.booleans()):
        cols = draw(st.integers(2, 6))
        rows = [
            [draw(st.sampled_from(["", *WORDS])) for _ in range(draw(st.integers(1, cols)))]
            for _ in range(draw(st.integers(1, 4)))
        ]
        return {
            "id": "phu-luc-1",
            "ten": "DANH SÁCH CÁC ĐƠN VỊ",
            "bang": {
                "cot": [f"Cột {c + 1}" for c in range(cols)],
                "dong": [{"o": r} for r in rows],
            },
        }
    rows = [
        {
            "id": f"pl-{k}",
            "nhan": draw(sentences(5)).rstrip("."),
            "don_vi": "%",
            "moc": {2026: draw(st.integers(1, 99)), 2030: draw(st.integers(1, 99))},
            **({"khac": {"Cơ quan chủ trì theo dõi": "Sở Nội vụ"}} if draw(st.booleans()) else {}),
        }
        for k in range(draw(st.integers(1, 3)))
    ]
    return {
        "id": "phu-luc-1",
        "ten": "CÁC CHỈ TIÊU CHỦ YẾU",
        "chi_tieu": [{"id": "pl-nhom", "tieu_de": "Về kinh tế", "chi_tieu": rows}],
    }


@st.composite
def plans(draw) -> dict[str, Any]:
    """A Party or a State plan with generated parts, recipients and signer."""
    data = copy.deepcopy(small_plan())
    state = draw(st.booleans())
    day = draw(st.dates(dt.date(2021, 1, 1), dt.date(2027, 12, 31)))
    header = data["van_ban"] | {"ngay": day.isoformat(), "so": draw(st.none() | st.integers(1, 99))}
    if state:
        header.pop("cap_tren")
        header |= {
            "the_thuc": "nha_nuoc",
            "ma_co_quan": "UBND",
            "dia_danh": "Lâm Đồng",
            "co_quan": "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG",
        }
        if draw(st.booleans()):
            header |= {
                "cap_tren": "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH",
                "co_quan": "BAN THƯỜNG TRỰC",
                "ma_co_quan": "MTTQ-BTT",
            }
    elif day > dt.date(2025, 6, 30):  # no Huyện ủy after 30/6/2025: a commune's committee
        header |= {"cap_tren": "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "co_quan": "ĐẢNG ỦY XÃ HÒA AN",
                   "ma_co_quan": "ĐU", "dia_danh": "Hòa An"}
    lines = draw(st.integers(1, 3))
    header["trich_yeu"] = "\n".join(draw(sentences(8)).rstrip(".") for _ in range(lines))
    data["van_ban"] = header
    data["nhiem_vu_giai_phap"]["muc"] = draw(items("nv"))
    data["noi_nhan"] = [
        *draw(st.lists(st.sampled_from(RECIPIENTS), min_size=1, max_size=6, unique=True)),
        "Lưu: VT, Văn phòng",
    ]
    if draw(st.booleans()):  # the source has no filing line: kept so, never invented
        data["noi_nhan"] = data["noi_nhan"][:-1]
        data["khong_dong_luu"] = True
    if draw(st.booleans()):
        data["phu_luc"] = [draw(appendices())]
    if state:
        data["chu_ky"] = draw(
            st.sampled_from(
                [
                    {
                        "quyen_han": "TM. ỦY BAN NHÂN DÂN",
                        "chuc_vu": "CHỦ TỊCH",
                        "ho_ten": "Trần Văn B",
                    },
                    {"quyen_han": "KT. CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Lê Thị C"},
                    {
                        "quyen_han": "TM. TIỂU BAN",
                        "chuc_vu": "TRƯỞNG TIỂU BAN",
                        "ho_ten": "Nguyễn Văn D",
                        "duoi_ten": "TRƯỞNG BAN XÂY DỰNG ĐẢNG",
                    },
                ]
            )
        )
    return data


def round_trip(data: dict[str, Any], habits: Habits, tmp: Path) -> tuple[Plan, Plan, Measure]:
    """The plan typed in Word with `habits`, imported, written, loaded and rendered: the plan
    typed, the plan read back, and the comparison of their lines."""
    typed = Plan.model_validate(data)
    source = tmp / "go_tay.docx"
    source.write_bytes(typed_docx(typed, habits))
    imported = parse(read_source(source), source)
    back = plan_from_source(yamlsource.load(yamlwrite.dump(imported.data), "back.yaml"))
    out = Measure(source.name)
    compare(
        docx_lines(source.read_bytes()), docx_lines(renderer_for("ke_hoach.docx").render(back)), out
    )
    return typed, back, out


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=plans(), habits=habits())
def test_import_keeps_every_line_of_a_file_typed_with_words_habits(tmp_path, data, habits):
    typed, back, measured = round_trip(data, habits, tmp_path)
    assert measured.lost == [] and measured.reformatted == 0
    h, b = typed.van_ban, back.van_ban
    assert (b.the_thuc, b.co_quan, b.cap_tren, b.so, b.ma_co_quan, b.dia_danh) == (
        h.the_thuc,
        h.co_quan,
        h.cap_tren,
        h.so,
        h.ma_co_quan,
        h.dia_danh,
    )
    assert b.trich_yeu == h.trich_yeu
    typed_lines = docx_lines((tmp_path / "go_tay.docx").read_bytes())
    if any(", ngày tháng " in line for line in typed_lines):  # the day was left blank
        assert (b.ngay, b.thang) == (h.year, h.day.month)
    else:
        assert b.ngay == h.ngay
    assert list(back.noi_nhan) == list(typed.noi_nhan)
    assert back.chu_ky.model_dump() == typed.chu_ky.model_dump()
    tables = [p for item in back.nhiem_vu_giai_phap.muc for p in item.doan if hasattr(p, "bang")]
    typed_tables = [
        p for item in typed.nhiem_vu_giai_phap.muc for p in item.doan if hasattr(p, "bang")
    ]
    assert [t.bang.model_dump() for t in tables] == [t.bang.model_dump() for t in typed_tables]
    assert back.khong_dong_luu == typed.khong_dong_luu
    assert [row.model_dump(include={"nhan", "moc", "khac"}) for row in back.milestones()] == [
        row.model_dump(include={"nhan", "moc", "khac"}) for row in typed.milestones()
    ]


@pytest.mark.parametrize(
    "habit",
    [
        Habits(recipients_breaks=True),
        Habits(recipient_wrapped=True),
        Habits(signature_grid=True),
        Habits(header_grid=True, issuer_breaks=True),
        Habits(blank_day=True),
        Habits(no_break_spaces=True, nbsp_cells=True),
        Habits(auto_numbering=True),
    ],
)
def test_each_habit_alone_on_a_state_plan(tmp_path, habit):
    data = _state_plan()
    typed, back, measured = round_trip(data, habit, tmp_path)
    assert measured.lost == []
    assert back.van_ban.the_thuc == "nha_nuoc" and back.van_ban.ma_co_quan == "MTTQ-BTT"
    assert list(back.noi_nhan) == list(typed.noi_nhan)
    assert back.chu_ky == typed.chu_ky


def _state_plan() -> dict[str, Any]:
    data = copy.deepcopy(small_plan())
    data["van_ban"] = data["van_ban"] | {
        "the_thuc": "nha_nuoc",
        "cap_tren": "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH",
        "co_quan": "BAN THƯỜNG TRỰC",
        "ma_co_quan": "MTTQ-BTT",
        "so": 16,
        "dia_danh": "Lương Minh",
        "ngay": "2025-11-18",
    }
    data["noi_nhan"] = [
        "BTT Ủy ban MTTQ Việt Nam tỉnh",
        "Thường trực Đảng ủy xã",
        "Bí thư Chi bộ, Trưởng thôn, Ban công tác Mặt trận thôn",
        "Lưu: MTTQ",
    ]
    data["chu_ky"] = {
        "quyen_han": "TM. BAN THƯỜNG TRỰC",
        "chuc_vu": "CHỦ TỊCH",
        "ho_ten": "Lan Thị Vân",
        "duoi_ten": "TRƯỞNG BAN XÂY DỰNG ĐẢNG",
    }
    data["nhiem_vu_giai_phap"]["muc"][0]["doan"].append(
        {
            "id": "nv-bang",
            "bang": {
                "cot": ["TT", "Nội dung", "Thời gian"],
                "dong": [{"o": ["1", "Tuyên truyền", ""]}, {"o": ["2", "Kiểm tra", "Quý I"]}],
            },
        }
    )
    return data


def _indicator(ident: str, value: int, year_text: str = "") -> dict[str, Any]:
    return {
        "id": ident,
        "cau": f"Tỷ lệ hộ dân dùng nước sạch{year_text} đạt {{gt}}%",
        "nhan": "Tỷ lệ hộ dân dùng nước sạch",
        "gia_tri": value,
        "don_vi": "%",
        "so_sanh": "dat",
    }


def test_targets_by_milestone_come_back_as_milestones(tmp_path):
    data = copy.deepcopy(small_plan())
    data["muc_tieu_chi_tieu"]["chi_tieu"] = {
        "id": "ct",
        "tieu_de": "Các chỉ tiêu chủ yếu",
        "nam": 2030,
        "doan": [
            {
                "id": "ct-a",
                "tieu_de": "Đến năm 2026",
                "nam": 2026,
                "dau": "-",
                "noi_dung": [_indicator("ct-1", 80)],
            },
            {
                "id": "ct-b",
                "tieu_de": "Đến năm 2030",
                "nam": 2030,
                "dau": "-",
                "noi_dung": [_indicator("ct-2", 95)],
            },
        ],
    }
    _typed, back, measured = round_trip(data, Habits(), tmp_path)
    assert measured.lost == []
    paragraphs = back.muc_tieu_chi_tieu.chi_tieu.doan
    assert [(p.tieu_de, p.nam) for p in paragraphs] == [
        ("Đến năm 2026", 2026),
        ("Đến năm 2030", 2030),
    ]
    assert [i.gia_tri for i in back.indicators()] == [80, 95]


def test_targets_right_under_a_chi_tieu_part_are_indicators(tmp_path):
    data = copy.deepcopy(small_plan())
    data["muc_tieu_chi_tieu"] = {
        "id": "mt",
        "tieu_de": "CHỈ TIÊU CHỦ YẾU THỰC HIỆN ĐẾN NĂM 2030",
        "chi_tieu": {
            "id": "ct",
            "nam": 2030,
            "doan": [
                {
                    "id": "ct-d",
                    "dau": "-",
                    "noi_dung": [
                        _indicator("ct-1", 90),
                        {
                            **_indicator("ct-2", 75),
                            "so_sanh": "tren",
                            "cau": "Trên {gt}% xã, phường có tổ tư vấn",
                        },
                    ],
                }
            ],
        },
    }
    _typed, back, measured = round_trip(data, Habits(auto_numbering=True), tmp_path)
    assert measured.lost == []
    block = back.muc_tieu_chi_tieu.chi_tieu
    assert block is not None and block.tieu_de is None and block.nam == 2030
    assert [(i.gia_tri, i.so_sanh) for i in back.indicators()] == [(90, "dat"), (75, "tren")]


def test_a_repeated_or_skipped_number_is_kept_as_printed(tmp_path):
    data = copy.deepcopy(small_plan())
    first = data["nhiem_vu_giai_phap"]["muc"][0]
    data["nhiem_vu_giai_phap"]["muc"] = [
        first,
        {**first, "id": "nv-2", "nhan_goc": "1."},
        {**first, "id": "nv-3", "nhan_goc": "4."},
    ]
    _typed, back, measured = round_trip(data, Habits(), tmp_path)
    assert measured.lost == []
    assert [i.nhan_goc for i in back.nhiem_vu_giai_phap.muc] == [None, "1.", "4."]


def test_duties_are_cut_at_the_organs_name(tmp_path):
    data = copy.deepcopy(small_plan())
    duties = [
        ("Ban Tổ chức Tỉnh ủy", "chủ trì, phối hợp tham mưu tổng kết."),
        ("Ủy ban Kiểm tra Tỉnh ủy", "đưa nội dung thực hiện vào chương trình kiểm tra."),
        ("Các tổ chức thành viên của Mặt trận tỉnh", "tham gia giám sát việc thực hiện."),
    ]
    data["to_chuc_thuc_hien"]["muc"] = [
        {"id": f"tc-{k}", "chu_the": who, "noi_dung": what} for k, (who, what) in enumerate(duties)
    ]
    _typed, back, measured = round_trip(data, Habits(), tmp_path)
    assert measured.lost == []
    assert [(d.chu_the, d.noi_dung) for d in back.to_chuc_thuc_hien.muc] == duties


def test_a_word_97_file_is_converted_through_libreoffice(tmp_path, soffice):
    from kehoach.soffice import convert

    data = _state_plan()
    source = tmp_path / "nguon.docx"
    source.write_bytes(typed_docx(Plan.model_validate(data), Habits(recipient_wrapped=True)))
    convert(soffice, tmp_path, [source], "doc", tmp_path / "doc")
    old = tmp_path / "doc" / "nguon.doc"
    assert old.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    imported = parse(read_source(old), old)
    back = plan_from_source(yamlsource.load(yamlwrite.dump(imported.data), "back.yaml"))
    assert back.van_ban.the_thuc == "nha_nuoc" and back.van_ban.so == 16
    assert list(back.noi_nhan) == data["noi_nhan"]
    out = Measure(old.name)
    compare(
        docx_lines(source.read_bytes()), docx_lines(renderer_for("ke_hoach.docx").render(back)), out
    )
    assert out.lost == []


def test_without_libreoffice_a_doc_file_is_a_clear_message(tmp_path, monkeypatch):
    import kehoach.importer.convert as convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    old = tmp_path / "ke_hoach.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    from kehoach.errors import PlanError

    with pytest.raises(PlanError) as caught:
        read_source(old)
    message = str(caught.value)
    assert "Word 97–2003 (.doc)" in message and "LibreOffice" in message and ".docx" in message
