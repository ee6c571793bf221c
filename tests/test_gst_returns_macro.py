"""The GST Returns and GSTR-2B Reconcile macros, ``bahi gst-returns`` and ``bahi gstr2b``, on the
trading demo: the file adapter and the JSON book (Excel) agree, the owned sheets hold lakh-grouped
amounts and no minus, and a GSTR-2B of the demo's March purchases — one number written otherwise,
one taxable value ₹500 higher, one bill not reported, one bill the books lack
(:func:`tests.engine.gstr2b_cases.reported`) — reconciles the same from its JSON, its Excel download
and the sheets pasted into the workbook."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw

from addin import cli
from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.gst_returns.periods import ReturnPeriod
from addin.engine.money import INR_FORMAT
from addin.engine.schema import GST_SUMMARY_SHEET, GSTR2B_RECONCILIATION_SHEET, GSTR2B_SHEET
from addin.macros.audit import RECORDED_SHEETS
from addin.macros.gst_returns import GstReturnsReport, _trade_book, gst_returns_book, gstr2b_book
from addin.macros.post import TRADE_BOOK_TABLES
from addin.macros.run import RunResult, no_progress
from tests.engine.gstr2b_cases import pasted_rows, portal_excel, portal_json, reported
from tests.officejs import payload_from_xlsx
from workbook_templates.trading import TRADING_DEMO_PATH

DEMO_GSTIN = "27ABVFS4821K1ZH"
PLANTED = [
    ("books-only", "AW/4639", "", ""),
    ("2b-only", "", "NEW/1", ""),
    ("mismatched", "BSS/2416", "BSS/2416", "taxable"),
]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(TRADING_DEMO_PATH, tmp_path / "demo.xlsx"))


@pytest.fixture(scope="module")
def march_2b() -> list[dict[str, Any]]:
    """The GSTR-2B documents of the demo's March 2026 purchases, with the planted differences."""
    with FileBook.open(TRADING_DEMO_PATH) as book:
        trade, _, _ = _trade_book(book, no_progress)
    assert trade is not None
    return reported(trade.purchases.documents, trade.purchases.lines, "2026-03")


def json_book(path: Path) -> XlwingsBook:
    sheets = sorted({spec.sheet for spec in TRADE_BOOK_TABLES} | {"Settings"})
    return XlwingsBook(xw.Book(json=payload_from_xlsx(path, include=sheets)))


def open_lines(result: RunResult) -> list[tuple[str, str, str, str]]:
    """(status, books number, 2B number, differences) of every line not matched."""
    found = [
        (r["status"], r["books_number"], r["portal_number"], r["differences"])
        for r in result.records()
        if r["status"] != "matched"
    ]
    return sorted(found)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def amounts(path: Path, sheet: str) -> list[tuple[float, str]]:
    """Every number on ``sheet`` below its title rows, with its number format."""
    ws = openpyxl.load_workbook(path)[sheet]
    return [
        (c.value, c.number_format)
        for row in ws.iter_rows(min_row=3)
        for c in row
        if isinstance(c.value, float)
    ]


# -- GST Returns ---------------------------------------------------------------------------------


def test_the_file_and_the_json_book_make_the_same_returns(demo: Path) -> None:
    with FileBook.open(demo) as book:
        local = gst_returns_book(book, write=False)
    remote = gst_returns_book(json_book(demo), write=False)
    assert isinstance(local.report, GstReturnsReport)
    assert local.report.period.label == "03/2026"  # the latest month with documents
    assert remote.records() == local.records()
    assert [i.as_dict() for i in remote.issues] == [i.as_dict() for i in local.issues]


def test_the_gst_summary_sheet_is_written_with_lakh_amounts_and_no_minus(demo: Path) -> None:
    with FileBook.open(demo) as book:
        result = gst_returns_book(book, write=True)
        book.save()
    assert result.written == (GST_SUMMARY_SHEET, "Issues", *RECORDED_SHEETS)  # the run audited too
    title = openpyxl.load_workbook(demo)[GST_SUMMARY_SHEET]["A1"].value
    assert "GST Summary" in title
    assert "GSTIN 27ABVFS4821K1ZH" in title
    found = amounts(demo, GST_SUMMARY_SHEET)
    assert len(found) > 40
    assert {fmt for _, fmt in found} == {INR_FORMAT}
    assert min(value for value, _ in found) >= 0


def summary_row(path: Path, description: str) -> tuple[Any, ...]:
    """The GST Summary's row whose description starts with ``description``."""
    ws = openpyxl.load_workbook(path)[GST_SUMMARY_SHEET]
    return next(r for r in ws.iter_rows(values_only=True) if str(r[1] or "").startswith(description))


