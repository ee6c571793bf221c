"""The day book: every transaction in date order with its lines, and each day's totals.

A transaction is the lines that share a date and a voucher (lines typed without a voucher share
one per date). Days come in date order; within a day, transactions in the order their first line
stands in the Journal; within a transaction, lines in worksheet-row order. ``start`` and ``end``
(inclusive, optional) bound the dates.

Lines that cannot be posted are shown, never dropped, so that the totals tie to the Journal's: a
line whose account is unknown stands in its voucher with the account as typed and ``posted``
False; lines with an unreadable date (NaT) come after the days, in ``undated`` (whatever the
period: they cannot be placed in one). Validation reports both.

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> book = day_book(_example_ledger())
>>> [(d.date.isoformat(), d.debit, d.credit) for d in book.days]
[('2025-04-02', 150000, 150000)]
>>> [(line.account, line.name, line.debit, line.credit) for line in book.days[0].vouchers[0].lines]
[('1110', 'Bank', 150000, 0), ('4000', 'Sales', 0, 150000)]
>>> book.undated, book.debit
((), 150000)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.ledger import Ledger
from addin.engine.money import to_decimal_string
from addin.engine.reports.hierarchy import account_tree
from addin.engine.reports.lines import as_dates, in_range, line_dates, paise, transaction_ids

Record = dict[str, str | int]


@dataclass(frozen=True, slots=True)
class DayBookLine:
    """One journal line of a transaction. ``posted`` is False for a line whose account is unknown
    (``account`` is then the text typed) or whose date is unreadable."""

    row: int
    account: str
    name: str
    narration: str
    debit: int
    credit: int
    posted: bool = True
    voucher: str = ""

    def as_record(self, date: str) -> Record:
        return {
            "kind": "line",
            "date": date,
            "voucher": self.voucher,
            "account": self.account,
            "name": self.name,
            "narration": self.narration,
            "debit": to_decimal_string(self.debit),
            "credit": to_decimal_string(self.credit),
            "row": self.row,
            "posted": self.posted,
        }


@dataclass(frozen=True, slots=True)
class DayBookVoucher:
    """One transaction: a voucher on a date, with its lines."""

    date: dt.date
    voucher: str
    lines: tuple[DayBookLine, ...]

    @property
    def debit(self) -> int:
        return sum(line.debit for line in self.lines)

    @property
    def credit(self) -> int:
        return sum(line.credit for line in self.lines)

    @property
    def narration(self) -> str:
        """The first narration among the lines."""
        return next((line.narration for line in self.lines if line.narration), "")


@dataclass(frozen=True, slots=True)
class DayBookDay:
    """One date's transactions and totals."""

    date: dt.date
    vouchers: tuple[DayBookVoucher, ...]

    @property
    def debit(self) -> int:
        return sum(v.debit for v in self.vouchers)

    @property
    def credit(self) -> int:
        return sum(v.credit for v in self.vouchers)


@dataclass(frozen=True)
class DayBook:
    """The days between ``start`` and ``end`` that have lines, then the lines without a readable date.

    ``debit`` and ``credit`` are the grand totals: every day's and the undated lines'. ``latest``
    is True when ``start`` was moved on to fit the book into a sheet (only the latest days shown)."""

    days: tuple[DayBookDay, ...]
    start: dt.date | None = None
    end: dt.date | None = None
    undated: tuple[DayBookLine, ...] = ()
    latest: bool = False

    @property
    def debit(self) -> int:
        return sum(d.debit for d in self.days) + sum(line.debit for line in self.undated)

    @property
    def credit(self) -> int:
        return sum(d.credit for d in self.days) + sum(line.credit for line in self.undated)

    @property
    def unposted(self) -> int:
        """How many lines shown could not be posted (unknown account or unreadable date)."""
        dated = sum(not line.posted for d in self.days for v in d.vouchers for line in v.lines)
        return dated + len(self.undated)

    def as_records(self) -> list[Record]:
        """The rows the Day Book sheet has, in its order: one record a line (kind "line"), after each
        day its totals (kind "day-total"); when some lines have no readable date, a heading (kind
        "undated"), those lines (date "") and their totals ("undated-total"); last the grand total
        ("grand-total"), which ties to the Journal's. ``posted`` marks the lines that could not be
        posted. A day book with no lines has no records (nothing to total)."""
        if not self.days and not self.undated:
            return []
        records: list[Record] = []
        for d in self.days:
            for v in d.vouchers:
                records.extend(line.as_record(d.date.isoformat()) for line in v.lines)
            records.append(_total("day-total", d.date.isoformat(), d.debit, d.credit))
        if self.undated:
            records.append(_total("undated", "", None, None))
            records.extend(line.as_record("") for line in self.undated)
            debit, credit = sum(x.debit for x in self.undated), sum(x.credit for x in self.undated)
            records.append(_total("undated-total", "", debit, credit))
        records.append(_total("grand-total", "", self.debit, self.credit))
        return records


