"""Build the general-ledger workbooks: the empty template and the demo book.

Run ``python -m workbook_templates.build`` (``make templates``) to rewrite the two committed files
next to this module. The build is reproducible: the demo comes from a fixed seed, and the file's
created/modified dates and zip entry timestamps are fixed, so building twice gives the same bytes.

The workbook holds the Excel Tables of :data:`addin.engine.schema.TABLES` — ``Accounts``,
``Journal``, ``BankStatement`` and ``Settings``, each starting at A1 of its sheet — after a bilingual
"Read Me" sheet, with dropdowns, Indian number formats, dd/mm/yyyy dates and frozen headings.

>>> TEMPLATE_PATH.name, DEMO_PATH.name
('general-ledger.xlsx', 'demo-general-ledger.xlsx')
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from addin.books.base import DATE_FORMAT
from addin.engine.cells import column_letter
from addin.engine.money import BRACKETED_INR_FORMAT, INR_FORMAT
from addin.engine.rules import Rule
from addin.engine.schema import (
    ACCOUNT_TYPES,
    ACCOUNTS,
    BANK_STATEMENT,
    BUDGET,
    JOURNAL,
    MATCH_RULES,
    REPORT_LINES,
    SETTING_ROWS,
    SETTINGS,
    TableSpec,
)
from workbook_templates import chart
from workbook_templates import demo as demo_data
from workbook_templates import report_lines as statements_data
from workbook_templates.chart import CHART_OF_ACCOUNTS, Account
from workbook_templates.demo import demo_book, demo_journal_rows
from workbook_templates.lines import journal_lines

__all__ = [
    "DEMO_MISTAKES",
    "DEMO_PATH",
    "TEMPLATE_PATH",
    "build_general_ledger",
    "demo_journal_rows",
    "general_ledger_workbook",
    "journal_lines",
    "workbook_bytes",
]

HERE = Path(__file__).parent
TEMPLATE_PATH = HERE / "general-ledger.xlsx"
DEMO_PATH = HERE / "demo-general-ledger.xlsx"

README_SHEET = "Read Me - पढ़ें"  # Excel forbids "/" in sheet names
ACCOUNT_CODES = "AccountCodes"  # defined name behind the account dropdowns
ACCOUNTS_LAST_ROW = 2000  # the account dropdowns and defined name reach this row
LAST_ROW = 1_048_576
TABLE_STYLE = "TableStyleMedium2"
FIXED_TIMESTAMP = dt.datetime(2025, 4, 1, 9, 0, 0)
ZIP_TIMESTAMP = (2025, 4, 1, 9, 0, 0)
SETTING_TEMPLATE_VALUES: dict[str, object] = {en: default for en, _, default, _ in SETTING_ROWS}
DEMO_SETTING_VALUES: dict[str, object] = {
    "Company": demo_data.COMPANY,
    "Lock Date": demo_data.LOCK_DATE,
    "Bank Account": chart.BANK,
}

DEMO_MISTAKES: tuple[tuple[str, str, str], ...] = (
    (Rule.DUPLICATE_LINE.value, "Journal", "B829"),
    (Rule.UNBALANCED_VOUCHER.value, "Journal", "B1199"),
    (Rule.UNKNOWN_ACCOUNT.value, "Journal", "C1431"),
    (Rule.UNBALANCED_VOUCHER.value, "Journal", "B1805"),
    (Rule.DEBIT_AND_CREDIT.value, "Journal", "D1806"),
    (Rule.UNBALANCED_VOUCHER.value, "Journal", "B2031"),
    (Rule.NEGATIVE_AMOUNT.value, "Journal", "D2031"),
    (Rule.UNBALANCED_VOUCHER.value, "Journal", "B2210"),
    (Rule.TOO_MANY_DECIMALS.value, "Journal", "D2210"),
    (Rule.INACTIVE_ACCOUNT.value, "Journal", "C2677"),
    (Rule.MISSING_NARRATION.value, "Journal", "F2905"),
    (Rule.OUTSIDE_FINANCIAL_YEAR.value, "Journal", "A3009"),
    (Rule.VOUCHER_DATES_DIFFER.value, "Journal", "A3010"),
    (Rule.OUTSIDE_FINANCIAL_YEAR.value, "Journal", "A3262"),
    (Rule.LOCKED_PERIOD.value, "Journal", "A3262"),
    (Rule.VOUCHER_DATES_DIFFER.value, "Journal", "A3263"),
)
"""Every issue validating the demo should report, as (rule code, sheet, cell), in journal order.

