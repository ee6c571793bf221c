"""Amounts in words, as Indian cheques and invoices write them, in English or Hindi.

English follows the Indian numbering system (thousand, lakh, crore) and the cheque convention
"Rupees ... Only"; tens and units are written without a hyphen ("Twenty Three"), as most Indian
invoices print them. Crores are not capped: 100 crore is "One Hundred Crore", and the crore count
is itself written in lakhs and thousands when it is larger ("One Lakh Crore").

Hindi uses the same grouping (हज़ार, लाख, करोड़) and the words for 0–99, which in Hindi are
irregular and must each be known (:data:`HINDI_0_99`); the unit follows the number
("... रुपये मात्र").

Other currencies are kept simple: ``USD`` writes "Dollars ... and Cents ... Only" and ``EUR``
"Euros ... and Cents ... Only"; in English they use international grouping (thousand, million,
billion) because that is how dollar and euro amounts are read; in Hindi they use Indian grouping
(डॉलर / यूरो, सेंट). ``paise`` is always the amount in the currency's hundredth (cents).

>>> amount_in_words(12000000)
'Rupees One Lakh Twenty Thousand Only'
>>> amount_in_words(1050)
'Rupees Ten and Paise Fifty Only'
>>> amount_in_words(1020345600)
'Rupees One Crore Two Lakh Three Thousand Four Hundred Fifty Six Only'
>>> amount_in_words(0), amount_in_words(-100)
('Rupees Zero Only', 'Minus Rupees One Only')
>>> amount_in_words(12000000, language="hi")
'एक लाख बीस हज़ार रुपये मात्र'
>>> amount_in_words(1050, language="hi")
'दस रुपये और पचास पैसे मात्र'
>>> amount_in_words(123456789, currency="USD")
'Dollars One Million Two Hundred Thirty Four Thousand Five Hundred Sixty Seven and Cents Eighty Nine Only'
>>> amount_in_words(100, language="fr")
Traceback (most recent call last):
...
ValueError: language must be 'en' or 'hi', not 'fr'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["en", "hi"]

_ONES = (
    "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen",
    "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
)  # fmt: skip
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")

HINDI_0_99: tuple[str, ...] = (
    # 0-9
    "शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ",
    # 10-19
    "दस", "ग्यारह", "बारह", "तेरह", "चौदह", "पंद्रह", "सोलह", "सत्रह", "अठारह", "उन्नीस",
    # 20-29
    "बीस", "इक्कीस", "बाईस", "तेईस", "चौबीस", "पच्चीस", "छब्बीस", "सत्ताईस", "अट्ठाईस", "उनतीस",
    # 30-39
    "तीस", "इकतीस", "बत्तीस", "तैंतीस", "चौंतीस", "पैंतीस", "छत्तीस", "सैंतीस", "अड़तीस", "उनतालीस",
    # 40-49
    "चालीस", "इकतालीस", "बयालीस", "तैंतालीस", "चवालीस", "पैंतालीस", "छियालीस", "सैंतालीस", "अड़तालीस", "उनचास",
    # 50-59
    "पचास", "इक्यावन", "बावन", "तिरेपन", "चौवन", "पचपन", "छप्पन", "सत्तावन", "अट्ठावन", "उनसठ",
    # 60-69
    "साठ", "इकसठ", "बासठ", "तिरेसठ", "चौंसठ", "पैंसठ", "छियासठ", "सड़सठ", "अड़सठ", "उनहत्तर",
    # 70-79
    "सत्तर", "इकहत्तर", "बहत्तर", "तिहत्तर", "चौहत्तर", "पचहत्तर", "छिहत्तर", "सतहत्तर", "अठहत्तर", "उन्यासी",
    # 80-89
    "अस्सी", "इक्यासी", "बयासी", "तिरासी", "चौरासी", "पचासी", "छियासी", "सत्तासी", "अट्ठासी", "नवासी",
    # 90-99
    "नब्बे", "इक्यानबे", "बानबे", "तिरानबे", "चौरानबे", "पचानबे", "छियानबे", "सत्तानबे", "अट्ठानबे", "निन्यानबे",
)  # fmt: skip
"""Hindi words for 0–99, by index."""

_HI_HUNDRED, _HI_THOUSAND, _HI_LAKH, _HI_CRORE = "सौ", "हज़ार", "लाख", "करोड़"
_LAKH, _CRORE = 100_000, 10_000_000


@dataclass(frozen=True, slots=True)
class Currency:
    """How a currency's units are named in each language."""

    major_en: str
    minor_en: str
    major_hi: str
    minor_hi: str
    indian_grouping_en: bool


