"""Where a matcher loses links on a labelled case: a diagnostic for developing the matcher.

For one generator, size and seed it runs :func:`match_lines` once (timing each pass) and buckets

- every missed true link by the generator's kind and by why it was missed: *ambiguous* (the data
  does not determine it: :mod:`benchmarks.reconciliation_identifiable`), *taken* (a line of it went
  to another match: by that match's rule), *left* (both lines left unmatched; split links by whether
  the hub was left too), *half* (one line left, the other in a right match of another kind);
- every wrong link by the kind of its bank line's true link and the rule that made it;

and prints, beside the raw figures, precision and recall where the data decides ("determined":
recall over the true links that are not ambiguous, precision over the links found on lines that
no ambiguous true link holds). Cases are kept in ``benchmarks/data/`` (pickled; gitignored) so that
reruns skip generating.

    python -m benchmarks.reconciliation_losses sme 100000 11 [--reassignments]

``--reassignments`` also runs the slower search for reassignments among many groups
(:func:`benchmarks.reconciliation_identifiable.reassigned_links`) and prints how many more links it
makes ambiguous, with the ceiling and the determined figures both ways.
"""

from __future__ import annotations

import argparse
import pickle
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.reconciliation import matching
from addin.engine.reconciliation.channels import channel_masks
from addin.engine.reconciliation.splits import SplitSearch, all_subsets
from benchmarks.reconciliation_case import Case
from benchmarks.reconciliation_identifiable import ambiguous_links, reassigned_links, scores

DATA = Path(__file__).parent / "data"
PASSES = ("_match_on_user_rules", "_match_on_reference", "_match_on_amount", "_match_splits")


