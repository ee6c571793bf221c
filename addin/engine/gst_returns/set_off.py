"""GSTR-3B table 6.1: how the month's tax is paid — input tax credit set off head by head, the rest in
cash — with the least cash the law allows.

The law (CGST Act sections 49(4), 49(5), 49A, 49B; CGST rule 88A):

- tax on inward supplies under **reverse charge** (3.1 (d)) is paid in **cash**, never from credit;
- **IGST credit** goes first against IGST, and what remains against CGST and SGST in any order and
  proportion; it must be used up before any CGST or SGST credit is used;
- **CGST credit** then goes against CGST, then IGST — **never SGST**;
- **SGST credit** against SGST, then IGST — **never CGST**;
- **cess** credit only against cess.

Within those rules the choices are made for the least cash: IGST credit left after IGST is put
first where the CGST and SGST credits fall short of their own heads; CGST credit meets the IGST
still due before SGST credit does. Amounts are paise. A negative output tax (credit notes above
the month's supplies) is no liability; a negative net ITC (reversals above the credit) is tax due
on its head.

>>> paid = set_off(Figures(0, 50_00, 50_00, 50_00), Figures(0, 0, 80_00, 80_00), Figures(0, 0, 5_00, 5_00))
>>> paid.cash.values(), paid.carried.values()
((0, 0, 500, 500, 0), (0, 0, 0, 1000, 0))
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.engine.gst_returns.gstr3b import Figures, Gstr3b

IGST, CGST, SGST, CESS = "igst", "cgst", "sgst", "cess"
HEADS = (IGST, CGST, SGST, CESS)


@dataclass(frozen=True, slots=True)
class SetOff:
    """Table 6.1 in paise: ``used[(credit head, tax head)]`` the credit set off, ``cash`` the tax
    paid in cash (reverse charge included), ``carried`` the credit carried forward (no taxable
    value in either)."""

    used: dict[tuple[str, str], int]
    cash: Figures
    carried: Figures


def set_off(output_tax: Figures, credit: Figures, reverse_charge: Figures) -> SetOff:
    """The set-off of ``credit`` (4 (C)) against ``output_tax`` (3.1 (a): tax the company pays from
    credit or cash) and the cash for ``reverse_charge`` (3.1 (d): in cash only)."""
    due = {h: max(getattr(output_tax, h), 0) + max(-getattr(credit, h), 0) for h in HEADS}
    left = {h: max(getattr(credit, h), 0) for h in HEADS}
    used: dict[tuple[str, str], int] = {}

    def use(source: str, head: str, limit: int | None = None) -> None:
        amount = min(left[source], due[head], due[head] if limit is None else limit)
        if amount > 0:
            used[(source, head)] = used.get((source, head), 0) + amount
            left[source] -= amount
            due[head] -= amount

    use(IGST, IGST)
    for head in (CGST, SGST):  # the IGST credit first where the head's own credit falls short
        use(IGST, head, max(due[head] - left[head], 0))
    use(IGST, CGST)
    use(IGST, SGST)
    use(CGST, CGST)
    use(SGST, SGST)
    use(CGST, IGST)
    use(SGST, IGST)
    use(CESS, CESS)
    cash = Figures(0, *(due[h] + max(getattr(reverse_charge, h), 0) for h in HEADS))
    return SetOff(used, cash, Figures(0, *(left[h] for h in HEADS)))


def tax_payment(gstr3b: Gstr3b) -> SetOff:
    """The set-off of a GSTR-3B: its net ITC (4 (C)) against the tax on its outward supplies (3.1 (a)),
    the reverse charge (3.1 (d)) in cash."""
    return set_off(gstr3b.outward_taxable.tax_only(), gstr3b.itc_net, gstr3b.inward_reverse_charge)
