"""The cell formulas xlwings-server serves: everything ``@func``-decorated in :mod:`udfs`.

Tolerates a missing or half-written ``udfs`` package (the server still starts, with the ribbon
and no formulas).
"""

from __future__ import annotations

import logging

try:
    from udfs import *  # noqa: F403  (re-exported for xlwings-server's inspect.getmembers)
except ImportError:  # pragma: no cover - only while udfs is being written
    logging.getLogger(__name__).warning("udfs could not be imported: no BAHI.* cell formulas")
