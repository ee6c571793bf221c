"""Exports to hledger/ledger-cli and beancount text, specified on small inline ledgers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from addin.engine.exports import (
    beancount_account_names,
    hledger_account_names,
    to_beancount,
    to_hledger_journal,
    write_beancount,
    write_hledger_journal,
)
from addin.engine.ledger import Ledger, Settings
from addin.engine.reports import trial_balance

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))
from golden_ledgers import CHART, crores, hierarchy, make_ledger

BEANCOUNT_ACCOUNT = re.compile(r"^(Assets|Liabilities|Equity|Income|Expenses)(:[A-Z0-9][A-Za-z0-9-]*)+$")


def test_hledger_names_follow_the_hierarchy_with_codes() -> None:
    names = hledger_account_names(hierarchy())
    assert names["1110"] == "Assets:1000 Assets:1100 Current Assets:1110 Bank"
    assert names["2100"] == "Liabilities:2000 Liabilities:2100 GST Payable"
    assert names["5100"] == "Expenses:5000 Expenses:5100 Rent"


def test_beancount_names_keep_to_its_grammar() -> None:
    names = beancount_account_names(hierarchy())
    assert names["1110"] == "Assets:1000-Assets:1100-Current-Assets:1110-Bank"
    assert all(BEANCOUNT_ACCOUNT.match(n) for n in names.values())


def test_names_that_clean_to_the_same_text_stay_apart() -> None:
    ledger = make_ledger([("a-1", "Cash", "Asset", "", ""), ("a 1", "Cash", "Asset", "", "")], [])
    assert len(set(beancount_account_names(ledger).values())) == 2
    assert len(set(hledger_account_names(ledger).values())) == 2


def test_a_sub_account_sits_under_its_top_ancestors_root() -> None:
    ledger = make_ledger([("G", "Group", "Asset", "", ""), ("L", "Odd one", "Liability", "G", "")], [])
    assert hledger_account_names(ledger)["L"] == "Assets:G Group:L Odd one"


def test_opening_balances_come_the_day_before_the_first_journal_date() -> None:
    text = to_hledger_journal(hierarchy())
    assert (
        "\n2025-04-01 Opening balances\n    Assets:1000 Assets:1100 Current Assets:1110 Bank  250000.00 INR\n"
        in text
    )


def test_opening_balances_that_do_not_net_to_zero_go_to_equity() -> None:
    ledger = make_ledger([("A", "Bank", "Asset", "", "5.00")], [("2025-04-02", "V1", "A", "1.00", "", "x")])
    assert "    Equity:Opening Balances  -5.00 INR\n" in to_hledger_journal(ledger)


def test_a_transaction_carries_its_voucher_and_first_narration() -> None:
    ledger = make_ledger(
        CHART,
        [
            ("2025-04-02", "S(1)", "1110", "1.00", "", ""),
            ("2025-04-02", "S(1)", "4000", "", "1.00", "Cash sale;\nthank you"),
        ],
    )
    assert "\n2025-04-02 (S[1]) Cash sale, thank you\n" in to_hledger_journal(ledger)
    assert '\n2025-04-02 * "Cash sale; thank you"\n  voucher: "S(1)"\n' in to_beancount(ledger)


def test_amounts_have_two_decimals_and_credits_are_negative() -> None:
    text = to_hledger_journal(crores())
    assert "    Assets:A200 Bank SBI  987654321.99 INR\n" in text
    assert "    Income:I100 Contract Revenue  -987654321.99 INR\n" in text


def test_an_unbalanced_transaction_is_balanced_against_equity_unbalanced() -> None:
    ledger = make_ledger(
        CHART, [("2025-04-02", "V1", "1110", "1.00", "", "x"), ("2025-04-02", "V1", "4000", "", "0.95", "x")]
    )
    assert "    Income:4000 Sales  -0.95 INR\n    Equity:Unbalanced  -0.05 INR\n" in to_hledger_journal(
        ledger
    )


def test_lines_with_unknown_account_or_no_date_are_left_out() -> None:
    ledger = make_ledger(
        CHART, [("", "V1", "1110", "7.00", "", "no date"), ("2025-04-02", "V2", "", "9.00", "", "nobody")]
    )
    text = to_hledger_journal(ledger)
    assert "7.00" not in text
    assert "9.00" not in text


def test_transactions_come_in_date_then_row_order() -> None:
    ledger = make_ledger(
        CHART,
        [
            ("2025-04-03", "B", "1110", "1.00", "", "b"),
            ("2025-04-03", "B", "4000", "", "1.00", "b"),
            ("2025-04-02", "A", "1110", "2.00", "", "a"),
            ("2025-04-02", "A", "4000", "", "2.00", "a"),
        ],
    )
    text = to_hledger_journal(ledger)
    assert text.index("(A)") < text.index("(B)")


def test_an_empty_journal_exports_only_its_opening_balances() -> None:
    text = to_beancount(make_ledger(CHART, []))
    assert '2025-03-31 * "Opening balances"' in text


def test_the_writers_write_utf8_files(tmp_path: Path) -> None:
    journal = write_hledger_journal(hierarchy(), tmp_path / "books.journal")
    beancount = write_beancount(hierarchy(), tmp_path / "books.beancount")
    assert journal.read_text(encoding="utf-8") == to_hledger_journal(hierarchy())
    assert beancount.read_text(encoding="utf-8") == to_beancount(hierarchy())


@pytest.mark.skipif(shutil.which("ledger") is None, reason="ledger-cli is not installed")
def test_ledger_cli_reads_the_hledger_journal_and_agrees(tmp_path: Path) -> None:
    path = write_hledger_journal(hierarchy(), tmp_path / "books.journal")
    names = hledger_account_names(hierarchy())
    bank = names["1110"]
    done = subprocess.run(
        ["ledger", "-f", str(path), "balance", "--flat", "--no-total", f"^{re.escape(bank)}$"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["197682.00", "INR", *bank.split()]
    row = trial_balance(hierarchy()).row("1110")
    assert row is not None
    assert row.closing == 19768200


def _big_ledger(n: int) -> Ledger:
    rng = np.random.default_rng(3)
    codes = [f"A{i:03d}" for i in range(200)]
    accounts = make_ledger([(c, f"Account {c}", "Asset", "", "") for c in codes], []).accounts
    amounts = rng.integers(1, 10**9, n // 2 + 1).repeat(2)[:n]
    debit_side = np.arange(n) % 2 == 0
    journal = pd.DataFrame(
        {
            "row": np.arange(2, n + 2),
            "date": pd.Timestamp("2025-04-01") + pd.to_timedelta(np.arange(n) // 3000, unit="D"),
            "voucher": pd.Series(np.arange(n) // 2).astype(str),
            "account": pd.Series(np.array(codes)[rng.integers(0, 200, n)]).astype(str),
            "debit": np.where(debit_side, amounts, 0),
            "credit": np.where(debit_side, 0, amounts),
            "narration": pd.Series(["Sale of goods"] * n).astype(str),
        }
    )
    return Ledger(Settings(), accounts, journal)


@pytest.mark.slow
def test_two_hundred_thousand_lines_export_in_well_under_a_second_each() -> None:
    ledger = _big_ledger(200_000)
    for export in (to_hledger_journal, to_beancount):
        start = time.perf_counter()
        text = export(ledger)
        assert time.perf_counter() - start < 1.5
        assert text.count(" INR\n") >= 200_000
