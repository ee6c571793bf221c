"""Loading a workbook's raw tables into the typed :class:`~addin.engine.ledger.Ledger`, with issues.

The loader owns the *cell* rules — what can be seen in one cell while reading it: a missing table
or column, an extra column, merged cells, blank rows, Excel error values, unreadable dates and
amounts, and amounts with more than two decimals (the ledger holds paise, so only the loader
still sees the typed digits). Rules about the *books* (balances, accounts, periods) are in
:mod:`addin.engine.checks`; :func:`validate` runs both.

Blank rows are left out of the ledger, but every ledger row keeps its true worksheet ``row``.
The frames have every column :data:`~addin.engine.ledger.ACCOUNTS_FRAME` and
:data:`~addin.engine.ledger.JOURNAL_FRAME` declare, the optional ones included.

>>> ledger, issues = validate_rows(
...     [["Code", "Name", "Type", "Parent", "Opening Balance"], [1001, "Cash", "Asset", None, "5,000 Dr"],
...      ["4001", "Sales", "आय", None, "(0)"]],
...     [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"],
...      ["01/04/2025", "V1", "cash", 1500, None, "Cash sale"],
...      ["01/04/2025", "V1", "4001", None, "1,500.00", None]],
... )
>>> ledger.journal[["row", "voucher", "account", "debit", "credit"]].to_dict("records")
[{'row': 2, 'voucher': 'V1', 'account': '1001', 'debit': 150000, 'credit': 0}, \
{'row': 3, 'voucher': 'V1', 'account': '4001', 'debit': 0, 'credit': 150000}]
>>> issues
[]
>>> _, issues = validate_rows([["Code", "Name"]], [["Date"]])
>>> [(i.rule, i.sheet, i.cell) for i in issues][:2]
[('missing-column', 'Accounts', 'A1:B1'), ('missing-column', 'Accounts', 'A1:B1')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.cells import (
    UNCALCULATED,
    UNREADABLE_REASON,
    AmountColumn,
    BoolArray,
    CellValueError,
    DateColumn,
    Reason,
    UnreadCell,
    amount_reason,
    blank_mask,
    cell_text,
    column_letter,
    date_reason,
    first_cell,
    fold,
    month_number,
    parse_amounts,
    parse_dates,
    parse_fy,
    parse_text_column,
    read_amount,
    read_date,
)
from addin.engine.cells.values import is_number
from addin.engine.checks import check_ledger
from addin.engine.issues import Issue, has_fatal
from addin.engine.ledger import ACCOUNTS_FRAME, JOURNAL_FRAME, Ledger, Settings
from addin.engine.messages import make_issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import (
    ACCOUNT_TYPES,
    ACCOUNTS,
    JOURNAL,
    SETTING_ROWS,
    SETTINGS,
    TableSpec,
    canonical_column,
)
from addin.engine.tables import RawTable

LEDGER_TABLES: tuple[TableSpec, ...] = (ACCOUNTS, JOURNAL, SETTINGS)
"""The tables a ledger is made of (what :func:`load_ledger` reads); the bank statement is read only
by reconciliation."""

# ----------------------------------------------------------------------------------------------
# tables and columns


def missing_table_issue(spec: TableSpec) -> Issue:
    """The fatal issue for a table the workbook lacks, telling how to insert it."""
    headings = ", ".join(c.heading for c in spec.columns if c.required)
    return make_issue(
        Rule.MISSING_TABLE, spec.sheet, "", "", "", table=spec.name, sheet_name=spec.sheet, headings=headings
    )


def map_columns(table: RawTable, spec: TableSpec) -> tuple[dict[str, int], list[Issue]]:
    """Positions of ``spec``'s columns among ``table``'s headings (English name → 0-based position).

    A missing required column is a fatal ``missing-column`` issue at the header range; an unknown
    or repeated heading is an ``extra-column`` warning (the column is ignored).

    >>> table = RawTable.from_rows("Journal", "Journal", [["Date / दिनांक", "debit", "Notes"]])
    >>> positions, issues = map_columns(table, JOURNAL)
    >>> positions
    {'Date': 0, 'Debit': 1}
    >>> sorted({(i.rule, i.cell) for i in issues})
    [('extra-column', 'C1'), ('missing-column', 'A1:C1')]
    """
    positions: dict[str, int] = {}
    issues: list[Issue] = []
    known = ", ".join(c.heading for c in spec.columns)
    for position, heading in enumerate(table.headings):
        name = canonical_column(spec, heading)
        if name is not None and name not in positions:
            positions[name] = position
            continue
        if name is None and not str(heading).strip() and _column_blank(table, position):
            continue  # an empty column without a heading is no column
        issues.append(
            make_issue(
                Rule.EXTRA_COLUMN,
                table.sheet,
                table.header_address(position),
                str(heading),
                str(heading),
                variant="duplicate" if name is not None else "",
                heading=heading,
                table=spec.name,
                expected=known,
            )
        )
    width = max(len(table.headings), 1)
    header_range = f"{table.header_address(0)}:{table.header_address(width - 1)}"
    issues += [
        make_issue(
            Rule.MISSING_COLUMN,
            table.sheet,
            header_range,
            column.en,
            "",
            table=spec.name,
            heading=column.heading,
            range=header_range,
        )
        for column in spec.columns
        if column.required and column.en not in positions
    ]
    return positions, issues


def _column_blank(table: RawTable, position: int) -> bool:
    return position >= len(table.columns) or bool(blank_mask(table.columns[position]).all())


def _letters(table: RawTable, spec: TableSpec, positions: Mapping[str, int]) -> dict[str, str]:
    return {f"{spec.name}.{en}": column_letter(table.first_col + p) for en, p in positions.items()}


def table_layout(table: RawTable, spec: TableSpec) -> tuple[dict[str, int], list[Issue], bool]:
    """What every table loader starts with: the positions of ``spec``'s columns, the issues about
    the table's shape (unknown or missing columns, merged cells, rows typed just below it), and
    whether every required column is there (when not, the loader reads nothing more)."""
    positions, issues = map_columns(table, spec)
    issues += merged_cell_issues(table)
    issues += rows_below_issues(table)
    complete = all(c.en in positions for c in spec.columns if c.required)
    return positions, issues, complete


def merged_cell_issues(table: RawTable) -> list[Issue]:
    """One ``merged-cells`` issue per merged range inside ``table``."""
    return [
        make_issue(Rule.MERGED_CELLS, table.sheet, merged, "", merged, range=merged, table=table.name)
        for merged in table.merged
    ]


def rows_below_issues(table: RawTable) -> list[Issue]:
    """A ``rows-below-table`` warning at the first cell of the rows typed directly under ``table``
    that the table does not take in (the adapter found them: ``RawTable.below``).

    >>> from dataclasses import replace
    >>> from addin.engine.tables import RowsBelow
    >>> table = RawTable.from_rows("Journal", "Journal", [["Date"], [1]])
    >>> rows_below_issues(table)
    []
    >>> [issue] = rows_below_issues(replace(table, below=RowsBelow("A3", 3, 8)))
    >>> issue.rule, issue.cell, issue.message_en
    ('rows-below-table', 'A3', 'Rows 3–8, just below table Journal, hold data but are not part of the table; \
Bahi did not read them.')
    """
    below = table.below
    if below is None:
        return []
    variant = "single" if below.first == below.last else ""
    return [
        make_issue(
            Rule.ROWS_BELOW_TABLE,
            table.sheet,
            below.cell,
            "",
            "",
            variant=variant,
            first=below.first,
            last=below.last,
            table=table.name,
        )
    ]


def blank_rows(table: RawTable, blanks: Sequence[BoolArray]) -> tuple[BoolArray, list[Issue]]:
    """Rows where every cell is blank, and one ``blank-row`` warning per blank block in the middle.

    Blank rows after the last filled row are left out silently (a table resized too far).
    """
    n = table.row_count
    if not blanks or n == 0:
        return np.zeros(n, dtype=np.bool_), []
    blank = np.logical_and.reduce([np.asarray(b, dtype=np.bool_) for b in blanks])
    filled = np.flatnonzero(~blank)
    last = int(filled[-1]) if len(filled) else -1
    inner = blank.copy()
    inner[last + 1 :] = False
    issues: list[Issue] = []
    if inner.any():
        edges = np.diff(np.concatenate(([0], inner.astype(np.int8), [0])))
        starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        for start, stop in zip(starts, stops, strict=True):
            first, final = table.worksheet_row(int(start)), table.worksheet_row(int(stop) - 1)
            issues.append(
                make_issue(
                    Rule.BLANK_ROW,
                    table.sheet,
                    table.address(int(start), 0),
                    "",
                    "",
                    variant="single" if first == final else "",
                    first=first,
                    last=final,
                    table=table.name,
                )
            )
    return blank, issues


def _raw_text(table: RawTable, position: int, index: int) -> str:
    return cell_text(table.columns[position].iloc[index])


def cell_issues(
    table: RawTable,
    rule: Rule,
    column: str,
    position: int,
    mask: BoolArray,
    *,
    why: Callable[[object], Reason | None] | None = None,
    **fields: Any,
) -> list[Issue]:
    """One issue of ``rule`` per True in ``mask``, at the cell of ``column`` in that data row.

    ``why``: the grammar's reason a cell could not be read (the template's ``{reason}``), given the
    cell's raw value.
    """
    raw = table.columns[position]
    return [
        make_issue(
            rule,
            table.sheet,
            table.address(int(i), position),
            column,
            _raw_text(table, position, int(i)),
            **_uncalculated_variant(rule, raw.iloc[int(i)]),
            **fields,
            **_reason_field(why, raw.iloc[int(i)]),
        )
        for i in np.flatnonzero(mask)
    ]


def _uncalculated_variant(rule: Rule, value: object) -> dict[str, str]:
    """The error value a file reader gives a formula never calculated has its own message and fix."""
    uncalculated = rule is Rule.ERROR_VALUE and isinstance(value, str) and value.strip() == UNCALCULATED
    return {"variant": "uncalculated"} if uncalculated else {}


def _reason_field(why: Callable[[object], Reason | None] | None, value: object) -> dict[str, Any]:
    return {} if why is None else {"reason": why(value) or UNREADABLE_REASON}


def _amount_issues(
    table: RawTable, column: str, position: int, parsed: AmountColumn, *, dr_cr_sign: bool = False
) -> list[Issue]:
    issues = [
        *cell_issues(table, Rule.ERROR_VALUE, column, position, parsed.error),
        *cell_issues(
            table,
            Rule.UNREADABLE_AMOUNT,
            column,
            position,
            parsed.unreadable,
            why=lambda v: amount_reason(v, dr_cr_sign=dr_cr_sign),
        ),
    ]
    issues += [
        make_issue(
            Rule.TOO_MANY_DECIMALS,
            table.sheet,
            table.address(int(i), position),
            column,
            _raw_text(table, position, int(i)),
            rounded=format_inr(int(parsed.paise[i])),
        )
        for i in np.flatnonzero(parsed.too_many_decimals)
    ]
    return issues


_SIDES = {"Debit": (1, "Dr", "Credit"), "Credit": (-1, "Cr", "Debit")}
"""A Journal amount column: the sign of its own suffix, that suffix, and the other column."""


def _side_issues(table: RawTable, column: str, position: int, parsed: AmountColumn) -> list[Issue]:
    """Amounts whose "Dr"/"Cr" suffix names the other side ("500 Cr" under Debit), at that cell.

    Such an amount belongs in the other column, as a negative one does: reported under
    ``negative-amount`` (a negative amount with a suffix is reported as negative only).
    """
    sign, own, other = _SIDES[column]
    hindi = {c.en: c.hi for c in JOURNAL.columns}
    contradicts = (parsed.side == -sign) & ~parsed.negative
    return cell_issues(
        table,
        Rule.NEGATIVE_AMOUNT,
        column,
        position,
        contradicts,
        variant="suffix",
        column_hi=hindi[column],
        suffix="Cr" if own == "Dr" else "Dr",
        other=other,
        other_hi=hindi[other],
    )


def _date_issues(table: RawTable, column: str, position: int, parsed: DateColumn) -> list[Issue]:
    return [
        *cell_issues(table, Rule.ERROR_VALUE, column, position, parsed.error),
        *cell_issues(table, Rule.UNREADABLE_DATE, column, position, parsed.unreadable, why=date_reason),
    ]


class TableReader:
    """Parses one table's columns once, remembering blanks, errors and unread flags per row."""

    def __init__(self, table: RawTable, positions: Mapping[str, int]) -> None:
        self.table = table
        self.positions = positions
        self.issues: list[Issue] = []
        self.blanks: list[BoolArray] = []
        self.unread = np.zeros(table.row_count, dtype=np.uint16)

    def _series(self, column: str) -> pd.Series[Any] | None:
        position = self.positions.get(column)
        return None if position is None else self.table.columns[position]

    def text(self, column: str, flag: UnreadCell = UnreadCell.OTHER) -> pd.Series[str]:
        series = self._series(column)
        if series is None:
            return pd.Series([""] * self.table.row_count, dtype="str")
        parsed = parse_text_column(series)
        text, errors = parsed.text, parsed.error
        self.blanks.append(parsed.blank)
        if errors.any():
            self.issues += cell_issues(self.table, Rule.ERROR_VALUE, column, self.positions[column], errors)
            text = text.mask(pd.Series(errors, index=text.index), "")
            self.unread[errors] |= np.uint16(flag)
        return text.reset_index(drop=True)

    def amounts(
        self, column: str, flag: UnreadCell, *, dr_cr_sign: bool = False, sided: bool = False
    ) -> AmountColumn:
        """``column`` parsed; ``sided``: a Journal Debit or Credit column, whose Dr/Cr suffix must agree."""
        series = self._series(column)
        if series is None:
            series = pd.Series([None] * self.table.row_count, dtype=object)
            return parse_amounts(series)
        parsed = parse_amounts(series, dr_cr_sign=dr_cr_sign)
        self.blanks.append(parsed.blank)
        position = self.positions[column]
        self.issues += _amount_issues(self.table, column, position, parsed, dr_cr_sign=dr_cr_sign)
        if sided:
            self.issues += _side_issues(self.table, column, position, parsed)
        self.unread[parsed.unreadable | parsed.error] |= np.uint16(flag)
        return parsed

    def dates(self, column: str, flag: UnreadCell) -> DateColumn:
        series = self._series(column)
        if series is None:
            return parse_dates(pd.Series([None] * self.table.row_count, dtype=object))
        parsed = parse_dates(series)
        self.blanks.append(parsed.blank)
        self.issues += _date_issues(self.table, column, self.positions[column], parsed)
        self.unread[parsed.unreadable | parsed.error] |= np.uint16(flag)
        return parsed

    def raw(self, column: str) -> pd.Series[Any] | None:
        series = self._series(column)
        if series is not None:
            self.blanks.append(blank_mask(series))
        return series

    def other_columns_blank(self) -> None:
        """Cells of columns not read (extra ones) count too: a row with only those filled is not blank."""
        used = set(self.positions.values())
        for position, series in enumerate(self.table.columns):
            if position not in used:
                self.blanks.append(blank_mask(series))


