"""The chart of accounts as a tree: parents, children, depth and the order reports list them in.

Reports read the hierarchy through :func:`account_tree`, which is forgiving where the workbook is
wrong (validation has already reported it):

- a duplicated code keeps its first row;
- a parent that is blank, unknown, the account itself, or part of a cycle is ignored, so the
  account stands as a root;
- codes are listed parents before children, siblings (and roots) in natural code order
  ("A2" before "A10").

>>> import pandas as pd

from addin.engine.cells import fold
>>> accounts = pd.DataFrame({
...     "code": ["2000", "1000", "1100", "1110", "X", "Y"],
...     "name": ["Capital", "Assets", "Current", "Bank", "Loop x", "Loop y"],
...     "type": ["Equity", "Asset", "Asset", "Asset", "Asset", "Asset"],
...     "parent": ["", "", "1000", "1100", "Y", "X"],
...     "opening": [-500, 0, 0, 500, 0, 0],
... })
>>> tree = account_tree(accounts)
>>> tree.codes
('1000', '1100', '1110', '2000', 'X', 'Y')
>>> tree.depth["1110"], tree.parent["1110"], tree.parent["X"]
(2, '1100', '')
>>> tree.descendants("1000")
('1100', '1110')
>>> tree.ancestors("1110")
('1100', '1000')
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from addin.engine.cells import fold

_DIGITS = re.compile(r"(\d+)")


def natural_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading runs of digits as numbers: "A2" < "A10", "999" < "1000".

    >>> sorted(["A10", "A2", "1000", "999", "B"], key=natural_key)
    ['999', '1000', 'A2', 'A10', 'B']
    """
    parts = (part for part in _DIGITS.split(code) if part)
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold()) for part in parts)


@dataclass(frozen=True)
class AccountTree:
    """The accounts of a ledger arranged as a forest.

    ``codes`` is the report order (depth-first, parents before children); ``parent`` maps a code to
    its (valid) parent code or ""; ``children`` to its children in order; ``depth`` is 0 for roots.
    ``name``, ``type`` and ``opening`` (int paise, debit positive) come from the account's row.
    """

    codes: tuple[str, ...]
    parent: Mapping[str, str]
    children: Mapping[str, tuple[str, ...]]
    depth: Mapping[str, int]
    name: Mapping[str, str]
    type: Mapping[str, str]
    opening: Mapping[str, int]

    def is_group(self, code: str) -> bool:
        """True when the account has sub-accounts."""
        return bool(self.children.get(code))

    def descendants(self, code: str) -> tuple[str, ...]:
        """Every account below ``code``, in report order (not including ``code``)."""
        found: list[str] = []
        stack = list(reversed(self.children.get(code, ())))
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self.children.get(current, ())))
        return tuple(found)

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The parent, grandparent, … of ``code`` up to its root."""
        chain: list[str] = []
        current = self.parent.get(code, "")
        while current:
            chain.append(current)
            current = self.parent.get(current, "")
        return tuple(chain)

    def find(self, text: str) -> str | None:
        """The code of the account ``text`` names: its code, else its name (case and spacing ignored)."""
        wanted = " ".join(str(text).split())
        if wanted in self.name:
            return wanted
        folded = fold(wanted)
        for code in self.codes:
            if fold(code) == folded:
                return code
        for code in self.codes:
            if fold(self.name[code]) == folded:
                return code
        return None


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _cycle_members(parent: dict[str, str]) -> set[str]:
    """Codes that lie on a parent cycle (including an account that is its own parent)."""
    on_cycle: set[str] = set()
    settled: set[str] = set()
    for start in parent:
        path: list[str] = []
        seen_at: dict[str, int] = {}
        current = start
        while current and current not in settled and current not in seen_at:
            seen_at[current] = len(path)
            path.append(current)
            current = parent.get(current, "")
        if current in seen_at:
            on_cycle.update(path[seen_at[current] :])
        settled.update(path)
    return on_cycle


def account_tree(accounts: pd.DataFrame, extra_codes: tuple[str, ...] = ()) -> AccountTree:
    """Arrange ``Ledger.accounts`` as a tree (see the module docstring for how faults are treated).

    ``extra_codes`` are codes met in the journal but missing from the accounts (a loader keeps them
    out, but a report must not lose their amounts): they become nameless roots.
    """
    name: dict[str, str] = {}
    kind: dict[str, str] = {}
    opening: dict[str, int] = {}
    raw_parent: dict[str, str] = {}
    codes = [_text(c) for c in accounts["code"]] if "code" in accounts else []
    blank: list[object] = [None] * len(codes)
    columns = {c: list(accounts[c]) if c in accounts else blank for c in ("name", "type", "parent")}
    openings = list(accounts["opening"]) if "opening" in accounts else [0] * len(codes)
    for i, code in enumerate(codes):
        if not code or code in name:
            continue
        name[code] = _text(columns["name"][i])
        kind[code] = _text(columns["type"][i])
        raw_parent[code] = _text(columns["parent"][i])
        value = openings[i]
        opening[code] = 0 if pd.isna(value) else int(value)
    for code in extra_codes:
        if code and code not in name:
            name[code], kind[code], raw_parent[code], opening[code] = "", "", "", 0
    parent = {code: (p if p in name and p != code else "") for code, p in raw_parent.items()}
    for code in _cycle_members(parent):
        parent[code] = ""
    children_lists: dict[str, list[str]] = {code: [] for code in name}
    roots: list[str] = []
    for code in name:
        (children_lists[parent[code]] if parent[code] else roots).append(code)
    children = {code: tuple(sorted(kids, key=natural_key)) for code, kids in children_lists.items() if kids}
    order: list[str] = []
    depth: dict[str, int] = {}
    stack = [(code, 0) for code in sorted(roots, key=natural_key, reverse=True)]
    while stack:
        code, level = stack.pop()
        order.append(code)
        depth[code] = level
        stack.extend((kid, level + 1) for kid in reversed(children.get(code, ())))
    return AccountTree(tuple(order), parent, children, depth, name, kind, opening)
