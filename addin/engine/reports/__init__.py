"""Reports over a :class:`~addin.engine.ledger.Ledger`: trial balance, account statement, day book.

Each returns frozen dataclasses of int paise with an ``as_records()`` for JSON; the bindings
(``addin.macros.sheets``) turn them into owned sheets. Journal lines with an unknown account ("")
or an unreadable date (NaT) are left out of every report: validation reports them as issues.
"""

from __future__ import annotations

from addin.engine.reports.day_book import DayBook, DayBookDay, DayBookLine, DayBookVoucher, day_book
from addin.engine.reports.statement import AccountStatement, StatementLine, account_statement
from addin.engine.reports.trial_balance import (
    TrialBalance,
    TrialBalanceRow,
    TrialBalanceTotals,
    trial_balance,
)

__all__ = [
    "AccountStatement",
    "DayBook",
    "DayBookDay",
    "DayBookLine",
    "DayBookVoucher",
    "StatementLine",
    "TrialBalance",
    "TrialBalanceRow",
    "TrialBalanceTotals",
    "account_statement",
    "day_book",
    "trial_balance",
]
