"""The load and abuse suite of ``benchmarks/server_load.py`` in a short form: a real ``bahi serve``
over loopback, every loop bounded in count and in time, and schemathesis over the app's OpenAPI
schema (built in-process) with a few examples an operation. Figures are printed, not judged
(``python -m benchmarks.server_load`` measures them at length); what is checked is that every
answer is what it should be and that no request ever gets a server error.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from addin.server.asgi import app, fastapi_app
from benchmarks import server_load
from benchmarks.serve_process import ServedAt, bahi_serve

SECONDS = 60  # the most any one loop may run


@pytest.fixture(scope="module")
def server() -> Iterator[ServedAt]:
    with bahi_serve(wait_seconds=120) as url:
        yield url


@pytest.fixture(scope="module")
def validate_call() -> bytes:
    return server_load.validate_call(2_000)


def test_twenty_clients_typing_small_formulas(server: ServedAt) -> None:
    run = server_load.load(
        server, "small formulas", server_load.small_formulas(), clients=20, calls=200, seconds=SECONDS
    )
    print(
        f"\n20 clients: p50 {run.ms(50):.1f} ms, p99 {run.ms(99):.1f} ms, {run.rss_before} -> {run.rss_after}"
    )
    assert dict(run.statuses) == {200: len(run.seconds)}
    assert len(run.seconds) == 200


def test_four_clients_pressing_validate(server: ServedAt, validate_call: bytes) -> None:
    run = server_load.load(
        server, "Validate", [(server_load.SCRIPT, validate_call)], clients=4, calls=8, seconds=SECONDS
    )
    print(
        f"\n4 clients: p50 {run.ms(50):.1f} ms, p99 {run.ms(99):.1f} ms, {run.rss_before} -> {run.rss_after}"
    )
    assert dict(run.statuses) == {200: 8}


def test_small_formulas_are_answered_while_two_validates_run(server: ServedAt, validate_call: bytes) -> None:
    run = server_load.formulas_while_validating(server, validate_call, calls=30, seconds=SECONDS)
    print(f"\nwhile validating: p50 {run.ms(50):.1f} ms, p99 {run.ms(99):.1f} ms")
    assert set(run.statuses) == {200}
    assert len(run.seconds) == 30


def test_overlapping_formula_calls(server: ServedAt) -> None:
    trace = server_load.overlapping_formulas(server, lines=1_000, clients=20, seconds=5)
    assert trace.run is not None
    memory = [round(s) for s in trace.samples]
    print(f"\noverlapping: {len(trace.run.seconds)} calls, memory each second {memory} MB")
    assert set(trace.run.statuses) == {200}
    assert trace.samples


def test_malformed_payloads_over_one_kept_alive_connection(server: ServedAt) -> None:
    answered = server_load.send_malformed(server)
    assert [a.status for a in answered] == [c.status for c in server_load.MALFORMED]
    assert all(a.kept_alive for a in answered)


SCHEMA = schemathesis.openapi.from_dict(fastapi_app.openapi())
SCHEMA.app = app


@SCHEMA.parametrize()
@settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_no_server_error(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
