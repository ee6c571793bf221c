"""Report records as a text table on the terminal: amounts never cut, narration wrapped, rows streamed.

A column's kind comes from its field's name (:func:`column_kind`), so a report that gains a field
renders it without more work:

- **amount** (``debit``, ``credit``, ``amount``, ``withdrawal``, ``deposit``, any ``*_dr`` or
  ``*_cr``): right-aligned, lakh-grouped, a zero left blank as on a printed ledger, a negative one
  in brackets; never wrapped;
- **balance** (``opening``, ``closing``, ``balance``): an amount with its side — "59,52,000.50 Dr",
  "5,00,000.00 Cr" — never a bare minus (a record's ``<field>_side`` of "Dr"/"Cr", when it has one,
  names the side of an unsigned amount); never wrapped;
- **date** (``date``, ``as_of``, any ``*_date``): dd/mm/yyyy; never wrapped;
- **text**: everything else, left-aligned; only text columns give way when the table is wider than
  the terminal: they wrap (at spaces when they can) within the width left to them.

Headings are "English / हिन्दी" and stand on two lines, English over Hindi. When even the narrowest
text columns leave too little room, the table is wider than the terminal rather than an amount cut.

The layout (every column's width) is fixed from all the rows' texts before the first row is written;
then rows are written in chunks of :data:`CHUNK_ROWS`, telling ``progress`` how many are done. Rows
whose cells all fit take one string format each — 200,000 rows take about a second.

>>> import io
>>> records = [
...     {"date": "2025-04-01", "narration": "Capital brought in by the proprietor", "debit": "500000.00",
...      "credit": "0.00", "balance": "-500000.00"},
...     {"date": "2025-04-05", "narration": "Cash sale", "debit": "0.00", "credit": "11800.50",
...      "balance": "-511800.50"},
... ]
>>> headings = {"date": "Date / दिनांक", "narration": "Narration / विवरण", "debit": "Debit / नामे",
...             "credit": "Credit / जमा", "balance": "Balance / शेष"}
>>> columns = table_columns(records, ("date", "narration", "debit", "credit", "balance"), headings.get)
>>> out = io.StringIO()
>>> write_table(out, records, columns, width=72)
>>> print(out.getvalue().replace(" ", "·"))
Date········Narration···················Debit·····Credit·········Balance
दिनांक·········विवरण···························नामे·········जमा··············शेष
────────────────────────────────────────────────────────────────────────
01/04/2025··Capital·brought·in····5,00,000.00·············5,00,000.00·Cr
············by·the·proprietor
05/04/2025··Cash·sale··························11,800.50··5,11,800.50·Cr
<BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import IO, Any

from rich.cells import cell_len

from addin.engine.money import format_inr, from_decimal_string, group_indian

CHUNK_ROWS = 5_000
"""Rows laid out and written at a time (and the progress reported after each chunk)."""

GAP = "  "
"""Between two columns."""

MIN_TEXT_WIDTH = 10
"""A text column is never made narrower than this (or than its widest cell, when that is less)."""

BOLD, PLAIN = "\x1b[1m", "\x1b[0m"

Record = Mapping[str, Any]
RowsDone = Callable[[int, int], None]
"""Told (rows written, rows in all) after each chunk."""


class Kind(StrEnum):
    """How a column's cells are written and whether they may wrap."""

    TEXT = "text"
    AMOUNT = "amount"
    BALANCE = "balance"
    DATE = "date"


AMOUNT_FIELDS = frozenset(
    {"debit", "credit", "amount", "withdrawal", "deposit"}
    # aging and the tax invoice (gstui)
    | {"pending", "not_due", "days_0_30", "days_31_60", "days_61_90", "days_over_90", "on_account"}
    | {"price", "discount", "taxable", "cgst", "sgst", "igst"}
    # GST returns and the GSTR-2B reconciliation (gstreturns)
    | {"cess", "books_taxable", "portal_taxable", "books_itc", "portal_itc"}
)
BALANCE_FIELDS = frozenset({"opening", "closing", "balance", "net"})
DATE_FIELDS = frozenset({"date", "as_of"})


