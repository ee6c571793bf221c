"""Money as integer paise, and how Indians write it.

Every amount inside the engine is an ``int`` (or ``numpy.int64``) number of paise: sums are exact and
a balanced journal nets to exactly zero. Rupees appear only at the edges (cells, text, JSON).

>>> to_decimal_string(12000050)
'120000.50'
>>> to_decimal_string(-5)
'-0.05'
>>> format_inr(12000050)
'1,20,000.50'
>>> format_inr(-123456789012)
'-1,23,45,67,890.12'
>>> format_inr(99)
'0.99'
>>> to_rupees(150)
1.5
>>> from_decimal_string("1200.5")
120050
>>> from_decimal_string("12.345")
Traceback (most recent call last):
...
addin.engine.cells.values.CellValueError: '12.345' has more than two decimals: an amount is in rupees \
and paise (12.35)
"""

from __future__ import annotations

from decimal import Decimal

PAISE_PER_RUPEE = 100


def to_decimal_string(paise: int) -> str:
    """Paise as a plain decimal string with two places ("-1234.50")."""
    sign = "-" if paise < 0 else ""
    rupees, rest = divmod(abs(int(paise)), PAISE_PER_RUPEE)
    return f"{sign}{rupees}.{rest:02d}"


def to_decimal(paise: int) -> Decimal:
    """Paise as an exact Decimal of rupees."""
    return Decimal(to_decimal_string(paise))


def to_rupees(paise: int) -> float:
    """Paise as a float of rupees, for writing a number into a cell (Excel stores doubles)."""
    return int(paise) / PAISE_PER_RUPEE


def group_indian(digits: str) -> str:
    """Group a string of digits the Indian way: last three, then pairs.

    >>> group_indian("1234567")
    '12,34,567'
    >>> group_indian("999")
    '999'
    """
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    if head:
        pairs.insert(0, head)
    return ",".join([*pairs, tail])


def format_inr(paise: int, symbol: str = "") -> str:
    """Paise written with lakh/crore grouping and two decimals, optionally after a symbol ("₹ ")."""
    sign = "-" if paise < 0 else ""
    rupees, rest = divmod(abs(int(paise)), PAISE_PER_RUPEE)
    prefix = f"{symbol} " if symbol else ""
    return f"{sign}{prefix}{group_indian(str(rupees))}.{rest:02d}"


def bracketed(paise: int) -> str:
    """An amount that may be negative as a statement prints it: lakh-grouped, negatives in brackets,
    never a bare minus.

    >>> bracketed(12345678), bracketed(-12345678), bracketed(0)
    ('1,23,456.78', '(1,23,456.78)', '0.00')
    """
    text = format_inr(abs(paise))
    return f"({text})" if paise < 0 else text


def from_decimal_string(text: str) -> int:
    """A decimal string ("1200.5") as paise, read by the cell grammar; raises ValueError (saying why)
    for what is not an amount and past two decimals."""
    from addin.engine.cells import read_amount  # noqa: PLC0415 - money stays light to import

    return read_amount(text, exact=True).paise


# --- how amounts are shown: Dr and Cr, lakh-grouped ------------------------------------------------

DR = "Dr"
"""The side of a debit balance (नामे), as a suffix or a column heading."""
CR = "Cr"
"""The side of a credit balance (जमा)."""
SIDE_HEADING = "Dr/Cr / नामे/जमा"
"""The heading of a column saying on which side each balance stands (beside an amount column)."""


def dr_cr(paise: int) -> tuple[int, int]:
    """A signed amount (debit positive) as its (debit, credit) parts, both non-negative, one zero.

    This is how accountants read a balance: in a Dr column or a Cr column, never with a minus.

    >>> dr_cr(150000), dr_cr(-50000000), dr_cr(0)
    ((150000, 0), (0, 50000000), (0, 0))
    """
    value = int(paise)
    return (value, 0) if value >= 0 else (0, -value)


