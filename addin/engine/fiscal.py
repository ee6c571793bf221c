"""Financial years, and dates as they arrive from cells.

India's financial year runs April to March and is written with both calendar years, "2025-26".
Other start months work the same way; a year starting in January is a calendar year and is
written with one year, "2025".

>>> financial_year(dt.date(2025, 4, 1)), financial_year(dt.date(2026, 3, 31))
('2025-26', '2025-26')
>>> financial_year(dt.date(2025, 3, 31))
'2024-25'
>>> financial_year(dt.date(2025, 7, 4), start_month=1)
'2025'
>>> fy_bounds("2025-26")
(datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
>>> fy_bounds(2025, start_month=1)
(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
>>> fy_bounds("2025-27")
Traceback (most recent call last):
...
ValueError: financial year '2025-27': the second year should be 26 (the year after 2025)
>>> as_date(45748.0), as_date("2025-04-01T00:00:00.000Z"), as_date("01/04/2025")
(datetime.date(2025, 4, 1), datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
"""

from __future__ import annotations

import datetime as dt
import re

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 once Excel's 29 Feb 1900 is passed
_MAX_SERIAL = 2_958_465  # 9999-12-31
_LABEL = re.compile(r"(?:FY\s*)?(\d{4})(?:\s*[-/–]\s*(\d{2}|\d{4}))?", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _check_month(start_month: int) -> int:
    if isinstance(start_month, bool) or int(start_month) != start_month or not 1 <= start_month <= 12:
        raise ValueError(f"start month must be a whole number from 1 to 12, not {start_month!r}")
    return int(start_month)


def fy_start_year(date: dt.date, start_month: int = 4) -> int:
    """The calendar year in which the financial year holding ``date`` starts."""
    start_month = _check_month(start_month)
    return date.year if date.month >= start_month else date.year - 1


def fy_label(start_year: int, start_month: int = 4) -> str:
    """The label of the financial year starting in ``start_year``: "2025-26", or "2025" for January.

    >>> fy_label(1999), fy_label(2025, 1)
    ('1999-00', '2025')
    """
    if _check_month(start_month) == 1:
        return f"{start_year}"
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def financial_year(date: dt.date, start_month: int = 4) -> str:
    """The financial year ``date`` falls in, as "2025-26" (or "2025" when it starts in January)."""
    return fy_label(fy_start_year(date, start_month), start_month)


def parse_fy(label_or_year: str | int, start_month: int = 4) -> int:
    """The start year of a financial year given as "2025-26", "2025-2026", "FY 2025-26", "2025" or 2025.

    A single year is the year the financial year starts in. Raises ValueError when the label cannot
    be read or its second year is not the year after the first.
    """
    start_month = _check_month(start_month)
    if isinstance(label_or_year, int | float) and not isinstance(label_or_year, bool):
        if int(label_or_year) != label_or_year or not 1000 <= label_or_year <= 9999:
            raise ValueError(f"not a financial year: {label_or_year!r}")
        return int(label_or_year)
    text = str(label_or_year).strip()
    match = _LABEL.fullmatch(text)
    if not match:
        raise ValueError(f"not a financial year: {text!r} (write it as 2025-26)")
    first, second = int(match[1]), match[2]
    if second is None:
        return first
    if start_month == 1:
        raise ValueError(f"financial year {text!r}: a year starting in January is written as one year")
    expected = first + 1
    if (len(second) == 2 and int(second) != expected % 100) or (len(second) == 4 and int(second) != expected):
        raise ValueError(
            f"financial year {text!r}: the second year should be "
            f"{expected % 100 if len(second) == 2 else expected:0{len(second)}d} (the year after {first})"
        )
    return first


def fy_bounds(label_or_year: str | int, start_month: int = 4) -> tuple[dt.date, dt.date]:
    """First and last day of a financial year given by label ("2025-26") or start year (2025)."""
    start_year = parse_fy(label_or_year, start_month)
    first = dt.date(start_year, start_month, 1)
    return first, dt.date(start_year + 1, start_month, 1) - dt.timedelta(days=1)


def from_excel_serial(serial: float) -> dt.date:
    """The date of an Excel serial number (1900 date system; the time of day is dropped).

    >>> from_excel_serial(1), from_excel_serial(61)
    (datetime.date(1900, 1, 1), datetime.date(1900, 3, 1))
    """
    if not 1 <= serial <= _MAX_SERIAL:
        raise ValueError(f"{serial!r} is not an Excel date (serials run from 1 to {_MAX_SERIAL})")
    days = int(serial)
    if days < 61:  # Excel counts a 29 February 1900 that never was
        days += 1
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def as_date(value: object) -> dt.date:
    """A cell's value as a date: a date or datetime, an Excel serial number, or text.

    Text may be ISO ("2025-04-01", also with a time as Office.js sends it) or day first, as India
    writes dates ("01/04/2025", "1.4.2025", "01-04-2025"). Raises ValueError for anything else.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        return from_excel_serial(value)
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        converted = value.to_pydatetime()
        if isinstance(converted, dt.datetime):
            return converted.date()
    if isinstance(value, str):
        text = value.strip()
        try:
            if match := _ISO.fullmatch(text):
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            if match := _DMY.fullmatch(text):
                return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError as exc:
            raise ValueError(f"not a date: {text!r} ({exc})") from None
    raise ValueError(f"not a date: {value!r} (use a date cell, or text like 2025-04-01 or 01/04/2025)")
