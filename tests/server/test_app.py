"""The add-in server as Excel sees it: manifest, script and formula endpoints, security.

FastAPI's TestClient over ``addin.server.asgi.app`` (xlwings-server's app with Bahi's routes, behind
CORS and Bahi's request limits: 5 MB, 32 MB for a formula's call), configured as ``bahi serve``
configures it, its worker processes started by the session's client.
"""

from __future__ import annotations

import asyncio
import gc
import json
import pathlib
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

import addin.server.asgi
from addin.engine import gc_pause
from addin.engine.schema import TableSpec
from addin.macros.reconcile import RECONCILIATION_TABLES
from addin.macros.statements import BUDGET_TABLES, STATEMENT_TABLES
from addin.server import ribbon
from addin.server.asgi import (
    FORMULA_CALL_PATH,
    RequestSizeLimit,
    fastapi_app,
    main_app,
    max_formula_request_bytes,
    max_request_bytes,
)
from addin.server.auth.custom import validate_token
from addin.server.routes import public_url
from addin.server.serve import OFFICE_ORIGINS, SERVER_DIR
from tests.officejs import payload_from_xlsx

NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "v": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
RIBBON_JS = SERVER_DIR / "static" / "js" / "ribbon.js"
TASKPANE_JS = SERVER_DIR / "static" / "js" / "bahi-taskpane.js"
TASKPANE_HTML = SERVER_DIR / "templates" / "taskpane.html"


@pytest.fixture(scope="module")
def manifest(client: TestClient) -> ET.Element:
    response = client.get("/manifest.xml")
    assert response.status_code == 200
    return ET.fromstring(response.text.encode())


def ribbon_associations(client: TestClient) -> dict[str, str]:
    """ExecuteFunction name -> Python script name, as the task pane gives them to ribbon.js."""
    page = client.get("/taskpane.html").text
    table = re.search(r'<script id="bahi-ribbon" type="application/json">(.*?)</script>', page, re.S)
    assert table, "the task pane carries the ribbon's button table for ribbon.js"
    found: dict[str, str] = json.loads(table.group(1))
    assert found == ribbon.button_scripts()
    return found


def test_manifest_is_well_formed_and_has_the_bahi_tab_with_its_groups(
    manifest: ET.Element,
) -> None:
    tab = manifest.find(".//v:CustomTab", NS)
    assert tab is not None
    assert tab.get("id") == "Bahi.Tab"
    groups = {
        g.get("id"): [c.get("id") for c in g.findall("v:Control", NS)] for g in tab.findall("v:Group", NS)
    }
    assert groups == {
        "Bahi.Ledger": ["Bahi.Validate", "Bahi.TrialBalance", "Bahi.Statement", "Bahi.DayBook"],
        "Bahi.Bank": ["Bahi.Reconcile", "Bahi.Taskpane"],
        "Bahi.SalesPurchases": [
            "Bahi.Post",
            "Bahi.Aging",
            "Bahi.GstReturns",
            "Bahi.Gstr2bReconcile",
            "Bahi.PrintInvoice",
        ],
        "Bahi.Reports": ["Bahi.Statements", "Bahi.Budget", "Bahi.CloseMonth"],
    }


def test_every_ribbon_button_runs_an_existing_script(manifest: ET.Element, client: TestClient) -> None:
    scripts = {m["function_name"] for m in client.get("/xlwings/custom-scripts-meta").json()}
    functions = [f.text for f in manifest.iterfind(".//v:Action/v:FunctionName", NS)]
    associated = ribbon_associations(client)
    assert sorted(functions) == sorted(associated)  # every button is associated in ribbon.js ...
    assert set(associated.values()) <= scripts  # ... with a script the server has


def test_every_script_is_reachable_from_the_ribbon_or_the_task_pane(client: TestClient) -> None:
    scripts = {m["function_name"] for m in client.get("/xlwings/custom-scripts-meta").json()}
    taskpane = client.get("/taskpane.html").text
    in_taskpane = set(re.findall(r'data-bahi-script="(\w+)"', taskpane))
    assert scripts == set(ribbon_associations(client).values()) | in_taskpane
    assert scripts == {
        "bahi_validate",
        "bahi_trial_balance",
        "bahi_account_statement",
        "bahi_day_book",
        "bahi_reconcile",
        "bahi_statements",
        "bahi_budget",
        "bahi_post",
        "bahi_aging",
        "bahi_print_invoice",
        "bahi_undo_reconciliation",
        "bahi_close_month",
        "bahi_gst_returns",
        "bahi_gstr2b_reconcile",
    }


