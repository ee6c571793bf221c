"""The portal's GSTR-2B, read: its B2B invoices and credit/debit notes as one frame of documents.

Two files come from the portal (Returns → GSTR-2B): the JSON (*Generate JSON file to download*) and
the Excel (*Download GSTR-2B details*). A third way in is the Excel's sheets pasted into a sheet of
the workbook (the ribbon's way: the file never reaches the add-in server); sections pasted one below
the other are read one after the other.

**JSON** — the layout of GSTN's GSTR-2B API, ``version`` 1.0 of its ``data`` (as the portal's JSON
carries it, with or without the ``chksum``/``data`` envelope): ``gstin``, ``rtnprd`` ("MMYYYY"),
``docdata`` with

- ``b2b``: suppliers (``ctin``, ``trdnm``, ``supprd``, ``supfildt``) and their ``inv``: ``inum``,
  ``typ``, ``dt`` (dd-mm-yyyy), ``val``, ``pos``, ``rev``, ``itcavl``, ``rsn``, ``txval``, ``igst``,
  ``cgst``, ``sgst``, ``cess`` and ``items`` (per rate: ``num``, ``rt``, ``txval`` and tax);
- ``b2ba``: amended invoices, the same with ``oinum`` and ``oidt`` (the original number and date);
- ``cdnr`` / ``cdnra``: notes (``nt``: ``ntnum``, ``typ`` C or D, ``suptyp``, ``dt`` …; amended:
  ``ontnum``, ``ontdt``).

ISD, import (``impg``, ``impgsez``) and e-commerce (``ecom``) sections are counted, not
reconciled: the Purchases table does not record those documents.

**Excel** — the sheets ``B2B``, ``B2BA``, ``B2B-CDNR`` and ``B2B-CDNRA``: a title above, then two
heading rows (a group such as "Invoice details" or "Tax Amount" over its columns "Invoice number",
"Integrated Tax(₹)" …), then one row per invoice *and rate* (the invoice's cells repeated on each):
rows of one invoice are added up. Headings are found by their words, wherever the header stands
among the first rows; other sheets (Read me, ITC Available, ISD, IMPG …) are skipped.

A line whose GSTIN, number, date or an amount cannot be read is left out with an
``unreadable-gstr2b-line`` error naming the file and the line; a file that is neither is a fatal
``unreadable-gstr2b-file``.

>>> data = b'{"data": {"gstin": "27ABVFS4821K1ZH", "rtnprd": "092025", "docdata": {"b2b": [{"ctin": '
>>> data += b'"29AACCK8830P1ZF", "trdnm": "Kaveri", "inv": [{"inum": "KI/0045", "dt": "05-09-2025", '
>>> data += b'"val": 1180, "txval": 1000, "igst": 180, "cgst": 0, "sgst": 0, "cess": 0, "pos": "27", '
>>> data += b'"rev": "N", "itcavl": "Y", "items": [{"num": 1, "rt": 18, "txval": 1000, "igst": 180}]}]}]}}}'
>>> portal = read_gstr2b(data, "2b.json")
>>> portal.gstin, portal.period.fp, portal.issues
('27ABVFS4821K1ZH', '092025', [])
>>> portal.documents[["kind", "number", "taxable", "igst", "rates"]].to_dict("records")
[{'kind': 'bill', 'number': 'KI/0045', 'taxable': 100000, 'igst': 18000, 'rates': '1800'}]
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

import pandas as pd

from addin.engine.cells import (
    UNREADABLE_REASON,
    CellState,
    Reason,
    amount_of,
    amount_reason,
    cell_address,
    cell_text,
    date_of,
    date_reason,
    fold_key,
)
from addin.engine.gst_returns.periods import ReturnPeriod
from addin.engine.identifiers import gstin as gstins
from addin.engine.issues import Issue
from addin.engine.messages import make_issue
from addin.engine.money import to_decimal_string
from addin.engine.reconciliation.statement_import import clean_rows, excel_sheets
from addin.engine.rules import Rule
from addin.engine.trade.states import state_code

SECTIONS = ("b2b", "b2ba", "cdnr", "cdnra")
"""The GSTR-2B sections reconciled with the Purchases table."""
NOT_RECONCILED = ("isd", "isda", "impg", "impga", "impgsez", "impgasez", "ecom", "ecoma")
HEADER_SCAN_ROWS = 40

DOCUMENT_TYPES: dict[str, str] = {
    "where": "str", "row": "int64", "section": "str", "kind": "str", "gstin": "str",
    "name": "str", "number": "str", "original_number": "str", "date": "datetime64[ns]",
    "original_date": "datetime64[ns]", "value": "int64", "taxable": "int64", "igst": "int64",
    "cgst": "int64", "sgst": "int64", "cess": "int64", "rates": "str", "pos": "str",
    "reverse_charge": "bool", "itc_available": "bool", "reason": "str", "supplier_period": "str",
}  # fmt: skip
"""The documents frame's columns: ``where`` the line in words ("B2B row 7", "docdata.b2b[0].inv[3]"),
``row`` the worksheet row of a pasted sheet (0 otherwise), ``kind`` "bill",
"credit-note" or "debit-note", amounts in paise, ``rates`` the distinct rates in basis points
joined by "|" ("" when the file gives none)."""
AMOUNTS = ("value", "taxable", "igst", "cgst", "sgst", "cess")


@dataclass(frozen=True)
class Gstr2b:
    """A GSTR-2B as read: the recipient's GSTIN and the period when the file says them, the
    documents (:data:`DOCUMENT_TYPES`), how many documents of sections not reconciled it held, and
    the issues."""

    filename: str
    gstin: str
    period: ReturnPeriod | None
    documents: pd.DataFrame
    skipped: Mapping[str, int] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        """False when the file could not be read at all (a fatal issue)."""
        return not any(i.severity.value == "fatal" for i in self.issues)


def empty_documents() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in DOCUMENT_TYPES.items()})


def read_gstr2b(data: bytes, filename: str) -> Gstr2b:
    """A GSTR-2B file's bytes, JSON or Excel (told apart by their content, not their name)."""
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        return read_gstr2b_json(data, filename)
    sheets = excel_sheets(data)
    if sheets is None:
        return _unreadable(filename)
    return read_gstr2b_sheets(sheets, filename)


