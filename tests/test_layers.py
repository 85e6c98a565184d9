"""The package's layers, and the test that keeps them: a module imports only its own
package and the layers below it, never one above nor a sibling of its own layer; there is
no import cycle between packages; click is the command line's, Flask the web's.

`LAYERS` is the one place the order is written (the architecture docs point here). Every
import counts: at the top of a module, inside a function, under `if TYPE_CHECKING:`."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "kehoach"

LAYERS: list[set[str]] = [
    {"errors"},  # the project's errors and the problems they carry
    {"system"},  # what Windows, macOS and Linux each do their own way, chosen by capability
    {"safewrite", "soffice", "source"},  # all-or-nothing writes; LibreOffice; YAML with positions
    {"rules"},  # the data files of kehoach/data/, each as a typed model
    {"vn"},  # each written form of the format rules, written and read
    {"plan"},  # the plan model: load, walk, edit in place, write YAML
    {"document"},  # Plan → DOCX (and PDF); reading a DOCX's XML
    {"forms", "importer", "check", "compare"},  # the jobs, each on its own
    {"derive"},  # the units' plans (it reads values sheets through forms/)
    {"report"},  # the report on a plan's implementation (forms read, derive's horizon)
    {"stages"},  # each job as one plain function: what the CLI and the web both call
    {"serve"},  # the web editor
    {"commands"},  # the click commands
    {"cli"},  # the command group and its error boundary
]
"""From the bottom up; a name is a package of `kehoach/` or a top-level module."""

OWNERS = {"click": {"commands", "cli"}, "flask": {"serve"}, "werkzeug": {"serve"}}
"""Libraries only these layers may import: the stages stay free of the CLI and the web."""


@cache
def _modules() -> list[tuple[str, Path]]:
    """(dotted name, file) of every module of the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return found


@cache
def _imports(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import of the file, at any depth."""
    return list(_found_imports(module, path))


def _found_imports(module: str, path: Path) -> Iterator[tuple[int, str]]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the module's package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield node.lineno, base
            # `from kehoach import plan` imports the package kehoach.plan
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def _layer_of(module: str) -> str | None:
    """`kehoach.plan.model` → `plan`; `kehoach.cli` → `cli`; None for kehoach itself."""
    parts = module.split(".")
    return parts[1] if parts[0] == "kehoach" and len(parts) > 1 else None


def _edges() -> Iterator[tuple[str, int, str, str]]:
    """(file:line, importing layer, imported layer) between different layers."""
    for module, path in _modules():
        own = _layer_of(module)
        for line, name in _imports(module, path):
            if name.split(".")[0] != "kehoach":
                continue
            target = _layer_of(name)
            if own is not None and target is not None and target != own:
                where = f"{path.relative_to(ROOT)}:{line}"
                yield where, line, own, target


TIER = {name: tier for tier, names in enumerate(LAYERS) for name in names}


def test_every_package_has_its_layer() -> None:
    found = {_layer_of(module) for module, _ in _modules()} - {None}
    assert found - TIER.keys() == set(), "a package of kehoach/ missing from LAYERS"
    assert TIER.keys() - found == set(), "LAYERS names a package kehoach/ does not have"


def test_no_module_imports_a_layer_above_its_own_or_beside_it() -> None:
    wrong = sorted({
        f"{where}: {own} → {target}"
        + (" (cùng tầng)" if TIER[target] == TIER[own] else " (tầng trên)")
        for where, _line, own, target in _edges()
        if TIER[target] >= TIER[own]
    })
    assert wrong == []


def test_no_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for _where, _line, own, target in _edges():
        graph.setdefault(own, set()).add(target)
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            raise AssertionError("vòng nhập: " + " → ".join([*trail[trail.index(node):], node]))
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            visit(target, [*trail, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])


def test_click_only_in_the_command_line_flask_only_in_the_web() -> None:
    wrong = set()
    for module, path in _modules():
        own = _layer_of(module)
        for line, name in _imports(module, path):
            library = name.split(".")[0]
            if library in OWNERS and own not in OWNERS[library]:
                wrong.add(f"{path.relative_to(ROOT)}:{line}: {own} nhập {library}")
    assert sorted(wrong) == []


def test_the_check_sees_function_level_and_type_checking_imports(tmp_path: Path) -> None:
    """The parser itself: an import inside a function or under TYPE_CHECKING counts."""
    module = tmp_path / "probe.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from kehoach.plan.model import Plan\n"
        "def f():\n    from ..serve import app\n    import kehoach.cli\n",
        encoding="utf-8",
    )
    found = {name for _line, name in _imports("kehoach.rules.probe", module)}
    assert {"kehoach.plan.model", "kehoach.serve", "kehoach.cli"} <= found
