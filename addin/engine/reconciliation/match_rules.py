"""The user's own matching rules: the MatchRules table, read in order before the built-in passes.

A rule says which bank lines it is for (narration contains a text, or matches a regular expression),
optionally which book lines (their party, or a text in their narration), how far amounts may differ
(the difference goes to a write-off account, proposed, never posted) and how many days apart the
dates may be. Rules are tried in table order; a line matched by one is not offered to the next.

>>> rule = MatchRule(name="PayU", contains="PAYU", party="PayU", tolerance=5000, write_off="5340")
>>> rule.wants_bank_line("NEFT-PAYU SETTLEMENT 1234"), rule.wants_bank_line("UPI/RAVI")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from addin.engine.cells import CellValueError, fold, parse_text, read_amount
from addin.engine.issues import Issue
from addin.engine.load import map_columns
from addin.engine.messages import make_issue
from addin.engine.rules import Rule
from addin.engine.schema import MATCH_RULES
from addin.engine.tables import RawTable


@dataclass(frozen=True, slots=True)
class MatchRule:
    """One row of the MatchRules table."""

    name: str
    contains: str = ""
    regex: str = ""
    party: str = ""
    tolerance: int = 0  # paise either way
    write_off: str = ""  # account code for the difference
    window_days: int | None = None  # None: the Settings' window

    def wants_bank_line(self, description: str) -> bool:
        text = description.upper()
        if self.contains and self.contains.upper() not in text:
            return False
        return not self.regex or re.search(self.regex, description, re.IGNORECASE) is not None

    def wants_book_line(self, narration: str, party: str) -> bool:
        if not self.party:
            return True
        wanted = self.party.upper()
        return wanted in party.upper() or wanted in narration.upper()


def _rule_issue(
    table: RawTable, positions: dict[str, int], index: int, column: str, value: str, *, variant: str = "",
    **fields: object,
) -> Issue:
    """An ``invalid-match-rule`` issue at the cell of ``column`` (English name) in data row ``index``."""
    position = positions[column]
    return make_issue(
        Rule.INVALID_MATCH_RULE, table.sheet, table.address(index, position), column, value, variant=variant,
        **fields,
    )


_INACTIVE = frozenset({"no", "n", "false", "0", "नहीं"})


def load_match_rules(table: RawTable | None) -> tuple[tuple[MatchRule, ...], list[Issue]]:
    """The active rules in table order, and what is wrong with the others (a missing table: none).

    Each issue names the cell it is about, wherever the column stands in the table:

    >>> table = RawTable.from_rows("MatchRules", "Match Rules", [
    ...     ["Notes", "Rule", "Narration Contains", "Date Window (days)"], ["", "PayU", "PAYU", "a week"]])
    >>> rules, issues = load_match_rules(table)
    >>> rules, [(i.cell, i.column, i.message_en) for i in issues][-1]
    ((), ('D2', 'Date Window (days)', "Rule 'PayU': the date window 'a week' is not a whole number of days \
(such as 7)."))
    """
    if table is None or table.row_count == 0:
        return (), []
    positions, issues = map_columns(table, MATCH_RULES)
    if "Rule" not in positions or "Narration Contains" not in positions:
        return (), issues

    def text(column: str) -> list[str]:
        p = positions.get(column)
        return [""] * table.row_count if p is None else parse_text(table.columns[p]).tolist()

    def cell(column: str, index: int) -> object:
        return table.columns[positions[column]].iloc[index]

    names, contains, regexes, parties = (
        text("Rule"),
        text("Narration Contains"),
        text("Narration Regex"),
        text("Party"),
    )
    write_offs, actives, windows = text("Write-off Account"), text("Active"), text("Date Window (days)")
    tolerances = text("Amount Tolerance")
    def refuse(i: int, column: str, value: str, variant: str, **fields: object) -> None:
        issue = _rule_issue(table, positions, i, column, value, variant=variant, name=names[i], **fields)
        issues.append(issue)

    rules: list[MatchRule] = []
    for i in range(table.row_count):
        if not (names[i] or contains[i] or regexes[i]) or fold(actives[i]) in _INACTIVE:
            continue
        if regexes[i]:
            try:
                re.compile(regexes[i])
            except re.error as exc:
                refuse(i, "Narration Regex", regexes[i], "", error=exc)
                continue
        if not (contains[i] or regexes[i]):
            refuse(i, "Narration Contains", "", "no-text")
            continue
        tolerance = 0
        if tolerances[i]:
            try:
                tolerance = abs(read_amount(cell("Amount Tolerance", i)).paise)
            except CellValueError as exc:
                refuse(i, "Amount Tolerance", tolerances[i], "tolerance", reason=exc.reason)
                continue
        window = _days(cell("Date Window (days)", i)) if windows[i] else None
        if windows[i] and window is None:
            refuse(i, "Date Window (days)", windows[i], "window")
            continue
        rules.append(MatchRule(
            name=names[i] or f"row {table.worksheet_row(i)}", contains=contains[i], regex=regexes[i],
            party=parties[i], tolerance=tolerance, write_off=write_offs[i], window_days=window,
        ))  # fmt: skip
    return tuple(rules), issues


def _days(value: object) -> int | None:
    """A whole number of days (its size: -3 is 3), read with the amount grammar; None when it is none."""
    try:
        paise = read_amount(value, exact=True).paise
    except CellValueError:
        return None
    return None if paise % 100 else abs(paise) // 100


def rule_candidates(
    rule: MatchRule,
    bank_descriptions: Sequence[str],
    book_narrations: Sequence[str],
    book_parties: Sequence[str],
) -> tuple[np.ndarray, np.ndarray]:
    """Which bank and book positions the rule is for (boolean masks)."""
    bank = np.fromiter(
        (rule.wants_bank_line(d) for d in bank_descriptions), dtype=bool, count=len(bank_descriptions)
    )
    book = np.fromiter(
        (rule.wants_book_line(n, p) for n, p in zip(book_narrations, book_parties, strict=True)),
        dtype=bool,
        count=len(book_narrations),
    )
    return bank, book
