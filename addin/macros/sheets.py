"""Reports and issues as :class:`~addin.books.base.OwnedSheet` values, ready for any workbook adapter.

Every sheet opens with a title row naming the company and the financial year, then bilingual
headings ("Account / खाता"); both rows are bold, frozen and repeated on every printed page
(``header_rows`` = 2). Amounts are shown as accountants read them: never with a minus, a balance in
a Dr or a Cr column (the trial balance) or as an amount and its side (a running balance), written
as numbers of rupees (:func:`~addin.engine.money.to_rupees`) in the lakh-grouped
:data:`~addin.engine.money.INR_FORMAT`, so Excel can still add them up. Dates are dd/mm/yyyy.

Strings are written as they are: each adapter keeps workbook text from being read as a formula.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from addin.books.base import DATE_FORMAT, HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, CellValue, OwnedSheet
from addin.engine.cells import quote_sheet
from addin.engine.issues import Issue, Severity
from addin.engine.ledger import Ledger, Settings
from addin.engine.messages import listed_issue
from addin.engine.money import INR_FORMAT, SIDE_HEADING, format_inr, side, to_rupees
from addin.engine.reports.day_book import DayBook, DayBookLine
from addin.engine.reports.day_book import day_book as build_day_book
from addin.engine.reports.hierarchy import account_tree
from addin.engine.reports.lines import Dates, as_date, in_range, line_dates, report_period
from addin.engine.reports.statement import AccountStatement, account_statement
from addin.engine.reports.trial_balance import (
    DIFFERENCE_OPENINGS,
    LISTED_VOUCHERS,
    SUSPENSE_LABEL,
    TRIAL_BALANCE_COLUMNS,
    WITHOUT_VOUCHER,
    TrialBalance,
    TrialBalanceRow,
    difference_label,
)
from addin.engine.schema import (
    ACCOUNT_TYPES,
    DAY_BOOK_SHEET,
    ISSUES_SHEET,
    JOURNAL,
    STATEMENT_SHEET,
    TRIAL_BALANCE_SHEET,
)
from addin.messages import DAY_BOOK, row_label

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
    return [" — ".join(p for p in parts if p)]


def shown_date(value: dt.date) -> str:
    """A date as every sheet shows it, dd/mm/yyyy.

    >>> shown_date(dt.date(2025, 4, 1))
    '01/04/2025'
    """
    return f"{value:%d/%m/%Y}"


def _period(start: dt.date | None, end: dt.date | None, *, as_of: bool = False) -> str:
    if as_of and end:
        return f"as of {shown_date(end)} / {shown_date(end)} तक"
    if start and end:
        a, b = shown_date(start), shown_date(end)
        return f"{a} to {b} / {a} से {b} तक"
    if start:
        return f"from {shown_date(start)} / {shown_date(start)} से"
    if end:
        return f"up to {shown_date(end)} / {shown_date(end)} तक"
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
    "latest period only; the whole day book: bahi daybook / केवल नवीनतम अवधि; पूरी दैनिक बही: bahi daybook"
)
LATEST_ONLY_STATEMENT = (
    "latest period only; the whole statement: bahi ledger / केवल नवीनतम अवधि; पूरा विवरण: bahi ledger"
)


def recent_day_book(ledger: Ledger, limit: int | None = None) -> DayBook:
    """The day book of the financial year (:func:`report_period`), or its latest period
    (:func:`recent_start`) when the whole would pass ``limit`` rows; ``latest`` then says so."""
    start, end = report_period(ledger.settings)
    dates = line_dates(ledger.journal)
    cut = recent_start(dates[in_range(dates, start, end)], limit, day_rows=1)
    book = build_day_book(ledger, start=cut or start, end=end)
    return replace(book, latest=cut is not None)


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
    return dict.fromkeys(columns, INR_FORMAT)


def rupees(paise: int) -> float | None:
    """A non-negative amount as a cell: rupees, or blank for nil (how a Dr or Cr column reads)."""
    return to_rupees(paise) if paise else None


def _type_label(kind: str) -> str:
    return f"{kind} / {ACCOUNT_TYPES[kind]}" if kind in ACCOUNT_TYPES else kind


def _journal_link(row: int) -> str:
    return f"#{quote_sheet(JOURNAL.sheet)}!A{row}"


ISSUES_LINK = f"#{quote_sheet(ISSUES_SHEET)}!A1"



# --- trial balance ---------------------------------------------------------------------------

TRIAL_BALANCE_HEADINGS: tuple[str, ...] = TRIAL_BALANCE_COLUMNS


VERDICT_WIDTH = 130
"""The longest line under the Trial Balance's totals, in characters: within the table's width."""


def _fitting(names: Sequence[str], width: int) -> list[str]:
    """The first names that, joined by ", ", take at most ``width`` characters (at least one).

    >>> _fitting(["CP-0044", "CP-0067", "CP-0076"], 16)
    ['CP-0044', 'CP-0067']
    """
    kept: list[str] = []
    for name in names:
        if kept and len(", ".join([*kept, name])) > width:
            break
        kept.append(name)
    return kept


def balance_lines(tb: TrialBalance, settings: Settings) -> tuple[str, ...]:
    """Whether the trial balance agrees, in both languages, naming the heavier side, the vouchers
    that do not balance and the suspense row when it holds a balance: short lines (one a row under
    the totals), so none runs past the table's width and shrinks the printed page.

    >>> from addin.engine.reports.trial_balance import _example_ledger, trial_balance
    >>> balance_lines(trial_balance(_example_ledger()), Settings())
    ('Balanced: debits equal credits / संतुलित: नामे और जमा बराबर हैं',)
    """
    if not tb.balanced:
        amount = format_inr(abs(tb.difference), settings.currency_symbol)
        heavier, lighter = ("Dr", "Cr") if tb.difference > 0 else ("Cr", "Dr")
        heavier_hi, lighter_hi = ("नामे", "जमा") if tb.difference > 0 else ("जमा", "नामे")
        listed = _fitting(tb.unbalanced_vouchers[:LISTED_VOUCHERS], VERDICT_WIDTH - 50)
        vouchers = ", ".join(listed)
        more = len(tb.unbalanced_vouchers) - len(listed)
        more_en, more_hi = (f" and {more} more", f" और {more} अन्य") if more > 0 else ("", "")
        blank_en, blank_hi = WITHOUT_VOUCHER if tb.unbalanced_without_voucher else ("", "")
        causes_en = [c for c in (vouchers + more_en, blank_en) if c]
        causes_hi = [c for c in (vouchers + more_hi, blank_hi) if c]
        cause_en = f"Vouchers that do not balance: {'; '.join(causes_en)} (see Issues)."
        cause_hi = f"असंतुलित वाउचर: {'; '.join(causes_hi)} (Issues देखें)।"
        if tb.difference_from_openings:
            cause_en, cause_hi = f"{DIFFERENCE_OPENINGS[0]}.", f"{DIFFERENCE_OPENINGS[1]}।"
        return (
            f"Does not balance: the accounts' {heavier} exceed their {lighter} by {amount}, shown on the "
            "difference row so the totals tie.",
            cause_en,
            f"संतुलित नहीं: खातों का {heavier_hi}, {lighter_hi} से {amount} अधिक है, जो अंतर की पंक्ति में है "
            "ताकि योग मिलें।",
            cause_hi,
        )
    if tb.suspense is not None and tb.suspense.closing:
        n = tb.unposted_lines
        return (
            f"Debits equal credits only with the suspense row: {n} journal line(s) could not be posted "
            "(see Issues).",
            f"नामे और जमा केवल उचंत पंक्ति सहित बराबर: {n} पंक्ति(याँ) दर्ज नहीं हो सकीं (Issues देखें)।",
        )
    return ("Balanced: debits equal credits / संतुलित: नामे और जमा बराबर हैं",)


def _trial_balance_row(r: TrialBalanceRow, *, openings: bool = False) -> list[CellValue]:
    """A row's cells; the difference row is named briefly (its vouchers are listed under the totals);
    ``openings``: the difference comes from the Accounts table's opening balances alone."""
    name = INDENT * r.level + r.name
    if r.is_suspense or r.is_difference:
        name = SUSPENSE_LABEL if r.is_suspense else difference_label((), openings_differ=openings)
    return [r.account, name, _type_label(r.type), *(rupees(a) for a in r.amounts())]


