"""The commune scope reads the grammar of a phrase, not a list of the fixtures' words (issue
23, after the Lâm Đồng hold-out): sentences generated from other provinces, other units,
other bodies and works, other verbs, word orders and punctuation must get the same verdict
as the sentences the rules were found on. Each rule has its counter-examples: the commune's
own bodies, works and areas stay the commune's."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from builders import small_plan, write_plan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.derive.derivation import Derivation, Derived
from kehoach.derive.scope import UPPER, Reader
from kehoach.derive.target import target_for
from kehoach.plan.loader import load_plan
from kehoach.plan.review import notes
from kehoach.plan.units import LoadedRegistry, load_registry
from kehoach.plan.walk import by_id

PROVINCES = ["Gia Lai", "Quảng Trị", "Khánh Hòa", "Đắk Lắk", "Tây Ninh", "Lâm Đồng"]
KINDS = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}
# bodies and works of the province, as plans name them: a common noun that opens a name,
# the name's own words (capitalised first), then the province
HEADS = ["Trung tâm", "Bệnh viện", "Quỹ", "Trường", "Viện", "Bảo tàng", "Thư viện", "Khu",
         "Ban Quản lý", "Cổng thông tin", "Hội"]
NAME_WORDS = ["Kiểm soát bệnh tật", "Y tế", "Phát triển đất", "Văn hóa", "Dữ liệu",
              "Đa khoa", "Chính trị", "Bảo trợ xã hội", "Xúc tiến đầu tư", "Nông dân",
              "Phục hồi chức năng", "Lưu trữ lịch sử"]
WORKS = ["Thành lập", "Đầu tư xây dựng", "Kiện toàn", "Nâng cấp", "Hợp nhất", "Đầu tư",
         "Xây dựng mới", "Thành lập mới", "Đầu tư nâng cấp", "Sáp nhập", "Tổ chức lại"]
ENDS = ["", " trên cơ sở hợp nhất các đơn vị cũ", ", hoàn thành trong năm 2027",
        " theo quy định", " bảo đảm hoạt động hiệu quả"]
FACILITIES = ["Bệnh viện Đa khoa khu vực", "Trung tâm Y tế", "Trường Cao đẳng Nghề",
              "Khu công nghiệp Nam", "Bệnh viện Y dược cổ truyền"]


def _registry_text(province: str, units: dict[str, str]) -> str:
    lines = [f"cap: xa\ncap_tren: ĐẢNG BỘ TỈNH {province.upper()}\ndon_vi:"]
    for k, (kind, name) in enumerate(units.items()):
        lines.append(f"  - {{id: dv-{k}, loai: {kind}, ten: {name}}}")
    return "\n".join(lines) + "\n"


@cache
def _setup(folder: str, province: str, names: tuple[str, str, str]) -> tuple[Path, Path]:
    base = Path(folder) / f"{province}-{'-'.join(names)}".replace(" ", "_")
    base.mkdir(parents=True, exist_ok=True)
    data = small_plan()
    del data["van_ban"]["cap_tren"]
    data["van_ban"] |= {"co_quan": f"TỈNH ỦY {province.upper()}", "ma_co_quan": "TU",
                        "dia_danh": province, "ngay": "2026-06-18"}
    data["noi_nhan"] = ["Lưu Văn phòng Tỉnh ủy"]
    plan = write_plan(base / "kh.yaml", data)
    registry = base / "don_vi.yaml"
    registry.write_text(_registry_text(province, dict(zip(KINDS, names, strict=True))),
                        encoding="utf-8")
    return plan, registry


def _units(folder: Path, province: str, names: tuple[str, str, str]) -> LoadedRegistry:
    return load_registry(_setup(str(folder), province, names)[1])


@cache
def _reader(folder: str, province: str, names: tuple[str, str, str], kind: str):
    plan_path, registry_path = _setup(folder, province, names)
    plan, registry = load_plan(plan_path), load_registry(registry_path)
    derivation = Derivation(plan, registry)
    unit = next(u for u in registry.registry.don_vi if u.loai == kind)
    target = target_for(plan, registry, unit, derivation.nodes, derivation.wordings)
    return target.scope, unit


def _draft(folder: Path, province: str, names: tuple[str, str, str], kind: str,
           tasks: list[str] | None = None, indicators: list[dict] | None = None) -> Derived:
    _plan, registry_path = _setup(str(folder), province, names)
    data = small_plan()
    del data["van_ban"]["cap_tren"]
    data["van_ban"] |= {"co_quan": f"TỈNH ỦY {province.upper()}", "ma_co_quan": "TU",
                        "dia_danh": province, "ngay": "2026-06-18"}
    data["noi_nhan"] = ["Lưu Văn phòng Tỉnh ủy"]
    if tasks:
        data["nhiem_vu_giai_phap"]["muc"][0]["doan"] = [
            {"id": f"nv-1-{i}", "noi_dung": t} for i, t in enumerate(tasks)]
    if indicators:
        data["muc_tieu_chi_tieu"]["chi_tieu"]["doan"][0]["noi_dung"] = indicators
    plan = load_plan(write_plan(folder / f"kh-{kind}.yaml", data))
    registry = load_registry(registry_path)
    unit = next(u for u in registry.registry.don_vi if u.loai == kind)
    return Derivation(plan, registry).derive(unit)


def _text(derived: Derived, element: str) -> str | None:
    found = by_id(derived.plan).get(element)
    return None if found is None else found.element.noi_dung  # type: ignore[attr-defined]


FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
SETTINGS = {"derandomize": True, "deadline": None, "suppress_health_check": FIXTURE}
# A few registries (each drafted once): the names are generated once, not per example.
REGISTRIES = [("Gio Linh", "Đông Hà", "Cồn Cỏ"), ("Ba Tơ", "Cẩm Thành", "Lý Sơn"),
              ("Tân", "Hòa Lợi", "Mỹ An Phú")]
# Each province with one registry: every pair is drafted (its signals compiled) once.
PLACES = st.sampled_from(list(zip(PROVINCES, REGISTRIES * 2, strict=False)))


def _body(head: str, words: str, tail: str, province: str) -> str:
    return f"{head} {words} {tail.format(p=province)}"


@settings(max_examples=120, **SETTINGS)
@given(place=PLACES, kind=st.sampled_from(list(KINDS)), head=st.sampled_from(HEADS),
       words=st.sampled_from(NAME_WORDS),
       tail=st.sampled_from(["tỉnh", "của tỉnh", "tỉnh {p}", "{p}"]),
       work=st.sampled_from(WORKS), end=st.sampled_from(ENDS), after=st.booleans())
def test_establishing_a_body_of_the_province_is_the_provinces(
        tmp_path_factory, place, kind, head, words, tail, work, end, after):
    province, names = place
    reader, unit = _reader(str(tmp_path_factory.getbasetemp()), province, names, kind)
    clause = f"{work} {_body(head, words, tail, province)}{end}"
    if after:  # the second clause of a sentence: lower case
        clause = clause[0].lower() + clause[1:]
    verdict = reader.judge(clause, unit, first=not after)
    assert verdict.kind == UPPER, clause
    assert verdict.loai in ("dau-tu-cap-tren", "tham-quyen-cap-tren")


@settings(max_examples=60, **SETTINGS)
@given(place=PLACES, kind=st.sampled_from(list(KINDS)), head=st.sampled_from(HEADS),
       words=st.sampled_from(NAME_WORDS),
       tail=st.sampled_from(["tỉnh", "của tỉnh", "{p}"]))
def test_a_body_of_the_province_named_in_the_communes_task_keeps_its_name(
        tmp_path_factory, place, kind, head, words, tail):
    province, names = place
    """The name is the province's (protected): never 'Trung tâm … xã', no 'tỉnh' note."""
    name = _body(head, words, tail, province)
    derived = _draft(tmp_path_factory.getbasetemp(), province, names, kind,
                     tasks=[f"Phối hợp với {name} tuyên truyền, vận động Nhân dân."])
    assert _text(derived, "nv-1-0") == f"Phối hợp với {name} tuyên truyền, vận động Nhân dân."
    assert not any("tỉnh'" in n.ly_do for _, n in notes(derived.plan))


