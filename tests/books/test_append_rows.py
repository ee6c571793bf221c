"""append_rows: statement lines added at the bottom of an Excel Table, on both adapters.

The file adapter streams the table's sheet part and rewrites its table part; every other part of
the package stays byte for byte. The table grows (``ref``, autofilter, the sheet's ``<dimension>``),
new cells copy the last data row's formats, the template's blank row is filled first, and data in
the way below the table is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw
from openpyxl.worksheet.table import Table

from addin.books.base import BookError, CellValue
from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.money import BRACKETED_INR_FORMAT, INDIAN_NUMBER_FORMAT
from addin.engine.schema import BANK_STATEMENT, JOURNAL
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH, TEMPLATE_PATH

SHEET_PART = "xl/worksheets/sheet4.xml"  # Bank Statement in both shipped books
TABLE_PART = "xl/tables/table3.xml"
DEMO_ROWS = 568  # the demo's last statement row (header in row 1)

ROWS: list[dict[str, CellValue]] = [
    {
        "Date": dt.date(2026, 4, 1), "Description": "=NEFT IN RAVI", "Reference": "N1",
        "Deposit": 1500.5, "Balance": 1500.5,
    },
    {
        "Date": dt.date(2026, 4, 2), "Description": "ATM WDL", "Reference": "",
        "Withdrawal": 200.0, "Balance": 1300.5,
    },
]  # fmt: skip


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    shutil.copy(TEMPLATE_PATH, path)
    return path


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    shutil.copy(DEMO_PATH, path)
    return path


def append(path: Path, rows: list[dict[str, CellValue]] = ROWS) -> None:
    with FileBook.open(path) as book:
        book.append_rows(BANK_STATEMENT, rows)
        book.save()


def statement(path: Path) -> tuple[Table, Any]:
    ws = openpyxl.load_workbook(path)["Bank Statement"]
    return ws.tables["BankStatement"], ws


def entries(path: Path) -> dict[str, tuple[int, bytes]]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: (i.CRC, z.read(i.filename)) for i in z.infolist()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the file adapter ------------------------------------------------------------------------------


def test_the_templates_blank_row_is_filled_first_and_the_table_grows_by_one(template: Path) -> None:
    append(template)
    table, ws = statement(template)
    assert table.ref == "A1:F3"
    assert table.autoFilter is not None
    assert table.autoFilter.ref == "A1:F3"
    assert ws.calculate_dimension() == "A1:F3"
    assert [c.value for c in ws[2]] == [dt.datetime(2026, 4, 1), "=NEFT IN RAVI", "N1", None, 1500.5, 1500.5]
    assert [c.value for c in ws[3]] == [dt.datetime(2026, 4, 2), "ATM WDL", None, 200, None, 1300.5]


def test_new_cells_take_the_formats_of_the_rows_above(demo: Path, template: Path) -> None:
    for path in (demo, template):
        append(path)
        _, ws = statement(path)
        last = ws.max_row
        assert ws.cell(last, 1).number_format == "dd/mm/yyyy"
        assert ws.cell(last, 4).number_format == INDIAN_NUMBER_FORMAT
        assert ws.cell(last, 6).number_format == BRACKETED_INR_FORMAT  # a balance may be overdrawn


def test_a_formula_like_description_is_written_as_text(template: Path) -> None:
    append(template)
    _, ws = statement(template)
    assert ws["B2"].data_type == "s"
    assert ws["B2"].value == "=NEFT IN RAVI"


def test_appending_to_the_demo_grows_its_table_below_the_last_line(demo: Path) -> None:
    append(demo)
    table, ws = statement(demo)
    assert table.ref == f"A1:F{DEMO_ROWS + 2}"
    assert ws.cell(DEMO_ROWS, 2).value == "INT.PD:SWEEP FD 50300112233445"  # untouched
    assert ws.cell(DEMO_ROWS + 1, 2).value == "=NEFT IN RAVI"
    assert ws.cell(DEMO_ROWS + 2, 4).value == 200
    with FileBook.open(demo) as book:
        raw = book.read_table(BANK_STATEMENT)
    assert raw is not None
    assert raw.row_count == DEMO_ROWS + 1


def test_every_other_part_stays_byte_for_byte(demo: Path) -> None:
    before = entries(demo)
    append(demo)
    after = entries(demo)
    assert set(after) == set(before)
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {SHEET_PART, TABLE_PART}


def test_two_appends_before_a_save_follow_on(template: Path) -> None:
    with FileBook.open(template) as book:
        book.append_rows(BANK_STATEMENT, ROWS[:1])
        book.append_rows(BANK_STATEMENT, ROWS[1:])
        book.save()
    table, ws = statement(template)
    assert table.ref == "A1:F3"
    assert ws["B3"].value == "ATM WDL"


def test_nothing_to_append_changes_nothing(demo: Path) -> None:
    before = digest(demo)
    append(demo, [])
    assert digest(demo) == before


def test_data_below_the_table_is_refused_before_anything_is_written(demo: Path) -> None:
    wb = openpyxl.load_workbook(demo)
    wb["Bank Statement"].cell(DEMO_ROWS + 2, 3, "my note")
    wb.save(demo)
    before = digest(demo)
    with FileBook.open(demo) as book, pytest.raises(BookError) as raised:
        book.append_rows(BANK_STATEMENT, ROWS)
    error = raised.value
    assert error.cell == f"C{DEMO_ROWS + 2}"
    assert error.sheet == "Bank Statement"
    assert "empty" in error.message_en
    assert "खाली" in error.message_hi
    assert digest(demo) == before


def test_a_note_beside_the_table_is_kept_and_the_row_merged(demo: Path) -> None:
    wb = openpyxl.load_workbook(demo)
    wb["Bank Statement"].cell(DEMO_ROWS + 1, 8, "checked")
    wb.save(demo)
    append(demo)
    _, ws = statement(demo)
    assert ws.cell(DEMO_ROWS + 1, 8).value == "checked"
    assert ws.cell(DEMO_ROWS + 1, 3).value == "N1"


def test_a_column_the_table_lacks_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "short.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Bank Statement"
    ws.append(["Deposit", "Date", "Notes", "Description", "Reference", "Withdrawal"])
    ws.append([10, dt.datetime(2026, 3, 31), "mine", "OPENING", "R0", None])
    ws.add_table(Table(displayName="BankStatement", ref="A1:F2"))
    wb.save(path)
    append(path)
    table, ws = statement(path)
    assert table.ref == "A1:F4"
    assert [c.value for c in ws[3]] == [1500.5, dt.datetime(2026, 4, 1), None, "=NEFT IN RAVI", "N1", None]
    assert ws["B3"].number_format == ws["B2"].number_format == "yyyy-mm-dd h:mm:ss"  # as the row above


def test_a_date_column_without_a_format_above_gets_dd_mm_yyyy(tmp_path: Path) -> None:
    path = tmp_path / "bare.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Bank Statement"
    ws.append(["Date", "Description", "Reference", "Withdrawal", "Deposit"])
    ws.add_table(Table(displayName="BankStatement", ref="A1:E2"))  # one blank row, no cells at all
    wb.save(path)
    append(path)
    table, ws = statement(path)
    assert table.ref == "A1:E3"
    assert ws["A2"].value == dt.datetime(2026, 4, 1)
    assert ws["A2"].number_format == ws["A3"].number_format == "dd/mm/yyyy"


def test_a_missing_table_or_a_totals_row_is_refused(tmp_path: Path, template: Path) -> None:
    with FileBook.open(template) as book, pytest.raises(BookError) as missing:
        book.append_rows(JOURNAL.__class__(**{**_fields(JOURNAL), "name": "NoSuchTable"}), ROWS)
    assert "NoSuchTable" in missing.value.message_en
    assert "NoSuchTable" in missing.value.message_hi
    path = tmp_path / "totals.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Date", "Description", "Reference", "Withdrawal", "Deposit"])
    ws.append([dt.datetime(2026, 4, 1), "X", "R", 1, None])
    ws.append(["Total", None, None, 1, None])
    table = Table(displayName="BankStatement", ref="A1:E3")
    table.totalsRowCount = 1
    ws.add_table(table)
    wb.save(path)
    with FileBook.open(path) as book, pytest.raises(BookError) as totals:
        book.append_rows(BANK_STATEMENT, ROWS)
    assert "Total" in totals.value.message_en


def _fields(spec: Any) -> dict[str, Any]:
    return {name: getattr(spec, name) for name in ("name", "sheet", "hi", "columns")}


def test_a_key_that_is_no_column_is_a_programming_error(template: Path) -> None:
    with FileBook.open(template) as book, pytest.raises(ValueError, match="Amount"):
        book.append_rows(BANK_STATEMENT, [{"Amount": 5}])


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_grown_table(demo: Path, tmp_path: Path) -> None:
    append(demo)
    outdir = tmp_path / "lo"
    profile = tmp_path / "lo-profile"
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx"]
    result = subprocess.run(
        [*command, "--outdir", str(outdir), str(demo)], capture_output=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr
    ws = openpyxl.load_workbook(outdir / "demo.xlsx")["Bank Statement"]
    assert ws.cell(DEMO_ROWS + 1, 1).value == dt.datetime(2026, 4, 1)
    assert ws.cell(DEMO_ROWS + 2, 2).value == "ATM WDL"
    assert ws.cell(DEMO_ROWS + 2, 4).value == 200


# -- the xlwings adapter (the JSON book xlwings Server builds) --------------------------------------


def remote_actions(path: Path, rows: list[dict[str, CellValue]] = ROWS) -> list[dict[str, Any]]:
    book = xw.Book(json=payload_from_xlsx(path, include=["Bank Statement"]))
    XlwingsBook(book).append_rows(BANK_STATEMENT, rows)
    actions: list[dict[str, Any]] = json.loads(json.dumps(book.json()))["actions"]
    return actions


def test_the_json_book_writes_once_below_the_demos_table_and_resizes_it(demo: Path) -> None:
    actions = remote_actions(demo)
    values = [a for a in actions if a["func"] == "setValues"]
    assert len(values) == 1
    write = values[0]
    assert (write["start_row"], write["start_column"], write["row_count"]) == (DEMO_ROWS, 0, 2)
    assert write["values"][0][:3] == ["2026-04-01", "'=NEFT IN RAVI", "N1"]  # safe_text: never a formula
    resize = [a for a in actions if a["func"] == "resizeTable"]
    assert resize == [{**resize[0], "args": [0, f"$A$1:$F${DEMO_ROWS + 2}"]}]
    formats = {a["start_column"]: a["args"][0] for a in actions if a["func"] == "setNumberFormat"}
    assert formats == {
        0: "dd/mm/yyyy",
        3: INDIAN_NUMBER_FORMAT,
        4: INDIAN_NUMBER_FORMAT,
        5: INDIAN_NUMBER_FORMAT,
    }


def test_the_json_book_fills_the_templates_blank_row_first(template: Path) -> None:
    actions = remote_actions(template)
    write = next(a for a in actions if a["func"] == "setValues")
    assert write["start_row"] == 1  # worksheet row 2, 0-based
    assert next(a for a in actions if a["func"] == "resizeTable")["args"] == [0, "$A$1:$F$3"]


def test_the_json_book_refuses_data_below_the_table(demo: Path) -> None:
    wb = openpyxl.load_workbook(demo)
    wb["Bank Statement"].cell(DEMO_ROWS + 1, 2, "my note")
    wb.save(demo)
    with pytest.raises(BookError) as raised:
        remote_actions(demo)
    assert raised.value.cell == f"B{DEMO_ROWS + 1}"


def test_trailing_blank_rows_of_the_table_are_reused_before_it_grows(tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Bank Statement"
    ws.append(["Date", "Description", "Reference", "Withdrawal", "Deposit", "Balance"])
    ws.append([dt.datetime(2026, 3, 30), "ONE", "R1", None, 5, 5])
    ws.append([dt.datetime(2026, 3, 31), "TWO", "R2", None, 5, 10])
    ws.add_table(Table(displayName="BankStatement", ref="A1:F5"))  # rows 4 and 5 left blank
    ws["H9"] = "far below, beside the table"
    wb.save(path)
    append(path, [*ROWS, ROWS[0]])
    table, ws = statement(path)
    assert table.ref == "A1:F6"
    assert [ws.cell(r, 2).value for r in range(2, 7)] == [
        "ONE",
        "TWO",
        "=NEFT IN RAVI",
        "ATM WDL",
        "=NEFT IN RAVI",
    ]
    assert ws["H9"].value == "far below, beside the table"
