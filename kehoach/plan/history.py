"""The previous versions of a plan file, kept beside it so that no change is final: every
change the web editor saves, every plan `derive` redrafts or `--update` merges, and
every restore keeps the version it replaces.

They live in a hidden folder of the plan's folder, `.lich-su/<plan's name>/` (its file
name without `.yaml`), one file per version named `<number>_<time>_<what replaced
it>.yaml`, the bytes exactly as they were.
Only the last `LIMIT` are kept. Callers hold the folder's write lock (`system/lock`) while
they keep a version and write the new one, so the numbers follow the writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kehoach.safewrite import write_atomic

FOLDER = ".lich-su"
LIMIT = 50
ACTIONS = {
    "luu": "lưu",
    "them": "thêm một phần",
    "chuyen": "chuyển chỗ một phần",
    "xoa": "xóa một phần",
    "da_xem": "bỏ dấu xem lại",
    "khoi_phuc": "khôi phục một bản cũ",
    "soan_lai": "soạn lại từ kế hoạch cấp trên",
    "cap_nhat": "cập nhật theo kế hoạch cấp trên",
    "gia_tri": "điền giá trị chỉ tiêu từ bảng",
    "sua_loi": "sửa lỗi chữ tự động",
    "nhap": "nhập lại từ văn bản",
}
"""What replaced a version, as a sentence ends: "trước khi <…>"."""
_NAME = re.compile(r"^(\d{6})_(\d{8}-\d{6})_([a-z_]+)\.yaml$")


@dataclass(frozen=True)
class Version:
    """One kept version: its file, its number (1 is the oldest ever kept), when it was
    replaced and by what (a key of `ACTIONS`)."""

    path: Path
    number: int
    replaced: dt.datetime
    action: str

    @property
    def what(self) -> str:
        return ACTIONS.get(self.action, self.action)

    def read(self) -> bytes:
        return self.path.read_bytes()

    def digest(self) -> str:
        return hashlib.sha256(self.read()).hexdigest()


def folder_of(plan: Path) -> Path:
    return plan.parent / FOLDER / plan.stem


def versions(plan: Path) -> list[Version]:
    """The kept versions of `plan`, newest first."""
    folder = folder_of(plan)
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return []
    found = []
    for name in names:
        match = _NAME.match(name)
        if match:
            when = dt.datetime.strptime(match.group(2), "%Y%m%d-%H%M%S")
            found.append(Version(folder / name, int(match.group(1)), when, match.group(3)))
    return sorted(found, key=lambda v: v.number, reverse=True)


def find(plan: Path, number: int) -> Version | None:
    return next((v for v in versions(plan) if v.number == number), None)


def keep(plan: Path, raw: bytes, action: str) -> Version:
    """Keep `raw`, the content `plan` had before `action`, as its newest version; the
    oldest beyond `LIMIT` are removed. The caller holds the folder's write lock."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    kept = versions(plan)
    number = kept[0].number + 1 if kept else 1
    now = dt.datetime.now().replace(microsecond=0)
    target = folder_of(plan) / f"{number:06d}_{now:%Y%m%d-%H%M%S}_{action}.yaml"
    write_atomic(target, raw)
    for old in kept[LIMIT - 1:]:
        old.path.unlink(missing_ok=True)
    return Version(target, number, now, action)


@contextlib.contextmanager
def keeping(plans: list[Path], action: str) -> Iterator[None]:
    """Keep each of `plans` as it is now before a change that replaces them; if the change
    fails, the versions kept for it are taken back (nothing was replaced)."""
    kept = [keep(plan, plan.read_bytes(), action) for plan in plans if plan.is_file()]
    try:
        yield
    except BaseException:
        for version in kept:
            version.path.unlink(missing_ok=True)
            for folder in (version.path.parent, version.path.parent.parent):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when empty
        raise


def restore(plan: Path, version: Version, expected: bytes) -> None:
    """Put `version` back as the plan, if the plan is still `expected` (the content the
    page showed); the content it replaces is kept as a version of its own."""
    from kehoach.errors import KehoachError, Problem
    from kehoach.system.lock import folder_lock

    with folder_lock(plan.parent):
        now = plan.read_bytes()
        if now != expected:
            raise KehoachError([Problem(str(plan), "tệp đã được lưu ở nơi khác từ khi trang này "
                                        "mở; chưa khôi phục gì, hãy xem lại lịch sử rồi làm lại")])
        old = version.read()
        keep(plan, now, "khoi_phuc")
        write_atomic(plan, old)
