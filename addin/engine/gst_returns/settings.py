"""The Settings rows of the GSTR-2B reconciliation: how far the books and the 2B may differ.

=============================  ========  =====================================================
Setting                        default   meaning
=============================  ========  =====================================================
GSTR-2B Amount Tolerance       1.00      rupees the taxable value, IGST, CGST, SGST or cess may
                                         differ and still agree
GSTR-2B Date Tolerance         0         days the dates may differ and still agree
GSTR-2B Match Window           30        days apart two lines may be dated and still pair by a
                                         number alike (0–366)
=============================  ========  =====================================================

A value that cannot be read is an ``invalid-setting`` issue at its cell, and the default is used.

>>> from addin.engine.tables import RawTable
>>> table = RawTable.from_rows("Settings", "Settings", [["Setting", "Value"],
...     ["GSTR-2B Amount Tolerance / जीएसटीआर-2बी राशि छूट", "10"], ["GSTR-2B Date Tolerance", "two"]])
>>> tolerances, issues = load_tolerances(table)
>>> tolerances
Tolerances(amount=1000, date_days=0, window_days=30)
>>> [(i.rule, i.cell, i.value) for i in issues]
[('invalid-setting', 'B3', 'two')]
"""

from __future__ import annotations

from addin.engine.cells import CellState, amount_of, cell_text
from addin.engine.gst_returns.gstr2b_match import Tolerances
from addin.engine.issues import Issue
from addin.engine.load import map_columns
from addin.engine.messages import make_issue
from addin.engine.rules import Rule
from addin.engine.schema import GST_RETURN_SETTINGS, SETTINGS, canonical_column
from addin.engine.tables import RawTable

_EXPECTED: dict[str, tuple[str, str, int]] = {
    "GSTR-2B Amount Tolerance": ("an amount in rupees, such as 1.00", "रुपयों में राशि, जैसे 1.00", 10**9),
    "GSTR-2B Date Tolerance": ("a whole number of days 0–366", "दिनों की पूर्ण संख्या 0–366", 366),
    "GSTR-2B Match Window": ("a whole number of days 0–366", "दिनों की पूर्ण संख्या 0–366", 366),
}


def load_tolerances(table: RawTable | None) -> tuple[Tolerances, list[Issue]]:
    """The reconciliation's tolerances from the Settings table (defaults where a row is missing or
    blank), with an issue for each value that cannot be read."""
    defaults = Tolerances()
    values = {
        "GSTR-2B Amount Tolerance": defaults.amount,
        "GSTR-2B Date Tolerance": defaults.date_days,
        "GSTR-2B Match Window": defaults.window_days,
    }
    issues: list[Issue] = []
    if table is not None:
        positions, _ = map_columns(table, SETTINGS)  # the ledger's loader reports the table's shape
        if "Setting" in positions and "Value" in positions:
            keys = table.columns[positions["Setting"]].tolist()
            raw = table.columns[positions["Value"]].tolist()
            for index, (key_cell, value) in enumerate(zip(keys, raw, strict=True)):
                key = canonical_column(GST_RETURN_SETTINGS, key_cell)
                if key is None or not cell_text(value):
                    continue
                parsed = _parse(key, value)
                if parsed is None:
                    expected_en, expected_hi, _ = _EXPECTED[key]
                    issues.append(
                        make_issue(
                            Rule.INVALID_SETTING, table.sheet, table.address(index, positions["Value"]),
                            "Value", cell_text(value), setting=key, default=_shown(key, values[key]),
                            expected=expected_en, expected_hi=expected_hi,
                        )
                    )  # fmt: skip
                    continue
                values[key] = parsed
    tolerances = Tolerances(
        amount=values["GSTR-2B Amount Tolerance"],
        date_days=values["GSTR-2B Date Tolerance"],
        window_days=values["GSTR-2B Match Window"],
    )
    return tolerances, issues


def _parse(key: str, value: object) -> int | None:
    """A setting's value: paise for the amount, whole days for the others; None when unreadable."""
    reading = amount_of(value)
    if reading.state is not CellState.OK or reading.paise < 0 or reading.paise > _EXPECTED[key][2] * 100:
        return None
    if key == "GSTR-2B Amount Tolerance":
        return reading.paise
    days, rest = divmod(reading.paise, 100)
    return None if rest else days


def _shown(key: str, value: int) -> str:
    return f"{value / 100:.2f}" if key == "GSTR-2B Amount Tolerance" else str(value)
