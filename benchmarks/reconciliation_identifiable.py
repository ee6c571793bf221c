"""What a matcher can know from the data: links up to identical lines, and the links nothing determines.

A generator knows the true links; a matcher sees only dates, amounts and texts. Where two lines look
exactly alike, or where another choice of lines fits the data at least as well as the truth, no
matcher can be blamed for choosing differently. This module measures both, beside the raw figures.

Definitions, over the true links T and the links F a matcher found (each a (bank row, book row) pair):

**Raw.** precision = |F ∩ T| / |F|, recall = |F ∩ T| / |T|.

**A line's look.** A bank line's (date, amount, description, reference); a book line's (date,
amount, narration, reference, party). Lines with the same look are interchangeable: nothing in the
data tells them apart.

**Equivalence-aware.** A link's class is (look of its bank line, look of its book line). Then
hits = Σ over classes of min(links of F in the class, links of T in the class), precision_eq =
hits / |F| and recall_eq = hits / |T|: a link to a line identical with the true one counts as right,
and each true link is credited at most once.

**Determined.** Recall over the true links that are not ambiguous (below), and precision over
the found links whose lines hold no ambiguous true link: how a matcher does where the data decides.

**Ambiguous links and the recall ceiling.** The true links form groups: one line on one side (the
hub) linked to one or more lines on the other (its spokes); a 1:1 link is a group both ways round.
A true link is *ambiguous* when the truth can be changed into another assignment that fits the data
at least as well, by one *exchange*: a set X of 1–4 spokes of one group traded for a set Y of 1–4
spokes (same side) of another group, or for one line that has no true link, such that

1. amounts: X and Y add up to the same paise (so every hub still equals its spokes' sum);
2. dates: each moved line lies within the window of its new hub's *shape* — one spoke or several,
   money in or out — which is ±7 days widened to the widest true gap among the groups of that
   shape (a cheque presented 40 days late widens every single payment's window to 40; a slip whose
   first receipt was entered 13 days before the credit widens every slip's to 13): a window a
   matcher could know from how the account runs, not from the group's own truth. And the moved
   lines are in total no more days from their new hubs than from their old ones (the nearest-date
   evidence does not favour the truth);
3. text: every hub's text shares at least the clues with its new spokes that it shared with its old
   ones (the text does not favour the truth). Clues are a text's words (bank side: also single
   letters, initials) and its numbers of 4 digits or more; a bank word and a book word are alike
   when one begins the other, or one is the other with letters left out (ENTP, ENTERPRISES), or one
   letter differs (a typo); numbers are alike when equal without leading zeros;
4. and X, Y are not merely identical lines traded (the equivalence-aware figures count those right).

Then every true link of X and of Y is ambiguous.

**Reassignments among many groups (a check on the ceiling).** An exchange is between two groups;
but a slip can as well take two receipts that never reached the bank, and four equal UPI credits
can pass their entries round a ring that no two of them could trade (for each pair the dates or the
names favour the truth; for the ring they do not). :func:`reassigned_links` counts a true link
ambiguous too when a *reassignment* changes its group: among the groups whose hubs compete for
lines (a connected set, within a block of 30 days), every hub takes lines that add up to it — a
1:1 hub one line, a group of 2–4 spokes up to four — each in the hub's window (condition 2) and
together sharing its true clues (condition 3), from those groups' lines and lines without a true
link, each line once; the lines in total no more days from their hubs than in the truth; a hub
that takes only lines identical to its own is not changed (4); and no exchange within the
reassignment (hubs joined by the lines they take from one another) moves its lines farther on its
own — one cannot pay for another's days. HiGHS (scipy's ``milp``) finds as many changed hubs as
one reassignment allows, round after round. The search takes a minute and a half on the SME
account at 100,000 lines and did not finish the narrated set's or our own cases' in 10 minutes, so
it is not part of the ceiling; ``python -m benchmarks.reconciliation_losses … --reassignments``
prints what it adds.

Every other link of a group with an ambiguous link is ambiguous too: a match balances (a slip's
credit equals its cheques), so a matcher takes a group whole or leaves it whole — a slip one of
whose cheques could as well be another credit's is undetermined in all its cheques, though the
others would be the same in either assignment. Recall ceiling = 1 − |ambiguous| / |T|, over the
exchanges' ambiguous links (:func:`ambiguous_links`): the share of true links the data determines,
for matches that balance. Its search is bounded (exchanges between two groups, at most 4 lines a
side, groups of at most 8 spokes), so it is an upper bound; the reassignments, searched within
bounds of their own (groups of at most 4 spokes, covers of a hub's 200 nearest lines, 400 covers a
hub, 1,000 branch-and-bound nodes a round, one block of days), lower it by 0.0002 at most on the
SME account at 100,000 lines. A matcher that guesses at ties can exceed the ceiling by luck; one
that abstains at ties cannot.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import coo_array

from benchmarks.reconciliation_case import Case

WINDOW_DAYS = 7
MOST_MOVED = 4  # lines a side of one exchange
MOST_SPOKES = 8  # groups with more spokes trade single lines only

Link = tuple[int, int]
Look = tuple[object, ...]


@dataclass(frozen=True)
class Scores:
    """Raw and equivalence-aware quality of found links, the truth's recall ceiling, and quality where
    the data decides."""

    precision: float
    recall: float
    precision_eq: float
    recall_eq: float
    ceiling: float
    precision_determined: float  # over the found links on lines no ambiguous true link holds
    recall_determined: float  # over the true links that are not ambiguous


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def looks(case: Case) -> tuple[dict[int, Look], dict[int, Look]]:
    """Each bank row's and each book row's look (what a matcher sees of the line)."""
    bank = case.bank
    book = case.book
    bank_look = {
        int(r): (d, int(a), t, ref)
        for r, d, a, t, ref in zip(bank["row"], bank["date"], bank["amount"], bank["description"],
                                   bank["reference"], strict=True)
    }  # fmt: skip
    book_look = {
        int(r): (d, int(a), t, ref, p)
        for r, d, a, t, ref, p in zip(book["row"], book["date"], book["amount"], book["narration"],
                                      book["reference"], book["party"], strict=True)
    }  # fmt: skip
    return bank_look, book_look


def equivalent_hits(case: Case, found: set[Link]) -> int:
    """Found links that are true up to interchangeable lines, each true link credited once."""
    bank_look, book_look = looks(case)

    def classes(links: Iterable[Link]) -> Counter[tuple[Look, Look]]:
        return Counter((bank_look[b], book_look[j]) for b, j in links)

    true_classes = classes(case.links)
    return sum(min(n, true_classes[c]) for c, n in classes(found).items())


def scores(case: Case, found: set[Link], ambiguous: set[Link]) -> Scores:
    hits = len(found & case.links)
    hits_eq = equivalent_hits(case, found)
    in_doubt_bank, in_doubt_book = {b for b, _ in ambiguous}, {j for _, j in ambiguous}
    determined = {(b, j) for b, j in found if b not in in_doubt_bank and j not in in_doubt_book}
    resolvable = case.links - ambiguous
    return Scores(
        precision=_ratio(hits, len(found)),
        recall=_ratio(hits, len(case.links)),
        precision_eq=_ratio(hits_eq, len(found)),
        recall_eq=_ratio(hits_eq, len(case.links)),
        ceiling=1.0 - _ratio(len(ambiguous), len(case.links)),
        precision_determined=_ratio(len(determined & case.links), len(determined)),
        recall_determined=_ratio(len(found & resolvable), len(resolvable)),
    )


# --- clues a text shares with another ---------------------------------------------------------------

_TOKEN = re.compile(r"[A-Z]+|[0-9]+")


@cache
def clues(text: str, *, initials: bool) -> frozenset[str]:
    """Words (of 2+ letters, or 1 with ``initials``) and numbers of 4+ digits, upper-cased."""
    found = set()
    for token in _TOKEN.findall(text.upper()):
        if token.isdigit():
            if len(token.lstrip("0")) >= 4:
                found.add(token.lstrip("0"))
        elif len(token) >= 2 or initials:
            found.add(token)
    return frozenset(found)


def _left_out(short: str, long: str) -> bool:
    """``short`` is ``long`` with letters left out, first letter kept (ENTP in ENTERPRISES)."""
    if not short or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(c in rest for c in short)


def _one_letter(a: str, b: str) -> bool:
    """One letter dropped, added, changed, or two neighbours swapped (words of 4+ letters)."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) != 2:
            return len(diff) == 1
        i, k = diff
        return k == i + 1 and a[i] == b[k] and a[k] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@cache
