"""Bank reconciliation cell formulas: BAHI.RECONSTATUS and BAHI.BRS.

Both take the BankStatement, Journal and Accounts tables with their header rows
(``BankStatement[#All]``, ``Journal[#All]``, ``Accounts[#All]``: see :mod:`udfs.tables`), and
optionally the Settings and MatchRules tables, and run the engine's reconciliation
(:func:`addin.engine.reconciliation.reconcile.reconcile`) exactly as the ribbon's Reconcile button
does, without writing anything: the same matches, the same statement, the same figures.

The bank account is the ``account`` argument (its code or name), or else the Settings table's
Bank Account. The statement is drawn at ``as_of`` (BRS only), else at the end of the Settings'
financial year, else at the latest date on either side.

Rows are counted as Excel shows them for a table whose header is in row 1 of its sheet (as the
template's tables are): an argument carries its cells, not where they stand. The Match ID cells of
both tables are honoured (a match typed by hand, or written by an earlier Reconcile run, is kept).

A bad argument, or books the engine cannot read at all (a missing column, an unknown account), is
a #VALUE! whose message says what is wrong, in English and then in Hindi.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xlwings import arg, func

from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.issues import Issue, Severity
from addin.engine.ledger import Ledger
from addin.engine.load import load_ledger
from addin.engine.money import to_rupees
from addin.engine.reconciliation.match_rules import MatchRule, load_match_rules
from addin.engine.reconciliation.owned_columns import with_journal_matches
from addin.engine.reconciliation.reconcile import Reconciliation, reconcile, resolve_account
from addin.engine.reconciliation.statement import OutstandingItem, ReconciliationStatement
from addin.engine.schema import (
    ACCOUNTS,
    BANK_STATEMENT,
    JOURNAL,
    MATCH_RULES,
    SETTINGS,
    TableSpec,
)
from addin.engine.tables import RawTable
from udfs._cells import fail, fail_issue, is_blank, scalar, to_date, with_arg_docs
from udfs.tables import as_rows, has_header, raw_table, with_header

__all__ = ["brs", "reconstatus"]

RECONCILED = "Reconciled / मिलान पूर्ण"
NOT_RECONCILED = "Not reconciled / मिलान अधूरा"

STATUS_LABELS = (
    "Bank account / बैंक खाता",
    "As of / तिथि तक",
    "Bank lines / बैंक पंक्तियाँ",
    "Matched bank lines / मिलान हुई बैंक पंक्तियाँ",
    "Unmatched bank lines / बिना मिलान बैंक पंक्तियाँ",
    "Unmatched journal lines / बिना मिलान बही पंक्तियाँ",
    "Balance as per bank / बैंक के अनुसार शेष",
    "Balance as per books / बही के अनुसार शेष",
    "Unexplained difference / अस्पष्ट अंतर",
    "Status / स्थिति",
)

BRS_HEADINGS = ["Particulars / विवरण", "Date / दिनांक", "Row / पंक्ति", "Amount / राशि"]
BALANCE_PER_BANK = "Balance as per bank statement / बैंक विवरण के अनुसार शेष"
DEPOSITS_NOT_CREDITED = "Add: deposits not yet credited by the bank / जोड़ें: जमा जो बैंक में नहीं आए"
CHEQUES_NOT_PRESENTED = "Less: cheques issued, not yet presented / घटाएँ: जारी चेक जो प्रस्तुत नहीं हुए"
CREDITED_BY_BANK_ONLY = "Less: credited by the bank, not in the books / घटाएँ: बैंक ने जमा किया, बही में नहीं"
DEBITED_BY_BANK_ONLY = "Add: debited by the bank, not in the books / जोड़ें: बैंक ने नामे किया, बही में नहीं"
ADJUSTED_BANK_BALANCE = "Adjusted bank balance / समायोजित बैंक शेष"
BALANCE_PER_BOOKS = "Balance as per books / बही के अनुसार शेष"
UNEXPLAINED_DIFFERENCE = "Unexplained difference / अस्पष्ट अंतर"
ITEM_INDENT = "    "


def _omitted(value: Any) -> bool:
    return value is None or (not isinstance(value, list | tuple) and is_blank(value))


def _table(value: Any, spec: TableSpec, what: str) -> RawTable:
    """A table argument as the engine's :class:`RawTable` (header first), or a bilingual failure."""
    example = f"{spec.name}[#All]"
    if _omitted(value):
        fail(
            f"{what} is empty: pass the whole table with its headings, e.g. {example}",
            f"{what} खाली है: पूरी तालिका शीर्षकों सहित दें, जैसे {example}",
        )
    rows = as_rows(value, what)
    filled = [r for r in rows if not all(is_blank(c) for c in r)]
    if not filled or all(is_blank(c) for c in rows[0]):
        fail(
            f"{what} is empty: pass the whole table with its headings, e.g. {example}",
            f"{what} खाली है: पूरी तालिका शीर्षकों सहित दें, जैसे {example}",
        )
    if not has_header(rows[0], spec) and len(rows[0]) > len(spec.columns):
        fail(
            f"{what} has {len(rows[0])} columns and no header row: pass the table with its headings "
            f"({example})",
            f"{what} में {len(rows[0])} कॉलम हैं और शीर्षक पंक्ति नहीं है: तालिका शीर्षकों सहित दें ({example})",
        )
    return raw_table(spec, with_header(rows, spec, what))


