"""The add-in server under load and abuse, over loopback: latency percentiles, memory, server errors.

``python -m benchmarks.server_load [--formula-calls 4000] [--validate-calls 40] [--gc-seconds 60]
[--fuzz-examples 100] [--lines 10000] [--root DIR] [--out FILE]``

Against a real ``bahi serve --http`` process at its defaults, on a free loopback port (``--root``
runs it from another checkout, e.g. the main branch, for a before/after), every loop bounded in
count *and* time:

1. **formulas**: 20 concurrent clients, small formulas (INRFORMAT, AMOUNTINWORDS, GSTIN_VALID in
   turn): p50/p95/p99 and the server's memory (its process, and its workers) before and after;
2. **validate**: 4 concurrent clients, Validate on the demo journal repeated to ``--lines`` lines
   (sent inline, as ribbon.js sends up to 100,000 cells): p50/p95/p99 and memory;
3. **formulas while two Validates run**: one client's small formulas, p50/p95/p99: what a user typing
   formulas feels while two colleagues press Validate (the event loop must stay free);
4. **overlapping formula calls**: 20 clients calling TRIALBALANCE over a ``--gc-lines``-line journal
   for ``--gc-seconds`` seconds, the server's memory sampled each second (first, highest, last): with
   the garbage collector paused process-wide, it climbed without limit;
5. **malformed payloads** (:data:`MALFORMED`), all on one kept-alive connection: the answers, server
   errors (must be 0) and whether the connection survived each;
6. **schemathesis** over the app's OpenAPI schema, built in-process (``fastapi_app.openapi()``) and
   sent to the app in-process (ASGI), ``--fuzz-examples`` per operation: server errors (must be 0).

``tests/server/test_load.py`` runs all six in a short form. Prints a markdown table and writes it to
``benchmarks/results/server_load.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import itertools
import json
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("XLWINGS_ON_SERVER", "true")

import httpx

from benchmarks.formula_latency import SMALL, body, journal_argument
from benchmarks.serve_process import ServedAt, bahi_serve, children, rss_mb

FORMULA = "/xlwings/custom-functions-call"
SCRIPT = "/xlwings/custom-scripts-call/bahi_validate"
JSON_HEADERS = {"Content-Type": "application/json"}
RESULTS = Path(__file__).resolve().parent / "results" / "server_load.md"
LEDGER = ["Accounts", "Journal", "Settings", "Issues"]


# -- what is sent ---------------------------------------------------------------------------------------


def small_formulas() -> list[tuple[str, bytes]]:
    return [(FORMULA, body(name.lower(), args)) for name, args in SMALL.items()]


def validate_call(lines: int) -> bytes:
    """Validate's request for the demo journal repeated to ``lines`` lines, sent inline."""
    from benchmarks.excel_payloads import encoded, repeated_journal  # noqa: PLC0415
    from tests.officejs import payload_from_xlsx  # noqa: PLC0415
    from workbook_templates.build import DEMO_PATH  # noqa: PLC0415

    payload = payload_from_xlsx(DEMO_PATH, include=LEDGER)
    repeated_journal(payload, lines)
    return encoded(payload)


@dataclass(frozen=True)
class Malformed:
    """A request no client of Bahi's sends, and the answer it must get (never a 5xx).

    ``upload`` names an open upload in the ``Bahi-Upload`` header (one, opened for all such cases:
    a refused block leaves it open). ``amplifies``: a server without Bahi's caps would allocate
    gigabytes for it (left out when measuring another checkout, ``--root``: the machine is shared)."""

    name: str
    path: str
    body: bytes
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    upload: bool = False
    amplifies: bool = False


def _formula(func: str, args: Any) -> bytes:
    return json.dumps({"func_name": func, "args": args, "client": "Office.js", "version": "x"}).encode()


def _book(sheets: list[dict[str, Any]], **more: Any) -> bytes:
    book = {"name": "x.xlsx", "active_sheet_index": 0, "selection": "A1"}
    return json.dumps(
        {"client": "Office.js", "version": "x", "book": book, "names": [], "sheets": sheets} | more
    ).encode()


def _sheet(name: str = "Journal", values: Any = None, **more: Any) -> dict[str, Any]:
    empty: dict[str, Any] = {
        key: [] for key in ("tables", "pictures", "shapes", "charts", "notes", "pivot_tables")
    }
    return (
        {"name": name, "values": [[""]] if values is None else values, "used_range_address": "A1"}
        | empty
        | more
    )


