"""Posting: every document a balanced voucher with a Bahi-owned number; never twice; never over a
manual entry of the same document; and the sub-ledger tied to the control accounts afterwards."""

from __future__ import annotations

from typing import Any

import pandas as pd

from addin.engine.trade.book import TradePosting, post_trade
from addin.engine.trade.posting import is_bahi_voucher
from tests.engine.trade_cases import SETTING_ROWS, checked, doc, line, rules


def posted(**documents: Any) -> TradePosting:
    book, _ = checked(**documents)
    return post_trade(book)


def voucher(outcome: TradePosting, number: str) -> list[tuple[str, int, int]]:
    lines = outcome.posting.lines
    chosen = lines[lines["voucher"] == number]
    return list(zip(chosen["account"], chosen["debit"], chosen["credit"], strict=True))


def journal_rows(outcome: TradePosting) -> list[list[Any]]:
    """The posted lines as Journal rows (what ``bahi post --write`` appends)."""
    return [
        [
            r["Date"],
            r["Voucher"],
            r["Account"],
            r["Debit"],
            r["Credit"],
            r["Narration"],
            r["Party"],
            r["Reference"],
        ]
        for r in outcome.posting.journal_rows()
    ]


SALE = doc("S/1", "10/04/2025", "C01", "PIPE", 12.5, 420.40, Discount=25)
SALE_LINE = line("CEM", 10, 385)


def test_a_sale_is_party_debited_sales_and_output_tax_credited_and_the_round_off() -> None:
    """The hand-worked invoice of the tax tests: value ₹11,099.00, taxable ₹9,080.00, CGST and SGST
    ₹1,009.70 each, round off ₹0.40 (a debit: the invoice was rounded down)."""
    outcome = posted(sales=[SALE, SALE_LINE])
    assert voucher(outcome, "SI#S/1") == [
        ("1131", 11_099_00, 0), ("4110", 0, 9_080_00), ("2121", 0, 1_009_70), ("2122", 0, 1_009_70),
        ("5395", 40, 0),
    ]  # fmt: skip
    first = outcome.posting.lines.iloc[0]
    assert (first["narration"], first["party"], first["reference"]) == (
        "Invoice S/1 to Ravi Kumar Enterprises",
        "Ravi Kumar Enterprises",
        "S/1",
    )


def test_an_inter_state_sale_and_a_walk_in_customer_without_an_account() -> None:
    outcome = posted(
        sales=[
            doc("S/2", "15/05/2025", "C03", "PIPE", 3, 333.33),
            doc("S/3", "16/05/2025", "C02", "PIPE", 1, 100),
        ]
    )
    assert voucher(outcome, "SI#S/2") == [("1132", 1_180_00, 0), ("4120", 0, 999_99), ("2123", 0, 180_00),
                                          ("5395", 0, 1)]  # fmt: skip
    assert voucher(outcome, "SI#S/3") == [("1130", 118_00, 0), ("4110", 0, 100_00), ("2121", 0, 9_00),
                                          ("2122", 0, 9_00)]  # fmt: skip
    walk_in = outcome.posting.lines[outcome.posting.lines["voucher"] == "SI#S/3"]
    assert set(walk_in["party"]) == {"Walk-in Customer"}


def test_a_credit_note_reverses_its_sale() -> None:
    outcome = posted(
        sales=[
            doc("S/1", "10/04/2025", "C01", "CEM", 10, 385),
            doc("CN/1", "25/09/2025", "C01", "CEM", 2, 385, Type="Credit Note", Against="S/1"),
        ]
    )
    assert voucher(outcome, "SCN#CN/1") == [
        ("1131", 0, 986_00), ("4110", 770_00, 0), ("2121", 107_80, 0), ("2122", 107_80, 0), ("5395", 40, 0),
    ]  # fmt: skip


