"""The sub-ledger's sheets: Receivables Aging, Payables Aging and Party Ledger, as owned sheets.

Laid out as :mod:`addin.macros.sheets` lays out the ledger's reports (its title row, bilingual
headings, lakh-grouped amounts, dd/mm/yyyy dates, a balance as an amount and its side — never a
bare minus). Amounts are pending or settled paise as the engine gives them
(:func:`~addin.engine.trade.book.aging_report`, :func:`~addin.engine.trade.party_ledger.party_ledger`).

**Aging**: one row a pending bill (by party), the days it is past due and its amount in the bucket
those days fall in (not due, 0–30, 31–60, 61–90, over 90 days, by due date = bill date + the party's
credit days); a total row a party with the money it holds on account (receipts or payments against
no bill, advances: in brackets, as it is taken off the bills) and its balance; the grand total;
then the control account's balance in the
ledger on the same date (Sundry Debtors or Creditors with the accounts under it, and the parties'
own accounts) and the difference, which is nil once every document is posted. A book with more
pending bills than :data:`~addin.macros.sheets.EXCEL_ROW_LIMIT` gets the party totals only (the
bills: ``bahi aging --format csv``).

**Party Ledger**: one party's documents and money with a running balance, then its pending bills
bill by bill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from addin.books.base import DATE_FORMAT, HIGHLIGHT_ERROR, CellValue, OwnedSheet
from addin.engine.cells import quote_sheet
from addin.engine.ledger import Ledger, Settings
from addin.engine.money import BRACKETED_INR_FORMAT, INR_FORMAT, SIDE_HEADING, to_rupees
from addin.engine.schema import PARTY_LEDGER_SHEET, PAYABLES_AGING_SHEET, RECEIVABLES_AGING_SHEET
from addin.engine.trade.aging import BUCKETS, Aging
from addin.engine.trade.allocation import RECEIVABLE
from addin.engine.trade.book import TradeBook
from addin.engine.trade.control import descendants
from addin.engine.trade.party_ledger import PartyLedger
from addin.macros.sheets import EXCEL_ROW_LIMIT, _balance, _period, _title, rupees, shown_date
from addin.messages import row_label

BUCKET_HEADINGS: dict[str, str] = {
    "not-due": "Not due / देय नहीं",
    "0-30": "0–30 days / 0–30 दिन",
    "31-60": "31–60 days / 31–60 दिन",
    "61-90": "61–90 days / 61–90 दिन",
    "90+": "Over 90 days / 90 दिन से अधिक",
}
AGING_HEADINGS: tuple[str, ...] = (
    "Party / पक्ष",
    "Name / नाम",
    "Bill / बिल",
    "Date / दिनांक",
    "Due / देय तिथि",
    "Days overdue / विलंब (दिन)",
    *(BUCKET_HEADINGS[b] for b in BUCKETS),
    "On account / खाते पर",
    "Balance / शेष",
    SIDE_HEADING,
)
_FIRST_BUCKET = 6
_ON_ACCOUNT = _FIRST_BUCKET + len(BUCKETS)
_BALANCE = _ON_ACCOUNT + 1
_MONEY = range(_FIRST_BUCKET, _BALANCE + 1)

SIDES: dict[str, tuple[str, str, str]] = {
    RECEIVABLE: (RECEIVABLES_AGING_SHEET, "Receivables Aging / प्राप्य आयु विश्लेषण", "Debtors Account"),
    "payable": (PAYABLES_AGING_SHEET, "Payables Aging / देय आयु विश्लेषण", "Creditors Account"),
}
"""Each side's sheet, title and the Settings row naming its control account."""

PARTIES_ONLY = "party totals only; every bill: bahi aging --format csv / केवल पक्ष योग; हर बिल: bahi aging"
PARTY_TOTAL = "Party total / पक्ष योग"
GRAND_TOTAL = "Grand total / कुल योग"
TIES = "Ties with the ledger / खाता-बही से मेल खाता है"
DIFFERENCE = "Difference: post the documents, or see Issues / अंतर: दस्तावेज़ पोस्ट करें, या Issues देखें"
"""The aging's total and tie rows, on its sheet and in ``bahi aging``'s text alike."""


@dataclass(frozen=True)
class ControlTie:
    """The control account's balance in the ledger (debit positive, paise) beside the aging's total
    (pending less on account, in the side's own sense: receivable positive, payable positive)."""

    account: str
    name: str
    ledger: int
    aging: int
    side: str

    @property
    def signed_aging(self) -> int:
        """The aging's total, debit positive."""
        return self.aging if self.side == RECEIVABLE else -self.aging

    @property
    def difference(self) -> int:
        return self.ledger - self.signed_aging

    @property
    def ledger_label(self) -> str:
        """"Ledger: 1200 Sundry Debtors / खाता-बही: 1200 Sundry Debtors"."""
        account = f"{self.account} {self.name}".strip()
        return f"Ledger: {account} / खाता-बही: {account}"

    @property
    def verdict(self) -> str:
        """Whether the aging ties with the ledger, or the label of its difference."""
        return TIES if self.difference == 0 else DIFFERENCE


