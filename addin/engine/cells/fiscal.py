"""Financial years: the year a date falls in, and a year as a label ("2025-26") or its first year.

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
addin.engine.cells.values.CellValueError: financial year '2025-27': the second year should be 26 (the \
year after 2025)
>>> parse_fy("FY 2025-26"), parse_fy("2025-2026"), parse_fy(2025.0)
(2025, 2025, 2025)
"""

from __future__ import annotations

import datetime as dt
import re

from addin.engine.cells.values import CellValueError, Reason

_LABEL = re.compile(r"(?:FY\s*)?(\d{4})(?:\s*[-/–]\s*(\d{2}|\d{4}))?", re.IGNORECASE)
FIRST_YEAR, LAST_YEAR = 1900, 9998
"""The first years a financial year may start in (Excel's dates run from 1900 to 9999)."""


def _check_month(start_month: int) -> int:
    if isinstance(start_month, bool) or int(start_month) != start_month or not 1 <= start_month <= 12:
        raise CellValueError(
            Reason(
                f"the start month should be a whole number from 1 to 12 (4 is April), not {start_month!r}",
                f"आरंभ माह 1 से 12 तक की पूर्ण संख्या होनी चाहिए (4 = अप्रैल), {start_month!r} नहीं",
            )
        )
    return int(start_month)


def _not_a_year(text: str) -> CellValueError:
    return CellValueError(
        Reason(
            f"'{text}' is not a financial year: write it as 2025-26 (or its first year, 2025)",
            f"'{text}' वित्त वर्ष नहीं है: इसे 2025-26 (या इसका पहला वर्ष, 2025) लिखें",
        )
    )


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


def parse_fy(label_or_year: str | int | float, start_month: int = 4) -> int:
    """The start year of a financial year given as "2025-26", "2025-2026", "FY 2025-26", "2025" or 2025.

    A single year is the year the financial year starts in (1900–9998). Raises
    :class:`~addin.engine.cells.values.CellValueError` (a ``ValueError``, with a bilingual reason)
    when the label cannot be read or its second year is not the year after the first.
    """
    start_month = _check_month(start_month)
    if isinstance(label_or_year, int | float) and not isinstance(label_or_year, bool):
        if int(label_or_year) != label_or_year or not FIRST_YEAR <= label_or_year <= LAST_YEAR:
            raise _not_a_year(
                f"{label_or_year:g}" if isinstance(label_or_year, float) else str(label_or_year)
            )
        return int(label_or_year)
    text = str(label_or_year).strip()
    match = _LABEL.fullmatch(text)
    if not match or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise _not_a_year(text)
    first, second = int(match[1]), match[2]
    if second is None:
        return first
    if start_month == 1:
        raise CellValueError(
            Reason(
                f"financial year '{text}': a year starting in January is written as one year ({first})",
                f"वित्त वर्ष '{text}': जनवरी से शुरू होने वाला वर्ष एक ही वर्ष ({first}) लिखा जाता है",
            )
        )
    expected = first + 1
    if (len(second) == 2 and int(second) != expected % 100) or (len(second) == 4 and int(second) != expected):
        wanted = f"{expected % 100 if len(second) == 2 else expected:0{len(second)}d}"
        raise CellValueError(
            Reason(
                f"financial year '{text}': the second year should be {wanted} (the year after {first})",
                f"वित्त वर्ष '{text}': दूसरा वर्ष {wanted} होना चाहिए ({first} के बाद का वर्ष)",
            )
        )
    return first


def fy_bounds(label_or_year: str | int, start_month: int = 4) -> tuple[dt.date, dt.date]:
    """First and last day of a financial year given by label ("2025-26") or start year (2025)."""
    start_year = parse_fy(label_or_year, start_month)
    first = dt.date(start_year, start_month, 1)
    return first, dt.date(start_year + 1, start_month, 1) - dt.timedelta(days=1)