def _unreadable(filename: str, variant: str = "", **fields: object) -> Gstr2b:
    issue = make_issue(
        Rule.UNREADABLE_GSTR2B_FILE, filename, "", "", "", variant=variant, file=filename, **fields
    )
    return Gstr2b(filename, "", None, empty_documents(), {}, [issue])


# ----------------------------------------------------------------------------------------------
# values


@dataclass
class _Collector:
    """Documents and issues as a reader finds them."""

    filename: str
    sheet: str = ""  # a pasted sheet's name: issues then point at its cells
    records: list[dict[str, Any]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def unreadable(self, where: str, what: str, value: object, reason: Reason, cell: str = "") -> None:
        whats = {
            "gstin": ("the supplier's GSTIN", "आपूर्तिकर्ता का जीएसटीआईएन"),
            "number": ("the document number", "दस्तावेज़ संख्या"),
            "date": ("the date", "तिथि"),
        }
        what_en, what_hi = whats.get(what, (f"the amount {what}", f"राशि {what}"))
        sheet = self.sheet or self.filename
        self.issues.append(
            make_issue(
                Rule.UNREADABLE_GSTR2B_LINE, sheet, cell, what, cell_text(value), file=self.filename,
                where=where, what=what_en, what_hi=what_hi, reason=reason,
            )
        )  # fmt: skip

    def frame(self) -> pd.DataFrame:
        if not self.records:
            return empty_documents()
        frame = pd.DataFrame.from_records(self.records, columns=list(DOCUMENT_TYPES))
        return frame.astype(DOCUMENT_TYPES)


_NOT_GSTIN = Reason("it is not a GSTIN of 15 letters and digits", "यह 15 अक्षरों-अंकों का जीएसटीआईएन नहीं है")
_BLANK_NUMBER = Reason("it is blank", "यह खाली है")


_PLAIN_NUMBER = re.compile(r"^(-?)(\d+)(?:\.(\d*))?$")


def _paise(value: object) -> int | None:
    """An amount of the file as paise: a JSON number exactly (the JSON is parsed with its numbers
    kept as text), a cell by the cell grammar; None when unreadable, 0 when blank."""
    if type(value) is str and (match := _PLAIN_NUMBER.match(value)):
        sign, whole, fraction = match.groups()
        fraction = fraction or ""
        paise = int(whole) * 100 + int((fraction + "00")[:2])
        if len(fraction) > 2 and fraction[2] >= "5":
            paise += 1  # half up, as the cell grammar rounds
        return -paise if sign else paise
    if type(value) is int:
        return value * 100
    if isinstance(value, Decimal):
        return int((value * 100).to_integral_value(ROUND_HALF_UP))
    reading = amount_of(value)
    if reading.state is CellState.BLANK:
        return 0
    return reading.paise if reading.state is CellState.OK else None


_PORTAL_DATE = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")


@lru_cache(maxsize=4096)
def _date_text(text: str) -> dt.date | None:
    if match := _PORTAL_DATE.match(text):
        try:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    return date_of(text).date


def _date(value: object) -> dt.date | None:
    if isinstance(value, str):
        return _date_text(value.strip())
    return date_of(value).date


@lru_cache(maxsize=256)
def _points(value: object) -> int | None:
    """A rate in percent (18, "18", 18.0, "18%") as basis points."""
    paise = _paise(value.replace("%", "") if isinstance(value, str) else value)
    return paise if paise is not None and paise >= 0 else None


def _text(value: object) -> str:
    """A field as text: a string as it is (trimmed), anything else as the cell grammar writes it."""
    return value.strip() if type(value) is str else cell_text(value)


_YES = frozenset({"y", "yes", "true", "1"})


def _yes(value: object) -> bool:
    if type(value) is str and len(value) == 1:
        return value in "Yy1"
    return fold_key(cell_text(value)) in _YES


def _kind(section: str, note_type: object) -> str:
    if section in ("b2b", "b2ba"):
        return "bill"
    return "debit-note" if fold_key(cell_text(note_type)).startswith("d") else "credit-note"


@lru_cache(maxsize=1024)
def _gstin_text(text: str) -> str:
    return gstins.compact(text)


@lru_cache(maxsize=256)
def _state_text(text: str) -> str:
    return state_code(text)


def _rates(points: Iterable[int | None]) -> str:
    return "|".join(str(p) for p in sorted({p for p in points if p is not None}))


def _record(
    collector: _Collector,
    where: str,
    fields: Mapping[str, object],
    *,
    cells: Mapping[str, str] | None = None,
    row: int = 0,
) -> None:
    """One document from its raw fields (names as :data:`DOCUMENT_TYPES`, amounts and dates raw);
    its unreadable fields reported, the document left out then."""
    cells = cells or {}
    section = str(fields["section"])
    good = True
    raw_gstin = fields.get("gstin")
    supplier = _gstin_text(_text(raw_gstin))
    if len(supplier) != 15 or not supplier.isalnum():
        collector.unreadable(where, "gstin", raw_gstin, _NOT_GSTIN, cells.get("gstin", ""))
        good = False
    number = _text(fields.get("number"))
    if not number:
        collector.unreadable(where, "number", "", _BLANK_NUMBER, cells.get("number", ""))
        good = False
    date = _date(fields.get("date"))
    if date is None:
        reason = date_reason(fields.get("date")) or UNREADABLE_REASON
        collector.unreadable(where, "date", fields.get("date"), reason, cells.get("date", ""))
        good = False
    amounts: dict[str, int] = {}
    for name in AMOUNTS:
        raw = fields.get(name)
        paise = _paise(raw)
        if paise is None:
            reason = amount_reason(raw) or UNREADABLE_REASON
            collector.unreadable(where, name, raw, reason, cells.get(name, ""))
            good = False
        else:
            amounts[name] = paise
    if not good:
        return
    original = fields.get("original_date")
    itc = fields.get("itc_available")
    collector.records.append(
        {
            "where": where,
            "row": row,
            "section": section,
            "kind": _kind(section, fields.get("note_type")),
            "gstin": supplier,
            "name": _text(fields.get("name")),
            "number": number,
            "original_number": _text(fields.get("original_number")),
            "date": date,
            "original_date": _date(original) if original else None,
            **amounts,
            "rates": str(fields.get("rates", "")),
            "pos": _state_text(_text(fields.get("pos"))),
            "reverse_charge": _yes(fields.get("reverse_charge")),
            "itc_available": not itc or _yes(itc),
            "reason": _text(fields.get("reason")),
            "supplier_period": _text(fields.get("supplier_period")),
        }
    )


# ----------------------------------------------------------------------------------------------
# JSON


def read_gstr2b_json(data: bytes, filename: str) -> Gstr2b:
    """The portal's GSTR-2B JSON (see the module's description of its layout)."""
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_float=str)
    except UnicodeDecodeError:
        return _unreadable(filename)
    except json.JSONDecodeError as exc:
        return _unreadable(filename, "json", reason=exc.msg, where=f"line {exc.lineno} column {exc.colno}")
    body = document.get("data", document) if isinstance(document, dict) else None
    if not isinstance(body, dict) or not isinstance(body.get("docdata"), dict):
        found = ", ".join(sorted(body)) if isinstance(body, dict) else type(document).__name__
        return _unreadable(filename, "no-documents", found=found or "nothing")
    docdata = body["docdata"]
    collector = _Collector(filename)
    for section in SECTIONS:
        for s, supplier in enumerate(_list(docdata.get(section))):
            key = "inv" if section in ("b2b", "b2ba") else "nt"
            for d, doc in enumerate(_list(supplier.get(key))):
                _record(collector, f"docdata.{section}[{s}].{key}[{d}]", _json_fields(section, supplier, doc))
    skipped = {s: _count(docdata.get(s)) for s in NOT_RECONCILED if docdata.get(s)}
    if not collector.records and not collector.issues:
        found = ", ".join(sorted(k for k, v in docdata.items() if v)) or "nothing"
        return _unreadable(filename, "no-documents", found=found)
    period = ReturnPeriod.parse(str(body.get("rtnprd", ""))) if body.get("rtnprd") else None
    recipient = gstins.compact(cell_text(body.get("gstin")))
    return Gstr2b(filename, recipient, period, collector.frame(), skipped, collector.issues)