def alike(bank_clue: str, book_clue: str) -> bool:
    if bank_clue.isdigit() or book_clue.isdigit():
        return bank_clue == book_clue
    short, long = sorted((bank_clue, book_clue), key=len)
    return long.startswith(short) or _left_out(short, long) or _one_letter(short, long)


def shared_clues(bank_text: str, book_text: str) -> frozenset[str]:
    """The bank text's clues that the book text also has (alike)."""
    book = clues(book_text, initials=False)
    return frozenset(w for w in clues(bank_text, initials=True) if any(alike(w, v) for v in book))


# --- ambiguous links --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    hub: int  # row on the hub's side
    spokes: tuple[int, ...]  # rows on the other side
    amount: int  # the spokes' sum in paise, signed
    low: int  # window: the least and most days a spoke may lie before its hub
    high: int


@dataclass(frozen=True)
class _Side:
    """One orientation: hubs on one side (bank or book), spokes on the other."""

    hub_is_bank: bool
    hub_day: dict[int, int]
    spoke_day: dict[int, int]
    spoke_amount: dict[int, int]
    hub_text: dict[int, str]
    spoke_text: dict[int, str]
    spoke_look: dict[int, Look]

    def gap(self, hub: int, spoke: int) -> int:
        """Days the bank line lies after the book line."""
        days = self.hub_day[hub] - self.spoke_day[spoke]
        return days if self.hub_is_bank else -days

    def days(self, hub: int, spokes: Iterable[int]) -> int:
        """The spokes' days from the hub, in total (either way round)."""
        return sum(abs(self.gap(hub, s)) for s in spokes)

    def shared(self, hub: int, spokes: Iterable[int]) -> frozenset[str]:
        bank_book = ((self.hub_text[hub], self.spoke_text[s]) if self.hub_is_bank
                     else (self.spoke_text[s], self.hub_text[hub]) for s in spokes)  # fmt: skip
        return frozenset().union(*(shared_clues(b, j) for b, j in bank_book))


