"""Reports over a :class:`~addin.engine.ledger.Ledger`: trial balance, account statement, day book.

Each returns frozen dataclasses of int paise with an ``as_records()`` for JSON; the bindings
(``addin.macros.sheets``) turn them into owned sheets.
"""

from __future__ import annotations

from addin.engine.reports.trial_balance import (
    TrialBalance,
    TrialBalanceRow,
    TrialBalanceTotals,
    trial_balance,
)

__all__ = ["TrialBalance", "TrialBalanceRow", "TrialBalanceTotals", "trial_balance"]
