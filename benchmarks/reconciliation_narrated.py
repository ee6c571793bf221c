"""A second labelled reconciliation generator, made differently from the first: parties in words only.

Written apart from the matcher, to measure it on data it was not shaped on. Where
:mod:`benchmarks.reconciliation_cases` gives most lines a reference and a Party, here:

- the books name the party only inside the narration ("Being rent for Jun-25 paid to M/s Sharma
  Enterprises"); the Party column is blank and a Reference is rare (a cheque number at times);
- the bank prints the party upper-cased, abbreviated (ENTERPRISES → ENTP, PRIVATE LIMITED → PVT
  LTD, TRADERS → TRDRS), at times surname first or as an initial, with a typo now and then, and cut
  to the width of its description field: ``NEFT-HDFC0001234-SHARMA ENTERPR``. Bank UTRs and UPI
  references never appear in the books;
- rent-like standing payments: many payees share a handful of round amounts and are paid in the
  first days of each month, so equal amounts to different parties lie a day or two apart; salaries
  likewise (staff of a grade earn the same, all paid on one day);
- deposit slips: 2–4 cheques received, entered in the books over up to ten days, paid in together
  and credited as one line ("BY CLG SLIP NO 4512") one to three days later;
- lags both ways (a receipt entered after the bank shows it), cheques presented 2–12 days later or
  never, bank-only charges, ECS debits and credits not yet booked, amounts keyed wrongly in the books
  (those lines have no true link: the accountant must correct them), rows entered out of date order.

Truth links are (bank row, book row). ``generate(n, seed)`` gives about ``n`` book lines.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from benchmarks.reconciliation_case import BankLine, BookLine, Case, case_from_lines

START = dt.date(2025, 4, 1)
END = dt.date(2026, 3, 31)
GIVEN = ["Ramesh", "Suresh", "Mahesh", "Dinesh", "Lakshmi", "Geeta", "Harish", "Pooja", "Arvind",
         "Deepak", "Anjali", "Manoj", "Sanjay", "Rekha", "Naveen", "Shalini", "Gopal", "Usha", "Vinod",
         "Savita"]  # fmt: skip
SURNAMES = ["Agarwal", "Bansal", "Chatterjee", "Deshpande", "Fernandes", "Ghosh", "Hegde", "Jain", "Kulkarni",
            "Malhotra", "Menon", "Mishra", "Pillai", "Rao", "Saxena", "Shetty", "Srinivasan", "Tiwari",
            "Verma", "Yadav"]  # fmt: skip
FIRM_HEADS = ["Shree Balaji", "Jai Ambe", "Sai Krishna", "New India", "Laxmi Narayan", "Om Sai", "Maruti",
              "Ganga", "Kaveri", "Vishwakarma", "Annapurna", "Bharat", "Siddhi Vinayak", "Mahalaxmi",
              "Everest", "Sunrise"]  # fmt: skip
FIRM_TAILS = ["Enterprises", "Trading Company", "Traders", "Agencies", "Industries Pvt Ltd", "Distributors",
              "Brothers", "Logistics", "Hardware Stores", "Steel Corporation", "Chemicals Limited",
              "Associates", "Medical Stores", "Electricals", "Private Limited"]  # fmt: skip
IFSC_BANKS = ["HDFC", "SBIN", "ICIC", "UTIB", "KKBK", "PUNB", "BARB", "CNRB", "IDIB", "YESB", "INDB"]
ABBREVIATIONS = {
    "ENTERPRISES": ["ENTP", "ENT", "ENTERPRISE"], "PRIVATE": ["PVT", "PRIV"], "LIMITED": ["LTD"],
    "TRADERS": ["TRDRS", "TRADER"], "TRADING": ["TRDG"], "COMPANY": ["CO"], "BROTHERS": ["BROS"],
    "CORPORATION": ["CORP"], "INDUSTRIES": ["IND", "INDS"], "ASSOCIATES": ["ASSOC"],
    "DISTRIBUTORS": ["DISTRI", "DISTRIBUTOR"], "AGENCIES": ["AGEN", "AGENCY"], "ELECTRICALS": ["ELECT"],
    "CHEMICALS": ["CHEM"], "MEDICAL": ["MED"], "HARDWARE": ["HW", "HARDWR"], "STORES": ["STORE", "STRS"],
    "LOGISTICS": ["LOGI"], "SHREE": ["SHRI", "SH"],
}  # fmt: skip
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
STANDING_AMOUNTS = [1_500_000, 2_000_000, 2_500_000, 3_000_000, 3_500_000, 4_500_000]  # ₹15,000…₹45,000
SALARY_GRADES = [1_200_000, 1_800_000, 2_500_000, 4_000_000]


def _day(date: dt.date, days: int) -> dt.date:
    return date + dt.timedelta(days=days)


def _month_day(month: int, day: int) -> dt.date:
    """Day ``day`` of the ``month``-th month of FY 2025-26 (0 = April)."""
    return dt.date(2025 + (month + 3) // 12, (month + 3) % 12 + 1, day)


class _Writer:
    """The lines as they are drawn, with an entry key each (row order comes at the end)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.bank: list[tuple[dt.date, float, int, str]] = []  # date, order key, amount, description
        self.book: list[tuple[dt.date, float, int, str, str]] = []  # date, entry key, amount, narr, ref
        self.links: list[tuple[int, int, str]] = []  # (bank index, book index, kind)

    def book_line(self, date: dt.date, amount: int, narration: str, reference: str = "") -> int:
        # Most lines are entered on their date; some days or weeks late (rows out of date order).
        late = 0.0 if self.rng.random() < 0.85 else self.rng.uniform(1, 25)
        entered = date.toordinal() + late + self.rng.random() * 0.5
        self.book.append((date, entered, amount, narration, reference))
        return len(self.book) - 1

    def bank_line(self, date: dt.date, amount: int, description: str) -> int | None:
        if date > END:
            return None  # after the statement's period: outstanding
        self.bank.append((date, date.toordinal() + self.rng.random(), amount, description))
        return len(self.bank) - 1

    def link(self, bank: int | None, book: int, kind: str) -> None:
        if bank is not None:
            self.links.append((bank, book, kind))

    def case(self) -> Case:
        book_order = sorted(range(len(self.book)), key=lambda i: self.book[i][1])
        bank_order = sorted(range(len(self.bank)), key=lambda i: self.bank[i][1])
        book_row = {i: r + 2 for r, i in enumerate(book_order)}
        bank_row = {i: r + 2 for r, i in enumerate(bank_order)}
        book: list[BookLine] = [
            (book_row[i], self.book[i][0], self.book[i][2], self.book[i][3], self.book[i][4], "")
            for i in book_order
        ]
        bank: list[BankLine] = [
            (bank_row[i], self.bank[i][0], self.bank[i][2], self.bank[i][3]) for i in bank_order
        ]
        kinds = {(bank_row[b], book_row[j]): kind for b, j, kind in self.links}
        return case_from_lines(bank, book, set(kinds), kinds)