def trial_balance_sheet(tb: TrialBalance, settings: Settings) -> OwnedSheet:
    """The Trial Balance sheet: one row an account, indented by level, groups bold; opening and
    closing balances in Dr and Cr columns; the suspense row of unposted lines and the difference
    row naming the vouchers that do not balance (both linked to the Issues sheet) when there are
    any; then column totals that tie, and whether the books agree."""
    detail = _period(tb.period_start, tb.as_of, as_of=tb.period_start is None)
    rows: list[list[CellValue]] = [
        _title(settings, "Trial Balance / तलपट", detail),
        list(TRIAL_BALANCE_HEADINGS),
    ]
    bold = {0, 1}
    fills: dict[tuple[int, int], str] = {}
    links: dict[tuple[int, int], str] = {}
    for r in tb.display_rows:
        if r.is_group:
            bold.add(len(rows))
        if r.is_suspense or r.is_difference:
            colour = HIGHLIGHT_ERROR if r.is_difference else HIGHLIGHT_WARNING
            fills.update({(len(rows), c): colour for c in range(len(TRIAL_BALANCE_HEADINGS))})
            links[(len(rows), 1)] = ISSUES_LINK
        rows.append(_trial_balance_row(r, openings=tb.difference_from_openings))
    bold.add(len(rows))
    rows.append(["", "Total / योग", "", *(to_rupees(a) for a in tb.shown_totals)])
    for line in balance_lines(tb, settings):
        rows.append([line])
        if not tb.balanced:
            fills[(len(rows) - 1, 0)] = HIGHLIGHT_ERROR
    return OwnedSheet(
        name=TRIAL_BALANCE_SHEET,
        rows=rows,
        header_rows=2,
        number_formats=_money_formats(range(3, 9)),
        links=links,
        widths={0: 8, 1: 40, 2: 17, **dict.fromkeys(range(3, 9), 15.5)},
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
    SIDE_HEADING,
    "Row / पंक्ति",
)


