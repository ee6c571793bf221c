"""The Statement of Profit and Loss in the Schedule III (Division I, Part II) layout, for any periods.

Each column is a :class:`~addin.engine.statements.periods.Period`; an account's amount in a
column is its movement over the period (lines dated from its first to its last day). Income and
expenses print as positive amounts; the profit lines are income less expenses, a loss negative.

Rows (keys): ``pl.revenue_from_operations`` (I), ``pl.other_income`` (II), ``pl.total_revenue``
(III), the expenses (IV) and ``pl.total_expenses``, ``pl.profit_before_exceptional`` (V),
``pl.exceptional_items`` (VI), ``pl.profit_before_extraordinary`` (VII),
``pl.extraordinary_items`` (VIII), ``pl.profit_before_tax`` (IX), tax expense (X),
``pl.profit_continuing`` (XI), discontinuing operations (XII to XIV) and
``pl.profit_for_the_period`` (XV). With ``hide_zero`` (the default) nil lines are left out, and
V to VIII and XI to XIV only appear when exceptional, extraordinary or discontinuing items exist.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

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
    before_exceptional = total_revenue - total_expenses
    unusual = _pl_total(account_map, amounts, on_pl, ("exceptional_items", "extraordinary_items"))
    tax_keys = ("current_tax", "deferred_tax")
    discontinuing_keys = ("discontinuing_operations", "discontinuing_tax")
    shows_unusual = not hide_zero or unusual.any()
    if shows_unusual:
        total("profit_before_exceptional", "V", before_exceptional)
        exceptional = line("exceptional_items", force=True)
        before_extraordinary = total("profit_before_extraordinary", "VII", before_exceptional - exceptional)
        extraordinary = line("extraordinary_items", force=True)
        before_tax = total("profit_before_tax", "IX", before_extraordinary - extraordinary)
    else:
        before_tax = total("profit_before_tax", "IX", before_exceptional)
    out.heading("tax_expense", 0, prefix=P)
    tax = sum((line(key, 1) for key in tax_keys), out.zero())
    continuing = before_tax - tax
    if not hide_zero or _pl_total(account_map, amounts, on_pl, discontinuing_keys).any():
        total("profit_continuing", "XI", continuing)
        after_tax = line("discontinuing_operations", force=True) - line("discontinuing_tax", force=True)
        discontinuing = total("profit_discontinuing", "XIV", after_tax)
    else:
        discontinuing = out.zero()
    total("profit_for_the_period", "XV", continuing + discontinuing)
    title, title_hi = LABELS["profit_and_loss"]
    return FinancialStatement(
        "profit_and_loss", title, title_hi, account_map.ledger.settings.company,
        period_columns(periods), tuple(out.prune_headings()),
    )  # fmt: skip


def _pl_total(account_map: AccountMap, amounts: Matrix, include: np.ndarray, keys: Sequence[str]) -> Vector:
    """Whether any account moves on lines ``keys`` (the sum of absolute amounts, per column)."""
    picked = [i for i, a in enumerate(account_map.accounts) if a.line.key in keys and include[i]]
    result: Vector = np.abs(amounts[picked]).sum(axis=0) if picked else np.zeros(amounts.shape[1], np.int64)
    return result


def profit_for_periods(account_map: AccountMap, periods: Sequence[Period]) -> Vector:
    """Profit for each period (income less expenses of every P&L account), paise."""
    amounts = pl_movements(account_map, periods)
    on_pl = account_map.mask(a.line.statement is Statement.PROFIT_AND_LOSS for a in account_map.accounts)
    result: Vector = -amounts[on_pl].sum(axis=0)
    return result