Ten planted mistakes, each in a small cash voucher of its own (none touches the bank account):

- B829 duplicate-line: a line pasted twice (the credit then corrected, so the voucher balances);
- B1199 unbalanced-voucher: 2,450 debited, 2,540 credited (digits transposed);
- C1431 unknown-account: 5930 typed for 5390;
- D1806 debit-and-credit: 850 typed in both columns — so voucher B1805 does not balance either;
- D2031 negative-amount: a refund typed as a debit of -320 — so voucher B2031 does not balance;
- D2210 too-many-decimals: 1250.055 typed for 1,250.55 — so voucher B2210 does not balance;
- C2677 inactive-account: rent posted to the closed "Godown Rent (old godown)" (Active = No);
- F2905 missing-narration: a voucher with no narration on any line (reported at its first line);
- A3009 outside-financial-year: 03/04/2026 typed for 03/03/2026 on one line of a voucher — so its
  other line, A3010, is dated otherwise than the voucher's first line (voucher-dates-differ);
- A3262 locked-period and outside-financial-year: 28/03/2025 typed for 28/03/2026, a date in last
  year's books, which the Lock Date (31/03/2025) has closed — and A3263 voucher-dates-differ, as
  above.

The Lock Date is the previous year's end because the locked-period check flags every line dated on
or before it; a Lock Date inside the year would flag all the year's earlier lines.

