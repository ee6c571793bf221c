"""The templates' Schedule III mapping (the ReportLines table) and the demos' small budgets.

Every account of :data:`workbook_templates.chart.CHART_OF_ACCOUNTS` (and the demo's parties,
through their groups) reaches a line: a group's row maps the accounts under it, and an account
with a row of its own overrides its group (Changes in Stock in Trade sits under Purchases but
goes to "Changes in inventories"). The top groups (Assets, Current Assets, Liabilities …) have
no row on purpose: an account added directly under them is reported as unmapped rather than
guessed.

>>> rows = report_line_rows()
>>> rows[0]
(1110, 'Cash and cash equivalents', 'Cash on hand / हाथ में नकद', 'Cash', 'BS')
>>> len(DEMO_BUDGET) >= 40
True
"""

from __future__ import annotations

from addin.engine.statements.periods import monthly_periods
from addin.engine.statements.schedule3 import CASH_FLOW_NAMES, LINE_ITEMS, MAPPABLE_LINE_ITEMS
from workbook_templates import chart

# (account or group code, line item key, sub-line "English / हिन्दी", cash-flow class if not the line's)
MAPPING: tuple[tuple[int, str, str, str], ...] = (
    (chart.CASH, "cash_and_cash_equivalents", "Cash on hand / हाथ में नकद", ""),
    (chart.BANK, "cash_and_cash_equivalents", "Balances with banks / बैंकों में शेष", ""),
    (chart.SUNDRY_DEBTORS, "trade_receivables", "Unsecured, considered good / असुरक्षित, अच्छे माने गए", ""),
    (chart.STOCK_IN_TRADE, "inventories", "Stock-in-trade / व्यापारिक माल", ""),
    (1150, "short_term_loans_and_advances",
     "Balances with government authorities: GST input credit / "
     "सरकारी प्राधिकरणों के पास शेष: जीएसटी इनपुट क्रेडिट", ""),
    (1160, "short_term_loans_and_advances", "Advance income tax: TDS receivable / अग्रिम आयकर: प्राप्य टीडीएस",
     "Tax"),
    (chart.SECURITY_DEPOSITS, "long_term_loans_and_advances", "Security deposits / प्रतिभूति जमा", ""),
    (1200, "property_plant_and_equipment", "", ""),
    (chart.FURNITURE, "property_plant_and_equipment", "Furniture and fixtures / फर्नीचर और फिक्सचर", ""),
    (chart.COMPUTERS, "property_plant_and_equipment", "Computers / कंप्यूटर", ""),
    (chart.ACCUMULATED_DEPRECIATION, "property_plant_and_equipment",
     "Less: accumulated depreciation / घटाएँ: संचित मूल्यह्रास", ""),
    (chart.SUNDRY_CREDITORS, "trade_payables_others", "", ""),
    (2120, "other_current_liabilities", "Statutory dues: GST / वैधानिक देय: जीएसटी", ""),
    (2130, "other_current_liabilities", "Statutory dues: TDS / वैधानिक देय: टीडीएस", ""),
    (2140, "other_current_liabilities", "Employee dues / कर्मचारी देय", ""),
    (2200, "long_term_borrowings", "Unsecured loans / असुरक्षित ऋण", ""),
    (chart.CAPITAL, "share_capital", "Proprietor's capital / स्वामी की पूंजी", ""),
    (3200, "share_capital", "Less: drawings / घटाएँ: आहरण", ""),
    (3300, "reserves_and_surplus", "Surplus brought forward / पिछला अधिशेष", ""),
    (4100, "revenue_from_operations", "Sale of products / उत्पादों की बिक्री", ""),
    (4200, "other_income", "", ""),
    (chart.INTEREST_RECEIVED, "other_income", "Interest income / ब्याज आय", "Investing"),
    (4220, "other_income", "Discount received / प्राप्त छूट", ""),
    (5100, "purchases_of_stock_in_trade", "", ""),
    (chart.CHANGES_IN_STOCK, "changes_in_inventories", "", ""),
    (5200, "other_expenses", "Freight and other direct expenses / भाड़ा और अन्य प्रत्यक्ष व्यय", ""),
    (5300, "other_expenses", "Other indirect expenses / अन्य अप्रत्यक्ष व्यय", ""),
    (chart.SALARIES, "employee_benefits_expense", "Salaries and wages / वेतन और मजदूरी", ""),
    (chart.RENT, "other_expenses", "Rent / किराया", ""),
    (chart.ELECTRICITY, "other_expenses", "Power and fuel / बिजली और ईंधन", ""),
    (chart.BANK_CHARGES, "other_expenses", "Bank charges / बैंक प्रभार", ""),
    (chart.TELEPHONE, "other_expenses", "Communication / संचार", ""),
    (chart.PRINTING_STATIONERY, "other_expenses", "Printing and stationery / छपाई और लेखन सामग्री", ""),
    (chart.TRAVELLING, "other_expenses", "Travelling and conveyance / यात्रा और वाहन", ""),
    (chart.PROFESSIONAL_FEES, "other_expenses", "Legal and professional fees / कानूनी और व्यावसायिक शुल्क", ""),
    (chart.OFFICE_EXPENSES, "other_expenses", "Office expenses / कार्यालय व्यय", ""),
    (chart.DEPRECIATION, "depreciation_and_amortization",
     "Depreciation on property, plant and equipment / संपत्ति, संयंत्र और उपकरण पर मूल्यह्रास", ""),
)  # fmt: skip
"""The mapping, in the order the ReportLines table lists it (balance sheet, then profit and loss)."""

