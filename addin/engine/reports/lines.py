"""Which journal lines reports count, and their dates as numpy values.

Reports leave out a journal line whose ``account`` is "" (the account typed is unknown) or whose
``date`` is NaT (unreadable): validation has reported both as issues, and a line without an
account or a date cannot be placed in a balance or a period.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.cells import datetime64_to_date as as_date  # noqa: F401 - the reports' name for it
from addin.engine.ledger import Settings

Dates = npt.NDArray[np.datetime64]
Mask = npt.NDArray[np.bool_]
Paise = npt.NDArray[np.int64]


def line_dates(journal: pd.DataFrame) -> Dates:
    """The ``date`` column as ``datetime64[ns]`` (NaT where unreadable), whatever its dtype."""
    column = journal["date"]
    if not pd.api.types.is_datetime64_any_dtype(column):
        column = pd.to_datetime(column, errors="coerce")
    return column.to_numpy(dtype="datetime64[ns]")


def unposted_lines(journal: pd.DataFrame, dates: Dates) -> npt.NDArray[np.bool_]:
    """The lines no account can take — an unknown account (the loader leaves it blank) or an
    unreadable date (``dates`` from :func:`line_dates`): the one rule for the trial balance's
    suspense row and the statements' suspense, so their differences agree to the paisa.

    >>> frame = pd.DataFrame({"account": ["1110", "", None, "4100"]})
    >>> days = np.array(["2025-04-01", "2025-04-01", "2025-04-01", "NaT"], dtype="datetime64[ns]")
    >>> unposted_lines(frame, days).tolist()
    [False, True, True, True]
    """
    blank = journal["account"].fillna("").astype(str).to_numpy() == ""
    return np.asarray(blank | np.isnat(dates), dtype=np.bool_)


def day(value: dt.date) -> np.datetime64:
    """A date as a ``datetime64[ns]`` at midnight, comparable with :func:`line_dates`."""
    return np.datetime64(dt.date(value.year, value.month, value.day), "ns")


def paise(journal: pd.DataFrame, column: str) -> Paise:
    """An amount column as int64 paise (a missing value counts as 0)."""
    values = journal[column]
    if values.hasnans:
        values = values.fillna(0)
    return values.to_numpy(dtype=np.int64)


def dated(dates: Dates) -> Mask:
    """True where the date was readable."""
    return ~np.isnat(dates)


def in_range(dates: Dates, start: dt.date | None, end: dt.date | None) -> Mask:
    """True for readable dates with ``start <= date <= end`` (either bound optional)."""
    mask = dated(dates)
    if start is not None:
        mask &= dates >= day(start)
    if end is not None:
        mask &= dates <= day(end)
    return mask


def report_period(
    settings: Settings, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a ledger report covers: ``start`` and ``end`` when either was asked
    for, else the financial year of the book's Settings (else every line: ``(None, None)``).

    The one place the Trial Balance (the ``bahi`` command, the ribbon, ``=BAHI.TRIALBALANCE``) and
    the Day Book choose their period, so that a report titled "FY 2025-26" holds that year.

    >>> report_period(Settings(financial_year=2025))
    (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    >>> report_period(Settings(financial_year=2025), end=dt.date(2025, 9, 30))
    (None, datetime.date(2025, 9, 30))
    >>> report_period(Settings())
    (None, None)
    """
    if start is not None or end is not None:
        return start, end
    return settings.fy_bounds() or (None, None)


def as_dates(values: Dates) -> list[dt.date]:
    """Readable ``datetime64`` values as ``datetime.date`` objects, all at once.

    >>> as_dates(np.array(["2025-04-01T00:00"], dtype="datetime64[ns]"))
    [datetime.date(2025, 4, 1)]
    """
    days: list[dt.date] = values.astype("datetime64[D]").tolist()
    return days


def transaction_ids(journal: pd.DataFrame, dates: Dates) -> npt.NDArray[np.intp]:
    """A number per line naming its transaction: the lines sharing a date and a voucher.

    Lines without a voucher share one transaction per date (validation reports the blank voucher).
    Numbers run from 0 in order of first appearance; a line with no date gets -1.

    >>> frame = pd.DataFrame({"voucher": ["V1", "V1", "V2", "V1", "", "V1"]})
    >>> days = ["2025-04-01", "2025-04-01", "2025-04-01", "2025-04-02", "NaT", "2025-04-01"]
    >>> transaction_ids(frame, np.array(days, dtype="datetime64[ns]")).tolist()
    [0, 0, 1, 2, -1, 0]
    """
    size = len(journal)
    if size == 0:
        return np.zeros(0, dtype=np.intp)
    vouchers = pa.array(journal["voucher"].fillna(""), type=pa.large_string())
    # Lines of a voucher usually stand together: hash one key a run of equal (date, voucher).
    changed = np.asarray(pc.not_equal(vouchers[1:], vouchers[:-1]), dtype=bool) | (dates[1:] != dates[:-1])
    run_start = np.flatnonzero(np.r_[True, changed])
    voucher_code = np.asarray(
        pc.dictionary_encode(vouchers.take(pa.array(run_start))).indices, dtype=np.int64
    )
    run_dates = dates[run_start]
    days = run_dates.astype("datetime64[D]").astype(np.int64)
    key = days * (int(voucher_code.max(initial=0)) + 2) + voucher_code + 1
    undated = np.isnat(run_dates)
    run_ids, _ = pd.factorize(np.where(undated, np.iinfo(np.int64).min, key))
    if undated.any():
        missing = run_ids[undated][0]
        run_ids = np.where(undated, -1, np.where(run_ids > missing, run_ids - 1, run_ids))
    lengths = np.diff(np.r_[run_start, size])
    return np.repeat(run_ids.astype(np.intp), lengths)
