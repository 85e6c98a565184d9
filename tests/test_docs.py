"""The docs stay true: the generated reference matches the code and data, the README stays a
front page whose test command is the one CI runs, and no link points at nothing."""

from __future__ import annotations

import importlib.util
import re
import unicodedata

from conftest import ROOT

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def _generator():
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_reference_is_up_to_date():
    stale = [
        str(path.relative_to(ROOT))
        for path, text in _generator().pages().items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "chạy python docs/gen_reference.py"


def test_the_reference_names_every_plan_key_and_every_profile():
    from kehoach.plan.model import Plan
    from kehoach.rules.source import profile_names

    plan_page = (DOCS / "tham-chieu" / "ke-hoach.md").read_text(encoding="utf-8")
    for key in Plan.model_fields:
        assert f"| `{key}` |" in plan_page, key
    profiles = (DOCS / "tham-chieu" / "ho-so.md").read_text(encoding="utf-8")
    for name in profile_names():
        assert f"| `{name}` |" in profiles, name
    assert "| `le_trai_mm` | `30` |" in profiles


def test_the_readme_is_a_front_page_with_the_command_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 15_000
    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block[0].startswith("pip install -e '.[test]' && kehoach build")
    test_command = first_block[1].split("#", 1)[0].strip()
    assert test_command == "python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def _anchors(text: str) -> set[str]:
    """Ids a page offers: explicit ones, and its headings as GitHub and mkdocs spell them."""
    found = set(re.findall(r'id="([^"]+)"', text))
    for heading in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE):
        words = re.sub(r"[^\w\- ]", "", heading.lower().replace("`", ""))
        found.add(words.replace(" ", "-"))
        ascii_ = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
        found.add(re.sub(r"[\s-]+", "-", ascii_).strip("-"))
    return found


def test_every_link_of_the_readme_and_docs_leads_somewhere():
    broken = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in _LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = (page.parent / file).resolve() if file else page
            if not path.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif anchor and path.suffix == ".md" and anchor not in _anchors(
                path.read_text(encoding="utf-8")
            ):
                broken.append(f"{page.relative_to(ROOT)}: {target} (không có mục này)")
    assert broken == []


GUIDES = {"build": "build", "render": "build", "validate": "build", "schema": "build",
          "derive": "derive", "forms": "forms", "aggregate": "forms", "check": "check",
          "compare": "compare", "serve": "serve", "import": "import", "report": "report"}
"""Each command's page of the user guide (docs/huong-dan/)."""


def test_every_option_of_every_command_is_in_the_readme_and_its_guide():
    """The review found forms --units, aggregate --units and --templates, derive and compare
    --templates in --help only."""
    import click

    from kehoach.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `kehoach ")]
    missing = []
    with click.Context(main) as ctx:
        for name in main.list_commands(ctx):
            command = main.get_command(ctx, name)
            assert command is not None
            row = " ".join(r for r in rows if r.startswith(f"| `kehoach {name} "))
            guide = (DOCS / "huong-dan" / f"{GUIDES[name]}.md").read_text(encoding="utf-8")
            for param in command.params:
                flags = [f for f in getattr(param, "opts", []) if f.startswith("-")]
                if not flags or "--help" in flags:
                    continue
                said = re.compile("|".join(rf"(?<![\w-]){re.escape(f)}(?![\w-])" for f in flags))
                missing += [f"README {name} {flags[-1]}"] if not said.search(row) else []
                if not said.search(guide):
                    missing.append(f"{GUIDES[name]}.md {name} {flags[-1]}")
    assert missing == []
