"""The audit trail as a specification: a ledger written inline, changed as a user would, audited.

Each test records a run, changes the Journal (or the Audit Log) and audits again.
"""

from __future__ import annotations

import datetime as dt
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
from addin.engine.audit.fingerprint import fingerprint
from addin.engine.audit.lines import journal_lines
from addin.engine.audit.trail import AuditResult, Recorded, Run, audit_journal
from addin.engine.load import ledger_from_rows
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
RUN = Run("2025-07-05T10:00:00+05:30", "asha", "bahi validate --write")
LOCK = dt.date(2025, 6, 30)


def journal(rows: list[list[Any]]) -> pd.DataFrame:
    return ledger_from_rows(ACCOUNTS, [JOURNAL[0], *rows]).journal


def audited(
    rows: list[list[Any]], before: AuditResult | None = None, key: bytes | None = None
) -> AuditResult:
    recorded = before.recorded() if before is not None else Recorded()
    return audit_journal(recorded, journal(rows), RUN, key=key, lock_date=LOCK,
                         letters={"Journal.Debit": "D", "Journal.Voucher": "B", "Journal.Date": "A"})  # fmt: skip


def with_cell(rows: list[list[Any]], row: int, column: int, value: Any) -> list[list[Any]]:
    changed = [list(r) for r in rows]
    changed[row][column] = value
    return changed


BODY = JOURNAL[1:]


def test_the_first_run_records_the_baseline() -> None:
    first = audited(BODY)
    assert first.baseline and first.entry.number == 1 and first.entry.previous_hash == ""
    assert (first.entry.vouchers, first.entry.lines) == (3, 6)
    assert first.issues == ()


def test_nothing_changed_nothing_listed_and_the_snapshot_stays() -> None:
    again = audited(BODY, audited(BODY))
    assert again.changes.total == 0 and again.snapshot_cells is None and again.issues == ()


def test_an_edited_line_is_listed_with_its_old_and_new_values() -> None:
    later = audited(with_cell(BODY, 4, 3, 900), audited(BODY))  # V3 (July, open): debit 800 -> 900
    (change,) = later.changes.changes
    assert (change.kind, change.voucher, later.entry.edited) == ("edited", "V3", 1)
    assert [x.debit for x in change.old] == [80000, 0] and [x.debit for x in change.new] == [90000, 0]
    assert later.issues == ()  # outside the locked period: listed, not an error


def test_a_deleted_and_an_added_voucher_are_listed() -> None:
    added = [["03/07/2025", "V4", "5000", 100, None, "Tea"], ["03/07/2025", "V4", "1000", None, 100, "Tea"]]
    later = audited([*BODY[:2], *BODY[4:], *added], audited(BODY))  # V2 (May, locked) deleted
    assert [(c.kind, c.voucher) for c in later.changes.changes] == [("deleted", "V2"), ("added", "V4")]
    assert [(i.rule, i.value) for i in later.issues] == [("locked-voucher-deleted", "V2")]


def test_an_edit_inside_the_locked_period_is_an_error_at_its_journal_cell() -> None:
    later = audited(with_cell(BODY, 2, 3, 2100), audited(BODY))  # V2 is dated 10/05/2025, locked to 30/06
    assert [(i.rule, i.severity.value, i.sheet, i.cell) for i in later.issues] == [
        ("locked-voucher-edited", "error", "Journal", "D4")
    ]
    assert "was '1,200.00', now '2,100.00'" in later.issues[0].message_en


def test_lines_in_another_order_of_rows_are_not_a_change() -> None:
    first = audited(BODY)
    assert audited([BODY[1], BODY[0], *BODY[4:], *BODY[2:4]], first).changes.total == 0


def test_a_tampered_log_row_breaks_the_chain_there() -> None:
    second = audited(BODY, audited(BODY))
    entries = list(second.entries)
    entries[0] = type(entries[0])(**{**entries[0].__dict__, "user": "ravi", "row": 3})
    assert [(b.number, b.row, b.reason) for b in verify_chain(entries)] == [(1, 3, "entry")]


