"""Indian tax identifiers, python-stdnum style: one module an identifier, each with the same API.

``compact(text) -> str`` strips separators and upper-cases; ``validate(text) -> str`` returns the
compact form or raises a :class:`~addin.engine.identifiers.errors.ValidationError` (a ``ValueError``)
that says what is wrong; ``is_valid(text) -> bool`` never raises; ``format(text) -> str`` gives the
printed form.

>>> from addin.engine.identifiers import gstin, pan
>>> gstin.is_valid("27AAPFU0939F1ZV"), pan.is_valid("AAPFU0939F")
(True, True)
"""

from __future__ import annotations

from addin.engine.identifiers import gstin, pan
from addin.engine.identifiers.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

__all__ = [
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "ValidationError",
    "gstin",
    "pan",
]