def _balance(paise: int) -> list[CellValue]:
    """A running balance as two cells: the amount (never negative) and its side, Dr or Cr."""
    return [to_rupees(abs(paise)), side(paise)]


def statement_sheet(statement: AccountStatement, settings: Settings, *, latest: bool = False) -> OwnedSheet:
    """The Account Statement sheet: opening balance, lines with a running balance (amount and
    Dr/Cr), closing totals.

    The Row column links to the line on the Journal sheet. An unknown account gives a sheet that
    says so. ``latest`` says in the title that only the latest period is shown.
    """
    if not statement.found:
        return OwnedSheet(
            name=STATEMENT_SHEET,
            rows=[
                _title(settings, "Account Statement / खाता विवरण"),
                [f"Account not found / खाता नहीं मिला: {statement.query}"],
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
            statement.opening_date,
            "",
            "",
            row_label("opening-balance"),
            "",
            None,
            None,
            *_balance(statement.opening),
            None,
        ],
    ]
    links: dict[tuple[int, int], str] = {}
    for line in statement.lines:
        links[(len(rows), 9)] = _journal_link(line.row)
        rows.append(
            [
                line.date,
                line.voucher,
                line.account,
                line.narration,
                line.counter_account,
                rupees(line.debit),
                rupees(line.credit),
                *_balance(line.balance),
                line.row,
            ]
        )
    closing_row = len(rows)
    rows.append(
        [
            statement.closing_date,
            "",
            "",
            row_label("closing-balance"),
            "",
            to_rupees(statement.debit),
            to_rupees(statement.credit),
            *_balance(statement.closing),
            None,
        ]
    )
    return OwnedSheet(
        name=STATEMENT_SHEET,
        rows=rows,
        header_rows=2,
        number_formats={0: DATE_FORMAT, **_money_formats((5, 6, 7))},
        links=links,
        widths={0: 11, 1: 11, 2: 9, 3: 46, 4: 22, 5: 15, 6: 15, 7: 15.5, 8: 8, 9: 7},
        bold_rows=frozenset({0, 1, 2, closing_row}),
        wrap_columns=frozenset({3, 4}),  # narration and counter account: rows grow, print never cuts
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
NOT_POSTED = "Not posted: unknown account / दर्ज नहीं: अज्ञात खाता"
UNDATED_HEADING = row_label("undated")


def _day_book_line(line: DayBookLine, date: dt.date | None, voucher: str) -> list[CellValue]:
    name = line.name or ("" if line.posted or date is None else NOT_POSTED)
    return [
        date,
        voucher,
        line.account,
        name,
        line.narration,
        rupees(line.debit),
        rupees(line.credit),
        line.row,
    ]


def day_book_sheet(day_book: DayBook, settings: Settings, *, latest: bool = False) -> OwnedSheet:
    """The Day Book sheet: each day's vouchers and their lines, a total row a day, the lines without
    a readable date, and a grand total that ties to the Journal's totals.

    A line that could not be posted (unknown account, unreadable date) is shown and marked in red.
    ``latest`` says in the title that only the latest period is shown."""
    detail = _period(day_book.start, day_book.end)
    if latest:
        detail += f" ({LATEST_ONLY_DAY_BOOK})"
    rows: list[list[CellValue]] = [
        _title(settings, DAY_BOOK.titled(), detail),
        list(DAY_BOOK_HEADINGS),
    ]
    bold = {0, 1}
    links: dict[tuple[int, int], str] = {}
    fills: dict[tuple[int, int], str] = {}

    def add(line: DayBookLine, date: dt.date | None, voucher: str) -> None:
        here = len(rows)
        links[(here, 7)] = _journal_link(line.row)
        if not line.posted:
            fills.update({(here, 2): HIGHLIGHT_ERROR, (here, 3): HIGHLIGHT_ERROR})
            if date is None:
                fills[(here, 0)] = HIGHLIGHT_ERROR
        rows.append(_day_book_line(line, date, voucher))

    for day in day_book.days:
        for voucher in day.vouchers:
            for line in voucher.lines:
                add(line, day.date, voucher.voucher)
        bold.add(len(rows))
        rows.append(
            [
                day.date,
                "",
                "",
                row_label("day-total"),
                "",
                to_rupees(day.debit),
                to_rupees(day.credit),
                None,
            ]
        )
    if day_book.undated:
        bold.add(len(rows))
        rows.append(["", "", "", UNDATED_HEADING])
        for line in day_book.undated:
            add(line, None, line.voucher)
        debit, credit = sum(x.debit for x in day_book.undated), sum(x.credit for x in day_book.undated)
        bold.add(len(rows))
        rows.append(
            [None, "", "", row_label("undated-total"), "", to_rupees(debit), to_rupees(credit), None]
        )
    bold.add(len(rows))
    rows.append(
        [
            None,
            "",
            "",
            row_label("grand-total"),
            "",
            to_rupees(day_book.debit),
            to_rupees(day_book.credit),
            None,
        ]
    )
    return OwnedSheet(
        name=DAY_BOOK_SHEET,
        rows=rows,
        header_rows=2,
        number_formats={0: DATE_FORMAT, **_money_formats((5, 6))},
        links=links,
        widths={0: 11, 1: 11, 2: 9, 3: 26, 4: 50, 5: 15, 6: 15, 7: 7},
        bold_rows=frozenset(bold),
        fills=fills,
        wrap_columns=frozenset({3, 4}),  # account and narration: rows grow, print never cuts
    )


# --- issues ----------------------------------------------------------------------------------

VALIDATE = "validate"
"""The source of the ledger's checks' issues (Validate, and every report that runs the checks)."""
RECONCILE = "reconcile"
"""The source of bank reconciliation's issues."""
IMPORT = "import"
"""The source of a bank statement import's issues."""
POST = "post"
"""The source of the trade tables' issues (Post: sales, purchases, receipts, payments)."""
AUDIT = "audit"
"""The source of the audit trail's issues (locked vouchers not as recorded, a broken chain)."""
GST_RETURNS = "gst-returns"
"""The source of GST Returns' issues (GSTR-1 and GSTR-3B)."""
GSTR2B = "gstr2b"
"""The source of GSTR-2B Reconcile's issues."""
SOURCE_LABELS: dict[str, str] = {
    VALIDATE: "Validate / जाँच",
    RECONCILE: "Reconcile / बैंक मिलान",
    IMPORT: "Import / आयात",
    POST: "Post / पोस्ट",
    AUDIT: "Audit trail / ऑडिट निशान",
    GST_RETURNS: "GST Returns / जीएसटी रिटर्न",
    GSTR2B: "GSTR-2B Reconcile / 2बी मिलान",
}
"""What the Issues sheet's "Found by" column says for each source (read back by its English part)."""
STATEMENTS = "statements"
"""The source of the financial statements' issues (the ReportLines mapping, books that do not balance)."""
BUDGET_REVIEW = "budget"
"""The source of budget against actual's issues (the Budget table)."""
SOURCE_LABELS.update({STATEMENTS: "Statements / वित्तीय विवरण", BUDGET_REVIEW: "Budget / बजट"})

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
FOUND_BY_HEADING = "Found by / स्रोत"


@dataclass(frozen=True, slots=True)
class ListedIssue:
    """One row of the Issues sheet: an issue and the source (macro) that found it and owns it."""

    source: str
    issue: Issue


def _english(heading: object) -> str:
    """The English part of a bilingual heading or label, folded: "Cell / सेल" -> "cell"."""
    return str(heading or "").split("/")[0].strip().casefold()


def issue_summary(issues: Sequence[Issue]) -> list[CellValue]:
    """The top row of the Issues sheet: how many issues of each severity, in one cell.

    >>> issue_summary([])
    ['Fatal / घातक: 0 · Error / त्रुटि: 0 · Warning / चेतावनी: 0']
    """
    counts = Counter(i.severity for i in issues)
    return [" · ".join(f"{SEVERITY_LABELS[s]}: {counts.get(s, 0)}" for s in SEVERITY_ORDER)]


def issues_sheet(issues: Sequence[Issue | ListedIssue], settings: Settings) -> OwnedSheet:
    """The Issues sheet: a failure-case table, one row a finding, most severe first.

    Row 0 counts the findings by severity; row 1 holds the headings. The Cell column links to the
    cell (``#'Journal'!C12``); the last column says which macro found it (an :class:`Issue` given
    without one was found by Validate). Messages and fixes wrap. With ``settings.language == "hi"``
    the Hindi message and fix come before the English ones.
    """
    listed = [i if isinstance(i, ListedIssue) else ListedIssue(VALIDATE, i) for i in issues]
    hindi_first = settings.language.strip().casefold() == "hi"
    rows: list[list[CellValue]] = [
        issue_summary([x.issue for x in listed]),
        [*ISSUE_HEADINGS, *(MESSAGE_HEADINGS_HI if hindi_first else MESSAGE_HEADINGS_EN), FOUND_BY_HEADING],
    ]
    links: dict[tuple[int, int], str] = {}
    fills: dict[tuple[int, int], str] = {}
    for source, issue in (
        (x.source, x.issue) for x in sorted(listed, key=lambda x: SEVERITY_ORDER[x.issue.severity])
    ):
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
                issue.rule,
                issue.sheet,
                issue.cell,
                issue.column,
                issue.value,
                *messages,
                SOURCE_LABELS.get(source, source),
            ]
        )
    if not listed:
        rows.append(["No issues found / कोई समस्या नहीं मिली"])
    return OwnedSheet(
        name=ISSUES_SHEET,
        rows=rows,
        header_rows=2,
        links=links,
        widths={0: 10, 1: 21, 2: 9, 3: 7, 4: 10, 5: 11, 6: 26, 7: 26, 8: 26, 9: 26, 10: 11},
        bold_rows=frozenset({0, 1}),
        fills=fills,
        wrap_columns=frozenset({0, 6, 7, 8, 9, 10}),
    )


