"""A small trading book written inline, for the trade engine's specification tests.

The company is in Maharashtra (27). Parties: Ravi (C01, Maharashtra, own account 1131, 30 days), a
walk-in customer (C02, no GSTIN, posted to Sundry Debtors), Lakshmi (C03, Karnataka), Kaveri (V01,
Karnataka, 2111), Singh Packaging (V02, Maharashtra, MSME, 30 days, 2112) and Balaji Roadways (V03,
a transporter: 194C, 2113). Items: GI pipes (18%), cement (28% until 21/09/2025, then 18%) and road
freight (SAC 996511, 5%, bought into Freight Inward). Tests add Sales, Purchases, Receipts, Payments
and Journal rows by English column name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from addin.engine.load import load_ledger
from addin.engine.schema import (
    ACCOUNTS,
    GST_RATES,
    ITEMS,
    JOURNAL,
    PARTIES,
    PAYMENTS,
    PURCHASES,
    RECEIPTS,
    SALES,
    SETTINGS,
    TDS_SECTIONS,
    TableSpec,
)
from addin.engine.tables import RawTable
from addin.engine.trade.book import TradeBook, validate_trade
from workbook_templates.chart import gstin

COMPANY_GSTIN = gstin("27", "ABVFS4821K")
RAVI_GSTIN = gstin("27", "AKRPK5521M")
LAKSHMI_GSTIN = gstin("29", "AAEFL9042R")
KAVERI_GSTIN = gstin("29", "AACCK8830P")
SINGH_GSTIN = gstin("27", "ACZPS9904G")
BALAJI_GSTIN = gstin("27", "AAKFB3307M")

ACCOUNT_ROWS: list[list[Any]] = [
    ["1110", "Cash", "Asset", "", 10_000],
    ["1120", "Bank", "Asset", "", 5_00_000],
    ["1130", "Sundry Debtors", "Asset", "", 0],
    ["1131", "Ravi Kumar Enterprises", "Asset", "1130", 20_000],
    ["1132", "Lakshmi Agencies", "Asset", "1130", 0],
    ["1151", "CGST Input", "Asset", "", 0],
    ["1152", "SGST Input", "Asset", "", 0],
    ["1153", "IGST Input", "Asset", "", 0],
    ["2110", "Sundry Creditors", "Liability", "", 0],
    ["2111", "Kaveri Industries", "Liability", "2110", -15_000],
    ["2112", "Singh Packaging", "Liability", "2110", 0],
    ["2113", "Balaji Roadways", "Liability", "2110", 0],
    ["2121", "CGST Payable", "Liability", "", 0],
    ["2122", "SGST Payable", "Liability", "", 0],
    ["2123", "IGST Payable", "Liability", "", 0],
    ["2134", "TDS Payable 194C", "Liability", "", 0],
    ["2135", "TDS Payable 194Q", "Liability", "", 0],
    ["3100", "Capital", "Equity", "", -5_15_000],
    ["4110", "Sales - Local", "Income", "", 0],
    ["4120", "Sales - Inter-state", "Income", "", 0],
    ["5110", "Purchases - Local", "Expense", "", 0],
    ["5120", "Purchases - Inter-state", "Expense", "", 0],
    ["5210", "Freight Inward", "Expense", "", 0],
    ["5395", "Round Off", "Expense", "", 0],
]
PARTY_ROWS: list[list[Any]] = [
    ["C01", "Ravi Kumar Enterprises", RAVI_GSTIN, None, None, "Customer", 30, "No", "1131", None],
    ["C02", "Walk-in Customer", None, None, "27", "Customer", None, None, None, None],
    ["C03", "Lakshmi Agencies", LAKSHMI_GSTIN, None, None, "Customer", 45, None, "1132", None],
    ["V01", "Kaveri Industries", KAVERI_GSTIN, None, None, "Vendor", 45, "No", "2111", None],
    ["V02", "Singh Packaging", SINGH_GSTIN, None, None, "Vendor", 30, "Yes", "2112", None],
    ["V03", "Balaji Roadways", BALAJI_GSTIN, None, None, "Vendor", 15, "No", "2113", "194C"],
]
ITEM_ROWS: list[list[Any]] = [
    ["PIPE", "GI pipes", "7306", "MTR", 18, None, None],
    ["CEM", "Cement (50 kg bag)", "2523", "BAG", 18, None, None],
    ["FRT", "Road freight (GTA)", "996511", "NOS", 5, None, "5210"],
]
RATE_ROWS: list[list[Any]] = [["CEM", 28, "01/07/2017"], ["CEM", 18, "22/09/2025"]]
TDS_ROWS: list[list[Any]] = [
    ["194C", "Contractors", 1, 2, 20, 30_000, 1_00_000, "No", "2134"],
    ["194Q", "Purchase of goods", 0.1, 0.1, 5, None, 50_00_000, "Yes", "2135"],
]
SETTING_ROWS: list[list[Any]] = [
    ["Financial Year", "2025-26"],
    ["Bank Account", "1120"],
    ["Company GSTIN", COMPANY_GSTIN],
]


def columns(spec: TableSpec) -> list[str]:
    return [c.en for c in spec.columns if not c.owned]


def table(spec: TableSpec, rows: Sequence[Sequence[Any] | dict[str, Any]]) -> RawTable:
    """``spec``'s table at A1 of its sheet; a row may be a list (in column order) or a dict of cells."""
    names = columns(spec)
    body = [[r.get(n) for n in names] if isinstance(r, dict) else list(r) for r in rows]
    return RawTable.from_rows(spec.name, spec.sheet, [names, *body])


