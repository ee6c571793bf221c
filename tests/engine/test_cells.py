"""Reading cells: amounts as Indians type them, day-first dates, Excel serials, codes typed as numbers."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.engine.cells import (
    CellState,
    CellValueError,
    amount_of,
    amount_reason,
    blank_mask,
    cell_address,
    column_index,
    column_letter,
    date_of,
    date_reason,
    error_mask,
    fold,
    fold_key,
    parse_a1,
    parse_amount_text,
    parse_amounts,
    parse_dates,
    parse_range,
    parse_text,
    read_amount,
    read_date,
    read_yes_no,
    serial_to_date,
    text_error_mask,
)
from addin.engine.money import format_inr, to_decimal_string
from addin.engine.trade.values import yes_flags
from tests.cell_values import amount_writings, amounts, cell_values, date_writings, days


def amount(cell: Any, *, dr_cr_sign: bool = False) -> int:
    col = parse_amounts(pd.Series([cell], dtype=object), dr_cr_sign=dr_cr_sign)
    assert col.readable[0], f"{cell!r} should be readable"
    return int(col.paise[0])


def date(cell: Any, *, dayfirst: bool = True) -> dt.date | None:
    value = parse_dates(pd.Series([cell], dtype=object), dayfirst=dayfirst).values[0]
    return None if np.isnat(value) else pd.Timestamp(value).date()


APRIL_1 = dt.date(2025, 4, 1)


class TestAmounts:
    @pytest.mark.parametrize(
        ("typed", "paise"),
        [
            (1200, 120000),
            (1200.5, 120050),
            ("1,00,000.50", 10000050),
            ("100,000.50", 10000050),
            ("(500)", -50000),
            ("-500", -50000),
            ("₹ 1,200", 120000),
            ("₹1,200.00", 120000),
            ("Rs. 1,200", 120000),
            ("rs 1200", 120000),
            ("INR 1200", 120000),
            ("1,200/-", 120000),
            ("-₹500", -50000),
            ("₹ -500", -50000),
            ("(₹ 500)", -50000),
            ("  1200\xa0", 120000),
            (".50", 50),
            ("1,234,567", 123456700),
            ("12,34,567", 123456700),
        ],
    )
    def test_indian_and_western_writing_reads_as_paise(self, typed: Any, paise: int) -> None:
        assert amount(typed) == paise

    def test_a_cr_suffix_makes_a_signed_amount_negative(self) -> None:
        assert amount("1,200 Cr", dr_cr_sign=True) == -120000
        assert amount("1200Cr", dr_cr_sign=True) == -120000
        assert amount("1,200 Dr", dr_cr_sign=True) == 120000
        assert amount("1,200 cr.", dr_cr_sign=True) == -120000

    def test_a_dr_cr_suffix_is_stripped_in_a_debit_or_credit_column(self) -> None:
        assert amount("1,200 Cr") == 120000
        assert amount("1200 Dr") == 120000

    def test_float_noise_from_excel_is_whole_paise_and_not_flagged(self) -> None:
        col = parse_amounts(pd.Series([1234.5600000001, 0.1 + 0.2, 99999999.99]))
        assert col.paise.tolist() == [123456, 30, 9999999999]
        assert not col.too_many_decimals.any()

    def test_three_decimals_typed_are_flagged_and_rounded_half_up(self) -> None:
        for cells in (pd.Series([12.345]), pd.Series(["12.345"], dtype=object)):
            col = parse_amounts(cells)
            assert col.too_many_decimals.tolist() == [True]
            assert col.paise.tolist() == [1235]

    def test_excel_error_values_are_errors_not_unreadable(self) -> None:
        errors = ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!"]
        col = parse_amounts(pd.Series(errors, dtype=object))
        assert col.error.all()
        assert not col.unreadable.any()

    @pytest.mark.parametrize(
        "typed", ["five hundred", "12,5", "(500", "1.2.3", True, dt.date(2025, 4, 1), "--5"]
    )
    def test_words_broken_numbers_booleans_and_dates_are_unreadable(self, typed: Any) -> None:
        col = parse_amounts(pd.Series([typed], dtype=object))
        assert col.unreadable.tolist() == [True]
        assert col.paise.tolist() == [0]

    def test_blank_cells_are_blank_with_zero_paise(self) -> None:
        col = parse_amounts(pd.Series([None, np.nan, "", "   ", "\xa0"], dtype=object))
        assert col.blank.all()
        assert col.paise.tolist() == [0] * 5

    def test_a_column_left_empty_is_blank_however_it_was_read(self) -> None:
        """A reader types an all-empty column as text, float or object: the same blank column."""
        empty = [pd.Series([None] * 3, dtype=t) for t in ("str", "float64", object)]
        for col in (parse_amounts(e) for e in empty):
            assert col.blank.tolist() == [True] * 3
            assert col.paise.tolist() == [0] * 3
            assert not (col.unreadable | col.error | col.too_many_decimals | col.negative).any()

    def test_negative_amounts_are_marked(self) -> None:
        col = parse_amounts(pd.Series([-5.0, 5.0, np.nan]))
        assert col.negative.tolist() == [True, False, False]

    def test_true_and_one_in_one_column_stay_apart(self) -> None:
        col = parse_amounts(pd.Series([1, True, 1.0, False, 0], dtype=object))
        assert col.unreadable.tolist() == [False, True, False, True, False]
        assert col.paise.tolist() == [100, 0, 100, 0, 0]

    def test_int64_and_datetime_columns(self) -> None:
        assert parse_amounts(pd.Series([5, -2], dtype=np.int64)).paise.tolist() == [500, -200]
        stamps = parse_amounts(pd.Series(pd.to_datetime(["2025-04-01", None])))
        assert stamps.unreadable.tolist() == [True, False]
        assert stamps.blank.tolist() == [False, True]

    def test_absurdly_large_amounts_are_unreadable(self) -> None:
        col = parse_amounts(pd.Series([1e16, float("inf")]))
        assert col.unreadable.tolist() == [True, True]

    @given(st.integers(min_value=-(10**15), max_value=10**15))
    def test_an_amount_formatted_indian_style_reads_back_as_the_same_paise(self, paise: int) -> None:
        for symbol in ("", "₹"):
            assert amount(format_inr(paise, symbol)) == paise

    @given(st.integers(min_value=-(10**13), max_value=10**13))
    def test_parsing_the_parsed_amount_again_changes_nothing(self, paise: int) -> None:
        once = parse_amounts(pd.Series([format_inr(paise)], dtype=object)).paise
        twice = parse_amounts(pd.Series(once / 100)).paise
        assert twice.tolist() == once.tolist() == [paise]

    @given(st.lists(st.integers(min_value=-(10**12), max_value=10**12), min_size=1, max_size=30))
    def test_float_column_and_text_column_agree(self, paise: list[int]) -> None:
        floats = parse_amounts(pd.Series([p / 100 for p in paise]))
        texts = parse_amounts(pd.Series([f"{p / 100:.2f}" for p in paise], dtype="str"))
        assert floats.paise.tolist() == texts.paise.tolist() == paise
        assert not floats.too_many_decimals.any()

    @given(
        st.lists(
            st.one_of(
                st.integers(min_value=-(10**14), max_value=10**14).map(to_decimal_string),
                st.integers(min_value=-(10**14), max_value=10**14).map(format_inr),
                st.sampled_from(["", "  ", "#N/A", "abc", "12.345", " 7 ", "(5)", "1,200 Cr", "0.1"]),
            ),
            min_size=1,
            max_size=30,
        )
    )
    def test_a_text_column_reads_as_each_of_its_cells_would(self, typed: list[str]) -> None:
        col = parse_amounts(pd.Series(typed, dtype="str"))
        for i, text in enumerate(typed):
            paise, decimals = parse_amount_text(text)
            assert col.readable[i] == (paise is not None), text
            assert int(col.paise[i]) == (paise or 0), text
            assert bool(col.too_many_decimals[i]) == decimals, text
            assert bool(col.error[i]) == (text.strip() == "#N/A"), text
            assert bool(col.blank[i]) == (not text.strip()), text


class TestDates:
    @pytest.mark.parametrize(
        "typed",
        [
            "01/04/2025",
            "1/4/2025",
            "01-04-2025",
            "01/04/25",
            "01-04-25",
            "01.04.2025",
            "1-Apr-2025",
            "01 Apr 2025",
            "1 April 2025",
            "Apr 1, 2025",
            "2025-04-01",
            "2025-04-01T00:00:00.000Z",
            "2025-04-01 10:30:00",
            45748,
            45748.5,
            dt.date(2025, 4, 1),
            dt.datetime(2025, 4, 1, 15, 30),
            pd.Timestamp("2025-04-01 09:00"),
            np.datetime64("2025-04-01"),
        ],
    )
    def test_every_accepted_writing_reads_as_the_first_of_april(self, typed: Any) -> None:
        assert date(typed) == APRIL_1

    def test_day_comes_first_unless_told_otherwise(self) -> None:
        assert date("04/01/2025") == dt.date(2025, 1, 4)
        assert date("04/01/2025", dayfirst=False) == APRIL_1

    def test_two_digit_years_follow_excel(self) -> None:
        assert date("01/04/29") == dt.date(2029, 4, 1)
        assert date("01/04/30") == dt.date(1930, 4, 1)

    def test_excel_serials_around_the_fake_leap_day(self) -> None:
        assert serial_to_date(59) == dt.date(1900, 2, 28)
        assert serial_to_date(60) is None
        assert serial_to_date(61) == dt.date(1900, 3, 1)
        assert serial_to_date(2958465) == dt.date(9999, 12, 31)
        assert serial_to_date(0) is None
        assert serial_to_date(2958466) is None

    def test_float_serial_column_agrees_with_cell_by_cell(self) -> None:
        serials = [1.0, 59.0, 60.0, 61.0, 45748.99, 0.0, np.nan, 109574.0]
        fast = parse_dates(pd.Series(serials))
        slow = parse_dates(pd.Series([*serials, "text forces cell by cell"], dtype=object))
        assert fast.values.tolist() == slow.values.tolist()[:-1]
        assert fast.unreadable.tolist() == [False, False, True, False, False, True, False, False]
        assert fast.blank.tolist() == [False] * 6 + [True, False]
        assert pd.Timestamp(fast.values[-1]).date() == dt.date(2199, 12, 31)

    @pytest.mark.parametrize(
        "typed", ["31/02/2025", "32/01/2025", "2025-13-01", "tomorrow", "1-Avr-2025", True]
    )
    def test_impossible_or_unknown_dates_are_unreadable(self, typed: Any) -> None:
        col = parse_dates(pd.Series([typed], dtype=object))
        assert col.unreadable.tolist() == [True]
        assert np.isnat(col.values[0])

    def test_error_values_and_blanks_are_told_apart(self) -> None:
        col = parse_dates(pd.Series(["#N/A", None, " "], dtype=object))
        assert col.error.tolist() == [True, False, False]
        assert col.blank.tolist() == [False, True, True]

    def test_a_typed_datetime_column_is_taken_as_is_at_midnight(self) -> None:
        stamps = pd.Series(pd.to_datetime(["2025-04-01 13:45", None])).astype("datetime64[ms]")
        col = parse_dates(stamps)
        assert col.values.dtype == np.dtype("datetime64[ns]")
        assert pd.Timestamp(col.values[0]) == pd.Timestamp("2025-04-01")
        assert col.blank.tolist() == [False, True]

    def test_a_timezone_aware_column_keeps_its_local_date(self) -> None:
        stamps = pd.Series(pd.to_datetime(["2025-04-01 23:00"]).tz_localize("Asia/Kolkata"))
        assert pd.Timestamp(parse_dates(stamps).values[0]) == pd.Timestamp("2025-04-01")

    def test_days_beyond_what_the_ledger_can_hold_are_unreadable(self) -> None:
        col = parse_dates(pd.Series(["01/01/2263", 2958465, dt.date(9999, 1, 1)], dtype=object))
        assert col.unreadable.tolist() == [True, True, True]
        assert parse_dates(pd.Series([2958465.0])).unreadable.tolist() == [True]

    @given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2262, 4, 11)))
    def test_a_date_written_dd_mm_yyyy_reads_back(self, day: dt.date) -> None:
        assert date(day.strftime("%d/%m/%Y")) == day
        assert date(day.isoformat()) == day


class TestText:
    def test_codes_typed_as_numbers_match_codes_typed_as_text(self) -> None:
        assert parse_text(pd.Series([1001.0, 1001, "1001", " 1001 "], dtype=object)).tolist() == ["1001"] * 4

    def test_number_columns_read_as_codes(self) -> None:
        assert parse_text(pd.Series([1001.0, np.nan, 1002.0])).tolist() == ["1001", "", "1002"]
        assert parse_text(pd.Series([7, 8], dtype=np.int64)).tolist() == ["7", "8"]
        assert parse_text(pd.Series([1.5, 2.0])).tolist() == ["1.5", "2"]

    def test_blanks_become_empty_strings(self) -> None:
        assert parse_text(pd.Series([None, np.nan], dtype=object)).tolist() == ["", ""]
        assert parse_text(pd.Series(["a", None], dtype="str")).tolist() == ["a", ""]

    def test_string_columns_are_stripped_of_spaces_and_non_breaking_spaces(self) -> None:
        assert parse_text(pd.Series(["\xa0Cash  ", "Bank"], dtype="str")).tolist() == ["Cash", "Bank"]

    def test_fractions_booleans_and_dates_read_as_shown(self) -> None:
        cells = pd.Series([12.5, True, dt.date(2025, 4, 1)], dtype=object)
        assert parse_text(cells).tolist() == ["12.5", "TRUE", "2025-04-01"]

    def test_result_keeps_the_index(self) -> None:
        cells = pd.Series(["a", "b"], index=[5, 6], dtype=object)
        assert parse_text(cells).index.tolist() == [5, 6]

    def test_error_values_are_found_in_raw_and_in_parsed_text(self) -> None:
        raw = pd.Series(["#N/A", "#1 Shop", None, 5.0, " #REF! "], dtype=object)
        assert error_mask(raw).tolist() == [True, False, False, False, True]
        assert text_error_mask(parse_text(raw)).tolist() == [True, False, False, False, True]

    def test_blank_mask_sees_spaces_as_blank_and_zero_as_filled(self) -> None:
        assert blank_mask(pd.Series([None, " ", 0, "x"], dtype=object)).tolist() == [True, True, False, False]
        assert blank_mask(pd.Series(["", None, "x"], dtype="str")).tolist() == [True, True, False]

    @pytest.mark.parametrize(
        ("cell", "said"),
        [(True, True), (" Yes ", True), ("Y", True), (1.0, True), ("हाँ", True), ("haan", True),
         (False, False), ("NO", False), ("n", False), (0, False), ("नहीं", False), (None, None), ("  ", None)],
    )  # fmt: skip
    def test_a_yes_no_cell_reads_as_the_trade_tables_yes_flags(self, cell: Any, said: bool | None) -> None:
        assert read_yes_no(cell) is said
        assert bool(yes_flags(pd.Series([cell], dtype=object))[0]) is bool(said)

    @pytest.mark.parametrize("cell", ["xyz", "maybe", 2.0, dt.date(2025, 4, 1)])
    def test_a_cell_neither_yes_nor_no_is_refused_with_a_reason_in_both_languages(self, cell: Any) -> None:
        with pytest.raises(CellValueError) as refused:
            read_yes_no(cell)
        assert "neither yes nor no" in refused.value.reason.en
        assert "न हाँ है न नहीं" in refused.value.reason.hi


# ------------------------------------------------------------------------------------------------
# one grammar: the scalar readers say why, and the vectorised readers agree with them cell by cell


def _column_kinds(cells: list[Any]) -> list[pd.Series]:
    """The cells as every kind of column a reader may hand over: mixed objects, and typed when possible."""
    kinds = [pd.Series(cells, dtype=object)]
    if cells and all(isinstance(c, float) for c in cells):
        kinds.append(pd.Series(cells, dtype=np.float64))
    if cells and all(isinstance(c, str) for c in cells):
        kinds.append(pd.Series(cells, dtype="str"))
    if cells and all(type(c) is dt.datetime and 1678 < c.year < 2262 for c in cells):
        kinds.append(pd.Series(pd.to_datetime(cells)))
    return kinds


class TestOneGrammar:
    @given(st.lists(cell_values, min_size=1, max_size=20), st.booleans())
    def test_an_amount_column_reads_as_each_of_its_cells(self, cells: list[Any], signed: bool) -> None:
        readings = [amount_of(c, dr_cr_sign=signed) for c in cells]
        for column in _column_kinds(cells):
            col = parse_amounts(column, dr_cr_sign=signed)
            assert col.blank.tolist() == [r.state is CellState.BLANK for r in readings], cells
            assert col.unreadable.tolist() == [r.state is CellState.UNREADABLE for r in readings], cells
            assert col.error.tolist() == [r.state is CellState.ERROR for r in readings], cells
            assert col.paise.tolist() == [r.paise if r.state is CellState.OK else 0 for r in readings], cells
            assert col.too_many_decimals.tolist() == [r.too_many_decimals for r in readings], cells

    def test_a_number_too_large_for_money_is_unreadable_without_a_warning(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy's overflow in ×100 would be a RuntimeWarning
            col = parse_amounts(pd.Series([1e307, -1e307, 12.5]))
        assert col.unreadable.tolist() == [True, True, False]
        assert col.paise.tolist() == [0, 0, 1250]

    @given(st.lists(cell_values, min_size=1, max_size=20))
    def test_a_date_column_reads_as_each_of_its_cells(self, cells: list[Any]) -> None:
        readings = [date_of(c) for c in cells]
        for column in _column_kinds(cells):
            col = parse_dates(column)
            nat = np.datetime64("NaT", "ns")
            expected = np.array([np.datetime64(r.date, "ns") if r.date else nat for r in readings])
            assert col.values.tolist() == expected.astype("datetime64[ns]").tolist(), cells
            assert col.blank.tolist() == [r.state is CellState.BLANK for r in readings], cells
            assert col.unreadable.tolist() == [r.state is CellState.UNREADABLE for r in readings], cells
            assert col.error.tolist() == [r.state is CellState.ERROR for r in readings], cells

    @given(days)
    def test_every_writing_of_a_date_reads_as_that_date(self, day: dt.date) -> None:
        for text in date_writings(day):
            assert read_date(text) == day, text

    @given(amounts)
    def test_every_writing_of_an_amount_reads_as_those_paise(self, paise: int) -> None:
        for text in amount_writings(paise):
            assert read_amount(text) == (paise, False), text

    @given(st.decimals(min_value=-(10**14), max_value=10**14, places=4, allow_nan=False))
    def test_text_and_number_agree_to_the_paisa(self, rupees: Decimal) -> None:
        exact = int((rupees * 100).quantize(Decimal(1), ROUND_HALF_UP))
        assert read_amount(str(rupees)).paise == exact
        assert read_amount(f"{rupees:,}").paise == exact

    @given(cell_values)
    def test_what_is_refused_says_why_in_two_languages(self, value: Any) -> None:
        for reading in (amount_of(value), date_of(value)):
            if reading.state is not CellState.OK:
                assert reading.reason is not None
                assert reading.reason.en
                assert reading.reason.hi
                assert reading.reason.en != reading.reason.hi

    @given(cell_values)
    def test_scalar_readers_raise_with_the_reason_or_read(self, value: Any) -> None:
        for read, of in ((read_date, date_of), (read_amount, amount_of)):
            reading = of(value)
            if reading.state is CellState.OK:
                read(value)
            else:
                with pytest.raises(CellValueError) as caught:
                    read(value)
                assert caught.value.reason == reading.reason


class TestReasons:
    @pytest.mark.parametrize(
        ("typed", "en", "hi"),
        [
            ("31/04/2025", "April has 30 days", "अप्रैल में 30 दिन होते हैं"),
            ("31/06/2025", "June has 30 days", "जून में 30 दिन होते हैं"),
            ("29/02/2025", "February 2025 has 28 days: 2025 is not a leap year", "2025 अधिवर्ष (लीप वर्ष)"),
            ("30/02/2024", "February 2024 has 29 days", "फ़रवरी 2024 में 29 दिन हैं"),
            ("00/04/2025", "there is no day 0", "दिन 0 नहीं होता"),
            ("2025-13-01", "there is no month 13: months run from 1 to 12", "माह 13 नहीं होता"),
            ("04/13/2025", "are written day first (dd/mm/yyyy), so perhaps 13/04/2025", "शायद 13/04/2025"),
            ("1-Avr-2025", "'Avr' is not a month", "'Avr' कोई माह नहीं है"),
            ("01/04/202", "the year '202' has 3 digits", "वर्ष '202' में 3 अंक हैं"),
            ("April 2025", "has no day", "में दिन नहीं है"),
            ("01042025", "has no separators", "विभाजक नहीं हैं"),
            ("45748", "a number written as text", "पाठ के रूप में लिखी संख्या"),
            ("tomorrow", "is not written as a date is", "तिथि के किसी रूप"),
            (60, "Excel's 29/02/1900, a day that never was", "जो दिन कभी था ही नहीं"),
            (0, "they start at 1 (01/01/1900)", "1 (01/01/1900) से शुरू"),
            (3e6, "beyond Excel's last date number", "अंतिम तिथि संख्या"),
            ("01/01/2263", "outside the dates the books can hold", "के बाहर है"),
            (True, "TRUE is a yes/no value, not a date", "हाँ/नहीं का मान"),
            ("#N/A", "the cell shows the Excel error #N/A", "एक्सेल त्रुटि #N/A"),
            ("", "the cell is empty", "सेल खाली है"),
        ],
    )
    def test_a_date_that_cannot_be_read_says_why(self, typed: Any, en: str, hi: str) -> None:
        reason = date_reason(typed)
        assert reason is not None
        assert en in reason.en
        assert hi in reason.hi

    @pytest.mark.parametrize(
        ("typed", "en", "hi"),
        [
            ("1,2,3", "not a grouping of digits: a comma stands after the thousands", "अंकों का सही समूह नहीं"),
            ("12,5", "write paise after a point (12.50), not a comma", "बिंदु के बाद लिखें (12.50)"),
            ("1.2.3", "more than one decimal point", "एक से अधिक दशमलव बिंदु"),
            ("(500", "opens a bracket it does not close", "कोष्ठक खुला है"),
            ("--5", "more than one sign", "एक से अधिक चिह्न"),
            ("five hundred", "has letters or words", "अक्षर या शब्द"),
            ("₹", "has no digits", "कोई अंक नहीं"),
            ("1,00,00,00,00,00,00,000", "too large", "बहुत बड़ी"),
            (float("inf"), "not a finite number", "सीमित संख्या नहीं"),
            (dt.date(2025, 4, 1), "it is a date, not an amount", "यह तिथि है"),
            ("-", "a dash means no amount", "कोई राशि नहीं"),
        ],
    )
    def test_an_amount_that_cannot_be_read_says_why(self, typed: Any, en: str, hi: str) -> None:
        reason = amount_reason(typed)
        assert reason is not None
        assert en in reason.en
        assert hi in reason.hi

    def test_more_than_two_decimals_is_refused_only_when_asked_to_be_exact(self) -> None:
        assert read_amount("12.345") == (1235, True)
        with pytest.raises(CellValueError, match="more than two decimals") as caught:
            read_amount("12.345", exact=True)
        assert "दो से अधिक दशमलव" in caught.value.reason.hi

    @pytest.mark.parametrize("typed", ["9" * 100_000, "₹ " + "1" * 5_000 + ".50", "(" + "0" * 40 + "5)"])
    def test_an_amount_of_more_than_30_digits_is_refused_saying_how_many_it_has(self, typed: str) -> None:
        reason = amount_reason(typed)
        assert reason is not None
        digits = sum(c.isdigit() for c in typed)
        assert f"has {digits} digits: an amount has at most 15 before the point" in reason.en
        assert f"में {digits} अंक हैं" in reason.hi
        assert len(reason.en) < 200  # the start of the text is quoted, not all of it
        assert parse_amounts(pd.Series([typed, "5"])).unreadable.tolist() == [True, False]

    @pytest.mark.parametrize("number", [10**400, -(10**400), 10**15], ids=["10^400", "-10^400", "10^15"])
    def test_an_integer_too_large_for_money_is_refused_not_overflowed(self, number: int) -> None:
        reason = amount_reason(number)
        assert reason is not None
        assert "is too large: amounts must be below 10^15 rupees" in reason.en
        assert "बहुत बड़ी है" in reason.hi
        assert len(reason.en) < 100


class TestTextAndAddresses:
    def test_fold_ignores_case_and_spacing(self) -> None:
        assert fold("  Cash \xa0 in HAND ") == fold("cash in hand") == "cash in hand"

    def test_fold_key_keeps_letters_and_digits_of_every_script(self) -> None:
        assert fold_key(" Chq./Ref.No. ") == "chqrefno"
        assert fold_key("जमा राशि (₹)") == "जमाराशि"

    @given(st.integers(min_value=1, max_value=16384), st.integers(min_value=1, max_value=1048576))
    def test_an_address_reads_back_as_its_row_and_column(self, column: int, row: int) -> None:
        address = cell_address(row, column)
        assert parse_a1(address) == (row, column)
        assert parse_a1(address.replace(column_letter(column), f"${column_letter(column)}$")) == (row, column)
        assert column_index(column_letter(column)) == column
        assert parse_range(f"'Journal'!{address}:{address}") == ((row, column), (row, column))
