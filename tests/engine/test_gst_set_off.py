"""GSTR-3B table 6.1: input tax credit set off head by head as CGST Act sections 49(4), 49(5), 49A and
49B and CGST rule 88A allow, the rest in cash, for the least cash.

Figures are (taxable, IGST, CGST, SGST, cess) in paise; the taxable value plays no part.
"""

from __future__ import annotations

from addin.engine.gst_returns.gstr3b import Figures
from addin.engine.gst_returns.set_off import set_off

NONE = Figures()


def tax(igst: int = 0, cgst: int = 0, sgst: int = 0, cess: int = 0) -> Figures:
    return Figures(0, igst, cgst, sgst, cess)


def test_reverse_charge_is_paid_in_cash_even_with_credit_to_spare() -> None:
    paid = set_off(NONE, tax(1_000_00, 1_000_00, 1_000_00), tax(cgst=423_38, sgst=423_38))
    assert paid.cash == tax(cgst=423_38, sgst=423_38)
    assert paid.carried == tax(1_000_00, 1_000_00, 1_000_00)  # no credit touched
    assert paid.used == {}


def test_igst_credit_goes_first_against_igst_then_cgst_and_sgst() -> None:
    paid = set_off(tax(100_00, 30_00, 30_00), tax(igst=160_00), NONE)
    assert paid.used == {("igst", "igst"): 100_00, ("igst", "cgst"): 30_00, ("igst", "sgst"): 30_00}
    assert paid.cash == NONE
    assert paid.carried == NONE


def test_igst_credit_is_used_up_before_cgst_or_sgst_credit() -> None:
    """Rule 88A: IGST credit left after IGST pays CGST and SGST although their own credit could."""
    paid = set_off(tax(10_00, 50_00, 50_00), tax(30_00, 50_00, 50_00), NONE)
    assert paid.used[("igst", "igst")] == 10_00
    assert paid.used.get(("igst", "cgst"), 0) + paid.used.get(("igst", "sgst"), 0) == 20_00
    assert paid.carried.igst == 0
    assert paid.carried.cgst + paid.carried.sgst == 20_00
    assert paid.cash == NONE


def test_igst_credit_left_goes_where_the_heads_own_credit_falls_short() -> None:
    """CGST credit covers CGST, SGST has none: the IGST credit pays SGST, so no cash at all."""
    paid = set_off(tax(cgst=50_00, sgst=50_00), tax(igst=50_00, cgst=50_00), NONE)
    assert paid.used == {("igst", "sgst"): 50_00, ("cgst", "cgst"): 50_00}
    assert paid.cash == NONE


def test_cgst_and_sgst_credit_pay_igst_after_their_own_head() -> None:
    paid = set_off(tax(80_00, 50_00, 50_00), tax(0, 100_00, 100_00), NONE)
    assert paid.used == {
        ("cgst", "cgst"): 50_00, ("sgst", "sgst"): 50_00, ("cgst", "igst"): 50_00, ("sgst", "igst"): 30_00,
    }  # fmt: skip
    assert paid.cash == NONE
    assert paid.carried == tax(sgst=20_00)


def test_cgst_credit_never_pays_sgst_nor_sgst_credit_cgst() -> None:
    paid = set_off(tax(cgst=10_00, sgst=70_00), tax(cgst=100_00, sgst=5_00), NONE)
    assert ("cgst", "sgst") not in paid.used
    assert paid.cash == tax(sgst=65_00)
    assert paid.carried == tax(cgst=90_00)
    reverse = set_off(tax(cgst=70_00, sgst=10_00), tax(cgst=5_00, sgst=100_00), NONE)
    assert ("sgst", "cgst") not in reverse.used
    assert reverse.cash == tax(cgst=65_00)
    assert reverse.carried == tax(sgst=90_00)


def test_cess_credit_pays_only_cess() -> None:
    paid = set_off(tax(igst=10_00, cess=5_00), tax(cess=50_00), NONE)
    assert paid.cash == tax(igst=10_00)
    assert paid.carried == tax(cess=45_00)


def test_a_negative_net_itc_is_tax_due_and_a_negative_output_tax_is_none() -> None:
    paid = set_off(tax(igst=-10_00, cgst=20_00), tax(cgst=-5_00, sgst=0), NONE)
    assert paid.cash == tax(cgst=25_00)
    assert paid.carried == NONE


def test_the_demos_september_2025_clears_igst_with_cgst_and_sgst_credit() -> None:
    """demo-trading.xlsx, September 2025 (GST Summary): output tax IGST 1,85,686.86, CGST and SGST
    1,74,972.22 each; reverse charge CGST and SGST 423.38 each; net ITC IGST 1,13,348.43, CGST and SGST
    2,17,646.48 each. IGST credit leaves 72,338.43 of IGST; CGST credit left after CGST (42,674.26)
    pays it down to 29,664.17, SGST credit the rest: 13,010.09 SGST credit carried. Cash: the
    reverse charge only."""
    paid = set_off(
        tax(1_85_686_86, 1_74_972_22, 1_74_972_22),
        tax(1_13_348_43, 2_17_646_48, 2_17_646_48),
        tax(cgst=423_38, sgst=423_38),
    )
    assert paid.cash == tax(0, 423_38, 423_38)
    assert paid.carried == tax(sgst=13_010_09)
    assert paid.used[("cgst", "igst")] == 42_674_26
    assert paid.used[("sgst", "igst")] == 29_664_17
