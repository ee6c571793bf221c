"""GSTR-2B against the Purchases table: which bill is which, and where the two disagree.

The books' side is every ok vendor's bill, debit note and credit note (a supplier's GSTIN from
Parties); the portal's side the GSTR-2B's B2B invoices and notes (:mod:`.gstr2b`). A bill pairs
only with an invoice, a credit note with a credit note, a debit note with a debit note. Numbers are
compared by their keys (:mod:`.numbers`: case, separators, leading zeros and the financial year
dropped). Passes, each over what the earlier ones left:

=============  ==========================================================================  =====
rule           what pairs                                                                  where
=============  ==========================================================================  =====
``number``     the same supplier GSTIN and number key (an amended 2B line also by its      exact
               original number); dates at most 180 days apart unless the taxable values
               agree
``alike``      the same GSTIN, dates within the window (Settings: GSTR-2B Match Window),     fuzzy
               numbers alike: the same digits, or letters alike (rapidfuzz's Indel
               similarity) with the taxable value within 2% (or to the rupee, for numbers
               less alike, dated within 3 days)
``other-gstin``  the same number key under another GSTIN of the same PAN, a GSTIN a typo or  fallback
               two away, or a party without a GSTIN in the books whose name reads like the
               supplier's trade name (:mod:`addin.engine.reconciliation.parties`); dates within the
               window and taxable value within 2%
=============  ==========================================================================  =====

Where one line has several candidates, all of a component's pairs are chosen at once
(:func:`addin.engine.reconciliation.assignment.assign`, scipy's ``linear_sum_assignment``): as many
pairs as possible, then the cheapest — a pair costs how far apart its dates are, how unlike its
numbers and how different its taxable values. Candidate pairs within a date window come from
:func:`~addin.engine.reconciliation.assignment.windowed_pairs`, its "amount" being the supplier.

A pair is **matched** when every field agrees within the tolerances (Settings: GSTR-2B Amount
Tolerance, rupees, for the taxable value and each of IGST, CGST, SGST and cess; GSTR-2B Date
Tolerance, days), else **mismatched**, naming the fields: ``number``, ``gstin``, ``date``,
``taxable``, ``igst``, ``cgst``, ``sgst``, ``cess``, ``rate``, ``reverse-charge``. A line left
alone is **books-only** (a bill of the period the supplier has not reported: its credit is not yet
available, CGST section 16(2)(aa)) or **2b-only** (not in the books: a bill to enter, or a supply
the company did not receive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz.distance import OSA, Indel, Levenshtein
from rapidfuzz.process import cpdist

from addin.engine.gst_returns.gstr2b import Gstr2b
from addin.engine.gst_returns.numbers import digit_keys, invoice_keys
from addin.engine.gst_returns.periods import ReturnPeriod
from addin.engine.issues import Issue
from addin.engine.money import to_decimal_string
from addin.engine.reconciliation.assignment import assign, windowed_pairs
from addin.engine.reconciliation.parties import party_likenesses, party_words
from addin.engine.trade.documents import DocumentSet
from addin.engine.trade.items import GST_RATES_POINTS
from addin.engine.trade.values import format_percent

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MATCHED, MISMATCHED, BOOKS_ONLY, PORTAL_ONLY = "matched", "mismatched", "books-only", "2b-only"
STATUSES = (MISMATCHED, BOOKS_ONLY, PORTAL_ONLY, MATCHED)
"""The outcomes, in the order the sheet lists them (what needs work first)."""
STATUS_LABELS: dict[str, str] = {
    MATCHED: "Matched / मेल",
    MISMATCHED: "Mismatched / अंतर",
    BOOKS_ONLY: "In books, not in 2B / केवल बही में",
    PORTAL_ONLY: "In 2B, not in books / केवल 2बी में",
}
KINDS = ("bill", "credit-note", "debit-note")
HEADS = ("igst", "cgst", "sgst", "cess")
AMOUNTS = ("taxable", *HEADS)
EXACT_GAP_DAYS = 180  # an exact number further apart than this pairs only when the values agree
CLOSE_SHARE = 0.02  # taxable values this close (2%) count as the same supply in the fuzzy passes
RELATED_SHARE = 0.25  # the same number under a related GSTIN (same PAN, a typo) may differ this much
NEAR_DAYS = 3
WEEK = 7
_MISSING = -1


@dataclass(frozen=True, slots=True)
class Tolerances:
    """How far the two sides may differ and still agree, and how far apart fuzzy candidates may be."""

    amount: int = 100  # paise, for the taxable value and each head
    date_days: int = 0
    window_days: int = 30


@dataclass(frozen=True)
class Gstr2bReconciliation:
    """The outcome: ``lines`` holds one row per pair or lone line, in :data:`STATUSES` order:
    ``status``, ``differences`` (field names joined by ", "), ``rule``, ``kind``, ``gstin``
    (the 2B's, else the books'), ``name``, and each side's ``number``, ``date``, ``taxable``,
    ``igst``, ``cgst``, ``sgst``, ``cess``, ``itc`` (the four heads), ``rates`` (prefixed
    ``books_`` and ``portal_``), ``books_row`` (Purchases row, 0 when none), ``portal_where``
    (the file's line), ``portal_row`` (a pasted sheet's row, else 0), ``itc_available`` (as the 2B
    says; True for books-only lines)."""

    lines: pd.DataFrame
    tolerances: Tolerances
    period: ReturnPeriod | None
    issues: list[Issue] = field(default_factory=list)

    def count(self, status: str) -> int:
        return int((self.lines["status"] == status).sum())

    def summary(self) -> list[dict[str, Any]]:
        """Per status: how many lines, and the ITC the books and the 2B show (paise)."""
        rows = []
        for status in STATUSES:
            mine = self.lines[self.lines["status"] == status]
            rows.append(
                {
                    "status": status,
                    "count": len(mine),
                    "books_taxable": int(mine["books_taxable"].sum()),
                    "portal_taxable": int(mine["portal_taxable"].sum()),
                    "books_itc": int(mine["books_itc"].sum()),
                    "portal_itc": int(mine["portal_itc"].sum()),
                }
            )
        return rows

    def as_records(self) -> list[dict[str, Any]]:
        """Every line as a record: dates ISO, amounts decimal strings (JSON and CSV)."""
        frame = self.lines
        records: list[dict[str, Any]] = []
        money = [
            c for c in frame.columns if c.split("_", 1)[-1] in (*AMOUNTS, "itc") or c == "itc_difference"
        ]
        for raw in frame.to_dict("records"):
            record = {str(k): v for k, v in raw.items()}
            for column in money:
                record[column] = to_decimal_string(int(record[column])) if record[column] is not None else ""
            for column in ("books_date", "portal_date"):
                value = record[column]
                record[column] = "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()
            records.append(record)
        return records


# ----------------------------------------------------------------------------------------------
# the two sides


def books_side(purchases: DocumentSet) -> pd.DataFrame:
    """The ok Purchases documents as the reconciliation compares them: ``row``, ``kind``, ``gstin``,
    ``name``, ``number``, ``date``, amounts, ``rates`` ("500|1800"), ``reverse_charge``."""
    docs = purchases.documents
    ok = docs["ok"].to_numpy(dtype=np.bool_)
    chosen = docs[ok]
    lines = purchases.lines
    rated = lines[lines["ok"].to_numpy(dtype=np.bool_)][["doc", "rate"]].drop_duplicates()
    bits = _rate_bits(rated["rate"].to_numpy(dtype=np.int64))
    # distinct rates of a document are distinct bits: their sum is their union (exact below 2**53)
    union = np.bincount(rated["doc"].to_numpy(dtype=np.int64), weights=bits, minlength=len(docs))
    return pd.DataFrame(
        {
            "row": chosen["row"].to_numpy(dtype=np.int64),
            "kind": chosen["doc_kind"].to_numpy(dtype=object),
            "gstin": chosen["party_gstin"].to_numpy(dtype=object),
            "name": chosen["party_name"].to_numpy(dtype=object),
            "number": chosen["number"].to_numpy(dtype=object),
            "date": chosen["date"].to_numpy(dtype="datetime64[ns]"),
            **{a: chosen[a].to_numpy(dtype=np.int64) for a in AMOUNTS},
            "rate_bits": np.rint(union[chosen["doc"].to_numpy(dtype=np.int64)]).astype(np.int64),
            "reverse_charge": chosen["reverse_charge"].to_numpy(dtype=np.bool_),
        }
    )


def portal_side(portal: Gstr2b) -> pd.DataFrame:
    """The GSTR-2B's documents in the books' columns, with ``original_number``, ``where``,
    ``portal_row`` and ``itc_available``."""
    docs = portal.documents
    bits = {text: _bits_of_text(text) for text in set(docs["rates"].tolist())}
    return pd.DataFrame(
        {
            "row": docs["row"].to_numpy(dtype=np.int64),
            "kind": docs["kind"].to_numpy(dtype=object),
            "gstin": docs["gstin"].to_numpy(dtype=object),
            "name": docs["name"].to_numpy(dtype=object),
            "number": docs["number"].to_numpy(dtype=object),
            "original_number": docs["original_number"].to_numpy(dtype=object),
            "date": docs["date"].to_numpy(dtype="datetime64[ns]"),
            **{a: docs[a].to_numpy(dtype=np.int64) for a in AMOUNTS},
            "rate_bits": np.array([bits[t] for t in docs["rates"].tolist()], dtype=np.int64),
            "reverse_charge": docs["reverse_charge"].to_numpy(dtype=np.bool_),
            "where": docs["where"].to_numpy(dtype=object),
            "itc_available": docs["itc_available"].to_numpy(dtype=np.bool_),
        }
    )


def _rate_bits(points: IntArray) -> IntArray:
    """A bit per GST rate (its position in :data:`GST_RATES_POINTS`); 0 for a rate not there."""
    position = {p: i for i, p in enumerate(GST_RATES_POINTS)}
    return np.array([1 << position[p] if p in position else 0 for p in points.tolist()], dtype=np.int64)


def _bits_of_text(rates: str) -> int:
    if not rates:
        return 0
    return int(np.bitwise_or.reduce(_rate_bits(np.array([int(r) for r in rates.split("|")], dtype=np.int64))))


@lru_cache(maxsize=1024)
def _rates_text(bits: int) -> str:
    """The rates of a bit mask as the sheet shows them: "5, 18" (percent)."""
    return ", ".join(format_percent(p) for i, p in enumerate(GST_RATES_POINTS) if bits >> i & 1)


# ----------------------------------------------------------------------------------------------
# matching


class _State:
    """Both sides' arrays and what is paired so far."""

    def __init__(self, books: pd.DataFrame, portal: pd.DataFrame, tolerances: Tolerances) -> None:
        self.books, self.portal, self.tolerances = books, portal, tolerances
        b, p = books, portal
        gstins = np.concatenate((b["gstin"].to_numpy(dtype=object), p["gstin"].to_numpy(dtype=object)))
        gstin_codes = np.asarray(pd.factorize(gstins)[0], dtype=np.int64)
        kind_code = {k: i for i, k in enumerate(KINDS)}
        self.b_kind = b["kind"].map(kind_code).to_numpy(dtype=np.int64)
        self.p_kind = p["kind"].map(kind_code).to_numpy(dtype=np.int64)
        self.b_group = gstin_codes[: len(b)] * 3 + self.b_kind
        self.p_group = gstin_codes[len(b) :] * 3 + self.p_kind
        self.b_days, self.p_days = _days(b["date"]), _days(p["date"])
        self.b_key = invoice_keys(b["number"]).to_numpy(dtype=object)
        self.p_key = invoice_keys(p["number"]).to_numpy(dtype=object)
        self.p_original_key = invoice_keys(p["original_number"]).to_numpy(dtype=object)
        self.b_digits = digit_keys(b["number"]).to_numpy(dtype=object)
        self.p_digits = digit_keys(p["number"]).to_numpy(dtype=object)
        self.b_taxable = b["taxable"].to_numpy(dtype=np.int64)
        self.p_taxable = p["taxable"].to_numpy(dtype=np.int64)
        self.b_heads = {h: b[h].to_numpy(dtype=np.int64) for h in HEADS}
        self.p_heads = {h: p[h].to_numpy(dtype=np.int64) for h in HEADS}
        self.book_of_portal = np.full(len(p), _MISSING, dtype=np.int64)
        self.rule_of_portal = np.full(len(p), "", dtype=object)
        self.book_taken = np.zeros(len(b), dtype=np.bool_)

    def take(self, book: IntArray, portal: IntArray, rule: str) -> None:
        self.book_of_portal[portal] = book
        self.rule_of_portal[portal] = rule
        self.book_taken[book] = True

    def free(self) -> tuple[IntArray, IntArray]:
        return np.flatnonzero(~self.book_taken), np.flatnonzero(self.book_of_portal == _MISSING)

    def value_share(self, book: IntArray, portal: IntArray) -> FloatArray:
        """How far apart the taxable values are, as a share of the larger."""
        a, b = self.b_taxable[book], self.p_taxable[portal]
        share: FloatArray = np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1)
        return share

    def tax_share(self, book: IntArray, portal: IntArray) -> FloatArray:
        """How far apart the taxes are (the sum over the heads of each head's gap), as a share of the
        larger total."""
        gap = np.zeros(len(book), dtype=np.int64)
        total_b = np.zeros(len(book), dtype=np.int64)
        total_p = np.zeros(len(book), dtype=np.int64)
        for head in HEADS:
            x, y = self.b_heads[head][book], self.p_heads[head][portal]
            gap += np.abs(x - y)
            total_b += x
            total_p += y
        share: FloatArray = gap / np.maximum(np.maximum(np.abs(total_b), np.abs(total_p)), 1)
        return share

    def cost(self, book: IntArray, portal: IntArray, unlike: FloatArray | float = 0.0) -> FloatArray:
        """A pair's cost: how unlike its numbers (0..1), its dates (a window's gap costs 1), its
        taxable values and its taxes (shares of the larger, at most 1 each)."""
        window = max(self.tolerances.window_days, 1)
        cost: FloatArray = (
            unlike
            + np.minimum(self.gaps(book, portal), 366) / window
            + np.minimum(self.value_share(book, portal), 1.0)
            + np.minimum(self.tax_share(book, portal), 1.0)
        )
        return cost

    def gaps(self, book: IntArray, portal: IntArray) -> IntArray:
        gap: IntArray = np.abs(self.b_days[book] - self.p_days[portal])
        return gap

    def choose(self, book: IntArray, portal: IntArray, cost: FloatArray, rule: str) -> None:
        """Take the cheapest set of as many of these candidate pairs as possible."""
        if len(book) == 0:
            return
        chosen = assign(portal, book, cost, self.p_days[portal])
        self.take(book[chosen], portal[chosen], rule)


