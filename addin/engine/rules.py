"""The catalogue of rule codes an :class:`~addin.engine.issues.Issue` can carry.

A code is stable (users filter the Issues sheet by it; tests and the demo's planted mistakes name
it). Severity here is the default; a check may not change it.

The catalogue is three tables kept together by a test (``tests/engine/test_rules.py``): the code
here, its severity in :data:`SEVERITY` (when not ``error``), its bilingual message and fix in
:data:`addin.engine.messages.MESSAGES`. An issue is built only from them, by
:func:`addin.engine.messages.make_issue` (or :func:`~addin.engine.messages.make_issues` for many).
A new rule: append its member to :class:`Rule`, its severity to :data:`SEVERITY` if not ``error``,
and its :class:`~addin.engine.messages.Message` to ``MESSAGES``.
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
    # bank statement files (bahi import-statement)
    UNKNOWN_STATEMENT_LAYOUT = "unknown-statement-layout"
    UNREADABLE_STATEMENT_LINE = "unreadable-statement-line"
    STATEMENT_LINE_WITHOUT_AMOUNT = "statement-line-without-amount"
    STATEMENT_WITHOUT_LINES = "statement-without-lines"
    STATEMENT_IN_OTHER_CURRENCY = "statement-in-other-currency"
    # statements and budget (ReportLines and Budget tables)
    UNMAPPED_ACCOUNT = "unmapped-account"
    INVALID_REPORT_LINE = "invalid-report-line"
    REPORT_LINE_TYPE_MISMATCH = "report-line-type-mismatch"
    STATEMENT_DIFFERENCE = "statement-difference"
    INVALID_BUDGET_LINE = "invalid-budget-line"
    # sales, purchases and GST (issue 10)
    DUPLICATE_PARTY = "duplicate-party"
    INVALID_PARTY_TYPE = "invalid-party-type"
    INVALID_GSTIN = "invalid-gstin"
    GSTIN_STATE_MISMATCH = "gstin-state-mismatch"
    INVALID_PAN = "invalid-pan"
    INVALID_STATE = "invalid-state"
    UNKNOWN_PARTY = "unknown-party"
    DUPLICATE_ITEM = "duplicate-item"
    INVALID_HSN = "invalid-hsn"
    INVALID_GST_RATE = "invalid-gst-rate"
    UNKNOWN_ITEM = "unknown-item"
    GST_RATE_MISMATCH = "gst-rate-mismatch"
    INVALID_DOCUMENT_TYPE = "invalid-document-type"
    MISSING_DOCUMENT_NUMBER = "missing-document-number"
    INCONSISTENT_DOCUMENT = "inconsistent-document"
    NO_TAXABLE_VALUE = "no-taxable-value"
    TAXABLE_VALUE_MISMATCH = "taxable-value-mismatch"
    PLACE_OF_SUPPLY_MISMATCH = "place-of-supply-mismatch"
    COMPANY_GSTIN = "company-gstin"
    INVALID_INVOICE_NUMBER = "invalid-invoice-number"
    DUPLICATE_INVOICE_NUMBER = "duplicate-invoice-number"
    INVOICE_SERIES_GAP = "invoice-series-gap"
    NOTE_WITHOUT_INVOICE = "note-without-invoice"
    UNKNOWN_REFERENCE = "unknown-reference"
    OVER_ALLOCATED = "over-allocated"
    DUPLICATE_BILL = "duplicate-bill"
    POSSIBLE_DUPLICATE_BILL = "possible-duplicate-bill"
    MSME_OVERDUE = "msme-overdue"
    UNKNOWN_TDS_SECTION = "unknown-tds-section"
    TDS_DIFFERS = "tds-differs"
    UNKNOWN_POSTING_ACCOUNT = "unknown-posting-account"
    MANUAL_DUPLICATE = "manual-duplicate"
    POSTED_DOCUMENT_CHANGED = "posted-document-changed"
    SUBLEDGER_DIFFERENCE = "subledger-difference"
    # audit trail and month-end close (audit)
    LOCKED_VOUCHER_EDITED = "locked-voucher-edited"
    LOCKED_VOUCHER_DELETED = "locked-voucher-deleted"
    AUDIT_CHAIN_BROKEN = "audit-chain-broken"
    AUDIT_SNAPSHOT_MISMATCH = "audit-snapshot-mismatch"
    AUDIT_LOG_MISSING = "audit-log-missing"
    TRIAL_BALANCE_DIFFERENCE = "trial-balance-difference"
    # GST returns and the GSTR-2B reconciliation (issue 10, second part)
    DOCUMENTS_LEFT_OUT_OF_RETURN = "documents-left-out-of-return"
    RETURN_INVALID_GSTIN = "return-invalid-gstin"
    UNREADABLE_GSTR2B_FILE = "unreadable-gstr2b-file"
    UNREADABLE_GSTR2B_LINE = "unreadable-gstr2b-line"
    GSTR2B_OTHER_GSTIN = "gstr2b-other-gstin"
    # journal vouchers (defects found in testing)
    VOUCHER_DATES_DIFFER = "voucher-dates-differ"
    MANUAL_MATCH_DIFFERS = "manual-match-differs"
    # tables: rows typed under a table that did not grow over them
    ROWS_BELOW_TABLE = "rows-below-table"


SEVERITY: dict[Rule, Severity] = {
    Rule.MISSING_TABLE: Severity.FATAL,
    Rule.MISSING_COLUMN: Severity.FATAL,
    Rule.BLANK_ROW: Severity.WARNING,
    Rule.EXTRA_COLUMN: Severity.WARNING,
    Rule.MISSING_NARRATION: Severity.WARNING,
    Rule.UNKNOWN_BANK_ACCOUNT: Severity.FATAL,
    Rule.UNKNOWN_STATEMENT_LAYOUT: Severity.FATAL,
    Rule.STATEMENT_LINE_WITHOUT_AMOUNT: Severity.WARNING,
    Rule.STATEMENT_WITHOUT_LINES: Severity.FATAL,
    Rule.STATEMENT_IN_OTHER_CURRENCY: Severity.FATAL,
    # sales, purchases and GST (issue 10)
    Rule.INVOICE_SERIES_GAP: Severity.WARNING,
    Rule.PLACE_OF_SUPPLY_MISMATCH: Severity.WARNING,
    Rule.INVALID_GST_RATE: Severity.WARNING,
    Rule.OVER_ALLOCATED: Severity.WARNING,
    Rule.POSSIBLE_DUPLICATE_BILL: Severity.WARNING,
    Rule.MSME_OVERDUE: Severity.WARNING,
    Rule.TDS_DIFFERS: Severity.WARNING,
}
"""Rules whose severity is not ``error``."""

SEVERITY.update({Rule.REPORT_LINE_TYPE_MISMATCH: Severity.WARNING})  # statements and budget
SEVERITY.update({Rule.MANUAL_MATCH_DIFFERS: Severity.WARNING})  # bank reconciliation
SEVERITY.update({Rule.ROWS_BELOW_TABLE: Severity.WARNING})  # rows under a table, outside it
SEVERITY.update({  # GST returns and the GSTR-2B reconciliation
    Rule.DOCUMENTS_LEFT_OUT_OF_RETURN: Severity.WARNING,
    Rule.UNREADABLE_GSTR2B_FILE: Severity.FATAL,
    Rule.GSTR2B_OTHER_GSTIN: Severity.FATAL,
})


def severity_of(rule: Rule) -> Severity:
    return SEVERITY.get(rule, Severity.ERROR)
