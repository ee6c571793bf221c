"""Dates as Indian books write them — one cell or a whole column — and why a text is not a date.

One grammar (:func:`read_date` for a cell, :func:`parse_dates` for a column, both through
:func:`date_of`). Accepted:

* date and datetime values (a time of day is dropped, a time zone keeps its local date);
* Excel serial numbers (1900 system, 1–2958465; 60, Excel's 29 February 1900 that never was, is not
  a date);
* text, day first as India writes it: "01/04/2025", "1-4-2025", "01.04.2025", "01/04/25" (a
  two-digit year 00–29 is 20xx, 30–99 is 19xx, as Excel reads it), "1-Apr-2025", "01 April 2025",
  "1st Apr, 2025", "1 अप्रैल 2025", "Apr 1, 2025"; ISO "2025-04-01", also with a time and zone as
  Office.js sends it ("2025-04-01T00:00:00.000Z"); "20250401" (year, month, day, as bank files
  write it); a time after the date ("01/04/2025 10:15 AM") is dropped.

Days outside 01/01/1678–11/04/2262 (what the ledger's datetime64[ns] holds) are not read.

>>> typed = ["01/04/2025", 45748, "1-Apr-2025", "2025-04-01T00:00:00.000Z", "31/02/2025"]
>>> parse_dates(pd.Series(typed)).values
array(['2025-04-01T00:00:00.000000000', '2025-04-01T00:00:00.000000000',
       '2025-04-01T00:00:00.000000000', '2025-04-01T00:00:00.000000000',
                                'NaT'], dtype='datetime64[ns]')

What is not a date says why, in English and Hindi:

>>> read_date("31/04/2025")
Traceback (most recent call last):
...
addin.engine.cells.values.CellValueError: April has 30 days
>>> date_reason("29/02/2025").en, date_reason("29/02/2025").hi
('February 2025 has 28 days: 2025 is not a leap year', 'फ़रवरी 2025 में 28 दिन हैं: 2025 अधिवर्ष (लीप वर्ष) नहीं है')
>>> date_reason("04/13/2025").en
'there is no month 13: dates are written day first (dd/mm/yyyy), so perhaps 13/04/2025'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.cells.values import (
    BLANK_REASON,
    DATETIME_KINDS,
    EXCEL_ERRORS,
    BoolArray,
    CellState,
    CellValueError,
    DateArray,
    Reason,
    as_numeric_fast,
    clean,
    error_reason,
    factorize,
    is_blank_value,
    is_number,
    is_object,
    object_values,
    take,
    yes_no_reason,
)

EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
FIRST_DATE = np.datetime64("1678-01-01", "D")
LAST_DATE = np.datetime64("2262-04-11", "D")
"""The ledger's dates are datetime64[ns]: days outside these are not read (no books hold them)."""
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")  # serial 61 and later: 1899-12-30 + serial days
_FIRST = dt.date(1678, 1, 1)
_LAST = dt.date(2262, 4, 11)

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip
MONTHS_HI = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर",
             "नवंबर", "दिसंबर")  # fmt: skip

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january", "जनवरी", "जन"),
        ("feb", "february", "फ़रवरी", "फरवरी", "फ़र", "फर"),
        ("mar", "march", "मार्च"),
        ("apr", "april", "अप्रैल", "अप्रेल"),
        ("may", "मई"),
        ("jun", "june", "जून"),
        ("jul", "july", "जुलाई"),
        ("aug", "august", "अगस्त", "अग"),
        ("sep", "sept", "september", "सितंबर", "सितम्बर", "सित"),
        ("oct", "october", "अक्टूबर", "अक्तूबर", "अक्टू"),
        ("nov", "november", "नवंबर", "नवम्बर", "नव"),
        ("dec", "december", "दिसंबर", "दिसम्बर", "दिस"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number


@dataclass(frozen=True, slots=True)
class DateReading:
    """What :func:`date_of` found in one cell."""

    state: CellState
    date: dt.date | None = None
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class DateColumn:
    """A parsed date column: datetime64[ns] at midnight (NaT where blank or unreadable) and masks."""

    values: DateArray
    blank: BoolArray
    unreadable: BoolArray
    error: BoolArray


# ----------------------------------------------------------------------------------------------
# reasons


def format_date(date: dt.date) -> str:
    """A date as Indians write it: dd/mm/yyyy."""
    return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"


def _not_a_date(text: str) -> Reason:
    return Reason(
        f"'{text}' is not written as a date is (01/04/2025, 1-Apr-2025 or 2025-04-01)",
        f"'{text}' तिथि के किसी रूप (01/04/2025, 1-Apr-2025 या 2025-04-01) में नहीं लिखा है",
    )


_RANGE = ("01/01/1678", "11/04/2262")


def _outside(date: dt.date) -> Reason:
    return Reason(
        f"{format_date(date)} is outside the dates the books can hold ({_RANGE[0]} to {_RANGE[1]})",
        f"{format_date(date)} बही में रखी जा सकने वाली तिथियों ({_RANGE[0]} से {_RANGE[1]}) के बाहर है",
    )


def _no_month(month: int, swapped: str = "") -> Reason:
    if swapped:
        return Reason(
            f"there is no month {month}: dates are written day first (dd/mm/yyyy), so perhaps {swapped}",
            f"माह {month} नहीं होता: तिथि में पहले दिन लिखा जाता है (dd/mm/yyyy), शायद {swapped}",
        )
    return Reason(
        f"there is no month {month}: months run from 1 to 12", f"माह {month} नहीं होता: माह 1 से 12 तक होते हैं"
    )


def _day_out_of_range(year: int, month: int, day: int) -> Reason:
    if day == 0:
        return Reason("there is no day 0", "दिन 0 नहीं होता")
    days = calendar.monthrange(year, month)[1]
    en, hi = MONTHS_EN[month - 1], MONTHS_HI[month - 1]
    if month == 2 and day == 29:
        return Reason(
            f"February {year} has 28 days: {year} is not a leap year",
            f"फ़रवरी {year} में 28 दिन हैं: {year} अधिवर्ष (लीप वर्ष) नहीं है",
        )
    if month == 2:
        return Reason(f"February {year} has {days} days", f"फ़रवरी {year} में {days} दिन हैं")
    return Reason(f"{en} has {days} days", f"{hi} में {days} दिन होते हैं")


def _year_digits(year: str) -> Reason:
    return Reason(
        f"the year '{year}' has {len(year)} digit{'s' if len(year) > 1 else ''}: "
        "write it with four (2025) or two (25)",
        f"वर्ष '{year}' में {len(year)} अंक हैं: इसे चार (2025) या दो (25) अंकों में लिखें",
    )


def _serial_reason(number: float) -> Reason:
    text = f"{number:g}" if number != int(number) or abs(number) >= 1e16 else str(int(number))
    if int(np.floor(number)) == 60:
        return Reason(
            "60 is Excel's 29/02/1900, a day that never was", "60 एक्सेल की 29/02/1900 है, जो दिन कभी था ही नहीं"
        )
    if number < 1:
        return Reason(
            f"{text} is not an Excel date number: they start at 1 (01/01/1900)",
            f"{text} एक्सेल की तिथि संख्या नहीं है: ये 1 (01/01/1900) से शुरू होती हैं",
        )
    return Reason(
        f"{text} is beyond Excel's last date number {EXCEL_MAX_SERIAL} (31/12/9999)",
        f"{text} एक्सेल की अंतिम तिथि संख्या {EXCEL_MAX_SERIAL} (31/12/9999) से आगे है",
    )


# ----------------------------------------------------------------------------------------------
# one cell


def month_number(text: str) -> int | None:
    """1–12 for an English or Hindi month name or abbreviation ("Apr", "April", "Sept", "अप्रैल").

    >>> month_number("April"), month_number("sept"), month_number("अप्रैल"), month_number("Avril")
    (4, 9, 4, None)
    """
    return _MONTHS.get(text.strip().lower().rstrip("."))


def serial_to_date(serial: float) -> dt.date | None:
    """An Excel (1900 system) serial as a date; None outside 1–2958465 and for the fake 29 Feb 1900.

    >>> serial_to_date(45748), serial_to_date(1), serial_to_date(61), serial_to_date(60)
    (datetime.date(2025, 4, 1), datetime.date(1900, 1, 1), datetime.date(1900, 3, 1), None)
    """
    if not np.isfinite(serial):
        return None
    day = int(np.floor(serial))
    if not 1 <= day <= EXCEL_MAX_SERIAL or day == 60:
        return None
    origin = dt.date(1899, 12, 31) if day < 60 else dt.date(1899, 12, 30)
    return origin + dt.timedelta(days=day)


def _full_year(year: str) -> int:
    number = int(year)
    if len(year) == 4:
        return number
    return 2000 + number if number < 30 else 1900 + number  # Excel's two-digit-year rule


_TIME = re.compile(
    r"(?:\s+|\s*T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d+)$")
_NAME = r"([a-z\u0900-\u097f]+)"
_DAY_MONTH_NAME = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?[-\s/.]*{_NAME}\.?[-\s/.,]*(\d+)$", re.I)
_MONTH_NAME_DAY = re.compile(rf"^{_NAME}\.?[-\s/.]*(\d{{1,2}})(?:st|nd|rd|th)?[\s,]+(\d+)$", re.I)
_MONTH_YEAR = re.compile(rf"^(?:\d{{1,2}}|{_NAME})[-\s/.,]+(\d{{4}})$", re.I)
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d*)?$")


