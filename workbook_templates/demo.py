"""The demo book: one financial year (2025-26) of Shree Ganesh Traders, a small trading firm in Pune.

Everything here is data, generated from a fixed seed: the accounts with opening balances, about
3,000 journal lines (sales with CGST+SGST or IGST, purchases with input GST, receipts, payments,
salaries with TDS, rent, electricity, GST and TDS deposits, cash withdrawals and petty cash), the
bank's statement of the bank account, and about ten honest mistakes planted on purpose, each
recorded with the rule that should catch it and the cell it should point at.

Money is integer paise throughout; rupees appear only in the cells (:func:`journal_rows`).
Amounts are whole lines of vouchers that balance to the paisa, except the planted mistakes.

>>> book = demo_book()
>>> len(book.journal) >= 2500
True
>>> sorted({rule for rule, _, _ in book.mistakes}) == sorted(
...     {"unbalanced-voucher", "unknown-account", "debit-and-credit", "negative-amount",
...      "too-many-decimals", "outside-financial-year", "locked-period", "duplicate-line",
...      "missing-narration", "inactive-account", "voucher-dates-differ"})
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TypedDict

from addin.engine.cells import column_letter
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import JOURNAL
from workbook_templates import chart
from workbook_templates.chart import CHART_OF_ACCOUNTS, Account, gstin

SEED = 2025
COMPANY = "Shree Ganesh Traders"
COMPANY_STATE = "27"  # Maharashtra
COMPANY_GSTIN = gstin(COMPANY_STATE, "ABVFS4821K")
FY_START = dt.date(2025, 4, 1)
FY_END = dt.date(2026, 3, 31)
LOCK_DATE = dt.date(2025, 3, 31)  # last year's books are closed
BANK_OPENING = 14_85_320_50  # paise; the bank statement starts from the same balance
STOCK_OPENING = 12_50_000_00  # paise: stock in trade on 1 April 2025
FIRST_CHEQUE = 451  # the firm's cheque book

Cell = str | int | float | dt.date | None
JournalRow = tuple[Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell]
StatementRow = tuple[dt.date, str, str, float | None, float | None, float]
Mistake = tuple[str, str, str]

CHEQUE = "{cheque}"  # placeholder filled in when the firm's cheques are numbered in date order


@dataclass(frozen=True, slots=True)
class Party:
    """A customer or vendor: a ledger account under Sundry Debtors or Sundry Creditors."""

    code: int
    name: str
    state: str
    pan: str
    bank: str  # first four letters of the IFSC of the party's bank
    opening: int = 0  # paise, debit positive

    @property
    def gstin(self) -> str:
        return gstin(self.state, self.pan)

    @property
    def interstate(self) -> bool:
        return self.state != COMPANY_STATE

    @property
    def bank_name(self) -> str:
        """The name as a bank statement prints it: capitals, cut short."""
        return self.name.upper().replace(".", "").replace("&", "AND")[:22].strip()

    @property
    def vpa(self) -> str:
        handle = "".join(ch for ch in self.name.lower() if ch.isalpha())[:12]
        return f"{handle}@ok{self.bank.lower()}"


CUSTOMERS: tuple[Party, ...] = (
    Party(1131, "Ravi Kumar Enterprises", "27", "AKRPK5521M", "SBIN", 1_86_400_00),
    Party(1132, "Patel Hardware Stores", "24", "AAKFP7734Q", "ICIC", 92_040_00),
    Party(1133, "Sharma & Sons", "27", "AASFS1188L", "HDFC", 0),
    Party(1134, "Lakshmi Agencies", "29", "AAEFL9042R", "KKBK", 55_460_00),
    Party(1135, "Mehta Distributors", "27", "AADFM3310C", "UTIB", 0),
    Party(1136, "Gupta Trading Co.", "07", "AAJFG6627N", "PUNB", 41_300_00),
    Party(1137, "Deshmukh Brothers", "27", "AAGFD2259H", "BKID", 0),
    Party(1138, "Iyer Electricals", "33", "ABBPI4471E", "IOBA", 0),
)
VENDORS: tuple[Party, ...] = (
    Party(2111, "Bharat Steel Suppliers", "27", "AABFB4412D", "SBIN", -1_42_800_00),
    Party(2112, "Kaveri Industries", "29", "AACCK8830P", "CNRB", -88_500_00),
    Party(2113, "Agarwal Wholesale", "27", "AAHFA5123J", "HDFC", -76_230_00),
    Party(2114, "Singh Packaging", "27", "ACZPS9904G", "ICIC", 0),
    Party(2115, "Rajasthan Pipes Ltd", "08", "AADCR6619B", "BARB", 0),
    Party(2116, "Joshi Paints", "27", "AAMFJ7280K", "MAHB", 0),
)
GODOWN_RENT_OLD = Account(5325, "Godown Rent (old godown)", "Expense", 5300, active=False)
UNKNOWN_ACCOUNT = 5930  # a typo of Office Expenses' 5390; no such account
LANDLORD = "Sunita Kulkarni"
OWNER = "Ganesh Patil"
ITEMS = (
    "GI pipes",
    "PVC conduits",
    "copper wire",
    "MCB switches",
    "emulsion paint",
    "steel fasteners",
    "LED battens",
    "ceiling fans",
)
PETTY_CASH = (
    (chart.OFFICE_EXPENSES, "Tea and snacks for staff", 120, 900, "Annapurna Tea Stall"),
    (chart.OFFICE_EXPENSES, "Drinking water cans", 240, 600, "Aqua Pure Suppliers"),
    (chart.TRAVELLING, "Auto fare for bank visit", 80, 450, ""),
    (chart.TRAVELLING, "Bus fare for delivery boy", 60, 380, ""),
    (chart.PRINTING_STATIONERY, "Courier charges", 90, 750, "DTDC Courier"),
    (chart.PRINTING_STATIONERY, "Photocopies and binding", 50, 420, "Om Xerox"),
    (chart.OFFICE_EXPENSES, "Cleaning material", 150, 1200, "Kirana Bhandar"),
    (chart.FREIGHT_INWARD, "Hamali and tempo charges for goods inward", 800, 4500, "Sai Tempo Service"),
)


class Who(TypedDict, total=False):
    """The words a voucher's lines share."""

    narration: str
    party: str
    reference: str


