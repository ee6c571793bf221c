"""Reconcile a bank account: the whole pipeline from typed ledger and statement table to a result.

``reconcile(ledger, bank_table)`` loads the statement, checks it (running balance, period), picks the
bank account's journal lines, matches, and draws the BRS at the period end with proposals for bank
charges and interest. Bad data is returned as issues; with a fatal one nothing else is computed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from addin.engine.cells import fold
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.issues import Issue, has_fatal
from addin.engine.ledger import Ledger
from addin.engine.load import map_columns
from addin.engine.messages import make_issue
from addin.engine.money import bracketed, format_inr, to_decimal_string
from addin.engine.reconciliation.bank_statement import (
    check_running_balance,
    check_statement_period,
    empty_bank_frame,
    load_bank_statement,
)
from addin.engine.reconciliation.match_rules import MatchRule
from addin.engine.reconciliation.matching import Match, Matching, is_manual, match_lines
from addin.engine.reconciliation.possible import possible_matches
from addin.engine.reconciliation.statement import (
    OutstandingItem,
    ProposedEntry,
    ReconciliationStatement,
    proposed_entries,
    reconciliation_statement,
)
from addin.engine.rules import Rule
from addin.engine.schema import BANK_STATEMENT, RECONCILIATION_SHEET, SETTINGS
from addin.engine.tables import RawTable


@dataclass(frozen=True)
class Reconciliation:
    """Everything one reconciliation run found."""

    account: str
    account_name: str
    as_of: dt.date | None
    matching: Matching
    statement: ReconciliationStatement | None
    proposals: tuple[ProposedEntry, ...]
    issues: list[Issue] = field(default_factory=list)
    possible: dict[int, tuple[tuple[int, ...], ...]] = field(default_factory=dict)
    """Open bank lines' short lists: bank row → the sets of open journal rows it could be
    (:func:`.possible.possible_matches`)."""

    def as_records(self) -> list[dict[str, object]]:
        """One record a match (CSV output)."""
        return [m.as_dict() for m in self.matching.matches]

    def as_json(self) -> dict[str, object]:
        """The JSON of ``bahi reconcile --format json``: rows are worksheet rows as Excel shows them."""
        brs = self.statement
        return {
            "account": self.account,
            "name": self.account_name,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "matches": [m.as_dict() for m in self.matching.matches],
            "unmatched_bank": list(self.matching.unmatched_bank),
            "unmatched_journal": list(self.matching.unmatched_journal),
            "brs": None if brs is None else statement_figures(brs),
            "possible": {str(row): [list(rows) for rows in sets] for row, sets in self.possible.items()},
            "proposals": [
                {
                    "bank_row": p.bank_row,
                    "date": p.date.isoformat() if p.date else None,
                    "kind": p.kind,
                    "debit_account": p.debit_account,
                    "credit_account": p.credit_account,
                    "amount": to_decimal_string(p.amount),
                    "narration": p.narration,
                }
                for p in self.proposals
            ],
        }


def statement_figures(brs: ReconciliationStatement) -> dict[str, object]:
    """The BRS's figures as decimal strings, with its items' rows."""

    def items(section: tuple[OutstandingItem, ...]) -> list[dict[str, object]]:
        return [
            {"row": i.row, "date": i.date.isoformat() if i.date else None, "text": i.text,
             "amount": to_decimal_string(i.amount)}
            for i in section
        ]  # fmt: skip

    return {
        "balance_per_bank": to_decimal_string(brs.balance_per_bank),
        "deposits_not_credited": items(brs.deposits_not_credited),
        "cheques_not_presented": items(brs.cheques_not_presented),
        "credited_by_bank_only": items(brs.credited_by_bank_only),
        "debited_by_bank_only": items(brs.debited_by_bank_only),
        "adjusted_bank_balance": to_decimal_string(brs.adjusted_bank_balance),
        "balance_per_books": to_decimal_string(brs.balance_per_books),
        "unexplained_difference": to_decimal_string(brs.unexplained_difference),
        "reconciled": brs.is_reconciled,
    }


def resolve_account(ledger: Ledger, text: str) -> tuple[str, str] | None:
    """(code, name) of the account ``text`` names by code or name, or None."""
    wanted = fold(text)
    if not wanted:
        return None
    accounts = ledger.accounts
    for code, name in zip(accounts["code"], accounts["name"], strict=True):
        if fold(str(code)) == wanted or fold(str(name)) == wanted:
            return str(code), str(name)
    return None


def _account_like(ledger: Ledger, pattern: str, account_type: str) -> str:
    regex = re.compile(pattern, re.IGNORECASE)
    accounts = ledger.accounts
    for code, name, kind in zip(accounts["code"], accounts["name"], accounts["type"], strict=True):
        if kind == account_type and regex.search(str(name)):
            return str(code)
    return ""


_BOOK_SOURCE_COLUMNS = frozenset(
    {"row", "date", "debit", "credit", "narration", "reference", "party", "match_id", "match_rule"}
)


def bank_book_lines(ledger: Ledger, account: str) -> pd.DataFrame:
    """The bank account's journal lines as the books side of a matching (debit positive).

    The frame :func:`~.matching.book_lines_frame` would build, taken column by column from the
    journal rather than through Python lists.
    """
    journal = ledger.journal
    mine = ((journal["account"] == account) & journal["date"].notna()).to_numpy(dtype=bool)
    used = [c for c in journal.columns if c in _BOOK_SOURCE_COLUMNS]  # not the other text columns
    lines = journal[used].take(np.flatnonzero(mine)).reset_index(drop=True)
    blank = pd.Series([""] * len(lines), dtype="str")
    return pd.DataFrame(
        {
            "row": lines["row"].to_numpy(dtype=np.int64),
            "date": lines["date"].to_numpy(dtype="datetime64[ns]"),
            "amount": (lines["debit"] - lines["credit"]).to_numpy(dtype=np.int64),
            "narration": lines["narration"],
            "reference": lines["reference"],
            "party": lines["party"],
            "match_id": lines.get("match_id", blank),
            "match_rule": lines.get("match_rule", blank),
        }
    )


def _period_end(
    ledger: Ledger, bank: pd.DataFrame, book: pd.DataFrame, as_of: dt.date | None
) -> dt.date | None:
    if as_of is not None:
        return as_of
    bounds = ledger.settings.fy_bounds()
    if bounds is not None:
        return bounds[1]
    dates = pd.concat([bank["date"], book["date"]]).dropna()
    return None if dates.empty else pd.Timestamp(dates.max()).date()


def _rows_dated_after(frame: pd.DataFrame, end: np.datetime64) -> dict[int, bool]:
    """Each worksheet row of ``frame``: whether its line is dated after ``end`` (undated: False)."""
    late = frame["date"].to_numpy(dtype="datetime64[ns]") > end
    return dict(zip(frame["row"].tolist(), late.tolist(), strict=True))


def _open_rows(frame: pd.DataFrame, open_rows: set[int], end: np.datetime64) -> tuple[int, ...]:
    """The rows of ``open_rows`` whose lines are dated on or before ``end``, in row order."""
    rows = frame["row"].to_numpy(dtype=np.int64)
    wanted = np.fromiter(open_rows, dtype=np.int64, count=len(open_rows))
    upto = np.isin(rows, wanted) & (frame["date"].to_numpy(dtype="datetime64[ns]") <= end)
    return tuple(np.unique(rows[upto]).tolist())


def outstanding_at(matching: Matching, bank: pd.DataFrame, book: pd.DataFrame, as_of: dt.date) -> Matching:
    """What is outstanding at ``as_of``: lines unmatched, or matched only by lines dated after it.

    A cheque entered on 30 March and presented on 3 April is matched, yet at 31 March it is a cheque
    issued but not presented.
    """
    end = np.datetime64(as_of, "ns")
    bank_late = _rows_dated_after(bank, end)
    book_late = _rows_dated_after(book, end)
    bank_open = set(matching.unmatched_bank)
    book_open = set(matching.unmatched_journal)
    for m in matching.matches:
        bank_side_late = all(bank_late[r] for r in m.bank_rows)
        book_side_late = all(book_late[r] for r in m.journal_rows)
        if bank_side_late and not book_side_late:
            book_open.update(m.journal_rows)
        if book_side_late and not bank_side_late:
            bank_open.update(m.bank_rows)
    return Matching(
        matches=(),
        unmatched_bank=_open_rows(bank, bank_open, end),
        unmatched_journal=_open_rows(book, book_open, end),
    )


def _days_by_row(frame: pd.DataFrame) -> dict[int, dt.date | None]:
    """Each worksheet row of ``frame`` and its line's date (None when undated)."""
    dates = frame["date"].to_numpy(dtype="datetime64[ns]")
    days: list[dt.date | None] = dates.astype("datetime64[D]").tolist()
    return dict(zip(frame["row"].tolist(), days, strict=True))


