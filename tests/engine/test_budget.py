"""Budget against actual: the sign rule, variance %, year to date, the full-year forecast, bad rows."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from addin.engine.statements import budget_from_rows, budget_vs_actual, map_accounts, report_lines
from addin.engine.statements.budget import percent_of
from addin.engine.statements.mapping import AccountMap

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))
from golden_ledgers import hierarchy

# hierarchy(): sales 10,000 on 02/04/2025; rent 20,000 on 07/04; bank charges 118 on 30/04;
# expenses 5000 is the group of rent (5100) and bank charges (5200).
MAPPING = [
    ("1100", "Cash and cash equivalents"),
    ("1200", "Trade receivables"),
    ("2000", "Other current liabilities"),
    ("3000", "Share capital"),
    ("4000", "Revenue from operations"),
    ("5100", "Other expenses"),
    ("5200", "Finance costs"),
]
APRIL_30 = dt.date(2025, 4, 30)


@pytest.fixture(scope="module")
def mapped() -> AccountMap:
    return map_accounts(hierarchy(), report_lines(MAPPING))


def test_an_expense_over_budget_is_adverse(mapped: AccountMap) -> None:
    budget, _ = budget_from_rows(mapped, [("5100", "Apr-2025", 18_000), ("5100", "May-2025", 18_000)])
    (rent,) = budget_vs_actual(mapped, budget, as_of=APRIL_30).lines
    april = rent.months[0]
    assert (april.actual, april.budget, april.variance) == (20_000_00, 18_000_00, 2_000_00)
    assert (april.variance_percent, april.over_budget, april.adverse) == ("11.11", True, True)


def test_income_short_of_budget_is_adverse_and_above_it_is_not(mapped: AccountMap) -> None:
    budget, _ = budget_from_rows(mapped, [("4000", "Apr-2025", 12_000), ("4000", "May-2025", 0)])
    (sales,) = budget_vs_actual(mapped, budget, as_of=APRIL_30).lines
    assert sales.credit_natured
    assert (sales.months[0].variance, sales.months[0].adverse) == (-2_000_00, True)
    assert (sales.months[1].variance_percent, sales.months[1].adverse) == (None, False)  # nil budget


def test_year_to_date_and_the_forecast_split_the_year_at_as_of(mapped: AccountMap) -> None:
    rows = [("5000", m, 20_000) for m in ("Apr-2025", "May-2025", "Jun-2025")]
    budget, _ = budget_from_rows(mapped, rows)
    (expenses,) = budget_vs_actual(mapped, budget, as_of=APRIL_30).lines
    assert expenses.label == "5000 Expenses"  # a group: rent and bank charges together
    assert (expenses.year_to_date.actual, expenses.year_to_date.budget) == (20_118_00, 20_000_00)
    assert expenses.full_year_budget == 60_000_00
    assert expenses.forecast == 20_118_00 + 40_000_00  # actual to date plus May and June's budget
    assert expenses.forecast_variance.variance == 118_00
    assert expenses.adverse


def test_a_budget_may_be_for_a_schedule_iii_line(mapped: AccountMap) -> None:
    budget, issues = budget_from_rows(mapped, [("Finance costs", "Apr-2025", 100)])
    assert issues == []
    (line,) = budget_vs_actual(mapped, budget, as_of=APRIL_30).lines
    assert (line.key, line.label, line.label_hi) == ("line.finance_costs", "Finance costs", "वित्त लागत")
    assert (line.year_to_date.actual, line.year_to_date.variance_percent) == (118_00, "18.00")


def test_a_line_item_leaves_out_the_accounts_budgeted_on_their_own_lines(mapped: AccountMap) -> None:
    rows = [("Finance costs", "Apr-2025", 500), ("5200", "Apr-2025", 100)]  # bank charges, also finance costs
    budget, issues = budget_from_rows(mapped, rows)
    assert issues == []
    line, charges = budget_vs_actual(mapped, budget, as_of=APRIL_30).lines
    assert charges.year_to_date.actual == 118_00
    assert line.year_to_date.actual == 0  # the 118 of bank charges is counted once, on their own line
    assert line.label == "Finance costs (less accounts budgeted apart)"


def test_months_may_be_dates_serials_or_text_and_rows_for_a_month_add_up(mapped: AccountMap) -> None:
    rows = [("5100", dt.date(2025, 4, 15), 5_000), ("5100", 45778.0, 5_000), ("5100", "2025-04", 5_000),
            ("5100", "April 2025", "5,000"), ("5100", "Apr-2026", 99_999)]  # fmt: skip
    budget, issues = budget_from_rows(mapped, rows)
    assert issues == []
    (rent,) = budget_vs_actual(mapped, budget, as_of=APRIL_30).lines
    assert rent.months[0].budget == 15_000_00  # three rows for April
    assert rent.months[1].budget == 5_000_00  # the serial 45778 is 01/05/2025
    assert rent.full_year_budget == 20_000_00  # next year's row is not this year's


def test_bad_rows_are_issues_pointing_at_their_cells(mapped: AccountMap) -> None:
    _, issues = budget_from_rows(mapped, [
        ("9999", "Apr-2025", 100),
        ("5100", "Smarch", 100),
        ("5100", "Apr-2025", None),
        ("5100", "Apr-2025", "lots"),
        (None, None, None),
    ])  # fmt: skip
    assert [(i.rule, i.cell) for i in issues] == [
        ("unreadable-amount", "C5"),
        ("invalid-budget-line", "A2"),
        ("invalid-budget-line", "B3"),
        ("invalid-budget-line", "C4"),
    ]
    assert all(i.message_hi and i.fix_en for i in issues)


def test_records_carry_each_month_year_to_date_and_forecast(mapped: AccountMap) -> None:
    budget, _ = budget_from_rows(mapped, [("5100", "Apr-2025", 18_000)])
    (record,) = budget_vs_actual(mapped, budget, as_of=APRIL_30).as_records()
    assert record["months"][0] == {  # type: ignore[index]
        "month": "Apr-2025", "month_hi": "अप्रैल-2025", "to_date": True, "actual": "20000.00",
        "budget": "18000.00", "variance": "2000.00", "variance_percent": "11.11", "over_budget": True,
        "adverse": True,
    }  # fmt: skip
    assert record["months"][1]["to_date"] is False  # type: ignore[index]
    assert record["adverse"] is True


@pytest.mark.parametrize(
    ("variance", "budget", "percent"),
    [(1, 3, "33.33"), (2, 3, "66.67"), (-2, 3, "-66.67"), (1, 8, "12.50"), (5, -10, "50.00"), (0, 7, "0.00")],
)
def test_variance_percent_rounds_half_away_from_zero(variance: int, budget: int, percent: str) -> None:
    assert percent_of(variance, budget) == percent
