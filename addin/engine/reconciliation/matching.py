"""Matching bank statement lines to the bank account's journal lines, in passes.

Both sides arrive as typed frames (see :func:`bank_lines_frame` and :func:`book_lines_frame` for the
columns) with signed paise amounts seen from the bank account: a deposit is positive on the
statement and a debit to the bank account in the books; a withdrawal is negative on both.

Passes, in order, each over what earlier passes left:

=================  ===========================================================  ==========
rule               what matches                                                 confidence
=================  ===========================================================  ==========
``manual``         the same Match ID typed in both tables (kept as it is)       1.00
``rule:<name>``    a row of the user's MatchRules table, in table order         0.95
``reference``      a UTR / UPI / cheque number on both sides, same amount       0.99
``amount-date``    same amount, same date, and no other candidate on either     0.97
``amount-window``  same amount within ± window days: nearest date, narrations   0.90 – 0.60
                   (rapidfuzz) deciding among equal amounts
``split``          one bank line = 2–4 book lines (deposit slip, bulk payment),  0.80
                   or 2–4 bank lines = one book line, inside the window
=================  ===========================================================  ==========

A line is never matched twice; the result is deterministic (same input, same matches and IDs), so a
rerun over its own output changes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist

from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.reconciliation.match_rules import MatchRule, rule_candidates
from addin.engine.reconciliation.references import reference_key_pairs

BANK_COLUMNS = ("row", "date", "amount", "description", "reference", "match_id", "match_rule")
BOOK_COLUMNS = ("row", "date", "amount", "narration", "reference", "party", "match_id", "match_rule")
MAX_SPLIT = 4  # at most this many lines on the "many" side of a split match
SPLIT_CANDIDATES = 12  # nearest candidates considered for a split match
SPLIT_BATCH = 256  # lines whose split searches run together in one vectorised batch


@dataclass(frozen=True, slots=True)
class Match:
    """One reconciled group: bank rows and journal rows (worksheet rows as Excel shows them)."""

    match_id: str
    rule: str
    confidence: float
    bank_rows: tuple[int, ...]
    journal_rows: tuple[int, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "match_id": self.match_id,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
            "bank_rows": list(self.bank_rows),
            "journal_rows": list(self.journal_rows),
        }


@dataclass(frozen=True)
class Matching:
    """What the passes found, and what is left on each side (worksheet rows)."""

    matches: tuple[Match, ...]
    unmatched_bank: tuple[int, ...]
    unmatched_journal: tuple[int, ...]


def _lines_frame(
    rows: Sequence[int],
    dates: Sequence[object],
    amounts: Sequence[int],
    texts: dict[str, Sequence[str] | None],
) -> pd.DataFrame:
    """Rows, dates and paise amounts, then text columns ("" where a column is not given)."""
    n = len(rows)
    columns: dict[str, object] = {
        "row": np.asarray(rows, dtype=np.int64),
        "date": pd.DatetimeIndex(list(dates)).to_numpy(dtype="datetime64[ns]"),
        "amount": np.asarray(amounts, dtype=np.int64),
    }
    columns.update({name: [""] * n if values is None else list(values) for name, values in texts.items()})
    return pd.DataFrame(columns)


def bank_lines_frame(
    *,
    rows: Sequence[int],
    dates: Sequence[object],
    amounts: Sequence[int],
    descriptions: Sequence[str],
    references: Sequence[str] | None = None,
    match_ids: Sequence[str] | None = None,
    match_rules: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The bank side as :func:`match_lines` wants it (amount: deposit positive, paise)."""
    texts = {
        "description": descriptions, "reference": references,
        "match_id": match_ids, "match_rule": match_rules,
    }  # fmt: skip
    return _lines_frame(rows, dates, amounts, texts)


