"""Reading a bank's statement file into BankStatement lines: pure, bytes in, typed lines and issues out.

Formats: CSV (comma, semicolon, tab or pipe; UTF-16, UTF-8 with or without BOM, else
cp1252/latin-1; HDFC's "Delimited" .txt, whose narrations hold commas without quotes), Excel
exports (.xlsx and .xls, read with python-calamine; an .xls calamine cannot read is read with
xlrd), HTML tables saved as ".xls" and OFX/QFX (v1 SGML and v2 XML, read with ofxtools). Text a
reader gives back as UTF-16 bytes ("D\\x00a\\x00t\\x00e\\x00", as ICICI's .xls reaches calamine) and
``="..."`` cell wrappers (Kotak) are put right first.

Layouts: the netbanking exports of HDFC (CSV/Excel and Delimited), SBI, ICICI (account and credit
card), Axis and Kotak are recognised by their headings; any other header row with a date, a
description and either withdrawal/deposit columns or an amount (with or without a Dr/Cr or sign
column; a blank sign is a debit) is read as "generic". A card's foreign-currency amount
("Intl.Amount") is never the amount. Account details above the header row are skipped (the first
40 rows are scanned), as are separator lines of asterisks or dashes and page breaks ("Page 1 of 3",
"Page Total", "Balance c/f", the header again); a footer ("Statement Summary",
"**** End of Statement ****", closing balance, totals) ends the lines.

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
``statement-without-lines`` (fatal)
    No line was read: nothing dated below the header, or every line had an issue (listed too).
``statement-in-other-currency`` (fatal)
    An OFX statement whose CURDEF is not the book's currency (``read_statement(currency=...)``).

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
    bank_balance,
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
NO_LINES = Rule.STATEMENT_WITHOUT_LINES
OTHER_CURRENCY = Rule.STATEMENT_IN_OTHER_CURRENCY

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


_FOREIGN = ("intl", "international", "foreign", "forex", "fcy")
"""Headings (folded) of a card statement's foreign-currency amount, read as no role."""

_DRCR = frozenset(
    {"drcr", "crdr", "debitcredit", "creditdebit", "type", "txntype", "transactiontype", "drcrindicator"}
)


def heading_role(heading: object) -> str | None:
    """The role a statement heading plays (one of :data:`MAPPING_KEYS`, or "value_date"), or None.

    >>> [heading_role(h) for h in ("Txn Date", "Value Dt", "Transaction Remarks", "Ref No./Cheque No.")]
    ['date', 'value_date', 'description', 'reference']
    >>> [heading_role(h) for h in ("DR", "Deposit Amt.", "Amount", "Dr / Cr", "BAL", "SOL", "S No.")]
    ['withdrawal', 'deposit', 'amount', 'drcr', 'balance', None, None]
    >>> [heading_role(h) for h in ("Value Dat", "Intl.Amount", "Amount(in Rs)", "BillingAmountSign")]
    ['value_date', None, 'amount', 'drcr']
    """
    word = fold_heading(heading)
    if not word or word.startswith(_FOREIGN):
        return None  # an amount in the card's foreign currency is not the amount charged in rupees
    if word in _DRCR or word.endswith("sign"):
        return "drcr"
    if "balance" in word or word in {"bal", "closingbal", "runningbal"}:
        return "balance"
    if "date" in word or word.endswith(("dt", "dat")):
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
    ("hdfc", frozenset({"narration", "valuedat", "debitamount", "creditamount", "chqrefnumber"})),
    ("icici-card", frozenset({"transactiondetails", "amountinrs", "billingamountsign"})),
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
    >>> bank_of(["Date", "Transaction Details", "Intl.Amount", "Amount(in Rs)", "BillingAmountSign"])
    'icici-card'
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
    """Text of a file: UTF-16 when it starts with its byte-order mark or reads as ASCII in UTF-16
    ("Unicode Text" saved from Excel), else UTF-8 (a BOM dropped), else Windows-1252, else Latin-1
    (which reads anything).

    >>> decode_text("₹ 1,200".encode()), decode_text(b"\\xef\\xbb\\xbfDate"), decode_text(b"Caf\\xe9 \\x81")
    ('₹ 1,200', 'Date', 'Café \\x81')
    >>> decode_text("Date\\t₹".encode("utf-16")), decode_text("Date".encode("utf-16-le"))
    ('Date\\t₹', 'Date')
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    if len(data) >= 4 and data[1] == data[3] == 0 and data[0] and data[2]:
        return data.decode("utf-16-le", errors="replace")
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


XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE2 compound file: an Excel 97-2003 .xls."""

