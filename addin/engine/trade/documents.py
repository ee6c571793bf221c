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

from addin.engine.cells import UnreadCell, cell_text, fold, parse_text
from addin.engine.issues import Issue
from addin.engine.ledger import Settings
from addin.engine.load import (
    TableReader,
    blank_rows,
    resolve_accounts,
)
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import PURCHASES, SALES, TableSpec
from addin.engine.tables import RawTable
from addin.engine.trade.columns import casefolded, codes, folded_codes, locate, take_text, text
from addin.engine.trade.items import rate_issues
from addin.engine.trade.located import Located, issues_at, open_table
from addin.engine.trade.rates import rates_in_force
from addin.engine.trade.states import state_codes, state_label
from addin.engine.trade.tax import document_value, line_taxable, line_taxes
from addin.engine.trade.values import format_percent, number_reasons, percent_points, yes_flags

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
KIND_NAMES_HI: dict[str, str] = {
    "invoice": "बीजक",
    "bill": "बिल",
    "credit-note": "क्रेडिट नोट",
    "debit-note": "डेबिट नोट",
}
"""Each kind in Hindi (the Type column reads these too), for the Hindi of a message naming it."""
NOTE_KINDS = ("credit-note", "debit-note")

_TEXT, _INT, _BOOL, _DATE = "str", "int64", "bool", "datetime64[ns]"
_SHARED: dict[str, str] = {
    "row": _INT, "doc": _INT, "doc_kind": _TEXT, "number": _TEXT, "date": _DATE, "party": _TEXT,
    "party_gstin": _TEXT, "supplier_state": _TEXT, "place_of_supply": _TEXT,
}  # fmt: skip
_TAXES: dict[str, str] = {"igst": _INT, "cgst": _INT, "sgst": _INT, "cess": _INT}
LINE_TYPES: dict[str, str] = {
    **_SHARED, "item": _TEXT, "hsn": _TEXT, "qty": _INT, "unit": _TEXT, "price": _INT, "discount": _INT,
    "taxable": _INT, "rate": _INT, **_TAXES, "reverse_charge": _BOOL, "against": _TEXT, "intra": _BOOL,
    "ok": _BOOL,
}  # fmt: skip
"""The lines frame's columns and their dtypes, in order (the contract the module docstring states)."""
DOCUMENT_TYPES: dict[str, str] = {
    **_SHARED, "fy": _INT, "party_name": _TEXT, "intra": _BOOL, "reverse_charge": _BOOL, "against": _TEXT,
    "taxable": _INT, **_TAXES, "tax": _INT, "value": _INT, "round_off": _INT, "due": _DATE, "lines": _INT,
    "ok": _BOOL,
}  # fmt: skip
"""The documents frame's columns and their dtypes, in order."""
LINE_COLUMNS = tuple(LINE_TYPES)
DOCUMENT_COLUMNS = tuple(DOCUMENT_TYPES)


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


def _typed(frame: pd.DataFrame | Mapping[str, Any], types: Mapping[str, str]) -> pd.DataFrame:
    """The frame's columns of ``types``, in order, each cast only when not of its type already (a
    frame that has them in order already is not built again)."""
    if not (isinstance(frame, pd.DataFrame) and list(frame.columns) == list(types)):
        frame = pd.DataFrame({c: frame[c] for c in types})
    wrong = {c: t for c, t in types.items() if str(frame[c].dtype) != t}
    return frame.astype(wrong) if wrong else frame


def empty_documents(side: str, where: Located) -> DocumentSet:
    """A document set with no documents."""
    return DocumentSet(
        side,
        _typed({c: [] for c in LINE_TYPES}, LINE_TYPES),
        _typed({c: [] for c in DOCUMENT_TYPES}, DOCUMENT_TYPES),
        where,
    )


KIND_IDS: tuple[str, ...] = ("invoice", "bill", "credit-note", "debit-note")
"""Kinds by number, for comparing kinds as integers."""