Valid but oddly typed cells are not mistakes: "1,00,000.50", "12,500" and "₹ 1,200" as text
amounts and "05/08/2025"-style text dates. :func:`workbook_templates.demo.planted_mistakes` derives the
same tuple from the generator; a test keeps the two equal.
"""

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
NOTE_FILL = PatternFill("solid", fgColor="FFF2CC")

WIDTHS: dict[str, dict[str, float]] = {
    ACCOUNTS.name: {"Code": 12, "Name": 40, "Type": 18, "Parent": 16, "Opening Balance": 22,
                    "Active": 14, "GSTIN": 24},
    JOURNAL.name: {"Date": 14, "Voucher": 16, "Account": 14, "Debit": 18, "Credit": 18,
                   "Narration": 62, "Party": 26, "Reference": 26},
    BANK_STATEMENT.name: {"Date": 14, "Description": 58, "Reference": 26, "Withdrawal": 18,
                          "Deposit": 18, "Balance": 20},
    SETTINGS.name: {"Setting": 34, "Value": 22},
    MATCH_RULES.name: {"Rule": 22, "Narration Contains": 26, "Narration Regex": 24, "Party": 22,
                       "Amount Tolerance": 20, "Write-off Account": 20, "Date Window (days)": 20,
                       "Active": 12},
}
WIDTHS.update(statements_data.WIDTHS)
AMOUNT_COLUMNS = frozenset(
    {"Opening Balance", "Debit", "Credit", "Withdrawal", "Deposit", "Balance", "Amount Tolerance"}
)
SIGNED_COLUMNS = frozenset({"Opening Balance", "Balance"})
"""Amount columns whose values may be negative (a credit opening balance, an overdrawn bank): their
format shows a negative in brackets (:data:`~addin.engine.money.BRACKETED_INR_FORMAT`), never a bare
minus; the others never hold a negative amount, and a mistyped one is flagged by Validate."""
DATE_COLUMNS = frozenset({"Date"})

README_LINES: tuple[tuple[str, str], ...] = (
    ("How to keep your books in this workbook", "इस वर्कबुक में खाते कैसे रखें"),
    ("Accounts: your chart of accounts. Each account has a Code, a Name, a Type (Asset, Liability, "
     "Equity, Income, Expense) and, if it sits under a group, the Parent group's code.",
     "खाते: आपके खातों की सूची। हर खाते का कोड, नाम, प्रकार (परिसंपत्ति, देयता, पूंजी, आय, व्यय) और "
     "समूह में हो तो मूल खाते का कोड।"),
    ("Opening Balance: type a debit balance as a positive number and a credit balance as a negative "
     "number (Capital -5,00,000). All opening balances together must add up to zero.",
     "प्रारंभिक शेष: नामे शेष धनात्मक और जमा शेष ऋणात्मक संख्या में लिखें (पूंजी -5,00,000)। "
     "सभी प्रारंभिक शेषों का जोड़ शून्य होना चाहिए।"),
    ("Journal: one row for each line of a voucher. All lines of a voucher carry the same Voucher "
     "number and Date. Pick the Account from the dropdown.",
     "रोज़नामचा: वाउचर की हर पंक्ति के लिए एक पंक्ति। एक वाउचर की सभी पंक्तियों में वही वाउचर "
     "नंबर और दिनांक हो। खाता ड्रॉपडाउन से चुनें।"),
    ("Debit and Credit: put each amount in Debit or in Credit, never both. In every voucher total "
     "debits must equal total credits.",
     "नामे और जमा: हर राशि नामे या जमा में लिखें, दोनों में नहीं। हर वाउचर में कुल नामे और कुल "
     "जमा बराबर हों।"),
    ("Dr/Cr rule: debit an asset or an expense to increase it; credit a liability, capital or income "
     "to increase it. A sale on credit: Dr the customer, Cr Sales and Cr CGST/SGST (or IGST) payable.",
     "नामे/जमा नियम: परिसंपत्ति या व्यय बढ़े तो नामे; देयता, पूंजी या आय बढ़े तो जमा। उधार बिक्री: "
     "ग्राहक नामे, बिक्री जमा और CGST/SGST (या IGST) देय जमा।"),
    ("Dates as dd/mm/yyyy. Amounts in rupees with at most two decimals; 1,00,000.50 and ₹ 1,200 "
     "typed as text are understood.",
     "दिनांक dd/mm/yyyy में। राशि रुपयों में, अधिकतम दो दशमलव तक; 1,00,000.50 और ₹ 1,200 जैसे "
     "लिखी राशि भी समझी जाती है।"),
    ("Bank Statement: paste your bank's statement here (Date, Description, Reference, Withdrawal, "
     "Deposit, Balance) to reconcile it with the bank account named in Settings.",
     "बैंक विवरण: बैंक का विवरण यहाँ चिपकाएँ (दिनांक, विवरण, संदर्भ, निकासी, जमा राशि, शेष) ताकि "
     "सेटिंग्स में दिए बैंक खाते से मिलान हो सके।"),
    ("Settings: company name, financial year (2025-26), Lock Date (nothing on or before it may "
     "change), language of messages (en or hi) and the bank account code to reconcile.",
     "सेटिंग्स: कंपनी का नाम, वित्त वर्ष (2025-26), लॉक तिथि (उस दिन तक कुछ न बदले), संदेशों की भाषा "
     "(en या hi) और मिलान के लिए बैंक खाते का कोड।"),
    ("The Bahi tab on the ribbon: Validate checks every line and lists problems on the Issues sheet "
     "with links to the cells; Trial Balance, Account Statement and Day Book write summaries; "
     "Reconcile matches the bank statement with the books.",
     "रिबन पर बही टैब: जाँच हर पंक्ति परखती है और गड़बड़ियाँ सेल के लिंक के साथ Issues शीट पर "
     "लिखती है; तलपट, खाता विवरण और दैनिक बही सारांश लिखते हैं; बैंक मिलान बैंक विवरण को खातों से "
     "मिलाता है।"),
    ("Bahi never changes what you typed: it writes only its own sheets (Issues, Trial Balance, ...) "
     "and colours cells. Without Excel, run: bahi validate book.xlsx",
     "बही आपकी लिखी कोई चीज़ नहीं बदलती: वह केवल अपनी शीटें (Issues, Trial Balance, ...) लिखती है "
     "और सेल रंगती है। Excel के बिना: bahi validate book.xlsx"),
)


# ----------------------------------------------------------------------------------------------
# rows


def table_columns(spec: TableSpec) -> tuple[str, ...]:
    """The English names of the columns a user types (owned columns are added by the add-in)."""
    return tuple(c.en for c in spec.columns if not c.owned)


def account_row(account: Account) -> tuple[object, ...]:
    """An Accounts table row; opening balances in rupees, debit positive, credit negative."""
    return (
        account.code,
        account.name,
        account.type,
        account.parent,
        account.opening / 100,
        "Yes" if account.active else "No",
        account.gstin or None,
    )


def setting_rows(values: dict[str, object]) -> list[tuple[object, ...]]:
    """The Settings table's rows: "English / हिन्दी" and the value."""
    return [(f"{en} / {hi}", values.get(en, default)) for en, hi, default, _ in SETTING_ROWS]


# ----------------------------------------------------------------------------------------------
# sheets


