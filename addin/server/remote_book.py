"""The four things Bahi asks of xlwings' JSON book (``xw.Book(json=payload)``) beyond reading and
writing cells, each in one function through xlwings' public API, each pinned by a test
(``tests/server/test_remote_book.py``) that fails loudly if an xlwings release changes it:

- :func:`discard_queued_actions`: ``Book.json()`` is the book's own record of queued actions
  (the same dict each call), so clearing its list drops them;
- :func:`selected_range`: the payload's ``book["selection"]`` is the address on its active sheet,
  None when no cell is selected (a shape or chart is); ``Book.selection`` would read it from
  ``app.books.active`` (see :func:`queue_alert` for why that is another request's book);
- :func:`sheet_payloads`: ``Sheet.api`` of the JSON book is that sheet's dict in the payload, so
  what is set in it is what xlwings reads;
- :func:`queue_alert`: ``App.alert`` queues its action on ``app.books.active``, which is one for
  the whole process: with scripts in threads (``BAHI_WORKERS=0``) another request's book may be
  the active one by then, and the alert would go out in that request's answer. So the alert is
  put in the calling book's own record (``Book.json()``), as the very action ``App.alert`` makes.

Importable without a server: scripts use it in classic desktop xlwings too.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw


def discard_queued_actions(book: xw.Book) -> None:
    """Drop the writes a failed run had queued on a JSON book, so that it changes nothing in Excel.
    A desktop book (whose writes are not queued) is left alone."""
    try:
        queued = book.json()
    except Exception:  # a desktop book: nothing is queued
        return
    actions = queued.get("actions") if isinstance(queued, dict) else None
    if isinstance(actions, list):
        actions.clear()


ALERT_ACTION_KEYS = ("values", "sheet_position", "start_row", "start_column", "row_count", "column_count")
"""The keys of a queued action besides ``func`` and ``args`` (all None for an alert)."""


def queue_alert(book: xw.Book, prompt: str, title: str, *, mode: str) -> None:
    """An alert with an OK button (``mode`` "info" or "critical") that ``book``'s own answer
    carries, whichever book another thread made active meanwhile. A desktop book (nothing is
    queued) shows it through its own App."""
    if not is_json_book(book):  # a desktop book: its App shows the alert itself
        book.app.alert(prompt, title=title, buttons="ok", mode=mode)
        return
    action: dict[str, Any] = {"func": "alert", "args": [prompt, title, "ok", mode, ""]}
    book.json()["actions"].append(action | dict.fromkeys(ALERT_ACTION_KEYS))


def is_json_book(book: xw.Book) -> bool:
    """Whether ``book`` is the JSON book xlwings Server builds from a request (its ``api`` is the
    payload), not a desktop workbook."""
    return isinstance(book.api, dict)


def selected_range(book: xw.Book) -> xw.Range | None:
    """The selected range, or None when nothing is (no book, or a shape or chart selected).

    A JSON book's selection is read from its own payload (its active sheet and
    ``book["selection"]``), never ``Book.selection``: that goes through ``app.books.active``, which
    another thread's request may have made its own book meanwhile."""
    try:
        if is_json_book(book):
            address = book.api["book"].get("selection")
            return book.sheets.active.range(address) if address else None
        selection = book.selection  # a desktop book: its own App's selection
    except Exception:
        return None
    if selection is None or selection.address is None:
        return None
    return selection


def sheet_payloads(book: xw.Book) -> list[dict[str, Any]]:
    """Each sheet's dict in a JSON book's payload (``name``, ``values``, ``tables``, ...), in order;
    changing one changes what the book reads."""
    return [sheet.api for sheet in book.sheets if isinstance(sheet.api, dict)]
