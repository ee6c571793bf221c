"""The trial balance: every account's opening, period debit and credit, and closing balance.

Amounts are int paise; ``opening`` and ``closing`` are signed (debit positive, credit negative), and
each row also gives them as accountants read them, in a Dr and a Cr column (``opening_dr``,
``opening_cr``, ``closing_dr``, ``closing_cr``: non-negative, one of each pair zero).
A line counts in the period when ``period_start <= date <= as_of``; lines dated before
``period_start`` move the opening; lines after ``as_of`` are left out.

Journal lines that cannot be posted — an unknown account ("") or an unreadable date (NaT) — are not
dropped: they make up the **suspense** row ("Suspense (unposted lines)"), so that the columns'
totals tie to the Journal's totals. Validation reports each such line; once they are corrected the
suspense row goes away.

Figures roll up the account hierarchy: a group row (an account with sub-accounts) shows its own
lines plus all its descendants'. What was posted to a group itself (or its own opening balance)
also stands on a row of its own under the group, "1130 Sundry Debtors (posted to the group)",
so that every group row foots to the rows one level under it. ``totals`` add each account's *own*
figures once — that is, the posting (leaf) accounts' figures when, as usual, groups carry no lines
of their own — so for a balanced journal whose opening balances net to zero, total debit == total
credit and total closing == 0 exactly.

The work is vectorised: one hash of the account column and integer ``numpy.add.at`` sums, so a
full sheet (1,048,575 lines) takes a few hundredths of a second; only the (small) chart of
accounts is walked in Python.

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> tb = trial_balance(_example_ledger())
>>> for r in tb.rows:
...     print(r.account, r.level, r.is_group, r.closing)
1000 0 True 1150000
1110 1 False 1150000
3000 0 False -1000000
4000 0 False -150000
>>> tb.totals.debit == tb.totals.credit, tb.totals.closing, tb.balanced
(True, 0, True)
>>> tb.as_records()[1]["closing"], tb.as_records()[3]["closing_cr"]
('11500.00', '1500.00')
>>> tb.suspense is None
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.ledger import Ledger, Settings
from addin.engine.money import dr_cr, to_decimal_string
from addin.engine.reports.hierarchy import AccountTree, account_tree
from addin.engine.reports.lines import Mask, Paise, day, line_dates, paise, unposted_lines

Record = dict[str, str | int | bool]

SUSPENSE = "Suspense (unposted lines)"
"""The name of the row holding the journal lines that cannot be posted to an account."""
SUSPENSE_LABEL = f"{SUSPENSE} / उचंत (अदर्ज पंक्तियाँ)"
"""How the trial balance's sheet and formula name that row."""
DIFFERENCE = "Difference in books: vouchers that do not balance (see Issues)"
DIFFERENCE_HI = "बही में अंतर: असंतुलित वाउचर (Issues देखें)"
WITHOUT_VOUCHER = ("lines without a voucher", "बिना वाउचर संख्या की पंक्तियाँ")
"""How the difference row names journal lines with a blank Voucher that do not net to zero."""
OPENINGS_DIFFER = (
    "opening balances in the Accounts table that do not net to zero",
    "Accounts तालिका के प्रारंभिक शेष जिनका योग शून्य नहीं है",
)
DIFFERENCE_OPENINGS = (
    "Difference in books: the opening balances in the Accounts table do not net to zero",
    "बही में अंतर: Accounts तालिका के प्रारंभिक शेषों का योग शून्य नहीं है",
)
"""The difference row's name when no voucher makes it up: the Accounts table's openings do."""
LISTED_VOUCHERS = 10
"""How many unbalanced vouchers the difference row names ("and 3 more" after them)."""


