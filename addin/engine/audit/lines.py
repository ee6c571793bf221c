"""A journal's lines as the audit trail keeps them: typed values in an Arrow table.

The audit trail compares the Journal of one run with the Journal of the last recorded run, so it
needs the lines' values in one fixed shape, whatever frame the loader produced:

``date`` (date32, null when unreadable), ``voucher``, ``account`` (the account as typed),
``debit`` and ``credit`` (int64 paise), ``narration``, ``party``, ``reference`` (strings, "" when
empty), and ``row`` (int32, the worksheet row, only to point at a line: never part of a hash).

>>> import pandas as pd
>>> frame = pd.DataFrame({"row": [2], "date": pd.to_datetime(["2025-04-01"]), "voucher": ["V1"],
...                       "account": ["1001"], "debit": [150000], "credit": [0]})
>>> journal_lines(frame).to_pylist()  # doctest: +NORMALIZE_WHITESPACE
[{'date': datetime.date(2025, 4, 1), 'voucher': 'V1', 'account': '1001', 'debit': 150000, 'credit': 0,
  'narration': '', 'party': '', 'reference': '', 'row': 2}]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

TEXT_FIELDS = ("account", "narration", "party", "reference")
"""The text values of a line besides its voucher, in the order they are hashed and shown."""

LINE_SCHEMA = pa.schema(
    [
        ("date", pa.date32()),
        ("voucher", pa.large_string()),
        ("account", pa.large_string()),
        ("debit", pa.int64()),
        ("credit", pa.int64()),
        ("narration", pa.large_string()),
        ("party", pa.large_string()),
        ("reference", pa.large_string()),
        ("row", pa.int32()),
    ]
)
"""The columns of :func:`journal_lines`' table, in order."""


def _text(frame: pd.DataFrame, *names: str) -> pa.Array:
    """The first of ``names`` that the frame has, as Arrow large strings without nulls ("" for none)."""
    for name in names:
        if name in frame.columns:
            series = frame[name]
            array = pa.array(series.array) if isinstance(series.dtype, pd.StringDtype) else None
            if array is None:
                array = pa.array(series.astype(object).where(series.notna(), "").astype(str).tolist())
            if isinstance(array, pa.ChunkedArray):
                array = one_array(array)
            array = array.cast(pa.large_string())
            return array.fill_null("") if array.null_count else array
    return pa.array([""] * len(frame), type=pa.large_string())


def one_array(column: pa.ChunkedArray) -> pa.Array:
    """A column as one array: its only chunk as it is, else its chunks combined (``combine_chunks``
    copies even one chunk: 0.2 s of fresh memory for the narrations of a million lines)."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _ints(frame: pd.DataFrame, name: str, dtype: Any = np.int64) -> pa.Array:
    if name not in frame.columns:
        return pa.array(np.zeros(len(frame), dtype=dtype))
    return pa.array(frame[name].to_numpy(dtype=dtype))


def journal_lines(journal: pd.DataFrame) -> pa.Table:
    """The ledger's journal frame as the audit trail's table of lines (see the module)."""
    dates = journal["date"].to_numpy(dtype="datetime64[ns]") if "date" in journal else None
    if dates is None:
        date = pa.nulls(len(journal), pa.date32())
    else:
        days = dates.astype("datetime64[D]")
        date = pa.array(days, mask=np.isnat(days), type=pa.date32())
    return pa.Table.from_arrays(
        [
            date,
            _text(journal, "voucher"),
            _text(journal, "account_text", "account"),
            _ints(journal, "debit"),
            _ints(journal, "credit"),
            _text(journal, "narration"),
            _text(journal, "party"),
            _text(journal, "reference"),
            _ints(journal, "row", np.int32),
        ],
        schema=LINE_SCHEMA,
    )
