"""Reading Sales and Purchases into documents, and the checks on them: each problem an issue at the
cell to fix, in English and Hindi; a document that cannot be taxed for certain is kept out (``ok``).
"""

from __future__ import annotations

import numpy as np
import pytest

from addin.engine.issues import Severity
from addin.engine.messages import MESSAGES
from addin.engine.rules import Rule, severity_of
from addin.engine.trade.duplicates import normalise_number
from addin.engine.trade.invoice_rules import is_valid_invoice_number
from addin.engine.trade.items import is_valid_hsn
from tests.engine.trade_cases import LAKSHMI_GSTIN, PARTY_ROWS, SETTING_ROWS, checked, doc, line, rules

DEVANAGARI = range(0x0900, 0x0980)


def oks(book: object, side: str = "sales") -> dict[str, bool]:
    docs = getattr(book, side).documents
    return dict(zip(docs["number"], docs["ok"], strict=True))


# ------------------------------------------------------------------------------------------------
# documents and their lines


def test_lines_below_a_numbered_row_continue_its_document() -> None:
    book, issues = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "PIPE", 2, 100),
            line("CEM", 1, 385),
            line("PIPE", 1, 100),
            doc("S/2", "11/04/2025", "C03", "PIPE", 1, 100),
        ]
    )
    assert issues == []
    docs = book.sales.documents
    assert docs[["number", "row", "lines"]].to_dict("records") == [
        {"number": "S/1", "row": 2, "lines": 3},
        {"number": "S/2", "row": 5, "lines": 1},
    ]
    assert book.sales.lines["doc"].tolist() == [0, 0, 0, 1]
    assert book.sales.lines["number"].tolist() == ["S/1", "S/1", "S/1", "S/2"]


def test_a_header_repeated_on_every_line_is_the_same_document() -> None:
    book, issues = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "PIPE", 2, 100),
            doc("S/1", "10/04/2025", "C01", "CEM", 1, 385),
        ]
    )
    assert issues == []
    assert len(book.sales.documents) == 1


def test_a_later_line_disagreeing_with_the_first_is_inconsistent() -> None:
    book, issues = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "PIPE", 2, 100),
            doc("S/1", "12/04/2025", "C01", "CEM", 1, 385),
        ]
    )
    assert rules(issues) == [("inconsistent-document", "Sales", "C3")]
    assert "row 2" in issues[0].message_en
    assert book.sales.documents["date"].tolist() == [np.datetime64("2025-04-10")]


def test_a_line_before_any_number_belongs_to_no_document() -> None:
    book, issues = checked(sales=[line("PIPE", 1, 100), doc("S/1", "10/04/2025", "C01", "PIPE", 1, 100)])
    assert rules(issues) == [("missing-document-number", "Sales", "B2")]
    assert len(book.sales.lines) == 1


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"Party": "C99"}, [("unknown-party", "Sales", "D2")]),
        ({"Party": None}, [("unknown-party", "Sales", "D2")]),
        ({"Item": "NAILS"}, [("unknown-item", "Sales", "F2")]),
        ({"Date": None}, [("missing-date", "Sales", "C2")]),
        ({"Date": "31/02/2025"}, [("unreadable-date", "Sales", "C2")]),
        ({"Rate": "abc"}, [("unreadable-amount", "Sales", "H2")]),
        ({"Rate": None, "Qty": None}, [("no-taxable-value", "Sales", "J2")]),
        ({"Qty": -2}, [("negative-amount", "Sales", "G2")]),
        ({"Type": "Quotation"}, [("invalid-document-type", "Sales", "A2")]),
        ({"Place of Supply": "Atlantis"}, [("invalid-state", "Sales", "E2")]),
        ({"Date": "10/04/2026"}, [("outside-financial-year", "Sales", "C2")]),
    ],
)
def test_a_document_that_cannot_be_taxed_for_certain_is_reported_and_not_ok(
    cells: dict[str, object], expected: list[tuple[str, str, str]]
) -> None:
    row = {**doc("S/1", "10/04/2025", "C01", "PIPE", 2, 100), **cells}
    book, issues = checked(sales=[row])
    assert rules(issues) == expected
    assert issues[0].severity is Severity.ERROR
    assert oks(book) == {"S/1": False}