def _block(**fields: Any) -> bytes:
    return json.dumps({"sheet": "Journal", "index": 0, "count": 1, "start_row": 1} | fields).encode()


def _codes(rows: int) -> str:
    import base64  # noqa: PLC0415

    return base64.b64encode(bytes(4 * rows)).decode()


HUGE_TABLE = {
    "name": "Journal",
    "range_address": "A1:CV1048576",
    "header_row_range_address": "A1:CV1",
    "data_body_range_address": "A2:CV1048576",
    "total_row_range_address": None,
    "columns": ["Date"],
}

MALFORMED: tuple[Malformed, ...] = (
    # a cell formula's call
    Malformed("formula: {}", FORMULA, b"{}", 400),
    Malformed("formula: a list, not an object", FORMULA, b"[]", 400),
    Malformed("formula: unknown name", FORMULA, _formula("nope", []), 400),
    Malformed("formula: name not text", FORMULA, _formula(5, []), 400),  # type: ignore[arg-type]
    Malformed("formula: args null", FORMULA, _formula("inrformat", None), 400),
    Malformed("formula: a null argument", FORMULA, _formula("inrformat", [None]), 400),
    Malformed("formula: INRFORMAT(1e26)", FORMULA, _formula("inrformat", [[[1e26]]]), 400),
    Malformed("formula: AMOUNTINWORDS(1e300)", FORMULA, _formula("amountinwords", [[[1e300]]]), 400),
    Malformed("formula: NaN", FORMULA, b'{"func_name": "inrformat", "args": [[[NaN]]]}', 400),
    Malformed(
        "formula: too many arguments", FORMULA, _formula("inrformat", [[[1]], [[2]], [[3]], [[4]]]), 400
    ),
    Malformed("formula: a range for one cell", FORMULA, _formula("inrformat", [[[1, 2], [3, 4]]]), 400),
    Malformed("formula: ragged table", FORMULA, _formula("trialbalance", [[["Date"] * 50, [], []]]), 400),
    Malformed("formula: byte-order mark", FORMULA, b"\xef\xbb\xbf" + _formula("inrformat", [[[1]]]), 400),
    Malformed("formula: not UTF-8", FORMULA, b'{"func_name": "\xe9"}', 400),
    Malformed("formula: truncated JSON", FORMULA, _formula("inrformat", [[[1]]])[:20], 400),
    Malformed(
        "formula: form-encoded",
        FORMULA,
        b"func_name=inrformat&args=1",
        400,
        {"Content-Type": "application/x-www-form-urlencoded"},
    ),
    # a ribbon script's call
    Malformed("script: unknown name", "/xlwings/custom-scripts-call/nope", _book([_sheet()]), 404),
    Malformed("script: {}", SCRIPT, b"{}", 400),
    Malformed("script: sheets not a list", SCRIPT, _book([]).replace(b'"sheets": []', b'"sheets": 5'), 400),
    Malformed("script: ragged values", SCRIPT, _book([_sheet(values=[["a", "b"], ["c"]])]), 400),
    Malformed(
        "script: a 4 kB payload claiming A1:CV1048576",
        SCRIPT,
        _book([_sheet(tables=[HUGE_TABLE])]),
        413,
        amplifies=True,
    ),
    Malformed(
        "script: used range A1:XFD1048576",
        SCRIPT,
        _book([_sheet(used_range_address="A1:XFD1048576")]),
        413,
        amplifies=True,
    ),
    Malformed("script: args not a list", SCRIPT, _book([_sheet()], args=5), 400),
    Malformed("script: an extra argument", SCRIPT, _book([_sheet()], args=["", "", ""]), 400),
    Malformed("script: byte-order mark", SCRIPT, b"\xef\xbb\xbf" + _book([_sheet()]), 400),
    Malformed("script: not UTF-8", SCRIPT, b'{"client": "\xe9"}', 400),
    Malformed("script: truncated JSON", SCRIPT, _book([_sheet()])[:40], 400),
    Malformed(
        "script: form-encoded",
        SCRIPT,
        b"bookData=%7B%7D",
        400,
        {"Content-Type": "application/x-www-form-urlencoded"},
    ),
    # a block of a big sheet
    Malformed("block: no upload named", "/bahi/uploads/blocks", _block(values=[["a"]]), 404),
    Malformed(
        "block: an id nobody opened",
        "/bahi/uploads/blocks",
        _block(values=[["a"]]),
        404,
        {"Bahi-Upload": "A" * 32},
    ),
    Malformed("block: not JSON", "/bahi/uploads/blocks", b"nope", 400, upload=True),
    Malformed(
        "block: row 1,000,000 of 16,000 columns",
        "/bahi/uploads/blocks",
        _block(start_row=1_000_000, rows=1, columns=[{"values": [""], "codes": _codes(1)}] * 16_000),
        413,
        upload=True,
    ),
    Malformed(
        "block: a billion rows claimed",
        "/bahi/uploads/blocks",
        _block(rows=1_000_000_000, columns=[{"values": [""], "codes": _codes(1)}] * 4),
        413,
        upload=True,
    ),
    Malformed(
        "block: codes for fewer rows",
        "/bahi/uploads/blocks",
        _block(rows=5, columns=[{"values": ["a"], "codes": _codes(4)}]),
        400,
        upload=True,
    ),
    Malformed(
        "block: ragged rows", "/bahi/uploads/blocks", _block(values=[["a", "b"], ["c"]]), 400, upload=True
    ),
    Malformed("block: a list as a cell", "/bahi/uploads/blocks", _block(values=[[["a"]]]), 400, upload=True),
    Malformed(
        "block: a table claiming A1:CV1048576",
        "/bahi/uploads/blocks",
        _block(values=[["a"]], tables=[HUGE_TABLE]),
        413,
        upload=True,
    ),
    Malformed(
        "block: negative index", "/bahi/uploads/blocks", _block(index=-1, values=[["a"]]), 422, upload=True
    ),
    Malformed(
        "block: index past its count",
        "/bahi/uploads/blocks",
        _block(index=3, count=2, values=[["a"]]),
        400,
        upload=True,
    ),
)


