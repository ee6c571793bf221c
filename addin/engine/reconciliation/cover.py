"""Deposit slips settled together: the cheques a slip must hold for the most slips to add up at once.

A clearing credit that two sets of cheques add up to is left alone by :func:`.splits.settle`: its
own amounts cannot tell. But its cheques are also candidates of the slips around it, and a cheque is
paid in on one slip only. Take every slip still open in a neighbourhood (a *component*: slips
linked through the cheques they could hold) and every set of cheques each could hold (its
*options*); a *cover* picks at most one option per slip, no cheque twice. Among the covers that
explain the most slips, a slip whose option is the same in every one of them must hold those
cheques — any other choice leaves another slip unexplained — and it takes them. A slip whose option
differs between two such covers stays open.

Two ways to prove a choice forced, both with scipy's HiGHS, and both bounded in work so that the
result is the same on every machine:

- **Every slip explained.** When one cover explains every slip of the component (an exact cover,
  found or refuted quickly), the choices common to all such covers are found exactly: again and
  again, a cover agreeing as little as it can with the choices still held common; what it chooses
  otherwise is not forced, and when it keeps them all, they are.
- **Some slip left over** (one's cheques went elsewhere, or it holds a cheque beyond the window).
  The linear relaxation bounds how many slips any cover explains. When a cover found greedily comes
  within one slip of that bound, it is a largest cover, and the choices common to all largest covers
  are found as above (a cover one slip larger outweighing any agreement). Otherwise searching the
  largest covers can take HiGHS seconds on a few hundred options, so a choice is proven forced by
  the relaxation alone: if forbidding it costs the relaxation (its *reduced cost*) more than the
  relaxation's slack over the greedy cover, no cover without it explains as many slips. Sound, one
  linear programme; it proves fewer than an exact search would (and is what is kept should that
  search not be proven).

A component with more than ``max_choices`` options, or whose programmes are not proven within
``_NODES`` branch-and-bound nodes, is left open.

Slip 1 is cheques 10 + 11 or 12 + 13; slip 2 is 11 + 12 or 13 + 14. Each alone could be either,
but only 10 + 11 with 13 + 14 explains both (12 + 13 leaves slip 2 nothing). Two slips that could
swap their cheques, or a third slip that would need cheque 10, leave every choice open:

>>> settle_jointly({1: [(10, 11), (12, 13)], 2: [(11, 12), (13, 14)]})
{1: (10, 11), 2: (13, 14)}
>>> settle_jointly({1: [(10, 11), (12, 13)], 2: [(10, 11), (12, 13)]})
{}
>>> settle_jointly({1: [(10, 11), (12, 13)], 2: [(11, 12), (13, 14)], 3: [(10, 16)]})
{}
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csc_matrix, csr_matrix

Subset = tuple[int, ...]
MAX_CHOICES = 6000  # options in one component at most; beyond, its slips stay open
_NODES = 1000  # branch-and-bound nodes per programme at most; not proven in as many: left open
_MAX_ROUNDS = 8  # exact covers asked for per component while choices are still held common
_SLACK = 1e-6  # below a whole slip: a linear programme's rounding, not a slip


Settled = dict[tuple[tuple[int, tuple[Subset, ...]], ...], dict[int, Subset]]
"""What components were found to force, by their targets and subsets (the answer never changes)."""


def settle_jointly(
    options: Mapping[int, Sequence[Subset]],
    *,
    max_choices: int = MAX_CHOICES,
    settled: Settled | None = None,
) -> dict[int, Subset]:
    """Each target's subset where every largest cover of the targets (at most one subset each, no
    line twice) gives it that one, as far as it is proven (see the module's text); targets without
    subsets, or in a component with more than ``max_choices`` subsets, are left out. ``settled``
    keeps each component's answer between calls, so that a component met again unchanged is not
    solved again."""
    chosen: dict[int, Subset] = {}
    known: Settled = {} if settled is None else settled
    for targets in _components(options):
        if sum(len(options[t]) for t in targets) > max_choices:
            continue
        key = tuple((t, tuple(options[t])) for t in targets)
        if key not in known:
            known[key] = _Component(targets, options).forced()
        chosen.update(known[key])
    return dict(sorted(chosen.items()))


def _components(options: Mapping[int, Sequence[Subset]]) -> list[list[int]]:
    """The targets with subsets, in groups linked by the lines their subsets share (in label order)."""
    parent: dict[object, object] = {}

    def root(x: object) -> object:
        while (up := parent.setdefault(x, x)) != x:
            parent[x] = parent.get(up, up)
            x = up
        return x

    for label in sorted(options):
        for subset in options[label]:
            for line in subset:
                a, b = root(("target", label)), root(("line", line))
                if a != b:
                    parent[a] = b
    groups: dict[object, list[int]] = {}
    for label in sorted(options):
        if options[label]:
            groups.setdefault(root(("target", label)), []).append(label)
    return list(groups.values())


_STDOUT = threading.Lock()


@contextmanager
def _stdout_silenced() -> Iterator[None]:
    """File descriptor 1 pointed at the null device meanwhile: HiGHS 1.12 printf()s a debugging line
    ("HighsMipSolverData::transformNewIntegerFeasibleSolution…") now and then while it solves a
    presolved model, which would land in `bahi reconcile --format json`. (Solving without presolve
    instead is up to 8× slower on some components.) One thread at a time, so that each restores
    what it found."""
    with _STDOUT:
        sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no standard output at all: nothing to keep clean
            yield
            return
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


class _Component:
    """One component's choices — (target, subset) — and its packing constraints: a row per target
    and per line, a column per choice."""

    def __init__(self, targets: list[int], options: Mapping[int, Sequence[Subset]]) -> None:
        self.targets = targets
        self.choices = [(t, s) for t in targets for s in options[t]]
        lines = sorted({line for _, s in self.choices for line in s})
        row_of_target = {t: i for i, t in enumerate(targets)}
        row_of_line = {line: len(targets) + i for i, line in enumerate(lines)}
        rows: list[int] = []
        columns: list[int] = []
        for k, (t, s) in enumerate(self.choices):
            rows += [row_of_target[t], *(row_of_line[line] for line in s)]
            columns += [k] * (1 + len(s))
        self.matrix = csr_matrix(
            (np.ones(len(rows)), (rows, columns)), shape=(len(targets) + len(lines), len(self.choices))
        )

    def forced(self) -> dict[int, Subset]:
        if len(self.targets) == 1:
            return {self.targets[0]: self.choices[0][1]} if len(self.choices) == 1 else {}
        count, n = len(self.choices), len(self.targets)
        exact = [LinearConstraint(self.matrix[:n], 1, 1), LinearConstraint(self.matrix[n:], 0, 1)]
        one, _ = self._solve(np.zeros(count), exact)  # every target one subset, a line once at most
        if one:
            return self._forced_among(np.zeros(count), exact, one) or {}
        relaxed = linprog(
            -np.ones(count), A_ub=self.matrix, b_ub=np.ones(self.matrix.shape[0]), bounds=(0, 1),
            method="highs",
        )  # fmt: skip
        if relaxed.status != 0:
            return {}
        bound, values = -float(relaxed.fun), np.asarray(relaxed.x)
        greedy = self._greedy(values)
        reduced = np.asarray(relaxed.upper.marginals)
        by_relaxation = self._forced_by_relaxation(bound, reduced, values, len(greedy))
        if bound >= len(greedy) + 1 - _SLACK:  # a larger cover may exist: the relaxation's proof only
            return by_relaxation
        packing = [LinearConstraint(self.matrix, 0, 1)]  # at most one subset a target, a line once
        larger = np.full(count, -(count + 1.0))  # a cover explaining one slip more outweighs agreeing
        return {**by_relaxation, **(self._forced_among(larger, packing, set(greedy)) or {})}

    def _solve(
        self, cost: npt.NDArray[np.float64], constraints: list[LinearConstraint]
    ) -> tuple[set[int], bool]:
        """The choices of a least-``cost`` solution (none found: empty), and whether it is proven."""
        with _stdout_silenced():
            result = milp(
                cost, constraints=constraints, integrality=np.ones(len(self.choices)), bounds=Bounds(0, 1),
                options={"node_limit": _NODES},
            )  # fmt: skip
        found = set() if result.x is None else set(np.flatnonzero(result.x > 0.5).tolist())
        return found, result.status == 0

    def _forced_among(
        self, cost: npt.NDArray[np.float64], constraints: list[LinearConstraint], one: set[int]
    ) -> dict[int, Subset] | None:
        """The choices every best cover makes (least ``cost`` under ``constraints``; ``one`` is one
        of them): best covers agreeing least with the choices still held common, until one keeps
        them all. None when that is not proven within the bounds."""
        common = set(one)
        for _ in range(_MAX_ROUNDS):
            agreeing = cost.copy()
            agreeing[sorted(common)] += 1.0
            other, proven = self._solve(agreeing, constraints)
            if not other:  # none found in time: nothing can be said
                return None
            if common <= other:  # agreeing as little as any best cover can: all it keeps is forced
                return dict(self.choices[k] for k in sorted(common)) if proven else None
            common &= other  # another best cover: what it chose otherwise is not forced
            if not common:
                return {}
        return None

    def _forced_by_relaxation(
        self,
        bound: float,
        reduced: npt.NDArray[np.float64],
        values: npt.NDArray[np.float64],
        most: int,
    ) -> dict[int, Subset]:
        """The choices at 1 in the relaxation whose reduced cost (≤ 0: what the relaxation loses per
        unit of ``bound``) exceeds its slack over a cover of ``most`` slips: no cover without them
        explains as many as that one."""
        forced = np.flatnonzero((values > 1 - _SLACK) & (bound + reduced < most - _SLACK))
        return dict(self.choices[k] for k in forced.tolist())

    def _greedy(self, values: npt.NDArray[np.float64]) -> list[int]:
        """A cover: the choices in order of their relaxed value, each taken when it still fits."""
        by_column = csc_matrix(self.matrix)
        used: set[int] = set()
        taken = []
        for k in np.argsort(-values, kind="stable").tolist():
            rows = by_column.indices[by_column.indptr[k] : by_column.indptr[k + 1]].tolist()
            if used.isdisjoint(rows):
                used.update(rows)
                taken.append(k)
        return taken
