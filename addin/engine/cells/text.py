"""Text cells: stripped text, codes typed as numbers, Excel errors, blanks — and how text is compared.

:func:`cell_text` is a cell's value as the user reads it; :func:`parse_text` and
:func:`parse_text_column` read a column the same way, at Arrow speed. :func:`fold` is how two texts
are compared (account names, headings, settings: case and spacing ignored); :func:`fold_key` keeps
only letters and digits (bank statement headings such as "Chq./Ref.No.").

>>> cell_text(1001.0), fold("  Cash \xa0 in HAND ") == fold("cash in hand"), fold_key(" Chq./Ref.No. ")
('1001', True, 'chqrefno')
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.cells.values import (
    BoolArray,
    CellValueError,
    IntArray,
    Reason,
    arrow_strings,
    clean,
    factorize,
    is_blank_value,
    is_error_text,
    is_number,
    is_object,
    object_values,
    string_buffers,
)

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Text compared case- and space-insensitively ("  Cash  in Hand" ~ "cash in hand").

    >>> fold("  Cash \xa0 in HAND ") == fold("cash in hand")
    True
    """
    return _SPACES.sub(" ", text).strip().casefold()


def fold_key(text: str) -> str:
    """Text compared by its letters and digits only, in any case ("Chq./Ref.No." ~ "chq ref no").

    Letters of every script count (a Hindi heading keeps its letters and vowel signs).

    >>> fold_key("Withdrawal Amt."), fold_key("जमा राशि"), fold_key("--")
    ('withdrawalamt', 'जमाराशि', '')
    """
    return "".join(c for c in text.casefold() if c.isalnum() or unicodedata.category(c).startswith("M"))


def _text_scalar(value: object) -> str:
    if is_blank_value(value):
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if np.isfinite(number) and number.is_integer() and abs(number) < 2**53:
            return str(int(number))
        return repr(number) if isinstance(value, float | np.floating) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def cell_text(value: object) -> str:
    """A cell's value as the user reads it, for an issue's ``value`` ("" for blank).

    >>> cell_text(1001.0), cell_text(" Rent "), cell_text(None), cell_text(dt.date(2025, 4, 1))
    ('1001', 'Rent', '', '2025-04-01')
    """
    return _text_scalar(value)


YES_WORDS = frozenset({"yes", "y", "true", "1", "हाँ", "हां", "ha", "haan"})
"""A cell saying yes, folded (:func:`fold`): Yes, Y, TRUE (or Excel's TRUE), 1, हाँ."""
NO_WORDS = frozenset({"no", "n", "false", "0", "नहीं", "nahin", "nahi"})
"""A cell saying no, folded: No, N, FALSE (or Excel's FALSE), 0, नहीं."""


def read_yes_no(value: object) -> bool | None:
    """A yes/no cell: True or False, None when blank; anything else raises :class:`CellValueError`.

    >>> read_yes_no(True), read_yes_no(" Yes "), read_yes_no("नहीं"), read_yes_no(0.0), read_yes_no("")
    (True, True, False, False, None)
    >>> read_yes_no("xyz")
    Traceback (most recent call last):
    ...
    addin.engine.cells.values.CellValueError: 'xyz' is neither yes nor no (TRUE/FALSE, Yes/No, हाँ/नहीं)
    """
    if is_blank_value(value):
        return None
    text = fold(_text_scalar(value))
    if text in YES_WORDS or text in NO_WORDS:
        return text in YES_WORDS
    shown = _text_scalar(value)
    raise CellValueError(
        Reason(
            f"{shown!r} is neither yes nor no (TRUE/FALSE, Yes/No, हाँ/नहीं)",
            f"{shown!r} न हाँ है न नहीं (TRUE/FALSE, Yes/No, हाँ/नहीं लिखें)",
        )
    )