Sheets = list[tuple[str, list[list[Cell]]]]


def excel_sheets(data: bytes) -> Sheets | None:
    """(sheet name, rows from A1) of an .xlsx/.xls/.ods file, read with calamine; an .xls calamine
    cannot read is read with xlrd. None when neither can read it."""
    sheets = _calamine_sheets(data)
    if sheets is None and data.startswith(XLS_MAGIC):
        sheets = xlrd_sheets(data)
    return sheets


def _calamine_sheets(data: bytes) -> Sheets | None:
    try:
        import python_calamine  # noqa: PLC0415 - only Excel files need it

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [
            (name, [list(r) for r in book.get_sheet_by_name(name).to_python(skip_empty_area=False)])
            for name in book.sheet_names
        ]
    except Exception:  # calamine raises many kinds on a damaged file; all mean unreadable
        return None


def xlrd_sheets(data: bytes) -> Sheets | None:
    """(sheet name, rows from A1) of an Excel 97-2003 .xls read with xlrd, cells as calamine gives
    them (dates as datetimes, blanks as ""), or None when xlrd cannot read it."""
    try:
        import xlrd  # noqa: PLC0415 - only .xls files need it

        book = xlrd.open_workbook(file_contents=data)
        sheets: Sheets = []
        for sheet in book.sheets():
            rows = [
                [_xlrd_value(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)]
                for r in range(sheet.nrows)
            ]
            sheets.append((sheet.name, rows))
    except Exception:  # xlrd raises many kinds on a damaged file; all mean unreadable
        return None
    return sheets


def _xlrd_value(cell: Any, datemode: Any) -> Cell:
    import xlrd  # noqa: PLC0415

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return cell.value


_EXCEL_TEXT = re.compile(r'^\s*="(.*)"\s*$', re.DOTALL)


def repair_text(text: str) -> str:
    """A cell's text as the bank meant it: UTF-16 text that a reader took one byte per character
    ("D\\x00a\\x00t\\x00e\\x00") put back together, and the ``="..."`` wrapper some exports put
    around numbers-as-text (so that Excel keeps a reference's leading zeros) taken off.

    >>> repair_text("D\\x00a\\x00t\\x00e\\x00"), repair_text("\\x00R\\x00s"), repair_text("Rs\\x00")
    ('Date', 'Rs', 'Rs')
    >>> repair_text("UPI क".encode("utf-16-le").decode("latin-1"))  # read byte by byte
    'UPI क'
    >>> repair_text('="000123"'), repair_text(' ="UPI-5091" '), repair_text("=CHRG SMS"), repair_text("")
    ('000123', 'UPI-5091', '=CHRG SMS', '')
    """
    if "\x00" in text:
        text = _from_utf16_bytes(text)
    if (match := _EXCEL_TEXT.match(text)) is not None:
        text = match[1].replace('""', '"')
    return text


def _from_utf16_bytes(text: str) -> str:
    """Text holding NULs: its characters taken as the bytes of UTF-16 text when that reads as
    printable text, else the text without its NULs."""
    if not text[1::2].strip("\x00") or not text[0::2].strip("\x00"):
        return text.replace("\x00", "")  # ASCII in UTF-16 (LE or BE): every second character a NUL
    if len(text) % 2 == 0 and all(ord(ch) < 256 for ch in text):
        decoded = text.encode("latin-1").decode("utf-16-le", errors="replace")
        if all(ch.isprintable() or ch in "\t\r\n" for ch in decoded) and "\ufffd" not in decoded:
            return decoded
    return text.replace("\x00", "")


def clean_rows(rows: Iterable[Sequence[Cell]]) -> list[list[Cell]]:
    """Rows with every text cell put right (:func:`repair_text`)."""
    return [[repair_text(c) if isinstance(c, str) else c for c in row] for row in rows]


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


