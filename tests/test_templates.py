"""The general-ledger template and the demo book, read back with openpyxl (not with the engine)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any
from zipfile import ZipFile

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from addin.engine.money import BRACKETED_INR_FORMAT, INR_FORMAT
from addin.engine.rules import Rule
from addin.engine.schema import ACCOUNT_TYPES, ACCOUNTS, JOURNAL, SETTING_ROWS, TABLES, TableSpec
from workbook_templates.build import (
    DEMO_MISTAKES,
    DEMO_PATH,
    README_SHEET,
    TEMPLATE_PATH,
    build_general_ledger,
)
from workbook_templates.chart import gstin_check_character
from workbook_templates.demo import demo_book
from workbook_templates.lines import journal_lines

JOURNAL_COLUMNS = ("Date", "Voucher", "Account", "Debit", "Credit", "Narration", "Party", "Reference")
FY_START, FY_END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)


# ------------------------------------------------------------------------------------------------
# fixtures: each book built once into a temporary folder and read once


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    return {
        "template": build_general_ledger(folder / "general-ledger.xlsx"),
        "demo": build_general_ledger(folder / "demo-general-ledger.xlsx", demo=True),
    }


@pytest.fixture(scope="module")
def template(built: dict[str, Path]) -> Workbook:
    return load_workbook(built["template"])


@pytest.fixture(scope="module")
def demo(built: dict[str, Path]) -> Workbook:
    return load_workbook(built["demo"])


@pytest.fixture(params=["template", "demo"])
def book(request: pytest.FixtureRequest) -> Workbook:
    result: Workbook = request.getfixturevalue(request.param)
    return result


def table_rows(wb: Workbook, spec: TableSpec) -> list[dict[str, Any]]:
    """The data rows of a table as {English column: value}, with the worksheet row under "row"."""
    ws = wb[spec.sheet]
    ref = ws.tables[spec.name].ref
    last = int(re.sub(r"[A-Z]+", "", ref.split(":")[1]))
    names = [c.en for c in spec.columns if not c.owned]
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=2, max_row=last, values_only=True), start=2):
        rows.append({"row": number, **dict(zip(names, values, strict=False))})
    return rows


def paise(value: object) -> int:
    """A Debit/Credit cell in paise, reading text as users type it ("1,00,000.50", "₹ 1,200")."""
    if value is None:
        return 0
    if isinstance(value, str):
        value = value.replace("₹", "").replace(",", "").strip()
    return int((Decimal(str(value)) * 100).to_integral_value())


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.strptime(str(value), "%d/%m/%Y").date()


def validations(ws: Worksheet) -> dict[str, str]:
    """sqref -> formula1 of the sheet's list validations."""
    return {str(v.sqref): str(v.formula1) for v in ws.data_validations.dataValidation if v.type == "list"}


# ------------------------------------------------------------------------------------------------
# both books: structure


def test_both_books_build_into_files(built: dict[str, Path]) -> None:
    assert all(path.stat().st_size > 0 for path in built.values())


def test_the_read_me_sheet_comes_first_and_is_bilingual(book: Workbook) -> None:
    ws = book.worksheets[0]
    assert ws.title == README_SHEET
    text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "Debit" in text
    assert "नामे" in text
    assert "negative" in text  # the opening-balance sign convention


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.name)
def test_every_schema_table_is_an_excel_table_at_a1_of_its_sheet(book: Workbook, spec: TableSpec) -> None:
    ws = book[spec.sheet]
    table = ws.tables[spec.name]
    expected = [c.heading for c in spec.columns if not c.owned]
    assert table.ref.startswith("A1:")
    assert [c.value for c in ws[1]][: len(expected)] == expected
    assert [c.name for c in table.tableColumns] == expected


def test_every_table_sheet_freezes_its_heading_row(book: Workbook) -> None:
    assert {spec.sheet: book[spec.sheet].freeze_panes for spec in TABLES} == dict.fromkeys(
        (s.sheet for s in TABLES), "A2"
    )