def _days(dates: pd.Series[Any]) -> IntArray:
    days = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    out: IntArray = np.where(np.isnat(days), -(10**6), days.astype(np.int64))
    return out


def _same_key_pairs(
    b_keys: npt.NDArray[Any], p_keys: npt.NDArray[Any], b_idx: IntArray, p_idx: IntArray
) -> tuple[IntArray, IntArray]:
    """Every (book, portal) pair of the given lines with equal keys (a non-empty key)."""
    left = pd.DataFrame({"key": b_keys[b_idx], "book": b_idx})
    right = pd.DataFrame({"key": p_keys[p_idx], "portal": p_idx})
    left, right = left[left["key"] != ""], right[right["key"] != ""]
    pairs = left.merge(right, on="key", how="inner")
    return pairs["book"].to_numpy(np.int64), pairs["portal"].to_numpy(np.int64)


def _number_pairs(state: _State) -> tuple[IntArray, IntArray]:
    """Free (book, 2B) pairs of the same GSTIN, kind and number key (or an amended line's original
    number), dated at most 180 days apart unless their taxable values agree."""
    books, portal = state.free()
    b_key = np.array([f"{g}|{k}" for g, k in zip(state.b_group, state.b_key, strict=True)], dtype=object)
    found: list[tuple[IntArray, IntArray]] = []
    for keys in (state.p_key, state.p_original_key):
        p_key = np.array(
            [f"{g}|{k}" if k else "" for g, k in zip(state.p_group, keys, strict=True)], dtype=object
        )
        found.append(_same_key_pairs(b_key, p_key, books, portal))
    book = np.concatenate([f[0] for f in found])
    port = np.concatenate([f[1] for f in found])
    if len(book):
        unique = pd.DataFrame({"b": book, "p": port}).drop_duplicates()
        book, port = unique["b"].to_numpy(np.int64), unique["p"].to_numpy(np.int64)
    agree = np.abs(state.b_taxable[book] - state.p_taxable[port]) <= state.tolerances.amount
    keep = (state.gaps(book, port) <= EXACT_GAP_DAYS) | agree
    return book[keep], port[keep]


