"""The trading demo: Shree Ganesh Traders' 2025-26 kept as invoices, bills, receipts and payments.

The same firm as :mod:`workbook_templates.demo`, but its trade lives in the trade tables: Parties,
Items (with the 22 September 2025 rate change for cement and drip irrigation kits in GSTRates), about
340 sales invoices of one to four lines, credit notes, 150 vendors' bills (inter-state with IGST, a
transporter's freight under reverse charge with TDS u/s 194C), and the receipts and payments that
settle them bill by bill. The Journal holds what is no invoice or bill — salaries, rent, electricity,
drawings, petty cash, the GST and TDS deposits — and one manual entry. ``bahi post`` turns the trade
tables into vouchers; after it the trial balance, the sub-ledger and the bank statement agree.

The GST deposited each month is computed from the vouchers posting makes
(:func:`addin.engine.trade.book.post_trade`), so the books are consistent by construction; tests
check the tax against hand-worked cases independently.

Planted mistakes (:data:`MISTAKES`), each found by a test that names it: a duplicate invoice number,
a GSTIN with a wrong check character, a wrong place of supply, an HSN code of 5 digits, a credit note
against an invoice that does not exist, a vendor's bill entered twice, an MSME supplier's bill unpaid
past 45 days, and a manual journal entry recording a bill that is also in Purchases.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np
import numpy.typing as npt

from addin.engine.cells import column_letter
from addin.engine.load import load_ledger
from addin.engine.rules import Rule
from addin.engine.schema import (
    ACCOUNTS,
    GST_RATES,
    ITEMS,
    JOURNAL,
    PARTIES,
    PAYMENTS,
    PURCHASES,
    RECEIPTS,
    SALES,
    SETTINGS,
    TDS_SECTIONS,
    TRADE_SETTING_ROWS,
    TableSpec,
)
from addin.engine.tables import RawTable
from addin.engine.trade.book import post_trade, validate_trade
from addin.engine.trade.tax import document_value, line_taxable, line_taxes
from workbook_templates import chart
from workbook_templates import demo as gl
from workbook_templates.chart import Account

SEED = 2526
COMPANY, COMPANY_GSTIN, COMPANY_STATE = gl.COMPANY, gl.COMPANY_GSTIN, gl.COMPANY_STATE
RATE_CHANGE = dt.date(2025, 9, 22)
LAST_RECEIPT, LAST_PAYMENT = dt.date(2026, 3, 27), dt.date(2026, 3, 25)

ROUND_OFF = 5395
TDS_CONTRACTORS = 2134
TDS_GOODS = 2135
BALAJI = 2117
TRADING_EXTRA_ACCOUNTS: tuple[Account, ...] = (
    Account(TDS_CONTRACTORS, "TDS Payable - Contractors (194C)", "Liability", 2130),
    Account(TDS_GOODS, "TDS Payable - Purchase of Goods (194Q)", "Liability", 2130),
    Account(ROUND_OFF, "Round Off", "Expense", 5300),
)
"""Accounts the trading template adds to the general ledger's chart (posting and TDS need them)."""

Cell = str | int | float | dt.date | None
Row = tuple[Cell, ...]
Mistake = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    name: str
    hsn: str
    unit: str
    rate: int  # percent, today's
    price: int  # selling price per unit, paise
    qty: tuple[int, int]  # a line's quantity range, whole units
    before: int | None = None  # percent until 21/09/2025, for the items whose rate changed
    purchase_account: int | None = None


ITEMS_SOLD: tuple[Item, ...] = (
    Item("PIPE-GI", "GI pipes (1 inch)", "7306", "MTR", 18, 420_00, (20, 300)),
    Item("COND-PVC", "PVC conduits (25 mm)", "3917", "MTR", 18, 38_00, (100, 1500)),
    Item("WIRE-CU", "Copper wire (2.5 sq mm)", "7408", "KGS", 18, 780_00, (10, 120)),
    Item("MCB", "MCB switches (32 A)", "8536", "NOS", 18, 245_00, (20, 400)),
    Item("PAINT-EM", "Emulsion paint", "3209", "LTR", 18, 310_00, (20, 250)),
    Item("FAST-ST", "Steel fasteners", "7318", "KGS", 18, 165_00, (10, 200)),
    Item("LED-BAT", "LED battens (20 W)", "9405", "NOS", 18, 360_00, (10, 200)),
    Item("FAN-CLG", "Ceiling fans", "8414", "NOS", 18, 2150_00, (5, 60)),
    Item("CEMENT", "Cement (50 kg bag)", "2523", "BAG", 18, 385_00, (20, 400), before=28),
    Item("DRIP-KIT", "Drip irrigation kit", "8424", "SET", 5, 6800_00, (1, 20), before=12),
)
FREIGHT = Item(
    "FREIGHT",
    "Goods transport by road (GTA)",
    "996511",
    "NOS",
    5,
    0,
    (1, 1),
    purchase_account=chart.FREIGHT_INWARD,
)
PLANTED_HSN = ("MCB", "85365")  # a digit too many: 8536 (or 853650)
ALL_ITEMS = (*ITEMS_SOLD, FREIGHT)


