"""CGST rule 46 on the company's own documents (Sales): numbers, series, and notes' invoices.

Rule 46(b) asks every tax invoice for "a consecutive serial number not exceeding sixteen
characters, in one or multiple series, containing alphabets or numerals or special characters
hyphen or dash and slash symbolised as "-" and "/" respectively, and any combination thereof, unique
for a financial year" (CGST Rules 2017; rule 53 asks the same of credit and debit notes). So:

- ``invalid-invoice-number``: more than 16 characters, or a character other than A–Z, a–z, 0–9,
  "-" and "/" (error at the Number cell);
- ``duplicate-invoice-number``: a number used again in the same financial year by another document
  of the same type (error at the later document, which is then not posted); the comparison ignores
  case;
- ``invoice-series-gap``: within a series (the number without its trailing digits, per type and
  year), a number skipped (warning at the number after the gap — a cancelled invoice should still be
  recorded);
- ``note-without-invoice`` (sections 34 and rule 53(1A)): a credit or debit note must name in Against
  an invoice of the same party that exists (for Purchases, a bill of the same vendor).

The vendors' bill numbers are the vendors' own, so only the note check applies to Purchases; their
repeats are :mod:`.duplicates`' concern.

>>> is_valid_invoice_number("SGT/25-26/0001"), is_valid_invoice_number("SGT/2025-2026/00001")
(True, False)
>>> is_valid_invoice_number("INV#12")
False
>>> series_of("SGT/25-26/0042")
('SGT/25-26/', 42, 4)
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow.compute as pc

from addin.engine.issues import Issue
from addin.engine.rules import Rule
from addin.engine.schema import SALES
from addin.engine.trade.columns import arrow, casefolded
from addin.engine.trade.documents import KIND_NAMES, KIND_NAMES_HI, NOTE_KINDS, SALES_SIDE, DocumentSet
from addin.engine.trade.located import issues_at

IntArray = npt.NDArray[np.int64]

MAX_NUMBER_LENGTH = 16
_ALLOWED = re.compile(r"[A-Za-z0-9/-]+")
_ALLOWED_ALL = re.compile(r"^[A-Za-z0-9/-]+$")
_SERIES = re.compile(r"^(.*?)(\d+)$")


def is_valid_invoice_number(number: str) -> bool:
    """True for 1–16 characters of letters, digits, "-" and "/" (safe in a cell: never raises)."""
    return (
        isinstance(number, str)
        and 0 < len(number) <= MAX_NUMBER_LENGTH
        and _ALLOWED.fullmatch(number) is not None
    )


def series_of(number: str) -> tuple[str, int, int] | None:
    """(series prefix, serial number, digits) of a number ending in digits; None otherwise."""
    match = _SERIES.match(number)
    if match is None:
        return None
    return match[1], int(match[2]), len(match[2])


def check_invoice_numbers(documents: DocumentSet) -> tuple[list[Issue], IntArray]:
    """Rule 46(b) on the Sales documents: the issues, and the documents to leave unposted
    (later uses of a number already used that year)."""
    if documents.side != SALES_SIDE or documents.documents.empty:
        return [], np.zeros(0, dtype=np.int64)
    docs = documents.documents
    where = documents.where
    found: list[Issue] = []
    numbers = docs["number"].tolist()
    rows = docs["row"].tolist()
    typed = arrow(docs["number"])
    shaped = pc.match_substring_regex(typed, _ALLOWED_ALL.pattern).to_numpy(zero_copy_only=False)
    short = pc.utf8_length(typed).to_numpy(zero_copy_only=False) <= MAX_NUMBER_LENGTH
    for i in np.flatnonzero(~(shaped & short) & docs["number"].ne("").to_numpy()).tolist():
        number = numbers[i]
        if len(number) > MAX_NUMBER_LENGTH:
            found += issues_at(
                where, Rule.INVALID_INVOICE_NUMBER, "Number", [rows[i]], [number], length=len(number)
            )
        else:
            found += issues_at(
                where, Rule.INVALID_INVOICE_NUMBER, "Number", [rows[i]], [number], variant="characters"
            )
    key = pd.DataFrame({"kind": docs["doc_kind"], "number": casefolded(docs["number"]), "fy": docs["fy"]})
    repeated = key.duplicated(keep="first").to_numpy() & docs["number"].ne("").to_numpy()
    rejected = np.flatnonzero(repeated).astype(np.int64)
    if len(rejected):
        first = key.reset_index().groupby(["kind", "number", "fy"], sort=False)["index"].transform("first")
        firsts = first.to_numpy()[rejected]
        found += issues_at(
            where,
            Rule.DUPLICATE_INVOICE_NUMBER,
            "Number",
            [rows[i] for i in rejected],
            [numbers[i] for i in rejected],
            kind=[KIND_NAMES[k] for k in docs["doc_kind"].to_numpy()[rejected]],
            kind_hi=[KIND_NAMES_HI[k] for k in docs["doc_kind"].to_numpy()[rejected]],
            fy=[_fy_label(int(docs["fy"].tolist()[i])) for i in rejected.tolist()],
            first_row=[rows[i] for i in firsts],
        )
    found += _series_gaps(documents, repeated)
    return found, rejected


def _fy_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}" if start_year else ""


def _series_gaps(documents: DocumentSet, repeated: npt.NDArray[np.bool_]) -> list[Issue]:
    """One ``invoice-series-gap`` warning per gap in a series (per type and financial year)."""
    docs = documents.documents
    found = pc.extract_regex(arrow(docs["number"]), r"^(?P<prefix>.*?)(?P<serial>\d+)$")
    matched = found.is_valid().to_numpy(zero_copy_only=False)
    prefixes = pc.fill_null(pc.struct_field(found, "prefix"), "").to_numpy(zero_copy_only=False)
    serials = pc.fill_null(pc.struct_field(found, "serial"), "0")
    serial_numbers = pc.cast(serials, "int64", safe=False) if len(serials) else serials
    numbered = matched & ~repeated
    if not numbered.any():
        return []
    frame = pd.DataFrame(
        {
            "kind": docs["doc_kind"].to_numpy()[numbered],
            "fy": docs["fy"].to_numpy()[numbered],
            "prefix": prefixes[numbered],
            "serial": np.asarray(serial_numbers.to_numpy(zero_copy_only=False), dtype=np.int64)[numbered],
            "number": docs["number"].to_numpy()[numbered],
            "row": docs["row"].to_numpy()[numbered],
        }
    ).sort_values(["kind", "fy", "prefix", "serial"], kind="stable")
    same = (frame[["kind", "fy", "prefix"]].shift() == frame[["kind", "fy", "prefix"]]).all(axis=1).to_numpy()
    step = frame["serial"].diff().fillna(0).to_numpy()
    gap = same & (step > 1)
    picks = np.flatnonzero(gap)
    if not len(picks):
        return []
    before = frame["number"].shift().to_numpy()
    return issues_at(
        documents.where,
        Rule.INVOICE_SERIES_GAP,
        "Number",
        frame["row"].to_numpy()[picks].tolist(),
        frame["number"].to_numpy()[picks].tolist(),
        series=[f"{frame['prefix'].tolist()[i]}…" for i in picks.tolist()],
        before=[before[i] for i in picks],
        missing=[int(step[i]) - 1 for i in picks],
    )


def check_notes(documents: DocumentSet) -> list[Issue]:
    """Credit and debit notes whose Against names no invoice (bill) of the same party."""
    docs = documents.documents
    if docs.empty:
        return []
    kinds = docs["doc_kind"].to_numpy()
    notes = np.isin(kinds, NOTE_KINDS) & docs["party"].ne("").to_numpy()
    if not notes.any():
        return []
    originals = ~np.isin(kinds, NOTE_KINDS)
    known = set(
        zip(
            docs["party"].to_numpy()[originals],
            casefolded(docs["number"]).to_numpy()[originals],
            strict=True,
        )
    )
    against = docs["against"].to_numpy()
    where = documents.where
    table = SALES.name if documents.side == SALES_SIDE else "Purchases"
    found: list[Issue] = []
    rows, parties, names = docs["row"].tolist(), docs["party"].tolist(), docs["party_name"].tolist()
    for i in np.flatnonzero(notes).tolist():
        kind, kind_hi = KIND_NAMES[kinds[i]].lower(), KIND_NAMES_HI[kinds[i]]
        row = int(rows[i])
        if not against[i]:
            found += issues_at(
                where,
                Rule.NOTE_WITHOUT_INVOICE,
                "Against",
                [row],
                [""],
                variant="blank",
                kind=kind,
                kind_hi=kind_hi,
            )
        elif (parties[i], str(against[i]).casefold()) not in known:
            found += issues_at(
                where,
                Rule.NOTE_WITHOUT_INVOICE,
                "Against",
                [row],
                [str(against[i])],
                kind=kind,
                kind_hi=kind_hi,
                party=names[i] or parties[i],
                table=table,
            )
    return found
