"""Reading raw cell columns: amounts in paise, dates, text — vectorised, never raising.

A reader hands a column as a pandas Series of any dtype: float64/int64/datetime64/str when it
could type the column, object for mixed cells (float, int, str, bool, datetime, date, None, NaN,
and Excel error values such as ``"#N/A"``). Each parser returns the typed values plus boolean masks
saying which cells were blank, unreadable or Excel errors, so that the loader can turn them into
issues that name the cell.

Speed: a typed Series takes a numpy fast path; an object or string Series is factorised and each
*distinct* value is parsed once in Python, then mapped back (a journal has few distinct dates and
accounts, and its amounts usually arrive as float64).

Amounts (:func:`parse_amounts`) are read the way Indian books write them:

>>> col = parse_amounts(pd.Series(["1,00,000.50", "(500)", "₹ 1,200", "Rs. 1,200/-", "12.345", "abc", None]))
>>> col.paise.tolist()
[10000050, -50000, 120000, 120000, 1235, 0, 0]
>>> col.too_many_decimals.tolist(), col.unreadable.tolist(), col.blank.tolist()[-1]
([False, False, False, False, True, False, False], [False, False, False, False, False, True, False], True)

A "Dr"/"Cr" suffix is read in one of two ways (see :func:`parse_amounts`): in a signed column
(``dr_cr_sign=True``, the Opening Balance) "Cr" makes the amount negative; in a Debit or Credit
column (the default) the suffix is stripped, because the column already says the side:

>>> parse_amounts(pd.Series(["1,200 Cr", "1200Dr"]), dr_cr_sign=True).paise.tolist()
[-120000, 120000]
>>> parse_amounts(pd.Series(["1,200 Cr", "1200Dr"])).paise.tolist()
[120000, 120000]

Dates (:func:`parse_dates`) are day-first, as Indians write them; Excel serials count from 1900:

>>> typed = ["01/04/2025", 45748, "1-Apr-2025", "2025-04-01T00:00:00.000Z", "31/02/2025"]
>>> parse_dates(pd.Series(typed)).values
array(['2025-04-01T00:00:00.000000000', '2025-04-01T00:00:00.000000000',
       '2025-04-01T00:00:00.000000000', '2025-04-01T00:00:00.000000000',
                                'NaT'], dtype='datetime64[ns]')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import IntFlag
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
DateArray = npt.NDArray[np.datetime64]

EXCEL_ERRORS: frozenset[str] = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)
"""Excel's error values as a reader gives them (text)."""

DECIMAL_TOLERANCE_PAISE = 1e-4
"""A float within 1e-6 rupees of whole paise is whole paise (Excel's 1234.5600000001 is 1234.56)."""

MAX_RUPEES = 1e15
"""Amounts at or beyond ±10^15 rupees are unreadable (no books hold them; int64 paise stay exact)."""

EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")  # serial 61 and later: 1899-12-30 + serial days
FIRST_DATE = np.datetime64("1678-01-01", "D")
LAST_DATE = np.datetime64("2262-04-11", "D")
"""The ledger's dates are datetime64[ns]: days outside these are unreadable (no books hold them)."""


class UnreadCell(IntFlag):
    """Which cells of a ledger row could not be read (their value in the ledger is 0, NaT or "").

    The loader reports those cells as issues; checks consult the flags so as not to report the
    same cell twice (an unreadable date is not also a *missing* date).

    >>> flags = UnreadCell.DATE | UnreadCell.DEBIT
    >>> bool(flags & UnreadCell.DEBIT), bool(flags & UnreadCell.CREDIT)
    (True, False)
    """

    DATE = 1
    VOUCHER = 2
    ACCOUNT = 4
    DEBIT = 8
    CREDIT = 16
    NARRATION = 32
    OPENING = 64
    OTHER = 128  # any other column (party, reference, GSTIN)
    CODE = 256
    NAME = 512
    TYPE = 1024
    PARENT = 2048


@dataclass(frozen=True, slots=True)
class AmountColumn:
    """A parsed amount column: paise (0 where blank or unreadable) and what was found, cell by cell.

    ``negative`` is True where the parsed amount is below zero (after a "Cr" when signed).
    ``too_many_decimals`` cells still carry their amount rounded half-up to paise.
    """

    paise: IntArray
    blank: BoolArray
    unreadable: BoolArray
    error: BoolArray
    too_many_decimals: BoolArray
    negative: BoolArray

    @property
    def readable(self) -> BoolArray:
        """Cells holding an amount (not blank, not unreadable, not an error)."""
        out: BoolArray = ~(self.blank | self.unreadable | self.error)
        return out


@dataclass(frozen=True, slots=True)
class DateColumn:
    """A parsed date column: datetime64[ns] at midnight (NaT where blank or unreadable) and masks."""

    values: DateArray
    blank: BoolArray
    unreadable: BoolArray
    error: BoolArray


# ----------------------------------------------------------------------------------------------
# shared helpers


