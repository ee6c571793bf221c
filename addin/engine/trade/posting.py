"""Posting: invoices, bills, notes, receipts and payments as Journal vouchers.

Every ok document becomes one voucher with a **Bahi-owned number** — a prefix per kind, "#", and the
document's number: ``SI#`` sales invoice, ``SCN#`` / ``SDN#`` sales credit / debit note, ``PB#`` bill,
``PCN#`` / ``PDN#`` vendor's credit / debit note (with the vendor's code: ``PB#V01/KI-4521``, as two
vendors may share a bill number), ``RC#`` receipt, ``PY#`` payment. The lines (debit positive):

- sale: Dr party (invoice value) — Cr sales (per account: the item's Sales Account, else the Settings'
  Sales Account within the state or Inter-state Sales Account) — Cr CGST + SGST or IGST output — Dr/Cr
  Round Off. Under reverse charge no tax line: the recipient pays it.
- purchase: Dr purchases (the item's Purchase Account, else the Settings' within/inter-state account) —
  Dr CGST + SGST or IGST input — Cr party — Dr/Cr Round Off; under reverse charge the company owes the
  tax too: Cr CGST + SGST or IGST output as well as the input credit.
- credit note: the same lines reversed; debit note: as the invoice or bill.
- receipt: Dr bank (the row's Account, else Settings' Bank Account; its Reference, e.g. the UTR, goes
  on this line for bank reconciliation) — Cr party, one line per allocation (Reference: the bill).
- payment: Dr party per allocation (the gross amount) — Cr TDS payable (per section's account) — Cr
  bank (amount less TDS).

The party account is the party's own Account (Parties), else the Debtors or Creditors control account
(Settings), with the party's name in the Journal's Party column.

**Idempotent.** A document whose voucher number is already in the Journal is not posted again; if
that voucher's debits no longer equal the document's, ``posted-document-changed`` says so.

**Never twice.** A manual voucher (any number not Bahi's) with a line on the party's account whose
Reference is the document's number (for a receipt or payment: its number or its Reference), both
compared as :func:`~addin.engine.trade.duplicates.normalise_number` does, and whose amount on the party
is the document's, already records it: ``manual-duplicate`` is reported at that voucher and the
document is not posted. A manual voucher referring to an invoice for another amount (a discount, a
write-off) is not a duplicate.

Accounts a document needs that the Accounts table lacks (``unknown-posting-account``) keep it unposted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.load import fold
from addin.engine.messages import make_issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import JOURNAL
from addin.engine.trade.documents import KIND_NAMES, SALES_SIDE, DocumentSet, group_sum
from addin.engine.trade.duplicates import normalise_number
from addin.engine.trade.located import Located
from addin.engine.trade.settings import TradeSettings
from addin.engine.trade.settlements import SettlementSet
from addin.engine.trade.tds import TdsProposal

PREFIXES: dict[tuple[str, str], str] = {
    ("sales", "invoice"): "SI",
    ("sales", "credit-note"): "SCN",
    ("sales", "debit-note"): "SDN",
    ("purchases", "bill"): "PB",
    ("purchases", "credit-note"): "PCN",
    ("purchases", "debit-note"): "PDN",
    ("receipts", ""): "RC",
    ("payments", ""): "PY",
}
BAHI_VOUCHER = re.compile("^(?:{})#".format("|".join(sorted(set(PREFIXES.values()), key=len, reverse=True))))

LINE_COLUMNS = ("date", "voucher", "account", "debit", "credit", "narration", "party", "reference")
"""The new Journal lines' columns (English Journal column names, lower case); amounts in paise."""


def is_bahi_voucher(voucher: str) -> bool:
    """True for a voucher number Bahi's posting gives ("SI#SGT/25-26/0001", "PY#P-7").

    >>> is_bahi_voucher("SI#SGT/25-26/0001"), is_bahi_voucher("PB#V01/KI-4521"), is_bahi_voucher("SV-0001")
    (True, True, False)
    """
    return BAHI_VOUCHER.match(voucher) is not None


