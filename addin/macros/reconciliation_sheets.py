"""The sheets bank reconciliation writes: the BRS with its items and proposals, and the run log.

Amounts are never shown with a minus: the items (always positive) in the lakh-grouped
:data:`~addin.engine.money.INR_FORMAT`, each balance and the difference as an amount and its side
in the column beside it. The side is the books' (a debit balance is Dr) for every balance but the
bank's own: the balance as per bank statement stands as the pass book shows it, money in the bank
Cr and an overdraft Dr, its title saying which ("in your favour", "overdrawn"); the arithmetic
below it is unchanged. The terminal's BRS (:func:`brs_records`) shows the same sides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from addin.books.base import DATE_FORMAT, HIGHLIGHT_ERROR, CellValue, OwnedSheet
from addin.engine.cells import quote_sheet
from addin.engine.ledger import Settings
from addin.engine.money import BRACKETED_INR_FORMAT, INR_FORMAT, side, to_decimal_string, to_rupees
from addin.engine.reconciliation.reconcile import Reconciliation
from addin.engine.reconciliation.statement import OutstandingItem
from addin.engine.schema import RECONCILIATION_LOG_SHEET, RECONCILIATION_SHEET, Column, TableSpec

RECONCILIATION_LOG = TableSpec(
    name="ReconciliationLog",
    sheet=RECONCILIATION_LOG_SHEET,
    hi="मिलान लॉग",
    columns=(
        Column("Run", "रन"),
        Column("Time", "समय"),
        Column("Account", "खाता"),
        Column("As of", "तिथि तक"),
        Column("Matches", "मिलान"),
        Column("Unmatched Bank", "बिना मिलान बैंक"),
        Column("Unmatched Journal", "बिना मिलान बही"),
        Column("Difference", "अंतर"),
        Column("Status", "स्थिति"),
    ),
)
"""The Reconciliation Log: one row a run, read back to number the next run and to undo one."""

ACTIVE = "active"
UNDONE = "undone"

BANK_BALANCE = "Balance as per bank statement (pass book) / बैंक विवरण (पासबुक) के अनुसार शेष"
IN_YOUR_FAVOUR = "in your favour / आपके पक्ष में"
OVERDRAWN = "overdrawn / ओवरड्राफ्ट"
ADJUSTED_BALANCE = "Adjusted bank balance / समायोजित बैंक शेष"
BOOKS_BALANCE = "Balance as per books / बही के अनुसार शेष"
BRS_SECTIONS: tuple[tuple[str, str, bool], ...] = (
    ("Add: deposits not yet credited by the bank / जोड़ें: जमा जो बैंक में नहीं आए", "deposits_not_credited", False),
    (
        "Less: cheques issued, not yet presented / घटाएँ: जारी चेक जो प्रस्तुत नहीं हुए",
        "cheques_not_presented",
        False,
    ),
    (
        "Less: credited by the bank, not in the books / घटाएँ: बैंक ने जमा किया, बही में नहीं",
        "credited_by_bank_only",
        True,
    ),
    (
        "Add: debited by the bank, not in the books / जोड़ें: बैंक ने नामे किया, बही में नहीं",
        "debited_by_bank_only",
        True,
    ),
)
"""The BRS's sections of outstanding items, in order: title, the statement's attribute, and whether
its items are bank lines (else journal lines). The sheet and the terminal both lay the BRS out so."""


def difference_title(reconciled: bool) -> str:
    """The unexplained difference's title, with the verdict."""
    verdict = "reconciled / मिलान पूर्ण" if reconciled else "NOT EXPLAINED — check / अस्पष्ट — जाँचें"
    return f"Unexplained difference / अस्पष्ट अंतर ({verdict})"


def _balance(title: str, paise: int) -> list[CellValue]:
    """A row stating a balance: the title, the amount (never negative) and its side."""
    return [title, "", "", "", to_rupees(abs(paise)), side(paise)]


def bank_balance_title(paise: int) -> str:
    """The title of the balance as per bank statement (``paise`` the books' way, debit = money in the
    bank), saying whether it is in the account holder's favour or overdrawn.

    >>> bank_balance_title(500).endswith("in your favour / आपके पक्ष में"), bank_balance_title(0) == BANK_BALANCE
    (True, True)
    """
    standing = IN_YOUR_FAVOUR if paise > 0 else OVERDRAWN if paise < 0 else ""
    return f"{BANK_BALANCE}: {standing}" if standing else BANK_BALANCE


