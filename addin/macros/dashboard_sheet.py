"""The Dashboard sheet: three native Excel charts over small tables of the sheet's own cells.

From :class:`~addin.engine.statements.dashboard.Dashboard`:

1. monthly revenue, expenses and profit as columns (the year's months up to the end of the
   period asked for), beside its table;
2. the period's largest expenses, as horizontal bars, the largest at the top;
3. trade receivables at each month's end, as a line.

The first page holds the monthly table and the three charts (the first beside its table, the
other two below, side by side); the tables the other two are drawn from follow under them. Each
table's headings name its series and its first column the months or accounts, so the charts are
ordinary Excel charts over the sheet's cells (:class:`~addin.books.base.SheetChart`): Excel, Excel
on the web and LibreOffice draw them alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.books.base import CellValue, OwnedSheet, SheetChart
from addin.engine.ledger import Settings
from addin.engine.money import BRACKETED_INR_FORMAT, BRACKETED_WHOLE_INR_FORMAT, to_rupees
from addin.engine.schema import DASHBOARD_SHEET
from addin.engine.statements.dashboard import Dashboard
from addin.macros.sheets import _title
from addin.macros.statement_sheets import period_text

CHART_HEIGHT = 255.0  # points: 17 rows of 15 points
WIDE_CHART, NARROW_CHART = 500.0, 460.0  # points: right of the tables (from F), and under them (A to E)
TABLES, CHARTS_BELOW, MORE_TABLES = 2, 20, 38  # rows: the monthly table, the lower charts, their tables
RIGHT = 5  # F: right of the tables (A to D) and a narrow gap (E)

RESULTS = ("Month / माह", "Revenue / राजस्व", "Expenses / व्यय", "Profit / लाभ")
EXPENSES = ("Largest expenses / प्रमुख व्यय", "Amount / राशि")
RECEIVABLES = ("Month end / माहांत", "Receivables / प्राप्य")
TOTAL = "Total / योग"


def _rupees(values: Sequence[int]) -> list[CellValue]:
    return [to_rupees(v) for v in values]


def dashboard_sheet(figures: Dashboard, settings: Settings) -> OwnedSheet:
    """The Dashboard sheet of ``figures`` (see the module docstring)."""
    months = figures.months
    detail = (
        f"months {months[0].start:%d/%m/%Y} to {months[-1].end:%d/%m/%Y}; largest expenses "
        f"{period_text(figures.period)} — amounts in ₹ / राशि ₹ में"
    )
    rows: list[list[CellValue]] = [
        _title(settings.model_copy(update={"financial_year": None}), "Dashboard / डैशबोर्ड", detail),
        [],
    ]
    bold = {0}

    def table(top: int, left: int, heading: Sequence[CellValue], body: Sequence[Sequence[CellValue]]) -> int:
        """Put a table's headings at (``top``, ``left``) and its rows under them; its last row."""
        for offset, cells in enumerate([list(heading), *body]):
            while len(rows) <= top + offset:
                rows.append([])
            row = rows[top + offset]
            row.extend([None] * (left - len(row)))
            row[left : left + len(cells)] = cells
        bold.add(top)
        return top + len(body)

    def chart(
        name: str, title: str, kind: str, source: tuple[int, int, int, int], *, at: tuple[int, int],
        width: float,
    ) -> SheetChart:  # fmt: skip
        return SheetChart(name, title, kind, source, at, width=width, height=CHART_HEIGHT,
                          number_format=BRACKETED_WHOLE_INR_FORMAT)  # fmt: skip

    series = (figures.revenue, figures.expenses, figures.profit)
    results = zip((m.label for m in months), *(_rupees(v) for v in series), strict=True)
    last = table(TABLES, 0, RESULTS, [list(r) for r in results])
    table(last + 1, 0, [TOTAL, *(to_rupees(sum(v)) for v in series)], [])  # bold, as headings are
    title = "Revenue, expenses and profit / राजस्व, व्यय और लाभ"
    charts = [chart("Bahi monthly results", title, "column", (TABLES, 0, last, 3), at=(TABLES, RIGHT),
                    width=WIDE_CHART)]  # fmt: skip
    if figures.top_expenses:
        expenses = [[e.label, to_rupees(e.amount)] for e in figures.top_expenses]
        last = table(MORE_TABLES, 0, EXPENSES, expenses)
        title = f"Largest expenses, {figures.period.label} / प्रमुख व्यय"
        charts.append(chart("Bahi largest expenses", title, "bar", (MORE_TABLES, 0, last, 1),
                            at=(CHARTS_BELOW, 0), width=NARROW_CHART))  # fmt: skip
    receivables = [[m.label, to_rupees(v)] for m, v in zip(months, figures.receivables, strict=True)]
    last = table(MORE_TABLES, 2, RECEIVABLES, receivables)
    title = "Trade receivables at month end / माहांत व्यापारिक प्राप्य"
    charts.append(chart("Bahi receivables", title, "line", (MORE_TABLES, 2, last, 3),
                        at=(CHARTS_BELOW, RIGHT), width=WIDE_CHART))  # fmt: skip
    return OwnedSheet(
        name=DASHBOARD_SHEET,
        rows=rows,
        header_rows=2,
        number_formats=dict.fromkeys((1, 2, 3), BRACKETED_INR_FORMAT),
        widths={0: 30.0, 1: 17.0, 2: 17.0, 3: 17.0, 4: 2.0},
        bold_rows=frozenset(bold),
        charts=tuple(charts),
    )
