"""The audit trail in the workbook: the Audit Log sheet, the hidden snapshot, and who ran what.

Every macro run that writes to the book records an entry (:func:`audit_to_record`, :func:`write_audit`)
through :func:`~addin.macros.run.write_findings` — the one write path every writing macro shares —
so a new macro that writes its findings is audited without a line of its own. The entry says who
ran what, when, what the Journal held and what changed since the entry before; the changes are
listed under the entries. Once a book has an Audit Log, the trail judges its locked period
(:mod:`addin.engine.audit.locked`): a locked voucher not as recorded is an error on the Issues sheet
at its Journal cell, run after run until it is put back, and the locked-period rule covers only the
vouchers the trail cannot vouch for. ``bahi validate`` (and every run that checks the books) does
this too (:func:`audit_findings`), reading only; it records nothing.

Who and what come from the caller (:func:`recording`: the ``bahi`` command says its command line
and the computer's user, the ribbon its button and the Office user when the add-in knows it);
Settings' User, when typed, names the user instead. ``BAHI_AUDIT_KEY`` (an environment variable
where Bahi runs, never in the book) makes every new entry's hash an HMAC: see
:mod:`addin.engine.audit.chain` for what each mode detects.

The Audit Log holds one row an entry; Audit Changes the lines of the vouchers the last run found
changed and of the locked vouchers standing not as recorded (old or recorded, then new); the hidden
sheet :data:`~addin.engine.schema.AUDIT_DATA_SHEET` (very hidden) holds the record
(:mod:`addin.engine.audit.snapshot`). All three are owned sheets: the user's cells never change.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import getpass
import os
import weakref
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.books.base import DATE_FORMAT, HIGHLIGHT_ERROR, CellValue, OwnedSheet, Workbook
from addin.engine.audit.chain import AuditEntry
from addin.engine.audit.changes import ADDED, DELETED, EDITED, Line, VoucherChange
from addin.engine.audit.checks import in_locked_period, shown
from addin.engine.audit.trail import AuditResult, Kept, Recorded, Run, audit_journal, now_text
from addin.engine.cells import quote_sheet
from addin.engine.checks import CHECKS, check_locked_period
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger, Settings
from addin.engine.money import INR_FORMAT
from addin.engine.schema import AUDIT_CHANGES_SHEET, AUDIT_DATA_SHEET, AUDIT_LOG_SHEET, CLOSE_SHEET, JOURNAL
from addin.macros.close_sheet import with_closed_months
from addin.macros.sheets import rupees

RECORDED_SHEETS = (AUDIT_LOG_SHEET, AUDIT_CHANGES_SHEET, AUDIT_DATA_SHEET)
"""The sheets a run writes when it records the Journal anew (the hidden record last, left in place
when nothing it keeps changed)."""
KEY_VARIABLE = "BAHI_AUDIT_KEY"
UNKNOWN_USER = "unknown"
DATA_FORMAT = "bahi-audit-v1"
CHANGES_LISTED = 2_000
"""Lines of changes listed on the Audit Log at most (``bahi audit`` lists them all)."""

LOG_HEADINGS: tuple[str, ...] = (
    "# / क्रम", "Time / समय", "User / उपयोगकर्ता", "Command / आदेश", "Mode / विधि", "Locked to / लॉक तिथि",
    "Vouchers / वाउचर", "Lines / पंक्तियाँ", "Added / जोड़े", "Edited / बदले", "Deleted / हटाए",
    "Locked, not as recorded / लॉक में अलग", "Journal hash / जर्नल हैश", "Record hash / रिकॉर्ड हैश",
    "Previous hash / पिछला हैश", "Entry hash / प्रविष्टि हैश",
)  # fmt: skip
CHANGE_HEADINGS: tuple[str, ...] = (
    "Change / बदलाव", "Voucher / वाउचर", "Old or new / पुराना या नया", "Row / पंक्ति", "Date / दिनांक",
    "Account / खाता", "Debit / नामे", "Credit / जमा", "Narration / विवरण", "Party / पक्ष",
    "Reference / संदर्भ",
)  # fmt: skip
KIND_LABELS = {ADDED: "Added / जोड़ा", EDITED: "Edited / बदला", DELETED: "Deleted / हटाया"}
OLD_LABEL, NEW_LABEL = "old / पुराना", "new / नया"
RECORDED_LABEL = "recorded / दर्ज"


# --- who runs what -------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """Who is running which command (set by the caller; empty when not said)."""

    command: str = ""
    user: str = ""


NOBODY = Who()
_WHO: ContextVar[Who] = ContextVar("bahi_audit_who", default=NOBODY)
_SIGNED_IN: ContextVar[str] = ContextVar("bahi_audit_signed_in", default="")


@contextlib.contextmanager
def recording(command: str, user: str = "") -> Iterator[None]:
    """Within this block, audit entries name ``command`` and ``user`` (the ``bahi`` command and the
    ribbon wrap each run in it); without a ``user``, the one :func:`signed_in_as` names."""
    token = _WHO.set(Who(command, user or _SIGNED_IN.get()))
    try:
        yield
    finally:
        _WHO.reset(token)


@contextlib.contextmanager
def signed_in_as(user: str) -> Iterator[None]:
    """Within this block, a run whose caller names no user is recorded as ``user``: the add-in
    server wraps each ribbon script in it with the Office user it signed in (Entra ID)."""
    token = _SIGNED_IN.set(user.strip())
    try:
        yield
    finally:
        _SIGNED_IN.reset(token)


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
    """A cell's text exactly as written (not :func:`~addin.engine.cells.cell_text`, which trims: a
    hashed text must read back as it was hashed); a whole number read as a float without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def log_entries(rows: Sequence[Sequence[CellValue]] | None) -> tuple[AuditEntry, ...]:
    """The entries an Audit Log sheet lists (rows as :func:`audit_log_sheet` writes them), each
    with its worksheet row; the list ends at the first row without an entry number."""
    rows = [[*r, *[None] * (len(LOG_HEADINGS) - len(r))] for r in rows or []]
    at = next((i for i, r in enumerate(rows[:5]) if _text(r[0]).strip().startswith("#")), None)
    if at is None:
        return ()
    entries = []
    for index, row in enumerate(rows[at + 1 :], start=at + 2):
        number = _int(row[0])
        if number is None:
            break
        vouchers, lines, added, edited, deleted, locked = (_count(v) for v in row[6:12])
        entries.append(
            AuditEntry(
                number, _text(row[1]), _text(row[2]), _text(row[3]), vouchers, lines, added, edited, deleted,
                lock_date=_text(row[5]), locked=locked, mode=_text(row[4]), state_hash=_text(row[12]),
                record_hash=_text(row[13]), previous_hash=_text(row[14]), entry_hash=_text(row[15]),
                row=index,
            )
        )  # fmt: skip
    return tuple(entries)