def column_kind(field: str) -> Kind:
    """The kind of a record field, by its name.

    >>> [column_kind(f).value for f in ("debit", "closing_cr", "balance", "date", "value_date", "narration")]
    ['amount', 'amount', 'balance', 'date', 'date', 'text']
    """
    if field in BALANCE_FIELDS:
        return Kind.BALANCE
    if field in AMOUNT_FIELDS or field.endswith(("_dr", "_cr")):
        return Kind.AMOUNT
    if field in DATE_FIELDS or field.endswith("_date"):
        return Kind.DATE
    return Kind.TEXT


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table: the record field it shows, its heading and its kind."""

    field: str
    heading: str
    kind: Kind

    @property
    def wraps(self) -> bool:
        return self.kind is Kind.TEXT

    @property
    def right(self) -> bool:
        return self.kind in {Kind.AMOUNT, Kind.BALANCE}


def table_columns(
    records: Sequence[Record], fields: Iterable[str], heading: Callable[[str], str] = str
) -> list[Column]:
    """The columns for ``fields`` that the records have, each headed by ``heading(field)``.

    A balance (``opening``, ``closing``) is one column read with its side, "5,00,000.00 Cr": its Dr and
    Cr pair (``opening_dr``, ``opening_cr``), which the sheets and CSV carry, is left out, so that a
    trial balance's four amounts fit a 100-column terminal. Fields no record has are left out, so one
    field list serves a report before and after it gains a field.

    >>> [c.field for c in table_columns([{"opening": "1", "opening_dr": "1", "opening_cr": "", "debit": "2"}],
    ...                                 ("opening", "opening_dr", "opening_cr", "debit"))]
    ['opening', 'debit']
    >>> pair_only = [{"opening_dr": "1", "opening_cr": ""}]
    >>> [c.field for c in table_columns(pair_only, ("opening_dr", "opening_cr"))]
    ['opening_dr', 'opening_cr']
    """
    present = set(records[0]) if records else set()
    shown = {f for f in fields if column_kind(f) is Kind.BALANCE and (f in present or not records)}
    paired = {f"{f}{end}" for f in shown for end in ("_dr", "_cr")}
    chosen = [f for f in fields if (f in present or not records) and f not in paired]
    if not records:  # nothing tells which fields there are: the plain ones
        chosen = [f for f in chosen if not f.endswith(("_dr", "_cr"))]
    return [Column(f, heading(f), column_kind(f)) for f in chosen]


# --------------------------------------------------------------------------- cells


def text_width(text: str) -> int:
    """Terminal cells ``text`` takes, as rich counts them (Devanagari's joined signs take none).

    >>> text_width("Sales"), text_width("श्री बालाजी स्टोर्स"), text_width("₹ 500"), text_width("⌚ 中")
    (5, 11, 5, 5)
    """
    if text.isascii():
        return len(text)
    if max(text) < MEASURED_BELOW and ZERO_WIDTH_JOINER not in text:  # Latin, Devanagari, ₹, –, …
        no_cell, two_cells = _cell_patterns()
        return len(text) - len(no_cell.findall(text)) + len(two_cells.findall(text))
    return cell_len(text)


MEASURED_BELOW = "\u2e80"
"""Characters below this code point (where CJK begins) are measured by :func:`_cell_patterns`."""
ZERO_WIDTH_JOINER = "\u200d"  # joins what follows: rich measures such text as a whole


@cache
def _cell_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The characters below :data:`MEASURED_BELOW` that take no cell, and those that take two, as
    rich measures each one (a regular expression counts them faster than a loop)."""
    sizes = {code: cell_len(chr(code)) for code in range(0x80, ord(MEASURED_BELOW))}
    none, two = ([c for c, size in sizes.items() if size == n] for n in (0, 2))
    return _any_of(none), _any_of(two)


def _any_of(codes: Iterable[int]) -> re.Pattern[str]:
    """A pattern matching any one of the characters ``codes`` (ascending), as ranges."""
    spans: list[list[int]] = []
    for code in codes:
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    ranges = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in spans)
    return re.compile(f"[{ranges}]" if ranges else "(?!)")


def amount_text(value: object) -> str:
    """An amount lakh-grouped with two decimals; zero and blank as "" (a printed ledger's blank); a
    negative amount in brackets, as accountants write it (never a bare minus).

    >>> amount_text("1234567.5"), amount_text("-250.00"), amount_text("0.00"), amount_text(None)
    ('12,34,567.50', '(250.00)', '', '')
    """
    quick = _as_written(value)
    if quick is not None:
        negative, shown = quick
        return f"({shown})" if negative else shown
    try:
        paise = _paise(value)
    except ValueError:
        return str(value)
    if not paise:
        return ""
    return f"({format_inr(-paise)})" if paise < 0 else format_inr(paise)