def _list(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _count(value: object) -> int:
    """Documents in a section not reconciled (suppliers' lists of documents, or documents)."""
    total = 0
    for entry in _list(value):
        lists = [v for v in entry.values() if isinstance(v, list)]
        total += sum(len(v) for v in lists) if lists else 1
    return total


def _json_fields(section: str, supplier: Mapping[str, Any], doc: Mapping[str, Any]) -> dict[str, object]:
    invoice = section in ("b2b", "b2ba")
    items = _list(doc.get("items"))
    heads = {h: doc.get(h) for h in ("igst", "cgst", "sgst", "cess")}
    taxable = doc.get("txval")
    if items and taxable is None:  # totals only per item
        taxable = to_decimal_string(sum(_paise(i.get("txval")) or 0 for i in items))
        heads = {h: to_decimal_string(sum(_paise(i.get(h)) or 0 for i in items)) for h in heads}
    return {
        "section": section,
        "gstin": supplier.get("ctin"),
        "name": supplier.get("trdnm"),
        "supplier_period": supplier.get("supprd"),
        "number": doc.get("inum" if invoice else "ntnum"),
        "original_number": doc.get("oinum" if invoice else "ontnum"),
        "date": doc.get("dt"),
        "original_date": doc.get("oidt" if invoice else "ontdt"),
        "note_type": doc.get("typ") if not invoice else "",
        "value": doc.get("val"),
        "taxable": taxable,
        **{h: v if v is not None else 0 for h, v in heads.items()},
        "rates": _rates(_points(i.get("rt")) for i in items),
        "pos": doc.get("pos"),
        "reverse_charge": doc.get("rev"),
        "itc_available": doc.get("itcavl"),
        "reason": doc.get("rsn"),
    }


# ----------------------------------------------------------------------------------------------
# Excel and pasted sheets

_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("value", ("invoicevalue", "notevalue", "documentvalue")),
    ("rate", ("rate",)),
    ("taxable", ("taxablevalue",)),
    ("igst", ("integratedtax",)),
    ("cgst", ("centraltax",)),
    ("sgst", ("stateuttax", "statetax")),
    ("cess", ("cess",)),
    ("itc_available", ("itcavailab",)),
)
_EXACT: dict[str, str] = {
    **dict.fromkeys(("invoicenumber", "notenumber", "documentnumber", "number"), "number"),
    **dict.fromkeys(("notetype", "documenttype"), "note_type"),
    **dict.fromkeys(("invoicedate", "notedate", "documentdate", "date"), "date"),
    **dict.fromkeys(("tradename", "legalname"), "name"),
    "invoicetype": "invoice_type",
    "placeofsupply": "pos",
    "reason": "reason",
}


