"""Rows appended to a table (:class:`RowsAppend`), their cells' XML built column by column.

Appending 650,000 Journal lines one cell at a time (:func:`~addin.books.xlsx_sheet_xml.cell_xml`,
some 20 µs a cell) took most of a minute. Here the new rows are kept as columns; each block of
:data:`BLOCK_ROWS` rows is encoded column by column — numbers and dates as their shortest text,
strings cleaned and escaped for XML, with Arrow's string kernels — and joined into ``<row>``
elements by one ``binary_join_element_wise``, whose bytes are handed on without a copy per value.

The XML is the same, byte for byte, as ``cell_xml`` writes cell by cell (a test holds the two to
it): inline strings (``t="inlineStr"``, as every Bahi write uses: no shared-strings part to
rewrite; Excel moves them to its shared strings on its next save), each cell with its reference
and the style of the table's last data row, a blank left out unless it carries a style (then
``<c r="D9" s="4"/>``). A column of values of one kind (numbers, dates, text, booleans — a pandas
column, or a list from row mappings) takes the vectorised path; a column of mixed kinds is written
cell by cell through ``cell_xml``, so the two ways never disagree on a value.

:class:`~addin.books.xlsx_sheet_xml.RowAppender` streams the sheet and asks a :class:`RowsAppend`
for the cells of a row the sheet already has (the template's blank row: :meth:`RowsAppend.cells`)
and for the XML of the rows it lacks (:meth:`RowsAppend.xml`).
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.books.base import CellValue
from addin.books.xlsx_sheet_xml import MAX_CELL_TEXT, cell_xml
from addin.engine.cells import column_letter

BLOCK_ROWS = 32_768
"""Rows built at a time: their XML (some 15 MB for Journal lines) is made, handed on, and dropped."""

EXACT_PAISE = 2.0**53 / 100
"""Below this (about ₹90 lakh crore) a number's paise are exactly a whole float; larger numbers are
written one by one, as ``cell_xml`` writes them (2^49 + 0.96 had come out as "562949953421312.96",
not "…313")."""

# What Python's str.isspace() calls white space, as RE2 spells it: a text that starts or ends with
# it, or holds a line break, is written with xml:space="preserve" (cell_xml's rule).
_SPACE = (
    "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
    "\\x{202f}\\x{205f}\\x{3000}]"
)
_ATTENTION = (
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{fffe}\\x{ffff}&<>\\n]"  # not in XML; escaped; a line break
    f"|(?i:_x[0-9a-f]{{4}}_)|^{_SPACE}|{_SPACE}$"  # clean_text's _xHHHH_; white space to keep
)
"""What makes a string more than a copy in its cell's XML (see :func:`_texts`)."""
_FRACTIONS = pa.array(["", *(f".{f:02d}".rstrip("0") for f in range(1, 100))])
"""The text after the whole rupees for 0..99 paise: "", ".01", … ".1", … ".99"."""

_EPOCH_DAYS = {False: np.datetime64("1899-12-30", "D"), True: np.datetime64("1904-01-01", "D")}

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class RowsAppend:
    """Rows to write at the bottom of a table: ``count`` rows from worksheet row ``first_row`` on,
    given by column (``columns``: 1-based sheet column → that column's values, a pandas Series).

    A cell the sheet lacks is created with ``styles[column]`` (the style of the table's last data
    row, so dates and amounts look like the rows above); a cell already there keeps its own style.
    Every cell written must be empty before (``RowAppender`` raises ``OccupiedRowError`` otherwise).
    """

    first_row: int
    count: int
    columns: Mapping[int, pd.Series[Any] | None]  # None: a column the rows leave blank
    styles: dict[int, int] = field(default_factory=dict)
    date1904: bool = False

    @classmethod
    def of(
        cls,
        first_row: int,
        count: int,
        columns: Mapping[int, Any],
        styles: dict[int, int] | None = None,
        date1904: bool = False,
    ) -> RowsAppend:
        """Rows from columns of any sequence (lists of plain values, numpy arrays, pandas Series;
        None for a column left blank)."""
        series = {c: None if v is None else _series(v) for c, v in columns.items()}
        return cls(first_row, count, series, dict(styles or {}), date1904)

    @property
    def last_row(self) -> int:
        return self.first_row + self.count - 1

    @property
    def last_column(self) -> int:
        return max(self.columns, default=0)

    def cells(self, index: int) -> dict[int, CellValue]:
        """Row ``index``'s cells (1-based column → plain value, blanks as None)."""
        row: dict[int, CellValue] = {}
        for column, values in self.columns.items():
            value = None if values is None else _cell_value(values.iat[index])
            if (isinstance(value, float) and math.isnan(value)) or value == "":
                value = None
            row[column] = value
        return row

    def xml(self, start: int, stop: int) -> Iterator[bytes]:
        """The ``<row>`` elements of rows ``start``..``stop - 1`` (0-based into these rows), a block
        at a time; a row without a cell is left out."""
        for begin in range(start, stop, BLOCK_ROWS):
            end = min(begin + BLOCK_ROWS, stop)
            yield self._block(begin, end)

    def _block(self, begin: int, end: int) -> bytes:
        count = end - begin
        numbers = pc.cast(
            pa.array(np.arange(self.first_row + begin, self.first_row + end, dtype=np.int64)), pa.string()
        )
        pieces: list[Any] = [pa.scalar('<row r="'), numbers, pa.scalar('">')]
        empty = np.ones(count, dtype=np.bool_)
        for column in sorted(self.columns):
            values = self.columns[column]
            style = self.styles.get(column, 0)
            block = None if values is None else values.iloc[begin:end]
            encoded = _column_tails(block, style, count, self.date1904)
            if encoded is None:
                continue
            tails, missing = encoded
            head = pa.scalar(f'<c r="{column_letter(column)}')
            if missing is None:
                pieces += [head, numbers, tails]
                empty[:] = False
                continue
            whole = pc.binary_join_element_wise(head, numbers, tails, pa.scalar(""))
            pieces.append(pc.if_else(pa.array(missing), pa.scalar(""), whole))
            empty &= missing
        pieces.append(pa.scalar("</row>"))
        rows = pc.binary_join_element_wise(*pieces, pa.scalar(""))
        if empty.any():
            rows = rows.filter(pa.array(~empty))
        return _joined(rows)


