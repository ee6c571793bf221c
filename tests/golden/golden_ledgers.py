"""Small ledgers built from inline rows: the fixtures of the report tests and the golden journals.

``make_ledger`` builds a :class:`Ledger` exactly as the loader's contract describes it, so report
tests need no workbook. ``GOLDEN`` names the ledgers whose hledger balances are kept as golden
files (``regenerate.py`` writes them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from addin.engine.ledger import Ledger, Settings
from addin.engine.money import from_decimal_string

AccountRow = tuple[str, str, str, str, str]  # code, name, type, parent, opening ("-500.00" is credit)
JournalRow = tuple[str, str, str, str, str, str]  # date, voucher, account code, debit, credit, narration


def _paise(text: str) -> int:
    return from_decimal_string(text) if text.strip() else 0


def make_ledger(
    accounts: Sequence[AccountRow],
    journal: Sequence[JournalRow],
    settings: Settings | None = None,
) -> Ledger:
    """A ledger from inline rows; worksheet rows start at 2 (row 1 holds the headings).

    A journal date of "" becomes NaT, an account code of "" an unknown account.
    """
    accounts_df = pd.DataFrame(
        {
            "row": np.arange(2, len(accounts) + 2, dtype=np.int64),
            "code": pd.Series([a[0] for a in accounts], dtype=str),
            "name": pd.Series([a[1] for a in accounts], dtype=str),
            "type": pd.Series([a[2] for a in accounts], dtype=str),
            "parent": pd.Series([a[3] for a in accounts], dtype=str),
            "opening": np.array([_paise(a[4]) for a in accounts], dtype=np.int64),
            "active": np.ones(len(accounts), dtype=bool),
        }
    )
    journal_df = pd.DataFrame(
        {
            "row": np.arange(2, len(journal) + 2, dtype=np.int64),
            "date": pd.to_datetime(pd.Series([j[0] or None for j in journal], dtype=object)).astype(
                "datetime64[ns]"
            ),
            "voucher": pd.Series([j[1] for j in journal], dtype=str),
            "account": pd.Series([j[2] for j in journal], dtype=str),
            "account_text": pd.Series([j[2] for j in journal], dtype=str),
            "debit": np.array([_paise(j[3]) for j in journal], dtype=np.int64),
            "credit": np.array([_paise(j[4]) for j in journal], dtype=np.int64),
            "narration": pd.Series([j[5] for j in journal], dtype=str),
            "party": pd.Series([""] * len(journal), dtype=str),
            "reference": pd.Series([""] * len(journal), dtype=str),
        }
    )
    return Ledger(
        settings or Settings(company="Sharma Traders", financial_year=2025), accounts_df, journal_df
    )


CHART: list[AccountRow] = [
    ("1000", "Assets", "Asset", "", ""),
    ("1100", "Current Assets", "Asset", "1000", ""),
    ("1110", "Bank", "Asset", "1100", "250000.00"),
    ("1120", "Cash", "Asset", "1100", "15000.50"),
    ("1200", "Debtors", "Asset", "1000", ""),
    ("2000", "Liabilities", "Liability", "", ""),
    ("2100", "GST Payable", "Liability", "2000", ""),
    ("2200", "Creditors", "Liability", "2000", "-40000.00"),
    ("3000", "Capital", "Equity", "", "-225000.50"),
    ("4000", "Sales", "Income", "", ""),
    ("5000", "Expenses", "Expense", "", ""),
    ("5100", "Rent", "Expense", "5000", ""),
    ("5200", "Bank Charges", "Expense", "5000", ""),
]


def hierarchy() -> Ledger:
    """A trader's first weeks: nested groups, opening balances, GST, a compound voucher."""
    return make_ledger(
        CHART,
        [
            ("2025-04-02", "S-001", "1200", "11800.00", "", "Sale to Gupta & Sons"),
            ("2025-04-02", "S-001", "4000", "", "10000.00", "Sale to Gupta & Sons"),
            ("2025-04-02", "S-001", "2100", "", "1800.00", "Sale to Gupta & Sons"),
            ("2025-04-05", "R-001", "1110", "11800.00", "", "Gupta & Sons paid"),
            ("2025-04-05", "R-001", "1200", "", "11800.00", "Gupta & Sons paid"),
            ("2025-04-07", "P-001", "5100", "20000.00", "", "April rent"),
            ("2025-04-07", "P-001", "1110", "", "20000.00", "April rent"),
            ("2025-04-07", "C-001", "1120", "5000.00", "", "Cash withdrawn"),
            ("2025-04-07", "C-001", "1110", "", "5000.00", "Cash withdrawn"),
            ("2025-04-30", "J-001", "5200", "118.00", "", "Bank charges with GST"),
            ("2025-04-30", "J-001", "1110", "", "118.00", "Bank charges with GST"),
            ("2025-05-03", "P-002", "2200", "40000.00", "", "Paid Mehta Suppliers"),
            ("2025-05-03", "P-002", "1110", "", "39000.00", "Paid Mehta Suppliers"),
            ("2025-05-03", "P-002", "1120", "", "1000.00", "Paid Mehta Suppliers"),
        ],
    )


