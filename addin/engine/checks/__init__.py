"""Validation checks on a loaded :class:`~addin.engine.ledger.Ledger`: one ``check_*`` per rule.

Every check is a pure function ``check_*(ledger) -> list[Issue]``, vectorised over the frames, and
never raises on bad data. :func:`check_ledger` runs them all. Rules about single cells as typed
(unreadable dates and amounts, Excel errors, more than two decimals, blank rows, merged cells)
belong to the loader (:mod:`addin.engine.load`), which alone sees the cells.

>>> from addin.engine.load import ledger_from_rows
>>> ledger = ledger_from_rows(
...     [["Code", "Name", "Type", "Parent", "Opening Balance"], ["1001", "Cash", "Asset", "", 0]],
...     [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"],
...      ["01/04/2025", "V1", "Cash", 500, None, "Opening cash"],
...      ["01/04/2025", "V1", "Bank", None, 400, ""]])
>>> sorted((i.rule, i.cell) for i in check_ledger(ledger))
[('unbalanced-voucher', 'B2'), ('unknown-account', 'C3')]
"""

from __future__ import annotations

from collections.abc import Callable

from addin.engine.checks.accounts import (
    check_duplicate_accounts,
    check_invalid_account_types,
    check_parent_cycles,
    check_unknown_parents,
)
from addin.engine.checks.journal import (
    check_debit_and_credit,
    check_duplicate_lines,
    check_inactive_accounts,
    check_locked_period,
    check_missing_dates,
    check_missing_narration,
    check_missing_vouchers,
    check_negative_amounts,
    check_no_amount,
    check_outside_financial_year,
    check_unbalanced_vouchers,
    check_unknown_accounts,
    check_voucher_dates,
)
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger

Check = Callable[[Ledger], list[Issue]]

CHECKS: tuple[Check, ...] = (
    check_duplicate_accounts,
    check_invalid_account_types,
    check_unknown_parents,
    check_parent_cycles,
    check_missing_dates,
    check_missing_vouchers,
    check_unknown_accounts,
    check_inactive_accounts,
    check_debit_and_credit,
    check_no_amount,
    check_negative_amounts,
    check_unbalanced_vouchers,
    check_voucher_dates,
    check_outside_financial_year,
    check_locked_period,
    check_duplicate_lines,
    check_missing_narration,
)
"""Every check, in the order :func:`check_ledger` runs them."""


def check_ledger(ledger: Ledger) -> list[Issue]:
    """The issues every check finds in ``ledger`` (accounts first, then journal lines)."""
    return [issue for check in CHECKS for issue in check(ledger)]


__all__ = [
    "CHECKS",
    "check_debit_and_credit",
    "check_duplicate_accounts",
    "check_duplicate_lines",
    "check_inactive_accounts",
    "check_invalid_account_types",
    "check_ledger",
    "check_locked_period",
    "check_missing_dates",
    "check_missing_narration",
    "check_missing_vouchers",
    "check_negative_amounts",
    "check_no_amount",
    "check_outside_financial_year",
    "check_parent_cycles",
    "check_unbalanced_vouchers",
    "check_unknown_accounts",
    "check_unknown_parents",
    "check_voucher_dates",
]