def party_names(book: TradeBook) -> dict[str, str]:
    """Each party's name by its code (the Parties table)."""
    return dict(zip(book.parties["code"].tolist(), book.parties["name"].tolist(), strict=True))


def control_tie(book: TradeBook, report: Aging) -> ControlTie:
    """The control account of ``report``'s side against the aging's total on its date: the
    account and those under it, and the own accounts of the parties in the aging, with their
    opening balances and every Journal line up to that date."""
    ledger: Ledger = book.ledger
    control = book.settings.account(SIDES[report.side][2])
    codes = descendants(ledger.accounts, control)
    own = book.parties[book.parties["code"].isin(report.parties["party"]) & book.parties["account"].ne("")]
    codes |= set(own["account"].tolist())
    accounts = ledger.accounts
    opening = int(accounts.loc[accounts["code"].isin(codes), "opening"].sum())
    journal = ledger.journal
    dated = journal["date"].to_numpy(dtype="datetime64[ns]") <= np.datetime64(report.as_of, "ns")
    mine = journal["account"].isin(codes).to_numpy(dtype=bool) & dated
    moved = int(journal["debit"].to_numpy(dtype=np.int64)[mine].sum()) - int(
        journal["credit"].to_numpy(dtype=np.int64)[mine].sum()
    )
    names = accounts.loc[accounts["code"] == control, "name"].tolist()
    total = int(report.parties["net"].sum()) if len(report.parties) else 0
    return ControlTie(control, names[0] if names else "", opening + moved, total, report.side)


def _side_of(paise: int, report_side: str) -> list[CellValue]:
    """A balance of the aging (receivable positive or payable positive) as amount and Dr/Cr."""
    return _balance(paise if report_side == RECEIVABLE else -paise)


def _source_link(sheet: str, row: int) -> str:
    return f"#{quote_sheet(sheet)}!A{row}"


def aging_sheet(report: Aging, book: TradeBook, tie: ControlTie | None = None) -> OwnedSheet:
    """The Receivables Aging or Payables Aging sheet of ``report`` (see the module); ``tie``: its
    :func:`control_tie`, when already known."""
    settings: Settings = book.ledger.settings
    name, title, _ = SIDES[report.side]
    names = party_names(book)
    detail = f"as of {shown_date(report.as_of)} / {shown_date(report.as_of)} तक"
    bills = report.bills.sort_values(["party", "due", "row"], kind="stable")
    with_bills = len(bills) <= EXCEL_ROW_LIMIT
    if not with_bills:
        detail += f" ({PARTIES_ONLY})"
    rows: list[list[CellValue]] = [_title(settings, title, detail), list(AGING_HEADINGS)]
    bold, links, fills = {0, 1}, {}, {}
    by_party = dict(list(bills.groupby("party", sort=False))) if with_bills else {}
    for party in report.parties.sort_values("party", kind="stable").to_dict("records"):
        code = str(party["party"])
        for bill in by_party.get(code, pd.DataFrame()).itertuples(index=False):
            if bill.sheet and int(bill.row):
                links[(len(rows), 2)] = _source_link(str(bill.sheet), int(bill.row))
            buckets: list[CellValue] = [None] * len(BUCKETS)
            buckets[BUCKETS.index(str(bill.bucket))] = rupees(int(bill.pending))
            rows.append(
                [
                    code,
                    names.get(code, ""),
                    str(bill.ref),
                    _date(bill.date),
                    _date(bill.due),
                    _overdue(bill.days, bill.due),
                    *buckets,
                    None,
                    *_side_of(int(bill.pending), report.side),
                ]
            )
        bold.add(len(rows))
        rows.append(
            [
                code,
                names.get(code, ""),
                PARTY_TOTAL,
                None,
                None,
                None,
                *(rupees(int(party[b])) for b in BUCKETS),
                rupees(-int(party["on_account"])),
                *_side_of(int(party["net"]), report.side),
            ]
        )
    totals = report.parties
    bold.add(len(rows))
    rows.append(
        [
            "",
            "",
            GRAND_TOTAL,
            None,
            None,
            None,
            *(to_rupees(int(totals[b].sum())) if len(totals) else 0.0 for b in BUCKETS),
            to_rupees(-int(totals["on_account"].sum())) if len(totals) else 0.0,
            *_side_of(int(totals["net"].sum()) if len(totals) else 0, report.side),
        ]
    )
    tie = tie or control_tie(book, report)
    blanks: list[CellValue] = [None] * (_BALANCE - 3)
    rows.append(["", "", tie.ledger_label, *blanks, *_balance(tie.ledger)])
    rows.append(["", "", tie.verdict, *blanks, *_balance(tie.difference)])
    if tie.difference:
        fills.update({(len(rows) - 1, c): HIGHLIGHT_ERROR for c in (2, _BALANCE, _BALANCE + 1)})
    return OwnedSheet(
        name=name,
        rows=rows,
        header_rows=2,
        number_formats={
            3: DATE_FORMAT,
            4: DATE_FORMAT,
            **dict.fromkeys(_MONEY, INR_FORMAT),
            _ON_ACCOUNT: BRACKETED_INR_FORMAT,  # subtracted from the bills: (1,00,000.00), so the row adds up
        },
        links=links,
        widths={0: 9, 1: 26, 2: 22, 3: 11, 4: 11, 5: 9, **dict.fromkeys(_MONEY, 14.0), _BALANCE + 1: 7},
        bold_rows=frozenset(bold),
        fills=fills,
    )


