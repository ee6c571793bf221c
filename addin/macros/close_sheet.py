"""The Close sheet: each month closed, with its checklist (each check, its result, who, when).

Bahi never changes the Lock Date a user typed in Settings. Closing a month records it here, and
every run then locks the books up to the *effective* lock date: the later of Settings' Lock Date
and the end of the last month closed (:func:`with_closed_months`), so that every check — the
locked-period rule, the audit trail's locked edits — sees it. To reopen a month, delete its rows
on this sheet (the Audit Log keeps the record that it was closed and reopened).

>>> rows = [["Close"], list(CLOSE_HEADINGS),
...         ["2025-05", "31/05/2025", "closed / बंद", "02/06/2025 10:00:00 +05:30", "asha", "", "", ""],
...         ["2025-06", "30/06/2025", "closed / बंद", "01/07/2025 10:00:00 +05:30", "asha", "", "", ""]]
>>> closed_through(rows)
datetime.date(2025, 6, 30)
>>> closed_through([]) is None
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, CellValue, OwnedSheet
from addin.engine.cells import format_date, parse_month_text
from addin.engine.ledger import Ledger, Settings
from addin.engine.schema import CLOSE_SHEET
from addin.engine.statements.periods import month_period

CLOSE_HEADINGS: tuple[str, ...] = (
    "Month / माह", "Period end / अवधि अंत", "Status / स्थिति", "Time / समय", "By / द्वारा",
    "Check / जाँच", "Result / परिणाम", "Detail / विवरण",
)  # fmt: skip
CLOSED = "closed / बंद"
PASSED, FAILED, NOT_APPLICABLE = "passed / ठीक", "failed / विफल", "not applicable / लागू नहीं"


def parse_month(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a month as the cell grammar reads one (2025-06, Jun-2025, 06/2025,
    जून 2025…); None when the text is not a month.

    >>> parse_month("2025-06"), parse_month("2025-13")
    ((datetime.date(2025, 6, 1), datetime.date(2025, 6, 30)), None)
    >>> parse_month("Feb-2026")
    (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    """
    found = parse_month_text(str(text))
    if found is None:
        return None
    period = month_period(*found)
    return period.start, period.end


def month_label(text: str) -> str | None:
    """A month as the Close sheet names it, 2025-06 (None when the text is not a month).

    >>> month_label("Jun-2025"), month_label("2025-6")
    ('2025-06', '2025-06')
    """
    bounds = parse_month(text)
    return f"{bounds[0]:%Y-%m}" if bounds else None


def _cell(value: CellValue) -> str:
    return "" if value is None else str(value).strip()


def closed_months(rows: Sequence[Sequence[CellValue]] | None) -> list[str]:
    """The months (2025-06) the Close sheet records as closed, in its order."""
    found = []
    for row in rows or []:
        cells = [*row, None, None, None]
        if _cell(cells[2]).casefold() == CLOSED.casefold() and (label := month_label(_cell(cells[0]))):
            found.append(label)
    return found


def closed_through(rows: Sequence[Sequence[CellValue]] | None) -> dt.date | None:
    """The end of the last month closed (the latest), or None when none is."""
    ends = [bounds[1] for month in closed_months(rows) if (bounds := parse_month(month))]
    return max(ends, default=None)


def effective_lock(settings: Settings, closed: dt.date | None) -> Settings:
    """Settings with the lock date the books are kept to: the later of the typed one and ``closed``."""
    if closed is None or (settings.lock_date is not None and settings.lock_date >= closed):
        return settings
    return settings.model_copy(update={"lock_date": closed})


def with_closed_months(ledger: Ledger, rows: Sequence[Sequence[CellValue]] | None) -> Ledger:
    """The ledger whose settings lock the books up to the last month the Close sheet records."""
    settings = effective_lock(ledger.settings, closed_through(rows))
    return ledger if settings is ledger.settings else replace(ledger, settings=settings)


@dataclass(frozen=True)
class ChecklistRow:
    """One check of a close: its name, result (:data:`PASSED`, :data:`FAILED`, :data:`NOT_APPLICABLE`)
    and what it found."""

    check: str
    result: str
    detail: str = ""


def close_sheet(
    previous: Sequence[Sequence[CellValue]] | None,
    month: str,
    *,
    period_end: dt.date,
    time: str,
    user: str,
    checklist: Sequence[ChecklistRow],
    settings: Settings,
) -> OwnedSheet:
    """The Close sheet with this close appended under the earlier ones (kept as they were): each
    month's row bold, then its checks (a failed one red, one not applicable yellow)."""
    kept = [list(r) for r in (previous or [])[2:] if any(_cell(v) for v in r)]
    title = (
        f"{settings.company} — Month-end close / माह-अंत बंदी: months closed lock the books up to their "
        f"end (the later of this and Settings' Lock Date applies)"
    )
    rows: list[list[CellValue]] = [[title], list(CLOSE_HEADINGS), *kept]
    rows.append([month, format_date(period_end), CLOSED, time, user, "", "", ""])
    rows += [["", "", "", "", "", item.check, item.result, item.detail] for item in checklist]
    marks = {FAILED: HIGHLIGHT_ERROR, NOT_APPLICABLE: HIGHLIGHT_WARNING}
    cells = [[_cell(v) for v in [*row, *[None] * 8][:8]] for row in rows[2:]]
    return OwnedSheet(
        name=CLOSE_SHEET,
        rows=rows,
        header_rows=2,
        widths={0: 9, 1: 12, 2: 12, 3: 27, 4: 14, 5: 36, 6: 17, 7: 50},
        bold_rows=frozenset({0, 1, *(i + 2 for i, row in enumerate(cells) if row[0])}),
        fills={(i + 2, 6): marks[row[6]] for i, row in enumerate(cells) if row[6] in marks},
        wrap_columns=frozenset({5, 6, 7}),
    )
