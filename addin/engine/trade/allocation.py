"""Bill-by-bill allocation: what each invoice or bill still has pending, as Tally's bill-wise details.

Two sides, each built from the trade tables (never from the Journal):

- **receivable** (customers): bills are sales invoices, sales debit notes and a customer's opening
  debit balance; they are settled by receipts and by sales credit notes;
- **payable** (vendors): bills are vendors' bills, their debit notes and a vendor's opening credit
  balance; they are settled by payments (the gross amount: TDS kept back settles the bill too) and by
  the vendors' credit notes.

A settlement names its bill in Against (*Agst Ref*), or is *On Account* / an *Advance*; "Opening"
settles the opening balance. Settlements are applied in date order; what exceeds a bill's pending
amount (``over-allocated``) or names no bill of the party (``unknown-reference``) stays on account.
On-account money and advances are not spread over bills (as Tally shows them): the aging lists them
beside the bills, and the party's net balance counts them.

>>> bills = pd.DataFrame({"party": ["C01", "C01"], "ref": ["S/1", "S/2"], "kind": ["invoice"] * 2,
...     "date": pd.to_datetime(["2025-04-01", "2025-04-10"]), "due": pd.to_datetime(["2025-05-01",
...     "2025-05-10"]), "amount": [1000_00, 500_00], "sheet": "Sales", "row": [2, 3]})
>>> paid = pd.DataFrame({"party": ["C01", "C01"], "against": ["s/1", ""], "reference_kind": ["bill",
...     "on-account"], "date": pd.to_datetime(["2025-04-20", "2025-04-25"]), "amount": [600_00, 100_00],
...     "sheet": "Receipts", "row": [2, 3], "column": "Against"})
>>> result = allocate("receivable", bills, paid)
>>> result.bills[["ref", "settled", "pending"]].to_dict("records")
[{'ref': 'S/1', 'settled': 60000, 'pending': 40000}, {'ref': 'S/2', 'settled': 0, 'pending': 50000}]
>>> result.unallocated[["party", "kind", "amount"]].to_dict("records")
[{'party': 'C01', 'kind': 'on-account', 'amount': 10000}]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.issues import Issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.trade.columns import casefolded, choose, join, locate
from addin.engine.trade.documents import DocumentSet
from addin.engine.trade.located import Located, issues_at
from addin.engine.trade.settlements import SettlementSet

RECEIVABLE, PAYABLE = "receivable", "payable"
OPENING_REF = "Opening"

BILL_COLUMNS = ("party", "ref", "kind", "date", "due", "amount", "sheet", "row")
SETTLEMENT_COLUMNS = ("party", "against", "reference_kind", "date", "amount", "sheet", "row", "column")


@dataclass(frozen=True)
class Allocation:
    """The outcome for one side.

    ``bills``: one row a bill — ``party``, ``ref``, ``kind``, ``date``, ``due``, ``amount``, ``settled``,
    ``pending`` (paise), ``sheet`` and ``row`` where it was typed. ``unallocated``: money not against a
    bill — ``party``, ``kind`` ("on-account", "advance", "excess", "unknown"), ``ref`` (as typed),
    ``date``, ``amount``, ``sheet``, ``row``. ``issues``: ``unknown-reference`` and ``over-allocated``.
    """

    side: str
    bills: pd.DataFrame
    unallocated: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)

    def balances(self) -> pd.Series[int]:
        """Each party's net pending (bills pending less money unallocated), in paise, positive."""
        pending = self.bills.groupby("party")["pending"].sum()
        unallocated = self.unallocated.groupby("party")["amount"].sum()
        return pending.sub(unallocated, fill_value=0).astype(np.int64)