def balance_text(value: object, side: object = None) -> str:
    """A balance with its side: debit positive is "Dr", credit "Cr"; a nil balance "0.00" (aligned).

    >>> balance_text("-500000.00"), balance_text("120.5"), balance_text("0"), balance_text("")
    ('5,00,000.00 Cr', '120.50 Dr', '0.00   ', '')
    >>> balance_text("500.00", side="Cr")
    '500.00 Cr'
    """
    quick = _as_written(value) if side is None else None
    if quick is not None:
        negative, shown = quick
        return f"{shown} {'Cr' if negative else 'Dr'}"
    try:
        paise = _paise(value)
    except ValueError:
        return str(value)
    if paise is None:
        return ""
    if not paise:
        return "0.00   "
    named = str(side or "").strip().title()
    shown = named if named in {"Dr", "Cr"} else ("Dr" if paise > 0 else "Cr")
    return f"{format_inr(abs(paise))} {shown}"


def _as_written(value: object) -> tuple[bool, str] | None:
    """A non-zero amount as the reports write it ("-1234567.50"): whether negative, and the amount
    lakh-grouped ("12,34,567.50"); None for anything else (zero, blank, numbers, other text).

    >>> _as_written("-1234567.50"), _as_written("0.00"), _as_written("0.50"), _as_written(12)
    ((True, '12,34,567.50'), None, None, None)
    """
    if type(value) is not str or len(value) < 4 or value[-3] != ".":
        return None
    negative = value[0] == "-"
    whole = value[1:-3] if negative else value[:-3]
    if not (whole.isdigit() and whole[0] != "0" and value[-2:].isdigit()):
        return None
    return negative, f"{group_indian(whole) if len(whole) > 3 else whole}{value[-3:]}"


def _paise(value: object) -> int | None:
    """An amount field's value (a decimal string as the reports write it, or rupees) in paise.

    Raises ValueError for text that is not an amount.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value * 100
    return from_decimal_string(f"{value:.2f}" if isinstance(value, float) else str(value))


def date_text(value: object) -> str:
    """A date as dd/mm/yyyy; an ISO date string ("2025-04-01") or a date; anything else as it is.

    >>> date_text("2025-04-01"), date_text(dt.date(2026, 3, 31)), date_text(""), date_text("opening")
    ('01/04/2025', '31/03/2026', '', 'opening')
    """
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = "" if value is None else str(value)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return text


def plain_text(value: object) -> str:
    """A text cell: lists joined with commas, None blank, line breaks as spaces."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    text = str(value)
    return " ".join(text.split()) if "\n" in text or "\t" in text else text


def column_texts(column: Column, records: Sequence[Record]) -> tuple[list[str], set[str]]:
    """Every record's cell text for ``column``, and the distinct texts (each value written once)."""
    field, side = column.field, f"{column.field}_side"
    if column.kind is Kind.BALANCE and records and side in records[0]:
        texts = [balance_text(r.get(field), r.get(side)) for r in records]
        return texts, set(texts)
    return _each_once(WRITERS[column.kind], [r.get(field) for r in records])


WRITERS: dict[Kind, Callable[[Any], str]] = {
    Kind.TEXT: plain_text, Kind.AMOUNT: amount_text, Kind.BALANCE: balance_text, Kind.DATE: date_text
}


def _each_once(write: Callable[[Any], str], values: Sequence[Any]) -> tuple[list[str], set[str]]:
    """``write`` over ``values``, each distinct value written once (a day book repeats its dates,
    accounts, names and narrations); and the distinct texts."""
    try:
        memo = {v: write(v) for v in set(values)}
    except TypeError:  # unhashable values (lists of rows): one by one
        texts = [write(v) for v in values]
        return texts, set(texts)
    return [memo[v] for v in values], set(memo.values())