def no_lines(
    filename: str, where: str, headings: Sequence[str], problems: int, *, ofx: bool = False
) -> Issue:
    """The fatal issue of a statement from which no line was read, with the reason: nothing dated
    below the header, or ``problems`` issues about the lines that were there (an OFX file's
    transactions from ``where`` when ``ofx``)."""
    variant = "-".join(part for part in ("ofx" if ofx else "", "unreadable" if problems else "") if part)
    return make_issue(
        Rule.STATEMENT_WITHOUT_LINES, filename, where, "", "", variant=variant, filename=filename,
        where=where, found=", ".join(headings[:8]), problems=problems,
    )  # fmt: skip


def other_currency(filename: str, where: str, found: str, book: str) -> Issue:
    """The fatal issue of an OFX statement in ``found`` currency imported into a book kept in ``book``."""
    return make_issue(
        Rule.STATEMENT_IN_OTHER_CURRENCY, filename, where, "CURDEF", found, filename=filename, book=book
    )


def unreadable_ofx(filename: str, reason: str, where: str = "") -> Issue:
    """The fatal issue of a file that looks like OFX/QFX but that ofxtools cannot read (``where``:
    the line ofxtools stopped at, when it says)."""
    reason = " ".join(reason.split())[:160]
    return make_issue(
        Rule.UNKNOWN_STATEMENT_LAYOUT, filename, where, "", "", variant="ofx", filename=filename,
        reason=reason,
    )  # fmt: skip


# ----------------------------------------------------------------------------------------------
# rows to lines


_FOOTER = re.compile(
    r"^\W*(closing\s+bal|statement\s+summary|end\s+of\s+statement|grand\s+total|total\b|transaction\s+total|"
    r"this\s+is\s+a\s+computer|generated\s+on|"
    r"dr\s+count|cr\s+count|unless\s+the\s+constituent|legends?\b|abbreviations?\b|registered\s+office)",
    re.IGNORECASE,
)
_PAGE_BREAK = re.compile(
    r"^\W*(?:page\s*(?:no\.?|number)?\s*[:.-]?\s*\d+(?:\s*(?:of|/)\s*\d+)?\W*$|page\s+total\b|"
    r"balance\s+(?:c/?f|carried)|carried\s+(?:forward|over)|continued\b|contd\b)",
    re.IGNORECASE,
)
"""A cell of a page's foot or head ("Page 1 of 3", "Page Total", "Balance c/f"): more lines follow."""
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


def _is_page_break(texts: Sequence[str]) -> bool:
    return any(_PAGE_BREAK.match(t) for t in texts if t)


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
    return bank_balance(paise, side), True


def _amounts(row: Sequence[Cell], columns: _Columns) -> tuple[int, int] | tuple[None, int | None]:
    """(withdrawal, deposit) in paise, or (None, column index) naming the unreadable amount."""
    roles = columns.roles
    if "amount" in roles and "withdrawal" not in roles and "deposit" not in roles:
        paise, side = read_amount(_cell(row, roles["amount"]))
        if paise is None:
            return None, roles["amount"]
        drcr = _cell(row, roles.get("drcr"))
        side = _drcr_side(drcr) or side[:1]
        if not side and "drcr" in roles and _text(drcr) in {"", "-", "--"}:
            side = "d"  # a blank sign cell is a debit: card statements mark only the credits ("CR")
        if side == "d":
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


def _drcr_side(cell: Cell) -> str:
    """The side a Dr/Cr (or sign) cell gives its line's amount: "d" (debit, money out), "c" (credit,
    money in) or "" (blank or not a side). A number in it (some card exports repeat the amount
    there, signed) gives its sign's side.

    >>> [_drcr_side(c) for c in ("DR", "Cr.", "W", "", None, "-7,347.15", "867.96", "?")]
    ['d', 'c', 'd', '', '', 'c', 'd', '']
    """
    text = _text(cell).lower()
    if text[:1] in {"d", "w"}:
        return "d"
    if text[:1] == "c":
        return "c"
    paise, _ = read_amount(text)
    if paise:
        return "c" if paise < 0 else "d"
    return ""


