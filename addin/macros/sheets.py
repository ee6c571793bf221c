"""Reports and issues as :class:`~addin.books.base.OwnedSheet` values, ready for any workbook adapter.

Every sheet opens with a title row naming the company and the financial year, then bilingual
headings ("Account / खाता"); both rows are bold and frozen (``header_rows`` = 2). Money is written
as numbers of rupees (:func:`~addin.engine.money.to_rupees`) formatted with
:data:`~addin.engine.money.INDIAN_NUMBER_FORMAT`, so Excel can still add them up. Every string that
came from the workbook passes through :func:`~addin.books.base.safe_text`, so nothing is written as
a formula.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, CellValue, OwnedSheet, safe_text
from addin.engine.cells import quote_sheet
from addin.engine.issues import Issue, Severity
from addin.engine.ledger import Ledger, Settings
from addin.engine.money import INDIAN_NUMBER_FORMAT, format_inr, to_rupees
from addin.engine.reports.day_book import DayBook
from addin.engine.reports.day_book import day_book as build_day_book
from addin.engine.reports.hierarchy import account_tree
from addin.engine.reports.lines import Dates, as_date, line_dates
from addin.engine.reports.statement import AccountStatement, account_statement
from addin.engine.reports.trial_balance import TrialBalance
from addin.engine.schema import (
    ACCOUNT_TYPES,
    DAY_BOOK_SHEET,
    ISSUES_SHEET,
    JOURNAL,
    STATEMENT_SHEET,
    TRIAL_BALANCE_SHEET,
)

DATE_FORMAT = "dd-mm-yyyy"
"""How dates are shown on owned sheets (the Indian day-month-year order)."""

INDENT = "    "
"""Put before an account's name once per level below the top of the hierarchy."""

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.FATAL: "Fatal / घातक",
    Severity.ERROR: "Error / त्रुटि",
    Severity.WARNING: "Warning / चेतावनी",
}
SEVERITY_ORDER: dict[Severity, int] = {Severity.FATAL: 0, Severity.ERROR: 1, Severity.WARNING: 2}
SEVERITY_FILLS: dict[Severity, str] = {
    Severity.FATAL: HIGHLIGHT_ERROR,
    Severity.ERROR: HIGHLIGHT_ERROR,
    Severity.WARNING: HIGHLIGHT_WARNING,
}


def financial_year_label(settings: Settings) -> str:
    """ "FY 2025-26 / वित्त वर्ष 2025-26", or "" when no year is set.

    >>> financial_year_label(Settings(financial_year=2025))
    'FY 2025-26 / वित्त वर्ष 2025-26'
    >>> financial_year_label(Settings(financial_year=2025, fy_start_month=1))
    'FY 2025 / वित्त वर्ष 2025'
    """
    year = settings.financial_year
    if year is None:
        return ""
    label = f"{year}-{(year + 1) % 100:02d}" if settings.fy_start_month > 1 else str(year)
    return f"FY {label} / वित्त वर्ष {label}"


def _title(settings: Settings, report: str, detail: str = "") -> list[CellValue]:
    parts = [settings.company, report, financial_year_label(settings), detail]
    return [safe_text(" — ".join(p for p in parts if p))]


def _period(start: dt.date | None, end: dt.date | None, *, as_of: bool = False) -> str:
    if as_of and end:
        return f"as of {end:%d-%m-%Y} / {end:%d-%m-%Y} तक"
    if start and end:
        return f"{start:%d-%m-%Y} to {end:%d-%m-%Y} / {start:%d-%m-%Y} से {end:%d-%m-%Y} तक"
    if start:
        return f"from {start:%d-%m-%Y} / {start:%d-%m-%Y} से"
    if end:
        return f"up to {end:%d-%m-%Y} / {end:%d-%m-%Y} तक"
    return ""


# --- how much of a long report goes into Excel ---------------------------------------------------

