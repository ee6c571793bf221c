"""Account balances at many dates from one pass over the journal.

:func:`postings` reads the journal once into arrays — each counted line's account (its position
in the chart's :class:`~addin.engine.reports.hierarchy.AccountTree`), day and amount (debit minus
credit, int64 paise). :func:`balances_at` then gives every account's *own* balance (opening
plus lines dated on or before the day; not rolled up to groups) at any number of days with a
single bucketed ``numpy.add.at``, so twelve monthly columns cost about what one does.

Lines are counted as the trial balance counts them (:mod:`addin.engine.reports.lines`): a line
with an unknown account ("") or an unreadable date is left out (validation reports it).

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> p = postings(_example_ledger())
>>> p.tree.codes
('1000', '1110', '3000', '4000')
>>> balances_at(p, [dt.date(2025, 4, 1), dt.date(2025, 4, 2)]).tolist()
[[0, 0], [1000000, 1150000], [-1000000, -1000000], [0, -150000]]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.ledger import Ledger
from addin.engine.reports.hierarchy import AccountTree, account_tree
from addin.engine.reports.lines import Mask, Paise, day, line_dates, paise, transaction_ids, unposted_lines

Positions = npt.NDArray[np.intp]
Matrix = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Postings:
    """The journal's counted lines as arrays, and the chart they post to.

    ``line`` holds each counted line's index in ``ledger.journal`` (to find its voucher).
    """

    ledger: Ledger
    tree: AccountTree
    account: Positions  # per counted line: index into tree.codes
    day: npt.NDArray[np.int64]  # per counted line: days since 1970-01-01
    amount: Paise  # per counted line: debit - credit
    line: Positions  # per counted line: row index in ledger.journal
    opening: Paise  # per account (tree order): the Accounts table's opening balance

    @property
    def size(self) -> int:
        """How many accounts (rows of every matrix here)."""
        return len(self.tree.codes)


def _day_number(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


def postings(ledger: Ledger) -> Postings:
    """Read ``ledger.journal`` once (see the module docstring for the lines left out)."""
    journal = ledger.journal
    factor, uniques = pd.factorize(journal["account"], use_na_sentinel=True)
    codes = [str(u) for u in uniques]
    tree = account_tree(ledger.accounts, extra_codes=tuple(c for c in codes if c))
    index = {code: i for i, code in enumerate(tree.codes)}
    to_tree = np.array([index.get(c, -1) if c else -1 for c in codes] + [-1], dtype=np.intp)
    account = to_tree[factor]
    dates = line_dates(journal)
    keep = (account >= 0) & ~np.isnat(dates)
    line = np.flatnonzero(keep)
    day = dates[keep].astype("datetime64[D]").astype(np.int64)
    amount = paise(journal, "debit")[keep] - paise(journal, "credit")[keep]
    opening = np.array([tree.opening[c] for c in tree.codes], dtype=np.int64)
    return Postings(ledger, tree, account[keep], day, amount, line, opening)


def suspense_at(ledger: Ledger, days: Sequence[dt.date]) -> npt.NDArray[np.int64]:
    """The balance (debit positive) of the lines that cannot be posted — an unknown account or an
    unreadable date — at each of ``days``: the trial balance's suspense row as of that day (a line
    without a date counts on every day).

    >>> from addin.engine.reports.trial_balance import _example_ledger
    >>> suspense_at(_example_ledger(), [dt.date(2025, 4, 30)]).tolist()
    [0]
    """
    journal = ledger.journal
    dates = line_dates(journal)
    unposted = unposted_lines(journal, dates)
    net = paise(journal, "debit")[unposted] - paise(journal, "credit")[unposted]
    when = dates[unposted]
    return np.array([int(net[np.isnat(when) | (when <= day(d))].sum()) for d in days], dtype=np.int64)


def balances_at(
    posted: Postings, days: Sequence[dt.date], *, lines: Mask | None = None, opening: bool = True
) -> Matrix:
    """Each account's own balance at the end of each day: shape (accounts, len(days)), debit positive.

    ``lines`` (a mask over the counted lines) counts only some lines; ``opening=False`` leaves the
    Accounts table's opening balances out (for the movement of a subset of lines).
    """
    wanted = sorted(set(days))
    bounds = np.array([_day_number(d) for d in wanted], dtype=np.int64)
    bucket = np.searchsorted(bounds, posted.day, side="left")  # the first bound on or after the line
    keep = bucket < len(bounds)
    if lines is not None:
        keep &= lines
    sums = np.zeros(posted.size * len(bounds), dtype=np.int64)
    np.add.at(sums, posted.account[keep] * len(bounds) + bucket[keep], posted.amount[keep])
    cumulative = sums.reshape(posted.size, len(bounds)).cumsum(axis=1)
    if opening:
        cumulative += posted.opening[:, None]
    column = {d: i for i, d in enumerate(wanted)}
    return cumulative[:, [column[d] for d in days]] if days else cumulative[:, :0]


def movements(
    posted: Postings, periods: Sequence[tuple[dt.date, dt.date]], *, lines: Mask | None = None
) -> Matrix:
    """Each account's movement (debit minus credit) over each (first day, last day) period."""
    ends = [end for _, end in periods]
    befores = [start - dt.timedelta(days=1) for start, _ in periods]
    both = balances_at(posted, [*befores, *ends], lines=lines, opening=False)
    return both[:, len(periods) :] - both[:, : len(periods)]


def lines_in_transactions_with(posted: Postings, accounts: Mask) -> Mask:
    """Counted lines whose transaction (date and voucher) has a line on one of ``accounts``.

    Only the journal rows sharing a voucher number with such a line are grouped into transactions
    (:func:`~addin.engine.reports.lines.transaction_ids`), so a few depreciation vouchers cost
    little even in a full sheet.
    """
    touching = accounts[posted.account]
    if not touching.any():
        return np.zeros(len(posted.line), dtype=bool)
    journal = posted.ledger.journal
    vouchers = pa.array(journal["voucher"].fillna(""), type=pa.large_string())
    wanted_vouchers = pc.unique(vouchers.take(pa.array(posted.line[touching])))
    rows = np.flatnonzero(np.asarray(pc.is_in(vouchers, value_set=wanted_vouchers), dtype=bool))
    candidates = journal.iloc[rows]
    ids = transaction_ids(candidates, line_dates(candidates))
    where = np.full(len(journal), -1, dtype=np.intp)
    where[rows] = np.arange(len(rows))
    position = where[posted.line]  # each counted line's place among the candidates, -1 if none
    wanted = np.unique(ids[position[touching]])
    found: Mask = (position >= 0) & np.isin(ids[np.maximum(position, 0)], wanted[wanted >= 0])
    return found
