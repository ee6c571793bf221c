"""The Post macro and ``bahi post`` on the trading demo: through the file adapter and the JSON book
(Excel), what is appended to the Journal, that a second run adds nothing, and that afterwards the
books validate, balance and reconcile."""

from __future__ import annotations

import hashlib
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
from addin.engine.issues import Severity
from addin.engine.schema import JOURNAL
from addin.macros.audit import RECORDED_SHEETS
from addin.macros.ledger_macros import trial_balance_of, validate_book
from addin.macros.post import TRADE_BOOK_TABLES, PostReport, post_book
from addin.macros.reconcile import reconcile_book
from addin.macros.run import RunResult
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH
from workbook_templates.trading import TRADING_DEMO_PATH, TRADING_PATH
from workbook_templates.trading_demo import trading_demo

DEVANAGARI = range(0x0900, 0x0980)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(TRADING_DEMO_PATH, tmp_path / "demo.xlsx"))


def post_file(path: Path, *, write: bool = True) -> RunResult:
    with FileBook.open(path) as book:
        result = post_book(book, write=write)
        if write and not result.fatal:
            book.save()
    return result


def report(result: RunResult) -> PostReport:
    assert isinstance(result.report, PostReport)
    return result.report


def journal_rows(path: Path) -> list[list[Any]]:
    ws = openpyxl.load_workbook(path)[JOURNAL.sheet]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_col=8)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- the macro ---------------------------------------------------------------------------------------


def test_posting_the_demo_appends_a_voucher_for_every_document_without_errors(demo: Path) -> None:
    before = journal_rows(demo)
    result = post_file(demo)
    posting = report(result).posting
    after = journal_rows(demo)
    assert after[: len(before)] == before  # what was typed stays as it was
    added = after[len(before) :]
    assert len(added) == len(posting.lines) > 3000
    vouchers = {row[1] for row in added}
    assert {v.split("#")[0] for v in vouchers} == {"SI", "SCN", "PB", "RC", "PY"}
    assert result.written == (JOURNAL.sheet, "Issues", *RECORDED_SHEETS)  # the posting recorded too
    assert posting.count("manual-duplicate") == 1
    assert report(result).held == 2  # the repeated invoice number and the bill entered twice
    assert result.note is not None
    assert "posted" in result.note.en


def test_a_second_post_adds_nothing(demo: Path) -> None:
    post_file(demo)
    posted = journal_rows(demo)
    again = post_file(demo)
    assert journal_rows(demo) == posted
    posting = report(again).posting
    assert posting.count("posted") == 0
    assert posting.count("already-posted") == 960
    assert again.note is not None
    assert again.note.en.startswith("Nothing to post")


def test_after_posting_the_books_validate_balance_tie_and_reconcile(demo: Path) -> None:
    post_file(demo)
    with FileBook.open(demo) as book:
        checked = validate_book(book, write=False)
        balance = trial_balance_of(book, write=False)
        again = post_book(book, write=False)
        reconciled = reconcile_book(book, write=False)
    # Validate checks the trade tables too: it finds what Post's checks find (the demo's planted
    # errors); Post alone says what posting finds (a voucher entered by hand as well)
    found = {(i.rule, i.sheet, i.cell) for i in checked.issues}
    assert found == {(i.rule, i.sheet, i.cell) for i in again.issues if i.rule != "manual-duplicate"}
    assert not [i for i in checked.issues if i.sheet in ("Journal", "Accounts", "Settings")]
    assert balance.report.balanced
    assert not [i for i in again.issues if i.rule == "subledger-difference"]
    assert (report(again).tie.parties["difference"] == 0).all()
    statement = reconciled.report.statement
    assert statement.unexplained_difference == 0
    assert len(statement.cheques_not_presented) == 2
    assert len(statement.deposits_not_credited) == 1


def test_posted_lines_give_account_codes_as_numbers_as_the_accounts_table_and_typed_lines_do(
    demo: Path,
) -> None:
    typed = len(journal_rows(demo))
    post_file(demo)
    sheet = openpyxl.load_workbook(demo)["Accounts"]
    accounts = {type(code) for (code,) in sheet.iter_rows(min_row=2, max_col=1, values_only=True)}
    codes = [row[2] for row in journal_rows(demo)]
    assert accounts == {int}
    assert {type(code) for code in codes[:typed]} == {int}
    assert {type(code) for code in codes[typed:]} == {int}  # a SUMIF on the number counts them