def test_headings_are_bold_and_tables_styled(book: Workbook) -> None:
    for spec in TABLES:
        ws = book[spec.sheet]
        assert ws["A1"].font.b
        assert ws.tables[spec.name].tableStyleInfo.name


def test_settings_hold_one_row_per_setting_in_english_and_hindi(book: Workbook) -> None:
    rows = table_rows(book, TABLES[3])
    assert [r["Setting"] for r in rows] == [f"{en} / {hi}" for en, hi, _, _ in SETTING_ROWS]
    values = {r["Setting"].split(" / ")[0]: r["Value"] for r in rows}
    assert values["Financial Year"] == "2025-26"
    assert values["FY Start Month"] == 4


def test_lock_date_is_formatted_as_a_date(book: Workbook) -> None:
    ws = book["Settings"]
    lock_row = next(r["row"] for r in table_rows(book, TABLES[3]) if r["Setting"].startswith("Lock Date"))
    assert ws.cell(row=lock_row, column=2).number_format == "dd/mm/yyyy"


def test_journal_account_dropdown_lists_the_account_codes(book: Workbook) -> None:
    lists = validations(book["Journal"])
    assert lists["C2:C1048576"] == "AccountCodes"
    assert book.defined_names["AccountCodes"].attr_text == "'Accounts'!$A$2:$A$2000"


def test_accounts_dropdowns_for_type_parent_and_active(book: Workbook) -> None:
    lists = validations(book["Accounts"])
    assert lists["C2:C2000"] == '"' + ",".join(ACCOUNT_TYPES) + '"'
    assert lists["D2:D2000"] == "AccountCodes"
    assert lists["F2:F2000"] == '"Yes,No"'


def test_settings_language_dropdown_offers_en_and_hi(book: Workbook) -> None:
    assert '"en,hi"' in validations(book["Settings"]).values()


def test_amounts_use_the_indian_format_and_dates_dd_mm_yyyy(book: Workbook) -> None:
    journal = book["Journal"]
    assert journal["A2"].number_format == "dd/mm/yyyy"
    assert journal["D2"].number_format == INR_FORMAT
    assert journal["E2"].number_format == INR_FORMAT


def shows_a_bare_minus(number_format: str) -> bool:
    """Whether a negative number in ``number_format`` reads with a bare minus, not in brackets: its
    negative section (the first, with a minus, when it has one section) without locale and quoted text.

    >>> shows_a_bare_minus("[$-4009]#,##0.00;[$-4009]-#,##0.00"), shows_a_bare_minus(BRACKETED_INR_FORMAT)
    (True, False)
    """
    sections = number_format.split(";")
    negative = re.sub(r'\[[^\]]*\]|"[^"]*"', "", sections[1] if len(sections) > 1 else sections[0])
    return "(" not in negative


def test_amounts_that_may_be_negative_show_it_in_brackets_never_a_bare_minus(book: Workbook) -> None:
    assert book["Accounts"]["E2"].number_format == BRACKETED_INR_FORMAT  # a credit opening balance
    assert book["Bank Statement"]["F2"].number_format == BRACKETED_INR_FORMAT  # an overdrawn balance
    assert not shows_a_bare_minus(BRACKETED_INR_FORMAT)


def test_dropdown_messages_are_bilingual(book: Workbook) -> None:
    account = next(v for v in book["Journal"].data_validations.dataValidation if v.type == "list")
    assert "Accounts" in (account.prompt or "")
    assert "खाते" in (account.prompt or "")


def test_dropdown_texts_fit_excels_limits(book: Workbook) -> None:
    """Longer titles or messages make Excel "repair" the file on opening."""
    for ws in book.worksheets:
        for validation in ws.data_validations.dataValidation:
            assert len(validation.promptTitle or "") <= 32
            assert len(validation.errorTitle or "") <= 32
            assert len(validation.prompt or "") <= 255
            assert len(validation.error or "") <= 255


def test_table_sheets_print_landscape_with_the_heading_on_every_page(book: Workbook) -> None:
    for spec in TABLES:
        ws = book[spec.sheet]
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$1:$1"


