"""Loading the Sales and Purchases tables into documents and taxed lines: the frames returns read.

A table holds one row a line. A **document** is a run of consecutive rows with the same Type and
Number (and, for purchases, the same Party: two vendors may use the same bill number). Its header —
Type, Number, Date, Party, Place of Supply, Reverse Charge, Against — is read from its first row;
later rows may repeat it or leave it blank, and a row whose Number is blank continues the document
above it. A later row whose header cell differs is an ``inconsistent-document`` error (the first
row's value is used). Keep an invoice's lines together, one below the other.

**The lines frame** (``DocumentSet.lines``) — the contract the GST returns (GSTR-1, GSTR-3B, 2B) read;
one row per document line, in workbook order:

============== ============================================================================
row            worksheet row (int)
doc            the document's position in ``DocumentSet.documents`` (int)
doc_kind       "invoice", "credit-note", "debit-note" (sales); "bill", "credit-note",
               "debit-note" (purchases: the documents the vendor issued)
number         document number as typed (str)
date           document date (datetime64[ns]; NaT when unreadable)
party          party code (str; "" when unknown)
party_gstin    the party's GSTIN, compact ("" for an unregistered party; kept when not valid —
               the Parties sheet's ``invalid-gstin`` issue names it)
supplier_state two-digit state code of the supplier (the company for sales, the vendor for
               purchases)
place_of_supply two-digit state code; intra-state when equal to ``supplier_state``
item, hsn      item code and its HSN/SAC code (str)
qty            quantity in **hundredths** of the unit (int; 250 = 2.5), 0 when not typed
unit           UQC of the item (str)
price, discount paise (int)
taxable        taxable value in paise (int)
rate           GST rate in basis points (int; 1800 = 18%): the GST Rate typed, else the item's rate
               on the document's date (a note's: on its invoice's date, see :mod:`.rates`)
igst, cgst, sgst, cess  tax in paise (int), per :mod:`.tax`; cess is always 0
reverse_charge bool
against        the invoice a note refers to (str; "" for invoices and bills)
intra          bool: ``supplier_state == place_of_supply``
ok             bool: the document is fully readable and its tax certain (see below)
============== ============================================================================

**The documents frame** (``DocumentSet.documents``) — one row a document: ``doc``, ``row`` (its first
line), ``doc_kind``, ``number``, ``date``, ``fy`` (start year of its financial year), ``party``,
``party_name``, ``party_gstin``, ``supplier_state``, ``place_of_supply``, ``intra``,
``reverse_charge``, ``against``, ``taxable``, ``igst``, ``cgst``, ``sgst``, ``cess``, ``tax``,
``value`` (rounded to the rupee) and ``round_off`` (paise), ``due`` (date + the party's credit days),
``lines`` (count) and ``ok``.

A document is **not ok** — left out of posting, allocation and (for the returns) to be listed as an
error — when its party, an item, its date, its state or place of supply, a Qty/Rate/Taxable Value is
missing or unreadable, its Type is unknown, it is dated outside the financial year, or (checked in
:mod:`.invoice_rules` and :mod:`.duplicates`) its number repeats another document's. Its lines stay
in the frame with ``ok`` False, so row numbers and counts stay true.

Amounts are positive whatever the document: a credit note's taxable value is positive, and posting
reverses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.cells import UnreadCell
from addin.engine.issues import Issue
from addin.engine.ledger import Settings
from addin.engine.load import (
    TableReader,
    blank_rows,
    fold,
    missing_table_issue,
    resolve_accounts,
    table_layout,
)
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import PURCHASES, SALES, TableSpec
from addin.engine.tables import RawTable
from addin.engine.trade.items import rate_issues
from addin.engine.trade.located import Located, issues_at
from addin.engine.trade.rates import rates_in_force
from addin.engine.trade.states import state_codes, state_label
from addin.engine.trade.tax import document_value, line_taxable, line_taxes
from addin.engine.trade.values import format_percent, percent_points, yes_flags

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

SALES_SIDE, PURCHASES_SIDE = "sales", "purchases"

SALES_KINDS: dict[str, str] = {
    "": "invoice",
    "invoice": "invoice",
    "tax invoice": "invoice",
    "inv": "invoice",
    "sale": "invoice",
    "बीजक": "invoice",
    "credit note": "credit-note",
    "cn": "credit-note",
    "credit-note": "credit-note",
    "क्रेडिट नोट": "credit-note",
    "debit note": "debit-note",
    "dn": "debit-note",
    "debit-note": "debit-note",
    "डेबिट नोट": "debit-note",
}
PURCHASE_KINDS: dict[str, str] = {
    **{k: ("bill" if v == "invoice" else v) for k, v in SALES_KINDS.items()},
    "bill": "bill",
    "purchase": "bill",
    "बिल": "bill",
}
KIND_NAMES: dict[str, str] = {
    "invoice": "Invoice",
    "bill": "Bill",
    "credit-note": "Credit Note",
    "debit-note": "Debit Note",
}
"""Each kind as the Type column's dropdown writes it."""
NOTE_KINDS = ("credit-note", "debit-note")

