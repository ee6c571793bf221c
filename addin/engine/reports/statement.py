"""An account statement (ledger account): its opening balance, then every line with a running balance.

The account is named by code or by name (case and spacing ignored). A group account's statement
takes in the lines of all its sub-accounts. Lines come in date order, then worksheet-row order.
Lines dated before ``start`` make up the opening balance (with the accounts' opening balances);
lines after ``end`` are left out. Journal lines with an unknown account ("") or an unreadable
date (NaT) are left out: validation reports them.

Balances are signed (debit positive); records also give each as accountants read it, an amount
and its side: ``balance_amount`` (never negative) and ``balance_side`` ("Dr", "Cr", "" for nil).

Each line names its counter-account: the account on the other side of its transaction (lines of
the same date and voucher) — its name when there is one, "(multiple)" when there are several.

An account the ledger does not know gives an empty statement with ``found`` False; nothing is
raised (the caller writes the message).

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> st = account_statement(_example_ledger(), "bank")
>>> st.account, st.opening, st.closing
('1110', 1000000, 1150000)
>>> line = st.lines[0]
>>> line.voucher, line.counter_account, line.debit, line.balance, line.row
('S1', 'Sales', 150000, 1150000, 2)
>>> account_statement(_example_ledger(), "Nowhere").found
False
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.ledger import Ledger
from addin.engine.money import side, to_decimal_string
from addin.engine.reports.hierarchy import AccountTree, account_tree
from addin.engine.reports.lines import Dates, Mask, Paise, as_dates, day, line_dates, paise, transaction_ids

MULTIPLE = "(multiple)"
"""The counter-account shown when the other side of a transaction has several accounts."""

Record = dict[str, str | int]


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One journal line of the statement; ``balance`` is the running balance after it (debit positive)."""

    date: dt.date
    voucher: str
    narration: str
    counter_account: str
    debit: int
    credit: int
    balance: int
    row: int
    account: str  # the line's own account code (a sub-account in a group's statement)

    def as_record(self) -> Record:
        return {
            "kind": "line",
            "date": self.date.isoformat(),
            "voucher": self.voucher,
            "account": self.account,
            "narration": self.narration,
            "counter_account": self.counter_account,
            "debit": to_decimal_string(self.debit),
            "credit": to_decimal_string(self.credit),
            "balance": to_decimal_string(self.balance),
            **balance_fields(self.balance),
            "row": self.row,
        }


def balance_fields(balance: int) -> Record:
    """A running balance as a record shows it besides the signed amount: amount and side.

    >>> balance_fields(-150000)
    {'balance_amount': '1500.00', 'balance_side': 'Cr'}
    """
    return {"balance_amount": to_decimal_string(abs(balance)), "balance_side": side(balance)}


@dataclass(frozen=True)
class AccountStatement:
    """The statement of one account (or group) between ``start`` and ``end`` (both optional, inclusive)."""

    query: str
    found: bool
    account: str = ""
    name: str = ""
    type: str = ""
    is_group: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    opening: int = 0
    lines: tuple[StatementLine, ...] = ()

    @property
    def debit(self) -> int:
        return sum(line.debit for line in self.lines)

    @property
    def credit(self) -> int:
        return sum(line.credit for line in self.lines)

    @property
    def closing(self) -> int:
        """The balance after the last line (the opening balance when there are no lines)."""
        return self.opening + self.debit - self.credit

    @property
    def opening_date(self) -> dt.date | None:
        """The day the opening balance stands at: the period's start, else the first line's day."""
        return self.start or (self.lines[0].date if self.lines else None)

    @property
    def closing_date(self) -> dt.date | None:
        """The day the closing balance stands at: the period's end, else the last line's day."""
        return self.end or (self.lines[-1].date if self.lines else None)

    def as_records(self) -> list[Record]:
        """The rows of the Account Statement sheet: an opening row (kind "opening"), one row a line,
        and a closing row (kind "closing") with the period's debit and credit totals (amounts as
        decimal strings), as an account statement in Tally or Busy ends."""
        if not self.found:
            return []
        opening = self._balance_row("opening", self.opening_date, "Opening balance", self.opening)
        closing = self._balance_row(
            "closing", self.closing_date, "Closing balance", self.closing, (self.debit, self.credit)
        )
        return [opening, *(line.as_record() for line in self.lines), closing]

    def _balance_row(
        self,
        kind: str,
        date: dt.date | None,
        narration: str,
        balance: int,
        totals: tuple[int, int] | None = None,
    ) -> Record:
        """An opening or closing row: the balance, and (closing) the period's debit and credit totals."""
        debit, credit = (to_decimal_string(t) for t in totals) if totals is not None else ("", "")
        return {
            "kind": kind,
            "date": date.isoformat() if date else "",
            "voucher": "",
            "account": self.account,
            "narration": narration,
            "counter_account": "",
            "debit": debit,
            "credit": credit,
            "balance": to_decimal_string(balance),
            **balance_fields(balance),
            "row": 0,
        }


def _sides(debit: Paise, credit: Paise) -> npt.NDArray[np.int8]:
    """+1 for a debit line, -1 for a credit line, 0 for a line that nets to nothing."""
    sides: npt.NDArray[np.int8] = np.sign(debit - credit).astype(np.int8)
    return sides


