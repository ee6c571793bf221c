"""The sub-ledger against the control accounts: do the parties' bills and payments add up to the ledger?

For each party, two balances (debit positive, paise):

- **ledger**: the opening balance of the party's own account (Accounts) and every Journal line on
  it; for a party posted to the Debtors or Creditors control account, the control account's lines
  whose Party is this party;
- **sub-ledger**: the same opening, plus its ok documents and settlements from the trade tables —
  sales invoices and debit notes, vendors' credit notes and payments (gross) debit it; sales credit
  notes, receipts, vendors' bills and debit notes credit it.

After posting they agree, unless the Journal holds entries for the party that are no document
(a discount, a write-off, an opening moved by hand) or a document is still unposted:
``subledger-difference`` at the party's Code cell. The control account itself — the group and the
accounts under it — must equal the sum of the parties posted there; what belongs to no party is a
``subledger-difference`` (control) at the Settings row naming the control account.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine.cells import fold
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.messages import make_issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.trade.columns import codes as text_codes
from addin.engine.trade.documents import SALES_SIDE, DocumentSet
from addin.engine.trade.located import Located, issues_at
from addin.engine.trade.settings import TradeSettings
from addin.engine.trade.settlements import SettlementSet


@dataclass(frozen=True)
class SubledgerTie:
    """``parties``: per party ``party``, ``account``, ``ledger``, ``subledger``, ``difference`` (paise);
    ``controls``: per control account ``account``, ``ledger``, ``subledger``, ``difference``."""

    parties: pd.DataFrame
    controls: pd.DataFrame


def descendants(accounts: pd.DataFrame, code: str) -> set[str]:
    """``code`` and every account under it (through Parent links).

    >>> accounts = pd.DataFrame({"code": ["1100", "1130", "1131", "1140"],
    ...                          "parent": ["", "1100", "1130", "1100"]})
    >>> sorted(descendants(accounts, "1130"))
    ['1130', '1131']
    """
    children: dict[str, list[str]] = {}
    for child, parent in zip(accounts["code"], accounts["parent"], strict=True):
        children.setdefault(str(parent), []).append(str(child))
    found, todo = set(), [code]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo.extend(children.get(current, []))
    return found


def subledger_balances(
    parties: pd.DataFrame, documents: Sequence[DocumentSet], settlements: Sequence[SettlementSet]
) -> pd.Series[int]:
    """Each party's balance from its ok documents and settlements (without opening), debit positive."""
    parts = []
    for ds in documents:
        docs = ds.documents[ds.documents["ok"]]
        credit_note = (docs["doc_kind"] == "credit-note").to_numpy()
        signs = np.where(credit_note, -1, 1) * (1 if ds.side == SALES_SIDE else -1)
        parts.append(pd.Series(signs * docs["value"].to_numpy(), index=docs["party"].to_numpy()))
    for ss in settlements:
        rows = ss.frame[ss.frame["ok"]]
        sign = -1 if ss.side == SALES_SIDE else 1
        parts.append(pd.Series(sign * rows["amount"].to_numpy(), index=rows["party"].to_numpy()))
    if not parts:
        return pd.Series(0, index=parties["code"], dtype=np.int64)
    moved = pd.concat(parts).groupby(level=0).sum()
    return moved.reindex(parties["code"], fill_value=0).astype(np.int64)


