"""The audit trail's sheets, golden: a small ledger closes April, a locked April voucher is edited, and
``bahi validate --write`` records it — the Close, Audit Log and Audit Changes sheets cell by cell.

The clock and the user are fixed (30/06/2025 10:00:00 +05:30, asha), so the Audit Log's hashes are
fixed too: they are the record's format. A change to what an entry or the Journal hash covers makes
every book's recorded chain unreadable — it needs a new format tag
(:data:`~addin.engine.audit.fingerprint.FORMAT`), never an edit of these values. The Audit Changes
sheet is also written through the JSON book (Excel), from the same workbook, cell for cell alike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin.books.xlwings_book import XlwingsBook
from addin.cli import main
from addin.engine.schema import AUDIT_CHANGES_SHEET, AUDIT_LOG_SHEET, CLOSE_SHEET
from addin.macros import audit, close
from addin.macros.audit import recording
from addin.macros.ledger_macros import validate_book
from addin.scripts import LEDGER_SHEETS
from tests.audit.test_audit_trail import _balanced_small_ledger
from tests.officejs import payload_from_xlsx
from tests.server.test_same_outcome import written_values

NOW = "30/06/2025 10:00:00 +05:30"
ORIGINAL = "small-original.xlsx"


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small ledger closed for April by asha, then V3 (03/04/2025) edited: 1,200 -> 1,23,456."""
    for module in (audit, close):
        monkeypatch.setattr(module, "now_text", lambda moment=None: NOW)
    monkeypatch.setenv("LOGNAME", "asha")
    path = _balanced_small_ledger(tmp_path)
    assert main(["close", str(path), "--month", "2025-04", "--write", "-q"]) == 0
    wb = load_workbook(path)
    wb["Journal"]["D6"], wb["Journal"]["E7"] = 123456, 123456
    wb.save(path)
    wb.save(tmp_path / ORIGINAL)  # as the user left it, before the next run
    assert main(["validate", str(path), "--write", "-q"]) == 1
    return path


def rows(path: Path, sheet: str) -> list[list[Any]]:
    """The sheet's rows, trailing blanks dropped (a blank row as [])."""
    found = []
    for row in load_workbook(path)[sheet].iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] in (None, ""):
            values.pop()
        found.append(values)
    return found


CHECKS = [
    ["Every check of the books / बही की हर जाँच", "passed / ठीक", "no errors / कोई त्रुटि नहीं"],
    ["Trial balance up to the month end / माह अंत तक तलपट", "passed / ठीक", "agrees / मिलता है"],
    ["Bank reconciliation at the month end / माह अंत पर बैंक मिलान", "not applicable / लागू नहीं",
     "no bank statement or bank account / बैंक विवरण या खाता नहीं"],
    ["Parties tie to the control accounts / पक्ष नियंत्रण खातों से मिलते हैं", "not applicable / लागू नहीं",
     "no trade tables / व्यापार तालिकाएँ नहीं"],
]  # fmt: skip


def test_the_close_sheet_golden(book: Path) -> None:
    assert rows(book, CLOSE_SHEET) == [
        ["Test Traders — Month-end close / माह-अंत बंदी: months closed lock the books up to their end (the "
         "later of this and Settings' Lock Date applies)"],
        ["Month / माह", "Period end / अवधि अंत", "Status / स्थिति", "Time / समय", "By / द्वारा", "Check / जाँच",
         "Result / परिणाम", "Detail / विवरण"],
        ["2025-04", "30/04/2025", "closed / बंद", NOW, "asha"],
        *([None] * 5 + check for check in CHECKS),
    ]  # fmt: skip


STATE_1 = "6f0c98a59ccbb6c295a9318eb654702e245bf40153cdd41d01a7a24427207c2c"
RECORD_1 = "072a47969bb11f2376d95534c51637ac91eb502a3387f11104b97f813967e877"
ENTRY_1 = "adc255de8c85f28ebab2a8837ba4566f8bb05f0c8fcec19a86a5d1987ddad7c3"
STATE_2 = "ec125cc67e230111d345a7787f687ca8ce6eb34fa7f0ec96a746d3916e5aaf2a"
RECORD_2 = "80efc880eed5d47bbc9abe60b0c825eb0efd96fc745589dea030b34d49d03a82"
ENTRY_2 = "5947beb88c384fb223a8b50b02279040ee141c849c5b59be8b0d03a20d6b2550"