def _match_numbers(state: _State) -> None:
    """Pass ``number``: the same GSTIN, kind and number, and either the taxable value within 2% or
    the dates within a week (a number the supplier mistyped can be another bill's: that pair waits
    for :func:`_match_numbers_late`)."""
    book, port = _number_pairs(state)
    share = state.value_share(book, port)
    near = (share <= CLOSE_SHARE) | ((state.gaps(book, port) <= WEEK) & (share <= RELATED_SHARE))
    state.choose(book[near], port[near], state.cost(book[near], port[near]), "number")


def _match_numbers_late(state: _State) -> None:
    """Pass ``number`` again, last: the same number with both the value and the date off."""
    book, port = _number_pairs(state)
    state.choose(book, port, state.cost(book, port), "number")


def _number_likeness(state: _State, book: IntArray, portal: IntArray) -> FloatArray:
    """How alike the number keys read, 0..1: rapidfuzz's Indel similarity, and at least 0.75 for
    keys one edit apart (a character changed, added, dropped, or two swapped: OSA distance 1)."""
    if len(book) == 0:
        return np.zeros(0)
    left, right = list(state.b_key[book]), list(state.p_key[portal])
    indel: FloatArray = cpdist(left, right, scorer=Indel.normalized_similarity, dtype=np.float64, workers=1)
    one_edit = cpdist(left, right, scorer=OSA.distance, dtype=np.int32, workers=1) <= 1
    likeness: FloatArray = np.where(one_edit, np.maximum(indel, 0.75), indel)
    return likeness


