"""A trading workbook's trade tables, loaded and checked together: what macros and returns start from.

:func:`load_trade` reads the raw tables (by table name, as :func:`addin.engine.load.load_ledger` does)
on top of an already loaded :class:`~addin.engine.ledger.Ledger` and returns a :class:`TradeBook`
with every loader's issues; :func:`check_trade` adds the cross-table checks (rule 46 numbers and
series, notes' invoices, vendors' duplicate bills, TDS, allocation, MSME past the limit), marking the
documents those checks reject as not ok. :func:`post_trade` builds the vouchers and ties the
sub-ledger to the control accounts as if they were posted.

>>> from addin.engine.load import ledger_from_rows
>>> ledger = ledger_from_rows([["Code", "Name", "Type", "Parent", "Opening Balance"]],
...                           [["Date", "Voucher", "Account", "Debit", "Credit", "Narration"]])
>>> book, issues = load_trade({}, ledger)
>>> sorted({i.rule for i in issues})
['company-gstin', 'missing-table']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.load import LEDGER_TABLES, account_lookup, sort_issues
from addin.engine.schema import (
    GST_RATES,
    ITEMS,
    PARTIES,
    PAYMENTS,
    PURCHASES,
    RECEIPTS,
    SALES,
    SETTINGS,
    TDS_SECTIONS,
    TRADE_TABLES,
    TableSpec,
)
from addin.engine.tables import RawTable
from addin.engine.trade.aging import Aging, aging
from addin.engine.trade.allocation import (
    PAYABLE,
    RECEIVABLE,
    Allocation,
    allocate,
    document_bills,
    money_settlements,
    note_settlements,
    opening_items,
)
from addin.engine.trade.control import SubledgerTie, subledger_balances, tie_subledger
from addin.engine.trade.documents import PURCHASES_SIDE, SALES_SIDE, DocumentSet, load_documents
from addin.engine.trade.duplicates import check_duplicate_bills
from addin.engine.trade.invoice_rules import check_invoice_numbers, check_notes
from addin.engine.trade.items import item_lookup, load_items
from addin.engine.trade.located import Located
from addin.engine.trade.msme import MsmeOverdue, msme_overdue
from addin.engine.trade.parties import load_parties, party_lookup
from addin.engine.trade.posting import Posting, post_documents
from addin.engine.trade.rates import load_gst_rates
from addin.engine.trade.settings import TradeSettings, load_trade_settings
from addin.engine.trade.settlements import SettlementSet, load_settlements
from addin.engine.trade.tds import TdsProposal, TdsSections, load_tds_sections, propose_tds

TRADE_BOOK_TABLES: tuple[TableSpec, ...] = (*LEDGER_TABLES, *TRADE_TABLES)
"""The tables a trading book is read from: the ledger's and the trade tables (what Post, Aging and GST
Returns read)."""


@dataclass(frozen=True)
class TradeBook:
    """The trade tables of a workbook, typed; immutable by convention (never mutate the frames).

    ``sales`` and ``purchases`` are :class:`~addin.engine.trade.documents.DocumentSet` (their
    ``lines`` frame is the contract the GST returns read); ``receipts`` and ``payments`` are
    :class:`~addin.engine.trade.settlements.SettlementSet`; ``tds`` the proposal for each payment row.
    """

    ledger: Ledger
    settings: TradeSettings
    parties: pd.DataFrame
    parties_where: Located
    party_codes: Mapping[str, str]
    items: pd.DataFrame
    items_where: Located
    rates: pd.DataFrame
    sales: DocumentSet
    purchases: DocumentSet
    receipts: SettlementSet
    payments: SettlementSet
    tds_sections: TdsSections
    tds: TdsProposal | None = None
    allocated: dict[tuple[str, dt.date | None], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Memo of :func:`allocation` by (side, as-of date) and of its bills and settlements by side:
    derived from the book, never changing what it holds (a book made by ``replace`` starts empty)."""

    @property
    def year_end(self) -> dt.date | None:
        bounds = self.ledger.settings.fy_bounds()
        return None if bounds is None else bounds[1]

    @property
    def year_start(self) -> dt.date | None:
        bounds = self.ledger.settings.fy_bounds()
        return None if bounds is None else bounds[0]


