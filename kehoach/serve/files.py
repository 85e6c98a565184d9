"""Names from the browser → files inside the plans folder, and uploads checked before use."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app
from werkzeug.datastructures import FileStorage

from kehoach.system.files import device

_ZIP = b"PK\x03\x04"
KINDS = {".docx": "DOCX", ".txt": "TXT", ".xlsx": "XLSX"}


def plans_dir() -> Path:
    return current_app.config["PLANS_DIR"]


def work_dir(*parts: str) -> Path:
    """A folder for what the server makes (previews, forms, summaries), never the plans."""
    folder = current_app.config["WORK_DIR"].joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def plan_path(name: str) -> Path:
    """The plan file `name` (relative, `.yaml`) inside the plans folder, or a 404."""
    root = plans_dir()
    if not name.endswith(".yaml") or name.startswith("/") or "\\" in name or "\0" in name:
        abort(404, f"không có kế hoạch '{name}'")
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        abort(404, f"không có kế hoạch '{name}' trong thư mục kế hoạch")
    return path


def name_of(path: Path) -> str:
    return path.resolve().relative_to(plans_dir()).as_posix()


def digest(raw: bytes) -> str:
    """What a page remembers of the file it showed, to refuse a save from a stale page."""
    return hashlib.sha256(raw).hexdigest()


def safe_stem(filename: str) -> str:
    """A file name stem of lowercase ASCII words joined by `_` (Vietnamese letters folded)."""
    stem = Path(filename.replace("\\", "/")).stem
    folded = unicodedata.normalize("NFD", stem.replace("đ", "d").replace("Đ", "D"))
    ascii_only = folded.encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_")[:60] or "tep"
    return f"{stem}_tep" if device(stem) else stem  # "Côn.docx": con.yaml is no file on Windows


@dataclass(frozen=True)
class Upload:
    """One uploaded file, checked: its original name, a safe stem, its kind and bytes."""

    filename: str
    stem: str
    suffix: str
    data: bytes


def check_upload(storage: FileStorage, allowed: tuple[str, ...]) -> Upload:
    """The upload, if it is one of `allowed` (`.docx`, `.txt`, `.xlsx`) and looks like it."""
    filename = unicodedata.normalize("NFC", storage.filename or "")
    suffix = Path(filename).suffix.lower()
    kinds = ", ".join(KINDS[s] for s in allowed)
    if suffix not in allowed:
        abort(400, f"'{filename}': chỉ nhận tệp {kinds}")
    data = storage.read()
    if suffix in (".docx", ".xlsx") and not data.startswith(_ZIP):
        abort(400, f"'{filename}': không phải tệp {KINDS[suffix]} thật (không đọc được)")
    if suffix == ".txt":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            abort(400, f"'{filename}': tệp chữ phải viết bằng mã UTF-8")
    return Upload(filename, safe_stem(filename), suffix, data)
