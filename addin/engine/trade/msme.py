"""Section 43B(h): bills of micro and small suppliers unpaid past the MSMED Act's time limit.

Section 43B(h) of the Income-tax Act (Finance Act 2023, from assessment year 2024-25) allows a sum
payable to a micro or small enterprise as a deduction only in the year it is actually paid, unless it
is paid within the time limit of section 15 of the MSMED Act 2006: the day agreed in writing, at most
45 days from acceptance of the goods or services; without an agreement, 15 days. Bahi takes the
party's Credit Days as the written agreement (capped at 45) and 15 days when it has none, counts
from the bill's date, and flags (``msme-overdue``, a warning at the bill's Number) every bill of a
party marked MSME that is still pending on the as-of date (the year end) after that limit: its
pending amount is disallowed for the year.

>>> limit_days(30), limit_days(60), limit_days(0)
(30, 45, 15)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine.issues import Issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.trade.allocation import Allocation
from addin.engine.trade.located import Located, issues_at
from addin.engine.trade.values import days_until

MAX_AGREED_DAYS = 45
NO_AGREEMENT_DAYS = 15


def limit_days(credit_days: int) -> int:
    """Days within which a micro or small supplier must be paid (MSMED Act section 15)."""
    return min(int(credit_days), MAX_AGREED_DAYS) if credit_days > 0 else NO_AGREEMENT_DAYS


@dataclass(frozen=True)
class MsmeOverdue:
    """``bills``: the pending bills of MSME parties past the limit on ``as_of`` — ``party``, ``ref``,
    ``date``, ``limit``, ``days`` (since the bill's date), ``pending`` (paise: the sum disallowed)."""

    as_of: dt.date
    bills: pd.DataFrame

    @property
    def disallowed(self) -> int:
        return int(self.bills["pending"].sum())


def msme_overdue(
    payables: Allocation, parties: pd.DataFrame, as_of: dt.date, where: Located | None = None
) -> tuple[MsmeOverdue, list[Issue]]:
    """The MSME bills pending past their limit on ``as_of``, and a warning for each."""
    msme = parties[parties["msme"]]
    limits = {str(c): limit_days(int(d)) for c, d in zip(msme["code"], msme["credit_days"], strict=True)}
    bills = payables.bills
    chosen = bills[bills["party"].isin(list(limits)) & (bills["pending"] > 0) & (bills["kind"] != "opening")]
    days = days_until(as_of, chosen["date"].to_numpy(dtype="datetime64[ns]"))
    limit = chosen["party"].map(limits).to_numpy(dtype=np.int64)
    late = days > limit
    found = chosen[late].assign(limit=limit[late], days=days[late])
    frame = found[["party", "ref", "date", "limit", "days", "pending", "sheet", "row"]].reset_index(drop=True)
    issues: list[Issue] = []
    if where is not None and len(frame):
        names = dict(zip(parties["code"], parties["name"], strict=True))
        issues = issues_at(
            where,
            Rule.MSME_OVERDUE,
            "Number",
            frame["row"].tolist(),
            frame["ref"].tolist(),
            party=[names.get(p, p) for p in frame["party"].tolist()],
            days=frame["days"].tolist(),
            limit=frame["limit"].tolist(),
            amount=[format_inr(v) for v in frame["pending"].tolist()],
        )
    return MsmeOverdue(as_of, frame), issues
