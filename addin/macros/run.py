"""What every macro shares: reading a ledger from a workbook, writing findings back, and the result.

A macro is a short pipeline ``read → engine → write`` over the :class:`~addin.books.base.Workbook`
protocol, so the ribbon (xlwings ``Book``) and the ``bahi`` command (a file) run the same code:

- :func:`read_ledger` reads the three tables a ledger needs (Accounts, Journal, Settings) and
  loads them; :func:`checked_ledger` adds the checks, unless the book cannot be read at all.
- :func:`write_findings` writes a macro's findings to the Issues sheet and colours the offending
  cells. Each source (Validate and the reports that run its checks; Reconcile; Import) owns its
  rows: writing one source's findings replaces only its own rows, so the sheet lists every source's
  current findings (Reconcile no longer hides what Validate found).
- :class:`RunResult` is what a macro returns; bad data never raises, it comes back as issues.
  Only :class:`~addin.books.base.BookError` (the book itself is unreadable) propagates.

Macros never save: the caller decides (``bahi --write`` saves once, atomically with a backup; a live
Excel book needs no saving).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, Highlight, Workbook
from addin.engine.issues import Issue, Severity, has_errors, has_fatal
from addin.engine.ledger import Ledger
from addin.engine.load import LEDGER_TABLES, load_ledger, sort_issues
from addin.engine.schema import (
    CLOSE_SHEET,
    ISSUES_SHEET,
    ITEMS,
    PARTIES,
    PURCHASES,
    SALES,
    TRADE_TABLES,
)
from addin.engine.tables import RawTable
from addin.engine.trade.book import TradeBook, validate_trade
from addin.macros.audit import audit_to_record, checked_with_audit, write_audit
from addin.macros.close_sheet import with_closed_months
from addin.macros.sheets import AUDIT, VALIDATE, issues_sheet, listed_issues, merged_issues
from addin.messages import PARTIAL_OWN_CHECKS, PARTIAL_REPORT, Text

MAX_HIGHLIGHTS = 10_000
"""Cells coloured at most per run: beyond this, the Issues sheet is the guide (and Excel stays fast)."""

Progress = Callable[[str], None]
"""Told the name of each phase as a macro enters it: "reading", "checking", "reporting", "writing"."""


def no_progress(phase: str) -> None:
    """The default :data:`Progress`: show nothing."""


class Report(Protocol):
    """What the engine's reports have in common: rows as plain records for JSON and CSV."""

    def as_records(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True, slots=True)
class Counts:
    """How much a run looked at and found. ``errors`` includes fatal issues."""

    lines: int = 0
    accounts: int = 0
    errors: int = 0
    warnings: int = 0

    @classmethod
    def of(cls, ledger: Ledger | None, issues: Sequence[Issue]) -> Counts:
        warnings = sum(1 for i in issues if i.severity is Severity.WARNING)
        return cls(
            lines=0 if ledger is None else len(ledger.journal),
            accounts=0 if ledger is None else len(ledger.accounts),
            errors=len(issues) - warnings,
            warnings=warnings,
        )


