"""The ``bahi`` command: the ribbon's macros, run on a workbook file.

    bahi validate BOOK.xlsx [--format text|json|csv] [--write] [--quiet]
    bahi trial-balance BOOK.xlsx [--as-of DD/MM/YYYY] [--format ...] [--write]
    bahi ledger BOOK.xlsx ACCOUNT [--from DD/MM/YYYY] [--to DD/MM/YYYY] [--format ...] [--write]
    bahi daybook BOOK.xlsx [--from DD/MM/YYYY] [--to DD/MM/YYYY] [--format ...] [--write]
    bahi reconcile BOOK.xlsx [--account CODE] [--as-of DD/MM/YYYY] [--undo RUN] [--write]
    bahi import-statement BOOK.xlsx FILE [--map FIELD=COLUMN ...] [--quiet]
    bahi statements BOOK.xlsx [--period PERIOD | --from DATE --to DATE] [--compare previous|last-year]
                    [--monthly] [--statement pl|bs|cf] [--format ...] [--write]
    bahi budget BOOK.xlsx [--as-of DATE] [--format ...] [--write]
    bahi new general-ledger OUT.xlsx [--demo]
    bahi new trading OUT.xlsx [--demo]
    bahi post BOOK.xlsx [--write] [--format text|json|csv]
    bahi aging BOOK.xlsx [--side receivables|payables] [--as-of DATE] [--format ...] [--write]
    bahi party BOOK.xlsx PARTY [--from DATE] [--to DATE] [--format ...] [--write]
    bahi invoice BOOK.xlsx NUMBER [--pdf FILE.pdf] [--format ...] [--write]
    bahi gst-returns BOOK.xlsx [--period YYYY-MM | --from D --to D] [--json-out FILE] [--gstr3b-out FILE]
                     [--format ...] [--write]
    bahi gstr2b BOOK.xlsx 2B_FILE [--period YYYY-MM] [--format ...] [--write]
    bahi audit BOOK.xlsx [--format text|json]
    bahi close BOOK.xlsx --month YYYY-MM [--format ...] [--write]
    bahi demo [--out DIR]
    bahi serve [--http] [--host HOST] [--port PORT]
    bahi --version

Exit codes: 0 fine; 1 the books have errors (reports are still printed); 2 the book cannot be read
(unreadable file, missing table or column) or the command line is wrong (a date that is no date, a
period that ends before it starts, an unknown reconciliation run); 3 internal error (traceback with
``BAHI_DEBUG=1``); 130 interrupted. Results go to stdout, messages and the progress bar to stderr;
``--quiet``/``-q`` (after the command or before it) silences the notes and the progress bar.

Text output is a table laid out for the terminal's width (``COLUMNS``; unlimited when stdout is a
file or a pipe and ``COLUMNS`` is unset): amounts lakh-grouped and never cut, balances with Dr/Cr,
dates as dd/mm/yyyy, narration wrapped (:mod:`addin.text_table`). JSON keeps Hindi as it is (no
``\\u`` escapes); CSV starts with a UTF-8 byte order mark so that Excel opens it with Hindi intact.
JSON and CSV write dates as ISO (2025-04-01) and amounts as plain decimals, for programs and Excel
in any locale.

Subcommands come from :data:`COMMANDS`: adding one is a :class:`Command` with a function adding its
arguments and a function running it.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import shutil
import sys
import threading
import traceback
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn, TextIO

from rich.console import Console
from rich.progress import BarColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as ProgressDisplay
from rich.table import Table

from addin import messages
from addin.books.base import BookError, Workbook
from addin.books.file_book import FileBook
from addin.engine.arrow_memory import use_system_allocator
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.issues import Issue, Severity
from addin.engine.money import format_inr, group_indian, to_decimal_string
from addin.macros.audit import os_user, recording
from addin.macros.ledger_macros import day_book_of, statement_of, trial_balance_of, validate_book
from addin.macros.run import Progress, RunResult
from addin.text_table import Kind, RowsDone, table_columns, text_width, write_table
from addin.text_table import balance_text as side_text

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2
EXIT_USAGE = 2  # the command line is wrong (argparse's own code)
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

PROGRESS_DELAY_SECONDS = 1.0
REPORT_PHASES = ("reading", "checking", "reporting", "writing", "saving", "printing")
TEXT_ISSUE_LIMIT = 200  # issues listed in text output; JSON, CSV and the Issues sheet have them all
WIDE = 200  # rich's width for the issues table when stdout is a file or a pipe
BOM = "\ufeff"  # starts CSV output: Excel then reads it as UTF-8 (Hindi intact)
DATE_HINT = "DD/MM/YYYY"
DATE_SHOWN = "%d/%m/%Y"
DEFAULT_DEMO_DIR = Path("out")
DEMO_FILE_NAME = "bahi-demo.xlsx"

MacroCall = Callable[..., RunResult]

# Commands other than validate and the reports import what they need when they run (start-up time):
# reconciliation, statement import and the template builder are imported inside their functions.


# --------------------------------------------------------------------------- terminal


class PhaseBar:
    """A progress bar on stderr naming the macro's phases; it appears only once a run passes a second.

    Used as the macros' ``progress`` callback; while a long table is printed, :meth:`printing` gives
    the callback that counts its rows. Off when quiet or when stderr is not a terminal; put away
    before a table is printed to a terminal (the rows scrolling by are the progress there).
    """

    def __init__(
        self, console: Console, *, enabled: bool, phases: Sequence[str], hide_when_printing: bool = False
    ) -> None:
        self._console = console
        self._enabled = enabled
        self._phases = list(phases)
        self._hide_when_printing = hide_when_printing
        self._current = ""
        self._rows = ""
        self._fraction = 0.0
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
        self._stop()

    def __call__(self, phase: str) -> None:
        with self._lock:
            self._current, self._rows, self._fraction = phase, "", 0.0
            self._refresh()

    def printing(self, total: int) -> RowsDone | None:
        """Enter the "printing" phase of ``total`` rows; the callback to tell it rows done (or None)."""
        self("printing")
        self.rows(0, total)
        if self._hide_when_printing:
            self._stop()
            return None
        return self.rows if self._enabled else None

    def rows(self, done: int, total: int) -> None:
        """``done`` of ``total`` rows are printed."""
        with self._lock:
            self._rows = f" {group_indian(str(done))} / {group_indian(str(total))}"
            self._fraction = done / total if total else 1.0
            self._refresh()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._enabled = False
            if self._bar is not None:
                self._bar.stop()
                self._bar = None

    def _refresh(self) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=self._label(), completed=self._done())

    def _label(self) -> str:
        text = messages.PHASES.get(self._current)
        return (f"{text.en} / {text.hi}" if text else self._current) + self._rows

    def _done(self) -> float:
        return self._phases.index(self._current) + self._fraction if self._current in self._phases else 0

    def _show(self) -> None:
        with self._lock:
            if not self._enabled:
                return
            self._bar = ProgressDisplay(
                TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                console=self._console, transient=True,
            )
            total, done = len(self._phases), int(self._done())
            self._task = self._bar.add_task(self._label(), total=total, completed=done)
            self._bar.start()


@dataclass(frozen=True)
class Terminal:
    """Where results (stdout) and messages (stderr) go, as rich consoles.

    ``width`` is what tables are laid out for: ``COLUMNS`` when set, else the terminal's width; None
    (no limit) when stdout is a file or a pipe.
    """

    out: Console
    err: Console
    quiet: bool = False
    width: int | None = None

    @classmethod
    def of(cls, stdout: TextIO, stderr: TextIO, *, quiet: bool) -> Terminal:
        width = screen_width(stdout)
        return cls(
            Console(file=stdout, width=width or WIDE, highlight=False, soft_wrap=False),
            Console(file=stderr, highlight=False, soft_wrap=True),
            quiet,
            width,
        )

    @property
    def styled(self) -> bool:
        """Whether stdout shows bold (a terminal that takes styles)."""
        return self.out.is_terminal and self.out.color_system is not None

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
        return PhaseBar(self.err, enabled=enabled, phases=names, hide_when_printing=self.out.is_terminal)


def screen_width(stream: TextIO) -> int | None:
    """The width to lay tables out for: ``COLUMNS``, else the terminal's; None for a file or pipe."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return shutil.get_terminal_size().columns
    return None


