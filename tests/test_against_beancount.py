"""The trial balance equals beancount's balances of Bahi's beancount export, to the paisa.

Runs beancount 3 (from PyPI) on ``to_beancount``'s text: it must load without a single error,
and every account's balance (and every group's, sub-accounts included) must be the trial balance's.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

from addin.engine.exports import beancount_account_names, to_beancount
from addin.engine.ledger import Ledger
from addin.engine.money import to_decimal
from addin.engine.reports import trial_balance

beancount_loader = pytest.importorskip("beancount.loader")
realization = pytest.importorskip("beancount.core.realization")

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "engine"))
from golden_ledgers import CHART, GOLDEN, make_ledger  # noqa: E402


def beancount_balances(ledger: Ledger) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Per account code: (own balance, balance with sub-accounts) as beancount computes them."""
    entries, errors, _ = beancount_loader.load_string(to_beancount(ledger))
    assert errors == []
    root = realization.realize(entries)
    own: dict[str, Decimal] = {}
    inclusive: dict[str, Decimal] = {}
    for code, name in beancount_account_names(ledger).items():
        node = realization.get(root, name)
        if node is None:
            own[code] = inclusive[code] = Decimal(0)
            continue
        own[code] = node.balance.get_currency_units("INR").number
        inclusive[code] = realization.compute_balance(node).get_currency_units("INR").number
    return own, inclusive


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_beancount_loads_the_export_and_agrees_with_every_row(name: str) -> None:
    ledger = GOLDEN[name]()
    own, inclusive = beancount_balances(ledger)
    for row in trial_balance(ledger).rows:
        assert to_decimal(row.closing) == inclusive[row.account], row.account
        if not row.is_group:
            assert to_decimal(row.closing) == own[row.account], row.account


def test_an_unbalanced_voucher_still_loads_and_keeps_its_accounts_balances() -> None:
    ledger = make_ledger(
        CHART,
        [
            ("2025-04-02", "V1", "1110", "100.00", "", "short credit"),
            ("2025-04-02", "V1", "4000", "", "99.99", "short credit"),
        ],
    )
    own, _ = beancount_balances(ledger)
    assert own["4000"] == Decimal("-99.99")


def test_awkward_names_still_make_valid_beancount_accounts() -> None:
    ledger = make_ledger(
        [
            ("a-1", "नकद (Cash)", "Asset", "", "1.00"),
            ("a 1", "Cash", "Asset", "", ""),
            ("खाता", "पूंजी", "Equity", "", "-1.00"),
            ("Z9", "No type", "", "", ""),
        ],
        [
            ("2025-04-02", 'V"1', "Z9", "5.00", "", 'quote " and \\ slash'),
            ("2025-04-02", 'V"1', "a 1", "", "5.00", ""),
        ],
    )
    own, _ = beancount_balances(ledger)
    assert own == {
        "a-1": Decimal("1.00"),
        "a 1": Decimal("-5.00"),
        "खाता": Decimal("-1.00"),
        "Z9": Decimal("5.00"),
    }


from test_reports import balanced_ledgers  # noqa: E402


@settings(max_examples=15, deadline=None)
@given(balanced_ledgers())
def test_any_balanced_ledger_balances_alike_in_beancount(ledger: Ledger) -> None:
    _own, inclusive = beancount_balances(ledger)
    for row in trial_balance(ledger).rows:
        assert to_decimal(row.closing) == inclusive[row.account]
