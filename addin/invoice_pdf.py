"""The tax invoice as a PDF (``bahi invoice BOOK NUMBER --pdf FILE``), Hindi shaped as it should be.

**Library: fpdf2** (py-pdf/fpdf2, LGPL-3.0, pure Python, releases every few months) with its text
shaping through **uharfbuzz** (the HarfBuzz shaping engine's Python binding, wheels for every
platform). HarfBuzz is what browsers and LibreOffice shape Devanagari with: conjuncts
(क्ष in "क्षेत्र", त्र in "सत्रह"), the short-i matra drawn before its consonant, reph and nukta
come out right, which a PDF writer placing one glyph per character gets wrong. Both install from
PyPI as wheels (a few MB together, fontTools included). WeasyPrint shapes as well but needs
Pango and its C libraries from the system, and lays out HTML — far more than one page of cells
needs; ReportLab's shaping is newer and optional.

**Font: Lohit Devanagari** (Debian's ``fonts-lohit-deva``, already a system dependency so that
LibreOffice prints the sheets' Hindi: ``.ci/system-deps``). It has Latin letters, digits and the
rupee sign as well, so one font prints the whole invoice. Another font can be named with the
``BAHI_PDF_FONT`` environment variable (a .ttf with Devanagari, e.g. Windows' Nirmala UI); bold is
drawn by stroking the letters (Lohit has no bold face).

The page prints what the Invoice sheet shows (:mod:`addin.macros.invoice_sheet`), from the same
engine values (:mod:`addin.engine.trade.invoice`): one layout, two media.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextMode

from addin.books.base import BookError
from addin.engine.money import format_inr
from addin.engine.trade.invoice import (
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
from addin.macros.invoice_sheet import DESCRIPTION_WIDTH, DRAFT, WIDTHS, document_lines, party_lines

FONT_PATHS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf",  # Debian/Ubuntu fonts-lohit-deva
    "/usr/share/fonts/lohit-devanagari/Lohit-Devanagari.ttf",  # Fedora
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",  # fonts-noto-core
    "C:/Windows/Fonts/Nirmala.ttf",  # Windows 8 and later
    "/System/Library/Fonts/Supplemental/DevanagariMT.ttc",  # macOS (a collection: tried last)
)
"""Where a font with Devanagari, Latin and ₹ is looked for (``BAHI_PDF_FONT`` first)."""

FONT = "invoice"
MARGIN = 12.0  # mm
BODY, SMALL, TITLE = 8.5, 7.0, 13.0  # points
LINE = 4.6  # mm a line of body text


def invoice_font() -> Path:
    """The font file to print with: ``BAHI_PDF_FONT``, else the first of :data:`FONT_PATHS` there.

    Raises the bilingual :class:`BookError` (with the fix) when there is none.
    """
    named = os.environ.get("BAHI_PDF_FONT", "")
    for candidate in (named, *FONT_PATHS):
        if candidate and Path(candidate).is_file() and not candidate.endswith(".ttc"):
            return Path(candidate)
    raise BookError(
        "No font with Hindi letters was found to print the invoice PDF.",
        "बीजक की PDF छापने के लिए हिंदी अक्षरों वाला कोई फ़ॉन्ट नहीं मिला।",
        fix_en="Install fonts-lohit-deva (Debian/Ubuntu), or set BAHI_PDF_FONT to a .ttf with Devanagari.",
        fix_hi="fonts-lohit-deva स्थापित करें (Debian/Ubuntu), या BAHI_PDF_FONT में देवनागरी वाली .ttf दें।",
    )


def shown(kind: str, value: Printed) -> str:
    """A printed value as text: amounts and quantities lakh-grouped with two decimals, rates with %.

    >>> shown("money", 1_05_459_20), shown("qty", 21400), shown("percent", 900), shown("text", "Cement")
    ('1,05,459.20', '214.00', '9.00%', 'Cement')
    """
    if value is None:
        return ""
    if isinstance(value, str) or kind in ("text", "int"):
        return str(value)
    if kind == "percent":
        return f"{value / 100:.2f}%"
    return format_inr(value)


class InvoicePdf(FPDF):
    """An A4 portrait page with the invoice font, shaped by HarfBuzz."""

    def __init__(self, font: Path) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.add_font(FONT, fname=str(font))
        self.set_text_shaping(use_shaping_engine=True)
        self.set_font(FONT, size=BODY)
        self.set_line_width(0.2)

    def text_line(self, text: str, *, size: float = BODY, bold: bool = False, x: float | None = None) -> None:
        """One line of text at the left margin (or at ``x``), moving down a line."""
        self.set_font(FONT, size=size)
        if x is not None:
            self.set_x(x)
        with strong(self, bold):
            self.cell(0, LINE * size / BODY, text, new_x="LMARGIN", new_y="NEXT")


def write_invoice_pdf(invoice: TaxInvoice, path: Path) -> None:
    """Print ``invoice`` to the PDF file ``path`` (replacing it)."""
    pdf = InvoicePdf(invoice_font())
    pdf.set_title(f"{invoice.title[0]} {invoice.number}")
    pdf.set_creator("Bahi")
    pdf.add_page()
    en, hi = invoice.title
    pdf.text_line(f"{en.upper()} / {hi}", size=TITLE, bold=True)
    if not invoice.ok:
        pdf.set_text_color(180, 0, 0)
        pdf.text_line(DRAFT, size=SMALL)
        pdf.set_text_color(0, 0, 0)
    supplier = party_lines(invoice.supplier)
    pdf.text_line(supplier[0], bold=True)
    for line in supplier[1:]:
        pdf.text_line(line)
    pdf.ln(2)
    half = MARGIN + (pdf.w - 2 * MARGIN) / 2
    for left, right in document_lines(invoice):
        _pair(pdf, left, right, half)
    pdf.ln(2)
    _pair(pdf, "Bill to / प्राप्तकर्ता", "Ship to / वितरण पता", half, bold=True)
    recipient = party_lines(invoice.recipient)
    for i, line in enumerate(recipient):
        _pair(pdf, line, line if i < 2 else "", half)
    pdf.ln(3)
    columns = line_columns(invoice)
    widths = _widths(columns, pdf.w - 2 * MARGIN)
    _row(pdf, columns, widths, [c.en for c in columns], bold=True, border="LTR", align_all="C")
    _row(pdf, columns, widths, [c.hi for c in columns], bold=True, border="LBR", align_all="C")
    for cells in line_cells(invoice):
        _row(pdf, columns, widths, [shown(c.kind, v) for c, v in zip(columns, cells, strict=True)])
    total = total_cells(invoice)
    _row(pdf, columns, widths, [shown(c.kind, v) for c, v in zip(columns, total, strict=True)], bold=True)
    pdf.ln(3)
    pdf.text_line("Tax breakup / कर विवरण", bold=True)
    breakup = breakup_columns(invoice)  # its own headings: its last column is the tax alone
    _row(pdf, columns, widths, [c.en for c in breakup], bold=True, border=0, align_all="C")
    _row(pdf, columns, widths, [c.hi for c in breakup], bold=True, border="B", align_all="C")
    for cells in tax_breakup(invoice):
        _row(pdf, columns, widths, [shown(c.kind, v) for c, v in zip(columns, cells, strict=True)], border=0)
    pdf.ln(2)
    summary = summary_lines(invoice)
    label_x = MARGIN + sum(widths[:-1]) - 70
    for n, (label, paise) in enumerate(summary):
        last = n == len(summary) - 1
        pdf.set_x(label_x)
        line = "T" if last else 0
        with strong(pdf, last):
            pdf.cell(70, LINE, label, border=line)
            amount = format_inr(paise)
            pdf.cell(widths[-1], LINE, amount, border=line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.text_line("Amount in words / राशि शब्दों में", bold=True)
    pdf.text_line(invoice.words_en)
    pdf.text_line(invoice.words_hi)
    pdf.ln(10)
    company = invoice.supplier.name
    pdf.text_line(f"For {company} / कृते {company}", bold=True, x=half)
    pdf.ln(12)
    pdf.text_line("Authorised signatory / अधिकृत हस्ताक्षरकर्ता", x=half)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    pdf.output(str(temp))
    temp.replace(path)


def strong(pdf: FPDF, bold: bool) -> AbstractContextManager[object]:
    """Text drawn bold (filled and stroked: the font has no bold face) inside, when ``bold``."""
    if not bold:
        return nullcontext()
    return pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.15)


def _pair(pdf: FPDF, left: str, right: str, half: float, *, bold: bool = False) -> None:
    with strong(pdf, bold):
        pdf.cell(half - MARGIN, LINE, left)
        pdf.cell(0, LINE, right, new_x="LMARGIN", new_y="NEXT")


def _widths(columns: Sequence[PrintedColumn], room: float) -> list[float]:
    """Each column's width in mm: the sheet's widths, scaled to the page."""
    units = [DESCRIPTION_WIDTH if i == 1 else WIDTHS[c.kind] for i, c in enumerate(columns)]
    return [room * u / sum(units) for u in units]


def _row(
    pdf: FPDF,
    columns: Sequence[PrintedColumn],
    widths: Sequence[float],
    texts: Sequence[str],
    *,
    bold: bool = False,
    border: int | str = 1,
    align_all: str | None = None,
) -> None:
    """One row of the lines table; numbers right-aligned, text left."""
    pdf.set_font(FONT, size=SMALL)
    with strong(pdf, bold):
        for column, width, text in zip(columns, widths, texts, strict=True):
            align = align_all or ("L" if column.kind == "text" else "R")
            pdf.cell(width, LINE, text, border=border, align=align)
    pdf.ln(LINE)
    pdf.set_font(FONT, size=BODY)
