"""Ledger cell formulas: BAHI.BALANCE, BAHI.TRIALBALANCE, BAHI.LEDGER and BAHI.VALIDATE.

Each takes the Journal table, and optionally the Accounts table, as ranges with their header rows
(``Journal[#All]``, ``Accounts[#All]``: see :mod:`udfs.tables`), loads them with the engine's
loader (:func:`addin.engine.load.load_ledger`; VALIDATE runs :func:`~addin.engine.load.validate`,
the loader's and the checks' rules) and answers with the engine's reports, so a
formula and the ribbon's sheets always agree.

Without an Accounts table, the accounts are the distinct names in the journal's Account column,
with no type, parent or opening balance: BALANCE is then the sum of debits less credits of the
lines naming that account exactly (case and spacing aside), and VALIDATE checks the journal alone.

BALANCE returns a signed number of rupees (debit positive, credit negative), ready to compute
with. The spilled reports show amounts as the ribbon's sheets do, as accountants read them: never
negative, the trial balance's opening and closing in Dr and Cr columns (with a suspense row for the
lines that cannot be posted), a ledger's running balance as an amount and its side; nil is blank.

The table arguments use xlwings' ``"raw"`` converter: the cells arrive exactly as Excel sent them
and :func:`udfs.tables.raw_table` reads them column by column. xlwings' default cleaning visits
every cell in Python (in xlwings 0.37.8 each visit also retries a failing ``import pyodide``),
which took 42 s for a 100,000-line journal; raw, the same formula takes about 0.2 s.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn

from xlwings import arg, func

from addin.engine.cells import format_date
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.issues import Issue, Severity, has_fatal
from addin.engine.ledger import Ledger
from addin.engine.load import load_ledger
from addin.engine.load import validate as validate_tables
from addin.engine.money import SIDE_HEADING, side, to_rupees
from addin.engine.reports.lines import report_period
from addin.engine.reports.statement import account_statement
from addin.engine.reports.trial_balance import (
    SUSPENSE_LABEL,
    TRIAL_BALANCE_COLUMNS,
    TrialBalanceRow,
    trial_balance,
)
from addin.engine.schema import SETTINGS
from addin.engine.tables import RawTable
from udfs._cells import fail, fail_issue, is_blank, scalar, to_date, with_arg_docs
from udfs.tables import ACCOUNTS, JOURNAL, as_rows, implied_accounts, raw_table, with_header

__all__ = ["balance", "ledger", "trialbalance", "validate"]

NO_ISSUES = "No issues / कोई समस्या नहीं"

TRIAL_BALANCE_HEADINGS = list(TRIAL_BALANCE_COLUMNS)
STATEMENT_HEADINGS = [
    "Date / दिनांक",
    "Voucher / वाउचर",
    "Account / खाता",
    "Narration / विवरण",
    "Counter Account / प्रति खाता",
    "Debit / नामे",
    "Credit / जमा",
    "Balance / शेष",
    SIDE_HEADING,
]
ISSUE_HEADINGS = [
    "Severity / गंभीरता",
    "Rule / नियम",
    "Sheet / शीट",
    "Cell / सेल",
    "Column / स्तंभ",
    "Value / मान",
    "Message",
    "संदेश",
    "Fix",
    "सुधार",
]


def _omitted(value: Any) -> bool:
    return value is None or (not isinstance(value, list | tuple) and is_blank(value))


def tables(
    journal: Any, accounts: Any = None, settings: Any = None
) -> tuple[dict[str, RawTable | None], bool]:
    """The engine's tables from a formula's arguments (the Settings table when given), and whether
    the accounts were implied."""
    journal_table = raw_table(JOURNAL, with_header(as_rows(journal, "journal"), JOURNAL, "journal"))
    implied = _omitted(accounts)
    if implied:
        accounts_rows = implied_accounts(journal_table)
    else:
        accounts_rows = with_header(as_rows(accounts, "accounts"), ACCOUNTS, "accounts")
    given: dict[str, RawTable | None] = {
        ACCOUNTS.name: raw_table(ACCOUNTS, accounts_rows),
        JOURNAL.name: journal_table,
    }
    if not _omitted(settings):
        rows = with_header(as_rows(settings, "settings"), SETTINGS, "settings")
        given[SETTINGS.name] = raw_table(SETTINGS, rows)
    return given, implied


def _usable(journal: Any, accounts: Any, settings: Any = None) -> Ledger:
    """The ledger (its Settings from the Settings table, when given), or a readable failure when the
    tables cannot be read as a ledger at all."""
    book, issues = load_ledger(tables(journal, accounts, settings)[0])
    if has_fatal(issues):
        fail_issue(next(i for i in issues if i.severity is Severity.FATAL))
    return book


def _optional_date(value: Any, what: str) -> dt.date | None:
    value = scalar(value, what)
    return None if is_blank(value) else to_date(value, what)


def _amounts(*paise: int) -> list[float | str]:
    """Non-negative amounts as spilled cells: rupees, or "" (blank) for nil."""
    return [to_rupees(p) if p else "" for p in paise]


def _trial_balance_row(r: TrialBalanceRow) -> list[Any]:
    name = SUSPENSE_LABEL if r.is_suspense else "    " * r.level + r.name
    return [r.account, name, r.type, *_amounts(*r.amounts())]


def _balance(paise: int) -> list[Any]:
    """A running balance as two cells: the amount (never negative) and its side, Dr or Cr."""
    return [to_rupees(abs(paise)), side(paise)]


def _account_name(value: Any) -> str:
    value = scalar(value, "account")
    if is_blank(value):
        fail("account is empty: give an account code or name", "खाता खाली है: खाते का कोड या नाम दें")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number (1110) arrives as 1110.0
    return str(value).strip()


def _not_found(name: str, accounts: Any) -> NoReturn:
    """Stop the formula: ``name`` is no account of the books (the journal's, without an Accounts table)."""
    if _omitted(accounts):
        fail(
            f"account {name!r} is not in the journal's Account column (a group needs the accounts "
            "table: pass Accounts[#All])",
            f"खाता {name!r} बही (Journal) के खाता स्तंभ में नहीं है (समूह खाते के लिए खाते तालिका "
            "Accounts[#All] दें)",
        )
    fail(
        f"account {name!r} is not in the accounts table: give a code or name from Accounts",
        f"खाता {name!r} खाते तालिका में नहीं है: खाते तालिका से कोड या नाम दें",
    )


@func
@arg("journal", "raw")
@arg("accounts", "raw")
@with_arg_docs
def balance(journal: Any, account: Any, as_of: Any = None, accounts: Any = None) -> float:
    """The balance of an account in rupees (debit positive, credit negative), up to a date.

    Args:
        journal: The Journal table with its header row: Journal[#All].
        account: The account's code or name; a group account includes its sub-accounts.
        as_of: Count lines dated up to and including this date (default: all lines).
        accounts: The Accounts table, Accounts[#All], for opening balances and groups (optional).
    """
    with no_cyclic_gc():
        book = _usable(journal, accounts)
        name = _account_name(account)
        statement = account_statement(book, name, end=_optional_date(as_of, "as_of"))
        if not statement.found:
            _not_found(name, accounts)
        return to_rupees(statement.closing)


@func
@arg("journal", "raw")
@arg("accounts", "raw")
@arg("settings", "raw")
@with_arg_docs
def trialbalance(
    journal: Any, accounts: Any = None, as_of: Any = None, settings: Any = None
) -> list[list[Any]]:
    """Spills the trial balance: each account's opening, debit, credit and closing, with a Total row.

    Args:
        journal: The Journal table with its header row: Journal[#All].
        accounts: The Accounts table, Accounts[#All] (optional: without it, the journal's accounts).
        as_of: Count lines dated up to and including this date (default: the year in settings, else all).
        settings: The Settings table, Settings[#All] (optional): its financial year, earlier lines in Opening.
    """
    with no_cyclic_gc():
        book = _usable(journal, accounts, settings)
        period_start, end = report_period(book.settings, end=_optional_date(as_of, "as_of"))
        tb = trial_balance(book, as_of=end, period_start=period_start)
        total = ["Total / योग", "", "", *(to_rupees(a) for a in tb.shown_totals)]
        return [TRIAL_BALANCE_HEADINGS, *(_trial_balance_row(r) for r in tb.display_rows), total]


@func
@arg("journal", "raw")
@arg("accounts", "raw")
@with_arg_docs
def ledger(
    journal: Any, account: Any, accounts: Any = None, start: Any = None, end: Any = None
) -> list[list[Any]]:
    """Spills an account's statement: its opening balance, then each line with a running balance.

    Args:
        journal: The Journal table with its header row: Journal[#All].
        account: The account's code or name; a group account includes its sub-accounts.
        accounts: The Accounts table, Accounts[#All], for opening balances and groups (optional).
        start: Lines before this date make up the opening balance (optional).
        end: Lines after this date are left out (optional).
    """
    with no_cyclic_gc():
        book = _usable(journal, accounts)
        name = _account_name(account)
        first, last = _optional_date(start, "start"), _optional_date(end, "end")
        if first is not None and last is not None and first > last:
            fail(
                f"the period ends before it starts: start {format_date(first)} is after end "
                f"{format_date(last)}; give the earlier date as start and the later as end",
                f"अवधि शुरू होने से पहले ख़त्म होती है: start {format_date(first)}, end "
                f"{format_date(last)} के बाद है; पहले की तिथि start में और बाद की end में दें",
            )
        st = account_statement(book, name, start=first, end=last)
        if not st.found:
            _not_found(name, accounts)
        opening = [
            st.start or "",
            "",
            st.account,
            "Opening balance / प्रारंभिक शेष",
            "",
            "",
            "",
            *_balance(st.opening),
        ]
        lines = [
            [
                line.date,
                line.voucher,
                line.account,
                line.narration,
                line.counter_account,
                *_amounts(line.debit, line.credit),
                *_balance(line.balance),
            ]
            for line in st.lines
        ]
        return [STATEMENT_HEADINGS, opening, *lines]


@func
@arg("journal", "raw")
@arg("accounts", "raw")
@arg("settings", "raw")
@with_arg_docs
def validate(journal: Any, accounts: Any = None, settings: Any = None) -> list[list[Any]]:
    """Spills what is wrong with the books, one issue a row (or "No issues").

    Args:
        journal: The Journal table with its header row: Journal[#All].
        accounts: The Accounts table, Accounts[#All] (optional: without it, the journal is checked alone).
        settings: The Settings table, Settings[#All]: the financial year and lock date (optional).
    """
    with no_cyclic_gc():
        given, implied = tables(journal, accounts, settings)
        book, issues = validate_tables(given)
        if implied:  # the implied Accounts table is ours: its findings are not the user's
            issues = [i for i in issues if i.sheet != book.accounts_sheet]
        if not issues:
            return [[NO_ISSUES]]
        return [ISSUE_HEADINGS, *(_issue_row(i) for i in issues)]


def _issue_row(i: Issue) -> list[Any]:
    return [
        i.severity.value,
        i.rule,
        i.sheet,
        i.cell,
        i.column,
        i.value,
        i.message_en,
        i.message_hi,
        i.fix_en,
        i.fix_hi,
    ]
