"""GST rates as data: an item's rate on a date, from the GSTRates table and the Items table.

**Decision: rates are kept per item, with the date each rate takes effect** (as Tally keeps a stock
item's GST rate history with an "applicable from" date). The GSTRates table has one row per change:
(Item, GST Rate, Effective From). An item's rate on a date is the rate of its latest GSTRates row
effective on or before that date; when it has none, the Items table's GST Rate applies. The change
of 22 September 2025 (the 56th GST Council: slabs 5 / 18 / 40 in place of 5 / 12 / 18 / 28) is two
rows for an item whose rate moved, e.g. cement at 28% from 01/07/2017 and 18% from 22/09/2025; an
invoice of 21 September is taxed at 28%, one of 22 September at 18%.

:func:`load_gst_rates` returns the frame ``row``, ``item`` (item code), ``rate`` (basis points),
``effective`` (datetime64[ns]); issues: ``unknown-item``, ``invalid-gst-rate``, unreadable cells.

>>> items = pd.DataFrame({"code": ["CEM"], "rate": [1800]})
>>> table = RawTable.from_rows("GSTRates", "GST Rates", [["Item", "GST Rate", "Effective From"],
...     ["CEM", 28, "01/07/2017"], ["CEM", 18, "22/09/2025"]])
>>> history, issues = load_gst_rates(table, {"cem": "CEM"})
>>> days = np.array(["2025-09-21", "2025-09-22", "2016-01-01"], dtype="datetime64[ns]")
>>> rates_in_force(items, history, pd.Series(["CEM", "CEM", "CEM"]), days).tolist()
[2800, 1800, 1800]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.cells import UnreadCell, cell_text
from addin.engine.issues import Issue
from addin.engine.load import TableReader, blank_rows, resolve_accounts
from addin.engine.rules import Rule
from addin.engine.schema import GST_RATES
from addin.engine.tables import RawTable
from addin.engine.trade.columns import locate, text
from addin.engine.trade.items import rate_issues
from addin.engine.trade.located import issues_at, open_table
from addin.engine.trade.values import number_reasons, percent_points

IntArray = np.ndarray[tuple[int], np.dtype[np.int64]]


def empty_rates() -> pd.DataFrame:
    """A GST rates frame with no rows and the documented columns."""
    return pd.DataFrame(
        {
            "row": pd.Series([], dtype=np.int64),
            "item": pd.Series([], dtype="str"),
            "rate": pd.Series([], dtype=np.int64),
            "effective": pd.Series([], dtype="datetime64[ns]"),
        }
    )


def load_gst_rates(table: RawTable | None, item_codes: Mapping[str, str]) -> tuple[pd.DataFrame, list[Issue]]:
    """The GSTRates table (optional: a missing table means no rate changes) and its issues."""
    opened = open_table(table, GST_RATES, required=False)
    where, issues = opened.where, opened.issues
    if table is None or not opened.complete:
        return empty_rates(), issues
    reader = TableReader(table, opened.positions)
    item_typed = reader.text("Item", UnreadCell.OTHER)
    rate_raw = reader.raw("GST Rate")
    effective = reader.dates("Effective From", UnreadCell.DATE)
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    n = table.row_count
    rows = table.header_row + 1 + np.arange(n, dtype=np.int64)
    rates = percent_points(rate_raw if rate_raw is not None else pd.Series([None] * n, dtype=object))
    item = resolve_accounts(item_typed, item_codes)
    keep = ~blank
    found: list[Issue] = [*issues, *reader.issues, *blank_issues]
    live = np.flatnonzero(keep)
    found += rate_issues(where, "GST Rate", rows[live], rates.paise[live], rates.readable[live])
    unread = np.flatnonzero(keep & (rates.unreadable | rates.error))
    typed_rates = rate_raw.tolist() if rate_raw is not None else [None] * n
    found += issues_at(
        where,
        Rule.UNREADABLE_AMOUNT,
        "GST Rate",
        rows[unread].tolist(),
        [cell_text(typed_rates[i]) for i in unread.tolist()],
        reason=number_reasons([typed_rates[i] for i in unread.tolist()]),
    )
    typed, resolved = item_typed.tolist(), item.tolist()
    picks = [i for i in live if not resolved[i]]
    found += issues_at(
        where, Rule.UNKNOWN_ITEM, "Item", [int(rows[i]) for i in picks], [typed[i] for i in picks]
    )
    usable = keep & item.ne("").to_numpy() & rates.readable & ~np.isnat(effective.values)
    frame = pd.DataFrame({"row": rows, "item": item, "rate": rates.paise, "effective": effective.values})[
        usable
    ].reset_index(drop=True)
    return frame.astype({"row": np.int64, "item": "str", "rate": np.int64}), found


def rates_in_force(items: pd.DataFrame, history: pd.DataFrame, item: pd.Series[Any], dates: Any) -> IntArray:
    """The GST rate (basis points) of each ``item`` code on each date: the item's latest GSTRates row
    effective on or before the date, else its Items rate; 0 for an unknown item or a missing date."""
    n = len(item)
    codes = text(item)
    at = locate(items["code"], codes)
    base = items["rate"].to_numpy(dtype=np.int64)
    out = np.where(at >= 0, base[np.maximum(at, 0)] if len(base) else 0, 0).astype(np.int64)
    if history.empty or n == 0:
        return out
    days = np.asarray(dates, dtype="datetime64[ns]")
    known = ~np.isnat(days) & codes.isin(history["item"].unique()).to_numpy()
    if not known.any():
        return out
    left = pd.DataFrame({"item": codes[known].to_numpy(), "date": days[known], "pos": np.flatnonzero(known)})
    left = left.sort_values("date", kind="stable")
    right = history[["item", "effective", "rate"]].sort_values("effective", kind="stable")
    merged = pd.merge_asof(left, right, left_on="date", right_on="effective", by="item", direction="backward")
    found = merged["rate"].notna().to_numpy()
    positions = merged["pos"].to_numpy()[found]
    out[positions] = merged["rate"].to_numpy()[found].astype(np.int64)
    return out