@dataclass(frozen=True)
class Posting:
    """What posting found and made.

    ``lines``: the new Journal lines (:data:`LINE_COLUMNS`, paise), in date order, voucher by voucher.
    ``vouchers``: one row per document looked at — ``voucher``, ``source`` (Sales, Purchases, Receipts,
    Payments), ``kind``, ``number``, ``party``, ``date``, ``amount`` (the voucher's debits, paise),
    ``status`` ("posted", "already-posted", "manual-duplicate", "unknown-account"), ``sheet``, ``row``.
    """

    lines: pd.DataFrame
    vouchers: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)

    def count(self, status: str) -> int:
        return int((self.vouchers["status"] == status).sum())

    def journal_rows(self) -> list[dict[str, object]]:
        """The new lines as Journal rows: English column names, rupees, dates as ``datetime.date``."""
        frame = self.lines
        debit = (frame["debit"].to_numpy() / 100).tolist()
        credit = (frame["credit"].to_numpy() / 100).tolist()
        dates = [d.date() for d in pd.to_datetime(frame["date"])]
        return [
            {
                "Date": day,
                "Voucher": voucher,
                "Account": account,
                "Debit": dr or None,
                "Credit": cr or None,
                "Narration": narration,
                "Party": party or None,
                "Reference": reference or None,
            }
            for day, voucher, account, dr, cr, narration, party, reference in zip(
                dates,
                frame["voucher"].tolist(),
                frame["account"].tolist(),
                debit,
                credit,
                frame["narration"].tolist(),
                frame["party"].tolist(),
                frame["reference"].tolist(),
                strict=True,
            )
        ]


# ----------------------------------------------------------------------------------------------
# building vouchers


@dataclass(frozen=True)
class _Built:
    """Lines (``voucher`` index ``v`` into vouchers, signed ``amount`` debit positive, ``source`` of the
    account for issues) and vouchers (``voucher``, ``source``, ``kind``, ``number``, ``party``,
    ``party_amount`` (signed, on the party's account), ``keys`` (normalised references), ``date``,
    ``sheet``, ``row``)."""

    lines: pd.DataFrame
    vouchers: pd.DataFrame


def _party_accounts(parties: pd.DataFrame, settings: TradeSettings) -> tuple[dict[str, str], dict[str, str]]:
    """Party code → the account it is posted to, for customers and for vendors."""
    own = dict(zip(parties["code"], parties["account"], strict=True))
    debtors, creditors = settings.account("Debtors Account"), settings.account("Creditors Account")
    return ({p: a or debtors for p, a in own.items()}, {p: a or creditors for p, a in own.items()})


def _line_frame(
    v: Any, account: Any, amount: Any, words: tuple[Any, Any, Any], *, source: Any, order: int
) -> pd.DataFrame:
    """Journal lines of vouchers ``v``: ``words`` are their narration, party and reference."""
    narration, party, reference = words
    frame = pd.DataFrame(
        {
            "v": v,
            "account": account,
            "amount": amount,
            "narration": narration,
            "party": party,
            "reference": reference,
            "source": source,
        }
    )
    frame["order"] = order
    return frame