def _count(value: CellValue) -> int:
    """A count as written, or -1 when the cell does not hold one (which then breaks the chain)."""
    found = _int(value)
    return -1 if found is None else found


def kept_data(rows: Sequence[Sequence[CellValue]] | None) -> Kept:
    """The hidden sheet's contents (:func:`data_sheet`'s layout); empty when it is not Bahi's."""
    rows = [[*r, None, None] for r in rows or []]
    fields = {_text(r[0]).strip(): r[1] for r in rows[1:5]}
    if _text(fields.get("format")) != DATA_FORMAT:
        return Kept()
    cells = tuple(_text(r[0]) for r in rows[5:] if r[0] not in (None, ""))
    return Kept(cells, _text(fields.get("record")), _int(fields.get("entries")) or 0)


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
    """The audit of ``ledger``'s Journal, locked to the effective lock date (Settings' Lock Date or
    the last month on the Close sheet, whichever is later, whoever read the ledger)."""
    run = Run(now_text(), run_user(ledger.settings), _command(command))
    lock_date = with_closed_months(ledger, book.read_sheet(CLOSE_SHEET)).settings.lock_date
    return audit_journal(
        recorded, ledger.journal, run, key=audit_key(), lock_date=lock_date,
        journal_sheet=ledger.journal_sheet, letters=ledger.column_letters, log_sheet=AUDIT_LOG_SHEET,
    )  # fmt: skip