def _make(year: int, month: int, day: int, *, swapped: str = "") -> DateReading:
    if not 1 <= month <= 12:
        return DateReading(CellState.UNREADABLE, reason=_no_month(month, swapped))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return DateReading(CellState.UNREADABLE, reason=_day_out_of_range(year, month, day))
    return _in_range(dt.date(year, month, day))


def _in_range(date: dt.date) -> DateReading:
    if not _FIRST <= date <= _LAST:
        return DateReading(CellState.UNREADABLE, reason=_outside(date))
    return DateReading(CellState.OK, date)


def _named(day: str, name: str, year: str) -> DateReading:
    month = month_number(name)
    if month is None:
        return DateReading(
            CellState.UNREADABLE,
            reason=Reason(
                f"'{name}' is not a month (Jan, Feb, … Dec, or January … December)",
                f"'{name}' कोई माह नहीं है (Jan, Feb, … Dec, या जनवरी … दिसंबर)",
            ),
        )
    if len(year) not in (2, 4):
        return DateReading(CellState.UNREADABLE, reason=_year_digits(year))
    return _make(_full_year(year), month, int(day))


def _date_of_text(value: str, dayfirst: bool) -> DateReading:
    text = clean(value)
    if not text:
        return DateReading(CellState.BLANK, reason=BLANK_REASON)
    if text.upper() in EXCEL_ERRORS:
        return DateReading(CellState.ERROR, reason=error_reason(text))
    bare = _TIME.sub("", text) if ":" in text else text
    if match := _ISO.match(bare):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(bare):
        first, second, year = int(match[1]), int(match[2]), match[3]
        if len(year) not in (2, 4):
            return DateReading(CellState.UNREADABLE, reason=_year_digits(year))
        day, month = (first, second) if dayfirst else (second, first)
        swapped = ""
        if dayfirst and month > 12 and 1 <= day <= 12:
            swapped = f"{month:02d}/{day:02d}/{year}"
        return _make(_full_year(year), month, day, swapped=swapped)
    if match := _COMPACT.match(bare):
        reading = _make(int(match[1]), int(match[2]), int(match[3]))
        if reading.state is CellState.OK:
            return reading
        return DateReading(
            CellState.UNREADABLE,
            reason=Reason(
                f"'{text}' has no separators: write the day, month and year as dd/mm/yyyy",
                f"'{text}' में विभाजक नहीं हैं: दिन, माह और वर्ष dd/mm/yyyy रूप में लिखें",
            ),
        )
    if match := _DAY_MONTH_NAME.match(bare):
        return _named(match[1], match[2], match[3])
    if match := _MONTH_NAME_DAY.match(bare):
        return _named(match[2], match[1], match[3])
    if (match := _MONTH_YEAR.match(bare)) and (match[1] is None or month_number(match[1])):
        return DateReading(
            CellState.UNREADABLE,
            reason=Reason(
                f"'{text}' has no day: a date needs a day, a month and a year (dd/mm/yyyy)",
                f"'{text}' में दिन नहीं है: तिथि में दिन, माह और वर्ष तीनों चाहिए (dd/mm/yyyy)",
            ),
        )
    if _NUMBER.match(bare):
        return DateReading(
            CellState.UNREADABLE,
            reason=Reason(
                f"'{text}' is a number written as text, not a date",
                f"'{text}' पाठ के रूप में लिखी संख्या है, तिथि नहीं",
            ),
        )
    return DateReading(CellState.UNREADABLE, reason=_not_a_date(text))


