"""``bahi statements`` and ``bahi budget``, specified by what a user sees: output, exit codes, the book."""

from __future__ import annotations

import csv
import io
import json
import pathlib

import pytest
from openpyxl import load_workbook

from addin import cli
from addin.engine.schema import (
    BALANCE_SHEET_SHEET,
    BUDGET_VS_ACTUAL_SHEET,
    CASH_FLOW_SHEET,
    DASHBOARD_SHEET,
    ISSUES_SHEET,
    PROFIT_AND_LOSS_SHEET,
)
from tests.statements_books import build_golden_traders


@pytest.fixture
def book(tmp_path: pathlib.Path) -> pathlib.Path:
    return build_golden_traders(tmp_path / "golden.xlsx")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_three_statements_in_text_with_a_comparative(
    capsys: pytest.CaptureFixture[str], book: pathlib.Path
) -> None:
    code, out, err = run(capsys, "statements", book, "--period", "May-2025", "--compare", "previous")
    assert code == 1  # an account no ReportLines row reaches is an error, as Validate's are
    for title in ("Statement of Profit and Loss / लाभ और हानि विवरण: May-2025", "Balance Sheet / तुलन पत्र",
                  "Cash Flow Statement / नकद प्रवाह विवरण"):  # fmt: skip
        assert title in out
    assert "Apr-2025" in out  # the comparative column
    assert "(5,000.00)" in out  # less: depreciation, in brackets
    assert "-5,000.00" not in out
    assert "1,18,000.00" in out
    assert "uses only the lines that could be read" in err


def test_a_comparative_before_the_books_begin_is_not_available_and_said_so_not_made_of_nothing(
    capsys: pytest.CaptureFixture[str], book: pathlib.Path
) -> None:
    code, out, err = run(capsys, "statements", book, "--period", "Q1 2025-26", "--compare", "previous")
    assert code == 1  # the book's unmapped account, as above: not the comparative
    assert "Q4 2024-25" not in out
    assert "As at 31/03/2025" not in out
    assert "No comparative column for Q4 2024-25: not available" in err
    assert "बही के आरंभ (01/04/2025" in err


def test_one_statement_as_json_records(capsys: pytest.CaptureFixture[str], book: pathlib.Path) -> None:
    code, out, _ = run(
        capsys, "statements", book, "--period", "Q1 2025-26", "--statement", "bs", "--format", "json"
    )
    records = json.loads(out)
    assert code == 1
    assert {r["statement"] for r in records} == {"balance_sheet"}
    (cash,) = [r for r in records if r["key"] == "bs.cash_and_cash_equivalents"]
    assert cash["As at 30/06/2025"] == "128500.00"


def test_monthly_csv_has_a_column_a_month(capsys: pytest.CaptureFixture[str], book: pathlib.Path) -> None:
    _, out, _ = run(capsys, "statements", book, "--from", "01/04/2025", "--to", "31/05/2025", "--monthly",
                    "--statement", "pl", "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    (profit,) = [r for r in rows if r["key"] == "pl.profit_for_the_period"]
    assert (profit["Apr-2025"], profit["May-2025"], profit["01/04/2025 to 31/05/2025"]) == (
        "48000.00", "-16500.00", "31500.00",
    )  # fmt: skip


def test_write_saves_the_statements_and_the_dashboard(
    capsys: pytest.CaptureFixture[str], book: pathlib.Path
) -> None:
    code, _, err = run(capsys, "statements", book, "--write")
    assert code == 1
    assert "golden.xlsx" in err  # saved, it says where
    sheets = load_workbook(book).sheetnames
    for sheet in (PROFIT_AND_LOSS_SHEET, BALANCE_SHEET_SHEET, CASH_FLOW_SHEET, DASHBOARD_SHEET, ISSUES_SHEET):
        assert sheet in sheets
    assert book.with_name("golden.bak.xlsx").exists()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--period", "Q5"], "cannot read 'Q5' as a period"),
        (["--period", "Q1", "--from", "01/04/2025"], "Give either --period or --from/--to"),
        (["--from", "01/05/2025", "--to", "01/04/2025"], "The period ends before it starts"),
    ],
)
def test_a_period_that_cannot_be_used_is_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], book: pathlib.Path, argv: list[str], said: str
) -> None:
    before = book.read_bytes()
    code, out, err = run(capsys, "statements", book, *argv, "--write")
    assert code == 2
    assert said in err
    assert out == ""
    assert book.read_bytes() == before


def test_the_budget_in_text_and_json(capsys: pytest.CaptureFixture[str], book: pathlib.Path) -> None:
    code, out, _ = run(capsys, "budget", book, "--as-of", "31/05/2025")
    assert code == 0
    assert "Budget vs Actual / बजट बनाम वास्तविक: 31/05/2025" in out
    for shown in ("(82,000.00)", "(41.00)", "Adverse / प्रतिकूल"):  # sales: 41 % under budget
        assert shown in out
    _, out, _ = run(capsys, "budget", book, "--format", "json")
    rent, sales = json.loads(out)
    assert (rent["label"], rent["variance"], rent["variance_percent"], rent["adverse"]) == (
        "5100 Rent", "4000.00", "25.00", True,
    )  # fmt: skip
    assert (sales["Apr-2025 budget"], sales["Apr-2025 actual"]) == ("100000.00", "118000.00")


def test_budget_write_saves_its_sheet(capsys: pytest.CaptureFixture[str], book: pathlib.Path) -> None:
    code, _, _ = run(capsys, "budget", book, "--write", "--quiet")
    assert code == 0
    assert load_workbook(book)[BUDGET_VS_ACTUAL_SHEET]["I3"].value == "Adverse / प्रतिकूल"
