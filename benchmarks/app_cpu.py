"""The server's own CPU time for one small cell formula, through the whole app, without a network.

``PYTHONPATH=. python benchmarks/app_cpu.py [--calls 3000]`` (run from any checkout of Bahi: it
imports only that checkout's ``addin.server.asgi``, so the same file measures main and a branch)

Calls the ASGI app ``bahi serve`` runs directly, ``--calls`` times after a warm-up, with the
request Excel sends for ``=BAHI.INRFORMAT(1234567.5)``, and reports this process's CPU time per
call (``time.process_time``): the middleware, authentication, parsing, the formula, the answer.
CPU time rather than wall time, so that other work on a shared machine hardly moves it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

CALL = "/xlwings/custom-functions-call"


def request_body(func_name: str, args: list[Any]) -> bytes:
    return json.dumps(
        {
            "func_name": func_name,
            "args": args,
            "caller_address": "[Book1.xlsx]Sheet1!A1",
            "culture_info_name": "en-IN",
            "date_format": "dd-mm-yyyy",
            "version": "0.37.8",
            "runtime": "1.4",
            "client": "Office.js",
        }
    ).encode()


async def cpu_per_call(app: Any, body: bytes, calls: int) -> float:
    """Microseconds of this process's CPU time per call of ``app`` with ``body``."""
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    scope = {
        "type": "http",
        "method": "POST",
        "path": CALL,
        "raw_path": CALL.encode(),
        "query_string": b"",
        "headers": [*headers, (b"host", b"localhost")],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
    }

    async def one() -> None:
        sent: list[Any] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: Any) -> None:
            sent.append(message)

        await app(dict(scope), receive, send)
        if sent[0]["status"] != 200:
            raise SystemExit(f"HTTP {sent[0]['status']}: {sent[1].get('body', b'')[:200]!r}")

    for _ in range(300):
        await one()
    started = time.process_time()
    for _ in range(calls):
        await one()
    return (time.process_time() - started) / calls * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=3000)
    args = parser.parse_args(argv)
    from addin.server.asgi import app  # noqa: PLC0415  (after the licence key)

    micros = asyncio.run(cpu_per_call(app, request_body("inrformat", [[[1234567.5]]]), args.calls))
    print(f"{Path.cwd()}: INRFORMAT {micros:.0f} µs of CPU per call ({args.calls} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