@dataclass(slots=True)
class Line:
    """One journal line in paise, with cells typed differently (``cells``) and planted mistakes."""

    account: int
    debit: int = 0
    credit: int = 0
    narration: str = ""
    party: str = ""
    reference: str = ""
    cells: dict[str, Cell] = field(default_factory=dict)  # English column -> the cell as typed
    mistakes: tuple[tuple[Rule, str], ...] = ()  # (rule, English column it points at)


@dataclass(frozen=True, slots=True)
class BankLeg:
    """How the bank shows a voucher's bank line: description, reference, days late, presented.

    The bank's Reference is its own (a UTR, a cheque number, a batch id) or blank when it only
    writes the reference into the description, as statements do for UPI; the books' Reference may
    differ (the firm's own "RENT-APR25").
    """

    description: str
    reference: str
    lag_days: int = 0
    presented: bool = True


@dataclass(slots=True)
class Voucher:
    date: dt.date
    series: str
    lines: list[Line]
    bank: BankLeg | None = None
    number: str = ""


@dataclass(frozen=True)
class DemoBook:
    accounts: tuple[Account, ...]
    vouchers: tuple[Voucher, ...]
    journal: tuple[JournalRow, ...]
    statement: tuple[StatementRow, ...]
    mistakes: tuple[Mistake, ...]


# ----------------------------------------------------------------------------------------------
# small pure helpers


def gst_half(taxable: int, rate: int) -> int:
    """CGST (or SGST) in paise on ``taxable`` paise at ``rate`` percent GST: half the tax, rounded.

    >>> gst_half(10_000_00, 18)
    90000
    >>> gst_half(999, 18)
    90
    """
    return (taxable * rate + 100) // 200


def igst(taxable: int, rate: int) -> int:
    """IGST in paise: the whole tax, rounded to the paisa."""
    return (taxable * rate + 50) // 100


def working_day(rng: random.Random, year: int, month: int, first: int = 1, last: int = 31) -> dt.date:
    """A random day of the month between ``first`` and ``last`` that is not a Sunday."""
    last = min(last, calendar.monthrange(year, month)[1])
    while True:
        day = dt.date(year, month, rng.randint(first, last))
        if day.weekday() != calendar.SUNDAY:
            return day


def not_sunday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1) if day.weekday() == calendar.SUNDAY else day


def months() -> Iterator[tuple[int, int]]:
    """(year, month) of the financial year's twelve months."""
    for i in range(12):
        yield FY_START.year + (FY_START.month - 1 + i) // 12, (FY_START.month - 1 + i) % 12 + 1


def month_label(year: int, month: int) -> str:
    return f"{calendar.month_name[month]} {year}"


def rupees(paise: int) -> float:
    return paise / 100


def digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def neft_utr(rng: random.Random, bank: str, day: dt.date) -> str:
    return f"{bank}N5{day:%Y%m%d}{digits(rng, 8)}"


def upi_rrn(rng: random.Random, day: dt.date) -> str:
    return f"{day.year % 10}{day:%j}{digits(rng, 8)}"


# ----------------------------------------------------------------------------------------------
# the year's business, voucher by voucher


def sale(rng: random.Random, day: dt.date, invoice: str, customer: Party) -> Voucher:
    item = rng.choice(ITEMS)
    rate = rng.choices((18, 12, 5), weights=(7, 2, 1))[0]
    taxable = rng.randrange(8_000, 2_40_000) * 100 + rng.choice((0, 0, 0, 50, rng.randrange(100)))
    narration = f"Sale of {item} @{rate}% GST, inv {invoice}"
    who: Who = {"narration": narration, "party": customer.name, "reference": invoice}
    if customer.interstate:
        tax = [Line(chart.IGST_PAYABLE, credit=igst(taxable, rate), **who)]
        income = chart.SALES_INTERSTATE
    else:
        half = gst_half(taxable, rate)
        tax = [Line(chart.CGST_PAYABLE, credit=half, **who), Line(chart.SGST_PAYABLE, credit=half, **who)]
        income = chart.SALES_LOCAL
    total = taxable + sum(t.credit for t in tax)
    lines = [Line(customer.code, debit=total, **who), Line(income, credit=taxable, **who), *tax]
    return Voucher(day, "SV", lines)


