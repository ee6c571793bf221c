"""XlwingsBook over the JSON book xlwings Server builds from an Office.js payload.

Reads come from the payload; writes are checked as the actions the task pane will apply.
"""

from __future__ import annotations

import copy
import datetime as dt
import pathlib
from typing import Any

import numpy as np
import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, BookError, Highlight, OwnedSheet
from addin.books.xlwings_book import POINTS_PER_CHARACTER, XlwingsBook, cell_runs
from addin.engine.cells import parse_dates
from addin.engine.money import BRACKETED_INR_FORMAT, INR_FORMAT
from addin.engine.schema import ACCOUNTS, BANK_STATEMENT, JOURNAL, SETTINGS
from tests.officejs import payload_from_xlsx
from tests.server.books import build_small_ledger

LEDGER = ["Accounts", "Journal", "Settings"]


def book_of(path: pathlib.Path, **kwargs: Any) -> XlwingsBook:
    return XlwingsBook(xw.Book(json=payload_from_xlsx(path, **kwargs)))


def actions(book: XlwingsBook, func: str | None = None) -> list[dict[str, Any]]:
    found = book.book.json()["actions"]
    return [a for a in found if func is None or a["func"] == func]


def test_the_json_book_is_the_remote_engine(small_ledger: pathlib.Path) -> None:
    assert book_of(small_ledger, include=LEDGER).remote


def test_read_table_finds_the_excel_table_with_dates_as_office_js_sends_them_and_empty_cells_as_none(
    small_ledger: pathlib.Path,
) -> None:
    table = book_of(small_ledger, include=LEDGER).read_table(JOURNAL)
    assert table is not None
    assert (table.sheet, table.header_row, table.first_col, table.row_count) == ("Journal", 1, 1, 6)
    assert table.headings[:3] == ("Date / दिनांक", "Voucher / वाउचर", "Account / खाता")
    assert table.columns[0].iloc[0] == "2025-04-01T00:00:00.000Z"  # as Office.js sends a date cell
    assert parse_dates(table.columns[0]).values[0] == np.datetime64(dt.datetime(2025, 4, 1))  # read so
    assert table.columns[3].iloc[3] == "seven hundred"  # text amounts arrive as typed
    assert table.columns[4].iloc[0] is None  # empty cell
    assert table.address(2, 2) == "C4"


