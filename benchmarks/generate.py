"""Benchmark books: one synthetic journal, written as a Bahi workbook and as its peers' text files.

:func:`make_journal` draws ``n`` journal lines (balanced vouchers of 2–4 lines over FY 2025-26, a
chart of ~50 accounts with a hierarchy, Indian parties and narrations, amounts with paise) from a
seed. From those same lines come:

- ``journal-…xlsx``: a general-ledger workbook with the Excel Tables ``Accounts``, ``Settings`` and
  ``Journal`` (headings from :mod:`addin.engine.schema`). A small base book is built with openpyxl;
  the Journal sheet's XML is then streamed in at zip level (shared strings, dates as serials with a
  date style, amounts as numbers) and the table's ``ref`` widened — openpyxl alone would need over a
  minute at 1,048,575 lines;
- ``journal-…ledger``: the same transactions for ``ledger`` and ``hledger``;
- ``journal-…beancount``: the same transactions for ``bean-check``;
- ``journal-…json``: the generator's own closing balance per account code, in paise, and the
  peers' account name for each code (used by the correctness check).

Accounts and amounts are identical in all three, so balances compare to the paisa. Files are cached
under ``benchmarks/data/`` keyed by (n, seed, generator version).

Usage: ``python -m benchmarks.generate 100000 [--seed 7]`` prints the paths.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table, TableStyleInfo

from addin.engine.money import INDIAN_NUMBER_FORMAT, to_decimal_string
from addin.engine.schema import ACCOUNTS, JOURNAL, SETTING_ROWS, SETTINGS, TableSpec

GENERATOR_VERSION = 1
DATA_DIR = Path(__file__).resolve().parent / "data"
EXCEL_MAX_LINES = 1_048_575  # a worksheet's 1,048,576 rows less the header
FY_START = dt.date(2025, 4, 1)
FY_END = dt.date(2026, 3, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_FORMAT = "dd-mm-yyyy"
COMPANY = "Shree Ganesh Traders Pvt Ltd"

# ---------------------------------------------------------------------------------------------------
# The chart of accounts: (code, name, type, parent code, opening balance in paise, debit positive)


@dataclass(frozen=True, slots=True)
class Account:
    code: str
    name: str
    type: str
    parent: str
    opening: int


_CHART: tuple[tuple[str, str, str, str, int], ...] = (
    ("1000", "Assets", "Asset", "", 0),
    ("1100", "Current Assets", "Asset", "1000", 0),
    ("1110", "Cash in Hand", "Asset", "1100", 8_500_000),
    ("1120", "Bank Accounts", "Asset", "1100", 0),
    ("1121", "HDFC Bank", "Asset", "1120", 245_000_050),
    ("1122", "SBI Current A/c", "Asset", "1120", 120_500_000),
    ("1123", "ICICI Bank", "Asset", "1120", 35_000_000),
    ("1130", "Sundry Debtors", "Asset", "1100", 0),
    ("1131", "Sharma Traders", "Asset", "1130", 18_000_000),
    ("1132", "Gupta & Sons", "Asset", "1130", 9_500_000),
    ("1133", "Patel Enterprises", "Asset", "1130", 0),
    ("1134", "Reddy Agencies", "Asset", "1130", 4_200_000),
    ("1135", "Mehta Pharma", "Asset", "1130", 0),
    ("1136", "श्री बालाजी स्टोर्स", "Asset", "1130", 0),
    ("1140", "Input GST", "Asset", "1100", 0),
    ("1141", "Input CGST", "Asset", "1140", 0),
    ("1142", "Input SGST", "Asset", "1140", 0),
    ("1143", "Input IGST", "Asset", "1140", 0),
    ("1150", "TDS Receivable", "Asset", "1100", 0),
    ("1160", "Advances to Staff", "Asset", "1100", 1_500_000),
    ("1200", "Fixed Assets", "Asset", "1000", 0),
    ("1210", "Furniture & Fixtures", "Asset", "1200", 45_000_000),
    ("1220", "Computers", "Asset", "1200", 18_000_000),
    ("1230", "Vehicles", "Asset", "1200", 90_000_000),
    ("2000", "Liabilities", "Liability", "", 0),
    ("2100", "Current Liabilities", "Liability", "2000", 0),
    ("2110", "Sundry Creditors", "Liability", "2100", 0),
    ("2111", "Agarwal Steels", "Liability", "2110", -22_000_000),
    ("2112", "Singh Auto Parts", "Liability", "2110", -6_500_000),
    ("2113", "Joshi Stationers", "Liability", "2110", 0),
    ("2114", "Banerjee Electricals", "Liability", "2110", -3_000_000),
    ("2115", "Nair Spices", "Liability", "2110", 0),
    ("2120", "Output GST", "Liability", "2100", 0),
    ("2121", "Output CGST", "Liability", "2120", 0),
    ("2122", "Output SGST", "Liability", "2120", 0),
    ("2123", "Output IGST", "Liability", "2120", 0),
    ("2130", "TDS Payable", "Liability", "2100", 0),
    ("2140", "Salary Payable", "Liability", "2100", 0),
    ("2200", "Loans", "Liability", "2000", 0),
    ("2210", "HDFC Term Loan", "Liability", "2200", -150_000_000),
    ("3000", "Equity", "Equity", "", 0),
    ("3100", "Capital Account", "Equity", "3000", -300_000_050),
    ("3200", "Drawings", "Equity", "3000", 0),
    ("3300", "Reserves & Surplus", "Equity", "3000", -113_700_000),
    ("4000", "Income", "Income", "", 0),
    ("4100", "Sales - Domestic", "Income", "4000", 0),
    ("4200", "Sales - Interstate", "Income", "4000", 0),
    ("4300", "Interest Received", "Income", "4000", 0),
    ("5000", "Expenses", "Expense", "", 0),
    ("5100", "Purchases", "Expense", "5000", 0),
    ("5200", "Salaries", "Expense", "5000", 0),
    ("5300", "Rent", "Expense", "5000", 0),
    ("5400", "Electricity", "Expense", "5000", 0),
    ("5500", "Telephone & Internet", "Expense", "5000", 0),
    ("5600", "Travelling & Conveyance", "Expense", "5000", 0),
    ("5700", "Printing & Stationery", "Expense", "5000", 0),
    ("5800", "Bank Charges", "Expense", "5000", 0),
    ("5900", "Repairs & Maintenance", "Expense", "5000", 0),
    ("5910", "Professional Fees", "Expense", "5000", 0),
    ("5920", "Freight Inward", "Expense", "5000", 0),
)
ACCOUNTS_CHART: tuple[Account, ...] = tuple(Account(*row) for row in _CHART)
assert sum(a.opening for a in ACCOUNTS_CHART) == 0, "opening balances must net to zero"

_ROOTS = {"Asset": "Assets", "Liability": "Liabilities", "Equity": "Equity", "Income": "Income",
          "Expense": "Expenses"}


def _component(name: str) -> str:
    """A name as one component of a ledger/beancount account ("SBI Current A/c" -> "SBI-Current-A-c")."""
    slug = "-".join(w for w in re.split(r"[\s/&.,()'\-]+", name) if w)
    return slug[:1].upper() + slug[1:]


# Beancount accepts only Latin letters in account names: a transliteration for the peers' files.
_PEER_COMPONENT = {"1136": "Shri-Balaji-Stores"}


def peer_account_names(chart: tuple[Account, ...] = ACCOUNTS_CHART) -> dict[str, str]:
    """Each account code's name in the ledger/hledger/beancount files ("Assets:Current-Assets:Cash-in-Hand").

    The top-level groups ("Assets", …) become the roots; a child's name hangs under its parent's.
    """
    by_code = {a.code: a for a in chart}
    names: dict[str, str] = {}
    for account in chart:
        parts: list[str] = []
        node: Account | None = account
        while node is not None and node.parent:
            parts.insert(0, _PEER_COMPONENT.get(node.code) or _component(node.name))
            node = by_code.get(node.parent)
        names[account.code] = ":".join([_ROOTS[account.type], *parts])
    return names


# ---------------------------------------------------------------------------------------------------
# The journal lines


@dataclass(frozen=True)
class Journal:
    """``n`` lines as columns: per voucher (date, number, narration, party, reference) and per line."""

    n: int
    seed: int
    voucher_date: np.ndarray  # int32 days since EXCEL_EPOCH (an Excel date serial), one a voucher
    voucher_no: list[str]
    narration: list[str]
    party: list[str]  # "" when none
    reference: list[str]  # "" when none
    line_voucher: np.ndarray  # int32 index into the voucher columns, one a line
    line_account: np.ndarray  # int16 index into ACCOUNTS_CHART
    debit: np.ndarray  # int64 paise
    credit: np.ndarray  # int64 paise

    @property
    def vouchers(self) -> int:
        return len(self.voucher_no)

    def closing(self) -> dict[str, int]:
        """Closing balance in paise (debit positive) per posting account code, openings included."""
        net = np.zeros(len(ACCOUNTS_CHART), dtype=np.int64)
        np.add.at(net, self.line_account, self.debit - self.credit)
        return {a.code: int(net[i]) + a.opening for i, a in enumerate(ACCOUNTS_CHART)
                if a.opening or net[i] or _is_posting(i)}


_CHILDREN = {a.parent for a in ACCOUNTS_CHART}


def _is_posting(index: int) -> bool:
    return ACCOUNTS_CHART[index].code not in _CHILDREN


_INDEX = {a.code: i for i, a in enumerate(ACCOUNTS_CHART)}


def _idx(code: str) -> int:
    return _INDEX[code]


_DEBTORS = [_idx(c) for c in ("1131", "1132", "1133", "1134", "1135", "1136")]
_CREDITORS = [_idx(c) for c in ("2111", "2112", "2113", "2114", "2115")]
_BANKS = [_idx(c) for c in ("1121", "1122", "1123")]
_BANK_WEIGHTS = [6, 3, 1]
_CASH = _idx("1110")
_EXPENSES = {  # account: (narrations, low, high rupees)
    _idx("5300"): (["Office rent for {month}, Karol Bagh", "Godown rent for {month}, Bhiwandi"],
                   15_000, 90_000),
    _idx("5400"): (["Electricity bill for {month} – BSES Rajdhani", "बिजली बिल {month}"], 2_000, 25_000),
    _idx("5500"): (["Airtel broadband and mobile bill for {month}", "Jio postpaid bill {month}"], 500, 6_000),
    _idx("5600"): (["Conveyance reimbursed to staff, {month}", "Train tickets Delhi–Mumbai for sales visit",
                    "Auto and cab fare, {month}"], 200, 12_000),
    _idx("5700"): (["Printing of GST invoice books", "Stationery purchased – A4 paper, pens",
                    "स्टेशनरी खरीदी"], 150, 8_000),
    _idx("5900"): (["AC servicing at office", "Repair of delivery vehicle",
                    "Computer repair – SMPS replaced"], 500, 20_000),
    _idx("5920"): (["Freight paid to VRL Logistics", "Cartage inward, Lorry No. MH-04-AB-{n4}"], 800, 15_000),
}
_EXPENSE_KEYS = list(_EXPENSES)
_MONTHS = ["April", "May", "June", "July", "August", "September", "October", "November", "December",
           "January", "February", "March"]


def _rupees(rng: random.Random, low: int, high: int) -> int:
    """A log-uniform amount in paise between ``low`` and ``high`` rupees."""
    return round(low * (high / low) ** rng.random() * 100)


def _gst(base: int) -> int:
    """GST at 9% (one of CGST/SGST) on ``base`` paise, rounded to the paisa."""
    return (base * 9 + 50) // 100


Line = tuple[int, int, int]  # account index, debit, credit
Voucher = tuple[str, str, str, str, list[Line]]  # prefix, narration, party, reference, lines


def _sale(rng: random.Random, size: int, seq: int, month: str) -> Voucher:
    debtor = rng.choice(_DEBTORS)
    party = ACCOUNTS_CHART[debtor].name
    base = _rupees(rng, 1_000, 800_000)
    ref = f"INV/25-26/{seq:06d}"
    if size == 4:
        tax = _gst(base)
        lines = [(debtor, base + 2 * tax, 0), (_idx("4100"), 0, base), (_idx("2121"), 0, tax),
                 (_idx("2122"), 0, tax)]
    else:
        tax = 2 * _gst(base)
        lines = [(debtor, base + tax, 0), (_idx("4200"), 0, base), (_idx("2123"), 0, tax)]
    narration = rng.choice([f"Sales to {party} vide Inv No. {ref}", f"Goods sold to {party}, {month} – {ref}",
                            f"{party} को माल बेचा, बिल {ref}"])
    return "SV", narration, party, ref, lines


def _purchase(rng: random.Random, size: int, seq: int, month: str) -> Voucher:
    creditor = rng.choice(_CREDITORS)
    party = ACCOUNTS_CHART[creditor].name
    base = _rupees(rng, 1_000, 600_000)
    ref = f"PB/{seq:06d}"
    if size == 4:
        tax = _gst(base)
        lines = [(_idx("5100"), base, 0), (_idx("1141"), tax, 0), (_idx("1142"), tax, 0),
                 (creditor, 0, base + 2 * tax)]
    else:
        tax = 2 * _gst(base)
        lines = [(_idx("5100"), base, 0), (_idx("1143"), tax, 0), (creditor, 0, base + tax)]
    narration = rng.choice([f"Purchase from {party}, Bill No. {ref}",
                            f"Material purchased from {party} ({month})"])
    return "PV", narration, party, ref, lines


def _receipt(rng: random.Random, _size: int, _seq: int, _month: str) -> Voucher:
    debtor = rng.choice(_DEBTORS)
    bank = rng.choices(_BANKS, _BANK_WEIGHTS)[0]
    party = ACCOUNTS_CHART[debtor].name
    amount = _rupees(rng, 1_000, 900_000)
    utr = f"UTR{rng.randrange(10**11, 10**12)}"
    narration = rng.choice([f"Received from {party} by NEFT, {utr}", f"{party} से भुगतान प्राप्त – RTGS",
                            f"Cheque received from {party}, Chq No. {rng.randrange(100000, 999999)}"])
    return "RV", narration, party, utr, [(bank, amount, 0), (debtor, 0, amount)]


def _payment(rng: random.Random, _size: int, _seq: int, _month: str) -> Voucher:
    creditor = rng.choice(_CREDITORS)
    bank = rng.choices(_BANKS, _BANK_WEIGHTS)[0]
    party = ACCOUNTS_CHART[creditor].name
    amount = _rupees(rng, 1_000, 700_000)
    chq = f"{rng.randrange(100000, 999999)}"
    narration = rng.choice([f"Paid to {party} by Chq No. {chq}", f"RTGS to {party} against bills"])
    return "BP", narration, party, f"CHQ-{chq}", [(creditor, amount, 0), (bank, 0, amount)]


def _expense(rng: random.Random, _size: int, _seq: int, month: str) -> Voucher:
    expense = rng.choice(_EXPENSE_KEYS)
    texts, low, high = _EXPENSES[expense]
    source = _CASH if rng.random() < 0.4 else rng.choices(_BANKS, _BANK_WEIGHTS)[0]
    amount = _rupees(rng, low, high)
    narration = rng.choice(texts).format(month=month, n4=f"{rng.randrange(1000, 9999)}")
    return ("CP" if source == _CASH else "BP"), narration, "", "", [(expense, amount, 0), (source, 0, amount)]


def _contra(rng: random.Random, _size: int, _seq: int, _month: str) -> Voucher:
    bank = rng.choices(_BANKS, _BANK_WEIGHTS)[0]
    amount = rng.randrange(5, 200) * 100_000
    if rng.random() < 0.7:
        narration = f"Cash withdrawn from {ACCOUNTS_CHART[bank].name}, self cheque"
        lines = [(_CASH, amount, 0), (bank, 0, amount)]
    else:
        narration = f"Cash deposited in {ACCOUNTS_CHART[bank].name}"
        lines = [(bank, amount, 0), (_CASH, 0, amount)]
    return "CV", narration, "", "", lines


def _fees_tds(rng: random.Random, _size: int, seq: int, month: str) -> Voucher:
    base = _rupees(rng, 5_000, 150_000)
    tds = (base + 5) // 10  # 10% under section 194J
    party = rng.choice(["CA Ramesh Iyer & Co", "Adv. Sunita Kulkarni", "Kapoor Tax Consultants"])
    return ("JV", f"Professional fees to {party} for {month}, TDS u/s 194J", party, f"TDS/{seq:05d}",
            [(_idx("5910"), base, 0), (_idx("2130"), 0, tds), (_idx("1121"), 0, base - tds)])


def _salary(rng: random.Random, _size: int, _seq: int, month: str) -> Voucher:
    gross = _rupees(rng, 15_000, 120_000)
    tds = gross // 20
    name = rng.choice(["Rakesh Kumar", "Priya Menon", "Anil Yadav", "Fatima Shaikh", "Suresh Pillai",
                       "कमला देवी"])
    return ("JV", f"Salary for {month} – {name}", name, "",
            [(_idx("5200"), gross, 0), (_idx("2130"), 0, tds), (_idx("2140"), 0, gross - tds)])


def _bank_charges(rng: random.Random, _size: int, _seq: int, month: str) -> Voucher:
    bank = rng.choices(_BANKS, _BANK_WEIGHTS)[0]
    amount = rng.choice([11800, 17700, 29500, 59000, rng.randrange(1000, 100000)])
    return ("BP", f"Bank charges incl. GST, {ACCOUNTS_CHART[bank].name}, {month}", "", "",
            [(_idx("5800"), amount, 0), (bank, 0, amount)])


def _drawings(rng: random.Random, _size: int, _seq: int, _month: str) -> Voucher:
    amount = rng.randrange(10, 500) * 100_00
    return ("CP", "Cash withdrawn by proprietor for personal use", "", "",
            [(_idx("3200"), amount, 0), (_CASH, 0, amount)])


def _interest(rng: random.Random, _size: int, _seq: int, month: str) -> Voucher:
    bank = rng.choices(_BANKS, _BANK_WEIGHTS)[0]
    amount = _rupees(rng, 100, 20_000)
    return ("RV", f"FD interest credited by {ACCOUNTS_CHART[bank].name}, {month}", "", "",
            [(bank, amount, 0), (_idx("4300"), 0, amount)])


Kind = Callable[[random.Random, int, int, str], Voucher]
# Each kind of voucher: its maker, its number of lines, its weight in the draw.
_KINDS: tuple[tuple[Kind, int, int], ...] = (
    (_sale, 4, 22), (_sale, 3, 6), (_purchase, 4, 12), (_purchase, 3, 4), (_receipt, 2, 20),
    (_payment, 2, 12), (_expense, 2, 12), (_contra, 2, 4), (_fees_tds, 3, 2), (_salary, 3, 3),
    (_bank_charges, 2, 2), (_drawings, 2, 1), (_interest, 2, 1),
)


def make_journal(n: int, seed: int = 7) -> Journal:
    """Exactly ``n`` lines in balanced vouchers of 2–4 lines, dated within FY 2025-26, in date order."""
    if n < 2:
        raise ValueError("a journal of balanced vouchers needs at least 2 lines")
    rng = random.Random(seed)
    weights = [w for _, _, w in _KINDS]
    by_size = {s: [k for k in _KINDS if k[1] == s] for s in (2, 3, 4)}
    kinds: list[tuple[Kind, int, int]] = []
    remaining = n
    while remaining:
        kind = rng.choices(_KINDS, weights)[0]
        if remaining <= 4:
            kind = rng.choice(by_size[remaining])
        elif remaining - kind[1] == 1:
            kind = rng.choice(by_size[2])
        kinds.append(kind)
        remaining -= kind[1]

    # Dates: working days (no Sundays), sorted; a few more at month ends.
    days = (FY_END - FY_START).days + 1
    working = [d for d in range(days) if (FY_START + dt.timedelta(d)).weekday() != 6]
    month_ends = [d for d in working if (FY_START + dt.timedelta(d + 1)).day <= 3 or
                  (FY_START + dt.timedelta(d)).day >= 28]
    nv = len(kinds)
    offsets = sorted(rng.choice(month_ends) if rng.random() < 0.15 else rng.choice(working)
                     for _ in range(nv))
    base_serial = (FY_START - EXCEL_EPOCH).days

    voucher_no: list[str] = []
    narration: list[str] = []
    party: list[str] = []
    reference: list[str] = []
    line_voucher: list[int] = []
    line_account: list[int] = []
    debit: list[int] = []
    credit: list[int] = []
    month_of = [_MONTHS[((FY_START + dt.timedelta(d)).month - 4) % 12] for d in range(days)]
    seqs: dict[str, int] = {}
    for v, ((maker, size, _), offset) in enumerate(zip(kinds, offsets, strict=True)):
        month = month_of[offset]
        seq = v + 1
        prefix, text, who, ref, lines = maker(rng, size, seq, month)
        seqs[prefix] = seqs.get(prefix, 0) + 1
        voucher_no.append(f"{prefix}-{seqs[prefix]:06d}")
        narration.append(text)
        party.append(who)
        reference.append(ref)
        for account, dr, cr in lines:
            line_voucher.append(v)
            line_account.append(account)
            debit.append(dr)
            credit.append(cr)
    assert len(line_voucher) == n
    return Journal(n, seed, np.asarray(offsets, dtype=np.int32) + base_serial, voucher_no, narration, party,
                   reference, np.asarray(line_voucher, dtype=np.int32),
                   np.asarray(line_account, dtype=np.int16), np.asarray(debit, dtype=np.int64),
                   np.asarray(credit, dtype=np.int64))


# ---------------------------------------------------------------------------------------------------
# The workbook


def _add_table(ws: openpyxl.worksheet.worksheet.Worksheet, spec: TableSpec, rows: list[list[object]],
               headings: tuple[str, ...]) -> None:
    ws.append(list(headings))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    last = openpyxl.utils.get_column_letter(len(headings))
    table = Table(displayName=spec.name, ref=f"A1:{last}{max(len(rows), 1) + 1}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = "A2"


ExtraTables = Sequence[tuple[TableSpec, list[list[object]]]]
"""More tables for the base book, each on a sheet of its own (the statements' ReportLines and Budget)."""


def _build_base(path: Path, journal: Journal, extra: ExtraTables = ()) -> None:
    """The small book: Accounts, Settings and a Journal table holding its header and one styled sample
    row, then the ``extra`` tables."""
    wb = openpyxl.Workbook()
    ws_journal = wb.active
    assert ws_journal is not None
    ws_journal.title = JOURNAL.sheet
    headings = tuple(c.heading for c in JOURNAL.columns)
    v = int(journal.line_voucher[0])
    first = ACCOUNTS_CHART[int(journal.line_account[0])]
    sample = [EXCEL_EPOCH + dt.timedelta(int(journal.voucher_date[v])), journal.voucher_no[v], first.code,
              int(journal.debit[0]) / 100 or None, int(journal.credit[0]) / 100 or None, journal.narration[v],
              journal.party[v] or None, journal.reference[v] or None]
    _add_table(ws_journal, JOURNAL, [sample], headings)
    # Styles on the sample row; the generated rows copy them cell by cell.
    ws_journal["A2"].number_format = DATE_FORMAT
    ws_journal["D2"].number_format = INDIAN_NUMBER_FORMAT
    ws_journal["E2"].number_format = INDIAN_NUMBER_FORMAT
    for letter, width in zip("ABCDEFGHIJ", (12, 12, 10, 15, 15, 48, 24, 22, 12, 14), strict=True):
        ws_journal.column_dimensions[letter].width = width

    ws_accounts = wb.create_sheet(ACCOUNTS.sheet)
    _add_table(ws_accounts, ACCOUNTS,
               [[a.code, a.name, a.type, a.parent or None, a.opening / 100, True, None]
                for a in ACCOUNTS_CHART],
               tuple(c.heading for c in ACCOUNTS.columns))
    for row in ws_accounts.iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].number_format = INDIAN_NUMBER_FORMAT
    for letter, width in zip("ABCDEFG", (10, 28, 12, 14, 18, 10, 18), strict=True):
        ws_accounts.column_dimensions[letter].width = width

    ws_settings = wb.create_sheet(SETTINGS.sheet)
    values = {"Company": COMPANY, "Financial Year": "2025-26", "Bank Account": "1121"}
    _add_table(ws_settings, SETTINGS,
               [[f"{en} / {hi}", values.get(en, default)] for en, hi, default, _ in SETTING_ROWS],
               tuple(c.heading for c in SETTINGS.columns))
    ws_settings.column_dimensions["A"].width = 34
    ws_settings.column_dimensions["B"].width = 30
    for spec, rows in extra:
        _add_table(wb.create_sheet(spec.sheet), spec, rows, tuple(c.heading for c in spec.columns))
    wb.save(path)


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _resolve(base: str, target: str) -> str:
    """A relationship target as a zip entry name."""
    if target.startswith("/"):
        return target[1:]
    parts = base.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _journal_parts(zf: zipfile.ZipFile) -> tuple[str, str]:
    """The zip entries of the Journal sheet and of its table part."""
    workbook = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    sheet_part = ""
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        if sheet.get("name") == JOURNAL.sheet:
            sheet_part = _resolve("xl/workbook.xml", targets[sheet.get(f"{{{_NS['r']}}}id")])
    sheet_rels_name = _resolve(sheet_part, "_rels/" + sheet_part.rsplit("/", 1)[1] + ".rels")
    sheet_rels = ET.fromstring(zf.read(sheet_rels_name))
    for rel in sheet_rels.findall("rel:Relationship", _NS):
        if rel.get("Type", "").endswith("/table"):
            part = _resolve(sheet_part, rel.get("Target", ""))
            if ET.fromstring(zf.read(part)).get("name") == JOURNAL.name:
                return sheet_part, part
    raise ValueError("no Journal table in the base workbook")


