"""The statements, the budget and the dashboard as LibreOffice prints them from the demo book.

The demo book gets ``bahi statements --compare last-year --write`` (2024-25 is before its books
begin: no comparative column) and ``bahi budget --as-of 31/10/2025 --write`` through the file
adapter; every other sheet is hidden, LibreOffice converts the five to PDF and ``pdftotext`` reads
them back: amounts lakh-grouped, negatives in brackets and never with a minus, dd/mm/yyyy, and the
dashboard's three charts drawn (their titles and axis labels are text on the page only when
LibreOffice draws the charts).

The reference renders in tests/golden/renders/ (the README shows them) are these pages at 72 dpi;
write them again with ``BAHI_WRITE_RENDERS=1 .venv/bin/python -m pytest tests/test_rendered_statements.py``
and look at them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest

from addin.books.file_book import FileBook
from addin.engine.schema import (
    BALANCE_SHEET_SHEET,
    BUDGET_VS_ACTUAL_SHEET,
    CASH_FLOW_SHEET,
    DASHBOARD_SHEET,
    PROFIT_AND_LOSS_SHEET,
)
from addin.macros.statements import budget_of, statements_of
from tests.rendering import only_sheets, pdf_text, print_pdf
from tests.test_rendered_sheets import INDIAN, MINUS_AMOUNT, WESTERN
from workbook_templates.build import DEMO_PATH

pytestmark = pytest.mark.libreoffice

RENDERS = Path(__file__).parent / "golden" / "renders"
SHEETS = {
    PROFIT_AND_LOSS_SHEET: "profit-and-loss",
    BALANCE_SHEET_SHEET: "balance-sheet",
    CASH_FLOW_SHEET: "cash-flow",
    DASHBOARD_SHEET: "dashboard",
    BUDGET_VS_ACTUAL_SHEET: "budget-vs-actual",
}
TITLES = {
    PROFIT_AND_LOSS_SHEET: "Statement of Profit and Loss / लाभ और हानि विवरण",
    BALANCE_SHEET_SHEET: "Balance Sheet / तुलन पत्र",
    CASH_FLOW_SHEET: "Cash Flow Statement / नकद प्रवाह विवरण",
    DASHBOARD_SHEET: "Dashboard / डैशबोर्ड",
    BUDGET_VS_ACTUAL_SHEET: "Budget vs Actual / बजट बनाम वास्तविक",
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The printed text of each sheet; with BAHI_WRITE_RENDERS=1, its first page as a reference PNG."""
    folder = tmp_path_factory.mktemp("statements")
    book = folder / "demo.xlsx"
    with FileBook.open(DEMO_PATH) as demo:
        statements_of(demo, write=True, compare=("last-year",))
        budget_of(demo, write=True, as_of=dt.date(2025, 10, 31))
        demo.save_as(book)
    pdf = print_pdf(only_sheets(book, folder / "statements.xlsx", SHEETS), folder)
    text = pdf_text(pdf)
    texts: dict[str, str] = {}
    for number, page in enumerate(text.split("\f"), start=1):
        sheet = next((s for s, title in TITLES.items() if title in page), None)
        if sheet is None:
            continue
        if sheet not in texts and os.environ.get("BAHI_WRITE_RENDERS") == "1":
            RENDERS.mkdir(parents=True, exist_ok=True)
            first = str(number)
            png = str(RENDERS / SHEETS[sheet])
            command = ["pdftoppm", "-r", "72", "-f", first, "-l", first, "-singlefile", "-png", str(pdf), png]
            subprocess.run(command, check=True)
        texts[sheet] = texts.get(sheet, "") + page
    return texts


@pytest.mark.parametrize("sheet", list(SHEETS))
def test_each_sheet_prints_lakh_grouped_with_brackets_never_a_minus(
    pages: dict[str, str], sheet: str
) -> None:
    page = pages[sheet]
    assert TITLES[sheet] in page
    assert INDIAN.search(page), f"no lakh-grouped amount on the {sheet} pages"
    assert not WESTERN.findall(page)
    assert not MINUS_AMOUNT.findall(page)
    assert "###" not in page


def test_negative_amounts_are_in_brackets(pages: dict[str, str]) -> None:
    assert "(1,86,250.00)" in pages[PROFIT_AND_LOSS_SHEET]  # changes in inventories (stock went up)
    assert "4,720.00" not in pages[PROFIT_AND_LOSS_SHEET]  # 2024-25, before the books: no column of strays
    assert "(4,80,000.00)" in pages[BALANCE_SHEET_SHEET]  # less: drawings
    assert "(34,90,544.23)" in pages[CASH_FLOW_SHEET]  # increase in trade receivables


def test_the_statements_agree_with_each_other(pages: dict[str, str]) -> None:
    assert "60,98,311.14" in pages[PROFIT_AND_LOSS_SHEET]
    assert re.search(r"TOTAL\s+कुल\s+1,23,96,084\.82", pages[BALANCE_SHEET_SHEET])  # suspense 1,180 in
    assert "62,55,281.93" in pages[CASH_FLOW_SHEET]  # closing cash ...
    assert "62,55,281.93" in pages[BALANCE_SHEET_SHEET]  # ... is the Balance Sheet's


def test_the_dashboard_draws_its_three_charts(pages: dict[str, str]) -> None:
    page = pages[DASHBOARD_SHEET]
    for title in (
        "Revenue, expenses and profit",
        "Largest expenses, 2025-26",
        "Trade receivables at month end",
    ):
        assert title in page
    assert re.search(r"50,00,000\s", page)  # a value axis label, lakh-grouped


def test_the_budget_colours_and_dates(pages: dict[str, str]) -> None:
    page = pages[BUDGET_VS_ACTUAL_SHEET]
    assert "year to date up to 31/10/2025" in page
    assert "Adverse / प्रतिकूल" in page
    assert not re.search(r"\b\d{2}-\d{2}-\d{4}\b", "".join(pages.values()))


def test_the_reference_renders_are_there_and_small() -> None:
    for name in SHEETS.values():
        png = RENDERS / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size < 150_000
