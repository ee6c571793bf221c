"""Sales and purchases cell formulas: GST split, a party's outstanding, aging, HSN check, GST rate.

Thin wrappers over the trade engine (:mod:`addin.engine.trade`). In Excel they are
``BAHI.GSTSPLIT``, ``BAHI.OUTSTANDING``, ``BAHI.AGING``, ``BAHI.HSNVALID`` and ``BAHI.GSTRATE``.
The tables are passed whole with their header rows (``Parties[#All]``); amounts come back in
rupees, rates in percent. A wrong argument is ``#VALUE!`` with the reason in English and Hindi.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from xlwings import arg, func

from addin.engine.cells import BLANK_REASON, CellValueError, Reason, fold, read_amount, read_yes_no
from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.issues import Severity
from addin.engine.load import ledger_from_rows
from addin.engine.money import SIDE_HEADING, side, to_rupees
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
from addin.engine.trade.aging import BUCKETS, Aging
from addin.engine.trade.allocation import PAYABLE, RECEIVABLE
from addin.engine.trade.book import TradeBook, aging_report, validate_trade
from addin.engine.trade.items import is_valid_hsn, item_lookup, load_items
from addin.engine.trade.rates import load_gst_rates, rates_in_force
from addin.engine.trade.tax import gst_split
from addin.engine.trade.values import POINTS_PER_PERCENT
from udfs._cells import (
    fail,
    fail_issue,
    fail_reason,
    is_blank,
    scalar,
    summary,
    to_date,
    to_paise,
    to_text,
    with_arg_docs,
)
from udfs.india import _each
from udfs.tables import as_rows, raw_table, with_header

__all__ = ["aging", "gstrate", "gstsplit", "hsnvalid", "outstanding"]

AGING_HEADINGS = [
    "Party / पक्ष",
    "Not due / देय नहीं",
    "0–30 days / दिन",
    "31–60 days / दिन",
    "61–90 days / दिन",
    "Over 90 / 90 से अधिक",
    "On account / खाते पर",
    "Balance / शेष",
    SIDE_HEADING,
]


def _rate_points(value: Any) -> int:
    """A GST rate cell in basis points, read as the Items table's GST Rate column is read
    (:func:`~addin.engine.trade.values.percent_points`): 18, "18%" and "18 %" are 18%; 0.25 is 0.25%.

    >>> _rate_points(18), _rate_points("18%"), _rate_points("2.5 %"), _rate_points(0.25)
    (1800, 1800, 250, 25)
    """
    value = scalar(value, "rate")
    if is_blank(value):
        fail_reason("rate", BLANK_REASON)
    if isinstance(value, str):
        value = value.replace("%", "")
    try:
        points = read_amount(value).paise  # the same cell grammar percent_points applies
    except CellValueError as exc:
        fail_reason("rate", exc.reason)
    if not 0 <= points <= 100 * POINTS_PER_PERCENT:
        fail_reason("rate", Reason("a GST rate is from 0 to 100 percent", "जीएसटी दर 0 से 100 प्रतिशत होती है"))
    return points


@func
@with_arg_docs
def gstsplit(taxable: Any, rate: Any, intra: Any = None) -> list[list[float]]:
    """The GST on a taxable value, spilled as three cells: CGST, SGST, IGST (each rounded to the paisa).

    Args:
        taxable: The taxable value in rupees (after discount).
        rate: The GST rate in percent: 18 or "18%" (0.25 is 0.25%, as in the Items table).
        intra: TRUE (the default) within the state: CGST and SGST, half the rate each; FALSE: IGST.
    """
    paise = to_paise(taxable, "taxable")
    try:
        within = read_yes_no(scalar(intra, "intra")) is not False  # blank: within the state
    except CellValueError as exc:
        fail_reason("intra", exc.reason)
    split = gst_split(paise, _rate_points(rate), intra=within)
    return [[to_rupees(split.cgst), to_rupees(split.sgst), to_rupees(split.igst)]]


@func
@arg("code", "raw")
@with_arg_docs
def hsnvalid(code: Any) -> Any:  # bool, or a 2-D list for a range
    """TRUE if the code is an HSN or SAC code an invoice may carry: 4, 6 or 8 digits.

    Args:
        code: The HSN/SAC code (text or a number); a range gives one TRUE/FALSE a cell.
    """
    return _each(code, lambda value: is_valid_hsn(_code_text(value)))


def _code_text(value: Any) -> str:
    """A code cell as text: 7306.0 (a number cell) is "7306"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else ""