class _Parties:
    """Party names as the books write them, and as the bank prints them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def name(self) -> str:
        rng = self.rng
        if rng.random() < 0.4:
            middle = f" {rng.choice('ABCDKMPRS')}." if rng.random() < 0.2 else ""
            return f"{rng.choice(GIVEN)}{middle} {rng.choice(SURNAMES)}"
        head = rng.choice(FIRM_HEADS) if rng.random() < 0.6 else rng.choice(SURNAMES)
        return f"{head} {rng.choice(FIRM_TAILS)}"

    def in_books(self, name: str) -> str:
        """How an accountant types the name in a narration: as is, "M/s …", lower case, a typo."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.15 and name.split(maxsplit=1)[0] not in GIVEN:  # a firm
            name = f"M/s {name}"
        elif roll < 0.22:
            name = name.lower()
        elif roll < 0.25:
            name = _typo(rng, name)
        return name

    def in_bank(self, name: str, width: int) -> str:
        """Upper case, abbreviated, at times surname first or an initial, a typo now and then, cut."""
        rng = self.rng
        words = name.upper().replace("&", "AND").replace(".", "").split()
        if words and words[0] == "M/S":
            words = words[1:]
        words = [rng.choice(ABBREVIATIONS[w]) if w in ABBREVIATIONS and rng.random() < 0.5 else w
                 for w in words]  # fmt: skip
        if len(words) == 2 and words[0].title() in GIVEN:
            roll = rng.random()
            if roll < 0.15:
                words = [words[1], words[0]]
            elif roll < 0.25:
                words = [words[0][0], words[1]]
        text = " ".join(words)
        if rng.random() < 0.06:
            text = _typo(rng, text)
        return text[:width].rstrip()


