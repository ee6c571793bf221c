"""Aging of receivables and payables: pending bills by how long they are past their due date.

Buckets, by days past the due date (the bill's date + the party's credit days) on the as-of date:
``not-due`` (due later), ``0-30`` (0 to 30 days past due), ``31-60``, ``61-90``, ``90+``. Money on
account and advances are shown per party beside the buckets, and ``net`` = the bills pending less
that money.

>>> bills = pd.DataFrame({"party": ["C01", "C01", "C02"], "ref": ["S/1", "S/2", "S/3"],
...     "due": pd.to_datetime(["2026-03-20", "2025-12-01", "2026-04-30"]), "pending": [100_00, 50_00, 70_00],
...     "date": pd.NaT, "kind": "invoice", "amount": 0, "settled": 0, "sheet": "Sales", "row": [2, 3, 4]})
>>> report = aging(Allocation("receivable", bills, pd.DataFrame({"party": ["C01"], "amount": [30_00],
...     "kind": ["on-account"]})), dt.date(2026, 3, 31))
>>> report.bills[["ref", "days", "bucket"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
[{'ref': 'S/1', 'days': 11, 'bucket': '0-30'}, {'ref': 'S/2', 'days': 120, 'bucket': '90+'},
 {'ref': 'S/3', 'days': -30, 'bucket': 'not-due'}]
>>> report.parties[["party", "0-30", "90+", "not-due", "on_account", "net"]].to_dict("records")
[{'party': 'C01', '0-30': 10000, '90+': 5000, 'not-due': 0, 'on_account': 3000, 'net': 12000}, \
{'party': 'C02', '0-30': 0, '90+': 0, 'not-due': 7000, 'on_account': 0, 'net': 7000}]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine.trade.allocation import Allocation
from addin.engine.trade.values import days_until

BUCKETS: tuple[str, ...] = ("not-due", "0-30", "31-60", "61-90", "90+")
_EDGES = np.array([0, 31, 61, 91])  # days past due at which the next bucket starts


@dataclass(frozen=True)
class Aging:
    """``bills``: each pending bill with ``days`` past due and its ``bucket``; ``parties``: per party the
    pending paise in each of :data:`BUCKETS`, ``on_account`` (money not against a bill) and ``net``."""

    side: str
    as_of: dt.date
    bills: pd.DataFrame
    parties: pd.DataFrame


def bucket_of(
    days: np.ndarray[tuple[int], np.dtype[np.int64]],
) -> np.ndarray[tuple[int], np.dtype[np.object_]]:
    """The bucket of each number of days past due (negative: not yet due)."""
    index = np.searchsorted(_EDGES, days, side="right")
    return np.array(BUCKETS, dtype=object)[index]


def aging(allocation: Allocation, as_of: dt.date) -> Aging:
    """The aging of an allocation's pending bills on ``as_of``."""
    bills = allocation.bills[allocation.bills["pending"] != 0].reset_index(drop=True).copy()
    due = bills["due"].to_numpy(dtype="datetime64[ns]")
    days = days_until(as_of, due)
    bills["days"] = days
    bills["bucket"] = bucket_of(days)
    table = bills.pivot_table(index="party", columns="bucket", values="pending", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=list(BUCKETS), fill_value=0)
    loose = (
        allocation.unallocated.groupby("party")["amount"].sum()
        if len(allocation.unallocated)
        else (pd.Series(dtype=np.int64))
    )
    parties = table.join(loose.rename("on_account"), how="outer").fillna(0).astype(np.int64)
    parties["net"] = parties[list(BUCKETS)].sum(axis=1) - parties["on_account"]
    parties = parties.reset_index().rename(columns={"index": "party"})
    parties.columns.name = None
    return Aging(allocation.side, as_of, bills, parties)
