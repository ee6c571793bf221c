"""The narrow interface between macros and a workbook.

Macros read tables and write results only through :class:`Workbook`. Two implementations exist and
tests require the same outcome from both: the xlwings ``Book`` adapter (desktop Excel or the JSON
book xlwings Server builds from Office.js) and the file adapter the ``bahi`` command uses.

Rules every adapter keeps:
- it never changes the value of a cell the user typed: writes go to owned sheets
  (``schema.OWNED_SHEETS``) and owned columns (``Column.owned``) only; highlighting is allowed;
- it never writes a workbook string as a formula (see :func:`safe_text`);
- it raises :class:`BookError` (bilingual, naming sheet and cell) when the book itself cannot be
  read; a *missing table* is not an error here: ``read_table`` returns None and the engine's loader
  reports it as a fatal issue.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from addin.engine.money import BRACKETED_INR_FORMAT, INR_FORMAT
from addin.engine.schema import TableSpec, canonical_column
from addin.engine.tables import RawTable

CellValue = str | int | float | bool | dt.date | dt.datetime | None

NewRows = Sequence[Mapping[str, CellValue]] | pd.DataFrame
"""Rows to append to a table: one mapping a row (English column name → value), or a DataFrame with
a column per English column name (blank: None, NaN, NaT or ""; dates as datetime64) — the form
for many rows, which the file adapter writes column by column."""

HIGHLIGHT_ERROR = "#FFC7CE"  # Excel's "bad" fill
HIGHLIGHT_WARNING = "#FFEB9C"  # Excel's "neutral" fill

DATE_FORMAT = "dd/mm/yyyy"
"""How every sheet Bahi writes shows a date (the Indian day/month/year order)."""


class BookError(Exception):
    """The workbook cannot be read or written. Carries a bilingual message; no traceback is shown."""

    def __init__(
        self,
        message_en: str,
        message_hi: str,
        *,
        fix_en: str = "",
        fix_hi: str = "",
        sheet: str = "",
        cell: str = "",
    ) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_hi = message_hi
        self.fix_en = fix_en
        self.fix_hi = fix_hi
        self.sheet = sheet
        self.cell = cell

    def bilingual(self) -> str:
        """The message as shown to a user: English, then Hindi, each with its fix."""
        where = f" [{self.sheet}{'!' + self.cell if self.cell else ''}]" if self.sheet else ""
        en = f"{self.message_en}{where}" + (f" Fix: {self.fix_en}" if self.fix_en else "")
        hi = f"{self.message_hi}{where}" + (f" सुधार: {self.fix_hi}" if self.fix_hi else "")
        return f"{en}\n{hi}"


def read_input_file(path: Path, what_en: str, what_hi: str) -> bytes:
    """The bytes of a file the user gives a command (a bank statement, a GSTR-2B download), or a
    bilingual :class:`BookError` naming it (``what_en``/``what_hi``: "statement file") and why.

    >>> read_input_file(Path("none.csv"), "statement file", "विवरण फ़ाइल")
    Traceback (most recent call last):
    ...
    addin.books.base.BookError: The statement file none.csv cannot be read (No such file or directory).
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BookError(
            f"The {what_en} {path.name} cannot be read ({reason}).",
            f"{what_hi} {path.name} पढ़ी नहीं जा सकी ({reason})।",
            fix_en="Check the file name and folder, and that the file is not open elsewhere.",
            fix_hi="फ़ाइल का नाम और फ़ोल्डर जाँचें, और कि फ़ाइल कहीं और खुली न हो।",
        ) from exc


CHART_KINDS = ("column", "bar", "line")
"""Chart kinds an owned sheet may hold: clustered columns, horizontal bars, lines with markers."""


@dataclass(frozen=True)
class SheetChart:
    """A native Excel chart on an owned sheet, drawn from a block of that sheet's own cells.

    ``source`` is the block as 0-based (first row, first column, last row, last column) into
    ``OwnedSheet.rows``: its first row names the series, its first column holds the categories
    (month names, account names) and each further column is one series. ``kind`` is one of
    :data:`CHART_KINDS`. ``anchor`` is the (row, column), 0-based, of the cell at its top-left
    corner; ``width`` and ``height`` are in points; ``number_format`` is its value axis's.
    """

    name: str
    title: str
    kind: str
    source: tuple[int, int, int, int]
    anchor: tuple[int, int]
    width: float = 480.0
    height: float = 270.0
    number_format: str = "General"

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"a chart is one of {CHART_KINDS}, not {self.kind!r}")

    @property
    def series_count(self) -> int:
        return self.source[3] - self.source[1]