EXCEL_ROW_LIMIT = 10_000
"""The most report rows the ribbon's Day Book and Account Statement write into the workbook.

About 1.3 MB of Office.js response with English text (Excel on the web refuses more than 5 MB);
a longer report is cut to its latest days (see :func:`recent_start`), and ``bahi daybook`` / ``bahi ledger``
give the whole of it."""


def next_month(value: dt.date) -> dt.date:
    """The first day of the month after ``value``'s."""
    return dt.date(value.year + value.month // 12, value.month % 12 + 1, 1)


def recent_start(dates: Dates, limit: int | None = None, *, day_rows: int = 0) -> dt.date | None:
    """Where a report of the lines dated ``dates`` should start so that it fits in ``limit`` rows
    (default :data:`EXCEL_ROW_LIMIT`), counting ``day_rows`` more rows a day (a day-total row).

    None when every line fits (the whole report). Otherwise the earliest day from which the rest
    fits (whole days, never later than the last day) — moved on to the next first of a month when
    that still fills at least half the rows, so that a long report shows whole latest months.

    >>> days = np.array(["2025-04-30", "2025-05-02", "2025-05-20", "2025-05-20"], dtype="datetime64[ns]")
    >>> recent_start(days, 10) is None
    True
    >>> recent_start(days, 3)
    datetime.date(2025, 5, 2)
    >>> recent_start(days, 2, day_rows=1)
    datetime.date(2025, 5, 20)
    >>> months = ["2025-04-10", "2025-04-20", "2025-05-01", "2025-05-03", "2025-05-03"]
    >>> recent_start(np.array(months, dtype="datetime64[ns]"), 4)
    datetime.date(2025, 5, 1)
    """
    limit = EXCEL_ROW_LIMIT if limit is None else limit
    days, counts = _lines_a_day(dates)
    if len(days) == 0:
        return None
    from_day = np.cumsum((counts + day_rows)[::-1])[::-1]  # rows from each day to the end
    if from_day[0] <= limit:
        return None
    fitting = np.flatnonzero(from_day <= limit)
    if len(fitting) == 0:
        return as_date(days[-1])
    start = as_date(days[fitting[0]])
    if start.day == 1:
        return start
    month = next_month(start)
    later = np.flatnonzero(days >= np.datetime64(month, "D"))
    return month if len(later) and from_day[later[0]] >= limit // 2 else start


def _lines_a_day(dates: Dates) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.int64]]:
    """The days that have lines, in order, and how many lines each: counted by day number
    (:func:`numpy.bincount`), not by sorting every line's date.

    >>> dates = np.array(["2025-05-02", "NaT", "2025-04-30", "2025-05-02"], dtype="datetime64[ns]")
    >>> days, counts = _lines_a_day(dates)
    >>> [str(d) for d in days], counts.tolist()
    (['2025-04-30', '2025-05-02'], [1, 2])
    """
    numbers = dates[~np.isnat(dates)].astype("datetime64[D]").astype(np.int64)
    if len(numbers) == 0:
        return np.zeros(0, dtype="datetime64[D]"), np.zeros(0, dtype=np.int64)
    first = int(numbers.min())
    per_day = np.bincount(numbers - first)
    present = np.flatnonzero(per_day)
    return (present + first).astype("datetime64[D]"), per_day[present].astype(np.int64)


LATEST_ONLY_DAY_BOOK = (
    "latest period only; the whole day book: bahi daybook / केवल नवीनतम अवधि; पूरा रोज़नामचा: bahi daybook"
)
LATEST_ONLY_STATEMENT = (
    "latest period only; the whole statement: bahi ledger / केवल नवीनतम अवधि; पूरा विवरण: bahi ledger"
)


def recent_day_book(ledger: Ledger, limit: int | None = None) -> DayBook:
    """The day book, or its latest period (:func:`recent_start`) when the whole would pass ``limit`` rows."""
    dates = line_dates(ledger.journal)
    known = (ledger.journal["account"].fillna("") != "").to_numpy(dtype=bool)
    return build_day_book(ledger, start=recent_start(dates[known], limit, day_rows=1))


