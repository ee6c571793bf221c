"""One cell grammar: the Journal loader, the formulas' argument readers and the bank statement importer
read the same cell as the same date and the same amount, or all refuse it — for the same reason.

The cells are generated (numbers, Excel serials, dates and amounts written every accepted way, junk)
and put in a Journal column (read column-wise, on every fast path), passed to a formula's reader
(``udfs._cells.to_date``/``to_paise``) and to the importer, both its cell readers and a whole sheet
read by :func:`read_table_rows`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.cells import BLANK_REASON, CellState, Reason, amount_of, amount_reason, date_reason
from addin.engine.cells.values import error_reason
from addin.engine.issues import Issue
from addin.engine.load import load_ledger
from addin.engine.reconciliation import statement_import
from addin.engine.tables import RawTable
from tests.cell_values import cell_values
from udfs._cells import CellError, to_date, to_paise

CHART = [["Code", "Name", "Type", "Parent", "Opening Balance"], ["1001", "Cash", "Asset", None, None]]
HEADINGS = ["Date", "Voucher", "Account", "Debit", "Credit", "Narration"]


def journal_reads(dates: list[Any], amounts: list[Any]) -> tuple[list[dt.date | None], list[int | None], Any]:
    """The Journal's date and debit of each line (None when refused), and the issues, from the cells
    as one column each (typed columns kept typed, as a fast reader hands them)."""
    n = len(dates)
    columns = [
        _typed(dates), pd.Series(["V1"] * n, dtype=object), pd.Series(["Cash"] * n, dtype=object),
        _typed(amounts), pd.Series([None] * n, dtype=object), pd.Series(["n"] * n, dtype=object),
    ]  # fmt: skip
    table = RawTable("Journal", "Journal", 1, 1, tuple(HEADINGS), tuple(columns))
    accounts = RawTable.from_rows("Accounts", "Accounts", CHART)
    ledger, issues = load_ledger({"Accounts": accounts, "Journal": table})
    journal = ledger.journal
    assert journal["row"].tolist() == list(range(2, n + 2))
    read_dates = [None if pd.isna(d) else pd.Timestamp(d).date() for d in journal["date"]]
    unread = journal["unread"].to_numpy()
    debits = [None if flags & 8 else int(p) for p, flags in zip(journal["debit"], unread, strict=True)]
    return read_dates, debits, issues


def _typed(cells: list[Any]) -> pd.Series:
    if cells and all(isinstance(c, float) for c in cells):
        return pd.Series(cells, dtype=np.float64)
    if cells and all(isinstance(c, str) for c in cells):
        return pd.Series(cells, dtype="str")
    return pd.Series(cells, dtype=object)


def formula_date(value: Any) -> tuple[dt.date | None, str]:
    try:
        return to_date(value), ""
    except CellError as exc:
        return None, str(exc)


def formula_paise(value: Any) -> tuple[int | None, str]:
    try:
        return to_paise(value), ""
    except CellError as exc:
        return None, str(exc)


def importer_sheet(dates: list[Any], amounts: list[Any]) -> statement_import.StatementImport:
    """The cells as a statement sheet (Excel cells, as calamine gives them): date and deposit columns."""
    rows: list[list[Any]] = [["Date", "Narration", "Withdrawal", "Deposit"]]
    rows += [[d, "UPI RAVI", None, a] for d, a in zip(dates, amounts, strict=True)]
    return statement_import.read_table_rows(rows, "statement.xlsx", excel=True)


def said(issue: Issue, reason: Reason) -> bool:
    """Whether a Journal issue gives ``reason`` (an Excel error value has its own rule saying so)."""
    if issue.rule == "error-value":
        return reason == error_reason(issue.value)
    return reason.en in issue.message_en and reason.hi in issue.message_hi


not_blank = cell_values.filter(
    lambda v: amount_of(v).state is not CellState.BLANK and date_reason(v) != BLANK_REASON
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(not_blank, not_blank), min_size=1, max_size=12))
def test_the_journal_a_formula_and_the_importer_read_a_cell_alike(pairs: list[tuple[Any, Any]]) -> None:
    dates, amounts = [d for d, _ in pairs], [a for _, a in pairs]
    journal_dates, journal_debits, issues = journal_reads(dates, amounts)
    imported = importer_sheet(dates, amounts)
    lines = {line.source_row: line for line in imported.lines}
    left_out = {(i.cell, i.column) for i in imported.issues if i.rule == "unreadable-statement-line"}
    for k, (date, amount) in enumerate(pairs):
        row = k + 2
        day, why_not_day = formula_date(date)
        paise, why_not_paise = formula_paise(amount)
        # the Journal and a formula
        assert journal_dates[k] == day, (date, journal_dates[k], day)
        assert journal_debits[k] == paise, (amount, journal_debits[k], paise)
        # the importer's cell readers
        assert statement_import.read_date(date) == day, date
        assert statement_import.read_amount(amount)[0] == paise, amount
        # the importer's whole sheet: a line where both were read and the amount is not zero
        if day is None:
            assert (f"A{row}", "date") in left_out
        elif paise is None:
            assert (f"D{row}", "amount") in left_out
        elif paise:
            assert (lines[row].date, lines[row].deposit - lines[row].withdrawal) == (day, paise)
        # refused: the same reason everywhere (Journal issue, formula error, importer issue)
        if day is None:
            reason = date_reason(date)
            assert reason is not None
            assert f"date: {reason.en}" in why_not_day
            assert any(i.cell == f"A{row}" and said(i, reason) for i in issues), date
        if paise is None:
            reason = amount_reason(amount)
            assert reason is not None
            assert f"amount: {reason.en}" in why_not_paise
            assert any(i.cell == f"D{row}" and said(i, reason) for i in issues), amount


def test_a_blank_cell_is_no_value_anywhere_and_a_formula_says_so() -> None:
    blanks = [None, "", "   ", float("nan")]
    journal_dates, journal_debits, issues = journal_reads(blanks, blanks)
    assert journal_dates == [None] * 4
    assert journal_debits == [0] * 4
    assert not [i for i in issues if i.rule in ("unreadable-date", "unreadable-amount")]
    for blank in blanks:
        assert statement_import.read_date(blank) is None
        assert statement_import.read_amount(blank) == (0, "")
        assert formula_paise(blank) == (None, "amount: the cell is empty — amount: सेल खाली है")
        assert formula_date(blank) == (None, "date: the cell is empty — date: सेल खाली है")
