"""Reading a bank's statement file into BankStatement lines: pure, bytes in, typed lines and issues out.

Formats: CSV (comma, semicolon, tab or pipe; UTF-8 with or without BOM, else cp1252/latin-1),
Excel exports (.xlsx and .xls, read with python-calamine), HTML tables saved as ".xls" and OFX/QFX
(v1 SGML and v2 XML). Layouts: the netbanking exports of HDFC, SBI, ICICI, Axis and Kotak are
recognised by their headings; any other header row with a date, a description and either
withdrawal/deposit columns or an amount (with or without a Dr/Cr column) is read as "generic".
Account details above the header row are skipped (the first 40 rows are scanned), as are separator
lines of asterisks or dashes; a footer ("Opening Balance", "Statement Summary",
"**** End of Statement ****", totals) ends the lines.

>>> csv = b"Account No : 50100012345678\\n\\nDate,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,"
>>> csv += b"Deposit Amt.,Closing Balance\\n01/04/25,UPI-RAVI KUMAR,0000512345678901,01/04/25,,"
>>> csv += b"\\"1,500.00\\",\\"11,500.00\\"\\n02/04/25,ATM WDL,,02/04/25,2000.00,,9500.00\\n"
>>> got = read_statement(csv, "hdfc.csv")
>>> got.layout, [(str(line.date), line.withdrawal, line.deposit, line.source_row) for line in got.lines]
('hdfc', [('2025-04-01', 0, 150000, 4), ('2025-04-02', 200000, 0, 5)])

A file whose columns are not a statement's says so, once, and how to name them with ``--map``:

>>> unknown = read_statement(b"When,What,How much\\n01/04/25,Rent,100\\n", "odd.csv")
>>> unknown.layout, unknown.lines, unknown.columns_found, unknown.issues[0].rule
('unknown', (), ('When', 'What', 'How much'), 'unknown-statement-layout')
>>> read_statement(b"When,What,How much\\n01/04/25,Rent,100\\n", "odd.csv",
...     mapping={"date": "When", "description": "What", "amount": "How much"}).lines[0].deposit
10000

Rules an issue of this module can carry (in :mod:`addin.engine.rules`, with their messages):

``unknown-statement-layout`` (fatal)
    The file is not a statement Bahi can read (no header row recognised, a ``--map`` heading not
    found, or not a CSV/Excel/OFX file). It lists the columns found and the ``--map`` option.
``unreadable-statement-line`` (error)
    A line whose date or amount cannot be read; it is left out and the issue names its row.
``statement-line-without-amount`` (warning)
    A dated line with no withdrawal and no deposit (often "Balance b/f"); it is left out.

Balances are signed the bank's way round for the account holder: "12,000.00 Cr" (money in the
account) is positive, "500.00 Dr" (overdrawn) negative.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from addin.engine.cells import (
    UNREADABLE_REASON,
    CellState,
    amount_of,
    amount_reason,
    cell_text,
    column_letter,
    date_of,
    date_reason,
    fold,
    fold_key,
    parse_amount_text,
)
from addin.engine.issues import Issue
from addin.engine.messages import make_issue
from addin.engine.money import to_rupees
from addin.engine.reconciliation.references import normalise_reference
from addin.engine.rules import Rule

UNKNOWN_LAYOUT = Rule.UNKNOWN_STATEMENT_LAYOUT
UNREADABLE_LINE = Rule.UNREADABLE_STATEMENT_LINE
NO_AMOUNT = Rule.STATEMENT_LINE_WITHOUT_AMOUNT

HEADER_SCAN_ROWS = 40
"""How many rows from the top are searched for the header row."""

MAPPING_KEYS = ("date", "description", "reference", "withdrawal", "deposit", "amount", "drcr", "balance")
"""The roles a ``--map`` option can name, in the order the example shows them."""

Cell = Any  # str | float | int | bool | dt.date | dt.datetime | None, as a reader gives a cell
LineKey = tuple[dt.date | None, int, int, str, str]
"""(date, withdrawal, deposit, description, reference) with the text normalised: see :func:`line_key`."""


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of the statement: amounts in paise (withdrawal and deposit ≥ 0), balance signed."""

    date: dt.date
    description: str
    reference: str
    withdrawal: int
    deposit: int
    balance: int | None
    source_row: int  # the row (CSV, Excel) or line (OFX) of the file the line came from, from 1


