"""The ``bahi`` command pauses Python's cyclic collector while it works on a book (the process is
Bahi's alone: :mod:`addin.engine.gc_pause`), never while ``bahi serve`` serves."""

from __future__ import annotations

import argparse
import gc

import pytest

from addin import cli


@pytest.fixture
def collector_seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []

    def checked_run(args: argparse.Namespace, term: object) -> int:
        seen.append(gc.isenabled())
        return cli.EXIT_OK

    monkeypatch.setattr(cli, "_checked_run", checked_run)
    return seen


def test_a_command_on_a_book_runs_with_the_collector_paused_and_restores_it(
    collector_seen: list[bool],
) -> None:
    assert gc.isenabled()
    assert cli.main(["validate", "books.xlsx", "-q"]) == cli.EXIT_OK
    assert collector_seen == [False]
    assert gc.isenabled()


def test_serve_keeps_the_collector_running(collector_seen: list[bool]) -> None:
    assert cli.main(["serve", "--http"]) == cli.EXIT_OK
    assert collector_seen == [True]
