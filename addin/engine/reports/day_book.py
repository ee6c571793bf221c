"""The day book: every transaction in date order with its lines, and each day's totals.

A transaction is the lines that share a date and a voucher (lines typed without a voucher share
one per date). Days come in date order; within a day, transactions in the order their first line
stands in the Journal; within a transaction, lines in worksheet-row order. ``start`` and ``end``
(inclusive, optional) bound the dates. Journal lines with an unknown account ("") or an
unreadable date (NaT) are left out: validation reports them.

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> book = day_book(_example_ledger())
>>> [(d.date.isoformat(), d.debit, d.credit) for d in book.days]
[('2025-04-02', 150000, 150000)]
>>> [(line.account, line.name, line.debit, line.credit) for line in book.days[0].vouchers[0].lines]
[('1110', 'Bank', 150000, 0), ('4000', 'Sales', 0, 150000)]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from addin.engine.ledger import Ledger
from addin.engine.money import to_decimal_string
from addin.engine.reports.hierarchy import account_tree
from addin.engine.reports.lines import as_dates, in_range, line_dates, paise, transaction_ids

Record = dict[str, str | int]


@dataclass(frozen=True, slots=True)
class DayBookLine:
    """One journal line of a transaction."""

    row: int
    account: str
    name: str
    narration: str
    debit: int
    credit: int


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
    """The days between ``start`` and ``end`` that have lines."""

    days: tuple[DayBookDay, ...]
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def debit(self) -> int:
        return sum(d.debit for d in self.days)

    @property
    def credit(self) -> int:
        return sum(d.credit for d in self.days)

    def as_records(self) -> list[Record]:
        """One record a line (kind "line"), and after each day its totals (kind "day-total")."""
        records: list[Record] = []
        for d in self.days:
            for v in d.vouchers:
                records.extend(
                    {
                        "kind": "line",
                        "date": d.date.isoformat(),
                        "voucher": v.voucher,
                        "account": line.account,
                        "name": line.name,
                        "narration": line.narration,
                        "debit": to_decimal_string(line.debit),
                        "credit": to_decimal_string(line.credit),
                        "row": line.row,
                    }
                    for line in v.lines
                )
            records.append(
                {
                    "kind": "day-total",
                    "date": d.date.isoformat(),
                    "voucher": "",
                    "account": "",
                    "name": "",
                    "narration": "",
                    "debit": to_decimal_string(d.debit),
                    "credit": to_decimal_string(d.credit),
                    "row": 0,
                }
            )
        return records


def day_book(ledger: Ledger, *, start: dt.date | None = None, end: dt.date | None = None) -> DayBook:
    """The day book of ``ledger`` from ``start`` to ``end`` (inclusive, optional)."""
    journal = ledger.journal
    tree = account_tree(ledger.accounts)
    dates = line_dates(journal)
    accounts = journal["account"].fillna("").to_numpy(dtype=object)
    chosen = np.flatnonzero(in_range(dates, start, end) & (accounts != ""))
    rows = journal["row"].to_numpy(dtype=np.int64)
    transaction = transaction_ids(journal, dates)
    first_row = np.full(int(transaction.max(initial=-1)) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_row, transaction[chosen], rows[chosen])
    # Order: date, then the transaction's first worksheet row, then the line's row.
    chosen = chosen[np.lexsort((rows[chosen], first_row[transaction[chosen]], dates[chosen]))]
    txn = transaction[chosen]
    new_txn = np.r_[True, txn[1:] != txn[:-1]] if len(chosen) else np.zeros(0, dtype=bool)
    new_day = np.r_[True, dates[chosen][1:] != dates[chosen][:-1]] if len(chosen) else new_txn
    names = {code: tree.name.get(code, "") for code in set(accounts[chosen].tolist())}
    columns = zip(
        rows[chosen].tolist(),
        accounts[chosen].tolist(),
        journal["narration"].fillna("").to_numpy(dtype=object)[chosen].tolist(),
        paise(journal, "debit")[chosen].tolist(),
        paise(journal, "credit")[chosen].tolist(),
        strict=True,
    )
    lines = [
        DayBookLine(row, str(code), names[code], str(text), dr, cr) for row, code, text, dr, cr in columns
    ]
    txn_bounds = _runs(np.flatnonzero(new_txn).tolist(), len(lines))
    voucher_text = journal["voucher"].fillna("").to_numpy(dtype=object)[chosen]
    day_of = as_dates(dates[chosen][new_txn])
    vouchers = [
        DayBookVoucher(day_of[k], str(voucher_text[a]), tuple(lines[a:b]))
        for k, (a, b) in enumerate(txn_bounds)
    ]
    day_bounds = _runs(np.flatnonzero(new_day[new_txn]).tolist(), len(vouchers))  # in transactions
    days = tuple(DayBookDay(vouchers[a].date, tuple(vouchers[a:b])) for a, b in day_bounds)
    return DayBook(days, start, end)


def _runs(starts: list[int], total: int) -> list[tuple[int, int]]:
    """(start, end) of each run: one begins at each of ``starts`` (ascending), the last ends at ``total``.

    >>> _runs([0, 2, 3], 5), _runs([], 0)
    ([(0, 2), (2, 3), (3, 5)], [])
    """
    return list(zip(starts, [*starts[1:], total][: len(starts)], strict=True))