@dataclass(frozen=True)
class OwnedSheet:
    """A sheet the add-in owns, written whole (a rerun replaces it).

    ``rows[0:header_rows]`` are headings (bold, frozen, repeated at the top of every printed page);
    the last of them, ``rows[header_rows - 1]``, holds the column headings and wraps, so a long
    bilingual heading is never cut. Money is written as numbers of rupees with ``number_formats``
    per 0-based column (a negative amount in an :data:`~addin.engine.money.INR_FORMAT` column is
    shown in brackets: :func:`cell_number_format`); ``links`` maps (row, col), 0-based into
    ``rows``, to a target inside the book like ``"#'Journal'!C12"``; ``fills`` maps (row, col) to a
    hex colour; the cells of ``wrap_columns`` wrap their text (top-aligned). Strings are given as
    they are: the adapter keeps them from being read as formulas (:func:`safe_text` where the client
    would parse them).

    Every adapter prints an owned sheet landscape (``portrait``: portrait, as a tax invoice), all
    columns on one page wide (see :func:`print_title_rows`). ``charts`` are native Excel charts drawn
    from the sheet's own cells (:class:`SheetChart`); a rerun replaces them with the sheet. A
    ``hidden`` sheet is kept out of sight: very hidden where the adapter can (the file's
    ``state="veryHidden"``, Office.js ``VeryHidden``, COM ``xlSheetVeryHidden``: only code can show
    it again), its values still read back by ``read_sheet``.
    """

    name: str
    rows: list[list[CellValue]]
    header_rows: int = 1
    number_formats: dict[int, str] = field(default_factory=dict)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    bold_rows: frozenset[int] = frozenset()
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    wrap_columns: frozenset[int] = frozenset()
    charts: tuple[SheetChart, ...] = ()
    portrait: bool = False
    hidden: bool = False

    @property
    def heading_row(self) -> int | None:
        """The 0-based row of column headings (the last heading row), or None without headings."""
        return self.header_rows - 1 if 0 < self.header_rows <= len(self.rows) else None


def cell_number_format(number_format: str | None, value: CellValue) -> str | None:
    """The number format a cell of an owned sheet is written with: its column's, except that a
    negative amount in a column of :data:`~addin.engine.money.INR_FORMAT` (which shows no sign, or a
    bare minus) takes :data:`~addin.engine.money.BRACKETED_INR_FORMAT`, as accountants write it.

    Such an amount is rare: a line typed with a minus, shown as it is (a Day Book's Debit of -320).

    >>> cell_number_format(INR_FORMAT, -320.0) == BRACKETED_INR_FORMAT
    True
    >>> cell_number_format(INR_FORMAT, 320.0) == INR_FORMAT, cell_number_format("0.00", -1.0)
    (True, '0.00')
    """
    negative = isinstance(value, int | float) and not isinstance(value, bool) and value < 0
    return BRACKETED_INR_FORMAT if negative and number_format == INR_FORMAT else number_format


def print_title_rows(sheet: OwnedSheet) -> str:
    """The rows repeated at the top of every printed page, as Excel names them ("$1:$2"); "" for none.

    >>> print_title_rows(OwnedSheet("Issues", [["a"], ["b"], ["c"]], header_rows=2))
    '$1:$2'
    """
    rows = min(sheet.header_rows, len(sheet.rows))
    return f"$1:${rows}" if rows > 0 else ""


@dataclass(frozen=True)
class Highlight:
    """Cells of a user sheet to colour (their values untouched)."""

    sheet: str
    cells: tuple[str, ...]
    color: str = HIGHLIGHT_ERROR