# ------------------------------------------------------------------------------------------------
# reproducible build, committed files


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first = build_general_ledger(tmp_path / "a.xlsx").read_bytes()
    second = build_general_ledger(tmp_path / "b.xlsx").read_bytes()
    assert first == second


def test_the_demo_build_is_reproducible_too(built: dict[str, Path], tmp_path: Path) -> None:
    again = build_general_ledger(tmp_path / "demo.xlsx", demo=True)
    assert again.read_bytes() == built["demo"].read_bytes()


def _parts(path: Path) -> dict[str, bytes]:
    with ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize(("committed", "name"), [(TEMPLATE_PATH, "template"), (DEMO_PATH, "demo")])
def test_committed_files_are_up_to_date(built: dict[str, Path], committed: Path, name: str) -> None:
    assert _parts(committed) == _parts(built[name]), "run: python -m workbook_templates.build"


def test_files_carry_fixed_creation_and_modification_times(template: Workbook) -> None:
    assert template.properties.created == template.properties.modified == dt.datetime(2025, 4, 1, 9, 0)


# ------------------------------------------------------------------------------------------------
# the template


def test_template_has_a_standard_indian_chart_with_zero_openings(template: Workbook) -> None:
    accounts = table_rows(template, ACCOUNTS)
    names = {a["Name"] for a in accounts}
    assert len(accounts) >= 40
    assert {"CGST Input", "SGST Input", "IGST Input", "CGST Payable", "SGST Payable", "IGST Payable"} <= names
    assert {"Sundry Debtors", "Sundry Creditors", "Capital Account", "Salaries & Wages", "Rent"} <= names
    assert all(a["Opening Balance"] == 0 for a in accounts)
    assert {a["Type"] for a in accounts} == set(ACCOUNT_TYPES)


def test_every_parent_is_an_account_of_the_same_type(book: Workbook) -> None:
    accounts = table_rows(book, ACCOUNTS)
    types = {a["Code"]: a["Type"] for a in accounts}
    assert all(types[a["Parent"]] == a["Type"] for a in accounts if a["Parent"] is not None)


def test_template_journal_and_statement_hold_one_blank_row(template: Workbook) -> None:
    for spec in (JOURNAL, TABLES[2]):
        rows = table_rows(template, spec)
        assert len(rows) == 1
        assert all(v is None for k, v in rows[0].items() if k != "row")


# ------------------------------------------------------------------------------------------------
# the demo: a year of business


@pytest.fixture(scope="module")
def demo_journal(demo: Workbook) -> list[dict[str, Any]]:
    return table_rows(demo, JOURNAL)


@pytest.fixture(scope="module")
def demo_accounts(demo: Workbook) -> list[dict[str, Any]]:
    return table_rows(demo, ACCOUNTS)


@pytest.fixture(scope="module")
def demo_settings(demo: Workbook) -> dict[str, Any]:
    return {r["Setting"].split(" / ")[0]: r["Value"] for r in table_rows(demo, TABLES[3])}


def test_demo_has_a_few_thousand_journal_lines(demo_journal: list[dict[str, Any]]) -> None:
    assert 2500 <= len(demo_journal) <= 4000


def test_demo_opening_balances_net_to_zero(demo_accounts: list[dict[str, Any]]) -> None:
    assert sum(paise(a["Opening Balance"]) for a in demo_accounts) == 0


def test_demo_settings_name_the_company_bank_account_and_lock_date(
    demo_settings: dict[str, Any], demo_accounts: list[dict[str, Any]]
) -> None:
    bank = next(a for a in demo_accounts if a["Code"] == demo_settings["Bank Account"])
    assert demo_settings["Company"] == "Shree Ganesh Traders"
    assert "Bank" in bank["Name"]
    assert as_date(demo_settings["Lock Date"]) == dt.date(2025, 3, 31)


def test_demo_gstins_are_valid(demo_accounts: list[dict[str, Any]]) -> None:
    gstins = [a["GSTIN"] for a in demo_accounts if a["GSTIN"]]
    shape = re.compile(r"^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")
    assert len(gstins) >= 10
    assert all(shape.match(g) and gstin_check_character(g[:14]) == g[14] for g in gstins)


