"""The scripts xlwings-server runs: the Bahi ribbon buttons of :mod:`addin.scripts`."""

from __future__ import annotations

from addin.scripts import (
    bahi_account_statement,
    bahi_day_book,
    bahi_reconcile,
    bahi_trial_balance,
    bahi_validate,
)

__all__ = [
    "bahi_account_statement",
    "bahi_day_book",
    "bahi_reconcile",
    "bahi_trial_balance",
    "bahi_validate",
]
