"""GSTR-1 and GSTR-3B worked by hand for September 2025, checked against the engine to the paisa.

The company (Maharashtra, 27) of :mod:`tests.engine.trade_cases`, with two more masters: C04, an
unregistered customer in Karnataka, and RICE (HSN 1006, 0%). Cement is at 28% until 21/09/2025 and
18% from 22/09/2025. Each test states its arithmetic as an accountant would on paper: a line's
taxable value (Qty × Rate less the discount), its CGST and SGST (or IGST) rounded half up to the
paisa, the invoice value rounded to the rupee.

September's Sales (all of them, so that every table of GSTR-1 has a row):

====== ====== ==== ===================================================== ============ ==============
number date   to   lines                                                 taxable      tax
====== ====== ==== ===================================================== ============ ==============
S/1    10/09  C01  12.5 m pipe × 420.40 − 25.00 at 18%; 10 bags cement    5,230.00     C/S 470.70 each
                   × 385 at 28%                                          3,850.00     C/S 539.00 each
S/2    15/09  C03  3 m pipe × 333.33 at 18% (Karnataka)                    999.99     IGST 180.00
S/3    22/09  C02  2 bags cement × 385 at 18% (walk-in, unregistered)      770.00     C/S 69.30 each
S/4    23/09  C04  300 m pipe × 400 at 18% (unregistered, Karnataka)    1,20,000.00   IGST 21,600.00
S/5    24/09  C04  10 m pipe × 400 at 18%                                 4,000.00    IGST 720.00
S/6    25/09  C01  100 kg rice × 50 at 0%                                 5,000.00    nil
S/7    26/09  C01  freight ₹10,000 at 5%, reverse charge                 10,000.00    C/S 250.00 each
CN/1   25/09  C01  2 bags cement back from S/1, at S/1's 28%                770.00    C/S 107.80 each
CN/2   27/09  C04  10 m pipe back from S/4                                4,000.00    IGST 720.00
CN/3   28/09  C02  1 bag cement back from S/3, at S/3's 18%                 385.00    C/S 34.65 each
====== ====== ==== ===================================================== ============ ==============
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from addin.engine.gst_returns.gstr1 import Gstr1, b2cl_limit, gstr1
from addin.engine.gst_returns.gstr3b import Figures, Gstr3b, gstr1_to_3_1_a, gstr3b
from addin.engine.gst_returns.periods import ReturnPeriod
from addin.engine.trade.allocation import PAYABLE
from addin.engine.trade.book import TradeBook, allocation
from tests.engine.trade_cases import (
    COMPANY_GSTIN,
    ITEM_ROWS,
    LAKSHMI_GSTIN,
    PARTY_ROWS,
    RAVI_GSTIN,
    checked,
    doc,
    line,
    rules,
)

SEPTEMBER = ReturnPeriod.month(2025, 9)
PARTIES = [*PARTY_ROWS, ["C04", "Anand Stores", None, None, "29", "Customer", None, None, None, None]]
ITEMS = [*ITEM_ROWS, ["RICE", "Sona masoori rice", "1006", "KGS", 0, None, None]]
CREDIT = {"Type": "Credit Note"}

SALES: list[dict[str, Any]] = [
    doc("S/1", "10/09/2025", "C01", "PIPE", 12.5, 420.40, Discount=25),
    line("CEM", 10, 385),
    doc("S/2", "15/09/2025", "C03", "PIPE", 3, 333.33),
    doc("S/3", "22/09/2025", "C02", "CEM", 2, 385),
    doc("S/4", "23/09/2025", "C04", "PIPE", 300, 400),
    doc("S/5", "24/09/2025", "C04", "PIPE", 10, 400),
    doc("S/6", "25/09/2025", "C01", "RICE", 100, 50),
    doc("S/7", "26/09/2025", "C01", "FRT", 1, 10_000, **{"Reverse Charge": "Yes"}),
    doc("CN/1", "25/09/2025", "C01", "CEM", 2, 385, Against="S/1", **CREDIT),
    doc("CN/2", "27/09/2025", "C04", "PIPE", 10, 400, Against="S/4", **CREDIT),
    doc("CN/3", "28/09/2025", "C02", "CEM", 1, 385, Against="S/3", **CREDIT),
]


def book_of(**documents: Any) -> TradeBook:
    book, issues = checked(parties=PARTIES, items=ITEMS, **documents)
    assert [i for i in issues if i.rule != "msme-overdue"] == [], rules(issues)
    return book


@pytest.fixture(scope="module")
def september() -> Gstr1:
    book = book_of(sales=SALES)
    return gstr1(book.sales, SEPTEMBER, company_gstin=COMPANY_GSTIN, items=book.items)


def rows(frame: Any, *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


# -- GSTR-1 ----------------------------------------------------------------------------------------


def test_b2b_lists_each_registered_recipients_invoices_rate_by_rate(september: Gstr1) -> None:
    """S/1 has two rates (18% and 28%), S/2 is inter-state (IGST), S/7 is under reverse charge; S/6,
    all at 0%, is nil-rated only (table 8), not B2B."""
    b2b = september.of(0)
    assert rows(b2b, "ctin", "number", "value", "pos", "rchrg") == [
        (RAVI_GSTIN, "S/1", 11_099_00, "27", False),
        (RAVI_GSTIN, "S/7", 10_000_00, "27", True),
        (LAKSHMI_GSTIN, "S/2", 1_180_00, "29", False),
    ]
    by_rate = september.rates.merge(b2b[["doc", "number"]], on="doc")
    assert rows(by_rate, "number", "rate", "taxable", "igst", "cgst", "sgst") == [
        ("S/1", 1800, 5_230_00, 0, 470_70, 470_70),
        ("S/1", 2800, 3_850_00, 0, 539_00, 539_00),
        ("S/2", 1800, 999_99, 180_00, 0, 0),
        ("S/7", 500, 10_000_00, 0, 250_00, 250_00),
    ]


def test_an_inter_state_invoice_to_an_unregistered_buyer_above_one_lakh_is_b2cl(september: Gstr1) -> None:
    """S/4: ₹1,41,600 to Karnataka without a GSTIN (> ₹1,00,000 since 1 August 2024); S/5 (₹4,720)
    stays in B2CS."""
    assert rows(september.of(1), "number", "pos", "value", "taxable", "igst") == [
        ("S/4", "29", 1_41_600_00, 1_20_000_00, 21_600_00)
    ]


def test_b2cs_sums_by_place_of_supply_and_rate_less_the_credit_notes_on_them(september: Gstr1) -> None:
    """Within Maharashtra at 18%: S/3 ₹770.00 less CN/3 ₹385.00 = ₹385.00, CGST and SGST ₹69.30 −
    ₹34.65 = ₹34.65. Karnataka at 18%: S/5 ₹4,000.00, IGST ₹720.00."""
    assert rows(september.b2cs, "pos", "rate", "intra", "taxable", "igst", "cgst", "sgst") == [
        ("27", 1800, True, 385_00, 0, 34_65, 34_65),
        ("29", 1800, False, 4_000_00, 720_00, 0, 0),
    ]


def test_notes_go_to_cdnr_for_registered_buyers_and_cdnur_against_a_b2cl_invoice(september: Gstr1) -> None:
    """CN/1 reverses S/1's cement at S/1's 28%: ₹770.00, CGST and SGST ₹107.80, value ₹985.60 →
    ₹986.00. CN/2 is against B2CL invoice S/4: CDNUR."""
    assert rows(september.of(3), "ctin", "number", "kind", "value", "taxable", "cgst") == [
        (RAVI_GSTIN, "CN/1", "credit-note", 986_00, 770_00, 107_80)
    ]
    assert rows(september.of(4), "number", "pos", "value", "taxable", "igst") == [
        ("CN/2", "29", 4_720_00, 4_000_00, 720_00)
    ]


def test_lines_at_nil_rate_are_table_8(september: Gstr1) -> None:
    assert rows(september.nil, "sply_ty", "taxable") == [("INTRAB2B", 5_000_00)]


def test_hsn_summary_is_in_two_parts_from_may_2025_with_notes_subtracted(september: Gstr1) -> None:
    """B2B: pipe 12.5 + 3 = 15.5 m, ₹5,230.00 + ₹999.99; cement at 28% 10 − 2 = 8 bags, ₹3,850 −
    ₹770; rice; freight (a service: unit NA, no quantity). B2C: pipe 300 + 10 − 10 m; cement at 18%
    2 − 1 bags."""
    assert september.hsn_split
    assert rows(september.hsn, "section", "hsn", "uqc", "rate", "qty", "taxable", "igst", "cgst") == [
        ("b2b", "1006", "KGS", 0, 100_00, 5_000_00, 0, 0),
        ("b2b", "2523", "BAG", 2800, 8_00, 3_080_00, 0, 431_20),
        ("b2b", "7306", "MTR", 1800, 15_50, 6_229_99, 180_00, 470_70),
        ("b2b", "996511", "NA", 500, 0, 10_000_00, 0, 250_00),
        ("b2c", "2523", "BAG", 1800, 1_00, 385_00, 0, 34_65),
        ("b2c", "7306", "MTR", 1800, 300_00, 1_20_000_00, 21_600_00, 0),
    ]
    assert september.hsn["desc"].tolist()[:2] == ["Sona masoori rice", "Cement (50 kg bag)"]


def test_hsn_summary_before_may_2025_is_one_list() -> None:
    book = book_of(sales=[doc("S/1", "10/04/2025", "C01", "PIPE", 1, 100)])
    april = gstr1(book.sales, ReturnPeriod.month(2025, 4), company_gstin=COMPANY_GSTIN, items=book.items)
    assert not april.hsn_split
    assert set(april.hsn["section"]) == {"all"}


def test_documents_issued_count_each_series_and_the_numbers_missing_from_it() -> None:
    """S/1, S/2 and S/5 issued: the range S/1–S/5 holds 5 numbers, 2 of them missing (cancelled)."""
    book, _ = checked(
        sales=[doc(n, "10/09/2025", "C01", "PIPE", 1, 100) for n in ("S/1", "S/2", "S/5")]
        + [doc("CN/1", "11/09/2025", "C01", "PIPE", 1, 100, Against="S/1", **CREDIT)]
    )
    found = gstr1(book.sales, SEPTEMBER, company_gstin=COMPANY_GSTIN, items=book.items)
    assert rows(found.docs, "nature", "first", "last", "total", "cancelled", "issued") == [
        (1, "S/1", "S/5", 5, 2, 3),
        (5, "CN/1", "CN/1", 1, 0, 1),
    ]


def test_a_b2b_invoice_to_a_party_with_an_invalid_gstin_is_left_out_and_said(september: Gstr1) -> None:
    parties = [[*p[:2], "27AKRPK5521M1ZX", *p[3:]] if p[0] == "C01" else p for p in PARTIES]
    book, _ = checked(parties=parties, items=ITEMS, sales=[doc("S/1", "10/09/2025", "C01", "PIPE", 1, 100)])
    found = gstr1(book.sales, SEPTEMBER, company_gstin=COMPANY_GSTIN, items=book.items)
    assert found.documents.empty
    assert rules(found.issues) == [("return-invalid-gstin", "Sales", "D2")]
    assert "27AKRPK5521M1ZX" in found.issues[0].message_en


def test_documents_with_errors_in_the_period_are_left_out_with_a_warning() -> None:
    book, _ = checked(sales=[doc("S/1", "10/09/2025", "C01", "NOPE", 1, 100)])
    found = gstr1(book.sales, SEPTEMBER, company_gstin=COMPANY_GSTIN, items=book.items)
    assert [(i.rule, i.severity.value, i.value) for i in found.issues] == [
        ("documents-left-out-of-return", "warning", "1")
    ]
    assert "09/2025" in found.issues[0].message_en


def test_the_b2cl_limit_was_two_and_a_half_lakh_before_august_2024() -> None:
    days = np.array(["2024-07-31", "2024-08-01"], dtype="datetime64[ns]")
    assert b2cl_limit(days).tolist() == [2_50_000_00, 1_00_000_00]


def test_summary_rows_keep_notes_apart_and_positive(september: Gstr1) -> None:
    tables = {(r["table"], r["description"].split(" / ")[0]): r for r in september.tables()}
    assert tables[("9B", "Credit notes, registered")]["taxable"] == 770_00
    assert tables[("9B", "Credit notes, unregistered")]["igst"] == 720_00
    assert tables[("12", "HSN summary")]["count"] == 6


# -- GSTR-3B ---------------------------------------------------------------------------------------

PURCHASES: list[dict[str, Any]] = [
    doc("SP/40", "01/04/2025", "V02", "CEM", 10, 300),
    doc("KI/101", "05/09/2025", "V01", "PIPE", 100, 300),
    doc("SP/55", "08/09/2025", "V02", "CEM", 50, 300),
    doc("BR/9", "10/09/2025", "V03", "FRT", 1, 12_345.67, **{"Reverse Charge": "Yes"}),
    doc("KH/7", "12/09/2025", "V01", "PIPE", 10, 500, **{"Place of Supply": "29"}),
    doc("KCN/1", "20/09/2025", "V01", "PIPE", 10, 300, Against="KI/101", **CREDIT),
]
PAYMENTS = [{"Number": "P/1", "Date": "10/05/2025", "Party": "V02", "Amount": 1_920, "Against": "SP/40"}]


@pytest.fixture(scope="module")
def september_3b() -> Gstr3b:
    book = book_of(sales=SALES, purchases=PURCHASES, payments=PAYMENTS)
    payables = allocation(book, PAYABLE, SEPTEMBER.end)
    return gstr3b(book.sales, book.purchases, SEPTEMBER, company_gstin=COMPANY_GSTIN, payables=payables)


def test_3_1_a_is_outward_taxable_supplies_net_of_credit_notes(september_3b: Gstr3b) -> None:
    """Taxable: 9,080.00 + 999.99 + 770.00 + 1,20,000.00 + 4,000.00 − 770.00 − 4,000.00 − 385.00 =
    1,29,694.99. IGST 180.00 + 21,600.00 + 720.00 − 720.00 = 21,780.00. CGST (= SGST) 470.70 +
    539.00 + 69.30 − 107.80 − 34.65 = 936.55. Reverse charge S/7 and nil-rated S/6 are not here."""
    assert september_3b.outward_taxable == Figures(1_29_694_99, 21_780_00, 936_55, 936_55, 0)


def test_3_1_c_holds_nil_rated_and_supplies_whose_tax_the_recipient_pays(september_3b: Gstr3b) -> None:
    """Rice ₹5,000.00 at 0% and freight ₹10,000.00 under reverse charge."""
    assert september_3b.outward_nil_exempt == Figures(15_000_00)
    assert september_3b.outward_zero_rated == Figures() == september_3b.outward_non_gst


def test_3_1_d_and_4_a_3_are_the_reverse_charge_purchases(september_3b: Gstr3b) -> None:
    """BR/9: ₹12,345.67 at 5% within the state: CGST 2.5% = ₹308.64175 → ₹308.64, SGST the same."""
    assert september_3b.inward_reverse_charge == Figures(12_345_67, 0, 308_64, 308_64, 0)
    assert september_3b.itc_reverse_charge == Figures(0, 0, 308_64, 308_64, 0)


def test_4_a_5_is_the_tax_on_bills_less_their_credit_notes(september_3b: Gstr3b) -> None:
    """KI/101: 100 m × ₹300 = ₹30,000 at 18% IGST ₹5,400.00, less KCN/1 ₹540.00 = ₹4,860.00. SP/55 of
    08/09/2025 (cement still at 28%): 50 × ₹300 = ₹15,000, CGST and SGST 14% = ₹2,100.00. SP/40 is
    April's; KH/7 is ineligible."""
    assert september_3b.itc_other == Figures(0, 4_860_00, 2_100_00, 2_100_00, 0)