LINE_COLUMNS = (
    "row",
    "doc",
    "doc_kind",
    "number",
    "date",
    "party",
    "party_gstin",
    "supplier_state",
    "place_of_supply",
    "item",
    "hsn",
    "qty",
    "unit",
    "price",
    "discount",
    "taxable",
    "rate",
    "igst",
    "cgst",
    "sgst",
    "cess",
    "reverse_charge",
    "against",
    "intra",
    "ok",
)
DOCUMENT_COLUMNS = (
    "doc",
    "row",
    "doc_kind",
    "number",
    "date",
    "fy",
    "party",
    "party_name",
    "party_gstin",
    "supplier_state",
    "place_of_supply",
    "intra",
    "reverse_charge",
    "against",
    "taxable",
    "igst",
    "cgst",
    "sgst",
    "cess",
    "tax",
    "value",
    "round_off",
    "due",
    "lines",
    "ok",
)
_INTS = frozenset(
    {
        "row",
        "doc",
        "qty",
        "price",
        "discount",
        "taxable",
        "rate",
        "igst",
        "cgst",
        "sgst",
        "cess",
        "tax",
        "value",
        "round_off",
        "fy",
        "lines",
    }
)
_BOOLS = frozenset({"reverse_charge", "intra", "ok"})
_DATES = frozenset({"date", "due"})


@dataclass(frozen=True)
class DocumentSet:
    """One side's documents: ``side`` is "sales" or "purchases"; frames as the module describes."""

    side: str
    lines: pd.DataFrame
    documents: pd.DataFrame
    where: Located

    @property
    def spec(self) -> TableSpec:
        return SALES if self.side == SALES_SIDE else PURCHASES

    def with_rejected(self, docs: IntArray) -> DocumentSet:
        """The same set with documents ``docs`` (and their lines) marked not ok."""
        if not len(docs):
            return self
        bad = np.zeros(len(self.documents), dtype=np.bool_)
        bad[docs] = True
        documents = self.documents.assign(ok=self.documents["ok"].to_numpy() & ~bad)
        lines = self.lines.assign(ok=self.lines["ok"].to_numpy() & ~bad[self.lines["doc"].to_numpy()])
        return DocumentSet(self.side, lines, documents, self.where)


