"""The Bahi ribbon buttons: one ``@script`` a button, each a thin wrapper over a macro.

Every script wraps the calling workbook in :class:`~addin.books.xlwings_book.XlwingsBook`, runs
the macro with ``write=True`` and ends with one bilingual alert summarising what happened. A
:class:`~addin.books.base.BookError`, a fatal issue or any unexpected failure becomes an alert in
English and Hindi naming the sheet, the cell and the fix — never a traceback.

``include=`` names the sheets whose values the task pane sends: the three input tables, plus the
Issues sheet (its Sheet and Cell columns say which highlights of the previous run to clear). Owned
output sheets are replaced whole, so their values are not needed.

With ``XLWINGS_ON_SERVER=true`` the decorators register these for xlwings Server; on Windows with
classic xlwings they are RunPython-able functions; anywhere else they are plain functions.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import xlwings as xw
from xlwings import script

from addin.books.base import BookError
from addin.books.xlwings_book import XlwingsBook
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.issues import Issue, Severity
from addin.engine.schema import (
    ACCOUNTS,
    AUDIT_DATA_SHEET,
    AUDIT_LOG_SHEET,
    BANK_STATEMENT,
    BUDGET,
    CLOSE_SHEET,
    DASHBOARD_SHEET,
    GSTR2B_SHEET,
    ISSUES_SHEET,
    JOURNAL,
    MATCH_RULES,
    PARTIES,
    RECONCILIATION_LOG_SHEET,
    REPORT_LINES,
    SALES,
    SETTINGS,
    TRADE_TABLES,
    canonical_column,
)
from addin.messages import DAY_BOOK
from addin.server.remote_book import discard_queued_actions, queue_alert, selected_range

logger = logging.getLogger(__name__)

TITLE = "Bahi / बही"
LAST_RUN_NAME = "BahiLastRun"
"""A workbook-level defined name holding a one-line summary of the last run (the task pane shows it)."""

AUDIT_SHEETS = [AUDIT_LOG_SHEET, AUDIT_DATA_SHEET, CLOSE_SHEET]
"""What the audit trail reads back (the log, its hidden snapshot, the months closed)."""
LEDGER_SHEETS = [ACCOUNTS.sheet, JOURNAL.sheet, SETTINGS.sheet, ISSUES_SHEET, *AUDIT_SHEETS]
TRADE_SHEETS = [*LEDGER_SHEETS, *dict.fromkeys(spec.sheet for spec in TRADE_TABLES)]
"""What a button that checks the whole book reads: the ledger's tables and the trade tables. A
workbook with the trade sheets is checked as a trading one (:func:`addin.macros.run.checked_book`),
so Validate, the ledger's reports and the trade buttons all need their tables, as ``bahi`` reads
them (a general ledger has no such sheets: nothing more is sent)."""
MAX_ALERT_ISSUES = 5

COULD_NOT_FINISH = (
    "Bahi could not finish: an internal error, not a mistake in your books; nothing was changed. The "
    "server's log has the details: press again, and report it if it happens again.\n"
    "बही काम पूरा नहीं कर सका: आंतरिक त्रुटि, आपकी बही की ग़लती नहीं; कुछ नहीं बदला। विवरण सर्वर के लॉग में "
    "है: फिर दबाएँ, और दोबारा हो तो सूचित करें।"
)
"""The alert of a run that failed inside Bahi (its traceback goes to the server's log, not to Excel)."""

RECONCILE_PENDING = (
    "Bank reconciliation is coming with the bank reconciliation macro.\n"
    "बैंक मिलान, बैंक मिलान मैक्रो के साथ आ रहा है।"
)


# -- messages --------------------------------------------------------------------------------------


def _where(issue: Issue) -> str:
    return f"{issue.sheet}!{issue.cell}" if issue.cell else issue.sheet


def issue_lines(issue: Issue) -> str:
    """One issue as the alert shows it: where, what and the fix, in English then Hindi."""
    en = f"{_where(issue)}: {issue.message_en}" + (f" Fix: {issue.fix_en}" if issue.fix_en else "")
    hi = f"{_where(issue)}: {issue.message_hi}" + (f" सुधार: {issue.fix_hi}" if issue.fix_hi else "")
    return f"• {en}\n  {hi}"


def count_issues(issues: list[Issue]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for i in issues:
        counts[i.severity.value] += 1
    return counts


def refused(result: Any) -> bool:
    """Whether a run stopped before doing its work (a month or period it cannot read, a run to undo
    that is not in the log, an account not in Accounts): its note says why, and it wrote nothing."""
    written = getattr(result, "written", ()) or ()
    return getattr(result, "note", None) is not None and not written and not getattr(result, "fatal", False)


def error_lines(issues: list[Issue]) -> list[str]:
    """The first :data:`MAX_ALERT_ISSUES` errors in full, then how many more there are."""
    errors = [i for i in issues if i.severity in (Severity.ERROR, Severity.FATAL)]
    lines = [issue_lines(i) for i in errors[:MAX_ALERT_ISSUES]]
    hidden = len(errors) - MAX_ALERT_ISSUES
    if hidden > 0:
        lines.append(f"… and {hidden} more / और {hidden}")
    return lines


def summary_text(what_en: str, what_hi: str, result: Any) -> str:
    """The alert after a run: counts, the first fatal issues in full, and the sheets it wrote (as the
    macro says: nothing when it wrote nothing). A refused run (:func:`refused`) says why and, as it
    writes no Issues sheet, lists the errors that stopped it (a bank statement that does not add up)."""
    note = getattr(result, "note", None)
    if refused(result):
        stopped = error_lines(list(getattr(result, "issues", []) or []))
        return "\n".join([f"{what_en} / {what_hi}", note.en, note.hi, *stopped])
    issues: list[Issue] = list(getattr(result, "issues", []) or [])
    counts = count_issues(issues)
    errors, warnings = counts["error"] + counts["fatal"], counts["warning"]
    lines = [f"{what_en} / {what_hi}"]
    looked = getattr(result, "counts", None)
    if looked is not None and getattr(looked, "lines", 0):
        seconds = float(getattr(result, "seconds", 0.0))
        lines.append(
            f"{looked.lines:,} journal lines, {looked.accounts:,} accounts in {seconds:.1f} s · "
            f"{looked.lines:,} प्रविष्टियाँ, {looked.accounts:,} खाते, {seconds:.1f} सेकंड"
        )
    lines.append(f"Errors {errors}, warnings {warnings} · त्रुटियाँ {errors}, चेतावनियाँ {warnings}")
    fatal = [i for i in issues if i.severity is Severity.FATAL]
    if fatal:
        lines.append("The workbook cannot be read as a ledger: / कार्यपुस्तिका खाता-बही के रूप में नहीं पढ़ी जा सकती:")
        lines += [issue_lines(i) for i in fatal[:MAX_ALERT_ISSUES]]
    elif issues:
        lines.append(f"See the '{ISSUES_SHEET}' sheet. / '{ISSUES_SHEET}' शीट देखें।")
    if note is not None:
        lines.append(f"{note.en}\n{note.hi}")
    if getattr(result, "partial", False):
        lines.append("The report covers the lines that could be read. / रिपोर्ट में केवल पढ़ी जा सकीं प्रविष्टियाँ हैं।")
    written = list(getattr(result, "written", ()) or ())
    if written and not fatal:
        lines.append("Written / लिखा गया: " + ", ".join(written))
    return "\n".join(lines)


def last_run_text(what_en: str, result: Any, now: dt.datetime | None = None) -> str:
    """The one-line record kept in the ``BahiLastRun`` name: what ran, when, and the counts (or
    that it did nothing, for a refused run)."""
    now = now or dt.datetime.now(dt.UTC)
    if refused(result):
        return f"{what_en} | {now:%Y-%m-%d %H:%M} UTC | nothing done"
    counts = count_issues(list(getattr(result, "issues", []) or []))
    return (
        f"{what_en} | {now:%Y-%m-%d %H:%M} UTC | errors {counts['error'] + counts['fatal']} | "
        f"warnings {counts['warning']}"
    )


def _alert(book: xw.Book, text: str, *, critical: bool = False) -> None:
    """The run's alert, in this book's own answer (:func:`~addin.server.remote_book.queue_alert`)."""
    queue_alert(book, text, TITLE, mode="critical" if critical else "info")


def _remember(book: xw.Book, text: str) -> None:
    """Keep the last run's summary in a defined name (our own text: digits, words, a date)."""
    formula = '="' + text.replace('"', "'") + '"'
    try:
        if LAST_RUN_NAME in [n.name for n in book.names]:
            book.names[LAST_RUN_NAME].refers_to = formula
        else:
            book.names.add(LAST_RUN_NAME, formula)
    except Exception:  # names are a convenience for the task pane, never worth failing a run
        logger.debug("could not record the last run", exc_info=True)


def book_adapter(book: xw.Book, upload: str = "") -> XlwingsBook:
    """The calling workbook as a Bahi workbook, with the sheets sent in blocks under ``upload``
    (raises the bilingual :class:`BookError` when that upload was not handed to this call:
    unknown, expired, incomplete or another sender's)."""
    if not upload:
        return XlwingsBook(book)
    from addin.server.uploads import attach, handed  # noqa: PLC0415 (server-only)

    return XlwingsBook(book, uploaded=attach(book, handed(upload)))


def run_macro(
    book: xw.Book,
    what_en: str,
    what_hi: str,
    call: Callable[[XlwingsBook], Any],
    *,
    upload: str = "",
    adapter: XlwingsBook | None = None,
    extra: Callable[[Any], str] = lambda _result: "",
    user: str = "",
) -> Any:
    """Run one macro over ``book`` and finish with a bilingual alert, whatever happens.

    ``upload`` names a big sheet sent in blocks (see :mod:`addin.server.uploads`), unless an
    ``adapter`` already holds it; ``extra`` adds a line to the alert of a run that reported. The
    cyclic garbage collector waits while the macro runs (:func:`no_cyclic_gc`): the payload is a
    million objects at 100,000 lines, and each collection would walk them all. That pause is
    taken only in a process that runs one macro at a time (an add-in server worker, desktop
    xlwings); in the server's own process it does nothing (see :mod:`addin.engine.gc_pause`).
    ``user`` is the Office user when the add-in knows it (Entra ID): the Audit Log names it
    (Settings' User first)."""
    from addin.macros.audit import recording  # noqa: PLC0415 (macros load on first click)

    try:
        with no_cyclic_gc(), recording(f"Ribbon: {what_en}", user):
            result = call(adapter or book_adapter(book, upload))
    except BookError as exc:
        discard_queued_actions(book)
        _alert(book, f"{what_en} / {what_hi}\n{exc.bilingual()}", critical=True)
        return None
    except Exception:
        logger.exception("Bahi macro %s failed", what_en)
        discard_queued_actions(book)
        _alert(book, f"{what_en} / {what_hi}\n{COULD_NOT_FINISH}", critical=True)
        return None
    issues = list(getattr(result, "issues", []) or [])
    fatal = any(i.severity is Severity.FATAL for i in issues)
    _remember(book, last_run_text(what_en, result))
    text = summary_text(what_en, what_hi, result)
    more = extra(result) if getattr(result, "report", None) is not None and not refused(result) else ""
    _alert(book, f"{text}\n{more}" if more else text, critical=fatal or refused(result))
    return result


# -- which account a statement is for ------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def account_from_selection(adapter: XlwingsBook) -> str:
    """The account a statement should be for, from the active cell.

    On the Accounts sheet: the Code of the selected row. On the Journal: the Account of the
    selected row. Elsewhere: the selected cell's own text (a code or name typed anywhere).
    """
    selection = selected_range(adapter.book)
    if selection is None:
        return ""
    sheet = selection.sheet
    row = selection.row
    try:
        own = _cell_text(adapter.cell(sheet, row, selection.column))
    except Exception:  # the active sheet's values were not sent
        return ""
    for spec, column in ((ACCOUNTS, "Code"), (JOURNAL, "Account")):
        table = adapter.table_layout(spec)  # the header only: the macro reads the rows once, later
        if table is None or str(table.sheet.name).casefold() != str(sheet.name).casefold():
            continue
        names = [canonical_column(spec, h) for h in table.headings]
        if 0 < row - table.header_row <= table.rows and column in names:
            return _cell_text(adapter.cell(table.sheet, row, table.first_col + names.index(column)))
    return own


# -- the buttons -----------------------------------------------------------------------------------


@script(include=TRADE_SHEETS)
def bahi_validate(book: xw.Book, upload: str = "") -> None:
    """Validate: check Accounts, Journal and Settings (and a trading book's trade tables); list
    issues on the Issues sheet and highlight the offending cells."""
    from addin.macros.ledger_macros import validate_book  # noqa: PLC0415 (macros load on first click)

    run_macro(book, "Validate", "जाँच", lambda b: validate_book(b, write=True), upload=upload)


@script(include=TRADE_SHEETS)
def bahi_trial_balance(book: xw.Book, upload: str = "") -> None:
    """Trial Balance: closing balance of every account, debits and credits."""
    from addin.macros.ledger_macros import trial_balance_of  # noqa: PLC0415 (macros load on first click)

    run_macro(
        book,
        "Trial Balance",
        "तलपट",
        lambda b: trial_balance_of(b, write=True),
        upload=upload,
    )


def latest_only_text(start: dt.date | None, whole_en: str, whole_hi: str, command: str) -> str:
    """The alert's line saying a long report was cut to its latest period."""
    if start is None:
        return ""
    return (
        f"Only the latest period, from {start:%d/%m/%Y}, is on the sheet; the {whole_en}: {command}\n"
        f"शीट पर केवल {start:%d/%m/%Y} से नवीनतम अवधि है; {whole_hi}: {command}"
    )


def cut_from(report: Any) -> dt.date | None:
    """Where a report cut to its latest period starts, or None when it is whole: a Day Book says
    so itself (it starts at the financial year's first day when whole), a statement by its start."""
    latest = getattr(report, "latest", None)
    if latest is None:
        return report.start  # type: ignore[no-any-return]
    return report.start if latest else None


def _report_in_excel(
    macro: str, book: XlwingsBook, build: Callable[[Any], Any], sheet: Callable[..., Any]
) -> Any:
    """A report the way ``bahi`` runs it, but cut to its latest period when too long for one
    Office.js response (:data:`addin.macros.sheets.EXCEL_ROW_LIMIT`), the sheet's title saying so."""
    from addin.macros.ledger_macros import _run_report  # noqa: PLC0415 (macros load on first click)
    from addin.macros.run import no_progress  # noqa: PLC0415

    def cut_sheet(report: Any, settings: Any) -> Any:
        return sheet(report, settings, latest=cut_from(report) is not None)

    return _run_report(macro, book, build, cut_sheet, write=True, progress=no_progress)


@script(include=TRADE_SHEETS)
def bahi_account_statement(book: xw.Book, account: str = "", upload: str = "") -> None:
    """Account Statement: the ledger of one account with a running balance. The account is
    ``account`` (from the task pane) or else the active cell (a code or name, or a row of the
    Accounts or Journal table). An account with more than ``EXCEL_ROW_LIMIT`` lines gets its
    latest period (the opening balance takes in the rest); ``bahi ledger`` gives the whole."""
    from addin.macros.sheets import recent_statement, statement_sheet  # noqa: PLC0415

    try:
        adapter = book_adapter(book, upload)
    except BookError as exc:
        _alert(book, f"Account Statement / खाता विवरण\n{exc.bilingual()}", critical=True)
        return
    chosen = account.strip() or account_from_selection(adapter)
    if not chosen:
        _alert(
            book,
            "Account Statement / खाता विवरण\n"
            "Select an account first: a Code on the Accounts sheet, an Account on the Journal, "
            "or a cell holding an account code, then press Account Statement again.\n"
            "पहले एक खाता चुनें: Accounts शीट पर कोड, Journal पर खाता, या खाता कोड वाला कोई सेल, "
            "फिर से खाता विवरण दबाएँ।",
        )
        return
    run_macro(
        book,
        f"Account Statement ({chosen})",
        f"खाता विवरण ({chosen})",
        lambda b: _report_in_excel(
            "statement", b, lambda ledger: recent_statement(ledger, chosen), statement_sheet
        ),
        upload=upload,
        adapter=adapter,
        extra=lambda r: latest_only_text(r.report.start, "whole statement", "पूरा विवरण", "bahi ledger"),
    )


@script(include=TRADE_SHEETS)
def bahi_day_book(book: xw.Book, upload: str = "") -> None:
    """Day Book: the journal day by day with daily totals. A journal longer than
    ``EXCEL_ROW_LIMIT`` rows gets its latest days (whole latest months when they fit);
    ``bahi daybook`` gives the whole."""
    from addin.macros.sheets import day_book_sheet, recent_day_book  # noqa: PLC0415

    run_macro(
        book,
        DAY_BOOK.en,
        DAY_BOOK.hi,
        lambda b: _report_in_excel("day-book", b, recent_day_book, day_book_sheet),
        upload=upload,
        extra=lambda r: latest_only_text(
            cut_from(r.report), "whole day book", "पूरी दैनिक बही", "bahi daybook"
        ),
    )


@script(include=[*LEDGER_SHEETS, BANK_STATEMENT.sheet, MATCH_RULES.sheet, RECONCILIATION_LOG_SHEET])
def bahi_reconcile(book: xw.Book, upload: str = "") -> None:
    """Reconcile: match the bank statement against the bank account's journal lines (the
    account named in Settings' Bank Account); writes the reconciliation sheets and the Match ID
    and Match Rule columns."""
    try:
        from addin.macros.reconcile import outcome, reconcile_book  # noqa: PLC0415 (macros load on first click)
    except ImportError:
        _alert(book, "Reconcile / बैंक मिलान\n" + RECONCILE_PENDING)
        return
    run_macro(
        book,
        "Reconcile",
        "बैंक मिलान",
        lambda b: reconcile_book(b, write=True),
        upload=upload,
        extra=lambda r: "\n".join(t.both() for t in outcome(r.report)),
    )


@script(include=[*LEDGER_SHEETS, BANK_STATEMENT.sheet, MATCH_RULES.sheet, *(t.sheet for t in TRADE_TABLES)])
def bahi_close_month(book: xw.Book, month: str = "", upload: str = "") -> None:
    """Close Month: every check, the trial balance and the bank reconciliation at the month's end;
    refuses with the blockers on the Issues sheet, else records the month and its checklist on the
    Close sheet and locks the books up to its end. A trading book's parties must tie to the control
    accounts (its trade sheets are sent too). ``month`` is 2025-06; the ribbon sends none: blank
    means the month before today's."""
    from addin.macros.close import close_month_of  # noqa: PLC0415 (macros load on first click)

    chosen = month.strip() or previous_month(dt.datetime.now().astimezone().date())
    run_macro(
        book,
        f"Close Month {chosen}",
        f"माह बंद {chosen}",
        lambda b: close_month_of(b, write=True, month=chosen),
        upload=upload,
    )


def previous_month(today: dt.date) -> str:
    """The month before ``today``'s, as 2025-06.

    >>> previous_month(dt.date(2025, 7, 3)), previous_month(dt.date(2026, 1, 9))
    ('2025-06', '2025-12')
    """
    first = today.replace(day=1) - dt.timedelta(days=1)
    return f"{first:%Y-%m}"


@script(include=[*LEDGER_SHEETS, BANK_STATEMENT.sheet, RECONCILIATION_LOG_SHEET])
def bahi_undo_reconciliation(book: xw.Book, run: str = "", upload: str = "") -> None:
    """Undo reconciliation run ``run`` (e.g. R3, from the task pane): clear the Match IDs and Match
    Rules it wrote in the Journal and the Bank Statement and mark it undone in the Reconciliation
    Log, as ``bahi reconcile --undo RUN`` does; the Audit Log records it (so the ledger's sheets are
    sent too). Hand-typed matches and other runs' stay."""
    from addin.macros.reconcile import undo_reconciliation  # noqa: PLC0415 (macros load on first click)

    chosen = run.strip()
    if not chosen:
        _alert(
            book,
            "Undo reconciliation / मिलान पूर्ववत करें\n"
            f"Choose a run (R1, R2, …) from the '{RECONCILIATION_LOG_SHEET}' sheet first.\n"
            f"पहले '{RECONCILIATION_LOG_SHEET}' शीट से एक रन (R1, R2, …) चुनें।",
        )
        return
    run_macro(
        book,
        f"Undo reconciliation {chosen}",
        f"मिलान {chosen} पूर्ववत",
        lambda b: undo_reconciliation(b, chosen, write=True),
        upload=upload,
    )


# -- statements and budget (issue 11) -------------------------


@script(include=[*LEDGER_SHEETS, REPORT_LINES.sheet, PARTIES.sheet, DASHBOARD_SHEET])  # Parties: MSME
def bahi_statements(book: xw.Book, period: str = "", upload: str = "") -> None:
    """Statements: the Schedule III Statement of Profit and Loss, Balance Sheet and cash-flow
    statement for ``period`` (from the task pane: "Q1 2025-26", "YTD", "Apr-2025"; default the
    financial year in Settings), and the Dashboard's charts. The Dashboard sheet is sent so that
    its earlier charts can be replaced; the mapping's findings go to the Issues sheet."""
    from addin.macros.statements import statements_of  # noqa: PLC0415 (macros load on first click)

    run_macro(
        book,
        "Statements",
        "वित्तीय विवरण",
        lambda b: statements_of(b, write=True, period=period.strip() or None),
        upload=upload,
    )


# -- sales and purchases (issue 10) ----------------------------------------------------------------

@script(include=TRADE_SHEETS)
def bahi_post(book: xw.Book, upload: str = "") -> None:
    """Post: append to the Journal a voucher for each invoice, note, bill, receipt and payment not
    yet posted (the checks passed), and tie the parties' balances to the control accounts."""
    from addin.macros.post import post_book  # noqa: PLC0415 (macros load on first click)

    run_macro(book, "Post", "खाते में डालें", lambda b: post_book(b, write=True), upload=upload)


@script(include=TRADE_SHEETS)
def bahi_aging(book: xw.Book, upload: str = "") -> None:
    """Aging: receivables and payables by days past due, party by party and bill by bill, on the
    Receivables Aging and Payables Aging sheets (today, or the year's last day once it is over)."""
    from addin.macros.trade_macros import aging_of  # noqa: PLC0415

    run_macro(
        book,
        "Aging",
        "आयु विश्लेषण",
        lambda b: aging_of(b, write=True),
        upload=upload,
    )


@script(include=[*LEDGER_SHEETS, REPORT_LINES.sheet, PARTIES.sheet, BUDGET.sheet])
def bahi_budget(book: xw.Book, upload: str = "") -> None:
    """Budget: the Budget table against the books, year to date up to the latest journal line and
    forecast for the year; adverse lines in red on the Budget vs Actual sheet."""
    from addin.macros.statements import budget_of  # noqa: PLC0415 (macros load on first click)

    run_macro(
        book,
        "Budget vs Actual",
        "बजट बनाम वास्तविक",
        lambda b: budget_of(b, write=True),
        upload=upload,
    )


def sales_row_from_selection(adapter: XlwingsBook) -> int | None:
    """The worksheet row of the active cell when it is inside the Sales table, else None."""
    selection = selected_range(adapter.book)
    table = adapter.table_layout(SALES)
    if selection is None or table is None:
        return None
    if str(table.sheet.name).casefold() != str(selection.sheet.name).casefold():
        return None
    return selection.row if 0 < selection.row - table.header_row <= table.rows else None


@script(include=TRADE_SHEETS)
def bahi_print_invoice(book: xw.Book, number: str = "", upload: str = "") -> None:
    """Print Invoice: the tax invoice (CGST rule 46) of the sales invoice ``number`` (from the task
    pane) or of the Sales row of the active cell, on the print-ready Invoice sheet."""
    from addin.macros.trade_macros import invoice_of  # noqa: PLC0415

    try:
        adapter = book_adapter(book, upload)
    except BookError as exc:
        _alert(book, f"Print Invoice / बीजक छापें\n{exc.bilingual()}", critical=True)
        return
    chosen = number.strip()
    row = None if chosen else sales_row_from_selection(adapter)
    if not chosen and row is None:
        _alert(
            book,
            "Print Invoice / बीजक छापें\n"
            f"Select a line of the invoice on the '{SALES.sheet}' sheet first, then press Print Invoice "
            "again.\n"
            f"पहले '{SALES.sheet}' शीट पर बीजक की कोई पंक्ति चुनें, फिर से बीजक छापें दबाएँ।",
        )
        return
    run_macro(
        book,
        f"Print Invoice {chosen}".strip(),
        f"बीजक छापें {chosen}".strip(),
        lambda b: invoice_of(b, chosen or None, row=row, write=True),
        adapter=adapter,
    )


# -- GST returns (issue 10) ---------------------------------------------------------------------

GST_SHEETS = [*LEDGER_SHEETS, *(spec.sheet for spec in TRADE_TABLES)]
"""The sheets the GST scripts read: the ledger's and the trading tables'."""


@script(include=GST_SHEETS)
def bahi_gst_returns(book: xw.Book, period: str = "", upload: str = "") -> None:
    """GST Returns: GSTR-1 and GSTR-3B of a month — ``period`` as 2025-09 (from the task pane), else
    the latest month with Sales or Purchases — on the GST Summary sheet. The portal's JSON files:
    ``bahi gst-returns BOOK --json-out FILE``."""
    from addin.engine.gst_returns.periods import ReturnPeriod  # noqa: PLC0415 (macros load on first click)
    from addin.macros.gst_returns import BAD_PERIOD, gst_returns_book  # noqa: PLC0415

    chosen = ReturnPeriod.parse(period) if period.strip() else None
    if period.strip() and chosen is None:
        _alert(book, "GST Returns / जीएसटी रिटर्न\n" + BAD_PERIOD.format(text=period).both(), critical=True)
        return
    run_macro(
        book,
        "GST Returns",
        "जीएसटी रिटर्न",
        lambda b: gst_returns_book(b, write=True, period=chosen),
        upload=upload,
    )


@script(include=[*GST_SHEETS, GSTR2B_SHEET])
def bahi_gstr2b_reconcile(book: xw.Book, upload: str = "") -> None:
    """GSTR-2B Reconcile: the portal's GSTR-2B, pasted into the workbook's GSTR-2B sheet (its B2B
    sheet with the headings, then its B2B-CDNR sheet below), against the Purchases, on the GSTR-2B
    Reconciliation sheet; at most ``EXCEL_ROW_LIMIT`` lines, the matched ones left for
    ``bahi gstr2b BOOK FILE --write``."""
    from addin.macros.gst_returns import gstr2b_book  # noqa: PLC0415 (macros load on first click)
    from addin.macros.sheets import EXCEL_ROW_LIMIT  # noqa: PLC0415

    run_macro(
        book,
        "GSTR-2B Reconcile",
        "जीएसटीआर-2बी मिलान",
        lambda b: gstr2b_book(b, write=True, limit=EXCEL_ROW_LIMIT),
        upload=upload,
    )


SCRIPTS = (
    bahi_validate,
    bahi_trial_balance,
    bahi_account_statement,
    bahi_day_book,
    bahi_reconcile,
    bahi_post,
    bahi_aging,
    bahi_gst_returns,
    bahi_gstr2b_reconcile,
    bahi_print_invoice,
    bahi_statements,
    bahi_budget,
    bahi_close_month,
    bahi_undo_reconciliation,
)
"""Every script: the ribbon's buttons in ribbon order, then the task pane's own."""