@pytest.mark.parametrize("clause", [
    "Thành lập tổ công nghệ số cộng đồng ở các thôn",
    "Xây dựng nhà văn hóa thôn, khu phố",
    "Kiện toàn trạm y tế xã sau sắp xếp",
    "Đầu tư xây dựng trường mầm non của xã",
    "Nâng cấp đường giao thông nông thôn",
    "Xây dựng kế hoạch thực hiện Nghị quyết",
    "Hợp nhất các chi bộ sau sắp xếp",
    "Thành lập Ban Chỉ đạo của Đảng ủy",
])
def test_the_communes_own_works_stay_its_own(tmp_path, clause):
    reader, unit = _reader(str(tmp_path), "Gia Lai", ("Ia Grai", "Pleiku", "Kon Chiêng"), "xa")
    assert reader.judge(clause, unit).kind != UPPER, clause


ORGANS = ["Sở Y tế", "Sở Nội vụ", "Công an tỉnh", "Bảo hiểm xã hội tỉnh",
          "Trung tâm Kiểm soát bệnh tật tỉnh", "Ủy ban nhân dân tỉnh", "Bệnh viện Đa khoa tỉnh"]
VERBS = ["thực hiện chế độ luân phiên bác sĩ", "đào tạo, bồi dưỡng cán bộ", "kết nối dữ liệu",
         "tổ chức tập huấn", "cập nhật cơ sở dữ liệu", "hỗ trợ kinh phí", "xây dựng phần mềm"]