def _typed(frame_data: Mapping[str, Any], columns: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame({c: frame_data[c] for c in columns})
    types: dict[str, Any] = {}
    for c in columns:
        if c in _INTS:
            types[c] = np.int64
        elif c in _BOOLS:
            types[c] = np.bool_
        elif c in _DATES:
            types[c] = "datetime64[ns]"
        else:
            types[c] = "str"
    return frame.astype(types)


def empty_documents(side: str, where: Located) -> DocumentSet:
    """A document set with no documents."""
    return DocumentSet(
        side,
        _typed({c: [] for c in LINE_COLUMNS}, LINE_COLUMNS),
        _typed({c: [] for c in DOCUMENT_COLUMNS}, DOCUMENT_COLUMNS),
        where,
    )


def _kinds(texts: pd.Series[str], side: str) -> tuple[list[str], BoolArray]:
    """Each line's kind (the side's default where unknown) and a mask of unknown kinds."""
    table = SALES_KINDS if side == SALES_SIDE else PURCHASE_KINDS
    codes_raw, uniques = pd.factorize(texts)
    names = [table.get(fold(str(u)), "") for u in uniques]
    default = table[""]
    codes = np.asarray(codes_raw, dtype=np.int64)
    known = np.array([bool(x) for x in names] + [True], dtype=np.bool_)[codes]
    kinds = [names[c] or default if c >= 0 else default for c in codes.tolist()]
    return kinds, ~known


def group_sum(groups: IntArray, values: IntArray, count: int) -> IntArray:
    """Exact per-group sums of int64 paise (every partial sum stays below 2**53)."""
    return np.rint(np.bincount(groups, weights=values.astype(np.float64), minlength=count)).astype(np.int64)


def load_documents(
    table: RawTable | None,
    side: str,
    *,
    parties: pd.DataFrame,
    party_codes: Mapping[str, str],
    items: pd.DataFrame,
    item_codes: Mapping[str, str],
    rate_history: pd.DataFrame,
    company_state: str,
    settings: Settings,
) -> tuple[DocumentSet, list[Issue]]:
    """The Sales (``side`` "sales") or Purchases table as a :class:`DocumentSet`, with its issues."""
    spec = SALES if side == SALES_SIDE else PURCHASES
    if table is None:
        return empty_documents(side, Located.of(None, spec, {})), [missing_table_issue(spec)]
    positions, issues, complete = table_layout(table, spec)
    where = Located.of(table, spec, positions)
    if not complete:
        return empty_documents(side, where), issues
    return _Loader(
        table,
        side,
        where,
        positions,
        parties=parties,
        party_codes=party_codes,
        items=items,
        item_codes=item_codes,
        rate_history=rate_history,
        company_state=company_state,
        settings=settings,
    ).run(issues)


class _Loader:
    """The steps of :func:`load_documents`, sharing the parsed columns."""

    def __init__(
        self,
        table: RawTable,
        side: str,
        where: Located,
        positions: Mapping[str, int],
        *,
        parties: pd.DataFrame,
        party_codes: Mapping[str, str],
        items: pd.DataFrame,
        item_codes: Mapping[str, str],
        rate_history: pd.DataFrame,
        company_state: str,
        settings: Settings,
    ) -> None:
        self.table, self.side, self.where = table, side, where
        self.parties, self.party_codes = parties, party_codes
        self.items, self.item_codes, self.rate_history = items, item_codes, rate_history
        self.company_state, self.settings = company_state, settings
        self.reader = TableReader(table, positions)
        self.found: list[Issue] = []

    def at(self, rule: Rule, column: str, picks: IntArray, values: list[str], **fields: Any) -> None:
        """Issues at ``column`` of the kept rows ``picks``."""
        rows = self.rows[picks].tolist()
        self.found += issues_at(self.where, rule, column, rows, values, **fields)

    def run(self, issues: list[Issue]) -> tuple[DocumentSet, list[Issue]]:
        r = self.reader
        kind_t = r.text("Type", UnreadCell.TYPE)
        number_t = r.text("Number", UnreadCell.VOUCHER)
        date_c = r.dates("Date", UnreadCell.DATE)
        party_t = r.text("Party")
        pos_t = r.text("Place of Supply")
        item_t = r.text("Item")
        qty_c = r.amounts("Qty", UnreadCell.OTHER)
        price_c = r.amounts("Rate", UnreadCell.OTHER)
        discount_c = r.amounts("Discount", UnreadCell.OTHER)
        taxable_c = r.amounts("Taxable Value", UnreadCell.OTHER)
        gst_raw = r.raw("GST Rate")
        rcm_raw = r.raw("Reverse Charge")
        against_t = r.text("Against")
        r.other_columns_blank()
        blank, blank_issues = blank_rows(self.table, r.blanks)
        self.found += [*issues, *r.issues, *blank_issues]
        n_all = self.table.row_count
        keep = np.flatnonzero(~blank)
        self.rows = (self.table.header_row + 1 + np.arange(n_all, dtype=np.int64))[keep]
        m = len(keep)
        if m == 0:
            return empty_documents(self.side, self.where), self.found
        empty = pd.Series([None] * n_all, dtype=object)
        gst = percent_points(gst_raw if gst_raw is not None else empty)
        rcm_flags = yes_flags(rcm_raw if rcm_raw is not None else empty)[keep]
        rcm_typed = (~(rcm_raw.isna().to_numpy() if rcm_raw is not None else np.ones(n_all, np.bool_)))[keep]

        def kept(series: pd.Series[str]) -> pd.Series[str]:
            return series.iloc[keep].reset_index(drop=True)

        numbers = kept(number_t)
        kind_text = kept(kind_t)
        party_text = kept(party_t)
        dates = date_c.values[keep]
        unread = self.reader.unread[keep]

        # continuation rows (blank Number) take the header of the numbered row above them
        cont = numbers.eq("").to_numpy()
        head = np.maximum.accumulate(np.where(~cont, np.arange(m), -1))
        orphan = head < 0
        if orphan.any():
            picks = np.flatnonzero(orphan)
            self.at(Rule.MISSING_DOCUMENT_NUMBER, "Number", picks, [""] * len(picks))
        src = np.where(orphan, 0, head)  # the row each line's header comes from

        def header(values: Any) -> Any:
            array = np.asarray(values)
            return np.where(cont, array[src], array)

        kinds_list, kind_bad = _kinds(kind_text, self.side)
        kind = header(np.array(kinds_list, dtype=object))
        kind_bad = header(kind_bad)
        number = header(numbers.to_numpy(dtype=object))
        party_code = resolve_accounts(party_text, self.party_codes).to_numpy(dtype=object)
        party_key = np.where(
            party_code != "",
            party_code,
            np.char.add("?", party_text.str.casefold().to_numpy(dtype=str)).astype(object),
        )
        party_given = party_text.ne("").to_numpy()
        # a blank Party continues the party above (within or across numbered rows)
        last_party = np.maximum.accumulate(np.where(party_given, np.arange(m), -1))
        party_key = np.where(last_party >= 0, party_key[np.maximum(last_party, 0)], "")

        # documents: runs of equal (type, number[, party]) among rows with a number
        kind_codes = pd.factorize(kind)[0]
        number_codes = pd.factorize(number)[0]
        key = kind_codes.astype(np.int64) + 4 * number_codes.astype(np.int64)
        if self.side == PURCHASES_SIDE:
            key = key * (m + 1) + pd.factorize(party_key)[0].astype(np.int64)
        key = np.where(orphan, -1, key)
        starts = np.ones(m, dtype=np.bool_)
        starts[1:] = key[1:] != key[:-1]
        starts &= ~orphan
        doc = np.cumsum(starts) - 1
        first = np.flatnonzero(starts)
        count = len(first)
        if count == 0:
            return empty_documents(self.side, self.where), self.found
        lines_mask = ~orphan
        doc_of = np.where(lines_mask, doc, -1)
        first_of = first[np.maximum(doc_of, 0)]  # each line's document's first row
        later = lines_mask & ~starts

        doc_ok = np.ones(count, dtype=np.bool_)

        def reject(mask_rows: BoolArray) -> None:
            doc_ok[np.unique(doc_of[mask_rows & lines_mask])] = False

        # header of each document, from its first row
        d_kind = kind[first]
        d_number = number[first].astype(str)
        if kind_bad.any():
            picks = np.flatnonzero(kind_bad & starts)
            kinds_known = (SALES_KINDS if self.side == SALES_SIDE else PURCHASE_KINDS).values()
            types = ", ".join(sorted({KIND_NAMES[k] for k in kinds_known}))
            self.at(Rule.INVALID_DOCUMENT_TYPE, "Type", picks, kind_text.iloc[picks].tolist(), types=types)
            reject(kind_bad)
        header_dates = header(dates)
        d_date = header_dates[first]
        no_date = np.isnat(d_date)
        typed_blank = (unread[first] & int(UnreadCell.DATE)) == 0
        picks = first[no_date & typed_blank]
        self.at(Rule.MISSING_DATE, "Date", picks, [""] * len(picks))
        doc_ok &= ~no_date
        # a later line's own date, party, place of supply, reverse charge or against must agree
        own_date_differs = later & ~cont & ~np.isnat(dates) & (dates != d_date[np.maximum(doc_of, 0)])
        self._inconsistent("Date", own_date_differs, lambda i: _shown(dates[i]), first_of)
        d_party = party_code[first].astype(str)
        party_differs = later & party_given & (party_key != party_key[first_of])
        self._inconsistent("Party", party_differs, lambda i: str(party_text.iat[i]), first_of)

        # the party
        party_typed_first = party_text.iloc[first].tolist()
        unknown_party = d_party == ""
        picks = np.flatnonzero(unknown_party)
        if len(picks):
            typed = [party_typed_first[i] for i in picks]
            shown = [t for t in typed if t]
            self.at(Rule.UNKNOWN_PARTY, "Party", first[picks][[bool(t) for t in typed]], shown)
            blanks = first[picks][[not t for t in typed]]
            self.found += issues_at(
                self.where,
                Rule.UNKNOWN_PARTY,
                "Party",
                self.rows[blanks].tolist(),
                [""] * len(blanks),
                variant="blank",
            )
            doc_ok[picks] = False
        info = self.parties.drop_duplicates("code").set_index("code")
        d_party_gstin = _lookup(info["gstin"], d_party, "")
        d_party_state = _lookup(info["state"], d_party, "")
        d_party_name = _lookup(info["name"], d_party, "")
        d_days = _lookup(info["credit_days"], d_party, 0).astype(np.int64)

        # states
        pos_text = kept(pos_t)
        pos_code = state_codes(pos_text).to_numpy(dtype=object)
        bad_pos = pos_text.ne("").to_numpy() & (pos_code == "")
        picks = np.flatnonzero(bad_pos & (starts | ~cont))
        self.at(Rule.INVALID_STATE, "Place of Supply", picks, pos_text.iloc[picks].tolist())
        reject(header(bad_pos))
        pos_first = pos_code[first].astype(str)
        pos_differs = later & ~cont & (pos_code != "") & (pos_code != pos_code[first_of])
        self._inconsistent("Place of Supply", pos_differs, lambda i: str(pos_text.iat[i]), first_of)
        if self.side == SALES_SIDE:  # the company supplies; the place of supply is the recipient's state
            supplier = np.full(count, self.company_state, dtype=object)
            place = np.where(pos_first != "", pos_first, d_party_state).astype(object)
            unknown_state = (place == "") & ~unknown_party
            mismatch = (
                (pos_first != "") & (d_party_state != "") & (pos_first != d_party_state) & ~unknown_party
            )
            picks = np.flatnonzero(mismatch)
            self.at(
                Rule.PLACE_OF_SUPPLY_MISMATCH,
                "Place of Supply",
                first[picks],
                [state_label(pos_first[i]) for i in picks],
                party=[d_party_name[i] for i in picks],
                state=[state_label(d_party_state[i]) for i in picks],
            )
        else:  # the vendor supplies, to the company's state unless the place of supply says otherwise
            supplier = d_party_state.astype(object)
            place = np.where(pos_first != "", pos_first, self.company_state).astype(object)
            unknown_state = (supplier == "") & ~unknown_party
        picks = np.flatnonzero(unknown_state)
        self.at(Rule.INVALID_STATE, "Party", first[picks], [d_party[i] for i in picks], variant="unknown")
        doc_ok &= ~unknown_state
        if not self.company_state:  # the Settings' company-gstin issue says why
            doc_ok[:] = False
        intra = (supplier == place) & (supplier != "")

        # reverse charge and against
        d_rcm = header(rcm_flags)[first]
        rcm_differs = later & ~cont & rcm_typed & (rcm_flags != d_rcm[np.maximum(doc_of, 0)])
        self._inconsistent("Reverse Charge", rcm_differs, lambda i: "Yes" if rcm_flags[i] else "No", first_of)
        against_text = kept(against_t)
        d_against = header(against_text.to_numpy(dtype=object))[first].astype(str)
        against_folded = against_text.str.casefold().to_numpy(dtype=object)
        against_differs = (
            later & ~cont & (against_folded != "") & (against_folded != against_folded[first_of])
        )
        self._inconsistent("Against", against_differs, lambda i: str(against_text.iat[i]), first_of)

        # the financial year
        bounds = self.settings.fy_bounds()
        if bounds is not None:
            start, end = (np.datetime64(b, "ns") for b in bounds)
            outside = ~no_date & ((d_date < start) | (d_date > end))
            picks = np.flatnonzero(outside)
            self.at(
                Rule.OUTSIDE_FINANCIAL_YEAR,
                "Date",
                first[picks],
                [_shown(d_date[i]) for i in picks],
                start=_shown(start),
                end=_shown(end),
            )
            doc_ok &= ~outside

        # lines: item, amounts, rate, tax
        item_text = kept(item_t)
        item_code = resolve_accounts(item_text, self.item_codes)
        unknown_item = item_code.eq("").to_numpy() & lines_mask
        picks = np.flatnonzero(unknown_item & item_text.ne("").to_numpy())
        self.at(Rule.UNKNOWN_ITEM, "Item", picks, item_text.iloc[picks].tolist())
        picks = np.flatnonzero(unknown_item & item_text.eq("").to_numpy())
        self.found += issues_at(
            self.where,
            Rule.UNKNOWN_ITEM,
            "Item",
            self.rows[picks].tolist(),
            [""] * len(picks),
            variant="blank",
        )
        reject(unknown_item)
        item_info = self.items.drop_duplicates("code").set_index("code")
        codes_array = item_code.to_numpy(dtype=object)
        hsn = _lookup(item_info["hsn"], codes_array, "")
        unit = _lookup(item_info["unit"], codes_array, "")

        qty, price, discount, typed_taxable = (c.paise[keep] for c in (qty_c, price_c, discount_c, taxable_c))
        for column, parsed in (
            ("Qty", qty_c),
            ("Rate", price_c),
            ("Discount", discount_c),
            ("Taxable Value", taxable_c),
        ):
            negative = parsed.negative[keep] & lines_mask
            picks = np.flatnonzero(negative)
            self.found += issues_at(
                self.where,
                Rule.NEGATIVE_AMOUNT,
                column,
                self.rows[picks].tolist(),
                [format_inr(int(parsed.paise[keep][i])) for i in picks],
                variant="trade",
            )
            reject(negative | (parsed.unreadable[keep] | parsed.error[keep]))
        has_qty, has_price = qty_c.readable[keep], price_c.readable[keep]
        has_taxable = taxable_c.readable[keep]
        computed = np.where(has_qty, line_taxable(qty, price, discount), price - discount)
        has_computed = has_price
        unread_amounts = np.zeros(m, dtype=np.bool_)
        for parsed in (qty_c, price_c, discount_c, taxable_c):
            unread_amounts |= (parsed.unreadable | parsed.error)[keep]
        none = lines_mask & ~has_taxable & ~has_computed & ~unread_amounts  # unreadable: reported already
        column = "Taxable Value" if "Taxable Value" in self.where.letters else "Rate"
        picks = np.flatnonzero(none)
        self.at(Rule.NO_TAXABLE_VALUE, column, picks, [""] * len(picks))
        reject(none)
        differs = lines_mask & has_taxable & has_computed & (typed_taxable != computed)
        picks = np.flatnonzero(differs)
        self.at(
            Rule.TAXABLE_VALUE_MISMATCH,
            "Taxable Value",
            picks,
            [format_inr(int(typed_taxable[i])) for i in picks],
            expected=[format_inr(int(computed[i])) for i in picks],
        )
        taxable = np.where(has_taxable, typed_taxable, np.where(has_computed, computed, 0)).astype(np.int64)
        qty = np.where(has_qty, qty, 0)

        line_dates = d_date[np.maximum(doc_of, 0)]
        rate_dates = _rate_days(d_kind, d_number, d_party, d_against, d_date)[np.maximum(doc_of, 0)]
        expected = rates_in_force(self.items, self.rate_history, item_code, rate_dates)
        gst_points, gst_readable = gst.paise[keep], gst.readable[keep]
        bad_rate = (gst.unreadable[keep] | gst.error[keep]) & lines_mask
        picks = np.flatnonzero(bad_rate)
        raw_rates = gst_raw.iloc[keep].tolist() if gst_raw is not None else []
        self.at(Rule.UNREADABLE_AMOUNT, "GST Rate", picks, [str(raw_rates[i]) for i in picks])
        reject(bad_rate)
        self.found += rate_issues(self.where, "GST Rate", self.rows, gst_points, gst_readable & lines_mask)
        differs = lines_mask & gst_readable & ~unknown_item & ~np.isnat(rate_dates) & (gst_points != expected)
        picks = np.flatnonzero(differs)
        self.at(
            Rule.GST_RATE_MISMATCH,
            "GST Rate",
            picks,
            [format_percent(int(gst_points[i])) for i in picks],
            item=[codes_array[i] for i in picks],
            expected=[format_percent(int(expected[i])) for i in picks],
            date=[_shown(rate_dates[i]) for i in picks],
        )
        rate = np.where(gst_readable, gst_points, expected).astype(np.int64)
        line_intra = intra[np.maximum(doc_of, 0)]
        igst, cgst, sgst = line_taxes(taxable, rate, line_intra)
        cess = np.zeros(m, dtype=np.int64)

        # documents' totals
        groups = np.where(lines_mask, doc_of, count)  # orphans into a spare group
        sums = {
            name: group_sum(groups, values, count + 1)[:count]
            for name, values in (
                ("taxable", taxable),
                ("igst", igst),
                ("cgst", cgst),
                ("sgst", sgst),
                ("cess", cess),
            )
        }
        tax = sums["igst"] + sums["cgst"] + sums["sgst"] + sums["cess"]
        value, round_off = document_value(sums["taxable"], tax, d_rcm)
        fy = fy_start_years(d_date, self.settings.fy_start_month)
        due = d_date + d_days.astype("timedelta64[D]")
        documents = _typed(
            {
                "doc": np.arange(count),
                "row": self.rows[first],
                "doc_kind": d_kind,
                "number": d_number,
                "date": d_date,
                "fy": fy,
                "party": d_party,
                "party_name": d_party_name,
                "party_gstin": d_party_gstin,
                "supplier_state": supplier,
                "place_of_supply": place,
                "intra": intra,
                "reverse_charge": d_rcm,
                "against": d_against,
                **sums,
                "tax": tax,
                "value": value,
                "round_off": round_off,
                "due": due,
                "lines": np.bincount(doc_of[lines_mask], minlength=count),
                "ok": doc_ok,
            },
            DOCUMENT_COLUMNS,
        )
        line_doc = np.maximum(doc_of, 0)
        lines = _typed(
            {
                "row": self.rows,
                "doc": doc_of,
                "doc_kind": d_kind[line_doc],
                "number": d_number[line_doc],
                "date": line_dates,
                "party": d_party[line_doc],
                "party_gstin": d_party_gstin[line_doc],
                "supplier_state": supplier[line_doc],
                "place_of_supply": place[line_doc],
                "item": item_code,
                "hsn": hsn,
                "qty": qty,
                "unit": unit,
                "price": np.where(has_price, price, 0),
                "discount": discount,
                "taxable": taxable,
                "rate": rate,
                "igst": igst,
                "cgst": cgst,
                "sgst": sgst,
                "cess": cess,
                "reverse_charge": d_rcm[line_doc],
                "against": d_against[line_doc],
                "intra": line_intra,
                "ok": doc_ok[line_doc],
            },
            LINE_COLUMNS,
        )
        lines = lines[lines_mask].reset_index(drop=True)
        return DocumentSet(self.side, lines, documents, self.where), self.found

    def _inconsistent(
        self, column: str, mask: BoolArray, text: Callable[[int], str], first_of: IntArray
    ) -> None:
        """``inconsistent-document`` at the later lines in ``mask``; ``text(i)`` is line i's cell as shown."""
        picks = np.flatnonzero(mask)
        if not len(picks):
            return
        firsts = first_of[picks].tolist()
        self.at(
            Rule.INCONSISTENT_DOCUMENT,
            column,
            picks,
            [text(i) for i in picks.tolist()],
            first=[text(i) for i in firsts],
            first_row=self.rows[firsts].tolist(),
        )


def _rate_days(
    kind: npt.NDArray[Any],
    number: npt.NDArray[Any],
    party: npt.NDArray[Any],
    against: npt.NDArray[Any],
    date: npt.NDArray[np.datetime64],
) -> npt.NDArray[np.datetime64]:
    """The day whose GST rate applies to each document: its own date, but for a credit or debit note
    the date of the invoice it names (a note adjusts the tax charged then, at that rate)."""
    days = np.array(date, dtype="datetime64[ns]")
    notes = np.isin(kind, NOTE_KINDS) & (against != "")
    if not notes.any():
        return days
    originals = ~np.isin(kind, NOTE_KINDS)
    known = pd.Series(
        days[originals],
        index=pd.MultiIndex.from_arrays(
            [party[originals].astype(str), np.char.lower(number[originals].astype(str))]
        ),
    )
    known = known[~known.index.duplicated(keep="first")]
    wanted = pd.MultiIndex.from_arrays([party[notes].astype(str), np.char.lower(against[notes].astype(str))])
    found = known.reindex(wanted).to_numpy(dtype="datetime64[ns]")
    picked = days[notes]
    picked[~np.isnat(found)] = found[~np.isnat(found)]
    days[notes] = picked
    return days


def fy_start_years(dates: npt.NDArray[np.datetime64], start_month: int = 4) -> IntArray:
    """The start year of each date's financial year (0 for NaT), vectorised
    :func:`~addin.engine.fiscal.fy_start_year`.

    >>> fy_start_years(np.array(["2025-04-01", "2026-03-31", "NaT"], dtype="datetime64[ns]")).tolist()
    [2025, 2025, 0]
    """
    days = np.asarray(dates, dtype="datetime64[ns]")
    months = days.astype("datetime64[M]").astype(np.int64)
    year, month = months // 12 + 1970, months % 12 + 1
    out: IntArray = np.where(np.isnat(days), 0, year - (month < start_month)).astype(np.int64)
    return out


def _lookup(series: pd.Series[Any], keys: Any, missing: Any) -> npt.NDArray[Any]:
    """``series[key]`` for each key (``missing`` where the key is not in the index)."""
    return pd.Series(keys, dtype=object).map(series).fillna(missing).to_numpy(dtype=object)


def _shown(value: Any) -> str:
    """A date as dd/mm/yyyy ("" for NaT)."""
    if value is None or (isinstance(value, np.datetime64) and np.isnat(value)):
        return ""
    stamp = pd.Timestamp(value)
    return "" if pd.isna(stamp) else stamp.strftime("%d/%m/%Y")


def shown_date(value: Any) -> str:
    """A date as an Indian reader writes it (dd/mm/yyyy); "" for NaT or None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return _shown(value)
