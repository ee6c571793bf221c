"""Ranges of indices as flat arrays, for joins done with binary search instead of Python loops."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Indices = npt.NDArray[np.int64]


def spread(starts: Indices, counts: Indices) -> tuple[Indices, Indices]:
    """Every index of the ranges ``starts[i]`` … ``starts[i] + counts[i] - 1``, in order, each with the
    number of its range: (range, index).

    >>> ranges, indices = spread(np.array([5, 0, 9]), np.array([2, 3, 0]))
    >>> ranges.tolist(), indices.tolist()
    ([0, 0, 1, 1, 1], [5, 6, 0, 1, 2])
    """
    counts = np.asarray(counts, dtype=np.int64)
    ranges = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    within = np.arange(len(ranges), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return ranges, np.repeat(np.asarray(starts, dtype=np.int64), counts) + within