def _keep(values: Any, keep: BoolArray | None) -> Any:
    if keep is None:
        return values
    if isinstance(values, pd.Series):
        return values[keep].reset_index(drop=True)
    return values[keep]


# ----------------------------------------------------------------------------------------------
# accounts


def _account_type(text: str) -> str:
    """The English account type ``text`` names (English or Hindi, any case), or "".

    >>> _account_type("asset"), _account_type("व्यय"), _account_type("Income / आय"), _account_type("Stock")
    ('Asset', 'Expense', 'Income', '')
    """
    folded = fold(text)
    parts = [folded, *(p.strip() for p in folded.split("/"))]
    for english, hindi in ACCOUNT_TYPES.items():
        if fold(english) in parts or fold(hindi) in parts:
            return english
    return ""


_INACTIVE = frozenset({"no", "n", "false", "0", "inactive", "नहीं", "निष्क्रिय", "closed"})


def _active(value: object) -> bool:
    """Active unless the cell says no (No, N, FALSE, 0, Inactive, नहीं); blank is active."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    return fold(cell_text(value)) not in _INACTIVE


def account_lookup(codes: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """Folded code or name → code. A code wins over another account's identical name.

    >>> account_lookup(["1001", "2001"], ["Cash", "1001"])
    {'cash': '1001', '1001': '1001', '2001': '2001'}
    """
    lookup: dict[str, str] = {}
    for code, name in zip(codes, names, strict=True):
        if name and code:
            lookup.setdefault(fold(name), code)
    for code in codes:
        if code:
            lookup[fold(code)] = code
    return lookup


def resolve_accounts(texts: pd.Series[str], lookup: Mapping[str, str]) -> pd.Series[str]:
    """The account code each text resolves to ("" when unknown), each distinct text folded once.

    >>> resolve_accounts(pd.Series(["cash ", "Rent", "1001"]), {"cash": "1001", "1001": "1001"}).tolist()
    ['1001', '', '1001']
    """
    arrow = _null_free_arrow(texts)
    if arrow is not None:  # one dictionary encoding; texts that are all codes already stay as they are
        encoded = pc.dictionary_encode(arrow)
        distinct = [str(u) for u in encoded.dictionary.to_pylist()]
        codes_of = [lookup.get(fold(u), "") for u in distinct]
        if codes_of == distinct:
            return pd.Series(arrow, dtype="str")
        return pd.Series(pc.take(pa.array(codes_of, type=pa.large_string()), encoded.indices), dtype="str")
    codes_raw, uniques = pd.factorize(texts, use_na_sentinel=True)
    codes = np.asarray(codes_raw, dtype=np.int64)
    resolved = pa.array([lookup.get(fold(str(u)), "") for u in uniques] + [""], type=pa.large_string())
    picked = pc.take(resolved, pa.array(np.where(codes < 0, len(uniques), codes)))
    return pd.Series(picked, dtype="str")


def _null_free_arrow(texts: pd.Series[str]) -> pa.Array | None:
    """The Arrow strings behind a pyarrow-backed text Series without nulls, else None."""
    if not (isinstance(texts.dtype, pd.StringDtype) and texts.dtype.storage == "pyarrow"):
        return None
    arrow = pa.array(texts.array)
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    return arrow if arrow.null_count == 0 else None


def load_accounts(table: RawTable | None) -> tuple[pd.DataFrame, dict[str, str], list[Issue]]:
    """The Accounts table as the ledger's accounts frame, its column letters, and issues."""
    if table is None:
        return ACCOUNTS_FRAME.empty(), {}, [missing_table_issue(ACCOUNTS)]
    positions, issues, complete = table_layout(table, ACCOUNTS)
    letters = _letters(table, ACCOUNTS, positions)
    if not complete:
        return ACCOUNTS_FRAME.empty(), letters, issues
    reader = TableReader(table, positions)
    code = reader.text("Code", UnreadCell.CODE)
    name = reader.text("Name", UnreadCell.NAME)
    type_text = reader.text("Type", UnreadCell.TYPE)
    parent_text = reader.text("Parent", UnreadCell.PARENT)
    opening = reader.amounts("Opening Balance", UnreadCell.OPENING, dr_cr_sign=True)
    active_raw = reader.raw("Active")
    reader.text("GSTIN")
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    keep = None if not blank.any() else ~blank
    n = table.row_count
    active = (
        np.ones(n, dtype=np.bool_)
        if active_raw is None
        else np.array([_active(v) for v in active_raw.tolist()], dtype=np.bool_)
    )
    codes = _keep(code, keep)
    names = _keep(name, keep)
    lookup = account_lookup(codes.tolist(), names.tolist())
    parents_typed = _keep(parent_text, keep)
    parents = resolve_accounts(parents_typed, lookup)
    frame = pd.DataFrame(
        {
            "row": _keep(table.header_row + 1 + np.arange(n, dtype=np.int64), keep),
            "code": codes,
            "name": names,
            "type": pd.Series([_account_type(t) for t in _keep(type_text, keep).tolist()], dtype="str"),
            "parent": parents,
            "opening": _keep(opening.paise, keep),
            "active": _keep(active, keep),
            "type_text": _keep(type_text, keep),
            "parent_text": parents_typed,
            "unread": _keep(reader.unread, keep),
        }
    )
    return frame, letters, [*issues, *reader.issues, *blank_issues]


