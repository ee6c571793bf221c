"""Financial statements in the Schedule III (Division I) layout, the cash-flow statement, the budget.

The pipeline, each step a pure function over typed values:

1. :func:`load_report_lines` (the ReportLines table) and :func:`map_accounts` place every account
   of a :class:`~addin.engine.ledger.Ledger` on a Schedule III line, reading the journal once;
   unmapped accounts and bad rows come back as issues on the :class:`AccountMap`.
2. :func:`profit_and_loss`, :func:`balance_sheet` and :func:`cash_flow` make a
   :class:`FinancialStatement` for any periods (:mod:`.periods`: months, quarters, year to date,
   any dates, comparatives), rows ready to print (:mod:`.report` states the sign rule).
3. :func:`load_budget` and :func:`budget_vs_actual` compare the Budget table with the books.

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> mapped = map_accounts(_example_ledger(), report_lines([("1000", "Cash and cash equivalents"),
...     ("3000", "Share capital"), ("4000", "Revenue from operations")]))
>>> year = fy_period(2025)
>>> profit_and_loss(mapped, [year]).amount("pl.profit_for_the_period")
150000
>>> bs = balance_sheet(mapped, [year])
>>> bs.amount("bs.total_assets") == bs.amount("bs.total_equity_and_liabilities") == 1150000
True
>>> cash_flow(mapped, [year]).amount("cf.net_change")
150000
"""

from __future__ import annotations

from addin.engine.money import bracketed
from addin.engine.statements.balance_sheet import balance_sheet
from addin.engine.statements.budget import (
    Budget,
    BudgetEntry,
    BudgetLine,
    BudgetReport,
    Variance,
    budget_from_rows,
    budget_vs_actual,
    load_budget,
)
from addin.engine.statements.cash_flow import cash_flow
from addin.engine.statements.mapping import (
    AccountLine,
    AccountMap,
    ReportLine,
    ReportLines,
    load_report_lines,
    map_accounts,
    report_lines,
)
from addin.engine.statements.periods import (
    Period,
    comparative_periods,
    custom_period,
    fy_period,
    month_period,
    monthly_periods,
    parse_period,
    previous_period,
    quarter_period,
    same_period_last_year,
    year_to_date,
)
from addin.engine.statements.profit_loss import profit_and_loss
from addin.engine.statements.report import (
    Detail,
    FinancialStatement,
    RowKind,
    StatementColumn,
    StatementRow,
)

__all__ = [
    "AccountLine",
    "AccountMap",
    "Budget",
    "BudgetEntry",
    "BudgetLine",
    "BudgetReport",
    "Detail",
    "FinancialStatement",
    "Period",
    "ReportLine",
    "ReportLines",
    "RowKind",
    "StatementColumn",
    "StatementRow",
    "Variance",
    "balance_sheet",
    "bracketed",
    "budget_from_rows",
    "budget_vs_actual",
    "cash_flow",
    "comparative_periods",
    "custom_period",
    "fy_period",
    "load_budget",
    "load_report_lines",
    "map_accounts",
    "month_period",
    "monthly_periods",
    "parse_period",
    "previous_period",
    "profit_and_loss",
    "quarter_period",
    "report_lines",
    "same_period_last_year",
    "year_to_date",
]
