"""The column-at-a-time reconciliation steps give what the first, line-at-a-time ones gave.

Reference keys, BRS items, what is outstanding at the period end and the books side of a matching
were first computed a line at a time (pandas row access, a call a value). They are now computed on
whole columns, each distinct text once. These tests hold each to a plain reference kept here.
"""

from __future__ import annotations

import datetime as dt
import gc
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.ledger import ACCOUNTS_FRAME, Ledger, Settings
from addin.engine.reconciliation import reconcile as reconciliation
from addin.engine.reconciliation.matching import Match, Matching, bank_lines_frame, book_lines_frame
from addin.engine.reconciliation.reconcile import bank_book_lines, outstanding_at
from addin.engine.reconciliation.references import (
    each_distinct,
    normalise_reference,
    reference_key_pairs,
    reference_keys,
    reference_keys_of_lines,
)
from addin.engine.reconciliation.statement import (
    OutstandingItem,
    ReconciliationStatement,
    _items_by_sign,
    reconciliation_statement,
)
from addin.engine.tables import RawTable

# --- reference keys ------------------------------------------------------------------------------

FRAGMENTS = (
    "NEFT-", "RTGS/", "UPI/", "IMPS ", "CHQ ", "CHQ NO. ", "cheque ", "BY CLG ", "INST-", "DEP ", "UTR: ",
    "REF#", "HDFCN52025061512345678", "SBINR52025063000012345", "512345678901", "1234567890123", "004512",
    "000777", "hdfc0", "-", "/", " ", "\n", "\t", "Ravi", "रवि", "१२३४५६", "ß", "ı", "x",
)  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(texts, texts), max_size=12))
def test_keys_of_many_lines_are_each_lines_keys(lines: list[tuple[str, str]]) -> None:
    references = [reference for reference, _ in lines]
    narrations = [narration for _, narration in lines]
    expected = [(i, key) for i, (r, n) in enumerate(lines) for key in reference_keys(r, n)]
    assert reference_keys_of_lines(references, narrations) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, max_size=12))
def test_each_distinct_reference_normalised_once_gives_each_ones_key(references: list[str]) -> None:
    calls: list[str] = []

    def counted(reference: str) -> str:
        calls.append(reference)
        return normalise_reference(reference)

    assert each_distinct(counted, references) == [normalise_reference(r) for r in references]
    assert sorted(calls) == sorted(set(references))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(texts, texts), max_size=12), st.integers(0, 8))
def test_key_pairs_for_a_join_are_the_keys_of_the_lines(
    lines: list[tuple[str, str]], min_length: int
) -> None:
    references = [reference for reference, _ in lines]
    narrations = [narration for _, narration in lines]
    line_numbers, keys = reference_key_pairs(references, narrations, min_length=min_length)
    expected = {(i, k) for i, k in reference_keys_of_lines(references, narrations) if len(k) >= min_length}
    assert set(zip(line_numbers.tolist(), keys.tolist(), strict=True)) == expected


