"""GSTR-2B files written inline for the tests: the portal's JSON and its Excel download's layout.

A document is a dict of the portal's own keys (``inum``/``ntnum``, ``dt``, ``val``, ``txval``, the
heads, ``pos``, ``rev``, ``itcavl``, …) plus ``section`` ("b2b", "b2ba", "cdnr", "cdnra"),
``ctin`` and ``trdnm``; :func:`invoice` and :func:`note` make one with sensible defaults.

The Excel layout is the portal's as its download shows it: a title, then two heading rows (a group
such as "Invoice details" or "Tax Amount" over its columns; other headings span both rows), then
one row per invoice and rate. B2BA's three heading rows put "Original details" and "Revised
details" over them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.engine.trade_cases import COMPANY_GSTIN

Doc = dict[str, Any]


def invoice(
    ctin: str, inum: str, dt_: str, txval: float, *, rate: float = 18, intra: bool = False, **more: Any
) -> Doc:
    """A B2B invoice of one rate, its tax worked out (rounded to the paisa)."""
    tax = round(txval * rate / 100, 2)
    heads = (
        {"igst": 0, "cgst": round(tax / 2, 2), "sgst": round(tax / 2, 2)}
        if intra
        else {"igst": tax, "cgst": 0, "sgst": 0}
    )
    doc: Doc = {
        "section": "b2b", "ctin": ctin, "trdnm": more.pop("trdnm", "SUPPLIER"), "inum": inum, "typ": "R",
        "dt": dt_, "val": round(txval + tax), "pos": "27", "rev": "N", "itcavl": "Y", "rsn": "",
        "txval": txval, **heads, "cess": 0,
        "items": [{"num": 1, "rt": rate, "txval": txval, **heads, "cess": 0}],
    }  # fmt: skip
    doc.update(more)
    return doc


def note(ctin: str, ntnum: str, dt_: str, txval: float, *, typ: str = "C", **more: Any) -> Doc:
    """A B2B-CDNR credit (``typ`` C) or debit (D) note, made like :func:`invoice`."""
    doc = invoice(ctin, ntnum, dt_, txval, **more)
    doc["ntnum"] = doc.pop("inum")
    doc.update(section=doc["section"] if doc["section"] != "b2b" else "cdnr", typ=typ, suptyp="R")
    return doc


def portal_json(
    docs: Sequence[Doc],
    *,
    gstin: str = COMPANY_GSTIN,
    period: str = "092025",
    envelope: bool = True,
    extra: dict[str, Any] | None = None,
) -> bytes:
    """The GSTR-2B JSON holding ``docs``, grouped by section and supplier as the portal groups them."""
    docdata: dict[str, list[dict[str, Any]]] = {}
    for given in docs:
        doc = dict(given)
        section, ctin, name = doc.pop("section"), doc.pop("ctin"), doc.pop("trdnm")
        suppliers = docdata.setdefault(section, [])
        key = "inv" if section in ("b2b", "b2ba") else "nt"
        found = next((s for s in suppliers if s["ctin"] == ctin), None)
        if found is None:
            found = {"ctin": ctin, "trdnm": name, "supprd": period, "supfildt": "11-10-2025", key: []}
            suppliers.append(found)
        found[key].append(doc)
    body = {"gstin": gstin, "rtnprd": period, "version": "1.0", "gendt": "14-10-2025",
            "docdata": {**docdata, **(extra or {})}}  # fmt: skip
    return json.dumps({"chksum": "x", "data": body} if envelope else body).encode()


# -- the Excel download ----------------------------------------------------------------------------

B2B_GROUPS = [
    ("GSTIN of supplier", None),
    ("Trade/Legal name", None),
    ("Invoice details", ["Invoice number", "Invoice type", "Invoice Date", "Invoice Value(₹)"]),
    ("Place of supply", None),
    ("Supply Attract Reverse Charge", None),
    ("Rate(%)", None),
    ("Taxable Value (₹)", None),
    ("Tax Amount", ["Integrated Tax(₹)", "Central Tax(₹)", "State/UT Tax(₹)", "Cess(₹)"]),
    ("GSTR-1/IFF/GSTR-5 Period", None),
    ("GSTR-1/IFF/GSTR-5 Filing Date", None),
    ("ITC Availability", None),
    ("Reason", None),
    ("Applicable % of Tax Rate", None),
    ("Source", None),
    ("IRN", None),
    ("IRN Date", None),
]
CDNR_GROUPS = [
    ("GSTIN of Supplier", None),
    ("Trade/Legal name", None),
    (
        "Credit note/Debit note details",
        ["Note number", "Note type", "Note Supply type", "Note date", "Note Value (₹)"],
    ),
    ("Place of supply", None),
    ("Supply Attract Reverse Charge", None),
    ("Rate(%)", None),
    ("Taxable Value (₹)", None),
    ("Tax Amount", ["Integrated Tax(₹)", "Central Tax(₹)", "State/UT Tax(₹)", "Cess(₹)"]),
    ("GSTR-1/IFF/GSTR-5 Period", None),
    ("GSTR-1/IFF/GSTR-5 Filing Date", None),
    ("ITC Availability", None),
    ("Reason", None),
    ("Applicable % of Tax Rate", None),
]


def _headings(
    ws: Worksheet, top: int, groups: Sequence[tuple[str, list[str] | None]], *, first_column: int = 1
) -> int:
    """Write two heading rows from row ``top``; groups merged across their columns, single headings
    down both rows. The number of columns written."""
    column = first_column
    for title, parts in groups:
        ws.cell(top, column, title)
        if parts is None:
            ws.merge_cells(start_row=top, start_column=column, end_row=top + 1, end_column=column)
            column += 1
        else:
            ws.merge_cells(
                start_row=top, start_column=column, end_row=top, end_column=column + len(parts) - 1
            )
            for offset, part in enumerate(parts):
                ws.cell(top + 1, column + offset, part)
            column += len(parts)
    return column - first_column


def _rows(doc: Doc, notes: bool) -> list[list[Any]]:
    """One row per rate of ``doc``, in the sheet's column order."""
    out = []
    for item in doc["items"]:
        number = doc["ntnum"] if notes else doc["inum"]
        kind = ("Credit Note" if doc["typ"] == "C" else "Debit Note") if notes else "Regular"
        head = [
            doc["ctin"],
            doc["trdnm"],
            number,
            kind,
            *(["Regular"] if notes else []),
            doc["dt"],
            doc["val"],
            "Maharashtra",
            "No" if doc["rev"] == "N" else "Yes",
            item["rt"],
            item["txval"],
            item["igst"],
            item["cgst"],
            item["sgst"],
            item["cess"],
            "Aug-25",
            "11-10-2025",
            "Yes" if doc["itcavl"] == "Y" else "No",
            doc.get("rsn", ""),
            "",
        ]
        out.append(head)
    return out