def _texts(frame: pd.DataFrame, columns: tuple[str, ...]) -> dict[int, str]:
    return {int(r): " ".join(str(frame[c].iat[i]) for c in columns) for i, r in enumerate(frame["row"])}


def _days(frame: pd.DataFrame) -> dict[int, int]:
    dates = zip(frame["row"], frame["date"], strict=True)
    return {int(r): pd.Timestamp(d).date().toordinal() for r, d in dates}


def _sides(case: Case) -> tuple[_Side, _Side]:
    bank_day, book_day = _days(case.bank), _days(case.book)
    bank_text = _texts(case.bank, ("description", "reference"))
    book_text = _texts(case.book, ("narration", "reference", "party"))
    bank_amount = {int(r): int(a) for r, a in zip(case.bank["row"], case.bank["amount"], strict=True)}
    book_amount = {int(r): int(a) for r, a in zip(case.book["row"], case.book["amount"], strict=True)}
    bank_look, book_look = looks(case)
    return (
        _Side(True, bank_day, book_day, book_amount, bank_text, book_text, book_look),
        _Side(False, book_day, bank_day, bank_amount, book_text, bank_text, bank_look),
    )


def _groups(case: Case, side: _Side) -> list[_Group]:
    """Groups with a hub on ``side``'s hub side: hubs whose spokes link to no other hub; each with
    the window of its shape (one spoke or several, money in or out: condition 2)."""
    spokes_of: dict[int, list[int]] = defaultdict(list)
    hubs_of: dict[int, set[int]] = defaultdict(set)
    for b, j in case.links:
        hub, spoke = (b, j) if side.hub_is_bank else (j, b)
        spokes_of[hub].append(spoke)
        hubs_of[spoke].add(hub)
    shaped: list[tuple[int, tuple[int, ...], int, tuple[bool, bool]]] = []
    window: dict[tuple[bool, bool], tuple[int, int]] = {}
    for hub, spokes in spokes_of.items():
        if all(len(hubs_of[s]) == 1 for s in spokes):
            amount = sum(side.spoke_amount[s] for s in spokes)
            shape = (len(spokes) == 1, amount > 0)
            low, high = window.get(shape, (-WINDOW_DAYS, WINDOW_DAYS))
            gaps = [side.gap(hub, s) for s in spokes]
            window[shape] = (min(low, *gaps), max(high, *gaps))
            shaped.append((hub, tuple(sorted(spokes)), amount, shape))
    return [_Group(hub, spokes, amount, *window[shape]) for hub, spokes, amount, shape in shaped]


