"""The Items table: goods and services with their HSN (or SAC) code, unit, GST rate and accounts.

:func:`load_items` returns the items frame, one row an item in workbook order:

``row``, ``code``, ``name``, ``hsn`` (digits as typed; "" when blank), ``unit`` (UQC, upper case),
``rate`` (int basis points: the rate when no GSTRates row applies, see :mod:`.rates`),
``sales_account`` and ``purchase_account`` (account codes, "" for the Settings' defaults).

HSN: CGST rule 46(g) asks for the HSN code on a tax invoice, and notification 78/2020-Central Tax
(from 1 April 2021) sets how many digits: 4 for a turnover up to ₹5 crore, 6 above. A code of 4, 6
or 8 digits (the full tariff item) passes; anything else — 5 digits, letters, blank — is an
``invalid-hsn`` error at the HSN cell. SAC codes for services (99xxxx) are checked the same way.

>>> table = RawTable.from_rows("Items", "Items", [["Code", "Name", "HSN", "Unit", "GST Rate"],
...     ["PIPE", "GI pipes", "7306", "mtr", 18], ["MCB", "MCB switches", 85365, "NOS", "18%"],
...     ["FAN", "Ceiling fans", "841451", "NOS", 17]])
>>> items, _, issues = load_items(table)
>>> items[["code", "hsn", "unit", "rate"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
[{'code': 'PIPE', 'hsn': '7306', 'unit': 'MTR', 'rate': 1800},
 {'code': 'MCB', 'hsn': '85365', 'unit': 'NOS', 'rate': 1800},
 {'code': 'FAN', 'hsn': '841451', 'unit': 'NOS', 'rate': 1700}]
>>> [(i.rule, i.cell, i.value) for i in issues]
[('invalid-gst-rate', 'E4', '17'), ('invalid-hsn', 'C3', '85365')]
>>> is_valid_hsn("7306"), is_valid_hsn("85365"), is_valid_hsn("9965"), is_valid_hsn("73O6")
(True, False, True, False)
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from addin.engine.cells import UnreadCell
from addin.engine.issues import Issue
from addin.engine.load import (
    TableReader,
    account_lookup,
    blank_rows,
    resolve_accounts,
)
from addin.engine.rules import Rule
from addin.engine.schema import ITEMS
from addin.engine.tables import RawTable
from addin.engine.trade.located import Located, duplicate_codes, issues_at, open_table
from addin.engine.trade.values import format_percent, percent_points

HSN_LENGTHS = frozenset({4, 6, 8})
"""Digits an HSN/SAC code may have on an invoice (4 or 6 by turnover; 8, the tariff item, too)."""

GST_RATES_POINTS: tuple[int, ...] = (0, 10, 25, 100, 150, 300, 500, 600, 750, 1200, 1800, 2800, 4000)
"""GST rates in basis points: the slabs 0, 5, 12, 18, 28 and, from 22 September 2025, 40; and the
special rates (0.1 merchant exports, 0.25 rough diamonds, 1, 1.5, 3 gold and jewellery, 6, 7.5)."""

COLUMNS = ("row", "code", "name", "hsn", "unit", "rate", "sales_account", "purchase_account")


def is_valid_hsn(text: str) -> bool:
    """True for a code of 4, 6 or 8 digits (safe in a cell: never raises)."""
    return isinstance(text, str) and text.isascii() and text.isdigit() and len(text) in HSN_LENGTHS


def is_gst_rate(points: int) -> bool:
    """True when ``points`` (basis points) is one of :data:`GST_RATES_POINTS`."""
    return int(points) in GST_RATES_POINTS


def rates_text() -> str:
    """The GST rates as a message lists them: "0, 0.1, 0.25, … 40"."""
    return ", ".join(format_percent(p) for p in GST_RATES_POINTS)


def empty_items() -> pd.DataFrame:
    """An items frame with no rows and the documented columns."""
    return _frame({c: [] for c in COLUMNS})


def _frame(data: Mapping[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(data)
    return frame.astype({c: np.int64 if c in ("row", "rate") else "str" for c in COLUMNS})


def load_items(
    table: RawTable | None, account_codes: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, Located, list[Issue]]:
    """The Items table as the items frame, where it stands, and its issues."""
    opened = open_table(table, ITEMS)
    where, issues = opened.where, opened.issues
    if table is None or not opened.complete:
        return empty_items(), where, issues
    reader = TableReader(table, opened.positions)
    code = reader.text("Code", UnreadCell.CODE)
    name = reader.text("Name", UnreadCell.NAME)
    hsn = reader.text("HSN")
    unit = reader.text("Unit")
    rate_raw = reader.raw("GST Rate")
    sales_typed = reader.text("Sales Account")
    purchase_typed = reader.text("Purchase Account")
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    n = table.row_count
    rows = table.header_row + 1 + np.arange(n, dtype=np.int64)
    rates = percent_points(rate_raw if rate_raw is not None else pd.Series([None] * n, dtype=object))
    lookup = account_codes or {}
    sales = resolve_accounts(sales_typed, lookup) if lookup else sales_typed
    purchase = resolve_accounts(purchase_typed, lookup) if lookup else purchase_typed
    frame = _frame(
        {
            "row": rows,
            "code": code,
            "name": name,
            "hsn": hsn,
            "unit": unit.str.upper(),
            "rate": rates.paise,
            "sales_account": sales,
            "purchase_account": purchase,
        }
    )
    keep = ~blank
    frame = frame[keep].reset_index(drop=True)
    live = np.flatnonzero(keep)
    found: list[Issue] = [*issues, *reader.issues, *blank_issues]
    found += rate_issues(where, "GST Rate", rows[live], rates.paise[live], rates.readable[live])
    codes, hsns = code.tolist(), hsn.tolist()
    found += duplicate_codes(
        where, Rule.DUPLICATE_ITEM, [codes[i] for i in live], [int(rows[i]) for i in live]
    )
    for i in live:
        if not is_valid_hsn(hsns[i]):
            variant = "" if hsns[i] else "blank"
            found += issues_at(where, Rule.INVALID_HSN, "HSN", [int(rows[i])], [hsns[i]], variant=variant)
    if lookup:
        for column, typed, resolved in (
            ("Sales Account", sales_typed, sales),
            ("Purchase Account", purchase_typed, purchase),
        ):
            t, r = typed.tolist(), resolved.tolist()
            picks = [i for i in live if t[i] and not r[i]]
            found += issues_at(
                where, Rule.UNKNOWN_ACCOUNT, column, [int(rows[i]) for i in picks], [t[i] for i in picks]
            )
    return frame, where, found


def rate_issues(
    where: Located,
    column: str,
    rows: np.ndarray[tuple[int], np.dtype[np.int64]],
    points: np.ndarray[tuple[int], np.dtype[np.int64]],
    readable: np.ndarray[tuple[int], np.dtype[np.bool_]],
) -> list[Issue]:
    """``invalid-gst-rate`` warnings for readable rates that are not GST rates."""
    odd = readable & ~np.isin(points, GST_RATES_POINTS)
    picks = np.flatnonzero(odd)
    return issues_at(
        where,
        Rule.INVALID_GST_RATE,
        column,
        [int(rows[i]) for i in picks],
        [format_percent(int(points[i])) for i in picks],
        rates=rates_text(),
    )


def item_lookup(items: pd.DataFrame) -> dict[str, str]:
    """Folded code or name → item code (a code wins over another item's identical name)."""
    return account_lookup(items["code"].tolist(), items["name"].tolist())
