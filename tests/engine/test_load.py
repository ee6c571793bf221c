"""Loading a workbook's tables into the typed ledger: what is read, what is skipped, what is reported."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from addin.engine.cells import UNCALCULATED, UnreadCell, parse_fy
from addin.engine.issues import Issue, Severity, has_fatal
from addin.engine.ledger import ACCOUNTS_FRAME, JOURNAL_FRAME, FrameError, Ledger
from addin.engine.load import (
    issue_order,
    ledger_from_rows,
    load_accounts,
    load_ledger,
    load_settings,
    map_columns,
    parse_financial_year,
    validate,
    validate_rows,
)
from addin.engine.reconciliation.bank_statement import load_bank_statement
from addin.engine.schema import JOURNAL, SETTING_ROWS
from addin.engine.tables import RawTable, RowsBelow

ACCOUNT_HEADINGS = [
    "Code / कोड",
    "Name / नाम",
    "Type / प्रकार",
    "Parent / मूल खाता",
    "Opening Balance / प्रारंभिक शेष",
]
JOURNAL_HEADINGS = ["Date", "Voucher", "Account", "Debit", "Credit", "Narration"]

CHART = [
    ACCOUNT_HEADINGS,
    [1001, "Cash", "Asset", None, "5,000 Dr"],
    ["1002", "Bank", "Asset", None, None],
    ["3001", "Capital", "पूंजी", None, "(10,000)"],
    ["4001", "Sales", "Income", None, "2,500 Cr"],
]


def journal(*lines: list[Any]) -> list[list[Any]]:
    return [JOURNAL_HEADINGS, *lines]


def tables(accounts: list[list[Any]], lines: list[list[Any]], **placed: Any) -> dict[str, RawTable | None]:
    return {
        "Accounts": RawTable.from_rows("Accounts", "Accounts", accounts),
        "Journal": RawTable.from_rows("Journal", "Journal", lines, **placed),
    }


def found(issues: list[Issue], rule: str) -> list[tuple[str, str]]:
    return [(i.sheet, i.cell) for i in issues if i.rule == rule]


SALE = [["01/04/2025", "V1", "Cash", 500, None, "Cash sale"], ["01/04/2025", "V1", "Sales", None, 500, ""]]


class TestTheLedgerRead:
    def test_journal_lines_carry_their_worksheet_rows_and_paise(self) -> None:
        ledger = ledger_from_rows(CHART, journal(*SALE))
        got = ledger.journal[["row", "voucher", "account", "debit", "credit"]].to_dict("records")
        assert got == [
            {"row": 2, "voucher": "V1", "account": "1001", "debit": 50000, "credit": 0},
            {"row": 3, "voucher": "V1", "account": "4001", "debit": 0, "credit": 50000},
        ]
        assert ledger.journal["date"].dtype == "datetime64[ns]"
        assert ledger.journal["date"].iloc[0] == pd.Timestamp("2025-04-01")

    def test_journal_frame_has_the_documented_columns(self) -> None:
        ledger = ledger_from_rows(CHART, journal(*SALE))
        documented = ["row", "date", "voucher", "account", "account_text", "debit", "credit", "narration"]
        assert list(ledger.journal.columns[: len(documented)]) == documented
        assert {"party", "reference"} <= set(ledger.journal.columns)

    def test_account_resolves_by_code_or_name_ignoring_case_and_spaces(self) -> None:
        ledger = ledger_from_rows(
            CHART,
            journal(
                *[["01/04/2025", "V1", typed, 1, None, "n"] for typed in ("  CASH ", 1001, "1001.0", "cash")]
            ),
        )
        assert ledger.journal["account"].tolist() == ["1001", "1001", "", "1001"]
        assert ledger.journal["account_text"].tolist() == ["CASH", "1001", "1001.0", "cash"]

    def test_opening_balance_is_signed_credit_negative(self) -> None:
        ledger = ledger_from_rows(CHART, journal())
        assert ledger.accounts["opening"].tolist() == [500000, 0, -1000000, -250000]

    def test_hindi_account_types_are_read_as_english(self) -> None:
        assert ledger_from_rows(CHART, journal()).accounts["type"].tolist() == [
            "Asset",
            "Asset",
            "Equity",
            "Income",
        ]

    def test_accounts_are_active_unless_marked_no(self) -> None:
        chart = [
            [*ACCOUNT_HEADINGS, "Active"],
            ["1", "A", "Asset", None, 0, None],
            ["2", "B", "Asset", None, 0, "No"],
        ]
        chart += [["3", "C", "Asset", None, 0, False], ["4", "D", "Asset", None, 0, "नहीं"]]
        assert ledger_from_rows(chart, journal()).accounts["active"].tolist() == [True, False, False, False]

    def test_parent_resolves_by_name_to_its_code(self) -> None:
        chart = [*CHART, ["1101", "Petty Cash", "Asset", "cash", 0]]
        assert ledger_from_rows(chart, journal()).accounts["parent"].tolist() == ["", "", "", "", "1001"]

    def test_column_letters_follow_the_workbook_not_the_template(self) -> None:
        lines = [["Narration", "Debit", "Credit", "Account", "Voucher", "Date"]]
        ledger = ledger_from_rows(CHART, lines)
        assert ledger.column_letters["Journal.Debit"] == "B"
        assert ledger.column_letters["Journal.Date"] == "F"
        assert ledger.column_letters["Accounts.Code"] == "A"

    def test_a_table_placed_lower_right_keeps_true_addresses(self) -> None:
        placed = tables(CHART, journal(["31/13/2025", "V1", "Cash", 5, None, "n"]), header_row=4, first_col=3)
        ledger, issues = load_ledger(placed)
        assert ledger.journal["row"].tolist() == [5]
        assert ledger.column_letters["Journal.Date"] == "C"
        assert found(issues, "unreadable-date") == [("Journal", "C5")]

    def test_a_bank_statement_table_is_ignored(self) -> None:
        given = tables(CHART, journal(*SALE))
        given["BankStatement"] = None
        assert load_ledger(given)[1] == []


class TestStructure:
    def test_a_missing_journal_is_fatal_and_says_how_to_insert_it(self) -> None:
        ledger, issues = load_ledger(
            {"Accounts": RawTable.from_rows("Accounts", "Accounts", CHART), "Journal": None}
        )
        assert [(i.rule, i.severity, i.sheet) for i in issues] == [
            ("missing-table", Severity.FATAL, "Journal")
        ]
        assert "Insert → Table" in issues[0].fix_en
        assert "Debit / नामे" in issues[0].fix_en
        assert issues[0].message_hi
        assert issues[0].fix_hi
        assert ledger.journal.empty

    def test_an_absent_accounts_table_is_fatal_too(self) -> None:
        _, issues = load_ledger({"Journal": RawTable.from_rows("Journal", "Journal", journal(*SALE))})
        assert [(i.rule, i.sheet) for i in issues] == [("missing-table", "Accounts")]

    def test_a_missing_column_is_fatal_at_the_header_range_naming_the_heading(self) -> None:
        _, issues = validate(tables(CHART, [["Date", "Voucher", "Account", "Credit", "Narration"]]))
        (issue,) = issues
        assert (issue.rule, issue.severity, issue.cell, issue.column) == (
            "missing-column",
            Severity.FATAL,
            "A1:E1",
            "Debit",
        )
        assert "Debit / नामे" in issue.message_en

    def test_checks_do_not_run_when_something_is_fatal(self) -> None:
        _, issues = validate(
            tables(CHART, [["Date", "Voucher", "Account", "Credit", "Narration"], [None] * 5])
        )
        assert has_fatal(issues)
        assert {i.rule for i in issues} == {"missing-column"}

    def test_an_unknown_heading_is_a_warning_and_ignored(self) -> None:
        _, issues = validate(
            tables(CHART, [[*JOURNAL_HEADINGS, "GST Rate"], *[[*line, "18%"] for line in SALE]])
        )
        assert [(i.rule, i.cell, i.severity) for i in issues] == [("extra-column", "G1", Severity.WARNING)]

    def test_a_repeated_heading_reads_the_first_and_warns_of_the_second(self) -> None:
        positions, issues = map_columns(
            RawTable.from_rows("Journal", "Journal", [[*JOURNAL_HEADINGS, "Debit"]]), JOURNAL
        )
        assert positions["Debit"] == 3
        assert [(i.rule, i.cell) for i in issues] == [("extra-column", "G1")]

    def test_headings_in_hindi_alone_are_understood(self) -> None:
        hindi = [["दिनांक", "वाउचर", "खाता", "नामे", "जमा", "विवरण"], *SALE]
        ledger, issues = validate(tables(CHART, hindi))
        assert issues == []
        assert ledger.journal["debit"].sum() == 50000

    def test_merged_cells_are_reported_with_their_range(self) -> None:
        given = tables(CHART, journal(*SALE))
        journal_table = given["Journal"]
        assert journal_table is not None
        given["Journal"] = RawTable(**{**journal_table.__dict__, "merged": ("B2:C2",)})
        _, issues = validate(given)
        assert found(issues, "merged-cells") == [("Journal", "B2:C2")]


class TestBlankRows:
    def test_blank_rows_in_the_middle_are_skipped_keeping_true_row_numbers(self) -> None:
        lines = journal(SALE[0], [None] * 6, ["", " ", None, None, None, None], SALE[1])
        ledger, issues = validate(tables(CHART, lines))
        assert ledger.journal["row"].tolist() == [2, 5]
        assert [(i.rule, i.cell, i.severity) for i in issues] == [("blank-row", "A3", Severity.WARNING)]
        assert "3–4" in issues[0].message_en

    def test_each_blank_block_is_one_warning(self) -> None:
        lines = journal([None] * 6, SALE[0], [None] * 6, SALE[1])
        _, issues = validate(tables(CHART, lines))
        assert found(issues, "blank-row") == [("Journal", "A2"), ("Journal", "A4")]
        assert issues[0].message_en == "Row 2 of table Journal is blank; it was skipped."

    def test_blank_rows_after_the_last_line_are_left_out_silently(self) -> None:
        ledger, issues = validate(tables(CHART, journal(*SALE, [None] * 6, [None] * 6)))
        assert len(ledger.journal) == 2
        assert issues == []

    def test_a_row_with_only_an_unknown_column_filled_is_not_blank(self) -> None:
        lines = [[*JOURNAL_HEADINGS, "Note"], [*SALE[0], None], [None] * 6 + ["see file"], [*SALE[1], None]]
        ledger, _ = validate(tables(CHART, lines))
        assert ledger.journal["row"].tolist() == [2, 3, 4]


class TestCells:
    def test_an_unreadable_date_is_reported_once_at_its_cell(self) -> None:
        ledger, issues = validate(tables(CHART, journal(["31/02/2025", "V1", "Cash", 5, None, "n"], SALE[1])))
        assert found(issues, "unreadable-date") == [("Journal", "A2")]
        assert found(issues, "missing-date") == []
        assert ledger.journal["unread"].iloc[0] & UnreadCell.DATE

    def test_an_unreadable_amount_is_reported_at_its_cell_with_the_text(self) -> None:
        _, issues = validate(tables(CHART, journal(["01/04/2025", "V1", "Cash", "five", None, "n"])))
        (issue,) = [i for i in issues if i.rule == "unreadable-amount"]
        assert (issue.cell, issue.column, issue.value) == ("D2", "Debit", "five")
        assert found(issues, "no-amount") == []

    @pytest.mark.parametrize(
        ("typed", "en", "hi"),
        [
            ("31/04/2025", "April has 30 days", "अप्रैल में 30 दिन होते हैं"),
            ("29/02/2025", "2025 is not a leap year", "2025 अधिवर्ष (लीप वर्ष) नहीं है"),
            ("13/13/2025", "there is no month 13", "माह 13 नहीं होता"),
            ("1-Avr-2025", "'Avr' is not a month", "'Avr' कोई माह नहीं है"),
            (60, "a day that never was", "दिन कभी था ही नहीं"),
        ],
    )
    def test_an_unreadable_date_says_why_in_both_languages(self, typed: Any, en: str, hi: str) -> None:
        _, issues = validate(tables(CHART, journal([typed, "V1", "Cash", 5, None, "n"], SALE[1])))
        (issue,) = [i for i in issues if i.rule == "unreadable-date"]
        assert en in issue.message_en
        assert hi in issue.message_hi
        assert issue.fix_en == "Type the date as dd/mm/yyyy, for example 01/04/2025."

    @pytest.mark.parametrize(
        ("typed", "en", "hi"),
        [
            ("1,2,3", "'1,2,3' is not a grouping of digits", "'1,2,3' अंकों का सही समूह नहीं है"),
            ("12,5", "write paise after a point (12.50)", "बिंदु के बाद लिखें (12.50)"),
            ("1.2.3", "more than one decimal point", "एक से अधिक दशमलव बिंदु"),
            (True, "TRUE is a yes/no value", "TRUE हाँ/नहीं का मान है"),
        ],
    )
    def test_an_unreadable_amount_says_why_in_both_languages(self, typed: Any, en: str, hi: str) -> None:
        _, issues = validate(tables(CHART, journal(["01/04/2025", "V1", "Cash", typed, None, "n"])))
        (issue,) = [i for i in issues if i.rule == "unreadable-amount"]
        assert issue.message_en.startswith(f"Cannot read '{issue.value}' as an amount: ")
        assert en in issue.message_en
        assert hi in issue.message_hi

    def test_a_dash_is_no_amount(self) -> None:
        ledger, issues = validate(tables(CHART, journal(["01/04/2025", "V1", "Cash", "-", 5, "n"])))
        assert ledger.journal["debit"].tolist() == [0]
        assert found(issues, "unreadable-amount") == []

    def test_a_dr_cr_suffix_agreeing_with_its_column_is_how_accountants_type(self) -> None:
        lines = journal(
            ["01/04/2025", "V1", "Cash", "500 Dr", None, "n"],
            ["01/04/2025", "V1", "Sales", None, "500 Cr", ""],
        )
        ledger, issues = validate(tables(CHART, lines))
        assert issues == []
        assert ledger.journal["debit"].tolist() == [50000, 0]

    def test_a_dr_cr_suffix_contradicting_its_column_is_an_error_at_that_cell(self) -> None:
        lines = journal(
            ["01/04/2025", "V1", "Bank", "500 Cr", None, "n"],
            ["01/04/2025", "V1", "Sales", None, "500.00(Dr)", ""],
        )
        _, issues = validate(tables(CHART, lines))
        wrong = [i for i in issues if i.rule == "negative-amount"]
        assert [(i.cell, i.value, i.severity) for i in wrong] == [
            ("D2", "500 Cr", Severity.ERROR),
            ("E3", "500.00(Dr)", Severity.ERROR),
        ]
        assert wrong[0].message_en == "Debit amount '500 Cr' is marked Cr, which is the Credit side."
        assert wrong[0].message_hi == "नामे राशि '500 Cr' पर Cr लिखा है, जो जमा की ओर है।"
        assert "other column (Credit)" in wrong[0].fix_en
        assert "other column (Debit)" in wrong[1].fix_en
        assert "(नामे)" in wrong[1].fix_hi

    def test_a_negative_amount_with_a_contradicting_suffix_is_reported_once(self) -> None:
        lines = journal(["01/04/2025", "V1", "Cash", "-500 Cr", None, "n"], SALE[1])
        _, issues = validate(tables(CHART, lines))
        assert found(issues, "negative-amount") == [("Journal", "D2")]

    def test_more_than_two_decimals_is_reported_and_rounded(self) -> None:
        ledger, issues = validate(
            tables(
                CHART,
                journal(
                    ["01/04/2025", "V1", "Cash", 10.005, None, "n"],
                    ["01/04/2025", "V1", "Sales", None, 10.01, ""],
                ),
            )
        )
        assert found(issues, "too-many-decimals") == [("Journal", "D2")]
        assert ledger.journal["debit"].tolist() == [1001, 0]

    def test_excel_error_values_are_reported_in_any_column(self) -> None:
        lines = journal(["#N/A", "#REF!", "#NAME?", "#DIV/0!", None, "#VALUE!"])
        ledger, issues = validate(tables(CHART, lines))
        assert found(issues, "error-value") == [("Journal", c) for c in ("A2", "B2", "C2", "D2", "F2")]
        assert not {"missing-voucher", "unknown-account", "missing-date", "no-amount"} & {
            i.rule for i in issues
        }
        assert ledger.journal["voucher"].tolist() == [""]

    def test_a_formula_never_calculated_says_so_and_how_to_calculate_it(self) -> None:
        # what the file reader gives for <c r="D2"><f>100+50</f><v /></c> (written by a tool)
        _, issues = validate(tables(CHART, journal(["01/04/2025", "V1", "Cash", UNCALCULATED, None, "n"])))
        (issue,) = [i for i in issues if i.cell == "D2"]
        assert (issue.rule, issue.value) == ("error-value", UNCALCULATED)
        assert issue.message_en == (
            "The cell holds a formula with no calculated value (the file was saved by a program that does "
            "not calculate formulas)."
        )
        assert issue.fix_en.startswith("Open the workbook in Excel or LibreOffice and save it")
        assert "LibreOffice" in issue.fix_hi
        assert found(issues, "no-amount") == []

    def test_every_message_is_bilingual_with_a_fix(self) -> None:
        lines = journal(
            ["#N/A", "V1", "Nobody", "x", -5, None], [None] * 6, ["01/04/2030", "V1", "Cash", 1.234, 1, ""]
        )
        _, issues = validate_rows(CHART, lines, [["Setting", "Value"], ["Financial Year", "2025-26"]])
        assert len({i.rule for i in issues}) >= 8
        for issue in issues:
            assert all((issue.message_en, issue.message_hi, issue.fix_en, issue.fix_hi)), issue.rule
            assert "{" not in issue.message_en + issue.message_hi + issue.fix_en + issue.fix_hi


class TestFrames:
    def test_the_loaded_frames_have_the_declared_columns(self) -> None:
        ledger = ledger_from_rows(CHART, journal(*SALE))
        assert tuple(ledger.journal.columns) == JOURNAL_FRAME.names
        assert tuple(ledger.accounts.columns) == ACCOUNTS_FRAME.names
        assert JOURNAL_FRAME.failures(ledger.journal) == ACCOUNTS_FRAME.failures(ledger.accounts) == []

    def test_a_missing_table_gives_the_declared_empty_frame(self) -> None:
        ledger, _ = load_ledger({"Accounts": None, "Journal": None})
        pd.testing.assert_frame_equal(ledger.journal, JOURNAL_FRAME.empty())

    def test_a_ledger_refuses_a_frame_that_breaks_the_declaration(self) -> None:
        ledger = ledger_from_rows(CHART, journal(*SALE))
        float_debits = ledger.journal.assign(debit=ledger.journal["debit"] / 100)
        with pytest.raises(FrameError, match="journal frame: column 'debit' should be int, not float64"):
            Ledger(ledger.settings, ledger.accounts, float_debits)
        with pytest.raises(FrameError, match=r"accounts frame: column 'active' \(bool\) is missing"):
            Ledger(ledger.settings, ledger.accounts.drop(columns=["active"]), ledger.journal)

    def test_optional_columns_may_be_absent_but_not_of_the_wrong_kind(self) -> None:
        ledger = ledger_from_rows(CHART, journal(*SALE))
        Ledger(ledger.settings, ledger.accounts, ledger.journal.drop(columns=["unread"]))
        with pytest.raises(FrameError, match="'unread' should be int"):
            Ledger(ledger.settings, ledger.accounts, ledger.journal.assign(unread="x"))


class TestSettings:
    @staticmethod
    def settings(*rows: list[Any]) -> tuple[Any, list[Issue]]:
        return load_settings(
            RawTable.from_rows("Settings", "Settings", [["Setting / सेटिंग", "Value / मान"], *rows])
        )

    @pytest.mark.parametrize(
        "typed", ["2025-26", "2025-2026", 2025, 2025.0, "FY 2025-26", "fy2025-26", "2025/26"]
    )
    def test_financial_year_is_read_in_every_common_writing(self, typed: Any) -> None:
        settings, issues = self.settings(["Financial Year / वित्त वर्ष", typed])
        assert (settings.financial_year, issues) == (2025, [])

    def test_keys_match_on_english_or_hindi_in_any_case(self) -> None:
        settings, _ = self.settings(["COMPANY", "Sharma Traders"], ["लॉक तिथि", dt.datetime(2025, 6, 30)])
        assert settings.company == "Sharma Traders"
        assert settings.lock_date == dt.date(2025, 6, 30)

    def test_an_invalid_value_is_an_issue_at_its_value_cell_and_the_default_is_kept(self) -> None:
        settings, issues = self.settings(
            ["Company", "X"], ["FY Start Month", 13], ["Financial Year", "2025-27"]
        )
        assert (settings.fy_start_month, settings.financial_year) == (4, None)
        assert [(i.rule, i.sheet, i.cell, i.value) for i in issues] == [
            ("invalid-setting", "Settings", "B3", "13"),
            ("invalid-setting", "Settings", "B4", "2025-27"),
        ]

    def test_month_names_lock_dates_as_text_and_languages(self) -> None:
        settings, issues = self.settings(
            ["FY Start Month", "January"], ["Lock Date", "31/03/2025"], ["Language", "Hindi"]
        )
        assert (settings.fy_start_month, settings.lock_date, settings.language) == (
            1,
            dt.date(2025, 3, 31),
            "hi",
        )
        assert issues == []

    def test_a_missing_settings_table_means_the_defaults(self) -> None:
        assert load_settings(None) == (load_settings(None)[0], [])
        assert load_settings(None)[0].fy_start_month == 4

    def test_blank_values_take_the_default_silently(self) -> None:
        settings, issues = self.settings(["Financial Year", None], ["Lock Date", ""])
        assert (settings.financial_year, settings.lock_date, issues) == (None, None, [])

    def test_a_financial_year_typed_as_its_first_year_is_the_year_the_cell_grammar_documents(self) -> None:
        """"2025" is 2025-26: the financial-year reader (cells.parse_fy) and the Settings row's own
        description ("as 2025-26 (or its first year, 2025)") both say so; "2025-27" is refused."""
        assert parse_fy.__doc__ is not None
        assert '"2025"' in parse_fy.__doc__
        assert "(or its first year, 2025)" in {row[0]: row[3] for row in SETTING_ROWS}["Financial Year"]
        settings, issues = self.settings(["Financial Year", "2025"])
        assert (settings.financial_year, issues) == (2025, [])
        assert settings.financial_year == self.settings(["Financial Year", "2025-26"])[0].financial_year

    def test_financial_year_rejects_years_that_do_not_follow(self) -> None:
        assert parse_financial_year("2025-25") is None
        assert parse_financial_year("1999-00") == 1999


class TestOrder:
    def test_issues_come_by_sheet_row_column_then_rule(self) -> None:
        lines = journal(["01/04/2025", "", "Nobody", None, None, ""], ["bad", "V2", "Cash", 1, None, "n"])
        _, issues = validate(tables(CHART, lines))
        keys = [issue_order(i) for i in issues]
        assert keys == sorted(keys)
        assert [(i.cell, i.rule) for i in issues][:3] == [
            ("B2", "missing-voucher"),
            ("C2", "unknown-account"),
            ("D2", "no-amount"),
        ]


BELOW = RowsBelow("B9", 9, 12)


@pytest.mark.parametrize(
    ("name", "rows", "load"),
    [
        ("Journal", journal(*SALE), lambda t: load_ledger({**tables(CHART, []), "Journal": t})),
        ("Accounts", CHART, load_accounts),
        ("Settings", [["Setting", "Value"], ["Language", "en"]], load_settings),
        ("BankStatement", [["Date", "Description", "Withdrawal", "Deposit"]], load_bank_statement),
    ],
)
def test_rows_typed_below_any_input_table_are_one_warning_at_their_first_cell(
    name: str, rows: list[list[Any]], load: Any
) -> None:
    table = replace(RawTable.from_rows(name, name, rows), below=BELOW)
    issues = load(table)[-1]
    below = [i for i in issues if i.rule == "rows-below-table"]
    assert [(i.severity, i.sheet, i.cell) for i in below] == [(Severity.WARNING, name, "B9")]
    assert f"Rows 9–12, just below table {name}" in below[0].message_en
    assert "Resize Table" in below[0].fix_en
    assert "Resize Table" in below[0].fix_hi


def test_one_row_typed_below_a_table_is_named_as_one_row() -> None:
    table = replace(RawTable.from_rows("Journal", "Journal", journal(*SALE)), below=RowsBelow("A4", 4, 4))
    _, issues = load_ledger({**tables(CHART, []), "Journal": table})
    assert [i.message_en for i in issues if i.rule == "rows-below-table"] == [
        "Row 4, just below table Journal, holds data but is not part of the table; Bahi did not read it."
    ]