@dataclass(frozen=True)
class _Offer:
    """Spokes a group (or a line without a true link) could trade away."""

    group: _Group | None  # None: a line without a true link
    lines: tuple[int, ...]
    total: int


def _offers(side: _Side, groups: list[_Group], free: Iterable[int]) -> Iterator[_Offer]:
    for g in groups:
        most = MOST_MOVED if len(g.spokes) <= MOST_SPOKES else 1
        for k in range(1, min(most, len(g.spokes)) + 1):
            for lines in itertools.combinations(g.spokes, k):
                yield _Offer(g, lines, sum(side.spoke_amount[s] for s in lines))
    for line in free:
        yield _Offer(None, (line,), side.spoke_amount[line])


def _fits(side: _Side, group: _Group, given: tuple[int, ...], taken: tuple[int, ...]) -> tuple[bool, int]:
    """Whether ``group`` may take ``taken`` for ``given`` (window, text); and the change in days."""
    if any(not group.low <= side.gap(group.hub, s) <= group.high for s in taken):
        return False, 0
    kept = [s for s in group.spokes if s not in given]
    if not side.shared(group.hub, [*kept, *taken]) >= side.shared(group.hub, group.spokes):
        return False, 0
    days = side.days(group.hub, taken) - side.days(group.hub, given)
    return True, days


def _exchange(side: _Side, a: _Offer, b: _Offer) -> bool:
    """Whether trading ``a``'s lines for ``b``'s fits the data at least as well as the truth."""
    if sorted(side.spoke_look[s] for s in a.lines) == sorted(side.spoke_look[s] for s in b.lines):
        return False
    days = 0
    for giver, taker in ((a, b), (b, a)):
        if taker.group is not None:
            ok, change = _fits(side, taker.group, taker.lines, giver.lines)
            if not ok:
                return False
            days += change
    return days <= 0


def _reach(offer: _Offer, side: _Side) -> tuple[int, int]:
    """The days on the hub side where a hub taking or giving this offer can lie."""
    if offer.group is not None:
        day = side.hub_day[offer.group.hub]
        return day, day
    day = side.spoke_day[offer.lines[0]]
    return day - WINDOW_DAYS, day + WINDOW_DAYS


def _ambiguous_on(case: Case, side: _Side, free: Iterable[int]) -> set[Link]:
    groups = _groups(case, side)
    spread = max([WINDOW_DAYS, *(max(-g.low, g.high) for g in groups)])
    by_total: dict[int, list[_Offer]] = defaultdict(list)
    for offer in _offers(side, groups, free):
        by_total[offer.total].append(offer)
    ambiguous: set[Link] = set()
    for offers in by_total.values():
        if len(offers) < 2:
            continue
        offers.sort(key=lambda o: _reach(o, side)[0])
        for i, a in enumerate(offers):
            last = _reach(a, side)[1]
            for b in offers[i + 1 :]:
                if _reach(b, side)[0] > last + 2 * spread:
                    break
                if a.group is b.group or (a.group is None and b.group is None):
                    continue
                if _exchange(side, a, b):
                    for offer in (a, b):
                        if offer.group is not None:
                            hub = offer.group.hub
                            ambiguous.update((hub, s) if side.hub_is_bank else (s, hub) for s in offer.lines)
    return ambiguous


def _free_lines(case: Case) -> tuple[list[int], list[int]]:
    """Bank rows and book rows without a true link."""
    linked_bank = {b for b, _ in case.links}
    linked_book = {j for _, j in case.links}
    return (
        [int(r) for r in case.bank["row"] if int(r) not in linked_bank],
        [int(r) for r in case.book["row"] if int(r) not in linked_book],
    )


def ambiguous_links(case: Case) -> set[Link]:
    """True links another assignment fits at least as well, with the rest of their groups (see the
    module docstring)."""
    bank_hubs, book_hubs = _sides(case)
    free_bank, free_book = _free_lines(case)
    exchanged = _ambiguous_on(case, bank_hubs, free_book) | _ambiguous_on(case, book_hubs, free_bank)
    return whole_groups(case.links, exchanged)


