"""The fast split search finds what the plain one-line-at-a-time search finds.

The split pass searches its lines in vectorised batches and re-searches a line alone when an
earlier line took one of the lines its answer depended on. These tests hold the batched pass to a
plain reference: the per-line search of the first release (kept here), run line by line.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest

from addin.engine.reconciliation import matching
from addin.engine.reconciliation.matching import (
    MAX_SPLIT,
    SPLIT_CANDIDATES,
    bank_lines_frame,
    book_lines_frame,
    match_lines,
)


def reference_find_split(
    window: npt.NDArray[np.int64], gaps: npt.NDArray[np.int64], amounts: npt.NDArray[np.int64], target: int
) -> list[int] | None:
    """The first release's search: each date alone (nearest first), then the nearest across dates."""
    order = np.argsort(np.abs(gaps), kind="stable")
    by_date = [window[gaps == gap] for gap in dict.fromkeys(gaps[order].tolist())]
    groups = [g[:SPLIT_CANDIDATES] for g in [*by_date, window[order]] if len(g) >= 2]
    for group in groups:
        values = amounts[group].tolist()
        for size in range(2, MAX_SPLIT + 1):
            for combo in itertools.combinations(range(len(group)), size):
                if sum(values[i] for i in combo) == target:
                    return [int(group[i]) for i in combo]
    return None


def reference_split_pass(state: matching._Ledgerbook, window_days: int, one_side: str) -> None:
    """The first release's split pass: one line at a time against the lines free at its turn."""
    ones, many = (state.bank, state.book) if one_side == "bank" else (state.book, state.bank)
    ones_free, many_free = (
        (state.bank_free, state.book_free) if one_side == "bank" else (state.book_free, state.bank_free)
    )
    many_dates = many["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    many_amounts = many["amount"].to_numpy()
    one_dates = ones["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    one_amounts = ones["amount"].to_numpy()
    order = np.argsort(many_dates, kind="stable")
    for p in np.flatnonzero(ones_free):
        target = int(one_amounts[p])
        near = np.abs(many_dates[order] - one_dates[p]) <= window_days
        window = order[near]
        window = window[many_free[window]]
        same_sign = np.sign(many_amounts[window]) == np.sign(target)
        window = window[same_sign & (np.abs(many_amounts[window]) < abs(target))]
        if len(window) < 2:
            continue
        chosen = reference_find_split(window, many_dates[window] - one_dates[p], many_amounts, target)
        if chosen is not None:
            bank_pos, book_pos = ([int(p)], chosen) if one_side == "bank" else (chosen, [int(p)])
            state.take(bank_pos, book_pos, "split", 0.8)


def random_lines(seed: int, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Crowded dates, few distinct amounts: many competing splits, many shared candidates."""
    rng = random.Random(seed)
    start = dt.date(2025, 4, 1)
    amounts = [rng.choice([1, 2, 3, 5, 7, 10, 12, 15, 20, 25, 30]) * 100 for _ in range(2 * n)]
    signs = [rng.choice([1, 1, 1, -1]) for _ in range(2 * n)]
    bank_amounts = [a * s * rng.choice([1, 1, 2, 3]) for a, s in zip(amounts[:n], signs[:n], strict=True)]
    book_amounts = [a * s for a, s in zip(amounts[n:], signs[n:], strict=True)]
    bank = bank_lines_frame(
        rows=list(range(2, n + 2)),
        dates=[start + dt.timedelta(days=rng.randrange(20)) for _ in range(n)],
        amounts=bank_amounts,
        descriptions=[f"DEP {i}" for i in range(n)],
    )
    book = book_lines_frame(
        rows=list(range(2, n + 2)),
        dates=[start + dt.timedelta(days=rng.randrange(20)) for _ in range(n)],
        amounts=book_amounts,
        narrations=[f"Line {i}" for i in range(n)],
    )
    return bank, book


def split_matches(bank: pd.DataFrame, book: pd.DataFrame, split_pass: object) -> list[matching.Match]:
    state = matching._Ledgerbook(bank.reset_index(drop=True), book.reset_index(drop=True))
    for side in ("bank", "book"):
        split_pass(state, 7, side)  # type: ignore[operator]
    return state.matches


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("batch", [1, 3, 64])
def test_batched_split_pass_equals_the_line_by_line_search(
    seed: int, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "SPLIT_BATCH", batch)
    bank, book = random_lines(seed, 150)
    fast = split_matches(bank, book, matching._split_pass)
    plain = split_matches(bank, book, reference_split_pass)
    assert fast == plain
    assert len(fast) > 10  # the case does exercise splits


@pytest.mark.parametrize("seed", range(30))
def test_find_split_equals_the_reference_search(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    amounts = rng.choice([100, 200, 300, 500, 700, 1100, 1300], size=n).astype(np.int64)
    dates = np.sort(rng.integers(-3, 4, size=n)).astype(np.int64)
    window = np.arange(n, dtype=np.int64)
    target = int(rng.choice([700, 1000, 1500, 2600, 4000]))
    small = amounts < target
    window, gaps = window[small], dates[small]
    if len(window) < 2:
        return
    got = matching._find_split(window, gaps, amounts, target)
    assert got == reference_find_split(window, gaps, amounts, target)


def test_first_subsets_numbers_subsets_like_combinations() -> None:
    rng = np.random.default_rng(5)
    for size in range(2, SPLIT_CANDIDATES + 1):
        values = rng.integers(1, 30, size=(300, size)).astype(np.int64)
        targets = rng.integers(2, 60, size=300).astype(np.int64)
        rows, combos = matching._first_subsets(values, targets)
        table = matching._combinations(size, MAX_SPLIT)
        expected = {}
        for r in range(300):
            padded = np.append(values[r], 0)
            sums = padded[table].sum(axis=1)
            hits = np.flatnonzero(sums == targets[r])
            if len(hits):
                expected[r] = int(hits[0])
        assert dict(zip(rows.tolist(), combos.tolist(), strict=True)) == expected


def test_match_lines_is_deterministic_and_never_uses_a_line_twice() -> None:
    bank, book = random_lines(99, 400)
    first, again = match_lines(bank, book), match_lines(bank, book)
    assert first == again
    bank_rows = [r for m in first.matches for r in m.bank_rows]
    journal_rows = [r for m in first.matches for r in m.journal_rows]
    assert len(bank_rows) == len(set(bank_rows))
    assert len(journal_rows) == len(set(journal_rows))
    assert any(m.rule == "split" for m in first.matches)
