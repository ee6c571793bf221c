"""A table as a workbook adapter hands it to the engine: raw cells plus where they stand.

Adapters do no parsing: a cell arrives as the reader gives it (float, int, str, bool, datetime,
date, None, or an Excel error such as ``"#N/A"``), column by column. The engine's loaders turn
these into typed tables and issues.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from addin.engine.cells import cell_address


@dataclass(frozen=True)
class RowsBelow:
    """Rows that hold data directly under a table but are not part of it (pasted below a table
    that did not grow): worksheet rows ``first``..``last`` and the first cell holding data."""

    cell: str
    first: int
    last: int


class RowsBelowScan:
    """Finds :class:`RowsBelow` one worksheet row at a time, in sheet order: the rows right after
    ``bottom`` (the table's last row) that hold data in the table's columns, up to the first row
    without any (a blank row, or a row the sheet skips, ends the block). Rows up to ``bottom``
    are ignored; an adapter stops feeding rows once :attr:`done`.

    >>> scan = RowsBelowScan(5)
    >>> [scan.add(row, column) for row, column in [(4, 1), (6, 2), (7, 1), (9, 1)]]
    [True, True, True, False]
    >>> scan.result()
    RowsBelow(cell='B6', first=6, last=7)
    >>> scan = RowsBelowScan(5)
    >>> scan.add(6, None), scan.result()
    (False, None)
    """

    def __init__(self, bottom: int) -> None:
        self.bottom = bottom
        self.cell = ""
        self.last = bottom
        self.done = False

    def add(self, row: int, first_filled_column: int | None) -> bool:
        """One row: ``first_filled_column`` is the first column (1-based) in the table's columns
        that holds data, None for none. False once the block has ended."""
        if self.done or row <= self.bottom:
            return not self.done
        if row != self.last + 1 or first_filled_column is None:
            self.done = True
            return False
        if not self.cell:
            self.cell = cell_address(row, first_filled_column)
        self.last = row
        return True

    def result(self) -> RowsBelow | None:
        return RowsBelow(self.cell, self.bottom + 1, self.last) if self.cell else None


@dataclass(frozen=True)
class RawTable:
    """The cells of one Excel Table (or a header-plus-rows block found on a sheet).

    ``header_row`` and ``first_col`` are 1-based worksheet coordinates of the header's first cell.
    ``headings`` are the header cells in order, as typed; ``columns`` holds one Series a heading
    (same order, same length), the data rows only (no header, no totals row). A Series may be of
    any dtype: object for mixed cells, or typed (float64, datetime64, string) when the reader
    could type it. ``below`` names rows typed directly under the table that it does not take in
    (the adapter looks for them; see :class:`RowsBelowScan`).
    """

    name: str
    sheet: str
    header_row: int
    first_col: int
    headings: tuple[str, ...]
    columns: tuple[pd.Series[Any], ...]
    merged: tuple[str, ...] = field(default=())  # merged ranges inside the table ("B5:C5")
    below: RowsBelow | None = None  # rows typed directly under the table, outside it

    @property
    def row_count(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def worksheet_row(self, index: int) -> int:
        """The worksheet row (as Excel shows it) of data row ``index`` (0-based)."""
        return self.header_row + 1 + index

    def address(self, index: int, position: int) -> str:
        """A1 address of data row ``index`` in the column at ``position`` (0-based)."""
        return cell_address(self.worksheet_row(index), self.first_col + position)

    def header_address(self, position: int) -> str:
        return cell_address(self.header_row, self.first_col + position)

    @classmethod
    def from_rows(
        cls,
        name: str,
        sheet: str,
        rows: Sequence[Sequence[Any]],
        header_row: int = 1,
        first_col: int = 1,
    ) -> RawTable:
        """Build from a header row followed by data rows (tests, the Office.js payload)."""
        headings = tuple("" if h is None else str(h) for h in rows[0]) if rows else ()
        width = len(headings)
        body = [list(r) + [None] * (width - len(r)) for r in rows[1:]]
        columns = tuple(pd.Series([r[i] for r in body], dtype=object) for i in range(width))
        return cls(name, sheet, header_row, first_col, headings, columns)
