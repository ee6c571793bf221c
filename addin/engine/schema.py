"""The tables of a Bahi workbook: names, columns and their bilingual headings.

One place that the template builder, the loaders and the writers all read, so that a heading is
spelled once. A heading in a workbook reads ``"English / हिन्दी"``; a user may also type just the
English or just the Hindi, in any case and spacing — :func:`canonical_column` maps all of those back
to the English name.

>>> canonical_column(JOURNAL, "Debit / नामे")
'Debit'
>>> canonical_column(JOURNAL, "  debit ")
'Debit'
>>> canonical_column(JOURNAL, "नामे")
'Debit'
>>> canonical_column(JOURNAL, "Dr Amount") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.engine.cells import fold

MATCH_ID_WIDTH = 21.0  # its heading, "Match ID / मिलान आईडी"
MATCH_RULE_WIDTH = 26.0  # "split-together (0.70)", its heading


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a template table."""

    en: str
    hi: str
    required: bool = True
    owned: bool = False  # written by the add-in, never typed by the user
    width: float | None = None  # characters: an owned column's width when the add-in adds it

    @property
    def heading(self) -> str:
        """The heading as the template writes it."""
        return f"{self.en} / {self.hi}"


@dataclass(frozen=True, slots=True)
class TableSpec:
    """An Excel Table the add-in reads: its name, sheet and columns."""

    name: str
    sheet: str
    hi: str
    columns: tuple[Column, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.en for c in self.columns if c.required)

    def column(self, en: str) -> Column:
        for c in self.columns:
            if c.en == en:
                return c
        raise KeyError(en)


ACCOUNTS = TableSpec(
    name="Accounts",
    sheet="Accounts",
    hi="खाते",
    columns=(
        Column("Code", "कोड"),
        Column("Name", "नाम"),
        Column("Type", "प्रकार"),
        Column("Parent", "मूल खाता"),
        Column("Opening Balance", "प्रारंभिक शेष"),
        Column("Active", "सक्रिय", required=False),
        Column("GSTIN", "जीएसटीआईएन", required=False),
    ),
)

JOURNAL = TableSpec(
    name="Journal",
    sheet="Journal",
    hi="रोज़नामचा",
    columns=(
        Column("Date", "दिनांक"),
        Column("Voucher", "वाउचर"),
        Column("Account", "खाता"),
        Column("Debit", "नामे"),
        Column("Credit", "जमा"),
        Column("Narration", "विवरण"),
        Column("Party", "पक्ष", required=False),
        Column("Reference", "संदर्भ", required=False),
        Column("Match ID", "मिलान आईडी", required=False, owned=True, width=MATCH_ID_WIDTH),
        Column("Match Rule", "मिलान नियम", required=False, owned=True, width=MATCH_RULE_WIDTH),
    ),
)

BANK_STATEMENT = TableSpec(
    name="BankStatement",
    sheet="Bank Statement",
    hi="बैंक विवरण",
    columns=(
        Column("Date", "दिनांक"),
        Column("Description", "विवरण"),
        Column("Reference", "संदर्भ"),
        Column("Withdrawal", "निकासी"),
        Column("Deposit", "जमा राशि"),
        Column("Balance", "शेष", required=False),
        Column("Match ID", "मिलान आईडी", required=False, owned=True, width=MATCH_ID_WIDTH),
        Column("Match Rule", "मिलान नियम", required=False, owned=True, width=MATCH_RULE_WIDTH),
    ),
)

SETTINGS = TableSpec(
    name="Settings",
    sheet="Settings",
    hi="सेटिंग्स",
    columns=(
        Column("Setting", "सेटिंग"),
        Column("Value", "मान"),
    ),
)

MATCH_RULES = TableSpec(
    name="MatchRules",
    sheet="Match Rules",
    hi="मिलान नियम",
    columns=(
        Column("Rule", "नियम"),
        Column("Narration Contains", "विवरण में शामिल"),
        Column("Narration Regex", "विवरण पैटर्न", required=False),
        Column("Party", "पक्ष", required=False),
        Column("Amount Tolerance", "राशि छूट", required=False),
        Column("Write-off Account", "बट्टे खाते", required=False),
        Column("Date Window (days)", "तिथि सीमा (दिन)", required=False),
        Column("Active", "सक्रिय", required=False),
    ),
)
"""The user's own matching rules, tried in order before Bahi's built-in passes (optional table)."""

