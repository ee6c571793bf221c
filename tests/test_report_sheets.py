"""The report sheets, golden: a small ledger written inline → the cells of its Trial Balance, Day Book
and Account Statement, the same through the file adapter (``bahi``) and the JSON book (Excel).

The ledger (tests/server/books.py) has an unknown account (Journal!C4, 700.00 debit), so the trial
balance carries a suspense row and the day book a line marked as not posted.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin.books.base import Workbook
from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.money import INR_FORMAT
from addin.engine.schema import DAY_BOOK_SHEET, STATEMENT_SHEET, TRIAL_BALANCE_SHEET
from addin.macros.ledger_macros import day_book_of, statement_of, trial_balance_of
from addin.macros.run import RunResult
from tests.officejs import payload_from_xlsx
from tests.server.books import build_small_ledger
from tests.server.test_same_outcome import written_values

Macro = Callable[[Workbook], RunResult]
REPORTS: dict[str, Macro] = {
    TRIAL_BALANCE_SHEET: lambda book: trial_balance_of(book, write=True),
    DAY_BOOK_SHEET: lambda book: day_book_of(book, write=True),
    STATEMENT_SHEET: lambda book: statement_of(book, "Cash", write=True),
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return build_small_ledger(tmp_path_factory.mktemp("ledger") / "small.xlsx")


def through_the_file(path: pathlib.Path, sheet: str, tmp: pathlib.Path) -> dict[str, Any]:
    out = tmp / f"{sheet}.xlsx"
    with FileBook.open(path) as book:
        REPORTS[sheet](book)
        book.save_as(out)
    ws = load_workbook(out)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in ("", None)}


def through_excel(path: pathlib.Path, sheet: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    book = xw.Book(json=payload_from_xlsx(path, include=["Accounts", "Journal", "Settings", "Issues"]))
    REPORTS[sheet](XlwingsBook(book))
    actions = book.json()["actions"]
    at = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == sheet)
    cells = written_values(actions, at)
    return cells, [a for a in actions if a["sheet_position"] == at]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 1e-9
    if str(b).startswith("'"):  # safe_text: Excel reads the quote as "text", not as part of it
        return str(a) == str(b)[1:]
    return str(a)[:10] == str(b)[:10]  # a date: a datetime from openpyxl, "2025-04-01" from Excel's JSON


@pytest.mark.parametrize("sheet", list(REPORTS))
def test_both_adapters_write_the_same_cells(ledger: pathlib.Path, tmp_path: pathlib.Path, sheet: str) -> None:
    from_file = through_the_file(ledger, sheet, tmp_path)
    from_excel, _ = through_excel(ledger, sheet)
    assert from_file.keys() == from_excel.keys()
    assert all(_same(from_file[k], from_excel[k]) for k in from_file), [
        (k, from_file[k], from_excel[k]) for k in from_file if not _same(from_file[k], from_excel[k])
    ]


def test_the_trial_balance_golden(ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    cells = through_the_file(ledger, TRIAL_BALANCE_SHEET, tmp_path)
    rows: dict[int, list[Any]] = {}
    for address, value in cells.items():
        row = int("".join(ch for ch in address if ch.isdigit()))
        rows.setdefault(row, [None] * 9)[ord(address[0]) - ord("A")] = value
    assert rows[1][0] == (
        "Test Traders — Trial Balance / तलपट — FY 2025-26 / वित्त वर्ष 2025-26"
        " — 01/04/2025 to 31/03/2026 / 01/04/2025 से 31/03/2026 तक"
    )
    assert rows[3] == ["1000", "Cash", "Asset / परिसंपत्ति", 10000, None, 5000, None, 15000, None]
    assert rows[5] == ["3000", "Capital", "Equity / पूंजी", None, 10000, None, None, None, 10000]
    assert rows[8] == [
        None,
        "Suspense (unposted lines) / उचंत (अदर्ज पंक्तियाँ)",
        None,
        *[None] * 2,
        700,
        None,
        700,
        None,
    ]
    assert str(rows[9][1]).startswith("Difference in books: vouchers that do not balance (see Issues) / ")
    assert rows[9][3:] == [None, None, None, 700, None, 700]  # on the lighter side, so the totals tie
    assert rows[10] == [None, "Total / योग", None, 10000, 10000, 6900, 6900, 16900, 16900]
    assert rows[11][0] == (
        "Does not balance: the accounts' Dr exceed their Cr by ₹ 700.00, shown on the difference row so the "
        "totals tie."
    )
    assert str(rows[12][0]).startswith("Vouchers that do not balance: ")


def test_the_sheets_are_formatted_and_printed_alike_by_excel(ledger: pathlib.Path) -> None:
    _, actions = through_excel(ledger, TRIAL_BALANCE_SHEET)
    formats = {a["start_column"]: a["args"][0] for a in actions if a["func"] == "setNumberFormat"}
    assert formats == dict.fromkeys(range(3, 9), INR_FORMAT)
    (setup,) = [a["args"][0] for a in actions if a["func"] == "bahiPageSetup"]
    assert setup == {"orientation": "landscape", "fitToWidth": 1, "printTitleRows": "$1:$2"}
    wrapped = [a for a in actions if a["func"] == "setWrapText"]
    assert [(a["start_row"], a["row_count"]) for a in wrapped] == [(1, 1)]  # the headings row


def test_the_file_is_printed_landscape_one_page_wide_with_its_headings_repeated(
    ledger: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    through_the_file(ledger, DAY_BOOK_SHEET, tmp_path)
    ws = load_workbook(tmp_path / f"{DAY_BOOK_SHEET}.xlsx")[DAY_BOOK_SHEET]
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$2"
    assert ws["A3"].number_format == "dd/mm/yyyy"
    assert ws["B2"].alignment.wrap_text  # "Voucher / वाउचर" wraps, never cut
