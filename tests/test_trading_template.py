"""The trading template and its demo book, read back with openpyxl, and the demo's planted mistakes —
each found by a test that names it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any
from zipfile import ZipFile

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from addin import cli
from addin.books.base import read_tables
from addin.books.file_book import FileBook
from addin.engine.identifiers import gstin
from addin.engine.load import load_ledger
from addin.engine.money import INR_FORMAT
from addin.engine.schema import (
    ACCOUNTS,
    BALANCE_SHEET_SHEET,
    BUDGET,
    BUDGET_VS_ACTUAL_SHEET,
    GST_RATES,
    GST_RETURN_SETTING_ROWS,
    ITEMS,
    JOURNAL,
    PARTIES,
    PAYMENTS,
    PROFIT_AND_LOSS_SHEET,
    PURCHASES,
    RECEIPTS,
    REPORT_LINES,
    SALES,
    SETTING_ROWS,
    SETTINGS,
    TDS_SECTIONS,
    TRADE_SETTING_ROWS,
    TRADE_TABLES,
    TableSpec,
)
from addin.engine.statements import (
    balance_sheet,
    budget_vs_actual,
    fy_period,
    load_budget,
    load_report_lines,
    map_accounts,
    profit_and_loss,
)
from addin.engine.statements.mapping import AccountMap
from addin.macros.post import post_book
from tests.test_templates import shows_a_bare_minus, table_rows
from workbook_templates.build import DATE_FORMAT, README_SHEET
from workbook_templates.trading import (
    LISTS_SHEET,
    PERCENT_FORMAT,
    TRADING_DEMO_PATH,
    TRADING_PATH,
    build_trading,
)
from workbook_templates.trading_demo import trading_demo

MISTAKES = trading_demo().mistakes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("trading")
    return {
        "template": build_trading(folder / "trading.xlsx"),
        "demo": build_trading(folder / "demo-trading.xlsx", demo=True),
    }


@pytest.fixture(scope="module")
def template(built: dict[str, Path]) -> Workbook:
    return load_workbook(built["template"])


@pytest.fixture(scope="module")
def demo(built: dict[str, Path]) -> Workbook:
    return load_workbook(built["demo"])


@pytest.fixture(params=["template", "demo"])
def book(request: pytest.FixtureRequest) -> Workbook:
    result: Workbook = request.getfixturevalue(request.param)
    return result


@pytest.fixture(scope="module")
def found(built: dict[str, Path]) -> list[tuple[str, str, str]]:
    """What posting the demo (without writing) reports, as (rule, sheet, cell)."""
    with FileBook.open(built["demo"]) as book:
        result = post_book(book, write=False)
    return [(i.rule, i.sheet, i.cell) for i in result.issues]


def cell(wb: Workbook, sheet: str, address: str) -> Any:
    return wb[sheet][address].value


# ------------------------------------------------------------------------------------------------
# the workbook


def test_both_books_build_reproducibly_and_the_committed_files_are_up_to_date(
    built: dict[str, Path], tmp_path: Path
) -> None:
    assert build_trading(tmp_path / "again.xlsx", demo=True).read_bytes() == built["demo"].read_bytes()
    for committed, name in ((TRADING_PATH, "template"), (TRADING_DEMO_PATH, "demo")):
        with ZipFile(committed) as a, ZipFile(built[name]) as b:
            parts = {n: a.read(n) for n in a.namelist()}
            assert parts == {n: b.read(n) for n in b.namelist()}, "run: python -m workbook_templates.build"


@pytest.mark.parametrize("spec", [ACCOUNTS, JOURNAL, SETTINGS, *TRADE_TABLES], ids=lambda s: s.name)
def test_every_table_is_an_excel_table_at_a1_with_bilingual_headings(book: Workbook, spec: TableSpec) -> None:
    ws = book[spec.sheet]
    assert spec.name in ws.tables
    assert ws.tables[spec.name].ref.startswith("A1:")
    headings = [c.value for c in ws[1]][: len([c for c in spec.columns if not c.owned])]
    assert headings == [c.heading for c in spec.columns if not c.owned]
    assert ws.freeze_panes == "A2"


def test_the_read_me_comes_first_and_explains_posting(book: Workbook) -> None:
    assert book.sheetnames[0] == README_SHEET
    text = " ".join(str(c.value) for row in book[README_SHEET].iter_rows() for c in row if c.value)
    assert "bahi post" in text
    assert "Against" in text
    assert "43B(h)" in text


def test_settings_hold_the_ledgers_rows_then_the_company_gstin_and_posting_accounts(
    template: Workbook,
) -> None:
    settings = [r["Setting"] for r in table_rows(template, SETTINGS)]
    rows = (*SETTING_ROWS, *TRADE_SETTING_ROWS, *GST_RETURN_SETTING_ROWS)
    expected = [f"{en} / {hi}" for en, hi, _, _ in rows]
    assert settings == expected
    codes = {str(r["Code"]) for r in table_rows(template, ACCOUNTS)}
    accounts = [str(r["Value"]) for r in table_rows(template, SETTINGS) if "Account /" in str(r["Setting"])]
    assert all(code in codes for code in accounts if code and code != "None")


def dropdowns(wb: Workbook, sheet: str) -> dict[str, str]:
    """First cell of each list validation -> its formula."""
    ws = wb[sheet]
    return {
        str(v.sqref).split(":")[0]: str(v.formula1)
        for v in ws.data_validations.dataValidation
        if v.type == "list"
    }


def test_dropdowns_offer_parties_items_states_types_and_yes_no(template: Workbook) -> None:
    sales = dropdowns(template, SALES.sheet)
    assert sales["A2"] == '"Invoice,Credit Note,Debit Note"'
    assert (sales["D2"], sales["F2"], sales["E2"]) == ("PartyCodes", "ItemCodes", "StateList")
    assert sales["L2"] == '"Yes,No"'
    assert dropdowns(template, PURCHASES.sheet)["A2"] == '"Bill,Credit Note,Debit Note"'
    assert dropdowns(template, PARTIES.sheet)["F2"] == '"Customer,Vendor,Both"'
    assert dropdowns(template, PAYMENTS.sheet)["H2"] == "TDSSectionCodes"
    lists = template[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    assert lists["A2"].value == "01-Jammu and Kashmir"
    assert lists["A28"].value == "27-Maharashtra"
    assert set(template.defined_names) >= {"PartyCodes", "ItemCodes", "StateList", "TDSSectionCodes"}


def test_amounts_are_lakh_grouped_dates_dd_mm_yyyy_rates_shown_with_percent_and_codes_kept_as_text(
    demo: Workbook,
) -> None:
    ws = demo[SALES.sheet]
    assert ws["C2"].number_format == DATE_FORMAT
    assert ws["J2"].number_format == INR_FORMAT
    assert ws["K2"].number_format == PERCENT_FORMAT
    assert ws["B2"].number_format == "@"
    assert demo[ITEMS.sheet]["C2"].number_format == "@"
    assert demo[GST_RATES.sheet]["C2"].number_format == DATE_FORMAT
    assert demo[RECEIPTS.sheet]["D2"].number_format == INR_FORMAT


def test_the_demos_overdrawn_bank_balances_read_in_brackets_never_with_a_bare_minus(demo: Workbook) -> None:
    overdrawn = [row[5] for row in demo["Bank Statement"].iter_rows(min_row=2)
                 if isinstance(row[5].value, int | float) and row[5].value < 0]  # fmt: skip
    assert len(overdrawn) > 100  # the demo's bank goes overdrawn for months
    assert not any(shows_a_bare_minus(cell.number_format) for cell in overdrawn)


def test_tds_sections_hold_the_years_rates_and_limits(template: Workbook) -> None:
    sections = {r["Section"]: r for r in table_rows(template, TDS_SECTIONS)}
    assert set(sections) == {"194C", "194J", "194I", "194Q"}
    assert (sections["194C"]["Rate Individual"], sections["194C"]["Rate Others"]) == (1, 2)
    assert (sections["194C"]["Single Limit"], sections["194C"]["Yearly Limit"]) == (30_000, 1_00_000)
    assert sections["194J"]["Yearly Limit"] == 50_000  # raised from ₹30,000 from 1 April 2025
    assert sections["194I"]["Single Limit"] == 50_000  # a month's rent, from 1 April 2025
    assert (sections["194Q"]["Rate Others"], sections["194Q"]["On Excess"]) == (0.1, "Yes")


def test_the_template_trade_tables_are_empty_but_one_row(template: Workbook) -> None:
    for spec in (PARTIES, ITEMS, GST_RATES, SALES, PURCHASES, RECEIPTS, PAYMENTS):
        assert template[spec.sheet].tables[spec.name].ref.endswith("2")


@pytest.mark.libreoffice
def test_libreoffice_opens_both_trading_books(built: dict[str, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv",
         "--outdir", str(tmp_path), str(built["template"]), str(built["demo"])],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Bahi trading books" in (tmp_path / "demo-trading.csv").read_text(
        encoding="utf-8", errors="replace"
    )
    assert (tmp_path / "trading.csv").stat().st_size > 0


# ------------------------------------------------------------------------------------------------
# the demo's year


def test_the_demo_keeps_a_year_of_trade(demo: Workbook) -> None:
    sales, purchases = table_rows(demo, SALES), table_rows(demo, PURCHASES)
    invoices = [r for r in sales if r["Number"] and not r["Type"]]
    assert len(invoices) >= 300
    assert len(sales) >= 600
    assert len([r for r in sales if r["Type"] == "Credit Note"]) >= 5
    assert len({r["Number"] for r in purchases if r["Number"]}) >= 140
    assert any(r["Reverse Charge"] == "Yes" for r in purchases)
    dates = [r["Date"] for r in sales if r["Date"]]
    assert min(dates) >= dt.datetime(2025, 4, 1)
    assert max(dates) <= dt.datetime(2026, 3, 31)
    assert len(table_rows(demo, RECEIPTS)) >= 300
    assert len(table_rows(demo, PAYMENTS)) >= 140


def test_the_demo_journal_holds_no_invoice_or_bill_yet(demo: Workbook) -> None:
    vouchers = {str(r["Voucher"]) for r in table_rows(demo, JOURNAL)}
    assert not any("#" in v for v in vouchers)
    assert {v.split("-")[0] for v in vouchers} == {"BP", "CP", "CV", "JV"}


def test_the_demo_has_the_cement_rate_change_of_22_september_2025(demo: Workbook) -> None:
    cement = [
        (r["GST Rate"], r["Effective From"].date())
        for r in table_rows(demo, GST_RATES)
        if r["Item"] == "CEMENT"
    ]
    assert cement == [(28, dt.date(2017, 7, 1)), (18, dt.date(2025, 9, 22))]


def test_posting_the_demo_finds_exactly_the_planted_mistakes(found: list[tuple[str, str, str]]) -> None:
    assert sorted(found) == sorted(MISTAKES)
    assert len(MISTAKES) == 8


def test_planted_duplicate_invoice_number(demo: Workbook, found: list[tuple[str, str, str]]) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "duplicate-invoice-number"]
    assert where in found
    number = cell(demo, SALES.sheet, where[2])
    earlier = [r for r in table_rows(demo, SALES) if r["Number"] == number]
    assert len(earlier) == 2
    assert earlier[0]["Date"] < earlier[1]["Date"]


def test_planted_bad_gstin(demo: Workbook, found: list[tuple[str, str, str]]) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "invalid-gstin"]
    assert where in found
    typed = cell(demo, PARTIES.sheet, where[2])
    assert len(typed) == 15
    assert not gstin.is_valid(typed)
    assert gstin.is_valid(typed[:14] + gstin.calc_check_character(typed[:14]))  # one character off


def test_planted_wrong_place_of_supply(demo: Workbook, found: list[tuple[str, str, str]]) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "place-of-supply-mismatch"]
    assert where in found
    assert cell(demo, SALES.sheet, where[2]) == "27-Maharashtra"
    party = cell(demo, SALES.sheet, "D" + where[2][1:])
    gstin_typed = next(r["GSTIN"] for r in table_rows(demo, PARTIES) if r["Code"] == party)
    assert gstin_typed.startswith("29")


def test_planted_hsn_of_five_digits(demo: Workbook, found: list[tuple[str, str, str]]) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "invalid-hsn"]
    assert where in found
    assert cell(demo, ITEMS.sheet, where[2]) == "85365"


def test_planted_note_against_a_missing_invoice(demo: Workbook, found: list[tuple[str, str, str]]) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "note-without-invoice"]
    assert where in found
    against = cell(demo, SALES.sheet, where[2])
    assert cell(demo, SALES.sheet, "A" + where[2][1:]) == "Credit Note"
    assert against not in {r["Number"] for r in table_rows(demo, SALES)}


def test_planted_duplicate_vendor_bill(demo: Workbook, found: list[tuple[str, str, str]]) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "duplicate-bill"]
    assert where in found
    number = cell(demo, PURCHASES.sheet, where[2])
    assert number.replace("-", "/") in {r["Number"] for r in table_rows(demo, PURCHASES)}


def test_planted_msme_bill_unpaid_past_45_days(demo: Workbook, found: list[tuple[str, str, str]]) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "msme-overdue"]
    assert where in found
    number = cell(demo, PURCHASES.sheet, where[2])
    party = cell(demo, PURCHASES.sheet, "D" + where[2][1:])
    assert next(r["MSME"] for r in table_rows(demo, PARTIES) if r["Code"] == party) == "Yes"
    assert number not in {r["Against"] for r in table_rows(demo, PAYMENTS)}
    assert (dt.datetime(2026, 3, 31) - cell(demo, PURCHASES.sheet, "C" + where[2][1:])).days > 45


def test_planted_manual_journal_entry_duplicating_a_bill(
    demo: Workbook, found: list[tuple[str, str, str]]
) -> None:
    (where,) = [m for m in MISTAKES if m[0] == "manual-duplicate"]
    assert where in found
    row = int(where[2][1:])
    reference = cell(demo, JOURNAL.sheet, f"H{row}")
    assert reference in {r["Number"] for r in table_rows(demo, PURCHASES)}
    assert not str(cell(demo, JOURNAL.sheet, where[2])).count("#")


# ------------------------------------------------------------------------------------------------
# statements and budget


@pytest.fixture(scope="module")
def posted(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo after ``bahi post --write``: its documents are in the Journal."""
    path = Path(shutil.copyfile(built["demo"], tmp_path_factory.mktemp("posted") / "books.xlsx"))
    with FileBook.open(path) as book:
        post_book(book, write=True)
        book.save()
    return path


