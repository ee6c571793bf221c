"""What Bahi relies on in xlwings' JSON book, pinned: if an xlwings release changes any of it, these
fail (and :mod:`addin.server.remote_book` is the one place to change)."""

from __future__ import annotations

import pytest
import xlwings as xw

from addin.server.remote_book import discard_queued_actions, queue_alert, selected_range, sheet_payloads
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH


@pytest.fixture
def book() -> xw.Book:
    return xw.Book(json=payload_from_xlsx(DEMO_PATH, include=["Accounts", "Journal"], active_sheet="Journal"))


def test_book_json_is_the_books_own_record_of_queued_actions(book: xw.Book) -> None:
    book.sheets["Journal"].range("A1").value = "x"
    assert book.json() is book.json()  # the same dict every time, not a copy
    assert len(book.json()["actions"]) == 1
    discard_queued_actions(book)
    assert book.json() == {"actions": []}
    book.sheets["Journal"].range("A2").value = "y"  # and the book queues again after
    assert len(book.json()["actions"]) == 1


def test_the_selection_is_a_range_and_nothing_selected_has_no_address() -> None:
    payload = payload_from_xlsx(DEMO_PATH, include=["Journal"], active_sheet="Journal", selection="C3")
    selected = selected_range(xw.Book(json=payload))
    assert selected is not None
    assert (selected.sheet.name, selected.row, selected.column) == ("Journal", 3, 3)
    payload["book"]["selection"] = None  # a shape or chart selected
    nothing = xw.Book(json=payload)
    assert nothing.selection is not None  # xlwings still gives a Range ...
    assert nothing.selection.address is None  # ... without an address
    assert selected_range(nothing) is None


def test_sheet_api_is_the_sheets_dict_in_the_payload(book: xw.Book) -> None:
    payloads = sheet_payloads(book)
    assert [p["name"] for p in payloads] == [s.name for s in book.sheets]
    journal = next(p for p in payloads if p["name"] == "Journal")
    journal["used_range_address"] = "A1:B2"
    journal["tables"] = []
    assert book.sheets["Journal"].api["used_range_address"] == "A1:B2"  # what xlwings reads
    assert book.sheets["Journal"].tables.count == 0


def test_app_alert_goes_to_the_active_book_and_queue_alert_to_the_callers_own() -> None:
    first = xw.Book(json=payload_from_xlsx(DEMO_PATH, include=["Settings"]))
    second = xw.Book(json=payload_from_xlsx(DEMO_PATH, include=["Settings"]))  # now the active one
    first.app.alert("from the first", title="Bahi", buttons="ok", mode="info")
    assert first.json()["actions"] == []  # xlwings queues it on whichever book is active ...
    (theirs,) = second.json()["actions"]
    queue_alert(first, "from the first", "Bahi", mode="info")
    assert first.json()["actions"] == [theirs]  # ... queue_alert on the caller's, the same action
    assert len(second.json()["actions"]) == 1


def test_the_selection_is_the_callers_own_whichever_book_another_request_made_active() -> None:
    first = xw.Book(
        json=payload_from_xlsx(DEMO_PATH, include=["Journal"], active_sheet="Journal", selection="C3")
    )
    second = xw.Book(  # opened later, so now app.books.active: Book.selection would read this one's
        json=payload_from_xlsx(DEMO_PATH, include=["Accounts"], active_sheet="Accounts", selection="A5")
    )
    assert (first.selection.sheet.name, first.selection.row) == ("Accounts", 5)  # xlwings' hazard
    selected = selected_range(first)
    assert selected is not None
    assert (selected.sheet.name, selected.row, selected.column) == ("Journal", 3, 3)
    theirs = selected_range(second)
    assert theirs is not None
    assert (theirs.sheet.name, theirs.row) == ("Accounts", 5)