def _optional_table(value: Any, spec: TableSpec, what: str) -> RawTable | None:
    return None if _omitted(value) else _table(value, spec, what)


def _stop_if_fatal(issues: list[Issue]) -> None:
    fatal = next((i for i in issues if i.severity is Severity.FATAL), None)
    if fatal is not None:
        fail_issue(fatal)


def _account_text(value: Any) -> str:
    value = scalar(value, "account")
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number (1120) arrives as 1120.0
    return str(value).strip()


def _bank_account(book: Ledger, account: Any, settings_given: bool) -> str:
    """The code of the bank account to reconcile: ``account``, else the Settings' Bank Account."""
    name = _account_text(account)
    if not name and not settings_given:
        fail(
            "account is required when no Settings table is given: give the bank account's code or "
            "name (e.g. 1120), or pass Settings[#All] with its Bank Account filled",
            "Settings तालिका न हो तो account ज़रूरी है: बैंक खाते का कोड या नाम दें (जैसे 1120), "
            "या Settings[#All] दें जिसमें Bank Account भरा हो",
        )
    if not name:
        name = book.settings.bank_account.strip()
        if not name:
            fail(
                "account is empty and the Settings table has no Bank Account: give the bank "
                "account's code or name (e.g. 1120), or fill Bank Account in Settings",
                "account खाली है और Settings तालिका में Bank Account नहीं है: बैंक खाते का कोड या "
                "नाम दें (जैसे 1120), या Settings में Bank Account भरें",
            )
        resolved = resolve_account(book, name)
        if resolved is None:
            fail(
                f"the Settings' Bank Account {name!r} is not in the accounts table: correct it in "
                "Settings, or give the bank account's code or name as account",
                f"Settings का Bank Account {name!r} खाते तालिका में नहीं है: Settings में ठीक करें, "
                "या account में बैंक खाते का कोड या नाम दें",
            )
        return resolved[0]
    resolved = resolve_account(book, name)
    if resolved is None:
        fail(
            f"account {name!r} is not in the accounts table: give a code or name from Accounts",
            f"खाता {name!r} खाते तालिका में नहीं है: खाते तालिका से कोड या नाम दें",
        )
    return resolved[0]


def _as_of(value: Any) -> dt.date | None:
    value = scalar(value, "as_of")
    if is_blank(value):
        return None
    return to_date(value, "as_of")


def _run(
    bank_statement: Any,
    journal: Any,
    accounts: Any,
    *,
    account: Any,
    as_of: Any,
    settings: Any,
    match_rules: Any,
) -> tuple[Reconciliation, ReconciliationStatement]:
    """Read the arguments and reconcile, as the Reconcile button does; fail on what stops it."""
    with no_cyclic_gc():  # the tables' million-odd objects: see addin.engine.gc_pause
        journal_table = _table(journal, JOURNAL, "journal")
        tables = {
            JOURNAL.name: journal_table,
            ACCOUNTS.name: _table(accounts, ACCOUNTS, "accounts"),
            SETTINGS.name: _optional_table(settings, SETTINGS, "settings"),
        }
        bank_table = _table(bank_statement, BANK_STATEMENT, "bank_statement")
        rules_table = _optional_table(match_rules, MATCH_RULES, "match_rules")
        book, issues = load_ledger(tables)
        _stop_if_fatal(issues)
        code = _bank_account(book, account, settings_given=tables[SETTINGS.name] is not None)
        rules: tuple[MatchRule, ...] = ()
        if rules_table is not None:
            rules, rule_issues = load_match_rules(rules_table)
            _stop_if_fatal(rule_issues)
        end = _as_of(as_of)
        result = reconcile(
            with_journal_matches(book, journal_table), bank_table, account=code, as_of=end, rules=rules
        )
        _stop_if_fatal(result.issues)
        if result.statement is None:
            fail(
                "nothing to reconcile at a date: neither table has a dated line and no as_of or "
                "Settings' Financial Year was given",
                "किसी तिथि पर मिलान संभव नहीं: किसी तालिका में तिथि वाली पंक्ति नहीं है, और as_of या "
                "Settings का वित्त वर्ष नहीं दिया गया",
            )
        return result, result.statement


