"""Arrow's buffers from the C library's allocator in a process that is Bahi's alone.

pyarrow allocates through mimalloc by default, which hands freed pages back to the system soon
after they are freed. A command over a trading book makes and drops Arrow text columns of a few
hundred thousand values many times over (narrations, voucher numbers, party names spread to
lines), so with mimalloc it keeps asking the kernel for pages it has just returned: on a 50,000
invoice + 50,000 bill book that was a second or more of system time in a seven-second run. The
C library's allocator keeps freed memory for the next column, and the same run's system time
halves and its peak memory falls (about 40 MB).

The pool is one per process: :func:`use_system_allocator` is called where the process is Bahi's
alone (the ``bahi`` command line; the trade benchmark's child, which stands for it). Buffers
allocated before the call stay with the pool that made them.

>>> import pyarrow as pa
>>> before = pa.default_memory_pool()
>>> use_system_allocator()
>>> pa.default_memory_pool().backend_name
'system'
>>> pa.set_memory_pool(before)
"""

from __future__ import annotations

import pyarrow as pa


def use_system_allocator() -> None:
    """Make the C library's allocator Arrow's default memory pool for the rest of the process."""
    pa.set_memory_pool(pa.system_memory_pool())


__all__ = ["use_system_allocator"]
