"""What changed in the Journal since the last recorded run: vouchers added, edited and deleted.

Vouchers are compared by number and hash (:mod:`~addin.engine.audit.fingerprint`); an edited or
deleted voucher comes with its old lines (from the snapshot) and its new lines, so that a person can
see what was there. A voucher whose lines are the same but in another order of rows is not a change.

>>> import datetime as dt
>>> from addin.engine.audit.fingerprint import fingerprint
>>> def table(rows):
...     names = ("date", "voucher", "account", "debit", "credit", "narration", "party", "reference", "row")
...     return pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)}).cast(LINE_SCHEMA)
>>> day = dt.date(2025, 4, 1)
>>> old = table([(day, "V1", "Cash", 500, 0, "sale", "", "", 2), (day, "V1", "Sales", 0, 500, "", "", "", 3),
...              (day, "V2", "Rent", 100, 0, "rent", "", "", 4), (day, "V2", "Cash", 0, 100, "", "", "", 5)])
>>> new = table([(day, "V1", "Cash", 900, 0, "sale", "", "", 2), (day, "V1", "Sales", 0, 900, "", "", "", 3),
...              (day, "V3", "Rent", 100, 0, "rent", "", "", 4), (day, "V3", "Cash", 0, 100, "", "", "", 5)])
>>> found = voucher_changes(Snapshot(old, fingerprint(old).digests), new, fingerprint(new))
>>> (found.added, found.edited, found.deleted), [(c.kind, c.voucher) for c in found.changes]
((1, 1, 1), [('edited', 'V1'), ('deleted', 'V2'), ('added', 'V3')])
>>> [(line.debit, line.credit) for line in found.changes[0].old]
[(500, 0), (0, 500)]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from addin.engine.audit.fingerprint import Fingerprint, grouping, voucher_digests
from addin.engine.audit.lines import LINE_SCHEMA
from addin.engine.audit.snapshot import Snapshot

ADDED = "added"
EDITED = "edited"
DELETED = "deleted"
DETAIL_LIMIT = 5_000
"""Changes listed with their lines at most (counts are always whole)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One Journal line's values as the audit trail keeps them (``row``: its worksheet row then)."""

    date: dt.date | None
    voucher: str
    account: str
    debit: int
    credit: int
    narration: str
    party: str
    reference: str
    row: int

    def values(self) -> tuple[object, ...]:
        """Everything but the row: what makes two lines the same."""
        return (self.date, self.voucher, self.account, self.debit, self.credit, self.narration, self.party,
                self.reference)  # fmt: skip


@dataclass(frozen=True)
class VoucherChange:
    """A voucher added, edited or deleted; ``old`` and ``new`` are its lines before and now.

    ``verified`` is False when the old lines kept in the snapshot do not hash to the voucher's
    recorded hash (the snapshot was altered): the change is certain, the old values are not.
    """

    kind: str
    voucher: str
    old: tuple[Line, ...] = ()
    new: tuple[Line, ...] = ()
    verified: bool = True

    @property
    def dates(self) -> list[dt.date]:
        return [x.date for x in (*self.old, *self.new) if x.date is not None]


@dataclass(frozen=True)
class Changes:
    """The counts of vouchers added, edited and deleted, and the first :data:`DETAIL_LIMIT` changes
    with their lines (edits and deletions first)."""

    added: int = 0
    edited: int = 0
    deleted: int = 0
    changes: tuple[VoucherChange, ...] = field(default=())

    @property
    def total(self) -> int:
        return self.added + self.edited + self.deleted

    @property
    def listed_all(self) -> bool:
        return len(self.changes) == self.total


def lines_at(table: pa.Table, indices: npt.NDArray[np.int64]) -> tuple[Line, ...]:
    """The table's lines at ``indices`` as :class:`Line` values."""
    picked = table.take(pa.array(indices, pa.int64())).cast(LINE_SCHEMA).to_pylist()
    return tuple(Line(**row) for row in picked)


def _same_lines(old: tuple[Line, ...], new: tuple[Line, ...]) -> bool:
    return Counter(x.values() for x in old) == Counter(x.values() for x in new)


def voucher_changes(previous: Snapshot, lines: pa.Table, current: Fingerprint) -> Changes:
    """The vouchers of ``lines`` (hashed as ``current``) added, edited or deleted since ``previous``."""
    old_groups = grouping(previous.lines)
    old_keys = old_groups.voucher_keys()
    old_at = {key: i for i, key in enumerate(old_keys)}
    old_digests = previous.digests if len(previous.digests) == len(old_keys) else [b""] * len(old_keys)
    new_keys = current.voucher_keys()
    new_at = {key: i for i, key in enumerate(new_keys)}
    added = [k for k in new_keys if k not in old_at]
    deleted = [k for k in old_keys if k not in new_at]
    suspect = [k for k in new_keys if k in old_at and old_digests[old_at[k]] != current.digests[new_at[k]]]

    def old_lines(key: str) -> tuple[tuple[Line, ...], bool]:
        indices = old_groups.line_indices(old_at[key])
        kept = previous.lines.take(pa.array(indices, pa.int64()))
        trusted = voucher_digests(kept, grouping(kept)) == [old_digests[old_at[key]]]
        return lines_at(previous.lines, indices), trusted

    listed: list[VoucherChange] = []
    edited = 0
    for key in suspect:
        old, trusted = old_lines(key)
        new = lines_at(lines, current.line_indices(new_at[key]))
        if trusted and _same_lines(old, new):
            continue  # the same lines in another order of rows
        edited += 1
        if len(listed) < DETAIL_LIMIT:
            listed.append(VoucherChange(EDITED, key, old, new, trusted))
    for key in deleted[: max(DETAIL_LIMIT - len(listed), 0)]:
        old, trusted = old_lines(key)
        listed.append(VoucherChange(DELETED, key, old, (), trusted))
    for key in added[: max(DETAIL_LIMIT - len(listed), 0)]:
        listed.append(VoucherChange(ADDED, key, (), lines_at(lines, current.line_indices(new_at[key]))))
    return Changes(len(added), edited, len(deleted), tuple(listed))