cells = st.one_of(texts, st.sampled_from([None, float("nan"), 0, 451, "CHQ 000451"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(cells, cells), max_size=12), st.sampled_from([object, "str"]))
def test_key_pairs_of_a_pandas_column_read_each_cell_as_its_text(
    lines: list[tuple[object, object]], dtype: str | type
) -> None:
    references = pd.Series([r for r, _ in lines], dtype=dtype, index=range(100, 100 + len(lines)))
    narrations = pd.Series([n for _, n in lines], dtype=dtype)

    def as_text(column: pd.Series) -> list[str]:  # how the reference pass read the cells before
        return [str(value or "") for value in column.to_numpy()]

    got = reference_key_pairs(references, narrations, min_length=6)
    want = reference_key_pairs(as_text(references), as_text(narrations), min_length=6)
    assert sorted(zip(*(a.tolist() for a in got), strict=True)) == sorted(
        zip(*(a.tolist() for a in want), strict=True)
    )


def test_repeated_narrations_give_their_keys_on_every_line() -> None:
    narrations = ["NEFT-HDFCN52025061512345678-RAVI", "Rent", "NEFT-HDFCN52025061512345678-RAVI"]
    assert reference_keys_of_lines(["", "CHQ NO. 004512", ""], narrations) == [
        (0, "HDFCN52025061512345678"),
        (1, "004512"),
        (2, "HDFCN52025061512345678"),
    ]


# --- BRS items -----------------------------------------------------------------------------------


def items_line_by_line(
    frame: pd.DataFrame, rows: set[int], text_column: str, sign: int
) -> tuple[OutstandingItem, ...]:
    """The first release's items: pandas rows, one at a time."""
    chosen = frame[frame["row"].isin(rows) & (np.sign(frame["amount"]) == sign)]
    return tuple(
        OutstandingItem(
            row=int(r.row),
            date=None if pd.isna(r.date) else pd.Timestamp(r.date).date(),
            text=str(getattr(r, text_column)),
            reference=str(r.reference),
            amount=abs(int(r.amount)),
        )
        for r in chosen.sort_values(["date", "row"]).itertuples(index=False)
    )


START = dt.date(2025, 4, 1)
book_line = st.tuples(
    st.one_of(st.none(), st.integers(0, 40)),  # days after START; None: undated
    st.integers(-5, 5).map(lambda a: a * 10_000),
    st.sampled_from(["Cheque 000451", "", "NEFT to Ravi", "रवि को भुगतान"]),
    st.sampled_from(["", "000451", "CB-7723"]),
)


def book_frame(lines: list[tuple[int | None, int, str, str]], rows: list[int]) -> pd.DataFrame:
    return book_lines_frame(
        rows=rows,
        dates=[None if d is None else START + dt.timedelta(days=d) for d, _, _, _ in lines],
        amounts=[a for _, a, _, _ in lines],
        narrations=[n for _, _, n, _ in lines],
        references=[r for _, _, _, r in lines],
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(book_line, max_size=25), st.randoms(use_true_random=False))
def test_items_from_columns_equal_the_items_row_by_row(
    lines: list[tuple[int | None, int, str, str]], rng: random.Random
) -> None:
    rows = rng.sample(range(2, 200), len(lines))  # worksheet rows, not in date order
    frame = book_frame(lines, rows)
    open_rows = {r for r in rows if rng.random() < 0.7} | {999}  # a row not in the frame: ignored
    positive, negative = _items_by_sign(frame, tuple(open_rows), "narration")
    assert positive == items_line_by_line(frame, open_rows, "narration", +1)
    assert negative == items_line_by_line(frame, open_rows, "narration", -1)


def test_bank_items_keep_the_description_and_undated_lines_come_last() -> None:
    frame = bank_lines_frame(
        rows=[5, 3, 4],
        dates=[dt.date(2025, 4, 2), None, dt.date(2025, 4, 1)],
        amounts=[-1770, -500, -200],
        descriptions=["SMS CHARGES", "ATM", "FEE"],
        references=["", "", "R1"],
    )
    assert _items_by_sign(frame, (3, 4, 5), "description") == (
        (),
        (
            OutstandingItem(4, dt.date(2025, 4, 1), "FEE", "R1", 200),
            OutstandingItem(5, dt.date(2025, 4, 2), "SMS CHARGES", "", 1770),
            OutstandingItem(3, None, "ATM", "", 500),
        ),
    )


# --- outstanding at the period end ---------------------------------------------------------------


def outstanding_line_by_line(
    matching: Matching, bank: pd.DataFrame, book: pd.DataFrame, as_of: dt.date
) -> Matching:
    """The first release's :func:`outstanding_at`: dictionaries of numpy dates, row by row."""
    end = np.datetime64(as_of, "ns")
    bank_date = dict(zip(bank["row"].tolist(), bank["date"].to_numpy(), strict=True))
    book_date = dict(zip(book["row"].tolist(), book["date"].to_numpy(), strict=True))
    bank_open = set(matching.unmatched_bank)
    book_open = set(matching.unmatched_journal)
    for m in matching.matches:
        bank_late = all(bank_date[r] > end for r in m.bank_rows)
        book_late = all(book_date[r] > end for r in m.journal_rows)
        if bank_late and not book_late:
            book_open.update(m.journal_rows)
        if book_late and not bank_late:
            bank_open.update(m.bank_rows)
    return Matching(
        matches=(),
        unmatched_bank=tuple(sorted(r for r in bank_open if bank_date[r] <= end)),
        unmatched_journal=tuple(sorted(r for r in book_open if book_date[r] <= end)),
    )


def random_matching(rng: random.Random, bank_rows: list[int], book_rows: list[int]) -> Matching:
    """Lines paired up at random, one to one or a few to one; the rest left unmatched."""
    bank_left, book_left = bank_rows[:], book_rows[:]
    rng.shuffle(bank_left)
    rng.shuffle(book_left)
    matches: list[Match] = []
    while bank_left and book_left and rng.random() < 0.8:
        size = rng.choice([1, 1, 2, 3])
        bank_part = [bank_left.pop() for _ in range(min(size if rng.random() < 0.5 else 1, len(bank_left)))]
        book_part = [book_left.pop() for _ in range(min(size, len(book_left)))]
        matches.append(Match(f"B{len(matches):06d}", "x", 1.0, tuple(bank_part), tuple(book_part)))
    return Matching(tuple(matches), tuple(sorted(bank_left)), tuple(sorted(book_left)))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(book_line, min_size=1, max_size=20),
    st.lists(book_line, min_size=1, max_size=20),
    st.integers(0, 45),
    st.randoms(use_true_random=False),
)
def test_outstanding_from_columns_equals_outstanding_row_by_row(
    bank_lines: list[tuple[int | None, int, str, str]],
    book_lines: list[tuple[int | None, int, str, str]],
    as_of_day: int,
    rng: random.Random,
) -> None:
    bank = book_frame(bank_lines, rng.sample(range(2, 100), len(bank_lines)))
    book = book_frame(book_lines, rng.sample(range(2, 100), len(book_lines)))
    matching = random_matching(rng, bank["row"].tolist(), book["row"].tolist())
    as_of = START + dt.timedelta(days=as_of_day)
    expected = outstanding_line_by_line(matching, bank, book, as_of)
    assert outstanding_at(matching, bank, book, as_of) == expected