def _series(values: Any) -> pd.Series[Any]:
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True)
    if isinstance(values, np.ndarray):
        return pd.Series(values)
    return pd.Series(list(values))


def _column_tails(
    values: pd.Series[Any] | None, style: int, count: int, date1904: bool
) -> tuple[pa.StringArray, BoolArray | None] | None:
    """For each of ``count`` rows the XML after ``<c r="D9`` and the rows whose cell is left out
    (blank and unstyled; None when every row has a cell); None when no row has one."""
    lead = f'" s="{style}"' if style else '"'  # the reference's closing quote, then the style
    if values is None:  # blank throughout
        return (pa.repeat(pa.scalar(f"{lead}/>"), count), None) if style else None
    tails, blank = _encoded(values, lead, style, date1904)
    if blank is None or not blank.any():
        return tails, None
    if blank.all() and not style:
        return None
    if style:
        return pc.if_else(pa.array(blank), pa.scalar(f"{lead}/>"), tails), None
    return tails, blank


def _joined(strings: pa.Array) -> bytes:
    """The concatenation of a string array's values: its data buffer between the first and last
    offsets (no copy per value)."""
    if len(strings) == 0:
        return b""
    width = np.int64 if strings.type == pa.large_string() else np.int32
    _, offsets, data = strings.buffers()
    size = np.dtype(width).itemsize
    bounds = np.frombuffer(offsets, dtype=width, count=len(strings) + 1, offset=strings.offset * size)
    return bytes(memoryview(data)[int(bounds[0]) : int(bounds[-1])]) if data is not None else b""


# -- encoding one column ---------------------------------------------------------------------------


def _encoded(
    series: pd.Series[Any], s: str, style: int, date1904: bool
) -> tuple[pa.StringArray, BoolArray | None]:
    """The tails of a column's filled cells (blank rows: anything) and which rows are blank; ``s``
    is what each tail starts with (the reference's closing quote and the style attribute)."""
    kind = _kind(series)
    if kind == "number":
        return _numbers(series.to_numpy(dtype=np.float64, na_value=np.nan), s)
    if kind == "date":
        dates = _dates(series, s, date1904)
        if dates is not None:
            return dates
    if kind == "bool":
        blank = pd.isna(series).to_numpy(dtype=np.bool_)
        texts = ["1" if not b and bool(v) else "0" for v, b in zip(series.tolist(), blank, strict=True)]
        return pc.binary_join_element_wise(f'{s} t="b"><v>', pa.array(texts), "</v></c>", ""), blank
    if kind == "text":
        return _texts(series, s)
    return _cells(series, style, date1904)


