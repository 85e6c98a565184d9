"""The upper plan's assignment tables (phụ lục: Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan
phối hợp | Thời gian) read for one unit: which columns name bodies, the rows given to the
commune level (the unit's own, its name made the unit's), and the rows given to the upper
level's bodies alone, which a kept sentence of the body must not take as the unit's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kehoach.derive.scope import Reader
from kehoach.derive.wording import upper_first
from kehoach.plan.appendix import Appendix
from kehoach.plan.blocks import Table

_SYLLABLES = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class UpperTask:
    """A row of the upper plan's assignment table given to its own bodies alone."""

    appendix: str
    task: str
    body: str

    def said_in(self, clause: str) -> bool:
        """Whether `clause` states this task: its syllables (at least four) in their order,
        at most two other words between two of them (`Tuyển dụng giáo viên` in `Tuyển dụng
        đủ giáo viên theo định mức`)."""
        wanted = [w.lower() for w in _SYLLABLES.findall(self.task)]
        words = [w.lower() for w in _SYLLABLES.findall(clause)]
        if len(wanted) < 4:
            return False
        for start in (i for i, w in enumerate(words) if w == wanted[0]):
            at, ok = start, True
            for word in wanted[1:]:
                near = words[at + 1 : at + 4]
                if word not in near:
                    ok = False
                    break
                at += 1 + near.index(word)
            if ok:
                return True
        return False


def body_columns(reader: Reader, table: Table) -> list[int]:
    """The columns of an assignment table that name bodies (`Cơ quan chủ trì` …)."""
    words = reader.scope.bang_phan_cong.cot
    return [k for k, title in enumerate(table.cot) if any(w in title.lower() for w in words)]


def upper_tasks(reader: Reader, appendices: Sequence[Appendix]) -> list[UpperTask]:
    """The rows of the upper plan's assignment tables given to its own bodies alone (no
    commune level among them)."""
    found = []
    for appendix in appendices:
        table = appendix.bang
        if table is None or len(table.cot) < 2:
            continue
        bodies = [k for k in body_columns(reader, table) if k != 1]
        for row in table.dong:
            named = [row.o[k].strip() for k in bodies if k < len(row.o) and row.o[k].strip()]
            if named and len(row.o) > 1 and not any(
                    reader.commune_level.search(c) for c in named):
                name = appendix.ten or appendix.tieu_de or "PHỤ LỤC"
                found.append(UpperTask(name, row.o[1].strip(), named[0]))
    return found


def own_level(reader: Reader, cell: str, body: bool = True) -> str:
    """The whole commune level named in a cell of an assignment table as the unit: a `body`
    (`Ủy ban nhân dân các xã, phường, đặc khu`, `… cấp xã`) as the unit's own (`Ủy ban nhân
    dân xã`); in a task, `… hằng năm cấp xã` as `… hằng năm của xã`."""
    dv = reader.words["dv"]
    if not body:
        return re.sub(r"(?<=\w) cấp xã\b", f" của {dv}", cell)
    return reader.commune_level.sub(lambda m: upper_first(dv) if m.start() == 0 else dv, cell)