def test_posted_lines_give_account_codes_as_numbers_when_accounts_is_a_plain_block_not_a_table(
    demo: Path,
) -> None:
    wb = openpyxl.load_workbook(demo)
    accounts = wb["Accounts"]
    for name in list(accounts.tables):
        del accounts.tables[name]
    wb.save(demo)
    typed = len(journal_rows(demo))
    post_file(demo)
    codes = [row[2] for row in journal_rows(demo)]
    assert len(codes) > typed
    assert {type(code) for code in codes[typed:]} == {int}  # as Excel (the xlwings adapter) writes them


def test_the_json_book_writes_the_posted_account_codes_as_numbers_too(demo: Path) -> None:
    sheets = sorted({spec.sheet for spec in TRADE_BOOK_TABLES})
    book = xw.Book(json=payload_from_xlsx(demo, include=sheets))
    post_book(XlwingsBook(book), write=True)
    actions = json.loads(json.dumps(book.json()))["actions"]
    journal = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] ==
               book.sheets[JOURNAL.sheet].index - 1]  # fmt: skip
    codes = [row[2] for a in journal for row in a["values"]]
    assert codes
    assert {type(code) for code in codes} == {int}


def test_the_json_book_and_the_file_post_the_same_vouchers(demo: Path) -> None:
    sheets = sorted({spec.sheet for spec in TRADE_BOOK_TABLES})
    remote = post_book(XlwingsBook(xw.Book(json=payload_from_xlsx(demo, include=sheets))), write=False)
    local = post_file(demo, write=False)
    assert remote.records() == local.records()
    assert [i.as_dict() for i in remote.issues] == [i.as_dict() for i in local.issues]


def test_the_json_book_appends_the_vouchers_in_one_write(demo: Path) -> None:
    sheets = sorted({spec.sheet for spec in TRADE_BOOK_TABLES})
    book = xw.Book(json=payload_from_xlsx(demo, include=sheets))
    result = post_book(XlwingsBook(book), write=True)
    actions = json.loads(json.dumps(book.json()))["actions"]
    journal = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] ==
               book.sheets[JOURNAL.sheet].index - 1]  # fmt: skip
    assert sum(len(a["values"]) for a in journal) == len(report(result).posting.lines)


def test_a_general_ledger_book_cannot_be_posted(tmp_path: Path) -> None:
    path = Path(shutil.copyfile(DEMO_PATH, tmp_path / "ledger.xlsx"))
    before = sha256(path)
    result = post_file(path)
    assert result.fatal
    fatal = " ".join(i.message_en for i in result.issues if i.severity is Severity.FATAL)
    for table in ("Parties", "Items", "Sales", "Purchases"):
        assert f"no table named {table} " in fatal
    assert sha256(path) == before


# -- bahi post, bahi new trading ---------------------------------------------------------------------


def test_bahi_post_reports_what_it_would_post_and_the_planted_mistakes(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    before = sha256(demo)
    code, out, err = run(capsys, "post", demo)
    assert code == 1  # the demo's planted errors
    assert "would be posted" in err
    assert any(ord(ch) in DEVANAGARI for ch in err)
    for rule in {rule for rule, _, _ in trading_demo().mistakes}:
        assert rule in out
    assert sha256(demo) == before


def test_bahi_post_write_saves_with_a_backup_then_posts_nothing_more(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, _, err = run(capsys, "post", demo, "--write", "--quiet")
    assert code == 1, err
    assert (demo.parent / "demo.bak.xlsx").exists()
    code, out, _ = run(capsys, "post", demo, "--format", "json", "--write")
    records = json.loads(out)
    assert {r["status"] for r in records} == {"already-posted", "manual-duplicate"}
    assert journal_rows(demo) == journal_rows(demo.parent / "demo.bak.xlsx")  # the second run added nothing
    assert run(capsys, "validate", demo)[0] == 1  # Validate checks the trade tables: the planted errors


def test_bahi_new_trading_writes_the_template_or_the_demo(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(capsys, "new", "trading", tmp_path / "t.xlsx")[0] == 0
    assert run(capsys, "new", "trading", tmp_path / "d.xlsx", "--demo")[0] == 0
    assert (tmp_path / "t.xlsx").read_bytes() == TRADING_PATH.read_bytes()
    assert (tmp_path / "d.xlsx").read_bytes() == TRADING_DEMO_PATH.read_bytes()
    code, _, err = run(capsys, "new", "trading", tmp_path / "t.xlsx")
    assert code == 2
    assert "--force" in err


def test_the_issues_sheet_keeps_posts_findings_beside_validates(demo: Path) -> None:
    post_file(demo)
    with FileBook.open(demo) as book:
        validate_book(book, write=True)
        book.save()
    sheet = openpyxl.load_workbook(demo)["Issues"]
    found_by = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[0]]
    assert found_by.count("Post / पोस्ट") == len(trading_demo().mistakes)
