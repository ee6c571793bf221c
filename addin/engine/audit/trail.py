"""One run of the audit trail: compare the Journal with the last recorded state, and the entry to add.

Pure: the previous state arrives as data (:class:`Recorded`: the Audit Log's entries, the hidden
snapshot) and the result says what to write (:class:`AuditResult`: the new entry, the new snapshot
when the Journal changed, the changes and the issues). The workbook adapters and macros do the
reading and writing.

>>> import pandas as pd
>>> journal = pd.DataFrame({"row": [2, 3], "date": pd.to_datetime(["2025-04-01"] * 2), "voucher": ["V1"] * 2,
...     "account": ["Cash", "Sales"], "debit": [500, 0], "credit": [0, 500]})
>>> run = Run("2025-06-30T10:00:00+05:30", "asha", "bahi validate --write")
>>> first = audit_journal(Recorded(), journal, run)
>>> first.baseline, first.entry.number, first.entry.vouchers, first.snapshot_cells is not None
(True, 1, 1, True)
>>> later = audit_journal(first.recorded(), journal.assign(debit=[900, 0], credit=[0, 900]), run)
>>> (later.changes.edited, later.entry.edited, later.entry.previous_hash == first.entry.entry_hash)
(1, 1, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from addin.engine.audit.chain import AuditEntry, ChainBreak, seal, verify_chain
from addin.engine.audit.changes import Changes, voucher_changes
from addin.engine.audit.checks import check_chain, check_locked_changes
from addin.engine.audit.fingerprint import Fingerprint, fingerprint, state_hash
from addin.engine.audit.lines import journal_lines
from addin.engine.audit.snapshot import decode_snapshot, encode_snapshot
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
    """The hidden sheet's contents: the snapshot's cells, the state hash it holds and how many
    Audit Log entries there were when it was written."""

    cells: tuple[str, ...] = ()
    state: str = ""
    entries: int = 0


@dataclass(frozen=True)
class Recorded:
    """What the book holds from earlier runs: the Audit Log's entries (oldest first, as read) and,
    when the hidden sheet exists, how to read it (``kept``: called only when the Journal changed,
    so that an unchanged run of a big book never reads the snapshot)."""

    entries: tuple[AuditEntry, ...] = ()
    kept: Callable[[], Kept] | None = None

    @property
    def last(self) -> AuditEntry | None:
        return self.entries[-1] if self.entries else None


@dataclass(frozen=True)
class AuditResult:
    """The outcome of :func:`audit_journal`.

    ``snapshot_cells`` is the hidden sheet's new snapshot, or None when the one there still holds
    (the Journal did not change): a run that changes nothing rewrites nothing big.
    """

    entry: AuditEntry
    previous: tuple[AuditEntry, ...]
    changes: Changes
    issues: tuple[Issue, ...]
    breaks: tuple[ChainBreak, ...]
    fingerprint: Fingerprint
    lines: pa.Table
    snapshot_cells: list[str] | None
    baseline: bool = False
    snapshot_trusted: bool = True
    notes: tuple[str, ...] = field(default=())

    @property
    def entries(self) -> tuple[AuditEntry, ...]:
        """The log after this run: the entries read, then this run's."""
        return (*self.previous, self.entry)

    def recorded(self, previous: Recorded | None = None) -> Recorded:
        """What the book holds after this run is written (the hidden sheet of ``previous`` when this
        run left it in place)."""
        if self.snapshot_cells is None and previous is not None:
            return Recorded(self.entries, previous.kept)
        hidden = Kept(tuple(self.snapshot_cells or ()), self.fingerprint.state, len(self.entries))
        return Recorded(self.entries, lambda: hidden)


def now_text(moment: dt.datetime | None = None) -> str:
    """The local time as ISO 8601 with its offset, to the second ("2025-06-30T10:00:00+05:30")."""
    return (moment or dt.datetime.now().astimezone()).isoformat(timespec="seconds")


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
    """Hash the Journal, verify the chain, list what changed since the last entry, flag changes in the
    locked period (on or before ``lock_date``), and seal this run's entry (with ``key``: HMAC)."""
    lines = journal_lines(journal)
    found = fingerprint(lines)
    breaks = tuple(verify_chain(recorded.entries, key))
    issues = check_chain(breaks, log_sheet)
    last = recorded.last
    changes = Changes()
    trusted = True
    changed = last is None or last.state_hash != found.state
    kept = recorded.kept() if recorded.kept is not None and (changed or last is None) else None
    if last is None and kept is not None and kept.entries:
        issues.append(make_issue(Rule.AUDIT_LOG_MISSING, log_sheet, "", "", str(kept.entries)))
    if last is not None and changed:
        snapshot = decode_snapshot(kept.cells) if kept is not None and kept.cells else None
        if snapshot is None or state_hash(snapshot.digests, snapshot.lines.num_rows) != last.state_hash:
            trusted = False
            issues.append(make_issue(Rule.AUDIT_SNAPSHOT_MISMATCH, log_sheet, "", "", str(last.number)))
        else:
            changes = voucher_changes(snapshot, lines, found)
            issues += check_locked_changes(
                changes, lock_date, entry=last.number, sheet=journal_sheet, letters=letters
            )
    command = run.command if trusted else f"{run.command} [changes unknown]"
    entry = seal(
        AuditEntry(
            number=(last.number + 1) if last else 1,
            time=run.time,
            user=run.user,
            command=command,
            vouchers=len(found.digests),
            lines=found.lines,
            added=changes.added,
            edited=changes.edited,
            deleted=changes.deleted,
            state_hash=found.state,
            previous_hash=last.entry_hash if last else "",
        ),
        key,
    )
    in_place = recorded.kept is not None and not changed
    cells = None if in_place else encode_snapshot(lines, found.digests)
    return AuditResult(
        entry, recorded.entries, changes, tuple(issues), breaks, found, lines, cells,
        baseline=last is None, snapshot_trusted=trusted,
    )  # fmt: skip