def numeric_account_codes(table: RawTable | None) -> dict[str, int | float]:
    """The codes the Accounts table holds as numbers (1110, not the text "1110"), each with its number.

    A line Bahi writes to the Journal gives such an account as a number, as a typed line does, so a
    SUMIF on the code counts it; a code typed as text stays text.

    >>> rows = [["Code / कोड", "Name"], [1110.0, "Cash"], ["1120", "Bank"], ["CR-7", "Ram"], [1130.5, "x"]]
    >>> numeric_account_codes(RawTable.from_rows("Accounts", "Accounts", rows))
    {'1110': 1110, '1130.5': 1130.5}
    """
    if table is None:
        return {}
    position = map_columns(table, ACCOUNTS)[0].get("Code")
    if position is None:
        return {}
    return {
        cell_text(value): int(value) if float(value).is_integer() else float(value)
        for value in table.columns[position].tolist()
        if is_number(value) and np.isfinite(float(value))
    }


# ----------------------------------------------------------------------------------------------
# journal


def load_journal(
    table: RawTable | None, lookup: Mapping[str, str]
) -> tuple[pd.DataFrame, dict[str, str], list[Issue]]:
    """The Journal table as the ledger's journal frame (accounts resolved through ``lookup``)."""
    if table is None:
        return JOURNAL_FRAME.empty(), {}, [missing_table_issue(JOURNAL)]
    positions, issues, complete = table_layout(table, JOURNAL)
    letters = _letters(table, JOURNAL, positions)
    if not complete:
        return JOURNAL_FRAME.empty(), letters, issues
    reader = TableReader(table, positions)
    date = reader.dates("Date", UnreadCell.DATE)
    voucher = reader.text("Voucher", UnreadCell.VOUCHER)
    account_text = reader.text("Account", UnreadCell.ACCOUNT)
    debit = reader.amounts("Debit", UnreadCell.DEBIT, sided=True)
    credit = reader.amounts("Credit", UnreadCell.CREDIT, sided=True)
    narration = reader.text("Narration", UnreadCell.NARRATION)
    party = reader.text("Party")
    reference = reader.text("Reference")
    for owned in ("Match ID", "Match Rule"):
        reader.raw(owned)
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    keep = None if not blank.any() else ~blank
    n = table.row_count
    account_typed = _keep(account_text, keep)
    frame = pd.DataFrame(
        {
            "row": _keep(table.header_row + 1 + np.arange(n, dtype=np.int64), keep),
            "date": _keep(date.values, keep),
            "voucher": _keep(voucher, keep),
            "account": resolve_accounts(account_typed, lookup),
            "account_text": account_typed,
            "debit": _keep(debit.paise, keep),
            "credit": _keep(credit.paise, keep),
            "narration": _keep(narration, keep),
            "party": _keep(party, keep),
            "reference": _keep(reference, keep),
            "unread": _keep(reader.unread, keep),
        }
    )
    return frame, letters, [*issues, *reader.issues, *blank_issues]