def _match_alike(state: _State) -> None:
    """Pass ``alike``: the same GSTIN and kind within the window, numbers alike, values close.

    Where the supplier's value does not tell its bills apart (two bills of the GSTIN within the
    window have the line's taxable value: rent, a fixed contract), a number one character off is as
    likely another bill of the series: such a line pairs only by the same digits, or with a bill of
    the same day and value one edit away that no other line of it could be."""
    books, portal = state.free()
    window = state.tolerances.window_days
    p_at, b_at = windowed_pairs(
        state.p_group[portal], state.p_days[portal], state.b_group[books], state.b_days[books], window=window
    )
    book, port = books[b_at], portal[p_at]
    likeness = _number_likeness(state, book, port)
    same_digits = (state.b_digits[book] == state.p_digits[port]) & (state.b_digits[book] != "")
    share = state.value_share(book, port)
    gap = state.gaps(book, port)
    exact_value = np.abs(state.b_taxable[book] - state.p_taxable[port]) <= state.tolerances.amount
    crowded = _crowded(state, portal)[np.searchsorted(portal, port)]
    plain = ((likeness >= 0.75) & (share <= CLOSE_SHARE)) | (
        (likeness >= 0.5) & exact_value & (gap <= NEAR_DAYS)
    )
    sure = (likeness >= 0.75) & exact_value & (gap == 0)
    keep = (
        (same_digits & ((share <= CLOSE_SHARE) | (gap <= NEAR_DAYS)))
        | (~crowded & plain)
        | (crowded & sure & _only_each_other(book, port, sure))
    )
    unlike = 1 - np.where(same_digits, 1.0, likeness)
    state.choose(book[keep], port[keep], state.cost(book[keep], port[keep], unlike[keep]), "alike")


