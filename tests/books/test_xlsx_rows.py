"""Appended rows written column by column are the very XML ``cell_xml`` writes cell by cell.

:class:`addin.books.xlsx_rows.RowsAppend` builds each block of rows with Arrow string kernels; the
reference here is the plain loop over rows and cells. Hypothesis draws columns of every kind the
adapters are given (numbers, dates and times, text with XML's special and illegal characters, white
space, booleans, mixed values, blanks), in lists and in pandas columns, with and without styles.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.books import xlsx_rows
from addin.books.base import CellValue
from addin.books.xlsx_rows import RowsAppend, number_texts
from addin.books.xlsx_sheet_xml import cell_xml
from addin.engine.cells import cell_address


def reference(append: RowsAppend) -> bytes:
    """The rows as the cell-by-cell writer makes them."""
    out = []
    for i in range(append.count):
        number = append.first_row + i
        cells = "".join(
            cell_xml(cell_address(number, c), v, append.styles.get(c, 0), append.date1904)
            for c, v in sorted(append.cells(i).items())
        )
        if cells:
            out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out).encode()


def vectorised(append: RowsAppend) -> bytes:
    return b"".join(append.xml(0, append.count))


amounts = st.one_of(
    st.integers(-10**13, 10**13).map(lambda p: p / 100),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e15, 123456789012345.67, 0.30000000000000004, 1e-7]),
    st.none(),
)
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="a &<>_x0041_ \n\t\x00\x0bरुपये", max_size=20),
    st.sampled_from(["", " lead", "trail ", "=SUM(A1)", "_x000D_", "a" * 32_800]),
    st.none(),
)
days = st.one_of(
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
    st.none(),
)
mixed = st.one_of(amounts, texts, days, st.booleans(), st.integers(-5, 5))
kinds = st.sampled_from([amounts, texts, days, st.one_of(st.booleans(), st.none()), mixed])


@st.composite
def appends(draw: Any) -> RowsAppend:
    count = draw(st.integers(1, 12))
    width = draw(st.integers(1, 5))
    columns: dict[int, Any] = {}
    for c in range(1, width + 1):
        values = draw(st.lists(draw(kinds), min_size=count, max_size=count))
        if draw(st.booleans()) and draw(st.booleans()):
            columns[c] = None
        elif draw(st.booleans()):
            columns[c] = pd.Series(values)
        else:
            columns[c] = values
    styles = {c: draw(st.integers(0, 3)) for c in columns}
    return RowsAppend.of(draw(st.integers(2, 10**6)), count, columns, styles, draw(st.booleans()))


@settings(max_examples=300, deadline=None)
@given(appends())
def test_rows_made_column_by_column_are_the_cell_by_cell_xml(append: RowsAppend) -> None:
    assert vectorised(append) == reference(append)


@pytest.mark.parametrize("block", [1, 2, 5])
def test_blocks_join_into_the_same_rows(monkeypatch: pytest.MonkeyPatch, block: int) -> None:
    monkeypatch.setattr(xlsx_rows, "BLOCK_ROWS", block)
    append = RowsAppend.of(
        7,
        6,
        {
            1: pd.to_datetime(["2025-04-01"] * 6),
            2: ["SI#1", None, "x & y", "", " a", "b"],
            3: [1.5, None] * 3,
        },
        {1: 2, 3: 4},
    )
    assert vectorised(append) == reference(append)
    assert b"".join(append.xml(2, 5)) == b"".join(
        x for x in reference(append).split(b"</row>")[2:5] for x in (x, b"</row>")
    )


def test_a_journal_frame_as_posting_gives_it() -> None:
    frame = pd.DataFrame(
        {
            "Date": pd.to_datetime(["2025-04-01", "2025-04-01", "2026-03-31"]),
            "Voucher": pd.Series(["SI#INV/1", "SI#INV/1", "PY#P-7"], dtype="str"),
            "Debit": [1180.0, np.nan, 99.99],
            "Credit": [np.nan, 1000.0, np.nan],
            "Party": pd.Series(["Rao & Sons", "Rao & Sons", None], dtype=object),
        }
    )
    append = RowsAppend.of(2, 3, {i + 1: frame[c] for i, c in enumerate(frame.columns)}, {1: 5, 3: 6, 4: 6})
    assert vectorised(append) == reference(append)
    assert b"<t>Rao &amp; Sons</t>" in vectorised(append)
    assert b'<c r="D2" s="6"/>' in vectorised(append)  # a nil credit keeps the column's format


def test_numbers_read_as_python_writes_them() -> None:
    rng = np.random.default_rng(5)
    values = np.concatenate([rng.integers(-10**14, 10**14, 20_000) / 100, rng.random(1000) * 1e6])
    expected = [cell_xml("A1", float(v))[len('<c r="A1"><v>') : -len("</v></c>")] for v in values]
    assert number_texts(values).to_pylist() == expected


def test_a_rows_cells_for_a_row_the_sheet_already_has() -> None:
    append = RowsAppend.of(2, 2, {1: pd.to_datetime(["2025-04-01", None]), 2: ["a", ""], 3: [math.nan, 5]})
    row: dict[int, CellValue] = append.cells(0)
    assert row == {1: dt.datetime(2025, 4, 1), 2: "a", 3: None}
    assert append.cells(1) == {1: None, 2: None, 3: 5.0}