WIDTHS: dict[str, dict[str, float]] = {
    "ReportLines": {"Account": 12, "Line Item": 46, "Sub-line": 60, "Cash Flow": 14, "Statement": 12},
    "Budget": {"Account": 16, "Month": 14, "Amount": 18, "Note": 40},
}
"""Column widths of the two tables (merged into the builder's ``WIDTHS``)."""

CASH_FLOW_CHOICES = ",".join(en for en, _, _ in CASH_FLOW_NAMES.values())
"""The Cash Flow dropdown: Cash,Operating,Investing,Financing,Non-cash,Tax."""
LINE_LIST_COLUMN = 8  # H: the list of line items the Line Item dropdown offers, right of the table


def report_line_rows() -> list[tuple[object, ...]]:
    """The ReportLines table's rows: account, line item (English), sub-line, cash flow, statement."""
    rows: list[tuple[object, ...]] = []
    for code, key, sub_line, cash_flow in MAPPING:
        line = LINE_ITEMS[key]
        flow = cash_flow or CASH_FLOW_NAMES[line.cash_flow][0]
        rows.append((code, line.en, sub_line or None, flow, line.statement.value))
    return rows


def line_item_list() -> list[tuple[str, str, str, str]]:
    """The reference list beside the table: line item (English), Hindi, statement, default cash flow."""
    return [(item.en, item.hi, item.statement.value, CASH_FLOW_NAMES[item.cash_flow][0])
            for item in MAPPABLE_LINE_ITEMS]  # fmt: skip


# The demo's budget for 2025-26, rupees a month: sales, three expense accounts and the "Other
# expenses" line. Salaries were budgeted at the old pay all year: the increments from October make
# them the one line over budget.
_MONTHLY = (
    (4100, 36_00_000, "Sales at last year's run rate plus 10%"),
    (chart.SALARIES, 3_62_000, "Pay roll as on 1 April"),
    (chart.RENT, 60_000, "Shop rent as per lease"),
    (chart.ELECTRICITY, 11_000, "MSEDCL bills"),
    ("Other expenses", 1_20_000, "All other expenses on the Schedule III line"),
)
BudgetRow = tuple[object, str, float, str]


def budget_rows(monthly: tuple[tuple[object, int, str], ...]) -> tuple[BudgetRow, ...]:
    """Budget rows for 2025-26 from (account code or line item, rupees a month, note): a row a month,
    the note on April's."""
    return tuple(
        (target, month.label, float(amount), note if month.start.month == 4 else "")
        for target, amount, note in monthly
        for month in monthly_periods(2025)
    )


DEMO_BUDGET: tuple[BudgetRow, ...] = budget_rows(_MONTHLY)
"""The demo's Budget rows: account code or line item, month ("Apr-2025"), amount in rupees, note."""

# The trading demo's budget: the same firm's overheads (salaries again budgeted at the old pay), its
# sales and purchases at the run rate its Sales and Purchases tables post to (about 29 and 25 lakh a
# month).
_TRADING_MONTHLY = (
    (4100, 30_00_000, "Sales at the expected run rate"),
    (5100, 25_50_000, "Purchases at 85% of budgeted sales"),
    *_MONTHLY[1:],
)
TRADING_DEMO_BUDGET: tuple[BudgetRow, ...] = budget_rows(_TRADING_MONTHLY)
"""The trading demo's Budget rows, as :data:`DEMO_BUDGET`'s."""
