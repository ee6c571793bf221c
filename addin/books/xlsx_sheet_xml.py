"""Worksheet XML: scanning a big sheet part as a stream, writing owned sheets, editing the tail.

A Journal sheet at Excel's row limit is a few hundred MB of XML; nothing here builds a tree of it.

- :func:`scan_sheet` streams a sheet once and keeps only what the reader needs besides the cell
  values: error cells (``t="e"``, which the Arrow reader turns into nulls) and the *tail*, every
  byte after ``</sheetData>`` (merged ranges, conditional formats, hyperlinks, table parts...).
- :func:`owned_sheet_xml` writes a whole sheet the add-in owns, element order per ECMA-376: printed
  landscape on A4, all columns on one page wide (its heading rows are repeated on every page by the
  workbook's ``_xlnm.Print_Titles`` name, which the file adapter writes).
- :func:`replace_highlights` edits a tail: drops Bahi's earlier conditional formats, inserts new
  ones at the schema position.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from addin.books.base import DATE_FORMAT, CellValue, OwnedSheet, cell_number_format
from addin.books.xlsx_styles import CellStyle
from addin.engine.cells import UNCALCULATED, cell_address, column_index, column_letter
from addin.engine.tables import RowsBelow, RowsBelowScan

if TYPE_CHECKING:
    from addin.books.xlsx_rows import RowsAppend

HIGHLIGHT_MARKER = '"bahi"="bahi"'
"""The formula of Bahi's conditional formats: always true, and how a rerun finds its own blocks."""

MAX_CELL_TEXT = 32767

