"""What every reader of a cell shares: the kinds of value a cell holds, why one is refused, and the
numpy/Arrow plumbing behind the vectorised readers.

A reader hands a cell as a Python value (float, int, str, bool, datetime, date, None, NaN, an Excel
error such as ``"#N/A"``) or a column of them as a pandas Series. Each grammar (amounts, dates,
text) has one scalar implementation that says, for one value, what it is: :class:`CellState`
(blank, read, unreadable, an Excel error) with the value read or the :class:`Reason` it could not
be. The vectorised readers call that same implementation once per *distinct* value, or take a
numpy/Arrow fast path that tests prove agrees with it.

>>> reason = Reason("April has 30 days", "अप्रैल में 30 दिन होते हैं")
>>> str(CellValueError(reason)), CellValueError(reason).reason.hi
('April has 30 days', 'अप्रैल में 30 दिन होते हैं')
>>> is_blank_value("  "), is_blank_value(0), is_error_text(" #n/a ")
(True, False, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum, IntFlag
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
DateArray = npt.NDArray[np.datetime64]

UNCALCULATED = "#UNCALCULATED"
"""What the file reader gives for a formula cell the file holds no calculated value for (written by
a program that does not calculate, never opened in Excel): an error value, like Excel's own."""

EXCEL_ERRORS: frozenset[str] = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA",
     UNCALCULATED}
)  # fmt: skip
"""Excel's error values as a reader gives them (text), and :data:`UNCALCULATED`."""


class CellState(IntEnum):
    """What one cell held, as a grammar read it."""

    BLANK = 0
    OK = 1
    UNREADABLE = 2
    ERROR = 3  # an Excel error value such as #N/A


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a cell's value could not be read, in English and Hindi: a clause that follows a colon
    ("Cannot read '31/04/2025' as a date: April has 30 days")."""

    en: str
    hi: str

    def __str__(self) -> str:
        return self.en


class CellValueError(ValueError):
    """A scalar reader's refusal; ``reason`` says why in both languages (``str()`` is the English)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.en)
        self.reason = reason


BLANK_REASON = Reason("the cell is empty", "सेल खाली है")
UNREADABLE_REASON = Reason("it is in no form Bahi reads", "यह किसी ऐसे रूप में नहीं है जिसे बही पढ़ती है")


def error_reason(text: str) -> Reason:
    """Why an Excel error value is no value.

    >>> error_reason("#N/A").en
    'the cell shows the Excel error #N/A'
    """
    shown = clean(text).upper()
    if shown == UNCALCULATED:
        return Reason(
            "the cell holds a formula with no calculated value", "सेल में सूत्र है, पर उसका परिकलित मान नहीं है"
        )
    return Reason(f"the cell shows the Excel error {shown}", f"सेल में एक्सेल त्रुटि {shown} है")


def yes_no_reason(value: object, what_en: str, what_hi: str) -> Reason:
    """Why TRUE or FALSE is not an amount or a date."""
    shown = "TRUE" if value else "FALSE"
    return Reason(f"{shown} is a yes/no value, not {what_en}", f"{shown} हाँ/नहीं का मान है, {what_hi} नहीं")


class UnreadCell(IntFlag):
    """Which cells of a ledger row could not be read (their value in the ledger is 0, NaT or "").

    The loader reports those cells as issues; checks consult the flags so as not to report the
    same cell twice (an unreadable date is not also a *missing* date).

    >>> flags = UnreadCell.DATE | UnreadCell.DEBIT
    >>> bool(flags & UnreadCell.DEBIT), bool(flags & UnreadCell.CREDIT)
    (True, False)
    """

    DATE = 1
    VOUCHER = 2
    ACCOUNT = 4
    DEBIT = 8
    CREDIT = 16
    NARRATION = 32
    OPENING = 64
    OTHER = 128  # any other column (party, reference, GSTIN)
    CODE = 256
    NAME = 512
    TYPE = 1024
    PARENT = 2048


# ----------------------------------------------------------------------------------------------
# one value

MAX_QUOTED_DIGITS = 20
"""A message quotes an integer of more digits than this by its size (:func:`number_shown`)."""


def clean(text: str) -> str:
    """Text with non-breaking and figure spaces as spaces, stripped at both ends."""
    if text.isascii():
        return text.strip()
    return text.replace("\xa0", " ").replace("\u202f", " ").replace("\u2007", " ").strip()