def book_lines_frame(
    *,
    rows: Sequence[int],
    dates: Sequence[object],
    amounts: Sequence[int],
    narrations: Sequence[str],
    references: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
    match_ids: Sequence[str] | None = None,
    match_rules: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The books side (amount: debit to the bank account positive, paise)."""
    texts = {
        "narration": narrations, "reference": references, "party": parties,
        "match_id": match_ids, "match_rule": match_rules,
    }  # fmt: skip
    return _lines_frame(rows, dates, amounts, texts)


class _Ledgerbook:
    """Which positions of each side are still free, and the matches made so far (internal)."""

    def __init__(self, bank: pd.DataFrame, book: pd.DataFrame, id_prefix: str = "B") -> None:
        self.id_prefix = id_prefix
        self.bank = bank
        self.book = book
        self.bank_rows = bank["row"].to_numpy()
        self.book_rows = book["row"].to_numpy()
        self._bank_row_list: list[int] = self.bank_rows.tolist()
        self._book_row_list: list[int] = self.book_rows.tolist()
        self.bank_free = np.ones(len(bank), dtype=bool)
        self.book_free = np.ones(len(book), dtype=bool)
        self.matches: list[Match] = []
        self._next = 1
        self._taken_ids: set[str] = set()

    def reserve_ids(self, ids: Iterable[str]) -> None:
        self._taken_ids.update(ids)

    def new_id(self) -> str:
        while f"{self.id_prefix}{self._next:06d}" in self._taken_ids:
            self._next += 1
        match_id = f"{self.id_prefix}{self._next:06d}"
        self._next += 1
        return match_id

    def take(
        self,
        bank_pos: Sequence[int],
        book_pos: Sequence[int],
        rule: str,
        confidence: float,
        match_id: str | None = None,
    ) -> bool:
        """Match these positions as one group, unless one of them is matched already (then False)."""
        bank_free, book_free = self.bank_free, self.book_free
        if not (all(bank_free[p] for p in bank_pos) and all(book_free[p] for p in book_pos)):
            return False
        for p in bank_pos:
            bank_free[p] = False
        for p in book_pos:
            book_free[p] = False
        bank_rows, book_rows = self._bank_row_list, self._book_row_list
        self.matches.append(
            Match(
                match_id=match_id or self.new_id(),
                rule=rule,
                confidence=confidence,
                bank_rows=tuple([bank_rows[p] for p in sorted(bank_pos)]),
                journal_rows=tuple([book_rows[p] for p in sorted(book_pos)]),
            )
        )
        return True

    def take_pairs(self, pairs: Sequence[tuple[int, int]], rule: str, confidences: Sequence[float]) -> None:
        """Match one bank line to one book line per pair, in order: as many :meth:`take` calls.

        Every line must be free and in one pair only (as :func:`_free_pairs` yields them).
        """
        if not pairs:
            return
        bank_pos, book_pos = (list(side) for side in zip(*pairs, strict=True))
        if not (self.bank_free[bank_pos].all() and self.book_free[book_pos].all()):
            raise ValueError("take_pairs: a line is matched already")
        self.bank_free[bank_pos] = False
        self.book_free[book_pos] = False
        bank_rows, book_rows = self._bank_row_list, self._book_row_list
        self.matches.extend(
            Match(self.new_id(), rule, confidence, (bank_rows[b],), (book_rows[j],))
            for b, j, confidence in zip(bank_pos, book_pos, confidences, strict=True)
        )


def match_lines(
    bank: pd.DataFrame,
    book: pd.DataFrame,
    *,
    window_days: int = 7,
    id_prefix: str = "B",
    rules: Sequence[MatchRule] = (),
) -> Matching:
    """Match bank lines to book lines in passes; see the module docstring for the rules.

    New matches get IDs ``<id_prefix>000001``, ``<id_prefix>000002``…, skipping IDs already present;
    a run prefix ("R3-") lets a whole run be undone by clearing its IDs.
    """
    with no_cyclic_gc():
        return _match(bank, book, window_days=window_days, id_prefix=id_prefix, rules=rules)


def _match(
    bank: pd.DataFrame,
    book: pd.DataFrame,
    *,
    window_days: int,
    id_prefix: str,
    rules: Sequence[MatchRule],
) -> Matching:
    bank = bank.reset_index(drop=True)
    book = book.reset_index(drop=True)
    state = _Ledgerbook(bank, book, id_prefix)
    _keep_manual_matches(state)
    _match_on_user_rules(state, rules, window_days)
    _match_on_reference(state, window_days=max(window_days, 30))
    same_amount = _candidate_pairs(state, window_days)  # one merge serves both amount passes
    _match_on_amount_and_date(state, same_amount)
    _match_on_amount_within_window(state, _still_free(state, same_amount))
    _match_splits(state, window_days=window_days)
    matches = tuple(sorted(state.matches, key=lambda m: (min(m.bank_rows), min(m.journal_rows))))
    return Matching(
        matches=matches,
        unmatched_bank=tuple(bank["row"].to_numpy(dtype=np.int64)[state.bank_free].tolist()),
        unmatched_journal=tuple(book["row"].to_numpy(dtype=np.int64)[state.book_free].tolist()),
    )


def _keep_manual_matches(state: _Ledgerbook) -> None:
    """Match IDs present on both sides are kept with their rule ("manual" when none is written)."""
    bank_ids = state.bank["match_id"].astype(str).str.strip()
    book_ids = state.book["match_id"].astype(str).str.strip()
    bank_set, book_set = set(bank_ids.unique()), set(book_ids.unique())  # not line by line
    state.reserve_ids(bank_set | book_set)
    common = sorted((bank_set & book_set) - {""})
    if not common:
        return
    bank_groups = {k: list(v) for k, v in bank_ids.groupby(bank_ids).groups.items()}
    book_groups = {k: list(v) for k, v in book_ids.groupby(book_ids).groups.items()}
    for match_id in common:
        bank_pos = [int(p) for p in bank_groups[match_id]]
        book_pos = [int(p) for p in book_groups[match_id]]
        written = str(state.bank["match_rule"].iat[bank_pos[0]]).strip()
        rule = written or "manual"
        state.take(bank_pos, book_pos, rule, 1.0, match_id=match_id)


def _match_on_user_rules(state: _Ledgerbook, rules: Sequence[MatchRule], window_days: int) -> None:
    """Each rule in order: its bank lines to its book lines, the closest amount then the nearest date."""
    if not rules:
        return
    descriptions = [str(d) for d in state.bank["description"].to_numpy()]
    narrations = [str(n) for n in state.book["narration"].to_numpy()]
    parties = [str(p) for p in state.book["party"].to_numpy()]
    bank_amounts, book_amounts = state.bank["amount"].to_numpy(), state.book["amount"].to_numpy()
    bank_days = state.bank["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    book_days = state.book["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    for rule in rules:
        wanted_bank, wanted_book = rule_candidates(rule, descriptions, narrations, parties)
        window = window_days if rule.window_days is None else rule.window_days
        for b in np.flatnonzero(wanted_bank & state.bank_free):
            books = np.flatnonzero(wanted_book & state.book_free)
            books = books[np.sign(book_amounts[books]) == np.sign(bank_amounts[b])]
            off = np.abs(book_amounts[books] - bank_amounts[b])
            gap = np.abs(book_days[books] - bank_days[b])
            fits = (off <= rule.tolerance) & (gap <= window)
            if not fits.any():
                continue
            order = np.lexsort((gap[fits], off[fits]))
            state.take([int(b)], [int(books[fits][order[0]])], f"rule:{rule.name}", 0.95)


def _free_positions(free: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    return np.flatnonzero(free).astype(np.int64)


@overload
def _free_pairs(
    state: _Ledgerbook,
    bank_pos: npt.NDArray[np.int64],
    book_pos: npt.NDArray[np.int64],
    indexed: Literal[False] = False,
) -> Iterator[tuple[int, int]]: ...


@overload
def _free_pairs(
    state: _Ledgerbook,
    bank_pos: npt.NDArray[np.int64],
    book_pos: npt.NDArray[np.int64],
    indexed: Literal[True],
) -> Iterator[tuple[int, int, int]]: ...


def _free_pairs(
    state: _Ledgerbook,
    bank_pos: npt.NDArray[np.int64],
    book_pos: npt.NDArray[np.int64],
    indexed: bool = False,
) -> Iterator[tuple[int, int]] | Iterator[tuple[int, int, int]]:
    """The candidate pairs, in order, whose two lines are both still free when their turn comes.

    Greedy one-to-one: the caller takes every pair yielded (:meth:`_Ledgerbook.take_pairs`), and
    no line is yielded twice, so a line seen taken here is skipped without asking the ledger. Most candidate
    pairs of a busy account fail that way; plain lists answer the question much faster than numpy
    scalars. With ``indexed`` each pair comes with its index into the candidate arrays.
    """
    bank_free = state.bank_free.tolist()
    book_free = state.book_free.tolist()
    for i, (b, j) in enumerate(zip(bank_pos.tolist(), book_pos.tolist(), strict=True)):
        if bank_free[b] and book_free[j]:
            bank_free[b] = book_free[j] = False
            yield (i, b, j) if indexed else (b, j)


def _candidate_pairs(state: _Ledgerbook, window_days: int) -> pd.DataFrame:
    """Free bank × free book pairs with equal amounts within the date window, with their day gap."""
    bank_pos = _free_positions(state.bank_free)
    book_pos = _free_positions(state.book_free)
    left = pd.DataFrame({"b": bank_pos, "amount": state.bank["amount"].to_numpy()[bank_pos]})
    right = pd.DataFrame({"j": book_pos, "amount": state.book["amount"].to_numpy()[book_pos]})
    pairs = left.merge(right, on="amount", how="inner")
    if pairs.empty:
        empty: pd.DataFrame = pairs.assign(days=pd.Series(dtype=np.int64))
        return empty
    bank_dates = state.bank["date"].to_numpy()[pairs["b"].to_numpy()]
    book_dates = state.book["date"].to_numpy()[pairs["j"].to_numpy()]
    days = (bank_dates - book_dates).astype("timedelta64[D]").astype(np.int64)
    pairs["days"] = days
    within: pd.DataFrame = pairs.loc[np.abs(days) <= window_days].reset_index(drop=True)
    return within


def _match_on_reference(state: _Ledgerbook, window_days: int) -> None:
    bank_keys = _keys_frame(state.bank, state.bank_free, "description", "b")
    book_keys = _keys_frame(state.book, state.book_free, "narration", "j")
    if bank_keys.empty or book_keys.empty:
        return
    pairs = bank_keys.merge(book_keys, on="key").drop_duplicates(["b", "j"])
    amounts_equal = (
        state.bank["amount"].to_numpy()[pairs["b"].to_numpy()]
        == state.book["amount"].to_numpy()[pairs["j"].to_numpy()]
    )
    pairs = pairs[amounts_equal]
    if pairs.empty:
        return
    bank_dates = state.bank["date"].to_numpy()[pairs["b"].to_numpy()]
    book_dates = state.book["date"].to_numpy()[pairs["j"].to_numpy()]
    days = (bank_dates - book_dates).astype("timedelta64[D]").astype(np.int64)
    pairs = pairs.assign(gap=np.abs(days))
    pairs = pairs[pairs["gap"] <= window_days].sort_values(["gap", "b", "j"], kind="stable")
    found = list(_free_pairs(state, pairs["b"].to_numpy(), pairs["j"].to_numpy()))
    state.take_pairs(found, "reference", [0.99] * len(found))


def _keys_frame(
    frame: pd.DataFrame, free: npt.NDArray[np.bool_], text_column: str, label: str
) -> pd.DataFrame:
    positions = _free_positions(free)
    references, texts = frame["reference"].take(positions), frame[text_column].take(positions)
    lines, keys = reference_key_pairs(references, texts, min_length=6)
    return pd.DataFrame({label: positions[lines], "key": keys})


def _pair_counts(positions: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """For each pair, in how many pairs its line is (``positions``: that side's line of each pair)."""
    counts: npt.NDArray[np.int64] = np.bincount(positions)[positions]
    return counts


def _still_free(state: _Ledgerbook, pairs: pd.DataFrame) -> pd.DataFrame:
    """The candidate pairs whose two lines are both still free (in their order)."""
    if pairs.empty:
        return pairs
    free = state.bank_free[pairs["b"].to_numpy()] & state.book_free[pairs["j"].to_numpy()]
    kept: pd.DataFrame = pairs.loc[free].reset_index(drop=True)
    return kept


def _match_on_amount_and_date(state: _Ledgerbook, same_amount: pd.DataFrame) -> None:
    """Same amount on the same date, when neither line has another such candidate."""
    pairs = same_amount
    if not pairs.empty:
        same_day: pd.DataFrame = pairs.loc[pairs["days"].to_numpy() == 0].reset_index(drop=True)
        pairs = same_day
    if pairs.empty:
        return
    # Unique on both sides among *all* free candidates of that amount within the window of 0 days.
    bank_counts = _pair_counts(pairs["b"].to_numpy())
    book_counts = _pair_counts(pairs["j"].to_numpy())
    unique = pairs[(bank_counts == 1) & (book_counts == 1)]
    found = list(_free_pairs(state, unique["b"].to_numpy(), unique["j"].to_numpy()))
    state.take_pairs(found, "amount-date", [0.97] * len(found))


def _similarities(
    state: _Ledgerbook, bank_pos: npt.NDArray[np.int64], book_pos: npt.NDArray[np.int64]
) -> list[float]:
    """How alike the bank description and the book narration plus party read, 0..1, per pair."""
    descriptions = state.bank["description"].to_numpy()
    narrations = state.book["narration"].to_numpy()
    parties = state.book["party"].to_numpy()
    bank_list, book_list = bank_pos.tolist(), book_pos.tolist()
    if not bank_list:
        return []
    # Each line's text once, however many pairs it is in; then all pairs in one rapidfuzz call.
    bank_text = {b: str(descriptions[b]).upper() for b in dict.fromkeys(bank_list)}
    book_text = {j: f"{narrations[j]} {parties[j]}".upper() for j in dict.fromkeys(book_list)}
    scores = cpdist(
        [bank_text[b] for b in bank_list],
        [book_text[j] for j in book_list],
        scorer=fuzz.token_set_ratio,
        dtype=np.float64,
        workers=1,
    )
    similarities: list[float] = (scores / 100.0).tolist()
    return similarities


def _match_on_amount_within_window(state: _Ledgerbook, pairs: pd.DataFrame) -> None:
    """Same amount within the window: nearest date first, narrations deciding among equal amounts."""
    if pairs.empty:
        return
    bank_counts = _pair_counts(pairs["b"].to_numpy())
    book_counts = _pair_counts(pairs["j"].to_numpy())
    ambiguous = (bank_counts > 1) | (book_counts > 1)
    similarity = np.zeros(len(pairs))
    which = np.flatnonzero(ambiguous)
    similarity[which] = _similarities(state, pairs["b"].to_numpy()[which], pairs["j"].to_numpy()[which])
    pairs = pairs.assign(
        gap=np.abs(pairs["days"].to_numpy()),
        late=(pairs["days"].to_numpy() < 0).astype(np.int64),  # a bank line before the books: less likely
        similarity=similarity,
        ambiguous=ambiguous,
    )
    # Nearest date first; among equal gaps the closer narration, then the bank after the books.
    pairs = pairs.sort_values(
        ["gap", "similarity", "late", "b", "j"], ascending=[True, False, True, True, True]
    )
    gaps, ambiguous_pairs = pairs["gap"].to_numpy(), pairs["ambiguous"].to_numpy()
    similarities = pairs["similarity"].to_numpy()
    found, confidences = [], []
    for i, b, j in _free_pairs(state, pairs["b"].to_numpy(), pairs["j"].to_numpy(), indexed=True):
        confidence = 0.9 - 0.02 * float(gaps[i])
        if ambiguous_pairs[i]:
            confidence = min(confidence, 0.6 + 0.3 * float(similarities[i]))
        found.append((b, j))
        confidences.append(max(confidence, 0.5))
    state.take_pairs(found, "amount-window", confidences)


def _find_split(
    window: npt.NDArray[np.int64],
    gaps: npt.NDArray[np.int64],
    amounts: npt.NDArray[np.int64],
    target: int,
) -> list[int] | None:
    """2–4 positions of ``window`` whose amounts add up to ``target``, or None.

    ``window`` is in date order (then position), every amount shares the target's sign and is
    smaller in size. Lines of one deposit slip or one bulk payment are entered on one date, so each
    date in the window is tried alone first (nearest first; the earlier of two equally near dates
    first), then the nearest lines across dates; each group is its first ``SPLIT_CANDIDATES`` lines.
    Within a group the first subset wins: pairs before triples before quadruples, each in index
    order. All groups are tried in one vectorised step: a (groups × subsets) table of sums, where an
    empty slot holds twice the target (so no subset using it can add up) and the padding column 0.
    """
    # Group key: nearest date first, the earlier date before the later at equal distance.
    key = np.abs(gaps) * 2 + (gaps > 0)
    order = np.argsort(key, kind="stable")
    lines, keys = window[order], key[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.append(starts, len(keys)))
    group_of = np.repeat(np.arange(len(starts)), sizes)
    rank = np.arange(len(keys)) - starts[group_of]
    first = rank < SPLIT_CANDIDATES
    n_groups = len(starts) + 1  # each date, then the nearest lines across dates
    table = np.full((n_groups, SPLIT_CANDIDATES + 1), -1, dtype=np.int64)
    table[group_of[first], rank[first]] = lines[first]
    nearest = lines[:SPLIT_CANDIDATES]
    table[-1, : len(nearest)] = nearest
    values = np.where(table >= 0, amounts[np.maximum(table, 0)], 2 * target)
    values[:, SPLIT_CANDIDATES] = 0
    combos = _combinations(SPLIT_CANDIDATES, MAX_SPLIT)
    sums = values[:, combos[:, 0]] + values[:, combos[:, 1]]
    for column in range(2, MAX_SPLIT):
        sums += values[:, combos[:, column]]
    hits = (sums == target).ravel()
    first_hit = int(np.argmax(hits))
    if not hits[first_hit]:
        return None
    group, combo = divmod(first_hit, len(combos))
    return [int(table[group, i]) for i in combos[combo] if i < SPLIT_CANDIDATES]


@lru_cache(maxsize=64)
def _combinations(n: int, max_size: int) -> npt.NDArray[np.int64]:
    """All index subsets of size 2..max_size of range(n), padded with n (an index that adds 0)."""
    combos = [c for size in range(2, max_size + 1) for c in itertools.combinations(range(n), size)]
    table = np.full((len(combos), max_size), n, dtype=np.int64)
    for i, combo in enumerate(combos):
        table[i, : len(combo)] = combo
    return table


def _match_splits(state: _Ledgerbook, window_days: int) -> None:
    """One line on one side equal to the sum of 2–4 free lines on the other, inside the window."""
    _split_pass(state, window_days, one_side="bank")
    _split_pass(state, window_days, one_side="book")


def _split_pass(state: _Ledgerbook, window_days: int, one_side: str) -> None:
    """Each free line of ``one_side``, in position order, against 2–4 free lines of the other side.

    The searches of a batch of lines run together (:func:`_batch_splits`) against the free lines
    as the batch starts. A line's answer stays exact while none of the lines it depended on (its
    split, and the cut-short groups it searched up to the one it found the split in) has since been
    taken by an earlier line of the batch; otherwise that line is searched again alone
    (:func:`_find_split`) against the lines free at its turn, as a one-at-a-time pass would.
    """
    ones, many = (state.bank, state.book) if one_side == "bank" else (state.book, state.bank)
    ones_free, many_free = (
        (state.bank_free, state.book_free) if one_side == "bank" else (state.book_free, state.bank_free)
    )
    many_dates = many["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    many_amounts = many["amount"].to_numpy()
    one_dates = ones["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    one_amounts = ones["amount"].to_numpy()
    one_positions = _free_positions(ones_free)
    one_positions = one_positions[one_amounts[one_positions] != 0]
    if len(one_positions) == 0:
        return
    # The other side's deposits then its withdrawals, each in date order (then position).
    order = np.argsort(many_dates, kind="stable")
    signs = np.sign(many_amounts[order])
    n_positive = int((signs > 0).sum())
    candidates = np.concatenate((order[signs > 0], order[signs < 0]))
    candidate_dates = many_dates[candidates]
    days = one_dates[one_positions]
    targets = one_amounts[one_positions]
    bounds = []
    sides: tuple[tuple[Literal["left", "right"], int], ...] = (("left", -window_days), ("right", window_days))
    for side, offset in sides:
        in_positive = np.searchsorted(candidate_dates[:n_positive], days + offset, side=side)
        in_negative = n_positive + np.searchsorted(candidate_dates[n_positive:], days + offset, side=side)
        bounds.append(np.where(targets > 0, in_positive, in_negative).astype(np.int64))
    lo, hi = bounds
    for start in range(0, len(one_positions), SPLIT_BATCH):
        part = slice(start, start + SPLIT_BATCH)
        # The batch searches only the lines free as it starts (their order kept; a rank in the
        # free lines is the number of free lines before it).
        free = many_free[candidates]
        free_rank = np.concatenate(([0], np.cumsum(free)))
        batch = _batch_splits(
            candidates[free],
            free_rank[lo[part]],
            free_rank[hi[part]],
            targets=targets[part],
            days=days[part],
            many_dates=many_dates,
            many_amounts=many_amounts,
            many_free=many_free,
        )
        taken = False  # whether a line of the batch took lines yet: until then every answer stands
        for i, p in enumerate(one_positions[part].tolist()):
            if not ones_free[p]:
                continue
            chosen = batch.chosen[i]
            if taken and _needs_new_search(batch, i, many_free):  # an earlier line took one: search again
                target = int(targets[start + i])
                window = candidates[lo[start + i] : hi[start + i]]
                window = window[many_free[window] & (np.abs(many_amounts[window]) < abs(target))]
                chosen = None
                if len(window) >= 2:
                    chosen = _find_split(window, many_dates[window] - days[start + i], many_amounts, target)
            if chosen is None:
                continue
            bank_pos, book_pos = ([p], chosen) if one_side == "bank" else (chosen, [p])
            taken = state.take(bank_pos, book_pos, "split", 0.8) or taken


@dataclass(frozen=True)
class _SplitBatch:
    """Split searches of a batch of lines: the answer of each, and the lines it depended on."""

    chosen: list[list[int] | None]
    lines: npt.NDArray[np.int64]  # lines the answers depended on (besides each split), line by line
    depends_from: list[int]  # line i depended on lines[depends_from[i]:depends_to[i]]
    depends_to: list[int]


def _needs_new_search(batch: _SplitBatch, i: int, many_free: npt.NDArray[np.bool_]) -> bool:
    """Whether line ``i``'s answer may have changed: a line of its split, or one it depended on,
    has been taken since the batch was searched."""
    chosen = batch.chosen[i]
    if chosen is not None and not all(many_free[c] for c in chosen):
        return True
    return not bool(many_free[batch.lines[batch.depends_from[i] : batch.depends_to[i]]].all())


def _batch_splits(
    candidates: npt.NDArray[np.int64],
    lo: npt.NDArray[np.int64],
    hi: npt.NDArray[np.int64],
    *,
    targets: npt.NDArray[np.int64],
    days: npt.NDArray[np.int64],
    many_dates: npt.NDArray[np.int64],
    many_amounts: npt.NDArray[np.int64],
    many_free: npt.NDArray[np.bool_],
) -> _SplitBatch:
    """:func:`_find_split` for many lines at once, against the lines free now.

    Line i searches ``candidates[lo[i]:hi[i]]`` (the other side's lines of its sign inside its
    window, in date order) for free lines smaller than ``targets[i]``: the same groups, in the same
    order, with the same first subset as :func:`_find_split`, grouped by group size so that each
    size uses only its own subsets.
    """
    n = len(lo)
    counts = hi - lo
    owner = np.repeat(np.arange(n), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    lines = candidates[np.repeat(lo, counts) + within]
    eligible = many_free[lines] & (np.abs(many_amounts[lines]) < np.abs(targets[owner]))
    lines, owner = lines[eligible], owner[eligible]
    gaps = many_dates[lines] - days[owner]
    # Each date's first SPLIT_CANDIDATES lines (lines are in date order within an owner).
    new_date = np.ones(len(lines), dtype=bool)
    new_date[1:] = (owner[1:] != owner[:-1]) | (gaps[1:] != gaps[:-1])
    date_start = np.flatnonzero(new_date)
    date_of = np.cumsum(new_date) - 1
    rank = np.arange(len(lines)) - date_start[date_of]
    # A date (or a line's nearest lines) with more candidates than SPLIT_CANDIDATES is cut short:
    # if one of its first ones is taken, another moves in, so the answer depends on all of them.
    cut_date = (np.diff(np.append(date_start, len(lines))) > SPLIT_CANDIDATES)[date_of]
    cut_nearest = np.bincount(owner, minlength=n) > SPLIT_CANDIDATES
    first = rank < SPLIT_CANDIDATES
    lines, owner, gaps, rank, cut_date = lines[first], owner[first], gaps[first], rank[first], cut_date[first]
    # Nearest date first, the earlier before the later at equal distance (stable: then position).
    key = np.abs(gaps) * 2 + (gaps > 0)
    order = np.lexsort((key, owner))
    lines, owner, key, rank, cut_date = lines[order], owner[order], key[order], rank[order], cut_date[order]
    new_row = np.ones(len(lines), dtype=bool)
    new_row[1:] = (owner[1:] != owner[:-1]) | (key[1:] != key[:-1])
    row = np.cumsum(new_row) - 1
    n_date_rows = int(new_row.sum())
    owner_from = np.searchsorted(owner, np.arange(n), side="left")
    nearest_rank = np.arange(len(lines)) - owner_from[owner]
    # Rows: every (line, date) group, then each line's nearest lines across dates.
    table = np.full((n_date_rows + n, SPLIT_CANDIDATES), -1, dtype=np.int64)
    table[row, rank] = lines
    across = nearest_rank < SPLIT_CANDIDATES
    table[n_date_rows + owner[across], nearest_rank[across]] = lines[across]
    row_owner = np.concatenate((owner[new_row], np.arange(n)))
    sizes = (table >= 0).sum(axis=1)
    hit_combo = np.full(len(table), -1, dtype=np.int64)
    for size in range(2, SPLIT_CANDIDATES + 1):
        rows = np.flatnonzero(sizes == size)
        if len(rows) > 0:
            hit_rows, combos = _first_subsets(many_amounts[table[rows, :size]], targets[row_owner[rows]])
            hit_combo[rows[hit_rows]] = combos
    chosen: list[list[int] | None] = [None] * n
    hit_rows = np.flatnonzero(hit_combo >= 0)  # date rows (in search order), then nearest rows
    hit_owners, first_of_owner = np.unique(row_owner[hit_rows], return_index=True)
    answer_row = np.full(n, len(table), dtype=np.int64)  # the row each line found its split in
    answer_row[hit_owners] = hit_rows[first_of_owner]
    for o, r in zip(hit_owners.tolist(), hit_rows[first_of_owner].tolist(), strict=True):
        size = int(sizes[r])
        combo = _combinations(size, MAX_SPLIT)[hit_combo[r]]
        chosen[o] = [int(table[r, i]) for i in combo if i < size]
    # What an answer depends on, besides the split it found: the cut-short groups searched up to
    # it. A group searched whole only loses lines when some are taken: it gains no new subset.
    searched = row <= answer_row[owner]
    nearest_searched = (answer_row[owner] >= n_date_rows) & cut_nearest[owner] & across
    depends = (searched & cut_date) | nearest_searched
    depended_owner = owner[depends]
    return _SplitBatch(
        chosen,
        lines[depends],
        np.searchsorted(depended_owner, np.arange(n), side="left").tolist(),
        np.searchsorted(depended_owner, np.arange(n), side="right").tolist(),
    )


def _first_subsets(
    values: npt.NDArray[np.int64], targets: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Rows of ``values`` with a 2–4 subset adding up to the row's target, and the first such subset.

    Subsets are numbered as in :func:`_combinations` (pairs, then triples, then quadruples, each in
    index order). A triple's sum is a pair sum and a value, a quadruple's two pair sums, so pairs
    are summed once. Rows go in small chunks: the (rows × subsets) sums stay in the CPU cache.
    """
    pairs, triple_pairs, triple_values, quad_left, quad_right = _subset_parts(values.shape[1])
    found_rows: list[npt.NDArray[np.int64]] = []
    found_combos: list[npt.NDArray[np.int64]] = []
    for start in range(0, len(values), _SUM_CHUNK):
        chunk = values[start : start + _SUM_CHUNK]
        target = targets[start : start + _SUM_CHUNK, None]
        pair_sums = chunk[:, pairs[:, 0]] + chunk[:, pairs[:, 1]]
        sums = np.concatenate(
            (
                pair_sums,
                pair_sums[:, triple_pairs] + chunk[:, triple_values],
                pair_sums[:, quad_left] + pair_sums[:, quad_right],
            ),
            axis=1,
        )
        hits = sums == target
        rows = np.flatnonzero(hits.any(axis=1))
        if len(rows):
            found_rows.append(rows + start)
            found_combos.append(hits[rows].argmax(axis=1).astype(np.int64))
    if not found_rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(found_rows), np.concatenate(found_combos)


_SUM_CHUNK = 128  # rows of subset sums computed at a time in :func:`_first_subsets`


_Indices = npt.NDArray[np.int64]


@lru_cache(maxsize=16)
def _subset_parts(size: int) -> tuple[_Indices, _Indices, _Indices, _Indices, _Indices]:
    """For ``size`` values: the pairs, each triple as (its first two as a pair, its third value), and
    each quadruple as (its first two, its last two) as pairs; in :func:`_combinations` order."""
    combos = _combinations(size, MAX_SPLIT)
    pairs = combos[combos[:, 2] == size]
    pair_index = {(a, b): i for i, (a, b) in enumerate(pairs[:, :2].tolist())}
    triples = combos[(combos[:, 2] < size) & (combos[:, 3] == size)]
    quads = combos[combos[:, 3] < size]

    def index(columns: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        return np.array([pair_index[(a, b)] for a, b in columns.tolist()], dtype=np.int64).reshape(-1)

    return (
        pairs[:, :2],
        index(triples[:, :2]),
        triples[:, 2].copy(),
        index(quads[:, :2]),
        index(quads[:, 2:]),
    )