def _role(group: str, heading: str) -> str | None:
    """What a column holds, from its heading (folded: :func:`_heading`) and the groups over it."""
    if "original" in group:
        if "number" in heading or heading.endswith("no"):
            return "original_number"
        return "original_date" if "date" in heading else None
    if "gstin" in heading and "supplier" in heading:
        return "gstin"
    if "tradelegalname" in heading:
        return "name"
    if heading in _EXACT:
        return _EXACT[heading]
    if "supplytype" in heading:
        return "supply_type"
    if "reversecharge" in heading:
        return "reverse_charge"
    if heading.endswith("period") and "gstr" in heading:
        return "supplier_period"
    return next((role for role, starts in _PREFIXES if heading.startswith(starts)), None)


_NEEDED = ("gstin", "number", "date", "taxable")
_SKIPPED_SHEETS = ("readme", "itcavailable", "itcnotavailable", "itcreversal", "itcrejected", "summary")


def _heading(value: object) -> str:
    """A heading as compared: letters and digits, "(₹)" and the like dropped."""
    return fold_key(cell_text(value).replace("₹", ""))


_GROUP_WORDS = ("details", "taxamount", "original", "revised")
_SUB_HEADINGS = (
    "gstinofsupplier", "invoicenumber", "notenumber", "invoicedate", "notedate", "invoicetype", "notetype",
    "invoicevalue", "notevalue", "taxablevalue", "integratedtax", "centraltax", "stateuttax",
)  # fmt: skip


