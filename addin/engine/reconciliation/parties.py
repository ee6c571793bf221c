"""Party names in bank descriptions and book narrations, and how alike two of them are.

A bank prints the party upper-cased, abbreviated and cut to its description field
("NEFT-HDFC0001234-SHARMA ENTERPR"); the books write it in full inside a narration ("Being rent
for June paid to M/s Sharma Enterprises") or in the Party column. Both become the words that are
neither transaction vocabulary (NEFT, CHQ, paid, received, bill…) nor codes (IFSC, UTR, numbers):

>>> party_words("NEFT-HDFC0001234-SHARMA ENTERPR")
('SHARMA', 'ENTERPR')
>>> party_words("Being rent for June paid to M/s Sharma Enterprises")
('SHARMA', 'ENTERPRISES')
>>> party_words("UPI/CR/512345678901/RAMESH AGA/OKAXIS"), party_words("TO CLG 004512")
(('RAMESH', 'AGA'), ())

How much of the bank's name the books' words cover, each bank word weighed by its length: a word
the books' word begins with (cut short, or an initial), an abbreviation (TRDRS, PVT), or one with a
typo counts; the books may hold more words than the bank printed:

>>> bank, books = party_words("NEFT-HDFC0001234-SHARMA ENTERPR"), party_words("Rent to Sharma Enterprises")
>>> party_similarity(bank, books)
1.0
>>> round(party_similarity(("SHRAMA", "TRDRS"), ("SHARMA", "TRADERS")), 2)
0.82
>>> party_similarity(("GUPTA", "TRADERS"), ("SHARMA", "ENTERPRISES"))
0.0
>>> party_similarity((), ("SHARMA",))  # the bank names nobody: not known
nan
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, LCSseq, Prefix
from rapidfuzz.process import cdist, cpdist

# Words of bank descriptions and book narrations that say how, when or why money moved, not who.
_TRANSACTION_WORDS = """
    NEFT RTGS IMPS UPI NACH ACH ECS CMS MMT P2A P2P P2M IFT TRF TFR TRANSFER TRANSFERRED FT INB NET
    NETBANKING MOB MOBILE BIL BILLPAY ONL ONLINE POS ATM WDL WITHDRAWAL WITHDRAWN CASH DEP DEPOSIT
    DEPOSITED CLG CLEARING CHQ CHEQUE CHEQUES CTS MICR INWARD OUTWARD SLIP PAID PAY PAYMENT PAYMENTS
    MADE BY TO FROM CR DR CREDIT CREDITED DEBIT DEBITED REF UTR RRN NO TXN TRAN BULK UPLOAD BATCH SAL
    SALARY CHGS CHRG CHG CHARGES COMM COMMISSION GST INT INTEREST PD SB CA AC SELF BRANCH RETURN
    REV REVERSAL RECEIVED RECD RCVD RECIEVED RECEIPT BEING AGAINST BILL BILLS INV INVOICE FOR VIA
    THROUGH THRU TOWARDS OS OUTSTANDING ACCOUNT ISSUED IN BANK THE OF AND ON AT AMT AMOUNT MS
    MR MRS PURCHASE PURCHASES SALE SALES REFUND ADVANCE SETTLEMENT SETTL PART FULL FINAL BAL BALANCE
    RENT FEE FEES MAINTENANCE EXP EXPENSES WAGES SALARIES EMI LOAN TAX TDS REIMBURSEMENT
    STAFF EMPLOYEES EMPLOYEE WORKERS LABOUR VARIOUS SUNDRY VENDORS SUPPLIERS CREDITORS DEBTORS
    CUSTOMERS PARTIES
    JAN JANUARY FEB FEBRUARY MAR MARCH APR APRIL MAY JUN JUNE JUL JULY AUG AUGUST SEP SEPT SEPTEMBER
    OCT OCTOBER NOV NOVEMBER DEC DECEMBER
    YBL OKAXIS OKSBI OKICICI OKHDFCBANK PAYTM IBL AXL APL PTYES PTSBI
"""
TRANSACTION_WORDS = frozenset(_TRANSACTION_WORDS.split())
_SEPARATORS = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~–—’‘“”•", " "))


def party_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` that can name a party, upper-cased, in order: runs of letters (a word
    with a digit in it is a code: IFSC, UTR, cheque or bill number) that are not transaction words."""
    upper = str(text).upper().replace("A/C", "AC").replace("M/S", "MS").replace("O/S", "OS")
    return tuple(
        w for w in upper.translate(_SEPARATORS).split() if w.isalpha() and w not in TRANSACTION_WORDS
    )