def _rows(value: Any, spec: TableSpec) -> list[list[Any]]:
    return with_header(as_rows(value, spec.name), spec, spec.name)


def _table(spec: TableSpec, value: Any, what: str) -> RawTable:
    return raw_table(spec, with_header(as_rows(value, what), spec, what))


@func
@arg("items", "raw")
@arg("rates", "raw")
@with_arg_docs
def gstrate(items: Any, rates: Any, item: Any, date: Any) -> float:
    """The GST rate (percent) of an item on a date: its latest GST Rates row in force, else its Items rate.

    Args:
        items: The Items table with its header row: Items[#All].
        rates: The GST Rates table with its header row: GSTRates[#All] (may be empty).
        item: The item's code or name.
        date: The date of supply (an invoice's date).
    """
    with no_cyclic_gc():
        frame, _, _ = load_items(_table(ITEMS, items, "items"))
        codes = item_lookup(frame)
        given = None if _omitted(rates) else _table(GST_RATES, rates, "rates")
        history, rate_issues = load_gst_rates(given, codes)
        unread = next((i for i in rate_issues if i.severity is not Severity.WARNING), None)
        if unread is not None:  # a row it cannot read may be this item's rate in force: no guess
            fail_issue(unread)
    name = _code_text(scalar(item, "item")) or to_text(item, "item", "")
    code = codes.get(fold(name)) if name else None
    if code is None:
        fail(f"item: {name!r} is not in the Items table", f"item: {name!r} Items तालिका में नहीं है")
    day = np.array([np.datetime64(to_date(date), "ns")])
    return int(rates_in_force(frame, history, pd.Series([code]), day)[0]) / 100


def _omitted(value: Any) -> bool:
    return value is None or (not isinstance(value, list | tuple) and is_blank(value))


TRADE_TABLES: tuple[tuple[str, TableSpec, str], ...] = (
    ("parties", PARTIES, "The Parties table with its header row: Parties[#All]."),
    ("items", ITEMS, "The Items table: Items[#All]."),
    ("rates", GST_RATES, "The GST Rates table: GSTRates[#All] (may be empty)."),
    ("sales", SALES, "The Sales table: Sales[#All]."),
    ("purchases", PURCHASES, "The Purchases table: Purchases[#All]."),
    ("receipts", RECEIPTS, "The Receipts table: Receipts[#All] (may be empty)."),
    ("payments", PAYMENTS, "The Payments table: Payments[#All] (may be empty)."),
    ("tds", TDS_SECTIONS, "The TDS Sections table: TDSSections[#All] (may be empty)."),
    ("accounts", ACCOUNTS, "The Accounts table: Accounts[#All] (parties' opening balances; may be empty)."),
    ("settings", SETTINGS, "The Settings table: Settings[#All] (the company's GSTIN, the financial year)."),
)
"""The tables a sub-ledger formula takes first, in this order: the Post macro's tables, so that the
formula's figures are the Aging sheet's."""

F = TypeVar("F", bound=Callable[..., Any])


def takes_trade_tables(f: F) -> F:
    """Declare the :data:`TRADE_TABLES` arguments of ``f``: passed raw, documented once (here) in the
    ``Args:`` block :func:`~udfs._cells.with_arg_docs` reads. Apply below ``with_arg_docs``."""
    lines = (f.__doc__ or "").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "Args:")
    indent = " " * (len(lines[at]) - len(lines[at].lstrip()) + 4)
    table_lines = [f"{indent}{name}: {text}" for name, _, text in TRADE_TABLES]
    whole = "\n".join([*lines[: at + 1], *table_lines, *lines[at + 1 :]])
    f.__doc__ = summary(whole)  # what xlwings records as the description on the first @arg
    try:
        for name, _, _ in TRADE_TABLES:
            f = arg(name, "raw")(f)
    finally:
        f.__doc__ = whole
    return f