# --------------------------------------------------------------------------- layout


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines at most ``width`` cells wide, broken at spaces, long words cut.

    >>> wrap("Material purchased from Agarwal Steels", 12)
    ['Material', 'purchased', 'from Agarwal', 'Steels']
    >>> wrap("INV/25-26/000002", 6)
    ['INV/25', '-26/00', '0002']
    """
    return [line for line, _ in wrapped_lines(text, width)]


def wrapped_lines(text: str, width: int) -> list[tuple[str, int]]:
    """:func:`wrap`'s lines, each with its width in cells."""
    plain = text.isascii()
    size = len(text) if plain else text_width(text)
    if size <= width:
        return [(text, size)]
    lines: list[tuple[str, int]] = []
    line: list[str] = []
    used = 0
    for word in text.split(" "):
        n = len(word) if plain or word.isascii() else text_width(word)
        if line and used + 1 + n <= width:
            line.append(word)
            used += 1 + n
            continue
        if line:
            lines.append((" ".join(line), used))
        pieces = [word] if n <= width else _cut(word, width)
        lines.extend((piece, text_width(piece)) for piece in pieces[:-1])
        line, used = [pieces[-1]], n if n <= width else text_width(pieces[-1])
    lines.append((" ".join(line), used))
    return lines


def _cut(word: str, width: int) -> list[str]:
    """A word in pieces of at most ``width`` cells; a vowel sign stays with its letter (zero width)."""
    pieces: list[str] = []
    piece, used = "", 0
    for char in word:
        size = text_width(char)
        if used + size > width and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += size
    pieces.append(piece)
    return pieces


def fit_widths(
    natural: Sequence[int], least: Sequence[int], wraps: Sequence[bool], width: int | None
) -> list[int]:
    """Column widths within ``width`` (gaps included): only wrapping columns give way, widest first.

    The wrapping columns are cut down to one level, so a short one (a voucher, a name) keeps its
    width while a long narration wraps; none goes below its ``least``. ``None``: no limit.

    >>> fit_widths([10, 60, 24, 12], [10, 10, 10, 12], [False, True, True, False], 80)
    [10, 28, 24, 12]
    >>> fit_widths([10, 9, 60, 12], [10, 9, 10, 12], [False, True, True, False], 60)
    [10, 9, 23, 12]
    >>> fit_widths([10, 60, 12], [10, 10, 12], [False, True, False], 20)
    [10, 10, 12]
    """
    widths = list(natural)
    room = None if width is None else width - len(GAP) * (len(widths) - 1)
    if room is None or sum(widths) <= room:
        return widths
    flexible = [i for i, w in enumerate(wraps) if w]
    spare = room - sum(w for i, w in enumerate(widths) if not wraps[i])

    def cut_to(level: int) -> list[int]:
        return [min(natural[i], max(level, least[i])) for i in flexible]

    level = max((natural[i] for i in flexible), default=0)
    while level > 0 and sum(cut_to(level)) > spare:
        level -= 1
    for i, w in zip(flexible, cut_to(level), strict=True):
        widths[i] = w
    leftover = spare - sum(widths[i] for i in flexible)
    for i in flexible:  # the cells the level could not share out evenly
        if leftover > 0 and widths[i] < natural[i]:
            widths[i] += 1
            leftover -= 1
    return widths


@dataclass(frozen=True)
class Cells:
    """One column's cell texts and its distinct texts; the widths of these unless all are ASCII."""

    texts: list[str]
    distinct: set[str]
    sizes: dict[str, int] | None  # None: all ASCII, a text's width is its length
    widest: int

    @classmethod
    def of(cls, texts: list[str], distinct: set[str] | None = None) -> Cells:
        """The cells of ``texts``; ``distinct``: its distinct texts, when known."""
        unique = set(texts) if distinct is None else distinct
        if "".join(unique).isascii():
            return cls(texts, unique, None, max(map(len, unique), default=0))
        sizes = {t: text_width(t) for t in unique}
        return cls(texts, unique, sizes, max(sizes.values(), default=0))

    @property
    def ascii(self) -> bool:
        return self.sizes is None

    def width(self, text: str) -> int:
        return len(text) if self.sizes is None else self.sizes[text]

    def longest_word(self, most: int) -> int:
        """The widest word among the texts, counted up to ``most``."""
        widest = 0
        for text in self.distinct:
            if len(text) > widest:
                widest = max(widest, *(min(text_width(w), most) for w in text.split() or [""]))
            if widest >= most:
                break
        return widest


