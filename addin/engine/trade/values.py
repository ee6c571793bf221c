"""Cell values the trade tables add to the ledger's: Yes/No flags, percentages and whole numbers.

Built on the engine's cell readers (:mod:`addin.engine.cells`), vectorised: each distinct text is
looked at once.

>>> yes_flags(pd.Series(["Yes", "no", None, "हाँ", True, "Y"], dtype=object)).tolist()
[True, False, False, True, True, True]
>>> rates = percent_points(pd.Series([18, "18%", "0.25", 0.1, "12.5 %", None], dtype=object))
>>> rates.paise.tolist(), rates.blank.tolist()
([1800, 1800, 25, 10, 1250, 0], [False, False, False, False, False, True])
>>> format_percent(1800), format_percent(25), format_percent(1250)
('18', '0.25', '12.5')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.cells import (
    UNREADABLE_REASON,
    YES_WORDS,
    AmountColumn,
    BoolArray,
    Reason,
    amount_reason,
    fold,
    parse_amounts,
    parse_text,
)

_YES = YES_WORDS

POINTS_PER_PERCENT = 100
"""Rates are kept in basis points: 18% is 1800, 0.25% is 25 (exact integers, never floats)."""


def yes_flags(series: pd.Series[Any]) -> BoolArray:
    """True where a cell says yes (Yes, Y, TRUE, 1, हाँ); blank and anything else is no."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.fillna(False).to_numpy(dtype=np.bool_)
    text = parse_text(series)
    codes_raw, uniques = pd.factorize(text)
    table = np.array([fold(str(u)) in _YES for u in uniques] + [False], dtype=np.bool_)
    return table[np.asarray(codes_raw, dtype=np.int64)]


def percent_points(series: pd.Series[Any]) -> AmountColumn:
    """Percent cells ("18", 18, "18%", "0.25") as basis points, with the masks of
    :func:`~addin.engine.cells.parse_amounts` (more than two decimals of a percent is flagged).

    A cell is read as a number of percent: 18 is 18%, and 0.18 is 0.18% (not 18%).
    """
    if isinstance(series.dtype, pd.StringDtype):
        series = series.str.replace("%", "", regex=False)
    elif series.dtype == object:
        series = series.map(lambda v: v.replace("%", "") if isinstance(v, str) else v)
    return parse_amounts(series)


def whole_numbers(series: pd.Series[Any]) -> tuple[np.ndarray[tuple[int], np.dtype[np.int64]], BoolArray]:
    """Whole-number cells (credit days) and a mask of cells that are not a whole number ≥ 0 (blank is 0).

    >>> days, bad = whole_numbers(pd.Series([30, None, "45", 2.5, "soon"], dtype=object))
    >>> days.tolist(), bad.tolist()
    ([30, 0, 45, 0, 0], [False, False, False, True, True])
    """
    parsed = parse_amounts(series)
    bad = parsed.unreadable | parsed.error | (parsed.paise % 100 != 0) | parsed.negative
    days = np.where(bad, 0, parsed.paise // 100).astype(np.int64)
    return days, bad


NOT_WHOLE_DAYS = Reason("it is not a whole number of days", "यह दिनों की पूर्ण संख्या नहीं है")
"""Why a Credit Days cell holding a number (2.5, -3) is refused."""


def number_reasons(values: Sequence[object]) -> list[Reason]:
    """Why each cell is not a number, for ``unreadable-amount`` issues (the cell grammar's reason)."""
    return [amount_reason(v) or UNREADABLE_REASON for v in values]


def format_percent(points: int) -> str:
    """Basis points as a percent without trailing zeros (1800 → "18", 25 → "0.25")."""
    whole, rest = divmod(int(points), POINTS_PER_PERCENT)
    return f"{whole}" if not rest else f"{whole}.{rest:02d}".rstrip("0")


def days_until(as_of: dt.date, dates: Any) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    """Days from each date to ``as_of`` (negative for later dates, 0 for NaT).

    >>> day = np.array(["2025-04-01", "2025-05-10", "NaT"], dtype="datetime64[ns]")
    >>> days_until(dt.date(2025, 4, 30), day).tolist()
    [29, -10, 0]
    """
    days = np.asarray(dates, dtype="datetime64[ns]").astype("datetime64[D]")
    count = (np.datetime64(as_of, "D") - days).astype(np.int64)
    out: np.ndarray[tuple[int], np.dtype[np.int64]] = np.where(np.isnat(days), 0, count)
    return out