@dataclass(frozen=True)
class StatementImport:
    """What :func:`read_statement` found: the layout, the lines, the issues and the headings read."""

    layout: str
    lines: tuple[StatementLine, ...]
    issues: list[Issue]
    columns_found: tuple[str, ...]


# ----------------------------------------------------------------------------------------------
# headings


_INR = re.compile(r"\(\s*(?:inr|rs\.?|₹)\s*\)|\binr\b", re.IGNORECASE)


def fold_heading(heading: object) -> str:
    """A heading as compared: lower case, "(INR)" dropped, only letters and digits.

    >>> fold_heading("Withdrawal Amount (INR )"), fold_heading(" Chq./Ref.No. "), fold_heading(None)
    ('withdrawalamount', 'chqrefno', '')
    """
    if not isinstance(heading, str):
        return ""
    return fold_key(_INR.sub("", heading))


_DRCR = frozenset(
    {"drcr", "crdr", "debitcredit", "creditdebit", "type", "txntype", "transactiontype", "drcrindicator"}
)


def heading_role(heading: object) -> str | None:
    """The role a statement heading plays (one of :data:`MAPPING_KEYS`, or "value_date"), or None.

    >>> [heading_role(h) for h in ("Txn Date", "Value Dt", "Transaction Remarks", "Ref No./Cheque No.")]
    ['date', 'value_date', 'description', 'reference']
    >>> [heading_role(h) for h in ("DR", "Deposit Amt.", "Amount", "Dr / Cr", "BAL", "SOL", "S No.")]
    ['withdrawal', 'deposit', 'amount', 'drcr', 'balance', None, None]
    """
    word = fold_heading(heading)
    if not word:
        return None
    if word in _DRCR:
        return "drcr"
    if "balance" in word or word in {"bal", "closingbal", "runningbal"}:
        return "balance"
    if "date" in word or word.endswith("dt"):
        return "value_date" if word.startswith("value") else "date"
    if "withdraw" in word or word.startswith("debit") or word in {"dr", "dramount", "debits", "paidout"}:
        return "withdrawal"
    if "deposit" in word or word.startswith("credit") or word in {"cr", "cramount", "credits", "paidin"}:
        return "deposit"
    if any(k in word for k in ("chq", "cheque", "check", "ref", "utr", "instrument")):
        return "reference"
    if any(k in word for k in ("narration", "description", "particular", "remark", "detail", "memo")):
        return "description"
    if "amount" in word or word in {"amt", "txnamt", "transactionamt"}:
        return "amount"
    return None


_LAYOUTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("hdfc", frozenset({"narration", "chqrefno", "withdrawalamt", "depositamt", "closingbalance"})),
    ("sbi", frozenset({"txndate", "description", "refnochequeno", "debit", "credit", "balance"})),
    ("icici", frozenset({"transactionremarks", "withdrawalamount", "depositamount", "balance"})),
    ("axis", frozenset({"trandate", "chqno", "particulars", "dr", "cr", "bal"})),
    ("kotak", frozenset({"description", "chqrefno", "amount", "drcr", "balance"})),
)


def bank_of(headings: Iterable[object]) -> str:
    """Which bank's export a header row is, or "generic".

    >>> bank_of(["Tran Date", "CHQNO", "PARTICULARS", "DR", "CR", "BAL", "SOL"])
    'axis'
    >>> bank_of(["Date", "Details", "Debit", "Credit"])
    'generic'
    """
    folded = {fold_heading(h) for h in headings}
    for name, needed in _LAYOUTS:
        if needed <= folded:
            return name
    return "generic"


@dataclass(frozen=True, slots=True)
class _Columns:
    """Column positions (0-based) of each role in the header row."""

    roles: dict[str, int]
    balance_drcr: int | None = None

    def complete(self) -> bool:
        has_amounts = "amount" in self.roles or "withdrawal" in self.roles or "deposit" in self.roles
        return "date" in self.roles and "description" in self.roles and has_amounts


