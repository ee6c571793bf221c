"""Fixtures for the Excel side: a small ledger workbook, its Office.js payload, the app.

xlwings-server reads its settings when first imported, so the environment is configured here,
before any test module imports ``xlwings_server`` or ``addin.server.asgi``.
"""

from __future__ import annotations

import pathlib
import sys
from collections.abc import Iterator

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
    with TestClient(app) as c:
        yield c
