"""A bad argument reaches Excel as HTTP 400 with the message (shown as #VALUE! and its tooltip).

Through Bahi's real app (xlwings-server behind :mod:`addin.server.asgi`), in a fresh interpreter:
xlwings-server reads its settings and project directory once, on import.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

SCRIPT = """
import json
from fastapi.testclient import TestClient
from addin.server.asgi import app
from tests.udfs.conftest import request_body

CALL = "/xlwings/custom-functions-call"
with TestClient(app) as client:
    good = client.post(CALL, json=request_body("amountinwords", 120000.0, None, None))
    bad = client.post(CALL, json=request_body("amountinwords", "lots", None, None))
    meta = client.get("/xlwings/custom-functions-meta").json()
print(json.dumps({"good": [good.status_code, good.json()], "bad": [bad.status_code, bad.text],
                  "ids": sorted(f["id"] for f in meta["functions"])}, ensure_ascii=False))
"""


def test_a_bad_argument_is_a_400_with_the_message_not_a_500() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "BAHI_"))}
    env["XLWINGS_LICENSE_KEY"] = "noncommercial"
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    assert answer["good"] == [200, {"result": [["Rupees One Lakh Twenty Thousand Only"]]}]
    # 400 (not 500): the Office.js client does not retry, and shows the text in the error's tooltip
    assert answer["bad"] == [400, "amount: 'lots' has letters or words — amount: 'lots' में अक्षर या शब्द हैं"]
    assert {"AMOUNTINWORDS", "BALANCE", "TRIALBALANCE", "LEDGER", "VALIDATE", "GSTIN_VALID"} <= set(
        answer["ids"]
    )
