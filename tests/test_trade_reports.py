"""Aging, Party Ledger and the tax invoice on the trading demo: the macros through the file adapter and
the JSON book (Excel) alike, the owned sheets they write, and ``bahi aging|party|invoice`` with the
invoice's PDF."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw

from addin import cli, invoice_pdf
from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.money import format_inr
from addin.engine.schema import (
    INVOICE_SHEET,
    PARTY_LEDGER_SHEET,
    PAYABLES_AGING_SHEET,
    RECEIVABLES_AGING_SHEET,
)
from addin.macros.post import TRADE_BOOK_TABLES
from addin.macros.run import RunResult
from addin.macros.trade_macros import AgingReport, InvoiceReport, aging_of, invoice_of, party_ledger_of
from tests.officejs import payload_from_xlsx
from tests.test_rendered_sheets import INDIAN, MINUS_AMOUNT, WESTERN, only_owned_sheets
from workbook_templates.trading import TRADING_DEMO_PATH

YEAR_END = dt.date(2026, 3, 31)
INVOICE = "SGT/25-26/0003"  # Deshmukh Brothers, Pune: cement at 28% and fans at 18%, within the state


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(TRADING_DEMO_PATH, tmp_path / "demo.xlsx"))


def on_file(path: Path, macro: Any, *, write: bool = False, **options: Any) -> RunResult:
    with FileBook.open(path) as book:
        result: RunResult = macro(book, write=write, **options)
        if write and not result.fatal:
            book.save()
    return result


def on_json_book(path: Path, macro: Any, **options: Any) -> RunResult:
    sheets = sorted({spec.sheet for spec in TRADE_BOOK_TABLES})
    book = XlwingsBook(xw.Book(json=payload_from_xlsx(path, include=sheets)))
    result: RunResult = macro(book, write=False, **options)
    return result


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sheet_rows(path: Path, name: str) -> list[list[Any]]:
    return [[c.value for c in row] for row in openpyxl.load_workbook(path)[name].iter_rows()]


# -- aging ---------------------------------------------------------------------------------------------


def test_aging_is_the_same_from_excel_and_from_a_file(demo: Path) -> None:
    local = on_file(demo, aging_of, as_of=YEAR_END)
    remote = on_json_book(demo, aging_of, as_of=YEAR_END)
    assert remote.records() == local.records()
    assert isinstance(local.report, AgingReport)
    assert [r.side for r in local.report.reports] == ["receivable", "payable"]


def test_aging_balances_customers_dr_and_vendors_cr(demo: Path) -> None:
    report = on_file(demo, aging_of, as_of=YEAR_END).report
    assert isinstance(report, AgingReport)
    summary = {(r["side"], r["party"]): r for r in report.summary()}
    assert summary["receivable", "C01"]["net"] == "478710.50"  # what =BAHI.OUTSTANDING says too
    assert all(not r["net"].startswith("-") for (side, _), r in summary.items() if side == "receivable")


def test_aging_writes_both_owned_sheets_and_leaves_the_tables_alone(demo: Path) -> None:
    before = sheet_rows(demo, "Sales")
    result = on_file(demo, aging_of, write=True, as_of=YEAR_END)
    assert {RECEIVABLES_AGING_SHEET, PAYABLES_AGING_SHEET} <= set(result.written)
    assert sheet_rows(demo, "Sales") == before
    text = " ".join(str(c) for row in sheet_rows(demo, RECEIVABLES_AGING_SHEET) for c in row if c is not None)
    assert "Receivables Aging / प्राप्य आयु विश्लेषण" in text
    assert "C01" in text


def test_the_aging_sheets_on_account_is_in_brackets_so_each_party_row_adds_up_as_printed(demo: Path) -> None:
    on_file(demo, aging_of, write=True, as_of=YEAR_END)
    sheet = openpyxl.load_workbook(demo)[RECEIVABLES_AGING_SHEET]
    heads = [c.value for c in sheet[2]]
    on_account, balance = heads.index("On account / खाते पर"), heads.index("Balance / शेष")
    totals = [row for row in sheet.iter_rows(min_row=3) if row[2].value == "Party total / पक्ष योग"]
    c01 = next(row for row in totals if row[0].value == "C01")
    assert c01[on_account].value < 0  # money received against no bill takes away from the bills
    assert c01[on_account].number_format.startswith("[$-4009]#,##0.00_);[$-4009](#,##0.00)")
    for row in totals:
        printed = sum(cell.value or 0 for cell in row[6 : on_account + 1])
        assert abs(printed - row[balance].value) < 0.005, row[0].value  # receivables: all Dr


def test_bahi_aging_json_lists_each_pending_bill(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "aging", demo, "--side", "receivables", "--as-of", "31/03/2026", "--format", "json"
    )
    assert code == cli.EXIT_ERRORS  # the demo's planted errors; the report is printed all the same
    bills = json.loads(out)
    assert bills
    assert {b["side"] for b in bills} == {"receivable"}
    assert {"party", "bill", "due", "days", "bucket", "pending"} <= set(bills[0])


def test_bahi_aging_text_names_each_party_and_ends_each_side_as_its_sheet_does(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "aging", demo, "--as-of", "31/03/2026", "-q")
    assert code == cli.EXIT_ERRORS  # the demo's planted errors
    lines = out.splitlines()
    c01 = next(line for line in lines if " C01 " in line)
    assert "Ravi Kumar Enterprises" in c01
    assert c01.endswith("4,78,710.50 Dr")
    on_file(demo, aging_of, write=True, as_of=YEAR_END)
    tail = sheet_rows(demo, RECEIVABLES_AGING_SHEET)[-3:]  # grand total, control account, difference
    receivables = [line for line in lines if line.startswith("receivable")]
    for row in tail:
        label, amount = row[2], format_inr(int(Decimal(str(row[-2])) * 100))
        shown = next(line for line in receivables if label in line)
        assert shown.endswith(f" {amount} {row[-1]}"), (label, shown)
    assert any(line.startswith("receivable") and "Difference" in line for line in lines)
    assert sum("Grand total / कुल योग" in line for line in lines) == 2  # receivables and payables


# -- party ledger ----------------------------------------------------------------------------------------


def test_a_partys_ledger_runs_to_its_aging_balance(demo: Path) -> None:
    result = on_file(demo, party_ledger_of, party="ravi kumar enterprises", end=YEAR_END)
    entries = result.records()
    assert entries
    assert entries[-1]["balance"] == "478710.50"
    assert on_json_book(demo, party_ledger_of, party="C01", end=YEAR_END).records() == entries


def test_a_partys_ledger_opens_with_the_balance_brought_forward_and_closes_with_the_periods_totals(
    demo: Path,
) -> None:
    whole = on_file(demo, party_ledger_of, party="C01", end=YEAR_END).records()
    start = dt.date(2026, 3, 1)
    period = on_file(demo, party_ledger_of, party="C01", start=start, end=YEAR_END).records()
    opening, *entries, closing = period
    before = [r for r in whole[1:-1] if r["date"] < start.isoformat()]
    assert (opening["kind"], opening["date"]) == ("Opening balance / प्रारंभिक शेष", "2026-03-01")
    assert opening["balance"] == before[-1]["balance"], "brought forward from the entries before --from"
    assert entries == [r for r in whole[1:-1] if r["date"] >= start.isoformat()]
    assert (closing["kind"], closing["date"], closing["balance"]) == (
        "Closing balance / अंतिम शेष", "2026-03-31", entries[-1]["balance"]
    )
    assert Decimal(closing["debit"]) == sum(Decimal(r["debit"]) for r in entries)
    assert Decimal(closing["credit"]) == sum(Decimal(r["credit"]) for r in entries)


def test_without_from_a_partys_ledger_opens_with_its_accounts_opening_on_the_first_entrys_day(
    demo: Path,
) -> None:
    result = on_file(demo, party_ledger_of, party="C01", end=YEAR_END)
    opening, first = result.records()[:2]
    assert opening["kind"] == "Opening balance / प्रारंभिक शेष"
    assert opening["date"] == first["date"]
    assert Decimal(opening["balance"]) * 100 == result.report.ledger.opening


def test_bahi_party_shows_the_opening_and_closing_rows_in_english_and_hindi_with_dr_cr(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "party", demo, "C01", "--from", "01/03/2026", "--to", "31/03/2026", "-q")
    lines = [line for line in out.splitlines() if "balance" in line]
    assert lines[0].startswith("01/03/2026")
    assert "Opening balance / प्रारंभिक शेष" in lines[0]
    assert lines[-1].startswith("31/03/2026")
    assert "Closing balance / अंतिम शेष" in lines[-1]
    assert re.search(r"[\d,]+\.\d\d (Dr|Cr)$", lines[0].rstrip())


def test_an_unknown_party_is_a_note_not_a_sheet(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = on_file(demo, party_ledger_of, write=True, party="Nobody & Co")
    assert result.report is None
    assert result.note is not None
    assert PARTY_LEDGER_SHEET not in result.written
    code, _, err = run(capsys, "party", demo, "Nobody & Co")
    assert code == cli.EXIT_UNREADABLE
    assert "Nobody & Co" in err


def test_bahi_party_write_adds_the_party_ledger_sheet(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "party", demo, "C01", "--to", "31/03/2026", "--write", "--quiet")
    assert code == cli.EXIT_ERRORS, err
    assert PARTY_LEDGER_SHEET in openpyxl.load_workbook(demo).sheetnames


# -- the tax invoice ---------------------------------------------------------------------------------------


def test_the_invoice_carries_what_rule_46_asks(demo: Path) -> None:
    report = on_file(demo, invoice_of, number=INVOICE).report
    assert isinstance(report, InvoiceReport)
    invoice = report.invoice
    assert invoice.supplier.gstin == "27ABVFS4821K1ZH"
    assert invoice.recipient.name == "Deshmukh Brothers"
    assert invoice.recipient.address
    assert [line.hsn for line in invoice.lines] == ["2523", "8414"]
    assert invoice.words_en == "Rupees One Lakh Seventy Three Thousand Nine Hundred Fifty Eight Only"
    assert invoice.words_hi == "एक लाख तिहत्तर हज़ार नौ सौ अट्ठावन रुपये मात्र"


def test_the_invoice_sheet_is_written_for_printing(demo: Path) -> None:
    result = on_file(demo, invoice_of, write=True, number=INVOICE)
    assert INVOICE_SHEET in result.written
    sheet = openpyxl.load_workbook(demo)[INVOICE_SHEET]
    assert sheet.page_setup.orientation == "portrait"
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert INVOICE in text
    assert "एक लाख तिहत्तर हज़ार नौ सौ अट्ठावन रुपये मात्र" in text


def test_the_invoice_sheets_tax_breakup_heads_its_last_column_total_tax_not_total(demo: Path) -> None:
    """In the lines "Total ₹" is the value with tax (cement: 82,390.00 + 2 × 11,534.60); in the tax
    breakup the last column is the tax alone (23,069.20 at 28%), so it has a heading of its own."""
    on_file(demo, invoice_of, write=True, number=INVOICE)
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(demo)[INVOICE_SHEET].iter_rows()]
    lines_at = next(r for r, row in enumerate(rows) if row[1] == "Description")
    breakup_at = next(r for r, row in enumerate(rows) if row[1] == "Tax breakup / कर विवरण")
    last = len(rows[lines_at]) - 1
    assert rows[lines_at][last] == "Total ₹"
    assert rows[lines_at + 2][last] == 105459.2  # cement's value with tax
    assert rows[breakup_at + 1][1:] == ["GST rate", None, None, None, None, "Taxable ₹", "CGST %", "CGST ₹",
                                        "SGST %", "SGST ₹", "Total tax ₹"]  # fmt: skip
    assert rows[breakup_at + 2][last] == "कुल कर"
    assert [row[last] for row in rows[breakup_at + 3 : breakup_at + 5]] == [10449.0, 23069.2]  # 18 %, 28 %


def test_bahi_invoice_pdf_embeds_a_devanagari_font_and_says_the_amount(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "out" / "invoice.pdf"
    code, out, err = run(capsys, "invoice", demo, INVOICE, "--pdf", pdf)
    assert code == cli.EXIT_ERRORS, err
    assert "Rupees One Lakh Seventy Three Thousand Nine Hundred Fifty Eight Only" in out
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    assert "Devanagari" in fonts
    assert " yes yes yes " in fonts  # embedded, subset, with a ToUnicode map
    text = subprocess.run(
        ["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert INVOICE in text
    assert "1,73,958.00" in text
    assert "कर बीजक" in text
    assert "अट्ठावन रुपये मात्र" in text  # the conjunct ṭṭha, shaped by HarfBuzz, reads back as typed
    assert "Total tax ₹" in text  # the tax breakup's own heading: its last column is tax, not a total


def test_bahi_invoice_text_shows_the_totals_round_off_and_value_before_the_amount_in_words(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "invoice", demo, INVOICE, "-q")
    assert code == cli.EXIT_ERRORS  # the demo's planted errors elsewhere in the book
    lines = out.splitlines()
    expected = [
        ("Taxable value / कर योग्य मूल्य", "1,40,440.00"),
        ("CGST / सीजीएसटी", "16,759.10"),
        ("SGST / एसजीएसटी", "16,759.10"),
        ("Round off, less / पूर्णांकन, घटाया", "0.20"),
        ("Invoice value / बीजक मूल्य", "1,73,958.00"),
    ]
    at = [next(i for i, line in enumerate(lines) if line.startswith(label)) for label, _ in expected]
    assert at == sorted(at)
    for i, (_, amount) in zip(at, expected, strict=True):
        assert lines[i].endswith(f" {amount}")
    words = lines.index("Rupees One Lakh Seventy Three Thousand Nine Hundred Fifty Eight Only")
    assert words > at[-1]


def test_without_a_devanagari_font_the_pdf_is_refused_with_the_fix(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(invoice_pdf, "FONT_PATHS", ())
    monkeypatch.delenv("BAHI_PDF_FONT", raising=False)
    pdf = tmp_path / "invoice.pdf"
    code, _, err = run(capsys, "invoice", demo, INVOICE, "--pdf", pdf)
    assert code != 0
    assert "fonts-lohit-deva" in err
    assert "Traceback" not in err
    assert not pdf.exists()


def test_an_unknown_invoice_number_is_a_note(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "invoice", demo, "SGT/99-00/9999")
    assert code != 0
    assert "SGT/99-00/9999" in err


# -- as LibreOffice prints them -------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_the_printed_trade_sheets_read_lakh_grouped_in_dr_and_cr(demo: Path, tmp_path: Path) -> None:
    on_file(demo, aging_of, write=True, as_of=YEAR_END)
    on_file(demo, party_ledger_of, write=True, party="C04", end=YEAR_END)
    on_file(demo, invoice_of, write=True, number=INVOICE)
    printed = only_owned_sheets(demo, tmp_path / "sheets.xlsx")
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(printed)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", tmp_path / "sheets.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    for title in ("Receivables Aging / प्राप्य आयु विश्लेषण", "Payables Aging / देय आयु विश्लेषण",
                  "Party Ledger / पक्ष खाता", "TAX INVOICE / कर बीजक"):  # fmt: skip
        assert title in text
    assert "to 31/03/2026" in text  # the party ledger's period is the one asked for
    assert INDIAN.search(text)
    assert not WESTERN.search(text)
    assert not MINUS_AMOUNT.search(text)
    assert re.search(r"4,78,710\.50 ?Dr", text)  # C01's balance on the Receivables Aging


def test_the_invoice_is_the_same_from_excel_and_from_a_file_by_number_or_by_a_sales_row(demo: Path) -> None:
    local = on_file(demo, invoice_of, number=INVOICE)
    assert on_json_book(demo, invoice_of, number=INVOICE).records() == local.records()
    row = next(r for r, line in enumerate(sheet_rows(demo, "Sales"), start=1) if line[1] == INVOICE)
    assert on_file(demo, invoice_of, row=row + 1).records() == local.records()  # its second line
