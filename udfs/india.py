"""India cell formulas: amounts in words, lakh/crore formatting, financial years, GSTIN and PAN.

Each is a thin wrapper over the engine (:mod:`addin.engine.words`, :mod:`addin.engine.money`,
:mod:`addin.engine.cells`, :mod:`addin.engine.identifiers`). In Excel they are
``BAHI.AMOUNTINWORDS``, ``BAHI.INRFORMAT``, ``BAHI.FINYEAR``, ``BAHI.GSTIN_VALID`` and
``BAHI.PAN_VALID``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlwings import arg, func

from addin.engine.cells import financial_year
from addin.engine.identifiers import gstin as _gstin
from addin.engine.identifiers import pan as _pan
from addin.engine.money import format_inr
from addin.engine.words import CURRENCIES, amount_in_words
from udfs._cells import fail, to_date, to_month, to_paise, to_text, with_arg_docs
from udfs.tables import cell_value

__all__ = ["amountinwords", "finyear", "gstin_valid", "inrformat", "pan_valid"]


@func
@with_arg_docs
def amountinwords(amount: Any, language: Any = None, currency: Any = None) -> str:
    """Writes an amount in words, Indian style: "Rupees One Lakh Twenty Thousand Only".

    Args:
        amount: The amount in rupees (or the currency's unit); rounded to the paisa.
        language: "en" (English, the default) or "hi" (Hindi: "एक लाख बीस हज़ार रुपये मात्र").
        currency: "INR" (the default), "USD" or "EUR".
    """
    paise = to_paise(amount)
    lang = to_text(language, "language", "en").lower()
    if lang not in ("en", "hi"):
        fail(f'language should be "en" or "hi", not {lang!r}', f'language "en" या "hi" हो, {lang!r} नहीं')
    code = to_text(currency, "currency", "INR").upper()
    if code not in CURRENCIES:
        fail(
            f"currency should be one of {', '.join(CURRENCIES)}, not {code!r}",
            f"currency इनमें से एक होनी चाहिए: {', '.join(CURRENCIES)}; {code!r} नहीं",
        )
    return amount_in_words(paise, lang, code)


@func
@with_arg_docs
def inrformat(amount: Any) -> str:
    """Writes an amount as text with lakh and crore grouping and two decimals: "1,20,000.50".

    Args:
        amount: The amount in rupees; rounded to the paisa.
    """
    return format_inr(to_paise(amount))


@func
@with_arg_docs
def finyear(date: Any, start_month: Any = None) -> str:
    """The financial year a date falls in: "2025-26" (April to March), or "2025" when it starts in January.

    Args:
        date: A date (a date cell, or text such as 2025-04-01 or 01/04/2025).
        start_month: The month the financial year starts, 1 to 12 (default 4, April).
    """
    return financial_year(to_date(date), to_month(start_month))


fy = finyear
"""The Python name the formula had as ``BAHI.FY`` (Office requires formula names of three
characters or more): kept for Python callers, not exported, so Excel sees one formula."""


def _each(value: Any, is_valid: Callable[[object], bool]) -> bool | list[list[bool]]:
    """``is_valid`` of one cell, or of each cell of a range (spilled as TRUE/FALSE)."""
    if isinstance(value, list | tuple):
        rows = [list(r) for r in value] if all(isinstance(r, list | tuple) for r in value) else [list(value)]
        if len(rows) == 1 and len(rows[0]) == 1:
            return is_valid(cell_value(rows[0][0]))
        return [[is_valid(cell_value(c)) for c in row] for row in rows]
    return is_valid(cell_value(value))


@func
@arg("text", "raw")
@with_arg_docs
def gstin_valid(text: Any) -> Any:  # bool, or a 2-D list for a range (no union: xlwings converts by it)
    """TRUE if the text is a valid GSTIN: its state code, PAN, and mod-36 check character all agree.

    Args:
        text: The GSTIN, 15 characters (spaces and case are ignored); a range gives one TRUE/FALSE a cell.
    """
    return _each(text, _gstin.is_valid)


@func
@arg("text", "raw")
@with_arg_docs
def pan_valid(text: Any) -> Any:  # bool, or a 2-D list for a range
    """TRUE if the text is shaped like a PAN: AAAAA9999A, 4th letter a holder type (PAN has no checksum).

    Args:
        text: The PAN, 10 characters (spaces and case are ignored); a range gives one TRUE/FALSE a cell.
    """
    return _each(text, _pan.is_valid)