# -- measuring ------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q`` percentile (0-100) of ``values``, in the same unit.

    >>> percentile([1, 2, 3, 4, 100], 50), percentile([1, 2, 3, 4, 100], 99)
    (3, 100)
    """
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


@dataclass
class Run:
    """Latencies (seconds) and answers of one load."""

    name: str
    clients: int
    seconds: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    rss_before: dict[str, float] = field(default_factory=dict)
    rss_after: dict[str, float] = field(default_factory=dict)
    wall: float = 0.0

    def ms(self, q: float) -> float:
        return 1000 * percentile(self.seconds, q)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def memory(server: ServedAt) -> dict[str, float]:
    """The server's resident memory in MB: its own process, and its workers together."""
    own = rss_mb(server.pid) or float("nan")
    workers = [rss_mb(pid) for pid in children(server.pid)]
    return {"server": own, "workers": sum(w for w in workers if w is not None), "count": len(workers)}


async def hammer(
    url: str, requests: list[tuple[str, bytes]], *, clients: int, calls: int, seconds: float, run: Run
) -> None:
    """``clients`` concurrent clients post ``requests`` in turn, ``calls`` in all, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    numbers = itertools.count()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:

        async def client() -> None:
            while time.monotonic() < deadline:
                i = next(numbers)
                if i >= calls:
                    return
                path, content = requests[i % len(requests)]
                started = time.perf_counter()
                answer = await http.post(path, content=content, headers=JSON_HEADERS)
                run.seconds.append(time.perf_counter() - started)
                run.statuses[answer.status_code] += 1

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        run.wall = time.perf_counter() - started


def load(
    server: ServedAt,
    name: str,
    requests: list[tuple[str, bytes]],
    *,
    clients: int,
    calls: int,
    seconds: float,
) -> Run:
    run = Run(name, clients, rss_before=memory(server))
    asyncio.run(hammer(server, requests, clients=clients, calls=calls, seconds=seconds, run=run))
    run.rss_after = memory(server)
    return run


def formulas_while_validating(server: ServedAt, validate: bytes, *, calls: int, seconds: float) -> Run:
    """One client's small formulas while two others press Validate again and again."""
    run = Run("small formulas while 2 Validates run", 1, rss_before=memory(server))

    async def both() -> None:
        stop = asyncio.Event()

        async def validating() -> None:
            async with httpx.AsyncClient(base_url=server, timeout=120) as http:
                while not stop.is_set():
                    answer = await http.post(SCRIPT, content=validate, headers=JSON_HEADERS)
                    run.statuses[answer.status_code] += 1

        busy = [asyncio.create_task(validating()) for _ in range(2)]
        await asyncio.sleep(0.5)  # both Validates under way
        try:
            await hammer(server, small_formulas(), clients=1, calls=calls, seconds=seconds, run=run)
        finally:
            stop.set()
            await asyncio.gather(*busy)

    asyncio.run(both())
    run.rss_after = memory(server)
    return run


