"""The same ``udfs`` modules load in classic desktop xlwings (``UDF_MODULES = udfs``).

Outside xlwings Server (``XLWINGS_ON_SERVER`` unset) ``func``/``arg``/``ret`` are the classic COM
decorators on Windows and no-ops elsewhere: either way ``import udfs`` must work and the formulas
must answer when called directly. This runs a fresh interpreter with a clean environment, as
Excel's Python would be started, because the decorators are chosen once, at ``import xlwings``.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

SCRIPT = """
import json, os, datetime as dt
assert "XLWINGS_ON_SERVER" not in os.environ
import xlwings
assert not xlwings.on_server
import udfs
from udfs import *
print(json.dumps({
    "all": sorted(udfs.__all__),
    "words": amountinwords(120000, "hi"),
    "inr": inrformat(12345678.5),
    "fy": finyear(dt.date(2026, 1, 15)),
    "gstin": [gstin_valid("27AAPFU0939F1ZV"), gstin_valid("27AAPFU0939F1ZW")],
    "pan": pan_valid("AAPFU0939F"),
    "balance": balance([["Date", "Voucher", "Account", "Debit", "Credit", "Narration"],
                        [dt.datetime(2025, 4, 1), "S1", "Bank", 1500, None, "Sale"],
                        [dt.datetime(2025, 4, 1), "S1", "Sales", None, 1500, "Sale"]], "Bank"),
}, ensure_ascii=False))
try:
    amountinwords("lots")
except xlwings.XlwingsError as exc:
    print(json.dumps({"message": str(exc)}))
"""


def run_without_server() -> list[dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def test_udfs_import_and_answer_without_xlwings_server() -> None:
    answers, error = run_without_server()
    assert "amountinwords" in answers["all"]
    assert answers["words"] == "एक लाख बीस हज़ार रुपये मात्र"
    assert answers["inr"] == "1,23,45,678.50"
    assert answers["fy"] == "2025-26"
    assert answers["gstin"] == [True, False]
    assert answers["pan"] is True
    assert answers["balance"] == 1500.0
    assert error["message"] == "amount: 'lots' has letters or words — amount: 'lots' में अक्षर या शब्द हैं"