ACCOUNT_TYPES: dict[str, str] = {
    "Asset": "परिसंपत्ति",
    "Liability": "देयता",
    "Equity": "पूंजी",
    "Income": "आय",
    "Expense": "व्यय",
}
"""The five account types, with their Hindi names (a user may type either)."""

# Sheets the add-in owns: it may replace them whole; a user's typing there is not kept.
ISSUES_SHEET = "Issues"
TRIAL_BALANCE_SHEET = "Trial Balance"
STATEMENT_SHEET = "Account Statement"
DAY_BOOK_SHEET = "Day Book"
RECONCILIATION_SHEET = "Bank Reconciliation"
RECONCILIATION_LOG_SHEET = "Reconciliation Log"
AUDIT_LOG_SHEET = "Audit Log"  # every run that wrote to the book, chained (addin.engine.audit)
AUDIT_CHANGES_SHEET = "Audit Changes"  # the lines of the vouchers the last run found changed
AUDIT_DATA_SHEET = "Bahi Audit Data"  # very hidden: the audit trail's record, compactly
CLOSE_SHEET = "Close"  # months closed, with the checklist of each close
OWNED_SHEETS: tuple[str, ...] = (
    ISSUES_SHEET,
    TRIAL_BALANCE_SHEET,
    STATEMENT_SHEET,
    DAY_BOOK_SHEET,
    RECONCILIATION_SHEET,
    RECONCILIATION_LOG_SHEET,
    AUDIT_LOG_SHEET,
    AUDIT_CHANGES_SHEET,
    AUDIT_DATA_SHEET,
    CLOSE_SHEET,
)

TABLES: tuple[TableSpec, ...] = (ACCOUNTS, JOURNAL, BANK_STATEMENT, SETTINGS, MATCH_RULES)

def canonical_column(spec: TableSpec, heading: object) -> str | None:
    """The English name of the column a heading means, or None if it is not one of ``spec``'s."""
    if not isinstance(heading, str):
        return None
    folded = fold(heading)
    parts = {folded, *(fold(p) for p in folded.split("/"))}
    for column in spec.columns:
        if parts & {fold(column.en), fold(column.hi), fold(column.heading)}:
            return column.en
    return None


# Rows of the Settings table: the English key (what the loader matches), its Hindi, the default
# the template writes, and what it means. The Setting cell reads "English / हिन्दी".
SETTING_ROWS: tuple[tuple[str, str, object, str], ...] = (
    ("Company", "कंपनी", "My Company", "Company name on reports"),
    ("Currency", "मुद्रा", "INR", "ISO currency code"),
    ("Currency Symbol", "मुद्रा चिह्न", "₹", "Symbol shown before amounts"),
    ("FY Start Month", "वित्त वर्ष आरंभ माह", 4, "Month the financial year starts (4 = April)"),
    ("Financial Year", "वित्त वर्ष", "2025-26", "Year being kept, as 2025-26 (or its first year, 2025)"),
    ("Lock Date", "लॉक तिथि", None, "Books closed up to and including this date (Close Month may lock "
     "later: the later of this and the last month on the Close sheet applies)"),
    ("Language", "भाषा", "en", "en or hi: language of messages written first"),
    ("Bank Account", "बैंक खाता", "", "Account code of the bank account to reconcile"),
    ("Date Window (days)", "तिथि सीमा (दिन)", 7, "Bank reconciliation: days either side to match"),
    # audit trail (audit)
    ("User", "उपयोगकर्ता", "", "Who is working in this book, recorded in the Audit Log (blank: the computer's "
     "or Office's user)"),
)


# ---- statements and budget (issue 11) -------------------------------------------------------

