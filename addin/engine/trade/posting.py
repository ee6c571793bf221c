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
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from addin.engine.cells import fold
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.messages import make_issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import JOURNAL
from addin.engine.trade.columns import casefolded, choose, codes, join, locate, take_text, text, translated
from addin.engine.trade.documents import KIND_NAMES, KIND_NAMES_HI, SALES_SIDE, DocumentSet, group_sum
from addin.engine.trade.duplicates import normalise_numbers
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

IntArray = npt.NDArray[np.int64]

LINE_COLUMNS = ("date", "voucher", "account", "debit", "credit", "narration", "party", "reference")
"""The new Journal lines' columns (English Journal column names, lower case); amounts in paise."""


def is_bahi_voucher(voucher: str) -> bool:
    """True for a voucher number Bahi's posting gives ("SI#SGT/25-26/0001", "PY#P-7").

    >>> is_bahi_voucher("SI#SGT/25-26/0001"), is_bahi_voucher("PB#V01/KI-4521"), is_bahi_voucher("SV-0001")
    (True, True, False)
    """
    return BAHI_VOUCHER.match(voucher) is not None


def account_cells(codes: pd.Series[str], numeric_codes: Mapping[str, int | float]) -> pd.Series[Any]:
    """Account codes as the Accounts table types them: the number where it holds one, else the text.

    >>> account_cells(pd.Series(["1130", "CR-7"]), {"1130": 1130}).tolist()
    [1130, 'CR-7']
    """
    if not numeric_codes:
        return codes.reset_index(drop=True)
    return pd.Series([numeric_codes.get(code, code) for code in codes.tolist()])


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

    def journal_frame(self, numeric_codes: Mapping[str, int | float] | None = None) -> pd.DataFrame:
        """The new lines as Journal columns (English names): rupees with NaN for nil, dates as
        datetime64, blanks as None — the form ``Workbook.append_rows`` writes column by column. An
        account whose code the Accounts table holds as a number (``numeric_codes``, see
        :func:`~addin.engine.load.numeric_account_codes`) is given as that number, the others as text.

        >>> lines = pd.DataFrame({"date": pd.to_datetime(["2025-04-01"]), "voucher": ["SI#1"],
        ...     "account": ["1130"], "debit": [1_180_00], "credit": [0], "narration": ["Invoice 1"],
        ...     "party": [""], "reference": ["1"]})
        >>> Posting(lines, pd.DataFrame()).journal_frame().to_dict("records")
        [{'Date': Timestamp('2025-04-01 00:00:00'), 'Voucher': 'SI#1', 'Account': '1130', 'Debit': 1180.0,
          'Credit': nan, 'Narration': 'Invoice 1', 'Party': None, 'Reference': '1'}]
        >>> Posting(lines, pd.DataFrame()).journal_frame({"1130": 1130})["Account"].tolist()
        [1130]
        """
        frame = self.lines

        def rupees(column: str) -> npt.NDArray[np.float64]:
            paise = frame[column].to_numpy(dtype=np.int64)
            return np.where(paise == 0, np.nan, paise / 100)

        def text_or_none(column: str) -> pd.Series[Any]:
            values = frame[column].astype(object)
            return values.where(values.ne(""), None).reset_index(drop=True)

        return pd.DataFrame(
            {
                "Date": pd.to_datetime(frame["date"]).dt.normalize().reset_index(drop=True),
                "Voucher": frame["voucher"].reset_index(drop=True),
                "Account": account_cells(frame["account"], numeric_codes or {}),
                "Debit": rupees("debit"),
                "Credit": rupees("credit"),
                "Narration": frame["narration"].reset_index(drop=True),
                "Party": text_or_none("party"),
                "Reference": text_or_none("reference"),
            }
        )

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
    """What one table's documents post, kept as numbers until the end.

    ``lines`` (:data:`_Lines`, int64 columns): ``v`` (index into ``vouchers``), ``w`` (index into
    ``words``: the line's narration, party and reference), ``account`` and ``source`` (the account's
    code, and the setting or table it comes from, as :class:`_Names` ids), signed ``amount`` (debit
    positive) and ``order`` in the voucher.
    ``vouchers``: ``voucher``, ``source``, ``kind``, ``number``, ``party``, ``party_name``,
    ``party_amount`` (signed, on the party's account), ``reference``, ``date``, ``sheet``, ``row``.
    """

    lines: _Lines
    words: pd.DataFrame
    vouchers: pd.DataFrame