def _documents(
    ds: DocumentSet, parties: pd.DataFrame, items: pd.DataFrame, settings: TradeSettings
) -> _Built:
    docs = ds.documents[ds.documents["ok"]].reset_index(drop=True)
    doc_index = pd.Series(np.arange(len(docs)), index=docs["doc"].to_numpy())
    lines = ds.lines[ds.lines["ok"]]
    sales = ds.side == SALES_SIDE
    kinds = docs["doc_kind"].to_numpy()
    sign = np.where(kinds == "credit-note", -1, 1).astype(np.int64) * (1 if sales else -1)
    # sign: +1 where the party is debited
    customers, vendors = _party_accounts(parties, settings)
    party_account = docs["party"].map(customers if sales else vendors).fillna("").to_numpy(dtype=object)
    names = docs["party_name"].to_numpy(dtype=object)
    numbers = docs["number"].to_numpy(dtype=object)
    kind_names = pd.Series(kinds).map(KIND_NAMES).to_numpy(dtype=object)
    prefix = (
        pd.Series(kinds).map({k: v for (s, k), v in PREFIXES.items() if s == ds.side}).to_numpy(dtype=object)
    )
    voucher = prefix + "#" + (numbers if sales else docs["party"].to_numpy(dtype=object) + "/" + numbers)
    against = docs["against"].to_numpy(dtype=object)
    rcm = docs["reverse_charge"].to_numpy(dtype=np.bool_)
    narration = (
        kind_names
        + " "
        + numbers
        + (" to " if sales else " from ")
        + names
        + np.where(against != "", " against " + against, "")
        + np.where(rcm, " (reverse charge)", "")
    )
    v = np.arange(len(docs))
    party_names = names
    value, round_off = docs["value"].to_numpy(), docs["round_off"].to_numpy()
    party_order = 0 if sales else 8  # a sale starts with the party debited, a bill ends with it credited
    words = (narration, party_names, numbers)
    frames = [_line_frame(v, party_account, sign * value, words, source="party", order=party_order)]

    # taxable value per (document, account)
    column = "sales_account" if sales else "purchase_account"
    item_account = lines["item"].map(dict(zip(items["code"], items[column], strict=True))).fillna("")
    default = np.where(
        lines["intra"].to_numpy(),
        settings.account("Sales Account" if sales else "Purchase Account"),
        settings.account("Inter-state Sales Account" if sales else "Inter-state Purchase Account"),
    )
    from_item = item_account.ne("").to_numpy()
    account = np.where(from_item, item_account.to_numpy(dtype=object), default)
    default_source = np.where(
        lines["intra"].to_numpy(),
        "Sales Account" if sales else "Purchase Account",
        "Inter-state Sales Account" if sales else "Inter-state Purchase Account",
    )
    grouped = (
        pd.DataFrame(
            {
                "v": doc_index.reindex(lines["doc"].to_numpy()).to_numpy(),
                "account": account,
                "source": np.where(from_item, "Items", default_source),
                "taxable": lines["taxable"].to_numpy(),
            }
        )
        .groupby(["v", "account", "source"], sort=False)["taxable"]
        .sum()
    )
    gv = grouped.index.get_level_values(0).to_numpy(dtype=np.int64)
    frames.append(
        _line_frame(
            gv,
            grouped.index.get_level_values(1),
            -sign[gv] * grouped.to_numpy(),
            (narration[gv], party_names[gv], numbers[gv]),
            source=grouped.index.get_level_values(2),
            order=1,
        )
    )
    # tax
    heads = ("CGST", "SGST", "IGST")
    for order, head in enumerate(heads, start=2):
        amount = docs[head.lower()].to_numpy()
        output = settings.account(f"{head} Output Account")
        if sales:
            frames.append(
                _line_frame(
                    v,
                    output,
                    np.where(rcm, 0, -sign * amount),
                    (narration, party_names, numbers),
                    source=f"{head} Output Account",
                    order=order,
                )
            )
        else:
            frames.append(
                _line_frame(
                    v,
                    settings.account(f"{head} Input Account"),
                    -sign * amount,
                    (narration, party_names, numbers),
                    source=f"{head} Input Account",
                    order=order,
                )
            )
            frames.append(
                _line_frame(
                    v,
                    output,
                    np.where(rcm, sign * amount, 0),
                    (narration, party_names, numbers),
                    source=f"{head} Output Account",
                    order=order + 3,
                )
            )
    frames.append(
        _line_frame(
            v,
            settings.account("Round Off Account"),
            -sign * round_off,
            (narration, party_names, numbers),
            source="Round Off Account",
            order=9,
        )
    )
    built = pd.concat(frames, ignore_index=True)
    keys = [(normalise_number(n),) for n in numbers.tolist()]
    vouchers = pd.DataFrame(
        {
            "voucher": voucher,
            "source": ds.where.sheet,
            "kind": kinds,
            "number": numbers,
            "party": docs["party"].to_numpy(dtype=object),
            "party_name": names,
            "party_account": party_account,
            "party_amount": sign * value,
            "keys": keys,
            "date": docs["date"].to_numpy(),
            "sheet": ds.where.sheet,
            "row": docs["row"].to_numpy(),
        }
    )
    return _Built(built, vouchers)


