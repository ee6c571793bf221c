"""Fixtures for the Excel side: a small ledger workbook, its Office.js payload, the app.

xlwings-server reads its settings when first imported, so the environment is configured here,
before any test module imports ``xlwings_server`` or ``addin.server.asgi``.
"""

from __future__ import annotations

import pathlib
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from addin.server.serve import configure_environment

configure_environment()

# As under `python -m pytest` (what `make test` runs): the repository root first, so that the
# top-level `udfs` package wins over the test folder of the same name.
ROOT = pathlib.Path(__file__).resolve().parents[2]
if sys.path[0] != str(ROOT):
    sys.path.insert(0, str(ROOT))

from addin.server.asgi import app  # noqa: E402  (after configure_environment)
from tests.server.books import build_small_ledger  # noqa: E402


@pytest.fixture(scope="session")
def small_ledger(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return build_small_ledger(tmp_path_factory.mktemp("books") / "small.xlsx")


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """The app as ``bahi serve`` runs it, its worker processes started (its lifespan). Its start
    forbids pauses of the garbage collector in this process (a server's); the test process is not
    one, and the engine's and the formulas' own tests pause it: allowed again here."""
    from addin.engine import gc_pause  # noqa: PLC0415

    with TestClient(app) as c:
        gc_pause.allow_pauses()
        yield c


@pytest.fixture(autouse=True)
def fresh_store(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Each test its own in-memory upload store: uploads one test leaves open (on purpose, or
    schemathesis's) never count against the next test's sender."""
    from addin.server import uploads  # noqa: PLC0415

    store = uploads.MemoryUploadStore()
    monkeypatch.setattr(uploads, "STORE", store)
    return store


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scripts and big formulas run in a thread of this process instead of a worker process, so
    that what a test monkeypatches applies to them too."""
    from addin.server import routes  # noqa: PLC0415
    from addin.server.workers import Workers  # noqa: PLC0415

    monkeypatch.setattr(routes, "WORKERS", Workers(0))