@settings(max_examples=40, **SETTINGS)
@given(organ=st.sampled_from(ORGANS), first=st.sampled_from(VERBS), second=st.sampled_from(VERBS),
       third=st.sampled_from(VERBS), kind=st.sampled_from(list(KINDS)))
def test_clauses_without_a_subject_are_the_upper_bodys_that_opens_the_sentence(
        tmp_path_factory, organ, first, second, third, kind):
    derived = _draft(tmp_path_factory.getbasetemp(), "Quảng Trị", ("Cồn Cỏ", "Đông Hà", "Gio Linh"),
                     kind, tasks=[f"{organ} phối hợp với các đơn vị {first}; {second}; {third}.",
                                  f"{organ} {first}; các chi bộ {second}."])
    assert _text(derived, "nv-1-0") is None  # every clause is the body's
    # a clause with its own subject is not the body's
    assert _text(derived, "nv-1-1") == f"Các chi bộ {second}."


@settings(max_examples=80, **SETTINGS)
@given(place=PLACES, head=st.sampled_from(HEADS),
       words=st.sampled_from(NAME_WORDS), joiner=st.sampled_from([" và ", ", "]),
       placed=st.sampled_from(["tại", "ở", "của"]))
def test_a_unit_name_stops_at_the_name_of_a_body(
        tmp_path_factory, place, head, words, joiner, placed):
    province, names = place
    reader: Reader = _reader(str(tmp_path_factory.getbasetemp()), province, names, "xa")[0]
    first, second = names[1], names[2]
    text = f"xây dựng nhà máy {placed} phường {first}{joiner}{head} {words} đặc khu {second}"
    found = [m.names for m in reader.names.mentions(text)]
    assert found == [(first,), (second,)], text


@settings(max_examples=40, **SETTINGS)
@given(place=PLACES, first=st.sampled_from(FACILITIES), second=st.sampled_from(FACILITIES),
       work=st.sampled_from(["Đầu tư xây dựng", "Nâng cấp", "Đầu tư nâng cấp", "Xây dựng mới"]),
       placed=st.sampled_from(["tại", "ở"]))
def test_an_upper_work_in_a_unit_is_that_units_part_and_no_other_units(
        tmp_path_factory, place, first, second, work, placed):
    province, names = place
    task = f"{work} {first} {placed} phường {names[1]} và {second} đặc khu {names[2]}."
    folder = tmp_path_factory.getbasetemp()
    ward = _text(_draft(folder, province, names, "phuong", tasks=[task]), "nv-1-0")
    assert ward == (f"Phối hợp, tạo điều kiện để cấp tỉnh {work.lower()} {first} "
                    "trên địa bàn phường.")
    island = _text(_draft(folder, province, names, "dac_khu", tasks=[task]), "nv-1-0")
    assert island == (f"Phối hợp, tạo điều kiện để cấp tỉnh {work.lower()} {second} đặc khu "
                      f"{names[2]}.")
    assert _text(_draft(folder, province, names, "xa", tasks=[task]), "nv-1-0") is None


SHARE_NOUNS = ["", "trạm y tế ", "trường học ", "nhà văn hóa ", "bộ phận một cửa ",
               "chi bộ ở "]
LISTINGS = ["xã, phường, đặc khu", "các xã, phường, đặc khu", "xã, phường", "số xã, phường"]


def _indicator(ident: str, cau: str, nhan: str, value, unit: str | None, noi="; ") -> dict:
    found = {"id": ident, "cau": cau, "nhan": nhan, "noi": noi}
    if value is not None:
        found |= {"gia_tri": value, "don_vi": unit, "so_sanh": "dat"}
    if "{ms}" in cau:
        found["mau_so"] = 10000
    return found


