"""Every data file under kehoach/data/ loads into its typed model, and a typo in one is an
error naming the file, line:column and key."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from kehoach.errors import KehoachError
from kehoach.plan.fields import Comparison, Direction
from kehoach.rules import (
    assessment,
    data,
    levels,
    outline,
    profile,
    profile_dates,
    scope,
    spelling,
    vocabulary,
)
from kehoach.rules.source import profile_names, read, shipped

CHECK = Path(profile.__file__).resolve().parent.parent / "check"

MODELS: dict[str, type[BaseModel]] = {
    "ma.yaml": data.Codes,
    "cap.yaml": levels.Levels,
    "danh_gia.yaml": assessment.Assessment,
    "de_cuong.yaml": outline.Outline,
    "nhap.yaml": vocabulary.Vocabulary,
    "tieng_viet.yaml": spelling.Spelling,
    "ho_so_theo_ngay.yaml": profile_dates.ProfileTable,
    "pham_vi.yaml": scope.Scope,
} | {f"{name}.yaml": profile.Profile for name in profile_names()}

LOADERS = {
    "ma.yaml": data.load_codes,
    "cap.yaml": levels.load_levels,
    "danh_gia.yaml": assessment.load_assessment,
    "de_cuong.yaml": outline.load_outline,
    "nhap.yaml": vocabulary.load_vocabulary,
    "tieng_viet.yaml": spelling.load_spelling,
    "ho_so_theo_ngay.yaml": profile_dates.load_profile_table,
    "pham_vi.yaml": scope.load_scope,
}


def test_every_data_file_has_a_model() -> None:
    shipped_files = {p.name for p in shipped("").iterdir() if p.name.endswith(".yaml")}
    assert shipped_files == set(MODELS)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_each_data_file_loads_once(name: str) -> None:
    loaded = LOADERS[name]()
    assert isinstance(loaded, MODELS[name])
    assert LOADERS[name]() is loaded  # cached: read once per process
    assert read(MODELS[name], shipped(name)) == loaded


def test_profiles_load() -> None:
    for name in profile_names():
        assert profile.load_profile(name).id == name


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of data file `name` with `old` (which must be there once) replaced by `new`."""
    text = shipped(name).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def _problems(name: str, path: Path) -> list[str]:
    with pytest.raises(KehoachError) as caught:
        read(MODELS[name], path)
    return [str(p) for p in caught.value.problems]