def rejoin_narration(row: Sequence[Cell], width: int, columns: _Columns) -> Sequence[Cell]:
    """A delimited row with more fields than the header has headings, its narration (which held
    commas without quotes, as HDFC's "Delimited" export writes it) joined back into one field.

    The narration is joined when it is the last column, or when the row's amounts read only
    once joined; a row with blank extra fields (trailing delimiters) is left as it is.

    >>> columns = _Columns({"date": 0, "description": 1, "withdrawal": 3, "deposit": 4})
    >>> rejoin_narration(["01/04/25", "NEFT-A", " B LTD", "01/04/25", "450.00", "0.00"], 5, columns)
    ['01/04/25', 'NEFT-A, B LTD', '01/04/25', '450.00', '0.00']
    >>> rejoin_narration(["01/04/25", "ATM", "01/04/25", "450.00", "0.00", ""], 5, columns)
    ['01/04/25', 'ATM', '01/04/25', '450.00', '0.00', '']
    """
    extra = len(row) - width
    j = columns.roles.get("description")
    if extra <= 0 or j is None or j >= width or not any(_text(c) for c in row[width:]):
        return row
    joined = [*row[:j], ",".join(str(c) for c in row[j : j + extra + 1]), *row[j + extra + 1 :]]
    if j == width - 1:
        return joined
    as_is, rejoined = _amounts(row, columns), _amounts(joined, columns)
    if (as_is[0] is None or not _balance(row, columns)[1]) and rejoined[0] is not None:
        return joined
    return row


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
        if date is None and _is_page_break(texts):
            continue  # "Page 1 of 3", a page total or balance carried to the next page
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
        reference = "" if reference.upper() in _NO_REFERENCE or not reference.strip("0") else reference
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
    rows = clean_rows(rows)
    found = find_header(rows, mapping)
    if found is None:
        headings = _likely_headings(rows)
        missing = [h for h in (mapping or {}).values() if fold_heading(h) not in map(fold_heading, headings)]
        return StatementImport("unknown", (), [unknown_layout(filename, headings, missing=missing)], headings)
    header, columns = found
    headings = tuple(t for c in rows[header] if (t := _text(c)))
    if not excel:
        width = len(rows[header])
        rows = [*rows[: header + 1], *(rejoin_narration(r, width, columns) for r in rows[header + 1 :])]
    where = _Where(filename, excel)
    lines, issues = rows_to_lines(rows, header, columns, where)
    if not lines:
        issues.append(no_lines(filename, where.at(header + 1, None), headings, len(issues)))
    layout = "generic" if mapping else bank_of(rows[header])
    return StatementImport(layout, tuple(lines), issues, headings)


# ----------------------------------------------------------------------------------------------
# OFX


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


_STMTTRN = re.compile(r"<STMTTRN>", re.IGNORECASE)
_STATEMENTS = ("STMTRS", "CCSTMTRS")


def read_ofx(data: bytes, filename: str, *, currency: str | None = None) -> StatementImport:
    """The STMTTRN transactions of an OFX/QFX file (v1 SGML or v2 XML), read with ofxtools; the
    LEDGERBAL balance goes on the last line it covers. A statement whose CURDEF is not ``currency``
    (the book's) is refused.

    Each transaction is read on its own, so that one bad field is an issue on its line and the
    others are still read; the OFX spec's length limits (a 9-character BANKID, a 32-character
    NAME) are not enforced, since Indian banks exceed them (an IFSC has 11). The day of DTPOSTED is
    taken as the bank wrote it: ofxtools turns times into UTC, which would move a payment at
    00:30 IST to the day before.
    """
    text = decode_text(data)
    try:
        root = ofx_tree(data, text)
    except UnreadableOfxError as exc:
        return StatementImport("unknown", (), [unreadable_ofx(filename, exc.reason, exc.where)], ())
    line_of = _line_numbers(text, [m.start() for m in _STMTTRN.finditer(text)])
    transactions = list(root.iter("STMTTRN"))
    numbers = dict(zip(map(id, transactions), line_of, strict=False))
    tags = tuple(dict.fromkeys(child.tag for trn in transactions for child in trn))
    if not transactions:
        return StatementImport("ofx", (), [no_lines(filename, "", (), 0, ofx=True)], ())
    lines: list[StatementLine] = []
    issues: list[Issue] = []
    statements = [e for e in root.iter() if e.tag in _STATEMENTS] or [root]
    for statement in statements:
        found = (statement.findtext("CURDEF") or "").strip().upper()
        trns = list(statement.iter("STMTTRN"))
        first = f"line {numbers.get(id(trns[0]), 1)}" if trns else ""
        if currency and found and found != currency.strip().upper():
            return StatementImport("ofx", (), [other_currency(filename, first, found, currency)], tags)
        read: list[StatementLine] = []
        for trn in trns:
            line = _ofx_line(trn, numbers.get(id(trn), 0), filename, issues)
            if line is not None:
                read.append(line)
        lines += _with_ledger_balance(read, statement.find("LEDGERBAL"))
    if not lines:
        first_line = f"line {line_of[0]}" if line_of else ""
        issues.append(no_lines(filename, first_line, tags, len(issues), ofx=True))
    return StatementImport("ofx", tuple(lines), issues, tags)


