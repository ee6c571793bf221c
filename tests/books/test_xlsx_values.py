"""Reading a sheet from its own XML (addin/books/xlsx_values.py) gives what the general reader gives.

The FileBook reads the sheets it owns (Audit Log, the hidden audit record, Close, …) from their own
part when it can, instead of opening the book a second time with python-calamine (which parses the
whole shared-strings table first: 0.4 s at a million Journal lines). Whatever it reads that way must
equal calamine's grid, cell for cell; whatever it cannot tell alone (a shared string, a date, an
error value) goes to calamine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from addin.books.file_book import FileBook
from addin.books.xlsx_values import SharedTail, date_styles, sheet_values
from addin.cli import main
from workbook_templates.build import HERE as TEMPLATES_DIR

RUNS = {
    "demo-general-ledger.xlsx": [
        ["validate", "--write"], ["reconcile", "--write"], ["statements", "--write"],
        ["budget", "--write"], ["trial-balance", "--write"],
    ],
    "demo-trading.xlsx": [["post", "--write"], ["aging", "--write"], ["gst-returns", "--write"]],
}  # fmt: skip


@pytest.fixture(scope="module")
def written_books(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Both demo books after the commands that write Bahi's own sheets (issues, audit trail and
    record, reconciliation, statements with charts, budget, trial balance, aging, GST)."""
    folder = tmp_path_factory.mktemp("written")
    books = []
    for name, runs in RUNS.items():
        book = Path(shutil.copyfile(TEMPLATES_DIR / name, folder / name))
        for command, *options in runs:
            assert main([command, str(book), *options, "--quiet"]) in (0, 1)
        books.append(book)
    return books


def test_every_sheet_read_from_its_own_xml_is_what_calamine_reads(written_books: list[Path]) -> None:
    own = 0
    for path in written_books:
        book, calamine = FileBook(path), CalamineWorkbook.from_path(str(path))
        for sheet in book.package.sheets:
            values = book._own_values(sheet.part)
            if values is not None:
                own += 1
                assert values == calamine.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False), (
                    path.name,
                    sheet.name,
                )
    assert own >= 20, "most sheets Bahi writes are read without a second reader"


def test_the_audit_sheets_bahi_wrote_are_read_from_their_own_xml(written_books: list[Path]) -> None:
    book = FileBook(written_books[0])
    for name in ("Audit Log", "Bahi Audit Data", "Issues"):
        sheet = book.package.sheet(name)
        assert sheet is not None
        assert book._own_values(sheet.part) is not None, name


def test_a_sheet_excel_saved_with_shared_strings_and_dates_goes_to_calamine(tmp_path: Path) -> None:
    path = tmp_path / "saved.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Audit Log"
    sheet.append(["# / क्रम", "Time"])
    sheet.append([1, 2.5])
    sheet["C3"] = __import__("datetime").date(2025, 4, 1)
    workbook.save(path)  # openpyxl, like Excel, keeps texts in the shared strings
    book = FileBook(path)
    ref = book.package.sheet("Audit Log")
    assert ref is not None
    assert book._own_values(ref.part) is None
    expected = (
        CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Audit Log").to_python(skip_empty_area=False)
    )
    assert book.read_sheet("Audit Log") == [[None if v == "" else v for v in row] for row in expected]


def test_a_number_in_a_date_style_is_left_to_the_general_reader() -> None:
    styles = '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    row = b'<worksheet><sheetData><row r="1"><c r="A1" s="%s"><v>45748</v></c></row></sheetData></worksheet>'
    assert sheet_values(row % b"0", date_styles(styles)) == [[45748.0]]
    assert sheet_values(row % b"1", date_styles(styles)) is None


def test_rich_text_line_breaks_and_escapes_read_back_as_written() -> None:
    xml = (
        b'<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><r><t>Debit</t></r>'
        b'<r><t xml:space="preserve"> &amp; </t></r>'
        + "<r><t>Credit_x000a_नामे</t></r>".encode()
        + b'</is></c><c r="D2" t="e"><v>#N/A</v></c></row></sheetData></worksheet>'
    )
    assert sheet_values(xml, frozenset()) is None, "an error value is the general reader's"
    text_only = xml.replace(b'<c r="D2" t="e"><v>#N/A</v></c>', b"")
    assert sheet_values(text_only, frozenset()) == [["", ""], ["", "Debit & Credit\nनामे"]]


def test_a_book_saved_again_by_another_spreadsheet_is_read_through_its_shared_strings_end(
    written_books: list[Path], tmp_path: Path
) -> None:
    """LibreOffice (like Excel) moves every text into the shared-strings table when it saves. The
    sheets written after the big ones — the audit trail's among them — are still read from their
    own XML, their texts taken from the table's end, and agree with calamine cell for cell."""
    import subprocess  # noqa: PLC0415

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is needed (installed by make test: .ci/system-deps)")
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "saved"), str(written_books[0])],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    path = tmp_path / "saved" / written_books[0].name
    book, calamine = FileBook(path), CalamineWorkbook.from_path(str(path))
    read = {}
    for sheet in book.package.sheets:
        values = book._own_values(sheet.part)
        if values is not None:
            read[sheet.name] = values
            assert values == calamine.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False), (
                sheet.name
            )
    assert {"Audit Log", "Bahi Audit Data", "Issues"} <= set(read)


def test_shared_strings_too_far_from_the_end_are_left_to_the_general_reader() -> None:
    sheet = b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    table = b"<sst><si><t>first</t></si><si><t>second</t></si><si><t>third</t></si></sst>"
    assert sheet_values(sheet, frozenset(), SharedTail(table)) == [["first"]]
    assert sheet_values(sheet, frozenset(), SharedTail(table, limit=2)) is None