def purchase(rng: random.Random, day: dt.date, bill: str, vendor: Party) -> Voucher:
    item = rng.choice(ITEMS)
    rate = rng.choices((18, 12, 5), weights=(7, 2, 1))[0]
    taxable = rng.randrange(40_000, 4_00_000) * 100 + rng.choice((0, 0, 50, rng.randrange(100)))
    narration = f"Purchase of {item} @{rate}% GST, bill {bill}"
    who: Who = {"narration": narration, "party": vendor.name, "reference": bill}
    if vendor.interstate:
        tax = [Line(chart.IGST_INPUT, debit=igst(taxable, rate), **who)]
        cost = chart.PURCHASES_INTERSTATE
    else:
        half = gst_half(taxable, rate)
        tax = [Line(chart.CGST_INPUT, debit=half, **who), Line(chart.SGST_INPUT, debit=half, **who)]
        cost = chart.PURCHASES_LOCAL
    total = taxable + sum(t.debit for t in tax)
    lines = [Line(cost, debit=taxable, **who), *tax, Line(vendor.code, credit=total, **who)]
    return Voucher(day, "PV", lines)


def receipt(
    rng: random.Random, day: dt.date, customer: Party, amount: int, *, against: str, mode: str
) -> Voucher:
    """Money from a customer into the bank by NEFT, UPI or cheque."""
    if mode == "NEFT":
        reference = neft_utr(rng, customer.bank, day)
        leg = BankLeg(f"NEFT-{reference}-{customer.bank_name}", reference)
    elif mode == "UPI":
        reference = upi_rrn(rng, day)
        leg = BankLeg(f"UPI/{reference}/{customer.bank_name}/{customer.vpa}", "")  # RRN only in the words
    else:
        reference = digits(rng, 6)
        text = rng.choice((f"CHQ DEP {reference}", f"BY CLG {reference} {customer.bank_name}"))
        leg = BankLeg(text, reference, lag_days=rng.randint(1, 3))
    who: Who = {"narration": f"Received from {customer.name} by {mode} against {against}",
           "party": customer.name, "reference": reference}
    lines = [Line(chart.BANK, debit=amount, **who), Line(customer.code, credit=amount, **who)]
    return Voucher(day, "RV", lines, leg)


def payment(
    rng: random.Random, day: dt.date, vendor: Party, amount: int, *, against: str, mode: str
) -> Voucher:
    """Money from the bank to a vendor by NEFT or by one of the firm's cheques."""
    if mode == "NEFT":
        reference = neft_utr(rng, "HDFC", day)
        leg = BankLeg(f"NEFT DR-{reference}-{vendor.bank_name}", reference)
    else:
        reference = CHEQUE
        leg = BankLeg(f"TO CLG {CHEQUE} {vendor.bank_name}", CHEQUE, lag_days=rng.randint(1, 3))
    how = "NEFT" if mode == "NEFT" else f"cheque {CHEQUE}"
    who: Who = {"narration": f"Paid to {vendor.name} by {how} against {against}",
           "party": vendor.name, "reference": reference}
    lines = [Line(vendor.code, debit=amount, **who), Line(chart.BANK, credit=amount, **who)]
    return Voucher(day, "BP", lines, leg)


def salaries(day: dt.date, gross: int, tds: int) -> Voucher:
    label = month_label(day.year, day.month)
    reference = f"SAL-{day:%b%y}".upper()
    narration = f"Salaries for {label}"
    lines = [
        Line(chart.SALARIES, debit=gross, narration=narration, reference=reference),
        Line(chart.TDS_ON_SALARY, credit=tds, narration=f"TDS u/s 192 on salaries, {label}",
             reference=reference),
        Line(chart.BANK, credit=gross - tds, narration=f"Net salaries paid, {label}", reference=reference),
    ]
    leg = BankLeg(f"BULK NEFT SALARY UPLOAD {day:%b%Y}".upper(), f"BLK{day:%y%m%d}0417")
    return Voucher(day, "BP", lines, leg)


def rent(day: dt.date) -> Voucher:
    label = month_label(day.year, day.month)
    reference = f"RENT-{day:%b%y}".upper()
    gross, tds = 60_000_00, 6_000_00
    lines = [
        Line(chart.RENT, debit=gross, narration=f"दुकान का किराया {label} (shop rent)"),
        Line(chart.TDS_ON_RENT, credit=tds, narration=f"TDS u/s 194-I on rent, {label}"),
        Line(chart.BANK, credit=gross - tds, narration=f"Rent paid to {LANDLORD}, {label}"),
    ]
    for line in lines:
        line.party, line.reference = LANDLORD, reference
    utr = f"HDFCN5{day:%Y%m%d}{day:%d%m}4521"
    leg = BankLeg(f"NEFT DR-{utr}-{LANDLORD.upper()}", utr)
    return Voucher(day, "BP", lines, leg)


def electricity(rng: random.Random, day: dt.date) -> Voucher:
    bill = f"MSEDCL-{digits(rng, 10)}"
    amount = rng.randrange(6_000_00, 14_000_00)
    narration = f"Electricity bill {month_label(day.year, day.month)}, consumer 170012345678"
    who: Who = {"narration": narration, "party": "MSEDCL", "reference": bill}
    lines = [Line(chart.ELECTRICITY, debit=amount, **who), Line(chart.BANK, credit=amount, **who)]
    leg = BankLeg(f"BILLPAY/MSEDCL/170012345678/{bill[7:]}", bill, lag_days=rng.randint(0, 1))
    return Voucher(day, "BP", lines, leg)


def telephone(rng: random.Random, day: dt.date) -> Voucher:
    rrn = upi_rrn(rng, day)
    taxable = 999_00
    half = gst_half(taxable, 18)
    narration = f"Broadband and phone bill {month_label(day.year, day.month)}"
    who: Who = {"narration": narration, "party": "Bharti Airtel", "reference": rrn}
    lines = [
        Line(chart.TELEPHONE, debit=taxable, **who),
        Line(chart.CGST_INPUT, debit=half, **who),
        Line(chart.SGST_INPUT, debit=half, **who),
        Line(chart.BANK, credit=taxable + 2 * half, **who),
    ]
    return Voucher(day, "BP", lines, BankLeg(f"UPI/{rrn}/BHARTI AIRTEL LTD/airtel@icici", ""))


