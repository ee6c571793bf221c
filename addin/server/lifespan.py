"""What starts and stops with the add-in server (xlwings-server runs this project file's ``lifespan``).

On start: this process stops pausing the garbage collector (it serves many requests at once: see
:mod:`addin.engine.gc_pause`), the upload sweeper starts (:func:`addin.server.uploads.ensure_sweeping`)
and the worker processes are warmed up before the first request is served
(:meth:`addin.server.workers.Workers.warm`). On stop: the workers, after their running jobs, and
the collector policy as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from addin.engine import gc_pause
from addin.server import uploads, workers


@contextlib.asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    allowed = gc_pause.pauses_allowed()
    gc_pause.forbid_pauses()
    uploads.ensure_sweeping()
    await workers.WORKERS.warm()
    try:
        yield
    finally:
        workers.WORKERS.shutdown()
        if allowed:
            gc_pause.allow_pauses()
