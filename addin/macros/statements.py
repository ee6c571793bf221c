"""The Statements and Budget macros (ribbon buttons, ``bahi statements`` and ``bahi budget``).

Each is ``read → engine → write`` over a :class:`~addin.books.base.Workbook`, the same for the
ribbon (xlwings) and the command (a file):

- :func:`statements_of` reads Accounts, Journal, Settings and the ReportLines mapping, makes the
  Statement of Profit and Loss, the Balance Sheet and the cash-flow statement for one period
  (with comparatives or monthly columns as asked: :mod:`addin.engine.statements.columns`) and the
  dashboard's figures; with ``write`` it replaces the Profit and Loss, Balance Sheet, Cash Flow and
  Dashboard sheets.
- :func:`budget_of` adds the Budget table and compares it with the books (year to date as of a
  day, and the full-year forecast); with ``write``, the Budget vs Actual sheet.

What they find — accounts no ReportLines row reaches, bad rows of the two tables, books that do
not balance — goes to the Issues sheet under their own source (Statements, Budget), in place of
their own earlier findings (:func:`~addin.macros.run.write_findings`). The full checks are
Validate's; like Reconcile, these read the ledger with the loader alone (its findings are listed
once, whoever found them first). A book that cannot be read as a ledger, or lacks the table a
macro needs, gets nothing written and its fatal issues back. A period that cannot be read is the
result's ``note`` (nothing is made or written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from addin.books.base import Workbook
from addin.engine.cells import CellValueError, Reason, fy_start_year
from addin.engine.issues import Issue, has_fatal
from addin.engine.ledger import Ledger
from addin.engine.load import account_lookup, load_ledger, sort_issues
from addin.engine.money import to_decimal_string
from addin.engine.schema import ACCOUNTS, BUDGET, JOURNAL, PARTIES, REPORT_LINES, SETTINGS, TableSpec
from addin.engine.statements import (
    BudgetReport,
    FinancialStatement,
    Period,
    RowKind,
    balance_sheet,
    budget_vs_actual,
    cash_flow,
    load_budget,
    load_report_lines,
    map_accounts,
    profit_and_loss,
)
from addin.engine.statements.columns import (
    StatementColumns,
    books_begin,
    chosen_period,
    latest_day,
    statement_columns,
)
from addin.engine.statements.dashboard import Dashboard, dashboard
from addin.engine.statements.mapping import AccountMap, with_msme_creditors
from addin.engine.statements.periods import day_text, unreadable_period
from addin.engine.tables import RawTable
from addin.engine.trade.parties import load_parties
from addin.macros.budget_sheet import HEADINGS as BUDGET_HEADINGS
from addin.macros.budget_sheet import budget_sheet, line_label, status
from addin.macros.dashboard_sheet import dashboard_sheet
from addin.macros.run import Counts, Progress, RunResult, Stopwatch, no_progress, write_findings
from addin.macros.sheets import BUDGET_REVIEW, STATEMENTS
from addin.macros.statement_sheets import LABEL_HEADINGS, column_heading, statement_sheet
from addin.messages import Text

STATEMENT_TABLES: tuple[TableSpec, ...] = (ACCOUNTS, JOURNAL, SETTINGS, REPORT_LINES, PARTIES)
"""Parties is optional (a trading workbook's): its MSME flag puts a micro or small supplier's own
account on trade payables (A)."""
BUDGET_TABLES: tuple[TableSpec, ...] = (*STATEMENT_TABLES, BUDGET)
PARTICULARS = "Particulars / विवरण"
COMPARISONS = ("previous", "last-year")
"""What ``compare`` may name: the previous period, the same period last year."""

BAD_PERIOD = Text("Cannot read the period: {reason}.", "अवधि पढ़ी नहीं जा सकी: {reason_hi}।")
NOT_AVAILABLE = Text(
    "No comparative column for {periods}: not available, it starts before the books begin on {day} "
    "(the first day of the financial year).",
    "{periods} का तुलनात्मक कॉलम नहीं: उपलब्ध नहीं, यह बही के आरंभ ({day}, वित्त वर्ष का पहला दिन) से पहले शुरू होता है।",
)
"""Said (not an error) when a comparative asked for starts before the books begin."""


# ----------------------------------------------------------------------------------------------
# what a run makes


@dataclass(frozen=True)
class StatementsRun:
    """What :func:`statements_of` made: the three statements over the same columns, and the dashboard."""

    columns: StatementColumns
    profit_and_loss: FinancialStatement
    balance_sheet: FinancialStatement
    cash_flow: FinancialStatement
    dashboard: Dashboard

    @property
    def period(self) -> Period:
        return self.columns.period

    @property
    def statements(self) -> tuple[FinancialStatement, ...]:
        return (self.profit_and_loss, self.balance_sheet, self.cash_flow)

    def as_records(self) -> list[dict[str, Any]]:
        """Every statement's rows in print order, one record a row: the statement, its row key,
        Schedule III number, particulars in English and Hindi, kind and level, then one amount a
        column, keyed by the column's label, as a decimal string in the natural sign ("-4720.00")."""
        return [record for statement in self.statements for record in statement_records(statement)]


def statement_records(statement: FinancialStatement) -> list[dict[str, Any]]:
    """A statement's rows as flat records (see :meth:`StatementsRun.as_records`)."""
    labels = [c.label for c in statement.columns]
    records = []
    for row in statement.rows:
        amounts = [None] * len(labels) if row.amounts is None else [to_decimal_string(a) for a in row.amounts]
        records.append({
            "statement": statement.kind, "key": row.key, "number": row.number, "particulars": row.label,
            "particulars_hi": row.label_hi, "kind": row.kind.value, "level": row.level,
            **dict(zip(labels, amounts, strict=True)),
        })  # fmt: skip
    return records


@dataclass(frozen=True)
class BudgetRun:
    """What :func:`budget_of` made: the engine's report, as flat records for JSON and CSV."""

    report: BudgetReport

    def as_records(self) -> list[dict[str, Any]]:
        """One record a budget line: year to date, full year and forecast, then each month's budget
        and actual ("Apr-2025 budget", "Apr-2025 actual"); amounts as decimal strings."""
        records = []
        for line in self.report.lines:
            to_date, forecast = line.year_to_date, line.forecast_variance
            months: dict[str, Any] = {}
            for period, month in zip(self.report.months, line.months, strict=True):
                months[f"{period.label} budget"] = to_decimal_string(month.budget)
                months[f"{period.label} actual"] = to_decimal_string(month.actual)
            records.append({
                "key": line.key, "label": line.label, "label_hi": line.label_hi,
                "nature": "credit" if line.credit_natured else "debit",
                "budget_to_date": to_decimal_string(to_date.budget),
                "actual_to_date": to_decimal_string(to_date.actual),
                "variance": to_decimal_string(to_date.variance), "variance_percent": to_date.variance_percent,
                "full_year_budget": to_decimal_string(line.full_year_budget),
                "forecast": to_decimal_string(line.forecast),
                "forecast_variance": to_decimal_string(forecast.variance),
                "forecast_variance_percent": forecast.variance_percent, "status": status(to_date),
                "adverse": line.adverse, **months,
            })  # fmt: skip
        return records


# ----------------------------------------------------------------------------------------------
# as a terminal shows them


Lines = tuple[list[dict[str, Any]], list[str], list[str]]
"""Rows for a terminal table, its fields in order, and which of them are amounts."""


def statement_lines(statement: FinancialStatement) -> Lines:
    """A statement laid out for a terminal table as its sheet is: the Schedule III number, the
    particulars (indented by level), then one amount a column (a decimal string, natural sign, for
    the table to group and bracket), keyed by the sheet's bilingual headings. Headings and totals
    are ``kind`` "total" (bold), other rows "line"."""
    labels = [column_heading(c).replace("\n", " / ") for c in statement.columns]
    lines = []
    for row in statement.rows:
        amounts = [""] * len(labels) if row.amounts is None else list(map(to_decimal_string, row.amounts))
        lines.append({
            LABEL_HEADINGS[0]: row.number,
            PARTICULARS: "  " * row.level + row.label,
            **dict(zip(labels, amounts, strict=True)),
            "kind": "total" if row.kind in (RowKind.HEADING, RowKind.TOTAL) else "line",
        })  # fmt: skip
    return lines, [LABEL_HEADINGS[0], PARTICULARS, *labels], labels


def budget_lines(report: BudgetReport) -> Lines:
    """The Budget vs Actual sheet's rows for a terminal table, under its headings (amounts and the
    variance percentage as decimal strings)."""
    amounts = list(BUDGET_HEADINGS[1:-1])
    lines = []
    for line in report.lines:
        to_date, forecast = line.year_to_date, line.forecast_variance
        cells = (
            line_label(line), *map(to_decimal_string, (to_date.budget, to_date.actual, to_date.variance)),
            to_date.variance_percent or "",
            *map(to_decimal_string, (line.full_year_budget, line.forecast, forecast.variance)),
            status(to_date),
        )  # fmt: skip
        lines.append({**dict(zip(BUDGET_HEADINGS, cells, strict=True)), "kind": "line"})
    return lines, list(BUDGET_HEADINGS), amounts


# ----------------------------------------------------------------------------------------------
# reading


Tables = dict[str, RawTable | None]


def _mapped(
    book: Workbook, specs: Sequence[TableSpec], progress: Progress
) -> tuple[Tables, AccountMap | None, list[Issue]]:
    """The tables ``specs`` read from ``book``, the ledger placed on Schedule III lines, and what the
    loader and the mapping found; no map when the book cannot be read as a ledger or has no
    ReportLines table."""
    progress("reading")
    tables = {spec.name: book.read_table(spec) for spec in specs}
    ledger, issues = load_ledger(tables)
    if has_fatal(issues):
        return tables, None, issues
    lines, line_issues = load_report_lines(tables[REPORT_LINES.name])
    issues += line_issues
    if has_fatal(issues):
        return tables, None, issues
    return tables, with_msme_creditors(map_accounts(ledger, lines), _msme_accounts(tables, ledger)), issues


def _msme_accounts(tables: Tables, ledger: Ledger) -> frozenset[str]:
    """The own accounts of the parties the Parties table marks MSME (none without the table; its
    issues are the trading checks' to report)."""
    table = tables.get(PARTIES.name)
    if table is None:
        return frozenset()
    codes = account_lookup(ledger.accounts["code"].tolist(), ledger.accounts["name"].tolist())
    parties, _, _ = load_parties(table, codes)
    return frozenset(str(a) for a in parties.loc[parties["msme"], "account"] if a)


def _refused(
    macro: str, issues: Sequence[Issue], clock: Stopwatch, account_map: AccountMap | None
) -> RunResult:
    """The result of a run that found the book unusable: its fatal issues, nothing made or written."""
    ledger = None if account_map is None else account_map.ledger
    found = sort_issues(list(issues))
    return RunResult(macro, tuple(found), Counts.of(ledger, found), clock.seconds)


def _columns(
    account_map: AccountMap,
    period: str | None,
    *,
    start: dt.date | None,
    end: dt.date | None,
    compare: Sequence[str],
    monthly: bool,
) -> StatementColumns:
    unknown = [c for c in compare if c not in COMPARISONS]
    if unknown:
        choices, wrong = " or ".join(COMPARISONS), ", ".join(unknown)
        raise CellValueError(
            Reason(f"compare with {choices}, not {wrong}", f"{wrong} नहीं, {choices} से तुलना करें")
        )
    today = dt.datetime.now().date()  # only when the book names no year and has no journal line
    chosen = chosen_period(account_map.ledger.settings, latest_day(account_map.posted), period,
                           start=start, end=end, today=today)  # fmt: skip
    return statement_columns(
        chosen, previous="previous" in compare, last_year="last-year" in compare, monthly=monthly,
        begins=books_begin(account_map.ledger.settings, account_map.posted),
    )  # fmt: skip


# ----------------------------------------------------------------------------------------------
# the macros


def statements_of(
    book: Workbook,
    *,
    write: bool,
    period: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    compare: Sequence[str] = (),
    monthly: bool = False,
    progress: Progress = no_progress,
) -> RunResult:
    """The three statements and the dashboard for ``period`` (text such as "Q1 2025-26", or the days
    ``start`` to ``end``; default the financial year), compared as ``compare`` says ("previous",
    "last-year"), with a column a month when ``monthly``; with ``write``, their sheets."""
    clock = Stopwatch()
    _, account_map, issues = _mapped(book, STATEMENT_TABLES, progress)
    if account_map is None:
        return _refused("statements", issues, clock, account_map)
    ledger = account_map.ledger
    try:
        columns = _columns(account_map, period, start=start, end=end, compare=compare, monthly=monthly)
    except ValueError as exc:  # CellValueError says why; else a comparative no calendar has (year 0)
        reason = exc.reason if isinstance(exc, CellValueError) else unreadable_period(period or "").reason
        note = BAD_PERIOD.format(reason=reason.en.rstrip("."), reason_hi=reason.hi.rstrip("।"))
        return RunResult("statements", (), Counts.of(ledger, []), clock.seconds, note=note)
    progress("reporting")
    run = StatementsRun(
        columns,
        profit_and_loss(account_map, columns.periods),
        balance_sheet(account_map, columns.days),
        cash_flow(account_map, columns.periods),
        dashboard(account_map, columns.year_months, columns.period),
    )
    issues = sort_issues([*issues, *account_map.issues, *(i for s in run.statements for i in s.issues)])
    written: tuple[str, ...] = ()
    if write:
        progress("writing")
        sheets = [statement_sheet(s, ledger.settings, columns.period) for s in run.statements]
        sheets.append(dashboard_sheet(run.dashboard, ledger.settings))
        for sheet in sheets:
            book.write_sheet(sheet)
        written = (*(s.name for s in sheets), *write_findings(book, ledger, issues, source=STATEMENTS))
    counts = Counts.of(ledger, issues)
    return RunResult(
        "statements", tuple(issues), counts, clock.seconds, report=run, written=written, all_checks=False,
        note=_not_available(columns),
    )  # fmt: skip


def _not_available(columns: StatementColumns) -> Text | None:
    """That the comparatives asked for before the books begin have no column; None when none."""
    if not columns.unavailable:
        return None
    periods = ", ".join(p.label for p in columns.unavailable)
    return NOT_AVAILABLE.format(periods=periods, day=day_text(columns.begins) if columns.begins else "")


def budget_of(
    book: Workbook, *, write: bool, as_of: dt.date | None = None, progress: Progress = no_progress
) -> RunResult:
    """The Budget table against the books, year to date up to ``as_of`` (default: the latest journal
    line of the financial year) and forecast for the whole year; with ``write``, its sheet."""
    clock = Stopwatch()
    tables, account_map, issues = _mapped(book, BUDGET_TABLES, progress)
    if account_map is None:
        return _refused("budget", issues, clock, account_map)
    ledger = account_map.ledger
    plan, budget_issues = load_budget(tables[BUDGET.name], account_map)
    issues = sort_issues([*issues, *budget_issues])
    if has_fatal(issues):
        return _refused("budget", issues, clock, account_map)
    progress("reporting")
    settings = ledger.settings
    year = settings.financial_year if as_of is None else fy_start_year(as_of, settings.fy_start_month)
    report = budget_vs_actual(account_map, plan, financial_year=year, as_of=as_of)
    written: tuple[str, ...] = ()
    if write:
        progress("writing")
        sheet = budget_sheet(report, ledger.settings)
        book.write_sheet(sheet)
        written = (sheet.name, *write_findings(book, ledger, issues, source=BUDGET_REVIEW))
    counts = Counts.of(ledger, issues)
    run = BudgetRun(report)
    return RunResult(
        "budget", tuple(issues), counts, clock.seconds, report=run, written=written, all_checks=False
    )