# ----------------------------------------------------------------------------------------------
# settings

def parse_financial_year(value: object) -> int | None:
    """The first calendar year of a financial year typed as 2025-26, 2025-2026, FY 2025-26 or 2025
    (:func:`~addin.engine.cells.parse_fy`), None when it is none.

    >>> [parse_financial_year(v) for v in ("2025-26", "2025-2026", 2025, 2025.0, "FY 2025-26", "FY2025/26")]
    [2025, 2025, 2025, 2025, 2025, 2025]
    >>> parse_financial_year("2025-27"), parse_financial_year("next year")
    (None, None)
    """
    number = isinstance(value, int | float) and not isinstance(value, bool)
    try:
        return parse_fy(value if number else cell_text(value))  # type: ignore[arg-type]
    except CellValueError:
        return None


def _parse_int(value: object, low: int, high: int) -> int | None:
    try:
        paise = read_amount(value, exact=True).paise
    except CellValueError:
        return None
    if paise % 100:
        return None
    number = paise // 100
    return number if low <= number <= high else None


def _parse_month(value: object) -> int | None:
    number = _parse_int(value, 1, 12)
    return number if number is not None else month_number(cell_text(value))


def _parse_lock_date(value: object) -> dt.date | None:
    try:
        return read_date(value)
    except CellValueError:
        return None


