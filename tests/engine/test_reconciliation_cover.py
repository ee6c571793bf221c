"""Slips settled together (:mod:`addin.engine.reconciliation.cover`): what every largest cover agrees on."""

from __future__ import annotations

import itertools
import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.reconciliation import cover
from addin.engine.reconciliation.cover import settle_jointly

Options = dict[int, list[tuple[int, ...]]]


def largest_covers(options: Options) -> list[dict[int, tuple[int, ...] | None]]:
    """Every cover listed (a subset or none per target, no line twice); the largest of them."""
    targets = sorted(options)
    covers = []
    for picks in itertools.product(*[[None, *options[t]] for t in targets]):
        used = [line for pick in picks if pick is not None for line in pick]
        if len(used) == len(set(used)):
            covers.append(dict(zip(targets, picks, strict=True)))
    most = max(sum(pick is not None for pick in c.values()) for c in covers)
    return [c for c in covers if sum(pick is not None for pick in c.values()) == most]


def forced_by_brute_force(options: Options) -> dict[int, tuple[int, ...]]:
    """What every largest cover gives a target."""
    largest = largest_covers(options)
    return {
        t: pick
        for t in sorted(options)
        if (pick := largest[0][t]) is not None and all(c[t] == pick for c in largest)
    }


options_strategy = st.dictionaries(
    st.integers(0, 5),
    st.lists(
        st.lists(st.integers(10, 19), min_size=1, max_size=3, unique=True).map(lambda s: tuple(sorted(s))),
        max_size=3,
        unique=True,
    ),
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(options_strategy)
def test_a_slip_takes_only_the_set_every_largest_cover_gives_it(options: Options) -> None:
    settled, forced = settle_jointly(options), forced_by_brute_force(options)
    assert settled.items() <= forced.items()
    explained = sum(pick is not None for pick in largest_covers(options)[0].values())
    if explained == sum(1 for subsets in options.values() if subsets):  # every slip explained at once
        assert settled == forced  # …then what is forced is found whole


LEFT_OVER: Options = {1: [(13, 14)], 2: [(13, 14)], 3: [(10, 11), (11, 12)], 4: [(12, 15), (13, 15)]}
"""Slips 1 and 2 both need cheques 13 + 14: one of them is left over, whichever it is. Slip 4 is
12 + 15 or 13 + 15, slip 3 is 10 + 11 or 11 + 12: explaining three slips takes 12 + 15 and 10 + 11."""


def test_with_a_slip_left_over_every_forced_set_is_found_when_a_cover_found_is_largest() -> None:
    # the relaxation allows three slips and a greedy cover explains three: the largest covers are
    # searched, and both forced sets found
    assert forced_by_brute_force(LEFT_OVER) == {3: (10, 11), 4: (12, 15)}
    assert settle_jointly(LEFT_OVER) == {3: (10, 11), 4: (12, 15)}


def test_where_the_largest_covers_are_not_searched_the_relaxations_proof_stands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # as if the search were not proven within its bounds: the relaxation proves 12 + 15 (forbidding
    # it costs a whole slip); 10 + 11 it cannot tell from the relaxed values alone, so it is left —
    # fewer than every forced set, never one that is not
    monkeypatch.setattr(cover._Component, "_forced_among", lambda *_: None)
    assert settle_jointly(LEFT_OVER) == {4: (12, 15)}


def test_two_slips_that_only_add_up_together_one_way_take_their_cheques() -> None:
    # 3,000 is A + B or C + D; 3,250 is B + C or D + E: only A + B with D + E explains both
    a, b, c, d, e = 10, 11, 12, 13, 14
    assert settle_jointly({1: [(a, b), (c, d)], 2: [(b, c), (d, e)]}) == {1: (a, b), 2: (d, e)}


def test_two_slips_that_could_swap_their_cheques_are_left() -> None:
    assert settle_jointly({1: [(10, 11), (12, 13)], 2: [(10, 11), (12, 13)]}) == {}


def test_a_neighbourhood_with_too_many_sets_is_left_alone() -> None:
    options = {1: [(10, 11), (12, 13)], 2: [(12, 13), (13, 14)], 3: [(14, 15)]}
    assert settle_jointly(options, max_choices=4) == {}
    assert settle_jointly(options, max_choices=5) == {1: (10, 11), 2: (12, 13), 3: (14, 15)}


def test_what_the_solver_prints_to_standard_output_is_not_shown(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # HiGHS 1.12 printf()s a debugging line now and then; `bahi reconcile --format json` must stay JSON
    solve = cover.milp

    def chatty(*args: Any, **kwargs: Any) -> Any:
        os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();\n")
        return solve(*args, **kwargs)

    monkeypatch.setattr(cover, "milp", chatty)
    print("before", flush=True)
    assert settle_jointly({1: [(10, 11), (12, 13)], 2: [(11, 12), (13, 14)]}) == {1: (10, 11), 2: (13, 14)}
    print("after", flush=True)
    assert capfd.readouterr().out == "before\nafter\n"


def test_a_component_met_again_unchanged_is_not_solved_again(monkeypatch: pytest.MonkeyPatch) -> None:
    solved: list[list[int]] = []
    forced = cover._Component.forced

    def counted(self: Any) -> dict[int, tuple[int, ...]]:
        solved.append(self.targets)
        return forced(self)

    monkeypatch.setattr(cover._Component, "forced", counted)
    settled: cover.Settled = {}
    open_slips = {1: [(10, 11), (12, 13)], 2: [(10, 11), (12, 13)], 3: [(20, 21)], 4: [(20, 21)]}
    assert settle_jointly(open_slips, settled=settled) == {}
    assert settle_jointly({**open_slips, 4: [(21, 22)]}, settled=settled) == {}
    assert solved == [[1, 2], [3, 4], [3, 4]]  # slips 1 and 2 unchanged: their answer kept
