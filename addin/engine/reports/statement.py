"""An account statement (ledger account): its opening balance, then every line with a running balance.

The account is named by code or by name (case and spacing ignored). A group account's statement
takes in the lines of all its sub-accounts. Lines come in date order, then worksheet-row order.
Lines dated before ``start`` make up the opening balance (with the accounts' opening balances);
lines after ``end`` are left out. Journal lines with an unknown account ("") or an unreadable
date (NaT) are left out: validation reports them.

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
from addin.engine.money import to_decimal_string
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
            "row": self.row,
        }


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

    def as_records(self) -> list[Record]:
        """An opening row, then one row a line (amounts as decimal strings)."""
        opening: Record = {
            "kind": "opening",
            "date": self.start.isoformat() if self.start else "",
            "voucher": "",
            "account": self.account,
            "narration": "Opening balance",
            "counter_account": "",
            "debit": "",
            "credit": "",
            "balance": to_decimal_string(self.opening),
            "row": 0,
        }
        return [opening, *(line.as_record() for line in self.lines)] if self.found else []


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
    frame = pd.DataFrame(
        {"txn": transaction, "side": _sides(debit, credit), "account": pd.Series(accounts, dtype=object)}
    )
    # Distinct accounts per (transaction, side) and per transaction, counted without a Python loop.
    sided = frame.drop_duplicates(["txn", "side", "account"]).groupby(["txn", "side"], sort=False)["account"]
    sided_count = sided.size().to_dict()
    sided_first = sided.first().to_dict()
    whole = frame.drop_duplicates(["txn", "account"])
    whole = whole.assign(k=whole.groupby("txn", sort=False).cumcount())
    first_two = whole[whole["k"] < 2]
    pair = dict(zip(zip(first_two["txn"], first_two["k"], strict=True), first_two["account"], strict=True))
    whole_count = whole.groupby("txn", sort=False).size().to_dict()
    names: list[str] = []
    own_sides = _sides(debit[mine], credit[mine]).tolist()
    for txn, side, own in zip(transaction[mine].tolist(), own_sides, accounts[mine].tolist(), strict=True):
        count = sided_count.get((txn, -side), 0) if side else 0
        other = sided_first.get((txn, -side), "")
        if count == 0:  # nothing on the other side: the transaction's other accounts stand in
            count = whole_count.get(txn, 1) - 1
            other = pair.get((txn, 1), "") if pair.get((txn, 0)) == own else pair.get((txn, 0), "")
        if count > 1:
            names.append(MULTIPLE)
        else:
            names.append((tree.name.get(str(other)) or str(other)) if count == 1 else "")
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
