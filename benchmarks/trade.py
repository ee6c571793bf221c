"""Sales and purchases at scale: 50,000 invoices (~200,000 lines) and 50,000 bills through ``bahi post``.

The book is the trading template (:mod:`workbook_templates.trading`) with its trade tables filled by a
seeded generator: 750 parties (a fifth of the vendors MSME, a tenth under TDS u/s 194C), 300 items
(some whose rate moved on 22 September 2025, with their GSTRates rows), *invoices* sales invoices of
1–7 lines (4 on average) dated through FY 2025-26, *bills* vendors' bills of 1–3 lines, and a receipt
or payment against nine in ten of them. The small template is built with openpyxl; each trade sheet's
rows are then streamed in at zip level (inline strings, numbers, dates as serials with the template's
styles) and its table's ``ref`` widened. Files are cached in ``benchmarks/data/``.

What is measured (wall time and peak memory, medians of ``--repeat`` runs):

- *in-process*, in a fresh process per repeat (``python -m benchmarks.trade_phases BOOK``, which
  imports only what that process needs — :mod:`benchmarks.trade_phases`): the
  file adapter's read of the ledger and trade tables, then ``load_ledger`` + ``validate_trade``
  (every trade check), ``post_trade`` (the vouchers and the sub-ledger tie), and the receivables and
  payables aging, and the latest month's GST returns (:func:`gst_returns_of`, as the GST Returns
  button makes them); the same run timed from outside, from the interpreter's start to its exit, is
  the *whole process* figure the target (5 s, 1 GB) is for;
- *whole process*: ``bahi post BOOK --quiet`` (stdout to /dev/null: the issues and a summary), and
  ``bahi post BOOK --write --quiet`` on a fresh copy (the copy is not timed): the run that appends
  the vouchers to the Journal and saves.

Usage::

    PYTHONPATH=. python -m benchmarks.trade --invoices 50000 --bills 50000 --repeat 3 \\
        --out benchmarks/results/trade.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np

from addin.engine.cells import column_letter
from addin.engine.schema import GST_RATES, ITEMS, PARTIES, PAYMENTS, PURCHASES, RECEIPTS, SALES, TableSpec
from benchmarks.run import run_process
from workbook_templates.build import workbook_bytes
from workbook_templates.chart import gstin
from workbook_templates.trading import trading_workbook

GENERATOR_VERSION = 1
DATA_DIR = Path(__file__).resolve().parent / "data"
FY_START = dt.date(2025, 4, 1)
EXCEL_EPOCH = dt.date(1899, 12, 30)
COMPANY_GSTIN = gstin("27", "ABVFS4821K")
OTHER_STATES = ("29", "24", "07", "33", "08", "09", "36")
LETTERS = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))

Row = Sequence[object]


# ---------------------------------------------------------------------------------------------------
# the trade tables


def _pans(rng: np.random.Generator, count: int, holders: str) -> list[str]:
    head = rng.choice(LETTERS, size=(count, 3))
    kind = rng.choice(list(holders), size=count)
    name = rng.choice(LETTERS, size=count)
    digits = rng.integers(0, 10_000, size=count)
    tail = rng.choice(LETTERS, size=count)
    return [
        f"{''.join(h)}{k}{n}{d:04d}{t}" for h, k, n, d, t in zip(head, kind, name, digits, tail, strict=True)
    ]


def parties(rng: np.random.Generator, customers: int = 500, vendors: int = 250) -> list[Row]:
    rows: list[Row] = []
    for kind, count, prefix in (("Customer", customers, "C"), ("Vendor", vendors, "V")):
        states = np.where(rng.random(count) < 0.7, "27", rng.choice(OTHER_STATES, size=count))
        pans = _pans(rng, count, "CFP")
        days = rng.choice((30, 45, 60), size=count)
        msme = (rng.random(count) < 0.2) & (kind == "Vendor")
        tds = (rng.random(count) < 0.1) & (kind == "Vendor")
        rows.extend(
            (
                f"{prefix}{i + 1:04d}",
                f"{kind} {i + 1:04d} Traders",
                gstin(str(states[i]), pans[i]),
                None,
                None,
                kind,
                int(days[i]),
                "Yes" if msme[i] else "No",
                None,
                "194C" if tds[i] else None,
            )
            for i in range(count)
        )
    return rows


def items(rng: np.random.Generator, count: int = 300) -> tuple[list[Row], list[Row], np.ndarray[Any, Any]]:
    """Items rows, GSTRates rows, and each item's price in paise."""
    before = rng.choice((5, 12, 18, 28), size=count, p=(0.15, 0.2, 0.5, 0.15))
    changed = np.isin(before, (12, 28)) & (rng.random(count) < 0.5)
    after = np.where(changed, np.where(before == 12, 5, 18), before)
    hsn = rng.integers(1000, 9999, size=count)
    units = rng.choice(("NOS", "KGS", "MTR", "LTR", "BOX"), size=count)
    prices = rng.integers(10_00, 5_000_00, size=count)
    rows: list[Row] = [
        (f"I{i + 1:04d}", f"Item {i + 1:04d}", str(hsn[i]), str(units[i]), int(after[i]), None, None)
        for i in range(count)
    ]
    rates: list[Row] = []
    for i in np.flatnonzero(changed):
        rates.append((f"I{i + 1:04d}", int(before[i]), dt.date(2017, 7, 1)))
        rates.append((f"I{i + 1:04d}", int(after[i]), dt.date(2025, 9, 22)))
    return rows, rates, prices


