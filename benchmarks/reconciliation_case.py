"""A labelled reconciliation case: a bank statement, the bank account's book lines, the true links.

Both generators (:mod:`benchmarks.reconciliation_cases`, :mod:`benchmarks.reconciliation_narrated`)
build their lines as plain tuples and turn them into the frames :func:`match_lines` reads here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from addin.engine.reconciliation.matching import bank_lines_frame, book_lines_frame

BankLine = tuple[int, dt.date, int, str]  # row, date, amount (deposit positive, paise), description
BookLine = tuple[int, dt.date, int, str, str, str]  # row, date, amount, narration, reference, party


@dataclass
class Case:
    bank: pd.DataFrame
    book: pd.DataFrame
    links: set[tuple[int, int]]  # (bank row, book row)
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)  # a link's kind of transaction


def case_from_lines(
    bank: Sequence[BankLine],
    book: Sequence[BookLine],
    links: set[tuple[int, int]],
    kinds: dict[tuple[int, int], str] | None = None,
) -> Case:
    """The frames of the lines (worksheet rows as given), with their links."""
    bank_df = bank_lines_frame(
        rows=[r[0] for r in bank],
        dates=[r[1] for r in bank],
        amounts=[r[2] for r in bank],
        descriptions=[r[3] for r in bank],
    )
    book_df = book_lines_frame(
        rows=[r[0] for r in book],
        dates=[r[1] for r in book],
        amounts=[r[2] for r in book],
        narrations=[r[3] for r in book],
        references=[r[4] for r in book],
        parties=[r[5] for r in book],
    )
    return Case(bank_df, book_df, links, kinds or {})
