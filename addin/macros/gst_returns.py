"""The GST Returns and GSTR-2B Reconcile macros (``bahi gst-returns``, ``bahi gstr2b``).

``read → engine → write``, each over the trading workbook's tables:

- :func:`gst_returns_book` checks the trade tables (:func:`~addin.engine.trade.book.validate_trade`),
  makes the period's GSTR-1 (:mod:`addin.engine.gst_returns.gstr1`) and GSTR-3B
  (:mod:`~addin.engine.gst_returns.gstr3b`, rule 37 from the payables as of the period's end) and,
  with ``write``, writes the "GST Summary" sheet and its findings to the Issues sheet. The portal's
  JSON files come from the report (:meth:`GstReturnsReport.portal_json`).
- :func:`gstr2b_book` reads the GSTR-2B — a downloaded file's bytes, or, without one, the
  workbook's "GSTR-2B" sheet the portal's Excel sheets were pasted into — and reconciles it with
  the Purchases (:mod:`~addin.engine.gst_returns.gstr2b_match`, tolerances from Settings); with
  ``write``, the "GSTR-2B Reconciliation" sheet and the Issues sheet.

The period defaults to the month of the latest Sales or Purchases document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.books.base import BookError, Workbook, read_input_file, read_tables
from addin.engine.gst_returns.gstr1 import Gstr1, gstr1
from addin.engine.gst_returns.gstr2b import (
    Gstr2b,
    empty_documents,
    read_gstr2b,
    read_pasted_gstr2b,
    recipient_issues,
)
from addin.engine.gst_returns.gstr2b_match import (
    BOOKS_ONLY,
    MATCHED,
    MISMATCHED,
    PORTAL_ONLY,
    Gstr2bReconciliation,
    reconcile_gstr2b,
)
from addin.engine.gst_returns.gstr3b import Gstr3b, gstr3b
from addin.engine.gst_returns.periods import ReturnPeriod, latest_period
from addin.engine.gst_returns.portal_json import OFFLINE_TOOL_VERSION, dumps, gstr1_json, gstr3b_json
from addin.engine.gst_returns.set_off import tax_payment
from addin.engine.gst_returns.settings import load_tolerances
from addin.engine.issues import Issue, has_fatal
from addin.engine.load import load_ledger, sort_issues
from addin.engine.messages import make_issue
from addin.engine.money import format_inr, to_decimal_string
from addin.engine.rules import Rule
from addin.engine.schema import GSTR2B_SHEET, SETTINGS
from addin.engine.trade.allocation import PAYABLE
from addin.engine.trade.book import TradeBook, allocation, validate_trade
from addin.macros.gst_sheets import gst_summary_sheet, gstr2b_sheet
from addin.macros.post import TRADE_BOOK_TABLES
from addin.macros.run import Counts, Progress, RunResult, Stopwatch, no_progress, write_findings
from addin.macros.sheets import GST_RETURNS, GSTR2B
from addin.messages import Text

RETURNS_MADE = Text(
    "GSTR-1 and GSTR-3B of {period}: {documents} document(s) in GSTR-1; output tax {output}, net ITC {itc}.",
    "{period} की जीएसटीआर-1 और जीएसटीआर-3बी: जीएसटीआर-1 में {documents} दस्तावेज़; देय कर {output}, शुद्ध "
    "आईटीसी {itc}।",
)
RECONCILED = Text(
    "GSTR-2B {file}: {lines} line(s) — matched {matched}, mismatched {mismatched}, in books only {books}, "
    "in the 2B only {portal}.",
    "जीएसटीआर-2बी {file}: {lines} पंक्तियाँ — मेल {matched}, अंतर {mismatched}, केवल बही में {books}, "
    "केवल 2बी में {portal}।",
)
BAD_PERIOD = Text(
    "Cannot read the period {text!r}: write a month as 2025-09 (or Sep 2025).",
    "अवधि {text!r} पढ़ी नहीं जा सकी: माह 2025-09 (या Sep 2025) की तरह लिखें।",
)
PERIOD_AND_DATES = Text(
    "Give either --period or --from and --to, not both; nothing was read.",
    "--period या --from और --to में से एक दें, दोनों नहीं; कुछ नहीं पढ़ा गया।",
)
PERIOD_NEEDS_BOTH = Text(
    "A period needs both --from and --to (or one month with --period 2025-09); nothing was read.",
    "अवधि के लिए --from और --to दोनों चाहिए (या एक माह के लिए --period 2025-09); कुछ नहीं पढ़ा गया।",
)
PAYABLE_IN_CASH = "Payable in cash, after ITC set-off / आईटीसी समायोजन के बाद नकद देय"
CREDIT_CARRIED = "Credit carried forward / आगे ले जाया गया क्रेडिट"
HSN_REFUSED = Text(
    "The GSTR-1 JSON was not written to {path}: Table 12 would carry HSN/SAC {codes} ({cells}), which is "
    "not 4, 6 or 8 digits, and the portal rejects such a file. Correct the code in the Items sheet and "
    "run again.",
    "जीएसटीआर-1 JSON {path} में नहीं लिखी गई: तालिका 12 में एचएसएन/एसएसी {codes} ({cells}) जाता, जो 4, 6 "
    "या 8 अंकों का नहीं है, और पोर्टल ऐसी फ़ाइल अस्वीकार करता है। Items शीट में कोड सुधारें और फिर चलाएँ।",
)
JSON_WRITTEN = Text("Written {path} ({what}).", "{path} लिखी गई ({what})।")
NO_DOCUMENTS = Text(
    "No Sales or Purchases document has a date: name the period with --period (for example 2025-09).",
    "किसी बिक्री या खरीद दस्तावेज़ में तिथि नहीं है: --period से अवधि बताएँ (जैसे 2025-09)।",
)


@dataclass(frozen=True)
class GstReturnsReport:
    """A period's GSTR-1 and GSTR-3B."""

    gstr1: Gstr1
    gstr3b: Gstr3b
    bad_hsn: tuple[Issue, ...] = ()
    """The ``invalid-hsn`` errors of codes in GSTR-1's Table 12: while any, no portal JSON is made."""

    @property
    def period(self) -> ReturnPeriod:
        return self.gstr1.period

    def as_records(self) -> list[dict[str, Any]]:
        """GSTR-1 table by table, then GSTR-3B row by row and its table 6.1 (the tax payable in cash
        and the credit carried forward after the set-off): ``return``, ``table``, ``description``,
        ``count`` and the amounts as decimal strings."""
        records = [{"return": "GSTR-1", **r} for r in self.gstr1.as_records()]
        records += [{"return": "GSTR-3B", "count": "", **r} for r in self.gstr3b.as_records()]
        paid = tax_payment(self.gstr3b)
        for description, figures in ((PAYABLE_IN_CASH, paid.cash), (CREDIT_CARRIED, paid.carried)):
            amounts = {k: to_decimal_string(v) for k, v in figures.as_paise().items()}
            records.append({"return": "GSTR-3B", "count": "", "table": "6.1", "description": description,
                            **amounts})  # fmt: skip
        return records

    def portal_json_refused(self, path: Path | str) -> Text | None:
        """Why the GSTR-1 JSON is not written to ``path`` (an HSN the portal rejects), or None."""
        if not self.bad_hsn:
            return None
        codes = ", ".join(dict.fromkeys(f"'{i.value}'" for i in self.bad_hsn))
        cells = ", ".join(f"{i.sheet}!{i.cell}" for i in self.bad_hsn)
        return HSN_REFUSED.format(path=path, codes=codes, cells=cells)

    def portal_json(self) -> str:
        """The GSTR-1 JSON the portal's offline tool uploads; a BookError while Table 12 holds an HSN
        the portal rejects (:meth:`portal_json_refused`)."""
        refused = self.portal_json_refused("the file")
        if refused is not None:
            raise BookError(refused.en, refused.hi)
        return dumps(gstr1_json(self.gstr1))

    def gstr3b_json(self) -> str:
        """The GSTR-3B JSON (tables 3.1 and 4)."""
        return dumps(gstr3b_json(self.gstr3b))


