"""Reporting periods: a month, a quarter, year to date, a financial year or any dates, and comparatives.

A :class:`Period` is a first and last day (both inclusive) with its label in English and Hindi.
Financial years start in the month the workbook's Settings name (April in India) and use the
helpers of :mod:`addin.engine.cells`. Comparatives: :func:`previous_period` (the period of the
same length just before) and :func:`same_period_last_year`; :func:`monthly_periods` gives a
financial year's twelve months as columns.

>>> q2 = quarter_period(2025, 2)
>>> q2.start, q2.end, q2.label
(datetime.date(2025, 7, 1), datetime.date(2025, 9, 30), 'Q2 2025-26')
>>> previous_period(q2).label, same_period_last_year(q2).label
('Q1 2025-26', 'Q2 2024-25')
>>> ytd = year_to_date(dt.date(2025, 11, 15))
>>> ytd.label, previous_period(ytd).label, same_period_last_year(ytd).label
('01/04/2025 to 15/11/2025', '15/08/2024 to 31/03/2025', '01/04/2024 to 15/11/2024')
>>> [p.label for p in monthly_periods(2025)][:3], len(monthly_periods(2025))
(['Apr-2025', 'May-2025', 'Jun-2025'], 12)
>>> parse_period("Q3", financial_year=2025).label, parse_period("Feb-2026").end
('Q3 2025-26', datetime.date(2026, 2, 28))
>>> parse_period("Q5", financial_year=2025)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
addin.engine.cells.values.CellValueError: cannot read 'Q5' as a period: write a month (Apr-2025), ...
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from addin.engine.cells import (
    CellValueError,
    Reason,
    fy_bounds,
    fy_label,
    fy_start_year,
    parse_date_text,
    parse_fy,
    parse_month_text,
)

MONTHS_HI = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर")
"""Hindi month names, January first."""


@dataclass(frozen=True, slots=True)
class Period:
    """The days from ``start`` to ``end``, both included, and how a column heading names them.

    ``kind`` is "month", "quarter", "year" (a financial year starting in ``start_month``) or "days";
    comparatives of a month, quarter or year are again a month, quarter or year.
    """

    start: dt.date
    end: dt.date
    label: str
    label_hi: str
    kind: str = "days"
    start_month: int = 4

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @property
    def day_before(self) -> dt.date:
        """The last day before the period: balances "brought forward" stand at its end."""
        return self.start - dt.timedelta(days=1)

    @property
    def whole_months(self) -> int:
        """How many calendar months the period spans exactly, or 0 when it does not start on a
        first and end on a last day of a month."""
        if self.start.day != 1 or self.end != month_end(self.end):
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def day_text(day: dt.date) -> str:
    """A date as Indian accountants write it: dd/mm/yyyy."""
    return f"{day:%d/%m/%Y}"


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months; a day past the new month's end becomes its last day.

    >>> add_months(dt.date(2024, 2, 29), 12), add_months(dt.date(2025, 5, 31), -1)
    (datetime.date(2025, 2, 28), datetime.date(2025, 4, 30))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_period(year: int, month: int) -> Period:
    """A calendar month, labelled "Apr-2025" / "अप्रैल-2025"."""
    start = dt.date(year, month, 1)
    return Period(start, month_end(start), f"{start:%b}-{year}", f"{MONTHS_HI[month - 1]}-{year}", "month")


def fy_period(start_year: int, start_month: int = 4) -> Period:
    """The financial year starting in ``start_year``, labelled "2025-26" / "वित्त वर्ष 2025-26"."""
    start, end = fy_bounds(start_year, start_month)
    label = fy_label(start_year, start_month)
    return Period(start, end, label, f"वित्त वर्ष {label}", "year", start_month)


def quarter_period(start_year: int, quarter: int, start_month: int = 4) -> Period:
    """Quarter 1–4 of the financial year starting in ``start_year``, labelled "Q1 2025-26"."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"a quarter is 1, 2, 3 or 4, not {quarter!r}")
    start = add_months(dt.date(start_year, start_month, 1), 3 * (quarter - 1))
    label = fy_label(start_year, start_month)
    end = month_end(add_months(start, 2))
    return Period(start, end, f"Q{quarter} {label}", f"तिमाही {quarter}, {label}", "quarter", start_month)


def custom_period(start: dt.date, end: dt.date) -> Period:
    """Any days; labelled by its dates unless they make a month or a financial year."""
    if start.day == 1 and end == month_end(start):
        return month_period(start.year, start.month)
    return Period(start, end, f"{day_text(start)} to {day_text(end)}", f"{day_text(start)} से {day_text(end)}")


def year_to_date(as_of: dt.date, start_month: int = 4) -> Period:
    """From the start of the financial year holding ``as_of`` up to ``as_of``."""
    year = fy_period(fy_start_year(as_of, start_month), start_month)
    return year if as_of == year.end else custom_period(year.start, as_of)


def _shifted(period: Period, months: int) -> Period:
    """``period`` moved by whole months, as the same kind of period."""
    start = add_months(period.start, months)
    first = period.start_month
    if period.kind == "month":
        return month_period(start.year, start.month)
    if period.kind == "quarter":
        quarter = (start.month - first) % 12 // 3 + 1
        return quarter_period(fy_start_year(start, first), quarter, first)
    if period.kind == "year":
        return fy_period(fy_start_year(start, first), first)
    end = add_months(period.end, months)
    return custom_period(start, month_end(end) if period.end == month_end(period.end) else end)