def reassigned_links(case: Case) -> set[Link]:
    """True links that a reassignment among many groups changes, with the rest of their groups (see
    the module docstring): a check on how far the two-group exchanges of :func:`ambiguous_links`
    fall short, too slow to run on every case."""
    bank_hubs, book_hubs = _sides(case)
    free_bank, free_book = _free_lines(case)
    reassigned = _reassigned_on(case, bank_hubs, free_book) | _reassigned_on(case, book_hubs, free_bank)
    return whole_groups(case.links, reassigned)


def whole_groups(links: Iterable[Link], some: Iterable[Link]) -> set[Link]:
    """``some`` links with every link sharing a line with one of them (a group is matched whole).

    >>> sorted(whole_groups({(1, 10), (1, 11), (1, 12), (2, 13)}, {(1, 12)}))
    [(1, 10), (1, 11), (1, 12)]
    """
    of_line: dict[tuple[str, int], set[Link]] = defaultdict(set)
    for b, j in links:
        of_line[("bank", b)].add((b, j))
        of_line[("book", j)].add((b, j))
    whole: set[Link] = set()
    for b, j in some:
        whole |= of_line[("bank", b)] | of_line[("book", j)]
    return whole


# --- reassignments among many groups ----------------------------------------------------------------

MOST_IN_COVER = 4  # lines a hub takes in a reassignment (groups of more spokes keep theirs)
BLOCK_DAYS = 30  # a reassignment moves lines among the hubs of one block of days
MOST_NEAR = 200  # lines a hub's covers are made from (the nearest in days): a bound on the search
MOST_COMPLETING = 64  # pairs kept that complete one partial sum: a bound on the search
MOST_COVERS = 400  # covers kept a hub (the nearest in days): a bound on the search, not on the data
NODES_A_SEARCH = 1_000  # branch-and-bound nodes for one round of a component's search: a bound too


@dataclass(frozen=True)
class _Cover:
    """Lines a hub could take that add up to it, in its window, sharing its true clues."""

    hub: int
    lines: tuple[int, ...]
    days: int  # the lines' days from the hub, in total
    true: bool  # the truth, or lines that look the same


