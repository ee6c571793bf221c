"""How long the Schedule III statements take on a full sheet of journal lines, in one process.

The journal comes from :func:`benchmarks.generate.make_journal` (balanced vouchers over FY 2025-26)
and is turned into a :class:`~addin.engine.ledger.Ledger` in memory — no workbook is read, so the
figures are the engine's alone (``benchmarks/engine_time.py`` times the read and load). The
mapping below places the generator's chart on Schedule III lines; Bank Charges are marked
``Non-cash`` so that the cash flow takes its slowest path (finding the vouchers of non-cash
entries) on every run.

Phases, each the median of ``--repeat`` runs:

- ``map``: :func:`map_accounts` — reads the journal once (account positions, days, amounts);
- ``profit_and_loss``: the year, then the year with its twelve months as columns;
- ``balance_sheet``: as at the year's start and end, then at the twelve month ends;
- ``cash_flow``: the year, then the twelve months;
- ``statements``: map + the three one-column statements (what one "statements" run costs).

Usage: ``python -m benchmarks.statements_time [--lines 1048575] [--repeat 5]``; prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.ledger import Ledger, Settings
from addin.engine.statements import (
    balance_sheet,
    cash_flow,
    fy_period,
    map_accounts,
    monthly_periods,
    profit_and_loss,
    report_lines,
)
from benchmarks.generate import ACCOUNTS_CHART, EXCEL_EPOCH, EXCEL_MAX_LINES, make_journal

MAPPING = (
    ("1110", "Cash and cash equivalents"),
    ("1120", "Cash and cash equivalents"),
    ("1130", "Trade receivables"),
    ("1140", "Short-term loans and advances"),
    ("1150", "Short-term loans and advances", "", "Tax"),
    ("1160", "Short-term loans and advances"),
    ("1200", "Property, Plant and Equipment"),
    ("2110", "trade_payables_others"),
    ("2120", "Other current liabilities"),
    ("2130", "Other current liabilities"),
    ("2140", "Other current liabilities"),
    ("2200", "Long-term borrowings"),
    ("3100", "Share capital"),
    ("3200", "Share capital"),
    ("3300", "Reserves and surplus"),
    ("4100", "Revenue from operations"),
    ("4200", "Revenue from operations"),
    ("4300", "Other income", "", "Investing"),
    ("5100", "Purchases of Stock-in-Trade"),
    ("5200", "Employee benefits expense"),
    ("5000", "Other expenses"),
    ("5800", "Other expenses", "Bank charges", "Non-cash"),
)


def bench_ledger(lines: int, seed: int = 7) -> Ledger:
    """The generator's journal of ``lines`` lines as a Ledger (as the loader would type it)."""
    journal = make_journal(lines, seed)
    codes = np.array([a.code for a in ACCOUNTS_CHART], dtype=object)
    voucher = journal.line_voucher
    to_unix_days = EXCEL_EPOCH.toordinal() - dt.date(1970, 1, 1).toordinal()
    days = (journal.voucher_date[voucher].astype(np.int64) + to_unix_days).astype("datetime64[D]")
    text = "str"
    frame = pd.DataFrame({
        "row": np.arange(2, lines + 2, dtype=np.int64),
        "date": days.astype("datetime64[ns]"),
        "voucher": pd.Series(np.array(journal.voucher_no, dtype=object)[voucher], dtype=text),
        "account": pd.Series(codes[journal.line_account], dtype=text),
        "account_text": pd.Series(codes[journal.line_account], dtype=text),
        "debit": journal.debit,
        "credit": journal.credit,
        "narration": pd.Series(np.array(journal.narration, dtype=object)[voucher], dtype=text),
        "party": pd.Series(np.array(journal.party, dtype=object)[voucher], dtype=text),
        "reference": pd.Series(np.array(journal.reference, dtype=object)[voucher], dtype=text),
    })  # fmt: skip
    accounts = pd.DataFrame({
        "row": np.arange(2, len(ACCOUNTS_CHART) + 2, dtype=np.int64),
        "code": pd.Series([a.code for a in ACCOUNTS_CHART], dtype=text),
        "name": pd.Series([a.name for a in ACCOUNTS_CHART], dtype=text),
        "type": pd.Series([a.type for a in ACCOUNTS_CHART], dtype=text),
        "parent": pd.Series([a.parent for a in ACCOUNTS_CHART], dtype=text),
        "opening": np.array([a.opening for a in ACCOUNTS_CHART], dtype=np.int64),
        "active": np.ones(len(ACCOUNTS_CHART), dtype=bool),
    })  # fmt: skip
    return Ledger(Settings(company="Benchmark Traders", financial_year=2025), accounts, frame)


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(lines: int, repeat: int) -> dict[str, Any]:
    """Median seconds of each phase (see the module docstring), and the checks that keep it honest."""
    ledger = bench_ledger(lines)
    lines_map = report_lines(MAPPING)
    mapped = map_accounts(ledger, lines_map)
    year, months = fy_period(2025), monthly_periods(2025)
    results: dict[str, Any] = {
        "lines": lines,
        "unmapped": [i.value for i in mapped.issues],
        "map": _median(lambda: map_accounts(ledger, lines_map), repeat),
        "profit_and_loss": _median(lambda: profit_and_loss(mapped, [year]), repeat),
        "profit_and_loss_12_months": _median(lambda: profit_and_loss(mapped, [*months, year]), repeat),
        "balance_sheet": _median(lambda: balance_sheet(mapped, [year.day_before, year.end]), repeat),
        "balance_sheet_12_months": _median(lambda: balance_sheet(mapped, months), repeat),
        "cash_flow": _median(lambda: cash_flow(mapped, [year]), repeat),
        "cash_flow_12_months": _median(lambda: cash_flow(mapped, [*months, year]), repeat),
    }
    results["statements"] = sum(results[k] for k in ("map", "profit_and_loss", "balance_sheet", "cash_flow"))
    bs = balance_sheet(mapped, [year])
    cf = cash_flow(mapped, [year])
    results["balanced"] = bs.amount("bs.total_assets") == bs.amount("bs.total_equity_and_liabilities") and (
        bs.amount("bs.difference") == 0 and cf.amount("cf.difference") == 0
    )
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lines", type=int, default=EXCEL_MAX_LINES)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.lines, args.repeat), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
