"""Close Month (ribbon, ``bahi close BOOK --month 2025-06``): check the month, then lock it.

``read → engine → write``: reads the ledger (locked as the Close sheet already says), runs every
check and the audit trail, reconciles the bank account at the month end when the book has a bank
statement, ties the parties to the control accounts when it has the trade tables, and asks
:func:`~addin.engine.close.close_month` whether the month may close. When a
blocker stands, nothing is locked: the blockers are the result's issues (and, with ``write``, the
Issues sheet lists them). Otherwise, with ``write``, the Close sheet gets the month and its
checklist (who, when, each check's result), the run is recorded in the Audit Log, and every later
run locks the books up to the month's end (:mod:`addin.macros.close_sheet`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from addin.books.base import Workbook
from addin.engine.audit.trail import now_text
from addin.engine.cells import format_date
from addin.engine.close import BankStatus, CloseContext, CloseOutcome, close_month
from addin.engine.issues import Issue, Severity, has_fatal
from addin.engine.ledger import Ledger
from addin.engine.schema import BANK_STATEMENT, CLOSE_SHEET, MATCH_RULES, PARTIES
from addin.macros.audit import run_user
from addin.macros.close_sheet import (
    FAILED,
    NOT_APPLICABLE,
    PASSED,
    ChecklistRow,
    close_sheet,
    closed_months,
    parse_month,
)
from addin.macros.run import (
    Counts,
    Progress,
    RunResult,
    Stopwatch,
    checked_ledger,
    no_progress,
    write_findings,
)
from addin.messages import Text

CLOSED_NOTE = Text(
    "Month {month} closed: the books are locked up to {end}. The Close sheet lists the checks.",
    "माह {month} बंद: खाते {end} तक लॉक हैं। Close शीट पर जाँचें दी हैं।",
)
WOULD_CLOSE = Text(
    "Month {month} can be closed: every check passed (add --write to lock it).",
    "माह {month} बंद किया जा सकता है: हर जाँच ठीक रही (लॉक करने के लिए --write जोड़ें)।",
)
BLOCKED = Text(
    "Month {month} was NOT closed: {count} blocker(s) stand (listed as issues). Correct them and close "
    "again.",
    "माह {month} बंद नहीं हुआ: {count} बाधा(एँ) हैं (समस्याओं में सूचीबद्ध)। उन्हें ठीक करके फिर बंद करें।",
)
ALREADY = Text(
    "Month {month} is already closed (see the Close sheet); nothing changed.",
    "माह {month} पहले से बंद है (Close शीट देखें); कुछ नहीं बदला।",
)
BAD_MONTH = Text(
    "Cannot read the month {month!r}. Fix: write it as 2025-06.",
    "माह {month!r} पढ़ा नहीं जा सका। सुधार: 2025-06 की तरह लिखें।",
)


@dataclass(frozen=True)
class CloseReport:
    """What a close found: the month and each check's outcome."""

    month: str
    end: dt.date
    outcome: CloseOutcome

    def as_records(self) -> list[dict[str, Any]]:
        return [
            {
                "check": f"{o.name_en} / {o.name_hi}",
                "result": _result(o.passed),
                "detail": o.detail,
                "blockers": len(o.blockers),
            }
            for o in self.outcome.outcomes
        ]


def _result(passed: bool | None) -> str:
    return NOT_APPLICABLE if passed is None else PASSED if passed else FAILED


def bank_status(book: Workbook, ledger: Ledger, end: dt.date) -> BankStatus | None:
    """The bank reconciliation at ``end`` (nothing written), or None without a statement or account."""
    from addin.engine.reconciliation.match_rules import load_match_rules  # noqa: PLC0415 (only here)
    from addin.engine.reconciliation.reconcile import reconcile  # noqa: PLC0415

    statement = book.read_table(BANK_STATEMENT)
    if statement is None or statement.row_count == 0 or not ledger.settings.bank_account.strip():
        return None
    rules, _ = load_match_rules(book.read_table(MATCH_RULES))
    result = reconcile(ledger, statement, as_of=end, rules=rules)
    difference = result.statement.unexplained_difference if result.statement is not None else None
    return BankStatus(result.account or ledger.settings.bank_account, difference, tuple(result.issues))