def professional_fees(day: dt.date, quarter: str) -> Voucher:
    fee = 25_000_00
    half = gst_half(fee, 18)
    tds = fee // 10
    reference = f"MJ/{quarter}"
    narration = f"Accounting and GST return fees {quarter}"
    who: Who = {"narration": narration, "party": "M. Joshi & Associates", "reference": reference}
    lines = [
        Line(chart.PROFESSIONAL_FEES, debit=fee, **who),
        Line(chart.CGST_INPUT, debit=half, **who),
        Line(chart.SGST_INPUT, debit=half, **who),
        Line(chart.TDS_ON_PROFESSIONAL_FEES, credit=tds, **who),
        Line(chart.BANK, credit=fee + 2 * half - tds, **who),
    ]
    utr = f"HDFCN5{day:%Y%m%d}{day:%m%d}7788"
    leg = BankLeg(f"NEFT DR-{utr}-M JOSHI AND ASSOCIATES", utr)
    return Voucher(day, "BP", lines, leg)


def cash_withdrawal(day: dt.date, amount: int) -> Voucher:
    who: Who = {"narration": f"Cash withdrawn for office use, self cheque {CHEQUE}", "reference": CHEQUE}
    lines = [Line(chart.CASH, debit=amount, **who), Line(chart.BANK, credit=amount, **who)]
    return Voucher(day, "CV", lines, BankLeg(f"CASH WDL SELF CHQ {CHEQUE}", CHEQUE))


def drawings(day: dt.date) -> Voucher:
    reference = f"DRAW-{day:%b%y}".upper()
    who: Who = {"narration": f"Drawings by proprietor, {month_label(day.year, day.month)}",
           "party": OWNER, "reference": reference}
    lines = [Line(3200, debit=40_000_00, **who), Line(chart.BANK, credit=40_000_00, **who)]
    rrn = f"{day.year % 10}{day:%j}{day:%d%m}0040"
    return Voucher(day, "BP", lines, BankLeg(f"IMPS/{rrn}/{OWNER.upper()}/SELF", rrn))


def bank_charges(day: dt.date, quarter: str) -> Voucher:
    narration = f"Account maintenance charges {quarter} incl. GST"
    who: Who = {"narration": narration, "reference": f"AMC-{quarter}"}
    lines = [Line(chart.BANK_CHARGES, debit=590_00, **who), Line(chart.BANK, credit=590_00, **who)]
    return Voucher(day, "JV", lines, BankLeg(f"CHRG: ACCOUNT MAINTENANCE CHGS {quarter}", ""))


def petty_cash(rng: random.Random, day: dt.date) -> Voucher:
    account, what, low, high, shop = rng.choice(PETTY_CASH)
    amount = rng.randrange(low, high) * 100 + rng.choice((0, 0, 50))
    reference = f"CB-{digits(rng, 4)}" if shop else ""
    who: Who = {"narration": what, "party": shop, "reference": reference}
    lines = [Line(account, debit=amount, **who), Line(chart.CASH, credit=amount, **who)]
    return Voucher(day, "CP", lines)


def laptop(day: dt.date) -> Voucher:
    cost = 62_500_00
    half = gst_half(cost, 18)
    reference = "CR/PUN/25-26/10482"
    who: Who = {"narration": "Laptop for accounts (Dell Vostro)", "party": "Croma Retail",
                "reference": reference}
    lines = [
        Line(chart.COMPUTERS, debit=cost, **who),
        Line(chart.CGST_INPUT, debit=half, **who),
        Line(chart.SGST_INPUT, debit=half, **who),
        Line(chart.BANK, credit=cost + 2 * half, **who),
    ]
    utr = f"HDFCN5{day:%Y%m%d}55501234"
    leg = BankLeg(f"NEFT DR-{utr}-INFINITI RETAIL LTD", utr)
    return Voucher(day, "BP", lines, leg)


def gst_payment(day: dt.date, period: str, balances: dict[int, int]) -> Voucher:
    """Set off the period's output tax against input credit and pay the rest from the bank."""
    reference = f"CPIN-{day:%y%m}270{day:%d}4412"
    narration = f"GST for {period}: output tax set off against input credit, balance paid"
    lines = [
        Line(code, debit=amount, narration=narration, reference=reference)
        if amount > 0
        else Line(code, credit=-amount, narration=narration, reference=reference)
        for code, amount in balances.items()
        if amount
    ]
    net = sum(line.debit - line.credit for line in lines)
    lines.append(Line(chart.BANK, credit=net, narration=narration, reference=reference))
    return Voucher(day, "BP", lines, BankLeg(f"GST PMT CPIN {reference[5:]} GSTN", reference))


def tds_deposit(day: dt.date, period: str, balances: dict[int, int]) -> Voucher:
    reference = f"CHLN-0510308-{day:%d%m%y}-{day.month:03d}"
    narration = f"TDS deposited for {period} (challan 281)"
    lines = [
        Line(code, debit=amount, narration=narration, reference=reference)
        for code, amount in balances.items()
        if amount
    ]
    total = sum(line.debit for line in lines)
    lines.append(Line(chart.BANK, credit=total, narration=narration, reference=reference))
    return Voucher(day, "BP", lines, BankLeg(f"ITD TAX PMT {reference[5:]}", reference))


