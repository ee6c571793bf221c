"""Speed and memory of Bahi against ledger, hledger, beancount and a bare fastexcel read.

    python -m benchmarks.run [--sizes 100000 1048575] [--repeat 3] [--out benchmarks/results/latest.md]

For each size, one journal is generated (:mod:`benchmarks.generate`, cached) as a Bahi workbook and
as the peers' text files, and every command runs as a separate whole process ``--repeat`` times,
round-robin, recording wall time and peak RSS (``os.wait4``). Printed, and written to ``--out``:
medians, peak memory, the ratio to ``ledger bal`` and whether the engine's targets are met:

- ``bahi validate`` and ``bahi trial-balance``, whole process including the read, faster than
  ``ledger bal``; peak memory under 2 GB;
- engine time after the read (load + checks + trial balance, timed in-process by
  :mod:`benchmarks.engine_time`) under 1 s;
- ``bahi validate --write`` under 3× ``bahi validate``, and the package entries it leaves unchanged
  copied byte for byte (checked after the first write: CRC and raw compressed bytes).

At sizes up to ``--check-max`` lines a correctness line compares the closing balance of every
posting account: Bahi's trial balance, ``ledger bal``, ``hledger bal`` and the generator's own sums
must agree to the paisa.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import fastexcel

from addin.engine.money import from_decimal_string
from benchmarks.generate import BenchFiles, bench_files, make_journal_book

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "latest.md"
DEFAULT_SIZES = (100_000, 1_048_575)
MEMORY_LIMIT_MB = 2048
ENGINE_LIMIT_S = 1.0
WRITE_FACTOR = 3.0


# --------------------------------------------------------------------------- measuring one process


@dataclass(frozen=True)
class Sample:
    """One whole-process run."""

    seconds: float
    peak_mb: float
    exit_code: int
    stderr_tail: str = ""


@dataclass(frozen=True)
class Step:
    """A command to time. ``{book}`` in argv is the workbook (a fresh copy when ``fresh_copy``)."""

    key: str
    label: str
    argv: tuple[str, ...]
    kind: str  # "floor", "bahi", "peer"
    fresh_copy: bool = False
    ok_codes: tuple[int, ...] = (0,)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # as the Makefile sets it
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_process(argv: Sequence[str], timeout: float, stdout: int | None = subprocess.DEVNULL) -> Sample:
    """Run ``argv`` to its end; wall time and the peak resident memory of it (and its waited-for children)."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=stdout, stderr=err, env=_env(), cwd=ROOT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-600:].decode("utf-8", "replace").strip()
    code = proc.returncode if elapsed < timeout else -9
    return Sample(elapsed, usage.ru_maxrss / 1024, code, tail)