def test_scripts_send_only_the_sheets_they_need(client: TestClient) -> None:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    audit = "Audit Log,Bahi Audit Data,Close"  # the audit trail reads back its log, snapshot and closes
    trade = "Parties,Items,GST Rates,Sales,Purchases,Receipts,Payments,TDS Sections"  # read in a trading book
    assert meta["bahi_validate"]["include"] == f"Accounts,Journal,Settings,Issues,{audit},{trade}"
    assert all(m["include"] for m in meta.values())


@pytest.mark.parametrize(
    ("script", "tables"),
    [
        ("bahi_statements", STATEMENT_TABLES),
        ("bahi_budget", BUDGET_TABLES),
        ("bahi_reconcile", RECONCILIATION_TABLES),
    ],
)
def test_a_button_sends_the_sheet_of_every_table_its_macro_reads(
    client: TestClient, script: str, tables: tuple[TableSpec, ...]
) -> None:
    """A sheet left out of a script's include reaches the macro with no table: the Parties sheet
    missing from Statements put an MSME supplier's payables under (B) in Excel and (A) in bahi."""
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    sent = set(meta[script]["include"].split(","))
    assert {t.sheet for t in tables} <= sent


def test_labels_and_tooltips_are_in_english_and_hindi(manifest: ET.Element) -> None:
    strings = manifest.findall(".//bt:ShortStrings/bt:String", NS) + manifest.findall(
        ".//bt:LongStrings/bt:String", NS
    )
    assert strings
    for s in strings:
        if s.get("id") == "Functions.Namespace":
            continue
        override = s.find("bt:Override", NS)
        assert override is not None, s.get("id")
        assert override.get("Locale") == "hi-IN"
        assert re.search("[\u0900-\u097f]", override.get("Value", "")), s.get("id")  # Devanagari
        assert len(s.get("DefaultValue", "")) <= (
            125 if s in manifest.findall(".//bt:ShortStrings/bt:String", NS) else 250
        )
    labels = {s.get("id"): s.get("DefaultValue") for s in strings}
    assert labels["Bahi.Validate.Label"] == "Validate"
    assert labels["Bahi.TrialBalance.Label"] == "Trial Balance"


def test_every_resource_the_manifest_names_is_defined(manifest: ET.Element) -> None:
    defined = {e.get("id") for e in manifest.iter() if e.get("id") and e.tag.startswith("{" + NS["bt"])}
    used = {e.get("resid") for e in manifest.iter() if e.get("resid")}
    assert used <= defined


def test_the_icons_the_manifest_names_are_served(manifest: ET.Element, client: TestClient) -> None:
    urls = {img.get("DefaultValue") for img in manifest.iterfind(".//bt:Images/bt:Image", NS)}
    assert len(urls) == 3 * len(ribbon.icon_names())  # 16, 32 and 80 px each
    for url in urls:
        assert url.startswith(public_url() + "/static/")  # from configuration, not the Host header
        response = client.get(url.removeprefix(public_url()))
        assert response.status_code == 200, url
        assert response.content.startswith(b"\x89PNG")


def test_functions_namespace_is_bahi(manifest: ET.Element) -> None:
    ns = next(s for s in manifest.iterfind(".//bt:String", NS) if s.get("id") == "Functions.Namespace")
    assert ns.get("DefaultValue") == "BAHI"


def test_custom_functions_meta_lists_the_cell_formulas(client: TestClient) -> None:
    meta = client.get("/xlwings/custom-functions-meta").json()
    names = {f["name"] for f in meta["functions"]}
    assert "AMOUNTINWORDS" in names


def test_custom_functions_call_runs_a_cell_formula(client: TestClient) -> None:
    body = {
        "func_name": "amountinwords",
        "args": [[[1250.5]]],
        "caller_address": "[Book1.xlsx]Sheet1!A1",
        "formula_name": "BAHI.AMOUNTINWORDS",
        "culture_info_name": "en-IN",
        "date_format": "dd-mm-yyyy",
        "version": "0.37.8",
        "runtime": "1.4",
        "client": "Office.js",
    }
    response = client.post("/xlwings/custom-functions-call", json=body)
    assert response.status_code == 200, response.text
    assert "thousand" in json.dumps(response.json()["result"]).lower()


