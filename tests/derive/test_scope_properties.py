"""The scope reader on text it was not written for (issue 23): any sentence made of the words
upper plans use (signals, unit names, numbers, citations, quotes, separators) is cut into
clauses that put back make the sentence again, every clause gets a verdict, and a plan made
of such sentences is drafted for a xã, a phường and a đặc khu into plans that load."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from builders import small_plan, write_plan
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kehoach.derive.derivation import Derivation
from kehoach.derive.scope import UPPER, Reader
from kehoach.derive.target import target_for
from kehoach.plan.loader import load_plan
from kehoach.plan.model import Plan
from kehoach.plan.units import load_registry

WORDS = [
    "xã", "phường", "đặc khu", "Phú Quốc", "Kiên Hải", "Thổ Châu", "Óc Eo", "Rạch Giá", "tỉnh",
    "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Công an tỉnh", "chủ trì,", "phối hợp với",
    "Sở Tài chính", "triển khai", "tại", "ở", "ưu tiên", "và", "các", "100%", "50%", "5.000",
    "lượt", "doanh nghiệp", "GRDP", "Đề xuất Hội đồng nhân dân tỉnh ban hành", "ngân sách của tỉnh",
    "Nghị quyết số 57-NQ/TW", "ngày 22/12/2024", "của Bộ Chính trị", "về", "“Bình dân học vụ số”",
    "(sau đây gọi tắt là Kế hoạch)", "trên địa bàn tỉnh", "Nhân dân trong tỉnh", "An Giang",
    "thuộc nhóm", "Hội nghị cấp tỉnh", "trước ngày 30/7/2026", "các đảng ủy xã, phường, đặc khu",
    "Nâng cao", "cấp tỉnh (PCI)", "Thành lập Quỹ", ";", ".", ",", ":", "Về y tế:", "đ", "Xã",
]
SENTENCES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join)
REGISTRY = """cap: xa
cap_tren: ĐẢNG BỘ TỈNH AN GIANG
don_vi:
  - {id: phu-quoc, loai: dac_khu, ten: Phú Quốc}
  - {id: rach-gia, loai: phuong, ten: Rạch Giá}
  - {id: oc-eo, loai: xa, ten: Óc Eo}
"""
ISSUER = {"co_quan": "TỈNH ỦY AN GIANG", "ma_co_quan": "TU", "dia_danh": "An Giang",
          "ngay": "2026-06-18"}


@cache
def _upper(folder: str) -> tuple[Path, Path]:
    data = small_plan()
    del data["van_ban"]["cap_tren"]
    data["van_ban"] |= ISSUER
    data["noi_nhan"] = ["Lưu Văn phòng Tỉnh ủy"]
    plan = write_plan(Path(folder) / "kh.yaml", data)
    registry = Path(folder) / "don_vi.yaml"
    registry.write_text(REGISTRY, encoding="utf-8")
    return plan, registry


@cache
def _reader(folder: str) -> tuple[Reader, object]:
    plan_path, registry_path = _upper(folder)
    plan, registry = load_plan(plan_path), load_registry(registry_path)
    derivation = Derivation(plan, registry)
    unit = registry.unit("oc-eo")
    target = target_for(plan, registry, unit, derivation.nodes, derivation.wordings)
    return target.scope, unit


FIXTURE = [HealthCheck.function_scoped_fixture]


@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURE)
@given(text=SENTENCES)
def test_clauses_make_the_sentence_again_and_each_has_a_verdict(tmp_path_factory, text):
    reader, unit = _reader(str(tmp_path_factory.getbasetemp()))
    clauses = reader.clauses(text)
    assert "".join(sep + clause for sep, clause in clauses) == text
    for sep, clause in clauses:
        verdict = reader.judge(clause, unit, targets=True)
        assert verdict.kind == UPPER or verdict.text.strip(" .;:") or not clause.strip(" .;:")
        verdict = reader.judge(clause, unit, first=not sep)
        assert verdict.kind == UPPER or verdict.text or not clause


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURE)
@given(tasks=st.lists(SENTENCES, min_size=1, max_size=4), target=SENTENCES)
@example(tasks=["xã"], target="; Đề xuất Hội đồng nhân dân tỉnh ban hành")  # left "" behind
def test_a_plan_of_such_sentences_drafts_for_every_kind_of_unit(tmp_path_factory, tasks, target):
    base = Path(str(tmp_path_factory.getbasetemp()))
    _plan, registry_path = _upper(str(base))
    data = small_plan()
    del data["van_ban"]["cap_tren"]
    data["van_ban"] |= ISSUER
    data["noi_nhan"] = ["Lưu Văn phòng Tỉnh ủy"]
    data["nhiem_vu_giai_phap"]["muc"][0]["doan"] = [
        {"id": f"nv-1-{i}", "noi_dung": text} for i, text in enumerate(tasks)
    ]
    data["muc_tieu_chi_tieu"]["muc"] = [{"id": "mt-2", "tieu_de": "Mục tiêu cụ thể",
                                          "doan": [{"id": "mt-2-a", "noi_dung": target}]}]
    plan = load_plan(write_plan(base / "random.yaml", data))
    registry = load_registry(registry_path)
    derivation = Derivation(plan, registry)
    for unit in registry.registry.don_vi:
        drafted = derivation.derive(unit).plan
        Plan.model_validate(drafted.model_dump())  # what derive writes loads as a plan
