"""One line on one side equal to 2–4 lines on the other: deposit slips and bulk payments.

A deposit slip gathers cheques received over the days before it is paid in, and the bank credits
their total as one line; a bulk upload pays several book lines in one debit; a bank may split one
book payment into several. For one line (the *target*: amount ``A``, day ``d``):

- its *candidates* are the other side's free lines of its sign, each smaller than ``A``, dated on
  the side a split's lines come from: for a bank line, book lines from ``window + span`` days
  before ``d`` up to ``d`` (the cheques are entered before the bank credits them); for a book line,
  bank lines from ``d`` up to ``window + span`` days after;
- its *subsets* are the sets of 2–4 candidates adding up to ``A`` exactly and lying at most
  ``span`` days apart. With at most ``candidates`` candidates all of them are listed (every subset
  summed when few, met in the middle when more: :func:`all_subsets`). A *crowded* target (more
  candidates, or more than ``scan_limit`` lines of its sign in its day range) is first searched
  whole over up to ``wide`` candidates, and takes its subset when exactly one adds up; else it is
  searched only date by date on its last ``crowded_days`` days, each date's first ``per_date``
  lines in the order they were entered — a slip of cheques entered together and cleared within
  three days; each date's subsets are summed once for all the targets looking at it
  (:class:`DateGroups`).

Equal sums are common (round amounts, a fortnight of cheques to choose from), so a target is
matched only when the choice is forced: a target with exactly one subset takes it, the subsets of
other targets that share a line with it drop out, which may leave another target with one, and so
on (:func:`settle`, constraint propagation as in a sudoku). A target left with several subsets, or
with more than ``max_options``, stays unmatched: which is right, the amounts cannot tell. Targets
whose candidates changed are listed again until nothing more is found, so that searching again over
what is left finds nothing.

The work is bounded per target — at most 32,640 pair sums and as many look-ups (256 candidates), and
781 sums per crowded date (12 lines) shared by its targets — so the time grows with the number of
lines, not with how crowded they are.

Three cheques entered on days 0, 3 and 9 make up the credit of day 12; the cheque of day 20 came
later, and 75 + 250 + 400 + 25 is not 750:

>>> days = np.array([0, 3, 9, 10, 20])
>>> amounts = np.array([100, 250, 400, 75, 50])
>>> search = SplitSearch(window_days=7, before=True)
>>> find_splits([(0, 12, 750)], days, amounts, np.ones(5, dtype=bool), search=search)
[(0, [0, 1, 2])]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from addin.engine.reconciliation.ranges import spread

Indices = npt.NDArray[np.int64]
Target = tuple[int, int, int]  # (label, day, amount)
Subset = tuple[int, ...]  # line indices, in date order
MAX_LINES = 4  # at most this many lines on the "many" side of a split
_BATCH_SUMS = 1 << 21  # sums computed at a time (16 MB of int64)
_KEY_STRIDE = 1 << 48  # a date group's sums as one sorted key: group × stride + sum (|sum| < 2⁴⁷)
KEPT_OPTIONS = 8  # a wide search keeps this many times max_options subsets (answers beyond: too many)
_SUMMED_WHOLE = 16  # targets with at most this many candidates have every subset summed (2,516)


@dataclass(frozen=True)
class SplitSearch:
    """The bounds of a split search. ``before``: whether the split's many lines come before its one
    line (a slip's book lines before the bank's credit), else after (a book payment the bank splits)."""

    window_days: int
    before: bool
    span_days: int = 10  # the lines of one split lie at most this many days apart
    candidates: int = 64  # a target with more candidates is crowded: its dates are searched apart
    wide: int = 256  # …but first searched whole over up to this many, and its one subset there taken
    scan_limit: int = 128  # a target with more lines of its sign in its day range: crowded at a glance
    per_date: int = 12  # a crowded target's candidates searched on one date (the first entered)
    crowded_days: int = 3  # a crowded target's dates searched: this many days up to its own
    max_options: int = 32  # subsets listed per target at most: beyond, the target is left alone

    def day_range(self, day: int) -> tuple[int, int]:
        """The first and last day a target's candidates may carry."""
        reach = self.window_days + self.span_days
        return (day - reach, day) if self.before else (day, day + reach)


