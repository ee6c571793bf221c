"""One-to-one matching of equal amounts: every candidate pair at once, not the nearest date first.

Candidates are the (bank line, book line) pairs of equal amount within the date window
(:func:`windowed_pairs`). Lines linked through candidates form a component; a component of one
pair is a match by itself; in a larger one the pairs are chosen together (:func:`assign`): as many
as the component allows, and of those the cheapest set (scipy's ``linear_sum_assignment`` on the
component's cost matrix). Components are small (one amount, a few weeks); a big one (a round amount
paid daily) is solved in date-ordered blocks of at most ``BLOCK`` lines a side, so memory stays
bounded.

Two rent payments of ₹25,000 a day apart, each booked the day before the bank shows it: by date
alone the bank's first line takes the second book line (gap 0); what the narrations say costs more:

>>> pairs = windowed_pairs(
...     np.array([-25, -25]), np.array([10, 11]), np.array([-25, -25]), np.array([9, 10]), window=7
... )
>>> [(int(b), int(j)) for b, j in zip(*pairs, strict=True)]
[(0, 0), (0, 1), (1, 0), (1, 1)]
>>> cost = np.array([0.1, 2.0, 2.1, 0.1])  # date gap plus how unlike the parties read
>>> assign(*pairs, cost).tolist()
[True, False, False, True]
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.reconciliation.ranges import spread

Positions = npt.NDArray[np.int64]
BLOCK = 400  # lines a side of one assignment problem (a bigger component is solved in blocks)
_FORBIDDEN = 1e9  # the cost of a pair that is not a candidate
_TIE = 1e-9  # costs this close are equal


def windowed_pairs(
    bank_amounts: npt.NDArray[np.int64],
    bank_days: npt.NDArray[np.int64],
    book_amounts: npt.NDArray[np.int64],
    book_days: npt.NDArray[np.int64],
    *,
    window: int,
) -> tuple[Positions, Positions]:
    """Indices (bank, book) of every pair with equal amounts and dates at most ``window`` days apart,
    by bank index then book date. Only those pairs are made: each bank line's candidates are a
    range of the book lines sorted by (amount, day), found by binary search."""
    if len(bank_amounts) == 0 or len(book_amounts) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes, _ = pd.factorize(np.concatenate((bank_amounts, book_amounts)))
    first_day = int(min(bank_days.min(), book_days.min()))
    span = int(max(bank_days.max(), book_days.max())) - first_day
    stride = span + window + 1  # one amount's keys never reach the next amount's, window included
    keys = codes.astype(np.int64) * stride + (np.concatenate((bank_days, book_days)) - first_day)
    bank_keys, book_keys = keys[: len(bank_amounts)], keys[len(bank_amounts) :]
    order = np.argsort(book_keys, kind="stable")
    sorted_keys = book_keys[order]
    lo = np.searchsorted(sorted_keys, bank_keys - window, side="left")
    hi = np.searchsorted(sorted_keys, bank_keys + window, side="right")
    bank, at = spread(lo, hi - lo)
    return bank, order[at].astype(np.int64)


def assign(
    bank: Positions,
    book: Positions,
    cost: npt.NDArray[np.float64],
    bank_days: npt.NDArray[np.int64] | None = None,
) -> npt.NDArray[np.bool_]:
    """Which candidate pairs to take: no line twice, as many pairs as possible, then the least cost.

    ``bank`` and ``book`` are the two lines of each pair (any integer labels), ``cost`` the pair's
    cost; ``bank_days`` (the bank line's day, pair by pair) orders the blocks of a big component
    (default: the bank label). Deterministic: the same pairs in the same order give the same choice.
    """
    # scipy is imported here, not at the top: it costs 0.5 s or more, and every command reading the
    # GST tables imports this module (the GSTR-2B tolerances live beside the matching) without assigning
    from scipy.sparse import coo_array  # noqa: PLC0415
    from scipy.sparse.csgraph import connected_components  # noqa: PLC0415

    chosen = np.zeros(len(bank), dtype=bool)
    if len(bank) == 0:
        return chosen
    bank_ids, bank_nodes = np.unique(bank, return_inverse=True)
    book_ids, book_nodes = np.unique(book, return_inverse=True)
    n_bank = len(bank_ids)
    graph = coo_array(
        (np.ones(len(bank)), (bank_nodes, n_bank + book_nodes)), shape=(n_bank + len(book_ids),) * 2
    )
    _, labels = connected_components(graph, directed=False)
    component = labels[bank_nodes]
    alone = np.bincount(component)[component] == 1
    chosen[alone] = True  # the only candidate of both its lines
    rest = np.flatnonzero(~alone)
    if len(rest) == 0:
        return chosen
    days = bank_nodes if bank_days is None else bank_days
    order = rest[np.lexsort((bank_nodes[rest], days[rest], component[rest]))]
    bounds = np.flatnonzero(np.diff(component[order])) + 1
    for pairs in np.split(order, bounds):
        _assign_component(pairs, bank_nodes, book_nodes, cost, chosen)
    return chosen


def _assign_component(
    pairs: Positions,
    bank_nodes: Positions,
    book_nodes: Positions,
    cost: npt.NDArray[np.float64],
    chosen: npt.NDArray[np.bool_],
) -> None:
    """One component's pairs (in bank date order), in blocks of at most BLOCK bank lines: each block
    against the book lines the blocks before it left."""
    from scipy.optimize import linear_sum_assignment  # noqa: PLC0415 - see assign

    new_bank = np.ones(len(pairs), dtype=bool)
    new_bank[1:] = bank_nodes[pairs[1:]] != bank_nodes[pairs[:-1]]
    block_of = (np.cumsum(new_bank) - 1) // BLOCK
    taken = np.zeros(int(book_nodes[pairs].max()) + 1, dtype=bool)
    for block in range(int(block_of[-1]) + 1):
        in_block = pairs[block_of == block]
        in_block = in_block[~taken[book_nodes[in_block]]]
        if len(in_block) == 0:
            continue
        rows, row_of = np.unique(bank_nodes[in_block], return_inverse=True)
        columns, column_of = np.unique(book_nodes[in_block], return_inverse=True)
        matrix = np.full((len(rows), len(columns)), _FORBIDDEN)
        matrix[row_of, column_of] = cost[in_block]
        pair_at = np.full((len(rows), len(columns)), -1, dtype=np.int64)
        pair_at[row_of, column_of] = in_block
        row_ind, column_ind = linear_sum_assignment(matrix)
        found = pair_at[row_ind, column_ind]
        found = found[found >= 0]
        chosen[found] = True
        taken[book_nodes[found]] = True


def tied(
    bank: Positions, book: Positions, cost: npt.NDArray[np.float64], chosen: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Which chosen pairs could trade partners with another chosen pair at no more cost (the pairs as
    :func:`assign` takes them, each once): both crossed pairs are candidates and together cost no
    more than the two chosen (nothing in the dates or the names decides between the two pairings;
    the order of the lines did).

    Two telephone bills of one amount on one date, the bank's biller numbers unrelated to the
    books' account numbers:

    >>> bank, book = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    >>> tied(bank, book, np.array([0.2, 0.2, 0.2, 0.2]), np.array([True, False, False, True])).tolist()
    [True, False, False, True]
    >>> tied(bank, book, np.array([0.2, 1.2, 1.3, 0.2]), np.array([True, False, False, True])).tolist()
    [False, False, False, False]
    """
    taken = np.flatnonzero(chosen)
    pair_of_bank = pd.Series(taken, index=bank[taken])  # each chosen line's pair
    pair_of_book = pd.Series(taken, index=book[taken])
    crossed = np.flatnonzero(~chosen)  # (b1, j2): a pair not chosen…
    first = pair_of_bank.reindex(bank[crossed]).to_numpy()  # …b1's chosen pair (b1, j1)
    second = pair_of_book.reindex(book[crossed]).to_numpy()  # …j2's chosen pair (b2, j2)
    both = ~(np.isnan(first) | np.isnan(second))
    crossed, first, second = crossed[both], first[both].astype(np.int64), second[both].astype(np.int64)
    candidates = pd.MultiIndex.from_arrays([bank, book])
    other = candidates.get_indexer(pd.MultiIndex.from_arrays([bank[second], book[first]]))  # (b2, j1)
    found = other >= 0
    crossed, first, second, other = crossed[found], first[found], second[found], other[found]
    swap = cost[crossed] + cost[other] <= cost[first] + cost[second] + _TIE
    result = np.zeros(len(bank), dtype=bool)
    result[first[swap]] = True
    result[second[swap]] = True
    return result