class Workbook(Protocol):
    """What a macro may do with a workbook."""

    @property
    def name(self) -> str: ...

    def sheet_names(self) -> list[str]: ...

    def read_table(self, spec: TableSpec) -> RawTable | None:
        """The Excel Table named ``spec.name``; failing that, the block starting at A1 of the sheet
        named ``spec.sheet``; None when neither exists."""
        ...

    def read_sheet(self, name: str) -> list[list[CellValue]] | None:
        """The values of an owned sheet, row by row from A1 (None for a blank cell), as this run
        left them (a sheet written by this run reads back as written); None when there is no such
        sheet or its values cannot be read."""
        ...

    def write_sheet(self, sheet: OwnedSheet) -> None:
        """Create or replace an owned sheet."""
        ...

    def write_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Replace the add-in's previous highlights with these."""
        ...

    def write_column(self, spec: TableSpec, column: str, values: Sequence[CellValue]) -> None:
        """Fill an owned column of a table (adding it at the table's right if absent)."""
        ...

    def append_rows(self, spec: TableSpec, rows: NewRows) -> None:
        """Add data rows at the bottom of the Excel Table ``spec.name``, growing the table.

        Each row maps English column names (``"Date"``, ``"Deposit"``) to values (or ``rows`` is a
        DataFrame with those column names, see :data:`NewRows`); they are placed
        under the table's own headings in the table's own order (see :func:`table_row`), a column
        the table lacks is left out, a column not given is left empty. The table's trailing blank
        rows (the template ships one) are filled first. New cells take the number formats of the
        table's last data row (dates dd/mm/yyyy, amounts as the template formats them); strings are
        written as text, never formulas. The cells below the table that the rows need must be empty,
        else :class:`BookError` (nothing is written). The file adapter writes at :meth:`save`.
        """
        ...

    def save(self) -> None:
        """Persist what was written (atomically for files; a no-op for a live Excel book)."""
        ...


def read_tables(book: Workbook, specs: Sequence[TableSpec]) -> dict[str, RawTable | None]:
    """Each of ``specs``'s tables by name, as :meth:`Workbook.read_table` reads it; a book that can
    read several at once (the file adapter's ``read_tables``: big tables two at a time) does."""
    several = getattr(book, "read_tables", None)
    if callable(several):
        found: dict[str, RawTable | None] = several(specs)
        return found
    return {spec.name: book.read_table(spec) for spec in specs}


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: CellValue) -> CellValue:
    """A workbook string written back as text, never as a formula.

    >>> safe_text("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_text("-5 cash"), safe_text("Rent"), safe_text(-5)
    ("'-5 cash", 'Rent', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def table_row(spec: TableSpec, headings: Sequence[str], row: Mapping[str, CellValue]) -> list[CellValue]:
    """A row given by English column names, laid out under a table's headings.

    >>> from addin.engine.schema import BANK_STATEMENT
    >>> table_row(BANK_STATEMENT, ["Deposit / जमा राशि", "Notes", "Date"], {"Date": 1, "Deposit": 5})
    [5, None, 1]
    >>> table_row(BANK_STATEMENT, ["Date"], {"Dated": 1})
    Traceback (most recent call last):
    ...
    ValueError: not columns of table BankStatement: ['Dated']
    """
    names, known = _heading_names(spec, tuple(headings))
    unknown = [k for k in row if k not in known]
    if unknown:
        raise ValueError(f"not columns of table {spec.name}: {unknown}")
    cells = [row.get(name) if name else None for name in names]
    return [None if value == "" else value for value in cells]


def table_columns(spec: TableSpec, headings: Sequence[str], rows: NewRows) -> tuple[int, list[Any]]:
    """New rows laid out under a table's headings, by column: how many rows, and for each heading
    the column's values (None where the rows give that heading nothing) — :func:`table_row`'s
    layout, a column at a time.

    >>> from addin.engine.schema import BANK_STATEMENT
    >>> table_columns(BANK_STATEMENT, ["Deposit", "Notes", "Date"], [{"Date": 1, "Deposit": 5}, {"Date": 2}])
    (2, [[5, None], None, [1, 2]])
    >>> frame = pd.DataFrame({"Date": [1, 2], "Deposit": [5.0, None]})
    >>> count, columns = table_columns(BANK_STATEMENT, ["Deposit", "Date"], frame)
    >>> count, columns[0].tolist(), columns[1].tolist()
    (2, [5.0, nan], [1, 2])
    >>> table_columns(BANK_STATEMENT, ["Date"], pd.DataFrame({"Dated": [1]}))
    Traceback (most recent call last):
    ...
    ValueError: not columns of table BankStatement: ['Dated']
    """
    names, known = _heading_names(spec, tuple(headings))
    if isinstance(rows, pd.DataFrame):
        given = [str(c) for c in rows.columns]
        unknown = [c for c in given if c not in known]
        if unknown:
            raise ValueError(f"not columns of table {spec.name}: {unknown}")
        return len(rows), [rows[name] if name in given else None for name in names]
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValueError(f"not columns of table {spec.name}: {unknown}")
    return len(rows), [
        [row.get(name) for row in rows] if name is not None and name in keys else None for name in names
    ]


def row_mappings(rows: NewRows) -> Sequence[Mapping[str, CellValue]]:
    """New rows as one mapping a row with plain values (a DataFrame's NaN and NaT as None, its
    timestamps as dates, or datetimes when they have a time of day), for an adapter that writes
    rows.

    >>> frame = pd.DataFrame({"Date": pd.to_datetime(["2025-04-01", None]), "Debit": [5.0, None]})
    >>> row_mappings(frame)
    [{'Date': datetime.date(2025, 4, 1), 'Debit': 5.0}, {'Date': None, 'Debit': None}]
    """
    if not isinstance(rows, pd.DataFrame):
        return rows
    columns: dict[str, list[Any]] = {}
    for name in rows.columns:
        column = rows[name]
        if pd.api.types.is_datetime64_any_dtype(column.dtype):
            stamps = pd.to_datetime(column)
            midnight = bool((stamps.dropna() == stamps.dropna().dt.normalize()).all())
            values: list[Any] = [
                None if pd.isna(v) else (v.date() if midnight else v.to_pydatetime()) for v in stamps
            ]
        else:
            values = [None if _blank_value(v) else _plain(v) for v in column]
        columns[str(name)] = values
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _blank_value(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


@functools.lru_cache(maxsize=64)
def _heading_names(
    spec: TableSpec, headings: tuple[str, ...]
) -> tuple[tuple[str | None, ...], frozenset[str]]:
    """Each heading's English column name (None for a heading not the table's), and the table's
    names — worked out once per table layout, not once per row appended."""
    return tuple(canonical_column(spec, h) for h in headings), frozenset(c.en for c in spec.columns)


def _blank(value: Any) -> bool:
    """None, NaN, NaT or only spaces."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def filled_rows(table: RawTable) -> int:
    """How many data rows a table has up to its last non-blank one (its trailing blank rows, such
    as the template's single empty row, are free for appended rows).

    >>> filled_rows(RawTable.from_rows("T", "S", [["A", "B"], [1, None], [None, " "], [None, None]]))
    1
    """
    for index in range(table.row_count - 1, -1, -1):
        if not all(_blank(column.iat[index]) for column in table.columns):
            return index + 1
    return 0


