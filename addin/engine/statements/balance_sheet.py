"""The Balance Sheet in the Schedule III (Division I, Part I) layout, as at any dates.

A column is a day; an account's amount is its balance at the end of that day (the Accounts
table's opening balance plus every counted line dated on or before it). The profit not yet closed
into the books — every Profit and Loss account's balance, this year's and any earlier year's left
in them — is carried into Reserves and surplus as the sub-line "Surplus in the Statement of
Profit and Loss" (``bs.reserves_and_surplus.surplus``).

So the sides agree whenever the books balance. Lines that cannot be posted (an unknown account,
an unreadable date) stand on ``bs.suspense`` under current assets, as on the trial balance's
suspense row. When the books do not balance (a voucher that does not balance), the shortfall is
shown on its own line (``bs.difference``, under Equity and liabilities) and reported as a
``statement-difference`` issue: the two TOTAL rows are always equal, and ``bs.difference`` says by
how much the books are out — the trial balance's difference on the same day, to the paisa.

Trade payables always show both Schedule III lines, "(A) … micro enterprises and small
enterprises" and "(B) … other creditors", once either has an amount (nil as 0.00): an account is
an MSME creditor when the ReportLines table maps it to the (A) line.

A proprietorship or a firm has no share capital: when an account on the Share capital line is
named as a proprietor's or partner's capital account ("Capital Account", "Capital A/c", "Partner's
Capital", "Proprietor's Capital"), the line reads "Proprietor's / partners' capital" and its
heading "Owners' funds" (same keys; a company's "Share Capital" keeps Schedule III's words).

Rows (keys): headings ``bs.equity_and_liabilities``, ``bs.shareholders_funds`` …; lines
``bs.share_capital``, ``bs.reserves_and_surplus`` … ``bs.other_current_assets``; totals
``bs.total_equity_and_liabilities`` and ``bs.total_assets``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from addin.engine.cells import fold_key
from addin.engine.issues import Issue
from addin.engine.messages import make_issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.statements.balances import Matrix, balances_at, suspense_at
from addin.engine.statements.mapping import AccountMap
from addin.engine.statements.periods import Period, day_text
from addin.engine.statements.report import Detail, FinancialStatement, StatementColumn
from addin.engine.statements.rows import Extra, RowWriter, Vector
from addin.engine.statements.schedule3 import LABELS, LINE_ITEMS, LineItem, Statement

P = "bs"
_NON_CURRENT_LIABILITIES = (
    "long_term_borrowings",
    "deferred_tax_liabilities",
    "other_long_term_liabilities",
    "long_term_provisions",
)
_PPE = ("property_plant_and_equipment", "intangible_assets", "capital_work_in_progress",
        "intangible_assets_under_development")  # fmt: skip
_NON_CURRENT_ASSETS = ("non_current_investments", "deferred_tax_assets", "long_term_loans_and_advances",
                       "other_non_current_assets")  # fmt: skip
_CURRENT_ASSETS = ("current_investments", "inventories", "trade_receivables", "cash_and_cash_equivalents",
                   "short_term_loans_and_advances", "other_current_assets", "unmapped_assets")  # fmt: skip


_TRADE_PAYABLES = ("trade_payables_msme", "trade_payables_others")
OWNERS_FUNDS = ("Owners' funds", "स्वामियों की निधियाँ")
OWNERS_CAPITAL = ("Proprietor's / partners' capital", "स्वामी / साझेदारों की पूंजी")
_OWNERS_WORDS = ("capitalaccount", "capitalac", "proprietor", "partner")


def is_owners_capital_account(name: str) -> bool:
    """Whether an account's name marks it as a proprietor's or partner's capital account; a name with
    "share" in it is a company's share capital, never an owner's.

    >>> [is_owners_capital_account(n) for n in ("Capital Account", "Ramesh Capital A/c", "Share Capital",
    ...                                         "Equity Share Capital A/c", "Share Capital Account")]
    [True, True, False, False, False]
    """
    key = fold_key(name)
    return "share" not in key and any(word in key for word in _OWNERS_WORDS)


def capital_line(account_map: AccountMap) -> tuple[LineItem, tuple[str, str] | None]:
    """The Share capital line as this entity prints it, and its heading's words (None: Schedule III's)."""
    item = LINE_ITEMS["share_capital"]
    names = account_map.posted.tree.name
    if any(a.line.key == item.key and is_owners_capital_account(names.get(a.code, ""))
           for a in account_map.accounts):  # fmt: skip
        return replace(item, en=OWNERS_CAPITAL[0], hi=OWNERS_CAPITAL[1]), OWNERS_FUNDS
    return item, None


def as_at_columns(days: Sequence[dt.date]) -> tuple[StatementColumn, ...]:
    return tuple(StatementColumn(f"As at {day_text(d)}", f"{day_text(d)} को", d) for d in days)


def retained_profit(account_map: AccountMap, balances: Matrix) -> Vector:
    """The profit carried into Reserves and surplus: minus the P&L accounts' balances (credit = profit)."""
    on_pl = account_map.mask(a.line.statement is Statement.PROFIT_AND_LOSS for a in account_map.accounts)
    carried: Vector = -balances[on_pl].sum(axis=0)
    return carried


