"""Matching bank statement lines to the bank account's journal lines, in passes.

Both sides arrive as typed frames (see :func:`bank_lines_frame` and :func:`book_lines_frame` for the
columns) with signed paise amounts seen from the bank account: a deposit is positive on the
statement and a debit to the bank account in the books; a withdrawal is negative on both.

Passes, in order, each over what earlier passes left:

====================  ===========================================================  ==========
rule                  what matches                                                 confidence
====================  ===========================================================  ==========
``manual``            the same Match ID typed in both tables (kept as it is)       1.00
``rule:<name>``       a row of the user's MatchRules table, in table order         0.95
``reference``         a UTR / UPI / cheque number (or another number of 6+         0.99
                      digits) on both sides, same amount, within 92 days
``amount-date``       same amount, same date, and no other candidate on either     0.97
``amount-window``     same amount within ± window days (a cheque: presented up to  0.90 – 0.50
                      30 days after it was written); where equal amounts compete,
                      all candidates are assigned at once (:mod:`.assignment`),
                      a pair costing its date gap, how unlike the parties the
                      two lines name read (:mod:`.parties`) and whether they name
                      different channels (UPI against NEFT: :mod:`.channels`);
                      the pairs whose names read unlike weigh in, never taken:
                      a line they give a better partner is not taken by a name
                      sharing only a word with it; 0.60 at most where two
                      chosen pairs could swap partners at no more cost (nothing
                      decides between them: for review)
``amount-channel``    same amount at most a day apart, the names reading unlike,   0.60
                      both lines naming one channel (UPI, ATM…), each the other's
                      one nearest such line once the other pairs are made
``split``             one bank line = 2–4 book lines lying at most 10 days apart   0.80
                      (a deposit slip, a bulk upload), or one book line = 2–4 bank
                      lines; taken only when no other set of lines adds up to the
                      same amount (:mod:`.splits`); a clearing credit first into
                      the lines naming cheques, then into lines naming no channel
``split-together``    clearing credits still open, each with every set of free     0.70
                      cheques that adds up to it: a credit takes its set when every
                      way of explaining the most credits at once gives it that one
                      (:mod:`.cover`: a cheque is paid in on one slip only)
``amount-name-seen``  same amount within the window, the names reading unlike,    0.75
                      but seen together elsewhere: a one-to-one match of these
                      books (one you typed, say) pairs them, or two such pairs
                      that are each their lines' only candidate; the one such
                      pair of both its lines
====================  ===========================================================  ==========

Lines that both name a party, and not the same one, are matched by amount only when nothing else
can be (``amount-channel``, or a pair that is the only candidate of both its lines) or when a match
pairs their names elsewhere (``amount-name-seen``). The passes after the user's rules run again
until a round finds nothing more. A line is never matched twice; the result is deterministic (same
input, same matches and IDs), and a rerun over its own output changes nothing.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.gc_pause import no_cyclic_gc
from addin.engine.reconciliation.assignment import assign, tied, windowed_pairs
from addin.engine.reconciliation.channels import CHEQUE, TRANSFER, channel_masks, same_channel
from addin.engine.reconciliation.cover import Settled, settle_jointly
from addin.engine.reconciliation.match_rules import MatchRule, rule_candidates
from addin.engine.reconciliation.parties import (
    boilerplate,
    party_likenesses,
    party_similarity,
    party_words,
    text_likenesses,
)
from addin.engine.reconciliation.references import cheque_lines, reference_key_pairs
from addin.engine.reconciliation.splits import SplitMemo, SplitSearch, every_subset, find_splits

BANK_COLUMNS = ("row", "date", "amount", "description", "reference", "match_id", "match_rule")
BOOK_COLUMNS = ("row", "date", "amount", "narration", "reference", "party", "match_id", "match_rule")
PARTY_WEIGHT = 2.0  # cost of parties that read wholly unlike, against 1 for a gap of the whole window
UNKNOWN_PARTY = 0.5  # the likeness of a pair whose lines have no other candidate (not worked out)
CHANNEL_COST = 1.0  # where equal amounts compete: lines naming different channels (UPI, NEFT)
LATE_COST = 0.1  # a bank line dated before its book line: less likely
CHEQUE_WINDOW_DAYS = 30  # a cheque may be presented weeks after it is written: its window by amount
REFERENCE_WINDOW_DAYS = 92  # the same number and amount: up to three months apart (a cheque's validity)
PARTY_VETO = 0.3  # lines whose named parties read less alike than this are never matched
WEAK_LIKENESS = 0.8  # names reading less alike than this share a word, not a party (AMIT KHANNA, Khanna Bros)
SPLIT_PARTY_LIKENESS = 0.5  # a split's lines read at least this like the party its one line names
NAMED_APART_CONFIDENCE = 0.7  # an amount on no other line of either side, the names reading unlike
ALONE_DAYS = 30  # …or a bank transfer whose amount is on no other line within this many days either way
SPLIT_TOGETHER_CONFIDENCE = 0.7  # a slip's cheques, forced by the slips around it (:mod:`.cover`)
JOINT_OPTIONS = 64  # sets of cheques listed per open clearing credit at most, for :mod:`.cover`
NEAREST_OF_CHANNEL_CONFIDENCE = 0.6  # names unlike, one channel, each the other's nearest line…
NEAREST_OF_CHANNEL_DAYS = 1  # …the same day or the next (UPI, ATM and transfers post at once)
TIED_CONFIDENCE = 0.6  # equal amounts paired where swapping partners would cost no more (for review)
NAMES_SEEN_CONFIDENCE = 0.75  # names unlike, but seen together elsewhere (a match, or pairs again)


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
        self.words = PartyWords(bank, book)
        self.reference_keys: tuple[pd.DataFrame, pd.DataFrame] | tuple[()] = ()
        # which lines' amounts stand alone, by span of days (None: anywhere), bank side and books'
        self._amount_alone: dict[int | None, tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]] = {}
        # what split searches found, by (one side, cheques only): lines are only taken, never freed
        self.split_memos: dict[tuple[str, bool], SplitMemo] = {}
        self.slips_settled: Settled = {}  # what each component of open slips forces (:mod:`.cover`)
        # the names one-to-one matches so far paired though they read unlike, and how many matches seen
        self.names_paired: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        self.names_paired_upto = 0
        self._positions: tuple[dict[int, int], dict[int, int]] | None = None
        self._next = 1
        self._taken_ids: set[str] = set()

    def amount_alone(
        self, bank_pos: npt.NDArray[np.int64], book_pos: npt.NDArray[np.int64], *, within: int | None = None
    ) -> npt.NDArray[np.bool_]:
        """Whether each pair's amount stands on no other line of either side (matched or not) —
        anywhere, or ``within`` days of its line's date."""
        if within not in self._amount_alone:
            self._amount_alone[within] = (
                _alone(self.bank["amount"].to_numpy(), line_days(self.bank), within),
                _alone(self.book["amount"].to_numpy(), line_days(self.book), within),
            )
        bank_alone, book_alone = self._amount_alone[within]
        alone: npt.NDArray[np.bool_] = bank_alone[bank_pos] & book_alone[book_pos]
        return alone

    def positions(self) -> tuple[dict[int, int], dict[int, int]]:
        """Each bank row's position, and each book row's."""
        if self._positions is None:
            self._positions = (
                {r: p for p, r in enumerate(self._bank_row_list)},
                {r: p for p, r in enumerate(self._book_row_list)},
            )
        return self._positions

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
    # Rounds until one finds nothing more, so that a rerun over this run's own output finds nothing.
    # The split pass ends where another split pass would find nothing: it is run again only when
    # another pass has taken lines since.
    found, split_upto = -1, -1
    while found != len(state.matches):
        found = len(state.matches)
        _match_on_user_rules(state, rules, window_days)
        _match_on_reference(state, window_days=max(window_days, REFERENCE_WINDOW_DAYS))
        _match_on_amount(state, window_days)
        if len(state.matches) != split_upto:
            _match_splits(state, window_days=window_days)
            split_upto = len(state.matches)
        _match_on_names_seen(state, window_days)
    matches = tuple(sorted(state.matches, key=lambda m: (min(m.bank_rows), min(m.journal_rows))))
    return Matching(
        matches=matches,
        unmatched_bank=tuple(bank["row"].to_numpy(dtype=np.int64)[state.bank_free].tolist()),
        unmatched_journal=tuple(book["row"].to_numpy(dtype=np.int64)[state.book_free].tolist()),
    )


