"""A sheet's values read straight from its XML, when that needs nothing else of the package.

Bahi writes every text inline (``t="inlineStr"``) and its own sheets hold numbers and texts, so a
sheet Bahi wrote can be read from its own part, without opening the workbook a second time through
a reader that first parses the whole shared-strings table (0.4 s for a book of a million Journal
lines — which the audit trail paid on every run to read its Audit Log). :func:`sheet_values` gives
the same grid that ``python_calamine`` gives for such a sheet (from A1, every row as wide as the
widest, a blank as ``""``, numbers as floats) and None for any sheet it cannot read alone: a shared
string (the sheet was saved by Excel), an error value, or a number in a date format (whose type
the general reader decides). The caller then uses the general reader.

>>> xml = (b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b</t></is></c>'
...        b'<c r="C1"><v>12.5</v></c></row><row r="3"><c r="B3" t="b"><v>1</v></c></row>'
...        b'</sheetData></worksheet>')
>>> sheet_values(xml, frozenset())
[['a & b', '', 12.5], ['', '', ''], ['', True, '']]
>>> shared = b'<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
>>> sheet_values(shared, frozenset()) is None
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from addin.books.base import CellValue
from addin.books.xlsx_parts import attributes, elements, unescape_ooxml
from addin.engine.cells import parse_a1


def _element(name: bytes) -> re.Pattern[bytes]:
    """An element ``name`` (any prefix): group 1 its attributes, group 2 its content. The content is
    matched as runs of non-``<`` (a cell of 32,000 characters in one step, not one at a time)."""
    close = rb"/(?:\w+:)?" + name + rb">"
    content = rb"([^<]*(?:<(?!" + close + rb")[^<]*)*)"
    return re.compile(rb"<(?:\w+:)?" + name + rb"\b([^>]*?)(?:/>|>" + content + rb"<" + close + rb")")


_ROW = _element(b"row")
_CELL = _element(b"c")
_VALUE = _element(b"v")
_TEXT = _element(b"t")
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_ATTRIBUTE = re.compile(rb'\b([\w:]+)="([^"]*)"')

BUILTIN_DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)})
"""Excel's built-in number formats that show a date or a time (ECMA-376 §18.8.30, with the East
Asian ones)."""


class Unreadable(Exception):  # noqa: N818 - a signal inside this module, never raised out of it
    """The sheet needs more of the package than its own part (see the module)."""


def date_styles(styles_xml: str) -> frozenset[int]:
    """The cell styles (indexes into ``cellXfs``) whose number format shows a date or a time.

    >>> date_styles('<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    ...   '<numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
    ...   '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>')
    frozenset({1, 3})
    """
    custom = {
        int(a["numFmtId"]): a.get("formatCode", "")
        for a in (attributes(e) for e in elements(styles_xml, "numFmt"))
        if a.get("numFmtId", "").isdigit()
    }
    found = re.search(r"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles_xml, re.S)
    xfs = [attributes(e) for e in elements(found.group(0), "xf")] if found else []
    dated = set()
    for index, xf in enumerate(xfs):
        number = int(xf.get("numFmtId", "0") or 0)
        if number in BUILTIN_DATE_FORMATS or _shows_date(custom.get(number, "")):
            dated.add(index)
    return frozenset(dated)


def _shows_date(code: str) -> bool:
    """Whether a custom format code shows a date or a time (quoted text and [colours] aside)."""
    return bool(re.search(r"[dmyhs]", re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code), re.I))


def sheet_values(xml: bytes, dated: frozenset[int]) -> list[list[CellValue]] | None:
    """The sheet's values as a rectangle from A1 (see the module), or None when its own part does
    not tell them (``dated``: the cell styles showing dates, :func:`date_styles`)."""
    try:
        cells = dict(_cells(xml, dated))
    except Unreadable:
        return None
    if not cells:
        return []
    height = max(r for r, _ in cells)
    width = max(c for _, c in cells)
    grid: list[list[CellValue]] = [[""] * width for _ in range(height)]
    for (row, column), value in cells.items():
        grid[row - 1][column - 1] = value
    return grid


def _cells(xml: bytes, dated: frozenset[int]) -> Iterable[tuple[tuple[int, int], CellValue]]:
    data = xml[xml.find(b"<sheetData") :] if b"<sheetData" in xml else xml
    next_row = 1
    for row in _ROW.finditer(data):
        row_number = _row_number(row.group(1), next_row)
        next_row, next_column = row_number + 1, 1
        for cell in _CELL.finditer(row.group(2) or b""):
            found = dict(_ATTRIBUTE.findall(cell.group(1)))
            column = _column(found.get(b"r", b""), row_number, next_column)
            next_column = column + 1
            value = _value(found, cell.group(2) or b"", dated)
            if value != "":
                yield (row_number, column), value


def _row_number(attrs: bytes, expected: int) -> int:
    number = dict(_ATTRIBUTE.findall(attrs)).get(b"r")
    return int(number) if number and number.isdigit() else expected


def _column(ref: bytes, row: int, expected: int) -> int:
    if not ref:
        return expected
    try:
        found_row, column = parse_a1(ref.decode("ascii"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Unreadable(ref) from exc
    if found_row != row:
        raise Unreadable(ref)
    return column


def _value(attrs: dict[bytes, bytes], body: bytes, dated: frozenset[int]) -> CellValue:
    kind = attrs.get(b"t", b"n")
    if kind == b"inlineStr":
        body = _PHONETIC.sub(b"", body) if b"rPh" in body else body
        texts = (m.group(2) or b"" for m in _TEXT.finditer(body))
        return unescape_ooxml(html.unescape(b"".join(texts).decode("utf-8")))
    found = _VALUE.search(body)
    if found is None:
        return ""
    text = (found.group(2) or b"").decode("utf-8")
    if kind == b"str":
        return unescape_ooxml(html.unescape(text))
    if kind == b"b":
        return text.strip() in ("1", "true")
    if kind != b"n":
        raise Unreadable(kind)  # a shared string, an error value, an ISO date
    style = attrs.get(b"s", b"0")
    if style.isdigit() and int(style) in dated:
        raise Unreadable(b"date")
    try:
        return float(text)
    except ValueError as exc:
        raise Unreadable(text) from exc
