"""Whole-process time of ``bahi statements --write`` and ``bahi budget --write``, beside the trial balance.

Each command runs as its own process on a fresh copy of the book (the copy is not timed), the
commands round-robin ``--repeat`` times; wall time and peak resident memory come from ``os.wait4``
(:func:`benchmarks.run.run_process`). The named peer, measured in the same run on the same book, is
``bahi trial-balance --write``: it reads the same three ledger tables, builds one report and writes
one owned sheet and the Issues sheet, so the ratio says what the Schedule III statements, the cash
flow's voucher tracing, the dashboard's charts and the extra sheets cost on top.

Books:

- ``demo``: the committed demo workbook (3,281 journal lines, its ReportLines and Budget tables);
- ``N`` lines (default 1,048,575, a full sheet): :func:`benchmarks.generate.make_journal` (seed 7)
  written with a ReportLines table (the mapping of :mod:`benchmarks.statements_time`) and a Budget
  table (twelve months of ten accounts), cached in ``benchmarks/data/statements-N-s7.xlsx``.

Commands timed (``--quiet``; stdout to /dev/null):

    bahi trial-balance BOOK --write
    bahi statements BOOK --write
    bahi statements BOOK --write --monthly --compare last-year
    bahi budget BOOK --write

Usage: ``nice .venv/bin/python -m benchmarks.statements_cli [--lines 1048575] [--repeat 5] [--out FILE]``;
prints a markdown table per book (median seconds, peak MB, ratio to the trial balance paired by round).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from addin.engine.schema import BUDGET, REPORT_LINES
from benchmarks.generate import DATA_DIR, make_journal, write_workbook
from benchmarks.run import BIN, Sample, machine, median, run_process
from benchmarks.statements_time import MAPPING
from workbook_templates.build import DEMO_PATH

COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("trial-balance --write (peer)", ("trial-balance", "{book}", "--write", "--quiet")),
    ("statements --write", ("statements", "{book}", "--write", "--quiet")),
    ("statements --write --monthly --compare last-year",
     ("statements", "{book}", "--write", "--quiet", "--monthly", "--compare", "last-year")),
    ("budget --write", ("budget", "{book}", "--write", "--quiet")),
)  # fmt: skip
BUDGETED = (("4100", 2_00_00_000), ("4200", 50_00_000), ("5100", 1_50_00_000), ("5200", 12_00_000),
            ("5300", 3_00_000), ("5400", 80_000), ("5500", 40_000), ("5600", 60_000), ("5800", 5_000),
            ("5910", 1_00_000))  # fmt: skip
"""Accounts budgeted in the generated book and their monthly budget in rupees."""
MONTHS = ("Apr-2025", "May-2025", "Jun-2025", "Jul-2025", "Aug-2025", "Sep-2025", "Oct-2025", "Nov-2025",
          "Dec-2025", "Jan-2026", "Feb-2026", "Mar-2026")  # fmt: skip
TIMEOUT = 1800.0


def statements_book(lines: int, seed: int = 7) -> Path:
    """The generated book of ``lines`` journal lines with ReportLines and Budget tables, cached; made
    in a process of its own, so that this one stays small (a child forked from a big parent would
    count the parent's pages in its peak memory)."""
    path = DATA_DIR / f"statements-{lines}-s{seed}.xlsx"
    if not path.exists():
        command = [sys.executable, "-m", "benchmarks.statements_cli", "--prepare", str(lines)]
        subprocess.run(command, check=True)
    return path


def _prepare(lines: int, seed: int = 7) -> None:
    path = DATA_DIR / f"statements-{lines}-s{seed}.xlsx"
    report_lines = [[code, item, *(rest[:1] or [None]), *(rest[1:2] or [None]), None]
                    for code, item, *rest in MAPPING]  # fmt: skip
    budget = [[code, month, amount, None] for code, amount in BUDGETED for month in MONTHS]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    write_workbook(make_journal(lines, seed), partial, extra=((REPORT_LINES, report_lines), (BUDGET, budget)))
    partial.replace(path)


def measure(book: Path, repeat: int) -> dict[str, list[Sample]]:
    """Each command ``repeat`` times, round-robin, each on a fresh copy of ``book``."""
    samples: dict[str, list[Sample]] = {label: [] for label, _ in COMMANDS}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / book.name
        for _ in range(repeat):
            for label, argv in COMMANDS:
                shutil.copyfile(book, copy)
                command = [str(BIN / "bahi"), *(str(copy) if a == "{book}" else a for a in argv)]
                sample = run_process(command, TIMEOUT)
                if sample.exit_code not in (0, 1):
                    raise RuntimeError(f"{label} exited {sample.exit_code}: {sample.stderr_tail}")
                samples[label].append(sample)
    return samples


def table(name: str, samples: dict[str, list[Sample]]) -> str:
    """A command a row: median seconds, peak MB, and the ratio to the trial balance paired by round
    (the median of each round's ratio: the two runs of a round saw the same load)."""
    peer = samples[COMMANDS[0][0]]
    out = [f"### {name}", "", "| command | median s | peak MB | × trial balance |", "|---|---:|---:|---:|"]
    for label, runs in samples.items():
        seconds = median([s.seconds for s in runs])
        peak = max(s.peak_mb for s in runs)
        ratio = median([s.seconds / p.seconds for s, p in zip(runs, peer, strict=True)])
        out.append(f"| `bahi {label}` | {seconds:.2f} | {peak:.0f} | {ratio:.2f} |")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_048_575, help="generated journal lines (0: demo only)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the tables to this markdown file")
    parser.add_argument("--prepare", type=int, metavar="LINES", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare:
        _prepare(args.prepare)
        return 0
    books = [("demo (3,281 lines)", Path(DEMO_PATH))]
    if args.lines:
        books.append((f"{args.lines:,} lines", statements_book(args.lines)))
    parts = [f"Machine: {machine()}; median of {args.repeat} runs each, whole process."]
    for name, book in books:
        parts.append(table(name, measure(book, args.repeat)))
        print(parts[-1], flush=True)
    if args.out:
        args.out.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