def _parse_language(value: object) -> str | None:
    folded = fold(cell_text(value))
    if folded in ("en", "english", "अंग्रेज़ी", "अंग्रेजी"):
        return "en"
    if folded in ("hi", "hindi", "हिन्दी", "हिंदी"):
        return "hi"
    return None


def _parse_currency(value: object) -> str | None:
    text = cell_text(value).upper()
    return text if re.fullmatch(r"[A-Z]{3}", text) else None


_SETTING_PARSERS: dict[str, tuple[str, Any, str, str]] = {
    # English key: (Settings field, parser returning None when invalid, expected EN, expected HI)
    "Company": ("company", lambda v: cell_text(v) or None, "a company name", "कंपनी का नाम"),
    "Currency": (
        "currency",
        _parse_currency,
        "a three-letter currency code such as INR",
        "INR जैसा तीन अक्षरों का मुद्रा कोड",
    ),
    "Currency Symbol": (
        "currency_symbol",
        lambda v: cell_text(v) or None,
        "a symbol such as ₹",
        "₹ जैसा चिह्न",
    ),
    "FY Start Month": (
        "fy_start_month",
        _parse_month,
        "a month number 1–12 (4 = April)",
        "माह संख्या 1–12 (4 = अप्रैल)",
    ),
    "Financial Year": (
        "financial_year",
        parse_financial_year,
        "the year as 2025-26 (or 2025)",
        "वर्ष 2025-26 (या 2025) रूप में",
    ),
    "Lock Date": (
        "lock_date",
        _parse_lock_date,
        "a date as dd/mm/yyyy, or leave it empty",
        "dd/mm/yyyy रूप में तिथि, या खाली छोड़ें",
    ),
    "Language": ("language", _parse_language, "en or hi", "en या hi"),
    "Bank Account": ("bank_account", cell_text, "an account code", "खाता कोड"),
    "Date Window (days)": (
        "date_window_days",
        lambda v: _parse_int(v, 0, 366),
        "a number of days 0–366",
        "दिनों की संख्या 0–366",
    ),
    "User": ("user", lambda v: cell_text(v) or None, "a name", "एक नाम"),
}

