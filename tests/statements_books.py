"""A small trader's books for the statements' and the budget's golden tests, written inline.

Golden Traders, FY 2025-26: a credit sale of 1,18,000, purchases of 60,000 on credit, rent of 10,000
paid in April and May, 1,00,000 collected from debtors, a month's depreciation of 5,000 (credited to
accumulated depreciation, which makes a negative sub-line on the Balance Sheet) and a sundry expense
of 1,500 on an account no ReportLines row reaches (an unmapped-account issue, a line of its own).
The budget: rent 8,000 and sales 1,00,000 a month for April and May.

    Accounts                       opening     ReportLines line (sub-line)
    1000 Cash                      50,000 Dr   Cash and cash equivalents
    1100 Debtors                               Trade receivables
    1200 Furniture               1,00,000 Dr   Property, Plant and Equipment (Furniture)
    1210 Accumulated Depreciation              Property, Plant and Equipment (Less: depreciation)
    2000 Creditors                             Trade payables, other creditors
    3000 Capital                 1,50,000 Cr   Share capital
    4000 Sales / 5000 Purchases / 5100 Rent / 5200 Depreciation   their P&L lines (Rent under Other expenses)
    5900 Sundry Expenses                       (no row: unmapped)
"""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

from openpyxl import Workbook

from addin.engine.schema import ACCOUNTS, BUDGET, JOURNAL, REPORT_LINES, SETTINGS
from tests.server.books import _table

ACCOUNT_ROWS = [
    ["1000", "Cash", "Asset", "", 50000],
    ["1100", "Debtors", "Asset", "", 0],
    ["1200", "Furniture", "Asset", "", 100000],
    ["1210", "Accumulated Depreciation", "Asset", "", 0],
    ["2000", "Creditors", "Liability", "", 0],
    ["3000", "Capital", "Equity", "", -150000],
    ["4000", "Sales", "Income", "", 0],
    ["5000", "Purchases", "Expense", "", 0],
    ["5100", "Rent", "Expense", "", 0],
    ["5200", "Depreciation", "Expense", "", 0],
    ["5900", "Sundry Expenses", "Expense", "", 0],
]


def _day(month: int, day: int) -> dt.datetime:
    return dt.datetime(2025, month, day)


VOUCHERS: list[tuple[dt.datetime, str, str, str, float, str]] = [
    # date, voucher, debit account, credit account, amount, narration
    (_day(4, 1), "S1", "1100", "4000", 118000, "Credit sale to Ram Traders"),
    (_day(4, 10), "P1", "5000", "2000", 60000, "Goods bought on credit"),
    (_day(4, 30), "R1", "5100", "1000", 10000, "April rent"),
    (_day(5, 15), "C1", "1000", "1100", 100000, "Received from Ram Traders"),
    (_day(5, 20), "X1", "5900", "1000", 1500, "Sundry expenses"),
    (_day(5, 31), "R2", "5100", "1000", 10000, "May rent"),
    (_day(5, 31), "D1", "5200", "1210", 5000, "Depreciation for May"),
]

REPORT_LINE_ROWS = [
    ["1000", "Cash and cash equivalents", "Cash on hand / हाथ में नकद", "", "BS"],
    ["1100", "Trade receivables", "", "", "BS"],
    ["1200", "Property, Plant and Equipment", "Furniture / फर्नीचर", "", "BS"],
    ["1210", "Property, Plant and Equipment", "Less: depreciation / घटाएँ: मूल्यह्रास", "", "BS"],
    ["2000", "trade_payables_others", "", "", "BS"],
    ["3000", "Share capital", "", "", "BS"],
    ["4000", "Revenue from operations", "", "", "PL"],
    ["5000", "Purchases of Stock-in-Trade", "", "", "PL"],
    ["5100", "Other expenses", "Rent / किराया", "", "PL"],
    ["5200", "Depreciation and amortization expense", "", "", "PL"],
]

BUDGET_ROWS = [
    ["5100", "Apr-2025", 8000, "Shop rent"],
    ["5100", "May-2025", 8000, ""],
    ["Sales", "Apr-2025", 100000, ""],
    ["Sales", "May-2025", 100000, ""],
]


def build_golden_traders(path: pathlib.Path) -> pathlib.Path:
    """Write Golden Traders' workbook (see the module docstring) to ``path``."""
    wb = Workbook()
    accounts = wb.active
    accounts.title = ACCOUNTS.sheet
    _table(accounts, ACCOUNTS.name, [[c.heading for c in ACCOUNTS.columns[:5]], *ACCOUNT_ROWS])
    journal = wb.create_sheet(JOURNAL.sheet)
    lines: list[list[Any]] = []
    for day, voucher, debit, credit, amount, narration in VOUCHERS:
        lines.append([day, voucher, debit, amount, None, narration])
        lines.append([day, voucher, credit, None, amount, narration])
    _table(journal, JOURNAL.name, [[c.heading for c in JOURNAL.columns[:6]], *lines])
    for (cell,) in journal.iter_rows(min_row=2, max_col=1):
        cell.number_format = "dd/mm/yyyy"
    settings = wb.create_sheet(SETTINGS.sheet)
    _table(settings, SETTINGS.name, [
        [c.heading for c in SETTINGS.columns],
        ["Company / कंपनी", "Golden Traders"],
        ["Financial Year / वित्त वर्ष", "2025-26"],
    ])  # fmt: skip
    lines_sheet = wb.create_sheet(REPORT_LINES.sheet)
    _table(lines_sheet, REPORT_LINES.name, [[c.heading for c in REPORT_LINES.columns], *REPORT_LINE_ROWS])
    budget = wb.create_sheet(BUDGET.sheet)
    _table(budget, BUDGET.name, [[c.heading for c in BUDGET.columns], *BUDGET_ROWS])
    wb.save(path)
    return path
