"""The typed ledger that loaders produce and checks and reports consume.

The frames' columns are declared once, here (:data:`ACCOUNTS_FRAME`, :data:`JOURNAL_FRAME`: the
contract between loaders, checks and reports); loaders build their empty frames from the
declaration, and a :class:`Ledger` checks its frames against it when it is built. A frame that
breaks the contract is a programming error, not bad data: :class:`FrameError` is raised.

>>> print(JOURNAL_FRAME.describe())
row (int): worksheet row
date (date): datetime64, NaT when unreadable
voucher (text)
account (text): the account code the line resolves to, "" when unknown
account_text (text, optional): the account as typed
debit (int): paise, 0 when empty
credit (int): paise, 0 when empty
narration (text, optional)
party (text, optional)
reference (text, optional)
unread (int, optional): UnreadCell flags of the cells the loader could not read
>>> Ledger(Settings(), ACCOUNTS_FRAME.empty(), JOURNAL_FRAME.empty().drop(columns=["debit"]))
Traceback (most recent call last):
...
addin.engine.ledger.FrameError: journal frame: column 'debit' (int) is missing

The loader's frames have every declared column; one built by hand (a test, a report's fixture)
may leave out the optional ones, never a required one, and no column may be of the wrong kind.
Lines whose cells could not be read still appear (with zero amounts or NaT) so that row numbers
and counts stay true; the loader has reported them as issues. A frame may carry more columns
than declared (a reconciliation adds ``match_id`` and ``match_rule``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from addin.engine.cells import fy_bounds


class FrameError(TypeError):
    """A frame does not have the declared columns or dtypes (a programming error)."""


_DTYPES: dict[str, Any] = {"int": np.int64, "text": "str", "date": "datetime64[ns]", "bool": np.bool_}


def _kind_ok(kind: str, dtype: Any) -> bool:
    if kind == "int":
        return pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    if kind == "text":
        return pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype)
    if kind == "date":
        return pd.api.types.is_datetime64_dtype(dtype)  # time-zone naive
    return pd.api.types.is_bool_dtype(dtype)


@dataclass(frozen=True, slots=True)
class FrameColumn:
    """One declared column: its name, kind (int, text, date or bool) and what it holds."""

    name: str
    kind: str
    meaning: str = ""
    required: bool = True


@dataclass(frozen=True)
class FrameSpec:
    """The columns of one frame of the ledger, in order."""

    name: str
    columns: tuple[FrameColumn, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def empty(self) -> pd.DataFrame:
        """A frame with no rows and every declared column, of its dtype."""
        return pd.DataFrame({c.name: pd.Series([], dtype=_DTYPES[c.kind]) for c in self.columns})

    def failures(self, frame: pd.DataFrame) -> list[str]:
        """What is wrong with ``frame``, one sentence a problem (pandera's failure cases, by column).

        A frame without rows is only asked for its columns (``pd.DataFrame({"code": []})`` has no
        text in its float64 column to be wrong).
        """
        found: list[str] = []
        for column in self.columns:
            if column.name not in frame.columns:
                if column.required:
                    found.append(f"column {column.name!r} ({column.kind}) is missing")
                continue
            if frame.empty:
                continue
            dtype = frame[column.name].dtype
            if not _kind_ok(column.kind, dtype):
                found.append(f"column {column.name!r} should be {column.kind}, not {dtype}")
        return found

    def check(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` itself when it has the declared columns; raises :class:`FrameError` otherwise."""
        found = self.failures(frame)
        if found:
            raise FrameError(f"{self.name} frame: " + "; ".join(found))
        return frame

    def describe(self) -> str:
        """The declaration as text, a line a column."""
        lines = []
        for c in self.columns:
            kind = c.kind if c.required else f"{c.kind}, optional"
            lines.append(f"{c.name} ({kind})" + (f": {c.meaning}" if c.meaning else ""))
        return "\n".join(lines)


_UNREAD = "UnreadCell flags of the cells the loader could not read"

ACCOUNTS_FRAME = FrameSpec(
    "accounts",
    (
        FrameColumn("row", "int", "worksheet row"),
        FrameColumn("code", "text"),
        FrameColumn("name", "text"),
        FrameColumn("type", "text", 'one of ACCOUNT_TYPES in English, "" when invalid'),
        FrameColumn("parent", "text", 'the parent\'s code, "" for none or unknown'),
        FrameColumn("opening", "int", "paise, debit positive, credit negative"),
        FrameColumn("active", "bool"),
        FrameColumn("type_text", "text", "the type as typed", required=False),
        FrameColumn("parent_text", "text", "the parent as typed", required=False),
        FrameColumn("unread", "int", _UNREAD, required=False),
    ),
)
"""``Ledger.accounts``: one row an account, in workbook order."""

JOURNAL_FRAME = FrameSpec(
    "journal",
    (
        FrameColumn("row", "int", "worksheet row"),
        FrameColumn("date", "date", "datetime64, NaT when unreadable"),
        FrameColumn("voucher", "text"),
        FrameColumn("account", "text", 'the account code the line resolves to, "" when unknown'),
        FrameColumn("account_text", "text", "the account as typed", required=False),
        FrameColumn("debit", "int", "paise, 0 when empty"),
        FrameColumn("credit", "int", "paise, 0 when empty"),
        FrameColumn("narration", "text", required=False),
        FrameColumn("party", "text", required=False),
        FrameColumn("reference", "text", required=False),
        FrameColumn("unread", "int", _UNREAD, required=False),
    ),
)
"""``Ledger.journal``: one row a journal line, in workbook order."""


class Settings(BaseModel):
    """The workbook's Settings table, with India-first defaults."""

    model_config = ConfigDict(frozen=True)

    company: str = "My Company"
    currency: str = "INR"
    currency_symbol: str = "₹"
    fy_start_month: int = Field(default=4, ge=1, le=12)
    financial_year: int | None = None  # the calendar year the financial year starts in (2025 for 2025-26)
    lock_date: dt.date | None = None
    language: str = "en"  # "en" or "hi": the language of written sheets' messages first
    bank_account: str = ""  # account code to reconcile
    date_window_days: int = 7  # bank reconciliation: default ± days
    user: str = ""  # who works in the book (the Audit Log's user); "" for the computer's or Office's

    def fy_bounds(self) -> tuple[dt.date, dt.date] | None:
        """First and last day of the financial year, or None if no year is set.

        >>> Settings(financial_year=2025).fy_bounds()
        (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
        """
        if self.financial_year is None:
            return None
        return fy_bounds(self.financial_year, self.fy_start_month)


@dataclass(frozen=True)
class Ledger:
    """Accounts, journal and settings, typed. Immutable by convention: never mutate the frames.

    Building one checks the frames against :data:`ACCOUNTS_FRAME` and :data:`JOURNAL_FRAME`.
    """

    settings: Settings
    accounts: pd.DataFrame
    journal: pd.DataFrame
    journal_sheet: str = "Journal"
    accounts_sheet: str = "Accounts"
    column_letters: dict[str, str] = field(default_factory=dict)  # "Journal.Debit" -> "D"

    def __post_init__(self) -> None:
        ACCOUNTS_FRAME.check(self.accounts)
        JOURNAL_FRAME.check(self.journal)