def difference_label(vouchers: tuple[str, ...], *, openings_differ: bool = False) -> str:
    """The difference row's name in both languages, with the vouchers that make it up ("" stands for
    the lines without a voucher) and, with ``openings_differ``, the Accounts table's openings.

    >>> difference_label(("CP-0044", "CP-0067")).split(" / ")[0]
    'Difference in books: vouchers that do not balance (see Issues): CP-0044, CP-0067'
    >>> difference_label(tuple(f"V{n}" for n in range(12))).split(" / ")[0][-25:]
    'V6, V7, V8, V9 and 2 more'
    >>> difference_label(("", "CP-0044")).split(" / ")[0]
    'Difference in books: vouchers that do not balance (see Issues): CP-0044; lines without a voucher'
    >>> difference_label((), openings_differ=True).split(" / ")[0]
    'Difference in books: the opening balances in the Accounts table do not net to zero'
    """
    named = tuple(v for v in vouchers if v)
    if not named and "" not in vouchers:
        if openings_differ:
            return " / ".join(DIFFERENCE_OPENINGS)
        return f"{DIFFERENCE} / {DIFFERENCE_HI}"
    listed = ", ".join(named[:LISTED_VOUCHERS])
    more = len(named) - LISTED_VOUCHERS
    en, hi = (f"{listed} and {more} more", f"{listed} और {more} अन्य") if more > 0 else (listed, listed)
    causes = [((en, hi) if named else None), (WITHOUT_VOUCHER if "" in vouchers else None),
              (OPENINGS_DIFFER if openings_differ else None)]  # fmt: skip
    kept = [c for c in causes if c is not None]
    en, hi = "; ".join(c[0] for c in kept), "; ".join(c[1] for c in kept)
    return f"{DIFFERENCE}: {en} / {DIFFERENCE_HI}: {hi}"


GROUP_OWN = "(posted to the group / समूह में सीधे दर्ज)"
"""What follows a group's name on the row of what was posted to the group itself (or its own opening
balance), shown under the group beside its sub-accounts so that the group's row foots to the rows
under it."""

TRIAL_BALANCE_COLUMNS: tuple[str, ...] = (
    "Code / कोड",
    "Account / खाता",
    "Type / प्रकार",
    "Opening Dr / प्रारंभिक नामे",
    "Opening Cr / प्रारंभिक जमा",
    "Debit / नामे",
    "Credit / जमा",
    "Closing Dr / अंतिम नामे",
    "Closing Cr / अंतिम जमा",
)
"""The trial balance's columns wherever it is shown (the sheet, BAHI.TRIALBALANCE): the six
amounts are :meth:`TrialBalanceRow.amounts`."""


@dataclass(frozen=True, slots=True)
class TrialBalanceRow:
    """One account's line of the trial balance (a group's figures include its descendants')."""

    account: str
    name: str
    type: str
    level: int
    is_group: bool
    opening: int
    debit: int
    credit: int
    closing: int
    is_suspense: bool = False
    is_group_own: bool = False
    is_difference: bool = False

    @property
    def kind(self) -> str:
        """ "group", "account", "group-own" (what was posted to a group itself, under the group),
        "suspense" (the row of unposted lines) or "difference" (what the books are out by)."""
        if self.is_suspense:
            return "suspense"
        if self.is_difference:
            return "difference"
        return "group-own" if self.is_group_own else "group" if self.is_group else "account"

    @property
    def opening_dr(self) -> int:
        return dr_cr(self.opening)[0]

    @property
    def opening_cr(self) -> int:
        return dr_cr(self.opening)[1]

    @property
    def closing_dr(self) -> int:
        return dr_cr(self.closing)[0]

    @property
    def closing_cr(self) -> int:
        return dr_cr(self.closing)[1]

    def amounts(self) -> tuple[int, int, int, int, int, int]:
        """Opening Dr, Opening Cr, Debit, Credit, Closing Dr, Closing Cr: all non-negative paise."""
        return (*dr_cr(self.opening), self.debit, self.credit, *dr_cr(self.closing))

    def as_record(self) -> Record:
        return {
            "kind": self.kind,
            "account": self.account,
            "name": self.name,
            "type": self.type,
            "level": self.level,
            "is_group": self.is_group,
            "opening": to_decimal_string(self.opening),
            "opening_dr": to_decimal_string(self.opening_dr),
            "opening_cr": to_decimal_string(self.opening_cr),
            "debit": to_decimal_string(self.debit),
            "credit": to_decimal_string(self.credit),
            "closing": to_decimal_string(self.closing),
            "closing_dr": to_decimal_string(self.closing_dr),
            "closing_cr": to_decimal_string(self.closing_cr),
        }


