"""Pins every output of every command on the repository's plans, so a refactoring that
changes no behaviour is proved to change no byte that matters.

Each output has its pin under `tests/pins/<command>/<file>.txt`, in words a reviewer reads
(tests/pin_text.py): a document paragraph by paragraph, a workbook cell by cell, YAML as
written, then the digest of every zip part; each command's exit code and messages are in
`tests/pins/runs/<command>.txt`. A change that means to alter an output regenerates them with
`KEHOACH_UPDATE_PINS=1 python -m pytest tests/test_pins.py` and says in its commit what changed
and why; the diff of the pins shows it line by line.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
from pathlib import Path

from builders import fill_form
from click.testing import CliRunner
from conftest import PLAN, ROOT, SEED
from pin_text import pin_text

from kehoach.cli import main

PINS = Path(__file__).parent / "pins"
UPDATE = os.environ.get("KEHOACH_UPDATE_PINS") == "1"
OUTPUTS = {".docx", ".xlsx", ".yaml", ".txt"}


def _run(args: list[str], work: Path) -> str:
    """A command's exit code and messages, with the machine's paths replaced by names."""
    result = CliRunner().invoke(main, args)
    output = result.output.replace(str(work), "<tmp>").replace(str(SEED.parent), "<seed>")
    output = output.replace(str(ROOT), "<root>")
    return f"exit {result.exit_code}\n{output}"


def _reports(work: Path, filled: list[str]) -> dict[str, str]:
    """`report`: the district's on its communes' forms; a commune's (its drafted plan, its
    own form); the city's on two communes' forms."""
    runs = {"report": _run(["report", str(PLAN), *filled, "-o", "report",
                            "--ky", "sơ kết 5 năm"], work)}
    commune = work / "derive" / "hoa-an.yaml"
    _run(["forms", str(commune), "-o", "report_forms", "--nam", "2028"], work)
    own = fill_form(work / "report_forms" / "hoa-an_bieu_chi_tieu.xlsx",
                    work / "filled" / "hoa_an_xa.xlsx", None,
                    {"ct-bhyt": 96, "ct-lao-dong-qua-dao-tao": 78, "ct-bhxh": "47,5"},
                    {"ct-dich-benh": "Đạt"}, {"ct-bhyt": "số liệu BHXH huyện"})
    runs["report_commune"] = _run(["report", str(commune), str(own.relative_to(work)),
                                   "-o", "report", "--ky", "sơ kết 5 năm"], work)
    city = ROOT / "plans" / "can_tho_42.yaml"
    _run(["forms", str(city), "-o", "report_forms", "--nam", "2027"], work)
    blank = work / "report_forms" / "can_tho_42_bieu_chi_tieu.xlsx"
    communes = [
        fill_form(blank, work / "filled" / "hoa_an_2027.xlsx", "Hòa An",
                  {"ct-lao-dong-qua-dao-tao": 78, "ct-bhyt": 96, "ct-suy-dinh-duong": 12}),
        fill_form(blank, work / "filled" / "tan_binh_2027.xlsx", "Tân Bình",
                  {"ct-lao-dong-qua-dao-tao": 70, "ct-bhyt": 93, "ct-suy-dinh-duong": 16}),
    ]
    runs["report_city"] = _run(["report", str(city), *[str(p.relative_to(work)) for p in communes],
                                "-o", "report", "--ky", "sơ kết 2 năm"], work)
    return runs


def _tracked_plans(work: Path, root: Path = ROOT) -> Path:
    """A copy of the files git tracks in plans/: what a developer derives or imports into
    plans/ while following the guide (plans/<plan>/, plans/du_thao.yaml) is no pinned output.
    Without git (an unpacked archive), the plans at the top of plans/."""
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "plans"],
                                capture_output=True, check=True).stdout.decode("utf-8")
        tracked = [root / name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        tracked = sorted((root / "plans").glob("*.yaml"))
    copy = work / "plans"
    for source in tracked:
        target = copy / source.relative_to(root / "plans")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return copy


def _everything(work: Path) -> dict[str, str]:
    """Run each command once on the repository's plans: every pin by its path in pins/."""
    runs: dict[str, str] = {}
    runs["render"] = _run(["render", str(PLAN), "-o", str(work / "render")], work)
    runs["build"] = _run(["build", str(_tracked_plans(work)), "-o", str(work / "build")], work)
    runs["derive"] = _run(["derive", str(PLAN), "--all", "-o", str(work / "derive")], work)
    runs["explain"] = _run(["derive", str(PLAN), "--unit", "hoa-an", "--explain",
                            "-o", str(work / "explain")], work)
    runs["forms"] = _run(["forms", str(PLAN), "-o", str(work / "forms"), "--ky",
                          "sơ kết 5 năm", "--nam", "2028"], work)
    blank = work / "forms" / f"{PLAN.stem}_bieu_chi_tieu.xlsx"
    (work / "filled").mkdir()
    filled = [
        fill_form(blank, work / "filled" / "hoa_an.xlsx", "Hòa An",
                  {"ct-bhyt": 97, "ct-suy-dinh-duong": 10, "ct-lao-dong-qua-dao-tao": 85},
                  {"ct-muc-song-toi-thieu": "Đạt"}),
        fill_form(blank, work / "filled" / "tan_long.xlsx", "Tân Long",
                  {"ct-bhyt": 90, "ct-suy-dinh-duong": "18", "ct-tiem-chung": 120},
                  {"ct-muc-song-toi-thieu": "Không đạt"}),
    ]
    # relative names: the summary lists the files it read
    relative = [str(path.relative_to(work)) for path in filled]
    runs["aggregate"] = _run(["aggregate", str(PLAN), *relative, "-o", "aggregate"], work)
    runs.update(_reports(work, relative))
    runs["import"] = _run(["import", str(SEED), "-o", str(work / "import" / "seed.yaml")], work)
    runs["check_seed"] = _run(["check", str(SEED)], work)
    runs["check_json"] = _run(["check", str(SEED), "--format", "json"], work)
    runs["check_docx"] = _run(["check", str(work / "render" / f"{PLAN.stem}.docx")], work)
    runs["check_yaml"] = _run(["check", str(PLAN)], work)
    runs["validate"] = _run(["validate", str(PLAN)], work)
    folders = ("render", "build", "derive", "explain", "forms", "aggregate", "import", "report")
    pins = {f"runs/{name}.txt": text for name, text in runs.items()}
    for name in folders:
        for path in sorted((work / name).rglob("*")):
            if path.is_file() and path.suffix in OUTPUTS:
                pins[f"{name}/{path.relative_to(work / name).as_posix()}.txt"] = pin_text(path)
    return pins


