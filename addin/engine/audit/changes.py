"""What changed in the Journal since the last recorded run: vouchers added, edited and deleted.

Only the chunks whose hashes the record does not hold (:mod:`~addin.engine.audit.fingerprint`) are
looked into: the vouchers with a line in such a chunk, now or then, are compared by their hashes,
and the changed ones come with their old lines and their new lines, so that a person can see what
was there. Their old lines are the record's lines in the chunks that changed (only those segments of
the record are decoded) and their lines in the chunks that did not (which the Journal still holds
as they were). A voucher whose lines are the same but in another order of rows is not a change.

>>> import datetime as dt
>>> from addin.engine.audit.fingerprint import fingerprint
>>> from addin.engine.audit.snapshot import decode_snapshot, encode_snapshot
>>> def table(rows):
...     names = ("date", "voucher", "account", "debit", "credit", "narration", "party", "reference", "row")
...     return pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)}).cast(LINE_SCHEMA)
>>> day = dt.date(2025, 4, 1)
>>> old = table([(day, "V1", "Cash", 500, 0, "sale", "", "", 2), (day, "V1", "Sales", 0, 500, "", "", "", 3),
...              (day, "V2", "Rent", 100, 0, "rent", "", "", 4), (day, "V2", "Cash", 0, 100, "", "", "", 5)])
>>> new = table([(day, "V1", "Cash", 900, 0, "sale", "", "", 2), (day, "V1", "Sales", 0, 900, "", "", "", 3),
...              (day, "V3", "Rent", 100, 0, "rent", "", "", 4), (day, "V3", "Cash", 0, 100, "", "", "", 5)])
>>> record = decode_snapshot(encode_snapshot(old, fingerprint(old))[0])
>>> found = voucher_changes(record, new, fingerprint(new))
>>> (found.added, found.edited, found.deleted), [(c.kind, c.voucher) for c in found.changes]
((1, 1, 1), [('edited', 'V1'), ('deleted', 'V2'), ('added', 'V3')])
>>> [(line.debit, line.credit) for line in found.changes[0].old]
[(500, 0), (0, 500)]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.audit.fingerprint import Fingerprint, voucher_digests
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
    """A voucher added, edited or deleted; ``old`` and ``new`` are its lines before and now."""

    kind: str
    voucher: str
    old: tuple[Line, ...] = ()
    new: tuple[Line, ...] = ()

    @property
    def dates(self) -> list[dt.date]:
        return [x.date for x in (*self.old, *self.new) if x.date is not None]


@dataclass(frozen=True)
class Changes:
    """The counts of vouchers added, edited and deleted, every changed voucher's number (``keys``),
    the first :data:`DETAIL_LIMIT` changes with their lines (edits and deletions first), and the
    recorded lines of every changed voucher (``recorded``)."""

    added: int = 0
    edited: int = 0
    deleted: int = 0
    changes: tuple[VoucherChange, ...] = field(default=())
    keys: frozenset[str] = frozenset()
    recorded: pa.Table = field(default_factory=LINE_SCHEMA.empty_table)

    @property
    def total(self) -> int:
        return self.added + self.edited + self.deleted

    @property
    def listed_all(self) -> bool:
        return len(self.changes) == self.total


def _keys(keys: Collection[str]) -> pa.Array:
    return pa.array(sorted(keys), pa.large_string())


def with_vouchers(table: pa.Table, keys: Collection[str]) -> pa.Table:
    """The lines of ``table`` whose voucher is one of ``keys``, in sheet order."""
    if not keys or table.num_rows == 0:
        return table.slice(0, 0)
    return table.filter(pc.is_in(table.column("voucher"), value_set=_keys(keys)))


@dataclass(frozen=True)
class Vouchers:
    """Some vouchers of a table: their lines (in sheet order), numbers (in order of first line) and hashes."""

    table: pa.Table
    order: tuple[str, ...]
    digests: dict[str, bytes]

    @classmethod
    def of(cls, table: pa.Table, keys: Collection[str]) -> Vouchers:
        picked = with_vouchers(table, keys)
        order = tuple(str(v) for v in pc.unique(picked.column("voucher")).to_pylist())
        return cls(picked, order, voucher_digests(picked))

    def lines(self, keys: Collection[str]) -> dict[str, tuple[Line, ...]]:
        """The lines of each of ``keys`` (those this holds), in sheet order."""
        grouped: dict[str, list[Line]] = {}
        for row in with_vouchers(self.table, keys).cast(LINE_SCHEMA).to_pylist():
            grouped.setdefault(row["voucher"], []).append(Line(**row))
        return {key: tuple(found) for key, found in grouped.items()}


def _unmatched(chunks: Sequence[bytes], others: Iterable[bytes]) -> list[int]:
    """The positions of ``chunks`` that ``others`` do not hold (as many times)."""
    left = Counter(others)
    unmatched = []
    for position, digest in enumerate(chunks):
        if left[digest]:
            left[digest] -= 1
        else:
            unmatched.append(position)
    return unmatched


def _in_chunks(bounds: Sequence[int], chunks: Iterable[int]) -> npt.NDArray[np.bool_]:
    """Which lines lie in the chunks numbered ``chunks``."""
    inside = np.zeros(bounds[-1], dtype=bool)
    for chunk in chunks:
        inside[bounds[chunk] : bounds[chunk + 1]] = True
    return inside


def _voucher_set(table: pa.Table) -> set[str]:
    return {str(v) for v in pc.unique(table.column("voucher")).to_pylist()}


def voucher_changes(previous: Snapshot, lines: pa.Table, current: Fingerprint) -> Changes:
    """The vouchers of ``lines`` (hashed as ``current``) added, edited or deleted since ``previous``."""
    new_chunks = _unmatched(current.digests, previous.digests)
    old_changed = previous.chunk_lines(_unmatched(previous.digests, current.digests))
    changed_here = _in_chunks(current.bounds, new_chunks)
    suspects = _voucher_set(lines.filter(pa.array(changed_here))) | _voucher_set(old_changed)
    if not suspects:
        return Changes()
    now = with_vouchers(lines, suspects)  # every line of the suspects, in sheet order
    here = pa.array(changed_here).filter(pc.is_in(lines.column("voucher"), value_set=_keys(suspects)))
    then = pa.concat_tables([with_vouchers(old_changed, suspects), now.filter(pc.invert(here))])
    old, new = Vouchers.of(then, suspects), Vouchers.of(now, suspects)
    edited = [k for k in new.order if k in old.digests and old.digests[k] != new.digests[k]]
    deleted = [k for k in old.order if k not in new.digests]
    added = [k for k in new.order if k not in old.digests]
    listed = [*((EDITED, k) for k in edited), *((DELETED, k) for k in deleted), *((ADDED, k) for k in added)]
    listed = listed[:DETAIL_LIMIT]
    keys = {k for _, k in listed}
    before, after = old.lines(keys), new.lines(keys)
    changes = tuple(VoucherChange(kind, k, before.get(k, ()), after.get(k, ())) for kind, k in listed)
    changed = frozenset((*edited, *deleted, *added))
    return Changes(len(added), len(edited), len(deleted), changes, changed, with_vouchers(then, changed))
