"""A1 cell addresses: column letters, cells and ranges — the one place they are written and read.

>>> column_letter(1), column_letter(28), column_letter(16384)
('A', 'AB', 'XFD')
>>> cell_address(12, 3)
'C12'
>>> column_index("AB")
28
>>> parse_a1("$AB$3"), parse_range("Journal!$A$4:$J$12"), is_a1("C12"), is_a1("Journal")
((3, 28), ((4, 1), (12, 10)), True, False)
"""

from __future__ import annotations

import re

A1 = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
"""One cell, ``C12`` or ``$C$12`` (use with ``fullmatch``): group 1 the column letters, 2 the row."""


def column_letter(index: int) -> str:
    """1-based column index to letters."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Column letters to a 1-based index."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def cell_address(row: int, col: int) -> str:
    """1-based row and column to an A1 address."""
    return f"{column_letter(col)}{row}"


def is_a1(text: str) -> bool:
    """True for one cell's address (``"C12"``, ``"$C$12"``, spaces around allowed)."""
    return A1.fullmatch(text.strip()) is not None


def parse_a1(address: str) -> tuple[int, int]:
    """``"C12"`` (or ``"$C$12"``) as a 1-based (row, column); raises ValueError for anything else.

    >>> parse_a1("C12"), parse_a1(" $ab$3 ")
    ((12, 3), (3, 28))
    >>> parse_a1("C")
    Traceback (most recent call last):
    ...
    ValueError: not a cell address: 'C'
    """
    match = A1.fullmatch(address.strip())
    if not match:
        raise ValueError(f"not a cell address: {address!r}")
    return int(match.group(2)), column_index(match.group(1))


def parse_range(address: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """``"A1:F20"`` (a sheet prefix and ``$`` allowed) as its top-left and bottom-right cells.

    >>> parse_range("Journal!$A$4:$J$12")
    ((4, 1), (12, 10))
    >>> parse_range("B2")
    ((2, 2), (2, 2))
    """
    address = address.rsplit("!", maxsplit=1)[-1]
    first, _, last = address.partition(":")
    top_left = parse_a1(first)
    return top_left, parse_a1(last) if last else top_left


def first_cell(address: str) -> tuple[int, int] | None:
    """The (row, column) a cell or range address starts at, or None when it is none ("" included).

    >>> first_cell("AB12"), first_cell("A1:C1"), first_cell("")
    ((12, 28), (1, 1), None)
    """
    try:
        return parse_range(address)[0]
    except ValueError:
        return None


def quote_sheet(sheet: str) -> str:
    """A sheet name as it stands in a formula or hyperlink: ``'Trial Balance'``.

    >>> quote_sheet("Journal"), quote_sheet("Trial Balance"), quote_sheet("Ram's")
    ("'Journal'", "'Trial Balance'", "'Ram''s'")
    """
    return "'" + sheet.replace("'", "''") + "'"