# ----------------------------------------------------------------------------------------------
# the planted mistakes and the valid-but-oddly-typed cells


def planted_mistake_vouchers() -> list[Voucher]:
    """About ten honest mistakes, each in a small voucher of its own, away from the bank account."""
    cash = chart.CASH
    v = Rule
    return [
        # digits transposed: 2,450 on the debit, 2,540 on the credit
        Voucher(dt.date(2025, 8, 14), "CP", [
            Line(chart.OFFICE_EXPENSES, debit=2_450_00, narration="Water cooler servicing",
                 party="Cool Care Services", reference="CCS-311",
                 mistakes=((v.UNBALANCED_VOUCHER, "Voucher"),)),
            Line(cash, credit=2_540_00, narration="Water cooler servicing", party="Cool Care Services",
                 reference="CCS-311"),
        ]),
        # 5930 typed for 5390 (Office Expenses)
        Voucher(dt.date(2025, 9, 9), "CP", [
            Line(UNKNOWN_ACCOUNT, debit=1_180_00, narration="Diwali diyas and decoration for shop",
                 party="Kirana Bhandar", mistakes=((v.UNKNOWN_ACCOUNT, "Account"),)),
            Line(cash, credit=1_180_00, narration="Diwali diyas and decoration for shop",
                 party="Kirana Bhandar"),
        ]),
        # the amount typed in both columns of the cash line
        Voucher(dt.date(2025, 10, 22), "CP", [
            Line(chart.TRAVELLING, debit=850_00, narration="Auto fare to GST office and back",
                 mistakes=((v.UNBALANCED_VOUCHER, "Voucher"),)),
            Line(cash, debit=850_00, credit=850_00, narration="Auto fare to GST office and back",
                 mistakes=((v.DEBIT_AND_CREDIT, "Debit"),)),
        ]),
        # a cash refund entered as a negative expense, cash still credited
        Voucher(dt.date(2025, 11, 17), "CP", [
            Line(chart.PRINTING_STATIONERY, debit=-320_00, narration="Refund for returned toner cartridge",
                 party="Om Xerox",
                 mistakes=((v.UNBALANCED_VOUCHER, "Voucher"), (v.NEGATIVE_AMOUNT, "Debit"))),
            Line(cash, credit=320_00, narration="Refund for returned toner cartridge", party="Om Xerox"),
        ]),
        # an extra digit: 1,250.055 typed for 1,250.55
        Voucher(dt.date(2025, 12, 5), "CP", [
            Line(chart.PRINTING_STATIONERY, debit=1_250_55, narration="Printer paper, 5 reams",
                 party="Om Xerox", cells={"Debit": 1250.055},
                 mistakes=((v.UNBALANCED_VOUCHER, "Voucher"), (v.TOO_MANY_DECIMALS, "Debit"))),
            Line(cash, credit=1_250_55, narration="Printer paper, 5 reams", party="Om Xerox"),
        ]),
        # month typed as 04 for 03: 03/04/2026 is in the next financial year
        Voucher(dt.date(2026, 3, 3), "CP", [
            Line(chart.TRAVELLING, debit=2_300_00, narration="Train tickets Pune-Mumbai for sales visit",
                 cells={"Date": dt.date(2026, 4, 3)},
                 mistakes=((v.OUTSIDE_FINANCIAL_YEAR, "Date"),)),
            Line(cash, credit=2_300_00, narration="Train tickets Pune-Mumbai for sales visit",
                 mistakes=((v.VOUCHER_DATES_DIFFER, "Date"),)),
        ]),
        # year typed as 2025 for 2026 on one line: last year's books are closed (Lock Date 31/03/2025)
        Voucher(dt.date(2026, 3, 28), "CP", [
            Line(chart.OFFICE_EXPENSES, debit=4_720_00, narration="Pest control for godown, March",
                 party="Shield Pest Control", reference="SPC-0326", cells={"Date": dt.date(2025, 3, 28)},
                 mistakes=((v.OUTSIDE_FINANCIAL_YEAR, "Date"), (v.LOCKED_PERIOD, "Date"))),
            Line(cash, credit=4_720_00, narration="Pest control for godown, March",
                 party="Shield Pest Control", reference="SPC-0326",
                 mistakes=((v.VOUCHER_DATES_DIFFER, "Date"),)),
        ]),
        # the same line pasted twice; the credit was then corrected to the doubled total
        Voucher(dt.date(2025, 7, 8), "CP", [
            Line(chart.PRINTING_STATIONERY, debit=500_00, narration="Register books for godown",
                 party="Om Xerox", reference="OX-2207"),
            Line(chart.PRINTING_STATIONERY, debit=500_00, narration="Register books for godown",
                 party="Om Xerox", reference="OX-2207", mistakes=((v.DUPLICATE_LINE, "Voucher"),)),
            Line(cash, credit=1_000_00, narration="Register books for godown", party="Om Xerox",
                 reference="OX-2207"),
        ]),
        # no narration on any line of the voucher (reported at its first line)
        Voucher(dt.date(2026, 2, 19), "CP", [
            Line(chart.OFFICE_EXPENSES, debit=640_00, mistakes=((v.MISSING_NARRATION, "Narration"),)),
            Line(cash, credit=640_00),
        ]),
        # rent for the old godown, an account closed (Active = No)
        Voucher(dt.date(2026, 1, 24), "CP", [
            Line(GODOWN_RENT_OLD.code, debit=18_000_00,
                 narration="Final rent for old godown, settled in cash", party="Vinod Shinde",
                 mistakes=((v.INACTIVE_ACCOUNT, "Account"),)),
            Line(cash, credit=18_000_00, narration="Final rent for old godown, settled in cash",
                 party="Vinod Shinde"),
        ]),
    ]


