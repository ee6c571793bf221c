"""Trial balance, account statement and day book, specified on small inline ledgers."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.ledger import Ledger, Settings
from addin.engine.money import to_decimal_string
from addin.engine.reports import account_statement, day_book, trial_balance
from addin.engine.reports.statement import MULTIPLE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))
from golden_ledgers import CHART, hierarchy, make_ledger

D = dt.date


def closing(ledger: Ledger, code: str, **kwargs: dt.date) -> int:
    row = trial_balance(ledger, **kwargs).row(code)
    assert row is not None
    return row.closing


# --- trial balance ---------------------------------------------------------------------------


def test_a_posting_account_closes_at_opening_plus_debits_less_credits() -> None:
    row = trial_balance(hierarchy()).row("1110")
    assert row is not None
    assert (row.opening, row.debit, row.credit) == (25000000, 1180000, 6411800)
    assert row.closing == 25000000 + 1180000 - 6411800


def test_a_group_row_adds_up_its_descendants() -> None:
    tb = trial_balance(hierarchy())
    group = tb.row("1000")
    parts = [tb.row(c) for c in ("1110", "1120", "1200")]
    assert group is not None
    assert group.is_group
    assert group.closing == sum(p.closing for p in parts if p)
    assert group.debit == sum(p.debit for p in parts if p)


def test_rows_list_parents_before_children_and_siblings_by_code() -> None:
    tb = trial_balance(hierarchy())
    assert [(r.account, r.level) for r in tb.rows][:6] == [
        ("1000", 0),
        ("1100", 1),
        ("1110", 2),
        ("1120", 2),
        ("1200", 1),
        ("2000", 0),
    ]


def test_totals_count_each_posting_once_and_balance() -> None:
    tb = trial_balance(hierarchy())
    assert tb.totals.debit == tb.totals.credit == 8871800
    assert tb.totals.closing == 0
    assert tb.balanced


def test_lines_before_the_period_move_into_the_opening_balance() -> None:
    row = trial_balance(hierarchy(), period_start=D(2025, 5, 1)).row("1110")
    assert row is not None
    assert row.opening == 25000000 + 1180000 - 2511800
    assert (row.debit, row.credit) == (0, 3900000)


def test_lines_after_as_of_are_left_out() -> None:
    assert closing(hierarchy(), "2200", as_of=D(2025, 4, 30)) == -4000000
    assert closing(hierarchy(), "2200", as_of=D(2025, 5, 3)) == 0


UNPOSTED = [
    ("2025-04-02", "V1", "1110", "100.00", "", "counted"),
    ("2025-04-02", "V1", "3000", "", "100.00", "counted"),
    ("", "V2", "1110", "7.00", "", "no date"),
    ("2025-04-02", "V3", "", "9.00", "", "unknown account"),
    ("2025-04-02", "V3", "1110", "", "9.00", "unknown account"),
]


def test_lines_with_unknown_account_or_unreadable_date_are_not_posted_to_an_account() -> None:
    row = trial_balance(make_ledger(CHART, UNPOSTED)).row("1110")
    assert row is not None
    assert (row.debit, row.credit) == (10000, 900)


def test_lines_that_cannot_be_posted_make_up_the_suspense_row_so_totals_tie_to_the_journal() -> None:
    tb = trial_balance(make_ledger(CHART, UNPOSTED))
    suspense = tb.suspense
    assert suspense is not None
    assert (suspense.name, suspense.kind, suspense.account) == ("Suspense (unposted lines)", "suspense", "")
    assert (suspense.debit, suspense.credit, suspense.closing) == (1600, 0, 1600)
    assert tb.unposted_lines == 2
    assert tb.display_rows[-2] is suspense  # then the difference row: the journal is out by 700
    assert (tb.totals.debit, tb.totals.credit) == (11600, 10900)  # the Journal's column totals
    assert [r["kind"] for r in tb.as_records()[-2:]] == ["suspense", "difference"]


def test_a_suspense_line_dated_after_as_of_is_left_out_an_undated_one_stays() -> None:
    tb = trial_balance(make_ledger(CHART, UNPOSTED), as_of=D(2025, 4, 1))
    assert tb.suspense is not None
    assert (tb.suspense.debit, tb.unposted_lines) == (700, 1)


def test_a_fully_posted_journal_has_no_suspense_row() -> None:
    tb = trial_balance(hierarchy())
    assert (tb.suspense, tb.unposted_lines, tb.display_rows) == (None, 0, tb.rows)


def test_balances_are_also_given_as_dr_and_cr_never_negative() -> None:
    tb = trial_balance(hierarchy())
    bank, capital = tb.row("1110"), tb.row("3000")
    assert bank is not None
    assert capital is not None
    assert (bank.opening_dr, bank.opening_cr) == (25000000, 0)
    assert (capital.closing_dr, capital.closing_cr) == (0, -capital.closing)
    assert all(a >= 0 for r in tb.rows for a in r.amounts())


def test_dr_and_cr_column_totals_are_added_account_by_account_and_tie() -> None:
    tb = trial_balance(hierarchy())
    t = tb.totals
    leaves = [r for r in tb.rows if not r.is_group]
    assert t.closing_dr == sum(r.closing_dr for r in leaves)
    assert t.closing_cr == sum(r.closing_cr for r in leaves)
    assert t.closing_dr == t.closing_cr > 0
    assert t.opening_dr == t.opening_cr
    assert t.amounts() == (t.opening_dr, t.opening_cr, t.debit, t.credit, t.closing_dr, t.closing_cr)


def test_parent_cycles_and_unknown_parents_stand_as_roots() -> None:
    ledger = make_ledger(
        [
            ("A", "Loop A", "Asset", "B", "1.00"),
            ("B", "Loop B", "Asset", "A", "2.00"),
            ("C", "Orphan", "Asset", "ZZZ", "3.00"),
            ("D", "Under A", "Asset", "A", "4.00"),
            ("E", "Equity", "Equity", "", "-10.00"),
        ],
        [],
    )
    tb = trial_balance(ledger)
    shown = [(r.account, r.level) for r in tb.rows]
    assert shown == [("A", 0), ("A", 1), ("D", 1), ("B", 0), ("C", 0), ("E", 0)]  # A's own opening under A
    assert tb.balanced


def test_what_is_posted_to_a_group_itself_stands_on_its_own_row_so_the_group_foots() -> None:
    ledger = make_ledger(
        [("1130", "Sundry Debtors", "Asset", "", ""), ("1131", "Ravi", "Asset", "1130", ""),
         ("3000", "Capital", "Equity", "", "")],
        [("2025-04-02", "J1", "1131", "100.00", "", "Sale"),
         ("2025-04-02", "J1", "3000", "", "100.00", "Sale"),
         ("2025-04-03", "J2", "1130", "41.12", "", "Sale"),
         ("2025-04-03", "J2", "3000", "", "41.12", "Sale")],
    )  # fmt: skip
    tb = trial_balance(ledger)
    group, own, ravi = tb.rows[:3]
    assert (own.account, own.name, own.level, own.kind) == (
        "1130", "Sundry Debtors (posted to the group / समूह में सीधे दर्ज)", 1, "group-own"
    )
    assert (own.debit, ravi.debit, group.debit) == (41_12, 100_00, 141_12)
    assert group.closing == own.closing + ravi.closing
    assert tb.totals.debit == 141_12  # counted once


def test_a_duplicated_code_keeps_its_first_row() -> None:
    ledger = make_ledger([("A", "First", "Asset", "", "5.00"), ("A", "Second", "Asset", "", "7.00")], [])
    tb = trial_balance(ledger)
    assert [(r.name, r.closing) for r in tb.rows] == [("First", 500)]


def test_opening_balances_that_do_not_net_to_zero_leave_a_difference() -> None:
    ledger = make_ledger([("A", "Bank", "Asset", "", "5.00"), ("E", "Capital", "Equity", "", "-4.00")], [])
    tb = trial_balance(ledger)
    assert (tb.difference, tb.balanced) == (100, False)


def test_a_difference_from_opening_balances_is_named_so_not_blamed_on_vouchers() -> None:
    ledger = make_ledger([("A", "Bank", "Asset", "", "5.00"), ("E", "Capital", "Equity", "", "-4.00")], [])
    row = trial_balance(ledger).difference_row
    assert row is not None
    english, hindi = row.name.split(" / ")
    assert english == "Difference in books: the opening balances in the Accounts table do not net to zero"
    assert "vouchers" not in english
    assert "Accounts तालिका" in hindi


def test_unbalanced_lines_without_a_voucher_are_named_as_such_not_as_an_empty_voucher() -> None:
    journal = [
        ("2025-04-02", "", "1110", "7.00", "", "no voucher"),
        ("2025-04-02", "V1", "1110", "100.00", "", "one side"),
    ]
    tb = trial_balance(make_ledger(CHART, journal))
    assert tb.unbalanced_vouchers == ("V1",)
    assert tb.difference_row is not None
    english, hindi = tb.difference_row.name.split(" / ")
    assert english == (
        "Difference in books: vouchers that do not balance (see Issues): V1; lines without a voucher"
    )
    assert ":  " not in english + hindi
    assert "बिना वाउचर" in hindi


def test_records_give_amounts_as_decimal_strings_and_mark_groups() -> None:
    records = trial_balance(hierarchy()).as_records()
    assert records[0] == {
        "kind": "group",
        "account": "1000",
        "name": "Assets",
        "type": "Asset",
        "level": 0,
        "is_group": True,
        "opening": "265000.50",
        "opening_dr": "265000.50",
        "opening_cr": "0.00",
        "debit": "28600.00",
        "credit": "76918.00",
        "closing": "216682.50",
        "closing_dr": "216682.50",
        "closing_cr": "0.00",
    }


def test_an_empty_ledger_has_rows_of_zeros() -> None:
    tb = trial_balance(make_ledger(CHART[:2], []))
    assert [(r.account, r.closing) for r in tb.rows] == [("1000", 0), ("1100", 0)]
    assert tb.balanced


@pytest.mark.slow
def test_a_full_sheet_of_lines_takes_well_under_three_tenths_of_a_second() -> None:
    n, k = 1_048_575, 400
    rng = np.random.default_rng(7)
    codes = [f"A{i:04d}" for i in range(k)]
    accounts = make_ledger(
        [(c, c, "Asset", codes[i // 20] if i >= 20 else "", "") for i, c in enumerate(codes)], []
    )
    amounts = rng.integers(1, 10**9, n // 2 + 1).repeat(2)[:n]
    debit_side = np.arange(n) % 2 == 0
    journal = pd.DataFrame(
        {
            "row": np.arange(2, n + 2),
            "date": pd.Timestamp("2025-04-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
            "voucher": pd.Series(np.arange(n) // 2).astype(str),
            "account": pd.Series(np.array(codes)[rng.integers(0, k, n)]).astype(str),
            "debit": np.where(debit_side, amounts, 0),
            "credit": np.where(debit_side, 0, amounts),
        }
    )
    ledger = Ledger(Settings(), accounts.accounts, journal)
    best = min(_timed(lambda: trial_balance(ledger)) for _ in range(3))
    assert len([r for r in trial_balance(ledger).rows if not r.is_group_own]) == k
    assert best < 0.3


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


# --- account statement -----------------------------------------------------------------------


def test_a_statement_opens_with_the_opening_balance_and_runs_in_date_order() -> None:
    st_ = account_statement(hierarchy(), "1110")
    assert st_.found
    assert st_.opening == 25000000
    assert [line.voucher for line in st_.lines] == ["R-001", "P-001", "C-001", "J-001", "P-002"]
    assert [line.balance for line in st_.lines][:2] == [26180000, 24180000]
    assert st_.closing == st_.lines[-1].balance


def test_same_day_lines_keep_worksheet_row_order() -> None:
    ledger = make_ledger(
        CHART,
        [
            ("2025-04-03", "V2", "1110", "2.00", "", "later day"),
            ("2025-04-03", "V2", "4000", "", "2.00", "later day"),
            ("2025-04-02", "V1", "1110", "1.00", "", "first"),
            ("2025-04-02", "V1", "4000", "", "1.00", "first"),
            ("2025-04-02", "V3", "1110", "3.00", "", "second"),
            ("2025-04-02", "V3", "4000", "", "3.00", "second"),
        ],
    )
    assert [line.row for line in account_statement(ledger, "1110").lines] == [4, 6, 2]


def test_the_counter_account_is_the_other_side_or_multiple() -> None:
    lines = {line.voucher: line for line in account_statement(hierarchy(), "Bank").lines}
    assert lines["P-001"].counter_account == "Rent"
    assert account_statement(hierarchy(), "4000").lines[0].counter_account == "Debtors"
    assert account_statement(hierarchy(), "2200").lines[0].counter_account == MULTIPLE


def test_a_one_sided_transaction_names_its_other_accounts_instead() -> None:
    ledger = make_ledger(
        CHART,
        [
            ("2025-04-02", "V1", "1110", "1.00", "", "one-sided"),
            ("2025-04-02", "V1", "1120", "2.00", "", "one-sided"),
            ("2025-04-03", "V2", "1110", "3.00", "", "alone"),
        ],
    )
    assert [line.counter_account for line in account_statement(ledger, "1110").lines] == ["Cash", ""]


def test_an_account_is_found_by_name_in_any_case() -> None:
    assert account_statement(hierarchy(), "  gst   payable ").account == "2100"


def test_a_group_statement_takes_in_its_sub_accounts_lines() -> None:
    st_ = account_statement(hierarchy(), "1100")
    assert st_.is_group
    assert st_.opening == 26500050
    assert {line.account for line in st_.lines} == {"1110", "1120"}
    assert st_.closing == closing(hierarchy(), "1100")


def test_a_period_statement_carries_earlier_lines_in_its_opening() -> None:
    st_ = account_statement(hierarchy(), "1110", start=D(2025, 4, 7), end=D(2025, 4, 7))
    assert st_.opening == 25000000 + 1180000
    assert [line.voucher for line in st_.lines] == ["P-001", "C-001"]


def test_an_unknown_account_gives_an_empty_statement_not_an_error() -> None:
    st_ = account_statement(hierarchy(), "Petty Cash")
    assert (st_.found, st_.lines, st_.as_records()) == (False, (), [])


def test_statement_records_start_with_the_opening_row() -> None:
    records = account_statement(hierarchy(), "1120").as_records()
    assert records[0]["kind"] == "opening"
    assert records[0]["balance"] == "15000.50"
    assert records[1] == {
        "kind": "line",
        "date": "2025-04-07",
        "voucher": "C-001",
        "account": "1120",
        "narration": "Cash withdrawn",
        "counter_account": "Bank",
        "debit": "5000.00",
        "credit": "0.00",
        "balance": "20000.50",
        "balance_amount": "20000.50",
        "balance_side": "Dr",
        "row": 9,
    }


def test_statement_records_end_with_the_closing_row_and_the_periods_totals() -> None:
    statement = account_statement(hierarchy(), "1120")
    closing = statement.as_records()[-1]
    assert (closing["kind"], closing["narration"]) == ("closing", "Closing balance")
    assert closing["date"] == statement.lines[-1].date.isoformat(), "the last line's day without --to"
    assert (closing["debit"], closing["credit"]) == (
        to_decimal_string(statement.debit), to_decimal_string(statement.credit)
    )
    assert closing["balance"] == to_decimal_string(statement.closing)
    assert closing["balance_side"] in {"Dr", "Cr", ""}


def test_without_from_the_opening_row_is_dated_the_first_lines_day_and_with_from_the_periods_start() -> None:
    records = account_statement(hierarchy(), "1120").as_records()
    assert records[0]["date"] == records[1]["date"] == "2025-04-07"
    dated = account_statement(hierarchy(), "1120", start=D(2025, 4, 5), end=D(2025, 4, 30)).as_records()
    assert (dated[0]["date"], dated[-1]["date"]) == ("2025-04-05", "2025-04-30")


def test_a_credit_balance_is_given_as_an_amount_and_cr_in_records() -> None:
    records = account_statement(hierarchy(), "Capital").as_records()
    assert (records[0]["balance"], records[0]["balance_amount"], records[0]["balance_side"]) == (
        "-225000.50",
        "225000.50",
        "Cr",
    )


# --- day book --------------------------------------------------------------------------------


def test_the_day_book_shows_the_lines_it_cannot_post_and_its_totals_tie_to_the_journal() -> None:
    book = day_book(make_ledger(CHART, UNPOSTED))
    (day,) = book.days
    v3 = next(v for v in day.vouchers if v.voucher == "V3")
    unknown = v3.lines[0]
    assert (unknown.posted, unknown.name, unknown.debit) == (False, "", 900)
    assert [line.posted for line in v3.lines] == [False, True]
    (undated,) = book.undated
    assert (undated.posted, undated.voucher, undated.account, undated.name) == (False, "V2", "1110", "Bank")
    assert (book.debit, book.credit) == (11600, 10900)  # the Journal's column totals
    assert book.unposted == 2
    records = book.as_records()
    assert [r["kind"] for r in records[-4:]] == ["undated", "line", "undated-total", "grand-total"]
    assert records[-3] == {
        "kind": "line", "date": "", "voucher": "V2", "account": "1110", "name": "Bank",
        "narration": "no date", "debit": "7.00", "credit": "0.00", "row": 4, "posted": False,
    }  # fmt: skip
    assert (records[-2]["debit"], records[-2]["credit"]) == ("7.00", "0.00")
    assert (records[-1]["debit"], records[-1]["credit"]) == ("116.00", "109.00"), "ties to the Journal"


def test_the_day_book_lists_transactions_by_date_with_daily_totals() -> None:
    book = day_book(hierarchy())
    assert [d.date for d in book.days] == [
        D(2025, 4, 2),
        D(2025, 4, 5),
        D(2025, 4, 7),
        D(2025, 4, 30),
        D(2025, 5, 3),
    ]
    seventh = book.days[2]
    assert [v.voucher for v in seventh.vouchers] == ["P-001", "C-001"]
    assert (seventh.debit, seventh.credit) == (2500000, 2500000)
    assert book.debit == book.credit == 8871800


def test_the_day_book_keeps_a_voucher_lines_together_in_row_order() -> None:
    ledger = make_ledger(
        CHART,
        [
            ("2025-04-02", "V1", "1110", "1.00", "", "a"),
            ("2025-04-02", "V2", "1120", "2.00", "", "b"),
            ("2025-04-02", "V1", "4000", "", "1.00", "a"),
            ("2025-04-02", "V2", "4000", "", "2.00", "b"),
        ],
    )
    vouchers = day_book(ledger).days[0].vouchers
    assert [(v.voucher, [line.row for line in v.lines]) for v in vouchers] == [("V1", [2, 4]), ("V2", [3, 5])]


def test_the_day_book_keeps_to_its_dates() -> None:
    book = day_book(hierarchy(), start=D(2025, 4, 5), end=D(2025, 4, 7))
    assert [d.date.day for d in book.days] == [5, 7]


def test_day_book_records_close_each_day_with_its_total_and_end_with_the_grand_total() -> None:
    records = day_book(hierarchy(), end=D(2025, 4, 2)).as_records()
    assert [r["kind"] for r in records] == ["line", "line", "line", "day-total", "grand-total"]
    assert records[-2]["debit"] == records[-2]["credit"] == "11800.00"
    assert records[-1]["debit"] == records[-1]["credit"] == "11800.00"
    assert records[0]["name"] == "Debtors"


# --- properties ------------------------------------------------------------------------------


@st.composite
def balanced_ledgers(draw: st.DrawFn) -> Ledger:
    """A random chart (parents earlier in the list, so no cycles) and balanced vouchers on leaves."""
    size = draw(st.integers(2, 12))
    parents = [""] + [draw(st.sampled_from(["", *[f"C{p}" for p in range(i)]])) for i in range(1, size)]
    has_children = {p for p in parents if p}
    leaves = [f"C{i}" for i in range(size) if f"C{i}" not in has_children]
    amount = st.integers(1, 10**12)
    openings = {code: draw(amount) * draw(st.sampled_from([1, -1])) for code in leaves}
    first = leaves[0]
    openings[first] -= sum(openings.values())
    accounts = [
        (f"C{i}", f"Account {i}", "Asset", parents[i], _rupees(openings.get(f"C{i}", 0))) for i in range(size)
    ]
    journal = []
    for v in range(draw(st.integers(0, 8))):
        day = f"2025-04-{draw(st.integers(1, 28)):02d}"
        legs = draw(st.lists(st.tuples(st.sampled_from(leaves), amount), min_size=1, max_size=4))
        for code, paise in legs:
            journal.append((day, f"V{v}", code, _rupees(paise), "", "leg"))
        journal.append(
            (day, f"V{v}", draw(st.sampled_from(leaves)), "", _rupees(sum(p for _, p in legs)), "leg")
        )
    return make_ledger(accounts, journal)


def _rupees(paise: int) -> str:
    sign = "-" if paise < 0 else ""
    return f"{sign}{abs(paise) // 100}.{abs(paise) % 100:02d}"


@settings(max_examples=40, deadline=None)
@given(balanced_ledgers())
def test_a_balanced_journal_gives_equal_debits_and_credits_and_zero_closing(ledger: Ledger) -> None:
    tb = trial_balance(ledger)
    assert tb.totals.debit == tb.totals.credit
    assert tb.totals.closing == 0
    assert sum(r.closing for r in tb.rows if not r.is_group) == 0


@settings(max_examples=40, deadline=None)
@given(balanced_ledgers())
def test_a_group_closes_at_the_sum_of_its_childrens_closings(ledger: Ledger) -> None:
    tb = trial_balance(ledger)
    parents = dict(zip(ledger.accounts["code"], ledger.accounts["parent"], strict=True))
    for row in tb.rows:
        if row.is_group:
            children = [r for r in tb.rows if parents[r.account] == row.account]
            assert row.closing == sum(c.closing for c in children)


@settings(max_examples=30, deadline=None)
@given(balanced_ledgers(), st.data())
def test_a_statement_ends_at_the_trial_balance_closing(ledger: Ledger, data: st.DataObject) -> None:
    code = data.draw(st.sampled_from(list(ledger.accounts["code"])))
    statement = account_statement(ledger, code)
    final = statement.lines[-1].balance if statement.lines else statement.opening
    assert final == closing(ledger, code)