def load_trade(tables: Mapping[str, RawTable | None], ledger: Ledger) -> tuple[TradeBook, list[Issue]]:
    """Every trade table's loader; Parties, Items, Sales and Purchases are required (a missing one is a
    fatal ``missing-table``), GSTRates, Receipts, Payments and TDSSections optional."""
    accounts = account_lookup(ledger.accounts["code"].tolist(), ledger.accounts["name"].tolist())
    settings, issues = load_trade_settings(tables.get(SETTINGS.name))
    parties, parties_where, found = load_parties(tables.get(PARTIES.name), accounts)
    issues += found
    items, items_where, found = load_items(tables.get(ITEMS.name), accounts)
    issues += found
    party_codes, item_codes = party_lookup(parties), item_lookup(items)
    rates, found = load_gst_rates(tables.get(GST_RATES.name), item_codes)
    issues += found
    common = {
        "parties": parties,
        "party_codes": party_codes,
        "items": items,
        "item_codes": item_codes,
        "rate_history": rates,
        "company_state": settings.company_state,
        "settings": ledger.settings,
    }
    sales, found = load_documents(tables.get(SALES.name), SALES_SIDE, **common)  # type: ignore[arg-type]
    issues += found
    purchases, found = load_documents(tables.get(PURCHASES.name), PURCHASES_SIDE, **common)  # type: ignore[arg-type]
    issues += found
    money = {
        "parties": parties,
        "party_codes": party_codes,
        "account_codes": accounts,
        "settings": ledger.settings,
    }
    receipts, found = load_settlements(tables.get(RECEIPTS.name), SALES_SIDE, **money)  # type: ignore[arg-type]
    issues += found
    payments, found = load_settlements(tables.get(PAYMENTS.name), PURCHASES_SIDE, **money)  # type: ignore[arg-type]
    issues += found
    sections, found = load_tds_sections(tables.get(TDS_SECTIONS.name), accounts)
    issues += found
    book = TradeBook(
        ledger,
        settings,
        parties,
        parties_where,
        party_codes,
        items,
        items_where,
        rates,
        sales,
        purchases,
        receipts,
        payments,
        sections,
    )
    return book, issues


def check_trade(book: TradeBook) -> tuple[TradeBook, list[Issue]]:
    """The checks across tables: rule 46 numbers, notes' invoices, vendors' duplicate bills, TDS,
    allocation and MSME; returns the book with rejected documents marked not ok, and the issues."""
    issues, rejected = check_invoice_numbers(book.sales)
    sales = book.sales.with_rejected(rejected)
    found, rejected = check_duplicate_bills(book.purchases)
    issues += found
    purchases = book.purchases.with_rejected(rejected)
    issues += check_notes(sales) + check_notes(purchases)
    tds, found = propose_tds(book.payments, book.parties, book.tds_sections, purchases)
    issues += found
    book = replace(book, sales=sales, purchases=purchases, tds=tds)
    receivable, payable = allocations(book)
    issues += receivable.issues + payable.issues
    if book.year_end is not None:
        _, found = msme_overdue(payable, book.parties, book.year_end, book.purchases.where)
        issues += found
    return book, issues


def allocation(book: TradeBook, side: str, as_of: dt.date | None = None) -> Allocation:
    """Bill-by-bill allocation of the receivables (``side`` "receivable") or payables, up to ``as_of``
    (everything when None). Made once per book, side and as-of date; an as-of date no bill or
    settlement is later than gives the allocation of everything (the checks', the aging's at the year
    end and the GST returns' at the last month's end are one)."""
    bills, settlements, opening_money, located = _allocation_inputs(book, side)
    if as_of is not None:
        stamp = pd.Timestamp(as_of)
        if not ((bills["date"] > stamp).any() or (settlements["date"] > stamp).any()):
            as_of = None
    key = (side, as_of)
    if key not in book.allocated:
        book.allocated[key] = allocate(
            side, bills, settlements, unallocated=opening_money, as_of=as_of, located=located
        )
    found: Allocation = book.allocated[key]
    return found


