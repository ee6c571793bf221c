"""Checks on the books: every rule names the right cell, in English and Hindi, with a fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.checks import (
    CHECKS,
    check_debit_and_credit,
    check_duplicate_accounts,
    check_duplicate_lines,
    check_inactive_accounts,
    check_invalid_account_types,
    check_ledger,
    check_locked_period,
    check_missing_dates,
    check_missing_narration,
    check_missing_vouchers,
    check_negative_amounts,
    check_no_amount,
    check_outside_financial_year,
    check_parent_cycles,
    check_unbalanced_vouchers,
    check_unknown_accounts,
    check_unknown_parents,
    check_voucher_dates,
)
from addin.engine.checks.accounts import parent_cycles
from addin.engine.issues import Issue, Severity
from addin.engine.ledger import Ledger
from addin.engine.load import ledger_from_rows
from addin.engine.rules import Rule

ACCOUNT_HEADINGS = ["Code", "Name", "Type", "Parent", "Opening Balance", "Active"]
JOURNAL_HEADINGS = ["Date", "Voucher", "Account", "Debit", "Credit", "Narration"]

CHART = [
    ["1001", "Cash", "Asset", None, 0, "Yes"],
    ["1002", "Bank", "Asset", None, 0, "Yes"],
    ["4001", "Sales", "Income", None, 0, "Yes"],
    ["5001", "Rent", "Expense", None, 0, "Yes"],
    ["5099", "Old Rent", "Expense", None, 0, "No"],
]

RENT = [
    ["05/04/2025", "V2", "Rent", 12000, None, "April rent"],
    ["05/04/2025", "V2", "Bank", None, 12000, None],
]


def books(*lines: list[Any], chart: list[list[Any]] | None = None, **setting: Any) -> Ledger:
    settings_rows = [["Setting", "Value"], *([k.replace("_", " ").title(), v] for k, v in setting.items())]
    return ledger_from_rows(
        [ACCOUNT_HEADINGS, *(CHART if chart is None else chart)], [JOURNAL_HEADINGS, *lines], settings_rows
    )


def cells(issues: list[Issue]) -> list[tuple[str, str, str]]:
    return [(i.rule, i.sheet, i.cell) for i in issues]


def test_clean_books_have_no_issues() -> None:
    assert check_ledger(books(*RENT)) == []


def test_every_check_is_run_by_check_ledger() -> None:
    assert len(CHECKS) == len(set(CHECKS)) == 17


class TestJournalLines:
    def test_an_unknown_account_is_named_at_its_account_cell(self) -> None:
        issues = check_unknown_accounts(books(RENT[0], ["05/04/2025", "V2", "Bnak", None, 12000, None]))
        assert cells(issues) == [("unknown-account", "Journal", "C3")]
        assert issues[0].value == "Bnak"
        assert "Bnak" in issues[0].message_en
        assert "Bnak" in issues[0].message_hi

    def test_a_line_without_an_account_is_an_unknown_account_too(self) -> None:
        issues = check_unknown_accounts(books(RENT[0], ["05/04/2025", "V2", None, None, 12000, None]))
        assert cells(issues) == [("unknown-account", "Journal", "C3")]
        assert issues[0].message_en == "The line has no account."

    def test_posting_to_an_inactive_account_is_named_at_its_account_cell(self) -> None:
        issues = check_inactive_accounts(books(RENT[1], ["05/04/2025", "V2", "old rent", 12000, None, "n"]))
        assert cells(issues) == [("inactive-account", "Journal", "C3")]

    def test_a_line_with_both_debit_and_credit_is_named_at_its_debit_cell(self) -> None:
        issues = check_debit_and_credit(books(["05/04/2025", "V3", "Cash", 100, 100, "n"]))
        assert cells(issues) == [("debit-and-credit", "Journal", "D2")]
        assert "100.00" in issues[0].message_en

    def test_a_line_with_no_amount_is_named_at_its_debit_cell(self) -> None:
        issues = check_no_amount(books(*RENT, ["05/04/2025", "V2", "Cash", None, 0, None]))
        assert cells(issues) == [("no-amount", "Journal", "D4")]

    def test_negative_amounts_are_named_in_their_own_column(self) -> None:
        issues = check_negative_amounts(
            books(
                ["05/04/2025", "V3", "Cash", -100, None, "n"], ["05/04/2025", "V3", "Bank", None, "(100)", ""]
            )
        )
        assert cells(issues) == [("negative-amount", "Journal", "D2"), ("negative-amount", "Journal", "E3")]
        assert issues[0].value == "-100.00"

    def test_a_line_without_a_date_is_named_at_its_date_cell(self) -> None:
        issues = check_missing_dates(books(RENT[0], [None, "V2", "Bank", None, 12000, None]))
        assert cells(issues) == [("missing-date", "Journal", "A3")]

    def test_a_line_without_a_voucher_is_named_at_its_voucher_cell(self) -> None:
        issues = check_missing_vouchers(books(RENT[0], ["05/04/2025", " ", "Bank", None, 12000, None]))
        assert cells(issues) == [("missing-voucher", "Journal", "B3")]


class TestVouchers:
    def test_an_unbalanced_voucher_is_named_at_its_first_voucher_cell(self) -> None:
        issues = check_unbalanced_vouchers(
            books(
                *RENT,
                ["06/04/2025", "V3", "Cash", 150000, None, "n"],
                ["06/04/2025", "V3", "Sales", None, 100000.5, ""],
            )
        )
        assert cells(issues) == [("unbalanced-voucher", "Journal", "B4")]
        assert issues[0].message_en == (
            "Voucher V3 does not balance: debits 1,50,000.00, credits 1,00,000.50, difference 49,999.50."
        )
        assert "49,999.50" in issues[0].message_hi
        assert "Credit is short" in issues[0].fix_en

    def test_a_negative_total_in_an_unbalanced_voucher_is_shown_in_brackets_never_a_bare_minus(self) -> None:
        issues = check_unbalanced_vouchers(
            books(["06/04/2025", "V4", "Cash", -320, None, "n"], ["06/04/2025", "V4", "Bank", None, 320, ""])
        )
        assert "debits (320.00), credits 320.00, difference 640.00" in issues[0].message_en
        assert "-320" not in issues[0].message_en + issues[0].message_hi

    def test_a_voucher_off_by_one_paisa_is_unbalanced(self) -> None:
        ledger = books(
            ["05/04/2025", "V9", "Cash", 0.01, None, "n"], ["05/04/2025", "V9", "Sales", None, 0.02, ""]
        )
        (issue,) = check_unbalanced_vouchers(ledger)
        assert "difference 0.01" in issue.message_en
        assert "Debit is short" in issue.fix_en

    def test_lines_of_one_voucher_need_not_stand_together(self) -> None:
        ledger = books(
            RENT[0],
            ["06/04/2025", "V3", "Cash", 5, None, "n"],
            RENT[1],
            ["06/04/2025", "V3", "Sales", None, 5, ""],
        )
        assert check_unbalanced_vouchers(ledger) == []

    def test_lines_without_a_voucher_are_not_a_voucher(self) -> None:
        ledger = books(*RENT, ["06/04/2025", None, "Cash", 5, None, "n"])
        assert check_unbalanced_vouchers(ledger) == []

    @settings(max_examples=40, deadline=None)
    @given(
        st.lists(
            st.lists(st.integers(min_value=1, max_value=10**11), min_size=1, max_size=4),
            min_size=1,
            max_size=12,
        ),
        st.randoms(use_true_random=False),
    )
    def test_a_generated_balanced_journal_has_no_unbalanced_voucher(
        self, vouchers: list[list[int]], rng: Any
    ) -> None:
        lines: list[list[Any]] = []
        for number, debits in enumerate(vouchers):
            name = f"JV/{number}"
            lines += [["01/05/2025", name, "Rent", paise / 100, None, "n"] for paise in debits]
            lines.append(["01/05/2025", name, "Bank", None, f"{sum(debits) / 100:,.2f}", ""])
        rng.shuffle(lines)
        assert check_unbalanced_vouchers(books(*lines)) == []

    def test_a_voucher_split_over_two_dates_is_named_at_the_date_cell_of_the_later_line(self) -> None:
        ledger = books(
            *RENT,
            ["30/04/2025", "JV-2", "Rent", 5000, None, "n"],
            ["01/05/2025", "JV-2", "Bank", None, 5000, ""],
        )
        issues = check_voucher_dates(ledger)
        assert cells(issues) == [("voucher-dates-differ", "Journal", "A5")]
        assert issues[0].severity is Severity.ERROR
        assert issues[0].value == "01/05/2025"
        assert issues[0].message_en == (
            "Voucher JV-2 has lines on different dates: this line is dated 01/05/2025, "
            "the voucher's date (row 4) 30/04/2025."
        )
        assert "JV-2" in issues[0].message_hi
        assert "30/04/2025" in issues[0].message_hi
        assert "own voucher number" in issues[0].fix_en

    def test_a_first_line_dated_unlike_the_voucher_s_other_lines_is_the_one_named(self) -> None:
        ledger = books(
            ["03/04/2026", "JV-4", "Rent", 300, None, "n"],
            ["03/03/2026", "JV-4", "Cash", 100, None, "n"],
            ["03/03/2026", "JV-4", "Bank", None, 400, ""],
        )
        issues = check_voucher_dates(ledger)
        assert cells(issues) == [("voucher-dates-differ", "Journal", "A2")]
        assert issues[0].message_en == (
            "Voucher JV-4 has lines on different dates: this line is dated 03/04/2026, "
            "the voucher's date (row 3) 03/03/2026."
        )
        assert "03/04/2026" in issues[0].message_hi
        assert "03/03/2026" in issues[0].message_hi

    def test_a_voucher_number_reused_for_another_days_entry_names_each_of_its_lines(self) -> None:
        ledger = books(
            ["04/04/2025", "JV-3", "Rent", 100, None, "n"],
            ["04/04/2025", "JV-3", "Bank", None, 100, ""],
            ["05/04/2025", "JV-3", "Cash", 200, None, "n"],
            ["05/04/2025", "JV-3", "Sales", None, 200, ""],
        )
        assert cells(check_voucher_dates(ledger)) == [
            ("voucher-dates-differ", "Journal", "A4"),
            ("voucher-dates-differ", "Journal", "A5"),
        ]

    def test_a_voucher_dated_from_its_first_dated_line_when_the_first_has_no_date(self) -> None:
        ledger = books([None, "V2", "Rent", 12000, None, "April rent"], RENT[1], RENT[1])
        assert check_voucher_dates(ledger) == []

    def test_lines_of_one_voucher_on_one_date_and_lines_without_a_voucher_are_fine(self) -> None:
        ledger = books(
            *RENT, ["06/04/2025", None, "Cash", 5, None, "n"], ["07/04/2025", "", "Sales", None, 5, ""]
        )
        assert check_voucher_dates(ledger) == []

    def test_missing_narration_is_one_warning_per_voucher_at_its_first_line(self) -> None:
        ledger = books(
            ["05/04/2025", "V5", "Rent", 1, None, None], ["05/04/2025", "V5", "Bank", None, 1, ""], *RENT
        )
        issues = check_missing_narration(ledger)
        assert cells(issues) == [("missing-narration", "Journal", "F2")]
        assert issues[0].severity is Severity.WARNING

    def test_a_voucher_with_narration_on_any_line_is_fine(self) -> None:
        assert check_missing_narration(books(RENT[1], RENT[0])) == []

    def test_a_later_duplicate_line_is_named_at_its_voucher_cell_with_the_first_row(self) -> None:
        ledger = books(*RENT, RENT[0], RENT[0])
        issues = check_duplicate_lines(ledger)
        assert cells(issues) == [("duplicate-line", "Journal", "B4"), ("duplicate-line", "Journal", "B5")]
        assert "row 2" in issues[0].message_en

    def test_lines_differing_only_in_narration_are_not_duplicates(self) -> None:
        assert check_duplicate_lines(books(*RENT, [*RENT[0][:5], "April rent, again"])) == []


class TestPeriods:
    def test_a_date_outside_the_financial_year_is_named_at_its_date_cell(self) -> None:
        ledger = books(
            *RENT,
            ["31/03/2025", "V0", "Cash", 1, None, "n"],
            ["01/04/2026", "V0", "Sales", None, 1, ""],
            financial_year="2025-26",
        )
        issues = check_outside_financial_year(ledger)
        assert cells(issues) == [
            ("outside-financial-year", "Journal", "A4"),
            ("outside-financial-year", "Journal", "A5"),
        ]
        assert "01/04/2025 to 31/03/2026" in issues[0].message_en

    def test_without_a_financial_year_no_date_is_outside(self) -> None:
        assert check_outside_financial_year(books(["01/01/1999", "V", "Cash", 1, None, "n"])) == []

    def test_a_date_on_the_lock_date_is_locked(self) -> None:
        ledger = books(
            ["30/06/2025", "V7", "Cash", 1, None, "n"],
            ["01/07/2025", "V7", "Sales", None, 1, ""],
            lock_date=dt.date(2025, 6, 30),
        )
        assert cells(check_locked_period(ledger)) == [("locked-period", "Journal", "A2")]


class TestAccounts:
    def test_a_repeated_code_is_named_at_the_later_code_cell(self) -> None:
        issues = check_duplicate_accounts(
            books(chart=[*CHART, ["1001", "Cash again", "Asset", None, 0, None]])
        )
        assert cells(issues) == [("duplicate-account", "Accounts", "A7")]
        assert "row 2" in issues[0].message_en

    def test_an_account_without_a_code_is_named_at_its_code_cell(self) -> None:
        issues = check_duplicate_accounts(books(chart=[*CHART, [None, "Nameless", "Asset", None, 0, None]]))
        assert cells(issues) == [("duplicate-account", "Accounts", "A7")]

    def test_an_invalid_type_is_named_at_its_type_cell_listing_the_choices(self) -> None:
        issues = check_invalid_account_types(
            books(chart=[*CHART, ["9", "Stock", "Inventory", None, 0, None]])
        )
        assert cells(issues) == [("invalid-account-type", "Accounts", "C7")]
        assert issues[0].value == "Inventory"
        assert "Asset, Liability, Equity, Income, Expense" in issues[0].fix_en
        assert "परिसंपत्ति" in issues[0].fix_hi

    def test_hindi_type_names_are_valid(self) -> None:
        assert check_invalid_account_types(books(chart=[["9", "Stock", "परिसंपत्ति", None, 0, None]])) == []

    def test_an_unknown_parent_is_named_at_its_parent_cell(self) -> None:
        issues = check_unknown_parents(
            books(chart=[*CHART, ["1101", "Petty Cash", "Asset", "Cassh", 0, None]])
        )
        assert cells(issues) == [("unknown-parent", "Accounts", "D7")]

    def test_each_account_in_a_parent_loop_is_named_once_at_its_parent_cell(self) -> None:
        chart = [
            ["A", "a", "Asset", "B", 0, None],
            ["B", "b", "Asset", "C", 0, None],
            ["C", "c", "Asset", "A", 0, None],
        ]
        chart += [["D", "d", "Asset", "A", 0, None], ["E", "e", "Asset", "E", 0, None]]
        issues = check_parent_cycles(books(chart=chart))
        assert sorted(cells(issues)) == [("parent-cycle", "Accounts", f"D{r}") for r in (2, 3, 4, 6)]
        assert "A → B → C → A" in issues[0].message_en

    def test_parent_cycles_of_a_map(self) -> None:
        assert parent_cycles({"A": "A"}) == [["A"]]
        assert parent_cycles({"A": "B", "B": ""}) == []


def test_every_rule_of_the_books_has_bilingual_messages_and_fixes() -> None:
    ledger = books(
        ["01/01/2020", "", "Nobody", -1, 2, None],
        [None, "V1", "Old Rent", None, None, None],
        ["01/01/2020", "V1", "Cash", 1, None, "n"],
        ["01/01/2020", "V1", "Cash", 1, None, "n"],
        ["02/01/2020", "V1", "Cash", 1, None, "n"],
        chart=[*CHART, ["1001", "x", "Stock", "Nobody", 0, None], ["P", "p", "Asset", "P", 0, None]],
        financial_year=2025,
        lock_date="31/12/2024",
    )
    issues = check_ledger(ledger)
    book_rules = {
        Rule.UNKNOWN_ACCOUNT, Rule.INACTIVE_ACCOUNT, Rule.DEBIT_AND_CREDIT, Rule.NO_AMOUNT,
        Rule.NEGATIVE_AMOUNT, Rule.UNBALANCED_VOUCHER, Rule.OUTSIDE_FINANCIAL_YEAR, Rule.LOCKED_PERIOD,
        Rule.DUPLICATE_LINE, Rule.VOUCHER_DATES_DIFFER,
        Rule.MISSING_NARRATION, Rule.MISSING_DATE, Rule.MISSING_VOUCHER, Rule.DUPLICATE_ACCOUNT,
        Rule.INVALID_ACCOUNT_TYPE, Rule.UNKNOWN_PARENT, Rule.PARENT_CYCLE,
    }  # fmt: skip
    assert {i.rule for i in issues} == {r.value for r in book_rules}
    for issue in issues:
        assert all((issue.message_en, issue.message_hi, issue.fix_en, issue.fix_hi)), issue.rule
        assert issue.cell
