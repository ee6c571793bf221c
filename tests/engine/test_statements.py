"""Schedule III statements and the cash-flow statement, specified on a small trader's first two months.

The ledger is written inline; every expected figure below was worked out by hand (see the
comments) — the golden records of the three statements, to the paisa.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from addin.engine.ledger import Ledger
from addin.engine.statements import (
    Detail,
    FinancialStatement,
    balance_sheet,
    cash_flow,
    fy_period,
    map_accounts,
    month_period,
    profit_and_loss,
    report_lines,
)
from addin.engine.statements.dashboard import COST_OF_GOODS_SOLD_BAR, OTHER_EXPENSES, largest_expenses
from addin.engine.statements.mapping import AccountMap

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))
from golden_ledgers import make_ledger

D = dt.date

ACCOUNTS = [
    ("1000", "Assets", "Asset", "", ""),
    ("1100", "Bank", "Asset", "1000", "200000.00"),
    ("1110", "Cash", "Asset", "1000", "10000.00"),
    ("1200", "Debtors", "Asset", "1000", ""),
    ("1300", "Stock", "Asset", "1000", "50000.00"),
    ("1400", "Furniture", "Asset", "1000", "100000.00"),
    ("1410", "Accumulated Depreciation", "Asset", "1000", ""),
    ("1500", "Computers", "Asset", "1000", ""),
    ("1600", "Fixed Deposit", "Asset", "1000", ""),
    ("2100", "Creditors", "Liability", "", "-30000.00"),
    ("2200", "GST Payable", "Liability", "", ""),
    ("2300", "Term Loan", "Liability", "", ""),
    ("3000", "Capital", "Equity", "", "-330000.00"),
    ("3100", "Drawings", "Equity", "3000", ""),
    ("4000", "Sales", "Income", "", ""),
    ("4100", "Interest Income", "Income", "", ""),
    ("5000", "Purchases", "Expense", "", ""),
    ("5100", "Change in Stock", "Expense", "5000", ""),
    ("5200", "Salaries", "Expense", "", ""),
    ("5300", "Rent", "Expense", "", ""),
    ("5400", "Interest on Loan", "Expense", "", ""),
    ("5500", "Depreciation", "Expense", "", ""),
]


def _voucher(day: str, number: str, *legs: tuple[str, str, str]) -> list[tuple[str, str, str, str, str, str]]:
    return [(day, number, code, debit, credit, number) for code, debit, credit in legs]


JOURNAL = [
    # April
    *_voucher("2025-04-03", "S1", ("1200", "118000", ""), ("4000", "", "100000"), ("2200", "", "18000")),
    *_voucher("2025-04-05", "P1", ("5000", "60000", ""), ("2100", "", "60000")),
    *_voucher("2025-04-10", "L1", ("1100", "100000", ""), ("2300", "", "100000")),
    *_voucher("2025-04-15", "C1", ("1500", "40000", ""), ("1100", "", "40000")),
    *_voucher("2025-04-20", "R1", ("1100", "118000", ""), ("1200", "", "118000")),
    *_voucher("2025-04-25", "F1", ("1600", "50000", ""), ("1100", "", "50000")),
    *_voucher("2025-04-30", "SAL", ("5200", "25000", ""), ("1100", "", "25000")),
    # depreciation: furniture through accumulated depreciation, computers credited directly
    *_voucher("2025-04-30", "DEP", ("5500", "1500", ""), ("1410", "", "1000"), ("1500", "", "500")),
    # May
    *_voucher("2025-05-05", "PAY", ("2100", "90000", ""), ("1100", "", "90000")),
    *_voucher("2025-05-05", "RENT", ("5300", "10000", ""), ("1100", "", "10000")),
    *_voucher("2025-05-10", "INT", ("5400", "1000", ""), ("1100", "", "1000")),
    *_voucher("2025-05-15", "GST", ("2200", "18000", ""), ("1100", "", "18000")),
    *_voucher("2025-05-20", "INTI", ("1100", "400", ""), ("4100", "", "400")),
    *_voucher("2025-05-25", "DR", ("3100", "5000", ""), ("1110", "", "5000")),
    *_voucher("2025-05-31", "DEP", ("5500", "1500", ""), ("1410", "", "1000"), ("1500", "", "500")),
    *_voucher("2025-05-31", "STK", ("1300", "20000", ""), ("5100", "", "20000")),
]

MAPPING = [
    ("1100", "Cash and cash equivalents", "Balances with banks"),
    ("1110", "Cash and cash equivalents", "Cash on hand"),
    ("1200", "Trade receivables"),
    ("1300", "Inventories"),
    ("1400", "Property, Plant and Equipment", "Furniture"),
    ("1410", "Property, Plant and Equipment", "Less: accumulated depreciation"),
    ("1500", "Property, Plant and Equipment", "Computers"),
    ("1600", "Current investments"),
    ("2100", "trade_payables_others"),  # a line item's key works too
    ("2200", "Other current liabilities"),
    ("2300", "Long-term borrowings"),
    ("3000", "Share capital"),  # Drawings (3100) inherit it
    ("4000", "Revenue from operations"),
    ("4100", "Other income", "", "Investing"),
    ("5000", "Purchases of Stock-in-Trade"),
    ("5100", "Changes in inventories of finished goods, work-in-progress and Stock-in-Trade"),
    ("5200", "Employee benefits expense"),
    ("5300", "Other expenses"),
    ("5400", "Finance costs"),
    ("5500", "Depreciation and amortization expense"),
]


def trader() -> Ledger:
    return make_ledger(ACCOUNTS, JOURNAL)


@pytest.fixture(scope="module")
def mapped() -> AccountMap:
    result = map_accounts(trader(), report_lines(MAPPING))
    assert result.issues == ()
    return result


APRIL, MAY, YEAR = month_period(2025, 4), month_period(2025, 5), fy_period(2025)


def amounts(statement: FinancialStatement) -> list[tuple[str, list[str] | None]]:
    return [(r["key"], r["amounts"]) for r in statement.as_records()]  # type: ignore[misc]


# --- golden statements --------------------------------------------------------------------------


PROFIT_STEPS = {f"pl.{k}" for k in (
    "profit_before_exceptional", "exceptional_items", "profit_before_extraordinary", "extraordinary_items",
    "profit_before_tax", "tax_expense", "profit_continuing", "discontinuing_operations", "discontinuing_tax",
    "profit_discontinuing", "profit_for_the_period",
)}  # fmt: skip


def test_profit_and_loss_for_two_months_and_the_year(mapped: AccountMap) -> None:
    pl = profit_and_loss(mapped, [APRIL, MAY, YEAR], detail=Detail.LINES)
    assert amounts(pl) == [
        ("pl.revenue_from_operations", ["100000.00", "0.00", "100000.00"]),
        ("pl.other_income", ["0.00", "400.00", "400.00"]),
        ("pl.total_revenue", ["100000.00", "400.00", "100400.00"]),
        ("pl.expenses", None),
        ("pl.purchases_of_stock_in_trade", ["60000.00", "0.00", "60000.00"]),
        ("pl.changes_in_inventories", ["0.00", "-20000.00", "-20000.00"]),  # closing stock up 20,000
        ("pl.employee_benefits_expense", ["25000.00", "0.00", "25000.00"]),
        ("pl.finance_costs", ["0.00", "1000.00", "1000.00"]),
        ("pl.depreciation_and_amortization", ["1500.00", "1500.00", "3000.00"]),
        ("pl.other_expenses", ["0.00", "10000.00", "10000.00"]),
        ("pl.total_expenses", ["86500.00", "-7500.00", "79000.00"]),
        # V to XV stand, nil as 0.00: each profit line cites the numbers above it
        ("pl.profit_before_exceptional", ["13500.00", "7900.00", "21400.00"]),
        ("pl.exceptional_items", ["0.00", "0.00", "0.00"]),
        ("pl.profit_before_extraordinary", ["13500.00", "7900.00", "21400.00"]),
        ("pl.extraordinary_items", ["0.00", "0.00", "0.00"]),
        ("pl.profit_before_tax", ["13500.00", "7900.00", "21400.00"]),
        ("pl.tax_expense", None),
        ("pl.current_tax", ["0.00", "0.00", "0.00"]),
        ("pl.deferred_tax", ["0.00", "0.00", "0.00"]),
        ("pl.profit_continuing", ["13500.00", "7900.00", "21400.00"]),
        ("pl.discontinuing_operations", ["0.00", "0.00", "0.00"]),
        ("pl.discontinuing_tax", ["0.00", "0.00", "0.00"]),
        ("pl.profit_discontinuing", ["0.00", "0.00", "0.00"]),
        ("pl.profit_for_the_period", ["13500.00", "7900.00", "21400.00"]),
    ]
    numbers = [r.number for r in pl.rows if r.key in PROFIT_STEPS]
    assert numbers == ["V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
    assert [c.label for c in pl.columns] == ["Apr-2025", "May-2025", "2025-26"]
    assert pl.row("pl.profit_before_tax") is not None
    assert pl.row("pl.other_income").number == "II"  # type: ignore[union-attr]


def test_balance_sheet_at_the_start_and_each_month_end(mapped: AccountMap) -> None:
    bs = balance_sheet(mapped, [D(2025, 3, 31), APRIL, MAY])
    assert amounts(bs) == [
        ("bs.equity_and_liabilities", None),
        ("bs.shareholders_funds", None),
        ("bs.share_capital", ["330000.00", "330000.00", "325000.00"]),  # capital less drawings
        ("bs.reserves_and_surplus", ["0.00", "13500.00", "21400.00"]),
        ("bs.reserves_and_surplus.surplus", ["0.00", "13500.00", "21400.00"]),  # profit carried in
        ("bs.non_current_liabilities", None),
        ("bs.long_term_borrowings", ["0.00", "100000.00", "100000.00"]),
        ("bs.current_liabilities", None),
        ("bs.trade_payables", None),
        ("bs.trade_payables_msme", ["0.00", "0.00", "0.00"]),  # (A) stands beside (B), nil
        ("bs.trade_payables_others", ["30000.00", "90000.00", "0.00"]),
        ("bs.other_current_liabilities", ["0.00", "18000.00", "0.00"]),
        ("bs.total_equity_and_liabilities", ["360000.00", "551500.00", "446400.00"]),
        ("bs.assets", None),
        ("bs.non_current_assets", None),
        ("bs.ppe_and_intangibles", None),
        ("bs.property_plant_and_equipment", ["100000.00", "138500.00", "137000.00"]),
        ("bs.property_plant_and_equipment.1", ["100000.00", "100000.00", "100000.00"]),
        ("bs.property_plant_and_equipment.2", ["0.00", "-1000.00", "-2000.00"]),
        ("bs.property_plant_and_equipment.3", ["0.00", "39500.00", "39000.00"]),
        ("bs.current_assets", None),
        ("bs.current_investments", ["0.00", "50000.00", "50000.00"]),
        ("bs.inventories", ["50000.00", "50000.00", "70000.00"]),
        ("bs.cash_and_cash_equivalents", ["210000.00", "313000.00", "189400.00"]),
        ("bs.cash_and_cash_equivalents.1", ["200000.00", "303000.00", "184400.00"]),
        ("bs.cash_and_cash_equivalents.2", ["10000.00", "10000.00", "5000.00"]),
        ("bs.total_assets", ["360000.00", "551500.00", "446400.00"]),
    ]
    labels = {r.key: r.label for r in bs.rows}
    assert labels["bs.property_plant_and_equipment.2"] == "Less: accumulated depreciation"
    assert labels["bs.cash_and_cash_equivalents.2"] == "Cash on hand"
    assert [c.label for c in bs.columns] == ["As at 31/03/2025", "As at 30/04/2025", "As at 31/05/2025"]
    assert bs.issues == ()


def test_cash_flow_for_two_months_and_the_year(mapped: AccountMap) -> None:
    cf = cash_flow(mapped, [APRIL, MAY, YEAR])
    assert amounts(cf) == [
        ("cf.operating", None),
        ("cf.profit_before_tax", ["13500.00", "7900.00", "21400.00"]),
        ("cf.adjustments", None),
        ("cf.adjustment.depreciation_and_amortization", ["1500.00", "1500.00", "3000.00"]),
        ("cf.adjustment.investing.other_income", ["0.00", "-400.00", "-400.00"]),
        ("cf.adjustment.financing.finance_costs", ["0.00", "1000.00", "1000.00"]),
        ("cf.operating_profit", ["15000.00", "10000.00", "25000.00"]),
        ("cf.working_capital", None),
        ("cf.working_capital.trade_payables_others", ["60000.00", "-90000.00", "-30000.00"]),
        ("cf.working_capital.other_current_liabilities", ["18000.00", "-18000.00", "0.00"]),
        ("cf.working_capital.inventories", ["0.00", "-20000.00", "-20000.00"]),
        ("cf.cash_generated", ["93000.00", "-118000.00", "-25000.00"]),
        ("cf.net_operating", ["93000.00", "-118000.00", "-25000.00"]),
        ("cf.investing", None),
        # the computers bought (40,000), not the 500 a month depreciation credited to them
        ("cf.investing.property_plant_and_equipment", ["-40000.00", "0.00", "-40000.00"]),
        ("cf.investing.current_investments", ["-50000.00", "0.00", "-50000.00"]),
        ("cf.investing.paid.other_income", ["0.00", "400.00", "400.00"]),
        ("cf.net_investing", ["-90000.00", "400.00", "-89600.00"]),
        ("cf.financing", None),
        ("cf.financing.share_capital", ["0.00", "-5000.00", "-5000.00"]),  # drawings
        ("cf.financing.long_term_borrowings", ["100000.00", "0.00", "100000.00"]),
        ("cf.financing.paid.finance_costs", ["0.00", "-1000.00", "-1000.00"]),
        ("cf.net_financing", ["100000.00", "-6000.00", "94000.00"]),
        ("cf.net_change", ["103000.00", "-123600.00", "-20600.00"]),
        ("cf.opening_cash", ["210000.00", "313000.00", "210000.00"]),
        ("cf.closing_cash", ["313000.00", "189400.00", "189400.00"]),
    ]
    labels = {r.key: r.label for r in cf.rows}
    assert labels["cf.investing.paid.other_income"] == "Other income received from investments"
    assert labels["cf.financing.paid.finance_costs"] == "Finance costs paid"
    assert labels["cf.working_capital.inventories"] == "(Increase) / decrease in inventories"
    assert cf.issues == ()


def test_a_record_carries_everything_a_sheet_writer_prints(mapped: AccountMap) -> None:
    record = profit_and_loss(mapped, [APRIL]).as_records()[0]
    assert record == {
        "key": "pl.revenue_from_operations",
        "label": "Revenue from operations",
        "label_hi": "परिचालन से राजस्व",
        "kind": "line",
        "level": 0,
        "number": "I",
        "amounts": ["100000.00"],
        "accounts": "4000",
    }


def test_accounts_detail_lists_each_account_under_its_sub_line(mapped: AccountMap) -> None:
    bs = balance_sheet(mapped, [MAY], detail=Detail.ACCOUNTS)
    wanted = ("bs.share_capital", "account.3")
    rows = [(r.kind.value, r.label, r.amounts) for r in bs.rows if r.key.startswith(wanted)]
    assert rows == [
        ("line", "Share capital", (32500000,)),
        ("account", "3000 Capital", (33000000,)),
        ("account", "3100 Drawings", (-500000,)),
    ]


def test_nil_lines_are_hidden_unless_asked_for(mapped: AccountMap) -> None:
    shown = profit_and_loss(mapped, [APRIL], hide_zero=False)
    hidden = profit_and_loss(mapped, [APRIL])
    assert shown.row("pl.cost_of_materials_consumed") is not None
    assert hidden.row("pl.cost_of_materials_consumed") is None
    assert shown.row("pl.exceptional_items") is not None
    assert shown.amount("pl.profit_for_the_period") == hidden.amount("pl.profit_for_the_period") == 1350000


def test_the_largest_expenses_rank_the_cost_of_goods_sold_with_the_rest_and_add_up_to_total_expenses(
    mapped: AccountMap,
) -> None:
    # purchases 60,000 less the rise in stock 20,000: the goods sold cost 40,000, the largest expense
    top = largest_expenses(mapped, YEAR, count=2)
    assert [(e.label, e.amount) for e in top] == [
        (COST_OF_GOODS_SOLD_BAR[0], 4000000),
        ("Salaries", 2500000),
        (OTHER_EXPENSES[0], 1400000),  # rent 10,000, depreciation 3,000, interest 1,000
    ]
    total_expenses = profit_and_loss(mapped, [YEAR]).amount("pl.total_expenses")
    every = largest_expenses(mapped, YEAR)
    assert sum(e.amount for e in top) == sum(e.amount for e in every) == total_expenses


def test_a_proprietor_s_capital_account_is_not_called_share_capital(mapped: AccountMap) -> None:
    company = balance_sheet(mapped, [YEAR])  # 3000 "Capital": Schedule III's words stand
    assert company.row("bs.shareholders_funds").label == "Shareholders' funds"  # type: ignore[union-attr]
    assert company.row("bs.share_capital").label == "Share capital"  # type: ignore[union-attr]
    renamed = [("3000", "Capital Account", *a[2:]) if a[0] == "3000" else a for a in ACCOUNTS]
    proprietor = balance_sheet(map_accounts(make_ledger(renamed, JOURNAL), report_lines(MAPPING)), [YEAR])
    heading, capital = proprietor.row("bs.shareholders_funds"), proprietor.row("bs.share_capital")
    assert heading is not None
    assert (heading.number, heading.label, heading.label_hi) == ("(1)", "Owners' funds", "स्वामियों की निधियाँ")
    assert capital is not None
    assert (capital.number, capital.label) == ("(a)", "Proprietor's / partners' capital")
    assert capital.amounts == company.row("bs.share_capital").amounts  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["Equity Share Capital A/c", "Share Capital Account"])
def test_a_company_s_share_capital_account_keeps_schedule_iii_s_words(mapped: AccountMap, name: str) -> None:
    renamed = [("3000", name, *a[2:]) if a[0] == "3000" else a for a in ACCOUNTS]
    company = balance_sheet(map_accounts(make_ledger(renamed, JOURNAL), report_lines(MAPPING)), [YEAR])
    assert company.row("bs.shareholders_funds").label == "Shareholders' funds"  # type: ignore[union-attr]
    assert company.row("bs.share_capital").label == "Share capital"  # type: ignore[union-attr]
