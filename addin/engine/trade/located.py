"""Where a loaded trade table stands in the workbook, and issues pointing at its cells.

Trade loaders keep each record's worksheet ``row``; a :class:`Located` adds the sheet and the letter
of each column, so that a check can name the cell of any record it finds wrong.

>>> from addin.engine.rules import Rule
>>> where = Located("Sales", {"Number": "B", "Date": "C"})
>>> where.cell("Number", 12)
'B12'
>>> [(i.rule, i.cell, i.value) for i in issues_at(where, Rule.UNKNOWN_ITEM, "Number", [5], ["X"])]
[('unknown-item', 'B5', 'X')]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from addin.engine.cells import column_letter, fold
from addin.engine.issues import Issue
from addin.engine.load import missing_table_issue, table_layout
from addin.engine.messages import make_issues
from addin.engine.rules import Rule
from addin.engine.schema import TableSpec
from addin.engine.tables import RawTable


@dataclass(frozen=True)
class Located:
    """A table's sheet and its columns' letters (English column name → "B")."""

    sheet: str
    letters: Mapping[str, str] = field(default_factory=dict)

    def cell(self, column: str, row: int) -> str:
        """The A1 address of ``column`` in worksheet ``row`` ("" when the column is not there)."""
        letter = self.letters.get(column)
        return f"{letter}{row}" if letter else ""

    @classmethod
    def of(cls, table: RawTable | None, spec: TableSpec, positions: Mapping[str, int]) -> Located:
        """Where ``spec``'s columns stand in ``table`` (the template's layout when it is missing)."""
        if table is None:
            names = [c.en for c in spec.columns]
            return cls(spec.sheet, {n: column_letter(i + 1) for i, n in enumerate(names)})
        return cls(table.sheet, {en: column_letter(table.first_col + p) for en, p in positions.items()})


def issues_at(
    where: Located,
    rule: Rule,
    column: str,
    rows: Sequence[int],
    values: Sequence[str],
    *,
    variant: str = "",
    **fields: Any,
) -> list[Issue]:
    """One issue of ``rule`` per worksheet row, at ``column``'s cell (:func:`make_issues`); a field
    given as a list (or tuple) is taken row by row, any other field is the same for all."""
    cells = [where.cell(column, int(row)) for row in rows]
    lists = {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}
    return make_issues(rule, where.sheet, column, cells, [str(v) for v in values], variant=variant, **lists)


@dataclass(frozen=True)
class Opened:
    """A table as a loader finds it: where it stands, its columns' positions, the issues about its
    shape, and whether every required column is there (when not, the loader reads nothing more)."""

    where: Located
    positions: Mapping[str, int]
    issues: list[Issue]
    complete: bool


def open_table(table: RawTable | None, spec: TableSpec, *, required: bool = True) -> Opened:
    """The start of every trade loader; a missing table is a fatal ``missing-table`` when ``required``.

    >>> from addin.engine.schema import ITEMS
    >>> opened = open_table(None, ITEMS)
    >>> opened.complete, [i.rule for i in opened.issues], opened.where.cell("HSN", 2)
    (False, ['missing-table'], 'C2')
    """
    if table is None:
        return Opened(Located.of(None, spec, {}), {}, [missing_table_issue(spec)] if required else [], False)
    positions, issues, complete = table_layout(table, spec)
    return Opened(Located.of(table, spec, positions), positions, issues, complete)


def duplicate_codes(where: Located, rule: Rule, codes: Sequence[str], rows: Sequence[int]) -> list[Issue]:
    """``rule`` at every Code cell that is blank (variant "blank") or repeats a code above it (any
    case or spacing).

    >>> where = Located("Items", {"Code": "A"})
    >>> [(i.cell, i.value) for i in duplicate_codes(where, Rule.DUPLICATE_ITEM, ["P", "", "p "], [2, 3, 4])]
    [('A3', ''), ('A4', 'p ')]
    """
    found: list[Issue] = []
    first_row: dict[str, int] = {}
    for code, row in zip(codes, rows, strict=True):
        key = fold(code)
        if not key:
            found += issues_at(where, rule, "Code", [row], [""], variant="blank")
        elif key in first_row:
            found += issues_at(where, rule, "Code", [row], [code], first_row=first_row[key])
        else:
            first_row[key] = row
    return found