@dataclass(frozen=True, slots=True)
class TradeParty:
    code: str
    base: gl.Party
    kind: str
    credit_days: int
    msme: bool = False
    tds: str = ""
    gstin: str | None = None  # as typed, when it differs from the right one
    state: str = ""  # the State column as typed

    @property
    def name(self) -> str:
        return self.base.name


def _parties() -> tuple[TradeParty, ...]:
    customers = [
        TradeParty(f"C{i:02d}", p, "Customer", (30, 45, 30, 60, 30, 45, 30, 30)[i - 1])
        for i, p in enumerate(gl.CUSTOMERS, start=1)
    ]
    iyer = customers[7]
    customers[7] = replace(
        iyer, gstin=iyer.base.gstin[:-1] + ("X" if iyer.base.gstin[-1] != "X" else "Y"), state=iyer.base.state
    )  # planted: the check character mistyped
    vendors = [
        TradeParty(f"V{i:02d}", p, "Vendor", (30, 45, 30, 30, 60, 45)[i - 1], msme=i in (4, 6))
        for i, p in enumerate(gl.VENDORS, start=1)
    ]
    balaji = gl.Party(BALAJI, "Shri Balaji Roadways", "27", "AAKFB3307M", "BKID")
    vendors.append(TradeParty("V07", balaji, "Vendor", 15, tds="194C"))
    cash = gl.Party(0, "Cash Sales (walk-in)", "27", "", "")
    customers.append(TradeParty("C09", cash, "Customer", 0, state="27"))
    return (*customers, *vendors)


PARTY_LIST: tuple[TradeParty, ...] = _parties()
PARTY = {p.code: p for p in PARTY_LIST}


@dataclass(slots=True)
class Line:
    item: Item
    qty: int  # hundredths
    price: int
    discount: int = 0
    typed_taxable: bool = False
    typed_rate: bool = False

    @property
    def taxable(self) -> int:
        return int(line_taxable(_a(self.qty), _a(self.price), _a(self.discount))[0])


@dataclass(slots=True)
class Document:
    kind: str  # Invoice, Credit Note, Bill
    number: str
    date: dt.date
    party: TradeParty
    lines: list[Line]
    place: str = ""  # typed Place of Supply ("" = the default)
    reverse_charge: bool = False
    against: str = ""
    mistake: tuple[Rule, str] | None = None  # (rule, column) planted on the first line
    rate_day: dt.date | None = None  # a note is taxed at the rate of its invoice's date

    def rate_of(self, item: Item) -> int:
        day = self.rate_day or self.date
        return item.before if item.before is not None and day < RATE_CHANGE else item.rate

    @property
    def value(self) -> int:
        """The document's value, rounded to the rupee, as Bahi computes it (what is received or paid)."""
        supplier = COMPANY_STATE if self.kind != "Bill" else self.party.base.state
        place = (
            self.place[:2]
            if self.place
            else (self.party.base.state if self.kind != "Bill" else COMPANY_STATE)
        )
        taxable = _a(*[line.taxable for line in self.lines])
        rates = _a(*[self.rate_of(line.item) * 100 for line in self.lines])
        intra = supplier == place
        igst, cgst, sgst = line_taxes(taxable, rates, np.full(len(self.lines), intra))
        value, _ = document_value(
            _a(int(taxable.sum())), _a(int((igst + cgst + sgst).sum())), _a(self.reverse_charge).astype(bool)
        )
        return int(value[0])


def _a(*values: int) -> npt.NDArray[np.int64]:
    return np.array(values, dtype=np.int64)


@dataclass(slots=True)
class Money:
    """A receipt or payment row, with the voucher whose bank leg the statement shows."""

    number: str
    date: dt.date
    party: TradeParty
    amount: int
    against: str
    voucher: gl.Voucher | None  # None for cash
    account: int | None = None
    tds: int | None = None
    typed_amount: str | None = None


