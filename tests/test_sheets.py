"""Owned sheets for the trial balance, statement, day book and issues, specified cell by cell."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from addin.books.base import HIGHLIGHT_ERROR, HIGHLIGHT_WARNING
from addin.engine.issues import Issue, Severity
from addin.engine.ledger import Settings
from addin.engine.messages import make_issue
from addin.engine.money import INR_FORMAT
from addin.engine.reports import account_statement, day_book, trial_balance
from addin.engine.rules import Rule
from addin.engine.schema import DAY_BOOK_SHEET, ISSUES_SHEET, STATEMENT_SHEET, TRIAL_BALANCE_SHEET
from addin.macros.sheets import (
    RECONCILE,
    VALIDATE,
    VERDICT_WIDTH,
    ListedIssue,
    day_book_sheet,
    issues_sheet,
    listed_issues,
    merged_issues,
    statement_sheet,
    trial_balance_sheet,
)

sys.path.insert(0, str(Path(__file__).resolve().parent / "golden"))
from golden_ledgers import CHART, hierarchy, make_ledger

SETTINGS = Settings(company="Sharma Traders", financial_year=2025)


def issue(severity: Severity, cell: str = "C12", value: str = "Bnak") -> Issue:
    return Issue(
        rule="unknown-account",
        severity=severity,
        sheet="Journal",
        cell=cell,
        column="Account",
        value=value,
        message_en="No such account",
        message_hi="ऐसा कोई खाता नहीं",
        fix_en="Pick an account from the Accounts sheet",
        fix_hi="खाते शीट से खाता चुनें",
    )


# --- trial balance ---------------------------------------------------------------------------


def test_the_trial_balance_sheet_opens_with_company_and_financial_year() -> None:
    sheet = trial_balance_sheet(trial_balance(hierarchy()), SETTINGS)
    assert sheet.name == TRIAL_BALANCE_SHEET
    assert sheet.rows[0] == ["Sharma Traders — Trial Balance / तलपट — FY 2025-26 / वित्त वर्ष 2025-26"]
    assert sheet.rows[1][:2] == ["Code / कोड", "Account / खाता"]
    assert sheet.header_rows == 2


def test_group_rows_are_bold_and_names_indent_by_level() -> None:
    sheet = trial_balance_sheet(trial_balance(hierarchy()), SETTINGS)
    assert sheet.rows[2][:3] == ["1000", "Assets", "Asset / परिसंपत्ति"]
    assert sheet.rows[4][1] == "        Bank"
    assert 2 in sheet.bold_rows
    assert 4 not in sheet.bold_rows


def test_opening_and_closing_stand_in_dr_and_cr_columns_never_negative_nil_left_blank() -> None:
    sheet = trial_balance_sheet(trial_balance(hierarchy()), SETTINGS)
    assert sheet.rows[1][3:] == [
        "Opening Dr / प्रारंभिक नामे",
        "Opening Cr / प्रारंभिक जमा",
        "Debit / नामे",
        "Credit / जमा",
        "Closing Dr / अंतिम नामे",
        "Closing Cr / अंतिम जमा",
    ]
    assert sheet.rows[4][3:] == [250000.0, None, 11800.0, 64118.0, 197682.0, None]  # Bank
    capital = next(r for r in sheet.rows if r[0] == "3000")
    assert capital[3:] == [None, 225000.5, None, None, None, 225000.5]
    assert sheet.number_formats == dict.fromkeys(range(3, 9), INR_FORMAT)
    amounts = [v for r in sheet.rows[2:-1] for v in r[3:]]
    assert all(v is None or v >= 0 for v in amounts)  # type: ignore[operator]


def test_a_totals_row_that_ties_and_a_line_saying_it_balances_close_the_sheet() -> None:
    sheet = trial_balance_sheet(trial_balance(hierarchy()), SETTINGS)
    total = sheet.rows[-2]
    assert total[:3] == ["", "Total / योग", ""]
    assert total[5] == total[6] == 88718.0
    assert total[3] == total[4]  # Dr totals equal Cr totals
    assert total[7] == total[8]
    assert len(sheet.rows) - 2 in sheet.bold_rows
    assert sheet.rows[-1][0].startswith("Balanced")  # type: ignore[union-attr]


def test_a_trial_balance_that_does_not_balance_names_the_heavier_side_and_by_how_much() -> None:
    ledger = make_ledger([("A", "Bank", "Asset", "", "123456.78")], [])
    sheet = trial_balance_sheet(trial_balance(ledger), SETTINGS)
    verdict = len(sheet.rows) - 4  # four short lines under the totals: English and Hindi, each with vouchers
    assert str(sheet.rows[verdict][0]).startswith(
        "Does not balance: the accounts' Dr exceed their Cr by ₹ 1,23,456.78, shown on the difference row"
    )
    difference = verdict - 2  # the difference row, the totals, the verdict
    assert str(sheet.rows[difference][1]).startswith("Difference in books")
    assert sheet.rows[difference][3:5] == [None, 123456.78]  # in Opening Cr, so the totals tie
    assert sheet.rows[verdict - 1][3] == sheet.rows[verdict - 1][4] == 123456.78
    assert sheet.fills[(verdict, 0)] == sheet.fills[(len(sheet.rows) - 1, 0)] == HIGHLIGHT_ERROR
    assert sheet.fills[(difference, 1)] == HIGHLIGHT_ERROR


def test_a_difference_from_opening_balances_is_said_so_on_the_sheet_not_blamed_on_vouchers() -> None:
    ledger = make_ledger([("A", "Bank", "Asset", "", "123456.78")], [])
    sheet = trial_balance_sheet(trial_balance(ledger), SETTINGS)
    verdict = [str(row[0]) for row in sheet.rows[-4:]]
    difference = str(sheet.rows[-6][1])
    assert difference.startswith("Difference in books: the opening balances in the Accounts table do not net")
    assert verdict[1] == "Difference in books: the opening balances in the Accounts table do not net to zero."
    assert "Accounts तालिका" in verdict[3]
    assert "vouchers" not in (difference + verdict[1]).casefold()


def test_unbalanced_lines_without_a_voucher_are_named_as_such_under_the_totals() -> None:
    lines = [("2025-04-02", "", "1110", "7.00", "", "no voucher")]
    sheet = trial_balance_sheet(trial_balance(make_ledger(CHART, lines)), SETTINGS)
    verdict = [str(row[0]) for row in sheet.rows[-4:]]
    assert verdict[1] == "Vouchers that do not balance: lines without a voucher (see Issues)."
    assert "बिना वाउचर" in verdict[3]


def test_the_lines_under_an_unbalanced_trial_balance_stay_within_the_tables_width_on_paper() -> None:
    """One long line in column A widens the print area, and fitting it to the page shrinks the whole
    Trial Balance past reading: each line is short, the vouchers listed as far as they fit."""
    accounts = [("1110", "Cash", "Asset", "", ""), ("4100", "Sales", "Income", "", "")]
    lines = [
        (f"2025-04-{day:02d}", f"SI/2025-26/{day:05d}", code, debit, credit, "n")
        for day in range(1, 29)
        for code, debit, credit in (("1110", "100.00", ""), ("4100", "", "99.00"))
    ]
    sheet = trial_balance_sheet(trial_balance(make_ledger(accounts, lines)), SETTINGS)
    verdict = [str(row[0]) for row in sheet.rows[-4:]]
    assert verdict[1].startswith("Vouchers that do not balance: SI/2025-26/00001, ")
    assert verdict[1].endswith("more (see Issues).")
    assert max(len(line) for line in verdict) <= VERDICT_WIDTH
    assert all(len(row) == 1 for row in sheet.rows[-4:])


def test_unposted_lines_stand_in_a_suspense_row_linked_to_the_issues_so_the_totals_tie() -> None:
    lines = [
        ("2025-04-02", "V1", "1110", "100.00", "", "counted"),
        ("2025-04-02", "V1", "", "", "100.00", "unknown account"),
    ]
    sheet = trial_balance_sheet(trial_balance(make_ledger(CHART, lines)), SETTINGS)
    suspense = sheet.rows[-4]  # then the totals, and the verdict in English and in Hindi
    assert suspense[:3] == ["", "Suspense (unposted lines) / उचंत (अदर्ज पंक्तियाँ)", ""]
    assert suspense[3:] == [None, None, None, 100.0, None, 100.0]
    assert sheet.links == {(len(sheet.rows) - 4, 1): "#'Issues'!A1"}
    assert sheet.rows[-3][5:7] == [100.0, 100.0]  # the Journal's totals
    assert "suspense row" in str(sheet.rows[-2][0])
    assert "उचंत पंक्ति" in str(sheet.rows[-1][0])


def test_workbook_text_is_written_as_it_is_the_adapters_keep_it_from_being_a_formula() -> None:
    ledger = make_ledger([("=1+1", "=HYPERLINK(1)", "Asset", "", "")], [])
    sheet = trial_balance_sheet(trial_balance(ledger), Settings(company="=evil()"))
    assert sheet.rows[0][0] == "=evil() — Trial Balance / तलपट"
    assert sheet.rows[2][:2] == ["=1+1", "=HYPERLINK(1)"]


# --- statement and day book ------------------------------------------------------------------


def test_the_statement_sheet_runs_from_opening_to_closing_with_links_to_the_journal() -> None:
    sheet = statement_sheet(account_statement(hierarchy(), "Cash"), SETTINGS)
    assert sheet.name == STATEMENT_SHEET
    assert "1120 Cash" in str(sheet.rows[0][0])
    assert sheet.rows[2][3] == "Opening balance / प्रारंभिक शेष"
    assert sheet.rows[2][7:9] == [15000.5, "Dr"]
    assert sheet.rows[3] == [
        dt.date(2025, 4, 7),
        "C-001",
        "1120",
        "Cash withdrawn",
        "Bank",
        5000.0,
        None,
        20000.5,
        "Dr",
        9,
    ]
    assert sheet.links[(3, 9)] == "#'Journal'!A9"
    assert sheet.rows[-1][3:9] == ["Closing balance / अंतिम शेष", "", 5000.0, 1000.0, 19000.5, "Dr"]


def test_without_a_period_the_statement_sheet_dates_opening_and_closing_by_its_first_and_last_lines() -> None:
    statement = account_statement(hierarchy(), "Cash")
    sheet = statement_sheet(statement, SETTINGS)
    assert sheet.rows[2][0] == statement.lines[0].date == dt.date(2025, 4, 7)
    assert sheet.rows[-1][0] == statement.lines[-1].date


def test_a_credit_running_balance_is_an_amount_and_cr_never_a_minus() -> None:
    sheet = statement_sheet(account_statement(hierarchy(), "Sales"), SETTINGS)
    assert [r[7:9] for r in sheet.rows[2:]] == [[0.0, ""], [10000.0, "Cr"], [10000.0, "Cr"]]
    assert sheet.rows[1][8] == "Dr/Cr / नामे/जमा"


def test_an_unknown_account_gives_a_sheet_that_says_so() -> None:
    sheet = statement_sheet(account_statement(hierarchy(), "Petty Cash"), SETTINGS)
    assert sheet.rows[1] == ["Account not found / खाता नहीं मिला: Petty Cash"]


def test_the_day_book_sheet_closes_each_day_with_a_bold_total() -> None:
    sheet = day_book_sheet(day_book(hierarchy(), end=dt.date(2025, 4, 5)), SETTINGS)
    assert sheet.name == DAY_BOOK_SHEET
    assert [r[3] for r in sheet.rows[2:]] == [
        "Debtors",
        "Sales",
        "GST Payable",
        "Day total / दिन का योग",
        "Bank",
        "Debtors",
        "Day total / दिन का योग",
        "Grand total / कुल योग",
    ]
    assert {5, 8, 9} <= sheet.bold_rows
    assert sheet.rows[-1][5:7] == [23600.0, 23600.0]
    assert sheet.links[(2, 7)] == "#'Journal'!A2"
    assert sheet.number_formats[0] == "dd/mm/yyyy"


def test_the_day_book_shows_lines_it_cannot_post_marked_and_its_grand_total_ties_to_the_journal() -> None:
    lines = [
        ("2025-04-02", "V1", "1110", "100.00", "", "counted"),
        ("2025-04-02", "V1", "", "", "100.00", "unknown account"),
        ("", "V2", "1120", "7.00", "", "no date"),
    ]
    sheet = day_book_sheet(day_book(make_ledger(CHART, lines)), SETTINGS)
    unknown = next(i for i, r in enumerate(sheet.rows) if r[4:5] == ["unknown account"])
    assert sheet.rows[unknown][3] == "Not posted: unknown account / दर्ज नहीं: अज्ञात खाता"
    assert sheet.fills[(unknown, 3)] == HIGHLIGHT_ERROR
    undated = next(i for i, r in enumerate(sheet.rows) if r[4:5] == ["no date"])
    assert sheet.rows[undated][:4] == [None, "V2", "1120", "Cash"]
    assert sheet.fills[(undated, 0)] == HIGHLIGHT_ERROR
    assert sheet.rows[-1][3:7] == ["Grand total / कुल योग", "", 107.0, 100.0]


# --- issues ----------------------------------------------------------------------------------


def test_the_issues_sheet_counts_by_severity_on_top() -> None:
    sheet = issues_sheet([issue(Severity.WARNING), issue(Severity.ERROR), issue(Severity.ERROR)], SETTINGS)
    assert sheet.name == ISSUES_SHEET
    assert sheet.rows[0] == ["Fatal / घातक: 0 · Error / त्रुटि: 2 · Warning / चेतावनी: 1"]


def test_errors_come_before_warnings() -> None:
    sheet = issues_sheet([issue(Severity.WARNING, "C3"), issue(Severity.ERROR, "C9")], SETTINGS)
    assert [r[3] for r in sheet.rows[2:]] == ["C9", "C3"]
    assert sheet.fills == {(2, 0): HIGHLIGHT_ERROR, (3, 0): HIGHLIGHT_WARNING}


def test_an_issue_row_is_a_failure_case_linking_to_its_cell_and_naming_who_found_it() -> None:
    sheet = issues_sheet([issue(Severity.ERROR)], SETTINGS)
    assert sheet.rows[1] == [
        "Severity / गंभीरता",
        "Rule / नियम",
        "Sheet / शीट",
        "Cell / सेल",
        "Column / कॉलम",
        "Value / मान",
        "Message",
        "संदेश",
        "Fix",
        "सुधार",
        "Found by / स्रोत",
    ]
    assert sheet.rows[2] == [
        "Error / त्रुटि",
        "unknown-account",
        "Journal",
        "C12",
        "Account",
        "Bnak",
        "No such account",
        "ऐसा कोई खाता नहीं",
        "Pick an account from the Accounts sheet",
        "खाते शीट से खाता चुनें",
        "Validate / जाँच",
    ]
    assert sheet.links == {(2, 3): "#'Journal'!C12"}
    assert {6, 7, 8, 9} <= sheet.wrap_columns  # messages and fixes wrap


def test_in_hindi_the_hindi_columns_come_first() -> None:
    sheet = issues_sheet([issue(Severity.ERROR)], Settings(language="hi"))
    assert sheet.rows[1][6:10] == ["संदेश", "Message", "सुधार", "Fix"]
    assert sheet.rows[2][6:10] == [
        "ऐसा कोई खाता नहीं",
        "No such account",
        "खाते शीट से खाता चुनें",
        "Pick an account from the Accounts sheet",
    ]


def test_an_offending_value_is_shown_as_typed_with_no_quote_mark() -> None:
    sheet = issues_sheet([issue(Severity.ERROR, value="-320.00")], SETTINGS)
    assert sheet.rows[2][5] == "-320.00"


def test_the_issues_sheet_reads_back_as_the_issues_it_lists_whatever_the_language() -> None:
    warning = make_issue(Rule.MISSING_NARRATION, "Journal", "F3", "Narration", "", voucher="V7")
    listed = [ListedIssue(VALIDATE, warning), ListedIssue(RECONCILE, issue(Severity.ERROR))]
    for settings in (SETTINGS, Settings(language="hi")):
        back = listed_issues(issues_sheet(listed, settings).rows)
        assert back == [listed[1], listed[0]]  # errors first


def test_rows_without_a_known_source_read_back_as_nothing() -> None:
    rows = issues_sheet([issue(Severity.ERROR)], SETTINGS).rows
    assert listed_issues([r[:-1] for r in rows]) == []  # an Issues sheet of an older Bahi
    assert listed_issues(None) == []


def test_one_sources_issues_replace_only_its_own_rows() -> None:
    earlier = [ListedIssue(VALIDATE, issue(Severity.ERROR, f"C{n}")) for n in range(13)]
    found = issue(Severity.ERROR, "H9", value="bank")
    merged = merged_issues(earlier, RECONCILE, [earlier[0].issue, found])
    assert merged == [*earlier, ListedIssue(RECONCILE, found)]  # the loader's C0 listed once
    assert merged_issues(merged, VALIDATE, []) == [ListedIssue(RECONCILE, found)]


def test_a_sheet_name_with_a_space_is_quoted_in_the_link() -> None:
    found = Issue("merged-cells", Severity.ERROR, "Bank Statement", "B5", "", "", "Merged", "विलय")
    assert issues_sheet([found], SETTINGS).links == {(2, 3): "#'Bank Statement'!B5"}


def test_no_issues_says_so() -> None:
    sheet = issues_sheet([], SETTINGS)
    assert sheet.rows[0] == ["Fatal / घातक: 0 · Error / त्रुटि: 0 · Warning / चेतावनी: 0"]
    assert sheet.rows[2] == ["No issues found / कोई समस्या नहीं मिली"]