def _section(ws: Worksheet, top: int, title: str, docs: Sequence[Doc], *, notes: bool) -> int:
    """A section (title, headings, rows) from row ``top``; the next free row."""
    ws.cell(top, 1, title)
    _headings(ws, top + 2, CDNR_GROUPS if notes else B2B_GROUPS)
    row = top + 4
    for doc in docs:
        for values in _rows(doc, notes):
            for column, value in enumerate(values, start=1):
                ws.cell(row, column, value)
            row += 1
    return row


def _b2ba(ws: Worksheet, docs: Sequence[Doc]) -> None:
    """B2BA: "Original details" (number, date) then "Revised details" over the B2B headings: three
    heading rows."""
    ws.cell(1, 1, "Amendments to previously uploaded invoices by supplier")
    ws.cell(4, 1, "Original details")
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=2)
    ws.cell(5, 1, "Invoice number")
    ws.cell(5, 2, "Invoice Date")
    ws.merge_cells(start_row=5, start_column=1, end_row=6, end_column=1)
    ws.merge_cells(start_row=5, start_column=2, end_row=6, end_column=2)
    width = _headings(ws, 5, B2B_GROUPS, first_column=3)
    ws.cell(4, 3, "Revised details")
    ws.merge_cells(start_row=4, start_column=3, end_row=4, end_column=2 + width)
    row = 7
    for doc in docs:
        for values in _rows(doc, notes=False):
            for column, value in enumerate([doc["oinum"], doc["oidt"], *values], start=1):
                ws.cell(row, column, value)
            row += 1


