"""The Budget table, and budget against actual: variance, variance %, year to date, full-year forecast.

A budget row names an account (a group's code budgets all the accounts under it) or a Schedule
III line item, a month, and an amount as the line is printed — income and expenses both positive.
Rows for the same account and month add up. An account with a budget line of its own is left
out of the line item it is mapped to (Rent budgeted by itself is not in "Other expenses" too), so
no actual is counted on two lines; that line item's label says so.

**Sign rule.** Actual and budget are both in the line's natural sign: income (a credit-natured
account or line) as a credit, expenses and assets as a debit. ``variance = actual − budget``, and
``variance % = variance ÷ |budget| × 100`` (none when the budget is nil), rounded half away from
zero to two decimals. A line is **adverse** when it spends more than its budget (a debit-natured
line with a positive variance: over budget on an expense is adverse) or earns less than its
budget (a credit-natured line with a negative variance); ``over_budget`` is simply
``actual > budget``.

**Year to date and forecast.** ``as_of`` (default: the latest journal date in the year) splits the
financial year: year to date compares the actual from the year's first day to ``as_of`` with the
budget of the whole months up to and including ``as_of``'s month (run it at a month end for
like-for-like figures); the full-year forecast is that actual plus the budget of the months after
``as_of``'s month, compared with the full-year budget.

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> from addin.engine.statements.mapping import map_accounts, report_lines
>>> mapped = map_accounts(_example_ledger(), report_lines([("4000", "Revenue from operations")]))
>>> plan, issues = budget_from_rows(mapped, [("4000", "Apr-2025", "2000"), ("Sales", "May-2025", "2000")])
>>> report = budget_vs_actual(mapped, plan, as_of=dt.date(2025, 4, 30))
>>> line = report.lines[0]
>>> line.label, line.year_to_date.actual, line.year_to_date.budget, line.year_to_date.variance_percent
('4000 Sales', 150000, 200000, '-25.00')
>>> line.year_to_date.adverse, line.forecast, line.full_year_budget
(True, 350000, 400000)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from addin.engine.cells import UnreadCell, cell_text, fy_start_year, month_of
from addin.engine.issues import Issue
from addin.engine.load import TableReader, missing_table_issue, table_layout
from addin.engine.messages import make_issue
from addin.engine.money import to_decimal_string
from addin.engine.rules import Rule
from addin.engine.schema import BUDGET
from addin.engine.statements.balances import Matrix, movements
from addin.engine.statements.mapping import AccountMap
from addin.engine.statements.periods import Period, monthly_periods
from addin.engine.statements.schedule3 import LINE_ITEMS, Nature, find_line_item
from addin.engine.tables import RawTable

CREDIT_TYPES = frozenset({"Income", "Liability", "Equity"})


@dataclass(frozen=True, slots=True)
class BudgetEntry:
    """One usable row of the Budget table: ``target`` is an account code or a line item's key."""

    row: int
    target: str
    is_line: bool
    year: int
    month: int
    amount: int  # paise, natural sign


@dataclass(frozen=True)
class Budget:
    entries: tuple[BudgetEntry, ...]


# ----------------------------------------------------------------------------------------------
# reading the table


def _target(account_map: AccountMap, text: str) -> tuple[str, bool] | None:
    """(account code, False) or (line item key, True) for a Budget row's Account cell."""
    tree = account_map.posted.tree
    if not text:
        return None
    if text in tree.name:
        return text, False
    code = tree.find(text)
    if code is not None:
        return code, False
    line = find_line_item(text)
    return (line.key, True) if line else None


def _budget_issue(sheet: str, cell: str, column: str, value: str, variant: str, **fields: object) -> Issue:
    return make_issue(Rule.INVALID_BUDGET_LINE, sheet, cell, column, value, variant=variant, **fields)


def load_budget(table: RawTable | None, account_map: AccountMap) -> tuple[Budget, list[Issue]]:
    """The Budget table's rows and what is wrong with them; a missing table is ``missing-table``."""
    if table is None:
        return Budget(()), [missing_table_issue(BUDGET)]
    positions, issues, complete = table_layout(table, BUDGET)
    if not complete:
        return Budget(()), issues
    reader = TableReader(table, positions)
    targets = reader.text("Account", UnreadCell.OTHER).tolist()
    months = list(table.columns[positions["Month"]])
    amounts = reader.amounts("Amount", UnreadCell.OTHER)
    issues += reader.issues
    entries: list[BudgetEntry] = []
    for i, (text, month_cell) in enumerate(zip(targets, months, strict=True)):
        month = month_of(month_cell)
        if not text and month is None and amounts.blank[i]:
            continue
        target = _target(account_map, text)
        if target is None:
            issues.append(_budget_issue(table.sheet, table.address(i, positions["Account"]), "Account", text,
                                        "account"))  # fmt: skip
            continue
        if month is None:
            issues.append(_budget_issue(table.sheet, table.address(i, positions["Month"]), "Month",
                                        cell_text(month_cell), "month"))  # fmt: skip
            continue
        if not amounts.readable[i]:
            if amounts.blank[i]:
                issues.append(_budget_issue(table.sheet, table.address(i, positions["Amount"]), "Amount", "",
                                            "amount", account=text))  # fmt: skip
            continue
        row = table.worksheet_row(i)
        entries.append(BudgetEntry(row, target[0], target[1], *month, int(amounts.paise[i])))
    return Budget(tuple(entries)), issues