@dataclass(frozen=True)
class Layout:
    """The columns' widths, fixed from every row's texts before the first row is written."""

    columns: tuple[Column, ...]
    widths: tuple[int, ...]

    @classmethod
    def of(cls, columns: Sequence[Column], cells: Sequence[Cells], width: int | None) -> Layout:
        natural = [
            max(c.widest, *map(text_width, _heading_lines(column)))
            for column, c in zip(columns, cells, strict=True)
        ]
        least = [
            max(MIN_TEXT_WIDTH, _longest(_heading_lines(column)), c.longest_word(LONG_WORD))
            if column.wraps and width is not None else n
            for column, c, n in zip(columns, cells, natural, strict=True)
        ]  # fmt: skip
        return cls(tuple(columns), tuple(fit_widths(natural, least, [c.wraps for c in columns], width)))

    def line(self, cells: Sequence[str]) -> str:
        """One screen line of cells that fit their columns."""
        parts = map(_pad, cells, self.widths, (c.right for c in self.columns))
        return GAP.join(parts).rstrip()

    def heading(self) -> list[str]:
        """The heading's lines (English over Hindi, each wrapped within its column), then a rule."""
        parts = [
            [line for h in _heading_lines(c) for line in wrap(h, w)]
            for c, w in zip(self.columns, self.widths, strict=True)
        ]
        height = max(map(len, parts), default=0)
        rows = [self.line([p[k] if k < len(p) else "" for p in parts]) for k in range(height)]
        return [*rows, "─" * (sum(self.widths) + len(GAP) * (len(self.widths) - 1))]


LONG_WORD = 16
"""A word wider than this may be cut to keep a text column narrow (a name or narration word fits)."""


def _heading_lines(column: Column) -> list[str]:
    """A heading's lines: "Debit / नामे" is "Debit" over "नामे"."""
    return [part.strip() for part in column.heading.split(" / ")]


def _longest(texts: Iterable[str]) -> int:
    return max((text_width(w) for text in texts for w in text.split()), default=0)