_SETTING_KEYS: dict[str, str] = {}
for _en, _hi, _default, _meaning in SETTING_ROWS:
    _SETTING_KEYS[fold(_en)] = _en
    _SETTING_KEYS[fold(_hi)] = _en


def setting_key(text: object) -> str | None:
    """The English key a Setting cell names ("Financial Year / वित्त वर्ष", "वित्त वर्ष", " lock date").

    >>> setting_key("Financial Year / वित्त वर्ष"), setting_key("लॉक तिथि"), setting_key("Colour")
    ('Financial Year', 'Lock Date', None)
    """
    folded = fold(cell_text(text))
    for part in (folded, *(p.strip() for p in folded.split("/"))):
        if part in _SETTING_KEYS:
            return _SETTING_KEYS[part]
    return None


def load_settings(table: RawTable | None) -> tuple[Settings, list[Issue]]:
    """The Settings table as :class:`Settings`; a missing table gives the defaults and no issue.

    Invalid values are ``invalid-setting`` issues at the Value cell, and the default is used.
    Blank values take the default silently (a blank Financial Year or Lock Date means none).

    >>> table = RawTable.from_rows("Settings", "Settings", [["Setting", "Value"],
    ...     ["Financial Year / वित्त वर्ष", "FY 2025-26"], ["Lock Date", "30/06/2025"], ["Language", "Tamil"]])
    >>> settings, issues = load_settings(table)
    >>> settings.financial_year, settings.lock_date, settings.language
    (2025, datetime.date(2025, 6, 30), 'en')
    >>> [(i.rule, i.cell, i.value) for i in issues]
    [('invalid-setting', 'B4', 'Tamil')]
    """
    if table is None:
        return Settings(), []
    positions, issues = map_columns(table, SETTINGS)
    issues += rows_below_issues(table)
    if "Setting" not in positions or "Value" not in positions:
        return Settings(), issues
    defaults = Settings()
    values: dict[str, object] = {}
    keys = table.columns[positions["Setting"]].tolist()
    raw_values = table.columns[positions["Value"]].tolist()
    for index, (key_cell, raw) in enumerate(zip(keys, raw_values, strict=True)):
        key = setting_key(key_cell)
        if key is None or key not in _SETTING_PARSERS:
            continue
        field, parser, expected_en, expected_hi = _SETTING_PARSERS[key]
        text = cell_text(raw)
        if not text:
            continue
        parsed = parser(raw)
        if parsed is None:
            default = getattr(defaults, field)
            issues.append(
                make_issue(
                    Rule.INVALID_SETTING,
                    table.sheet,
                    table.address(index, positions["Value"]),
                    "Value",
                    text,
                    setting=key,
                    default="(none)" if default is None else default,
                    expected=expected_en,
                    expected_hi=expected_hi,
                )
            )
            continue
        values[field] = parsed
    return Settings(**values), issues


