"""A sheet's values read straight from its XML, when that needs nothing else of the package.

Bahi writes every text inline (``t="inlineStr"``) and its own sheets hold numbers and texts, so a
sheet Bahi wrote can be read from its own part, without opening the workbook a second time through
a reader that first parses the whole shared-strings table (0.4 s for a book of a million Journal
lines — which the audit trail paid on every run to read its Audit Log). :func:`sheet_values` gives
the same grid that ``python_calamine`` gives for such a sheet (from A1, every row as wide as the
widest, a blank as ``""``, numbers as floats) and None for any sheet it cannot read alone: an error
value, or a number in a date format (whose type the general reader decides). The caller then uses
the general reader. A sheet saved by Excel holds its texts in the shared-strings table; a sheet
written after the big ones (the audit trail's) has them near that table's end, so
:class:`SharedTail` reads them from the end, without parsing the Journal's hundreds of thousands of
strings before them (and gives up, to the general reader, when they lie too far back).

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
from dataclasses import dataclass

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
_SI = _element(b"si")
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_ATTRIBUTE = re.compile(rb'\b([\w:]+)="([^"]*)"')

BUILTIN_DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)})
"""Excel's built-in number formats that show a date or a time (ECMA-376 §18.8.30, with the East
Asian ones)."""


class Unreadable(Exception):  # noqa: N818 - a signal inside this module, never raised out of it
    """The sheet needs more of the package than its own part (see the module)."""


@dataclass(frozen=True)
class _Shared:
    """A cell holding a shared string: its index in the table (resolved once the sheet is read)."""

    index: int


TAIL_LIMIT = 200_000
"""Shared strings read back from the table's end at most (further back, the general reader)."""


class SharedTail:
    """The texts at the end of a shared-strings part (``xl/sharedStrings.xml``), found from its end.

    >>> tail = SharedTail(b'<sst uniqueCount="3"><si><t>a</t></si><si><r><t>b</t></r><r><t>c</t></r></si>'
    ...                   b'<si><t>d &amp; e</t></si></sst>')
    >>> tail.texts_from(1), tail.texts_from(0)[0], SharedTail(b"<sst/>").texts_from(0)
    (['bc', 'd & e'], 'a', None)
    """

    def __init__(self, xml: bytes, limit: int = TAIL_LIMIT) -> None:
        self.xml, self.limit = xml, limit
        self.count = xml.count(b"<si>") + xml.count(b"<si/>")

    def texts_from(self, first: int) -> list[str] | None:
        """The texts of items ``first`` to the last, or None when they are not all within ``limit``
        of the end (or the part holds fewer)."""
        wanted = self.count - first
        if not 0 < wanted <= self.limit:
            return None
        at = len(self.xml)
        for _ in range(wanted):
            at = self.xml.rfind(b"<si", 0, at)  # <si> or <si/> (a search for a missing one would read it all)
            if at < 0:
                return None
        items = [m.group(2) or b"" for m in _SI.finditer(self.xml, at)]
        if len(items) != wanted:
            return None
        return [_inline_text(body) for body in items]


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


def sheet_values(
    xml: bytes, dated: frozenset[int], shared: SharedTail | None = None
) -> list[list[CellValue]] | None:
    """The sheet's values as a rectangle from A1 (see the module), or None when its own part (and
    the end of the shared strings, ``shared``) do not tell them (``dated``: the cell styles showing
    dates, :func:`date_styles`)."""
    try:
        cells = dict(_cells(xml, dated))
        cells = _with_shared_texts(cells, shared)
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


def _with_shared_texts(
    cells: dict[tuple[int, int], CellValue | _Shared], shared: SharedTail | None
) -> dict[tuple[int, int], CellValue]:
    indexes = [v.index for v in cells.values() if isinstance(v, _Shared)]
    if not indexes:
        return cells  # type: ignore[return-value]  (no _Shared left)
    first = min(indexes)
    texts = shared.texts_from(first) if shared is not None else None
    if texts is None or max(indexes) - first >= len(texts):
        raise Unreadable("shared strings")
    return {k: texts[v.index - first] if isinstance(v, _Shared) else v for k, v in cells.items()}


def _cells(xml: bytes, dated: frozenset[int]) -> Iterable[tuple[tuple[int, int], CellValue | _Shared]]:
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


def _inline_text(body: bytes) -> str:
    """The text of an inline string's or a shared string's item: its runs joined, phonetic
    guides left out, entities and ``_xHHHH_`` escapes undone."""
    body = _PHONETIC.sub(b"", body) if b"rPh" in body else body
    texts = (m.group(2) or b"" for m in _TEXT.finditer(body))
    return unescape_ooxml(html.unescape(b"".join(texts).decode("utf-8")))


def _value(attrs: dict[bytes, bytes], body: bytes, dated: frozenset[int]) -> CellValue | _Shared:
    kind = attrs.get(b"t", b"n")
    if kind == b"inlineStr":
        return _inline_text(body)
    found = _VALUE.search(body)
    if found is None:
        return ""
    text = (found.group(2) or b"").decode("utf-8")
    if kind == b"s":
        if not text.strip().isdigit():
            raise Unreadable(text)
        return _Shared(int(text))
    if kind == b"str":
        return unescape_ooxml(html.unescape(text))
    if kind == b"b":
        return text.strip() in ("1", "true")
    if kind != b"n":
        raise Unreadable(kind)  # an error value, an ISO date
    style = attrs.get(b"s", b"0")
    if style.isdigit() and int(style) in dated:
        raise Unreadable(b"date")
    try:
        return float(text)
    except ValueError as exc:
        raise Unreadable(text) from exc
