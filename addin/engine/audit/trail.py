"""One run of the audit trail: compare the Journal with the last recorded state, and the entry to add.

Pure: the previous state arrives as data (:class:`Recorded`: the Audit Log's entries, the hidden
snapshot) and the result says what to write (:class:`AuditResult`: the new entry, the new snapshot
when the Journal changed, the changes and the issues). The workbook adapters and macros do the
reading and writing.

>>> import pandas as pd
>>> journal = pd.DataFrame({"row": [2, 3], "date": pd.to_datetime(["2025-04-01"] * 2), "voucher": ["V1"] * 2,
...     "account": ["Cash", "Sales"], "debit": [500, 0], "credit": [0, 500]})
>>> run = Run("30/06/2025 10:00:00 +05:30", "asha", "bahi validate --write")
>>> first = audit_journal(Recorded(), journal, run)
>>> first.baseline, first.entry.number, first.entry.vouchers, first.snapshot_cells is not None
(True, 1, 1, True)
>>> later = audit_journal(first.recorded(), journal.assign(debit=[900, 0], credit=[0, 900]), run)
>>> (later.changes.edited, later.entry.edited, later.entry.previous_hash == first.entry.entry_hash)
(1, 1, True)

A run that finds the Journal as the last entry recorded it, with nothing in the locked period
standing, reads nothing more and rewrites nothing big:

>>> again = audit_journal(later.recorded(), journal.assign(debit=[900, 0], credit=[0, 900]), run)
>>> again.snapshot_cells is None, again.entry.record_hash == later.entry.record_hash
(True, True)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.audit.chain import AuditEntry, ChainBreak, seal, verify_chain
from addin.engine.audit.changes import Changes, voucher_changes
from addin.engine.audit.checks import check_chain, check_locked_changes, shown
from addin.engine.audit.fingerprint import Fingerprint, fingerprint
from addin.engine.audit.lines import journal_lines
from addin.engine.audit.locked import LockedJudgement, judge_locked
from addin.engine.audit.snapshot import Snapshot, decode_snapshot, encode_snapshot
from addin.engine.cells import format_date
from addin.engine.issues import Issue
from addin.engine.messages import make_issue
from addin.engine.rules import Rule
from addin.engine.schema import AUDIT_LOG_SHEET, JOURNAL


@dataclass(frozen=True)
class Run:
    """Who ran what, when (``time`` as ISO 8601 text with its UTC offset)."""

    time: str
    user: str
    command: str


@dataclass(frozen=True)
class Kept:
    """The hidden sheet's contents: the record's cells, the record hash they hold and how many Audit
    Log entries there were when it was written."""

    cells: tuple[str, ...] = ()
    record_hash: str = ""
    entries: int = 0


@dataclass(frozen=True)
class Recorded:
    """What the book holds from earlier runs: the Audit Log's entries (oldest first, as read) and,
    when the hidden sheet exists, how to read it (``kept``: called only when needed, so that an
    unchanged run of a big book never reads the record)."""

    entries: tuple[AuditEntry, ...] = ()
    kept: Callable[[], Kept] | None = None

    @property
    def last(self) -> AuditEntry | None:
        return self.entries[-1] if self.entries else None


@dataclass(frozen=True)
class AuditResult:
    """The outcome of :func:`audit_journal`.

    ``snapshot_cells`` is the hidden sheet's new record, or None when the one there still holds
    (nothing it keeps changed): a run that changes nothing rewrites nothing big. ``locked`` says
    what the locked period holds that the trail does not vouch for (the locked-period rule applies
    to the lines of its ``unvouched`` vouchers only: :meth:`LockedJudgement.unvouched_lines`).
    """

    entry: AuditEntry
    prior: Recorded
    changes: Changes
    issues: tuple[Issue, ...]
    breaks: tuple[ChainBreak, ...]
    fingerprint: Fingerprint
    lines: pa.Table
    snapshot_cells: list[str] | None
    locked: LockedJudgement = field(default_factory=LockedJudgement)
    lock_date: dt.date | None = None
    baseline: bool = False
    snapshot_trusted: bool = True

    @property
    def entries(self) -> tuple[AuditEntry, ...]:
        """The log after this run: the entries read, then this run's."""
        return (*self.prior.entries, self.entry)

    def named(self, command: str, key: bytes | None = None) -> AuditResult:
        """This result with its entry naming ``command`` (sealed again, with ``key`` when keyed): a
        run audited while checking learns its command when it writes."""
        told = command if self.snapshot_trusted else _unknown(command)
        if told == self.entry.command:
            return self
        return dataclasses.replace(self, entry=seal(dataclasses.replace(self.entry, command=told), key))

    def recorded(self) -> Recorded:
        """What the book holds after this run is written (the hidden sheet as it was, when this run
        left it in place)."""
        if self.snapshot_cells is None:
            return Recorded(self.entries, self.prior.kept)
        hidden = Kept(tuple(self.snapshot_cells), self.entry.record_hash, len(self.entries))
        return Recorded(self.entries, lambda: hidden)


