"""Where a ``bahi`` run spends its time: the read, then the engine, measured inside one process.

Phases, each timed separately:

- ``read``: the file adapter reads the Accounts, Journal and Settings tables (cells, no parsing);
- ``load``: :func:`addin.engine.load.load_ledger` types them (paise, dates, codes) into a Ledger;
- ``check``: :func:`addin.engine.checks.check_ledger` runs every rule;
- ``trial_balance``: :func:`addin.engine.reports.trial_balance.trial_balance`.

"Engine time after the read" is load + check + trial_balance. Run as its own process per repeat
(``python -m benchmarks.engine_time BOOK.xlsx``); prints one JSON object. When a module of the
pipeline does not exist yet, the JSON carries ``"todo"`` naming it instead of timings.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def _find(module: str, name: str) -> Any:
    return getattr(importlib.import_module(module), name)


def measure(path: Path) -> dict[str, Any]:
    """Phase timings (seconds) of one in-process run on ``path``, plus counts and peak RSS (MB)."""
    try:
        open_book = _find("addin.books.file_book", "open_book")
        load_ledger = _find("addin.engine.load", "load_ledger")
        check_ledger = _find("addin.engine.checks", "check_ledger")
        trial_balance = _find("addin.engine.reports.trial_balance", "trial_balance")
        schema = importlib.import_module("addin.engine.schema")
        ledger_tables = (schema.ACCOUNTS, schema.JOURNAL, schema.SETTINGS)  # as addin.macros.run reads them
    except (ImportError, AttributeError) as exc:
        return {"todo": f"engine pipeline not importable yet: {exc}"}

    started = time.perf_counter()
    book = open_book(path)
    tables = {spec.name: book.read_table(spec) for spec in ledger_tables}
    read = time.perf_counter()
    ledger, load_issues = load_ledger(tables)
    loaded = time.perf_counter()
    issues = check_ledger(ledger)
    checked = time.perf_counter()
    tb = trial_balance(ledger)
    reported = time.perf_counter()
    return {
        "read": read - started,
        "load": loaded - read,
        "check": checked - loaded,
        "trial_balance": reported - checked,
        "engine": reported - read,
        "lines": len(ledger.journal),
        "issues": len(load_issues) + len(issues),
        "balanced": bool(getattr(tb, "balanced", False)),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