@lru_cache(maxsize=1 << 16)
def party_similarity(bank_words: tuple[str, ...], book_words: tuple[str, ...]) -> float:
    """Share of the bank's party words (by length) found among the books' words, 0..1; NaN when either
    side names nobody."""
    bank_words, book_words = bank_words[:MAX_PARTY_WORDS], book_words[:MAX_PARTY_WORDS]
    if not bank_words or not book_words:
        return math.nan
    found = sum(len(word) * max(_word_likeness(word, other) for other in book_words) for word in bank_words)
    return round(found / sum(len(word) for word in bank_words), 6)


@lru_cache(maxsize=1 << 16)
def _word_likeness(bank_word: str, book_word: str) -> float:
    """1 for the word or its start (cut short, an initial); 0.9 where the books abbreviate it
    ("Pvt" for PRIVATE) or the bank does (its letters in order, the first the same: TRDRS); for a
    typo the likeness of the letters (rapidfuzz's Indel, at least 0.75) × 0.9; else 0."""
    if book_word.startswith(bank_word):
        return 1.0
    if bank_word[0] != book_word[0]:
        return 0.0
    if len(book_word) >= 3 and bank_word.startswith(book_word):
        return 0.9
    if _is_abbreviation(bank_word, book_word):
        return 0.9
    likeness = Indel.normalized_similarity(bank_word, book_word)
    return likeness * 0.9 if len(bank_word) >= 4 and likeness >= 0.75 else 0.0