def _trade_book(book: Workbook, progress: Progress) -> tuple[TradeBook | None, list[Issue], Any]:
    """The checked trade book, its issues and the ledger (the book None when something is fatal)."""
    progress("reading")
    tables = read_tables(book, TRADE_BOOK_TABLES)
    ledger, issues = load_ledger(tables)
    if has_fatal(issues):
        return None, sort_issues([i for i in issues if has_fatal([i])]), ledger
    progress("checking")
    trade, issues = validate_trade(tables, ledger)
    if has_fatal(issues):
        return None, issues, ledger
    return trade, issues, ledger


def gst_returns_book(
    book: Workbook,
    *,
    write: bool,
    progress: Progress = no_progress,
    period: ReturnPeriod | None = None,
) -> RunResult:
    """The GSTR-1 and GSTR-3B of ``period`` (default: the latest month with documents); with
    ``write``, the GST Summary sheet and the Issues sheet. The report is a :class:`GstReturnsReport`."""
    clock = Stopwatch()
    trade, issues, ledger = _trade_book(book, progress)
    if trade is None:
        return RunResult("gst-returns", tuple(issues), Counts.of(ledger, issues), clock.seconds)
    period = period or latest_period(trade)
    if period is None:
        return RunResult(
            "gst-returns", tuple(issues), Counts.of(ledger, issues), clock.seconds, note=NO_DOCUMENTS
        )
    progress("reporting")
    company = trade.settings.company_gstin
    payables = allocation(trade, PAYABLE, period.end)
    outward = gstr1(trade.sales, period, company_gstin=company, items=trade.items)
    summary = gstr3b(trade.sales, trade.purchases, period, company_gstin=company, payables=payables)
    issues = sort_issues(list(dict.fromkeys([*issues, *outward.issues, *summary.issues])))
    report = GstReturnsReport(outward, summary, hsn_in_return(issues, outward))
    written: tuple[str, ...] = ()
    if write:
        progress("writing")
        sheet = gst_summary_sheet(outward, summary, ledger.settings)
        book.write_sheet(sheet)
        written = (sheet.name, *write_findings(book, ledger, issues, source=GST_RETURNS))
    output = summary.outward_taxable.tax_only() + summary.inward_reverse_charge.tax_only()
    note = RETURNS_MADE.format(
        period=period.label, documents=len(outward.documents),
        output=format_inr(sum(output.values())), itc=format_inr(sum(summary.itc_net.values())),
    )  # fmt: skip
    return RunResult(
        "gst-returns", tuple(issues), Counts.of(ledger, issues), clock.seconds, report, written, note
    )