def _use_utf8(*streams: TextIO) -> None:
    """Write UTF-8 whatever the locale says (Hindi must never raise UnicodeEncodeError)."""
    for stream in streams:
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            with suppress(ValueError, OSError):  # a stream that cannot change encoding keeps its own
                reconfigure(encoding="utf-8")


# --------------------------------------------------------------------------- output


def heading(field: str) -> str:
    """A field's "English / हिन्दी" heading; a Dr or Cr column takes its amount's heading.

    >>> heading("debit"), heading("closing_cr")
    ('Debit / नामे', 'Closing Cr / अंतिम जमा')
    """
    if field in messages.HEADINGS:
        return messages.HEADINGS[field]
    base, _, side = field.rpartition("_")
    if side in {"dr", "cr"} and base in messages.HEADINGS:
        en, _, hi = messages.HEADINGS[base].partition(" / ")
        side_en, side_hi = ("Dr", "नामे") if side == "dr" else ("Cr", "जमा")
        return f"{en} {side_en} / {hi} {side_hi}"
    return field


def render_records(
    term: Terminal,
    records: Sequence[dict[str, Any]],
    fields: Sequence[str],
    title: str,
    progress: PhaseBar | None = None,
    *,
    amounts: Collection[str] = (),
) -> None:
    """Records as a table laid out for the terminal (:mod:`addin.text_table`): amounts lakh-grouped,
    balances Dr/Cr, dates dd/mm/yyyy, narration wrapped; totals bold, group accounts indented.
    ``amounts`` names more fields shown as amounts (a statement's period columns)."""
    columns = table_columns(records, fields, heading)
    columns = [replace(c, kind=Kind.AMOUNT) if c.field in amounts else c for c in columns]
    rows_done = progress.printing(len(records)) if progress is not None else None
    write_table(
        term.out.file, _labelled(records), columns,
        width=term.width, title=title, bold=_is_subtotal, styled=term.styled,
        indent=_depth if columns and columns[0].field in {"account", "name"} else None,
        progress=rows_done,
    )  # fmt: skip
    if not records:
        term.say(messages.NO_ROWS.both())