def subledger_findings(book: Workbook, ledger: Ledger) -> tuple[Issue, ...] | None:
    """The sub-ledger tie-out as the books stand (parties' documents against the Journal), or None
    for a book without the trade tables; trade tables that cannot be read give their fatal issues."""
    from addin.engine.trade.book import validate_trade  # noqa: PLC0415 (trading books only)
    from addin.engine.trade.control import subledger_balances, tie_subledger  # noqa: PLC0415
    from addin.macros.post import TRADE_BOOK_TABLES  # noqa: PLC0415

    if book.read_table(PARTIES) is None:
        return None
    trade, issues = validate_trade({spec.name: book.read_table(spec) for spec in TRADE_BOOK_TABLES}, ledger)
    if has_fatal(issues):
        return tuple(i for i in issues if i.severity is Severity.FATAL)
    documents, settlements = (trade.sales, trade.purchases), (trade.receipts, trade.payments)
    _, found = tie_subledger(
        ledger, trade.parties, trade.party_codes, trade.settings,
        subledger_balances(trade.parties, documents, settlements), parties_where=trade.parties_where,
    )  # fmt: skip
    return tuple(found)


def close_month_of(book: Workbook, *, write: bool, month: str, progress: Progress = no_progress) -> RunResult:
    """Close ``month`` (2025-06, or any month the cell grammar reads) when every check passes; with
    ``write``, record it."""
    clock = Stopwatch()
    bounds = parse_month(month)
    if bounds is None:
        return RunResult("close", (), Counts(), clock.seconds, note=BAD_MONTH.format(month=month))
    start, end = bounds
    month = f"{start:%Y-%m}"
    ledger, issues = checked_ledger(book, progress)
    counts = Counts.of(ledger, issues)
    if has_fatal(issues):
        return RunResult("close", tuple(issues), counts, clock.seconds)
    previous = book.read_sheet(CLOSE_SHEET)
    if month in closed_months(previous):
        return RunResult("close", tuple(issues), counts, clock.seconds, note=ALREADY.format(month=month))
    progress("reporting")
    context = CloseContext(
        ledger, issues, start, end, bank_status(book, ledger, end), subledger_findings(book, ledger)
    )
    outcome = close_month(context)
    report = CloseReport(month, end, outcome)
    blockers = outcome.blockers
    result_issues = (*issues, *(b for b in blockers if b not in issues))
    counts = Counts.of(ledger, result_issues)  # the blockers found by the close itself counted too
    if not outcome.may_close:
        written: tuple[str, ...] = ()
        if write:
            progress("writing")
            extra = [b for b in blockers if b not in issues]
            written = write_findings(book, ledger, [*issues, *extra], command=f"close {month} (refused)")
        note = BLOCKED.format(month=month, count=len(blockers))
        return RunResult(
            "close", result_issues, counts, clock.seconds, report=report, written=written, note=note
        )
    if not write:
        return RunResult(
            "close", result_issues, counts, clock.seconds, report=report, note=WOULD_CLOSE.format(month=month)
        )
    progress("writing")
    checklist = [
        ChecklistRow(f"{o.name_en} / {o.name_hi}", _result(o.passed), o.detail) for o in outcome.outcomes
    ]
    recorded = write_findings(book, ledger, issues, command=f"close {month}")  # recorded with the month open
    sheet = close_sheet(
        previous, month, period_end=end, time=now_text(), user=run_user(ledger.settings), checklist=checklist,
        settings=ledger.settings,
    )  # fmt: skip
    book.write_sheet(sheet)
    note = CLOSED_NOTE.format(month=month, end=format_date(end))
    written = (CLOSE_SHEET, *recorded)
    return RunResult("close", result_issues, counts, clock.seconds, report=report, written=written, note=note)


__all__ = ["CloseReport", "bank_status", "close_month_of"]
