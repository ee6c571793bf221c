"""Pausing Python's cyclic garbage collector around work that makes many objects and no cycles.

A 100,000-line journal is about a million Python objects while a macro runs. Every collection of
the oldest generation walks all of them, and collections are triggered by allocation counts, so a
step that allocates many small lists or records (parsing a block of rows, building report lines)
pays for the whole heap again and again — measured as a third or more of a macro's time. Reference
counting still frees everything as usual; only the cycle detector waits until the block ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pausers = 0  # pauses now running, in any thread or task
_was_enabled = False


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector inside the block, then restore it as it was.

    The collector is one per process: pauses that overlap (nested, or in concurrent requests) are
    counted, and the collector is restored when the last one ends.

    >>> import gc
    >>> with no_cyclic_gc():
    ...     with no_cyclic_gc():
    ...         pass
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _pausers, _was_enabled  # noqa: PLW0603 - one process-wide collector to pause
    with _lock:
        if _pausers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _lock:
            _pausers -= 1
            if _pausers == 0 and _was_enabled:
                gc.enable()
