"""One sales document as a printable tax invoice: every particular CGST rule 46 asks for.

CGST Rules 2017, rule 46 (as amended; text at https://www.gstzen.in/a/tax-invoice-cgst-rule-46.html)
lists what a tax invoice carries; :class:`TaxInvoice` holds each, and the sheet and the PDF print
them all:

===========  ===================================================================================
46(a)        supplier's name, address and GSTIN — Settings: Company, Company Address, Company GSTIN
46(b), (c)   the invoice's number (at most 16 characters, unique in the year: checked by
             :mod:`.invoice_rules`) and date
46(d)–(f)    recipient's name, address and GSTIN, with the state's name and code (always printed,
             so an unregistered recipient's invoice of ₹50,000 or more has them too)
46(g)–(i)    per line: HSN/SAC, description (the item's name), quantity and unit (UQC)
46(j), (k)   total value, and the taxable value after discount
46(l), (m)   rate and amount of CGST and SGST, or of IGST
46(n)        place of supply with the state's name
46(o)        address of delivery: the recipient's address (the Sales table keeps no other)
46(p)        whether tax is payable on reverse charge: Yes / No
46(q)        signature of the supplier or an authorised signatory: a signature block
===========  ===================================================================================

Besides: the round off and the invoice value in words, in English and in Hindi
(:func:`~addin.engine.words.amount_in_words`). A credit or debit note is printed the same way with
its title and the invoice it refers to (rule 53).

>>> docs = pd.DataFrame({"doc": [0, 1], "number": ["SGT/1", "sgt/2"]})
>>> lines = pd.DataFrame({"doc": [0, 0, 0, 1], "row": [2, 3, 4, 5]})
>>> find_document(docs, lines, number="SGT/2"), find_document(docs, lines, row=4)
(1, 0)
>>> find_document(docs, lines, number="X"), find_document(docs, lines, row=9)
(None, None)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.cells import fold
from addin.engine.identifiers.gstin import STATES
from addin.engine.trade.book import TradeBook
from addin.engine.trade.documents import KIND_NAMES
from addin.engine.trade.states import state_label
from addin.engine.words import amount_in_words

TITLES: dict[str, tuple[str, str]] = {
    "invoice": ("Tax Invoice", "कर बीजक"),
    "credit-note": ("Credit Note", "क्रेडिट नोट"),
    "debit-note": ("Debit Note", "डेबिट नोट"),
}
"""A sales document's printed title, English and Hindi, by kind."""


@dataclass(frozen=True)
class Party:
    """A supplier or recipient as the invoice prints it."""

    name: str
    address: str
    gstin: str
    state: str  # two-digit code ("" when unknown)

    @property
    def state_name(self) -> str:
        return STATES.get(self.state, "")

    @property
    def registered(self) -> bool:
        return bool(self.gstin)


@dataclass(frozen=True)
class InvoiceLine:
    """One line: amounts in paise, ``qty`` in hundredths of a unit, ``rate`` in basis points."""

    item: str
    description: str
    hsn: str
    qty: int
    unit: str
    price: int
    discount: int
    taxable: int
    rate: int
    cgst: int
    sgst: int
    igst: int


@dataclass(frozen=True)
class TaxInvoice:
    """A sales document with everything rule 46 asks for (see the module); amounts in paise."""

    kind: str  # "invoice", "credit-note" or "debit-note"
    number: str
    date: dt.date | None
    supplier: Party
    recipient: Party
    place_of_supply: str  # two-digit state code
    reverse_charge: bool
    intra: bool  # CGST + SGST (True) or IGST
    against: str  # the invoice a note refers to
    lines: tuple[InvoiceLine, ...]
    taxable: int
    cgst: int
    sgst: int
    igst: int
    round_off: int
    value: int
    sheet: str
    row: int  # the document's first row on the Sales sheet
    ok: bool  # False: the document has errors (see the Issues sheet) and is not posted

    @property
    def title(self) -> tuple[str, str]:
        return TITLES.get(self.kind, (KIND_NAMES.get(self.kind, self.kind), ""))

    @property
    def tax(self) -> int:
        return self.cgst + self.sgst + self.igst

    @property
    def place_label(self) -> str:
        """ "27-Maharashtra" """
        return state_label(self.place_of_supply)

    @property
    def words_en(self) -> str:
        return amount_in_words(self.value, "en")

    @property
    def words_hi(self) -> str:
        return amount_in_words(self.value, "hi")