@settings(max_examples=15, **SETTINGS)
@given(noun=st.sampled_from(SHARE_NOUNS), listing=st.sampled_from(LISTINGS),
       rest=st.sampled_from(["có bác sĩ làm việc thường xuyên", "đạt chuẩn quốc gia",
                             "được phủ sóng 5G"]),
       kind=st.sampled_from(list(KINDS)), below=st.integers(50, 99))
def test_targets_over_the_units_are_the_units_share_or_the_provinces(
        tmp_path_factory, noun, listing, rest, kind, below):
    share = _indicator("ct-a", f"{{gt}}% {noun}{listing} {rest}", "Tỷ lệ", 100, "%")
    count = _indicator("ct-b", f"{{gt}}% {noun}{listing} {rest}", "Tỷ lệ", below, "%")
    kept = _indicator("ct-c", "tỷ lệ hộ gia đình dùng nước sạch đạt {gt}%", "Nước sạch", 98, "%",
                      None)
    derived = _draft(tmp_path_factory.getbasetemp(), "Khánh Hòa", ("Trường Sa", "Nha Trang",
                     "Cam Lâm"), kind, indicators=[share, count, kept])
    found = {i.id: i for i in derived.plan.indicators()}
    assert list(found) == ["ct-a", "ct-c"]  # the share of the units below 100%: the province's
    who = f"{noun}{KINDS[kind]}"
    assert found["ct-a"].cau == f"{who[0].upper()}{who[1:]} {rest}"
    assert found["ct-a"].gia_tri is None and found["ct-c"].gia_tri == 98


@pytest.mark.parametrize(("cau", "nhan", "value", "unit", "kept"), [
    ("Tuổi thọ trung bình của người dân trong tỉnh đạt {gt} tuổi", "Tuổi thọ", 75.5, "tuổi",
     None),
    ("tuổi thọ trung bình đạt {gt} tuổi", "Tuổi thọ", 76, "tuổi", None),
    ("thu nhập bình quân đầu người của tỉnh đạt {gt} triệu đồng", "Thu nhập", 120,
     "triệu đồng", None),
    ("số giường bệnh đạt {gt} giường trên {ms} dân", "Số giường bệnh", 38, "giường/10.000 dân",
     None),
    ("số bác sĩ đạt {gt} bác sĩ trên {ms} dân", "Số bác sĩ", 15, "bác sĩ/10.000 dân", None),
    ("Số xã đạt chuẩn nông thôn mới là {gt} xã", "Số xã đạt chuẩn", 40, "xã", None),
    ("tỷ lệ hộ gia đình trong tỉnh dùng nước sạch đạt {gt}%", "Tỷ lệ hộ gia đình trong tỉnh dùng "
     "nước sạch", 98, "%", "tỷ lệ hộ gia đình trong {dv} dùng nước sạch đạt {gt}%"),
    ("tỷ lệ người dân của tỉnh có thẻ bảo hiểm y tế đạt {gt}%", "Bảo hiểm y tế", 95, "%",
     "tỷ lệ người dân của {dv} có thẻ bảo hiểm y tế đạt {gt}%"),
    ("tỷ lệ trẻ em được tiêm chủng đạt {gt}%", "Tiêm chủng", 95, "%",
     "tỷ lệ trẻ em được tiêm chủng đạt {gt}%"),
])
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_measure_of_the_province_goes_a_rate_stays_in_the_units_area(
        tmp_path, cau, nhan, value, unit, kept, kind):
    derived = _draft(tmp_path, "Tây Ninh", ("Tân Hòa", "Long An", "Mỹ Lợi"), kind,
                     indicators=[_indicator("ct-x", cau, nhan, value, unit, None)])
    found = [i.cau for i in derived.plan.indicators()]
    assert found == ([] if kept is None else [kept.replace("{dv}", KINDS[kind])])


@pytest.mark.parametrize(("task", "expected"), [
    ("Sắp xếp, kiện toàn trạm y tế xã, phường, đặc khu sau sắp xếp.",
     "Sắp xếp, kiện toàn trạm y tế {dv} sau sắp xếp."),
    ("Nâng cấp bộ phận một cửa xã, phường bảo đảm phục vụ Nhân dân.",
     "Nâng cấp bộ phận một cửa {dv} bảo đảm phục vụ Nhân dân."),
    # all the units at once: the sentence is about them all, kept as it is
    ("Tổ chức hội thi tại các xã, phường, đặc khu.",
     "Tổ chức hội thi tại các xã, phường, đặc khu."),
    ("Trao đổi kinh nghiệm giữa các xã, phường.", "Trao đổi kinh nghiệm giữa các xã, phường."),
])
@pytest.mark.parametrize("kind", list(KINDS))
def test_all_the_units_named_after_a_noun_are_the_unit_itself(tmp_path, task, expected, kind):
    derived = _draft(tmp_path, "Đắk Lắk", ("Ea Kar", "Buôn Ma Thuột", "Krông Pắc"), kind,
                     tasks=[task])
    assert _text(derived, "nv-1-0") == expected.replace("{dv}", KINDS[kind])