def date_of(value: object, *, dayfirst: bool = True) -> DateReading:
    """The one date grammar: what a cell holds, as :class:`DateReading` (never raises).

    ``dayfirst=False`` reads "04/01/2025" as 1 April (for files written month first).

    >>> date_of("1 अप्रैल 2025").date, date_of(45748.75).date, date_of("01/04/2025 10:15 AM").date
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> date_of(60).reason.en
    "60 is Excel's 29/02/1900, a day that never was"
    """
    if isinstance(value, str):
        return _date_of_text(value, dayfirst)
    if is_blank_value(value):
        return DateReading(CellState.BLANK, reason=BLANK_REASON)
    if isinstance(value, dt.datetime):  # includes pd.Timestamp
        return _in_range(value.date())
    if isinstance(value, dt.date):
        return _in_range(value)
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return DateReading(CellState.BLANK, reason=BLANK_REASON)
        return _datetime64(value)
    if isinstance(value, bool | np.bool_):
        return DateReading(CellState.UNREADABLE, reason=yes_no_reason(value, "a date", "तिथि"))
    if is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if not np.isfinite(number):
            return DateReading(
                CellState.UNREADABLE, reason=Reason("it is not a finite number", "यह सीमित संख्या नहीं है")
            )
        day = serial_to_date(number)
        if day is None:
            return DateReading(CellState.UNREADABLE, reason=_serial_reason(number))
        return _in_range(day)
    return DateReading(CellState.UNREADABLE, reason=_not_a_date(str(value)))


