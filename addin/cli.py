"""The ``bahi`` command: the ribbon's macros, run on a workbook file.

    bahi validate BOOK.xlsx [--format text|json|csv] [--write] [--quiet]
    bahi trial-balance BOOK.xlsx [--as-of DATE] [--format ...] [--write]
    bahi ledger BOOK.xlsx ACCOUNT [--from DATE] [--to DATE] [--format ...] [--write]
    bahi daybook BOOK.xlsx [--from DATE] [--to DATE] [--format ...] [--write]
    bahi import-statement BOOK.xlsx FILE [--map FIELD=COLUMN ...] [--quiet]
    bahi new general-ledger OUT.xlsx [--demo]
    bahi demo [--out DIR]
    bahi serve [--http] [--host HOST] [--port PORT]

Exit codes: 0 fine; 1 the books have errors (reports are still printed); 2 the book cannot be read
(unreadable file, missing table or column) or the command line is wrong; 3 internal error (traceback
with ``BAHI_DEBUG=1``); 130 interrupted. Results go to stdout, messages and the progress bar to stderr.

Subcommands come from :data:`COMMANDS`: adding one is a :class:`Command` with a function adding its
arguments and a function running it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as ProgressDisplay
from rich.table import Table

from addin import messages
from addin.books.base import BookError, Workbook
from addin.books.file_book import FileBook
from addin.engine.issues import Issue, Severity
from addin.engine.money import format_inr, from_decimal_string
from addin.macros.audit import os_user, recording
from addin.macros.ledger_macros import day_book_of, statement_of, trial_balance_of, validate_book
from addin.macros.run import Progress, RunResult

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

PROGRESS_DELAY_SECONDS = 1.0
TEXT_ISSUE_LIMIT = 200  # issues listed in text output; JSON, CSV and the Issues sheet have them all
AMOUNT_FIELDS = frozenset({"opening", "debit", "credit", "closing", "balance", "amount"})
DEFAULT_DEMO_DIR = Path("out")
DEMO_FILE_NAME = "bahi-demo.xlsx"

MacroCall = Callable[..., RunResult]

# Commands other than validate and the reports import what they need when they run (start-up time):
# reconciliation, statement import and the template builder are imported inside their functions.


# --------------------------------------------------------------------------- terminal


class PhaseBar:
    """A progress bar on stderr naming the macro's phases; it appears only once a run passes a second.

    Used as the macros' ``progress`` callback. Off when quiet or when stderr is not a terminal.
    """

    def __init__(self, console: Console, *, enabled: bool, phases: Sequence[str]) -> None:
        self._console = console
        self._enabled = enabled
        self._phases = list(phases)
        self._current = ""
        self._lock = threading.Lock()
        self._bar: ProgressDisplay | None = None
        self._task: TaskID | None = None
        self._timer: threading.Timer | None = None

    def __enter__(self) -> PhaseBar:
        if self._enabled:
            self._timer = threading.Timer(PROGRESS_DELAY_SECONDS, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self._bar is not None:
                self._bar.stop()
                self._bar = None

    def __call__(self, phase: str) -> None:
        with self._lock:
            self._current = phase
            if self._bar is not None and self._task is not None:
                self._bar.update(self._task, description=self._label(), completed=self._done())

    def _label(self) -> str:
        text = messages.PHASES.get(self._current)
        return f"{text.en} / {text.hi}" if text else self._current

    def _done(self) -> int:
        return self._phases.index(self._current) if self._current in self._phases else 0

    def _show(self) -> None:
        with self._lock:
            self._bar = ProgressDisplay(
                TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                console=self._console, transient=True,
            )
            self._task = self._bar.add_task(self._label(), total=len(self._phases), completed=self._done())
            self._bar.start()


@dataclass(frozen=True)
class Terminal:
    """Where results (stdout) and messages (stderr) go, as rich consoles."""

    out: Console
    err: Console
    quiet: bool = False

    @classmethod
    def of(cls, stdout: TextIO, stderr: TextIO, *, quiet: bool) -> Terminal:
        width = None if stdout.isatty() else 200
        return cls(
            Console(file=stdout, width=width, highlight=False, soft_wrap=False),
            Console(file=stderr, highlight=False, soft_wrap=True),
            quiet,
        )

    def print_raw(self, text: str) -> None:
        """Machine-readable output (JSON, CSV), exactly as given."""
        self.out.file.write(text)
        self.out.file.flush()

    def say(self, text: str) -> None:
        """A human message on stdout."""
        self.out.print(text, markup=False)

    def warn(self, text: str) -> None:
        """A message on stderr, even when quiet (errors must be seen)."""
        self.err.print(text, markup=False)

    def note(self, text: str) -> None:
        """A message on stderr that ``--quiet`` silences."""
        if not self.quiet:
            self.err.print(text, markup=False)

    def phases(self, *names: str) -> PhaseBar:
        enabled = not self.quiet and self.err.file.isatty()
        return PhaseBar(self.err, enabled=enabled, phases=names)


def _use_utf8(*streams: TextIO) -> None:
    """Write UTF-8 whatever the locale says (Hindi must never raise UnicodeEncodeError)."""
    for stream in streams:
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that cannot change encoding keeps its own
                reconfigure(encoding="utf-8")


# --------------------------------------------------------------------------- output


def _heading(field: str) -> str:
    return messages.HEADINGS.get(field, field)


def _cell_text(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field in AMOUNT_FIELDS and isinstance(value, str) and value:
        return format_inr(from_decimal_string(value))
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def render_records(
    term: Terminal, records: Sequence[dict[str, Any]], fields: Sequence[str], title: str
) -> None:
    """Records as a table: amounts Indian-grouped and right-aligned; group accounts bold, indented."""
    table = Table(title=title, show_lines=False)
    for field in fields:
        table.add_column(_heading(field), justify="right" if field in AMOUNT_FIELDS else "left")
    for record in records:
        level = int(record.get("level") or 0)
        cells = [_cell_text(f, record.get(f)) for f in fields]
        if fields and fields[0] in {"account", "name"} and level:
            cells[0] = "  " * level + cells[0]
        table.add_row(*cells, style="bold" if _is_subtotal(record) else None)
    term.out.print(table)


def _is_subtotal(record: dict[str, Any]) -> bool:
    """A group account's row, or a total row (a day's total, an opening balance)."""
    return bool(record.get("is_group")) or str(record.get("kind", "line")) != "line"


def render_json(term: Terminal, records: Sequence[dict[str, Any]]) -> None:
    term.print_raw(json.dumps(list(records), ensure_ascii=False, indent=2, default=str) + "\n")


def render_csv(term: Terminal, records: Sequence[dict[str, Any]]) -> None:
    fields: dict[str, None] = {}
    for record in records:
        fields.update(dict.fromkeys(record))
    writer = csv.DictWriter(term.out.file, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    term.out.file.flush()


def render_issues_text(term: Terminal, result: RunResult) -> None:
    """Issues as a table (the first :data:`TEXT_ISSUE_LIMIT`), then the summary."""
    if result.issues:
        table = Table(show_lines=True)
        for field in ("severity", "where", "rule", "message"):
            table.add_column(_heading(field))
        for issue in result.issues[:TEXT_ISSUE_LIMIT]:
            style = "yellow" if issue.severity is Severity.WARNING else "red"
            table.add_row(issue.severity.value, _where(issue), issue.rule, _issue_text(issue), style=style)
        term.out.print(table)
        hidden = len(result.issues) - TEXT_ISSUE_LIMIT
        if hidden > 0:
            term.say(f"… {hidden} more / और {hidden} (--format json, --write)")
    term.say(summary_text(result).both())


def summary_text(result: RunResult) -> messages.Text:
    """"2 error(s), 1 warning(s) in 40 journal lines …", or "No issues …"."""
    counts = result.counts
    summary = messages.ISSUE_SUMMARY if result.issues else messages.NO_ISSUES
    return summary.format(
        errors=counts.errors, warnings=counts.warnings, lines=counts.lines, accounts=counts.accounts
    )


def _where(issue: Issue) -> str:
    return f"{issue.sheet}!{issue.cell}" if issue.cell else issue.sheet


def _issue_text(issue: Issue) -> str:
    lines = [issue.message_en, issue.message_hi]
    if issue.fix_en:
        lines.append(f"{messages.FIX.en}: {issue.fix_en}")
    if issue.fix_hi:
        lines.append(f"{messages.FIX.hi}: {issue.fix_hi}")
    return "\n".join(lines)


def fatal_text(issues: Sequence[Issue]) -> str:
    """Why the book cannot be read, bilingual, one issue after another with where and how to fix."""
    parts = [messages.CANNOT_READ_LEDGER.both()]
    parts.extend(
        f"- [{_where(issue)}] {_issue_text(issue)}" for issue in issues if issue.severity is Severity.FATAL
    )
    return "\n".join(parts)


# --------------------------------------------------------------------------- arguments


def parse_date(text: str) -> dt.date:
    """A date as typed on the command line, read as a Journal cell is (the cell grammar): 01/04/2025,
    1-Apr-2025, 2025-04-01 ...; what is not a date says why.

    >>> parse_date("01/04/2025"), parse_date("1-Apr-2025"), parse_date("2025-04-01")
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> parse_date("31/04/2025")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: Cannot read the date '31/04/2025': April has 30 days. Fix: write it as \
dd/mm/yyyy, for example 01/04/2025.
    तिथि '31/04/2025' पढ़ी नहीं जा सकी: अप्रैल में 30 दिन होते हैं। सुधार: dd/mm/yyyy की तरह लिखें, जैसे 01/04/2025।
    """
    from addin.engine.cells import CellValueError, read_date  # pandas loads only when a date is given

    try:
        return read_date(text)
    except CellValueError as exc:
        bad = messages.BAD_DATE.format(text=text, reason=exc.reason.en, reason_hi=exc.reason.hi)
        raise argparse.ArgumentTypeError(bad.both()) from None


def _book_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("book", type=Path, metavar="BOOK.xlsx", help="the workbook / कार्यपुस्तिका")


def _output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="output format")
    parser.add_argument(
        "--write", action="store_true",
        help="write the results into the workbook (saved atomically, previous file kept as .bak.xlsx)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no notes")


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=parse_date, metavar="DD/MM/YYYY", help="first date")
    parser.add_argument("--to", dest="end", type=parse_date, metavar="DD/MM/YYYY", help="last date")


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    _output_arguments(parser)


def _trial_balance_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("--as-of", type=parse_date, metavar="DD/MM/YYYY", help="balances up to this date")
    _output_arguments(parser)


def _ledger_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("account", metavar="ACCOUNT", help="account code or name / खाता कोड या नाम")
    _period_arguments(parser)
    _output_arguments(parser)


def _day_book_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    _period_arguments(parser)
    _output_arguments(parser)


def _new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=("general-ledger",), help="which template")
    parser.add_argument("out", type=Path, metavar="OUT.xlsx", help="where to write it")
    parser.add_argument("--demo", action="store_true", help="fill it with the demo company's books")
    parser.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=DEFAULT_DEMO_DIR, metavar="DIR", help="output folder")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--http", action="store_true", help="plain HTTP (development only)")
    parser.add_argument("--host", help="interface to listen on")
    parser.add_argument("--port", type=int, help="port to listen on")


# --------------------------------------------------------------------------- running macros on a file


def run_on_file(term: Terminal, path: Path, macro: MacroCall, *, write: bool, **options: Any) -> RunResult:
    """Open ``path``, run ``macro`` on it with a progress bar and, when writing, save it once."""
    with term.phases("reading", "checking", "reporting", "writing", "saving") as progress:
        progress("reading")
        with FileBook.open(path) as book:  # BookError when the file cannot be read
            result = macro(book, write=write, progress=progress, **options)
            if write and not result.fatal:
                progress("saving")
                book.save()
    if result.written and not result.fatal:
        term.note(messages.SAVED.format(path=path).both())
    return result


def emit(
    term: Terminal, result: RunResult, args: argparse.Namespace, fields: Sequence[str], title: str
) -> int:
    """Print a report run's result in the chosen format and return the exit code."""
    if result.fatal:
        term.warn(fatal_text(result.issues))
        return EXIT_UNREADABLE
    records = result.records()
    if args.format == "json":
        render_json(term, records)
    elif args.format == "csv":
        render_csv(term, records)
    else:
        render_records(term, records, fields, title)
    if result.partial:
        term.warn(messages.PARTIAL_REPORT.format(errors=result.counts.errors).both())
    return EXIT_ERRORS if result.has_errors else EXIT_OK


