"""Measure what the ribbon sends and gets back for big journals (``python -m tests.server.measure_payloads``).

For journals of 10,000 and 100,000 lines (the demo workbook's lines repeated, vouchers renumbered,
so its planted mistakes repeat too: a worst case for the Issues sheet and highlights), and for
each ribbon macro: the request bytes (inline, as Office.js would send them, and the size of each
block when the Journal is uploaded in blocks), the response bytes, the number of actions, the
largest single Office.js write, and the server-side time through the real app.

Not a test (no ``test_`` prefix): it takes a minute or two.
"""

from __future__ import annotations

import copy
import json
import sys
import time
from typing import Any

from fastapi.testclient import TestClient

from addin.server.serve import configure_environment

configure_environment()

from addin.engine.addresses import column_letter  # noqa: E402
from addin.server.asgi import RequestSizeLimit, main_app  # noqa: E402
from tests.officejs import payload_from_xlsx  # noqa: E402
from workbook_templates.build import DEMO_PATH  # noqa: E402

LEDGER = ["Accounts", "Journal", "Settings", "Issues"]
OFFICE_LIMIT = 5 * 1024 * 1024
BLOCK_CELLS = 150_000  # static/js/ribbon.js: BAHI_BLOCK_CELLS
MACROS = ["bahi_validate", "bahi_trial_balance", "bahi_day_book", "bahi_account_statement"]


def size(obj: Any) -> int:
    return len(json.dumps(obj, ensure_ascii=False).encode())


def journal_payload(lines: int) -> dict[str, Any]:
    payload = payload_from_xlsx(DEMO_PATH, include=LEDGER)
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    header, body = journal["values"][0], journal["values"][1:]
    rows = []
    copy_no = 0
    while len(rows) < lines:
        for row in body:
            new = list(row)
            if copy_no and isinstance(new[1], str) and new[1]:
                new[1] = f"{new[1]}-{copy_no}"
            rows.append(new)
            if len(rows) == lines:
                break
        copy_no += 1
    journal["values"] = [header, *rows]
    last_col = len(header)
    for table in journal["tables"]:
        if table["name"] == "Journal":
            table["range_address"] = f"A1:{column_letter(last_col)}{lines + 1}"
            table["data_body_range_address"] = f"A2:{column_letter(last_col)}{lines + 1}"
            table["row_count"] = lines + 1
    journal["used_range_address"] = f"A1:{column_letter(last_col)}{lines + 1}"
    return payload


def blocks(payload: dict[str, Any]) -> list[int]:
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    values = journal["values"]
    per = max(1, BLOCK_CELLS // len(values[0]))
    return [size({"sheet": "Journal", "values": values[i : i + per]}) for i in range(0, len(values), per)]


def measure(client: TestClient, payload: dict[str, Any], script: str) -> dict[str, Any]:
    body = copy.deepcopy(payload)
    if script == "bahi_account_statement":
        body["args"] = ["1110"]
    started = time.perf_counter()
    response = client.post(f"/xlwings/custom-scripts-call/{script}", json=body)
    seconds = time.perf_counter() - started
    actions = response.json()["actions"] if response.status_code == 200 else []
    writes = [size(a) for a in actions if a["func"] == "setValues"]
    return {
        "status": response.status_code,
        "seconds": round(seconds, 2),
        "response_bytes": len(response.content),
        "actions": len(actions),
        "colour_actions": sum(1 for a in actions if a["func"] == "setRangeColor"),
        "largest_write_bytes": max(writes, default=0),
    }


def main() -> int:
    client = TestClient(RequestSizeLimit(main_app, max_bytes=1 << 30))  # limit off: measure the whole
    results: dict[str, Any] = {}
    for lines in (10_000, 100_000):
        payload = journal_payload(lines)
        request = size(payload)
        block_sizes = blocks(payload)
        row: dict[str, Any] = {
            "request_bytes_inline": request,
            "inline_fits_5MB": request <= OFFICE_LIMIT,
            "blocks": len(block_sizes),
            "largest_block_bytes": max(block_sizes),
        }
        for script in MACROS:
            row[script] = measure(client, payload, script)
            print(lines, script, row[script], file=sys.stderr)
        results[str(lines)] = row
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
