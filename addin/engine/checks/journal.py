"""Checks on journal lines and vouchers: accounts, amounts, balance, duplicates, dates, narration.

Each ``check_*(ledger) -> list[Issue]`` is vectorised over the journal; cells the loader could not
read (``UnreadCell`` flags) are not reported again.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.cells import UnreadCell
from addin.engine.checks._common import (
    BoolArray,
    amounts_shown,
    row_issues,
    shown_date,
    unread,
    voucher_groups,
)
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.money import bracketed, format_inr
from addin.engine.rules import Rule
from addin.engine.schema import JOURNAL


def _positions(mask: BoolArray) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    return np.flatnonzero(mask).astype(np.int64)


def check_unknown_accounts(ledger: Ledger) -> list[Issue]:
    """Lines whose account is not in the Accounts table, or that name no account (Account cell)."""
    journal = ledger.journal
    unresolved = (journal["account"] == "").to_numpy(dtype=np.bool_) & ~unread(journal, UnreadCell.ACCOUNT)
    positions = _positions(unresolved)
    if not len(positions):
        return []
    typed = [str(v) for v in journal["account_text"].iloc[positions].tolist()]
    blank = np.array([not t for t in typed], dtype=np.bool_)
    return [
        *row_issues(
            ledger,
            JOURNAL,
            Rule.UNKNOWN_ACCOUNT,
            "Account",
            positions[~blank],
            values=[t for t in typed if t],
        ),
        *row_issues(ledger, JOURNAL, Rule.UNKNOWN_ACCOUNT, "Account", positions[blank], variant="blank"),
    ]


def check_inactive_accounts(ledger: Ledger) -> list[Issue]:
    """Lines posted to an account marked inactive (Account cell)."""
    accounts = ledger.accounts
    inactive = accounts.loc[~accounts["active"].to_numpy(dtype=np.bool_), "code"]
    inactive = inactive[inactive != ""]
    if inactive.empty:
        return []
    hit = ledger.journal["account"].isin(inactive.tolist()).to_numpy(dtype=np.bool_)
    return row_issues(
        ledger,
        JOURNAL,
        Rule.INACTIVE_ACCOUNT,
        "Account",
        _positions(hit),
        values=[str(v) for v in ledger.journal["account_text"][hit].tolist()],
    )


def check_debit_and_credit(ledger: Ledger) -> list[Issue]:
    """Lines with an amount in both Debit and Credit (Debit cell)."""
    journal = ledger.journal
    debit, credit = journal["debit"].to_numpy(), journal["credit"].to_numpy()
    both = _positions((debit != 0) & (credit != 0))
    return row_issues(
        ledger,
        JOURNAL,
        Rule.DEBIT_AND_CREDIT,
        "Debit",
        both,
        values=amounts_shown(debit[both]),
        debit=amounts_shown(debit[both]),
        credit=amounts_shown(credit[both]),
    )


def check_no_amount(ledger: Ledger) -> list[Issue]:
    """Lines with neither a debit nor a credit (Debit cell); an unreadable amount is not "none"."""
    journal = ledger.journal
    none = (journal["debit"].to_numpy() == 0) & (journal["credit"].to_numpy() == 0)
    none &= ~unread(journal, UnreadCell.DEBIT) & ~unread(journal, UnreadCell.CREDIT)
    positions = _positions(none)
    return row_issues(ledger, JOURNAL, Rule.NO_AMOUNT, "Debit", positions, values=[""] * len(positions))


def check_negative_amounts(ledger: Ledger) -> list[Issue]:
    """Debit or Credit amounts below zero (that cell)."""
    journal = ledger.journal
    issues: list[Issue] = []
    for column, other, other_hi in (("Debit", "Credit", "जमा"), ("Credit", "Debit", "नामे")):
        paise = journal[column.lower()].to_numpy()
        negative = _positions(paise < 0)
        issues += row_issues(
            ledger,
            JOURNAL,
            Rule.NEGATIVE_AMOUNT,
            column,
            negative,
            values=amounts_shown(paise[negative]),
            other=other,
            other_hi=other_hi,
        )
    return issues


def check_unbalanced_vouchers(ledger: Ledger) -> list[Issue]:
    """Vouchers whose debits and credits differ by any paisa, at the Voucher cell of the first line.

    >>> from addin.engine.load import ledger_from_rows
    >>> ledger = ledger_from_rows([["Code", "Name", "Type", "Parent", "Opening Balance"]],
    ...     [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"],
    ...      ["01/04/2025", "V1", "x", 100000, None, "n"], ["01/04/2025", "V1", "y", None, 99999.99, "n"]])
    >>> [(i.cell, i.message_en) for i in check_unbalanced_vouchers(ledger)]
    [('B2', 'Voucher V1 does not balance: debits 1,00,000.00, credits 99,999.99, difference 0.01.')]
    """
    journal = ledger.journal
    groups = voucher_groups(ledger)
    if not groups.count:
        return []
    debits = groups.sum(journal["debit"].to_numpy())
    credits = groups.sum(journal["credit"].to_numpy())
    off = np.flatnonzero(debits != credits).tolist()
    if not off:
        return []
    rows = journal["row"].to_numpy()
    differences = [int(debits[g] - credits[g]) for g in off]
    firsts = np.asarray(groups.first[off], dtype=np.int64)
    return row_issues(
        ledger,
        JOURNAL,
        Rule.UNBALANCED_VOUCHER,
        "Voucher",
        firsts,
        voucher=[groups.name(g) for g in off],
        debit=[bracketed(int(debits[g])) for g in off],  # a negative line can make a total negative
        credit=[bracketed(int(credits[g])) for g in off],
        difference=[format_inr(abs(d)) for d in differences],
        side=["Credit" if d > 0 else "Debit" for d in differences],
        side_hi=["जमा" if d > 0 else "नामे" for d in differences],
        first_row=rows[firsts].tolist(),
    )


def check_voucher_dates(ledger: Ledger) -> list[Issue]:
    """Lines dated otherwise than their voucher's date, at their Date cell. A voucher's date is the
    one most of its dated lines have (the first dated line's on a tie), so a single mistyped line is
    the one named, even when it is the voucher's first.

    A voucher is one entry on one day: split over two dates (or its number reused for another
    entry) it balances as a whole yet not on either day, so a trial balance between the dates
    differs.

    >>> from addin.engine.load import ledger_from_rows
    >>> ledger = ledger_from_rows([["Code", "Name", "Type", "Parent", "Opening Balance"]],
    ...     [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"],
    ...      ["30/04/2025", "JV-2", "x", 5000, None, "n"], ["01/05/2025", "JV-2", "y", None, 5000, "n"]])
    >>> [(i.cell, i.message_en) for i in check_voucher_dates(ledger)]
    [('A3', "Voucher JV-2 has lines on different dates: this line is dated 01/05/2025, the voucher's \
date (row 2) 30/04/2025.")]
    """
    journal = ledger.journal
    groups = voucher_groups(ledger)
    if not groups.count:
        return []
    dates = journal["date"].to_numpy(dtype="datetime64[ns]")
    dated = np.flatnonzero((groups.codes >= 0) & ~np.isnat(dates))
    if not len(dated):
        return []
    voucher_date = _voucher_date_lines(groups.codes[dated], dates[dated], dated, groups.count)
    reference = voucher_date[groups.codes[dated]]
    differ = dated[dates[dated] != dates[reference]].astype(np.int64)
    if not len(differ):
        return []
    firsts = voucher_date[groups.codes[differ]]
    return row_issues(
        ledger,
        JOURNAL,
        Rule.VOUCHER_DATES_DIFFER,
        "Date",
        differ,
        values=_dates_shown(ledger, differ),
        voucher=groups.name_list(groups.codes[differ]),
        first_row=journal["row"].to_numpy()[firsts].tolist(),
        first_date=_dates_shown(ledger, firsts),
    )


def _voucher_date_lines(
    codes: npt.NDArray[np.int64], dates: npt.NDArray[np.datetime64], lines: npt.NDArray[np.int64], count: int
) -> npt.NDArray[np.int64]:
    """Per voucher group, the first of its lines dated with its most common date (the earliest such
    line wins a tie); ``codes``, ``dates``, ``lines``: the dated lines' group, date and index, in order.

    >>> days = np.array(["2026-04-03", "2026-03-03", "2026-03-03", "2025-04-01", "2025-04-02"], "M8[ns]")
    >>> _voucher_date_lines(np.array([0, 0, 0, 1, 1]), days, np.array([0, 1, 2, 3, 4]), 2).tolist()
    [1, 3]
    """
    pairs = pd.DataFrame({"code": codes, "date": dates, "line": lines})
    per_date = pairs.groupby(["code", "date"], sort=False)["line"].agg(["size", "min"])
    ranked = per_date.reset_index().sort_values(["code", "size", "min"], ascending=[True, False, True])
    best = ranked.drop_duplicates("code")
    out = np.full(count, -1, dtype=np.int64)
    out[best["code"].to_numpy()] = best["min"].to_numpy()
    return out


def check_duplicate_lines(ledger: Ledger) -> list[Issue]:
    """Later lines repeating an earlier one's date, voucher, account, debit, credit and narration.

    Reported at the Voucher cell of each later occurrence, naming the first one's row. Candidates
    are found by a hash of the numeric parts, then confirmed on every column.
    """
    journal = ledger.journal
    if len(journal) < 2:
        return []
    groups = voucher_groups(ledger)
    account_codes, _ = pd.factorize(journal["account"])
    parts = (
        groups.codes,
        np.asarray(account_codes, dtype=np.int64),
        journal["debit"].to_numpy(dtype=np.int64),
        journal["credit"].to_numpy(dtype=np.int64),
        journal["date"].to_numpy().view(np.int64),
    )
    key = np.zeros(len(journal), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for part in parts:
            key = (key ^ part.astype(np.uint64)) * np.uint64(0x9E3779B97F4A7C15)
            key ^= key >> np.uint64(29)
    ordered = np.sort(key)
    repeats = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(repeats):
        return []
    candidates = np.flatnonzero(np.isin(key, repeats))
    columns = ["date", "voucher", "account", "debit", "credit", "narration"]
    subset = journal.iloc[candidates][columns]
    repeated = subset.duplicated(keep="first").to_numpy()
    first_index = subset.groupby(columns, sort=False, dropna=False).ngroup().to_numpy()
    first_row_of_group: dict[int, int] = {}
    rows = journal["row"].to_numpy()[candidates]
    for group, row in zip(first_index.tolist(), rows.tolist(), strict=True):
        first_row_of_group.setdefault(group, row)
    later = candidates[repeated]
    first_rows = [first_row_of_group[g] for g in first_index[repeated].tolist()]
    return row_issues(
        ledger, JOURNAL, Rule.DUPLICATE_LINE, "Voucher", later.astype(np.int64), first_row=first_rows
    )


def check_missing_narration(ledger: Ledger) -> list[Issue]:
    """A warning per voucher none of whose lines has a narration, at its first line's Narration cell.

    Indian vouchers carry one narration, often typed on the first line only, so a voucher with any
    narration is fine. A line without a voucher number is judged on its own.
    """
    journal = ledger.journal
    groups = voucher_groups(ledger)
    has = (journal["narration"] != "").to_numpy(dtype=np.bool_) | unread(journal, UnreadCell.NARRATION)
    silent_groups = np.flatnonzero(~groups.any(has))
    alone = _positions((groups.codes < 0) & ~has)
    vouchers = groups.name_list(silent_groups)
    return [
        *row_issues(
            ledger,
            JOURNAL,
            Rule.MISSING_NARRATION,
            "Narration",
            groups.first[silent_groups].astype(np.int64),
            voucher=vouchers,
        ),
        *row_issues(ledger, JOURNAL, Rule.MISSING_NARRATION, "Narration", alone, voucher=""),
    ]


def check_missing_dates(ledger: Ledger) -> list[Issue]:
    """Lines without a date (Date cell); an unreadable date was reported by the loader."""
    journal = ledger.journal
    missing = journal["date"].isna().to_numpy(dtype=np.bool_) & ~unread(journal, UnreadCell.DATE)
    positions = _positions(missing)
    return row_issues(ledger, JOURNAL, Rule.MISSING_DATE, "Date", positions, values=[""] * len(positions))


def check_missing_vouchers(ledger: Ledger) -> list[Issue]:
    """Lines without a voucher number (Voucher cell)."""
    journal = ledger.journal
    missing = (voucher_groups(ledger).codes < 0) & ~unread(journal, UnreadCell.VOUCHER)
    return row_issues(ledger, JOURNAL, Rule.MISSING_VOUCHER, "Voucher", _positions(missing))


def _dates_shown(ledger: Ledger, positions: np.ndarray[tuple[int], np.dtype[np.int64]]) -> list[str]:
    return [shown_date(v) for v in ledger.journal["date"].to_numpy(dtype="datetime64[ns]")[positions]]


def check_outside_financial_year(ledger: Ledger) -> list[Issue]:
    """Dates before the first or after the last day of Settings' financial year (Date cell)."""
    bounds = ledger.settings.fy_bounds()
    if bounds is None:
        return []
    start, end = (np.datetime64(d, "ns") for d in bounds)
    dates = ledger.journal["date"].to_numpy(dtype="datetime64[ns]")
    outside = _positions(~np.isnat(dates) & ((dates < start) | (dates > end)))
    return row_issues(
        ledger,
        JOURNAL,
        Rule.OUTSIDE_FINANCIAL_YEAR,
        "Date",
        outside,
        values=_dates_shown(ledger, outside),
        start=shown_date(start),
        end=shown_date(end),
    )


def check_locked_period(ledger: Ledger) -> list[Issue]:
    """Dates on or before Settings' lock date (Date cell)."""
    lock = ledger.settings.lock_date
    if lock is None:
        return []
    dates = ledger.journal["date"].to_numpy(dtype="datetime64[ns]")
    locked = _positions(~np.isnat(dates) & (dates <= np.datetime64(lock, "ns")))
    return row_issues(
        ledger,
        JOURNAL,
        Rule.LOCKED_PERIOD,
        "Date",
        locked,
        values=_dates_shown(ledger, locked),
        lock=shown_date(lock),
    )
