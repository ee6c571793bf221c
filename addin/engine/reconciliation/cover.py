"""Deposit slips settled together: the cheques a slip must hold for the most slips to add up at once.

A clearing credit that two sets of cheques add up to is left alone by :func:`.splits.settle`: its
own amounts cannot tell. But its cheques are also candidates of the slips around it, and a cheque is
paid in on one slip only. Take every slip still open in a neighbourhood (a *component*: slips
linked through the cheques they could hold) and every set of cheques each could hold (its
*options*); a *cover* picks at most one option per slip, no cheque twice. Among the covers that
explain the most slips, a slip whose option is the same in every one of them must hold those
cheques — any other choice leaves another slip unexplained — and it takes them. A slip whose option
differs between two such covers stays open, as do the slips of a component with more than
``max_choices`` options (the work is bounded, and the result is the same on every machine).

Solved as integer programmes (scipy's HiGHS): the largest cover first, then, again and again, a
largest cover agreeing as little as it can with the choices still held common; a choice it does not
make is not forced. When such a cover keeps all of them, they are forced. A component whose covers
are not proven within ``_NODES`` branch-and-bound nodes, or not settled in ``_MAX_ROUNDS`` covers,
is left open. At most ``max_choices`` options: HiGHS's work on a component is not bounded by its
nodes alone (its first node can take seconds on a few hundred options of round amounts), and that
bound keeps a 100,000-line statement's slips to a second or two.

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

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

Subset = tuple[int, ...]
MAX_CHOICES = 400  # options in one component at most; beyond, its slips stay open
_NODES = 1000  # branch-and-bound nodes per cover at most; a cover not proven in as many: left open
_MAX_ROUNDS = 8  # covers asked for per component while choices are still held common


def settle_jointly(
    options: Mapping[int, Sequence[Subset]], *, max_choices: int = MAX_CHOICES
) -> dict[int, Subset]:
    """Each target's subset where every largest cover of the targets (at most one subset each, no
    line twice) gives it that one; targets without subsets, or in a component with more than
    ``max_choices`` subsets, are left out."""
    chosen: dict[int, Subset] = {}
    for targets in _components(options):
        if sum(len(options[t]) for t in targets) <= max_choices:
            chosen.update(_forced(targets, options))
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


def _forced(targets: list[int], options: Mapping[int, Sequence[Subset]]) -> dict[int, Subset]:
    """The choices every largest cover of one component makes."""
    choices = [(t, s) for t in targets for s in options[t]]
    if len(targets) == 1:
        return {targets[0]: choices[0][1]} if len(choices) == 1 else {}
    lines = sorted({line for _, s in choices for line in s})
    row_of_target = {t: i for i, t in enumerate(targets)}
    row_of_line = {line: len(targets) + i for i, line in enumerate(lines)}
    rows: list[int] = []
    columns: list[int] = []
    for k, (t, s) in enumerate(choices):
        rows += [row_of_target[t], *(row_of_line[line] for line in s)]
        columns += [k] * (1 + len(s))
    matrix = csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(targets) + len(lines), len(choices))
    )
    packing = LinearConstraint(matrix, 0, 1)  # a target one subset at most, a line once at most

    def cover(cost: npt.NDArray[np.float64]) -> tuple[set[int], bool]:
        """The choices of a cover of least ``cost`` (none found: empty), and whether it is proven least."""
        result = milp(
            cost, constraints=packing, integrality=np.ones(len(choices)), bounds=Bounds(0, 1),
            options={"node_limit": _NODES},
        )  # fmt: skip
        found = set() if result.x is None else set(np.flatnonzero(result.x > 0.5).tolist())
        return found, result.status == 0

    most, proven = cover(-np.ones(len(choices)))
    if not (most and proven):
        return {}
    common = set(most)
    weight = len(targets) + 1.0  # one more target explained outweighs every agreement
    for _ in range(_MAX_ROUNDS):
        agreeing = np.zeros(len(choices))
        agreeing[sorted(common)] = 1.0
        other, proven = cover(agreeing - weight)
        if len(other) < len(most):  # found no largest cover (not proven in time): nothing can be said
            return {}
        if common <= other:  # a largest cover agreeing as little as any can: all it keeps is forced
            return dict(choices[k] for k in sorted(common)) if proven else {}
        common &= other  # another largest cover: what it chose otherwise is not forced
        if not common:
            return {}
    return {}
