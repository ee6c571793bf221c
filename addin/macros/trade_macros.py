"""The sub-ledger's macros: receivables and payables aging, a party's ledger, the tax invoice.

Each is ``read → engine → write`` like the ledger's reports (:mod:`addin.macros.ledger_macros`):
the book is read and checked with its trade tables (:func:`~addin.macros.run.checked_book`), the
engine builds the report (:func:`~addin.engine.trade.book.aging_report`,
:func:`~addin.engine.trade.party_ledger.party_ledger`, :func:`~addin.engine.trade.invoice.tax_invoice`),
and with ``write`` its owned sheet and the Issues sheet are written. A book without the trade
tables, or whose trade tables cannot be read, gets the fatal findings and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from addin.books.base import OwnedSheet, Workbook
from addin.engine.cells import fold
from addin.engine.issues import has_fatal
from addin.engine.money import to_decimal_string
from addin.engine.trade.aging import BUCKETS, Aging
from addin.engine.trade.allocation import PAYABLE, RECEIVABLE
from addin.engine.trade.book import TradeBook, aging_report
from addin.engine.trade.invoice import TaxInvoice, tax_invoice
from addin.engine.trade.party_ledger import PartyLedger, party_ledger
from addin.macros.invoice_sheet import invoice_sheet
from addin.macros.run import Counts, Progress, RunResult, Stopwatch, checked_book, no_progress, write_findings
from addin.macros.trade_sheets import (
    GRAND_TOTAL,
    ControlTie,
    aging_sheet,
    control_tie,
    party_ledger_sheet,
    party_names,
)
from addin.messages import Text, row_label

SIDE_NAMES: dict[str, str] = {"receivables": RECEIVABLE, "payables": PAYABLE}
"""The ``--side`` choices and the engine's side of each."""

BUCKET_FIELDS: dict[str, str] = {
    "not-due": "not_due",
    "0-30": "days_0_30",
    "31-60": "days_31_60",
    "61-90": "days_61_90",
    "90+": "days_over_90",
}
"""Each aging bucket's field in the records (JSON, CSV and the terminal)."""

UNKNOWN_PARTY = Text(
    "No party {party} in the Parties table: give its code or name.",
    "Parties तालिका में {party} नाम का कोई पक्ष नहीं: उसका कोड या नाम दें।",
)
UNKNOWN_INVOICE = Text(
    "No sales invoice or note {number} in the Sales table: give its number as typed there.",
    "Sales तालिका में {number} संख्या का कोई बिक्री बीजक या नोट नहीं: वहाँ लिखी संख्या दें।",
)
NOT_A_SALES_ROW = Text(
    "Select a cell in a line of the invoice on the Sales sheet, then Print Invoice.",
    "Sales शीट पर बीजक की किसी पंक्ति का सेल चुनें, फिर Print Invoice दबाएँ।",
)
DRAFT_INVOICE = Text(
    "Invoice {number} has errors (see the Issues sheet): it is printed as a draft.",
    "बीजक {number} में त्रुटियाँ हैं (Issues शीट देखें): यह प्रारूप के रूप में छपा है।",
)


def default_as_of(book: TradeBook, today: dt.date | None = None) -> dt.date:
    """Aging's date when none is given: today, or the last day of the book's financial year when
    that year is over (a closed year is aged on its last day).

    >>> from types import SimpleNamespace
    >>> book = SimpleNamespace(year_end=dt.date(2026, 3, 31))
    >>> default_as_of(book, dt.date(2026, 12, 3)), default_as_of(book, dt.date(2025, 10, 1))
    (datetime.date(2026, 3, 31), datetime.date(2025, 10, 1))
    """
    today = today or dt.datetime.now().astimezone().date()
    end = book.year_end
    return end if end is not None and end < today else today


