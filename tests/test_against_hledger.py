"""The trial balance equals hledger's balances to the paisa.

hledger's own output is kept as golden files in ``tests/golden`` (``regenerate.py`` rebuilds them
with hledger), so this runs without hledger installed.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from addin.engine.exports import hledger_account_names, to_hledger_journal
from addin.engine.money import from_decimal_string
from addin.engine.reports import trial_balance

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN_DIR))
from golden_ledgers import GOLDEN  # noqa: E402

NAMES = sorted(GOLDEN)


def hledger_balances(path: Path) -> dict[str, int]:
    """hledger's CSV balance report as account name → paise ("0" or "1234.50 INR")."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {row["account"]: from_decimal_string(row["balance"].removesuffix(" INR") or "0") for row in rows}


@pytest.mark.parametrize("name", NAMES)
def test_the_exporter_still_writes_the_golden_journal(name: str) -> None:
    golden = (GOLDEN_DIR / f"{name}.journal").read_text(encoding="utf-8")
    assert to_hledger_journal(GOLDEN[name]()) == golden


@pytest.mark.parametrize("name", NAMES)
def test_each_posting_account_closes_at_hledgers_flat_balance(name: str) -> None:
    ledger = GOLDEN[name]()
    hledger = hledger_balances(GOLDEN_DIR / f"{name}.flat.csv")
    names = hledger_account_names(ledger)
    leaves = [row for row in trial_balance(ledger).rows if not row.is_group]
    assert leaves
    for row in leaves:
        assert row.closing == hledger.get(names[row.account], 0), row.account


@pytest.mark.parametrize("name", NAMES)
def test_every_row_with_its_sub_accounts_equals_hledgers_tree_balance(name: str) -> None:
    ledger = GOLDEN[name]()
    hledger = hledger_balances(GOLDEN_DIR / f"{name}.tree.csv")
    names = hledger_account_names(ledger)
    for row in trial_balance(ledger).rows:
        if row.closing or names[row.account] in hledger:
            assert row.closing == hledger[names[row.account]], row.account


@pytest.mark.parametrize("name", NAMES)
def test_hledger_nets_the_whole_journal_to_zero_like_the_trial_balance(name: str) -> None:
    hledger = hledger_balances(GOLDEN_DIR / f"{name}.flat.csv")
    tb = trial_balance(GOLDEN[name]())
    assert sum(hledger.values()) == tb.totals.closing == 0


@pytest.mark.parametrize("name", NAMES)
def test_the_trial_balance_records_match_their_snapshot(name: str) -> None:
    snapshot = json.loads((GOLDEN_DIR / f"{name}.trial_balance.json").read_text(encoding="utf-8"))
    assert trial_balance(GOLDEN[name]()).as_records() == snapshot
