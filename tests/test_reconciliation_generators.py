"""The reconciliation benchmark's generators draw consistent cases: every true group balances."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest

from benchmarks import reconciliation_sme
from benchmarks.reconciliation_case import Case
from benchmarks.reconciliation_cases import GENERATORS


def group_sums(case: Case) -> list[tuple[int, int]]:
    """(bank side, book side) amounts of each connected group of true links."""
    bank_amount = dict(zip(case.bank["row"], case.bank["amount"], strict=True))
    book_amount = dict(zip(case.book["row"], case.book["amount"], strict=True))
    by_bank: dict[int, set[int]] = defaultdict(set)
    by_book: dict[int, set[int]] = defaultdict(set)
    for b, j in case.links:
        by_bank[b].add(j)
        by_book[j].add(b)
    sums = []
    for b, books in by_bank.items():
        if len(books) > 1 or len(by_book[next(iter(books))]) == 1:
            sums.append((int(bank_amount[b]), sum(int(book_amount[j]) for j in books)))
    for j, banks in by_book.items():
        if len(banks) > 1:
            sums.append((sum(int(bank_amount[b]) for b in banks), int(book_amount[j])))
    return sums


@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_every_true_group_balances_and_rows_are_unique(generator: str) -> None:
    case = GENERATORS[generator](3000, 5)
    assert case.bank["row"].is_unique
    assert case.book["row"].is_unique
    assert all(bank == book for bank, book in group_sums(case))
    bank_amount = dict(zip(case.bank["row"], case.bank["amount"], strict=True))
    book_amount = dict(zip(case.book["row"], case.book["amount"], strict=True))
    assert all((bank_amount[b] > 0) == (book_amount[j] > 0) for b, j in case.links)  # deposits with receipts


def test_sme_lines_lie_in_the_year_and_kinds_have_their_stated_shares() -> None:
    case = reconciliation_sme.generate(20_000, 5)
    for frame in (case.bank, case.book):
        assert frame["date"].min() >= pd.Timestamp(reconciliation_sme.START)
        assert frame["date"].max() <= pd.Timestamp(reconciliation_sme.END)
    shares = reconciliation_sme.kinds_share(case)
    stated = {"neft-receipt": 0.32, "neft-payment": 0.27, "upi-receipt": 0.09, "deposit-slip": 0.06,
              "cheque-issued": 0.06, "salary": 0.04, "rent-like": 0.03}  # fmt: skip
    assert all(abs(shares[kind] - share) < 0.012 for kind, share in stated.items()), shares
    # about 330 book lines a working day at 100,000 lines: 20,000 give ~67
    assert 55 < len(case.book) / case.book["date"].dt.date.nunique() < 75


def test_sme_receipts_are_deposits_and_payments_withdrawals() -> None:
    case = reconciliation_sme.generate(5000, 5)
    book_amount = dict(zip(case.book["row"], case.book["amount"], strict=True))
    receipts = {
        "neft-receipt",
        "upi-receipt",
        "cheque-alone",
        "deposit-slip",
        "cash-deposit",
        "card-settlement",
    }
    for (_, j), kind in case.kinds.items():
        assert (book_amount[j] > 0) == (kind in receipts), (kind, book_amount[j])