def test_4_d_2_is_tax_charged_for_a_place_of_supply_outside_the_state(september_3b: Gstr3b) -> None:
    """KH/7 was supplied in Karnataka (a hotel, say): 10 × ₹500 = ₹5,000 with Karnataka's CGST and
    SGST 9% = ₹450.00 each — not creditable in Maharashtra."""
    assert september_3b.itc_ineligible_other == Figures(0, 0, 450_00, 450_00, 0)


def test_4_b_2_reverses_under_rule_37_the_credit_of_a_bill_unpaid_180_days(september_3b: Gstr3b) -> None:
    """SP/40 of 01/04/2025 (₹3,000 at 28%: CGST and SGST ₹420.00, value ₹3,840.00) was half paid
    (₹1,920.00 on 10/05/2025); its 180th day, 28/09/2025, falls in September: ₹420.00 × 1,920 /
    3,840 = ₹210.00 of each head is reversed."""
    assert september_3b.itc_reversed_other == Figures(0, 0, 210_00, 210_00, 0)


def test_4_c_is_available_less_reversed(september_3b: Gstr3b) -> None:
    """IGST 4,860.00; CGST and SGST 2,100.00 + 308.64 − 210.00 = 2,198.64."""
    assert september_3b.itc_net == Figures(0, 4_860_00, 2_198_64, 2_198_64, 0)