def party_likenesses(
    bank_words: Sequence[tuple[str, ...]],
    book_words: Sequence[tuple[str, ...]],
    bank_of: npt.NDArray[np.int64],
    book_of: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """:func:`party_similarity` of ``bank_words[bank_of[k]]`` and ``book_words[book_of[k]]`` for
    every k, computed as arrays: the likeness of every distinct pair of words once (rapidfuzz's
    ``cdist``), then each pair of lines' words looked up together. A line's first
    ``MAX_PARTY_WORDS`` words count.

    >>> bank, books = [("SHARMA", "ENTERPR"), ()], [("RENT", "SHARMA", "ENTERPRISES"), ("GUPTA",)]
    >>> party_likenesses(bank, books, np.array([0, 0, 1]), np.array([0, 1, 0])).tolist()
    [1.0, 0.0, nan]
    """
    # Lines naming the same words are one line here, and each distinct pair of them is looked up once.
    bank_words, bank_of = _distinct_words(bank_words, bank_of)
    book_words, book_of = _distinct_words(book_words, book_of)
    pair_of, pairs = pd.factorize(bank_of * len(book_words) + book_of)
    bank_of, book_of = pairs // len(book_words), pairs % len(book_words)
    bank_vocabulary = sorted({w for words in bank_words for w in words})
    book_vocabulary = sorted({w for words in book_words for w in words})
    likeness = np.zeros((len(bank_vocabulary) + 1, len(book_vocabulary) + 1), dtype=np.float32)  # last: none
    likeness[:-1, :-1] = _word_likeness_matrix(bank_vocabulary, book_vocabulary)
    bank_ids, bank_weights = _word_ids(bank_words, bank_vocabulary)
    book_ids, _ = _word_ids(book_words, book_vocabulary)
    named = (bank_weights.sum(axis=1) > 0)[bank_of] & (book_ids[:, 0] < len(book_vocabulary))[book_of]
    result = np.full(len(bank_of), np.nan)
    weights, totals = bank_weights.astype(np.float32), bank_weights.sum(axis=1)
    for start in range(0, len(bank_of), _PAIRS_AT_ONCE):
        b, j = bank_of[start : start + _PAIRS_AT_ONCE], book_of[start : start + _PAIRS_AT_ONCE]
        best = likeness[bank_ids[b][:, :, None], book_ids[j][:, None, :]].max(axis=2)
        found = (best * weights[b]).sum(axis=1, dtype=np.float64)
        part = named[start : start + len(b)]
        result[start : start + len(b)][part] = np.round(found[part] / totals[b][part], 6)
    likenesses: npt.NDArray[np.float64] = result[pair_of]
    return likenesses


def _distinct_words(
    lines: Sequence[tuple[str, ...]], line_of: npt.NDArray[np.int64]
) -> tuple[list[tuple[str, ...]], npt.NDArray[np.int64]]:
    """The distinct word tuples of ``lines``, and ``line_of`` renumbered to them."""
    number: dict[tuple[str, ...], int] = {}
    code = np.array(
        [number.setdefault(words[:MAX_PARTY_WORDS], len(number)) for words in lines], dtype=np.int64
    )
    return list(number), code[line_of]


MAX_PARTY_WORDS = 8  # words of a line that count towards its party
_PAIRS_AT_ONCE = 1 << 16


def _word_ids(
    lines: Sequence[tuple[str, ...]], vocabulary: list[str]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Each line's word numbers (padded with the number past the last word) and lengths (0 pad),
    as wide as the line with most words (at most ``MAX_PARTY_WORDS``)."""
    number = {word: i for i, word in enumerate(vocabulary)}
    width = max([1, *(min(len(words), MAX_PARTY_WORDS) for words in lines)])
    ids = np.full((len(lines), width), len(vocabulary), dtype=np.int64)
    weights = np.zeros((len(lines), width))
    for row, words in enumerate(lines):
        for column, word in enumerate(words[:MAX_PARTY_WORDS]):
            ids[row, column] = number[word]
            weights[row, column] = len(word)
    return ids, weights


def _word_likeness_matrix(bank_words: list[str], book_words: list[str]) -> npt.NDArray[np.float64]:
    """:func:`_word_likeness` of every bank word and book word, by first letter (else 0)."""
    matrix = np.zeros((len(bank_words), len(book_words)))
    bank_by_letter: dict[str, list[int]] = {}
    book_by_letter: dict[str, list[int]] = {}
    for i, word in enumerate(bank_words):
        bank_by_letter.setdefault(word[0], []).append(i)
    for j, word in enumerate(book_words):
        book_by_letter.setdefault(word[0], []).append(j)
    for letter, rows in bank_by_letter.items():
        columns = book_by_letter.get(letter)
        if not columns:
            continue
        shorts, longs = [bank_words[i] for i in rows], [book_words[j] for j in columns]
        short_len = np.array([len(w) for w in shorts])[:, None]
        long_len = np.array([len(w) for w in longs])[None, :]
        prefix = cdist(shorts, longs, scorer=Prefix.similarity, dtype=np.int32)
        in_order = cdist(shorts, longs, scorer=LCSseq.similarity, dtype=np.int32)
        letters = cdist(shorts, longs, scorer=Indel.normalized_similarity, dtype=np.float64)
        typo = np.where((short_len >= 4) & (letters >= 0.75), letters * 0.9, 0.0)
        abbreviated = ((prefix == long_len) & (long_len >= 3)) | ((in_order == short_len) & (short_len >= 2))
        matrix[np.ix_(rows, columns)] = np.where(prefix == short_len, 1.0, np.where(abbreviated, 0.9, typo))
    return matrix


def text_likeness(bank_text: str, book_text: str) -> float:
    """How alike a bank description and a book narration read as whole texts, 0..1 (rapidfuzz's
    token-set ratio): the evidence left when a side names no party.

    >>> [round(text_likeness("CASH DEPOSIT", book), 2) for book in ("Cash deposited", "Chq from Ravi")]
    [0.92, 0.4]
    """
    return float(fuzz.token_set_ratio(bank_text.upper(), book_text.upper())) / 100.0


def text_likenesses(bank_texts: Sequence[str], book_texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """:func:`text_likeness` of each (bank text, book text) pair, in one rapidfuzz call."""
    scores = cpdist(
        [t.upper() for t in bank_texts], [t.upper() for t in book_texts], scorer=fuzz.token_set_ratio,
        dtype=np.float64, workers=1,
    )  # fmt: skip
    likenesses: npt.NDArray[np.float64] = scores / 100.0
    return likenesses


def _is_abbreviation(short: str, word: str) -> bool:
    """``short``'s letters appear in ``word`` in order (TRDRS in TRADERS, LTD in LIMITED)."""
    letters = iter(word)
    return len(short) >= 2 and all(c in letters for c in short)
