"""The scripts xlwings-server runs: the Bahi ribbon buttons and task pane actions of :mod:`addin.scripts`."""

from __future__ import annotations

from addin.scripts import (
    bahi_account_statement,
    bahi_aging,
    bahi_budget,
    bahi_close_month,
    bahi_day_book,
    bahi_gst_returns,
    bahi_gstr2b_reconcile,
    bahi_post,
    bahi_print_invoice,
    bahi_reconcile,
    bahi_statements,
    bahi_trial_balance,
    bahi_undo_reconciliation,
    bahi_validate,
)

__all__ = [
    "bahi_account_statement",
    "bahi_aging",
    "bahi_budget",
    "bahi_close_month",
    "bahi_day_book",
    "bahi_gst_returns",
    "bahi_gstr2b_reconcile",
    "bahi_post",
    "bahi_print_invoice",
    "bahi_reconcile",
    "bahi_statements",
    "bahi_trial_balance",
    "bahi_undo_reconciliation",
    "bahi_validate",
]
