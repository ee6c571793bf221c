"""Tables as cell formulas receive them: a 2-D list, header row first (or no header at all).

Pass a whole Excel Table with its header row through a structured reference: ``Journal[#All]``
and ``Accounts[#All]`` (``Journal`` alone is the data body, without headings; that works too, as
long as the columns are in the template's order). Headings are matched as the loader matches them:
English, Hindi, or the template's "English / हिन्दी", in any case and spacing.

>>> rows = with_header([["2025-04-01", "S1", "Bank", 100, None, "Sale"]], JOURNAL, "journal")
>>> rows[0][:3]
['Date / दिनांक', 'Voucher / वाउचर', 'Account / खाता']
>>> with_header([["Account", "Debit"], ["Bank", 5]], JOURNAL, "journal")[0]
['Account', 'Debit']
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.cells import parse_text
from addin.engine.schema import ACCOUNTS, JOURNAL, TableSpec, canonical_column
from addin.engine.tables import RawTable
from udfs._cells import fail, is_blank

__all__ = ["ACCOUNTS", "JOURNAL", "as_rows", "has_header", "implied_accounts", "raw_table", "with_header"]

_NUMERIC = frozenset({"floating", "integer", "mixed-integer-float"})
_PLAIN = frozenset({"string", "empty", *_NUMERIC})


def cell_value(value: Any) -> Any:
    """One cell as Office.js sends it, as the loader reads cells: "" is blank (None); a data-type
    cell (``{"type": "FormattedNumber", "basicValue": 45748, ...}``) is its basic value, and an
    error (``{"type": "Error", "basicValue": "#N/A"}``) its text, which the loader reports.

    >>> cell_value(""), cell_value({"type": "Error", "basicValue": "#N/A"}), cell_value(5.0)
    (None, '#N/A', 5.0)
    """
    if isinstance(value, dict):
        return value.get("basicValue")
    if isinstance(value, str) and not value:
        return None
    return value


def as_rows(value: Any, what: str) -> list[list[Any]]:
    """A range argument as a list of rows (a single cell is one row of one cell)."""
    if value is None:
        fail(
            f"{what} is empty: pass the whole table, e.g. {what.capitalize()}[#All]",
            f"{what} खाली है: पूरी तालिका दें, जैसे {what.capitalize()}[#All]",
        )
    if not isinstance(value, list | tuple):
        return [[value]]
    if value and all(map(isinstance, value, repeat(list))):
        return value if isinstance(value, list) else list(value)  # as xlwings passes it: no copy
    if value and all(map(isinstance, value, repeat(tuple))):
        return [list(r) for r in value]
    return [list(value)]


def has_header(row: Sequence[Any], spec: TableSpec) -> bool:
    """True when ``row`` holds at least one of ``spec``'s headings."""
    return any(canonical_column(spec, cell) is not None for cell in row)


def with_header(rows: list[list[Any]], spec: TableSpec, what: str) -> list[list[Any]]:
    """``rows`` with a header row: as given, or the template's headings for a headerless block.

    Trailing blank rows are dropped (a whole-column reference); blank rows inside are kept, so
    that row numbers in issues stay true.
    """
    end = len(rows)
    while end > 1 and all(is_blank(c) for c in rows[end - 1]):  # a whole-column reference (A:F)
        end -= 1
    rows = rows[:end]
    if not rows or not rows[0] or all(is_blank(c) for c in rows[0]):
        fail(
            f"{what} is empty: pass the whole table, e.g. {spec.name}[#All]",
            f"{what} खाली है: पूरी तालिका दें, जैसे {spec.name}[#All]",
        )
    if has_header(rows[0], spec):
        return rows
    width = len(rows[0])
    if width > len(spec.columns):
        fail(
            f"{what} has {width} columns and no header row: pass the table with its headings "
            f"({spec.name}[#All]) or its first {len(spec.columns)} columns in template order",
            f"{what} में {width} स्तंभ हैं और शीर्षक पंक्ति नहीं है: तालिका शीर्षकों सहित दें "
            f"({spec.name}[#All]) या टेम्पलेट के क्रम में उसके पहले {len(spec.columns)} स्तंभ",
        )
    return [[c.heading for c in spec.columns[:width]], *rows]