# --- the books side of a matching ----------------------------------------------------------------


def test_bank_book_lines_is_the_frame_book_lines_frame_builds() -> None:
    journal = pd.DataFrame(
        {
            "row": [2, 3, 4, 5, 6],
            "date": np.array(
                ["2025-04-01", "2025-04-02", "NaT", "2025-04-03", "2025-04-03"], dtype="datetime64[ns]"
            ),
            "voucher": ["V1", "V2", "V3", "V4", "V4"],
            "account": ["1110", "4000", "1110", "1110", "5000"],
            "account_text": ["1110", "4000", "1110", "1110", "5000"],
            "debit": [150000, 0, 100, 0, 2500],
            "credit": [0, 150000, 0, 2500, 0],
            "narration": ["NEFT from Ravi", "Sale", "undated", "Cheque 000451", "Rent"],
            "party": ["Ravi", "", "", "Sunita", "Sunita"],
            "reference": ["UTR1", "", "", "000451", ""],
            "match_id": ["", "", "", "M1", ""],
            "match_rule": ["", "", "", "manual", ""],
        }
    )
    ledger = Ledger(Settings(), ACCOUNTS_FRAME.empty(), journal)
    lines = journal.iloc[[0, 3]]
    expected = book_lines_frame(
        rows=lines["row"].tolist(),
        dates=lines["date"].tolist(),
        amounts=(lines["debit"] - lines["credit"]).tolist(),
        narrations=lines["narration"].tolist(),
        references=lines["reference"].tolist(),
        parties=lines["party"].tolist(),
        match_ids=lines["match_id"].tolist(),
        match_rules=lines["match_rule"].tolist(),
    )
    pd.testing.assert_frame_equal(bank_book_lines(ledger, "1110"), expected)
    without_ids = Ledger(Settings(), ACCOUNTS_FRAME.empty(), journal.drop(columns=["match_id", "match_rule"]))
    blank = expected.assign(match_id=["", ""], match_rule=["", ""])
    pd.testing.assert_frame_equal(bank_book_lines(without_ids, "1110"), blank)


# --- the garbage collector -----------------------------------------------------------------------


def test_reconcile_pauses_the_garbage_collector_and_restores_it_as_it_was() -> None:
    journal = pd.DataFrame(
        {
            "row": [2, 3],
            "date": pd.to_datetime(["2025-04-01", "2025-04-01"]),
            "voucher": ["V1", "V1"],
            "account": ["1110", "4000"],
            "account_text": ["1110", "4000"],
            "debit": [150000, 0],
            "credit": [0, 150000],
            "narration": ["Sale", "Sale"],
            "party": ["", ""],
            "reference": ["", ""],
        }
    )
    accounts = pd.DataFrame(
        {"row": [2, 3], "code": ["1110", "4000"], "name": ["Bank", "Sales"], "type": ["Asset", "Income"],
         "parent": ["", ""], "opening": [0, 0], "active": [True, True]}
    )  # fmt: skip
    ledger = Ledger(Settings(bank_account="1110"), accounts, journal)
    statement = RawTable.from_rows(
        "BankStatement",
        "Bank Statement",
        [
            ["Date", "Description", "Reference", "Withdrawal", "Deposit"],
            [dt.date(2025, 4, 2), "NEFT", "", 0, 1500],
        ],
    )
    seen: list[bool] = []
    real = reconciliation_statement

    def watched(*args: object, **kwargs: object) -> ReconciliationStatement:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    was = gc.isenabled()
    try:
        for enabled in (True, False):
            set_gc(enabled)
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(reconciliation, "reconciliation_statement", watched)
                result = reconciliation.reconcile(ledger, statement)
            assert result.statement is not None
            assert gc.isenabled() is enabled
    finally:
        set_gc(was)
    assert seen == [False, False]


def set_gc(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