@dataclass(frozen=True)
class RunResult:
    """The outcome of one macro run.

    ``report`` is the engine's report object (None for validation, or when the book could not be
    read); ``written`` names the sheets the run wrote (empty unless asked to write).
    """

    macro: str
    issues: tuple[Issue, ...]
    counts: Counts
    seconds: float
    report: Any = None
    written: tuple[str, ...] = field(default=())
    note: Text | None = None  # what the macro wants said besides the issues (e.g. an unknown account)
    all_checks: bool = True  # the run made every check Validate makes (its error count is Validate's)

    @property
    def fatal(self) -> bool:
        """The book could not be read as a ledger; nothing was reported or written."""
        return has_fatal(list(self.issues))

    @property
    def has_errors(self) -> bool:
        """Errors or fatal issues were found (validation fails)."""
        return has_errors(list(self.issues))

    @property
    def partial(self) -> bool:
        """A report was produced although the books have errors: it covers the readable lines only."""
        return self.report is not None and self.has_errors

    @property
    def summary_en(self) -> str:
        """A sentence for the alert after the counts: the note, and whether the report is partial."""
        return " ".join(t.en for t in self._sayings())

    @property
    def summary_hi(self) -> str:
        return " ".join(t.hi for t in self._sayings())

    def _sayings(self) -> list[Text]:
        sayings = [self.note] if self.note is not None else []
        partial = self.partial_note()
        return [*sayings, partial] if partial is not None else sayings

    def partial_note(self) -> Text | None:
        """That the report covers the readable lines only, with the error count and which checks it
        counts (Validate's when :attr:`all_checks`, else this run's own); None when not partial."""
        if not self.partial:
            return None
        note = PARTIAL_REPORT if self.all_checks else PARTIAL_OWN_CHECKS
        return note.format(errors=self.counts.errors)

    def records(self) -> list[dict[str, Any]]:
        """The report's rows as records (the issues' for validation)."""
        if self.report is None:
            return [i.as_dict() for i in self.issues]
        records: list[dict[str, Any]] = self.report.as_records()
        return records

    def issues_by_rule(self) -> dict[str, int]:
        """How many issues each rule found, most frequent first."""
        return dict(Counter(i.rule for i in self.issues).most_common())


def read_ledger(book: Workbook) -> tuple[Ledger, list[Issue]]:
    """Read the Accounts, Journal and Settings tables from ``book`` and load them as a ledger, locked
    up to the effective lock date (the later of Settings' Lock Date and the last month on the Close
    sheet: :func:`~addin.macros.close_sheet.with_closed_months`).

    A missing table is not an error here: the loader reports it as a fatal issue.
    """
    return ledger_from(book, {spec.name: book.read_table(spec) for spec in LEDGER_TABLES})


def ledger_from(book: Workbook, tables: dict[str, RawTable]) -> tuple[Ledger, list[Issue]]:
    """The ledger loaded from ``tables`` (read from ``book``), locked as :func:`read_ledger` says."""
    ledger, issues = load_ledger(tables)
    return with_closed_months(ledger, book.read_sheet(CLOSE_SHEET)), issues


def checked_ledger(book: Workbook, progress: Progress = no_progress) -> tuple[Ledger, list[Issue]]:
    """:func:`read_ledger`, then every check and the audit trail's findings (its locked period judged
    by the trail when the book has an Audit Log: :func:`~addin.macros.audit.checked_with_audit`) —
    unless the book cannot be read as a ledger at all.

    A trading workbook (one with the trade tables' sheets: :func:`has_trade_tables`) gets the
    trade tables' checks too (:func:`~addin.engine.trade.book.validate_trade`), except a trade
    table's fatal findings (a missing table or column), which only the trade macros report: the
    ledger's reports still run. Issues come sorted by sheet, row and column, as the Issues sheet
    lists them.
    """
    checked = checked_book(book, progress)
    fatal_trade = {id(i) for i in checked.trade_fatal}
    return checked.ledger, [i for i in checked.issues if id(i) not in fatal_trade]


TRADE_SHEETS = (PARTIES.sheet, ITEMS.sheet, SALES.sheet, PURCHASES.sheet)
"""The sheets whose tables make a workbook a trading one (the tables the trade loader requires)."""


def has_trade_tables(book: Workbook) -> bool:
    """Whether the workbook keeps sales and purchases (it has every sheet of :data:`TRADE_SHEETS`)."""
    names = {n.casefold() for n in book.sheet_names()}
    return all(sheet.casefold() in names for sheet in TRADE_SHEETS)


@dataclass(frozen=True)
class CheckedBook:
    """A workbook read and checked: the ledger, the trade tables (None for a general-ledger book,
    or when the ledger cannot be read), every issue sorted, and the trade tables' fatal ones."""

    ledger: Ledger
    issues: list[Issue]
    trade: TradeBook | None = None
    trade_fatal: tuple[Issue, ...] = ()