@pytest.mark.parametrize(("task", "phrase"), [
    ("Kết nối dữ liệu khám, chữa bệnh giữa các cơ sở y tế trong tỉnh.",
     "các cơ sở y tế trong tỉnh"),
    ("Phối hợp đào tạo cho các trường học của tỉnh.", "các trường học của tỉnh"),
    ("Nâng cao chất lượng các sản phẩm chủ lực tỉnh.", "các sản phẩm chủ lực tỉnh"),
])
def test_a_province_word_left_is_quoted_with_its_phrase_and_what_to_do(tmp_path, task, phrase):
    derived = _draft(tmp_path, "Gia Lai", ("Ia Grai", "Pleiku", "Kon Chiêng"), "xa", tasks=[task])
    element = by_id(derived.plan)["nv-1-0"].element
    said = [n for n in element.xem_lai or [] if "tỉnh" in n.ly_do]  # type: ignore[attr-defined]
    assert [n.cum for n in said] == [phrase]
    assert f"“{phrase}”" in said[0].ly_do and ("đổi thành" in said[0].ly_do)


def test_a_body_or_event_of_the_province_by_its_name_is_kept_without_a_note(tmp_path):
    task = "Tham gia Hội chợ thương mại tỉnh; phối hợp với Trung tâm Xúc tiến đầu tư tỉnh."
    derived = _draft(tmp_path, "Gia Lai", ("Ia Grai", "Pleiku", "Kon Chiêng"), "xa", tasks=[task])
    assert _text(derived, "nv-1-0") == task
    assert not by_id(derived.plan)["nv-1-0"].element.xem_lai  # type: ignore[attr-defined]


@pytest.mark.parametrize("task", [
    "Thực hiện chế độ luân phiên bác sĩ từ tuyến tỉnh về tuyến xã.",
    "Tiếp nhận hồ sơ, tài liệu của hai tỉnh cũ.",
    "Hợp tác liên tỉnh trong phòng, chống dịch bệnh.",
])
def test_the_provinces_terms_that_name_no_place_are_kept_without_a_note(tmp_path, task):
    derived = _draft(tmp_path, "Gia Lai", ("Ia Grai", "Pleiku", "Kon Chiêng"), "xa", tasks=[task])
    assert _text(derived, "nv-1-0") == task
    element = by_id(derived.plan)["nv-1-0"].element
    assert not element.xem_lai  # type: ignore[attr-defined]


CITY = ("THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh")


