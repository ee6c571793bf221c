"""Tables as cell formulas receive them: a 2-D list, header row first (or no header at all).

Pass a whole Excel Table with its header row through a structured reference: ``Journal[#All]``
and ``Accounts[#All]`` (``Journal`` alone is the data body, without headings; that works too, as
long as the columns are in the template's order). Headings are matched as the loader matches them:
English, Hindi, or the template's "English / हिन्दी", in any case and spacing.

>>> rows = with_header([["2025-04-01", "S1", "Bank", 100, None, "Sale"]], JOURNAL, "journal")
>>> rows[0][:3]
['Date / दिनांक', 'Voucher / वाउचर', 'Account / खाता']
>>> with_header([["Account", "Debit"], ["Bank", 5]], JOURNAL, "journal")[0]
['Account', 'Debit']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from addin.engine.schema import ACCOUNTS, JOURNAL, TableSpec, canonical_column
from udfs._cells import fail, is_blank

__all__ = ["ACCOUNTS", "JOURNAL", "as_rows", "has_header", "implied_accounts", "with_header"]


def as_rows(value: Any, what: str) -> list[list[Any]]:
    """A range argument as a list of rows (a single cell is one row of one cell)."""
    if value is None:
        fail(f"{what} is empty: pass the whole table, e.g. {what.capitalize()}[#All]")
    if not isinstance(value, list | tuple):
        return [[value]]
    if value and all(isinstance(r, list | tuple) for r in value):
        return [list(r) for r in value]
    return [list(value)]


def has_header(row: Sequence[Any], spec: TableSpec) -> bool:
    """True when ``row`` holds at least one of ``spec``'s headings."""
    return any(canonical_column(spec, cell) is not None for cell in row)


def with_header(rows: list[list[Any]], spec: TableSpec, what: str) -> list[list[Any]]:
    """``rows`` with a header row: as given, or the template's headings for a headerless block.

    Trailing blank rows are dropped (a whole-column reference); blank rows inside are kept, so
    that row numbers in issues stay true.
    """
    end = len(rows)
    while end > 1 and all(is_blank(c) for c in rows[end - 1]):  # a whole-column reference (A:F)
        end -= 1
    rows = rows[:end]
    if not rows or not rows[0] or all(is_blank(c) for c in rows[0]):
        fail(f"{what} is empty: pass the whole table, e.g. {spec.name}[#All]")
    if has_header(rows[0], spec):
        return rows
    width = len(rows[0])
    if width > len(spec.columns):
        fail(
            f"{what} has {width} columns and no header row: pass the table with its headings "
            f"({spec.name}[#All]) or its first {len(spec.columns)} columns in template order"
        )
    return [[c.heading for c in spec.columns[:width]], *rows]


def implied_accounts(journal_rows: list[list[Any]]) -> list[list[Any]]:
    """An Accounts table implied by a journal: each distinct account it names, type unknown.

    Used when a formula is given no Accounts table: every account the journal names exists, with
    no opening balance, no parent and no type (a trial balance shows its Type blank).
    """
    header = journal_rows[0]
    position = next((i for i, h in enumerate(header) if canonical_column(JOURNAL, h) == "Account"), None)
    if position is None:
        fail("journal has no Account column")
    seen: dict[str, None] = {}
    for row in journal_rows[1:]:
        if position < len(row) and not is_blank(row[position]):
            seen.setdefault(str(row[position]).strip(), None)
    headings = [c.heading for c in ACCOUNTS.columns[:5]]  # Code, Name, Type, Parent, Opening Balance
    return [headings, *([code, code, "", "", 0] for code in seen)]