def capture(argv: Sequence[str], timeout: float = 1800) -> str:
    """Run ``argv`` and return its stdout (for the correctness check); raises on failure."""
    done = subprocess.run(argv, capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=timeout,
                          check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{shlex.join(argv)} exited {done.returncode}: {done.stderr[-400:]}")
    return done.stdout


# --------------------------------------------------------------------------- the commands


def steps_for(files: BenchFiles) -> list[Step]:
    """The commands compared at one size, in the table's order."""
    bahi = str(BIN / "bahi")
    py = sys.executable
    led, bean = str(files.ledger), str(files.beancount)
    return [
        Step("fastexcel", "fastexcel read of the Journal table (floor)",
             (py, str(ROOT / "benchmarks" / "fastexcel_read.py"), "{book}"), "floor"),
        Step("validate", "`bahi validate BOOK --quiet`", (bahi, "validate", "{book}", "--quiet"), "bahi"),
        Step("trial-balance", "`bahi trial-balance BOOK --quiet --format csv`",
             (bahi, "trial-balance", "{book}", "--quiet", "--format", "csv"), "bahi"),
        Step("validate-write", "`bahi validate BOOK --write --quiet` (fresh copy)",
             (bahi, "validate", "{book}", "--write", "--quiet"), "bahi", fresh_copy=True),
        Step("ledger-bal", "`ledger -f X bal`", ("ledger", "-f", led, "bal"), "peer"),
        Step("hledger-check", "`hledger -f X check`", ("hledger", "-f", led, "check"), "peer"),
        Step("hledger-balance", "`hledger -f X balance`", ("hledger", "-f", led, "balance"), "peer"),
        # --no-cache: otherwise beancount pickles the parsed file next to it and later runs only unpickle.
        Step("bean-check", "`bean-check --no-cache X`", (str(BIN / "bean-check"), "--no-cache", bean),
             "peer"),
    ]


def _argv(step: Step, book: Path) -> list[str]:
    return [str(book) if a == "{book}" else a for a in step.argv]


# --------------------------------------------------------------------------- --write: what it left alone


def _raw_entry(path: Path, info: zipfile.ZipInfo) -> bytes:
    """An entry's compressed bytes as stored (no decompression)."""
    with path.open("rb") as fh:
        fh.seek(info.header_offset)
        header = fh.read(30)
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        return fh.read(info.compress_size)


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> sheet name."""
    workbook = zf.read("xl/workbook.xml").decode("utf-8")
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets: dict[str, str] = {}
    for rel in re.findall(r"<Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]*)"', rel)
        target = re.search(r'\bTarget="([^"]*)"', rel)
        if rid and target:
            t = target.group(1)
            targets[rid.group(1)] = t[1:] if t.startswith("/") else "xl/" + t
    names: dict[str, str] = {}
    for sheet in re.findall(r"<sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', sheet)
        rid = re.search(r'\br:id="([^"]*)"', sheet)
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = name.group(1)
    return names


@dataclass
class WriteCheck:
    """How a ``--write`` run changed the package."""

    unchanged: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    readable: str = ""

    def summary(self) -> str:
        def names(items: list[str]) -> str:
            return ", ".join(items) if items else "none"

        return (f"unchanged byte for byte (CRC and raw compressed bytes): {names(self.unchanged)}; "
                f"rewritten: {names(self.changed)}; added: {names(self.added)}; "
                f"removed: {names(self.removed)}; "
                f"written book re-read with fastexcel: {self.readable}")


def check_write(before: Path, after: Path) -> WriteCheck:
    """Compare two packages entry by entry: raw compressed bytes and CRC."""
    result = WriteCheck()
    with zipfile.ZipFile(before) as a, zipfile.ZipFile(after) as b:
        sheets = {**_sheet_names(a), **_sheet_names(b)}

        def label(name: str) -> str:
            return f"{name} ({sheets[name]})" if name in sheets else name

        old = {i.filename: i for i in a.infolist()}
        new = {i.filename: i for i in b.infolist()}
        for name, info in old.items():
            if name not in new:
                result.removed.append(label(name))
                continue
            other = new[name]
            same = (info.CRC == other.CRC and info.file_size == other.file_size
                    and hashlib.sha256(_raw_entry(before, info)).digest()
                    == hashlib.sha256(_raw_entry(after, other)).digest())
            (result.unchanged if same else result.changed).append(label(name))
        result.added = [label(n) for n in new if n not in old]
    try:
        tables = fastexcel.read_excel(str(after)).table_names()
        result.readable = f"yes, tables {', '.join(tables)}"
    except Exception as exc:  # any failure to read is the finding
        result.readable = f"NO: {exc}"
    return result


# --------------------------------------------------------------------------- correctness


def _amount(text: str) -> int:
    return from_decimal_string(text.replace("INR", "").replace("₹", "").replace(",", "").strip() or "0")


def bahi_closing(files: BenchFiles) -> dict[str, int]:
    """Closing balance per account code from ``bahi trial-balance --format csv``."""
    out = capture([str(BIN / "bahi"), "trial-balance", str(files.xlsx), "--quiet", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))  # the BOM Excel needs
    if not rows:
        raise RuntimeError("bahi trial-balance printed no rows")
    code_key = next(k for k in rows[0] if k.strip().lower() in ("account", "code"))
    closing_key = next(k for k in rows[0] if k.strip().lower() == "closing")
    return {r[code_key].strip(): _amount(r[closing_key]) for r in rows if r[code_key].strip()}


def ledger_closing(files: BenchFiles) -> dict[str, int]:
    """Closing balance per (peer) account name from ``ledger bal --flat``."""
    out = capture(["ledger", "-f", str(files.ledger), "bal", "--flat", "--no-total",
                   "--balance-format", "%(account)\t%(display_total)\n"])
    found: dict[str, int] = {}
    for line in out.splitlines():
        if "\t" in line:
            name, amount = line.rsplit("\t", 1)
            found[name.strip()] = _amount(amount)
    return found


def hledger_closing(files: BenchFiles) -> dict[str, int]:
    """Closing balance per (peer) account name from ``hledger bal --flat -O csv``."""
    out = capture(["hledger", "-f", str(files.ledger), "bal", "--flat", "--no-total", "-O", "csv"])
    rows = list(csv.reader(io.StringIO(out)))
    return {r[0]: _amount(r[1]) for r in rows[1:] if len(r) >= 2 and r[0] != "total"}


def correctness(files: BenchFiles) -> str:
    """One line: do Bahi, ledger, hledger and the generator agree on every posting account's closing?"""
    expected = files.expected_closing()
    names = files.peer_names()
    sources: dict[str, Callable[[], dict[str, int]]] = {
        "bahi trial-balance": lambda: bahi_closing(files),
        "ledger bal": lambda: {code: got for code, name in names.items()
                               if (got := ledger_closing(files).get(name)) is not None},
        "hledger bal": lambda: {code: got for code, name in names.items()
                                if (got := hledger_closing(files).get(name)) is not None},
    }
    verdicts: list[str] = []
    all_ok = True
    for source, read in sources.items():
        try:
            got = read()
        except Exception as exc:  # report, do not stop the benchmark
            verdicts.append(f"{source}: could not compare ({exc})")
            all_ok = False
            continue
        wrong = [f"{code}: expected {paise}, got {got.get(code, 0)}" for code, paise in expected.items()
                 if got.get(code, 0) != paise]
        all_ok &= not wrong
        verdict = "same to the paisa" if not wrong else "DIFFERS — " + "; ".join(wrong[:4])
        verdicts.append(f"{source}: {verdict}")
    head = "✅ all agree" if all_ok else "❌ mismatch"
    return (f"Correctness at {files.n:,} lines ({len(expected)} posting accounts, closing balance per "
            f"account against the generator's own sums): {head}. " + " · ".join(verdicts))


# --------------------------------------------------------------------------- the run


@dataclass
class SizeResult:
    n: int
    xlsx_mb: float
    ledger_mb: float
    beancount_mb: float
    samples: dict[str, list[Sample]]
    engine: list[dict[str, Any]]
    write_check: str = ""
    correctness: str = ""


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure_size(
    files: BenchFiles, steps: list[Step], repeat: int, timeout: float, *, check: bool
) -> SizeResult:
    """Every step ``repeat`` times, round-robin; then the in-process engine phases."""
    samples: dict[str, list[Sample]] = {s.key: [] for s in steps}
    write_check = ""
    work = Path(tempfile.mkdtemp(prefix="bahi-bench-", dir=files.xlsx.parent))
    try:
        for r in range(repeat):
            for step in steps:
                book = files.xlsx
                if step.fresh_copy:
                    book = work / f"write-{r}.xlsx"
                    shutil.copyfile(files.xlsx, book)
                sample = run_process(_argv(step, book), timeout)
                samples[step.key].append(sample)
                flag = ("" if sample.exit_code in step.ok_codes
                        else f"  exit {sample.exit_code}: {sample.stderr_tail}")
                print(f"  [{files.n:,}] run {r + 1}/{repeat} {step.key:16s} {sample.seconds:7.2f} s "
                      f"{sample.peak_mb:8.0f} MB{flag}", file=sys.stderr, flush=True)
                if step.fresh_copy:
                    if r == 0 and sample.exit_code in step.ok_codes:
                        write_check = check_write(files.xlsx, book).summary()
                    elif r == 0:
                        write_check = f"not checked: the write run failed (exit {sample.exit_code})"
                    for leftover in work.iterdir():
                        leftover.unlink()
        engine: list[dict[str, Any]] = []
        for r in range(repeat):
            out = subprocess.run([sys.executable, "-m", "benchmarks.engine_time", str(files.xlsx)],
                                 capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=timeout,
                                 check=False)
            try:
                engine.append(json.loads(out.stdout.strip().splitlines()[-1]))
            except (json.JSONDecodeError, IndexError):
                engine.append({"todo": f"engine_time failed (exit {out.returncode}): {out.stderr[-300:]}"})
            print(f"  [{files.n:,}] run {r + 1}/{repeat} engine phases   {engine[-1]}",
                  file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = SizeResult(files.n, files.xlsx.stat().st_size / 1e6, files.ledger.stat().st_size / 1e6,
                        files.beancount.stat().st_size / 1e6, samples, engine, write_check)
    if check:
        print(f"  [{files.n:,}] correctness check …", file=sys.stderr, flush=True)
        result.correctness = correctness(files)
    return result


# --------------------------------------------------------------------------- the table


def _fmt_s(seconds: float) -> str:
    return "—" if math.isnan(seconds) else f"{seconds:.2f}"


def _yes(ok: bool) -> str:
    return "✅ yes" if ok else "❌ no"


def _both(fast: bool, small: bool) -> str:
    """The verdict on a time target and the memory target, each named."""
    if fast and small:
        return "✅ yes"
    return f"{'✅' if fast else '❌'} time · {'✅' if small else '❌'} memory"


def paired_ratio(result: SizeResult, key: str, base_key: str = "ledger-bal") -> float:
    """Median over rounds of ``key``'s time divided by ``base_key``'s in the same round.

    Runs go round-robin, so the two runs of a round saw the same load on a shared machine: this ratio
    is steadier than a ratio of medians taken over different moments.
    """
    pairs = zip(result.samples.get(key, []), result.samples.get(base_key, []), strict=False)
    return median([a.seconds / b.seconds for a, b in pairs if a.exit_code == 0 and b.exit_code == 0])


def table(result: SizeResult, steps: list[Step], repeat: int) -> str:
    """The markdown table of one size."""
    med = {k: median([s.seconds for s in v if s.exit_code >= 0]) for k, v in result.samples.items()}
    peak = {k: max((s.peak_mb for s in v), default=float("nan")) for k, v in result.samples.items()}
    failed = {k: sorted({s.exit_code for s in v if s.exit_code != 0}) for k, v in result.samples.items()}
    base = med.get("ledger-bal", float("nan"))
    lines = [
        f"### {result.n:,} journal lines",
        "",
        f"Workbook {result.xlsx_mb:.1f} MB · ledger/hledger journal {result.ledger_mb:.1f} MB · "
        f"beancount file {result.beancount_mb:.1f} MB. Medians of {repeat} whole-process runs; "
        "peak = largest resident set seen; × `ledger bal` = median over rounds of the time divided by "
        "`ledger bal`'s in the same round (runs go round-robin, so a round shares the machine's load).",
        "",
        "| Command | Median s | Peak MB | × `ledger bal` | Target | Met? |",
        "|---|---:|---:|---:|---|---|",
    ]

    def row(label: str, key_or_values: str | tuple[float, float], target: str = "", met: str = "",
            *, whole_process: bool = True) -> None:
        if isinstance(key_or_values, str):
            if not result.samples.get(key_or_values):
                return  # not measured in this run (--only)
            seconds, mb = med[key_or_values], peak[key_or_values]
            bad = [c for c in failed.get(key_or_values, []) if c not in (0,)]
            crashed = any("Traceback" in s.stderr_tail for s in result.samples[key_or_values])
            if bad:
                why = "crashed" if crashed else "failed" if -9 not in bad else "timed out"
                met = f"❌ {why} (exit {', '.join(map(str, bad))})"
            paired = paired_ratio(result, key_or_values)
        else:
            seconds, mb = key_or_values
            if math.isnan(seconds):
                return
            paired = seconds / base
        ratio = "—" if math.isnan(paired) or not whole_process else f"{paired:.2f}"
        lines.append(f"| {label} | {_fmt_s(seconds)} | {mb:.0f} | {ratio} | {target} | {met} |")

    labels = {s.key: s.label for s in steps}
    row(labels["fastexcel"], "fastexcel")
    for key in ("validate", "trial-balance"):
        row(labels[key], key, "faster than `ledger bal`, < 2 GB",
            _both(paired_ratio(result, key) < 1, peak[key] < MEMORY_LIMIT_MB))
    w = paired_ratio(result, "validate-write", "validate")
    row(labels["validate-write"], "validate-write",
        f"< {WRITE_FACTOR:.0f}× `bahi validate` (is {w:.2f}×, paired), < 2 GB",
        _both(w < WRITE_FACTOR, peak["validate-write"] < MEMORY_LIMIT_MB))
    engine_ok = [e for e in result.engine if "todo" not in e]
    if engine_ok:
        phases = {p: median([e[p] for e in engine_ok])
                  for p in ("read", "load", "check", "trial_balance", "engine")}
        eng_peak = max(e["peak_mb"] for e in engine_ok)
        row("engine after the read: load + checks + trial balance (in-process)", (phases["engine"], eng_peak),
            "< 1 s", _yes(phases["engine"] < ENGINE_LIMIT_S), whole_process=False)
    else:
        phases = {}
    row(labels["ledger-bal"], "ledger-bal")
    row(labels["hledger-check"], "hledger-check")
    row(labels["hledger-balance"], "hledger-balance")
    row("hledger check + balance (sum of the two medians)",
        (med["hledger-check"] + med["hledger-balance"], max(peak["hledger-check"], peak["hledger-balance"])))
    row(labels["bean-check"], "bean-check")
    lines.append("")
    if phases:
        lines.append(
            f"In-process phases (medians): read {phases['read']:.2f} s · load {phases['load']:.2f} s · "
            f"checks {phases['check']:.2f} s · trial balance {phases['trial_balance']:.2f} s "
            f"(lines {engine_ok[0]['lines']:,}, issues {engine_ok[0]['issues']}).")
    else:
        todo = result.engine[0].get("todo", "no runs") if result.engine else "no runs"
        lines.append(f"In-process phases: TODO — {todo}")
    lines.append("")
    lines.append(f"`--write` package check: {result.write_check or 'not run'}")
    if result.correctness:
        lines += ["", result.correctness]
    failures = [f"`{k}` exit {s.exit_code}: {s.stderr_tail[-300:]}" for k, v in result.samples.items()
                for s in v[:1] if s.exit_code != 0]
    if failures:
        lines += ["", "Failures (first run of each):", *[f"- {f}" for f in failures]]
    return "\n".join(lines) + "\n"


def _version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "not installed"


def machine() -> str:
    """One paragraph: when, where, what versions."""
    mem_kb = 0
    with Path("/proc/meminfo").open() as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    model = ""
    with Path("/proc/cpuinfo").open() as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    commit = _version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    return (f"{os.cpu_count()} CPUs ({model or platform.machine()}), {mem_kb / 1024 / 1024:.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}, fastexcel "
            f"{fastexcel.__version__}; {_version(['ledger', '--version'])}; "
            f"{_version(['hledger', '--version'])}; "
            f"{_version([str(BIN / 'bean-check'), '--version'])}; Bahi at commit {commit}.")


SUMMARY_ROWS = (
    ("fastexcel", "fastexcel read of the Journal (floor)"),
    ("validate", "`bahi validate`"),
    ("trial-balance", "`bahi trial-balance`"),
    ("validate-write", "`bahi validate --write`"),
    ("ledger-bal", "`ledger bal`"),
    ("hledger-check", "`hledger check`"),
    ("hledger-balance", "`hledger balance`"),
    ("bean-check", "`bean-check`"),
)


def summary(results: Sequence[SizeResult]) -> str:
    """One table over all sizes: median seconds and peak MB of each command (the README's table)."""
    head = "| Command | " + " | ".join(f"{r.n:,} lines: s · MB · × ledger" for r in results) + " |"
    lines = ["## Summary", "", head, "|---|" + "---:|" * len(results)]
    for key, label in SUMMARY_ROWS:
        cells = []
        for r in results:
            samples = r.samples.get(key, [])
            ok = [s.seconds for s in samples if s.exit_code == 0]
            if not ok:
                cells.append("—")
                continue
            peak = max(s.peak_mb for s in samples)
            cells.append(f"{median(ok):.2f} s · {peak:,.0f} MB · {paired_ratio(r, key):.2f}×")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    engine = []
    for r in results:
        runs = [e for e in r.engine if "todo" not in e]
        if runs:
            engine.append(f"{median([e['engine'] for e in runs]):.2f} s "
                          f"(the read before it {median([e['read'] for e in runs]):.2f} s)")
        else:
            engine.append("—")
    lines.append("| engine after the read, in-process | " + " | ".join(engine) + " |")
    return "\n".join(lines) + "\n"


def _from_raw(raw: dict[str, Any]) -> SizeResult:
    samples = {k: [Sample(**s) for s in v] for k, v in raw["samples"].items()}
    return SizeResult(**{**raw, "samples": samples})


def render(source: Path, out: Path) -> int:
    """Rebuild the markdown from a results JSON (no measuring): new layout, same figures."""
    data = json.loads(source.read_text(encoding="utf-8"))
    if isinstance(data, list):  # written before the JSON kept its header: take it from the markdown
        previous = out.read_text(encoding="utf-8") if out.exists() else ""
        header = previous.split("\n## ", 1)[0].split("\n### ", 1)[0].rstrip("\n")
        sizes, repeat = data, len(next(iter(data[0]["samples"].values()), []))
    else:
        header, sizes, repeat = data["header"], data["sizes"], data["repeat"]
    results = [_from_raw(r) for r in sizes]
    sections = []
    for result in results:
        files = bench_files(result.n)
        sections.append(table(result, steps_for(files), repeat))
    text = header.rstrip("\n") + "\n\n" + summary(results) + "\n" + "\n".join(sections)
    out.write_text(text, encoding="utf-8")
    print(f"written {out} from {source}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", nargs="+", metavar="STEP",
                        help="measure only these steps (fastexcel validate trial-balance validate-write "
                             "ledger-bal hledger-check hledger-balance bean-check)")
    parser.add_argument("--check-max", type=int, default=100_000,
                        help="run the correctness check at sizes up to this many lines (default 100000)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a run is killed")
    parser.add_argument("--render", type=Path, metavar="JSON",
                        help="measure nothing: rebuild --out from a results JSON written earlier")
    args = parser.parse_args(argv)
    if args.render:
        return render(args.render, args.out)

    missing = [t for t in ("ledger", "hledger") if shutil.which(t) is None]
    missing += [] if (BIN / "bean-check").exists() else ["bean-check"]
    if missing:
        print(f"missing {', '.join(missing)}: run `bash benchmarks/setup.sh` first", file=sys.stderr)
        return 2

    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    sections: list[str] = []
    raw: list[dict[str, Any]] = []
    for n in args.sizes:
        print(f"generating {n:,} lines (cached under benchmarks/data/) …", file=sys.stderr, flush=True)
        files = make_journal_book(n, seed=args.seed, verbose=True)
        steps = steps_for(files)
        if args.only:
            kept = [s for s in steps if s.key in args.only]
            steps = kept + [s for s in steps
                            if s.key not in args.only and s.key in ("ledger-bal", "validate")]
        result = measure_size(files, steps, args.repeat, args.timeout, check=n <= args.check_max)
        for key in {s.key for s in steps_for(files)} - set(result.samples):
            result.samples[key] = []
        section = table(result, steps_for(files), args.repeat)
        print("\n" + section, flush=True)
        sections.append(section)
        samples = {k: [asdict(s) for s in v] for k, v in result.samples.items()}
        raw.append({**asdict(result), "samples": samples})

    load_after = os.getloadavg()
    command = "python -m benchmarks.run " + shlex.join(sys.argv[1:] if argv is None else argv)
    header = [
        "# Bahi benchmark: speed and memory",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC with `{command.strip()}`.",
        "",
        f"Machine: {machine()}",
        f"Load average (1 min) {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end"
        + (" — a shared, busy machine: figures are noisier and slower than on an idle one."
           if max(load_before[0], load_after[0]) > 1.0 else "."),
        "",
        "Targets (at 1,048,575 lines): `bahi validate` and `bahi trial-balance`, whole process including "
        "the read, faster than `ledger bal`; engine time after the read under 1 s; peak memory under 2 GB; "
        "`--write` under 3× the read-only command and leaving unchanged parts byte for byte.",
        "",
    ]
    results = [_from_raw(r) for r in raw]
    text = "\n".join(header) + "\n" + summary(results) + "\n" + "\n".join(sections)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        json.dumps({"header": "\n".join(header), "repeat": args.repeat, "sizes": raw}, indent=1, default=str),
        encoding="utf-8")
    print(f"written {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
