"""What starts and stops with the add-in server (xlwings-server runs this project file's ``lifespan``).

On start: this process stops pausing the garbage collector (it serves many requests at once: see
:mod:`addin.engine.gc_pause`), the upload sweeper starts (:func:`addin.server.uploads.ensure_sweeping`)
and the worker processes are warmed up before the first request is served
(:meth:`addin.server.workers.Workers.warm`). Then what the server imported — about half a million
objects that live as long as it does — is moved out of the collector's sight (``gc.freeze``): the
collector keeps running, but its full collections walk only what requests made, not the libraries
again and again. On stop: the workers, after their running jobs, and the collector as it was.
"""

from __future__ import annotations

import contextlib
import gc
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
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        workers.WORKERS.shutdown()
        gc.unfreeze()
        if allowed:
            gc_pause.allow_pauses()
