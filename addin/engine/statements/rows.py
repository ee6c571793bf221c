"""Turning per-account amounts into a statement's printed rows: a line, its sub-lines, its accounts.

Amounts arrive as a matrix (accounts in tree order × columns, debit positive) and leave in the
line's natural sign: a credit-natured line (income, liabilities, equity) prints a credit balance
as positive. One rule, one place, for all three statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from addin.engine.statements.balances import Matrix
from addin.engine.statements.mapping import AccountMap
from addin.engine.statements.report import Detail, RowKind, StatementRow, split_label
from addin.engine.statements.schedule3 import HEADINGS, LineItem, Nature

OTHERS = ("Others", "अन्य")
Vector = npt.NDArray[np.int64]


def signed(nature: Nature, amounts: Matrix) -> Matrix:
    """Debit-positive amounts in the natural sign of a line of ``nature``."""
    return amounts if nature is Nature.DEBIT else -amounts


def as_tuple(values: Vector) -> tuple[int, ...]:
    return tuple(int(v) for v in values)


@dataclass(frozen=True, slots=True)
class Extra:
    """A sub-line a statement adds under a line itself (the profit carried into reserves)."""

    key: str
    en: str
    hi: str
    amounts: Vector  # natural sign


@dataclass
class RowWriter:
    """Collects rows; hides lines (and headings left empty) whose amounts are all nil."""

    account_map: AccountMap
    detail: Detail
    hide_zero: bool
    width: int  # columns
    rows: list[StatementRow]

    @classmethod
    def start(cls, account_map: AccountMap, detail: Detail, hide_zero: bool, width: int) -> RowWriter:
        return cls(account_map, detail, hide_zero, width, [])

    def zero(self) -> Vector:
        return np.zeros(self.width, dtype=np.int64)

    def heading(self, key: str, level: int, *, prefix: str) -> None:
        h = HEADINGS[key]
        self.rows.append(StatementRow(f"{prefix}.{h.key}", h.en, h.hi, RowKind.HEADING, level, h.number))

    def label_heading(self, key: str, en: str, hi: str, level: int, number: str = "") -> None:
        self.rows.append(StatementRow(key, en, hi, RowKind.HEADING, level, number))

    def total(self, key: str, en: str, hi: str, level: int, amounts: Vector, *, number: str = "") -> Vector:
        self.rows.append(StatementRow(key, en, hi, RowKind.TOTAL, level, number, as_tuple(amounts)))
        return amounts

    def amount_row(
        self, key: str, en: str, hi: str, level: int, amounts: Vector, *, accounts: Sequence[int] = (),
        force: bool = False, number: str = "", kind: RowKind = RowKind.LINE,
    ) -> Vector:  # fmt: skip
        """A row of its own (cash-flow lines): hidden when nil unless ``force``."""
        if force or not self.hide_zero or amounts.any():
            codes = self._codes(accounts)
            self.rows.append(StatementRow(key, en, hi, kind, level, number, as_tuple(amounts), codes))
        return amounts

    def _codes(self, accounts: Sequence[int]) -> tuple[str, ...]:
        codes = self.account_map.posted.tree.codes
        return tuple(codes[i] for i in accounts)

    def line(
        self, item: LineItem, amounts: Matrix, level: int, *, prefix: str, include: npt.NDArray[np.bool_],
        extras: Sequence[Extra] = (), force: bool = False,
    ) -> Vector:  # fmt: skip
        """The line ``item``: its total over the accounts mapped to it (and ``include``d), then its
        sub-lines and accounts as ``detail`` asks. Returns the line's amounts (natural sign)."""
        mapped = [
            i for i, a in enumerate(self.account_map.accounts) if a.line.key == item.key and include[i]
        ]
        natural = signed(item.nature, amounts[mapped]) if mapped else np.zeros((0, self.width), np.int64)
        total: Vector = natural.sum(axis=0)
        for extra in extras:
            total = total + extra.amounts
        moving = [i for i, row in zip(mapped, natural, strict=True) if row.any()]
        if not (force or not self.hide_zero or total.any() or moving):
            return total
        key = f"{prefix}.{item.key}"
        self.rows.append(
            StatementRow(key, item.en, item.hi, RowKind.LINE, level, item.number, as_tuple(total),
                         self._codes(moving))
        )  # fmt: skip
        if self.detail is not Detail.LINES:
            self._sub_lines(key, level + 1, mapped, natural, extras)
        return total

    def _sub_lines(
        self, key: str, level: int, mapped: list[int], natural: Matrix, extras: Sequence[Extra]
    ) -> None:
        accounts = self.account_map.accounts
        groups: dict[str, list[int]] = {}
        for position, i in enumerate(mapped):
            groups.setdefault(accounts[i].sub_line, []).append(position)
        named = any(groups) or extras
        if named:
            for number, (text, positions) in enumerate(groups.items(), start=1):
                en, hi = split_label(text) if text else OTHERS
                amounts = natural[positions].sum(axis=0)
                if self.hide_zero and not amounts.any():
                    continue
                moving = [mapped[p] for p in positions if natural[p].any()]
                self.rows.append(StatementRow(f"{key}.{number}", en, hi, RowKind.SUB_LINE, level, "",
                                              as_tuple(amounts), self._codes(moving)))  # fmt: skip
                self._accounts(level + 1, [mapped[p] for p in positions], natural[positions])
            for extra in extras:
                if self.hide_zero and not extra.amounts.any():
                    continue
                self.rows.append(StatementRow(extra.key, extra.en, extra.hi, RowKind.SUB_LINE, level, "",
                                              as_tuple(extra.amounts)))  # fmt: skip
        else:
            self._accounts(level, mapped, natural)

    def _accounts(self, level: int, mapped: list[int], natural: Matrix) -> None:
        if self.detail is not Detail.ACCOUNTS:
            return
        tree = self.account_map.posted.tree
        for i, amounts in zip(mapped, natural, strict=True):
            if amounts.any():
                code = tree.codes[i]
                name = f"{code} {tree.name.get(code, '')}".strip()
                self.rows.append(StatementRow(f"account.{code}", name, name, RowKind.ACCOUNT, level, "",
                                              as_tuple(amounts), (code,)))  # fmt: skip

    def prune_headings(self) -> list[StatementRow]:
        """The rows, less headings with no row under them (all their lines were nil and hidden)."""
        kept: list[StatementRow] = []
        for index, row in enumerate(self.rows):
            if row.kind is RowKind.HEADING:
                following = self.rows[index + 1] if index + 1 < len(self.rows) else None
                if following is None or following.level <= row.level:
                    continue
            kept.append(row)
        if len(kept) != len(self.rows):  # a heading may have held only emptied headings
            self.rows = kept
            return self.prune_headings()
        return kept