def _depth(record: Mapping[str, Any]) -> int:
    return int(record.get("level") or 0)


def _labelled(records: Sequence[dict[str, Any]]) -> Sequence[dict[str, Any]]:
    """Total and heading rows named in their narration as on the report's sheet ("Day total / दिन का
    योग", "Grand total / कुल योग"); other rows as they are."""
    labels = messages.ROW_LABELS
    return [
        {**r, "narration": r.get("narration") or messages.row_label(r["kind"])}
        if r.get("kind") in labels else r
        for r in records
    ]  # fmt: skip


def _is_subtotal(record: Mapping[str, Any]) -> bool:
    """A group account's row, or a total row (a day's total, an opening balance)."""
    return bool(record.get("is_group")) or str(record.get("kind", "line")) != "line"


def render_json(term: Terminal, records: Any) -> None:
    """JSON with Hindi as it is (UTF-8, no \\u escapes); dates ISO, amounts as decimal strings."""
    term.print_raw(json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n")


def render_csv(term: Terminal, records: Sequence[dict[str, Any]]) -> None:
    """CSV for Excel: a UTF-8 byte order mark first, so that Excel reads the Hindi as Hindi."""
    fields: dict[str, None] = {}
    for record in records:
        fields.update(dict.fromkeys(record))
    term.out.file.write(BOM)
    writer = csv.DictWriter(term.out.file, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(_labelled(records))
    term.out.file.flush()


def render_issues_text(term: Terminal, result: RunResult) -> None:
    """Issues as a table (the first :data:`TEXT_ISSUE_LIMIT`), then the summary."""
    if result.issues:
        table = Table(show_lines=True)
        for field in ("severity", "where", "rule", "message"):
            table.add_column(heading(field))
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


def fatal_text(issues: Sequence[Issue], header: messages.Text = messages.CANNOT_READ_LEDGER) -> str:
    """Why nothing could be done, bilingual, one issue after another with where and how to fix."""
    parts = [header.both()]
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


class UsageError(Exception):
    """The command line asks for something that cannot be (exit 2); ``text`` says why and the fix."""

    def __init__(self, text: messages.Text) -> None:
        super().__init__(text.en)
        self.text = text


def check_period(args: argparse.Namespace) -> None:
    """Refuse a period that ends before it starts (``--from`` after ``--to``)."""
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start is not None and end is not None and start > end:
        raise UsageError(
            messages.PERIOD_REVERSED.format(start=start.strftime(DATE_SHOWN), end=end.strftime(DATE_SHOWN))
        )


class Parser(argparse.ArgumentParser):
    """argparse, with its complaints about the command line followed by a bilingual hint."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        hint = messages.BAD_COMMAND_LINE.format(prog=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n{hint.both()}\n")


def package_version() -> str:
    """The installed package's version (the source tree's when it is not installed)."""
    try:
        return metadata.version("bahi")
    except metadata.PackageNotFoundError:
        from addin import __version__

        return __version__


def _book_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("book", type=Path, metavar="BOOK.xlsx", help="the workbook / कार्यपुस्तिका")


def _output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="output format")
    parser.add_argument(
        "--write", action="store_true",
        help="write the results into the workbook (saved atomically, previous file kept as .bak.xlsx)",
    )
    _quiet_argument(parser)


def _quiet_argument(parser: argparse.ArgumentParser, dest: str = "quiet") -> None:
    parser.add_argument("--quiet", "-q", dest=dest, action="store_true", help="no progress bar, no notes")


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=parse_date, metavar=DATE_HINT, help="first date")
    parser.add_argument("--to", dest="end", type=parse_date, metavar=DATE_HINT, help="last date")


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    _output_arguments(parser)


def _trial_balance_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("--as-of", type=parse_date, metavar=DATE_HINT, help="balances up to this date")
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
    parser.add_argument("kind", choices=("general-ledger", "trading"), help="which template")
    parser.add_argument("out", type=Path, metavar="OUT.xlsx", help="where to write it")
    parser.add_argument("--demo", action="store_true", help="fill it with the demo company's books")
    parser.add_argument("--force", action="store_true", help="replace OUT.xlsx if it exists")
    _quiet_argument(parser)


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=DEFAULT_DEMO_DIR, metavar="DIR", help="output folder")
    _quiet_argument(parser)


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--http", action="store_true", help="plain HTTP (development only)")
    parser.add_argument("--host", help="interface to listen on")
    parser.add_argument("--port", type=int, help="port to listen on")


# --------------------------------------------------------------------------- running macros on a file


def run_on_file(
    term: Terminal,
    path: Path,
    macro: MacroCall,
    *,
    write: bool,
    progress: PhaseBar | None = None,
    **options: Any,
) -> RunResult:
    """Open ``path``, run ``macro`` on it with a progress bar and, when writing, save it once.

    ``progress``: a bar the caller keeps open (to count the rows it prints next); else one of its own.
    """
    if progress is None:
        with term.phases(*REPORT_PHASES) as own:
            return run_on_file(term, path, macro, write=write, progress=own, **options)
    progress("reading")
    with FileBook.open(path) as book:  # BookError when the file cannot be read
        result = macro(book, write=write, progress=progress, **options)
        if write and not result.fatal:
            progress("saving")
            book.save()
    if result.written and not result.fatal:
        term.note(messages.SAVED.format(path=path, sheets=", ".join(result.written)).both())
    return result


def run_report(
    term: Terminal,
    args: argparse.Namespace,
    macro: MacroCall,
    fields: Sequence[str],
    title: str,
    **options: Any,
) -> tuple[RunResult, int]:
    """Run a report macro on the book and print it; the bar runs on while a long table prints.

    A report the macro could not make (its note says why: an account not in Accounts) is exit 2.
    """
    with term.phases(*REPORT_PHASES) as progress:
        result = run_on_file(term, args.book, macro, write=args.write, progress=progress, **options)
        if result.note is not None and not result.fatal:
            term.warn(result.note.both())
            return result, EXIT_UNREADABLE
        return result, emit(term, result, args, fields, title, progress=progress)


def emit(
    term: Terminal,
    result: RunResult,
    args: argparse.Namespace,
    fields: Sequence[str],
    title: str,
    *,
    progress: PhaseBar | None = None,
    amounts: Collection[str] = (),
) -> int:
    """Print a report run's result in the chosen format and return the exit code (``amounts``: see
    :func:`render_records`)."""
    if result.fatal:
        term.warn(fatal_text(result.issues))
        return EXIT_UNREADABLE
    records = result.records()
    if progress is not None and args.format != "text":
        progress("printing")
    if args.format == "json":
        render_json(term, records)
    elif args.format == "csv":
        render_csv(term, records)
    else:
        render_records(term, records, fields, title, progress, amounts=amounts)
    partial = result.partial_note()
    if partial is not None:  # a note (--quiet silences it): the exit code 1 says the books have errors
        term.note(partial.both())
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


TRIAL_BALANCE_FIELDS = (
    "account", "name", "type",
    "opening", "opening_dr", "opening_cr", "debit", "credit", "closing", "closing_dr", "closing_cr",
)  # fmt: skip
"""The trial balance's columns: a signed opening/closing gives way to its Dr and Cr pair when present."""