def test_demo_marks_one_account_inactive(demo_accounts: list[dict[str, Any]]) -> None:
    assert [a["Code"] for a in demo_accounts if a["Active"] == "No"] == [5325]


def test_demo_dates_run_through_the_financial_year(demo_journal: list[dict[str, Any]]) -> None:
    dates = (as_date(r["Date"]) for r in demo_journal)
    months = {(d.year, d.month) for d in dates if FY_START <= d <= FY_END}
    assert len(months) == 12


def test_demo_has_sales_with_cgst_sgst_and_with_igst(demo_journal: list[dict[str, Any]]) -> None:
    accounts = {r["Account"] for r in demo_journal}
    assert {2121, 2122, 2123, 1151, 1152, 1153, 2131, 5310, 5320, 5330, 5340} <= accounts


def test_demo_has_amounts_and_dates_typed_as_text(demo_journal: list[dict[str, Any]]) -> None:
    amounts = {v for r in demo_journal for v in (r["Debit"], r["Credit"]) if isinstance(v, str)}
    dates = [r["Date"] for r in demo_journal if isinstance(r["Date"], str)]
    assert {"1,00,000.50", "₹ 1,200"} <= amounts
    assert len(dates) >= 3
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", d) for d in dates)


def test_demo_journal_balances_except_the_planted_vouchers(demo_journal: list[dict[str, Any]]) -> None:
    net: dict[str, int] = defaultdict(int)
    first_row: dict[str, int] = {}
    for line in demo_journal:
        net[line["Voucher"]] += paise(line["Debit"]) - paise(line["Credit"])
        first_row.setdefault(line["Voucher"], line["row"])
    unbalanced = {("unbalanced-voucher", "Journal", f"B{first_row[v]}") for v, n in net.items() if n}
    assert unbalanced == {m for m in DEMO_MISTAKES if m[0] == Rule.UNBALANCED_VOUCHER}


def test_demo_mistakes_cover_the_ten_planted_rules() -> None:
    assert {Rule(m[0]) for m in DEMO_MISTAKES} == {
        Rule.UNBALANCED_VOUCHER, Rule.UNKNOWN_ACCOUNT, Rule.DEBIT_AND_CREDIT, Rule.NEGATIVE_AMOUNT,
        Rule.TOO_MANY_DECIMALS, Rule.OUTSIDE_FINANCIAL_YEAR, Rule.LOCKED_PERIOD, Rule.DUPLICATE_LINE,
        Rule.MISSING_NARRATION, Rule.INACTIVE_ACCOUNT, Rule.VOUCHER_DATES_DIFFER,
    }


def test_demo_mistakes_are_what_the_generator_planted() -> None:
    assert demo_book().mistakes == DEMO_MISTAKES


def _line_at(journal: list[dict[str, Any]], cell: str) -> dict[str, Any]:
    row = int(cell[1:])
    return journal[row - 2]


def _dated_unlike_line_above(journal: list[dict[str, Any]], line: dict[str, Any]) -> bool:
    above = journal[line["row"] - 3]
    return bool(above["Voucher"] == line["Voucher"] and as_date(above["Date"]) != as_date(line["Date"]))