# --------------------------------------------------------------------------- commands


def run_validate(args: argparse.Namespace, term: Terminal) -> int:
    result = run_on_file(term, args.book, validate_book, write=args.write)
    if result.fatal:
        term.warn(fatal_text(result.issues))
        return EXIT_UNREADABLE
    if args.format == "json":
        render_json(term, result.records())
    elif args.format == "csv":
        render_csv(term, result.records())
    elif result.issues or not args.quiet:  # quiet and clean: nothing to say
        render_issues_text(term, result)
    return EXIT_ERRORS if result.has_errors else EXIT_OK


TRIAL_BALANCE_FIELDS = ("account", "name", "type", "opening", "debit", "credit", "closing")


def run_trial_balance(args: argparse.Namespace, term: Terminal) -> int:
    result = run_on_file(term, args.book, trial_balance_of, write=args.write, as_of=args.as_of)
    code = emit(term, result, args, TRIAL_BALANCE_FIELDS, "Trial Balance / तलपट")
    if args.format == "text" and result.report is not None:
        term.say(balance_text(result.report).both())
    return code


def balance_text(tb: Any) -> messages.Text:
    """The trial balance's totals and whether it agrees."""
    totals = tb.totals
    amounts = {name: format_inr(getattr(totals, name)) for name in ("opening", "debit", "credit", "closing")}
    verdict = messages.BALANCED if tb.balanced else messages.NOT_BALANCED.format(
        difference=format_inr(tb.difference)
    )
    line = messages.TOTALS.format(**amounts)
    return messages.Text(f"{line.en}\n{verdict.en}", f"{line.hi}\n{verdict.hi}")