def load_case(generator: str, n: int, seed: int) -> Case:
    """The labelled case, generated once and kept."""
    from benchmarks.reconciliation_cases import GENERATORS  # noqa: PLC0415 (import cycle)

    path = DATA / f"recon-{generator}-{n}-s{seed}.pickle"
    if path.exists():
        with path.open("rb") as f:
            case: Case = pickle.load(f)
            return case
    case = GENERATORS[generator](n, seed)
    DATA.mkdir(exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(case, f)
    return case


def load_ambiguous(case: Case, generator: str, n: int, seed: int) -> set[tuple[int, int]]:
    """The case's ambiguous links (:func:`ambiguous_links`), worked out once and kept."""
    path = DATA / f"recon-{generator}-{n}-s{seed}-shape-windows.pickle"  # whole groups, windows by shape
    if path.exists():
        with path.open("rb") as f:
            kept: set[tuple[int, int]] = pickle.load(f)
            return kept
    ambiguous = ambiguous_links(case)
    with path.open("wb") as f:
        pickle.dump(ambiguous, f)
    return ambiguous


def timed_passes() -> dict[str, float]:
    """Wrap the matcher's passes so that each one's seconds add up in the returned dict."""
    seconds: dict[str, float] = defaultdict(float)
    for name in PASSES:
        original = getattr(matching, name)

        def wrapper(
            *args: Any, _original: Callable[..., Any] = original, _name: str = name, **kw: Any
        ) -> Any:
            t0 = time.perf_counter()
            try:
                return _original(*args, **kw)
            finally:
                seconds[_name] += time.perf_counter() - t0

        setattr(matching, name, wrapper)
    return seconds


def diagnose(case: Case, result: matching.Matching, ambiguous: set[tuple[int, int]]) -> str:
    links = case.links
    rule_of_bank: dict[int, str] = {}
    rule_of_book: dict[int, str] = {}
    found: set[tuple[int, int]] = set()
    for m in result.matches:
        for b in m.bank_rows:
            rule_of_bank[b] = m.rule
        for j in m.journal_rows:
            rule_of_book[j] = m.rule
        found.update((b, j) for b in m.bank_rows for j in m.journal_rows)
    kind_of = case.kinds
    missed: Counter[tuple[str, str]] = Counter()
    for b, j in links - found:
        kind = kind_of.get((b, j), "?")
        if (b, j) in ambiguous:
            why = "ambiguous"
        elif b in rule_of_bank and j in rule_of_book:
            why = f"both taken ({rule_of_bank[b]}/{rule_of_book[j]})"
        elif b in rule_of_bank:
            why = f"bank taken ({rule_of_bank[b]})"
        elif j in rule_of_book:
            why = f"book taken ({rule_of_book[j]})"
        else:
            why = "both left"
        missed[(kind, why)] += 1
    true_bank: dict[int, str] = {b: kind_of.get((b, j), "?") for b, j in links}
    true_book: dict[int, str] = {j: kind_of.get((b, j), "?") for b, j in links}
    wrong: Counter[tuple[str, str]] = Counter()
    for b, j in found - links:
        kind = true_bank.get(b, "bank-only") + " ~ " + true_book.get(j, "book-only")
        wrong[(kind, rule_of_bank[b])] += 1
    total = Counter(kind_of.get(link, "?") for link in links)
    out = ["missed true links (kind, why): count"]
    out += [f"  {k:16} {why:40} {n:6}" for (k, why), n in missed.most_common()]
    out += ["wrong links (bank kind ~ book kind, rule): count"]
    out += [f"  {k:34} {rule:22} {n:6}" for (k, rule), n in wrong.most_common(30)]
    out += ["links by kind: " + ", ".join(f"{k} {n}" for k, n in total.most_common())]
    return "\n".join(out)


def undetermined_splits(
    case: Case, sample: int, window_days: int = 7
) -> tuple[int, int, int, set[tuple[int, int]]]:
    """Of the true splits (one line, 2–4 on the other side), how many the amounts do not determine
    even when every other link is made right: among the other side's lines of its sign in its day
    range, dated at most 10 days apart, naming its channel or none, and not truly linked one to one
    (those lines would be taken by their own match), at least two sets of 2–4 add up to it.

    Returns (true splits, splits looked at, of those undetermined, the links of the undetermined
    ones); at most ``sample`` splits are looked at (a seeded sample). Only the split's own
    candidates are looked at: the choices other splits force can still settle an undetermined one
    (:func:`~addin.engine.reconciliation.splits.settle`), so this is no bound either way."""
    hubs: dict[tuple[str, int], list[int]] = defaultdict(list)
    bank_count = Counter(b for b, _ in case.links)
    book_count = Counter(j for _, j in case.links)
    for b, j in case.links:
        if book_count[j] == 1 and bank_count[b] > 1:
            hubs[("bank", b)].append(j)
        elif bank_count[b] == 1 and book_count[j] > 1:
            hubs[("book", j)].append(b)
    one_to_one_bank = {b for b, j in case.links if bank_count[b] == 1 and book_count[j] == 1}
    one_to_one_book = {j for b, j in case.links if bank_count[b] == 1 and book_count[j] == 1}
    sides = {}
    for name, frame, text, taken in (
        ("bank", case.bank, frame_text(case.bank, "bank"), one_to_one_bank),
        ("book", case.book, frame_text(case.book, "book"), one_to_one_book),
    ):
        rows = frame["row"].to_numpy()
        sides[name] = (
            {int(r): i for i, r in enumerate(rows.tolist())},
            frame["date"].to_numpy().astype("datetime64[D]").astype(np.int64),
            frame["amount"].to_numpy(),
            channel_masks(text),
            np.array([int(r) not in taken for r in rows.tolist()]),
            rows,
        )
    keys = sorted(hubs)
    random.Random(0).shuffle(keys)
    total, keys = len(keys), keys[:sample]
    undetermined = 0
    links: set[tuple[int, int]] = set()
    for side, hub in keys:
        other = "book" if side == "bank" else "bank"
        h_index, h_days, h_amounts, h_channels, _, _ = sides[side]
        _, days, amounts, channels, usable, _ = sides[other]
        h = h_index[hub]
        search = SplitSearch(window_days, before=side == "bank", max_options=1)
        first, last = search.day_range(int(h_days[h]))
        amount = int(h_amounts[h])
        fits = (days >= first) & (days <= last) & usable & (np.sign(amounts) == np.sign(amount))
        fits &= np.abs(amounts) < abs(amount)
        if h_channels[h]:
            fits &= ((channels & h_channels[h]) != 0) | (channels == 0)
        lines = np.flatnonzero(fits)
        lines = lines[np.argsort(days[lines], kind="stable")]
        found = all_subsets(lines, days, amounts, amount, search)
        if found is None or len(found) >= 2:
            undetermined += 1
            spokes = hubs[(side, hub)]
            links.update((hub, s) if side == "bank" else (s, hub) for s in spokes)
    return total, len(keys), undetermined, links


def frame_text(frame: pd.DataFrame, side: str) -> list[str]:
    if side == "bank":
        return [str(t) for t in frame["description"]]
    return [f"{n} {p}" for n, p in zip(frame["narration"], frame["party"], strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("generator")
    parser.add_argument("n", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("--no-ceiling", action="store_true", help="skip the ambiguity search")
    parser.add_argument(
        "--reassignments",
        action="store_true",
        help="also search reassignments among many groups: how many more links they make ambiguous",
    )
    parser.add_argument(
        "--splits",
        type=int,
        default=0,
        metavar="N",
        help="also look at N true splits: how many the amounts do not determine",
    )
    args = parser.parse_args()
    case = load_case(args.generator, args.n, args.seed)
    seconds = timed_passes()
    t0, c0 = time.perf_counter(), time.process_time()
    result = matching.match_lines(case.bank, case.book)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    found = {(b, j) for m in result.matches for b in m.bank_rows for j in m.journal_rows}
    ambiguous = set() if args.no_ceiling else load_ambiguous(case, args.generator, args.n, args.seed)
    s = scores(case, found, ambiguous)
    print(
        f"{args.generator} {args.n} s{args.seed}: P {s.precision:.4f} R {s.recall:.4f} "
        f"ceiling {s.ceiling:.4f} determined: R {s.recall_determined:.4f} "
        f"P {s.precision_determined:.4f} "
        f"links {len(case.links)} ambiguous {len(ambiguous)}  {wall:.2f} s wall {cpu:.2f} s cpu"
    )
    print("  passes: " + ", ".join(f"{k.strip('_')} {v:.2f} s" for k, v in seconds.items()))
    print(diagnose(case, result, ambiguous))
    if args.reassignments:
        t0 = time.perf_counter()
        more = reassigned_links(case) - ambiguous
        wider = scores(case, found, ambiguous | more)
        print(
            f"reassignments among many groups: {len(more)} more ambiguous links "
            f"({Counter(case.kinds.get(link, '?') for link in more).most_common()}), ceiling "
            f"{s.ceiling:.4f} → {wider.ceiling:.4f}, determined: R {wider.recall_determined:.4f} "
            f"P {wider.precision_determined:.4f}  {time.perf_counter() - t0:.0f} s"
        )
    if args.splits:
        total, looked, undetermined, links = undetermined_splits(case, args.splits)
        print(
            f"true splits {total}, looked at {looked}, not determined by their own candidates' amounts "
            f"{undetermined} ({undetermined / max(1, looked):.1%})"
        )
        if looked == total:
            missed = (links - ambiguous) & (case.links - found)
            resolvable = case.links - ambiguous - links
            print(
                f"  their links {len(links)}, not ambiguous by the ceiling {len(links - ambiguous)}, "
                f"of those missed {len(missed)}; recall over the links neither ambiguous nor in such a "
                f"split: {len(found & resolvable) / max(1, len(resolvable)):.4f} (of {len(resolvable)})"
            )


if __name__ == "__main__":
    main()
