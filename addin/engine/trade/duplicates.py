"""Vendors' bills entered twice.

Two rules, on the Purchases documents:

- ``duplicate-bill`` (error): two bills of the same supplier — the same GSTIN, or the same party
  when unregistered — whose numbers are equal once normalised (:func:`normalise_number`: capitals,
  letters and digits only, leading zeros of each run of digits dropped: "KI/0045" = "ki-45"). The
  later one is not posted (posting it would count the purchase and its input tax twice).
- ``possible-duplicate-bill`` (warning): two bills of the same party with the same value within
  :data:`WINDOW_DAYS` days of each other under different numbers — perhaps one bill typed twice with
  a mistyped number.

>>> normalise_number("KI/0045"), normalise_number("ki-45"), normalise_number("2025/07")
('KI45', 'KI45', '20257')
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow.compute as pc

from addin.engine.issues import Issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.trade.columns import arrow
from addin.engine.trade.documents import PURCHASES_SIDE, DocumentSet
from addin.engine.trade.located import issues_at

IntArray = npt.NDArray[np.int64]

WINDOW_DAYS = 7
"""Bills of one party with the same value this many days apart or fewer look like one bill twice."""


def normalise_numbers(numbers: Any) -> pd.Series[str]:
    """Document numbers compared as a person reads them (vectorised): capitals, letters and digits
    only, each run of digits without its leading zeros.

    >>> normalise_numbers(pd.Series(["KI/0045", "ki-45", "2025/07", "A-0"], dtype="str")).tolist()
    ['KI45', 'KI45', '20257', 'A0']
    """
    upper = pc.utf8_upper(arrow(numbers))
    marked = pc.replace_substring_regex(upper, r"[^0-9A-Z]+", "|")  # separators kept while zeros go
    trimmed = pc.replace_substring_regex(marked, r"(^|[|A-Z])0+([0-9])", r"\1\2")
    return pd.Series(pc.replace_substring(trimmed, "|", ""), dtype="str")


def normalise_number(number: str) -> str:
    """One document number as :func:`normalise_numbers` compares it."""
    return str(normalise_numbers([number]).iat[0])


def check_duplicate_bills(documents: DocumentSet) -> tuple[list[Issue], IntArray]:
    """Both rules on the Purchases documents: the issues, and the bills to leave unposted."""
    if documents.side != PURCHASES_SIDE or documents.documents.empty:
        return [], np.zeros(0, dtype=np.int64)
    docs = documents.documents
    usable = docs["ok"].to_numpy() & docs["party"].ne("").to_numpy()
    supplier = np.where(
        docs["party_gstin"].ne("").to_numpy(),
        docs["party_gstin"].to_numpy(dtype=object),
        ("party:" + docs["party"]).to_numpy(dtype=object),
    )
    normal = normalise_numbers(docs["number"]).to_numpy(dtype=object)
    key = pd.DataFrame({"supplier": supplier, "kind": docs["doc_kind"], "number": normal})
    keyed = usable & (normal != "")
    frame = key[keyed]
    repeated = frame.duplicated(keep="first").to_numpy()
    positions = np.flatnonzero(keyed)
    later = positions[repeated]
    found: list[Issue] = []
    if len(later):
        firsts = (
            frame.reset_index()
            .groupby(["supplier", "kind", "number"], sort=False)["index"]
            .transform("first")
        )
        first_of = firsts.to_numpy()[repeated]
        found += issues_at(
            documents.where,
            Rule.DUPLICATE_BILL,
            "Number",
            docs["row"].to_numpy()[later].tolist(),
            docs["number"].to_numpy()[later].tolist(),
            party=docs["party_name"].to_numpy()[later].tolist(),
            other=docs["number"].to_numpy()[first_of].tolist(),
            first_row=docs["row"].to_numpy()[first_of].tolist(),
        )
    found += _same_amount_nearby(documents, usable, later, normal)
    return found, later.astype(np.int64)


def _same_amount_nearby(
    documents: DocumentSet, usable: npt.NDArray[np.bool_], exact: IntArray, normal: npt.NDArray[np.object_]
) -> list[Issue]:
    docs = documents.documents
    keep = usable.copy()
    keep[exact] = False
    frame = pd.DataFrame(
        {
            "party": docs["party"],
            "kind": docs["doc_kind"],
            "value": docs["value"],
            "date": docs["date"],
            "normal": normal,
            "pos": np.arange(len(docs)),
        }
    )[keep].sort_values(["party", "kind", "value", "date"], kind="stable")
    if len(frame) < 2:
        return []
    group = frame[["party", "kind", "value"]]
    same = (group.shift() == group).all(axis=1).to_numpy()
    days = frame["date"].diff().dt.days.fillna(WINDOW_DAYS + 1).to_numpy()
    other_number = frame["normal"].shift().to_numpy() != frame["normal"].to_numpy()
    near = same & (days <= WINDOW_DAYS) & other_number
    picks = np.flatnonzero(near)
    if not len(picks):
        return []
    pos = frame["pos"].to_numpy()
    later, earlier = pos[picks], pos[picks - 1]
    return issues_at(
        documents.where,
        Rule.POSSIBLE_DUPLICATE_BILL,
        "Number",
        docs["row"].to_numpy()[later].tolist(),
        docs["number"].to_numpy()[later].tolist(),
        party=docs["party_name"].to_numpy()[later].tolist(),
        amount=[format_inr(int(v)) for v in docs["value"].to_numpy()[later]],
        other=docs["number"].to_numpy()[earlier].tolist(),
        first_row=docs["row"].to_numpy()[earlier].tolist(),
        days=[int(d) for d in days[picks]],
    )