STATEMENT_FIELDS = ("date", "voucher", "narration", "counter_account", "debit", "credit", "balance")


def run_ledger(args: argparse.Namespace, term: Terminal) -> int:
    result = run_on_file(
        term, args.book, statement_of, write=args.write, account=args.account, start=args.start, end=args.end
    )
    if result.note is not None:  # the account is not in the Accounts table
        term.warn(result.note.both())
        return EXIT_UNREADABLE
    return emit(term, result, args, STATEMENT_FIELDS, f"Account Statement / खाता विवरण: {args.account}")


DAY_BOOK_FIELDS = ("date", "voucher", "account", "name", "narration", "debit", "credit")


def run_day_book(args: argparse.Namespace, term: Terminal) -> int:
    result = run_on_file(term, args.book, day_book_of, write=args.write, start=args.start, end=args.end)
    return emit(term, result, args, DAY_BOOK_FIELDS, "Day Book / रोज़नामचा")


def run_new(args: argparse.Namespace, term: Terminal) -> int:
    from workbook_templates.build import build_general_ledger

    if args.out.exists() and not args.force:
        raise BookError(
            f"{args.out} already exists; it was not touched.",
            f"{args.out} पहले से मौजूद है; उसे छुआ नहीं गया।",
            fix_en="choose another name, or add --force to replace it",
            fix_hi="दूसरा नाम चुनें, या बदलने के लिए --force जोड़ें",
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    build_general_ledger(args.out, demo=args.demo)
    term.say(messages.NEW_BOOK.format(path=args.out).both())
    return EXIT_OK


def run_demo(args: argparse.Namespace, term: Terminal) -> int:
    """Copy the demo workbook, validate it and write its trial balance, then summarise."""
    target = args.out / DEMO_FILE_NAME
    term.say(messages.DEMO_INTRO.format(path=target).both())
    source = demo_source(target)
    phases = term.phases("reading", "checking", "reporting", "writing", "saving")
    with phases as progress, FileBook.open(source) as book:
        checked = validate_book(book, write=True, progress=progress)
        report = trial_balance_of(book, write=True, progress=progress)
        progress("saving")
        book.save_as(target)  # the committed demo stays as it is; the output needs no backup
    term.say(demo_summary(checked, report).both())
    term.say(messages.DEMO_WRITTEN.format(path=target).both())
    return EXIT_OK


def demo_source(target: Path) -> Path:
    """The committed demo workbook, or (in a copy without it) one built afresh at ``target``."""
    from workbook_templates.build import DEMO_PATH, build_general_ledger

    target.parent.mkdir(parents=True, exist_ok=True)
    if Path(DEMO_PATH).exists():
        return Path(DEMO_PATH)
    return build_general_ledger(target, demo=True)


def demo_summary(checked: RunResult, report: RunResult) -> messages.Text:
    """What the demo found: issues by rule, the trial balance totals, and where the output is."""
    counts = summary_text(checked)
    by_rule = "".join(f"\n  {rule}: {n}" for rule, n in checked.issues_by_rule().items())
    parts_en = [counts.en, messages.DEMO_BY_RULE.en + by_rule] if by_rule else [counts.en]
    parts_hi = [counts.hi, messages.DEMO_BY_RULE.hi + by_rule] if by_rule else [counts.hi]
    if report.report is not None:
        balance = balance_text(report.report)
        parts_en.append(balance.en)
        parts_hi.append(balance.hi)
    if checked.issues:
        parts_en.append(messages.DEMO_PLANTED.en)
        parts_hi.append(messages.DEMO_PLANTED.hi)
    return messages.Text("\n".join(parts_en), "\n".join(parts_hi))


def run_serve(args: argparse.Namespace, _term: Terminal) -> int:
    """Hand over to the server; imported only here, so that the command works without it."""
    try:
        from addin.server.serve import main as serve_main
    except ImportError as exc:
        raise BookError(messages.SERVER_MISSING.en, messages.SERVER_MISSING.hi) from exc
    argv = ["--http"] if args.http else []
    if args.host:
        argv += ["--host", args.host]
    if args.port:
        argv += ["--port", str(args.port)]
    return int(serve_main(argv) or 0)


def _reconcile_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("--account", metavar="CODE", help="bank account (default: Settings' Bank Account)")
    parser.add_argument("--as-of", type=parse_date, metavar="DD/MM/YYYY", help="reconcile up to this date")
    parser.add_argument("--undo", metavar="RUN", help="undo reconciliation run RUN (e.g. R3) instead")
    _output_arguments(parser)


RECONCILE_FIELDS = ("match_id", "rule", "confidence", "bank_rows", "journal_rows")


def run_reconcile(args: argparse.Namespace, term: Terminal) -> int:
    """Match the bank statement to the bank account's lines (or undo a run) and show the matches."""
    from addin.macros.reconcile import reconcile_book

    if args.undo:
        result = run_on_file(term, args.book, _undo, write=args.write, run=args.undo)
        if result.note is not None:
            term.say(result.note.both())
        return EXIT_OK
    result = run_on_file(
        term, args.book, reconcile_book, write=args.write, account=args.account, as_of=args.as_of
    )
    if args.format == "json" and not result.fatal:
        term.print_raw(json.dumps(result.report.as_json(), ensure_ascii=False, indent=2, default=str) + "\n")
        return EXIT_ERRORS if result.has_errors else EXIT_OK
    code = emit(term, result, args, RECONCILE_FIELDS, "Bank Reconciliation / बैंक मिलान")
    if args.format == "text" and result.report is not None:
        matching = result.report.matching
        term.say(messages.RECONCILED.format(
            matches=len(matching.matches), bank=len(matching.unmatched_bank),
            journal=len(matching.unmatched_journal),
        ).both())
    return code


def _undo(book: Workbook, *, write: bool, run: str, progress: Progress) -> RunResult:
    from addin.macros.reconcile import undo_reconciliation

    progress("writing")
    return undo_reconciliation(book, run, write=write)


def _mapping(text: str) -> list[tuple[str, str]]:
    """The ``FIELD=COLUMN`` pairs of one argument of ``--map`` (see :func:`mapping_pairs`)."""
    from addin.macros.import_statement import BAD_MAPPING, mapping_pairs

    pairs = mapping_pairs(text)
    if pairs is None:
        raise argparse.ArgumentTypeError(BAD_MAPPING.format(text=text).both())
    return pairs


def _import_statement_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("file", type=Path, metavar="FILE", help="the bank's statement / बैंक विवरण फ़ाइल")
    parser.add_argument(
        "--map",
        action="extend",
        nargs="+",
        type=_mapping,
        default=[],
        metavar="FIELD=COLUMN",
        help="the file's column for each field when its layout is not recognised, "
        'e.g. --map date="Txn Date" description=Remarks amount=Amount',
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no list of lines added")


IMPORT_FIELDS = ("date", "description", "reference", "withdrawal", "deposit", "balance")


def run_import_statement(args: argparse.Namespace, term: Terminal) -> int:
    """Append the statement file's new lines to the BankStatement table; save (backup kept)."""
    from addin.macros.import_statement import NOT_IMPORTED, import_statement, read_statement_file

    data = read_statement_file(args.file)
    mapping = {field: column for pairs in args.map for field, column in pairs} or None
    result = run_on_file(
        term, args.book, import_statement, write=True, data=data, filename=args.file.name, mapping=mapping
    )
    listed = [f"- [{_where(i)}] {_issue_text(i)}" for i in result.issues]
    if result.fatal:
        term.warn("\n".join([NOT_IMPORTED.both(), *listed]))
        return EXIT_UNREADABLE
    if result.report is not None and result.report.added and not args.quiet:
        render_records(term, result.records(), IMPORT_FIELDS, "Bank Statement / बैंक विवरण")
    if listed:
        term.warn("\n".join(listed))
    if result.note is not None:
        term.say(result.note.both())
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _audit_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no list of changes")


AUDIT_FIELDS = ("change", "voucher", "version", "row", "date", "account", "debit", "credit", "narration")


def run_audit(args: argparse.Namespace, term: Terminal) -> int:
    """Verify the Audit Log's chain (with BAHI_AUDIT_KEY when set) and list the changes since it;
    exit 0 intact, 1 broken or changed in the locked period, 2 unreadable. Never writes."""
    from addin.macros.audit_report import audit_book

    result = run_on_file(term, args.book, audit_book, write=False)
    if result.fatal:
        term.warn(fatal_text(result.issues))
        return EXIT_UNREADABLE
    if args.format == "json":
        payload = {**result.report.as_json(), "issues": [i.as_dict() for i in result.issues]}
        term.print_raw(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        if result.report.as_records() and not args.quiet:
            render_records(term, result.records(), AUDIT_FIELDS, "Changes / बदलाव")
        if result.issues:
            render_issues_text(term, result)
        if result.note is not None:
            term.say(result.note.both())
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _month(text: str) -> str:
    from addin.macros.close import BAD_MONTH
    from addin.macros.close_sheet import parse_month

    if parse_month(text) is None:
        raise argparse.ArgumentTypeError(BAD_MONTH.format(month=text).both())
    return text.strip()


def _close_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument(
        "--month", required=True, type=_month, metavar="YYYY-MM", help="the month, e.g. 2025-06"
    )
    _output_arguments(parser)


CLOSE_FIELDS = ("check", "result", "detail")


def run_close(args: argparse.Namespace, term: Terminal) -> int:
    """Close a month: every check, the trial balance, the bank reconciliation; with --write, lock it."""
    from addin.macros.close import close_month_of

    result = run_on_file(term, args.book, close_month_of, write=args.write, month=args.month)
    if result.fatal:
        term.warn(fatal_text(result.issues))
        return EXIT_UNREADABLE
    if args.format == "json":
        render_json(term, result.records() if result.report is not None else [])
    elif args.format == "csv":
        render_csv(term, result.records() if result.report is not None else [])
    elif result.report is not None:
        render_records(term, result.records(), CLOSE_FIELDS, f"Close / माह बंद: {args.month}")
        if result.report is not None and not result.report.outcome.may_close:
            render_issues_text(term, result)
    if result.note is not None:
        term.say(result.note.both())
    closed = result.report is not None and result.report.outcome.may_close
    return EXIT_OK if closed or (result.report is None and not result.has_errors) else EXIT_ERRORS


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, one-line help, how to add its arguments, and how to run it."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Terminal], int]


COMMANDS: tuple[Command, ...] = (
    Command("validate", "check the books; exit 1 when they have errors", _validate_arguments, run_validate),
    Command("trial-balance", "trial balance (तलपट)", _trial_balance_arguments, run_trial_balance),
    Command("ledger", "one account's statement (खाता विवरण)", _ledger_arguments, run_ledger),
    Command("daybook", "the day book (रोज़नामचा)", _day_book_arguments, run_day_book),
    Command("new", "create a workbook from a template", _new_arguments, run_new),
    Command("demo", "validate and summarise the demo workbook into out/", _demo_arguments, run_demo),
    Command("serve", "run the Bahi add-in server (xlwings Server)", _serve_arguments, run_serve),
    Command("reconcile", "match the bank statement (बैंक मिलान)", _reconcile_arguments, run_reconcile),
    Command(
        "import-statement",
        "add a bank statement file's new lines (विवरण आयात)",
        _import_statement_arguments,
        run_import_statement,
    ),
    Command("audit", "verify the audit trail, list changes since it (ऑडिट)", _audit_arguments, run_audit),
    Command("close", "close a month: check, then lock it (माह बंद)", _close_arguments, run_close),
    # A new subcommand is one line here: Command(name, help, add_arguments, run).
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bahi", description="Bahi (बही): validate and summarise Excel ledger workbooks."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        child = sub.add_parser(command.name, help=command.help, description=command.help)
        command.arguments(child)
        child.set_defaults(run=command.run)
    return parser


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    """The ``bahi`` command; returns the exit code."""
    _use_utf8(sys.stdout, sys.stderr)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a wrong command line (argparse has printed why)
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    term = Terminal.of(sys.stdout, sys.stderr, quiet=getattr(args, "quiet", False))
    with recording(audit_command(args, argv), os_user()):  # who and what the Audit Log records
        return guarded(term, lambda: int(args.run(args, term)))


def audit_command(args: argparse.Namespace, argv: list[str] | None) -> str:
    """The command line as the Audit Log records it: ``bahi`` and its arguments, the book by its
    file name only (no folders)."""
    words = list(sys.argv[1:] if argv is None else argv)
    book = getattr(args, "book", None)
    shown = [Path(w).name if book is not None and Path(w) == book else w for w in words]
    return " ".join(["bahi", *shown])


def guarded(term: Terminal, run: Callable[[], int]) -> int:
    """Run a command, turning every failure into a bilingual message and an exit code."""
    try:
        return run()
    except BookError as exc:
        term.warn(exc.bilingual())
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        term.warn(messages.INTERRUPTED.both())
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `bahi … | head`: the reader left; nothing more to say
        _silence_stdout()
        return EXIT_OK
    except Exception:
        if os.environ.get("BAHI_DEBUG") == "1":
            term.err.file.write(traceback.format_exc())
        term.warn(messages.INTERNAL_ERROR.both())
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
