"""Financial years: April to March in India, any start month elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.fiscal import as_date, financial_year, fy_bounds, parse_fy


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


@pytest.mark.parametrize(
    "value",
    [45748, 45748.75, "2025-04-01", "2025-04-01T00:00:00.000Z", "01/04/2025", "1.4.2025",
     dt.datetime(2025, 4, 1, 13, 5), dt.date(2025, 4, 1)],
)  # fmt: skip
def test_cell_values_read_as_dates(value: object) -> None:
    assert as_date(value) == dt.date(2025, 4, 1)


def test_excel_serials_around_its_leap_year_bug() -> None:
    assert as_date(1) == dt.date(1900, 1, 1)
    assert as_date(59) == dt.date(1900, 2, 28)
    assert as_date(61) == dt.date(1900, 3, 1)


@pytest.mark.parametrize("value", [None, True, "31/02/2025", "tomorrow", 0, -5, 10**8])
def test_non_dates_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="date"):
        as_date(value)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(9998, 1, 1)), st.integers(1, 12))
def test_every_date_lies_within_the_bounds_of_its_year(date: dt.date, start_month: int) -> None:
    first, last = fy_bounds(financial_year(date, start_month), start_month)
    assert first <= date <= last
    assert first.day == 1
    assert first.month == start_month
    assert last + dt.timedelta(days=1) == dt.date(first.year + 1, start_month, 1)
