"""GST on a document's lines, and the document's rounded value — exact integer arithmetic in paise.

**Which tax.** A supply is intra-state when the supplier's state (the first two digits of its GSTIN)
is the place of supply: CGST and SGST, half the rate each. Otherwise it is inter-state: IGST at the
whole rate (IGST Act sections 7 and 8).

**Rounding — what Bahi chose, as Indian invoices do it:**

1. *Taxable value of a line* = Qty × Rate, rounded half up to the paisa, less the line's Discount
   (or the Taxable Value typed).
2. *Tax of a line*, per head, rounded half up to the paisa: CGST = SGST = taxable × rate / 2, each
   rounded on its own (so CGST + SGST may differ by a paisa from an IGST at the whole rate); IGST =
   taxable × rate. Cess is not computed (compensation cess ended for all but tobacco on 22 September
   2025); the ``cess`` column is 0 and kept for the returns.
3. *Invoice value* = the sum of its lines' taxable values and taxes, rounded half up to the whole
   rupee (section 170 of the CGST Act rounds tax payable to the rupee; invoices round their total the
   same way); the difference, −₹0.49 … +₹0.50, is the invoice's *round off*, posted to the Round Off
   account.
4. *Reverse charge*: the tax is computed the same way and reported, but not charged to the recipient:
   the invoice value is the taxable value (rounded), and the recipient pays the tax to the government.

Rates are basis points (18% = 1800). Credit notes carry positive amounts here; posting reverses them.

>>> split = gst_split(10_000_55, 1800, intra=True)   # ₹10,000.55 at 18% within the state
>>> split.cgst, split.sgst, split.igst
(90005, 90005, 0)
>>> gst_split(10_000_55, 1800, intra=False).igst    # 1,80,009.9 paise → 1,80,010
180010
>>> round_to_rupee(np.array([11_80_064, 11_80_050, 11_80_049])).tolist()
[1180100, 1180100, 1180000]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

POINTS = 10_000  # basis points in a whole


@dataclass(frozen=True, slots=True)
class GstSplit:
    """The GST on one taxable value, in paise."""

    igst: int
    cgst: int
    sgst: int

    @property
    def total(self) -> int:
        return self.igst + self.cgst + self.sgst


def divide_half_up(numerator: IntArray, denominator: int) -> IntArray:
    """``numerator / denominator`` rounded half away from zero, exactly, element-wise.

    >>> divide_half_up(np.array([5, 15, -5, 14, -15]), 10).tolist()
    [1, 2, -1, 1, -2]
    """
    magnitude = (np.abs(numerator) * 2 + denominator) // (2 * denominator)
    out: IntArray = np.where(numerator < 0, -magnitude, magnitude).astype(np.int64)
    return out


def line_taxable(qty_hundredths: IntArray, price_paise: IntArray, discount_paise: IntArray) -> IntArray:
    """Qty (hundredths of a unit) × Rate (paise), rounded half up to the paisa, less the discount.

    >>> line_taxable(np.array([250]), np.array([1_999]), np.array([0])).tolist()  # 2.5 × ₹19.99
    [4998]
    """
    return divide_half_up(qty_hundredths * price_paise, 100) - discount_paise


def line_taxes(
    taxable: IntArray, rate_points: IntArray, intra: BoolArray
) -> tuple[IntArray, IntArray, IntArray]:
    """(IGST, CGST, SGST) of each line, each rounded half up to the paisa."""
    half = divide_half_up(taxable * rate_points, 2 * POINTS)
    whole = divide_half_up(taxable * rate_points, POINTS)
    zero = np.zeros_like(taxable)
    return np.where(intra, zero, whole), np.where(intra, half, zero), np.where(intra, half, zero)


def gst_split(taxable_paise: int, rate_points: int, *, intra: bool) -> GstSplit:
    """The GST on one taxable value: what ``=BAHI.GSTSPLIT`` will show."""
    igst, cgst, sgst = line_taxes(
        np.array([taxable_paise], dtype=np.int64),
        np.array([rate_points], dtype=np.int64),
        np.array([intra], dtype=np.bool_),
    )
    return GstSplit(int(igst[0]), int(cgst[0]), int(sgst[0]))


def round_to_rupee(paise: IntArray | int) -> IntArray:
    """Paise rounded half up to whole rupees (still in paise)."""
    return divide_half_up(np.asarray(paise, dtype=np.int64), 100) * 100


def document_value(taxable: IntArray, tax: IntArray, reverse_charge: BoolArray) -> tuple[IntArray, IntArray]:
    """Per document: (value rounded to the rupee, round off = value − exact total).

    The exact total is taxable + tax, or the taxable value alone under reverse charge.
    """
    exact = taxable + np.where(reverse_charge, 0, tax)
    value = round_to_rupee(exact)
    return value, value - exact
