"""BAHI.BUDGETVAR over Journal[#All], Budget[#All] and, optionally, Accounts[#All] and ReportLines[#All]."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from xlwings import XlwingsError
from xlwings.server import custom_functions_meta

import udfs
from addin.engine.schema import BUDGET as BUDGET_TABLE
from addin.engine.statements import budget_vs_actual, load_budget, map_accounts, report_lines
from tests.udfs.test_udfs_bank import demo_tables
from tests.udfs.test_udfs_bookkeeping import ACCOUNTS, APR_1, FY_2025_26, JOURNAL
from udfs import budgetvar
from udfs.bookkeeping import _usable
from udfs.tables import raw_table

Call = Callable[..., Any]

BUDGET = [
    ["Account / खाता", "Month / माह", "Amount / राशि"],
    ["Rent", "Apr-2025", 800.0],
    ["Rent", 45778.0, 800.0],  # a date in May, as Excel sends a date cell
    [4000.0, "Apr-2025", 1000.0],
    ["Other expenses", "Apr-2025", 300.0],
]
REPORT_LINES = [
    ["Account / खाता", "Line Item / मद"],
    [5000.0, "Other expenses"],
    [4000.0, "Revenue from operations"],
]


class TestBudgetVar:
    def test_an_expense_under_budget_has_a_negative_variance(self) -> None:
        # rent budget 800 + 800 to the latest line (23 May); actual 1,000 (May's rent)
        assert budgetvar(JOURNAL, BUDGET, "Rent", ACCOUNTS) == -600.0

    def test_income_over_budget_has_a_positive_variance_and_its_percentage(self) -> None:
        assert budgetvar(JOURNAL, BUDGET, "Sales", ACCOUNTS) == 500.0
        assert budgetvar(JOURNAL, BUDGET, 4000.0, ACCOUNTS, None, "percent") == 0.5

    def test_as_of_a_date_and_the_other_measures(self) -> None:
        april = dt.date(2025, 4, 30)
        assert budgetvar(JOURNAL, BUDGET, "Rent", ACCOUNTS, april, "budget") == 800.0
        assert budgetvar(JOURNAL, BUDGET, "Rent", ACCOUNTS, april, "actual") == 0.0
        assert (
            budgetvar(JOURNAL, BUDGET, "Rent", ACCOUNTS, april, "forecast") == 800.0
        )  # May's budget to come
        assert budgetvar(JOURNAL, BUDGET, "Rent", ACCOUNTS, april, "Forecast Variance") == -800.0

    def test_a_line_item_needs_the_report_lines(self) -> None:
        # Rent (5000), the line item's only account, has a budget line of its own: its 1,000 is not
        # counted on Other expenses as well, whose actual is therefore nil against its 300
        assert budgetvar(JOURNAL, BUDGET, "Other expenses", ACCOUNTS, None, None, REPORT_LINES) == -300.0

    def test_the_same_answer_as_the_budget_vs_actual_sheet(self) -> None:
        mapped = map_accounts(_usable(JOURNAL, ACCOUNTS), report_lines([]))
        plan, _ = load_budget(raw_table(BUDGET_TABLE, BUDGET), mapped)
        (rent,) = [x for x in budget_vs_actual(mapped, plan).lines if x.key == "account.5000"]
        assert budgetvar(JOURNAL, BUDGET, "5000", ACCOUNTS) == rent.year_to_date.variance / 100

    @pytest.mark.parametrize(
        ("account", "measure", "said"),
        [
            ("Petty cash", None, "'Petty cash' is neither an account nor a Schedule III line item"),
            ("Bank", None, "the Budget table has no rows for 'Bank'"),
            ("Rent", "median", "measure should be one of variance, percent"),
            ("Cash", "percent", "the budget to date is nil"),
        ],
    )
    def test_what_it_cannot_answer_it_says(self, account: str, measure: str | None, said: str) -> None:
        budget = [*BUDGET, ["Cash", "Apr-2025", 0.0]]
        with pytest.raises(XlwingsError, match=said):
            budgetvar(JOURNAL, budget, account, ACCOUNTS, None, measure)

    def test_without_accounts_a_group_is_unknown_and_the_error_asks_for_the_accounts_table(self) -> None:
        budget = [*BUDGET, ["Assets", "Apr-2025", 100.0]]  # a group: no journal line names it
        asks = r"'Assets' is neither an account the journal names.*pass Accounts\[#All\] — "
        with pytest.raises(XlwingsError, match=asks):
            budgetvar(JOURNAL, budget, "Assets")
        assert budgetvar(JOURNAL, budget, "Assets", ACCOUNTS, None, "budget") == 100.0

    def test_without_accounts_an_account_the_journal_names_is_answered(self) -> None:
        assert budgetvar(JOURNAL, BUDGET, "Rent") == -600.0

    def test_a_budget_row_it_cannot_read_is_an_error_naming_the_row_not_dropped(self) -> None:
        budget = [*BUDGET, ["Rent", "Foo-2025", 100.0]]
        says = r"Budget!B6: Cannot read 'Foo-2025' as a month.* — Budget!B6: 'Foo-"
        with pytest.raises(XlwingsError, match=says):
            budgetvar(JOURNAL, budget, "Rent", ACCOUNTS)

    def test_from_excel(self, call_excel: Call) -> None:
        assert call_excel("budgetvar", JOURNAL, BUDGET, "Rent", ACCOUNTS, None, None, None) == [[-600.0]]

    def test_with_settings_and_no_as_of_the_year_is_the_financial_year_in_settings(self) -> None:
        next_april = APR_1 + 365
        next_year = [[next_april, "X2", "Rent", 7.0, None, ""], [next_april, "X2", "Bank", None, 7.0, ""]]
        journal = [*JOURNAL, *next_year]
        assert budgetvar(journal, BUDGET, "Rent", ACCOUNTS, None, None, None, FY_2025_26) == -600.0
        with pytest.raises(XlwingsError, match="no rows for 'Rent' in the financial year 2026-27: without"):
            budgetvar(journal, BUDGET, "Rent", ACCOUNTS)

    def test_with_settings_and_no_as_of_the_error_does_not_say_the_year_was_taken_without_settings(
        self,
    ) -> None:
        fy_2026_27 = [["Setting", "Value"], ["Financial Year", "2026-27"]]
        with pytest.raises(XlwingsError) as caught:
            budgetvar(JOURNAL, BUDGET, "Rent", ACCOUNTS, None, None, None, fy_2026_27)
        assert "no rows for 'Rent' in the financial year 2026-27" in str(caught.value)
        assert "without as_of or Settings" not in str(caught.value)

    def test_without_settings_or_as_of_the_error_says_the_date_taken_and_how_to_pass_as_of(self) -> None:
        demo = demo_tables()
        journal, budget, accounts = demo["Journal"], demo["Budget"], demo["Accounts"]
        with pytest.raises(XlwingsError) as caught:
            budgetvar(journal, budget, "4100", accounts)  # the demo's latest line lies in the next year
        english, _, hindi = str(caught.value).partition(" — ")
        assert english == (
            "the Budget table has no rows for '4100' in the financial year 2026-27: without as_of or "
            "Settings, the year is that of the latest journal line, 03/04/2026; pass as_of (a date in the "
            "budget's year) or Settings[#All]"
        )
        assert "03/04/2026" in hindi
        assert "as_of" in hindi
        with_settings = budgetvar(journal, budget, "4100", accounts, None, None, None, demo["Settings"])
        assert with_settings == budgetvar(journal, budget, "4100", accounts, dt.date(2026, 3, 31))

    def test_its_help_is_its_docstring(self) -> None:
        (meta,) = [f for f in custom_functions_meta(udfs)["functions"] if f["name"] == "BUDGETVAR"]
        assert meta["description"].startswith("Budget against actual for one budget line")
        assert [p["name"] for p in meta["parameters"]] == [
            "journal", "budget", "account", "accounts", "as_of", "measure", "report_lines", "settings",
        ]  # fmt: skip
        assert all(p["description"] for p in meta["parameters"])
