"""The file adapter: a :class:`~addin.books.base.Workbook` over an .xlsx file on disk (the ``bahi`` command).

Reading goes through fastexcel (Arrow) for the cell values and one streaming pass over the
table's sheet XML for what Arrow loses: error cells (``#N/A`` arrives as text, not null) and merged
ranges. Writing never re-serialises a sheet it leaves alone: :meth:`FileBook.save` rebuilds the zip
with untouched entries copied raw (same compressed bytes, same CRC), replaces or adds only the
owned sheets (with the drawing and chart parts of their charts: :mod:`addin.books.xlsx_charts`;
a replaced sheet's earlier ones are removed), and rewrites a user sheet only to swap Bahi's
conditional-format highlights in its tail, fill owned columns, or append rows at the bottom of a
table (its other cells' bytes are streamed through unchanged).

>>> FileBook.open("no-such-book.xlsx")
Traceback (most recent call last):
...
addin.books.base.BookError: Workbook file not found: no-such-book.xlsx
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import posixpath
import re
import shutil
import tempfile
import threading
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

import fastexcel
import numpy as np
import pandas as pd

from addin.books.base import (
    DATE_FORMAT,
    SHEET_MARK,
    BookError,
    CellValue,
    Highlight,
    NewRows,
    OwnedSheet,
    SheetChart,
    made_by_bahi,
    no_room_below,
    no_room_beside,
    no_table,
    no_table_for_rows,
    not_bahi_sheet,
    owned_headings,
    print_title_rows,
    table_columns,
)
from addin.books.xlsx_charts import (
    CHART_CONTENT_TYPE,
    CHART_REL,
    DRAWING_CONTENT_TYPE,
    DRAWING_REL,
    SHEET_DRAWING_ID,
    chart_xml,
    drawing_xml,
    relationships,
)
from addin.books.xlsx_parts import (
    CALC_CHAIN_REL,
    CONTENT_TYPES,
    REL_NS,
    SHARED_STRINGS_REL,
    STYLES_REL,
    WORKSHEET_CONTENT_TYPE,
    WORKSHEET_REL,
    Package,
    PackageError,
    SheetRef,
    TableRef,
    ZipWriter,
    attributes,
    rels_part,
)
from addin.books.xlsx_rows import RowsAppend
from addin.books.xlsx_sheet_xml import (
    ColumnEditor,
    ColumnValues,
    OccupiedCellError,
    OccupiedRowError,
    RowAppender,
    SheetScan,
    highlight_block,
    max_priority,
    number_cells,
    owned_sheet_xml,
    part_head,
    replace_highlights,
    row_styles,
    scan_sheet,
    scan_table_bottom,
)
from addin.books.xlsx_styles import MINIMAL_STYLESHEET, CellStyle, Styles
from addin.books.xlsx_values import SharedTail, date_styles, sheet_values
from addin.engine.cells import cell_address, column_letter, parse_range, quote_sheet
from addin.engine.schema import ACCOUNTS, OWNED_SHEETS, TableSpec, canonical_column
from addin.engine.tables import RawTable

TEXT_COLUMNS = frozenset(
    {
        "Voucher", "Account", "Narration", "Party", "Reference", "Code", "Name", "Type", "Parent",
        "GSTIN", "Description", "Setting", "Match ID", "Match Rule",
    }
)  # fmt: skip
"""Columns read as text, so that a code typed as 1001 reaches the engine as "1001" (the Accounts table's
Code column then gets its numbers back, see ``FileBook._typed_codes``)."""

REWRITE_LEVEL = 1
"""Deflate level (ISA-L's, see :data:`~addin.books.xlsx_parts.FAST_LEVELS`) for a user sheet
rewritten whole — to change its highlights, fill owned columns or append rows — when it is big or
gains rows (speed over size)."""
SMALL_PART = 1 << 20
PARALLEL_ROWS = 20_000
"""Tables of at least this many rows are read two at a time by :meth:`FileBook.read_tables`."""

# fastexcel logs a warning for every all-empty column it types as string; that is expected here.
logging.getLogger("fastexcel.types.dtype").setLevel(logging.ERROR)

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK"


# -- errors ----------------------------------------------------------------------------------------


def _book_error(kind: str, path: Path, detail: str = "") -> BookError:
    name = path.name
    texts = {
        "missing": (
            f"Workbook file not found: {name}",
            f"वर्कबुक फ़ाइल नहीं मिली: {name}",
            "Check the file name and folder.",
            "फ़ाइल का नाम और फ़ोल्डर जाँचें।",
        ),
        "not_xlsx": (
            f"{name} is not an Excel .xlsx workbook{detail}.",
            f"{name} एक्सेल .xlsx वर्कबुक नहीं है{detail}।",
            "Open it in Excel and use File → Save As → Excel Workbook (*.xlsx).",
            "इसे एक्सेल में खोलें और File → Save As → Excel Workbook (*.xlsx) चुनें।",
        ),
        "empty": (
            f"{name} is empty (0 bytes).",
            f"{name} खाली है (0 बाइट)।",
            "Use a saved copy of the workbook, or start again from the template.",
            "वर्कबुक की सहेजी गई प्रति लें, या टेम्पलेट से फिर शुरू करें।",
        ),
        "encrypted": (
            f"{name} is password-protected, so it cannot be read.",
            f"{name} पासवर्ड से सुरक्षित है, इसलिए पढ़ी नहीं जा सकती।",
            "Remove the password: File → Info → Protect Workbook → Encrypt with Password, clear it, save.",
            "पासवर्ड हटाएँ: File → Info → Protect Workbook → Encrypt with Password, उसे खाली करें, सहेजें।",
        ),
        "corrupt": (
            f"{name} is damaged and cannot be read as a workbook{detail}.",
            f"{name} क्षतिग्रस्त है, वर्कबुक के रूप में पढ़ी नहीं जा सकती{detail}।",
            "Open it in Excel (it offers to repair it) and save it again as .xlsx, or use a backup.",
            "इसे एक्सेल में खोलें (वह सुधारने का विकल्प देगा) और फिर .xlsx के रूप में सहेजें, या बैकअप लें।",
        ),
        "unwritable": (
            f"Could not save {name}{detail}.",
            f"{name} सहेजी नहीं जा सकी{detail}।",
            "Close the workbook in Excel, check the folder is writable, then run again.",
            "एक्सेल में वर्कबुक बंद करें, फ़ोल्डर में लिखने की अनुमति जाँचें, फिर दोबारा चलाएँ।",
        ),
    }
    en, hi, fix_en, fix_hi = texts[kind]
    return BookError(en, hi, fix_en=fix_en, fix_hi=fix_hi)


def _check_file(path: Path) -> None:
    """Raise the right BookError for a file that is not a readable .xlsx."""
    if not path.is_file():
        raise _book_error("missing", path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            size = path.stat().st_size
            ole = head == _OLE2_MAGIC and _contains(handle, b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d")
    except OSError as exc:
        raise _book_error("corrupt", path, f" ({exc.strerror})") from exc
    if size == 0:
        raise _book_error("empty", path)
    if ole:
        raise _book_error("encrypted", path)
    suffix = path.suffix.lower()
    if suffix != ".xlsx" and suffix not in {".xlsm"}:
        shown = f" ({suffix or 'no extension'})"
        raise _book_error("not_xlsx", path, shown)
    if head == _OLE2_MAGIC:
        raise _book_error("not_xlsx", path, " (old .xls format)")
    if not head.startswith(_ZIP_MAGIC):
        raise _book_error("corrupt", path)


def _contains(handle: Any, needle: bytes, limit: int = 1 << 22) -> bool:
    """Whether the first ``limit`` bytes of an open file contain ``needle`` (OLE2 directory names are
    UTF-16 and sit near the start)."""
    handle.seek(0)
    return needle in handle.read(limit)


def _open_package(path: Path) -> Package:
    _check_file(path)
    try:
        return Package(path)
    except PackageError as exc:
        if "workbook.xml" in str(exc):
            raise _book_error("not_xlsx", path, " (no xl/workbook.xml inside)") from exc
        raise _book_error("corrupt", path) from exc
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise _book_error("corrupt", path) from exc


# -- reading helpers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    """A rectangular range, 1-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    @classmethod
    def parse(cls, ref: str) -> _Box | None:
        try:
            (top, left), (bottom, right) = parse_range(ref.strip())
        except ValueError:
            return None
        return cls(min(top, bottom), min(left, right), max(top, bottom), max(left, right))

    def intersects(self, other: _Box) -> bool:
        return not (
            other.left > self.right
            or other.right < self.left
            or other.top > self.bottom
            or other.bottom < self.top
        )


def _series(values: Any) -> pd.Series[Any]:
    return values.to_pandas() if hasattr(values, "to_pandas") else pd.Series(values)


def _apply_errors(
    columns: list[pd.Series[Any]],
    errors: Mapping[tuple[int, int], str | bool],
    first_row: int,
    first_col: int,
) -> list[pd.Series[Any]]:
    """Put error texts (``#N/A``) back where the reader left nulls (and yes/no values where it
    changed them)."""
    by_column: dict[int, list[tuple[int, str | bool]]] = defaultdict(list)
    for (row, col), text in errors.items():
        position, index = col - first_col, row - first_row
        if 0 <= position < len(columns) and 0 <= index < len(columns[position]):
            by_column[position].append((index, text))
    for position, fixes in by_column.items():
        column = columns[position].astype(object)
        for index, text in fixes:
            column.iat[index] = text
        columns[position] = column
    return columns


def _retyped(
    columns: list[pd.Series[Any]], booleans: dict[tuple[int, int], str], first_row: int, first_col: int
) -> dict[tuple[int, int], bool]:
    """The TRUE/FALSE cells the reader did not keep as booleans (it writes "true" in a text column,
    1.0 in a number column): each as the yes/no value Excel (and the xlwings adapter) gives, so that
    it is never read as a number and an issue says it is a yes/no value, quoting it as TRUE/FALSE."""
    kept: dict[tuple[int, int], bool] = {}
    for (row, col), text in booleans.items():
        position, index = col - first_col, row - first_row
        inside = 0 <= position < len(columns) and 0 <= index < len(columns[position])
        if inside and not isinstance(columns[position].iat[index], bool | np.bool_):
            kept[row, col] = text.upper() == "TRUE"
    return kept


# -- the adapter -----------------------------------------------------------------------------------


class FileBook:
    """A workbook file on disk. Use :meth:`open`; write with ``write_*``; persist with :meth:`save`."""

    def __init__(self, path: str | os.PathLike[str], package: Package | None = None) -> None:
        self.path = Path(path)
        self.package = package if package is not None else _open_package(self.path)
        self._reset()

    def _reset(self) -> None:
        self._readers = threading.local()  # a fastexcel reader per thread: one loads one sheet at a time
        self._dated: frozenset[int] | None = None  # the cell styles that show dates (xlsx_values)
        self._tail: SharedTail | Literal[False] | None = None  # the shared strings' end (xlsx_values)
        self._calamine: Any = None  # python-calamine, opened once for every read it makes (_calamine_grid)
        self._scans: dict[str, SheetScan] = {}
        self._styles: Styles | None = None
        self._owned: dict[str, tuple[str, bytes]] = {}  # folded name -> (name, sheet XML)
        self._owned_sheets: dict[str, OwnedSheet] = {}  # folded name -> the sheet as written
        self._highlights: list[Highlight] | None = None
        self._columns: dict[str, _TableEdit] = {}  # folded table name -> owned columns to write
        self._appends: dict[str, _TableAppend] = {}  # folded table name -> rows to add at its bottom

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> FileBook:
        """Open an .xlsx file, or raise a bilingual BookError saying what is wrong and how to fix it."""
        return cls(path)

    def close(self) -> None:
        self.package.close()

    def __enter__(self) -> FileBook:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def name(self) -> str:
        return self.path.name

    def sheet_names(self) -> list[str]:
        """The file's sheets, then the owned sheets written in this session that it does not have
        yet (as Excel lists a sheet a macro has just added)."""
        names = [s.name for s in self.package.sheets]
        present = {n.casefold() for n in names}
        return names + [name for key, (name, _) in self._owned.items() if key not in present]

    @property
    def dirty(self) -> bool:
        """Whether anything was written since opening (``save`` is a no-op otherwise)."""
        return bool(self._owned) or self._highlights is not None or bool(self._columns) or bool(self._appends)

    # -- reading -------------------------------------------------------------------------------
    def read_table(self, spec: TableSpec) -> RawTable | None:
        """The Excel Table named ``spec.name``, else the block on sheet ``spec.sheet``, else None."""
        try:
            table = self.package.table(spec.name)
            if table is not None:
                return self._read_excel_table(spec, table)
            sheet = self.package.sheet(spec.sheet)
            if sheet is not None and sheet.part:
                return self._read_sheet_block(spec, sheet)
        except (PackageError, fastexcel.FastExcelError, UnicodeDecodeError, ValueError) as exc:
            raise BookError(
                f"Could not read table {spec.name} in {self.name}: {exc}",
                f"{self.name} में तालिका {spec.name} पढ़ी नहीं जा सकी: {exc}",
                fix_en="Open the workbook in Excel, save it again as .xlsx, then rerun.",
                fix_hi="वर्कबुक एक्सेल में खोलें, फिर से .xlsx के रूप में सहेजें, फिर दोबारा चलाएँ।",
                sheet=spec.sheet,
            ) from exc
        return None

    def read_tables(self, specs: Sequence[TableSpec]) -> dict[str, RawTable | None]:
        """Each spec's table by name, as :meth:`read_table` reads it; tables of
        :data:`PARALLEL_ROWS` rows or more two at a time, biggest first (fastexcel parses a sheet
        outside the GIL, so two big sheets take about the time of the bigger on two cores). The
        first error in ``specs``'s order is raised, as reading them one by one would."""
        rows = {spec.name: self._table_rows(spec) for spec in specs}
        big = sorted((s for s in specs if rows[s.name] >= PARALLEL_ROWS), key=lambda s: -rows[s.name])
        if len(big) < 2:
            return {spec.name: self.read_table(spec) for spec in specs}
        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes: dict[str, Future[RawTable | None]] = {
                spec.name: pool.submit(self.read_table, spec) for spec in big
            }
            for spec in specs:
                if spec.name not in outcomes:
                    done: Future[RawTable | None] = Future()
                    outcomes[spec.name] = done
                    try:
                        done.set_result(self.read_table(spec))
                    except BookError as exc:
                        done.set_exception(exc)
        return {spec.name: outcomes[spec.name].result() for spec in specs}

    def _table_rows(self, spec: TableSpec) -> int:
        """Rows of the Excel Table ``spec.name`` by its range (0 when there is none or it is unreadable)."""
        try:
            table = self.package.table(spec.name)
        except (PackageError, UnicodeDecodeError, ValueError):  # read_table says what is wrong
            return 0
        box = _Box.parse(table.ref) if table is not None else None
        return 0 if box is None else box.bottom - box.top

    def _scan(self, part: str, below: tuple[int, range] | None = None) -> SheetScan:
        """The scan of a sheet part (made once; again only to look under another table)."""
        scan = self._scans.get(part)
        if scan is None or (below is not None and scan.watched != below):
            scan = self._scans[part] = scan_sheet(self.package.chunks(part), below)
        return scan

    def _fastexcel(self) -> fastexcel.ExcelReader:
        reader: fastexcel.ExcelReader | None = getattr(self._readers, "reader", None)
        if reader is None:
            reader = self._readers.reader = fastexcel.read_excel(str(self.path))
        return reader

    def _sheet_ref(self, name: str) -> SheetRef:
        sheet = self.package.sheet(name)
        if sheet is None or not sheet.part:
            raise PackageError(f"sheet {name!r} has no worksheet part")
        return sheet

    def _read_excel_table(self, spec: TableSpec, table: TableRef) -> RawTable:
        box = _Box.parse(table.ref)
        if box is None:
            raise PackageError(f"table {table.name} has an unreadable range {table.ref!r}")
        sheet = self._sheet_ref(table.sheet)
        header_row = box.top + table.header_rows - 1 if table.header_rows else box.top - 1
        first_data, last_data = header_row + 1, box.bottom - table.totals_rows
        rows = max(last_data - first_data + 1, 0)
        width = box.right - box.left + 1
        headings = table.column_names if len(table.column_names) == width else ()
        with ThreadPoolExecutor(max_workers=1) as pool:
            scanning = pool.submit(self._scan, sheet.part, (box.bottom, range(box.left, box.right + 1)))
            columns, names = self._load_block(
                spec,
                sheet=sheet.name,
                first_data=first_data,
                rows=rows,
                left=box.left,
                width=width,
                headings=headings,
            )
            scan = scanning.result()
        if spec.name == ACCOUNTS.name:
            columns = self._typed_codes(
                spec, columns, part=sheet.part, headings=names, first_data=first_data, left=box.left
            )
        columns = _apply_errors(columns, scan.errors, first_data, box.left)
        booleans = _retyped(columns, scan.booleans, first_data, box.left)
        columns = _apply_errors(columns, booleans, first_data, box.left)
        merged = tuple(m for m in scan.merged if (b := _Box.parse(m)) is not None and b.intersects(box))
        return RawTable(
            name=table.name,
            sheet=sheet.name,
            header_row=header_row,
            first_col=box.left,
            headings=headings or names,
            columns=tuple(columns),
            merged=merged,
            below=scan.below,
        )

    def _load_block(
        self,
        spec: TableSpec,
        *,
        sheet: str,
        first_data: int,
        rows: int,
        left: int,
        width: int,
        headings: Sequence[str],
    ) -> tuple[list[pd.Series[Any]], tuple[str, ...]]:
        """Cells of rows ``first_data``.. (``rows`` of them) and columns ``left``.. (``width``), by column."""
        if rows == 0:
            return [pd.Series([], dtype=object) for _ in range(width)], tuple(headings)
        dtypes: dict[int | str, Any] = {
            left - 1 + i: "string"  # fastexcel keys dtypes by absolute column index
            for i, h in enumerate(headings)
            if canonical_column(spec, h) in TEXT_COLUMNS
        }
        loaded = self._fastexcel().load_sheet(
            sheet,
            header_row=None,
            skip_rows=first_data - 1,
            n_rows=rows,
            use_columns=list(range(left - 1, left - 1 + width)),
            dtypes=dtypes or None,
            schema_sample_rows=None,  # a text cell in row 50,000 must not turn into a null
            dtype_coercion="coerce",
            eager=True,
        )
        columns = [loaded.column(i).to_pandas() for i in range(loaded.num_columns)]
        columns += [pd.Series([None] * rows, dtype=object) for _ in range(width - len(columns))]
        columns = [c if len(c) == rows else _pad(c, rows) for c in columns]
        return columns, tuple(headings)

    def _typed_codes(
        self,
        spec: TableSpec,
        columns: list[pd.Series[Any]],
        *,
        part: str,
        headings: Sequence[str],
        first_data: int,
        left: int,
    ) -> list[pd.Series[Any]]:
        """The Code column with the codes typed as numbers given as numbers, as the xlwings adapter
        reads them, so that Post writes a Journal line's account with its code's type (the engine
        reads 1001 and "1001" as the same code). The Accounts sheet is small: its XML is read again."""
        position = next((i for i, h in enumerate(headings) if canonical_column(spec, h) == "Code"), None)
        if position is None or not len(columns[position]):
            return columns
        numbers = number_cells(self.package.chunks(part), left + position)
        if not numbers:
            return columns
        codes = columns[position].astype(object).copy()
        for row, number in numbers.items():
            if 0 <= row - first_data < len(codes):
                codes.iat[row - first_data] = number
        typed = list(columns)
        typed[position] = codes
        return typed

    def _read_sheet_block(self, spec: TableSpec, sheet: SheetRef) -> RawTable | None:
        """No Excel Table: the first non-empty row of the sheet is the header, rows follow until the end."""
        with ThreadPoolExecutor(max_workers=1) as pool:
            scanning = pool.submit(self._scan, sheet.part)
            grid = self._calamine_grid(sheet.name)
            scan = scanning.result()
        header_index = next((i for i, row in enumerate(grid) if any(v not in ("", None) for v in row)), None)
        if header_index is None:
            return None
        header = list(grid[header_index])
        left = next(i for i, v in enumerate(header) if v not in ("", None))
        right = len(header)
        while right > left and header[right - 1] in ("", None):
            right -= 1
        body = [
            list(r[left:right]) + [""] * (right - left - len(r[left:right])) for r in grid[header_index + 1 :]
        ]
        while body and all(v in ("", None) for v in body[-1]):
            body.pop()
        headings = tuple("" if v is None else str(v) for v in header[left:right])
        columns = [
            pd.Series([None if r[i] == "" else r[i] for r in body], dtype=object) for i in range(right - left)
        ]
        header_row, first_col = header_index + 1, left + 1
        columns = _apply_errors(columns, scan.errors, header_row + 1, first_col)
        box = _Box(header_row, first_col, header_row + len(body), right)
        merged = tuple(m for m in scan.merged if (b := _Box.parse(m)) is not None and b.intersects(box))
        return RawTable(spec.name, sheet.name, header_row, first_col, headings, tuple(columns), merged)

    def read_sheet(self, name: str) -> list[list[CellValue]] | None:
        """An owned sheet's values: as written in this session, else as the file has them (None for
        a blank cell); None when there is no such sheet or it cannot be read."""
        written = self._owned_sheets.get(name.casefold())
        if written is not None:
            return [list(row) for row in written.rows]
        sheet = self.package.sheet(name)
        if sheet is None or not sheet.part:
            return None
        rows = self._own_values(sheet.part)
        if rows is None:
            rows = self._calamine_values(sheet.name)
        if rows is None:
            return None
        return [[None if v == "" else v for v in row] for row in rows]

    def _own_values(self, part: str) -> list[list[CellValue]] | None:
        """A sheet's values from its own XML when that is enough (:mod:`~addin.books.xlsx_values`:
        a sheet as Bahi wrote it), without opening the book a second time."""
        if self._dated is None:
            styles = self._styles_part()
            present = bool(styles) and self.package.has(styles)
            self._dated = date_styles(self.package.text(styles)) if present else frozenset()
        try:
            data = self.package.read(part)
            values = sheet_values(data, self._dated)
            if values is None and b't="s"' in data:  # saved by Excel: texts in the shared strings
                values = sheet_values(data, self._dated, self._shared_tail())
        except (PackageError, KeyError, OSError, UnicodeDecodeError, zipfile.BadZipFile):
            return None
        return values

    def _shared_tail(self) -> SharedTail | None:
        """The book's shared strings, read from their end (:class:`~addin.books.xlsx_values.SharedTail`)."""
        if self._tail is None:
            rels = self.package.relationships(self.package.workbook_part)
            part = next((r.target for r in rels if r.type == SHARED_STRINGS_REL), "")
            self._tail = SharedTail(self.package.read(part)) if part and self.package.has(part) else False
        return self._tail or None

    def _calamine_values(self, sheet_name: str) -> list[list[CellValue]] | None:
        try:
            return self._calamine_grid(sheet_name)
        except PackageError:
            return None

    def _calamine_grid(self, sheet_name: str) -> list[list[CellValue]]:
        """A sheet's grid through python-calamine (the general reader: shared strings, dates), the
        book opened once for every such read (its shared strings parsed once); PackageError when
        it cannot be read."""
        import python_calamine  # noqa: PLC0415 - the slow paths only

        try:
            if self._calamine is None:
                self._calamine = python_calamine.CalamineWorkbook.from_path(str(self.path))
            rows: list[list[CellValue]] = self._calamine.get_sheet_by_name(sheet_name).to_python(
                skip_empty_area=False
            )
        except (python_calamine.CalamineError, OSError, ValueError) as exc:
            raise PackageError(f"sheet {sheet_name!r}: {exc}") from exc
        return rows

    # -- writing -------------------------------------------------------------------------------
    def _style_book(self) -> Styles:
        if self._styles is None:
            part = self._styles_part()
            xml = self.package.text(part) if part and self.package.has(part) else MINIMAL_STYLESHEET
            self._styles = Styles(xml)
            if not part:
                self._styles.changed = True
        return self._styles

    def _styles_part(self) -> str:
        rel = next(
            (r for r in self.package.relationships(self.package.workbook_part) if r.type == STYLES_REL), None
        )
        return rel.target if rel else ""

    def _date1904(self) -> bool:
        return bool(
            re.search(
                r'<(?:\w+:)?workbookPr\b[^>]*date1904="(1|true)"',
                self.package.text(self.package.workbook_part),
            )
        )

    def write_sheet(self, sheet: OwnedSheet) -> None:
        """Create or replace an owned sheet (kept in memory until :meth:`save`); a sheet of that name
        that Bahi did not make is refused (:func:`~addin.books.base.not_bahi_sheet`), nothing written."""
        if sheet.name not in OWNED_SHEETS:
            raise ValueError(f"{sheet.name!r} is not a sheet Bahi owns: {OWNED_SHEETS}")
        if not self._replaceable(sheet):
            raise not_bahi_sheet(sheet.name, self.name)
        styles = self._style_book()
        drawing = SHEET_DRAWING_ID if sheet.charts else ""
        xml = owned_sheet_xml(sheet, styles.cell_style, date1904=self._date1904(), drawing=drawing)
        self._owned[sheet.name.casefold()] = (sheet.name, xml)
        self._owned_sheets[sheet.name.casefold()] = sheet

    def _replaceable(self, sheet: OwnedSheet) -> bool:
        """Whether ``sheet`` may take the place of the book's sheet of its name: there is none, this
        session wrote it already, it carries :data:`SHEET_MARK`, or an earlier Bahi made it
        (:func:`~addin.books.base.made_by_bahi`)."""
        existing = self.package.sheet(sheet.name)
        if existing is None or sheet.name.casefold() in self._owned:
            return True
        if has_sheet_mark(self.package.text(self.package.workbook_part), existing.name):
            return True
        values = self._calamine_values(existing.name) if existing.part else None
        return values is not None and made_by_bahi(values, sheet)

    def write_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Replace Bahi's earlier highlights (on every sheet) with these, at the next save."""
        self._highlights = list(highlights)

    def write_column(self, spec: TableSpec, column: str, values: Sequence[CellValue]) -> None:
        """Fill an owned column of an Excel Table, adding it at the table's right if absent.

        Values go to the data rows in order (fewer values leave the rest empty). A new column's
        cells (its heading's and the data rows') must be empty: if the user has typed there, a
        BookError names the first such cell, here (or at :meth:`save`, for a formula showing
        nothing), and nothing is written.
        """
        owned = spec.column(column) if column in {c.en for c in spec.columns} else None
        if owned is None or not owned.owned:
            raise ValueError(f"{column!r} is not a column Bahi owns in table {spec.name}")
        if spec.name.casefold() in self._appends:
            raise ValueError(f"rows are being appended to table {spec.name}: save before writing its columns")
        table = self.package.table(spec.name)
        box = _Box.parse(table.ref) if table is not None else None
        if table is None or box is None or not table.header_rows:
            raise no_table(spec, self.name, f"{owned.en} cannot be written", f"{owned.hi} लिखा नहीं जा सकता")
        key = table.name.casefold()
        edit = self._columns.get(key) or self._table_edit(spec, table, box)  # kept once valid
        rows = edit.data_rows
        if len(values) > rows:
            raise ValueError(f"{len(values)} values for {rows} rows of table {table.name}")
        position = next(
            (i for i, h in enumerate(edit.headings) if canonical_column(spec, h) == owned.en), None
        )
        heading = None
        if position is None:
            col = box.left + len(edit.headings)
            taken = self._first_taken(spec, table.sheet, col, edit.header_row, edit.header_row + rows)
            if taken:
                raise no_room_beside(table.name, table.sheet, taken)
            heading = owned.heading
            edit.headings.append(heading)
            position = len(edit.headings) - 1
            edit.added.append(heading)
        elif position >= len(table.column_names) and position not in edit.adopted:
            heading = edit.headings[position]  # added earlier in this session, rewritten now
        col = box.left + position
        padded = tuple(values) + (None,) * (rows - len(values))
        edit.columns[col] = ColumnValues(col, edit.first_data, padded, edit.header_row, heading, owned.width)
        self._columns[key] = edit

    def _table_edit(self, spec: TableSpec, table: TableRef, box: _Box) -> _TableEdit:
        """A new edit of ``table``, widened over the owned columns an earlier Bahi run headed just
        right of it without widening it (a header cell holding exactly an owned column's heading,
        see :func:`~addin.books.base.owned_headings`): their cells are Bahi's, so written over."""
        edit = _TableEdit(table, box, list(table.column_names))
        while True:
            col = box.left + len(edit.headings)
            cells = self._column_cells(spec, table.sheet, col, edit.header_row, edit.header_row)
            value = cells[0] if cells else None
            if value not in owned_headings(spec, edit.headings):
                return edit
            edit.adopted.add(len(edit.headings))
            edit.headings.append(value)
            edit.added.append(value)

    def _column_cells(self, spec: TableSpec, sheet: str, column: int, top: int, bottom: int) -> list[Any]:
        """The values of ``column`` from row ``top`` to ``bottom``; [] when the sheet ends before it."""
        try:
            (cells,), _ = self._load_block(
                spec, sheet=sheet, first_data=top, rows=bottom - top + 1, left=column, width=1, headings=()
            )
        except fastexcel.ColumnNotFoundError:  # the sheet has nothing that far right
            return []
        return list(cells.tolist())

    def _first_taken(self, spec: TableSpec, sheet: str, column: int, top: int, bottom: int) -> str:
        """The first cell of ``column`` from row ``top`` to ``bottom`` that holds a value, or ""."""
        for offset, value in enumerate(self._column_cells(spec, sheet, column, top, bottom)):
            if value is not None and value != "" and not pd.isna(value):
                return cell_address(top + offset, column)
        return ""

    def append_rows(self, spec: TableSpec, rows: NewRows) -> None:
        """Add rows at the bottom of an Excel Table (see ``Workbook.append_rows``), at :meth:`save`.

        Only the table's sheet part and its table part change: the rows stream into the sheet (made
        column by column, :mod:`addin.books.xlsx_rows`), the table's ``ref`` and autofilter and the
        sheet's ``<dimension>`` grow. New cells copy the styles of the table's last data row; a date
        column without a date format there gets dd/mm/yyyy. Raises BookError, before anything is
        written, when the table is missing, has a totals row, or a cell the rows need below it holds
        data. Rows appended twice before a save follow on.
        """
        if len(rows) == 0:
            return
        key = spec.name.casefold()
        if key in self._columns:
            raise ValueError(f"columns of table {spec.name} are being written: save before appending rows")
        pending = self._appends.get(key)
        if pending is None:
            table, box = self._appendable_table(spec)
            pending = _TableAppend(table, box)
        count, columns = table_columns(spec, pending.table.column_names, rows)
        first = self._place(pending, count)
        pending.appends.append(
            RowsAppend.of(
                first,
                count,
                {pending.box.left + i: values for i, values in enumerate(columns)},
                styles=self._append_styles(pending, columns),
                date1904=self._date1904(),
            )
        )
        self._appends[key] = pending

    def _appendable_table(self, spec: TableSpec) -> tuple[TableRef, _Box]:
        table = self.package.table(spec.name)
        box = _Box.parse(table.ref) if table is not None else None
        if table is None or box is None or not table.header_rows or not table.column_names:
            raise no_table_for_rows(spec, self.name)
        if table.totals_rows:
            raise BookError(
                f"Table {table.name} has a Total row, so rows cannot be added below its data.",
                f"तालिका {table.name} में कुल (Total) पंक्ति है, इसलिए उसके नीचे पंक्तियाँ जोड़ी नहीं जा सकतीं।",
                fix_en="Turn off Table Design → Total Row, run again, then turn it back on.",
                fix_hi="Table Design → Total Row बंद करें, फिर चलाएँ, फिर उसे वापस चालू करें।",
                sheet=table.sheet,
            )
        return table, box

    def _place(self, pending: _TableAppend, count: int) -> int:
        """The first worksheet row of ``count`` new rows (after those already pending), found in one
        pass over the sheet; refuses (bilingual) when a cell they need below the table holds data."""
        part = self._sheet_ref(pending.table.sheet).part
        first_data = pending.box.top + pending.table.header_rows
        pending_rows = sum(a.count for a in pending.appends)
        found = scan_table_bottom(
            self.package.chunks(part),
            first_data=first_data,
            bottom=pending.box.bottom,
            columns=range(pending.box.left, pending.box.right + 1),
            count=pending_rows + count,
        )
        if found.taken:
            raise no_room_below(pending.table.name, pending.table.sheet, found.taken[0])
        if not pending.appends:
            pending.reference = found.reference
        return found.first_row + pending_rows

    def _append_styles(self, pending: _TableAppend, columns: Sequence[Any]) -> dict[int, int]:
        """The last data row's cell styles; a date column unformatted there gets dd/mm/yyyy."""
        styles = row_styles(pending.reference)
        for i, values in enumerate(columns):
            column = pending.box.left + i
            if column not in styles and values is not None and _has_dates(values):
                styles[column] = self._style_book().cell_style(CellStyle(number_format=DATE_FORMAT))
        return styles

    def save(self) -> None:
        """Write the changes back atomically, keeping the previous file as ``<stem>.bak.xlsx``."""
        if not self.dirty:
            return
        backup = self.path.with_name(f"{self.path.stem}.bak{self.path.suffix}")
        self._write_to(self.path, backup=backup)
        self.package.close()  # what was written is in the file now: read on from there
        self.package = _open_package(self.path)
        self._reset()

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write the workbook with the changes to another file (the original stays as it is)."""
        target = Path(path)
        if target.resolve() == self.path.resolve():
            self.save()
            return
        self._write_to(target, backup=None)

    def _write_to(self, target: Path, backup: Path | None) -> None:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "wb") as out:
                self._write_package(out)
            temp.chmod(_file_mode(target))
            if backup is not None and target.exists():
                with contextlib.suppress(FileNotFoundError):
                    backup.unlink()
                _keep_backup(target, backup)
            temp.replace(target)
        except BookError:
            temp.unlink(missing_ok=True)
            raise
        except OccupiedRowError as exc:
            temp.unlink(missing_ok=True)
            raise no_room_below("", "", exc.ref) from exc
        except OccupiedCellError as exc:
            temp.unlink(missing_ok=True)
            raise no_room_beside("", exc.sheet, exc.ref) from exc
        except (OSError, PackageError, zipfile.BadZipFile) as exc:
            temp.unlink(missing_ok=True)
            raise _book_error("unwritable", target, f" ({exc})") from exc
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def _write_package(self, out: Any) -> None:
        plan = _Plan(self)
        writer = ZipWriter(out)
        source = self.package.zip
        for info in source.infolist():
            name = info.filename
            if name in plan.removed:
                continue
            if name in plan.replaced:
                data = plan.replaced[name]
                chunks = data() if callable(data) else [data]
                writer.write_stream(name, chunks, level=plan.level(name), date_time=info.date_time)
            else:
                writer.copy_raw(source, info)
        for name, data in plan.added.items():
            writer.write_stream(name, [data], level=plan.level(name), date_time=_now())
        writer.close()


_DEFINED_NAME = re.compile(r"<(\w+:)?definedName\b[^>]*>.*?</\1?definedName>", re.S)


def with_print_titles(workbook: str, name: str, rows: str) -> str:
    """``workbook.xml`` with sheet ``name``'s heading rows (``rows``, "$1:$2"; "" for none) repeated
    at the top of every printed page: its ``_xlnm.Print_Titles`` defined name, replacing an earlier one.

    >>> xml = '<workbook><sheets><sheet name="Journal"/><sheet name="Issues"/></sheets></workbook>'
    >>> print(with_print_titles(xml, "Issues", "$1:$2").split("</sheets>")[1])  # doctest: +ELLIPSIS
    <definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'Issues'!$1:$2</definedName>...
    >>> with_print_titles(with_print_titles(xml, "Issues", "$1:$2"), "Issues", "$1:$3").count("Print_Titles")
    1
    """
    return _with_sheet_name(workbook, name, "_xlnm.Print_Titles", rows)


def with_sheet_mark(workbook: str, name: str) -> str:
    """``workbook.xml`` with sheet ``name`` marked as Bahi's: a hidden defined name
    :data:`~addin.books.base.SHEET_MARK` scoped to that sheet (it moves and is copied with the sheet).

    >>> xml = '<workbook><sheets><sheet name="Journal"/><sheet name="Issues"/></sheets></workbook>'
    >>> print(with_sheet_mark(xml, "Issues").split("</sheets>")[1])  # doctest: +ELLIPSIS
    <definedNames><definedName name="_BahiSheet" localSheetId="1" hidden="1">'Issues'!$A$1</definedName>...
    >>> has_sheet_mark(with_sheet_mark(xml, "Issues"), "Issues"), has_sheet_mark(xml, "Issues")
    (True, False)
    >>> has_sheet_mark(with_sheet_mark(xml, "Issues"), "Journal")
    False
    """
    return _with_sheet_name(workbook, name, SHEET_MARK, "$A$1", hidden=True)


def has_sheet_mark(workbook: str, name: str) -> bool:
    """Whether sheet ``name`` of ``workbook.xml`` carries Bahi's mark (:func:`with_sheet_mark`)."""
    position = _sheet_position(workbook, name)
    for found in _DEFINED_NAME.finditer(workbook):
        named = attributes(found.group(0)[: found.group(0).index(">") + 1])
        if named.get("name") == SHEET_MARK and named.get("localSheetId") == position:
            return True
    return False


def _sheet_position(workbook: str, name: str) -> str | None:
    """The 0-based position of sheet ``name`` in ``workbook.xml``'s list (a localSheetId), as text."""
    tags = re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook)
    names = [attributes(tag).get("name", "").casefold() for tag in tags]
    return str(names.index(name.casefold())) if name.casefold() in names else None


