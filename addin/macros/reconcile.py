"""The Reconcile macro (ribbon group Bank, ``bahi reconcile``), and undoing a run.

``read → engine → write``: reads Accounts, Journal, Settings, BankStatement and the Reconciliation
Log; matches and draws the BRS; with ``write``, fills the owned Match ID / Match Rule columns of
both tables, replaces the Bank Reconciliation sheet, appends the run to the log and lists its
findings on the Issues sheet (in place of its own earlier ones; Validate's stay). A value the user
typed never changes: IDs typed by hand are kept as they are.

Each run numbers its new match IDs ``R<run>-000001``…, so :func:`undo_reconciliation` can clear
exactly that run's IDs and mark it undone in the log, leaving the books as before it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from addin.books.base import CellValue, Workbook
from addin.engine.issues import Issue, Severity, has_fatal
from addin.engine.load import load_ledger, map_columns, setting_key, sort_issues
from addin.engine.reconciliation.match_rules import load_match_rules
from addin.engine.reconciliation.owned_columns import owned_column, with_journal_matches
from addin.engine.reconciliation.reconcile import Reconciliation, reconcile
from addin.engine.rules import Rule
from addin.engine.schema import (
    ACCOUNTS,
    BANK_STATEMENT,
    JOURNAL,
    MATCH_RULES,
    RECONCILIATION_LOG_SHEET,
    RECONCILIATION_SHEET,
    SETTINGS,
    TableSpec,
)
from addin.engine.tables import RawTable
from addin.macros.audit import audit_findings
from addin.macros.reconciliation_sheets import (
    ACTIVE,
    RECONCILIATION_LOG,
    UNDONE,
    log_sheet,
    reconciliation_sheet,
)
from addin.macros.run import Counts, Progress, RunResult, Stopwatch, no_progress, read_ledger, write_findings
from addin.macros.sheets import AUDIT, RECONCILE
from addin.messages import POSSIBLE_MATCHES, RECONCILED, Text

UNDO_DONE = Text(
    "Run {run} undone: {cells} match cells cleared; the books are as before it.",
    "रन {run} पूर्ववत: {cells} मिलान सेल साफ़ किए; बही पहले जैसी है।",
)
STATEMENT_NOT_USED = Text(
    "The bank statement has errors (see the issues): nothing was matched or written. Correct it and "
    "reconcile again.",
    "बैंक विवरण में त्रुटियाँ हैं (समस्याएँ देखें): न मिलान हुआ, न कुछ लिखा गया। ठीक करके फिर मिलान करें।",
)
STATEMENT_RULES = frozenset({Rule.BANK_BALANCE_MISMATCH.value, Rule.BANK_DATE_OUTSIDE_PERIOD.value})


def statement_errors(issues: Sequence[Issue], statement_sheet: str) -> list[Issue]:
    """Errors in the bank statement itself (on the sheet it was read from): it cannot be trusted."""
    return [
        i for i in issues
        if i.severity is not Severity.WARNING and (i.rule in STATEMENT_RULES or i.sheet == statement_sheet)
    ]  # fmt: skip


UNDO_UNKNOWN = Text(
    "No active reconciliation run {run} in the Reconciliation Log; nothing changed.",
    "मिलान लॉग में {run} नाम का सक्रिय रन नहीं है; कुछ नहीं बदला।",
)
UNDO_PREVIEW = Text(
    "Run {run} would clear {cells} match cells; nothing was changed.",
    "रन {run} पूर्ववत करने से {cells} मिलान सेल साफ़ होंगे; कुछ नहीं बदला गया।",
)


@dataclass(frozen=True, slots=True)
class UndoneRun:
    """The report of undoing a run: which run, and how many match cells it cleared (or would clear)."""

    run: str
    cells: int

    def as_records(self) -> list[dict[str, Any]]:
        return [{"run": self.run, "cells": self.cells}]

RECONCILIATION_TABLES: tuple[TableSpec, ...] = (ACCOUNTS, JOURNAL, SETTINGS, BANK_STATEMENT, MATCH_RULES)
_RUN = re.compile(r"^R(\d+)$")


def _cell(value: object) -> CellValue:
    """A cell read back as it was written: numbers stay numbers, blanks become ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, str | int | float | bool | dt.date) else str(value)


def read_log(book: Workbook) -> list[list[CellValue]]:
    """The log's runs as rows of cells (empty when there is no log yet)."""
    table = book.read_table(RECONCILIATION_LOG)
    if table is None or table.row_count == 0:
        return []
    width = len(RECONCILIATION_LOG.columns)
    columns = [[_cell(v) for v in s.tolist()] for s in table.columns[:width]]
    runs = [[col[i] for col in columns] for i in range(table.row_count)]
    return [r + [""] * (width - len(r)) for r in runs if str(r[0]).strip()]


