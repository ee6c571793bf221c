"""Bahi's worker processes: where ribbon scripts and big cell formulas run, off the event loop.

A Validate over 100,000 lines is half a second of Python. Run on the server's event loop it held up
every other request meanwhile (small formulas went from 3 ms to over 200 ms while two Validates
ran); run in a thread it would still share one interpreter lock and one garbage collector with them.
So scripts, and formulas whose request is larger than :data:`INLINE_FORMULA_BYTES`, go to a pool of
``BAHI_WORKERS`` processes (default :data:`DEFAULT_WORKERS`), started by ``spawn`` (a fresh
interpreter, nothing inherited but the environment) and warmed up when the server starts.

Each worker runs one job at a time, so it is the one place where pausing the cyclic garbage
collector for a job is safe (:mod:`addin.engine.gc_pause`): the pause ends with the job. The objects
every job needs (the imported modules) are moved out of the collector's sight once, at start
(``gc.freeze``). Requests and answers travel as bytes (:mod:`addin.server.calls`).

Small formulas (INRFORMAT, GSTIN_VALID over a few cells) run on the server's event loop itself:
a millisecond or two, less than any hop to a thread (20 threads would also queue for the
interpreter lock behind each other and the loop) or a process. ``BAHI_WORKERS=0`` runs every job
in a thread of the server's own process instead (tests, a debugger). A worker that dies (killed
for memory, say) is replaced; its request gets a 503 with a bilingual message and the next one a
fresh pool.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from addin.server.answers import Reply, refusal

logger = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
INLINE_FORMULA_BYTES = 16 * 1024
"""A formula call up to this size runs on the server's event loop (see the module docstring)."""


def worker_count() -> int:
    """``BAHI_WORKERS``: how many worker processes (0: run jobs in the server's own process)."""
    text = os.environ.get("BAHI_WORKERS", "").strip()
    if not text:
        return DEFAULT_WORKERS
    try:
        return max(0, int(text))
    except ValueError:
        logger.warning("BAHI_WORKERS=%r is not a number; using %d", text, DEFAULT_WORKERS)
        return DEFAULT_WORKERS


def start_worker() -> None:
    """A worker's first act: leave Ctrl+C to the server (which stops its workers itself, after
    their running jobs: no traceback from each), import what every job needs, then freeze it out
    of the collector's sight (it lives as long as the process; walking it on every collection is
    pure cost)."""
    from addin.server import calls  # noqa: PLC0415

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    calls.formulas()
    calls.scripts()
    for module in ("addin.macros.ledger_macros", "addin.macros.sheets", "addin.macros.reconcile"):
        try:
            __import__(module)  # what the scripts import on their first click
        except ImportError:  # pragma: no cover - a macro module still being written
            logger.warning("worker: %s could not be imported", module)
    gc.collect()
    gc.freeze()


def ready() -> dict[str, Any]:
    """A job that only reports on its worker: its process id, whether a pause of the
    collector takes effect there (it must: the worker is Bahi's alone) and whether the collector
    runs again after it (it must: the pause ends with the job). Each worker answers it once it
    has started (:meth:`Workers.warm`)."""
    from addin.engine.gc_pause import no_cyclic_gc  # noqa: PLC0415

    with no_cyclic_gc():
        paused = not gc.isenabled()
    return {
        "pid": os.getpid(),
        "paused_in_a_job": paused,
        "collector_after": gc.isenabled(),
    }


class Workers:
    """The pool, started on first use (or by :meth:`warm`), replaced if one of its processes dies."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.count, mp_context=multiprocessing.get_context("spawn"), initializer=start_worker
                )
            return self._pool

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)

    async def run(self, job: Callable[..., T], *args: Any) -> T | Reply:
        """``job(*args)`` in a worker process (in a thread of this process when there are none)."""
        if self.count == 0:
            return await run_in_threadpool(job, *args)
        pool = self._executor()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, functools.partial(job, *args))
        except BrokenProcessPool:
            logger.exception("a Bahi worker process stopped; starting a new pool")
            self._replace(pool)
            return refusal(
                503,
                "the server's worker stopped while running this (perhaps for want of memory); press again",
                "यह चलाते समय सर्वर का वर्कर रुक गया (शायद मेमोरी कम थी); फिर दबाएँ",
            )

    async def warm(self) -> list[dict[str, Any]]:
        """Start every worker now (and wait for it): the first click then finds them ready."""
        if self.count == 0:
            return []
        loop = asyncio.get_running_loop()
        pool = self._executor()
        return list(await asyncio.gather(*(loop.run_in_executor(pool, ready) for _ in range(self.count))))

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


WORKERS = Workers(worker_count())
