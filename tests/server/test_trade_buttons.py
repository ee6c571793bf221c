"""The Sales & Purchases buttons and the trade formulas through Bahi's app, as Excel calls them."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from addin.books.file_book import FileBook
from addin.engine.schema import PAYABLES_AGING_SHEET, RECEIVABLES_AGING_SHEET, SALES
from addin.macros.ledger_macros import validate_book
from tests.officejs import payload_from_xlsx
from tests.udfs.conftest import request_body
from workbook_templates.trading import TRADING_DEMO_PATH


def call_script(client: TestClient, name: str, args: list[Any] | None = None) -> list[dict[str, Any]]:
    """Run a script on the trading demo with the payload the task pane sends (the script's own
    ``include`` list from ``/xlwings/custom-scripts-meta``)."""
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    include = meta[name]["include"].split(",")
    payload = payload_from_xlsx(TRADING_DEMO_PATH, include=include)
    if args is not None:
        payload["args"] = args
    response = client.post(f"/xlwings/custom-scripts-call/{name}", json=payload)
    assert response.status_code == 200, response.text
    actions: list[dict[str, Any]] = response.json()["actions"]
    return actions


def test_the_trade_buttons_send_the_ledger_and_the_trade_tables(client: TestClient) -> None:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    for name in ("bahi_post", "bahi_aging", "bahi_print_invoice"):
        include = meta[name]["include"].split(",")
        assert {"Accounts", "Journal", "Settings", "Parties", SALES.sheet, "Receipts"} <= set(include)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("bahi_validate", None),
        ("bahi_trial_balance", None),
        ("bahi_account_statement", ["1120"]),
        ("bahi_day_book", None),
    ],
)
def test_the_ledger_buttons_check_a_trading_book_as_the_bahi_command_does(
    client: TestClient, name: str, args: list[Any] | None
) -> None:
    expected = validate_book(FileBook.open(TRADING_DEMO_PATH), write=False).counts
    assert expected.errors > 0  # the demo's planted mistakes, in its trade tables
    assert expected.warnings > 0
    actions = call_script(client, name, args)
    (alert,) = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert "cannot be read" not in alert
    assert f"Errors {expected.errors}, warnings {expected.warnings}" in alert
    assert "Written / लिखा गया: " in alert


def test_the_aging_button_writes_both_aging_sheets(client: TestClient) -> None:
    actions = call_script(client, "bahi_aging")
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert {RECEIVABLES_AGING_SHEET, PAYABLES_AGING_SHEET} <= set(added)
    assert actions[-1]["func"] == "alert"
    assert actions[-1]["args"][0].startswith("Aging / आयु विश्लेषण")


def test_print_invoice_without_a_sales_line_selected_says_what_to_select(client: TestClient) -> None:
    actions = call_script(client, "bahi_print_invoice")
    assert [a["func"] for a in actions if a["func"] in ("addSheet", "setValues")] == []
    (alert,) = [a for a in actions if a["func"] == "alert"]
    assert "Select a line of the invoice on the 'Sales' sheet" in alert["args"][0]
    assert "बीजक की कोई पंक्ति चुनें" in alert["args"][0]


def test_a_trade_formula_answers_through_the_app(client: TestClient) -> None:
    call = "/xlwings/custom-functions-call"
    good = client.post(call, json=request_body("gstsplit", 1000.0, 18.0, None))
    assert (good.status_code, good.json()) == (200, {"result": [[90.0, 90.0, 0.0]]})
    bad = client.post(call, json=request_body("gstsplit", 1000.0, 120.0, None))
    assert bad.status_code == 400
    assert "rate: a GST rate is from 0 to 100 percent" in bad.text
