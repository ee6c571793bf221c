"""The Invoice sheet: one sales document as a print-ready tax invoice (A4 portrait).

Every particular CGST rule 46 asks for, laid out as the engine prints them
(:mod:`addin.engine.trade.invoice`: the supplier and the recipient with GSTIN and state, number
and date, place of supply, reverse charge Yes/No, lines with HSN, quantity, unit, rate, discount,
taxable value, CGST and SGST or IGST rate and amount, the tax breakup by rate under headings of its
own (its last column is "Total tax ₹", the lines' is "Total ₹" with tax), the totals with
the round off, the amount in words in English and Hindi, and a signature block). Amounts are
numbers in the lakh-grouped :data:`~addin.engine.money.INR_FORMAT`; quantities with two decimals;
rates as "9.00%". The PDF of ``bahi invoice --pdf`` prints the same content
(:mod:`addin.invoice_pdf`).
"""

from __future__ import annotations

from addin.books.base import HIGHLIGHT_ERROR, CellValue, OwnedSheet
from addin.engine.money import INR_FORMAT, to_rupees
from addin.engine.schema import INVOICE_SHEET
from addin.engine.trade.invoice import (
    Party,
    Printed,
    PrintedColumn,
    TaxInvoice,
    breakup_columns,
    line_cells,
    line_columns,
    summary_lines,
    tax_breakup,
    total_cells,
)

QTY_FORMAT = "#,##0.00"
PERCENT_FORMAT = '0.00"%"'
FORMATS: dict[str, str] = {"money": INR_FORMAT, "qty": QTY_FORMAT, "percent": PERCENT_FORMAT, "int": "0"}
WIDTHS: dict[str, float] = {"int": 4, "text": 9, "qty": 9, "money": 12.5, "percent": 7.5}
DESCRIPTION_WIDTH = 30.0
DRAFT = "DRAFT: this document has errors, see the Issues sheet / प्रारूप: इस दस्तावेज़ में त्रुटियाँ हैं, Issues शीट देखें"


def printed_value(kind: str, value: Printed) -> CellValue:
    """A printed value as a cell: paise as rupees, hundredths of a unit and basis points as numbers.

    >>> printed_value("money", 1_180_00), printed_value("qty", 250), printed_value("percent", 900)
    (1180.0, 2.5, 9.0)
    """
    if value is None or isinstance(value, str) or kind in ("text", "int"):
        return value
    return to_rupees(value) if kind == "money" else value / 100


def party_lines(party: Party) -> list[str]:
    """Name, address, and GSTIN with the state (name and code), as printed for either party.

    >>> party_lines(Party("Patel Hardware", "Ahmedabad", "24AAKFP7734Q1ZH", "24"))
    ['Patel Hardware', 'Ahmedabad', 'GSTIN: 24AAKFP7734Q1ZH · State / राज्य: Gujarat (24)']
    """
    state = f"State / राज्य: {party.state_name} ({party.state})" if party.state else ""
    gstin = f"GSTIN: {party.gstin}" if party.registered else "Unregistered / अपंजीकृत"
    return [party.name, party.address, " · ".join(p for p in (gstin, state) if p)]


def document_lines(invoice: TaxInvoice) -> list[tuple[str, str]]:
    """The invoice's own particulars, as pairs for the left and the right of the page."""
    day = f"{invoice.date:%d/%m/%Y}" if invoice.date else ""
    title = invoice.title[0].replace("Tax ", "")
    pairs = [
        (f"{title} No. / संख्या: {invoice.number}", f"Date / दिनांक: {day}"),
        (
            f"Place of supply / आपूर्ति स्थान: {invoice.place_label}",
            "Reverse charge / रिवर्स चार्ज: " + ("Yes / हाँ" if invoice.reverse_charge else "No / नहीं"),
        ),
    ]
    if invoice.against:
        pairs.append((f"Against invoice / मूल बीजक: {invoice.against}", ""))
    return pairs


def invoice_sheet(invoice: TaxInvoice) -> OwnedSheet:
    """The Invoice sheet of ``invoice`` (see the module)."""
    columns = line_columns(invoice)
    width = len(columns)
    right = next(i for i, c in enumerate(columns) if c.en.startswith("Taxable"))  # the right-hand block
    last = width - 1
    rows: list[list[CellValue]] = []
    bold: set[int] = set()
    fills: dict[tuple[int, int], str] = {}

    def add(cells: dict[int, CellValue], *, strong: bool = False) -> None:
        if strong:
            bold.add(len(rows))
        rows.append([cells.get(c) for c in range(max(cells, default=-1) + 1)])

    en, hi = invoice.title
    add({0: f"{en.upper()} / {hi}"}, strong=True)
    if not invoice.ok:
        fills[(len(rows), 0)] = HIGHLIGHT_ERROR
        add({0: DRAFT})
    supplier = party_lines(invoice.supplier)
    add({1: supplier[0]}, strong=True)
    for line in supplier[1:]:
        add({1: line})
    add({})
    for left, other in document_lines(invoice):
        add({1: left, right: other})
    add({})
    add({1: "Bill to / प्राप्तकर्ता", right: "Ship to / वितरण पता"}, strong=True)
    recipient = party_lines(invoice.recipient)
    for i, line in enumerate(recipient):
        add({1: line, right: line if i < 2 else ""})
    add({})
    add({i: c.en for i, c in enumerate(columns)}, strong=True)
    add({i: c.hi for i, c in enumerate(columns)}, strong=True)
    for cells in line_cells(invoice):
        add(_printed(columns, cells))
    add(_printed(columns, total_cells(invoice)), strong=True)
    add({})
    add({1: "Tax breakup / कर विवरण"}, strong=True)
    breakup = breakup_columns(invoice)  # its own headings: its last column is the tax alone
    add({i: c.en for i, c in enumerate(breakup) if c.en}, strong=True)
    add({i: c.hi for i, c in enumerate(breakup) if c.hi}, strong=True)
    for cells in tax_breakup(invoice):
        add(_printed(columns, cells))
    add({})
    summary = summary_lines(invoice)
    for n, (label, paise) in enumerate(summary):
        add({1: label, last: to_rupees(paise)}, strong=n == len(summary) - 1)
    add({})
    add({1: "Amount in words / राशि शब्दों में"}, strong=True)
    add({1: invoice.words_en})
    add({1: invoice.words_hi})
    add({})
    company = invoice.supplier.name
    add({right: f"For {company} / कृते {company}"}, strong=True)
    add({})
    add({})
    add({right: "Authorised signatory / अधिकृत हस्ताक्षरकर्ता"})
    widths = {i: WIDTHS[c.kind] for i, c in enumerate(columns)}
    widths[1] = DESCRIPTION_WIDTH
    return OwnedSheet(
        name=INVOICE_SHEET,
        rows=rows,
        header_rows=0,
        number_formats={i: FORMATS[c.kind] for i, c in enumerate(columns) if c.kind in FORMATS},
        widths=widths,
        bold_rows=frozenset(bold),
        fills=fills,
        portrait=True,
    )


def _printed(columns: tuple[PrintedColumn, ...], cells: list[Printed]) -> dict[int, CellValue]:
    return {i: printed_value(c.kind, v) for i, (c, v) in enumerate(zip(columns, cells, strict=True))}