def checked_book(
    book: Workbook, progress: Progress = no_progress, *, trade: bool | None = None
) -> CheckedBook:
    """Read the ledger (and, for a trading workbook or with ``trade``, the trade tables) and run
    every check; nothing further when the ledger itself cannot be read."""
    progress("reading")
    with_trade = has_trade_tables(book) if trade is None else trade
    specs = (*LEDGER_TABLES, *TRADE_TABLES) if with_trade else LEDGER_TABLES
    tables = {spec.name: book.read_table(spec) for spec in specs}
    ledger, issues = ledger_from(book, tables)
    if has_fatal(issues):
        return CheckedBook(ledger, sort_issues(issues))
    progress("checking")
    issues = [*issues, *checked_with_audit(book, ledger)]
    if not with_trade:
        return CheckedBook(ledger, sort_issues(issues))
    checked, found = validate_trade(tables, ledger)
    fatal = tuple(i for i in found if has_fatal([i]))
    return CheckedBook(ledger, sort_issues([*issues, *found]), None if fatal else checked, fatal)


def highlights_for(issues: Iterable[Issue], limit: int = MAX_HIGHLIGHTS) -> list[Highlight]:
    """The cells to colour: errors red, warnings yellow (a cell with both is red), at most ``limit``.

    >>> from addin.engine.issues import Issue, Severity
    >>> def issue(sev, cell): return Issue("r", sev, "Journal", cell, "", "", "", "")
    >>> highlights_for([issue(Severity.WARNING, "F3"), issue(Severity.ERROR, "D2"),
    ...                 issue(Severity.ERROR, "F3"), issue(Severity.ERROR, "")])
    [Highlight(sheet='Journal', cells=('D2', 'F3'), color='#FFC7CE')]
    """
    red: dict[tuple[str, str], None] = {}
    yellow: dict[tuple[str, str], None] = {}
    for issue in issues:
        if not issue.cell or not issue.sheet or issue.sheet == ISSUES_SHEET:
            continue
        key = (issue.sheet, issue.cell)
        if issue.severity is Severity.WARNING:
            yellow.setdefault(key, None)
        else:
            red[key] = None
            yellow.pop(key, None)
    chosen = [(key, HIGHLIGHT_ERROR) for key in red] + [
        (key, HIGHLIGHT_WARNING) for key in yellow if key not in red
    ]
    return _group_by_sheet(chosen[:limit])


def _group_by_sheet(cells: Sequence[tuple[tuple[str, str], str]]) -> list[Highlight]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for (sheet, cell), color in cells:
        grouped.setdefault((sheet, color), []).append(cell)
    return [Highlight(sheet, tuple(found), color) for (sheet, color), found in grouped.items()]


def write_findings(
    book: Workbook, ledger: Ledger, issues: Sequence[Issue], *, source: str = VALIDATE, command: str = ""
) -> tuple[str, ...]:
    """List this run's findings on the Issues sheet in place of ``source``'s earlier ones (other
    sources' rows stay: :func:`~addin.macros.sheets.merged_issues`), colour the cells of every
    finding listed, and record the run in the audit trail (:func:`~addin.macros.audit.audit_to_record`:
    every macro that writes its findings is audited here, ``command`` naming it when the caller did
    not say: see :func:`~addin.macros.audit.recording`). The audit trail's own findings are listed
    as its source's (``Audit trail``), whichever macro found them, and replaced by every writing run."""
    audited = audit_to_record(book, ledger, command=command or source)
    theirs = set(audited.issues)
    own = [i for i in issues if i not in theirs]
    listed = merged_issues(listed_issues(book.read_sheet(ISSUES_SHEET)), source, own)
    listed = merged_issues(listed, AUDIT, audited.issues)
    book.write_sheet(issues_sheet(listed, ledger.settings))
    book.write_highlights(highlights_for(x.issue for x in listed))
    return (ISSUES_SHEET, *write_audit(book, ledger, audited))


class Stopwatch:
    """Seconds since it was started (a run's duration)."""

    def __init__(self) -> None:
        self._started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self._started
