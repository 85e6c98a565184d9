"""`import`: an existing plan (DOCX or UTF-8 text) into plan YAML, with a `XEM LẠI` mark at
every place the clerk must check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kehoach.errors import KehoachError
from kehoach.stages.inputs import existing_file, named_as, readable_document
from kehoach.stages.outcome import Outcome


@dataclass(kw_only=True)
class Imported(Outcome):
    """What was recognised, and each reason to review with how many places it marks
    (most frequent first); `review` is their total."""

    found: list[str] = field(default_factory=list)
    reasons: list[tuple[str, int]] = field(default_factory=list)


def import_plan(source: Path, target: Path | None = None, *, force: bool = False) -> Imported:
    """The plan YAML of `source`, written to `target` (default `plans/<name>.yaml`), never
    over a file there unless `force`; what is written loads back as a plan."""
    from collections import Counter

    from kehoach.importer.parse import parse
    from kehoach.importer.sources import read_source
    from kehoach.plan import history, yamlwrite
    from kehoach.plan.loader import plan_from_source
    from kehoach.safewrite import write_atomic
    from kehoach.source import yamlsource
    from kehoach.system.lock import folder_lock

    imported = parse(read_source(readable_document(existing_file(source))), source)
    target = named_as(target or Path("plans") / f"{source.stem}.yaml", (".yaml", ".yml"),
                      "kế hoạch YAML", (source,))
    refused = f"đã có {target}; không ghi đè (dùng --force hoặc -o TỆP khác)"
    if target.exists() and not force:  # said at once, and checked again under the lock
        raise KehoachError(refused)
    comments = {key: [f"XEM LẠI: {r}" for r in reasons] for key, reasons in imported.review.items()}
    text = yamlwrite.dump(
        imported.data,
        comments,
        [
            f"Nhập từ {source.name} bằng `kehoach import`; câu chữ giữ nguyên như bản gốc.",
            f"Còn {sum(len(r) for r in imported.review.values())} chỗ cần xem lại: tìm 'XEM LẠI'.",
            "",
        ],
    )
    plan_from_source(yamlsource.load(text, str(target)))  # what is written must load back
    with folder_lock(target.parent):  # no other writer between the check and the write
        if target.exists() and not force:
            raise KehoachError(refused)
        with history.keeping([target], "nhap"):  # a plan written over (--force) is kept
            write_atomic(target, text.encode("utf-8"), inputs=[source])
    reasons = Counter(r for rs in imported.review.values() for r in rs)
    return Imported(written=[target], found=list(imported.found),
                    reasons=reasons.most_common(), review=reasons.total())