def recent_statement(ledger: Ledger, account: str, limit: int | None = None) -> AccountStatement:
    """An account's statement, or its latest period when the whole would pass ``limit`` lines; the
    opening balance then takes in everything before it."""
    tree = account_tree(ledger.accounts)
    code = tree.find(account)
    if code is None:
        return account_statement(ledger, account)
    mine = ledger.journal["account"].isin((code, *tree.descendants(code))).to_numpy(dtype=bool)
    return account_statement(ledger, account, start=recent_start(line_dates(ledger.journal)[mine], limit))


def _money_formats(columns: Sequence[int]) -> dict[int, str]:
    return dict.fromkeys(columns, INDIAN_NUMBER_FORMAT)


def _type_label(kind: str) -> str:
    return f"{kind} / {ACCOUNT_TYPES[kind]}" if kind in ACCOUNT_TYPES else kind


def _journal_link(row: int) -> str:
    return f"#{quote_sheet(JOURNAL.sheet)}!A{row}"


# --- trial balance ---------------------------------------------------------------------------

TRIAL_BALANCE_HEADINGS: tuple[str, ...] = (
    "Code / कोड",
    "Account / खाता",
    "Type / प्रकार",
    "Opening / प्रारंभिक शेष",
    "Debit / नामे",
    "Credit / जमा",
    "Closing / अंतिम शेष",
)


def balance_line(tb: TrialBalance, settings: Settings) -> str:
    """Whether the trial balance agrees, in both languages."""
    if tb.balanced:
        return "Balanced: debits equal credits / संतुलित: नामे और जमा बराबर हैं"
    difference = format_inr(tb.difference, settings.currency_symbol)
    return f"Does not balance: difference {difference} / संतुलित नहीं: अंतर {difference}"


def trial_balance_sheet(tb: TrialBalance, settings: Settings) -> OwnedSheet:
    """The Trial Balance sheet: one row an account, indented by level, groups bold, then totals."""
    detail = _period(tb.period_start, tb.as_of, as_of=tb.period_start is None)
    rows: list[list[CellValue]] = [
        _title(settings, "Trial Balance / तलपट", detail),
        list(TRIAL_BALANCE_HEADINGS),
    ]
    bold = {0, 1}
    for r in tb.rows:
        if r.is_group:
            bold.add(len(rows))
        rows.append(
            [
                safe_text(r.account),
                safe_text(INDENT * r.level + r.name),
                safe_text(_type_label(r.type)),
                to_rupees(r.opening),
                to_rupees(r.debit),
                to_rupees(r.credit),
                to_rupees(r.closing),
            ]
        )
    t = tb.totals
    bold.add(len(rows))
    rows.append(
        [
            "",
            "Total / योग",
            "",
            to_rupees(t.opening),
            to_rupees(t.debit),
            to_rupees(t.credit),
            to_rupees(t.closing),
        ]
    )
    rows.append([balance_line(tb, settings)])
    fills = {} if tb.balanced else {(len(rows) - 1, 0): HIGHLIGHT_ERROR}
    return OwnedSheet(
        name=TRIAL_BALANCE_SHEET,
        rows=rows,
        header_rows=2,
        number_formats=_money_formats(range(3, 7)),
        widths={0: 10, 1: 36, 2: 18, 3: 16, 4: 16, 5: 16, 6: 16},
        bold_rows=frozenset(bold),
        fills=fills,
    )


# --- account statement -----------------------------------------------------------------------

STATEMENT_HEADINGS: tuple[str, ...] = (
    "Date / दिनांक",
    "Voucher / वाउचर",
    "Account / खाता",
    "Narration / विवरण",
    "Counter account / प्रति खाता",
    "Debit / नामे",
    "Credit / जमा",
    "Balance / शेष",
    "Row / पंक्ति",
)