def test_keyed_mode_catches_a_chain_recomputed_without_the_key() -> None:
    key = b"kept outside the book"
    second = audited(BODY, audited(BODY, key=key), key=key)
    assert verify_chain(second.entries, key) == []
    forger = audited(with_cell(BODY, 2, 3, 2100), audited(BODY))  # a whole new unkeyed chain, edit hidden
    assert {
        b.reason for b in verify_chain(forger.entries, key)
    } == set()  # unkeyed throughout: no key to miss
    rewritten = [*second.entries[:1], *forger.entries[1:]]
    assert verify_chain(rewritten, key)  # spliced: the link and the mode give it away
    forged_keyed = type(second.entry)(**{**second.entry.__dict__, "user": "ravi"})
    assert [b.reason for b in verify_chain([second.entries[0], forged_keyed], key)] == ["entry"]


line = st.tuples(
    st.sampled_from(["01/04/2025", "15/06/2025", "31/03/2026"]),
    st.sampled_from(["1000", "4000", "5000"]),
    st.integers(min_value=1, max_value=10**9),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(line, min_size=1, max_size=3), min_size=1, max_size=6), st.randoms())
def test_the_state_ignores_the_order_of_vouchers_but_not_any_change_of_a_cell(
    vouchers: list[list[tuple[str, str, int, str]]], random: Any
) -> None:
    rows = [
        [date, f"V{v}", account, amount, None, text]
        for v, lines in enumerate(vouchers)
        for date, account, amount, text in lines
    ]
    state = fingerprint(journal_lines(journal(rows))).state
    blocks = [[r for r in rows if r[1] == f"V{v}"] for v in range(len(vouchers))]
    random.shuffle(blocks)
    assert fingerprint(journal_lines(journal([r for b in blocks for r in b]))).state == state
    target = random.randrange(len(rows))
    changed = with_cell(rows, target, 3, rows[target][3] + 1)
    assert fingerprint(journal_lines(journal(changed))).state != state
    renamed = with_cell(rows, target, 5, rows[target][5] + "x")
    assert fingerprint(journal_lines(journal(renamed))).state != state


# --- through the file and the command --------------------------------------------------------


def _edit(path: Path, sheet: str, cell: str, value: Any) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


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
    assert '"cell": "A3"' in out and "audit-chain-broken" in out


def test_a_locked_voucher_edited_in_the_file_is_flagged_on_the_next_run(demo: Path) -> None:
    assert main(["validate", str(demo), "--write", "-q"]) == 1
    _edit(demo, "Journal", "D2", 99999)  # SV-0001, 01/04/2025
    _edit(demo, "Settings", "B7", dt.datetime(2025, 6, 30))  # Lock Date
    assert main(["validate", str(demo), "--write", "-q"]) == 1
    wb = load_workbook(demo)
    issues = [(r[1].value, r[3].value) for r in wb["Issues"].iter_rows(min_row=3)]
    assert ("locked-voucher-edited", "D2") in issues
    assert wb["Bahi Audit Data"].sheet_state == "veryHidden"
    log = [r for r in wb["Audit Log"].iter_rows(values_only=True)]
    assert log[3][7] == 1  # entry 2: one voucher edited


def test_close_refuses_with_blockers_then_locks_a_clean_month(tmp_path: Path) -> None:
    from tests.server.books import build_small_ledger

    path = build_small_ledger(tmp_path / "small.xlsx")
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 1  # planted mistakes
    assert "Close" not in load_workbook(path).sheetnames
    wb = load_workbook(path)
    ws = wb["Journal"]
    ws["C4"], ws["D5"], ws["E5"] = "5000", None, 700
    wb.save(path)
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 0
    closed = [r for r in load_workbook(path)["Close"].iter_rows(values_only=True)]
    assert closed[2][:3] == ("2025-04", "30/04/2025", "closed / बंद")
    _edit(path, "Journal", "D7", 1300)  # V3, 03/04/2025: now inside the closed month
    assert main(["validate", str(path), "--write", "-q"]) == 1
    issues = [r[1].value for r in load_workbook(path)["Issues"].iter_rows(min_row=3)]
    assert "locked-voucher-edited" in issues
