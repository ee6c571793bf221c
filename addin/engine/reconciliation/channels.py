"""How money moved, as a bank description or a book narration says it: the payment channel.

Both sides often name it ("NEFT CR-…" and "Received from X via NEFT"; "ATM WDL" and "Cash
withdrawn (ATM)"; "UPI-…" and "By UPI - X"). When the party names of two lines read unlike, the
same channel on both is what is left to say they are one transaction; different channels say they
are not.

>>> channel_masks(["NEFT CR-HDFC0001234-RAVI", "Received from Ravi by cheque", "ATM WDL", "Rent"]).tolist()
[2, 4, 8, 0]
>>> bank, book = channel_masks(["UPI-ROHIT VERMA-98765@ybl"]), channel_masks(["By UPI - Verma Traders"])
>>> same_channel(bank, book).tolist()
[True]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

CHANNELS = (  # bit 1, 2, 4, …: the words that name each channel
    ("UPI",),
    ("NEFT", "RTGS", "IMPS"),
    ("CHQ", "CHEQUE", "CLG", "CLEARING", "CTS", "MICR"),
    ("CASH", "ATM", "CDM"),
    ("NACH", "ECS", "ACH", "BBPS", "AUTOPAY"),
)
TRANSFER = 1 << 1  # the bank transfers' bit (NEFT, RTGS, IMPS)
CHEQUE = 1 << 2  # the cheque channel's bit
_PATTERNS = [re.compile(rf"(?i)(?<![A-Z])(?:{'|'.join(words)})(?![A-Z])") for words in CHANNELS]


def channel_masks(texts: Sequence[str]) -> npt.NDArray[np.int64]:
    """Each text's channels as bits (``CHANNELS`` order), 0 when it names none."""
    masks = np.zeros(len(texts), dtype=np.int64)
    for bit, pattern in enumerate(_PATTERNS):
        masks |= np.array([bool(pattern.search(str(t))) for t in texts], dtype=np.int64) << bit
    return masks


def same_channel(bank: npt.NDArray[np.int64], book: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether each pair's two lines name a channel in common."""
    same: npt.NDArray[np.bool_] = (bank & book) != 0
    return same
