"""Reading bank statement files, as an accountant would specify it: each bank's export, read right.

The sample files in tests/data/statements are invented (names, accounts and amounts), laid out
with the column headings the banks' netbanking exports use.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from pathlib import Path

import openpyxl
import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.issues import Severity, has_fatal
from addin.engine.reconciliation import statement_import
from addin.engine.reconciliation.statement_import import (
    NO_AMOUNT,
    NO_LINES,
    OTHER_CURRENCY,
    UNKNOWN_LAYOUT,
    UNREADABLE_LINE,
    StatementImport,
    StatementLine,
    as_rows,
    excel_sheets,
    key_of,
    line_key,
    new_lines,
    read_statement,
    xlrd_sheets,
)

SAMPLES = Path(__file__).parent.parent / "data" / "statements"
D = dt.date


def sample(name: str) -> StatementImport:
    return read_statement((SAMPLES / name).read_bytes(), name)


def summary(result: StatementImport) -> list[tuple[dt.date, int, int, int | None, int]]:
    """(date, withdrawal, deposit, balance, source row) of each line."""
    return [(x.date, x.withdrawal, x.deposit, x.balance, x.source_row) for x in result.lines]


def csv_bytes(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(rows) + "\n").encode(encoding)


# ----------------------------------------------------------------------------------------------
# each bank's export


def test_hdfc_csv_skips_the_account_details_the_asterisk_rows_and_the_statement_summary() -> None:
    result = sample("hdfc.csv")
    assert result.layout == "hdfc"
    assert result.issues == []
    assert summary(result) == [
        (D(2025, 4, 1), 0, 1500000, 11500000, 8),
        (D(2025, 4, 3), 4250000, 0, 7250000, 9),
        (D(2025, 4, 5), 0, 10000050, 17250050, 10),
        (D(2025, 4, 10), 1770, 0, 17248280, 11),
    ]
    assert result.lines[1].reference == "000123"
    assert result.lines[1].description == "CHQ PAID-MICR CTS-CH-ACME SUPPLIES"
    assert result.columns_found[:3] == ("Date", "Narration", "Chq./Ref.No.")


def test_sbi_tab_separated_export_with_day_month_name_dates() -> None:
    result = sample("sbi.tsv")
    assert result.layout == "sbi"
    assert result.issues == []
    assert summary(result) == [
        (D(2025, 4, 1), 0, 2500000, 7500000, 7),
        (D(2025, 4, 2), 125000, 0, 7375000, 8),
        (D(2025, 4, 4), 500000, 0, 6875000, 9),
        (D(2025, 4, 30), 0, 31200, 6906200, 10),
    ]
    assert result.lines[0].reference == "TRANSFER FROM 3199412345678"


def test_icici_reads_the_transaction_date_not_the_value_date_and_a_dash_is_no_reference() -> None:
    result = sample("icici.csv")
    assert result.layout == "icici"
    assert [x.reference for x in result.lines] == ["", "000456", ""]
    assert summary(result)[0] == (D(2025, 4, 2), 2500000, 0, 27500000, 5)
    assert result.lines[-1].deposit == 5400000


def test_axis_skips_the_opening_balance_and_stops_at_the_closing_balance() -> None:
    result = sample("axis.csv")
    assert result.layout == "axis"
    assert result.issues == []
    assert summary(result) == [
        (D(2025, 4, 1), 152000, 0, 1848000, 6),
        (D(2025, 4, 8), 0, 300000, 2148000, 7),
        (D(2025, 4, 9), 0, 1250050, 3398050, 8),
    ]


def test_kotak_one_amount_column_with_dr_cr_and_a_balance_in_debit() -> None:
    result = sample("kotak.csv")
    assert result.layout == "kotak"
    assert result.issues == []
    assert summary(result) == [
        (D(2025, 4, 1), 200000, 0, 4800000, 6),
        (D(2025, 4, 3), 0, 1200000, 6000000, 7),
        (D(2025, 4, 6), 6000100, 0, -100, 8),  # 1.00 Dr: overdrawn
    ]


def test_headings_are_matched_whatever_their_case_spacing_and_currency_note() -> None:
    data = csv_bytes(
        "s no,value date,transaction date,cheque number,TRANSACTION  REMARKS,"
        "WITHDRAWAL AMOUNT(INR),Deposit Amount ( INR ),Balance(INR)",
        "1,01/04/2025,01/04/2025,,Rent,100.00,,900.00",
    )
    result = read_statement(data, "icici.csv")
    assert result.layout == "icici"
    assert summary(result) == [(D(2025, 4, 1), 10000, 0, 90000, 2)]


def test_a_header_row_with_date_description_and_debit_credit_is_read_as_generic() -> None:
    data = csv_bytes(
        "Txn Posted Date;Remarks;Debit Amt;Credit Amt;Balance;Ref No",
        "01-Apr-25;UPI RAVI;;1.500,00;;",  # not an Indian amount: unreadable
        "02-Apr-25;ATM;2000;;9500 Cr;R-2",
    )
    result = read_statement(data, "bank.csv")
    assert result.layout == "generic"
    assert summary(result) == [(D(2025, 4, 2), 200000, 0, 950000, 3)]
    assert [(i.rule, i.cell, i.value) for i in result.issues] == [(UNREADABLE_LINE, "row 2", "1.500,00")]


def test_a_signed_amount_column_without_dr_cr_is_read_by_its_sign() -> None:
    data = csv_bytes("Date,Particulars,Amount", "01/04/2025,Interest,250.00", "02/04/2025,Charges,-17.70")
    assert [(x.withdrawal, x.deposit) for x in read_statement(data, "x.csv").lines] == [(0, 25000), (1770, 0)]


def test_a_narration_wrapped_onto_the_next_row_joins_its_line() -> None:
    data = csv_bytes(
        "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance",
        "1 Apr 2025,1 Apr 2025,BY TRANSFER-NEFT,,,500.00,1500.00",
        ",,KAVITA ENTERPRISES,,,,",
    )
    (line,) = read_statement(data, "sbi.csv").lines
    assert line.description == "BY TRANSFER-NEFT KAVITA ENTERPRISES"


def test_dates_in_every_form_banks_write_them() -> None:
    dates = ["01/04/25", "01/04/2025", "01 Apr 2025", "01-Apr-25", "01-04-2025 10:15 AM", "2025-04-01"]
    rows = [f"{d},Line {k},,1.00" for k, d in enumerate(dates)]
    result = read_statement(csv_bytes("Date,Narration,Debit,Credit", *rows), "x.csv")
    assert {x.date for x in result.lines} == {D(2025, 4, 1)}
    assert len(result.lines) == len(dates)


def test_utf8_with_bom_and_windows_1252_files_are_both_read() -> None:
    rows = ("Date,Narration,Withdrawal Amt.,Deposit Amt.", "01/04/25,Café Mocha,120.00,")
    for data in (b"\xef\xbb\xbf" + csv_bytes(*rows), csv_bytes(*rows, encoding="cp1252")):
        (line,) = read_statement(data, "x.csv").lines
        assert line.description == "Café Mocha"
        assert line.withdrawal == 12000


def test_an_html_table_saved_as_xls_is_read() -> None:
    page = (
        "<html><body><table><tr><td>Account</td><td>123</td></tr>"
        "<tr><th>Tran Date</th><th>CHQNO</th><th>PARTICULARS</th><th>DR</th><th>CR</th><th>BAL</th>"
        "<th>SOL</th></tr>"
        "<tr><td>01-04-2025</td><td></td><td>Tea &amp; snacks</td><td>150.00</td><td></td><td>850.00</td>"
        "<td>248</td></tr></table></body></html>"
    )
    result = read_statement(page.encode(), "statement.xls")
    assert result.layout == "axis"
    assert [(x.description, x.withdrawal) for x in result.lines] == [("Tea & snacks", 15000)]


def test_hdfc_delimited_export_keeps_a_narration_holding_commas_without_quotes() -> None:
    """HDFC's "Delimited" .txt pads every field with spaces and never quotes: a comma in the
    narration splits it in two, and the line used to be lost."""
    result = sample("hdfc_delimited.txt")
    assert result.layout == "hdfc"
    assert result.issues == []
    assert [x.description for x in result.lines] == [
        "UPI-RAVI KUMAR-RAVI@OKAXIS-512345678901-PAYMENT",
        "NEFT CR-SBIN0001234-PATEL AND SONS, SURAT-INV 45",
        "IMPS-509812345678-SHAH, ANKIT-REFUND, APRIL",
        "SMS ALERT CHARGES 01-01-25 TO 31-03-25",
    ]
    assert summary(result) == [
        (D(2025, 4, 1), 0, 1500000, 11500000, 2),
        (D(2025, 4, 3), 0, 10000050, 21500050, 3),
        (D(2025, 4, 5), 300000, 0, 21200050, 4),
        (D(2025, 4, 10), 1770, 0, 21198280, 5),
    ]
    assert [x.reference for x in result.lines] == [
        "0000512345678901", "SBINN52025040312345678", "0000509812345678", "",  # all zeros: none
    ]  # fmt: skip


def test_a_row_with_blank_fields_past_the_headings_is_not_rejoined() -> None:
    data = csv_bytes("Date,Narration,Debit,Credit,Balance", "01/04/25,ATM,100.00,,900.00,,")
    (line,) = read_statement(data, "x.csv").lines
    assert (line.description, line.withdrawal, line.balance) == ("ATM", 10000, 90000)


def test_a_narration_in_the_last_column_keeps_its_commas() -> None:
    data = csv_bytes("Date,Debit,Credit,Narration", "01/04/25,100.00,,NEFT-SHAH, ANKIT, REFUND")
    (line,) = read_statement(data, "x.csv").lines
    assert line.description == "NEFT-SHAH, ANKIT, REFUND"


def test_icici_credit_card_reads_the_rupee_amount_and_a_blank_sign_as_a_debit() -> None:
    """ICICI's card CSV: "Intl.Amount" (the foreign currency) before "Amount(in Rs)", and a
    BillingAmountSign cell that says "CR" for a payment or refund and nothing for a purchase."""
    result = sample("icici_card.csv")
    assert result.layout == "icici-card"
    assert result.issues == []
    assert summary(result) == [
        (D(2025, 4, 1), 341200, 0, None, 9),  # 39.87 USD charged as ₹3,412.00
        (D(2025, 4, 3), 125000, 0, None, 10),
        (D(2025, 4, 5), 0, 734715, None, 11),
        (D(2025, 4, 8), 0, 25000, None, 12),
    ]
    assert result.lines[0].description == "RENDER.COM RENDER.COM US"


def test_a_sign_column_holding_the_signed_amount_gives_its_side() -> None:
    data = csv_bytes(
        "Date,Sr.No.,Transaction Details,Reward Point Header,Intl.Amount,Amount(in Rs),BillingAmountSign",
        "09-APR-25,7,INDIAN OIL,8,0.00,867.96,867.96",
        "12-APR-25,8,PAYMENT RECEIVED,0,0.00,867.96,-867.96",
    )
    lines = read_statement(data, "card.csv").lines
    assert [(x.withdrawal, x.deposit) for x in lines] == [(86796, 0), (0, 86796)]


def test_an_amount_with_its_own_cr_and_a_blank_dr_cr_cell_is_a_credit() -> None:
    data = csv_bytes("Date,Description,Amount,Dr / Cr", "01/04/25,Refund,120.00 Cr,", "02/04/25,Fee,10.00,")
    lines = read_statement(data, "x.csv").lines
    assert [(x.withdrawal, x.deposit) for x in lines] == [(0, 12000), (1000, 0)]


def test_kotak_cells_wrapped_in_excel_text_formulas_are_unwrapped() -> None:
    """Kotak writes ="..." around text that Excel would otherwise turn into a number (a
    reference's leading zeros), quoted or not; the wrapper is not part of the text."""
    result = sample("kotak_wrapped.csv")
    assert result.layout == "kotak"
    assert result.issues == []
    assert [(x.description, x.reference) for x in result.lines] == [
        ("UPI/ANJALI RAO/509112345678/Tuition", "UPI-509112345678"),
        ("NEFT FROM PRIYA SHARMA", "KKBKN52025040300001234"),
        ("CHQ DEPOSIT CLG", "000456"),
        ("DEBIT CARD ANNUAL FEE", ""),
    ]
    assert summary(result)[-1] == (D(2025, 4, 6), 6550100, 0, -100, 18)


def test_page_footers_page_totals_and_balances_carried_over_are_not_lines_nor_errors() -> None:
    result = sample("sbi_pages.tsv")
    assert result.layout == "sbi"
    assert result.issues == []
    assert summary(result) == [
        (D(2025, 4, 1), 0, 2500000, 7500000, 7),
        (D(2025, 4, 2), 125000, 0, 7375000, 8),
        (D(2025, 4, 4), 500000, 0, 6875000, 14),  # page 2, after "Page 1 of 2" and the header again
        (D(2025, 4, 30), 0, 31200, 6906200, 15),
    ]


@pytest.mark.parametrize(
    "footer", ["Page 1 of 3", "Page No. 2", "PAGE: 1/4", "Page Total", "Balance C/F", "Carried forward"]
)
def test_a_page_footer_in_any_cell_of_an_undated_row_is_skipped(footer: str) -> None:
    data = csv_bytes(
        "Date,Narration,Debit,Credit,Balance",
        "01/04/25,A,1.00,,99.00",
        f"{footer},,,,Printed on 01/05/2025",
        f",,,Printed on 01/05/2025,{footer}",
        "02/04/25,B,2.00,,97.00",
    )
    result = read_statement(data, "x.csv")
    assert ([x.description for x in result.lines], result.issues) == (["A", "B"], [])


def test_a_statement_with_no_line_below_its_header_is_a_failure_saying_so() -> None:
    result = read_statement(
        csv_bytes("Date,Narration,Debit,Credit,Balance", "Opening Balance,,,,500.00"), "x.csv"
    )
    assert result.lines == ()
    (issue,) = result.issues
    assert (issue.rule, issue.severity, issue.sheet, issue.cell) == (
        NO_LINES,
        Severity.FATAL,
        "x.csv",
        "row 1",
    )
    assert "no dated line" in issue.message_en
    assert "Date, Narration" in issue.message_en
    assert issue.message_hi
    assert issue.fix_en
    assert issue.fix_hi


def test_a_statement_whose_every_line_is_unreadable_fails_and_points_at_the_issues() -> None:
    data = csv_bytes("Date,Narration,Debit,Credit", "31/02/25,A,1.00,", "01/04/25,B,lots,")
    result = read_statement(data, "x.csv")
    assert [(i.rule, i.severity) for i in result.issues] == [
        (UNREADABLE_LINE, Severity.ERROR),
        (UNREADABLE_LINE, Severity.ERROR),
        (NO_LINES, Severity.FATAL),
    ]
    assert "the 2 other issue(s) listed say why" in result.issues[-1].message_en
    assert "2" in result.issues[-1].message_hi


def test_a_utf16_unicode_text_export_is_read() -> None:
    text = "Txn Date\tValue Date\tDescription\tRef No./Cheque No.\tDebit\tCredit\tBalance\r\n"
    text += "1 Apr 2025\t1 Apr 2025\tपुणे ATM\t\t500.00\t\t1,500.00\r\n"
    for data in (text.encode("utf-16"), text.encode("utf-16-le")):
        result = read_statement(data, "statement.xls")
        assert [(x.description, x.withdrawal) for x in result.lines] == [("पुणे ATM", 50000)]


# ----------------------------------------------------------------------------------------------
# Excel


def xlsx(rows: list[list[object]], *, blank_sheet_first: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if blank_sheet_first:
        sheet.title = "Cover"
        sheet["A1"] = "Statement of account"
        sheet = book.create_sheet("Transactions")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ICICI_HEADINGS: list[object] = [
    "S No.", "Value Date", "Transaction Date", "Cheque Number", "Transaction Remarks",
    "Withdrawal Amount (INR )", "Deposit Amount (INR )", "Balance (INR )",
]  # fmt: skip
ICICI_ROWS: list[list[object]] = [
    ["DETAILED STATEMENT"],
    [],
    ["Transactions List - Neha Industries - INR - 000401234567"],
    ICICI_HEADINGS,
    [1, "02/04/2025", dt.datetime(2025, 4, 2), 456, "CLG/MODERN PRINTERS", 8400.0, 0.0, 266600.0],
    [2, "03/04/2025", "03/04/2025", None, "NEFT-LAKSHMI", None, "54,000.00", "3,20,600.00"],
    [3, "04/04/2025", "4th April", None, "Bad date", 10.0, None, None],
    [4, "05/04/2025", "05/04/2025", None, "Bad amount", "ten", None, None],
]


def test_an_xlsx_export_is_read_and_issues_point_at_the_cell() -> None:
    result = read_statement(xlsx(ICICI_ROWS, blank_sheet_first=True), "OpTransactionHistory.xlsx")
    assert result.layout == "icici"
    assert summary(result) == [
        (D(2025, 4, 2), 840000, 0, 26660000, 5),
        (D(2025, 4, 3), 0, 5400000, 32060000, 6),
    ]
    assert result.lines[0].reference == "456"
    assert [(i.rule, i.sheet, i.cell, i.value) for i in result.issues] == [
        (UNREADABLE_LINE, "OpTransactionHistory.xlsx", "C7", "4th April"),
        (UNREADABLE_LINE, "OpTransactionHistory.xlsx", "F8", "ten"),
    ]


def test_an_excel_file_with_no_statement_lists_the_headings_of_its_busiest_sheet() -> None:
    data = xlsx([["Posted On", "Payee", "Money Out"], ["01/04/2025", "Ravi", 10.0]], blank_sheet_first=True)
    result = read_statement(data, "book.xlsx")
    assert (result.layout, result.columns_found) == ("unknown", ("Posted On", "Payee", "Money Out"))


def test_the_sheet_with_lines_is_read_when_an_earlier_one_has_only_the_header() -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(ICICI_HEADINGS)
    book.create_sheet("Transactions").append(ICICI_HEADINGS)
    book["Transactions"].append(ICICI_ROWS[4])
    out = io.BytesIO()
    book.save(out)
    result = read_statement(out.getvalue(), "two.xlsx")
    assert (len(result.lines), result.issues) == (1, [])
    first.title = "Only"
    del book["Transactions"]
    book.save(out := io.BytesIO())
    assert [i.rule for i in read_statement(out.getvalue(), "one.xlsx").issues] == [NO_LINES]


def test_a_damaged_excel_file_is_an_unknown_layout_not_an_exception() -> None:
    result = read_statement(b"PK\x03\x04 not really a zip", "statement.xlsx")
    assert (result.layout, result.lines, [i.rule for i in result.issues]) == ("unknown", (), [UNKNOWN_LAYOUT])


def utf16_artefact(text: str) -> str:
    """Text as a reader gives it when it takes UTF-16 bytes one by one: a NUL after each letter."""
    return text.encode("utf-16-le").decode("latin-1")


def icici_xls(*, artefacts: bool) -> bytes:
    """ICICI's OpTransactionHistory.xls: the account block from B2, the table from B13, the
    legends below; with ``artefacts`` its text is stored as ICICI's .xls carries it, so that it
    reaches the reader as "S\x00 \x00N\x00o\x00.\x00"."""
    text = utf16_artefact if artefacts else str
    sheet_rows: list[list[object]] = [
        [],
        [None, "DETAILED STATEMENT"],
        [],
        [None, "Transactions List - Neha Industries - INR - 000401234567"],
        [],
        [None, "Transaction Date from", "01/04/2025", "to", "30/04/2025"],
        [None, "Advanced Search"],
        [None, "Amount from", "", "to", ""],
        [None, "Cheque number from", "", "to", ""],
        [None, "Transaction remarks", ""],
        [None, "Transaction type", "All"],
        [],
        [None, *ICICI_HEADINGS],
        [None, 1, "02/04/2025", "02/04/2025", "-", "MMT/IMPS/509212345678/Rent April/SURESH NAIR",
         "25,000.00", "0.00", "2,75,000.00"],
        [None, 2, "07/04/2025", "07/04/2025", "000456", "CLG/MODERN PRINTERS", 8400.0, 0.0, 266600.0],
        [None, 3, "15/04/2025", "15/04/2025", "-", "NEFT-ICICN52025041500012345-LAKSHMI TEXTILES",
         "0.00", "54,000.00", "3,20,600.00"],
        [None, 4, "16/04/2025", "16/04/2025", "-", "Bad amount", "ten", "0.00", "3,20,600.00"],
        [],
        [None, "Legends Used in Account Statement"],
        [None, "IMPS", "Immediate Payment Service"],
    ]  # fmt: skip
    book = xlwt.Workbook()
    sheet = book.add_sheet("OpTransactionHistory")
    for r, row in enumerate(sheet_rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, text(value) if isinstance(value, str) else value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_icici_xls_whose_text_reaches_the_reader_as_utf16_artefacts_is_read_right() -> None:
    data = icici_xls(artefacts=True)
    ((_, rows),) = excel_sheets(data) or []
    assert rows[12][1] == "S\x00 \x00N\x00o\x00.\x00"  # what calamine gives: the artefact is in the file
    result = read_statement(data, "OpTransactionHistory.xls")
    assert result == read_statement(icici_xls(artefacts=False), "OpTransactionHistory.xls")
    assert result.layout == "icici"
    assert summary(result) == [
        (D(2025, 4, 2), 2500000, 0, 27500000, 14),
        (D(2025, 4, 7), 840000, 0, 26660000, 15),
        (D(2025, 4, 15), 0, 5400000, 32060000, 16),
    ]
    assert [x.reference for x in result.lines] == ["", "000456", ""]
    assert result.lines[0].description == "MMT/IMPS/509212345678/Rent April/SURESH NAIR"
    (issue,) = result.issues
    assert (issue.rule, issue.cell, issue.value) == (UNREADABLE_LINE, "G17", "ten")


def test_an_xls_calamine_cannot_read_is_read_with_xlrd(monkeypatch: pytest.MonkeyPatch) -> None:
    data = icici_xls(artefacts=True)
    expected = read_statement(data, "OpTransactionHistory.xls")
    monkeypatch.setattr(statement_import, "_calamine_sheets", lambda _data: None)
    assert read_statement(data, "OpTransactionHistory.xls") == expected


def test_xlrd_gives_cells_as_calamine_does_dates_as_datetimes_and_blanks_as_empty_text() -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Statement")
    sheet.write(0, 0, "Date")
    sheet.write(0, 2, True)
    sheet.write(1, 0, dt.datetime(2025, 4, 1), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
    sheet.write(1, 1, 1250.5)
    out = io.BytesIO()
    book.save(out)
    assert xlrd_sheets(out.getvalue()) == [
        ("Statement", [["Date", "", True], [dt.datetime(2025, 4, 1), 1250.5, ""]])
    ]
    assert xlrd_sheets(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 damaged") is None


# ----------------------------------------------------------------------------------------------
# OFX


def test_ofx_v1_sgml_signed_amounts_cheque_number_and_ledger_balance_on_the_last_line() -> None:
    result = sample("statement_v1.ofx")
    assert result.layout == "ofx"
    assert result.issues == []
    assert summary(result) == [
        (D(2025, 4, 1), 0, 1500000, None, 39),
        (D(2025, 4, 3), 4250000, 0, None, 47),
        (D(2025, 4, 10), 1770, 0, 7248230, 55),
    ]
    assert [(x.description, x.reference) for x in result.lines] == [
        ("UPI-RAVI KUMAR 512345678901 PAYMENT", "2025040100001"),
        ("ACME SUPPLIES & CO", "000123"),
        ("SMS ALERT CHARGES", "2025041000003"),
    ]


def test_ofx_v2_xml_and_a_transaction_with_an_unreadable_date() -> None:
    result = sample("statement_v2.qfx")
    assert result.layout == "ofx"
    assert summary(result) == [
        (D(2025, 4, 2), 2500000, 0, None, 13),
        (D(2025, 4, 15), 0, 5400000, 32900000, 21),
    ]
    (issue,) = result.issues
    assert (issue.rule, issue.cell, issue.column, issue.value) == (
        UNREADABLE_LINE,
        "line 29",
        "DTPOSTED",
        "2025-04-20",
    )


def test_an_ofx_file_without_transactions_fails_saying_so() -> None:
    result = read_statement(b"OFXHEADER:100\n<OFX><BANKMSGSRSV1></BANKMSGSRSV1></OFX>", "empty.ofx")
    assert (result.layout, result.lines) == ("ofx", ())
    (issue,) = result.issues
    assert (issue.rule, issue.severity) == (NO_LINES, Severity.FATAL)
    assert (
        issue.message_en
        == "No statement lines were read from empty.ofx: it holds no transactions (no <STMTTRN>)."
    )
    assert "<STMTTRN>" in issue.message_hi


def ofx_v1(transactions: str, *, statement: str = "STMTRS", currency: str = "INR") -> bytes:
    """An OFX v1 (SGML) file with the given STMTTRN blocks, as an Indian bank writes one."""
    header = "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\n"
    header += "CHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
    account = "<BANKACCTFROM><BANKID>KKBK0001765<ACCTID>1234567890<ACCTTYPE>SAVINGS</BANKACCTFROM>"
    if statement == "CCSTMTRS":
        account = "<CCACCTFROM><ACCTID>4315XXXXXXXX2468</CCACCTFROM>"
    wrapper = "CREDITCARDMSGSRSV1" if statement == "CCSTMTRS" else "BANKMSGSRSV1"
    body = (
        f"<OFX>\r\n<{wrapper}>\r\n<{statement[:-2]}TRNRS>\r\n<TRNUID>1\r\n<{statement}>\r\n"
        f"<CURDEF>{currency}\r\n{account}\r\n<BANKTRANLIST>\r\n<DTSTART>20250401\r\n<DTEND>20250430\r\n"
        f"{transactions}</BANKTRANLIST>\r\n</{statement}>\r\n</{statement[:-2]}TRNRS>\r\n</{wrapper}>\r\n</OFX>\r\n"
    )
    return (header + body).encode()


def stmttrn(posted: str, amount: str, name: str = "UPI-RAVI KUMAR", fitid: str = "1") -> str:
    fields = f"<TRNTYPE>OTHER\r\n<DTPOSTED>{posted}\r\n<TRNAMT>{amount}\r\n<FITID>{fitid}\r\n<NAME>{name}\r\n"
    return f"<STMTTRN>\r\n{fields}</STMTTRN>\r\n"


def test_an_ofx_statement_in_another_currency_than_the_books_is_refused() -> None:
    data = (SAMPLES / "statement_usd.qfx").read_bytes()
    result = read_statement(data, "statement_usd.qfx", currency="INR")
    assert result.lines == ()
    (issue,) = result.issues
    assert (issue.rule, issue.severity, issue.cell, issue.column, issue.value) == (
        OTHER_CURRENCY, Severity.FATAL, "line 20", "CURDEF", "USD",
    )  # fmt: skip
    for text in (issue.message_en, issue.message_hi, issue.fix_en, issue.fix_hi):
        assert "USD" in text
        assert "INR" in text
    assert "Settings" in issue.fix_en
    assert [x.deposit for x in read_statement(data, "x.qfx", currency="usd").lines] == [120000, 0]
    assert len(read_statement(data, "x.qfx").lines) == 2  # no book currency given: not checked


def test_an_ofx_statement_in_the_books_currency_is_read() -> None:
    result = read_statement((SAMPLES / "statement_v1.ofx").read_bytes(), "x.ofx", currency="INR")
    assert (len(result.lines), result.issues) == (3, [])


def test_an_ofx_day_is_the_banks_even_when_the_time_is_just_past_midnight_ist() -> None:
    (line,) = read_statement(ofx_v1(stmttrn("20250401003000.000[+5.30:IST]", "-10.00")), "x.ofx").lines
    assert line.date == D(2025, 4, 1)


def test_ofx_names_and_bank_ids_longer_than_the_spec_allows_are_read() -> None:
    name = "NEFT CR-SBIN0001234-PATEL AND SONS-INVOICE 45 APRIL"  # 51 characters; the spec allows 32
    (line,) = read_statement(ofx_v1(stmttrn("20250403", "1500.50", name)), "x.ofx").lines
    assert (line.description, line.deposit) == (name, 150050)


def test_an_ofx_amount_that_is_not_a_number_is_an_issue_on_its_line() -> None:
    data = ofx_v1(stmttrn("20250401", "1,500.00", fitid="1") + stmttrn("20250402", "-20.00", fitid="2"))
    result = read_statement(data, "x.ofx")
    assert [x.reference for x in result.lines] == ["2"]
    (issue,) = result.issues
    assert (issue.rule, issue.column, issue.value, issue.cell) == (
        UNREADABLE_LINE,
        "TRNAMT",
        "1,500.00",
        "line 21",
    )


def test_an_ofx_credit_card_statement_is_read() -> None:
    data = ofx_v1(stmttrn("20250405", "7347.15", "PAYMENT RECEIVED") + stmttrn("20250401", "-3412.00"),
                  statement="CCSTMTRS")  # fmt: skip
    result = read_statement(data, "card.qfx")
    assert [(x.date, x.withdrawal, x.deposit) for x in result.lines] == [
        (D(2025, 4, 5), 0, 734715), (D(2025, 4, 1), 341200, 0),
    ]  # fmt: skip


def test_an_ofx_file_ofxtools_cannot_read_says_so() -> None:
    data = b"OFXHEADER:100\nDATA:OFXSGML\n<OFX><BANKMSGSRSV1></BANKMSGSRSV1>cut off here</OFX>"
    result = read_statement(data, "broken.ofx")
    (issue,) = result.issues
    assert (result.layout, issue.rule, issue.severity) == ("unknown", UNKNOWN_LAYOUT, Severity.FATAL)
    assert issue.message_en == (
        "broken.ofx looks like an OFX/QFX file but cannot be read (Tail text 'cut off here')."
    )
    assert issue.cell == "line 3"
    assert issue.message_hi
    assert "netbanking" in issue.fix_en


def test_an_ofx_file_whose_every_transaction_is_unreadable_fails_saying_why() -> None:
    result = read_statement(ofx_v1(stmttrn("2025-04-01", "-10.00")), "x.ofx")
    assert [(i.rule, i.severity) for i in result.issues] == [
        (UNREADABLE_LINE, Severity.ERROR), (NO_LINES, Severity.FATAL),
    ]  # fmt: skip
    assert "none of its transactions (from line 21: TRNTYPE, DTPOSTED" in result.issues[-1].message_en


V2 = (SAMPLES / "statement_v2.qfx").read_bytes()


@pytest.mark.parametrize(
    ("variant", "rows"),
    [
        (b"\xef\xbb\xbf" + V2, [13, 21]),  # a byte-order mark before the XML declaration
        (b"\r\n  " + V2, [14, 22]),  # blank lines first
        (V2.split(b"\n", 1)[1], [12, 20]),  # no XML declaration
        (V2[V2.index(b"<OFX>") :], [11, 19]),  # no header at all: the body only
        (V2.replace(b"STMTTRN>", b"stmttrn>").replace(b"DTPOSTED>", b"dtposted>"), [13, 21]),  # lower case
    ],
)
def test_ofx_files_with_a_header_ofxtools_refuses_are_read_from_their_body(
    variant: bytes, rows: list[int]
) -> None:
    result = read_statement(variant, "x.qfx")
    assert (result.layout, [x.source_row for x in result.lines]) == ("ofx", rows)
    assert [(i.column, i.value) for i in result.issues] == [("DTPOSTED", "2025-04-20")]


# ----------------------------------------------------------------------------------------------
# unknown layouts and --map


def test_an_unknown_layout_is_one_fatal_issue_listing_the_columns_and_the_map_option() -> None:
    result = sample("unknown.csv")
    assert (result.layout, result.lines) == ("unknown", ())
    assert result.columns_found == ("Posted On", "Payee", "Money Out", "Money In", "Running Total", "Ref No")
    (issue,) = result.issues
    assert issue.rule == UNKNOWN_LAYOUT
    assert issue.severity is Severity.FATAL
    assert has_fatal(result.issues)
    assert issue.sheet == "unknown.csv"
    for text in (issue.message_en, issue.message_hi):
        assert '"Posted On", "Payee", "Money Out", "Money In", "Running Total", "Ref No"' in text
    for text in (issue.message_en, issue.message_hi, issue.fix_en, issue.fix_hi):
        assert "--map date=" in text
    assert '"Money In"' in issue.message_en
    assert '"Money In"' in issue.message_hi
    assert "मिले कॉलम" in issue.message_hi
    assert 'reference="Ref No"' in issue.message_en  # the roles it could guess are filled in


def test_with_a_mapping_the_unknown_layout_is_read() -> None:
    mapping = {
        "date": "Posted On", "description": "Payee", "withdrawal": "Money Out", "deposit": "Money In",
        "balance": "Running Total", "reference": "Ref No",
    }  # fmt: skip
    result = read_statement((SAMPLES / "unknown.csv").read_bytes(), "unknown.csv", mapping=mapping)
    assert result.layout == "generic"
    assert result.issues == []
    assert [
        (x.date, x.description, x.reference, x.withdrawal, x.deposit, x.balance) for x in result.lines
    ] == [
        (D(2025, 4, 1), "Ravi Kumar", "R-1", 0, 150000, 1150000),
        (D(2025, 4, 2), "ATM", "", 200000, 0, 950000),
    ]


def test_a_mapping_overrides_what_the_headings_would_say() -> None:
    data = csv_bytes("Date,Value Date,Narration,Debit,Credit", "01/04/25,03/04/25,Cheque,100,")
    (line,) = read_statement(data, "x.csv", mapping={"date": "value date"}).lines
    assert line.date == D(2025, 4, 3)


def test_a_mapping_with_amount_and_drcr() -> None:
    data = csv_bytes("On,What,Sum,Side", "01/04/25,Fee,50.00,D", "02/04/25,Refund,20.00,C")
    mapping = {"date": "On", "description": "What", "amount": "Sum", "drcr": "Side"}
    lines = read_statement(data, "x.csv", mapping=mapping).lines
    assert [(x.withdrawal, x.deposit) for x in lines] == [(5000, 0), (0, 2000)]


def test_a_mapping_naming_a_heading_not_in_the_file_says_which() -> None:
    result = read_statement(SAMPLES.joinpath("unknown.csv").read_bytes(), "u.csv", mapping={"date": "Txn Dt"})
    (issue,) = result.issues
    assert issue.rule == UNKNOWN_LAYOUT
    assert '"Txn Dt"' in issue.message_en
    assert '"Txn Dt"' in issue.message_hi


def test_a_mapping_with_a_key_bahi_does_not_know_says_so() -> None:
    (issue,) = read_statement(b"a,b,c\n", "x.csv", mapping={"when": "a"}).issues
    assert "when" in issue.message_en
    assert "date, description" in issue.message_en


# ----------------------------------------------------------------------------------------------
# bad lines


def test_bad_lines_are_left_out_with_an_issue_naming_the_row_in_both_languages() -> None:
    data = csv_bytes(
        "Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance",
        "31/02/25,Impossible day,,,100.00,,",
        "01/04/25,Words for money,,,one hundred,,",
        "02/04/25,Bad balance,,,100.00,,lots",
        "03/04/25,Balance only,,,,,500.00",
        "04/04/25,Good,,,100.00,,400.00",
    )
    result = read_statement(data, "hdfc.csv")
    assert [x.description for x in result.lines] == ["Good"]
    assert [(i.rule, i.severity, i.cell, i.value) for i in result.issues] == [
        (UNREADABLE_LINE, Severity.ERROR, "row 2", "31/02/25"),
        (UNREADABLE_LINE, Severity.ERROR, "row 3", "one hundred"),
        (UNREADABLE_LINE, Severity.ERROR, "row 4", "lots"),
        (NO_AMOUNT, Severity.WARNING, "row 5", "Balance only"),
    ]
    for issue in result.issues:
        assert issue.message_en
        assert issue.message_hi
        assert issue.fix_en
        assert issue.fix_hi
        assert issue.sheet == "hdfc.csv"
    assert "'31/02/25'" in result.issues[0].message_hi


def test_a_reversal_written_as_a_negative_withdrawal_is_a_deposit() -> None:
    data = csv_bytes("Date,Narration,Withdrawal Amt.,Deposit Amt.", "01/04/25,Reversal,-50.00,")
    (line,) = read_statement(data, "x.csv").lines
    assert (line.withdrawal, line.deposit) == (0, 5000)


def test_legends_and_notes_after_the_lines_are_not_lines() -> None:
    data = csv_bytes(
        "S No.,Value Date,Transaction Date,Cheque Number,Transaction Remarks,"
        "Withdrawal Amount (INR ),Deposit Amount (INR ),Balance (INR )",
        "1,01/04/2025,01/04/2025,,Rent,100.00,,900.00",
        "Legends Used in Account Statement,,,,,,,",
        "IMPS,Immediate Payment Service,,,,,,",
        "NEFT,National Electronic Funds Transfer,,,,,,",
    )
    result = read_statement(data, "icici.csv")
    assert (len(result.lines), result.issues) == (1, [])


def test_a_repeated_header_row_further_down_is_skipped() -> None:
    header = "Date,Narration,Withdrawal Amt.,Deposit Amt."
    data = csv_bytes(header, "01/04/25,A,1.00,", header, "02/04/25,B,2.00,")
    result = read_statement(data, "x.csv")
    assert [x.description for x in result.lines] == ["A", "B"]
    assert result.issues == []


def test_an_empty_file_is_an_unknown_layout() -> None:
    for data in (b"", b"\n\n", b"\xef\xbb\xbf"):
        result = read_statement(data, "x.csv")
        assert (result.layout, len(result.issues)) == ("unknown", 1)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["x.csv", "x.xlsx", "x.xls", "x.ofx", "x"]))
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    result = read_statement(data, name)
    assert isinstance(result, StatementImport)
    assert all(x.withdrawal >= 0 and x.deposit >= 0 for x in result.lines)


_cell_text = st.sampled_from(
    ["", "01/04/25", "1 Apr 2025", "1,00,000.00", "-", "0.00", "Cr", "Dr", "abc", "**", "Opening Balance",
     "(500)", "12.345", "₹ 1,200", "31/02/2025", "STATEMENT SUMMARY", "a\"b", "x;y"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_cell_text, min_size=0, max_size=8), max_size=12))
def test_statement_like_rows_never_raise_and_every_line_came_from_a_dated_row(rows: list[list[str]]) -> None:
    text = "Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\n"
    text += "\n".join(",".join(f'"{c}"' if ("," in c or '"' in c) else c for c in row) for row in rows)
    result = read_statement(text.encode(), "x.csv")
    assert result.layout in {"hdfc", "unknown"}
    for line in result.lines:
        assert line.withdrawal > 0 or line.deposit > 0
        assert line.withdrawal == 0 or line.deposit == 0


# ----------------------------------------------------------------------------------------------
# importing the same statement again


def test_importing_the_same_file_twice_adds_nothing_the_second_time() -> None:
    for name in sorted(p.name for p in SAMPLES.iterdir() if p.name != "unknown.csv"):
        first = sample(name)
        book = [key_of(x) for x in new_lines([], first.lines)]
        assert len(book) == len(first.lines)
        assert new_lines(book, sample(name).lines) == ()


def test_keys_built_from_the_book_table_match_the_imported_lines() -> None:
    """The caller builds keys from BankStatement cells: amounts net, text as Excel gave it back."""
    line = StatementLine(D(2025, 4, 3), "CHQ PAID-MICR  CTS", "000123", 4250000, 0, None, 9)
    from_book = line_key(D(2025, 4, 3), "chq paid-micr cts", "123", 4250000, 0)  # the cell lost its zeros
    assert new_lines([from_book], [line]) == ()


def test_a_line_twice_in_the_file_and_once_in_the_book_is_new_once() -> None:
    a = StatementLine(D(2025, 4, 1), "SMS CHARGES", "", 1770, 0, None, 5)
    b = StatementLine(D(2025, 4, 1), "SMS CHARGES", "", 1770, 0, None, 6)
    assert new_lines([key_of(a)], [a, b]) == (b,)
    assert new_lines([], [a, b]) == (a, b)


def test_a_line_differing_in_amount_side_date_or_reference_is_new() -> None:
    a = StatementLine(D(2025, 4, 1), "NEFT", "R1", 100, 0, None, 5)
    others = [
        StatementLine(D(2025, 4, 1), "NEFT", "R1", 0, 100, None, 6),
        StatementLine(D(2025, 4, 2), "NEFT", "R1", 100, 0, None, 7),
        StatementLine(D(2025, 4, 1), "NEFT", "R2", 100, 0, None, 8),
        StatementLine(D(2025, 4, 1), "NEFT", "R1", 101, 0, None, 9),
        StatementLine(D(2025, 4, 1), "IMPS", "R1", 100, 0, None, 10),
    ]
    assert new_lines([key_of(a)], others) == tuple(others)


_lines = st.lists(
    st.builds(
        StatementLine,
        date=st.dates(D(2020, 1, 1), D(2030, 12, 31)),
        description=st.text(max_size=12),
        reference=st.text(alphabet="0123456789ABC -", max_size=8),
        withdrawal=st.integers(0, 10**9),
        deposit=st.integers(0, 10**9),
        balance=st.none() | st.integers(-(10**9), 10**9),
        source_row=st.integers(1, 10_000),
    ),
    max_size=20,
)


@given(_lines)
def test_new_lines_of_a_set_against_itself_is_empty(lines: list[StatementLine]) -> None:
    assert new_lines([key_of(x) for x in lines], lines) == ()
    assert new_lines(lines, lines) == ()


@given(_lines, _lines)
def test_new_lines_keeps_order_and_the_book_and_new_lines_cover_the_file(
    book: list[StatementLine], incoming: list[StatementLine]
) -> None:
    fresh = new_lines([key_of(x) for x in book], incoming)
    remaining = iter(incoming)
    assert all(x in remaining for x in fresh)  # a subsequence: file order kept
    assert new_lines([key_of(x) for x in [*book, *fresh]], incoming) == ()


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(sorted(p.name for p in SAMPLES.iterdir())))
def test_parsing_a_file_twice_gives_the_same_lines(name: str) -> None:
    assert sample(name) == sample(name)


# ----------------------------------------------------------------------------------------------
# rows to append


def test_as_rows_in_bank_statement_column_order_amounts_in_rupees() -> None:
    rows = as_rows(sample("kotak.csv").lines)
    assert rows[0] == [
        D(2025, 4, 1),
        "UPI/ANJALI RAO/509112345678/Tuition",
        "UPI-509112345678",
        2000.0,
        0.0,
        48000.0,
    ]
    assert rows[2][3:] == [60001.0, 0.0, -1.0]
    assert as_rows(sample("statement_v1.ofx").lines)[0][5] is None


@pytest.mark.parametrize(
    "name",
    ["hdfc.csv", "sbi.tsv", "icici.csv", "axis.csv", "kotak.csv", "hdfc_delimited.txt", "kotak_wrapped.csv",
     "sbi_pages.tsv"],
)  # fmt: skip
def test_each_sample_balance_runs_from_line_to_line(name: str) -> None:
    """The samples are consistent: each balance is the last plus deposits less withdrawals."""
    lines = sample(name).lines
    for before, after in itertools.pairwise(lines):
        assert before.balance is not None
        assert after.balance == before.balance + after.deposit - after.withdrawal