def _only_each_other(book: IntArray, portal: IntArray, mask: BoolArray) -> BoolArray:
    """Pairs in ``mask`` whose book and 2B line have no other pair in ``mask``."""
    books = np.bincount(book[mask], minlength=int(book.max(initial=-1)) + 1)
    lines = np.bincount(portal[mask], minlength=int(portal.max(initial=-1)) + 1)
    alone: BoolArray = mask & (books[book] == 1) & (lines[portal] == 1)
    return alone


def _crowded(state: _State, portal: IntArray) -> BoolArray:
    """Whether each of these 2B lines has two or more bills of its GSTIN and kind (any, paired or
    not) within the window of the same taxable value (within the amount tolerance)."""
    everyone = np.arange(len(state.books), dtype=np.int64)
    p_at, b_at = windowed_pairs(
        state.p_group[portal], state.p_days[portal], state.b_group, state.b_days,
        window=state.tolerances.window_days,
    )  # fmt: skip
    close = np.abs(state.b_taxable[everyone[b_at]] - state.p_taxable[portal[p_at]]) <= state.tolerances.amount
    counts: IntArray = np.bincount(p_at[close], minlength=len(portal))
    crowded: BoolArray = counts >= 2
    return crowded


def _match_other_gstin(state: _State) -> None:
    """Pass ``other-gstin``: the same kind and number key under another (related) GSTIN."""
    books, portal = state.free()
    b_key = np.array([f"{k}|{n}" for k, n in zip(state.b_kind, state.b_key, strict=True)], dtype=object)
    p_key = np.array(
        [f"{k}|{n}" if n else "" for k, n in zip(state.p_kind, state.p_key, strict=True)], dtype=object
    )
    book, port = _same_key_pairs(b_key, p_key, books, portal)
    if len(book) == 0:
        return
    gap = state.gaps(book, port)
    share = state.value_share(book, port)
    near = (gap <= state.tolerances.window_days) & (share <= RELATED_SHARE)
    book, port, gap, share = book[near], port[near], gap[near], share[near]
    b_gstin = state.books["gstin"].to_numpy(dtype=object)[book]
    p_gstin = state.portal["gstin"].to_numpy(dtype=object)[port]
    same_pan = np.array(
        [a[2:12] == b[2:12] and a != "" for a, b in zip(b_gstin, p_gstin, strict=True)], dtype=bool
    )
    typo = np.array(
        [
            a != "" and Levenshtein.distance(a, b, score_cutoff=2) <= 2
            for a, b in zip(b_gstin, p_gstin, strict=True)
        ],
        dtype=bool,
    )
    unregistered = b_gstin == ""
    named = np.zeros(len(book), dtype=bool)
    if unregistered.any():
        at = np.flatnonzero(unregistered)
        b_names = [party_words(n) for n in state.books["name"].to_numpy(dtype=object)[book[at]]]
        p_names = [party_words(n) for n in state.portal["name"].to_numpy(dtype=object)[port[at]]]
        index = np.arange(len(at), dtype=np.int64)
        likeness = party_likenesses(p_names, b_names, index, index)
        named[at] = np.nan_to_num(likeness) >= 0.5
    other = b_gstin != p_gstin
    related = other & (((same_pan | typo) & (share <= RELATED_SHARE)) | (named & (share <= CLOSE_SHARE)))
    cost = state.cost(book, port, np.where(same_pan, 0.0, 0.5))
    state.choose(book[related], port[related], cost[related], "other-gstin")


