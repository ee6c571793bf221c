"""Which columns a statements run prints: the period asked for, its comparatives, or its months.

A run names one period — a month, a quarter, year to date, a financial year or any two dates, as
:func:`~addin.engine.statements.periods.parse_period` reads them — or none, and then the financial
year the workbook's Settings name (else the year of the latest journal line). The Statement of
Profit and Loss and the cash flow take a column for the period and one for each comparative asked
for (the previous period, the same period last year); with ``monthly``, a column for each month
of the period first, the period's own column last (its total). The Balance Sheet takes a column
as at the last day of each, each day once.

A comparative that starts before the books begin is not available and gets no column (it is
listed in ``unavailable``, for the run to say so): its figures would be made of stray lines and of
opening balances that belong to a later day. The books begin on the first day of the financial
year in Settings — the Accounts table's opening balances are as at that day, and a line dated
before it is an ``outside-financial-year`` error, not an earlier year's books — or, without one,
on the first day of the financial year of the earliest journal line. The period asked for is
always shown.

>>> from addin.engine.statements.periods import quarter_period
>>> columns = statement_columns(quarter_period(2025, 1), previous=True, last_year=True)
>>> [p.label for p in columns.periods], [d.isoformat() for d in columns.days]
(['Q1 2025-26', 'Q4 2024-25', 'Q1 2024-25'], ['2025-06-30', '2025-03-31', '2024-06-30'])
>>> monthly = statement_columns(year_to_date(dt.date(2025, 6, 30)), monthly=True)
>>> [p.label for p in monthly.periods], len(monthly.days)
(['Apr-2025', 'May-2025', 'Jun-2025', '01/04/2025 to 30/06/2025'], 3)
>>> later = statement_columns(quarter_period(2025, 1), previous=True, begins=dt.date(2025, 4, 1))
>>> [p.label for p in later.periods], [p.label for p in later.unavailable]
(['Q1 2025-26'], ['Q4 2024-25'])
>>> [p.label for p in months_of(custom_period(dt.date(2025, 4, 15), dt.date(2025, 5, 31)))]
['15/04/2025 to 30/04/2025', 'May-2025']
>>> settings = Settings(financial_year=2025)
>>> chosen_period(settings, None, "Q2").label, chosen_period(settings, None).label
('Q2 2025-26', '2025-26')
>>> chosen_period(settings, dt.date(2025, 11, 20), "YTD").label
'01/04/2025 to 20/11/2025'
>>> chosen_period(settings, None, start=dt.date(2025, 7, 1)).label
'01/07/2025 to 31/03/2026'
>>> chosen_period(settings, None, "Q5")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
addin.engine.cells.values.CellValueError: cannot read 'Q5' as a period: write a month (Apr-2025), ...
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from addin.engine.cells import CellValueError, Reason, fy_start_year
from addin.engine.ledger import Settings
from addin.engine.statements.balances import Postings
from addin.engine.statements.periods import (
    Period,
    add_months,
    comparative_periods,
    custom_period,
    day_text,
    fy_period,
    month_end,
    parse_period,
    year_to_date,
)

__all__ = ["StatementColumns", "books_begin", "chosen_period", "latest_day", "months_of", "statement_columns"]


@dataclass(frozen=True)
class StatementColumns:
    """The columns of one statements run.

    ``period`` is the one asked for; ``periods`` the columns of the Statement of Profit and Loss and
    the cash flow; ``days`` those of the Balance Sheet (as at); ``year`` the financial year holding
    the period's last day, and ``year_months`` its months up to that day (the dashboard's months).
    ``unavailable``: the comparatives asked for that start before ``begins``, the day the books
    begin (they have no column).
    """

    period: Period
    periods: tuple[Period, ...]
    days: tuple[dt.date, ...]
    year: Period
    year_months: tuple[Period, ...]
    unavailable: tuple[Period, ...] = ()
    begins: dt.date | None = None


def months_of(period: Period) -> tuple[Period, ...]:
    """The calendar months of ``period``, the first and last cut to its days."""
    months: list[Period] = []
    first = dt.date(period.start.year, period.start.month, 1)
    while first <= period.end:
        months.append(custom_period(max(first, period.start), min(month_end(first), period.end)))
        first = add_months(first, 1)
    return tuple(months)


def statement_columns(
    period: Period,
    *,
    previous: bool = False,
    last_year: bool = False,
    monthly: bool = False,
    begins: dt.date | None = None,
) -> StatementColumns:
    """The columns for ``period`` (see the module docstring); ``begins`` is the day the books begin
    (:func:`books_begin`; None: every comparative is shown)."""
    asked = comparative_periods(period, previous=previous, last_year=last_year)
    unavailable = tuple(p for p in asked[1:] if begins is not None and p.start < begins)
    compared = (asked[0], *(p for p in asked[1:] if p not in unavailable))
    months = months_of(period) if monthly else ()
    periods = (*months, *compared) if len(months) != 1 else compared
    days = tuple(dict.fromkeys(p.end for p in periods))
    year = fy_period(fy_start_year(period.end, period.start_month), period.start_month)
    year_months = months_of(custom_period(year.start, period.end))
    return StatementColumns(period, periods, days, year, year_months, unavailable, begins)


def latest_day(posted: Postings) -> dt.date | None:
    """The date of the latest counted journal line, or None when there is none."""
    if not len(posted.day):
        return None
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(posted.day.max()))


def books_begin(settings: Settings, posted: Postings) -> dt.date | None:
    """The day the books begin (see the module docstring), or None with no year and no journal line.

    >>> from addin.engine.reports.trial_balance import _example_ledger
    >>> from addin.engine.statements.balances import postings
    >>> ledger = _example_ledger()
    >>> books_begin(ledger.settings, postings(ledger)), books_begin(Settings(), postings(ledger))
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    """
    first_month = settings.fy_start_month
    if settings.financial_year is not None:
        return fy_period(settings.financial_year, first_month).start
    if not len(posted.day):
        return None
    earliest = dt.date(1970, 1, 1) + dt.timedelta(days=int(posted.day.min()))
    return fy_period(fy_start_year(earliest, first_month), first_month).start


def chosen_period(
    settings: Settings,
    latest: dt.date | None,
    text: str | None = None,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
) -> Period:
    """The period a run asked for: ``text`` ("Q1 2025-26", "YTD", "Apr-2025", "2025-26"), or the
    days ``start`` to ``end`` (either may be left out: the financial year's first or last day), or
    else the financial year of Settings (of ``latest``, the latest journal line, without one; of
    ``today`` without either). "YTD" alone runs to ``latest``. Raises CellValueError (a ValueError
    with the reason in English and Hindi) saying how to write a period, or that the days are the
    wrong way round (or that there is no year to go by)."""
    first_month = settings.fy_start_month
    if not (text and text.strip()) and (start is not None or end is not None):
        if start is not None and end is not None:
            if end < start:
                raise CellValueError(
                    Reason(
                        f"the period cannot end ({day_text(end)}) before it starts ({day_text(start)})",
                        f"अवधि शुरू होने ({day_text(start)}) से पहले ({day_text(end)}) समाप्त नहीं हो सकती",
                    )
                )
            return custom_period(start, end)
        if start is not None:
            return custom_period(start, fy_period(fy_start_year(start, first_month), first_month).end)
        assert end is not None
        return year_to_date(end, first_month)
    year = settings.financial_year
    if year is None:
        anchor = latest or today
        if anchor is None:
            raise CellValueError(
                Reason(
                    "there is no journal line and no Financial Year in Settings to go by",
                    "न कोई जर्नल पंक्ति है, न Settings में वित्त वर्ष, जिससे अवधि तय हो",
                )
            )
        year = fy_start_year(anchor, first_month)
    if text and text.strip():
        return parse_period(text, financial_year=year, start_month=first_month, today=latest)
    return fy_period(year, first_month)
