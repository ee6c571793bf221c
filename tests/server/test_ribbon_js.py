"""Bahi's ribbon.js in Node: its addHyperlink replaces xlwings' and links in-workbook targets properly.

No Excel here: ``tests/server/js/ribbon_harness.js`` runs ribbon.js with stand-ins for Office.js, the
page and xlwings' index.js (its ``globalThis.callbacks`` registry), calls the ``addHyperlink`` handler
registered there with a fake ``Excel.RequestContext``, and reports what it set on the range. Node
is a test requirement (``.ci/system-deps`` installs it): without it these tests fail, they never skip.
"""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
from typing import Any

import pytest

from addin.server.ribbon import button_scripts
from addin.server.serve import SERVER_DIR

JS = SERVER_DIR / "static" / "js"
RIBBON_JS = JS / "ribbon.js"
HARNESS = pathlib.Path(__file__).parent / "js" / "ribbon_harness.js"


@pytest.fixture(scope="module")
def ran() -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is needed to test static/js/ribbon.js and was not found on PATH: install the "
            "Debian package `nodejs` (listed in .ci/system-deps, which `make test` installs)."
        )
    table = json.dumps(button_scripts())  # what the task pane page gives ribbon.js
    done = subprocess.run(
        [node, str(HARNESS), str(RIBBON_JS), table], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_bahis_addhyperlink_replaces_xlwings_own_when_the_page_loads(ran: dict[str, Any]) -> None:
    assert ran["registeredAtLoad"], "ribbon.js did not register its addHyperlink in globalThis.callbacks"


def test_an_in_workbook_target_is_a_document_reference(ran: dict[str, Any]) -> None:
    link = ran["inWorkbook"]
    assert link["hyperlink"] == {
        "documentReference": "'Journal'!B5",
        "textToDisplay": "Row 5",
        "screenTip": "#'Journal'!B5",
    }
    assert "address" not in link["hyperlink"]


def test_a_web_target_stays_an_address(ran: dict[str, Any]) -> None:
    assert ran["web"]["hyperlink"] == {
        "address": "https://example.com/help",
        "textToDisplay": "Help",
        "screenTip": "Open the help",
    }


def test_bahi_page_setup_prints_an_owned_sheet_landscape_one_page_wide_with_its_headings(
    ran: dict[str, Any],
) -> None:
    # the action xlwings_book.XlwingsBook._page_setup queues; the sheet found by sheet_position
    assert ran["pageSetup"]["layout"] == {
        "orientation": "Landscape",
        "zoom": {"horizontalFitToPages": 1, "verticalFitToPages": 0},
        "printTitleRows": "$1:$2",
    }
    assert ran["pageSetup"]["untouched"]


def test_a_host_without_page_layout_leaves_the_sheet_and_the_run_goes_on(ran: dict[str, Any]) -> None:
    assert ran["pageSetupRefused"]["layout"] == {}  # nothing set, and no error thrown


def test_the_range_is_found_as_xlwings_finds_it(ran: dict[str, Any]) -> None:
    # the sheet by action.sheet_position, then getRangeByIndexes(start_row, start_column, rows, columns)
    for case in ("inWorkbook", "web"):
        assert ran[case]["sheet"] == "Issues"
        assert ran[case]["indexes"] == [4, 3, 1, 1]


def test_a_link_without_text_or_tip_sets_neither(ran: dict[str, Any]) -> None:
    assert ran["noText"]["hyperlink"] == {"documentReference": "Issues!A1"}


def test_registered_again_if_xlwings_made_its_registry_later(ran: dict[str, Any]) -> None:
    assert ran["lateWithoutRegistry"]
    assert ran["registeredOnDomContentLoaded"]
    assert ran["registeredBeforeRun"]  # what a ribbon or task pane button runs through
    assert ran["eventsAfterRun"] == ["bahi:ran"]


def test_the_ribbon_buttons_are_associated_from_the_pages_table(ran: dict[str, Any]) -> None:
    assert ran["buttons"][:5] == [
        "bahi-validate",
        "bahi-trial-balance",
        "bahi-account-statement",
        "bahi-day-book",
        "bahi-reconcile",
    ]
    assert ran["buttons"] == list(button_scripts())


def test_a_big_journal_goes_up_under_the_servers_id_in_a_header_never_in_a_url(ran: dict[str, Any]) -> None:
    posts = ran["uploadPosts"]
    server_id = "S" * 32  # what the harness's server answered to POST /bahi/uploads
    assert posts[0] == {"url": "https://localhost:8000/bahi/uploads", "upload": None}
    blocks = posts[1:]
    assert len(blocks) == 2  # 120,003 cells in blocks of at most 100,000
    assert all(
        p == {"url": "https://localhost:8000/bahi/uploads/blocks", "upload": server_id} for p in blocks
    )
    assert not any(server_id in p["url"] for p in posts)
    assert ran["uploadRun"]["upload"] == server_id
    assert ran["uploadRun"]["args"] == [server_id]
    assert "Journal" not in ran["uploadRun"]["include"].split(",")


def test_the_task_pane_runs_scripts_only_through_bahirun() -> None:
    # bahiRun registers Bahi's handlers before xlwings applies a run's actions; a direct
    # runPython or runActions elsewhere in Bahi's JS would bypass that.
    for path in JS.glob("*.js"):
        if path.name == RIBBON_JS.name:
            continue
        text = path.read_text(encoding="utf-8")
        assert "runPython" not in text, path.name
        assert "runActions" not in text, path.name


COLUMNS_HARNESS = pathlib.Path(__file__).parent / "js" / "columns_harness.js"


def test_a_block_encoded_by_ribbon_js_decodes_to_the_same_cells() -> None:
    from addin.server.blocks import columns_grid  # noqa: PLC0415
    from tests.officejs import encoded_columns  # noqa: PLC0415

    rows = [
        ["Date", "Voucher", "Account", "Debit", "Credit"],
        ["2025-04-01T00:00:00.000Z", "V1", 1110, 1500.5, ""],
        ["2025-04-01T00:00:00.000Z", "V1", "1110", "", 1500.5],
        ["2025-04-02T00:00:00.000Z", "V2", True, 0, "बैंक"],
        ["2025-04-02T00:00:00.000Z", "V2", "true", -0.01, "#N/A"],
    ]
    node = shutil.which("node")
    assert node is not None, "Node.js is needed (the Debian package nodejs, in .ci/system-deps)"
    done = subprocess.run(
        [node, str(COLUMNS_HARNESS), str(RIBBON_JS)],
        input=json.dumps(rows, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    columns = json.loads(done.stdout)
    decoded = columns_grid(columns, len(rows)).tolist()
    assert decoded == rows
    assert [[type(v) for v in r] for r in decoded] == [[type(v) for v in r] for r in rows]
    assert columns == encoded_columns(rows)  # the Python twin the benchmark sends encodes alike


TASKPANE_JS = JS / "bahi-taskpane.js"
TASKPANE_HARNESS = pathlib.Path(__file__).parent / "js" / "taskpane_harness.js"


def test_the_task_pane_reads_the_issues_and_the_runs_that_can_be_undone() -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed (the Debian package nodejs, in .ci/system-deps)"
    done = subprocess.run(
        [node, str(TASKPANE_HARNESS), str(TASKPANE_JS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    assert read["issues"] == [
        {"sheet": "Journal", "cell": "B5", "severity": "error", "message": "Voucher V1 does not balance"}
    ]
    assert read["runs"] == [{"run": "R2", "when": "2026-04-02 11:00"}]  # R1 was undone; "note" is no run
    assert read["none"] == []  # no Issues sheet