@dataclass
class SplitMemo:
    """What a search found for each target — its candidates and their subsets, and the same of its
    whole wide search — kept between searches over the same lines as they are taken: a target whose
    candidates are those it had, or fewer of them, is not searched again (the same answer)."""

    listed: dict[int, tuple[Indices | None, list[Subset] | None]] = field(default_factory=dict)
    wide_seen: dict[int, tuple[Indices, list[Subset] | None]] = field(default_factory=dict)


def find_splits(
    targets: Sequence[Target],
    days: npt.NDArray[np.int64],
    amounts: npt.NDArray[np.int64],
    free: npt.NDArray[np.bool_],
    *,
    search: SplitSearch,
    compatible: Callable[[int, Indices], npt.NDArray[np.bool_]] | None = None,
    named: Collection[int] = (),
    undecided: set[int] | None = None,
    memo: SplitMemo | None = None,
) -> list[tuple[int, list[int]]]:
    """The splits of ``targets`` — (label, day, amount) each — among the lines ``days`` /
    ``amounts`` marked ``free`` (not changed): (label, line indices), in (day, label) order, no line
    twice. For the targets ``named``, ``compatible(label, lines)`` narrows the candidates (say, to
    lines naming the party the target names). ``undecided``, when given, receives the targets left
    with several subsets of free lines (or too many to list): more candidates cannot decide them.
    ``memo``: what earlier searches over the same lines (fewer of them free now) found; only lines
    are taken between searches that share a memo, never freed."""
    free = free.copy()
    order = np.argsort(days, kind="stable")
    order = order[free[order]]  # the lines free now, in date order
    sorted_days = days[order]
    signs = np.sign(amounts[order])
    by_sign = {sign: order[signs == sign] for sign in (1, -1)}
    pending = _searchable(targets, sorted_days, signs, search)
    memo = SplitMemo() if memo is None else memo
    listed = memo.listed  # candidates, their subsets
    wide_seen = memo.wide_seen  # the same, of whole wide searches
    found: dict[int, Subset] = {}
    stale = pending  # the targets whose candidates may have changed
    while stale:
        searches: list[tuple[Target, Indices | None]] = []
        for target, (lo, hi, count) in zip(stale, _ranges(stale, by_sign, days, free, search), strict=True):
            label, _, amount = target
            if count > search.scan_limit and label not in named:
                searches.append((target, None))  # crowded, without looking closer
                continue
            lines = by_sign[1 if amount > 0 else -1][lo:hi]
            lines = lines[free[lines] & (np.abs(amounts[lines]) < abs(amount))]
            if compatible is not None and label in named and len(lines) >= 2:
                lines = lines[compatible(label, lines)]
            seen = listed.get(label)
            if seen is not None and seen[0] is not None and np.array_equal(seen[0], lines):
                continue
            fewer = None if seen is None else _without_lines_gone(seen, lines, search)
            if fewer is None:
                searches.append((target, lines))
            else:
                listed[label] = (lines, fewer)
        dates = DateGroups(order, sorted_days, free, amounts, search.per_date)
        for (target, lines), subsets in zip(
            searches, _list(searches, days, amounts, search, dates, wide_seen=wide_seen), strict=True
        ):
            listed[target[0]] = (lines, subsets)
        settled = settle({t[0]: listed[t[0]][1] or [] for t in pending if t[0] in listed})
        if not settled:
            break
        taken = np.array(sorted(line for lines in settled.values() for line in lines), dtype=np.int64)
        found.update(settled)
        free[taken] = False
        pending = [t for t in pending if t[0] not in found]
        stale = _touched(pending, days[taken], np.sign(amounts[taken]), search)
    if undecided is not None:
        undecided.update(
            label
            for label, (_, subsets) in ((t[0], listed[t[0]]) for t in pending if t[0] in listed)
            if (subsets is None or sum(bool(free[list(subset)].all()) for subset in subsets) >= 2)
        )
    rank = {t[0]: (t[1], t[0]) for t in targets}
    return sorted(((label, list(lines)) for label, lines in found.items()), key=lambda f: rank[f[0]])