def _money(
    ss: SettlementSet, parties: pd.DataFrame, settings: TradeSettings, tds: TdsProposal | None
) -> _Built:
    frame = ss.frame.reset_index(drop=True)
    receipts = ss.side == SALES_SIDE
    numbers = frame["number"].str.casefold()
    bad = set(numbers[~frame["ok"]])
    keep = frame["ok"].to_numpy() & ~numbers.isin(bad).to_numpy()
    rows = frame[keep].reset_index(drop=True)
    tds_rows = tds.frame.reset_index(drop=True)[keep].reset_index(drop=True) if tds is not None else None
    v_codes, _ = pd.factorize(rows["number"].str.casefold())
    v = np.asarray(v_codes, dtype=np.int64)
    first = pd.Series(np.arange(len(rows))).groupby(v).first().to_numpy()
    count = len(first)
    customers, vendors = _party_accounts(parties, settings)
    names_of = dict(zip(parties["code"], parties["name"], strict=True))
    party = rows["party"].to_numpy(dtype=object)
    name = pd.Series(party).map(names_of).fillna("").to_numpy(dtype=object)
    party_account = pd.Series(party).map(customers if receipts else vendors).fillna("").to_numpy(dtype=object)
    amount = rows["amount"].to_numpy(dtype=np.int64)
    against = rows["against"].to_numpy(dtype=object)
    shown_against = np.where(against != "", against, "On Account")
    number = rows["number"].to_numpy(dtype=object)
    sign = -1 if receipts else 1  # the party is credited by a receipt, debited by a payment
    verb = "Received from " if receipts else "Paid to "
    narration = verb + name + " against " + shown_against
    frames = [
        _line_frame(v, party_account, sign * amount, (narration, name, against), source="party", order=1)
    ]
    tds_amount = np.zeros(len(rows), dtype=np.int64)
    if tds_rows is not None and not receipts:
        tds_amount = tds_rows["tds"].to_numpy(dtype=np.int64)
        has = tds_amount != 0
        grouped = (
            pd.DataFrame(
                {
                    "v": v[has],
                    "account": tds_rows["account"].to_numpy(dtype=object)[has],
                    "section": tds_rows["section"].to_numpy(dtype=object)[has],
                    "tds": tds_amount[has],
                }
            )
            .groupby(["v", "account", "section"], sort=False)["tds"]
            .sum()
        )
        gv = grouped.index.get_level_values(0).to_numpy(dtype=np.int64)
        sections = grouped.index.get_level_values(2).to_numpy(dtype=object)
        frames.append(
            _line_frame(
                gv,
                grouped.index.get_level_values(1),
                -grouped.to_numpy(),
                (
                    "TDS u/s " + sections + " on payment " + number[first[gv]] + " to " + name[first[gv]],
                    name[first[gv]],
                    number[first[gv]],
                ),
                source="TDSSections",
                order=2,
            )
        )
    total = group_sum(v, amount, count)
    kept_back = group_sum(v, tds_amount, count)
    bank = rows["account"].to_numpy(dtype=object)[first]
    bank_narration = (
        ("Receipt " if receipts else "Payment ")
        + number[first]
        + (" from " if receipts else " to ")
        + name[first]
    )
    reference = rows["reference"].to_numpy(dtype=object)[first]
    frames.append(
        _line_frame(
            np.arange(count),
            bank,
            -sign * (total - kept_back),
            (bank_narration, name[first], reference),
            source="Bank Account",
            order=0 if receipts else 3,
        )
    )
    built = pd.concat(frames, ignore_index=True)
    keys = [
        tuple(k for k in (normalise_number(str(n)), normalise_number(str(r))) if k)
        for n, r in zip(number[first], reference, strict=True)
    ]
    prefix = PREFIXES[("receipts" if receipts else "payments", "")]
    vouchers = pd.DataFrame(
        {
            "voucher": prefix + "#" + number[first],
            "source": ss.where.sheet,
            "kind": "receipt" if receipts else "payment",
            "number": number[first],
            "party": party[first],
            "party_name": name[first],
            "party_account": party_account[first],
            "party_amount": sign * total,
            "keys": keys,
            "date": rows["date"].to_numpy()[first],
            "sheet": ss.where.sheet,
            "row": rows["row"].to_numpy()[first],
        }
    )
    return _Built(built, vouchers)


# ----------------------------------------------------------------------------------------------
# what the Journal already holds


