"""The reconciliation benchmark's honest figures: links up to identical lines, and what no data determines."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.reconciliation_case import BankLine, BookLine, case_from_lines
from benchmarks.reconciliation_identifiable import (
    _changed_among,
    _Cover,
    alike,
    ambiguous_links,
    reassigned_links,
    scores,
    shared_clues,
)

D = dt.date(2025, 6, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def bank(row: int, n: int, amount: int, text: str) -> BankLine:
    return (row, day(n), amount, text)


def book(row: int, n: int, amount: int, text: str) -> BookLine:
    return (row, day(n), amount, text, "", "")


@pytest.mark.parametrize(
    ("bank_word", "book_word", "expected"),
    [
        ("ENTERPR", "ENTERPRISES", True),  # cut to the field's width
        ("ENTP", "ENTERPRISES", True),  # abbreviated: letters left out
        ("SHRAMA", "SHARMA", True),  # two letters swapped
        ("SHARMMA", "SHARMA", True),  # a letter doubled
        ("R", "RAMESH", True),  # an initial
        ("SHARMA", "SHETTY", False),
        ("NTP", "ENTERPRISES", False),  # the first letter is kept
        ("004512", "4512", False),  # numbers: compared as read (see clues: leading zeros dropped)
        ("4512", "4512", True),
    ],
)
def test_words_alike_when_cut_abbreviated_or_mistyped(bank_word: str, book_word: str, expected: bool) -> None:
    assert alike(bank_word, book_word) is expected


def test_clues_shared_by_a_bank_description_and_a_narration() -> None:
    shared = shared_clues("NEFT-HDFC0001234-SHARMA ENTP", "Paid to M/s Sharma Enterprises")
    assert shared == {"SHARMA", "ENTP"}
    assert shared_clues("TO CLG 004512", "Chq 4512 issued, Rao") == {"4512"}
    assert shared_clues("BY CLEARING", "Chq 4512 recd from Rao") == frozenset()


def rent_case(bank_texts: tuple[str, str], bank_days: tuple[int, int]):  # type: ignore[no-untyped-def]
    """Two equal rents to different landlords, a day apart in the books."""
    return case_from_lines(
        [bank(2, bank_days[0], -2_500_000, bank_texts[0]), bank(3, bank_days[1], -2_500_000, bank_texts[1])],
        [
            book(2, 1, -2_500_000, "Rent Jun-25 paid to Sharma Enterprises"),
            book(3, 2, -2_500_000, "Rent Jun-25 paid to Mehta Agencies"),
        ],
        {(2, 2), (3, 3)},
    )


def test_equal_rents_the_bank_names_are_determined() -> None:
    case = rent_case(("NEFT DR-SHARMA ENTP", "NEFT DR-MEHTA AGEN"), (2, 3))
    assert ambiguous_links(case) == set()


def test_equal_rents_nothing_tells_apart_are_ambiguous() -> None:
    """Bank texts without the party, dates that fit either way as well (1 + 1 days, or 0 + 2)."""
    case = rent_case(("NEFT DR BATCH", "NEFT DR BATCH"), (2, 3))
    assert ambiguous_links(case) == {(2, 2), (3, 3)}


def test_nearest_dates_are_evidence() -> None:
    """Swapped, the lines would lie 2 + 2 days apart instead of 0 + 0: the dates determine them."""
    case = case_from_lines(
        [bank(2, 1, 5_000_000, "CASH DEPOSIT"), bank(3, 3, 5_000_000, "CASH DEPOSIT")],
        [book(2, 1, 5_000_000, "Cash deposited"), book(3, 3, 5_000_000, "Cash deposited")],
        {(2, 2), (3, 3)},
    )
    assert ambiguous_links(case) == set()


def test_identical_lines_are_interchangeable_not_ambiguous() -> None:
    """Two identical cash deposits on one day: any pairing is right up to equivalence."""
    case = case_from_lines(
        [bank(2, 1, 5_000_000, "CASH DEPOSIT"), bank(3, 1, 5_000_000, "CASH DEPOSIT")],
        [book(2, 1, 5_000_000, "Cash deposited"), book(3, 1, 5_000_000, "Cash deposited")],
        {(2, 2), (3, 3)},
    )
    crossed = {(2, 3), (3, 2)}
    assert ambiguous_links(case) == set()
    s = scores(case, crossed, set())
    assert (s.precision, s.recall) == (0.0, 0.0)
    assert (s.precision_eq, s.recall_eq, s.ceiling) == (1.0, 1.0, 1.0)


def test_each_true_link_is_credited_once() -> None:
    case = case_from_lines(
        [bank(2, 1, 5_000_000, "CASH DEPOSIT"), bank(3, 1, 5_000_000, "CASH DEPOSIT")],
        [book(2, 1, 5_000_000, "Cash deposited"), book(3, 1, 5_000_000, "Cash deposited")],
        {(2, 2)},  # the second deposit is not on the statement yet
    )
    s = scores(case, {(2, 2), (3, 3)}, set())
    assert (s.precision_eq, s.recall_eq) == (0.5, 1.0)


def slip_case(single_text: str):  # type: ignore[no-untyped-def]
    """A slip of 30,000 + 20,000 and, two days later, a cheque of 50,000 alone; or 30,000 + 20,000
    in the slip traded for 50,000: the same sums."""
    return case_from_lines(
        [bank(2, 5, 5_000_000, "BY CLG SLIP 4411"), bank(3, 5, 5_000_000, single_text)],
        [
            book(2, 3, 3_000_000, "Chq 111111 recd from Rao"),
            book(3, 4, 2_000_000, "Chq 222222 recd from Jain"),
            book(4, 3, 5_000_000, "Chq 333333 recd from Pillai"),
        ],
        {(2, 2), (2, 3), (3, 4)},
    )


def test_a_slip_whose_cheques_another_credit_could_hold_is_ambiguous() -> None:
    assert ambiguous_links(slip_case("BY CLEARING")) == {(2, 2), (2, 3), (3, 4)}


def test_a_slip_with_one_cheque_in_doubt_is_undetermined_whole() -> None:
    """30,000 + 20,000 + 10,000 on one slip, and a 10,000 cheque credited alone the same day: the two
    10,000 cheques could be either way round. The slip's other cheques are the same either way, but
    a match balances — the slip is taken with all its cheques or not at all — so none is determined."""
    case = case_from_lines(
        [bank(2, 5, 6_000_000, "BY CLG SLIP 4411"), bank(3, 5, 1_000_000, "BY CLEARING")],
        [
            book(2, 3, 3_000_000, "Chq 111111 recd from Rao"),
            book(3, 4, 2_000_000, "Chq 222222 recd from Jain"),
            book(4, 3, 1_000_000, "Chq 333333 recd from Pillai"),
            book(5, 3, 1_000_000, "Chq 444444 recd from Shah"),
        ],
        {(2, 2), (2, 3), (2, 4), (3, 5)},
    )
    assert ambiguous_links(case) == {(2, 2), (2, 3), (2, 4), (3, 5)}


def test_a_cheque_number_in_the_description_determines_the_slip() -> None:
    assert ambiguous_links(slip_case("CLG CR 333333")) == set()


def slips_a_day_apart(third_slip_gap: int):  # type: ignore[no-untyped-def]
    """Two slips credited on days 10 and 11, each with a 7,900 cheque (entered on days 2 and 5):
    traded, the cheques lie 5 + 9 days from their credits instead of 8 + 6 — no farther in total. A
    third slip, far off, has a cheque entered ``third_slip_gap`` days before its credit."""
    return case_from_lines(
        [bank(2, 10, 1_779_000, "BY CLEARING"), bank(3, 11, 2_089_000, "BY CLEARING"),
         bank(4, 40, 1_500_000, "BY CLEARING")],
        [book(2, 2, 790_000, "Chq 111111 recd from Rao"), book(3, 3, 989_000, "Chq 222222 recd from Jain"),
         book(4, 5, 790_000, "Chq 333333 recd from Shah"), book(5, 8, 1_299_000, "Chq 444444 recd from Puri"),
         book(6, 40 - third_slip_gap, 700_000, "Chq 555555 recd from Mehta"),
         book(7, 39, 800_000, "Chq 666666 recd from Desai")],
        {(2, 2), (2, 3), (3, 4), (3, 5), (4, 6), (4, 7)},
    )  # fmt: skip


def test_a_window_is_the_widest_its_shape_needs_not_the_group_s_own() -> None:
    """The second slip's own cheques lie 3 and 6 days before it; a matcher does not know that. Once
    any slip of the account needs 9 days, every slip's window is 9 days wide, and the trade is in."""
    assert ambiguous_links(slips_a_day_apart(7)) == set()  # no slip needs more than 8 days
    assert ambiguous_links(slips_a_day_apart(9)) == {(2, 2), (2, 3), (3, 4), (3, 5)}


