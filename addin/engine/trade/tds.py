"""TDS on vendor payments, from a TDSSections table of rates and limits kept as data.

The template's TDSSections rows are the Income-tax Act's rates and limits for financial year
2025-26 (Finance Act 2025 raised several limits from 1 April 2025):

======= ======================================== ============= ======= =========== ============
section nature                                   individual/HUF others  single      yearly
======= ======================================== ============= ======= =========== ============
194C    payments to contractors                  1%            2%      ₹30,000     ₹1,00,000
194J    fees for professional services           10%           10%     —           ₹50,000
194I    rent of land, building or furniture      10%           10%     ₹50,000 a   —
                                                                       month
194Q    purchase of goods (buyer's turnover      0.1%          0.1%    —           ₹50,00,000,
        above ₹10 crore)                                                           on the excess
======= ======================================== ============= ======= =========== ============

Without a PAN the No PAN Rate applies (section 206AA: 20%; 5% for 194Q).

How Bahi proposes the TDS of a payment row (its section: the row's TDS Section, else the party's):

1. *Base*: the amount, less the GST in it when it settles a bill that shows GST separately (CBDT
   circular 23/2017: no TDS on the GST component) — the amount × the bill's taxable value / its
   value. On account or advance: the whole amount.
2. *Limits*, per party, section and financial year, payments in date order: a payment above the
   Single Limit is taxed; once the year's payments pass the Yearly Limit, the payment that passes it
   is taxed together with the earlier untaxed ones of the year, and every later one in full. With
   On Excess (194Q) only what passes the Yearly Limit is taxed.
3. *Rate*: No PAN Rate when the party has no PAN; Rate Individual when its PAN's 4th character is P
   or H (individual, HUF); Rate Others otherwise. TDS = base × rate, rounded to the whole rupee
   (challans are paid in rupees).

A TDS typed on the row is posted as typed; when it differs from the proposal, ``tds-differs`` says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.cells import UnreadCell, cell_text
from addin.engine.issues import Issue
from addin.engine.load import TableReader, blank_rows, resolve_accounts
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import TDS_SECTIONS
from addin.engine.tables import RawTable
from addin.engine.trade.columns import casefolded
from addin.engine.trade.documents import DocumentSet
from addin.engine.trade.located import Located, issues_at, open_table
from addin.engine.trade.settlements import SettlementSet
from addin.engine.trade.tax import POINTS, divide_half_up, round_to_rupee
from addin.engine.trade.values import format_percent, number_reasons, percent_points, yes_flags

IntArray = npt.NDArray[np.int64]

NO_PAN_POINTS = 2000
"""Section 206AA: 20% when the payee has given no PAN (unless the table says otherwise)."""


def section_key(text: str) -> str:
    """A section as compared: capitals, no spaces or hyphens ("194-I" = "194I" = " 194i ").

    >>> section_key("194-I"), section_key(" 194c ")
    ('194I', '194C')
    """
    return "".join(ch for ch in text.upper() if ch.isalnum())


@dataclass(frozen=True)
class TdsSections:
    """The TDSSections table: ``frame`` with ``row``, ``section`` (as typed), ``key``
    (:func:`section_key`), ``nature``, ``rate_individual``, ``rate_others``, ``rate_no_pan`` (basis
    points), ``single_limit``, ``yearly_limit`` (paise, 0 for none), ``on_excess`` (bool), ``account``."""

    frame: pd.DataFrame
    where: Located

    def by_key(self) -> dict[str, dict[str, Any]]:
        return {str(r["key"]): {str(k): v for k, v in r.items()} for r in self.frame.to_dict("records")}


def load_tds_sections(
    table: RawTable | None, account_codes: Mapping[str, str]
) -> tuple[TdsSections, list[Issue]]:
    """The TDSSections table (optional: without it no TDS is proposed), with its issues."""
    columns = (
        "row",
        "section",
        "key",
        "nature",
        "rate_individual",
        "rate_others",
        "rate_no_pan",
        "single_limit",
        "yearly_limit",
        "on_excess",
        "account",
    )
    opened = open_table(table, TDS_SECTIONS, required=False)
    where, issues = opened.where, opened.issues
    if table is None or not opened.complete:
        return TdsSections(pd.DataFrame({c: [] for c in columns}), where), issues
    reader = TableReader(table, opened.positions)
    section = reader.text("Section", UnreadCell.CODE)
    nature = reader.text("Nature")
    rates = {c: reader.raw(c) for c in ("Rate Individual", "Rate Others", "No PAN Rate")}
    single = reader.amounts("Single Limit", UnreadCell.OTHER)
    yearly = reader.amounts("Yearly Limit", UnreadCell.OTHER)
    on_excess = reader.raw("On Excess")
    account_typed = reader.text("Account")
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    found = [*issues, *reader.issues, *blank_issues]
    n = table.row_count
    rows = table.header_row + 1 + np.arange(n, dtype=np.int64)
    empty = pd.Series([None] * n, dtype=object)
    parsed = {c: percent_points(s if s is not None else empty) for c, s in rates.items()}
    for column, points in parsed.items():
        picks = np.flatnonzero((points.unreadable | points.error) & ~blank)
        typed = rates[column]
        raw = typed.tolist() if typed is not None else [None] * n
        found += issues_at(
            where,
            Rule.UNREADABLE_AMOUNT,
            column,
            rows[picks].tolist(),
            [cell_text(raw[i]) for i in picks.tolist()],
            reason=number_reasons([raw[i] for i in picks.tolist()]),
        )
    no_pan = parsed["No PAN Rate"]
    account = resolve_accounts(account_typed, account_codes)
    picks = np.flatnonzero(~blank & account.eq("").to_numpy())
    found += issues_at(
        where, Rule.UNKNOWN_ACCOUNT, "Account", rows[picks].tolist(), account_typed.iloc[picks].tolist()
    )
    frame = pd.DataFrame(
        {
            "row": rows,
            "section": section,
            "key": [section_key(s) for s in section.tolist()],
            "nature": nature,
            "rate_individual": parsed["Rate Individual"].paise,
            "rate_others": parsed["Rate Others"].paise,
            "rate_no_pan": np.where(no_pan.readable, no_pan.paise, NO_PAN_POINTS),
            "single_limit": single.paise,
            "yearly_limit": yearly.paise,
            "on_excess": yes_flags(on_excess if on_excess is not None else empty),
            "account": account,
        }
    )[~blank].reset_index(drop=True)
    return TdsSections(frame, where), found


@dataclass(frozen=True)
class TdsProposal:
    """Per payment row (aligned with the payments frame): ``section`` (key, "" for none), ``rate``
    (basis points), ``base`` and ``proposed`` (paise), ``tds`` (paise: typed, else proposed) and
    ``account`` (the payable account; "" when the section is unknown)."""

    frame: pd.DataFrame


def bill_bases(payments: pd.DataFrame, purchases: DocumentSet | None) -> IntArray:
    """Each payment's base: the amount without the GST of the bill it settles (circular 23/2017)."""
    amount = payments["amount"].to_numpy(dtype=np.int64)
    if purchases is None or purchases.documents.empty or payments.empty:
        return amount.copy()
    docs = purchases.documents
    bills = docs[docs["ok"] & (docs["doc_kind"] == "bill")]
    ratio = pd.DataFrame(
        {
            "party": bills["party"],
            "ref": casefolded(bills["number"]),
            "taxable": bills["taxable"],
            "value": bills["value"],
        }
    ).drop_duplicates(["party", "ref"])
    keys = pd.DataFrame({"party": payments["party"], "ref": casefolded(payments["against"])})
    merged = keys.merge(ratio, on=["party", "ref"], how="left")
    found = (merged["value"].fillna(0).to_numpy() > 0) & (payments["reference_kind"].to_numpy() == "bill")
    taxable = merged["taxable"].fillna(0).to_numpy(dtype=np.int64)
    value = np.where(found, merged["value"].fillna(1).to_numpy(dtype=np.int64), 1)
    share = np.minimum(taxable, value)
    scaled = (amount * share * 2 + value) // (2 * value)  # amount × taxable / value, half up
    out: IntArray = np.where(found, scaled, amount).astype(np.int64)
    return out