@dataclass
class MemoryTrace:
    """The server's memory, sampled each second, while formula calls overlapped."""

    samples: list[float] = field(default_factory=list)
    run: Run | None = None


def overlapping_formulas(server: ServedAt, *, lines: int, clients: int, seconds: float) -> MemoryTrace:
    trace = MemoryTrace()
    big = body("trialbalance", [journal_argument(lines)])
    run = Run(f"TRIALBALANCE ({lines:,} lines), {clients} overlapping", clients, rss_before=memory(server))

    async def sampled() -> None:
        async def sample() -> None:
            while True:
                mb = memory(server)
                trace.samples.append(mb["server"] + mb["workers"])
                await asyncio.sleep(1)

        sampler = asyncio.create_task(sample())
        try:
            await hammer(server, [(FORMULA, big)], clients=clients, calls=10**9, seconds=seconds, run=run)
        finally:
            sampler.cancel()

    asyncio.run(sampled())
    run.rss_after = memory(server)
    trace.run = run
    return trace


DROPPED = 0
"""The status recorded when the server closed the connection instead of answering."""


@dataclass(frozen=True)
class Answered:
    case: Malformed
    status: int
    kept_alive: bool


def open_upload(connection: http.client.HTTPConnection) -> str:
    connection.request("POST", "/bahi/uploads", body=b"{}", headers=JSON_HEADERS)
    answer = connection.getresponse()
    data = answer.read()
    return str(json.loads(data)["upload"]) if answer.status == 200 else ""


