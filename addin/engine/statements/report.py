"""The value a financial statement is: columns, rows ready to print, and the issues found.

Every row carries what a sheet writer prints — its label in English and Hindi, its indent
``level``, its Schedule III ``number`` and one amount per column — so that writing a statement
needs no arithmetic. Amounts are int paise with the sign accountants print (``natural sign``):

- Balance Sheet: each side positive — assets as debit balances, equity and liabilities as credit
  balances; a balance on the unusual side (a creditor in debit, accumulated depreciation) is
  negative.
- Statement of Profit and Loss: income and expenses both positive; a profit positive, a loss
  negative.
- Cash flow: money coming in positive, going out negative.

A negative amount is printed in brackets, lakh-grouped, "(1,23,456.00)", never with a bare minus
(:func:`addin.engine.money.bracketed` gives the text; the number format of the owned sheets is the
sheet writer's).

Row kinds: ``heading`` (no amounts), ``line`` (a Schedule III line item), ``sub_line`` (the
note's wording under a line, from the ReportLines table), ``account`` (one account, when asked
for), ``total`` (a total or a profit line the statement prints).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from addin.engine.issues import Issue
from addin.engine.money import to_decimal_string

Record = dict[str, object]


class RowKind(StrEnum):
    HEADING = "heading"
    LINE = "line"
    SUB_LINE = "sub_line"
    ACCOUNT = "account"
    TOTAL = "total"


class Detail(StrEnum):
    """How much a statement shows under each line item."""

    LINES = "lines"  # the face of the statement only
    SUB_LINES = "sub_lines"  # and the sub-lines the mapping names (the notes' wording)
    ACCOUNTS = "accounts"  # and every account with an amount


@dataclass(frozen=True, slots=True)
class StatementColumn:
    """One column: a period (``start`` to ``end``) or, on the Balance Sheet, the day ``end`` alone."""

    label: str
    label_hi: str
    end: dt.date
    start: dt.date | None = None

    def as_record(self) -> Record:
        return {
            "label": self.label,
            "label_hi": self.label_hi,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class StatementRow:
    """A printed row. ``amounts`` is None on a heading, else one int (paise) per column."""

    key: str
    label: str
    label_hi: str
    kind: RowKind
    level: int
    number: str = ""
    amounts: tuple[int, ...] | None = None
    accounts: tuple[str, ...] = ()

    def as_record(self) -> Record:
        """The JSON shape: amounts as decimal strings ("-1234.50"), accounts joined by commas."""
        return {
            "key": self.key,
            "label": self.label,
            "label_hi": self.label_hi,
            "kind": self.kind.value,
            "level": self.level,
            "number": self.number,
            "amounts": None if self.amounts is None else [to_decimal_string(a) for a in self.amounts],
            "accounts": ",".join(self.accounts),
        }


@dataclass(frozen=True)
class FinancialStatement:
    """A statement in the rows and columns it is printed in, and what was found while making it."""

    kind: str  # "balance_sheet", "profit_and_loss", "cash_flow"
    title: str
    title_hi: str
    company: str
    columns: tuple[StatementColumn, ...]
    rows: tuple[StatementRow, ...]
    issues: tuple[Issue, ...] = field(default=())

    def row(self, key: str) -> StatementRow | None:
        """The row with ``key`` ("bs.trade_receivables", "pl.profit_for_the_period"), or None."""
        for row in self.rows:
            if row.key == key:
                return row
        return None

    def amount(self, key: str, column: int = 0) -> int:
        """The amount of row ``key`` in ``column``; 0 for a row not shown (all its amounts nil)."""
        row = self.row(key)
        if row is None or row.amounts is None:
            return 0
        return row.amounts[column]

    def as_records(self) -> list[Record]:
        """The rows as JSON records, in print order."""
        return [row.as_record() for row in self.rows]

    def as_dict(self) -> Record:
        """Title, company, columns, rows and issues: the JSON of a statement."""
        return {
            "kind": self.kind,
            "title": self.title,
            "title_hi": self.title_hi,
            "company": self.company,
            "columns": [c.as_record() for c in self.columns],
            "rows": self.as_records(),
            "issues": [i.as_dict() for i in self.issues],
        }


def split_label(text: str) -> tuple[str, str]:
    """A user's "English / हिन्दी" text as its two halves; one language serves for both.

    >>> split_label("Cash on hand / हाथ में नकद"), split_label("Balances with banks")
    (('Cash on hand', 'हाथ में नकद'), ('Balances with banks', 'Balances with banks'))
    """
    english, slash, hindi = text.partition(" / ")
    return (english.strip(), hindi.strip()) if slash and hindi.strip() else (text.strip(), text.strip())