def budget_from_rows(
    account_map: AccountMap, rows: Iterable[Sequence[object]]
) -> tuple[Budget, list[Issue]]:
    """:func:`load_budget` on inline rows (account, month, amount[, note]) without a heading row."""
    body = [list(r) for r in rows]
    return load_budget(RawTable.from_rows(BUDGET.name, BUDGET.sheet, [[c.en for c in BUDGET.columns], *body]),
                       account_map)  # fmt: skip


# ----------------------------------------------------------------------------------------------
# budget against actual


def percent_of(variance: int, budget: int) -> str | None:
    """``variance`` as a percentage of ``|budget|``, two decimals, rounded half away from zero.

    >>> percent_of(1, 3), percent_of(-1, 3), percent_of(2, 3), percent_of(5, 0)
    ('33.33', '-33.33', '66.67', None)
    """
    if budget == 0:
        return None
    base = abs(budget)
    basis_points = (2 * abs(variance) * 10_000 + base) // (2 * base)
    return to_decimal_string(basis_points if variance >= 0 else -basis_points)


@dataclass(frozen=True, slots=True)
class Variance:
    """Actual against budget for one line and span, natural sign (see the module's sign rule)."""

    actual: int
    budget: int
    credit_natured: bool

    @property
    def variance(self) -> int:
        return self.actual - self.budget

    @property
    def variance_percent(self) -> str | None:
        return percent_of(self.variance, self.budget)

    @property
    def over_budget(self) -> bool:
        return self.actual > self.budget

    @property
    def adverse(self) -> bool:
        """Spent more than budgeted, or earned less."""
        return self.variance < 0 if self.credit_natured else self.variance > 0

    def as_record(self) -> dict[str, object]:
        return {
            "actual": to_decimal_string(self.actual),
            "budget": to_decimal_string(self.budget),
            "variance": to_decimal_string(self.variance),
            "variance_percent": self.variance_percent,
            "over_budget": self.over_budget,
            "adverse": self.adverse,
        }


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One budgeted account or line item across the year.

    ``months`` holds the twelve months in order; a month after ``as_of``'s month has
    ``to_date`` False in the records (its actual is what is posted so far, usually nil).
    """

    key: str  # "account.5310" or "line.other_expenses"
    label: str
    label_hi: str
    credit_natured: bool
    months: tuple[Variance, ...]
    year_to_date: Variance
    full_year_budget: int
    forecast: int

    @property
    def forecast_variance(self) -> Variance:
        """The forecast (actual to date plus the rest of the year's budget) against the year's budget."""
        return Variance(self.forecast, self.full_year_budget, self.credit_natured)

    @property
    def adverse(self) -> bool:
        """The flag a sheet colours: adverse year to date."""
        return self.year_to_date.adverse


@dataclass(frozen=True)
class BudgetReport:
    """Budget against actual for a financial year, one line per budgeted account or line item."""

    company: str
    months: tuple[Period, ...]
    as_of: dt.date
    lines: tuple[BudgetLine, ...]
    issues: tuple[Issue, ...] = field(default=())

    def line(self, key: str) -> BudgetLine | None:
        return next((line for line in self.lines if line.key == key), None)

    def as_records(self) -> list[dict[str, object]]:
        """One record a line: label, each month's figures, year to date, full year and forecast."""
        elapsed = self.months_to_date
        return [
            {
                "key": line.key,
                "label": line.label,
                "label_hi": line.label_hi,
                "nature": "credit" if line.credit_natured else "debit",
                "months": [
                    {"month": p.label, "month_hi": p.label_hi, "to_date": n < elapsed, **v.as_record()}
                    for n, (p, v) in enumerate(zip(self.months, line.months, strict=True))
                ],
                "year_to_date": line.year_to_date.as_record(),
                "full_year_budget": to_decimal_string(line.full_year_budget),
                "forecast": line.forecast_variance.as_record(),
                "adverse": line.adverse,
            }
            for line in self.lines
        ]

    @property
    def months_to_date(self) -> int:
        """How many of the year's months have started by ``as_of``."""
        return sum(1 for p in self.months if p.start <= self.as_of)


def _latest_day(account_map: AccountMap, first: dt.date, last: dt.date) -> dt.date:
    days = account_map.posted.day
    start, end = ((d - dt.date(1970, 1, 1)).days for d in (first, last))
    inside = days[(days >= start) & (days <= end)]
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(inside.max())) if len(inside) else last