def reconcile_gstr2b(
    purchases: DocumentSet,
    portal: Gstr2b,
    *,
    tolerances: Tolerances | None = None,
    period: ReturnPeriod | None = None,
) -> Gstr2bReconciliation:
    """Match the GSTR-2B to the ok Purchases documents and classify every line.

    Every ok bill up to the period's end is a candidate (a supplier may report a bill months
    late); books-only lists those dated within ``period`` (default: the 2B's own period, else the
    months its documents are dated in).
    """
    tolerances = tolerances or Tolerances()
    period = period or portal.period or _months_of(portal)
    books = books_side(purchases)
    if period is not None:
        books = books[books["date"].to_numpy() <= np.datetime64(period.end, "ns")].reset_index(drop=True)
    state = _State(books, portal_side(portal), tolerances)
    for step in (_match_numbers, _match_other_gstin, _match_alike, _match_numbers_late):
        step(state)
    lines = _lines(state, period)
    return Gstr2bReconciliation(lines, tolerances, period, list(portal.issues))


def _months_of(portal: Gstr2b) -> ReturnPeriod | None:
    dates = portal.documents["date"].dropna()
    if dates.empty:
        return None
    first, last = dates.min().date(), dates.max().date()
    return ReturnPeriod(
        ReturnPeriod.month(first.year, first.month).start, ReturnPeriod.month(last.year, last.month).end
    )


