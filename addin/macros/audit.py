"""The audit trail in the workbook: the Audit Log sheet, the hidden snapshot, and who ran what.

Every macro run that writes to the book records an entry through :func:`record_run`, which
:func:`~addin.macros.run.write_findings` calls — the one write path every writing macro shares —
so a new macro that writes its findings is audited without a line of its own. The entry says who
ran what, when, what the Journal held and what changed since the entry before; the changes are
listed under the entries, and a change to a voucher in the locked period is an error on the
Issues sheet at the Journal cell. ``bahi validate`` (and every run that checks the books) compares
the Journal with the last entry too (:func:`audit_findings`), reading only; it records nothing.

Who and what come from the caller (:func:`recording`: the ``bahi`` command says its command line
and the computer's user, the ribbon its button and the Office user when the add-in knows it);
Settings' User, when typed, names the user instead. ``BAHI_AUDIT_KEY`` (an environment variable
where Bahi runs, never in the book) makes every new entry's hash an HMAC: see
:mod:`addin.engine.audit.chain` for what each mode detects.

The Audit Log (visible) holds one row an entry, then the changes the last run found; the hidden
sheet :data:`~addin.engine.schema.AUDIT_DATA_SHEET` (very hidden) holds the last recorded
Journal (:mod:`addin.engine.audit.snapshot`). Both are owned sheets: the user's cells never change.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import weakref
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from addin.books.base import HIGHLIGHT_ERROR, CellValue, OwnedSheet, Workbook
from addin.engine.cells import quote_sheet
from addin.engine.audit.chain import AuditEntry
from addin.engine.audit.changes import ADDED, DELETED, EDITED, Line, VoucherChange
from addin.engine.audit.checks import in_locked_period, shown
from addin.engine.audit.trail import AuditResult, Kept, Recorded, Run, audit_journal, now_text
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger, Settings
from addin.engine.schema import AUDIT_DATA_SHEET, AUDIT_LOG_SHEET, JOURNAL

KEY_VARIABLE = "BAHI_AUDIT_KEY"
UNKNOWN_USER = "unknown"
DATA_FORMAT = "bahi-audit-v1"
CHANGES_LISTED = 2_000
"""Lines of changes listed on the Audit Log at most (``bahi audit`` lists them all)."""

LOG_HEADINGS: tuple[str, ...] = (
    "# / क्रम", "Time / समय", "User / उपयोगकर्ता", "Command / आदेश", "Vouchers / वाउचर",
    "Lines / पंक्तियाँ", "Added / जोड़े", "Edited / बदले", "Deleted / हटाए", "Mode / विधि",
    "State hash / स्थिति हैश", "Previous hash / पिछला हैश", "Entry hash / प्रविष्टि हैश",
)  # fmt: skip
CHANGE_HEADINGS: tuple[str, ...] = (
    "Change / बदलाव", "Voucher / वाउचर", "Old or new / पुराना या नया", "Row / पंक्ति", "Date / दिनांक",
    "Account / खाता", "Debit / नामे", "Credit / जमा", "Narration / विवरण", "Party / पक्ष",
    "Reference / संदर्भ",
)  # fmt: skip
KIND_LABELS = {ADDED: "Added / जोड़ा", EDITED: "Edited / बदला", DELETED: "Deleted / हटाया"}
OLD_LABEL, NEW_LABEL = "old / पुराना", "new / नया"
UNVERIFIED = "old (unverified) / पुराना (असत्यापित)"


# --- who runs what -------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """Who is running which command (set by the caller; empty when not said)."""

    command: str = ""
    user: str = ""


_WHO: ContextVar[Who] = ContextVar("bahi_audit_who", default=Who())


@contextlib.contextmanager
def recording(command: str, user: str = "") -> Iterator[None]:
    """Within this block, audit entries name ``command`` and ``user`` (the ``bahi`` command and the
    ribbon wrap each run in it)."""
    token = _WHO.set(Who(command, user))
    try:
        yield
    finally:
        _WHO.reset(token)


def os_user() -> str:
    """The computer's user name, or "" when it cannot be told."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def run_user(settings: Settings) -> str:
    """Who the entry names: Settings' User, else the caller's user, else "unknown"."""
    return settings.user.strip() or _WHO.get().user.strip() or UNKNOWN_USER


def audit_key() -> bytes | None:
    """The HMAC key from ``BAHI_AUDIT_KEY`` (kept outside the book), or None."""
    value = os.environ.get(KEY_VARIABLE, "")
    return value.encode("utf-8") if value else None


# --- reading what earlier runs left ---------------------------------------------------------


