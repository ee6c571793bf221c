"""Small workbooks for the command's tests, built from the real general-ledger template.

:func:`template_book` writes the template with journal lines and an optional edit (a renamed
heading, a merged range, a sheet removed); :func:`user_values` and :func:`sha256` let a test prove
that what the user typed is unchanged. The tests here pin the helpers themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from addin.engine.cells import column_letter
from addin.engine.schema import JOURNAL, OWNED_SHEETS
from workbook_templates import chart
from workbook_templates.build import general_ledger_workbook, workbook_bytes

Edit = Callable[[Workbook], None]

APRIL = dt.datetime(2025, 4, 1)
CLEAN_LINES: tuple[tuple[Any, ...], ...] = (
    (APRIL, "JV-1", chart.BANK, 500000, None, "Capital introduced"),
    (APRIL, "JV-1", chart.CAPITAL, None, 500000, "Capital introduced"),
    (APRIL + dt.timedelta(days=4), "S-1", chart.CASH, 11800.5, None, "Cash sale"),
    (APRIL + dt.timedelta(days=4), "S-1", chart.SALES_LOCAL, None, 11800.5, "Cash sale"),
    (APRIL + dt.timedelta(days=9), "P-1", chart.RENT, 25000, None, "Rent for April"),
    (APRIL + dt.timedelta(days=9), "P-1", chart.BANK, None, 25000, "Rent for April"),
)
"""Three balanced vouchers on template accounts: capital brought in, a cash sale, rent paid."""


def template_book(
    path: Path, lines: Sequence[Sequence[Any]] = CLEAN_LINES, edit: Edit | None = None
) -> Path:
    """The general-ledger template with ``lines`` on the Journal (from row 2), then ``edit`` applied."""
    wb = general_ledger_workbook()
    ws = wb[JOURNAL.sheet]
    for row, line in enumerate(lines, start=2):
        for col, value in enumerate(line, start=1):
            ws.cell(row=row, column=col, value=value)
    table = ws.tables[JOURNAL.name]
    last_col = table.ref.split(":")[1].rstrip("0123456789")
    table.ref = f"A1:{last_col}{max(2, len(lines) + 1)}"
    if edit is not None:
        edit(wb)
    path.write_bytes(workbook_bytes(wb))
    return path


def widen_table(wb: Workbook, sheet: str, name: str, columns: int) -> None:
    """Make table ``name`` span ``columns`` columns (after adding headings at its right)."""
    table = wb[sheet].tables[name]
    last_row = table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    table.ref = f"A1:{column_letter(columns)}{last_row}"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def user_values(path: Path) -> dict[str, list[list[Any]]]:
    """Every cell value of every sheet the user owns (all but Bahi's own sheets)."""
    book = CalamineWorkbook.from_path(str(path))
    return {
        name: book.get_sheet_by_name(name).to_python()
        for name in book.sheet_names
        if name not in OWNED_SHEETS
    }


def test_a_template_book_carries_the_lines_it_was_given(tmp_path: Path) -> None:
    path = template_book(tmp_path / "clean.xlsx")
    journal = user_values(path)[JOURNAL.sheet]
    assert journal[0][0] == JOURNAL.column("Date").heading
    assert [row[1] for row in journal[1:]] == [line[1] for line in CLEAN_LINES]


def test_the_fingerprint_of_a_file_is_its_bytes(tmp_path: Path) -> None:
    a = template_book(tmp_path / "a.xlsx")
    b = template_book(tmp_path / "b.xlsx")
    assert sha256(a) == sha256(b), "the template builds reproducibly"