def is_blank_value(value: object) -> bool:
    """An empty cell: None, NaN, NaT or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if value is pd.NaT:
        return True
    return isinstance(value, str) and not clean(value)


def is_error_text(value: object) -> bool:
    """An Excel error value ("#N/A", "#REF!" …) as text."""
    return isinstance(value, str) and clean(value).upper() in EXCEL_ERRORS


def number_shown(value: float) -> str:
    """A number as a message quotes it; an integer too long to quote whole (JSON carries 10**400) by its
    size.

    >>> number_shown(1e308), number_shown(10**15), number_shown(-(10**400))
    ('1e+308', '1000000000000000', '≈-10^400')
    """
    if isinstance(value, int) and abs(value) >= 10**MAX_QUOTED_DIGITS:
        return f"≈{'-' if value < 0 else ''}10^{math.floor(math.log10(abs(value)))}"
    return repr(value)


def is_number(value: object) -> bool:
    """A number (int or float, numpy's too), not a bool."""
    numeric = isinstance(value, int | float | np.integer | np.floating)
    return numeric and not isinstance(value, bool | np.bool_)


# ----------------------------------------------------------------------------------------------
# columns


_NO_NUMBERS = frozenset({"string", "date", "datetime", "datetime64", "empty"})
DATETIME_KINDS = frozenset({"datetime", "datetime64"})


def factorize(values: npt.NDArray[Any]) -> tuple[IntArray, list[object]]:
    """Codes and distinct values of an object array, -1 for None/NaN.

    Unlike plain ``pd.factorize``, True and 1 (False and 0) stay apart: a bool in an amount cell is
    unreadable, the number 1 is not.

    >>> codes, uniques = factorize(np.array([1.0, True, None, 1.0, "a"], dtype=object))
    >>> codes.tolist(), uniques
    ([0, 2, -1, 0, 1], [1.0, 'a', True])
    """
    codes_raw, uniques_raw = pd.factorize(values, use_na_sentinel=True)
    codes = np.asarray(codes_raw, dtype=np.int64)
    uniques: list[object] = list(uniques_raw)
    if pd.api.types.infer_dtype(uniques_raw, skipna=True) in _NO_NUMBERS:
        return codes, uniques
    suspicious = [
        k for k, u in enumerate(uniques) if isinstance(u, bool | np.bool_) or (is_number(u) and u in (0, 1))
    ]
    if not suspicious:
        return codes, uniques
    positions = np.flatnonzero(np.isin(codes, suspicious))
    split: dict[tuple[int, bool], int] = {}
    for pos in positions:
        value = values[pos]
        key = (int(codes[pos]), isinstance(value, bool | np.bool_))
        if key not in split:
            first_kind = isinstance(uniques[key[0]], bool | np.bool_)
            if key[1] == first_kind:
                split[key] = key[0]
            else:
                split[key] = len(uniques)
                uniques.append(value)
        codes[pos] = split[key]
    return codes, uniques


def take(table: npt.NDArray[Any], codes: IntArray, missing: Any) -> npt.NDArray[Any]:
    """``table[codes]`` with ``missing`` where the code is -1 (a blank cell)."""
    padded = np.append(table, np.array([missing], dtype=table.dtype))
    out: npt.NDArray[Any] = padded[codes]  # -1 picks the appended value
    return out


def object_values(series: pd.Series[Any]) -> npt.NDArray[Any]:
    values: npt.NDArray[Any] = np.asarray(series.to_numpy(dtype=object), dtype=object)
    return values


def is_object(dtype: object) -> bool:
    return isinstance(dtype, np.dtype) and dtype.kind == "O"


def as_numeric_fast(series: pd.Series[Any]) -> npt.NDArray[np.float64] | None:
    """float64 values when every non-blank cell of ``series`` is a plain number, else None."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return None
    if pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    if is_object(dtype):
        kind = pd.api.types.infer_dtype(series, skipna=True)
        if kind in ("floating", "integer", "mixed-integer-float") or (kind == "empty" and len(series)):
            return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return None


def arrow_strings(series: pd.Series[Any]) -> pa.Array | pa.ChunkedArray | None:
    """The Arrow string array behind ``series`` (zero-copy), or None when it has none."""
    dtype = series.dtype
    arrow_backed = (
        (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow")
        or (isinstance(dtype, pd.ArrowDtype) and pa.types.is_string(dtype.pyarrow_dtype))
        or (isinstance(dtype, pd.ArrowDtype) and pa.types.is_large_string(dtype.pyarrow_dtype))
    )
    if not arrow_backed:
        return None
    arrow: pa.Array | pa.ChunkedArray = pa.array(series.array)
    return arrow


def string_buffers(arrow: pa.Array) -> tuple[IntArray, npt.NDArray[np.uint8]]:
    """Offsets (int64, ``len + 1`` of them, rebased to 0) and UTF-8 bytes of a string array."""
    wide = pa.types.is_large_string(arrow.type)
    _, offsets_buffer, data_buffer = arrow.buffers()
    raw = np.frombuffer(offsets_buffer, dtype=np.int64 if wide else np.int32)
    offsets: IntArray = raw[arrow.offset : arrow.offset + len(arrow) + 1].astype(np.int64, copy=False)
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    start, stop = (int(offsets[0]), int(offsets[-1])) if len(offsets) else (0, 0)
    return (offsets - start if start else offsets), data[start:stop]
