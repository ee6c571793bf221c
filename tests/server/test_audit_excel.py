"""The acceptance path in Excel: a user edits a locked voucher, and the next ribbon run flags it.

Each ribbon run's writes (the Audit Log and its very hidden snapshot) are applied to the workbook
as Excel would, the user's edit is made, and the next run is sent as the Office.js payload."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from addin.engine.schema import AUDIT_DATA_SHEET, AUDIT_LOG_SHEET, CLOSE_SHEET
from tests.officejs import payload_from_xlsx
from tests.server.books import build_small_ledger
from tests.server.test_same_outcome import written_values


def include(client: TestClient, script: str) -> list[str]:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    return str(meta[script]["include"]).split(",")


def apply_sheets(path: pathlib.Path, actions: list[dict[str, Any]], names: list[str]) -> None:
    """Put the values a run wrote to ``names`` into the workbook file (as Excel applies them); a
    sheet the run did not write stays as it was."""
    wb = load_workbook(path)
    for name in names:
        added = [a for a in actions if a["func"] == "addSheet" and a["args"][1] == name]
        position = (
            added[0]["args"][0] if added else wb.sheetnames.index(name) if name in wb.sheetnames else -1
        )
        if not any(a["func"] == "setValues" and a["sheet_position"] == position for a in actions):
            continue
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        for row in ws.iter_rows():
            for cell in row:
                cell.value = None
        for address, value in written_values(actions, position).items():
            ws[address] = value.removeprefix("'") if isinstance(value, str) else value
    wb.save(path)


def run_validate(client: TestClient, path: pathlib.Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One ribbon Validate on the workbook file, its writes to the audit sheets applied as Excel would."""
    payload = payload_from_xlsx(path, include=include(client, "bahi_validate"))
    actions = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload).json()["actions"]
    apply_sheets(path, actions, [AUDIT_LOG_SHEET, AUDIT_DATA_SHEET])
    return payload, actions


def flagged_cells(actions: list[dict[str, Any]], rule: str) -> list[object]:
    """The cells the run's Issues sheet names for ``rule``."""
    issues_at = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == "Issues")
    listed = written_values(actions, issues_at)
    return [listed[f"D{k[1:]}"] for k, v in listed.items() if v == rule]


def test_a_locked_voucher_edited_in_excel_stays_flagged_on_every_ribbon_run(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    path = build_small_ledger(tmp_path / "small.xlsx")
    _, actions = run_validate(client, path)  # recorded with April open
    hide = next(a for a in actions if a["func"] == "setSheetVisibility")
    assert hide["args"] == ["VeryHidden"]

    wb = load_workbook(path)
    settings = wb["Settings"]
    settings.append(["Lock Date / लॉक तिथि", dt.datetime(2025, 4, 30)])  # April closed
    settings.tables["Settings"].ref = f"A1:B{settings.max_row}"
    wb["Journal"]["D7"] = 1500  # V3 (03/04/2025, locked): a debit typed on its bank line
    wb.save(path)
    payload, actions = run_validate(client, path)
    assert flagged_cells(actions, "locked-voucher-edited") == ["D7"]
    assert "Errors" in actions[-1]["args"][0]
    log = written_values(actions, [s["name"] for s in payload["sheets"]].index(AUDIT_LOG_SHEET))
    assert (log["A4"], log["J4"], log["F4"], log["L4"]) == (
        2,
        1,
        "30/04/2025",
        1,
    )  # entry 2: one edited, standing
    assert log["D4"] == "Ribbon: Validate"

    for _ in range(2):  # nothing changed since: the edit still stands, run after run
        _, actions = run_validate(client, path)
        assert flagged_cells(actions, "locked-voucher-edited") == ["D7"]

    wb = load_workbook(path)
    wb["Journal"]["D7"] = None  # put back
    wb.save(path)
    _, actions = run_validate(client, path)
    assert flagged_cells(actions, "locked-voucher-edited") == []


def run_close(
    client: TestClient, path: pathlib.Path, month: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One ribbon Close Month (the month typed in the task pane) on the workbook file."""
    payload = payload_from_xlsx(path, include=include(client, "bahi_close_month"), args=[month])
    actions = client.post("/xlwings/custom-scripts-call/bahi_close_month", json=payload).json()["actions"]
    return payload, actions


def test_close_month_from_the_ribbon_refuses_with_its_blockers_then_closes_a_clean_month(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    from tests.audit.test_audit_trail import _balanced_small_ledger  # noqa: PLC0415

    _, actions = run_close(client, build_small_ledger(tmp_path / "planted.xlsx"), "2025-04")
    assert not any(a["func"] == "addSheet" and a["args"][1] == CLOSE_SHEET for a in actions)
    assert "NOT closed" in actions[-1]["args"][0]
    assert flagged_cells(actions, "unknown-account")  # the planted mistakes are the blockers

    path = _balanced_small_ledger(tmp_path)
    _, actions = run_close(client, path, "2025-04")
    assert "Month 2025-04 closed" in actions[-1]["args"][0]
    at = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == CLOSE_SHEET)
    closed = written_values(actions, at)
    assert (closed["A3"], closed["B3"], closed["C3"]) == ("2025-04", "30/04/2025", "closed / बंद")
    assert [closed[f"G{row}"] for row in range(4, 8)] == [
        "passed / ठीक", "passed / ठीक", "not applicable / लागू नहीं", "not applicable / लागू नहीं"
    ]  # fmt: skip
    log_at = next(
        a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == AUDIT_LOG_SHEET
    )
    log = written_values(actions, log_at)  # the first entry of this book's audit trail
    assert (log["A3"], log["D3"]) == (1, "Ribbon: Close Month 2025-04")


def test_the_audit_log_names_the_office_user_the_server_signed_in(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    """Without sign-in set up (xlwings-server's stand-in user, "Anonymous") the ribbon's entry names
    Settings' User or "unknown" — never "Anonymous"; with Entra ID, the signed-in user. (The
    route hands the worker the user's fields; the worker's call is made directly here, as the
    app's routes take no dependency overrides.)"""
    import json  # noqa: PLC0415

    from addin.server import calls  # noqa: PLC0415

    path = build_small_ledger(tmp_path / "small.xlsx")
    _, actions = run_validate(client, path)
    added = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == AUDIT_LOG_SHEET)
    log = written_values(actions, added)
    assert (log["A3"], log["C3"]) == (1, "unknown")

    payload = payload_from_xlsx(path, include=include(client, "bahi_validate"))
    signed = {"id": "8f2c-41", "name": "Asha Rao", "email": "asha@example.in", "roles": []}
    reply = calls.script_call("bahi_validate", json.dumps(payload).encode(), signed, {})
    actions = json.loads(reply.body)["actions"]
    log = written_values(actions, [s["name"] for s in payload["sheets"]].index(AUDIT_LOG_SHEET))
    assert (log["A4"], log["C4"], log["D4"]) == (2, "Asha Rao", "Ribbon: Validate")
