"""The narrow interface between macros and a workbook.

Macros read tables and write results only through :class:`Workbook`. Two implementations exist and
tests require the same outcome from both: the xlwings ``Book`` adapter (desktop Excel or the JSON
book xlwings Server builds from Office.js) and the file adapter the ``bahi`` command uses.

Rules every adapter keeps:
- it never changes the value of a cell the user typed: writes go to owned sheets
  (``schema.OWNED_SHEETS``) and owned columns (``Column.owned``) only; highlighting is allowed;
- it never writes a workbook string as a formula (see :func:`safe_text`);
- it raises :class:`BookError` (bilingual, naming sheet and cell) when the book itself cannot be
  read; a *missing table* is not an error here: ``read_table`` returns None and the engine's loader
  reports it as a fatal issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from addin.engine.schema import TableSpec
from addin.engine.tables import RawTable

CellValue = str | int | float | bool | dt.date | dt.datetime | None

HIGHLIGHT_ERROR = "#FFC7CE"  # Excel's "bad" fill
HIGHLIGHT_WARNING = "#FFEB9C"  # Excel's "neutral" fill


class BookError(Exception):
    """The workbook cannot be read or written. Carries a bilingual message; no traceback is shown."""

    def __init__(
        self,
        message_en: str,
        message_hi: str,
        *,
        fix_en: str = "",
        fix_hi: str = "",
        sheet: str = "",
        cell: str = "",
    ) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_hi = message_hi
        self.fix_en = fix_en
        self.fix_hi = fix_hi
        self.sheet = sheet
        self.cell = cell

    def bilingual(self) -> str:
        """The message as shown to a user: English, then Hindi, each with its fix."""
        where = f" [{self.sheet}{'!' + self.cell if self.cell else ''}]" if self.sheet else ""
        en = f"{self.message_en}{where}" + (f" Fix: {self.fix_en}" if self.fix_en else "")
        hi = f"{self.message_hi}{where}" + (f" सुधार: {self.fix_hi}" if self.fix_hi else "")
        return f"{en}\n{hi}"


@dataclass(frozen=True)
class OwnedSheet:
    """A sheet the add-in owns, written whole (a rerun replaces it).

    ``rows[0:header_rows]`` are headings (bold, frozen). Money is written as numbers of rupees with
    ``number_formats`` per 0-based column; ``links`` maps (row, col), 0-based into ``rows``, to a
    target inside the book like ``"#'Journal'!C12"``; ``fills`` maps (row, col) to a hex colour.
    """

    name: str
    rows: list[list[CellValue]]
    header_rows: int = 1
    number_formats: dict[int, str] = field(default_factory=dict)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    bold_rows: frozenset[int] = frozenset()
    fills: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Highlight:
    """Cells of a user sheet to colour (their values untouched)."""

    sheet: str
    cells: tuple[str, ...]
    color: str = HIGHLIGHT_ERROR


class Workbook(Protocol):
    """What a macro may do with a workbook."""

    @property
    def name(self) -> str: ...

    def sheet_names(self) -> list[str]: ...

    def read_table(self, spec: TableSpec) -> RawTable | None:
        """The Excel Table named ``spec.name``; failing that, the block starting at A1 of the sheet
        named ``spec.sheet``; None when neither exists."""
        ...

    def write_sheet(self, sheet: OwnedSheet) -> None:
        """Create or replace an owned sheet."""
        ...

    def write_highlights(self, highlights: Sequence[Highlight]) -> None:
        """Replace the add-in's previous highlights with these."""
        ...

    def write_column(self, spec: TableSpec, column: str, values: Sequence[CellValue]) -> None:
        """Fill an owned column of a table (adding it at the table's right if absent)."""
        ...

    def save(self) -> None:
        """Persist what was written (atomically for files; a no-op for a live Excel book)."""
        ...


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: CellValue) -> CellValue:
    """A workbook string written back as text, never as a formula.

    >>> safe_text("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_text("-5 cash"), safe_text("Rent"), safe_text(-5)
    ("'-5 cash", 'Rent', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