def _total(kind: str, date: str, debit: int | None, credit: int | None) -> Record:
    """A record of kind ``kind`` with only amounts (none for a heading); its label is the reader's."""
    return {
        "kind": kind,
        "date": date,
        "voucher": "",
        "account": "",
        "name": "",
        "narration": "",
        "debit": "" if debit is None else to_decimal_string(debit),
        "credit": "" if credit is None else to_decimal_string(credit),
        "row": 0,
        "posted": True,
    }


def day_book(ledger: Ledger, *, start: dt.date | None = None, end: dt.date | None = None) -> DayBook:
    """The day book of ``ledger`` from ``start`` to ``end`` (inclusive, optional).

    Only the lines in the period are read out of the journal's text columns (a latest period of
    10,000 rows out of a journal of 100,000 lines costs that period, not the whole journal).
    """
    journal = ledger.journal
    all_dates = line_dates(journal)
    chosen = np.flatnonzero(in_range(all_dates, start, end))
    dates = all_dates[chosen]
    rows = journal["row"].to_numpy(dtype=np.int64)[chosen]
    transaction = transaction_ids(journal[["voucher"]].take(chosen), dates)
    first_row = np.full(int(transaction.max(initial=-1)) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_row, transaction, rows)
    # Order: date, then the transaction's first worksheet row, then the line's row.
    order = np.lexsort((rows, first_row[transaction], dates))
    chosen, dates, rows, transaction = chosen[order], dates[order], rows[order], transaction[order]
    new_txn = np.r_[True, transaction[1:] != transaction[:-1]] if len(chosen) else np.zeros(0, dtype=bool)
    new_day = np.r_[True, dates[1:] != dates[:-1]] if len(chosen) else new_txn
    lines = _lines(ledger, chosen, rows)
    txn_bounds = _runs(np.flatnonzero(new_txn).tolist(), len(lines))
    voucher_text = [str(v) for v in _texts(journal, "voucher", chosen[new_txn])]
    day_of = as_dates(dates[new_txn])
    vouchers = [
        DayBookVoucher(day_of[k], voucher_text[k], tuple(lines[a:b])) for k, (a, b) in enumerate(txn_bounds)
    ]
    day_bounds = _runs(np.flatnonzero(new_day[new_txn]).tolist(), len(vouchers))  # in transactions
    days = tuple(DayBookDay(vouchers[a].date, tuple(vouchers[a:b])) for a, b in day_bounds)
    undated_at = np.flatnonzero(np.isnat(all_dates))
    undated = _lines(ledger, undated_at, journal["row"].to_numpy(dtype=np.int64)[undated_at], dated=False)
    return DayBook(days, start, end, tuple(undated))


def _runs(starts: list[int], total: int) -> list[tuple[int, int]]:
    """(start, end) of each run: one begins at each of ``starts`` (ascending), the last ends at ``total``.

    >>> _runs([0, 2, 3], 5), _runs([], 0)
    ([(0, 2), (2, 3), (3, 5)], [])
    """
    return list(zip(starts, [*starts[1:], total][: len(starts)], strict=True))


def _texts(journal: pd.DataFrame, column: str, positions: npt.NDArray[np.intp]) -> npt.NDArray[np.object_]:
    """A text column's values at ``positions`` ("" where missing), taken before converting."""
    taken: npt.NDArray[np.object_] = journal[column].take(positions).fillna("").to_numpy(dtype=object)
    return taken


def _lines(
    ledger: Ledger, chosen: npt.NDArray[np.intp], rows: npt.NDArray[np.int64], *, dated: bool = True
) -> list[DayBookLine]:
    """The journal lines at ``chosen`` (worksheet ``rows``), in that order, as day book lines.

    A line without a known account shows the account as typed and is not posted; with ``dated``
    False (lines with an unreadable date) no line is posted."""
    journal = ledger.journal
    codes = [str(code) for code in _texts(journal, "account", chosen)]
    tree = account_tree(ledger.accounts)
    names = {code: tree.name.get(code, "") for code in set(codes)}
    shown_names = [names[code] for code in codes]  # "" for an unknown account
    posted = [dated and code != "" for code in codes]
    if "" in codes and "account_text" in journal:
        typed = _texts(journal, "account_text", chosen)
        codes = [code or str(text) for code, text in zip(codes, typed, strict=True)]
    return list(
        map(
            DayBookLine,
            rows.tolist(),
            codes,
            shown_names,
            [str(text) for text in _texts(journal, "narration", chosen)],
            paise(journal, "debit")[chosen].tolist(),
            paise(journal, "credit")[chosen].tolist(),
            posted,
            [str(text) for text in _texts(journal, "voucher", chosen)],
        )
    )