REPORT_LINES = TableSpec(
    name="ReportLines",
    sheet="Report Lines",
    hi="रिपोर्ट मद",
    columns=(
        Column("Account", "खाता"),
        Column("Line Item", "मद"),
        Column("Sub-line", "उप-मद", required=False),
        Column("Cash Flow", "नकद प्रवाह", required=False),
        Column("Statement", "विवरण", required=False),
    ),
)
"""Which Schedule III line each account goes to (optional table; the statements need it).

``Account`` is an account's code (or name); a group's row maps every account under it unless a
sub-account has a row of its own (the nearest row up the hierarchy wins). ``Line Item`` names a
line of :mod:`addin.engine.statements.schedule3`; ``Sub-line`` is the note's wording under it;
``Cash Flow`` overrides the line's class (Cash, Operating, Investing, Financing, Non-cash, Tax);
``Statement`` (BS or PL) is for reading and filtering, and is checked against the line item.
"""

BUDGET = TableSpec(
    name="Budget",
    sheet="Budget",
    hi="बजट",
    columns=(
        Column("Account", "खाता"),
        Column("Month", "माह"),
        Column("Amount", "राशि"),
        Column("Note", "टिप्पणी", required=False),
    ),
)
"""The budget, one row per account (or report line item) and month (optional table).

``Account`` is an account code or name (a group's budget is for all accounts under it) or a
Schedule III line item; ``Month`` a date in the month or text such as "Apr-2025"; ``Amount`` in
rupees as the line is printed: income and expenses both positive.
"""

TABLES = (*TABLES, REPORT_LINES, BUDGET)
# ----------------------------------------------------------------------------------------------
# Sales, purchases and GST (issue 10): the trading workbook's tables, in the same style as above.
# Column meanings and the frames they load into: addin/engine/trade/__init__.py.

PARTIES = TableSpec(
    name="Parties",
    sheet="Parties",
    hi="पक्षकार",
    columns=(
        Column("Code", "कोड"),
        Column("Name", "नाम"),
        Column("GSTIN", "जीएसटीआईएन", required=False),
        Column("PAN", "पैन", required=False),
        Column("State", "राज्य", required=False),
        Column("Type", "प्रकार"),
        Column("Credit Days", "उधार दिन", required=False),
        Column("MSME", "एमएसएमई", required=False),
        Column("Account", "खाता", required=False),
        Column("TDS Section", "टीडीएस धारा", required=False),
        Column("Address", "पता", required=False),  # gstui: printed on tax invoices (CGST rule 46(e))
    ),
)
"""Customers and vendors: GSTIN, PAN, state, credit days, MSME (micro/small) registration, the ledger
account the party is posted to (blank: the Debtors or Creditors control account), the TDS section
its payments fall under, and the address a tax invoice prints."""

ITEMS = TableSpec(
    name="Items",
    sheet="Items",
    hi="वस्तुएँ",
    columns=(
        Column("Code", "कोड"),
        Column("Name", "नाम"),
        Column("HSN", "एचएसएन"),
        Column("Unit", "इकाई", required=False),
        Column("GST Rate", "जीएसटी दर"),
        Column("Sales Account", "बिक्री खाता", required=False),
        Column("Purchase Account", "खरीद खाता", required=False),
    ),
)
"""Goods and services sold or bought: HSN (or SAC) code, unit (UQC), the GST rate when no GSTRates row
applies, and optional ledger accounts for their sales and purchases."""

GST_RATES = TableSpec(
    name="GSTRates",
    sheet="GST Rates",
    hi="जीएसटी दरें",
    columns=(
        Column("Item", "वस्तु"),
        Column("GST Rate", "जीएसटी दर"),
        Column("Effective From", "से लागू"),
    ),
)
"""An item's GST rate history: each row sets the item's rate from its date on (22/09/2025: 5/18/40)."""

_DOCUMENT_COLUMNS = (
    Column("Type", "प्रकार", required=False),
    Column("Number", "संख्या"),
    Column("Date", "दिनांक"),
    Column("Party", "पक्ष"),
    Column("Place of Supply", "आपूर्ति स्थान", required=False),
    Column("Item", "वस्तु"),
    Column("Qty", "मात्रा", required=False),
    Column("Rate", "दर", required=False),
    Column("Discount", "छूट", required=False),
    Column("Taxable Value", "कर योग्य मूल्य", required=False),
    Column("GST Rate", "जीएसटी दर", required=False),
    Column("Reverse Charge", "रिवर्स चार्ज", required=False),
    Column("Against", "मूल बीजक", required=False),
)