def _command(command: str) -> str:
    """What the entry names: the caller's command line or ribbon button, else the macro's name."""
    return _WHO.get().command or command


def has_audit_trail(recorded: Recorded) -> bool:
    return bool(recorded.entries) or recorded.kept is not None


def audit_findings(book: Workbook, ledger: Ledger, *, command: str = "") -> AuditResult | None:
    """What the audit trail finds in the books now (locked vouchers not as recorded, a broken
    chain; :attr:`AuditResult.issues`), without recording anything; None for a book without an
    Audit Log (nothing to compare: no hashing). The result is kept for this run's write."""
    recorded = read_recorded(book)
    if not has_audit_trail(recorded):
        return None
    result = _audit(book, ledger, recorded, command)
    _FOUND.set(_Found(weakref.ref(ledger.journal), recorded, result))
    return result


def checked_with_audit(book: Workbook, ledger: Ledger) -> list[Issue]:
    """Every check of the ledger and the audit trail's findings. With an Audit Log the trail judges
    the locked period: the locked-period rule looks only at the vouchers it cannot vouch for."""
    found = audit_findings(book, ledger)
    if found is None:
        return [issue for check in CHECKS for issue in check(ledger)]
    others = [issue for check in CHECKS if check is not check_locked_period for issue in check(ledger)]
    if not found.locked.unvouched:
        return [*others, *found.issues]
    mask = found.locked.unvouched_lines(found.lines).to_numpy(zero_copy_only=False)
    unvouched = dataclasses.replace(ledger, journal=ledger.journal[mask])
    return [*others, *check_locked_period(unvouched), *found.issues]


def with_lines_appended(ledger: Ledger, lines: pd.DataFrame) -> Ledger:
    """The ledger with ``lines`` (``date``, ``voucher``, ``account``, ``debit``, ``credit`` in paise,
    ``narration``, ``party``, ``reference``) below its Journal's last row, as a macro that appends
    them leaves the Journal: what the audit trail then records."""
    first = int(ledger.journal["row"].max()) + 1 if len(ledger.journal) else 2
    texts = {
        name: lines[name].fillna("").astype(str)
        for name in ("voucher", "account", "narration", "party", "reference")
    }
    added = pd.DataFrame(
        {
            "row": np.arange(first, first + len(lines), dtype=np.int64),
            "date": pd.to_datetime(lines["date"]).astype("datetime64[ns]"),
            **texts,
            "account_text": texts["account"],
            "debit": lines["debit"].astype(np.int64),
            "credit": lines["credit"].astype(np.int64),
            "unread": np.zeros(len(lines), np.uint16),
        }
    )
    journal = pd.concat(
        [ledger.journal, added[[c for c in ledger.journal.columns if c in added]]], ignore_index=True
    )
    return dataclasses.replace(ledger, journal=journal)


def audit_to_record(book: Workbook, ledger: Ledger, *, command: str) -> AuditResult:
    """This run's audit, ready to record: the one computed while checking this ledger when there
    was one (the same journal frame), else computed now."""
    found = _FOUND.get()
    _FOUND.set(None)
    if found is not None and found.journal() is ledger.journal:
        return found.result.named(_command(command), audit_key())
    return _audit(book, ledger, read_recorded(book), command)


def write_audit(book: Workbook, ledger: Ledger, result: AuditResult) -> tuple[str, ...]:
    """Append the run's entry to the Audit Log, list what it found on Audit Changes (and write the
    record when it changed); returns the sheets written."""
    book.write_sheet(audit_log_sheet(result, ledger.settings))
    book.write_sheet(audit_changes_sheet(result, ledger.settings, journal_sheet=ledger.journal_sheet))
    if result.snapshot_cells is None:
        return RECORDED_SHEETS[:2]
    book.write_sheet(data_sheet(result))
    return RECORDED_SHEETS


# --- the sheets -----------------------------------------------------------------------------


def _entry_row(entry: AuditEntry) -> list[CellValue]:
    return [
        entry.number, entry.time, entry.user, entry.command, entry.mode, entry.lock_date, entry.vouchers,
        entry.lines, entry.added, entry.edited, entry.deleted, entry.locked, entry.state_hash,
        entry.record_hash, entry.previous_hash, entry.entry_hash,
    ]  # fmt: skip