def write_table(
    ws: Worksheet, spec: TableSpec, rows: Sequence[Sequence[object]], columns: Sequence[str]
) -> None:
    """Write headings and rows at A1 and make them the Excel Table ``spec.name`` (one blank row if empty)."""
    ws.append([spec.column(c).heading for c in columns])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        ws.append(list(row))
    last_row = max(2, len(rows) + 1)
    for position, column in enumerate(columns, start=1):
        letter = column_letter(position)
        ws.column_dimensions[letter].width = WIDTHS[spec.name].get(column, 16)
        number_format = INR_FORMAT if column in AMOUNT_COLUMNS else None
        number_format = BRACKETED_INR_FORMAT if column in SIGNED_COLUMNS else number_format
        number_format = DATE_FORMAT if column in DATE_COLUMNS else number_format
        if number_format:
            for (cell,) in ws.iter_rows(min_row=2, max_row=last_row, min_col=position, max_col=position):
                cell.number_format = number_format
    ref = f"A1:{column_letter(len(columns))}{last_row}"
    table = Table(displayName=spec.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
    print_setup(ws)


def list_validation(
    formula: str, cells: str, title: str, prompt: str, error: str, *, strict: bool = True
) -> DataValidation:
    """A dropdown with a bilingual input message and error message."""
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=title,
        prompt=prompt,
        errorTitle=title,
        error=error,
        errorStyle="stop" if strict else "warning",
    )
    validation.add(cells)
    return validation


