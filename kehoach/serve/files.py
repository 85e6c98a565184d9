"""Names from the browser → files inside the plans folder, the folder's entries as the
list shows them (links and unreadable files said as such, never followed outside the
folder), and uploads checked before use."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from flask import abort, current_app, request
from werkzeug.datastructures import FileStorage

from kehoach.system.files import device

_ZIP = b"PK\x03\x04"
KINDS = {".docx": "DOCX", ".txt": "TXT", ".xlsx": "XLSX"}


def plans_dir() -> Path:
    root: Path = current_app.config["PLANS_DIR"]
    return root


def work_dir(*parts: str) -> Path:
    """A folder for what the server keeps for itself (previews, the versions pages
    showed), never the plans nor what a clerk asked to be made."""
    folder: Path = current_app.config["WORK_DIR"].joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, links resolved, is `root` or under it."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def plan_path(name: str) -> Path:
    """The plan file `name` (relative, `.yaml`) inside the plans folder, or a 404."""
    root = plans_dir()
    if not name.endswith(".yaml") or name.startswith("/") or "\\" in name or "\0" in name:
        abort(404, f"không có kế hoạch '{name}'")
    path = root / name
    if not inside(path, root) or any(p.startswith(".") for p in Path(name).parts):
        abort(404, f"không có kế hoạch '{name}' trong thư mục kế hoạch")
    if not path.resolve().is_file():
        abort(404, f"không có kế hoạch '{name}' trong thư mục kế hoạch")
    return path.resolve()


def name_of(path: Path) -> str:
    return path.resolve().relative_to(plans_dir()).as_posix()


@dataclass(frozen=True)
class Found:
    """One `.yaml` entry of the plans folder: `problem` says why it is not opened (a
    link that leads outside the folder or nowhere, a file that cannot be read)."""

    name: str
    path: Path
    problem: str = ""


def plan_entries(root: Path) -> list[Found]:
    """Every `*.yaml` under `root`, hidden ones left out (history, drafts' bases), in name
    order. A link is followed only when it leads to a file inside the folder; links to
    folders are never walked (a shortcut to a USB stick, a loop)."""
    found: list[Found] = []

    def visit(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            if prefix:
                found.append(Found(prefix, folder, "thư mục không đọc được"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = f"{prefix}{entry.name}"
            path = Path(entry.path)
            try:
                link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                visit(path, name + "/")
            elif entry.name.endswith(".yaml"):
                found.append(Found(name, path, _problem(path, root, link)))

    visit(root, "")
    return found


def _problem(path: Path, root: Path, link: bool) -> str:
    if link:
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "lối tắt hỏng: nơi nó chỉ tới không còn (ổ USB đã rút, tệp đã xóa)"
        if not target.is_relative_to(root):
            return "lối tắt tới một tệp ngoài thư mục kế hoạch: không mở"
        if not target.is_file():
            return "lối tắt không chỉ tới một tệp"
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            return "không phải một tệp thường"
        with open(path, "rb"):
            pass
    except OSError:
        return "không đọc được tệp (không có quyền đọc?)"
    return ""


def digest(raw: bytes) -> str:
    """What a page remembers of the file it showed, to refuse a save from a stale page."""
    return hashlib.sha256(raw).hexdigest()


def remember(raw: bytes) -> None:
    """Keep the version a page shows, so that a refused save from it can tell what the
    clerk changed (kept by content: the same version once, however often shown)."""
    target = work_dir("shown") / f"{digest(raw)}.yaml"
    if not target.exists():
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(raw)
        os.replace(tmp, target)


def recall(sha: str) -> bytes | None:
    if not re.fullmatch(r"[0-9a-f]{64}", sha):
        return None
    try:
        return (work_dir("shown") / f"{sha}.yaml").read_bytes()
    except OSError:
        return None


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
    """The upload, if it is one of `allowed` (`.docx`, `.txt`, `.xlsx`) and looks like it;
    what is inside a DOCX or XLSX is checked (sizes, parts, paragraphs) before anything
    parses it (`kehoach.forms.archive`)."""
    import io

    from kehoach.document.wordxml import MAX_PARAGRAPHS
    from kehoach.forms import archive
    from kehoach.vn.numbers import number as vn_number

    filename = unicodedata.normalize("NFC", storage.filename or "")
    suffix = Path(filename).suffix.lower()
    kinds = ", ".join(KINDS[s] for s in allowed)
    if suffix not in allowed:
        abort(400, f"'{filename}': chỉ nhận tệp {kinds}")
    data = storage.read()
    if suffix in (".docx", ".xlsx") and not data.startswith(_ZIP):
        abort(400, f"'{filename}': không phải tệp {KINDS[suffix]} thật (không đọc được)")
    if suffix in (".docx", ".xlsx"):
        refused = archive.problem(io.BytesIO(data), archive.LIMITS[suffix])
        if refused:
            abort(400, f"'{filename}': {refused}")
    if suffix == ".txt":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            abort(400, f"'{filename}': tệp chữ phải viết bằng mã UTF-8")
        lines = text.count("\n") + 1
        if lines > MAX_PARAGRAPHS:
            counted, most = (vn_number(n) for n in (lines, MAX_PARAGRAPHS))
            abort(400, f"'{filename}': {counted} dòng, quá giới hạn {most} dòng của một kế hoạch")
    return Upload(filename, safe_stem(filename), suffix, data)


def keep_uploads(uploads: list[Upload], inbox: Path) -> dict[str, str]:
    """Each upload written into `inbox` under its safe stem (a second one of the same stem
    numbered): where it is kept → the name the clerk gave it, to say problems by it."""
    inbox.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for i, upload in enumerate(uploads):
        target = inbox / f"{upload.stem}{upload.suffix}"
        if str(target) in names:
            target = inbox / f"{upload.stem}_{i}{upload.suffix}"
        target.write_bytes(upload.data)
        names[str(target)] = upload.filename
    return names


def form_year() -> int | None:
    """The report year typed on a page (`nam`), None when left empty; a 400 otherwise."""
    year = request.form.get("nam", "").strip()
    if year and not year.isdecimal():
        abort(400, "năm báo cáo phải là số")
    return int(year) if year else None
