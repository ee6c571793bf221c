"""Text output against CSV: ``bahi daybook`` and ``bahi ledger`` on a generated book, whole process.

    python -m benchmarks.terminal_output [--lines 200000] [--repeat 3] [--account 1000]

The target (issue 8 §2): the text table, laid out for a terminal, within ~1.2× of ``--format csv``
of the same report — once 216 s against 7.8 s at 200,000 lines. Each command runs as its own process
(``benchmarks.run.run_process``: wall time and peak memory from ``os.wait4``), stdout to /dev/null,
``--quiet``, round-robin ``--repeat`` times. Three shapes of text: unlimited width (stdout a file or a
pipe, ``COLUMNS`` unset), ``COLUMNS=100`` and ``COLUMNS=200`` (narration wrapped to fit).

Printed: a markdown table of medians, peak memory and the paired ratio to the same report's CSV (the
median over rounds of text ÷ CSV in the same round: on a shared machine steadier than a ratio of
medians), with the exact command and the load average.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.generate import make_journal_book
from benchmarks.run import BIN, Sample, machine, median, run_process

TARGET_RATIO = 1.2
WIDTHS: tuple[str | None, ...] = (None, "100", "200")


@dataclass(frozen=True)
class Case:
    """One command: a report, its format and (for text) the terminal width it is laid out for."""

    report: str
    format: str
    columns: str | None = None

    @property
    def key(self) -> str:
        shape = f"text, COLUMNS={self.columns}" if self.columns else self.format
        return f"{self.report} ({shape})"

    def argv(self, book: str, account: str) -> list[str]:
        args = ["ledger", book, account] if self.report == "ledger" else [self.report, book]
        return [str(BIN / "bahi"), *args, "--format", self.format, "--quiet"]


def cases() -> list[Case]:
    found: list[Case] = []
    for report in ("daybook", "ledger"):
        found.append(Case(report, "csv"))
        found.extend(Case(report, "text", width) for width in WIDTHS)
    return found


def timed(case: Case, book: str, account: str, timeout: float) -> Sample:
    """One run of ``case`` with ``COLUMNS`` set as it asks (and unset otherwise)."""
    saved = os.environ.pop("COLUMNS", None)
    try:
        if case.columns:
            os.environ["COLUMNS"] = case.columns
        return run_process(case.argv(book, account), timeout)
    finally:
        os.environ.pop("COLUMNS", None)
        if saved is not None:
            os.environ["COLUMNS"] = saved


def paired(samples: dict[str, list[Sample]], key: str, base: str) -> float:
    pairs = zip(samples[key], samples[base], strict=True)
    return median([a.seconds / b.seconds for a, b in pairs if {a.exit_code, b.exit_code} <= {0, 1}])


def table(samples: dict[str, list[Sample]], found: Sequence[Case]) -> str:
    rows = [
        "| Command | Median s | Peak MB | × CSV (paired) | Within 1.2×? |",
        "|---|---:|---:|---:|---|",
    ]
    for case in found:
        runs = samples[case.key]
        seconds = median([s.seconds for s in runs])
        peak = max(s.peak_mb for s in runs)
        if case.format == "csv":
            rows.append(f"| {case.key} | {seconds:.2f} | {peak:.0f} | 1.00 | — |")
            continue
        ratio = paired(samples, case.key, Case(case.report, "csv").key)
        verdict = "✅ yes" if ratio <= TARGET_RATIO else "❌ no"
        rows.append(f"| {case.key} | {seconds:.2f} | {peak:.0f} | {ratio:.2f} | {verdict} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--account", default="1000", help="the ledger's account (default 1000, Assets)")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args(argv)

    book = str(make_journal_book(args.lines, verbose=True).xlsx)
    found = cases()
    samples: dict[str, list[Sample]] = {c.key: [] for c in found}
    load_before = os.getloadavg()[0]
    for r in range(args.repeat):
        for case in found:
            sample = timed(case, book, args.account, args.timeout)
            samples[case.key].append(sample)
            flag = "" if sample.exit_code in (0, 1) else f"  exit {sample.exit_code}: {sample.stderr_tail}"
            print(f"  run {r + 1}/{args.repeat} {case.key:28s} {sample.seconds:7.2f} s "
                  f"{sample.peak_mb:6.0f} MB{flag}", file=sys.stderr, flush=True)
    load_after = os.getloadavg()[0]
    command = "python -m benchmarks.terminal_output " + shlex.join(sys.argv[1:] if argv is None else argv)
    print(f"\n`{command.strip()}` — {args.lines:,} journal lines, ledger of account {args.account}, "
          f"{args.repeat} rounds; load average {load_before:.2f} → {load_after:.2f}.\n")
    print(f"Machine: {machine()}\n")
    print(table(samples, found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
