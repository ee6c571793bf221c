"""A hash per voucher and one hash of the whole Journal, computed column-wise.

Each line is encoded canonically from its typed values — a fixed 20-byte head (the date as days
since 1970 in an int32, debit and credit as int64 paise, little-endian) followed by the voucher,
account, narration, party and reference as UTF-8, separated by ``\\x1f`` and ended by ``\\x1e``
(those two bytes and ``\\x1b`` are escaped inside text, so the encoding is one-to-one). The lines
are built and grouped by voucher with Arrow and numpy; then each voucher's lines (in Journal
order) are hashed with BLAKE2b-128 in one call a voucher.

The *state hash* is BLAKE2b-256 over the number of lines and the sorted voucher hashes: the same
vouchers in any order of the sheet give the same state, and any change to any value of any line
changes its voucher's hash and so the state.

>>> import datetime as dt
>>> lines = pa.table({"date": pa.array([dt.date(2025, 4, 1)] * 2), "voucher": ["V1", "V1"],
...     "account": ["Cash", "Sales"], "debit": [500, 0], "credit": [0, 500],
...     "narration": ["cash sale", ""], "party": ["", ""], "reference": ["", ""],
...     "row": pa.array([2, 3], pa.int32())})
>>> found = fingerprint(lines)
>>> found.voucher_keys(), len(found.digests[0]), found.state[:12]
(['V1'], 16, 'a940afe34912')
>>> fingerprint(lines.take([1, 0])).state == found.state  # the same lines in another order of rows
False
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.audit.lines import TEXT_FIELDS

FORMAT = b"bahi-audit-v1"
"""Put in front of what the state hash covers: a later encoding gets a new tag, never a clash."""
DIGEST_BYTES = 16
NO_DATE = np.int32(-(2**31))
"""The head's date for a line whose date could not be read."""
_HEAD = np.dtype([("date", "<i4"), ("debit", "<i8"), ("credit", "<i8")])
_SPECIAL = "[\x1b\x1e\x1f]"


@dataclass(frozen=True)
class Grouping:
    """The Journal's lines grouped by voucher.

    ``vouchers`` are the voucher numbers in order of first appearance (a blank voucher number
    groups the lines without one); ``order`` lists the line indices grouped by voucher (Journal
    order inside each), voucher ``i`` owning ``order[starts[i]:starts[i + 1]]``.
    """

    vouchers: pa.Array
    order: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]

    def voucher_keys(self) -> list[str]:
        return [str(v) for v in self.vouchers.to_pylist()]

    def line_indices(self, position: int) -> npt.NDArray[np.int64]:
        """The indices (into the lines table) of voucher ``position``'s lines, in Journal order."""
        return self.order[self.starts[position] : self.starts[position + 1]]


@dataclass(frozen=True)
class Fingerprint(Grouping):
    """The grouping, each voucher's hash (``digests[i]``, BLAKE2b-128 of voucher ``i``'s lines),
    and the state hash of them all."""

    digests: list[bytes]
    lines: int
    state: str

    def by_voucher(self) -> dict[str, bytes]:
        """Voucher number → its hash."""
        return dict(zip(self.voucher_keys(), self.digests, strict=True))


def _escaped(text: pa.Array) -> pa.Array:
    """Text with the encoding's own bytes escaped (``\\x1b`` → ``\\x1b0``, ``\\x1e`` → ``\\x1b1``,
    ``\\x1f`` → ``\\x1b2``); untouched when none occurs (almost always)."""
    if not _has_control_bytes(text) or not pc.any(pc.match_substring_regex(text, _SPECIAL)).as_py():
        return text
    for raw, escape in (("\x1b", "\x1b0"), ("\x1e", "\x1b1"), ("\x1f", "\x1b2")):
        text = pc.replace_substring(text, raw, escape)
    return text


def _has_control_bytes(text: pa.Array) -> bool:
    """Whether the text's UTF-8 data holds any byte below 0x20 (a quick scan before the exact one)."""
    data = text.buffers()[2]
    return data is not None and bool((np.frombuffer(data, dtype=np.uint8) < 0x20).any())


def _heads(lines: pa.Table) -> pa.Array:
    """The fixed 20-byte head of every line (date, debit, credit) as binary values."""
    n = lines.num_rows
    head = np.empty(n, dtype=_HEAD)
    dates = lines.column("date").combine_chunks()
    days = dates.cast(pa.int32()).fill_null(NO_DATE) if n else pa.array([], pa.int32())
    head["date"] = days.to_numpy(zero_copy_only=False)
    head["debit"] = lines.column("debit").to_numpy()
    head["credit"] = lines.column("credit").to_numpy()
    fixed = pa.FixedSizeBinaryArray.from_buffers(pa.binary(_HEAD.itemsize), n, [None, pa.py_buffer(head)])
    return fixed.cast(pa.large_binary())


def encoded_lines(lines: pa.Table) -> pa.Array:
    """Every line's canonical bytes (see the module), in table order."""
    texts = [
        _escaped(lines.column(name).combine_chunks()).cast(pa.large_binary())
        for name in ("voucher", *TEXT_FIELDS)
    ]
    separator = pa.scalar(b"\x1f", pa.large_binary())
    joined = pc.binary_join_element_wise(_heads(lines), *texts, separator)
    return pc.binary_join_element_wise(
        joined, pa.scalar(b"", pa.large_binary()), pa.scalar(b"\x1e", pa.large_binary())
    )


def _offsets(array: pa.Array) -> npt.NDArray[np.int64]:
    """The value offsets of a large binary array (n + 1 of them)."""
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)
    return offsets[array.offset : array.offset + len(array) + 1]


def grouping(lines: pa.Table) -> Grouping:
    """The lines of a table of :func:`~addin.engine.audit.lines.journal_lines` grouped by voucher."""
    encoded = pc.dictionary_encode(lines.column("voucher").combine_chunks())
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes, minlength=len(encoded.dictionary))
    starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return Grouping(encoded.dictionary, order, starts)


def voucher_digests(lines: pa.Table, groups: Grouping) -> list[bytes]:
    """Each voucher's BLAKE2b-128 over its lines' canonical bytes, in ``groups``' order."""
    grouped = encoded_lines(lines).take(pa.array(groups.order))
    offsets = _offsets(grouped)
    data = memoryview(grouped.buffers()[2] or b"")
    bounds = offsets[groups.starts].tolist()
    blake = hashlib.blake2b
    return [
        blake(data[a:b], digest_size=DIGEST_BYTES).digest()
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def fingerprint(lines: pa.Table) -> Fingerprint:
    """Each voucher's hash and the state hash of a table of :func:`~addin.engine.audit.lines.journal_lines`."""
    groups = grouping(lines)
    digests = voucher_digests(lines, groups)
    n = lines.num_rows
    return Fingerprint(groups.vouchers, groups.order, groups.starts, digests, n, state_hash(digests, n))


def state_hash(digests: list[bytes], lines: int) -> str:
    """BLAKE2b-256 (hex) of the line count and the voucher hashes in sorted order.

    >>> state_hash([b"a" * 16, b"b" * 16], 3) == state_hash([b"b" * 16, b"a" * 16], 3)
    True
    """
    packed = np.frombuffer(b"".join(digests), dtype=">u8").reshape(-1, 2)
    ranked = packed[np.lexsort((packed[:, 1], packed[:, 0]))] if len(packed) else packed
    hasher = hashlib.blake2b(FORMAT, digest_size=32)
    hasher.update(int(lines).to_bytes(8, "little"))
    hasher.update(ranked.astype(">u8").tobytes())
    return hasher.hexdigest()