# (file, text to replace, its replacement, key path reported, words of the message, text of
# the line reported)
TYPOS = [
    # a misspelt key, at the top and nested
    ("danh_gia.yaml", "dinh_tinh:", "dinh_tihn:", "dinh_tihn", "gõ sai tên", "dinh_tihn:"),
    (
        "cap.yaml",
        "tu_dia_ban: huyện",
        "tu_dia_bam: huyện",
        "cap.huyen.tu_dia_bam",
        "gõ sai",
        "tu_dia_bam",
    ),
    (
        "nhap.yaml",
        "  muc_dich_yeu_cau:",
        "  muc_dich_yeu_cau2:",
        "phan.muc_dich_yeu_cau2",
        "gõ sai",
        "yeu_cau2",
    ),
    ("de_cuong.yaml", "  chu_thich:", "  chu_thic:", "phu_luc.chu_thic", "gõ sai", "chu_thic:"),
    ("tieng_viet.yaml", "tu_ngoai_le:", "tu_ngoai_les:", "tu_ngoai_les", "gõ sai", "tu_ngoai_les:"),
    ("ma.yaml", "co_quan:", "coquan:", "coquan", "gõ sai", "coquan:"),
    ("hd36-2018.yaml", "  co: 12\n", "  co: 12\n  c0: 12\n", "bang.c0", "gõ sai", "c0: 12"),
    # a misspelt rule id of kiem_tra
    (
        "hd36-2018.yaml",
        "  hai-dau-cach:",
        "  hai-dau-cachh:",
        "kiem_tra.hai-dau-cachh",
        "gõ sai",
        "cachh",
    ),
    # a wrong type or value
    (
        "danh_gia.yaml",
        "ty_le_toi_da: 100",
        "ty_le_toi_da: trăm",
        "ty_le_toi_da",
        "phải là số",
        "trăm",
    ),
    (
        "danh_gia.yaml",
        '[["<", 0, dat]]\n  toi_thieu',
        '[["<", 0, dar]]\n  toi_thieu',
        "quy_tac.duoi.giam[0][2]",
        "vuot",
        "dar",
    ),
    ("nhap.yaml", "tối đa: toi_da", "tối đa: toi_daa", "so_sanh.tối đa", "một trong", "toi_daa"),
    ("de_cuong.yaml", "loai: BC", "loai: BCC", "loai", "ma.yaml", "BCC"),
    ("hd36-2018.yaml", "  nfc: loi", "  nfc: loii", "kiem_tra.nfc", "một trong", "loii"),
    ("cap.yaml", "ma_co_quan: [HU]", "ma_co_quan: HU", "cap.huyen.ma_co_quan", "danh sách", ": HU"),
    ("pham_vi.yaml", "cac_don_vi:", "cac_don_vii:", "cac_don_vii", "gõ sai", "cac_don_vii"),
    (
        "pham_vi.yaml",
        "  - '^Dành quỹ đất'",
        "  - '^Dành (quỹ đất'",
        "cap_tren[1].mau[3]",
        "biểu thức chính quy",
        "Dành (quỹ",
    ),
    # the same key twice
    ("ma.yaml", "  KH: KẾ HOẠCH ", "  KH: KẾ HOẠCH\n  KH: KẾ HOẠCH ", "loai.KH", "lặp lại", "KH"),
]


@pytest.mark.parametrize(("name", "old", "new", "key", "message", "at"), TYPOS)
def test_a_typo_names_file_line_and_key(
    tmp_path: Path, name: str, old: str, new: str, key: str, message: str, at: str
) -> None:
    path = _broken(tmp_path, name, old, new)
    problems = _problems(name, path)
    hits = [p for p in problems if f" {key}: " in p]
    assert hits, problems
    assert message in hits[0]
    line, column = hits[0].removeprefix(f"{path}:").split(":")[:2]
    text = path.read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert at in text and int(column) >= 1
    if message == "lặp lại":
        assert int(line) == _line_of(path, at) + 1  # the second one


def test_a_forgotten_rule_id_is_an_error(tmp_path: Path) -> None:
    path = _broken(
        tmp_path, "hd36-2018.yaml", "  ngoac: canh_bao           # ngoặc, ngoặc kép không cân\n", ""
    )
    problems = _problems("hd36-2018.yaml", path)
    assert any("kiem_tra.ngoac: thiếu trường bắt buộc" in p for p in problems), problems


def _codes_check_emits() -> set[str]:
    """Every rule code `kehoach/check/` passes to `Collector.add(where, rule, …)`."""
    codes: set[str] = set()
    for source in CHECK.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                codes.add(node.args[1].value)
    return codes


def test_check_rules_are_the_codes_check_emits() -> None:
    emitted = _codes_check_emits()
    assert len(emitted) > 20  # the walk above still finds the calls
    assert emitted == set(profile.CHECK_RULES)
    assert len(profile.CHECK_RULES) == len(set(profile.CHECK_RULES))


def test_comparisons_match_the_plan_model() -> None:
    assert set(typing.get_args(assessment.Comparison)) == {c.value for c in Comparison}
    assert set(assessment.Steps.__annotations__) == {c.value for c in Comparison}
    assert set(assessment.ByDirection.__annotations__) == {d.value for d in Direction}


def test_an_empty_or_unreadable_data_file_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "ma.yaml"
    empty.write_text("", encoding="utf-8")
    assert _problems("ma.yaml", empty)
    assert _problems("ma.yaml", tmp_path / "missing.yaml")