def is_manual(rule: str) -> bool:
    """Whether a kept match's Match ID was typed by the user: rule "manual", or "manual (1.00)" as
    the Match Rule column shows it once written back.

    >>> is_manual("manual"), is_manual("manual (1.00)"), is_manual("reference (0.99)")
    (True, True, False)
    """
    return rule == "manual" or rule.startswith("manual (")


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
    bank_days, book_days = line_days(state.bank), line_days(state.book)
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


def _alone(
    amounts: npt.NDArray[np.int64], days: npt.NDArray[np.int64], span: int | None
) -> npt.NDArray[np.bool_]:
    """Which lines' amounts stand on no other line — anywhere, or within ``span`` days of theirs.

    >>> _alone(np.array([500, 500, 500, 700]), np.array([0, 40, 60, 1]), 30).tolist()
    [True, False, False, True]
    >>> _alone(np.array([500, 500, 500, 700]), np.array([0, 40, 60, 1]), None).tolist()
    [False, False, False, True]
    """
    order = np.lexsort((days, amounts))
    a, d = amounts[order], days[order]
    near = a[1:] == a[:-1]
    if span is not None:
        near &= d[1:] - d[:-1] <= span
    crowded = np.zeros(len(a), dtype=bool)
    crowded[1:] |= near
    crowded[:-1] |= near
    alone: npt.NDArray[np.bool_] = np.empty(len(a), dtype=bool)
    alone[order] = ~crowded
    return alone


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