def find_document(
    documents: pd.DataFrame, lines: pd.DataFrame, *, number: str | None = None, row: int | None = None
) -> int | None:
    """The ``doc`` of the document numbered ``number`` (any case; the last one when the number
    repeats across years), or of the document that has a line on sheet row ``row``."""
    if number is not None:
        wanted = fold(number)
        found = np.flatnonzero([fold(str(n)) == wanted for n in documents["number"].tolist()])
        return int(documents["doc"].iloc[found[-1]]) if len(found) else None
    if row is not None:
        found = np.flatnonzero(lines["row"].to_numpy(dtype=np.int64) == row)
        return int(lines["doc"].iloc[found[0]]) if len(found) else None
    return None


def tax_invoice(book: TradeBook, *, number: str | None = None, row: int | None = None) -> TaxInvoice | None:
    """The sales document numbered ``number`` (or standing at Sales row ``row``) as a tax invoice;
    None when there is no such document."""
    documents = book.sales.documents
    doc = find_document(documents, book.sales.lines, number=number, row=row)
    if doc is None:
        return None
    head: dict[Any, Any] = documents[documents["doc"] == doc].to_dict("records")[0]
    lines = book.sales.lines[book.sales.lines["doc"] == doc]
    items = book.items.drop_duplicates("code").set_index("code")["name"]
    parties = book.parties.drop_duplicates("code").set_index("code")
    code = str(head["party"])
    known = code in parties.index
    recipient = Party(
        name=str(head["party_name"]) or code,
        address=str(parties.at[code, "address"]) if known else "",
        gstin=str(head["party_gstin"]),
        state=str(parties.at[code, "state"]) if known else "",
    )
    settings = book.settings
    supplier = Party(
        name=book.ledger.settings.company,
        address=settings.company_address,
        gstin=settings.company_gstin,
        state=settings.company_state,
    )
    records: list[dict[Any, Any]] = lines.to_dict("records")
    amounts = ("qty", "price", "discount", "taxable", "rate", "cgst", "sgst", "igst")
    printed = tuple(
        InvoiceLine(
            item=str(line["item"]),
            description=str(items.get(line["item"], line["item"])),
            hsn=str(line["hsn"]),
            unit=str(line["unit"]),
            **{f: int(line[f]) for f in amounts},
        )
        for line in records
    )
    return TaxInvoice(
        kind=str(head["doc_kind"]),
        number=str(head["number"]),
        date=None if pd.isna(head["date"]) else pd.Timestamp(head["date"]).date(),
        supplier=supplier,
        recipient=recipient,
        place_of_supply=str(head["place_of_supply"]),
        reverse_charge=bool(head["reverse_charge"]),
        intra=bool(head["intra"]),
        against=str(head["against"]),
        lines=printed,
        taxable=int(head["taxable"]),
        cgst=int(head["cgst"]),
        sgst=int(head["sgst"]),
        igst=int(head["igst"]),
        round_off=int(head["round_off"]),
        value=int(head["value"]),
        sheet=book.sales.where.sheet,
        row=int(head["row"]),
        ok=bool(head["ok"]),
    )


# --- what is printed: one table of lines, a tax breakup, the totals -------------------------------


@dataclass(frozen=True)
class PrintedColumn:
    """A column of the printed lines: headings, and how its values read (``kind``: "text", "int",
    "qty" hundredths of a unit, "money" paise, "percent" basis points)."""

    en: str
    hi: str
    kind: str


Printed = int | str | None


def line_columns(invoice: TaxInvoice) -> tuple[PrintedColumn, ...]:
    """The columns of the lines table: CGST and SGST (half the rate each) or IGST; a Discount
    column only when a line has a discount."""
    taxes = (
        (
            PrintedColumn("CGST %", "दर", "percent"),
            PrintedColumn("CGST ₹", "सीजीएसटी", "money"),
            PrintedColumn("SGST %", "दर", "percent"),
            PrintedColumn("SGST ₹", "एसजीएसटी", "money"),
        )
        if invoice.intra
        else (PrintedColumn("IGST %", "दर", "percent"), PrintedColumn("IGST ₹", "आईजीएसटी", "money"))
    )
    discount = (PrintedColumn("Discount ₹", "छूट", "money"),) if any(x.discount for x in invoice.lines) else ()
    return (
        PrintedColumn("No.", "क्र.", "int"),
        PrintedColumn("Description", "विवरण", "text"),
        PrintedColumn("HSN/SAC", "एचएसएन", "text"),
        PrintedColumn("Qty", "मात्रा", "qty"),
        PrintedColumn("Unit", "इकाई", "text"),
        PrintedColumn("Rate ₹", "दर", "money"),
        *discount,
        PrintedColumn("Taxable ₹", "कर योग्य", "money"),
        *taxes,
        PrintedColumn("Total ₹", "कुल", "money"),
    )