def listed_issues(rows: Sequence[Sequence[CellValue]] | None) -> list[ListedIssue]:
    """The issues an Issues sheet lists (the inverse of :func:`issues_sheet`), found by its headings.

    A row whose "Found by" cell is empty or unknown, or a sheet without that column (written by an
    older Bahi), gives nothing: such rows are stale, and the next run of their macro lists them again.
    """
    rows = [list(r) for r in rows or []]
    at = next((i for i, row in enumerate(rows[:5]) if _is_issue_heading(row)), None)
    if at is None:
        return []
    folded = [_english(h) for h in rows[at]]
    column = {name: folded.index(name) for name in folded if name}
    column.update(
        {str(h).strip(): c for c, h in enumerate(rows[at]) if str(h or "").strip() in ("संदेश", "सुधार")}
    )
    severities = {_english(label): severity for severity, label in SEVERITY_LABELS.items()}
    sources = {_english(label): source for source, label in SOURCE_LABELS.items()}

    def cell(row: list[CellValue], name: str) -> str:
        c = column.get(name)
        value = row[c] if c is not None and c < len(row) else None
        return "" if value is None else str(value)

    found: list[ListedIssue] = []
    for row in rows[at + 1 :]:
        severity = severities.get(_english(cell(row, "severity")))
        source = sources.get(_english(cell(row, "found by")))
        if severity is None or source is None:
            continue
        record = {field: cell(row, name) for field, name in _LISTED_FIELDS.items()}
        if (issue := listed_issue(record)) is not None:
            found.append(ListedIssue(source, issue))
    return found


