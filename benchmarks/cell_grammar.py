"""How fast the cell grammar reads whole columns: the vectorised readers on the column shapes a
journal arrives in, each timed in-process (median of ``--repeat`` runs, seconds).

    .venv/bin/python -m benchmarks.cell_grammar --rows 1000000 --repeat 5

Columns (seed 7): amounts as float64 (a typed Excel column), as plain decimal text ("209577.44", a
CSV), as lakh-grouped text ("2,09,577.44", many distinct values: read value by value), as mixed
objects; dates as serial float64, as dd/mm/yyyy text (a year of distinct days), as datetime objects;
text as pyarrow strings. Only names every version of ``addin.engine.cells`` has are used, so the
same script times an older checkout (run it from that checkout's directory).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def columns(rows: int, seed: int = 7) -> dict[str, tuple[str, pd.Series[Any]]]:
    """Name → (reader, column) of the shapes timed."""
    rng = np.random.default_rng(seed)
    paise = rng.integers(1, 10**9, rows)
    rupees = paise / 100
    pool = rng.integers(1, 10**9, 200_000)
    grouped_pool = np.array([f"{p // 100:,}.{p % 100:02d}" for p in pool], dtype=object)
    days = dt.date(2025, 4, 1) + np.arange(365) * dt.timedelta(days=1)
    day_index = rng.integers(0, 365, rows)
    mixed = rupees.astype(object)
    mixed[::10] = None
    return {
        "amounts float64": ("amounts", pd.Series(rupees)),
        "amounts plain text": ("amounts", pd.Series([f"{r:.2f}" for r in rupees], dtype="str")),
        "amounts lakh-grouped text": (
            "amounts",
            pd.Series(grouped_pool[rng.integers(0, len(grouped_pool), rows)], dtype="str"),
        ),
        "amounts mixed objects": ("amounts", pd.Series(mixed, dtype=object)),
        "dates serial float64": ("dates", pd.Series(45748.0 + day_index)),
        "dates dd/mm/yyyy text": (
            "dates",
            pd.Series(np.array([d.strftime("%d/%m/%Y") for d in days], dtype=object)[day_index], dtype="str"),
        ),
        "dates datetime objects": (
            "dates",
            pd.Series(np.array([dt.datetime(d.year, d.month, d.day) for d in days], dtype=object)[day_index]),
        ),
        "text arrow strings": ("text", pd.Series([f"V{i // 3}" for i in range(rows)], dtype="str")),
    }


def timed(reader: Callable[[pd.Series[Any]], object], column: pd.Series[Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        reader(column)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from addin.engine import cells  # noqa: PLC0415 - imported from the checkout being timed

    readers: dict[str, Callable[[pd.Series[Any]], object]] = {
        "amounts": cells.parse_amounts,
        "dates": cells.parse_dates,
        "text": cells.parse_text_column,
    }
    results = {
        name: round(timed(readers[kind], column, args.repeat), 4)
        for name, (kind, column) in columns(args.rows).items()
    }
    print(json.dumps({"rows": args.rows, "repeat": args.repeat, "cells": cells.__file__, "seconds": results}))


if __name__ == "__main__":
    main()