def _auto_columns(row: Sequence[Cell]) -> _Columns:
    roles: dict[str, int] = {}
    balance_drcr: int | None = None
    value_date: int | None = None
    for j, cell in enumerate(row):
        role = heading_role(cell)
        if role == "drcr" and "balance" in roles and roles["balance"] == j - 1:
            balance_drcr = j
        elif role == "value_date":
            value_date = j if value_date is None else value_date
        elif role is not None and role not in roles:
            roles[role] = j
    if "date" not in roles and value_date is not None:
        roles["date"] = value_date
    return _Columns(roles, balance_drcr)


def _mapped_columns(row: Sequence[Cell], mapping: Mapping[str, str]) -> _Columns | None:
    folded = [fold_heading(c) for c in row]
    wanted = {role: fold_heading(heading) for role, heading in mapping.items()}
    if not all(w and w in folded for w in wanted.values()):
        return None
    auto = _auto_columns(row)
    taken = {folded.index(w) for w in wanted.values()}
    roles = {r: j for r, j in auto.roles.items() if j not in taken and r not in wanted}
    roles.update({role: folded.index(w) for role, w in wanted.items()})
    if "amount" in wanted:
        roles.pop("withdrawal", None)
        roles.pop("deposit", None)
    elif "withdrawal" in wanted or "deposit" in wanted:
        roles.pop("amount", None)
    balance_drcr = auto.balance_drcr if auto.balance_drcr not in taken else None
    return _Columns(roles, balance_drcr)


# ----------------------------------------------------------------------------------------------
# bytes to rows of cells


def decode_text(data: bytes) -> str:
    """Text of a file: UTF-8 (a BOM dropped), else Windows-1252, else Latin-1 (which reads anything).

    >>> decode_text("₹ 1,200".encode()), decode_text(b"\\xef\\xbb\\xbfDate"), decode_text(b"Caf\\xe9 \\x81")
    ('₹ 1,200', 'Date', 'Café \\x81')
    """
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # pragma: no cover - latin-1 decodes every byte


_DELIMITERS = (",", "\t", ";", "|")