def oddly_typed_vouchers(rng: random.Random) -> list[Voucher]:
    """Valid cells typed as users type them: amounts and dates as text. Not mistakes."""
    ravi, sharma = CUSTOMERS[0], CUSTOMERS[2]
    on_account = receipt(rng, dt.date(2025, 9, 18), ravi, 1_00_000_50, against="on account", mode="NEFT")
    on_account.lines[0].cells["Debit"] = "1,00,000.50"
    lakh = receipt(rng, dt.date(2026, 1, 12), sharma, 12_500_00, against="on account", mode="UPI")
    lakh.lines[1].cells["Credit"] = "12,500"
    stationery_rrn = upi_rrn(rng, dt.date(2025, 10, 14))
    who: Who = {"narration": "Visiting cards and letterheads", "party": "Om Xerox",
                "reference": stationery_rrn}
    stationery = Voucher(dt.date(2025, 10, 14), "BP", [
        Line(chart.PRINTING_STATIONERY, debit=1_200_00, cells={"Debit": "₹ 1,200"}, **who),
        Line(chart.BANK, credit=1_200_00, **who),
    ], BankLeg(f"UPI/{stationery_rrn}/OM XEROX/omxerox@okaxis", ""))
    typed_dates = []
    for day in (dt.date(2025, 8, 5), dt.date(2025, 9, 11), dt.date(2025, 10, 3)):
        voucher = petty_cash(rng, day)
        for line in voucher.lines:
            line.cells["Date"] = f"{day:%d/%m/%Y}"
        typed_dates.append(voucher)
    return [on_account, lakh, stationery, *typed_dates]


# ----------------------------------------------------------------------------------------------
# the year


def trading_vouchers(rng: random.Random) -> list[Voucher]:
    """Sales, purchases and the money that follows them, plus opening balances settled."""
    vouchers: list[Voucher] = []
    sale_days = sorted(working_day(rng, y, m) for y, m in months() for _ in range(28))
    for number, day in enumerate(sale_days, start=1):
        customer = rng.choices(CUSTOMERS, weights=(6, 3, 5, 2, 4, 2, 3, 2))[0]
        invoice = f"SGT/25-26/{number:04d}"
        voucher = sale(rng, day, invoice, customer)
        vouchers.append(voucher)
        paid = day + dt.timedelta(days=rng.randint(7, 45))
        if paid <= dt.date(2026, 3, 27):
            total = voucher.lines[0].debit
            mode = rng.choices(("NEFT", "UPI", "Cheque"), weights=(5, 2 if total <= 1_00_000_00 else 0, 3))[0]
            vouchers.append(receipt(rng, not_sunday(paid), customer, total, against=invoice, mode=mode))
    purchase_days = sorted(working_day(rng, y, m) for y, m in months() for _ in range(12))
    for day in purchase_days:
        vendor = rng.choices(VENDORS, weights=(5, 2, 4, 2, 2, 3))[0]
        bill = f"{''.join(w[0] for w in vendor.name.split())}/{rng.randrange(1000, 9999)}"
        voucher = purchase(rng, day, bill, vendor)
        vouchers.append(voucher)
        paid = day + dt.timedelta(days=rng.randint(10, 45))
        if paid <= dt.date(2026, 3, 25):
            mode = rng.choice(("NEFT", "NEFT", "NEFT", "Cheque", "Cheque"))
            amount = voucher.lines[-1].credit
            vouchers.append(payment(rng, not_sunday(paid), vendor, amount, against=bill, mode=mode))
    for i, customer in enumerate(c for c in CUSTOMERS if c.opening):
        day = working_day(rng, 2025, 4, 3 + 4 * i, 6 + 4 * i)
        vouchers.append(receipt(rng, day, customer, customer.opening, against="opening balance", mode="NEFT"))
    for i, vendor in enumerate(v for v in VENDORS if v.opening):
        day = working_day(rng, 2025, 4, 8 + 5 * i, 11 + 5 * i)
        vouchers.append(payment(rng, day, vendor, -vendor.opening, against="opening balance", mode="Cheque"))
    return vouchers


def year_end_items(rng: random.Random) -> list[Voucher]:
    """Two cheques issued but not presented by 31 March and a deposit the bank has not credited."""
    bharat, agarwal, mehta = VENDORS[0], VENDORS[2], CUSTOMERS[4]
    first = payment(rng, dt.date(2026, 3, 27), bharat, 1_18_000_00, against="on account", mode="Cheque")
    second = payment(rng, dt.date(2026, 3, 30), agarwal, 64_250_00, against="on account", mode="Cheque")
    deposit = receipt(rng, dt.date(2026, 3, 31), mehta, 87_615_00, against="on account", mode="Cheque")
    for voucher in (first, second, deposit):
        assert voucher.bank is not None
        voucher.bank = replace(voucher.bank, presented=False)
    return [first, second, deposit]


