"""Receipts and payments bill by bill: allocation, aging, the party's ledger, MSME bills past their limit
(section 43B(h)) and TDS proposed from the TDSSections table."""

from __future__ import annotations

import datetime as dt

import pytest
from pandas.testing import assert_frame_equal

from addin.engine.issues import Severity
from addin.engine.trade.aging import BUCKETS
from addin.engine.trade.allocation import RECEIVABLE
from addin.engine.trade.book import aging_report, allocation, allocations, msme_report
from addin.engine.trade.msme import limit_days
from addin.engine.trade.party_ledger import party_ledger
from tests.engine.trade_cases import PARTY_ROWS, checked, doc, rules

YEAR_END = dt.date(2026, 3, 31)


def receipt(
    number: str, date: str, party: str, amount: object, against: str | None = None, **more: object
) -> dict[str, object]:
    return {"Number": number, "Date": date, "Party": party, "Amount": amount, "Against": against, **more}


# ------------------------------------------------------------------------------------------------
# allocation


def test_receipts_settle_the_bills_they_name_and_the_rest_stays_on_account() -> None:
    """Ravi owes ₹20,000 from last year and S/1 (10 m × ₹100 + 18% = ₹1,180). He pays ₹500 against S/1,
    ₹20,000 against Opening, ₹300 on account, ₹1,000 in advance, ₹200 against S/9 (no such bill) and
    ₹1,000 more against S/1, of which only ₹680 was pending."""
    book, issues = checked(
        sales=[doc("S/1", "10/04/2025", "C01", "PIPE", 10, 100)],
        receipts=[
            receipt("R/1", "20/04/2025", "C01", 500, "S/1"),
            receipt("R/2", "21/04/2025", "C01", 20_000, "Opening"),
            receipt("R/3", "22/04/2025", "C01", 300),
            receipt("R/4", "23/04/2025", "C01", 1_000, "Advance"),
            receipt("R/5", "24/04/2025", "C01", 200, "S/9"),
            receipt("R/6", "25/04/2025", "C01", 1_000, "S/1"),
        ],
    )
    assert rules(issues) == [("unknown-reference", "Receipts", "E6"), ("over-allocated", "Receipts", "E7")]
    assert issues[1].severity is Severity.WARNING
    assert "680.00" in issues[1].message_en
    assert "320.00" in issues[1].message_en
    receivable, _ = allocations(book)
    assert receivable.bills[["ref", "amount", "settled", "pending"]].to_dict("records") == [
        {"ref": "Opening", "amount": 20_000_00, "settled": 20_000_00, "pending": 0},
        {"ref": "S/1", "amount": 1_180_00, "settled": 1_180_00, "pending": 0},
    ]
    loose = receivable.unallocated[["kind", "amount"]].to_dict("records")
    assert loose == [
        {"kind": "on-account", "amount": 300_00},
        {"kind": "advance", "amount": 1_000_00},
        {"kind": "unknown", "amount": 200_00},
        {"kind": "excess", "amount": 320_00},
    ]
    assert int(receivable.balances()["C01"]) == -1_820_00  # he has paid ₹1,820 more than he owes


def test_a_credit_note_settles_the_invoice_it_names() -> None:
    book, _ = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "PIPE", 10, 100),
            doc("CN/1", "15/04/2025", "C01", "PIPE", 2, 100, Type="Credit Note", Against="S/1"),
        ]
    )
    receivable, _ = allocations(book)
    bill = receivable.bills[receivable.bills["ref"] == "S/1"].iloc[0]
    assert (int(bill["settled"]), int(bill["pending"])) == (236_00, 944_00)


def test_a_vendors_bills_are_payable_and_its_opening_credit_a_bill_too() -> None:
    book, _ = checked(
        purchases=[doc("KI/1", "10/04/2025", "V01", "PIPE", 10, 100)],
        payments=[receipt("P/1", "30/04/2025", "V01", 15_000, "Opening")],
    )
    _, payable = allocations(book)
    assert payable.bills[["party", "ref", "pending"]].to_dict("records") == [
        {"party": "V01", "ref": "Opening", "pending": 0},
        {"party": "V01", "ref": "KI/1", "pending": 1_180_00},
    ]


# ------------------------------------------------------------------------------------------------
# aging