# ----------------------------------------------------------------------------------------------
# the ledger


def load_ledger(tables: Mapping[str, RawTable | None]) -> tuple[Ledger, list[Issue]]:
    """Accounts, Journal and Settings (by table name) as a typed :class:`Ledger`, with cell issues.

    A missing Accounts or Journal table (absent or None) is a fatal ``missing-table`` issue and
    leaves that frame empty; a missing Settings table means the defaults. Other tables are ignored.
    """
    settings, setting_issues = load_settings(tables.get(SETTINGS.name))
    accounts, account_letters, account_issues = load_accounts(tables.get(ACCOUNTS.name))
    lookup = account_lookup(accounts["code"].tolist(), accounts["name"].tolist())
    journal, journal_letters, journal_issues = load_journal(tables.get(JOURNAL.name), lookup)
    accounts_table = tables.get(ACCOUNTS.name)
    journal_table = tables.get(JOURNAL.name)
    settings_table = tables.get(SETTINGS.name)
    letters = {**account_letters, **journal_letters}
    if settings_table is not None:
        positions, _ = map_columns(settings_table, SETTINGS)
        letters.update(_letters(settings_table, SETTINGS, positions))
    ledger = Ledger(
        settings=settings,
        accounts=accounts,
        journal=journal,
        journal_sheet=journal_table.sheet if journal_table is not None else JOURNAL.sheet,
        accounts_sheet=accounts_table.sheet if accounts_table is not None else ACCOUNTS.sheet,
        column_letters=letters,
    )
    return ledger, [*setting_issues, *account_issues, *journal_issues]


