"""The fast paths of matching find what plain, slow references find.

Subsets are listed by summing arrays (every subset of few candidates at once, meeting in the middle
for more, each date's subsets once for all crowded targets); pairs of equal amounts are found by
binary search; parties' likenesses are looked up as arrays; the assignment is solved per component.
Each is held here to a few lines of plain Python doing the same thing the obvious way.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_bipartite_matching

from addin.engine.reconciliation import splits
from addin.engine.reconciliation.assignment import assign, windowed_pairs
from addin.engine.reconciliation.matching import bank_lines_frame, book_lines_frame, match_lines
from addin.engine.reconciliation.parties import party_likenesses, party_similarity
from addin.engine.reconciliation.splits import DateGroups, SplitSearch, all_subsets, list_subsets, settle


def plain_subsets(
    lines: list[int], days: list[int], amounts: list[int], goal: int, span: int
) -> set[tuple[int, ...]]:
    """Every 2–4 subset of ``lines`` adding up to ``goal`` whose days lie at most ``span`` apart."""
    return {
        tuple(sorted(combo))
        for size in (2, 3, 4)
        for combo in itertools.combinations(lines, size)
        if sum(amounts[i] for i in combo) == goal
        and max(days[i] for i in combo) - min(days[i] for i in combo) <= span
    }


small_amounts = st.lists(
    st.sampled_from([100, 200, 300, 500, 700, 1100, 1300, 2500]), min_size=2, max_size=30
)


@settings(max_examples=200, deadline=None)
@given(small_amounts, st.integers(0, 2**32 - 1), st.sampled_from([-1, 1]))
def test_subsets_met_in_the_middle_are_every_subset_adding_up(
    amounts: list[int], seed: int, sign: int
) -> None:
    rng = random.Random(seed)
    days = sorted(rng.randrange(20) for _ in amounts)
    signed = [sign * a for a in amounts]
    goal = sign * rng.choice([800, 1000, 1500, 2600, 4000])
    search = SplitSearch(window_days=7, before=True, max_options=10**6)
    lines = np.arange(len(amounts))
    got = all_subsets(lines, np.array(days), np.array(signed), goal, search)
    assert got is not None
    assert sorted(got) == sorted(plain_subsets(list(lines), days, signed, goal, 10))
    assert len(set(got)) == len(got)  # each once


@settings(max_examples=100, deadline=None)
@given(
    st.lists(small_amounts.filter(lambda a: len(a) <= 12), min_size=1, max_size=6), st.integers(0, 2**32 - 1)
)
def test_subsets_summed_together_are_each_targets_subsets(groups: list[list[int]], seed: int) -> None:
    rng = random.Random(seed)
    amounts, days, searches, start = [], [], [], 0
    for i, group in enumerate(groups):
        amounts += group
        days += sorted(rng.randrange(12) for _ in group)
        searches.append(((i, 11, rng.choice([800, 1000, 2600])), np.arange(start, start + len(group))))
        start += len(group)
    search = SplitSearch(window_days=7, before=True, max_options=10**6)
    got = list_subsets(searches, np.array(days), np.array(amounts), search)
    for (target, lines), subsets in zip(searches, got, strict=True):
        assert subsets is not None
        assert sorted(subsets) == sorted(plain_subsets(list(lines), days, amounts, target[2], 10))


def test_each_dates_subsets_are_summed_once_for_every_crowded_target() -> None:
    rng = np.random.default_rng(4)
    days = np.repeat(np.arange(10), 15)
    amounts = rng.choice([100, 200, 300, 700], size=len(days)).astype(np.int64)
    order = np.argsort(days, kind="stable")
    free = np.ones(len(days), dtype=bool)
    search = SplitSearch(window_days=3, before=True, per_date=6, max_options=10**6)
    dates = DateGroups(order, days[order], free, amounts, search.per_date)
    crowded = [(0, (0, 9, 1000)), (1, (1, 5, 600))]
    got = dates.subsets(crowded, search)
    for i, (_, day, goal) in crowded:
        expected: set[tuple[int, ...]] = set()
        for date in range(day - 3, day + 1):
            first = [int(p) for p in np.flatnonzero(days == date)][:6]
            expected |= plain_subsets(first, list(days), list(amounts), goal, 0)
        assert sorted(got[i] or []) == sorted(expected)


def test_more_subsets_than_allowed_leave_the_target_alone() -> None:
    search = SplitSearch(window_days=7, before=True, max_options=3)
    amounts = np.full(8, 100, dtype=np.int64)  # C(8, 2) = 28 pairs make 200
    assert all_subsets(np.arange(8), np.zeros(8, dtype=np.int64), amounts, 200, search) is None
    assert list_subsets([((0, 0, 200), np.arange(8))], np.zeros(8, dtype=np.int64), amounts, search) == [None]


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.integers(0, 9), st.lists(st.frozensets(st.integers(0, 12), min_size=1, max_size=3), max_size=3)
    )
)
def test_settled_subsets_never_share_a_line_and_each_was_forced(
    options: dict[int, list[frozenset[int]]],
) -> None:
    given_options = {k: [tuple(sorted(s)) for s in v] for k, v in options.items()}
    chosen = settle(given_options)
    lines = [line for subset in chosen.values() for line in subset]
    assert len(lines) == len(set(lines))
    for label, subset in chosen.items():
        assert subset in given_options[label]
        # When it was taken, every other subset of its target used a line taken before it.
        others = [s for s in given_options[label] if s != subset]
        assert all(set(s) & set(lines) - set(subset) for s in others)


def plain_windowed_pairs(
    bank: list[tuple[int, int]], book: list[tuple[int, int]], window: int
) -> list[tuple[int, int]]:
    return [
        (b, j)
        for b, (amount, day) in enumerate(bank)
        for j, (other, other_day) in enumerate(book)
        if amount == other and abs(day - other_day) <= window
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([-300, 100, 250]), st.integers(0, 40)), max_size=25),
    st.lists(st.tuples(st.sampled_from([-300, 100, 250]), st.integers(0, 40)), max_size=25),
    st.integers(0, 10),
)
def test_pairs_found_by_binary_search_are_every_pair_in_the_window(
    bank: list[tuple[int, int]], book: list[tuple[int, int]], window: int
) -> None:
    def columns(lines: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        return np.array([a for a, _ in lines], dtype=np.int64), np.array(
            [d for _, d in lines], dtype=np.int64
        )

    b, j = windowed_pairs(*columns(bank), *columns(book), window=window)
    assert sorted(zip(b.tolist(), j.tolist(), strict=True)) == sorted(
        plain_windowed_pairs(bank, book, window)
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 9)), min_size=1, max_size=20))
def test_the_assignment_takes_as_many_pairs_as_possible_at_the_least_cost(
    edges: list[tuple[int, int, int]],
) -> None:
    unique = {(b, j): cost for b, j, cost in edges}
    bank = np.array([b for b, _ in unique], dtype=np.int64)
    book = np.array([j for _, j in unique], dtype=np.int64)
    cost = np.array(list(unique.values()), dtype=np.float64)
    chosen = assign(bank, book, cost)
    assert len(set(bank[chosen].tolist())) == int(chosen.sum()) == len(set(book[chosen].tolist()))
    graph = csr_array((np.ones(len(bank)), (bank, book)), shape=(6, 6))
    most = int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())
    assert int(chosen.sum()) == most
    full = np.full((6, 6), 1e6)
    full[bank, book] = cost
    rows, cols = linear_sum_assignment(full)
    real = full[rows, cols] < 1e6
    assert cost[chosen].sum() == pytest.approx(full[rows, cols][real].sum())


WORDS = ["SHARMA", "SHRAMA", "ENTERPR", "ENTERPRISES", "ENTP", "TRDRS", "TRADERS", "GUPTA", "R", "RAMESH",
         "AGARWAL", "PVT", "PRIVATE", "LTD", "LIMITED"]  # fmt: skip
words = st.lists(st.sampled_from(WORDS), max_size=5)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(words, min_size=1, max_size=8),
    st.lists(words, min_size=1, max_size=8),
    st.integers(0, 2**32 - 1),
)
def test_party_likenesses_as_arrays_are_each_pairs_likeness(
    bank: list[list[str]], book: list[list[str]], seed: int
) -> None:
    rng = random.Random(seed)
    bank_of = np.array([rng.randrange(len(bank)) for _ in range(30)], dtype=np.int64)
    book_of = np.array([rng.randrange(len(book)) for _ in range(30)], dtype=np.int64)
    got = party_likenesses([tuple(w) for w in bank], [tuple(w) for w in book], bank_of, book_of)
    expected = [
        party_similarity(tuple(bank[b]), tuple(book[j])) for b, j in zip(bank_of, book_of, strict=True)
    ]
    np.testing.assert_allclose(got, expected, atol=1e-6)


def crowded_lines(seed: int, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Crowded dates, few distinct amounts: many competing splits, many shared candidates."""
    rng = random.Random(seed)
    start = dt.date(2025, 4, 1)
    amounts = [rng.choice([1, 2, 3, 5, 7, 10, 12, 15, 20, 25, 30]) * 100 for _ in range(2 * n)]
    signs = [rng.choice([1, 1, 1, -1]) for _ in range(2 * n)]
    bank = bank_lines_frame(
        rows=list(range(2, n + 2)),
        dates=[start + dt.timedelta(days=rng.randrange(20)) for _ in range(n)],
        amounts=[a * s * rng.choice([1, 1, 2, 3]) for a, s in zip(amounts[:n], signs[:n], strict=True)],
        descriptions=[f"DEP {i}" for i in range(n)],
    )
    book = book_lines_frame(
        rows=list(range(2, n + 2)),
        dates=[start + dt.timedelta(days=rng.randrange(20)) for _ in range(n)],
        amounts=[a * s for a, s in zip(amounts[n:], signs[n:], strict=True)],
        narrations=[f"Line {i}" for i in range(n)],
    )
    return bank, book


@pytest.mark.parametrize("seed", range(4))
def test_match_lines_is_deterministic_and_never_uses_a_line_twice(seed: int) -> None:
    bank, book = crowded_lines(seed, 400)
    first, again = match_lines(bank, book), match_lines(bank, book)
    assert first == again
    bank_rows = [r for m in first.matches for r in m.bank_rows]
    journal_rows = [r for m in first.matches for r in m.journal_rows]
    assert len(bank_rows) == len(set(bank_rows))
    assert len(journal_rows) == len(set(journal_rows))


def test_split_search_module_bounds_are_stated() -> None:
    search = SplitSearch(window_days=7, before=True)
    bounds = (search.span_days, search.candidates, search.per_date, search.crowded_days, search.max_options)
    assert bounds == (10, 64, 12, 3, 32)
    assert splits.MAX_LINES == 4