def test_gstr3b_rows_follow_the_form(september_3b: Gstr3b) -> None:
    tables = [t for t, _, _ in september_3b.rows()]
    assert tables[:5] == ["3.1 (a)", "3.1 (b)", "3.1 (c)", "3.1 (d)", "3.1 (e)"]
    assert tables[5:] == [
        "4 (A)(1)", "4 (A)(2)", "4 (A)(3)", "4 (A)(4)", "4 (A)(5)", "4 (B)(1)", "4 (B)(2)", "4 (C)",
        "4 (D)(1)", "4 (D)(2)",
    ]  # fmt: skip
    records = september_3b.as_records()
    assert records[0]["taxable"] == "129694.99"


def test_without_the_allocation_there_is_no_rule_37_reversal() -> None:
    book = book_of(purchases=PURCHASES, payments=PAYMENTS)
    found = gstr3b(book.sales, book.purchases, SEPTEMBER, company_gstin=COMPANY_GSTIN)
    assert found.itc_reversed_other == Figures()


def test_the_rate_change_on_22_september_2025_splits_a_months_cement_by_rate() -> None:
    """Cement sold within the state on 21/09/2025 at 28% (10 × ₹385 = ₹3,850, CGST ₹539.00) and on
    22/09/2025 at 18% (CGST ₹346.50): two HSN rows, and 3.1 (a) holds both."""
    book = book_of(
        sales=[
            doc("S/1", "21/09/2025", "C01", "CEM", 10, 385),
            doc("S/2", "22/09/2025", "C01", "CEM", 10, 385),
        ]
    )
    found = gstr1(book.sales, SEPTEMBER, company_gstin=COMPANY_GSTIN, items=book.items)
    assert rows(found.hsn, "hsn", "rate", "taxable", "cgst") == [
        ("2523", 1800, 3_850_00, 346_50),
        ("2523", 2800, 3_850_00, 539_00),
    ]
    summary = gstr3b(book.sales, book.purchases, SEPTEMBER, company_gstin=COMPANY_GSTIN)
    assert summary.outward_taxable == Figures(7_700_00, 0, 885_50, 885_50, 0)