def tables(
    *,
    sales: Sequence[dict[str, Any]] = (),
    purchases: Sequence[dict[str, Any]] = (),
    receipts: Sequence[dict[str, Any]] = (),
    payments: Sequence[dict[str, Any]] = (),
    journal: Sequence[Sequence[Any]] = (),
    parties: Sequence[Sequence[Any]] = tuple(PARTY_ROWS),
    items: Sequence[Sequence[Any]] = tuple(ITEM_ROWS),
    settings: Sequence[Sequence[Any]] = tuple(SETTING_ROWS),
    accounts: Sequence[Sequence[Any]] = tuple(ACCOUNT_ROWS),
) -> dict[str, RawTable | None]:
    """Every table of the inline book, with the documents given."""
    return {
        ACCOUNTS.name: RawTable.from_rows(
            ACCOUNTS.name, ACCOUNTS.sheet, [["Code", "Name", "Type", "Parent", "Opening Balance"], *accounts]
        ),
        JOURNAL.name: RawTable.from_rows(
            JOURNAL.name,
            JOURNAL.sheet,
            [["Date", "Voucher", "Account", "Debit", "Credit", "Narration", "Party", "Reference"], *journal],
        ),
        SETTINGS.name: RawTable.from_rows(SETTINGS.name, SETTINGS.sheet, [["Setting", "Value"], *settings]),
        PARTIES.name: table(PARTIES, parties),
        ITEMS.name: table(ITEMS, items),
        GST_RATES.name: table(GST_RATES, RATE_ROWS),
        SALES.name: table(SALES, sales),
        PURCHASES.name: table(PURCHASES, purchases),
        RECEIPTS.name: table(RECEIPTS, receipts),
        PAYMENTS.name: table(PAYMENTS, payments),
        TDS_SECTIONS.name: table(TDS_SECTIONS, TDS_ROWS),
    }


def checked(**documents: Any) -> tuple[TradeBook, list[Any]]:
    """The inline book loaded and checked (:func:`validate_trade`): the book and its issues."""
    raw = tables(**documents)
    ledger, ledger_issues = load_ledger(raw)
    assert ledger_issues == [], ledger_issues
    return validate_trade(raw, ledger)


def rules(issues: Sequence[Any]) -> list[tuple[str, str, str]]:
    """(rule, sheet, cell) of each issue, in order."""
    return [(i.rule, i.sheet, i.cell) for i in issues]


def doc(  # noqa: PLR0917 - the cells of a row in the order a clerk types them
    number: str, date: str, party: str, item: str, qty: Any = None, rate: Any = None, **more: Any
) -> dict[str, Any]:
    """A Sales or Purchases row: the header and one line."""
    return {"Number": number, "Date": date, "Party": party, "Item": item, "Qty": qty, "Rate": rate, **more}


def line(item: str, qty: Any = None, rate: Any = None, **more: Any) -> dict[str, Any]:
    """A continuation line of the document above (its header cells blank)."""
    return {"Item": item, "Qty": qty, "Rate": rate, **more}