def _city_draft(folder: Path, kind: str, tasks: list[str], summary: str | None = None) -> Derived:
    """A plan of the Thành ủy of a city that writes its area word as a name ("Thành phố")."""
    base = folder / f"city-{kind}"
    base.mkdir(parents=True, exist_ok=True)
    data = small_plan()
    del data["van_ban"]["cap_tren"]
    data["van_ban"] |= {"co_quan": CITY[0], "ma_co_quan": "TU", "dia_danh": CITY[1],
                        "ngay": "2026-03-12"}
    if summary is not None:
        data["van_ban"]["trich_yeu"] = summary
    data["noi_nhan"] = ["Lưu Văn phòng Thành ủy"]
    data["nhiem_vu_giai_phap"]["muc"][0]["doan"] = [
        {"id": f"nv-1-{i}", "noi_dung": t} for i, t in enumerate(tasks)]
    plan = load_plan(write_plan(base / "kh.yaml", data))
    registry = base / "don_vi.yaml"
    registry.write_text(_registry_text("Thành phố Hồ Chí Minh", {
        "xa": "Củ Chi", "phuong": "Bến Thành", "dac_khu": "Côn Đảo"}).replace(
        "TỈNH THÀNH PHỐ", "THÀNH PHỐ"), encoding="utf-8")
    loaded = load_registry(registry)
    unit = next(u for u in loaded.registry.don_vi if u.loai == kind)
    return Derivation(plan, loaded).derive(unit)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_city_that_writes_its_area_word_as_a_name(tmp_path, kind):
    dv = KINDS[kind]
    derived = _city_draft(tmp_path, kind, [
        "Công an Thành phố phối hợp kiểm tra an toàn thông tin; xử lý kịp thời các sự cố.",
        "Bố trí kinh phí từ ngân sách Thành phố; các xã, phường, đặc khu bố trí kinh phí "
        "từ ngân sách địa phương.",
        "Số hóa tài liệu lưu trữ của Đảng bộ Thành phố.",
        "Đảng ủy các xã, phường, đặc khu kết nối hội nghị trực tuyến với Thành ủy.",
        "Kết nối liên thông từ Thành ủy đến các đảng ủy xã, phường, đặc khu và chi bộ.",
        "Trường Cán bộ Thành phố Hồ Chí Minh bồi dưỡng kỹ năng số; mỗi năm tổ chức ít nhất "
        "10 lớp.",
    ])
    assert derived.plan.can_cu[0].noi_dung.count("Thành ủy Thành phố Hồ Chí Minh") == 1
    assert _text(derived, "nv-1-0") is None  # the city's police, and what it does after
    assert _text(derived, "nv-1-1") == f"{dv.capitalize()} bố trí kinh phí từ ngân sách địa phương."
    assert _text(derived, "nv-1-2") == f"Số hóa tài liệu lưu trữ của Đảng bộ {dv}."
    assert _text(derived, "nv-1-3") == "Đảng ủy kết nối hội nghị trực tuyến với Thành ủy."
    assert _text(derived, "nv-1-4") == (
        "Kết nối liên thông từ Thành ủy đến các đảng ủy xã, phường, đặc khu và chi bộ.")
    assert _text(derived, "nv-1-5") is None


OWNERS = ["của các cơ quan đảng tỉnh", "của Đảng bộ tỉnh", "của Tỉnh ủy", "dùng chung của tỉnh",
          "thuộc tỉnh"]
LEADS = ["", "Văn phòng Tỉnh ủy chủ trì ", "Hoàn thành khảo sát, ", "Ban Tổ chức Tỉnh ủy chủ trì, "]


@settings(max_examples=60, **SETTINGS)
@given(place=PLACES, kind=st.sampled_from(list(KINDS)), lead=st.sampled_from(LEADS),
       work=st.sampled_from(WORKS), thing=st.sampled_from(["nền tảng số", "kho dữ liệu",
                                                          "hệ thống phần mềm quản lý"]),
       owner=st.sampled_from(OWNERS))
def test_an_act_on_a_work_the_upper_level_owns_is_its_own(
        tmp_path_factory, place, kind, lead, work, thing, owner):
    province, names = place
    reader, unit = _reader(str(tmp_path_factory.getbasetemp()), province, names, kind)
    clause = f"{lead}{work.lower() if lead else work} {thing} {owner}"
    assert reader.judge(clause, unit).kind == UPPER, clause
    # the unit's part in it stays the unit's
    part = f"Phối hợp {work.lower()} {thing} {owner}"
    assert reader.judge(part, unit).kind != UPPER, part


@pytest.mark.parametrize("adverb", ["mỗi năm", "hằng năm", "định kỳ", "thường xuyên"])
def test_an_upper_subject_carries_past_an_adverbial(tmp_path, adverb):
    derived = _draft(tmp_path, "Quảng Trị", REGISTRIES[0], "xa", tasks=[
        f"Sở Nội vụ bồi dưỡng cán bộ; {adverb} tổ chức tập huấn.",
        f"Sở Nội vụ chủ trì, phối hợp với Sở Tài chính kiểm tra; {adverb} công khai danh sách.",
    ])
    assert _text(derived, "nv-1-0") is None
    assert _text(derived, "nv-1-1") == (
        f"Phối hợp với Sở Nội vụ kiểm tra, {adverb} công khai danh sách.")


