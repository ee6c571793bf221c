"""The financial statements as owned sheets: Profit and Loss, Balance Sheet and Cash Flow.

One builder for the three (:func:`statement_sheet`), from the engine's
:class:`~addin.engine.statements.FinancialStatement`, whose rows are ready to print: this module
only lays them out. Each sheet opens, as every owned sheet does, with a title row (company, the
statement in English and Hindi, its period or date, "amounts in ₹") and a row of bilingual
headings, both repeated on every printed page. Then one row a statement row:

- the Schedule III number ("I", "(1)", "(a)"), the particulars in English and in Hindi, each
  indented by the row's level;
- one amount a column, in rupees, in the statement's natural sign (a loss, an outflow or a credit
  balance on an asset line negative), shown lakh-grouped with negatives in brackets and nil as a
  dash (:data:`~addin.engine.money.BRACKETED_INR_FORMAT`) — numbers, so Excel can still add them;
- headings and totals bold; a "difference in books" line and the accounts no line reaches in red
  and yellow (their text says to see the Issues sheet, which says why).
"""

from __future__ import annotations

from collections.abc import Sequence

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, CellValue, OwnedSheet
from addin.engine.ledger import Settings
from addin.engine.money import BRACKETED_INR_FORMAT, to_rupees
from addin.engine.schema import BALANCE_SHEET_SHEET, CASH_FLOW_SHEET, PROFIT_AND_LOSS_SHEET
from addin.engine.statements import FinancialStatement, Period, RowKind, StatementColumn
from addin.engine.statements.periods import day_text
from addin.macros.sheets import INDENT, _title

SHEETS: dict[str, str] = {
    "profit_and_loss": PROFIT_AND_LOSS_SHEET,
    "balance_sheet": BALANCE_SHEET_SHEET,
    "cash_flow": CASH_FLOW_SHEET,
}
"""The owned sheet of each statement (by ``FinancialStatement.kind``)."""

LABEL_HEADINGS: tuple[str, ...] = ("No. / क्रम", "Particulars", "विवरण")
IN_RUPEES = "amounts in ₹ / राशि ₹ में"
FIRST_AMOUNT = len(LABEL_HEADINGS)
WIDTHS = {0: 6.0, 1: 56.0, 2: 48.0}
AMOUNT_WIDTH = 18.0


def period_text(period: Period, *, as_at: bool = False) -> str:
    """What a statement's title says of its period, in English and Hindi.

    >>> from addin.engine.statements import fy_period, quarter_period
    >>> period_text(fy_period(2025))
    'for the year 2025-26 / वित्त वर्ष 2025-26'
    >>> period_text(quarter_period(2025, 1))
    'for Q1 2025-26, 01/04/2025 to 30/06/2025 / तिमाही 1, 2025-26, 01/04/2025 से 30/06/2025 तक'
    >>> period_text(fy_period(2025), as_at=True)
    'as at 31/03/2026 / 31/03/2026 को'
    """
    if as_at:
        day = day_text(period.end)
        return f"as at {day} / {day} को"
    if period.kind == "year":
        return f"for the year {period.label} / {period.label_hi}"
    first, last = day_text(period.start), day_text(period.end)
    if period.kind in ("month", "quarter"):
        return f"for {period.label}, {first} to {last} / {period.label_hi}, {first} से {last} तक"
    return f"for {first} to {last} / {first} से {last} तक"


def column_heading(column: StatementColumn) -> str:
    """An amount column's heading, English over Hindi (two lines, each fitting the column).

    >>> import datetime as dt
    >>> from addin.engine.statements.balance_sheet import as_at_columns
    >>> column_heading(as_at_columns([dt.date(2026, 3, 31)])[0])
    'As at 31/03/2026\\n31/03/2026 को'
    """
    return column.label if column.label == column.label_hi else f"{column.label}\n{column.label_hi}"


def _amounts(amounts: Sequence[int] | None, width: int) -> list[CellValue]:
    if amounts is None:
        return [None] * width
    return [to_rupees(a) for a in amounts]


def statement_sheet(statement: FinancialStatement, settings: Settings, period: Period) -> OwnedSheet:
    """The owned sheet of ``statement`` made for ``period`` (the run's main period, in the title)."""
    as_at = statement.kind == "balance_sheet"
    detail = f"{period_text(period, as_at=as_at)} — {IN_RUPEES}"
    titled = settings.model_copy(update={"financial_year": None})  # the title names the period itself
    width = len(statement.columns)
    rows: list[list[CellValue]] = [
        _title(titled, f"{statement.title} / {statement.title_hi}", detail),
        [*LABEL_HEADINGS, *(column_heading(c) for c in statement.columns)],
    ]
    bold = {0, 1}
    fills: dict[tuple[int, int], str] = {}
    for row in statement.rows:
        here = len(rows)
        indent = INDENT * row.level
        rows.append([row.number, indent + row.label, indent + row.label_hi, *_amounts(row.amounts, width)])
        if row.kind in (RowKind.HEADING, RowKind.TOTAL):
            bold.add(here)
        flagged = _flag(row.key)
        if flagged:
            fills.update({(here, c): flagged for c in range(FIRST_AMOUNT + width)})
    return OwnedSheet(
        name=SHEETS[statement.kind],
        rows=rows,
        header_rows=2,
        number_formats=dict.fromkeys(range(FIRST_AMOUNT, FIRST_AMOUNT + width), BRACKETED_INR_FORMAT),
        widths={**WIDTHS, **dict.fromkeys(range(FIRST_AMOUNT, FIRST_AMOUNT + width), AMOUNT_WIDTH)},
        bold_rows=frozenset(bold),
        fills=fills,
        wrap_columns=frozenset({1, 2}),
    )


def _flag(key: str) -> str | None:
    """The fill of a row the Issues sheet explains: the books' difference red, unmapped accounts yellow."""
    if key.endswith(".difference"):
        return HIGHLIGHT_ERROR
    if ".unmapped_" in key:
        return HIGHLIGHT_WARNING
    return None