_Lines = dict[str, IntArray]
"""Journal lines while they are built: equal-length int64 columns by name (plain arrays, not a
DataFrame: 650,000 lines are concatenated and filtered several times over)."""
_LINE_FIELDS = ("v", "w", "account", "amount", "source", "order")


def _concat_lines(parts: Sequence[_Lines]) -> _Lines:
    return {name: np.concatenate([p[name] for p in parts]) for name in _LINE_FIELDS}


def _take_lines(lines: _Lines, picks: Any) -> _Lines:
    """The lines at ``picks`` (a boolean mask or positions)."""
    return {name: column[picks] for name, column in lines.items()}


class _Names:
    """Few distinct texts (account codes, their sources) numbered once, so lines carry ints."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def one(self, name: str, count: int) -> IntArray:
        """``count`` lines all naming ``name``."""
        return np.full(count, self.ids.setdefault(name, len(self.ids)), dtype=np.int64)

    def many(self, names: Any) -> IntArray:
        """Lines each naming its own text."""
        line_codes, uniques = codes(names)
        table = np.array([self.ids.setdefault(str(u), len(self.ids)) for u in uniques], dtype=np.int64)
        return table[line_codes] if len(table) else np.zeros(0, dtype=np.int64)

    def texts(self) -> pd.Series[str]:
        return text(list(self.ids))


def _party_accounts(parties: pd.DataFrame, settings: TradeSettings, *, customers: bool) -> pd.Series[str]:
    """Each party's posting account (aligned with ``parties``): its own, else the control account."""
    control = settings.account("Debtors Account" if customers else "Creditors Account")
    own = text(parties["account"])
    return own.mask(own.eq(""), control)


def _line_frame(
    v: IntArray, w: IntArray, account: IntArray, amount: Any, *, source: IntArray, order: int
) -> _Lines:
    """Journal lines of vouchers ``v`` with words ``w`` (all ints: see :class:`_Built`)."""
    return {
        "v": np.asarray(v, dtype=np.int64),
        "w": np.asarray(w, dtype=np.int64),
        "account": np.asarray(account, dtype=np.int64),
        "amount": np.asarray(amount, dtype=np.int64),
        "source": np.asarray(source, dtype=np.int64),
        "order": np.full(len(v), order, dtype=np.int64),
    }


def _words(narration: Any, party: Any, reference: Any) -> pd.DataFrame:
    return pd.DataFrame({"narration": text(narration), "party": text(party), "reference": text(reference)})


