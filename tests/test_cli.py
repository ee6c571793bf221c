"""The ``bahi`` command, specified by what a user sees: output, exit codes, and the workbook after.

Most tests run ``main([...])`` in-process; two run the installed command in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import types
import zipfile
from collections.abc import Callable
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from addin import cli
from addin.engine.schema import ISSUES_SHEET, JOURNAL, TRIAL_BALANCE_SHEET
from addin.messages import DAY_BOOK
from addin.server.ribbon import RIBBON
from tests.test_cli_books import CLEAN_LINES, sha256, template_book, user_values
from tests.test_reconcile_macro import add_open_slips
from workbook_templates import chart
from workbook_templates.build import DEMO_MISTAKES, DEMO_PATH, TEMPLATE_PATH

DEVANAGARI = range(0x0900, 0x0980)


def has_hindi(text: str) -> bool:
    return any(ord(ch) in DEVANAGARI for ch in text)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(DEMO_PATH, tmp_path / "demo.xlsx"))


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return template_book(tmp_path / "clean.xlsx")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- validate ----------------------------------------------------------------------------------


def test_validating_the_demo_finds_exactly_its_planted_mistakes(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = run(capsys, "validate", demo, "--format", "json", "--quiet")
    issues = json.loads(out)
    assert code == 1
    assert {(i["rule"], i["sheet"], i["cell"]) for i in issues} == set(DEMO_MISTAKES)


def test_validate_json_carries_both_languages_for_every_issue(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    _, out, _ = run(capsys, "validate", demo, "--format", "json")
    issues = json.loads(out)
    assert issues
    for issue in issues:
        assert {"rule", "severity", "sheet", "cell", "message_en", "message_hi"} <= set(issue)
        assert issue["severity"] in {"error", "warning"}
        assert issue["message_en"]
        assert has_hindi(issue["message_hi"])


def test_validating_clean_books_exits_0_and_says_so_in_both_languages(
    capsys: pytest.CaptureFixture[str], clean: Path
) -> None:
    code, out, _ = run(capsys, "validate", clean)
    assert code == 0
    assert "No issues" in out
    assert "कोई समस्या नहीं" in out


@pytest.mark.parametrize("rent", [25000, "25,000"], ids=["among-numbers", "among-texts"])
def test_true_typed_in_an_amount_cell_is_called_a_yes_no_value_as_in_excel_and_never_read_as_a_rupee(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rent: object
) -> None:
    lines = [list(line) for line in CLEAN_LINES]
    lines[2][3] = True  # the cash sale's debit: TRUE typed (or a formula's yes/no) where an amount belongs
    lines[4][3] = rent
    code, out, _ = run(capsys, "validate", template_book(tmp_path / "bool.xlsx", lines), "--format", "json")
    found = [i for i in json.loads(out) if i["rule"] == "unreadable-amount"]
    assert code == 1
    assert [(i["cell"], i["value"]) for i in found] == [("D4", "TRUE")]
    assert "TRUE is a yes/no value, not an amount" in found[0]["message_en"]
    assert "TRUE हाँ/नहीं का मान है, राशि नहीं" in found[0]["message_hi"]
    assert "letters or words" not in found[0]["message_en"]


def shrink_journal_table(last_row: int) -> Callable[[Any], None]:
    """An edit leaving the Journal table at rows 1..``last_row`` (as a paste below it that Excel did
    not take in leaves it)."""

    def edit(wb: Any) -> None:
        table = wb[JOURNAL.sheet].tables[JOURNAL.name]
        table.ref = f"A1:{table.ref.split(':')[1].rstrip('0123456789')}{last_row}"

    return edit


def test_validate_warns_of_journal_lines_typed_below_the_table_at_their_first_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = template_book(tmp_path / "below.xlsx", edit=shrink_journal_table(3))
    code, out, _ = run(capsys, "validate", path, "--format", "json")
    below = [i for i in json.loads(out) if i["rule"] == "rows-below-table"]
    assert [(i["severity"], i["sheet"], i["cell"]) for i in below] == [("warning", "Journal", "A4")]
    assert code == 0  # a warning: the lines in the table are still read
    assert "Rows 4–7" in below[0]["message_en"]
    assert "Resize Table" in below[0]["fix_en"]
    assert has_hindi(below[0]["message_hi"])
    _, out, _ = run(capsys, "validate", path)
    assert "Journal!A4" in out
    assert "rows-below-table" in out


def test_validate_is_silent_about_rows_below_the_journal_after_a_blank_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def notes_after_a_gap(wb: Any) -> None:
        wb[JOURNAL.sheet]["A10"] = "Checked by CA on 05/05/2025"

    path = template_book(tmp_path / "notes.xlsx", edit=notes_after_a_gap)
    code, out, _ = run(capsys, "validate", path)
    assert code == 0
    assert "No issues" in out


def test_validate_text_lists_each_issue_with_its_cell(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    code, out, _ = run(capsys, "validate", demo)
    assert code == 1
    assert "Journal!C1431" in out
    assert "unknown-account" in out
    assert "error(s)" in out


def test_a_new_template_validates_clean(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "books" / "new.xlsx"
    code, out, _ = run(capsys, "new", "general-ledger", target)
    assert code == 0
    assert target.exists()
    assert str(target) in out
    assert run(capsys, "validate", target)[0] == 0
    code, _, err = run(capsys, "new", "general-ledger", target)
    assert code == 2, "an existing file is never overwritten without --force"
    assert "--force" in err


# -- reports -----------------------------------------------------------------------------------


def test_the_trial_balance_json_of_clean_books_nets_to_zero(
    capsys: pytest.CaptureFixture[str], clean: Path
) -> None:
    code, out, _ = run(capsys, "trial-balance", clean, "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert {"account", "name", "type", "opening", "debit", "credit", "closing"} <= set(rows[0])
    posting = [r for r in rows if not r["is_group"]]
    assert sum(Decimal(r["closing"]) for r in posting) == Decimal("0.00")
    assert sum(Decimal(r["debit"]) for r in posting) == sum(Decimal(r["credit"]) for r in posting)
    bank = next(r for r in rows if r["account"] == str(chart.BANK))
    assert bank["closing"] == "475000.00"
    capital = next(r for r in rows if r["account"] == str(chart.CAPITAL))
    assert capital["closing"] == "-500000.00", "credit balances are negative"


def test_the_trial_balance_as_csv_and_as_text(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    _, out, _ = run(capsys, "trial-balance", clean, "--format", "csv")
    assert out.startswith("\ufeff"), "a byte order mark first, for Excel"
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert next(r for r in rows if r["account"] == str(chart.BANK))["debit"] == "500000.00"
    code, out, _ = run(capsys, "trial-balance", clean)
    assert code == 0
    assert "5,00,000.00" in out, "amounts are grouped the Indian way"
    assert "5,00,000.00 Cr" in out, "the capital's balance is a credit, not a minus"
    assert "HDFC Bank" in out
    assert "agrees" in out
    assert "तलपट मिलता है" in out


def test_the_trial_balance_as_of_a_date_leaves_later_lines_out(
    capsys: pytest.CaptureFixture[str], clean: Path
) -> None:
    _, out, _ = run(capsys, "trial-balance", clean, "--as-of", "05/04/2025", "--format", "json")
    rent = next(r for r in json.loads(out) if r["account"] == str(chart.RENT))
    assert rent["debit"] == "0.00"


def test_a_report_on_books_with_errors_is_printed_and_exits_1(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, err = run(capsys, "trial-balance", demo, "--format", "json")
    assert code == 1
    assert json.loads(out)
    assert "only the lines that could be read" in err


def test_an_account_ledger_and_the_day_book(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    code, out, _ = run(capsys, "ledger", clean, chart.BANK, "--format", "json")
    assert code == 0
    assert len(json.loads(out)) >= 2
    code, out, _ = run(capsys, "daybook", clean, "--from", "2025-04-05", "--format", "json")
    assert code == 0
    dates = {r["date"] for r in json.loads(out) if r["kind"] != "grand-total"}
    assert dates == {"2025-04-05", "2025-04-10"}
    code, out, _ = run(capsys, "daybook", clean)
    assert code == 0
    assert "11,800.50" in out


def _with_undated_lines(tmp_path: Path) -> Path:
    """The clean lines and a voucher JV-5 whose dates cannot be read (31 April)."""
    undated = (("31/04/2025", "JV-5", chart.RENT, 700, None, "Rent, date mistyped"),
               ("31/04/2025", "JV-5", chart.CASH, None, 700, "Rent, date mistyped"))  # fmt: skip
    return template_book(tmp_path / "undated.xlsx", (*CLEAN_LINES, *undated))


def test_the_terminal_day_book_has_the_sheets_undated_section_and_grand_total(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = _with_undated_lines(tmp_path)
    code, out, _ = run(capsys, "daybook", book, "-q")
    assert code == 1
    shown = out.splitlines()
    heading = next(i for i, line in enumerate(shown) if "Lines without a readable date (not posted)" in line)
    assert "बिना पठनीय तिथि की पंक्तियाँ" in shown[heading]
    assert any("Rent, date mistyped" in line for line in shown[heading:])
    undated_total = next(line for line in shown if "Undated total / बिना तिथि का योग" in line)
    assert undated_total.split()[-2:] == ["700.00", "700.00"]
    grand = next(line for line in shown if "Grand total / कुल योग" in line)
    assert grand.split()[-2:] == ["5,37,500.50", "5,37,500.50"], "every day's and the undated lines'"
    assert shown.index(grand) > shown.index(undated_total) > heading


def test_the_day_book_has_one_hindi_name_on_its_sheet_the_terminal_and_the_ribbon(
    capsys: pytest.CaptureFixture[str], clean: Path
) -> None:
    _, out, _ = run(capsys, "daybook", clean, "--write", "-q")
    sheet_title = str(next(load_workbook(clean)["Day Book"].iter_rows(values_only=True))[0])
    button = next(b for group in RIBBON for b in group.buttons if b.key == "DayBook")
    assert out.splitlines()[0] == "Day Book / दैनिक बही"
    assert "Day Book / दैनिक बही" in sheet_title
    assert (button.label_en, button.label_hi) == ("Day Book", "दैनिक बही")  # as README and --help say
    assert "रोज़नामचा" not in sheet_title
    _, help_text, _ = run(capsys, "--help")
    assert "the day book (दैनिक बही)" in help_text


def test_the_day_book_and_the_journal_have_different_hindi_names() -> None:
    assert JOURNAL.hi == "रोज़नामचा"
    assert DAY_BOOK.hi == "दैनिक बही"
    assert DAY_BOOK.hi != JOURNAL.hi, "so 'correct it in the Journal' and 'see the Day Book' differ in Hindi"


def test_the_csv_day_book_carries_the_same_undated_section_and_grand_total_as_the_sheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = _with_undated_lines(tmp_path)
    _, out, _ = run(capsys, "daybook", book, "--format", "csv", "--write", "-q")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix(cli.BOM))))
    kinds = [r["kind"] for r in rows]
    assert kinds[-5:] == ["undated", "line", "line", "undated-total", "grand-total"]
    assert [r["narration"] for r in rows if r["kind"] != "line"][-3:] == [
        "Lines without a readable date (not posted) / बिना पठनीय तिथि की पंक्तियाँ (दर्ज नहीं)",
        "Undated total / बिना तिथि का योग",
        "Grand total / कुल योग",
    ]
    sheet = load_workbook(book, data_only=True)["Day Book"]
    labels = {row[3]: row[5:7] for row in sheet.iter_rows(values_only=True) if row[3]}
    for row in [r for r in rows if r["kind"] != "line"][-3:]:
        assert row["narration"] in labels, "the sheet says the same"
    assert labels["Grand total / कुल योग"] == (537500.5, 537500.5)
    assert rows[-1]["debit"] == rows[-1]["credit"] == "537500.50"


def test_the_terminal_ledger_opens_on_a_date_and_closes_with_totals_and_the_balance(
    capsys: pytest.CaptureFixture[str], clean: Path
) -> None:
    code, out, _ = run(capsys, "ledger", clean, chart.BANK)
    assert code == 0
    rows = [line.split() for line in out.splitlines() if "balance" in line]
    assert rows[0][:3] == ["01/04/2025", "Opening", "balance"], "the first line's day without --from"
    assert rows[-1] == ["10/04/2025", "Closing", "balance", "5,00,000.00", "25,000.00", "4,75,000.00", "Dr"]


def test_a_ledger_of_an_unknown_account_says_so(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    code, _, err = run(capsys, "ledger", clean, "9876")
    assert code == 2
    assert "9876" in err
    assert has_hindi(err)


def test_a_date_that_cannot_be_read_is_a_usage_error(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    code, _, err = run(capsys, "trial-balance", clean, "--as-of", "31st March")
    assert code == 2
    assert "dd/mm/yyyy" in err
    assert "01/04/2025" in err
    assert "Traceback" not in err

@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("31/04/2025", ("April has 30 days", "अप्रैल में 30 दिन होते हैं")),
        ("29/02/2025", ("2025 is not a leap year", "2025 अधिवर्ष (लीप वर्ष) नहीं है")),
        ("04/13/2025", ("there is no month 13", "माह 13 नहीं होता")),
    ],
)
def test_a_date_that_is_no_date_says_why_in_both_languages(
    capsys: pytest.CaptureFixture[str], clean: Path, typed: str, why: tuple[str, str]
) -> None:
    for option in ("--from", "--to"):
        code, _, err = run(capsys, "daybook", clean, option, typed)
        assert code == 2
        assert why[0] in err
        assert why[1] in err
        assert "Fix: write it as dd/mm/yyyy" in err



def test_a_period_that_ends_before_it_starts_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for command in (["daybook"], ["ledger", str(chart.BANK)]):
        name, *extra = command
        book = tmp_path / "never-read.xlsx"
        code, out, err = run(capsys, name, book, *extra, "--from", "01/05/2025", "--to", "2025-04-01")
        assert code == 2
        assert out == ""
        assert "--from 01/05/2025 is after --to 01/04/2025" in err
        assert "अवधि" in err
        assert "not found" not in err, "refused before the book is opened"


def test_a_wrong_command_line_is_explained_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "daybok", "books.xlsx")
    assert code == 2
    assert "invalid choice" in err
    assert "bahi --help" in err
    assert "कमांड सही नहीं है" in err


def test_version_is_the_installed_packages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"bahi {metadata.version('bahi')}"


def test_quiet_may_come_before_the_command(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    code, out, err = run(capsys, "-q", "validate", clean)
    assert code == 0
    assert (out, err) == ("", ""), "quiet and clean: nothing to say"
    code, _, err = run(capsys, "-q", "trial-balance", clean, "--write")
    assert code == 0
    assert "Saved" not in err


# -- writing back ------------------------------------------------------------------------------


def test_write_puts_issues_and_trial_balance_sheets_in_and_a_rerun_replaces_them(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    before = user_values(demo)
    original = demo.read_bytes()
    assert run(capsys, "validate", demo, "--write", "--quiet")[0] == 1
    assert run(capsys, "trial-balance", demo, "--write", "--quiet")[0] == 1
    sheets = load_workbook(demo, read_only=True).sheetnames
    assert {ISSUES_SHEET, TRIAL_BALANCE_SHEET} <= set(sheets)
    backup = demo.with_name("demo.bak.xlsx")
    assert backup.exists()

    assert run(capsys, "validate", demo, "--write", "--quiet")[0] == 1
    assert run(capsys, "trial-balance", demo, "--write", "--quiet")[0] == 1
    assert load_workbook(demo, read_only=True).sheetnames == sheets, "reruns replace, never add"
    assert user_values(demo) == before, "every value the user typed is unchanged"
    assert user_values(backup) == before
    issues = load_workbook(demo, read_only=True)[ISSUES_SHEET]
    rows = [r for r in issues.iter_rows(values_only=True) if any(v is not None for v in r)]
    assert len(rows) >= len(DEMO_MISTAKES) + 1
    assert demo.read_bytes() != original


def users_own_sheets(**sheets: list[list[Any]]) -> Callable[[Any], None]:
    """An edit adding the user's own sheets (name → rows from A1)."""

    def edit(wb: Any) -> None:
        for name, rows in sheets.items():
            ws = wb.create_sheet(name)
            for row in rows:
                ws.append(row)

    return edit


