"""Amounts in words, as an Indian cheque writes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.words import HINDI_0_99, amount_in_words, number_in_words


class TestEnglish:
    @pytest.mark.parametrize(
        ("paise", "words"),
        [
            (0, "Rupees Zero Only"),
            (100, "Rupees One Only"),
            (1050, "Rupees Ten and Paise Fifty Only"),
            (50, "Paise Fifty Only"),
            (2300, "Rupees Twenty Three Only"),
            (10_100, "Rupees One Hundred One Only"),
            (12_000_000, "Rupees One Lakh Twenty Thousand Only"),
            (99_99_999_00, "Rupees Ninety Nine Lakh Ninety Nine Thousand Nine Hundred Ninety Nine Only"),
            (1_00_00_000_00, "Rupees One Crore Only"),
            (1_02_03_456_00, "Rupees One Crore Two Lakh Three Thousand Four Hundred Fifty Six Only"),
            (100_00_00_000_00, "Rupees One Hundred Crore Only"),
            (1_00_000_00_00_000_00, "Rupees One Lakh Crore Only"),
            (-100, "Minus Rupees One Only"),
            (-1050, "Minus Rupees Ten and Paise Fifty Only"),
        ],
    )
    def test_rupees(self, paise: int, words: str) -> None:
        assert amount_in_words(paise) == words

    def test_dollars_use_millions(self) -> None:
        assert amount_in_words(100_000_000, currency="USD") == "Dollars One Million Only"
        assert amount_in_words(105, currency="usd") == "Dollars One and Cents Five Only"

    def test_euros(self) -> None:
        assert (
            amount_in_words(1_234_50, currency="EUR")
            == "Euros One Thousand Two Hundred Thirty Four and Cents Fifty Only"
        )

    @pytest.mark.parametrize(("language", "currency"), [("fr", "INR"), ("en", "GBP")])
    def test_unknown_language_or_currency_is_refused(self, language: str, currency: str) -> None:
        with pytest.raises(ValueError, match="must be"):
            amount_in_words(100, language, currency)


class TestHindi:
    @pytest.mark.parametrize(
        ("paise", "words"),
        [
            (0, "शून्य रुपये मात्र"),
            (12_000_000, "एक लाख बीस हज़ार रुपये मात्र"),
            (1050, "दस रुपये और पचास पैसे मात्र"),
            (75, "पचहत्तर पैसे मात्र"),
            (1_02_03_456_00, "एक करोड़ दो लाख तीन हज़ार चार सौ छप्पन रुपये मात्र"),
            (-4500, "ऋण पैंतालीस रुपये मात्र"),
            (99_00, "निन्यानबे रुपये मात्र"),
        ],
    )
    def test_rupees(self, paise: int, words: str) -> None:
        assert amount_in_words(paise, language="hi") == words

    def test_the_table_of_0_to_99_is_complete_and_distinct(self) -> None:
        assert len(HINDI_0_99) == 100
        assert len(set(HINDI_0_99)) == 100

    @pytest.mark.parametrize(
        ("n", "word"),
        [(5, "पाँच"), (11, "ग्यारह"), (19, "उन्नीस"), (29, "उनतीस"), (37, "सैंतीस"), (45, "पैंतालीस"), (49, "उनचास"),
         (53, "तिरेपन"), (67, "सड़सठ"), (79, "उन्यासी"), (89, "नवासी"), (91, "इक्यानबे"), (98, "अट्ठानबे")],
    )  # fmt: skip
    def test_irregular_words(self, n: int, word: str) -> None:
        assert HINDI_0_99[n] == word

    def test_dollars_in_hindi(self) -> None:
        assert amount_in_words(2_05, language="hi", currency="USD") == "दो डॉलर और पाँच सेंट मात्र"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_every_amount_has_words_that_end_only(paise: int) -> None:
    words = amount_in_words(paise)
    assert words.endswith(" Only")
    assert words.startswith("Minus ") == (paise < 0)
    assert "  " not in words


@given(st.integers(min_value=1, max_value=10**13))
def test_hindi_and_english_count_the_same_groups(n: int) -> None:
    english, hindi = number_in_words(n), number_in_words(n, "hi")
    assert english.count("Crore") == hindi.count("करोड़")
    assert english.count("Lakh") == hindi.count("लाख")