def now_text(moment: dt.datetime | None = None) -> str:
    """The local time as an Indian accountant writes it, to the second, with its offset from UTC.

    >>> now_text(dt.datetime(2025, 6, 30, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))))
    '30/06/2025 10:00:00 +05:30'
    """
    moment = moment if moment is not None and moment.tzinfo is not None else dt.datetime.now().astimezone()
    offset = moment.strftime("%z")
    return f"{format_date(moment.date())} {moment:%H:%M:%S} {offset[:3]}:{offset[3:5]}"


def trusted_record(last: AuditEntry, kept: Kept | None) -> Snapshot | None:
    """The hidden record when it is the one the last entry recorded, else None."""
    record = decode_snapshot(kept.cells) if kept is not None and kept.cells else None
    if record is None or record.record_hash != last.record_hash or record.lines != last.lines:
        return None
    return record


def record_mismatch(last: AuditEntry, log_sheet: str = AUDIT_LOG_SHEET) -> Issue:
    """The error for a hidden record that is not the one entry ``last`` recorded."""
    return make_issue(Rule.AUDIT_SNAPSHOT_MISMATCH, log_sheet, "", "", str(last.number))


def audit_journal(
    recorded: Recorded,
    journal: pd.DataFrame,
    run: Run,
    *,
    key: bytes | None = None,
    lock_date: dt.date | None = None,
    journal_sheet: str = JOURNAL.sheet,
    letters: Mapping[str, str] | None = None,
    log_sheet: str = AUDIT_LOG_SHEET,
) -> AuditResult:
    """Hash the Journal, verify the chain, list what changed since the last entry, judge the locked
    period (on or before ``lock_date``: :mod:`~addin.engine.audit.locked`), and seal this run's entry
    (with ``key``: HMAC)."""
    lines = journal_lines(journal)
    found = fingerprint(lines)
    breaks = tuple(verify_chain(recorded.entries, key))
    issues = check_chain(breaks, log_sheet)
    last = recorded.last
    if last is not None and last.state_hash == found.state and last.locked == 0:
        # As recorded, nothing standing in the locked period: nothing to read, nothing to rewrite.
        entry = _entry(
            last, run, key, found, vouchers=last.vouchers, lock_date=lock_date, record_hash=last.record_hash
        )
        return AuditResult(
            entry, recorded, Changes(), tuple(issues), breaks, found, lines, None, lock_date=lock_date
        )
    kept = recorded.kept() if recorded.kept is not None else None
    if last is None and kept is not None and kept.entries:
        issues.append(make_issue(Rule.AUDIT_LOG_MISSING, log_sheet, "", "", str(kept.entries)))
    record = trusted_record(last, kept) if last is not None else None
    if last is not None and record is None:
        issues.append(record_mismatch(last, log_sheet))
    changes = voucher_changes(record, lines, found) if record is not None else Changes()
    locked = judge_locked(record, lines, changes, lock_date)
    issues += check_locked_changes(locked.deviations, lock_date, sheet=journal_sheet, letters=letters)
    if record is not None and _same_record(record, found, locked, last):
        cells, digest = None, record.record_hash
    else:
        cells, digest = encode_snapshot(
            lines, found, unvouched=locked.unvouched, frozen=locked.frozen, previous=record
        )
    vouchers = (
        last.vouchers + changes.added - changes.deleted
        if last is not None and record is not None
        else pc.count_distinct(lines.column("voucher")).as_py()
    )
    told = (
        run if last is None or record is not None else dataclasses.replace(run, command=_unknown(run.command))
    )
    entry = _entry(last, told, key, found, vouchers=vouchers, lock_date=lock_date, record_hash=digest,
                   changes=changes, locked=locked)  # fmt: skip
    return AuditResult(
        entry, recorded, changes, tuple(issues), breaks, found, lines, cells, locked, lock_date,
        baseline=last is None, snapshot_trusted=last is None or record is not None,
    )  # fmt: skip


def _same_record(
    record: Snapshot, found: Fingerprint, locked: LockedJudgement, last: AuditEntry | None
) -> bool:
    """Whether the record to write would hold what the hidden one holds (so it is left in place)."""
    frozen = set(locked.frozen.column("voucher").to_pylist())
    return (
        last is not None
        and last.state_hash == found.state
        and record.unvouched == locked.unvouched
        and frozen == set(record.frozen.column("voucher").to_pylist())
    )


def _unknown(command: str) -> str:
    """The command as recorded when the changes since the last entry cannot be told."""
    return f"{command} [changes unknown]"


def _entry(
    last: AuditEntry | None,
    run: Run,
    key: bytes | None,
    found: Fingerprint,
    *,
    vouchers: int,
    lock_date: dt.date | None,
    record_hash: str,
    changes: Changes = Changes(),  # noqa: B008 (immutable)
    locked: LockedJudgement = LockedJudgement(),  # noqa: B008 (immutable)
) -> AuditEntry:
    """This run's entry, sealed (with ``key``: HMAC)."""
    entry = AuditEntry(
        number=(last.number + 1) if last else 1,
        time=run.time,
        user=run.user,
        command=run.command,
        vouchers=vouchers,
        lines=found.lines,
        added=changes.added,
        edited=changes.edited,
        deleted=changes.deleted,
        lock_date=shown("date", lock_date),
        locked=locked.standing,
        state_hash=found.state,
        record_hash=record_hash,
        previous_hash=last.entry_hash if last else "",
    )
    return seal(entry, key)
