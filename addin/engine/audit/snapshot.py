"""The audit trail's record, kept compactly in cells of a hidden sheet.

The record holds what the next run compares with:

- the Journal as the last entry recorded it (:func:`~addin.engine.audit.lines.journal_lines`),
  with its chunks' hashes and sizes (:mod:`~addin.engine.audit.fingerprint`), to list what changed;
- the vouchers of that Journal in the locked period that the trail cannot vouch for (added to the
  period after it was locked: ``unvouched``);
- the *frozen* lines: locked vouchers as they stood before someone changed or deleted them, kept
  until they are put back or the period is reopened (:mod:`~addin.engine.audit.locked`).

Its bytes are an 8-byte length, a small *index* (an Arrow IPC stream: one row a chunk, its hash,
line count and segment; the segments' places and the unvouched vouchers in its metadata), then
*segments*: runs of chunks (a new one starts at a chunk whose hash begins with a byte under
:data:`_SEGMENT_CUT`, so the cuts depend on the lines alone), each an Arrow IPC stream of its lines
(repetitive text dictionary-encoded, row numbers as steps, zstd), then one segment of frozen lines.
A run that changed one voucher decodes and encodes the segment or two around it and copies every
other segment's bytes as they were. The bytes go into cells as base64, at most :data:`CELL_CHARS`
characters a cell (Excel holds 32,767): about 10 bytes a line. The Audit Log entry records the
*record hash*, BLAKE2b-256 of the bytes, so that a record altered by hand is never trusted.

>>> import datetime as dt
>>> from addin.engine.audit.fingerprint import fingerprint
>>> lines = pa.table({"date": pa.array([dt.date(2025, 4, 1), None], pa.date32()),
...     "voucher": ["V1", "V1"], "account": ["Cash", "Sales"], "debit": [500, 0], "credit": [0, 500],
...     "narration": ["cash sale", ""], "party": ["", ""], "reference": ["", ""],
...     "row": pa.array([2, 5], pa.int32())}).cast(LINE_SCHEMA)
>>> cells, digest = encode_snapshot(lines, fingerprint(lines), unvouched={"V1"})
>>> back = decode_snapshot(cells)
>>> back.chunk_lines([0]).equals(lines), back.lines, back.unvouched, back.frozen.num_rows
(True, 2, frozenset({'V1'}), 0)
>>> back.record_hash == digest, decode_snapshot(["not a record"])
(True, None)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.audit.fingerprint import DIGEST_BYTES, Fingerprint
from addin.engine.audit.lines import LINE_SCHEMA, one_array

CELL_CHARS = 32_000
"""Characters of base64 a cell holds (under Excel's 32,767)."""
_DICTIONARY_COLUMNS = ("account", "narration", "party")
_OPTIONS = pa.ipc.IpcWriteOptions(compression=pa.Codec("zstd", 1))
_SEGMENT_CUT = 4
"""A segment starts at a chunk whose hash's first byte is under this: about 64 chunks a segment."""
_INDEX_SCHEMA = pa.schema(
    [("digest", pa.binary(DIGEST_BYTES)), ("lines", pa.int32()), ("segment", pa.int32())]
)
_ERRORS = (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, IndexError, pa.ArrowException)


RECORD_PERSON = b"bahi-audit-v1"
"""BLAKE2b's personalisation of the record hash (unchanged since v1: the Audit Log holds these hashes)."""


def record_hash(raw: bytes | memoryview) -> str:
    """BLAKE2b-256 (hex) of a record's bytes."""
    return hashlib.blake2b(raw, digest_size=32, person=RECORD_PERSON).hexdigest()


def _stream(table: pa.Table, metadata: dict[bytes, bytes] | None = None) -> bytes:
    if metadata is not None:
        table = table.replace_schema_metadata(metadata)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_OPTIONS) as writer:
        writer.write_table(table, max_chunksize=1 << 20)
    return bytes(sink.getvalue())


def _read(raw: bytes | memoryview) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(raw)).read_all()


def _encode_lines(lines: pa.Table) -> bytes:
    """A segment's bytes: its lines, text dictionary-encoded and row numbers as steps."""
    columns = {name: one_array(lines.column(name)) for name in LINE_SCHEMA.names}
    for name in _DICTIONARY_COLUMNS:
        columns[name] = pc.dictionary_encode(columns[name])
    rows = columns["row"].to_numpy(zero_copy_only=False).astype(np.int64)
    columns["row"] = pa.array(np.diff(rows, prepend=0).astype(np.int32))
    return _stream(pa.table(columns))


def _decode_lines(raw: bytes | memoryview) -> pa.Table:
    table = _read(raw)
    columns = {name: table.column(name).combine_chunks() for name in LINE_SCHEMA.names}
    for name in _DICTIONARY_COLUMNS:
        if pa.types.is_dictionary(columns[name].type):
            columns[name] = columns[name].dictionary_decode()
    steps = columns["row"].to_numpy(zero_copy_only=False).astype(np.int64)
    columns["row"] = pa.array(np.cumsum(steps).astype(np.int32))
    return pa.table(columns).cast(LINE_SCHEMA)


