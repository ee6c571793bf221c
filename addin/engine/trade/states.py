"""GST state codes as typed in a cell: "27", 27, "27-Maharashtra", "Maharashtra" or "maharashtra".

The codes and names are those of :data:`addin.engine.identifiers.gstin.STATES` (the first two
digits of a GSTIN). Place of supply and a party's state are kept as the two-digit code.

>>> [state_code(v) for v in ("27", 27.0, "27-Maharashtra", " maharashtra ", "7", "Atlantis", "")]
['27', '27', '27', '27', '07', '', '']
>>> state_label("29")
'29-Karnataka'
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.identifiers.gstin import STATES

_LEADING_CODE = re.compile(r"^\s*(\d{1,2})(?:\s*[-–:]\s*.*)?$")
_NAMES = {name.casefold(): code for code, name in STATES.items()}


def state_code(value: object) -> str:
    """The two-digit state code a cell names, or "" when it names none."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        if math.isnan(value) or int(value) != value:  # NaN or a fraction
            return ""
        value = str(int(value))
    text = str(value).strip()
    if not text:
        return ""
    match = _LEADING_CODE.match(text)
    if match:
        code = f"{int(match[1]):02d}"
        return code if code in STATES else ""
    return _NAMES.get(" ".join(text.split()).casefold(), "")


def state_label(code: str) -> str:
    """A state as the template's dropdown shows it: "27-Maharashtra"."""
    return f"{code}-{STATES[code]}" if code in STATES else code


STATE_LABELS: tuple[str, ...] = tuple(state_label(code) for code in STATES)
"""Every state as "27-Maharashtra", in code order (the template's dropdown)."""


def state_codes(texts: pd.Series[str]) -> pd.Series[str]:
    """:func:`state_code` of each text, each distinct text read once ("" where none or blank).

    >>> state_codes(pd.Series(["27", "", "29-Karnataka", "27"])).tolist()
    ['27', '', '29', '27']
    """
    codes_raw, uniques = pd.factorize(texts, use_na_sentinel=True)
    codes = np.asarray(codes_raw, dtype=np.int64)
    table = pa.array([state_code(u) for u in uniques] + [""], type=pa.large_string())
    picked = pc.take(table, pa.array(np.where(codes < 0, len(uniques), codes)))
    return pd.Series(picked, index=texts.index, dtype="str")