@dataclass(frozen=True)
class TradingDemo:
    accounts: tuple[Account, ...]
    parties: tuple[Row, ...]
    items: tuple[Row, ...]
    gst_rates: tuple[Row, ...]
    sales: tuple[Row, ...]
    purchases: tuple[Row, ...]
    receipts: tuple[Row, ...]
    payments: tuple[Row, ...]
    journal: tuple[Row, ...]
    statement: tuple[Row, ...]
    mistakes: tuple[Mistake, ...]
    settings: dict[str, object] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------
# documents


def _line(rng: random.Random, item: Item, factor: float = 1.0) -> Line:
    qty = rng.randint(*item.qty) * 100
    if item.unit in ("KGS", "MTR", "LTR") and rng.random() < 0.3:
        qty += rng.choice((25, 50, 75))
    price = int(item.price * factor) // 100 * 100 + rng.choice((0, 0, 0, 50))
    discount = 0
    if rng.random() < 0.15:
        gross = int(line_taxable(_a(qty), _a(price), _a(0))[0])
        discount = gross * rng.choice((2, 5)) // 100 // 100 * 100
    return Line(item, qty, price, discount, typed_taxable=rng.random() < 0.2, typed_rate=rng.random() < 0.3)


def sales_invoices(rng: random.Random) -> list[Document]:
    customers = [p for p in PARTY_LIST if p.kind == "Customer" and p.code != "C09"]
    days = sorted(gl.working_day(rng, y, m) for y, m in gl.months() for _ in range(28))
    documents = []
    for number, day in enumerate(days, start=1):
        if number % 17 == 0:
            party, lines = PARTY["C09"], [_line(rng, rng.choice(ITEMS_SOLD[:8]), 1.0)]
            lines[0].qty = min(lines[0].qty, 1000)
        else:
            party = rng.choices(customers, weights=(6, 3, 5, 2, 4, 2, 3, 2))[0]
            items = rng.sample(ITEMS_SOLD, rng.choice((1, 1, 2, 2, 3, 4)))
            lines = [_line(rng, item) for item in items]
        documents.append(Document("Invoice", f"SGT/25-26/{number:04d}", day, party, lines))
    # planted: a Karnataka customer's invoice typed with Maharashtra as the place of supply
    lakshmi = next(d for d in documents if d.party.code == "C04" and d.date.month == 7)
    lakshmi.place = "27-Maharashtra"
    lakshmi.mistake = (Rule.PLACE_OF_SUPPLY_MISMATCH, "Place of Supply")
    # planted: an extra invoice numbered with a number used a month earlier
    earlier = next(d for d in documents if d.date >= dt.date(2025, 10, 14))
    repeat = Document(
        "Invoice",
        earlier.number,
        dt.date(2025, 11, 15),
        PARTY["C03"],
        [_line(rng, ITEMS_SOLD[5])],
        mistake=(Rule.DUPLICATE_INVOICE_NUMBER, "Number"),
    )
    documents.append(repeat)
    return sorted(documents, key=lambda d: d.date)