def parse_text(series: pd.Series[Any]) -> pd.Series[str]:
    """Text cells as stripped strings: None/NaN → "", 1001.0 → "1001" (codes typed as numbers).

    The result has the same index as ``series``. Non-breaking spaces at the ends are stripped too.

    >>> parse_text(pd.Series([" Cash ", 1001.0, None, 12.5, True], dtype=object)).tolist()
    ['Cash', '1001', '', '12.5', 'TRUE']
    >>> parse_text(pd.Series([1001.0, float("nan")])).tolist()
    ['1001', '']
    """
    arrow = arrow_strings(series)
    if arrow is not None:
        cleaned = pc.fill_null(pc.utf8_trim_whitespace(arrow), "")
        return pd.Series(cleaned, index=series.index, dtype="str")
    if isinstance(series.dtype, pd.StringDtype):  # python-backed strings
        return series.str.strip().fillna("").astype("str")
    if len(series) == 0:
        return pd.Series([], index=series.index, dtype="str")
    if is_object(series.dtype) and pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
        arrow = pa.array(object_values(series), type=pa.large_string(), from_pandas=True)
        cleaned = pc.fill_null(pc.utf8_trim_whitespace(arrow), "")
        return pd.Series(cleaned, index=series.index, dtype="str")
    if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        codes_raw, uniques_raw = pd.factorize(series, use_na_sentinel=True)  # numbers hash fast
        codes = np.asarray(codes_raw, dtype=np.int64)
        table = _numbers_as_text(np.asarray(uniques_raw, dtype=np.float64))
    else:
        codes, uniques = factorize(object_values(series))
        table = pa.array([_text_scalar(u) for u in uniques] + [""], type=pa.large_string())
    picked = pc.take(table, pa.array(np.where(codes < 0, len(table) - 1, codes)))
    return pd.Series(picked, index=series.index, dtype="str")


@dataclass(frozen=True, slots=True)
class TextColumn:
    """A parsed text column: stripped text ("" where blank) and masks of blank and Excel-error cells.

    An error cell keeps its text ("#N/A") here; the loader reports it and blanks it.
    """

    text: pd.Series[str]
    blank: BoolArray
    error: BoolArray


def parse_text_column(series: pd.Series[Any]) -> TextColumn:
    """:func:`parse_text`, with the blank and Excel-error masks (:func:`text_error_mask`) of the result.

    An Arrow text column is read from its buffers: trimmed only when some text starts or ends with
    a byte that may be a space, blank where the length is 0, an error candidate where the first
    byte is "#"; a column of nulls only is all blank at once.

    >>> col = parse_text_column(pd.Series([" Cash ", None, "#N/A", "#1 Shop"], dtype="str"))
    >>> col.text.tolist(), col.blank.tolist(), col.error.tolist()
    (['Cash', '', '#N/A', '#1 Shop'], [False, True, False, False], [False, False, True, False])
    """
    arrow = arrow_strings(series)
    if arrow is None:
        text = parse_text(series)
        return TextColumn(text, (text == "").to_numpy(dtype=np.bool_), text_error_mask(text))
    array = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
    n = len(array)
    if array.null_count == n:
        empty = pa.LargeStringArray.from_buffers(
            n, pa.py_buffer(np.zeros(n + 1, dtype=np.int64)), pa.py_buffer(b"")
        )
        zeros = np.zeros(n, dtype=np.bool_)
        return TextColumn(pd.Series(empty, index=series.index, dtype="str"), ~zeros, zeros)
    if _may_need_trim(array):
        array = pc.utf8_trim_whitespace(array)
    if array.null_count:
        array = _nulls_as_empty(array)
    offsets, data = string_buffers(array)
    blank = offsets[1:] == offsets[:-1]
    text = pd.Series(array, index=series.index, dtype="str")
    if not len(data):
        return TextColumn(text, blank, np.zeros(n, dtype=np.bool_))
    hash_first = ~blank & (np.take(data, offsets[:-1], mode="clip") == ord("#"))
    errors = np.zeros(n, dtype=np.bool_)
    if hash_first.any():
        positions = np.flatnonzero(hash_first)
        texts = array.take(pa.array(positions)).to_pylist()
        errors[positions[np.array([is_error_text(t) for t in texts], dtype=np.bool_)]] = True
    return TextColumn(text, blank, errors)