def difference_issue(account_map: AccountMap, value: int, when: str, when_hi: str, statement: str) -> Issue:
    """The ``statement-difference`` issue: the books are out by ``value`` (debits over credits)."""
    names = LABELS[statement]
    excess, excess_hi = (("debits exceed credits", "नामे जमा से") if value > 0 else
                         ("credits exceed debits", "जमा नामे से"))  # fmt: skip
    return make_issue(
        Rule.STATEMENT_DIFFERENCE, account_map.ledger.journal_sheet, "", "", format_inr(abs(value)),
        when=when, when_hi=when_hi, statement=names[0], statement_hi=names[1], excess=excess,
        excess_hi=excess_hi,
    )  # fmt: skip


def balance_sheet(
    account_map: AccountMap,
    dates: Sequence[dt.date | Period],
    *,
    detail: Detail = Detail.SUB_LINES,
    hide_zero: bool = True,
) -> FinancialStatement:
    """The Balance Sheet with a column as at each of ``dates`` (a period stands for its last day)."""
    days = [d.end if isinstance(d, Period) else d for d in dates]
    balances = balances_at(account_map.posted, days)
    on_bs = account_map.mask(a.line.statement is Statement.BALANCE_SHEET for a in account_map.accounts)
    out = RowWriter.start(account_map, detail, hide_zero, len(days))

    def lines(keys: Sequence[str], level: int) -> Vector:
        return sum(
            (out.line(LINE_ITEMS[k], balances, level, prefix=P, include=on_bs) for k in keys), out.zero()
        )

    carried = retained_profit(account_map, balances)
    surplus = Extra(f"{P}.reserves_and_surplus.surplus", *LABELS["surplus"], carried)
    out.heading("equity_and_liabilities", 0, prefix=P)
    capital, owners = capital_line(account_map)
    if owners is None:
        out.heading("shareholders_funds", 1, prefix=P)
    else:
        out.label_heading(f"{P}.shareholders_funds", *owners, 1, number="(1)")
    equity = out.line(capital, balances, 2, prefix=P, include=on_bs)
    equity += out.line(LINE_ITEMS["reserves_and_surplus"], balances, 2, prefix=P, include=on_bs,
                       extras=(surplus,), force=True)  # fmt: skip
    equity += lines(["share_warrants"], 2)
    equity += lines(["share_application_money"], 1)
    out.heading("non_current_liabilities", 1, prefix=P)
    liabilities = lines(_NON_CURRENT_LIABILITIES, 2)
    out.heading("current_liabilities", 1, prefix=P)
    liabilities += lines(["short_term_borrowings"], 2)
    out.heading("trade_payables", 2, prefix=P)
    on_trade_payables = account_map.mask(a.line.key in _TRADE_PAYABLES for a in account_map.accounts) & on_bs
    both = not hide_zero or bool(balances[on_trade_payables].any())
    for key in _TRADE_PAYABLES:  # both lines, or neither
        liabilities += out.line(LINE_ITEMS[key], balances, 3, prefix=P, include=on_bs, force=both)
    liabilities += lines(["other_current_liabilities", "short_term_provisions", "unmapped_liabilities"], 2)

    # assets are computed before the difference line can be placed above them
    asset_rows = RowWriter.start(account_map, detail, hide_zero, len(days))
    asset_rows.heading("assets", 0, prefix=P)
    asset_rows.heading("non_current_assets", 1, prefix=P)
    asset_rows.heading("ppe_and_intangibles", 2, prefix=P)
    assets = out.zero()
    for key in _PPE:
        assets += asset_rows.line(LINE_ITEMS[key], balances, 3, prefix=P, include=on_bs)
    for key in _NON_CURRENT_ASSETS:
        assets += asset_rows.line(LINE_ITEMS[key], balances, 2, prefix=P, include=on_bs)
    asset_rows.heading("current_assets", 1, prefix=P)
    for key in _CURRENT_ASSETS:
        assets += asset_rows.line(LINE_ITEMS[key], balances, 2, prefix=P, include=on_bs)

    # lines that cannot be posted stand as the trial balance's suspense row does: the difference is its
    suspense = suspense_at(account_map.ledger, days)
    assets += asset_rows.amount_row(f"{P}.suspense", *LABELS["suspense"], 2, suspense)
    difference = assets - equity - liabilities
    out.amount_row(f"{P}.difference", *LABELS["difference"], 1, difference)
    out.total(f"{P}.total_equity_and_liabilities", *LABELS["total"], 0, equity + liabilities + difference)
    out.rows.extend(asset_rows.rows)
    out.total(f"{P}.total_assets", *LABELS["total"], 0, assets)
    issues = []
    if difference.any():
        column = next(i for i, v in enumerate(difference) if v)
        when = day_text(days[column])
        issues.append(difference_issue(account_map, int(difference[column]), f"as at {when}", f"{when} को",
                                       "balance_sheet"))  # fmt: skip
    title, title_hi = LABELS["balance_sheet"]
    return FinancialStatement(
        "balance_sheet", title, title_hi, account_map.ledger.settings.company, as_at_columns(days),
        tuple(out.prune_headings()), tuple(issues),
    )  # fmt: skip
