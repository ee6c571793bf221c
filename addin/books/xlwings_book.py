"""The :class:`~addin.books.base.Workbook` interface over an xlwings ``Book``.

One adapter, two runtimes, the same xlwings API:

- xlwings Server: ``xw.Book(json=payload)`` built from what Office.js sent (the remote engine).
  Reads come from the payload's values; every write is *queued* as an action that the task pane
  applies in Excel after the script returns (``book.json()``).
- desktop Excel (classic xlwings over COM): reads and writes go straight to the open workbook.

What this adapter keeps small, because Excel on the web limits each Office.js request and
response to 5 MB and every action is one round trip:

- an owned sheet's values go in as few ``setValues`` actions as fit (row blocks of at most
  ``max_cells_per_write`` cells, each block its own Office.js request);
- number formats are one action a column, bold one action a run of rows, widths one a column;
- highlights are one ``setRangeColor`` action a run of adjacent cells in a column, capped at
  ``max_highlights`` cells (the Issues sheet lists them all);
- in-sheet hyperlinks are capped at ``max_links`` (each is one Office.js sync); the task pane
  navigates to any issue's cell regardless;
- an owned sheet's print setup (landscape, one page wide, heading rows on every page) is one
  ``bahiPageSetup`` action, which Bahi's ribbon.js applies through Office.js' ``pageLayout``
  (xlwings has no action for it); on desktop Excel, ``PageSetup`` directly.

Every string from the workbook goes back through :func:`~addin.books.base.safe_text`, so text
that starts like a formula is written as text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import xlwings as xw

from addin.books.base import (
    DATE_FORMAT,
    CellValue,
    Highlight,
    NewRows,
    OwnedSheet,
    cell_number_format,
    filled_rows,
    no_room_below,
    no_room_beside,
    no_table_for_rows,
    owned_headings,
    print_title_rows,
    row_mappings,
    safe_text,
    table_row,
)
from addin.books.grid import Grid, grid_of, padded
from addin.engine.cells import cell_address, column_letter, is_a1, parse_a1, parse_range
from addin.engine.money import INR_FORMAT
from addin.engine.schema import ISSUES_SHEET, TableSpec, canonical_column
from addin.engine.tables import RawTable, RowsBelow, RowsBelowScan

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?$")

PAGE_SETUP_ACTION = "bahiPageSetup"
"""The action that sets an owned sheet's print setup on xlwings Server (handled by static/js/ribbon.js)."""
XL_LANDSCAPE = 2  # Excel's XlPageOrientation.xlLandscape
XL_PORTRAIT = 1  # XlPageOrientation.xlPortrait (a tax invoice)

CHART_TYPES = {"column": "column_clustered", "bar": "bar_clustered", "line": "line_markers"}
"""xlwings' chart type for each :data:`~addin.books.base.CHART_KINDS`."""
XL_SHEET_VERY_HIDDEN = 2  # Excel's XlSheetVisibility.xlSheetVeryHidden

BELOW_BLOCK = 1_000
"""Rows read at a time when looking for data typed under a table (see ``XlwingsBook._rows_below``)."""

POINTS_PER_CHARACTER = 6.0
"""Office.js sets column widths in points, desktop Excel in characters; ``OwnedSheet.widths`` are
characters (as openpyxl writes them), converted with this factor on the remote engine."""


def _formatted_apart(rows: Sequence[Sequence[CellValue]], first: int, col: int, fmt: str) -> list[int]:
    """The rows (0-based, from ``first``) whose cell in ``col`` takes a format other than its column's
    ``fmt`` (:func:`~addin.books.base.cell_number_format`: a negative amount, in brackets).

    >>> _formatted_apart([["h"], [5.0], [-320.0], ["x"], []], 1, 0, INR_FORMAT)
    [2]
    """
    cells = ((r, rows[r][col]) for r in range(first, len(rows)) if col < len(rows[r]))
    return [r for r, value in cells if cell_number_format(fmt, value) != fmt]