def _kind(series: pd.Series[Any]) -> str:
    """"number", "date", "text", "bool" or "cells" (mixed: written cell by cell)."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return "bool"
    if pd.api.types.is_numeric_dtype(series.dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return "date" if getattr(series.dt, "tz", None) is None else "cells"
    if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
        return "text"
    inferred = pd.api.types.infer_dtype(series, skipna=True)
    return {
        "string": "text",
        "empty": "text",
        "floating": "number",
        "integer": "number",
        "mixed-integer-float": "number",
        "decimal": "cells",
        "boolean": "bool",
        "date": "date",
        "datetime": "date",
        "datetime64": "date",
    }.get(inferred, "cells")


def _numbers(values: npt.NDArray[np.float64], s: str) -> tuple[pa.StringArray, BoolArray]:
    blank = ~np.isfinite(values)
    return pc.binary_join_element_wise(f"{s}><v>", number_texts(values), "</v></c>", ""), blank


def number_texts(values: npt.NDArray[np.float64]) -> pa.StringArray:
    """Each number as ``cell_xml`` writes it (whole numbers as integers, others by ``repr``), made
    from whole paise where a value is one (every amount); the rest one by one.

    >>> number_texts(np.array([100.0, 1234.5, 0.1, -0.5, 2.675, 1e15, 1 / 3])).to_pylist()
    ['100', '1234.5', '0.1', '-0.5', '2.675', '1000000000000000.0', '0.3333333333333333']
    """
    finite = np.isfinite(values)
    small = finite & (np.abs(values) < EXACT_PAISE)  # paise exact in a float (and no overflow)
    safe = np.where(small, values, 0.0)
    paise = np.rint(safe * 100)
    exact = small & (paise / 100 == safe)
    whole = np.where(exact, np.abs(paise), 0).astype(np.int64)
    rupees = pc.cast(pa.array(whole // 100), pa.string())
    sign = pa.array(np.where((paise < 0) & (whole > 0), "-", "").astype(object), type=pa.string())
    fraction = _FRACTIONS.take(pa.array(whole % 100))
    texts = pc.binary_join_element_wise(sign, rupees, fraction, "")
    odd = np.flatnonzero(finite & ~exact)
    if len(odd):
        fixed = texts.to_numpy(zero_copy_only=False).astype(object)
        fixed[odd] = [_number_text(float(values[i])) for i in odd]
        texts = pa.array(fixed, type=pa.string())
    return texts


def _number_text(value: float) -> str:
    """One number as ``cell_xml`` writes it."""
    xml = cell_xml("A1", value, 0)
    return xml[xml.index("<v>") + 3 : xml.index("</v>")]


def _dates(series: pd.Series[Any], s: str, date1904: bool) -> tuple[pa.StringArray, BoolArray] | None:
    """Dates and times as Excel serials, by ``excel_serial``'s arithmetic (whole days, then seconds
    and microseconds); None for what only ``cell_xml`` writes right (time zones, years numpy
    cannot hold)."""
    try:
        converted = pd.to_datetime(series, errors="coerce")
    except (TypeError, ValueError, OverflowError):
        return None
    if getattr(converted.dt, "tz", None) is not None:
        return None
    stamps = converted.to_numpy(dtype="datetime64[ns]")
    blank = np.isnat(stamps)
    if (blank & ~pd.isna(series).to_numpy(dtype=np.bool_)).any():
        return None
    days = stamps.astype("datetime64[D]")
    since = np.where(blank, 0, (stamps - days).astype(np.int64)) // 1000  # microseconds into the day
    whole = np.where(blank, 0, (days - _EPOCH_DAYS[date1904]).astype(np.int64))
    serial = whole.astype(np.float64) + (since // 1_000_000) / 86400 + (since % 1_000_000) / 86_400_000_000
    texts = number_texts(serial)
    return pc.binary_join_element_wise(f"{s}><v>", texts, "</v></c>", ""), blank


def _texts(series: pd.Series[Any], s: str) -> tuple[pa.StringArray, BoolArray]:
    """Strings as inline strings. The few that need more than copying (XML's special characters,
    characters XML cannot hold, ``_xHHHH_``, white space to keep, too long for a cell) are found in
    one pass and written by ``cell_xml`` itself; the rest are copied as they are."""
    try:
        strings = pa.array(series, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError):  # lone surrogates
        return _cells(series, _style_in(s), False)
    blank = pc.fill_null(pc.equal(strings, ""), True).to_numpy(zero_copy_only=False)
    strings = pc.fill_null(strings, "")
    tails = pc.binary_join_element_wise(f'{s} t="inlineStr"><is><t>', strings, "</t></is></c>", "")
    odd = pc.or_(
        pc.match_substring_regex(strings, _ATTENTION),
        pc.greater(pc.binary_length(strings), MAX_CELL_TEXT),
    )
    picks = np.flatnonzero(odd.to_numpy(zero_copy_only=False))
    if len(picks):
        fixed = tails.to_numpy(zero_copy_only=False).astype(object)
        for i, text in zip(picks, strings.take(pa.array(picks)).to_pylist(), strict=True):
            xml = cell_xml("A1", text)
            fixed[i] = s + xml[len('<c r="A1"') :]
        tails = pa.array(fixed, type=pa.string())
    return tails, blank


def _style_in(s: str) -> int:
    """The style number in a tail's start (``'" s="4"'`` → 4; ``'"'`` → 0)."""
    return int(s.split('"')[2]) if "s=" in s else 0


def _cells(series: pd.Series[Any], style: int, date1904: bool) -> tuple[pa.StringArray, BoolArray]:
    """Mixed values, each through ``cell_xml`` (its ``<c r="A1`` cut off)."""
    s = f' s="{style}"' if style else ""
    tails: list[str] = []
    blank = np.zeros(len(series), dtype=np.bool_)
    for i, given in enumerate(series.tolist()):
        value = _cell_value(given)
        xml = cell_xml("A1", None if value == "" else value, style, date1904)
        blank[i] = not xml or xml == f'<c r="A1"{s}/>'
        tails.append(xml[len('<c r="A1') :])
    return pa.array(tails, type=pa.string()), blank


def _cell_value(value: Any) -> CellValue:
    """A pandas or numpy scalar as the plain Python value ``cell_xml`` takes."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()  # type: ignore[no-any-return]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str | bool | dt.date | numbers.Real):
        return value
    return str(value)
