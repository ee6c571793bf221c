"""The statements, the budget and the dashboard, golden: Golden Traders' books written inline
(tests/statements_books.py) → the cells of each sheet Bahi writes, the same through the file
adapter (``bahi statements --write``) and the JSON book (the ribbon on xlwings Server).
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from typing import Any

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, Workbook
from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.money import BRACKETED_INR_FORMAT, BRACKETED_WHOLE_INR_FORMAT
from addin.engine.schema import (
    BALANCE_SHEET_SHEET,
    BUDGET,
    BUDGET_VS_ACTUAL_SHEET,
    CASH_FLOW_SHEET,
    DASHBOARD_SHEET,
    ISSUES_SHEET,
    PROFIT_AND_LOSS_SHEET,
    REPORT_LINES,
)
from addin.macros.run import RunResult
from addin.macros.statements import budget_of, statements_of
from tests.officejs import payload_from_xlsx
from tests.server.test_same_outcome import written_values
from tests.statements_books import build_golden_traders

Macro = Callable[[Workbook], RunResult]
STATEMENTS: Macro = lambda book: statements_of(book, write=True)  # noqa: E731
BUDGET_RUN: Macro = lambda book: budget_of(book, write=True)  # noqa: E731
MACROS: dict[str, Macro] = {
    PROFIT_AND_LOSS_SHEET: STATEMENTS,
    BALANCE_SHEET_SHEET: STATEMENTS,
    CASH_FLOW_SHEET: STATEMENTS,
    DASHBOARD_SHEET: STATEMENTS,
    BUDGET_VS_ACTUAL_SHEET: BUDGET_RUN,
}
SENT = ["Accounts", "Journal", "Settings", ISSUES_SHEET, REPORT_LINES.sheet, BUDGET.sheet, DASHBOARD_SHEET]
"""The sheets the ribbon's scripts send (addin/scripts.py: bahi_statements, bahi_budget)."""


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return build_golden_traders(tmp_path_factory.mktemp("golden") / "golden.xlsx")


