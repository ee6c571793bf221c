"""The figures the dashboard charts: monthly results, the largest expenses, receivables month by month.

- Monthly revenue, expenses and profit: the Statement of Profit and Loss with a column a month
  (``pl.total_revenue``, ``pl.total_expenses``, ``pl.profit_for_the_period``).
- The largest expenses of the period: the cost of goods sold as one bar (purchases of
  stock-in-trade, materials consumed and the change in inventories, net: a rise in stock lowers
  it), every other expense account by account, ranked together; the rest add up to one "All other
  expenses" bar. So the bars add up to the period's total expenses, as an owner reads them
  (only an expense account in credit for the period, which spent nothing, is left out).
- Trade receivables at each month's end, from the Balance Sheet (``bs.trade_receivables``).

Amounts are int paise in the statements' natural sign (a loss negative).

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> from addin.engine.statements.mapping import map_accounts, report_lines
>>> from addin.engine.statements.periods import fy_period, monthly_periods
>>> mapped = map_accounts(_example_ledger(), report_lines([("4000", "Revenue from operations"),
...     ("1110", "Trade receivables")]))
>>> figures = dashboard(mapped, monthly_periods(2025)[:2], fy_period(2025))
>>> figures.revenue, figures.profit, figures.receivables
((150000, 0), (150000, 0), (1150000, 1150000))
>>> figures.top_expenses
()
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from addin.engine.statements.balance_sheet import balance_sheet
from addin.engine.statements.mapping import AccountMap
from addin.engine.statements.periods import Period
from addin.engine.statements.profit_loss import pl_movements, profit_and_loss
from addin.engine.statements.report import Detail

COST_OF_GOODS_SOLD = frozenset(
    {"cost_of_materials_consumed", "purchases_of_stock_in_trade", "changes_in_inventories"}
)
"""Expense lines the largest-expenses chart shows together, as one cost of goods sold bar."""
COST_OF_GOODS_SOLD_BAR = (
    "Cost of goods sold (purchases, stock change)",
    "बेचे गए माल की लागत (खरीद, स्टॉक परिवर्तन)",
)
OTHER_EXPENSES = ("All other expenses", "अन्य सभी व्यय")


@dataclass(frozen=True, slots=True)
class Expense:
    """One bar of the largest-expenses chart: an account (or the rest together) and its amount."""

    label: str
    label_hi: str
    amount: int


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard sheet charts (see the module docstring)."""

    months: tuple[Period, ...]
    revenue: tuple[int, ...]
    expenses: tuple[int, ...]
    profit: tuple[int, ...]
    receivables: tuple[int, ...]  # at each month's last day
    period: Period  # the largest expenses are this period's
    top_expenses: tuple[Expense, ...]


def largest_expenses(account_map: AccountMap, period: Period, count: int = 8) -> tuple[Expense, ...]:
    """The ``count`` largest expenses of ``period`` — the cost of goods sold (net) as one, every other
    expense account on its own — largest first, then the rest as one "All other expenses" entry
    when there is a rest."""
    moved = pl_movements(account_map, [period])[:, 0]
    tree = account_map.posted.tree
    on_expenses = [
        (int(moved[i]), code, placed.line.key in COST_OF_GOODS_SOLD)
        for i, (code, placed) in enumerate(zip(tree.codes, account_map.accounts, strict=True))
        if placed.line.heading == "expenses"
    ]
    goods = sum(amount for amount, _, of_goods in on_expenses if of_goods)
    spent = [Expense(tree.name.get(code) or code, tree.name.get(code) or code, amount)
             for amount, code, of_goods in on_expenses if not of_goods and amount > 0]  # fmt: skip
    if goods > 0:
        spent.append(Expense(*COST_OF_GOODS_SOLD_BAR, goods))
    spent.sort(key=lambda e: (-e.amount, e.label))
    rest = sum(e.amount for e in spent[count:])
    return (*spent[:count], Expense(*OTHER_EXPENSES, rest)) if rest else tuple(spent[:count])


def dashboard(
    account_map: AccountMap, months: Sequence[Period], period: Period, *, top: int = 8
) -> Dashboard:
    """Monthly results and receivables over ``months``, and ``period``'s ``top`` largest expenses."""
    pl = profit_and_loss(account_map, months, detail=Detail.LINES, hide_zero=False)
    bs = balance_sheet(account_map, [m.end for m in months], detail=Detail.LINES, hide_zero=False)

    def of(statement_key: str) -> tuple[int, ...]:
        source = bs if statement_key.startswith("bs.") else pl
        return tuple(source.amount(statement_key, column) for column in range(len(months)))

    return Dashboard(
        months=tuple(months),
        revenue=of("pl.total_revenue"),
        expenses=of("pl.total_expenses"),
        profit=of("pl.profit_for_the_period"),
        receivables=of("bs.trade_receivables"),
        period=period,
        top_expenses=largest_expenses(account_map, period, top),
    )