def _is_blank_scalar(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def _is_error_text(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def _factorize(values: npt.NDArray[Any]) -> tuple[IntArray, list[object]]:
    """Codes and distinct values of an object array, -1 for None/NaN.

    Unlike plain ``pd.factorize``, True and 1 (False and 0) stay apart: a bool in an amount cell is
    unreadable, the number 1 is not.

    >>> codes, uniques = _factorize(np.array([1.0, True, None, 1.0, "a"], dtype=object))
    >>> codes.tolist(), uniques
    ([0, 2, -1, 0, 1], [1.0, 'a', True])
    """
    codes_raw, uniques_raw = pd.factorize(values, use_na_sentinel=True)
    codes = np.asarray(codes_raw, dtype=np.int64)
    uniques: list[object] = list(uniques_raw)
    if pd.api.types.infer_dtype(uniques_raw, skipna=True) in _NO_NUMBERS:
        return codes, uniques
    suspicious = [
        k for k, u in enumerate(uniques) if isinstance(u, bool | np.bool_) or (_is_number(u) and u in (0, 1))
    ]
    if not suspicious:
        return codes, uniques
    positions = np.flatnonzero(np.isin(codes, suspicious))
    split: dict[tuple[int, bool], int] = {}
    for pos in positions:
        value = values[pos]
        key = (int(codes[pos]), isinstance(value, bool | np.bool_))
        if key not in split:
            first_kind = isinstance(uniques[key[0]], bool | np.bool_)
            if key[1] == first_kind:
                split[key] = key[0]
            else:
                split[key] = len(uniques)
                uniques.append(value)
        codes[pos] = split[key]
    return codes, uniques


_DATETIME_KINDS = frozenset({"datetime", "datetime64"})
_NO_NUMBERS = frozenset({"string", "date", "datetime", "datetime64", "empty"})


def _is_number(value: object) -> bool:
    numeric = isinstance(value, int | float | np.integer | np.floating)
    return numeric and not isinstance(value, bool | np.bool_)


def _object_values(series: pd.Series[Any]) -> npt.NDArray[Any]:
    values: npt.NDArray[Any] = np.asarray(series.to_numpy(dtype=object), dtype=object)
    return values


def _is_object(dtype: object) -> bool:
    return isinstance(dtype, np.dtype) and dtype.kind == "O"


def _as_numeric_fast(series: pd.Series[Any]) -> npt.NDArray[np.float64] | None:
    """float64 values when every non-blank cell of ``series`` is a plain number, else None."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return None
    if pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    if _is_object(dtype):
        kind = pd.api.types.infer_dtype(series, skipna=True)
        if kind in ("floating", "integer", "mixed-integer-float") or (kind == "empty" and len(series)):
            return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return None


# ----------------------------------------------------------------------------------------------
# amounts


_CURRENCY = r"(?:₹|rs\.?|inr)"
_AMOUNT_TEXT = re.compile(
    rf"""^
    (?P<sign>[-+−])?\s*{_CURRENCY}?\s*(?P<sign2>[-+−])?\s*
    (?P<open>\()?\s*{_CURRENCY}?\s*(?P<sign3>[-−])?\s*
    (?P<int>\d[\d,]*)?(?:\.(?P<frac>\d*))?
    \s*(?P<close>\))?\s*(?:/-)?\s*
    (?P<side>dr|cr)?\.?
    $""",
    re.IGNORECASE | re.VERBOSE,
)
_GROUPED = re.compile(r"^\d+$|^\d{1,3}(?:,\d{3})+$|^\d{1,2}(?:,\d{2})*,\d{3}$")

_BLANK, _OK, _UNREADABLE, _ERROR = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class _ParsedAmount:
    state: int
    paise: int = 0
    too_many_decimals: bool = False


def parse_amount_text(text: str, *, dr_cr_sign: bool = False) -> tuple[int | None, bool]:
    """One typed amount as (paise, more-than-two-decimals); paise is None when unreadable.

    >>> parse_amount_text("1,00,000.50"), parse_amount_text("(₹ 500)"), parse_amount_text("INR 1200")
    ((10000050, False), (-50000, False), (120000, False))
    >>> parse_amount_text("500 Cr", dr_cr_sign=True), parse_amount_text("12.345")
    ((-50000, False), (1235, True))
    >>> parse_amount_text("12,5"), parse_amount_text("five hundred"), parse_amount_text("(500")
    ((None, False), (None, False), (None, False))
    """
    parsed = _parse_amount_scalar(text, dr_cr_sign)
    if parsed.state != _OK:
        return None, False
    return parsed.paise, parsed.too_many_decimals


def _clean(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ").replace("\u2007", " ").strip()


def _parse_amount_scalar(value: object, dr_cr_sign: bool) -> _ParsedAmount:
    if _is_blank_scalar(value):
        return _ParsedAmount(_BLANK)
    if isinstance(value, str):
        return _parse_amount_str(value, dr_cr_sign)
    if _is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if not np.isfinite(number) or abs(number) >= MAX_RUPEES:
            return _ParsedAmount(_UNREADABLE)
        exact = number * 100
        paise = round(exact)
        off = abs(exact - paise) > max(DECIMAL_TOLERANCE_PAISE, abs(exact) * 1e-12)
        if off:
            paise = int(Decimal(repr(number)).scaleb(2).quantize(Decimal(1), ROUND_HALF_UP))
        return _ParsedAmount(_OK, int(paise), off)
    if isinstance(value, Decimal):
        return _parse_amount_str(str(value), dr_cr_sign)
    return _ParsedAmount(_UNREADABLE)  # bool, date, anything else


def _parse_amount_str(value: str, dr_cr_sign: bool) -> _ParsedAmount:
    text = _clean(value)
    if not text:
        return _ParsedAmount(_BLANK)
    if text.upper() in EXCEL_ERRORS:
        return _ParsedAmount(_ERROR)
    match = _AMOUNT_TEXT.match(text)
    if match is None:
        return _ParsedAmount(_UNREADABLE)
    whole, frac = match["int"], match["frac"]
    signs = [s for s in (match["sign"], match["sign2"], match["sign3"]) if s]
    if (
        (whole is None and not frac)
        or bool(match["open"]) != bool(match["close"])
        or len(signs) > 1
        or (whole is not None and not _GROUPED.match(whole))
    ):
        return _ParsedAmount(_UNREADABLE)
    try:
        rupees = Decimal(f"{(whole or '0').replace(',', '')}.{frac or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return _ParsedAmount(_UNREADABLE)
    if rupees >= Decimal(int(MAX_RUPEES)):
        return _ParsedAmount(_UNREADABLE)
    scaled = rupees.scaleb(2)
    paise = int(scaled.quantize(Decimal(1), ROUND_HALF_UP))
    negative = bool(match["open"]) or (bool(signs) and signs[0] in "-−")
    side = (match["side"] or "").lower()
    if dr_cr_sign and side:
        negative = side == "cr"
    return _ParsedAmount(_OK, -paise if negative else paise, scaled != scaled.to_integral_value())


def _amounts_from_floats(values: npt.NDArray[np.float64]) -> AmountColumn:
    blank = np.isnan(values)
    with np.errstate(invalid="ignore"):
        usable = np.abs(values) < MAX_RUPEES  # False for blank (NaN), infinite and too large
        rounded = values * 100.0
        np.rint(rounded, out=rounded)
        drift = values * 100.0
        drift -= rounded
        np.abs(drift, out=drift)  # NaN where not usable: compares False below
        off = drift > DECIMAL_TOLERANCE_PAISE
        if off.any():  # further than the tolerance and than float64's own error at that size
            off &= drift > np.abs(values * 100.0) * 1e-12
    unreadable = ~usable
    unreadable &= ~blank
    if not usable.all():
        np.copyto(rounded, 0.0, where=~usable)
        off &= usable
    paise = rounded.astype(np.int64)
    if off.any():  # rint rounds half to even; money rounds half up, exactly from the typed digits
        for pos in np.flatnonzero(off):
            paise[pos] = _parse_amount_scalar(float(values[pos]), False).paise
    return AmountColumn(
        paise=paise,
        blank=blank,
        unreadable=unreadable,
        error=np.zeros(len(values), dtype=np.bool_),
        too_many_decimals=off,
        negative=paise < 0,
    )


def parse_amounts(series: pd.Series[Any], *, dr_cr_sign: bool = False) -> AmountColumn:
    """Amount cells as integer paise, with masks of blank, unreadable, error and >2-decimal cells.

    Accepted: numbers; "1,00,000.50" (lakh grouping) and "100,000.50"; "(500)" and "-500" as
    negative; "₹ 1,200", "Rs. 1,200", "INR 1200", "1,200/-"; spaces and non-breaking spaces.

    ``dr_cr_sign``: a "Dr"/"Cr" suffix ("1,200 Cr", "1200Cr") in a *signed* column makes the
    amount +|x| (Dr) or -|x| (Cr). Left False for Debit and Credit columns, where the suffix is
    stripped and ignored: the column already says the side, and "500 Dr" in the Debit column is
    how many accountants type.

    A float within 1e-6 rupees of whole paise is whole paise; anything further (12.345) is flagged
    ``too_many_decimals`` and rounded half-up. Booleans, dates and other text are unreadable.

    >>> col = parse_amounts(pd.Series([1234.5600000001, 12.345, -5.0, float("nan")]))
    >>> col.paise.tolist(), col.too_many_decimals.tolist(), col.negative.tolist()
    ([123456, 1235, -500, 0], [False, True, False, False], [False, False, True, False])
    >>> col = parse_amounts(pd.Series(["#N/A", True, "  ", "1 lakh"], dtype=object))
    >>> col.error.tolist(), col.unreadable.tolist(), col.blank.tolist()
    ([True, False, False, False], [False, True, False, True], [False, False, True, False])
    """
    floats = _as_numeric_fast(series)
    if floats is not None:
        return _amounts_from_floats(floats)
    n = len(series)
    if pd.api.types.is_datetime64_any_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
        blank = series.isna().to_numpy(dtype=np.bool_)
        zeros = np.zeros(n, dtype=np.bool_)
        return AmountColumn(np.zeros(n, dtype=np.int64), blank, ~blank, zeros, zeros.copy(), zeros.copy())
    arrow = _arrow_strings(series)
    if (
        arrow is None
        and _is_object(series.dtype)
        and pd.api.types.infer_dtype(series, skipna=True) == "string"
    ):
        arrow = pa.array(_object_values(series), type=pa.large_string(), from_pandas=True)
    if arrow is not None:
        return _amounts_from_text(arrow, series, dr_cr_sign)
    return _amounts_cell_by_cell(series, dr_cr_sign)


_PLAIN_DECIMAL = r"^-?\d{1,15}(\.\d+)?$"


def _amounts_from_text(
    arrow: pa.Array | pa.ChunkedArray, series: pd.Series[Any], dr_cr_sign: bool
) -> AmountColumn:
    """A text column: plain decimals ("209577.44") are cast by Arrow at once, the rest cell by cell."""
    trimmed = pc.utf8_trim_whitespace(arrow)
    plain = pc.fill_null(pc.match_substring_regex(trimmed, _PLAIN_DECIMAL), False).to_numpy(
        zero_copy_only=False
    )
    if not plain.any():
        return _amounts_cell_by_cell(series, dr_cr_sign)
    values = np.full(len(series), np.nan)
    values[plain] = pc.cast(trimmed.filter(pa.array(plain)), pa.float64()).to_numpy(zero_copy_only=False)
    column = _amounts_from_floats(values)
    rest = np.flatnonzero(~plain & ~series.isna().to_numpy(dtype=np.bool_))
    if len(rest):
        other = _amounts_cell_by_cell(series.iloc[rest], dr_cr_sign)
        for mine, theirs in zip(_fields(column), _fields(other), strict=True):
            mine[rest] = theirs
        column.blank[rest] = other.blank
    return column


def _fields(column: AmountColumn) -> tuple[npt.NDArray[Any], ...]:
    return (column.paise, column.unreadable, column.error, column.too_many_decimals, column.negative)


def _amounts_cell_by_cell(series: pd.Series[Any], dr_cr_sign: bool) -> AmountColumn:
    """Each distinct cell parsed once in Python, then mapped back."""
    codes, uniques = _factorize(_object_values(series))
    parsed = [_parse_amount_scalar(u, dr_cr_sign) for u in uniques]
    state = _take(np.array([p.state for p in parsed], dtype=np.int8), codes, _BLANK)
    paise = _take(np.array([p.paise for p in parsed], dtype=np.int64), codes, 0)
    decimals = _take(np.array([p.too_many_decimals for p in parsed], dtype=np.bool_), codes, False)
    return AmountColumn(
        paise=paise,
        blank=state == _BLANK,
        unreadable=state == _UNREADABLE,
        error=state == _ERROR,
        too_many_decimals=decimals,
        negative=paise < 0,
    )


def _take(table: npt.NDArray[Any], codes: IntArray, missing: Any) -> npt.NDArray[Any]:
    """``table[codes]`` with ``missing`` where the code is -1 (a blank cell)."""
    padded = np.append(table, np.array([missing], dtype=table.dtype))
    out: npt.NDArray[Any] = padded[codes]  # -1 picks the appended value
    return out


# ----------------------------------------------------------------------------------------------
# dates


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may",),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[-\s/.]*([a-z]+)\.?[-\s/.,]*(\d{4}|\d{2})$", re.I)
_MONTH_NAME_DAY = re.compile(r"^([a-z]+)\.?[-\s/.]*(\d{1,2})(?:st|nd|rd|th)?[\s,]+(\d{4})$", re.I)


def month_number(text: str) -> int | None:
    """1–12 for an English month name or abbreviation ("Apr", "April", "Sept"), else None.

    >>> month_number("April"), month_number("sept"), month_number("Avril")
    (4, 9, None)
    """
    return _MONTHS.get(text.strip().lower().rstrip("."))


def _full_year(year: int, digits: int) -> int:
    if digits == 4:
        return year
    return 2000 + year if year < 30 else 1900 + year  # Excel's two-digit-year rule


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def serial_to_date(serial: float) -> dt.date | None:
    """An Excel (1900 system) serial as a date; None outside 1–2958465 and for the fake 29 Feb 1900.

    >>> serial_to_date(45748), serial_to_date(1), serial_to_date(61), serial_to_date(60)
    (datetime.date(2025, 4, 1), datetime.date(1900, 1, 1), datetime.date(1900, 3, 1), None)
    """
    day = int(np.floor(serial))
    if not 1 <= day <= EXCEL_MAX_SERIAL or day == 60:
        return None
    origin = dt.date(1899, 12, 31) if day < 60 else dt.date(1899, 12, 30)
    return origin + dt.timedelta(days=day)


def parse_date_text(text: str, *, dayfirst: bool = True) -> dt.date | None:
    """One typed date, or None when it cannot be read.

    >>> parse_date_text("01-04-25"), parse_date_text("1.4.2025"), parse_date_text("01 Apr 2025")
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> parse_date_text("04/01/2025", dayfirst=False), parse_date_text("2025-02-30")
    (datetime.date(2025, 4, 1), None)
    """
    text = _clean(text)
    if match := _ISO.match(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        first, second = int(match[1]), int(match[2])
        day, month = (first, second) if dayfirst else (second, first)
        return _make_date(_full_year(int(match[3]), len(match[3])), month, day)
    if match := _DAY_MONTH_NAME.match(text):
        named = month_number(match[2])
        year = _full_year(int(match[3]), len(match[3]))
        return _make_date(year, named, int(match[1])) if named else None
    if match := _MONTH_NAME_DAY.match(text):
        named = month_number(match[1])
        return _make_date(int(match[3]), named, int(match[2])) if named else None
    return None


def _date_scalar(value: object, dayfirst: bool) -> tuple[int, dt.date | None]:
    if _is_blank_scalar(value):
        return _BLANK, None
    if isinstance(value, str):
        if _clean(value).upper() in EXCEL_ERRORS:
            return _ERROR, None
        parsed = parse_date_text(value, dayfirst=dayfirst)
    elif isinstance(value, dt.datetime):  # includes pd.Timestamp
        parsed = value.date()
    elif isinstance(value, dt.date):
        parsed = value
    elif isinstance(value, np.datetime64):
        parsed = pd.Timestamp(value).date()
    elif _is_number(value):
        number = float(value)  # type: ignore[arg-type]
        parsed = serial_to_date(number) if np.isfinite(number) else None
    else:
        parsed = None
    if parsed is None or not FIRST_DATE <= np.datetime64(parsed, "D") <= LAST_DATE:
        return _UNREADABLE, None
    return _OK, parsed


def _dates_from_serials(values: npt.NDArray[np.float64]) -> DateColumn:
    blank = np.isnan(values)
    with np.errstate(invalid="ignore"):
        days = np.floor(np.where(blank, 0.0, values))
        valid = ~blank & (days >= 1) & (days <= EXCEL_MAX_SERIAL) & (days != 60)
    # serials before the fake 29 February 1900 count from 31 December 1899, one day later
    whole = np.where(valid, days, 1).astype(np.int64) + (days < 60)
    day_dates = _EXCEL_EPOCH + whole
    valid &= day_dates <= LAST_DATE
    dates = np.where(valid, day_dates, np.datetime64("NaT")).astype("datetime64[ns]")
    zeros = np.zeros(len(values), dtype=np.bool_)
    return DateColumn(dates, blank, ~blank & ~valid, zeros)


def parse_dates(series: pd.Series[Any], *, dayfirst: bool = True) -> DateColumn:
    """Date cells as datetime64[ns] at midnight, NaT where blank or unreadable (a time is dropped).

    Accepted: Excel serials (1900 system, 1–2958465; 60, the fake 29 Feb 1900, is unreadable);
    days after 11 April 2262 (the end of datetime64[ns]) are unreadable too;
    datetime, date and Timestamp values; ISO text incl. Office.js's "2025-04-01T00:00:00.000Z";
    "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", "dd/mm/yy" (00–29 are 2000s, as Excel reads them);
    "1-Apr-2025", "01 Apr 2025", "Apr 1, 2025". ``dayfirst=False`` reads "04/01/2025" as 1 April.

    >>> col = parse_dates(pd.Series([45748.75, 60, None, "#REF!", "soon"], dtype=object))
    >>> col.values[0], col.blank.tolist(), col.unreadable.tolist(), col.error.tolist()
    (np.datetime64('2025-04-01T00:00:00.000000000'), [False, False, True, False, False], \
[False, True, False, False, True], [False, False, False, True, False])
    """
    n = len(series)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        stamps = series
        if getattr(series.dtype, "tz", None) is not None:
            stamps = series.dt.tz_localize(None)
        days = np.asarray(stamps.to_numpy()).astype("datetime64[D]")
        blank = np.isnat(days)
        outside = ~blank & ((days < FIRST_DATE) | (days > LAST_DATE))
        if outside.any():
            days[outside] = np.datetime64("NaT")
        values = days.astype("datetime64[ns]")
        zeros = np.zeros(n, dtype=np.bool_)
        return DateColumn(values, blank, outside, zeros)
    floats = _as_numeric_fast(series)
    if floats is not None:
        return _dates_from_serials(floats)
    if _is_object(series.dtype) and pd.api.types.infer_dtype(series, skipna=True) in _DATETIME_KINDS:
        try:
            return parse_dates(pd.Series(pd.to_datetime(series)), dayfirst=dayfirst)
        except (ValueError, TypeError, OverflowError):
            pass  # mixed time zones or days out of range: read cell by cell below
    codes, uniques = _factorize(_object_values(series))
    parsed = [_date_scalar(u, dayfirst) for u in uniques]
    state = _take(np.array([p[0] for p in parsed], dtype=np.int8), codes, _BLANK)
    nat = np.datetime64("NaT", "ns")
    table = np.array(
        [np.datetime64(p[1], "ns") if p[1] is not None else nat for p in parsed], dtype="datetime64[ns]"
    )
    values = _take(table, codes, nat)
    return DateColumn(values, state == _BLANK, state == _UNREADABLE, state == _ERROR)


# ----------------------------------------------------------------------------------------------
# text


def _text_scalar(value: object) -> str:
    if _is_blank_scalar(value):
        return ""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if _is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if np.isfinite(number) and number.is_integer() and abs(number) < 2**53:
            return str(int(number))
        return repr(number) if isinstance(value, float | np.floating) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def cell_text(value: object) -> str:
    """A cell's value as the user reads it, for an issue's ``value`` ("" for blank).

    >>> cell_text(1001.0), cell_text(" Rent "), cell_text(None), cell_text(dt.date(2025, 4, 1))
    ('1001', 'Rent', '', '2025-04-01')
    """
    return _text_scalar(value)


def parse_text(series: pd.Series[Any]) -> pd.Series[str]:
    """Text cells as stripped strings: None/NaN → "", 1001.0 → "1001" (codes typed as numbers).

    The result has the same index as ``series``. Non-breaking spaces at the ends are stripped too.

    >>> parse_text(pd.Series([" Cash ", 1001.0, None, 12.5, True], dtype=object)).tolist()
    ['Cash', '1001', '', '12.5', 'TRUE']
    >>> parse_text(pd.Series([1001.0, float("nan")])).tolist()
    ['1001', '']
    """
    arrow = _arrow_strings(series)
    if arrow is not None:
        cleaned = pc.fill_null(pc.utf8_trim_whitespace(arrow), "")
        return pd.Series(cleaned, index=series.index, dtype="str")
    if isinstance(series.dtype, pd.StringDtype):  # python-backed strings
        return series.str.strip().fillna("").astype("str")
    if len(series) == 0:
        return pd.Series([], index=series.index, dtype="str")
    if _is_object(series.dtype) and pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
        arrow = pa.array(_object_values(series), type=pa.large_string(), from_pandas=True)
        cleaned = pc.fill_null(pc.utf8_trim_whitespace(arrow), "")
        return pd.Series(cleaned, index=series.index, dtype="str")
    if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        codes_raw, uniques_raw = pd.factorize(series, use_na_sentinel=True)  # numbers hash fast
        codes = np.asarray(codes_raw, dtype=np.int64)
        table = _numbers_as_text(np.asarray(uniques_raw, dtype=np.float64))
    else:
        codes, uniques = _factorize(_object_values(series))
        table = pa.array([_text_scalar(u) for u in uniques] + [""], type=pa.large_string())
    picked = pc.take(table, pa.array(np.where(codes < 0, len(table) - 1, codes)))
    return pd.Series(picked, index=series.index, dtype="str")


@dataclass(frozen=True, slots=True)
class TextColumn:
    """A parsed text column: stripped text ("" where blank) and masks of blank and Excel-error cells.

    An error cell keeps its text ("#N/A") here; the loader reports it and blanks it.
    """

    text: pd.Series[str]
    blank: BoolArray
    error: BoolArray


def parse_text_column(series: pd.Series[Any]) -> TextColumn:
    """:func:`parse_text`, with the blank and Excel-error masks (:func:`text_error_mask`) of the result.

    An Arrow text column is read from its buffers: trimmed only when some text starts or ends with
    a byte that may be a space, blank where the length is 0, an error candidate where the first
    byte is "#"; a column of nulls only is all blank at once.

    >>> col = parse_text_column(pd.Series([" Cash ", None, "#N/A", "#1 Shop"], dtype="str"))
    >>> col.text.tolist(), col.blank.tolist(), col.error.tolist()
    (['Cash', '', '#N/A', '#1 Shop'], [False, True, False, False], [False, False, True, False])
    """
    arrow = _arrow_strings(series)
    if arrow is None:
        text = parse_text(series)
        return TextColumn(text, (text == "").to_numpy(dtype=np.bool_), text_error_mask(text))
    array = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
    n = len(array)
    if array.null_count == n:
        empty = pa.LargeStringArray.from_buffers(
            n, pa.py_buffer(np.zeros(n + 1, dtype=np.int64)), pa.py_buffer(b"")
        )
        zeros = np.zeros(n, dtype=np.bool_)
        return TextColumn(pd.Series(empty, index=series.index, dtype="str"), ~zeros, zeros)
    if _may_need_trim(array):
        array = pc.utf8_trim_whitespace(array)
    if array.null_count:
        array = _nulls_as_empty(array)
    offsets, data = _string_buffers(array)
    blank = offsets[1:] == offsets[:-1]
    text = pd.Series(array, index=series.index, dtype="str")
    if not len(data):
        return TextColumn(text, blank, np.zeros(n, dtype=np.bool_))
    hash_first = ~blank & (np.take(data, offsets[:-1], mode="clip") == ord("#"))
    errors = np.zeros(n, dtype=np.bool_)
    if hash_first.any():
        positions = np.flatnonzero(hash_first)
        texts = array.take(pa.array(positions)).to_pylist()
        errors[positions[np.array([_is_error_text(t) for t in texts], dtype=np.bool_)]] = True
    return TextColumn(text, blank, errors)


def _nulls_as_empty(array: pa.Array) -> pa.Array:
    """``fill_null(array, "")``, without copying the text when every null already spans no bytes.

    >>> _nulls_as_empty(pa.array(["a", None, "b"], type=pa.large_string())).to_pylist()
    ['a', '', 'b']
    """
    offsets, _ = _string_buffers(array)
    null = ~array.is_valid().to_numpy(zero_copy_only=False)
    if not (offsets[1:] == offsets[:-1])[null].all():
        return pc.fill_null(array, "")
    _, offsets_buffer, data_buffer = array.buffers()
    return pa.Array.from_buffers(
        array.type, len(array), [None, offsets_buffer, data_buffer], null_count=0, offset=array.offset
    )


def _may_need_trim(array: pa.Array) -> bool:
    """Whether any text may start or end with a space, as Arrow's ``utf8_trim_whitespace`` sees them.

    Arrow's spaces are ASCII 9–13, 28–32, and U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
    U+2029, U+202F, U+205F, U+3000, whose UTF-8 starts with byte C2, E1, E2 or E3: so a text may
    need trimming when its first byte is one of those or at most 0x20, or when it ends in an ASCII
    space or in a two-byte character led by C2 or a three-byte one led by E1–E3. Devanagari (E0)
    never does. An empty text reads its neighbours' bytes: at worst a needless trim, never a
    missed one.

    >>> [_may_need_trim(pa.array([t])) for t in ("दिनेश कुमार", "Cash\xa0", "\u3000Cash", "Cash\t", "Cash")]
    [False, True, True, True, False]
    """
    offsets, data = _string_buffers(array)
    if not len(data):
        return False
    first = np.take(data, offsets[:-1], mode="clip")
    if ((first <= 0x20) | (first == 0xC2) | ((first >= 0xE1) & (first <= 0xE3))).any():
        return True
    ends = offsets[1:] - 1
    last = np.take(data, ends, mode="clip")
    if (last <= 0x20).any():
        return True
    ends = ends[last >= 0x80]  # texts ending in a non-ASCII character
    lead2 = np.take(data, ends - 1, mode="clip")  # the lead byte when the last character has two bytes
    lead3 = np.take(data, ends - 2, mode="clip")  # … when it has three
    return bool(((lead2 == 0xC2) | ((lead3 >= 0xE1) & (lead3 <= 0xE3))).any())


def _numbers_as_text(numbers: npt.NDArray[np.float64]) -> pa.Array:
    """Distinct numbers as text ("1001" for 1001.0), followed by "" for blank; whole ones cast by Arrow."""
    whole = np.isfinite(numbers) & (np.mod(numbers, 1) == 0) & (np.abs(numbers) < 2**53)
    if whole.all():
        texts = pc.cast(pa.array(numbers.astype(np.int64)), pa.large_string())
        return pa.concat_arrays([texts, pa.array([""], type=pa.large_string())])
    return pa.array([_text_scalar(float(u)) for u in numbers] + [""], type=pa.large_string())


def _arrow_strings(series: pd.Series[Any]) -> pa.Array | pa.ChunkedArray | None:
    """The Arrow string array behind ``series`` (zero-copy), or None when it has none."""
    dtype = series.dtype
    arrow_backed = (
        (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow")
        or (isinstance(dtype, pd.ArrowDtype) and pa.types.is_string(dtype.pyarrow_dtype))
        or (isinstance(dtype, pd.ArrowDtype) and pa.types.is_large_string(dtype.pyarrow_dtype))
    )
    if not arrow_backed:
        return None
    arrow: pa.Array | pa.ChunkedArray = pa.array(series.array)
    return arrow


def _string_buffers(arrow: pa.Array) -> tuple[IntArray, npt.NDArray[np.uint8]]:
    """Offsets (int64, ``len + 1`` of them, rebased to 0) and UTF-8 bytes of a string array."""
    wide = pa.types.is_large_string(arrow.type)
    _, offsets_buffer, data_buffer = arrow.buffers()
    raw = np.frombuffer(offsets_buffer, dtype=np.int64 if wide else np.int32)
    offsets: IntArray = raw[arrow.offset : arrow.offset + len(arrow) + 1].astype(np.int64, copy=False)
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    start, stop = (int(offsets[0]), int(offsets[-1])) if len(offsets) else (0, 0)
    return (offsets - start if start else offsets), data[start:stop]


_HASH_BYTES = 64  # texts longer than this are hashed by Arrow instead
_HASH_TABLE = np.frombuffer(np.random.default_rng(0xBA41).bytes(_HASH_BYTES * 256 * 8), dtype=np.uint64)
"""Tabulation hashing: one random 64-bit word per (byte position, byte value)."""


def _text_hashes(arrow: pa.Array) -> npt.NDArray[np.uint64] | None:
    """A 64-bit hash of each text (XOR of table words), or None when a text is too long to hash here.

    One pass per byte position over all texts (voucher numbers are short), so that every array
    touched is as long as the column, never as long as its bytes.
    """
    offsets, data = _string_buffers(arrow)
    lengths = np.diff(offsets)
    if len(lengths) == 0 or int(lengths.max()) > _HASH_BYTES:
        return None
    begin = offsets[:-1]
    hashes = lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    shortest = int(lengths.min())
    for k in range(int(lengths.max())):
        if k < shortest:  # every text has a k-th byte
            hashes ^= _HASH_TABLE[data[begin + k].astype(np.int64) + k * 256]
        else:
            live = np.flatnonzero(lengths > k)
            hashes[live] ^= _HASH_TABLE[data[begin[live] + k].astype(np.int64) + k * 256]
    return hashes


def _all_different(hashes: npt.NDArray[np.uint64]) -> bool:
    """Whether no two hashes are equal (so no two of the texts hashed are)."""
    ordered = np.sort(hashes)
    return not bool((ordered[1:] == ordered[:-1]).any())


def factorize_text(arrow: pa.Array | pa.ChunkedArray) -> tuple[IntArray, pa.Array]:
    """Codes (numbered in order of first appearance, -1 for null) and distinct values of a text array.

    Many distinct short texts (voucher numbers) are hashed in numpy and the hashes factorised as
    integers, several times faster than hashing the strings; equal hashes are then confirmed equal
    as text, and on any collision Arrow's exact dictionary encoding is used instead.

    >>> codes, uniques = factorize_text(pa.array(["V1", "V2", "V1", "", "V2"]))
    >>> codes.tolist(), uniques.to_pylist()
    ([0, 1, 0, 2, 1], ['V1', 'V2', ''])
    """
    array = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
    if array.null_count == 0 and (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        hashes = _text_hashes(array)
        if hashes is not None and _all_different(hashes):  # every text distinct: no hash table needed
            return np.arange(len(array), dtype=np.int64), array
        if hashes is not None:
            codes_raw, _ = pd.factorize(hashes.view(np.int64))
            codes = np.asarray(codes_raw, dtype=np.int64)
            running = np.maximum.accumulate(np.concatenate(([-1], codes)))[:-1]
            first = np.flatnonzero(codes > running)  # the first text of each code
            same = first[codes]
            repeated = np.flatnonzero(same != np.arange(len(codes)))
            later, earlier = array.take(pa.array(repeated)), array.take(pa.array(same[repeated]))
            if not len(repeated) or pc.all(pc.equal(later, earlier)).as_py():
                return codes, array.take(pa.array(first))
    encoded = pc.dictionary_encode(array)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    indices = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)  # null: -1
    return np.asarray(indices, dtype=np.int64), encoded.dictionary


def error_mask(series: pd.Series[Any]) -> BoolArray:
    """True where a cell holds an Excel error value ("#N/A", "#REF!" …).

    >>> error_mask(pd.Series(["#N/A", "Cash", None, " #ref! "], dtype=object)).tolist()
    [True, False, False, True]
    """
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) or _is_object(dtype):
        if isinstance(dtype, pd.StringDtype):
            hit = series.str.lstrip().str.startswith("#").fillna(False).to_numpy(dtype=np.bool_)
            if not hit.any():
                return hit
        codes, uniques = _factorize(_object_values(series))
        table = np.array([_is_error_text(u) for u in uniques] + [False], dtype=np.bool_)
        out: BoolArray = table[codes]
        return out
    return np.zeros(len(series), dtype=np.bool_)


def text_error_mask(text: pd.Series[str]) -> BoolArray:
    """True where already-parsed text (:func:`parse_text`) is an Excel error value.

    >>> text_error_mask(parse_text(pd.Series(["#N/A", "#1 Shop", "Cash"]))).tolist()
    [True, False, False]
    """
    hash_first = text.str.startswith("#").fillna(False).to_numpy(dtype=np.bool_)
    if not hash_first.any():
        return hash_first
    positions = np.flatnonzero(hash_first)
    errors = np.array([_is_error_text(t) for t in text.iloc[positions].tolist()], dtype=np.bool_)
    out = np.zeros(len(text), dtype=np.bool_)
    out[positions[errors]] = True
    return out


def blank_mask(series: pd.Series[Any]) -> BoolArray:
    """True where a cell is empty (None, NaN, NaT or only spaces).

    >>> blank_mask(pd.Series([None, " ", "x", 0, float("nan")], dtype=object)).tolist()
    [True, True, False, False, True]
    """
    dtype = series.dtype
    if _arrow_strings(series) is not None:
        return parse_text_column(series).blank
    isna = series.isna().to_numpy(dtype=np.bool_)
    if isinstance(dtype, pd.StringDtype):
        empty = (series.str.strip() == "").fillna(False).to_numpy(dtype=np.bool_)
        out: BoolArray = isna | empty
        return out
    if _is_object(dtype):
        codes, uniques = _factorize(_object_values(series))
        table = np.array([_is_blank_scalar(u) for u in uniques] + [True], dtype=np.bool_)
        result: BoolArray = table[codes]
        return result
    return isna