# ----------------------------------------------------------------------------------------------
# what each line says


def differences(state: _State, book: IntArray, portal: IntArray) -> list[str]:
    """The fields of each pair that disagree beyond the tolerances, joined by ", "."""
    b, p, tol = state.books, state.portal, state.tolerances
    checks: list[tuple[str, BoolArray]] = [
        ("gstin", b["gstin"].to_numpy(dtype=object)[book] != p["gstin"].to_numpy(dtype=object)[portal]),
        ("number", state.b_key[book] != state.p_key[portal]),
        ("date", state.gaps(book, portal) > tol.date_days),
    ]
    for amount in AMOUNTS:
        gap = np.abs(b[amount].to_numpy(np.int64)[book] - p[amount].to_numpy(np.int64)[portal])
        checks.append((amount, gap > tol.amount))
    b_bits, p_bits = b["rate_bits"].to_numpy(np.int64)[book], p["rate_bits"].to_numpy(np.int64)[portal]
    checks.append(("rate", (b_bits != 0) & (p_bits != 0) & (b_bits != p_bits)))
    b_rcm = b["reverse_charge"].to_numpy(np.bool_)[book]
    checks.append(("reverse-charge", b_rcm != p["reverse_charge"].to_numpy(np.bool_)[portal]))
    names = [name for name, _ in checks]
    table = np.column_stack([mask for _, mask in checks]) if len(book) else np.zeros((0, len(checks)), bool)
    return [", ".join(n for n, bad in zip(names, row, strict=True) if bad) for row in table]


def _side(frame: pd.DataFrame, at: IntArray, prefix: str) -> dict[str, Any]:
    present = at >= 0
    safe = np.where(present, at, 0)
    columns: dict[str, Any] = {}
    for column in ("number", "date", *AMOUNTS):
        values = frame[column].to_numpy()[safe] if len(frame) else np.zeros(len(at), dtype=object)
        if column == "date":
            values = np.where(present, values, np.datetime64("NaT"))
        elif column == "number":
            values = np.where(present, values, "")
        else:
            values = np.where(present, values, 0)
        columns[f"{prefix}_{column}"] = values
    columns[f"{prefix}_itc"] = sum(columns[f"{prefix}_{h}"] for h in HEADS)
    bits = frame["rate_bits"].to_numpy(np.int64)[safe] if len(frame) else np.zeros(len(at), dtype=np.int64)
    columns[f"{prefix}_rates"] = [
        _rates_text(int(x)) if ok else "" for x, ok in zip(bits, present, strict=True)
    ]
    return columns