def _manual_index(
    ledger: Ledger, parties: pd.DataFrame, settings: TradeSettings, party_codes: Mapping[str, str]
) -> pd.DataFrame:
    """Manual vouchers' lines on parties' accounts, per (voucher, party, normalised reference):
    ``party``, ``ref``, ``net`` (debits less credits on the party), ``voucher``, ``row`` (first)."""
    columns = ["party", "ref", "net", "voucher", "row"]
    journal = ledger.journal
    if journal.empty:
        return pd.DataFrame(columns=columns)
    manual = ~journal["voucher"].str.match(BAHI_VOUCHER.pattern).to_numpy(dtype=np.bool_)
    lines = journal[manual & journal["reference"].ne("").to_numpy()]
    if lines.empty:
        return pd.DataFrame(columns=columns)
    own = {a: c for c, a in zip(parties["code"], parties["account"], strict=True) if a}
    controls = {settings.account("Debtors Account"), settings.account("Creditors Account")}
    by_account = lines["account"].map(own).fillna("")
    codes_raw, uniques = pd.factorize(lines["party"])
    by_text = np.array([party_codes.get(fold(str(u)), "") for u in uniques] + [""], dtype=object)[
        np.asarray(codes_raw, dtype=np.int64)
    ]
    on_control = lines["account"].isin(controls).to_numpy()
    party = np.where(
        by_account.ne("").to_numpy(), by_account.to_numpy(dtype=object), np.where(on_control, by_text, "")
    )
    chosen = party != ""
    if not chosen.any():
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "voucher": lines["voucher"].to_numpy()[chosen],
            "party": party[chosen],
            "ref": [normalise_number(r) for r in lines["reference"].to_numpy()[chosen]],
            "net": (lines["debit"] - lines["credit"]).to_numpy()[chosen],
            "row": lines["row"].to_numpy()[chosen],
        }
    )
    totals = frame.groupby(["voucher", "party", "ref"], sort=False).agg(
        net=("net", "sum"), row=("row", "first")
    )
    return totals.reset_index()[columns].astype({"net": np.int64})