@dataclass(frozen=True)
class Snapshot:
    """A record read back (see the module): its chunks' hashes and sizes, the unvouched vouchers,
    the frozen lines and the record hash; the Journal's lines are decoded by segment, on demand."""

    digests: tuple[bytes, ...]
    chunk_sizes: npt.NDArray[np.int64]
    chunk_segments: npt.NDArray[np.int64]
    segments: tuple[memoryview, ...]
    unvouched: frozenset[str]
    frozen: pa.Table
    record_hash: str
    _decoded: dict[int, pa.Table] = field(default_factory=dict, compare=False, repr=False)

    @property
    def lines(self) -> int:
        return int(self.chunk_sizes.sum())

    @property
    def bounds(self) -> tuple[int, ...]:
        """Where each recorded chunk starts among the lines, and the number of lines at the end."""
        return (0, *np.cumsum(self.chunk_sizes).tolist())

    def _segment(self, number: int) -> pa.Table:
        if number not in self._decoded:
            self._decoded[number] = _decode_lines(self.segments[number])
        return self._decoded[number]

    def chunk_lines(self, chunks: Collection[int]) -> pa.Table:
        """The recorded lines of the chunks numbered ``chunks`` (decoding only their segments)."""
        bounds = self.bounds
        firsts = np.searchsorted(self.chunk_segments, np.arange(len(self.segments)))  # segments are runs
        parts = []
        for chunk in sorted(chunks):
            segment = int(self.chunk_segments[chunk])
            start = bounds[chunk] - bounds[int(firsts[segment])]
            parts.append(self._segment(segment).slice(start, int(self.chunk_sizes[chunk])))
        return pa.concat_tables(parts) if parts else LINE_SCHEMA.empty_table()


def _segment_starts(digests: Sequence[bytes]) -> list[int]:
    """The chunks that start a segment (content-defined: see the module)."""
    return [i for i, d in enumerate(digests) if i == 0 or d[0] < _SEGMENT_CUT]


def encode_snapshot(
    journal: pa.Table,
    found: Fingerprint,
    *,
    unvouched: Collection[str] = (),
    frozen: pa.Table | None = None,
    previous: Snapshot | None = None,
) -> tuple[list[str], str]:
    """The record of ``journal`` (chunked as ``found``) as base64 text in cells of at most
    :data:`CELL_CHARS` characters, and its hash. Segments ``previous`` holds are copied, not encoded."""
    kept: dict[tuple[bytes, ...], memoryview] = {}
    if previous is not None:
        for number, segment in enumerate(previous.segments):
            members = np.flatnonzero(previous.chunk_segments == number).tolist()
            kept[tuple(previous.digests[i] for i in members)] = segment
    starts = _segment_starts(found.digests)
    segments: list[bytes | memoryview] = []
    chunk_segments = np.zeros(len(found.digests), np.int32)
    for number, (first, stop) in enumerate(pairwise([*starts, len(found.digests)])):
        chunk_segments[first:stop] = number
        run = tuple(found.digests[first:stop])
        if run in kept:
            segments.append(kept[run])
        else:
            rows = found.bounds[first], found.bounds[stop]
            segments.append(_encode_lines(journal.slice(rows[0], rows[1] - rows[0]).cast(LINE_SCHEMA)))
    segments.append(
        _encode_lines((frozen if frozen is not None else LINE_SCHEMA.empty_table()).cast(LINE_SCHEMA))
    )
    index = pa.table(
        {
            "digest": pa.array(found.digests, pa.binary(DIGEST_BYTES)),
            "lines": pa.array(np.diff(found.bounds), pa.int32()),
            "segment": pa.array(chunk_segments),
        },
        schema=_INDEX_SCHEMA,
    )
    sizes = [len(s) for s in segments]
    metadata = {
        b"bahi.segments": json.dumps(sizes).encode(),
        b"bahi.unvouched": json.dumps(sorted(unvouched)).encode(),
    }
    head = _stream(index, metadata)
    raw = b"".join([len(head).to_bytes(8, "little"), head, *segments])
    text = base64.b64encode(raw).decode("ascii")
    cells = [text[i : i + CELL_CHARS] for i in range(0, len(text), CELL_CHARS)] or [""]
    return cells, record_hash(raw)


def decode_snapshot(cells: Sequence[object]) -> Snapshot | None:
    """The record of :func:`encode_snapshot`'s cells, or None when they are not a readable record."""
    text = "".join("" if c is None else str(c) for c in cells)
    try:
        raw = memoryview(base64.b64decode(text, validate=True))
        length = int.from_bytes(raw[:8], "little")
        index = _read(raw[8 : 8 + length])
        metadata = index.schema.metadata or {}
        sizes = [int(n) for n in json.loads(metadata[b"bahi.segments"])]
        unvouched = frozenset(str(v) for v in json.loads(metadata[b"bahi.unvouched"]))
        places = np.cumsum([8 + length, *sizes]).tolist()
        segments = tuple(raw[a:b] for a, b in pairwise(places))
        if places[-1] != len(raw) or not segments:
            return None
        frozen = _decode_lines(segments[-1])
        digests = tuple(bytes(d) for d in index.column("digest").to_pylist())
        chunk_sizes = index.column("lines").to_numpy().astype(np.int64)
        chunk_segments = index.column("segment").to_numpy().astype(np.int64)
    except _ERRORS:
        return None
    if len(chunk_segments) and not 0 <= chunk_segments.min() <= chunk_segments.max() < len(segments) - 1:
        return None
    return Snapshot(digests, chunk_sizes, chunk_segments, segments[:-1], unvouched, frozen, record_hash(raw))