def tie_subledger(
    ledger: Ledger,
    parties: pd.DataFrame,
    party_codes: Mapping[str, str],
    settings: TradeSettings,
    subledger: pd.Series[int],
    *,
    extra_lines: pd.DataFrame | None = None,
    parties_where: Located | None = None,
) -> tuple[SubledgerTie, list[Issue]]:
    """Compare each party's ledger with its sub-ledger; ``extra_lines`` (the lines posting is about to
    add: ``account``, ``party`` name, ``debit``, ``credit``) count as part of the Journal."""
    journal = ledger.journal[["account", "party", "debit", "credit"]]
    if extra_lines is not None and len(extra_lines):
        journal = pd.concat(
            [journal, extra_lines[["account", "party", "debit", "credit"]]], ignore_index=True
        )
    opening = dict(zip(ledger.accounts["code"], ledger.accounts["opening"], strict=True))
    net = (journal["debit"] - journal["credit"]).to_numpy(dtype=np.int64)
    account_ids, accounts_seen = text_codes(journal["account"])  # Arrow's codes, not Python strings
    by_account = pd.Series(net).groupby(account_ids).sum().set_axis(accounts_seen)  # codes are 0..n-1
    debtors, creditors = settings.account("Debtors Account"), settings.account("Creditors Account")
    on_control = journal["account"].isin([debtors, creditors]).to_numpy()
    texts = journal["party"][on_control]
    codes_raw, uniques = pd.factorize(texts)
    named = np.array([party_codes.get(fold(str(u)), "") for u in uniques] + [""], dtype=object)[
        np.asarray(codes_raw, dtype=np.int64)
    ]
    by_named = pd.Series(net[on_control]).groupby(named).sum()

    own = parties["account"].to_numpy(dtype=object)
    codes = parties["code"].to_numpy(dtype=object)
    ledger_balance = np.array(
        [
            int(opening.get(a, 0)) + int(by_account.get(a, 0)) if a else int(by_named.get(c, 0))
            for c, a in zip(codes, own, strict=True)
        ],
        dtype=np.int64,
    )
    sub = subledger.reindex(codes).fillna(0).to_numpy(dtype=np.int64)
    sub = sub + np.array([int(opening.get(a, 0)) if a else 0 for a in own], dtype=np.int64)
    frame = pd.DataFrame(
        {
            "party": codes,
            "account": own,
            "ledger": ledger_balance,
            "subledger": sub,
            "difference": ledger_balance - sub,
        }
    )
    issues: list[Issue] = []
    off = np.flatnonzero(frame["difference"].to_numpy() != 0)
    if parties_where is not None and len(off):
        issues += issues_at(
            parties_where,
            Rule.SUBLEDGER_DIFFERENCE,
            "Code",
            parties["row"].to_numpy()[off].tolist(),
            codes[off].tolist(),
            ledger=[_dr_cr(v) for v in ledger_balance[off]],
            subledger=[_dr_cr(v) for v in sub[off]],
            difference=[format_inr(abs(int(v))) for v in frame["difference"].to_numpy()[off]],
        )

    rows = []
    control_of = account_ids[on_control]  # the control accounts' lines, by account code id
    for setting, control in (("Debtors Account", debtors), ("Creditors Account", creditors)):
        if control not in set(ledger.accounts["code"]):
            continue
        group = descendants(ledger.accounts, control)
        balance = sum(int(opening.get(a, 0)) + int(by_account.get(a, 0)) for a in group)
        mine = control_of == int(accounts_seen.get_indexer(pd.Index([control]))[0])  # -1 (no line): none
        named_here = int(net[on_control][mine & (named != "")].sum())
        owned = int(sum(int(opening.get(a, 0)) + int(by_account.get(a, 0)) for a in set(own) if a in group))
        parties_total = owned + named_here
        rows.append(
            {
                "account": control,
                "ledger": balance,
                "subledger": parties_total,
                "difference": balance - parties_total,
            }
        )
        if balance != parties_total:
            issues.append(
                make_issue(
                    Rule.SUBLEDGER_DIFFERENCE,
                    settings.sheet,
                    settings.cells.get(setting, ""),
                    "Value",
                    control,
                    variant="control",
                    ledger=_dr_cr(balance),
                    subledger=_dr_cr(parties_total),
                    difference=format_inr(abs(balance - parties_total)),
                )
            )
    controls = pd.DataFrame(rows, columns=["account", "ledger", "subledger", "difference"])
    return SubledgerTie(frame, controls), issues


def _dr_cr(paise: int) -> str:
    """A balance as accountants read it: "1,20,000.00 Dr", "500.00 Cr", "0.00"."""
    if paise == 0:
        return format_inr(0)
    return f"{format_inr(abs(int(paise)))} {'Dr' if paise > 0 else 'Cr'}"