def document_bills(documents: DocumentSet) -> pd.DataFrame:
    """The ok invoices, bills and debit notes of a document set, as bills."""
    docs = documents.documents
    chosen = docs[docs["ok"] & (docs["doc_kind"] != "credit-note")]
    return pd.DataFrame(
        {
            "party": chosen["party"],
            "ref": chosen["number"],
            "kind": chosen["doc_kind"],
            "date": chosen["date"],
            "due": chosen["due"],
            "amount": chosen["value"],
            "sheet": documents.where.sheet,
            "row": chosen["row"],
        }
    ).reset_index(drop=True)


def note_settlements(documents: DocumentSet) -> pd.DataFrame:
    """The ok credit notes of a document set, as settlements against the invoice they name."""
    docs = documents.documents
    notes = docs[docs["ok"] & (docs["doc_kind"] == "credit-note")]
    return pd.DataFrame(
        {
            "party": notes["party"],
            "against": notes["against"],
            "reference_kind": np.where(notes["against"].ne(""), "bill", "on-account"),
            "date": notes["date"],
            "amount": notes["value"],
            "sheet": documents.where.sheet,
            "row": notes["row"],
            "column": "",
        }
    ).reset_index(drop=True)


def money_settlements(settlements: SettlementSet) -> pd.DataFrame:
    """The ok rows of Receipts or Payments, as settlements."""
    rows = settlements.frame[settlements.frame["ok"]]
    return pd.DataFrame(
        {
            "party": rows["party"],
            "against": rows["against"],
            "reference_kind": rows["reference_kind"],
            "date": rows["date"],
            "amount": rows["amount"],
            "sheet": settlements.where.sheet,
            "row": rows["row"],
            "column": "Against",
        }
    ).reset_index(drop=True)