def _has_heading(row: Sequence[object], words: Sequence[str]) -> bool:
    return any(any(w in _heading(c) for w in words) for c in row)


def _header_block(rows: Sequence[Sequence[object]], at: int) -> tuple[int, int]:
    """The header rows around row ``at`` (which names "GSTIN of supplier"): group rows above it
    ("Invoice details", "Original details" …) and sub-heading rows below it, first and last."""
    first, last = at, at
    while first > 0 and first > at - 2 and _has_heading(rows[first - 1], _GROUP_WORDS):
        first -= 1
    while (
        last + 1 < len(rows) and not _is_data(rows[last + 1]) and _has_heading(rows[last + 1], _SUB_HEADINGS)
    ):
        last += 1
    return first, last


def _columns(header: Sequence[Sequence[object]]) -> dict[str, int]:
    """The role of each column from the header's rows: each column's lowest heading, read within
    the groups above it (a group cell stands over the columns to its right that have headings
    below it, as merged cells do)."""
    texts = [[_heading(c) for c in row] for row in header]
    depth, width = len(texts), max((len(t) for t in texts), default=0)
    active = [""] * depth
    found: dict[str, int] = {}
    for j in range(width):
        column = [t[j] if j < len(t) else "" for t in texts]
        filled = [r for r in range(depth) if column[r]]
        if not filled:
            continue
        lowest = filled[-1]
        for r in range(lowest):
            if column[r]:
                active[r] = column[r]
        context = "".join(column[r] or active[r] for r in range(lowest))
        for r in range(lowest, depth):
            active[r] = ""
        role = _role(context, column[lowest])
        if role is not None and role not in found:
            found[role] = j
    return found


def _is_header(row: Sequence[object]) -> bool:
    return any("gstinofsupplier" in _heading(c) for c in row)


def read_gstr2b_sheets(sheets: Sequence[tuple[str, Sequence[Sequence[object]]]], filename: str) -> Gstr2b:
    """The portal's GSTR-2B Excel (its sheets as rows of cells), or a workbook sheet the sections
    were pasted into."""
    collector = _Collector(filename)
    skipped: dict[str, int] = {}
    names = []
    for name, raw_rows in sheets:
        names.append(name)
        folded = fold_key(name)
        if any(folded.startswith(s) for s in _SKIPPED_SHEETS):
            continue
        section = _section_of_sheet(folded)
        rows = clean_rows(raw_rows)
        if section is None and any(folded.startswith(s) for s in NOT_RECONCILED):
            skipped[folded] = sum(1 for r in rows if any(cell_text(c) for c in r))
            continue
        _read_sections(collector, name, rows, section)
    if not collector.records and not collector.issues:
        return _unreadable(filename, "no-documents", found=", ".join(names) or "nothing")
    return Gstr2b(filename, "", None, collector.frame(), skipped, collector.issues)


def read_pasted_gstr2b(rows: Sequence[Sequence[object]], sheet: str) -> Gstr2b:
    """A workbook sheet holding the portal's sections pasted one below another (the ribbon's way);
    issues point at its cells."""
    collector = _Collector(sheet, sheet=sheet)
    _read_sections(collector, sheet, clean_rows(rows), None)
    if not collector.records and not collector.issues:
        return _unreadable(sheet, "no-documents", found=f"{len(rows)} row(s) without the portal's headings")
    return Gstr2b(sheet, "", None, collector.frame(), {}, collector.issues)