@pytest.fixture(scope="module")
def written(books: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The book after Statements and Budget, through the file adapter."""
    out = tmp_path_factory.mktemp("written") / "golden-out.xlsx"
    with FileBook.open(books) as book:
        STATEMENTS(book)
        BUDGET_RUN(book)
        book.save_as(out)
    return out


def rows_of(cells: dict[str, Any]) -> dict[int, list[Any]]:
    """Cells by address as rows (1-based row → values from column A, None where empty)."""
    rows: dict[int, list[Any]] = {}
    for address, value in cells.items():
        letters, number = re.fullmatch(r"([A-Z]+)(\d+)", address).groups()  # type: ignore[union-attr]
        column = ord(letters) - ord("A")
        row = rows.setdefault(int(number), [])
        row.extend([None] * (column + 1 - len(row)))
        row[column] = value
    return rows


def file_cells(path: pathlib.Path, sheet: str) -> dict[str, Any]:
    ws = load_workbook(path)[sheet]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in ("", None)}


def through_excel(path: pathlib.Path, sheet: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The cells the ribbon writes on ``sheet``, and every action aimed at that sheet."""
    book = xw.Book(json=payload_from_xlsx(path, include=SENT))
    MACROS[sheet](XlwingsBook(book))
    actions = book.json()["actions"]
    at = next(a["args"][0] for a in actions if a["func"] == "addSheet" and a["args"][1] == sheet)
    return written_values(actions, at), [a for a in actions if a["sheet_position"] == at]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 1e-9
    return str(a) == str(b)


# -- both adapters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", list(MACROS))
def test_both_adapters_write_the_same_cells(books: pathlib.Path, written: pathlib.Path, sheet: str) -> None:
    from_file = file_cells(written, sheet)
    from_excel, _ = through_excel(books, sheet)
    assert from_file.keys() == from_excel.keys()
    assert [k for k in from_file if not _same(from_file[k], from_excel[k])] == []


# -- the golden sheets -----------------------------------------------------------------------------

IN = "    "


def test_the_profit_and_loss_golden(written: pathlib.Path) -> None:
    rows = rows_of(file_cells(written, PROFIT_AND_LOSS_SHEET))
    assert rows[1] == [
        "Golden Traders — Statement of Profit and Loss / लाभ और हानि विवरण — for the year 2025-26 / "
        "वित्त वर्ष 2025-26 — amounts in ₹ / राशि ₹ में"
    ]
    assert rows[2] == ["No. / क्रम", "Particulars", "विवरण", "2025-26\nवित्त वर्ष 2025-26"]
    assert list(rows.values())[2:] == [
        ["I", "Revenue from operations", "परिचालन से राजस्व", 118000],
        ["III", "Total Revenue (I + II)", "कुल राजस्व (I + II)", 118000],
        ["IV", "Expenses", "व्यय"],
        [None, IN + "Purchases of Stock-in-Trade", IN + "व्यापारिक माल की खरीद", 60000],
        [None, IN + "Depreciation and amortization expense", IN + "मूल्यह्रास और परिशोधन व्यय", 5000],
        [None, IN + "Other expenses", IN + "अन्य व्यय", 20000],
        [None, 2 * IN + "Rent", 2 * IN + "किराया", 20000],
        [None, IN + "Expense accounts not mapped to a line (see Issues)",
         IN + "किसी मद से न जुड़े व्यय खाते (Issues देखें)", 1500],
        [None, IN + "Total expenses", IN + "कुल व्यय", 86500],
        # V to XV stand, nil as 0: every number a line cites is on the page
        ["V", "Profit before exceptional and extraordinary items and tax (III - IV)",
         "अपवादात्मक और असाधारण मदों तथा कर से पूर्व लाभ (III - IV)", 31500],
        ["VI", "Exceptional items", "अपवादात्मक मदें", 0],
        ["VII", "Profit before extraordinary items and tax (V - VI)", "असाधारण मदों और कर से पूर्व लाभ (V - VI)",
         31500],
        ["VIII", "Extraordinary items", "असाधारण मदें", 0],
        ["IX", "Profit before tax (VII - VIII)", "कर पूर्व लाभ (VII - VIII)", 31500],
        ["X", "Tax expense", "कर व्यय"],
        ["(1)", IN + "Current tax", IN + "चालू कर", 0],
        ["(2)", IN + "Deferred tax", IN + "आस्थगित कर", 0],
        ["XI", "Profit (Loss) for the period from continuing operations (IX - X)",
         "जारी प्रचालनों से अवधि का लाभ (हानि) (IX - X)", 31500],
        ["XII", "Profit/(loss) from discontinuing operations", "बंद किए जा रहे प्रचालनों से लाभ/(हानि)", 0],
        ["XIII", "Tax expense of discontinuing operations", "बंद किए जा रहे प्रचालनों का कर व्यय", 0],
        ["XIV", "Profit/(loss) from discontinuing operations (after tax) (XII - XIII)",
         "बंद किए जा रहे प्रचालनों से लाभ/(हानि) (कर पश्चात) (XII - XIII)", 0],
        ["XV", "Profit (Loss) for the period (XI + XIV)", "अवधि का लाभ (हानि) (XI + XIV)", 31500],
    ]  # fmt: skip


def test_the_balance_sheet_golden(written: pathlib.Path) -> None:
    rows = rows_of(file_cells(written, BALANCE_SHEET_SHEET))
    assert rows[1][0].startswith(
        "Golden Traders — Balance Sheet / तुलन पत्र — as at 31/03/2026 / 31/03/2026 को"
    )
    assert rows[2][3] == "As at 31/03/2026\n31/03/2026 को"
    particulars = [(r[0], r[1].strip(), r[3] if len(r) > 3 else None) for r in list(rows.values())[2:]]
    assert particulars == [
        ("I.", "EQUITY AND LIABILITIES", None),
        ("(1)", "Shareholders' funds", None),
        ("(a)", "Share capital", 150000),
        ("(b)", "Reserves and surplus", 31500),
        (None, "Surplus in the Statement of Profit and Loss", 31500),
        ("(4)", "Current liabilities", None),
        ("(b)", "Trade payables", None),
        ("(A)", "Total outstanding dues of micro enterprises and small enterprises", 0),  # none mapped MSME
        (
            "(B)",
            "Total outstanding dues of creditors other than micro enterprises and small enterprises",
            60000,
        ),
        (None, "TOTAL", 241500),
        ("II.", "ASSETS", None),
        ("(1)", "Non-current assets", None),
        ("(a)", "Property, Plant and Equipment and Intangible assets", None),
        ("(i)", "Property, Plant and Equipment", 95000),
        (None, "Furniture", 100000),
        (None, "Less: depreciation", -5000),  # natural sign: printed (5,000.00)
        ("(2)", "Current assets", None),
        ("(c)", "Trade receivables", 18000),
        ("(d)", "Cash and cash equivalents", 128500),
        (None, "Cash on hand", 128500),
        (None, "TOTAL", 241500),
    ]


def test_the_cash_flow_golden(written: pathlib.Path) -> None:
    rows = rows_of(file_cells(written, CASH_FLOW_SHEET))
    lines = {r[1].strip(): r[3] for r in list(rows.values())[2:] if len(r) > 3}
    assert lines == {
        "Net profit before tax": 31500,
        "Depreciation and amortization expense": 5000,
        "Operating profit before working capital changes": 36500,
        "Increase / (decrease) in trade payables (other creditors)": 60000,
        "(Increase) / decrease in trade receivables": -18000,
        "Cash generated from operations": 78500,
        "Net cash from / (used in) operating activities (A)": 78500,
        "Net cash from / (used in) investing activities (B)": 0,
        "Net cash from / (used in) financing activities (C)": 0,
        "Net increase / (decrease) in cash and cash equivalents (A + B + C)": 78500,
        "Cash and cash equivalents at the beginning of the period": 50000,
        "Cash and cash equivalents at the end of the period": 128500,
    }
    assert lines["Cash and cash equivalents at the end of the period"] == 128500  # the Balance Sheet's cash


def test_the_budget_golden(written: pathlib.Path) -> None:
    rows = rows_of(file_cells(written, BUDGET_VS_ACTUAL_SHEET))
    assert "year to date up to 31/05/2025" in rows[1][0]  # the latest journal line
    assert rows[2][:4] == ["Budget line / बजट मद", "Budget to date / अब तक का बजट",
                           "Actual to date / अब तक वास्तविक", "Variance / अंतर"]  # fmt: skip
    assert rows[3] == ["5100 Rent", 16000, 20000, 4000, 25, 16000, 20000, 4000, "Adverse / प्रतिकूल"]
    assert rows[4] == ["4000 Sales", 200000, 118000, -82000, -41, 200000, 118000, -82000, "Adverse / प्रतिकूल"]
    assert rows[6][0].startswith("Variance = actual − budget.")


def test_the_dashboard_golden(written: pathlib.Path) -> None:
    rows = rows_of(file_cells(written, DASHBOARD_SHEET))
    assert rows[3] == ["Month / माह", "Revenue / राजस्व", "Expenses / व्यय", "Profit / लाभ"]
    assert rows[4] == ["Apr-2025", 118000, 70000, 48000]
    assert rows[5] == ["May-2025", 0, 16500, -16500]
    assert rows[16] == ["Total / योग", 118000, 86500, 31500]
    assert rows[39] == [
        "Largest expenses / प्रमुख व्यय",
        "Amount / राशि",
        "Month end / माहांत",
        "Receivables / प्राप्य",
    ]
    # purchases rank with the other heads, as the cost of goods sold: the bars add up to total expenses
    assert rows[40] == ["Cost of goods sold (purchases, stock change)", 60000, "Apr-2025", 118000]
    assert rows[41][:2] == ["Rent", 20000]
    assert rows[43][:2] == ["Sundry Expenses", 1500]
    assert sum(rows[r][1] for r in range(40, 44)) == rows[16][2]  # 86,500: the year's total expenses


def test_the_issues_sheet_says_which_account_no_line_reaches(written: pathlib.Path) -> None:
    rows = rows_of(file_cells(written, ISSUES_SHEET))
    (finding,) = [r for r in rows.values() if "unmapped-account" in r]
    assert finding[2:4] == ["Accounts", "A12"]
    assert finding[-1] == "Statements / वित्तीय विवरण"


# -- how they look ---------------------------------------------------------------------------------


def test_amounts_are_bracketed_lakh_formats_in_the_file(written: pathlib.Path) -> None:
    wb = load_workbook(written)
    assert wb[BALANCE_SHEET_SHEET]["D19"].number_format == BRACKETED_INR_FORMAT  # Less: depreciation
    assert wb[BUDGET_VS_ACTUAL_SHEET]["D4"].number_format == BRACKETED_INR_FORMAT
    fills = {c.fill.fgColor.rgb for c in wb[BUDGET_VS_ACTUAL_SHEET][3] if c.fill.fill_type}
    assert fills == {"FF" + HIGHLIGHT_ERROR[1:]}  # adverse: red
    unmapped = wb[PROFIT_AND_LOSS_SHEET]["D10"]
    assert unmapped.value == 1500
    assert unmapped.fill.fgColor.rgb == "FF" + HIGHLIGHT_WARNING[1:]
    ws = wb[DASHBOARD_SHEET]
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape"


def test_amounts_are_bracketed_lakh_formats_in_excel(books: pathlib.Path) -> None:
    _, actions = through_excel(books, BUDGET_VS_ACTUAL_SHEET)
    formats = {a["start_column"]: a["args"][0] for a in actions if a["func"] == "setNumberFormat"}
    assert formats == dict.fromkeys(range(1, 8), BRACKETED_INR_FORMAT)
    red = [a for a in actions if a["func"] == "setRangeColor"]
    assert {a["start_row"] + n for a in red for n in range(a["row_count"])} == {2, 3}  # both lines adverse
    assert {a["args"][0] for a in red} == {HIGHLIGHT_ERROR}


# -- charts ----------------------------------------------------------------------------------------

CHARTS = {
    "Bahi monthly results": ("$A$3:$D$15", "$F$3", "ColumnClustered"),
    "Bahi largest expenses": ("$A$39:$B$43", "$A$21", "BarClustered"),
    "Bahi receivables": ("$C$39:$D$51", "$F$21", "LineMarkers"),
}


def test_the_file_holds_three_native_charts_over_the_dashboard_cells(written: pathlib.Path) -> None:
    ws = load_workbook(written)[DASHBOARD_SHEET]
    references = set()
    for chart in ws._charts:  # openpyxl reads the chart parts back
        for series in chart.series:
            references.add(series.val.numRef.f)
    assert references == {
        "'Dashboard'!$B$4:$B$15", "'Dashboard'!$C$4:$C$15", "'Dashboard'!$D$4:$D$15",
        "'Dashboard'!$B$40:$B$43", "'Dashboard'!$D$40:$D$51",
    }  # fmt: skip


def test_excel_gets_the_same_charts_as_actions(books: pathlib.Path) -> None:
    _, actions = through_excel(books, DASHBOARD_SHEET)
    added = {
        a["args"][0]: (a["args"][3], a["args"][9], a["args"][1]) for a in actions if a["func"] == "addChart"
    }
    assert added == CHARTS
    axes = [a["args"][2] for a in actions if a["func"] == "setChartAxis" and a["args"][1] == "value"]
    assert axes == [{"number_format": BRACKETED_WHOLE_INR_FORMAT}] * 3


def test_a_rerun_replaces_the_charts(books: pathlib.Path, written: pathlib.Path) -> None:
    payload = payload_from_xlsx(written, include=SENT)
    (dashboard,) = [s for s in payload["sheets"] if s["name"] == DASHBOARD_SHEET]
    dashboard["charts"] = [
        {"name": name, "chart_type": kind, "left": 0, "top": 0, "width": 500, "height": 255}
        for name, (_, _, kind) in CHARTS.items()
    ]  # what Office.js sends for the sheet of the last run
    book = xw.Book(json=payload)
    STATEMENTS(XlwingsBook(book))
    actions = [a for a in book.json()["actions"] if "Chart" in a["func"]]
    assert [a["args"][0] for a in actions if a["func"] == "deleteChart"] == [2, 1, 0]
    assert sum(a["func"] == "addChart" for a in actions) == 3
    with FileBook.open(written) as again:
        STATEMENTS(again)
        again.save_as(books.parent / "twice.xlsx")
    assert len(load_workbook(books.parent / "twice.xlsx")[DASHBOARD_SHEET]._charts) == 3