def _uneven_matches(
    matching: Matching, bank: pd.DataFrame, book: pd.DataFrame
) -> list[tuple[Match, int, int]]:
    """Matches whose two sides differ, with their bank total and journal total (paise, signed)."""
    bank_amount = dict(zip(bank["row"].tolist(), bank["amount"].tolist(), strict=True))
    book_amount = dict(zip(book["row"].tolist(), book["amount"].tolist(), strict=True))
    found = []
    for m in matching.matches:
        bank_total = int(sum(bank_amount[r] for r in m.bank_rows))
        book_total = int(sum(book_amount[r] for r in m.journal_rows))
        if bank_total != book_total:
            found.append((m, bank_total, book_total))
    return found


def match_differences(
    matching: Matching, bank: pd.DataFrame, book: pd.DataFrame, as_of: dt.date
) -> list[tuple[OutstandingItem, str]]:
    """Matches whose two sides differ (a rule's tolerance): the difference as an item, signed the
    bank's way, with the rule that allowed it. Matches dated after ``as_of`` are left out. On a typed
    Match ID (not a tolerance to write off) joining a payment the books show larger than the bank,
    the item names the journal row (``books_row``): it stands with the cheques not yet presented."""
    bank_day = _days_by_row(bank)
    found: list[tuple[OutstandingItem, str]] = []
    for m, bank_total, book_total in _uneven_matches(matching, bank, book):
        difference = bank_total - book_total
        date = bank_day[m.bank_rows[0]]
        if date is not None and date <= as_of:
            text = f"Difference on match {m.match_id} ({m.rule})"
            paid_more = bank_total < 0 and difference > 0
            books_row = m.journal_rows[0] if is_manual(m.rule) and paid_more else None
            item = OutstandingItem(m.bank_rows[0], date, text, m.match_id, difference, books_row)
            found.append((item, m.rule))
    return found