def statement_sheet(statement: AccountStatement, settings: Settings, *, latest: bool = False) -> OwnedSheet:
    """The Account Statement sheet: opening balance, lines with a running balance, closing totals.

    The Row column links to the line on the Journal sheet. An unknown account gives a sheet that
    says so. ``latest`` says in the title that only the latest period is shown.
    """
    if not statement.found:
        text = safe_text(statement.query)
        return OwnedSheet(
            name=STATEMENT_SHEET,
            rows=[
                _title(settings, "Account Statement / खाता विवरण"),
                [f"Account not found / खाता नहीं मिला: {text}"],
            ],
            header_rows=1,
            bold_rows=frozenset({0}),
            fills={(1, 0): HIGHLIGHT_ERROR},
        )
    account = f"{statement.account} {statement.name}".strip()
    detail = " ".join(p for p in (account, _period(statement.start, statement.end)) if p)
    if latest:
        detail += f" ({LATEST_ONLY_STATEMENT})"
    rows: list[list[CellValue]] = [
        _title(settings, "Account Statement / खाता विवरण", detail),
        list(STATEMENT_HEADINGS),
        [
            statement.start,
            "",
            "",
            "Opening balance / प्रारंभिक शेष",
            "",
            None,
            None,
            to_rupees(statement.opening),
            None,
        ],
    ]
    links: dict[tuple[int, int], str] = {}
    for line in statement.lines:
        links[(len(rows), 8)] = _journal_link(line.row)
        rows.append(
            [
                line.date,
                safe_text(line.voucher),
                safe_text(line.account),
                safe_text(line.narration),
                safe_text(line.counter_account),
                to_rupees(line.debit),
                to_rupees(line.credit),
                to_rupees(line.balance),
                line.row,
            ]
        )
    closing_row = len(rows)
    rows.append(
        [
            statement.end,
            "",
            "",
            "Closing balance / अंतिम शेष",
            "",
            to_rupees(statement.debit),
            to_rupees(statement.credit),
            to_rupees(statement.closing),
            None,
        ]
    )
    return OwnedSheet(
        name=STATEMENT_SHEET,
        rows=rows,
        header_rows=2,
        number_formats={0: DATE_FORMAT, **_money_formats((5, 6, 7))},
        links=links,
        widths={0: 12, 1: 12, 2: 10, 3: 40, 4: 24, 5: 16, 6: 16, 7: 16, 8: 8},
        bold_rows=frozenset({0, 1, 2, closing_row}),
    )


# --- day book --------------------------------------------------------------------------------

DAY_BOOK_HEADINGS: tuple[str, ...] = (
    "Date / दिनांक",
    "Voucher / वाउचर",
    "Code / कोड",
    "Account / खाता",
    "Narration / विवरण",
    "Debit / नामे",
    "Credit / जमा",
    "Row / पंक्ति",
)


def day_book_sheet(day_book: DayBook, settings: Settings, *, latest: bool = False) -> OwnedSheet:
    """The Day Book sheet: each day's vouchers and their lines, a total row a day, a grand total.

    ``latest`` says in the title that only the latest period is shown."""
    detail = _period(day_book.start, day_book.end)
    if latest:
        detail += f" ({LATEST_ONLY_DAY_BOOK})"
    rows: list[list[CellValue]] = [
        _title(settings, "Day Book / दैनिक बही", detail),
        list(DAY_BOOK_HEADINGS),
    ]
    bold = {0, 1}
    links: dict[tuple[int, int], str] = {}
    for day in day_book.days:
        for voucher in day.vouchers:
            for line in voucher.lines:
                links[(len(rows), 7)] = _journal_link(line.row)
                rows.append(
                    [
                        day.date,
                        safe_text(voucher.voucher),
                        safe_text(line.account),
                        safe_text(line.name),
                        safe_text(line.narration),
                        to_rupees(line.debit),
                        to_rupees(line.credit),
                        line.row,
                    ]
                )
        bold.add(len(rows))
        rows.append(
            [
                day.date,
                "",
                "",
                "Day total / दिन का योग",
                "",
                to_rupees(day.debit),
                to_rupees(day.credit),
                None,
            ]
        )
    bold.add(len(rows))
    rows.append(
        [None, "", "", "Total / योग", "", to_rupees(day_book.debit), to_rupees(day_book.credit), None]
    )
    return OwnedSheet(
        name=DAY_BOOK_SHEET,
        rows=rows,
        header_rows=2,
        number_formats={0: DATE_FORMAT, **_money_formats((5, 6))},
        links=links,
        widths={0: 12, 1: 12, 2: 10, 3: 28, 4: 40, 5: 16, 6: 16, 7: 8},
        bold_rows=frozenset(bold),
    )


