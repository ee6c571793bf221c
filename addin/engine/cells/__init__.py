"""The cell grammar: how Bahi reads what a cell holds — amounts, dates, text, financial years and
addresses — in one place, for every reader (the Journal loader, cell formulas, the bank statement
importer, the command line).

Each grammar has one implementation per value (``amount_of``, ``date_of``, :func:`cell_text`) that
never raises and says why a value is refused (a bilingual :class:`Reason`); the scalar readers
(:func:`read_amount`, :func:`read_date`) raise :class:`CellValueError` carrying that reason; the
vectorised readers (:func:`parse_amounts`, :func:`parse_dates`, :func:`parse_text`) read a pandas
column with numpy/Arrow fast paths that agree with the scalar readers cell by cell (Hypothesis
tests in ``tests/engine/test_cells.py``).

>>> read_date("01-Apr-2025"), read_amount("₹ 1,20,000.50").paise, financial_year(read_date("31/03/2026"))
(datetime.date(2025, 4, 1), 12000050, '2025-26')
>>> reason = date_reason("31/04/2025")
>>> reason.en, reason.hi
('April has 30 days', 'अप्रैल में 30 दिन होते हैं')

Modules: :mod:`~addin.engine.cells.values` (cell kinds, reasons, shared plumbing),
:mod:`~addin.engine.cells.amounts`, :mod:`~addin.engine.cells.dates`,
:mod:`~addin.engine.cells.text`, :mod:`~addin.engine.cells.fiscal`,
:mod:`~addin.engine.cells.addresses`.
"""

from __future__ import annotations

from addin.engine.cells.addresses import (
    cell_address,
    column_index,
    column_letter,
    first_cell,
    is_a1,
    parse_a1,
    parse_range,
    quote_sheet,
)
from addin.engine.cells.amounts import (
    DECIMAL_TOLERANCE_PAISE,
    MAX_RUPEES,
    Amount,
    AmountColumn,
    AmountReading,
    amount_of,
    amount_reason,
    bank_balance,
    decimals_reason,
    parse_amount_text,
    parse_amounts,
    read_amount,
)
from addin.engine.cells.dates import (
    EXCEL_MAX_SERIAL,
    FIRST_DATE,
    LAST_DATE,
    DateColumn,
    DateReading,
    date_of,
    date_reason,
    datetime64_to_date,
    format_date,
    month_number,
    month_of,
    parse_date_text,
    parse_dates,
    parse_month_text,
    read_date,
    serial_to_date,
)
from addin.engine.cells.fiscal import financial_year, fy_bounds, fy_label, fy_start_year, parse_fy
from addin.engine.cells.text import (
    NO_WORDS,
    YES_WORDS,
    TextColumn,
    blank_mask,
    cell_text,
    error_mask,
    factorize_text,
    fold,
    fold_key,
    parse_text,
    parse_text_column,
    read_yes_no,
    text_error_mask,
)
from addin.engine.cells.values import (
    BLANK_REASON,
    EXCEL_ERRORS,
    UNCALCULATED,
    UNREADABLE_REASON,
    BoolArray,
    CellState,
    CellValueError,
    DateArray,
    IntArray,
    Reason,
    UnreadCell,
    is_blank_value,
    is_error_text,
)

__all__ = [
    "BLANK_REASON",
    "DECIMAL_TOLERANCE_PAISE",
    "EXCEL_ERRORS",
    "EXCEL_MAX_SERIAL",
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_RUPEES",
    "NO_WORDS",
    "UNCALCULATED",
    "UNREADABLE_REASON",
    "YES_WORDS",
    "Amount",
    "AmountColumn",
    "AmountReading",
    "BoolArray",
    "CellState",
    "CellValueError",
    "DateArray",
    "DateColumn",
    "DateReading",
    "IntArray",
    "Reason",
    "TextColumn",
    "UnreadCell",
    "amount_of",
    "amount_reason",
    "bank_balance",
    "blank_mask",
    "cell_address",
    "cell_text",
    "column_index",
    "column_letter",
    "date_of",
    "date_reason",
    "datetime64_to_date",
    "decimals_reason",
    "error_mask",
    "factorize_text",
    "financial_year",
    "first_cell",
    "fold",
    "fold_key",
    "format_date",
    "fy_bounds",
    "fy_label",
    "fy_start_year",
    "is_a1",
    "is_blank_value",
    "is_error_text",
    "month_number",
    "month_of",
    "parse_a1",
    "parse_amount_text",
    "parse_amounts",
    "parse_date_text",
    "parse_dates",
    "parse_fy",
    "parse_month_text",
    "parse_range",
    "parse_text",
    "parse_text_column",
    "quote_sheet",
    "read_amount",
    "read_date",
    "read_yes_no",
    "serial_to_date",
    "text_error_mask",
]
