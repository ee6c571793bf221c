"""Both adapters, one outcome: the xlwings JSON book (what Excel sends) and the file book (what
``bahi`` opens) must give the engine the same ledger, and the macros must write the same cells."""

from __future__ import annotations

import pathlib
import shutil
from typing import Any

import pytest
import xlwings as xw
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from addin.books.base import BookError
from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.cells import cell_address
from addin.engine.checks import check_ledger
from addin.engine.load import load_ledger
from addin.engine.schema import ACCOUNTS, ISSUES_SHEET, JOURNAL, SETTINGS
from addin.engine.tables import RowsBelow
from addin.macros.reconcile import reconcile_book
from tests.officejs import payload_from_xlsx
from tests.test_cli_books import CLEAN_LINES, template_book
from tests.test_reconcile_macro import add_open_slips
from workbook_templates.build import DEMO_PATH, TEMPLATE_PATH

LEDGER = ["Accounts", "Journal", "Settings", "Issues"]
BOOKS = [pytest.param(DEMO_PATH, id="demo"), pytest.param(TEMPLATE_PATH, id="template")]


def ledger_of(book: Any) -> tuple[Any, list[Any]]:
    ledger, issues = load_ledger({s.name: book.read_table(s) for s in (ACCOUNTS, JOURNAL, SETTINGS)})
    return ledger, issues + ([] if any(i.severity.value == "fatal" for i in issues) else check_ledger(ledger))


@pytest.mark.parametrize("path", BOOKS)
def test_both_adapters_give_the_engine_the_same_ledger_and_issues(path: pathlib.Path) -> None:
    remote, remote_issues = ledger_of(XlwingsBook(xw.Book(json=payload_from_xlsx(path, include=LEDGER))))
    with FileBook.open(path) as book:
        local, local_issues = ledger_of(book)
    assert remote_issues == local_issues
    assert remote.settings == local.settings
    assert remote.accounts.equals(local.accounts)
    assert remote.journal.equals(local.journal)


def written_values(actions: list[dict[str, Any]], sheet_position: int) -> dict[str, Any]:
    """Cell address -> value, from the setValues actions aimed at one sheet."""
    cells: dict[str, Any] = {}
    for a in actions:
        if a["func"] == "setValues" and a["sheet_position"] == sheet_position:
            for r, row in enumerate(a["values"]):
                for c, value in enumerate(row):
                    if value not in ("", None):
                        cells[cell_address(a["start_row"] + r + 1, a["start_column"] + c + 1)] = value
    return cells


def sheet_cells(path: pathlib.Path, sheet: str) -> dict[str, Any]:
    ws = load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in ("", None)}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 1e-9
    return str(a).removeprefix("'") == str(b).removeprefix("'") or str(a) == str(b)


@pytest.mark.parametrize("path", BOOKS)
def test_validate_writes_the_same_issues_sheet_through_both_adapters(
    path: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    macros = pytest.importorskip("addin.macros.ledger_macros")
    book = xw.Book(json=payload_from_xlsx(path, include=LEDGER))
    macros.validate_book(XlwingsBook(book), write=True)
    actions = book.json()["actions"]
    position = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == ISSUES_SHEET)
    from_excel = written_values(actions, position)

    out = tmp_path / "validated.xlsx"
    with FileBook.open(path) as file_book:
        macros.validate_book(file_book, write=True)
        file_book.save_as(out)
    from_file = sheet_cells(out, ISSUES_SHEET)
    assert from_excel.keys() == from_file.keys()
    assert all(_same(from_excel[k], from_file[k]) for k in from_file), [
        (k, from_excel[k], from_file[k]) for k in from_file if not _same(from_excel[k], from_file[k])
    ][:5]


