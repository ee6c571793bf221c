"""The add-in server holds under abuse: every malformed request a 4xx (never a 500, the connection
kept), the token checked before a body is read, caps in cells before anything is allocated, CORS on
refusals, a read timeout for a slow body, uploads private to their sender and never logged.

In-process (FastAPI's TestClient) and over loopback against a real ``bahi serve`` (bounded: a
handful of requests each).
"""

from __future__ import annotations

import asyncio
import json
import pathlib
import re
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request
from xlwings_server.config import settings

from addin.engine.schema import STATEMENT_SHEET
from addin.server import calls, uploads
from addin.server.answers import Refused
from addin.server.asgi import FORMULA_CALL_PATH, RequestSizeLimit, fastapi_app, with_cors
from addin.server.blocks import parse_block
from addin.server.payload import check_book_payload
from addin.server.serve import OFFICE_ORIGINS
from benchmarks.serve_process import bahi_serve
from benchmarks.server_load import JSON_HEADERS, MALFORMED, Malformed, send_malformed
from tests.officejs import encoded_columns, payload_from_xlsx
from tests.server.test_uploads import DEMO_LINES
from workbook_templates.build import DEMO_PATH


@pytest.mark.parametrize("case", MALFORMED, ids=[c.name for c in MALFORMED])
def test_a_malformed_request_gets_its_4xx_never_a_500(
    client: TestClient, case: Malformed, fresh_store: uploads.MemoryUploadStore
) -> None:
    headers = JSON_HEADERS | case.headers
    if case.upload:
        headers[uploads.HEADER] = client.post("/bahi/uploads", json={}).json()["upload"]
    answer = client.post(case.path, content=case.body, headers=headers)
    assert answer.status_code == case.status, answer.text[:300]
    if case.path == FORMULA_CALL_PATH:  # shown in the cell as #VALUE! and its tooltip
        assert answer.text.startswith(("Bahi:", "amount", "expected", "journal")), answer.text
    else:
        detail = answer.json()["detail"]
        assert "/ बही:" in detail, detail  # English, then Hindi


# -- the token first --------------------------------------------------------------------------------


