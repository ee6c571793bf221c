"""Pausing Python's cyclic garbage collector around work that makes many objects and no cycles.

A 100,000-line journal is about a million Python objects while a macro runs. Every collection of
the oldest generation walks all of them, and collections are triggered by allocation counts, so a
step that allocates many small lists or records (parsing a block of rows, building report lines)
pays for the whole heap again and again — measured as a third or more of a macro's time. Reference
counting still frees everything as usual; only the cycle detector waits until the block ends.

The collector is one per process, so a pause is a process-wide switch. It is taken only in a
process that is Bahi's alone: the ``bahi`` command line, or one of the add-in server's worker
processes (:mod:`addin.server.workers`), which runs one macro at a time. The server's own process,
where many requests overlap, says so with :func:`forbid_pauses` when it starts
(:mod:`addin.server.lifespan`); there :func:`no_cyclic_gc` does nothing (overlapping pauses there
kept the collector off for good under load, and memory grew).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pausers = 0  # pauses now running, in any thread or task
_was_enabled = False
_allowed = True  # False in a process serving many requests at once (the add-in server's own)


def forbid_pauses() -> None:
    """From now on :func:`no_cyclic_gc` leaves the collector alone in this process.

    >>> forbid_pauses()
    >>> pauses_allowed()
    False
    >>> allow_pauses()
    """
    global _allowed  # noqa: PLW0603 - one policy for the process's one collector
    _allowed = False


def allow_pauses() -> None:
    """Undo :func:`forbid_pauses` (a process that is Bahi's alone: the default)."""
    global _allowed  # noqa: PLW0603
    _allowed = True


def pauses_allowed() -> bool:
    """Whether :func:`no_cyclic_gc` may pause the collector in this process."""
    return _allowed


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector inside the block, then restore it as it was.

    The collector is one per process: pauses that overlap (nested, or in concurrent threads) are
    counted, and the collector is restored when the last one ends. Does nothing in a process that
    has called :func:`forbid_pauses`.

    >>> import gc
    >>> with no_cyclic_gc():
    ...     with no_cyclic_gc():
    ...         pass
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if not _allowed:
        yield
        return
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