def _pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells, on the left when ``right`` (aligned right)."""
    return _fill(text, text_width(text), width, right)


def _fill(text: str, size: int, width: int, right: bool) -> str:
    """:func:`_pad` of a text whose width, ``size``, is known."""
    gap = width - size
    if gap <= 0:
        return text
    return " " * gap + text if right else text + " " * gap


# --------------------------------------------------------------------------- writing


def write_table(
    out: IO[str],
    records: Sequence[Record],
    columns: Sequence[Column],
    *,
    width: int | None,
    title: str = "",
    bold: Callable[[Record], bool] | None = None,
    styled: bool = False,
    indent: Callable[[Record], int] | None = None,
    progress: RowsDone | None = None,
) -> None:
    """Write ``records`` as a table to ``out``: heading, then rows in chunks of :data:`CHUNK_ROWS`.

    ``bold`` picks the rows shown bold (totals) when ``styled`` (a terminal); ``indent`` gives a row's
    first cell its depth (group accounts); ``progress`` hears (rows done, rows in all) per chunk.
    """
    found = [column_texts(c, records) for c in columns]
    if indent is not None and found:
        first = [("  " * indent(r)) + t for r, t in zip(records, found[0][0], strict=True)]
        found[0] = (first, set(first))
    cells = [Cells.of(texts, distinct) for texts, distinct in found]
    layout = Layout.of(columns, cells, width)
    out.write("\n".join([title, *layout.heading()] if title else layout.heading()) + "\n")
    body = Body.of(layout, cells)
    emphasis = [i for i, r in enumerate(records) if bold(r)] if styled and bold is not None else []
    total = len(records)
    for start in range(0, total, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, total)
        lines = body.first_lines(start, stop)
        below = body.lines_below(start, stop)
        if below is not None:
            lines = [line + more for line, more in zip(lines, below, strict=True)]
        for i in _between(emphasis, start, stop):
            lines[i - start] = f"{BOLD}{lines[i - start]}{PLAIN}"
        out.write("\n".join(lines) + "\n")
        if progress is not None:
            progress(stop, total)
    out.flush()


@dataclass(frozen=True)
class Body:
    """The rows laid out: a row template and, per column, its cells ready for it.

    An ASCII column is padded by the template ("{:>12}"); another is padded here, by terminal cells
    rather than characters. Each distinct text is prepared once. A text too wide for its column is
    its first line in ``ready`` and all its lines, padded to the column, in ``wrapped``; the lines a
    row takes below its first are :meth:`lines_below` (each distinct text's, or pair's, made once).
    """

    template: str
    offsets: tuple[int, ...]  # where each column starts on the screen line
    widths: tuple[int, ...]
    texts: tuple[list[str], ...]
    ready: tuple[list[str], ...]
    wrapped: tuple[dict[str, tuple[str, ...]], ...]
    alone: dict[int, dict[str, str]]  # by wrapping column: a text's lines below the first, alone
    stacked: dict[tuple[str, ...], str]  # lines below the first of rows where several columns wrap

    @classmethod
    def of(cls, layout: Layout, cells: Sequence[Cells]) -> Body:
        slots, ready, wrapped = [], [], []
        for column, c, width in zip(layout.columns, cells, layout.widths, strict=True):
            plain, right = c.ascii, column.right
            slots.append(f"{{:{'>' if right else '<'}{width}}}" if plain else "{}")
            wraps = column.wraps and c.widest > width
            too_wide = [t for t in c.distinct if c.width(t) > width] if wraps else []
            lines_of = {
                text: tuple(_fill(line, used, width, False) for line, used in wrapped_lines(text, width))
                for text in too_wide
            }
            if plain and not lines_of:
                ready.append(c.texts)  # the template pads them all
            else:
                fitted = {t: t if plain else _fill(t, c.width(t), width, right) for t in c.distinct}
                memo = {**fitted, **{text: lines[0] for text, lines in lines_of.items()}}
                ready.append([memo[t] for t in c.texts])
            wrapped.append(lines_of)
        offsets = tuple(sum(layout.widths[:k]) + len(GAP) * k for k in range(len(layout.widths)))
        texts = tuple(c.texts for c in cells)
        body = cls(GAP.join(slots), offsets, layout.widths, texts, tuple(ready), tuple(wrapped), {}, {})
        for k, lines_of in enumerate(wrapped):
            if lines_of:
                body.alone[k] = {text: body._below([k], {k: lines}) for text, lines in lines_of.items()}
        return body

    def first_lines(self, start: int, stop: int) -> list[str]:
        """Rows ``start`` to ``stop``, each on one line (a wrapped cell's first line)."""
        columns = (column[start:stop] for column in self.ready)
        return [self.template.format(*row).rstrip() for row in zip(*columns, strict=True)]

    def lines_below(self, start: int, stop: int) -> list[str] | None:
        """Rows ``start`` to ``stop``: each one's lines below its first ("\\n" before each; "" for a
        one-line row), or None when no row of the table takes more than one line."""
        columns = list(self.alone)
        below = [[self.alone[k].get(t, "") for t in self.texts[k][start:stop]] for k in columns]
        if len(below) <= 1:
            return below[0] if below else None
        rows = list(zip(*below, strict=True))
        shown = ["".join(parts) for parts in rows]  # a row where one column wraps
        several = len(columns) - 1
        for i in [i for i, parts in enumerate(rows) if parts.count("") < several]:
            key = tuple(self.texts[k][start + i] for k in columns)  # a voucher's lines repeat these
            if key not in self.stacked:
                wrapping = [k for k, part in zip(columns, rows[i], strict=True) if part]
                lines = {k: self.wrapped[k][self.texts[k][start + i]] for k in wrapping}
                self.stacked[key] = self._below(wrapping, lines)
            shown[i] = self.stacked[key]
        return shown

    def _below(self, columns: Sequence[int], lines: Mapping[int, tuple[str, ...]]) -> str:
        """The screen lines below the first of a row whose ``columns`` wrap into ``lines`` (each
        padded to its column); the other columns are blank there."""
        height = max(len(lines[k]) for k in columns)
        shown = []
        for n in range(1, height):
            line, at = "", 0
            for k in columns:
                if n < len(lines[k]):
                    line += " " * (self.offsets[k] - at) + lines[k][n]
                    at = self.offsets[k] + self.widths[k]
            shown.append("\n" + line.rstrip())
        return "".join(shown)


def _between(ordered: Sequence[int], start: int, stop: int) -> Sequence[int]:
    """The numbers of ``ordered`` (ascending) from ``start`` up to ``stop``."""
    return ordered[bisect_left(ordered, start) : bisect_left(ordered, stop)]