def trade_book(given: Sequence[Any]) -> TradeBook:
    """The trade tables of the formula's arguments (in :data:`TRADE_TABLES` order), loaded and checked
    as the Post macro does over a ledger of the Accounts (parties' opening balances) and Settings,
    with no Journal; the first fatal finding fails the formula."""
    tables: dict[str, RawTable | None] = {
        spec.name: None if _omitted(value) else _table(spec, value, what)
        for (what, spec, _), value in zip(TRADE_TABLES, given, strict=True)
    }
    accounts, settings = given[-2:]
    ledger = ledger_from_rows(
        [[c.heading for c in ACCOUNTS.columns]] if _omitted(accounts) else _rows(accounts, ACCOUNTS),
        [[c.heading for c in JOURNAL.columns]],
        None if _omitted(settings) else _rows(settings, SETTINGS),
    )
    book, issues = validate_trade(tables, ledger)
    fatal = next((i for i in issues if i.severity is Severity.FATAL), None)
    if fatal is not None:
        fail_issue(fatal)
    return book


def _as_of(value: Any) -> dt.date:
    value = scalar(value, "as_of")
    return dt.date.today() if is_blank(value) else to_date(value, "as_of")  # noqa: DTZ011 - the user's today


def _side_aging(book: TradeBook, party: str | None, as_of: dt.date) -> list[Aging]:
    """The aging of each side the party (or every party) trades on."""
    if party is None:
        return [aging_report(book, s, as_of) for s in (RECEIVABLE, PAYABLE)]
    kind = book.parties.loc[book.parties["code"] == party, "kind"].tolist()[0]
    sides = {"customer": (RECEIVABLE,), "vendor": (PAYABLE,)}.get(kind, (RECEIVABLE, PAYABLE))
    return [aging_report(book, s, as_of) for s in sides]


def _party(book: TradeBook, value: Any) -> str:
    name = _code_text(scalar(value, "party")) or to_text(value, "party", "")
    code = book.party_codes.get(fold(name)) if name else None
    if code is None:
        fail(f"party: {name!r} is not in the Parties table", f"party: {name!r} Parties तालिका में नहीं है")
    return code


@func
@with_arg_docs
@takes_trade_tables
def outstanding(  # noqa: PLR0917 - Excel passes a formula's arguments by position
    parties: Any,
    items: Any,
    rates: Any,
    sales: Any,
    purchases: Any,
    receipts: Any,
    payments: Any,
    tds: Any,
    accounts: Any,
    settings: Any,
    party: Any,
    as_of: Any = None,
) -> float:
    """What a party owes (positive) or is owed (negative) in rupees: its bills pending less money on account.

    Args:
        party: The party's code or name.
        as_of: Count bills and money up to this date (default: today).
    """
    with no_cyclic_gc():
        book = trade_book(
            (
                parties,
                items,
                rates,
                sales,
                purchases,
                receipts,
                payments,
                tds,
                accounts,
                settings,
            )
        )
        code = _party(book, party)
        total = 0
        for report in _side_aging(book, code, _as_of(as_of)):
            net = int(report.parties.loc[report.parties["party"] == code, "net"].sum())
            total += net if report.side == RECEIVABLE else -net
    return to_rupees(total)


@func
@with_arg_docs
@takes_trade_tables
def aging(  # noqa: PLR0917 - Excel passes a formula's arguments by position
    parties: Any,
    items: Any,
    rates: Any,
    sales: Any,
    purchases: Any,
    receipts: Any,
    payments: Any,
    tds: Any,
    accounts: Any,
    settings: Any,
    party: Any = None,
    as_of: Any = None,
) -> list[list[Any]]:
    """Receivables and payables by days past due: a row a party, spilled with headings.

    Args:
        party: One party's code or name (default: every party).
        as_of: Age on this date (default: today).
    """
    with no_cyclic_gc():
        book = trade_book(
            (
                parties,
                items,
                rates,
                sales,
                purchases,
                receipts,
                payments,
                tds,
                accounts,
                settings,
            )
        )
        code = None if is_blank(scalar(party, "party")) else _party(book, party)
        rows: list[list[Any]] = [list(AGING_HEADINGS)]
        for report in _side_aging(book, code, _as_of(as_of)):
            frame = report.parties if code is None else report.parties[report.parties["party"] == code]
            sign = 1 if report.side == RECEIVABLE else -1
            for r in frame.sort_values("party", kind="stable").to_dict("records"):
                net = int(r["net"]) * sign
                amounts = [to_rupees(int(r[b])) for b in (*BUCKETS, "on_account")]
                rows.append([r["party"], *amounts, to_rupees(abs(net)), side(net)])
    return rows
