"""The Statements and Budget macros: periods, comparatives and monthly columns, what they refuse,
and the ribbon's scripts around them (called as xlwings Server calls them, on a JSON book)."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin import scripts
from addin.books.file_book import FileBook
from addin.engine.schema import BUDGET, DASHBOARD_SHEET, REPORT_LINES
from addin.macros.statements import budget_of, statement_records, statements_of
from tests.officejs import payload_from_xlsx
from tests.statements_books import build_golden_traders

SENT = ["Accounts", "Journal", "Settings", "Issues", REPORT_LINES.sheet, BUDGET.sheet, DASHBOARD_SHEET]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return build_golden_traders(tmp_path_factory.mktemp("golden") / "golden.xlsx")


def labels(statement: object) -> list[str]:
    return [c.label for c in statement.columns]  # type: ignore[attr-defined]


def test_a_quarter_with_both_comparatives(books: pathlib.Path) -> None:
    with FileBook.open(books) as book:
        run = statements_of(book, write=False, period="Q2", compare=("previous", "last-year")).report
    assert labels(run.profit_and_loss) == ["Q2 2025-26", "Q1 2025-26"]  # Q2 2024-25: before the books
    assert labels(run.balance_sheet) == ["As at 30/09/2025", "As at 30/06/2025"]
    assert run.profit_and_loss.amount("pl.profit_for_the_period", 1) == 31_500_00


def test_comparatives_before_the_books_begin_are_not_available_and_the_run_says_so(
    books: pathlib.Path,
) -> None:
    with FileBook.open(books) as book:
        result = statements_of(book, write=False, period="Q1", compare=("previous", "last-year"))
    run = result.report
    # the books begin on 01/04/2025 (Settings' financial year): Q4 and Q1 2024-25 would be made of
    # nothing but the opening balances (and any stray line dated before), so they get no column
    for statement in run.statements:
        assert len(statement.columns) == 1, statement.kind
    assert labels(run.profit_and_loss) == ["Q1 2025-26"]
    assert run.profit_and_loss.amount("pl.profit_for_the_period") == 31_500_00
    assert result.note is not None
    assert "Q4 2024-25, Q1 2024-25: not available" in result.note.en
    assert "01/04/2025" in result.note.en
    assert "01/04/2025" in result.note.hi


def test_monthly_columns_then_the_period_s_total(books: pathlib.Path) -> None:
    with FileBook.open(books) as book:
        run = statements_of(book, write=False, start=dt.date(2025, 4, 1), end=dt.date(2025, 5, 31),
                            monthly=True).report  # fmt: skip
    assert labels(run.profit_and_loss) == ["Apr-2025", "May-2025", "01/04/2025 to 31/05/2025"]
    profit = [run.profit_and_loss.amount("pl.profit_for_the_period", c) for c in range(3)]
    assert profit == [48_000_00, -16_500_00, 31_500_00]
    assert labels(run.balance_sheet) == ["As at 30/04/2025", "As at 31/05/2025"]
    assert [m.label for m in run.dashboard.months] == ["Apr-2025", "May-2025"]


def test_records_carry_every_column_as_a_decimal_string(books: pathlib.Path) -> None:
    with FileBook.open(books) as book:
        run = statements_of(book, write=False, compare=("last-year",)).report
    (profit,) = [r for r in statement_records(run.profit_and_loss) if r["key"] == "pl.profit_for_the_period"]
    assert profit == {
        "statement": "profit_and_loss", "key": "pl.profit_for_the_period", "number": "XV",
        "particulars": "Profit (Loss) for the period (XI + XIV)",
        "particulars_hi": "अवधि का लाभ (हानि) (XI + XIV)",
        "kind": "total", "level": 0, "2025-26": "31500.00",
    }  # fmt: skip


def test_a_period_that_cannot_be_read_writes_nothing_and_says_how_to_write_one(books: pathlib.Path) -> None:
    with FileBook.open(books) as book:
        result = statements_of(book, write=True, period="Q5")
        assert not book.dirty
    assert result.report is None
    assert result.note is not None
    assert "cannot read 'Q5' as a period" in result.note.en
    assert "Q1 2025-26" in result.note.hi


def test_dates_the_wrong_way_round_are_refused(books: pathlib.Path) -> None:
    with FileBook.open(books) as book:
        result = statements_of(book, write=True, start=dt.date(2025, 5, 1), end=dt.date(2025, 4, 1))
    assert result.note is not None
    assert "cannot end (01/04/2025) before it starts (01/05/2025)" in result.note.en


def without(path: pathlib.Path, sheet: str, target: pathlib.Path) -> pathlib.Path:
    wb = load_workbook(path)
    del wb[sheet]
    wb.save(target)
    return target


@pytest.mark.parametrize(("sheet", "macro"), [(REPORT_LINES.sheet, statements_of), (BUDGET.sheet, budget_of)])
def test_a_missing_table_is_fatal_and_nothing_is_written(
    books: pathlib.Path, tmp_path: pathlib.Path, sheet: str, macro: object
) -> None:
    with FileBook.open(without(books, sheet, tmp_path / "missing.xlsx")) as book:
        result = macro(book, write=True)  # type: ignore[operator]
        assert not book.dirty
    assert result.fatal
    assert [i.rule for i in result.issues] == ["missing-table"]


def test_the_budget_as_of_a_day_in_another_year_compares_that_year(books: pathlib.Path) -> None:
    with FileBook.open(books) as book:
        report = budget_of(book, write=False, as_of=dt.date(2025, 4, 30)).report.report
    (rent, sales) = report.lines
    assert (rent.year_to_date.budget, rent.year_to_date.actual) == (8_000_00, 10_000_00)
    assert sales.year_to_date.variance == 18_000_00
    assert not sales.adverse


# -- the ribbon ------------------------------------------------------------------------------------


def test_the_statements_button_writes_the_sheets_and_the_charts(
    books: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alerts: list[str] = []
    monkeypatch.setattr(scripts, "_alert", lambda _book, text, critical=False: alerts.append(text))
    book = xw.Book(json=payload_from_xlsx(books, include=SENT))
    scripts.bahi_statements.__wrapped__(book, period="Q1")  # type: ignore[attr-defined]
    actions = book.json()["actions"]
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added[:4] == ["Profit and Loss", "Balance Sheet", "Cash Flow", "Dashboard"]
    assert sum(a["func"] == "addChart" for a in actions) == 3
    (alert,) = alerts
    assert alert.startswith("Statements / वित्तीय विवरण")
    assert "Written / लिखा गया: Profit and Loss, Balance Sheet, Cash Flow, Dashboard, Issues" in alert


def test_the_budget_button_and_a_period_the_pane_sent_wrong(
    books: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alerts: list[str] = []
    monkeypatch.setattr(scripts, "_alert", lambda _book, text, critical=False: alerts.append(text))
    scripts.bahi_budget.__wrapped__(xw.Book(json=payload_from_xlsx(books, include=SENT)))  # type: ignore[attr-defined]
    book = xw.Book(json=payload_from_xlsx(books, include=SENT))
    scripts.bahi_statements.__wrapped__(book, period="Q9")  # type: ignore[attr-defined]
    assert "Written / लिखा गया: Budget vs Actual, Issues" in alerts[0]
    assert "cannot read 'Q9' as a period" in alerts[1]
    assert not [a for a in book.json()["actions"] if a["func"] != "namesAdd"]  # nothing but the last-run note


def test_the_scripts_send_the_sheets_they_read() -> None:
    include = {f.__name__: f.__xlscript__["include"] for f in (scripts.bahi_statements, scripts.bahi_budget)}
    assert include == {
        "bahi_statements": [*scripts.LEDGER_SHEETS, "Report Lines", "Parties", "Dashboard"],
        "bahi_budget": [*scripts.LEDGER_SHEETS, "Report Lines", "Parties", "Budget"],
    }  # the Dashboard: its charts are listed only for a sheet sent, and a rerun replaces them;
    # the Parties: a supplier marked MSME moves its account to trade payables (A)


def test_a_supplier_the_parties_table_marks_msme_stands_on_trade_payables_a(
    books: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    wb = load_workbook(books)
    parties = wb.create_sheet("Parties")
    parties.append(["Code", "Name", "Type", "MSME", "Account"])
    parties.append(["V01", "Creditors", "Vendor", "Yes", "2000"])  # the supplier posted to 2000
    with_parties = tmp_path / "with-parties.xlsx"
    wb.save(with_parties)
    with FileBook.open(books) as book:
        before = statements_of(book, write=False).report.balance_sheet
    with FileBook.open(with_parties) as book:
        after = statements_of(book, write=False).report.balance_sheet
    msme, others = "bs.trade_payables_msme", "bs.trade_payables_others"
    assert (before.amount(msme), before.amount(others)) == (0, 60_000_00)
    assert (after.amount(msme), after.amount(others)) == (60_000_00, 0)
    assert after.amount("bs.total_equity_and_liabilities") == before.amount("bs.total_equity_and_liabilities")