_OFX_TAG = re.compile(r"</?[A-Za-z0-9._]+>")


class UnreadableOfxError(ValueError):
    """ofxtools cannot read the file: why (its words, shortened) and where ("line 12", or "")."""

    def __init__(self, error: Exception, where: str = "") -> None:
        reason = str(error) or type(error).__name__
        reason = re.split(r" - position=| in <", reason)[0]  # ofxtools appends the whole text
        super().__init__(reason)
        self.reason, self.where = reason, where


_POSITION = re.compile(r"position=\[(\d+):")


def ofx_tree(data: bytes, text: str) -> Any:
    """The element tree of an OFX file (``text`` is ``data`` decoded), parsed by ofxtools: header
    and body; failing that (a BOM or blank lines before a v2 header, no header at all, tags in
    lower case), the body alone from ``<OFX>``, tags in upper case. Raises :class:`UnreadableOfxError`
    when neither reads."""
    from ofxtools.Parser import OFXTree, TreeBuilder  # noqa: PLC0415 - only OFX files need it

    error: Exception = ValueError("no <OFX> element")
    try:
        root = OFXTree().parse(io.BytesIO(data))
    except Exception as exc:  # ofxtools raises header, parse and decoding errors of many kinds
        error = exc
    else:
        if root.find(".//STMTTRN") is not None or _STMTTRN.search(text) is None:
            return root
    start = text.upper().find("<OFX>")
    if start < 0:
        raise UnreadableOfxError(error, "line 1")
    builder = TreeBuilder()
    try:
        builder.feed(_OFX_TAG.sub(lambda tag: tag[0].upper(), text[start:]))
        return builder.close()
    except Exception as exc:  # ParseError, IndexError (a closing tag too many), AssertionError
        at = _POSITION.search(str(exc))
        line = text.count("\n", 0, start + int(at[1])) + 1 if at else None
        raise UnreadableOfxError(exc, f"line {line}" if line else "") from exc


def _line_numbers(text: str, offsets: Sequence[int]) -> list[int]:
    """The line (from 1) of each offset (ascending) of the text."""
    numbers, line, at = [], 1, 0
    for offset in offsets:
        line += text.count("\n", at, offset)
        at = offset
        numbers.append(line)
    return numbers


def _ofx_value(element: Any, tag: str) -> str:
    """The text of a child element as OFX escapes it undone (``&amp;`` is "&"), spaces collapsed."""
    from ofxtools.Types import String  # noqa: PLC0415

    raw = element.findtext(tag)
    return " ".join((String().convert(raw) or "").split()) if raw else ""


def _ofx_date(element: Any, tag: str) -> tuple[dt.date | None, str]:
    """(the day of an OFX date element, or None when ofxtools finds it malformed; its text)."""
    from ofxtools.Types import DateTime  # noqa: PLC0415

    raw = (element.findtext(tag) or "").strip()
    try:
        DateTime().convert(raw)
    except Exception:  # OFXSpecError, ValueError: not an OFX date
        return None, raw
    return ofx_date(raw), raw


def _ofx_amount(element: Any, tag: str) -> tuple[int | None, str]:
    """(an OFX amount element in paise, or None when ofxtools finds it malformed; its text)."""
    from ofxtools.Types import Decimal  # noqa: PLC0415

    raw = (element.findtext(tag) or "").strip()
    try:
        value = Decimal().convert(raw)
    except Exception:  # InvalidOperation, ValueError: not an OFX amount
        return None, raw
    paise, _ = parse_amount_text(str(value)) if value.is_finite() else (None, False)
    return paise, raw


