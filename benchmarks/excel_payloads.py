"""What each ribbon macro sends and gets back through Office.js, and how long the server takes.

``python -m benchmarks.excel_payloads [--lines 10000 100000] [--repeat 3] [--out FILE]``

For journals of 10,000 and 100,000 lines (the demo workbook's lines repeated with the vouchers
renumbered, so its planted mistakes repeat too: a worst case for the Issues sheet and its
highlights) and for each ribbon macro (Validate, Trial Balance, Account Statement, Day Book,
Reconcile), sent the way ``static/js/ribbon.js`` sends it:

- up to ``BAHI_INLINE_CELLS`` Journal cells, one request carrying the whole payload (the shape of
  xlwings-server's ``getBookData``, built by :func:`tests.officejs.payload_from_xlsx`);
- above that, an upload opened (``POST /bahi/uploads``), the Journal in blocks of
  ``BAHI_BLOCK_CELLS`` cells (``POST /bahi/uploads/blocks`` with the ``Bahi-Upload`` header, each
  column dictionary-encoded as ``bahiColumns`` in ribbon.js does, built here by
  :func:`tests.officejs.encoded_columns`), then the script call without the Journal's values.

It reports the request bytes (the inline payload, each block, the script call), the response bytes
(total and the largest single action: one Office.js write) and the server-side time: the requests'
bytes are encoded beforehand, so the time is the app's (parse, run, answer) through FastAPI's
TestClient over ``addin.server.asgi.main_app`` — the median of ``--repeat`` runs. Excel on the web
refuses an Office.js request or response over 5 MB. Prints a markdown table and writes it to
``benchmarks/results/excel_payloads.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import json
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("XLWINGS_ON_SERVER", "true")

from addin.server.serve import SERVER_DIR, configure_environment

configure_environment()

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from addin.engine.cells import column_letter  # noqa: E402
from addin.server.asgi import RequestSizeLimit, fastapi_app, with_cors  # noqa: E402
from addin.server.timing import ServerTiming, server_milliseconds  # noqa: E402
from addin.server.uploads import HEADER as UPLOAD_HEADER  # noqa: E402
from benchmarks.serve_process import bahi_serve  # noqa: E402
from tests.officejs import encoded_columns, payload_from_xlsx  # noqa: E402
from workbook_templates.build import DEMO_PATH  # noqa: E402

OFFICE_LIMIT = 5 * 1024 * 1024


def ribbon_constant(name: str) -> int:
    """A number the ribbon's JavaScript sends by (``const NAME = 100000;`` in static/js/ribbon.js)."""
    found = re.search(rf"const {name} = (\d+);", (SERVER_DIR / "static" / "js" / "ribbon.js").read_text())
    if found is None:
        raise SystemExit(f"static/js/ribbon.js no longer defines {name}")
    return int(found.group(1))


INLINE_CELLS = ribbon_constant("BAHI_INLINE_CELLS")
BLOCK_CELLS = ribbon_constant("BAHI_BLOCK_CELLS")
STATEMENT_ACCOUNT = "1110"
MACROS: dict[str, str] = {
    "Validate": "bahi_validate",
    "Trial Balance": "bahi_trial_balance",
    "Account Statement": "bahi_account_statement",
    "Day Book": "bahi_day_book",
    "Reconcile": "bahi_reconcile",
}
RESULTS = Path(__file__).resolve().parent / "results" / "excel_payloads.md"
SERVE_RESULTS = RESULTS.with_name("excel_payloads_serve.md")