def test_messages_say_the_cell_and_the_fix_in_english_and_hindi() -> None:
    _, issues = checked(sales=[doc("S/1", "10/04/2025", "C99", "PIPE", 2, 100)])
    issue = issues[0]
    assert issue.message_en == "Party 'C99' is not in the Parties table."
    assert any(ord(ch) in DEVANAGARI for ch in issue.message_hi + issue.fix_hi)
    assert "Parties" in issue.fix_en


def test_a_typed_taxable_value_wins_but_a_difference_from_qty_times_rate_is_an_error() -> None:
    book, issues = checked(sales=[doc("S/1", "10/04/2025", "C01", "PIPE", 2, 100, **{"Taxable Value": 210})])
    assert rules(issues) == [("taxable-value-mismatch", "Sales", "J2")]
    assert "2,10.00" not in issues[0].message_en
    assert "210.00" in issues[0].message_en
    assert book.sales.lines["taxable"].tolist() == [210_00]
    assert oks(book) == {"S/1": True}


def test_a_service_line_may_give_only_its_taxable_value() -> None:
    book, issues = checked(purchases=[doc("SBR/1", "10/04/2025", "V03", "FRT", **{"Taxable Value": 5000})])
    assert issues == []
    assert book.purchases.lines[["qty", "taxable", "rate"]].iloc[0].tolist() == [0, 5_000_00, 500]


def test_place_of_supply_defaults_to_the_recipients_state_and_a_different_one_is_a_warning() -> None:
    book, issues = checked(
        sales=[doc("S/1", "10/04/2025", "C03", "PIPE", 1, 100, **{"Place of Supply": "27-Maharashtra"})]
    )
    assert rules(issues) == [("place-of-supply-mismatch", "Sales", "E2")]
    assert issues[0].severity is Severity.WARNING
    lines = book.sales.lines
    assert lines[["place_of_supply", "intra", "cgst", "igst"]].iloc[0].tolist() == ["27", True, 9_00, 0]


def test_a_party_without_gstin_or_state_leaves_the_place_of_supply_unknown() -> None:
    parties = [*PARTY_ROWS, ["C09", "Somebody", None, None, None, "Customer", None, None, None, None]]
    book, issues = checked(parties=parties, sales=[doc("S/1", "10/04/2025", "C09", "PIPE", 1, 100)])
    assert rules(issues) == [("invalid-state", "Sales", "D2")]
    assert "C09" in issues[0].message_en
    assert oks(book) == {"S/1": False}


def test_without_the_company_gstin_nothing_can_be_taxed() -> None:
    settings = [r for r in SETTING_ROWS if r[0] != "Company GSTIN"]
    book, issues = checked(settings=settings, sales=[doc("S/1", "10/04/2025", "C01", "PIPE", 1, 100)])
    assert rules(issues) == [("company-gstin", "Settings", "")]
    assert oks(book) == {"S/1": False}


def test_an_unusual_gst_rate_is_a_warning() -> None:
    _, issues = checked(sales=[doc("S/1", "10/04/2025", "C01", "PIPE", 1, 100, **{"GST Rate": 17})])
    assert ("invalid-gst-rate", "Sales", "K2") in rules(issues)


# ------------------------------------------------------------------------------------------------
# CGST rule 46


@pytest.mark.parametrize(
    ("number", "variant"),
    [("SGT/2025-2026/00001", "length"), ("INV#1", "characters"), ("INV 1", "characters")],
)
def test_an_invoice_number_breaking_rule_46b_is_an_error(number: str, variant: str) -> None:
    book, issues = checked(sales=[doc(number, "10/04/2025", "C01", "PIPE", 1, 100)])
    assert rules(issues) == [("invalid-invoice-number", "Sales", "B2")]
    assert ("16" in issues[0].message_en) == (variant == "length")
    assert oks(book) == {number: True}  # issued all the same: it is posted


