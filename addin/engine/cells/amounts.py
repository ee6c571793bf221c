"""Amounts as Indian books write them, read as integer paise — one cell or a whole column.

One grammar (:func:`read_amount` for a cell, :func:`parse_amounts` for a column, both through
:func:`amount_of`): numbers; "1,00,000.50" (lakh grouping) and "100,000.50"; "(500)" and "-500"
as negative; "₹ 1,200", "Rs. 1,200", "INR 1200", "1,200/-"; a "Dr"/"Cr" suffix ("500 Cr",
"500.00(Dr)"); spaces and non-breaking spaces. A lone dash ("-") is no amount, like a blank cell.
A float within 1e-6 rupees of whole paise is whole paise (Excel's 1234.5600000001); anything
further (12.345) has *too many decimals* and is rounded half-up.

>>> col = parse_amounts(pd.Series(["1,00,000.50", "(500)", "₹ 1,200", "Rs. 1,200/-", "12.345", "abc", None]))
>>> col.paise.tolist()
[10000050, -50000, 120000, 120000, 1235, 0, 0]
>>> col.too_many_decimals.tolist(), col.unreadable.tolist(), col.blank.tolist()[-1]
([False, False, False, False, True, False, False], [False, False, False, False, False, True, False], True)

A "Dr"/"Cr" suffix is read in one of two ways: in a signed column (``dr_cr_sign=True``, the Opening
Balance) "Cr" makes the amount negative; in a Debit or Credit column (the default) the suffix is
stripped, because the column already says the side, and kept in ``side`` so that a suffix that
contradicts its column ("500 Cr" typed under Debit) can be reported by whoever knows the column:

>>> parse_amounts(pd.Series(["1,200 Cr", "1200Dr"]), dr_cr_sign=True).paise.tolist()
[-120000, 120000]
>>> col = parse_amounts(pd.Series(["1,200 Cr", "1200Dr", "700"]))
>>> col.paise.tolist(), col.side.tolist()
([120000, 120000, 70000], [-1, 1, 0])

What cannot be read says why, in English and Hindi:

>>> read_amount("1,2,3")
Traceback (most recent call last):
...
addin.engine.cells.values.CellValueError: '1,2,3' is not a grouping of digits: a comma stands after \
the thousands (1,234) or the lakhs and crores (1,23,456)
>>> amount_reason("12,5").en
"'12,5' is not a grouping of digits: write paise after a point (12.50), not a comma"
>>> read_amount("12.345"), read_amount(1200.5)
(Amount(paise=1235, too_many_decimals=True), Amount(paise=120050, too_many_decimals=False))
>>> read_amount("12.345", exact=True)
Traceback (most recent call last):
...
addin.engine.cells.values.CellValueError: '12.345' has more than two decimals: an amount is in \
rupees and paise (12.35)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.cells.values import (
    BLANK_REASON,
    EXCEL_ERRORS,
    BoolArray,
    CellState,
    CellValueError,
    IntArray,
    Reason,
    arrow_strings,
    as_numeric_fast,
    clean,
    error_reason,
    factorize,
    is_blank_value,
    is_number,
    is_object,
    number_shown,
    object_values,
    take,
    yes_no_reason,
)

DECIMAL_TOLERANCE_PAISE = 1e-4
"""A float within 1e-6 rupees of whole paise is whole paise (Excel's 1234.5600000001 is 1234.56)."""

MAX_RUPEES = 1e15
"""Amounts at or beyond ±10^15 rupees are unreadable (no books hold them; int64 paise stay exact)."""

MAX_AMOUNT_DIGITS = 30
"""Typed amounts with more digits than this are refused before they are converted: no amount has more
than 15 before the point, and Python refuses to convert more than 4,300 digits to a number at all."""


class Amount(NamedTuple):
    """One amount read: paise (rounded half-up) and whether more than two decimals were given."""

    paise: int
    too_many_decimals: bool


@dataclass(frozen=True, slots=True)
class AmountReading:
    """What :func:`amount_of` found in one cell."""

    state: CellState
    paise: int = 0
    too_many_decimals: bool = False
    reason: Reason | None = None
    side: str = ""  # "dr" or "cr" when the text ends with it ("1,200 Cr", "500.00(Dr)")


@dataclass(frozen=True, slots=True)
class AmountColumn:
    """A parsed amount column: paise (0 where blank or unreadable) and what was found, cell by cell.

    ``negative`` is True where the parsed amount is below zero (after a "Cr" when signed).
    ``too_many_decimals`` cells still carry their amount rounded half-up to paise. ``side`` is the
    typed "Dr"/"Cr" suffix: +1 for Dr, -1 for Cr, 0 for none (numbers never have one).
    """

    paise: IntArray
    blank: BoolArray
    unreadable: BoolArray
    error: BoolArray
    too_many_decimals: BoolArray
    negative: BoolArray
    side: npt.NDArray[np.int8]

    @property
    def readable(self) -> BoolArray:
        """Cells holding an amount (not blank, not unreadable, not an error)."""
        out: BoolArray = ~(self.blank | self.unreadable | self.error)
        return out


# ----------------------------------------------------------------------------------------------
# one cell


_CURRENCY = r"(?:₹|rs\.?|inr)"
_AMOUNT_TEXT = re.compile(
    rf"""^
    (?P<sign>[-+−])?\s*{_CURRENCY}?\s*(?P<sign2>[-+−])?\s*
    (?P<open>\()?\s*{_CURRENCY}?\s*(?P<sign3>[-−])?\s*
    (?P<int>\d[\d,]*)?(?:\.(?P<frac>\d*))?
    \s*(?P<close>\))?\s*(?:/-)?\s*
    (?:\(\s*(?P<bracketed>dr|cr)\.?\s*\)|(?P<side>dr|cr)\.?)?
    $""",
    re.IGNORECASE | re.VERBOSE,
)
_GROUPED = re.compile(r"^\d+$|^\d{1,3}(?:,\d{3})+$|^\d{1,2}(?:,\d{2})*,\d{3}$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")
_LETTERS = re.compile(r"[^\W\d_]")
_MARKS = re.compile(rf"{_CURRENCY}|\b(?:dr|cr)\b\.?|/-", re.IGNORECASE)


def amount_of(value: object, *, dr_cr_sign: bool = False) -> AmountReading:
    """The one amount grammar: what a cell holds, as :class:`AmountReading` (never raises).

    >>> amount_of("1,200 Cr", dr_cr_sign=True)
    AmountReading(state=<CellState.OK: 1>, paise=-120000, too_many_decimals=False, reason=None, side='cr')
    >>> amount_of(True).reason.en
    'TRUE is a yes/no value, not an amount'
    """
    if isinstance(value, str):
        return _amount_of_text(value, dr_cr_sign)
    if is_blank_value(value):
        return AmountReading(CellState.BLANK, reason=BLANK_REASON)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _MAX_WHOLE:
        return AmountReading(CellState.UNREADABLE, reason=_too_large(number_shown(value)))  # 10**400
    if is_number(value):
        return _amount_of_number(float(value))  # type: ignore[arg-type]
    if isinstance(value, Decimal):
        return _amount_of_text(str(value), dr_cr_sign)
    if isinstance(value, bool | np.bool_):
        return AmountReading(CellState.UNREADABLE, reason=yes_no_reason(value, "an amount", "राशि"))
    if isinstance(value, dt.date | np.datetime64):
        return AmountReading(
            CellState.UNREADABLE, reason=Reason("it is a date, not an amount", "यह तिथि है, राशि नहीं")
        )
    return AmountReading(
        CellState.UNREADABLE,
        reason=Reason("it is not a number", "यह संख्या नहीं है"),
    )


def _too_large(shown: str) -> Reason:
    return Reason(
        f"{shown} is too large: amounts must be below 10^15 rupees",
        f"{shown} बहुत बड़ी है: राशि 10^15 रुपये से कम होनी चाहिए",
    )


def _too_many_digits(text: str, digits: int) -> Reason:
    """Why text of more than :data:`MAX_AMOUNT_DIGITS` digits is no amount (its start quoted).

    >>> _too_many_digits("9" * 100000, 100000).en
    "'999999999999…' has 100000 digits: an amount has at most 15 before the point (below 10^15 rupees)"
    """
    shown = f"'{text[:12]}…'" if len(text) > 12 else f"'{text}'"
    return Reason(
        f"{shown} has {digits} digits: an amount has at most 15 before the point (below 10^15 rupees)",
        f"{shown} में {digits} अंक हैं: राशि में बिंदु से पहले अधिकतम 15 अंक होते हैं (10^15 रुपये से कम)",
    )


def _amount_of_number(number: float) -> AmountReading:
    if not np.isfinite(number):
        return AmountReading(
            CellState.UNREADABLE, reason=Reason("it is not a finite number", "यह सीमित संख्या नहीं है")
        )
    if abs(number) >= MAX_RUPEES:
        return AmountReading(CellState.UNREADABLE, reason=_too_large(repr(number)))
    exact = number * 100
    paise = round(exact)
    off = abs(exact - paise) > max(DECIMAL_TOLERANCE_PAISE, abs(exact) * 1e-12)
    if off:
        paise = int(Decimal(repr(number)).scaleb(2).quantize(Decimal(1), ROUND_HALF_UP))
    return AmountReading(CellState.OK, int(paise), off)


_SIMPLE = re.compile(r"(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?")
"""Digits, grouped or not, with at most two decimals: most typed amounts, read without Decimal."""
_MAX_WHOLE = int(MAX_RUPEES)
_NIL = frozenset({"-", "--", "–", "—"})
NIL_REASON = Reason("a dash means no amount", "डैश का अर्थ है कोई राशि नहीं")


def _amount_of_text(value: str, dr_cr_sign: bool) -> AmountReading:
    text = clean(value)
    if text in _NIL:
        return AmountReading(CellState.BLANK, reason=NIL_REASON)
    if len(text) > MAX_AMOUNT_DIGITS and (digits := sum(c.isdigit() for c in text)) > MAX_AMOUNT_DIGITS:
        return AmountReading(CellState.UNREADABLE, reason=_too_many_digits(text, digits))
    simple = _SIMPLE.fullmatch(text)
    if simple is not None and (simple[1].isdigit() or _GROUPED.match(simple[1])):
        rupees_only = int(simple[1].replace(",", ""))
        if rupees_only < _MAX_WHOLE:
            return AmountReading(CellState.OK, rupees_only * 100 + int((simple[2] or "").ljust(2, "0")))
    if not text:
        return AmountReading(CellState.BLANK, reason=BLANK_REASON)
    if text.upper() in EXCEL_ERRORS:
        return AmountReading(CellState.ERROR, reason=error_reason(text))
    match = _AMOUNT_TEXT.match(text)
    if match is None:
        return AmountReading(CellState.UNREADABLE, reason=_text_reason(text))
    whole, frac = match["int"], match["frac"]
    signs = [s for s in (match["sign"], match["sign2"], match["sign3"]) if s]
    if (
        (whole is None and not frac)
        or bool(match["open"]) != bool(match["close"])
        or len(signs) > 1
        or (whole is not None and not _GROUPED.match(whole))
    ):
        return AmountReading(CellState.UNREADABLE, reason=_text_reason(text))
    try:
        rupees = Decimal(f"{(whole or '0').replace(',', '')}.{frac or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return AmountReading(CellState.UNREADABLE, reason=_text_reason(text))
    if rupees >= _MAX_WHOLE:
        return AmountReading(CellState.UNREADABLE, reason=_too_large(f"'{text}'"))
    scaled = rupees.scaleb(2)
    paise = int(scaled.quantize(Decimal(1), ROUND_HALF_UP))
    negative = bool(match["open"]) or (bool(signs) and signs[0] in "-−")
    side = (match["side"] or match["bracketed"] or "").lower()
    if dr_cr_sign and side:
        negative = side == "cr"
    decimals = scaled != scaled.to_integral_value()
    return AmountReading(CellState.OK, -paise if negative else paise, decimals, side=side)


def _text_reason(text: str) -> Reason:
    """Why typed text is not an amount, as precisely as can be told."""
    quoted = f"'{text}'"
    bare = _MARKS.sub(" ", text)
    if _LETTERS.search(bare):
        return Reason(f"{quoted} has letters or words", f"{quoted} में अक्षर या शब्द हैं")
    digits = re.findall(r"\d[\d,]*", bare)
    if not digits:
        return Reason(f"{quoted} has no digits", f"{quoted} में कोई अंक नहीं है")
    if bare.count(".") > 1:
        return Reason(f"{quoted} has more than one decimal point", f"{quoted} में एक से अधिक दशमलव बिंदु हैं")
    if text.count("(") != text.count(")"):
        return Reason(
            f"{quoted} opens a bracket it does not close (a negative amount is written (500))",
            f"{quoted} में कोष्ठक खुला है पर बंद नहीं (ऋण राशि (500) ऐसे लिखें)",
        )
    if len(re.findall(r"[-+−]", bare.replace("/-", ""))) > 1:
        return Reason(f"{quoted} has more than one sign (+ or -)", f"{quoted} में एक से अधिक चिह्न (+ या -) हैं")
    whole = digits[0].rstrip(",")
    if len(digits) == 1 and _DECIMAL_COMMA.match(whole):
        return Reason(
            f"{quoted} is not a grouping of digits: write paise after a point "
            f"({whole.replace(',', '.')}{'0' if len(whole.split(',')[1]) == 1 else ''}), not a comma",
            f"{quoted} अंकों का सही समूह नहीं है: पैसे अल्पविराम के बाद नहीं, बिंदु के बाद लिखें "
            f"({whole.replace(',', '.')}{'0' if len(whole.split(',')[1]) == 1 else ''})",
        )
    if any(not _GROUPED.match(d.rstrip(",")) for d in digits):
        return Reason(
            f"{quoted} is not a grouping of digits: a comma stands after the thousands (1,234) "
            "or the lakhs and crores (1,23,456)",
            f"{quoted} अंकों का सही समूह नहीं है: अल्पविराम हज़ार (1,234) या लाख और करोड़ (1,23,456) के बाद आता है",
        )
    return Reason(
        f"{quoted} is not written as an amount is (1,20,000.50)",
        f"{quoted} राशि के रूप (1,20,000.50) में नहीं लिखा है",
    )


def bank_balance(paise: int, side: str) -> int:
    """A balance signed the bank's way, as a pass book or statement writes it: "Cr" (or no suffix) is
    money in the bank, positive; "Dr" is an overdraft, negative. ``side``: the typed suffix ("dr",
    "cr" or "").

    >>> bank_balance(100000, "cr"), bank_balance(100000, "dr"), bank_balance(-100000, "")
    (100000, -100000, -100000)
    """
    return -abs(paise) if side.startswith("dr") else paise


def read_amount(value: object, *, dr_cr_sign: bool = False, exact: bool = False) -> Amount:
    """One cell's amount; raises :class:`CellValueError` saying why when there is none.

    ``exact``: more than two decimals is refused too (by default it is rounded half-up and flagged).

    >>> read_amount("(₹ 1,00,000.50)"), read_amount(" 500 Cr ", dr_cr_sign=True).paise
    (Amount(paise=-10000050, too_many_decimals=False), -50000)
    >>> read_amount("five hundred")
    Traceback (most recent call last):
    ...
    addin.engine.cells.values.CellValueError: 'five hundred' has letters or words
    """
    reading = amount_of(value, dr_cr_sign=dr_cr_sign)
    if reading.state is not CellState.OK:
        raise CellValueError(reading.reason or BLANK_REASON)
    if exact and reading.too_many_decimals:
        raise CellValueError(decimals_reason(value, reading.paise))
    return Amount(reading.paise, reading.too_many_decimals)


def amount_reason(value: object, *, dr_cr_sign: bool = False) -> Reason | None:
    """Why ``value`` is not an amount, or None when it is one.

    >>> amount_reason("1,00,000"), amount_reason("").en, amount_reason("#REF!").en
    (None, 'the cell is empty', 'the cell shows the Excel error #REF!')
    """
    reading = amount_of(value, dr_cr_sign=dr_cr_sign)
    return None if reading.state is CellState.OK else reading.reason


def decimals_reason(value: object, paise: int) -> Reason:
    """Why an amount with more than two decimals is not exact: it is read rounded to ``paise``."""
    shown = f"'{clean(value)}'" if isinstance(value, str) else repr(value)
    rounded = f"{'-' if paise < 0 else ''}{abs(paise) // 100}.{abs(paise) % 100:02d}"
    return Reason(
        f"{shown} has more than two decimals: an amount is in rupees and paise ({rounded})",
        f"{shown} में दो से अधिक दशमलव अंक हैं: राशि रुपये और पैसे में होती है ({rounded})",
    )


def parse_amount_text(text: str, *, dr_cr_sign: bool = False) -> tuple[int | None, bool]:
    """One typed amount as (paise, more-than-two-decimals); paise is None when unreadable.

    >>> parse_amount_text("1,00,000.50"), parse_amount_text("(₹ 500)"), parse_amount_text("INR 1200")
    ((10000050, False), (-50000, False), (120000, False))
    >>> parse_amount_text("500 Cr", dr_cr_sign=True), parse_amount_text("12.345")
    ((-50000, False), (1235, True))
    >>> parse_amount_text("12,5"), parse_amount_text("five hundred"), parse_amount_text("(500")
    ((None, False), (None, False), (None, False))
    """
    reading = _amount_of_text(text, dr_cr_sign)
    if reading.state is not CellState.OK:
        return None, False
    return reading.paise, reading.too_many_decimals


# ----------------------------------------------------------------------------------------------
# a column


def _amounts_from_floats(values: npt.NDArray[np.float64]) -> AmountColumn:
    """Numbers at numpy speed; agrees with :func:`amount_of` cell by cell (a Hypothesis test)."""
    blank = np.isnan(values)
    with np.errstate(invalid="ignore", over="ignore"):  # too large to be money: unreadable below
        usable = np.abs(values) < MAX_RUPEES  # False for blank (NaN), infinite and too large
        rounded = values * 100.0
        np.rint(rounded, out=rounded)
        drift = values * 100.0
        drift -= rounded
        np.abs(drift, out=drift)  # NaN where not usable: compares False below
        off = drift > DECIMAL_TOLERANCE_PAISE
        if off.any():  # further than the tolerance and than float64's own error at that size
            off &= drift > np.abs(values * 100.0) * 1e-12
    unreadable = ~usable
    unreadable &= ~blank
    if not usable.all():
        np.copyto(rounded, 0.0, where=~usable)
        off &= usable
    paise = rounded.astype(np.int64)
    if off.any():  # rint rounds half to even; money rounds half up, exactly from the typed digits
        for pos in np.flatnonzero(off):
            paise[pos] = _amount_of_number(float(values[pos])).paise
    return AmountColumn(
        paise=paise,
        blank=blank,
        unreadable=unreadable,
        error=np.zeros(len(values), dtype=np.bool_),
        too_many_decimals=off,
        negative=paise < 0,
        side=np.zeros(len(values), dtype=np.int8),
    )


def parse_amounts(series: pd.Series[Any], *, dr_cr_sign: bool = False) -> AmountColumn:
    """Amount cells as integer paise, with masks of blank, unreadable, error and >2-decimal cells.

    Each cell reads as :func:`read_amount` reads it (see the module docstring for the grammar).
    ``dr_cr_sign``: a "Dr"/"Cr" suffix ("1,200 Cr", "1200Cr") in a *signed* column makes the
    amount +|x| (Dr) or -|x| (Cr). Left False for Debit and Credit columns, where the suffix is
    stripped from the amount (the column already says the side, and "500 Dr" in the Debit column is
    how many accountants type) and kept in ``side``: "500 Cr" under Debit contradicts its column.

    >>> col = parse_amounts(pd.Series([1234.5600000001, 12.345, -5.0, float("nan")]))
    >>> col.paise.tolist(), col.too_many_decimals.tolist(), col.negative.tolist()
    ([123456, 1235, -500, 0], [False, True, False, False], [False, False, True, False])
    >>> col = parse_amounts(pd.Series(["#N/A", True, "  ", "1 lakh"], dtype=object))
    >>> col.error.tolist(), col.unreadable.tolist(), col.blank.tolist()
    ([True, False, False, False], [False, True, False, True], [False, False, True, False])
    """
    floats = as_numeric_fast(series)
    if floats is not None:
        return _amounts_from_floats(floats)
    n = len(series)
    if pd.api.types.is_datetime64_any_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
        blank = series.isna().to_numpy(dtype=np.bool_)
        zeros = np.zeros(n, dtype=np.bool_)
        no_side = np.zeros(n, dtype=np.int8)
        return AmountColumn(
            np.zeros(n, dtype=np.int64), blank, ~blank, zeros, zeros.copy(), zeros.copy(), no_side
        )
    if n and bool(series.isna().all()):  # a column left empty (read as text): every cell blank
        none = np.zeros(n, dtype=np.bool_)
        return AmountColumn(
            np.zeros(n, dtype=np.int64), ~none, none, none.copy(), none.copy(), none.copy(),
            np.zeros(n, dtype=np.int8),
        )
    arrow = arrow_strings(series)
    if (
        arrow is None
        and is_object(series.dtype)
        and pd.api.types.infer_dtype(series, skipna=True) == "string"
    ):
        arrow = pa.array(object_values(series), type=pa.large_string(), from_pandas=True)
    if arrow is not None:
        return _amounts_from_text(arrow, series, dr_cr_sign)
    return _amounts_cell_by_cell(series, dr_cr_sign)


_PLAIN_DECIMAL = r"^-?\d{1,13}(\.\d{1,2})?$"
"""Text Arrow casts to float64 exactly enough: at most 15 significant digits, at most two decimals."""


def _amounts_from_text(
    arrow: pa.Array | pa.ChunkedArray, series: pd.Series[Any], dr_cr_sign: bool
) -> AmountColumn:
    """A text column: plain decimals ("209577.44") are cast by Arrow at once, the rest cell by cell."""
    trimmed = pc.utf8_trim_whitespace(arrow)
    plain = pc.fill_null(pc.match_substring_regex(trimmed, _PLAIN_DECIMAL), False).to_numpy(
        zero_copy_only=False
    )
    if not plain.any():
        return _amounts_cell_by_cell(series, dr_cr_sign)
    values = np.full(len(series), np.nan)
    values[plain] = pc.cast(trimmed.filter(pa.array(plain)), pa.float64()).to_numpy(zero_copy_only=False)
    column = _amounts_from_floats(values)
    rest = np.flatnonzero(~plain & ~series.isna().to_numpy(dtype=np.bool_))
    if len(rest):
        other = _amounts_cell_by_cell(series.iloc[rest], dr_cr_sign)
        for mine, theirs in zip(_fields(column), _fields(other), strict=True):
            mine[rest] = theirs
        column.blank[rest] = other.blank
    return column


def _fields(column: AmountColumn) -> tuple[npt.NDArray[Any], ...]:
    return (
        column.paise, column.unreadable, column.error, column.too_many_decimals, column.negative, column.side
    )


_SIDE_SIGN = {"dr": 1, "cr": -1}


def _amounts_cell_by_cell(series: pd.Series[Any], dr_cr_sign: bool) -> AmountColumn:
    """Each distinct cell read once by :func:`amount_of`, then mapped back."""
    codes, uniques = factorize(object_values(series))
    parsed = [amount_of(u, dr_cr_sign=dr_cr_sign) for u in uniques]
    state = take(np.array([int(p.state) for p in parsed], dtype=np.int8), codes, CellState.BLANK)
    paise = take(np.array([p.paise for p in parsed], dtype=np.int64), codes, 0)
    decimals = take(np.array([p.too_many_decimals for p in parsed], dtype=np.bool_), codes, False)
    sides = take(np.array([_SIDE_SIGN.get(p.side, 0) for p in parsed], dtype=np.int8), codes, 0)
    return AmountColumn(
        paise=paise,
        blank=state == CellState.BLANK,
        unreadable=state == CellState.UNREADABLE,
        error=state == CellState.ERROR,
        too_many_decimals=decimals,
        negative=paise < 0,
        side=sides,
    )