def encoded(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def sheet(payload: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in payload["sheets"] if s["name"] == name)
    return found


def repeated_journal(payload: dict[str, Any], lines: int) -> None:
    """Make the payload's Journal ``lines`` long: the demo's lines again and again, vouchers renumbered."""
    journal = sheet(payload, "Journal")
    if not journal["values"] or not journal["values"][0]:
        return  # not sent
    header, body = journal["values"][0], journal["values"][1:]
    rows: list[list[Any]] = []
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
    last = f"{column_letter(len(header))}{lines + 1}"
    for table in journal["tables"]:
        if table["name"] == "Journal":
            table["range_address"] = f"A1:{last}"
            table["data_body_range_address"] = f"A2:{last}"
            table["row_count"] = lines + 1
    journal["used_range_address"] = f"A1:{last}"
    journal["used_range_row_count"] = lines + 1


@dataclass
class Requests:
    """What the ribbon posts for one click: upload blocks (maybe none), then the script call."""

    blocks: list[bytes] = field(default_factory=list)
    call: bytes = b""  # with UPLOAD_PLACEHOLDER where the upload's id goes
    inline_bytes: int = 0  # the whole payload in one request (what would be sent without blocks)

    def call_for(self, upload_id: str) -> bytes:
        return self.call.replace(UPLOAD_PLACEHOLDER.encode(), upload_id.encode())


UPLOAD_PLACEHOLDER = "U" * 32
"""Where the script call names its upload; the server makes each upload's id (as long as this)."""


def requests_for(script: str, include: list[str], lines: int) -> Requests:
    payload = payload_from_xlsx(DEMO_PATH, include=include)
    repeated_journal(payload, lines)
    args: list[Any] = [STATEMENT_ACCOUNT] if script == "bahi_account_statement" else []
    inline = {**payload, "args": args} if args else payload
    out = Requests(inline_bytes=len(encoded(inline)))
    journal = sheet(payload, "Journal")
    values = journal["values"]
    cells = len(values) * len(values[0]) if values and values[0] else 0
    if cells <= INLINE_CELLS:
        out.call = encoded(inline)
        return out
    per = max(1, BLOCK_CELLS // len(values[0]))
    count = -(-len(values) // per)
    for index in range(count):
        start = index * per
        rows = values[start : start + per]
        block = {
            "sheet": "Journal",
            "index": index,
            "count": count,
            "start_row": start + 1,
            "rows": len(rows),
            "columns": encoded_columns(rows),
            "tables": journal["tables"] if index == 0 else None,
            "used_range_address": journal["used_range_address"] if index == 0 else None,
        }
        out.blocks.append(encoded(block))
    without = copy.deepcopy(payload)
    sent = sheet(without, "Journal")
    sent["values"], sent["tables"] = [[]], []
    positional = 1 if script == "bahi_account_statement" else 0
    without["args"] = [*(args or [""] * positional), UPLOAD_PLACEHOLDER]
    out.call = encoded(without)
    return out


Client = TestClient | httpx.Client
"""Who sends a click's requests: FastAPI's TestClient in this process, or httpx to `bahi serve`."""


def post(client: Client, url: str, body: bytes, upload_id: str = "") -> Any:
    headers = {"Content-Type": "application/json"} | ({UPLOAD_HEADER: upload_id} if upload_id else {})
    return client.post(url, content=body, headers=headers)


def server_seconds(response: Any) -> float:
    """The app's own time for one request, from its ``Server-Timing`` header."""
    took = server_milliseconds(response.headers.get("server-timing"))
    assert took is not None, "no Server-Timing header"
    return took / 1000


def measure(client: Client, script: str, include: list[str], lines: int, repeat: int) -> dict[str, Any]:
    seconds: list[float] = []
    call_seconds: list[float] = []
    wall: list[float] = []
    response: Any = None
    requests = requests_for(script, include, lines)
    for _ in range(repeat):
        started = time.perf_counter()
        server = 0.0
        upload_id = ""
        if requests.blocks:
            opened = post(client, "/bahi/uploads", b"{}")
            assert opened.status_code == 200, opened.text
            upload_id, server = opened.json()["upload"], server_seconds(opened)
        for block in requests.blocks:
            answer = post(client, "/bahi/uploads/blocks", block, upload_id)
            assert answer.status_code == 200, answer.text
            server += server_seconds(answer)
        call = requests.call_for(upload_id)
        response = post(client, f"/xlwings/custom-scripts-call/{script}", call, upload_id)
        wall.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text[:500]
        call_seconds.append(server_seconds(response))
        seconds.append(server + call_seconds[-1])
    actions = response.json()["actions"]
    sizes = [len(encoded(a)) for a in actions]
    alert = next((a["args"][0] for a in actions if a["func"] == "alert"), "")
    largest_request = max([len(requests.call), *(len(b) for b in requests.blocks)])
    return {
        "lines": lines,
        "script": script,
        "inline_bytes": requests.inline_bytes,
        "blocks": len(requests.blocks),
        "largest_block_bytes": max((len(b) for b in requests.blocks), default=0),
        "blocks_bytes": sum(len(b) for b in requests.blocks),
        "call_bytes": len(requests.call),
        "largest_request_bytes": largest_request,
        "response_bytes": len(response.content),
        "largest_action_bytes": max(sizes, default=0),
        "actions": len(actions),
        "seconds": statistics.median(seconds),
        "call_seconds": statistics.median(call_seconds),
        "wall_seconds": statistics.median(wall),
        "runs": [round(s, 3) for s in seconds],
        "fits": largest_request <= OFFICE_LIMIT and len(response.content) <= OFFICE_LIMIT,
        "critical": any(a["func"] == "alert" and a["args"][3] == "critical" for a in actions),
        "alert_first_line": alert.splitlines()[0] if alert else "",
    }


def mb(n: int) -> str:
    return f"{n / 1_048_576:.2f} MB" if n >= 100_000 else f"{n / 1024:.0f} kB"


def table(rows: list[dict[str, Any]], repeat: int, through: str = "TestClient") -> str:
    head = (
        "| Lines | Macro | Request (inline payload) | Sent as | Largest request | Response | "
        f"Largest write | Actions | Server s (median) | of which script call | Through {through} s | "
        "≤ 5 MB |\n"
        "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|:-:|\n"
    )
    body = ""
    for r in rows:
        sent = (
            f"{r['blocks']} blocks, {mb(r['blocks_bytes'])} in all, ≤ {mb(r['largest_block_bytes'])} each "
            f"+ call {mb(r['call_bytes'])}"
        )
        body += (
            f"| {r['lines']:,} | {r['name']} | {mb(r['inline_bytes'])} | "
            f"{sent if r['blocks'] else 'one request'} | {mb(r['largest_request_bytes'])} | "
            f"{mb(r['response_bytes'])} | {mb(r['largest_action_bytes'])} | {r['actions']} | "
            f"{r['seconds']:.2f} | {r['call_seconds']:.2f} | {r['wall_seconds']:.2f} | "
            f"{'yes' if r['fits'] else '**no**'} |\n"
        )
    note = (
        f"\nServer s: the median over {repeat} clicks of the app's own time (its `Server-Timing` header) "
        f"summed over the click's requests: the upload blocks and the script call. Through {through}: "
        "the same click timed from outside, first block sent to answer read (request bodies encoded "
        "beforehand; " + THROUGH[through] + "). Largest write: the biggest "
        "single Office.js action of the response. Machine: "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.\n"
    )
    return head + body + note


THROUGH = {
    "TestClient": "FastAPI's TestClient in this process adds a thread hop and copies per request",
    "bahi serve": "a real `bahi serve --http` process at its default limits, over loopback with httpx",
}


def measure_all(client: Client, sizes: list[int], macros: list[str], repeat: int) -> list[dict[str, Any]]:
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    rows: list[dict[str, Any]] = []
    for lines in sizes:
        for name in macros:
            script = MACROS[name]
            include = [s for s in meta[script]["include"].split(",") if s]
            row = {"name": name, **measure(client, script, include, lines, repeat)}
            rows.append(row)
            print(f"{lines:>7} {name:<18} {row['seconds']:.2f} s {row['runs']}", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lines", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--macros", nargs="+", default=list(MACROS), choices=list(MACROS), metavar="MACRO")
    parser.add_argument("--out", type=Path, help=f"default: {RESULTS.name} ({SERVE_RESULTS.name})")
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    parser.add_argument(
        "--serve", action="store_true", help="through a real `bahi serve --http` process at its defaults"
    )
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        if args.serve:
            url = stack.enter_context(bahi_serve())
            client: Client = stack.enter_context(httpx.Client(base_url=url, timeout=300))
        else:
            app = ServerTiming(with_cors(RequestSizeLimit(fastapi_app, max_bytes=1 << 30)))  # past 5 MB
            client = stack.enter_context(TestClient(app))  # its lifespan starts the worker processes
        rows = measure_all(client, args.lines, args.macros, args.repeat)
    through = "bahi serve" if args.serve else "TestClient"
    text = (
        "# Ribbon macros through Office.js: request and response sizes, server time\n\n"
        "`python -m benchmarks.excel_payloads` — the demo's journal lines repeated "
        "(planted mistakes included); Account Statement of account "
        f"{STATEMENT_ACCOUNT}.\n\n" + table(rows, args.repeat, through)
    )
    print(text)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    out = args.out or (SERVE_RESULTS if args.serve else RESULTS)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