def _ofx_line(trn: Any, number: int, filename: str, issues: list[Issue]) -> StatementLine | None:
    """The line of one STMTTRN, or None with its issue appended."""
    where = f"line {number}"
    date, raw_date = _ofx_date(trn, "DTPOSTED")
    if date is None:
        issues.append(_unreadable(filename, where, "DTPOSTED", raw_date, "date"))
        return None
    paise, raw_amount = _ofx_amount(trn, "TRNAMT")
    if paise is None:
        issues.append(_unreadable(filename, where, "TRNAMT", raw_amount, "amount"))
        return None
    name, memo = _ofx_value(trn, "NAME"), _ofx_value(trn, "MEMO")
    if not name:
        name = _ofx_value(trn, "PAYEE/NAME")
    description = name if not memo or memo == name else f"{name} {memo}".strip()
    reference = next((v for tag in ("CHECKNUM", "REFNUM", "FITID") if (v := _ofx_value(trn, tag))), "")
    if paise == 0:
        issues.append(_no_amount(filename, where, description))
        return None
    return StatementLine(date, description, reference, max(-paise, 0), max(paise, 0), None, number)


def _with_ledger_balance(lines: list[StatementLine], ledger: Any) -> list[StatementLine]:
    """The lines, the LEDGERBAL amount as the balance of the last line dated on or before its DTASOF."""
    if ledger is None or not lines:
        return lines
    balance, _ = _ofx_amount(ledger, "BALAMT")
    as_of, raw = _ofx_date(ledger, "DTASOF")
    candidates = [k for k, line in enumerate(lines) if not raw or (as_of is not None and line.date <= as_of)]
    if balance is None or not candidates:
        return lines
    k = max(candidates, key=lambda k: (lines[k].date, k))
    return [*lines[:k], replace(lines[k], balance=balance), *lines[k + 1 :]]


# ----------------------------------------------------------------------------------------------
# the public entry points


def read_statement(
    data: bytes, filename: str, *, mapping: Mapping[str, str] | None = None, currency: str | None = None
) -> StatementImport:
    """The lines of a bank statement file (CSV, Excel, HTML-as-.xls or OFX) and the issues found.

    Never raises on bad data: a file that is none of these, or whose layout is not known, comes
    back with layout "unknown", no lines and one fatal issue listing the columns found and the
    ``--map`` option; ``mapping`` (role → heading, keys in :data:`MAPPING_KEYS`) says which column
    is which. ``currency`` is the book's: an OFX statement in another currency is refused (the
    other formats do not say theirs). A file from which no line could be read comes back with a
    fatal issue saying why.

    >>> read_statement(b"\\x00\\xff garbage", "x.xlsx").layout
    'unknown'
    >>> read_statement(b"", "x.csv").issues[0].message_en.startswith("x.csv is not a bank statement")
    True
    """
    mapping = {k.strip().lower(): v for k, v in (mapping or {}).items() if v and v.strip()}
    unknown_keys = sorted(set(mapping) - set(MAPPING_KEYS))
    if unknown_keys:
        return StatementImport("unknown", (), [unknown_layout(filename, (), bad_keys=unknown_keys)], ())
    if data[:4] == b"PK\x03\x04" or data.startswith(XLS_MAGIC):
        sheets = excel_sheets(data)
        if sheets is None:
            return StatementImport("unknown", (), [unknown_layout(filename, ())], ())
        tried = [read_table_rows(rows, filename, excel=True, mapping=mapping) for _, rows in sheets]
        # the first sheet with lines, else the first with a statement's header (its issue says why
        # it has none), else the sheet showing most headings
        chosen = next((got for got in tried if got.lines), None)
        chosen = chosen or next((got for got in tried if got.layout != "unknown"), None)
        chosen = chosen or max(tried, key=lambda got: len(got.columns_found), default=None)
        return chosen or StatementImport("unknown", (), [unknown_layout(filename, ())], ())
    text = decode_text(data)
    if is_ofx(text):
        return read_ofx(data, filename, currency=currency)
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