def _int(value: CellValue) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def log_entries(rows: Sequence[Sequence[CellValue]] | None) -> tuple[AuditEntry, ...]:
    """The entries an Audit Log sheet lists (rows as :func:`audit_log_sheet` writes them), each
    with its worksheet row; the list ends at the first row without an entry number."""
    rows = [list(r) + [None] * (len(LOG_HEADINGS) - len(r)) for r in rows or []]
    at = next((i for i, r in enumerate(rows[:5]) if _text(r[0]).strip().startswith("#")), None)
    if at is None:
        return ()
    entries = []
    for index, row in enumerate(rows[at + 1 :], start=at + 2):
        number = _int(row[0])
        if number is None:
            break
        counts = [_int(v) for v in row[4:9]]
        entries.append(
            AuditEntry(
                number, _text(row[1]), _text(row[2]), _text(row[3]), *(c if c is not None else -1 for c in counts),
                state_hash=_text(row[10]), previous_hash=_text(row[11]), mode=_text(row[9]),
                entry_hash=_text(row[12]), row=index,
            )
        )  # fmt: skip
    return tuple(entries)


def kept_data(rows: Sequence[Sequence[CellValue]] | None) -> Kept:
    """The hidden sheet's contents (:func:`data_sheet`'s layout); empty when it is not Bahi's."""
    rows = [list(r) + [None, None] for r in rows or []]
    fields = {_text(r[0]).strip(): r[1] for r in rows[1:5]}
    if _text(fields.get("format")) != DATA_FORMAT:
        return Kept()
    cells = tuple(_text(r[0]) for r in rows[5:] if r[0] not in (None, ""))
    return Kept(cells, _text(fields.get("state")), _int(fields.get("entries")) or 0)


def read_recorded(book: Workbook) -> Recorded:
    """The Audit Log's entries and, when the hidden sheet exists, a way to read it (read only when
    the Journal changed)."""
    entries = log_entries(book.read_sheet(AUDIT_LOG_SHEET))
    present = any(name.casefold() == AUDIT_DATA_SHEET.casefold() for name in book.sheet_names())
    if not present:
        return Recorded(entries)
    return Recorded(entries, lambda: kept_data(book.read_sheet(AUDIT_DATA_SHEET)))


# --- comparing and recording ----------------------------------------------------------------


@dataclass
class _Found:
    """An audit computed while checking, kept for the same run's write (the same journal frame)."""

    journal: weakref.ref[object]
    recorded: Recorded
    result: AuditResult


_FOUND: ContextVar[_Found | None] = ContextVar("bahi_audit_found", default=None)


def _audit(book: Workbook, ledger: Ledger, recorded: Recorded, command: str) -> AuditResult:
    who = _WHO.get()
    run = Run(now_text(), run_user(ledger.settings), who.command or command)
    return audit_journal(
        recorded, ledger.journal, run, key=audit_key(), lock_date=ledger.settings.lock_date,
        journal_sheet=ledger.journal_sheet, letters=ledger.column_letters, log_sheet=AUDIT_LOG_SHEET,
    )  # fmt: skip


def audit_findings(book: Workbook, ledger: Ledger, *, command: str = "") -> list[Issue]:
    """What the audit trail finds in the books now (changes in the locked period, a broken chain),
    without recording anything. A book without an Audit Log has nothing to compare: no hashing."""
    recorded = read_recorded(book)
    if not recorded.entries and recorded.kept is None:
        return []
    result = _audit(book, ledger, recorded, command)
    _FOUND.set(_Found(weakref.ref(ledger.journal), recorded, result))
    return list(result.issues)


def audit_to_record(book: Workbook, ledger: Ledger, *, command: str) -> AuditResult:
    """This run's audit, ready to record: the one computed while checking this ledger when there
    was one (the same journal frame), else computed now."""
    found = _FOUND.get()
    _FOUND.set(None)
    if found is not None and found.journal() is ledger.journal:
        return found.result
    return _audit(book, ledger, read_recorded(book), command)


def write_audit(book: Workbook, ledger: Ledger, result: AuditResult) -> tuple[str, ...]:
    """Append the run's entry to the Audit Log (and write the snapshot when the Journal changed);
    returns the sheets written."""
    book.write_sheet(audit_log_sheet(result, ledger.settings, journal_sheet=ledger.journal_sheet))
    if result.snapshot_cells is None:
        return (AUDIT_LOG_SHEET,)
    book.write_sheet(data_sheet(result))
    return (AUDIT_LOG_SHEET, AUDIT_DATA_SHEET)


def record_run(book: Workbook, ledger: Ledger, *, command: str) -> tuple[AuditResult, tuple[str, ...]]:
    """:func:`audit_to_record`, then :func:`write_audit`."""
    result = audit_to_record(book, ledger, command=command)
    return result, write_audit(book, ledger, result)


# --- the sheets -----------------------------------------------------------------------------


def _entry_row(entry: AuditEntry) -> list[CellValue]:
    return [
        entry.number, entry.time, entry.user, entry.command, entry.vouchers, entry.lines, entry.added,
        entry.edited, entry.deleted, entry.mode, entry.state_hash, entry.previous_hash, entry.entry_hash,
    ]  # fmt: skip