_MONTH_NAME_YEAR = re.compile(rf"^{_NAME}\.?[\s\-/',]*(\d{{4}}|\d{{2}})$", re.I)
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_NUMBER_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")


def parse_month_text(text: str) -> tuple[int, int] | None:
    """(year, month) of a month typed without a day: "Apr-2025", "April 2025", "Apr 25",
    "अप्रैल 2025", "2025-04" or "04/2025"; None for anything else (a whole date included).

    Two-digit years follow the date grammar's rule (00–29 are 2000s, as Excel reads them).

    >>> parse_month_text("Apr-2025"), parse_month_text("sept 25"), parse_month_text("2026-03")
    ((2025, 4), (2025, 9), (2026, 3))
    >>> parse_month_text("Ap 2025"), parse_month_text("13/2025"), parse_month_text("15/04/2025")
    (None, None, None)
    """
    text = clean(text)
    if match := _MONTH_NAME_YEAR.fullmatch(text):
        month = month_number(match[1])
        return (_full_year(match[2]), month) if month else None
    for pattern, year_at, month_at in ((_YEAR_MONTH, 1, 2), (_MONTH_NUMBER_YEAR, 2, 1)):
        if match := pattern.fullmatch(text):
            month = int(match[month_at])
            return (int(match[year_at]), month) if 1 <= month <= 12 else None
    return None


def month_of(value: object) -> tuple[int, int] | None:
    """(year, month) of a month cell: a month as :func:`parse_month_text` reads it, or any day the
    date grammar reads (a date cell, a serial, "15/04/2025"); None otherwise.

    >>> month_of("Apr-2025"), month_of(dt.date(2025, 4, 15)), month_of(45748), month_of("15/04/2025")
    ((2025, 4), (2025, 4), (2025, 4), (2025, 4))
    >>> month_of(""), month_of("soon")
    (None, None)
    """
    if isinstance(value, str) and (month := parse_month_text(value)):
        return month
    reading = date_of(value)
    return (reading.date.year, reading.date.month) if reading.date is not None else None


