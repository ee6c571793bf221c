"""Helpers the checks share: cell addresses of ledger rows, values as shown, voucher groups.

Checks find offending rows with vectorised pandas/numpy; only the (few) issues are built in Python.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.cells import UnreadCell, column_letter, factorize_text, format_date
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.messages import make_issues
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import ACCOUNTS, JOURNAL, TableSpec

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

EXACT_FLOAT = 2**53 - 2**20  # below this, float64 sums of integers are exact (with margin)

HINDI_COLUMN = {c.en: c.hi for c in (*JOURNAL.columns, *ACCOUNTS.columns)}


def letter(ledger: Ledger, spec: TableSpec, column: str) -> str:
    """The column letter of ``spec.column`` in the workbook; the template's when not recorded.

    >>> from addin.engine.ledger import ACCOUNTS_FRAME, JOURNAL_FRAME, Settings
    >>> frames = ACCOUNTS_FRAME.empty(), JOURNAL_FRAME.empty()
    >>> empty = Ledger(Settings(), *frames, column_letters={"Journal.Debit": "F"})
    >>> letter(empty, JOURNAL, "Debit"), letter(empty, JOURNAL, "Credit")
    ('F', 'E')
    """
    found = ledger.column_letters.get(f"{spec.name}.{column}")
    if found:
        return found
    names = [c.en for c in spec.columns]
    return column_letter(names.index(column) + 1)


def unread(frame: pd.DataFrame, flag: UnreadCell) -> BoolArray:
    """True where the loader could not read the ``flag`` cell of a row (already reported)."""
    if "unread" not in frame.columns:
        return np.zeros(len(frame), dtype=np.bool_)
    flags = frame["unread"].to_numpy()
    if flags.dtype.kind not in "iu":
        flags = flags.astype(np.int64)
    out: BoolArray = (flags & int(flag)) != 0
    return out


def shown_date(value: Any) -> str:
    """A date as an Indian reader writes it (dd/mm/yyyy); "" for NaT."""
    if pd.isna(value):
        return ""
    return format_date(pd.Timestamp(value).date())


def row_issues(
    ledger: Ledger,
    spec: TableSpec,
    rule: Rule,
    column: str,
    positions: IntArray,
    *,
    values: list[str] | None = None,
    variant: str = "",
    **fields: Any,
) -> list[Issue]:
    """One issue per frame position, at ``column``'s cell of that row.

    ``values`` (one per position) default to the frame's text in ``column``. A field given as a
    list is taken per position.
    """
    frame = ledger.journal if spec is JOURNAL else ledger.accounts
    sheet = ledger.journal_sheet if spec is JOURNAL else ledger.accounts_sheet
    col = letter(ledger, spec, column)
    rows = frame["row"].to_numpy()[positions].tolist()
    if values is None:
        key = {"Code": "code", "Name": "name", "Type": "type_text", "Parent": "parent_text"}.get(column)
        source = frame[key or column.lower()]
        values = [str(v) for v in source.iloc[positions].tolist()]
    cells = [f"{col}{row}" for row in rows]
    column_hi = HINDI_COLUMN.get(column, column)
    return make_issues(rule, sheet, column, cells, values, variant=variant, column_hi=column_hi, **fields)


def amounts_shown(paise: IntArray) -> list[str]:
    """Paise as Indian-grouped rupees ("1,20,000.50")."""
    return [format_inr(int(p)) for p in paise.tolist()]


@dataclass(frozen=True)
class VoucherGroups:
    """Journal lines grouped by voucher number (lines without one are in no group).

    ``codes[i]`` is line i's group (-1 when its voucher is blank), ``first[g]`` the position of
    group g's first line, ``names[g]`` its voucher text (an Arrow array: see :meth:`name`).
    """

    codes: IntArray
    first: IntArray
    names: pa.Array

    @property
    def count(self) -> int:
        return len(self.first)

    def name(self, group: int) -> str:
        """The voucher text of ``group``."""
        return str(self.names[group].as_py())

    def name_list(self, groups: IntArray) -> list[str]:
        """The voucher texts of ``groups``, in order."""
        return [str(v) for v in self.names.take(pa.array(groups, type=pa.int64())).to_pylist()]

    def sum(self, values: IntArray) -> IntArray:
        """Exact per-group sums of int64 ``values`` (lines without a voucher left out)."""
        inside = self.codes >= 0
        codes, kept = self.codes[inside], values[inside]
        if int(np.abs(kept).sum(dtype=np.float64)) < EXACT_FLOAT:
            # every partial sum is an integer below 2**53, so float64 adds it exactly
            return np.rint(np.bincount(codes, weights=kept, minlength=self.count)).astype(np.int64)
        grouped = np.zeros(self.count, dtype=np.int64)
        np.add.at(grouped, codes, kept)
        return grouped

    def any(self, mask: BoolArray) -> BoolArray:
        """Per group: is ``mask`` True on any of its lines?"""
        inside = self.codes >= 0
        counts = np.bincount(self.codes[inside & mask], minlength=self.count)
        out: BoolArray = counts > 0
        return out


def _factorize_runs(values: pd.Series[Any]) -> tuple[IntArray, pa.Array]:
    """``pd.factorize`` for a column whose equal values mostly stand together (a voucher's lines).

    Only the first value of each run of equal neighbours is hashed; the others share its code.
    Correct whatever the order, faster the more the values are grouped. The distinct values come
    back as an Arrow string array.

    >>> codes, uniques = _factorize_runs(pd.Series(["V1", "V1", "V2", "V1", "V3", "V3"]))
    >>> codes.tolist(), uniques.to_pylist()
    ([0, 0, 1, 0, 2, 2], ['V1', 'V2', 'V3'])
    """
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64), pa.array([], type=pa.large_string())
    starts = np.ones(n, dtype=np.bool_)
    arrow = _arrow_text(values)
    if arrow is not None:
        changed = pc.not_equal(arrow[1:], arrow[:-1])
        starts[1:] = pc.fill_null(changed, True).to_numpy(zero_copy_only=False)
        heads = np.flatnonzero(starts)
        head_codes, uniques = factorize_text(arrow.take(pa.array(heads)))
    else:
        array = values.to_numpy(dtype=object)
        starts[1:] = array[1:] != array[:-1]
        heads = np.flatnonzero(starts)
        raw_codes, raw_uniques = pd.factorize(values.iloc[heads], use_na_sentinel=False)
        head_codes = np.asarray(raw_codes, dtype=np.int64)
        uniques = pa.array([str(u) for u in raw_uniques], type=pa.large_string())
    run = np.cumsum(starts) - 1
    codes: IntArray = head_codes[run]
    return codes, uniques


def _arrow_text(values: pd.Series[Any]) -> pa.Array | None:
    """The Arrow strings behind a null-free pyarrow-backed text Series, else None."""
    if not (isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow"):
        return None
    arrow = pa.array(values.array)
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    return arrow if arrow.null_count == 0 else None


_cache: dict[str, tuple[weakref.ref[pd.DataFrame], VoucherGroups]] = {}


def voucher_groups(ledger: Ledger) -> VoucherGroups:
    """The voucher groups of ``ledger.journal``, computed once per journal frame."""
    journal = ledger.journal
    cached = _cache.get("last")
    if cached is not None and cached[0]() is journal:
        return cached[1]
    codes, uniques = _factorize_runs(journal["voucher"])
    blank = np.flatnonzero(pc.equal(uniques, "").to_numpy(zero_copy_only=False))
    if len(blank):  # lines without a voucher number belong to no group
        k = int(blank[0])
        codes = np.where(codes == k, -1, codes - (codes > k))
        uniques = pa.concat_arrays([uniques[:k], uniques[k + 1 :]])
    # factorize numbers groups in order of first appearance: a line is its group's first when its
    # code exceeds every code before it.
    running = np.maximum.accumulate(np.concatenate(([-1], codes)))[:-1]
    first = np.flatnonzero(codes > running)
    groups = VoucherGroups(codes, first, uniques)
    _cache["last"] = (weakref.ref(journal), groups)
    return groups
