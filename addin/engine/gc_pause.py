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
from collections.abc import Iterator


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector inside the block, then restore it as it was.

    >>> import gc
    >>> with no_cyclic_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