def test_read_table_keeps_excel_error_values_as_text() -> None:
    payload = {
        "client": "Office.js",
        "version": "0.37.8",
        "book": {"name": "e.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": [
            {
                "name": "Settings",
                "values": [["Setting", "Value"], ["Company", "#N/A"]],
                "tables": [],
                "pictures": [],
                "shapes": [],
                "charts": [],
                "notes": [],
                "pivot_tables": [],
                "used_range_address": "A1:B2",
            }
        ],
    }
    table = XlwingsBook(xw.Book(json=payload)).read_table(SETTINGS)
    assert table is not None
    assert table.columns[1].tolist() == ["#N/A"]


def test_read_table_returns_none_for_a_missing_table_and_sheet(small_ledger: pathlib.Path) -> None:
    assert book_of(small_ledger, include=LEDGER).read_table(BANK_STATEMENT) is None


def test_sheets_outside_include_have_no_values_and_no_tables(small_ledger: pathlib.Path) -> None:
    payload = payload_from_xlsx(small_ledger, include=["Accounts"])
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    assert journal["values"] == [[]]
    assert journal["tables"] == []
    assert XlwingsBook(xw.Book(json=payload)).read_table(ACCOUNTS) is not None


def test_write_sheet_adds_the_owned_sheet_and_writes_values_in_one_action(small_ledger: pathlib.Path) -> None:
    book = book_of(small_ledger, include=LEDGER)
    book.write_sheet(
        OwnedSheet(
            "Trial Balance",
            [["Account / खाता", "Debit / नामे"], ["Cash", 10.5], ["Rent", 2.0]],
            number_formats={1: "#,##0.00"},
            widths={0: 30},
        )
    )
    assert [a["func"] for a in actions(book)][:2] == ["addSheet", "setValues"]
    (add,) = actions(book, "addSheet")
    assert add["args"] == [3, "Trial Balance"]
    (values,) = actions(book, "setValues")
    assert values["sheet_position"] == 3
    assert values["values"] == [["Account / खाता", "Debit / नामे"], ["Cash", 10.5], ["Rent", 2.0]]
    (fmt,) = actions(book, "setNumberFormat")
    assert (fmt["start_row"], fmt["start_column"], fmt["row_count"], fmt["args"]) == (1, 1, 2, ["#,##0.00"])
    assert actions(book, "setFontProperty")[0]["args"] == ["bold", True]


def test_write_sheet_puts_a_negative_amount_of_a_lakh_grouped_column_in_brackets(
    small_ledger: pathlib.Path,
) -> None:
    book = book_of(small_ledger, include=LEDGER)
    rows: list[list[Any]] = [["Narration", "Debit"], ["sale", 10.5], ["refund", -320.0], ["rent", 2.0]]
    book.write_sheet(OwnedSheet("Day Book", rows, number_formats={1: INR_FORMAT}))
    formats = [(a["start_row"], a["row_count"], a["args"]) for a in actions(book, "setNumberFormat")]
    assert formats == [(1, 3, [INR_FORMAT]), (2, 1, [BRACKETED_INR_FORMAT])]  # the column, then B3


def test_write_sheet_clears_an_existing_owned_sheet_instead_of_adding_one(tmp_path: pathlib.Path) -> None:
    path = build_small_ledger(tmp_path / "with-tb.xlsx")
    wb = load_workbook(path)
    wb.create_sheet("Trial Balance")["A1"] = "old"
    wb.save(path)
    book = book_of(path, include=[*LEDGER, "Trial Balance"])
    book.write_sheet(OwnedSheet("Trial Balance", [["new"]]))
    assert not actions(book, "addSheet")
    assert actions(book)[0]["func"] == "sheetClear"


def test_write_sheet_never_writes_a_workbook_string_as_a_formula(small_ledger: pathlib.Path) -> None:
    book = book_of(small_ledger, include=LEDGER)
    book.write_sheet(
        OwnedSheet("Issues", [["Value"], ['=HYPERLINK("http://x")'], ["+91 cash"], ["@rent"], [-5]])
    )
    (values,) = actions(book, "setValues")
    assert values["values"] == [["Value"], ['\'=HYPERLINK("http://x")'], ["'+91 cash"], ["'@rent"], [-5]]
    assert not actions(book, "setFormula")


def test_write_sheet_splits_big_sheets_into_several_writes(small_ledger: pathlib.Path) -> None:
    book = XlwingsBook(xw.Book(json=payload_from_xlsx(small_ledger, include=LEDGER)), max_cells_per_write=10)
    book.write_sheet(OwnedSheet("Day Book", [[i, i] for i in range(12)]))
    writes = actions(book, "setValues")
    assert [(w["start_row"], len(w["values"])) for w in writes] == [(0, 5), (5, 5), (10, 2)]


def test_write_sheet_caps_hyperlinks(small_ledger: pathlib.Path) -> None:
    book = XlwingsBook(xw.Book(json=payload_from_xlsx(small_ledger, include=LEDGER)), max_links=2)
    links = {(r, 0): f"#'Journal'!C{r}" for r in range(1, 5)}
    book.write_sheet(OwnedSheet("Issues", [["Cell"]] + [[f"C{r}"] for r in range(1, 5)], links=links))
    added = actions(book, "addHyperlink")
    assert [a["args"][:2] for a in added] == [["#'Journal'!C1", "C1"], ["#'Journal'!C2", "C2"]]


def test_cell_runs_merge_adjacent_cells_of_a_column() -> None:
    assert cell_runs(["D5", "D6", "D7", "D9", "B2"]) == ["B2", "D5:D7", "D9"]


def test_highlights_are_one_action_per_run_of_cells(small_ledger: pathlib.Path) -> None:
    book = book_of(small_ledger, include=LEDGER)
    book.write_highlights(
        [
            Highlight("Journal", ("D4", "D5", "D6", "C4")),
            Highlight("Journal", ("F7",), HIGHLIGHT_WARNING),
        ]
    )
    colors = [
        (a["start_row"], a["start_column"], a["row_count"], a["args"][0])
        for a in actions(book, "setRangeColor")
    ]
    assert sorted(colors) == sorted(
        [(3, 2, 1, HIGHLIGHT_ERROR), (3, 3, 3, HIGHLIGHT_ERROR), (6, 5, 1, HIGHLIGHT_WARNING)]
    )
    assert {a["sheet_position"] for a in actions(book, "setRangeColor")} == {1}


def test_highlights_clear_the_cells_the_previous_issues_sheet_lists(tmp_path: pathlib.Path) -> None:
    path = build_small_ledger(tmp_path / "rerun.xlsx")
    wb = load_workbook(path)
    issues = wb.create_sheet("Issues")
    issues.append(["Severity / गंभीरता", "Sheet / शीट", "Cell / सेल", "Message / संदेश"])
    issues.append(["error", "Journal", "C4", "Unknown account"])
    issues.append(["error", "Journal", "D5", "Not a number"])
    wb.save(path)
    book = book_of(path, include=[*LEDGER, "Issues"])
    assert book.previous_highlights() == {"Journal": ["C4", "D5"]}
    book.write_highlights([Highlight("Journal", ("D5",))])
    cleared = [a for a in actions(book, "setRangeColor") if a["args"] == [None]]
    assert [(a["start_row"], a["start_column"]) for a in cleared] == [(3, 2)]  # C4 only: D5 stays red


def test_highlights_are_capped(small_ledger: pathlib.Path) -> None:
    book = XlwingsBook(xw.Book(json=payload_from_xlsx(small_ledger, include=LEDGER)), max_highlights=3)
    book.write_highlights([Highlight("Journal", tuple(f"B{r}" for r in range(2, 12, 2)))])
    assert (book.highlights_written, book.highlights_dropped) == (3, 2)
    assert len(actions(book, "setRangeColor")) == 3


def test_write_column_adds_an_owned_column_at_the_tables_right(small_ledger: pathlib.Path) -> None:
    book = book_of(small_ledger, include=LEDGER)
    book.write_column(JOURNAL, "Match ID", ["M1", None, "=1+1", None, None, None])
    heading, body = actions(book, "setValues")
    assert (heading["start_row"], heading["start_column"], heading["values"]) == (
        0,
        8,
        [["Match ID / मिलान आईडी"]],
    )
    assert (body["start_row"], body["start_column"]) == (1, 8)
    assert body["values"] == [["M1"], [""], ["'=1+1"]]  # None is sent as ""; blank cells stay unsent
    (width,) = actions(book, "setColumnWidth")  # wide enough for its heading, in points
    assert (width["start_row"], width["start_column"], width["args"]) == (0, 8, [21.0 * POINTS_PER_CHARACTER])
    fonts = [(a["start_row"], a["start_column"], a["args"]) for a in actions(book, "setFontProperty")]
    assert fonts == [(0, 8, ["bold", True])]  # the heading is bold and wrapped like the template's
    assert [(a["start_row"], a["start_column"]) for a in actions(book, "setWrapText")] == [(0, 8)]


def test_each_added_column_goes_at_the_tables_new_right_edge_and_widens_the_table(
    small_ledger: pathlib.Path,
) -> None:
    book = book_of(small_ledger, include=LEDGER)
    book.write_column(JOURNAL, "Match ID", ["M1", None, None, None, None, None])
    book.write_column(JOURNAL, "Match Rule", ["reference (0.99)", None, None, None, None, None])
    headings = [(a["start_column"], a["values"]) for a in actions(book, "setValues") if a["start_row"] == 0]
    assert headings == [(8, [["Match ID / मिलान आईडी"]]), (9, [["Match Rule / मिलान नियम"]])]
    bodies = [(a["start_column"], a["values"]) for a in actions(book, "setValues") if a["start_row"] > 0]
    assert bodies == [(8, [["M1"]]), (9, [["reference (0.99)"]])]
    resizes = [a["args"] for a in actions(book, "resizeTable")]  # the table takes in each new column
    assert resizes == [[0, "$A$1:$I$7"], [0, "$A$1:$J$7"]]
    book.write_column(JOURNAL, "Match ID", ["M2", None, None, None, None, None])  # already added: no third
    assert len(actions(book, "resizeTable")) == 2
    assert [a["start_column"] for a in actions(book, "setValues")][-1] == 8


def test_write_column_refuses_a_users_cell_where_the_new_column_goes_and_queues_nothing(
    small_ledger: pathlib.Path,
) -> None:
    payload = payload_from_xlsx(small_ledger, include=LEDGER)
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    journal["values"][2].append("checked by CA")  # I3, right of the table A1:H7
    book = XlwingsBook(xw.Book(json=payload))
    with pytest.raises(BookError) as caught:
        book.write_column(JOURNAL, "Match ID", ["M1", None, None, None, None, None])
    assert (caught.value.sheet, caught.value.cell) == ("Journal", "I3")
    assert "I3" in caught.value.message_en
    assert "I3" in caught.value.message_hi
    assert actions(book) == []


def test_write_column_sends_only_the_cells_that_change(small_ledger: pathlib.Path) -> None:
    payload = payload_from_xlsx(small_ledger, include=LEDGER)
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    for row, value in zip(journal["values"], ["Match ID", "M1", "", "M2", "", "", "M3"], strict=False):
        row.append(value)
    (table,) = journal["tables"]  # a run before added the column to the table
    table.update(range_address="A1:I7", header_row_range_address="A1:I1", data_body_range_address="A2:I7")
    table.update(columns=[*table["columns"], "Match ID"], column_count=9)
    first = XlwingsBook(xw.Book(json=copy.deepcopy(payload)))
    first.write_column(JOURNAL, "Match ID", ["M1", None, "M2", None, None, "M3"])
    body_writes = [a for a in actions(first, "setValues") if a["start_row"] > 0]  # not the heading
    assert body_writes == []  # the same matches as last time: nothing to send
    again = XlwingsBook(xw.Book(json=payload), max_cells_per_write=50_000)
    again.write_column(JOURNAL, "Match ID", ["M1", None, None, None, None, "M4"])
    (body,) = [a for a in actions(again, "setValues") if a["start_row"] > 0]
    assert (body["start_row"], body["values"]) == (3, [[""], [""], [""], ["M4"]])


def test_write_column_takes_over_an_owned_heading_left_beside_the_table_and_sends_only_changes(
    small_ledger: pathlib.Path,
) -> None:
    payload = payload_from_xlsx(small_ledger, include=LEDGER)
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    heading = JOURNAL.column("Match ID").heading
    for row, value in zip(journal["values"], [heading, "M1", "", "M2", "", "", "M3"], strict=False):
        row.append(value)  # an earlier run headed I1 without widening the table A1:H7
    first = XlwingsBook(xw.Book(json=copy.deepcopy(payload)))
    first.write_column(JOURNAL, "Match ID", ["M1", None, "M2", None, None, "M3"])
    assert [a["args"] for a in actions(first, "resizeTable")] == [[0, "$A$1:$I$7"]]
    assert actions(first, "setValues") == []  # its heading kept, the same matches: nothing to send
    again = XlwingsBook(xw.Book(json=payload), max_cells_per_write=50_000)
    again.write_column(JOURNAL, "Match ID", ["M1", None, None, None, None, "M4"])
    (body,) = actions(again, "setValues")
    assert (body["start_row"], body["start_column"], body["values"]) == (3, 8, [[""], [""], [""], ["M4"]])


def test_write_column_still_refuses_a_heading_beside_the_table_that_is_not_bahis_own(
    small_ledger: pathlib.Path,
) -> None:
    payload = payload_from_xlsx(small_ledger, include=LEDGER)
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    journal["values"][0].append("Match ID")  # I1: not the heading Bahi writes, so the user's
    book = XlwingsBook(xw.Book(json=payload))
    with pytest.raises(BookError) as caught:
        book.write_column(JOURNAL, "Match ID", ["M1", None, None, None, None, None])
    assert (caught.value.sheet, caught.value.cell) == ("Journal", "I1")
    assert actions(book) == []


@pytest.mark.parametrize("spec", [ACCOUNTS, JOURNAL, SETTINGS])
def test_fallback_reads_the_block_at_a1_when_there_is_no_table(small_ledger: pathlib.Path, spec: Any) -> None:
    payload = payload_from_xlsx(small_ledger, include=LEDGER)
    for sheet in payload["sheets"]:
        sheet["tables"] = []
    with_tables = book_of(small_ledger, include=LEDGER).read_table(spec)
    without = XlwingsBook(xw.Book(json=payload)).read_table(spec)
    assert with_tables is not None
    assert without is not None
    assert without.headings == with_tables.headings
    assert [c.tolist() for c in without.columns] == [c.tolist() for c in with_tables.columns]
