"""The sheets GST Returns and GSTR-2B Reconcile write: "GST Summary" and "GSTR-2B Reconciliation".

Both follow :mod:`addin.macros.sheets`: a title row (company, report, financial year, period),
bilingual headings, frozen and repeated on every printed page; amounts as numbers of rupees in the
lakh-grouped :data:`~addin.engine.money.INR_FORMAT`, never with a minus — a figure that nets below
nil (credit notes above the sales of a state and rate) is written as its size with the row saying
it is a reduction, and a balance (tax payable or credit carried forward; which side holds more ITC)
as an amount with its side. Dates are dd/mm/yyyy; the Row column links to the Purchases row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from addin.books.base import DATE_FORMAT, HIGHLIGHT_ERROR, HIGHLIGHT_WARNING, CellValue, OwnedSheet
from addin.engine.cells import quote_sheet
from addin.engine.gst_returns.gstr1 import DOCUMENT_NATURES, Gstr1
from addin.engine.gst_returns.gstr2b_match import (
    BOOKS_ONLY,
    MATCHED,
    MISMATCHED,
    PORTAL_ONLY,
    STATUS_LABELS,
    Gstr2bReconciliation,
)
from addin.engine.gst_returns.gstr3b import Gstr3b, gstr1_to_3_1_a
from addin.engine.gst_returns.set_off import tax_payment
from addin.engine.ledger import Settings
from addin.engine.money import CR, DR, INR_FORMAT, format_inr, to_rupees
from addin.engine.schema import GST_SUMMARY_SHEET, GSTR2B_RECONCILIATION_SHEET, GSTR2B_SHEET, PURCHASES
from addin.engine.trade.states import state_label
from addin.engine.trade.values import format_percent
from addin.macros.sheets import _title

REDUCTION = " — a reduction: credit notes exceed / कमी: क्रेडिट नोट अधिक"

DOCUMENT_NATURES_HI: dict[str, str] = {
    "invoice": "बाह्य आपूर्ति के बीजक",
    "debit-note": "डेबिट नोट",
    "credit-note": "क्रेडिट नोट",
}
"""Table 13's document kinds in Hindi, beside the portal's English names
(:data:`~addin.engine.gst_returns.gstr1.DOCUMENT_NATURES`): the row's Table cell holds "13" like
the other tables' numbers, the kind is named whole in the wrapped Description."""

SUMMARY_HEADINGS: tuple[str, ...] = (
    "Table / तालिका",
    "Description / विवरण",
    "Documents / दस्तावेज़",
    "Taxable value / कर योग्य मूल्य",
    "IGST / आईजीएसटी",
    "CGST / सीजीएसटी",
    "SGST / एसजीएसटी",
    "Cess / उपकर",
)
_AMOUNT_COLUMNS = (3, 4, 5, 6, 7)


class _Rows:
    """Rows being built, with the bold rows and fills."""

    def __init__(self, title: list[CellValue], headings: Sequence[str]) -> None:
        self.rows: list[list[CellValue]] = [title, list(headings)]
        self.bold: set[int] = {0, 1}
        self.fills: dict[tuple[int, int], str] = {}
        self.links: dict[tuple[int, int], str] = {}
        self.width = len(headings)

    def section(self, text: str) -> None:
        self.rows.append([""] * self.width)
        self.bold.add(len(self.rows))
        self.rows.append([text, *([""] * (self.width - 1))])

    def figures(self, table: str, description: str, count: CellValue, paise: Sequence[int]) -> None:
        """A row of amounts; when every amount is at or below nil (and one below), their sizes, the
        row saying it is a reduction (yellow)."""
        reduction = any(p < 0 for p in paise) and all(p <= 0 for p in paise)
        if reduction:
            description += REDUCTION
            self.fills.update({(len(self.rows), c): HIGHLIGHT_WARNING for c in range(self.width)})
        self.rows.append([table, description, count, *(_amount(abs(p)) for p in paise)])


def _amount(paise: int) -> float | None:
    return to_rupees(paise) if paise else None


def _sums(record: dict[str, Any] | pd.Series) -> list[int]:  # type: ignore[type-arg]
    return [int(record[f]) for f in ("taxable", "igst", "cgst", "sgst", "cess")]