def test_a_period_of_several_months_takes_every_document_in_it() -> None:
    book = book_of(sales=SALES)
    quarter = ReturnPeriod(dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert gstr1(book.sales, quarter, company_gstin=COMPANY_GSTIN, items=book.items).period.fp == "092025"
    october = gstr1(book.sales, ReturnPeriod.month(2025, 10), company_gstin=COMPANY_GSTIN, items=book.items)
    assert october.documents.empty
    assert october.b2cs.empty
    assert october.docs.empty


# -- GSTR-1 against GSTR-3B ------------------------------------------------------------------------


def test_gstr1_reaches_3_1_a_less_its_nil_rated_and_reverse_charge_lines(
    september: Gstr1, september_3b: Gstr3b
) -> None:
    """Table 12 holds S/6 (rice at 0%, 5,000.00) and S/7 (freight under reverse charge, 10,000.00,
    C/S 250.00 each), which 3.1 (a) does not: taken away, Table 12 is 3.1 (a) to the paisa."""
    found = gstr1_to_3_1_a(september, september_3b)
    assert [table for table, _, _ in found] == ["12", "3.1 (c)", "3.1 (a)"]
    assert found[1][2] == Figures(-15_000_00, 0, -250_00, -250_00, 0)
    assert found[0][2] + found[1][2] == september_3b.outward_taxable == found[-1][2]


def test_an_invoice_left_out_of_gstr1_is_named_with_why_between_gstr1_and_3b() -> None:
    """S/1 to C01, whose GSTIN fails its check character: not in GSTR-1, in 3.1 (a) (100.00 at 18%
    within the state: C/S 9.00 each); the reconciliation names it, its row and the reason."""
    parties = [[*p[:2], "27AKRPK5521M1ZX", *p[3:]] if p[0] == "C01" else p for p in PARTIES]
    book, _ = checked(parties=parties, items=ITEMS, sales=[doc("S/1", "10/09/2025", "C01", "PIPE", 1, 100)])
    outward = gstr1(book.sales, SEPTEMBER, company_gstin=COMPANY_GSTIN, items=book.items)
    summary = gstr3b(book.sales, book.purchases, SEPTEMBER, company_gstin=COMPANY_GSTIN)
    found = gstr1_to_3_1_a(outward, summary)
    assert [table for table, _, _ in found] == ["12", "3.1 (c)", "Sales row 2", "3.1 (a)"]
    _, description, figures = found[2]
    assert description.startswith("S/1 · ")
    assert "not in GSTR-1: the recipient's GSTIN 27AKRPK5521M1ZX is not valid" in description
    assert "मान्य नहीं" in description
    assert figures == Figures(100_00, 0, 9_00, 9_00, 0) == summary.outward_taxable