def _with_sheet_name(workbook: str, name: str, defined: str, cells: str, *, hidden: bool = False) -> str:
    """``workbook.xml`` with the defined name ``defined`` scoped to sheet ``name`` referring to its
    ``cells`` ("" removes it), replacing an earlier one."""
    position = _sheet_position(workbook, name)
    if position is None:
        return workbook

    def others(found: re.Match[str]) -> str:
        named = attributes(found.group(0)[: found.group(0).index(">") + 1])
        mine = named.get("name") == defined and named.get("localSheetId") == position
        return "" if mine else found.group(0)

    workbook = _DEFINED_NAME.sub(others, workbook)
    sheets_end = re.search(r"</(\w+:)?sheets>", workbook)
    if not cells or sheets_end is None:
        return workbook
    ns = sheets_end.group(1) or ""
    flag = ' hidden="1"' if hidden else ""
    entry = (
        f'<{ns}definedName name="{defined}" localSheetId="{position}"{flag}>'
        f"{escape(quote_sheet(name))}!{cells}</{ns}definedName>"
    )
    close = re.search(r"</(?:\w+:)?definedNames>", workbook)
    if close is not None:
        return workbook[: close.start()] + entry + workbook[close.start() :]
    block = f"<{ns}definedNames>{entry}</{ns}definedNames>"
    empty = re.search(r"<(?:\w+:)?definedNames\s*/>", workbook)
    if empty is not None:
        return workbook[: empty.start()] + block + workbook[empty.end() :]
    return workbook[: sheets_end.end()] + block + workbook[sheets_end.end() :]