def test_the_audit_log_golden(book: Path) -> None:
    assert rows(book, AUDIT_LOG_SHEET) == [
        ["Test Traders — Audit Log / ऑडिट लॉग: every run that wrote to this book, each entry chained to the "
         "one before. Do not edit; check it with: bahi audit BOOK"],
        ["# / क्रम", "Time / समय", "User / उपयोगकर्ता", "Command / आदेश", "Mode / विधि", "Locked to / लॉक तिथि",
         "Vouchers / वाउचर", "Lines / पंक्तियाँ", "Added / जोड़े", "Edited / बदले", "Deleted / हटाए",
         "Locked, not as recorded / लॉक में अलग", "Journal hash / जर्नल हैश", "Record hash / रिकॉर्ड हैश",
         "Previous hash / पिछला हैश", "Entry hash / प्रविष्टि हैश"],
        # entry 1: recorded as April closes (April still open while it is checked)
        [1, NOW, "asha", "bahi close small.xlsx --month 2025-04 --write -q", "sha256", "", 4, 8, 0, 0, 0, 0,
         STATE_1, RECORD_1, "", ENTRY_1],
        # entry 2: one voucher edited, and it stands in the locked period
        [2, NOW, "asha", "bahi validate small.xlsx --write -q", "sha256", "30/04/2025", 4, 8, 0, 1, 0, 1,
         STATE_2, RECORD_2, ENTRY_1, ENTRY_2],
        [],
        ["Changes found by entry 2 since entry 1: 0 added, 1 edited, 0 deleted vouchers / प्रविष्टि 2 में "
         "प्रविष्टि 1 के बाद बदलाव: 0 जोड़े, 1 बदले, 0 हटाए वाउचर"],
        ["Locked up to 30/04/2025, not as recorded: 1 voucher(s) — put back the recorded lines, or have the "
         "period reopened / 30/04/2025 तक लॉक, दर्ज से अलग: 1 वाउचर — दर्ज पंक्तियाँ वापस लिखें, या अवधि खुलवाएँ"],
        ["Lines: the Audit Changes sheet / पंक्तियाँ: Audit Changes शीट"],
    ]  # fmt: skip


APRIL_3 = dt.datetime(2025, 4, 3)
CHANGES = [
    ["Test Traders — Audit changes / ऑडिट बदलाव — entry 2 / प्रविष्टि 2 (30/06/2025 10:00:00 +05:30, asha)"],
    ["Change / बदलाव", "Voucher / वाउचर", "Old or new / पुराना या नया", "Row / पंक्ति", "Date / दिनांक",
     "Account / खाता", "Debit / नामे", "Credit / जमा", "Narration / विवरण", "Party / पक्ष", "Reference / संदर्भ"],
    ["Changes found by entry 2 since entry 1: 0 added, 1 edited, 0 deleted vouchers / प्रविष्टि 2 में "
     "प्रविष्टि 1 के बाद बदलाव: 0 जोड़े, 1 बदले, 0 हटाए वाउचर"],
    ["Edited / बदला", "V3", "old / पुराना", 6, APRIL_3, "5000", 1200, None, "Rent"],
    ["Edited / बदला", "V3", "old / पुराना", 7, APRIL_3, "1100", None, 1200, "Rent"],
    ["Edited / बदला", "V3", "new / नया", 6, APRIL_3, "5000", 123456, None, "Rent"],
    ["Edited / बदला", "V3", "new / नया", 7, APRIL_3, "1100", None, 123456, "Rent"],
    [],
    ["Locked up to 30/04/2025, not as recorded: 1 voucher(s) (1 listed above) — put back the recorded lines, "
     "or have the period reopened / 30/04/2025 तक लॉक, दर्ज से अलग: 1 वाउचर (1 ऊपर सूचीबद्ध) — दर्ज पंक्तियाँ "
     "वापस लिखें, या अवधि खुलवाएँ"],
]  # fmt: skip


def test_the_audit_changes_golden(book: Path) -> None:
    assert rows(book, AUDIT_CHANGES_SHEET) == CHANGES


def test_excel_writes_the_same_audit_changes(book: Path) -> None:
    payload = payload_from_xlsx(book.parent / ORIGINAL, include=LEDGER_SHEETS)
    workbook = xw.Book(json=payload)
    with recording("bahi validate small.xlsx --write -q", "asha"):
        assert validate_book(XlwingsBook(workbook), write=True).has_errors
    actions = workbook.json()["actions"]
    at = [s["name"] for s in payload["sheets"]].index(AUDIT_CHANGES_SHEET)  # written by the close
    from_excel = written_values(actions, at)
    from_file = {
        f"{chr(ord('A') + c)}{r + 1}": value
        for r, row in enumerate(CHANGES)
        for c, value in enumerate(row)
        if value not in (None, "")
    }
    assert from_excel.keys() == from_file.keys()
    for address, value in from_file.items():
        shown = str(from_excel[address]).removeprefix("'")
        expected = value.date().isoformat() if isinstance(value, dt.datetime) else str(value)
        assert shown.startswith(expected), (address, from_excel[address], value)