SALES = TableSpec(name="Sales", sheet="Sales", hi="बिक्री", columns=_DOCUMENT_COLUMNS)
"""Sales invoices, credit notes and debit notes: one row a line, the header (number, date, party,
place of supply) on the first line of each document (later lines may repeat it or leave it blank)."""

PURCHASES = TableSpec(name="Purchases", sheet="Purchases", hi="खरीद", columns=_DOCUMENT_COLUMNS)
"""Vendors' bills and the credit and debit notes vendors issue, laid out like Sales."""

RECEIPTS = TableSpec(
    name="Receipts",
    sheet="Receipts",
    hi="प्राप्तियाँ",
    columns=(
        Column("Number", "संख्या"),
        Column("Date", "दिनांक"),
        Column("Party", "पक्ष"),
        Column("Amount", "राशि"),
        Column("Against", "किसके विरुद्ध", required=False),
        Column("Account", "खाता", required=False),
        Column("Reference", "संदर्भ", required=False),
    ),
)
"""Money from customers: one row an allocation (against an invoice, "On Account", "Advance" or
"Opening"); rows sharing a Number are one receipt."""

PAYMENTS = TableSpec(
    name="Payments",
    sheet="Payments",
    hi="भुगतान",
    columns=(
        *RECEIPTS.columns,
        Column("TDS Section", "टीडीएस धारा", required=False),
        Column("TDS", "टीडीएस", required=False),
    ),
)
"""Money to vendors, laid out like Receipts; Amount is what the bill is settled by, TDS (typed, or
proposed from TDSSections when blank) is kept back and the rest paid."""

TDS_SECTIONS = TableSpec(
    name="TDSSections",
    sheet="TDS Sections",
    hi="टीडीएस धाराएँ",
    columns=(
        Column("Section", "धारा"),
        Column("Nature", "प्रकृति", required=False),
        Column("Rate Individual", "दर व्यक्ति"),
        Column("Rate Others", "दर अन्य"),
        Column("No PAN Rate", "बिना पैन दर", required=False),
        Column("Single Limit", "एकल सीमा", required=False),
        Column("Yearly Limit", "वार्षिक सीमा", required=False),
        Column("On Excess", "सीमा से ऊपर पर", required=False),
        Column("Account", "खाता"),
    ),
)
"""TDS sections as data: rates (percent) for individuals/HUFs and others, the rate without a PAN,
the limits a payment or a year's payments must pass, whether tax is on the excess only (194Q), and
the payable account credited."""

TRADE_TABLES = (PARTIES, ITEMS, GST_RATES, SALES, PURCHASES, RECEIPTS, PAYMENTS, TDS_SECTIONS)

TRADE_SETTING_ROWS: tuple[tuple[str, str, object, str], ...] = (
    ("Company GSTIN", "कंपनी जीएसटीआईएन", "", "Your GSTIN: its first two digits are your state"),
    ("Debtors Account", "देनदार खाता", "1130", "Control account of customers (Sundry Debtors)"),
    ("Creditors Account", "लेनदार खाता", "2110", "Control account of vendors (Sundry Creditors)"),
    ("Sales Account", "बिक्री खाता", "4110", "Sales within the state"),
    ("Inter-state Sales Account", "अंतरराज्यीय बिक्री खाता", "4120", "Sales to other states"),
    ("Purchase Account", "खरीद खाता", "5110", "Purchases within the state"),
    ("Inter-state Purchase Account", "अंतरराज्यीय खरीद खाता", "5120", "Purchases from other states"),
    ("CGST Output Account", "सीजीएसटी देय खाता", "2121", "CGST on sales (and reverse charge)"),
    ("SGST Output Account", "एसजीएसटी देय खाता", "2122", "SGST on sales (and reverse charge)"),
    ("IGST Output Account", "आईजीएसटी देय खाता", "2123", "IGST on sales (and reverse charge)"),
    ("CGST Input Account", "सीजीएसटी इनपुट खाता", "1151", "CGST input credit on purchases"),
    ("SGST Input Account", "एसजीएसटी इनपुट खाता", "1152", "SGST input credit on purchases"),
    ("IGST Input Account", "आईजीएसटी इनपुट खाता", "1153", "IGST input credit on purchases"),
    ("Round Off Account", "पूर्णांकन खाता", "5395", "Invoices rounded to the rupee: the paise go here"),
    ("Company Address", "कंपनी का पता", "", "Your address, printed on tax invoices (CGST rule 46(a))"),
)
"""Rows of the Settings table the trading workbook adds (after :data:`SETTING_ROWS`): the company's
GSTIN and the ledger accounts posting uses (codes of the trading template's chart by default)."""