def test_each_planted_cell_holds_the_mistake_it_claims(
    demo_journal: list[dict[str, Any]], demo_accounts: list[dict[str, Any]], demo_settings: dict[str, Any]
) -> None:
    codes = {a["Code"] for a in demo_accounts}
    inactive = {a["Code"] for a in demo_accounts if a["Active"] == "No"}
    lock = as_date(demo_settings["Lock Date"])
    for rule, _, cell in DEMO_MISTAKES:
        line = _line_at(demo_journal, cell)
        column = JOURNAL_COLUMNS[ord(cell[0]) - ord("A")]
        assert line["row"] == int(cell[1:])
        held = {
            "unknown-account": lambda line=line: line["Account"] not in codes,
            "inactive-account": lambda line=line: line["Account"] in inactive,
            "debit-and-credit": lambda line=line: line["Debit"] and line["Credit"],
            "negative-amount": lambda line=line: paise(line["Debit"]) < 0,
            "too-many-decimals": lambda line=line: Decimal(str(line["Debit"])).as_tuple().exponent == -3,
            "outside-financial-year": lambda line=line: not FY_START <= as_date(line["Date"]) <= FY_END,
            "locked-period": lambda line=line: as_date(line["Date"]) <= lock,
            "missing-narration": lambda line=line: line["Narration"] is None,
            "duplicate-line": lambda line=line: {k: v for k, v in line.items() if k != "row"}
            == {k: v for k, v in _line_at(demo_journal, f"B{line['row'] - 1}").items() if k != "row"},
            "unbalanced-voucher": lambda line=line: True,
            "voucher-dates-differ": lambda line=line: _dated_unlike_line_above(demo_journal, line),
        }[rule]
        assert held(), (rule, cell)
        assert column in {"Date", "Voucher", "Account", "Debit", "Narration"}


def test_only_the_planted_lines_are_dated_outside_the_year_or_locked(
    demo_journal: list[dict[str, Any]], demo_settings: dict[str, Any]
) -> None:
    lock = as_date(demo_settings["Lock Date"])
    odd = {f"A{r['row']}" for r in demo_journal if not FY_START <= as_date(r["Date"]) <= FY_END}
    locked = {f"A{r['row']}" for r in demo_journal if as_date(r["Date"]) <= lock}
    assert odd == {m[2] for m in DEMO_MISTAKES if m[0] == "outside-financial-year"}
    assert locked == {m[2] for m in DEMO_MISTAKES if m[0] == "locked-period"}


def test_only_the_planted_duplicate_repeats_a_line(demo_journal: list[dict[str, Any]]) -> None:
    seen: set[tuple[Any, ...]] = set()
    repeats = []
    for r in demo_journal:
        key = (r["Date"], r["Voucher"], r["Account"], r["Debit"], r["Credit"], r["Narration"])
        if key in seen:
            repeats.append(("duplicate-line", "Journal", f"B{r['row']}"))
        seen.add(key)
    assert repeats == [m for m in DEMO_MISTAKES if m[0] == "duplicate-line"]


# ------------------------------------------------------------------------------------------------
# the demo's bank statement


@pytest.fixture(scope="module")
def statement(demo: Workbook) -> list[dict[str, Any]]:
    return table_rows(demo, TABLES[2])


def test_statement_balance_runs_from_the_books_opening_bank_balance(
    statement: list[dict[str, Any]], demo_accounts: list[dict[str, Any]], demo_settings: dict[str, Any]
) -> None:
    bank = next(a for a in demo_accounts if a["Code"] == demo_settings["Bank Account"])
    balance = paise(bank["Opening Balance"])
    for line in statement:
        balance += paise(line["Deposit"]) - paise(line["Withdrawal"])
        assert paise(line["Balance"]) == balance, line["row"]


def test_statement_is_in_date_order_within_the_year(statement: list[dict[str, Any]]) -> None:
    dates = [as_date(s["Date"]) for s in statement]
    assert dates == sorted(dates)
    assert dates[0] >= FY_START
    assert dates[-1] <= FY_END


def test_statement_uses_bank_style_descriptions(statement: list[dict[str, Any]]) -> None:
    texts = [s["Description"] for s in statement]
    for prefix in ("NEFT-", "NEFT DR-", "UPI/", "CHQ DEP ", "BY CLG ", "TO CLG ", "CASH WDL"):
        assert any(t.startswith(prefix) for t in texts), prefix


