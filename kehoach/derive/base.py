"""The base `derive --update` merges from, and why it can be trusted.

The base is the unit's draft exactly as derive wrote it, kept beside the unit's plan as a
hidden file (`.hoa-an.goc.yaml`). Its first line names what it is: the unit, the upper
plan it was drafted from (id, number, date), the version of that plan (a fingerprint of
its content) and a check of the base's own text. Before a merge trusts it, all of that is
verified against the upper plan given, the unit asked for and the unit's plan; a base
that is missing, edited, of another unit or of another plan is refused with that cause
(and the merge that needs no base, which marks every difference for review, offered)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from kehoach.errors import KehoachError, Problem
from kehoach.plan.loader import plan_from_source
from kehoach.plan.model import Plan
from kehoach.source import yamlsource

_STAMP = re.compile(
    r"# kehoach-goc: don_vi=(?P<unit>[^;]*); ke_hoach=(?P<plan>[^;]*); "
    r"phien_ban=(?P<version>[0-9a-f]+); kiem_tra=(?P<check>[0-9a-f]+)"
)
WAY_ON = (
    "; để cập nhật mà không mất chỗ nào xã đã sửa, chạy lại với --update --no-base: kế hoạch "
    "của xã được giữ, mọi chỗ khác bản soạn mới từ kế hoạch cấp trên được đánh dấu XEM LẠI"
)


def base_path(plan_path: Path) -> Path:
    """Where the base is kept: a dot-file beside the unit's plan, which `build` skips and
    editors hide."""
    return plan_path.with_name(f".{plan_path.stem}.goc.yaml")


def version(parent: Plan) -> str:
    """The upper plan's version: a fingerprint of what it says (not of its file's layout,
    nor of the fields it leaves at their defaults)."""
    written = parent.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    content = json.dumps(written, ensure_ascii=False, sort_keys=True)  # a field kehoach adds
    # later, left at its default, is no new version
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def _check(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stamped(draft: str, parent: Plan, unit: str) -> str:
    """The base file's text: the stamp, a line saying what the file is for, the draft."""
    body = (
        f"# Bản soạn đầu tiên của {unit} từ kế hoạch {parent.id}, để `kehoach derive "
        "--update` gộp; đừng sửa tệp này.\n" + draft
    )
    stamp = (
        f"# kehoach-goc: don_vi={unit}; ke_hoach={parent.id}; phien_ban={version(parent)}; "
        f"kiem_tra={_check(body)}\n"
    )
    return stamp + body


def _parts(text: str) -> tuple[re.Match | None, str]:
    """The stamp (None for a base written before bases were stamped) and what follows."""
    first, _, body = text.partition("\n")
    found = _STAMP.fullmatch(first)
    return (found, body) if found else (None, text)


def draft_of(base_text: str) -> str:
    """The draft a base holds, without its stamp and the line saying what it is for."""
    found, body = _parts(base_text)
    return body.partition("\n")[2] if found else body


def read_base(plan_path: Path, parent: Plan, unit: str, ours: Plan) -> Plan:
    """The unit's base, verified: of this unit, drafted from this upper plan, as derive
    wrote it, and the draft the unit's plan started from; else the cause, in Vietnamese."""
    path = base_path(plan_path)
    if path.exists() and not path.is_file():
        raise _refused(plan_path, f"bản gốc {path.name} là một thư mục, không phải tệp")
    if not path.is_file():
        raise _refused(plan_path, (
            f"không có bản gốc {path.name} (tệp ẩn derive ghi cạnh kế hoạch của xã khi soạn, "
            "để biết xã đã sửa gì): có thể tệp đã bị xóa, không được chép theo khi chép thư "
            "mục, hoặc kế hoạch được soạn bằng kehoach cũ chưa lưu bản gốc"
        ))
    try:
        text = yamlsource.read_text(path)
    except KehoachError as error:
        causes = "; ".join(p.message for p in error.problems)
        raise _refused(plan_path, f"bản gốc {path.name} không đọc được ({causes})") from None
    found, body = _parts(text)
    if found is None:
        cause = _legacy(text, path, parent, unit)
    else:
        cause = _stamp_cause(found, body, path, parent, unit)
    base = None
    if cause is None:
        try:
            base = plan_from_source(yamlsource.load(draft_of(text), str(path)))
        except KehoachError:
            cause = f"bản gốc {path.name} không còn là kế hoạch đọc được"
    if cause is None and base is not None:
        cause = _ours_cause(base, ours, parent, unit, path)
    if cause is not None or base is None:
        raise _refused(plan_path, cause or "")
    return base


def _refused(plan_path: Path, cause: str) -> KehoachError:
    return KehoachError([Problem(str(plan_path), f"không cập nhật được: {cause}{WAY_ON}")])


def _stamp_cause(found: re.Match, body: str, path: Path, parent: Plan, unit: str) -> str | None:
    if found["check"] != _check(body):
        return (
            f"bản gốc {path.name} đã bị sửa sau khi derive ghi (không còn đúng bản soạn đầu "
            "tiên), nên không biết được xã đã sửa gì"
        )
    if found["unit"] != unit:
        return f"bản gốc {path.name} là của đơn vị '{found['unit']}', không phải của '{unit}'"
    if found["plan"] != parent.id:
        return (
            f"bản gốc {path.name} được soạn từ kế hoạch '{found['plan']}', không phải từ kế "
            f"hoạch '{parent.id}' đang dùng để cập nhật"
        )
    return None


def _legacy(text: str, path: Path, parent: Plan, unit: str) -> str | None:
    """A base written before bases were stamped: only what it says of itself is checked."""
    try:
        base = plan_from_source(yamlsource.load(text, str(path)))
    except KehoachError:
        return f"bản gốc {path.name} không phải kế hoạch đọc được"
    if base.don_vi != unit:
        return f"bản gốc {path.name} là của đơn vị '{base.don_vi}', không phải của '{unit}'"
    if base.goc is None or base.goc.id != parent.id:
        origin = base.goc.id if base.goc else "(không ghi)"
        return (
            f"bản gốc {path.name} được soạn từ kế hoạch '{origin}', không phải từ kế hoạch "
            f"'{parent.id}' đang dùng để cập nhật"
        )
    return None


def _ours_cause(base: Plan, ours: Plan, parent: Plan, unit: str, path: Path) -> str | None:
    """The unit's plan must be of this unit and start from the base's draft."""
    if ours.don_vi not in (None, unit):
        return f"kế hoạch này là của đơn vị '{ours.don_vi}', không phải của '{unit}'"
    if ours.goc is not None and ours.goc.id != parent.id:
        return (
            f"kế hoạch của xã được soạn từ kế hoạch '{ours.goc.id}', không phải từ kế hoạch "
            f"'{parent.id}' đang dùng để cập nhật"
        )
    if ours.goc is not None and base.goc is not None and ours.goc != base.goc:
        return (
            f"bản gốc {path.name} được soạn từ kế hoạch cấp trên {_named(base)}, còn kế hoạch "
            f"của xã ghi {_named(ours)}: bản gốc không phải bản mà kế hoạch này soạn từ (có "
            "thể kế hoạch đã được chép lại từ một bản cũ)"
        )
    return None


def _named(plan: Plan) -> str:
    goc = plan.goc
    if goc is None:
        return "(không ghi)"
    number = f"số {goc.so}-{goc.ky_hieu}" if goc.so else f"chưa có số ({goc.ky_hieu})"
    day = goc.ngay
    if isinstance(day, int):
        return f"{number}, năm {day}"
    return f"{number}, ngày {day.day:02d}/{day.month:02d}/{day.year}"
