"""The short list of what an open bank line could be (:mod:`addin.engine.reconciliation.possible`)."""

from __future__ import annotations

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
        (9, D(2025, 8, 1), 300000, "Received from Mehta and Sons", ""),  # beyond the window
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
