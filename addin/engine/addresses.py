"""A1 cell addresses.

>>> column_letter(1), column_letter(28), column_letter(16384)
('A', 'AB', 'XFD')
>>> cell_address(12, 3)
'C12'
>>> column_index("AB")
28
"""

from __future__ import annotations


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


def quote_sheet(sheet: str) -> str:
    """A sheet name as it stands in a formula or hyperlink: ``'Trial Balance'``.

    >>> quote_sheet("Journal"), quote_sheet("Trial Balance"), quote_sheet("Ram's")
    ("'Journal'", "'Trial Balance'", "'Ram''s'")
    """
    return "'" + sheet.replace("'", "''") + "'"
