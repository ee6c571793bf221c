"""How long a ``=BAHI.*`` cell formula takes through xlwings Server's endpoint.

``python -m benchmarks.formula_latency [--calls 200] [--repeat 5] [--lines 100000] [--no-process]``

Each call is a ``POST /xlwings/custom-functions-call`` with the body Excel's Office.js runtime
sends (``func_name``, ``args`` as 2-D lists, ``caller_address``, …), timed from the request to the
answer, two ways:

- through FastAPI's TestClient over ``addin.server.asgi.app`` (the app ``bahi serve`` runs: its
  request size limits; small formulas in a thread of this process, big ones in its worker
  processes);
- over loopback against a real ``bahi serve --http`` process (``python -m addin.server.serve``) at
  its default settings, with httpx and a kept-alive connection — what a formula costs besides
  Excel's own round trip.

Small arguments: INRFORMAT, AMOUNTINWORDS and GSTIN_VALID (median and 95th percentile of
``--calls`` calls after a warm-up; target under 20 ms). A big one: TRIALBALANCE over a
``--lines``-line journal passed as the ``Journal[#All]`` argument (dates as Excel serial numbers,
as a custom function receives them), median of ``--repeat`` calls (target under 1 s), with the
server's own share (its ``Server-Timing`` header); the request's size is reported too: a formula's
call may carry up to ``BAHI_MAX_FORMULA_REQUEST_MB`` (32 MB by default; every other request 5 MB).

Prints a markdown table and writes it to ``benchmarks/results/formula_latency.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("XLWINGS_ON_SERVER", "true")

from addin.server.serve import configure_environment

configure_environment()

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from addin.server.asgi import DEFAULT_MAX_FORMULA_MB, app  # noqa: E402
from addin.server.timing import server_milliseconds  # noqa: E402
from benchmarks.excel_payloads import repeated_journal, sheet  # noqa: E402
from benchmarks.serve_process import bahi_serve  # noqa: E402
from tests.officejs import payload_from_xlsx  # noqa: E402
from workbook_templates.build import DEMO_PATH  # noqa: E402

URL = "/xlwings/custom-functions-call"
RESULTS = Path(__file__).resolve().parent / "results" / "formula_latency.md"
EXCEL_EPOCH = dt.datetime(1899, 12, 30, tzinfo=dt.UTC)
SMALL: dict[str, list[Any]] = {
    "INRFORMAT": [[[1234567.5]]],
    "AMOUNTINWORDS": [[[1250.5]]],
    "GSTIN_VALID": [[["27AAPFU0939F1ZV"]]],
}
Post = Callable[[bytes], Any]


def body(func_name: str, args: list[Any]) -> bytes:
    """The request Excel's custom-functions runtime sends for one formula."""
    return json.dumps(
        {
            "func_name": func_name,
            "args": args,
            "caller_address": "[Book1.xlsx]Sheet1!A1",
            "formula_name": f"BAHI.{func_name.upper()}",
            "culture_info_name": "en-IN",
            "date_format": "dd-mm-yyyy",
            "version": "0.37.8",
            "runtime": "1.4",
            "client": "Office.js",
        },
        ensure_ascii=False,
    ).encode()


def serial(value: Any) -> Any:
    """An ISO date (how a script payload carries it) as the Excel serial a custom function gets."""
    if isinstance(value, str) and len(value) == 24 and value.endswith("Z") and value[4] == "-":
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return (when - EXCEL_EPOCH).total_seconds() / 86400
    return value


def journal_argument(lines: int) -> list[list[Any]]:
    """``Journal[#All]`` of the demo's lines repeated to ``lines`` lines."""
    payload = payload_from_xlsx(DEMO_PATH, include=["Journal"])
    repeated_journal(payload, lines)
    values = sheet(payload, "Journal")["values"]
    return [values[0], *([serial(v) for v in row] for row in values[1:])]


def timed(post: Post, func: str, data: bytes, calls: int) -> list[float]:
    for _ in range(5):  # warm-up: imports, first-call caches
        check(post(data), func)
    seconds = []
    for _ in range(calls):
        started = time.perf_counter()
        answer = post(data)
        seconds.append(time.perf_counter() - started)
        check(answer, func)
    return seconds


def check(answer: Any, func: str) -> None:
    if answer.status_code != 200:
        raise SystemExit(f"{func}: HTTP {answer.status_code}: {answer.text[:300]}")
    result = answer.json()["result"]
    if "#VALUE" in json.dumps(result)[:200]:
        raise SystemExit(f"{func}: the formula failed: {json.dumps(result)[:300]}")


