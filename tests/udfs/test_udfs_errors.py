"""Every formula error is said in English and then in Hindi (README: "English — Hindi").

Each case below is a wrong argument or unreadable books, one for each way a formula stops; the
message Excel shows in the #VALUE! tooltip must carry the Hindi after the English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from xlwings import XlwingsError

from tests.udfs.test_udfs_bookkeeping import ACCOUNTS, JOURNAL
from tests.udfs.test_udfs_budget import BUDGET
from tests.udfs.test_udfs_trade import ITEMS, RATES, TABLES
from udfs import (
    amountinwords,
    balance,
    budgetvar,
    finyear,
    gstrate,
    gstsplit,
    inrformat,
    ledger,
    outstanding,
    reconstatus,
    trialbalance,
    validate,
)

DEVANAGARI = re.compile(r"[\u0900-\u097f]")
NO_NAME = [[c for i, c in enumerate(row) if i != 1] for row in ACCOUNTS]
NO_ACCOUNT_COLUMN = [[c for i, c in enumerate(row) if i != 2] for row in JOURNAL]
UNEVEN = [*JOURNAL, ["short row"]]
REVERSED = ("30/06/2025", "01/04/2025")
FOO_MONTH = [*BUDGET, ["Rent", "Foo-2025", 1.0]]
NIL_CASH = [*BUDGET, ["Cash", "Apr-2025", 0.0]]
ABC_RATE = [RATES[0], ["CEMENT", "abc", 45922]]

FORMULA_ERRORS: list[tuple[str, Callable[..., Any], tuple[Any, ...]]] = [
    ("an unknown account, with Accounts", balance, (JOURNAL, "9999", None, ACCOUNTS)),
    ("an unknown account, without Accounts", balance, (JOURNAL, "9999")),
    ("an empty account", balance, (JOURNAL, "", None, ACCOUNTS)),
    ("an empty journal", balance, ("", "Bank")),
    ("no journal at all", trialbalance, (None,)),
    ("a journal of one cell", trialbalance, (5,)),
    ("accounts without a header row", balance, (JOURNAL, "Bank", None, "x")),
    ("a table whose rows are uneven", trialbalance, (UNEVEN,)),
    ("a journal with no Account column", validate, (NO_ACCOUNT_COLUMN,)),
    ("accounts with no Name column", balance, (JOURNAL, "Bank", None, NO_NAME)),
    ("a ledger of an unknown account", ledger, (JOURNAL, "9999", ACCOUNTS)),
    ("a ledger whose start is after its end", ledger, (JOURNAL, "Bank", ACCOUNTS, *REVERSED)),
    ("a range where a cell is expected", amountinwords, ([[1, 2]],)),
    ("an empty range where a cell is expected", amountinwords, ([[]],)),
    ("an amount of 100,000 digits", inrformat, ("9" * 100_000,)),
    ("an integer of 400 digits", amountinwords, (10**400,)),
    ("an unreadable amount", amountinwords, ("lots",)),
    ("a language other than en or hi", amountinwords, (5, "fr")),
    ("a language that is not text", amountinwords, (5, 3)),
    ("an unknown currency", amountinwords, (5, "en", "XYZ")),
    ("a start month of 13", finyear, (45748, 13)),
    ("a start month not whole", finyear, (45748, 2.5)),
    ("an unreadable date", finyear, ("31/04/2025",)),
    ("an unknown measure", budgetvar, (JOURNAL, BUDGET, "Rent", ACCOUNTS, None, "xx")),
    ("an unknown budget line", budgetvar, (JOURNAL, BUDGET, "Petty cash", ACCOUNTS)),
    ("a budget line with no rows", budgetvar, (JOURNAL, BUDGET, "Bank", ACCOUNTS)),
    ("a budget row it cannot read", budgetvar, (JOURNAL, FOO_MONTH, "Rent", ACCOUNTS)),
    ("a nil budget's percentage", budgetvar, (JOURNAL, NIL_CASH, "Cash", ACCOUNTS, None, "percent")),
    ("an empty GST rate", gstsplit, (1000, None)),
    ("an intra neither yes nor no", gstsplit, (1000, 18, "xyz")),
    ("an unknown item", gstrate, (ITEMS, RATES, "BRICK", 45748)),
    ("a GST rates row it cannot read", gstrate, (ITEMS, ABC_RATE, "CEMENT", 45748)),
    ("an unknown party", outstanding, (*TABLES, "NOBODY")),
    ("an empty bank statement", reconstatus, ("", JOURNAL, ACCOUNTS, "Bank")),
]  # fmt: skip


@pytest.mark.parametrize(("case", "formula", "args"), FORMULA_ERRORS, ids=[c[0] for c in FORMULA_ERRORS])
def test_every_formula_error_is_in_english_then_hindi(
    case: str, formula: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    with pytest.raises(XlwingsError) as caught:
        formula(*args)
    english, separator, hindi = str(caught.value).partition(" — ")
    assert english, f"{case}: no English in {caught.value}"
    assert separator, f"{case}: not English — Hindi: {caught.value}"
    assert DEVANAGARI.search(hindi), f"{case}: no Hindi in {caught.value}"


@pytest.mark.parametrize(
    ("formula", "args", "says"),
    [
        (inrformat, ([[]],), "amount: the range is empty: point the argument at one cell"),
        (gstsplit, (1000, []), "rate: the range is empty"),
        (inrformat, ("9" * 100_000,), "amount: '999999999999…' has 100000 digits: an amount has at most 15"),
        (gstsplit, (1000, 10**400), "rate: ≈10^400 is too large: amounts must be below 10^15 rupees"),
    ],
    ids=["an empty range", "an empty range for the rate", "100,000 digits", "a 401-digit rate"],
)
def test_an_empty_range_or_an_absurd_number_names_the_argument_and_the_limit_not_python(
    formula: Callable[..., Any], args: tuple[Any, ...], says: str
) -> None:
    with pytest.raises(XlwingsError) as caught:
        formula(*args)
    assert says in str(caught.value)
    assert not re.search(r"Error\b|Exceeds the limit|list index", str(caught.value))
    assert len(str(caught.value)) < 400


AT_A_CELL = {"a budget row it cannot read", "accounts with no Name column"}
WITH_A_CELL = [case for case in FORMULA_ERRORS if case[0] in AT_A_CELL]


@pytest.mark.parametrize(("case", "formula", "args"), WITH_A_CELL, ids=[c[0] for c in WITH_A_CELL])
def test_a_formula_error_at_a_cell_names_the_sheet_and_cell_in_both_languages(
    case: str, formula: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    with pytest.raises(XlwingsError) as caught:
        formula(*args)
    english, _, hindi = str(caught.value).partition(" — ")
    where = re.match(r"[^!]+![A-Z]+[0-9]+(:[A-Z]+[0-9]+)?: ", english)
    assert where, f"{case}: no Sheet!Cell in {english}"
    assert hindi.startswith(where.group(0)), f"{case}: the Hindi does not say where: {hindi}"