def _nulls_as_empty(array: pa.Array) -> pa.Array:
    """``fill_null(array, "")``, without copying the text when every null already spans no bytes.

    >>> _nulls_as_empty(pa.array(["a", None, "b"], type=pa.large_string())).to_pylist()
    ['a', '', 'b']
    """
    offsets, _ = string_buffers(array)
    null = ~array.is_valid().to_numpy(zero_copy_only=False)
    if not (offsets[1:] == offsets[:-1])[null].all():
        return pc.fill_null(array, "")
    _, offsets_buffer, data_buffer = array.buffers()
    return pa.Array.from_buffers(
        array.type, len(array), [None, offsets_buffer, data_buffer], null_count=0, offset=array.offset
    )


def _may_need_trim(array: pa.Array) -> bool:
    """Whether any text may start or end with a space, as Arrow's ``utf8_trim_whitespace`` sees them.

    Arrow's spaces are ASCII 9–13, 28–32, and U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
    U+2029, U+202F, U+205F, U+3000, whose UTF-8 starts with byte C2, E1, E2 or E3: so a text may
    need trimming when its first byte is one of those or at most 0x20, or when it ends in an ASCII
    space or in a two-byte character led by C2 or a three-byte one led by E1–E3. Devanagari (E0)
    never does. An empty text reads its neighbours' bytes: at worst a needless trim, never a
    missed one.

    >>> [_may_need_trim(pa.array([t])) for t in ("दिनेश कुमार", "Cash\xa0", "\u3000Cash", "Cash\t", "Cash")]
    [False, True, True, True, False]
    """
    offsets, data = string_buffers(array)
    if not len(data):
        return False
    first = np.take(data, offsets[:-1], mode="clip")
    if ((first <= 0x20) | (first == 0xC2) | ((first >= 0xE1) & (first <= 0xE3))).any():
        return True
    ends = offsets[1:] - 1
    last = np.take(data, ends, mode="clip")
    if (last <= 0x20).any():
        return True
    ends = ends[last >= 0x80]  # texts ending in a non-ASCII character
    lead2 = np.take(data, ends - 1, mode="clip")  # the lead byte when the last character has two bytes
    lead3 = np.take(data, ends - 2, mode="clip")  # … when it has three
    return bool(((lead2 == 0xC2) | ((lead3 >= 0xE1) & (lead3 <= 0xE3))).any())


def _numbers_as_text(numbers: npt.NDArray[np.float64]) -> pa.Array:
    """Distinct numbers as text ("1001" for 1001.0), followed by "" for blank; whole ones cast by Arrow."""
    whole = np.isfinite(numbers) & (np.mod(numbers, 1) == 0) & (np.abs(numbers) < 2**53)
    if whole.all():
        texts = pc.cast(pa.array(numbers.astype(np.int64)), pa.large_string())
        return pa.concat_arrays([texts, pa.array([""], type=pa.large_string())])
    return pa.array([_text_scalar(float(u)) for u in numbers] + [""], type=pa.large_string())


_HASH_BYTES = 64  # texts longer than this are hashed by Arrow instead
_HASH_TABLE = np.frombuffer(np.random.default_rng(0xBA41).bytes(_HASH_BYTES * 256 * 8), dtype=np.uint64)
"""Tabulation hashing: one random 64-bit word per (byte position, byte value)."""


def _text_hashes(arrow: pa.Array) -> npt.NDArray[np.uint64] | None:
    """A 64-bit hash of each text (XOR of table words), or None when a text is too long to hash here.

    One pass per byte position over all texts (voucher numbers are short), so that every array
    touched is as long as the column, never as long as its bytes.
    """
    offsets, data = string_buffers(arrow)
    lengths = np.diff(offsets)
    if len(lengths) == 0 or int(lengths.max()) > _HASH_BYTES:
        return None
    begin = offsets[:-1]
    hashes = lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    shortest = int(lengths.min())
    for k in range(int(lengths.max())):
        if k < shortest:  # every text has a k-th byte
            hashes ^= _HASH_TABLE[data[begin + k].astype(np.int64) + k * 256]
        else:
            live = np.flatnonzero(lengths > k)
            hashes[live] ^= _HASH_TABLE[data[begin[live] + k].astype(np.int64) + k * 256]
    return hashes


def _all_different(hashes: npt.NDArray[np.uint64]) -> bool:
    """Whether no two hashes are equal (so no two of the texts hashed are)."""
    ordered = np.sort(hashes)
    return not bool((ordered[1:] == ordered[:-1]).any())