def with_sheet_state(workbook: str, name: str, state: str) -> str:
    """``workbook.xml`` with sheet ``name``'s visibility set: ``state`` is "hidden", "veryHidden" or
    "" (visible).

    >>> xml = '<sheets><sheet name="A" sheetId="1"/><sheet name="B" state="hidden"/></sheets>'
    >>> with_sheet_state(xml, "A", "veryHidden")
    '<sheets><sheet name="A" sheetId="1" state="veryHidden"/><sheet name="B" state="hidden"/></sheets>'
    >>> with_sheet_state(xml, "B", "")
    '<sheets><sheet name="A" sheetId="1"/><sheet name="B"/></sheets>'
    """

    def restate(found: re.Match[str]) -> str:
        tag = found.group(0)
        if attributes(tag).get("name") != name:
            return tag
        tag = re.sub(r'\s+state="[^"]*"', "", tag)
        if not state:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end]} state="{state}"{tag[end:]}'

    return re.sub(r"<(?:\w+:)?sheet\b[^>]*>", restate, workbook)


def _file_mode(target: Path) -> int:
    """The permissions the saved file gets: the replaced file's, else the usual ones for a new file."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _now() -> tuple[int, int, int, int, int, int]:
    return time.localtime()[:6]


def _keep_backup(source: Path, backup: Path) -> None:
    """The current file, kept as the backup: a hard link when the file system allows, else a copy."""
    try:
        os.link(source, backup)
    except OSError:
        shutil.copy2(source, backup)


def _has_dates(values: Any) -> bool:
    """Whether a column of new cells holds a date (a datetime64 column, or a date among values)."""
    if isinstance(values, pd.Series) and values.dtype != object:
        return pd.api.types.is_datetime64_any_dtype(values.dtype) and bool(values.notna().any())
    return any(isinstance(v, dt.date) for v in values)


def _pad(column: pd.Series[Any], rows: int) -> pd.Series[Any]:
    values = list(column)[:rows]
    return pd.Series(values + [None] * (rows - len(values)), dtype=object)


@dataclass
class _TableEdit:
    """Owned columns to write into one Excel Table."""

    table: TableRef
    box: _Box
    headings: list[str]
    added: list[str] = field(default_factory=list)
    adopted: set[int] = field(default_factory=set)  # positions in headings: Bahi's, already headed
    columns: dict[int, ColumnValues] = field(default_factory=dict)

    @property
    def header_row(self) -> int:
        return self.box.top + self.table.header_rows - 1

    @property
    def first_data(self) -> int:
        return self.header_row + 1

    @property
    def data_rows(self) -> int:
        return max(self.box.bottom - self.table.totals_rows - self.header_row, 0)

    def widened_xml(self, xml: str) -> str:
        """The table part with its new columns: range, autofilter range and column list."""
        if not self.added:
            return xml
        right = self.box.right + len(self.added)
        ref = f"{column_letter(self.box.left)}{self.box.top}:{column_letter(right)}{self.box.bottom}"
        xml = re.sub(r'(<(?:\w+:)?table\b[^>]*?\sref=")[^"]*"', rf'\g<1>{ref}"', xml, count=1)
        filter_ref = f"{column_letter(self.box.left)}{self.box.top}:{column_letter(right)}"
        filter_ref += str(self.box.bottom - self.table.totals_rows)
        xml = re.sub(r'(<(?:\w+:)?autoFilter\b[^>]*?\sref=")[^"]*"', rf'\g<1>{filter_ref}"', xml, count=1)
        ids = [int(i) for i in re.findall(r'<(?:\w+:)?tableColumn\b[^>]*?\sid="(\d+)"', xml)]
        new = "".join(
            f'<tableColumn id="{max(ids, default=0) + 1 + i}" name={quoteattr(h)}/>'
            for i, h in enumerate(self.added)
        )
        close = re.search(r"</(\w+:)?tableColumns>", xml)
        if close is None:
            raise PackageError(f"table {self.table.name} lists no columns")
        if close.group(1):
            new = new.replace("<tableColumn", f"<{close.group(1)}tableColumn")
        xml = xml[: close.start()] + new + xml[close.start() :]
        count = len(ids) + len(self.added)
        return re.sub(r'(<(?:\w+:)?tableColumns\b[^>]*?\scount=")\d+"', rf'\g<1>{count}"', xml, count=1)


@dataclass
class _TableAppend:
    """Rows to add at the bottom of one Excel Table."""

    table: TableRef
    box: _Box
    appends: list[RowsAppend] = field(default_factory=list)
    reference: bytes = b""  # the XML of the last data row, whose styles new cells copy

    def grown_xml(self, xml: str) -> str:
        """The table part with its range and autofilter reaching the last appended row."""
        bottom = max(self.box.bottom, *(a.last_row for a in self.appends))
        if bottom == self.box.bottom:
            return xml
        ref = f"{column_letter(self.box.left)}{self.box.top}:{column_letter(self.box.right)}{bottom}"
        xml = re.sub(r'(<(?:\w+:)?table\b[^>]*?\sref=")[^"]*"', rf'\g<1>{ref}"', xml, count=1)
        return re.sub(r'(<(?:\w+:)?autoFilter\b[^>]*?\sref=")[^"]*"', rf'\g<1>{ref}"', xml, count=1)


class _Plan:
    """What a save changes: parts replaced (bytes, or a generator of chunks), added and removed."""

    def __init__(self, book: FileBook) -> None:
        self.book = book
        self.package = book.package
        self.replaced: dict[str, Any] = {}
        self.added: dict[str, bytes] = {}
        self.removed: set[str] = set()
        self.sizes: dict[str, int] = {}
        self.workbook = self.package.text(self.package.workbook_part)
        self.workbook_rels_part = rels_part(self.package.workbook_part)
        self.rels = (
            self.package.text(self.workbook_rels_part) if self.package.has(self.workbook_rels_part) else ""
        )
        self.types = self.package.text(CONTENT_TYPES)
        self.new_tails: dict[str, bytes] = {}
        self.column_edits: dict[str, list[ColumnValues]] = defaultdict(list)
        self.row_appends: dict[str, list[RowsAppend]] = defaultdict(list)
        self._plan_highlights()
        self._plan_columns()
        self._plan_appends()
        self._plan_sheet_rewrites()
        self._plan_sheets()
        styles = book._styles
        if styles is not None and styles.changed:
            self._put_styles(styles)
        self.replaced[self.package.workbook_part] = self.workbook.encode("utf-8")
        self.replaced[self.workbook_rels_part] = self.rels.encode("utf-8")
        self.replaced[CONTENT_TYPES] = self.types.encode("utf-8")
        for name in list(self.replaced):
            if name not in self.package.entries:
                self.added[name] = self.replaced.pop(name)

    def level(self, name: str) -> int:
        """The deflate level for part ``name``: :data:`REWRITE_LEVEL` (speed over size) for a big
        part or one gaining rows — a user sheet rewritten whole, or an owned sheet of megabytes such
        as the audit trail's record, whose base64 text deflate barely shrinks — else 6."""
        data = self.replaced.get(name, self.added.get(name))
        size = max(self.sizes.get(name, 0), len(data) if isinstance(data, bytes) else 0)
        return REWRITE_LEVEL if size > SMALL_PART or name in self.row_appends else 6

    # -- owned sheets ----------------------------------------------------------------------------
    def _plan_sheets(self) -> None:
        replaced_existing = False
        for key, (name, xml) in self.book._owned.items():
            existing = self.package.sheet(name)
            if existing is not None and existing.part:
                part = existing.part
                self.replaced[part] = xml
                self._drop_drawings(part)
                self.removed.add(rels_part(part))
                replaced_existing = True
            else:
                part = self._add_sheet(name, xml)
            charts = self.book._owned_sheets[key].charts
            if charts:
                self._add_charts(part, name, charts)
        if replaced_existing:
            self._drop_calc_chain()
        for key, (name, _) in self.book._owned.items():
            sheet = self.book._owned_sheets[key]
            self.workbook = with_print_titles(self.workbook, name, print_title_rows(sheet))
            self.workbook = with_sheet_mark(self.workbook, name)
            self.workbook = with_sheet_state(self.workbook, name, "veryHidden" if sheet.hidden else "")

    def _free_part(self, pattern: str) -> str:
        """The first name ``pattern.format(n)`` (n = 1, 2 …) that no part has or is getting."""
        taken = set(self.package.entries) | set(self.added) | set(self.replaced)
        return next(pattern.format(n) for n in range(1, 100_000) if pattern.format(n) not in taken)

    def _add_sheet(self, name: str, xml: bytes) -> str:
        part = self._free_part("xl/worksheets/sheet{}.xml")
        rel_ids = set(re.findall(r'\bId="([^"]+)"', self.rels))
        rel_id = next(f"rId{n}" for n in range(1, 100_000) if f"rId{n}" not in rel_ids)
        sheet_ids = [int(i) for i in re.findall(r'<(?:\w+:)?sheet\b[^>]*\bsheetId="(\d+)"', self.workbook)]
        sheet_id = max(sheet_ids, default=0) + 1
        prefix = re.search(rf'xmlns:(\w+)="{re.escape(REL_NS)}"', self.workbook)
        r = prefix.group(1) if prefix else "r"
        # declared on the element itself: the prefix found may be declared on another element only
        declare = f' xmlns:{r}="{REL_NS}"'
        close = re.search(r"</(\w+:)?sheets>", self.workbook)
        if close is None:
            raise PackageError("workbook.xml has no <sheets> list")
        ns = close.group(1) or ""
        entry = f'<{ns}sheet name={quoteattr(name)} sheetId="{sheet_id}" {r}:id="{rel_id}"{declare}/>'
        self.workbook = self.workbook[: close.start()] + entry + self.workbook[close.start() :]
        target = posixpath.relpath(part, posixpath.dirname(self.package.workbook_part))
        self._add_rel(rel_id, WORKSHEET_REL, target)
        self._add_override(part, WORKSHEET_CONTENT_TYPE)
        self.added[part] = xml
        return part

    # -- an owned sheet's charts -----------------------------------------------------------------
    def _add_charts(self, sheet_part: str, sheet_name: str, charts: Sequence[SheetChart]) -> None:
        """The drawing of ``charts`` and a part for each chart, related to the sheet as
        :data:`SHEET_DRAWING_ID` (an owned sheet has no other relationship)."""
        drawing = self._free_part("xl/drawings/drawing{}.xml")
        chart_parts = []
        for chart in charts:
            part = self._free_part("xl/charts/chart{}.xml")
            self.replaced[part] = chart_xml(chart, sheet_name)
            self._add_override(part, CHART_CONTENT_TYPE)
            chart_parts.append(part)
        self.replaced[drawing] = drawing_xml(charts)
        self._add_override(drawing, DRAWING_CONTENT_TYPE)
        self.replaced[rels_part(drawing)] = relationships(
            CHART_REL, [posixpath.relpath(p, posixpath.dirname(drawing)) for p in chart_parts]
        )
        sheet_rels = rels_part(sheet_part)
        self.removed.discard(sheet_rels)
        self.replaced[sheet_rels] = relationships(
            DRAWING_REL, [posixpath.relpath(drawing, posixpath.dirname(sheet_part))]
        )

    def _drop_drawings(self, sheet_part: str) -> None:
        """Remove what an owned sheet's earlier drawings brought: the drawing, its charts and their
        own parts (Excel's chart styles and colours), with their content types."""
        pending = [r.target for r in self.package.relationships(sheet_part) if r.type == DRAWING_REL]
        while pending:
            part = pending.pop()
            if part in self.removed or part not in self.package.entries:
                continue
            self.removed.update((part, rels_part(part)))
            self.types = re.sub(rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', "", self.types)
            pending.extend(r.target for r in self.package.relationships(part) if not r.external)

    def _add_rel(self, rel_id: str, rel_type: str, target: str) -> None:
        rel = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/>'
        if not self.rels:
            self.rels = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
            )
        end = self.rels.rindex("</Relationships>")
        self.rels = self.rels[:end] + rel + self.rels[end:]

    def _add_override(self, part: str, content_type: str) -> None:
        if f'PartName="/{part}"' in self.types:
            return
        end = self.types.rindex("</Types>")
        override = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        self.types = self.types[:end] + override + self.types[end:]

    def _drop_calc_chain(self) -> None:
        """A replaced sheet's formulas are gone; Excel rebuilds the calculation chain if it is absent."""
        for rel in self.package.relationships(self.package.workbook_part):
            if rel.type != CALC_CHAIN_REL:
                continue
            self.removed.add(rel.target)
            self.rels = re.sub(rf'<Relationship\b[^>]*\bId="{re.escape(rel.id)}"[^>]*/>', "", self.rels)
            self.types = re.sub(
                rf'<Override\b[^>]*PartName="/{re.escape(rel.target)}"[^>]*/>', "", self.types
            )

    def _put_styles(self, styles: Styles) -> None:
        part = self.book._styles_part()
        if not part:
            part = "xl/styles.xml"
            self._add_rel("rIdBahiStyles", STYLES_REL, "styles.xml")
            self._add_override(part, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
        self.replaced[part] = styles.xml.encode("utf-8")

    # -- highlights ------------------------------------------------------------------------------
    def _plan_highlights(self) -> None:
        highlights = self.book._highlights
        if highlights is None:
            return
        by_sheet: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for h in highlights:
            sheet = self.package.sheet(h.sheet)
            if sheet is not None and sheet.part:
                by_sheet[sheet.part][h.color].extend(h.cells)
        for sheet in self.package.sheets:
            if not sheet.part or sheet.name.casefold() in self.book._owned:
                continue
            wanted = by_sheet.get(sheet.part, {})
            scan = self.book._scan(sheet.part)
            if not wanted and not scan.has_highlights:
                continue
            self._rewrite_tail(sheet.part, scan, wanted)

    def _rewrite_tail(self, part: str, scan: SheetScan, wanted: dict[str, list[str]]) -> None:
        styles = self.book._style_book()
        tail = scan.tail.decode("utf-8")
        priority = max_priority(tail)
        blocks = []
        for color, cells in wanted.items():
            if cells:
                priority += 1
                blocks.append(highlight_block(cells, styles.dxf_fill(color), priority))
        self.new_tails[part] = replace_highlights(tail, blocks).encode("utf-8")

    # -- owned columns ---------------------------------------------------------------------------
    def _plan_columns(self) -> None:
        for edit in self.book._columns.values():
            sheet = self.package.sheet(edit.table.sheet)
            if sheet is None or not sheet.part:
                continue
            self.column_edits[sheet.part].extend(edit.columns.values())
            if edit.added:
                self.replaced[edit.table.part] = edit.widened_xml(self.package.text(edit.table.part)).encode()

    # -- rows appended --------------------------------------------------------------------------
    def _plan_appends(self) -> None:
        for pending in self.book._appends.values():
            sheet = self.package.sheet(pending.table.sheet)
            if sheet is None or not sheet.part:
                continue
            self.row_appends[sheet.part].extend(pending.appends)
            grown = pending.grown_xml(self.package.text(pending.table.part))
            self.replaced[pending.table.part] = grown.encode()

    # -- user sheets rewritten -------------------------------------------------------------------
    def _plan_sheet_rewrites(self) -> None:
        for part in set(self.new_tails) | set(self.column_edits) | set(self.row_appends):
            scan = self.book._scan(part)
            tail = self.new_tails.get(part, scan.tail)
            edits = self.column_edits.get(part, [])
            appends = self.row_appends.get(part, [])
            sheet = next((s.name for s in self.package.sheets if s.part == part), "")
            self.replaced[part] = _sheet_stream(
                self.package, part, scan.tail_offset, tail, edits, appends=appends, sheet=sheet
            )
            self.sizes[part] = scan.size


def _sheet_stream(
    package: Package,
    part: str,
    tail_offset: int,
    tail: bytes,
    edits: Sequence[ColumnValues],
    *,
    appends: Sequence[RowsAppend] = (),
    sheet: str = "",
) -> Any:
    """A generator factory: the sheet's head (cells edited, rows appended if asked), then its new tail.
    A cell in the way (:class:`OccupiedCellError`) is told with the name of ``sheet``."""

    def chunks() -> Iterator[bytes]:
        head: Iterator[bytes] = part_head(package.chunks(part), tail_offset)
        if edits:
            head = ColumnEditor(edits).stream(head)
        if appends:
            head = RowAppender(appends).stream(head)
        try:
            yield from head
        except OccupiedCellError as exc:
            exc.sheet = sheet
            raise
        yield tail

    return chunks


def open_book(path: str | os.PathLike[str]) -> FileBook:
    """Shorthand for :meth:`FileBook.open`."""
    return FileBook.open(path)