@func
@arg("bank_statement", "raw")
@arg("journal", "raw")
@arg("accounts", "raw")
@arg("settings", "raw")
@arg("match_rules", "raw")
@with_arg_docs
def reconstatus(  # noqa: PLR0917 - Excel passes a formula's arguments by position
    bank_statement: Any,
    journal: Any,
    accounts: Any,
    account: Any = None,
    settings: Any = None,
    match_rules: Any = None,
) -> list[list[Any]]:
    """Spills the bank reconciliation status: lines matched, both balances, and whether they agree.

    Args:
        bank_statement: The BankStatement table with its header row: BankStatement[#All].
        journal: The Journal table with its header row: Journal[#All].
        accounts: The Accounts table with its header row: Accounts[#All].
        account: The bank account's code or name (default: the Settings' Bank Account).
        settings: The Settings table, Settings[#All]: Bank Account, financial year, date window (optional).
        match_rules: The MatchRules table, MatchRules[#All], your own matching rules (optional).
    """
    result, statement = _run(
        bank_statement,
        journal,
        accounts,
        account=account,
        as_of=None,
        settings=settings,
        match_rules=match_rules,
    )
    matching = result.matching
    matched = sum(len(m.bank_rows) for m in matching.matches)
    unmatched = len(matching.unmatched_bank)
    values: tuple[Any, ...] = (
        f"{result.account} {result.account_name}".strip(),
        statement.as_of or "",
        matched + unmatched,
        matched,
        unmatched,
        len(matching.unmatched_journal),
        to_rupees(statement.balance_per_bank),
        to_rupees(statement.balance_per_books),
        to_rupees(statement.unexplained_difference),
        RECONCILED if statement.is_reconciled else NOT_RECONCILED,
    )
    return [[label, value] for label, value in zip(STATUS_LABELS, values, strict=True)]


def _section(title: str, items: tuple[OutstandingItem, ...]) -> list[list[Any]]:
    """A titled section with its total, then one indented row an item (its date, row and amount)."""
    total = to_rupees(sum(i.amount for i in items))
    rows: list[list[Any]] = [[title, "", "", total]]
    rows += [[ITEM_INDENT + i.text, i.date or "", i.row, to_rupees(i.amount)] for i in items]
    return rows


@func
@arg("bank_statement", "raw")
@arg("journal", "raw")
@arg("accounts", "raw")
@arg("settings", "raw")
@arg("match_rules", "raw")
@with_arg_docs
def brs(  # noqa: PLR0917 - Excel passes a formula's arguments by position
    bank_statement: Any,
    journal: Any,
    accounts: Any,
    account: Any = None,
    as_of: Any = None,
    settings: Any = None,
    match_rules: Any = None,
) -> list[list[Any]]:
    """Spills the bank reconciliation statement: balance per bank, each outstanding item, balance per books.

    Args:
        bank_statement: The BankStatement table with its header row: BankStatement[#All].
        journal: The Journal table with its header row: Journal[#All].
        accounts: The Accounts table with its header row: Accounts[#All].
        account: The bank account's code or name (default: the Settings' Bank Account).
        as_of: The statement's date (default: the financial year's end, else the latest date).
        settings: The Settings table, Settings[#All]: Bank Account, financial year, date window (optional).
        match_rules: The MatchRules table, MatchRules[#All], your own matching rules (optional).
    """
    _, statement = _run(
        bank_statement,
        journal,
        accounts,
        account=account,
        as_of=as_of,
        settings=settings,
        match_rules=match_rules,
    )
    date = statement.as_of or ""
    return [
        BRS_HEADINGS,
        [BALANCE_PER_BANK, date, "", to_rupees(statement.balance_per_bank)],
        *_section(DEPOSITS_NOT_CREDITED, statement.deposits_not_credited),
        *_section(CHEQUES_NOT_PRESENTED, statement.cheques_not_presented),
        *_section(CREDITED_BY_BANK_ONLY, statement.credited_by_bank_only),
        *_section(DEBITED_BY_BANK_ONLY, statement.debited_by_bank_only),
        [ADJUSTED_BANK_BALANCE, date, "", to_rupees(statement.adjusted_bank_balance)],
        [BALANCE_PER_BOOKS, date, "", to_rupees(statement.balance_per_books)],
        [UNEXPLAINED_DIFFERENCE, "", "", to_rupees(statement.unexplained_difference)],
    ]
