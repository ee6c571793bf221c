"""BAHI.BALANCE, BAHI.TRIALBALANCE, BAHI.LEDGER and BAHI.VALIDATE over Journal[#All] and Accounts[#All]."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from xlwings import XlwingsError
from xlwings.server import custom_functions_meta

import udfs
from addin import cli
from tests.udfs.test_udfs_bank import demo_tables
from udfs import balance, ledger, trialbalance, validate
from udfs.bookkeeping import ISSUE_HEADINGS, NO_ISSUES, STATEMENT_HEADINGS, TRIAL_BALANCE_HEADINGS
from workbook_templates.build import DEMO_PATH

Call = Callable[..., Any]

APR_1, MAY_1, MAY_23 = 45748.0, 45778.0, 45800.0  # Excel serials, as Office.js sends date cells

ACCOUNTS = [
    ["Code / कोड", "Name / नाम", "Type / प्रकार", "Parent / मूल खाता", "Opening Balance / प्रारंभिक शेष"],
    [1000.0, "Assets", "Asset", None, None],
    [1110.0, "Bank", "Asset", 1000.0, 10000.0],
    [1120.0, "Cash", "Asset", 1000.0, None],
    [3000.0, "Capital", "Equity", None, -10000.0],
    [4000.0, "Sales", "Income", None, None],
    [5000.0, "Rent", "Expense", None, None],
]
HEADER = [
    "Date / दिनांक",
    "Voucher / वाउचर",
    "Account / खाता",
    "Debit / नामे",
    "Credit / जमा",
    "Narration / विवरण",
]
LINES = [
    [APR_1, "S1", "Bank", 1500.0, None, "Cash sale"],
    [APR_1, "S1", "Sales", None, 1500.0, "Cash sale"],
    [MAY_1, "R1", "Rent", 1000.0, None, "May rent"],
    [MAY_1, "R1", "Bank", None, 1000.0, "May rent"],
    [MAY_23, "C1", "Cash", 200.0, None, "Withdrawal"],
    [MAY_23, "C1", "Bank", None, 200.0, "Withdrawal"],
]
JOURNAL = [HEADER, *LINES]
FY_2025_26 = [["Setting", "Value"], ["Financial Year", "2025-26"]]


class TestBalance:
    def test_with_accounts_includes_the_opening_balance(self) -> None:
        assert balance(JOURNAL, "Bank", None, ACCOUNTS) == 10300.0

    def test_by_code_and_as_of_a_date(self) -> None:
        assert balance(JOURNAL, 1110.0, dt.date(2025, 4, 30), ACCOUNTS) == 11500.0
        assert balance(JOURNAL, "1110", APR_1 - 1, ACCOUNTS) == 10000.0

    def test_a_group_account_includes_its_sub_accounts(self) -> None:
        assert balance(JOURNAL, "Assets", None, ACCOUNTS) == 10500.0

    def test_credit_balances_are_negative(self) -> None:
        assert balance(JOURNAL, "Sales", None, ACCOUNTS) == -1500.0

    def test_without_accounts_the_journal_lines_alone(self) -> None:
        assert balance(JOURNAL, "bank") == 300.0

    def test_an_unknown_account_is_an_error_not_zero(self) -> None:
        with pytest.raises(XlwingsError, match="account 'Bnak' is not in the journal's Account column"):
            balance(JOURNAL, "Bnak")
        with pytest.raises(XlwingsError, match="account 'Bnak' is not in the accounts table"):
            balance(JOURNAL, "Bnak", None, ACCOUNTS)

    def test_from_excel(self, call_excel: Call) -> None:
        assert call_excel("balance", JOURNAL, "Bank", None, ACCOUNTS) == [[10300.0]]
        assert call_excel("balance", JOURNAL, "Bank", 45777.0, ACCOUNTS) == [[11500.0]]


class TestTrialBalance:
    def test_spills_headings_accounts_and_a_total_row(self) -> None:
        table = trialbalance(JOURNAL, ACCOUNTS)
        assert table[0] == TRIAL_BALANCE_HEADINGS
        by_code = {row[0]: row for row in table[1:-1]}
        assert by_code["1110"] == ["1110", "    Bank", "Asset", 10000.0, "", 1500.0, 1200.0, 10300.0, ""]
        assert by_code["1000"][-2] == 10500.0  # the group rolls up Bank and Cash
        assert by_code["3000"][3:] == ["", 10000.0, "", "", "", 10000.0]  # a credit: its Cr columns
        assert table[-1] == ["Total / योग", "", "", 10000.0, 10000.0, 2700.0, 2700.0, 11500.0, 11500.0]

    def test_the_same_columns_as_the_trial_balance_sheet(self) -> None:
        assert trialbalance(JOURNAL, ACCOUNTS)[0] == list(TRIAL_BALANCE_HEADINGS) == [
            "Code / कोड", "Account / खाता", "Type / प्रकार", "Opening Dr / प्रारंभिक नामे",
            "Opening Cr / प्रारंभिक जमा", "Debit / नामे", "Credit / जमा", "Closing Dr / अंतिम नामे",
            "Closing Cr / अंतिम जमा",
        ]  # fmt: skip

    def test_a_line_that_cannot_be_posted_stands_in_the_suspense_row(self) -> None:
        table = trialbalance([*JOURNAL, [MAY_23, "X1", "Bnak", 50.0, None, "Typo"]], ACCOUNTS)
        assert table[-3][:3] == ["", "Suspense (unposted lines) / उचंत (अदर्ज पंक्तियाँ)", ""]
        assert table[-3][5] == 50.0
        difference = "Difference in books: vouchers that do not balance (see Issues): X1 /"
        assert str(table[-2][1]).startswith(difference)  # the formula names the vouchers on the row
        assert table[-1][5] == 2750.0  # the journal's debits
        assert table[-1][6] == 2750.0  # and the difference row's 50 makes the credits tie

    def test_as_of_leaves_later_lines_out(self) -> None:
        table = trialbalance(JOURNAL, ACCOUNTS, dt.date(2025, 4, 30))
        assert table[-1][5:7] == [1500.0, 1500.0]

    def test_without_accounts_each_journal_account_once_type_blank(self) -> None:
        table = trialbalance(JOURNAL)
        assert sorted(row[0] for row in table[1:-1]) == ["Bank", "Cash", "Rent", "Sales"]
        assert {row[2] for row in table[1:-1]} == {""}
        assert table[-1][-2] == table[-1][-1]

    def test_a_journal_without_its_header_row_is_read_in_template_order(self) -> None:
        assert trialbalance(LINES, ACCOUNTS) == trialbalance(JOURNAL, ACCOUNTS)

    def test_a_journal_missing_a_required_column_is_a_readable_error(self) -> None:
        without_debit = [[c for i, c in enumerate(row) if i != 3] for row in JOURNAL]
        with pytest.raises(XlwingsError, match="Debit"):
            trialbalance(without_debit, ACCOUNTS)

    def test_an_empty_argument_is_a_readable_error(self) -> None:
        with pytest.raises(
            XlwingsError, match=r"journal is empty: pass the whole table, e.g. Journal\[#All\]"
        ):
            trialbalance(None)

    def test_from_excel(self, call_excel: Call) -> None:
        table = call_excel("trialbalance", JOURNAL, ACCOUNTS, None)
        assert table[0] == TRIAL_BALANCE_HEADINGS
        assert table[-1] == ["Total / योग", "", "", 10000.0, 10000.0, 2700.0, 2700.0, 11500.0, 11500.0]

    def test_with_settings_earlier_lines_are_in_opening_and_later_ones_left_out(self) -> None:
        march_31, next_april = APR_1 - 1, APR_1 + 365
        journal = [
            *JOURNAL,
            [march_31, "X1", "Cash", 5.0, None, "Last year"],
            [march_31, "X1", "Bank", None, 5.0, "Last year"],
            [next_april, "X2", "Rent", 7.0, None, "Next year"],
            [next_april, "X2", "Bank", None, 7.0, "Next year"],
        ]
        by_code = {row[0]: row for row in trialbalance(journal, ACCOUNTS, None, FY_2025_26)[1:-1]}
        assert by_code["1120"][3:] == [5.0, "", 200.0, "", 205.0, ""]  # Cash: last year's 5 its opening
        assert by_code["5000"][5] == 1000.0  # Rent: next year's 7 left out
        without = {row[0]: row for row in trialbalance(journal, ACCOUNTS)[1:-1]}
        assert without["1120"][3:] == ["", "", 205.0, "", 205.0, ""]  # every line, as before
        assert without["5000"][5] == 1007.0

    def test_as_of_with_settings_is_the_balance_up_to_that_day(self) -> None:
        assert trialbalance(JOURNAL, ACCOUNTS, APR_1, FY_2025_26) == trialbalance(JOURNAL, ACCOUNTS, APR_1)

    def test_with_the_demo_s_settings_it_agrees_with_bahi_trial_balance(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = cli.main(["trial-balance", str(DEMO_PATH), "--format", "json"])
        command = json.loads(capsys.readouterr().out)
        assert code == 1  # the demo's planted mistakes
        demo = demo_tables()
        table = trialbalance(demo["Journal"], demo["Accounts"], None, demo["Settings"])
        amounts = ("opening_dr", "opening_cr", "debit", "credit", "closing_dr", "closing_cr")
        rows = [[r[0], *(Decimal(str(a or 0)).quantize(Decimal("0.01")) for a in r[3:])] for r in table[1:-1]]
        assert rows == [[c["account"], *(Decimal(c[a]) for a in amounts)] for c in command]
        assert [r[1].strip() for r in table[1:-3]] == [c["name"] for c in command[:-2]]


class TestLedger:
    def test_opening_then_lines_with_a_running_balance(self) -> None:
        table = ledger(JOURNAL, "Bank", ACCOUNTS)
        assert table[0] == STATEMENT_HEADINGS
        assert table[1][3:] == ["Opening balance / प्रारंभिक शेष", "", "", "", 10000.0, "Dr"]
        assert [row[-2:] for row in table[2:]] == [[11500.0, "Dr"], [10500.0, "Dr"], [10300.0, "Dr"]]
        assert table[2][:6] == [dt.date(2025, 4, 1), "S1", "1110", "Cash sale", "Sales", 1500.0]

    def test_a_credit_balance_is_an_amount_and_cr(self) -> None:
        table = ledger(JOURNAL, "Sales", ACCOUNTS)
        assert table[-1][-3:] == [1500.0, 1500.0, "Cr"]

    def test_start_moves_earlier_lines_into_the_opening_balance(self) -> None:
        table = ledger(JOURNAL, "Bank", ACCOUNTS, MAY_1)
        assert table[1][-2:] == [11500.0, "Dr"]
        assert len(table) == 4

    def test_from_excel_dates_are_written_back_as_date_numbers(self, call_excel: Call) -> None:
        table = call_excel("ledger", JOURNAL, "Bank", ACCOUNTS, None, None)
        assert table[2][0] == {"type": "FormattedNumber", "basicValue": APR_1, "numberFormat": "dd-mm-yyyy"}

    def test_an_unknown_account_is_an_error(self) -> None:
        with pytest.raises(XlwingsError, match="account 'Nowhere' is not in the journal"):
            ledger(JOURNAL, "Nowhere")

    def test_a_start_after_the_end_is_refused_in_both_languages_not_an_opening_balance(self) -> None:
        with pytest.raises(
            XlwingsError,
            match=r"the period ends before it starts: start 23/05/2025 is after end 01/04/2025.* — अवधि",
        ):
            ledger(JOURNAL, "Bank", ACCOUNTS, MAY_23, APR_1)

    def test_a_one_day_period_is_not_reversed(self) -> None:
        assert len(ledger(JOURNAL, "Bank", ACCOUNTS, MAY_1, MAY_1)) == 3  # headings, opening, May's rent


class TestValidate:
    def test_clean_books(self) -> None:
        assert validate(JOURNAL, ACCOUNTS) == [[NO_ISSUES]]
        assert validate(JOURNAL) == [[NO_ISSUES]]

    def test_each_issue_a_row_with_its_cell(self) -> None:
        bad = [*JOURNAL, [MAY_23, "X1", "Bnak", 50.0, None, "Typo"]]
        table = validate(bad, ACCOUNTS)
        assert table[0] == ISSUE_HEADINGS
        found = {(row[1], row[3]) for row in table[1:]}
        assert ("unknown-account", "C8") in found
        assert all(row[6] and row[7] for row in table[1:])  # English and Hindi messages

    def test_without_accounts_only_the_journal_is_judged(self) -> None:
        table = validate([*JOURNAL, [MAY_23, "X1", "Bank", 50.0, None, "Half a voucher"]])
        rules = {row[1] for row in table[1:]}
        assert "unbalanced-voucher" in rules
        assert all(row[2] == "Journal" for row in table[1:])

    def test_a_missing_column_is_reported_not_raised(self) -> None:
        without_debit = [[c for i, c in enumerate(row) if i != 3] for row in JOURNAL]
        table = validate(without_debit, ACCOUNTS)
        assert ("fatal", "missing-column") in {(row[0], row[1]) for row in table[1:]}

    def test_with_settings_a_line_outside_the_financial_year_or_in_a_locked_period_is_found(self) -> None:
        settings = [["Setting", "Value"], ["Financial Year", "2025-26"], ["Lock Date", APR_1]]
        march_31 = APR_1 - 1
        last_year = [[march_31, "X1", "Cash", 5.0, None, "Old"], [march_31, "X1", "Bank", None, 5.0, ""]]
        journal = [*JOURNAL, *last_year]
        found = {(row[1], row[3]) for row in validate(journal, ACCOUNTS, settings)[1:]}
        assert {("outside-financial-year", "A8"), ("locked-period", "A2")} <= found
        assert validate(journal, ACCOUNTS) == [[NO_ISSUES]]  # without Settings: no year, no lock date

    def test_from_excel(self, call_excel: Call) -> None:
        assert call_excel("validate", JOURNAL, ACCOUNTS) == [[NO_ISSUES]]

    def test_from_excel_error_and_data_type_cells_are_read_as_excel_shows_them(
        self, call_excel: Call
    ) -> None:
        na = {"type": "Error", "errorType": "NotAvailable", "basicValue": "#N/A"}
        date = {"type": "FormattedNumber", "basicValue": MAY_23, "numberFormat": "dd-mm-yyyy"}
        journal = [*JOURNAL, [date, "X2", "Cash", na, "", "Lookup failed"], [date, "X2", "Bank", "", 0.0, ""]]
        table = call_excel("validate", journal, ACCOUNTS)
        found = {(row[1], row[3]): row[5] for row in table[1:]}
        # the offending value is written back as the Excel error it was
        assert found[("error-value", "D8")] == {"type": "Error", "errorType": "NotAvailable"}
        assert not any(row[1] == "unreadable-date" for row in table[1:])


def test_metadata_lists_the_ledger_formulas_with_help() -> None:
    meta = {f["id"]: f for f in custom_functions_meta(udfs)["functions"]}
    assert {"BALANCE", "TRIALBALANCE", "LEDGER", "VALIDATE"} <= set(meta)
    params = meta["BALANCE"]["parameters"]
    assert [p["name"] for p in params] == ["journal", "account", "as_of", "accounts"]
    assert params[0]["description"] == "The Journal table with its header row: Journal[#All]."
    assert [p.get("optional", False) for p in params] == [False, False, True, True]