def opening_items(
    openings: pd.DataFrame, side: str, day: dt.date | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Openings (``party``, ``opening`` paise, debit positive; ``row`` on Accounts) as bills and as
    unallocated money: a customer's debit and a vendor's credit are bills, the other way round
    money on account."""
    sign = 1 if side == RECEIVABLE else -1
    amount = openings["opening"].to_numpy(dtype=np.int64) * sign
    when = pd.Timestamp(day) if day is not None else pd.NaT
    bills = openings[amount > 0]
    bill_frame = pd.DataFrame(
        {
            "party": bills["party"],
            "ref": OPENING_REF,
            "kind": "opening",
            "date": when,
            "due": when,
            "amount": amount[amount > 0],
            "sheet": "Accounts",
            "row": bills["row"],
        }
    )
    credits = openings[amount < 0]
    credit_frame = pd.DataFrame(
        {
            "party": credits["party"],
            "kind": "on-account",
            "ref": OPENING_REF,
            "date": when,
            "amount": -amount[amount < 0],
            "sheet": "Accounts",
            "row": credits["row"],
        }
    )
    return bill_frame.reset_index(drop=True), credit_frame.reset_index(drop=True)


def allocate(
    side: str,
    bills: pd.DataFrame,
    settlements: pd.DataFrame,
    *,
    unallocated: pd.DataFrame | None = None,
    as_of: dt.date | None = None,
    located: dict[str, Located] | None = None,
) -> Allocation:
    """Apply ``settlements`` to ``bills`` (frames of :data:`BILL_COLUMNS` and
    :data:`SETTLEMENT_COLUMNS`), up to ``as_of`` (all when None). ``located`` maps a settlement's
    sheet to where its table stands, for issues at its Against cell."""
    if as_of is not None:
        stamp = pd.Timestamp(as_of)
        bills = bills[~(bills["date"] > stamp)]
        settlements = settlements[~(settlements["date"] > stamp)]
    bills = bills.reset_index(drop=True).copy()
    bills["key"] = join(bills["party"], "\x1f", casefolded(bills["ref"]))
    bills = bills.drop_duplicates("key", keep="first").reset_index(drop=True)
    settle = settlements.reset_index(drop=True).copy()
    settle["order"] = np.arange(len(settle))
    opening = settle["reference_kind"].eq("opening").to_numpy()
    wanted = join(
        settle["party"], "\x1f", choose(opening, OPENING_REF.casefold(), casefolded(settle["against"]))
    )
    against_bill = settle["reference_kind"].isin(["bill", "opening"]).to_numpy()
    bill_of = np.where(against_bill, locate(bills["key"], wanted), -1)
    unknown = against_bill & (bill_of < 0)

    # apply in date order, bill by bill
    matched = settle[bill_of >= 0].assign(bill=bill_of[bill_of >= 0])
    matched = matched.sort_values(["date", "order"], kind="stable")
    cumulative = matched.groupby("bill")["amount"].cumsum().to_numpy(dtype=np.int64)
    amount = matched["amount"].to_numpy(dtype=np.int64)
    limit = bills["amount"].to_numpy(dtype=np.int64)[matched["bill"].to_numpy(dtype=np.int64)]
    applied = np.clip(limit - (cumulative - amount), 0, amount)
    excess = amount - applied
    settled = np.bincount(
        matched["bill"].to_numpy(dtype=np.int64), weights=applied.astype(np.float64), minlength=len(bills)
    )
    bills["settled"] = np.rint(settled).astype(np.int64)
    bills["pending"] = bills["amount"].to_numpy(dtype=np.int64) - bills["settled"].to_numpy()

    loose = settle[~against_bill]
    parts = [
        pd.DataFrame(
            {
                "party": loose["party"],
                "kind": np.where(loose["reference_kind"] == "advance", "advance", "on-account"),
                "ref": loose["against"],
                "date": loose["date"],
                "amount": loose["amount"],
                "sheet": loose["sheet"],
                "row": loose["row"],
            }
        ),
        pd.DataFrame(
            {
                "party": settle["party"][unknown],
                "kind": "unknown",
                "ref": settle["against"][unknown],
                "date": settle["date"][unknown],
                "amount": settle["amount"][unknown],
                "sheet": settle["sheet"][unknown],
                "row": settle["row"][unknown],
            }
        ),
        pd.DataFrame(
            {
                "party": matched["party"][excess > 0],
                "kind": "excess",
                "ref": matched["against"][excess > 0],
                "date": matched["date"][excess > 0],
                "amount": excess[excess > 0],
                "sheet": matched["sheet"][excess > 0],
                "row": matched["row"][excess > 0],
            }
        ),
    ]
    if unallocated is not None and len(unallocated):
        parts.insert(0, unallocated)
    loose_frame = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else (pd.DataFrame({c: [] for c in ("party", "kind", "ref", "date", "amount", "sheet", "row")}))
    )
    loose_frame = loose_frame.astype({"amount": np.int64, "row": np.int64})

    issues: list[Issue] = []
    places = located or {}
    columns = settle["column"].to_numpy()
    for frame, picks, rule in (
        (settle, np.flatnonzero(unknown & (columns != "")), Rule.UNKNOWN_REFERENCE),
        (matched, np.flatnonzero((excess > 0) & (matched["column"].to_numpy() != "")), Rule.OVER_ALLOCATED),
    ):
        if not len(picks):
            continue
        sheets, rows = frame["sheet"].tolist(), frame["row"].tolist()
        against, party = frame["against"].tolist(), frame["party"].tolist()
        for i in picks.tolist():
            where = places.get(str(sheets[i]))
            if where is None:
                continue
            fields: dict[str, Any] = {"party": str(party[i])}
            if rule is Rule.OVER_ALLOCATED:
                pending = int(limit[i] - (cumulative[i] - amount[i]))
                fields = {
                    "amount": format_inr(int(amount[i])),
                    "pending": format_inr(max(pending, 0)),
                    "excess": format_inr(int(excess[i])),
                }
            issues += issues_at(where, rule, "Against", [int(rows[i])], [str(against[i])], **fields)
    return Allocation(side, bills.drop(columns=["key"]), loose_frame, issues)
