"""The Statement of Profit and Loss in the Schedule III (Division I, Part II) layout, for any periods.

Each column is a :class:`~addin.engine.statements.periods.Period`; an account's amount in a
column is its movement over the period (lines dated from its first to its last day). Income and
expenses print as positive amounts; the profit lines are income less expenses, a loss negative.

Rows (keys): ``pl.revenue_from_operations`` (I), ``pl.other_income`` (II), ``pl.total_revenue``
(III), the expenses (IV) and ``pl.total_expenses``, ``pl.profit_before_exceptional`` (V),
``pl.exceptional_items`` (VI), ``pl.profit_before_extraordinary`` (VII),
``pl.extraordinary_items`` (VIII), ``pl.profit_before_tax`` (IX), tax expense (X),
``pl.profit_continuing`` (XI), discontinuing operations (XII to XIV) and
``pl.profit_for_the_period`` (XV). With ``hide_zero`` (the default) nil expense and income lines
are left out, but V to XV always stand (nil as 0.00): every line cites the numbers it is made of
("Profit before tax (VII - VIII)"), so those lines are on the page, as Schedule III lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.engine.statements.balances import Matrix, movements
from addin.engine.statements.mapping import AccountMap
from addin.engine.statements.periods import Period
from addin.engine.statements.report import Detail, FinancialStatement, StatementColumn
from addin.engine.statements.rows import RowWriter, Vector
from addin.engine.statements.schedule3 import LABELS, LINE_ITEMS, Statement

P = "pl"
_EXPENSES = (
    "cost_of_materials_consumed",
    "purchases_of_stock_in_trade",
    "changes_in_inventories",
    "employee_benefits_expense",
    "finance_costs",
    "depreciation_and_amortization",
    "other_expenses",
    "unmapped_expenses",
)


def period_columns(periods: Sequence[Period]) -> tuple[StatementColumn, ...]:
    """A column a period, headed by its label."""
    return tuple(StatementColumn(p.label, p.label_hi, p.end, p.start) for p in periods)


def pl_movements(account_map: AccountMap, periods: Sequence[Period]) -> Matrix:
    """Each account's movement (debit positive) over each period."""
    return movements(account_map.posted, [(p.start, p.end) for p in periods])


def profit_and_loss(
    account_map: AccountMap,
    periods: Sequence[Period],
    *,
    detail: Detail = Detail.SUB_LINES,
    hide_zero: bool = True,
) -> FinancialStatement:
    """The Statement of Profit and Loss with a column for each of ``periods``."""
    amounts = pl_movements(account_map, periods)
    on_pl = account_map.mask(a.line.statement is Statement.PROFIT_AND_LOSS for a in account_map.accounts)
    out = RowWriter.start(account_map, detail, hide_zero, len(periods))

    def line(key: str, level: int = 0, *, force: bool = False) -> Vector:
        return out.line(LINE_ITEMS[key], amounts, level, prefix=P, include=on_pl, force=force)

    def total(key: str, number: str, value: Vector, level: int = 0) -> Vector:
        return out.total(f"{P}.{key}", *LABELS[key], level, value, number=number)

    revenue = line("revenue_from_operations", force=True) + line("other_income") + line("unmapped_income")
    total_revenue = total("total_revenue", "III", revenue)
    out.heading("expenses", 0, prefix=P)
    expenses = sum((line(key, 1) for key in _EXPENSES), out.zero())
    total_expenses = total("total_expenses", "", expenses, 1)
    # V to XV always stand, nil as 0.00, so that every number a line cites is on the page
    before_exceptional = total("profit_before_exceptional", "V", total_revenue - total_expenses)
    exceptional = line("exceptional_items", force=True)
    before_extraordinary = total("profit_before_extraordinary", "VII", before_exceptional - exceptional)
    extraordinary = line("extraordinary_items", force=True)
    before_tax = total("profit_before_tax", "IX", before_extraordinary - extraordinary)
    out.heading("tax_expense", 0, prefix=P)
    tax = line("current_tax", 1, force=True) + line("deferred_tax", 1, force=True)
    continuing = total("profit_continuing", "XI", before_tax - tax)
    after_tax = line("discontinuing_operations", force=True) - line("discontinuing_tax", force=True)
    discontinuing = total("profit_discontinuing", "XIV", after_tax)
    total("profit_for_the_period", "XV", continuing + discontinuing)
    title, title_hi = LABELS["profit_and_loss"]
    return FinancialStatement(
        "profit_and_loss", title, title_hi, account_map.ledger.settings.company,
        period_columns(periods), tuple(out.prune_headings()),
    )  # fmt: skip


def profit_for_periods(account_map: AccountMap, periods: Sequence[Period]) -> Vector:
    """Profit for each period (income less expenses of every P&L account), paise."""
    amounts = pl_movements(account_map, periods)
    on_pl = account_map.mask(a.line.statement is Statement.PROFIT_AND_LOSS for a in account_map.accounts)
    result: Vector = -amounts[on_pl].sum(axis=0)
    return result
