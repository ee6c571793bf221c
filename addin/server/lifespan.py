"""What starts and stops with the add-in server (xlwings-server runs this project file's ``lifespan``).

On start: the upload sweeper (:func:`addin.server.uploads.ensure_sweeping`) and the worker
processes, warmed up before the first request is served (:meth:`addin.server.workers.Workers.warm`).
On stop: the workers, after their running jobs.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from addin.server import uploads
from addin.server.workers import WORKERS


@contextlib.asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    uploads.ensure_sweeping()
    await WORKERS.warm()
    try:
        yield
    finally:
        WORKERS.shutdown()