def run_trial_balance(args: argparse.Namespace, term: Terminal) -> int:
    result, code = run_report(
        term, args, trial_balance_of, TRIAL_BALANCE_FIELDS, "Trial Balance / तलपट", as_of=args.as_of
    )
    if args.format == "text" and result.report is not None and not result.fatal:
        term.say(totals_text(result.report).both())
    return code


def totals_text(tb: Any) -> messages.Text:
    """The trial balance's totals and whether it agrees; balances with Dr/Cr, never a bare minus."""
    totals = tb.totals
    amounts = {
        "opening": _signed(totals.opening), "debit": format_inr(totals.debit),
        "credit": format_inr(totals.credit), "closing": _signed(totals.closing),
    }  # fmt: skip
    verdict = messages.BALANCED if tb.balanced else messages.NOT_BALANCED.format(
        difference=format_inr(abs(tb.difference))
    )
    line = messages.TOTALS.format(**amounts)
    return messages.Text(f"{line.en}\n{verdict.en}", f"{line.hi}\n{verdict.hi}")


def _signed(paise: int) -> str:
    """A total balance in paise as "1,060.49 Cr" ("0.00" when nil)."""
    return side_text(to_decimal_string(paise)).strip()


STATEMENT_FIELDS = (
    "date", "voucher", "narration", "counter_account", "debit", "credit",
    "balance", "balance_dr", "balance_cr",
)  # fmt: skip


def run_ledger(args: argparse.Namespace, term: Terminal) -> int:
    title = f"Account Statement / खाता विवरण: {args.account}"
    options = {"account": args.account, "start": args.start, "end": args.end}
    return run_report(term, args, statement_of, STATEMENT_FIELDS, title, **options)[1]


DAY_BOOK_FIELDS = ("date", "voucher", "account", "name", "narration", "debit", "credit")


def run_day_book(args: argparse.Namespace, term: Terminal) -> int:
    title = messages.DAY_BOOK.titled()
    return run_report(term, args, day_book_of, DAY_BOOK_FIELDS, title, start=args.start, end=args.end)[1]


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
    if args.kind == "trading":
        from workbook_templates.trading import build_trading

        build_trading(args.out, demo=args.demo)
    else:
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
        balance = totals_text(report.report)
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
    parser.add_argument("--as-of", type=parse_date, metavar=DATE_HINT, help="reconcile up to this date")
    parser.add_argument("--undo", metavar="RUN", help="undo reconciliation run RUN (e.g. R3) instead")
    parser.add_argument(
        "--matches", action="store_true", help="text: list the matches too, after the BRS and the open lines"
    )
    _output_arguments(parser)


RECONCILE_FIELDS = ("match_id", "rule", "confidence", "bank_rows", "journal_rows")
BRS_FIELDS = ("date", "narration", "where", "amount", "balance", "could_be")