def _overdue(days: Any, due: Any) -> int | None:
    """Days past the due date, or None for a bill not yet due (or without a due date)."""
    return int(days) if not pd.isna(due) and int(days) > 0 else None


def _date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


# --- party ledger ---------------------------------------------------------------------------------

PARTY_LEDGER_HEADINGS: tuple[str, ...] = (
    "Date / दिनांक",
    "Type / प्रकार",
    "Number / संख्या",
    "Against / किसके विरुद्ध",
    "Debit / नामे",
    "Credit / जमा",
    "Balance / शेष",
    SIDE_HEADING,
    "Row / पंक्ति",
)
PENDING_HEADINGS: tuple[str, ...] = (
    "Pending bill / बकाया बिल",
    "Date / दिनांक",
    "Due / देय तिथि",
    "Days overdue / विलंब (दिन)",
    "Amount / राशि",
    "Settled / समायोजित",
    "Pending / बकाया",
    SIDE_HEADING,
    "Row / पंक्ति",
)


def party_ledger_sheet(ledger: PartyLedger, pending: Sequence[Aging], settings: Settings) -> OwnedSheet:
    """The Party Ledger sheet: opening balance, each document and payment with a running balance
    (amount and Dr/Cr), closing totals; then the party's pending bills (``pending``: its aging on
    each side it trades on), bill by bill."""
    entries = ledger.entries
    start, end = ledger.opening_date, ledger.closing_date
    detail = f"{ledger.party} {ledger.name}".strip()
    period = _period(start, end)
    rows: list[list[CellValue]] = [
        _title(settings, "Party Ledger / पक्ष खाता", f"{detail} {period}".strip()),
        list(PARTY_LEDGER_HEADINGS),
        [start, "", "", row_label("opening-balance"), None, None, *_balance(ledger.opening), None],
    ]
    bold = {0, 1, 2}
    links: dict[tuple[int, int], str] = {}
    for entry in entries.itertuples(index=False):
        links[(len(rows), 8)] = _source_link(str(entry.sheet), int(entry.row))
        rows.append(
            [
                _date(entry.date),
                str(entry.kind),
                str(entry.number),
                str(entry.against),
                rupees(int(entry.debit)),
                rupees(int(entry.credit)),
                *_balance(int(entry.balance)),
                int(entry.row),
            ]
        )
    bold.add(len(rows))
    rows.append(
        [
            end,
            "",
            "",
            row_label("closing-balance"),
            to_rupees(ledger.debit),
            to_rupees(ledger.credit),
            *_balance(ledger.closing),
            None,
        ]
    )
    for report in pending:
        bills = report.bills[report.bills["party"] == ledger.party].sort_values(["due", "row"], kind="stable")
        if not len(bills):
            continue
        rows.append([])
        bold.add(len(rows))
        title = SIDES[report.side][1].split(" / ")[0]
        day = shown_date(report.as_of)
        rows.append([f"{title}: pending bills as of {day} / {day} तक बकाया बिल"])
        bold.add(len(rows))
        rows.append(list(PENDING_HEADINGS))
        for bill in bills.itertuples(index=False):
            if bill.sheet and int(bill.row):
                links[(len(rows), 8)] = _source_link(str(bill.sheet), int(bill.row))
            rows.append(
                [
                    str(bill.ref),
                    _date(bill.date),
                    _date(bill.due),
                    _overdue(bill.days, bill.due),
                    rupees(int(bill.amount)),
                    rupees(int(bill.settled)),
                    *_side_of(int(bill.pending), report.side),
                    int(bill.row) or None,
                ]
            )
    return OwnedSheet(
        name=PARTY_LEDGER_SHEET,
        rows=rows,
        header_rows=2,
        number_formats={0: DATE_FORMAT, **dict.fromkeys((4, 5, 6), INR_FORMAT)},
        links=links,
        widths={0: 22, 1: 12, 2: 18, 3: 30, 4: 15, 5: 15, 6: 15.5, 7: 8, 8: 7},
        bold_rows=frozenset(bold),
    )
