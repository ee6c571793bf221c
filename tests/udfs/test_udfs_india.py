"""BAHI.AMOUNTINWORDS, BAHI.INRFORMAT, BAHI.FINYEAR, BAHI.GSTIN_VALID, BAHI.PAN_VALID as a cell sees them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from xlwings import XlwingsError
from xlwings.server import custom_functions_meta

import udfs
from udfs import amountinwords, finyear, gstin_valid, inrformat, pan_valid

Call = Callable[..., Any]


class TestAmountInWords:
    def test_direct_call(self) -> None:
        assert amountinwords(120000) == "Rupees One Lakh Twenty Thousand Only"
        assert amountinwords(10.5) == "Rupees Ten and Paise Fifty Only"
        assert amountinwords(120000, "hi") == "एक लाख बीस हज़ार रुपये मात्र"
        assert amountinwords(1.05, "en", "usd") == "Dollars One and Cents Five Only"

    def test_from_excel_with_optional_arguments_left_out(self, call_excel: Call) -> None:
        assert call_excel("amountinwords", 120000.0, None, None) == [["Rupees One Lakh Twenty Thousand Only"]]
        assert call_excel("amountinwords", 10.5, "hi", "") == [["दस रुपये और पचास पैसे मात्र"]]

    def test_text_amounts_with_rupee_sign_and_lakh_commas_are_read(self) -> None:
        assert amountinwords("₹ 1,20,000.00") == "Rupees One Lakh Twenty Thousand Only"

    def test_amounts_round_to_the_paisa(self) -> None:
        assert amountinwords(0.1 + 0.2) == "Paise Thirty Only"
        assert amountinwords(2.675) == "Rupees Two and Paise Sixty Eight Only"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("abc",), "amount: 'abc' has letters or words — amount: 'abc' में अक्षर या शब्द हैं"),
            ((True,), "amount: TRUE is a yes/no value, not an amount — amount: TRUE हाँ/नहीं का मान है"),
            ((None,), "amount: the cell is empty — amount: सेल खाली है"),
            (("1,2,3",), "amount: '1,2,3' is not a grouping of digits"),
            (("12,5",), r"write paise after a point \(12.50\)"),
            ((100, "fr"), 'language should be "en" or "hi"'),
            ((100, "en", "GBP"), "currency should be one of INR, USD, EUR"),
        ],
    )
    def test_bad_arguments_give_a_readable_error(self, args: tuple[Any, ...], message: str) -> None:
        with pytest.raises(XlwingsError, match=message):
            amountinwords(*args)

    def test_bad_arguments_from_excel_raise_xlwings_error(self, call_excel: Call) -> None:
        # xlwings Server answers an XlwingsError with HTTP 400 and its message: #VALUE! in the cell.
        with pytest.raises(XlwingsError, match="amount: 'lots' has letters or words"):
            call_excel("amountinwords", "lots", None, None)


class TestInrFormat:
    @pytest.mark.parametrize(
        ("amount", "text"),
        [(120000.5, "1,20,000.50"), (-12345678.9, "-1,23,45,678.90"), (0, "0.00"), (999, "999.00")],
    )
    def test_lakh_and_crore_grouping(self, amount: float, text: str) -> None:
        assert inrformat(amount) == text

    def test_from_excel(self, call_excel: Call) -> None:
        assert call_excel("inrformat", 10000000.0) == [["1,00,00,000.00"]]


class TestFinYear:
    def test_direct_call_with_a_date_or_a_serial(self) -> None:
        assert finyear(dt.date(2025, 4, 1)) == "2025-26"
        assert finyear(45747.0) == "2024-25"  # 31 March 2025
        assert finyear("15/08/2025", 1) == "2025"

    def test_from_excel_dates_arrive_as_serial_numbers(self, call_excel: Call) -> None:
        assert call_excel("finyear", 45748.0, None) == [["2025-26"]]
        assert call_excel("finyear", 45748.0, 1.0) == [["2025"]]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("someday",), "date: 'someday' is not written as a date is"),
            (("31/04/2025",), "date: April has 30 days — date: अप्रैल में 30 दिन होते हैं"),
            (("29/02/2025",), "date: February 2025 has 28 days: 2025 is not a leap year"),
            ((60,), "date: 60 is Excel's 29/02/1900, a day that never was"),
            ((45748, 13), "start_month should be from 1 to 12"),
            ((45748, 4.5), "start_month should be a whole number"),
        ],
    )
    def test_bad_arguments_give_a_readable_error(self, args: tuple[Any, ...], message: str) -> None:
        with pytest.raises(XlwingsError, match=message):
            finyear(*args)


class TestIdentifiers:
    def test_gstin_valid(self) -> None:
        assert gstin_valid("27AAPFU0939F1ZV") is True
        assert gstin_valid("27AAPFU0939F1ZW") is False

    def test_pan_valid(self) -> None:
        assert pan_valid("AAPFU0939F") is True
        assert pan_valid("AAPFU0939") is False

    @pytest.mark.parametrize("value", [None, "", 27.0, True])
    def test_anything_else_is_false_not_an_error(self, value: Any) -> None:
        assert gstin_valid(value) is False
        assert pan_valid(value) is False

    def test_from_excel_one_cell(self, call_excel: Call) -> None:
        assert call_excel("gstin_valid", "27aapfu0939f1zv") == [[True]]
        assert call_excel("pan_valid", "") == [[False]]

    def test_from_excel_a_range_spills_one_answer_a_cell(self, call_excel: Call) -> None:
        column = [["27AAPFU0939F1ZV"], ["27AAPFU0939F1ZW"], [""]]
        assert call_excel("gstin_valid", column) == [[True], [False], [False]]
        row = [["AAPFU0939F", "nope"]]
        assert call_excel("pan_valid", row) == [[True, False]]


class TestMetadata:
    def test_each_formula_is_listed_upper_cased_with_its_help_text(self) -> None:
        meta = {f["id"]: f for f in custom_functions_meta(udfs)["functions"]}
        assert {"AMOUNTINWORDS", "INRFORMAT", "FINYEAR", "GSTIN_VALID", "PAN_VALID"} <= set(meta)
        words = meta["AMOUNTINWORDS"]
        assert (
            words["description"]
            == 'Writes an amount in words, Indian style: "Rupees One Lakh Twenty Thousand Only".'
        )

        assert [(p["name"], p.get("optional", False)) for p in words["parameters"]] == [
            ("amount", False),
            ("language", True),
            ("currency", True),
        ]
        assert words["parameters"][2]["description"] == '"INR" (the default), "USD" or "EUR".'

    def test_each_description_is_one_line_and_the_arguments_are_not_in_it(self) -> None:
        # xlwings takes the description from the docstring when it first records the function;
        # with_arg_docs shows it the first line alone: a change in xlwings fails here
        for function in custom_functions_meta(udfs)["functions"]:
            assert "\n" not in function["description"], function["id"]
            assert "Args:" not in function["description"], function["id"]
            assert function["description"].endswith("."), function["id"]

    def test_ids_and_names_have_at_least_three_characters_as_office_requires(self) -> None:
        for function in custom_functions_meta(udfs)["functions"]:
            assert len(function["id"]) >= 3, function["id"]
            assert len(function["name"].rsplit(".", 1)[-1]) >= 3, function["name"]

    def test_the_old_python_name_of_finyear_stays_but_is_not_a_second_formula(self) -> None:
        from udfs import india  # noqa: PLC0415

        assert india.fy is finyear
        assert "fy" not in udfs.__all__
        assert "FY" not in {f["id"] for f in custom_functions_meta(udfs)["functions"]}

    def test_the_whole_docstring_stays_for_python_help(self) -> None:
        assert "Args:" in (finyear.__doc__ or "")

    def test_every_argument_has_help_text(self) -> None:
        for function in custom_functions_meta(udfs)["functions"]:
            for parameter in function["parameters"]:
                assert not parameter["description"].startswith("Positional argument"), function["id"]

    def test_star_import_brings_exactly_the_formulas(self) -> None:
        namespace: dict[str, Any] = {}
        exec("from udfs import *", namespace)
        names = {n for n in namespace if not n.startswith("__")}
        assert names == set(udfs.__all__)
        assert all(hasattr(namespace[n], "__xlfunc__") for n in names)