def wrapped_height(texts: Iterable[str], chars_per_line: int = 72, line_points: float = 15.0) -> float:
    """Row height in points for wrapped text in the Read Me's 70-wide columns (no client auto-fits it).

    >>> wrapped_height(["short", ""]), wrapped_height(["x" * 150])
    (18.0, 48.0)
    """
    lines = max((-(-len(text) // chars_per_line) for text in texts), default=1)
    return max(1, lines) * line_points + 3


def print_setup(ws: Worksheet) -> None:
    """Landscape, all columns on one page wide, the heading row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"


def add_readme(ws: Worksheet, *, demo: bool) -> None:
    ws.title = README_SHEET
    ws.column_dimensions["A"].width = 70
    ws.column_dimensions["B"].width = 70
    ws.append(["Bahi general ledger", "बही सामान्य खाता"])
    ws.append([])
    if demo:
        ws.append([
            f"Demo book of {demo_data.COMPANY}, Pune (GSTIN {demo_data.COMPANY_GSTIN}), financial year "
            "2025-26. It has about ten deliberate mistakes: press Validate on the Bahi tab (or run "
            "bahi validate) to find them.",
            f"{demo_data.COMPANY}, पुणे (GSTIN {demo_data.COMPANY_GSTIN}) की डेमो बही, वित्त वर्ष 2025-26। "
            "इसमें लगभग दस जानबूझकर की गई गलतियाँ हैं: उन्हें खोजने के लिए बही टैब पर जाँच दबाएँ "
            "(या bahi validate चलाएँ)।",
        ])
        for cell in ws[ws.max_row]:
            cell.fill = NOTE_FILL
        ws.append([])
    for english, hindi in README_LINES:
        ws.append([english, hindi])
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row[0].row or 1].height = wrapped_height(str(c.value or "") for c in row)
    for cell in ws[1]:
        cell.font = TITLE_FONT
    for cell in ws[3 + (2 if demo else 0)]:
        cell.font = HEADER_FONT


def add_accounts(wb: Workbook, accounts: Iterable[Account]) -> None:
    ws = wb.create_sheet(ACCOUNTS.sheet)
    columns = table_columns(ACCOUNTS)
    write_table(ws, ACCOUNTS, [account_row(a) for a in accounts], columns)
    last = ACCOUNTS_LAST_ROW
    types = ",".join(ACCOUNT_TYPES)
    ws.add_data_validation(list_validation(
        f'"{types}"', f"C2:C{last}", "Type / प्रकार",
        f"{types.replace(',', ', ')} (or in Hindi). / परिसंपत्ति, देयता, पूंजी, आय, व्यय।",
        "Choose one of the five types. / पाँच प्रकारों में से एक चुनें।", strict=False,
    ))
    ws.add_data_validation(list_validation(
        ACCOUNT_CODES, f"D2:D{last}", "Parent / मूल खाता",
        "Code of the group this account sits under; empty for a top group. / "
        "जिस समूह के नीचे यह खाता है उसका कोड; शीर्ष समूह के लिए खाली।",
        "Not an account code on this sheet. / यह कोड इस शीट में नहीं है।", strict=False,
    ))
    ws.add_data_validation(list_validation(
        '"Yes,No"', f"F2:F{last}", "Active / सक्रिय",
        "No = closed: new lines may not use it. / No = बंद खाता: इसमें नई प्रविष्टि नहीं।",
        "Yes or No. / Yes या No।",
    ))
    wb.defined_names[ACCOUNT_CODES] = DefinedName(
        ACCOUNT_CODES, attr_text=f"'{ACCOUNTS.sheet}'!$A$2:$A${last}"
    )


def add_journal(wb: Workbook, rows: Sequence[Sequence[object]]) -> None:
    ws = wb.create_sheet(JOURNAL.sheet)
    write_table(ws, JOURNAL, rows, table_columns(JOURNAL))
    ws.add_data_validation(list_validation(
        ACCOUNT_CODES, f"C2:C{LAST_ROW}", "Account / खाता",
        "Pick an account code from the Accounts sheet. / खाते शीट से खाता कोड चुनें।",
        "Not an account code on the Accounts sheet. / यह कोड खाते शीट में नहीं है।", strict=False,
    ))


def add_bank_statement(wb: Workbook, rows: Sequence[Sequence[object]]) -> None:
    ws = wb.create_sheet(BANK_STATEMENT.sheet)
    write_table(ws, BANK_STATEMENT, rows, table_columns(BANK_STATEMENT))


def add_settings(wb: Workbook, values: dict[str, object]) -> None:
    ws = wb.create_sheet(SETTINGS.sheet)
    write_table(ws, SETTINGS, setting_rows(values), table_columns(SETTINGS))
    for offset, (en, hi, _, meaning) in enumerate(SETTING_ROWS, start=2):
        value = ws.cell(row=offset, column=2)
        if en == "Lock Date":
            value.number_format = DATE_FORMAT
        if en == "Language":
            ws.add_data_validation(list_validation(
                '"en,hi"', value.coordinate, "Language / भाषा",
                "en = English first, hi = हिन्दी पहले.", "en or hi. / en या hi।",
            ))
        else:
            note = DataValidation(showInputMessage=True, promptTitle=f"{en} / {hi}"[:32], prompt=meaning)
            note.add(value.coordinate)
            ws.add_data_validation(note)


EXAMPLE_MATCH_RULE = ("Card settlements", "PAYU", "", "PayU", 50, "5340", 10, "No")
"""One example row (inactive): PayU settlements arrive net of up to ₹50 fees, within 10 days."""


def add_match_rules(wb: Workbook) -> None:
    ws = wb.create_sheet(MATCH_RULES.sheet)
    write_table(ws, MATCH_RULES, [EXAMPLE_MATCH_RULE], table_columns(MATCH_RULES))
    ws.add_data_validation(list_validation(
        '"Yes,No"', f"H2:H{LAST_ROW}", "Active / सक्रिय",
        "Yes = use this rule before Bahi's own matching. / Yes = यह नियम पहले लागू हो।",
        "Yes or No. / Yes या No।",
    ))


REPORT_LINE_ITEMS = "ReportLineItems"  # defined name behind the Line Item dropdown


def add_report_lines(wb: Workbook) -> None:
    """The Schedule III mapping, with the list of line items (English, Hindi) to its right."""
    ws = wb.create_sheet(REPORT_LINES.sheet)
    rows = statements_data.report_line_rows()
    write_table(ws, REPORT_LINES, rows, table_columns(REPORT_LINES))
    for item, sub_line in ws.iter_rows(min_row=2, max_row=len(rows) + 1, min_col=2, max_col=3):
        item.alignment = sub_line.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[item.row].height = max(  # no client auto-fits a wrapped row
            wrapped_height([str(item.value or "")], chars_per_line=44),
            wrapped_height([str(sub_line.value or "")], chars_per_line=58),
        )
    ws.print_area = f"A1:E{len(rows) + 1}"  # the table; the list of line items beside it is for the dropdown
    first = statements_data.LINE_LIST_COLUMN
    items = statements_data.line_item_list()
    headings = ("Line items / मद सूची", "हिन्दी", "Statement / विवरण", "Cash Flow / नकद प्रवाह")
    for offset, heading in enumerate(headings):
        cell = ws.cell(row=1, column=first + offset, value=heading)
        cell.font = HEADER_FONT
        ws.column_dimensions[column_letter(first + offset)].width = (46, 46, 12, 14)[offset]
        for row, item in enumerate(items, start=2):
            ws.cell(row=row, column=first + offset, value=item[offset])
    letter = column_letter(first)
    wb.defined_names[REPORT_LINE_ITEMS] = DefinedName(
        REPORT_LINE_ITEMS, attr_text=f"'{REPORT_LINES.sheet}'!${letter}$2:${letter}${len(items) + 1}"
    )
    ws.add_data_validation(list_validation(
        REPORT_LINE_ITEMS, f"B2:B{ACCOUNTS_LAST_ROW}", "Line Item / मद",
        "The Schedule III line the account (or group) goes to; the list is on the right. / "
        "खाता (या समूह) अनुसूची III के किस मद में जाए; सूची दाईं ओर है।",
        "Not a Schedule III line item. / यह अनुसूची III का मद नहीं है।", strict=False,
    ))
    ws.add_data_validation(list_validation(
        f'"{statements_data.CASH_FLOW_CHOICES}"',
        f"D2:D{ACCOUNTS_LAST_ROW}", "Cash Flow / नकद प्रवाह",
        "Where the account's movement goes in the cash-flow statement; empty = the line's own. / "
        "नकद प्रवाह विवरण में खाते का परिवर्तन कहाँ जाए; खाली = मद का अपना।",
        f"One of {statements_data.CASH_FLOW_CHOICES}. / इनमें से एक।", strict=False,
    ))


def add_budget(wb: Workbook, rows: Sequence[Sequence[object]]) -> None:
    """The Budget table: account (or line item), month as "Apr-2025", amount in rupees."""
    ws = wb.create_sheet(BUDGET.sheet)
    write_table(ws, BUDGET, rows, table_columns(BUDGET))
    for (cell,) in ws.iter_rows(min_row=2, max_row=max(2, len(rows) + 1), min_col=3, max_col=3):
        cell.number_format = INR_FORMAT
    ws.add_data_validation(list_validation(
        ACCOUNT_CODES, f"A2:A{LAST_ROW}", "Account / खाता",
        "An account code (a group budgets all under it) or a Schedule III line item. / "
        "खाता कोड (समूह उसके सभी खातों का बजट) या अनुसूची III का मद।",
        "Not an account code; a line item name is fine. / खाता कोड नहीं; मद का नाम चलेगा।", strict=False,
    ))


# ----------------------------------------------------------------------------------------------
# the workbook


def general_ledger_workbook(*, demo: bool = False) -> Workbook:
    """The template (empty journal and statement) or the demo book, in memory."""
    wb = Workbook()
    add_readme(wb.active, demo=demo)  # type: ignore[arg-type]
    if demo:
        book = demo_book()
        add_accounts(wb, book.accounts)
        add_journal(wb, book.journal)
        add_bank_statement(wb, book.statement)
        add_settings(wb, DEMO_SETTING_VALUES)
        add_match_rules(wb)
        add_report_lines(wb)
        add_budget(wb, statements_data.DEMO_BUDGET)
    else:
        add_accounts(wb, CHART_OF_ACCOUNTS)
        add_journal(wb, [])
        add_bank_statement(wb, [])
        add_settings(wb, {})
        add_match_rules(wb)
        add_report_lines(wb)
        add_budget(wb, [])
    wb.properties.creator = "Bahi"
    wb.properties.title = "Bahi general ledger" + (f" - {demo_data.COMPANY}" if demo else "")
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx file's bytes with fixed timestamps (openpyxl's own save stamps "now")."""
    raw = BytesIO()
    with ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    fixed = BytesIO()
    with ZipFile(raw) as source, ZipFile(fixed, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def build_general_ledger(path: Path, *, demo: bool = False) -> Path:
    """Write the general-ledger template (or, with ``demo``, the demo book) to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(workbook_bytes(general_ledger_workbook(demo=demo)))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the general-ledger template and demo workbooks.")
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: this package)")
    args = parser.parse_args(argv)
    for name, demo in ((TEMPLATE_PATH.name, False), (DEMO_PATH.name, True)):
        print(build_general_ledger(args.out / name, demo=demo))
    from workbook_templates.trading import build_templates  # noqa: PLC0415 (trading.py builds on this module)

    print(*build_templates(args.out), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
