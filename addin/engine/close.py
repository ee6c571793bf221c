"""Month-end close: the checks a month must pass before its books are locked.

:func:`close_month` runs each check of :data:`CLOSE_CHECKS` (a registry: another module adds its
own with :func:`register`) over a :class:`CloseContext` and says whether the month may close: it may
when no check found a blocker. A check that does not apply to a book (no bank statement, no trade
tables) says so and blocks nothing.

>>> from addin.engine.load import ledger_from_rows
>>> ledger = ledger_from_rows([["Code", "Name", "Type", "Parent", "Opening Balance"]],
...                           [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"]])
>>> outcome = close_month(CloseContext(ledger, (), dt.date(2025, 6, 1), dt.date(2025, 6, 30)))
>>> outcome.may_close, [(o.name_en, o.passed) for o in outcome.outcomes]
(True, [('Every check of the books', True), ('Trial balance up to the month end', True), \
('Bank reconciliation at the month end', None), ('Parties tie to the control accounts', None)])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from addin.engine.cells import format_date
from addin.engine.issues import Issue, Severity
from addin.engine.ledger import Ledger
from addin.engine.messages import make_issue
from addin.engine.money import format_inr
from addin.engine.reports.trial_balance import trial_balance
from addin.engine.rules import Rule


@dataclass(frozen=True)
class BankStatus:
    """The bank reconciliation at the month end: the account, and the unexplained difference in
    paise (None when no statement could be drawn); ``issues`` as reconciliation found them."""

    account: str
    difference: int | None
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class CloseContext:
    """What the checks look at: the ledger (locked as it stands), every issue the checks found, the
    month, the bank reconciliation at its end (None when the book has no statement or bank account),
    the sub-ledger tie-out's findings (None when the book has no trade tables), and more data other
    modules' checks need (by name)."""

    ledger: Ledger
    issues: Sequence[Issue]
    start: dt.date
    end: dt.date
    bank: BankStatus | None = None
    subledger: tuple[Issue, ...] | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckOutcome:
    """One check's result: passed (True), failed (False) or not applicable (None), with a detail
    line in both languages and the blockers it found."""

    name_en: str
    name_hi: str
    passed: bool | None
    detail: str = ""
    blockers: tuple[Issue, ...] = ()


CloseCheck = Callable[[CloseContext], CheckOutcome]


def _errors(issues: Sequence[Issue]) -> tuple[Issue, ...]:
    return tuple(i for i in issues if i.severity is not Severity.WARNING)


def validation_check(context: CloseContext) -> CheckOutcome:
    """Every error the checks found blocks the close (the audit trail's included)."""
    errors = _errors(context.issues)
    detail = f"{len(errors)} error(s) / {len(errors)} त्रुटि" if errors else "no errors / कोई त्रुटि नहीं"
    return CheckOutcome("Every check of the books", "बही की हर जाँच", not errors, detail, errors)


def trial_balance_check(context: CloseContext) -> CheckOutcome:
    """The trial balance up to the month end must agree."""
    tb = trial_balance(context.ledger, as_of=context.end)
    end = format_date(context.end)
    if tb.balanced:
        return CheckOutcome("Trial balance up to the month end", "माह अंत तक तलपट", True, "agrees / मिलता है")
    amount = format_inr(abs(tb.difference))
    blocker = make_issue(
        Rule.TRIAL_BALANCE_DIFFERENCE, context.ledger.journal_sheet, "", "", amount, date=end
    )
    detail = f"differs by {amount} / {amount} का अंतर"
    return CheckOutcome("Trial balance up to the month end", "माह अंत तक तलपट", False, detail, (blocker,))


def bank_check(context: CloseContext) -> CheckOutcome:
    """The bank reconciliation at the month end must leave no unexplained difference."""
    name_en, name_hi = "Bank reconciliation at the month end", "माह अंत पर बैंक मिलान"
    bank = context.bank
    if bank is None:
        return CheckOutcome(
            name_en, name_hi, None, "no bank statement or bank account / बैंक विवरण या खाता नहीं"
        )
    if bank.difference is None or bank.difference:
        found = tuple(i for i in bank.issues if i.rule == Rule.UNEXPLAINED_DIFFERENCE.value) or _errors(
            bank.issues
        )
        amount = format_inr(abs(bank.difference)) if bank.difference is not None else "?"
        detail = f"{bank.account}: unexplained difference {amount} / अस्पष्ट अंतर {amount}"
        return CheckOutcome(name_en, name_hi, False, detail, found)
    return CheckOutcome(name_en, name_hi, True, f"{bank.account}: reconciled / मिलान पूर्ण")


def subledger_check(context: CloseContext) -> CheckOutcome:
    """Each party's bills, notes and payments must tie to its ledger, and the parties to their
    control accounts (the trade tables' tie-out, :mod:`~addin.engine.trade.control`)."""
    name_en, name_hi = "Parties tie to the control accounts", "पक्ष नियंत्रण खातों से मिलते हैं"
    if context.subledger is None:
        return CheckOutcome(name_en, name_hi, None, "no trade tables / व्यापार तालिकाएँ नहीं")
    found = _errors(context.subledger)
    if found:
        return CheckOutcome(name_en, name_hi, False, f"{len(found)} difference(s) / {len(found)} अंतर", found)
    return CheckOutcome(name_en, name_hi, True, "tie / मिलते हैं")


CLOSE_CHECKS: list[CloseCheck] = [validation_check, trial_balance_check, bank_check, subledger_check]
"""The checks a close runs, in order. Append with :func:`register` (sub-ledger tie-outs, …)."""


def register(check: CloseCheck) -> CloseCheck:
    """Add a check to :data:`CLOSE_CHECKS` (usable as a decorator); adding one twice keeps one."""
    if check not in CLOSE_CHECKS:
        CLOSE_CHECKS.append(check)
    return check


@dataclass(frozen=True)
class CloseOutcome:
    """Each check's outcome, and every blocker (an issue not listed twice)."""

    outcomes: tuple[CheckOutcome, ...]

    @property
    def blockers(self) -> tuple[Issue, ...]:
        seen: dict[tuple[str, str, str, str], Issue] = {}
        for outcome in self.outcomes:
            for issue in outcome.blockers:
                seen.setdefault((issue.rule, issue.sheet, issue.cell, issue.message_en), issue)
        return tuple(seen.values())

    @property
    def may_close(self) -> bool:
        return all(o.passed is not False for o in self.outcomes)


def close_month(context: CloseContext, checks: Sequence[CloseCheck] | None = None) -> CloseOutcome:
    """Run every close check (default :data:`CLOSE_CHECKS`) over the month."""
    return CloseOutcome(tuple(check(context) for check in (CLOSE_CHECKS if checks is None else checks)))