def test_aging_puts_each_pending_bill_in_its_bucket_by_days_past_due() -> None:
    """Lakshmi has 45 days of credit; on 31/03/2026 her bills are due …"""
    book, _ = checked(
        sales=[
            doc("S/1", "01/04/2025", "C03", "PIPE", 10, 100),  # due 16/05/2025: 319 days past → 90+
            doc("S/2", "01/12/2025", "C03", "PIPE", 10, 100),  # due 15/01/2026: 75 days → 61-90
            doc("S/3", "01/01/2026", "C03", "PIPE", 10, 100),  # due 15/02/2026: 44 days → 31-60
            doc("S/4", "01/02/2026", "C03", "PIPE", 10, 100),  # due 18/03/2026: 13 days → 0-30
            doc("S/5", "01/03/2026", "C03", "PIPE", 10, 100),  # due 15/04/2026 → not due
        ],
        receipts=[receipt("R/1", "05/03/2026", "C03", 500)],
    )
    report = aging_report(book, "receivable", YEAR_END)
    lakshmi = report.bills[report.bills["party"] == "C03"]
    assert lakshmi[["ref", "days", "bucket"]].values.tolist() == [
        ["S/1", 319, "90+"], ["S/2", 75, "61-90"], ["S/3", 44, "31-60"], ["S/4", 13, "0-30"],
        ["S/5", -15, "not-due"],
    ]  # fmt: skip
    party = report.parties.set_index("party").loc["C03"]
    assert [int(party[b]) for b in BUCKETS] == [1_180_00] * 5
    assert (int(party["on_account"]), int(party["net"])) == (500_00, 5 * 1_180_00 - 500_00)


def test_aging_as_of_an_earlier_date_ignores_what_came_later() -> None:
    book, _ = checked(
        sales=[
            doc("S/1", "01/04/2025", "C03", "PIPE", 10, 100),
            doc("S/2", "01/06/2025", "C03", "PIPE", 10, 100),
        ],
        receipts=[receipt("R/1", "10/05/2025", "C03", 1_180, "S/1")],
    )
    report = aging_report(book, "receivable", dt.date(2025, 4, 30))
    lakshmi = report.bills[report.bills["party"] == "C03"]
    assert lakshmi[["ref", "pending", "bucket"]].values.tolist() == [["S/1", 1_180_00, "not-due"]]


def test_an_allocation_is_made_once_and_a_date_after_everything_is_everything() -> None:
    """The checks allocate everything; the aging at the year end and the GST returns at the last
    month's end, after every bill and payment, are that same allocation, not a new one. An earlier
    date is its own, the same as a book that has never allocated gives."""
    rows = {
        "sales": [
            doc("S/1", "01/04/2025", "C03", "PIPE", 10, 100),
            doc("S/2", "01/06/2025", "C03", "PIPE", 10, 100),
        ],
        "receipts": [receipt("R/1", "10/05/2025", "C03", 1_180, "S/1")],
    }
    book, _ = checked(**rows)
    everything, _ = allocations(book)
    assert allocation(book, RECEIVABLE, YEAR_END) is everything
    assert allocation(book, RECEIVABLE, dt.date(2025, 6, 1)) is everything  # S/2's own day: nothing later
    april = allocation(book, RECEIVABLE, dt.date(2025, 4, 30))
    assert april is not everything
    fresh, _ = checked(**rows)
    assert_frame_equal(april.bills, allocation(fresh, RECEIVABLE, dt.date(2025, 4, 30)).bills)
    assert_frame_equal(everything.bills, allocation(fresh, RECEIVABLE).bills)
    lakshmi = april.bills[april.bills["party"] == "C03"]
    assert lakshmi[["ref", "pending"]].values.tolist() == [["S/1", 1_180_00]]  # R/1 and S/2 came later


# ------------------------------------------------------------------------------------------------
# the party's ledger


def test_a_partys_ledger_runs_from_its_opening_balance() -> None:
    book, _ = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "PIPE", 10, 100),
            doc("CN/1", "15/04/2025", "C01", "PIPE", 2, 100, Type="Credit Note", Against="S/1"),
        ],
        receipts=[receipt("R/1", "20/04/2025", "C01", 20_000, "Opening")],
    )
    ledger = party_ledger(book, "C01")
    assert ledger.opening == 20_000_00
    assert ledger.entries[["kind", "number", "debit", "credit", "balance"]].values.tolist() == [
        ["Invoice", "S/1", 1_180_00, 0, 21_180_00],
        ["Credit Note", "CN/1", 0, 236_00, 20_944_00],
        ["Receipt", "R/1", 0, 20_000_00, 944_00],
    ]
    assert ledger.closing == 944_00
    assert party_ledger(book, "C01", start=dt.date(2025, 4, 16)).opening == 20_944_00


# ------------------------------------------------------------------------------------------------
# MSME: section 43B(h)


@pytest.mark.parametrize(("credit_days", "limit"), [(30, 30), (45, 45), (60, 45), (0, 15)])
def test_the_msmed_act_limit_is_the_agreed_days_at_most_45_else_15(credit_days: int, limit: int) -> None:
    assert limit_days(credit_days) == limit