@dataclass(frozen=True)
class AgingReport:
    """Receivables and/or payables aging on one date; ``names``: the parties' names by code;
    ``ties``: each report's control account against its total (as on its sheet)."""

    reports: tuple[Aging, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    ties: tuple[ControlTie, ...] = ()

    def as_records(self) -> list[dict[str, Any]]:
        """One record a pending bill: side, party, bill, dates, days past due, bucket, pending."""
        return [
            {
                "side": report.side,
                "party": bill["party"],
                "bill": bill["ref"],
                "date": _day(bill["date"]),
                "due": _day(bill["due"]),
                "days": int(bill["days"]),
                "bucket": bill["bucket"],
                "pending": to_decimal_string(int(bill["pending"])),
            }
            for report in self.reports
            for bill in report.bills.sort_values(["party", "due", "row"], kind="stable").to_dict("records")
        ]

    def summary(self) -> list[dict[str, Any]]:
        """One record a party and side: the buckets, money on account and the balance (``net``,
        debit positive: a customer's dues Dr, what is owed to a vendor Cr)."""
        return [record for report in self.reports for record in self._parties(report)]

    def _parties(self, report: Aging) -> list[dict[str, Any]]:
        return [
            {
                "side": report.side,
                "party": party["party"],
                "name": self.names.get(str(party["party"]), ""),
                **{BUCKET_FIELDS[b]: to_decimal_string(int(party[b])) for b in BUCKETS},
                "on_account": to_decimal_string(int(party["on_account"])),
                "net": to_decimal_string(int(party["net"]) * (1 if report.side == RECEIVABLE else -1)),
            }
            for party in report.parties.sort_values("party", kind="stable").to_dict("records")
        ]

    def table(self) -> list[dict[str, Any]]:
        """What the aging sheets show per party, for the terminal: each side's parties (code and
        name), its grand total (``kind`` "total"), then the control account's balance in the ledger
        and the difference (nil when they tie) as the sheet's last two rows."""
        rows: list[dict[str, Any]] = []
        for report, tie in zip(self.reports, self.ties, strict=True):
            parties = report.parties
            sums = {b: int(parties[b].sum()) if len(parties) else 0 for b in (*BUCKETS, "on_account")}
            rows += self._parties(report)
            rows.append(
                {
                    "side": report.side, "party": "", "name": GRAND_TOTAL, "kind": "total",
                    **{BUCKET_FIELDS[b]: to_decimal_string(sums[b]) for b in BUCKETS},
                    "on_account": to_decimal_string(sums["on_account"]),
                    "net": to_decimal_string(tie.signed_aging),
                }
            )  # fmt: skip
            for label, paise in ((tie.ledger_label, tie.ledger), (tie.verdict, tie.difference)):
                rows.append(
                    {"side": report.side, "party": "", "name": label, "net": to_decimal_string(paise)}
                )
        return rows


def _day(value: Any) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def aging_of(
    book: Workbook,
    *,
    write: bool,
    side: str | None = None,
    as_of: dt.date | None = None,
    progress: Progress = no_progress,
) -> RunResult:
    """Receivables and payables aging (``side``: "receivables" or "payables" for one) on ``as_of``
    (default :func:`default_as_of`); with ``write``, their sheets."""
    sides = (SIDE_NAMES[side],) if side else (RECEIVABLE, PAYABLE)

    def build(trade: TradeBook) -> tuple[AgingReport, Text | None]:
        day = as_of or default_as_of(trade)
        reports = tuple(aging_report(trade, s, day) for s in sides)
        ties = tuple(control_tie(trade, r) for r in reports)
        return AgingReport(reports, party_names(trade), ties), None

    def sheets(report: AgingReport, trade: TradeBook) -> list[OwnedSheet]:
        return [aging_sheet(r, trade, tie) for r, tie in zip(report.reports, report.ties, strict=True)]

    return _run_trade("aging", book, build, sheets, write=write, progress=progress)


@dataclass(frozen=True)
class PartyReport:
    """One party's ledger and its pending bills on each side it trades on."""

    ledger: PartyLedger
    pending: tuple[Aging, ...]

    def as_records(self) -> list[dict[str, Any]]:
        """The rows of the Party Ledger sheet: the opening balance (dated the period's start), one
        record a document or payment with the running balance (debit positive), then the closing
        balance with the period's debit and credit totals — as a party's account in Tally or Busy."""
        ledger = self.ledger
        entries = [
            {
                "date": _day(e["date"]),
                "kind": e["kind"],
                "number": e["number"],
                "against": e["against"],
                "debit": to_decimal_string(int(e["debit"])),
                "credit": to_decimal_string(int(e["credit"])),
                "balance": to_decimal_string(int(e["balance"])),
                "sheet": e["sheet"],
                "row": int(e["row"]),
            }
            for e in ledger.entries.to_dict("records")
        ]
        opening = _balance_record(OPENING, ledger.opening_date, ledger.opening, None)
        closing = _balance_record(CLOSING, ledger.closing_date, ledger.closing, (ledger.debit, ledger.credit))
        return [opening, *entries, closing]


OPENING, CLOSING = row_label("opening-balance"), row_label("closing-balance")
"""The kind of a party ledger's first and last records, "English / हिन्दी" as on its sheet."""


def _balance_record(
    kind: str, day: dt.date | None, balance: int, totals: tuple[int, int] | None
) -> dict[str, Any]:
    """An opening or closing record: its balance, and (closing) the period's debit and credit totals."""
    debit, credit = (to_decimal_string(t) for t in totals) if totals is not None else ("", "")
    return {
        "date": _day(day), "kind": kind, "number": "", "against": "", "debit": debit, "credit": credit,
        "balance": to_decimal_string(balance), "sheet": "", "row": 0,
    }  # fmt: skip


def party_code(trade: TradeBook, party: str) -> str | None:
    """The code of the party ``party`` names (its code or name, any case), or None."""
    return trade.party_codes.get(fold(party))


def party_ledger_of(
    book: Workbook,
    party: str,
    *,
    write: bool,
    start: dt.date | None = None,
    end: dt.date | None = None,
    progress: Progress = no_progress,
) -> RunResult:
    """One party's ledger between two dates and its pending bills; with ``write``, its sheet."""

    def build(trade: TradeBook) -> tuple[PartyReport | None, Text | None]:
        code = party_code(trade, party)
        if code is None:
            return None, UNKNOWN_PARTY.format(party=party)
        kind = trade.parties.loc[trade.parties["code"] == code, "kind"].tolist()[0]
        sides = {"customer": (RECEIVABLE,), "vendor": (PAYABLE,)}.get(kind, (RECEIVABLE, PAYABLE))
        day = end or default_as_of(trade)
        pending = tuple(aging_report(trade, s, day) for s in sides)
        return PartyReport(party_ledger(trade, code, start=start, end=end), pending), None

    def sheets(report: PartyReport, trade: TradeBook) -> list[OwnedSheet]:
        return [party_ledger_sheet(report.ledger, report.pending, trade.ledger.settings)]

    return _run_trade("party-ledger", book, build, sheets, write=write, progress=progress)


@dataclass(frozen=True)
class InvoiceReport:
    """The tax invoice, printed."""

    invoice: TaxInvoice

    def as_records(self) -> list[dict[str, Any]]:
        """One record a line: item, HSN, quantity, unit, rate, discount, taxable value, taxes."""
        inv = self.invoice
        return [
            {
                "number": inv.number,
                "date": inv.date.isoformat() if inv.date else "",
                "party": inv.recipient.name,
                "item": line.item,
                "description": line.description,
                "hsn": line.hsn,
                "qty": to_decimal_string(line.qty),
                "unit": line.unit,
                "price": to_decimal_string(line.price),
                "discount": to_decimal_string(line.discount),
                "taxable": to_decimal_string(line.taxable),
                "gst_rate": to_decimal_string(line.rate),
                "cgst": to_decimal_string(line.cgst),
                "sgst": to_decimal_string(line.sgst),
                "igst": to_decimal_string(line.igst),
            }
            for line in inv.lines
        ]


def invoice_of(
    book: Workbook,
    number: str | None = None,
    *,
    row: int | None = None,
    write: bool,
    progress: Progress = no_progress,
) -> RunResult:
    """The sales invoice (or note) numbered ``number``, or the one with a line on Sales row
    ``row``, as a tax invoice; with ``write``, the Invoice sheet."""

    def build(trade: TradeBook) -> tuple[InvoiceReport | None, Text | None]:
        found = tax_invoice(trade, number=number, row=row)
        if found is None:
            return None, NOT_A_SALES_ROW if number is None else UNKNOWN_INVOICE.format(number=number)
        note = None if found.ok else DRAFT_INVOICE.format(number=found.number)
        return InvoiceReport(found), note

    def sheets(report: InvoiceReport, _trade: TradeBook) -> list[OwnedSheet]:
        return [invoice_sheet(report.invoice)]

    return _run_trade("invoice", book, build, sheets, write=write, progress=progress, note_blocks=False)


def _run_trade(
    macro: str,
    book: Workbook,
    build: Callable[[TradeBook], tuple[Any, Text | None]],
    sheets: Callable[[Any, TradeBook], list[OwnedSheet]],
    *,
    write: bool,
    progress: Progress,
    note_blocks: bool = True,
) -> RunResult:
    """What the trade reports share: read and check with the trade tables, build the report, write
    its sheets and the issues. A report that comes back None is not written (its note says why);
    ``note_blocks`` False lets a report with a note (a draft invoice) still be written."""
    clock = Stopwatch()
    checked = checked_book(book, progress, trade=True)
    issues = checked.issues
    counts = Counts.of(checked.ledger, issues)
    if has_fatal(issues) or checked.trade is None:
        return RunResult(macro, tuple(issues), counts, clock.seconds)
    progress("reporting")
    report, note = build(checked.trade)
    written: tuple[str, ...] = ()
    if write and report is not None and (note is None or not note_blocks):
        progress("writing")
        owned = sheets(report, checked.trade)
        for sheet in owned:
            book.write_sheet(sheet)
        written = (*(s.name for s in owned), *write_findings(book, checked.ledger, issues))
    return RunResult(macro, tuple(issues), counts, clock.seconds, report=report, written=written, note=note)


__all__ = [
    "AgingReport",
    "InvoiceReport",
    "PartyReport",
    "aging_of",
    "default_as_of",
    "invoice_of",
    "party_ledger_of",
]