def test_every_summary_label_is_bilingual_in_the_wrapped_description_the_table_column_holds_its_number(
    demo: Path,
) -> None:
    """The Table column (17 wide, not wrapped) holds short keys only; table 13's document kind and
    table 7's state, which a narrow column cut ("Invoices for outward"), stand whole in Description."""
    with FileBook.open(demo) as book:
        gst_returns_book(book, write=True, period=ReturnPeriod.month(2025, 9))
        book.save()
    documents = summary_row(demo, "Invoices for outward supply / बाह्य आपूर्ति के बीजक: SGT/25-26/0141")
    assert documents[:3] == ("13", documents[1], 28)
    assert "सीमा में 28, रद्द 0" in documents[1]
    small = summary_row(demo, "27-Maharashtra · 18% · within the state / राज्य के भीतर")
    assert small[0] == "7"


def test_the_september_summary_pays_only_the_reverse_charge_in_cash(demo: Path) -> None:
    """The demo's September 2025: CGST and SGST credit clear the IGST the IGST credit leaves; the
    reverse charge (3.1 (d), 423.38 each) is paid in cash; 13,010.09 of SGST credit carried."""
    with FileBook.open(demo) as book:
        result = gst_returns_book(book, write=True, period=ReturnPeriod.month(2025, 9))
        book.save()
    assert summary_row(demo, "Payable in cash")[4:] == (None, 423.38, 423.38, None)
    assert summary_row(demo, "Credit carried forward")[4:] == (None, None, 13010.09, None)
    assert summary_row(demo, "Paid from CGST credit")[4:6] == (42674.26, 174972.22)
    payment = [r for r in result.records() if r["table"] == "6.1"]
    assert [(r["igst"], r["cgst"], r["sgst"]) for r in payment] == [
        ("0.00", "423.38", "423.38"),
        ("0.00", "0.00", "13010.09"),
    ]


def test_the_summary_reconciles_gstr1_to_3b_naming_the_invoices_left_out(demo: Path) -> None:
    """September 2025: GSTR-1's 30,28,796.13 (IGST 1,59,750.35) and 3.1 (a)'s 31,63,690.63 (IGST
    1,85,686.86) differ by SGT/25-26/0149 and 0168 to Iyer Electricals, whose GSTIN is not valid."""
    with FileBook.open(demo) as book:
        gst_returns_book(book, write=True, period=ReturnPeriod.month(2025, 9))
        book.save()
    ws = openpyxl.load_workbook(demo)[GST_SUMMARY_SHEET]
    rows = [r for r in ws.iter_rows(values_only=True) if str(r[0] or "").startswith("Sales row")]
    assert [(r[1].split(" · ")[0], r[3], r[4]) for r in rows] == [
        ("SGT/25-26/0149", 16555.0, 4635.4),
        ("SGT/25-26/0168", 118339.5, 21301.11),
    ]
    assert all("Iyer Electricals: not in GSTR-1: the recipient's GSTIN" in r[1] for r in rows)
    assert not any(str(r[1] or "").startswith("Difference") for r in ws.iter_rows(values_only=True))


def correct_the_planted_hsn(path: Path) -> None:
    """Items!C5 of the demo holds '85365' (5 digits, planted): the 6-digit code it lost a digit of."""
    wb = openpyxl.load_workbook(path)
    wb["Items"]["C5"] = "853650"
    wb.save(path)


