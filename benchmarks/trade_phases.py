"""The process the sales-and-purchases target is for: read + validate + post + aging + GST summary.

``python -m benchmarks.trade_phases BOOK`` runs, in a fresh process, what the ``bahi`` command
would for the trading book: the file adapter's read of the ledger and trade tables, then
``load_ledger`` + ``validate_trade`` (every trade check), ``post_trade`` (the vouchers and the
sub-ledger tie), the receivables and payables aging, and the latest month's GST returns
(:func:`gst_returns_of`, as the GST Returns button makes them); it prints the phases' seconds,
counts and peak memory as JSON. :mod:`benchmarks.trade` times the same run from outside, from the
interpreter's start to its exit: the *whole process* figure.

This module imports only what that process needs (not the book generator, openpyxl, the benchmark
harness or the macros), so the figure counts the imports such a process pays and nothing else; and
it runs as the ``bahi`` command runs a command: Arrow on the C library's allocator
(:mod:`addin.engine.arrow_memory`), the cyclic garbage collector paused (:mod:`addin.engine.gc_pause`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from addin.books.base import read_tables
from addin.books.file_book import FileBook
from addin.engine.arrow_memory import use_system_allocator
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.gst_returns.gstr1 import gstr1
from addin.engine.gst_returns.gstr3b import gstr3b
from addin.engine.gst_returns.periods import ReturnPeriod, latest_period
from addin.engine.load import load_ledger
from addin.engine.trade.allocation import PAYABLE
from addin.engine.trade.book import TRADE_BOOK_TABLES, aging_report, allocation, post_trade, validate_trade

GST_MONTHS = int(os.environ.get("BAHI_BENCH_GST_MONTHS", "1"))
"""Months of GST returns the in-process run makes (``BAHI_BENCH_GST_MONTHS=12``: the whole year)."""
YEAR_END = dt.date(2026, 3, 31)


def gst_returns_of(trade: Any, months: int) -> list[Any]:
    """GSTR-1 and GSTR-3B, with the engine behind GST Returns (:mod:`addin.engine.gst_returns`), of
    the latest ``months`` months with documents (1: what the GST Returns button makes; 12: the
    year), each with the payables' allocation at its month end (CGST rule 37)."""
    latest = latest_period(trade)
    if latest is None:
        return []
    returns = []
    company = trade.settings.company_gstin
    for k in range(months):
        index = latest.start.year * 12 + latest.start.month - 1 - k
        period = ReturnPeriod.month(index // 12, index % 12 + 1)
        payables = allocation(trade, PAYABLE, period.end)
        outward = gstr1(trade.sales, period, company_gstin=company, items=trade.items)
        summary = gstr3b(trade.sales, trade.purchases, period, company_gstin=company, payables=payables)
        returns.append((outward, summary))
    return returns


def phases(path: Path) -> dict[str, Any]:
    """The phases of one in-process run (seconds), counts, and peak memory (MB)."""
    marks = [(time.perf_counter(), time.process_time())]
    with FileBook.open(path) as book:
        tables = read_tables(book, TRADE_BOOK_TABLES)
    marks.append((time.perf_counter(), time.process_time()))
    ledger, _ = load_ledger(tables)
    trade, issues = validate_trade(tables, ledger)
    marks.append((time.perf_counter(), time.process_time()))
    outcome = post_trade(trade)
    marks.append((time.perf_counter(), time.process_time()))
    receivable = aging_report(trade, "receivable", YEAR_END)
    payable = aging_report(trade, "payable", YEAR_END)
    marks.append((time.perf_counter(), time.process_time()))
    summary = gst_returns_of(trade, GST_MONTHS)
    marks.append((time.perf_counter(), time.process_time()))
    names = ("read", "validate", "post", "aging", "gst")
    timing: dict[str, float] = {}
    for k, name in enumerate(names):
        timing[name] = marks[k + 1][0] - marks[k][0]
        timing[f"{name}_cpu"] = marks[k + 1][1] - marks[k][1]
    for name, begin in (("engine", 1), ("total", 0)):
        timing[name] = marks[-1][0] - marks[begin][0]
        timing[f"{name}_cpu"] = marks[-1][1] - marks[begin][1]
    return {
        **timing,
        "sales_lines": len(trade.sales.lines),
        "invoices": len(trade.sales.documents),
        "purchase_lines": len(trade.purchases.lines),
        "bills": len(trade.purchases.documents),
        "receipts": len(trade.receipts.frame),
        "payments": len(trade.payments.frame),
        "issues": len(issues),
        "vouchers": outcome.posting.count("posted"),
        "journal_lines": len(outcome.posting.lines),
        "aged_bills": len(receivable.bills) + len(payable.bills),
        "gst_returns": len(summary),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "process_cpu": process_cpu(),
    }


def process_cpu() -> float:
    """CPU seconds of this process from its start (imports included): what the whole-process figure
    comes to on an idle machine, whatever the load when measured."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.trade_phases BOOK", file=sys.stderr)
        return 2
    use_system_allocator()  # as the bahi command does, and as it pauses the cyclic collector
    with no_cyclic_gc():
        result = phases(Path(args[0]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
