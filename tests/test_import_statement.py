"""Import Statement: a bank's statement file appended to the BankStatement table, without duplicates.

Specified by what a user sees: the lines added (and where), a re-import adding nothing, an unknown
layout refused in both languages with the columns found and the workbook untouched, and the same
outcome through the file adapter (``bahi import-statement``) and the JSON book (Excel).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shlex
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
from addin.macros.import_statement import ImportReport, import_statement
from addin.macros.run import RunResult
from tests.engine.test_statement_import import icici_xls
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH, TEMPLATE_PATH

DEMO_ROWS = 568  # the demo's last statement row (header in row 1)
SAMPLES = Path(__file__).parent / "data" / "statements"
DEVANAGARI = range(0x0900, 0x0980)

APRIL = (
    "Date,Description,Reference,Withdrawal,Deposit,Balance\n"
    "01/04/2026,NEFT-SBIN0001-RAVI KUMAR ENTERPRISES,SBIN0001,,1500.50,6069120.78\n"
    "02/04/2026,ATM WDL 12345 CONNAUGHT PLACE,ATM12345,200.00,,6068920.78\n"
    "03/04/2026,=CHRG SMS ALERT,,17.70,,6068903.08\n"
)
HEADED = (  # as banks export: the account and period above the table, a blank line, then the table
    "Statement of Account,,,,,\n"
    "Account No,50300112233445,,,,\n"
    "Period,01/04/2026 to 30/04/2026,,,,\n"
    ",,,,,\n" + APRIL
)
OVERLAP = (  # the demo's last line (already in the book) and one new line
    "Date,Description,Reference,Withdrawal,Deposit,Balance\n"
    "31/03/2026,INT.PD:SWEEP FD 50300112233445,SWEEP2526,,1842.00,6067620.28\n"
    "01/04/2026,NEFT-SBIN0001-RAVI KUMAR ENTERPRISES,SBIN0001,,1500.50,6069120.78\n"
)
UNKNOWN = "Txn Posted On,Particulars,Amount (INR)\n01-04-2026,SOMETHING,100.00\n"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(DEMO_PATH, tmp_path / "demo.xlsx"))


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(TEMPLATE_PATH, tmp_path / "template.xlsx"))


def write_file(tmp_path: Path, text: str, name: str = "april.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def import_file(book: Path, text: str, *, write: bool = True, name: str = "april.csv") -> RunResult:
    with FileBook.open(book) as opened:
        result = import_statement(opened, text.encode(), name, write=write)
        if write and not result.fatal:
            opened.save()
    return result


def report(result: RunResult) -> ImportReport:
    assert isinstance(result.report, ImportReport)
    return result.report


def statement_rows(book: Path) -> list[list[Any]]:
    ws = openpyxl.load_workbook(book)["Bank Statement"]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_col=6)]


def table_ref(book: Path) -> str:
    return str(openpyxl.load_workbook(book)["Bank Statement"].tables["BankStatement"].ref)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def has_hindi(text: str) -> bool:
    return any(ord(ch) in DEVANAGARI for ch in text)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- the macro ---------------------------------------------------------------------------------------


def test_the_templates_empty_statement_gets_every_line(template: Path) -> None:
    result = import_file(template, APRIL)
    assert not result.issues
    assert (report(result).read, len(report(result).added), report(result).duplicates) == (3, 3, 0)
    assert result.written == ("Bank Statement",)
    assert table_ref(template) == "A1:F4"  # the template's blank row filled first
    rows = statement_rows(template)
    assert rows[0] == [
        dt.datetime(2026, 4, 1), "NEFT-SBIN0001-RAVI KUMAR ENTERPRISES", "SBIN0001", None, 1500.5, 6069120.78,
    ]  # fmt: skip
    assert rows[1][3:5] == [200, None]
    assert rows[2][1] == "=CHRG SMS ALERT"  # text, never a formula


def test_the_demos_statement_grows_below_its_last_line(demo: Path) -> None:
    import_file(demo, APRIL)
    assert table_ref(demo) == f"A1:F{DEMO_ROWS + 3}"
    rows = statement_rows(demo)
    assert rows[DEMO_ROWS - 2][1] == "INT.PD:SWEEP FD 50300112233445"  # the last line, untouched
    assert rows[DEMO_ROWS - 1][1] == "NEFT-SBIN0001-RAVI KUMAR ENTERPRISES"


def test_importing_the_same_file_twice_adds_nothing_the_second_time(demo: Path) -> None:
    import_file(demo, APRIL)
    after_first = sha256(demo)
    second = import_file(demo, APRIL)
    assert (report(second).read, len(report(second).added), report(second).duplicates) == (3, 0, 3)
    assert second.written == ()
    assert sha256(demo) == after_first
    assert second.note is not None
    assert "already" in second.note.en
    assert has_hindi(second.note.hi)


def test_lines_already_in_the_book_are_skipped(demo: Path) -> None:
    result = import_file(demo, OVERLAP)
    assert (report(result).read, len(report(result).added), report(result).duplicates) == (2, 1, 1)
    assert [line.reference for line in report(result).added] == ["SBIN0001"]
    assert table_ref(demo) == f"A1:F{DEMO_ROWS + 1}"


def test_a_file_with_rows_above_its_table_is_read_from_its_header(template: Path) -> None:
    result = import_file(template, HEADED)
    assert not result.fatal
    assert len(report(result).added) == 3
    assert statement_rows(template)[0][2] == "SBIN0001"


def test_without_write_nothing_is_appended_but_the_new_lines_are_reported(demo: Path) -> None:
    before = sha256(demo)
    result = import_file(demo, APRIL, write=False)
    assert len(report(result).added) == 3
    assert result.written == ()
    assert [r["reference"] for r in result.records()] == ["SBIN0001", "ATM12345", ""]
    assert sha256(demo) == before


def test_an_unknown_layout_is_fatal_and_writes_nothing(demo: Path) -> None:
    before = sha256(demo)
    result = import_file(demo, UNKNOWN)
    assert result.fatal
    assert result.report is None
    fatal = [i for i in result.issues if i.severity is Severity.FATAL]
    assert fatal
    assert "Particulars" in fatal[0].message_en + fatal[0].fix_en
    assert sha256(demo) == before


def test_a_book_without_a_bank_statement_table_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "bare.xlsx"
    openpyxl.Workbook().save(path)
    result = import_file(path, APRIL)
    assert result.fatal
    assert any("BankStatement" in i.message_en for i in result.issues)


def test_the_json_book_appends_the_same_lines_in_one_write(demo: Path) -> None:
    book = xw.Book(json=payload_from_xlsx(demo, include=["Bank Statement"]))
    result = import_statement(XlwingsBook(book), OVERLAP.encode(), "april.csv", write=True)
    assert len(report(result).added) == 1
    actions = json.loads(json.dumps(book.json()))["actions"]
    writes = [a for a in actions if a["func"] == "setValues"]
    assert len(writes) == 1
    assert writes[0]["start_row"] == DEMO_ROWS  # 0-based: worksheet row DEMO_ROWS + 1
    assert writes[0]["values"][0][1:3] == ["NEFT-SBIN0001-RAVI KUMAR ENTERPRISES", "SBIN0001"]
    assert any(a["func"] == "resizeTable" for a in actions)


# -- bahi import-statement ---------------------------------------------------------------------------


def test_bahi_import_statement_adds_saves_with_a_backup_and_a_rerun_adds_nothing(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    statement = write_file(tmp_path, APRIL)
    code, out, err = run(capsys, "import-statement", demo, statement)
    assert code == 0, err
    assert "ATM12345" in out
    assert "3" in out
    assert has_hindi(out)
    assert (tmp_path / "demo.bak.xlsx").exists()
    assert table_ref(demo) == f"A1:F{DEMO_ROWS + 3}"
    saved = sha256(demo)
    code, out, err = run(capsys, "import-statement", demo, statement, "--quiet")
    assert code == 0, err
    assert "ATM12345" not in out
    assert "already" in out
    assert sha256(demo) == saved


def test_bahi_import_statement_refuses_an_unknown_layout_in_both_languages(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    before = sha256(demo)
    code, out, err = run(capsys, "import-statement", demo, write_file(tmp_path, UNKNOWN, "odd.csv"))
    assert code == 2
    assert "Particulars" in err
    assert "Amount (INR)" in err
    assert "--map" in err
    assert "not changed" in err
    assert has_hindi(err)
    assert "Traceback" not in out + err
    assert sha256(demo) == before
    assert not (tmp_path / "demo.bak.xlsx").exists()


def test_bahi_import_statement_without_the_file_or_with_a_bad_map_exits_2(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "import-statement", demo, tmp_path / "missing.csv")
    assert code == 2
    assert "missing.csv" in err
    assert has_hindi(err)
    code, _, err = run(capsys, "import-statement", demo, write_file(tmp_path, APRIL), "--map", "date")
    assert code == 2
    assert "FIELD=COLUMN" in err


def test_bahi_import_statement_refuses_data_below_the_table_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(demo)
    wb["Bank Statement"].cell(DEMO_ROWS + 2, 2, "my note")
    wb.save(demo)
    before = sha256(demo)
    code, out, err = run(capsys, "import-statement", demo, write_file(tmp_path, APRIL))
    assert code == 2
    assert f"B{DEMO_ROWS + 2}" in err
    assert has_hindi(err)
    assert "Traceback" not in out + err
    assert sha256(demo) == before


def test_bahi_import_statement_reads_an_unknown_layout_named_with_map(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    odd = write_file(tmp_path, UNKNOWN, "odd.csv")
    maps = ["date=Txn Posted On", "description=Particulars", "amount=Amount (INR)"]
    code, out, err = run(capsys, "import-statement", demo, odd, *[a for m in maps for a in ("--map", m)])
    assert code == 0, err
    assert "SOMETHING" in out
    assert statement_rows(demo)[DEMO_ROWS - 1][1:5] == ["SOMETHING", None, None, 100]


def test_an_unreadable_line_is_reported_exit_1_and_the_readable_lines_are_added(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    bad = APRIL + "31/02/2026,NOT A DAY,X1,5.00,,6068898.08\n"
    code, out, err = run(capsys, "import-statement", demo, write_file(tmp_path, bad))
    assert code == 1
    assert "ATM12345" in out
    assert "NOT A DAY" not in out
    assert "31/02/2026" in err
    assert has_hindi(err)
    assert table_ref(demo) == f"A1:F{DEMO_ROWS + 3}"


# -- real bank files (issue 8 §4) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lines"),
    [("hdfc_delimited.txt", 4), ("icici_card.csv", 4), ("kotak_wrapped.csv", 4), ("sbi_pages.tsv", 4)],
)
def test_bahi_import_statement_adds_every_line_of_each_banks_real_layout(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path, name: str, lines: int
) -> None:
    statement = Path(shutil.copyfile(SAMPLES / name, tmp_path / name))
    code, out, err = run(capsys, "import-statement", demo, statement)
    assert code == 0, err
    assert "Traceback" not in out + err
    assert f"{lines} new line(s) added" in out
    assert table_ref(demo) == f"A1:F{DEMO_ROWS + lines}"


def test_bahi_import_statement_reads_an_icici_xls_with_utf16_artefacts(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    statement = tmp_path / "OpTransactionHistory.xls"
    statement.write_bytes(icici_xls(artefacts=True))
    code, out, err = run(capsys, "import-statement", demo, statement)
    assert code == 1  # one line's amount reads "ten": reported, the others added
    assert "3 new line(s) added" in out
    assert "G17" in err
    assert statement_rows(demo)[DEMO_ROWS - 1][1] == "MMT/IMPS/509212345678/Rent April/SURESH NAIR"


def test_bahi_import_statement_refuses_an_ofx_statement_in_another_currency(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    statement = Path(shutil.copyfile(SAMPLES / "statement_usd.qfx", tmp_path / "statement_usd.qfx"))
    before = sha256(demo)
    code, out, err = run(capsys, "import-statement", demo, statement)
    assert code == 2
    assert "statement_usd.qfx is a statement in USD, but this book keeps its accounts in INR" in err
    assert "not changed" in err
    assert has_hindi(err)
    assert "Traceback" not in out + err
    assert sha256(demo) == before


def test_an_ofx_statement_in_the_currency_the_settings_name_is_imported(demo: Path) -> None:
    wb = openpyxl.load_workbook(demo)
    settings = wb["Settings"]
    (row,) = [r for r in settings.iter_rows(min_row=2) if str(r[0].value).startswith("Currency /")]
    row[1].value = "USD"
    wb.save(demo)
    with FileBook.open(demo) as book:
        result = import_statement(book, (SAMPLES / "statement_usd.qfx").read_bytes(), "usd.qfx", write=False)
    assert not result.issues
    assert len(report(result).added) == 2


def test_a_file_with_no_line_read_is_a_failure_with_the_reason_not_nothing_to_add(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    empty = write_file(tmp_path, "Date,Description,Reference,Withdrawal,Deposit,Balance\n", "empty.csv")
    before = sha256(demo)
    code, out, err = run(capsys, "import-statement", demo, empty)
    assert code == 2
    assert "No statement lines were read from empty.csv" in err
    assert "no dated line" in err
    assert "Nothing to add" not in out + err
    assert has_hindi(err)
    assert sha256(demo) == before
    result = import_file(demo, "Date,Description,Withdrawal,Deposit\n31/02/2026,NOT A DAY,5.00,\n")
    assert result.fatal
    assert result.note is None
    assert [i.rule for i in result.issues] == ["statement-without-lines", "unreadable-statement-line"]


def test_nothing_to_add_only_when_lines_were_read_and_all_were_there(demo: Path) -> None:
    import_file(demo, APRIL)
    again = import_file(demo, APRIL)
    assert again.note is not None
    assert again.note.en.startswith(
        "Nothing to add: all 3 line(s) of april.csv are already in Bank Statement"
    )


@pytest.mark.parametrize(
    "maps",
    [
        ["--map", "date=Txn Posted On", "description=Particulars", "amount=Amount (INR)"],
        ["--map", 'date="Txn Posted On" description=Particulars amount="Amount (INR)"'],
        ["--map", "date=Txn Posted On", "--map", "description=Particulars", "amount=Amount (INR)"],
    ],
)
def test_bahi_import_statement_takes_every_field_after_one_map_as_the_hint_shows(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path, maps: list[str]
) -> None:
    odd = write_file(tmp_path, UNKNOWN, "odd.csv")
    code, out, err = run(capsys, "import-statement", demo, odd, *maps)
    assert code == 0, err
    assert "SOMETHING" in out
    assert statement_rows(demo)[DEMO_ROWS - 1][1:5] == ["SOMETHING", None, None, 100]


def test_the_map_line_of_the_unknown_layout_message_runs_as_it_is_shown(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    odd = write_file(tmp_path, "Txn Date,Payee,Debit,Credit,Balance\n01/04/2026,RAVI,,10.00,\n")
    _, _, err = run(capsys, "import-statement", demo, odd)
    hint = err[err.index("--map date=") :].split("\n")[0]
    assert (
        hint
        == '--map date="Txn Date" description="<heading>" withdrawal=Debit deposit=Credit balance=Balance'
    )
    code, out, err = run(
        capsys, "import-statement", demo, odd, *shlex.split(hint.replace("<heading>", "Payee"))
    )
    assert code == 0, err
    assert "RAVI" in out