def _kind_ids(texts: pd.Series[str], side: str) -> tuple[IntArray, BoolArray]:
    """Each line's kind as an index into :data:`KIND_IDS` (the side's default where the Type cell is
    blank or unknown) and a mask of unknown Type cells."""
    table = SALES_KINDS if side == SALES_SIDE else PURCHASE_KINDS
    line_codes, uniques = codes(texts)
    found = [KIND_IDS.index(table[fold(str(u))]) if fold(str(u)) in table else -1 for u in uniques]
    ids = np.array(found, dtype=np.int64)[line_codes] if len(uniques) else np.zeros(0, dtype=np.int64)
    unknown = ids < 0
    return np.where(unknown, KIND_IDS.index(table[""]), ids), unknown


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
    """The Sales (``side`` "sales") or Purchases (``side`` "purchases") table as a
    :class:`DocumentSet`, with its issues."""
    spec = SALES if side == SALES_SIDE else PURCHASES
    opened = open_table(table, spec)
    if table is None or not opened.complete:
        return empty_documents(side, opened.where), opened.issues
    loader = _Loader(table, side, opened.where, opened.positions, settings=settings)
    return loader.run(opened.issues, parties, party_codes, items, item_codes, rate_history, company_state)


class _Loader:
    """The steps of :func:`load_documents`, sharing the parsed columns (text as Arrow, codes as ints)."""

    def __init__(
        self, table: RawTable, side: str, where: Located, positions: Mapping[str, int], *, settings: Settings
    ) -> None:
        self.table, self.side, self.where, self.settings = table, side, where, settings
        self.reader = TableReader(table, positions)
        self.found: list[Issue] = []
        self.rows = np.zeros(0, dtype=np.int64)

    def at(self, rule: Rule, column: str, picks: IntArray, values: list[str], **fields: Any) -> None:
        """Issues at ``column`` of the kept rows ``picks``."""
        self.found += issues_at(self.where, rule, column, self.rows[picks].tolist(), values, **fields)

    def texts(self, series: pd.Series[str], picks: IntArray) -> list[str]:
        """The cells of the kept rows ``picks`` as text (for issues)."""
        return [str(v) for v in series.iloc[picks].tolist()]

    def run(  # noqa: PLR0917 - the tables a document needs, in the order load_documents has them
        self,
        issues: list[Issue],
        parties: pd.DataFrame,
        party_codes: Mapping[str, str],
        items: pd.DataFrame,
        item_codes: Mapping[str, str],
        rate_history: pd.DataFrame,
        company_state: str,
    ) -> tuple[DocumentSet, list[Issue]]:
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
        every = not blank.any()
        keep = np.arange(n_all) if every else np.flatnonzero(~blank)
        self.rows = (self.table.header_row + 1 + np.arange(n_all, dtype=np.int64))[keep]
        m = len(keep)
        if m == 0:
            return empty_documents(self.side, self.where), self.found

        def kept(series: pd.Series[str]) -> pd.Series[str]:
            return series if every else series.iloc[keep].reset_index(drop=True)

        def kept_array(values: Any) -> Any:
            return values if every else values[keep]

        empty = pd.Series([None] * n_all, dtype=object)
        gst = percent_points(gst_raw if gst_raw is not None else empty)
        rcm_flags = kept_array(yes_flags(rcm_raw if rcm_raw is not None else empty))
        rcm_typed = kept_array(
            parse_text(rcm_raw).ne("").to_numpy() if rcm_raw is not None else np.zeros(n_all, np.bool_)
        )
        numbers, kind_text, party_text = kept(number_t), kept(kind_t), kept(party_t)
        pos_text, item_text, against_text = kept(pos_t), kept(item_t), kept(against_t)
        dates = kept_array(date_c.values)
        unread = kept_array(self.reader.unread)
        every_row = np.arange(m)

        # continuation rows (blank Number) take the header of the numbered row above them
        number_codes, number_uniques = codes(numbers)
        blank_number = number_uniques.get_indexer(pd.Index([""]))[0]
        cont = number_codes == blank_number
        head = np.maximum.accumulate(np.where(~cont, every_row, -1))
        orphan = head < 0
        if orphan.any():
            picks = np.flatnonzero(orphan)
            self.at(Rule.MISSING_DOCUMENT_NUMBER, "Number", picks, [""] * len(picks))
        hrow = np.where(cont & ~orphan, head, every_row)  # the row whose header cells apply

        kind_id, kind_bad = _kind_ids(kind_text, self.side)
        kind = kind_id[hrow]
        number = number_codes[hrow]
        party_idx_own = locate(parties["code"], resolve_accounts(party_text, party_codes))
        party_given = party_text.ne("").to_numpy()
        typed_party, _ = folded_codes(party_text)
        party_key_own = np.where(party_idx_own >= 0, party_idx_own, len(parties) + typed_party)
        # a numbered row with a blank Party continuing the document above keeps that document's party
        same_as_above = np.zeros(m, dtype=np.bool_)
        same_as_above[1:] = (kind[1:] == kind[:-1]) & (number[1:] == number[:-1])
        inherit = ~party_given[hrow] & same_as_above
        party_row = np.maximum.accumulate(np.where(inherit, -1, hrow))
        party_key = party_key_own[party_row]
        party_idx = np.where(party_given[party_row], party_idx_own[party_row], -1)

        # documents: runs of equal (type, number[, party]) among rows with a number
        key = kind + len(KIND_IDS) * number
        if self.side == PURCHASES_SIDE:
            key = key * (len(parties) + int(typed_party.max(initial=0)) + 3) + party_key + 1
        key = np.where(orphan, -1, key)
        starts = np.ones(m, dtype=np.bool_)
        starts[1:] = key[1:] != key[:-1]
        starts &= ~orphan
        first = np.flatnonzero(starts)
        count = len(first)
        if count == 0:
            return empty_documents(self.side, self.where), self.found
        lines_mask = ~orphan
        line_doc = np.maximum(np.cumsum(starts) - 1, 0)
        doc_of = np.where(orphan, -1, line_doc)
        first_of = first[line_doc]  # each line's document's first row
        later = lines_mask & ~starts
        doc_ok = np.ones(count, dtype=np.bool_)

        def reject(rows_mask: BoolArray) -> None:
            doc_ok[np.unique(line_doc[rows_mask & lines_mask])] = False

        d_kind_id = kind[first]
        d_kind = np.array(KIND_IDS, dtype=object)[d_kind_id]
        d_number = take_text(number_uniques.to_series(), number[first])
        if kind_bad.any():
            picks = np.flatnonzero(kind_bad & ~cont & lines_mask)
            known = (SALES_KINDS if self.side == SALES_SIDE else PURCHASE_KINDS).values()
            types = ", ".join(sorted({KIND_NAMES[k] for k in known}))
            self.at(Rule.INVALID_DOCUMENT_TYPE, "Type", picks, self.texts(kind_text, picks), types=types)
            reject(kind_bad[hrow])
        d_date = dates[hrow][first]
        no_date = np.isnat(d_date)
        typed_blank = (unread[hrow][first] & int(UnreadCell.DATE)) == 0
        picks = hrow[first][no_date & typed_blank]
        self.at(Rule.MISSING_DATE, "Date", picks, [""] * len(picks))
        doc_ok &= ~no_date
        # a later line's own date, party, place of supply, reverse charge or against must agree
        own_date_differs = later & ~cont & ~np.isnat(dates) & (dates != d_date[line_doc])
        self._inconsistent("Date", own_date_differs, lambda i: _shown(dates[i]), first_of)
        party_differs = later & party_given & (party_key_own != party_key[first_of])
        self._inconsistent("Party", party_differs, lambda i: str(party_text.iat[i]), first_of)

        # the party
        d_party_idx = party_idx[first]
        unknown_party = d_party_idx < 0
        if unknown_party.any():
            typed_rows = party_row[first][unknown_party]
            typed = self.texts(party_text, typed_rows)
            named = np.array([bool(t) for t in typed], dtype=np.bool_)
            self.at(Rule.UNKNOWN_PARTY, "Party", typed_rows[named], [t for t in typed if t])
            blanks = first[unknown_party][~named]
            self.found += issues_at(
                self.where,
                Rule.UNKNOWN_PARTY,
                "Party",
                self.rows[blanks].tolist(),
                [""] * len(blanks),
                variant="blank",
            )
            doc_ok[unknown_party] = False
        d_party = take_text(parties["code"], d_party_idx)
        d_party_name = take_text(parties["name"], d_party_idx)
        d_party_gstin = take_text(parties["gstin"], d_party_idx)
        d_party_state = take_text(parties["state"], d_party_idx).to_numpy(dtype=object)
        days_of = parties["credit_days"].to_numpy(dtype=np.int64)
        d_days = np.where(unknown_party, 0, days_of[np.maximum(d_party_idx, 0)] if len(days_of) else 0)

        # states
        pos_state = state_codes(pos_text)
        bad_pos = pos_text.ne("").to_numpy() & pos_state.eq("").to_numpy()
        picks = np.flatnonzero(bad_pos & ~cont & lines_mask)
        self.at(Rule.INVALID_STATE, "Place of Supply", picks, self.texts(pos_text, picks))
        reject(bad_pos[hrow])
        pos_codes, pos_uniques = codes(pos_state)
        blank_pos = pos_uniques.get_indexer(pd.Index([""]))[0]
        pos_first = take_text(pos_state, hrow[first]).to_numpy(dtype=object)
        pos_differs = later & ~cont & (pos_codes != blank_pos) & (pos_codes != pos_codes[hrow][first_of])
        self._inconsistent("Place of Supply", pos_differs, lambda i: str(pos_text.iat[i]), first_of)
        if self.side == SALES_SIDE:  # the company supplies; the place of supply is the recipient's state
            supplier = np.full(count, company_state, dtype=object)
            place = np.where(pos_first != "", pos_first, d_party_state).astype(object)
            unknown_state = (place == "") & ~unknown_party
            mismatch = (
                (pos_first != "") & (d_party_state != "") & (pos_first != d_party_state) & ~unknown_party
            )
            picks = np.flatnonzero(mismatch)
            names = d_party_name.to_numpy(dtype=object)
            self.at(
                Rule.PLACE_OF_SUPPLY_MISMATCH,
                "Place of Supply",
                hrow[first][picks],
                [state_label(pos_first[i]) for i in picks],
                party=[names[i] for i in picks],
                state=[state_label(d_party_state[i]) for i in picks],
            )
        else:  # the vendor supplies, to the company's state unless the place of supply says otherwise
            supplier = d_party_state.astype(object)
            place = np.where(pos_first != "", pos_first, company_state).astype(object)
            unknown_state = (supplier == "") & ~unknown_party
        picks = np.flatnonzero(unknown_state)
        self.at(Rule.INVALID_STATE, "Party", first[picks], d_party.iloc[picks].tolist(), variant="unknown")
        doc_ok &= ~unknown_state
        if not company_state:  # the Settings' company-gstin issue says why
            doc_ok[:] = False
        intra = (supplier == place) & (supplier != "")

        # reverse charge and against
        d_rcm = rcm_flags[hrow][first]
        rcm_differs = later & ~cont & rcm_typed & (rcm_flags != d_rcm[line_doc])
        self._inconsistent("Reverse Charge", rcm_differs, lambda i: "Yes" if rcm_flags[i] else "No", first_of)
        d_against = take_text(against_text, hrow[first])
        against_codes, against_uniques = folded_codes(against_text)
        blank_against = against_uniques.get_indexer(pd.Index([""]))[0]
        against_differs = (
            later
            & ~cont
            & (against_codes != blank_against)
            & (against_codes != against_codes[hrow][first_of])
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
                hrow[first][picks],
                [_shown(d_date[i]) for i in picks],
                start=_shown(start),
                end=_shown(end),
            )
            doc_ok &= ~outside

        # lines: item, amounts, rate, tax
        item_code = resolve_accounts(item_text, item_codes)
        item_idx = locate(items["code"], item_code)
        unknown_item = (item_idx < 0) & lines_mask
        if unknown_item.any():
            named_item = item_text.ne("").to_numpy()
            picks = np.flatnonzero(unknown_item & named_item)
            self.at(Rule.UNKNOWN_ITEM, "Item", picks, self.texts(item_text, picks))
            picks = np.flatnonzero(unknown_item & ~named_item)
            self.found += issues_at(
                self.where,
                Rule.UNKNOWN_ITEM,
                "Item",
                self.rows[picks].tolist(),
                [""] * len(picks),
                variant="blank",
            )
            reject(unknown_item)
        hsn = take_text(items["hsn"], item_idx)
        unit = take_text(items["unit"], item_idx)

        qty, price, discount, typed_taxable = (
            kept_array(c.paise) for c in (qty_c, price_c, discount_c, taxable_c)
        )
        unread_amounts = np.zeros(m, dtype=np.bool_)
        for column, parsed in (
            ("Qty", qty_c),
            ("Rate", price_c),
            ("Discount", discount_c),
            ("Taxable Value", taxable_c),
        ):
            negative = kept_array(parsed.negative) & lines_mask
            picks = np.flatnonzero(negative)
            paise = kept_array(parsed.paise)
            self.found += issues_at(
                self.where,
                Rule.NEGATIVE_AMOUNT,
                column,
                self.rows[picks].tolist(),
                [format_inr(int(paise[i])) for i in picks],
                variant="trade",
            )
            bad = kept_array(parsed.unreadable | parsed.error)
            unread_amounts |= bad
            reject(negative | bad)
        has_qty, has_price = kept_array(qty_c.readable), kept_array(price_c.readable)
        has_taxable = kept_array(taxable_c.readable)
        computed = np.where(has_qty, line_taxable(qty, price, discount), price - discount)
        none = lines_mask & ~has_taxable & ~has_price & ~unread_amounts  # unreadable: reported already
        column = "Taxable Value" if "Taxable Value" in self.where.letters else "Rate"
        picks = np.flatnonzero(none)
        self.at(Rule.NO_TAXABLE_VALUE, column, picks, [""] * len(picks))
        reject(none)
        differs = lines_mask & has_taxable & has_price & (typed_taxable != computed)
        picks = np.flatnonzero(differs)
        self.at(
            Rule.TAXABLE_VALUE_MISMATCH,
            "Taxable Value",
            picks,
            [format_inr(int(typed_taxable[i])) for i in picks],
            expected=[format_inr(int(computed[i])) for i in picks],
        )
        taxable = np.where(has_taxable, typed_taxable, np.where(has_price, computed, 0)).astype(np.int64)
        qty = np.where(has_qty, qty, 0)

        line_dates = d_date[line_doc]
        rate_dates = _rate_days(d_kind, d_number, d_party, d_against, d_date)[line_doc]
        expected = rates_in_force(items, rate_history, item_code, rate_dates)
        gst_points, gst_readable = kept_array(gst.paise), kept_array(gst.readable)
        bad_rate = kept_array(gst.unreadable | gst.error) & lines_mask
        if bad_rate.any():
            picks = np.flatnonzero(bad_rate)
            raw_rates = gst_raw.iloc[keep].tolist() if gst_raw is not None else []
            typed = [raw_rates[i] for i in picks]
            reasons = number_reasons(typed)
            self.at(Rule.UNREADABLE_AMOUNT, "GST Rate", picks, [cell_text(v) for v in typed], reason=reasons)
            reject(bad_rate)
        self.found += rate_issues(self.where, "GST Rate", self.rows, gst_points, gst_readable & lines_mask)
        differs = lines_mask & gst_readable & ~unknown_item & ~np.isnat(rate_dates) & (gst_points != expected)
        picks = np.flatnonzero(differs)
        if len(picks):
            self.at(
                Rule.GST_RATE_MISMATCH,
                "GST Rate",
                picks,
                [format_percent(int(gst_points[i])) for i in picks],
                item=item_code.iloc[picks].tolist(),
                expected=[format_percent(int(expected[i])) for i in picks],
                date=[_shown(rate_dates[i]) for i in picks],
            )
        rate = np.where(gst_readable, gst_points, expected).astype(np.int64)
        line_intra = intra[line_doc]
        igst, cgst, sgst = line_taxes(taxable, rate, line_intra)
        cess = np.zeros(m, dtype=np.int64)

        # documents' totals
        groups = np.where(lines_mask, line_doc, count)  # orphans into a spare group
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
        supplier_text, place_text = text(supplier), text(place)
        d_kind_text = text(d_kind)
        documents = pd.DataFrame(
            {
                "doc": np.arange(count),
                "row": self.rows[first],
                "doc_kind": d_kind_text,
                "number": d_number,
                "date": d_date,
                "fy": fy_start_years(d_date, self.settings.fy_start_month),
                "party": d_party,
                "party_name": d_party_name,
                "party_gstin": d_party_gstin,
                "supplier_state": supplier_text,
                "place_of_supply": place_text,
                "intra": intra,
                "reverse_charge": d_rcm,
                "against": d_against,
                **sums,
                "tax": tax,
                "value": value,
                "round_off": round_off,
                "due": d_date + d_days.astype("timedelta64[D]"),
                "lines": np.bincount(line_doc[lines_mask], minlength=count),
                "ok": doc_ok,
            }
        )
        lines = pd.DataFrame(
            {
                "row": self.rows,
                "doc": doc_of,
                "doc_kind": take_text(d_kind_text, line_doc),
                "number": take_text(d_number, line_doc),
                "date": line_dates,
                "party": take_text(d_party, line_doc),
                "party_gstin": take_text(d_party_gstin, line_doc),
                "supplier_state": take_text(supplier_text, line_doc),
                "place_of_supply": take_text(place_text, line_doc),
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
                "against": take_text(d_against, line_doc),
                "intra": line_intra,
                "ok": doc_ok[line_doc],
            }
        )
        if orphan.any():
            lines = lines[lines_mask].reset_index(drop=True)
        lines, documents = _typed(lines, LINE_TYPES), _typed(documents, DOCUMENT_TYPES)
        return DocumentSet(self.side, lines, documents, self.where), self.found

    def _inconsistent(
        self, column: str, mask: BoolArray, shown: Callable[[int], str], first_of: IntArray
    ) -> None:
        """``inconsistent-document`` at the later lines in ``mask`` (``shown(i)``: line i's cell)."""
        picks = np.flatnonzero(mask)
        if not len(picks):
            return
        firsts = first_of[picks].tolist()
        self.at(
            Rule.INCONSISTENT_DOCUMENT,
            column,
            picks,
            [shown(i) for i in picks.tolist()],
            first=[shown(i) for i in firsts],
            first_row=self.rows[firsts].tolist(),
        )