def test_task_pane_renders_with_bahi_script_and_no_inline_scripts(client: TestClient) -> None:
    html = client.get("/taskpane.html").text
    assert "bahi-taskpane.js" in html
    assert client.get("/static/js/bahi-taskpane.js").status_code == 200
    assert client.get("/static/js/ribbon.js").text == RIBBON_JS.read_text()  # ours, not the package's
    own = TASKPANE_HTML.read_text()
    assert "<script>" not in own
    assert "innerHTML" not in TASKPANE_JS.read_text()  # workbook text goes in as textContent only


# -- security ----------------------------------------------------------------------------------


def test_cors_allows_excel_on_the_web_and_refuses_other_origins(client: TestClient) -> None:
    def preflight(origin: str) -> Any:
        return client.options(
            "/xlwings/custom-functions-call",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )

    allowed = preflight(OFFICE_ORIGINS[0])
    assert allowed.headers.get("access-control-allow-origin") == OFFICE_ORIGINS[0]
    refused = preflight("https://evil.example")
    assert "access-control-allow-origin" not in refused.headers


def test_an_oversized_request_gets_413_with_a_bilingual_message() -> None:
    small = TestClient(RequestSizeLimit(main_app, max_bytes=1000))
    response = small.post("/xlwings/custom-scripts-call/bahi_validate", content=b"x" * 2000)
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "larger than" in detail
    assert re.search("[\u0900-\u097f]", detail)


def test_an_oversized_request_without_content_length_is_refused_too() -> None:
    small = TestClient(RequestSizeLimit(main_app, max_bytes=1000))

    def body() -> Any:
        yield b"x" * 600
        yield b"x" * 600

    response = small.post("/xlwings/custom-scripts-call/bahi_validate", content=body())
    assert response.status_code == 413


