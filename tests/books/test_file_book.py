"""FileBook: an .xlsx on disk as a Workbook — reading tables, refusing bad files, writing safely."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.table import Table, TableStyleInfo
from python_calamine import CalamineWorkbook

from addin.books import file_book
from addin.books.base import BookError, Highlight, OwnedSheet, read_tables
from addin.books.file_book import FileBook
from addin.books.xlsx_sheet_xml import HIGHLIGHT_MARKER
from addin.engine.cells import UNCALCULATED, cell_text
from addin.engine.money import BRACKETED_INR_FORMAT, INR_FORMAT
from addin.engine.schema import ACCOUNTS, BANK_STATEMENT, JOURNAL, SETTINGS, TableSpec
from addin.engine.tables import RawTable

JOURNAL_HEADINGS = ["Date / दिनांक", "Voucher / वाउचर", "Account / खाता", "Debit / नामे", "Credit / जमा"]


def _journal_book(path: Path, *, header_row: int = 1, first_col: int = 1, totals: bool = False) -> Path:
    """A Journal table at (header_row, first_col), an Accounts sheet without a table, a Notes sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Journal"
    if header_row > 1:
        ws.cell(1, first_col, "My ledger")
    rows: list[list[Any]] = [
        JOURNAL_HEADINGS,
        [dt.datetime(2025, 4, 1), "V1", 1001, 500, None],
        [dt.datetime(2025, 4, 1), "V1", 2001, None, 500],
        [dt.datetime(2025, 4, 2), "V2", 1001, "#N/A", None],
    ]
    if totals:
        rows.append(["Total", None, None, 500, 500])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.cell(header_row + r, first_col + c, value)
    ws.cell(header_row + 3, first_col + 3).data_type = "e"  # the #N/A is an error value, not text
    ws.merge_cells(
        start_row=header_row + 1, start_column=first_col + 1, end_row=header_row + 2, end_column=first_col + 1
    )
    ws.merge_cells("M40:N40")  # outside the table
    last = ws.cell(header_row + len(rows) - 1, first_col + 4).coordinate
    table = Table(displayName="Journal", ref=f"{ws.cell(header_row, first_col).coordinate}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    if totals:
        table.totalsRowCount = 1
    ws.add_table(table)
    accounts = wb.create_sheet("Accounts")
    accounts["B3"] = "Code / कोड"
    accounts["C3"] = "Name / नाम"
    accounts.append([None, "1001", "Cash"])
    accounts.append([None, "2001", "Sales"])
    notes = wb.create_sheet("Notes")
    notes["A1"] = "=SUM(1,2)"
    notes["A2"] = "keep me"
    wb.save(path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _values(path: Path) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    return _journal_book(tmp_path / "books.xlsx")


# -- reading -------------------------------------------------------------------------------------


def test_reads_a_table_by_name_case_insensitively(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    assert (table.name, table.sheet, table.header_row, table.first_col) == ("Journal", "Journal", 1, 1)
    assert table.headings == tuple(JOURNAL_HEADINGS)
    assert table.row_count == 3
    voucher = list(table.columns[1])
    assert (voucher[0], voucher[2]) == ("V1", "V2")
    assert pd.isna(voucher[1])  # B3 is hidden under the merged B2:B3: empty, reported in ``merged``


def test_account_codes_typed_as_numbers_arrive_as_text(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    assert list(table.columns[2]) == ["1001", "2001", "1001"]


@pytest.mark.parametrize("as_table", [True, False], ids=["excel-table", "plain-block"])
def test_accounts_codes_arrive_as_their_cells_hold_them_a_number_or_a_text(
    tmp_path: Path, as_table: bool
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Accounts"
    rows = (["Code / कोड", "Name / नाम"], [1001, "Cash"], ["2001", "Sales"], ["CR-7", "Ram"], [None, None])
    for row in rows:
        ws.append(row)
    if as_table:
        ws.add_table(Table(displayName="Accounts", ref="A1:B5"))
    wb.save(tmp_path / "codes.xlsx")
    with FileBook.open(tmp_path / "codes.xlsx") as book:
        table = book.read_table(ACCOUNTS)
    assert table is not None  # the number stays a number, so Post can write its lines' codes as one
    assert [(v, type(v)) for v in table.columns[0]][:3] == [(1001, float), ("2001", str), ("CR-7", str)]


def test_error_values_arrive_as_their_text(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    debit = list(table.columns[3])
    assert debit[0] == 500
    assert debit[2] == "#N/A"


@pytest.mark.parametrize(
    ("others", "shown"),
    [((500, 250.5), "TRUE"), (("1,000", "500 Dr"), "TRUE"), ((500, None), "FALSE")],
    ids=["among-numbers", "among-texts", "false"],
)
def test_a_true_or_false_typed_among_amounts_arrives_as_a_yes_no_value_as_in_excel_never_as_a_number(
    tmp_path: Path, others: tuple[Any, ...], shown: str
) -> None:
    path = _journal_book(tmp_path / "bool.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Journal"]["D2"], wb["Journal"]["D3"], wb["Journal"]["D4"] = shown == "TRUE", *others
    wb.save(path)
    with FileBook.open(path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    value = table.columns[3].tolist()[0]
    assert value is (shown == "TRUE")  # as xlwings gives it: not 1.0 (number column), nor "true" (text one)
    assert cell_text(value) == shown  # the Value an issue shows


def test_a_formula_saved_without_a_calculated_value_arrives_as_uncalculated_not_blank(tmp_path: Path) -> None:
    path = _journal_book(tmp_path / "tool.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Journal"]["D2"] = "=100+50"  # openpyxl writes the formula and no value
    wb.save(path)
    with FileBook.open(path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    assert table.columns[3].tolist()[0] == UNCALCULATED


def test_header_below_row_one_gives_true_worksheet_rows(tmp_path: Path) -> None:
    path = _journal_book(tmp_path / "offset.xlsx", header_row=4, first_col=3)
    with FileBook.open(path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    assert (table.header_row, table.first_col) == (4, 3)
    assert table.address(2, 3) == "F7"  # the #N/A debit
    assert list(table.columns[3])[2] == "#N/A"
    assert list(table.columns[2]) == ["1001", "2001", "1001"]


def test_totals_row_is_not_data(tmp_path: Path) -> None:
    path = _journal_book(tmp_path / "totals.xlsx", totals=True)
    with FileBook.open(path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    assert table.row_count == 3


def test_merged_ranges_inside_the_table_are_reported(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    assert table.merged == ("B2:B3",)


def test_without_a_table_the_sheet_block_is_read_from_its_first_nonempty_row(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        table = book.read_table(ACCOUNTS)
    assert table is not None
    assert (table.sheet, table.header_row, table.first_col) == ("Accounts", 3, 2)
    assert table.headings == ("Code / कोड", "Name / नाम")
    assert list(table.columns[0]) == ["1001", "2001"]
    assert table.address(1, 1) == "C5"


def test_sheets_without_tables_and_owned_sheets_share_one_general_reader(
    book_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-calamine parses the whole shared-strings table when it opens a book: the block reads
    and the owned-sheet reads of one session open it once."""
    import python_calamine  # noqa: PLC0415

    opened: list[str] = []
    real = python_calamine.CalamineWorkbook.from_path
    monkeypatch.setattr(
        python_calamine.CalamineWorkbook, "from_path", lambda path: opened.append(path) or real(path)
    )
    with FileBook.open(book_path) as book:
        assert book.read_table(ACCOUNTS) is not None
        assert book.read_table(ACCOUNTS) is not None
        assert book.read_sheet("Notes") is not None
    assert len(opened) == 1


def test_a_table_that_is_nowhere_is_none(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        assert book.read_table(BANK_STATEMENT) is None
        assert book.read_table(SETTINGS) is None
        assert book.sheet_names() == ["Journal", "Accounts", "Notes"]


def _same_table(a: RawTable | None, b: RawTable | None) -> bool:
    if a is None or b is None:
        return a is b
    fields = ("name", "sheet", "header_row", "first_col", "headings", "merged")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and all(
        x.equals(y) and x.dtype == y.dtype for x, y in zip(a.columns, b.columns, strict=True)
    )


def _two_table_book(path: Path) -> Path:
    """The Journal book with a BankStatement table too: two tables to read side by side."""
    wb = openpyxl.load_workbook(_journal_book(path))
    bank = wb.create_sheet("Bank")
    bank.append(["Date", "Narration", "Withdrawal", "Deposit"])
    for day in range(1, 29):
        bank.append([dt.datetime(2025, 4, day), f"NEFT {day}", None, 100 * day])
    bank.add_table(Table(displayName="BankStatement", ref="A1:D29"))
    wb.save(path)
    return path


def test_read_tables_reads_big_tables_side_by_side_as_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _two_table_book(tmp_path / "two.xlsx")
    specs = (JOURNAL, ACCOUNTS, SETTINGS, BANK_STATEMENT)
    with FileBook.open(path) as book:
        one_by_one = {spec.name: book.read_table(spec) for spec in specs}
    monkeypatch.setattr(file_book, "PARALLEL_ROWS", 1)  # both tables count as big
    with FileBook.open(path) as book:
        together = read_tables(book, specs)
    assert list(together) == [spec.name for spec in specs]
    assert all(_same_table(together[name], one_by_one[name]) for name in together)
    assert together[SETTINGS.name] is None


def test_read_tables_raises_the_first_error_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _two_table_book(tmp_path / "broken.xlsx")
    monkeypatch.setattr(file_book, "PARALLEL_ROWS", 1)
    with FileBook.open(path) as book:

        def broken(spec: TableSpec) -> RawTable | None:  # every table fails: which error is raised?
            raise BookError(f"cannot read {spec.name}", f"{spec.name} नहीं पढ़ी")

        monkeypatch.setattr(book, "read_table", broken)
        with pytest.raises(BookError, match="cannot read Accounts"):
            book.read_tables((ACCOUNTS, BANK_STATEMENT, JOURNAL))  # the two tables in threads, Accounts not
        with pytest.raises(BookError, match="cannot read BankStatement"):
            book.read_tables((BANK_STATEMENT, ACCOUNTS, JOURNAL))


# -- bad files -----------------------------------------------------------------------------------


def _bad_files(tmp: Path, good: Path) -> dict[str, Path]:
    (tmp / "empty.xlsx").write_bytes(b"")
    (tmp / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (tmp / "data.csv").write_text("Date,Debit\n2025-04-01,5\n")
    (tmp / "garbage.xlsx").write_bytes(b"this is not a zip at all" * 10)
    (tmp / "truncated.xlsx").write_bytes(good.read_bytes()[:3000])
    locked = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")
    (tmp / "locked.xlsx").write_bytes(locked + b"\0" * 512)
    with zipfile.ZipFile(tmp / "nowb.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    shutil.copy(good, tmp / "sheet.ods")
    return {p.stem: p for p in tmp.iterdir() if p.suffix in {".xlsx", ".xls", ".csv", ".ods"} and p != good}


@pytest.mark.parametrize(
    ("case", "hint"),
    [
        ("empty", "0 bytes"),
        ("old", ".xlsx"),
        ("data", ".xlsx"),
        ("garbage", "damaged"),
        ("truncated", "damaged"),
        ("locked", "Protect Workbook"),
        ("nowb", "xl/workbook.xml"),
        ("sheet", "Save As"),
    ],
)
def test_bad_files_raise_a_bilingual_book_error_and_stay_unchanged(
    tmp_path: Path, book_path: Path, case: str, hint: str
) -> None:
    bad = _bad_files(tmp_path, book_path)[case]
    before = _digest(bad)
    with pytest.raises(BookError) as caught:
        FileBook.open(bad)
    message = caught.value.bilingual()
    assert bad.name in message
    assert hint in message
    assert any("\u0900" <= ch <= "\u097f" for ch in message)  # Devanagari: the Hindi half
    assert caught.value.fix_en
    assert caught.value.fix_hi
    assert _digest(bad) == before


def test_a_missing_file_is_a_book_error(tmp_path: Path) -> None:
    with pytest.raises(BookError, match="not found"):
        FileBook.open(tmp_path / "nope.xlsx")


# -- writing owned sheets ------------------------------------------------------------------------


def _issues(n: int = 2, text: str = "Debit is not a number") -> OwnedSheet:
    rows: list[list[Any]] = [["Rule / नियम", "Cell / सेल", "Amount", "Date"]]
    rows += [[f"{text} {i}", f"D{i + 2}", 1234.5 * i, dt.date(2025, 4, 1 + i)] for i in range(n)]
    return OwnedSheet(
        "Issues",
        rows,
        number_formats={2: "#,##0.00"},
        links={(1, 1): "#'Journal'!D2"},
        widths={0: 40, 1: 10},
        fills={(1, 0): "#FFC7CE"},
    )


def test_write_sheet_refuses_a_sheet_the_add_in_does_not_own(book_path: Path) -> None:
    with FileBook.open(book_path) as book, pytest.raises(ValueError, match="owns"):
        book.write_sheet(OwnedSheet("Journal", [["x"]]))


def test_write_sheet_creates_then_a_rerun_replaces_in_place(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues())
        book.save()
    wb = openpyxl.load_workbook(book_path)
    assert wb.sheetnames == ["Journal", "Accounts", "Notes", "Issues"]
    assert wb["Issues"]["A2"].value == "Debit is not a number 0"
    assert wb["Issues"]["A1"].font.b
    assert wb["Issues"]["C3"].number_format == "#,##0.00"
    assert wb["Issues"]["D2"].value == dt.datetime(2025, 4, 1)
    assert wb["Issues"].freeze_panes == "A2"

    with FileBook.open(book_path) as book:
        book.write_sheet(_issues(1, text="second run"))
        book.save()
    wb = openpyxl.load_workbook(book_path)
    assert wb.sheetnames == ["Journal", "Accounts", "Notes", "Issues"]
    assert wb["Issues"]["A2"].value == "second run 0"
    assert wb["Issues"]["A3"].value is None


def test_hyperlinks_land_on_internal_targets(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues())
        book.save()
    link = openpyxl.load_workbook(book_path)["Issues"]["B2"].hyperlink
    assert link is not None
    assert link.location == "'Journal'!D2"


def test_text_is_escaped_and_illegal_characters_dropped(book_path: Path) -> None:
    sheet = OwnedSheet("Trial Balance", [["<b>&\"'", "bell\x07end", "'=SUM(A1)"]])
    with FileBook.open(book_path) as book:
        book.write_sheet(sheet)
        book.save()
    ws = openpyxl.load_workbook(book_path)["Trial Balance"]
    assert [ws["A1"].value, ws["B1"].value, ws["C1"].value] == ["<b>&\"'", "bellend", "'=SUM(A1)"]


def test_a_negative_amount_in_a_lakh_grouped_column_is_written_in_brackets_never_a_bare_minus(
    book_path: Path,
) -> None:
    """INR_FORMAT cannot show a sign (LibreOffice drops it, Excel prints a bare minus): the one cell
    that holds a typed negative (a Day Book line shown as it is) takes the bracketed format."""
    rows: list[list[Any]] = [["Day Book"], ["Narration", "Debit"], ["refund", -320.0], ["sale", 1500.0]]
    with FileBook.open(book_path) as book:
        book.write_sheet(OwnedSheet("Day Book", rows, header_rows=2, number_formats={1: INR_FORMAT}))
        book.save()
    ws = openpyxl.load_workbook(book_path)["Day Book"]
    assert (ws["B3"].value, ws["B3"].number_format) == (-320, BRACKETED_INR_FORMAT)
    assert ws["B4"].number_format == INR_FORMAT


# -- highlights ----------------------------------------------------------------------------------


def _bahi_rules(path: Path, sheet: str) -> list[str]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [
        str(cf.sqref)
        for cf in ws.conditional_formatting
        for rule in cf.rules
        if rule.formula and rule.formula[0] == HIGHLIGHT_MARKER
    ]


def test_highlights_are_added_then_replaced_on_rerun(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        book.write_highlights([Highlight("Journal", ("D4", "D2", "D3"))])
        book.save()
    assert _bahi_rules(book_path, "Journal") == ["D2:D4"]
    with FileBook.open(book_path) as book:
        book.write_highlights([Highlight("Journal", ("E2",), color="#FFEB9C")])
        book.save()
    assert _bahi_rules(book_path, "Journal") == ["E2"]
    with FileBook.open(book_path) as book:
        book.write_highlights([])
        book.save()
    assert _bahi_rules(book_path, "Journal") == []


def test_styles_do_not_grow_on_rerun(book_path: Path) -> None:
    sizes = []
    for _ in range(3):
        with FileBook.open(book_path) as book:
            book.write_sheet(_issues())
            book.write_highlights([Highlight("Journal", ("D4",))])
            book.save()
        with zipfile.ZipFile(book_path) as z:
            sizes.append(len(z.read("xl/styles.xml")))
    assert sizes[0] == sizes[1] == sizes[2]


# -- the user's data stays -----------------------------------------------------------------------


def test_every_user_cell_is_unchanged_after_a_write(book_path: Path) -> None:
    before = _values(book_path)
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues())
        book.write_sheet(OwnedSheet("Trial Balance", [["Account", "Debit"], ["1001", 500.0]]))
        book.write_highlights([Highlight("Journal", ("D4",)), Highlight("Accounts", ("B4",))])
        book.save()
    after = _values(book_path)
    assert {k: v for k, v in after.items() if k in before} == before
    wb = openpyxl.load_workbook(book_path)
    assert wb["Notes"]["A1"].value == "=SUM(1,2)"
    assert wb["Journal"].tables["Journal"].ref == "A1:E4"


def test_untouched_entries_are_byte_identical(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues())
        book.write_highlights([Highlight("Journal", ("D4",))])
        book.save()
    backup = book_path.with_name("books.bak.xlsx")
    changed = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
    changed.add("xl/worksheets/sheet1.xml")  # the Journal: only its tail (highlights) changed
    with zipfile.ZipFile(backup) as old, zipfile.ZipFile(book_path) as new:
        new_infos = {i.filename: i for i in new.infolist()}
        for info in old.infolist():
            if info.filename in changed:
                continue
            twin = new_infos[info.filename]
            assert (twin.CRC, twin.compress_size, twin.file_size) == (
                info.CRC,
                info.compress_size,
                info.file_size,
            )
            assert new.read(twin) == old.read(info)
        assert new.testzip() is None


def test_journal_cells_bytes_survive_a_highlight(book_path: Path) -> None:
    with zipfile.ZipFile(book_path) as z:
        before = z.read("xl/worksheets/sheet1.xml")
    with FileBook.open(book_path) as book:
        book.write_highlights([Highlight("Journal", ("D4",))])
        book.save()
    with zipfile.ZipFile(book_path) as z:
        after = z.read("xl/worksheets/sheet1.xml")
    cut = before.index(b"</sheetData>")
    assert after[:cut] == before[:cut]


# -- owned columns ------------------------------------------------------------------------------


def test_write_column_adds_an_owned_column_at_the_tables_right(book_path: Path) -> None:
    before = _values(book_path)
    with FileBook.open(book_path) as book:
        book.write_column(JOURNAL, "Match ID", ["M1", None, "M2"])
        book.save()
    wb = openpyxl.load_workbook(book_path)
    ws = wb["Journal"]
    assert ws.tables["Journal"].ref == "A1:F4"
    assert [c.name for c in ws.tables["Journal"].tableColumns][-1] == "Match ID / मिलान आईडी"
    assert [ws["F1"].value, ws["F2"].value, ws["F3"].value, ws["F4"].value] == [
        "Match ID / मिलान आईडी", "M1", None, "M2",
    ]  # fmt: skip
    after = _values(book_path)
    assert [row[:5] for row in after["Journal"]] == [row[:5] for row in before["Journal"]]
    with FileBook.open(book_path) as book:
        table = book.read_table(JOURNAL)
    assert table is not None
    assert table.headings[-1] == "Match ID / मिलान आईडी"


def test_an_added_owned_column_is_wide_enough_to_read_and_a_users_width_is_kept(book_path: Path) -> None:
    with FileBook.open(book_path) as book:
        book.write_column(JOURNAL, "Match ID", ["R12-000123"])
        book.write_column(JOURNAL, "Match Rule", ["split-together (0.70)"])
        book.save()
    ws = openpyxl.load_workbook(book_path)["Journal"]
    assert (ws.column_dimensions["F"].width, ws.column_dimensions["G"].width) == (21, 26)
    ws.column_dimensions["F"].width = 30  # the user widens it; the next run keeps that
    ws.parent.save(book_path)
    with FileBook.open(book_path) as book:
        book.write_column(JOURNAL, "Match ID", ["R13-000001"])
        book.save()
    assert openpyxl.load_workbook(book_path)["Journal"].column_dimensions["F"].width == 30


def test_an_added_owned_columns_heading_looks_like_the_tables_headings(book_path: Path) -> None:
    wb = openpyxl.load_workbook(book_path)
    wb["Journal"]["E1"].font = openpyxl.styles.Font(bold=True)
    wb["Journal"]["E1"].alignment = openpyxl.styles.Alignment(wrap_text=True, vertical="center")
    wb.save(book_path)
    with FileBook.open(book_path) as book:
        book.write_column(JOURNAL, "Match ID", ["R12-000123"])
        book.write_column(JOURNAL, "Match Rule", ["split-together (0.70)"])
        book.save()
    ws = openpyxl.load_workbook(book_path)["Journal"]
    for heading in (ws["F1"], ws["G1"]):  # bold and wrapped like E1; the values below take no style
        assert (heading.font.bold, heading.alignment.wrap_text, heading.alignment.vertical) == (
            True, True, "center",
        )  # fmt: skip
    assert not ws["F2"].font.bold


def test_write_column_rerun_overwrites_the_same_column(book_path: Path) -> None:
    for ids in (["M1", "M1", "M2"], ["X9"]):
        with FileBook.open(book_path) as book:
            book.write_column(JOURNAL, "Match ID", ids)
            book.save()
    ws = openpyxl.load_workbook(book_path)["Journal"]
    assert ws.tables["Journal"].ref == "A1:F4"
    assert [ws["F2"].value, ws["F3"].value, ws["F4"].value, ws["G1"].value] == ["X9", None, None, None]


def test_write_column_refuses_a_user_column_and_a_cell_with_data(book_path: Path) -> None:
    with FileBook.open(book_path) as book, pytest.raises(ValueError, match="owns"):
        book.write_column(JOURNAL, "Debit", [1])
    wb = openpyxl.load_workbook(book_path)
    wb["Journal"]["F3"] = "my note"
    wb.save(book_path)
    before = _digest(book_path)
    with FileBook.open(book_path) as book:
        with pytest.raises(BookError) as caught:  # refused at once, before anything is planned
            book.write_column(JOURNAL, "Match ID", ["M1", "M1", "M2"])
        book.save()
    assert (caught.value.sheet, caught.value.cell) == ("Journal", "F3")
    assert "F3" in caught.value.message_en
    assert "F3" in caught.value.message_hi
    assert _digest(book_path) == before


def test_a_formula_showing_nothing_where_a_new_column_goes_is_refused_at_save_naming_its_sheet(
    book_path: Path,
) -> None:
    wb = openpyxl.load_workbook(book_path)
    wb["Journal"]["F2"] = '=""'  # no value cached: the check before writing sees an empty cell
    wb.save(book_path)
    before = _digest(book_path)
    with FileBook.open(book_path) as book:
        book.write_column(JOURNAL, "Match ID", ["M1"])
        with pytest.raises(BookError) as caught:
            book.save()
    assert (caught.value.sheet, caught.value.cell) == ("Journal", "F2")
    assert _digest(book_path) == before


# -- saving --------------------------------------------------------------------------------------


def test_save_without_writes_does_nothing(book_path: Path) -> None:
    before = _digest(book_path)
    with FileBook.open(book_path) as book:
        book.read_table(JOURNAL)
        book.save()
    assert _digest(book_path) == before
    assert not book_path.with_name("books.bak.xlsx").exists()


def test_save_keeps_a_backup_of_the_previous_version(book_path: Path) -> None:
    first = _digest(book_path)
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues())
        book.save()
    backup = book_path.with_name("books.bak.xlsx")
    assert _digest(backup) == first
    second = _digest(book_path)
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues(3))
        book.save()
    assert _digest(backup) == second


def test_a_failed_save_leaves_the_original_and_no_temp_file(
    book_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _digest(book_path)
    book = FileBook.open(book_path)
    book.write_sheet(_issues())

    def broken(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("addin.books.xlsx_parts.ZipWriter.close", broken)
    with pytest.raises(BookError) as caught:
        book.save()
    book.close()
    assert "No space left" in caught.value.bilingual()
    assert _digest(book_path) == before
    assert sorted(p.name for p in book_path.parent.iterdir()) == ["books.xlsx"]


def test_after_save_the_same_book_reads_and_writes_on(book_path: Path) -> None:
    book = FileBook.open(book_path)
    book.write_sheet(_issues())
    book.save()
    assert book.sheet_names()[-1] == "Issues"
    table = book.read_table(JOURNAL)
    assert table is not None
    assert table.row_count == 3
    book.write_sheet(_issues(1, text="again"))
    book.save()
    book.close()
    assert openpyxl.load_workbook(book_path)["Issues"]["A2"].value == "again 0"


def test_save_as_writes_a_copy_and_leaves_the_input(book_path: Path, tmp_path: Path) -> None:
    before = _digest(book_path)
    out = tmp_path / "out" / "result.xlsx"
    out.parent.mkdir()
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues())
        book.save_as(out)
    assert _digest(book_path) == before
    assert openpyxl.load_workbook(out).sheetnames[-1] == "Issues"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_the_written_file_opens_in_libreoffice(book_path: Path, tmp_path: Path) -> None:
    with FileBook.open(book_path) as book:
        book.write_sheet(_issues())
        book.write_highlights([Highlight("Journal", ("D4", "E2"))])
        book.write_column(JOURNAL, "Match ID", ["M1", None, "M2"])
        book.save()
    outdir = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    result = subprocess.run(
        [*command, "--outdir", str(outdir), str(book_path)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = outdir / "books.pdf"
    assert pdf.exists()
    assert pdf.stat().st_size > 1000


def test_a_new_sheet_declares_the_relationships_prefix_itself(book_path: Path, tmp_path: Path) -> None:
    """A workbook.xml may declare the relationships namespace on inner elements only (here on each
    ``<sheet>`` itself, as some writers do): the sheet Bahi adds must still bind its ``r:id``."""
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(book_path) as zin, zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/workbook.xml":
                text = data.decode()
                text = text.replace(f' xmlns:r="{rel_ns}"', "")
                data = text.replace("<sheet ", f'<sheet xmlns:r="{rel_ns}" ').encode()
            zout.writestr(info, data)
    with FileBook.open(odd) as book:
        book.write_sheet(_issues())
        book.save()
    import xml.etree.ElementTree as ET  # noqa: PLC0415

    root = ET.fromstring(zipfile.ZipFile(odd).read("xl/workbook.xml"))  # unbound prefixes would raise
    ids = [s.get(f"{{{rel_ns}}}id") for s in root.iter() if s.tag.endswith("}sheet")]
    assert len(ids) == 4
    assert all(ids)
    assert openpyxl.load_workbook(odd).sheetnames == ["Journal", "Accounts", "Notes", "Issues"]
