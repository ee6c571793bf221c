"""The acceptance path in Excel: a user edits a locked voucher, and the next ribbon run flags it.

Each ribbon run's writes (the Audit Log and its very hidden snapshot) are applied to the workbook
as Excel would, the user's edit is made, and the next run is sent as the Office.js payload."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from addin.engine.schema import AUDIT_DATA_SHEET, AUDIT_LOG_SHEET
from tests.officejs import payload_from_xlsx
from tests.server.books import build_small_ledger
from tests.server.test_same_outcome import written_values


def include(client: TestClient, script: str) -> list[str]:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    return str(meta[script]["include"]).split(",")


def apply_sheets(path: pathlib.Path, actions: list[dict[str, Any]], names: list[str]) -> None:
    """Put the values a run wrote to ``names`` into the workbook file (as Excel applies them)."""
    wb = load_workbook(path)
    for name in names:
        added = [a for a in actions if a["func"] == "addSheet" and a["args"][1] == name]
        position = added[0]["args"][0] if added else wb.sheetnames.index(name)
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        for row in ws.iter_rows():
            for cell in row:
                cell.value = None
        for address, value in written_values(actions, position).items():
            ws[address] = value.removeprefix("'") if isinstance(value, str) else value
    wb.save(path)


def test_a_locked_voucher_edited_in_excel_is_flagged_on_the_next_run(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    path = build_small_ledger(tmp_path / "small.xlsx")
    wb = load_workbook(path)
    settings = wb["Settings"]
    settings.append(["Lock Date / लॉक तिथि", dt.datetime(2025, 4, 30)])
    settings.tables["Settings"].ref = f"A1:B{settings.max_row}"
    wb.save(path)
    sheets = include(client, "bahi_validate")
    first = client.post(
        "/xlwings/custom-scripts-call/bahi_validate", json=payload_from_xlsx(path, include=sheets)
    )
    actions = first.json()["actions"]
    assert {"func": "setSheetVisibility", "args": ["VeryHidden"]}.items() <= next(
        a for a in actions if a["func"] == "setSheetVisibility"
    ).items()
    apply_sheets(path, actions, [AUDIT_LOG_SHEET, AUDIT_DATA_SHEET])

    wb = load_workbook(path)
    wb["Journal"]["D7"] = 1500  # V3 (03/04/2025, locked): Rent 1,200 -> 1,500
    wb.save(path)
    payload = payload_from_xlsx(path, include=sheets)
    second = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload)
    actions = second.json()["actions"]
    issues_at = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == "Issues")
    listed = written_values(actions, issues_at)
    flagged = [k for k, v in listed.items() if v == "locked-voucher-edited"]
    assert flagged, "the edit is on the Issues sheet"
    row = flagged[0][1:]
    assert listed[f"D{row}"] == "D7"
    alert = actions[-1]["args"][0]
    assert "Errors" in alert
    log_at = [s["name"] for s in payload["sheets"]].index(AUDIT_LOG_SHEET)
    log = written_values(actions, log_at)
    assert log["A4"] == 2 and log["H4"] == 1  # entry 2: one voucher edited
    assert log["D4"] == "Ribbon: Validate"