def _match_on_reference(state: _Ledgerbook, window_days: int) -> None:
    """The same UTR / UPI / cheque number on both sides, the same amount, within the window."""
    if not state.reference_keys:  # once a run: a later round only drops the lines taken since
        state.reference_keys = (
            _keys_frame(state.bank, state.bank_free, "description", "b"),
            _keys_frame(state.book, state.book_free, "narration", "j"),
        )
    bank_keys, book_keys = state.reference_keys
    bank_keys = bank_keys[state.bank_free[bank_keys["b"].to_numpy()]]
    book_keys = book_keys[state.book_free[book_keys["j"].to_numpy()]]
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


def _only_pair(b: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether each pair (bank line ``b``, book line ``j``) is the one pair of both its lines."""
    only: npt.NDArray[np.bool_] = (_pair_counts(b) == 1) & (_pair_counts(j) == 1)
    return only


def line_days(frame: pd.DataFrame) -> npt.NDArray[np.int64]:
    """Each line's date as a day number."""
    days: npt.NDArray[np.int64] = frame["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    return days


def _party_likenesses(
    state: _Ledgerbook, bank_pos: npt.NDArray[np.int64], book_pos: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """How alike the party each pair's bank line names and the one its book line names (narration
    and Party), 0..1 (:func:`~.parties.party_likenesses`); NaN when either names nobody."""
    bank_codes, banks = pd.factorize(bank_pos)
    book_codes, books = pd.factorize(book_pos)
    words = state.words
    return party_likenesses(
        [words.bank(p) for p in banks.tolist()],
        [words.book(p) for p in books.tolist()],
        bank_codes.astype(np.int64),
        book_codes.astype(np.int64),
    )


def _text_likenesses(
    state: _Ledgerbook, bank_pos: npt.NDArray[np.int64], book_pos: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """How alike each pair's texts read as a whole (:func:`~.parties.text_likeness`)."""
    words = state.words
    return text_likenesses(
        [words.bank_text(p) for p in bank_pos.tolist()], [words.book_text(p) for p in book_pos.tolist()]
    )


def _same_channel(
    state: _Ledgerbook, bank_pos: npt.NDArray[np.int64], book_pos: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Whether each pair's lines name a payment channel in common (:mod:`.channels`)."""
    return same_channel(state.words.channels(bank=True)[bank_pos], state.words.channels(bank=False)[book_pos])


def _channels_apart(
    state: _Ledgerbook, bank_pos: npt.NDArray[np.int64], book_pos: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Whether each pair's lines both name a payment channel and none in common (UPI and NEFT)."""
    bank, book = state.words.channels(bank=True)[bank_pos], state.words.channels(bank=False)[book_pos]
    apart: npt.NDArray[np.bool_] = (bank != 0) & (book != 0) & ((bank & book) == 0)
    return apart


def _amount_candidates(
    state: _Ledgerbook, window_days: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Free (bank, book) pairs of equal amount within the window, and cheques on both sides the bank
    presents within the cheque window after the books; with each pair's window."""
    bank_free, book_free = _free_positions(state.bank_free), _free_positions(state.book_free)
    bank_days, book_days = line_days(state.bank), line_days(state.book)
    bank_amounts, book_amounts = state.bank["amount"].to_numpy(), state.book["amount"].to_numpy()
    b, j = windowed_pairs(
        bank_amounts[bank_free], bank_days[bank_free], book_amounts[book_free], book_days[book_free],
        window=window_days,
    )  # fmt: skip
    b, j, windows = bank_free[b], book_free[j], np.full(len(b), window_days)
    if window_days >= CHEQUE_WINDOW_DAYS:
        return b, j, windows
    bank_cheques = bank_free[cheque_lines(state.bank["description"].take(bank_free))]
    book_cheques = book_free[
        cheque_lines(state.book["narration"].take(book_free), state.book["reference"].take(book_free))
    ]
    cb, cj = windowed_pairs(
        bank_amounts[bank_cheques], bank_days[bank_cheques], book_amounts[book_cheques],
        book_days[book_cheques], window=CHEQUE_WINDOW_DAYS,
    )  # fmt: skip
    cb, cj = bank_cheques[cb], book_cheques[cj]
    later = bank_days[cb] - book_days[cj] > window_days  # presented later (the others are pairs already)
    return (
        np.concatenate((b, cb[later])),
        np.concatenate((j, cj[later])),
        np.concatenate((windows, np.full(int(later.sum()), CHEQUE_WINDOW_DAYS))),
    )


def _match_on_amount(state: _Ledgerbook, window_days: int) -> None:
    """Same amount within the window: all candidates assigned at once (:mod:`.assignment`).

    Lines that both name a party, and not the same one, are no pair. A pair whose two lines have no
    other candidate is a match by itself (``amount-date`` when the dates agree). Where equal amounts
    compete, a pair costs its date gap (a bank line before the books a little more), how unlike
    its lines read (their parties; their whole texts when a side names nobody) and whether they
    name different channels; the fewest-cost full set of pairs wins.

    As many pairs as possible are made, so the pairs left out matter: without them, a bank line
    whose own entry names someone else (a customer paying from a relative's UPI app) would take
    any entry sharing a word with it ("AMIT KHANNA", "Khanna Brothers") and push that entry's
    line elsewhere. So the pairs are first assigned together with those whose names read unlike,
    at their cost; what that assignment pairs, the names not unlike, is taken. Then the pairs
    assigned without them, where their lines are still free — except a weakly alike pair (names
    less than ``WEAK_LIKENESS`` alike) on a line the first assignment gave a partner whose name
    reads unlike: that line is left to the later passes.
    """
    b, j, pair_window = _amount_candidates(state, window_days)
    party = _party_likenesses(state, b, j)
    unlike = party < PARTY_VETO  # both name a party, and not the same one (NaN: not known, kept)
    # …unless the two lines have no other candidate and either the amount is on no other line of
    # either side, or both name the same channel (UPI, NEFT, cheque, cash), or the bank's line is a
    # transfer (NEFT, RTGS, IMPS), the books' names no channel and the amount is on no other line
    # within a month of either: the same money, however the names read (a proprietor paying from
    # his own account, a relative's UPI app)
    named_apart = unlike & _only_pair(b, j)
    apart = np.flatnonzero(named_apart)
    b_apart, j_apart = b[apart], j[apart]
    bank_channels, book_channels = state.words.channels(bank=True), state.words.channels(bank=False)
    transfer = (bank_channels[b_apart] == TRANSFER) & (book_channels[j_apart] == 0)
    named_apart[apart] = (
        state.amount_alone(b_apart, j_apart)
        | _same_channel(state, b_apart, j_apart)
        | (transfer & state.amount_alone(b_apart, j_apart, within=ALONE_DAYS))
    )
    keep = ~unlike | named_apart
    if not keep.any():
        _match_nearest_of_one_channel(state, b, j)
        return
    bank_days = line_days(state.bank)
    everyone, _ = _pair_costs(state, b, j, pair_window, party=party, ambiguous=~_only_pair(b, j))
    arranged = assign(b, j, everyone, bank_days[b])  # the unlike pairs too
    set_apart = (b[~keep], j[~keep])
    held = _lines_of(state, b[arranged & ~keep], j[arranged & ~keep])  # given an unlike partner
    b, j, pair_window = b[keep], j[keep], pair_window[keep]
    party, named_apart, arranged = party[keep], named_apart[keep], arranged[keep]
    gap = bank_days[b] - line_days(state.book)[j]
    ambiguous = ~_only_pair(b, j)
    cost, known = _pair_costs(state, b, j, pair_window, party=party, ambiguous=ambiguous)
    chosen = assign(b, j, cost, bank_days[b])
    weak = ambiguous & (party < WEAK_LIKENESS)  # NaN (a side names nobody): not weak
    taken = _lines_of(state, b[arranged], j[arranged])
    chosen = arranged | (
        chosen & ~(taken[0][b] | taken[1][j]) & ~(weak & (held[0][b] | held[1][j]))
    )
    same_day = chosen & ~ambiguous & (gap == 0) & ~named_apart
    state.take_pairs(list(zip(b[same_day].tolist(), j[same_day].tolist(), strict=True)), "amount-date",
                     [0.97] * int(same_day.sum()))  # fmt: skip
    window = chosen & ~same_day
    confidence = np.maximum(0.9 - 0.02 * np.abs(gap[window]), 0.5)
    confidence = np.where(ambiguous[window], np.minimum(confidence, 0.6 + 0.3 * known[window]), confidence)
    confidence = np.where(named_apart[window], np.minimum(confidence, NAMED_APART_CONFIDENCE), confidence)
    undecided = tied(b, j, cost, chosen)[window]
    confidence = np.where(undecided, np.minimum(confidence, TIED_CONFIDENCE), confidence)
    state.take_pairs(list(zip(b[window].tolist(), j[window].tolist(), strict=True)), "amount-window",
                     confidence.tolist())  # fmt: skip
    _match_nearest_of_one_channel(state, *set_apart)


def _pair_costs(
    state: _Ledgerbook,
    b: npt.NDArray[np.int64],
    j: npt.NDArray[np.int64],
    pair_window: npt.NDArray[np.int64],
    *,
    party: npt.NDArray[np.float64],
    ambiguous: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Each candidate pair's cost for :func:`assign` — its date gap over the window (a bank line
    before its book line a little more), how unlike its lines read, whether they name different
    channels — and how alike its lines read (``known``): the parties' likeness, or the whole texts'
    where a side names nobody; a pair that is the only candidate of both its lines (not
    ``ambiguous``) counts as ``UNKNOWN_PARTY`` (not worked out)."""
    gap = line_days(state.bank)[b] - line_days(state.book)[j]
    known = np.where(ambiguous, party, UNKNOWN_PARTY)
    unnamed = np.flatnonzero(np.isnan(known))
    known[unnamed] = _text_likenesses(state, b[unnamed], j[unnamed])
    cost = (
        np.abs(gap) / (pair_window + 1)
        + LATE_COST * (gap < 0)
        + PARTY_WEIGHT * (1 - known)
        + CHANNEL_COST * (ambiguous & _channels_apart(state, b, j))
    )
    return cost, known


def _lines_of(
    state: _Ledgerbook, b: npt.NDArray[np.int64], j: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The bank and book lines of the pairs (``b``, ``j``), as masks over each side's lines."""
    bank, book = np.zeros(len(state.bank_free), dtype=bool), np.zeros(len(state.book_free), dtype=bool)
    bank[b] = True
    book[j] = True
    return bank, book


def _match_on_names_seen(state: _Ledgerbook, window_days: int) -> None:
    """Free pairs of equal amount within the window (names reading unlike: the amount pass kept them
    apart) whose two names are seen together elsewhere — the bank's name for a party the books call
    otherwise (a proprietor's own account, a payee's registered name): a one-to-one match of these
    books pairs them (one the accountant typed, or a rule's), or so do two or more such pairs that
    are each the only candidate of both their lines (every month's bill). A pair is taken when it
    is the one such pair of both its lines. Run after the splits, so that it takes no line a slip or
    bulk upload would."""
    b, j, _ = _amount_candidates(state, window_days)
    if len(b) == 0:
        return
    seen = _names_paired(state)
    words = state.words
    names = [(words.bank(p), words.book(q)) for p, q in zip(b.tolist(), j.tolist(), strict=True)]
    alone = _only_pair(b, j)
    again = Counter(n for n, a in zip(names, alone.tolist(), strict=True) if a and n[0] and n[1])
    paired = np.array([n in seen for n in names], dtype=bool)
    known = paired | (alone & np.array([again[n] >= 2 for n in names], dtype=bool))
    b, j = b[known], j[known]
    if len(b) == 0:
        return
    only = _only_pair(b, j)
    taken = list(zip(b[only].tolist(), j[only].tolist(), strict=True))
    state.take_pairs(taken, "amount-name-seen", [NAMES_SEEN_CONFIDENCE] * len(taken))


def _names_paired(state: _Ledgerbook) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The (bank's party words, books' party words) of every one-to-one match so far whose two lines
    name parties that read unlike (kept in ``state``, the matches since the last call added)."""
    new = state.matches[state.names_paired_upto :]
    state.names_paired_upto = len(state.matches)
    bank_of, book_of = state.positions()
    ones = [(bank_of[m.bank_rows[0]], book_of[m.journal_rows[0]]) for m in new
            if len(m.bank_rows) == 1 and len(m.journal_rows) == 1]  # fmt: skip
    if ones:
        b, j = (np.array(side, dtype=np.int64) for side in zip(*ones, strict=True))
        unlike = _party_likenesses(state, b, j) < PARTY_VETO  # NaN: a side names nobody
        words = state.words
        unlike_pairs = zip(b[unlike].tolist(), j[unlike].tolist(), strict=True)
        state.names_paired.update((words.bank(p), words.book(q)) for p, q in unlike_pairs)
    return state.names_paired


def _match_nearest_of_one_channel(
    state: _Ledgerbook, b: npt.NDArray[np.int64], j: npt.NDArray[np.int64]
) -> None:
    """Pairs of equal amount whose names read unlike (kept apart above), both lines still free and
    naming the same channel: a pair at most a day apart is taken when each line is the other's one
    nearest such line (no other at as few days) — a customer paying from a relative's UPI app, an
    ATM withdrawal the bank labels with its town, a transfer from a partner's own account."""
    free = state.bank_free[b] & state.book_free[j]
    b, j = b[free], j[free]
    if len(b) == 0:
        return
    same = _same_channel(state, b, j)
    b, j = b[same], j[same]
    if len(b) == 0:
        return
    gap = np.abs(line_days(state.bank)[b] - line_days(state.book)[j])
    near = gap <= NEAREST_OF_CHANNEL_DAYS
    b, j, gap = b[near], j[near], gap[near]
    nearest = _unique_nearest(b, gap) & _unique_nearest(j, gap)
    pairs = list(zip(b[nearest].tolist(), j[nearest].tolist(), strict=True))
    state.take_pairs(pairs, "amount-channel", [NEAREST_OF_CHANNEL_CONFIDENCE] * len(pairs))


def _unique_nearest(line: npt.NDArray[np.int64], gap: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether each pair is its line's one pair of fewest days (no other pair of that line as near)."""
    order = np.lexsort((gap, line))
    first = np.ones(len(order), dtype=bool)
    first[1:] = line[order][1:] != line[order][:-1]
    tied = np.zeros(len(order), dtype=bool)
    tied[:-1] = ~first[1:] & (gap[order][1:] == gap[order][:-1])
    unique = np.zeros(len(line), dtype=bool)
    unique[order] = first & ~tied
    return unique


def _match_splits(state: _Ledgerbook, window_days: int) -> None:
    """One line on one side equal to the sum of 2–4 free lines on the other (:mod:`.splits`): a bank
    line for book lines (deposit slips, bulk uploads), a book line for bank lines, each side again
    while the other finds some. A line that names a party is split only into lines naming a like
    party (a customer's one transfer for two invoices). A clearing credit (a line naming cheques)
    is split first into lines naming cheques (a slip holds only cheques, and the books say which
    receipts were cheques), and only then into lines naming no channel: fewer lines to choose from,
    fewer sets that add up by chance."""
    settled_together = True
    while settled_together:  # lines slips take together may decide other splits, and other slips
        undecided: tuple[set[int], set[int]] = (set(), set())  # bank, book: several sets add up
        for same_channel_only in (True, False):
            _match_splits_once(state, window_days, same_channel_only=same_channel_only, undecided=undecided)
        settled_together = _match_slips_together(state, window_days)


def _match_slips_together(state: _Ledgerbook, window_days: int) -> bool:
    """The clearing credits still open, each with every set of free cheques it could hold: a credit
    takes its set when every way of explaining the most of them at once gives it that set
    (:mod:`.cover`). A credit naming a party ("BY CLG-SHARMA ENTERPR") is that party's cheque, no
    slip: it is left to the passes that read names. Whether any credit took its set."""
    bank_cheques = (state.words.channels(bank=True) & CHEQUE) != 0
    book_cheques = (state.words.channels(bank=False) & CHEQUE) != 0
    amounts = state.bank["amount"].to_numpy()
    positions = np.flatnonzero(state.bank_free & bank_cheques & (amounts > 0))
    positions = positions[[not state.words.bank(p) for p in positions.tolist()]]  # a party's cheque
    if len(positions) == 0:
        return False
    days = line_days(state.bank)[positions]
    targets = list(zip(positions.tolist(), days.tolist(), amounts[positions].tolist(), strict=True))
    search = SplitSearch(window_days=window_days, before=True, max_options=JOINT_OPTIONS)
    book_amounts = state.book["amount"].to_numpy()
    usable = state.book_free & book_cheques
    options = every_subset(targets, line_days(state.book), book_amounts, usable, search)
    settled = settle_jointly(options, settled=state.slips_settled)
    for p, chosen in settled.items():
        state.take([p], list(chosen), "split-together", SPLIT_TOGETHER_CONFIDENCE)
    return bool(settled)


def _match_splits_once(
    state: _Ledgerbook, window_days: int, *, same_channel_only: bool, undecided: tuple[set[int], set[int]]
) -> None:
    """One round of :func:`_match_splits`: clearing credits into cheques only (``same_channel_only``;
    those left with several sets go into ``undecided``), or every line, less those undecided."""
    words = state.words
    idle = 0  # sides searched in a row without finding anything
    for one_side in itertools.cycle(("bank", "book")):
        if idle == 2:
            return
        ones, many = (state.bank, state.book) if one_side == "bank" else (state.book, state.bank)
        ones_free, many_free = (
            (state.bank_free, state.book_free) if one_side == "bank" else (state.book_free, state.bank_free)
        )
        positions = _free_positions(ones_free)
        days, amounts = line_days(ones)[positions], ones["amount"].to_numpy()[positions]
        targets = list(zip(positions.tolist(), days.tolist(), amounts.tolist(), strict=True))
        search = SplitSearch(window_days=window_days, before=one_side == "bank")
        bank_side = one_side == "bank"
        prefixes = _WordStarts(words, _free_positions(many_free), bank=not bank_side)

        def named_alike(
            p: int,
            lines: npt.NDArray[np.int64],
            bank_side: bool = bank_side,
            prefixes: _WordStarts = prefixes,
        ) -> npt.NDArray[np.bool_]:
            named = words.bank(p) if bank_side else words.book(p)
            if not named:
                return np.ones(len(lines), dtype=bool)
            maybe = prefixes.among(lines, max(named, key=len))  # a word starting alike
            for i in np.flatnonzero(maybe).tolist():
                j = int(lines[i])
                maybe[i] = _like(named, words.book(j) if bank_side else words.bank(j), bank_side)
            return maybe

        own_channels, many_channels = words.channels(bank=bank_side), words.channels(bank=not bank_side)

        def compatible(
            p: int,
            lines: npt.NDArray[np.int64],
            named_alike: Callable[[int, npt.NDArray[np.int64]], npt.NDArray[np.bool_]] = named_alike,
            own_channels: npt.NDArray[np.int64] = own_channels,
            many_channels: npt.NDArray[np.int64] = many_channels,
        ) -> npt.NDArray[np.bool_]:
            # a line naming another channel only (NEFT in a cheque slip) is no part of the split
            theirs = many_channels[lines]
            mine = own_channels[p]
            fits: npt.NDArray[np.bool_] = ((theirs & mine) != 0) | (mine == 0)
            if not same_channel_only:
                fits |= theirs == 0
            if fits.any():
                fits[fits] = named_alike(p, lines[fits])
            return fits

        named = {
            p for p, _, _ in targets if own_channels[p] or (words.bank(p) if bank_side else words.book(p))
        }
        left_open = undecided[0] if bank_side else undecided[1]
        if same_channel_only:  # the first round: clearing credits, into cheques only
            targets = [t for t in targets if own_channels[t[0]] & CHEQUE]
        else:  # …several sets of cheques add up already: more lines to choose from cannot tell
            targets = [t for t in targets if t[0] not in left_open]
        found = find_splits(
            targets, line_days(many), many["amount"].to_numpy(), many_free,
            search=search, compatible=compatible, named=named,
            undecided=left_open if same_channel_only else None,
            memo=state.split_memos.setdefault((one_side, same_channel_only), SplitMemo()),
        )  # fmt: skip
        idle = 0 if found else idle + 1
        for p, chosen in found:
            bank_pos, book_pos = ([p], chosen) if bank_side else (chosen, [p])
            state.take(bank_pos, book_pos, "split", 0.8)


class _WordStarts:
    """Which of some lines have a party word starting with given letters (an index of the first
    four letters of their words), for a quick first look."""

    def __init__(self, words: PartyWords, positions: npt.NDArray[np.int64], *, bank: bool) -> None:
        self._words, self._positions, self._bank = words, positions, bank
        self._index: dict[str, npt.NDArray[np.int64]] | None = None

    def among(self, lines: npt.NDArray[np.int64], word: str) -> npt.NDArray[np.bool_]:
        """Which of ``lines`` have a party word starting with ``word``'s first four letters."""
        if self._index is None:
            found: dict[str, list[int]] = {}
            for p in self._positions.tolist():  # in increasing order: each list comes sorted
                for start in {w[:4] for w in (self._words.bank(p) if self._bank else self._words.book(p))}:
                    found.setdefault(start, []).append(p)
            self._index = {start: np.array(ps, dtype=np.int64) for start, ps in found.items()}
        holders = self._index.get(word[:4])
        if holders is None:
            return np.zeros(len(lines), dtype=bool)
        at = np.minimum(np.searchsorted(holders, lines), len(holders) - 1)
        held: npt.NDArray[np.bool_] = holders[at] == lines
        return held


def _like(named: tuple[str, ...], other: tuple[str, ...], bank_named: bool) -> bool:
    """Whether a line's party words read like those the split's one line names (bank or book)."""
    likeness = party_similarity(named, other) if bank_named else party_similarity(other, named)
    return likeness >= SPLIT_PARTY_LIKENESS


class PartyWords:
    """Each line's upper-cased text and party words (:func:`~.parties.party_words`, less each side's
    :func:`~.parties.boilerplate`), worked out once."""

    def __init__(self, bank: pd.DataFrame, book: pd.DataFrame) -> None:
        self._descriptions = bank["description"].to_numpy()
        self._narrations = book["narration"].to_numpy()
        self._parties = book["party"].to_numpy()
        self._boilerplate: tuple[frozenset[str], frozenset[str]] | None = None
        self._channels: list[npt.NDArray[np.int64] | None] = [None, None]
        self._bank: dict[int, tuple[str, ...]] = {}
        self._book: dict[int, tuple[str, ...]] = {}
        self._bank_text: dict[int, str] = {}
        self._book_text: dict[int, str] = {}

    def bank_text(self, p: int) -> str:
        if p not in self._bank_text:
            self._bank_text[p] = str(self._descriptions[p]).upper()
        return self._bank_text[p]

    def book_text(self, p: int) -> str:
        if p not in self._book_text:
            self._book_text[p] = f"{self._narrations[p]} {self._parties[p]}".upper()
        return self._book_text[p]

    def boilerplate(self) -> tuple[frozenset[str], frozenset[str]]:
        if self._boilerplate is None:
            self._boilerplate = boilerplate(self._descriptions.tolist(), self._book_texts())
        return self._boilerplate

    def _book_texts(self) -> list[str]:
        return [f"{n} {p}" for n, p in zip(self._narrations, self._parties, strict=True)]

    def channels(self, *, bank: bool) -> npt.NDArray[np.int64]:
        """Every line's payment channels (:func:`~.channels.channel_masks`) on one side."""
        side = 0 if bank else 1
        if self._channels[side] is None:
            texts = self._descriptions.tolist() if bank else self._book_texts()
            self._channels[side] = channel_masks([str(t) for t in texts])
        masks = self._channels[side]
        assert masks is not None
        return masks

    def bank(self, p: int) -> tuple[str, ...]:
        if p not in self._bank:
            own = self.boilerplate()[0]
            self._bank[p] = tuple(w for w in party_words(self.bank_text(p)) if w not in own)
        return self._bank[p]

    def book(self, p: int) -> tuple[str, ...]:
        if p not in self._book:
            own = self.boilerplate()[1]
            self._book[p] = tuple(w for w in party_words(self.book_text(p)) if w not in own)
        return self._book[p]
