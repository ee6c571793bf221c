"""BAHI.GSTSPLIT, BAHI.HSNVALID, BAHI.GSTRATE, BAHI.OUTSTANDING and BAHI.AGING, as a cell sees them.

A small trading book written inline: a Pune company (GSTIN state 27), a customer in Pune with 30
days' credit who owes ₹1,000 from before the year, and a vendor in Ahmedabad.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from xlwings import XlwingsError

from udfs import aging, gstrate, gstsplit, hsnvalid, outstanding
from udfs.trade import AGING_HEADINGS, TRADE_TABLES

Call = Callable[..., Any]
Row = list[Any]

APR_1, APR_10, MAY_1 = 45748.0, 45757.0, 45778.0  # Excel serials, as Office.js sends date cells
JUN_30 = dt.date(2025, 6, 30)

PARTIES = [
    ["Code", "Name", "GSTIN", "PAN", "State", "Type", "Credit Days", "MSME", "Account", "TDS Section"],
    ["C01", "Ravi Kumar Enterprises", "27AKRPK5521M1ZM", None, None, "Customer", 30.0, "No", 1131.0, None],
    ["V01", "Patel Hardware Stores", "24AAKFP7734Q1ZH", None, None, "Vendor", 15.0, "No", None, None],
]
ITEMS = [
    ["Code", "Name", "HSN", "Unit", "GST Rate", "Sales Account", "Purchase Account"],
    ["PIPE", "GI pipes", "7306", "MTR", 18.0, None, None],
    ["CEMENT", "Cement", "2523", "BAG", 28.0, None, None],
]
RATES = [["Item", "GST Rate", "Effective From"], ["CEMENT", 18.0, 45922.0]]  # 22 September 2025
SALE_HEADINGS = [
    "Type",
    "Number",
    "Date",
    "Party",
    "Place of Supply",
    "Item",
    "Qty",
    "Rate",
    "Discount",
    "Taxable Value",
    "GST Rate",
    "Reverse Charge",
    "Against",
]
SALES = [
    SALE_HEADINGS,
    [None, "S/1", APR_1, "C01", None, "PIPE", 10.0, 1000.0, None, None, None, None, None],  # 11,800 due 1 May
    [None, "S/2", MAY_1, "Ravi Kumar Enterprises", None, "PIPE", 5.0, 1000.0, None, None, None, None, None],
]
PURCHASES = [
    SALE_HEADINGS,
    [None, "P-77", APR_10, "V01", None, "PIPE", 20.0, 500.0, None, None, None, None, None],  # 11,800 IGST
]
RECEIPTS = [
    ["Number", "Date", "Party", "Amount", "Against", "Account", "Reference"],
    ["R1", APR_10, "C01", 1000.0, "Opening", None, None],
    ["R2", MAY_1, "C01", 5000.0, "S/1", None, None],
]
PAYMENTS = [["Number", "Date", "Party", "Amount", "Against", "Account", "Reference", "TDS Section", "TDS"]]
TDS = [["Section", "Nature", "Rate Individual", "Rate Others", "No PAN Rate", "Single Limit", "Yearly Limit"]]
TDS[0] += ["On Excess", "Account"]
ACCOUNTS = [
    ["Code", "Name", "Type", "Parent", "Opening Balance"],
    [1131.0, "Ravi Kumar Enterprises", "Asset", None, 1000.0],
]
SETTINGS = [
    ["Setting", "Value"],
    ["Financial Year", "2025-26"],
    ["Company GSTIN", "27ABVFS4821K1ZH"],
]
TABLES = (PARTIES, ITEMS, RATES, SALES, PURCHASES, RECEIPTS, PAYMENTS, TDS, ACCOUNTS, SETTINGS)


class TestGstSplit:
    def test_within_the_state_half_the_rate_each_to_cgst_and_sgst(self) -> None:
        assert gstsplit(1000, 18) == [[90.0, 90.0, 0.0]]
        assert gstsplit("₹ 1,000", "18%", True) == [[90.0, 90.0, 0.0]]

    def test_between_states_all_igst(self) -> None:
        assert gstsplit(1000, 18, False) == [[0.0, 0.0, 180.0]]
        assert gstsplit(1000, 18, "No") == [[0.0, 0.0, 180.0]]

    def test_each_half_rounds_to_the_paisa(self) -> None:
        assert gstsplit(10.05, 5) == [[0.25, 0.25, 0.0]]

    def test_a_rate_is_read_as_the_items_table_reads_it(self) -> None:
        assert gstsplit(1000, 0.25, False) == [[0.0, 0.0, 2.5]]  # 0.25 is 0.25%, not 25%

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("lots", 18), "taxable: 'lots' has letters or words"),
            ((1000, "high"), "rate: 'high' has letters or words"),
            ((1000, 120), "rate: a GST rate is from 0 to 100 percent — rate: जीएसटी दर 0 से 100 प्रतिशत"),
            ((1000, None), "rate: the cell is empty — rate: सेल खाली है"),
        ],
    )
    def test_bad_arguments_give_a_readable_error(self, args: tuple[Any, ...], message: str) -> None:
        with pytest.raises(XlwingsError, match=message):
            gstsplit(*args)

    @pytest.mark.parametrize("intra", [True, "Yes", "y", "TRUE", 1.0, "हाँ", None, ""])
    def test_intra_reads_yes_as_within_the_state(self, intra: Any) -> None:
        assert gstsplit(1000, 18, intra) == [[90.0, 90.0, 0.0]]

    @pytest.mark.parametrize("intra", [False, "no", "N", "FALSE", 0.0, "नहीं"])
    def test_intra_reads_no_as_between_states(self, intra: Any) -> None:
        assert gstsplit(1000, 18, intra) == [[0.0, 0.0, 180.0]]

    @pytest.mark.parametrize("intra", ["xyz", "maybe", 2.0])
    def test_an_intra_that_is_neither_yes_nor_no_is_an_error_not_igst(self, intra: Any) -> None:
        with pytest.raises(XlwingsError, match=r"intra: .* is neither yes nor no .* — intra: .* न हाँ है"):
            gstsplit(1000, 18, intra)

    def test_from_excel_spills_three_cells(self, call_excel: Call) -> None:
        assert call_excel("gstsplit", 1000.0, 18.0, None) == [[90.0, 90.0, 0.0]]


class TestHsnValid:
    def test_four_six_or_eight_digits(self) -> None:
        assert hsnvalid("7306") is True
        assert hsnvalid(730690.0) is True
        assert hsnvalid("12345") is False
        assert hsnvalid("73A6") is False

    def test_a_range_gives_one_answer_a_cell(self, call_excel: Call) -> None:
        assert call_excel("hsnvalid", [["7306", 998314.0, "", "12345"]]) == [[True, True, False, False]]


class TestGstRate:
    def test_the_items_rate_until_a_gst_rates_row_takes_over(self) -> None:
        assert gstrate(ITEMS, RATES, "CEMENT", dt.date(2025, 9, 21)) == 28.0
        assert gstrate(ITEMS, RATES, "cement", dt.date(2025, 9, 22)) == 18.0

    def test_by_name_and_with_no_rate_history(self, call_excel: Call) -> None:
        assert gstrate(ITEMS, None, "GI pipes", APR_1) == 18.0
        assert call_excel("gstrate", ITEMS, "", "PIPE", APR_1) == [[18.0]]

    def test_an_unknown_item_names_the_table(self) -> None:
        with pytest.raises(XlwingsError, match="item: 'BRICK' is not in the Items table"):
            gstrate(ITEMS, RATES, "BRICK", APR_1)

    @pytest.mark.parametrize(
        ("row", "said"),
        [
            (["CEMENT", 5.0, "31/09/2025"], r"GST Rates!C2: Cannot read '31/09/2025' as a date"),
            (["CEMENT", "abc", 45922.0], r"GST Rates!B2: Cannot read 'abc' as an amount"),
            (["CEMNT", 5.0, 45922.0], r"GST Rates!A2: Item 'CEMNT' is not in the Items table"),
        ],
    )
    def test_a_gst_rates_row_it_cannot_read_is_an_error_naming_the_row(self, row: Row, said: str) -> None:
        # the row might be the rate in force: answering the Items rate (28) would be a guess
        with pytest.raises(XlwingsError, match=f"{said}.* — .*[\u0900-\u097f]"):
            gstrate(ITEMS, [RATES[0], row], "CEMENT", dt.date(2025, 10, 1))


class TestOutstanding:
    def test_a_customer_owes_its_bills_less_what_it_paid(self) -> None:
        # opening 1,000 paid; S/1 11,800 less 5,000; S/2 5,900
        assert outstanding(*TABLES, "C01", JUN_30) == 12700.0

    def test_as_of_a_date_counts_only_what_happened_by_then(self) -> None:
        assert outstanding(*TABLES, "Ravi Kumar Enterprises", APR_10) == 11800.0

    def test_what_the_company_owes_a_vendor_is_negative(self) -> None:
        assert outstanding(*TABLES, "V01", JUN_30) == -11800.0

    def test_empty_optional_tables_may_be_left_out(self) -> None:
        tables = (PARTIES, ITEMS, None, SALES, PURCHASES, None, None, None, None, SETTINGS)
        assert outstanding(*tables, "V01", JUN_30) == -11800.0

    def test_an_unknown_party_names_the_table(self) -> None:
        with pytest.raises(XlwingsError, match="party: 'C99' is not in the Parties table"):
            outstanding(*TABLES, "C99", JUN_30)

    def test_from_excel(self, call_excel: Call) -> None:
        assert call_excel("outstanding", *TABLES, "C01", 45838.0) == [[12700.0]]  # 30 June 2025


class TestAging:
    def test_a_row_a_party_by_days_past_due_balance_in_dr_or_cr(self) -> None:
        # on 30 June: S/1 (due 1 May) is 60 days past due, S/2 (due 31 May) 30; P-77 (due 25 April) 66
        assert aging(*TABLES, None, JUN_30) == [
            AGING_HEADINGS,
            ["C01", 0.0, 5900.0, 6800.0, 0.0, 0.0, 0.0, 12700.0, "Dr"],
            ["V01", 0.0, 0.0, 0.0, 11800.0, 0.0, 0.0, 11800.0, "Cr"],
        ]

    def test_one_party(self) -> None:
        assert aging(*TABLES, "Patel Hardware Stores", JUN_30)[1:] == [
            ["V01", 0.0, 0.0, 0.0, 11800.0, 0.0, 0.0, 11800.0, "Cr"]
        ]

    def test_from_excel_with_party_and_date_left_out(self, call_excel: Call) -> None:
        rows = call_excel("aging", *TABLES, None, 45838.0)
        assert [r[0] for r in rows] == [AGING_HEADINGS[0], "C01", "V01"]

    def test_every_table_argument_is_documented_once(self) -> None:
        help_text = aging.__doc__ or ""
        assert all(f"{name}: " in help_text for name, _, _ in TRADE_TABLES)