def _pass_book_balance(paise: int) -> list[CellValue]:
    """The balance as per bank statement (``paise`` the books' way) as the pass book shows it:
    money in the bank Cr, an overdraft Dr."""
    return _balance(bank_balance_title(paise), -paise)


def _date(value: dt.date | None) -> CellValue:
    return value if value is not None else ""


def _section(
    rows: list[list[CellValue]],
    links: dict[tuple[int, int], str],
    bold: set[int],
    *,
    title: str,
    items: Sequence[OutstandingItem],
    sheet: str,
    could_be: Mapping[int, str],
) -> int:
    """Append a titled list of items, each linked to its row and with what it could be matched to
    (``could_be``, by row); returns their total (paise)."""
    bold.add(len(rows))
    total = sum(i.amount for i in items)
    rows.append([title, "", "", "", to_rupees(total)])
    first = len(rows)
    rows.extend(
        ["", _date(i.date), i.text, f"{sheet}!A{i.row}", to_rupees(i.amount), "", could_be.get(i.row, "")]
        for i in items
    )
    target = f"#{quote_sheet(sheet)}!A"
    links.update({(first + k, 3): f"{target}{i.row}" for k, i in enumerate(items)})
    return total


def could_be(
    possible: Mapping[int, tuple[tuple[int, ...], ...]], *, bank_sheet: str, journal_sheet: str
) -> tuple[dict[int, str], dict[int, str]]:
    """What each open line could be matched to, as the BRS shows it: for a bank row, the sets of
    journal rows its amount could be ("Journal 112 + 118 or 113 + 120"); for a journal row, the bank
    rows whose sets hold it ("Bank Statement 4512").

    >>> could_be({7: ((12, 18), (13,))}, bank_sheet="Bank Statement", journal_sheet="Journal")
    ({7: 'Journal 12 + 18 or 13'}, {12: 'Bank Statement 7', 18: 'Bank Statement 7', 13: 'Bank Statement 7'})
    """
    for_bank = {
        row: f"{journal_sheet} " + " or ".join(" + ".join(map(str, s)) for s in sets)
        for row, sets in possible.items()
    }
    banks_of: dict[int, list[int]] = {}
    for row, sets in possible.items():
        for j in dict.fromkeys(j for s in sets for j in s):
            banks_of.setdefault(j, []).append(row)
    for_journal = {j: f"{bank_sheet} " + " or ".join(map(str, sorted(b))) for j, b in banks_of.items()}
    return for_bank, for_journal


def reconciliation_sheet(
    result: Reconciliation, settings: Settings, *, bank_sheet: str, journal_sheet: str
) -> OwnedSheet:
    """The bank reconciliation statement, its outstanding items (each linked to its row) and the
    journal entries proposed for bank charges and interest (to copy into the Journal if agreed)."""
    brs = result.statement
    as_of = brs.as_of.strftime("%d/%m/%Y") if brs and brs.as_of else ""
    rows: list[list[CellValue]] = [
        [f"Bank Reconciliation Statement / बैंक समाधान विवरण — {settings.company}", "", "", "", ""],
        [f"Account / खाता: {result.account} {result.account_name}   As of / तिथि: {as_of}", "", "", "", ""],
        [
            "",
            "Date / दिनांक",
            "Particulars / विवरण",
            "Row / पंक्ति",
            "Amount / राशि",
            "Dr/Cr / नामे/जमा",
            "Could be (rows) / संभावित मिलान (पंक्तियाँ)",
        ],
    ]
    for_bank, for_journal = could_be(result.possible, bank_sheet=bank_sheet, journal_sheet=journal_sheet)
    links: dict[tuple[int, int], str] = {}
    bold = {0, 2}
    fills: dict[tuple[int, int], str] = {}
    if brs is not None:
        bold.add(len(rows))
        rows.append(_pass_book_balance(brs.balance_per_bank))
        for title, attribute, bank_lines in BRS_SECTIONS:
            _section(
                rows,
                links,
                bold,
                title=title,
                items=getattr(brs, attribute),
                sheet=bank_sheet if bank_lines else journal_sheet,
                could_be=for_bank if bank_lines else for_journal,
            )
        bold.update({len(rows), len(rows) + 1, len(rows) + 2})
        rows.append(_balance(ADJUSTED_BALANCE, brs.adjusted_bank_balance))
        rows.append(_balance(BOOKS_BALANCE, brs.balance_per_books))
        difference_row = len(rows)
        rows.append(_balance(difference_title(brs.is_reconciled), brs.unexplained_difference))
        if not brs.is_reconciled:
            fills[(difference_row, 4)] = HIGHLIGHT_ERROR
            fills[(difference_row, 0)] = HIGHLIGHT_ERROR
    rows.append(["", "", "", "", ""])
    bold.add(len(rows))
    rows.append(["Proposed journal entries (not posted) / प्रस्तावित प्रविष्टियाँ (दर्ज नहीं)", "", "", "", ""])
    bold.add(len(rows))
    rows.append(
        [
            "Debit account / नामे खाता",
            "Date / दिनांक",
            "Narration / विवरण",
            "Credit account / जमा खाता",
            "Amount / राशि",
        ]
    )
    for p in result.proposals:
        links[(len(rows), 2)] = f"#{quote_sheet(bank_sheet)}!A{p.bank_row}"
        rows.append(
            [
                p.debit_account or "?",
                _date(p.date),
                p.narration,
                p.credit_account or "?",
                to_rupees(p.amount),
            ]
        )
    matched = len(result.matching.matches)
    rows.append(["", "", "", "", ""])
    rows.append(
        [
            f"Matches / मिलान: {matched}; unmatched bank lines / बिना मिलान बैंक पंक्तियाँ: "
            f"{len(result.matching.unmatched_bank)}; unmatched journal lines / बिना मिलान बही पंक्तियाँ: "
            f"{len(result.matching.unmatched_journal)}",
            "",
            "",
            "",
            "",
        ]
    )
    return OwnedSheet(
        name=RECONCILIATION_SHEET,
        rows=rows,
        header_rows=3,
        number_formats={1: DATE_FORMAT, 4: INR_FORMAT},
        links=links,
        widths={0: 62, 1: 11, 2: 44, 3: 24, 4: 15.5, 5: 8, 6: 38},
        bold_rows=frozenset(bold),
        fills=fills,
        wrap_columns=frozenset({2, 6}),
    )  # fmt: skip