def _sums_to(amounts: list[int], target: int, most: int) -> list[tuple[int, ...]]:
    """Index sets of at most ``most`` (≤ 4) of ``amounts`` adding up to ``target``, each once.

    >>> sorted(tuple(sorted(found)) for found in _sums_to([1, 2, 3, 4, 6, 10], 10, 4))
    [(0, 1, 2, 3), (0, 2, 4), (3, 4), (5,)]
    >>> sorted(tuple(sorted(found)) for found in _sums_to([1, 2, 3, 4, 6, 10], 10, 2))
    [(3, 4), (5,)]
    """
    a = np.asarray(amounts, dtype=np.int64)
    found: list[tuple[int, ...]] = [(int(i),) for i in np.flatnonzero(a == target)]
    if most < 2 or len(a) < 2:
        return found
    first, second = np.triu_indices(len(a), 1)
    total = a[first] + a[second]
    hit = total == target
    found += zip(first[hit].tolist(), second[hit].tolist(), strict=True)
    order = np.argsort(total, kind="stable")
    total, first, second = total[order], first[order], second[order]

    def completing(rest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each remainder, the pairs that make it up: (which remainder, which pair)."""
        low, high = np.searchsorted(total, rest, "left"), np.searchsorted(total, rest, "right")
        counts = np.minimum(high - low, MOST_COMPLETING)
        which = np.repeat(np.arange(len(rest)), counts)
        start = np.repeat(low - np.cumsum(counts) + counts, counts)
        return which, start + np.arange(counts.sum())

    if most >= 3:
        k, pair = completing(target - a)
        keep = k < first[pair]
        found += zip(first[pair][keep].tolist(), second[pair][keep].tolist(), k[keep].tolist(), strict=True)
    if most >= 4:
        p, pair = completing(target - total)
        keep = second[p] < first[pair]
        found += zip(first[p][keep].tolist(), second[p][keep].tolist(), first[pair][keep].tolist(),
                     second[pair][keep].tolist(), strict=True)  # fmt: skip
    return found


def _covers(side: _Side, group: _Group, candidates: list[int]) -> list[_Cover]:
    """The group's true cover and the other sets of ``candidates`` it could take instead."""
    hub = group.hub
    sign = 1 if group.amount > 0 else -1
    target = abs(group.amount)
    needed = side.shared(hub, group.spokes)
    near = [s for s in candidates
            if group.low <= side.gap(hub, s) <= group.high
            and 0 < sign * side.spoke_amount[s] <= target]  # fmt: skip
    near = sorted(near, key=lambda s: abs(side.gap(hub, s)))[:MOST_NEAR]
    most = MOST_IN_COVER if len(group.spokes) > 1 else 1
    true_look = sorted(side.spoke_look[s] for s in group.spokes)
    covers = [_Cover(hub, group.spokes, side.days(hub, group.spokes), True)]
    amounts = [sign * side.spoke_amount[s] for s in near]
    shared: dict[int, frozenset[str]] = {}
    for picked in _sums_to(amounts, target, most):
        lines = tuple(sorted(near[i] for i in picked))
        if lines == group.spokes:
            continue
        if needed:
            for s in lines:
                if s not in shared:
                    shared[s] = side.shared(hub, [s])
            if not needed <= frozenset().union(*(shared[s] for s in lines)):
                continue
        look = sorted(side.spoke_look[s] for s in lines)
        covers.append(_Cover(hub, lines, side.days(hub, lines), look == true_look))
    covers[1:] = sorted(covers[1:], key=lambda c: c.days)[: MOST_COVERS - 1]
    return covers


def _all_covers(side: _Side, groups: list[_Group], free: Iterable[int]) -> dict[int, list[_Cover]]:
    """Each group's covers (keyed by hub), for groups of at most ``MOST_IN_COVER`` spokes. A 1:1
    group takes one line of its amount; a split group any set of lines but those of 1:1 groups that
    have no other choice (a NEFT credit naming its party keeps its one entry)."""
    movable = sorted({*(s for g in groups for s in g.spokes), *free}, key=lambda s: side.spoke_day[s])
    by_amount: dict[int, list[int]] = defaultdict(list)
    for s in movable:
        by_amount[side.spoke_amount[s]].append(s)
    covers = {g.hub: _covers(side, g, by_amount[side.spoke_amount[g.spokes[0]]])
              for g in groups if len(g.spokes) == 1}  # fmt: skip
    held = {cs[0].lines[0] for cs in covers.values() if len(cs) == 1}
    movable = [s for s in movable if s not in held]
    days = [side.spoke_day[s] for s in movable]
    for g in groups:
        if len(g.spokes) > 1:
            day, reach = side.hub_day[g.hub], max(-g.low, g.high)
            near = movable[bisect.bisect_left(days, day - reach) : bisect.bisect_right(days, day + reach)]
            covers[g.hub] = _covers(side, g, near)
    return covers


def _settled(covers: dict[int, list[_Cover]]) -> dict[int, list[_Cover]]:
    """The covers of hubs that can take other lines, once every hub with only its truth keeps it (and
    its lines are no one else's to take), over and over until nothing changes."""
    covers = dict(covers)
    while True:
        fixed = {h for h, cs in covers.items() if len(cs) == 1}
        held = {s for h in fixed for s in covers[h][0].lines}
        covers = {h: cs if h in fixed else [c for c in cs if not held.intersection(c.lines)]
                  for h, cs in covers.items()}  # fmt: skip
        if {h for h, cs in covers.items() if len(cs) == 1} == fixed:
            return {h: cs for h, cs in covers.items() if len(cs) > 1}


def _changed_among(choices: list[_Cover], owners: dict[int, int], known: set[int]) -> set[int]:
    """Hubs that a reassignment among ``choices`` (the covers of some hubs, each hub's truth first)
    changes; ``owners``: each line's true hub; ``known``: hubs already found changed.

    Each round asks HiGHS for as many changed hubs as one reassignment with the lines in total no
    more days from their hubs than in the truth allows, then keeps only the exchanges in it (hubs
    joined by the lines they take from one another) that on their own move no line farther: one
    exchange cannot pay for another's days. Hubs found stay at their truth in later rounds."""
    hubs = list(dict.fromkeys(c.hub for c in choices))
    at_hub: dict[int, list[int]] = defaultdict(list)
    at_line: dict[int, list[int]] = defaultdict(list)
    for k, c in enumerate(choices):
        at_hub[c.hub].append(k)
        for s in c.lines:
            at_line[s].append(k)
    can_change = [h for h in hubs if any(not choices[k].true for k in at_hub[h])]
    truth = sum(choices[at_hub[h][0]].days for h in hubs)
    changed: set[int] = set()
    while open_hubs := [h for h in can_change if h not in known and h not in changed]:
        n = len(choices)
        sets = [  # a hub takes one cover (a hub found keeps its truth), a line goes to one hub at most
            *((at_hub[h][:1] if h in known or h in changed else at_hub[h], 1, 1) for h in hubs),
            *((ks, 0, 1) for ks in at_line.values()),
            # and a hub counts as changed only off its truth
            *(([n + i, *(k for k in at_hub[h] if choices[k].true)], 0, 1) for i, h in enumerate(open_hubs)),
        ]
        rows = [r for r, (columns, _, _) in enumerate(sets) for _ in columns]
        cols = [k for columns, _, _ in sets for k in columns]
        width = n + len(open_hubs)
        matrix = coo_array((np.ones(len(rows)), (rows, cols)), shape=(len(sets), width)).tocsr()
        days = np.array([[c.days for c in choices] + [0] * len(open_hubs)], dtype=float)
        result = milp(
            np.concatenate([np.zeros(n), -np.ones(len(open_hubs))]),  # as many changed as can be
            constraints=[
                LinearConstraint(matrix, [low for _, low, _ in sets], [high for _, _, high in sets]),
                LinearConstraint(days, -np.inf, truth),
            ],
            integrality=np.ones(width),
            bounds=(0, 1),
            options={"node_limit": NODES_A_SEARCH},  # then the best reassignment found so far
        )
        if result.x is None:
            break
        moved = [c for k, c in enumerate(choices)
                 if result.x[k] > 0.5 and c.lines != choices[at_hub[c.hub][0]].lines]  # fmt: skip
        found = {c.hub for piece in _components(moved, owners)
                 if sum(c.days - choices[at_hub[c.hub][0]].days for c in piece) <= 0
                 for c in piece if not c.true}  # fmt: skip
        if not found:
            break
        changed |= found
    return changed


def _components(choices: list[_Cover], owners: dict[int, int]) -> list[list[_Cover]]:
    """``choices`` split into sets of hubs that compete for lines (a line's owner is its true hub)."""
    parent: dict[int, int] = {}

    def root(h: int) -> int:
        while parent.setdefault(h, h) != h:
            parent[h] = parent[parent[h]]
            h = parent[h]
        return h

    first_taker: dict[int, int] = {}
    for c in choices:
        for s in c.lines:
            parent[root(first_taker.setdefault(s, owners.get(s, c.hub)))] = root(c.hub)
    parts: dict[int, list[_Cover]] = defaultdict(list)
    for c in choices:
        parts[root(c.hub)].append(c)
    return list(parts.values())


def _reassigned_on(case: Case, side: _Side, free: Iterable[int]) -> set[Link]:
    """True links of the groups (hubs on ``side``) that a reassignment changes, as the module docstring
    defines it, searched block by block and, in a block, set by set of hubs competing for lines."""
    groups = [g for g in _groups(case, side) if len(g.spokes) <= MOST_IN_COVER]
    covers = _settled(_all_covers(side, groups, free))
    spokes = {g.hub: g.spokes for g in groups}
    owners = {s: h for h, cs in covers.items() for s in cs[0].lines}
    order = sorted(covers, key=lambda h: side.hub_day[h])
    changed: set[int] = set()
    if order:
        first, last = side.hub_day[order[0]], side.hub_day[order[-1]]
        days = [side.hub_day[h] for h in order]
        for start in range(first, last + 1, BLOCK_DAYS // 2):
            hubs = set(order[bisect.bisect_left(days, start) : bisect.bisect_left(days, start + BLOCK_DAYS)])
            choices = [c for h in sorted(hubs, key=lambda h: side.hub_day[h]) for c in covers[h]
                       if all(owners.get(s, h) in hubs for s in c.lines)]  # fmt: skip
            for part in _components(choices, owners):
                if any(not c.true and c.hub not in changed for c in part):
                    changed |= _changed_among(part, owners, changed)
    return {(h, s) if side.hub_is_bank else (s, h) for h in changed for s in spokes[h]}
