"""The day book at its edges and at speed."""

from __future__ import annotations

import dataclasses
import datetime as dt

from addin.engine.reports.day_book import DayBook, day_book
from addin.engine.reports.trial_balance import _example_ledger


def test_a_period_without_lines_gives_an_empty_day_book() -> None:
    ledger = _example_ledger()
    later = dt.date(2030, 1, 1)
    assert day_book(ledger, start=later) == DayBook((), later, None)
    empty = dataclasses.replace(ledger, journal=ledger.journal.iloc[:0])
    assert day_book(empty) == DayBook(())