def test_a_line_without_a_true_link_can_make_a_link_ambiguous() -> None:
    """The book has two equal receipts a day apart; only one reached the bank (the other keyed wrongly
    elsewhere, say): the bank line fits both, the nearer one no better (1 day either way)."""
    case = case_from_lines(
        [bank(2, 2, 1_000_000, "BY CASH")],
        [book(2, 1, 1_000_000, "Cash deposited"), book(3, 3, 1_000_000, "Cash deposited")],
        {(2, 2)},
    )
    assert ambiguous_links(case) == {(2, 2)}
    assert scores(case, set(), ambiguous_links(case)).ceiling == 0.0


def test_determined_figures_leave_the_coin_flips_aside() -> None:
    """Two equal rents nothing tells apart, crossed by the matcher (a coin flip), and a cash deposit
    the data decides, matched right: raw precision 1/3, but 1 of 1 where the data decides."""
    case = case_from_lines(
        [bank(2, 2, -2_500_000, "NEFT DR BATCH"), bank(3, 3, -2_500_000, "NEFT DR BATCH"),
         bank(4, 9, 700_000, "CASH DEPOSIT")],
        [book(2, 1, -2_500_000, "Rent Jun-25 paid to Sharma Enterprises"),
         book(3, 2, -2_500_000, "Rent Jun-25 paid to Mehta Agencies"), book(4, 9, 700_000, "Cash deposited")],
        {(2, 2), (3, 3), (4, 4)},
    )  # fmt: skip
    ambiguous = ambiguous_links(case)
    assert ambiguous == {(2, 2), (3, 3)}
    s = scores(case, {(2, 3), (3, 2), (4, 4)}, ambiguous)
    assert (round(s.precision, 4), round(s.ceiling, 4)) == (0.3333, 0.3333)
    assert (s.precision_determined, s.recall_determined) == (1.0, 1.0)