def test_rule_46b_number_shapes() -> None:
    assert is_valid_invoice_number("SGT/25-26/0001")
    assert is_valid_invoice_number("A" * 16)
    assert not is_valid_invoice_number("A" * 17)
    assert not is_valid_invoice_number("")


def test_a_number_used_twice_in_a_year_is_a_duplicate_and_the_second_is_not_posted() -> None:
    book, issues = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "PIPE", 1, 100),
            doc("S/2", "11/04/2025", "C01", "PIPE", 1, 100),
            doc("s/1", "12/05/2025", "C03", "PIPE", 1, 100),
        ]
    )
    assert rules(issues) == [("duplicate-invoice-number", "Sales", "B4")]
    assert "row 2" in issues[0].message_en
    assert "2025-26" in issues[0].message_en
    assert issues[0].message_en.startswith("Invoice number s/1 was already used")
    assert issues[0].message_hi.startswith("बीजक संख्या s/1 ")  # the document's kind in Hindi, too
    assert "Invoice" not in issues[0].message_hi
    assert book.sales.documents["ok"].tolist() == [True, True, False]


def test_credit_notes_may_have_their_own_series() -> None:
    _, issues = checked(
        sales=[
            doc("1", "10/04/2025", "C01", "PIPE", 1, 100),
            doc("1", "15/04/2025", "C01", "PIPE", 1, 100, Type="Credit Note", Against="1"),
        ]
    )
    assert issues == []


def test_a_gap_in_a_series_is_a_warning_at_the_number_after_it() -> None:
    _, issues = checked(
        sales=[
            doc("SGT/0001", "10/04/2025", "C01", "PIPE", 1, 100),
            doc("SGT/0002", "11/04/2025", "C01", "PIPE", 1, 100),
            doc("SGT/0005", "12/04/2025", "C01", "PIPE", 1, 100),
            doc("CN/1", "13/04/2025", "C01", "PIPE", 1, 100, Type="Credit Note", Against="SGT/0001"),
        ]
    )
    assert rules(issues) == [("invoice-series-gap", "Sales", "B4")]
    assert issues[0].severity is Severity.WARNING
    assert "SGT/0002" in issues[0].message_en
    assert "2 number(s)" in issues[0].message_en


def test_a_note_must_name_an_existing_invoice_of_its_party() -> None:
    _, issues = checked(
        sales=[
            doc("S/1", "10/04/2025", "C01", "PIPE", 1, 100),
            doc("CN/1", "11/04/2025", "C01", "PIPE", 1, 100, Type="Credit Note", Against="S/9"),
            doc("CN/2", "12/04/2025", "C03", "PIPE", 1, 100, Type="Credit Note", Against="S/1"),
            doc("CN/3", "13/04/2025", "C01", "PIPE", 1, 100, Type="Credit Note"),
        ]
    )
    assert rules(issues) == [
        ("note-without-invoice", "Sales", "M3"),
        ("note-without-invoice", "Sales", "M4"),
        ("note-without-invoice", "Sales", "M5"),
    ]
    assert issues[2].message_en == "This credit note does not say which invoice it adjusts."
    assert [i.message_hi.split(" ")[1:3] for i in issues] == [["क्रेडिट", "नोट"]] * 3


# ------------------------------------------------------------------------------------------------
# parties and items


def test_party_gstin_pan_and_state_are_checked() -> None:
    parties = [
        ["C01", "Ravi", "27AKRPK5521M1ZX", None, None, "Customer", None, None, None, None],
        ["C02", "Lakshmi", LAKSHMI_GSTIN, "AAEFL9042Q", "27", "Customer", None, None, None, None],
        ["C03", "Odd", None, "ABC", "Atlantis", "Friend", "soon", None, None, None],
        ["C03", "Again", None, None, "27", "Vendor", None, None, None, None],
    ]
    book, issues = checked(parties=parties)
    found = {(i.rule, i.cell) for i in issues}
    assert found == {
        ("invalid-gstin", "C2"),
        ("gstin-state-mismatch", "E3"),
        ("invalid-pan", "D3"),
        ("duplicate-party", "A5"),
        ("invalid-party-type", "F4"),
        ("invalid-state", "E4"),
        ("invalid-pan", "D4"),
        ("unreadable-amount", "G4"),
    }
    gstin = next(i for i in issues if i.rule == "invalid-gstin")
    assert "check character" in gstin.message_en
    expected = gstin.message_en.split("expected ")[1][:3]  # "'4'": what the check character should be
    assert f"जाँच अक्षर 'X' है, अपेक्षित {expected}" in gstin.message_hi  # the English's detail, in Hindi
    assert book.parties["state"].tolist()[:2] == ["27", "29"]  # the GSTIN's digits, even when not valid