CURRENCIES: dict[str, Currency] = {
    "INR": Currency("Rupees", "Paise", "रुपये", "पैसे", indian_grouping_en=True),
    "USD": Currency("Dollars", "Cents", "डॉलर", "सेंट", indian_grouping_en=False),
    "EUR": Currency("Euros", "Cents", "यूरो", "सेंट", indian_grouping_en=False),
}
"""The currencies :func:`amount_in_words` can name."""


def _en_below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_ONES[hundreds], "Hundred"]
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens])
        if ones:
            words.append(_ONES[ones])
    elif rest:
        words.append(_ONES[rest])
    return words


def _en_indian(n: int) -> list[str]:
    """Words for n > 0 in lakhs and crores."""
    words: list[str] = []
    crores, n = divmod(n, _CRORE)
    if crores:
        words += [*_en_indian(crores), "Crore"]
    lakhs, n = divmod(n, _LAKH)
    if lakhs:
        words += [*_en_below_thousand(lakhs), "Lakh"]
    thousands, n = divmod(n, 1000)
    if thousands:
        words += [*_en_below_thousand(thousands), "Thousand"]
    return words + _en_below_thousand(n)


_SCALES = ((10**12, "Trillion"), (10**9, "Billion"), (10**6, "Million"), (10**3, "Thousand"))


def _en_international(n: int) -> list[str]:
    """Words for n > 0 in thousands, millions and billions."""
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count:
            words += [*(_en_international(count) if count >= 1000 else _en_below_thousand(count)), name]
    return words + _en_below_thousand(n)


def _hi_below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [HINDI_0_99[hundreds], _HI_HUNDRED] if hundreds else []
    if rest:
        words.append(HINDI_0_99[rest])
    return words


def _hi_indian(n: int) -> list[str]:
    """Hindi words for n > 0."""
    words: list[str] = []
    crores, n = divmod(n, _CRORE)
    if crores:
        words += [*_hi_indian(crores), _HI_CRORE]
    lakhs, n = divmod(n, _LAKH)
    if lakhs:
        words += [HINDI_0_99[lakhs], _HI_LAKH]
    thousands, n = divmod(n, 1000)
    if thousands:
        words += [HINDI_0_99[thousands], _HI_THOUSAND]
    return words + _hi_below_thousand(n)


def number_in_words(n: int, language: Language = "en", indian: bool = True) -> str:
    """A whole number in words ("One Lakh Twenty Thousand", "एक लाख बीस हज़ार").

    >>> number_in_words(99, "hi"), number_in_words(1_00_00_00_000)
    ('निन्यानबे', 'One Hundred Crore')
    """
    if n < 0:
        return ("Minus " if language == "en" else "ऋण ") + number_in_words(-n, language, indian)
    if n == 0:
        return "Zero" if language == "en" else HINDI_0_99[0]
    if language == "hi":
        return " ".join(_hi_indian(n))
    return " ".join(_en_indian(n) if indian else _en_international(n))


def amount_in_words(paise: int, language: str = "en", currency: str = "INR") -> str:
    """An amount of ``paise`` (hundredths of ``currency``) in words, ending "Only" / "मात्र".

    Zero rupees with some paise reads "Paise Fifty Only" ("पचास पैसे मात्र"); a negative amount
    starts "Minus" ("ऋण"). Raises ValueError for an unknown language or currency.
    """
    if language not in ("en", "hi"):
        raise ValueError(f"language must be 'en' or 'hi', not {language!r}")
    code = currency.strip().upper()
    if code not in CURRENCIES:
        raise ValueError(f"currency must be one of {', '.join(CURRENCIES)}, not {currency!r}")
    unit = CURRENCIES[code]
    paise = int(paise)
    sign = ""
    if paise < 0:
        sign = "Minus " if language == "en" else "ऋण "
        paise = -paise
    major, minor = divmod(paise, 100)
    if language == "en":
        indian = unit.indian_grouping_en
        parts = []
        if major or not minor:
            parts.append(f"{unit.major_en} {number_in_words(major, 'en', indian)}")
        if minor:
            parts.append(f"{unit.minor_en} {number_in_words(minor, 'en', indian)}")
        return f"{sign}{' and '.join(parts)} Only"
    parts = []
    if major or not minor:
        parts.append(f"{number_in_words(major, 'hi')} {unit.major_hi}")
    if minor:
        parts.append(f"{number_in_words(minor, 'hi')} {unit.minor_hi}")
    return f"{sign}{' और '.join(parts)} मात्र"