def _without_lines_gone(
    seen: tuple[Indices | None, list[Subset] | None], lines: Indices, search: SplitSearch
) -> list[Subset] | None:
    """A target's subsets once some of its candidates are gone: those of the subsets it had that
    use none of them, when it had listed all of them over fewer lines than ``candidates``; else
    None (list them again)."""
    before, subsets = seen
    if (
        before is None
        or subsets is None
        or len(before) > search.candidates
        or not np.isin(lines, before).all()
    ):
        return None
    kept = set(lines.tolist())
    return [subset for subset in subsets if kept.issuperset(subset)]


def _ranges(
    targets: Sequence[Target],
    by_sign: dict[int, Indices],
    days: npt.NDArray[np.int64],
    free: npt.NDArray[np.bool_],
    search: SplitSearch,
) -> list[tuple[int, int, int]]:
    """For each target: where its day range starts and ends among the lines of its sign (in date
    order), and how many of those are free now — for all targets at once."""
    result: list[tuple[int, int, int]] = [(0, 0, 0)] * len(targets)
    first, last = search.day_range(0)
    for sign, lines in by_sign.items():
        mine = [i for i, t in enumerate(targets) if (t[2] > 0) == (sign > 0)]
        if not mine:
            continue
        target_days = np.array([targets[i][1] for i in mine], dtype=np.int64)
        line_days = days[lines]
        lo = np.searchsorted(line_days, target_days + first, "left")
        hi = np.searchsorted(line_days, target_days + last, "right")
        free_before = np.concatenate(([0], np.cumsum(free[lines])))
        for i, a, b, n in zip(
            mine, lo.tolist(), hi.tolist(), (free_before[hi] - free_before[lo]).tolist(), strict=True
        ):
            result[i] = (a, b, n)
    return result


def _touched(targets: Sequence[Target], days: Indices, signs: Indices, search: SplitSearch) -> list[Target]:
    """The targets with a line of their sign, among those at ``days``, inside their day range."""
    touched = []
    for sign in (1, -1):
        mine = np.sort(days[signs == sign])
        if len(mine) == 0:
            continue
        of_sign = [t for t in targets if (t[2] > 0) == (sign > 0)]
        if not of_sign:
            continue
        first, last = search.day_range(0)
        target_days = np.array([t[1] for t in of_sign], dtype=np.int64)
        inside = np.searchsorted(mine, target_days + last, "right") > np.searchsorted(
            mine, target_days + first, "left"
        )
        touched += [t for t, hit in zip(of_sign, inside.tolist(), strict=True) if hit]
    return sorted(touched, key=lambda t: (t[1], t[0]))


def _searchable(
    targets: Sequence[Target], sorted_days: Indices, sorted_signs: Indices, search: SplitSearch
) -> list[Target]:
    """The targets with at least two lines of their sign in their day range (counted for all at
    once), in (day, label) order."""
    if not targets:
        return []
    labels, days, amounts = (np.array(column, dtype=np.int64) for column in zip(*targets, strict=True))
    first, last = search.day_range(0)
    enough = np.zeros(len(labels), dtype=bool)
    for sign in (1, -1):
        mine = sorted_days[sorted_signs == sign]
        count = np.searchsorted(mine, days + last, "right") - np.searchsorted(mine, days + first, "left")
        enough |= (np.sign(amounts) == sign) & (count >= 2)
    keep = np.flatnonzero(enough)
    keep = keep[np.lexsort((labels[keep], days[keep]))]
    return list(zip(labels[keep].tolist(), days[keep].tolist(), amounts[keep].tolist(), strict=True))


def _list(
    searches: Sequence[tuple[Target, Indices | None]],
    days: npt.NDArray[np.int64],
    amounts: npt.NDArray[np.int64],
    search: SplitSearch,
    dates: DateGroups,
    *,
    wide_seen: dict[int, tuple[Indices, list[Subset] | None]] | None = None,
) -> list[list[Subset] | None]:
    """Each target's subsets: over all its candidates when they are at most ``candidates`` (few:
    every subset summed, all such targets at once; more: :func:`all_subsets`); else, crowded (or
    None for candidates: crowded at a glance), over each date of its last days apart
    (:class:`DateGroups`) — unless, with at most ``wide`` candidates, exactly one subset of them all
    adds up (then that one: the amounts decide, the dates need not)."""
    result: list[list[Subset] | None] = [[] for _ in searches]
    seen = {} if wide_seen is None else wide_seen
    few: list[tuple[Target, Indices]] = []
    few_owners: list[int] = []
    crowded: list[tuple[int, Target]] = []
    for i, (target, lines) in enumerate(searches):
        if lines is not None and search.candidates < len(lines) <= search.wide:
            whole = _whole_wide(target, lines, days, amounts, search=search, seen=seen)
            if whole is not None and len(whole) == 1:
                result[i] = whole
                continue
        if lines is None or len(lines) > search.candidates:
            crowded.append((i, target))
        elif len(lines) < 2:
            continue
        elif len(lines) <= _SUMMED_WHOLE:
            few.append((target, lines))
            few_owners.append(i)
        else:
            result[i] = all_subsets(lines, days, amounts, target[2], search)
    for i, subsets in zip(few_owners, list_subsets(few, days, amounts, search), strict=True):
        result[i] = subsets
    for i, subsets in dates.subsets(crowded, search).items():
        result[i] = subsets
    return result


