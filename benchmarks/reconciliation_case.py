"""A labelled reconciliation case: a bank statement, the bank account's book lines, the true links.

The generators (:mod:`benchmarks.reconciliation_cases`, :mod:`benchmarks.reconciliation_narrated`,
:mod:`benchmarks.reconciliation_sme`) build their lines as plain tuples and turn them into the
frames :func:`match_lines` reads here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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
    bank_references: Sequence[str] | None = None,
) -> Case:
    """The frames of the lines (worksheet rows as given), with their links; ``bank_references``: the
    statement's Chq./Ref. No. column, line by line, when the generator fills it."""
    bank_df = bank_lines_frame(
        rows=[r[0] for r in bank],
        dates=[r[1] for r in bank],
        amounts=[r[2] for r in bank],
        descriptions=[r[3] for r in bank],
        references=bank_references,
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


Drawn = tuple[Any, ...]  # (date, sort key, amount, text[, reference[, …]]) as a generator drew it


def case_in_date_order(
    bank: Sequence[Drawn], book: Sequence[Drawn], links: Sequence[tuple[int, int, str]]
) -> Case:
    """The case of lines drawn in any order — bank (date, key, amount, description[, reference]),
    book (date, key, amount, narration, reference) — each side put in order of its key (a date and
    a time of day) and numbered from worksheet row 2; ``links``: (bank, book, kind) by drawn index."""
    book_order = sorted(range(len(book)), key=lambda i: book[i][1])
    bank_order = sorted(range(len(bank)), key=lambda i: bank[i][1])
    book_row = {i: r + 2 for r, i in enumerate(book_order)}
    bank_row = {i: r + 2 for r, i in enumerate(bank_order)}
    book_lines = [(book_row[i], book[i][0], *book[i][2:5], "") for i in book_order]
    bank_lines = [(bank_row[i], bank[i][0], *bank[i][2:4]) for i in bank_order]
    references = [str(bank[i][4]) for i in bank_order] if bank and len(bank[0]) > 4 else None
    kinds = {(bank_row[b], book_row[j]): kind for b, j, kind in links}
    return case_from_lines(bank_lines, book_lines, set(kinds), kinds, references)
