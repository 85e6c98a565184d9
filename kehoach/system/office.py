"""Where LibreOffice is: the `KEHOACH_SOFFICE` setting, else the command on PATH, else
the places its installers use. The Windows and macOS installers do not put it on PATH.
Every place is tried on every system: only those that exist here can match.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from kehoach.errors import ConversionError

SETTING = "KEHOACH_SOFFICE"
_NAMES = ("soffice", "libreoffice")
_IN_FOLDER = ("soffice.com", "soffice.exe", "soffice")  # .com: the console launcher


def soffice() -> str | None:
    """LibreOffice's command, if there is one; a setting that points nowhere is an
    error, not a silent fall back on another LibreOffice."""
    setting = os.environ.get(SETTING, "").strip().strip('"')
    if setting:
        found = _in(Path(setting))
        if found is None:
            raise ConversionError(
                f"biến môi trường {SETTING} chỉ tới '{setting}', nơi không có LibreOffice "
                "(soffice); sửa lại đường dẫn hoặc bỏ biến này")
        return found
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in default_places() if p.is_file()), None)


def _in(path: Path) -> str | None:
    """`path` itself, or LibreOffice's command inside it (its folder or its program/)."""
    if path.is_file():
        return str(path)
    for folder in (path, path / "program"):
        for name in _IN_FOLDER:
            if (folder / name).is_file():
                return str(folder / name)
    return None


def default_places() -> list[Path]:
    """Where LibreOffice's own installers put it: Windows (Program Files, 64- and 32-bit),
    macOS (the system's and the user's Applications), Linux (the distributions' package,
    The Document Foundation's packages in /opt, newest first)."""
    places = []
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        base = os.environ.get(variable)
        if base:
            places += [Path(base, "LibreOffice", "program", name) for name in _IN_FOLDER[:2]]
    app = Path("LibreOffice.app", "Contents", "MacOS", "soffice")
    places += [Path("/Applications") / app, Path(os.path.expanduser("~")) / "Applications" / app]
    places.append(Path("/usr/lib/libreoffice/program/soffice"))
    places += sorted(Path("/opt").glob("libreoffice*/program/soffice"), key=_version, reverse=True)
    return places


def _version(path: Path) -> tuple[int, ...]:
    """/opt/libreoffice24.2 → (24, 2): 24.2 is newer than 7.6."""
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.parent.name))


def office_binary(program: str) -> str:
    """LibreOffice's own process rather than its launcher, so that ending the process one
    started ends LibreOffice: `soffice.bin` beside `soffice` or `soffice.exe` (Linux,
    Windows: the launcher starts it and waits), else the program itself (macOS, where
    Contents/MacOS/soffice is the binary)."""
    binary = Path(program).resolve().with_name("soffice.bin")
    return str(binary) if binary.is_file() else program


def pythons(program: str) -> list[str]:
    """Pythons that may load LibreOffice's `uno` module: LibreOffice's own where it has
    one (the one its Windows installer puts in program/, python.exe; macOS'
    Contents/Resources/python; an /opt install's program/python), else the system's
    (Debian's python3 with the python3-uno package), then one on PATH. The system's are
    not tried beside LibreOffice's own: macOS' /usr/bin/python3 may offer to install
    Apple's developer tools."""
    folder = Path(program).resolve().parent
    bundled = [folder / "python.exe", folder / "python", folder.parent / "Resources" / "python"]
    found = [str(p) for p in bundled if p.is_file()]
    if not found:
        system = ("/usr/bin/python3", shutil.which("python3"))
        found = [p for p in system if p and Path(p).is_file()]
    return list(dict.fromkeys(found))