def tds_on(base: int, rate_points: int) -> int:
    """TDS on a base in paise at a rate in basis points, rounded half up to the whole rupee.

    >>> tds_on(1_25_000_00, 200), tds_on(45_250_00, 100), tds_on(20_00_000_00, 10)
    (250000, 45300, 200000)
    """
    return int(round_to_rupee(divide_half_up(np.array([base * rate_points], dtype=np.int64), POINTS))[0])


def propose_tds(
    payments: SettlementSet,
    parties: pd.DataFrame,
    sections: TdsSections,
    purchases: DocumentSet | None = None,
) -> tuple[TdsProposal, list[Issue]]:
    """The TDS of every payment row, with ``unknown-tds-section`` and ``tds-differs`` issues."""
    frame = payments.frame
    n = len(frame)
    section_out = [""] * n
    rate_out = np.zeros(n, dtype=np.int64)
    base_out = bill_bases(frame, purchases)
    taxed_out = np.zeros(n, dtype=np.int64)
    account_out = [""] * n
    found: list[Issue] = []
    known = sections.by_key()
    pans = dict(zip(parties["code"], parties["pan"], strict=True))
    individual = dict(zip(parties["code"], parties["individual"], strict=True))
    where = payments.where
    state: dict[
        tuple[str, str, int], list[int]
    ] = {}  # (party, section, fy) -> [cumulative, untaxed, crossed]
    order = np.lexsort((frame["row"].to_numpy(), frame["date"].to_numpy())) if n else np.zeros(0, np.int64)
    sections_typed = frame["tds_section"].tolist()
    rows, party_of, fy_of = frame["row"].tolist(), frame["party"].tolist(), frame["fy"].tolist()
    ok_of, given_of, tds_of = frame["ok"].tolist(), frame["tds_given"].tolist(), frame["tds"].tolist()
    for i in order.tolist():
        typed = sections_typed[i]
        if not typed:
            if given_of[i] and tds_of[i]:
                found += issues_at(
                    where, Rule.UNKNOWN_TDS_SECTION, "TDS Section", [rows[i]], [""], variant="blank"
                )
            continue
        key = section_key(typed)
        spec = known.get(key)
        if spec is None:
            found += issues_at(where, Rule.UNKNOWN_TDS_SECTION, "TDS Section", [rows[i]], [typed])
            continue
        section_out[i], account_out[i] = key, str(spec["account"])
        if not ok_of[i]:
            continue
        party = str(party_of[i])
        pan = pans.get(party, "")
        rate = int(
            spec["rate_no_pan"]
            if not pan
            else spec["rate_individual"]
            if individual.get(party, False)
            else spec["rate_others"]
        )
        rate_out[i] = rate
        base = int(base_out[i])
        group = (party, key, int(fy_of[i]))
        cumulative, untaxed, crossed = state.setdefault(group, [0, 0, 0])
        before, cumulative = cumulative, cumulative + base
        single, yearly = int(spec["single_limit"]), int(spec["yearly_limit"])
        if bool(spec["on_excess"]):
            taxed = max(0, cumulative - yearly) - max(0, before - yearly) if yearly else base
        elif crossed:
            taxed = base
        elif yearly and cumulative > yearly:
            taxed, untaxed, crossed = untaxed + base, 0, 1
        elif (single and base > single) or (not single and not yearly):
            taxed = base
        else:
            taxed, untaxed = 0, untaxed + base
        state[group] = [cumulative, untaxed, crossed]
        taxed_out[i] = taxed
    proposed = round_to_rupee(divide_half_up(taxed_out * rate_out, POINTS))
    typed_tds = frame["tds"].to_numpy(dtype=np.int64)
    given = frame["tds_given"].to_numpy(dtype=np.bool_)
    tds = np.where(given, typed_tds, proposed)
    differs = given & (typed_tds != proposed) & (np.array(section_out, dtype=object) != "")
    payment_rows = frame["row"].tolist()
    for i in np.flatnonzero(differs).tolist():
        found += issues_at(
            where,
            Rule.TDS_DIFFERS,
            "TDS",
            [int(payment_rows[i])],
            [format_inr(int(typed_tds[i]))],
            section=section_out[i],
            rate=format_percent(int(rate_out[i])),
            base=format_inr(int(base_out[i])),
            expected=format_inr(int(proposed[i])),
        )
    result = pd.DataFrame(
        {
            "section": section_out,
            "rate": rate_out,
            "base": base_out,
            "proposed": proposed,
            "tds": tds,
            "account": account_out,
        },
        index=frame.index,
    )
    return TdsProposal(result.astype({"section": "str", "account": "str"})), found
