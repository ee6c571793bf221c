"""Financial years: April to March in India, any start month elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.cells import CellValueError, financial_year, fy_bounds, parse_fy


@pytest.mark.parametrize(
    ("date", "start_month", "label"),
    [
        (dt.date(2025, 4, 1), 4, "2025-26"),
        (dt.date(2026, 3, 31), 4, "2025-26"),
        (dt.date(2025, 3, 31), 4, "2024-25"),
        (dt.date(1999, 12, 31), 4, "1999-00"),
        (dt.date(2025, 12, 31), 1, "2025"),
        (dt.date(2025, 6, 30), 7, "2024-25"),
        (dt.date(2025, 7, 1), 7, "2025-26"),
    ],
)
def test_financial_year(date: dt.date, start_month: int, label: str) -> None:
    assert financial_year(date, start_month) == label


@pytest.mark.parametrize("label", ["2025-26", "2025-2026", "FY 2025-26", "fy2025/26", "2025", 2025])
def test_a_year_can_be_written_many_ways(label: str | int) -> None:
    assert fy_bounds(label) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def test_calendar_year_bounds() -> None:
    assert fy_bounds("2024", start_month=1) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("label", "start_month", "reason"),
    [
        ("2025-27", 4, "second year should be 26"),
        ("2025-2027", 4, "second year should be 2026"),
        ("2025-26", 1, "starting in January is written as one year"),
        ("twenty", 4, "not a financial year"),
        (2025.5, 4, "not a financial year"),
        ("2025-26", 13, "start month"),
    ],
)
def test_bad_years_are_refused(label: str | float, start_month: int, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_fy(label, start_month)  # type: ignore[arg-type]


def test_a_bad_year_says_why_in_hindi_too() -> None:
    with pytest.raises(CellValueError) as caught:
        parse_fy("2025-27")
    assert caught.value.reason.hi == "वित्त वर्ष '2025-27': दूसरा वर्ष 26 होना चाहिए (2025 के बाद का वर्ष)"


@pytest.mark.parametrize("year", [1899, 9999, "1899-00", "0000"])
def test_years_excel_cannot_date_are_refused(year: str | int) -> None:
    with pytest.raises(CellValueError, match="not a financial year"):
        parse_fy(year)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(9998, 1, 1)), st.integers(1, 12))
def test_every_date_lies_within_the_bounds_of_its_year(date: dt.date, start_month: int) -> None:
    first, last = fy_bounds(financial_year(date, start_month), start_month)
    assert first <= date <= last
    assert first.day == 1
    assert first.month == start_month
    assert last + dt.timedelta(days=1) == dt.date(first.year + 1, start_month, 1)