class _Strings:
    """The shared-string table: the base book's strings first, then the journal's, each once."""

    def __init__(self, existing: list[str]) -> None:
        self.index = {s: i for i, s in enumerate(existing)}
        self.items = list(existing)
        self.refs = 0

    def __call__(self, text: str) -> int:
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.items)
            self.items.append(text)
        return i

    def xml(self) -> Iterator[str]:
        yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<sst xmlns="{_NS["m"]}" count="{self.refs}" uniqueCount="{len(self.items)}">')
        for chunk in range(0, len(self.items), 50_000):
            yield "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>'
                          for s in self.items[chunk:chunk + 50_000])
        yield "</sst>"


_SST_CONTENT_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                     b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_SST_RELATIONSHIP = (b'<Relationship Id="rIdBahiSst" Type="http://schemas.openxmlformats.org/officeDocument/'
                     b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in zf.namelist():
        return []
    root = ET.fromstring(zf.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")) for si in root.findall("m:si", _NS)]


def _journal_rows(journal: Journal, styles: dict[str, str], strings: _Strings) -> Iterator[str]:
    """The Journal sheet's data rows as XML, in chunks."""
    s_date, s_dr, s_cr = (f' s="{styles[c]}"' if styles.get(c) else "" for c in "ADE")
    voucher_cells: list[str] = []
    for v in range(journal.vouchers):
        no = strings(journal.voucher_no[v])
        narr = strings(journal.narration[v])
        party = f'<c r="G{{r}}" t="s"><v>{strings(journal.party[v])}</v></c>' if journal.party[v] else ""
        ref = (f'<c r="H{{r}}" t="s"><v>{strings(journal.reference[v])}</v></c>'
               if journal.reference[v] else "")
        voucher_cells.append((f'<c r="A{{r}}"{s_date}><v>{journal.voucher_date[v]}</v></c>'
                              f'<c r="B{{r}}" t="s"><v>{no}</v></c>', f'<c r="F{{r}}" t="s"><v>{narr}</v></c>'
                              + party + ref))
    account_cells = [f'<c r="C{{r}}" t="s"><v>{strings(a.code)}</v></c>' for a in ACCOUNTS_CHART]
    with_party = np.array([bool(p) for p in journal.party])[journal.line_voucher]
    with_ref = np.array([bool(r) for r in journal.reference])[journal.line_voucher]
    strings.refs = 3 * journal.n + int(with_party.sum()) + int(with_ref.sum())  # string cells written
    line_voucher = journal.line_voucher.tolist()
    line_account = journal.line_account.tolist()
    debit = journal.debit.tolist()
    credit = journal.credit.tolist()
    out: list[str] = []
    for i in range(journal.n):
        r = i + 2
        head, tail = voucher_cells[line_voucher[i]]
        dr, cr = debit[i], credit[i]
        amount = (f'<c r="D{r}"{s_dr}><v>{to_decimal_string(dr)}</v></c>' if dr else "") + (
            f'<c r="E{r}"{s_cr}><v>{to_decimal_string(cr)}</v></c>' if cr else "")
        out.append(f'<row r="{r}">{head.format(r=r)}{account_cells[line_account[i]].format(r=r)}'
                   f'{amount}{tail.format(r=r)}</row>')
        if len(out) == 20_000:
            yield "".join(out)
            out.clear()
    yield "".join(out)


def write_workbook(journal: Journal, path: Path, extra: ExtraTables = ()) -> None:
    """The Bahi workbook of ``journal``: an openpyxl base book (with the ``extra`` tables), the Journal
    sheet streamed in at zip level."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.xlsx"
        _build_base(base, journal, extra)
        with zipfile.ZipFile(base) as src, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst:
            sheet_part, table_part = _journal_parts(src)
            sheet_xml = src.read(sheet_part).decode("utf-8")
            # Keep everything around the rows (columns, panes, tableParts); keep the header row as built.
            start = sheet_xml.index("<sheetData>") + len("<sheetData>")
            end = sheet_xml.index("</sheetData>")
            rows = sheet_xml[start:end]
            header = re.search(r'<row r="1"[ >].*?</row>', rows, re.S)
            sample = re.search(r'<row r="2"[ >].*?</row>', rows, re.S)
            if header is None or sample is None:
                raise ValueError("the base Journal sheet lacks its header or sample row")
            styles = {m.group(1): m.group(2)
                      for m in re.finditer(r'<c r="([A-Z]+)2"[^>]*?\bs="(\d+)"', sample.group(0))}
            width = openpyxl.utils.get_column_letter(len(JOURNAL.columns))
            ref = f"A1:{width}{journal.n + 1}"
            prefix = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', sheet_xml[:start])
            strings = _Strings(_shared_strings(src))
            has_sst = "xl/sharedStrings.xml" in src.namelist()
            for item in src.infolist():
                if item.filename in (sheet_part, "xl/sharedStrings.xml"):
                    continue
                data = src.read(item.filename)
                if item.filename == "[Content_Types].xml" and not has_sst:
                    data = data.replace(b"</Types>", _SST_CONTENT_TYPE + b"</Types>")
                elif item.filename == "xl/_rels/workbook.xml.rels" and not has_sst:
                    data = data.replace(b"</Relationships>", _SST_RELATIONSHIP + b"</Relationships>")
                elif item.filename == table_part:
                    text = data.decode("utf-8")
                    text = re.sub(r'(<table\b[^>]*?\bref=")[^"]*"', rf'\g<1>{ref}"', text, count=1)
                    text = re.sub(r'(<autoFilter\b[^>]*?\bref=")[^"]*"', rf'\g<1>{ref}"', text, count=1)
                    data = text.encode("utf-8")
                dst.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
            with dst.open(sheet_part, "w") as out:
                out.write(prefix.encode("utf-8"))
                out.write(header.group(0).encode("utf-8"))
                for chunk in _journal_rows(journal, styles, strings):
                    out.write(chunk.encode("utf-8"))
                out.write(sheet_xml[end:].encode("utf-8"))
            with dst.open("xl/sharedStrings.xml", "w") as out:
                for chunk in strings.xml():
                    out.write(chunk.encode("utf-8"))


# ---------------------------------------------------------------------------------------------------
# The peers' files


def _date_text(serial: int) -> str:
    return (EXCEL_EPOCH + dt.timedelta(int(serial))).isoformat()


def _by_voucher(journal: Journal) -> Iterator[tuple[int, list[int]]]:
    """(voucher, its line indices) in journal order."""
    lv = journal.line_voucher.tolist()
    start = 0
    for i in range(1, journal.n + 1):
        if i == journal.n or lv[i] != lv[start]:
            yield lv[start], list(range(start, i))
            start = i


def write_ledger(journal: Journal, path: Path) -> None:
    """The journal for ``ledger`` and ``hledger``: debits positive, credits negative, commodity INR."""
    names = peer_account_names()
    accounts = [names[a.code] for a in ACCOUNTS_CHART]
    amounts = (journal.debit - journal.credit).tolist()
    acct = journal.line_account.tolist()
    with path.open("w", encoding="utf-8") as out:
        out.write(f"; Bahi benchmark journal: {journal.n} lines, seed {journal.seed}\n\n")
        for a in ACCOUNTS_CHART:
            out.write(f"account {names[a.code]}\n")
        out.write(f"\n{FY_START.isoformat()} * Opening balances\n")
        for a in ACCOUNTS_CHART:
            if a.opening:
                out.write(f"    {names[a.code]}  INR {to_decimal_string(a.opening)}\n")
        buf: list[str] = []
        for v, lines in _by_voucher(journal):
            buf.append(f"\n{_date_text(journal.voucher_date[v])} * ({journal.voucher_no[v]}) "
                       f"{journal.narration[v]}\n")
            buf.extend(f"    {accounts[acct[i]]}  INR {to_decimal_string(amounts[i])}\n" for i in lines)
            if len(buf) > 50_000:
                out.write("".join(buf))
                buf.clear()
        out.write("".join(buf))


def write_beancount(journal: Journal, path: Path) -> None:
    """The journal for ``bean-check``: open directives, then a transaction a voucher (its no. as a link)."""
    names = peer_account_names()
    accounts = [names[a.code] for a in ACCOUNTS_CHART]
    amounts = (journal.debit - journal.credit).tolist()
    acct = journal.line_account.tolist()

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    with path.open("w", encoding="utf-8") as out:
        out.write(f"; Bahi benchmark journal: {journal.n} lines, seed {journal.seed}\n")
        out.write(f'option "title" {quoted(COMPANY)}\noption "operating_currency" "INR"\n\n')
        for a in ACCOUNTS_CHART:
            if ":" in names[a.code]:  # the roots ("Assets") exist without being opened
                out.write(f"{FY_START.isoformat()} open {names[a.code]} INR\n")
        out.write(f'\n{FY_START.isoformat()} * "Opening balances"\n')
        for a in ACCOUNTS_CHART:
            if a.opening:
                out.write(f"  {names[a.code]}  {to_decimal_string(a.opening)} INR\n")
        buf: list[str] = []
        for v, lines in _by_voucher(journal):
            payee = f"{quoted(journal.party[v])} " if journal.party[v] else ""
            buf.append(f"\n{_date_text(journal.voucher_date[v])} * {payee}{quoted(journal.narration[v])} "
                       f"^{journal.voucher_no[v]}\n")
            buf.extend(f"  {accounts[acct[i]]}  {to_decimal_string(amounts[i])} INR\n" for i in lines)
            if len(buf) > 50_000:
                out.write("".join(buf))
                buf.clear()
        out.write("".join(buf))


# ---------------------------------------------------------------------------------------------------
# The cache


@dataclass(frozen=True)
class BenchFiles:
    """The generated files of one (n, seed)."""

    n: int
    seed: int
    xlsx: Path
    ledger: Path
    beancount: Path
    expected: Path  # JSON: closing paise per account code, peer account names

    def expected_closing(self) -> dict[str, int]:
        closing = json.loads(self.expected.read_text(encoding="utf-8"))["closing"]
        return {k: int(v) for k, v in closing.items()}

    def peer_names(self) -> dict[str, str]:
        return dict(json.loads(self.expected.read_text(encoding="utf-8"))["peer_names"])


def bench_files(n: int, seed: int = 7, data_dir: Path = DATA_DIR) -> BenchFiles:
    stem = data_dir / f"journal-{n}-s{seed}-v{GENERATOR_VERSION}"
    return BenchFiles(n, seed, stem.with_suffix(".xlsx"), stem.with_suffix(".ledger"),
                      stem.with_suffix(".beancount"), stem.with_suffix(".json"))


def make_journal_book(
    n_lines: int, path: Path | None = None, seed: int = 7, *, verbose: bool = False
) -> BenchFiles:
    """Generate (or reuse from the cache) the workbook and peer files of ``n_lines`` lines.

    With ``path``, the workbook is also copied there (the cache is kept).
    """
    if not 2 <= n_lines <= EXCEL_MAX_LINES:
        raise ValueError(f"n_lines must be between 2 and {EXCEL_MAX_LINES:,}")
    files = bench_files(n_lines, seed)
    if not all(p.exists() for p in (files.xlsx, files.ledger, files.beancount, files.expected)):
        files.xlsx.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        journal = make_journal(n_lines, seed)
        drawn = time.perf_counter()
        for target, writer in ((files.ledger, write_ledger), (files.beancount, write_beancount),
                               (files.xlsx, write_workbook)):
            partial = target.with_name(target.name + ".tmp")
            writer(journal, partial)
            partial.replace(target)
        partial = files.expected.with_name(files.expected.name + ".tmp")
        partial.write_text(json.dumps({"n": n_lines, "seed": seed, "vouchers": journal.vouchers,
                                       "closing": journal.closing(), "peer_names": peer_account_names()},
                                      ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(files.expected)
        if verbose:
            print(f"generated {n_lines:,} lines ({journal.vouchers:,} vouchers) in "
                  f"{time.perf_counter() - started:.1f} s (drawing {drawn - started:.1f} s)")
    if path is not None:
        shutil.copyfile(files.xlsx, path)
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="+", help="journal lines")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for n in args.n:
        files = make_journal_book(n, seed=args.seed, verbose=True)
        for p in (files.xlsx, files.ledger, files.beancount, files.expected):
            print(f"{p}  {p.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