def hsn_in_return(issues: list[Issue], outward: Gstr1) -> tuple[Issue, ...]:
    """The ``invalid-hsn`` errors whose code is one of GSTR-1's Table 12 (an item not sold in the
    period does not stop the return)."""
    codes = set(outward.hsn["hsn"].astype(str))
    return tuple(i for i in issues if i.rule == Rule.INVALID_HSN and i.value in codes)


def _no_sheet() -> Gstr2b:
    """The fatal issue of a workbook without the GSTR-2B sheet."""
    issue = make_issue(
        Rule.UNREADABLE_GSTR2B_FILE, GSTR2B_SHEET, "", "", "", variant="sheet", file=GSTR2B_SHEET
    )
    return Gstr2b(GSTR2B_SHEET, "", None, empty_documents(), {}, [issue])


@dataclass(frozen=True)
class Gstr2bReport:
    """A reconciliation and where its 2B came from (a file's name, or the workbook's sheet)."""

    result: Gstr2bReconciliation
    source: str
    pasted: bool

    def as_records(self) -> list[dict[str, Any]]:
        return self.result.as_records()

    def summary(self) -> list[dict[str, Any]]:
        """Per status: count and the taxable value and ITC on each side (decimal strings)."""
        return [
            {k: to_decimal_string(v) if k.endswith(("_taxable", "_itc")) else v for k, v in row.items()}
            for row in self.result.summary()
        ]


