"""The sheets Bahi writes, as LibreOffice prints them: Dr/Cr columns, lakh grouping, no minus.

The demo book gets every owned sheet (``bahi demo``'s Issues and Trial Balance, then the Bank
Reconciliation and its log, a Day Book and an Account Statement) through the file adapter; the
user's sheets are hidden, LibreOffice converts the rest to PDF and ``pdftotext`` reads it back.
To look at the pages yourself: ``pdftoppm -r 110 -png sheets.pdf page`` on the PDF this writes.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from addin.books.file_book import FileBook
from addin.engine.schema import DAY_BOOK_SHEET, OWNED_SHEETS, STATEMENT_SHEET
from addin.macros.ledger_macros import day_book_of, statement_of, trial_balance_of, validate_book
from addin.macros.reconcile import reconcile_book
from tests.rendering import only_sheets, pdf_text, print_pdf
from workbook_templates.build import DEMO_PATH

pytestmark = pytest.mark.libreoffice

WESTERN = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3}){2,}\.\d{2}\b")  # 1,234,567.89: grouped by thousands
INDIAN = re.compile(r"(?<![\d,])\d{1,2}(?:,\d{2})+,\d{3}\.\d{2}\b")  # 12,34,567.89
MINUS_AMOUNT = re.compile(r"-\s?\d[\d,]*\.\d{2}\b")


def only_owned_sheets(source: Path, target: Path, owned: tuple[str, ...] = OWNED_SHEETS) -> Path:
    """A copy of the book with every sheet Bahi does not own (or not among ``owned``) hidden, and the
    very hidden ones left so (LibreOffice prints none of them)."""
    return only_sheets(source, target, owned)


def printed_text(printed: Path) -> str:
    """The text LibreOffice prints for ``printed`` (its PDF written beside it), as ``pdftotext -layout``
    reads it: pages separated by form feeds."""
    return pdf_text(print_pdf(printed, printed.parent))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The text of the printed owned sheets, page by page, by the title of the page's sheet."""
    folder = tmp_path_factory.mktemp("rendered")
    book_path = folder / "demo.xlsx"
    with FileBook.open(DEMO_PATH) as book:
        validate_book(book, write=True)
        trial_balance_of(book, write=True)
        book.save_as(book_path)
    with FileBook.open(book_path) as book:
        reconcile_book(book, write=True)
        day_book_of(book, write=True, start=dt.date(2026, 3, 25))
        statement_of(book, "Capital Account", write=True)
        book.save()
    text = pdf_text(print_pdf(only_owned_sheets(book_path, folder / "sheets.xlsx"), folder))
    by_sheet: dict[str, str] = {}
    for page in text.split("\f"):
        title = next((t for t in TITLES if t in page), "other")
        by_sheet[title] = by_sheet.get(title, "") + page
    return by_sheet


TITLES = (
    "Trial Balance / तलपट",
    "Day Book / दैनिक बही",
    "Account Statement / खाता विवरण",
    "Bank Reconciliation Statement",
    "Fatal / घातक:",  # the Issues sheet's counts
    "Unmatched",  # the Reconciliation Log's headings
)
REPORTS = TITLES[:4]


def test_every_owned_sheet_prints(pages: dict[str, str]) -> None:
    assert set(TITLES) <= set(pages)


@pytest.mark.parametrize("title", REPORTS)
def test_amounts_are_lakh_grouped_never_western_never_with_a_minus(pages: dict[str, str], title: str) -> None:
    page = pages[title]
    assert INDIAN.search(page), f"no lakh-grouped amount on the {title} pages"
    assert not WESTERN.findall(page)
    assert not MINUS_AMOUNT.findall(page)
    assert "###" not in page


def test_the_trial_balance_has_dr_and_cr_columns_and_credit_balances_read_as_cr(
    pages: dict[str, str],
) -> None:
    page = pages["Trial Balance / तलपट"]
    for heading in ("Opening Dr", "Opening Cr", "Closing Dr", "Closing Cr", "Suspense (unposted lines)"):
        assert heading in page
    assert "39,11,683.67" in page  # Liabilities, a credit balance LibreOffice once showed as 3,911,683.67


def test_running_balances_carry_their_side(pages: dict[str, str]) -> None:
    statement = pages["Account Statement / खाता विवरण"]
    assert re.search(r"28,72,990\.50\s+Cr", statement)  # the capital account's opening balance
    assert "Grand total" in pages["Day Book / दैनिक बही"]


def test_the_issues_sheet_shows_values_as_typed_without_a_quote_mark(pages: dict[str, str]) -> None:
    issues = pages["Fatal / घातक:"]
    assert "-320.00" in issues
    assert "'-320.00" not in issues
    assert "Found by" in issues


def test_narrations_wrap_so_the_printed_day_book_and_account_statement_cut_none(tmp_path: Path) -> None:
    """April's bank statement and the first days' sales: narrations such as "… self cheque 000451" and
    "… inv SGT/25-26/0001" were cut at the column's edge; their rows now grow to hold them whole.
    (LibreOffice leaves a cut cell's hidden text out of the PDF, so the text read back shows it.)"""
    path = tmp_path / "demo.xlsx"
    with FileBook.open(DEMO_PATH) as book:
        day_book_of(book, write=True, start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 3))
        statement_of(book, "1120", write=True, start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 30))
        book.save_as(path)
    shown = only_owned_sheets(path, tmp_path / "sheets.xlsx", (DAY_BOOK_SHEET, STATEMENT_SHEET))
    raw = subprocess.run(
        ["pdftotext", "-raw", print_pdf(shown, tmp_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = re.sub(r"\s+", "", raw)  # a wrapped cell's lines follow each other
    for sheet, column in ((DAY_BOOK_SHEET, 4), (STATEMENT_SHEET, 3)):
        rows = openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(min_row=4, values_only=True)
        narrations = Counter(re.sub(r"\s+", "", str(r[column])) for r in rows if r[column:] and r[column])
        assert narrations.total() > 30
        assert [n for n, times in sorted(narrations.items()) if squeezed.count(n) < times] == []


def test_dates_are_day_month_year(pages: dict[str, str]) -> None:
    assert "31/03/2026" in pages["Day Book / दैनिक बही"]
    assert not re.search(r"\b\d{2}-\d{2}-\d{4}\b", "".join(pages.values()))