def _days(rng: np.random.Generator, count: int) -> np.ndarray[Any, Any]:
    return np.sort(rng.integers(0, 365, size=count))


def documents(
    rng: np.random.Generator,
    *,
    count: int,
    party_prefix: str,
    parties_count: int,
    prices: np.ndarray[Any, Any],
    lines: tuple[int, int],
    numbering: str,
) -> tuple[list[Row], list[tuple[str, str, int, int]]]:
    """Sales or Purchases rows (the header on each document's first line) and, per document, (number,
    party, day, taxable estimate in paise) for its settlement."""
    days = _days(rng, count)
    party = rng.integers(1, parties_count + 1, size=count)
    sizes = rng.integers(lines[0], lines[1] + 1, size=count)
    total = int(sizes.sum())
    item = rng.integers(0, len(prices), size=total)
    qty = rng.integers(1, 101, size=total)
    price = prices[item] * rng.integers(90, 111, size=total) // 100
    rows: list[Row] = []
    docs: list[tuple[str, str, int, int]] = []
    k = 0
    serial: dict[int, int] = {}
    for d in range(count):
        code = f"{party_prefix}{party[d]:04d}"
        serial[int(party[d])] = serial.get(int(party[d]), 0) + 1
        number = numbering.format(d=d + 1, p=int(party[d]), s=serial[int(party[d])])
        day = FY_START + dt.timedelta(days=int(days[d]))
        taxable = 0
        for j in range(int(sizes[d])):
            first = j == 0
            rows.append(
                (
                    None,
                    number if first else None,
                    day if first else None,
                    code if first else None,
                    None,
                    f"I{item[k] + 1:04d}",
                    int(qty[k]),
                    int(price[k]) / 100,
                    None,
                    None,
                    None,
                    None,
                    None,
                )
            )
            taxable += int(qty[k]) * int(price[k])
            k += 1
        docs.append((number, code, int(days[d]), taxable))
    return rows, docs


def settlements(
    rng: np.random.Generator, docs: Sequence[tuple[str, str, int, int]], prefix: str, with_tds: bool
) -> list[Row]:
    rows: list[Row] = []
    paid = rng.random(len(docs)) < 0.9
    lag = rng.integers(15, 61, size=len(docs))
    picked = [(min(364, day + int(lag[i])), i) for i, (_, _, day, _) in enumerate(docs) if paid[i]]
    for n, (day, i) in enumerate(sorted(picked), start=1):
        number, party, _, taxable = docs[i]
        row: list[object] = [
            f"{prefix}{n:06d}",
            FY_START + dt.timedelta(days=day),
            party,
            taxable / 100,
            number,
            None,
            f"UTR{prefix}{n:08d}",
        ]
        if with_tds:
            row += [None, None]
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------------
# the workbook


def _serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


