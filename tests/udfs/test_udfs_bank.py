"""BAHI.RECONSTATUS and BAHI.BRS over the demo workbook's tables, as Excel passes ``Table[#All]``.

The demo book is kept for the financial year 2025-26 with HDFC Bank (1120) as the Settings' Bank
Account; its statement reconciles to the paisa with two cheques not yet presented, one deposit not
yet credited, and the bank's interest and charges not yet in the books.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import load_workbook
from xlwings import XlwingsError
from xlwings.server import custom_functions_meta

import udfs
from addin.books.file_book import FileBook
from addin.macros.reconcile import reconcile_book
from udfs import brs, reconstatus
from udfs.bank import (
    ADJUSTED_BANK_BALANCE,
    BALANCE_PER_BANK,
    BALANCE_PER_BOOKS,
    BRS_HEADINGS,
    CHEQUES_NOT_PRESENTED,
    CREDITED_BY_BANK_ONLY,
    DEBITED_BY_BANK_ONLY,
    DEPOSITS_NOT_CREDITED,
    NOT_RECONCILED,
    RECONCILED,
    STATUS_LABELS,
    UNEXPLAINED_DIFFERENCE,
)
from workbook_templates.build import DEMO_PATH

Call = Callable[..., Any]
Rows = list[list[Any]]

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
MAR_31_2026 = 46112.0  # the Excel serial of 31/03/2026, the financial year's end
SECTIONS = (DEPOSITS_NOT_CREDITED, CHEQUES_NOT_PRESENTED, CREDITED_BY_BANK_ONLY, DEBITED_BY_BANK_ONLY)


def excel_cell(value: Any) -> Any:
    """A cell as an Office.js custom function receives it: dates as serials, numbers as floats."""
    if isinstance(value, dt.datetime):
        return (value - EXCEL_EPOCH) / dt.timedelta(days=1)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


@pytest.fixture(scope="module")
def demo() -> dict[str, Rows]:
    return demo_tables()


def demo_tables() -> dict[str, Rows]:
    """Each demo table as ``Table[#All]``: a 2-D list, header row first."""
    wb = load_workbook(DEMO_PATH, data_only=True)
    tables: dict[str, Rows] = {}
    for ws in wb.worksheets:
        for name, ref in ws.tables.items():  # openpyxl: (table name, range) pairs
            tables[name] = [[excel_cell(c.value) for c in row] for row in ws[ref]]
    return tables


def status_of(table: Rows) -> dict[str, Any]:
    assert [row[0] for row in table] == list(STATUS_LABELS)
    return {row[0].split(" / ")[0]: row[1] for row in table}


def sections_of(table: Rows) -> dict[str, Rows]:
    """The BRS's rows by section title: the title row first, then its items."""
    found: dict[str, Rows] = {}
    current: Rows | None = None
    for row in table:
        if row[0] in SECTIONS:
            current = found.setdefault(row[0], [])
        elif not str(row[0]).startswith(" "):
            current = None
        if current is not None:
            current.append(row)
    return found


def without_column(rows: Rows, heading: str) -> Rows:
    position = rows[0].index(heading)
    return [[c for i, c in enumerate(row) if i != position] for row in rows]


def with_column(rows: Rows, heading: str, values: dict[int, str]) -> Rows:
    """``rows`` with one more column: ``values`` by worksheet row (the header is row 1), else blank."""
    return [[*row, heading if i == 0 else values.get(i + 1)] for i, row in enumerate(rows)]


class TestReconStatus:
    def test_the_demo_reconciles_at_the_financial_year_end(self, demo: dict[str, Rows]) -> None:
        status = status_of(
            reconstatus(demo["BankStatement"], demo["Journal"], demo["Accounts"], None, demo["Settings"])
        )
        assert status["Bank account"] == "1120 HDFC Bank Current A/c"
        assert status["As of"] == dt.date(2026, 3, 31)
        assert status["Bank lines"] == len(demo["BankStatement"]) - 1
        assert status["Matched bank lines"] + status["Unmatched bank lines"] == status["Bank lines"]
        assert status["Unmatched bank lines"] == 3  # interest and two charges, not yet in the books
        assert status["Unmatched journal lines"] == 3  # two cheques and a deposit still in transit
        assert status["Unexplained difference"] == 0.0
        assert status["Status"] == RECONCILED

    def test_agrees_with_the_reconcile_button(self, demo: dict[str, Rows]) -> None:
        with FileBook.open(DEMO_PATH) as book:
            report = reconcile_book(book, write=False).report
        status = status_of(
            reconstatus(demo["BankStatement"], demo["Journal"], demo["Accounts"], None, demo["Settings"])
        )
        assert status["Balance as per bank"] == report.statement.balance_per_bank / 100
        assert status["Balance as per books"] == report.statement.balance_per_books / 100
        assert status["Matched bank lines"] == sum(len(m.bank_rows) for m in report.matching.matches)
        assert status["Unmatched journal lines"] == len(report.matching.unmatched_journal)

    def test_the_account_given_by_name_or_code_needs_no_settings(self, demo: dict[str, Rows]) -> None:
        by_name = reconstatus(
            demo["BankStatement"], demo["Journal"], demo["Accounts"], "hdfc bank current a/c"
        )
        by_code = reconstatus(demo["BankStatement"], demo["Journal"], demo["Accounts"], 1120.0)
        assert by_name == by_code
        # without Settings there is no financial year: the statement is drawn at the latest date
        assert status_of(by_code)["As of"] == dt.date(2026, 3, 31)

    def test_a_wrong_balance_is_not_reconciled(self, demo: dict[str, Rows]) -> None:
        accounts = [
            [*row[:4], row[4] + 1000.0, *row[5:]] if row[0] == 1120.0 else row for row in demo["Accounts"]
        ]
        status = status_of(
            reconstatus(demo["BankStatement"], demo["Journal"], accounts, None, demo["Settings"])
        )
        assert status["Unexplained difference"] == -1000.0
        assert status["Status"] == NOT_RECONCILED

    def test_from_excel(self, demo: dict[str, Rows], call_excel: Call) -> None:
        table = call_excel(
            "reconstatus",
            demo["BankStatement"],
            demo["Journal"],
            demo["Accounts"],
            None,
            demo["Settings"],
            None,
        )
        assert table[1] == [
            "As of / तिथि तक",
            {"type": "FormattedNumber", "basicValue": MAR_31_2026, "numberFormat": "dd-mm-yyyy"},
        ]
        assert table[-2] == ["Unexplained difference / अस्पष्ट अंतर", 0.0]
        assert table[-1] == ["Status / स्थिति", RECONCILED]


class TestBRS:
    def test_walks_from_the_bank_balance_to_the_books(self, demo: dict[str, Rows]) -> None:
        table = brs(demo["BankStatement"], demo["Journal"], demo["Accounts"], None, None, demo["Settings"])
        assert table[0] == BRS_HEADINGS
        assert table[1][:3] == [BALANCE_PER_BANK, dt.date(2026, 3, 31), ""]
        assert [row[0] for row in table[-3:]] == [
            ADJUSTED_BANK_BALANCE,
            BALANCE_PER_BOOKS,
            UNEXPLAINED_DIFFERENCE,
        ]
        assert table[-3][3] == table[-2][3]
        assert table[-1][3] == 0.0
        sections = sections_of(table)
        signs = {DEPOSITS_NOT_CREDITED: 1, CHEQUES_NOT_PRESENTED: -1, CREDITED_BY_BANK_ONLY: -1}
        walked = table[1][3] + sum(signs.get(title, 1) * rows[0][3] for title, rows in sections.items())
        assert round(walked, 2) == table[-3][3]

    def test_lists_the_demo_s_outstanding_items_with_their_rows(self, demo: dict[str, Rows]) -> None:
        sections = sections_of(
            brs(demo["BankStatement"], demo["Journal"], demo["Accounts"], None, None, demo["Settings"])
        )
        cheques = sections[CHEQUES_NOT_PRESENTED][1:]
        deposits = sections[DEPOSITS_NOT_CREDITED][1:]
        assert len(cheques) == 2
        assert len(deposits) == 1
        for particulars, date, row, amount in [*cheques, *deposits]:
            journal_line = demo["Journal"][row - 1]  # Row: the worksheet row, the header being row 1
            assert particulars.strip() == journal_line[5]
            assert date == dt.date(1899, 12, 30) + dt.timedelta(days=journal_line[0])
            assert amount == (journal_line[3] or journal_line[4])
        assert sections[CHEQUES_NOT_PRESENTED][0][3] == sum(row[3] for row in cheques)
        bank_only = sections[CREDITED_BY_BANK_ONLY][1:] + sections[DEBITED_BY_BANK_ONLY][1:]
        assert all(demo["BankStatement"][row[2] - 1][1] == row[0].strip() for row in bank_only)

    def test_as_of_draws_the_statement_at_an_earlier_date(self, demo: dict[str, Rows]) -> None:
        table = brs(demo["BankStatement"], demo["Journal"], demo["Accounts"], 1120.0, "30/09/2025")
        assert table[1][1] == dt.date(2025, 9, 30)
        dated = [row[1] for row in table if row[0].startswith(" ")]
        assert all(date <= dt.date(2025, 9, 30) for date in dated)
        assert table[-1][3] == 0.0

    def test_a_match_typed_in_both_match_id_columns_is_kept(self, demo: dict[str, Rows]) -> None:
        deposit = sections_of(
            brs(demo["BankStatement"], demo["Journal"], demo["Accounts"], None, None, demo["Settings"])
        )[DEPOSITS_NOT_CREDITED][1]
        interest = 568  # the bank's interest credit, which no journal line carries
        journal = with_column(demo["Journal"], "Match ID / मिलान आईडी", {deposit[2]: "M-1"})
        bank = with_column(demo["BankStatement"], "Match ID / मिलान आईडी", {interest: "M-1"})
        sections = sections_of(brs(bank, journal, demo["Accounts"], None, None, demo["Settings"]))
        assert sections[DEPOSITS_NOT_CREDITED][1:] == []
        assert interest not in [row[2] for row in sections[CREDITED_BY_BANK_ONLY][1:]]

    def test_match_rules_are_tried_and_their_differences_itemised(self, demo: dict[str, Rows]) -> None:
        args = (demo["BankStatement"], demo["Journal"], demo["Accounts"], None, None, demo["Settings"])
        assert brs(*args, demo["MatchRules"]) == brs(*args)  # the demo's only rule is switched off
        # a (far-fetched) rule taking the bank's interest for a receipt from Mehta, ₹90,000 either way
        rule = ["Interest as receipt", "INT.PD", None, "Mehta", 90000.0, "5340", 400.0, "Yes"]
        table = brs(*args, [demo["MatchRules"][0], rule])
        tolerated = [row for row in table if "(rule:Interest as receipt)" in row[0]]
        assert [row[2] for row in tolerated] == [568]  # the interest's bank row
        assert table[-1][3] == 0.0  # the difference stands in the statement until written off

    def test_from_excel_dates_are_date_numbers_and_rows_numbers(
        self, demo: dict[str, Rows], call_excel: Call
    ) -> None:
        table = call_excel(
            "brs",
            demo["BankStatement"],
            demo["Journal"],
            demo["Accounts"],
            None,
            None,
            demo["Settings"],
            None,
        )
        assert table[0] == BRS_HEADINGS
        cheque = sections_of(table)[CHEQUES_NOT_PRESENTED][1]
        assert cheque[1]["type"] == "FormattedNumber"
        assert isinstance(cheque[1]["basicValue"], float)
        assert isinstance(cheque[2], int)
        assert table[-1] == [UNEXPLAINED_DIFFERENCE, "", "", 0.0]


class TestBadArguments:
    """Each is a #VALUE! whose message says what is wrong in English, then in Hindi."""

    def test_no_account_and_no_settings(self, demo: dict[str, Rows]) -> None:
        with pytest.raises(
            XlwingsError, match=r"account is required when no Settings table is given.* — .*ज़रूरी"
        ):
            reconstatus(demo["BankStatement"], demo["Journal"], demo["Accounts"])

    def test_settings_without_a_bank_account(self, demo: dict[str, Rows]) -> None:
        settings = [row for row in demo["Settings"] if not str(row[0]).startswith("Bank Account")]
        with pytest.raises(
            XlwingsError, match=r"account is empty and the Settings table has no Bank Account.* — "
        ):
            brs(demo["BankStatement"], demo["Journal"], demo["Accounts"], None, None, settings)

    def test_an_unknown_account(self, demo: dict[str, Rows]) -> None:
        with pytest.raises(
            XlwingsError, match=r"account 'Nowhere' is not in the accounts table.* — खाता 'Nowhere'"
        ):
            reconstatus(demo["BankStatement"], demo["Journal"], demo["Accounts"], "Nowhere")
        settings = [
            [*row[:1], 9999.0] if str(row[0]).startswith("Bank Account") else row for row in demo["Settings"]
        ]
        with pytest.raises(
            XlwingsError, match="the Settings' Bank Account '9999' is not in the accounts table"
        ):
            reconstatus(demo["BankStatement"], demo["Journal"], demo["Accounts"], None, settings)

    def test_a_statement_missing_a_column(self, demo: dict[str, Rows]) -> None:
        bank = without_column(demo["BankStatement"], "Deposit / जमा राशि")
        with pytest.raises(
            XlwingsError,
            match=r"Table BankStatement has no column Deposit .* — Bank Statement!A1:E1: तालिका BankState",
        ):
            brs(bank, demo["Journal"], demo["Accounts"], 1120.0)

    def test_a_journal_missing_a_column(self, demo: dict[str, Rows]) -> None:
        journal = without_column(demo["Journal"], "Credit / जमा")
        with pytest.raises(XlwingsError, match="Table Journal has no column Credit"):
            reconstatus(demo["BankStatement"], journal, demo["Accounts"], 1120.0)

    def test_a_statement_that_is_not_a_table(self, demo: dict[str, Rows]) -> None:
        with pytest.raises(XlwingsError, match="Table BankStatement has no column"):
            reconstatus("HDFC statement.pdf", demo["Journal"], demo["Accounts"], 1120.0)
        wide = [row + [None] * 5 for row in demo["BankStatement"][1:]]
        with pytest.raises(XlwingsError, match=r"11 columns and no header row.*BankStatement\[#All\]\) — "):
            reconstatus(wide, demo["Journal"], demo["Accounts"], 1120.0)

    def test_an_empty_table(self, demo: dict[str, Rows]) -> None:
        with pytest.raises(XlwingsError, match=r"bank_statement is empty.*BankStatement\[#All\] — .*खाली"):
            reconstatus(None, demo["Journal"], demo["Accounts"], 1120.0)
        with pytest.raises(XlwingsError, match=r"accounts is empty.*Accounts\[#All\]"):
            reconstatus(demo["BankStatement"], demo["Journal"], [[None, None]], 1120.0)

    def test_a_match_rules_table_missing_a_column(self, demo: dict[str, Rows]) -> None:
        rules = without_column(demo["MatchRules"], "Narration Contains / विवरण में शामिल")
        with pytest.raises(XlwingsError, match="Table MatchRules has no column Narration Contains"):
            brs(demo["BankStatement"], demo["Journal"], demo["Accounts"], 1120.0, None, None, rules)

    def test_a_bad_as_of(self, demo: dict[str, Rows]) -> None:
        with pytest.raises(XlwingsError, match=r"as_of: 'soon' is not written as a date.* — as_of: 'soon'"):
            brs(demo["BankStatement"], demo["Journal"], demo["Accounts"], 1120.0, "soon")

    def test_from_excel_the_message_reaches_the_cell(self, demo: dict[str, Rows], call_excel: Call) -> None:
        with pytest.raises(XlwingsError, match="account 'Nowhere' is not in the accounts table"):
            call_excel(
                "reconstatus", demo["BankStatement"], demo["Journal"], demo["Accounts"], "Nowhere", None, None
            )


def test_metadata_lists_the_bank_formulas_with_help() -> None:
    meta = {f["id"]: f for f in custom_functions_meta(udfs)["functions"]}
    assert {"RECONSTATUS", "BRS"} <= set(meta)
    assert meta["BRS"]["description"].startswith("Spills the bank reconciliation statement")
    assert meta["RECONSTATUS"]["description"].startswith("Spills the bank reconciliation status")
    params = meta["BRS"]["parameters"]
    assert [p["name"] for p in params] == [
        "bank_statement", "journal", "accounts", "account", "as_of", "settings", "match_rules",
    ]  # fmt: skip
    assert [p.get("optional", False) for p in params] == [False, False, False, True, True, True, True]
    assert params[0]["description"] == "The BankStatement table with its header row: BankStatement[#All]."
    status = [p["name"] for p in meta["RECONSTATUS"]["parameters"]]
    assert status == ["bank_statement", "journal", "accounts", "account", "settings", "match_rules"]