def _lines(state: _State, period: ReturnPeriod | None) -> pd.DataFrame:
    books, portal = state.books, state.portal
    paired = np.flatnonzero(state.book_of_portal != _MISSING)
    book_of = state.book_of_portal[paired]
    diff = differences(state, book_of, paired)
    lone_books = np.flatnonzero(~state.book_taken)
    if period is not None:
        lone_books = lone_books[period.holds(books["date"].to_numpy()[lone_books])]
    lone_portal = np.flatnonzero(state.book_of_portal == _MISSING)
    book_at = np.concatenate((book_of, lone_books, np.full(len(lone_portal), _MISSING))).astype(np.int64)
    portal_at = np.concatenate((paired, np.full(len(lone_books), _MISSING), lone_portal)).astype(np.int64)
    status = (
        [MISMATCHED if d else MATCHED for d in diff]
        + [BOOKS_ONLY] * len(lone_books)
        + [PORTAL_ONLY] * len(lone_portal)
    )
    rule = [*state.rule_of_portal[paired], *([""] * (len(lone_books) + len(lone_portal)))]
    has_portal = portal_at >= 0
    safe_p, safe_b = np.maximum(portal_at, 0), np.maximum(book_at, 0)

    def pick(column: str, default: Any) -> npt.NDArray[Any]:
        from_portal = (
            portal[column].to_numpy(dtype=object)[safe_p] if len(portal) else np.full(len(portal_at), default)
        )
        from_books = (
            books[column].to_numpy(dtype=object)[safe_b] if len(books) else np.full(len(book_at), default)
        )
        return np.where(has_portal, from_portal, from_books)

    frame = pd.DataFrame(
        {
            "status": status,
            "differences": [*diff, *([""] * (len(lone_books) + len(lone_portal)))],
            "rule": rule,
            "kind": pick("kind", ""),
            "gstin": pick("gstin", ""),
            "name": np.where(
                book_at >= 0,
                books["name"].to_numpy(dtype=object)[safe_b] if len(books) else "",
                portal["name"].to_numpy(dtype=object)[safe_p] if len(portal) else "",
            ),
            **_side(books, book_at, "books"),
            **_side(portal, portal_at, "portal"),
            "books_row": np.where(
                book_at >= 0, books["row"].to_numpy(np.int64)[safe_b] if len(books) else 0, 0
            ),
            "portal_where": np.where(
                has_portal, portal["where"].to_numpy(dtype=object)[safe_p] if len(portal) else "", ""
            ),
            "portal_row": np.where(
                has_portal, portal["row"].to_numpy(np.int64)[safe_p] if len(portal) else 0, 0
            ),
            "itc_available": np.where(
                has_portal, portal["itc_available"].to_numpy(np.bool_)[safe_p] if len(portal) else True, True
            ),
        }
    )
    frame["itc_difference"] = frame["books_itc"].astype(np.int64) - frame["portal_itc"].astype(np.int64)
    order = {s: i for i, s in enumerate(STATUSES)}
    frame["_order"] = frame["status"].map(order)
    frame["_date"] = np.where(has_portal, frame["portal_date"], frame["books_date"])
    frame = frame.sort_values(["_order", "gstin", "_date"], kind="stable").drop(columns=["_order", "_date"])
    return frame.reset_index(drop=True)


def pairs_of(result: Gstr2bReconciliation) -> pd.DataFrame:
    """The pairs found: ``books_row`` and ``portal_where`` of every matched or mismatched line."""
    paired = result.lines[result.lines["status"].isin((MATCHED, MISMATCHED))]
    return paired[["books_row", "portal_where", "status", "differences", "rule"]].reset_index(drop=True)