# ECMA-376 §18.3.1.99 CT_Worksheet: the children that may follow <sheetData>, in order.
TAIL_ORDER = (
    "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)  # fmt: skip

_END_DATA = b"</sheetData>"
_EMPTY_DATA = re.compile(rb"<(?:\w+:)?sheetData\s*/>")
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bt="e"[^>]*>.*?</(?:\w+:)?c>', re.S)
_BOOLEAN_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bt="b"[^>]*>.*?</(?:\w+:)?c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_UNCALCULATED_CELL = re.compile(
    rb"<(?:\w+:)?c\b([^>]*?)(?<!/)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)"
    rb"\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
"""A formula cell with no value (``<c r="D7"><f>100+50</f><v /></c>``): never calculated."""
_NO_VALUE_ENDS = (b"</f></c>", b"</f><v /></c>", b"</f><v/></c>", b"</f><v></v></c>", b"/></c>")
"""How such a cell ends as the usual writers write it: a cheap test before the pattern."""
_CELL_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_OOXML_ESCAPE = re.compile(r"(?i)_(x[0-9a-f]{4}_)")
_ILLEGAL_ASCII = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""The ASCII characters of :data:`_ILLEGAL_XML` (a fast test for a text that needs no cleaning)."""


@dataclass
class SheetScan:
    """What one streaming pass over a sheet part found."""

    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col), 1-based -> "#N/A"
    # ... and UNCALCULATED for a formula cell without a calculated value
    booleans: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "TRUE"/"FALSE"
    # (the Arrow reader writes them "true" in a text column and 1.0 in a number column)
    tail_offset: int = 0  # byte offset of the tail in the uncompressed part
    tail: bytes = b""
    size: int = 0
    watched: tuple[int, range] | None = None  # the table bottom and columns looked under (``below``)
    below: RowsBelow | None = None  # rows holding data right under that table, outside it

    @property
    def merged(self) -> list[str]:
        return [m.decode() for m in re.findall(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]+)"', self.tail)]

    @property
    def has_highlights(self) -> bool:
        return _marker_in(self.tail.decode("utf-8", "replace"))


def scan_sheet(chunks: Iterable[bytes], below: tuple[int, range] | None = None) -> SheetScan:
    """Stream a sheet part: collect error cells (formulas never calculated among them) and the tail,
    keep nothing else — but, given ``below`` (a table's last worksheet row and its columns), the
    rows holding data directly under that table (:class:`~addin.engine.tables.RowsBelowScan`;
    only the rows after that row are looked into, so a long table costs nothing more).

    >>> scan_sheet([b'<sheetData><row r="5"><c r="A5"><v>1</v></c></row><row r="6"><c r="J6"><v>1</v></c>'
    ...             b'<c r="B6" t="s"><v>0</v></c></row><row r="7"><c r="A7"/></row>'
    ...             b'<row r="8"><c r="A8"><v>2</v></c></row></sheetData>'], below=(5, range(1, 9))).below
    RowsBelow(cell='B6', first=6, last=6)

    >>> scan_sheet([b'<sheetData><row r="7"><c r="D7"><f>100+50</f><v /></c><c r="E7"><f>1</f><v>1</v></c>'
    ...             b'<c r="F7" t="str"><f>""</f><v></v></c></row></sheetData>']).errors
    {(7, 4): '#UNCALCULATED'}
    """
    scan = SheetScan(watched=below)
    watch = _BelowWatch(*below) if below is not None else None
    carry = b""
    consumed = 0  # bytes of the part before ``carry``
    in_tail = False
    for chunk in chunks:
        scan.size += len(chunk)
        if in_tail:
            scan.tail += chunk
            continue
        buffer = carry + chunk
        end = buffer.find(_END_DATA)
        if end < 0 and b"sheetData" in buffer:  # a plain find first: a regex over MBs is slow
            empty = _EMPTY_DATA.search(buffer)
            if empty:
                end = empty.end() - len(_END_DATA)  # nothing to scan; the tail follows the tag
        if end >= 0:
            _collect_errors(buffer[:end], scan.errors)
            _collect_booleans(buffer[:end], scan.booleans)
            if watch is not None:
                watch.block(buffer[:end])
            scan.tail_offset = consumed + end + len(_END_DATA)
            scan.tail = buffer[end + len(_END_DATA) :]
            in_tail = True
            continue
        cut = _safe_cut(buffer)
        _collect_errors(buffer[:cut], scan.errors)
        _collect_booleans(buffer[:cut], scan.booleans)
        if watch is not None:
            watch.block(buffer[:cut])
        carry = buffer[cut:]
        consumed += cut
    if not in_tail:
        scan.tail_offset = scan.size
    scan.below = watch.rows.result() if watch is not None else None
    return scan


class _BelowWatch:
    """The rows under a table, for :func:`scan_sheet`: blocks of the stream in order, each looked
    into only when its last row is below the table."""

    def __init__(self, bottom: int, columns: range) -> None:
        self.rows = RowsBelowScan(bottom)
        self.columns = columns
        self.carry = b""  # a row cut at a cell's end, until its next part arrives

    def block(self, data: bytes) -> None:
        if self.rows.done:
            return
        data = self.carry + data if self.carry else data
        cut = data.rfind(b"</row>")
        if cut < 0:
            self.carry = data
            return
        whole, self.carry = data[: cut + len(b"</row>")], data[cut + len(b"</row>") :]
        last = next(_rows_backwards(whole), (None, b""))[0]
        if last is None or last <= self.rows.bottom:
            return
        for match in _ROW.finditer(whole):
            number = _ROW_NUMBER.match(match.group(0))
            if number is not None and not self.rows.add(
                int(number.group(1)), _first_filled(match.group(0), self.columns)
            ):
                return


def _first_filled(row: bytes, columns: range) -> int | None:
    """The first column of ``columns`` (1-based) where the row's cell shows something: a non-empty
    value or inline text. A formula showing "" (a drag-down ``=IF(...,"",...)``) is empty, as Excel
    reads it (``XlwingsBook._rows_below``)."""
    filled = (c for c, cell in _cells_by_column(row) if c in columns and _SHOWN.search(cell))
    return min(filled, default=None)


_SHOWN = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>|<(?:\w+:)?t\b[^>]*>[^<]+</(?:\w+:)?t>")


def _safe_cut(buffer: bytes) -> int:
    """Where a buffer may be cut without splitting a cell: after its last row (or cell) end."""
    for end in (b"</row>", b"</c>"):
        found = buffer.rfind(end)
        if found >= 0:
            return found + len(end)
    return 0


def _collect_errors(data: bytes, errors: dict[tuple[int, int], str]) -> None:
    if any(end in data for end in _NO_VALUE_ENDS):
        _collect_uncalculated(data, errors)
    if b't="e"' not in data:
        return
    for cell in _ERROR_CELL.finditer(data):
        ref = _CELL_REF.search(cell.group(0))
        value = _CELL_VALUE.search(cell.group(0))
        if ref and value:
            errors[int(ref.group(2)), column_index(ref.group(1).decode())] = value.group(1).decode()


def _collect_booleans(data: bytes, booleans: dict[tuple[int, int], str]) -> None:
    """TRUE and FALSE cells, as Excel shows them.

    >>> found: dict[tuple[int, int], str] = {}
    >>> _collect_booleans(b'<row r="2"><c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c></row>', found)
    >>> found
    {(2, 4): 'TRUE', (2, 5): 'FALSE'}
    """
    if b't="b"' not in data:
        return
    for cell in _BOOLEAN_CELL.finditer(data):
        ref = _CELL_REF.search(cell.group(0))
        value = _CELL_VALUE.search(cell.group(0))
        if ref and value:
            shown = "FALSE" if value.group(1).strip() in {b"0", b"false"} else "TRUE"
            booleans[int(ref.group(2)), column_index(ref.group(1).decode())] = shown


def _collect_uncalculated(data: bytes, errors: dict[tuple[int, int], str]) -> None:
    """Formula cells without a value; a text formula's empty result (``t="str"``) is a value."""
    for cell in _UNCALCULATED_CELL.finditer(data):
        attributes = cell.group(1)
        ref = _CELL_REF.search(attributes)
        if ref and (b" t=" not in attributes or b' t="n"' in attributes):
            errors[int(ref.group(2)), column_index(ref.group(1).decode())] = UNCALCULATED


_CELL_PARTS = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_CELL_TYPE = re.compile(rb'\bt="([^"]*)"')


def number_cells(chunks: Iterable[bytes], column: int) -> dict[int, float]:
    """The cells of one column of a (small) sheet part that hold a number, as row → number (a text
    cell, even "1001", is left out). The Arrow reader reads a code column as text; this tells which
    codes were typed as numbers.

    >>> xml = (b'<sheetData><row r="2"><c r="A2"><v>1001</v></c><c r="B2" t="s"><v>0</v></c></row>'
    ...        b'<row r="3"><c r="A3" t="inlineStr"><is><t>2001</t></is></c><c r="B3"><v>7</v></c></row>'
    ...        b'<row r="4"><c r="A4" t="n"><v>1002.5</v></c></row></sheetData>')
    >>> number_cells([xml], 1)
    {2: 1001.0, 4: 1002.5}
    """
    found: dict[int, float] = {}
    for cell in _CELL_PARTS.finditer(b"".join(chunks)):
        ref = _CELL_REF.search(cell.group(1))
        kind = _CELL_TYPE.search(cell.group(1))
        value = _CELL_VALUE.search(cell.group(2) or b"")
        if ref is None or value is None or (kind is not None and kind.group(1) != b"n"):
            continue
        if column_index(ref.group(1).decode()) == column:
            try:
                found[int(ref.group(2))] = float(value.group(1))
            except ValueError:
                continue
    return found


def part_head(chunks: Iterable[bytes], tail_offset: int) -> Iterator[bytes]:
    """The part's bytes up to ``tail_offset``, as they were (reading stops there)."""
    sent = 0
    for chunk in chunks:
        if sent + len(chunk) >= tail_offset:
            yield chunk[: tail_offset - sent]
            return
        sent += len(chunk)
        yield chunk


def replace_tail(chunks: Iterable[bytes], tail_offset: int, new_tail: bytes) -> Iterator[bytes]:
    """The part's bytes up to ``tail_offset`` as they were, then ``new_tail``."""
    yield from part_head(chunks, tail_offset)
    yield new_tail


# -- text ------------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """A string made safe for a cell: illegal XML characters dropped, ``_xHHHH_`` kept literal.

    >>> clean_text("a\\x00b_x000D_c")
    'ab_x005F_x000D_c'
    """
    if text.isascii() and "_" not in text:  # most texts, and the audit record's 32,000-character cells
        raw = text.encode("ascii")
        if len(raw.translate(None, _ILLEGAL_ASCII)) == len(raw):
            return text[:MAX_CELL_TEXT]
    text = _ILLEGAL_XML.sub("", text)
    return _OOXML_ESCAPE.sub(r"_x005F_\1", text)[:MAX_CELL_TEXT]


def _marker_in(tail: str) -> bool:
    return HIGHLIGHT_MARKER in tail or "&quot;bahi&quot;=&quot;bahi&quot;" in tail


# -- owned sheets ----------------------------------------------------------------------------------

StyleOf = Callable[[CellStyle], int]

_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def excel_serial(value: dt.date | dt.datetime, date1904: bool = False) -> float:
    """A date as Excel's serial number.

    >>> excel_serial(dt.date(2025, 4, 1))
    45748.0
    """
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    delta = moment.replace(tzinfo=None) - (_EPOCH_1904 if date1904 else _EPOCH_1900)
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def cell_xml(ref: str, value: CellValue, style: int = 0, date1904: bool = False) -> str:
    """One cell's XML: a number, a date as its serial, a boolean, or text as an inline string; a
    blank is left out, or written empty when it carries a style.

    >>> cell_xml("B2", "a < b", 3)
    '<c r="B2" s="3" t="inlineStr"><is><t>a &lt; b</t></is></c>'
    >>> cell_xml("C2", None, 4), cell_xml("D2", dt.date(2025, 4, 1))
    ('<c r="C2" s="4"/>', '<c r="D2"><v>45748</v></c>')
    """
    s = f' s="{style}"' if style else ""
    if value is None or (isinstance(value, numbers.Real) and not math.isfinite(value)):
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, numbers.Real | Decimal):
        return f'<c r="{ref}"{s}><v>{_number(float(value))}</v></c>'
    if isinstance(value, dt.date):
        try:
            serial = excel_serial(value, date1904)
        except (TypeError, ValueError, OverflowError):  # NaT, or a date Excel cannot hold
            return f'<c r="{ref}"{s}/>' if style else ""
        return f'<c r="{ref}"{s}><v>{_number(serial)}</v></c>'
    text = clean_text(str(value))
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _style_for(sheet: OwnedSheet, row: int, col: int, value: CellValue) -> CellStyle:
    number_format = cell_number_format(sheet.number_formats.get(col), value)
    if isinstance(value, dt.date) and not _looks_like_date_format(number_format):
        number_format = DATE_FORMAT
    return CellStyle(
        bold=row < sheet.header_rows or row in sheet.bold_rows,
        number_format=number_format if not isinstance(value, str) or number_format == "@" else None,
        fill=sheet.fills.get((row, col)),
        link=(row, col) in sheet.links,
        wrap=_wraps(sheet, row, col),
        top=bool(sheet.wrap_columns) and row >= sheet.header_rows,
    )


def _looks_like_date_format(code: str | None) -> bool:
    return bool(code) and bool(re.search(r"[dmy]", re.sub(r'"[^"]*"|\[[^\]]*\]', "", code or ""), re.I))


def link_location(target: str) -> str:
    """An internal hyperlink target (``#'Journal'!C12``) as a ``location`` attribute value."""
    if not target.startswith("#"):
        raise ValueError(f"only links inside the workbook are written, got {target!r}")
    return target[1:]


def owned_sheet_xml(
    sheet: OwnedSheet, style_of: StyleOf, *, date1904: bool = False, drawing: str = ""
) -> bytes:
    """The complete worksheet part for an owned sheet; ``drawing`` is the relationship id of the
    drawing that holds its charts (none when empty)."""
    width = max((len(r) for r in sheet.rows), default=0)
    height = len(sheet.rows)
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="A1:{cell_address(max(height, 1), max(width, 1))}"/>',
        _sheet_views(sheet.header_rows if height > sheet.header_rows else 0),
        '<sheetFormatPr defaultRowHeight="15"/>',
        _cols(_widths(sheet)),
        "<sheetData>",
    ]
    widths = _widths(sheet)
    for r, row in enumerate(sheet.rows):
        cells = "".join(
            cell_xml(cell_address(r + 1, c + 1), v, style_of(_style_for(sheet, r, c, v)), date1904)
            for c, v in enumerate(row)
        )
        height = wrapped_height(sheet, r, widths)
        tall = f' ht="{height:g}" customHeight="1"' if height else ""
        out.append(f'<row r="{r + 1}"{tall}>{cells}</row>' if cells else "")
    out.append("</sheetData>")
    out.append(_hyperlinks(sheet))
    out.append('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>')
    out.append(PORTRAIT_PAGE_SETUP if sheet.portrait else PAGE_SETUP)
    if drawing:
        out.append(f'<drawing r:id="{drawing}"/>')
    out.append("</worksheet>")
    return "".join(out).encode("utf-8")


def _sheet_views(frozen_rows: int) -> str:
    if not frozen_rows:
        return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    top = f"A{frozen_rows + 1}"
    return (
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane ySplit="{frozen_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
        "</sheetView></sheetViews>"
    )


PAGE_SETUP = '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
"""A4 landscape, every column on one page wide, as many pages tall as it takes."""
PORTRAIT_PAGE_SETUP = PAGE_SETUP.replace("landscape", "portrait")
"""The same, portrait (a tax invoice)."""

DATE_WIDTH = 11.0  # "dd/mm/yyyy" at Calibri 11, without "###"
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters
LINE_POINTS = 15.0  # one line of Calibri 11 (Devanagari included), in points


def _wraps(sheet: OwnedSheet, row: int, col: int) -> bool:
    return row == sheet.heading_row or (row >= sheet.header_rows and col in sheet.wrap_columns)


def wrapped_height(sheet: OwnedSheet, row: int, widths: dict[int, float]) -> float | None:
    """The height (points) row ``row`` needs for its wrapped text to show whole, or None for one line.

    Neither Excel nor LibreOffice fits a row's height to wrapped text in a file it opens, so the
    file says it: lines counted at about one character a unit of column width (generous: Devanagari
    vowel signs take no width of their own), each line 15 points.

    >>> sheet = OwnedSheet("Issues", [["Heading"], ["x" * 25, "short"]], header_rows=1,
    ...                    widths={0: 10}, wrap_columns=frozenset({0}))
    >>> wrapped_height(sheet, 1, sheet.widths), wrapped_height(sheet, 0, sheet.widths)
    (47.0, None)
    """
    lines = max(
        (
            sum(
                max(1, math.ceil(len(part) / max(widths.get(c, DEFAULT_WIDTH), 1.0)))
                for part in value.split("\n")
            )
            for c, value in enumerate(sheet.rows[row])
            if isinstance(value, str) and value and _wraps(sheet, row, c)
        ),
        default=1,
    )
    return lines * LINE_POINTS + 2 if lines > 1 else None


def _widths(sheet: OwnedSheet) -> dict[int, float]:
    """Column widths asked for, plus a width that fits a date for date columns left unsized."""
    widths = dict(sheet.widths)
    for row in sheet.rows[sheet.header_rows :]:
        for c, value in enumerate(row):
            if c not in widths and isinstance(value, dt.date):
                widths[c] = DATE_WIDTH
    return widths


def _cols(widths: dict[int, float]) -> str:
    if not widths:
        return ""
    cols = "".join(
        f'<col min="{c + 1}" max="{c + 1}" width="{float(w):g}" customWidth="1"/>'
        for c, w in sorted(widths.items())
        if w and w > 0
    )
    return f"<cols>{cols}</cols>" if cols else ""


def _hyperlinks(sheet: OwnedSheet) -> str:
    links = []
    for (r, c), target in sorted(sheet.links.items()):
        value = sheet.rows[r][c] if r < len(sheet.rows) and c < len(sheet.rows[r]) else None
        display = "" if value is None else f" display={quoteattr(clean_text(str(value))[:255])}"
        location = quoteattr(clean_text(link_location(target)))
        links.append(f'<hyperlink ref="{cell_address(r + 1, c + 1)}" location={location}{display}/>')
    return f"<hyperlinks>{''.join(links)}</hyperlinks>" if links else ""


# -- highlights ------------------------------------------------------------------------------------


def sqref(cells: Sequence[str]) -> str:
    """Cells as a compact sqref: vertical runs in a column become ranges.

    >>> sqref(["C12", "C13", "C14", "D40", "C16"])
    'C12:C14 C16 D40'
    """
    by_column: dict[int, set[int]] = defaultdict(set)
    for cell in cells:
        found = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", cell.strip())
        if found is None:
            raise ValueError(f"not a cell address: {cell!r}")
        by_column[column_index(found.group(1))].add(int(found.group(2)))
    parts = []
    for col in sorted(by_column):
        letter = column_letter(col)
        rows = sorted(by_column[col])
        start = prev = rows[0]
        for row in [*rows[1:], None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            parts.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
            if row is not None:
                start = prev = row
    return " ".join(parts)


def highlight_block(cells: Sequence[str], dxf_id: int, priority: int) -> str:
    """One conditional format colouring ``cells`` with differential format ``dxf_id``."""
    return (
        f'<conditionalFormatting sqref="{sqref(cells)}">'
        f'<cfRule type="expression" dxfId="{dxf_id}" priority="{priority}">'
        f"<formula>{escape(HIGHLIGHT_MARKER)}</formula></cfRule></conditionalFormatting>"
    )


_CF_BLOCK = re.compile(r"<(\w+:)?conditionalFormatting\b[^>]*>.*?</\1?conditionalFormatting>", re.S)


def max_priority(tail: str) -> int:
    return max((int(p) for p in re.findall(r'\bpriority="(\d+)"', tail)), default=0)


def remove_highlights(tail: str) -> str:
    """The tail without Bahi's conditional formats (a user's own are kept)."""
    return _CF_BLOCK.sub(lambda m: "" if _marker_in(m.group(0)) else m.group(0), tail)


def replace_highlights(tail: str, blocks: Sequence[str]) -> str:
    """Drop earlier Bahi highlights from a sheet's tail and insert ``blocks`` where the schema says.

    >>> replace_highlights('<mergeCells/><pageMargins/></worksheet>', ['<conditionalFormatting/>'])
    '<mergeCells/><conditionalFormatting/><pageMargins/></worksheet>'
    """
    tail = remove_highlights(tail)
    if not blocks:
        return tail
    prefix = re.match(r"\s*<(\w+:)?", tail)
    ns = prefix.group(1) or "" if prefix else ""
    text = "".join(blocks)
    if ns:
        text = re.sub(r"<(/?)(\w+)(?=[\s/>])", rf"<\1{ns}\2", text)
    position = _insert_position(tail, ns)
    return tail[:position] + text + tail[position:]


def _insert_position(tail: str, ns: str) -> int:
    """Where new conditional formats go: before the first element that must follow them, and
    after any conditional formats already there (a user's own)."""
    followers = TAIL_ORDER[TAIL_ORDER.index("conditionalFormatting") + 1 :]
    for name in followers:
        found = re.search(rf"<{re.escape(ns)}{name}\b", tail)
        if found:
            return found.start()
    end = tail.rfind("</")
    return end if end >= 0 else len(tail)


# -- owned table columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnValues:
    """Cells to set in one worksheet column: ``values[i]`` goes to row ``first_row + i``.

    ``heading`` (when not None) is written at ``header_row``: the column is new to its table.
    """

    column: int  # 1-based
    first_row: int
    values: tuple[CellValue, ...]
    header_row: int = 0
    heading: str | None = None
    width: float | None = None  # characters, for a new column (with a heading) the sheet gives none

    def cells(self) -> dict[int, CellValue]:
        found: dict[int, CellValue] = {self.first_row + i: v for i, v in enumerate(self.values)}
        if self.heading is not None:
            found[self.header_row] = self.heading
        return found


_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:/>|>.*?</(?:\w+:)?row>)", re.S)
_ROW_NUMBER = re.compile(rb'^<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.S)
_SPANS = re.compile(rb'\sspans="[^"]*"')
_STYLE = re.compile(rb'\ss="(\d+)"')
_DIMENSION = re.compile(rb'(<(?:\w+:)?dimension\b[^>]*\bref=")([^"]*)(")')


class ColumnEditor:
    """Sets cells of a few columns while a sheet's ``<sheetData>`` streams through.

    Rows are cut from the stream whole (cut after the last ``</row>`` of each chunk); every other
    byte passes unchanged. A missing row is created where needed, in order; an overwritten cell
    keeps its style (the table's formatting).
    """

    def __init__(self, edits: Sequence[ColumnValues]) -> None:
        self.cells: dict[int, dict[int, CellValue]] = defaultdict(dict)  # row -> column -> value
        for edit in edits:
            for row, value in edit.cells().items():
                self.cells[row][edit.column] = value
        self.pending = sorted(self.cells)  # rows to write, in order
        self.bottom = max(self.cells, default=0)  # the last row written
        self.next = 0  # index into ``pending`` of the first row not yet written
        self.max_column = max((e.column for e in edits), default=0)
        self.protected = frozenset(e.column for e in edits if e.heading is not None)
        self.headings = frozenset((e.header_row, e.column) for e in edits if e.heading is not None)
        self.widths = {e.column: e.width for e in edits if e.heading is not None and e.width}
        self.last_row = 0

    def stream(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        widened = False
        for block, last in _row_aligned(chunks):
            if last:
                yield self._finish(block if widened else self._widen_head(block))
            else:  # <dimension> and <cols> precede the first row, so they are in the first block
                rows = block if widened else self._widen_head(block)
                widened = True
                yield self._rows(rows)

    def _widen_head(self, data: bytes) -> bytes:
        return with_column_widths(self._widen_dimension(data), self.widths)

    def _widen_dimension(self, data: bytes) -> bytes:
        found = _DIMENSION.search(data[: max(data.find(b"sheetData"), 0)])
        if not found:
            return data
        ref = found.group(2).decode()
        match = re.fullmatch(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?", ref)
        if not match:
            return data
        c1, r1, c2, r2 = match.groups()
        right = max(column_index(c2 or c1), self.max_column)
        bottom = max(int(r2 or r1), self.bottom)
        new = f"{c1}{r1}:{column_letter(right)}{bottom}".encode()
        return data[: found.start(2)] + new + data[found.end(2) :]

    def _rows(self, data: bytes) -> bytes:
        return _ROW.sub(self._row, data)

    def _row(self, match: re.Match[bytes]) -> bytes:
        row = match.group(0)
        number_found = _ROW_NUMBER.match(row)
        number = int(number_found.group(1)) if number_found else self.last_row + 1
        before = self._missing_rows_before(number)
        self.last_row = number
        wanted = self.cells.get(number)
        if wanted is None:
            return before + row
        return before + self._edit_row(row, number, wanted)

    def _edit_row(self, row: bytes, number: int, wanted: dict[int, CellValue]) -> bytes:
        """An existing row with the wanted cells set (a subclass may style or guard them).

        A new column's heading takes the style of the heading to its left: bold and wrapped like
        the table's own.
        """
        styles = {c: _style_left_of(row, c) for c in wanted if (number, c) in self.headings}
        return _set_cells(row, number, wanted, self.protected, styles)

    def _make_row(self, number: int, wanted: dict[int, CellValue]) -> bytes:
        """A row the sheet lacks, made with the wanted cells."""
        return _new_row(number, wanted)

    def _missing_rows_before(self, number: int) -> bytes:
        """Rows owed before row ``number`` that the sheet lacks, made now; ``number`` itself is done."""
        made = []
        pending, at = self.pending, self.next
        while at < len(pending) and pending[at] < number:
            made.append(self._make_row(pending[at], self.cells[pending[at]]))
            at += 1
        if at < len(pending) and pending[at] == number:
            at += 1
        self.next = at
        return b"".join(made)

    def _finish(self, rest: bytes) -> bytes:
        """The bytes after the last row: rows still owed go before ``</sheetData>`` (or its empty form)."""
        rest = self._rows(rest)
        owed = self.pending[self.next :]
        made = b"".join(self._make_row(r, self.cells[r]) for r in owed)
        self.next = len(self.pending)
        if not made:
            return rest
        end = rest.find(b"</sheetData>")
        if end < 0:
            end = rest.find(b"</")
        if end < 0:
            return rest + made
        return rest[:end] + made + rest[end:]


def _cell_xml(ref: str, value: CellValue, style: bytes) -> bytes:
    xml = cell_xml(ref, value)
    if style:  # an overwritten cell keeps the table's formatting, even when emptied
        xml = (xml or f'<c r="{ref}"/>').replace(f'<c r="{ref}"', f'<c r="{ref}"{style.decode()}', 1)
    return xml.encode()


def _new_row(number: int, wanted: dict[int, CellValue]) -> bytes:
    cells = b"".join(_cell_xml(cell_address(number, c), v, b"") for c, v in sorted(wanted.items()))
    return f'<row r="{number}">'.encode() + cells + b"</row>" if cells else b""


class OccupiedCellError(ValueError):
    """A cell where a new owned column would go already holds the user's data."""

    def __init__(self, ref: str, sheet: str = "") -> None:
        super().__init__(f"cell {ref} is not empty")
        self.ref = ref
        self.sheet = sheet  # set by the reader of the sheet when it knows the name


def _style_left_of(row: bytes, column: int) -> bytes:
    """The style attribute (`` s="n"``, or empty) of the nearest cell left of ``column`` in ``row``.

    >>> _style_left_of(b'<row r="1"><c r="A1" s="3"/><c r="B1" s="5" t="s"><v>0</v></c></row>', 3)
    b' s="5"'
    >>> _style_left_of(b'<row r="1"><c r="B1" s="5"/></row>', 2)
    b''
    """
    best, style = 0, b""
    for cell in _CELL.finditer(row):
        ref = _CELL_REF.search(cell.group(0))
        at = column_index(ref.group(1).decode()) if ref else 0
        if best < at < column:
            found = _STYLE.search(cell.group(0)[: cell.group(0).find(b">")])
            best, style = at, (f' s="{found.group(1).decode()}"'.encode() if found else b"")
    return style


def _append_cells(
    row: bytes, number: int, wanted: dict[int, CellValue], styles: dict[int, bytes]
) -> bytes | None:
    """The fast path: every wanted column lies right of the row's last cell, so cells are appended.

    None when the row needs the general path.
    """
    close = row.rfind(b"</")
    if close < 0 or row.endswith(b"/>"):
        return None
    last = row.rfind(b"<c ", 0, close)
    if last < 0:
        return None
    ref = _CELL_REF.search(row, last, close)
    if ref is None or column_index(ref.group(1).decode()) >= min(wanted):
        return None
    cells = b"".join(
        _cell_xml(cell_address(number, c), v, styles.get(c, b"")) for c, v in sorted(wanted.items())
    )
    if not cells:
        return row
    return _SPANS.sub(b"", row[: row.index(b">")]) + row[row.index(b">") : close] + cells + row[close:]


def _set_cells(
    row: bytes,
    number: int,
    wanted: dict[int, CellValue],
    protected: frozenset[int],
    styles: dict[int, bytes] | None = None,
) -> bytes:
    """``row`` with the ``wanted`` cells set; an overwritten cell keeps its style, a new one takes
    ``styles[column]`` when given."""
    styles = styles or {}
    fast = _append_cells(row, number, wanted, styles)
    if fast is not None:
        return fast
    if row.endswith(b"/>") and b"</" not in row:
        row = row[:-2] + b"></row>"
    head_end = row.index(b">") + 1
    head, body, close = row[:head_end], row[head_end : row.rindex(b"</")], row[row.rindex(b"</") :]
    head = _SPANS.sub(b"", head)
    cells = []
    for cell in _CELL.finditer(body):
        ref = _CELL_REF.search(cell.group(0))
        cells.append((column_index(ref.group(1).decode()) if ref else 0, cell.group(0)))
    for column, value in wanted.items():
        old = next((c for c in cells if c[0] == column), None)
        style = styles.get(column, b"")
        if old is not None:
            if column in protected and re.search(rb"<(?:\w+:)?(?:v|is|f)\b", old[1]):
                raise OccupiedCellError(cell_address(number, column))
            found = _STYLE.search(old[1][: old[1].find(b">")])
            if found:
                style = f' s="{found.group(1).decode()}"'.encode()
            cells.remove(old)
        new = _cell_xml(cell_address(number, column), value, style)
        if new:
            cells.append((column, new))
    cells.sort(key=lambda c: c[0])
    return head + b"".join(c[1] for c in cells) + close


# -- rows appended to a table ----------------------------------------------------------------------

_CONTENT = re.compile(rb"<(?:\w+:)?(?:v|is|f)\b")
_ROW_START = re.compile(rb"<(?:\w+:)?row[\s/>]")


class OccupiedRowError(OccupiedCellError):
    """A cell where an appended row would go already holds the user's data."""


class RowAppender(ColumnEditor):
    """Writes :class:`~addin.books.xlsx_rows.RowsAppend` rows while a sheet's ``<sheetData>`` streams
    through.

    Existing rows in the way (the template's blank row, rows holding only formatting or cells
    beside the table) get the new cells merged in; the rows the sheet lacks are made a block at a
    time (:meth:`RowsAppend.xml`, column by column) and streamed out in order; the ``<dimension>``
    grows to cover them. Every other byte passes unchanged.
    """

    def __init__(self, appends: Sequence[RowsAppend]) -> None:
        super().__init__(())
        self.appends = sorted(appends, key=lambda a: a.first_row)
        self.appends = [a for a in self.appends if a.count > 0]
        self.next_row = self.appends[0].first_row if self.appends else 0  # the first row still owed
        self.bottom = max((a.last_row for a in self.appends), default=0)
        self.max_column = max((a.last_column for a in self.appends), default=0)

    def stream(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        widened = False
        for block, last in _row_aligned(chunks):
            rows = block if widened else self._widen_dimension(block)
            widened = True  # the <dimension> precedes the first row, so it is in the first block
            rows = self._rows(rows)
            if not last:
                yield rows
                continue
            end = rows.find(b"</sheetData>")
            if end < 0:
                end = rows.find(b"</")
            if end < 0:
                end = len(rows)
            yield rows[:end]
            yield from self._made(self.bottom + 1)
            yield rows[end:]

    def _owed(self) -> bool:
        return bool(self.appends) and self.next_row <= self.bottom

    def _rows(self, data: bytes) -> bytes:
        """A block of whole rows: passed through untouched when all of it lies above the new rows."""
        last = next(_rows_backwards(data), (None, b""))[0]
        if last is not None and (not self._owed() or self.next_row > last):
            self.last_row = last
            return data
        return _ROW.sub(self._row, data)

    def _row(self, match: re.Match[bytes]) -> bytes:
        row = match.group(0)
        number_found = _ROW_NUMBER.match(row)
        number = int(number_found.group(1)) if number_found else self.last_row + 1
        self.last_row = number
        if not self._owed() or number < self.next_row:
            return row
        before = b"".join(self._made(number))
        append = self._append_of(number)
        if append is None:
            return before + row
        self.next_row = number + 1
        return before + self._merge_row(row, number, append)

    def _append_of(self, number: int) -> RowsAppend | None:
        return next((a for a in self.appends if a.first_row <= number <= a.last_row), None)

    def _made(self, stop: int) -> Iterator[bytes]:
        """The owed rows before worksheet row ``stop`` (the sheet lacks them), made now."""
        for append in self.appends:
            start = max(self.next_row, append.first_row)
            end = min(stop, append.last_row + 1)
            if start < end:
                yield from append.xml(start - append.first_row, end - append.first_row)
        self.next_row = max(self.next_row, stop)

    def _merge_row(self, row: bytes, number: int, append: RowsAppend) -> bytes:
        """A row the sheet has, with the new row's cells merged in (refused over a filled cell)."""
        wanted = append.cells(number - append.first_row)
        if row.endswith(b"/>") and b"</" not in row:
            row = row[:-2] + b"></row>"
        head_end = row.index(b">") + 1
        head, body, close = row[:head_end], row[head_end : row.rindex(b"</")], row[row.rindex(b"</") :]
        cells = dict(_cells_by_column(body))
        for column, value in wanted.items():
            style = append.styles.get(column, 0)
            old = cells.pop(column, None)
            if old is not None:
                if _CONTENT.search(old):
                    raise OccupiedRowError(cell_address(number, column))
                style = _style_of(old) or style
            new = cell_xml(cell_address(number, column), value, style, append.date1904)
            if new:
                cells[column] = new.encode()
        return _SPANS.sub(b"", head) + b"".join(cells[c] for c in sorted(cells)) + close


def _cells_by_column(body: bytes) -> Iterator[tuple[int, bytes]]:
    for cell in _CELL.finditer(body):
        ref = _CELL_REF.search(cell.group(0))
        yield (column_index(ref.group(1).decode()) if ref else 0), cell.group(0)


def _style_of(cell: bytes) -> int:
    found = _STYLE.search(cell[: cell.find(b">")])
    return int(found.group(1)) if found else 0


@dataclass
class TableBottom:
    """Where rows appended to a table go, found in one pass over its sheet (:func:`scan_table_bottom`).

    ``first_row`` follows the table's last row holding a value or formula in its columns (the
    trailing blank rows, such as the template's one empty row, are reused); ``reference`` is the
    XML of the row whose styles new cells copy (that last filled row, else the first data row);
    ``taken`` lists cells the new rows would overwrite that hold data (below the table).
    """

    first_row: int
    reference: bytes
    taken: list[str]


def scan_table_bottom(
    chunks: Iterable[bytes], *, first_data: int, bottom: int, columns: range, count: int
) -> TableBottom:
    """Stream a sheet part to place ``count`` rows after the data of the table whose data rows are
    ``first_data``..``bottom`` and whose columns are ``columns``; reading stops past the rows needed.

    Each block of the stream is read from its end backwards, up to its last filled table row, so
    a long table costs one pass of ``rfind`` rather than a regex per row.
    """
    bottom_scan = _BottomScan(first_data, bottom, columns, bottom + count)
    for block, last in _row_aligned(chunks):
        if last:  # self-closing rows after the last full one
            for number, row in _numbered_rows([block]):
                bottom_scan.take(number, row)
        elif not bottom_scan.block(block):
            break
    return bottom_scan.result(count)


class _BottomScan:
    """The state of :func:`scan_table_bottom`: the last filled table row, and the rows after it."""

    def __init__(self, first_data: int, bottom: int, columns: range, limit: int) -> None:
        self.first_data, self.bottom, self.columns, self.limit = first_data, bottom, columns, limit
        self.last_filled = 0
        self.reference = b""
        self.later: dict[int, bytes] = {}  # rows after the last filled one, up to ``limit``

    def take(self, number: int, row: bytes) -> None:
        """One row, in sheet order."""
        if number < self.first_data or number > self.limit:
            return
        if number <= self.bottom and filled_cells(row, self.columns):
            self.last_filled, self.reference = number, row
            self.later.clear()
        else:
            self.later[number] = row

    def block(self, block: bytes) -> bool:
        """Whole rows of the stream, read backwards; False once the rows are past ``limit``."""
        later: dict[int, bytes] = {}
        last: int | None = None
        for number, row in _rows_backwards(block):
            if number is None:  # a row without r="": number the block's rows in order instead
                for counted, whole in _numbered_rows([block]):
                    self.take(counted, whole)
                return True
            last = number if last is None else last
            if number > self.limit:
                continue
            if number < self.first_data:
                break
            if number <= self.bottom and filled_cells(row, self.columns):
                self.last_filled, self.reference, self.later = number, row, later
                return last <= self.limit
            later[number] = row
        self.later.update(later)
        return last is None or last <= self.limit

    def result(self, count: int) -> TableBottom:
        first = self.last_filled + 1 if self.last_filled else self.first_data
        reference = self.reference or self.later.get(self.first_data, b"")
        taken = [
            ref
            for n in sorted(self.later)
            if first <= n < first + count
            for ref in filled_cells(self.later[n], self.columns)
        ]
        return TableBottom(first, reference, taken)


def _rows_backwards(block: bytes) -> Iterator[tuple[int | None, bytes]]:
    """The ``<row>`` elements of a block of whole rows, last first, with their ``r`` numbers."""
    end = len(block)
    while end > 0:
        start = block.rfind(b"<", 0, end)
        while start >= 0 and not _ROW_START.match(block, start):
            start = block.rfind(b"<", 0, start)
        if start < 0:
            return
        row = block[start:end]
        number = _ROW_NUMBER.match(row)
        yield (int(number.group(1)) if number else None), row
        end = start


def _row_aligned(chunks: Iterable[bytes]) -> Iterator[tuple[bytes, bool]]:
    """A streaming sheet part re-cut into blocks that each end with a ``</row>`` (so no row is
    split), then what follows the last one, flagged True.

    >>> list(_row_aligned([b"<a><row>1</ro", b"w><row>2</row><c/>", b"</a>"]))
    [(b'<a><row>1</row><row>2</row>', False), (b'<c/></a>', True)]
    """
    carry = b""
    for chunk in chunks:
        buffer = carry + chunk
        cut = buffer.rfind(b"</row>")
        if cut < 0:
            carry = buffer
            continue
        cut += len(b"</row>")
        yield buffer[:cut], False
        carry = buffer[cut:]
    yield carry, True


def _numbered_rows(chunks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Each ``<row>`` of a streaming sheet part with its number (rows cut whole from the stream,
    self-closing rows after the last full one included)."""
    number = 0
    for block, _last in _row_aligned(chunks):
        for match in _ROW.finditer(block):
            numbered = _ROW_NUMBER.match(match.group(0))
            number = int(numbered.group(1)) if numbered else number + 1
            yield number, match.group(0)


def row_styles(row: bytes) -> dict[int, int]:
    """The style index of each styled cell of a row, by 1-based column."""
    return {c: s for c, cell in _cells_by_column(row) if (s := _style_of(cell))}


def filled_cells(row: bytes, columns: range) -> list[str]:
    """The addresses of the row's cells in ``columns`` that hold a value or a formula."""
    number = _ROW_NUMBER.match(row)
    return [
        cell_address(int(number.group(1)) if number else 0, c)
        for c, cell in _cells_by_column(row)
        if c in columns and _CONTENT.search(cell)
    ]


_COL_ELEMENT = re.compile(rb"<(?:\w+:)?col\b[^>]*?/>")
_COLS_BLOCK = re.compile(rb"(<(?:\w+:)?cols\b[^>]*>)(.*?)(</(?:\w+:)?cols>)", re.S)
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b")


def with_column_widths(head: bytes, widths: dict[int, float]) -> bytes:
    """A sheet's XML up to its rows, with a ``<col>`` width for each column of ``widths`` (1-based
    → characters) that no ``<col>`` covers yet; columns the sheet already sizes keep their width.

    >>> head = b'<cols><col min="1" max="2" width="9"/></cols><sheetData>'
    >>> with_column_widths(head, {2: 20.0, 7: 13.0}).decode()[6:-18]
    '<col min="1" max="2" width="9"/><col min="7" max="7" width="13" customWidth="1"/>'
    >>> with_column_widths(b'<worksheet><sheetData>', {3: 24.0}).decode()
    '<worksheet><cols><col min="3" max="3" width="24" customWidth="1"/></cols><sheetData>'
    """
    data = _SHEET_DATA.search(head)
    if not widths or data is None:
        return head
    prefix = data.group(1) or b""
    block = _COLS_BLOCK.search(head, 0, data.start())
    elements = _COL_ELEMENT.findall(block.group(2)) if block else []
    covered = [(_col_attribute(e, b"min"), _col_attribute(e, b"max")) for e in elements]
    new = [
        (column, b'<%scol min="%d" max="%d" width="%s" customWidth="1"/>'
         % (prefix, column, column, f"{float(width):g}".encode()))
        for column, width in sorted(widths.items())
        if not any(low <= column <= high for low, high in covered)
    ]  # fmt: skip
    if not new:
        return head
    ordered = sorted([(low, e) for (low, _), e in zip(covered, elements, strict=True)] + new)
    inner = b"".join(e for _, e in ordered)
    if block is None:
        return head[: data.start()] + b"<%scols>%s</%scols>" % (prefix, inner, prefix) + head[data.start() :]
    return head[: block.start(2)] + inner + head[block.end(2) :]


def _col_attribute(element: bytes, name: bytes) -> int:
    found = re.search(rb'\s%s="(\d+)"' % name, element)
    return int(found.group(1)) if found else 0
