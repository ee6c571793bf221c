"""Through the app: a long Day Book or Account Statement is cut to its latest period (the sheet's
title and the alert say so), and a reconciliation run is undone from the task pane."""

from __future__ import annotations

import pathlib
import re
import shutil
from typing import Any

import pytest
from fastapi.testclient import TestClient

from addin.books.file_book import FileBook
from addin.engine.schema import (
    BANK_STATEMENT,
    DAY_BOOK_SHEET,
    JOURNAL,
    RECONCILIATION_LOG_SHEET,
    STATEMENT_SHEET,
)
from addin.macros import sheets
from addin.macros.reconcile import reconcile_book
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH

LEDGER = ["Accounts", "Journal", "Settings", "Issues"]


def call(client: TestClient, script: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(f"/xlwings/custom-scripts-call/{script}", json=payload)
    assert response.status_code == 200, response.text
    actions: list[dict[str, Any]] = response.json()["actions"]
    return actions


def sheet_rows(
    actions: list[dict[str, Any]], name: str, payload: dict[str, Any] | None = None
) -> list[list[Any]]:
    """The rows the setValues actions write into the sheet ``name`` (added, or in ``payload``)."""
    added = [a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == name]
    position = added[0] if added else [s["name"] for s in (payload or {})["sheets"]].index(name)
    rows: dict[int, list[Any]] = {}
    for a in actions:
        if a["func"] == "setValues" and a["sheet_position"] == position:
            for r, row in enumerate(a["values"]):
                rows[a["start_row"] + r] = row
    return [rows[k] for k in sorted(rows)]


def alert_text(actions: list[dict[str, Any]]) -> str:
    (alert,) = [a for a in actions if a["func"] == "alert"]
    text: str = alert["args"][0]
    return text


# -- long reports ------------------------------------------------------------------------------


def test_a_short_day_book_is_written_whole(client: TestClient) -> None:
    actions = call(client, "bahi_day_book", payload_from_xlsx(DEMO_PATH, include=LEDGER))
    rows = sheet_rows(actions, DAY_BOOK_SHEET)
    assert "latest period" not in str(rows[0][0])
    assert "latest period" not in alert_text(actions)


def test_a_long_day_book_gets_its_latest_period_said_in_the_title_and_the_alert(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, in_process: None
) -> None:
    whole = sheet_rows(
        call(client, "bahi_day_book", payload_from_xlsx(DEMO_PATH, include=LEDGER)), DAY_BOOK_SHEET
    )
    monkeypatch.setattr(sheets, "EXCEL_ROW_LIMIT", 40)
    actions = call(client, "bahi_day_book", payload_from_xlsx(DEMO_PATH, include=LEDGER))
    rows = sheet_rows(actions, DAY_BOOK_SHEET)
    title = str(rows[0][0])
    assert "latest period only" in title
    assert "bahi daybook" in title
    assert "नवीनतम" in title
    body = rows[2:-1]  # lines and day totals, without the headings and the grand total
    assert 0 < len(body) <= 40
    assert body == whole[len(whole) - 1 - len(body) : -1]  # the tail of the whole day book, unchanged
    text = alert_text(actions)
    start = re.search(r"from (\d\d/\d\d/\d\d\d\d)", text)
    assert start
    assert start.group(1) in title
    assert "bahi daybook" in text
    assert "नवीनतम" in text


def test_a_long_statement_keeps_its_closing_balance_and_says_it_is_cut(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, in_process: None
) -> None:
    payload = payload_from_xlsx(DEMO_PATH, include=LEDGER, args=["1110"])
    whole = sheet_rows(call(client, "bahi_account_statement", payload), STATEMENT_SHEET)
    monkeypatch.setattr(sheets, "EXCEL_ROW_LIMIT", 10)
    actions = call(client, "bahi_account_statement", payload)
    rows = sheet_rows(actions, STATEMENT_SHEET)
    assert "latest period only" in str(rows[0][0])
    assert "bahi ledger" in str(rows[0][0])
    lines = rows[3:-1]
    assert 0 < len(lines) <= 10 < len(whole) - 4
    assert lines == whole[len(whole) - 1 - len(lines) : -1]  # same lines and running balances
    assert rows[-1][7] == whole[-1][7]  # the same closing balance
    assert rows[2][7] == whole[len(whole) - 2 - len(lines)][7]  # opening = balance before the cut
    assert "bahi ledger" in alert_text(actions)


# -- undo a reconciliation run -------------------------------------------------------------------


@pytest.fixture(scope="module")
def reconciled(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The demo after one Reconcile (run R1), saved as a copy."""
    folder = tmp_path_factory.mktemp("undo")
    source = shutil.copy(DEMO_PATH, folder / "demo.xlsx")
    out = folder / "reconciled.xlsx"
    with FileBook.open(source) as book:
        result = reconcile_book(book, write=True)
        assert result.report is not None
        assert result.written
        book.save_as(out)
    return out


def undo_payload(client: TestClient, path: pathlib.Path, run: str) -> dict[str, Any]:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    return payload_from_xlsx(path, include=meta["bahi_undo_reconciliation"]["include"].split(","), args=[run])


def match_ids(actions: list[dict[str, Any]], payload: dict[str, Any], sheet: str) -> list[Any] | None:
    """The values written into the sheet's Match ID column (None when nothing was written there)."""
    index = [s["name"] for s in payload["sheets"]].index(sheet)
    values = next(s for s in payload["sheets"] if s["name"] == sheet)["values"]
    heading = next(c for c, h in enumerate(values[0]) if str(h).startswith("Match ID"))
    written = [
        a
        for a in actions
        if a["func"] == "setValues" and a["sheet_position"] == index and a["start_column"] == heading
    ]
    return [row[0] for a in written for row in a["values"]] if written else None


def test_undo_from_the_task_pane_clears_the_runs_matches_and_marks_it_undone(
    client: TestClient, reconciled: pathlib.Path
) -> None:
    payload = undo_payload(client, reconciled, "r1")
    journal = next(s for s in payload["sheets"] if s["name"] == JOURNAL.sheet)["values"]
    assert any(str(v).startswith("R1-") for row in journal for v in row)  # R1 did match lines
    actions = call(client, "bahi_undo_reconciliation", payload)
    for sheet in (JOURNAL.sheet, BANK_STATEMENT.sheet):
        ids = match_ids(actions, payload, sheet)
        assert ids is not None, sheet
        assert not any(str(v).upper().startswith("R1-") for v in ids), sheet
    log = sheet_rows(actions, RECONCILIATION_LOG_SHEET, payload)
    assert [str(r[0]) for r in log[1:]] == ["R1"]
    assert log[1][8] == "undone"
    text = alert_text(actions)
    assert text.startswith("Undo reconciliation r1 / मिलान r1 पूर्ववत")
    assert "R1" in text
    assert "Traceback" not in text


def test_undo_of_an_unknown_run_changes_nothing_and_says_so(
    client: TestClient, reconciled: pathlib.Path
) -> None:
    payload = undo_payload(client, reconciled, "R9")
    actions = call(client, "bahi_undo_reconciliation", payload)
    assert [a for a in actions if a["func"] in ("addSheet", "setValues")] == []
    assert "R9" in alert_text(actions)


@pytest.mark.parametrize(
    ("script", "typed", "en", "hi"),
    [
        ("bahi_close_month", "2025-13", "Cannot read the month '2025-13'", "माह '2025-13' पढ़ा नहीं जा सका"),
        ("bahi_undo_reconciliation", "R99", "No active reconciliation run R99", "R99 नाम का सक्रिय रन नहीं है"),
        ("bahi_statements", "Q5 2025-26", "cannot read 'Q5 2025-26' as a period", "'Q5 2025-26' को अवधि"),
    ],
)
def test_a_run_refused_for_its_argument_says_why_in_both_languages_and_claims_nothing_written(
    client: TestClient, script: str, typed: str, en: str, hi: str
) -> None:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    payload = payload_from_xlsx(DEMO_PATH, include=meta[script]["include"].split(","), args=[typed])
    actions = call(client, script, payload)
    assert [a for a in actions if a["func"] in ("addSheet", "setValues")] == []
    (alert,) = [a["args"] for a in actions if a["func"] == "alert"]
    text, mode = alert[0], alert[3]
    assert mode == "critical"
    assert en in text
    assert hi in text
    assert "Written" not in text
    assert "लिखा गया" not in text
    assert "Errors" not in text  # nothing was checked that the counts could speak of
    hindi = text.splitlines()[-1]
    assert not re.search(r"\b(cannot|read|write|period)\b", hindi), hindi  # no English sentence inside


def test_undo_without_a_run_asks_for_one_in_both_languages(
    client: TestClient, reconciled: pathlib.Path
) -> None:
    actions = call(client, "bahi_undo_reconciliation", undo_payload(client, reconciled, " "))
    assert [a["func"] for a in actions] == ["alert"]
    text = alert_text(actions)
    assert RECONCILIATION_LOG_SHEET in text
    assert "रन" in text


def test_the_task_pane_has_the_undo_control_listing_the_log_runs(client: TestClient) -> None:
    html = client.get("/taskpane.html").text
    assert 'data-bahi-script="bahi_undo_reconciliation"' in html
    assert "मिलान रन पूर्ववत करें" in html
    js = client.get("/static/js/bahi-taskpane.js").text
    assert "bahiReadRuns" in js
    assert '"bahi-undo-run"' in js