def mapped_accounts(path: Path) -> tuple[AccountMap, Any]:
    """The book's accounts mapped by its ReportLines, and its Budget table."""
    with FileBook.open(path) as book:
        tables = read_tables(book, (ACCOUNTS, JOURNAL, SETTINGS, REPORT_LINES, BUDGET))
    ledger, _ = load_ledger(tables)
    lines, issues = load_report_lines(tables[REPORT_LINES.name])
    assert issues == []
    return map_accounts(ledger, lines), tables[BUDGET.name]


@pytest.mark.parametrize("name", ["template", "demo"])
def test_both_books_map_every_account_of_the_trading_chart_to_a_schedule_iii_line(
    built: dict[str, Path], name: str
) -> None:
    mapped, _ = mapped_accounts(built[name])
    assert mapped.issues == ()  # no unmapped-account
    ledger_accounts = [a for a in mapped.accounts if not mapped.posted.tree.is_group(a.code)]
    assert {a.code for a in ledger_accounts} >= {"2134", "2135", "5395"}  # the trading chart's own
    assert all(a.mapped for a in ledger_accounts)


def test_statements_and_budget_run_on_the_posted_demo_and_write_their_sheets(
    posted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["statements", str(posted), "--write", "--quiet"]) == 0
    assert cli.main(["budget", str(posted), "--write", "--quiet"]) == 0
    capsys.readouterr()
    sheets = load_workbook(posted, read_only=True).sheetnames
    assert {PROFIT_AND_LOSS_SHEET, BALANCE_SHEET_SHEET, BUDGET_VS_ACTUAL_SHEET} <= set(sheets)


