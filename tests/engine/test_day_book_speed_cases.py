"""The day book built from the period's lines only is the day book built from the whole journal.

The first release read every journal line's text and numbered every line's transaction before
keeping the period's; the day book now takes the period's lines first. These tests hold it to
that first release (kept here), on random journals with blank accounts, undated lines, blank and
shared vouchers, and random periods. (The reference shows the lines that cannot be posted as the
day book now does: an unknown account's line in its voucher, marked, and undated lines at the end.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.ledger import Ledger, Settings
from addin.engine.reports.day_book import DayBook, DayBookDay, DayBookLine, DayBookVoucher, day_book
from addin.engine.reports.hierarchy import account_tree
from addin.engine.reports.lines import as_dates, in_range, line_dates, paise, transaction_ids
from addin.engine.reports.trial_balance import _example_ledger
from addin.macros.sheets import recent_day_book, recent_start


def day_book_of_the_whole_journal(
    ledger: Ledger, *, start: dt.date | None = None, end: dt.date | None = None
) -> DayBook:
    """The first release's day book (with its empty period fixed): every line's text and
    transaction, then the period's lines; unposted lines shown as the day book shows them now."""
    journal = ledger.journal
    tree = account_tree(ledger.accounts)
    dates = line_dates(journal)
    accounts = journal["account"].fillna("").to_numpy(dtype=object)
    typed = journal["account_text"].fillna("").to_numpy(dtype=object)
    vouchers = journal["voucher"].fillna("").to_numpy(dtype=object)
    chosen = np.flatnonzero(in_range(dates, start, end))
    rows = journal["row"].to_numpy(dtype=np.int64)
    transaction = transaction_ids(journal, dates)
    first_row = np.full(int(transaction.max(initial=-1)) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_row, transaction[chosen], rows[chosen])
    chosen = chosen[np.lexsort((rows[chosen], first_row[transaction[chosen]], dates[chosen]))]
    txn = transaction[chosen]
    new_txn = np.r_[True, txn[1:] != txn[:-1]] if len(chosen) else np.zeros(0, dtype=bool)
    new_day = np.r_[True, dates[chosen][1:] != dates[chosen][:-1]] if len(chosen) else new_txn
    narrations = journal["narration"].fillna("").to_numpy(dtype=object)

    def line(i: int, *, dated: bool = True) -> DayBookLine:
        code = str(accounts[i])
        return DayBookLine(
            int(rows[i]), code or str(typed[i]), tree.name.get(code, ""), str(narrations[i]),
            int(paise(journal, "debit")[i]), int(paise(journal, "credit")[i]),
            dated and code != "", str(vouchers[i]),
        )  # fmt: skip

    lines = [line(i) for i in chosen.tolist()]
    txn_starts = np.flatnonzero(new_txn).tolist()
    txn_bounds = zip(txn_starts, [*txn_starts[1:], len(lines)][: len(txn_starts)], strict=True)
    voucher_text = vouchers[chosen]
    day_of = as_dates(dates[chosen][new_txn])
    transactions = [
        DayBookVoucher(day_of[k], str(voucher_text[a]), tuple(lines[a:b]))
        for k, (a, b) in enumerate(txn_bounds)
    ]
    day_starts = np.flatnonzero(new_day[new_txn]).tolist()
    day_bounds = zip(day_starts, [*day_starts[1:], len(transactions)][: len(day_starts)], strict=True)
    undated = tuple(line(i, dated=False) for i in np.flatnonzero(np.isnat(dates)).tolist())
    return DayBook(
        tuple(DayBookDay(transactions[a].date, tuple(transactions[a:b])) for a, b in day_bounds),
        start,
        end,
        undated,
    )


ACCOUNTS = pd.DataFrame(
    {
        "row": [2, 3, 4, 5],
        "code": ["1000", "1110", "3000", "4000"],
        "name": ["Assets", "Bank", "Capital", "Sales"],
        "type": ["Asset", "Asset", "Equity", "Income"],
        "parent": ["", "1000", "", ""],
        "opening": np.zeros(4, dtype=np.int64),
        "active": [True] * 4,
    }
)
START = dt.date(2025, 4, 1)
journal_line = st.tuples(
    st.one_of(st.none(), st.integers(0, 12)),  # days after START; None: unreadable date
    st.sampled_from(["V1", "V2", "V3", ""]),
    st.sampled_from(["1110", "4000", "3000", "", "9999"]),  # "": unknown account; 9999: not in Accounts
    st.integers(0, 3).map(lambda a: a * 5000),
    st.sampled_from(["Cash sale", "", "रोकड़ बिक्री"]),
)