def _section_of_sheet(folded: str) -> str | None:
    return {"b2b": "b2b", "b2ba": "b2ba", "b2bcdnr": "cdnr", "cdnr": "cdnr", "b2bcdnra": "cdnra",
            "cdnra": "cdnra"}.get(folded)  # fmt: skip


def _read_sections(
    collector: _Collector, sheet: str, rows: Sequence[Sequence[object]], section: str | None
) -> None:
    """Every header and the rows below it, up to the next header."""
    found = [i for i, row in enumerate(rows) if _is_header(row)]
    if section is not None:
        found = found[:1]
    blocks = [_header_block(rows, i) for i in found]
    for n, (first, last) in enumerate(blocks):
        end = blocks[n + 1][0] if n + 1 < len(blocks) else len(rows)
        header = rows[first : last + 1]
        columns = _columns(header)
        if not all(r in columns for r in _NEEDED):
            continue
        notes = "note_type" in columns or any(_has_heading(r, ("notenumber",)) for r in header)
        amended = "original_number" in columns
        kind = section or (("cdnra" if amended else "cdnr") if notes else ("b2ba" if amended else "b2b"))
        _read_rows(collector, sheet, rows, last + 1, end, columns=columns, section=kind)


def _is_data(row: Sequence[object]) -> bool:
    """A row that holds a document (a GSTIN-like first text cell), not a heading."""
    for cell in row:
        text = cell_text(cell).strip()
        if text:
            return len(text) == 15 and text[:2].isdigit()
    return False


def _read_rows(
    collector: _Collector,
    sheet: str,
    rows: Sequence[Sequence[object]],
    first: int,
    end: int,
    *,
    columns: Mapping[str, int],
    section: str,
) -> None:
    """Rows of one section, a document's rates (one row each) added up."""

    def cell(row: Sequence[object], role: str) -> object:
        j = columns.get(role)
        return row[j] if j is not None and j < len(row) else None

    key_roles = ("gstin", "number", "date", "note_type")
    current: dict[str, Any] | None = None
    for i in range(first, end):
        row = rows[i]
        if not any(cell_text(c).strip() for c in row):
            continue
        if "total" in _heading(cell(row, "gstin")) or not any(
            cell_text(cell(row, r)).strip() for r in ("number", "date", "taxable")
        ):
            continue  # a totals line, a title or a note: no document there
        key = tuple(cell_text(cell(row, r)) for r in key_roles)
        rate = _points(cell(row, "rate"))
        if current is not None and current["key"] == key:
            for name in ("taxable", "igst", "cgst", "sgst", "cess"):
                current["sums"][name].append(cell(row, name))
            current["rates"].append(rate)
            continue
        _flush(collector, current)
        current = {
            "key": key,
            "row": i + 1,
            "where": f"{sheet} row {i + 1}",
            "fields": {role: cell(row, role) for role in columns} | {"section": section},
            "sums": {name: [cell(row, name)] for name in ("taxable", "igst", "cgst", "sgst", "cess")},
            "rates": [rate],
            "cells": {role: cell_address(i + 1, j + 1) for role, j in columns.items()},
        }
    _flush(collector, current)


def _flush(collector: _Collector, current: Mapping[str, Any] | None) -> None:
    """The document of the rows gathered: amounts summed in paise (an unreadable one reported)."""
    if current is None:
        return
    fields = dict(current["fields"])
    for name, cells in current["sums"].items():
        values = [_paise(c) for c in cells]
        if any(v is None for v in values):
            fields[name] = next(c for c, v in zip(cells, values, strict=True) if v is None)
        else:
            fields[name] = to_decimal_string(sum(v for v in values if v is not None))
    fields["rates"] = _rates(current["rates"])
    pasted = bool(collector.sheet)
    _record(
        collector, current["where"], fields, cells=current["cells"] if pasted else None, row=current["row"]
    )


def recipient_issues(portal: Gstr2b, company_gstin: str) -> list[Issue]:
    """``gstr2b-other-gstin`` when the file names a recipient other than the company."""
    if not portal.gstin or not company_gstin or portal.gstin == company_gstin:
        return []
    return [
        make_issue(
            Rule.GSTR2B_OTHER_GSTIN, portal.filename, "", "", portal.gstin, file=portal.filename,
            company=company_gstin,
        )
    ]  # fmt: skip


__all__ = [
    "DOCUMENT_TYPES",
    "Gstr2b",
    "empty_documents",
    "read_gstr2b",
    "read_gstr2b_json",
    "read_gstr2b_sheets",
    "read_pasted_gstr2b",
    "recipient_issues",
]
