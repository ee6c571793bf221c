"""Build the JSON that the Office.js task pane sends to xlwings Server, from an .xlsx file.

The shape follows ``getBookData()`` in xlwings-server's ``static/js/custom-scripts/index.js``
(version 1.20): the book, the defined names, and every sheet with its values from A1 to the last
cell of the values-only used range. Cells in a date number format arrive as ISO strings in UTC
(``2025-04-01T00:00:00.000Z``), empty cells as ``""``, formulas as their cached results. Sheets
outside ``include`` (or inside ``exclude``) are sent with ``[[]]`` values and no tables, as the
client does; ``lazy`` sends no values at all.

>>> iso(dt.datetime(2025, 4, 1))
'2025-04-01T00:00:00.000Z'
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterable
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

XLWINGS_VERSION = "0.37.8"

_TABLE_FLAGS = {
    "show_table_style_first_column": "showFirstColumn",
    "show_table_style_last_column": "showLastColumn",
    "show_table_style_row_stripes": "showRowStripes",
    "show_table_style_column_stripes": "showColumnStripes",
}


def iso(value: dt.datetime | dt.date) -> str:
    """A date as Office.js serialises it (``Date.toISOString()``)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def cell_json(value: Any) -> Any:
    """One cell as Office.js sends it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return iso(value)
    if isinstance(value, dt.time):
        return value.hour / 24 + value.minute / 1440 + value.second / 86400
    return value


def address(min_row: int, min_col: int, max_row: int, max_col: int) -> str:
    first = f"{get_column_letter(min_col)}{min_row}"
    last = f"{get_column_letter(max_col)}{max_row}"
    return first if first == last else f"{first}:{last}"


def _values_used_range(ws: Worksheet) -> tuple[int, int, int, int] | None:
    """The values-only used range (min_row, min_col, max_row, max_col), or None for an empty sheet."""
    rows: list[int] = []
    cols: list[int] = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None and c.value != "":
                rows.append(c.row)
                cols.append(c.column)
    if not rows:
        return None
    return min(rows), min(cols), max(rows), max(cols)


def table_json(ws: Worksheet, table: Any) -> dict[str, Any]:
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    headers = bool(table.headerRowCount is None or table.headerRowCount)
    totals = bool(table.totalsRowCount)
    body_top = min_row + (1 if headers else 0)
    body_bottom = max_row - (1 if totals else 0)
    style = table.tableStyleInfo
    out: dict[str, Any] = {
        "name": table.displayName or table.name,
        "range_address": address(min_row, min_col, max_row, max_col),
        "row_count": max_row - min_row + 1,
        "column_count": max_col - min_col + 1,
        "columns": [c.name for c in table.tableColumns],
        "header_row_range_address": address(min_row, min_col, min_row, max_col) if headers else None,
        "data_body_range_address": address(body_top, min_col, max(body_top, body_bottom), max_col),
        "total_row_range_address": address(max_row, min_col, max_row, max_col) if totals else None,
        "show_headers": headers,
        "show_totals": totals,
        "table_style": style.name if style is not None else None,
        "show_autofilter": table.autoFilter is not None,
    }
    for key, attr in _TABLE_FLAGS.items():
        out[key] = bool(getattr(style, attr, False)) if style is not None else False
    return out


def sheet_json(ws: Worksheet, *, send_values: bool, send_tables: bool) -> dict[str, Any]:
    used = _values_used_range(ws)
    if used is None:
        used_address, n_rows, n_cols, last_row, last_col = None, 0, 0, 1, 1
    else:
        used_address = address(*used)
        n_rows, n_cols = used[2] - used[0] + 1, used[3] - used[1] + 1
        last_row, last_col = used[2], used[3]
    values: list[list[Any]] = [[]]
    if send_values:
        values = [
            [cell_json(v) for v in row]
            for row in ws.iter_rows(min_row=1, max_row=last_row, max_col=last_col, values_only=True)
        ]
    visibility = {"visible": "Visible", "hidden": "Hidden", "veryHidden": "VeryHidden"}[ws.sheet_state]
    return {
        "name": ws.title,
        "visibility": visibility,
        "show_gridlines": bool(ws.sheet_view.showGridLines is not False),
        "print_area": ws.print_area if ws.print_area else None,
        "notes": [],
        "notes_supported": True,
        "used_range_address": used_address,
        "used_range_row_count": n_rows,
        "used_range_column_count": n_cols,
        "values": values,
        "pictures": [],
        "shapes": [],
        "charts": [],
        "tables": [table_json(ws, t) for t in ws.tables.values()] if send_tables else [],
        "pivot_tables": [],
    }


def payload_from_xlsx(
    path: str | pathlib.Path,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    lazy: bool = False,
    active_sheet: str | None = None,
    selection: str | None = "A1",
    args: list[Any] | None = None,
) -> dict[str, Any]:
    """The request body ``xlwings.runPython`` posts for the workbook at ``path``."""
    wb = load_workbook(path, data_only=True)
    include, exclude = list(include), list(exclude)
    excluded = set(exclude) | ({ws.title for ws in wb.worksheets} - set(include) if include else set())
    names = []
    for name, defined in wb.defined_names.items():
        names.append(
            {
                "name": name,
                "refers_to": "=" + str(defined.attr_text),
                "type": "Range",
                "sheet_index": None,
                "address": None,
                "scope_sheet_name": None,
                "scope_sheet_index": None,
                "book_scope": True,
            }
        )
    titles = [ws.title for ws in wb.worksheets]
    payload: dict[str, Any] = {
        "client": "Office.js",
        "version": XLWINGS_VERSION,
        "book": {
            "name": pathlib.Path(path).name,
            "active_sheet_index": titles.index(active_sheet) if active_sheet else wb.index(wb.active),
            "selection": selection,
            "calculation": "Automatic",
        },
        "names": names,
        "sheets": [
            sheet_json(
                ws, send_values=not lazy and ws.title not in excluded, send_tables=ws.title not in excluded
            )
            for ws in wb.worksheets
        ],
    }
    if args:
        payload["args"] = args
    return payload


def encoded_columns(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """A block's rows column by column, dictionary-encoded the way ``bahiColumns`` in
    ``static/js/ribbon.js`` encodes them: each column's distinct cells (``1`` and ``"1"`` kept
    apart) and a base64 string of little-endian int32 codes, one a row.

    >>> encoded_columns([["V1", 5], ["V1", "5"]])[1]["values"]
    [5, '5']
    """
    import base64  # noqa: PLC0415
    import struct  # noqa: PLC0415

    width = max((len(r) for r in rows), default=0)
    out = []
    for c in range(width):
        index: dict[tuple[type, Any], int] = {}
        distinct: list[Any] = []
        codes = []
        for row in rows:
            value = row[c] if c < len(row) else ""
            key = (type(value), value)
            if key not in index:
                index[key] = len(distinct)
                distinct.append(value)
            codes.append(index[key])
        packed = struct.pack(f"<{len(codes)}i", *codes)
        out.append({"values": distinct, "codes": base64.b64encode(packed).decode("ascii")})
    return out
