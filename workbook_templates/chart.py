"""A standard Indian chart of accounts for a small trading business, and GSTINs.

Codes are four digits: the first names the type (1 assets, 2 liabilities, 3 equity, 4 income,
5 expenses); group accounts end in zeros and are the ``parent`` of the accounts under them.

>>> gstin("27", "AAPFU0939F")
'27AAPFU0939F1ZV'
>>> len(CHART_OF_ACCOUNTS) >= 40
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace

GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class Account:
    """A row of the Accounts table. ``opening`` is in paise: debit positive, credit negative."""

    code: int
    name: str
    type: str
    parent: int | None = None
    opening: int = 0
    active: bool = True
    gstin: str = ""

    def with_opening(self, paise: int) -> Account:
        return replace(self, opening=paise)


def gstin_check_character(first_fourteen: str) -> str:
    """The 15th character of a GSTIN: a Luhn mod-36 check over the first fourteen."""
    total = 0
    for position, character in enumerate(first_fourteen.upper()):
        product = GSTIN_ALPHABET.index(character) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_ALPHABET[(36 - total % 36) % 36]


def gstin(state_code: str, pan: str, entity: str = "1") -> str:
    """A GSTIN in valid format: state code, PAN, entity number, "Z", check character."""
    body = f"{state_code}{pan}{entity}Z"
    return body + gstin_check_character(body)


# Well-known accounts the demo posts to (names in accounting terms).
CASH = 1110
BANK = 1120
SUNDRY_DEBTORS = 1130
STOCK_IN_TRADE = 1140
CGST_INPUT = 1151
SGST_INPUT = 1152
IGST_INPUT = 1153
SECURITY_DEPOSITS = 1170
FURNITURE = 1210
COMPUTERS = 1220
ACCUMULATED_DEPRECIATION = 1230
SUNDRY_CREDITORS = 2110
CGST_PAYABLE = 2121
SGST_PAYABLE = 2122
IGST_PAYABLE = 2123
TDS_ON_SALARY = 2131
TDS_ON_RENT = 2132
TDS_ON_PROFESSIONAL_FEES = 2133
UNSECURED_LOANS = 2210
CAPITAL = 3100
SALES_LOCAL = 4110
SALES_INTERSTATE = 4120
INTEREST_RECEIVED = 4210
PURCHASES_LOCAL = 5110
PURCHASES_INTERSTATE = 5120
CHANGES_IN_STOCK = 5150
FREIGHT_INWARD = 5210
SALARIES = 5310
RENT = 5320
ELECTRICITY = 5330
BANK_CHARGES = 5340
TELEPHONE = 5350
PRINTING_STATIONERY = 5360
TRAVELLING = 5370
PROFESSIONAL_FEES = 5380
OFFICE_EXPENSES = 5390
DEPRECIATION = 5400

CHART_OF_ACCOUNTS: tuple[Account, ...] = (
    Account(1000, "Assets", "Asset"),
    Account(1100, "Current Assets", "Asset", 1000),
    Account(CASH, "Cash in Hand", "Asset", 1100),
    Account(BANK, "HDFC Bank Current A/c", "Asset", 1100),
    Account(SUNDRY_DEBTORS, "Sundry Debtors", "Asset", 1100),
    Account(STOCK_IN_TRADE, "Stock in Trade", "Asset", 1100),
    Account(1150, "GST Input Credit", "Asset", 1100),
    Account(CGST_INPUT, "CGST Input", "Asset", 1150),
    Account(SGST_INPUT, "SGST Input", "Asset", 1150),
    Account(IGST_INPUT, "IGST Input", "Asset", 1150),
    Account(1160, "TDS Receivable", "Asset", 1100),
    Account(SECURITY_DEPOSITS, "Security Deposits", "Asset", 1100),
    Account(1200, "Fixed Assets", "Asset", 1000),
    Account(FURNITURE, "Furniture & Fixtures", "Asset", 1200),
    Account(COMPUTERS, "Computers & Printers", "Asset", 1200),
    Account(ACCUMULATED_DEPRECIATION, "Accumulated Depreciation", "Asset", 1200),
    Account(2000, "Liabilities", "Liability"),
    Account(2100, "Current Liabilities", "Liability", 2000),
    Account(SUNDRY_CREDITORS, "Sundry Creditors", "Liability", 2100),
    Account(2120, "GST Output", "Liability", 2100),
    Account(CGST_PAYABLE, "CGST Payable", "Liability", 2120),
    Account(SGST_PAYABLE, "SGST Payable", "Liability", 2120),
    Account(IGST_PAYABLE, "IGST Payable", "Liability", 2120),
    Account(2130, "TDS Payable", "Liability", 2100),
    Account(TDS_ON_SALARY, "TDS Payable - Salaries (192)", "Liability", 2130),
    Account(TDS_ON_RENT, "TDS Payable - Rent (194-I)", "Liability", 2130),
    Account(TDS_ON_PROFESSIONAL_FEES, "TDS Payable - Professional Fees (194J)", "Liability", 2130),
    Account(2140, "Salaries Payable", "Liability", 2100),
    Account(2200, "Loans", "Liability", 2000),
    Account(UNSECURED_LOANS, "Unsecured Loans", "Liability", 2200),
    Account(3000, "Equity", "Equity"),
    Account(CAPITAL, "Capital Account", "Equity", 3000),
    Account(3200, "Drawings", "Equity", 3000),
    Account(3300, "Reserves & Surplus", "Equity", 3000),
    Account(4000, "Income", "Income"),
    Account(4100, "Sales", "Income", 4000),
    Account(SALES_LOCAL, "Sales - Local (CGST+SGST)", "Income", 4100),
    Account(SALES_INTERSTATE, "Sales - Inter-state (IGST)", "Income", 4100),
    Account(4200, "Other Income", "Income", 4000),
    Account(INTEREST_RECEIVED, "Interest Received", "Income", 4200),
    Account(4220, "Discount Received", "Income", 4200),
    Account(5000, "Expenses", "Expense"),
    Account(5100, "Purchases", "Expense", 5000),
    Account(PURCHASES_LOCAL, "Purchases - Local (CGST+SGST)", "Expense", 5100),
    Account(PURCHASES_INTERSTATE, "Purchases - Inter-state (IGST)", "Expense", 5100),
    Account(CHANGES_IN_STOCK, "Changes in Stock in Trade", "Expense", 5100),
    Account(5200, "Direct Expenses", "Expense", 5000),
    Account(FREIGHT_INWARD, "Freight Inward", "Expense", 5200),
    Account(5300, "Indirect Expenses", "Expense", 5000),
    Account(SALARIES, "Salaries & Wages", "Expense", 5300),
    Account(RENT, "Rent", "Expense", 5300),
    Account(ELECTRICITY, "Electricity", "Expense", 5300),
    Account(BANK_CHARGES, "Bank Charges", "Expense", 5300),
    Account(TELEPHONE, "Telephone & Internet", "Expense", 5300),
    Account(PRINTING_STATIONERY, "Printing & Stationery", "Expense", 5300),
    Account(TRAVELLING, "Travelling & Conveyance", "Expense", 5300),
    Account(PROFESSIONAL_FEES, "Professional Fees", "Expense", 5300),
    Account(OFFICE_EXPENSES, "Office Expenses", "Expense", 5300),
    Account(DEPRECIATION, "Depreciation", "Expense", 5000),
)
"""The template's chart: group accounts and the ledger accounts under them, opening balances zero."""

POSTING_CODES: tuple[int, ...] = tuple(
    a.code for a in CHART_OF_ACCOUNTS if all(b.parent != a.code for b in CHART_OF_ACCOUNTS)
)
"""Codes of the chart's ledger (non-group) accounts, in chart order."""