def run_reconcile(args: argparse.Namespace, term: Terminal) -> int:
    """Match the bank statement to the bank account's lines (or undo a run) and show the matches."""
    from addin.engine.schema import BANK_STATEMENT
    from addin.macros.reconcile import outcome, reconcile_book, statement_errors

    if args.undo:
        return run_undo(args, term)
    result = run_on_file(
        term, args.book, reconcile_book, write=args.write, account=args.account, as_of=args.as_of
    )
    if result.fatal:
        header = messages.CANNOT_READ_LEDGER if result.report is None else messages.CANNOT_RECONCILE
        term.warn(fatal_text(result.issues, header))
        return EXIT_UNREADABLE
    if result.note is not None:  # the statement has errors: nothing was matched or written
        wrong = statement_errors(result.issues, BANK_STATEMENT.sheet)
        term.warn("\n".join([result.note.both(), *(f"- [{_where(i)}] {_issue_text(i)}" for i in wrong)]))
        return _not_reconciled(term, args, result)
    if args.format == "json":
        render_json(term, result.report.as_json())
        return EXIT_ERRORS if result.has_errors else EXIT_OK
    if args.format == "csv":
        return emit(term, result, args, RECONCILE_FIELDS, "")
    report = result.report
    _render_brs(term, report)
    if args.matches:
        render_records(term, report.as_records(), RECONCILE_FIELDS, "Matches / मिलान")
    for text in outcome(report):
        term.say(text.both())
    if report.matching.matches and not args.matches:
        term.say(messages.MATCHES_WITH_FLAG.both())
    if report.possible and not args.write:
        term.say(messages.SHEETS_WITH_WRITE.both())
    partial = result.partial_note()
    if partial is not None:
        term.note(partial.both())
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _render_brs(term: Terminal, report: Any) -> None:
    """The bank reconciliation statement as the Bank Reconciliation sheet lays it out: the balance per
    bank, the open lines by section with their totals, the balance per books, the difference."""
    from addin.engine.schema import BANK_STATEMENT, JOURNAL
    from addin.macros.reconciliation_sheets import brs_records

    records = brs_records(report, bank_sheet=BANK_STATEMENT.sheet, journal_sheet=JOURNAL.sheet)
    if not records:
        return
    as_of = report.as_of.strftime(DATE_SHOWN) if report.as_of else ""
    account = f"{report.account} {report.account_name}"
    title = f"Bank Reconciliation Statement / बैंक समाधान विवरण: {account}, {as_of}"
    render_records(term, records, BRS_FIELDS, title)


def _not_reconciled(term: Terminal, args: argparse.Namespace, result: RunResult) -> int:
    """A statement with errors was not used: no matches are printed (none were applied), only the
    issues — JSON says ``"applied": false``; text has nothing more than the errors on stderr. Exit 1.

    Validate does not read the bank statement (its checks need the account being reconciled), so
    the statement's errors are listed here, by the command that found them."""
    issues = [i.as_dict() for i in result.issues]
    report = result.report
    if args.format == "json":
        as_of = report.as_of.isoformat() if report.as_of else None
        head = {"account": report.account, "name": report.account_name, "as_of": as_of}
        render_json(term, {**head, "applied": False, "issues": issues})
    elif args.format == "csv":
        render_csv(term, issues)
    return EXIT_ERRORS


def run_undo(args: argparse.Namespace, term: Terminal) -> int:
    """``reconcile --undo RUN``: an unknown run is exit 2; without ``--write`` nothing is saved (and said)."""
    result = run_on_file(term, args.book, _undo, write=args.write, run=args.undo)
    if result.report is None:  # no such active run in the log
        term.warn(result.note.both() if result.note is not None else args.undo)
        return EXIT_UNREADABLE
    if args.write:
        term.say(result.note.both() if result.note is not None else args.undo)
    else:
        term.say(messages.UNDO_NOT_SAVED.format(run=result.report.run, cells=result.report.cells).both())
    return EXIT_OK


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


POST_FIELDS = ("source", "kind", "status", "count", "amount")


def run_post(args: argparse.Namespace, term: Terminal) -> int:
    """Post the trade tables' documents to the Journal (with --write), then say what was done."""
    from addin.macros.post import post_book

    result = run_on_file(term, args.book, post_book, write=args.write)
    if result.fatal:
        term.warn(fatal_text(result.issues))
        return EXIT_UNREADABLE
    if args.format == "json":
        render_json(term, result.records())
    elif args.format == "csv":
        render_csv(term, result.records())
    else:
        if result.issues:
            render_issues_text(term, result)
        render_records(term, result.report.summary(), POST_FIELDS, "Posting / खाते में डालना")
    if result.note is not None:
        term.note(result.note.both())
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _statements_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument(
        "--period", metavar="PERIOD",
        help='a month (Apr-2025), a quarter ("Q1 2025-26"), a year (2025-26), YTD or "YTD Nov-2025"; '
        "default: the financial year in Settings",
    )  # fmt: skip
    _period_arguments(parser)
    parser.add_argument(
        "--compare", action="append", choices=("previous", "last-year"), default=[],
        help="add a column for the previous period or the same period last year (may be given twice)",
    )  # fmt: skip
    parser.add_argument("--monthly", action="store_true", help="a column for each month of the period")
    parser.add_argument(
        "--statement", choices=("pl", "bs", "cf"), help="print only this statement (--write writes all three)"
    )
    _output_arguments(parser)


STATEMENT_KINDS = {"pl": "profit_and_loss", "bs": "balance_sheet", "cf": "cash_flow"}
BOTH_PERIODS = messages.Text(
    "Give either --period or --from/--to, not both.", "--period या --from/--to में से एक ही दें, दोनों नहीं।"
)