def _cell(ref: str, value: object, style: str | None) -> str:
    s = f' s="{style}"' if style else ""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{s}><v>{_serial(value)}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    return f'<c r="{ref}"{s} t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _rows_xml(rows: Iterable[Row], letters: Sequence[str], styles: dict[str, str]) -> Iterator[str]:
    chunk: list[str] = []
    for number, row in enumerate(rows, start=2):
        cells = "".join(_cell(f"{letters[i]}{number}", v, styles.get(letters[i])) for i, v in enumerate(row))
        chunk.append(f'<row r="{number}">{cells}</row>')
        if len(chunk) >= 5000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def _parts(zf: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Sheet name → (sheet part, table part)."""
    workbook = zf.read("xl/workbook.xml").decode()
    rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets |= {a: b for b, a in re.findall(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)}
    found = {}
    for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', workbook):
        part = "xl/" + targets[rid].lstrip("/").removeprefix("xl/")
        sheet_rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        table = ""
        if sheet_rels in zf.namelist():
            text = zf.read(sheet_rels).decode()
            match = re.search(r'Target="([^"]*tables/[^"]+)"', text)
            if match:
                table = "xl/tables/" + match.group(1).rsplit("/", 1)[-1]
        found[name] = (part, table)
    return found


def write_book(path: Path, tables: dict[str, list[Row]]) -> None:
    """The trading template with ``tables`` (by spec name) streamed into their sheets."""
    wb = trading_workbook()
    settings = wb["Settings"]
    for row in settings.iter_rows(min_row=2):
        key = str(row[0].value)
        if key.startswith("Company GSTIN"):
            row[1].value = COMPANY_GSTIN
        elif key.startswith("Bank Account"):
            row[1].value = "1120"
        elif key.startswith("Company /"):
            row[1].value = "Benchmark Traders"
    specs = {spec.name: spec for spec in (PARTIES, ITEMS, GST_RATES, SALES, PURCHASES, RECEIPTS, PAYMENTS)}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.xlsx"
        base.write_bytes(workbook_bytes(wb))
        with (
            zipfile.ZipFile(base) as src,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst,
        ):
            parts = _parts(src)
            streamed = {parts[specs[name].sheet][0]: name for name in tables}
            tables_of = {parts[specs[name].sheet][1]: name for name in tables}
            for item in src.infolist():
                if item.filename in streamed:
                    _stream_sheet(
                        src, dst, item, specs[streamed[item.filename]], tables[streamed[item.filename]]
                    )
                    continue
                data = src.read(item.filename)
                if item.filename in tables_of:
                    name = tables_of[item.filename]
                    width = column_letter(len([c for c in specs[name].columns if not c.owned]))
                    ref = f"A1:{width}{max(2, len(tables[name]) + 1)}"
                    text = data.decode()
                    text = re.sub(r'(<table\b[^>]*?\bref=")[^"]*"', rf'\g<1>{ref}"', text, count=1)
                    text = re.sub(r'(<autoFilter\b[^>]*?\bref=")[^"]*"', rf'\g<1>{ref}"', text, count=1)
                    data = text.encode()
                dst.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)


def _stream_sheet(
    src: zipfile.ZipFile, dst: zipfile.ZipFile, item: zipfile.ZipInfo, spec: TableSpec, rows: list[Row]
) -> None:
    xml = src.read(item.filename).decode()
    start = xml.index("<sheetData>") + len("<sheetData>")
    end = xml.index("</sheetData>")
    header = re.search(r'<row r="1"[ >].*?</row>', xml[start:end], re.S)
    sample = re.search(r'<row r="2"[ >].*?</row>', xml[start:end], re.S)
    assert header is not None
    styles = (
        {m.group(1): m.group(2) for m in re.finditer(r'<c r="([A-Z]+)2"[^>]*?\bs="(\d+)"', sample.group(0))}
        if (sample)
        else {}
    )
    letters = [column_letter(i + 1) for i in range(len([c for c in spec.columns if not c.owned]))]
    ref = f"A1:{letters[-1]}{max(2, len(rows) + 1)}"
    prefix = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml[:start])
    with dst.open(zipfile.ZipInfo(item.filename, date_time=item.date_time), "w") as out:
        out.write(prefix.encode())
        out.write(header.group(0).encode())
        for chunk in _rows_xml(rows, letters, styles):
            out.write(chunk.encode())
        out.write(xml[end:].encode())


def trade_book(invoices: int, bills: int, seed: int = 11, data_dir: Path = DATA_DIR) -> Path:
    """The benchmark book (cached): its path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"trade-{invoices}-{bills}-s{seed}-v{GENERATOR_VERSION}.xlsx"
    if path.exists():
        return path
    rng = np.random.default_rng(seed)
    party_rows = parties(rng)
    item_rows, rate_rows, prices = items(rng)
    sales, sold = documents(
        rng,
        count=invoices,
        party_prefix="C",
        parties_count=500,
        prices=prices,
        lines=(1, 7),
        numbering="INV/25-26/{d:06d}",
    )
    purchases, bought = documents(
        rng,
        count=bills,
        party_prefix="V",
        parties_count=250,
        prices=prices * 8 // 10,
        lines=(1, 3),
        numbering="B{p:04d}/{s:05d}",
    )
    tables = {
        PARTIES.name: party_rows,
        ITEMS.name: item_rows,
        GST_RATES.name: rate_rows,
        SALES.name: sales,
        PURCHASES.name: purchases,
        RECEIPTS.name: settlements(rng, sold, "R", False),
        PAYMENTS.name: settlements(rng, bought, "P", True),
    }
    partial = path.with_suffix(".part")
    write_book(partial, tables)
    partial.rename(path)
    return path


# ---------------------------------------------------------------------------------------------------
# measuring


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure(path: Path, repeat: int) -> dict[str, Any]:
    python = sys.executable
    bahi = str(Path(python).with_name("bahi"))
    inprocess: list[dict[str, Any]] = []
    dry, write, whole = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            out = Path(tmp) / "phases.json"
            with out.open("w") as handle:
                sample = run_process(
                    [python, "-m", "benchmarks.trade_phases", str(path)], 1800, handle.fileno()
                )
            assert sample.exit_code == 0, sample.stderr_tail
            inprocess.append(json.loads(out.read_text()))
            whole.append(sample)
            dry.append(run_process([bahi, "post", str(path), "--quiet"], 1800))
            copy = Path(tmp) / "copy.xlsx"
            shutil.copyfile(path, copy)
            write.append(
                run_process([bahi, "post", str(copy), "--write", "--quiet", "--format", "csv"], 1800)
            )
    phases_ = ("read", "validate", "post", "aging", "gst", "engine", "total")
    keys = (*phases_, *(f"{k}_cpu" for k in phases_), "peak_mb", "process_cpu")
    return {
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "book": path.name,
        "size_mb": path.stat().st_size / 1e6,
        "repeat": repeat,
        "inprocess": {k: _median([r[k] for r in inprocess]) for k in keys},
        "counts": {k: v for k, v in inprocess[0].items() if k not in keys},
        "whole": {
            "seconds": _median([s.seconds for s in whole]),
            "peak_mb": _median([s.peak_mb for s in whole]),
            "codes": sorted({s.exit_code for s in whole}),
        },
        "post": {
            "seconds": _median([s.seconds for s in dry]),
            "peak_mb": _median([s.peak_mb for s in dry]),
            "codes": sorted({s.exit_code for s in dry}),
        },
        "post_write": {
            "seconds": _median([s.seconds for s in write]),
            "peak_mb": _median([s.peak_mb for s in write]),
            "codes": sorted({s.exit_code for s in write}),
        },
    }


def report(result: dict[str, Any], command: str) -> str:
    ip, counts = result["inprocess"], result["counts"]
    lines = [
        "# Sales and purchases: `bahi post` at scale",
        "",
        f"Command: `{command}`. Book `{result['book']}` ({result['size_mb']:.1f} MB): "
        f"{counts['invoices']:,} invoices ({counts['sales_lines']:,} lines), {counts['bills']:,} bills "
        f"({counts['purchase_lines']:,} lines), {counts['receipts']:,} receipts, "
        f"{counts['payments']:,} payments; "
        f"posting makes {counts['vouchers']:,} vouchers ({counts['journal_lines']:,} Journal lines). "
        f"Medians of {result['repeat']} runs.",
        "",
        f"Load average when measured: {result['load']}.",
        "",
        "| in-process phase | wall seconds | CPU seconds |",
        "|---|---:|---:|",
        *(
            f"| {k} | {ip[k]:.2f} | {ip[k + '_cpu']:.2f} |"
            for k in ("read", "validate", "post", "aging", "gst", "engine", "total")
        ),
        f"| peak memory | {ip['peak_mb']:,.0f} MB | |",
        "",
        "| whole process | median | peak memory | exit codes |",
        "|---|---:|---:|---|",
        f"| read + validate + post + aging + GST summary (`trade_phases`, interpreter start to exit; "
        f"target 5 s, 1 GB) | {result['whole']['seconds']:.2f} s ({ip['process_cpu']:.2f} s CPU) | "
        f"{result['whole']['peak_mb']:,.0f} MB | "
        f"{result['whole']['codes']} |",
        f"| `bahi post BOOK --quiet` | {result['post']['seconds']:.2f} s | "
        f"{result['post']['peak_mb']:,.0f} MB | {result['post']['codes']} |",
        f"| `bahi post COPY --write --quiet` | {result['post_write']['seconds']:.2f} s | "
        f"{result['post_write']['peak_mb']:,.0f} MB | {result['post_write']['codes']} |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--invoices", type=int, default=50_000)
    parser.add_argument("--bills", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = trade_book(args.invoices, args.bills, args.seed)
    print(f"book: {path} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    command = " ".join(
        ["PYTHONPATH=. python -m benchmarks.trade", *(argv if argv is not None else sys.argv[1:])]
    )
    text = report(measure(path, args.repeat), command)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
