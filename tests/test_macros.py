"""The ledger macros as pipelines over any Workbook: what they read, return and write.

These run on an in-memory workbook, so they pin the pipeline itself; tests/test_cli.py runs the same
macros on real files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, CellValue, Highlight, OwnedSheet
from addin.engine.issues import Issue, Severity
from addin.engine.schema import (
    ACCOUNTS,
    DAY_BOOK_SHEET,
    ISSUES_SHEET,
    JOURNAL,
    SETTINGS,
    STATEMENT_SHEET,
    TRIAL_BALANCE_SHEET,
    TableSpec,
)
from addin.engine.tables import RawTable
from addin.macros.audit import RECORDED_SHEETS
from addin.macros.ledger_macros import day_book_of, statement_of, trial_balance_of, validate_book
from addin.macros.run import MAX_HIGHLIGHTS, Counts, RunResult, highlights_for, read_ledger

ACCOUNT_ROWS = [
    ("1000", "Assets", "Asset", "", 0),
    ("1100", "Cash", "Asset", "1000", 0),
    ("1200", "Bank", "Asset", "1000", 0),
    ("3000", "Capital", "Equity", "", 0),
    ("4000", "Sales", "Income", "", 0),
    ("5000", "Rent", "Expense", "", 0),
]
APRIL = dt.datetime(2025, 4, 1)
JOURNAL_ROWS = [
    (APRIL, "JV-1", "1200", 100000, None, "Capital brought in"),
    (APRIL, "JV-1", "3000", None, 100000, "Capital brought in"),
    (APRIL + dt.timedelta(days=4), "S-1", "1100", 2500.5, None, "Cash sale"),
    (APRIL + dt.timedelta(days=4), "S-1", "4000", None, 2500.5, "Cash sale"),
    (APRIL + dt.timedelta(days=9), "P-1", "5000", 12000, None, "Rent for April"),
    (APRIL + dt.timedelta(days=9), "P-1", "1200", None, 12000, "Rent for April"),
]
SETTING_ROWS = [("Company / कंपनी", "Demo Traders"), ("Financial Year / वित्त वर्ष", "2025-26")]


class MemoryBook:
    """A Workbook held in memory: tables in, owned sheets and highlights out."""

    def __init__(self, tables: dict[str, RawTable | None]) -> None:
        self.tables = tables
        self.asked: list[str] = []
        self.sheets: dict[str, OwnedSheet] = {}
        self.highlights: list[Highlight] = []
        self.saved = 0

    @property
    def name(self) -> str:
        return "memory.xlsx"

    def sheet_names(self) -> list[str]:
        return [t.sheet for t in self.tables.values() if t is not None] + list(self.sheets)

    def read_table(self, spec: TableSpec) -> RawTable | None:
        self.asked.append(spec.name)
        return self.tables.get(spec.name)

    def read_sheet(self, name: str) -> list[list[CellValue]] | None:
        sheet = self.sheets.get(name)
        return None if sheet is None else [list(r) for r in sheet.rows]

    def write_sheet(self, sheet: OwnedSheet) -> None:
        self.sheets[sheet.name] = sheet

    def write_highlights(self, highlights: Sequence[Highlight]) -> None:
        self.highlights = list(highlights)

    def write_column(self, spec: TableSpec, column: str, values: Sequence[CellValue]) -> None:
        raise AssertionError("ledger macros write no table columns")

    def save(self) -> None:
        self.saved += 1


def table(spec: TableSpec, rows: Sequence[Sequence[Any]], headings: Sequence[str] | None = None) -> RawTable:
    heads = list(headings) if headings is not None else [c.heading for c in spec.columns if c.required]
    return RawTable.from_rows(spec.name, spec.sheet, [heads, *[list(r) for r in rows]])


def ledger_book(journal: Sequence[Sequence[Any]] = JOURNAL_ROWS, **replace: RawTable | None) -> MemoryBook:
    tables: dict[str, RawTable | None] = {
        ACCOUNTS.name: table(ACCOUNTS, ACCOUNT_ROWS),
        JOURNAL.name: table(JOURNAL, journal),
        SETTINGS.name: table(SETTINGS, SETTING_ROWS),
    }
    tables.update(replace)
    return MemoryBook(tables)


def with_error() -> MemoryBook:
    """The clean books plus a line posted to an account that does not exist."""
    extra = [(APRIL, "JV-2", "9999", 10, None, "Typo"), (APRIL, "JV-2", "1100", None, 10, "Typo")]
    return ledger_book([*JOURNAL_ROWS, *extra])


def test_reading_a_ledger_asks_only_for_accounts_journal_and_settings() -> None:
    book = ledger_book()
    ledger, issues = read_ledger(book)
    assert sorted(book.asked) == ["Accounts", "Journal", "Settings"]
    assert len(ledger.journal) == len(JOURNAL_ROWS)
    assert len(ledger.accounts) == len(ACCOUNT_ROWS)
    assert ledger.settings.company == "Demo Traders"
    assert [i for i in issues if i.severity is not Severity.WARNING] == []


def test_validating_clean_books_finds_no_errors_and_counts_what_it_read() -> None:
    book = ledger_book()
    result = validate_book(book, write=False)
    assert result.macro == "validate"
    assert not result.has_errors
    assert result.counts.lines == len(JOURNAL_ROWS)
    assert result.counts.accounts == len(ACCOUNT_ROWS)
    assert result.counts.errors == 0
    assert result.seconds >= 0
    assert result.report is None
    assert book.sheets == {}
    assert book.highlights == []
    assert book.saved == 0, "macros never save: the caller decides"


def test_validating_with_write_lists_issues_and_colours_the_offending_cells() -> None:
    book = with_error()
    result = validate_book(book, write=True)
    assert result.has_errors
    assert result.written == (ISSUES_SHEET, *RECORDED_SHEETS)  # and the run recorded in the audit trail
    assert ISSUES_SHEET in book.sheets
    red = {(h.sheet, c) for h in book.highlights if h.color == HIGHLIGHT_ERROR for c in h.cells}
    assert ("Journal", "C8") in red  # the unknown account: 7th data row under a header in row 1
    assert book.saved == 0


def test_a_report_on_books_with_errors_still_reports_and_says_it_is_partial() -> None:
    book = with_error()
    result = trial_balance_of(book, write=True)
    assert result.report is not None
    assert result.partial
    assert result.counts.errors >= 1
    assert set(result.written) == {TRIAL_BALANCE_SHEET, ISSUES_SHEET, *RECORDED_SHEETS}
    assert {TRIAL_BALANCE_SHEET, ISSUES_SHEET} <= set(book.sheets)


def test_a_report_on_a_book_without_a_journal_writes_nothing_and_returns_the_fatal_issue() -> None:
    book = ledger_book(Journal=None)
    result = trial_balance_of(book, write=True)
    assert result.fatal
    assert result.report is None
    assert result.written == ()
    assert book.sheets == {}
    assert any(i.rule == "missing-table" and i.severity is Severity.FATAL for i in result.issues)


def test_the_trial_balance_of_clean_books_agrees() -> None:
    result = trial_balance_of(ledger_book(), write=False)
    tb = result.report
    assert tb.balanced
    leaves = [r for r in result.records() if not r["is_group"]]
    assert sum(float(r["closing"]) for r in leaves) == 0
    assert {r["account"] for r in result.records()} >= {"1100", "1200", "3000", "4000", "5000"}


def test_the_trial_balance_as_of_a_date_leaves_out_later_lines() -> None:
    result = trial_balance_of(ledger_book(), write=False, as_of=dt.date(2025, 4, 3))
    rent = next(r for r in result.records() if r["account"] == "5000")
    assert rent["debit"] == "0.00"


OTHER_YEARS = [
    (dt.datetime(2025, 3, 28), "P-0", "5000", 700, None, "Rent for March, last year"),
    (dt.datetime(2025, 3, 28), "P-0", "1200", None, 700, "Rent for March, last year"),
    (dt.datetime(2026, 4, 3), "P-9", "5000", 900, None, "Rent for April, next year"),
    (dt.datetime(2026, 4, 3), "P-9", "1200", None, 900, "Rent for April, next year"),
]


def test_the_trial_balance_of_the_financial_year_opens_with_earlier_lines_and_leaves_out_later_ones() -> None:
    book = ledger_book([*JOURNAL_ROWS, *OTHER_YEARS])
    tb = trial_balance_of(book, write=True).report
    rent = tb.row("5000")
    assert (rent.opening, rent.debit, rent.closing) == (70000, 1200000, 1270000)  # the P&L's 12,000 moved
    assert (tb.period_start, tb.as_of) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert "01/04/2025 to 31/03/2026" in str(book.sheets[TRIAL_BALANCE_SHEET].rows[0][0])


def test_the_trial_balance_as_of_a_date_asked_for_counts_every_line_up_to_it() -> None:
    book = ledger_book([*JOURNAL_ROWS, *OTHER_YEARS])
    tb = trial_balance_of(book, write=False, as_of=dt.date(2026, 4, 30)).report
    assert (tb.row("5000").opening, tb.row("5000").debit) == (0, 1360000)


def test_the_day_book_of_the_financial_year_leaves_out_other_years_lines() -> None:
    book = ledger_book([*JOURNAL_ROWS, *OTHER_YEARS])
    day_book = day_book_of(book, write=True).report
    assert [d.date for d in day_book.days] == [dt.date(2025, 4, 1), dt.date(2025, 4, 5), dt.date(2025, 4, 10)]
    assert "01/04/2025 to 31/03/2026" in str(book.sheets[DAY_BOOK_SHEET].rows[0][0])
    asked = day_book_of(book, write=False, start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)).report
    assert len(asked.days) == 5


def test_an_account_statement_and_a_day_book_come_back_as_records_and_sheets() -> None:
    book = ledger_book()
    statement = statement_of(book, "1200", write=True)
    day_book = day_book_of(book, write=True, start=dt.date(2025, 4, 5))
    assert statement.report is not None
    assert statement.records()
    assert day_book.records()
    assert {STATEMENT_SHEET, DAY_BOOK_SHEET} <= set(book.sheets)
    assert all("2025-04-01" not in str(r.get("date", "")) for r in day_book.records())


def test_highlights_are_red_for_errors_yellow_for_warnings_and_capped() -> None:
    def issue(severity: Severity, cell: str, sheet: str = "Journal") -> Issue:
        return Issue("r", severity, sheet, cell, "", "", "", "")

    found = highlights_for(
        [issue(Severity.WARNING, "A2"), issue(Severity.ERROR, "B2"), issue(Severity.FATAL, "A1")]
    )
    assert {(h.color, h.cells) for h in found} == {
        (HIGHLIGHT_ERROR, ("B2", "A1")),
        (HIGHLIGHT_WARNING, ("A2",)),
    }
    many = [issue(Severity.ERROR, f"D{n}") for n in range(2, MAX_HIGHLIGHTS + 500)]
    assert sum(len(h.cells) for h in highlights_for(many)) == MAX_HIGHLIGHTS


def test_a_run_result_is_a_frozen_value() -> None:
    result = RunResult("validate", (), Counts(), 0.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.macro = "other"  # type: ignore[misc]
    assert not result.fatal
    assert not result.has_errors
    assert not result.partial


def test_a_statement_of_an_unknown_account_writes_nothing_and_says_why() -> None:
    book = ledger_book()
    result = statement_of(book, "9999", write=True)
    assert result.note is not None
    assert "9999" in result.note.en
    assert "9999" in result.summary_en
    assert result.summary_hi
    assert result.written == ()
    assert book.sheets == {}


def test_a_partial_report_explains_itself_in_both_languages() -> None:
    result = trial_balance_of(with_error(), write=False)
    assert "could be read" in result.summary_en
    assert result.summary_hi
    assert trial_balance_of(ledger_book(), write=False).summary_en == ""
