"""The package keeps the shape docs/kien-truc.md draws: few top-level modules, small modules,
short functions."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "kehoach"


def test_at_most_five_top_level_modules():
    assert len(list(PACKAGE.glob("*.py"))) <= 5


def test_no_module_over_400_lines_no_function_over_60():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > 400:
            too_long.append(f"{path.relative_to(ROOT)}: {source.count(chr(10))} dòng")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length}")
    assert too_long == []