def _line_row(kind: str, change: VoucherChange, label: str, line: Line) -> list[CellValue]:
    """A line of a change, its date and amounts as text the way the Journal shows them (the
    columns below the entries hold counts, so they carry no date or amount format)."""
    return [
        KIND_LABELS[kind], change.voucher, label, line.row, shown("date", line.date), line.account,
        shown("debit", line.debit) if line.debit else "", shown("credit", line.credit) if line.credit else "",
        line.narration, line.party, line.reference,
    ]  # fmt: skip


def change_rows(
    result: AuditResult, settings: Settings, *, journal_sheet: str, first_row: int
) -> tuple[list[list[CellValue]], dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """The rows listing the changes of ``result`` (old lines then new, a voucher after another),
    the links of new lines to their Journal rows and the fills of changes in the locked period;
    ``first_row`` is where the rows start on the sheet (0-based), for the links and fills."""
    rows: list[list[CellValue]] = []
    links: dict[tuple[int, int], str] = {}
    fills: dict[tuple[int, int], str] = {}
    target = f"#{quote_sheet(journal_sheet)}!A"
    for change in result.changes.changes:
        if len(rows) >= CHANGES_LISTED:
            break
        locked = change.kind != ADDED and in_locked_period(change, settings.lock_date)
        old_label = OLD_LABEL if change.verified else UNVERIFIED
        for label, line in [*((old_label, x) for x in change.old), *((NEW_LABEL, x) for x in change.new)]:
            here = first_row + len(rows)
            if label == NEW_LABEL:
                links[(here, 3)] = f"{target}{line.row}"
            if locked:
                fills[(here, 0)] = HIGHLIGHT_ERROR
            rows.append(_line_row(change.kind, change, label, line))
    return rows, links, fills


def _changes_title(result: AuditResult) -> str:
    entry, changes = result.entry, result.changes
    if result.baseline:
        return (
            f"Entry {entry.number}: the first record of this book — {entry.vouchers} vouchers, {entry.lines} lines / "
            f"प्रविष्टि {entry.number}: इस बही का पहला रिकॉर्ड — {entry.vouchers} वाउचर, {entry.lines} पंक्तियाँ"
        )
    if not result.snapshot_trusted:
        return (
            f"Entry {entry.number}: the changes since entry {entry.number - 1} cannot be listed (see Issues) / "
            f"प्रविष्टि {entry.number}: प्रविष्टि {entry.number - 1} के बाद के बदलाव नहीं बताए जा सकते (Issues देखें)"
        )
    counts = f"{changes.added} added, {changes.edited} edited, {changes.deleted} deleted"
    counts_hi = f"{changes.added} जोड़े, {changes.edited} बदले, {changes.deleted} हटाए"
    more = "" if changes.listed_all else " (first ones listed; all: bahi audit BOOK / सभी: bahi audit BOOK)"
    return (
        f"Changes found by entry {entry.number} since entry {entry.number - 1}: {counts} vouchers{more} / "
        f"प्रविष्टि {entry.number} में प्रविष्टि {entry.number - 1} के बाद बदलाव: {counts_hi} वाउचर"
    )


def audit_log_sheet(
    result: AuditResult, settings: Settings, *, journal_sheet: str = JOURNAL.sheet
) -> OwnedSheet:
    """The Audit Log: a title, one row an entry (oldest first), then the changes this run found
    (old and new lines of each voucher; those in the locked period in red)."""
    title = (
        f"{settings.company} — Audit Log / ऑडिट लॉग: every run that wrote to this book, each entry "
        f"chained to the one before. Do not edit; check it with: bahi audit BOOK"
    )
    rows: list[list[CellValue]] = [[title], list(LOG_HEADINGS), *(_entry_row(e) for e in result.entries)]
    bold = {0, 1}
    rows.append([])
    bold.add(len(rows))
    rows.append([_changes_title(result)])
    if result.changes.changes:
        bold.add(len(rows))
        rows.append(list(CHANGE_HEADINGS))
    listed, links, fills = change_rows(result, settings, journal_sheet=journal_sheet, first_row=len(rows))
    rows += listed
    return OwnedSheet(
        name=AUDIT_LOG_SHEET,
        rows=rows,
        header_rows=2,
        links=links,
        widths={0: 12, 1: 24, 2: 14, 3: 30, 4: 11, 5: 10, 6: 12, 7: 12, 8: 24, 9: 10, 10: 20, 11: 20, 12: 20},
        bold_rows=frozenset(bold),
        fills=fills,
    )


def data_sheet(result: AuditResult) -> OwnedSheet:
    """The hidden sheet: what it is, its format, the state hash and entry count it was written
    with, then the snapshot's cells down column A."""
    cells = result.snapshot_cells or []
    rows: list[list[CellValue]] = [
        ["Bahi audit data: do not edit / बही ऑडिट डेटा: न बदलें"],
        ["format", DATA_FORMAT],
        ["state", result.fingerprint.state],
        ["entries", len(result.entries)],
        ["cells", len(cells)],
        *([c] for c in cells),
    ]
    return OwnedSheet(name=AUDIT_DATA_SHEET, rows=rows, header_rows=0, hidden=True)