def paisa() -> Ledger:
    """Amounts of one and five paise, and balances that cross zero."""
    return make_ledger(
        [
            ("A1", "Wallet", "Asset", "", "0.05"),
            ("A2", "Tips Jar", "Asset", "", ""),
            ("E1", "Owner", "Equity", "", "-0.05"),
            ("I1", "Round-off Income", "Income", "", ""),
            ("X1", "Round-off Expense", "Expense", "", ""),
        ],
        [
            ("2025-06-01", "V1", "A1", "0.01", "", "One paisa found"),
            ("2025-06-01", "V1", "I1", "", "0.01", "One paisa found"),
            ("2025-06-02", "V2", "X1", "0.05", "", 'Rounding; "five" paise'),
            ("2025-06-02", "V2", "A1", "", "0.05", 'Rounding; "five" paise'),
            ("2025-06-02", "V3", "A2", "0.06", "", "Into the jar"),
            ("2025-06-02", "V3", "A1", "", "0.01", "Into the jar"),
            ("2025-06-02", "V3", "I1", "", "0.05", "Into the jar"),
            ("2025-06-03", "V4", "A1", "0.99", "", "Ninety-nine paise"),
            ("2025-06-03", "V4", "E1", "", "0.99", "Ninety-nine paise"),
        ],
        Settings(company="Paisa Paisa", financial_year=2025),
    )


def crores() -> Ledger:
    """Crores of rupees (beyond float-safe cents if summed badly), across a year end."""
    return make_ledger(
        [
            ("L100", "Term Loan", "Liability", "", "-125000000.00"),
            ("A100", "Plant", "Asset", "", "98765432.10"),
            ("A200", "Bank (SBI)", "Asset", "", "26234567.90"),
            ("I100", "Contract Revenue", "Income", "", ""),
            ("X100", "Interest", "Expense", "", ""),
        ],
        [
            ("2026-03-31", "B/1", "A200", "987654321.99", "", "Milestone 1: काम पूरा"),
            ("2026-03-31", "B/1", "I100", "", "987654321.99", "Milestone 1: काम पूरा"),
            ("2026-04-01", "B/2", "X100", "12345678.91", "", "Interest Q4"),
            ("2026-04-01", "B/2", "A200", "", "12345678.91", "Interest Q4"),
            ("2026-04-01", "B/3", "L100", "100000000.00", "", "Loan part-repaid"),
            ("2026-04-01", "B/3", "A200", "", "100000000.00", "Loan part-repaid"),
        ],
        Settings(company="Bharat Infra Ltd", financial_year=2025),
    )


GOLDEN: dict[str, Callable[[], Ledger]] = {"hierarchy": hierarchy, "paisa": paisa, "crores": crores}
"""Ledgers whose hledger balances are kept as golden files: name → builder."""