def next_run(runs: list[list[CellValue]]) -> str:
    """The next run's name: R1, R2, … after the highest in the log."""
    numbers = [int(m.group(1)) for r in runs if (m := _RUN.match(str(r[0]).strip()))]
    return f"R{max(numbers, default=0) + 1}"


def _column_values(existing: list[str], header_row: int, updates: Mapping[int, str]) -> list[CellValue]:
    values: list[CellValue] = [v or None for v in existing]
    for row, value in updates.items():
        values[row - header_row - 1] = value
    return values


def _write_matches(book: Workbook, tables: Mapping[str, RawTable | None], result: Reconciliation) -> None:
    """Fill both tables' owned Match ID / Match Rule columns with the run's matches."""
    for spec, side in ((BANK_STATEMENT, "bank_rows"), (JOURNAL, "journal_rows")):
        table = tables[spec.name]
        if table is None:
            continue
        ids: dict[int, str] = {}
        rules: dict[int, str] = {}
        for match in result.matching.matches:
            for row in getattr(match, side):
                ids[row] = match.match_id
                rules[row] = f"{match.rule} ({match.confidence:.2f})"
        book.write_column(
            spec, "Match ID", _column_values(owned_column(table, "Match ID", spec), table.header_row, ids)
        )
        book.write_column(
            spec,
            "Match Rule",
            _column_values(owned_column(table, "Match Rule", spec), table.header_row, rules),
        )


def setting_value_cell(table: RawTable | None, key: str) -> str:
    """The address of setting ``key``'s Value cell in the Settings table ("B9"), or "" without one."""
    if table is None:
        return ""
    positions, _ = map_columns(table, SETTINGS)
    if "Setting" not in positions or "Value" not in positions:
        return ""
    keys = table.columns[positions["Setting"]].tolist()
    row = next((i for i, cell in enumerate(keys) if setting_key(cell) == key), None)
    return "" if row is None else table.address(row, positions["Value"])


def _bank_account_cell_named(result: Reconciliation, settings: RawTable | None) -> Reconciliation:
    """Point an unknown-bank-account issue at Settings' Bank Account cell, where the fix is typed."""
    cell = setting_value_cell(settings, "Bank Account")
    wanted = Rule.UNKNOWN_BANK_ACCOUNT.value
    if not cell or not any(i.rule == wanted and not i.cell for i in result.issues):
        return result
    sheet = settings.sheet if settings is not None else SETTINGS.sheet
    named = [
        replace(i, sheet=sheet, cell=cell) if i.rule == wanted and not i.cell else i for i in result.issues
    ]
    return replace(result, issues=named)


def reconcile_book(
    book: Workbook,
    *,
    write: bool,
    account: str | None = None,
    as_of: dt.date | None = None,
    progress: Progress = no_progress,
) -> RunResult:
    """Reconcile the bank account (Settings' Bank Account unless ``account`` is given)."""
    clock = Stopwatch()
    progress("reading")
    tables = {spec.name: book.read_table(spec) for spec in RECONCILIATION_TABLES}
    ledger, issues = load_ledger(tables)
    if has_fatal(issues):
        return RunResult("reconcile", tuple(sort_issues(issues)), Counts.of(ledger, issues), clock.seconds)
    ledger = with_journal_matches(ledger, tables[JOURNAL.name])
    audited = audit_findings(book, ledger)  # the audit trail's findings count in this run's result
    runs = read_log(book)
    run = next_run(runs)
    progress("matching")
    rules, rule_issues = load_match_rules(tables[MATCH_RULES.name])
    result = reconcile(
        ledger, tables[BANK_STATEMENT.name], account=account, as_of=as_of, id_prefix=f"{run}-", rules=rules,
        short_lists=True,  # what open lines could be, for the Bank Reconciliation sheet
    )  # fmt: skip
    if account is None:
        result = _bank_account_cell_named(result, tables[SETTINGS.name])
    issues = sort_issues([*issues, *rule_issues, *result.issues, *(audited.issues if audited else ())])
    counts = Counts.of(ledger, issues)
    if has_fatal(issues):
        return RunResult("reconcile", tuple(issues), counts, clock.seconds, report=result, all_checks=False)
    statement = tables[BANK_STATEMENT.name]
    if statement_errors(result.issues, statement.sheet if statement else BANK_STATEMENT.sheet):
        # A statement that does not add up, or lines outside the year: show what is wrong, change nothing.
        return RunResult(
            "reconcile", tuple(issues), counts, clock.seconds, report=result, note=STATEMENT_NOT_USED,
            all_checks=False,
        )
    written: tuple[str, ...] = ()
    if write:
        progress("writing")
        _write_matches(book, tables, result)
        bank_table, journal_table = tables[BANK_STATEMENT.name], tables[JOURNAL.name]
        book.write_sheet(
            reconciliation_sheet(
                result,
                ledger.settings,
                bank_sheet=bank_table.sheet if bank_table else BANK_STATEMENT.sheet,
                journal_sheet=journal_table.sheet if journal_table else JOURNAL.sheet,
            )
        )
        difference = result.statement.unexplained_difference / 100 if result.statement else ""
        new_ids = sum(1 for m in result.matching.matches if m.match_id.startswith(f"{run}-"))
        runs.append([
            run, dt.datetime.now().strftime("%d/%m/%Y %H:%M:%S"), f"{result.account} {result.account_name}",
            result.as_of.strftime("%d/%m/%Y") if result.as_of else "", new_ids,
            len(result.matching.unmatched_bank), len(result.matching.unmatched_journal), difference, ACTIVE,
        ])  # fmt: skip
        book.write_sheet(log_sheet(runs))
        written = (
            BANK_STATEMENT.sheet, JOURNAL.sheet, RECONCILIATION_SHEET, RECONCILIATION_LOG_SHEET,
            *write_findings(book, ledger, issues, source=RECONCILE),
        )  # fmt: skip
    return RunResult(
        "reconcile", tuple(issues), counts, clock.seconds, report=result, written=written, all_checks=False
    )