def implied_accounts(journal: RawTable) -> list[list[Any]]:
    """An Accounts table implied by a journal: each distinct account it names, type unknown.

    Used when a formula is given no Accounts table: every account the journal names exists (in
    the order first named, read as the loader reads text: 1110.0 is "1110"), with no opening
    balance, no parent and no type (a trial balance shows its Type blank).
    """
    position = next(
        (i for i, h in enumerate(journal.headings) if canonical_column(JOURNAL, h) == "Account"), None
    )
    if position is None:
        fail(
            "journal has no Account column: pass the whole table with its headings, e.g. Journal[#All]",
            "journal में खाता (Account) स्तंभ नहीं है: पूरी तालिका शीर्षकों सहित दें, जैसे Journal[#All]",
        )
    texts = parse_text(journal.columns[position])
    codes = pd.unique(texts[texts != ""].to_numpy(dtype=object))
    headings = [c.heading for c in ACCOUNTS.columns[:5]]  # Code, Name, Type, Parent, Opening Balance
    return [headings, *([code, code, "", "", 0] for code in codes)]


def _column(values: Sequence[Any] | np.ndarray[Any, Any]) -> pd.Series[Any]:
    """One column's cells, typed when every non-blank cell is of one kind (the loader's fast paths).

    All text: pandas ``string``; all numbers (Excel serial dates, amounts, numeric codes):
    ``float64`` with NaN for blanks; anything else stays ``object``, the cells read as
    :func:`cell_value` reads them (in place, when given an object array). Blanks (``""``) are
    found in one vectorised comparison, and data-type or error cells by their type; only those few
    cells are read one by one.

    >>> _column([100.0, "", 5]).tolist()
    [100.0, nan, 5.0]
    >>> _column(["Sale", "", "Rent"]).tolist()
    ['Sale', '', 'Rent']
    >>> _column([1.0, {"type": "Error", "basicValue": "#N/A"}, ""]).tolist()
    [1.0, '#N/A', None]
    """
    cells = (
        values
        if isinstance(values, np.ndarray) and values.dtype == object  # a column of raw_table's grid
        else np.fromiter(values, dtype=object, count=len(values))
    )
    kind = pd.api.types.infer_dtype(cells, skipna=True)
    if kind not in _PLAIN:  # mixed: blanks sent as "" among numbers, or data-type/error cells
        cells[cells == ""] = None
        kind = pd.api.types.infer_dtype(cells, skipna=True)
        if kind not in _PLAIN:  # text among numbers, or data-type/error cells (dicts)
            dicts = np.fromiter(map(isinstance, cells, repeat(dict)), dtype=bool, count=len(cells))
            if dicts.any():  # only those cells are read one by one
                cells[dicts] = [cell_value(v) for v in cells[dicts]]
                kind = pd.api.types.infer_dtype(cells, skipna=True)
    series = pd.Series(cells, dtype=object, copy=False)
    if kind == "string":
        return series.astype("string")
    if kind in _NUMERIC:
        return series.astype("float64")
    return series


def raw_table(spec: TableSpec, rows: list[list[Any]]) -> RawTable:
    """The engine's :class:`RawTable` of ``rows`` (header first), as if it stood at A1 of its sheet.

    Rows of another length than the header are refused (a #VALUE! message), not padded: padding
    would let a few bytes of short rows under a wide header claim billions of cells.

    Built column by column (one transpose, then vectorised typing in :func:`_column`) rather than
    cell by cell: a 100,000-line journal argument becomes a table in about a tenth of a second
    (with the cyclic collector paused, as the formulas do: see :func:`addin.engine.gc_pause.no_cyclic_gc`).
    """
    headings = tuple("" if h is None else str(h) for h in rows[0])
    width = len(headings)
    body = rows[1:]
    if body and set(map(len, body)) != {width}:  # never from Excel, whose ranges are rectangular
        fail(
            f"{spec.name.lower()}: every row must have as many cells as the header row ({width}); "
            "pass a whole range or table",
            f"{spec.name.lower()}: हर पंक्ति में शीर्षक पंक्ति जितने ({width}) सेल होने चाहिए; "
            "पूरी रेंज या तालिका दें",
        )
    # every cell in one flat array, one C-level pass; its columns are views of that grid
    grid = np.fromiter(chain.from_iterable(body), dtype=object, count=len(body) * width)
    grid = grid.reshape(len(body), width)
    columns = tuple(_column(grid[:, i]) for i in range(width)) if body else ()
    if not columns:
        columns = tuple(pd.Series([], dtype=object) for _ in headings)
    return RawTable(spec.name, spec.sheet, 1, 1, headings, columns)