def _documents(
    ds: DocumentSet,
    parties: pd.DataFrame,
    items: pd.DataFrame,
    settings: TradeSettings,
    names: tuple[_Names, _Names],
) -> _Built:
    accounts, sources = names
    docs = ds.documents[ds.documents["ok"]].reset_index(drop=True)
    count = len(docs)
    doc_index = np.full(len(ds.documents), -1, dtype=np.int64)
    doc_index[docs["doc"].to_numpy()] = np.arange(count)
    lines = ds.lines[ds.lines["ok"]]
    sales = ds.side == SALES_SIDE
    kinds = docs["doc_kind"].to_numpy(dtype=object)
    sign = np.where(kinds == "credit-note", -1, 1).astype(np.int64) * (1 if sales else -1)
    # sign: +1 where the party is debited
    party_at = locate(parties["code"], docs["party"])
    party_account = take_text(_party_accounts(parties, settings, customers=sales), party_at)
    party_names, numbers, against = docs["party_name"], docs["number"], docs["against"]
    kind_names = translated(docs["doc_kind"], KIND_NAMES)
    prefix = translated(docs["doc_kind"], {k: v for (s, k), v in PREFIXES.items() if s == ds.side})
    voucher = join(prefix, "#", numbers) if sales else join(prefix, "#", docs["party"], "/", numbers)
    rcm = docs["reverse_charge"].to_numpy(dtype=np.bool_)
    narration = join(
        kind_names,
        " ",
        numbers,
        " to " if sales else " from ",
        party_names,
        choose(against.ne("").to_numpy(), join(" against ", against), ""),
        choose(rcm, " (reverse charge)", ""),
    )
    v = np.arange(count)
    value, round_off = docs["value"].to_numpy(), docs["round_off"].to_numpy()
    party_order = 0 if sales else 8  # a sale starts with the party debited, a bill ends with it credited
    frames = [
        _line_frame(
            v,
            v,
            accounts.many(party_account),
            sign * value,
            source=sources.one("party", count),
            order=party_order,
        )
    ]

    # taxable value per (document, account)
    column = "sales_account" if sales else "purchase_account"
    item_account = take_text(items[column], locate(items["code"], lines["item"]))
    from_item = item_account.ne("").to_numpy()
    intra = lines["intra"].to_numpy()
    local, other = (
        ("Sales Account", "Inter-state Sales Account")
        if sales
        else ("Purchase Account", "Inter-state Purchase Account")
    )
    default = choose(intra, settings.account(local), settings.account(other))
    grouped = (
        pd.DataFrame(
            {
                "v": doc_index[lines["doc"].to_numpy()],
                "account": accounts.many(item_account.mask(~from_item, default)),
                "source": sources.many(choose(from_item, "Items", choose(intra, local, other))),
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
            gv,
            grouped.index.get_level_values(1).to_numpy(dtype=np.int64),
            -sign[gv] * grouped.to_numpy(),
            source=grouped.index.get_level_values(2).to_numpy(dtype=np.int64),
            order=1,
        )
    )
    # tax
    for order, head in enumerate(("CGST", "SGST", "IGST"), start=2):
        amount = docs[head.lower()].to_numpy()
        output, name_out = settings.account(f"{head} Output Account"), f"{head} Output Account"
        if sales:
            frames.append(
                _line_frame(
                    v,
                    v,
                    accounts.one(output, count),
                    np.where(rcm, 0, -sign * amount),
                    source=sources.one(name_out, count),
                    order=order,
                )
            )
        else:
            name_in = f"{head} Input Account"
            frames.append(
                _line_frame(
                    v,
                    v,
                    accounts.one(settings.account(name_in), count),
                    -sign * amount,
                    source=sources.one(name_in, count),
                    order=order,
                )
            )
            frames.append(
                _line_frame(
                    v,
                    v,
                    accounts.one(output, count),
                    np.where(rcm, sign * amount, 0),
                    source=sources.one(name_out, count),
                    order=order + 3,
                )
            )
    frames.append(
        _line_frame(
            v,
            v,
            accounts.one(settings.account("Round Off Account"), count),
            -sign * round_off,
            source=sources.one("Round Off Account", count),
            order=9,
        )
    )
    vouchers = pd.DataFrame(
        {
            "voucher": voucher,
            "source": ds.where.sheet,
            "kind": kinds,
            "number": numbers,
            "party": docs["party"],
            "party_name": party_names,
            "party_amount": sign * value,
            "reference": text([""] * count),
            "date": docs["date"].to_numpy(),
            "sheet": ds.where.sheet,
            "row": docs["row"].to_numpy(),
        }
    )
    return _Built(_concat_lines(frames), _words(narration, party_names, numbers), vouchers)


def _money(
    ss: SettlementSet,
    parties: pd.DataFrame,
    settings: TradeSettings,
    tds: TdsProposal | None,
    names: tuple[_Names, _Names],
) -> _Built:
    accounts, sources = names
    frame = ss.frame.reset_index(drop=True)
    receipts = ss.side == SALES_SIDE
    numbers = casefolded(frame["number"])
    bad = numbers[~frame["ok"].to_numpy()].unique()
    keep = frame["ok"].to_numpy() & ~numbers.isin(bad).to_numpy()
    rows = frame[keep].reset_index(drop=True)
    tds_rows = tds.frame.reset_index(drop=True)[keep].reset_index(drop=True) if tds is not None else None
    v_codes, _ = pd.factorize(casefolded(rows["number"]))
    v = np.asarray(v_codes, dtype=np.int64)
    first = pd.Series(np.arange(len(rows))).groupby(v).first().to_numpy()
    count, n = len(first), len(rows)
    party_at = locate(parties["code"], rows["party"])
    name = take_text(parties["name"], party_at)
    party_account = take_text(_party_accounts(parties, settings, customers=receipts), party_at)
    amount = rows["amount"].to_numpy(dtype=np.int64)
    against, number = rows["against"], rows["number"]
    sign = -1 if receipts else 1  # the party is credited by a receipt, debited by a payment
    shown_against = against.mask(against.eq(""), "On Account")
    words = [
        _words(
            join("Received from " if receipts else "Paid to ", name, " against ", shown_against),
            name,
            against,
        )
    ]
    frames = [
        _line_frame(
            v,
            np.arange(n),
            accounts.many(party_account),
            sign * amount,
            source=sources.one("party", n),
            order=1,
        )
    ]
    first_name, first_number = take_text(name, first), take_text(number, first)
    reference = take_text(rows["reference"], first)
    words.append(
        _words(
            join(
                "Receipt " if receipts else "Payment ",
                first_number,
                " from " if receipts else " to ",
                first_name,
            ),
            first_name,
            reference,
        )
    )
    tds_amount = np.zeros(n, dtype=np.int64)
    if tds_rows is not None and not receipts:
        tds_amount = tds_rows["tds"].to_numpy(dtype=np.int64)
        has = tds_amount != 0
        grouped = (
            pd.DataFrame(
                {
                    "v": v[has],
                    "account": accounts.many(tds_rows["account"][has]),
                    "section": tds_rows["section"][has].to_numpy(),
                    "tds": tds_amount[has],
                }
            )
            .groupby(["v", "account", "section"], sort=False)["tds"]
            .sum()
        )
        gv = grouped.index.get_level_values(0).to_numpy(dtype=np.int64)
        who, what = take_text(first_name, gv), take_text(first_number, gv)
        sections = text(grouped.index.get_level_values(2))
        words.append(_words(join("TDS u/s ", sections, " on payment ", what, " to ", who), who, what))
        frames.append(
            _line_frame(
                gv,
                n + count + np.arange(len(gv)),
                grouped.index.get_level_values(1).to_numpy(dtype=np.int64),
                -grouped.to_numpy(),
                source=sources.one("TDSSections", len(gv)),
                order=2,
            )
        )
    total = group_sum(v, amount, count)
    kept_back = group_sum(v, tds_amount, count)
    frames.append(
        _line_frame(
            np.arange(count),
            n + np.arange(count),
            accounts.many(rows["account"].iloc[first]),
            -sign * (total - kept_back),
            source=sources.one("Bank Account", count),
            order=0 if receipts else 3,
        )
    )
    prefix = PREFIXES[("receipts" if receipts else "payments", "")]
    vouchers = pd.DataFrame(
        {
            "voucher": join(prefix, "#", first_number),
            "source": ss.where.sheet,
            "kind": "receipt" if receipts else "payment",
            "number": first_number,
            "party": take_text(rows["party"], first),
            "party_name": first_name,
            "party_amount": sign * total,
            "reference": reference,
            "date": rows["date"].to_numpy()[first],
            "sheet": ss.where.sheet,
            "row": rows["row"].to_numpy()[first],
        }
    )
    return _Built(_concat_lines(frames), pd.concat(words, ignore_index=True), vouchers)


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
    own = parties[parties["account"].ne("")]
    by_account = take_text(own["code"], locate(own["account"], lines["account"]))
    controls = [settings.account("Debtors Account"), settings.account("Creditors Account")]
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
            "ref": normalise_numbers(lines["reference"][chosen]).to_numpy(),
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
    registry = (_Names(), _Names())  # account codes and their sources, numbered
    built = [_documents(ds, parties, items, settings, registry) for ds in documents]
    built += [
        _money(ss, parties, settings, tds if ss.side != SALES_SIDE else None, registry) for ss in settlements
    ]
    built = [b for b in built if len(b.vouchers)]
    if not built:
        return Posting(_empty_lines(), _empty_vouchers(), [])
    voucher_offsets = np.cumsum([0] + [len(b.vouchers) for b in built])
    word_offsets = np.cumsum([0] + [len(b.words) for b in built])
    lines = _concat_lines(
        [
            {**b.lines, "v": b.lines["v"] + dv, "w": b.lines["w"] + dw}
            for b, dv, dw in zip(built, voucher_offsets, word_offsets, strict=False)
        ]
    )
    words = pd.concat([b.words for b in built], ignore_index=True)
    vouchers = pd.concat([b.vouchers for b in built], ignore_index=True)
    lines = _take_lines(lines, lines["amount"] != 0)
    debits = group_sum(lines["v"], np.maximum(lines["amount"], 0), len(vouchers))
    vouchers["amount"] = debits
    status = np.full(len(vouchers), "posted", dtype=object)
    issues: list[Issue] = []
    journal = ledger.journal
    journal_where = Located(ledger.journal_sheet, {"Voucher": _letter(ledger)})

    # already posted: the voucher number is in the Journal
    keys = casefolded(vouchers["voucher"])
    if not journal.empty:
        existing = (
            journal.assign(key=casefolded(journal["voucher"]))
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
                    kind_hi=KIND_NAMES_HI.get(str(kinds[i]), str(kinds[i])),
                    number=numbers[i],
                    posted=format_inr(int(posted_debit[j])),
                    expected=format_inr(int(debits[i])),
                )
            )

    # recorded by hand: same party, reference and amount on the party
    manual = _manual_index(ledger, parties, settings, party_codes)
    if len(manual):
        candidates = np.flatnonzero((status == "posted") & vouchers["party"].isin(manual["party"]).to_numpy())
        chosen = vouchers.iloc[candidates]
        references = (
            chosen["reference"].fillna("") if "reference" in chosen else pd.Series("", index=chosen.index)
        )
        wanted = pd.DataFrame(
            {
                "v": np.concatenate([candidates, candidates]),
                "party": np.concatenate([chosen["party"].to_numpy(), chosen["party"].to_numpy()]),
                "ref": np.concatenate(
                    [
                        normalise_numbers(chosen["number"]).to_numpy(),
                        normalise_numbers(references.astype("str")).to_numpy(),
                    ]
                ),
                "net": np.concatenate([chosen["party_amount"].to_numpy(dtype=np.int64)] * 2),
            }
        )
        hits = wanted[wanted["ref"] != ""].merge(manual, on=["party", "ref", "net"]).drop_duplicates("v")
        kinds, numbers, party_names = (vouchers[c].tolist() for c in ("kind", "number", "party_name"))
        for v, voucher, row, net in zip(hits["v"], hits["voucher"], hits["row"], hits["net"], strict=True):
            status[int(v)] = "manual-duplicate"
            kind = str(kinds[int(v)])
            issues.append(
                make_issue(
                    Rule.MANUAL_DUPLICATE,
                    journal_where.sheet,
                    journal_where.cell("Voucher", int(row)),
                    "Voucher",
                    str(voucher),
                    kind=KIND_NAMES.get(kind, kind.title()).lower(),
                    kind_hi=KIND_NAMES_HI.get(kind, kind),
                    number=numbers[int(v)],
                    party=party_names[int(v)],
                    amount=format_inr(abs(int(net))),
                )
            )

    # accounts the Accounts table lacks
    account_texts, source_texts = registry[0].texts(), registry[1].texts()
    known = account_texts.isin(ledger.accounts["code"]).to_numpy()
    line_v, line_account = lines["v"], lines["account"]
    missing = (status == "posted")[line_v] & ~known[line_account]
    if missing.any():
        bad = pd.DataFrame(_take_lines(lines, missing))
        for key, group in bad.groupby(["account", "source"], sort=False):
            account_id, source_id = cast(tuple[int, int], key)
            account, source = str(account_texts.iat[int(account_id)]), str(source_texts.iat[int(source_id)])
            docs = np.unique(group["v"].to_numpy(dtype=np.int64))
            where = settings.cells.get(source, "")
            label = {
                "party": "Parties: Account",
                "Items": "Items: Sales/Purchase Account",
                "TDSSections": "TDS Sections: Account",
            }.get(source, f"Settings: {source}")
            issues.append(
                make_issue(
                    Rule.UNKNOWN_POSTING_ACCOUNT,
                    settings.sheet if where else "Accounts",
                    where,
                    "Value" if where else "Code",
                    account,
                    source=label,
                    count=len(docs),
                )
            )
        status[np.unique(line_v[missing])] = "unknown-account"
    vouchers["status"] = status
    kept = _take_lines(lines, (status == "posted")[line_v])
    v = kept["v"]
    order = np.lexsort((kept["order"], v, vouchers["date"].to_numpy()[v]))
    v, w, amount = v[order], kept["w"][order], kept["amount"][order]
    out = pd.DataFrame(
        {
            "date": vouchers["date"].to_numpy()[v],
            "voucher": take_text(vouchers["voucher"], v),
            "account": take_text(account_texts, kept["account"][order]),
            "debit": np.maximum(amount, 0),
            "credit": np.maximum(-amount, 0),
            "narration": take_text(words["narration"], w),
            "party": take_text(words["party"], w),
            "reference": take_text(words["reference"], w),
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
