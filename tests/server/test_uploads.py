"""A big Journal sent in blocks: the same book as inline, for its sender only, bounded and expiring."""

from __future__ import annotations

import copy
import json
import os
import pathlib
import time
from typing import Any

import pytest
import xlwings as xw
from fastapi.testclient import TestClient

from addin.books.base import BookError
from addin.books.xlwings_book import XlwingsBook
from addin.engine.schema import JOURNAL
from addin.server import uploads
from addin.server.answers import Refused
from addin.server.blocks import ParsedBlock, parse_block
from addin.server.uploads import (
    HEADER,
    DirectoryUploadStore,
    MemoryUploadStore,
    Received,
    Sweeper,
    UploadStore,
    assemble,
    attach,
    handed,
    handed_over,
    is_upload_id,
    parsed_sheets,
    sender_key,
)
from tests.officejs import encoded_columns, payload_from_xlsx
from workbook_templates.build import DEMO_PATH, demo_journal_rows

LEDGER = ["Accounts", "Journal", "Settings", "Issues"]
DEMO_LINES = len(demo_journal_rows())  # 3,281
ME = sender_key("n/a", "testclient")  # the anonymous user, through TestClient
SOMEONE_ELSE = sender_key("n/a", "192.0.2.7")


def open_upload(client: TestClient) -> str:
    response = client.post("/bahi/uploads", json={})
    assert response.status_code == 200, response.text
    upload_id: str = response.json()["upload"]
    return upload_id


def send_in_blocks(
    client: TestClient, payload: dict[str, Any], rows_per_block: int, *, by_columns: bool = False
) -> str:
    upload_id = open_upload(client)
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    values = journal["values"]
    count = -(-len(values) // rows_per_block)
    for index in range(count):
        start = index * rows_per_block
        body: dict[str, Any] = {
            "sheet": "Journal",
            "index": index,
            "count": count,
            "start_row": start + 1,
            "tables": journal["tables"] if index == 0 else None,
            "used_range_address": journal["used_range_address"] if index == 0 else None,
        }
        rows = values[start : start + rows_per_block]
        if by_columns:
            body |= {"columns": encoded_columns(rows), "rows": len(rows)}
        else:
            body["values"] = rows
        response = client.post("/bahi/uploads/blocks", json=body, headers={HEADER: upload_id})
        assert response.status_code == 200, response.text
    return upload_id


def taken(upload_id: str, sender: str = ME) -> Received:
    received = uploads.STORE.take(upload_id, sender)
    assert received is not None
    return received


@pytest.mark.parametrize("by_columns", [False, True], ids=["rows", "dictionary-encoded columns"])
def test_blocks_reassemble_into_the_same_journal(client: TestClient, by_columns: bool) -> None:
    inline = payload_from_xlsx(DEMO_PATH, include=LEDGER)
    upload_id = send_in_blocks(client, inline, rows_per_block=700, by_columns=by_columns)
    without_journal = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"])
    book = xw.Book(json=without_journal)
    grids = attach(book, taken(upload_id))
    assert list(grids) == ["Journal"]
    rebuilt = XlwingsBook(book, uploaded=grids).read_table(JOURNAL)
    original = XlwingsBook(xw.Book(json=copy.deepcopy(inline))).read_table(JOURNAL)
    assert rebuilt is not None
    assert original is not None
    assert rebuilt.headings == original.headings
    assert [c.tolist() for c in rebuilt.columns] == [c.tolist() for c in original.columns]


def test_an_upload_is_taken_once_and_only_by_its_sender(client: TestClient) -> None:
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=5000)
    assert uploads.STORE.take(upload_id, SOMEONE_ELSE) is None  # another user naming it gets nothing
    assert uploads.STORE.take(upload_id, ME) is not None
    assert uploads.STORE.take(upload_id, ME) is None


def test_a_script_without_its_upload_handed_over_says_so_in_both_languages() -> None:
    with handed_over({}), pytest.raises(BookError) as caught:
        handed("a" * 32)
    assert "भागों" in caught.value.message_hi


