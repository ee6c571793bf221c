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
import numpy.typing as npt
import pandas as pd

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
    """The day book of ``ledger`` from ``start`` to ``end`` (inclusive, optional).

    Only the lines in the period are read out of the journal's text columns (a latest period of
    10,000 rows out of a journal of 100,000 lines costs that period, not the whole journal).
    """
    journal = ledger.journal
    dates = line_dates(journal)
    chosen = np.flatnonzero(in_range(dates, start, end) & _with_account(journal))
    dates = dates[chosen]
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
    return DayBook(days, start, end)


def _runs(starts: list[int], total: int) -> list[tuple[int, int]]:
    """(start, end) of each run: one begins at each of ``starts`` (ascending), the last ends at ``total``.

    >>> _runs([0, 2, 3], 5), _runs([], 0)
    ([(0, 2), (2, 3), (3, 5)], [])
    """
    return list(zip(starts, [*starts[1:], total][: len(starts)], strict=True))


def _with_account(journal: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """True for the lines whose account is known (not blank), compared as a whole column."""
    known: npt.NDArray[np.bool_] = (journal["account"].fillna("") != "").to_numpy(dtype=bool)
    return known


def _texts(journal: pd.DataFrame, column: str, positions: npt.NDArray[np.intp]) -> npt.NDArray[np.object_]:
    """A text column's values at ``positions`` ("" where missing), taken before converting."""
    taken: npt.NDArray[np.object_] = journal[column].take(positions).fillna("").to_numpy(dtype=object)
    return taken


def _lines(ledger: Ledger, chosen: npt.NDArray[np.intp], rows: npt.NDArray[np.int64]) -> list[DayBookLine]:
    """The journal lines at ``chosen`` (worksheet ``rows``), in that order, as day book lines."""
    journal = ledger.journal
    codes = [str(code) for code in _texts(journal, "account", chosen)]
    tree = account_tree(ledger.accounts)
    names = {code: tree.name.get(code, "") for code in set(codes)}
    return list(
        map(
            DayBookLine,
            rows.tolist(),
            codes,
            [names[code] for code in codes],
            [str(text) for text in _texts(journal, "narration", chosen)],
            paise(journal, "debit")[chosen].tolist(),
            paise(journal, "credit")[chosen].tolist(),
        )
    )
