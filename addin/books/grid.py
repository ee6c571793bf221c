"""A block of payload cells as one 2-D numpy array (a *grid*) instead of a list of rows.

What Office.js sends for a sheet is a list of rows of cells. Held as a grid, 100,000 rows are one
object for the garbage collector instead of 100,000 lists, and a column is a slice, not a loop.
Cells stay exactly as sent: "" for a blank, dates as ISO text, numbers, booleans and text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

Grid = np.ndarray[Any, np.dtype[np.object_]]
"""Cells of a sheet as rows × columns of payload values ("" for a blank, dates as ISO text)."""


def grid_of(rows: Sequence[Sequence[Any]], width: int | None = None) -> Grid:
    """Rows of cells as one grid, short rows padded with "" (Office.js's blank).

    >>> grid_of([["Date", "Debit"], ["2025-04-01T00:00:00.000Z"]]).tolist()
    [['Date', 'Debit'], ['2025-04-01T00:00:00.000Z', '']]
    >>> grid_of([]).shape
    (0, 0)
    """
    width = max((len(r) for r in rows), default=0) if width is None else width
    if rows and all(len(r) == width for r in rows):  # the usual case: one pass, no padding
        cells = np.fromiter(itertools.chain.from_iterable(rows), dtype=object, count=len(rows) * width)
        return cells.reshape(len(rows), width)
    grid: Grid = np.full((len(rows), width), "", dtype=object)
    for i, row in enumerate(rows):
        grid[i, : len(row)] = row[:width]
    return grid


def padded(grid: Grid, height: int, width: int) -> Grid:
    """``grid`` grown to ``height`` × ``width`` with "" (the grid itself when it already fits).

    >>> padded(grid_of([[1]]), 2, 2).tolist()
    [[1, ''], ['', '']]
    """
    if grid.shape == (height, width):
        return grid
    out: Grid = np.full((height, width), "", dtype=object)
    rows, columns = min(height, grid.shape[0]), min(width, grid.shape[1])
    out[:rows, :columns] = grid[:rows, :columns]
    return out