def _datetime64(value: np.datetime64) -> DateReading:
    day = value.astype("datetime64[D]")
    if not FIRST_DATE <= day <= LAST_DATE:
        year = int(str(day)[:4]) if str(day)[:4].isdigit() else 9999
        return DateReading(CellState.UNREADABLE, reason=_outside(dt.date(min(max(year, 1), 9999), 1, 1)))
    return DateReading(CellState.OK, dt.date.fromisoformat(str(day)))


def read_date(value: object, *, dayfirst: bool = True) -> dt.date:
    """One cell's date; raises :class:`CellValueError` (a ``ValueError``) saying why when there is none.

    >>> read_date("1st Apr, 2025"), read_date(dt.datetime(2025, 4, 1, 13, 5)), read_date("20250401")
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> read_date("Avr 1, 2025")
    Traceback (most recent call last):
    ...
    addin.engine.cells.values.CellValueError: 'Avr' is not a month (Jan, Feb, … Dec, or January … December)
    """
    reading = date_of(value, dayfirst=dayfirst)
    if reading.date is None:
        raise CellValueError(reading.reason or BLANK_REASON)
    return reading.date


def date_reason(value: object, *, dayfirst: bool = True) -> Reason | None:
    """Why ``value`` is not a date, or None when it is one.

    >>> date_reason("01/04/2025"), date_reason("01/04/202").en
    (None, "the year '202' has 3 digits: write it with four (2025) or two (25)")
    """
    reading = date_of(value, dayfirst=dayfirst)
    return None if reading.state is CellState.OK else reading.reason


def parse_date_text(text: str, *, dayfirst: bool = True) -> dt.date | None:
    """One typed date, or None when it cannot be read.

    >>> parse_date_text("01-04-25"), parse_date_text("1.4.2025"), parse_date_text("01 Apr 2025")
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> parse_date_text("04/01/2025", dayfirst=False), parse_date_text("2025-02-30")
    (datetime.date(2025, 4, 1), None)
    """
    return _date_of_text(text, dayfirst).date


def datetime64_to_date(value: np.datetime64) -> dt.date:
    """A ``datetime64`` (a ledger date) back to a ``datetime.date``.

    >>> datetime64_to_date(np.datetime64("2025-04-01T00:00:00.000000000"))
    datetime.date(2025, 4, 1)
    """
    return dt.date.fromisoformat(str(value.astype("datetime64[D]")))


# ----------------------------------------------------------------------------------------------
# a column


def _dates_from_serials(values: npt.NDArray[np.float64]) -> DateColumn:
    """Serial numbers at numpy speed; agrees with :func:`date_of` cell by cell (a Hypothesis test)."""
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

    Each cell reads as :func:`read_date` reads it (see the module docstring for the grammar).

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
    floats = as_numeric_fast(series)
    if floats is not None:
        return _dates_from_serials(floats)
    if is_object(series.dtype) and pd.api.types.infer_dtype(series, skipna=True) in DATETIME_KINDS:
        try:
            return parse_dates(pd.Series(pd.to_datetime(series)), dayfirst=dayfirst)
        except (ValueError, TypeError, OverflowError):
            pass  # mixed time zones or days out of range: read cell by cell below
    codes, uniques = factorize(object_values(series))
    parsed = [date_of(u, dayfirst=dayfirst) for u in uniques]
    state = take(np.array([int(p.state) for p in parsed], dtype=np.int8), codes, CellState.BLANK)
    nat = np.datetime64("NaT", "ns")
    table = np.array(
        [np.datetime64(p.date, "ns") if p.date is not None else nat for p in parsed], dtype="datetime64[ns]"
    )
    values = take(table, codes, nat)
    return DateColumn(
        values, state == CellState.BLANK, state == CellState.UNREADABLE, state == CellState.ERROR
    )
