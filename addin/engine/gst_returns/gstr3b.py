"""GSTR-3B from the Sales and Purchases tables: tables 3.1 (supplies) and 4 (input tax credit).

Figures are net of notes: a credit note's taxable value and tax are subtracted, a debit note's
added. Only documents with ``ok`` dated within the period count.

================  =================================================================================
3.1 (a)           outward taxable supplies: sales lines above 0% not under reverse charge
3.1 (b)           zero-rated (exports, SEZ): none — the trade tables record no exports
3.1 (c)           nil-rated and exempted: sales lines at 0%; with them, the taxable value of
                  outward supplies on which the *recipient* pays tax under reverse charge (GSTN's
                  FAQ on GSTR-3B puts those here; their tax is the recipient's to pay)
3.1 (d)           inward supplies liable to reverse charge: purchases marked Reverse Charge
3.1 (e)           non-GST outward supplies: none recorded
4 (A)(3)          ITC of inward supplies under reverse charge (the tax of 3.1 (d) that is eligible)
4 (A)(5)          all other ITC: the tax on vendors' bills and debit notes less their credit notes
4 (B)(2)          ITC reversed, others: CGST rule 37 — bills still unpaid (in part) at the period's
                  end whose 180th day fell in the period, the tax in proportion to what is unpaid
                  (only when the payables' allocation is given)
4 (C)             net ITC = (A) − (B)
4 (D)(2)          ineligible ITC restricted by place-of-supply rules: purchases whose place of
                  supply is not the company's state (e.g. a hotel in another state charging its
                  CGST and SGST) — not in (A)
================  =================================================================================

Imports (4 (A)(1), (2)), ISD (4 (A)(4)), rules 38/42/43 and section 17(5) (4 (B)(1)) and the
16(4) time limit are not recorded in the trade tables and stay nil.

>>> row = Figures(100_00, 18_00)
>>> (row - Figures(10_00, 1_80)).as_paise()
{'taxable': 9000, 'igst': 1620, 'cgst': 0, 'sgst': 0, 'cess': 0}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.gst_returns.gstr1 import Gstr1, left_out
from addin.engine.gst_returns.periods import ReturnPeriod
from addin.engine.issues import Issue
from addin.engine.money import to_decimal_string
from addin.engine.trade.allocation import Allocation
from addin.engine.trade.documents import DocumentSet

BoolArray = npt.NDArray[np.bool_]
FIELDS = ("taxable", "igst", "cgst", "sgst", "cess")
HEADS = FIELDS[1:]
RULE_37_DAYS = 180


@dataclass(frozen=True, slots=True)
class Figures:
    """One row of GSTR-3B in paise: taxable value and the four heads."""

    taxable: int = 0
    igst: int = 0
    cgst: int = 0
    sgst: int = 0
    cess: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(self.values(), other.values(), strict=True)))

    def __sub__(self, other: Figures) -> Figures:
        return Figures(*(a - b for a, b in zip(self.values(), other.values(), strict=True)))

    def __neg__(self) -> Figures:
        return Figures(*(-a for a in self.values()))

    def values(self) -> tuple[int, int, int, int, int]:
        return (self.taxable, self.igst, self.cgst, self.sgst, self.cess)

    def as_paise(self) -> dict[str, int]:
        return dict(zip(FIELDS, self.values(), strict=True))

    def tax_only(self) -> Figures:
        """The same heads without a taxable value (table 4 has none)."""
        return Figures(0, self.igst, self.cgst, self.sgst, self.cess)


@dataclass(frozen=True)
class Gstr3b:
    """The GSTR-3B figures of one period (see the module's table)."""

    period: ReturnPeriod
    gstin: str
    outward_taxable: Figures
    outward_zero_rated: Figures
    outward_nil_exempt: Figures
    inward_reverse_charge: Figures
    outward_non_gst: Figures
    itc_reverse_charge: Figures
    itc_other: Figures
    itc_reversed_rules: Figures
    itc_reversed_other: Figures
    itc_ineligible_reclaimed: Figures
    itc_ineligible_other: Figures
    issues: list[Issue] = field(default_factory=list)

    @property
    def itc_available(self) -> Figures:
        """4 (A): the sum of its five rows (imports and ISD being nil)."""
        return self.itc_reverse_charge + self.itc_other

    @property
    def itc_reversed(self) -> Figures:
        """4 (B)."""
        return self.itc_reversed_rules + self.itc_reversed_other

    @property
    def itc_net(self) -> Figures:
        """4 (C) = (A) − (B)."""
        return self.itc_available - self.itc_reversed

    def rows(self) -> list[tuple[str, str, Figures]]:
        """(table, description, figures) in the form's order."""
        nil = Figures()
        return [
            ("3.1 (a)", "Outward taxable supplies / कर योग्य बाह्य आपूर्ति", self.outward_taxable),
            ("3.1 (b)", "Outward zero-rated supplies / शून्य-दर बाह्य आपूर्ति", self.outward_zero_rated),
            ("3.1 (c)", "Nil-rated, exempted / शून्य दर, छूट प्राप्त", self.outward_nil_exempt),
            ("3.1 (d)", "Inward supplies, reverse charge / रिवर्स चार्ज आवक आपूर्ति", self.inward_reverse_charge),
            ("3.1 (e)", "Non-GST outward supplies / गैर-जीएसटी बाह्य आपूर्ति", self.outward_non_gst),
            ("4 (A)(1)", "ITC: import of goods / माल का आयात", nil),
            ("4 (A)(2)", "ITC: import of services / सेवाओं का आयात", nil),
            ("4 (A)(3)", "ITC: inward supplies, reverse charge / रिवर्स चार्ज आवक", self.itc_reverse_charge),
            ("4 (A)(4)", "ITC: inward supplies from ISD / आईएसडी से", nil),
            ("4 (A)(5)", "ITC: all other / अन्य सभी आईटीसी", self.itc_other),
            ("4 (B)(1)", "ITC reversed: rules 38, 42, 43, s. 17(5) / उलटा", self.itc_reversed_rules),
            ("4 (B)(2)", "ITC reversed: others (rule 37) / उलटा: अन्य", self.itc_reversed_other),
            ("4 (C)", "Net ITC available / शुद्ध उपलब्ध आईटीसी", self.itc_net),
            ("4 (D)(1)", "ITC reclaimed (reversed earlier) / पुनः दावा", self.itc_ineligible_reclaimed),
            ("4 (D)(2)", "Ineligible ITC: s. 16(4), place of supply / अपात्र", self.itc_ineligible_other),
        ]

    def as_records(self) -> list[dict[str, Any]]:
        """The rows with amounts as decimal strings (JSON and CSV)."""
        return [
            {"table": table, "description": description, **_decimal(figures)}
            for table, description, figures in self.rows()
        ]


LEFT_OUT_REASONS = {
    "invalid-gstin": (
        "not in GSTR-1: the recipient's GSTIN {ctin} is not valid",
        "जीएसटीआर-1 में नहीं: प्राप्तकर्ता का जीएसटीआईएन {ctin} मान्य नहीं",
    ),
}


def gstr1_to_3_1_a(gstr1: Gstr1, gstr3b: Gstr3b) -> list[tuple[str, str, Figures]]:
    """From GSTR-1 to 3.1 (a), as (table, description, figures): Table 12's total, less its nil-rated
    and reverse-charge lines, plus each document left out of GSTR-1 (naming it and why), equals 3.1
    (a); a last row names any difference left (none when both returns read the same documents)."""
    table_12 = Figures(*(int(gstr1.hsn[t].sum()) if t in gstr1.hsn else 0 for t in FIELDS))
    not_in = Figures(*(gstr1.hsn_not_in_3_1_a.get(t, 0) for t in FIELDS))
    rows = [
        ("12", "GSTR-1 HSN summary / जीएसटीआर-1 एचएसएन सारांश", table_12),
        ("3.1 (c)", "Nil-rated and reverse-charge supplies: 3.1 (c), not (a) / "
         "शून्य दर और रिवर्स चार्ज: 3.1 (ग) में", -not_in),
    ]
    reached = table_12 - not_in
    for r in gstr1.left_out.to_dict("records"):
        en, hi = LEFT_OUT_REASONS[r["reason"]]
        figures = Figures(*(int(r[t]) for t in FIELDS))
        reached += figures
        rows.append(
            (f"Sales row {r['row']}", f"{r['number']} · {r['party_name']}: {en.format(ctin=r['ctin'])} / "
             f"{hi.format(ctin=r['ctin'])}", figures)
        )  # fmt: skip
    rows.append(("3.1 (a)", "GSTR-3B outward taxable supplies / जीएसटीआर-3बी कर योग्य बाह्य आपूर्ति",
                 gstr3b.outward_taxable))  # fmt: skip
    rest = gstr3b.outward_taxable - reached
    if any(rest.values()):
        rows.append(("", "Difference not explained / अस्पष्ट अंतर", rest))
    return rows


def _decimal(figures: Figures) -> dict[str, str]:
    return {k: to_decimal_string(v) for k, v in figures.as_paise().items()}


def gstr3b(
    sales: DocumentSet,
    purchases: DocumentSet,
    period: ReturnPeriod,
    *,
    company_gstin: str,
    payables: Allocation | None = None,
) -> Gstr3b:
    """The GSTR-3B of ``period`` from the checked Sales and Purchases; ``payables`` (the vendors'
    allocation as of the period's end) gives rule 37's reversal."""
    company_state = company_gstin[:2]
    issues: list[Issue] = []
    out = _signed_lines(sales, period, issues)
    rate = out["rate"].to_numpy(dtype=np.int64)
    reverse = out["reverse_charge"].to_numpy(dtype=np.bool_)
    inward = _signed_lines(purchases, period, issues)
    in_reverse = inward["reverse_charge"].to_numpy(dtype=np.bool_)
    elsewhere = inward["place_of_supply"].to_numpy(dtype=object) != company_state
    reverse_charge = _sum(inward, in_reverse)
    return Gstr3b(
        period=period,
        gstin=company_gstin,
        outward_taxable=_sum(out, ~reverse & (rate > 0)),
        outward_zero_rated=Figures(),
        outward_nil_exempt=Figures(_sum(out, (rate == 0) | reverse).taxable),
        inward_reverse_charge=reverse_charge,
        outward_non_gst=Figures(),
        itc_reverse_charge=_sum(inward, in_reverse & ~elsewhere).tax_only(),
        itc_other=_sum(inward, ~in_reverse & ~elsewhere).tax_only(),
        itc_reversed_rules=Figures(),
        itc_reversed_other=rule_37_reversal(purchases, period, payables, company_state),
        itc_ineligible_reclaimed=Figures(),
        itc_ineligible_other=_sum(inward, elsewhere).tax_only(),
        issues=issues,
    )


def _signed_lines(documents: DocumentSet, period: ReturnPeriod, issues: list[Issue]) -> pd.DataFrame:
    """The ok lines of documents dated in the period, amounts signed (credit notes negative); a
    warning when documents of the period are left out."""
    docs, lines = documents.documents, documents.lines
    in_period = period.holds(docs["date"].to_numpy(dtype="datetime64[ns]"))
    ok = docs["ok"].to_numpy(dtype=np.bool_)
    issues += left_out(documents, in_period & ~ok, period)
    line_doc = lines["doc"].to_numpy(dtype=np.int64)
    chosen = (in_period & ok)[line_doc]
    picked = lines[chosen]
    sign = np.where(picked["doc_kind"].to_numpy(dtype=object) == "credit-note", -1, 1)
    signed: pd.DataFrame = picked.assign(**{f: picked[f].to_numpy(dtype=np.int64) * sign for f in FIELDS})
    return signed


def _sum(lines: pd.DataFrame, mask: BoolArray) -> Figures:
    return Figures(*(int(lines[f].to_numpy(dtype=np.int64)[mask].sum()) for f in FIELDS))


def rule_37_reversal(
    purchases: DocumentSet, period: ReturnPeriod, payables: Allocation | None, company_state: str
) -> Figures:
    """CGST rule 37: the tax of bills whose 180th day after their date falls in the period and that
    are unpaid at its end, in proportion to the part unpaid (rounded half up to the paisa).

    Only bills whose tax was taken as credit count (not reverse charge, supplied to the company's
    state). Nil without an allocation.
    """
    if payables is None or payables.bills.empty:
        return Figures()
    bills = payables.bills
    mine = (bills["sheet"] == purchases.where.sheet).to_numpy() & (bills["pending"] > 0).to_numpy()
    dates = bills["date"].to_numpy(dtype="datetime64[ns]")
    due = (dates + np.timedelta64(RULE_37_DAYS, "D")).astype("datetime64[ns]")
    mine &= period.holds(due)
    if not mine.any():
        return Figures()
    docs = purchases.documents
    by_row = pd.Series(np.arange(len(docs)), index=docs["row"].to_numpy())
    by_row = by_row[~by_row.index.duplicated()]
    positions = by_row.reindex(bills["row"].to_numpy()[mine]).to_numpy()
    found = ~np.isnan(positions)
    doc = positions[found].astype(np.int64)
    pending = bills["pending"].to_numpy(dtype=np.int64)[mine][found]
    amount = bills["amount"].to_numpy(dtype=np.int64)[mine][found]
    eligible = (
        docs["ok"].to_numpy()[doc]
        & ~docs["reverse_charge"].to_numpy()[doc]
        & (docs["place_of_supply"].to_numpy(dtype=object)[doc] == company_state)
        & (amount > 0)
    )
    doc, pending, amount = doc[eligible], pending[eligible], np.maximum(amount[eligible], 1)
    part = np.minimum(pending, amount)
    heads = [int(_proportion(docs[h].to_numpy(dtype=np.int64)[doc], part, amount).sum()) for h in HEADS]
    return Figures(0, *heads)


def _proportion(
    tax: npt.NDArray[np.int64], part: npt.NDArray[np.int64], whole: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """``tax × part / whole`` per element, rounded half up (exact integers, all non-negative).

    >>> _proportion(np.array([18_00]), np.array([1]), np.array([3])).tolist()
    [600]
    """
    numerator = tax * part
    result: npt.NDArray[np.int64] = (2 * numerator + whole) // (2 * whole)
    return result
