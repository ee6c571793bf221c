"""GSTIN and PAN: what a valid one looks like, and why an invalid one is refused."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import stdnum.exceptions
from hypothesis import given
from hypothesis import strategies as st
from stdnum.in_ import gstin as stdnum_gstin
from stdnum.in_ import pan as stdnum_pan

from addin.engine.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
    gstin,
    pan,
)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"

# Published GSTINs whose check characters were computed by the GST system, not by this code.
KNOWN_GSTINS = ["27AAPFU0939F1ZV", "29AAGCB7383J1Z4"]

pans = st.builds(
    lambda five, four, last, holder: five[:3] + holder + five[4] + four + last,
    st.text(LETTERS, min_size=5, max_size=5),
    st.text(DIGITS, min_size=4, max_size=4).filter(lambda serial: serial != "0000"),
    st.sampled_from(LETTERS),
    st.sampled_from(sorted(pan.HOLDER_TYPES)),
)
first14 = st.builds(
    lambda state, p, entity: state + p + entity + "Z",
    st.sampled_from(sorted(gstin.STATES)),
    pans,
    st.sampled_from("123456789" + LETTERS),
)
gstins = first14.map(lambda f: f + gstin.calc_check_character(f))


def _with_state(state: str) -> str:
    first = state + "AAPFU0939F1Z"
    return first + gstin.calc_check_character(first)


class TestGstin:
    @pytest.mark.parametrize("number", KNOWN_GSTINS)
    def test_published_gstins_validate(self, number: str) -> None:
        assert gstin.validate(number) == number
        assert gstin.is_valid(number)

    def test_spaces_hyphens_and_lower_case_are_tolerated(self) -> None:
        assert gstin.validate(" 27-aapfu0939f-1zv ") == "27AAPFU0939F1ZV"

    def test_state_code_and_name(self) -> None:
        assert gstin.state_code("29AAGCB7383J1Z4") == "29"
        assert gstin.state_name("29AAGCB7383J1Z4") == "Karnataka"
        assert gstin.pan_of("29AAGCB7383J1Z4") == "AAGCB7383J"

    def test_special_state_codes_97_and_99_exist(self) -> None:
        assert {"97", "99", "01", "38"} <= set(gstin.STATES)
        assert "39" not in gstin.STATES

    def test_the_state_codes_are_python_stdnums_and_three_more(self) -> None:
        known = {f"{n:02d}" for n in range(100) if stdnum_gstin.is_valid(_with_state(f"{n:02d}"))}
        assert set(gstin.STATES) == known | {"38", "97", "99"}

    @given(gstins)
    def test_what_stdnum_accepts_is_accepted_and_the_rest_is_one_of_our_extras(self, number: str) -> None:
        assert gstin.is_valid(number)
        ours_only = number[:2] in {"38", "97", "99"} or number[13] != "Z"
        assert stdnum_gstin.is_valid(number) == (not ours_only)

    @given(st.text(DIGITS + LETTERS, min_size=15, max_size=15))
    def test_stdnums_gstins_are_ours(self, text: str) -> None:
        if stdnum_gstin.is_valid(text):
            assert gstin.is_valid(text)

    def test_our_errors_are_python_stdnums_errors_too(self) -> None:
        with pytest.raises(stdnum.exceptions.InvalidChecksum):
            gstin.validate("27AAPFU0939F1ZW")

    @pytest.mark.parametrize(
        ("text", "error", "reason"),
        [
            ("27AAPFU0939F1Z", InvalidLength, "has 14 characters"),
            ("27AAPFU0939F1ZV9", InvalidLength, "has 16 characters"),
            ("27AAPFU0939F1Z#", InvalidFormat, "'#' is not a letter"),
            ("X7AAPFU0939F1ZV", InvalidFormat, "state code"),
            ("00AAPFU0939F1ZV", InvalidComponent, "state code '00'"),
            ("27AAPXU0939F1ZV", InvalidComponent, "holder type"),
            ("27AAPF00939F1ZV", InvalidFormat, "character 5 '0' should be a letter"),
            ("27AAPFU0939F0ZV", InvalidFormat, "entity number"),
            ("27AAPFU0939F119", InvalidFormat, "14th character"),
            ("27AAPFU0939F1ZW", InvalidChecksum, "expected 'V'"),
        ],
    )
    def test_invalid_gstins_say_why(self, text: str, error: type[ValidationError], reason: str) -> None:
        with pytest.raises(error, match=reason):
            gstin.validate(text)
        assert not gstin.is_valid(text)

    @pytest.mark.parametrize(
        "text",
        ["27AAPFU0939F1Z", "27AAPFU0939F1Z#", "X7AAPFU0939F1ZV", "00AAPFU0939F1ZV", "27AAPXU0939F1ZV",
         "27AAPF00939F1ZV", "27AAPFU0939F0ZV", "27AAPFU0939F119", "27AAPFU0939F1ZW"],
    )  # fmt: skip
    def test_invalid_gstins_say_why_in_hindi_with_the_same_details(self, text: str) -> None:
        assert_hindi_says_what_english_says(gstin.validate, text)

    def test_errors_are_value_errors(self) -> None:
        with pytest.raises(ValueError, match="check character"):
            gstin.validate("27AAPFU0939F1ZW")

    @pytest.mark.parametrize("value", [None, 27, 3.5, True, "", []])
    def test_is_valid_never_raises(self, value: object) -> None:
        assert gstin.is_valid(value) is False

    @given(gstins)
    def test_a_generated_gstin_validates(self, number: str) -> None:
        assert gstin.validate(number) == number

    @given(gstins, st.integers(0, 14), st.sampled_from(DIGITS + LETTERS))
    def test_any_single_changed_character_fails(self, number: str, position: int, char: str) -> None:
        changed = number[:position] + char + number[position + 1 :]
        if changed != number:
            assert not gstin.is_valid(changed)

    @given(gstins, st.sampled_from(DIGITS + LETTERS))
    def test_a_changed_check_character_fails_with_checksum_error(self, number: str, char: str) -> None:
        if char != number[-1]:
            with pytest.raises(InvalidChecksum):
                gstin.validate(number[:-1] + char)

    @given(gstins)
    def test_formatting_then_compacting_is_identity(self, number: str) -> None:
        assert gstin.compact(gstin.format(number)) == number
        assert gstin.format(number.lower()) == number


class TestPan:
    def test_a_well_formed_pan_validates(self) -> None:
        assert pan.validate("AAPFU0939F") == "AAPFU0939F"
        assert pan.validate("aapfu 0939 f") == "AAPFU0939F"

    @pytest.mark.parametrize(
        ("letter", "holder"), [("P", "Individual"), ("C", "Company"), ("F", "Firm / LLP")]
    )
    def test_the_fourth_letter_names_the_holder(self, letter: str, holder: str) -> None:
        assert pan.holder_type(f"ABC{letter}D1234E") == holder

    def test_the_holder_types_are_python_stdnums(self) -> None:
        assert set(pan.HOLDER_TYPES) == set("PCHFATBLJGK")
        assert set(pan.HOLDER_TYPES) == {c for c in LETTERS if stdnum_pan.is_valid(f"ABC{c}D1234E")}

    def test_a_serial_number_of_0000_is_refused_as_stdnum_refuses_it(self) -> None:
        with pytest.raises(InvalidComponent, match="cannot be 0000"):
            pan.validate("AAPFU0000F")
        assert not stdnum_pan.is_valid("AAPFU0000F")

    @given(st.text(DIGITS + LETTERS, min_size=10, max_size=10))
    def test_valid_exactly_when_python_stdnum_says_so(self, text: str) -> None:
        assert pan.is_valid(text) == stdnum_pan.is_valid(text)

    @given(pans)
    def test_valid_exactly_when_stdnum_says_so_near_valid_ones(self, number: str) -> None:
        for changed in (number, number[:3] + "X" + number[4:], number[:5] + "0000" + number[9:]):
            assert pan.is_valid(changed) == stdnum_pan.is_valid(changed)

    @pytest.mark.parametrize(
        ("text", "error", "reason"),
        [
            ("AAPFU0939", InvalidLength, "has 9 characters"),
            ("AAPFU09390", InvalidFormat, "character 10 '0' should be a letter"),
            ("AAPFUX939F", InvalidFormat, "character 6 'X' should be a digit"),
            ("AAPZU0939F", InvalidComponent, "4th character 'Z'"),
        ],
    )
    def test_invalid_pans_say_why(self, text: str, error: type[ValidationError], reason: str) -> None:
        with pytest.raises(error, match=reason):
            pan.validate(text)
        assert not pan.is_valid(text)

    @pytest.mark.parametrize("text", ["AAPFU0939", "AAPFU09390", "AAPFUX939F", "AAPZU0939F", "AAPFU0000F"])
    def test_invalid_pans_say_why_in_hindi_with_the_same_details(self, text: str) -> None:
        assert_hindi_says_what_english_says(pan.validate, text)

    def test_the_docstring_is_honest_that_pan_has_no_published_checksum(self) -> None:
        assert pan.__doc__ is not None
        assert "no published checksum" in pan.__doc__

    @given(pans)
    def test_a_generated_pan_validates_and_formatting_is_reversible(self, number: str) -> None:
        assert pan.validate(number) == number
        assert pan.compact(pan.format(number)) == number


def assert_hindi_says_what_english_says(validate: Callable[[str], str], text: str) -> None:
    """The Hindi reason is in Hindi and names every quoted character and number the English names
    after its first colon ("check character is 'X', expected '4'")."""
    with pytest.raises(ValidationError) as raised:
        validate(text)
    english, hindi = str(raised.value).split(": ", 1)[1], raised.value.hi
    assert any("\u0900" <= c <= "\u097f" for c in hindi), hindi
    for detail in re.findall(r"'[^']*'|\b\d+\b", english):
        assert detail in hindi, (detail, english, hindi)
