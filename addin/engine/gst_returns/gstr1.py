"""GSTR-1 from the Sales table: the outward supplies of a period, table by table.

Read from a checked :class:`~addin.engine.trade.documents.DocumentSet` (``book.sales``): only
documents with ``ok`` dated within the period; one dated there that is not ok is left out and
counted (``documents-left-out-of-return``). Amounts are paise, positive on every document; a credit
note's figures are subtracted where the return nets them (B2CS, nil-rated, HSN).

=========  =====  ===========================================================================
table      GSTR-1 what goes there
=========  =====  ===========================================================================
``b2b``    4A     invoices to a registered recipient (a GSTIN), per invoice and rate; reverse
                  charge ones (4B) too, with ``rchrg`` Y
``b2cl``   5      inter-state invoices to an unregistered recipient worth more than ₹1,00,000
                  (₹2,50,000 for invoices before 1 August 2024: Notification 12/2024-CT)
``b2cs``   7      every other invoice to an unregistered recipient, per place of supply and
                  rate (INTRA or INTER), less the credit notes on them
``cdnr``   9B     credit and debit notes to registered recipients
``cdnur``  9B     notes to unregistered recipients on a B2CL invoice
``nil``    8      lines at 0% (nil-rated), by inter/intra-state and registered or not
``hsn``    12     per HSN/SAC, unit and rate: quantity, taxable value and tax, notes subtracted;
                  from the May 2025 period in two parts, B2B and B2C (GSTN's advisory on
                  Table 12), before it one list
``docs``   13     documents issued per kind and series: first and last number, how many in the
                  range, how many missing from it (cancelled)
=========  =====  ===========================================================================

A document to a party whose GSTIN is not valid cannot go to B2B: it is left out and reported
(``return-invalid-gstin``). Tax rates are basis points; rates in the returns are percent.

Not covered, because the trade tables do not record them: exports and SEZ supplies (6A, 6B),
advances (11), e-commerce (14, 15) and amendments of earlier periods (9A, 10).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.gst_returns.periods import ReturnPeriod
from addin.engine.identifiers import gstin
from addin.engine.issues import Issue
from addin.engine.messages import make_issue
from addin.engine.money import to_decimal_string
from addin.engine.rules import Rule
from addin.engine.trade.columns import casefolded, take_text
from addin.engine.trade.documents import DocumentSet
from addin.engine.trade.invoice_rules import series_of
from addin.engine.trade.located import issues_at

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

B2B, B2CL, B2CS, CDNR, CDNUR, LEFT_OUT = range(6)
"""Which table a document goes to (its ``category``)."""
CATEGORY_NAMES = ("b2b", "b2cl", "b2cs", "cdnr", "cdnur", "left-out")

B2CL_LIMIT = 1_00_000_00
"""An inter-state invoice to an unregistered recipient above this value (paise) is B2CL."""
B2CL_LIMIT_BEFORE = 2_50_000_00
"""The B2CL limit for invoices dated before :data:`B2CL_LIMIT_FROM`."""
B2CL_LIMIT_FROM = dt.date(2024, 8, 1)
HSN_SPLIT_FROM = dt.date(2025, 5, 1)
"""From this return period Table 12 (HSN) is reported in two parts, B2B and B2C."""

DOCUMENT_NATURES: dict[str, tuple[int, str]] = {
    "invoice": (1, "Invoices for outward supply"),
    "debit-note": (4, "Debit Note"),
    "credit-note": (5, "Credit Note"),
}
"""Table 13's document kinds: the portal's number and name."""

TAXES = ("taxable", "igst", "cgst", "sgst", "cess")
HEADS = ("igst", "cgst", "sgst", "cess")


def b2cl_limit(dates: npt.NDArray[np.datetime64]) -> IntArray:
    """The B2CL limit in paise for invoices dated ``dates``.

    >>> b2cl_limit(np.array(["2024-07-31", "2024-08-01"], dtype="datetime64[ns]")).tolist()
    [25000000, 10000000]
    """
    before = np.asarray(dates, dtype="datetime64[ns]") < np.datetime64(B2CL_LIMIT_FROM, "ns")
    limits: IntArray = np.where(before, B2CL_LIMIT_BEFORE, B2CL_LIMIT).astype(np.int64)
    return limits


@dataclass(frozen=True)
class Gstr1:
    """The GSTR-1 of one period. Frames (paise, rates in basis points):

    ``documents``: every document of the period that goes to a table — ``doc``, ``category`` (name),
    ``kind``, ``number``, ``date``, ``party``, ``party_name``, ``ctin``, ``pos``, ``intra``, ``rchrg``,
    ``value``, ``row`` and its ``taxable`` and taxes (its lines above 0%).
    ``rates``: those documents per rate — ``doc`` and ``rate`` with ``taxable`` and the taxes.
    ``b2cs``: ``intra``, ``pos``, ``rate`` and signed sums. ``nil``: ``sply_ty`` and ``taxable``.
    ``hsn``: ``section`` ("b2b"/"b2c"), ``hsn``, ``desc``, ``uqc``, ``qty`` (hundredths), ``rate``
    and signed sums. ``docs``: ``nature`` (Table 13's number), ``kind``, ``first``, ``last``,
    ``total``, ``cancelled``, ``issued``.
    """

    period: ReturnPeriod
    gstin: str
    documents: pd.DataFrame
    rates: pd.DataFrame
    b2cs: pd.DataFrame
    nil: pd.DataFrame
    hsn: pd.DataFrame
    docs: pd.DataFrame
    hsn_split: bool
    issues: list[Issue] = field(default_factory=list)
    left_out: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Documents of the period left out of every table (a recipient's GSTIN not valid): ``kind``,
    ``number``, ``date``, ``party_name``, ``ctin``, ``row``, ``reason`` ("invalid-gstin") and the
    signed sums of their lines GSTR-3B's 3.1 (a) holds (above 0%, not under reverse charge)."""
    hsn_not_in_3_1_a: dict[str, int] = field(default_factory=dict)
    """The signed sums of Table 12's lines that 3.1 (a) does not hold: nil-rated or reverse charge."""

    def of(self, category: int) -> pd.DataFrame:
        """The documents of one table (:data:`B2B` …), in order of recipient, date and number."""
        return self.documents[self.documents["category"] == CATEGORY_NAMES[category]]

    def recipients(self) -> pd.DataFrame:
        """B2B by recipient: ``ctin``, ``party_name``, ``count`` and sums, by GSTIN."""
        b2b = self.of(B2B)
        grouped = b2b.groupby("ctin", sort=True)
        frame = grouped[list(TAXES)].sum()
        frame["count"] = grouped.size()
        frame["party_name"] = grouped["party_name"].first()
        return frame.reset_index()[["ctin", "party_name", "count", *TAXES]]

    def tables(self) -> list[dict[str, Any]]:
        """One row per GSTR-1 table (notes: credit and debit apart, each positive): ``table``,
        ``description``, ``count`` and sums in paise (B2CS, nil and HSN net of credit notes)."""

        def listed(category: int, table: str, description: str, kind: str | None = None) -> dict[str, Any]:
            docs = self.of(category)
            if kind is not None:
                docs = docs[docs["kind"] == kind]
            sums = {t: int(docs[t].sum()) for t in TAXES}
            return {"table": table, "description": description, "count": len(docs), **sums}

        def summed(frame: pd.DataFrame, table: str, description: str) -> dict[str, Any]:
            sums = {t: int(frame[t].sum()) if t in frame else 0 for t in TAXES}
            return {"table": table, "description": description, "count": len(frame), **sums}

        return [
            listed(B2B, "4A, 4B", "B2B invoices / पंजीकृत को बीजक"),
            listed(B2CL, "5", "B2C large invoices / अपंजीकृत को बड़े बीजक"),
            summed(self.b2cs, "7", "B2C small, by state and rate / अपंजीकृत, राज्य और दर अनुसार"),
            summed(self.nil, "8", "Nil-rated supplies / शून्य दर आपूर्ति"),
            listed(CDNR, "9B", "Credit notes, registered / पंजीकृत को क्रेडिट नोट", "credit-note"),
            listed(CDNR, "9B", "Debit notes, registered / पंजीकृत को डेबिट नोट", "debit-note"),
            listed(CDNUR, "9B", "Credit notes, unregistered / अपंजीकृत को क्रेडिट नोट", "credit-note"),
            listed(CDNUR, "9B", "Debit notes, unregistered / अपंजीकृत को डेबिट नोट", "debit-note"),
            summed(self.hsn, "12", "HSN summary / एचएसएन सारांश"),
        ]

    def as_records(self) -> list[dict[str, Any]]:
        """The tables' rows with amounts as decimal strings (JSON and CSV)."""
        return [
            {k: to_decimal_string(v) if k in TAXES else v for k, v in row.items()} for row in self.tables()
        ]


def gstr1(sales: DocumentSet, period: ReturnPeriod, *, company_gstin: str, items: pd.DataFrame) -> Gstr1:
    """The GSTR-1 of ``period`` from the checked Sales documents; ``items`` (the Items frame) gives
    the HSN summary's descriptions."""
    docs, lines = sales.documents, sales.lines
    dates = docs["date"].to_numpy(dtype="datetime64[ns]")
    in_period = period.holds(dates)
    ok = docs["ok"].to_numpy(dtype=np.bool_)
    issues = left_out(sales, in_period & ~ok, period)
    category, found = _categories(sales, in_period & ok)
    issues += found
    kind = docs["doc_kind"].to_numpy(dtype=object)
    sign = np.where(kind == "credit-note", -1, 1).astype(np.int64)
    registered = docs["party_gstin"].ne("").to_numpy()

    line_doc = lines["doc"].to_numpy(dtype=np.int64)
    line_category = category[line_doc]
    rate = lines["rate"].to_numpy(dtype=np.int64)
    amounts = {t: lines[t].to_numpy(dtype=np.int64) for t in TAXES}
    taken = (line_category >= 0) & (line_category != LEFT_OUT)
    nil_line = taken & (rate == 0)
    listed = taken & ~nil_line & np.isin(line_category, (B2B, B2CL, CDNR, CDNUR))
    small = taken & ~nil_line & (line_category == B2CS)

    per_rate = _sums(pd.DataFrame({"doc": line_doc, "rate": rate, **amounts})[listed], ["doc", "rate"])
    per_doc = per_rate.groupby("doc")[list(TAXES)].sum()
    documents = _documents(sales, category, per_doc)
    line_sign = sign[line_doc]
    signed = {t: amounts[t] * line_sign for t in TAXES}
    intra = lines["intra"].to_numpy(dtype=np.bool_)
    b2cs = _sums(
        pd.DataFrame({"intra": intra, "pos": lines["place_of_supply"], "rate": rate, **signed})[small],
        ["pos", "rate", "intra"],
    )
    nil_type = np.where(intra, "INTRA", "INTR") + np.where(registered[line_doc], "B2B", "B2C")
    nil = _sums(pd.DataFrame({"sply_ty": nil_type, "taxable": signed["taxable"]})[nil_line], ["sply_ty"])
    hsn_split = period.end >= HSN_SPLIT_FROM
    hsn = _hsn(lines, taken, registered[line_doc], line_sign, items, split=hsn_split)
    in_3_1_a = (rate > 0) & ~lines["reverse_charge"].to_numpy(dtype=np.bool_)
    not_in_3_1_a = {t: int(signed[t][taken & ~in_3_1_a].sum()) for t in TAXES}
    left = _left_out_documents(docs, category == LEFT_OUT, line_doc, in_3_1_a, signed)
    return Gstr1(
        period,
        company_gstin,
        documents,
        per_rate[per_rate["doc"].isin(documents["doc"])].reset_index(drop=True),
        b2cs,
        nil,
        hsn,
        documents_issued(docs[in_period]),
        hsn_split,
        issues,
        left,
        not_in_3_1_a,
    )


def _left_out_documents(
    docs: pd.DataFrame, left: BoolArray, line_doc: IntArray, in_3_1_a: BoolArray, signed: dict[str, IntArray]
) -> pd.DataFrame:
    """The documents left out of GSTR-1 (in the period, ok, recipient's GSTIN not valid), each with the
    signed sums of its lines in 3.1 (a)."""
    chosen = np.flatnonzero(left)
    mine = left[line_doc] & in_3_1_a
    per_doc = pd.DataFrame({"doc": line_doc[mine], **{t: signed[t][mine] for t in TAXES}})
    sums = per_doc.groupby("doc")[list(TAXES)].sum().reindex(chosen, fill_value=0)
    picked = docs.iloc[chosen]
    return pd.DataFrame(
        {
            "kind": picked["doc_kind"].to_numpy(dtype=object),
            "number": picked["number"].to_numpy(dtype=object),
            "date": picked["date"].to_numpy(dtype="datetime64[ns]"),
            "party_name": picked["party_name"].to_numpy(dtype=object),
            "ctin": picked["party_gstin"].to_numpy(dtype=object),
            "row": picked["row"].to_numpy(dtype=np.int64),
            "reason": np.full(len(chosen), "invalid-gstin", dtype=object),
            **{t: sums[t].to_numpy(dtype=np.int64) for t in TAXES},
        }
    )


def _sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Exact integer sums of every other column per ``keys``, sorted by them."""
    values = [c for c in frame.columns if c not in keys]
    if frame.empty:
        return pd.DataFrame({**{k: frame[k] for k in keys}, **{v: frame[v].astype(np.int64) for v in values}})
    return frame.groupby(keys, sort=True, as_index=False)[values].sum()


def left_out(sales: DocumentSet, rejected: BoolArray, period: ReturnPeriod) -> list[Issue]:
    """One ``documents-left-out-of-return`` warning when documents of the period have errors."""
    count = int(rejected.sum())
    if not count:
        return []
    return [
        make_issue(
            Rule.DOCUMENTS_LEFT_OUT_OF_RETURN, sales.where.sheet, "", "", str(count), count=count,
            table=sales.where.sheet, period=period.label, period_hi=period.label_hi,
        )
    ]  # fmt: skip


def _categories(sales: DocumentSet, chosen: BoolArray) -> tuple[IntArray, list[Issue]]:
    """Each document's table (-1 for documents not in the return) and the issues of documents to
    parties whose GSTIN is not valid."""
    docs = sales.documents
    count = len(docs)
    category = np.full(count, -1, dtype=np.int64)
    if not chosen.any():
        return category, []
    kind = docs["doc_kind"].to_numpy(dtype=object)
    party_gstin = docs["party_gstin"].to_numpy(dtype=object)
    registered = party_gstin != ""
    intra = docs["intra"].to_numpy(dtype=np.bool_)
    value = docs["value"].to_numpy(dtype=np.int64)
    dates = docs["date"].to_numpy(dtype="datetime64[ns]")
    large = ~registered & ~intra & (value > b2cl_limit(dates))
    note = kind != "invoice"
    category[chosen & ~note & registered] = B2B
    category[chosen & ~note & ~registered] = np.where(large, B2CL, B2CS)[chosen & ~note & ~registered]
    category[chosen & note & registered] = CDNR
    unregistered_notes = np.flatnonzero(chosen & note & ~registered)
    if len(unregistered_notes):
        original = _originals(docs, unregistered_notes)
        on_large = (original >= 0) & large[np.maximum(original, 0)]
        category[unregistered_notes] = np.where(on_large, CDNUR, B2CS)
    valid = {g: gstin.is_valid(g) for g in set(party_gstin[chosen & registered].tolist())}
    invalid = np.flatnonzero(chosen & registered & ~np.array([valid.get(g, True) for g in party_gstin]))
    category[invalid] = LEFT_OUT
    found = issues_at(
        sales.where, Rule.RETURN_INVALID_GSTIN, "Party",
        docs["row"].to_numpy()[invalid].tolist(), party_gstin[invalid].tolist(),
        number=docs["number"].to_numpy(dtype=object)[invalid].tolist(),
        party=docs["party_name"].to_numpy(dtype=object)[invalid].tolist(),
    )  # fmt: skip
    return category, found


def _originals(docs: pd.DataFrame, notes: IntArray) -> IntArray:
    """The position of the invoice each note names in Against (same party), -1 when none."""
    invoices = docs[docs["doc_kind"].eq("invoice").to_numpy() & docs["ok"].to_numpy()]
    known = pd.Series(
        invoices["doc"].to_numpy(),
        index=pd.MultiIndex.from_arrays(
            [
                invoices["party"].to_numpy(dtype=object),
                casefolded(invoices["number"]).to_numpy(dtype=object),
            ]
        ),
    )
    known = known[~known.index.duplicated(keep="first")]
    wanted = pd.MultiIndex.from_arrays(
        [
            docs["party"].to_numpy(dtype=object)[notes],
            casefolded(docs["against"]).to_numpy(dtype=object)[notes],
        ]
    )
    found: IntArray = known.reindex(wanted).fillna(-1).to_numpy(dtype=np.int64)
    return found


def _documents(sales: DocumentSet, category: IntArray, per_doc: pd.DataFrame) -> pd.DataFrame:
    """The listed documents (B2B, B2CL, CDNR, CDNUR) with their header and sums above 0% (a
    document whose every line is at 0% is nil-rated only: not listed)."""
    docs = sales.documents
    rated = np.zeros(len(docs), dtype=np.bool_)
    rated[per_doc.index.to_numpy(dtype=np.int64)] = True
    listed = np.flatnonzero(np.isin(category, (B2B, B2CL, CDNR, CDNUR)) & rated)
    picked = docs.iloc[listed]
    sums = per_doc.reindex(picked["doc"].to_numpy()).fillna(0).astype(np.int64)
    frame = pd.DataFrame(
        {
            "doc": picked["doc"].to_numpy(),
            "category": np.array(CATEGORY_NAMES, dtype=object)[category[listed]],
            "kind": picked["doc_kind"].to_numpy(dtype=object),
            "number": picked["number"].to_numpy(dtype=object),
            "date": picked["date"].to_numpy(dtype="datetime64[ns]"),
            "party": picked["party"].to_numpy(dtype=object),
            "party_name": picked["party_name"].to_numpy(dtype=object),
            "ctin": picked["party_gstin"].to_numpy(dtype=object),
            "pos": picked["place_of_supply"].to_numpy(dtype=object),
            "intra": picked["intra"].to_numpy(dtype=np.bool_),
            "rchrg": picked["reverse_charge"].to_numpy(dtype=np.bool_),
            "value": picked["value"].to_numpy(dtype=np.int64),
            "row": picked["row"].to_numpy(dtype=np.int64),
            **{t: sums[t].to_numpy(dtype=np.int64) for t in TAXES},
        }
    )
    return frame.sort_values(["category", "ctin", "date", "number"], kind="stable").reset_index(drop=True)


def _hsn(
    lines: pd.DataFrame,
    taken: BoolArray,
    registered: BoolArray,
    sign: IntArray,
    items: pd.DataFrame,
    *,
    split: bool,
) -> pd.DataFrame:
    """Table 12: per section, HSN, unit and rate, signed sums; services (SAC 99…) have unit NA and
    no quantity."""
    hsn = lines["hsn"].to_numpy(dtype=object)[taken]
    service = lines["hsn"].str.startswith("99").to_numpy(dtype=np.bool_)[taken]
    unit = np.where(service, "NA", lines["unit"].to_numpy(dtype=object)[taken])
    unit = np.where(unit == "", "OTH", unit)
    qty = np.where(service, 0, lines["qty"].to_numpy(dtype=np.int64)[taken])
    section = np.where(registered[taken], "b2b", "b2c") if split else np.full(len(hsn), "all", dtype=object)
    frame = pd.DataFrame(
        {
            "section": section,
            "hsn": hsn,
            "uqc": unit,
            "rate": lines["rate"].to_numpy(dtype=np.int64)[taken],
            "qty": qty * sign[taken],
            **{t: lines[t].to_numpy(dtype=np.int64)[taken] * sign[taken] for t in TAXES},
        }
    )
    sums = _sums(frame, ["section", "hsn", "uqc", "rate"])
    names = items.drop_duplicates("hsn").set_index("hsn")["name"] if len(items) else pd.Series(dtype=str)
    positions = pd.Index(names.index).get_indexer(pd.Index(sums["hsn"]))
    desc = take_text(pd.Series(names.to_numpy(dtype=object), dtype="str"), positions.astype(np.int64))
    sums.insert(2, "desc", desc.str.slice(0, 30).to_numpy(dtype=object))
    return sums


def documents_issued(docs: pd.DataFrame) -> pd.DataFrame:
    """Table 13 from the documents of a period (with errors or not: they were issued), per kind and
    series: ``nature``, ``kind``, ``first``, ``last``, ``total`` (serials in the range), ``cancelled``
    (serials in the range with no document) and ``issued``.

    >>> docs = pd.DataFrame({"doc_kind": ["invoice"] * 4 + ["credit-note"],
    ...     "number": ["S/1", "S/2", "S/5", "X", "CN/1"]})
    >>> documents_issued(docs)[["nature", "first", "last", "total", "cancelled", "issued"]].values.tolist()
    [[1, 'S/1', 'S/5', 5, 2, 3], [1, 'X', 'X', 1, 0, 1], [5, 'CN/1', 'CN/1', 1, 0, 1]]
    """
    rows: list[dict[str, Any]] = []
    kinds = docs["doc_kind"].to_numpy(dtype=object)
    numbers = docs["number"].to_numpy(dtype=object)
    for kind, (nature, _) in sorted(DOCUMENT_NATURES.items(), key=lambda item: item[1][0]):
        mine = [str(n) for n in numbers[kinds == kind] if str(n)]
        rows += _series_rows(nature, kind, mine)
    columns = ["nature", "kind", "first", "last", "total", "cancelled", "issued"]
    return pd.DataFrame(rows, columns=columns)


def _series_rows(nature: int, kind: str, numbers: Sequence[str]) -> list[dict[str, Any]]:
    serials: dict[str, dict[int, str]] = {}
    loose: list[str] = []
    for number in dict.fromkeys(numbers):
        parts = series_of(number)
        if parts is None:
            loose.append(number)
        else:
            serials.setdefault(parts[0].casefold(), {}).setdefault(parts[1], number)
    rows = []
    for series in sorted(serials):
        found = serials[series]
        low, high = min(found), max(found)
        total = high - low + 1
        rows.append(_doc_row(nature, kind, (found[low], found[high]), total, total - len(found)))
    rows += [_doc_row(nature, kind, (n, n), 1, 0) for n in sorted(loose)]
    return rows


def _doc_row(nature: int, kind: str, numbers: tuple[str, str], total: int, cancelled: int) -> dict[str, Any]:
    first, last = numbers
    return {
        "nature": nature, "kind": kind, "first": first, "last": last, "total": total,
        "cancelled": cancelled, "issued": total - cancelled,
    }  # fmt: skip
