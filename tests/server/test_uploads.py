"""A big Journal sent in blocks: the blocks put back together give the same book as inline."""

from __future__ import annotations

import copy
import json
import pathlib
import uuid
from typing import Any

import pytest
import xlwings as xw
from fastapi.testclient import TestClient

from addin.books.base import BookError
from addin.books.xlwings_book import XlwingsBook
from addin.engine.schema import JOURNAL
from addin.server.blocks import ParsedBlock, parse_block
from addin.server.uploads import DirectoryUploadStore, MemoryUploadStore, UploadStore, assemble, attach
from tests.officejs import encoded_columns, payload_from_xlsx
from workbook_templates.build import DEMO_PATH, demo_journal_rows

LEDGER = ["Accounts", "Journal", "Settings", "Issues"]
DEMO_LINES = len(demo_journal_rows())  # 3,281


def send_in_blocks(
    client: TestClient, payload: dict, rows_per_block: int, *, by_columns: bool = False
) -> str:
    upload_id = str(uuid.uuid4())
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    values = journal["values"]
    count = -(-len(values) // rows_per_block)
    for index in range(count):
        start = index * rows_per_block
        body = {
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
        response = client.post(f"/bahi/upload/{upload_id}", json=body)
        assert response.status_code == 200, response.text
    return upload_id


@pytest.mark.parametrize("by_columns", [False, True], ids=["rows", "dictionary-encoded columns"])
def test_blocks_reassemble_into_the_same_journal(client: TestClient, by_columns: bool) -> None:
    inline = payload_from_xlsx(DEMO_PATH, include=LEDGER)
    upload_id = send_in_blocks(client, inline, rows_per_block=700, by_columns=by_columns)
    without_journal = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"])
    book = xw.Book(json=without_journal)
    grids = attach(book, upload_id)
    assert list(grids) == ["Journal"]
    rebuilt = XlwingsBook(book, uploaded=grids).read_table(JOURNAL)
    original = XlwingsBook(xw.Book(json=copy.deepcopy(inline))).read_table(JOURNAL)
    assert rebuilt is not None
    assert original is not None
    assert rebuilt.headings == original.headings
    assert [c.tolist() for c in rebuilt.columns] == [c.tolist() for c in original.columns]


def test_an_upload_is_used_once(client: TestClient) -> None:
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=5000)
    book = xw.Book(json=payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings"]))
    attach(book, upload_id)
    with pytest.raises(BookError) as caught:
        attach(book, upload_id)
    assert "भागों" in caught.value.message_hi


def block(index: int, count: int, start_row: int, rows: list[list[Any]]) -> tuple[ParsedBlock, bytes]:
    raw = json.dumps(
        {"sheet": "Journal", "index": index, "count": count, "start_row": start_row, "values": rows}
    ).encode()
    return parse_block(raw), raw


@pytest.fixture(params=["memory", "directory"])
def store(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> UploadStore:
    return MemoryUploadStore() if request.param == "memory" else DirectoryUploadStore(tmp_path / "uploads")


def test_an_incomplete_upload_is_refused(store: UploadStore) -> None:
    store.add("a" * 20, *block(0, 2, 1, [["Date"]]))
    assert store.take("a" * 20) is None


def test_an_upload_is_taken_once(store: UploadStore) -> None:
    store.add("c" * 20, *block(0, 1, 1, [["Date"], ["x"]]))
    upload = store.take("c" * 20)
    assert upload is not None
    assert assemble(upload.sheets["Journal"]).tolist() == [["Date"], ["x"]]
    assert store.take("c" * 20) is None


def test_blocks_posted_to_one_worker_are_taken_by_another(tmp_path: pathlib.Path) -> None:
    first, second = DirectoryUploadStore(tmp_path), DirectoryUploadStore(tmp_path)  # two processes
    assert first.add("d" * 20, *block(0, 2, 1, [["Date"]])) == (1, 2)
    assert second.add("d" * 20, *block(1, 2, 2, [["x"]])) == (2, 2)
    upload = first.take("d" * 20)
    assert upload is not None
    assert assemble(upload.sheets["Journal"]).tolist() == [["Date"], ["x"]]
    assert second.take("d" * 20) is None
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_an_upload_over_the_cell_limit_is_dropped(
    store: UploadStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("addin.server.uploads.MAX_CELLS_PER_UPLOAD", 3)
    store.add("e" * 20, *block(0, 2, 1, [["a", "b"]]))
    with pytest.raises(OverflowError):
        store.add("e" * 20, *block(1, 2, 2, [["c", "d"]]))
    assert store.take("e" * 20) is None


def test_bad_upload_ids_and_oversized_uploads_are_refused(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.post("/bahi/upload/short", json={"sheet": "J", "index": 0, "count": 1, "start_row": 1,
                                                   "values": []}).status_code == 400  # fmt: skip
    monkeypatch.setattr("addin.server.uploads.MAX_CELLS_PER_UPLOAD", 10)
    response = client.post(
        f"/bahi/upload/{uuid.uuid4()}",
        json={"sheet": "Journal", "index": 0, "count": 1, "start_row": 1, "values": [[1] * 11]},
    )
    assert response.status_code == 413


def test_the_validate_button_runs_on_an_uploaded_journal(client: TestClient) -> None:
    pytest.importorskip("addin.macros.ledger_macros")
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=1000)
    payload = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"], args=[upload_id])
    response = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert actions[0]["func"] == "addSheet"
    assert actions[-1]["func"] == "alert"
    assert f"{DEMO_LINES:,} journal lines" in actions[-1]["args"][0]


def test_an_upload_is_kept_as_a_grid_not_as_rows(client: TestClient) -> None:
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=1000)
    book = xw.Book(json=payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings"]))
    grid = attach(book, upload_id)["Journal"]
    assert grid.dtype == object
    assert grid.shape[0] == DEMO_LINES + 1  # the header and the demo's lines
    assert grid[0, 0].startswith("Date")


def test_blocks_with_a_gap_or_short_rows_are_padded_with_blanks(store: UploadStore) -> None:
    store.add("b" * 20, *block(0, 2, 1, [["Date", "Debit"]]))
    store.add("b" * 20, *block(1, 2, 3, [["x"]]))
    upload = store.take("b" * 20)
    assert upload is not None
    assert assemble(upload.sheets["Journal"]).tolist() == [["Date", "Debit"], ["", ""], ["x", ""]]


@pytest.mark.parametrize(
    "columns",
    [
        [{"values": ["a"], "codes": "AAAAAA=="}],  # 4 bytes: one code, two rows wanted
        [{"values": ["a"], "codes": "AQAAAAEAAAA="}],  # code 1 names no value
        [{"values": ["a"], "codes": "not base64!"}],
        [{"values": [["a"]], "codes": "AAAAAAAAAAA="}],  # a list as a cell
        [{"values": ["a"]}],
        "columns",
    ],
)
def test_a_malformed_column_block_is_refused(client: TestClient, columns: Any) -> None:
    body = {"sheet": "Journal", "index": 0, "count": 1, "start_row": 1, "rows": 2, "columns": columns}
    response = client.post(f"/bahi/upload/{uuid.uuid4()}", json=body)
    assert response.status_code == 400, response.text


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 400),
        (b"[1, 2]", 400),
        (b'{"sheet": "Journal", "index": 0, "count": 1, "start_row": 1, "values": [1, 2]}', 400),
        (b'{"sheet": "Journal", "index": 0, "count": 1, "start_row": 1, "values": [[[1, 2]]]}', 400),
        (b'{"sheet": "", "index": 0, "count": 1, "start_row": 1, "values": []}', 422),
        (b'{"sheet": "Journal", "index": -1, "count": 1, "start_row": 1, "values": []}', 422),
    ],
)
def test_a_malformed_block_is_refused(client: TestClient, body: bytes, status: int) -> None:
    response = client.post(
        f"/bahi/upload/{uuid.uuid4()}", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status, response.text


def test_the_account_statement_finds_the_account_selected_on_an_uploaded_journal(client: TestClient) -> None:
    upload_id = send_in_blocks(client, payload_from_xlsx(DEMO_PATH, include=LEDGER), rows_per_block=1000)
    payload = payload_from_xlsx(
        DEMO_PATH,
        include=["Accounts", "Settings", "Issues"],
        args=["", upload_id],
        active_sheet="Journal",
        selection="C3",  # the Account cell of the journal's second line
    )
    response = client.post("/xlwings/custom-scripts-call/bahi_account_statement", json=payload)
    assert response.status_code == 200, response.text
    alert = response.json()["actions"][-1]["args"][0]
    assert alert.startswith("Account Statement (4110)")  # C3 holds account 4110


def test_the_validate_button_runs_with_uploads_kept_in_a_shared_directory(
    client: TestClient, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("addin.server.uploads.STORE", DirectoryUploadStore(tmp_path))
    inline = payload_from_xlsx(DEMO_PATH, include=LEDGER)
    upload_id = send_in_blocks(client, inline, rows_per_block=1000, by_columns=True)
    assert [p.name for p in tmp_path.iterdir()] == [upload_id]
    payload = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"], args=[upload_id])
    response = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload)
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
        store.add("f" * 20, *block(0, 1, 1, [["Date"]]))


def test_a_block_that_cannot_be_kept_gets_a_503_with_the_fix(
    client: TestClient, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    monkeypatch.setattr("addin.server.uploads.STORE", DirectoryUploadStore(tmp_path / "a-file" / "uploads"))
    body = {"sheet": "Journal", "index": 0, "count": 1, "start_row": 1, "values": [["Date"]]}
    response = client.post(f"/bahi/upload/{uuid.uuid4()}", json=body)
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