def _line_row(change: VoucherChange, label: str, line: Line) -> list[CellValue]:
    """A line of a changed voucher: its date a date, its amounts in the Dr and Cr columns."""
    return [
        KIND_LABELS[change.kind], change.voucher, label, line.row, line.date, line.account,
        rupees(line.debit), rupees(line.credit), line.narration, line.party, line.reference,
    ]  # fmt: skip


@dataclass
class _Listing:
    """The Audit Changes sheet's rows under construction, with their bold rows, links and fills."""

    rows: list[list[CellValue]]
    bold: set[int] = dataclasses.field(default_factory=set)
    links: dict[tuple[int, int], str] = dataclasses.field(default_factory=dict)
    fills: dict[tuple[int, int], str] = dataclasses.field(default_factory=dict)

    def title(self, text: str) -> None:
        self.bold.add(len(self.rows))
        self.rows.append([text])

    def add(self, changes: Sequence[VoucherChange], old_label: str, *, journal_sheet: str,
            locked: bool | dt.date | None) -> None:  # fmt: skip
        """Each change's old lines then its new ones (linked to their Journal rows); a change in
        the locked period (``locked``: True, or the lock date to test against) in red."""
        target = f"#{quote_sheet(journal_sheet)}!A"
        for change in changes:
            if len(self.rows) >= CHANGES_LISTED:
                return
            red = locked is True or (
                change.kind != ADDED and isinstance(locked, dt.date) and in_locked_period(change, locked)
            )
            for label, line in [*((old_label, x) for x in change.old), *((NEW_LABEL, x) for x in change.new)]:
                if label == NEW_LABEL:
                    self.links[(len(self.rows), 3)] = f"{target}{line.row}"
                if red:
                    self.fills[(len(self.rows), 0)] = HIGHLIGHT_ERROR
                self.rows.append(_line_row(change, label, line))


def changes_title(result: AuditResult) -> str:
    """What this run found changed since the entry before, in both languages."""
    entry, changes = result.entry, result.changes
    if result.baseline:
        return (
            f"Entry {entry.number}: the first record of this book — {entry.vouchers} vouchers, "
            f"{entry.lines} lines / "
            f"प्रविष्टि {entry.number}: इस बही का पहला रिकॉर्ड — {entry.vouchers} वाउचर, {entry.lines} पंक्तियाँ"
        )
    if not result.snapshot_trusted:
        return (
            f"Entry {entry.number}: the changes since entry {entry.number - 1} cannot be listed "
            f"(see Issues) / "
            f"प्रविष्टि {entry.number}: प्रविष्टि {entry.number - 1} के बाद के बदलाव नहीं बताए जा सकते (Issues देखें)"
        )
    counts = f"{changes.added} added, {changes.edited} edited, {changes.deleted} deleted"
    counts_hi = f"{changes.added} जोड़े, {changes.edited} बदले, {changes.deleted} हटाए"
    more = "" if changes.listed_all else " (first ones listed; all: bahi audit BOOK / सभी: bahi audit BOOK)"
    return (
        f"Changes found by entry {entry.number} since entry {entry.number - 1}: {counts} vouchers{more} / "
        f"प्रविष्टि {entry.number} में प्रविष्टि {entry.number - 1} के बाद बदलाव: {counts_hi} वाउचर"
    )


def standing_title(result: AuditResult, *, listed_above: int = 0) -> str:
    """How many locked vouchers stand not as recorded, in both languages ("" when none); with
    ``listed_above`` of them among this run's changes."""
    count, lock = len(result.locked.deviations), shown("date", result.lock_date)
    if not count:
        return ""
    above = f" ({listed_above} listed above)" if listed_above else ""
    above_hi = f" ({listed_above} ऊपर सूचीबद्ध)" if listed_above else ""
    return (
        f"Locked up to {lock}, not as recorded: {count} voucher(s){above} — put back the recorded lines, or "
        f"have the period reopened / {lock} तक लॉक, दर्ज से अलग: {count} वाउचर{above_hi} — दर्ज पंक्तियाँ वापस "
        f"लिखें, या अवधि खुलवाएँ"
    )


