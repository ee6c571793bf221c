"""Small workbooks for the Excel-side tests, built with openpyxl."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.table import Table

from addin.engine.schema import ACCOUNTS, JOURNAL, SETTINGS


def _table(ws: Any, name: str, rows: list[list[Any]]) -> None:
    for row in rows:
        ws.append(row)
    last = ws.cell(row=len(rows), column=len(rows[0])).coordinate
    ws.add_table(Table(displayName=name, ref=f"A1:{last}"))


def build_small_ledger(path: pathlib.Path) -> pathlib.Path:
    """A tiny ledger with three planted mistakes: an unknown account (Journal!C5), an unbalanced
    voucher (V2) and a text amount (Journal!D6)."""
    wb = Workbook()
    accounts = wb.active
    accounts.title = ACCOUNTS.sheet
    _table(
        accounts,
        ACCOUNTS.name,
        [
            [c.heading for c in ACCOUNTS.columns],
            ["1000", "Cash", "Asset", "", 10000, "Yes", ""],
            ["1100", "Bank", "Asset", "", 0, "Yes", ""],
            ["3000", "Capital", "Equity", "", -10000, "Yes", ""],
            ["4000", "Sales", "Income", "", 0, "Yes", ""],
            ["5000", "Rent", "Expense", "", 0, "Yes", ""],
        ],
    )
    journal = wb.create_sheet(JOURNAL.sheet)
    day = dt.datetime(2025, 4, 1)
    _table(
        journal,
        JOURNAL.name,
        [
            [c.heading for c in JOURNAL.columns if not c.owned],
            [day, "V1", "1000", 5000, None, "Cash sale", "", ""],
            [day, "V1", "4000", None, 5000, "Cash sale", "", ""],
            [day + dt.timedelta(days=1), "V2", "9999", 700, None, "@rent due", "", ""],
            [day + dt.timedelta(days=1), "V2", "1000", "seven hundred", None, "Rent paid", "", ""],
            [day + dt.timedelta(days=2), "V3", "5000", 1200, None, "Rent", "", ""],
            [day + dt.timedelta(days=2), "V3", "1100", None, 1200, "Rent", "", ""],
        ],
    )
    for row in journal.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "dd-mm-yyyy"
    settings = wb.create_sheet(SETTINGS.sheet)
    _table(
        settings,
        SETTINGS.name,
        [
            [c.heading for c in SETTINGS.columns],
            ["Company / कंपनी", "Test Traders"],
            ["Financial Year / वित्त वर्ष", "2025-26"],
        ],
    )
    wb.save(path)
    return path
