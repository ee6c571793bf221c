"""What ``bahi validate`` does with books a user really sends: broken, odd or not workbooks at all.

Every case must end in a clear message in English and Hindi that names where and how to fix it, the
right exit code (2: the book cannot be read; 1: the books have errors; 0: fine), no traceback, and
the input file unchanged to the byte.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from addin import cli
from addin.engine.schema import JOURNAL
from tests.test_cli_books import CLEAN_LINES, sha256, template_book, widen_table

REPO = Path(__file__).resolve().parents[1]
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


def has_hindi(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


def validate(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str, str]:
    """Run ``bahi validate`` and check the promises every case shares."""
    fingerprint = sha256(path) if path.exists() else None
    code = cli.main(["validate", str(path), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert code != 3, err
    if fingerprint is not None:
        assert sha256(path) == fingerprint, "the input file is unchanged byte for byte"
    return code, out, err


def assert_bilingual_fix(err: str) -> None:
    assert "Fix" in err
    assert "सुधार" in err
    assert has_hindi(err)


def issues_of(out: str) -> list[dict[str, str]]:
    issues: list[dict[str, str]] = json.loads(out)
    return issues


# -- books that cannot be read as a ledger: exit 2 ------------------------------------------------


def test_a_book_without_a_journal_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def drop_journal(wb: Workbook) -> None:
        wb.remove(wb[JOURNAL.sheet])

    code, _, err = validate(capsys, template_book(tmp_path / "no-journal.xlsx", edit=drop_journal))
    assert code == 2
    assert "Journal" in err
    assert_bilingual_fix(err)


def test_a_renamed_required_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def rename_debit(wb: Workbook) -> None:
        wb[JOURNAL.sheet]["D1"] = "Dr Amount"

    code, _, err = validate(capsys, template_book(tmp_path / "renamed.xlsx", edit=rename_debit))
    assert code == 2
    assert "Debit" in err
    assert "Journal" in err
    assert_bilingual_fix(err)


# -- books that read, with findings ---------------------------------------------------------------


def test_extra_columns_are_a_warning_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def add_remarks(wb: Workbook) -> None:
        ws = wb[JOURNAL.sheet]
        ws["I1"] = "Remarks"
        ws["I2"] = "checked by CA"
        widen_table(wb, JOURNAL.sheet, JOURNAL.name, 9)

    book = template_book(tmp_path / "extra.xlsx", edit=add_remarks)
    code, out, _ = validate(capsys, book, "--format", "json")
    found = [(i["rule"], i["severity"], i["cell"]) for i in issues_of(out)]
    assert code == 0
    assert found == [("extra-column", "warning", "I1")]


def test_blank_rows_in_the_middle_keep_row_numbers_true(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    typo = (dt.datetime(2025, 4, 12), "JV-9", 9999, 10, None, "Typo")
    settle = (dt.datetime(2025, 4, 12), "JV-9", 1110, None, 10, "Typo")
    lines = [*CLEAN_LINES[:2], (None,) * 6, *CLEAN_LINES[2:], typo, settle]
    code, out, _ = validate(capsys, template_book(tmp_path / "blank.xlsx", lines), "--format", "json")
    found = {(i["rule"], i["cell"]) for i in issues_of(out)}
    assert code == 1
    assert ("blank-row", "A4") in found
    assert ("unknown-account", "C9") in found, "row 9 as Excel shows it, blank row counted"


def test_merged_cells_in_the_journal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def merge_narrations(wb: Workbook) -> None:
        wb[JOURNAL.sheet].merge_cells("F2:F3")

    book = template_book(tmp_path / "merged.xlsx", edit=merge_narrations)
    code, out, _ = validate(capsys, book, "--format", "json")
    merged = [i for i in issues_of(out) if i["rule"] == "merged-cells"]
    assert code == 1
    assert merged
    assert merged[0]["sheet"] == "Journal"
    assert merged[0]["fix_en"]
    assert has_hindi(merged[0]["message_hi"])


def test_text_in_an_amount_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [list(line) for line in CLEAN_LINES]
    lines[2][3] = "eleven thousand"
    code, out, _ = validate(capsys, template_book(tmp_path / "text-amount.xlsx", lines), "--format", "json")
    unreadable = [i for i in issues_of(out) if i["rule"] == "unreadable-amount"]
    assert code == 1
    assert [(i["sheet"], i["cell"]) for i in unreadable] == [("Journal", "D4")]
    assert unreadable[0]["fix_en"]
    assert has_hindi(unreadable[0]["fix_hi"])


def test_the_text_output_of_findings_is_bilingual(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [list(line) for line in CLEAN_LINES]
    lines[2][3] = "eleven thousand"
    code, out, _ = validate(capsys, template_book(tmp_path / "text-amount.xlsx", lines))
    assert code == 1
    assert "Journal!D4" in out
    assert_bilingual_fix(out)


# -- files that are not workbooks: exit 2 ---------------------------------------------------------

Maker = Callable[[Path], Path]


def csv_renamed(folder: Path) -> Path:
    path = folder / "journal.xlsx"
    path.write_text("Date,Voucher,Account,Debit,Credit\n01/04/2025,JV-1,1120,500,\n", encoding="utf-8")
    return path


def old_xls(folder: Path) -> Path:
    path = folder / "old-format.xls"
    path.write_bytes(OLE2_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1024))
    return path


def old_xls_named_xlsx(folder: Path) -> Path:
    path = folder / "old-format.xlsx"
    path.write_bytes(OLE2_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1024))
    return path


def corrupt_zip(folder: Path) -> Path:
    whole = template_book(folder / "whole.xlsx").read_bytes()
    path = folder / "corrupt.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def password_protected(folder: Path) -> Path:
    path = folder / "locked.xlsx"
    path.write_bytes(OLE2_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    return path


NOT_WORKBOOKS: dict[str, tuple[Maker, str]] = {
    "a .csv renamed to .xlsx": (csv_renamed, "damaged"),
    "an old .xls file": (old_xls, ".xlsx"),
    "an old .xls file named .xlsx": (old_xls_named_xlsx, ".xls"),
    "a corrupt zip": (corrupt_zip, "damaged"),
    "an empty file": (empty_file, "empty"),
    "a password-protected file": (password_protected, "password"),
}


@pytest.mark.parametrize("case", list(NOT_WORKBOOKS))
def test_a_file_that_is_not_a_readable_workbook(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    make, says = NOT_WORKBOOKS[case]
    path = make(tmp_path)
    code, out, err = validate(capsys, path)
    assert code == 2
    assert out == ""
    assert says in err
    assert path.name in err
    assert_bilingual_fix(err)


def test_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = validate(capsys, tmp_path / "nowhere.xlsx")
    assert code == 2
    assert "nowhere.xlsx" in err
    assert_bilingual_fix(err)


# -- the largest journal a sheet holds ------------------------------------------------------------


@pytest.mark.slow
def test_a_journal_of_a_full_sheet_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(REPO))  # the benchmarks' zip-level generator (not installed)
    generate = importlib.import_module("benchmarks.generate")
    lines = generate.EXCEL_MAX_LINES
    cached = generate.bench_files(lines).xlsx
    path = tmp_path / "full.xlsx"
    if cached.exists():
        path.write_bytes(cached.read_bytes())
    else:
        generate.write_workbook(generate.make_journal(lines), path)
    started = dt.datetime.now(dt.UTC)
    code, out, _ = validate(capsys, path)
    assert code in {0, 1}
    assert f"{lines} journal lines" in out
    assert (dt.datetime.now(dt.UTC) - started).total_seconds() < 120
