"""The locked period as the audit trail keeps it: a locked voucher stays as it was recorded.

A voucher is in the locked period when any of its lines is dated on or before the effective lock
date. The trail *vouches for* it when it recorded the voucher while its period was still open; its
recorded lines are then its *baseline*. On every run, until the period is reopened:

- a vouched-for voucher whose lines differ from its baseline is an edit in the locked period, and
  one missing from the Journal a deletion. Its baseline is kept in the record (the *frozen* lines
  of :mod:`~addin.engine.audit.snapshot`) whatever later runs record, so the finding stands run
  after run until the voucher is put back as it was;
- a voucher in the locked period that the trail does not vouch for (added, or moved in by a changed
  date, after the period was locked; or already there when the trail began) stays under the
  locked-period rule: an error at each of its dates, every run.

Moving the lock earlier (reopening a month) releases what it no longer covers; moving it later
locks the vouchers the trail recorded while they were open.

>>> import datetime as dt
>>> from addin.engine.audit.changes import voucher_changes
>>> from addin.engine.audit.fingerprint import fingerprint
>>> from addin.engine.audit.snapshot import decode_snapshot, encode_snapshot
>>> def table(rows):
...     names = ("date", "voucher", "account", "debit", "credit", "narration", "party", "reference", "row")
...     return pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)}).cast(LINE_SCHEMA)
>>> may, july = dt.date(2025, 5, 2), dt.date(2025, 7, 2)
>>> then = table([(may, "V1", "Rent", 100, 0, "", "", "", 2), (may, "V1", "Cash", 0, 100, "", "", "", 3)])
>>> record = decode_snapshot(encode_snapshot(then, fingerprint(then))[0])  # recorded open
>>> now = table([(may, "V1", "Rent", 900, 0, "", "", "", 2), (may, "V1", "Cash", 0, 900, "", "", "", 3),
...              (may, "V2", "Tea", 50, 0, "", "", "", 4), (may, "V2", "Cash", 0, 50, "", "", "", 5)])
>>> changes = voucher_changes(record, now, fingerprint(now))
>>> found = judge_locked(record, now, changes, dt.date(2025, 6, 30))
>>> [(c.kind, c.voucher) for c in found.deviations], sorted(found.unvouched), found.frozen.num_rows
([('edited', 'V1')], ['V2'], 2)
>>> judge_locked(record, now, changes, None).standing
0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.audit.changes import DELETED, EDITED, Changes, VoucherChange, Vouchers, with_vouchers
from addin.engine.audit.lines import LINE_SCHEMA
from addin.engine.audit.snapshot import Snapshot


@dataclass(frozen=True)
class LockedJudgement:
    """What the locked period holds that the trail does not vouch for.

    ``deviations``: vouched-for vouchers edited or deleted (old lines: the baseline; new: now);
    ``unvouched``: vouchers in the locked period not vouched for; ``frozen``: the baselines of the
    deviations, for the record.
    """

    deviations: tuple[VoucherChange, ...] = ()
    unvouched: frozenset[str] = frozenset()
    frozen: pa.Table = field(default_factory=LINE_SCHEMA.empty_table)

    @property
    def standing(self) -> int:
        """How many vouchers the locked period holds that the trail does not vouch for."""
        return len(self.deviations) + len(self.unvouched)

    def unvouched_lines(self, lines: pa.Table) -> pa.Array:
        """Which of ``lines`` belong to an unvouched voucher (a boolean array)."""
        wanted = pa.array(sorted(self.unvouched), pa.large_string())
        return pc.is_in(lines.column("voucher"), value_set=wanted)


def _earliest(table: pa.Table) -> dict[str, dt.date | None]:
    """Each voucher's earliest date (None when none of its dates could be read)."""
    if table.num_rows == 0:
        return {}
    grouped = table.group_by("voucher", use_threads=False).aggregate([("date", "min")])
    return dict(
        zip(grouped.column("voucher").to_pylist(), grouped.column("date_min").to_pylist(), strict=True)
    )


def _locked_vouchers(lines: pa.Table, lock_date: dt.date) -> frozenset[str]:
    """The vouchers with a line dated on or before ``lock_date``."""
    locked = lines.filter(pc.less_equal(lines.column("date"), pa.scalar(lock_date, pa.date32())))
    return frozenset(str(v) for v in pc.unique(locked.column("voucher")).to_pylist())


def judge_locked(
    record: Snapshot | None, lines: pa.Table, changes: Changes, lock_date: dt.date | None
) -> LockedJudgement:
    """Judge the locked period (on or before ``lock_date``) of ``lines`` against the ``record`` (None
    when there is no trusted record: nothing is vouched for); ``changes``: how ``lines`` differ from
    the record's Journal (:func:`~addin.engine.audit.changes.voucher_changes`)."""
    if lock_date is None:
        return LockedJudgement()
    if record is None:
        return LockedJudgement(unvouched=_locked_vouchers(lines, lock_date))

    def locked(earliest: dt.date | None) -> bool:
        return earliest is not None and earliest <= lock_date

    frozen_keys = {str(v) for v in pc.unique(record.frozen.column("voucher")).to_pylist()}
    look = set(changes.keys) | frozen_keys
    current, recorded, kept = (Vouchers.of(t, look) for t in (lines, changes.recorded, record.frozen))
    earliest = {id(v): _earliest(v.table) for v in (current, recorded, kept)}
    deviating: dict[str, tuple[str, Vouchers]] = {}
    unvouched: set[str] = set()
    for key in sorted(look):
        base = kept if key in kept.digests else recorded if key in recorded.digests else None
        vouched = base is kept or (base is recorded and key not in record.unvouched)
        if base is not None and vouched and locked(earliest[id(base)].get(key)):
            if current.digests.get(key) != base.digests[key]:
                deviating[key] = (DELETED if key not in current.digests else EDITED, base)
        elif key in current.digests and locked(earliest[id(current)].get(key)):
            unvouched.add(key)
    unvouched |= _locked_vouchers(with_vouchers(lines, record.unvouched - look), lock_date)
    now = current.lines(deviating)
    before = {k: v for base in (kept, recorded) for k, v in base.lines(_from(deviating, base)).items()}
    deviations = tuple(
        VoucherChange(kind, k, before[k], now.get(k, ())) for k, (kind, _) in deviating.items()
    )
    frozen = pa.concat_tables(
        [with_vouchers(base.table, _from(deviating, base)).cast(LINE_SCHEMA) for base in (kept, recorded)]
    )
    return LockedJudgement(deviations, frozenset(unvouched), frozen)


def _from(deviating: dict[str, tuple[str, Vouchers]], base: Vouchers) -> list[str]:
    """The deviating vouchers whose baseline is in ``base``."""
    return [key for key, (_, source) in deviating.items() if source is base]
