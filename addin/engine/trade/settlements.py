"""Loading the Receipts and Payments tables: money from customers and to vendors, bill by bill.

One row is one allocation of a receipt or payment; rows sharing a Number are one receipt (payment),
posted as one voucher. **Against** says what the row settles, as Tally's bill-wise references do:

- an invoice or bill number of the party (Tally's *Agst Ref*);
- blank or "On Account": a payment not against any bill yet (*On Account*);
- "Advance": money before the invoice (*Advance*; shown apart in the aging);
- "Opening": the party's opening balance.

:func:`load_settlements` returns the frame, one row a row of the table, in workbook order: ``row``,
``number``, ``date`` (datetime64[ns]), ``party`` (code, "" unknown), ``amount`` (paise), ``against``
(as typed), ``reference_kind`` ("bill", "on-account", "advance" or "opening"), ``account`` (the bank
or cash account code: the Account cell, else the Settings' Bank Account), ``reference`` (UTR, cheque
number), ``tds_section`` ("" for none: the row's, else the party's), ``tds`` (paise typed),
``tds_given`` (bool: a TDS was typed), ``ok`` (bool: readable and consistent; only ok rows are
allocated and posted).

Rows of one Number must agree on Date and Party (``inconsistent-document`` otherwise, and the
receipt is not posted).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.cells import UnreadCell, fold
from addin.engine.issues import Issue
from addin.engine.ledger import Settings
from addin.engine.load import TableReader, blank_rows, resolve_accounts
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import PAYMENTS, RECEIPTS, TableSpec
from addin.engine.tables import RawTable
from addin.engine.trade.columns import casefolded, codes, folded_codes, locate, take_text, text
from addin.engine.trade.documents import fy_start_years, shown_date
from addin.engine.trade.located import Located, issues_at, open_table

REFERENCE_KINDS: dict[str, str] = {
    "": "on-account",
    "on account": "on-account",
    "on-account": "on-account",
    "onaccount": "on-account",
    "खाते पर": "on-account",
    "advance": "advance",
    "अग्रिम": "advance",
    "opening": "opening",
    "opening balance": "opening",
    "प्रारंभिक शेष": "opening",
}
"""Against cells that are not a bill number, folded → the kind of reference."""

COLUMNS = (
    "row",
    "number",
    "date",
    "fy",
    "party",
    "amount",
    "against",
    "reference_kind",
    "account",
    "reference",
    "tds_section",
    "tds",
    "tds_given",
    "ok",
)


@dataclass(frozen=True)
class SettlementSet:
    """Receipts (``side`` "sales") or payments (``side`` "purchases"): the frame and where it stands."""

    side: str
    frame: pd.DataFrame
    where: Located


def empty_settlements(side: str, where: Located) -> SettlementSet:
    return SettlementSet(side, _typed({c: [] for c in COLUMNS}), where)


def _typed(data: Mapping[str, Any]) -> pd.DataFrame:
    ints = {"row", "amount", "tds", "fy"}
    bools = {"tds_given", "ok"}
    frame = pd.DataFrame({c: data[c] for c in COLUMNS})
    types: dict[str, Any] = {
        c: np.int64 if c in ints else np.bool_ if c in bools else "datetime64[ns]" if c == "date" else "str"
        for c in COLUMNS
    }
    return frame.astype(types)


def reference_kind(against: str) -> str:
    """What an Against cell refers to: "on-account", "advance", "opening" or "bill".

    >>> [reference_kind(t) for t in ("", "On Account", "ADVANCE", "Opening Balance", "SGT/25-26/0001")]
    ['on-account', 'on-account', 'advance', 'opening', 'bill']
    """
    return REFERENCE_KINDS.get(fold(against), "bill")


def reference_kinds(against: pd.Series[str]) -> pd.Series[str]:
    """:func:`reference_kind` of each Against cell, vectorised (a bill number unless a keyword).

    >>> reference_kinds(pd.Series(["S/1", " on  account ", "", "Advance"], dtype="str")).tolist()
    ['bill', 'on-account', 'on-account', 'advance']
    """
    line_codes, uniques = folded_codes(against)
    kinds = pd.Series(REFERENCE_KINDS, dtype="str").reindex(uniques).fillna("bill")
    return take_text(text(kinds), line_codes)


def load_settlements(
    table: RawTable | None,
    side: str,
    *,
    parties: pd.DataFrame,
    party_codes: Mapping[str, str],
    account_codes: Mapping[str, str],
    settings: Settings,
) -> tuple[SettlementSet, list[Issue]]:
    """The Receipts (``side`` "sales") or Payments (``side`` "purchases") table, with its issues.

    A missing table is no issue: a book may keep no receipts or payments here.
    """
    spec: TableSpec = RECEIPTS if side == "sales" else PAYMENTS
    opened = open_table(table, spec, required=False)
    where, issues = opened.where, opened.issues
    if table is None or not opened.complete:
        return empty_settlements(side, where), issues
    reader = TableReader(table, opened.positions)
    number = reader.text("Number", UnreadCell.VOUCHER)
    date = reader.dates("Date", UnreadCell.DATE)
    party_t = reader.text("Party")
    amount = reader.amounts("Amount", UnreadCell.DEBIT)
    against = reader.text("Against")
    account_t = reader.text("Account")
    reference = reader.text("Reference")
    section_t = reader.text("TDS Section")
    tds = reader.amounts("TDS", UnreadCell.CREDIT)
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    found: list[Issue] = [*issues, *reader.issues, *blank_issues]
    keep = np.flatnonzero(~blank)
    n = table.row_count
    rows_all = table.header_row + 1 + np.arange(n, dtype=np.int64)
    rows = rows_all[keep]

    def kept(series: pd.Series[str]) -> pd.Series[str]:
        return series.iloc[keep].reset_index(drop=True)

    def at(rule: Rule, column: str, picks: Any, values: list[str], **fields: Any) -> None:
        found.extend(issues_at(where, rule, column, rows[picks].tolist(), values, **fields))

    numbers, party_text, against_text = kept(number), kept(party_t), kept(against)
    party = resolve_accounts(party_text, party_codes)
    days = date.values[keep]
    unread = reader.unread[keep]
    ok = (unread & int(UnreadCell.DATE | UnreadCell.DEBIT | UnreadCell.CREDIT | UnreadCell.VOUCHER)) == 0
    no_number = numbers.eq("").to_numpy()
    picks = np.flatnonzero(no_number)
    at(Rule.MISSING_DOCUMENT_NUMBER, "Number", picks, [""] * len(picks))
    no_date = np.isnat(days) & ((unread & int(UnreadCell.DATE)) == 0)
    picks = np.flatnonzero(no_date)
    at(Rule.MISSING_DATE, "Date", picks, [""] * len(picks))
    unknown = party.eq("").to_numpy()
    picks = np.flatnonzero(unknown & party_text.ne("").to_numpy())
    at(Rule.UNKNOWN_PARTY, "Party", picks, party_text.iloc[picks].tolist())
    picks = np.flatnonzero(unknown & party_text.eq("").to_numpy())
    found.extend(
        issues_at(
            where, Rule.UNKNOWN_PARTY, "Party", rows[picks].tolist(), [""] * len(picks), variant="blank"
        )
    )
    paise = amount.paise[keep]
    bad_amount = ~amount.readable[keep] | (paise <= 0)
    picks = np.flatnonzero(amount.negative[keep])
    at(Rule.NEGATIVE_AMOUNT, "Amount", picks, [format_inr(int(paise[i])) for i in picks], variant="trade")
    picks = np.flatnonzero(amount.blank[keep])
    at(Rule.NO_AMOUNT, "Amount", picks, [""] * len(picks), variant="trade")
    tds_paise = tds.paise[keep]
    picks = np.flatnonzero(tds.negative[keep])
    at(Rule.NEGATIVE_AMOUNT, "TDS", picks, [format_inr(int(tds_paise[i])) for i in picks], variant="trade")
    ok &= ~no_number & ~np.isnat(days) & ~unknown & ~bad_amount & ~tds.negative[keep]

    # one Number, one date and one party
    frame = pd.DataFrame({"number": casefolded(numbers), "date": days, "party": party})
    first = frame.reset_index().groupby("number", sort=False)["index"].transform("first").to_numpy()
    party_codes_of, _ = codes(party)
    for column, own in (("Date", days), ("Party", party_codes_of)):
        differs = ~no_number & (first != np.arange(len(keep))) & (own != own[first])
        if column == "Date":
            differs &= ~np.isnat(days)
        picks = np.flatnonzero(differs)
        if not len(picks):
            continue
        firsts = first[picks].tolist()
        texts = [shown_date(days[i]) if column == "Date" else str(party_text.iat[i]) for i in picks.tolist()]
        first_texts = [shown_date(days[i]) if column == "Date" else str(party_text.iat[i]) for i in firsts]
        at(
            Rule.INCONSISTENT_DOCUMENT,
            column,
            picks,
            texts,
            first=first_texts,
            first_row=rows[firsts].tolist(),
        )
        ok[np.isin(frame["number"].to_numpy(), frame["number"].to_numpy()[picks])] = False

    # the financial year
    bounds = settings.fy_bounds()
    if bounds is not None:
        start, end = (np.datetime64(b, "ns") for b in bounds)
        outside = ~np.isnat(days) & ((days < start) | (days > end))
        picks = np.flatnonzero(outside)
        at(
            Rule.OUTSIDE_FINANCIAL_YEAR,
            "Date",
            picks,
            [shown_date(days[i]) for i in picks],
            start=shown_date(bounds[0]),
            end=shown_date(bounds[1]),
        )
        ok &= ~outside

    # the bank (or cash) account, and the TDS section
    account_typed = kept(account_t)
    account = resolve_accounts(account_typed, account_codes)
    picks = np.flatnonzero(account_typed.ne("").to_numpy() & account.eq("").to_numpy())
    at(Rule.UNKNOWN_ACCOUNT, "Account", picks, account_typed.iloc[picks].tolist())
    ok[picks] = False
    default_bank = account_codes.get(fold(settings.bank_account), "") if settings.bank_account else ""
    account = account.mask(account_typed.eq(""), default_bank)
    own_section = kept(section_t).str.upper()
    if side != "sales":
        from_party = take_text(parties["tds_section"], locate(parties["code"], party))
        section = own_section.mask(own_section.eq(""), from_party)
    else:
        section = own_section
    kinds = reference_kinds(against_text)
    result = _typed(
        {
            "row": rows,
            "number": numbers,
            "date": days,
            "fy": fy_start_years(days, settings.fy_start_month),
            "party": party,
            "amount": np.where(bad_amount, 0, paise),
            "against": against_text,
            "reference_kind": kinds,
            "account": account,
            "reference": kept(reference),
            "tds_section": section,
            "tds": tds_paise,
            "tds_given": tds.readable[keep],
            "ok": ok,
        }
    )
    return SettlementSet(side, result, where), found
