"""The record at the size where its chunks and segments matter: thousands of lines, one change.

A Journal of 24,000 lines is recorded, changed as a user would (an amount, a line inserted in the
middle, a voucher deleted, vouchers sorted, a voucher's lines scattered), and compared: exactly the
changed vouchers are found, and the record written next holds the new Journal line for line while
copying the segments that did not change.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pyarrow as pa
import pytest

from addin.engine.audit import fingerprint as fingerprint_module
from addin.engine.audit.changes import voucher_changes
from addin.engine.audit.fingerprint import fingerprint
from addin.engine.audit.lines import LINE_SCHEMA
from addin.engine.audit.snapshot import Snapshot, decode_snapshot, encode_snapshot

VOUCHERS = 8_000


def journal(rows: list[tuple[object, ...]]) -> pa.Table:
    names = LINE_SCHEMA.names
    table = pa.table({n: [r[i] for r in rows] for i, n in enumerate(names[:-1])})
    return table.append_column("row", pa.array(range(2, len(rows) + 2), pa.int32())).cast(LINE_SCHEMA)


def voucher(number: int) -> list[tuple[object, ...]]:
    day = dt.date(2025, 4, 1) + dt.timedelta(days=number % 300)
    amount = 1_000 + number * 7
    return [
        (day, f"SV-{number:05d}", "Debtors", amount, 0, f"Sale {number}", "Sharma & Sons", f"INV/{number}"),
        (day, f"SV-{number:05d}", "Sales", 0, amount - 18, f"Sale {number}", "", f"INV/{number}"),
        (day, f"SV-{number:05d}", "GST", 0, 18, f"Sale {number}", "", f"INV/{number}"),
    ]


BASE = [line for n in range(VOUCHERS) for line in voucher(n)]


def recorded(rows: list[tuple[object, ...]]) -> Snapshot:
    lines = journal(rows)
    record = decode_snapshot(encode_snapshot(lines, fingerprint(lines))[0])
    assert record is not None
    return record


@pytest.fixture(scope="module")
def record() -> Snapshot:
    return recorded(BASE)


def changed(record: Snapshot, rows: list[tuple[object, ...]]) -> tuple[int, int, int, set[str]]:
    lines = journal(rows)
    found = voucher_changes(record, lines, fingerprint(lines))
    return found.added, found.edited, found.deleted, set(found.keys)


def test_the_journal_spans_many_chunks_and_segments(record: Snapshot) -> None:
    assert len(record.digests) > 20
    assert len(record.segments) > 1
    assert record.chunk_lines(range(len(record.digests))).equals(journal(BASE))


def test_one_amount_changed_is_its_voucher_edited(record: Snapshot) -> None:
    rows = list(BASE)
    rows[3_001] = (*rows[3_001][:3], 999_999, *rows[3_001][4:])
    assert changed(record, rows) == (0, 1, 0, {"SV-01000"})


def test_a_line_inserted_in_the_middle_changes_only_its_voucher(record: Snapshot) -> None:
    rows = [*BASE[:3_003], (dt.date(2025, 6, 1), "SV-01001", "Freight", 50, 0, "", "", ""), *BASE[3_003:]]
    assert changed(record, rows) == (0, 1, 0, {"SV-01001"})


def test_a_deleted_and_an_added_voucher(record: Snapshot) -> None:
    rows = [*BASE[:30], *BASE[33:], *voucher(VOUCHERS)]
    assert changed(record, rows) == (1, 0, 1, {"SV-00010", f"SV-{VOUCHERS:05d}"})


def test_vouchers_sorted_otherwise_are_no_change(record: Snapshot) -> None:
    shuffled = [voucher(n) for n in range(VOUCHERS)]
    random.Random(7).shuffle(shuffled)
    assert changed(record, [line for v in shuffled for line in v]) == (0, 0, 0, set())


def test_a_voucher_whose_lines_lie_far_apart_is_compared_whole(record: Snapshot) -> None:
    moved = [*BASE[:3], *BASE[6:4_500], BASE[3], *BASE[4_500:], BASE[4], BASE[5]]  # SV-00001 scattered
    assert changed(record, moved) == (0, 0, 0, set())
    edited = [*moved[:-1], (*moved[-1][:4], 19, *moved[-1][5:])]
    assert changed(record, edited) == (0, 1, 0, {"SV-00001"})


def test_the_next_record_holds_the_new_journal_and_copies_unchanged_segments(record: Snapshot) -> None:
    rows = list(BASE)
    rows[3_001] = (*rows[3_001][:3], 999_999, *rows[3_001][4:])
    lines = journal(rows)
    cells, _ = encode_snapshot(lines, fingerprint(lines), previous=record)
    again = decode_snapshot(cells)
    assert again is not None
    assert again.chunk_lines(range(len(again.digests))).equals(lines)
    copied = {bytes(s) for s in record.segments} & {bytes(s) for s in again.segments}
    assert len(copied) >= len(again.segments) - 2


def blake2b_digests(lines: pa.Table, bounds: list[int]) -> list[bytes]:
    """Chunk hashes as format v1 made them (BLAKE2b-128 of the same bytes), for the upgrade below."""
    import hashlib  # noqa: PLC0415

    columns = fingerprint_module._Columns.of(lines)
    found = []
    for start, stop in itertools.pairwise(bounds):
        hasher = hashlib.blake2b(int(stop - start).to_bytes(8, "little"), digest_size=16)
        for values in columns.fixed:
            hasher.update(values[start:stop].data)
        for lengths, offsets, data in columns.texts:
            hasher.update(lengths[start:stop].data)
            hasher.update(data[offsets[start] : offsets[stop]])
        found.append(hasher.digest())
    return found


def test_a_book_recorded_in_format_v1_reads_as_unchanged_and_is_recorded_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Format v2 hashes chunks with SHA-256: a record v1 wrote matches no chunk, so every voucher is
    compared line by line once — and none is a change; the next record is v2's, and the run after
    it finds the Journal as recorded without reading the record."""
    from addin.engine.audit.trail import Recorded, Run, audit_journal  # noqa: PLC0415

    lines, run = journal(BASE[:3_000]), Run("30/06/2025 10:00:00 +05:30", "asha", "bahi validate")
    with monkeypatch.context() as v1:
        v1.setattr(fingerprint_module, "range_digests", blake2b_digests)
        v1.setattr(fingerprint_module, "FORMAT", b"bahi-audit-v1")
        first = audit_journal(Recorded(), lines, run)
    upgraded = audit_journal(first.recorded(), lines, run)
    assert upgraded.entry.state_hash != first.entry.state_hash
    assert (upgraded.changes.total, upgraded.issues, upgraded.breaks) == (0, (), ())
    assert upgraded.snapshot_cells is not None, "recorded anew, in v2"
    again = audit_journal(upgraded.recorded(), lines, run)
    assert again.snapshot_cells is None
    assert again.entry.state_hash == upgraded.entry.state_hash
