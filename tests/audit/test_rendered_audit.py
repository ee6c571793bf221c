"""The audit trail's sheets as LibreOffice prints them: nothing cut, dates dd/mm/yyyy, amounts lakh-grouped.

A small clean ledger closes April and May (the Close sheet, two Audit Log entries), then a locked
April voucher is edited and ``bahi validate --write`` records it (the Audit Changes sheet lists its
recorded and new lines). The three sheets are converted to PDF and read back with ``pdftotext``.
To look at them: ``pdftoppm -r 110 -png sheets.pdf page`` on the PDF this writes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from addin.cli import main
from addin.engine.schema import AUDIT_CHANGES_SHEET, AUDIT_LOG_SHEET, CLOSE_SHEET
from tests.server.books import build_small_ledger
from tests.test_rendered_sheets import INDIAN, MINUS_AMOUNT, WESTERN, only_owned_sheets, printed_text

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The printed text of the three sheets, and the book."""
    folder = tmp_path_factory.mktemp("audit-rendered")
    path = build_small_ledger(folder / "small.xlsx")
    wb = load_workbook(path)
    ws = wb["Journal"]
    ws["C4"], ws["D5"], ws["E5"] = "5000", None, 700  # the planted mistakes corrected
    ws.append([dt.datetime(2025, 5, 3), "V4", "5000", 100, None, "Tea", "", ""])
    ws.append([dt.datetime(2025, 5, 3), "V4", "1000", None, 100, "Tea", "", ""])
    ws.tables["Journal"].ref = f"A1:H{ws.max_row}"
    wb.save(path)
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 0
    assert main(["close", str(path), "--month", "May-2025", "--write", "-q"]) == 0
    wb = load_workbook(path)
    wb["Journal"]["D6"], wb["Journal"]["E7"] = 123456, 123456  # V3 (03/04/2025, closed): 1,200 -> 1,23,456
    wb.save(path)
    assert main(["validate", str(path), "--write", "-q"]) == 1
    owned = (CLOSE_SHEET, AUDIT_LOG_SHEET, AUDIT_CHANGES_SHEET)
    text = printed_text(only_owned_sheets(path, folder / "sheets.xlsx", owned))
    return text, path


def test_the_close_sheet_lists_each_month_and_its_checks_whole(printed: tuple[str, Path]) -> None:
    text, _ = printed
    for month, end in (("2025-04", "30/04/2025"), ("2025-05", "31/05/2025")):
        assert re.search(rf"{month}\s+{end}\s+closed", text)
    assert text.count("not applicable") == 4  # no bank statement, no trade tables: twice each
    assert "Trial balance up to the month end" in text
    assert "Parties tie to the control accounts" in text


def printed_whole(text: str, words: set[str]) -> bool:
    """Whether ``text`` is printed whole, wrapped into consecutive pieces that are each a printed word."""
    at = 0
    while at < len(text):
        ends = [end for end in range(len(text), at, -1) if text[at:end] in words]
        if not ends:
            return False
        at = ends[0]
    return True


def test_the_audit_log_prints_every_hash_whole(printed: tuple[str, Path]) -> None:
    text, path = printed
    log = list(load_workbook(path)[AUDIT_LOG_SHEET].iter_rows(min_row=3, max_row=5, values_only=True))
    assert [row[0] for row in log] == [1, 2, 3]
    words = set(text.split())
    for row in log:
        for digest in row[12:16]:
            assert printed_whole(digest or "", words), digest
    assert "30/04/2025" in text  # entry 2 was recorded with April closed


def test_the_changed_voucher_prints_with_lakh_grouped_dr_and_cr_and_its_dates(
    printed: tuple[str, Path],
) -> None:
    text, _ = printed
    changes = text[text.index("Audit changes") :]
    assert INDIAN.search(changes)
    assert re.search(r"old / पुराना\s+6\s+03/04/2025\s+5000\s+1,200\.00", changes)
    assert re.search(r"new / नया\s+6\s+03/04/2025\s+5000\s+1,23,456\.00", changes)
    assert not WESTERN.findall(text)
    assert not MINUS_AMOUNT.findall(text)
    assert "###" not in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # no ISO dates (the months are 2025-04)
