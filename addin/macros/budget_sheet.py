"""The Budget vs Actual sheet: each budgeted account or line item, year to date and full-year forecast.

From the engine's :class:`~addin.engine.statements.BudgetReport` (its module states the sign
rule: actual and budget both in the line's natural sign, income and expenses positive). One row a
budget line: the budget and the actual to date, the variance (actual − budget) and the variance
as a percentage of the budget, the whole year's budget, the forecast (actual to date plus the
budget of the months still to come) and its variance, and whether the line is adverse — it spent
more, or earned less, than budgeted. Adverse lines are coloured red, and an adverse forecast
variance too; amounts are lakh-grouped with negatives in brackets
(:data:`~addin.engine.money.BRACKETED_INR_FORMAT`), the percentage in points ("(25.00)" is 25 %
under budget).
"""

from __future__ import annotations

from addin.books.base import HIGHLIGHT_ERROR, CellValue, OwnedSheet
from addin.engine.ledger import Settings
from addin.engine.money import BRACKETED_INR_FORMAT, to_rupees
from addin.engine.schema import BUDGET_VS_ACTUAL_SHEET
from addin.engine.statements import BudgetLine, BudgetReport, Variance
from addin.engine.statements.periods import day_text
from addin.macros.sheets import _title

HEADINGS: tuple[str, ...] = (
    "Budget line / बजट मद",
    "Budget to date / अब तक का बजट",
    "Actual to date / अब तक वास्तविक",
    "Variance / अंतर",
    "Variance % / अंतर %",
    "Full-year budget / वार्षिक बजट",
    "Forecast / पूर्वानुमान",
    "Forecast variance / पूर्वानुमान अंतर",
    "Status / स्थिति",
)
ADVERSE = "Adverse / प्रतिकूल"
FAVOURABLE = "Favourable / अनुकूल"
ON_BUDGET = "On budget / बजट के अनुसार"
EXPLAINED = (
    "Variance = actual − budget. Adverse: spent more, or earned less, than budgeted. "
    "Forecast = actual to date + budget of the months to come.",
    "अंतर = वास्तविक − बजट। प्रतिकूल: बजट से अधिक खर्च या कम आय। पूर्वानुमान = अब तक वास्तविक + आगे के महीनों का बजट।",
)
NO_BUDGET = "No budget rows for this year / इस वर्ष के लिए बजट की कोई पंक्ति नहीं"
AMOUNT_COLUMNS = range(1, 8)


def status(variance: Variance) -> str:
    """"Adverse / प्रतिकूल", "Favourable / अनुकूल" or "On budget / बजट के अनुसार"."""
    if variance.adverse:
        return ADVERSE
    return FAVOURABLE if variance.variance else ON_BUDGET


def line_label(line: BudgetLine) -> str:
    """An account as "5320 Rent"; a line item as "Other expenses / अन्य व्यय"."""
    return line.label if line.label == line.label_hi else f"{line.label} / {line.label_hi}"


def _percent(variance: Variance) -> float | None:
    percent = variance.variance_percent
    return None if percent is None else float(percent)


def budget_sheet(report: BudgetReport, settings: Settings) -> OwnedSheet:
    """The Budget vs Actual sheet of ``report`` (see the module docstring)."""
    titled = settings.model_copy(update={"financial_year": report.months[0].start.year})
    day = day_text(report.as_of)
    detail = f"year to date up to {day} / {day} तक — amounts in ₹ / राशि ₹ में"
    rows: list[list[CellValue]] = [
        _title(titled, "Budget vs Actual / बजट बनाम वास्तविक", detail),
        list(HEADINGS),
    ]
    fills: dict[tuple[int, int], str] = {}
    for line in report.lines:
        here = len(rows)
        to_date, forecast = line.year_to_date, line.forecast_variance
        rows.append([
            line_label(line), to_rupees(to_date.budget), to_rupees(to_date.actual),
            to_rupees(to_date.variance), _percent(to_date), to_rupees(line.full_year_budget),
            to_rupees(line.forecast), to_rupees(forecast.variance), status(to_date),
        ])  # fmt: skip
        if line.adverse:
            fills.update({(here, c): HIGHLIGHT_ERROR for c in range(len(HEADINGS))})
        if forecast.adverse:
            fills[(here, 7)] = HIGHLIGHT_ERROR
    if not report.lines:
        rows.append([NO_BUDGET])
    rows.append([])
    rows.extend([line] for line in EXPLAINED)
    return OwnedSheet(
        name=BUDGET_VS_ACTUAL_SHEET,
        rows=rows,
        header_rows=2,
        number_formats=dict.fromkeys(AMOUNT_COLUMNS, BRACKETED_INR_FORMAT),
        widths={0: 46.0, **dict.fromkeys(AMOUNT_COLUMNS, 16.0), 8: 24.0},
        bold_rows=frozenset({0, 1}),
        fills=fills,
        wrap_columns=frozenset({0}),  # a line item's English / Hindi label, whole on paper
    )
