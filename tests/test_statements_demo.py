"""The statements and the budget on the committed demo workbook, read as the CLI reads it.

The demo carries ten planted mistakes, some of which unbalance the books; the statements must
still agree with themselves, show the difference on a line of its own and say so.
"""

from __future__ import annotations

import datetime as dt

import pytest

from addin.books.file_book import open_book
from addin.engine.load import load_ledger
from addin.engine.reports import trial_balance
from addin.engine.schema import ACCOUNTS, BUDGET, JOURNAL, REPORT_LINES, SETTINGS
from addin.engine.statements import (
    balance_sheet,
    budget_vs_actual,
    cash_flow,
    fy_period,
    load_budget,
    load_report_lines,
    map_accounts,
    monthly_periods,
    profit_and_loss,
)
from addin.engine.statements.mapping import AccountMap
from addin.engine.tables import RawTable
from workbook_templates.build import DEMO_PATH

YEAR = fy_period(2025)
OPENING_DAY = dt.date(2025, 3, 31)


@pytest.fixture(scope="module")
def tables() -> dict[str, RawTable | None]:
    book = open_book(DEMO_PATH)
    return {spec.name: book.read_table(spec) for spec in (ACCOUNTS, JOURNAL, SETTINGS, REPORT_LINES, BUDGET)}


@pytest.fixture(scope="module")
def mapped(tables: dict[str, RawTable | None]) -> AccountMap:
    ledger, _ = load_ledger(tables)
    lines, issues = load_report_lines(tables[REPORT_LINES.name])
    assert issues == []
    return map_accounts(ledger, lines)


def test_the_demo_maps_every_account(mapped: AccountMap) -> None:
    assert mapped.issues == ()
    assert all(a.mapped for a in mapped.accounts if not mapped.posted.tree.is_group(a.code))


def test_the_balance_sheet_agrees_and_shows_what_the_planted_mistakes_leave_over(mapped: AccountMap) -> None:
    bs = balance_sheet(mapped, [OPENING_DAY, YEAR])
    for column, day in enumerate((OPENING_DAY, YEAR.end)):
        assert bs.amount("bs.total_assets", column) == bs.amount("bs.total_equity_and_liabilities", column)
        tb = trial_balance(mapped.ledger, as_of=day)
        assert bs.amount("bs.difference", column) == tb.totals.closing  # the trial balance's difference
        suspense = tb.suspense.closing if tb.suspense else 0
        assert bs.amount("bs.suspense", column) == suspense  # the line to an unknown account, 5930
    # a voucher dated 28/03/2025 by mistake (4,720 debit), then the unbalanced vouchers of the year
    assert [bs.amount("bs.difference", c) for c in (0, 1)] == [4_720_00, -2_180_49]
    assert [i.rule for i in bs.issues] == ["statement-difference"]


def test_the_years_profit_is_the_change_in_retained_earnings(mapped: AccountMap) -> None:
    profit = profit_and_loss(mapped, [YEAR]).amount("pl.profit_for_the_period")
    bs = balance_sheet(mapped, [OPENING_DAY, YEAR])
    carried = [bs.amount("bs.reserves_and_surplus.surplus", c) for c in (0, 1)]
    assert profit == carried[1] - carried[0] == 60_98_311_14


def test_twelve_monthly_columns_add_up_to_the_year(mapped: AccountMap) -> None:
    months = profit_and_loss(mapped, monthly_periods(2025), hide_zero=False)
    year = profit_and_loss(mapped, [YEAR], hide_zero=False)
    for row in year.rows:
        if row.amounts is not None:
            assert sum(months.amount(row.key, m) for m in range(12)) == row.amounts[0], row.key


def test_the_cash_flow_explains_the_change_in_cash(mapped: AccountMap) -> None:
    cf = cash_flow(mapped, [YEAR])
    bs = balance_sheet(mapped, [OPENING_DAY, YEAR])
    cash = [bs.amount("bs.cash_and_cash_equivalents", c) for c in (0, 1)]
    assert [cf.amount("cf.opening_cash"), cf.amount("cf.closing_cash")] == cash
    sections = sum(cf.amount(k) for k in ("cf.net_operating", "cf.net_investing", "cf.net_financing"))
    assert cf.amount("cf.net_change") == sections == 47_41_861_92  # A + B + C, without the difference
    assert cf.amount("cf.net_change") + cf.amount("cf.difference") == cash[1] - cash[0]
    tb = trial_balance(mapped.ledger, as_of=YEAR.end, period_start=YEAR.start)
    assert cf.amount("cf.difference") == tb.totals.debit - tb.totals.credit == -6_900_49  # the TB's
    assert cf.amount("cf.working_capital.suspense") == -1_180_00  # the line to an unknown account, 5930
    assert cf.amount("cf.adjustment.depreciation_and_amortization") == 95_000_00
    assert cf.amount("cf.investing.property_plant_and_equipment") == -62_500_00  # the laptop


def test_the_demo_trial_balance_names_the_vouchers_its_difference_is_made_of(mapped: AccountMap) -> None:
    tb = trial_balance(mapped.ledger, as_of=YEAR.end, period_start=YEAR.start)
    # four vouchers that do not balance, and two with a line dated outside the year
    assert tb.unbalanced_vouchers == ("CP-0044", "CP-0067", "CP-0076", "CP-0082", "CP-0113", "CP-0120")
    row = tb.difference_row
    assert row is not None
    assert row.name.startswith("Difference in books: vouchers that do not balance (see Issues): CP-0044, ")
    assert row.closing == -tb.difference == 2_180_49
    opening_dr, opening_cr, debit, credit, closing_dr, closing_cr = tb.shown_totals
    assert (opening_dr, debit, closing_dr) == (opening_cr, credit, closing_cr)  # the totals tie


def test_the_demo_budget_has_one_line_over_budget(
    tables: dict[str, RawTable | None], mapped: AccountMap
) -> None:
    budget, issues = load_budget(tables[BUDGET.name], mapped)
    assert issues == []
    report = budget_vs_actual(mapped, budget, as_of=dt.date(2025, 12, 31))
    assert [line.label for line in report.lines if line.adverse] == ["5310 Salaries & Wages"]
    salaries = report.line("account.5310")
    assert salaries is not None
    assert salaries.year_to_date.variance == 3 * (3_80_000_00 - 3_62_000_00)  # increments from October