def gstr2b_book(
    book: Workbook,
    *,
    write: bool,
    progress: Progress = no_progress,
    data: bytes | None = None,
    filename: str = "",
    period: ReturnPeriod | None = None,
    limit: int | None = None,
) -> RunResult:
    """Reconcile a GSTR-2B with the Purchases: ``data`` (a JSON or Excel file's bytes, named
    ``filename``), or without it the workbook's GSTR-2B sheet. With ``write``, the GSTR-2B
    Reconciliation sheet (at most ``limit`` lines: the ribbon's) and the Issues sheet. The report
    is a :class:`Gstr2bReport`."""
    clock = Stopwatch()
    trade, issues, ledger = _trade_book(book, progress)
    if trade is None:
        return RunResult("gstr2b", tuple(issues), Counts.of(ledger, issues), clock.seconds)
    pasted = data is None
    if data is None:
        rows = book.read_sheet(GSTR2B_SHEET)
        portal = _no_sheet() if rows is None else read_pasted_gstr2b(rows, GSTR2B_SHEET)
    else:
        portal = read_gstr2b(data, filename)
    found = [*portal.issues, *recipient_issues(portal, trade.settings.company_gstin)]
    tolerances, setting_issues = load_tolerances(book.read_table(SETTINGS))
    issues = sort_issues(list(dict.fromkeys([*issues, *found, *setting_issues])))
    if has_fatal(found):
        return RunResult("gstr2b", tuple(issues), Counts.of(ledger, issues), clock.seconds)
    progress("reporting")
    result = reconcile_gstr2b(trade.purchases, portal, tolerances=tolerances, period=period)
    source = portal.filename
    report = Gstr2bReport(result, source, pasted)
    written: tuple[str, ...] = ()
    if write:
        progress("writing")
        sheet = gstr2b_sheet(result, ledger.settings, source=source, pasted=pasted, limit=limit)
        book.write_sheet(sheet)
        written = (sheet.name, *write_findings(book, ledger, issues, source=GSTR2B))
    note = RECONCILED.format(
        file=source,
        lines=len(result.lines),
        matched=result.count(MATCHED),
        mismatched=result.count(MISMATCHED),
        books=result.count(BOOKS_ONLY),
        portal=result.count(PORTAL_ONLY),
    )
    return RunResult("gstr2b", tuple(issues), Counts.of(ledger, issues), clock.seconds, report, written, note)


def parse_period(text: str) -> ReturnPeriod:
    """``--period``: a month as typed; what is not one is refused with the bilingual reason."""
    import argparse  # noqa: PLC0415 - only the command line parses periods

    period = ReturnPeriod.parse(text)
    if period is None:
        raise argparse.ArgumentTypeError(BAD_PERIOD.format(text=text).both())
    return period


def read_return_file(path: Path) -> bytes:
    """The bytes of a GSTR-2B file, or a bilingual BookError saying why it cannot be read."""
    return read_input_file(path, "GSTR-2B file", "जीएसटीआर-2बी फ़ाइल")


def write_json(path: Path, text: str) -> Text:
    """Write a portal JSON file whole or not at all; what was written, or a BookError."""
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise BookError(
            f"{path} cannot be written ({reason}); nothing was written there.",
            f"{path} लिखी नहीं जा सकी ({reason}); वहाँ कुछ नहीं लिखा गया।",
            fix_en="Check the folder exists and you may write in it.",
            fix_hi="जाँचें कि फ़ोल्डर है और उसमें लिखने की अनुमति है।",
        ) from exc
    what = (
        "GSTR-3B JSON"
        if '"ret_period"' in text[:200]
        else "GSTR-1 JSON, offline tool " + OFFLINE_TOOL_VERSION
    )
    return JSON_WRITTEN.format(path=path, what=what)


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all: a temporary file beside it (created
    with the usual rights, as a new file is: not mkstemp's private ones), then renamed over it."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("x", encoding="utf-8") as out:
            out.write(text)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
