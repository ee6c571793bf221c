"""The audit trail as a specification: a ledger written inline, changed as a user would, audited.

Each test records a run, changes the Journal (or the Audit Log, or the lock) and audits again. The
books are recorded while open, then locked up to 30/06/2025 (V1 in April and V2 in May locked; V3 in
July open), as an accountant closes a quarter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from addin.cli import main
from addin.engine.audit.chain import verify_chain
from addin.engine.audit.changes import voucher_changes
from addin.engine.audit.fingerprint import fingerprint
from addin.engine.audit.lines import journal_lines
from addin.engine.audit.snapshot import decode_snapshot, encode_snapshot
from addin.engine.audit.trail import AuditResult, Kept, Recorded, Run, audit_journal
from addin.engine.load import ledger_from_rows
from tests.server.books import build_small_ledger
from workbook_templates.build import DEMO_PATH

ACCOUNTS = [["Code", "Name", "Type", "Parent", "Opening Balance"], ["1000", "Cash", "Asset", "", 0],
            ["4000", "Sales", "Income", "", 0], ["5000", "Rent", "Expense", "", 0]]  # fmt: skip
JOURNAL = [
    ["Date", "Voucher", "Account", "Debit", "Credit", "Narration"],
    ["05/04/2025", "V1", "1000", 5000, None, "Cash sale"],
    ["05/04/2025", "V1", "4000", None, 5000, "Cash sale"],
    ["10/05/2025", "V2", "5000", 1200, None, "May rent"],
    ["10/05/2025", "V2", "1000", None, 1200, "May rent"],
    ["02/07/2025", "V3", "1000", 800, None, "Cash sale"],
    ["02/07/2025", "V3", "4000", None, 800, "Cash sale"],
]
BODY = JOURNAL[1:]
RUN = Run("05/07/2025 10:00:00 +05:30", "asha", "bahi validate --write")
LOCK = dt.date(2025, 6, 30)
LETTERS = {"Journal.Debit": "D", "Journal.Voucher": "B", "Journal.Date": "A"}


def journal(rows: list[list[Any]]) -> pd.DataFrame:
    return ledger_from_rows(ACCOUNTS, [JOURNAL[0], *rows]).journal


def audited(
    rows: list[list[Any]], before: AuditResult | None = None, *, lock: dt.date | None = LOCK,
    key: bytes | None = None,
) -> AuditResult:  # fmt: skip
    recorded = before.recorded() if before is not None else Recorded()
    return audit_journal(recorded, journal(rows), RUN, key=key, lock_date=lock, letters=LETTERS)


def recorded_open(rows: list[list[Any]] = BODY) -> AuditResult:
    """The first run, before the books were locked: every voucher is recorded while open."""
    return audited(rows, lock=None)


def with_cell(rows: list[list[Any]], row: int, column: int, value: Any) -> list[list[Any]]:
    changed = [list(r) for r in rows]
    changed[row][column] = value
    return changed


def flagged(result: AuditResult) -> list[tuple[str, str]]:
    return [(i.rule, i.cell or i.value) for i in result.issues]


def test_the_first_run_records_the_baseline() -> None:
    first = recorded_open()
    assert first.baseline
    assert (first.entry.number, first.entry.previous_hash) == (1, "")
    assert (first.entry.vouchers, first.entry.lines, first.entry.lock_date) == (3, 6, "")
    assert first.issues == ()


def test_nothing_changed_reads_nothing_and_rewrites_nothing() -> None:
    first = recorded_open()

    def unread() -> Kept:
        raise AssertionError("an unchanged Journal must not read the record")

    again = audit_journal(Recorded(first.entries, unread), journal(BODY), RUN, lock_date=LOCK)
    assert again.changes.total == 0
    assert again.snapshot_cells is None
    assert again.entry.record_hash == first.entry.record_hash
    assert (again.issues, again.entry.locked, again.entry.lock_date) == ((), 0, "30/06/2025")


def test_an_edited_line_is_listed_with_its_old_and_new_values() -> None:
    later = audited(with_cell(BODY, 4, 3, 900), recorded_open())  # V3 (July, open): debit 800 -> 900
    (change,) = later.changes.changes
    assert (change.kind, change.voucher, later.entry.edited) == ("edited", "V3", 1)
    assert [x.debit for x in change.old] == [80000, 0]
    assert [x.debit for x in change.new] == [90000, 0]
    assert later.issues == ()  # outside the locked period: listed, not an error


def test_a_deleted_and_an_added_voucher_are_listed() -> None:
    added = [["03/07/2025", "V4", "5000", 100, None, "Tea"], ["03/07/2025", "V4", "1000", None, 100, "Tea"]]
    later = audited([*BODY[:2], *BODY[4:], *added], recorded_open())  # V2 (May, locked) deleted
    assert [(c.kind, c.voucher) for c in later.changes.changes] == [("deleted", "V2"), ("added", "V4")]
    assert flagged(later) == [("locked-voucher-deleted", "V2")]


def test_an_edit_inside_the_locked_period_is_an_error_at_its_journal_cell() -> None:
    later = audited(with_cell(BODY, 2, 3, 2100), recorded_open())  # V2 is dated 10/05/2025, locked to 30/06
    assert [(i.rule, i.severity.value, i.sheet, i.cell) for i in later.issues] == [
        ("locked-voucher-edited", "error", "Journal", "D4")
    ]
    assert "was '1,200.00', now '2,100.00'" in later.issues[0].message_en


def test_a_locked_edit_stays_flagged_on_every_run_until_it_is_put_back() -> None:
    edited = with_cell(BODY, 2, 3, 2100)  # V2 (May, locked): rent 1,200 -> 2,100
    second = audited(edited, recorded_open())
    third = audited(edited, second)  # nothing changed since the second entry ...
    assert third.changes.total == 0
    assert flagged(third) == [("locked-voucher-edited", "D4")]  # ... and the edit still stands
    assert "was '1,200.00', now '2,100.00'" in third.issues[0].message_en
    assert third.entry.locked == 1
    fourth = audited(edited, third)
    assert flagged(fourth) == [("locked-voucher-edited", "D4")]
    put_back = audited(BODY, fourth)
    assert put_back.issues == ()
    assert (put_back.entry.locked, put_back.locked.frozen.num_rows) == (0, 0)
    assert put_back.changes.edited == 1  # since the fourth entry, V2 changed (back)


def test_a_locked_deletion_stays_flagged_until_the_voucher_is_put_back() -> None:
    without_v2 = [*BODY[:2], *BODY[4:]]
    second = audited(without_v2, recorded_open())
    third = audited(without_v2, second)
    assert flagged(third) == [("locked-voucher-deleted", "V2")]
    assert audited(BODY, third).issues == ()


def test_a_locked_edit_survives_a_hidden_record_rewritten_by_later_runs() -> None:
    edited = with_cell(BODY, 2, 3, 2100)
    runs = [audited(edited, recorded_open())]
    for _ in range(3):
        also = [*edited, ["03/07/2025", f"V{len(runs) + 4}", "5000", 10, None, "Tea"]]  # the record changes
        runs.append(audited(also, runs[-1]))
    assert ("locked-voucher-edited", "D4") in flagged(runs[-1])


def test_reopening_the_period_releases_a_locked_edit() -> None:
    edited = with_cell(BODY, 2, 3, 2100)
    second = audited(edited, recorded_open())
    reopened = audited(edited, second, lock=dt.date(2025, 4, 30))  # May reopened: V2 is open again
    assert reopened.issues == ()
    assert audited(edited, reopened, lock=LOCK).issues == ()  # relocked: V2 was recorded open as it is now


def test_a_voucher_added_into_the_locked_period_is_not_vouched_for() -> None:
    late = [
        ["20/05/2025", "V9", "5000", 300, None, "Back-dated"],
        ["20/05/2025", "V9", "1000", None, 300, ""],
    ]
    second = audited([*BODY, *late], recorded_open())
    assert second.locked.unvouched == {"V9"}
    third = audited([*BODY, *late], second)
    assert third.locked.unvouched == {"V9"}  # on every run, not only the first
    assert third.entry.locked == 1


def test_the_books_already_locked_when_the_trail_begins_are_not_vouched_for() -> None:
    first = audited(BODY)  # the first run is already locked to 30/06: V1 and V2 were never seen open
    assert first.locked.unvouched == {"V1", "V2"}
    assert audited(BODY, first).locked.unvouched == {"V1", "V2"}


def test_lines_in_another_order_of_rows_are_not_a_change() -> None:
    first = recorded_open()
    later = audited([BODY[1], BODY[0], *BODY[4:], *BODY[2:4]], first)
    assert later.changes.total == 0
    assert later.issues == ()
    assert later.entry.state_hash != first.entry.state_hash  # the sheet's order is part of the state


def test_a_record_altered_by_hand_is_not_trusted() -> None:
    first = recorded_open()
    other = journal_lines(journal(BODY[:4]))
    tampered = Kept(tuple(encode_snapshot(other, fingerprint(other))[0]), "", 1)
    later = audit_journal(Recorded(first.entries, lambda: tampered), journal(BODY[:4]), RUN, lock_date=LOCK)
    assert flagged(later) == [("audit-snapshot-mismatch", "1")]
    assert later.entry.command.endswith("[changes unknown]")


def test_a_tampered_log_row_breaks_the_chain_there() -> None:
    second = audited(BODY, recorded_open())
    entries = list(second.entries)
    entries[0] = dataclasses.replace(entries[0], user="ravi", row=3)
    assert [(b.number, b.row, b.reason) for b in verify_chain(entries)] == [(1, 3, "entry")]


def test_keyed_mode_catches_a_chain_recomputed_without_the_key() -> None:
    key = b"kept outside the book"
    second = audited(BODY, audited(BODY, lock=None, key=key), key=key)
    assert verify_chain(second.entries, key) == []
    forger = audited(with_cell(BODY, 2, 3, 2100), recorded_open())  # a whole new unkeyed chain, edit hidden
    assert verify_chain(forger.entries, key) == []  # unkeyed throughout: no key to miss
    rewritten = [*second.entries[:1], *forger.entries[1:]]
    assert verify_chain(rewritten, key)  # spliced: the link and the mode give it away
    forged_keyed = dataclasses.replace(second.entry, user="ravi")
    assert [b.reason for b in verify_chain([second.entries[0], forged_keyed], key)] == ["entry"]


line = st.tuples(
    st.sampled_from(["01/04/2025", "15/06/2025", "31/03/2026"]),
    st.sampled_from(["1000", "4000", "5000"]),
    st.integers(min_value=1, max_value=10**9),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(line, min_size=1, max_size=3), min_size=1, max_size=40), st.randoms())
def test_vouchers_in_another_order_are_no_change_and_any_changed_cell_is_its_voucher_edited(
    vouchers: list[list[tuple[str, str, int, str]]], random: Any
) -> None:
    rows = [
        [date, f"V{v}", account, amount, None, text]
        for v, lines in enumerate(vouchers)
        for date, account, amount, text in lines
    ]
    lines = journal_lines(journal(rows))
    record = decode_snapshot(encode_snapshot(lines, fingerprint(lines))[0])
    assert record is not None

    def changes_to(new_rows: list[list[Any]]) -> tuple[int, int, int, list[str]]:
        new = journal_lines(journal(new_rows))
        found = voucher_changes(record, new, fingerprint(new))
        return found.added, found.edited, found.deleted, [c.voucher for c in found.changes]

    blocks = [[r for r in rows if r[1] == f"V{v}"] for v in range(len(vouchers))]
    random.shuffle(blocks)
    assert changes_to([r for b in blocks for r in b]) == (0, 0, 0, [])
    target = random.randrange(len(rows))
    voucher = rows[target][1]
    assert changes_to(with_cell(rows, target, 3, rows[target][3] + 1)) == (0, 1, 0, [voucher])
    assert changes_to(with_cell(rows, target, 5, rows[target][5] + "x")) == (0, 1, 0, [voucher])


# --- through the file and the command --------------------------------------------------------


def _edit(path: Path, sheet: str, cell: str, value: Any) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def _issues(path: Path) -> list[tuple[Any, Any]]:
    return [(r[1].value, r[3].value) for r in load_workbook(path)["Issues"].iter_rows(min_row=3)]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "books.xlsx"
    shutil.copy(DEMO_PATH, path)
    return path


def test_bahi_audit_names_the_tampered_audit_log_row(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(demo), "--write", "-q"]) == 1  # the demo's planted mistakes
    assert main(["validate", str(demo), "--write", "-q"]) == 1
    assert main(["audit", str(demo)]) == 0
    _edit(demo, "Audit Log", "C3", "someone else")  # entry 1's user
    capsys.readouterr()
    assert main(["audit", str(demo), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert '"cell": "A3"' in out
    assert "audit-chain-broken" in out


def test_a_locked_voucher_edited_in_the_file_stays_flagged_until_it_is_put_back(demo: Path) -> None:
    assert main(["validate", str(demo), "--write", "-q"]) == 1  # recorded with April to June open
    original = load_workbook(demo)["Journal"]["D2"].value
    _edit(demo, "Journal", "D2", 99999)  # SV-0001, 01/04/2025
    _edit(demo, "Settings", "B7", dt.datetime(2025, 6, 30))  # Lock Date: April to June closed
    for _ in range(2):  # the edit is flagged on this run and on every later one
        assert main(["validate", str(demo), "--write", "-q"]) == 1
        assert ("locked-voucher-edited", "D2") in _issues(demo)
    wb = load_workbook(demo)
    assert wb["Bahi Audit Data"].sheet_state == "veryHidden"
    log = list(wb["Audit Log"].iter_rows(values_only=True))
    # entry 2: one voucher edited; standing in the locked period: the edit, and the demo's planted
    # line of last year (dated in the period closed before the trail began: never vouched for)
    assert (log[3][9], log[3][5], log[3][11]) == (1, "30/06/2025", 2)
    assert (log[4][9], log[4][11]) == (0, 2)  # entry 3: no change since entry 2, both still standing
    _edit(demo, "Journal", "D2", original)
    main(["validate", str(demo), "--write", "-q"])
    assert ("locked-voucher-edited", "D2") not in _issues(demo)
    assert list(load_workbook(demo)["Audit Log"].iter_rows(values_only=True))[5][11] == 1


def _balanced_small_ledger(tmp_path: Path) -> Path:
    """The small ledger with its planted mistakes corrected, and a May voucher."""
    path = build_small_ledger(tmp_path / "small.xlsx")
    wb = load_workbook(path)
    ws = wb["Journal"]
    ws["C4"], ws["D5"], ws["E5"] = "5000", None, 700
    ws.append([dt.datetime(2025, 5, 3), "V4", "5000", 100, None, "Tea", "", ""])
    ws.append([dt.datetime(2025, 5, 3), "V4", "1000", None, 100, "Tea", "", ""])
    ws.tables["Journal"].ref = f"A1:H{ws.max_row}"
    wb.save(path)
    return path


def test_close_refuses_with_blockers_then_locks_a_clean_month(tmp_path: Path) -> None:
    path = build_small_ledger(tmp_path / "small.xlsx")
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 1  # planted mistakes
    assert "Close" not in load_workbook(path).sheetnames
    path = _balanced_small_ledger(tmp_path)
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 0
    closed = list(load_workbook(path)["Close"].iter_rows(values_only=True))
    assert closed[2][:3] == ("2025-04", "30/04/2025", "closed / बंद")
    _edit(path, "Journal", "D7", 1300)  # V3, 03/04/2025: now inside the closed month
    assert main(["validate", str(path), "--write", "-q"]) == 1
    assert ("locked-voucher-edited", "D7") in _issues(path)


def test_months_close_one_after_another(tmp_path: Path) -> None:
    path = _balanced_small_ledger(tmp_path)
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 0
    assert main(["validate", str(path), "-q"]) == 0  # April's vouchers, locked as recorded, are no error
    assert main(["close", str(path), "--month", "2025-05", "--write", "-q"]) == 0
    closed = [r[0] for r in load_workbook(path)["Close"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert closed == ["2025-04", "2025-05"]


def test_a_voucher_back_dated_into_a_closed_month_is_a_locked_period_error_every_run(tmp_path: Path) -> None:
    path = _balanced_small_ledger(tmp_path)
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 0
    wb = load_workbook(path)
    ws = wb["Journal"]
    ws.append([dt.datetime(2025, 4, 20), "V5", "5000", 50, None, "Back-dated", "", ""])
    ws.append([dt.datetime(2025, 4, 20), "V5", "1000", None, 50, "Back-dated", "", ""])
    ws.tables["Journal"].ref = f"A1:H{ws.max_row}"
    wb.save(path)
    for _ in range(2):
        assert main(["validate", str(path), "--write", "-q"]) == 1
        assert {("locked-period", "A10"), ("locked-period", "A11")} <= set(_issues(path))


def test_reconcile_counts_the_audit_trails_findings_and_undo_is_recorded(demo: Path) -> None:
    from addin.books.file_book import FileBook  # noqa: PLC0415
    from addin.macros.reconcile import reconcile_book, undo_reconciliation  # noqa: PLC0415

    assert main(["validate", str(demo), "--write", "-q"]) == 1
    _edit(demo, "Journal", "D2", 99999)  # SV-0001, 01/04/2025
    _edit(demo, "Settings", "B7", dt.datetime(2025, 6, 30))
    with FileBook.open(demo) as book:
        result = reconcile_book(book, write=True)
        book.save()
    assert ("locked-voucher-edited", "D2") in [(i.rule, i.cell) for i in result.issues]
    assert result.has_errors
    listed = {
        (r[1].value, r[3].value): r[10].value for r in load_workbook(demo)["Issues"].iter_rows(min_row=3)
    }
    assert listed[("locked-voucher-edited", "D2")] == "Audit trail / ऑडिट निशान"  # Found by
    with FileBook.open(demo) as book:
        undone = undo_reconciliation(book, "R1", write=True)
        book.save()
    assert ("locked-voucher-edited", "D2") in [(i.rule, i.cell) for i in undone.issues]
    log = [
        r
        for r in load_workbook(demo)["Audit Log"].iter_rows(min_row=3, values_only=True)
        if isinstance(r[0], int)
    ]
    assert [r[3] for r in log[-2:]] == ["reconcile", "undo reconciliation R1"]


# --- a trading book: Post records what it posted, Close ties the parties -----------------------


@pytest.fixture
def trading(tmp_path: Path) -> Path:
    from workbook_templates.trading import TRADING_DEMO_PATH  # noqa: PLC0415

    path = tmp_path / "trading.xlsx"
    shutil.copy(TRADING_DEMO_PATH, path)
    return path


def _log(path: Path) -> list[tuple[Any, ...]]:
    rows = load_workbook(path)["Audit Log"].iter_rows(min_row=3, values_only=True)
    return [r for r in rows if isinstance(r[0], int)]


def test_post_records_the_journal_with_the_vouchers_it_posted(trading: Path) -> None:
    main(["validate", str(trading), "--write", "-q"])
    main(["post", str(trading), "--write", "-q"])
    posted = _log(trading)[-1]
    assert posted[3].startswith("bahi post")
    assert posted[8] > 0  # vouchers added, by this entry
    main(["validate", str(trading), "--write", "-q"])
    assert _log(trading)[-1][8:11] == (0, 0, 0)  # the next run finds nothing new


def test_close_needs_the_parties_tied_to_the_control_accounts(
    trading: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tie = "Parties tie to the control accounts / पक्ष नियंत्रण खातों से मिलते हैं"

    def tie_result() -> str:
        capsys.readouterr()
        main(["close", str(trading), "--month", "2025-04", "--format", "json", "-q"])
        return next(r["result"] for r in json.loads(capsys.readouterr().out) if r["check"] == tie)

    assert tie_result() == "failed / विफल"  # documents not yet posted
    main(["post", str(trading), "--write", "-q"])
    assert tie_result() == "passed / ठीक"  # (the demo's planted mistakes still block the close itself)


def test_bahi_audit_checks_the_hidden_record_even_when_the_journal_is_as_recorded(demo: Path) -> None:
    main(["validate", str(demo), "--write", "-q"])
    assert main(["audit", str(demo), "-q"]) == 0
    wb = load_workbook(demo)
    wb["Bahi Audit Data"]["A6"] = "AAAA" + str(wb["Bahi Audit Data"]["A6"].value)[4:]  # the record altered
    wb.save(demo)
    assert main(["audit", str(demo), "-q"]) == 1


def test_two_writing_runs_before_one_save_agree_with_the_record_they_made(tmp_path: Path) -> None:
    """``bahi demo`` validates and writes the trial balance before it saves: the second run must find
    the hidden record the first one wrote in the same session (FileBook lists a sheet it has just
    written, as Excel does), not report it missing or different."""
    from addin.books.file_book import FileBook  # noqa: PLC0415
    from addin.macros.ledger_macros import trial_balance_of, validate_book  # noqa: PLC0415

    with FileBook.open(DEMO_PATH) as book:
        validate_book(book, write=True)
        report = trial_balance_of(book, write=True)
        assert "Bahi Audit Data" in book.sheet_names()
        book.save_as(tmp_path / "demo.xlsx")
    assert not [i for i in report.issues if i.rule.startswith("audit")]
    assert main(["audit", str(tmp_path / "demo.xlsx"), "-q"]) == 0
