"""The portal's JSON of GSTR-1 and GSTR-3B: the offline tool's shape (GST3.2.4), checked against the
JSON Schema in ``tests/data/gst`` (written from GSTN's published field lists: see its README),
amounts with exactly two decimals computed from paise."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.gst_returns.gstr1 import gstr1
from addin.engine.gst_returns.gstr3b import gstr3b
from addin.engine.gst_returns.periods import ReturnPeriod
from addin.engine.gst_returns.portal_json import OFFLINE_TOOL_VERSION, dumps, gstr1_json, gstr3b_json, money
from addin.engine.trade.allocation import PAYABLE
from addin.engine.trade.book import allocation
from tests.engine.test_gst_returns import PAYMENTS, PURCHASES, SALES, SEPTEMBER, book_of
from tests.engine.trade_cases import COMPANY_GSTIN, RAVI_GSTIN, doc

SCHEMA_PATH = Path(__file__).parents[1] / "data" / "gst" / "gstr1_offline.schema.json"
AMOUNT_KEYS = "txval|val|iamt|camt|samt|csamt|qty|rt|nil_amt|expt_amt|ngsup_amt"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"), parse_float=Decimal)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def text() -> str:
    book = book_of(sales=SALES)
    return dumps(gstr1_json(gstr1(book.sales, SEPTEMBER, company_gstin=COMPANY_GSTIN, items=book.items)))


def parsed(text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text, parse_float=Decimal)
    return document


def errors(validator: jsonschema.Draft202012Validator, document: dict[str, Any]) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_gstr1_json_validates_against_the_schema_with_every_table(
    validator: jsonschema.Draft202012Validator, text: str
) -> None:
    document = parsed(text)
    assert errors(validator, document) == []
    assert list(document) == [
        "gstin", "fp", "version", "hash", "b2b", "b2cl", "b2cs", "cdnr", "cdnur", "nil", "hsn", "doc_issue",
    ]  # fmt: skip
    assert (document["gstin"], document["fp"], document["version"]) == (COMPANY_GSTIN, "092025", "GST3.2.4")
    assert OFFLINE_TOOL_VERSION == "GST3.2.4"


def test_every_amount_is_a_json_number_with_two_decimals(text: str) -> None:
    values = re.findall(rf'"(?:{AMOUNT_KEYS})": ([^,}}\]]+)', text)
    assert values
    assert all(re.fullmatch(r"-?\d+\.\d\d", v) for v in values), [v for v in values if "." not in v][:5]


def test_an_invoice_is_written_as_the_offline_tool_writes_it(text: str) -> None:
    """S/1 to Ravi: value ₹11,099.00; CGST+SGST items at 18% and 28% (no IGST key within a state)."""
    ravi = next(r for r in parsed(text)["b2b"] if r["ctin"] == RAVI_GSTIN)
    invoice = ravi["inv"][0]
    assert {k: invoice[k] for k in ("inum", "idt", "val", "pos", "rchrg", "inv_typ")} == {
        "inum": "S/1",
        "idt": "10-09-2025",
        "val": Decimal("11099.00"),
        "pos": "27",
        "rchrg": "N",
        "inv_typ": "R",
    }
    assert invoice["itms"] == [
        {"num": 1, "itm_det": {"txval": Decimal("5230.00"), "rt": 18, "camt": Decimal("470.70"),
                               "samt": Decimal("470.70"), "csamt": 0}},
        {"num": 2, "itm_det": {"txval": Decimal("3850.00"), "rt": 28, "camt": Decimal("539.00"),
                               "samt": Decimal("539.00"), "csamt": 0}},
    ]  # fmt: skip
    assert ravi["inv"][1]["rchrg"] == "Y"


def test_the_other_tables_carry_the_hand_worked_figures(text: str) -> None:
    document = parsed(text)
    assert document["b2cl"] == [
        {
            "pos": "29",
            "inv": [
                {
                    "inum": "S/4",
                    "idt": "23-09-2025",
                    "val": Decimal("141600.00"),
                    "itms": [
                        {
                            "num": 1,
                            "itm_det": {
                                "txval": Decimal("120000.00"),
                                "rt": 18,
                                "iamt": Decimal("21600.00"),
                                "csamt": 0,
                            },
                        }
                    ],
                }
            ],
        }
    ]
    assert [(r["sply_ty"], r["pos"], r["txval"]) for r in document["b2cs"]] == [
        ("INTRA", "27", Decimal("385.00")),
        ("INTER", "29", Decimal("4000.00")),
    ]
    assert document["cdnr"][0]["nt"][0]["ntty"] == "C"
    assert document["cdnur"][0]["typ"] == "B2CL"
    assert document["nil"] == {
        "inv": [{"sply_ty": "INTRAB2B", "expt_amt": 0, "nil_amt": Decimal("5000.00"), "ngsup_amt": 0}]
    }
    assert [r["hsn_sc"] for r in document["hsn"]["hsn_b2b"]] == ["1006", "2523", "7306", "996511"]
    assert document["doc_issue"]["doc_det"][0]["docs"][0] == {
        "num": 1, "from": "S/1", "to": "S/7", "totnum": 7, "cancel": 0, "net_issue": 7,
    }  # fmt: skip


def test_the_json_adds_up_to_the_paisa(text: str) -> None:
    """The B2B items' taxable values sum, as decimals, to the books' paise exactly."""
    b2b = parsed(text)["b2b"]
    total = sum(i["itm_det"]["txval"] for r in b2b for inv in r["inv"] for i in inv["itms"])
    assert total == Decimal("5230.00") + Decimal("3850.00") + Decimal("999.99") + Decimal("10000.00")


def test_before_may_2025_the_hsn_table_is_one_list(validator: jsonschema.Draft202012Validator) -> None:
    book = book_of(sales=[doc("S/1", "10/04/2025", "C01", "PIPE", 1, 100)])
    april = gstr1(book.sales, ReturnPeriod.month(2025, 4), company_gstin=COMPANY_GSTIN, items=book.items)
    document = parsed(dumps(gstr1_json(april)))
    assert list(document["hsn"]) == ["data"]
    assert errors(validator, document) == []


def test_a_return_without_supplies_has_only_its_header(validator: jsonschema.Draft202012Validator) -> None:
    book = book_of(sales=SALES)
    empty = gstr1(book.sales, ReturnPeriod.month(2025, 10), company_gstin=COMPANY_GSTIN, items=book.items)
    document = parsed(dumps(gstr1_json(empty)))
    assert document == {"gstin": COMPANY_GSTIN, "fp": "102025", "version": "GST3.2.4", "hash": "hash"}
    assert errors(validator, document) == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d.update(fp="13/2025"), "does not match"),
        (lambda d: d["b2b"][0]["inv"][0].update(idt="2025-09-10"), "does not match"),
        (lambda d: d["b2b"][0]["inv"][0]["itms"][0]["itm_det"].update(txvl=1), "Additional properties"),
        (
            lambda d: d["b2b"][0]["inv"][0]["itms"][0]["itm_det"].update(iamt=Decimal("1.00")),
            "is not valid under any",
        ),
        (lambda d: d["b2cs"][0].update(rt=Decimal("17")), "is not one of"),
        (lambda d: d["b2b"][0].update(ctin="27AKRPK5521M1Z"), "does not match"),
        (lambda d: d["b2b"][0]["inv"][0].update(val=Decimal("1.005")), "is not a multiple of"),
    ],
)
def test_the_schema_refuses_what_the_portal_would(
    validator: jsonschema.Draft202012Validator, text: str, change: Any, complaint: str
) -> None:
    document = copy.deepcopy(parsed(text))
    change(document)
    assert any(complaint in e for e in errors(validator, document))


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_money_is_written_exactly_from_paise(paise: int) -> None:
    written = dumps({"val": money(paise)})
    assert Decimal(json.loads(written, parse_float=str)["val"]) * 100 == paise
    assert re.fullmatch(r'\{"val": -?\d+\.\d\d\}', written)


def test_the_gstr3b_json_holds_tables_3_1_and_4() -> None:
    book = book_of(sales=SALES, purchases=PURCHASES, payments=PAYMENTS)
    summary = gstr3b(
        book.sales, book.purchases, SEPTEMBER, company_gstin=COMPANY_GSTIN,
        payables=allocation(book, PAYABLE, SEPTEMBER.end),
    )  # fmt: skip
    document = parsed(dumps(gstr3b_json(summary)))
    assert (document["gstin"], document["ret_period"]) == (COMPANY_GSTIN, "092025")
    assert document["sup_details"]["osup_det"] == {
        "txval": Decimal("129694.99"), "iamt": Decimal("21780.00"), "camt": Decimal("936.55"),
        "samt": Decimal("936.55"), "csamt": 0,
    }  # fmt: skip
    assert document["sup_details"]["osup_nil_exmp"] == {"txval": Decimal("15000.00")}
    assert [a["ty"] for a in document["itc_elg"]["itc_avl"]] == ["IMPG", "IMPS", "ISRC", "ISD", "OTH"]
    assert document["itc_elg"]["itc_avl"][4]["iamt"] == Decimal("4860.00")
    assert document["itc_elg"]["itc_rev"][1] == {
        "ty": "OTH", "iamt": 0, "camt": Decimal("210.00"), "samt": Decimal("210.00"), "csamt": 0,
    }  # fmt: skip
    assert document["itc_elg"]["itc_net"]["camt"] == Decimal("2198.64")
    assert document["itc_elg"]["itc_inelg"][1]["samt"] == Decimal("450.00")
