"""Where templates are found: the user's folder first, then the ones kehoach ships."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kehoach.errors import TemplateFailure

PLAN_TEMPLATE = "ke_hoach.docx"
"""The template of the Kế hoạch itself (the others are the report forms' and the summary's)."""


def _shipped() -> list[Path]:
    """In a wheel: `kehoach/templates/`; in a source checkout: the project's `templates/`."""
    inside = Path(str(resources.files("kehoach").joinpath("templates")))
    beside = Path(__file__).resolve().parents[2] / "templates"
    return [inside, beside]


def find_template(name: str, user_dir: Path | None = None) -> Path:
    """The template file `name`; the error says every folder that was searched. A user's
    folder that does not exist is a mistake to report, not a reason to fall back silently."""
    if user_dir is not None and not user_dir.is_dir():
        raise TemplateFailure(f"không có thư mục mẫu {user_dir} (--templates)")
    folders = ([user_dir] if user_dir else []) + _shipped()
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(f) for f in folders)
    raise TemplateFailure(f"không tìm thấy mẫu '{name}' (đã tìm trong: {searched})")