@dataclass(frozen=True, slots=True)
class TrialBalanceTotals:
    """Sums of every account's own figures and the suspense row's (each amount counted once).

    ``opening`` and ``closing`` are the net (signed) sums; ``opening_dr`` adds the debit openings
    account by account, ``opening_cr`` the credit ones, and so on: the Dr and Cr columns' totals,
    equal when the books balance.
    """

    opening: int
    debit: int
    credit: int
    closing: int
    opening_dr: int = 0
    opening_cr: int = 0
    closing_dr: int = 0
    closing_cr: int = 0

    def amounts(self) -> tuple[int, int, int, int, int, int]:
        """The six column totals, in the order of :meth:`TrialBalanceRow.amounts`."""
        return (self.opening_dr, self.opening_cr, self.debit, self.credit, self.closing_dr, self.closing_cr)


@dataclass(frozen=True)
class TrialBalance:
    """Rows in hierarchy order (parents before children, siblings by code) and their totals."""

    rows: tuple[TrialBalanceRow, ...]
    totals: TrialBalanceTotals
    as_of: dt.date | None = None
    period_start: dt.date | None = None
    suspense: TrialBalanceRow | None = None
    unposted_lines: int = 0
    explain: Callable[[], tuple[str, ...]] = field(default=lambda: (), compare=False, repr=False)
    """Finds the vouchers that make up the difference (read only when the books do not agree); ""
    stands for the lines without a voucher."""
    openings_differ: bool = False
    """The Accounts table's opening balances do not net to zero."""

    @cached_property
    def _explained(self) -> tuple[str, ...]:
        return () if self.balanced else self.explain()

    @property
    def unbalanced_vouchers(self) -> tuple[str, ...]:
        """The vouchers whose lines counted here do not balance, before the period or in it (the
        lines without a voucher are not one: the difference row names them apart)."""
        return tuple(v for v in self._explained if v)

    @property
    def unbalanced_without_voucher(self) -> bool:
        """The journal lines with a blank Voucher counted here do not net to zero."""
        return "" in self._explained

    @property
    def difference_from_openings(self) -> bool:
        """The books do not agree only because the Accounts table's opening balances do not net to zero."""
        return not self.balanced and self.openings_differ and not self._explained

    @property
    def difference_row(self) -> TrialBalanceRow | None:
        """The row that states what the books are out by, in each pair of columns on the side
        that makes the totals tie (None when they agree); its name lists the vouchers whose lines
        counted here do not balance (:attr:`unbalanced_vouchers`)."""
        t = self.totals
        if self.balanced:
            return None
        debit, credit = max(0, t.credit - t.debit), max(0, t.debit - t.credit)
        return TrialBalanceRow(
            "", difference_label(self._explained, openings_differ=self.openings_differ), "", 0, False,
            -t.opening, debit, credit, -t.opening + debit - credit, is_difference=True,
        )  # fmt: skip

    @property
    def shown_totals(self) -> tuple[int, int, int, int, int, int]:
        """The six column totals as shown under :attr:`display_rows`: with the difference row, they tie."""
        extra = self.difference_row
        if extra is None:
            return self.totals.amounts()
        a, b = self.totals.amounts(), extra.amounts()
        return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], a[5] + b[5])

    @property
    def balanced(self) -> bool:
        """True when debits equal credits and the closing balances net to zero."""
        return self.totals.debit == self.totals.credit and self.totals.closing == 0

    @property
    def difference(self) -> int:
        """Total closing balance in paise: 0 when the books agree (debit positive)."""
        return self.totals.closing

    def row(self, account: str) -> TrialBalanceRow | None:
        """The row of an account code, or None."""
        for r in self.rows:
            if r.account == account:
                return r
        return None

    @property
    def display_rows(self) -> tuple[TrialBalanceRow, ...]:
        """The rows as shown: the accounts, then the suspense row and the difference row when there
        are any."""
        extra = tuple(r for r in (self.suspense, self.difference_row) if r is not None)
        return (*self.rows, *extra)

    def as_records(self) -> list[Record]:
        """Group and leaf rows, then the suspense and difference rows if any, as the JSON of
        ``bahi trial-balance --format json`` (``kind`` tells them apart)."""
        return [r.as_record() for r in self.display_rows]


