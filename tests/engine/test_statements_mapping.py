"""The ReportLines table: groups map their accounts, nothing is dropped, bad rows are issues."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from addin.engine.issues import Severity
from addin.engine.schema import REPORT_LINES
from addin.engine.statements import balance_sheet, fy_period, load_report_lines, map_accounts, report_lines
from addin.engine.tables import RawTable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))
from golden_ledgers import hierarchy

# hierarchy(): 1000 Assets > 1100 Current Assets > 1110 Bank, 1120 Cash; 1000 > 1200 Debtors;
# 2000 Liabilities > 2100 GST Payable, 2200 Creditors; 3000 Capital; 4000 Sales; 5000 > 5100, 5200.
COMPLETE = [
    ("1100", "Cash and cash equivalents"),
    ("1200", "Trade receivables"),
    ("2000", "Other current liabilities"),
    ("2200", "trade_payables_others"),
    ("3000", "Share capital"),
    ("4000", "Revenue from operations"),
    ("5000", "Other expenses"),
]


def test_a_group_row_maps_every_account_under_it_and_an_own_row_overrides_it() -> None:
    mapped = map_accounts(hierarchy(), report_lines(COMPLETE))
    assert mapped.issues == ()
    assert mapped.of("1110").line.key == mapped.of("1120").line.key == "cash_and_cash_equivalents"
    assert mapped.of("2100").line.key == "other_current_liabilities"  # from its group 2000
    assert mapped.of("2200").line.key == "trade_payables_others"  # its own row wins
    assert (mapped.of("2100").row, mapped.of("2200").row) == (4, 5)


def test_an_unmapped_account_is_an_issue_naming_its_accounts_row_and_the_fix() -> None:
    mapped = map_accounts(hierarchy(), report_lines([r for r in COMPLETE if r[0] != "1200"]))
    (issue,) = mapped.issues
    assert (issue.rule, issue.severity, issue.sheet, issue.cell, issue.value) == (
        "unmapped-account", Severity.ERROR, "Accounts", "A6", "1200"
    )
    assert "Debtors" in issue.message_en
    assert "Report Lines" in issue.fix_en
    assert "1000" in issue.fix_en  # or its group
    assert issue.message_hi
    assert issue.fix_hi


def test_an_unmapped_balance_is_still_shown_and_the_sides_still_agree() -> None:
    ledger = hierarchy()
    lines = report_lines([r for r in COMPLETE if r[0] not in {"1200", "2200"}])
    bs = balance_sheet(map_accounts(ledger, lines), [fy_period(2025)], hide_zero=False)
    assert bs.row("bs.unmapped_assets") is not None
    assert bs.amount("bs.unmapped_liabilities") == 0  # creditors paid off by May
    assert bs.amount("bs.total_assets") == bs.amount("bs.total_equity_and_liabilities")
    assert bs.amount("bs.difference") == 0


def test_a_group_without_a_row_or_amounts_of_its_own_is_not_an_issue() -> None:
    rules = [i.rule for i in map_accounts(hierarchy(), report_lines(COMPLETE)).issues]
    assert rules == []  # 1000 and 1100's parent chain have no row, but no amounts either


def test_rows_naming_no_account_or_an_account_twice_are_issues_and_ignored() -> None:
    lines = report_lines([*COMPLETE, ("9999", "Inventories"), ("Sales", "Other income")])
    mapped = map_accounts(hierarchy(), lines)
    assert [(i.rule, i.sheet, i.cell, i.value) for i in mapped.issues] == [
        ("invalid-report-line", "Report Lines", "A9", "9999"),
        ("invalid-report-line", "Report Lines", "A10", "4000"),
    ]
    assert "row 7" in mapped.issues[1].message_en
    assert mapped.of("4000").line.key == "revenue_from_operations"


def test_an_income_account_on_the_balance_sheet_is_a_warning() -> None:
    lines = report_lines([*COMPLETE[:5], ("4000", "Other current assets"), COMPLETE[6]])
    mapped = map_accounts(hierarchy(), lines)
    (issue,) = mapped.issues
    assert (issue.rule, issue.severity, issue.cell) == ("report-line-type-mismatch", Severity.WARNING, "A7")
    assert "Statement of Profit and Loss" in issue.fix_en


def test_inline_rows_must_name_real_line_items_and_classes() -> None:
    with pytest.raises(ValueError, match="not a Schedule III line item"):
        report_lines([("1000", "Sundries")])
    with pytest.raises(ValueError, match="not a cash-flow class"):
        report_lines([("1000", "Inventories", "", "Sometimes")])


# --- reading the table --------------------------------------------------------------------------


def table(*rows: list[object]) -> RawTable:
    headings = [c.heading for c in REPORT_LINES.columns]
    return RawTable.from_rows(REPORT_LINES.name, REPORT_LINES.sheet, [headings, *[list(r) for r in rows]])


def test_the_table_is_read_with_codes_typed_as_numbers_and_line_items_in_either_language() -> None:
    lines, issues = load_report_lines(table(
        [1110.0, "Cash and cash equivalents", "Balances with banks / बैंकों में शेष", "Cash", "BS"],
        ["4000", "परिचालन से राजस्व", None, None, "PL"],
        ["5000", "Other expenses / अन्य व्यय", None, None, None],
        [None, None, None, None, None],
    ))  # fmt: skip
    assert issues == []
    assert [(r.row, r.account, r.line.key, r.sub_line) for r in lines.rows] == [
        (2, "1110", "cash_and_cash_equivalents", "Balances with banks / बैंकों में शेष"),
        (3, "4000", "revenue_from_operations", ""),
        (4, "5000", "other_expenses", ""),
    ]


def test_bad_rows_are_issues_pointing_at_their_cells() -> None:
    _, issues = load_report_lines(table(
        ["1110", "Sundry assets", None, None, None],
        ["1120", None, None, None, None],
        ["4000", "Revenue from operations", None, "Cash", None],
        ["5000", "Other expenses", None, None, "BS"],
    ))  # fmt: skip
    assert [(i.rule, i.cell, i.column) for i in issues] == [
        ("invalid-report-line", "B2", "Line Item"),
        ("invalid-report-line", "B3", "Line Item"),
        ("invalid-report-line", "D4", "Cash Flow"),
        ("invalid-report-line", "E5", "Statement"),
    ]
    assert "Operating" in issues[2].message_en  # the line's own class is used instead
    assert all(i.message_hi and i.fix_en and i.fix_hi for i in issues)


def test_a_missing_table_is_a_missing_table_issue() -> None:
    lines, issues = load_report_lines(None)
    assert lines.rows == ()
    assert [(i.rule, i.severity) for i in issues] == [("missing-table", Severity.FATAL)]