def test_an_msme_bill_unpaid_past_its_limit_at_the_year_end_is_flagged() -> None:
    """Singh Packaging (micro/small, 30 days): a bill of 10/01/2026 unpaid on 31/03/2026 is 80 days old;
    one of 20/03/2026 is not yet due; one of 01/12/2025 paid on 20/12/2025 is settled."""
    book, issues = checked(
        purchases=[
            doc("SP/1", "01/12/2025", "V02", "PIPE", 10, 100),
            doc("SP/2", "10/01/2026", "V02", "PIPE", 10, 100),
            doc("SP/3", "20/03/2026", "V02", "PIPE", 10, 100),
        ],
        payments=[receipt("P/1", "20/12/2025", "V02", 1_180, "SP/1")],
    )
    assert rules(issues) == [("msme-overdue", "Purchases", "B3")]
    assert issues[0].severity is Severity.WARNING
    assert "80 days" in issues[0].message_en
    assert "43B(h)" in issues[0].message_en
    overdue = msme_report(book, YEAR_END)
    assert overdue.bills[["ref", "days", "limit"]].values.tolist() == [["SP/2", 80, 30]]
    assert overdue.disallowed == 1_180_00


# ------------------------------------------------------------------------------------------------
# TDS


def proposals(book: object) -> list[list[object]]:
    frame = book.tds.frame  # type: ignore[attr-defined]
    return frame[["section", "rate", "base", "tds"]].values.tolist()


def test_194c_taxes_a_payment_above_30000_and_all_of_the_year_once_past_100000() -> None:
    """Balaji Roadways (a firm: 2%), on account: ₹25,000 and ₹28,000 (below both limits); ₹35,000 (above
    ₹30,000: ₹700); ₹20,000 takes the year past ₹1,00,000: ₹20,000 and the untaxed ₹53,000 (₹1,460);
    then ₹5,000 (₹100)."""
    book, issues = checked(
        payments=[
            receipt("P/1", "10/04/2025", "V03", 25_000),
            receipt("P/2", "10/05/2025", "V03", 28_000),
            receipt("P/3", "10/06/2025", "V03", 35_000),
            receipt("P/4", "10/07/2025", "V03", 20_000),
            receipt("P/5", "10/08/2025", "V03", 5_000),
        ]
    )
    assert issues == []
    assert [row[3] for row in proposals(book)] == [0, 0, 700_00, 1_460_00, 100_00]
    assert {row[0] for row in proposals(book)} == {"194C"}


def test_tds_is_on_the_amount_without_the_bills_gst() -> None:
    """A ₹50,000 + 18% bill paid in full (₹59,000): TDS 2% on ₹50,000 = ₹1,000 (circular 23/2017)."""
    book, _ = checked(
        purchases=[doc("SBR/1", "01/05/2025", "V03", "PIPE", 500, 100)],
        payments=[receipt("P/1", "10/05/2025", "V03", 59_000, "SBR/1")],
    )
    assert proposals(book) == [["194C", 200, 50_000_00, 1_000_00]]


def test_194q_taxes_only_what_passes_50_lakh_in_the_year() -> None:
    book, _ = checked(
        payments=[
            receipt("P/1", "10/04/2025", "V01", 40_00_000, **{"TDS Section": "194Q"}),
            receipt("P/2", "10/05/2025", "V01", 20_00_000, **{"TDS Section": "194-q"}),
        ]
    )
    assert proposals(book) == [["194Q", 10, 40_00_000_00, 0], ["194Q", 10, 20_00_000_00, 1_000_00]]


def test_without_a_pan_the_no_pan_rate_applies() -> None:
    parties = [*PARTY_ROWS, ["V09", "Ramesh Tempo", None, None, "27", "Vendor", None, None, None, "194C"]]
    book, _ = checked(parties=parties, payments=[receipt("P/1", "10/04/2025", "V09", 40_000)])
    assert proposals(book) == [["194C", 2000, 40_000_00, 8_000_00]]


def test_a_typed_tds_is_posted_but_a_difference_from_the_proposal_is_a_warning() -> None:
    book, issues = checked(payments=[receipt("P/1", "10/04/2025", "V03", 40_000, TDS=400)])
    assert rules(issues) == [("tds-differs", "Payments", "I2")]
    assert "800.00" in issues[0].message_en
    assert proposals(book) == [["194C", 200, 40_000_00, 400_00]]


def test_an_unknown_section_is_an_error() -> None:
    _, issues = checked(payments=[receipt("P/1", "10/04/2025", "V03", 40_000, **{"TDS Section": "194Z"})])
    assert rules(issues) == [("unknown-tds-section", "Payments", "H2")]
