"""What a line the matcher left open could be: the accountant's short list.

A bank line is left unmatched when nothing in the books fits it, or when several things do and the
data cannot tell which (two sets of cheques adding up to one clearing credit; an equal amount whose
names read unlike). For the second kind the accountant decides, and a short list saves the search:
each open bank line with every set of one to four open journal lines adding up to it (same sign,
within the window before it, at most ``span_days`` apart), when there are at most ``most`` such
sets. Nothing is matched here; a set the user agrees with is linked by typing one Match ID on its
lines (kept by the next run).

>>> import datetime as dt
>>> from addin.engine.reconciliation.matching import bank_lines_frame, book_lines_frame, Matching
>>> day = dt.date(2025, 6, 10)
>>> bank = bank_lines_frame(rows=[2], dates=[day], amounts=[75_000], descriptions=["CLG CR SLIP 17"])
>>> book = book_lines_frame(rows=[5, 6, 7, 8], dates=[day - dt.timedelta(days=d) for d in (4, 3, 2, 1)],
...                         amounts=[10_000, 25_000, 40_000, 35_000], narrations=["cheque"] * 4)
>>> possible_matches(bank, book, Matching((), (2,), (5, 6, 7, 8)), window_days=7)
{2: ((7, 8), (5, 6, 7))}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from addin.engine.reconciliation.assignment import windowed_pairs
from addin.engine.reconciliation.matching import Matching, line_days
from addin.engine.reconciliation.splits import SplitSearch, every_subset

MOST = 3  # sets listed for one line at most; a line with more is left without a list
WIDE = 128  # open journal lines in a line's date range at most: beyond, its list could not be said whole


def possible_matches(
    bank: pd.DataFrame, book: pd.DataFrame, matching: Matching, *, window_days: int, most: int = MOST
) -> dict[int, tuple[tuple[int, ...], ...]]:
    """Each open bank line (worksheet row) with the sets of open journal lines (their rows, in date
    order) its amount could be: one line of the same amount within the window, or two to four adding
    up to it; only lines with one to ``most`` such sets."""
    bank_open = np.isin(bank["row"].to_numpy(), np.asarray(matching.unmatched_bank, dtype=np.int64))
    book_open = np.isin(book["row"].to_numpy(), np.asarray(matching.unmatched_journal, dtype=np.int64))
    if not bank_open.any() or not book_open.any():
        return {}
    bank_days, book_days = line_days(bank), line_days(book)
    bank_amounts, book_amounts = bank["amount"].to_numpy(), book["amount"].to_numpy()
    positions = np.flatnonzero(bank_open & (bank_amounts != 0))
    days, amounts = bank_days[positions], bank_amounts[positions]
    targets = list(zip(positions.tolist(), days.tolist(), amounts.tolist(), strict=True))
    search = SplitSearch(window_days=window_days, before=True, max_options=most, wide=WIDE)
    sets = every_subset(targets, book_days, book_amounts, book_open, search)
    lines = np.flatnonzero(book_open)  # one line of the same amount, within the window either way
    at_bank, at_book = windowed_pairs(
        amounts, days, book_amounts[lines], book_days[lines], window=window_days
    )
    equal: dict[int, list[int]] = {}  # in date order
    for p, line in zip(positions[at_bank].tolist(), lines[at_book].tolist(), strict=True):
        equal.setdefault(p, []).append(line)
    rows, book_rows = bank["row"].to_numpy(), book["row"].to_numpy()
    found: dict[int, tuple[tuple[int, ...], ...]] = {}
    for p in positions.tolist():
        if p not in sets:  # too many lines in its range, or too many sets, to say the list is whole
            continue
        choices = [(j,) for j in equal.get(p, [])] + sets[p]
        if 0 < len(choices) <= most:
            found[int(rows[p])] = tuple(tuple(int(book_rows[j]) for j in c) for c in choices)
    return found
