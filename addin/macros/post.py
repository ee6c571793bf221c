"""The Post macro (``bahi post``): invoices, bills, receipts and payments appended to the Journal.

``read → engine → write``: reads the ledger's tables and the trade tables (Parties, Items, GSTRates,
Sales, Purchases, Receipts, Payments, TDSSections), checks them
(:func:`~addin.engine.trade.book.validate_trade`), builds the vouchers the Journal lacks and ties the
sub-ledger to the control accounts as if they were posted
(:func:`~addin.engine.trade.book.post_trade`); with ``write``, appends those vouchers at the bottom
of the Journal (:meth:`Workbook.append_rows`) and lists the findings on the Issues sheet. Documents
with errors are left out and reported; posting again adds nothing.

A book without the trading tables (a general-ledger workbook) gets fatal ``missing-table`` issues
and nothing is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from addin.books.base import Workbook, read_tables
from addin.engine.issues import has_fatal
from addin.engine.load import load_ledger, numeric_account_codes, sort_issues
from addin.engine.money import to_decimal_string
from addin.engine.schema import ACCOUNTS, JOURNAL
from addin.engine.trade.book import TRADE_BOOK_TABLES, TradeBook, post_trade, validate_trade
from addin.engine.trade.control import SubledgerTie
from addin.engine.trade.posting import Posting
from addin.macros.run import (
    Counts,
    Progress,
    RunResult,
    Stopwatch,
    no_progress,
    write_findings,
)
from addin.macros.sheets import POST
from addin.messages import Text

POSTED = Text(
    "{vouchers} voucher(s), {lines} Journal line(s) posted; {already} already in the Journal, "
    "{manual} recorded there by hand, {held} held back by errors.",
    "{vouchers} वाउचर, {lines} रोज़नामचा पंक्तियाँ डाली गईं; {already} पहले से रोज़नामचा में, {manual} वहाँ हाथ से "
    "दर्ज, {held} त्रुटियों के कारण रोकी गईं।",
)
WOULD_POST = Text(
    "{vouchers} voucher(s), {lines} Journal line(s) would be posted (add --write); {already} already in the "
    "Journal, {manual} recorded there by hand, {held} held back by errors.",
    "{vouchers} वाउचर, {lines} रोज़नामचा पंक्तियाँ डाली जातीं (--write जोड़ें); {already} पहले से रोज़नामचा में, "
    "{manual} वहाँ हाथ से दर्ज, {held} त्रुटियों के कारण रोकी जातीं।",
)
NOTHING_TO_POST = Text(
    "Nothing to post: every document is already in the Journal ({already}), recorded by hand ({manual}) or "
    "held back by errors ({held}).",
    "डालने को कुछ नहीं: हर दस्तावेज़ पहले से रोज़नामचा में ({already}), हाथ से दर्ज ({manual}) या त्रुटियों के "
    "कारण रुका ({held}) है।",
)


@dataclass(frozen=True)
class PostReport:
    """What a run posted (or would post): the posting, the sub-ledger tie and the checked book."""

    posting: Posting
    tie: SubledgerTie
    book: TradeBook
    held: int

    def as_records(self) -> list[dict[str, Any]]:
        """One record per document looked at: voucher, kind, number, party, date, amount, status."""
        vouchers = self.posting.vouchers
        days = np.datetime_as_string(vouchers["date"].to_numpy(dtype="datetime64[D]"), unit="D").tolist()
        amounts = [to_decimal_string(a) for a in vouchers["amount"].tolist()]
        columns = [vouchers[c].tolist() for c in ("voucher", "source", "kind", "number", "party")]
        statuses = vouchers["status"].tolist()
        keys = ("voucher", "source", "kind", "number", "party", "date", "amount", "status")
        return [
            dict(zip(keys, values, strict=True))
            for values in zip(*columns, days, amounts, statuses, strict=True)
        ]

    def summary(self) -> list[dict[str, Any]]:
        """Documents by table, kind and status, with counts and amounts (for the terminal)."""
        vouchers = self.posting.vouchers
        totals: Counter[tuple[str, str, str]] = Counter()
        amounts: Counter[tuple[str, str, str]] = Counter()
        for s, k, st, a in zip(
            vouchers["source"], vouchers["kind"], vouchers["status"], vouchers["amount"], strict=True
        ):
            totals[(s, k, st)] += 1
            amounts[(s, k, st)] += int(a)
        return [
            {
                "source": s,
                "kind": k,
                "status": st,
                "count": n,
                "amount": to_decimal_string(amounts[(s, k, st)]),
            }
            for (s, k, st), n in totals.items()
        ]


def post_book(book: Workbook, *, write: bool, progress: Progress = no_progress) -> RunResult:
    """Check the trade tables and post what the Journal lacks; with ``write``, append it and write the
    Issues sheet. The result's report is a :class:`PostReport` (None when the book cannot be read)."""
    from addin.macros.audit import audit_findings, with_lines_appended  # noqa: PLC0415 - 0.1 s of imports
    # that reading TRADE_BOOK_TABLES from this module (the GST macros, the benchmark) need not pay

    clock = Stopwatch()
    progress("reading")
    tables = read_tables(book, TRADE_BOOK_TABLES)
    ledger, issues = load_ledger(tables)
    fatal = [i for i in issues if has_fatal([i])]
    if fatal:
        return RunResult("post", tuple(sort_issues(fatal)), Counts.of(ledger, fatal), clock.seconds)
    progress("checking")
    trade, issues = validate_trade(tables, ledger)
    if has_fatal(issues):
        return RunResult("post", tuple(issues), Counts.of(ledger, issues), clock.seconds)
    progress("reporting")
    outcome = post_trade(trade)
    issues = sort_issues([*issues, *outcome.issues])
    posting = outcome.posting
    held = int(
        (~trade.sales.documents["ok"]).sum()
        + (~trade.purchases.documents["ok"]).sum()
        + (~trade.receipts.frame["ok"]).sum()
        + (~trade.payments.frame["ok"]).sum()
        + posting.count("unknown-account")
    )
    report = PostReport(posting, outcome.tie, trade, held)
    audited = audit_findings(book, ledger)  # the audit trail's findings count in this run's result
    issues = sort_issues([*issues, *(audited.issues if audited else ())])
    written: tuple[str, ...] = ()
    if write:
        progress("writing")
        recorded = ledger
        if len(posting.lines):
            book.append_rows(JOURNAL, posting.journal_frame(numeric_account_codes(tables[ACCOUNTS.name])))
            written = (JOURNAL.sheet,)
            recorded = with_lines_appended(ledger, posting.lines)  # the Journal the Audit Log records
        written = (*written, *write_findings(book, recorded, issues, source=POST))
    counts = Counts.of(ledger, issues)
    note = _note(report, written=bool(write))
    return RunResult("post", tuple(issues), counts, clock.seconds, report, written, note)


def _note(report: PostReport, *, written: bool) -> Text:
    posting = report.posting
    values = {
        "vouchers": posting.count("posted"),
        "lines": len(posting.lines),
        "already": posting.count("already-posted"),
        "manual": posting.count("manual-duplicate"),
        "held": report.held,
    }
    if not values["vouchers"]:
        return NOTHING_TO_POST.format(**values)
    return (POSTED if written else WOULD_POST).format(**values)