def side(paise: int) -> str:
    """ "Dr" for a debit (positive) amount, "Cr" for a credit (negative) one, "" for zero.

    >>> side(5), side(-5), side(0)
    ('Dr', 'Cr', '')
    """
    return DR if paise > 0 else CR if paise < 0 else ""


def format_dr_cr(paise: int, symbol: str = "") -> str:
    """A signed amount as accountants write a balance: lakh-grouped, no minus, then Dr or Cr.

    >>> format_dr_cr(-391168367), format_dr_cr(12000050, "₹"), format_dr_cr(0)
    ('39,11,683.67 Cr', '₹ 1,20,000.50 Dr', '0.00')
    """
    text = format_inr(abs(int(paise)), symbol)
    label = side(paise)
    return f"{text} {label}" if label else text


INR_FORMAT = "[>=10000000]##\\,##\\,##\\,##0.00;[>=100000]##\\,##\\,##0.00;##,##0.00"
"""The Excel number format of a NON-NEGATIVE amount in rupees, lakh/crore grouped: 1,23,45,678.90.

Excel has no lakh grouping of its own (its ``#,##0`` groups by the computer's regional setting) and
allows at most two conditions, hence two conditional sections (crores, lakhs) and a third for the
rest. Excel, LibreOffice (7.4) and Excel's rules as ``ssf`` emulates them show:

    0 → 0.00 · 5 → 5.00 · 99,999.99 · 1,00,000.00 · 12,34,567.50 · 1,23,45,678.90
    1234567890.12 → 123,45,67,890.12 (from 100 crore the crores are not grouped further)

A negative value falls into the third section: LibreOffice then shows no minus at all and Western
grouping (-100000 → "100,000.00"), Excel "-100,000.00". So write only non-negative amounts in this
format (Dr and Cr columns: :func:`dr_cr`), and use :data:`BRACKETED_INR_FORMAT` where a sign must
show (an overdrawn bank balance, an opening credit typed with a minus, a reconciliation's
difference); an owned sheet's rare negative amount in such a column (a line typed with a minus,
shown as it is) is written in :data:`BRACKETED_INR_FORMAT`
(:func:`addin.books.base.cell_number_format`).
"""

INDIAN_NUMBER_FORMAT = INR_FORMAT
"""The former name of :data:`INR_FORMAT` (kept for code that still imports it)."""

BRACKETED_INR_FORMAT = '[$-4009]#,##0.00_);[$-4009](#,##0.00);[$-4009]"-"_)'
"""The Excel number format of a statement's amount: natural sign, a negative in brackets, nil a dash.

Financial statements print amounts as accountants do (:func:`addin.engine.statements.bracketed`):
a loss, a credit balance on an asset line or an outflow as "(1,23,456.00)", never "-1,23,456.00".
Three plain sections (positive; negative in literal brackets; zero as "-"), each in the English
(India) locale (``[$-4009]``: LibreOffice groups every amount the Indian way), and ``_)`` leaves a
bracket's width after a positive amount and the dash so that the digits line up with a bracketed
one. LibreOffice (7.4) shows 12,34,567.50, (1,23,45,678.90), 1,23,45,67,890.12 and "-"; Excel shows
the same brackets and dash and groups the digits as the computer's regional setting says (lakhs
with English (India), "12,34,56,789" digit grouping; thousands elsewhere). A bracket needs the
negative section, and Excel's two conditions cannot also split lakhs from crores on both sides
(see :data:`INR_FORMAT`): brackets everywhere outweigh lakhs everywhere in a statement, where a bare
minus is the one thing an accountant must never see.
"""


BRACKETED_WHOLE_INR_FORMAT = '[$-4009]#,##0_);[$-4009](#,##0)'
""":data:`BRACKETED_INR_FORMAT` in whole rupees: a chart's value axis (1,00,000 and (50,000))."""
