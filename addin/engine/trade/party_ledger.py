"""One party's account from the trade tables: its documents and money in date order, with a running
balance (debit positive), as a sub-ledger shows it.

Invoices, debit notes and payments made debit the party; receipts, credit notes and vendors' bills
credit it. The opening balance is that of the party's own account (Accounts), if it has one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.trade.book import TradeBook
from addin.engine.trade.documents import KIND_NAMES, SALES_SIDE

COLUMNS = ("date", "kind", "number", "against", "debit", "credit", "balance", "sheet", "row")


@dataclass(frozen=True)
class PartyLedger:
    """``party`` (code), ``name``, ``opening`` (paise, debit positive) and ``entries`` (:data:`COLUMNS`,
    paise); ``closing`` is the last balance. ``start`` and ``end``: the period asked for (None: open)."""

    party: str
    name: str
    opening: int
    entries: pd.DataFrame
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def closing(self) -> int:
        balances = self.entries["balance"].to_numpy(dtype=np.int64)
        return int(balances[-1]) if len(balances) else self.opening

    @property
    def debit(self) -> int:
        """The period's debits (paise)."""
        return int(self.entries["debit"].to_numpy(dtype=np.int64).sum())

    @property
    def credit(self) -> int:
        """The period's credits (paise)."""
        return int(self.entries["credit"].to_numpy(dtype=np.int64).sum())

    @property
    def opening_date(self) -> dt.date | None:
        """The day the opening balance stands at: the period's start, else the first entry's day."""
        return self.start or _day(self.entries["date"].min() if len(self.entries) else None)

    @property
    def closing_date(self) -> dt.date | None:
        """The day the closing balance stands at: the period's end, else the last entry's day."""
        return self.end or _day(self.entries["date"].max() if len(self.entries) else None)


def _day(value: Any) -> dt.date | None:
    """A date of the entries' date column as a date (None for none)."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def party_ledger(
    book: TradeBook, party: str, *, start: dt.date | None = None, end: dt.date | None = None
) -> PartyLedger:
    """The sub-ledger of party ``party`` (its code) between two dates (entries before ``start`` are
    brought into the opening)."""
    row = book.parties[book.parties["code"] == party]
    name = str(row["name"].tolist()[0]) if len(row) else ""
    account = str(row["account"].tolist()[0]) if len(row) else ""
    accounts = book.ledger.accounts
    openings = accounts["opening"].to_numpy(dtype=np.int64)[(accounts["code"] == account).to_numpy()]
    opening = int(openings.sum()) if account else 0
    parts = []
    for ds in (book.sales, book.purchases):
        docs = ds.documents[ds.documents["ok"] & (ds.documents["party"] == party)]
        credit_note = (docs["doc_kind"] == "credit-note").to_numpy()
        signs = np.where(credit_note, -1, 1) * (1 if ds.side == SALES_SIDE else -1)
        amount = signs * docs["value"].to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    "date": docs["date"],
                    "kind": docs["doc_kind"].map(KIND_NAMES),
                    "number": docs["number"],
                    "against": docs["against"],
                    "amount": amount,
                    "sheet": ds.where.sheet,
                    "row": docs["row"],
                }
            )
        )
    for ss, kind in ((book.receipts, "Receipt"), (book.payments, "Payment")):
        rows = ss.frame[ss.frame["ok"] & (ss.frame["party"] == party)]
        sign = -1 if ss.side == SALES_SIDE else 1
        parts.append(
            pd.DataFrame(
                {
                    "date": rows["date"],
                    "kind": kind,
                    "number": rows["number"],
                    "against": rows["against"],
                    "amount": sign * rows["amount"].to_numpy(),
                    "sheet": ss.where.sheet,
                    "row": rows["row"],
                }
            )
        )
    frame = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else (pd.DataFrame({c: [] for c in ("date", "kind", "number", "against", "amount", "sheet", "row")}))
    )
    frame = frame.sort_values(["date", "sheet", "row"], kind="stable").reset_index(drop=True)
    if start is not None:
        before = frame["date"] < pd.Timestamp(start)
        opening += int(frame.loc[before, "amount"].sum())
        frame = frame[~before]
    if end is not None:
        frame = frame[~(frame["date"] > pd.Timestamp(end))]
    amount = frame["amount"].to_numpy(dtype=np.int64)
    entries = pd.DataFrame(
        {
            "date": frame["date"].to_numpy(),
            "kind": frame["kind"].to_numpy(),
            "number": frame["number"].to_numpy(),
            "against": frame["against"].to_numpy(),
            "debit": np.maximum(amount, 0),
            "credit": np.maximum(-amount, 0),
            "balance": opening + np.cumsum(amount),
            "sheet": frame["sheet"].to_numpy(),
            "row": frame["row"].to_numpy(),
        }
    )
    return PartyLedger(party, name, opening, entries.reset_index(drop=True), start, end)