def gst_summary_sheet(gstr1: Gstr1, gstr3b: Gstr3b, settings: Settings) -> OwnedSheet:
    """The GST Summary sheet: GSTR-1 table by table, B2B by recipient, B2C small by state and rate,
    the HSN summary and the documents issued; GSTR-3B's tables 3.1 and 4; and the tax payable after
    input tax credit, head by head, with its side."""
    period = gstr1.period
    detail = f"{period.label_both} · GSTIN {gstr1.gstin}".strip()
    sheet = _Rows(_title(settings, "GST Summary / जीएसटी सारांश", detail), SUMMARY_HEADINGS)
    sheet.section("GSTR-1: outward supplies / जीएसटीआर-1: बाह्य आपूर्ति")
    for row in gstr1.tables():
        sheet.figures(row["table"], row["description"], row["count"], _sums(row))
    recipients = gstr1.recipients()
    if len(recipients):
        sheet.section("B2B by recipient (table 4A) / प्राप्तकर्ता अनुसार बी2बी")
        for r in recipients.to_dict("records"):
            sheet.figures(r["ctin"], r["party_name"], r["count"], _sums(r))
    if len(gstr1.b2cs):
        sheet.section("B2C small by place of supply and rate (table 7) / अपंजीकृत: राज्य और दर अनुसार")
        for r in gstr1.b2cs.to_dict("records"):
            kind = "within the state / राज्य के भीतर" if r["intra"] else "inter-state / अंतरराज्यीय"
            text = f"{state_label(r['pos'])} · {format_percent(r['rate'])}% · {kind}"  # a state's name whole
            sheet.figures("7", text, "", _sums(r))
    if len(gstr1.hsn):
        sheet.section("HSN summary (table 12) / एचएसएन सारांश")
        for r in gstr1.hsn.to_dict("records"):
            part = {"b2b": "B2B · ", "b2c": "B2C · "}.get(r["section"], "")
            quantity = "" if r["uqc"] == "NA" else f" · {format_inr(abs(int(r['qty'])))} {r['uqc']}"
            text = f"{part}{r['desc']}{quantity} · {format_percent(r['rate'])}%"
            sheet.figures(r["hsn"], text, "", _sums(r))
    if len(gstr1.docs):
        sheet.section("Documents issued (table 13) / जारी दस्तावेज़")
        names = dict(DOCUMENT_NATURES.values())
        for r in gstr1.docs.to_dict("records"):
            name = f"{names[r['nature']]} / {DOCUMENT_NATURES_HI[r['kind']]}"
            total, cancelled = r["total"], r["cancelled"]
            text = f"{name}: {r['first']} – {r['last']}; in the range {total}, cancelled {cancelled} / "
            text += f"सीमा में {total}, रद्द {cancelled}"
            sheet.rows.append(["13", text, r["issued"], None, None, None, None, None])
    sheet.section("GSTR-3B: tables 3.1 and 4 / जीएसटीआर-3बी: तालिका 3.1 और 4")
    for table, description, figures in gstr3b.rows():
        bold = table == "4 (C)"
        if bold:
            sheet.bold.add(len(sheet.rows))
        sheet.figures(table, description, "", list(figures.values()))
    _gstr1_to_3b(sheet, gstr1, gstr3b)
    _net_tax(sheet, gstr3b)
    return OwnedSheet(
        name=GST_SUMMARY_SHEET,
        rows=sheet.rows,
        header_rows=2,
        number_formats=dict.fromkeys(_AMOUNT_COLUMNS, INR_FORMAT),
        widths={0: 17, 1: 60, 2: 11, **dict.fromkeys(_AMOUNT_COLUMNS, 15.5)},
        bold_rows=frozenset(sheet.bold),
        fills=sheet.fills,
        wrap_columns=frozenset({1}),
    )


def _gstr1_to_3b(sheet: _Rows, gstr1: Gstr1, gstr3b: Gstr3b) -> None:
    """GSTR-1 reconciled to 3.1 (a) (:func:`~addin.engine.gst_returns.gstr3b.gstr1_to_3_1_a`): what is
    taken away is said ("Less") and written as its size; a document left out of GSTR-1 is named with
    why, in yellow."""
    sheet.section("GSTR-1 to GSTR-3B 3.1 (a) / जीएसटीआर-1 से जीएसटीआर-3बी 3.1 (क) मिलान")
    for table, description, figures in gstr1_to_3_1_a(gstr1, gstr3b):
        values = list(figures.values())
        less = any(v < 0 for v in values) and all(v <= 0 for v in values)
        text = f"Less / घटाएँ: {description}" if less else description
        if table.startswith("Sales row") or not table:
            sheet.fills.update({(len(sheet.rows), c): HIGHLIGHT_WARNING for c in range(sheet.width)})
        if table == "3.1 (a)":
            sheet.bold.add(len(sheet.rows))
        sheet.rows.append([table, text, "", *(_amount(abs(v)) for v in values)])


