"""Invoice numbers as the books and the supplier's GSTR-1 write them, made comparable.

A vendor's bill "SGT/2025-26/0045" is typed in the books as "45", "SGT-45" or "sgt/25-26/45"; the
supplier's GSTR-1 (and so the GSTR-2B) has it as the vendor wrote it. :func:`invoice_keys` drops
what differs between such spellings:

1. the financial year when written as one ("2025-26", "25-26", "FY 2025-26", "2025/26"), and a
   lone year 2017–2035 between separators when other digits remain ("INV/2025/45" → INV 45);
2. then, as :func:`~addin.engine.trade.duplicates.normalise_numbers` compares vendors' bills:
   capitals, letters and digits only, leading zeros of each run of digits dropped.

:func:`digit_keys` keeps only the digits of that (the serial the two sides nearly always agree on).

>>> invoice_keys(["SGT/2025-26/0045", "sgt-45", "FY25-26/SGT/045", "INV/2025/45", "2025/07"]).tolist()
['SGT45', 'SGT45', 'SGT45', 'INV45', '7']
>>> digit_keys(["SGT/2025-26/0045", "A-12B-3"]).tolist()
['45', '123']
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.trade.columns import arrow
from addin.engine.trade.duplicates import normalise_numbers

_YEARS = range(17, 40)
_FY = (
    r"(^|[^0-9])(?:FY\s*)?(?:"
    + "|".join(f"(?:20)?{y:02d}\\s*[-/]\\s*(?:20)?{y + 1:02d}" for y in _YEARS)
    + r")([^0-9]|$)"
)
_LONE_YEAR = r"(^|[^0-9])20(?:1[7-9]|2[0-9]|3[0-5])([^0-9]|$)"


def _drop(upper: pa.Array, pattern: str) -> pa.Array:
    """``pattern`` (a token between two groups that keep its neighbours) replaced by a separator,
    where some digit remains after it."""
    dropped = pc.replace_substring_regex(upper, pattern, r"\1 \2")
    keeps_digits = pc.match_substring_regex(dropped, "[0-9]")
    return pc.if_else(keeps_digits, dropped, upper)


def invoice_keys(numbers: Any) -> pd.Series[str]:
    """Each number's comparison key (see the module), vectorised; "" for a blank number."""
    upper = pc.utf8_upper(arrow(numbers))
    without_year = _drop(_drop(upper, _FY), _LONE_YEAR)
    return normalise_numbers(pd.Series(without_year, dtype="str"))


def digit_keys(numbers: Any) -> pd.Series[str]:
    """The digits of each number's key (leading zeros of each run already dropped)."""
    keys = arrow(invoice_keys(numbers))
    return pd.Series(pc.replace_substring_regex(keys, "[^0-9]+", ""), dtype="str")