def _allocation_inputs(
    book: TradeBook, side: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, Located]]:
    """The bills, settlements, opening money on account and settlement tables' places of one side."""
    key = (f"{side}:inputs", None)
    if key in book.allocated:
        inputs: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, Located]] = book.allocated[key]
        return inputs
    openings = _openings(book)
    day = book.year_start - dt.timedelta(days=1) if book.year_start is not None else None
    located = {book.receipts.where.sheet: book.receipts.where, book.payments.where.sheet: book.payments.where}
    documents, money = (book.sales, book.receipts) if side == RECEIVABLE else (book.purchases, book.payments)
    own_side = "customer" if side == RECEIVABLE else "vendor"
    debit = openings["opening"] > 0
    mine = (openings["kind"] == own_side) | ((openings["kind"] == "both") & (debit == (side == RECEIVABLE)))
    opening_bills, opening_money = opening_items(openings[mine], side, day)
    bills = pd.concat([opening_bills, document_bills(documents)], ignore_index=True)
    settlements = pd.concat([note_settlements(documents), money_settlements(money)], ignore_index=True)
    book.allocated[key] = inputs = (bills, settlements, opening_money, located)
    return inputs


def allocations(book: TradeBook, as_of: dt.date | None = None) -> tuple[Allocation, Allocation]:
    """Both sides' :func:`allocation`: receivables, then payables."""
    return allocation(book, RECEIVABLE, as_of), allocation(book, PAYABLE, as_of)


def _openings(book: TradeBook) -> pd.DataFrame:
    """Opening balances of parties with their own account: ``party``, ``opening`` (debit positive),
    ``row`` (on Accounts), ``kind``. A customer's opening is receivable, a vendor's payable (either
    way round: a vendor's debit balance is an advance); a party of type "both" counts on the side
    its balance falls."""
    accounts = book.ledger.accounts.drop_duplicates("code").set_index("code")
    own = book.parties[book.parties["account"].ne("")]
    opening = own["account"].map(accounts["opening"]).fillna(0).astype("int64")
    rows = own["account"].map(accounts["row"]).fillna(0).astype("int64")
    kind = own["kind"].to_numpy()
    frame = pd.DataFrame({"party": own["code"], "opening": opening, "row": rows, "kind": kind})
    return frame[frame["opening"] != 0].reset_index(drop=True)


def aging_report(book: TradeBook, side: str, as_of: dt.date) -> Aging:
    """Receivables (``side`` "receivable") or payables aging on ``as_of``."""
    return aging(allocation(book, side, as_of), as_of)


def msme_report(book: TradeBook, as_of: dt.date) -> MsmeOverdue:
    """The bills of micro and small suppliers pending past their limit on ``as_of``."""
    return msme_overdue(allocation(book, PAYABLE, as_of), book.parties, as_of)[0]


@dataclass(frozen=True)
class TradePosting:
    """What :func:`post_trade` found: the posting and the sub-ledger tie after it."""

    posting: Posting
    tie: SubledgerTie
    issues: list[Issue]


def post_trade(book: TradeBook) -> TradePosting:
    """The vouchers the checked book needs, and the sub-ledger tied as if they were posted."""
    posting = post_documents(
        book.ledger,
        parties=book.parties,
        items=book.items,
        settings=book.settings,
        party_codes=book.party_codes,
        documents=(book.sales, book.purchases),
        settlements=(book.receipts, book.payments),
        tds=book.tds,
    )
    subledger = subledger_balances(book.parties, (book.sales, book.purchases), (book.receipts, book.payments))
    tie, found = tie_subledger(
        book.ledger,
        book.parties,
        book.party_codes,
        book.settings,
        subledger,
        extra_lines=posting.lines,
        parties_where=book.parties_where,
    )
    return TradePosting(posting, tie, [*posting.issues, *found])


def validate_trade(tables: Mapping[str, RawTable | None], ledger: Ledger) -> tuple[TradeBook, list[Issue]]:
    """:func:`load_trade` then :func:`check_trade` (unless something fatal was found), issues sorted."""
    book, issues = load_trade(tables, ledger)
    if not any(i.severity.value == "fatal" for i in issues):
        book, found = check_trade(book)
        issues += found
    return book, sort_issues(issues)


__all__ = [
    "TRADE_BOOK_TABLES",
    "TradeBook",
    "TradePosting",
    "aging_report",
    "allocation",
    "allocations",
    "check_trade",
    "load_trade",
    "msme_report",
    "post_trade",
    "validate_trade",
]