def post_documents(
    ledger: Ledger,
    *,
    parties: pd.DataFrame,
    items: pd.DataFrame,
    settings: TradeSettings,
    party_codes: Mapping[str, str],
    documents: Sequence[DocumentSet] = (),
    settlements: Sequence[SettlementSet] = (),
    tds: TdsProposal | None = None,
) -> Posting:
    """The vouchers the documents need that the Journal lacks, and the issues posting found."""
    built = [_documents(ds, parties, items, settings) for ds in documents]
    built += [_money(ss, parties, settings, tds if ss.side != SALES_SIDE else None) for ss in settlements]
    built = [b for b in built if len(b.vouchers)]
    if not built:
        return Posting(_empty_lines(), _empty_vouchers(), [])
    offsets = np.cumsum([0] + [len(b.vouchers) for b in built])
    lines = pd.concat(
        [b.lines.assign(v=b.lines["v"] + off) for b, off in zip(built, offsets, strict=False)],
        ignore_index=True,
    )
    vouchers = pd.concat([b.vouchers for b in built], ignore_index=True)
    lines = lines[lines["amount"] != 0]
    debits = group_sum(
        lines["v"].to_numpy(dtype=np.int64), np.maximum(lines["amount"].to_numpy(), 0), len(vouchers)
    )
    vouchers["amount"] = debits
    status = np.full(len(vouchers), "posted", dtype=object)
    issues: list[Issue] = []
    journal = ledger.journal
    journal_where = Located(ledger.journal_sheet, {"Voucher": _letter(ledger)})

    # already posted: the voucher number is in the Journal
    keys = vouchers["voucher"].str.casefold()
    if not journal.empty:
        existing = (
            journal.assign(key=journal["voucher"].str.casefold())
            .groupby("key", sort=False)
            .agg(debit=("debit", "sum"), row=("row", "first"))
        )
        found = keys.isin(existing.index).to_numpy()
        status[found] = "already-posted"
        posted = existing.reindex(keys[found])
        changed = np.flatnonzero(posted["debit"].to_numpy(dtype=np.int64) != debits[found])
        picks = np.flatnonzero(found)[changed].tolist()
        posted_debit, posted_row = posted["debit"].to_numpy()[changed], posted["row"].to_numpy()[changed]
        names, kinds, numbers = (vouchers[c].tolist() for c in ("voucher", "kind", "number"))
        for j, i in enumerate(picks):
            issues.append(
                make_issue(
                    Rule.POSTED_DOCUMENT_CHANGED,
                    journal_where.sheet,
                    journal_where.cell("Voucher", int(posted_row[j])),
                    "Voucher",
                    str(names[i]),
                    kind=KIND_NAMES.get(str(kinds[i]), str(kinds[i]).title()),
                    number=numbers[i],
                    posted=format_inr(int(posted_debit[j])),
                    expected=format_inr(int(debits[i])),
                )
            )

    # recorded by hand: same party, reference and amount on the party
    manual = _manual_index(ledger, parties, settings, party_codes)
    if len(manual):
        wanted = pd.DataFrame(
            {
                "v": np.arange(len(vouchers)),
                "party": vouchers["party"].to_numpy(),
                "ref": vouchers["keys"].to_numpy(),
                "net": vouchers["party_amount"].to_numpy(dtype=np.int64),
            }
        )[status == "posted"].explode("ref")
        hits = wanted.merge(manual, on=["party", "ref", "net"]).drop_duplicates("v")
        for v, voucher, row, net in zip(hits["v"], hits["voucher"], hits["row"], hits["net"], strict=True):
            status[int(v)] = "manual-duplicate"
            kind = str(vouchers["kind"].to_numpy()[int(v)])
            issues.append(
                make_issue(
                    Rule.MANUAL_DUPLICATE,
                    journal_where.sheet,
                    journal_where.cell("Voucher", int(row)),
                    "Voucher",
                    str(voucher),
                    kind=KIND_NAMES.get(kind, kind.title()).lower(),
                    number=vouchers["number"].to_numpy()[int(v)],
                    party=vouchers["party_name"].to_numpy()[int(v)],
                    amount=format_inr(abs(int(net))),
                )
            )

    # accounts the Accounts table lacks
    codes = set(ledger.accounts["code"].tolist())
    to_post = status == "posted"
    line_v = lines["v"].to_numpy(dtype=np.int64)
    missing = to_post[line_v] & ~lines["account"].isin(codes).to_numpy()
    if missing.any():
        bad = lines[missing]
        for (account, source), group in bad.groupby(["account", "source"], sort=False):
            docs = np.unique(group["v"].to_numpy(dtype=np.int64))
            where = settings.cells.get(str(source), "")
            label = {
                "party": "Parties: Account",
                "Items": "Items: Sales/Purchase Account",
                "TDSSections": "TDS Sections: Account",
            }.get(str(source), f"Settings: {source}")
            issues.append(
                make_issue(
                    Rule.UNKNOWN_POSTING_ACCOUNT,
                    settings.sheet if where else "Accounts",
                    where,
                    "Value" if where else "Code",
                    str(account),
                    source=label,
                    count=len(docs),
                )
            )
        status[np.unique(line_v[missing])] = "unknown-account"
    vouchers["status"] = status
    chosen = lines[(status == "posted")[line_v]]
    chosen = chosen.assign(date=vouchers["date"].to_numpy()[chosen["v"].to_numpy()])
    chosen = chosen.sort_values(["date", "v", "order"], kind="stable")
    amount = chosen["amount"].to_numpy(dtype=np.int64)
    out = pd.DataFrame(
        {
            "date": chosen["date"].to_numpy(),
            "voucher": vouchers["voucher"].to_numpy()[chosen["v"].to_numpy()],
            "account": chosen["account"].to_numpy(),
            "debit": np.maximum(amount, 0),
            "credit": np.maximum(-amount, 0),
            "narration": chosen["narration"].to_numpy(),
            "party": chosen["party"].to_numpy(),
            "reference": chosen["reference"].to_numpy(),
        }
    )
    summary = vouchers[
        ["voucher", "source", "kind", "number", "party", "date", "amount", "status", "sheet", "row"]
    ]
    return Posting(out.reset_index(drop=True), summary, issues)


def _letter(ledger: Ledger) -> str:
    found = ledger.column_letters.get(f"{JOURNAL.name}.Voucher")
    return found or "B"


def _empty_lines() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series([], dtype=np.int64 if c in ("debit", "credit") else "str") for c in LINE_COLUMNS}
    ).astype({"date": "datetime64[ns]"})


def _empty_vouchers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c: []
            for c in (
                "voucher",
                "source",
                "kind",
                "number",
                "party",
                "date",
                "amount",
                "status",
                "sheet",
                "row",
            )
        }
    )
