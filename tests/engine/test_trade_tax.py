"""GST worked by hand, checked against the engine: intra-state, inter-state, reverse charge, credit
notes and the 22 September 2025 rate change, to the paisa.

Each case states its arithmetic in the docstring as an accountant would on paper: taxable value per
line (Qty × Rate rounded half up, less the discount), CGST and SGST (or IGST) per line rounded half up
to the paisa, the invoice value rounded to the rupee and the round off.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.schema import GST_RATES
from addin.engine.trade.items import GST_RATES_POINTS
from addin.engine.trade.rates import load_gst_rates
from addin.engine.trade.tax import document_value, gst_split, line_taxes, round_to_rupee
from tests.engine.trade_cases import LAKSHMI_GSTIN, checked, doc, line, rules, table


def totals(frame: pd.DataFrame, number: str) -> dict[str, int]:
    row = frame[frame["number"] == number].iloc[0]
    fields = ("taxable", "cgst", "sgst", "igst", "tax", "value", "round_off")
    return {f: int(row[f]) for f in fields}


def test_intra_state_invoice_with_a_discount_and_a_fraction_of_a_unit() -> None:
    """Ravi (Maharashtra) from a Maharashtra company, 10/04/2025:

    GI pipes 12.5 m × ₹420.40 = ₹5,255.00, less ₹25.00 = ₹5,230.00; CGST 9% ₹470.70, SGST ₹470.70.
    Cement 10 bags × ₹385 = ₹3,850.00 at 28% (before 22/09/2025): CGST 14% ₹539.00, SGST ₹539.00.
    Total ₹9,080.00 + ₹2,019.40 = ₹11,099.40; invoice value ₹11,099.00, round off −₹0.40.
    """
    book, issues = checked(
        sales=[doc("S/1", "10/04/2025", "C01", "PIPE", 12.5, 420.40, Discount=25), line("CEM", 10, 385)]
    )
    assert issues == []
    lines = book.sales.lines
    assert lines[["taxable", "rate", "cgst", "sgst", "igst"]].to_dict("records") == [
        {"taxable": 5_230_00, "rate": 1800, "cgst": 470_70, "sgst": 470_70, "igst": 0},
        {"taxable": 3_850_00, "rate": 2800, "cgst": 539_00, "sgst": 539_00, "igst": 0},
    ]
    assert totals(book.sales.documents, "S/1") == {
        "taxable": 9_080_00, "cgst": 1_009_70, "sgst": 1_009_70, "igst": 0, "tax": 2_019_40,
        "value": 11_099_00, "round_off": -40,
    }  # fmt: skip
    assert lines["qty"].tolist() == [1250, 1000]  # hundredths of a unit
    assert set(lines["supplier_state"]) == {"27"}
    assert set(lines["place_of_supply"]) == {"27"}


def test_inter_state_invoice_charges_igst_at_the_whole_rate() -> None:
    """Lakshmi (Karnataka, 29), 15/05/2025: 3 m × ₹333.33 = ₹999.99; IGST 18% = ₹179.9982 → ₹180.00;
    total ₹1,179.99, invoice value ₹1,180.00, round off +₹0.01."""
    book, issues = checked(sales=[doc("S/2", "15/05/2025", "C03", "PIPE", 3, 333.33)])
    assert issues == []
    assert totals(book.sales.documents, "S/2") == {
        "taxable": 999_99, "cgst": 0, "sgst": 0, "igst": 180_00, "tax": 180_00, "value": 1_180_00,
        "round_off": 1,
    }  # fmt: skip
    lines = book.sales.lines
    assert lines[["party_gstin", "supplier_state", "place_of_supply", "intra"]].iloc[0].tolist() == [
        LAKSHMI_GSTIN,
        "27",
        "29",
        False,
    ]


def test_cgst_and_sgst_are_each_rounded_so_they_may_differ_from_igst_by_a_paisa() -> None:
    """₹1,000.05 at 18%: CGST 9% = ₹90.0045 → ₹90.00, twice = ₹180.00; IGST = ₹180.009 → ₹180.01."""
    assert gst_split(1_000_05, 1800, intra=True).total == 180_00
    assert gst_split(1_000_05, 1800, intra=False).total == 180_01


def test_rate_change_on_22_september_2025_taxes_each_invoice_at_the_rate_of_its_date() -> None:
    """Cement, 10 bags × ₹385 = ₹3,850.00 within the state: on 21/09/2025 at 28% (CGST ₹539.00 + SGST
    ₹539.00), on 22/09/2025 at 18% (CGST ₹346.50 + SGST ₹346.50)."""
    book, issues = checked(
        sales=[
            doc("S/3", "21/09/2025", "C01", "CEM", 10, 385),
            doc("S/4", "22/09/2025", "C01", "CEM", 10, 385),
        ]
    )
    assert issues == []
    docs = book.sales.documents
    assert docs[["number", "cgst", "sgst", "value"]].to_dict("records") == [
        {"number": "S/3", "cgst": 539_00, "sgst": 539_00, "value": 4_928_00},
        {"number": "S/4", "cgst": 346_50, "sgst": 346_50, "value": 4_543_00},
    ]


def test_charging_the_old_rate_after_the_change_is_a_rate_mismatch() -> None:
    _, issues = checked(sales=[doc("S/5", "25/09/2025", "C01", "CEM", 10, 385, **{"GST Rate": "28%"})])
    assert rules(issues) == [("gst-rate-mismatch", "Sales", "K2")]
    assert issues[0].message_en == "GST rate 28% is charged, but item CEM is at 18% on 25/09/2025."


def test_a_credit_note_after_the_change_reverses_tax_at_its_invoices_rate() -> None:
    """Invoice S/1 of 10/04/2025 sold cement at 28%; on 25/09/2025 two bags come back:
    2 × ₹385 = ₹770.00, CGST 14% ₹107.80, SGST ₹107.80, note value ₹985.60 → ₹986.00 (+₹0.40)."""
    book, issues = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "CEM", 10, 385),
            doc("CN/1", "25/09/2025", "C01", "CEM", 2, 385, Type="Credit Note", Against="S/1"),
        ]
    )
    assert issues == []
    assert totals(book.sales.documents, "CN/1") == {
        "taxable": 770_00, "cgst": 107_80, "sgst": 107_80, "igst": 0, "tax": 215_60, "value": 986_00,
        "round_off": 40,
    }  # fmt: skip
    assert book.sales.lines["doc_kind"].tolist() == ["invoice", "credit-note"]
    assert book.sales.lines["against"].tolist() == ["", "S/1"]


def test_reverse_charge_freight_shows_the_tax_but_the_bill_is_its_taxable_value() -> None:
    """Balaji Roadways (Maharashtra) carries goods, 28/04/2025, under reverse charge: ₹12,345.67 at 5%;
    the company owes CGST 2.5% ₹308.64175 → ₹308.64 and SGST ₹308.64; the bill is ₹12,345.67,
    rounded to ₹12,346.00 (+₹0.33)."""
    book, issues = checked(
        purchases=[doc("SBR/1", "28/04/2025", "V03", "FRT", None, None, **{
            "Taxable Value": 12_345.67, "Reverse Charge": "Yes"})]
    )  # fmt: skip
    assert issues == []
    assert totals(book.purchases.documents, "SBR/1") == {
        "taxable": 12_345_67, "cgst": 308_64, "sgst": 308_64, "igst": 0, "tax": 617_28, "value": 12_346_00,
        "round_off": 33,
    }  # fmt: skip
    assert book.purchases.lines["reverse_charge"].tolist() == [True]


def test_a_vendor_in_another_state_charges_igst_on_its_bill() -> None:
    """Kaveri (Karnataka) to the company in Maharashtra, 05/06/2025: 40 m × ₹350.25 = ₹14,010.00,
    IGST 18% ₹2,521.80, bill ₹16,531.80 → ₹16,532.00 (+₹0.20)."""
    book, issues = checked(purchases=[doc("KI/9", "05/06/2025", "V01", "PIPE", 40, 350.25)])
    assert issues == []
    assert totals(book.purchases.documents, "KI/9") == {
        "taxable": 14_010_00, "cgst": 0, "sgst": 0, "igst": 2_521_80, "tax": 2_521_80, "value": 16_532_00,
        "round_off": 20,
    }  # fmt: skip
    assert book.purchases.lines[["supplier_state", "place_of_supply"]].iloc[0].tolist() == ["29", "27"]


# ----------------------------------------------------------------------------------------------
# properties

taxables = st.integers(min_value=0, max_value=10**11)
rates = st.sampled_from(GST_RATES_POINTS)


@given(taxables, rates)
def test_cgst_plus_sgst_is_within_a_paisa_of_igst(taxable: int, rate: int) -> None:
    intra, inter = gst_split(taxable, rate, intra=True), gst_split(taxable, rate, intra=False)
    assert intra.cgst == intra.sgst >= 0
    assert abs(intra.total - inter.igst) <= 1


@given(st.lists(st.tuples(taxables, rates), min_size=1, max_size=8), st.booleans(), st.booleans())
def test_an_invoice_value_is_whole_rupees_and_its_round_off_under_half_a_rupee(
    lines: list[tuple[int, int]], intra: bool, reverse_charge: bool
) -> None:
    taxable = np.array([t for t, _ in lines], dtype=np.int64)
    rate = np.array([r for _, r in lines], dtype=np.int64)
    igst, cgst, sgst = line_taxes(taxable, rate, np.full(len(lines), intra))
    tax = int((igst + cgst + sgst).sum())
    value, round_off = document_value(np.array([taxable.sum()]), np.array([tax]), np.array([reverse_charge]))
    exact = int(taxable.sum()) + (0 if reverse_charge else tax)
    assert int(value[0]) % 100 == 0
    assert -49 <= int(round_off[0]) <= 50
    assert int(value[0]) - int(round_off[0]) == exact


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_rounding_to_the_rupee_is_half_up_away_from_zero(paise: int) -> None:
    rounded = int(round_to_rupee(paise))
    assert abs(rounded - paise) <= 50
    assert abs(rounded) == int(round_to_rupee(abs(paise)))


def test_a_gst_rates_row_whose_rate_cannot_be_read_is_reported_not_dropped_silently() -> None:
    rows = table(GST_RATES, [["CEM", 28, "01/07/2017"], ["CEM", "abc", "22/09/2025"]])
    history, issues = load_gst_rates(rows, {"cem": "CEM"})
    assert rules(issues) == [("unreadable-amount", "GST Rates", "B3")]
    assert "'abc' has letters or words" in issues[0].message_en
    assert history["row"].tolist() == [2]  # the unreadable row is still left out of the history
