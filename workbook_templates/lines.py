"""Cheap journal lines in bulk, for benchmarks: any number of lines, balanced per voucher.

Each yielded tuple is a Journal row as a user would have typed it — (date, voucher, account code,
debit, credit, narration, party, reference) — with ``None`` for an empty amount. Vouchers have two
to four lines (an expense paid, an inter-state sale with IGST, a local sale with CGST and SGST), are
balanced to the paisa, and dates run through the financial year 2025-26 in order.

>>> rows = list(journal_lines(10, seed=1))
>>> len(rows)
10
>>> round(sum((r[3] or 0) - (r[4] or 0) for r in rows), 2)
0.0
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from workbook_templates import chart
from workbook_templates.demo import CUSTOMERS, FY_START

JournalLine = tuple[dt.date, str, int, float | None, float | None, str, str, str]

_DAYS = tuple(FY_START + dt.timedelta(days=d) for d in range(365))
_EXPENSES = (
    (chart.ELECTRICITY, "Electricity bill"),
    (chart.TELEPHONE, "Phone and broadband"),
    (chart.PRINTING_STATIONERY, "Stationery"),
    (chart.TRAVELLING, "Conveyance"),
    (chart.OFFICE_EXPENSES, "Office expenses"),
    (chart.FREIGHT_INWARD, "Freight inward"),
)
_PAID_FROM = (chart.BANK, chart.CASH)
_CUSTOMERS = tuple((c.code, c.name, f"Sale to {c.name}") for c in CUSTOMERS)


def voucher_sizes(n: int, rng: random.Random) -> Iterator[int]:
    """Voucher sizes of two to four lines that add up to exactly ``n`` (``n`` is 0 or at least 2)."""
    if n == 1:
        raise ValueError("a voucher needs at least two lines")
    left = n
    draw = rng.random
    while left:
        size = left if left <= 4 else 2 + int(draw() * 3)
        if left - size == 1:
            size = 2
        left -= size
        yield size


def journal_lines(n: int, seed: int = 0) -> Iterator[JournalLine]:
    """``n`` journal lines in vouchers of two to four lines, each voucher balanced to the paisa.

    Cheap on purpose (a million lines in a couple of seconds): one random draw per choice, no
    formatting beyond the voucher number.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    draw = rng.random
    days = _DAYS
    expenses, paid_from, customers = _EXPENSES, _PAID_FROM, _CUSTOMERS
    emitted = 0
    number = 0
    for size in voucher_sizes(n, rng):
        number += 1
        day = days[emitted * 365 // n]
        voucher = f"JV-{number:07d}"
        emitted += size
        amount = 100_00 + int(draw() * 2_00_000_00)
        if size == 2:
            account, narration = expenses[int(draw() * len(expenses))]
            reference = f"B-{number}"
            rupees = amount / 100
            yield day, voucher, account, rupees, None, narration, "", reference
            yield day, voucher, paid_from[int(draw() * 2)], None, rupees, narration, "", reference
            continue
        code, name, narration = customers[int(draw() * len(customers))]
        invoice = f"INV-{number}"
        if size == 3:
            tax = amount * 18 // 100
            yield day, voucher, code, (amount + tax) / 100, None, narration, name, invoice
            yield day, voucher, chart.SALES_INTERSTATE, None, amount / 100, narration, name, invoice
            yield day, voucher, chart.IGST_PAYABLE, None, tax / 100, narration, name, invoice
        else:
            half = amount * 9 // 100
            yield day, voucher, code, (amount + 2 * half) / 100, None, narration, name, invoice
            yield day, voucher, chart.SALES_LOCAL, None, amount / 100, narration, name, invoice
            yield day, voucher, chart.CGST_PAYABLE, None, half / 100, narration, name, invoice
            yield day, voucher, chart.SGST_PAYABLE, None, half / 100, narration, name, invoice
