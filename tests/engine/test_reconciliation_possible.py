"""The short list of what an open bank line could be (:mod:`addin.engine.reconciliation.possible`)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.reconciliation.matching import Matching, match_lines
from addin.engine.reconciliation.possible import WIDE, possible_matches
from tests.engine.test_reconciliation import D, bank, books

SLIPS = bank((2, D(2025, 9, 10), 300000, "BY CLG SLIP NO 1"), (3, D(2025, 9, 11), 300000, "BY CLG SLIP NO 2"))
CHEQUES = books(
    (7, D(2025, 9, 3), 100000, "Chq from A", ""),
    (8, D(2025, 9, 4), 200000, "Chq from B", ""),
    (9, D(2025, 9, 5), 125000, "Chq from C", ""),
    (10, D(2025, 9, 6), 175000, "Chq from D", ""),
)


def test_two_slips_that_could_swap_their_cheques_each_list_both_sets() -> None:
    matching = match_lines(SLIPS, CHEQUES)
    assert matching.matches == ()  # the matcher leaves them: the amounts cannot tell
    assert possible_matches(SLIPS, CHEQUES, matching, window_days=7) == {
        2: ((7, 8), (9, 10)),
        3: ((7, 8), (9, 10)),
    }


def test_an_equal_amount_whose_names_read_unlike_is_listed_with_the_sets() -> None:
    line = bank((2, D(2025, 9, 10), 300000, "NEFT CR-HDFC0001234-AJAY SINGH"))
    journal = books(
        (6, D(2025, 9, 9), 300000, "Received from Yadav Polymers", ""),
        (7, D(2025, 9, 3), 100000, "Received from Sharma Traders", ""),
        (8, D(2025, 9, 4), 200000, "Received from Gupta Stores", ""),
        (9, D(2025, 8, 25), 300000, "Received from Mehta and Sons", ""),  # beyond the window, within a month
    )
    matching = match_lines(line, journal)
    assert [m.bank_rows for m in matching.matches] == []
    assert possible_matches(line, journal, matching, window_days=7) == {2: ((6,), (7, 8))}


def test_matched_lines_are_never_listed_and_a_line_with_too_many_sets_gets_no_list() -> None:
    matching = match_lines(SLIPS, CHEQUES)
    assert possible_matches(SLIPS, CHEQUES, matching, window_days=7, most=1) == {}
    crowded = books(*[(7 + k, D(2025, 9, 3), 100000, f"Chq from {k}", "") for k in range(5)])
    one = bank((2, D(2025, 9, 10), 200000, "BY CLG SLIP NO 1"))
    assert possible_matches(one, crowded, match_lines(one, crowded), window_days=7) == {}  # ten pairs
    taken = books((7, D(2025, 9, 10), 300000, "Chq from A", ""))
    assert possible_matches(SLIPS[:1], taken, match_lines(SLIPS[:1], taken), window_days=7) == {}


def test_a_line_whose_sets_were_not_all_searched_gets_no_list_though_one_line_has_its_amount() -> None:
    line = bank((2, D(2025, 9, 10), 300000, "BY CLG SLIP NO 1"))
    crowd = [(10 + k, D(2025, 9, 1 + k % 9), 1000 + k, f"Chq {k}", "") for k in range(WIDE + 1)]
    journal = books((5, D(2025, 9, 9), 300000, "Chq from A", ""), *crowd)
    every_line_open = Matching((), (2,), (5, *(c[0] for c in crowd)))
    assert possible_matches(line, journal, every_line_open, window_days=7) == {}
    assert possible_matches(line, journal, Matching((), (2,), (5, 10, 11)), window_days=7) == {2: ((5,),)}


CREDIT_LINES = st.tuples(st.integers(0, 20), st.sampled_from([1000, 2500, 4000, 6500]))
CHEQUE_LINES = st.tuples(st.integers(0, 20), st.sampled_from([500, 1000, 1500, 2500, 3000]))


@settings(max_examples=150, deadline=None)
@given(st.lists(CREDIT_LINES, min_size=1, max_size=6), st.lists(CHEQUE_LINES, max_size=12))
def test_every_set_listed_adds_up_to_its_line_from_open_lines_near_it(
    bank_lines: list[tuple[int, int]], book_lines: list[tuple[int, int]]
) -> None:
    def day_of(d: int) -> dt.date:
        return D(2025, 9, 1) + dt.timedelta(days=d)

    statement = bank(*[(2 + i, day_of(d), a, "CLG CR") for i, (d, a) in enumerate(bank_lines)])
    journal = books(*[(100 + i, day_of(d), a, "chq", "") for i, (d, a) in enumerate(book_lines)])
    matching = match_lines(statement, journal)
    found = possible_matches(statement, journal, matching, window_days=7)
    amount = dict(zip(statement["row"], statement["amount"], strict=True))
    day = dict(zip(journal["row"], journal["date"], strict=True))
    bank_day = dict(zip(statement["row"], statement["date"], strict=True))
    for row, sets in found.items():
        assert row in matching.unmatched_bank
        assert 1 <= len(sets) <= 3
        assert len(set(sets)) == len(sets)
        for lines in sets:
            assert set(lines) <= set(matching.unmatched_journal)
            assert sum(int(journal.loc[journal["row"] == j, "amount"].iloc[0]) for j in lines) == amount[row]
            assert all(abs((day[j] - bank_day[row]).days) <= 7 + 10 for j in lines)