def no_table(spec: TableSpec, book: str, blocked_en: str, blocked_hi: str) -> BookError:
    """A table the work needs is missing (bilingual, with the fix): ``blocked_en`` / ``blocked_hi``
    say what cannot be done ("no rows can be added to it")."""
    return BookError(
        f"Table {spec.name} was not found in {book}, so {blocked_en}.",
        f"{book} में तालिका {spec.name} नहीं मिली, इसलिए {blocked_hi}।",
        fix_en=f"Make sheet {spec.sheet}'s data an Excel Table named {spec.name} (Insert → Table).",
        fix_hi=f"शीट {spec.sheet} के डेटा को {spec.name} नाम की एक्सेल तालिका बनाएँ (Insert → Table)।",
        sheet=spec.sheet,
    )


def no_table_for_rows(spec: TableSpec, book: str) -> BookError:
    """Rows cannot be appended: the table is missing (bilingual, with the fix)."""
    return no_table(spec, book, "no rows can be added to it", "उसमें पंक्तियाँ जोड़ी नहीं जा सकतीं")


def no_room_below(table: str, sheet: str, cell: str) -> BookError:
    """Rows cannot be appended: a cell below the table that they need holds data."""
    where = f"table {table}" if table else "the table"
    return BookError(
        f"Bahi needs cell {cell} empty to add rows below {where}; it holds data.",
        f"तालिका {table} के नीचे पंक्तियाँ जोड़ने के लिए बही को सेल {cell} खाली चाहिए; उसमें डेटा है।",
        fix_en="Move what is below the table elsewhere (or insert empty rows under it), then rerun.",
        fix_hi="तालिका के नीचे का डेटा कहीं और ले जाएँ (या उसके नीचे खाली पंक्तियाँ डालें), फिर दोबारा चलाएँ।",
        sheet=sheet,
        cell=cell,
    )


