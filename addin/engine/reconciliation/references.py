"""References a bank writes into its narrations, extracted for matching.

>>> extract_references("NEFT-HDFCN52025061512345678-RAVI KUMAR")
('HDFCN52025061512345678',)
>>> extract_references("UPI/512345678901/Paid to Shree Ganesh/okaxis")
('512345678901',)
>>> extract_references("CHQ DEP 004512")
('004512',)
>>> extract_references("BY CLG 004513 ICICI")
('004513',)
>>> extract_references("CHQ PAID-004514-SHARMA ENTERPR"), extract_references("Chq no. 004515 issued to Ravi")
(('004514',), ('004515',))
>>> extract_references("RTGS/SBINR52025063000012345/ACME LTD")
('SBINR52025063000012345',)
>>> extract_references("Cash withdrawal ATM")
()
>>> extract_references("IMPS 1234567890123 ACCT 12345678901")  # 13 and 11 digits: not a reference
()
>>> normalise_reference("  chq no. 004512 "), normalise_reference("UTR: hdfcn520250615")
('004512', 'HDFCN520250615')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.reconciliation.ranges import spread

T = TypeVar("T")
Texts: TypeAlias = "Sequence[object] | pd.Series[Any]"
"""Text cells of many lines: a list, or a pandas column (its index is ignored)."""

# NEFT/RTGS UTRs: four letters of the bank's IFSC, N (NEFT) or R (RTGS), then digits (new 22-char
# form: 4+1+1+8+8; older 16-char form: 4+1+11). Some banks write IFSC-like prefixes with a digit.
_UTR = re.compile(r"\b([A-Z]{4}[NR0-9][0-9A-Z]{10,17})\b")
# UPI and IMPS references: twelve digits (IMPS RRN, UPI transaction id).
_TWELVE_DIGITS = re.compile(r"(\d{12,})")  # a whole run of digits; runs of exactly 12 are kept
# Cheque numbers: six digits after CHQ, CHEQUE, CLG, CLEARING or INST, with at most two words
# between ("CHQ DEP 004512", "CHQ NO. 004512", "CHQ PAID-004512", "CHQ PAID-MICR CTS-004512").
_CHEQUE = re.compile(r"\b(?:CHQ|CHEQUE|CLG|CLEARING|INST)(?:\W{1,3}[A-Z]{2,8}){0,2}\W{0,3}(\d{6})\b")
_CHEQUE_WORDS = r"(?i)\b(?:CHQ|CHEQUES?|CLG|CLEARING|CTS)\b"
_PREFIX_WORDS = ("UTR", "REF", "CHQ", "CHEQUE", "NO", "RRN", "UPI", "IMPS", "NEFT", "RTGS")
_PREFIXES = re.compile(rf"^(?:{'|'.join(_PREFIX_WORDS)})[\s.:#/-]*", re.IGNORECASE)


def extract_references(narration: str) -> tuple[str, ...]:
    """UTRs, 12-digit UPI/IMPS references and cheque numbers in a narration, in order, unique."""
    text = narration.upper()
    found: list[str] = []
    for pattern in (_UTR, _TWELVE_DIGITS, _CHEQUE):
        for match in pattern.finditer(text):
            ref = match.group(1)
            if (pattern is _UTR and ref.isdigit()) or (pattern is _TWELVE_DIGITS and len(ref) != 12):
                continue
            if ref not in found:
                found.append(ref)
    return tuple(found)


def normalise_reference(reference: str) -> str:
    """A reference as the books and the bank both can write it: upper case, no 'CHQ NO.' prefix."""
    text = reference.strip().upper()
    if text.isascii() and text.isalnum() and not text.startswith(_PREFIX_WORDS):
        return text  # nothing to strip (the common case): skip the regular expressions
    previous = None
    while previous != text:
        previous, text = text, _PREFIXES.sub("", text).strip()
    return re.sub(r"\s+", "", text)


def reference_keys(reference: str, narration: str) -> tuple[str, ...]:
    """Every key a line can be matched on: its Reference cell and what its narration names.

    Cheque numbers keep their leading zeros ("004512" is not "4512"): banks print all six digits.

    >>> reference_keys("Chq 004512", "Paid to Ravi")
    ('004512',)
    >>> reference_keys("", "NEFT-HDFCN52025061512345678-RAVI")
    ('HDFCN52025061512345678',)
    """
    keys: list[str] = []
    own = normalise_reference(reference) if reference else ""
    if own:
        keys.append(own)
    for ref in extract_references(narration):
        if ref not in keys:
            keys.append(ref)
    return tuple(keys)


def each_distinct(function: Callable[[str], T], texts: Sequence[str]) -> list[T]:
    """``function`` of every text, called once a distinct text (a bank account's lines repeat their
    narrations and references often: "Cash withdrawn", "NEFT-…", the same cheque on two lines).

    >>> each_distinct(str.upper, ["neft", "chq", "neft"])
    ['NEFT', 'CHQ', 'NEFT']
    """
    done: dict[str, T] = {}
    return [done[t] if t in done else done.setdefault(t, function(t)) for t in texts]


def reference_keys_of_lines(references: Sequence[str], narrations: Sequence[str]) -> list[tuple[int, str]]:
    """(line index, key) for many lines at once: the same keys as :func:`reference_keys`, in bulk.

    Each distinct reference is normalised, and each distinct narration scanned, once.

    >>> reference_keys_of_lines(["", "CHQ 000777"], ["UPI/512345678901/X", "Rent"])
    [(0, '512345678901'), (1, '000777')]
    """
    own = each_distinct(normalise_reference, [str(r) if r else "" for r in references])
    found = each_distinct(extract_references, [str(t) for t in narrations])
    pairs: list[tuple[int, str]] = []
    for i, (key, named) in enumerate(zip(own, found, strict=True)):
        if key:
            pairs.append((i, key))
        pairs.extend((i, ref) for ref in named if ref != key)
    return pairs


def reference_key_pairs(
    references: Texts, narrations: Texts, *, min_length: int = 1
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.object_]]:
    """The pairs of :func:`reference_keys_of_lines` whose key has at least ``min_length``
    characters, as two columns (line indices, keys), for a join: in no particular order, and a
    key named by both a line's reference and its narration comes twice. Each value is read as
    ``str(value or "")``; a pandas column is taken as it is (hashed without reading it in Python).

    Column work throughout: the distinct references and narrations are found by hashing
    (:func:`pandas.factorize`), each handled once, and their keys spread back over the lines.

    >>> lines, keys = reference_key_pairs(["", "CHQ 000777"], ["UPI/512345678901/X", "Rent 000777"])
    >>> lines.tolist(), keys.tolist()
    ([1, 0], ['000777', '512345678901'])
    """
    shortest = max(min_length, 1)
    reference_codes, distinct_references = _distinct(references)
    own = np.array([normalise_reference(r) if r else "" for r in distinct_references], dtype=object)
    long_enough = np.array([len(key) >= shortest for key in own], dtype=bool)
    own_lines = np.flatnonzero(long_enough[reference_codes]).astype(np.int64)
    narration_codes, distinct_narrations = _distinct(narrations)
    named = [[k for k in extract_references(t) if len(k) >= shortest] for t in distinct_narrations]
    counts = np.array([len(keys) for keys in named], dtype=np.int64)
    flat = np.array([k for keys in named for k in keys], dtype=object)
    first_key = np.cumsum(counts) - counts
    named_lines, at = spread(first_key[narration_codes], counts[narration_codes])
    named_keys = flat[at]
    return (
        np.concatenate((own_lines, named_lines)),
        np.concatenate((own[reference_codes[own_lines]], named_keys)),
    )


def cheque_lines(texts: Texts, references: Texts | None = None) -> npt.NDArray[np.bool_]:
    """Which lines are cheques: their text says CHQ, CHEQUE, CLG, CLEARING or CTS, or their
    Reference is a six-digit cheque number.

    >>> cheque_lines(["TO CLG 004512", "NEFT-HDFC0001234-RAVI", "Paid to Ravi by cheque", "Rent"],
    ...              ["", "", "", "004512"]).tolist()
    [True, False, True, True]
    """
    said = (
        pd.Series(texts, dtype=object)
        .astype(str)
        .str.contains(_CHEQUE_WORDS, regex=True)
        .to_numpy(dtype=bool)
    )
    if references is None:
        return said
    numbered = pd.Series(references, dtype=object).astype(str).str.strip().str.fullmatch(r"\d{6}")
    return said | numbered.to_numpy(dtype=bool)


def _distinct(texts: Texts) -> tuple[npt.NDArray[np.intp], list[str]]:
    """A code a line (its position among the distinct values) and the distinct values, each read as
    ``str(value or "")``: the column is hashed whole (:func:`pandas.factorize`), and only its
    distinct values are read in Python. A missing value (None, NaN) is read on its own line.

    >>> codes, texts = _distinct(pd.Series(["CHQ 1", None, "CHQ 1", float("nan"), ""], dtype=object))
    >>> codes.tolist(), texts
    ([0, 2, 0, 3, 1], ['CHQ 1', '', '', 'nan'])
    """
    column = texts if isinstance(texts, pd.Series) else np.asarray(texts, dtype=object)
    codes, uniques = pd.factorize(column)
    distinct = [str(u) if u else "" for u in np.asarray(uniques, dtype=object).tolist()]
    missing = np.flatnonzero(codes < 0)
    if len(missing):
        codes = codes.copy()
        codes[missing] = len(distinct) + np.arange(len(missing))
        distinct += [str(v) if v else "" for v in np.asarray(column, dtype=object)[missing].tolist()]
    return codes.astype(np.intp), distinct