@pytest.mark.parametrize("kind", list(KINDS))
def test_works_in_other_units_leave_the_clause(tmp_path, kind):
    names = REGISTRIES[1]  # xã Ba Tơ, phường Cẩm Thành, đặc khu Lý Sơn
    task = (f"Đầu tư xây dựng khu xử lý rác tại phường {names[1]} và nhà máy nước của đặc khu "
            f"{names[2]}; di dời hộ dân ở các xã miền núi và đặc khu {names[2]}.")
    derived = _draft(tmp_path, "Gia Lai", names, kind, tasks=[task])
    text = _text(derived, "nv-1-0")
    expected = {
        "xa": "Di dời hộ dân ở các xã miền núi.",
        "phuong": "Đầu tư xây dựng khu xử lý rác trên địa bàn phường; di dời hộ dân ở các xã "
                  "miền núi.",
        "dac_khu": "Đầu tư xây dựng nhà máy nước trên địa bàn đặc khu; di dời hộ dân trên địa "
                   "bàn đặc khu.",
    }[kind]
    assert text == expected
    element = by_id(derived.plan)["nv-1-0"].element
    if kind != "dac_khu":  # what is left names no unit: what to check is said
        assert any("đã bỏ phần việc ở đặc khu" in n.ly_do for n in element.xem_lai or [])


@pytest.mark.parametrize(("task", "words"), [
    ("Bảo vệ nghiêm ngặt Vườn quốc gia Bạch Mã và rừng phòng hộ.", "Vườn quốc gia Bạch Mã"),
    ("Thu hồi dự án chậm triển khai tại Khu kinh tế Chân Mây và các khu công nghiệp.",
     "Khu kinh tế Chân Mây"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp Báo Gia Lai, Đài Phát thanh và "
     "Truyền hình Gia Lai mở chuyên mục.", "Báo Gia Lai"),
])
def test_a_place_the_province_runs_or_its_bodies_led_by_the_unit_are_noted(tmp_path, task, words):
    derived = _draft(tmp_path, "Gia Lai", REGISTRIES[2], "xa", tasks=[task])
    element = by_id(derived.plan)["nv-1-0"].element
    assert words in [n.cum for n in element.xem_lai or []]  # type: ignore[attr-defined]


def test_a_plan_that_implements_no_named_document_names_itself_in_section_iv(tmp_path):
    derived = _city_draft(tmp_path, "xa", ["Tuyên truyền sâu rộng."],
                          summary="chuyển đổi số trong hoạt động của các cơ quan đảng")
    said = " ".join(d.noi_dung for d in derived.plan.to_chuc_thuc_hien.muc)
    assert "Kế hoạch số 12-KH/TU" in said and "các văn bản của cấp trên" not in said
    assert not derived.plan.to_chuc_thuc_hien.xem_lai


@pytest.mark.parametrize("kind", list(KINDS))
def test_an_indicators_other_clauses_and_a_target_in_words_are_judged(tmp_path, kind):
    rate = _indicator("ct-a", "Tỷ lệ cán bộ được bồi dưỡng đạt {gt}%; mỗi sở có ít nhất 02 cán bộ "
                      "chuyên trách", "Bồi dưỡng", 100, "%", None)
    words = {"id": "ct-b", "cau": "xây dựng ít nhất 04 khu xử lý chất thải cấp vùng",
             "nhan": "Khu xử lý"}
    derived = _draft(tmp_path, "Tây Ninh", REGISTRIES[2], kind, indicators=[rate, words])
    assert [i.cau for i in derived.plan.indicators()] == ["Tỷ lệ cán bộ được bồi dưỡng đạt {gt}%"]


def _flags(derived: Derived, element: str) -> list[str]:
    found = by_id(derived.plan)[element].element
    return [n.ly_do for n in found.xem_lai or []]  # type: ignore[attr-defined]


@settings(max_examples=30, **SETTINGS)
@given(place=PLACES, qualifier=st.sampled_from(["biên giới", "đặc biệt khó khăn",
                                                   "miền núi phía Tây", "ven biển"]),
       body=st.sampled_from(["Sở Giáo dục và Đào tạo", "Sở Y tế", "Ủy ban nhân dân tỉnh"]),
       act=st.sampled_from(["đầu tư xây dựng 05 trường phổ thông dân tộc nội trú",
                            "tổ chức khám sàng lọc cho học sinh"]))
