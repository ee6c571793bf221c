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


def from_decimal_string(text: str) -> int:
    """A decimal string ("1200.5") as paise, read by the cell grammar; raises ValueError (saying why)
    for what is not an amount and past two decimals."""
    from addin.engine.cells import read_amount  # noqa: PLC0415 - money stays light to import

    return read_amount(text, exact=True).paise


INDIAN_NUMBER_FORMAT = '[>=10000000]##\\,##\\,##\\,##0.00;[>=100000]##\\,##\\,##0.00;##,##0.00'
"""Excel number format showing lakh/crore grouping for positive amounts (Excel allows two conditions)."""
