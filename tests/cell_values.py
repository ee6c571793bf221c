"""Cell values as Hypothesis generates them for the grammar's tests: every accepted writing of a date
and of an amount, numbers, serials, dates and datetimes in and out of range, and junk."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from addin.engine.cells.dates import MONTHS_EN, MONTHS_HI
from addin.engine.money import format_inr


def date_writings(day: dt.date) -> list[str]:
    """Every way the grammar accepts to write ``day`` as text."""
    d, m, y = day.day, day.month, day.year
    month = MONTHS_EN[m - 1]
    writings = [
        f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}-{m:02d}-{y}", f"{d}.{m}.{y}",
        f"{d}-{month[:3]}-{y}", f"{d:02d} {month} {y}", f"{month[:3]} {d}, {y}",
        f"{d}st {month[:3]}, {y}", f"{d} {MONTHS_HI[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}",
        f"{y}-{m:02d}-{d:02d}T00:00:00.000Z",
        f"{y}{m:02d}{d:02d}", f"{d:02d}/{m:02d}/{y} 10:15 AM", f"{y}-{m:02d}-{d:02d} 23:59:59",
    ]  # fmt: skip
    if 1930 <= y <= 2029:
        writings.append(f"{d:02d}/{m:02d}/{y % 100:02d}")
    return writings


def amount_writings(paise: int) -> list[str]:
    """Ways the grammar accepts to write ``paise`` (in a Debit or Credit cell) as text."""
    sign, rupees, rest = "-" if paise < 0 else "", abs(paise) // 100, abs(paise) % 100
    writings = [
        format_inr(paise), f"{sign}{rupees}.{rest:02d}", f"{sign}{rupees:,}.{rest:02d}",
        f"{sign}₹ {format_inr(abs(paise))}", f"{sign}Rs. {rupees}.{rest:02d}",
        f"{sign}INR {rupees}.{rest:02d}", f" {format_inr(paise)}\xa0",
    ]  # fmt: skip
    if paise < 0:
        writings.append(f"({format_inr(-paise)})")
    else:
        writings += [f"{format_inr(paise)} Dr", f"{format_inr(paise)}(Cr)", f"{rupees}.{rest:02d}Cr."]
    if rest == 0:
        writings.append(f"{sign}{rupees:,}/-")
    return writings


JUNK = ["abc", "31/04/2025", "29/02/2025", "04/13/2025", "1,2,3", "12,5", "1.2.3", "(500", "--5",
        "#N/A", "#REF!", "  ", "-", "tomorrow", "April 2025", "01/04/202", "45748", "1e5", "₹", "Rs.",
        "0/4/2025"]  # fmt: skip

days = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2262, 4, 11))
amounts = st.integers(min_value=-(10**14), max_value=10**14)
cell_values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-3e6, max_value=3e6),
    st.integers(min_value=-(10**17), max_value=10**17),
    st.booleans(),
    st.none(),
    st.sampled_from(JUNK),
    days.flatmap(lambda day: st.sampled_from(date_writings(day))),
    amounts.flatmap(lambda paise: st.sampled_from(amount_writings(paise))),
    st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2400, 1, 1)),
    st.datetimes(min_value=dt.datetime(1600, 1, 1), max_value=dt.datetime(2400, 1, 1)),
    st.text(alphabet="0123456789,./-₹() DrCr", max_size=12),
)