def csv_rows(text: str) -> list[list[str]]:
    """Rows of a delimited text, the delimiter being the one giving most rows of three or more fields.

    >>> csv_rows("a;b;c\\n1;\\"2,5\\";3\\n")
    [['a', 'b', 'c'], ['1', '2,5', '3']]
    >>> csv_rows("")
    []
    """
    lines = text.replace("\x00", "").splitlines()
    best: list[list[str]] = []
    best_score = -1
    for delimiter in _DELIMITERS:
        try:
            rows = [list(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        score = sum(1 for r in rows[:200] if len(r) >= 3)
        if score > best_score:
            best, best_score = rows, score
    return best


_TR = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|$)", re.IGNORECASE | re.DOTALL)
_TD = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</tr|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def html_rows(text: str) -> list[list[str]]:
    """Rows of the tables of an HTML page (what some banks save as ".xls").

    >>> html_rows("<table><tr><th>Date</th><td>A &amp; B</td></tr><tr><td>1</td></table>")
    [['Date', 'A & B'], ['1']]
    """
    rows = []
    for row in _TR.findall(text):
        cells = [html.unescape(_TAG.sub(" ", cell)) for cell in _TD.findall(row)]
        rows.append([" ".join(c.split()) for c in cells])
    return rows


def excel_sheets(data: bytes) -> list[tuple[str, list[list[Cell]]]] | None:
    """(sheet name, rows from A1) of an .xlsx/.xls/.ods file, or None when calamine cannot read it."""
    try:
        import python_calamine  # noqa: PLC0415 - only Excel files need it

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [
            (name, [list(r) for r in book.get_sheet_by_name(name).to_python(skip_empty_area=False)])
            for name in book.sheet_names
        ]
    except Exception:  # calamine raises many kinds on a damaged file; all mean unreadable
        return None


# ----------------------------------------------------------------------------------------------
# cells to values


def read_date(value: Cell) -> dt.date | None:
    """A statement's date cell as a date (the cell grammar's :func:`~addin.engine.cells.date_of`),
    or None; a time of day is dropped.

    >>> {read_date(v) for v in ("01-Apr-25", "01/04/2025 10:15 AM", 45748.0, "20250401")}
    {datetime.date(2025, 4, 1)}
    >>> read_date("soon"), read_date("31/02/2025"), read_date(True)
    (None, None, None)
    """
    return date_of(value).date




def read_amount(value: Cell) -> tuple[int | None, str]:
    """(paise, side) of an amount cell: (0, "") when blank or "-", (None, "") when unreadable; side is
    "cr" or "dr" when the text ends with it. Read by the cell grammar
    (:func:`~addin.engine.cells.amount_of`) as a Debit or Credit cell of the Journal is.

    >>> read_amount("1,00,000.00"), read_amount(""), read_amount("-"), read_amount(1500.5)
    ((10000000, ''), (0, ''), (0, ''), (150050, ''))
    >>> read_amount("12,000.00 Cr"), read_amount("500.00(Dr)"), read_amount("abc")
    ((1200000, 'cr'), (50000, 'dr'), (None, ''))
    """
    reading = amount_of(value)
    if reading.state is CellState.BLANK:
        return 0, ""
    if reading.state is not CellState.OK:
        return None, ""
    return reading.paise, reading.side


def _text(value: Cell) -> str:
    """A cell as one line of text, spaces (incl. non-breaking) collapsed."""
    return " ".join((value if isinstance(value, str) else cell_text(value)).split())


# ----------------------------------------------------------------------------------------------
# issues


def _quote(heading: str) -> str:
    return heading if re.fullmatch(r"[\w./-]+", heading) else '"' + heading.replace('"', "'") + '"'


def map_example(columns: Sequence[str]) -> str:
    """A ``--map`` option naming the columns found for each role, "<heading>" where none was guessed.

    >>> map_example(["Txn Posted Date", "Remarks", "Debit Amt", "Credit Amt", "Balance", "Ref No"])
    '--map date="Txn Posted Date" description=Remarks withdrawal="Debit Amt" deposit="Credit Amt" \
balance=Balance reference="Ref No"'
    >>> map_example(["When", "What"])
    '--map date="<heading>" description="<heading>" withdrawal="<heading>" deposit="<heading>" \
balance="<heading>"'
    """
    guessed = _auto_columns(list(columns)).roles
    parts = []
    for role in ("date", "description", "withdrawal", "deposit", "balance", "reference"):
        if role in guessed:
            parts.append(f"{role}={_quote(columns[guessed[role]])}")
        elif role != "reference":
            parts.append(f'{role}="<heading>"')
    return "--map " + " ".join(parts)


def unknown_layout(
    filename: str, columns: Sequence[str], *, missing: Sequence[str] = (), bad_keys: Sequence[str] = ()
) -> Issue:
    """The one issue of a file whose layout is not recognised: the columns found and the ``--map`` fix.

    ``missing`` are ``--map`` headings not found in the file, ``bad_keys`` ``--map`` keys Bahi does
    not know.
    """
    found = ", ".join(f'"{c}"' for c in columns)
    variant, names = "", ""
    if bad_keys:
        variant, names = "bad-keys", ", ".join(bad_keys)
    elif missing:
        variant, names = "missing", ", ".join(f'"{m}"' for m in missing)
    return make_issue(
        Rule.UNKNOWN_STATEMENT_LAYOUT, filename, "", "", "", variant=variant, filename=filename, names=names,
        found=found or "none", found_hi=found or "कोई नहीं", example=map_example(columns),
        keys=", ".join(MAPPING_KEYS), rows=HEADER_SCAN_ROWS,
    )  # fmt: skip


def _unreadable(filename: str, where: str, column: str, value: str, what: str) -> Issue:
    """The issue of a line left out because its date or amount ``value`` (as text) cannot be read,
    saying why (the cell grammar's reason)."""
    if what == "date":
        what_en, what_hi, reason = "a date", "तिथि", date_reason(value)
    else:
        what_en, what_hi, reason = "an amount", "राशि", amount_reason(value)
    return make_issue(
        Rule.UNREADABLE_STATEMENT_LINE, filename, where, column, value, what=what_en, what_hi=what_hi,
        reason=reason or UNREADABLE_REASON,
    )  # fmt: skip


def _no_amount(filename: str, where: str, value: str) -> Issue:
    return make_issue(Rule.STATEMENT_LINE_WITHOUT_AMOUNT, filename, where, "", value)


# ----------------------------------------------------------------------------------------------
# rows to lines


_FOOTER = re.compile(
    r"^\W*(closing\s+bal|statement\s+summary|end\s+of\s+statement|grand\s+total|total\b|transaction\s+total|"
    r"page\s+total|balance\s+(?:c/?f|carried)|this\s+is\s+a\s+computer|generated\s+on|"
    r"dr\s+count|cr\s+count|unless\s+the\s+constituent|legends?\b|abbreviations?\b|registered\s+office)",
    re.IGNORECASE,
)
_OPENING = re.compile(
    r"^\W*(opening\s+bal|balance\s+(?:b/?f|brought)|brought\s+forward|b/f\b)", re.IGNORECASE
)
_NO_REFERENCE = frozenset({"-", "--", "NA", "N/A", "NIL", "0"})
_SEPARATOR = re.compile(r"^[\s*=_~-]+$")


def _row_texts(row: Sequence[Cell]) -> list[str]:
    return [_text(c) for c in row]


@lru_cache(maxsize=4096)
def _read_date_cached(text: str) -> dt.date | None:
    return read_date(text)


def _is_separator(texts: Sequence[str]) -> bool:
    filled = [t for t in texts if t]
    return bool(filled) and all(_SEPARATOR.match(t) for t in filled)


def _is_footer(texts: Sequence[str], pattern: re.Pattern[str] = _FOOTER) -> bool:
    filled = [t for t in texts if t]
    return bool(filled) and bool(
        pattern.match(filled[0]) or re.search(r"end\s+of\s+statement", filled[0], re.I)
    )


def _cell(row: Sequence[Cell], j: int | None) -> Cell:
    return row[j] if j is not None and j < len(row) else None


@dataclass(frozen=True, slots=True)
class _Where:
    filename: str
    excel: bool

    def at(self, row: int, column: int | None) -> str:
        if self.excel and column is not None:
            return f"{column_letter(column + 1)}{row}"
        return f"row {row}"


def _balance(row: Sequence[Cell], columns: _Columns) -> tuple[int | None, bool]:
    """(signed balance or None, readable)."""
    j = columns.roles.get("balance")
    if j is None or _text(_cell(row, j)) == "":
        return None, True
    paise, side = read_amount(_cell(row, j))
    if paise is None:
        return None, False
    side = side or _text(_cell(row, columns.balance_drcr)).lower()[:2]
    return (-abs(paise) if side.startswith("dr") else paise), True


def _amounts(row: Sequence[Cell], columns: _Columns) -> tuple[int, int] | tuple[None, int | None]:
    """(withdrawal, deposit) in paise, or (None, column index) naming the unreadable amount."""
    roles = columns.roles
    if "amount" in roles and "withdrawal" not in roles and "deposit" not in roles:
        paise, side = read_amount(_cell(row, roles["amount"]))
        if paise is None:
            return None, roles["amount"]
        drcr = _text(_cell(row, roles.get("drcr"))).lower()
        side = drcr[:1] if drcr[:1] in {"d", "c", "w"} else side[:1]
        if side in {"d", "w"}:
            return abs(paise), 0
        if side == "c":
            return 0, abs(paise)
        return (-paise, 0) if paise < 0 else (0, paise)
    withdrawal, _ = read_amount(_cell(row, roles.get("withdrawal")))
    if withdrawal is None:
        return None, roles.get("withdrawal")
    deposit, _ = read_amount(_cell(row, roles.get("deposit")))
    if deposit is None:
        return None, roles.get("deposit")
    net = deposit - withdrawal  # a negative amount in a column is the other side (a reversal)
    return max(-net, 0), max(net, 0)


def rows_to_lines(
    rows: Sequence[Sequence[Cell]], header: int, columns: _Columns, where: _Where
) -> tuple[list[StatementLine], list[Issue]]:
    """The lines below the header row (0-based ``header``) up to a footer, and the issues found."""
    lines: list[StatementLine] = []
    issues: list[Issue] = []
    roles = columns.roles
    header_folded = [fold_heading(c) for c in rows[header]]
    for i in range(header + 1, len(rows)):
        row, number = rows[i], i + 1
        texts = _row_texts(row)
        if not any(texts) or _is_separator(texts):
            continue
        date_text = _text(_cell(row, roles["date"]))
        date = _read_date_cached(date_text) if isinstance(_cell(row, roles["date"]), str) else None
        date = date or read_date(_cell(row, roles["date"]))
        if date is None and [fold_heading(c) for c in row] == header_folded:
            continue  # the header again, on a new page
        if date is None and _is_footer(texts):
            break  # the statement summary, closing balance or end-of-statement line
        if date is None and _is_footer(texts, _OPENING):
            continue  # the opening balance, above the first line
        description = _text(_cell(row, roles["description"]))
        amounts = _amounts(row, columns)
        if not date_text and lines and description and amounts == (0, 0):
            last = lines[-1]  # a narration wrapped onto the next row
            lines[-1] = replace(last, description=f"{last.description} {description}")
            continue
        if date is None and sum(1 for t in texts if t) < 2:
            continue  # a note or page heading in one cell, not a transaction
        if not date_text:
            issues.append(_unreadable(where.filename, where.at(number, roles["date"]), "date", "", "date"))
            continue
        if date is None:
            issues.append(
                _unreadable(where.filename, where.at(number, roles["date"]), "date", date_text, "date")
            )
            continue
        withdrawal, deposit = amounts
        if withdrawal is None:
            value = _text(_cell(row, deposit))
            issues.append(_unreadable(where.filename, where.at(number, deposit), "amount", value, "amount"))
            continue
        assert deposit is not None  # narrowed by the branch above
        balance, readable = _balance(row, columns)
        if not readable:
            j = roles["balance"]
            issues.append(
                _unreadable(where.filename, where.at(number, j), "balance", _text(row[j]), "amount")
            )
            continue
        if withdrawal == 0 and deposit == 0:
            if _OPENING.match(description):
                continue  # a dated opening balance
            issues.append(_no_amount(where.filename, where.at(number, None), description))
            continue
        reference = _text(_cell(row, roles.get("reference")))
        reference = "" if reference.upper() in _NO_REFERENCE else reference
        lines.append(StatementLine(date, description, reference, withdrawal, deposit, balance, number))
    return lines, issues


def find_header(
    rows: Sequence[Sequence[Cell]], mapping: Mapping[str, str] | None = None
) -> tuple[int, _Columns] | None:
    """The first row (0-based) of the first :data:`HEADER_SCAN_ROWS` that is a statement's header."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns = _mapped_columns(row, mapping) if mapping else _auto_columns(row)
        if columns is not None and columns.complete():
            return i, columns
    return None


def _likely_headings(rows: Sequence[Sequence[Cell]]) -> tuple[str, ...]:
    """The text cells of the row, among the first ones, with most of them (the probable header)."""
    best: tuple[str, ...] = ()
    for row in rows[:HEADER_SCAN_ROWS]:
        texts = tuple(t for c in row if isinstance(c, str) and (t := _text(c)) and read_date(c) is None)
        if len(texts) > len(best):
            best = texts
    return best


def read_table_rows(
    rows: Sequence[Sequence[Cell]], filename: str, *, excel: bool, mapping: Mapping[str, str] | None = None
) -> StatementImport:
    """A statement from rows of cells (CSV, Excel or HTML), the header row found among the first rows."""
    found = find_header(rows, mapping)
    if found is None:
        headings = _likely_headings(rows)
        missing = [h for h in (mapping or {}).values() if fold_heading(h) not in map(fold_heading, headings)]
        return StatementImport("unknown", (), [unknown_layout(filename, headings, missing=missing)], headings)
    header, columns = found
    headings = tuple(t for c in rows[header] if (t := _text(c)))
    lines, issues = rows_to_lines(rows, header, columns, _Where(filename, excel))
    layout = "generic" if mapping else bank_of(rows[header])
    return StatementImport(layout, tuple(lines), issues, headings)


# ----------------------------------------------------------------------------------------------
# OFX


_OFX_TRN = re.compile(r"<STMTTRN>(.*?)(?=</STMTTRN>|<STMTTRN>|</BANKTRANLIST>|$)", re.IGNORECASE | re.DOTALL)
_OFX_FIELD = re.compile(r"<([A-Z0-9.]+)>([^<\r\n]*)", re.IGNORECASE)
_OFX_LEDGER = re.compile(
    r"<LEDGERBAL>(.*?)(?=</LEDGERBAL>|<AVAILBAL>|</STMTRS>|$)", re.IGNORECASE | re.DOTALL
)


def is_ofx(text: str) -> bool:
    """True when the text is an OFX/QFX file (v1 SGML header or v2 XML).

    >>> is_ofx("OFXHEADER:100\\nDATA:OFXSGML"), is_ofx("<?xml version='1.0'?><OFX>"), is_ofx("Date,Amount")
    (True, True, False)
    """
    head = text[:4096].upper()
    return "OFXHEADER" in head or "<OFX>" in head


def ofx_date(text: str) -> dt.date | None:
    """An OFX date (YYYYMMDD, then optional time, fraction and [zone]) as a date.

    >>> ofx_date("20250401"), ofx_date("20250401120000.000[+5.30:IST]")
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> ofx_date("2025-04-01"), ofx_date("20251341")
    (None, None)
    """
    match = re.match(r"\s*(\d{4})(\d{2})(\d{2})", text)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _ofx_fields(block: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag, value in _OFX_FIELD.findall(block):
        fields.setdefault(tag.upper(), " ".join(html.unescape(value).split()))
    return fields


def read_ofx(text: str, filename: str) -> StatementImport:
    """The STMTTRN transactions of an OFX file; the LEDGERBAL balance goes on the last line it covers."""
    lines: list[StatementLine] = []
    issues: list[Issue] = []
    tags: list[str] = []
    for match in _OFX_TRN.finditer(text):
        number = text.count("\n", 0, match.start()) + 1
        fields = _ofx_fields(match[1])
        tags += [t for t in fields if t not in tags]
        where = f"line {number}"
        date = ofx_date(fields.get("DTPOSTED", ""))
        if date is None:
            issues.append(_unreadable(filename, where, "DTPOSTED", fields.get("DTPOSTED", ""), "date"))
            continue
        paise, _ = parse_amount_text(fields.get("TRNAMT", ""))
        if paise is None:
            issues.append(_unreadable(filename, where, "TRNAMT", fields.get("TRNAMT", ""), "amount"))
            continue
        name, memo = fields.get("NAME", ""), fields.get("MEMO", "")
        description = name if not memo or memo == name else f"{name} {memo}".strip()
        reference = fields.get("CHECKNUM") or fields.get("REFNUM") or fields.get("FITID", "")
        if paise == 0:
            issues.append(_no_amount(filename, where, description))
            continue
        lines.append(StatementLine(date, description, reference, max(-paise, 0), max(paise, 0), None, number))
    if not lines and not issues:
        return StatementImport("unknown", (), [unknown_layout(filename, tags)], tuple(tags))
    ledger = _OFX_LEDGER.search(text)
    if ledger and lines:
        fields = _ofx_fields(ledger[1])
        balance, _ = parse_amount_text(fields.get("BALAMT", ""))
        as_of = ofx_date(fields.get("DTASOF", ""))
        candidates = [k for k, line in enumerate(lines) if as_of is None or line.date <= as_of]
        if balance is not None and candidates:
            k = max(candidates, key=lambda k: (lines[k].date, k))
            last = lines[k]
            lines[k] = replace(last, balance=balance)
    return StatementImport("ofx", tuple(lines), issues, tuple(tags))


# ----------------------------------------------------------------------------------------------
# the public entry points


def read_statement(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None
) -> StatementImport:
    """The lines of a bank statement file (CSV, Excel, HTML-as-.xls or OFX) and the issues found.

    Never raises on bad data: a file that is none of these, or whose layout is not known, comes
    back with layout "unknown", no lines and one fatal issue listing the columns found and the
    ``--map`` option; ``mapping`` (role → heading, keys in :data:`MAPPING_KEYS`) says which column
    is which.

    >>> read_statement(b"\\x00\\xff garbage", "x.xlsx").layout
    'unknown'
    >>> read_statement(b"", "x.csv").issues[0].message_en.startswith("x.csv is not a bank statement")
    True
    """
    mapping = {k.strip().lower(): v for k, v in (mapping or {}).items() if v and v.strip()}
    unknown_keys = sorted(set(mapping) - set(MAPPING_KEYS))
    if unknown_keys:
        return StatementImport("unknown", (), [unknown_layout(filename, (), bad_keys=unknown_keys)], ())
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        sheets = excel_sheets(data)
        if sheets is None:
            return StatementImport("unknown", (), [unknown_layout(filename, ())], ())
        tried: list[StatementImport] = []
        for _, rows in sheets:
            got = read_table_rows(rows, filename, excel=True, mapping=mapping)
            if got.layout != "unknown":
                return got
            tried.append(got)
        # none is a statement: report the sheet showing most headings
        best = max(tried, key=lambda got: len(got.columns_found), default=None)
        return best or StatementImport("unknown", (), [unknown_layout(filename, ())], ())
    text = decode_text(data)
    if is_ofx(text):
        return read_ofx(text, filename)
    if re.search(r"<table\b", text[:65536], re.IGNORECASE):
        return read_table_rows(html_rows(text), filename, excel=False, mapping=mapping)
    return read_table_rows(csv_rows(text), filename, excel=False, mapping=mapping)


def line_key(
    date: dt.date | None, description: str, reference: str, withdrawal: int, deposit: int
) -> LineKey:
    """What makes two statement lines the same line: the date, the net amount (as withdrawal or
    deposit), the description in any case and spacing, and the reference without "CHQ NO." prefixes
    or leading zeros (Excel may have turned "004512" into 4512).

    >>> line_key(dt.date(2025, 4, 1), " NEFT  ravi ", "Chq No. 004512", 0, 150000)
    (datetime.date(2025, 4, 1), 0, 150000, 'neft ravi', '4512')
    >>> line_key(dt.date(2025, 4, 1), "x", "", 500, 200) == line_key(dt.date(2025, 4, 1), "X", "", 300, 0)
    True
    >>> line_key(dt.date(2025, 4, 1), "x", "", 0, 100) == line_key(dt.date(2025, 4, 1), "x", "", 100, 0)
    False
    """
    if isinstance(date, dt.datetime):
        date = date.date()
    net = int(deposit) - int(withdrawal)
    ref = normalise_reference(str(reference))
    ref = ref.lstrip("0") or ref if ref.isdigit() else ref
    return (date, max(-net, 0), max(net, 0), fold(str(description)), ref)


def key_of(line: StatementLine) -> LineKey:
    """The :func:`line_key` of a statement line."""
    return line_key(line.date, line.description, line.reference, line.withdrawal, line.deposit)


def new_lines(
    existing: Iterable[LineKey | StatementLine], incoming: Sequence[StatementLine]
) -> tuple[StatementLine, ...]:
    """The incoming lines the book does not have yet, in file order; each existing line accounts for
    one incoming line with its key (two equal lines in the file and one in the book: one is new).

    >>> a = StatementLine(dt.date(2025, 4, 1), "ATM WDL", "", 200000, 0, None, 5)
    >>> b = StatementLine(dt.date(2025, 4, 2), "SMS CHARGES", "", 1770, 0, None, 6)
    >>> [line.source_row for line in new_lines([key_of(a)], [a, a, b])]
    [5, 6]
    >>> new_lines([a, b], [a, b])
    ()
    """
    have = Counter(key_of(k) if isinstance(k, StatementLine) else k for k in existing)
    fresh: list[StatementLine] = []
    for line in incoming:
        key = key_of(line)
        if have[key] > 0:
            have[key] -= 1
        else:
            fresh.append(line)
    return tuple(fresh)


def as_rows(lines: Iterable[StatementLine]) -> list[list[object]]:
    """Lines as BankStatement rows (Date, Description, Reference, Withdrawal, Deposit, Balance),
    amounts in rupees, ready to append.

    >>> as_rows([StatementLine(dt.date(2025, 4, 1), "ATM WDL", "", 200050, 0, -1500, 5)])
    [[datetime.date(2025, 4, 1), 'ATM WDL', '', 2000.5, 0.0, -15.0]]
    """
    return [
        [
            line.date,
            line.description,
            line.reference,
            to_rupees(line.withdrawal),
            to_rupees(line.deposit),
            None if line.balance is None else to_rupees(line.balance),
        ]
        for line in lines
    ]