def test_units_listed_after_a_qualifier_are_named_units(tmp_path_factory, place, qualifier,
                                                       body, act):
    """Gia Lai hold-out: 'Sở Giáo dục và Đào tạo chủ trì đầu tư xây dựng 05 trường … tại các
    xã biên giới Ia Dom, Ia O, Ia Chía, Ia Púch và Ia Mơ' stayed, unflagged, in every draft
    (the words between 'các xã' and the names hid the units): a unit not listed drops it
    with a note; a listed one keeps it as written (its share of five is not in the words),
    with a note on the other units and one on the upper body that leads it."""
    province, names = place
    task = (f"{body} chủ trì {act} tại các xã {qualifier} Ia Dom, {names[0]}, Ia Chía "
            "và Ia Mơ.")
    folder = tmp_path_factory.getbasetemp()
    listed = _draft(folder, province, names, "xa", tasks=[task])
    text = _text(listed, "nv-1-0")
    assert text in (task, f"Phối hợp với {body} {task.split(' chủ trì ', 1)[1]}")  # its part
    said = _flags(listed, "nv-1-0")
    assert any("Ia Dom, Ia Chía, Ia Mơ, đơn vị khác" in s and names[0] not in s.split(":")[0]
               for s in said)
    if text == task and not body.startswith("Ủy ban"):  # the upper body leads: said
        assert any(s.startswith(f"{body} là cơ quan của tỉnh, việc do cơ quan đó chủ trì")
                   for s in said)
    for kind in ("phuong", "dac_khu"):
        assert _text(_draft(folder, province, names, kind, tasks=[task]), "nv-1-0") is None


@pytest.mark.parametrize(("words", "kept"), [
    ("xã hội Việt Nam", True),  # 'xã hội' is no unit kind, whatever follows
    ("các xã hội Nông dân", True),
])
def test_a_kind_word_in_a_common_noun_names_no_unit(tmp_path, words, kept):
    task = f"Tuyên truyền về an sinh {words} trên địa bàn."
    derived = _draft(tmp_path, "Gia Lai", REGISTRIES[0], "xa", tasks=[task])
    assert (_text(derived, "nv-1-0") is not None) == kept
    assert not any("đơn vị khác" in s for s in _flags(derived, "nv-1-0"))


def test_a_university_of_the_province_named_in_a_kept_task_is_noted(tmp_path):
    """Gia Lai hold-out: 'Hỗ trợ Trường Đại học Quy Nhơn trở thành cơ sở đào tạo …' was
    kept with no comment in every draft."""
    task = "Hỗ trợ Trường Đại học Quy Nhơn trở thành cơ sở đào tạo giáo viên trọng điểm."
    derived = _draft(tmp_path, "Gia Lai", REGISTRIES[0], "phuong", tasks=[task])
    assert _text(derived, "nv-1-0") == task
    assert any("Trường Đại học Quy Nhơn, nơi do tỉnh quản lý" in s
               for s in _flags(derived, "nv-1-0"))


@settings(max_examples=30, **SETTINGS)
@given(place=PLACES, groups=st.lists(st.sampled_from(
           ["biên giới", "đặc biệt khó khăn", "vùng sâu, vùng xa", "miền núi", "ven biển",
            "vùng đồng bào dân tộc thiểu số"]), min_size=1, max_size=2, unique=True),
       act=st.sampled_from(["ưu tiên bố trí giáo viên cho", "hỗ trợ xây dựng nhà văn hóa ở",
                            "tăng cường tuần tra tại"]))
def test_a_group_of_units_named_by_what_they_are_is_noted(tmp_path_factory, place, groups,
                                                          act):
    """Gia Lai hold-out: '… cho các xã đặc biệt khó khăn' stayed unflagged in a phường's
    draft. Whether a unit is one of 'các xã biên giới' only its clerk knows: the clause stays
    as written, with a note naming the group; a phường or đặc khu is told it is not one."""
    province, names = place
    group = " và các xã ".join(groups)
    task = f"Tuyển dụng đủ giáo viên; {act} các xã {group}."
    folder = tmp_path_factory.getbasetemp()
    for kind in KINDS:
        derived = _draft(folder, province, names, kind, tasks=[task])
        assert _text(derived, "nv-1-0") == task
        said = [s for s in _flags(derived, "nv-1-0") if s.startswith("câu này nói về")]
        assert len(said) == 1, _flags(derived, "nv-1-0")
        assert said[0].startswith(f"câu này nói về các xã {group}")
        outside = "không thuộc số đó: bỏ phần đó" in said[0]
        assert outside == (kind != "xa"), said[0]


@pytest.mark.parametrize("task", [
    "Tuyên truyền cho các xã, phường về an toàn giao thông.",
    "Xây dựng các xã đạt chuẩn nông thôn mới nâng cao.",
    "Vận động Nhân dân các xã hội viên tham gia.",
])
def test_units_not_grouped_by_what_they_are_get_no_group_note(tmp_path, task):
    derived = _draft(tmp_path, "Gia Lai", REGISTRIES[0], "phuong", tasks=[task])
    assert not any(s.startswith("câu này nói về") for s in _flags(derived, "nv-1-0"))