def test_a_bill_from_another_state_and_a_reverse_charge_bill() -> None:
    """Kaveri's bill: Dr inter-state purchases and IGST input, Cr Kaveri, Cr round off ₹0.20. Balaji's
    freight under reverse charge: Dr Freight Inward (the item's account) and the input credit, Cr the
    CGST and SGST the company now owes, Cr Balaji the taxable value rounded (₹12,346.00)."""
    outcome = posted(
        purchases=[
            doc("KI/9", "05/06/2025", "V01", "PIPE", 40, 350.25),
            doc("SBR/1", "28/04/2025", "V03", "FRT", None, None, **{"Taxable Value": 12_345.67,
                                                                      "Reverse Charge": "Yes"}),
        ]
    )  # fmt: skip
    assert voucher(outcome, "PB#V01/KI/9") == [
        ("5120", 14_010_00, 0),
        ("1153", 2_521_80, 0),
        ("2111", 0, 16_532_00),
        ("5395", 20, 0),
    ]
    assert sorted(voucher(outcome, "PB#V03/SBR/1")) == sorted([
        ("5210", 12_345_67, 0), ("1151", 308_64, 0), ("1152", 308_64, 0), ("2121", 0, 308_64),
        ("2122", 0, 308_64), ("2113", 0, 12_346_00), ("5395", 33, 0),
    ])  # fmt: skip


def test_a_receipt_debits_the_bank_with_its_reference_and_credits_the_party_bill_by_bill() -> None:
    outcome = posted(
        sales=[SALE, SALE_LINE],
        receipts=[
            {"Number": "R/1", "Date": "20/04/2025", "Party": "C01", "Amount": 11_099, "Against": "S/1",
             "Reference": "UTR123"},
            {"Number": "R/1", "Date": "20/04/2025", "Party": "C01", "Amount": 5_000, "Against": "Opening",
             "Reference": "UTR123"},
        ],
    )  # fmt: skip
    lines = outcome.posting.lines[outcome.posting.lines["voucher"] == "RC#R/1"]
    assert list(zip(lines["account"], lines["debit"], lines["credit"], lines["reference"], strict=True)) == [
        ("1120", 16_099_00, 0, "UTR123"), ("1131", 0, 11_099_00, "S/1"), ("1131", 0, 5_000_00, "Opening"),
    ]  # fmt: skip


def test_a_payment_keeps_back_the_tds_and_credits_the_tds_payable_account() -> None:
    outcome = posted(payments=[{"Number": "P/1", "Date": "10/04/2025", "Party": "V03", "Amount": 40_000}])
    assert voucher(outcome, "PY#P/1") == [("2113", 40_000_00, 0), ("2134", 0, 800_00), ("1120", 0, 39_200_00)]
    tds_line = outcome.posting.lines[outcome.posting.lines["account"] == "2134"].iloc[0]
    assert tds_line["narration"] == "TDS u/s 194C on payment P/1 to Balaji Roadways"


def test_every_voucher_balances_and_carries_a_bahi_number() -> None:
    outcome = posted(
        sales=[SALE, SALE_LINE, doc("S/2", "15/05/2025", "C03", "PIPE", 3, 333.33)],
        purchases=[doc("KI/9", "05/06/2025", "V01", "PIPE", 40, 350.25)],
        receipts=[{"Number": "R/1", "Date": "20/04/2025", "Party": "C01", "Amount": 100}],
        payments=[{"Number": "P/1", "Date": "10/04/2025", "Party": "V03", "Amount": 40_000}],
    )
    lines = outcome.posting.lines
    sums = lines.groupby("voucher")[["debit", "credit"]].sum()
    assert (sums["debit"] == sums["credit"]).all()
    assert all(is_bahi_voucher(v) for v in sums.index)
    assert list(lines["date"]) == sorted(lines["date"])
    assert outcome.posting.count("posted") == 5


def test_posting_again_adds_nothing() -> None:
    documents = {
        "sales": [SALE, SALE_LINE],
        "purchases": [doc("KI/9", "05/06/2025", "V01", "PIPE", 40, 350.25)],
    }
    first = posted(**documents)
    again = posted(**documents, journal=journal_rows(first))
    assert len(again.posting.lines) == 0
    assert again.posting.count("already-posted") == 2
    assert again.issues == []


def test_a_posted_document_changed_since_is_reported() -> None:
    first = posted(sales=[SALE, SALE_LINE])
    changed = posted(sales=[SALE, line("CEM", 11, 385)], journal=journal_rows(first))
    assert rules(changed.issues) == [
        ("posted-document-changed", "Journal", "B2"),
        ("subledger-difference", "Parties", "A2"),  # the Journal still holds the old amount
    ]
    assert len(changed.posting.lines) == 0


