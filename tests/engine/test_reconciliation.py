"""Bank reconciliation, as an accountant would specify it: ledgers written inline."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.reconciliation.match_rules import load_match_rules
from addin.engine.reconciliation.matching import bank_lines_frame, book_lines_frame, match_lines
from addin.engine.reconciliation.reconcile import match_differences, write_off_entries
from addin.engine.reconciliation.statement import proposed_entries, reconciliation_statement
from addin.engine.tables import RawTable

D = dt.date


def bank(*lines: tuple[int, dt.date, int, str] | tuple[int, dt.date, int, str, str, str]) -> pd.DataFrame:
    """Statement lines: (row, date, amount paise — deposit positive, description[, match id, rule])."""
    return bank_lines_frame(
        rows=[line[0] for line in lines],
        dates=[line[1] for line in lines],
        amounts=[line[2] for line in lines],
        descriptions=[line[3] for line in lines],
        match_ids=[line[4] if len(line) > 4 else "" for line in lines],  # type: ignore[misc]
        match_rules=[line[5] if len(line) > 5 else "" for line in lines],  # type: ignore[misc]
    )


def books(
    *lines: tuple[int, dt.date, int, str, str] | tuple[int, dt.date, int, str, str, str],
) -> pd.DataFrame:
    """Bank-account journal lines: (row, date, amount paise — debit positive, narration, reference[, id])."""
    return book_lines_frame(
        rows=[line[0] for line in lines],
        dates=[line[1] for line in lines],
        amounts=[line[2] for line in lines],
        narrations=[line[3] for line in lines],
        references=[line[4] for line in lines],
        match_ids=[line[5] if len(line) > 5 else "" for line in lines],  # type: ignore[misc]
    )


def test_a_utr_on_both_sides_matches_by_reference_even_days_apart() -> None:
    result = match_lines(
        bank((2, D(2025, 6, 20), 500000, "NEFT-HDFCN52025061512345678-RAVI KUMAR")),
        books((10, D(2025, 6, 5), 500000, "Received from Ravi Kumar", "HDFCN52025061512345678")),
    )
    assert [(m.rule, m.bank_rows, m.journal_rows) for m in result.matches] == [("reference", (2,), (10,))]


def test_same_amount_same_date_matches_when_it_is_the_only_candidate() -> None:
    result = match_lines(
        bank((2, D(2025, 4, 3), -120000, "ATM WDL")),
        books((5, D(2025, 4, 3), -120000, "Cash withdrawn", "")),
    )
    assert [(m.rule, m.confidence) for m in result.matches] == [("amount-date", 0.97)]


def test_a_cheque_presented_days_later_matches_in_the_window() -> None:
    result = match_lines(
        bank((2, D(2025, 4, 9), -2500000, "TO CLG 000123")),
        books((5, D(2025, 4, 4), -2500000, "Rent for April", "")),
    )
    assert [m.rule for m in result.matches] == ["amount-window"]


def test_outside_the_window_nothing_matches() -> None:
    result = match_lines(
        bank((2, D(2025, 4, 20), -2500000, "TO CLG 000123")),
        books((5, D(2025, 4, 4), -2500000, "Rent for April", "")),
        window_days=7,
    )
    assert result.matches == ()
    assert (result.unmatched_bank, result.unmatched_journal) == ((2,), (5,))


def test_equal_amounts_go_to_the_nearest_date() -> None:
    result = match_lines(
        bank((2, D(2025, 5, 2), 100000, "UPI CR"), (3, D(2025, 5, 9), 100000, "UPI CR")),
        books((7, D(2025, 5, 8), 100000, "Sale", ""), (8, D(2025, 5, 1), 100000, "Sale", "")),
    )
    assert sorted((m.bank_rows, m.journal_rows) for m in result.matches) == [((2,), (8,)), ((3,), (7,))]


def test_narration_decides_between_equal_amounts_on_equal_gaps() -> None:
    result = match_lines(
        bank((2, D(2025, 5, 3), 100000, "NEFT CR MEERA TEXTILES")),
        books(
            (7, D(2025, 5, 1), 100000, "Received from Anil Stores", ""),
            (8, D(2025, 5, 5), 100000, "Received from Meera Textiles", ""),
        ),
    )
    assert [(m.bank_rows, m.journal_rows) for m in result.matches] == [((2,), (8,))]


def test_a_deposit_slip_of_three_cheques_matches_one_bank_credit() -> None:
    result = match_lines(
        bank((2, D(2025, 7, 4), 350000, "CHQ DEP SLIP 44")),
        books(
            (7, D(2025, 7, 3), 100000, "Chq from A", ""),
            (8, D(2025, 7, 3), 200000, "Chq from B", ""),
            (9, D(2025, 7, 3), 50000, "Chq from C", ""),
            (10, D(2025, 7, 3), 70000, "Chq from D", ""),
        ),
    )
    assert [(m.rule, m.bank_rows, m.journal_rows) for m in result.matches] == [("split", (2,), (7, 8, 9))]


def test_a_match_typed_by_hand_is_kept_with_its_id() -> None:
    result = match_lines(
        bank((2, D(2025, 8, 1), 999900, "ODD CREDIT", "HAND-1")),
        books((7, D(2025, 6, 1), 999900, "Old receipt", "", "HAND-1")),
    )
    assert [(m.match_id, m.rule) for m in result.matches] == [("HAND-1", "manual")]


def test_a_line_is_never_matched_twice() -> None:
    result = match_lines(
        bank((2, D(2025, 4, 3), 100000, "CR"), (3, D(2025, 4, 3), 100000, "CR")),
        books((5, D(2025, 4, 3), 100000, "Sale", "")),
    )
    assert len(result.matches) == 1
    assert len(result.unmatched_bank) == 1


def test_a_rerun_over_its_own_ids_changes_nothing() -> None:
    b = bank((2, D(2025, 4, 9), -2500000, "TO CLG 000123"), (3, D(2025, 4, 30), -5900, "SMS CHARGES"))
    j = books((5, D(2025, 4, 4), -2500000, "Rent", ""))
    first = match_lines(b, j)
    ids = {r: m.match_id for m in first.matches for r in m.bank_rows}
    rules = {r: m.rule for m in first.matches for r in m.bank_rows}
    b2 = b.assign(
        match_id=[ids.get(r, "") for r in b["row"]], match_rule=[rules.get(r, "") for r in b["row"]]
    )
    jids = {r: m.match_id for m in first.matches for r in m.journal_rows}
    j2 = j.assign(match_id=[jids.get(r, "") for r in j["row"]])
    second = match_lines(b2, j2)
    assert [(m.match_id, m.rule, m.bank_rows, m.journal_rows) for m in second.matches] == [
        (m.match_id, m.rule, m.bank_rows, m.journal_rows) for m in first.matches
    ]
    assert second.unmatched_bank == first.unmatched_bank


def test_brs_explains_the_difference_to_the_paisa() -> None:
    b = bank(
        (2, D(2026, 3, 10), 1000000, "NEFT CR A"),
        (3, D(2026, 3, 31), -11800, "SMS ALERT CHARGES"),
        (4, D(2026, 3, 31), 45600, "INT.PD 01-01 TO 31-03"),
    )
    j = books(
        (7, D(2026, 3, 10), 1000000, "Receipt A", ""),
        (8, D(2026, 3, 30), -250000, "Chq 000777 to landlord", "000777"),  # not presented
        (9, D(2026, 3, 31), 300000, "Cash deposited", ""),  # not credited
    )
    matching = match_lines(b, j)
    # opening 0: bank = 10,000 - 118 + 456 = 10,338.00; books = 10,000 - 2,500 + 3,000 = 10,500.00
    brs = reconciliation_statement(b, j, matching, balance_per_bank=1033800, balance_per_books=1050000)
    assert [i.row for i in brs.cheques_not_presented] == [8]
    assert [i.row for i in brs.deposits_not_credited] == [9]
    assert [i.row for i in brs.debited_by_bank_only] == [3]
    assert [i.row for i in brs.credited_by_bank_only] == [4]
    assert brs.unexplained_difference == 0
    assert brs.is_reconciled


def test_charges_and_interest_are_proposed_never_posted() -> None:
    b = bank((3, D(2026, 3, 31), -11800, "SMS ALERT CHARGES"), (4, D(2026, 3, 31), 45600, "INT.PD Q4"))
    j = books((7, D(2026, 3, 10), 1, "x", ""))
    brs = reconciliation_statement(b, j, match_lines(b, j), balance_per_bank=0, balance_per_books=0)
    proposals = proposed_entries(brs, bank_account="1110", charges_account="5600", interest_account="4300")
    assert [(p.kind, p.debit_account, p.credit_account, p.amount) for p in proposals] == [
        ("bank-charges", "5600", "1110", 11800),
        ("interest", "1110", "4300", 45600),
    ]


amounts = st.integers(min_value=-10_000_000, max_value=10_000_000).filter(lambda a: a != 0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(amounts, st.integers(0, 60), st.integers(0, 5)), min_size=1, max_size=30))
def test_matched_plus_unmatched_is_every_line_once(lines: list[tuple[int, int, int]]) -> None:
    start = D(2025, 4, 1)
    b = bank(*((i + 2, start + dt.timedelta(days=d + lag), a, "CR") for i, (a, d, lag) in enumerate(lines)))
    j = books(*((i + 2, start + dt.timedelta(days=d), a, "entry", "") for i, (a, d, _) in enumerate(lines)))
    result = match_lines(b, j)
    bank_rows = [r for m in result.matches for r in m.bank_rows] + list(result.unmatched_bank)
    book_rows = [r for m in result.matches for r in m.journal_rows] + list(result.unmatched_journal)
    assert sorted(bank_rows) == sorted(b["row"])
    assert sorted(book_rows) == sorted(j["row"])
    for m in result.matches:
        bank_sum = int(b.set_index("row").loc[list(m.bank_rows), "amount"].sum())
        book_sum = int(j.set_index("row").loc[list(m.journal_rows), "amount"].sum())
        assert bank_sum == book_sum


def rules_table(*rows: list[object]) -> RawTable:
    headings = ["Rule", "Narration Contains", "Narration Regex", "Party", "Amount Tolerance",
                "Write-off Account", "Date Window (days)", "Active"]  # fmt: skip
    return RawTable.from_rows("MatchRules", "Match Rules", [headings, *rows])


def test_a_user_rule_matches_within_its_tolerance_before_the_built_in_passes() -> None:
    rules, issues = load_match_rules(rules_table(["PayU", "PAYU", "", "PayU", 50, "5340", 10, "Yes"]))
    result = match_lines(
        bank((2, D(2025, 9, 8), 98200, "NEFT-PAYU PAYMENTS SETTL 0909")),
        books((7, D(2025, 9, 1), 100000, "Online sales via PayU", "")),
        rules=rules,
    )
    assert issues == []
    assert [(m.rule, m.bank_rows, m.journal_rows) for m in result.matches] == [("rule:PayU", (2,), (7,))]


def test_an_inactive_or_broken_rule_is_skipped_and_a_broken_one_reported() -> None:
    rules, issues = load_match_rules(rules_table(
        ["Off", "X", "", "", 0, "", "", "No"],
        ["Bad", "", "([", "", 0, "", "", "Yes"],
    ))  # fmt: skip
    assert rules == ()
    assert [(i.rule, i.cell) for i in issues] == [("invalid-match-rule", "C3")]
    assert issues[0].message_hi


def test_a_tolerated_difference_is_itemised_in_the_brs_and_proposed_as_a_write_off() -> None:
    b = bank((2, D(2026, 3, 8), 98200, "NEFT-PAYU SETTL"))
    j = books((7, D(2026, 3, 1), 100000, "Online sales via PayU", ""))
    rules, _ = load_match_rules(rules_table(["PayU", "PAYU", "", "", 2000, "5340", 10, ""]))
    matching = match_lines(b, j, rules=rules)
    differences = match_differences(matching, b, j, D(2026, 3, 31))
    brs = reconciliation_statement(
        b,
        j,
        matching,
        balance_per_bank=98200,
        balance_per_books=100000,
        differences=tuple(d for d, _ in differences),
    )
    assert brs.unexplained_difference == 0
    assert [
        (e.kind, e.debit_account, e.credit_account, e.amount)
        for e in write_off_entries(differences, "1120", rules)
    ] == [("write-off", "5340", "1120", 1800)]