@dataclass(frozen=True)
class _Printed:
    """Records to print in place of a run's report (one statement of several)."""

    records: list[dict[str, Any]]

    def as_records(self) -> list[dict[str, Any]]:
        return self.records


def run_statements(args: argparse.Namespace, term: Terminal) -> int:
    """The Statement of Profit and Loss, the Balance Sheet and the cash flow (and, with --write, their
    sheets and the Dashboard's charts)."""
    from addin.macros.statements import statement_lines, statements_of

    if args.period and (args.start or args.end):
        raise UsageError(BOTH_PERIODS)
    with term.phases(*REPORT_PHASES) as progress:
        result = run_on_file(
            term, args.book, statements_of, write=args.write, progress=progress, period=args.period,
            start=args.start, end=args.end, compare=tuple(args.compare), monthly=args.monthly,
        )  # fmt: skip
        if result.note is not None and result.report is None and not result.fatal:  # unreadable period
            raise UsageError(result.note)
        if result.note is not None and result.report is not None:  # a comparative before the books
            term.note(result.note.both())
        kinds = [STATEMENT_KINDS[args.statement]] if args.statement else list(STATEMENT_KINDS.values())
        if result.fatal or args.format != "text":
            records = [r for r in result.records() if r.get("statement", kinds[0]) in kinds]
            return emit(term, replace(result, report=_Printed(records)), args, (), "", progress=progress)
        wanted = [s for s in result.report.statements if s.kind in kinds]
        for number, statement in enumerate(wanted, start=1):
            lines, fields, amounts = statement_lines(statement)
            period = result.report.period.label
            title = f"{statement.company} — {statement.title} / {statement.title_hi}: {period}"
            if number < len(wanted):
                render_records(term, lines, fields, title, amounts=amounts)
                term.out.file.write("\n")
            else:  # the last one says, as every report does, whether the books had errors
                shown = replace(result, report=_Printed(lines))
                return emit(term, shown, args, fields, title, progress=progress, amounts=amounts)
    return EXIT_OK


def _budget_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("--as-of", type=parse_date, metavar=DATE_HINT,
                        help="year to date up to this day (default: the latest journal line)")  # fmt: skip
    _output_arguments(parser)


def run_budget(args: argparse.Namespace, term: Terminal) -> int:
    """The Budget table against the books: year to date, the year's forecast, adverse lines."""
    from addin.macros.statements import budget_lines, budget_of

    with term.phases(*REPORT_PHASES) as progress:
        result = run_on_file(
            term, args.book, budget_of, write=args.write, progress=progress, as_of=args.as_of
        )
        if result.fatal or args.format != "text":
            return emit(term, result, args, (), "", progress=progress)
        report = result.report.report
        lines, fields, amounts = budget_lines(report)
        title = f"Budget vs Actual / बजट बनाम वास्तविक: {report.as_of:%d/%m/%Y}"
        shown = replace(result, report=_Printed(lines))
        return emit(term, shown, args, fields, title, progress=progress, amounts=amounts)
# --------------------------------------------------------------------------- the sub-ledger (gstui)

AGING_FIELDS = (
    "side", "party", "name",
    "not_due", "days_0_30", "days_31_60", "days_61_90", "days_over_90", "on_account", "net",
)  # fmt: skip
PARTY_FIELDS = ("date", "kind", "number", "against", "debit", "credit", "balance")
INVOICE_FIELDS = (
    "description", "hsn", "qty", "unit", "price", "discount", "taxable", "gst_rate", "cgst", "sgst", "igst",
)  # fmt: skip


def _aging_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("--side", choices=("receivables", "payables"), help="one side only (default: both)")
    when = "age on this date (default: today, or the year's end)"
    parser.add_argument("--as-of", type=parse_date, metavar=DATE_HINT, help=when)
    _output_arguments(parser)


def _party_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("party", metavar="PARTY", help="party code or name / पक्ष कोड या नाम")
    _period_arguments(parser)
    _output_arguments(parser)


def _invoice_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("number", metavar="NUMBER", help="the invoice's number as on the Sales sheet")
    parser.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="print the tax invoice to this PDF")
    _output_arguments(parser)


def _report_or_note(term: Terminal, result: RunResult) -> int | None:
    """The exit code when there is nothing to print: the book cannot be read (2), or the report
    could not be made (its note says why: 2); None otherwise."""
    if result.fatal:
        term.warn(fatal_text(result.issues))
        return EXIT_UNREADABLE
    if result.report is None:
        if result.note is not None:
            term.warn(result.note.both())
        return EXIT_UNREADABLE
    return None


def run_aging(args: argparse.Namespace, term: Terminal) -> int:
    """Receivables and payables by days past due: per party in the terminal, bill by bill in JSON/CSV."""
    from addin.macros.trade_macros import aging_of

    result = run_on_file(term, args.book, aging_of, write=args.write, side=args.side, as_of=args.as_of)
    stop = _report_or_note(term, result)
    if stop is not None:
        return stop
    if args.format == "text":
        day = result.report.reports[0].as_of.strftime(DATE_SHOWN)
        render_records(term, result.report.table(), AGING_FIELDS, f"Aging / आयु विश्लेषण: {day}")
        return EXIT_ERRORS if result.has_errors else EXIT_OK
    return emit(term, result, args, AGING_FIELDS, "")