# --- issues ----------------------------------------------------------------------------------

ISSUE_HEADINGS: tuple[str, ...] = (
    "Severity / गंभीरता",
    "Rule / नियम",
    "Sheet / शीट",
    "Cell / सेल",
    "Column / कॉलम",
    "Value / मान",
)
MESSAGE_HEADINGS_EN: tuple[str, ...] = ("Message", "संदेश", "Fix", "सुधार")
MESSAGE_HEADINGS_HI: tuple[str, ...] = ("संदेश", "Message", "सुधार", "Fix")


def issue_summary(issues: Sequence[Issue]) -> list[CellValue]:
    """The top row of the Issues sheet: how many issues of each severity."""
    counts = Counter(i.severity for i in issues)
    row: list[CellValue] = []
    for severity in SEVERITY_ORDER:
        row.extend([SEVERITY_LABELS[severity], counts.get(severity, 0)])
    return row


def issues_sheet(issues: list[Issue], settings: Settings) -> OwnedSheet:
    """The Issues sheet: a failure-case table, one row a finding, most severe first.

    Row 0 counts the findings by severity; row 1 holds the headings. The Cell column links to the
    cell (``#'Journal'!C12``). With ``settings.language == "hi"`` the Hindi message and fix come
    before the English ones.
    """
    hindi_first = settings.language.strip().casefold() == "hi"
    rows: list[list[CellValue]] = [
        issue_summary(issues),
        [*ISSUE_HEADINGS, *(MESSAGE_HEADINGS_HI if hindi_first else MESSAGE_HEADINGS_EN)],
    ]
    links: dict[tuple[int, int], str] = {}
    fills: dict[tuple[int, int], str] = {}
    for issue in sorted(issues, key=lambda i: SEVERITY_ORDER[i.severity]):
        here = len(rows)
        if issue.sheet and issue.cell:
            links[(here, 3)] = f"#{quote_sheet(issue.sheet)}!{issue.cell}"
        fills[(here, 0)] = SEVERITY_FILLS[issue.severity]
        messages = (
            (issue.message_hi, issue.message_en, issue.fix_hi, issue.fix_en)
            if hindi_first
            else (issue.message_en, issue.message_hi, issue.fix_en, issue.fix_hi)
        )
        rows.append(
            [
                SEVERITY_LABELS[issue.severity],
                safe_text(issue.rule),
                safe_text(issue.sheet),
                safe_text(issue.cell),
                safe_text(issue.column),
                safe_text(issue.value),
                *(safe_text(m) for m in messages),
            ]
        )
    if not issues:
        rows.append(["No issues found / कोई समस्या नहीं मिली"])
    return OwnedSheet(
        name=ISSUES_SHEET,
        rows=rows,
        header_rows=2,
        links=links,
        widths={0: 18, 1: 22, 2: 14, 3: 8, 4: 14, 5: 18, 6: 48, 7: 48, 8: 40, 9: 40},
        bold_rows=frozenset({0, 1}),
        fills=fills,
    )