@pytest.fixture
def office_token(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BAHI_TOKEN", "office-secret")
    monkeypatch.setattr(settings, "auth_providers", ["custom"])
    return "Bearer office-secret"


@pytest.mark.parametrize(
    "path",
    [
        FORMULA_CALL_PATH,
        "/xlwings/custom-scripts-call/bahi_validate",
        "/bahi/uploads",
        "/bahi/uploads/blocks",
    ],
)
def test_the_token_is_checked_before_the_body_is_read(
    client: TestClient, office_token: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real = Request.body

    async def spy(self: Request) -> bytes:
        read.append(self.url.path)
        return await real(self)

    monkeypatch.setattr(Request, "body", spy)
    garbage = b"\xff\xfe not json at all"
    refused = client.post(path, content=garbage, headers={uploads.HEADER: "A" * 32})
    assert refused.status_code == 401
    assert "token" in refused.json()["detail"]
    assert read == []  # refused on its headers alone
    accepted = client.post(
        path, content=garbage, headers={"Authorization": office_token, uploads.HEADER: "A" * 32}
    )
    assert 400 <= accepted.status_code < 500 or accepted.status_code == 200
    assert accepted.status_code != 401


# -- caps before allocation --------------------------------------------------------------------------


def peak_mb(work: Any) -> float:
    tracemalloc.start()
    try:
        work()
    except Refused:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / 1_048_576


def test_a_small_block_claiming_a_huge_sheet_allocates_nothing_much(
    fresh_store: uploads.MemoryUploadStore,
) -> None:
    wide = next(c for c in MALFORMED if c.name == "block: row 1,000,000 of 16,000 columns")
    billion = next(c for c in MALFORMED if c.name == "block: a billion rows claimed")
    assert len(billion.body) < 1024
    upload_id = fresh_store.open("me")

    def keep_wide() -> None:
        fresh_store.add(upload_id, "me", parse_block(wide.body), wide.body)

    assert peak_mb(keep_wide) < 20  # the 16,000 cells sent, never the 16 billion claimed
    assert peak_mb(lambda: parse_block(billion.body)) < 1
    assert fresh_store.take(upload_id, "me") is None  # dropped, not kept half-way


def test_a_4_kb_payload_claiming_a_100_million_cell_table_is_refused_before_any_is_read() -> None:
    case = next(c for c in MALFORMED if c.name == "script: a 4 kB payload claiming A1:CV1048576")
    assert len(case.body) < 4096
    with pytest.raises(Refused) as caught:
        check_book_payload(json.loads(case.body))
    assert caught.value.status == 413
    assert "104,857,600" in caught.value.en
    assert peak_mb(lambda: check_book_payload(json.loads(case.body))) < 1


def test_the_extent_of_a_whole_upload_is_capped_before_a_block_is_kept(
    fresh_store: uploads.MemoryUploadStore,
) -> None:
    def block(start_row: int, width: int) -> bytes:
        rows = [["x"] * width]
        return json.dumps(
            {"sheet": "Journal", "index": 0 if start_row == 1 else 1, "count": 2, "start_row": start_row,
             "rows": 1, "columns": encoded_columns(rows)}
        ).encode()  # fmt: skip

    upload_id = fresh_store.open("me")
    first = block(1, 100)
    fresh_store.add(upload_id, "me", parse_block(first), first)
    far = block(40_000, 100)  # 40,000 rows x 100 columns = 4,000,000 cells once assembled
    with pytest.raises(Refused) as caught:
        fresh_store.add(upload_id, "me", parse_block(far), far)
    assert caught.value.status == 413


# -- CORS on refusals, a timeout for a slow body --------------------------------------------------------


def test_a_413_carries_the_cors_headers_of_an_allowed_origin_only() -> None:
    small = TestClient(with_cors(RequestSizeLimit(fastapi_app, max_bytes=1000, max_formula_bytes=2000)))
    for path, size in (("/xlwings/custom-scripts-call/bahi_validate", 1500), (FORMULA_CALL_PATH, 2500)):
        allowed = small.post(path, content=b"x" * size, headers={"Origin": OFFICE_ORIGINS[0]})
        assert allowed.status_code == 413
        assert allowed.headers["access-control-allow-origin"] == OFFICE_ORIGINS[0]
        other = small.post(path, content=b"x" * size, headers={"Origin": "https://evil.example"})
        assert other.status_code == 413
        assert "access-control-allow-origin" not in other.headers


def test_a_body_that_does_not_arrive_in_time_gets_a_408() -> None:
    sent: list[dict[str, Any]] = []

    async def trickle() -> dict[str, Any]:
        await asyncio.sleep(0.05 if not sent else 10)
        return {"type": "http.request", "body": b"{", "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def never_reached(*_args: Any) -> None:
        raise AssertionError("the app got a body that never arrived")

    scope = {"type": "http", "method": "POST", "path": FORMULA_CALL_PATH, "headers": []}
    asyncio.run(asyncio.wait_for(RequestSizeLimit(never_reached, timeout=0.3)(scope, trickle, send), 5))
    assert sent[0]["status"] == 408
    assert "सेकंड" in json.loads(sent[1]["body"])["detail"]


# -- over loopback -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, pathlib.Path]]:
    log = tmp_path_factory.mktemp("serve") / "bahi-serve.log"
    with bahi_serve({"BAHI_BODY_TIMEOUT_SECONDS": "2"}, wait_seconds=120, log=log) as url:
        yield url, log


def test_over_loopback_every_malformed_request_is_a_4xx_on_one_kept_alive_connection(
    served: tuple[str, pathlib.Path],
) -> None:
    answered = send_malformed(served[0])
    assert [(a.case.name, a.status) for a in answered] == [(c.name, c.status) for c in MALFORMED]
    assert all(a.kept_alive for a in answered), [a.case.name for a in answered if not a.kept_alive]


def test_a_slow_body_is_cut_off_over_loopback(served: tuple[str, pathlib.Path]) -> None:
    import socket  # noqa: PLC0415
    import time  # noqa: PLC0415

    host, port = served[0].removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(
            b"POST /xlwings/custom-functions-call HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n{"
        )
        started = time.monotonic()
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - started < 20


def test_an_upload_is_private_to_its_sender_and_its_id_is_never_logged(
    served: tuple[str, pathlib.Path],
) -> None:
    url, log = served
    inline = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Journal", "Settings", "Issues"])
    journal = next(s for s in inline["sheets"] if s["name"] == "Journal")
    rows = journal["values"]
    with httpx.Client(base_url=url, timeout=120) as alice:
        upload_id = alice.post("/bahi/uploads", json={}).json()["upload"]
        block = {"sheet": "Journal", "index": 0, "count": 1, "start_row": 1, "rows": len(rows),
                 "columns": encoded_columns(rows), "tables": journal["tables"],
                 "used_range_address": journal["used_range_address"]}  # fmt: skip
        assert (
            alice.post("/bahi/uploads/blocks", json=block, headers={uploads.HEADER: upload_id}).status_code
            == 200
        )
    call = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Settings", "Issues"], args=[upload_id])
    # another computer on the office network (another address) names Alice's upload
    with httpx.Client(
        base_url=url, timeout=120, transport=httpx.HTTPTransport(local_address="127.0.0.2")
    ) as mallory:
        stolen = mallory.post("/bahi/uploads/blocks", json=block, headers={uploads.HEADER: upload_id})
        assert stolen.status_code == 404
        run = mallory.post(
            "/xlwings/custom-scripts-call/bahi_validate", json=call, headers={uploads.HEADER: upload_id}
        )
    assert run.status_code == 200
    alert = run.json()["actions"][-1]
    assert alert["args"][3] == "critical"
    assert "did not arrive" in alert["args"][0]
    assert not any(a["func"] == "setValues" for a in run.json()["actions"])  # nothing of Alice's
    with httpx.Client(base_url=url, timeout=120) as alice:  # Alice herself still gets it
        mine = alice.post(
            "/xlwings/custom-scripts-call/bahi_validate", json=call, headers={uploads.HEADER: upload_id}
        )
    assert f"{DEMO_LINES:,} journal lines" in mine.json()["actions"][-1]["args"][0]
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "POST /bahi/uploads/blocks" in logged  # an access log
    assert upload_id not in logged


# -- what a script is sent -------------------------------------------------------------------------

PYTHON_NAMES = ("KeyError", "ValueError", "IndexError", "TypeError", "AttributeError", "Traceback")


def formula_request(func_name: str, args: list[Any]) -> dict[str, Any]:
    """A formula's call as Office.js posts it, its arguments as given (not made 2-D)."""
    return {"func_name": func_name, "args": args, "caller_address": "[Bahi.xlsx]Sheet1!B2"}


@pytest.mark.parametrize(
    ("func_name", "args", "says"),
    [
        ("balance", [[["Date"]]], "BAHI.BALANCE needs its argument account: add it to the formula"),
        ("balance", [], "BAHI.BALANCE needs its arguments journal, account: add them"),
        ("inrformat", [[[]]], "BAHI.INRFORMAT: amount is an empty range: select at least one cell for it"),
        ("inrformat", [[]], "BAHI.INRFORMAT: amount is an empty range"),
        ("balance", [[], [["1120"]]], "BAHI.BALANCE: journal is an empty range"),
        ("inrformat", [[["9" * 100_000]]], "amount: '999999999999…' has 100000 digits: an amount"),
        ("amountinwords", [[[10**400]]], "amount: ≈10^400 is too large: amounts must be below 10^15 rupees"),
        ("inrformat", [{"a": 1}], "BAHI.INRFORMAT could not compute this (an internal error; the server's"),
    ],
    ids=[
        "a required argument left out",
        "no arguments at all",
        "an empty range [[]]",
        "an empty range []",
        "an empty journal range",
        "an amount of 100,000 digits",
        "an amount of 401 digits",
        "an argument of a shape no cell has (unexpected)",
    ],
)
def test_a_formula_slip_is_a_bilingual_400_that_names_the_argument_not_python_internals(
    client: TestClient, func_name: str, args: list[Any], says: str
) -> None:
    answer = client.post(FORMULA_CALL_PATH, json=formula_request(func_name, args))
    assert answer.status_code == 400, answer.text[:300]
    assert says in answer.text
    assert re.search("[\u0900-\u097f]", answer.text), answer.text  # the Hindi too
    internals = (*PYTHON_NAMES, "Error", "Exceeds the limit", "positional argument", "list index")
    assert not any(name in answer.text for name in internals), answer.text
    assert len(answer.text) < 600


def validate_payload(client: TestClient) -> dict[str, Any]:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    return payload_from_xlsx(DEMO_PATH, include=meta["bahi_validate"]["include"].split(","))


def accounts_sheet(payload: dict[str, Any]) -> dict[str, Any]:
    sheet: dict[str, Any] = next(s for s in payload["sheets"] if s["name"] == "Accounts")
    return sheet


def accounts_table(payload: dict[str, Any]) -> dict[str, Any]:
    table: dict[str, Any] = accounts_sheet(payload)["tables"][0]
    return table


@pytest.mark.parametrize(
    ("label", "spoil"),
    [
        ("a table without its ranges", lambda p: accounts_sheet(p).update(tables=[{"name": "Accounts"}])),
        ("a table range that is no range", lambda p: accounts_table(p).update(range_address="x")),
        ("a header row that is no range", lambda p: accounts_table(p).update(header_row_range_address=5)),
        ("no sheets at all", lambda p: p.__setitem__("sheets", [])),
    ],
)
def test_malformed_table_metadata_gets_a_bilingual_400_without_python_names(
    client: TestClient, label: str, spoil: Any
) -> None:
    payload = validate_payload(client)
    spoil(payload)
    answer = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload)
    assert answer.status_code == 400, (label, answer.text[:300])
    detail = answer.json()["detail"]
    assert "the workbook data is not what the add-in sends" in detail
    assert "/ बही:" in detail
    assert not any(name in detail for name in PYTHON_NAMES), detail


def test_workbook_data_xlwings_cannot_build_a_book_from_gets_a_bilingual_400_without_python_names(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(**_: Any) -> None:
        raise KeyError("values")

    monkeypatch.setattr("addin.server.calls.xw.Book", unreadable)  # in this process: the worker's call
    body = json.dumps(validate_payload(client)).encode()
    reply = calls.script_call("bahi_validate", body, {"id": "1", "name": "A", "email": "", "roles": []}, {})
    assert reply.status == 400, reply.body[:300]
    detail = json.loads(reply.body)["detail"]
    assert "the workbook data could not be read" in detail
    assert "कार्यपुस्तिका डेटा पढ़ा नहीं जा सका" in detail
    assert not any(name in detail for name in PYTHON_NAMES), detail


def test_a_table_missing_a_column_gets_the_missing_column_issue_not_an_internal_error(
    client: TestClient,
) -> None:
    payload = validate_payload(client)
    accounts = accounts_sheet(payload)
    accounts["values"][0][2] = accounts["tables"][0]["columns"][2] = "Kind"  # the Type column renamed
    actions = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload).json()["actions"]
    (alert,) = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert "The workbook cannot be read as a ledger" in alert
    assert "Type" in alert
    assert "could not finish" not in alert
    assert "Issues" in [a["args"][1] for a in actions if a["func"] == "addSheet"]


def script_payload(client: TestClient, script: str, args: list[Any]) -> dict[str, Any]:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    return payload_from_xlsx(DEMO_PATH, include=meta[script]["include"].split(","), args=args)


def test_a_script_argument_sent_as_a_number_is_read_as_its_text(client: TestClient) -> None:
    def run(script: str, argument: Any) -> list[dict[str, Any]]:
        payload = script_payload(client, script, [argument])
        answer = client.post(f"/xlwings/custom-scripts-call/{script}", json=payload)
        assert answer.status_code == 200, answer.text[:300]
        actions: list[dict[str, Any]] = answer.json()["actions"]
        return actions

    def statement(actions: list[dict[str, Any]]) -> list[Any]:
        added = [a["args"] for a in actions if a["func"] == "addSheet"]
        (position,) = [position for position, name in added if name == STATEMENT_SHEET]
        return [a["values"] for a in actions if a["func"] == "setValues" and a["sheet_position"] == position]

    assert statement(run("bahi_account_statement", 1120)) == statement(run("bahi_account_statement", "1120"))
    (alert,) = [a["args"][0] for a in run("bahi_close_month", 202506) if a["func"] == "alert"]
    assert "Cannot read the month '202506'" in alert
    assert not any(name in alert for name in PYTHON_NAMES), alert


def test_a_script_argument_that_is_neither_text_nor_a_number_gets_a_bilingual_400(
    client: TestClient,
) -> None:
    payload = script_payload(client, "bahi_account_statement", [["1120"]])
    answer = client.post("/xlwings/custom-scripts-call/bahi_account_statement", json=payload)
    assert answer.status_code == 400
    detail = answer.json()["detail"]
    assert "a script's arguments are text or numbers" in detail
    assert "टेक्स्ट या संख्या" in detail
    assert not any(name in detail for name in PYTHON_NAMES), detail
