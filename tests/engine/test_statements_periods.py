"""Reporting periods: months, quarters, years, year to date, any dates, and their comparatives."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.statements.periods import (
    Period,
    add_months,
    comparative_periods,
    custom_period,
    fy_period,
    month_period,
    monthly_periods,
    parse_period,
    previous_period,
    quarter_period,
    same_period_last_year,
    year_to_date,
)

D = dt.date


def span(period: Period) -> tuple[dt.date, dt.date, str]:
    return period.start, period.end, period.label


def test_a_month_a_quarter_and_a_financial_year() -> None:
    assert span(month_period(2026, 2)) == (D(2026, 2, 1), D(2026, 2, 28), "Feb-2026")
    assert month_period(2026, 2).label_hi == "फ़रवरी-2026"
    assert span(quarter_period(2025, 4)) == (D(2026, 1, 1), D(2026, 3, 31), "Q4 2025-26")
    assert span(fy_period(2025)) == (D(2025, 4, 1), D(2026, 3, 31), "2025-26")
    assert fy_period(2025).label_hi == "वित्त वर्ष 2025-26"


def test_a_financial_year_may_start_in_any_month() -> None:
    assert span(fy_period(2025, 1)) == (D(2025, 1, 1), D(2025, 12, 31), "2025")
    assert span(quarter_period(2025, 1, 7)) == (D(2025, 7, 1), D(2025, 9, 30), "Q1 2025-26")
    labels = [p.label for p in monthly_periods(2025, 10)]
    assert labels[:4] == ["Oct-2025", "Nov-2025", "Dec-2025", "Jan-2026"]


def test_year_to_date_runs_from_the_start_of_the_financial_year() -> None:
    assert span(year_to_date(D(2026, 1, 15))) == (D(2025, 4, 1), D(2026, 1, 15), "01/04/2025 to 15/01/2026")
    assert year_to_date(D(2025, 3, 31)).start == D(2024, 4, 1)


def test_previous_period_is_the_one_just_before_of_the_same_kind() -> None:
    assert previous_period(month_period(2025, 4)).label == "Mar-2025"
    assert previous_period(quarter_period(2025, 1)).label == "Q4 2024-25"
    assert previous_period(fy_period(2025)).label == "2024-25"
    days = custom_period(D(2025, 4, 10), D(2025, 4, 19))
    assert span(previous_period(days)) == (D(2025, 3, 31), D(2025, 4, 9), "31/03/2025 to 09/04/2025")


def test_same_period_last_year_keeps_month_ends_and_leap_days_sensible() -> None:
    assert same_period_last_year(quarter_period(2025, 3)).label == "Q3 2024-25"
    assert span(same_period_last_year(month_period(2024, 2))) == (D(2023, 2, 1), D(2023, 2, 28), "Feb-2023")
    leap = custom_period(D(2024, 2, 1), D(2024, 2, 29))
    assert leap.label == "Feb-2024"
    assert same_period_last_year(custom_period(D(2024, 2, 10), D(2024, 2, 29))).end == D(2023, 2, 28)


def test_comparative_columns() -> None:
    labels = [p.label for p in comparative_periods(quarter_period(2025, 2), previous=True)]
    assert labels == ["Q2 2025-26", "Q1 2025-26", "Q2 2024-25"]


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        custom_period(D(2025, 5, 1), D(2025, 4, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apr-2025", (D(2025, 4, 1), D(2025, 4, 30), "Apr-2025")),
        ("april 2025", (D(2025, 4, 1), D(2025, 4, 30), "Apr-2025")),
        ("2025-09", (D(2025, 9, 1), D(2025, 9, 30), "Sep-2025")),
        ("Q2", (D(2025, 7, 1), D(2025, 9, 30), "Q2 2025-26")),
        ("Q1 2024-25", (D(2024, 4, 1), D(2024, 6, 30), "Q1 2024-25")),
        ("2025-26", (D(2025, 4, 1), D(2026, 3, 31), "2025-26")),
        ("FY 2024-25", (D(2024, 4, 1), D(2025, 3, 31), "2024-25")),
        ("YTD Nov-2025", (D(2025, 4, 1), D(2025, 11, 30), "01/04/2025 to 30/11/2025")),
        ("YTD", (D(2025, 4, 1), D(2026, 3, 31), "2025-26")),
        ("01/04/2025 to 15/06/2025", (D(2025, 4, 1), D(2025, 6, 15), "01/04/2025 to 15/06/2025")),
        ("01/05/2025..31/05/2025", (D(2025, 5, 1), D(2025, 5, 31), "May-2025")),
    ],
)
def test_periods_typed_as_text(text: str, expected: tuple[dt.date, dt.date, str]) -> None:
    assert span(parse_period(text, financial_year=2025)) == expected


@pytest.mark.parametrize("text", ["Q5", "Smarch-2025", "15/06/2025 to 01/04/2025", "next year"])
def test_text_that_is_no_period_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ValueError, match="write a month"):
        parse_period(text, financial_year=2025)


@given(st.dates(D(2001, 1, 1), D(2098, 12, 31)), st.integers(-36, 36))
def test_moving_by_months_there_and_back_never_leaves_the_month(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert add_months(moved, -months).day <= day.day


@given(st.integers(2001, 2098), st.integers(1, 12))
def test_twelve_monthly_columns_tile_the_financial_year(year: int, start_month: int) -> None:
    months = monthly_periods(year, start_month)
    year_period = fy_period(year, start_month)
    assert months[0].start == year_period.start
    assert months[-1].end == year_period.end
    assert all(a.end + dt.timedelta(days=1) == b.start for a, b in itertools.pairwise(months))