def _own_figures(
    ledger: Ledger, as_of: dt.date | None, period_start: dt.date | None
) -> tuple[AccountTree, Paise, Paise, Paise, Paise, TrialBalanceRow | None, int]:
    """The tree, and per account (in tree order): opening, earlier movement, period debit, credit;
    then the suspense row of the lines that cannot be posted (None when there are none) and their count."""
    journal = ledger.journal
    factor, uniques = pd.factorize(journal["account"], use_na_sentinel=True)
    unique_codes = [str(u) for u in uniques]
    tree = account_tree(ledger.accounts, extra_codes=tuple(c for c in unique_codes if c))
    position = {code: i for i, code in enumerate(tree.codes)}
    # Map each distinct journal code to its tree position; "" (unknown account) to -1.
    to_tree = np.array([position.get(c, -1) if c else -1 for c in unique_codes] + [-1], dtype=np.intp)
    where = to_tree[factor]  # factor -1 (missing) picks the trailing -1

    dates = line_dates(journal)
    undated = np.isnat(dates)
    unposted = unposted_lines(journal, dates)  # what ``where`` maps to -1, and lines without a date
    keep = ~unposted
    if as_of is not None:
        keep &= dates <= day(as_of)
        unposted &= undated | (dates <= day(as_of))
    debit, credit = paise(journal, "debit"), paise(journal, "credit")
    suspense = _suspense(unposted, undated, dates, (debit, credit), period_start)
    size = len(tree.codes)
    earlier = np.zeros(size, dtype=np.int64)
    if period_start is not None:
        before = keep & (dates < day(period_start))
        keep &= ~before
        np.add.at(earlier, where[before], debit[before] - credit[before])
    period_debit = np.zeros(size, dtype=np.int64)
    period_credit = np.zeros(size, dtype=np.int64)
    np.add.at(period_debit, where[keep], debit[keep])
    np.add.at(period_credit, where[keep], credit[keep])
    opening = np.array([tree.opening[c] for c in tree.codes], dtype=np.int64)
    return tree, opening, earlier, period_debit, period_credit, suspense, int(unposted.sum())


def _suspense(
    unposted: Mask,
    undated: Mask,
    dates: npt.NDArray[np.datetime64],
    amounts: tuple[Paise, Paise],
    period_start: dt.date | None,
) -> TrialBalanceRow | None:
    """The suspense row: the unposted lines' debits and credits (those dated before
    ``period_start`` make up its opening), or None when every line was posted."""
    if not unposted.any():
        return None
    debit, credit = amounts
    earlier = np.zeros_like(unposted)
    if period_start is not None:
        earlier = unposted & ~undated & (dates < day(period_start))
    period = unposted & ~earlier
    opening = int(debit[earlier].sum() - credit[earlier].sum())
    period_debit, period_credit = int(debit[period].sum()), int(credit[period].sum())
    closing = opening + period_debit - period_credit
    return TrialBalanceRow("", SUSPENSE, "", 0, False, opening, period_debit, period_credit, closing, True)


def trial_balance(
    ledger: Ledger, *, as_of: dt.date | None = None, period_start: dt.date | None = None
) -> TrialBalance:
    """The trial balance of ``ledger`` up to ``as_of`` (inclusive), for the period from ``period_start``."""
    tree, opening, earlier, debit, credit, suspense, unposted = _own_figures(ledger, as_of, period_start)
    own = np.stack([opening + earlier, debit, credit])
    rolled = own.copy()
    position = {code: i for i, code in enumerate(tree.codes)}
    for code in reversed(tree.codes):  # children come after their parents in tree order
        parent = tree.parent[code]
        if parent:
            rolled[:, position[parent]] += rolled[:, position[code]]
    rows: list[TrialBalanceRow] = []
    for i, code in enumerate(tree.codes):
        is_group = tree.is_group(code)
        rows.append(replace(_row(code, tree.name[code], tree.type[code], tree.depth[code], rolled[:, i]),
                            is_group=is_group))  # fmt: skip
        if is_group and own[:, i].any():
            name = f"{tree.name[code]} {GROUP_OWN}"
            rows.append(replace(_row(code, name, tree.type[code], tree.depth[code] + 1, own[:, i]),
                                is_group=False, is_group_own=True))  # fmt: skip
    totals = _totals(own, suspense)
    explain = partial(_unbalanced, ledger, as_of, period_start)
    openings_differ = int(opening.sum()) != 0
    return TrialBalance(
        tuple(rows), totals, as_of, period_start, suspense, unposted, explain, openings_differ=openings_differ
    )