@pytest.fixture(scope="module")
def paired(
    statement: list[dict[str, Any]], demo_journal: list[dict[str, Any]], demo_settings: dict[str, Any]
) -> tuple[list[tuple[int, int]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Statement lines paired with the bank account's book lines: same amount and direction, the bank
    0-3 days later (earliest first). Returns (lag, paise) pairs, unpaired book lines, unpaired bank lines.
    """
    bank = demo_settings["Bank Account"]
    books = [r for r in demo_journal if r["Account"] == bank]
    open_books = [(as_date(r["Date"]), paise(r["Debit"]) - paise(r["Credit"]), r) for r in books]
    pairs: list[tuple[int, int]] = []
    unpaired_bank = []
    for line in statement:
        day, moved = as_date(line["Date"]), paise(line["Deposit"]) - paise(line["Withdrawal"])
        hit = next((b for b in open_books if b[1] == moved and 0 <= (day - b[0]).days <= 3), None)
        if hit is None:
            unpaired_bank.append(line)
            continue
        open_books.remove(hit)
        pairs.append(((day - hit[0]).days, moved))
    return pairs, [b[2] for b in open_books], unpaired_bank


def test_two_cheques_unpresented_and_one_deposit_uncredited_at_year_end(paired: Any) -> None:
    _, unpaired_books, _ = paired
    assert sorted(("Dr" if r["Debit"] else "Cr", as_date(r["Date"])) for r in unpaired_books) == [
        ("Cr", dt.date(2026, 3, 27)), ("Cr", dt.date(2026, 3, 30)), ("Dr", dt.date(2026, 3, 31)),
    ]
    assert all(re.fullmatch(r"\d{6}", r["Reference"]) for r in unpaired_books)  # cheques


def test_bank_charges_and_interest_appear_only_on_the_statement(paired: Any) -> None:
    _, _, unpaired_bank = paired
    descriptions = [s["Description"] for s in unpaired_bank]
    assert len(descriptions) == 3
    assert any("INT" in d for d in descriptions)
    assert any("CHG" in d for d in descriptions)


def test_statement_dates_lag_the_books_by_zero_to_three_days(paired: Any) -> None:
    lags = {lag for lag, _ in paired[0]}
    assert lags == {0, 1, 2, 3}


def test_statement_references_are_the_banks_own_or_blank(statement: list[dict[str, Any]]) -> None:
    upi = [s for s in statement if s["Description"].startswith("UPI/")]
    assert upi
    assert all(s["Reference"] is None for s in upi)
    assert any(s["Reference"] and s["Reference"] in s["Description"] for s in statement)


# ------------------------------------------------------------------------------------------------
# bulk lines for benchmarks


def test_journal_lines_yields_exactly_n_lines_balanced_per_voucher() -> None:
    lines = list(journal_lines(10_001, seed=3))
    net: dict[str, int] = defaultdict(int)
    for line in lines:
        net[line[1]] += paise(line[3]) - paise(line[4])
    assert len(lines) == 10_001
    assert set(net.values()) == {0}


def test_journal_lines_are_reproducible_and_dated_within_the_year() -> None:
    lines = list(journal_lines(500, seed=9))
    assert lines == list(journal_lines(500, seed=9))
    assert all(FY_START <= line[0] <= FY_END for line in lines)
    assert [line[0] for line in lines] == sorted(line[0] for line in lines)


def test_journal_lines_cannot_make_a_one_line_voucher() -> None:
    with pytest.raises(ValueError, match="two lines"):
        list(journal_lines(1))


# ------------------------------------------------------------------------------------------------
# other readers


def test_fastexcel_loads_every_table_of_the_demo(built: dict[str, Path]) -> None:
    fastexcel = pytest.importorskip("fastexcel")
    reader = fastexcel.read_excel(str(built["demo"]))
    heights = {spec.name: reader.load_table(spec.name).height for spec in TABLES}
    assert heights["Settings"] == len(SETTING_ROWS)
    assert heights["Journal"] >= 2500


@pytest.mark.libreoffice
def test_libreoffice_opens_both_books(built: dict[str, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv",
         "--outdir", str(tmp_path), str(built["template"]), str(built["demo"])],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    read_me = (tmp_path / "demo-general-ledger.csv").read_text(encoding="utf-8", errors="replace")
    assert "Shree Ganesh Traders" in read_me
    assert (tmp_path / "general-ledger.csv").stat().st_size > 0