def no_room_beside(table: str, sheet: str, cell: str) -> BookError:
    """An owned column cannot be added: a cell right of the table that it needs holds data."""
    where_en = f"table {table}" if table else "the table"
    where_hi = f"तालिका {table}" if table else "तालिका"
    return BookError(
        f"Bahi needs cell {cell} empty to add its column beside {where_en}; it holds data.",
        f"{where_hi} के पास अपना कॉलम जोड़ने के लिए बही को सेल {cell} खाली चाहिए; उसमें डेटा है।",
        fix_en="Move that data elsewhere (or insert an empty column after the table), then rerun.",
        fix_hi="वह डेटा कहीं और ले जाएँ (या तालिका के बाद एक खाली कॉलम डालें), फिर दोबारा चलाएँ।",
        sheet=sheet,
        cell=cell,
    )


def owned_headings(spec: TableSpec, headings: Sequence[str]) -> frozenset[str]:
    """The exact headings of ``spec``'s owned columns that ``headings`` (a table's) lack: a header
    cell just right of the table holding one of them was written there by an earlier Bahi run
    that did not widen the table, so the column is Bahi's, not the user's data."""
    present = {canonical_column(spec, h) for h in headings}
    return frozenset(c.heading for c in spec.columns if c.owned and c.en not in present)


SHEET_MARK = "_BahiSheet"
"""The hidden sheet-scoped defined name by which a sheet says Bahi made it (the file adapter adds it
to each owned sheet it writes): only such a sheet, or one :func:`made_by_bahi` recognises, is
replaced by a report of the same name."""

HEAD_ROWS = 5
"""How many top rows of an unmarked sheet :func:`made_by_bahi` compares with Bahi's own."""

_DEVANAGARI = re.compile("[\u0900-\u097f]")


def made_by_bahi(existing: Sequence[Sequence[CellValue]], sheet: OwnedSheet) -> bool:
    """Whether a sheet without :data:`SHEET_MARK` but with an owned sheet's name may be replaced by
    ``sheet``: it holds no value at all, or an earlier Bahi (one that did not mark its sheets) wrote
    it — one of its top :data:`HEAD_ROWS` rows has, in the very cell where ``sheet`` puts it, a
    bilingual text ``sheet`` writes there (a heading such as "Severity / गंभीरता").

    >>> issues = OwnedSheet("Issues", [["Errors: 2"], ["Severity / गंभीरता", "Rule / नियम"], ["Error", "x"]])
    >>> made_by_bahi([["Errors: 5"], ["Severity / गंभीरता", "Rule / नियम"]], issues)
    True
    >>> made_by_bahi([[None, ""]], issues)  # an empty sheet
    True
    >>> made_by_bahi([["My own KPI notes"], [None, 12345]], issues)
    False
    >>> made_by_bahi([[None, "Severity / गंभीरता"]], issues)  # another cell: not Bahi's layout
    False
    """
    if all(_blank(value) for row in existing for value in row):
        return True
    for row, (old, new) in enumerate(zip(existing, sheet.rows, strict=False)):
        if row >= HEAD_ROWS:
            break
        for value, ours in zip(old, new, strict=False):
            if isinstance(ours, str) and _DEVANAGARI.search(ours) and value == ours:
                return True
    return False


def not_bahi_sheet(name: str, book: str) -> BookError:
    """A report cannot be written: the book's sheet of that name is the user's own, not Bahi's."""
    return BookError(
        f"Bahi writes its {name} report to a sheet named '{name}', but the sheet of that name in {book} "
        "was not made by Bahi; nothing was written, so that your sheet stays as it is.",
        f"बही अपनी {name} रिपोर्ट '{name}' नाम की शीट में लिखती है, पर {book} में इस नाम की शीट बही ने "
        "नहीं बनाई; आपकी शीट जैसी है वैसी रहे, इसलिए कुछ नहीं लिखा गया।",
        fix_en=f"Rename your sheet '{name}' (right-click its tab → Rename), then rerun: Bahi adds its own. "
        "If it is an old Bahi report you no longer need, delete it instead.",
        fix_hi=f"अपनी शीट '{name}' का नाम बदलें (उसके टैब पर राइट-क्लिक → Rename), फिर दोबारा चलाएँ: बही "
        "अपनी शीट जोड़ देगी। यदि यह बही की पुरानी रिपोर्ट है और अब नहीं चाहिए, तो उसे हटा दें।",
        sheet=name,
        cell="A1",
    )