def _stored() -> dict[str, str]:
    return {path.relative_to(PINS).as_posix(): path.read_bytes().decode("utf-8")
            for path in sorted(PINS.rglob("*")) if path.is_file()}


def _write(pins: dict[str, str]) -> None:
    """The pins as `pins` says, and no other file under tests/pins/."""
    for name in set(_stored()) - set(pins):
        (PINS / name).unlink()
    for name, text in pins.items():
        target = PINS / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def _differences(got: dict[str, str], pinned: dict[str, str]) -> list[str]:
    """Each pin that differs, as a short unified diff a failure shows."""
    found = [f"nay có thêm {name}" for name in sorted(set(got) - set(pinned))]
    found += [f"nay không còn {name}" for name in sorted(set(pinned) - set(got))]
    for name in sorted(set(got) & set(pinned)):
        if got[name] != pinned[name]:
            diff = difflib.unified_diff(pinned[name].splitlines(), got[name].splitlines(),
                                        f"pins/{name}", "nay", n=1, lineterm="")
            found.append("\n".join(list(diff)[:30]))
    return found


def test_every_command_gives_the_pinned_outputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got = _everything(tmp_path)
    if UPDATE:
        _write(got)
    differences = _differences(got, _stored())
    assert not differences, (
        "\n\n".join(differences[:8])
        + "\n\nthay đổi cố ý: KEHOACH_UPDATE_PINS=1 python -m pytest tests/test_pins.py")


def test_the_pins_build_only_the_plans_git_tracks(tmp_path):
    """The review's finding 29: following the guide in the clone (`derive … --all` writes
    plans/<plan>/, `import … -o plans/du_thao.yaml`) made this test fail."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(PLAN, repo / "plans" / PLAN.name)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "plans"], check=True)
    (repo / "plans" / "du_thao.yaml").write_text("van_ban: {}\n", encoding="utf-8")
    (repo / "plans" / PLAN.stem).mkdir()
    (repo / "plans" / PLAN.stem / "hoa-an.yaml").write_text("id: hoa-an\n", encoding="utf-8")
    copy = _tracked_plans(tmp_path / "work", repo)
    assert sorted(p.name for p in copy.rglob("*")) == [PLAN.name]