def previous_period(period: Period) -> Period:
    """The period of the same length just before: the previous month, quarter or year, else as
    many days (whole months move by months)."""
    months = period.whole_months
    if months:
        return _shifted(period, -months)
    days = (period.end - period.start).days + 1
    end = period.day_before
    return custom_period(end - dt.timedelta(days=days - 1), end)


def same_period_last_year(period: Period) -> Period:
    """The same days a year earlier (29 February becomes 28 February)."""
    return _shifted(period, -12)


def monthly_periods(start_year: int, start_month: int = 4) -> tuple[Period, ...]:
    """The twelve months of the financial year starting in ``start_year``."""
    first = dt.date(start_year, start_month, 1)
    return tuple(month_period(d.year, d.month) for d in (add_months(first, i) for i in range(12)))


def comparative_periods(
    period: Period, *, previous: bool = False, last_year: bool = True
) -> tuple[Period, ...]:
    """``period`` followed by the comparatives asked for, as a statement's columns."""
    extra = (previous_period(period),) if previous else ()
    return (period, *extra, *((same_period_last_year(period),) if last_year else ()))


_QUARTER = re.compile(r"Q([1-4])(?:\s*(?:FY)?\s*(\S.*))?", re.IGNORECASE)
_YTD = re.compile(r"YTD(?:\s+(?:to\s+)?(\S.*))?", re.IGNORECASE)
_RANGE = re.compile(r"(.+?)\s*(?:\.\.|\bto\b|–|—|:)\s*(.+)", re.IGNORECASE)
_PERIOD_HELP = (
    "write a month (Apr-2025), a quarter (Q1 2025-26), a financial year (2025-26), YTD, YTD Nov-2025, "
    "or two dates (01/04/2025 to 30/06/2025)"
)
_PERIOD_HELP_HI = (
    "माह (Apr-2025), तिमाही (Q1 2025-26), वित्त वर्ष (2025-26), YTD, YTD Nov-2025 या दो तिथियाँ "
    "(01/04/2025 to 30/06/2025) लिखें"
)


def unreadable_period(text: str) -> CellValueError:
    """The refusal of a period that cannot be read, in English and Hindi, with the ways to write one.

    >>> print(unreadable_period("Q5").reason.hi)  # doctest: +ELLIPSIS
    'Q5' को अवधि के रूप में नहीं पढ़ा जा सका: माह (Apr-2025), तिमाही (Q1 2025-26), ...
    """
    return CellValueError(
        Reason(
            f"cannot read {text!r} as a period: {_PERIOD_HELP}",
            f"{text!r} को अवधि के रूप में नहीं पढ़ा जा सका: {_PERIOD_HELP_HI}",
        )
    )


def _a_day(text: str) -> dt.date | None:
    return parse_date_text(text.strip())


def parse_period(
    text: str, *, financial_year: int | None = None, start_month: int = 4, today: dt.date | None = None
) -> Period:
    """A period typed as text (for a command line or a cell). Raises :class:`CellValueError` (a
    ValueError) saying in English and Hindi how to write one — also for a month or year no calendar
    has ("0000-01").

    ``financial_year`` (its start year, from Settings) completes "Q1" and "YTD"; "YTD" alone runs to
    ``today`` (the caller's today; without it, the financial year's last day).
    """
    text = " ".join(text.split())
    try:
        period = _period_of(text, financial_year, start_month, today)
    except CellValueError:
        raise
    except ValueError:  # a date no calendar has: year 0, say
        period = None
    if period is None:
        raise unreadable_period(text)
    return period


def _period_of(text: str, fy_start: int | None, start_month: int, today: dt.date | None) -> Period | None:
    """:func:`parse_period`'s reading of ``text`` (spaces already folded), or None."""
    if match := _QUARTER.fullmatch(text):
        year = parse_fy(match[2], start_month) if match[2] else fy_start
        if year is not None:
            return quarter_period(year, int(match[1]), start_month)
    elif match := _YTD.fullmatch(text):
        return year_to_date(_ytd_end(match[1], fy_start, start_month, today), start_month)
    elif month := parse_month_text(text):
        return month_period(*month)
    elif day := _a_day(text):
        return custom_period(day, day)
    elif (match := _RANGE.fullmatch(text)) and (first := _a_day(match[1])) and (last := _a_day(match[2])):
        if last >= first:
            return custom_period(first, last)
    else:
        try:
            return fy_period(parse_fy(text, start_month), start_month)
        except ValueError:
            pass
    return None


def _ytd_end(text: str | None, fy_start: int | None, start_month: int, today: dt.date | None) -> dt.date:
    if text:
        if month := parse_month_text(text):
            return month_end(dt.date(month[0], month[1], 1))
        if day := _a_day(text):
            return day
        raise CellValueError(
            Reason(
                f"cannot read {text!r} as the end of year to date: {_PERIOD_HELP}",
                f"{text!r} को YTD के अंत के रूप में नहीं पढ़ा जा सका: {_PERIOD_HELP_HI}",
            )
        )
    if today is not None:
        return today
    if fy_start is not None:
        return fy_bounds(fy_start, start_month)[1]
    raise CellValueError(
        Reason(
            "YTD needs a financial year (Settings) or an end: write YTD Nov-2025",
            "YTD के लिए वित्त वर्ष (Settings) या अंत चाहिए: YTD Nov-2025 लिखें",
        )
    )
