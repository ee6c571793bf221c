"""The ledger macros behind the ribbon buttons and the ``bahi`` commands.

Each is ``read → engine → write`` over a :class:`~addin.books.base.Workbook`, returning a
:class:`~addin.macros.run.RunResult`; none raises for bad data and none saves.

- :func:`validate_book` — every check; writes the Issues sheet and colours the offending cells.
- :func:`trial_balance_of`, :func:`statement_of`, :func:`day_book_of` — reports. On a book that
  cannot be read as a ledger (a missing table or column) they write nothing and return the fatal
  issues. On a book with errors they still report, from the lines that could be read
  (``RunResult.partial``), and also refresh the Issues sheet so it never tells an older story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from addin.books.base import OwnedSheet, Workbook
from addin.engine.issues import has_fatal
from addin.engine.ledger import Ledger, Settings
from addin.engine.reports.day_book import DayBook, day_book
from addin.engine.reports.lines import report_period
from addin.engine.reports.statement import account_statement
from addin.engine.reports.trial_balance import TrialBalance, trial_balance
from addin.macros.run import (
    Counts,
    Progress,
    RunResult,
    Stopwatch,
    checked_book,
    checked_ledger,
    no_progress,
    write_findings,
)
from addin.macros.sheets import day_book_sheet, statement_sheet, trial_balance_sheet
from addin.messages import UNKNOWN_ACCOUNT, Text

BuildReport = Callable[[Ledger], Any]
ReportSheet = Callable[[Any, Settings], OwnedSheet]


def validate_book(book: Workbook, *, write: bool, progress: Progress = no_progress) -> RunResult:
    """Check the whole book; with ``write``, list the findings on the Issues sheet and colour them.

    Fatal findings (a missing table or column) are listed too, so that a ribbon user sees them on
    the sheet; the ``bahi`` command does not save a book it cannot read. A trading workbook's trade
    tables are checked too (:func:`~addin.macros.run.checked_book`), their fatal findings included.
    """
    clock = Stopwatch()
    checked = checked_book(book, progress)
    ledger, issues = checked.ledger, checked.issues
    written: tuple[str, ...] = ()
    if write:
        progress("writing")
        written = write_findings(book, ledger, issues)
    return RunResult("validate", tuple(issues), Counts.of(ledger, issues), clock.seconds, written=written)


def trial_balance_of(
    book: Workbook, *, write: bool, as_of: dt.date | None = None, progress: Progress = no_progress
) -> RunResult:
    """The trial balance as of a date (default: the financial year of Settings, earlier lines making up
    the opening balances, later ones left out: :func:`report_period`); with ``write``, its sheet."""
    return _run_report(
        "trial-balance",
        book,
        lambda ledger: _trial_balance_in_period(ledger, as_of),
        trial_balance_sheet,
        write=write,
        progress=progress,
    )


def statement_of(
    book: Workbook,
    account: str,
    *,
    write: bool,
    start: dt.date | None = None,
    end: dt.date | None = None,
    progress: Progress = no_progress,
) -> RunResult:
    """One account's statement (its ledger) between two dates; with ``write``, its sheet."""
    return _run_report(
        "statement",
        book,
        lambda ledger: account_statement(ledger, account, start=start, end=end),
        statement_sheet,
        write=write,
        progress=progress,
        unusable=lambda st: None if st.found else UNKNOWN_ACCOUNT.format(account=account),
    )


def day_book_of(
    book: Workbook,
    *,
    write: bool,
    start: dt.date | None = None,
    end: dt.date | None = None,
    progress: Progress = no_progress,
) -> RunResult:
    """Every voucher between two dates (default: the financial year of Settings) in date order; with
    ``write``, its sheet."""
    return _run_report(
        "day-book",
        book,
        lambda ledger: _day_book_in_period(ledger, start, end),
        day_book_sheet,
        write=write,
        progress=progress,
    )


def _trial_balance_in_period(ledger: Ledger, as_of: dt.date | None) -> TrialBalance:
    period_start, end = report_period(ledger.settings, end=as_of)
    return trial_balance(ledger, as_of=end, period_start=period_start)


def _day_book_in_period(ledger: Ledger, start: dt.date | None, end: dt.date | None) -> DayBook:
    first, last = report_period(ledger.settings, start, end)
    return day_book(ledger, start=first, end=last)


def _run_report(
    macro: str,
    book: Workbook,
    build: BuildReport,
    sheet: ReportSheet,
    *,
    write: bool,
    progress: Progress,
    unusable: Callable[[Any], Text | None] = lambda _report: None,
) -> RunResult:
    """The pipeline every report shares: read and check, build the report, write it and the issues.

    ``unusable`` says why a report must not be written (an unknown account), or None.
    """
    clock = Stopwatch()
    ledger, issues = checked_ledger(book, progress)
    counts = Counts.of(ledger, issues)
    if has_fatal(issues):
        return RunResult(macro, tuple(issues), counts, clock.seconds)
    progress("reporting")
    report = build(ledger)
    note = unusable(report)
    written: tuple[str, ...] = ()
    if write and note is None:
        progress("writing")
        owned = sheet(report, ledger.settings)
        book.write_sheet(owned)
        written = (owned.name, *write_findings(book, ledger, issues, command=macro))
    return RunResult(macro, tuple(issues), counts, clock.seconds, report=report, written=written, note=note)