_LISTED_FIELDS = {
    "rule": "rule",
    "sheet": "sheet",
    "cell": "cell",
    "column": "column",
    "value": "value",
    "message_en": "message",
    "message_hi": "संदेश",
    "fix_en": "fix",
    "fix_hi": "सुधार",
}
"""Issue fields (as :meth:`~addin.engine.issues.Issue.as_dict` names them) and the Issues sheet's
column each is read from."""


def _is_issue_heading(row: Sequence[CellValue]) -> bool:
    folded = {_english(h) for h in row}
    return {"rule", "cell", "found by"} <= folded


def merged_issues(previous: Sequence[ListedIssue], source: str, issues: Sequence[Issue]) -> list[ListedIssue]:
    """What the Issues sheet lists after ``source`` found ``issues``: its own earlier rows give way
    to these; other sources' rows stay, and a new row that says what one of them says (the same
    rule, cell and message: a loader's finding that Validate and Reconcile both report) is not
    listed twice.

    >>> def found(rule, cell): return Issue(rule, Severity.ERROR, "Journal", cell, "", "", rule, rule)
    >>> before = [ListedIssue(VALIDATE, found("a", "C1")), ListedIssue(RECONCILE, found("b", "C2"))]
    >>> again = [found("a", "C1"), found("c", "C3")]
    >>> [(x.source, x.issue.rule) for x in merged_issues(before, RECONCILE, again)]
    [('validate', 'a'), ('reconcile', 'c')]
    >>> [(x.source, x.issue.rule) for x in merged_issues(before, VALIDATE, [])]
    [('reconcile', 'b')]
    """
    kept = [x for x in previous if x.source != source]
    said = {_said(x.issue) for x in kept}
    return [*kept, *(ListedIssue(source, i) for i in issues if _said(i) not in said)]


def _said(issue: Issue) -> tuple[str, str, str, str]:
    return (issue.rule, issue.sheet, issue.cell, issue.message_en)