def without_sheet_marks(path: Path) -> None:
    """The book as an earlier Bahi, which did not mark its sheets, left it."""
    with zipfile.ZipFile(path) as old:
        parts = {info: old.read(info.filename) for info in old.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        mark = re.compile(rb'<definedName name="_BahiSheet"[^>]*>[^<]*</definedName>')
        for info, data in parts.items():
            new.writestr(info, mark.sub(b"", data) if info.filename == "xl/workbook.xml" else data)


def test_write_refuses_to_replace_the_users_own_sheet_named_like_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    own = users_own_sheets(Dashboard=[["My own KPI notes"], [None, 12345]], Issues=[["my issues list"]])
    path = template_book(tmp_path / "own.xlsx", edit=own)
    fingerprint = sha256(path)
    for command in ("statements", "validate"):
        code, _, err = run(capsys, command, path, "--write", "--quiet")
        assert code == 2
        assert "was not made by Bahi" in err
        assert "Rename your sheet" in err
        assert "नाम बदलें" in err
    assert "'Dashboard'" in run(capsys, "statements", path, "--write", "--quiet")[2]
    assert sha256(path) == fingerprint, "nothing was written"
    assert not path.with_name("own.bak.xlsx").exists()


def test_a_report_sheet_bahi_wrote_is_marked_and_replaced_by_the_next_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = template_book(tmp_path / "books.xlsx", edit=users_own_sheets(Dashboard=[]))  # an empty sheet
    assert run(capsys, "statements", path, "--write", "--quiet")[0] == 0
    with zipfile.ZipFile(path) as book:
        assert b'name="_BahiSheet"' in book.read("xl/workbook.xml")
    assert run(capsys, "statements", path, "--write", "--quiet")[0] == 0
    assert load_workbook(path, read_only=True).sheetnames.count("Dashboard") == 1


def test_report_sheets_an_earlier_bahi_wrote_without_a_mark_are_still_replaced(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    for command in ("validate", "statements"):
        assert run(capsys, command, demo, "--write", "--quiet")[0] == 1  # the demo's planted mistakes
    without_sheet_marks(demo)
    for command in ("validate", "statements"):
        code, _, err = run(capsys, command, demo, "--write", "--quiet")
        assert code == 1, err
        assert "not made by Bahi" not in err


def test_reading_never_writes(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    fingerprint = sha256(demo)
    for command in (["validate"], ["trial-balance"], ["daybook"], ["ledger"]):
        extra = [str(chart.BANK)] if command == ["ledger"] else []
        run(capsys, command[0], demo, *extra, "--quiet")
    assert sha256(demo) == fingerprint
    assert not demo.with_name("demo.bak.xlsx").exists()


def test_the_demo_command_writes_an_output_copy_and_summarises(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fingerprint = sha256(DEMO_PATH)
    code, out, _ = run(capsys, "demo", "--out", tmp_path / "out", "--quiet")
    target = tmp_path / "out" / "bahi-demo.xlsx"
    assert code == 0, "the demo's mistakes are planted on purpose"
    assert str(target) in out
    assert "unknown-account: 1" in out
    assert "planted" in out
    assert "Totals" in out
    assert {ISSUES_SHEET, TRIAL_BALANCE_SHEET} <= set(load_workbook(target, read_only=True).sheetnames)
    assert sha256(DEMO_PATH) == fingerprint, "the committed demo is copied, never written"


# -- failures ----------------------------------------------------------------------------------


def test_an_unexpected_failure_is_a_short_bilingual_message_and_exit_3(
    capsys: pytest.CaptureFixture[str], clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "validate_book", broken)
    monkeypatch.delenv("BAHI_DEBUG", raising=False)
    code, _, err = run(capsys, "validate", clean)
    assert code == 3
    assert "Internal error" in err
    assert has_hindi(err)
    assert "Traceback" not in err
    monkeypatch.setenv("BAHI_DEBUG", "1")
    code, _, err = run(capsys, "validate", clean)
    assert code == 3
    assert "Traceback" in err
    assert "RuntimeError: boom" in err


def test_an_interrupt_exits_130(
    capsys: pytest.CaptureFixture[str], clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "validate_book", interrupted)
    code, _, err = run(capsys, "validate", clean)
    assert code == 130
    assert "Interrupted" in err


def test_serve_hands_its_options_to_the_server(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    fake = types.ModuleType("addin.server.serve")
    fake.main = lambda argv: seen.append(list(argv)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "addin.server.serve", fake)
    code, _, _ = run(capsys, "serve", "--http", "--port", "8123")
    assert code == 0
    assert seen == [["--http", "--port", "8123"]]


def test_every_subcommand_comes_from_the_command_table() -> None:
    names = {c.name for c in cli.COMMANDS}
    assert {"validate", "trial-balance", "ledger", "daybook", "new", "demo", "serve"} <= names
    parser = cli.build_parser()
    assert parser.parse_args(["validate", "x.xlsx"]).run is cli.run_validate
    assert parser.parse_args(["daybook", "x.xlsx", "--from", "01-04-2025"]).run is cli.run_day_book


# -- the installed command ---------------------------------------------------------------------


def _bahi(*argv: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "addin.cli", *map(str, argv)],
        check=False, capture_output=True, timeout=120, env=env,
    )


def test_the_command_prints_utf8_whatever_the_locale(demo: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    done = _bahi("validate", demo, "--format", "json", env=env)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    issues = json.loads(done.stdout.decode("utf-8"))
    assert has_hindi(issues[0]["message_hi"])


def test_the_command_reports_a_missing_book_without_a_traceback(tmp_path: Path) -> None:
    done = _bahi("validate", tmp_path / "nowhere.xlsx")
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2
    assert "not found" in err
    assert has_hindi(err)
    assert "Traceback" not in err


def test_the_template_on_disk_is_a_clean_book(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    book = Path(shutil.copyfile(TEMPLATE_PATH, tmp_path / "template.xlsx"))
    code, out, _ = run(capsys, "trial-balance", book, "--format", "json")
    assert code == 0
    assert all(Decimal(r["closing"]) == 0 for r in json.loads(out))


# -- bank reconciliation -------------------------------------------------------------------------


def test_reconcile_prints_matches_as_json_and_undo_clears_a_written_run(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = run(capsys, "reconcile", demo, "--format", "json")
    found = json.loads(out)
    assert code in {0, 1}
    assert found["account"] == str(chart.BANK)
    assert found["matches"]
    before = user_values(demo)
    assert run(capsys, "reconcile", demo, "--write", "--quiet")[0] in {0, 1}
    code, out, _ = run(capsys, "reconcile", demo, "--undo", "R1", "--write")
    assert code == 0
    assert "R1" in out
    assert has_hindi(out)
    after = user_values(demo)
    for sheet, rows in before.items():
        width = max(len(r) for r in rows) if rows else 0
        kept = [r[:width] for r in after[sheet]]  # the owned Match ID / Match Rule columns stay, empty
        assert kept == rows, f"undo leaves {sheet} as the user typed it"


def test_reconcile_says_how_many_open_lines_have_a_short_list(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    add_open_slips(demo)
    code, out, _ = run(capsys, "reconcile", demo)
    assert code in {0, 1}
    assert "2 unmatched bank line(s) could be matched only a few ways" in out
    assert "2 बिना मिलान बैंक पंक्तियों" in out
    assert "The sheet is written with --write" in out  # without it, nothing was saved
    assert "The sheet is written" not in run(capsys, "reconcile", demo, "--write")[1]
    found = json.loads(run(capsys, "reconcile", demo, "--format", "json")[1])
    assert found["possible"]["569"] == [[3283, 3285], [3287, 3289]]


def test_reconcile_text_leads_with_the_brs_and_its_open_lines_and_lists_matches_only_with_a_flag(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = run(capsys, "reconcile", demo)
    assert code in {0, 1}
    assert out.startswith("Bank Reconciliation Statement / बैंक समाधान विवरण: 1120")
    order = [
        "Balance as per bank statement", "Add: deposits not yet credited", "Journal!A3277",
        "Less: cheques issued, not yet presented", "Journal!A3253", "Bank Statement!A568",
        "Adjusted bank balance", "Balance as per books", "Unexplained difference", "564 match(es)",
    ]  # fmt: skip
    at = [out.index(text) for text in order]
    assert at == sorted(at), "the BRS as the sheet lays it out, then the counts"
    assert "1,82,250.00" in out, "the cheques' total"
    assert "R1-000001" not in out, "the match list only when asked for"
    assert "--matches" in out
    code, out, _ = run(capsys, "reconcile", demo, "--matches")
    assert out.index("R1-000001") > out.index("Unexplained difference")


def test_undo_without_write_says_nothing_was_saved(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    assert run(capsys, "reconcile", demo, "--write", "--quiet")[0] in {0, 1}
    fingerprint = sha256(demo)
    code, out, _ = run(capsys, "reconcile", demo, "--undo", "R1")
    assert code == 0
    assert "Nothing was saved" in out
    assert "--write" in out
    assert "कुछ नहीं सहेजा गया" in out
    assert "undone" not in out
    assert sha256(demo) == fingerprint, "the workbook is as it was"
    code, out, _ = run(capsys, "reconcile", demo, "--undo", "R1", "--write")
    assert code == 0
    assert "Run R1 undone" in out


def test_undoing_an_unknown_run_is_an_error(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    fingerprint = sha256(demo)
    for flags in ([], ["--write"]):
        code, out, err = run(capsys, "reconcile", demo, "--undo", "R9", *flags)
        assert code == 2
        assert out == ""
        assert "No active reconciliation run R9" in err
        assert "R9 नाम का सक्रिय रन नहीं है" in err
    assert sha256(demo) == fingerprint


def test_reconcile_without_a_bank_account_names_the_settings_cell(
    capsys: pytest.CaptureFixture[str], clean: Path
) -> None:
    code, out, err = run(capsys, "reconcile", clean)
    assert code == 2
    assert out == "", "no match counts for a reconciliation that did not run"
    assert "[Settings!B9]" in err, "the Value cell of the Bank Account row"
    assert "Cannot reconcile" in err
    assert "मिलान नहीं हो सका" in err
    assert "Bank Account" in err
    assert "--account" in err


def _break_statement_balance(book: Path) -> None:
    """Bank Statement!F10's balance 100 rupees more than its lines give (a second statement pasted in)."""
    wb = load_workbook(book)
    ws = wb["Bank Statement"]
    ws["F10"] = (ws["F10"].value or 0) + 100
    wb.save(book)


def test_reconcile_with_a_broken_statement_prints_no_matches_and_says_none_were_applied(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    _break_statement_balance(demo)
    code, out, err = run(capsys, "reconcile", demo, "--format", "json")
    found = json.loads(out)
    assert code == 1
    assert found["applied"] is False
    assert "matches" not in found, "no results of a run that matched nothing"
    assert "brs" not in found
    assert {i["cell"] for i in found["issues"] if i["rule"] == "bank-balance-mismatch"} == {"F10", "F11"}
    assert "[Bank Statement!F10]" in err
    assert "nothing was matched or written" in err
    assert "bahi validate" not in err, "validate does not read the statement; its errors are listed here"
    code, out, err = run(capsys, "reconcile", demo)
    assert (code, out) == (1, ""), "no match table in text either"
    assert "[Bank Statement!F11]" in err


def test_a_broken_statement_balance_is_said_lakh_grouped_with_brackets_never_a_bare_minus(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    _break_statement_balance(demo)
    _, out, _ = run(capsys, "reconcile", demo, "--format", "json")
    issues = json.loads(out)["issues"]
    messages = [i["message_en"] + i["message_hi"] for i in issues if i["rule"] == "bank-balance-mismatch"]
    assert "(difference 100.00)" in messages[0]
    assert "(difference (100.00))" in messages[1], "the next balance is now 100 short"
    for message in messages:
        assert not re.search(r"-\d", message)
        assert re.search(r"balance \d{1,2}(,\d\d)*,\d{3}\.\d\d does not follow", message)


def test_a_reports_error_count_is_validates(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    found = json.loads(run(capsys, "validate", demo, "--format", "json")[1])
    errors = sum(1 for i in found if i["severity"] == "error")
    _, _, err = run(capsys, "trial-balance", demo)
    assert f"The books have {errors} error(s)" in err


def test_reconcile_says_its_error_count_is_of_its_own_checks_not_validates(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    _, _, err = run(capsys, "reconcile", demo)
    assert "The books have" not in err
    assert "This run found 1 error(s) while reading the books and in its own checks" in err
    assert "`bahi validate` runs every check" in err
    assert "इस रन को बही पढ़ते समय और अपनी जाँचों में 1 त्रुटि मिलीं" in err


def test_quiet_silences_the_note_that_a_report_is_partial_and_the_exit_code_still_says_so(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    for command in ("trial-balance", "daybook", "reconcile"):
        code, _, err = run(capsys, command, demo, "-q")
        assert code == 1
        assert "error(s)" not in err


def test_saving_names_the_sheets_written(capsys: pytest.CaptureFixture[str], clean: Path) -> None:
    code, _, err = run(capsys, "trial-balance", clean, "--write")
    assert code == 0
    assert f"Saved {clean}: wrote {TRIAL_BALANCE_SHEET}, {ISSUES_SHEET}" in err
    assert "सहेजा गया" in err


# -- the progress bar ----------------------------------------------------------------------------


def test_the_progress_bar_names_each_phase_once_past_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "PROGRESS_DELAY_SECONDS", 0.0)
    screen = io.StringIO()
    console = cli.Console(file=screen, force_terminal=True, width=100)
    with cli.PhaseBar(console, enabled=True, phases=["reading", "checking"]) as progress:
        progress("reading")
        time.sleep(0.3)
        progress("checking")
        time.sleep(0.3)
    assert "Reading / पढ़ रहे हैं" in screen.getvalue()
    assert "Checking / जाँच रहे हैं" in screen.getvalue()


def test_no_progress_bar_when_it_is_off() -> None:
    screen = io.StringIO()
    console = cli.Console(file=screen, force_terminal=True, width=100)
    with cli.PhaseBar(console, enabled=False, phases=["reading"]) as progress:
        progress("reading")
    assert screen.getvalue() == ""