def _counter_accounts(
    tree: AccountTree, journal: pd.DataFrame, dates: Dates, valid: Mask, chosen: npt.NDArray[np.intp]
) -> list[str]:
    """For each chosen line, the name of the account(s) on the other side of its transaction.

    When the other side is empty (a one-sided or zero line), the transaction's other accounts stand in.
    Only the lines sharing a voucher with a chosen line are looked at.
    """
    vouchers = pa.array(journal["voucher"].fillna(""), type=pa.large_string())
    wanted = pc.unique(vouchers.take(pa.array(chosen)))
    among = np.flatnonzero(valid & np.asarray(pc.is_in(vouchers, value_set=wanted), dtype=bool))
    related = journal.iloc[among]
    transaction = transaction_ids(related, dates[among])
    mine = np.searchsorted(among, chosen)  # chosen lines are among the related ones
    debit, credit = paise(related, "debit"), paise(related, "credit")
    accounts = related["account"].to_numpy(dtype=object)
    codes, uniques = pd.factorize(pd.Series(accounts, dtype=object), sort=False)
    sides = _sides(debit, credit).astype(np.int64)
    n_txn = int(transaction.max(initial=-1)) + 1
    # Distinct accounts per (transaction, side), in order of appearance: count and the first.
    sided_key = transaction.astype(np.int64) * 3 + sides + 1
    first_seen = pd.DataFrame({"key": sided_key, "acc": codes}).drop_duplicates().to_numpy()
    keys, first_at, sided_count = np.unique(first_seen[:, 0], return_index=True, return_counts=True)
    sided_first = first_seen[first_at, 1]
    # Distinct accounts per transaction: how many, and the first two.
    seen = pd.DataFrame({"txn": transaction, "acc": codes}).drop_duplicates().to_numpy()
    whole_count = np.bincount(seen[:, 0], minlength=n_txn)
    order = np.argsort(seen[:, 0], kind="stable")
    by_txn = seen[order]
    starts = np.r_[0, np.cumsum(whole_count)[:-1]] if n_txn else np.zeros(0, dtype=np.int64)
    pair0 = np.where(whole_count > 0, by_txn[np.minimum(starts, len(by_txn) - 1), 1], -1) if n_txn else starts
    second = np.minimum(starts + 1, max(len(by_txn) - 1, 0))
    pair1 = np.where(whole_count > 1, by_txn[second, 1], -1) if n_txn else starts

    txn, own_side, own = transaction[mine].astype(np.int64), sides[mine], codes[mine]
    wanted_key = txn * 3 - own_side + 1
    at = np.minimum(np.searchsorted(keys, wanted_key), max(len(keys) - 1, 0))
    present = (own_side != 0) & (keys[at] == wanted_key) if len(keys) else np.zeros(len(txn), dtype=bool)
    count = np.where(present, sided_count[at], 0)
    other = np.where(present, sided_first[at], -1)
    # Nothing on the other side: the transaction's other accounts stand in.
    alone = count == 0
    count = np.where(alone, whole_count[txn] - 1, count)
    other = np.where(alone, np.where(pair0[txn] == own, pair1[txn], pair0[txn]), other)
    labels = [(tree.name.get(str(a)) or str(a)) for a in uniques.tolist()]
    names: list[str] = [
        MULTIPLE if c > 1 else (labels[o] if c == 1 and o >= 0 else "")
        for c, o in zip(count.tolist(), other.tolist(), strict=True)
    ]
    return names


def account_statement(
    ledger: Ledger, account: str, *, start: dt.date | None = None, end: dt.date | None = None
) -> AccountStatement:
    """The statement of ``account`` (code or name) from ``start`` to ``end`` (inclusive, optional)."""
    tree = account_tree(ledger.accounts)
    code = tree.find(account)
    if code is None:
        return AccountStatement(query=account, found=False, start=start, end=end)
    members = (code, *tree.descendants(code))
    journal = ledger.journal
    dates = line_dates(journal)
    accounts = journal["account"].fillna("")
    valid = (accounts != "").to_numpy(dtype=bool) & ~np.isnat(dates)
    mine = valid & accounts.isin(members).to_numpy(dtype=bool)
    if end is not None:
        mine &= dates <= day(end)
    debit, credit = paise(journal, "debit"), paise(journal, "credit")
    opening = sum(tree.opening[m] for m in members)
    if start is not None:
        before = mine & (dates < day(start))
        opening += int(debit[before].sum() - credit[before].sum())
        mine &= ~before
    rows = journal["row"].to_numpy(dtype=np.int64)
    chosen = np.flatnonzero(mine)
    chosen = chosen[np.lexsort((rows[chosen], dates[chosen]))]
    counters = _counter_accounts(tree, journal, dates, valid, chosen) if len(chosen) else []
    running = opening + np.cumsum(debit[chosen] - credit[chosen])
    texts = {
        c: journal[c].iloc[chosen].fillna("").to_numpy(dtype=object)
        for c in ("voucher", "narration", "account")
    }
    line_days = as_dates(dates[chosen])
    lines = tuple(
        StatementLine(
            date=line_days[k],
            voucher=str(texts["voucher"][k]),
            narration=str(texts["narration"][k]),
            counter_account=counters[k],
            debit=int(debit[i]),
            credit=int(credit[i]),
            balance=int(running[k]),
            row=int(rows[i]),
            account=str(texts["account"][k]),
        )
        for k, i in enumerate(chosen.tolist())
    )
    return AccountStatement(
        query=account,
        found=True,
        account=code,
        name=tree.name[code],
        type=tree.type[code],
        is_group=tree.is_group(code),
        start=start,
        end=end,
        opening=opening,
        lines=lines,
    )