def audit_log_sheet(result: AuditResult, settings: Settings) -> OwnedSheet:
    """The Audit Log: a title, one row an entry (oldest first), then what the last run found (its
    lines are on the Audit Changes sheet)."""
    title = (
        f"{settings.company} — Audit Log / ऑडिट लॉग: every run that wrote to this book, each entry "
        f"chained to the one before. Do not edit; check it with: bahi audit BOOK"
    )
    rows: list[list[CellValue]] = [[title], list(LOG_HEADINGS), *(_entry_row(e) for e in result.entries)]
    found = [t for t in (changes_title(result), standing_title(result)) if t]
    rows += [
        [],
        *([t] for t in found),
        [f"Lines: the {AUDIT_CHANGES_SHEET} sheet / पंक्तियाँ: {AUDIT_CHANGES_SHEET} शीट"],
    ]
    return OwnedSheet(
        name=AUDIT_LOG_SHEET,
        rows=rows,
        header_rows=2,
        links={(len(rows) - 1, 0): f"#{quote_sheet(AUDIT_CHANGES_SHEET)}!A1"},
        widths=LOG_WIDTHS,
        bold_rows=frozenset({0, 1, *range(len(rows) - len(found) - 1, len(rows) - 1)}),
        wrap_columns=frozenset({1, 3, 12, 13, 14, 15}),
    )


LOG_WIDTHS: dict[int, float] = {
    0: 6, 1: 13, 2: 14, 3: 28, 4: 8, 5: 11, 6: 9, 7: 9, 8: 8, 9: 8, 10: 8, 11: 12,
    12: 17, 13: 17, 14: 17, 15: 17,
}  # fmt: skip
"""Hashes wrap in four lines of 16 characters; the time in two."""


def audit_changes_sheet(
    result: AuditResult, settings: Settings, *, journal_sheet: str = JOURNAL.sheet
) -> OwnedSheet:
    """The Audit Changes sheet: the lines of each voucher the last run found changed (old, then
    new; those in the locked period in red), then of each locked voucher standing not as recorded
    (recorded, then new). Dates are dates, amounts in Dr and Cr columns."""
    entry = result.entry
    title = (
        f"{settings.company} — Audit changes / ऑडिट बदलाव — entry {entry.number} / प्रविष्टि {entry.number} "
        f"({entry.time}, {entry.user})"
    )
    listing = _Listing([[title], list(CHANGE_HEADINGS)])
    listing.title(changes_title(result))
    listing.add(result.changes.changes, OLD_LABEL, journal_sheet=journal_sheet, locked=result.lock_date)
    if result.locked.deviations:
        above = {c.voucher for c in result.changes.changes}
        listing.rows.append([])
        listing.title(
            standing_title(result, listed_above=len(above & {c.voucher for c in result.locked.deviations}))
        )
        earlier = [c for c in result.locked.deviations if c.voucher not in above]
        listing.add(earlier, RECORDED_LABEL, journal_sheet=journal_sheet, locked=True)
    return OwnedSheet(
        name=AUDIT_CHANGES_SHEET,
        rows=listing.rows,
        header_rows=2,
        number_formats={4: DATE_FORMAT, 6: INR_FORMAT, 7: INR_FORMAT},
        links=listing.links,
        widths={0: 16, 1: 12, 2: 17, 3: 8, 4: 12, 5: 12, 6: 14, 7: 14, 8: 40, 9: 18, 10: 18},
        bold_rows=frozenset({0, 1, *listing.bold}),
        fills=listing.fills,
        wrap_columns=frozenset({8, 9, 10}),
    )


def data_sheet(result: AuditResult) -> OwnedSheet:
    """The hidden sheet: what it is, its format, the record hash and entry count it was written
    with, then the record's cells down column A."""
    cells = result.snapshot_cells or []
    rows: list[list[CellValue]] = [
        ["Bahi audit data: do not edit / बही ऑडिट डेटा: न बदलें"],
        ["format", DATA_FORMAT],
        ["record", result.entry.record_hash],
        ["entries", len(result.entries)],
        ["cells", len(cells)],
        *([c] for c in cells),
    ]
    return OwnedSheet(name=AUDIT_DATA_SHEET, rows=rows, header_rows=0, hidden=True)
