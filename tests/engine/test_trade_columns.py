"""Text columns as Arrow arrays (:mod:`addin.engine.trade.columns`): the fast paths agree with the
plain pandas way of saying the same thing."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.trade.columns import casefolded, locate

TEXTS = st.lists(st.one_of(st.sampled_from(["C01", "c01", "C02", "", " C01", "राम", "C01 "]), st.none()))


def locate_by_pandas(keys: list[str | None], wanted: list[str | None]) -> list[int]:
    """The specification: each wanted text's first position among the keys (a blank cell is ""),
    -1 where absent — as pandas' index lookup says it (what ``locate`` did before Arrow's)."""
    index = pd.Index(["" if k is None else k for k in keys], dtype=object)
    first = pd.Series(np.arange(len(index)), index=index).groupby(level=0).first()
    found = first.reindex(["" if w is None else w for w in wanted]).fillna(-1)
    return [int(v) for v in found]


@given(TEXTS, TEXTS)
def test_locate_finds_each_texts_first_position_as_pandas_does(
    keys: list[str | None], wanted: list[str | None]
) -> None:
    assert locate(pd.Series(keys, dtype="str"), pd.Series(wanted, dtype="str")).tolist() == locate_by_pandas(
        keys, wanted
    )


def test_locate_takes_plain_lists_and_object_columns() -> None:
    keys = pd.Series(["1001", "2001", "1001"], dtype=object)
    assert locate(keys, ["2001", "1001", "3001"]).tolist() == [1, 0, -1]
    assert locate(pd.Series([], dtype="str"), ["x"]).tolist() == [-1]
    assert locate(keys, []).tolist() == []


FOLDABLE = st.text(alphabet=st.sampled_from(list("aZ09/#- ßẞΣσςİıŉǰﬁÀàДдराम\u0130")), max_size=8)


@given(st.lists(FOLDABLE))
def test_casefolded_is_str_casefold(texts: list[str]) -> None:
    values = pd.Series(texts, dtype="str", index=np.arange(len(texts)) * 3)
    expected = values.str.casefold()
    folded = casefolded(values)
    assert folded.tolist() == expected.tolist()
    assert folded.index.equals(expected.index)
    assert folded.dtype == expected.dtype


def test_casefolded_leaves_missing_cells_and_other_columns_to_pandas() -> None:
    with_blank = pd.Series(["A", None], dtype="str")
    assert casefolded(with_blank).isna().tolist() == [False, True]
    assert (
        casefolded(pd.Series(["Ä", 1], dtype=object)).tolist()
        == pd.Series(["Ä", 1], dtype=object).str.casefold().tolist()
    )
