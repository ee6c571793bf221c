"""The audit trail's record, kept compactly in cells of a hidden sheet.

The record holds what the next run compares with:

- the Journal as the last entry recorded it (:func:`~addin.engine.audit.lines.journal_lines`) and
  its chunk hashes (:mod:`~addin.engine.audit.fingerprint`), to list what changed since;
- the vouchers of that Journal in the locked period that the trail cannot vouch for (added to the
  period after it was locked: ``unvouched``);
- the *frozen* lines: locked vouchers as they stood before someone changed or deleted them, kept
  until they are put back or the period is reopened (:mod:`~addin.engine.audit.locked`).

It is one Arrow IPC stream (the frozen lines after the Journal's, a ``part`` column telling them
apart; the repetitive text columns dictionary-encoded; row numbers stored as steps), compressed with
zstd, then base64 text cut into cells of at most :data:`CELL_CHARS` characters (Excel holds 32,767
in a cell): about 10 bytes a line. The Audit Log entry records the *record hash*, BLAKE2b-256 of
the stream's bytes, so that a record altered by hand is never trusted.

>>> import datetime as dt
>>> lines = pa.table({"date": pa.array([dt.date(2025, 4, 1), None], pa.date32()),
...     "voucher": ["V1", "V1"], "account": ["Cash", "Sales"], "debit": [500, 0], "credit": [0, 500],
...     "narration": ["cash sale", ""], "party": ["", ""], "reference": ["", ""],
...     "row": pa.array([2, 5], pa.int32())}).cast(LINE_SCHEMA)
>>> cells, digest = encode_snapshot(lines, [b"h" * 16], unvouched={"V1"})
>>> back = decode_snapshot(cells)
>>> back.journal.equals(lines), back.chunks, back.unvouched, back.frozen.num_rows, back.record_hash == digest
(True, (b'hhhhhhhhhhhhhhhh',), frozenset({'V1'}), 0, True)
>>> decode_snapshot(["not a snapshot"]) is None
True
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.audit.fingerprint import DIGEST_BYTES, FORMAT
from addin.engine.audit.lines import LINE_SCHEMA

CELL_CHARS = 32_000
"""Characters of base64 a cell holds (under Excel's 32,767)."""
_DICTIONARY_COLUMNS = ("account", "narration", "party")
_CODEC = "zstd"
_LEVEL = 1
_JOURNAL, _FROZEN = 0, 1
_CHUNKS_KEY = b"bahi.chunks"


@dataclass(frozen=True)
class Snapshot:
    """A decoded record (see the module); ``record_hash`` is the hash of the bytes it was read from."""

    journal: pa.Table
    chunks: tuple[bytes, ...]
    unvouched: frozenset[str]
    frozen: pa.Table
    record_hash: str


def record_hash(raw: bytes | memoryview) -> str:
    """BLAKE2b-256 (hex) of a record's bytes."""
    return hashlib.blake2b(raw, digest_size=32, person=FORMAT[:16]).hexdigest()


def encode_snapshot(
    journal: pa.Table,
    chunks: Sequence[bytes],
    *,
    unvouched: Collection[str] = (),
    frozen: pa.Table | None = None,
) -> tuple[list[str], str]:
    """The record as base64 text in cells of at most :data:`CELL_CHARS` characters, and its hash."""
    frozen = frozen if frozen is not None else LINE_SCHEMA.empty_table()
    lines = pa.concat_tables([journal.select(LINE_SCHEMA.names).cast(LINE_SCHEMA), frozen.cast(LINE_SCHEMA)])
    rows = lines.column("row").to_numpy(zero_copy_only=False).astype(np.int64)
    columns = {name: lines.column(name).combine_chunks() for name in LINE_SCHEMA.names}
    for name in _DICTIONARY_COLUMNS:
        columns[name] = pc.dictionary_encode(columns[name])
    columns["row"] = pa.array(np.diff(rows, prepend=0).astype(np.int32))
    part = np.full(lines.num_rows, _FROZEN, np.int8)
    part[: journal.num_rows] = _JOURNAL
    columns["part"] = pa.array(part)
    vouched = np.ones(lines.num_rows, dtype=bool)
    if unvouched:
        listed = pc.is_in(columns["voucher"][: journal.num_rows], value_set=pa.array(sorted(unvouched)))
        vouched[: journal.num_rows] = ~listed.to_numpy(zero_copy_only=False)
    columns["vouched"] = pa.array(vouched)
    table = pa.table(columns).replace_schema_metadata({_CHUNKS_KEY: b"".join(chunks).hex().encode("ascii")})
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression=pa.Codec(_CODEC, _LEVEL))
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table, max_chunksize=1 << 20)
    raw = sink.getvalue()
    text = base64.b64encode(memoryview(raw)).decode("ascii")
    cells = [text[i : i + CELL_CHARS] for i in range(0, len(text), CELL_CHARS)] or [""]
    return cells, record_hash(memoryview(raw))


def decode_snapshot(cells: Sequence[object]) -> Snapshot | None:
    """The record of :func:`encode_snapshot`'s cells, or None when they are not a readable record."""
    text = "".join("" if c is None else str(c) for c in cells)
    try:
        raw = base64.b64decode(text, validate=True)
        table = pa.ipc.open_stream(pa.py_buffer(raw)).read_all()
        chunks_hex = (table.schema.metadata or {})[_CHUNKS_KEY].decode("ascii")
        chunk_bytes = bytes.fromhex(chunks_hex)
        columns = {name: table.column(name).combine_chunks() for name in LINE_SCHEMA.names}
        part = table.column("part").to_numpy()
        vouched = table.column("vouched").to_numpy(zero_copy_only=False)
    except (binascii.Error, ValueError, KeyError, UnicodeDecodeError, pa.ArrowException):
        return None
    if len(chunk_bytes) % DIGEST_BYTES:
        return None
    for name in _DICTIONARY_COLUMNS:
        if pa.types.is_dictionary(columns[name].type):
            columns[name] = columns[name].dictionary_decode()
    columns["row"] = pa.array(
        np.cumsum(columns["row"].to_numpy(zero_copy_only=False).astype(np.int64)).astype(np.int32)
    )
    try:
        lines = pa.table(columns).cast(LINE_SCHEMA)
    except pa.ArrowException:
        return None
    in_journal = int(np.count_nonzero(part == _JOURNAL))
    journal, frozen = lines.slice(0, in_journal), lines.slice(in_journal)
    unvouched = frozenset(
        str(v)
        for v in pc.unique(journal.column("voucher").filter(pa.array(~vouched[:in_journal]))).to_pylist()
    )
    chunks = tuple(chunk_bytes[i : i + DIGEST_BYTES] for i in range(0, len(chunk_bytes), DIGEST_BYTES))
    return Snapshot(journal, chunks, unvouched, frozen, record_hash(raw))