def credit_notes(rng: random.Random, invoices: Sequence[Document]) -> list[Document]:
    """Goods returned: a part of one line of a few invoices; and one note against a mistyped invoice."""
    chosen = sorted(
        rng.sample(
            [
                d
                for d in invoices
                if d.party.code != "C09" and d.mistake is None and d.date < dt.date(2026, 2, 1)
            ],
            6,
        ),
        key=lambda d: d.date,
    )
    notes = []
    for number, invoice in enumerate(chosen, start=1):
        line = invoice.lines[0]
        back = replace(
            line, qty=max(100, line.qty // 10 // 100 * 100), discount=0, typed_taxable=False, typed_rate=False
        )
        day = invoice.date + dt.timedelta(days=rng.randint(3, 12))
        notes.append(
            Document(
                "Credit Note",
                f"CN/25-26/{number:03d}",
                day,
                invoice.party,
                [back],
                place=invoice.place,
                against=invoice.number,
                rate_day=invoice.date,
            )
        )
    base = next(d for d in invoices if d.number == "SGT/25-26/0217")
    typo = Document(
        "Credit Note",
        f"CN/25-26/{len(notes) + 1:03d}",
        base.date + dt.timedelta(days=9),
        base.party,
        [replace(base.lines[0], qty=100, discount=0)],
        against="SGT/25-26/2017",
        mistake=(Rule.NOTE_WITHOUT_INVOICE, "Against"),
    )
    return sorted([*notes, typo], key=lambda d: d.date)


def vendor_bills(rng: random.Random) -> list[Document]:
    vendors = [p for p in PARTY_LIST if p.kind == "Vendor" and p.code != "V07"]
    days = sorted(gl.working_day(rng, y, m) for y, m in gl.months() for _ in range(12))
    serial: dict[str, int] = {}
    bills = []
    for day in days:
        vendor = rng.choices(vendors, weights=(5, 2, 4, 2, 2, 3))[0]
        prefix = "".join(w[0] for w in vendor.name.split())
        serial[vendor.code] = serial.get(vendor.code, rng.randrange(1000, 5000)) + rng.randint(1, 40)
        items = rng.sample(ITEMS_SOLD, rng.choice((1, 1, 2, 3)))
        lines = [_line(rng, item, 0.8) for item in items]
        for line in lines:
            line.qty = line.qty * 3
        bills.append(Document("Bill", f"{prefix}/{serial[vendor.code]}", day, vendor, lines))
    balaji = PARTY["V07"]
    for i, (year, month) in enumerate(gl.months(), start=1):
        day = gl.working_day(rng, year, month, 24, 28)
        freight = Line(FREIGHT, 100, rng.randrange(6_000, 24_000) * 100)
        bills.append(Document("Bill", f"SBR/{250 + i}", day, balaji, [freight], reverse_charge=True))
    return sorted(bills, key=lambda d: d.date)


def planted_bills(rng: random.Random, bills: list[Document]) -> list[Document]:
    """A bill entered twice (the second time with '-' for '/'), and an MSME bill left unpaid."""
    agarwal = next(b for b in bills if b.party.code == "V03" and b.date.month == 8)
    again = Document(
        "Bill",
        agarwal.number.replace("/", "-"),
        agarwal.date + dt.timedelta(days=1),
        agarwal.party,
        [replace(line) for line in agarwal.lines],
        mistake=(Rule.DUPLICATE_BILL, "Number"),
    )
    singh = PARTY["V04"]
    unpaid = Document(
        "Bill",
        "SP/7390",
        dt.date(2026, 1, 12),
        singh,
        [_line(rng, ITEMS_SOLD[1], 0.8)],
        mistake=(Rule.MSME_OVERDUE, "Number"),
    )
    return sorted([*bills, again, unpaid], key=lambda d: d.date)


def manual_bill(rng: random.Random) -> tuple[Document, gl.Voucher]:
    """A Kaveri Industries bill the accountant also entered in the Journal by hand."""
    kaveri = PARTY["V02"]
    bill = Document("Bill", "KI/5120", dt.date(2025, 12, 9), kaveri, [_line(rng, ITEMS_SOLD[0], 0.8)])
    bill.lines[0].qty *= 3
    taxable = bill.lines[0].taxable
    value = bill.value
    tax = value - taxable  # IGST at 18% rounded to the paisa; the value is rounded to the rupee
    who: gl.Who = {
        "narration": "Purchase of GI pipes, bill KI/5120 (entered by hand)",
        "party": kaveri.name,
        "reference": "KI/5120",
    }
    voucher = gl.Voucher(
        bill.date,
        "JV",
        [
            gl.Line(chart.PURCHASES_INTERSTATE, debit=taxable, **who),
            gl.Line(chart.IGST_INPUT, debit=tax, **who),
            gl.Line(kaveri.base.code, credit=value, mistakes=((Rule.MANUAL_DUPLICATE, "Voucher"),), **who),
        ],
    )
    return bill, voucher


# ----------------------------------------------------------------------------------------------
# money


def _pay_mode(rng: random.Random, amount: int, *, receipt: bool) -> str:
    if receipt:
        return rng.choices(("NEFT", "UPI", "Cheque"), weights=(5, 2 if amount <= 1_00_000_00 else 0, 3))[0]
    return rng.choice(("NEFT", "NEFT", "NEFT", "Cheque", "Cheque"))


def receipts_for(rng: random.Random, invoices: Sequence[Document], notes: Sequence[Document]) -> list[Money]:
    returned: dict[str, int] = {}
    for note in notes:
        if note.mistake is None:
            returned[note.against] = returned.get(note.against, 0) + note.value
    money: list[Money] = []
    for invoice in invoices:
        if invoice.mistake is not None and invoice.mistake[0] is Rule.DUPLICATE_INVOICE_NUMBER:
            continue  # the repeated number: not posted, so not collected either
        paid = gl.not_sunday(invoice.date + dt.timedelta(days=rng.randint(7, 45)))
        if paid > LAST_RECEIPT:
            continue
        amount = invoice.value - returned.get(invoice.number, 0)
        if invoice.party.code == "C09":
            money.append(
                Money("", invoice.date, invoice.party, amount, invoice.number, None, account=chart.CASH)
            )
            continue
        mode = _pay_mode(rng, amount, receipt=True)
        voucher = gl.receipt(rng, paid, invoice.party.base, amount, against=invoice.number, mode=mode)
        money.append(Money("", paid, invoice.party, amount, invoice.number, voucher))
    for i, party in enumerate(p for p in PARTY_LIST if p.kind == "Customer" and p.base.opening):
        day = gl.working_day(rng, 2025, 4, 3 + 4 * i, 6 + 4 * i)
        voucher = gl.receipt(rng, day, party.base, party.base.opening, against="opening balance", mode="NEFT")
        money.append(Money("", day, party, party.base.opening, "Opening", voucher))
    ravi, sharma = PARTY["C01"], PARTY["C03"]
    on_account = gl.receipt(
        rng, dt.date(2025, 9, 18), ravi.base, 1_00_000_50, against="on account", mode="NEFT"
    )
    money.append(
        Money(
            "", dt.date(2025, 9, 18), ravi, 1_00_000_50, "On Account", on_account, typed_amount="1,00,000.50"
        )
    )
    upi = gl.receipt(rng, dt.date(2026, 1, 12), sharma.base, 12_500_00, against="on account", mode="UPI")
    money.append(Money("", dt.date(2026, 1, 12), sharma, 12_500_00, "", upi))
    mehta = PARTY["C05"]
    deposit = gl.receipt(
        rng, dt.date(2026, 3, 31), mehta.base, 87_615_00, against="on account", mode="Cheque"
    )
    assert deposit.bank is not None
    deposit.bank = replace(deposit.bank, presented=False)  # deposited on 31 March, credited in April
    money.append(Money("", dt.date(2026, 3, 31), mehta, 87_615_00, "On Account", deposit))
    return _numbered(money, "RCT")


def tds_194c(bills: Sequence[Money]) -> None:
    """TDS u/s 194C on the transporter's payments, worked by hand: 2% (a firm) once the year's
    payments pass ₹1,00,000 (with the earlier ones), or on a single payment above ₹30,000."""
    total = untaxed = 0
    crossed = False
    for payment in sorted(bills, key=lambda m: m.date):
        total += payment.amount
        if crossed:
            base = payment.amount
        elif total > 1_00_000_00:
            base, crossed = untaxed + payment.amount, True
        elif payment.amount > 30_000_00:
            base = payment.amount
        else:
            base, untaxed = 0, untaxed + payment.amount
        payment.tds = (base * 2 // 100 + 50) // 100 * 100 if base else None


def payments_for(rng: random.Random, bills: Sequence[Document]) -> list[Money]:
    money: list[Money] = []
    for bill in bills:
        if bill.mistake is not None:
            continue  # the repeated bill and the unpaid MSME bill
        if bill.party.msme:
            limit = min(bill.party.credit_days, 45)
            paid = gl.not_sunday(bill.date + dt.timedelta(days=rng.randint(5, limit - 1)))
            if paid > gl.FY_END:
                continue
        else:
            paid = gl.not_sunday(bill.date + dt.timedelta(days=rng.randint(10, 45)))
            if paid > LAST_PAYMENT:
                continue
        money.append(Money("", paid, bill.party, bill.value, bill.number, None))
    tds_194c([m for m in money if m.party.code == "V07"])
    for m in money:
        net = m.amount - (m.tds or 0)
        m.voucher = gl.payment(
            rng, m.date, m.party.base, net, against=m.against, mode=_pay_mode(rng, net, receipt=False)
        )
    for i, party in enumerate(p for p in PARTY_LIST if p.kind == "Vendor" and p.base.opening):
        day = gl.working_day(rng, 2025, 4, 8 + 5 * i, 11 + 5 * i)
        voucher = gl.payment(
            rng, day, party.base, -party.base.opening, against="opening balance", mode="Cheque"
        )
        money.append(Money("", day, party, -party.base.opening, "Opening", voucher))
    for party, day, amount in (
        (PARTY["V01"], dt.date(2026, 3, 27), 1_18_000_00),
        (PARTY["V03"], dt.date(2026, 3, 30), 64_250_00),
    ):
        voucher = gl.payment(rng, day, party.base, amount, against="on account", mode="Cheque")
        assert voucher.bank is not None
        voucher.bank = replace(voucher.bank, presented=False)  # cheques not presented by 31 March
        money.append(Money("", day, party, amount, "On Account", voucher))
    return _numbered(money, "PMT")


def _numbered(money: list[Money], prefix: str) -> list[Money]:
    ordered = sorted(money, key=lambda m: m.date)
    for number, m in enumerate(ordered, start=1):
        m.number = f"{prefix}-{number:04d}"
        if m.voucher is not None:
            m.voucher.series = "TRADE"  # not a Journal voucher: posting makes it
    return ordered


# ----------------------------------------------------------------------------------------------
# rows


def _columns(spec: TableSpec) -> tuple[str, ...]:
    return tuple(c.en for c in spec.columns if not c.owned)


def party_rows() -> list[Row]:
    rows = []
    for p in PARTY_LIST:
        registered = bool(p.base.pan)
        rows.append(
            (
                p.code,
                p.name,
                (p.gstin or p.base.gstin) if registered else None,
                None,
                p.state or None,
                p.kind,
                p.credit_days or None,
                "Yes" if p.msme else "No",
                p.base.code or None,
                p.tds or None,
            )
        )
    return rows


def item_rows() -> list[Row]:
    rows = []
    for item in ALL_ITEMS:
        hsn = PLANTED_HSN[1] if item.code == PLANTED_HSN[0] else item.hsn
        rows.append((item.code, item.name, hsn, item.unit, item.rate, None, item.purchase_account))
    return rows


def gst_rate_rows() -> list[Row]:
    rows: list[Row] = []
    for item in ALL_ITEMS:
        if item.before is not None:
            rows.append((item.code, item.before, dt.date(2017, 7, 1)))
            rows.append((item.code, item.rate, RATE_CHANGE))
    return rows


def document_rows(documents: Sequence[Document]) -> tuple[list[Row], list[Mistake]]:
    """Sales or Purchases rows (the header on each document's first line only) and planted cells."""
    rows: list[Row] = []
    mistakes: list[Mistake] = []
    columns = _columns(SALES)
    for doc in documents:
        for index, line in enumerate(doc.lines):
            first = index == 0
            cells = {
                "Type": doc.kind if first and doc.kind not in {"Invoice", "Bill"} else None,
                "Number": doc.number if first else None,
                "Date": doc.date if first else None,
                "Party": doc.party.code if first else None,
                "Place of Supply": doc.place or None if first else None,
                "Item": line.item.code,
                "Qty": line.qty / 100,
                "Rate": line.price / 100,
                "Discount": line.discount / 100 if line.discount else None,
                "Taxable Value": line.taxable / 100 if line.typed_taxable else None,
                "GST Rate": doc.rate_of(line.item) if line.typed_rate else None,
                "Reverse Charge": "Yes" if first and doc.reverse_charge else None,
                "Against": doc.against or None if first else None,
            }
            if first and doc.mistake is not None:
                rule, column = doc.mistake
                mistakes.append((rule.value, "", f"{column}:{len(rows) + 2}"))
            rows.append(tuple(cells[c] for c in columns))
    return rows, mistakes


def money_rows(money: Sequence[Money], spec: TableSpec) -> list[Row]:
    rows: list[Row] = []
    for m in money:
        reference = ""
        if m.voucher is not None:
            reference = m.voucher.lines[0].reference
        cells: dict[str, Cell] = {
            "Number": m.number,
            "Date": m.date,
            "Party": m.party.code,
            "Amount": m.typed_amount or m.amount / 100,
            "Against": m.against or None,
            "Account": m.account,
            "Reference": reference or None,
            "TDS Section": None,
            "TDS": m.tds / 100 if m.tds else None,
        }
        rows.append(tuple(cells[c] for c in _columns(spec)))
    return rows


def trading_accounts() -> tuple[Account, ...]:
    """The general-ledger demo's accounts, with the transporter's account and the trading accounts."""
    accounts: list[Account] = []
    for account in gl.demo_accounts():
        accounts.append(account)
        if account.code == gl.VENDORS[-1].code:
            accounts.append(
                Account(
                    BALAJI,
                    PARTY["V07"].name,
                    "Liability",
                    chart.SUNDRY_CREDITORS,
                    gstin=PARTY["V07"].base.gstin,
                )
            )
        accounts.extend(
            a for a in TRADING_EXTRA_ACCOUNTS if a.parent == account.code and account.code != 5300
        )
        if account.code == chart.OFFICE_EXPENSES:
            accounts.append(TRADING_EXTRA_ACCOUNTS[-1])
    return tuple(accounts)


def trading_chart() -> tuple[Account, ...]:
    """The template's chart: the general ledger's with the trading accounts."""
    accounts: list[Account] = []
    for account in chart.CHART_OF_ACCOUNTS:
        accounts.append(account)
        if account.code == chart.TDS_ON_PROFESSIONAL_FEES:
            accounts.extend(TRADING_EXTRA_ACCOUNTS[:2])
        if account.code == chart.OFFICE_EXPENSES:
            accounts.append(TRADING_EXTRA_ACCOUNTS[-1])
    return tuple(accounts)


# ----------------------------------------------------------------------------------------------
# the year


def _posted_vouchers(
    tables: dict[str, Sequence[Row]],
    accounts: Sequence[Account],
    journal: Sequence[Row],
    settings: dict[str, object],
) -> list[gl.Voucher]:
    """What ``bahi post`` will add to the Journal, as vouchers (for the month's GST and TDS dues)."""

    def raw(spec: TableSpec, rows: Sequence[Row]) -> RawTable:
        return RawTable.from_rows(spec.name, spec.sheet, [list(_columns(spec)), *[list(r) for r in rows]])

    account_rows = [
        (a.code, a.name, a.type, a.parent, a.opening / 100, "Yes" if a.active else "No", a.gstin or None)
        for a in accounts
    ]
    setting_rows = [*settings.items()] + [
        (en, settings.get(en, d)) for en, _, d, _ in TRADE_SETTING_ROWS if en not in settings
    ]
    raws = {
        spec.name: raw(spec, rows)
        for spec, rows in (
            (ACCOUNTS, account_rows),
            (JOURNAL, journal),
            (SETTINGS, setting_rows),
            *(
                (spec, tables[spec.name])
                for spec in (PARTIES, ITEMS, GST_RATES, SALES, PURCHASES, RECEIPTS, PAYMENTS)
            ),
        )
    }

    raws[TDS_SECTIONS.name] = raw(TDS_SECTIONS, TDS_SECTION_ROWS)
    ledger, _ = load_ledger(raws)
    book, _ = validate_trade(raws, ledger)
    lines = post_trade(book).posting.lines
    vouchers = []
    for voucher, group in lines.groupby("voucher", sort=False):
        day = group["date"].iat[0].date()
        vouchers.append(
            gl.Voucher(
                day,
                "TRADE",
                [
                    gl.Line(int(a), debit=int(d), credit=int(c))
                    for a, d, c in zip(group["account"], group["debit"], group["credit"], strict=True)
                ],
                number=str(voucher),
            )
        )
    return vouchers


TDS_SECTION_ROWS: tuple[Row, ...] = (
    (
        "194C",
        "Payments to contractors (transport, job work)",
        1,
        2,
        20,
        30_000,
        1_00_000,
        "No",
        TDS_CONTRACTORS,
    ),
    (
        "194J",
        "Fees for professional services",
        10,
        10,
        20,
        None,
        50_000,
        "No",
        chart.TDS_ON_PROFESSIONAL_FEES,
    ),
    ("194I", "Rent of land, building or furniture", 10, 10, 20, 50_000, None, "No", chart.TDS_ON_RENT),
    (
        "194Q",
        "Purchase of goods (buyer's turnover above ₹10 crore)",
        0.1,
        0.1,
        5,
        None,
        50_00_000,
        "Yes",
        TDS_GOODS,
    ),
)
"""The TDSSections rows of the template (FY 2025-26): section, nature, rates (%), no-PAN rate (%),
single and yearly limits (₹), tax on the excess only, payable account."""

DEMO_SETTINGS: dict[str, object] = {
    "Company": COMPANY,
    "Financial Year": "2025-26",
    "Lock Date": gl.LOCK_DATE,
    "Bank Account": chart.BANK,
    "Company GSTIN": COMPANY_GSTIN,
}


def _dues(vouchers: Sequence[gl.Voucher]) -> list[gl.Voucher]:
    """GST and TDS paid each month (the general-ledger demo's rule) and TDS u/s 194C deposited."""
    dues = gl.monthly_dues(vouchers)
    by_month: dict[tuple[int, int], int] = {}
    for voucher in vouchers:
        for line in voucher.lines:
            if line.account == TDS_CONTRACTORS:
                key = (voucher.date.year, voucher.date.month)
                by_month[key] = by_month.get(key, 0) + line.credit - line.debit
    for (year, month), amount in sorted(by_month.items()):
        if amount and (year, month) != (2026, 3):
            nxt = dt.date(year + month // 12, month % 12 + 1, 7)
            dues.append(
                gl.tds_deposit(
                    gl.not_sunday(nxt), f"{gl.month_label(year, month)} (194C)", {TDS_CONTRACTORS: amount}
                )
            )
    return dues


@cache
def trading_demo(seed: int = SEED) -> TradingDemo:
    """The whole trading demo, generated once per seed."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    invoices = sales_invoices(rng)
    notes = credit_notes(rng, invoices)
    bills = planted_bills(rng, vendor_bills(rng))
    kaveri_bill, manual = manual_bill(rng)
    bills = sorted([*bills, kaveri_bill], key=lambda d: d.date)
    receipts = receipts_for(rng, invoices, notes)
    payments = payments_for(rng, bills)
    journal_vouchers = [*gl.overheads(rng), manual]
    money_vouchers = [m.voucher for m in (*receipts, *payments) if m.voucher is not None]
    gl.number_vouchers([*journal_vouchers, *money_vouchers])  # cheque numbers, in date order
    sales = sorted([*invoices, *notes], key=lambda d: d.date)
    sales_rows, sales_mistakes = document_rows(sales)
    purchase_rows, purchase_mistakes = document_rows(bills)
    tables = {
        PARTIES.name: party_rows(),
        ITEMS.name: item_rows(),
        GST_RATES.name: gst_rate_rows(),
        SALES.name: sales_rows,
        PURCHASES.name: purchase_rows,
        RECEIPTS.name: money_rows(receipts, RECEIPTS),
        PAYMENTS.name: money_rows(payments, PAYMENTS),
    }
    accounts = trading_accounts()
    draft = gl.journal_rows(gl.number_vouchers(journal_vouchers))
    posted = _posted_vouchers(tables, accounts, draft, DEMO_SETTINGS)
    journal_vouchers += _dues([*journal_vouchers, *posted])
    journal_vouchers = gl.number_vouchers(journal_vouchers)
    journal = gl.journal_rows(journal_vouchers)
    every_bank_leg = sorted([*journal_vouchers, *money_vouchers], key=lambda v: v.date)
    mistakes = [(rule, SALES.sheet, _cell(SALES, where)) for rule, _, where in sales_mistakes] + [
        (rule, PURCHASES.sheet, _cell(PURCHASES, where)) for rule, _, where in purchase_mistakes
    ]
    iyer_row = 2 + next(i for i, p in enumerate(PARTY_LIST) if p.gstin)
    mistakes += [
        (Rule.INVALID_GSTIN.value, PARTIES.sheet, f"{_letter(PARTIES, 'GSTIN')}{iyer_row}"),
        (
            Rule.INVALID_HSN.value,
            ITEMS.sheet,
            f"{_letter(ITEMS, 'HSN')}{2 + [i.code for i in ALL_ITEMS].index(PLANTED_HSN[0])}",
        ),
        *((r, JOURNAL.sheet, c) for r, _, c in gl.planted_mistakes(journal_vouchers)),
    ]
    return TradingDemo(
        accounts=accounts,
        parties=tuple(tables[PARTIES.name]),
        items=tuple(tables[ITEMS.name]),
        gst_rates=tuple(tables[GST_RATES.name]),
        sales=tuple(sales_rows),
        purchases=tuple(purchase_rows),
        receipts=tuple(tables[RECEIPTS.name]),
        payments=tuple(tables[PAYMENTS.name]),
        journal=tuple(journal),
        statement=tuple(gl.bank_statement(every_bank_leg)),
        mistakes=tuple(sorted(mistakes, key=_order)),
        settings=dict(DEMO_SETTINGS),
    )


def _letter(spec: TableSpec, column: str) -> str:

    return column_letter(_columns(spec).index(column) + 1)


def _cell(spec: TableSpec, where: str) -> str:
    column, row = where.split(":")
    return f"{_letter(spec, column)}{row}"


def _order(mistake: Mistake) -> tuple[str, int, str]:
    rule, sheet, cell = mistake
    return sheet, int("".join(ch for ch in cell if ch.isdigit())), rule
