"""The Import Statement macro (``bahi import-statement``): a bank's statement file into BankStatement.

``read → engine → write``: reads the BankStatement table (the keys of the lines already there),
parses the file with :func:`~addin.engine.reconciliation.statement_import.read_statement`, keeps
the lines the table lacks (:func:`~addin.engine.reconciliation.statement_import.new_lines`) and,
with ``write``, appends them at the bottom of the table (:meth:`Workbook.append_rows`). Importing
the same file again adds nothing.

A file whose layout is not recognised comes back as the parser's fatal issue (the columns found,
and how to name them with ``--map``); so does a file from which no line could be read (with the
reason) and an OFX statement in another currency than the book's (Settings: Currency). Nothing is
written then; "Nothing to add" is said only when lines were read and all were there already.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pandas as pd

from addin.books.base import CellValue, Workbook, read_input_file
from addin.engine.issues import Issue, has_fatal
from addin.engine.load import load_settings, sort_issues
from addin.engine.money import to_decimal_string
from addin.engine.reconciliation.bank_statement import load_bank_statement
from addin.engine.reconciliation.statement_import import (
    StatementLine,
    as_rows,
    line_key,
    new_lines,
    read_statement,
)
from addin.engine.schema import BANK_STATEMENT, SETTINGS
from addin.engine.tables import RawTable
from addin.macros.run import Counts, Progress, RunResult, Stopwatch, no_progress
from addin.messages import Text

STATEMENT_COLUMNS = ("Date", "Description", "Reference", "Withdrawal", "Deposit", "Balance")
"""The columns of :func:`as_rows`' rows, as BankStatement names them in English."""

IMPORTED = Text(
    "{new} new line(s) added to {sheet} from {file}; {duplicates} of the {read} line(s) read were "
    "already there.",
    "{file} से {sheet} में {new} नई पंक्ति(याँ) जोड़ी गईं; पढ़ी गई {read} पंक्तियों में से {duplicates} पहले से थीं।",
)
NOTHING_NEW = Text(
    "Nothing to add: all {read} line(s) of {file} are already in {sheet}.",
    "जोड़ने को कुछ नहीं: {file} की सभी {read} पंक्तियाँ {sheet} में पहले से हैं।",
)
NOT_IMPORTED = Text(
    "The statement file cannot be imported; the workbook was not changed:",
    "विवरण फ़ाइल आयात नहीं की जा सकी; कार्यपुस्तिका नहीं बदली गई:",
)
BAD_MAPPING = Text(
    "--map takes FIELD=COLUMN pairs after the book and the file, for example "
    "--map date='Txn Date' description=Remarks amount=Amount; got {text!r}.",
    "--map में कार्यपुस्तिका और फ़ाइल के बाद FIELD=COLUMN जोड़े दें, जैसे "
    "--map date='Txn Date' description=Remarks amount=Amount; मिला {text!r}।",
)
WOULD_ADD = Text(
    "{new} new line(s) of {file} would be added to {sheet}; {duplicates} of {read} already there.",
    "{file} की {new} नई पंक्ति(याँ) {sheet} में जोड़ी जातीं; {read} में से {duplicates} पहले से हैं।",
)


_MAP_PAIR = re.compile(r"\s+(?=[A-Za-z_]+\s*=)")


def mapping_pairs(text: str) -> list[tuple[str, str]] | None:
    """The ``FIELD=COLUMN`` pairs of one argument of ``--map``, or None when it is not such pairs.

    The shell gives each pair of ``--map date="Txn Date" description=Remarks`` as its own
    argument; an argument may also hold several pairs (typed in one pair of quotes), and the
    quotes of a heading copied from the hint are dropped.

    >>> mapping_pairs("date=Txn Date"), mapping_pairs('date="Txn Date" description=Remarks amount=Amt')
    ([('date', 'Txn Date')], [('date', 'Txn Date'), ('description', 'Remarks'), ('amount', 'Amt')])
    >>> mapping_pairs("date"), mapping_pairs("book.xlsx"), mapping_pairs("date= ")
    (None, None, None)
    """
    pairs = []
    for part in _MAP_PAIR.split(text.strip()):
        field, sep, column = part.partition("=")
        column = column.strip().strip("\"'").strip()
        if not sep or not field.strip() or not column:
            return None
        pairs.append((field.strip(), column))
    return pairs