def _unbalanced(ledger: Ledger, as_of: dt.date | None, period_start: dt.date | None) -> tuple[str, ...]:
    """The vouchers whose lines counted up to ``as_of`` (all, when None; undated lines always) do
    not net to zero before ``period_start`` or within the period, in voucher order: what a trial
    balance's difference is made of (a voucher with a line after ``as_of``, or with lines on both
    sides of ``period_start``, included)."""
    journal = ledger.journal
    dates = line_dates(journal)
    counted = np.ones(len(journal), dtype=bool) if as_of is None else np.isnat(dates) | (dates <= day(as_of))
    earlier = np.zeros(len(journal), dtype=bool) if period_start is None else dates < day(period_start)
    net = (paise(journal, "debit") - paise(journal, "credit"))[counted]
    codes, vouchers = pd.factorize(journal["voucher"].fillna("").to_numpy(dtype=object)[counted])
    nets = np.zeros((2, len(vouchers)), dtype=np.int64)  # before the period, in it
    np.add.at(nets, (earlier[counted].astype(np.intp) ^ 1, codes), net)
    out = (nets != 0).any(axis=0)
    return tuple(sorted(str(v) for v in vouchers[out]))


def _row(code: str, name: str, kind: str, level: int, figures: Paise) -> TrialBalanceRow:
    """An account's row from its (opening, debit, credit) in paise; the closing balance follows."""
    opening, debit, credit = (int(x) for x in figures)
    return TrialBalanceRow(code, name, kind, level, False, opening, debit, credit, opening + debit - credit)


def _totals(own: npt.NDArray[np.int64], suspense: TrialBalanceRow | None) -> TrialBalanceTotals:
    """Column totals of each account's own (opening, debit, credit) and the suspense row's: the Dr
    and Cr columns are added account by account, so they tie whatever the groups net to."""
    extra = np.array(
        [[suspense.opening], [suspense.debit], [suspense.credit]] if suspense else np.zeros((3, 0)),
        dtype=np.int64,
    )
    opening, debit, credit = np.concatenate([own, extra], axis=1)
    closing = opening + debit - credit
    return TrialBalanceTotals(
        opening=int(opening.sum()),
        debit=int(debit.sum()),
        credit=int(credit.sum()),
        closing=int(closing.sum()),
        opening_dr=int(opening[opening > 0].sum()),
        opening_cr=int(-opening[opening < 0].sum()),
        closing_dr=int(closing[closing > 0].sum()),
        closing_cr=int(-closing[closing < 0].sum()),
    )


def _example_ledger() -> Ledger:
    """A four-account ledger for the doctests: capital brought in, one cash sale."""
    accounts = pd.DataFrame(
        {
            "row": [2, 3, 4, 5],
            "code": ["1000", "1110", "3000", "4000"],
            "name": ["Assets", "Bank", "Capital", "Sales"],
            "type": ["Asset", "Asset", "Equity", "Income"],
            "parent": ["", "1000", "", ""],
            "opening": np.array([0, 1000000, -1000000, 0], dtype=np.int64),
            "active": [True] * 4,
        }
    )
    journal = pd.DataFrame(
        {
            "row": [2, 3],
            "date": pd.to_datetime(["2025-04-02", "2025-04-02"]),
            "voucher": ["S1", "S1"],
            "account": ["1110", "4000"],
            "account_text": ["Bank", "Sales"],
            "debit": np.array([150000, 0], dtype=np.int64),
            "credit": np.array([0, 150000], dtype=np.int64),
            "narration": ["Cash sale", "Cash sale"],
            "party": ["", ""],
            "reference": ["", ""],
        }
    )
    return Ledger(Settings(company="Demo Traders", financial_year=2025), accounts, journal)