def portal_excel(docs: Sequence[Doc]) -> bytes:
    """The GSTR-2B Excel download holding ``docs``: Read me and ITC Available sheets (skipped by the
    reader), B2B, B2BA, B2B-CDNR."""
    wb = Workbook()
    readme = wb.active
    readme.title = "Read me"
    readme["A1"] = "Goods and Services Tax - GSTR-2B"
    readme["A3"], readme["B3"] = "GSTIN", COMPANY_GSTIN
    wb.create_sheet("ITC Available")["A1"] = "ITC Available"
    _section(wb.create_sheet("B2B"), 1, "Taxable inward supplies received from registered persons",
             [d for d in docs if d["section"] == "b2b"], notes=False)  # fmt: skip
    _b2ba(wb.create_sheet("B2BA"), [d for d in docs if d["section"] == "b2ba"])
    _section(wb.create_sheet("B2B-CDNR"), 1, "Debit/Credit notes (Original)",
             [d for d in docs if d["section"] == "cdnr"], notes=True)  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pasted_rows(docs: Sequence[Doc]) -> list[list[Any]]:
    """The B2B sheet and, below it, the B2B-CDNR sheet pasted into one sheet, as its rows of values
    (merged cells read as a value in their first cell, blanks elsewhere)."""
    wb = Workbook()
    ws = wb.active
    row = _section(ws, 1, "B2B", [d for d in docs if d["section"] == "b2b"], notes=False)
    _section(ws, row + 2, "B2B-CDNR", [d for d in docs if d["section"] == "cdnr"], notes=True)
    return [[c.value for c in r] for r in ws.iter_rows()]


def date_cell(text: str) -> dt.date:
    """A dd-mm-yyyy text as a date (a cell Excel holds as a date)."""
    return dt.datetime.strptime(text, "%d-%m-%Y").date()


# -- a GSTR-2B of a book's purchases ---------------------------------------------------------------


def reported(documents: Any, lines: Any, month: str) -> list[Doc]:
    """What the suppliers reported of the bills and notes dated in ``month`` ("2026-03") of a trade
    book's Purchases (:attr:`DocumentSet.documents` and ``lines``), one 2B document each, with the
    noise a real GSTR-2B has: the second document's number written otherwise, the third's taxable
    value ₹500 higher, the fourth not reported, and one bill the books lack."""
    docs: list[Doc] = []
    mine = documents[documents["date"].dt.strftime("%Y-%m") == month]
    for at, d in enumerate(mine.itertuples(index=False)):
        if at == 3:
            continue
        items = []
        for n, (rate, rows) in enumerate(lines[lines["doc"] == d.doc].groupby("rate", sort=True)):
            heads = {h: int(rows[h].sum()) / 100 for h in ("igst", "cgst", "sgst", "cess")}
            items.append({"num": n + 1, "rt": rate / 100, "txval": int(rows["taxable"].sum()) / 100, **heads})
        more = 500 if at == 2 else 0
        items[0]["txval"] += more
        taxable = int(d.taxable) / 100 + more
        number = d.number.replace("/", "-") if at == 1 else d.number
        totals = {h: int(getattr(d, h)) / 100 for h in ("igst", "cgst", "sgst", "cess")}
        doc: Doc = {
            "section": "b2b", "ctin": d.party_gstin, "trdnm": d.party_name.upper(), "inum": number,
            "typ": "R", "dt": f"{d.date:%d-%m-%Y}", "val": int(d.value) / 100, "pos": d.place_of_supply,
            "rev": "Y" if d.reverse_charge else "N", "itcavl": "Y", "rsn": "", "txval": taxable, **totals,
            "items": items,
        }  # fmt: skip
        docs.append(doc)
    extra = invoice(docs[0]["ctin"], "NEW/1", docs[0]["dt"], 12_345, trdnm=docs[0]["trdnm"])
    return [*docs, extra]
