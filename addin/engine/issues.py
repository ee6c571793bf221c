"""Issues: what a check found, as a value (a row of the Issues sheet).

Modelled on pandera's failure-case table (context, column, check, value, row) and beancount's
errors-as-values: every loader and check returns a list of :class:`Issue`, all collected before
anything is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad an issue is.

    ``fatal``: the book cannot be read as a ledger (a table or column is missing); nothing else runs.
    ``error``: the books are wrong and must be fixed (``bahi validate`` exits 1).
    ``warning``: worth a look; does not fail validation.
    """

    FATAL = "fatal"
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding, bilingual, pointing at one cell.

    ``cell`` is an A1 address on ``sheet`` ("C12"), or "" when the finding is about a whole table.
    ``column`` is the English column heading, ``value`` the offending cell's text as the user sees it.
    """

    rule: str
    severity: Severity
    sheet: str
    cell: str
    column: str
    value: str
    message_en: str
    message_hi: str
    fix_en: str = ""
    fix_hi: str = ""

    def as_dict(self) -> dict[str, str]:
        """The JSON shape of ``bahi validate --format json``."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "column": self.column,
            "value": self.value,
            "message_en": self.message_en,
            "message_hi": self.message_hi,
            "fix_en": self.fix_en,
            "fix_hi": self.fix_hi,
        }


def has_errors(issues: list[Issue]) -> bool:
    """True when any issue is an error or fatal (validation fails)."""
    return any(i.severity is not Severity.WARNING for i in issues)


def has_fatal(issues: list[Issue]) -> bool:
    """True when the book cannot be read as a ledger."""
    return any(i.severity is Severity.FATAL for i in issues)