def undo_reconciliation(book: Workbook, run: str, *, write: bool) -> RunResult:
    """Clear the match IDs run ``run`` made from both tables and mark it undone in the log.

    Matches typed by hand, and other runs', stay. Undoing an unknown or already undone run changes
    nothing and says so in the result's note (and has no report); otherwise the report is an
    :class:`UndoneRun`. Without ``write`` nothing is changed and the note says what would be.
    """
    clock = Stopwatch()
    runs = read_log(book)
    wanted = run.strip().upper()
    found = [r for r in runs if str(r[0]).strip().upper() == wanted and str(r[8]).strip() != UNDONE]
    if not found:
        return RunResult("undo", (), Counts(), clock.seconds, note=UNDO_UNKNOWN.format(run=run))
    prefix = f"{wanted}-"
    cleared = 0
    for spec in (BANK_STATEMENT, JOURNAL):
        table = book.read_table(spec)
        if table is None:
            continue
        ids = owned_column(table, "Match ID", spec)
        rules = owned_column(table, "Match Rule", spec)
        hit = {i for i, value in enumerate(ids) if value.upper().startswith(prefix)}
        cleared += len(hit)
        if write and hit:
            for column, values in (("Match ID", ids), ("Match Rule", rules)):
                kept = [None if i in hit else v or None for i, v in enumerate(values)]
                book.write_column(spec, column, kept)
    for r in found:
        r[8] = UNDONE
    written: tuple[str, ...] = ()
    issues: tuple[Issue, ...] = ()
    if write:
        book.write_sheet(log_sheet(runs))
        issues, recorded = _record_undo(book, wanted)
        written = (BANK_STATEMENT.sheet, JOURNAL.sheet, RECONCILIATION_LOG_SHEET, *recorded)
    note = (UNDO_DONE if write else UNDO_PREVIEW).format(run=wanted, cells=cleared)
    report = UndoneRun(wanted, cleared)
    return RunResult("undo", issues, Counts(), clock.seconds, report=report, written=written, note=note)


def _record_undo(book: Workbook, run: str) -> tuple[tuple[Issue, ...], tuple[str, ...]]:
    """Record the undo in the Audit Log, and the audit trail's findings on the Issues sheet; nothing
    when the ledger cannot be read (the undo itself stands: it changed only Bahi's match cells)."""
    ledger, issues = read_ledger(book)
    if has_fatal(issues):
        return (), ()
    audited = audit_findings(book, ledger)
    written = write_findings(book, ledger, (), source=AUDIT, command=f"undo reconciliation {run}")
    return (audited.issues if audited else ()), written


def outcome(report: Reconciliation) -> tuple[Text, ...]:
    """What a reconciliation run tells the user, on the terminal as in the ribbon's alert: the
    matches and what is left, and how many open lines have a short list."""
    matching = report.matching
    said = RECONCILED.format(
        matches=len(matching.matches),
        bank=len(matching.unmatched_bank),
        journal=len(matching.unmatched_journal),
    )
    return (said, POSSIBLE_MATCHES.format(count=len(report.possible))) if report.possible else (said,)
