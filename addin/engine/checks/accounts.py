"""Checks on the chart of accounts: duplicate or blank codes, types, parents and parent loops."""

from __future__ import annotations

import numpy as np

from addin.engine.cells import UnreadCell
from addin.engine.checks._common import row_issues, unread
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.rules import Rule
from addin.engine.schema import ACCOUNT_TYPES, ACCOUNTS


def check_duplicate_accounts(ledger: Ledger) -> list[Issue]:
    """Codes used by an earlier account (each later one, at its Code cell), and accounts with no code."""
    accounts = ledger.accounts
    codes = accounts["code"]
    blank = (codes == "").to_numpy(dtype=np.bool_) & ~unread(accounts, UnreadCell.CODE)
    repeated = codes.duplicated(keep="first").to_numpy(dtype=np.bool_) & (codes != "").to_numpy(
        dtype=np.bool_
    )
    first_row = dict(zip(codes.iloc[::-1].tolist(), accounts["row"].iloc[::-1].tolist(), strict=True))
    later = np.flatnonzero(repeated).astype(np.int64)
    return [
        *row_issues(
            ledger,
            ACCOUNTS,
            Rule.DUPLICATE_ACCOUNT,
            "Code",
            later,
            first_row=[first_row[c] for c in codes.iloc[later].tolist()],
        ),
        *row_issues(
            ledger,
            ACCOUNTS,
            Rule.DUPLICATE_ACCOUNT,
            "Code",
            np.flatnonzero(blank).astype(np.int64),
            variant="blank",
        ),
    ]


def check_invalid_account_types(ledger: Ledger) -> list[Issue]:
    """Types that are none of Asset, Liability, Equity, Income, Expense (or their Hindi names)."""
    accounts = ledger.accounts
    invalid = (accounts["type"] == "").to_numpy(dtype=np.bool_) & ~unread(accounts, UnreadCell.TYPE)
    return row_issues(
        ledger,
        ACCOUNTS,
        Rule.INVALID_ACCOUNT_TYPE,
        "Type",
        np.flatnonzero(invalid).astype(np.int64),
        types=", ".join(ACCOUNT_TYPES),
        types_hi=", ".join(ACCOUNT_TYPES.values()),
    )


def check_unknown_parents(ledger: Ledger) -> list[Issue]:
    """Parents typed but matching no account's code or name (Parent cell)."""
    accounts = ledger.accounts
    unknown = (accounts["parent"] == "").to_numpy(dtype=np.bool_) & (accounts["parent_text"] != "").to_numpy(
        dtype=np.bool_
    )
    unknown &= ~unread(accounts, UnreadCell.PARENT)
    return row_issues(
        ledger, ACCOUNTS, Rule.UNKNOWN_PARENT, "Parent", np.flatnonzero(unknown).astype(np.int64)
    )


def parent_cycles(parents: dict[str, str]) -> list[list[str]]:
    """The loops in a code → parent-code map, each as its codes in parent order, each code once.

    >>> parent_cycles({"A": "B", "B": "A", "C": "A", "D": "D", "E": ""})
    [['A', 'B'], ['D']]
    """
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in parents:
        path: list[str] = []
        code = start
        while code and code in parents and state.get(code, 0) == 0:
            state[code] = 1
            path.append(code)
            code = parents[code]
        if code and state.get(code) == 1:
            cycles.append(path[path.index(code) :])
        for seen in path:
            state[seen] = 2
    return cycles


def check_parent_cycles(ledger: Ledger) -> list[Issue]:
    """Accounts that are their own ancestor, each once, at its Parent cell."""
    accounts = ledger.accounts
    parents: dict[str, str] = {}
    position: dict[str, int] = {}
    for i, (code, parent) in enumerate(
        zip(accounts["code"].tolist(), accounts["parent"].tolist(), strict=True)
    ):
        if code and code not in parents:
            parents[code] = parent
            position[code] = i
    issues: list[Issue] = []
    for cycle in parent_cycles(parents):
        path = " → ".join([*cycle, cycle[0]])
        positions = np.array([position[c] for c in cycle], dtype=np.int64)
        issues += row_issues(
            ledger, ACCOUNTS, Rule.PARENT_CYCLE, "Parent", positions, values=list(cycle), path=path
        )
    return issues
