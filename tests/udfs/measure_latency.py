"""Measure (not a test) the direct-call latency of BAHI.INRFORMAT and BAHI.TRIALBALANCE.

Run from the repository root::

    XLWINGS_LICENSE_KEY=noncommercial XLWINGS_ON_SERVER=true .venv/bin/python -m tests.udfs.measure_latency

TRIALBALANCE gets a 100,000-line journal as Office.js would pass ``Journal[#All]``: a 2-D list with
a header row, dates as Excel serials, amounts as floats, empty cells as None.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from xlwings.server import custom_functions_call

import udfs
from tests.udfs.conftest import request_body
from udfs import inrformat, trialbalance, validate


def journal_rows(lines: int, accounts: int = 60, seed: int = 7) -> tuple[list[list[Any]], list[list[Any]]]:
    rng = random.Random(seed)
    codes = [f"{1000 + i}" for i in range(accounts)]
    types = ["Asset", "Liability", "Equity", "Income", "Expense"]
    chart: list[list[Any]] = [["Code", "Name", "Type", "Parent", "Opening Balance"]]
    chart += [[c, f"Account {c}", types[i % 5], None, None] for i, c in enumerate(codes)]
    rows: list[list[Any]] = [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"]]
    for v in range(lines // 2):
        date = 45748.0 + rng.randrange(365)
        amount = rng.randrange(100, 10_000_000) / 100
        a, b = rng.sample(codes, 2)
        rows.append([date, f"V{v}", a, amount, None, "Sale"])
        rows.append([date, f"V{v}", b, None, amount, "Sale"])
    return chart, rows


def median_seconds(call: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    per_call = median_seconds(lambda: [inrformat(1234567.89) for _ in range(1000)], 7) / 1000
    print(f"INRFORMAT: median {per_call * 1e6:.1f} µs a call")
    chart, rows = journal_rows(100_000)
    for label, accounts in (("with Accounts", chart), ("accounts implied", None)):
        seconds = median_seconds(lambda a=accounts: trialbalance(rows, a), 5)
        print(f"TRIALBALANCE, 100,000 lines, {label}: median {seconds:.3f} s")
    body = request_body("trialbalance", rows, chart, None)
    seconds = median_seconds(lambda: asyncio.run(custom_functions_call(body, udfs)), 3)
    print(f"TRIALBALANCE, 100,000 lines, through custom_functions_call: median {seconds:.3f} s")
    seconds = median_seconds(lambda: validate(rows, chart), 3)
    print(f"VALIDATE, 100,000 lines, with Accounts: median {seconds:.3f} s")


if __name__ == "__main__":
    main()