def factorize_text(arrow: pa.Array | pa.ChunkedArray) -> tuple[IntArray, pa.Array]:
    """Codes (numbered in order of first appearance, -1 for null) and distinct values of a text array.

    Many distinct short texts (voucher numbers) are hashed in numpy and the hashes factorised as
    integers, several times faster than hashing the strings; equal hashes are then confirmed equal
    as text, and on any collision Arrow's exact dictionary encoding is used instead.

    >>> codes, uniques = factorize_text(pa.array(["V1", "V2", "V1", "", "V2"]))
    >>> codes.tolist(), uniques.to_pylist()
    ([0, 1, 0, 2, 1], ['V1', 'V2', ''])
    """
    array = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
    if array.null_count == 0 and (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        hashes = _text_hashes(array)
        if hashes is not None and _all_different(hashes):  # every text distinct: no hash table needed
            return np.arange(len(array), dtype=np.int64), array
        if hashes is not None:
            codes_raw, _ = pd.factorize(hashes.view(np.int64))
            codes = np.asarray(codes_raw, dtype=np.int64)
            running = np.maximum.accumulate(np.concatenate(([-1], codes)))[:-1]
            first = np.flatnonzero(codes > running)  # the first text of each code
            same = first[codes]
            repeated = np.flatnonzero(same != np.arange(len(codes)))
            later, earlier = array.take(pa.array(repeated)), array.take(pa.array(same[repeated]))
            if not len(repeated) or pc.all(pc.equal(later, earlier)).as_py():
                return codes, array.take(pa.array(first))
    encoded = pc.dictionary_encode(array)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    indices = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)  # null: -1
    return np.asarray(indices, dtype=np.int64), encoded.dictionary


def error_mask(series: pd.Series[Any]) -> BoolArray:
    """True where a cell holds an Excel error value ("#N/A", "#REF!" …).

    >>> error_mask(pd.Series(["#N/A", "Cash", None, " #ref! "], dtype=object)).tolist()
    [True, False, False, True]
    """
    dtype = series.dtype
    if isinstance(dtype, pd.StringDtype) or is_object(dtype):
        if isinstance(dtype, pd.StringDtype):
            hit = series.str.lstrip().str.startswith("#").fillna(False).to_numpy(dtype=np.bool_)
            if not hit.any():
                return hit
        codes, uniques = factorize(object_values(series))
        table = np.array([is_error_text(u) for u in uniques] + [False], dtype=np.bool_)
        out: BoolArray = table[codes]
        return out
    return np.zeros(len(series), dtype=np.bool_)


def text_error_mask(text: pd.Series[str]) -> BoolArray:
    """True where already-parsed text (:func:`parse_text`) is an Excel error value.

    >>> text_error_mask(parse_text(pd.Series(["#N/A", "#1 Shop", "Cash"]))).tolist()
    [True, False, False]
    """
    hash_first = text.str.startswith("#").fillna(False).to_numpy(dtype=np.bool_)
    if not hash_first.any():
        return hash_first
    positions = np.flatnonzero(hash_first)
    errors = np.array([is_error_text(t) for t in text.iloc[positions].tolist()], dtype=np.bool_)
    out = np.zeros(len(text), dtype=np.bool_)
    out[positions[errors]] = True
    return out


def blank_mask(series: pd.Series[Any]) -> BoolArray:
    """True where a cell is empty (None, NaN, NaT or only spaces).

    >>> blank_mask(pd.Series([None, " ", "x", 0, float("nan")], dtype=object)).tolist()
    [True, True, False, False, True]
    """
    dtype = series.dtype
    if arrow_strings(series) is not None:
        return parse_text_column(series).blank
    isna = series.isna().to_numpy(dtype=np.bool_)
    if isinstance(dtype, pd.StringDtype):
        empty = (series.str.strip() == "").fillna(False).to_numpy(dtype=np.bool_)
        out: BoolArray = isna | empty
        return out
    if is_object(dtype):
        codes, uniques = factorize(object_values(series))
        table = np.array([is_blank_value(u) for u in uniques] + [True], dtype=np.bool_)
        result: BoolArray = table[codes]
        return result
    return isna