def test_the_posted_demos_balance_sheet_balances_and_carries_the_years_profit(posted: Path) -> None:
    mapped, _ = mapped_accounts(posted)
    year, opening_day = fy_period(2025), dt.date(2025, 3, 31)
    bs = balance_sheet(mapped, [opening_day, year])
    for column in (0, 1):
        assert bs.amount("bs.total_assets", column) == bs.amount("bs.total_equity_and_liabilities", column)
        assert bs.amount("bs.difference", column) == 0
    profit = profit_and_loss(mapped, [year]).amount("pl.profit_for_the_period")
    carried = [bs.amount("bs.reserves_and_surplus.surplus", c) for c in (0, 1)]
    assert profit == carried[1] - carried[0] != 0
    assert bs.issues == ()


def test_the_demo_budget_covers_sales_purchases_and_overheads_month_by_month(posted: Path) -> None:
    mapped, table = mapped_accounts(posted)
    budget, issues = load_budget(table, mapped)
    assert issues == []
    report = budget_vs_actual(mapped, budget, as_of=dt.date(2026, 3, 31))
    labels = [line.label for line in report.lines]
    assert labels == [
        "4100 Sales", "5100 Purchases", "5310 Salaries & Wages", "5320 Rent", "5330 Electricity",
        "Other expenses (less accounts budgeted apart)",
    ]  # fmt: skip
    assert all(line.year_to_date.actual > 0 for line in report.lines)  # every budgeted line has actuals
