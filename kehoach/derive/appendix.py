"""The phụ lục of a unit's plan: its own or none, never the upper plan's. An indicator table
keeps the rows that are the unit's (as the body's targets are judged: an upper aggregate or
a count the upper level totals is left out, a row counting the units becomes the unit's
share, a rate keeps the upper milestones as the unit's own targets, noted), under the
caption the unit's own header gives, without the upper table's other columns (the province's
bodies following each row up). An assignment table (`Cơ quan chủ trì`, `Cơ quan phối hợp`)
keeps the rows that give the commune level a task, as the unit's; any other table, and the
phụ lục's own paragraphs and tables (a form, notes: `doan`), are the upper level's and stay
out, noted."""

from __future__ import annotations

import re

from kehoach.derive.assignments import body_columns, own_level
from kehoach.derive.changes import Record
from kehoach.derive.scope import Verdict
from kehoach.derive.target import Target
from kehoach.plan.appendix import Appendix, Milestones
from kehoach.plan.blocks import Table, TableRow
from kehoach.plan.model import Plan
from kehoach.rules.scope import fill

RULE = "phu-luc"
OTHER_TABLE = (
    "phụ lục “{name}” của kế hoạch cấp trên là bảng của {tren} (cơ quan, việc của {tren}), "
    "không đưa vào bản của {dv}: lập phụ lục riêng của {dv} nếu cần"
)
UPPER_CELL = (
    "các ô còn nói về {tren} hoặc cả cấp xã: {cells}: giữ ô nói việc {tren} làm mà {dv} phối "
    "hợp, sửa thành của {dv} ô nói việc của {dv}"
)
OWN_TEXT = (
    "phụ lục “{name}” của kế hoạch cấp trên có đoạn văn, mẫu của {tren}: không đưa vào bản "
    "của {dv}; lập phụ lục riêng của {dv} nếu cần"
)


def appendices(parent: Plan, target: Target, record: Record, anchor: str) -> list[Appendix]:
    """The unit's appendices; notes on what was left out go on the appendix kept, else on
    `anchor` (an element of the body)."""
    kept: list[Appendix] = []
    words = {"tren": target.upper.tu_dia_ban, "dv": str(target.fields["dv"])}
    for appendix in parent.phu_luc:
        name = appendix.ten or appendix.tieu_de or "PHỤ LỤC"
        groups = []
        for group in appendix.chi_tieu:
            mine = (_row(row, appendix.id, target, record) for row in group.chi_tieu)
            rows = [row for row in mine if row is not None]
            if rows:
                groups.append(group.model_copy(update={"chi_tieu": rows}))
        table, tasks = _assignments(appendix.bang, target) if appendix.bang else (None, 0)
        if appendix.bang is not None and table is None:
            record.flag(anchor, OTHER_TABLE.format(name=name, **words))
            record.change(appendix.id, name, "", RULE)
        elif table is not None:
            rule = target.scope.scope.bang_phan_cong.giu
            record.flag(appendix.id, fill(rule, {**words, "name": name, "so": str(tasks)}))
            record.change(appendix.id, name, f"{name} ({tasks} dòng)", RULE)
            cells = _upper_words(table, target)
            if cells:
                quoted = "; ".join(f"“{c}”" for c in dict.fromkeys(cells))
                record.flag(appendix.id, UPPER_CELL.format(cells=quoted, **words))
        if appendix.doan:
            record.flag(anchor, OWN_TEXT.format(name=name, **words))
            record.change(f"{appendix.id}.doan", name, "", RULE)
        if not groups and table is None:
            if appendix.chi_tieu:
                record.change(appendix.id, name, "", RULE)
            continue
        # the caption comes from the unit's own header (`chu_thich` left to the renderer)
        own = {"chi_tieu": groups, "bang": table, "doan": [], "chu_thich": None}
        kept.append(appendix.model_copy(update=own))
        if appendix.chu_thich:
            record.change(f"{appendix.id}.chu_thich", appendix.chu_thich, "", RULE)
    return kept


def _assignments(table: Table, target: Target) -> tuple[Table | None, int]:
    """The rows of an upper assignment table (`Cơ quan chủ trì`, `Cơ quan phối hợp` …) whose
    body columns name the commune level, leading or joining, that level's name made the
    unit's own, each under its group's heading row (`II | Quản lý đất đai | | |`), and how
    many tasks they are; None when the table has no body column or no such row."""
    reader = target.scope
    bodies = body_columns(reader, table)
    rows: list[TableRow] = []
    heading: TableRow | None = None
    tasks = 0
    for row in table.dong:
        cells = row.o
        named = [k for k in bodies if k < len(cells) and cells[k].strip()]
        if not named:
            heading = row  # a group's heading row: kept before the group's first row kept
            continue
        if any(own_level(reader, cells[k]) != cells[k] for k in named):
            rows += [heading] if heading is not None else []
            heading = None
            tasks += 1
            rows.append(row.model_copy(update={
                "o": [own_level(reader, c, k in bodies) for k, c in enumerate(cells)]}))
    return (table.model_copy(update={"dong": rows}), tasks) if rows else (None, 0)


def _upper_words(table: Table, target: Target) -> list[str]:
    """Cells of the rows kept that still speak of the upper level (`Cơ sở dữ liệu đất đai
    tỉnh`, `Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh`) or of the whole commune level (`Kế
    hoạch sử dụng đất hằng năm cấp xã`): the clerk says which are the unit's."""
    area = re.compile(rf"\b(?:{re.escape(target.upper.tu_dia_ban)}|cấp xã)\b")
    return [c for row in table.dong for c in row.o[1:] if area.search(c)]


def _row(row: Milestones, where: str, target: Target, record: Record) -> Milestones | None:
    """The row as the unit's, or None (the reason noted with the body's left-out targets);
    the upper table's other columns (`khac`: who follows it up at the province) left out."""
    if row.khac:
        record.change(row.id, "; ".join(f"{k}: {v}" for k, v in row.khac.items()), "", RULE)
        row = row.model_copy(update={"khac": {}})
    reader, unit = target.scope, target.unit
    own = unit.chi_tieu.get(row.id)
    if own is not None:
        last = max(row.moc)
        record.change(row.id, str(row.moc[last]), str(own), "don-vi:chi_tieu")
        return row.model_copy(update={"moc": {last: own}})
    shared = reader.shared_label(row.nhan)
    if shared is not None:
        record.change(row.id, row.nhan, shared, RULE)
        done = reader.scope.chi_tieu.ty_phan.dat
        share = {"nhan": shared, "don_vi": "", "moc": dict.fromkeys(row.moc, done)}
        return row.model_copy(update=share)
    verdict: Verdict | None = None
    if reader.aggregated(row.nhan):
        verdict = reader.aggregate_verdict()
    elif reader.is_count(row.don_vi):
        verdict = reader.count_verdict()
    if verdict is not None:
        record.left_out(verdict.loai, verdict.why, where, f"{row.nhan} (phụ lục)", verdict.action)
        record.change(row.id, row.nhan, "", RULE)
        return None
    if any(not isinstance(v, str) for v in row.moc.values()) and row.moc_cua is None:
        record.kept_value(row.id, f"{row.nhan} (phụ lục)")
    return row