def _typo(rng: random.Random, text: str) -> str:
    """One letter dropped, doubled or two swapped (never the first letter)."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _amount(rng: random.Random, scale: float = 10.0) -> int:
    """Half round rupees (hundreds or thousands), half with paise, log-normally spread."""
    rupees = max(int(rng.lognormvariate(scale, 1.2)), 50)
    if rng.random() < 0.5:
        unit = 1000 if rupees >= 20_000 else 100
        return max(round(rupees / unit), 1) * unit * 100
    return rupees * 100 + rng.randrange(100)


def _miskeyed(rng: random.Random, amount: int) -> int:
    """The amount with two adjacent digits swapped (or a digit dropped): a keying error."""
    sign, digits = (1 if amount > 0 else -1), list(str(abs(amount)))
    for _ in range(5):
        i = rng.randrange(len(digits) - 1)
        if digits[i] != digits[i + 1]:
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            return sign * int("".join(digits))
    return amount + 900


def _ifsc(rng: random.Random) -> str:
    return f"{rng.choice(IFSC_BANKS)}0{rng.randrange(10**6):06d}"


def _digits(rng: random.Random, n: int) -> str:
    return f"{rng.randrange(10 ** (n - 1), 10**n)}"


def _electronic_description(rng: random.Random, parties: _Parties, name: str, amount: int) -> str:
    """NEFT / RTGS / IMPS as various banks print them: party cut to the field's width."""
    mode = "RTGS" if abs(amount) >= 20_000_000 else rng.choice(["NEFT", "NEFT", "NEFT", "IMPS"])
    width = rng.choice([12, 14, 16, 18, 20, 24])
    party = parties.in_bank(name, width)
    utr = f"{rng.choice(IFSC_BANKS)}{mode[0]}{_digits(rng, 16)}" if mode != "IMPS" else _digits(rng, 12)
    direction = "CR" if amount > 0 else "DR"
    style = rng.randrange(5)
    if style == 0:
        return f"{mode}-{_ifsc(rng)}-{party}"
    if style == 1:
        return f"{mode} {direction}-{_ifsc(rng)}-{party}-{utr}"
    if style == 2:
        return f"{mode}/{utr}/{party}"
    if style == 3:
        return f"{'BY' if amount > 0 else 'TO'} {mode} {party}"
    return f"{mode}-{utr}-{party}-{_ifsc(rng)}"


PAYMENT_NARRATIONS = [
    "Paid to {p} against bill no. {n}", "Being payment made to {p}", "{p} - payment for inv {n}",
    "Payment to {p} via NEFT", "Purchase payment {p}", "To {p} A/c - bill {n}",
]  # fmt: skip
RECEIPT_NARRATIONS = [
    "Received from {p}", "Being amount received from {p} against inv {n}", "{p} - receipt",
    "Recd from {p} via NEFT", "Recieved from {p} towards o/s", "By {p} A/c",
]  # fmt: skip


