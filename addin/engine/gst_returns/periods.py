"""A return's tax period: a month (or any run of days), and the portal's ``MMYYYY`` for it.

GSTR-1 and GSTR-3B are filed for a month (or, under QRMP, a quarter named by its last month). A
:class:`ReturnPeriod` is the first and last day of what a return covers; its ``fp`` is the portal's
"financial period" of the last month, as the offline tool's JSON writes it.

>>> period = ReturnPeriod.parse("2025-09")
>>> period.start, period.end, period.fp, period.label
(datetime.date(2025, 9, 1), datetime.date(2025, 9, 30), '092025', '09/2025')
>>> ReturnPeriod.parse("Sep 2025") == period, ReturnPeriod.parse("092025") == period
(True, True)
>>> ReturnPeriod(dt.date(2025, 7, 1), dt.date(2025, 9, 30)).label
'01/07/2025 to 30/09/2025'
>>> ReturnPeriod.parse("2025-13"), ReturnPeriod.parse("soon")
(None, None)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from addin.engine.cells import parse_month_text

if TYPE_CHECKING:
    from addin.engine.trade.book import TradeBook

_PORTAL_PERIOD = re.compile(r"^(0[1-9]|1[0-2])(\d{4})$")


@dataclass(frozen=True, slots=True)
class ReturnPeriod:
    """The days a return covers, first and last included."""

    start: dt.date
    end: dt.date

    @classmethod
    def month(cls, year: int, month: int) -> ReturnPeriod:
        """The whole of one calendar month."""
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def parse(cls, text: str) -> ReturnPeriod | None:
        """A month as typed ("2025-09", "Sep 2025", "09/2025") or as the portal writes it ("092025");
        None when the text names no month."""
        text = str(text).strip()
        if match := _PORTAL_PERIOD.fullmatch(text):
            return cls.month(int(match[2]), int(match[1]))
        month = parse_month_text(text)
        return cls.month(*month) if month else None

    @property
    def fp(self) -> str:
        """The portal's return period of the last month, ``MMYYYY`` ("092025")."""
        return f"{self.end.month:02d}{self.end.year}"

    @property
    def is_month(self) -> bool:
        """True when the period is exactly one calendar month."""
        return self == ReturnPeriod.month(self.start.year, self.start.month)

    @property
    def label(self) -> str:
        """The period as a heading says it: "09/2025" for a month, else "dd/mm/yyyy to dd/mm/yyyy"."""
        if self.is_month:
            return f"{self.start:%m/%Y}"
        return f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"

    @property
    def label_hi(self) -> str:
        """The period in Hindi: "09/2025", or "dd/mm/yyyy से dd/mm/yyyy तक"."""
        if self.is_month:
            return self.label
        return f"{self.start:%d/%m/%Y} से {self.end:%d/%m/%Y} तक"

    @property
    def label_both(self) -> str:
        """The period for a bilingual title: "09/2025" once for a month, else English / Hindi."""
        return self.label if self.label == self.label_hi else f"{self.label} / {self.label_hi}"

    def holds(self, dates: npt.NDArray[np.datetime64]) -> npt.NDArray[np.bool_]:
        """Which of ``dates`` fall within the period (NaT never does)."""
        days = np.asarray(dates, dtype="datetime64[ns]").astype("datetime64[D]")
        inside: npt.NDArray[np.bool_] = (days >= np.datetime64(self.start, "D")) & (
            days <= np.datetime64(self.end, "D")
        )
        return inside


def months_between(start: dt.date, end: dt.date) -> list[ReturnPeriod]:
    """The calendar months from ``start``'s to ``end``'s, in order.

    >>> [p.fp for p in months_between(dt.date(2025, 11, 20), dt.date(2026, 1, 5))]
    ['112025', '122025', '012026']
    """
    months: list[ReturnPeriod] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(ReturnPeriod.month(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def latest_period(book: TradeBook) -> ReturnPeriod | None:
    """The month of the latest dated ok Sales or Purchases document, or None."""
    dates = [
        docs["date"].to_numpy(dtype="datetime64[ns]")[docs["ok"].to_numpy(dtype=np.bool_)]
        for docs in (book.sales.documents, book.purchases.documents)
    ]
    days = np.concatenate(dates)
    days = days[~np.isnat(days)]
    if not len(days):
        return None
    last = days.max().astype("datetime64[D]").astype(dt.date)
    return ReturnPeriod.month(last.year, last.month)