def ms(values: list[float], q: float = 0.5) -> float:
    ordered = sorted(values)
    return (
        1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]
        if q != 0.5
        else 1000 * statistics.median(values)
    )


def run_all(post: Post, where: str, calls: int, big: bytes, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for name, args in SMALL.items():
        seconds = timed(post, name.lower(), body(name.lower(), args), calls)
        rows.append(
            {
                "where": where,
                "formula": name,
                "calls": len(seconds),
                "median_ms": ms(seconds),
                "p95_ms": ms(seconds, 0.95),
            }
        )
        print(f"{where:<10} {name:<14} {ms(seconds):7.1f} ms", file=sys.stderr)
    started = time.perf_counter()
    check(post(big), "trialbalance")  # warm-up, not counted
    first = time.perf_counter() - started
    seconds = []
    server = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = post(big)
        seconds.append(time.perf_counter() - started)
        check(answer, "trialbalance")
        server.append(server_milliseconds(answer.headers.get("server-timing")) or float("nan"))
    rows.append(
        {
            "where": where,
            "formula": "TRIALBALANCE",
            "calls": repeat,
            "median_ms": ms(seconds),
            "p95_ms": 1000 * max(seconds),
            "first_ms": 1000 * first,
            "server_ms": statistics.median(server),
        }
    )
    print(
        f"{where:<10} TRIALBALANCE   {ms(seconds):7.1f} ms {[round(s, 2) for s in seconds]}", file=sys.stderr
    )
    return rows


def in_process_trial_balance(journal: list[list[Any]], repeat: int) -> float:
    """The formula's own work, without HTTP or JSON: ``udfs.bookkeeping.trialbalance`` called directly."""
    from udfs.bookkeeping import trialbalance  # noqa: PLC0415

    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        trialbalance(journal)
        seconds.append(time.perf_counter() - started)
    return 1000 * statistics.median(seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--no-process", action="store_true", help="skip the real bahi serve process")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    journal = journal_argument(args.lines)
    big = body("trialbalance", [journal])
    big_mb = len(big) / 1_048_576
    rows: list[dict[str, Any]] = []
    with TestClient(app) as client:  # its lifespan starts the worker processes
        rows += run_all(
            lambda data: client.post(URL, content=data, headers={"Content-Type": "application/json"}),
            "TestClient",
            args.calls,
            big,
            args.repeat,
        )
    if not args.no_process:
        with (
            bahi_serve() as url,
            httpx.Client(base_url=url, timeout=120) as http,
        ):
            rows += run_all(
                lambda data: http.post(URL, content=data, headers={"Content-Type": "application/json"}),
                "bahi serve",
                args.calls,
                big,
                args.repeat,
            )
    direct = in_process_trial_balance(journal, args.repeat)

    lines = [
        "# Cell formulas through `/xlwings/custom-functions-call`: latency",
        "",
        "`python -m benchmarks.formula_latency` — targets: a small formula under 20 ms, TRIALBALANCE over "
        f"{args.lines:,} journal lines under 1 s.",
        "",
        "| Formula | Through | Calls | Median ms | p95 (or max) ms | Server's own ms | Target met |",
        "|---|---|---:|---:|---:|---:|:-:|",
    ]
    for r in rows:
        target = 1000 if r["formula"] == "TRIALBALANCE" else 20
        name = r["formula"] + (f" ({args.lines:,} lines)" if r["formula"] == "TRIALBALANCE" else "")
        own = f"{r['server_ms']:.1f}" if "server_ms" in r else ""
        lines.append(
            f"| {name} | {r['where']} | {r['calls']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {own} | "
            f"{'yes' if r['median_ms'] < target else '**no**'} |"
        )
    limit_mb = DEFAULT_MAX_FORMULA_MB
    lines += [
        "",
        f"TRIALBALANCE's request is {big_mb:.1f} MB of JSON (Journal[#All], {args.lines:,} lines), "
        + (
            f"within a formula call's default limit of {limit_mb:g} MB (`BAHI_MAX_FORMULA_REQUEST_MB`; "
            "other requests keep 5 MB): `bahi serve` above ran with its defaults"
            if big_mb <= limit_mb
            else f"**over** a formula call's default limit of {limit_mb:g} MB"
        )
        + ". The formula's own work, "
        "`udfs.bookkeeping.trialbalance` called in-process on the same argument: "
        f'{direct:.0f} ms (median of {args.repeat}). "Server\'s own" is the `Server-Timing` the app '
        "reports (from the request reaching it to its answer starting), median of the same calls.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python {platform.python_version()}; "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
