"""What the audit trail adds to ``bahi validate --write``, whole process, at 100,000 and 1,048,575 lines.

Each repeat takes fresh copies of the generated book (:mod:`benchmarks.generate`, made once and cached)
and times separate processes, the audited and the unaudited runs interleaved so that both see the same
load on a shared machine:

- *without the audit trail* (switched off inside the benchmark's own process only: the product has
  no switch), on a book written once before: a rerun of an unchanged book, then a run after one
  amount of the first voucher changed;
- *with the audit trail*: the first run (records the baseline and the hidden record), a rerun of the
  unchanged book (hashes the Journal, reads and rewrites nothing big), then a run after the same one
  change (reads the record, lists the change, writes a new record).

Medians of ``--repeat`` runs, and each audited run ÷ the unaudited run of the same kind, in wall-clock
seconds and in CPU seconds (user + system of the process: on a machine shared with others, wall time
waits for their work too, CPU time much less). Target: the audit trail adds less than 20% at
1,048,575 lines (both ratios under 1.20).

    PYTHONPATH=. python -m benchmarks.audit_overhead --sizes 100000 1048575 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks.generate import make_journal_book

NO_AUDIT = (
    "import sys, addin.macros.run as run;"
    "from addin.engine.checks import check_ledger;"
    "run.checked_with_audit = lambda book, ledger: check_ledger(ledger);"
    "run.audit_to_record = lambda *a, **k: type('R', (), {'issues': ()})();"
    "run.write_audit = lambda *a, **k: ();"
    "from addin.cli import main; sys.exit(main(sys.argv[1:]))"
)
BAHI = "import sys; from addin.cli import main; sys.exit(main(sys.argv[1:]))"
KINDS = ("rerun_plain", "edit_plain", "first", "rerun", "edit")


def timed(code: str, book: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one whole ``bahi validate BOOK --write`` process; a run that could
    not read or save the book (exit 2 or more) stops the benchmark: its time would measure nothing."""
    args = ["validate", str(book), "--write", "-q"]
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=out, stderr=out, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if child.returncode > 1:
            out.seek(0)
            raise SystemExit(f"bahi {' '.join(args)} exited {child.returncode}:\n{out.read()}")
    return seconds, usage.ru_utime + usage.ru_stime


def touch_one_voucher(path: Path) -> None:
    """Change one amount of the Journal's first line, as a user would in Excel (openpyxl is too slow
    for a million lines: the cell's value is replaced in the sheet XML)."""
    with zipfile.ZipFile(path) as source:
        names = source.namelist()
        parts = {n: source.read(n) for n in names}
    sheet = next(n for n in names if n.startswith("xl/worksheets/sheet") and b'<c r="D2"' in parts[n])
    parts[sheet], found = re.subn(
        rb'(<c r="D2"[^>]*>)<v>[^<]*</v>', rb"\g<1><v>1234.5</v>", parts[sheet], count=1
    )
    if not found:
        raise SystemExit(f"{path}: no number in Journal!D2 to change")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name in names:
            target.writestr(name, parts[name])


def measure(size: int, repeat: int) -> dict[str, tuple[float, float]]:
    """Each kind of run's median wall-clock and CPU seconds."""
    source = make_journal_book(size, verbose=True).xlsx
    found: dict[str, list[tuple[float, float]]] = {k: [] for k in KINDS}
    with tempfile.TemporaryDirectory() as folder:
        plain, audited = Path(folder) / "plain.xlsx", Path(folder) / "audited.xlsx"
        for _ in range(repeat):
            shutil.copy(source, plain)
            timed(NO_AUDIT, plain)  # writes its Issues sheet once, as the audited book's first run does
            found["rerun_plain"].append(timed(NO_AUDIT, plain))
            shutil.copy(source, audited)
            found["first"].append(timed(BAHI, audited))
            found["rerun"].append(timed(BAHI, audited))
            touch_one_voucher(plain)
            touch_one_voucher(audited)
            found["edit_plain"].append(timed(NO_AUDIT, plain))
            found["edit"].append(timed(BAHI, audited))
    return {
        k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in found.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_048_575])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        "| lines | seconds | rerun, no audit | rerun, audited | ratio "
        "| one edit, no audit | one edit, audited | ratio | first audited run |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        m = measure(size, args.repeat)
        for which, at in (("wall", 0), ("CPU", 1)):
            rerun, edit = m["rerun"][at] / m["rerun_plain"][at], m["edit"][at] / m["edit_plain"][at]
            print(
                f"| {size:,} | {which} | {m['rerun_plain'][at]:.2f} | {m['rerun'][at]:.2f} | {rerun:.2f} "
                f"| {m['edit_plain'][at]:.2f} | {m['edit'][at]:.2f} | {edit:.2f} | {m['first'][at]:.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