def test_hsn_codes_must_have_4_6_or_8_digits() -> None:
    items = [
        ["A", "a", "7306", "NOS", 18, None, None],
        ["B", "b", "85365", "NOS", 18, None, None],
        ["C", "c", "996511", "NOS", 5, None, None],
        ["D", "d", "73O6", "NOS", 18, None, None],
        ["E", "e", None, "NOS", 18, None, None],
        ["CEM", "Cement", "2523", "BAG", 18, None, None],
    ]
    _, issues = checked(items=items)
    assert rules(issues) == [
        ("invalid-hsn", "Items", "C3"), ("invalid-hsn", "Items", "C5"), ("invalid-hsn", "Items", "C6"),
    ]  # fmt: skip
    assert issues[-1].message_en == "The item has no HSN/SAC code."
    assert is_valid_hsn("73061100")


# ------------------------------------------------------------------------------------------------
# vendors' bills entered twice


def test_normalised_bill_numbers() -> None:
    assert normalise_number("KI/0045") == normalise_number("ki-45") == "KI45"
    assert normalise_number("INV 2025/07") == "INV20257"


def test_the_same_bill_entered_twice_is_an_error_and_only_the_first_is_posted() -> None:
    book, issues = checked(
        purchases=[
            doc("KI/0045", "10/04/2025", "V01", "PIPE", 10, 300),
            doc("KI-45", "12/04/2025", "V01", "PIPE", 10, 300),
            doc("KI/45", "12/04/2025", "V03", "PIPE", 10, 300),
        ]
    )
    assert rules(issues) == [("duplicate-bill", "Purchases", "B3")]
    assert "KI/0045" in issues[0].message_en
    assert book.purchases.documents["ok"].tolist() == [True, False, True]


def test_the_same_amount_from_a_party_within_a_week_is_a_possible_duplicate() -> None:
    _, issues = checked(
        purchases=[
            doc("KI/100", "10/04/2025", "V01", "PIPE", 10, 300),
            doc("KI/107", "15/04/2025", "V01", "PIPE", 10, 300),
            doc("KI/200", "30/04/2025", "V01", "PIPE", 10, 300),
        ]
    )
    assert rules(issues) == [("possible-duplicate-bill", "Purchases", "B3")]
    assert issues[0].severity is Severity.WARNING
    assert "5 day(s)" in issues[0].message_en


# ------------------------------------------------------------------------------------------------
# the rules' catalogue

RULES = list(Rule)
TRADE_RULES = RULES[RULES.index(Rule.DUPLICATE_PARTY) : RULES.index(Rule.SUBLEDGER_DIFFERENCE) + 1]
"""The rules of the trade block (the GST returns' rules follow it)."""


@pytest.mark.parametrize("rule", TRADE_RULES, ids=str)
def test_every_trade_rule_has_a_message_and_a_fix_in_english_and_hindi(rule: Rule) -> None:
    message = MESSAGES[rule]
    assert message.en
    assert message.fix_en
    assert any(ord(ch) in DEVANAGARI for ch in message.hi)
    assert any(ord(ch) in DEVANAGARI for ch in message.fix_hi)


def test_the_trade_rules_warn_only_where_the_books_may_be_right() -> None:
    warnings = {rule.value for rule in TRADE_RULES if severity_of(rule) is Severity.WARNING}
    assert warnings == {
        "invoice-series-gap", "place-of-supply-mismatch", "invalid-gst-rate", "over-allocated",
        "possible-duplicate-bill", "msme-overdue", "tds-differs",
    }  # fmt: skip