def _taxes(invoice: TaxInvoice, rate: int, cgst: int, sgst: int, igst: int) -> list[Printed]:
    return [rate // 2, cgst, rate - rate // 2, sgst] if invoice.intra else [rate, igst]


def _charged(invoice: TaxInvoice, taxable: int, tax: int) -> int:
    """A line's or the invoice's total before round off: the tax is not charged on reverse charge."""
    return taxable if invoice.reverse_charge else taxable + tax


def line_cells(invoice: TaxInvoice) -> list[list[Printed]]:
    """One row of values a line, in :func:`line_columns` order."""
    discount = any(x.discount for x in invoice.lines)
    return [
        [
            n,
            line.description,
            line.hsn,
            line.qty,
            line.unit,
            line.price,
            *([line.discount] if discount else []),
            line.taxable,
            *_taxes(invoice, line.rate, line.cgst, line.sgst, line.igst),
            _charged(invoice, line.taxable, line.cgst + line.sgst + line.igst),
        ]
        for n, line in enumerate(invoice.lines, start=1)
    ]


def total_cells(invoice: TaxInvoice) -> list[Printed]:
    """The lines' total row, in :func:`line_columns` order (rates left blank)."""
    discount = any(x.discount for x in invoice.lines)
    taxes: list[Printed] = [None, invoice.cgst, None, invoice.sgst] if invoice.intra else [None, invoice.igst]
    return [
        None,
        "Total / योग",
        None,
        None,
        None,
        None,
        *([sum(x.discount for x in invoice.lines)] if discount else []),
        invoice.taxable,
        *taxes,
        _charged(invoice, invoice.taxable, invoice.tax),
    ]


def breakup_columns(invoice: TaxInvoice) -> tuple[PrintedColumn, ...]:
    """The headings of the tax breakup, column by column as :func:`line_columns`: the rate under
    Description, the taxable value and the taxes under theirs, and "Total tax ₹" where the lines
    have "Total ₹" (a line's value with tax; the breakup's last column is the tax alone). Columns the
    breakup leaves empty have no heading."""

    def heading(column: PrintedColumn) -> PrintedColumn:
        if column.en == "Description":
            return PrintedColumn("GST rate", "जीएसटी दर", "text")
        if column.en == "Total ₹":
            return PrintedColumn("Total tax ₹", "कुल कर", "money")
        if column.en.startswith(("Taxable", "CGST", "SGST", "IGST")):
            return column
        return PrintedColumn("", "", column.kind)

    return tuple(heading(c) for c in line_columns(invoice))


def tax_breakup(invoice: TaxInvoice) -> list[list[Printed]]:
    """Taxable value and tax per GST rate, laid out as :func:`line_columns` (label in Description,
    the amounts under Taxable and the taxes' columns, the tax alone in the last: its heading is
    :func:`breakup_columns`'s "Total tax ₹")."""
    discount = any(x.discount for x in invoice.lines)
    by_rate: dict[int, list[int]] = {}
    for line in invoice.lines:
        sums = by_rate.setdefault(line.rate, [0, 0, 0, 0])
        for i, value in enumerate((line.taxable, line.cgst, line.sgst, line.igst)):
            sums[i] += value
    rows = []
    for rate, (taxable, cgst, sgst, igst) in sorted(by_rate.items()):
        label = f"GST {rate / 100:g}% / जीएसटी {rate / 100:g}%"
        rows.append(
            [
                None,
                label,
                None,
                None,
                None,
                None,
                *([None] if discount else []),
                taxable,
                *_taxes(invoice, rate, cgst, sgst, igst),
                cgst + sgst + igst,
            ]
        )
    return rows


def summary_lines(invoice: TaxInvoice) -> list[tuple[str, int]]:
    """The totals as printed, label (English / Hindi) and paise, never negative: the taxable value,
    each tax, the round off (added or less), the value."""
    taxes = (
        [("CGST / सीजीएसटी", invoice.cgst), ("SGST / एसजीएसटी", invoice.sgst)]
        if invoice.intra
        else [("IGST / आईजीएसटी", invoice.igst)]
    )
    lines = [("Taxable value / कर योग्य मूल्य", invoice.taxable)]
    if invoice.reverse_charge:
        lines.append(
            (
                "Tax payable by the recipient on reverse charge / रिवर्स चार्ज पर प्राप्तकर्ता द्वारा देय कर",
                invoice.tax,
            )
        )
    else:
        lines += taxes
    if invoice.round_off:
        label = (
            "Round off, added / पूर्णांकन, जोड़ा"
            if invoice.round_off > 0
            else "Round off, less / पूर्णांकन, घटाया"
        )
        lines.append((label, abs(invoice.round_off)))
    title = "Invoice value / बीजक मूल्य" if invoice.kind == "invoice" else "Note value / नोट मूल्य"
    lines.append((title, invoice.value))
    return lines