def _whole_wide(
    target: Target,
    lines: Indices,
    days: npt.NDArray[np.int64],
    amounts: npt.NDArray[np.int64],
    *,
    search: SplitSearch,
    seen: dict[int, tuple[Indices, list[Subset] | None]],
) -> list[Subset] | None:
    """:func:`all_subsets` of a wide target, kept: searched again over fewer of the same lines, its
    subsets are those it had that use none of the lines gone (the same as searching again). Up to
    ``KEPT_OPTIONS`` times ``max_options`` subsets are kept, so that a target with too many now can
    be answered without a search when lines are taken (a bulk payment among a month's payments)."""
    before = seen.get(target[0])
    if before is not None and before[1] is not None and np.isin(lines, before[0]).all():
        kept = set(lines.tolist())
        whole: list[Subset] | None = [subset for subset in before[1] if kept.issuperset(subset)]
    else:
        wider = replace(search, max_options=search.max_options * KEPT_OPTIONS)
        whole = all_subsets(lines, days, amounts, target[2], wider)
    seen[target[0]] = (lines, whole)
    return None if whole is None or len(whole) > search.max_options else whole


class DateGroups:
    """For crowded targets: each date's first ``per_date`` free lines of a sign (in the order they
    were entered — a slip's cheques are entered together), every subset of each summed once however
    many targets look at that date. A subset adding up to a target is its subset on that date."""

    def __init__(
        self,
        order: Indices,
        sorted_days: Indices,
        free: npt.NDArray[np.bool_],
        amounts: Indices,
        per_date: int,
    ) -> None:
        self._order, self._sorted_days, self._free, self._amounts = order, sorted_days, free, amounts
        self._per_date = per_date

    def _group(self, day: int, sign: int) -> Indices:
        lines = self._order[
            np.searchsorted(self._sorted_days, day, "left") : np.searchsorted(self._sorted_days, day, "right")
        ]
        group: Indices = lines[self._free[lines] & (np.sign(self._amounts[lines]) == sign)]
        return group[: self._per_date]

    def subsets(
        self, crowded: Sequence[tuple[int, Target]], search: SplitSearch
    ) -> dict[int, list[Subset] | None]:
        """(index, target) of crowded targets → their subsets on single dates of their window."""
        if not crowded:
            return {}
        target_days = np.array([t[1] for _, t in crowded], dtype=np.int64)
        goals = np.array([t[2] for _, t in crowded], dtype=np.int64)
        reach = min(search.crowded_days, search.window_days)
        offsets = np.arange(reach + 1) - (reach if search.before else 0)
        asked_days = (target_days[:, None] + offsets[None, :]).ravel()
        asked_signs = np.repeat(np.sign(goals), len(offsets))
        keys, group_of_query = np.unique(
            np.stack((asked_days, asked_signs), axis=1), axis=0, return_inverse=True
        )
        groups = [self._group(int(day), int(sign)) for day, sign in keys.tolist()]
        sums, group_of, members = _all_sums(groups, self._amounts)
        if len(sums) and int(np.abs(sums).max()) >= _KEY_STRIDE // 2:  # beyond ₹7 lakh crore: not keyed
            return {i: None for i, _ in crowded}
        order = np.lexsort((sums, group_of))
        sorted_keys = group_of[order] * _KEY_STRIDE + sums[order]
        wanted = group_of_query.ravel().astype(np.int64) * _KEY_STRIDE + np.repeat(goals, len(offsets))
        lo = np.searchsorted(sorted_keys, wanted, "left")
        query, at = spread(lo, np.searchsorted(sorted_keys, wanted, "right") - lo)
        hits = order[at]
        found: dict[int, list[Subset] | None] = {i: [] for i, _ in crowded}
        for q, hit in zip((query // len(offsets)).tolist(), hits.tolist(), strict=True):
            i = crowded[q][0]
            listed = found[i]
            if listed is not None:
                listed.append(tuple(int(line) for line in members[hit] if line >= 0))
                if len(listed) > search.max_options:
                    found[i] = None
        return found


def _all_sums(groups: Sequence[Indices], amounts: Indices) -> tuple[Indices, Indices, Indices]:
    """Every 2–4 subset of each group: its sum, its group, its lines (rows of 4 padded with -1)."""
    sums, group_of, members = (
        [np.zeros(0, dtype=np.int64)],
        [np.zeros(0, dtype=np.int64)],
        [np.zeros((0, 4), dtype=np.int64)],
    )
    by_size: dict[int, list[int]] = {}
    for g, lines in enumerate(groups):
        if len(lines) >= 2:
            by_size.setdefault(len(lines), []).append(g)
    for size, ids in by_size.items():
        lines = np.stack([groups[g] for g in ids])
        combos = _combinations(size)
        padded = np.concatenate((lines, np.full((len(ids), 1), -1)), axis=1)
        values = np.concatenate((amounts[lines], np.zeros((len(ids), 1), dtype=np.int64)), axis=1)
        sums.append(values[:, combos].sum(axis=2).ravel())
        group_of.append(np.repeat(np.array(ids, dtype=np.int64), len(combos)))
        members.append(padded[:, combos].reshape(-1, 4))
    return np.concatenate(sums), np.concatenate(group_of), np.concatenate(members)


def all_subsets(
    lines: Indices,
    days: npt.NDArray[np.int64],
    amounts: npt.NDArray[np.int64],
    goal: int,
    search: SplitSearch,
) -> list[Subset] | None:
    """Every subset of ``lines`` (in date order) adding up to ``goal`` whose lines lie at most
    ``span`` days apart; None when there are more than ``max_options``.

    Met in the middle: the pair sums sorted once; a pair is a sum equal to the goal, a triple a line
    and a pair (the line after the pair's two), a quadruple two pairs (the first two lines, the last
    two) with the first sum at most half the goal.

    >>> all_subsets(np.arange(4), np.array([1, 2, 3, 4]), np.array([10, 20, 5, 15]), 30, SplitSearch(7, True))
    [(0, 1), (0, 2, 3)]
    """
    line_days, values = days[lines], amounts[lines]
    first, second = _pairs(len(lines))
    close = np.abs(line_days[first] - line_days[second]) <= search.span_days
    sums = values[first[close]] + values[second[close]]
    order = np.argsort(sums, kind="stable")
    sums, first, second = sums[order], first[close][order], second[close][order]
    pad = np.full(len(first), -1)
    found = [np.stack((first, second, pad, pad), axis=1)[sums == goal]]
    budget = search.max_options * 6  # each subset is met up to six ways
    hits = _equal_sums_sorted(sums, goal - values, budget)
    if hits is None:
        return None
    line, pair = hits
    keep = second[pair] < line
    found.append(np.stack((first[pair], second[pair], line, np.full(len(line), -1)), axis=1)[keep])
    half = int(np.searchsorted(sums, goal // 2 + 1, "left"))  # the sums up to half the goal
    hits = _equal_sums_sorted(sums, goal - sums[:half], budget)
    if hits is None:
        return None
    left, right = hits
    keep = (sums[right] != sums[left]) | (right > left)  # two equal sums: each pair of them once
    swap = second[left] >= first[right]
    left, right = np.where(swap, right, left), np.where(swap, left, right)
    keep &= second[left] < first[right]
    found.append(np.stack((first[left], second[left], first[right], second[right]), axis=1)[keep])
    subsets = np.concatenate(found)
    member_days = np.where(subsets >= 0, line_days[np.maximum(subsets, 0)], line_days[subsets[:, :1]])
    subsets = subsets[member_days.max(axis=1) - member_days.min(axis=1) <= search.span_days]
    if len(subsets) > search.max_options:
        return None
    return [tuple(int(lines[i]) for i in sorted(row) if i >= 0) for row in subsets.tolist()]


def _equal_sums_sorted(sums: Indices, wanted: Indices, budget: int) -> tuple[Indices, Indices] | None:
    """(query, position) of every sum in the sorted ``sums`` equal to a query's ``wanted`` value;
    None when there are more than ``budget``."""
    lo = np.searchsorted(sums, wanted, "left")
    counts = np.searchsorted(sums, wanted, "right") - lo
    if int(counts.sum()) > budget:
        return None
    return spread(lo, counts)


def list_subsets(
    searches: Sequence[tuple[Target, Indices]],
    days: npt.NDArray[np.int64],
    amounts: npt.NDArray[np.int64],
    search: SplitSearch,
) -> list[list[Subset] | None]:
    """For each (target, its candidate lines in date order): its subsets, or None when it has more
    than ``max_options``. Targets with as many candidates are summed together, in batches.

    >>> search = SplitSearch(window_days=7, before=True)
    >>> days, amounts = np.array([1, 2, 3, 4]), np.array([10, 20, 5, 15])
    >>> list_subsets([((0, 9, 30), np.array([0, 1, 2, 3]))], days, amounts, search)
    [[(0, 1), (0, 2, 3)]]
    """
    result: list[list[Subset] | None] = [[] for _ in searches]
    by_size: dict[int, list[int]] = {}
    for i, (_, lines) in enumerate(searches):
        if len(lines) >= 2:
            by_size.setdefault(len(lines), []).append(i)
    for size, members in by_size.items():
        combos = _combinations(size)
        batch = max(1, _BATCH_SUMS // len(combos))
        for start in range(0, len(members), batch):
            part = members[start : start + batch]
            lines = np.stack([searches[i][1] for i in part])
            goals = np.array([searches[i][0][2] for i in part], dtype=np.int64)
            rows, columns = _equal_sums(amounts[lines], goals)
            members_of = combos[columns]  # (hits, 4) candidate positions, `size` for none
            padded = np.concatenate((lines, np.full((len(part), 1), -1)), axis=1)
            hit_lines = padded[rows[:, None], members_of]
            hit_days = np.where(hit_lines >= 0, days[np.maximum(hit_lines, 0)], days[hit_lines[:, :1]])
            close = hit_days.max(axis=1) - hit_days.min(axis=1) <= search.span_days
            for row, subset in zip(rows[close].tolist(), hit_lines[close].tolist(), strict=True):
                listed = result[part[row]]
                if listed is not None:
                    listed.append(tuple(line for line in subset if line >= 0))
                    if len(listed) > search.max_options:
                        result[part[row]] = None
    return result


def _equal_sums(values: Indices, goals: Indices) -> tuple[Indices, Indices]:
    """(row, subset) of every 2–4 subset of a row of ``values`` adding up to the row's goal, the
    subsets numbered as in :func:`_combinations`. Pairs are summed once: a triple is a pair sum and a
    value, a quadruple two pair sums."""
    pairs, triple_pairs, triple_values, quad_left, quad_right = _subset_parts(values.shape[1])
    pair_sums = values[:, pairs[:, 0]] + values[:, pairs[:, 1]]
    sums = np.concatenate(
        (
            pair_sums,
            pair_sums[:, triple_pairs] + values[:, triple_values],
            pair_sums[:, quad_left] + pair_sums[:, quad_right],
        ),
        axis=1,
    )
    rows, columns = np.nonzero(sums == goals[:, None])
    return rows.astype(np.int64), columns.astype(np.int64)


@lru_cache(maxsize=256)
def _pairs(size: int) -> tuple[Indices, Indices]:
    """Every pair i < j of range(size), as two index columns."""
    first, second = np.triu_indices(size, k=1)
    return first.astype(np.int64), second.astype(np.int64)


@lru_cache(maxsize=64)
def _combinations(size: int) -> Indices:
    """The 2–4 subsets of range(size): pairs, then triples, then quadruples, each in index order,
    as rows of 4 padded with ``size``."""
    first, second = _pairs(size)
    rows = [np.stack((first, second, np.full_like(first, size), np.full_like(first, size)), axis=1)]
    _, triple_pairs, triple_values, quad_left, quad_right = _subset_parts(size)
    pair_rows = rows[0]
    rows.append(
        np.concatenate(
            (pair_rows[triple_pairs, :2], triple_values[:, None], np.full((len(triple_values), 1), size)),
            axis=1,
        )
    )
    rows.append(np.concatenate((pair_rows[quad_left, :2], pair_rows[quad_right, :2]), axis=1))
    return np.concatenate(rows).astype(np.int64)


@lru_cache(maxsize=64)
def _subset_parts(size: int) -> tuple[Indices, Indices, Indices, Indices, Indices]:
    """For ``size`` values: the pairs (i < j); each triple (i < j < k) as (pair ij, value k); each
    quadruple (i < j < k < l) as (pair ij, pair kl)."""
    first, second = _pairs(size)
    pairs = np.stack((first, second), axis=1)
    pair_index = np.full((size, size), -1, dtype=np.int64)
    pair_index[first, second] = np.arange(len(first))
    triple_pairs = [pair_index[i, j] for i, j in pairs.tolist() for _ in range(j + 1, size)]
    triple_values = [k for _, j in pairs.tolist() for k in range(j + 1, size)]
    quads = [
        (pair_index[i, j], pair_index[k, m]) for i, j in pairs.tolist() for k, m in pairs.tolist() if j < k
    ]
    quad_array = np.array(quads, dtype=np.int64).reshape(-1, 2)
    return (
        pairs,
        np.array(triple_pairs, dtype=np.int64),
        np.array(triple_values, dtype=np.int64),
        quad_array[:, 0].copy(),
        quad_array[:, 1].copy(),
    )


def settle(options: dict[int, list[Subset]]) -> dict[int, Subset]:
    """Targets with exactly one subset take it, repeatedly, as the lines they take rule out the
    subsets of others (constraint propagation, as in a sudoku).

    >>> settle({1: [(10, 11)], 2: [(11, 12), (13, 14)], 3: [(13, 14), (15,)]})
    {1: (10, 11), 2: (13, 14), 3: (15,)}
    """
    holders: dict[int, set[int]] = {}  # line → targets with a subset using it
    for label, subsets in options.items():
        for subset in subsets:
            for line in subset:
                holders.setdefault(line, set()).add(label)
    options = {label: list(subsets) for label, subsets in options.items()}
    chosen: dict[int, Subset] = {}
    ready = sorted(label for label, subsets in options.items() if len(subsets) == 1)
    while ready:
        label = ready.pop(0)
        if label in chosen or len(options[label]) != 1:
            continue
        (subset,) = options[label]
        chosen[label] = subset
        taken = set(subset)
        for other in sorted({o for line in subset for o in holders.get(line, ())} - {label}):
            if other not in chosen:
                options[other] = [s for s in options[other] if not taken.intersection(s)]
                if len(options[other]) == 1:
                    ready.append(other)
    return dict(sorted(chosen.items()))


def every_subset(
    targets: Sequence[Target],
    days: npt.NDArray[np.int64],
    amounts: npt.NDArray[np.int64],
    usable: npt.NDArray[np.bool_],
    search: SplitSearch,
) -> dict[int, list[Subset]]:
    """Each target's subsets over all the ``usable`` lines of its sign in its day range, smaller
    than it (:func:`all_subsets`); a target with more than ``wide`` such lines, or more than
    ``max_options`` subsets, is left out — its list would not be whole.

    >>> every_subset([(7, 12, 750)], np.array([0, 3, 9, 10]), np.array([100, 250, 400, 350]),
    ...              np.ones(4, dtype=bool), SplitSearch(window_days=7, before=True))
    {7: [(2, 3), (0, 1, 2)]}
    """
    order = np.flatnonzero(usable)
    order = order[np.argsort(days[order], kind="stable")]
    sorted_days = days[order]
    found: dict[int, list[Subset]] = {}
    for label, day, amount in targets:
        first, last = search.day_range(day)
        lo, hi = np.searchsorted(sorted_days, first, "left"), np.searchsorted(sorted_days, last, "right")
        lines = order[lo:hi]
        lines = lines[(np.sign(amounts[lines]) == np.sign(amount)) & (np.abs(amounts[lines]) < abs(amount))]
        if len(lines) > search.wide:
            continue
        subsets = all_subsets(lines, days, amounts, amount, search) if len(lines) >= 2 else []
        if subsets is not None:
            found[label] = subsets
    return found
