"""Slips settled together (:mod:`addin.engine.reconciliation.cover`): what every largest cover agrees on."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.reconciliation.cover import settle_jointly

Options = dict[int, list[tuple[int, ...]]]


def forced_by_brute_force(options: Options) -> dict[int, tuple[int, ...]]:
    """Every cover listed (a subset or none per target, no line twice); of the largest, what all share."""
    targets = sorted(options)
    covers = []
    for picks in itertools.product(*[[None, *options[t]] for t in targets]):
        used = [line for pick in picks if pick is not None for line in pick]
        if len(used) == len(set(used)):
            covers.append(dict(zip(targets, picks, strict=True)))
    most = max(sum(pick is not None for pick in c.values()) for c in covers)
    largest = [c for c in covers if sum(pick is not None for pick in c.values()) == most]
    return {
        t: pick for t in targets if (pick := largest[0][t]) is not None and all(c[t] == pick for c in largest)
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


@settings(max_examples=150, deadline=None)
@given(options_strategy)
def test_a_slip_takes_a_set_exactly_when_every_largest_cover_gives_it_that_set(options: Options) -> None:
    assert settle_jointly(options) == forced_by_brute_force(options)


def test_two_slips_that_only_add_up_together_one_way_take_their_cheques() -> None:
    # 3,000 is A + B or C + D; 3,250 is B + C or D + E: only A + B with D + E explains both
    a, b, c, d, e = 10, 11, 12, 13, 14
    assert settle_jointly({1: [(a, b), (c, d)], 2: [(b, c), (d, e)]}) == {1: (a, b), 2: (d, e)}


def test_two_slips_that_could_swap_their_cheques_are_left() -> None:
    assert settle_jointly({1: [(10, 11), (12, 13)], 2: [(10, 11), (12, 13)]}) == {}


def test_a_neighbourhood_with_too_many_sets_is_left_alone() -> None:
    options = {1: [(10, 11), (12, 13)], 2: [(12, 13)]}
    assert settle_jointly(options, max_choices=2) == {}
    assert settle_jointly(options, max_choices=3) == {1: (10, 11), 2: (12, 13)}
