"""The GST Summary and GSTR-2B Reconciliation sheets as LibreOffice prints them: lakh grouping, no
minus, the form's table numbers, which side has more ITC in words.

The trading demo gets both sheets through the file adapter (the 2B: the demo's March purchases with
planted differences, :func:`tests.engine.gstr2b_cases.reported`); the user's sheets are hidden as in
:mod:`tests.test_rendered_sheets`. To look at the pages: ``pdftoppm -r 110 -png sheets.pdf page``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from addin.books.file_book import FileBook
from addin.macros.gst_returns import _trade_book, gst_returns_book, gstr2b_book
from addin.macros.run import no_progress
from tests.engine.gstr2b_cases import portal_excel, reported
from tests.test_rendered_sheets import INDIAN, MINUS_AMOUNT, WESTERN, only_owned_sheets
from workbook_templates.trading import TRADING_DEMO_PATH

pytestmark = pytest.mark.libreoffice

SUMMARY = "GST Summary / जीएसटी सारांश"
RECONCILIATION = "GSTR-2B Reconciliation / जीएसटीआर-2बी मिलान"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The printed text of each of the two sheets."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.fail("LibreOffice and poppler-utils are needed (installed by make test: .ci/system-deps)")
    folder = tmp_path_factory.mktemp("gst-rendered")
    path = Path(shutil.copyfile(TRADING_DEMO_PATH, folder / "demo.xlsx"))
    with FileBook.open(path) as book:
        trade, _, _ = _trade_book(book, no_progress)
        assert trade is not None
        data = portal_excel(reported(trade.purchases.documents, trade.purchases.lines, "2026-03"))
        gst_returns_book(book, write=True)
        gstr2b_book(book, write=True, data=data, filename="GSTR2B.xlsx")
        book.save()
    printed = only_owned_sheets(path, folder / "sheets.xlsx")
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(folder), str(printed)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        [pdftotext, "-layout", str(folder / "sheets.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    by_sheet: dict[str, str] = {}
    for page in text.split("\f"):
        title = next((t for t in (SUMMARY, RECONCILIATION) if t in page), "other")
        by_sheet[title] = by_sheet.get(title, "") + page
    return by_sheet


@pytest.mark.parametrize("title", [SUMMARY, RECONCILIATION])
def test_amounts_are_lakh_grouped_never_western_never_with_a_minus(pages: dict[str, str], title: str) -> None:
    page = pages[title]
    assert INDIAN.search(page), f"no lakh-grouped amount on the {title} pages"
    assert not WESTERN.findall(page)
    assert not MINUS_AMOUNT.findall(page)
    assert "###" not in page


def test_the_summary_names_the_forms_tables_and_the_tax_payable_in_cash(pages: dict[str, str]) -> None:
    page = pages[SUMMARY]
    for table in ("4A, 4B", "3.1 (a)", "4 (A)(5)", "4 (C)", "Documents issued (table 13)"):
        assert table in page
    assert "25,52,095.38" in page  # the B2B invoices' taxable value
    assert "Payable in cash (Cr)" in page
    assert "Invoices for outward supply" in page  # table 13's kind, once cut to "Invoices for outward"


def test_the_reconciliation_puts_what_needs_work_first_and_says_where_itc_is_more(
    pages: dict[str, str],
) -> None:
    page = pages[RECONCILIATION]
    assert page.index("Mismatched / अंतर") < page.index("Matched / मेल")
    assert "46,097.38" in page  # AW/4639's ITC, in the books only
    assert "Books / बही" in page
    assert "B2B row" in page  # where in the download each 2B line is