def run_party(args: argparse.Namespace, term: Terminal) -> int:
    """One party's documents and money with a running balance."""
    from addin.macros.trade_macros import party_ledger_of

    check_period(args)
    options = {"party": args.party, "start": args.start, "end": args.end}
    result = run_on_file(term, args.book, party_ledger_of, write=args.write, **options)
    stop = _report_or_note(term, result)
    if stop is not None:
        return stop
    ledger = result.report.ledger
    return emit(term, result, args, PARTY_FIELDS, f"Party Ledger / पक्ष खाता: {ledger.party} {ledger.name}")


def run_invoice(args: argparse.Namespace, term: Terminal) -> int:
    """One sales invoice as a tax invoice: its lines in the terminal, the Invoice sheet with --write,
    a PDF with --pdf."""
    from addin.macros.trade_macros import invoice_of

    result = run_on_file(term, args.book, invoice_of, write=args.write, number=args.number)
    stop = _report_or_note(term, result)
    if stop is not None:
        return stop
    invoice = result.report.invoice
    if result.note is not None:
        term.warn(result.note.both())
    if args.pdf is not None:
        from addin.invoice_pdf import write_invoice_pdf

        write_invoice_pdf(invoice, args.pdf)
        term.note(messages.PDF_WRITTEN.format(path=args.pdf, number=invoice.number).both())
    title = f"{invoice.title[0]} / {invoice.title[1]}: {invoice.number}"
    code = emit(term, result, args, INVOICE_FIELDS, title)
    if args.format == "text":
        term.say(invoice_totals_text(invoice))
    return code


def invoice_totals_text(invoice: Any) -> str:
    """Below the invoice's lines, as on its sheet and PDF: the taxable value, each tax, the round off
    and the invoice value (:func:`~addin.engine.trade.invoice.summary_lines`), amounts lakh-grouped
    and aligned; then the amount in words."""
    from addin.engine.trade.invoice import summary_lines

    lines = [(label, format_inr(paise)) for label, paise in summary_lines(invoice)]
    label_width = max(text_width(label) for label, _ in lines)
    amount_width = max(len(amount) for _, amount in lines)
    shown = [
        f"{label}{' ' * (label_width - text_width(label))}  {amount:>{amount_width}}"
        for label, amount in lines
    ]
    return "\n".join(["", *shown, "", "Amount in words / राशि शब्दों में", invoice.words_en, invoice.words_hi])


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
    if result.note is not None:  # on stderr beside JSON or CSV, so that stdout stays parseable
        (term.say if args.format == "text" else term.warn)(result.note.both())
    closed = result.report is not None and result.report.outcome.may_close
    return EXIT_OK if closed or (result.report is None and not result.has_errors) else EXIT_ERRORS


def _gst_period(text: str) -> Any:
    """``--period`` of the GST commands, read by :func:`addin.macros.gst_returns.parse_period`: that
    module (and the matcher it imports, with scipy) loads only when a GST command runs, not each time
    the parser is built."""
    from addin.macros.gst_returns import parse_period

    return parse_period(text)


def _gst_period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", type=_gst_period, metavar="YYYY-MM", help="the return's month, e.g. 2025-09"
    )
    _period_arguments(parser)


def _gst_returns_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    _gst_period_arguments(parser)
    parser.add_argument(
        "--json-out", type=Path, metavar="FILE",
        help="write the GSTR-1 JSON the portal's offline tool uploads",
    )
    parser.add_argument("--gstr3b-out", type=Path, metavar="FILE", help="write the GSTR-3B JSON (3.1 and 4)")
    _output_arguments(parser)


def _return_period(args: argparse.Namespace) -> Any:
    """The period ``--period`` or ``--from``/``--to`` name (both dates, not with --period); None for
    the default (the latest month with documents)."""
    from addin.engine.gst_returns.periods import ReturnPeriod
    from addin.macros.gst_returns import PERIOD_AND_DATES, PERIOD_NEEDS_BOTH

    if args.period is not None and (args.start or args.end):
        raise UsageError(PERIOD_AND_DATES)
    if (args.start is None) != (args.end is None):
        raise UsageError(PERIOD_NEEDS_BOTH)
    return args.period or (ReturnPeriod(args.start, args.end) if args.start else None)


GST_RETURN_FIELDS = ("return", "table", "description", "count", "taxable", "igst", "cgst", "sgst", "cess")


def run_gst_returns(args: argparse.Namespace, term: Terminal) -> int:
    """GSTR-1 and GSTR-3B of a period: the figures, the portal's JSON files, the GST Summary sheet."""
    from addin.macros.gst_returns import gst_returns_book, write_json

    period = _return_period(args)
    result = run_on_file(term, args.book, gst_returns_book, write=args.write, period=period)
    if result.fatal or result.report is None:
        term.warn(fatal_text(result.issues) if result.fatal else result.note.both())
        return EXIT_UNREADABLE
    report = result.report
    refused = report.portal_json_refused(args.json_out) if args.json_out is not None else None
    if refused is not None:
        term.warn(refused.both())
    elif args.json_out is not None:
        term.note(write_json(args.json_out, report.portal_json()).both())
    if args.gstr3b_out is not None:
        term.note(write_json(args.gstr3b_out, report.gstr3b_json()).both())
    code = emit(term, result, args, GST_RETURN_FIELDS, f"GST Returns / जीएसटी रिटर्न: {report.period.label}")
    if result.note is not None:
        term.note(result.note.both())
    return EXIT_UNREADABLE if refused is not None else code


