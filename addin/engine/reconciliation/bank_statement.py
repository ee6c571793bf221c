"""The BankStatement table as the typed bank side of a reconciliation.

Columns of the frame :func:`load_bank_statement` returns (the contract of
:func:`~addin.engine.reconciliation.matching.match_lines`, plus the balance):
``row`` (worksheet row), ``date`` (datetime64, NaT when unreadable), ``amount`` (int64 paise,
deposit positive, withdrawal negative), ``description``, ``reference``, ``match_id``, ``match_rule``
(str), ``balance`` (int64 paise), ``has_balance`` (bool: the Balance cell was filled).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from addin.engine.cells import AmountColumn, IntArray, UnreadCell, bank_balance, cell_text
from addin.engine.issues import Issue
from addin.engine.load import TableReader, blank_rows, map_columns, missing_table_issue, table_layout
from addin.engine.messages import make_issue
from addin.engine.money import bracketed
from addin.engine.rules import Rule
from addin.engine.schema import BANK_STATEMENT
from addin.engine.tables import RawTable

BANK_FRAME_COLUMNS = (
    "row", "date", "amount", "description", "reference", "match_id", "match_rule", "balance", "has_balance",
)  # fmt: skip


def empty_bank_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": pd.Series(dtype=np.int64),
            "date": pd.Series(dtype="datetime64[ns]"),
            "amount": pd.Series(dtype=np.int64),
            "description": pd.Series(dtype="str"),
            "reference": pd.Series(dtype="str"),
            "match_id": pd.Series(dtype="str"),
            "match_rule": pd.Series(dtype="str"),
            "balance": pd.Series(dtype=np.int64),
            "has_balance": pd.Series(dtype=bool),
        }
    )


def load_bank_statement(table: RawTable | None) -> tuple[pd.DataFrame, list[Issue]]:
    """The statement's lines (blank rows skipped, worksheet rows kept true) and what was wrong."""
    if table is None:
        return empty_bank_frame(), [missing_table_issue(BANK_STATEMENT)]
    positions, issues, complete = table_layout(table, BANK_STATEMENT)
    if not complete:
        return empty_bank_frame(), issues
    reader = TableReader(table, positions)
    date = reader.dates("Date", UnreadCell.DATE)
    description = reader.text("Description")
    reference = reader.text("Reference")
    withdrawal = reader.amounts("Withdrawal", UnreadCell.DEBIT)
    deposit = reader.amounts("Deposit", UnreadCell.CREDIT)
    balance = reader.amounts("Balance", UnreadCell.OTHER)  # its Dr/Cr suffix: the bank's way, below
    match_id = reader.text("Match ID")
    match_rule = reader.text("Match Rule")
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    keep = ~blank
    n = table.row_count
    frame = pd.DataFrame(
        {
            "row": (table.header_row + 1 + np.arange(n, dtype=np.int64))[keep],
            "date": date.values[keep],
            "amount": (deposit.paise - withdrawal.paise)[keep],
            "description": description[keep].reset_index(drop=True),
            "reference": reference[keep].reset_index(drop=True),
            "match_id": match_id[keep].reset_index(drop=True),
            "match_rule": match_rule[keep].reset_index(drop=True),
            "balance": _bank_balances(balance)[keep],
            "has_balance": ~(balance.blank | balance.unreadable | balance.error)[keep],
        }
    )
    # Negative amounts in Withdrawal or Deposit are the bank's way of writing a reversal: kept.
    return frame, [*issues, *reader.issues, *blank_issues]


def _bank_balances(balance: AmountColumn) -> IntArray:
    """The Balance column signed the bank's way (:func:`~addin.engine.cells.bank_balance`): "1,000 Cr"
    is money in the bank, "1,000 Dr" an overdraft."""
    paise = balance.paise.copy()
    for i in np.flatnonzero(balance.side):
        paise[i] = bank_balance(int(paise[i]), "dr" if balance.side[i] > 0 else "cr")
    return paise


def check_running_balance(frame: pd.DataFrame, table: RawTable | None) -> list[Issue]:
    """Each filled Balance must equal the previous filled Balance plus deposits less withdrawals.

    The issue points at the Balance cell where the running total first disagrees, with the figure
    the bank's own lines give.
    """
    if table is None or frame.empty:
        return []
    positions, _ = map_columns(table, BANK_STATEMENT)
    if "Balance" not in positions:
        return []
    has = frame["has_balance"].to_numpy()
    balances = frame["balance"].to_numpy()
    running = np.cumsum(frame["amount"].to_numpy())
    filled = np.flatnonzero(has)
    if len(filled) < 2:
        return []
    # balance[i] - running[i] is the implied opening balance; it must not change between filled rows.
    implied = balances[filled] - running[filled]
    breaks = np.flatnonzero(np.diff(implied) != 0) + 1
    issues = []
    for k in breaks:
        i = int(filled[k])
        expected = int(implied[k - 1] + running[i])
        row = int(frame["row"].to_numpy()[i])
        index = row - table.header_row - 1
        issues.append(
            make_issue(
                Rule.BANK_BALANCE_MISMATCH,
                table.sheet,
                table.address(index, positions["Balance"]),
                "Balance",
                cell_text(table.columns[positions["Balance"]].iloc[index]),
                balance=bracketed(int(balances[i])),
                expected=bracketed(expected),
                difference=bracketed(int(balances[i]) - expected),
            )
        )
    return issues


def check_statement_period(
    frame: pd.DataFrame, table: RawTable | None, bounds: tuple[dt.date, dt.date] | None
) -> list[Issue]:
    """Statement lines dated outside the financial year being reconciled."""
    if table is None or frame.empty or bounds is None:
        return []
    positions, _ = map_columns(table, BANK_STATEMENT)
    start, end = (np.datetime64(d, "ns") for d in bounds)
    dates = frame["date"].to_numpy()
    outside = ~pd.isna(dates) & ((dates < start) | (dates > end))
    return [
        make_issue(
            Rule.BANK_DATE_OUTSIDE_PERIOD,
            table.sheet,
            table.address(int(frame["row"].to_numpy()[i]) - table.header_row - 1, positions["Date"]),
            "Date",
            pd.Timestamp(dates[i]).strftime("%d/%m/%Y"),
            start=bounds[0].strftime("%d/%m/%Y"),
            end=bounds[1].strftime("%d/%m/%Y"),
        )
        for i in np.flatnonzero(outside)
    ]
