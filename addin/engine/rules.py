"""The catalogue of rule codes an :class:`~addin.engine.issues.Issue` can carry.

A code is stable (users filter the Issues sheet by it; tests and the demo's planted mistakes name
it). Severity here is the default; a check may not change it.
"""

from __future__ import annotations

from enum import StrEnum

from addin.engine.issues import Severity


class Rule(StrEnum):
    # structure: the book cannot be read as a ledger
    MISSING_TABLE = "missing-table"
    MISSING_COLUMN = "missing-column"
    # cells
    UNREADABLE_DATE = "unreadable-date"
    UNREADABLE_AMOUNT = "unreadable-amount"
    ERROR_VALUE = "error-value"
    MERGED_CELLS = "merged-cells"
    BLANK_ROW = "blank-row"
    EXTRA_COLUMN = "extra-column"
    # accounts
    DUPLICATE_ACCOUNT = "duplicate-account"
    INVALID_ACCOUNT_TYPE = "invalid-account-type"
    UNKNOWN_PARENT = "unknown-parent"
    PARENT_CYCLE = "parent-cycle"
    # journal lines
    UNKNOWN_ACCOUNT = "unknown-account"
    INACTIVE_ACCOUNT = "inactive-account"
    DEBIT_AND_CREDIT = "debit-and-credit"
    NO_AMOUNT = "no-amount"
    NEGATIVE_AMOUNT = "negative-amount"
    TOO_MANY_DECIMALS = "too-many-decimals"
    UNBALANCED_VOUCHER = "unbalanced-voucher"
    OUTSIDE_FINANCIAL_YEAR = "outside-financial-year"
    LOCKED_PERIOD = "locked-period"
    DUPLICATE_LINE = "duplicate-line"
    MISSING_NARRATION = "missing-narration"
    MISSING_DATE = "missing-date"
    MISSING_VOUCHER = "missing-voucher"
    # settings
    INVALID_SETTING = "invalid-setting"
    # bank reconciliation
    UNKNOWN_BANK_ACCOUNT = "unknown-bank-account"
    BANK_BALANCE_MISMATCH = "bank-balance-mismatch"
    BANK_DATE_OUTSIDE_PERIOD = "bank-date-outside-period"
    UNEXPLAINED_DIFFERENCE = "unexplained-difference"
    INVALID_MATCH_RULE = "invalid-match-rule"
    # audit trail and month-end close (audit)
    LOCKED_VOUCHER_EDITED = "locked-voucher-edited"
    LOCKED_VOUCHER_DELETED = "locked-voucher-deleted"
    AUDIT_CHAIN_BROKEN = "audit-chain-broken"
    AUDIT_SNAPSHOT_MISMATCH = "audit-snapshot-mismatch"
    AUDIT_LOG_MISSING = "audit-log-missing"
    TRIAL_BALANCE_DIFFERENCE = "trial-balance-difference"


SEVERITY: dict[Rule, Severity] = {
    Rule.MISSING_TABLE: Severity.FATAL,
    Rule.MISSING_COLUMN: Severity.FATAL,
    Rule.BLANK_ROW: Severity.WARNING,
    Rule.EXTRA_COLUMN: Severity.WARNING,
    Rule.MISSING_NARRATION: Severity.WARNING,
    Rule.UNKNOWN_BANK_ACCOUNT: Severity.FATAL,
    # audit
}
"""Rules whose severity is not ``error``."""


def severity_of(rule: Rule) -> Severity:
    return SEVERITY.get(rule, Severity.ERROR)