PAID_FROM = {
    "igst": "Paid from IGST credit / आईजीएसटी क्रेडिट से भुगतान",
    "cgst": "Paid from CGST credit / सीजीएसटी क्रेडिट से भुगतान",
    "sgst": "Paid from SGST credit / एसजीएसटी क्रेडिट से भुगतान",
    "cess": "Paid from cess credit / उपकर क्रेडिट से भुगतान",
}


def _net_tax(sheet: _Rows, gstr3b: Gstr3b) -> None:
    """Table 6.1: the tax of 3.1 (a) paid from net ITC (4 (C)) head by head as sections 49, 49A and
    49B allow (:func:`~addin.engine.gst_returns.set_off.set_off`), the reverse charge of 3.1 (d) in
    cash; what is payable in cash (a credit balance of the GST accounts) and the credit carried
    forward (a debit balance)."""
    paid = tax_payment(gstr3b)
    sheet.section("Tax payment (table 6.1) / कर भुगतान (तालिका 6.1)")
    sheet.figures("3.1 (a)", "Tax on outward supplies / बाह्य आपूर्ति पर कर", "",
                  list(gstr3b.outward_taxable.tax_only().values()))  # fmt: skip
    sheet.figures("3.1 (d)", "Reverse charge: in cash only (s. 49(4)) / रिवर्स चार्ज: केवल नकद", "",
                  list(gstr3b.inward_reverse_charge.tax_only().values()))  # fmt: skip
    for source, name in PAID_FROM.items():
        heads = [paid.used.get((source, head), 0) for head in ("igst", "cgst", "sgst", "cess")]
        if any(heads):
            sheet.figures("", name, "", [0, *heads])
    sheet.bold.add(len(sheet.rows))
    cash = [_amount(p) for p in paid.cash.values()[1:]]
    sheet.rows.append(["", f"Payable in cash ({CR}) / नकद देय (जमा)", "", None, *cash])
    sheet.rows.append(
        ["", f"Credit carried forward ({DR}) / आगे ले जाया गया क्रेडिट (नामे)", "", None,
         *(_amount(c) for c in paid.carried.values()[1:])]
    )  # fmt: skip
    sheet.rows.append(
        ["", "IGST credit first against IGST, then CGST and SGST; CGST credit against CGST then IGST, "
         "SGST credit against SGST then IGST, never CGST for SGST or SGST for CGST; reverse charge in "
         "cash / आईजीएसटी क्रेडिट पहले आईजीएसटी, फिर सीजीएसटी व एसजीएसटी; सीजीएसटी क्रेडिट सीजीएसटी फिर "
         "आईजीएसटी, एसजीएसटी क्रेडिट एसजीएसटी फिर आईजीएसटी, सीजीएसटी से एसजीएसटी या एसजीएसटी से सीजीएसटी "
         "कभी नहीं; रिवर्स चार्ज नकद में", "", None, None, None, None, None]
    )  # fmt: skip


# --- GSTR-2B reconciliation -------------------------------------------------------------------

RECONCILIATION_HEADINGS: tuple[str, ...] = (
    "Status / स्थिति",
    "Differences / अंतर",
    "Supplier GSTIN / आपूर्तिकर्ता जीएसटीआईएन",
    "Supplier / आपूर्तिकर्ता",
    "Type / प्रकार",
    "Number (books) / संख्या (बही)",
    "Number (2B) / संख्या (2बी)",
    "Date (books) / तिथि (बही)",
    "Date (2B) / तिथि (2बी)",
    "Taxable (books) / कर योग्य (बही)",
    "Taxable (2B) / कर योग्य (2बी)",
    "ITC (books) / आईटीसी (बही)",
    "ITC (2B) / आईटीसी (2बी)",
    "ITC difference / आईटीसी अंतर",
    "More in / अधिक कहाँ",
    "Row / पंक्ति",
    "2B line / 2बी पंक्ति",
)
KIND_LABELS = {
    "bill": "Bill / बिल",
    "credit-note": "Credit Note / क्रेडिट नोट",
    "debit-note": "Debit Note / डेबिट नोट",
}
FIELD_LABELS = {
    "gstin": "GSTIN", "number": "number / संख्या", "date": "date / तिथि", "taxable": "taxable / कर योग्य",
    "igst": "IGST", "cgst": "CGST", "sgst": "SGST", "cess": "cess / उपकर", "rate": "rate / दर",
    "reverse-charge": "reverse charge / रिवर्स चार्ज",
}  # fmt: skip
STATUS_FILLS = {MISMATCHED: HIGHLIGHT_WARNING, BOOKS_ONLY: HIGHLIGHT_ERROR, PORTAL_ONLY: HIGHLIGHT_WARNING}
_DATES, _MONEY = (7, 8), (9, 10, 11, 12, 13)