def _total_shown(paise: int) -> tuple[str, str]:
    """A side's total as (English, Hindi), saying whether it is paid out or received."""
    amount = format_inr(abs(paise))
    if paise < 0:
        return f"{amount} paid out", f"{amount} निकासी"
    return f"{amount} received", f"{amount} जमा"


def manual_match_issues(
    matching: Matching, bank: pd.DataFrame, book: pd.DataFrame, bank_table: RawTable | None
) -> list[Issue]:
    """A warning per Match ID the user typed (rule ``manual``) whose two sides differ, at the Match ID
    cell of its first bank line: a typed ID is kept whatever it joins, so a wrong one must be said."""
    if bank_table is None:
        return []
    positions, _ = map_columns(bank_table, BANK_STATEMENT)
    position = positions.get("Match ID")
    issues = []
    for m, bank_total, book_total in _uneven_matches(matching, bank, book):
        if not is_manual(m.rule):
            continue
        index = m.bank_rows[0] - bank_table.header_row - 1
        cell = "" if position is None else bank_table.address(index, position)
        (bank_en, bank_hi), (book_en, book_hi) = _total_shown(bank_total), _total_shown(book_total)
        issues.append(
            make_issue(
                Rule.MANUAL_MATCH_DIFFERS,
                bank_table.sheet,
                cell,
                "Match ID",
                m.match_id,
                match_id=m.match_id,
                bank_total=bank_en,
                bank_total_hi=bank_hi,
                book_total=book_en,
                book_total_hi=book_hi,
                difference=format_inr(abs(bank_total - book_total)),
            )
        )
    return issues


def write_off_entries(
    differences: list[tuple[OutstandingItem, str]], bank_account: str, rules: tuple[MatchRule, ...]
) -> tuple[ProposedEntry, ...]:
    """Journal entries taking each tolerated difference to its rule's write-off account."""
    accounts = {f"rule:{r.name}": r.write_off for r in rules}
    entries = []
    for item, rule in differences:
        if is_manual(rule):  # not a tolerance to write off: a wrong Match ID (manual-match-differs)
            continue
        account = accounts.get(rule, "")
        debit, credit = (bank_account, account) if item.amount > 0 else (account, bank_account)
        entries.append(
            ProposedEntry(item.row, item.date, "write-off", debit, credit, abs(item.amount), item.text)
        )
    return tuple(entries)


