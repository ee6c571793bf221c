"""The budget cell formula: BAHI.BUDGETVAR, budget against actual for one budget line.

A thin wrapper over :func:`addin.engine.statements.budget_vs_actual`, the engine behind the Budget
vs Actual sheet, so the formula and the sheet always agree. It takes the Journal and Budget tables
with their header rows (``Journal[#All]``, ``Budget[#All]``), the budget line — an account's code or
name, a group (all the accounts under it), or a Schedule III line item such as "Other expenses" —
and, optionally, the Accounts table (whose types say which lines are income: pass it whenever
income is budgeted) and the ReportLines table (which a line item needs).

Amounts are rupees in the line's natural sign, income and expenses both positive (the Budget
table's own convention): the variance is actual − budget, positive when an expense is over budget
or income is above it. Year to date runs from the financial year's first day to ``as_of`` (default:
the financial year of the Settings table when given, up to its latest journal line; else the year
of the latest journal line), against the budget of the months up to ``as_of``'s month; the forecast is
the actual to date plus the budget of the months after it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn

from xlwings import arg, func

from addin.engine.cells import format_date, fy_label, fy_start_year
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.issues import Issue, Severity
from addin.engine.load import load_ledger
from addin.engine.money import to_rupees
from addin.engine.schema import BUDGET, REPORT_LINES
from addin.engine.statements import (
    ReportLines,
    budget_vs_actual,
    load_budget,
    load_report_lines,
    map_accounts,
)
from addin.engine.statements.budget import BudgetLine
from addin.engine.statements.budget import _target as budget_target
from udfs._cells import fail, fail_issue, to_text, with_arg_docs
from udfs.bookkeeping import _account_name, _omitted, _optional_date, tables
from udfs.tables import as_rows, raw_table, with_header

__all__ = ["budgetvar"]

MEASURES = ("variance", "percent", "actual", "budget", "forecast", "forecast variance")


def _value(line: BudgetLine, measure: str) -> float:
    to_date = line.year_to_date
    if measure == "percent":
        percent = to_date.variance_percent
        if percent is None:
            fail(
                f"{line.label}: the budget to date is nil, so there is no variance percentage",
                f"{line.label}: अब तक का बजट शून्य है, इसलिए अंतर का प्रतिशत नहीं बनता",
            )
        return float(percent) / 100
    paise = {
        "variance": to_date.variance,
        "actual": to_date.actual,
        "budget": to_date.budget,
        "forecast": line.forecast,
        "forecast variance": line.forecast_variance.variance,
    }[measure]
    return to_rupees(paise)


def _unread_row(issue: Issue, implied: bool) -> bool:
    """Whether a Budget finding stops the formula: a row it cannot read, except, without an Accounts
    table, a row naming an account the journal does not (a group, say: only the Accounts table knows
    it; the line asked for is known, so such a row is another line's)."""
    if issue.severity is Severity.WARNING:
        return False
    return not (implied and issue.column == "Account")


def _no_budget_line(name: str, implied: bool) -> NoReturn:
    """Stop the formula: ``name`` is no budget line (without an Accounts table, groups are unknown)."""
    if implied:
        fail(
            f"{name!r} is neither an account the journal names nor a Schedule III line item; "
            "a group (or an account with no journal lines) needs the accounts table: pass Accounts[#All]",
            f"{name!r} न बही (Journal) में आया कोई खाता है न अनुसूची III का मद; समूह (या बिना "
            "प्रविष्टि वाले खाते) के लिए खाते तालिका चाहिए: Accounts[#All] दें",
        )
    fail(
        f"{name!r} is neither an account nor a Schedule III line item",
        f"{name!r} न कोई खाता है न अनुसूची III का मद",
    )


@func
@arg("journal", "raw")
@arg("budget", "raw")
@arg("accounts", "raw")
@arg("report_lines", "raw")
@arg("settings", "raw")
@with_arg_docs
def budgetvar(  # noqa: PLR0917 - Excel passes a formula's arguments by position
    journal: Any,
    budget: Any,
    account: Any,
    accounts: Any = None,
    as_of: Any = None,
    measure: Any = None,
    report_lines: Any = None,
    settings: Any = None,
) -> float:
    """Budget against actual for one budget line, year to date: actual minus budget in rupees.

    Args:
        journal: The Journal table with its header row: Journal[#All].
        budget: The Budget table with its header row: Budget[#All].
        account: The budget line: an account's code or name (a group: all under it) or a line item.
        accounts: The Accounts table, Accounts[#All]: groups, and which accounts are income (optional).
        as_of: Year to date up to this date (default: the year in settings, else the latest journal line).
        measure: variance (default), percent (of the budget), actual, budget, forecast, forecast variance.
        report_lines: The ReportLines table, ReportLines[#All], for a Schedule III line item (optional).
        settings: The Settings table, Settings[#All] (optional): its financial year, when as_of is left out.
    """
    with no_cyclic_gc():
        wanted = to_text(measure, "measure", "variance").casefold()
        if wanted not in MEASURES:
            fail(
                f"measure should be one of {', '.join(MEASURES)}, not {wanted!r}",
                f"measure इनमें से एक होना चाहिए: {', '.join(MEASURES)}; {wanted!r} नहीं",
            )
        given, implied = tables(journal, accounts, settings)
        ledger, issues = load_ledger(given)
        fatal = next((i for i in issues if i.severity is Severity.FATAL), None)
        if fatal is not None:
            fail_issue(fatal)
        lines = ReportLines(())
        if not _omitted(report_lines):
            rows = with_header(as_rows(report_lines, "report_lines"), REPORT_LINES, "report_lines")
            lines, _ = load_report_lines(raw_table(REPORT_LINES, rows))
        account_map = map_accounts(ledger, lines)
        name = _account_name(account)
        target = budget_target(account_map, name)
        if target is None:
            _no_budget_line(name, implied)
        plan, budget_issues = load_budget(
            raw_table(BUDGET, with_header(as_rows(budget, "budget"), BUDGET, "budget")), account_map
        )
        unread = next((i for i in budget_issues if _unread_row(i, implied)), None)
        if unread is not None:  # a row it cannot read may be one of this line's: no answer without it
            fail_issue(unread)
        day = _optional_date(as_of, "as_of")
        year = None if day is None else fy_start_year(day, ledger.settings.fy_start_month)
        report = budget_vs_actual(account_map, plan, financial_year=year, as_of=day)
        line = report.line(f"{'line' if target[1] else 'account'}.{target[0]}")
        if line is None:
            taken = day is None and ledger.settings.financial_year is None
            _no_rows(name, report.months[0].start, report.as_of, taken=taken)
        return _value(line, wanted)


def _no_rows(name: str, first_day: dt.date, as_of: dt.date, *, taken: bool) -> NoReturn:
    """Stop the formula: the Budget table has no rows for ``name`` in the year that starts on
    ``first_day``; ``taken``: as_of was the latest journal line (no as_of, no Settings), which is said
    with how to ask for another year."""
    year = fy_label(first_day.year, first_day.month)
    en = f"the Budget table has no rows for {name!r} in the financial year {year}"
    hi = f"Budget तालिका में वित्तीय वर्ष {year} के लिए {name!r} की कोई पंक्ति नहीं है"
    if taken:
        en += (
            f": without as_of or Settings, the year is that of the latest journal line, "
            f"{format_date(as_of)}; pass as_of (a date in the budget's year) or Settings[#All]"
        )
        hi += (
            f": as_of या Settings के बिना वर्ष बही की अंतिम पंक्ति की तिथि {format_date(as_of)} का लिया "
            "गया; as_of (बजट के वर्ष की कोई तिथि) या Settings[#All] दें"
        )
    fail(en, hi)