_RECONCILIATION_WIDTHS = {0: 18, 1: 24, 2: 17, 3: 24, 4: 11, 5: 16, 6: 16, 7: 11, 8: 11,
                          **dict.fromkeys(_MONEY, 14), 14: 9, 15: 7, 16: 22}  # fmt: skip


def _summary_line(result: Gstr2bReconciliation) -> str:
    parts = []
    for row in result.summary():
        label = STATUS_LABELS[row["status"]]
        parts.append(f"{label}: {row['count']:,}")
    itc_books = sum(r["books_itc"] for r in result.summary())
    itc_portal = sum(r["portal_itc"] for r in result.summary())
    parts.append(f"ITC books / बही {format_inr(itc_books)} · 2B / 2बी {format_inr(itc_portal)}")
    return " · ".join(parts)


def gstr2b_sheet(
    result: Gstr2bReconciliation,
    settings: Settings,
    *,
    source: str,
    limit: int | None = None,
    pasted: bool = False,
) -> OwnedSheet:
    """The GSTR-2B Reconciliation sheet: a line of counts, then every pair and lone line, what
    needs work first (mismatched, in books only, in the 2B only, matched), and the fields that
    differ. ``limit`` caps the rows written: the matched lines go first (the ribbon's sheet; ``bahi
    gstr2b`` writes all). ``pasted``: the 2B lines are rows of the workbook's GSTR-2B sheet (linked)."""
    period = result.period.label_both if result.period else ""
    detail = " · ".join(p for p in (period, source) if p)
    lines = result.lines
    left_out = 0
    if limit is not None and len(lines) > limit:
        lines = lines[lines["status"] != MATCHED]
        left_out = len(result.lines) - len(lines)
        lines = lines.head(limit)
        left_out = len(result.lines) - len(lines)
    counts = _summary_line(result)
    if left_out:
        counts += (
            f" · {left_out:,} matched line(s) not listed here: bahi gstr2b --write lists all"
            f" / {left_out:,} मेल खाती पंक्तियाँ यहाँ नहीं: सभी के लिए bahi gstr2b --write"
        )
    rows: list[list[CellValue]] = [
        _title(settings, "GSTR-2B Reconciliation / जीएसटीआर-2बी मिलान", detail),
        [counts],
        list(RECONCILIATION_HEADINGS),
    ]
    fills: dict[tuple[int, int], str] = {}
    links: dict[tuple[int, int], str] = {}
    purchases = quote_sheet(PURCHASES.sheet)
    pasted_sheet = quote_sheet(GSTR2B_SHEET)
    for r in lines.to_dict("records"):
        here = len(rows)
        difference = int(r["itc_difference"])
        more = "" if not difference else ("Books / बही" if difference > 0 else "2B / 2बी")
        differences = ", ".join(FIELD_LABELS.get(f, f) for f in str(r["differences"]).split(", ") if f)
        if not r["itc_available"]:
            differences = ", ".join(
                p for p in (differences, "ITC not available per 2B / 2बी में आईटीसी नहीं") if p
            )
        rows.append(
            [
                STATUS_LABELS[r["status"]],
                differences,
                r["gstin"],
                r["name"],
                KIND_LABELS.get(r["kind"], r["kind"]),
                r["books_number"] or "",
                r["portal_number"] or "",
                _date(r["books_date"]),
                _date(r["portal_date"]),
                _amount(int(r["books_taxable"])),
                _amount(int(r["portal_taxable"])),
                _amount(int(r["books_itc"])),
                _amount(int(r["portal_itc"])),
                _amount(abs(difference)),
                more,
                int(r["books_row"]) or None,
                r["portal_where"] or "",
            ]
        )
        if r["status"] in STATUS_FILLS:
            fills[(here, 0)] = STATUS_FILLS[r["status"]]
        if r["books_row"]:
            links[(here, 15)] = f"#{purchases}!A{int(r['books_row'])}"
        if pasted and r["portal_row"]:
            links[(here, 16)] = f"#{pasted_sheet}!A{int(r['portal_row'])}"
    if len(lines) == 0:
        rows.append(["No GSTR-2B lines and no bills of the period / अवधि में न 2बी पंक्तियाँ न बिल"])
    return OwnedSheet(
        name=GSTR2B_RECONCILIATION_SHEET,
        rows=rows,
        header_rows=3,
        number_formats={**dict.fromkeys(_DATES, DATE_FORMAT), **dict.fromkeys(_MONEY, INR_FORMAT)},
        links=links,
        widths=_RECONCILIATION_WIDTHS,
        bold_rows=frozenset({0, 1, 2}),
        fills=fills,
        wrap_columns=frozenset({0, 1, 3}),
    )


def _date(value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return None
    return pd.Timestamp(value).date()