def ledger_of(lines: Sequence[tuple[int | None, str, str, int, str]]) -> Ledger:
    journal = pd.DataFrame(
        {
            "row": np.arange(2, len(lines) + 2, dtype=np.int64),
            "date": np.array(
                ["NaT" if d is None else (START + dt.timedelta(days=d)).isoformat() for d, *_ in lines],
                dtype="datetime64[ns]",
            ),
            "voucher": [v for _, v, *_ in lines],
            "account": [a for _, _, a, *_ in lines],
            "account_text": [a for _, _, a, *_ in lines],
            "debit": np.array([amount for *_, amount, _ in lines], dtype=np.int64),
            "credit": np.array([amount // 2 for *_, amount, _ in lines], dtype=np.int64),
            "narration": [n for *_, n in lines],
            "party": [""] * len(lines),
            "reference": [""] * len(lines),
        }
    )
    return Ledger(Settings(financial_year=2025), ACCOUNTS, journal)


periods = st.tuples(st.one_of(st.none(), st.integers(0, 12)), st.one_of(st.none(), st.integers(0, 12)))


@settings(max_examples=200, deadline=None)
@given(st.lists(journal_line, max_size=30), periods)
def test_the_day_book_of_a_period_is_the_whole_journals_day_book_of_it(
    lines: list[tuple[int | None, str, str, int, str]], period: tuple[int | None, int | None]
) -> None:
    start, end = (None if d is None else START + dt.timedelta(days=d) for d in period)
    ledger = ledger_of(lines)
    assert day_book(ledger, start=start, end=end) == day_book_of_the_whole_journal(
        ledger, start=start, end=end
    )


def recent_start_by_sorting(dates: np.ndarray, limit: int, day_rows: int) -> dt.date | None:
    """The first release's count of lines a day: every date sorted (np.unique)."""
    known = dates[~np.isnat(dates)].astype("datetime64[D]")
    if len(known) == 0:
        return None
    days, counts = np.unique(known, return_counts=True)
    from_day = np.cumsum((counts + day_rows)[::-1])[::-1]
    if from_day[0] <= limit:
        return None
    fitting = np.flatnonzero(from_day <= limit)
    if len(fitting) == 0:
        return dt.date.fromisoformat(str(days[-1]))
    first = dt.date.fromisoformat(str(days[fitting[0]]))
    if first.day == 1:
        return first
    month = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    later = np.flatnonzero(days >= np.datetime64(month, "D"))
    return month if len(later) and from_day[later[0]] >= limit // 2 else first


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(-400, 400)), max_size=40),
    st.integers(0, 45),
    st.integers(0, 1),
)
def test_latest_period_counted_by_day_number_is_the_one_found_by_sorting(
    offsets: list[int | None], limit: int, day_rows: int
) -> None:
    dates = np.array(
        [np.datetime64("NaT") if d is None else np.datetime64(START + dt.timedelta(days=d)) for d in offsets],
        dtype="datetime64[ns]",
    )
    assert recent_start(dates, limit, day_rows=day_rows) == recent_start_by_sorting(dates, limit, day_rows)


def test_a_long_day_book_is_cut_to_its_latest_days_with_the_same_lines() -> None:
    lines = [(d % 12, f"V{d}", "1110" if d % 2 else "4000", 5000, "Cash sale") for d in range(60)]
    ledger = ledger_of(lines)
    latest = recent_day_book(ledger, limit=20)
    assert latest.start is not None
    assert latest.latest
    whole = day_book_of_the_whole_journal(ledger, start=latest.start, end=latest.end)
    assert latest == dataclasses.replace(whole, latest=True)


def test_the_ribbons_day_book_holds_the_financial_year_and_is_whole_when_it_fits() -> None:
    lines = [(d, f"V{d}", "1110" if d % 2 else "4000", 5000, "Cash sale") for d in range(4)]
    whole = recent_day_book(ledger_of(lines))  # a book of FY 2025-26
    assert (whole.start, whole.end, whole.latest) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31), False)


def test_a_period_without_lines_gives_an_empty_day_book() -> None:
    ledger = _example_ledger()
    later = dt.date(2030, 1, 1)
    assert day_book(ledger, start=later) == DayBook((), later, None)
    empty = dataclasses.replace(ledger, journal=ledger.journal.iloc[:0])
    assert day_book(empty) == DayBook(())