def issue_order(issue: Issue) -> tuple[str, int, int, str]:
    """Sort key: sheet, worksheet row, column, rule (a whole-table issue first on its sheet).

    >>> from addin.engine.issues import Severity
    >>> issue_order(Issue("no-amount", Severity.ERROR, "Journal", "AB12", "", "", "", ""))
    ('Journal', 12, 28, 'no-amount')
    """
    start = first_cell(issue.cell)
    if start is None:
        return issue.sheet, 0, 0, issue.rule
    return issue.sheet, start[0], start[1], issue.rule


def sort_issues(issues: Sequence[Issue]) -> list[Issue]:
    """Issues in the stable order of :func:`issue_order` (ties keep their order)."""
    return sorted(issues, key=issue_order)


def validate(tables: Mapping[str, RawTable | None]) -> tuple[Ledger, list[Issue]]:
    """Load, then run every check unless something fatal was found; issues in :func:`issue_order`."""
    ledger, issues = load_ledger(tables)
    if not has_fatal(issues):
        issues = [*issues, *check_ledger(ledger)]
    return ledger, sort_issues(issues)


def _tables_from_rows(
    accounts_rows: Sequence[Sequence[Any]],
    journal_rows: Sequence[Sequence[Any]],
    settings_rows: Sequence[Sequence[Any]] | None,
) -> dict[str, RawTable | None]:
    tables: dict[str, RawTable | None] = {
        ACCOUNTS.name: RawTable.from_rows(ACCOUNTS.name, ACCOUNTS.sheet, accounts_rows),
        JOURNAL.name: RawTable.from_rows(JOURNAL.name, JOURNAL.sheet, journal_rows),
    }
    if settings_rows is not None:
        tables[SETTINGS.name] = RawTable.from_rows(SETTINGS.name, SETTINGS.sheet, settings_rows)
    return tables


def validate_rows(
    accounts_rows: Sequence[Sequence[Any]],
    journal_rows: Sequence[Sequence[Any]],
    settings_rows: Sequence[Sequence[Any]] | None = None,
) -> tuple[Ledger, list[Issue]]:
    """:func:`validate` on tables given as rows (header first), each starting at A1 of its sheet."""
    return validate(_tables_from_rows(accounts_rows, journal_rows, settings_rows))


def ledger_from_rows(
    accounts_rows: Sequence[Sequence[Any]],
    journal_rows: Sequence[Sequence[Any]],
    settings_rows: Sequence[Sequence[Any]] | None = None,
) -> Ledger:
    """The ledger of tables given as rows (header first) — for tests and ``=BAHI.*`` cell formulas.

    Issues are dropped (the Issues sheet reports them); unreadable cells count as empty.

    >>> ledger = ledger_from_rows([["Code", "Name", "Type", "Parent", "Opening Balance"]],
    ...                           [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"]])
    >>> len(ledger.journal), ledger.settings.fy_start_month
    (0, 4)
    """
    return load_ledger(_tables_from_rows(accounts_rows, journal_rows, settings_rows))[0]