def _gstr2b_arguments(parser: argparse.ArgumentParser) -> None:
    _book_argument(parser)
    parser.add_argument("file", type=Path, metavar="2B_FILE", help="the portal's GSTR-2B, JSON or Excel")
    _gst_period_arguments(parser)
    _output_arguments(parser)


GSTR2B_FIELDS = (
    "status", "differences", "gstin", "name", "books_number", "portal_number", "books_date", "portal_date",
    "books_taxable", "portal_taxable", "books_itc", "portal_itc",
)  # fmt: skip
GSTR2B_SUMMARY_FIELDS = ("status", "count", "books_taxable", "portal_taxable", "books_itc", "portal_itc")


def run_gstr2b(args: argparse.Namespace, term: Terminal) -> int:
    """Reconcile the portal's GSTR-2B with the Purchases; text shows what needs work and the counts."""
    from addin.macros.gst_returns import gstr2b_book, read_return_file

    period = _return_period(args)
    data = read_return_file(args.file)
    result = run_on_file(
        term, args.book, gstr2b_book, write=args.write, data=data, filename=args.file.name, period=period
    )
    if result.fatal:
        about_2b = any(i.rule.startswith(("unreadable-gstr2b", "gstr2b")) for i in result.issues)
        cannot = messages.CANNOT_RECONCILE if about_2b else messages.CANNOT_READ_LEDGER
        term.warn(fatal_text(result.issues, cannot))
        return EXIT_UNREADABLE
    if args.format != "text":
        code = emit(term, result, args, GSTR2B_FIELDS, "GSTR-2B")
    else:
        if result.issues:
            render_issues_text(term, result)
        open_lines = [r for r in result.records() if r["status"] != "matched"]
        render_records(term, open_lines, GSTR2B_FIELDS, "GSTR-2B: to look at / देखने योग्य")
        render_records(term, result.report.summary(), GSTR2B_SUMMARY_FIELDS, "GSTR-2B / जीएसटीआर-2बी")
        code = EXIT_ERRORS if result.has_errors else EXIT_OK
    if result.note is not None:
        term.note(result.note.both())
    return code


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
    Command("daybook", "the day book (दैनिक बही)", _day_book_arguments, run_day_book),
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
    Command("post", "post invoices, bills, receipts and payments to the Journal (खाते में डालें)",
            _validate_arguments, run_post),
    Command(
        "statements",
        "Schedule III Profit and Loss, Balance Sheet and cash flow (वित्तीय विवरण)",
        _statements_arguments,
        run_statements,
    ),
    Command("budget", "budget against actual, to date and forecast (बजट)", _budget_arguments, run_budget),
    Command("aging", "receivables and payables by days past due (आयु विश्लेषण)", _aging_arguments, run_aging),
    Command("party", "one party's ledger and pending bills (पक्ष खाता)", _party_arguments, run_party),
    Command("invoice", "a sales invoice as a tax invoice (कर बीजक)", _invoice_arguments, run_invoice),
    Command("gst-returns", "GSTR-1 and GSTR-3B of a period, with the portal's JSON (जीएसटी रिटर्न)",
            _gst_returns_arguments, run_gst_returns),
    Command("gstr2b", "reconcile the portal's GSTR-2B with the Purchases (जीएसटीआर-2बी मिलान)",
            _gstr2b_arguments, run_gstr2b),
    Command("audit", "verify the audit trail, list changes since it (ऑडिट)", _audit_arguments, run_audit),
    Command("close", "close a month: check, then lock it (माह बंद)", _close_arguments, run_close),
    # A new subcommand is one line here: Command(name, help, add_arguments, run).
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="bahi", description="Bahi (बही): validate and summarise Excel ledger workbooks.")
    parser.add_argument("--version", action="version", version=f"bahi {package_version()}")
    _quiet_argument(parser, dest="quiet_everywhere")  # `bahi -q daybook …` as well as `bahi daybook … -q`
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
    except SystemExit as exc:  # --help, --version, or a wrong command line (argparse has printed why)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    quiet = bool(args.quiet_everywhere or getattr(args, "quiet", False))
    args.quiet = quiet
    term = Terminal.of(sys.stdout, sys.stderr, quiet=quiet)
    # who and what the Audit Log records; the cyclic collector waits while a command runs on a book
    # (this process is Bahi's alone: see addin.engine.gc_pause), never while `serve` serves
    paused = contextlib.nullcontext() if args.command == "serve" else no_cyclic_gc()
    if args.command != "serve":
        use_system_allocator()  # Arrow's pages kept for reuse, not handed back: see addin.engine.arrow_memory
    with recording(audit_command(args, argv), os_user()), paused:
        return guarded(term, lambda: _checked_run(args, term))


def _checked_run(args: argparse.Namespace, term: Terminal) -> int:
    check_period(args)
    return int(args.run(args, term))


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
    except UsageError as exc:
        term.warn(exc.text.both())
        return EXIT_USAGE
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