def test_bahi_gst_returns_writes_both_portal_files_and_prints_the_tables(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    correct_the_planted_hsn(demo)
    gstr1, gstr3b = tmp_path / "gstr1.json", tmp_path / "gstr3b.json"
    code, out, err = run(
        capsys, "gst-returns", demo, "--period", "2026-03", "--json-out", gstr1, "--gstr3b-out", gstr3b,
        "--format", "json",
    )  # fmt: skip
    assert code == 1  # the demo's planted errors: reported, the returns made all the same
    records = json.loads(out)
    assert [r["table"] for r in records][:2] == ["4A, 4B", "5"]
    assert json.loads(gstr1.read_text())["fp"] == "032026"
    assert json.loads(gstr3b.read_text())["ret_period"] == "032026"
    assert "offline tool GST3.2.4" in err


def test_no_gstr1_json_is_written_while_table_12_holds_an_hsn_the_portal_rejects(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    """The demo's Items!C5 is '85365' (5 digits) and MCB switches were sold in September 2025: the
    portal would reject the file, so it is not written; the GSTR-3B JSON and the tables still are."""
    gstr1, gstr3b = tmp_path / "gstr1.json", tmp_path / "gstr3b.json"
    code, out, err = run(
        capsys, "gst-returns", demo, "--period", "2025-09", "--json-out", gstr1, "--gstr3b-out", gstr3b,
        "--format", "json",
    )  # fmt: skip
    assert code == 2  # the file asked for cannot be made
    assert not gstr1.exists()
    assert "'85365' (Items!C5)" in err
    assert "was not written" in err
    assert "नहीं लिखी गई" in err
    assert json.loads(gstr3b.read_text())["ret_period"] == "092025"
    assert json.loads(out)[0]["table"] == "4A, 4B"


def test_a_period_and_dates_together_are_refused(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    code, _, err = run(capsys, "gst-returns", demo, "--period", "2026-03", "--from", "01/03/2026")
    assert code == 2
    assert "--period" in err


# -- GSTR-2B ---------------------------------------------------------------------------------------


def test_the_demos_2b_shows_the_planted_differences_from_json_and_excel(
    demo: Path, march_2b: list[dict[str, Any]]
) -> None:
    data = portal_json(march_2b, period="032026")
    with FileBook.open(demo) as book:
        from_json = gstr2b_book(book, write=False, data=data, filename="2b.json")
        from_excel = gstr2b_book(book, write=False, data=portal_excel(march_2b), filename="2b.xlsx")
    assert open_lines(from_json) == sorted(PLANTED)
    assert open_lines(from_excel) == sorted(PLANTED)
    statuses = [r["status"] for r in from_json.records()]
    assert statuses.count("matched") == 11  # JP-2495 among them: the books' JP/2495


def test_the_file_and_the_json_book_reconcile_alike(demo: Path, march_2b: list[dict[str, Any]]) -> None:
    data = portal_json(march_2b, period="032026")
    with FileBook.open(demo) as book:
        local = gstr2b_book(book, write=False, data=data, filename="2b.json")
    remote = gstr2b_book(json_book(demo), write=False, data=data, filename="2b.json")
    assert remote.records() == local.records()
    assert [i.as_dict() for i in remote.issues] == [i.as_dict() for i in local.issues]


def test_the_2b_pasted_into_the_workbook_reconciles_as_the_download(
    demo: Path, march_2b: list[dict[str, Any]]
) -> None:
    wb = openpyxl.load_workbook(demo)
    pasted = wb.create_sheet(GSTR2B_SHEET)
    for row in pasted_rows(march_2b):
        pasted.append(row)
    wb.save(demo)
    with FileBook.open(demo) as book:
        result = gstr2b_book(book, write=True)
        book.save()
    assert open_lines(result) == sorted(PLANTED)
    assert result.written == (GSTR2B_RECONCILIATION_SHEET, "Issues", *RECORDED_SHEETS)
    sheet = openpyxl.load_workbook(demo)[GSTR2B_RECONCILIATION_SHEET]
    assert sheet["A4"].value.startswith("Mismatched")  # what needs work comes first
    found = amounts(demo, GSTR2B_RECONCILIATION_SHEET)
    assert {fmt for _, fmt in found} == {INR_FORMAT}
    assert min(value for value, _ in found) >= 0  # the ITC difference says which side has more


def test_bahi_gstr2b_lists_the_lines_as_csv(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path, march_2b: list[dict[str, Any]]
) -> None:
    download = tmp_path / "GSTR2B.xlsx"
    download.write_bytes(portal_excel(march_2b))
    code, out, _ = run(capsys, "gstr2b", demo, download, "--format", "csv")
    assert code == 1  # the demo's planted errors
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 14
    assert {r["status"] for r in rows} == {"matched", "mismatched", "books-only", "2b-only"}


def test_bahi_gstr2b_refuses_a_2b_of_another_gstin_and_a_missing_file(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path, march_2b: list[dict[str, Any]]
) -> None:
    other = tmp_path / "other.json"
    other.write_bytes(portal_json(march_2b, gstin="29AAEFL9042R1ZI", period="032026"))
    code, _, err = run(capsys, "gstr2b", demo, other)
    assert code == 2
    assert DEMO_GSTIN in err
    code, _, err = run(capsys, "gstr2b", demo, tmp_path / "missing.json")
    assert code == 2
    assert "missing.json" in err
    assert "Traceback" not in err


def test_the_amount_tolerance_in_settings_decides_what_agrees(
    demo: Path, march_2b: list[dict[str, Any]]
) -> None:
    """BSS/2416's taxable value is ₹500 higher in the 2B: mismatched at the default ₹1.00, matched
    once Settings allows ₹600."""
    wb = openpyxl.load_workbook(demo)
    settings = wb["Settings"]
    [row] = [
        r for r in settings.iter_rows(min_row=2) if str(r[0].value).startswith("GSTR-2B Amount Tolerance")
    ]
    row[1].value = "600.00"
    wb.save(demo)
    with FileBook.open(demo) as book:
        result = gstr2b_book(
            book, write=False, data=portal_json(march_2b, period="032026"), filename="2b.json"
        )
    assert open_lines(result) == sorted(PLANTED[:2])
