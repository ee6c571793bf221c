"""The typed ledger that loaders produce and checks and reports consume.

The frames' columns are fixed here (the contract between loaders, checks and reports):

``Ledger.accounts`` — one row an account, in workbook order:
    ``row`` (int, worksheet row), ``code`` (str), ``name`` (str), ``type`` (str, one of
    ``ACCOUNT_TYPES`` in English, or "" when invalid), ``parent`` (str code, "" for none/unknown),
    ``opening`` (int64 paise, debit positive, credit negative), ``active`` (bool).

``Ledger.journal`` — one row a journal line, in workbook order:
    ``row`` (int, worksheet row), ``date`` (datetime64[ns], NaT when unreadable), ``voucher`` (str),
    ``account`` (str: the account *code* the line resolves to, "" when unknown), ``account_text``
    (str, as typed), ``debit`` and ``credit`` (int64 paise, 0 when empty), ``narration``, ``party``,
    ``reference`` (str).

Lines whose cells could not be read still appear (with zero amounts or NaT) so that row numbers
and counts stay true; the loader has reported them as issues.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field


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
        """First and last day of the financial year, or None if no year is set."""
        if self.financial_year is None:
            return None
        start = dt.date(self.financial_year, self.fy_start_month, 1)
        end_year = self.financial_year + (1 if self.fy_start_month > 1 else 0)
        end_month = self.fy_start_month - 1 or 12
        next_start = dt.date(end_year + (1 if end_month == 12 else 0), end_month % 12 + 1, 1)
        return start, next_start - dt.timedelta(days=1)


@dataclass(frozen=True)
class Ledger:
    """Accounts, journal and settings, typed. Immutable by convention: never mutate the frames."""

    settings: Settings
    accounts: pd.DataFrame
    journal: pd.DataFrame
    journal_sheet: str = "Journal"
    accounts_sheet: str = "Accounts"
    column_letters: dict[str, str] = field(default_factory=dict)  # "Journal.Debit" -> "D"