def block(index: int, count: int, start_row: int, rows: list[list[Any]]) -> tuple[ParsedBlock, bytes]:
    raw = json.dumps(
        {"sheet": "Journal", "index": index, "count": count, "start_row": start_row, "values": rows}
    ).encode()
    return parse_block(raw), raw


@pytest.fixture(params=["memory", "directory"])
def store(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> UploadStore:
    return MemoryUploadStore() if request.param == "memory" else DirectoryUploadStore(tmp_path / "uploads")


def sheet_of(received: Received) -> list[list[Any]]:
    return assemble(parsed_sheets(received).chunks["Journal"]).tolist()  # type: ignore[no-any-return]


def test_an_incomplete_upload_is_refused(store: UploadStore) -> None:
    upload_id = store.open(ME)
    store.add(upload_id, ME, *block(0, 2, 1, [["Date"]]))
    assert store.take(upload_id, ME) is None


def test_an_upload_is_taken_once(store: UploadStore) -> None:
    upload_id = store.open(ME)
    store.add(upload_id, ME, *block(0, 1, 1, [["Date"], ["x"]]))
    received = store.take(upload_id, ME)
    assert received is not None
    assert sheet_of(received) == [["Date"], ["x"]]
    assert store.take(upload_id, ME) is None


def test_nobody_else_may_add_to_or_take_an_upload(store: UploadStore) -> None:
    upload_id = store.open(ME)
    with pytest.raises(Refused) as caught:
        store.add(upload_id, SOMEONE_ELSE, *block(0, 1, 1, [["x"]]))
    assert caught.value.status == 404
    store.add(upload_id, ME, *block(0, 1, 1, [["Date"]]))
    assert store.take(upload_id, SOMEONE_ELSE) is None
    assert store.take(upload_id, ME) is not None


def test_blocks_posted_to_one_server_are_taken_by_another(tmp_path: pathlib.Path) -> None:
    first, second = DirectoryUploadStore(tmp_path), DirectoryUploadStore(tmp_path)  # two processes
    upload_id = first.open(ME)
    assert first.add(upload_id, ME, *block(0, 2, 1, [["Date"]])) == (1, 2)
    assert second.add(upload_id, ME, *block(1, 2, 2, [["x"]])) == (2, 2)
    received = first.take(upload_id, ME)
    assert received is not None
    assert sheet_of(received) == [["Date"], ["x"]]
    assert second.take(upload_id, ME) is None
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_an_upload_past_the_cell_limit_is_dropped_before_anything_is_assembled(
    store: UploadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_CELLS_PER_UPLOAD", 100)
    upload_id = store.open(ME)
    store.add(upload_id, ME, *block(0, 2, 1, [["a"] * 10]))
    # one row of ten cells, at row 50: the sheet would be 50 rows x 10 columns = 500 cells
    with pytest.raises(Refused) as caught:
        store.add(upload_id, ME, *block(1, 2, 50, [["b"] * 10]))
    assert caught.value.status == 413
    assert store.take(upload_id, ME) is None


def test_blocks_with_a_gap_are_padded_with_blanks(store: UploadStore) -> None:
    upload_id = store.open(ME)
    store.add(upload_id, ME, *block(0, 2, 1, [["Date", "Debit"]]))
    store.add(upload_id, ME, *block(1, 2, 3, [["x", 5]]))
    received = store.take(upload_id, ME)
    assert received is not None
    assert sheet_of(received) == [["Date", "Debit"], ["", ""], ["x", 5]]


def test_a_block_numbered_unlike_its_upload_is_refused(store: UploadStore) -> None:
    upload_id = store.open(ME)
    store.add(upload_id, ME, *block(0, 2, 1, [["Date"]]))
    with pytest.raises(Refused):
        store.add(upload_id, ME, *block(1, 3, 2, [["x"]]))


# -- ids ----------------------------------------------------------------------------------------------


def test_ids_are_made_by_the_server_random_and_matched_whole() -> None:
    store = MemoryUploadStore()
    ids = {store.open(f"user-{i}") for i in range(20)}
    assert len(ids) == 20
    assert all(is_upload_id(i) and len(i) == 32 for i in ids)
    assert not is_upload_id("a" * 32 + "\n")  # anchored with \\Z, not $
    assert not is_upload_id("a" * 31)


def test_an_upload_id_is_never_part_of_a_url() -> None:
    # routes that name an upload take it from the Bahi-Upload header: nothing in a path to log
    from addin.server.asgi import fastapi_app  # noqa: PLC0415

    paths = list(fastapi_app.openapi()["paths"])
    assert "/bahi/uploads" in paths
    assert "/bahi/uploads/blocks" in paths
    assert not any("upload" in p and "{" in p for p in paths)


def test_a_block_without_a_well_formed_id_is_refused(client: TestClient) -> None:
    body = {"sheet": "Journal", "index": 0, "count": 1, "start_row": 1, "values": [["Date"]]}
    for headers in ({}, {HEADER: "short"}, {HEADER: "a" * 32 + "\n"}, {HEADER: "a" * 32}):
        response = client.post("/bahi/uploads/blocks", json=body, headers=headers)
        assert response.status_code == 404, (headers, response.text)


# -- expiry and caps ------------------------------------------------------------------------------------


def test_uploads_expire_on_the_sweep_without_any_new_request(
    store: UploadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload_id = store.open(ME)
    store.add(upload_id, ME, *block(0, 1, 1, [["Date"]]))
    store.sweep()  # young: kept
    later = (
        (time.monotonic() if isinstance(store, MemoryUploadStore) else time.time()) + uploads.TTL_SECONDS + 1
    )
    store.sweep(now=later)
    assert store.take(upload_id, ME) is None


def test_the_sweeper_is_a_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "TTL_SECONDS", 0)
    store = MemoryUploadStore()
    store.open(ME)
    sweeper = Sweeper(store, every=0.02).start()
    try:
        deadline = time.monotonic() + 5
        while len(store) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        sweeper.stop()
    assert len(store) == 0


def test_one_senders_unfinished_uploads_do_not_lock_the_others_out(
    store: UploadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(uploads.MAX_UPLOADS_PER_SENDER):
        store.open(ME)
    with pytest.raises(Refused) as caught:
        store.open(ME)  # none idle yet: refused, bilingual
    assert caught.value.status == 429
    assert "अपलोड" in caught.value.hi
    assert is_upload_id(store.open(SOMEONE_ELSE))  # everyone else carries on
    monkeypatch.setattr(uploads, "IDLE_SECONDS", -1)
    assert is_upload_id(store.open(ME))  # an idle one of mine makes room for a new one


def test_the_upload_directory_is_shared_with_the_users_own_files(tmp_path: pathlib.Path) -> None:
    store = DirectoryUploadStore(tmp_path)
    mine = tmp_path / "my reports"
    mine.mkdir()
    (mine / "march.xlsx").write_bytes(b"PK")
    lookalike = tmp_path / "bahi-upload-not-one-of-ours"
    lookalike.mkdir()
    (lookalike / "notes.txt").write_text("keep me")
    (tmp_path / "loose.json").write_text("{}")
    upload_id = store.open(ME)
    old = time.time() - 10 * uploads.TTL_SECONDS
    for path in (mine, lookalike, tmp_path / "loose.json", tmp_path / f"bahi-upload-{upload_id}"):
        os.utime(path, (old, old))
    store.sweep(now=time.time() + 2 * uploads.TTL_SECONDS)
    assert (mine / "march.xlsx").read_bytes() == b"PK"
    assert (lookalike / "notes.txt").read_text() == "keep me"
    assert (tmp_path / "loose.json").exists()
    assert not (tmp_path / f"bahi-upload-{upload_id}").exists()  # ours, expired: gone


def test_a_file_a_user_put_in_an_upload_folder_is_left_alone(tmp_path: pathlib.Path) -> None:
    store = DirectoryUploadStore(tmp_path)
    upload_id = store.open(ME)
    folder = tmp_path / f"bahi-upload-{upload_id}"
    (folder / "keep.txt").write_text("mine")
    store.sweep(now=time.time() + 2 * uploads.TTL_SECONDS)
    assert (folder / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]  # only Bahi's own files went


# -- through the app ------------------------------------------------------------------------------------


def test_the_validate_button_runs_on_an_uploaded_journal(client: TestClient) -> None:
    pytest.importorskip("addin.macros.ledger_macros")
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=1000)
    payload = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"], args=[upload_id])
    response = client.post(
        "/xlwings/custom-scripts-call/bahi_validate", json=payload, headers={HEADER: upload_id}
    )
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert actions[0]["func"] == "addSheet"
    assert actions[-1]["func"] == "alert"
    assert f"{DEMO_LINES:,} journal lines" in actions[-1]["args"][0]


def test_a_script_naming_an_upload_without_its_header_gets_it_not(client: TestClient) -> None:
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=1000)
    payload = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"], args=[upload_id])
    response = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload)
    assert response.status_code == 200, response.text
    alert = response.json()["actions"][-1]
    assert alert["args"][3] == "critical"
    assert "did not arrive completely" in alert["args"][0]


