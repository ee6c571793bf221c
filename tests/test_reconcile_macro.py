"""The Reconcile macro on the demo book: through the file adapter (``bahi``) and the JSON book (Excel).

One code path, two adapters: both must report the same matches and BRS; the file written must keep
every value the user typed; reruns change nothing; undo leaves the books as before the run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import shutil
from decimal import Decimal
from typing import Any

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin.books.file_book import FileBook
from addin.books.xlwings_book import XlwingsBook
from addin.engine.ledger import Settings
from addin.engine.money import INR_FORMAT, side
from addin.engine.reconciliation.matching import bank_lines_frame, book_lines_frame, match_lines
from addin.engine.reconciliation.reconcile import Reconciliation, match_differences
from addin.engine.reconciliation.statement import reconciliation_statement
from addin.engine.schema import BANK_STATEMENT, JOURNAL, RECONCILIATION_LOG_SHEET, RECONCILIATION_SHEET
from addin.macros.reconcile import reconcile_book, undo_reconciliation
from addin.macros.reconciliation_sheets import brs_records, reconciliation_sheet
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH

RECONCILE_SHEETS = ["Accounts", "Journal", "Settings", "Bank Statement", RECONCILIATION_LOG_SHEET]
USER_SHEETS = ["Accounts", "Journal", "Settings"]


@pytest.fixture
def demo(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "demo.xlsx"
    shutil.copy(DEMO_PATH, path)
    return path


@pytest.fixture
def open_slips(demo: pathlib.Path) -> pathlib.Path:
    return add_open_slips(demo)


def add_open_slips(demo: pathlib.Path) -> pathlib.Path:
    """The demo with two clearing credits of ₹3,000 on 31/03 and four cheques received before them
    (₹1,000 + ₹2,000, ₹1,250 + ₹1,750): which slip held which, the amounts cannot tell."""
    cheques = [(25, 100000, 1131), (26, 200000, 1132), (27, 125000, 1133), (28, 175000, 1134)]
    with FileBook.open(demo) as book:
        book.append_rows(JOURNAL, [
            {"Date": dt.datetime(2026, 3, day), "Voucher": f"RV-90{day}", "Account": account,
             "Debit": debit, "Credit": credit, "Narration": f"Cheque received from party {party}"}
            for day, paise, party in cheques
            for account, debit, credit in ((1120, paise / 100, None), (party, None, paise / 100))
        ])  # fmt: skip
        book.append_rows(BANK_STATEMENT, [
            {"Date": dt.datetime(2026, 3, 31), "Description": f"BY CLG SLIP NO {n}", "Deposit": 3000.0,
             "Balance": 6067620.28 + 3000 * n}
            for n in (1, 2)
        ])  # fmt: skip
        book.save()
    return demo


def reconcile_file(path: pathlib.Path, **kwargs: Any) -> Any:
    with FileBook.open(path) as book:
        result = reconcile_book(book, write=True, **kwargs)
        book.save()
    return result


def typed_values(path: pathlib.Path, sheets: list[str]) -> dict[tuple[str, str], Any]:
    wb = load_workbook(path)
    return {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        if ws.title in sheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def test_the_demo_reconciles_to_the_paisa_with_its_planted_outstanding_items(demo: pathlib.Path) -> None:
    result = reconcile_file(demo).report
    brs = result.statement
    assert brs.unexplained_difference == 0
    assert len(brs.cheques_not_presented) == 2
    assert len(brs.deposits_not_credited) == 1
    assert {p.kind for p in result.proposals} == {"bank-charges", "interest"}


def test_writing_adds_match_columns_and_the_statement_sheets_keeping_typed_values(demo: pathlib.Path) -> None:
    before = typed_values(demo, USER_SHEETS)
    result = reconcile_file(demo)
    wb = load_workbook(demo)
    assert {RECONCILIATION_SHEET, RECONCILIATION_LOG_SHEET} <= set(wb.sheetnames)
    headings = [c.value for c in wb["Bank Statement"][1]]
    assert "Match ID / मिलान आईडी" in headings
    after = typed_values(demo, USER_SHEETS)
    assert {k: v for k, v in after.items() if k in before} == before
    journal = wb["Journal"]
    column = [c.value for c in journal[1]].index("Match ID / मिलान आईडी") + 1
    cells = journal.iter_rows(min_row=2, min_col=column, max_col=column)
    ids = {row[0].value for row in cells if row[0].value}
    assert ids == {m.match_id for m in result.report.matching.matches}


def test_a_rerun_keeps_every_match_and_makes_none(demo: pathlib.Path) -> None:
    first = reconcile_file(demo).report
    second = reconcile_file(demo).report
    assert [(m.bank_rows, m.journal_rows) for m in second.matching.matches] == [
        (m.bank_rows, m.journal_rows) for m in first.matching.matches
    ]
    assert {m.match_id for m in second.matching.matches} == {m.match_id for m in first.matching.matches}
    log = load_workbook(demo)[RECONCILIATION_LOG_SHEET]
    assert [row[4].value for row in log.iter_rows(min_row=2)] == [len(first.matching.matches), 0]


def test_undo_clears_exactly_that_runs_ids(demo: pathlib.Path) -> None:
    pristine = typed_values(demo, ["Journal", "Bank Statement"])
    reconcile_file(demo)
    with FileBook.open(demo) as book:
        result = undo_reconciliation(book, "R1", write=True)
        book.save()
    assert "R1" in result.note.en
    after = typed_values(demo, ["Journal", "Bank Statement"])
    assert {k: v for k, v in after.items() if not str(v).startswith(("Match ", "मिलान"))} == pristine
    log = load_workbook(demo)[RECONCILIATION_LOG_SHEET]
    assert [row[8].value for row in log.iter_rows(min_row=2)] == ["undone"]


@pytest.mark.parametrize("book", ["demo", "open_slips"])
def test_the_json_book_and_the_file_give_the_same_reconciliation(
    book: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(book)
    remote = reconcile_book(
        XlwingsBook(xw.Book(json=payload_from_xlsx(path, include=RECONCILE_SHEETS))), write=True
    ).report
    local = reconcile_file(path).report
    assert remote.as_json() == local.as_json()
    assert bool(local.possible) == (book == "open_slips")


def test_a_book_without_a_bank_statement_gets_a_fatal_issue_and_nothing_written(demo: pathlib.Path) -> None:
    wb = load_workbook(demo)
    del wb["Bank Statement"]
    wb.save(demo)
    before = demo.read_bytes()
    result = reconcile_file(demo)
    assert result.fatal
    assert [i.rule for i in result.issues if i.severity.value == "fatal"] == ["missing-table"]
    assert demo.read_bytes() == before


def test_a_bank_account_missing_from_accounts_is_fatal(demo: pathlib.Path) -> None:
    with FileBook.open(demo) as book:
        result = reconcile_book(book, write=False, account="9999")
    fatal = [i for i in result.issues if i.severity.value == "fatal"]
    assert [i.rule for i in fatal] == ["unknown-bank-account"]
    assert "9999" in fatal[0].message_en


def test_a_statement_whose_running_balance_breaks_is_flagged_at_the_balance_cell(demo: pathlib.Path) -> None:
    wb = load_workbook(demo)
    ws = wb["Bank Statement"]
    ws["F10"] = (ws["F10"].value or 0) + 100
    wb.save(demo)
    with FileBook.open(demo) as book:
        result = reconcile_book(book, write=False)
    cells = [(i.rule, i.cell) for i in result.issues if i.rule == "bank-balance-mismatch"]
    assert cells == [("bank-balance-mismatch", "F10"), ("bank-balance-mismatch", "F11")]


def test_a_statement_with_errors_changes_nothing(demo: pathlib.Path) -> None:
    wb = load_workbook(demo)
    ws = wb["Bank Statement"]
    ws["F10"] = (ws["F10"].value or 0) + 100
    wb.save(demo)
    before = demo.read_bytes()
    result = reconcile_file(demo)
    assert result.written == ()
    assert "nothing was matched" in result.note.en
    assert demo.read_bytes() == before


def test_the_statement_shows_what_an_open_line_could_be_beside_it(demo: pathlib.Path) -> None:
    with FileBook.open(demo) as book:
        result = reconcile_book(book, write=False).report
    assert result.possible == {}  # the demo's open lines have nothing of their amount: no list
    # the interest credit could be the deposit not yet credited (as if their amounts agreed)
    shown = reconciliation_sheet(
        dataclasses.replace(result, possible={568: ((3277,), (3253, 3270))}),
        Settings(),
        bank_sheet="Bank Statement",
        journal_sheet="Journal",
    )
    assert shown.rows[2][6] == "Could be (rows) / संभावित मिलान (पंक्तियाँ)"
    could_be = {row[3]: row[6] for row in shown.rows[3:] if len(row) > 6 and row[6]}
    assert could_be == {
        "Journal!A3277": "Bank Statement 568",
        "Journal!A3253": "Bank Statement 568",
        "Journal!A3270": "Bank Statement 568",
        "Bank Statement!A568": "Journal 3277 or 3253 + 3270",
    }


def test_slips_the_amounts_cannot_settle_are_listed_with_their_cheques(open_slips: pathlib.Path) -> None:
    result = reconcile_file(open_slips).report
    assert result.possible == {569: ((3283, 3285), (3287, 3289)), 570: ((3283, 3285), (3287, 3289))}
    ws = load_workbook(open_slips)[RECONCILIATION_SHEET]
    could_be = {row[3]: row[6] for row in ws.iter_rows(min_row=4, values_only=True) if row[6]}
    assert could_be["Bank Statement!A569"] == "Journal 3283 + 3285 or 3287 + 3289"
    assert could_be["Journal!A3283"] == "Bank Statement 569 or 570"
    # the accountant agrees with the first set for slip 1: one Match ID on its three lines
    wb = load_workbook(open_slips)
    bank_sheet, journal = wb["Bank Statement"], wb["Journal"]
    id_column = {c.value: c.column_letter for c in journal[1]}["Match ID / मिलान आईडी"]
    bank_id_column = {c.value: c.column_letter for c in bank_sheet[1]}["Match ID / मिलान आईडी"]
    bank_sheet[f"{bank_id_column}569"] = "SLIP-1"
    journal[f"{id_column}3283"] = journal[f"{id_column}3285"] = "SLIP-1"
    wb.save(open_slips)
    rerun = reconcile_file(open_slips).report
    by_id = {m.match_id: (m.bank_rows, m.journal_rows, m.rule) for m in rerun.matching.matches}
    assert by_id["SLIP-1"][:2] == ((569,), (3283, 3285))
    assert [(b, j) for b, j, _ in by_id.values() if b == (570,)] == [((570,), (3287, 3289))]  # now decided
    assert rerun.possible == {}


def test_a_typed_match_ids_difference_on_a_payment_stands_with_the_cheques_linked_and_formatted() -> None:
    bank = bank_lines_frame(
        rows=[425], dates=[dt.date(2025, 12, 31)], amounts=[-1770], descriptions=["SMS ALERT CHGS"],
        match_ids=["MY-2"], match_rules=[""],
    )  # fmt: skip
    book = book_lines_frame(
        rows=[3253], dates=[dt.date(2025, 12, 20)], amounts=[-11800000], narrations=["Cheque 000510"],
        references=[""], match_ids=["MY-2"],
    )  # fmt: skip
    matching = match_lines(bank, book)
    differences = match_differences(matching, bank, book, dt.date(2026, 3, 31))
    brs = reconciliation_statement(
        bank, book, matching, balance_per_bank=-1770, balance_per_books=-11800000,
        as_of=dt.date(2026, 3, 31), differences=tuple(d for d, _ in differences),
    )  # fmt: skip
    result = Reconciliation("1120", "Bank", brs.as_of, matching, brs, ())
    shown = reconciliation_sheet(result, Settings(), bank_sheet="Bank Statement", journal_sheet="Journal")
    titles = [str(row[0]) for row in shown.rows]
    cheques = next(k for k, t in enumerate(titles) if t.startswith("Less: cheques issued"))
    assert shown.rows[cheques][4] == 117982.3
    assert shown.rows[cheques + 1][2:5] == ["Difference on match MY-2 (manual)", "Journal!A3253", 117982.3]
    assert shown.links[(cheques + 1, 3)] == "#'Journal'!A3253"
    assert shown.number_formats[4] == INR_FORMAT  # shown 1,17,982.30 like every other item
    credited = titles.index(next(t for t in titles if t.startswith("Less: credited by the bank")))
    assert shown.rows[credited][4] == 0


def _brs_with_bank_balance(balance_per_bank: int) -> Reconciliation:
    empty_bank = bank_lines_frame(
        rows=[], dates=[], amounts=[], descriptions=[], match_ids=[], match_rules=[]
    )
    empty_book = book_lines_frame(rows=[], dates=[], amounts=[], narrations=[], references=[], match_ids=[])
    matching = match_lines(empty_bank, empty_book)
    brs = reconciliation_statement(
        empty_bank, empty_book, matching, balance_per_bank=balance_per_bank,
        balance_per_books=balance_per_bank, as_of=dt.date(2026, 3, 31),
    )  # fmt: skip
    return Reconciliation("1120", "Bank", brs.as_of, matching, brs, ())


@pytest.mark.parametrize(
    ("balance_per_bank", "pass_book_side", "standing"),
    [(606762028, "Cr", "in your favour / आपके पक्ष में"), (-1770, "Dr", "overdrawn / ओवरड्राफ्ट")],
)
def test_the_bank_balance_stands_as_the_pass_book_shows_it_and_the_books_balance_as_the_books_do(
    balance_per_bank: int, pass_book_side: str, standing: str
) -> None:
    result = _brs_with_bank_balance(balance_per_bank)
    shown = reconciliation_sheet(result, Settings(), bank_sheet="Bank Statement", journal_sheet="Journal")
    by_title = {str(row[0]).split(" / ")[0]: row for row in shown.rows if len(row) > 5 and row[5]}
    bank = next(row for title, row in by_title.items() if title.startswith("Balance as per bank statement"))
    assert str(bank[0]).endswith(standing)
    assert bank[4:6] == [abs(balance_per_bank) / 100, pass_book_side]
    books_side = "Dr" if balance_per_bank > 0 else "Cr"
    assert by_title["Balance as per books"][4:6] == [abs(balance_per_bank) / 100, books_side]
    assert by_title["Adjusted bank balance"][5] == books_side  # the arithmetic runs the books' way
    # the terminal's BRS shows the same side: its balance per bank is signed as the pass book
    records = brs_records(result, bank_sheet="Bank Statement", journal_sheet="Journal")
    assert records[0]["narration"] == bank[0]
    assert side(int(Decimal(records[0]["balance"]) * 100)) == pass_book_side
    assert side(int(Decimal(records[-2]["balance"]) * 100)) == books_side