def test_the_validate_button_writes_the_issues_sheet_and_highlights_the_cells(client: TestClient) -> None:
    pytest.importorskip("addin.macros.ledger_macros")
    payload = payload_from_xlsx(DEMO_PATH, include=LEDGER)
    response = client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload)
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    funcs = [a["func"] for a in actions]
    assert funcs[0] == "addSheet"
    assert actions[0]["args"][1] == ISSUES_SHEET
    assert "setValues" in funcs
    journal = [s["name"] for s in payload["sheets"]].index("Journal")
    reds = [a for a in actions if a["func"] == "setRangeColor" and a["sheet_position"] == journal]
    assert reds, "the journal's offending cells are coloured"
    assert funcs[-1] == "alert"
    prompt = actions[-1]["args"][0]
    assert "Errors" in prompt
    assert "त्रुटियाँ" in prompt
    assert "Traceback" not in prompt


def test_a_book_without_a_journal_gets_a_bilingual_alert_naming_the_sheet_not_a_traceback(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    pytest.importorskip("addin.macros.ledger_macros")
    wb = load_workbook(TEMPLATE_PATH)
    del wb["Journal"]
    path = tmp_path / "no-journal.xlsx"
    wb.save(path)
    response = client.post(
        "/xlwings/custom-scripts-call/bahi_trial_balance", json=payload_from_xlsx(path, include=LEDGER)
    )
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    assert [a["func"] for a in actions if a["func"] in ("addSheet", "setValues")] == []  # nothing written
    (alert,) = [a for a in actions if a["func"] == "alert"]
    prompt, mode = alert["args"][0], alert["args"][3]
    assert mode == "critical"
    assert "Journal" in prompt
    assert "Traceback" not in prompt


def test_the_reconcile_button_writes_the_reconciliation_and_the_match_columns(client: TestClient) -> None:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    include = meta["bahi_reconcile"]["include"].split(",")
    response = client.post(
        "/xlwings/custom-scripts-call/bahi_reconcile", json=payload_from_xlsx(DEMO_PATH, include=include)
    )
    assert response.status_code == 200, response.text
    actions = response.json()["actions"]
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert "Bank Reconciliation" in added
    assert actions[-1]["func"] == "alert"
    assert actions[-1]["args"][0].startswith("Reconcile / बैंक मिलान")


def test_the_reconcile_alert_says_what_matched_and_how_many_open_lines_have_a_short_list(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    book = tmp_path / "slips.xlsx"
    shutil.copy(DEMO_PATH, book)
    add_open_slips(book)
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    include = meta["bahi_reconcile"]["include"].split(",")
    payload = payload_from_xlsx(book, include=include)
    response = client.post("/xlwings/custom-scripts-call/bahi_reconcile", json=payload)
    alert = response.json()["actions"][-1]["args"][0]
    assert "564 match(es); 5 bank line(s) and 7 journal line(s) left unmatched." in alert
    assert "2 unmatched bank line(s) could be matched only a few ways" in alert
    assert "2 बिना मिलान बैंक पंक्तियों" in alert


def _reconcile_button(client: TestClient, path: pathlib.Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The sheet names the ribbon sends and the actions the Reconcile button returns for ``path``."""
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    payload = payload_from_xlsx(path, include=meta["bahi_reconcile"]["include"].split(","))
    response = client.post("/xlwings/custom-scripts-call/bahi_reconcile", json=payload)
    assert response.status_code == 200, response.text
    return [s["name"] for s in payload["sheets"]], response.json()["actions"]


def _table_cells(path: pathlib.Path, sheet: str, columns: str) -> dict[str, Any]:
    """The non-empty cells of ``columns`` ("IJ") of a sheet of a saved file."""
    return {k: v for k, v in sheet_cells(path, sheet).items() if k.rstrip("0123456789") in columns}


def _reconcile_both_ways(
    client: TestClient, path: pathlib.Path, sheet: str, columns: str
) -> tuple[list[dict[str, Any]], dict[str, Any], list[str], dict[str, Any]]:
    """Reconcile a copy of ``path`` through the button (its actions, the cells of ``columns`` they
    write on ``sheet`` and the table ranges they resize to) and ``path`` itself through the file
    adapter (the cells of ``columns`` it saved)."""
    names, actions = _reconcile_button(client, path)
    position = names.index(sheet)
    from_excel = {
        k: v for k, v in written_values(actions, position).items() if k.rstrip("0123456789") in columns
    }
    resized = [
        a["args"][1] for a in actions if a["func"] == "resizeTable" and a["sheet_position"] == position
    ]
    with FileBook.open(path) as book:
        reconcile_book(book, write=True)
        book.save()
    return actions, from_excel, resized, _table_cells(path, sheet, columns)


@pytest.mark.parametrize(
    ("sheet", "table", "columns"), [("Journal", "Journal", "IJ"), ("Bank Statement", "BankStatement", "GH")]
)
def test_the_reconcile_button_adds_match_id_and_match_rule_side_by_side_as_bahi_does(
    client: TestClient, tmp_path: pathlib.Path, sheet: str, table: str, columns: str
) -> None:
    path = tmp_path / "demo.xlsx"
    shutil.copy(DEMO_PATH, path)
    _, from_excel, resized, from_file = _reconcile_both_ways(client, path, sheet, columns)
    assert from_file[f"{columns[0]}1"] == "Match ID / मिलान आईडी"
    assert from_file[f"{columns[1]}1"] == "Match Rule / मिलान नियम"
    assert from_excel == from_file
    assert resized[-1].replace("$", "") == load_workbook(path)[sheet].tables[table].ref


def test_the_reconcile_button_stopped_by_the_statement_lists_its_errors_and_writes_nothing(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "broken-balance.xlsx"
    wb = load_workbook(DEMO_PATH)
    ws = wb["Bank Statement"]
    ws["F10"] = (ws["F10"].value or 0) + 100  # the running balance breaks at F10 (and F11 after it)
    wb.save(path)
    _, actions = _reconcile_button(client, path)
    assert [a["func"] for a in actions] == ["namesAdd", "alert"]  # only the last-run record: no cell
    alert = actions[-1]
    prompt, mode = alert["args"][0], alert["args"][3]
    assert mode == "critical"
    with FileBook.open(path) as book:
        result = reconcile_book(book, write=False)
    stopping = [i for i in result.issues if i.rule == "bank-balance-mismatch"]
    assert [i.cell for i in stopping] == ["F10", "F11"]
    for issue in stopping:  # each wrong cell, as bahi lists it, in both languages
        assert f"Bank Statement!{issue.cell}: {issue.message_en}" in prompt
        assert f"Bank Statement!{issue.cell}: {issue.message_hi}" in prompt
    assert "Traceback" not in prompt


def test_the_reconcile_button_refuses_like_bahi_when_the_user_typed_where_its_columns_go(
    client: TestClient, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "notes.xlsx"
    wb = load_workbook(DEMO_PATH)
    wb["Journal"]["I1"], wb["Journal"]["I3"] = "My notes", "checked by CA"
    wb["Bank Statement"]["H3"] = "asked bank about this"  # beside Match Rule's place, not Match ID's
    wb.save(path)
    before = path.read_bytes()

    _, actions = _reconcile_button(client, path)
    assert [a for a in actions if a["func"] != "alert"] == []  # not one cell written
    (alert,) = actions
    prompt, mode = alert["args"][0], alert["args"][3]
    assert mode == "critical"
    assert "Traceback" not in prompt

    with FileBook.open(path) as book, pytest.raises(BookError) as caught:
        reconcile_book(book, write=True)
    assert (caught.value.sheet, caught.value.cell) == ("Bank Statement", "H3")  # the first refused
    assert caught.value.bilingual() in prompt  # the same words through Excel as through bahi
    assert "insert an empty column" in prompt
    assert "खाली कॉलम" in prompt
    assert path.read_bytes() == before


def _journal_both_ways(path: pathlib.Path) -> tuple[Any, Any, list[Any], list[Any]]:
    """The Journal table as each adapter reads ``path`` (the file, and the Office.js payload made from
    it), and the issues each finds in the ledger."""
    remote = XlwingsBook(xw.Book(json=payload_from_xlsx(path, include=LEDGER)))
    with FileBook.open(path) as book:
        local_table = book.read_table(JOURNAL)
        local_issues = ledger_of(book)[1]
    remote_table = remote.read_table(JOURNAL)
    assert local_table is not None
    assert remote_table is not None
    return local_table, remote_table, local_issues, ledger_of(remote)[1]


def test_both_adapters_find_the_rows_typed_below_a_table_up_to_the_first_blank_row(
    tmp_path: pathlib.Path,
) -> None:
    def paste_below(wb: Any) -> None:
        ws = wb[JOURNAL.sheet]
        table = ws.tables[JOURNAL.name]
        table.ref = f"A1:{table.ref.split(':')[1].rstrip('0123456789')}3"  # the paste did not grow it
        ws["L5"] = "my note beside the table"  # outside the table's columns: not data of the table
        ws["C9"] = "after a blank row"  # after the blank row 8: not directly below

    path = template_book(tmp_path / "below.xlsx", edit=paste_below)
    local_table, remote_table, local_issues, remote_issues = _journal_both_ways(path)
    assert local_table.below == remote_table.below == RowsBelow("A4", 4, 7)
    assert remote_issues == local_issues
    assert [(i.rule, i.cell) for i in local_issues] == [("rows-below-table", "A4")]


def test_both_adapters_take_formulas_showing_nothing_below_a_table_for_empty_rows(
    tmp_path: pathlib.Path,
) -> None:
    def drag_down(wb: Any) -> None:  # the table ends at row 7; its formula dragged on below it
        for row in (8, 9, 10):
            wb[JOURNAL.sheet][f"C{row}"] = f'=IF(B{row}="","",B{row})'

    path = template_book(tmp_path / "drag.xlsx", edit=drag_down)
    local_table, remote_table, local_issues, remote_issues = _journal_both_ways(path)
    assert local_table.below is None
    assert remote_table.below is None
    assert "rows-below-table" not in [i.rule for i in local_issues]
    assert remote_issues == local_issues


@pytest.mark.parametrize(
    ("sheet", "column", "heading"),
    [("Journal", "I", "Match Rule / मिलान नियम"), ("Bank Statement", "G", "Match ID / मिलान आईडी")],
)
def test_both_adapters_take_over_an_owned_heading_an_earlier_run_left_beside_the_table(
    client: TestClient, tmp_path: pathlib.Path, sheet: str, column: str, heading: str
) -> None:
    table = sheet.replace(" ", "")  # Journal, BankStatement
    path = tmp_path / "earlier-run.xlsx"
    wb = load_workbook(DEMO_PATH)
    wb[sheet][f"{column}1"], wb[sheet][f"{column}3"] = heading, "M-old"  # the table was not widened
    wb.save(path)
    actions, from_excel, resized, from_file = _reconcile_both_ways(client, path, sheet, column)
    assert actions[-1]["args"][3] == "info"  # not refused
    assert from_file.pop(f"{column}1") == heading  # kept, and the table now spans it
    assert "M-old" not in from_file.values()  # its body is Bahi's: rewritten
    assert from_excel == from_file
    ref = load_workbook(path)[sheet].tables[table].ref
    assert resized[-1].replace("$", "") == ref
    assert ref.split(":")[1].rstrip("0123456789") > column  # the other owned column added after it


@pytest.mark.parametrize("rent", [5000, "5,000"], ids=["among-numbers", "among-texts"])
def test_true_typed_in_an_amount_cell_gets_the_same_yes_no_issue_through_both_adapters(
    tmp_path: pathlib.Path, rent: object
) -> None:
    lines = [list(line) for line in CLEAN_LINES]
    lines[2][3] = True  # the cash sale's debit
    lines[4][3] = rent
    path = template_book(tmp_path / "bool.xlsx", lines)
    remote_issues = ledger_of(XlwingsBook(xw.Book(json=payload_from_xlsx(path, include=LEDGER))))[1]
    with FileBook.open(path) as book:
        local_issues = ledger_of(book)[1]
    assert remote_issues == local_issues
    found = [i for i in local_issues if i.rule == "unreadable-amount"]
    assert [(i.cell, i.value) for i in found] == [("D4", "TRUE")]
    assert "TRUE is a yes/no value, not an amount" in found[0].message_en
