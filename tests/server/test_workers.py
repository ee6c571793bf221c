"""Scripts and big formulas run in Bahi's worker processes, off the server's event loop.

The server's own process never pauses the garbage collector; a worker may, for the length of one job.
"""

from __future__ import annotations

import asyncio
import collections
import os
import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from addin.engine import gc_pause
from addin.server import workers
from addin.server.answers import Reply
from addin.server.workers import WORKERS, Workers, ready
from benchmarks.formula_latency import body, journal_argument
from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH
from workbook_templates.trading import TRADING_DEMO_PATH


def test_a_worker_is_another_process_that_may_pause_the_collector_only_within_a_job(
    client: TestClient,
) -> None:
    assert WORKERS.count >= 1
    report: Any = asyncio.run(WORKERS.run(ready))
    assert report["pid"] != os.getpid()
    assert report["paused_in_a_job"] is True
    assert report["collector_after"] is True


def test_scripts_and_big_formulas_go_to_the_workers_small_formulas_stay(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[str] = []
    real = Workers.run

    async def spy(self: Workers, job: Any, *args: Any) -> Any:
        sent.append(job.__name__)
        return await real(self, job, *args)

    monkeypatch.setattr(Workers, "run", spy)
    payload = payload_from_xlsx(DEMO_PATH, include=["Accounts", "Journal", "Settings", "Issues"])
    assert client.post("/xlwings/custom-scripts-call/bahi_validate", json=payload).status_code == 200
    small = body("inrformat", [[[1250.5]]])
    big = body("trialbalance", [journal_argument(300)])
    assert len(small) <= workers.INLINE_FORMULA_BYTES < len(big)
    for content in (small, big):
        answer = client.post("/xlwings/custom-functions-call", content=content)
        assert answer.status_code == 200, answer.text
    assert sent == ["script_call", "formula_call"]


def test_the_servers_own_process_never_pauses_the_collector() -> None:
    gc_pause.forbid_pauses()
    try:
        import gc  # noqa: PLC0415

        with gc_pause.no_cyclic_gc(), gc_pause.no_cyclic_gc():
            assert gc.isenabled()
    finally:
        gc_pause.allow_pauses()


def test_a_worker_that_dies_is_a_503_and_the_next_job_gets_a_fresh_pool() -> None:
    pool = Workers(1)
    try:
        died = asyncio.run(pool.run(os._exit, 3))
        assert isinstance(died, Reply)
        assert died.status == 503
        assert "वर्कर" in died.body.decode()
        again: Any = asyncio.run(pool.run(ready))
        assert again["pid"] != os.getpid()
    finally:
        pool.shutdown()


def test_with_no_workers_jobs_run_in_a_thread_of_this_process() -> None:
    report: Any = asyncio.run(Workers(0).run(ready))
    assert report["pid"] == os.getpid()


def test_the_app_forbids_pauses_in_its_own_process_while_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from addin.server import lifespan  # noqa: PLC0415

    monkeypatch.setattr(workers, "WORKERS", Workers(0))  # not the session's pool: it stops with the app
    seen: list[bool] = []

    async def run() -> None:
        async with lifespan.lifespan(None):
            seen.append(gc_pause.pauses_allowed())

    asyncio.run(run())
    assert seen == [False]
    assert gc_pause.pauses_allowed()  # as it was before


def test_with_no_workers_each_answer_carries_exactly_its_own_alert_while_runs_overlap(
    client: TestClient, in_process: None
) -> None:
    """Scripts in threads of one process (``BAHI_WORKERS=0``): xlwings' ``App.alert`` goes to the
    process's active book, so overlapping runs lost their alert or got another book's."""
    scripts = client.get("/xlwings/custom-scripts-meta").json()
    meta = {m["function_name"]: m["include"].split(",") for m in scripts}
    own = {DEMO_PATH: "3,281 journal lines", TRADING_DEMO_PATH: "570 journal lines"}
    jobs = [
        (path, name, payload_from_xlsx(path, include=meta[name]))
        for path in own
        for name in ("bahi_trial_balance", "bahi_validate")
    ]
    tally: collections.Counter[tuple[int, int]] = collections.Counter()

    def clicks(first: int) -> None:
        for k in range(3):
            path, name, payload = jobs[(first + k) % len(jobs)]
            actions = client.post(f"/xlwings/custom-scripts-call/{name}", json=payload).json()["actions"]
            alerts = [a["args"][0] for a in actions if a["func"] == "alert"]
            tally[len(alerts), sum(own[path] in alert for alert in alerts)] += 1

    threads = [threading.Thread(target=clicks, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert tally == {(1, 1): 18}
