"""What the audit trail adds to ``bahi validate --write``, whole process, at 100,000 and 1,048,575 lines.

For each size: a fresh copy of the generated book (:mod:`benchmarks.generate`), then, as separate
processes, (a) ``bahi validate`` (reads only), (b) ``bahi validate --write`` with the audit trail
switched off inside the benchmark's own process only (the product has no switch: the audit trail
cannot be turned off), (c) the first audited ``--write`` (records the baseline and the snapshot),
(d) an audited ``--write`` of an unchanged book, (e) an audited ``--write`` after one voucher changed.
Medians of ``--repeat`` runs; ratios against (b). Target: (d)/(b) and (e)/(b) under 1.20.

    PYTHONPATH=. python -m benchmarks.audit_overhead --sizes 100000 1048575 --repeat 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import bench_files

NO_AUDIT = (
    "import sys, addin.macros.run as run, addin.macros.audit as audit;"
    "run.audit_findings = lambda *a, **k: [];"
    "run.write_audit = lambda *a, **k: ();"
    "run.audit_to_record = lambda *a, **k: type('R', (), {'issues': ()})();"
    "from addin.cli import main; sys.exit(main(sys.argv[1:]))"
)
BAHI = "from addin.cli import main; import sys; sys.exit(main(sys.argv[1:]))"


def timed(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=False, capture_output=True)
    return time.perf_counter() - started


def touch_one_voucher(path: Path) -> None:
    """Change one amount of the Journal's first line, as a user would in Excel (openpyxl is too slow
    for a million lines: the cell's value is replaced in the sheet XML)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        names = source.namelist()
        parts = {n: source.read(n) for n in names}
    sheet = next(n for n in names if n.startswith("xl/worksheets/sheet") and b'<c r="D2"' in parts[n])
    parts[sheet] = re.sub(rb'(<c r="D2"[^>]*>)<v>([^<]*)</v>', rb"\g<1><v>1234.5</v>", parts[sheet], count=1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, parts[name])


def measure(size: int, repeat: int) -> dict[str, float]:
    source = bench_files(size).xlsx
    found: dict[str, list[float]] = {
        k: [] for k in ("validate", "write_no_audit", "first", "unchanged", "one_edit")
    }
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            book = Path(folder) / "book.xlsx"
            shutil.copy(source, book)
            found["validate"].append(timed(BAHI, "validate", str(book), "-q"))
            found["write_no_audit"].append(timed(NO_AUDIT, "validate", str(book), "--write", "-q"))
            shutil.copy(source, book)
            found["first"].append(timed(BAHI, "validate", str(book), "--write", "-q"))
            found["unchanged"].append(timed(BAHI, "validate", str(book), "--write", "-q"))
            touch_one_voucher(book)
            found["one_edit"].append(timed(BAHI, "validate", str(book), "--write", "-q"))
    return {k: statistics.median(v) for k, v in found.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_048_575])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        "| lines | validate | --write, no audit | first audited | unchanged | one edit | unchanged ÷ no audit | one edit ÷ no audit |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        m = measure(size, args.repeat)
        base = m["write_no_audit"]
        print(
            f"| {size:,} | {m['validate']:.2f} s | {base:.2f} s | {m['first']:.2f} s | {m['unchanged']:.2f} s | "
            f"{m['one_edit']:.2f} s | {m['unchanged'] / base:.2f} | {m['one_edit'] / base:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
