"""The rule catalogue: every issue comes from it, and it is complete (a code, a severity, a message)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from addin.engine.cells import Reason
from addin.engine.issues import Issue, Severity
from addin.engine.messages import MESSAGES, make_issue, make_issues
from addin.engine.rules import SEVERITY, Rule, severity_of
from addin.engine.tables import RawTable

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_has_a_message() -> None:
    described = {str(key).split(":")[0] for key in MESSAGES}
    assert {rule.value for rule in Rule} <= described


def test_every_message_and_severity_belongs_to_a_rule() -> None:
    codes = {rule.value for rule in Rule}
    assert {str(key).split(":")[0] for key in MESSAGES} <= codes
    assert set(SEVERITY) <= set(Rule)


@pytest.mark.parametrize("key", sorted(str(k) for k in MESSAGES))
def test_every_message_has_four_texts_and_hindi_in_its_hindi(key: str) -> None:
    message = MESSAGES[key]
    assert all((message.en, message.hi, message.fix_en, message.fix_hi))
    assert any("\u0900" <= c <= "\u097f" for c in message.hi + message.fix_hi)


@pytest.mark.parametrize("key", sorted(str(k) for k in MESSAGES))
def test_the_english_and_hindi_templates_ask_for_the_same_fields(key: str) -> None:
    message = MESSAGES[key]

    def fields(*templates: str) -> set[str]:
        names = {name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name}
        return {n.removesuffix("_hi") for n in names}

    assert fields(message.en, message.fix_en) == fields(message.hi, message.fix_hi)


@pytest.mark.parametrize("key", sorted(str(k) for k in MESSAGES))
def test_the_hindi_message_and_fix_each_carry_the_placeholders_of_their_english(key: str) -> None:
    """The message and the fix, each on its own: what the English names (the cell's value, a number,
    a voucher), the Hindi names too — ``{x_hi}`` standing for ``{x}`` where the field has a Hindi form."""
    message = MESSAGES[key]
    for english, hindi in ((message.en, message.hi), (message.fix_en, message.fix_hi)):
        assert _fields(english) == _fields(hindi), (english, hindi)


ENGLISH_WORDS = ("kind", "side", "what", "type", "statement")
"""Fields whose value is English words with a Hindi name ("Invoice" / "बीजक", "debit" / "नामे")."""


@pytest.mark.parametrize("key", sorted(str(k) for k in MESSAGES))
def test_a_field_in_english_words_reaches_the_hindi_in_hindi(key: str) -> None:
    """No "Invoice संख्या …": the Hindi takes such a field's Hindi form, ``{kind_hi}``."""
    message = MESSAGES[key]
    hindi = _fields(message.hi, message.fix_hi, keep_hi=True)
    assert not hindi & set(ENGLISH_WORDS), (key, message.hi, message.fix_hi)


def _fields(*templates: str, keep_hi: bool = False) -> set[str]:
    names = {name for t in templates for _, name, _, _ in string.Formatter().parse(t) if name}
    return names if keep_hi else {n.removesuffix("_hi") for n in names}


def test_issues_are_built_only_from_the_catalogue() -> None:
    """No module but addin/engine/messages.py calls Issue(...) (docstrings aside): an issue is built from
    the catalogue, or read back from an Issues sheet through the catalogue (messages.listed_issue)."""

    def called(node: ast.AST) -> str:
        return getattr(node, "id", getattr(node, "attr", ""))

    builders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in [*ROOT.joinpath("addin").rglob("*.py"), *ROOT.joinpath("udfs").rglob("*.py")]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and called(node.func) == "Issue"
    ]
    assert len(builders) == 1
    assert builders[0].startswith("addin/engine/messages.py:")


def test_an_issue_takes_its_severity_from_the_rule() -> None:
    assert make_issue(Rule.BLANK_ROW, "Journal", "A5", "", "", first=5, last=5, table="Journal").severity is (
        Severity.WARNING
    )
    assert severity_of(Rule.UNKNOWN_STATEMENT_LAYOUT) is Severity.FATAL
    assert severity_of(Rule.UNREADABLE_STATEMENT_LINE) is Severity.ERROR
    assert severity_of(Rule.STATEMENT_LINE_WITHOUT_AMOUNT) is Severity.WARNING


def test_a_reason_field_fills_both_languages() -> None:
    issue = make_issue(
        Rule.UNREADABLE_DATE, "Journal", "A2", "Date", "31/04/2025",
        reason=Reason("April has 30 days", "अप्रैल में 30 दिन होते हैं"),
    )  # fmt: skip
    assert issue.message_en == "Cannot read '31/04/2025' as a date: April has 30 days."
    assert issue.message_hi == "'31/04/2025' को तिथि के रूप में नहीं पढ़ा जा सका: अप्रैल में 30 दिन होते हैं।"


def test_many_issues_at_once_are_the_issues_one_at_a_time() -> None:
    cells, values = ["C2", "C3"], ["Csh", "Bnak"]
    many = make_issues(Rule.UNKNOWN_ACCOUNT, "Journal", "Account", cells, values)
    pairs = zip(cells, values, strict=True)
    one = [make_issue(Rule.UNKNOWN_ACCOUNT, "Journal", c, "Account", v) for c, v in pairs]
    assert many == one
    assert all(isinstance(i, Issue) for i in many)


def test_an_unknown_variant_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        make_issue(Rule.NO_AMOUNT, "Journal", "D7", "Debit", "", variant="nonsense")


class TestMatchRules:
    """MatchRules issues name the cell and column of the table as it is, not as the template lays it out."""

    @staticmethod
    def rules(headings: list[str], *rows: list[object]) -> RawTable:
        return RawTable.from_rows("MatchRules", "Match Rules", [headings, *rows])

    def test_an_extra_leading_column_moves_every_cell_named(self) -> None:
        from addin.engine.reconciliation.match_rules import load_match_rules  # noqa: PLC0415

        table = self.rules(
            ["Notes", "Rule", "Narration Contains", "Narration Regex", "Amount Tolerance",
             "Date Window (days)"],
            ["", "Bad regex", "X", "(", None, None],
            ["", "No text", "", "", None, None],
            ["", "Bad window", "PAYU", "", None, "a week"],
            ["", "Bad tolerance", "PAYU", "", "1,2,3", None],
        )
        _, issues = load_match_rules(table)
        found = [(i.cell, i.column, i.rule) for i in issues if i.rule == Rule.INVALID_MATCH_RULE]
        assert found == [
            ("D2", "Narration Regex", "invalid-match-rule"),
            ("C3", "Narration Contains", "invalid-match-rule"),
            ("F4", "Date Window (days)", "invalid-match-rule"),
            ("E5", "Amount Tolerance", "invalid-match-rule"),
        ]
        assert "'1,2,3' is not a grouping of digits" in issues[-1].message_en
        assert "अंकों का सही समूह नहीं" in issues[-1].message_hi

    def test_without_an_extra_column_the_cells_are_the_templates(self) -> None:
        from addin.engine.reconciliation.match_rules import load_match_rules  # noqa: PLC0415

        table = self.rules(["Rule", "Narration Contains", "Narration Regex"], ["Bad regex", "X", "("])
        _, issues = load_match_rules(table)
        assert [(i.cell, i.column) for i in issues] == [("C2", "Narration Regex")]
