"""How a formula's table argument becomes the engine's table: vectorised, and the same as cell by cell.

:func:`udfs.tables.raw_table` types each column in a few whole-column steps (blanks found in one
comparison, data-type and error cells by their type). These tests hold it to what reading every cell
one by one gives, and check that the formulas run with Python's cyclic collector paused.
"""

from __future__ import annotations

import gc
import random
from typing import Any

import pandas as pd
import pytest
from xlwings import XlwingsError

import udfs.bookkeeping
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.load import load_ledger
from addin.engine.load import validate as validate_tables
from addin.engine.reports.trial_balance import trial_balance
from addin.engine.tables import RawTable
from udfs import trialbalance
from udfs.bookkeeping import tables
from udfs.tables import ACCOUNTS, JOURNAL, _column, cell_value, raw_table

HEADER = [
    "Date / दिनांक",
    "Voucher / वाउचर",
    "Account / खाता",
    "Debit / नामे",
    "Credit / जमा",
    "Narration / विवरण",
]
ERROR = {"type": "Error", "basicValue": "#N/A", "errorType": "NotAvailable"}


def cell_by_cell(values: list[Any]) -> pd.Series[Any]:
    """The reading to match (how raw_table typed columns before): a column already of one kind as
    it came, any other with every cell through :func:`cell_value`, then typed."""
    plain = ("string", "empty", "floating", "integer", "mixed-integer-float")
    series = pd.Series(values, dtype=object)
    kind = pd.api.types.infer_dtype(series, skipna=True)
    if kind not in plain:
        series = series.map(cell_value)
        kind = pd.api.types.infer_dtype(series, skipna=True)
    if kind == "string":
        return series.astype("string")
    if kind in plain[2:]:
        return series.astype("float64")
    return series


def same(got: pd.Series[Any], expected: pd.Series[Any]) -> None:
    assert got.dtype == expected.dtype
    assert got.isna().tolist() == expected.isna().tolist()
    assert got.dropna().tolist() == expected.dropna().tolist()


COLUMNS = {
    "amounts with blanks": [1500.0, "", 20, "", 0.5],
    "text with blanks": ["Sale", "", "Rent", "  ", "x"],
    "all blank": ["", "", ""],
    "serial dates and date text": [45748.0, "01/04/2025", "", 45749],
    "text amounts": ["₹ 1,20,000.50", 100.0, "", "Rs. 5"],
    "an error cell": [1.0, ERROR, "", 3.0],
    "a data-type cell": [{"type": "FormattedNumber", "basicValue": 45748, "numberFormat": "dd-mm"}, ""],
    "codes as numbers": [1110, 1120.0, 3000],
    "true and false": [True, False, ""],
    "none": [None, 1.0, None],
}


@pytest.mark.parametrize("values", COLUMNS.values(), ids=COLUMNS.keys())
def test_a_column_reads_as_cell_by_cell(values: list[Any]) -> None:
    same(_column(values), cell_by_cell(values))


def test_blanks_among_numbers_make_a_number_column() -> None:
    column = _column([100.0, "", 5])
    assert column.dtype == "float64"
    assert column.isna().tolist() == [False, True, False]


def lines(n: int, seed: int = 7) -> list[list[Any]]:
    """``n`` balanced journal lines as Excel sends them: "" for blanks, serial dates, numbers and
    text amounts, a few date texts and error cells."""
    rng = random.Random(seed)
    accounts = ["Bank", "Cash", "Sales", "Rent", "Capital", 1110, 4000.0]
    rows: list[list[Any]] = []
    for i in range(n // 2):
        date: Any = 45748.0 + i % 365
        if i % 97 == 0:
            date = "15/06/2025"
        amount: Any = round(rng.uniform(1, 100_000), 2)
        if i % 53 == 0:
            amount = f"₹ {amount:,.2f}"
        debit, credit = rng.sample(accounts, 2)
        narration: Any = ERROR if i % 211 == 0 else f"Line {i}"
        rows.append([date, f"V{i}", debit, amount, "", narration])
        rows.append([date, f"V{i}", credit, "", amount, ""])
    return rows


def test_a_big_argument_makes_the_same_ledger_and_issues_as_cell_by_cell() -> None:
    journal = [HEADER, *lines(20_000)]
    fast = raw_table(JOURNAL, journal)
    slow = RawTable.from_rows(
        JOURNAL.name, JOURNAL.sheet, [HEADER, *([cell_value(c) for c in r] for r in journal[1:])]
    )
    assert fast.headings == slow.headings
    for got, expected in zip(fast.columns, slow.columns, strict=True):
        assert got.isna().tolist() == expected.isna().tolist()

    accounts = [
        [c.heading for c in ACCOUNTS.columns[:5]],
        *([a, a, "", "", 0] for a in ("Bank", "Cash", "Sales", "Rent", "Capital", "1110", "4000")),
    ]
    books = []
    for table in (fast, slow):
        given = {JOURNAL.name: table, ACCOUNTS.name: raw_table(ACCOUNTS, accounts)}
        book, issues = load_ledger(given)
        _, checked = validate_tables(given)
        books.append(
            (trial_balance(book), [(i.rule, i.cell) for i in issues], [(i.rule, i.cell) for i in checked])
        )
    assert books[0] == books[1]
    assert books[0][2], "the error cells and text dates are reported"


@pytest.mark.parametrize(
    "rows",
    [
        [HEADER[:3], [45748.0, "S1"], [45748.0, "S1", "Bank"]],  # short: padding it would claim cells
        [HEADER[:3], [45748.0, "S1", "Bank", "extra"]],
        [["Date"] * 10_000, *([] for _ in range(1_000))],  # 10 million cells from a few kilobytes
    ],
    ids=["short", "long", "wide header over empty rows"],
)
def test_rows_of_another_length_than_the_header_are_refused_not_padded(rows: list[list[Any]]) -> None:
    with pytest.raises(XlwingsError, match="as many cells as the header row"):
        raw_table(JOURNAL, rows)


def test_a_header_alone_is_an_empty_table() -> None:
    table = raw_table(JOURNAL, [HEADER])
    assert len(table.columns) == len(HEADER)
    assert all(len(c) == 0 for c in table.columns)


def test_tuple_rows_read_as_lists() -> None:
    journal_table, _ = tables(((*HEADER,), (45748.0, "S1", "Bank", 10.0, "", "x")))
    assert journal_table[JOURNAL.name] is not None
    assert journal_table[JOURNAL.name].columns[2].tolist() == ["Bank"]


# -- the cyclic garbage collector ----------------------------------------------------------------


def test_the_formulas_gc_pause_pauses_and_restores() -> None:
    assert gc.isenabled()
    with no_cyclic_gc():
        assert not gc.isenabled()
        with no_cyclic_gc():  # nested: still paused after the inner one ends
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_formulas_gc_pause_restores_on_error_and_leaves_a_disabled_collector_disabled() -> None:
    with pytest.raises(ValueError), no_cyclic_gc():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cyclic_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_formula_reads_and_computes_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = udfs.bookkeeping.trial_balance

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(udfs.bookkeeping, "trial_balance", spy)
    assert trialbalance([HEADER, *lines(10)])[-1][0] == "Total / योग"
    assert seen == [False]
    assert gc.isenabled()