TRADE_SETTINGS = TableSpec(
    name="Settings",
    sheet="Settings",
    hi="सेटिंग्स",
    columns=tuple(Column(en, hi, required=False) for en, hi, _, _ in TRADE_SETTING_ROWS),
)
"""The trade settings' keys as columns, so that :func:`canonical_column` reads a Setting cell
("Sales Account / बिक्री खाता", "बिक्री खाता", " sales account ") the way it reads headings."""

# ---- sheets of the statements, the budget and the dashboard (issue 11, reports) -----------------

PROFIT_AND_LOSS_SHEET = "Profit and Loss"
BALANCE_SHEET_SHEET = "Balance Sheet"
CASH_FLOW_SHEET = "Cash Flow"
DASHBOARD_SHEET = "Dashboard"
BUDGET_VS_ACTUAL_SHEET = "Budget vs Actual"
OWNED_SHEETS = (
    *OWNED_SHEETS,
    PROFIT_AND_LOSS_SHEET,
    BALANCE_SHEET_SHEET,
    CASH_FLOW_SHEET,
    DASHBOARD_SHEET,
    BUDGET_VS_ACTUAL_SHEET,
)
# ----------------------------------------------------------------------------------------------
# Receivables, payables and the tax invoice in Excel (issue 10, gstui): the sheets Bahi owns.

RECEIVABLES_AGING_SHEET = "Receivables Aging"
PAYABLES_AGING_SHEET = "Payables Aging"
PARTY_LEDGER_SHEET = "Party Ledger"
INVOICE_SHEET = "Invoice"
TRADE_SHEETS = (RECEIVABLES_AGING_SHEET, PAYABLES_AGING_SHEET, PARTY_LEDGER_SHEET, INVOICE_SHEET)
OWNED_SHEETS = (*OWNED_SHEETS, *TRADE_SHEETS)
# ---- GST returns and the GSTR-2B reconciliation (issue 10, second part) -----------------------
GST_SUMMARY_SHEET = "GST Summary"
GSTR2B_RECONCILIATION_SHEET = "GSTR-2B Reconciliation"
OWNED_SHEETS = (*OWNED_SHEETS, GST_SUMMARY_SHEET, GSTR2B_RECONCILIATION_SHEET)
GSTR2B_SHEET = "GSTR-2B"
"""The sheet the ribbon's GSTR-2B Reconcile reads: the portal's GSTR-2B Excel sheets (B2B, then
B2B-CDNR…) pasted into it, headings included, one below the other."""

GST_RETURN_SETTING_ROWS: tuple[tuple[str, str, object, str], ...] = (
    ("GSTR-2B Amount Tolerance", "जीएसटीआर-2बी राशि छूट", "1.00",
     "Rupees a bill's taxable value or a tax head may differ from the GSTR-2B's and still agree"),
    ("GSTR-2B Date Tolerance", "जीएसटीआर-2बी तिथि छूट", 0,
     "Days a bill's date may differ from the GSTR-2B's and still agree"),
    ("GSTR-2B Match Window", "जीएसटीआर-2बी मिलान अवधि", 30,
     "Days apart a bill and a GSTR-2B line may be dated and still pair by a number alike"),
)  # fmt: skip
"""Rows of the trading workbook's Settings table (after :data:`TRADE_SETTING_ROWS`): the GSTR-2B
reconciliation's tolerances."""

GST_RETURN_SETTINGS = TableSpec(
    name="Settings",
    sheet="Settings",
    hi="सेटिंग्स",
    columns=tuple(Column(en, hi, required=False) for en, hi, _, _ in GST_RETURN_SETTING_ROWS),
)
"""The GSTR-2B settings' keys as columns (see :data:`TRADE_SETTINGS`)."""