def test_an_upload_is_kept_as_a_grid_not_as_rows(client: TestClient) -> None:
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=1000)
    book = xw.Book(json=payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings"]))
    grid = attach(book, taken(upload_id))["Journal"]
    assert grid.dtype == object
    assert grid.shape[0] == DEMO_LINES + 1  # the header and the demo's lines
    assert grid[0, 0].startswith("Date")


def test_the_account_statement_finds_the_account_selected_on_an_uploaded_journal(client: TestClient) -> None:
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=1000)
    payload = payload_from_xlsx(
        DEMO_PATH,
        include=["Accounts", "Settings", "Issues"],
        args=["", upload_id],
        active_sheet="Journal",
        selection="C3",  # the Account cell of the journal's second line
    )
    response = client.post(
        "/xlwings/custom-scripts-call/bahi_account_statement", json=payload, headers={HEADER: upload_id}
    )
    assert response.status_code == 200, response.text
    alert = response.json()["actions"][-1]["args"][0]
    assert alert.startswith("Account Statement (4110)")  # C3 holds account 4110


def test_the_validate_button_runs_with_uploads_kept_in_a_shared_directory(
    client: TestClient, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "STORE", DirectoryUploadStore(tmp_path))
    inline = payload_from_xlsx(DEMO_PATH, include=LEDGER)
    upload_id = send_in_blocks(client, inline, rows_per_block=1000, by_columns=True)
    assert [p.name for p in tmp_path.iterdir()] == [f"bahi-upload-{upload_id}"]
    payload = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"], args=[upload_id])
    response = client.post(
        "/xlwings/custom-scripts-call/bahi_validate", json=payload, headers={HEADER: upload_id}
    )
    assert response.status_code == 200, response.text
    assert f"{DEMO_LINES:,} journal lines" in response.json()["actions"][-1]["args"][0]
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_upload_directory_is_a_bilingual_error_not_a_traceback(tmp_path: pathlib.Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    store = DirectoryUploadStore(blocker / "uploads")
    with pytest.raises(BookError) as caught:
        store.check()
    assert "BAHI_UPLOAD_DIR" in caught.value.fix_en
    assert "BAHI_UPLOAD_DIR" in caught.value.message_hi
    with pytest.raises(BookError):
        store.open(ME)


def test_an_upload_that_cannot_be_kept_gets_a_503_with_the_fix(
    client: TestClient, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    monkeypatch.setattr(uploads, "STORE", DirectoryUploadStore(tmp_path / "a-file" / "uploads"))
    response = client.post("/bahi/uploads", json={})
    assert response.status_code == 503
    assert "BAHI_UPLOAD_DIR" in response.json()["detail"]


@pytest.mark.parametrize(
    ("sheet", "cell", "account"),
    [("Accounts", "B5", "1120"), ("Journal", "F3", "4110")],  # any cell of the row picks its account
)
def test_the_account_statement_is_for_the_row_selected_in_a_table(
    client: TestClient, sheet: str, cell: str, account: str
) -> None:
    payload = payload_from_xlsx(DEMO_PATH, include=LEDGER, active_sheet=sheet, selection=cell)
    response = client.post("/xlwings/custom-scripts-call/bahi_account_statement", json=payload)
    assert response.status_code == 200, response.text
    assert response.json()["actions"][-1]["args"][0].startswith(f"Account Statement ({account})")