def brs_records(result: Reconciliation, *, bank_sheet: str, journal_sheet: str) -> list[dict[str, str]]:
    """The BRS as records for the terminal, laid out as on the Bank Reconciliation sheet: the balance
    per bank, each section's total (kind "section") and its open lines (kind "line": where the line
    is and what it could be matched to), the adjusted balance, the balance per books and the
    unexplained difference (kind "balance"; balances signed, debit positive, but for the balance per
    bank: signed as the pass book shows it, credit = in your favour, as on the sheet). Empty without a
    BRS."""
    brs = result.statement
    if brs is None:
        return []
    for_bank, for_journal = could_be(result.possible, bank_sheet=bank_sheet, journal_sheet=journal_sheet)

    def balance(title: str, paise: int) -> dict[str, str]:
        return {"kind": "balance", "date": "", "narration": title, "where": "", "amount": "",
                "balance": to_decimal_string(paise), "could_be": ""}  # fmt: skip

    records = [balance(bank_balance_title(brs.balance_per_bank), -brs.balance_per_bank)]
    for title, attribute, bank_lines in BRS_SECTIONS:
        items: Sequence[OutstandingItem] = getattr(brs, attribute)
        sheet, maybe = (bank_sheet, for_bank) if bank_lines else (journal_sheet, for_journal)
        total = sum(i.amount for i in items)
        records.append({"kind": "section", "date": "", "narration": title, "where": "",
                        "amount": to_decimal_string(total), "balance": "", "could_be": ""})  # fmt: skip
        records.extend(
            {"kind": "line", "date": i.date.isoformat() if i.date else "", "narration": i.text,
             "where": f"{sheet}!A{i.row}", "amount": to_decimal_string(i.amount), "balance": "",
             "could_be": maybe.get(i.row, "")}
            for i in items
        )  # fmt: skip
    records.append(balance(ADJUSTED_BALANCE, brs.adjusted_bank_balance))
    records.append(balance(BOOKS_BALANCE, brs.balance_per_books))
    records.append(balance(difference_title(brs.is_reconciled), brs.unexplained_difference))
    return records


def log_sheet(runs: Sequence[Sequence[CellValue]]) -> OwnedSheet:
    """The Reconciliation Log: headings and one row a run, oldest first."""
    return OwnedSheet(
        name=RECONCILIATION_LOG_SHEET,
        rows=[[c.heading for c in RECONCILIATION_LOG.columns], *[list(r) for r in runs]],
        number_formats={7: BRACKETED_INR_FORMAT},
        widths={0: 8, 1: 20, 2: 28, 3: 12, 4: 10, 5: 16, 6: 16, 7: 14, 8: 10},
    )