def runs(numbers: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Consecutive integers grouped into (first, last) runs.

    >>> list(runs([5, 3, 4, 9, 12, 11]))
    [(3, 5), (9, 9), (11, 12)]
    """
    ordered = sorted(set(numbers))
    if not ordered:
        return
    start = prev = ordered[0]
    for n in ordered[1:]:
        if n != prev + 1:
            yield start, prev
            start = n
        prev = n
    yield start, prev


def cell_runs(cells: Iterable[str]) -> list[str]:
    """A1 cells merged into as few single-column ranges as possible, in sheet order.

    >>> cell_runs(["C12", "C13", "C14", "D40", "C20"])
    ['C12:C14', 'C20', 'D40']
    """
    by_column: dict[int, list[int]] = defaultdict(list)
    for cell in cells:
        row, col = parse_a1(cell)
        by_column[col].append(row)
    out: list[str] = []
    for col in sorted(by_column):
        letter = column_letter(col)
        for first, last in runs(by_column[col]):
            out.append(f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}")
    return out


def changed_runs(current: Sequence[Any], new: Sequence[Any], *, gap: int = 16) -> list[tuple[int, int]]:
    """The (first, last) index runs where ``new`` (None for blank) differs from ``current`` (payload
    cells, "" for blank), joining runs at most ``gap`` unchanged cells apart (writing those again
    changes nothing, and each run is one Office.js write).

    >>> changed_runs(["", "M1", "", "", ""], ["", "M1", "M2", None, "M3"], gap=0)
    [(2, 2), (4, 4)]
    >>> changed_runs(["", "M1", "", "", ""], [None, "M1", "M2", None, "M3"], gap=1)
    [(2, 4)]
    >>> changed_runs([1, "a", "=x"], [1.0, "a", "=x"])
    []
    """
    old: Grid = np.empty(len(current), dtype=object)
    old[:] = list(current)
    wanted: Grid = np.empty(len(new), dtype=object)
    wanted[:] = list(new)
    wanted[wanted == None] = ""  # noqa: E711 (elementwise on an object array)
    changed = np.flatnonzero(wanted != old)
    if not len(changed):
        return []
    breaks = np.flatnonzero(np.diff(changed) > gap + 1)
    firsts = changed[np.r_[0, breaks + 1]]
    lasts = changed[np.r_[breaks, len(changed) - 1]]
    return list(zip(firsts.tolist(), lasts.tolist(), strict=True))


def _blocks(
    rows: Sequence[Sequence[CellValue]], most_rows: int, most_chars: int
) -> Iterator[tuple[int, int]]:
    """(start, stop) of consecutive row blocks of at most ``most_rows`` rows and, unless a single
    row is longer, ``most_chars`` characters of text (a hidden sheet's long cells).

    >>> list(_blocks([["a" * 5], ["b" * 5], ["c"]], 10, 8))
    [(0, 1), (1, 3)]
    >>> list(_blocks([[1], [2], [3]], 2, 100))
    [(0, 2), (2, 3)]
    """
    start, chars = 0, 0
    for index, row in enumerate(rows):
        size = sum(len(v) for v in row if isinstance(v, str))
        if index > start and (index - start >= most_rows or chars + size > most_chars):
            yield start, index
            start, chars = index, 0
        chars += size
    if start < len(rows):
        yield start, len(rows)


def _is_remote(book: xw.Book) -> bool:
    """True for the JSON book of xlwings Server/Lite (whose writes are queued actions)."""
    try:
        return str(book.app.engine.name) == "remote"
    except Exception:  # an engine without a name: treat as desktop
        return False


def _cell(value: Any) -> CellValue:
    """A value read through xlwings as the engine expects it (dates as datetime, text as str)."""
    if isinstance(value, str) and _ISO_DATE.match(value):  # a date that escaped conversion
        return dt.datetime.fromisoformat(value.rstrip("Z"))
    return value  # type: ignore[no-any-return]


def _remote_cell(value: Any) -> CellValue:
    """One payload cell as xlwings' remote engine reads it, Excel errors kept as text:
    ``""`` is empty, an ISO string is a date (Office.js sends date-formatted numbers so)."""
    if value == "":
        return None
    if isinstance(value, str) and _ISO_DATE.match(value):
        return dt.datetime.fromisoformat(value.rstrip("Z"))
    return value  # type: ignore[no-any-return]


def _json_cell(value: CellValue) -> Any:
    """A value as xlwings' remote engine sends it in a setValues action (None as "", dates as text).

    >>> _json_cell(None), _json_cell(dt.date(2025, 4, 1)), _json_cell(dt.datetime(2025, 4, 1, 10, 30))
    ('', '2025-04-01', '2025-04-01 10:30:00')
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _json_text(value: CellValue) -> Any:
    """:func:`safe_text` then :func:`_json_cell` in one step (the common types first).

    >>> _json_text("=1+1"), _json_text(None), _json_text(5), _json_text(dt.date(2025, 4, 1))
    ("'=1+1", '', 5, '2025-04-01')
    """
    kind = type(value)
    if kind is str:
        return safe_text(value)
    if value is None:
        return ""
    if kind is int or kind is float:
        return value
    return _json_cell(safe_text(value))


def _heading_en(heading: object) -> str:
    """The English part of a bilingual heading, folded: ``"Cell / सेल"`` -> ``"cell"``."""
    return str(heading or "").split("/")[0].strip().casefold()


@dataclass(frozen=True)
class TableLayout:
    """A table's place on its sheet: the header row, first column, headings and data row count."""

    sheet: xw.Sheet
    header_row: int
    first_col: int
    headings: tuple[str, ...]
    rows: int


class XlwingsBook:
    """A Bahi :class:`~addin.books.base.Workbook` over an xlwings ``Book``."""

    def __init__(
        self,
        book: xw.Book,
        *,
        max_cells_per_write: int = 50_000,
        max_highlights: int = 2_000,
        max_links: int = 200,
        max_chars_per_write: int = 2_000_000,
        uploaded: Mapping[str, Grid] | None = None,
    ) -> None:
        self.book = book
        self.uploaded = {name.casefold(): grid for name, grid in (uploaded or {}).items()}
        self.remote = _is_remote(book)
        self.max_cells_per_write = max_cells_per_write
        self.max_highlights = max_highlights
        self.max_links = max_links
        self.max_chars_per_write = max_chars_per_write
        self.highlights_written = 0
        self.highlights_dropped = 0
        self._written: dict[str, OwnedSheet] = {}  # folded name -> owned sheet written by this run
        # folded table name -> headings of the columns this run added (the JSON book's tables keep
        # the payload's range; desktop Excel's grow with the resize)
        self._added: dict[str, tuple[str, ...]] = defaultdict(tuple)

    # -- reading ---------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return str(self.book.name)

    def sheet_names(self) -> list[str]:
        return [str(s.name) for s in self.book.sheets]

    def _sheet(self, name: str) -> xw.Sheet | None:
        for sheet in self.book.sheets:
            if str(sheet.name).casefold() == name.casefold():
                return sheet
        return None

    def _find_table(self, table_name: str) -> tuple[xw.Sheet, Any] | None:
        for sheet in self.book.sheets:
            for table in sheet.tables:
                if str(table.name).casefold() == table_name.casefold():
                    return sheet, table
        return None

    def _grid(self, sheet: xw.Sheet, top: int, left: int, bottom: int, right: int) -> Grid:
        """Payload cells (rows ``top``–``bottom``, columns ``left``–``right``, 1-based) of a
        sheet on the JSON book, as a grid padded with "" where the sheet has no cells: from the
        upload when the sheet came in blocks, else from the payload's values."""
        height, width = max(0, bottom - top + 1), max(0, right - left + 1)
        grid = self.uploaded.get(str(sheet.name).casefold())
        if grid is None:
            data = sheet.api.get("values") or [[]]
            body = data[top - 1 : bottom]
            if len(body) == height and all(len(r) >= right for r in body):  # the usual case: no padding
                whole = left == 1 and all(len(r) == right for r in body)
                return grid_of(body if whole else [r[left - 1 : right] for r in body], width)
            return grid_of([r[left - 1 : right] for r in body] + [[]] * (height - len(body)), width)
        return padded(grid[top - 1 : bottom, left - 1 : right], height, width)

    def _values(self, sheet: xw.Sheet, address: str) -> list[list[Any]]:
        """The cells of ``address`` as a list of rows.

        On the JSON book, straight from the payload's values (or the upload's grid): this skips
        xlwings' conversion pipeline and its range cache (an unbounded ``lru_cache`` keyed by the
        sheet's values, which on a long-running server would keep every big journal ever sent
        alive)."""
        if self.remote and str(sheet.name).casefold() in self.uploaded:
            (top, left), (bottom, right) = parse_range(address)
            return [
                [_remote_cell(v) for v in row] for row in self._grid(sheet, top, left, bottom, right).tolist()
            ]
        if self.remote:
            (top, left), (bottom, right) = parse_range(address)
            data = sheet.api.get("values") or [[]]
            out: list[list[Any]] = []
            for r in range(top - 1, bottom):
                row = data[r] if r < len(data) else []
                out.append([_remote_cell(row[c]) if c < len(row) else None for c in range(left - 1, right)])
            return out
        rows = sheet.range(address).options(ndim=2, err_to_str=True).value
        return [[_cell(v) for v in row] for row in rows]

    def _remote_columns(self, sheet: xw.Sheet, address: str) -> tuple[pd.Series[Any], ...]:
        """The cells of ``address`` on the JSON book, column by column, without a per-cell step.

        Blanks (``""``) become None; ISO date strings stay text for the engine, which parses each
        distinct value once (a 100,000-line journal reads in a fraction of a second this way)."""
        (top, left), (bottom, right) = parse_range(address)
        grid = self._grid(sheet, top, left, bottom, right)
        blank = grid == ""
        if blank.any():
            grid = grid.copy()  # never change the upload's grid or the payload
            grid[blank] = None
        return tuple(pd.Series(grid[:, i], dtype=object) for i in range(grid.shape[1]))

    def cell(self, sheet: xw.Sheet, row: int, column: int) -> CellValue:
        """One cell's value as the engine reads it (1-based row and column)."""
        return self._values(sheet, cell_address(row, column))[0][0]  # type: ignore[no-any-return]

    def read_table(self, spec: TableSpec) -> RawTable | None:
        found = self._find_table(spec.name)
        if found is not None:
            sheet, table = found
            header = table.header_row_range
            body = table.data_body_range
            if self.remote and header is not None and body is not None:
                (header_row, left), _ = parse_range(str(header.address))
                typed = self._values(sheet, str(header.address))[0]
                headings = tuple("" if h is None else str(h) for h in typed)
                columns = self._remote_columns(sheet, str(body.address))
                if columns and len(columns[0]) == 1 and all(c.isna().all() for c in columns):
                    columns = tuple(c.iloc[:0] for c in columns)  # a new table's single empty row
                below = self._rows_below(sheet, table)
                return RawTable(spec.name, str(sheet.name), header_row, left, headings, columns, below=below)
            if header is None:  # headers switched off: Excel still names the columns
                (top, left), (_, right) = parse_range(str(body.address))
                headings: list[Any] = [c.name for c in table.columns] if right >= left else []
                header_row = top - 1
            else:
                (header_row, left), _ = parse_range(str(header.address))
                headings = self._values(sheet, str(header.address))[0]
            rows = self._values(sheet, str(body.address)) if body is not None else []
            if len(rows) == 1 and all(v is None for v in rows[0]):
                rows = []  # a new table's single empty row is no data
            raw = RawTable.from_rows(spec.name, str(sheet.name), [headings, *rows], header_row, left)
            return dataclasses.replace(raw, below=self._rows_below(sheet, table))

        sheet = self._sheet(spec.sheet)
        if sheet is None:
            return None
        return self._read_block(spec, sheet)

    def _rows_below(self, sheet: xw.Sheet, table: Any) -> RowsBelow | None:
        """The rows holding data directly under ``table`` (see :class:`RowsBelowScan`), read from
        its last row down to the sheet's used range in blocks of :data:`BELOW_BLOCK` rows, and no
        further than the first row without data in the table's columns. On the JSON book the
        payload's values (or the upload) hold the used range from A1, so they show these rows."""
        (_, left), (bottom, right) = parse_range(str(table.range.address))
        _, (last, _) = parse_range(str(sheet.used_range.address))
        scan = RowsBelowScan(bottom)
        top = bottom + 1
        while top <= last and not scan.done:
            stop = min(last, top + BELOW_BLOCK - 1)
            values = self._values(sheet, f"{cell_address(top, left)}:{cell_address(stop, right)}")
            for offset, row in enumerate(values):
                filled = next((left + c for c, v in enumerate(row) if v not in (None, "")), None)
                if not scan.add(top + offset, filled):
                    break
            top = stop + 1
        return scan.result()

    def _read_block(self, spec: TableSpec, sheet: xw.Sheet) -> RawTable | None:
        """The header-plus-rows block starting at A1 of a sheet without an Excel Table."""
        used = sheet.used_range
        _, (last_row, last_col) = parse_range(str(used.address))
        values = self._values(sheet, f"A1:{cell_address(last_row, last_col)}")
        if not values or all(v is None for v in values[0]):
            return None
        header = values[0]
        width = next((i for i, v in enumerate(header) if v is None), len(header))
        body = [row[:width] for row in values[1:]]
        while body and all(v is None for v in body[-1]):
            body.pop()
        if self.remote:  # the same raw cells as a table gives (see _remote_columns)
            headings = tuple("" if h is None else str(h) for h in header[:width])
            columns = (
                self._remote_columns(sheet, f"A2:{cell_address(len(body) + 1, width)}")
                if body
                else tuple(pd.Series([], dtype=object) for _ in range(width))
            )
            return RawTable(spec.name, str(sheet.name), 1, 1, headings, columns)
        return RawTable.from_rows(spec.name, str(sheet.name), [header[:width], *body], 1, 1)

    # -- writing ---------------------------------------------------------------------------------

    def _write_block(self, sheet: xw.Sheet, top: int, left: int, rows: list[list[CellValue]]) -> None:
        """Values in as few writes as fit ``max_cells_per_write`` cells and ``max_chars_per_write``
        characters of text (one Office.js request each)."""
        if not rows:
            return
        width = max(len(r) for r in rows) or 1
        for start, stop in _blocks(rows, max(1, self.max_cells_per_write // width), self.max_chars_per_write):
            chunk = rows[start:stop]
            if self.remote:
                # Queue the setValues action straight from the coordinates: xlwings' conversion
                # pipeline would copy the whole sheet's values for every write (seconds at 100k rows).
                end = (top + start + len(chunk) - 1, left + width - 1)
                sheet.range((top + start, left), end).raw_value = [
                    [_json_text(v) for v in r] + [""] * (width - len(r)) for r in chunk
                ]
            else:
                sheet.range((top + start, left)).value = [
                    [safe_text(v) for v in r] + [None] * (width - len(r)) for r in chunk
                ]

    def _owned_sheet(self, name: str) -> xw.Sheet:
        sheet = self._sheet(name)
        if sheet is None:
            last = self.book.sheets[len(self.book.sheets) - 1]
            return self.book.sheets.add(name, after=last)
        sheet.clear()
        return sheet

    def write_sheet(self, sheet: OwnedSheet) -> None:
        target = self._owned_sheet(sheet.name)
        self._written[sheet.name.casefold()] = sheet
        rows = sheet.rows
        self._write_block(target, 1, 1, rows)
        n_rows = len(rows)
        width = max((len(r) for r in rows), default=0)
        if n_rows == 0 or width == 0:
            return

        bold = set(range(min(sheet.header_rows, n_rows))) | {r for r in sheet.bold_rows if r < n_rows}
        for first, last in runs(bold):
            target.range((first + 1, 1), (last + 1, width)).font.bold = True

        first_data = sheet.header_rows + 1
        if n_rows >= first_data:
            for col, fmt in sorted(sheet.number_formats.items()):
                target.range((first_data, col + 1), (n_rows, col + 1)).number_format = fmt
                for first, last in runs(_formatted_apart(rows, first_data - 1, col, fmt)):
                    cells = target.range((first + 1, col + 1), (last + 1, col + 1))
                    cells.number_format = cell_number_format(fmt, rows[first][col])

        for col, chars in sorted(sheet.widths.items()):
            self._set_width(target.range((1, col + 1)), chars)

        self._wrap(target, sheet, n_rows, width)

        fills: dict[str, list[str]] = defaultdict(list)
        for (r, c), color in sheet.fills.items():
            fills[color].append(cell_address(r + 1, c + 1))
        for color, cells in sorted(fills.items()):
            for address in cell_runs(cells):
                target.range(address).color = color

        for (r, c), link in sorted(sheet.links.items())[: self.max_links]:
            text = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
            target.range((r + 1, c + 1)).add_hyperlink(
                link, text_to_display=str(safe_text("" if text is None else str(text))), screen_tip=link
            )

        if sheet.header_rows:
            with contextlib.suppress(NotImplementedError, AttributeError):  # not every engine can
                target.freeze_panes.freeze_at(f"A{sheet.header_rows + 1}")
        self._page_setup(target, sheet)
        self._charts(target, sheet)
        if sheet.hidden:
            self._hide(target)

    def _charts(self, target: xw.Sheet, sheet: OwnedSheet) -> None:
        """Replace the sheet's charts with ``sheet.charts``, native Excel charts over its own cells.

        xlwings (0.37.3 and later) makes them on both engines: on xlwings Server each is an
        ``addChart`` action (Office.js ``charts.add``) followed by its title, legend and axis
        actions. The old charts are deleted first: on xlwings Server the payload lists a
        sheet's charts only when the script includes the sheet, which the statements' do."""
        old = list(target.charts)
        for chart in reversed(old):
            chart.delete()
        for spec in sheet.charts:
            top, left, bottom, right = spec.source
            chart = target.charts.add(
                width=spec.width,
                height=spec.height,
                chart_type=CHART_TYPES[spec.kind],
                source=target.range((top + 1, left + 1), (bottom + 1, right + 1)),
                plot_by="columns",
                name=spec.name,
                anchor=target.range((spec.anchor[0] + 1, spec.anchor[1] + 1)),
            )
            chart.title = spec.title
            if spec.series_count > 1:
                chart.legend.position = "bottom"
            else:
                chart.legend.visible = False  # one series: the title says what it is
            chart.value_axis.number_format = spec.number_format
            if spec.kind == "bar":  # the largest first, at the top; the amounts' axis still at the bottom
                chart.category_axis.set(reverse_order=True, crosses="maximum")

    def _hide(self, target: xw.Sheet) -> None:
        """Very hidden: Office.js ``VeryHidden`` (xlwings' setSheetVisibility action), COM
        ``xlSheetVeryHidden``; plain hidden on an engine that knows neither."""
        if self.remote:
            target.impl.append_json_action(func="setSheetVisibility", args="VeryHidden")
            return
        try:
            target.api.Visible = XL_SHEET_VERY_HIDDEN
        except Exception:  # not COM: the engine's own hidden
            target.visible = False

    def _wrap(self, target: xw.Sheet, sheet: OwnedSheet, n_rows: int, width: int) -> None:
        """Wrap (top-aligned) the column headings and the cells of ``sheet.wrap_columns``; one
        action a run of columns, then the rows' heights fit their text."""
        blocks = []
        heading = sheet.heading_row
        if heading is not None:
            blocks.append(target.range((heading + 1, 1), (heading + 1, width)))
        first = sheet.header_rows + 1
        if n_rows >= first and sheet.wrap_columns:
            for left, right in runs(c for c in sheet.wrap_columns if c < width):
                blocks.append(target.range((first, left + 1), (n_rows, right + 1)))
            target.range((first, 1), (n_rows, width)).vertical_alignment = "top"
        for block in blocks:
            block.wrap_text = True
        if heading is not None:
            target.range((heading + 1, 1), (heading + 1, width)).vertical_alignment = "top"
        if blocks:
            with contextlib.suppress(NotImplementedError, AttributeError):
                target.range((1, 1), (n_rows, width)).rows.autofit()

    def _page_setup(self, target: xw.Sheet, sheet: OwnedSheet) -> None:
        """Landscape (portrait if the sheet asks), every column on one page wide, the heading rows on
        top of every page."""
        titles = print_title_rows(sheet)
        orientation = "portrait" if sheet.portrait else "landscape"
        if self.remote:
            setup = {"orientation": orientation, "fitToWidth": 1, "printTitleRows": titles}
            target.impl.append_json_action(func=PAGE_SETUP_ACTION, args=[setup])
            return
        with contextlib.suppress(Exception):  # a desktop Excel without a printer refuses PageSetup
            page = target.api.PageSetup
            page.Orientation = XL_PORTRAIT if sheet.portrait else XL_LANDSCAPE
            page.Zoom = False
            page.FitToPagesWide = 1
            page.FitToPagesTall = False
            page.PrintTitleRows = titles

    def _sent_rows(self, name: str) -> list[list[CellValue]] | None:
        """A sheet's values as the workbook had them when the run began (the payload's, on xlwings
        Server: sent when the script includes the sheet); None when absent or not sent."""
        sheet = self._sheet(name)
        if sheet is None:
            return None
        try:
            _, (last_row, last_col) = parse_range(str(sheet.used_range.address))
            return self._values(sheet, f"A1:{cell_address(last_row, last_col)}")
        except Exception:  # sheet values not sent, or an empty sheet
            return None

    def read_sheet(self, name: str) -> list[list[CellValue]] | None:
        """An owned sheet's values: as this run wrote it, else as the workbook has it."""
        written = self._written.get(name.casefold())
        if written is not None:
            return [list(row) for row in written.rows]
        return self._sent_rows(name)

    def previous_highlights(self) -> dict[str, list[str]]:
        """The cells the last run highlighted, read back from the Issues sheet's Sheet and Cell
        columns (sent in the payload when a script includes the Issues sheet)."""
        values = self._sent_rows(ISSUES_SHEET)
        if not values:
            return {}
        for header_index, row in enumerate(values[:5]):
            folded = [_heading_en(v) for v in row]
            if "sheet" in folded and "cell" in folded:
                s_col, c_col = folded.index("sheet"), folded.index("cell")
                out: dict[str, list[str]] = defaultdict(list)
                for row2 in values[header_index + 1 :]:
                    name, cell = row2[s_col], row2[c_col]
                    if isinstance(name, str) and isinstance(cell, str) and is_a1(cell):
                        out[name].append(cell.strip().replace("$", "").upper())
                return dict(out)
        return {}

    def write_highlights(self, highlights: Sequence[Highlight]) -> None:
        wanted: dict[tuple[str, str], str] = {}
        for h in highlights:
            for cell in filter(is_a1, h.cells):  # one cell each: what the next run reads back to clear
                key = (h.sheet, cell.replace("$", "").upper())
                if key not in wanted and len(wanted) < self.max_highlights:
                    wanted[key] = h.color
                elif key not in wanted:
                    self.highlights_dropped += 1
        self.highlights_written = len(wanted)

        for sheet_name, cells in self.previous_highlights().items():
            sheet = self._sheet(sheet_name)
            stale = [c for c in cells if (sheet_name, c) not in wanted]
            if sheet is None or not stale:
                continue
            for address in cell_runs(stale[: self.max_highlights]):
                sheet.range(address).color = None

        grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
        for (sheet_name, cell), color in wanted.items():
            grouped[(sheet_name, color)].append(cell)
        for (sheet_name, color), cells in grouped.items():
            sheet = self._sheet(sheet_name)
            if sheet is None:
                continue
            for address in cell_runs(cells):
                sheet.range(address).color = color

    def table_layout(self, spec: TableSpec) -> TableLayout | None:
        """Where a table is and what its header says — without reading the table's rows."""
        found = self._find_table(spec.name)
        header = found[1].header_row_range if found is not None else None
        if found is None or header is None:  # no Excel Table, or its headers switched off
            table = self.read_table(spec)
            sheet = self._sheet(table.sheet) if table is not None else None
            if table is None or sheet is None:
                return None
            headings = table.headings + self._added[spec.name.casefold()]
            return TableLayout(sheet, table.header_row, table.first_col, headings, table.row_count)
        (header_row, left), _ = parse_range(str(header.address))
        headings = tuple("" if h is None else str(h) for h in self._values(found[0], str(header.address))[0])
        body = found[1].data_body_range
        rows = parse_range(str(body.address))[1][0] - header_row if body is not None else 0
        return TableLayout(found[0], header_row, left, headings + self._added[spec.name.casefold()], rows)

    def _set_width(self, cell: Any, chars: float) -> None:
        """The width of ``cell``'s column, given in characters (points on the remote engine)."""
        cell.column_width = chars * POINTS_PER_CHARACTER if self.remote else chars

    def write_column(self, spec: TableSpec, column: str, values: Sequence[CellValue]) -> None:
        """Fill one owned column of a table. On xlwings Server only the cells whose value changes
        are sent (runs of them, see :func:`changed_runs`): a re-run that matches as before writes
        nothing, and a first run writes only the matched lines, not 100,000 blanks."""
        table = self.table_layout(spec)
        if table is None:
            return
        names = [canonical_column(spec, h) for h in table.headings]
        if column not in names and self._adopt_owned(spec, table):
            table = self.table_layout(spec) or table
            names = [canonical_column(spec, h) for h in table.headings]
        if column in names:
            position = names.index(column)
        else:
            position = len(table.headings)
            self._add_column(spec, table, column, table.first_col + position)
        top, col = table.header_row + 1, table.first_col + position
        if not self.remote:
            self._write_block(table.sheet, top, col, [[v] for v in values])
            return
        current = self._grid(table.sheet, top, col, top + len(values) - 1, col)[:, 0]
        for first, last in changed_runs(current, values):
            self._write_block(table.sheet, top + first, col, [[v] for v in values[first : last + 1]])

    def _adopt_owned(self, spec: TableSpec, table: TableLayout) -> bool:
        """Widen the Excel Table over the owned columns an earlier Bahi run headed just right of it
        without widening it (a header cell holding exactly an owned column's heading): they are
        Bahi's columns, not the user's data. Whether any was."""
        found = self._find_table(spec.name)
        if found is None or found[1].range is None:
            return False
        right = table.first_col + len(table.headings) - 1
        adopted: list[str] = []
        while True:
            ((value,),) = self._values(table.sheet, cell_address(table.header_row, right + 1))
            if value not in owned_headings(spec, table.headings + tuple(adopted)):
                break
            adopted.append(value)
            right += 1
        if not adopted:
            return False
        (top, left), (bottom, _) = parse_range(str(found[1].range.address))
        found[1].resize(table.sheet.range((top, left), (bottom, right)))
        if self.remote:
            self._added[spec.name.casefold()] += tuple(adopted)
        return True

    def _add_column(self, spec: TableSpec, table: TableLayout, column: str, col: int) -> None:
        """Add owned ``column`` at worksheet column ``col``, the table's right edge: its heading
        (bold, wrapped, wide enough), then the Excel Table widened over it (the ``resizeTable``
        action on xlwings Server, ``ListObject.Resize`` on desktop). Refuses (bilingual), before
        writing, when a cell of the new column beside the table holds the user's data."""
        found = self._find_table(spec.name)
        taken = self._first_taken(table.sheet, (table.header_row, col), (table.header_row + table.rows, col))
        if taken:
            name = str(found[1].name) if found is not None else spec.name
            raise no_room_beside(name, str(table.sheet.name), taken)
        owned = spec.column(column)
        self._write_block(table.sheet, table.header_row, col, [[owned.heading]])
        heading = table.sheet.range((table.header_row, col))
        heading.font.bold = True  # like the template's headings (setFontProperty on the server)
        heading.wrap_text = True
        if owned.width:
            self._set_width(heading, owned.width)
        if found is not None and found[1].range is not None:
            (top, left), (bottom, _) = parse_range(str(found[1].range.address))
            found[1].resize(table.sheet.range((top, left), (bottom, col)))
        if self.remote:
            self._added[spec.name.casefold()] += (owned.heading,)

    def append_rows(self, spec: TableSpec, rows: NewRows) -> None:
        """Add rows at the bottom of an Excel Table (see ``Workbook.append_rows``).

        One range write puts the values under the table's last non-blank row (filling its trailing
        blank rows first), then ``Table.resize`` grows the table over them (the ``resizeTable``
        action on xlwings Server, which the Office.js task pane applies; ``ListObject.Resize`` on
        desktop) and each date or amount column gets one number-format write: the last data row's
        format on desktop; dd/mm/yyyy and the Indian amount format on the remote engine, which
        cannot read formats synchronously. Strings go through :func:`safe_text`.
        """
        rows = row_mappings(rows)
        if not rows:
            return
        found = self._find_table(spec.name)
        raw = self.read_table(spec) if found is not None else None
        if found is None or raw is None:
            raise no_table_for_rows(spec, self.name)
        sheet, table = found
        (top, left), (bottom, right) = parse_range(str(table.range.address))
        first = raw.header_row + 1 + filled_rows(raw)
        last = first + len(rows) - 1
        self._check_room(sheet, str(table.name), (max(first, bottom + 1), left), (last, right))
        block = [table_row(spec, raw.headings, row) for row in rows]
        self._write_block(sheet, first, left, block)
        if last > bottom:
            table.resize(sheet.range((top, left), (last, right)))
        reference = first - 1 if first - 1 > raw.header_row else first
        for i in range(len(raw.headings)):
            number_format = self._column_format(sheet, (reference, left + i), [r[i] for r in block])
            if number_format:
                sheet.range((first, left + i), (last, left + i)).number_format = number_format

    def _check_room(self, sheet: xw.Sheet, table: str, start: tuple[int, int], end: tuple[int, int]) -> None:
        """Refuse (bilingual) when a cell below the table that the new rows need holds data."""
        taken = self._first_taken(sheet, start, end)
        if taken:
            raise no_room_below(table, str(sheet.name), taken)

    def _first_taken(self, sheet: xw.Sheet, start: tuple[int, int], end: tuple[int, int]) -> str:
        """The first cell (row by row) from ``start`` to ``end`` that holds data, or "" when all are empty."""
        if start[0] > end[0]:
            return ""
        values = self._values(sheet, f"{cell_address(*start)}:{cell_address(*end)}")
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    return cell_address(start[0] + r, start[1] + c)
        return ""

    def _column_format(
        self, sheet: xw.Sheet, reference: tuple[int, int], values: list[CellValue]
    ) -> str | None:
        """The number format for an appended column: the reference cell's when it can be read and is
        not General, else one fitting the values (a date, an amount), else None (leave it)."""
        if not self.remote:
            with contextlib.suppress(Exception):  # a cell without a readable format: fall back
                number_format = sheet.range(reference).number_format
                if number_format and str(number_format) != "General":
                    return str(number_format)
        if any(isinstance(v, dt.date) for v in values):
            return DATE_FORMAT
        if any(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            return INR_FORMAT
        return None

    def save(self) -> None:
        """Nothing to do: xlwings Server applies the queued actions, desktop Excel keeps the
        changes in the open workbook for the user to save."""