def test_the_default_limit_is_5_mb(client: TestClient) -> None:
    response = client.post(
        "/xlwings/custom-scripts-call/bahi_validate",
        content=b" " * (5 * 1024 * 1024 + 1),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413


def formula_body(padding: int = 0) -> bytes:
    """A real formula call (INRFORMAT), padded with an extra key to ``padding`` more bytes."""
    body: dict[str, Any] = {
        "func_name": "inrformat",
        "args": [[[1250.5]]],
        "caller_address": "[Book1.xlsx]Sheet1!A1",
        "culture_info_name": "en-IN",
        "date_format": "dd-mm-yyyy",
        "version": "0.37.8",
        "runtime": "1.4",
        "client": "Office.js",
    }
    if padding:
        body["padding"] = "x" * padding
    return json.dumps(body).encode()


def test_a_formula_call_may_carry_more_than_5_mb(client: TestClient) -> None:
    # Its arguments come from Excel's custom-functions runtime and are posted with a plain fetch,
    # outside Office.js's 5 MB per workbook request: TRIALBALANCE over 100,000 lines is ~13 MB.
    response = client.post(
        FORMULA_CALL_PATH, content=formula_body(6 * 1024 * 1024), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["result"] == [["1,250.50"]]


def test_the_default_formula_limit_is_32_mb_and_other_requests_keep_5(client: TestClient) -> None:
    assert max_formula_request_bytes() == 32 * 1024 * 1024
    assert max_request_bytes() == 5 * 1024 * 1024
    response = client.post(
        FORMULA_CALL_PATH,
        content=b" " * (32 * 1024 * 1024 + 1),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["limit_bytes"] == 32 * 1024 * 1024
    # the same 6 MB to a script (an Office.js request) is refused
    script = client.post(
        "/xlwings/custom-scripts-call/bahi_validate",
        content=b" " * (6 * 1024 * 1024),
        headers={"Content-Type": "application/json"},
    )
    assert script.status_code == 413


def test_a_formula_call_over_its_limit_gets_413_with_a_bilingual_formula_message() -> None:
    small = TestClient(RequestSizeLimit(main_app, max_bytes=1000, max_formula_bytes=3000))
    fits = small.post(
        FORMULA_CALL_PATH, content=formula_body(1500), headers={"Content-Type": "application/json"}
    )
    assert fits.status_code == 200, fits.text[:300]
    response = small.post(
        FORMULA_CALL_PATH, content=formula_body(4000), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "formula" in detail
    assert "larger than" in detail
    assert re.search("[\u0900-\u097f]", detail)
    # only POST to that one path has the formula limit
    other = small.post("/xlwings/custom-scripts-call/bahi_validate", content=b"x" * 1500)
    assert other.status_code == 413
    assert "formula" not in other.json()["detail"]


def test_a_formula_call_without_content_length_is_held_to_the_formula_limit() -> None:
    small = TestClient(RequestSizeLimit(main_app, max_bytes=1000, max_formula_bytes=3000))

    def chunks(total: int) -> Any:
        body = formula_body(total)
        yield body[: len(body) // 2]
        yield body[len(body) // 2 :]

    fits = small.post(FORMULA_CALL_PATH, content=chunks(1500), headers={"Content-Type": "application/json"})
    assert fits.status_code == 200, fits.text[:300]
    refused = small.post(
        FORMULA_CALL_PATH, content=chunks(4000), headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 413


def test_the_formula_limit_comes_from_its_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAHI_MAX_FORMULA_REQUEST_MB", "12.5")
    monkeypatch.setenv("BAHI_MAX_REQUEST_MB", "2")
    limits = RequestSizeLimit(main_app)
    assert limits.max_formula_bytes == int(12.5 * 1024 * 1024)
    assert limits.max_bytes == 2 * 1024 * 1024


# -- the garbage collector: never paused in the server's own process -------------------------------


@pytest.fixture
def server_process_policy() -> Any:
    """This process as `bahi serve` runs it: pauses of the collector forbidden."""
    gc_pause.forbid_pauses()
    yield
    gc_pause.allow_pauses()


def test_a_formula_in_the_servers_own_process_leaves_the_collector_running(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, server_process_policy: None
) -> None:
    import udfs.india  # noqa: PLC0415  (the module xlwings-server calls INRFORMAT from)

    seen: list[bool] = []
    real = udfs.india.format_inr

    def spy(paise: int) -> str:
        seen.append(gc.isenabled())
        return real(paise)

    monkeypatch.setattr(udfs.india, "format_inr", spy)
    response = client.post(
        FORMULA_CALL_PATH, content=formula_body(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text[:300]
    assert seen == [True]  # a small formula runs here, and here nothing pauses the collector
    with gc_pause.no_cyclic_gc():
        assert gc.isenabled()


def test_the_app_is_cors_then_the_limits_then_xlwings_servers_app_with_bahis_routes() -> None:
    chain = []
    layer: Any = addin.server.asgi.app
    while layer is not fastapi_app:
        chain.append(type(layer).__name__)
        layer = layer.app
    assert chain == ["ServerTiming", "CORSMiddleware", "RequestSizeLimit"]
    assert main_app is addin.server.asgi.app.app
    ours = [r for r in fastapi_app.router.routes if getattr(r, "path", "") == FORMULA_CALL_PATH]
    assert [r.endpoint.__module__ for r in ours] == ["addin.server.routes"]  # xlwings-server's is gone


def test_the_auth_provider_is_the_custom_one_of_this_project() -> None:
    source = (SERVER_DIR / "auth" / "custom" / "__init__.py").read_text()
    assert "BAHI_TOKEN" in source


def test_shared_token_accepts_bearer_and_refuses_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAHI_TOKEN", "s3cret-office")
    user = asyncio.run(validate_token("Bearer s3cret-office"))
    assert user.name == "Bahi office user"
    for wrong in ("", "Bearer nope", "s3cret-offic", "Bearer "):
        with pytest.raises(HTTPException) as caught:
            asyncio.run(validate_token(wrong))
        assert caught.value.status_code == 401
    monkeypatch.setenv("BAHI_TOKEN", "")
    with pytest.raises(HTTPException):
        asyncio.run(validate_token("Bearer "))  # no token configured: nothing validates


def test_server_dir_holds_no_dotenv() -> None:
    assert not (SERVER_DIR / ".env").exists()
    assert pathlib.Path(SERVER_DIR / "custom_scripts" / "__init__.py").exists()


def test_every_response_says_how_long_the_server_took(client: TestClient) -> None:
    from addin.server.timing import server_milliseconds  # noqa: PLC0415

    response = client.get("/xlwings/custom-scripts-meta")
    took = server_milliseconds(response.headers.get("server-timing"))
    assert took is not None
    assert took >= 0


def test_a_scripts_answer_is_the_json_of_its_actions(client: TestClient, small_ledger: pathlib.Path) -> None:
    from addin.server.answers import json_bytes  # noqa: PLC0415

    payload = payload_from_xlsx(small_ledger, include=["Accounts", "Journal", "Settings", "Issues"])
    response = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["actions"][-1]["func"] == "alert"
    body = json_bytes({"actions": [{"values": [["बही", 1.5, None]]}]})
    assert json.loads(body) == {"actions": [{"values": [["बही", 1.5, None]]}]}
    assert "बही".encode() in body