def test_a_slip_two_other_receipts_add_up_to_is_ambiguous() -> None:
    """30,000 + 20,000 on one slip; the books also hold 25,000 + 25,000 received on the same days that
    never reached the bank (not yet paid in): the slip's credit fits either pair as well."""
    case = case_from_lines(
        [bank(2, 5, 5_000_000, "BY CLG SLIP 4411")],
        [
            book(2, 3, 3_000_000, "Chq 111111 recd from Rao"),
            book(3, 4, 2_000_000, "Chq 222222 recd from Jain"),
            book(4, 3, 2_500_000, "Chq 555555 recd from Shah"),
            book(5, 4, 2_500_000, "Chq 666666 recd from Mehta"),
        ],
        {(2, 2), (2, 3)},
    )
    assert ambiguous_links(case) == set()  # no exchange of one line for one line finds it
    assert reassigned_links(case) == {(2, 2), (2, 3)}


def joint_rents(days: tuple[int, int, int]):  # type: ignore[no-untyped-def]
    """Equal rents to three landlords, each property held jointly by two of them: the bank names one
    payee, the books both owners; each rent paid and booked on its day."""
    payees, owners = ("SHARMA", "MEHTA", "RAO"), ("Sharma and Mehta", "Mehta and Rao", "Rao and Sharma")
    return case_from_lines(
        [bank(r, n, -2_500_000, f"NEFT DR-{p}") for r, n, p in zip((2, 3, 4), days, payees, strict=True)],
        [book(r, n, -2_500_000, f"Rent to {o}") for r, n, o in zip((2, 3, 4), days, owners, strict=True)],
        {(2, 2), (3, 3), (4, 4)},
    )


def test_three_payments_that_only_a_rotation_exchanges_are_ambiguous() -> None:
    """All on one day. Trading any two payments breaks a name, but rotating all three keeps every
    name: the data does not tell the truth from the rotation."""
    case = joint_rents((2, 2, 2))
    assert ambiguous_links(case) == set()
    assert reassigned_links(case) == {(2, 2), (3, 3), (4, 4)}


def test_a_rotation_that_moves_lines_farther_leaves_the_truth_determined() -> None:
    """Each rent on its own day: any rotation moves the lines days from their payments, so the dates
    decide."""
    assert reassigned_links(joint_rents((2, 4, 6))) == set()


def test_one_exchange_cannot_pay_for_another_s_days() -> None:
    """Hub 1 could take a line without a true link 4 days nearer than its own; hubs 2 and 3 could
    trade their lines, 2 + 2 days farther. Together the days do not grow, but the trade on its own
    moves both lines farther: only hub 1 is in doubt."""
    choices = [
        _Cover(1, (10,), 4, True), _Cover(1, (11,), 0, False), _Cover(1, (20,), 9, False),
        _Cover(2, (20,), 0, True), _Cover(2, (30,), 2, False),
        _Cover(3, (30,), 0, True), _Cover(3, (20,), 2, False),
    ]  # fmt: skip
    assert _changed_among(choices, {10: 1, 20: 2, 30: 3}, set()) == {1}