def generate(n: int, seed: int = 11) -> Case:
    """About ``n`` book lines and the bank statement for them, with the true links."""
    rng = random.Random(seed)
    out = _Writer(rng)
    parties = _Parties(rng)
    roster = [parties.name() for _ in range(max(60, n // 25))]
    _standing_payments(rng, out, parties, n)
    _salaries(rng, out, parties, n)
    events: list[tuple[float, Callable[[random.Random, _Writer, _Parties, list[str]], None]]] = [
        (0.26, _electronic),
        (0.10, _upi),
        (0.15, _cheque_issued),
        (0.09, _cheque_received),
        (0.07, _deposit_slip),
        (0.03, _bulk_upload),
        (0.05, _cash),
        (0.01, _bank_only),
    ]
    weights = [w for w, _ in events]
    while len(out.book) < n:
        (event,) = rng.choices([e for _, e in events], weights=weights)
        event(rng, out, parties, roster)
    _charges_and_interest(rng, out)
    return out.case()


def _random_day(rng: random.Random) -> dt.date:
    return _day(START, rng.randrange((END - START).days + 1))


def _electronic(rng: random.Random, out: _Writer, parties: _Parties, roster: list[str]) -> None:
    """A NEFT/RTGS/IMPS payment or receipt; now and then keyed wrongly, or entered after the bank."""
    name = rng.choice(roster)
    sign = rng.choice([1, -1, -1])
    amount = sign * _amount(rng)
    day = _random_day(rng)
    lag = rng.choice([0, 0, 0, 1, 1, 2, -1, -2]) if sign > 0 else rng.choice([0, 0, 0, 1, 1, 2])
    bill = rng.randrange(100, 9999)
    template = rng.choice(RECEIPT_NARRATIONS if sign > 0 else PAYMENT_NARRATIONS)
    booked = _miskeyed(rng, amount) if rng.random() < 0.006 else amount
    j = out.book_line(day, booked, template.format(p=parties.in_books(name), n=bill))
    b = out.bank_line(_day(day, lag), amount, _electronic_description(rng, parties, name, amount))
    if booked == amount:
        out.link(b, j, "electronic")


def _upi(rng: random.Random, out: _Writer, parties: _Parties, roster: list[str]) -> None:
    name = rng.choice(roster)
    sign = rng.choice([1, 1, -1])
    amount = sign * (rng.choice([200, 250, 500, 1000, 1500, 2000, 5000]) * 100
                     if rng.random() < 0.5 else _amount(rng, 7.0))  # fmt: skip
    day = _random_day(rng)
    written = parties.in_books(name)
    narration = f"UPI receipt {written}" if sign > 0 else f"UPI payment to {written}"
    j = out.book_line(day, amount, narration)
    handle = rng.choice(["YBL", "OKAXIS", "OKSBI", "PAYTM", "IBL"])
    party = parties.in_bank(name, rng.choice([10, 12, 15]))
    description = f"UPI/{'CR' if sign > 0 else 'DR'}/{_digits(rng, 12)}/{party}/{handle}"
    out.link(out.bank_line(_day(day, rng.choice([0, 0, 1])), amount, description), j, "upi")


def _cheque_issued(rng: random.Random, out: _Writer, parties: _Parties, roster: list[str]) -> None:
    """Presented 2–12 days later; 3% never (cancelled, stale, or lost)."""
    name = rng.choice(roster)
    amount = -_amount(rng)
    day = _random_day(rng)
    cheque = f"{rng.randrange(10**6):06d}"
    written = parties.in_books(name)
    narration = rng.choice([f"Chq no. {cheque} issued to {written}", f"Paid to {written} by cheque",
                            f"{written} - chq {cheque}"])  # fmt: skip
    j = out.book_line(day, amount, narration, cheque if rng.random() < 0.35 else "")
    if rng.random() < 0.03:
        return
    party = parties.in_bank(name, rng.choice([12, 16, 20]))
    description = rng.choice([f"CHQ PAID-{cheque}-{party}", f"CLG/{cheque}/{party}", f"TO CLG {cheque}",
                              f"INWARD CLG CHQ {cheque}"])  # fmt: skip
    out.link(out.bank_line(_day(day, rng.randint(2, 12)), amount, description), j, "cheque-issued")


def _cheque_received(rng: random.Random, out: _Writer, parties: _Parties, roster: list[str]) -> None:
    """One cheque deposited alone, credited 1–4 days after it is entered."""
    name = rng.choice(roster)
    amount = _amount(rng)
    day = _random_day(rng)
    cheque = f"{rng.randrange(10**6):06d}"
    written = parties.in_books(name)
    narration = rng.choice([f"Chq {cheque} recd from {written}", f"Received from {written} by cheque"])
    j = out.book_line(day, amount, narration, cheque if rng.random() < 0.3 else "")
    party = parties.in_bank(name, rng.choice([12, 16]))
    description = rng.choice([f"CLG CR-{cheque}-{party}", f"BY CLG {cheque}", f"CHQ DEP {party}"])
    out.link(out.bank_line(_day(day, rng.randint(1, 4)), amount, description), j, "cheque-received")


def _deposit_slip(rng: random.Random, out: _Writer, parties: _Parties, roster: list[str]) -> None:
    """2–4 cheques received over up to ten days, paid in on one slip, credited as one line."""
    last = _random_day(rng)
    span = rng.randint(0, 10)
    amounts = [_amount(rng) for _ in range(rng.randint(2, 4))]
    rows = []
    for amount in amounts:
        name = parties.in_books(rng.choice(roster))
        cheque = f"{rng.randrange(10**6):06d}"
        narration = rng.choice([f"Chq {cheque} recd from {name}", f"Received from {name} - chq {cheque}",
                                f"By cheque from {name}"])  # fmt: skip
        rows.append(out.book_line(_day(last, -rng.randint(0, span)), amount, narration))
    credited = _day(last, rng.randint(0, 1) + rng.randint(1, 2))
    slip = rng.randrange(100, 99999)
    description = rng.choice([f"BY CLG SLIP NO {slip}", f"CHQ DEP-SLIP {slip}-BRANCH", f"CLEARING CR {slip}",
                              "BY CLEARING"])  # fmt: skip
    b = out.bank_line(credited, sum(amounts), description)
    for j in rows:
        out.link(b, j, "deposit-slip")


def _bulk_upload(rng: random.Random, out: _Writer, parties: _Parties, roster: list[str]) -> None:
    """2–4 vendor payments entered one by one, sent as one bulk NEFT upload (one bank debit)."""
    day = _random_day(rng)
    amounts = [_amount(rng) for _ in range(rng.randint(2, 4))]
    rows = [
        out.book_line(day, -a, rng.choice(PAYMENT_NARRATIONS).format(
            p=parties.in_books(rng.choice(roster)), n=rng.randrange(100, 9999)))
        for a in amounts
    ]  # fmt: skip
    description = f"BULK UPLOAD NEFT BATCH {_digits(rng, 6)}"
    b = out.bank_line(_day(day, rng.choice([0, 1])), -sum(amounts), description)
    for j in rows:
        out.link(b, j, "bulk-upload")


def _cash(rng: random.Random, out: _Writer, _parties: _Parties, _roster: list[str]) -> None:
    """Round cash deposits and withdrawals: no party, the date the only clue."""
    amount = rng.choice([5_000, 10_000, 20_000, 25_000, 50_000]) * 100 * rng.choice([1, -1])
    day = _random_day(rng)
    if amount > 0:
        narration, description = "Cash deposited in bank", rng.choice(["CASH DEPOSIT", "BY CASH"])
    else:
        narration = rng.choice(["Cash withdrawn", "Cash for office exp"])
        description = rng.choice(["ATM WDL", "CASH WDL SELF"])
    j = out.book_line(day, amount, narration)
    out.link(out.bank_line(_day(day, rng.choice([0, 0, 1])), amount, description), j, "cash")


def _bank_only(rng: random.Random, out: _Writer, parties: _Parties, roster: list[str]) -> None:
    """An ECS debit (insurance, loan) or a customer's credit the books do not have yet."""
    if rng.random() < 0.5:
        out.bank_line(_random_day(rng), -_amount(rng), f"NACH DR-LIC OF INDIA-{_digits(rng, 8)}")
    else:
        name = rng.choice(roster)
        out.bank_line(_random_day(rng), _amount(rng), _electronic_description(rng, parties, name, 1))


def _standing_payments(rng: random.Random, out: _Writer, parties: _Parties, n: int) -> None:
    """Rent, maintenance and retainers: ~8% of lines; payees share round amounts, paid on days 1–5."""
    count = max(4, n // 150)
    payees = [(parties.name(), rng.choice(STANDING_AMOUNTS), rng.randint(1, 5)) for _ in range(count)]
    for name, amount, due in payees:
        what = rng.choice(["Being rent for {m} paid to {p}", "Rent {m} - {p}", "Maintenance charges {m} {p}",
                           "Retainer fee {m} to {p}"])  # fmt: skip
        for month in range(12):
            day = _month_day(month, due)
            booked = _day(day, rng.choice([0, 0, 0, -1, 1]))
            narration = what.format(m=f"{MONTHS[month]}-{25 + (month >= 9)}", p=parties.in_books(name))
            j = out.book_line(booked, -amount, narration)
            description = _electronic_description(rng, parties, name, -amount)
            b = out.bank_line(_day(day, rng.choice([0, 0, 1, 1, 2, 3])), -amount, description)
            out.link(b, j, "standing")


def _salaries(rng: random.Random, out: _Writer, parties: _Parties, n: int) -> None:
    """~4% of lines: each employee paid by NEFT on the 1st; a grade's staff all earn the same."""
    staff = [(parties.name() if rng.random() < 0.2 else f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}",
              rng.choice(SALARY_GRADES)) for _ in range(max(3, n // 300))]  # fmt: skip
    for month in range(12):
        paid = _month_day(month, 1)
        for name, amount in staff:
            narration = f"Salary for {MONTHS[month - 1]} paid to {parties.in_books(name)}"
            j = out.book_line(_day(paid, rng.choice([0, 0, -1])), -amount, narration)
            width = rng.choice([14, 16, 20])
            party = parties.in_bank(name, width)
            month_name = MONTHS[month - 1].upper()
            description = rng.choice([f"NEFT-{_ifsc(rng)}-{party}", f"SAL/{party}/{month_name}"])
            out.link(out.bank_line(_day(paid, rng.choice([0, 0, 1])), -amount, description), j, "salary")


def _charges_and_interest(rng: random.Random, out: _Writer) -> None:
    """Bank only: NEFT commissions through the year, monthly SMS and quarterly interest."""
    for _ in range(len(out.book) // 200):
        out.bank_line(_random_day(rng), -rng.choice([295, 590, 1770, 2950]), rng.choice(
            ["NEFT COMM+GST", "CHRG: IMPS", "CHQ RETURN CHGS", "GST ON CHGS"]))  # fmt: skip
    for month in range(12):
        out.bank_line(_month_day(month, 28), -rng.choice([1770, 2360]), "SMS CHGS")
        if month % 3 == 2:
            out.bank_line(_month_day(month, 30), rng.randrange(20_000, 200_000), "INT CREDIT SB")
