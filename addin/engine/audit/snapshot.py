"""The last recorded Journal, kept compactly in cells of a hidden sheet.

To show what an edited or deleted voucher *used to say*, the audit trail keeps the previous run's
lines (:func:`~addin.engine.audit.lines.journal_lines`): an Arrow IPC stream, its repetitive text
columns dictionary-encoded and the row numbers stored as steps (mostly 1), compressed with zstd,
then base64 text cut into cells of at most :data:`CELL_CHARS` characters (Excel holds 32,767 in a
cell). About 14 bytes a line: 1,048,575 lines take ~19 MB of text, 100,000 lines ~1.9 MB.

The voucher hashes kept with the lines are trusted only when they give the state hash that the
Audit Log's last entry recorded (:func:`~addin.engine.audit.fingerprint.state_hash`); the lines
of a voucher are shown as its old values only when they hash to its recorded hash.

>>> import datetime as dt
>>> lines = pa.table({"date": pa.array([dt.date(2025, 4, 1), None], pa.date32()),
...     "voucher": ["V1", "V1"], "account": ["Cash", "Sales"], "debit": [500, 0], "credit": [0, 500],
...     "narration": ["cash sale", ""], "party": ["", ""], "reference": ["", ""],
...     "row": pa.array([2, 5], pa.int32())})
>>> cells = encode_snapshot(lines, [b"h" * 16])
>>> back = decode_snapshot(cells)
>>> back.lines.equals(lines.cast(LINE_SCHEMA)), back.digests
(True, [b'hhhhhhhhhhhhhhhh'])
>>> decode_snapshot(["not a snapshot"]) is None
True
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.audit.fingerprint import DIGEST_BYTES
from addin.engine.audit.lines import LINE_SCHEMA

CELL_CHARS = 32_000
"""Characters of base64 a cell holds (under Excel's 32,767)."""
_DICTIONARY_COLUMNS = ("account", "narration", "party")
_CODEC = "zstd"
_LEVEL = 1


@dataclass(frozen=True)
class Snapshot:
    """A recorded Journal: its lines, and each voucher's hash as recorded (in order of first
    appearance of the voucher among the lines)."""

    lines: pa.Table
    digests: list[bytes]


def encode_snapshot(lines: pa.Table, digests: Sequence[bytes] = ()) -> list[str]:
    """The lines (and their vouchers' hashes, each kept on the voucher's first line) as base64 text
    in cells of at most :data:`CELL_CHARS` characters."""
    lines = lines.cast(LINE_SCHEMA)
    rows = lines.column("row").to_numpy(zero_copy_only=False).astype(np.int64)
    steps = np.diff(rows, prepend=0).astype(np.int32)
    columns = {name: lines.column(name).combine_chunks() for name in LINE_SCHEMA.names}
    for name in _DICTIONARY_COLUMNS:
        columns[name] = pc.dictionary_encode(columns[name])
    columns["row"] = pa.array(steps)
    columns["voucher_hash"] = _hash_column(columns["voucher"], digests)
    table = pa.table(columns)
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression=pa.Codec(_CODEC, _LEVEL))
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table, max_chunksize=1 << 20)
    text = base64.b64encode(sink.getvalue().to_pybytes()).decode("ascii")
    return [text[i : i + CELL_CHARS] for i in range(0, len(text), CELL_CHARS)] or [""]


def _hash_column(vouchers: pa.Array, digests: Sequence[bytes]) -> pa.Array:
    """Each voucher's hash on its first line, null on the others."""
    kind = pa.binary(DIGEST_BYTES)
    if not digests:
        return pa.nulls(len(vouchers), kind)
    codes = pc.dictionary_encode(vouchers).indices.to_numpy(zero_copy_only=False)
    _, first = np.unique(codes, return_index=True)
    if len(first) != len(digests):
        raise ValueError(f"{len(digests)} hashes for {len(first)} vouchers")
    values: list[bytes | None] = [None] * len(vouchers)
    for code, index in enumerate(first.tolist()):
        values[index] = digests[code]
    return pa.array(values, kind)


def decode_snapshot(cells: Sequence[object]) -> Snapshot | None:
    """The lines and hashes of :func:`encode_snapshot`'s cells, or None when they are not a
    readable snapshot."""
    text = "".join("" if c is None else str(c) for c in cells)
    try:
        raw = base64.b64decode(text, validate=True)
        table = pa.ipc.open_stream(pa.py_buffer(raw)).read_all()
        columns = {name: table.column(name).combine_chunks() for name in LINE_SCHEMA.names}
        hashes = table.column("voucher_hash").combine_chunks()
    except (binascii.Error, ValueError, KeyError, pa.ArrowException):
        return None
    for name in _DICTIONARY_COLUMNS:
        column = columns[name]
        if pa.types.is_dictionary(column.type):
            columns[name] = column.dictionary_decode()
    steps = columns["row"].to_numpy(zero_copy_only=False).astype(np.int64)
    columns["row"] = pa.array(np.cumsum(steps).astype(np.int32))
    try:
        lines = pa.table(columns).cast(LINE_SCHEMA)
    except pa.ArrowException:
        return None
    digests = [bytes(d) for d in hashes.drop_null().to_pylist()]
    return Snapshot(lines, digests)