def _rate_days(
    kind: npt.NDArray[Any],
    number: pd.Series[str],
    party: pd.Series[str],
    against: pd.Series[str],
    date: npt.NDArray[np.datetime64],
) -> npt.NDArray[np.datetime64]:
    """The day whose GST rate applies to each document: its own date, but for a credit or debit note
    the date of the invoice it names (a note adjusts the tax charged then, at that rate)."""
    days = np.array(date, dtype="datetime64[ns]")
    notes = np.isin(kind, NOTE_KINDS) & against.ne("").to_numpy()
    if not notes.any():
        return days
    originals = ~np.isin(kind, NOTE_KINDS)
    known = pd.Series(
        days[originals],
        index=pd.MultiIndex.from_arrays(
            [party[originals].to_numpy(), casefolded(number[originals]).to_numpy()]
        ),
    )
    known = known[~known.index.duplicated(keep="first")]
    wanted = pd.MultiIndex.from_arrays([party[notes].to_numpy(), casefolded(against[notes]).to_numpy()])
    found = known.reindex(wanted).to_numpy(dtype="datetime64[ns]")
    picked = days[notes]
    picked[~np.isnat(found)] = found[~np.isnat(found)]
    days[notes] = picked
    return days


def fy_start_years(dates: npt.NDArray[np.datetime64], start_month: int = 4) -> IntArray:
    """The start year of each date's financial year (0 for NaT), vectorised
    :func:`~addin.engine.cells.fy_start_year`.

    >>> fy_start_years(np.array(["2025-04-01", "2026-03-31", "NaT"], dtype="datetime64[ns]")).tolist()
    [2025, 2025, 0]
    """
    days = np.asarray(dates, dtype="datetime64[ns]")
    months = days.astype("datetime64[M]").astype(np.int64)
    year, month = months // 12 + 1970, months % 12 + 1
    out: IntArray = np.where(np.isnat(days), 0, year - (month < start_month)).astype(np.int64)
    return out


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