def test_a_bill_already_entered_by_hand_is_reported_not_posted_twice() -> None:
    """The accountant typed Kaveri's bill KI/9 (₹16,532.00) into the Journal himself."""
    manual = [
        ["05/06/2025", "JV-7", "5120", 14_010, None, "Kaveri bill", "Kaveri Industries", "KI/9"],
        ["05/06/2025", "JV-7", "1153", 2_522, None, "Kaveri bill", "Kaveri Industries", "KI/9"],
        ["05/06/2025", "JV-7", "2111", None, 16_532, "Kaveri bill", "Kaveri Industries", "KI-9"],
    ]
    outcome = posted(purchases=[doc("KI/9", "05/06/2025", "V01", "PIPE", 40, 350.25)], journal=manual)
    assert rules(outcome.issues) == [("manual-duplicate", "Journal", "B4")]  # its line on Kaveri
    assert "JV-7" in outcome.issues[0].message_en
    assert "KI/9" in outcome.issues[0].message_en
    assert len(outcome.posting.lines) == 0
    assert outcome.posting.count("manual-duplicate") == 1
    assert outcome.tie.parties.set_index("party").loc["V01", "difference"] == 0


def test_a_manual_entry_for_another_amount_against_the_invoice_is_no_duplicate() -> None:
    """A ₹100 discount credited to Ravi against S/1 is an adjustment, not the invoice."""
    manual = [
        ["30/04/2025", "JV-8", "4110", 100, None, "Discount on S/1", "Ravi Kumar Enterprises", "S/1"],
        ["30/04/2025", "JV-8", "1131", None, 100, "Discount on S/1", "Ravi Kumar Enterprises", "S/1"],
    ]
    outcome = posted(sales=[SALE, SALE_LINE], journal=manual)
    assert outcome.posting.count("posted") == 1
    assert rules(outcome.issues) == [("subledger-difference", "Parties", "A2")]
    assert "100.00" in outcome.issues[0].message_en


def test_an_account_missing_from_accounts_keeps_the_documents_needing_it_unposted() -> None:
    settings = [*SETTING_ROWS, ["Round Off Account", "9999"]]
    outcome = posted(
        settings=settings, sales=[SALE, SALE_LINE, doc("S/2", "16/05/2025", "C02", "PIPE", 1, 100)]
    )
    assert [(i.rule, i.value) for i in outcome.issues] == [
        ("unknown-posting-account", "9999"),
        ("subledger-difference", "C01"),  # S/1 is Ravi's, and it stays unposted
    ]
    assert "Round Off Account" in outcome.issues[0].message_en
    assert set(outcome.posting.lines["voucher"]) == {"SI#S/2"}  # S/2 needs no round off


def test_after_posting_the_sub_ledger_ties_to_the_control_accounts() -> None:
    outcome = posted(
        sales=[SALE, SALE_LINE, doc("S/3", "16/05/2025", "C02", "PIPE", 1, 100)],
        purchases=[doc("KI/9", "05/06/2025", "V01", "PIPE", 40, 350.25)],
        receipts=[{"Number": "R/1", "Date": "20/04/2025", "Party": "C01", "Amount": 100}],
    )
    assert outcome.issues == []
    parties = outcome.tie.parties.set_index("party")
    assert int(parties.loc["C01", "ledger"]) == 20_000_00 + 11_099_00 - 100_00
    assert (outcome.tie.parties["difference"] == 0).all()
    assert (outcome.tie.controls["difference"] == 0).all()


def test_a_control_account_line_without_a_known_party_is_a_difference() -> None:
    manual = [
        ["30/04/2025", "JV-9", "1130", 500, None, "Unknown debtor", "Somebody", "X"],
        ["30/04/2025", "JV-9", "4110", None, 500, "Unknown debtor", "Somebody", "X"],
    ]
    outcome = posted(journal=manual)
    assert [(i.rule, i.value) for i in outcome.issues] == [("subledger-difference", "1130")]
    controls = outcome.tie.controls.set_index("account")
    assert int(controls.loc["1130", "difference"]) == 500_00


def test_journal_rows_are_rupees_and_dates_for_the_workbook() -> None:
    rows = posted(sales=[SALE, SALE_LINE]).posting.journal_rows()
    assert rows[0]["Date"] == pd.Timestamp("2025-04-10").date()
    assert (rows[0]["Debit"], rows[0]["Credit"]) == (11_099.0, None)
    assert rows[-1]["Voucher"] == "SI#S/1"