def _balance_per_bank(bank: pd.DataFrame, opening: int, end: np.datetime64) -> int:
    """The last filled Balance dated on or before ``end``; else the books' opening plus the lines."""
    upto = bank[bank["date"].notna() & (bank["date"].to_numpy() <= end)]
    with_balance = upto[upto["has_balance"]]
    if not with_balance.empty:
        return int(with_balance["balance"].to_numpy()[-1])
    return opening + int(upto["amount"].sum())


def reconcile(
    ledger: Ledger,
    bank_table: RawTable | None,
    *,
    account: str | None = None,
    as_of: dt.date | None = None,
    id_prefix: str = "B",
    rules: tuple[MatchRule, ...] = (),
    short_lists: bool = False,
) -> Reconciliation:
    """Match the statement to the bank account's journal lines and draw the BRS at the period end;
    with ``short_lists``, what each open bank line could be (:func:`.possible.possible_matches`).

    The cyclic garbage collector is paused throughout (:func:`~addin.engine.gc_pause.no_cyclic_gc`): the BRS's
    thousands of outstanding items hold no cycles, and a collection would walk the caller's
    objects too (the whole Office.js payload on the server).
    """
    with no_cyclic_gc():
        return _reconcile(
            ledger, bank_table, account=account, as_of=as_of, id_prefix=id_prefix, rules=rules,
            short_lists=short_lists,
        )  # fmt: skip


def _reconcile(
    ledger: Ledger,
    bank_table: RawTable | None,
    *,
    account: str | None,
    as_of: dt.date | None,
    id_prefix: str,
    rules: tuple[MatchRule, ...],
    short_lists: bool,
) -> Reconciliation:
    wanted = account if account is not None else ledger.settings.bank_account
    resolved = resolve_account(ledger, wanted)
    if resolved is None:
        issue = make_issue(
            Rule.UNKNOWN_BANK_ACCOUNT,
            SETTINGS.sheet,
            "",
            "Bank Account",
            wanted or "",
            accounts=ledger.accounts_sheet,
        )
        return Reconciliation(wanted or "", "", as_of, Matching((), (), ()), None, (), [issue])
    code, name = resolved
    bank, issues = load_bank_statement(bank_table)
    if has_fatal(issues):
        return Reconciliation(code, name, as_of, Matching((), (), ()), None, (), issues)
    bank = bank[bank["date"].notna()].reset_index(drop=True) if not bank.empty else empty_bank_frame()
    issues += check_running_balance(bank, bank_table)
    issues += check_statement_period(bank, bank_table, ledger.settings.fy_bounds())
    book = bank_book_lines(ledger, code)
    matching = match_lines(
        bank, book, window_days=ledger.settings.date_window_days, id_prefix=id_prefix, rules=rules
    )
    end = _period_end(ledger, bank, book, as_of)
    if end is None:
        return Reconciliation(code, name, None, matching, None, (), issues)
    end64 = np.datetime64(end, "ns")
    opening_rows = ledger.accounts.loc[ledger.accounts["code"] == code, "opening"]
    opening = int(opening_rows.to_numpy()[0]) if len(opening_rows) else 0
    books_upto = book["amount"].to_numpy()[book["date"].to_numpy() <= end64]
    issues += manual_match_issues(matching, bank, book, bank_table)
    differences = match_differences(matching, bank, book, end)
    statement = reconciliation_statement(
        bank,
        book,
        outstanding_at(matching, bank, book, end),
        balance_per_bank=_balance_per_bank(bank, opening, end64),
        balance_per_books=opening + int(books_upto.sum()),
        as_of=end,
        differences=tuple(d for d, _ in differences),
    )
    if not statement.is_reconciled:
        issues.append(
            make_issue(
                Rule.UNEXPLAINED_DIFFERENCE,
                RECONCILIATION_SHEET,
                "",
                "",
                bracketed(statement.unexplained_difference),
                as_of=end.strftime("%d/%m/%Y"),
            )
        )
    proposals = proposed_entries(
        statement,
        bank_account=code,
        charges_account=_account_like(ledger, r"bank\s*charge", "Expense"),
        interest_account=_account_like(ledger, r"interest", "Income"),
    ) + write_off_entries(differences, code, rules)
    window = ledger.settings.date_window_days
    possible = possible_matches(bank, book, matching, window_days=window) if short_lists else {}
    return Reconciliation(code, name, end, matching, statement, proposals, issues, possible)
