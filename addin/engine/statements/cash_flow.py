"""The cash-flow statement by the indirect method (AS 3), from the same mapping, for any periods.

Every account's movement over the period lands on exactly one row, so the net change always
equals the change in cash and cash equivalents; how the rows read follows each account's
cash-flow class (:class:`~addin.engine.statements.schedule3.CashFlowClass`):

A. Operating: net profit before tax (the profit for the period before the tax lines X and XIII);
   adjustments — P&L lines classed ``non-cash`` added back (depreciation), ``investing`` income
   taken out, ``financing`` costs added back; operating profit before working capital changes;
   each Balance Sheet line classed ``operating`` (its increase in an asset is an outflow, in a
   liability an inflow); cash generated from operations; income taxes paid (the tax lines and
   the Balance Sheet lines classed ``tax``).
B. Investing: each Balance Sheet line classed ``investing`` (purchase of property, plant and
   equipment net of sales …) and the income classed ``investing`` (interest received).
C. Financing: each Balance Sheet line classed ``financing`` (borrowings, capital introduced net of
   drawings …) and the costs classed ``financing`` (interest paid).

A voucher that posts a ``non-cash`` expense (Dr Depreciation, Cr Accumulated depreciation — or
Cr Furniture directly) is not a purchase or sale: its Balance Sheet lines are taken out of their
sections and make the non-cash adjustment instead. The adjustment rows show the P&L amounts
(``cf.adjustment.depreciation_and_amortization``); ``cf.other_non_cash`` shows what such vouchers
moved that the P&L line does not explain (nil in books kept the usual way).

Net increase in cash (``cf.net_change``) is A + B + C exactly, as its label says; with the
difference in books below it (``cf.difference``), it is closing − opening cash (``cf.closing_cash``
− ``cf.opening_cash``) exactly. When the period's entries do not balance, the shortfall stands on
``cf.difference``, its own row (the trial balance's Debit total less its Credit total for the
period), and a ``statement-difference`` issue says so. The movement of lines that cannot be posted
stands among the working-capital changes (``cf.working_capital.suspense``), as the trial balance's
suspense row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from addin.engine.statements.balance_sheet import difference_issue
from addin.engine.statements.balances import (
    Matrix,
    balances_at,
    lines_in_transactions_with,
    movements,
    suspense_at,
)
from addin.engine.statements.mapping import AccountLine, AccountMap
from addin.engine.statements.periods import Period, day_text
from addin.engine.statements.profit_loss import period_columns
from addin.engine.statements.report import Detail, FinancialStatement, split_label
from addin.engine.statements.rows import RowWriter, Vector
from addin.engine.statements.schedule3 import (
    LABELS,
    MAPPABLE_LINE_ITEMS,
    TAX_LINES,
    UNMAPPED_ITEMS,
    CashFlowClass,
    LineItem,
    Statement,
    cash_flow_label,
    reclassified_label,
)

P = "cf"
C = CashFlowClass
_LINE_ORDER = {item.key: n for n, item in enumerate((*MAPPABLE_LINE_ITEMS, *UNMAPPED_ITEMS))}


def _on_pl(a: AccountLine) -> bool:
    return a.line.statement is Statement.PROFIT_AND_LOSS


def _groups(account_map: AccountMap, wanted: Sequence[bool] | np.ndarray) -> list[tuple[str, list[int]]]:
    """Accounts picked by ``wanted``, grouped by line item in statement order."""
    groups: dict[str, list[int]] = {}
    for i, (a, keep) in enumerate(zip(account_map.accounts, wanted, strict=True)):
        if keep:
            groups.setdefault(a.line.key, []).append(i)
    return sorted(groups.items(), key=lambda kv: _LINE_ORDER[kv[0]])


def _moving(amounts: Matrix, picked: Sequence[int]) -> list[int]:
    return [int(i) for i in picked if amounts[i].any()]


Groups = list[tuple[str, list[int]]]


Labeller = Callable[[LineItem], tuple[str, str]]


def cash_flow(
    account_map: AccountMap,
    periods: Sequence[Period],
    *,
    detail: Detail = Detail.SUB_LINES,
    hide_zero: bool = True,
) -> FinancialStatement:
    """The cash-flow statement with a column for each of ``periods``."""
    posted = account_map.posted
    accounts = account_map.accounts
    spans = [(p.start, p.end) for p in periods]
    moved = movements(posted, spans)
    on_pl = account_map.mask(_on_pl(a) for a in accounts)
    on_tax_lines = account_map.mask(_on_pl(a) and a.line.key in TAX_LINES for a in accounts)
    non_cash_pl = on_pl & account_map.mask(a.cash_flow is C.NON_CASH for a in accounts)
    by_non_cash = movements(posted, spans, lines=lines_in_transactions_with(posted, non_cash_pl))
    bs_moved = moved - by_non_cash  # a Balance Sheet line's movement outside non-cash vouchers
    out = RowWriter.start(account_map, detail, hide_zero, len(periods))

    def of_class(klass: C) -> np.ndarray:
        return account_map.mask(a.cash_flow is klass for a in accounts)

    def pl_of(klass: C) -> Groups:
        return _groups(account_map, on_pl & ~on_tax_lines & of_class(klass))

    def bs_of(klass: C) -> Groups:
        return _groups(account_map, ~on_pl & of_class(klass))

    def rows(
        groups: Groups, prefix: str, level: int, amounts: Matrix, *, sign: int, label: Labeller
    ) -> Vector:
        total = out.zero()
        for key, picked in groups:
            en, hi = label(accounts[picked[0]].line)
            flow = sign * amounts[picked].sum(axis=0)
            total = total + out.amount_row(f"{prefix}.{key}", en, hi, level, flow,
                                           accounts=_moving(amounts, picked))  # fmt: skip
        return total

    def own_label(line: LineItem) -> tuple[str, str]:
        """A non-cash line's own name, or the one sub-line all its non-cash accounts share."""
        subs = {a.sub_line for a in accounts if a.line.key == line.key and a.cash_flow is C.NON_CASH}
        return split_label(subs.pop()) if len(subs) == 1 and "" not in subs else (line.en, line.hi)

    def adjustment(klass: C) -> Labeller:
        return lambda line: reclassified_label(line, klass)[:2]

    def paid(klass: C) -> Labeller:
        return lambda line: reclassified_label(line, klass)[2:]

    # A. operating activities
    out.label_heading(f"{P}.operating", *LABELS["cf_operating"], 0)
    before_tax = out.total(f"{P}.profit_before_tax", *LABELS["cf_profit_before_tax"], 1,
                           -moved[on_pl & ~on_tax_lines].sum(axis=0))  # fmt: skip
    out.label_heading(f"{P}.adjustments", *LABELS["cf_adjustments"], 1)
    adjustments = rows(pl_of(C.NON_CASH), f"{P}.adjustment", 2, moved, sign=1, label=own_label)
    for klass in (C.INVESTING, C.FINANCING, C.TAX):
        prefix = f"{P}.adjustment.{klass.value}"
        adjustments = adjustments + rows(pl_of(klass), prefix, 2, moved, sign=1, label=adjustment(klass))
    not_cash = ~on_pl & account_map.mask(a.cash_flow is not C.CASH for a in accounts)
    odd_bs = ~on_pl & account_map.mask(a.cash_flow is C.NON_CASH for a in accounts)
    other = (
        -by_non_cash[not_cash].sum(axis=0)  # what non-cash vouchers moved on the Balance Sheet
        - moved[non_cash_pl & ~on_tax_lines].sum(axis=0)  # less what the rows above added back
        - bs_moved[odd_bs].sum(axis=0)  # and Balance Sheet lines the mapping calls non-cash
    )
    adjustments = adjustments + out.amount_row(f"{P}.other_non_cash", *LABELS["cf_other_non_cash"], 2, other,
                                  accounts=_moving(bs_moved, np.flatnonzero(odd_bs).tolist()))  # fmt: skip
    operating_profit = out.total(f"{P}.operating_profit", *LABELS["cf_operating_profit"], 1,
                                 before_tax + adjustments)  # fmt: skip
    out.label_heading(f"{P}.working_capital", *LABELS["cf_working_capital"], 1)
    working = rows(bs_of(C.OPERATING), f"{P}.working_capital", 2, bs_moved, sign=-1, label=cash_flow_label)
    held = suspense_at(account_map.ledger, [p.day_before for p in periods] + [p.end for p in periods])
    working = working + out.amount_row(f"{P}.working_capital.suspense", *LABELS["cf_suspense"], 2,
                                       held[: len(periods)] - held[len(periods) :])  # fmt: skip
    generated = out.total(f"{P}.cash_generated", *LABELS["cf_cash_generated"], 1, operating_profit + working)
    tax_bs = [i for _, picked in bs_of(C.TAX) for i in picked]
    tax_pl = [i for _, picked in pl_of(C.TAX) for i in picked]
    taxed = np.flatnonzero(on_tax_lines).tolist()
    paid_tax = -moved[taxed].sum(axis=0) - moved[tax_pl].sum(axis=0) - bs_moved[tax_bs].sum(axis=0)
    out.amount_row(f"{P}.taxes_paid", *LABELS["cf_taxes_paid"], 1, paid_tax,
                   accounts=_moving(moved, [*taxed, *tax_pl]) + _moving(bs_moved, tax_bs))  # fmt: skip
    operating = out.total(f"{P}.net_operating", *LABELS["cf_net_operating"], 1, generated + paid_tax)

    # B. investing and C. financing activities
    nets = []
    for klass, heading, net in ((C.INVESTING, "cf_investing", "cf_net_investing"),
                                (C.FINANCING, "cf_financing", "cf_net_financing")):  # fmt: skip
        out.label_heading(f"{P}.{klass.value}", *LABELS[heading], 0)
        prefix = f"{P}.{klass.value}"
        balance_sheet_lines = rows(bs_of(klass), prefix, 1, bs_moved, sign=-1, label=cash_flow_label)
        moved_out_of_profit = rows(pl_of(klass), f"{prefix}.paid", 1, moved, sign=-1, label=paid(klass))
        section = balance_sheet_lines + moved_out_of_profit
        nets.append(out.total(f"{P}.net_{klass.value}", *LABELS[net], 1, section))

    # the change in cash, and what the period's unbalanced entries leave over
    cash = ~on_pl & account_map.mask(a.cash_flow is C.CASH for a in accounts)
    held = balances_at(posted, [p.day_before for p in periods] + [p.end for p in periods])[cash].sum(axis=0)
    opening, closing = held[: len(periods)], held[len(periods) :]
    explained = operating + nets[0] + nets[1]
    difference = (closing - opening) - explained
    out.total(f"{P}.net_change", *LABELS["cf_net_change"], 0, explained)
    out.amount_row(f"{P}.difference", *LABELS["difference"], 0, difference)
    out.total(f"{P}.opening_cash", *LABELS["cf_opening_cash"], 0, opening)
    out.total(f"{P}.closing_cash", *LABELS["cf_closing_cash"], 0, closing)
    issues = []
    if difference.any():
        column = next(i for i, v in enumerate(difference) if v)
        first, last = day_text(periods[column].start), day_text(periods[column].end)
        issues.append(difference_issue(account_map, int(difference[column]), f"from {first} to {last}",
                                       f"{first} से {last} तक", "cash_flow"))  # fmt: skip
    title, title_hi = LABELS["cash_flow"]
    return FinancialStatement(
        "cash_flow", title, title_hi, account_map.ledger.settings.company, period_columns(periods),
        tuple(out.prune_headings()), tuple(issues),
    )  # fmt: skip