def overheads(rng: random.Random) -> list[Voucher]:
    vouchers: list[Voucher] = []
    gross = 3_62_000_00
    for year, month in months():
        if (year, month) == (2025, 10):
            gross = 3_80_000_00  # increments from October
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        vouchers.append(salaries(not_sunday(last), gross, gross * 45 // 1000 // 100 * 100))
        vouchers.append(rent(not_sunday(dt.date(year, month, 5))))
        vouchers.append(electricity(rng, working_day(rng, year, month, 10, 14)))
        vouchers.append(telephone(rng, working_day(rng, year, month, 6, 9)))
        vouchers.append(drawings(working_day(rng, year, month, 20, 24)))
        for first, last_day in ((2, 4), (16, 19)):
            amount = rng.choice((10_000_00, 15_000_00, 20_000_00))
            vouchers.append(cash_withdrawal(working_day(rng, year, month, first, last_day), amount))
        vouchers.extend(petty_cash(rng, working_day(rng, year, month)) for _ in range(9))
        if month in (6, 9, 12, 3):
            quarter = f"Q{(month - 3) // 3 % 4 or 4}FY26"
            vouchers.append(professional_fees(working_day(rng, year, month, 24, 28), quarter))
            if month != 3:
                vouchers.append(bank_charges(last, quarter))
    vouchers.append(laptop(dt.date(2025, 8, 21)))
    return vouchers


CLOSING_STOCK = 14_36_250_00  # paise: stock in trade counted on 31 March 2026 (opening 12,50,000)
DEPRECIATION = (  # (asset account, written-down value, rate %): Income-tax Act rates, full year
    (chart.FURNITURE, 2_40_000_00, 10),
    (chart.COMPUTERS, 1_77_500_00, 40),  # 1,15,000 brought forward and the laptop of August
)


def year_end_adjustments(opening_stock: int) -> list[Voucher]:
    """31 March: depreciation for the year and the closing stock brought into the books (no cash)."""
    year_end = FY_END
    parts = [(code, value * rate // 100) for code, value, rate in DEPRECIATION]
    total = sum(amount for _, amount in parts)
    words = "; ".join(f"{'furniture' if code == chart.FURNITURE else 'computers'} {format_inr(amount)}"
                      for code, amount in parts)  # fmt: skip
    narration = f"Depreciation for 2025-26 on written-down value ({words})"
    depreciation = Voucher(year_end, "JV", [
        Line(chart.DEPRECIATION, debit=total, narration=narration, reference="DEP-2526"),
        Line(chart.ACCUMULATED_DEPRECIATION, credit=total, narration=narration, reference="DEP-2526"),
    ])  # fmt: skip
    increase = CLOSING_STOCK - opening_stock
    narration = (f"Closing stock {format_inr(CLOSING_STOCK)} as counted on 31/03/2026 "
                 f"(opening {format_inr(opening_stock)})")  # fmt: skip
    stock = Voucher(year_end, "JV", [
        Line(chart.STOCK_IN_TRADE, debit=increase, narration=narration, reference="STK-2526"),
        Line(chart.CHANGES_IN_STOCK, credit=increase, narration=narration, reference="STK-2526"),
    ])  # fmt: skip
    return [depreciation, stock]


def monthly_dues(vouchers: Iterable[Voucher]) -> list[Voucher]:
    """GST (by the 20th) and TDS (by the 7th) of each month, paid the next month, April to February."""
    gst_codes = (chart.CGST_PAYABLE, chart.SGST_PAYABLE, chart.IGST_PAYABLE,
                 chart.CGST_INPUT, chart.SGST_INPUT, chart.IGST_INPUT)
    tds_codes = (chart.TDS_ON_SALARY, chart.TDS_ON_RENT, chart.TDS_ON_PROFESSIONAL_FEES)
    by_month: dict[tuple[int, int], dict[int, int]] = {}
    for voucher in vouchers:
        moved = by_month.setdefault((voucher.date.year, voucher.date.month), {})
        for line in voucher.lines:
            if line.account in gst_codes or line.account in tds_codes:
                moved[line.account] = moved.get(line.account, 0) + line.credit - line.debit
    dues: list[Voucher] = []
    carried = dict.fromkeys(gst_codes, 0)
    for year, month in list(months())[:-1]:
        moved = by_month.get((year, month), {})
        nxt_year, nxt_month = (year + 1, 1) if month == 12 else (year, month + 1)
        period = month_label(year, month)
        tds = {code: moved.get(code, 0) for code in tds_codes}
        dues.append(tds_deposit(not_sunday(dt.date(nxt_year, nxt_month, 7)), period, tds))
        for code in gst_codes:
            carried[code] += moved.get(code, 0)
        if sum(carried.values()) > 0:
            dues.append(gst_payment(not_sunday(dt.date(nxt_year, nxt_month, 20)), period, carried))
            carried = dict.fromkeys(gst_codes, 0)
    return dues


def number_vouchers(vouchers: list[Voucher]) -> list[Voucher]:
    """Order by date, then number each series and the firm's cheques in order."""
    ordered = sorted(vouchers, key=lambda v: v.date)
    counters: dict[str, int] = {}
    cheque = FIRST_CHEQUE
    for voucher in ordered:
        counters[voucher.series] = counters.get(voucher.series, 0) + 1
        voucher.number = f"{voucher.series}-{counters[voucher.series]:04d}"
        if voucher.bank is not None and CHEQUE in voucher.bank.reference:
            text = f"{cheque:06d}"
            cheque += 1
            voucher.bank = replace(voucher.bank, description=voucher.bank.description.replace(CHEQUE, text),
                                   reference=text)
            for line in voucher.lines:
                line.narration = line.narration.replace(CHEQUE, text)
                line.reference = line.reference.replace(CHEQUE, text)
    return ordered


def demo_vouchers(seed: int = SEED) -> list[Voucher]:
    """The demo year's vouchers in journal order, numbered."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    vouchers = trading_vouchers(rng) + overheads(rng) + year_end_items(rng) + oddly_typed_vouchers(rng)
    vouchers += monthly_dues(vouchers)
    vouchers += year_end_adjustments(STOCK_OPENING)
    return number_vouchers(vouchers + planted_mistake_vouchers())


# ----------------------------------------------------------------------------------------------
# cells


def journal_rows(vouchers: Iterable[Voucher]) -> list[JournalRow]:
    """The Journal table's data rows, as a user would have typed them."""
    rows: list[JournalRow] = []
    for voucher in vouchers:
        for line in voucher.lines:
            typed: dict[str, Cell] = {
                "Date": voucher.date,
                "Voucher": voucher.number,
                "Account": line.account,
                "Debit": rupees(line.debit) if line.debit else None,
                "Credit": rupees(line.credit) if line.credit else None,
                "Narration": line.narration or None,
                "Party": line.party or None,
                "Reference": line.reference or None,
            }
            typed.update(line.cells)
            rows.append(tuple(typed[c] for c in JOURNAL_COLUMNS))  # type: ignore[arg-type]
    return rows


JOURNAL_COLUMNS = tuple(c.en for c in JOURNAL.columns if not c.owned)


def planted_mistakes(vouchers: Iterable[Voucher], sheet: str = JOURNAL.sheet) -> tuple[Mistake, ...]:
    """(rule, sheet, cell) of every planted mistake, in journal order."""
    found: list[Mistake] = []
    row = 1
    for voucher in vouchers:
        for line in voucher.lines:
            row += 1
            for rule, column in line.mistakes:
                letter = column_letter(JOURNAL_COLUMNS.index(column) + 1)
                found.append((rule.value, sheet, f"{letter}{row}"))
    return tuple(found)


def bank_statement(vouchers: Iterable[Voucher], opening: int = BANK_OPENING) -> list[StatementRow]:
    """The bank account as the bank shows it: its own dates and words, plus lines not in the books."""
    entries: list[tuple[dt.date, int, str, str, int]] = []  # date, order, description, reference, +/-
    for order, voucher in enumerate(vouchers):
        if voucher.bank is None or not voucher.bank.presented:
            continue
        moved = sum(line.debit - line.credit for line in voucher.lines if line.account == chart.BANK)
        day = min(voucher.date + dt.timedelta(days=voucher.bank.lag_days), FY_END)
        entries.append((day, order, voucher.bank.description, voucher.bank.reference, moved))
    bank_only = (
        (dt.date(2025, 12, 31), "SMS ALERT CHGS OCT-DEC 25 INCL GST", "SMSQ3FY26", -17_70),
        (dt.date(2026, 3, 31), "CHRG: NEFT/RTGS TXN CHGS FY25-26", "NEFTCHG2526", -236_00),
        (dt.date(2026, 3, 31), "INT.PD:SWEEP FD 50300112233445", "SWEEP2526", 1_842_00),
    )
    entries += [(day, 10**9 + i, text, ref, amount) for i, (day, text, ref, amount) in enumerate(bank_only)]
    rows: list[StatementRow] = []
    balance = opening
    for day, _, text, reference, amount in sorted(entries):
        balance += amount
        withdrawal = rupees(-amount) if amount < 0 else None
        deposit = rupees(amount) if amount > 0 else None
        rows.append((day, text, reference, withdrawal, deposit, rupees(balance)))
    return rows


def demo_accounts() -> tuple[Account, ...]:
    """The template's chart with the firm's parties, the closed godown account and opening balances."""
    openings = {
        chart.CASH: 35_000_00,
        chart.BANK: BANK_OPENING,
        chart.STOCK_IN_TRADE: STOCK_OPENING,
        chart.SECURITY_DEPOSITS: 1_80_000_00,
        chart.FURNITURE: 2_40_000_00,
        chart.COMPUTERS: 1_15_000_00,
        chart.UNSECURED_LOANS: -5_00_000_00,
    }
    parties = [
        Account(p.code, p.name, "Asset", chart.SUNDRY_DEBTORS, p.opening, gstin=p.gstin) for p in CUSTOMERS
    ] + [
        Account(p.code, p.name, "Liability", chart.SUNDRY_CREDITORS, p.opening, gstin=p.gstin)
        for p in VENDORS
    ]
    accounts: list[Account] = []
    for account in CHART_OF_ACCOUNTS:
        accounts.append(account.with_opening(openings.get(account.code, 0)))
        accounts.extend(p for p in parties if p.parent == account.code)
        if account.code == chart.RENT:
            accounts.append(GODOWN_RENT_OLD)
    capital = -sum(a.opening for a in accounts)
    return tuple(a.with_opening(capital) if a.code == chart.CAPITAL else a for a in accounts)


@cache
def demo_book(seed: int = SEED) -> DemoBook:
    """The whole demo, generated once per seed."""
    vouchers = demo_vouchers(seed)
    return DemoBook(
        accounts=demo_accounts(),
        vouchers=tuple(vouchers),
        journal=tuple(journal_rows(vouchers)),
        statement=tuple(bank_statement(vouchers)),
        mistakes=planted_mistakes(vouchers),
    )


def demo_journal_rows(seed: int = SEED) -> list[JournalRow]:
    """The demo's Journal rows as typed (date, voucher, account, debit, credit, narration, ...)."""
    return list(demo_book(seed).journal)