def send_malformed(url: str, cases: tuple[Malformed, ...] = MALFORMED) -> list[Answered]:
    """Every case on one HTTP/1.1 connection, in turn: its status, and whether that connection was
    still the same open one afterwards."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
    answered = []
    upload = ""
    try:
        connection.connect()
        for case in cases:
            headers = JSON_HEADERS | case.headers
            if case.upload:
                upload = upload or open_upload(connection)
                headers["Bahi-Upload"] = upload
            sock = connection.sock
            try:
                connection.request("POST", case.path, body=case.body, headers=headers)
                answer = connection.getresponse()
                answer.read()
            except (OSError, http.client.HTTPException):  # the server dropped the connection
                answered.append(Answered(case, DROPPED, kept_alive=False))
                connection.close()
                connection.connect()
                continue
            kept = not answer.will_close and connection.sock is sock and sock is not None
            answered.append(Answered(case, answer.status, kept))
            if case.upload and answer.status == 413:
                upload = ""  # a block past the upload's caps drops the upload: open another
            if connection.sock is None:
                connection.connect()
    finally:
        connection.close()
    return answered


def fuzz(examples: int, seconds: float) -> Counter[int]:
    """schemathesis over the app's OpenAPI schema (built in-process), sent to the app in-process:
    the statuses it got, ``examples`` per operation, for at most ``seconds`` in all."""
    import schemathesis  # noqa: PLC0415
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415

    from addin.server.asgi import app, fastapi_app  # noqa: PLC0415

    schema = schemathesis.openapi.from_dict(fastapi_app.openapi())
    schema.app = app
    statuses: Counter[int] = Counter()
    deadline = time.monotonic() + seconds
    for result in schema.get_all_operations():
        operation = result.ok()
        if time.monotonic() > deadline:
            break

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def one(case: Any) -> None:
            if time.monotonic() > deadline:
                return
            statuses[case.call().status_code] += 1

        one()
    return statuses


# -- the report ----------------------------------------------------------------------------------------


def mb(value: float) -> str:
    return f"{value:.0f}"


def table(runs: list[Run], trace: MemoryTrace, malformed: list[Answered], fuzzed: Counter[int]) -> str:
    lines = [
        "| Load | Clients | Calls | p50 ms | p95 ms | p99 ms | 5xx | Server MB before → after "
        "| Workers MB before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    lines += [
        f"| {run.name} | {run.clients} | {len(run.seconds)} | {run.ms(50):.1f} | {run.ms(95):.1f} | "
        f"{run.ms(99):.1f} | {run.server_errors} | {mb(run.rss_before['server'])} → "
        f"{mb(run.rss_after['server'])} | {mb(run.rss_before['workers'])} → {mb(run.rss_after['workers'])} |"
        for run in [*runs, *([trace.run] if trace.run else [])]
    ]
    if trace.samples:
        lines += [
            "",
            f"Memory while formula calls overlapped (server and workers, MB, sampled each second for "
            f"{len(trace.samples)} s): first {trace.samples[0]:.0f}, highest {max(trace.samples):.0f}, "
            f"last {trace.samples[-1]:.0f}.",
        ]
    errors = [a for a in malformed if a.status >= 500 or a.status == DROPPED]
    dropped = [a.case.name for a in malformed if not a.kept_alive]
    wrong = [
        f"{a.case.name} ({a.status}, expected {a.case.status})"
        for a in malformed
        if a.status != a.case.status
    ]
    lines += [
        "",
        f"Malformed payloads: {len(malformed)} sent on one connection, {len(errors)} server errors "
        "or dropped connections, "
        f"{len(malformed) - len(dropped)} kept the connection alive"
        + (f" (closed after: {', '.join(dropped)})" if dropped else "")
        + (f"; not as expected: {'; '.join(wrong)}" if wrong else "")
        + ".",
        "",
        f"schemathesis: {sum(fuzzed.values())} generated requests, "
        f"{sum(n for s, n in fuzzed.items() if s >= 500)} server errors; statuses "
        + ", ".join(f"{s}: {n}" for s, n in sorted(fuzzed.items()))
        + ".",
    ]
    return "\n".join(lines)


@dataclass
class Options:
    formula_calls: int = 4000
    validate_calls: int = 40
    while_calls: int = 400
    gc_seconds: float = 60
    gc_lines: int = 2000
    fuzz_examples: int = 100
    lines: int = 10_000
    seconds: float = 300  # the most any one loop may run
    root: Path | None = None


def measure(options: Options, log: Callable[[str], None] = lambda _line: None) -> str:
    validate = validate_call(options.lines)
    with bahi_serve(root=options.root) as server:
        runs = [
            load(
                server,
                "small formulas",
                small_formulas(),
                clients=20,
                calls=options.formula_calls,
                seconds=options.seconds,
            ),
            load(
                server,
                f"Validate ({options.lines:,} lines, inline)",
                [(SCRIPT, validate)],
                clients=4,
                calls=options.validate_calls,
                seconds=options.seconds,
            ),
            formulas_while_validating(server, validate, calls=options.while_calls, seconds=options.seconds),
        ]
        for run in runs:
            log(f"{run.name}: p50 {run.ms(50):.1f} ms, p99 {run.ms(99):.1f} ms, {run.statuses}")
        trace = overlapping_formulas(server, lines=options.gc_lines, clients=20, seconds=options.gc_seconds)
        log(f"overlapping formulas: memory {trace.samples}")
        cases = tuple(c for c in MALFORMED if not (options.root and c.amplifies))
        malformed = send_malformed(server, cases)
        log(f"malformed: {Counter(a.status for a in malformed)}")
    fuzzed: Counter[int] = Counter()
    if options.root is None:  # in-process: only this checkout's app
        fuzzed = fuzz(options.fuzz_examples, options.seconds)
    log(f"schemathesis: {fuzzed}")
    return table(runs, trace, malformed, fuzzed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    defaults = Options()
    parser.add_argument("--formula-calls", type=int, default=defaults.formula_calls)
    parser.add_argument("--validate-calls", type=int, default=defaults.validate_calls)
    parser.add_argument("--while-calls", type=int, default=defaults.while_calls)
    parser.add_argument("--gc-seconds", type=float, default=defaults.gc_seconds)
    parser.add_argument("--gc-lines", type=int, default=defaults.gc_lines)
    parser.add_argument("--fuzz-examples", type=int, default=defaults.fuzz_examples)
    parser.add_argument("--lines", type=int, default=defaults.lines)
    parser.add_argument(
        "--seconds", type=float, default=defaults.seconds, help="the most any one loop may run"
    )
    parser.add_argument("--root", type=Path, help="run bahi serve from this checkout (a before/after)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    options = Options(**{k: v for k, v in vars(args).items() if k != "out"})
    text = "\n".join(
        [
            "# The add-in server under load and abuse (loopback)",
            "",
            "`"
            + " ".join(["python -m benchmarks.server_load", *(argv if argv is not None else sys.argv[1:])])
            + "`",
            "",
            measure(options, lambda line: print(line, file=sys.stderr)),
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), "
            f"Python {platform.python_version()}; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
            "",
        ]
    )
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