@dataclass(frozen=True)
class ImportReport:
    """What an import read and what it added (or would add, when not writing)."""

    filename: str
    layout: str
    read: int
    added: tuple[StatementLine, ...]

    @property
    def duplicates(self) -> int:
        """Lines of the file already in the table (skipped)."""
        return self.read - len(self.added)

    def as_records(self) -> list[dict[str, Any]]:
        """The new lines, amounts as decimal strings of rupees (the JSON and CSV shape)."""
        return [
            {
                "date": line.date.isoformat() if line.date else "",
                "description": line.description,
                "reference": line.reference,
                "withdrawal": to_decimal_string(line.withdrawal) if line.withdrawal else "",
                "deposit": to_decimal_string(line.deposit) if line.deposit else "",
                "balance": "" if line.balance is None else to_decimal_string(line.balance),
                "source_row": line.source_row,
            }
            for line in self.added
        ]


def read_statement_file(path: Path) -> bytes:
    """The bytes of the statement file, or a bilingual BookError saying why it cannot be read."""
    return read_input_file(path, "statement file", "विवरण फ़ाइल")


def _day(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    if isinstance(value, dt.datetime):  # a pandas Timestamp too
        return value.date()
    return value if isinstance(value, dt.date) else None


def existing_keys(table: RawTable | None) -> tuple[list[Any], list[Issue]]:
    """The keys (:func:`line_key`) of the lines already in the BankStatement table, one a line, and
    the table's fatal issues (a missing table or column); its other issues are validation's concern."""
    frame, issues = load_bank_statement(table)
    fatal = [i for i in issues if has_fatal([i])]
    keys = [
        line_key(_day(date), description, reference, max(-int(amount), 0), max(int(amount), 0))
        for date, description, reference, amount in zip(
            frame["date"], frame["description"], frame["reference"], frame["amount"], strict=True
        )
    ]
    return keys, fatal


def statement_rows(lines: Sequence[StatementLine]) -> list[dict[str, CellValue]]:
    """New lines as BankStatement rows keyed by English column names; a zero amount is left blank."""
    rows: list[dict[str, CellValue]] = []
    for values in as_rows(lines):
        row = {name: cast(CellValue, value) for name, value in zip(STATEMENT_COLUMNS, values, strict=False)}
        for amount in ("Withdrawal", "Deposit"):
            if not row.get(amount):
                row[amount] = None
        rows.append(row)
    return rows


def import_statement(
    book: Workbook,
    data: bytes,
    filename: str,
    *,
    mapping: Mapping[str, str] | None = None,
    write: bool,
    progress: Progress = no_progress,
) -> RunResult:
    """Add the lines of a bank statement file that the BankStatement table lacks.

    The result's report is an :class:`ImportReport`; its counts' ``lines`` are the lines read. A
    fatal issue (no BankStatement table, a layout the parser does not know, no line read, an OFX
    statement in another currency than the Settings' one) means nothing was written.
    """
    clock = Stopwatch()
    progress("reading")
    keys, fatal = existing_keys(book.read_table(BANK_STATEMENT))
    if fatal:
        return RunResult("import-statement", tuple(sort_issues(fatal)), Counts.of(None, fatal), clock.seconds)
    settings, _ = load_settings(book.read_table(SETTINGS))  # its issues are validation's concern
    imported = read_statement(data, filename, mapping=mapping, currency=settings.currency)
    issues = sort_issues(list(imported.issues))
    counts = Counts.of(None, issues)
    counts = Counts(lines=len(imported.lines), errors=counts.errors, warnings=counts.warnings)
    if has_fatal(issues):
        return RunResult("import-statement", tuple(issues), counts, clock.seconds)
    progress("checking")
    added = tuple(new_lines(keys, imported.lines))
    report = ImportReport(filename, str(imported.layout), len(imported.lines), added)
    written: tuple[str, ...] = ()
    if write and added:
        progress("writing")
        book.append_rows(BANK_STATEMENT, statement_rows(added))
        written = (BANK_STATEMENT.sheet,)
    note = _note(report, written=bool(written))
    return RunResult("import-statement", tuple(issues), counts, clock.seconds, report, written, note)


def _note(report: ImportReport, *, written: bool) -> Text:
    values = {
        "new": len(report.added), "read": report.read, "duplicates": report.duplicates,
        "file": report.filename, "sheet": BANK_STATEMENT.sheet,
    }  # fmt: skip
    if not report.added:
        return NOTHING_NEW.format(**values)
    return (IMPORTED if written else WOULD_ADD).format(**values)
