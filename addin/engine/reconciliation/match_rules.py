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

from addin.engine.cells import parse_amounts, parse_text
from addin.engine.issues import Issue, Severity
from addin.engine.load import map_columns
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


def _rule_issue(table: RawTable, index: int, position: int, *, value: str, en: str, hi: str) -> Issue:
    return Issue(
        rule=Rule.INVALID_MATCH_RULE.value,
        severity=Severity.ERROR,
        sheet=table.sheet,
        cell=table.address(index, position),
        column=MATCH_RULES.columns[position].en if position < len(MATCH_RULES.columns) else "",
        value=value,
        message_en=en,
        message_hi=hi,
        fix_en="Correct the rule or set Active to No; the rule is skipped until then.",
        fix_hi="नियम ठीक करें या Active को No करें; तब तक यह नियम छोड़ा जाता है।",
    )


def load_match_rules(table: RawTable | None) -> tuple[tuple[MatchRule, ...], list[Issue]]:
    """The active rules in table order, and what is wrong with the others (a missing table: none)."""
    if table is None or table.row_count == 0:
        return (), []
    positions, issues = map_columns(table, MATCH_RULES)
    if "Rule" not in positions or "Narration Contains" not in positions:
        return (), issues

    def text(column: str) -> list[str]:
        p = positions.get(column)
        return [""] * table.row_count if p is None else [str(v).strip() for v in parse_text(table.columns[p])]

    names, contains, regexes, parties = (
        text("Rule"),
        text("Narration Contains"),
        text("Narration Regex"),
        text("Party"),
    )
    write_offs, actives = text("Write-off Account"), text("Active")
    p_tol = positions.get("Amount Tolerance")
    tolerance = np.zeros(table.row_count, dtype=np.int64)
    if p_tol is not None:
        tolerance = np.abs(parse_amounts(table.columns[p_tol]).paise)
    p_win = positions.get("Date Window (days)")
    windows = text("Date Window (days)")
    rules: list[MatchRule] = []
    for i in range(table.row_count):
        if not (names[i] or contains[i] or regexes[i]) or actives[i].casefold() in {
            "no",
            "n",
            "false",
            "0",
            "नहीं",
        }:
            continue
        if regexes[i]:
            try:
                re.compile(regexes[i])
            except re.error as exc:
                issues.append(_rule_issue(
                    table, i, positions["Narration Regex"], value=regexes[i],
                    en=f"Rule '{names[i]}': the pattern is not a valid regular expression ({exc}).",
                    hi=f"नियम '{names[i]}': पैटर्न सही रेगुलर एक्सप्रेशन नहीं है ({exc})।",
                ))  # fmt: skip
                continue
        if not (contains[i] or regexes[i]):
            issues.append(_rule_issue(
                table, i, positions["Narration Contains"], value="",
                en=f"Rule '{names[i]}' names no narration text: it would match every bank line.",
                hi=f"नियम '{names[i]}' में कोई विवरण पाठ नहीं: यह हर बैंक पंक्ति से मिल जाएगा।",
            ))  # fmt: skip
            continue
        window: int | None = None
        if windows[i]:
            try:
                window = abs(int(float(windows[i])))
            except ValueError:
                issues.append(_rule_issue(
                    table, i, p_win or 0, value=windows[i],
                    en=f"Rule '{names[i]}': the date window '{windows[i]}' is not a number of days.",
                    hi=f"नियम '{names[i]}': तिथि सीमा '{windows[i]}' दिनों की संख्या नहीं है।",
                ))  # fmt: skip
                continue
        rules.append(MatchRule(
            name=names[i] or f"row {table.worksheet_row(i)}", contains=contains[i], regex=regexes[i],
            party=parties[i], tolerance=int(tolerance[i]), write_off=write_offs[i], window_days=window,
        ))  # fmt: skip
    return tuple(rules), issues


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
