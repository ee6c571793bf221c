"""The columns of a statements run, and the dashboard's figures, as properties and on inline books."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from addin.engine.ledger import Settings
from addin.engine.reports.trial_balance import _example_ledger
from addin.engine.statements import custom_period, fy_period, map_accounts, report_lines
from addin.engine.statements.columns import chosen_period, months_of, statement_columns
from addin.engine.statements.dashboard import OTHER_EXPENSES, largest_expenses

days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@given(days, st.integers(min_value=0, max_value=800))
def test_the_months_of_a_period_cover_its_days_once_in_order(first: dt.date, length: int) -> None:
    period = custom_period(first, first + dt.timedelta(days=length))
    months = months_of(period)
    assert months[0].start == period.start
    assert months[-1].end == period.end
    for before, after in itertools.pairwise(months):
        assert after.start == before.end + dt.timedelta(days=1)
        assert after.start.day == 1


@given(days, st.integers(min_value=0, max_value=400), st.booleans(), st.booleans(), st.booleans())
def test_the_period_asked_for_is_always_a_column_and_each_day_is_one_once(
    first: dt.date, length: int, previous: bool, last_year: bool, monthly: bool
) -> None:
    period = custom_period(first, first + dt.timedelta(days=length))
    columns = statement_columns(period, previous=previous, last_year=last_year, monthly=monthly)
    assert period in columns.periods
    assert period.end in columns.days
    assert len(set(columns.days)) == len(columns.days)
    assert columns.year.start <= period.end <= columns.year.end
    assert columns.year_months[-1].end == period.end


def test_a_year_from_settings_or_from_the_books() -> None:
    assert chosen_period(Settings(), dt.date(2026, 2, 1)) == fy_period(2025)
    assert chosen_period(Settings(fy_start_month=1), dt.date(2026, 2, 1)).label == "2026"
    assert chosen_period(Settings(), None, end=dt.date(2025, 9, 30)).label == "01/04/2025 to 30/09/2025"


def test_the_largest_expenses_show_nothing_an_account_in_credit_did_not_spend() -> None:
    ledger = _example_ledger()
    mapped = map_accounts(ledger, report_lines([("4000", "Purchases of Stock-in-Trade")]))
    assert largest_expenses(mapped, fy_period(2025)) == ()  # 4000 is credited: no goods cost anything
    mapped = map_accounts(ledger, report_lines([("4000", "Other expenses")]))
    assert largest_expenses(mapped, fy_period(2025)) == ()  # a credit on an expense line is not spent
    assert OTHER_EXPENSES == ("All other expenses", "अन्य सभी व्यय")