def _targets(budget: Budget) -> list[tuple[str, bool]]:
    seen: dict[tuple[str, bool], None] = {}
    for entry in budget.entries:
        seen.setdefault((entry.target, entry.is_line), None)
    return list(seen)


SEPARATE_EN = " (less accounts budgeted apart)"
SEPARATE_HI = " (अलग बजट किए खाते छोड़कर)"
"""What a line item's label adds when some of its accounts have a budget line of their own."""


def _accounts_of(account_map: AccountMap, target: str) -> list[int]:
    """The account (and every account under it) that an account's budget line covers."""
    tree = account_map.posted.tree
    codes = {target, *tree.descendants(target)}
    return [i for i, code in enumerate(tree.codes) if code in codes]


def _rows_of(
    account_map: AccountMap, target: str, is_line: bool, budgeted_apart: frozenset[int] = frozenset()
) -> tuple[list[int], bool, str, str]:
    """Accounts behind a target, whether it is credit-natured, and its labels.

    A line item leaves out ``budgeted_apart``, the accounts that have a budget line of their own, so
    that no actual is counted on two budget lines (Rent budgeted by itself is not also in Other
    expenses); its label then says so."""
    tree = account_map.posted.tree
    if is_line:
        item = LINE_ITEMS[target]
        mapped = [i for i, a in enumerate(account_map.accounts) if a.line.key == target]
        picked = [i for i in mapped if i not in budgeted_apart]
        apart = len(picked) < len(mapped)
        label, label_hi = (item.en + SEPARATE_EN, item.hi + SEPARATE_HI) if apart else (item.en, item.hi)
        return picked, item.nature is Nature.CREDIT, label, label_hi
    picked = _accounts_of(account_map, target)
    label = f"{target} {tree.name.get(target, '')}".strip()
    return picked, tree.type.get(target, "") in CREDIT_TYPES, label, label


def budget_vs_actual(
    account_map: AccountMap,
    budget: Budget,
    *,
    financial_year: int | None = None,
    as_of: dt.date | None = None,
) -> BudgetReport:
    """Budget against actual for each budgeted account or line item, month by month (see the module)."""
    settings = account_map.ledger.settings
    start_month = settings.fy_start_month
    if financial_year is None:
        financial_year = settings.financial_year
    if financial_year is None:
        latest = _latest_day(account_map, dt.date.min, dt.date.max)
        financial_year = fy_start_year(as_of or latest, start_month)
    months = monthly_periods(financial_year, start_month)
    if as_of is None:
        as_of = _latest_day(account_map, months[0].start, months[-1].end)
    elapsed = sum(1 for p in months if p.start <= as_of)
    spans = [(p.start, p.end) for p in months] + [(months[0].start, as_of)]
    moved: Matrix = movements(account_map.posted, spans)
    planned: dict[tuple[str, bool], np.ndarray] = {}
    index = {(p.start.year, p.start.month): n for n, p in enumerate(months)}
    for entry in budget.entries:
        n = index.get((entry.year, entry.month))
        if n is not None:
            planned.setdefault((entry.target, entry.is_line), np.zeros(12, dtype=np.int64))[n] += entry.amount
    lines: list[BudgetLine] = []
    accounts_budgeted = [target for target, is_line in planned if not is_line]
    apart = frozenset(i for target in accounts_budgeted for i in _accounts_of(account_map, target))
    for target, is_line in _targets(budget):
        plan = planned.get((target, is_line))
        if plan is None:
            continue  # budgeted only for other years
        picked, credit, label, label_hi = _rows_of(account_map, target, is_line, apart)
        actual = moved[picked].sum(axis=0) if picked else np.zeros(len(spans), dtype=np.int64)
        actual = -actual if credit else actual
        by_month = tuple(Variance(int(a), int(b), credit) for a, b in zip(actual[:12], plan, strict=True))
        to_date = Variance(int(actual[12]), int(plan[:elapsed].sum()), credit)
        forecast = int(actual[12]) + int(plan[elapsed:].sum())
        key = f"{'line' if is_line else 'account'}.{target}"
        lines.append(BudgetLine(key, label, label_hi, credit, by_month, to_date, int(plan.sum()), forecast))
    return BudgetReport(settings.company, months, as_of, tuple(lines))

