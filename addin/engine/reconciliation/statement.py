"""The bank reconciliation statement (BRS), and journal lines proposed for charges and interest.

The BRS starts from the balance as per the bank statement at the period end and walks to the
balance as per the books::

      balance as per bank
    + deposits entered in the books, not yet credited by the bank     (unmatched book debits)
    − cheques issued, entered in the books, not yet presented          (unmatched book credits)
    − amounts credited by the bank, not yet in the books               (interest, direct credits)
    + amounts debited by the bank, not yet in the books                (charges, direct debits)
    = balance as per books (adjusted bank balance)

What the walk does not reach is the *unexplained difference*; it must be 0.00 or the statement is
flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress

import numpy as np
import pandas as pd

from addin.engine.reconciliation.matching import Matching

_CHARGES = re.compile(
    r"\b(CHARGES?|CHRGS?|CHGS?|SMS\s*ALERT|FEE|COMMISSION|COMM|GST\s*ON|DEBIT\s*CARD\s*AMC|MIN\s*BAL|PENAL)\b",
    re.IGNORECASE,
)
_INTEREST = re.compile(
    r"\b(INT\.?\s*(PD|PAID|CR|CREDIT)|INTEREST|SB\s*INT|CREDIT\s*INTEREST)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class OutstandingItem:
    """A line on one side with no partner on the other, as it stands in the BRS."""

    row: int
    date: dt.date | None
    text: str
    reference: str
    amount: int  # paise, always positive in the statement; the section says which way it goes
    books_row: int | None = None
    """On a match's difference only: the match's first journal row when the books paid out more
    than the bank did (the difference then stands as a cheque not yet presented)."""


@dataclass(frozen=True, slots=True)
class ProposedEntry:
    """A journal entry Bahi proposes for a bank-only line (never posted without the user)."""

    bank_row: int
    date: dt.date | None
    kind: str  # "bank-charges" or "interest"
    debit_account: str
    credit_account: str
    amount: int  # paise, positive
    narration: str


@dataclass(frozen=True)
class ReconciliationStatement:
    """The BRS at ``as_of``: every figure in paise."""

    as_of: dt.date | None
    balance_per_bank: int
    deposits_not_credited: tuple[OutstandingItem, ...]
    cheques_not_presented: tuple[OutstandingItem, ...]
    credited_by_bank_only: tuple[OutstandingItem, ...]
    debited_by_bank_only: tuple[OutstandingItem, ...]
    balance_per_books: int

    @cached_property
    def adjusted_bank_balance(self) -> int:
        """The balance as per bank walked through every item (summed once: thousands of items)."""
        return (
            self.balance_per_bank
            + sum(i.amount for i in self.deposits_not_credited)
            - sum(i.amount for i in self.cheques_not_presented)
            - sum(i.amount for i in self.credited_by_bank_only)
            + sum(i.amount for i in self.debited_by_bank_only)
        )

    @property
    def unexplained_difference(self) -> int:
        """Adjusted bank balance less the balance as per books: 0 when everything is explained."""
        return self.adjusted_bank_balance - self.balance_per_books

    @property
    def is_reconciled(self) -> bool:
        return self.unexplained_difference == 0


def _items_by_sign(
    frame: pd.DataFrame, rows: Sequence[int], text_column: str
) -> tuple[tuple[OutstandingItem, ...], tuple[OutstandingItem, ...]]:
    """The lines of ``frame`` whose worksheet row is in ``rows`` as items in date order (undated
    last), then row order: (those with a positive amount, those with a negative one).

    Built from whole columns, not row by row: selected and ordered with numpy, dates converted at
    once, each text column read once for both signs.
    """
    all_rows = frame["row"].to_numpy(dtype=np.int64)
    amounts = frame["amount"].to_numpy(dtype=np.int64)
    dates = frame["date"].to_numpy(dtype="datetime64[ns]")
    chosen = np.flatnonzero(np.isin(all_rows, np.asarray(rows, dtype=np.int64)) & (amounts != 0))
    chosen = chosen[np.lexsort((all_rows[chosen], dates[chosen]))]  # NaT sorts last
    days: list[dt.date | None] = dates[chosen].astype("datetime64[D]").tolist()  # NaT: None
    items = list(
        map(
            OutstandingItem,
            all_rows[chosen].tolist(),
            days,
            [str(text) for text in frame[text_column].to_numpy()[chosen]],
            [str(reference) for reference in frame["reference"].to_numpy()[chosen]],
            np.abs(amounts[chosen]).tolist(),
        )
    )
    positive = (amounts[chosen] > 0).tolist()
    return tuple(compress(items, positive)), tuple(compress(items, [not p for p in positive]))


def reconciliation_statement(
    bank: pd.DataFrame,
    book: pd.DataFrame,
    matching: Matching,
    *,
    balance_per_bank: int,
    balance_per_books: int,
    as_of: dt.date | None = None,
    differences: tuple[OutstandingItem, ...] = (),
) -> ReconciliationStatement:
    """The BRS from a matching: unmatched lines on each side become its items.

    ``bank`` and ``book`` are the frames given to :func:`~.matching.match_lines`, already cut to the
    period (lines dated on or before ``as_of``); the two balances are at ``as_of``. ``differences``
    are matched pairs whose amounts differ (signed the bank's way: positive = bank got more); each
    stands with the bank-only items until its write-off is posted — but a payment the books show
    larger than the bank (``books_row`` set) stands with the cheques not yet presented, at that row.
    """
    on_bank = [d for d in differences if d.books_row is None]
    extra_credit = tuple(
        OutstandingItem(d.row, d.date, d.text, d.reference, d.amount) for d in on_bank if d.amount > 0
    )
    extra_debit = tuple(
        OutstandingItem(d.row, d.date, d.text, d.reference, -d.amount) for d in on_bank if d.amount < 0
    )
    extra_cheques = tuple(
        OutstandingItem(d.books_row, d.date, d.text, d.reference, abs(d.amount))
        for d in differences
        if d.books_row is not None
    )
    deposits, cheques = _items_by_sign(book, matching.unmatched_journal, "narration")
    credited, debited = _items_by_sign(bank, matching.unmatched_bank, "description")
    return ReconciliationStatement(
        as_of=as_of,
        balance_per_bank=balance_per_bank,
        deposits_not_credited=deposits,
        cheques_not_presented=cheques + extra_cheques,
        credited_by_bank_only=credited + extra_credit,
        debited_by_bank_only=debited + extra_debit,
        balance_per_books=balance_per_books,
    )


def bank_only_kind(description: str, amount: int) -> str:
    """ "bank-charges", "interest" or "" for a bank line the books do not have.

    >>> bank_only_kind("SMS ALERT CHARGES QTR", -1770), bank_only_kind("INT.PD 01-04 TO 30-06", 45600)
    ('bank-charges', 'interest')
    >>> bank_only_kind("NEFT-RAVI KUMAR", 500000)
    ''
    """
    if amount < 0 and _CHARGES.search(description):
        return "bank-charges"
    if amount > 0 and _INTEREST.search(description):
        return "interest"
    return ""


def proposed_entries(
    statement: ReconciliationStatement,
    *,
    bank_account: str,
    charges_account: str,
    interest_account: str,
) -> tuple[ProposedEntry, ...]:
    """Journal entries for bank charges and interest the books do not have yet."""
    charges = (
        ProposedEntry(i.row, i.date, "bank-charges", charges_account, bank_account, i.amount, i.text)
        for i in statement.debited_by_bank_only
        if bank_only_kind(i.text, -i.amount) == "bank-charges"
    )
    interest = (
        ProposedEntry(i.row, i.date, "interest", bank_account, interest_account, i.amount, i.text)
        for i in statement.credited_by_bank_only
        if bank_only_kind(i.text, i.amount) == "interest"
    )
    return (*charges, *interest)
