"""Each macro owns its rows of the Issues sheet: Reconcile never hides what Validate found.

Issue 8 §3: ``reconcile --write`` once replaced the Issues sheet with its own shorter list (13
errors became 1, and the unbalanced voucher looked fixed). Now each source replaces only its own
rows, through both adapters.
"""

from __future__ import annotations

import pathlib
import shutil
from typing import Any

import pytest
import xlwings as xw

from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.schema import ISSUES_SHEET, RECONCILIATION_LOG_SHEET
from addin.macros.ledger_macros import validate_book
from addin.macros.reconcile import reconcile_book
from addin.macros.sheets import RECONCILE, VALIDATE, listed_issues
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_MISTAKES, DEMO_PATH

RECONCILE_SHEETS = [
    "Accounts",
    "Journal",
    "Settings",
    "Bank Statement",
    "Match Rules",
    RECONCILIATION_LOG_SHEET,
]


@pytest.fixture
def validated(tmp_path: pathlib.Path) -> pathlib.Path:
    """The demo after ``bahi validate --write``."""
    path = tmp_path / "demo.xlsx"
    shutil.copy(DEMO_PATH, path)
    with FileBook.open(path) as book:
        validate_book(book, write=True)
        book.save()
    return path


def validate_errors(rows: Any) -> list[tuple[str, str]]:
    return [(x.issue.rule, x.issue.cell) for x in listed_issues(rows) if x.source == VALIDATE]


def test_validate_lists_every_planted_mistake(validated: pathlib.Path) -> None:
    with FileBook.open(validated) as book:
        found = validate_errors(book.read_sheet(ISSUES_SHEET))
    assert sorted(found) == sorted((rule, cell) for rule, _, cell in DEMO_MISTAKES)


def test_reconcile_write_keeps_validates_issues_in_the_file(validated: pathlib.Path) -> None:
    with FileBook.open(validated) as book:
        before = validate_errors(book.read_sheet(ISSUES_SHEET))
        result = reconcile_book(book, write=True)
        assert ISSUES_SHEET in result.written
        book.save()
    with FileBook.open(validated) as book:
        after = book.read_sheet(ISSUES_SHEET)
    assert len(before) >= 13
    assert validate_errors(after) == before
    assert str(after[0][0]).startswith("Fatal / घातक: 0 · Error / त्रुटि: 15")
    # the highlights stay too: the unbalanced voucher is still red after reconciling
    with FileBook.open(validated) as book:
        journal = book.package.sheet("Journal")
        assert journal is not None
        assert "B1199" in book._scan(journal.part).tail.decode()


def test_reconcile_in_excel_keeps_validates_issues(validated: pathlib.Path) -> None:
    book = xw.Book(json=payload_from_xlsx(validated, include=[*RECONCILE_SHEETS, ISSUES_SHEET]))
    excel = XlwingsBook(book)
    before = validate_errors(excel.read_sheet(ISSUES_SHEET))
    reconcile_book(excel, write=True)
    after = excel.read_sheet(ISSUES_SHEET)  # what the run wrote
    assert len(before) >= 13
    assert validate_errors(after) == before
    actions = book.json()["actions"]
    issues_at = [s.name for s in book.sheets].index(ISSUES_SHEET)
    written = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == issues_at]
    assert sum(len(a["values"]) for a in written) == len(after)


def test_validate_again_replaces_only_its_own_rows(validated: pathlib.Path) -> None:
    with FileBook.open(validated) as book:
        reconcile_book(book, write=True)
        theirs = [x for x in listed_issues(book.read_sheet(ISSUES_SHEET)) if x.source == RECONCILE]
        validate_book(book, write=True)
        rows = book.read_sheet(ISSUES_SHEET)
    assert [x for x in listed_issues(rows) if x.source == RECONCILE] == theirs
    assert len(validate_errors(rows)) == len(DEMO_MISTAKES)
