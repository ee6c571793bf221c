"""The Parties table: customers and vendors, with GSTIN, PAN, state, credit days, MSME and accounts.

:func:`load_parties` returns the parties frame, one row a party in workbook order:

``row`` (worksheet row), ``code``, ``name``, ``gstin`` (compact, "" for an unregistered party),
``gstin_valid`` (bool), ``pan`` (the PAN column, else the PAN inside a valid GSTIN; "" if none),
``state`` (two-digit code: a valid GSTIN's, else the State column's, else the first two digits of
a GSTIN not valid when they are a state code; "" when unknown), ``kind``
("customer", "vendor" or "both"), ``credit_days`` (int), ``msme`` (bool: a micro or small
enterprise under the MSMED Act), ``account`` (the ledger account code the party is posted to, "" for
the control account), ``tds_section`` (as typed, upper case), ``individual`` (bool: the PAN's 4th
character is P or H, an individual or HUF, for TDS rates).

Issues found while loading: ``duplicate-party``, ``invalid-party-type``, ``invalid-gstin``,
``gstin-state-mismatch``, ``invalid-pan``, ``invalid-state``, ``unknown-account`` (Account not in the
Accounts table), with the cell readers' ``unreadable-amount`` / ``error-value``.

>>> table = RawTable.from_rows("Parties", "Parties", [
...     ["Code", "Name", "GSTIN", "PAN", "State", "Type", "Credit Days", "MSME"],
...     ["C01", "Ravi Kumar", "27AAPFU0939F1ZV", None, None, "Customer", 30, "No"],
...     ["V01", "Kaveri", "29AAPFU0939F1ZW", None, "29", "Vendor", None, "Yes"],
...     ["C02", "Walk-in", None, None, "27-Maharashtra", "ग्राहक", None, None]])
>>> parties, _, issues = load_parties(table)
>>> parties[["code", "state", "kind", "pan", "msme"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
[{'code': 'C01', 'state': '27', 'kind': 'customer', 'pan': 'AAPFU0939F', 'msme': False},
 {'code': 'V01', 'state': '29', 'kind': 'vendor', 'pan': '', 'msme': True},
 {'code': 'C02', 'state': '27', 'kind': 'customer', 'pan': '', 'msme': False}]
>>> [(i.rule, i.cell) for i in issues]
[('invalid-gstin', 'C3')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from addin.engine.cells import UnreadCell, amount_reason, cell_text, fold
from addin.engine.identifiers import gstin as gstin_id
from addin.engine.identifiers import pan as pan_id
from addin.engine.identifiers.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from addin.engine.issues import Issue
from addin.engine.load import (
    TableReader,
    account_lookup,
    blank_rows,
    resolve_accounts,
)
from addin.engine.rules import Rule
from addin.engine.schema import PARTIES
from addin.engine.tables import RawTable
from addin.engine.trade.located import Located, duplicate_codes, issues_at, open_table
from addin.engine.trade.states import state_codes
from addin.engine.trade.values import NOT_WHOLE_DAYS, whole_numbers, yes_flags

KINDS: dict[str, str] = {
    "customer": "customer",
    "ग्राहक": "customer",
    "buyer": "customer",
    "debtor": "customer",
    "vendor": "vendor",
    "supplier": "vendor",
    "विक्रेता": "vendor",
    "आपूर्तिकर्ता": "vendor",
    "creditor": "vendor",
    "both": "both",
    "दोनों": "both",
    "": "both",
}
"""Party types as typed (English or Hindi, any case) → "customer", "vendor" or "both"."""

COLUMNS = (
    "row",
    "code",
    "name",
    "gstin",
    "gstin_valid",
    "pan",
    "state",
    "kind",
    "credit_days",
    "msme",
    "account",
    "tds_section",
    "individual",
    "address",
)


def empty_parties() -> pd.DataFrame:
    """A parties frame with no rows and the documented columns."""
    return _frame({c: [] for c in COLUMNS})


def _frame(data: Mapping[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(data)
    types = {
        "row": np.int64,
        "credit_days": np.int64,
        "gstin_valid": np.bool_,
        "msme": np.bool_,
        "individual": np.bool_,
    }
    return frame.astype({c: types.get(c, "str") for c in COLUMNS})


def _kind(text: str) -> str:
    folded = fold(text)
    return KINDS.get(folded) or KINDS.get(folded.split("/")[0].strip(), "")


def load_parties(
    table: RawTable | None, account_codes: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, Located, list[Issue]]:
    """The Parties table as the parties frame, where it stands, and its issues.

    ``account_codes`` is the ledger's folded code-or-name → code lookup
    (:func:`~addin.engine.load.account_lookup`); an Account cell it does not know is an issue.
    """
    opened = open_table(table, PARTIES)
    where, issues = opened.where, opened.issues
    if table is None or not opened.complete:
        return empty_parties(), where, issues
    reader = TableReader(table, opened.positions)
    code = reader.text("Code", UnreadCell.CODE)
    name = reader.text("Name", UnreadCell.NAME)
    gstin_typed = reader.text("GSTIN")
    pan_typed = reader.text("PAN")
    state_typed = reader.text("State")
    kind_typed = reader.text("Type", UnreadCell.TYPE)
    days_raw = reader.raw("Credit Days")
    msme_raw = reader.raw("MSME")
    account_typed = reader.text("Account")
    tds_typed = reader.text("TDS Section")
    address = reader.text("Address")
    reader.other_columns_blank()
    blank, blank_issues = blank_rows(table, reader.blanks)
    keep = ~blank
    n = table.row_count
    rows = table.header_row + 1 + np.arange(n, dtype=np.int64)
    empty = pd.Series([None] * n, dtype=object)
    days, bad_days = whole_numbers(days_raw if days_raw is not None else empty)
    msme = yes_flags(msme_raw if msme_raw is not None else empty)

    gstins = [gstin_id.compact(t) if t else "" for t in gstin_typed.tolist()]
    gstin_why = [why_invalid(gstin_id.validate, g) if g else ("", "") for g in gstins]
    gstin_errors = [w[0] for w in gstin_why]
    valid = np.array([bool(g) and not e for g, e in zip(gstins, gstin_errors, strict=True)], dtype=np.bool_)
    typed_state = state_codes(state_typed).tolist()
    state = [
        g[:2] if ok else s or (g[:2] if g[:2] in gstin_id.STATES else "")
        for g, ok, s in zip(gstins, valid, typed_state, strict=True)
    ]
    pans = [pan_id.compact(t) if t else "" for t in pan_typed.tolist()]
    pan_why = [why_invalid(pan_id.validate, p) if p else ("", "") for p in pans]
    pan_errors = [w[0] for w in pan_why]
    pan = [
        p if p and not e else (g[2:12] if ok else "")
        for p, e, g, ok in zip(pans, pan_errors, gstins, valid, strict=True)
    ]
    kinds = [_kind(t) for t in kind_typed.tolist()]
    lookup = account_codes or {}
    account = resolve_accounts(account_typed, lookup) if lookup else account_typed

    frame = _frame(
        {
            "row": rows,
            "code": code,
            "name": name,
            "gstin": gstins,
            "gstin_valid": valid,
            "pan": pan,
            "state": state,
            "kind": [k or "both" for k in kinds],
            "credit_days": days,
            "msme": msme,
            "account": account,
            "tds_section": tds_typed.str.upper(),
            "individual": [len(p) == 10 and p[3] in "PH" for p in pan],
            "address": address,
        }
    )
    frame = frame[keep].reset_index(drop=True)

    found: list[Issue] = [*issues, *reader.issues, *blank_issues]
    live: list[int] = np.flatnonzero(keep).tolist()

    def at(rule: Rule, column: str, picks: list[int], values: list[str], **fields: Any) -> None:
        found.extend(issues_at(where, rule, column, [int(rows[i]) for i in picks], values, **fields))

    codes = code.tolist()
    found += duplicate_codes(
        where, Rule.DUPLICATE_PARTY, [codes[i] for i in live], [int(rows[i]) for i in live]
    )
    kind_list = kind_typed.tolist()
    picks = [i for i in live if not kinds[i]]
    at(Rule.INVALID_PARTY_TYPE, "Type", picks, [kind_list[i] for i in picks])
    typed_gstin = gstin_typed.tolist()
    picks = [i for i in live if gstin_errors[i]]
    at(
        Rule.INVALID_GSTIN,
        "GSTIN",
        picks,
        [typed_gstin[i] for i in picks],
        reason=[gstin_why[i][0] for i in picks],
        reason_hi=[gstin_why[i][1] for i in picks],
    )
    state_text = state_typed.tolist()
    picks = [i for i in live if state_text[i] and not typed_state[i]]
    at(Rule.INVALID_STATE, "State", picks, [state_text[i] for i in picks])
    picks = [i for i in live if valid[i] and typed_state[i] and typed_state[i] != gstins[i][:2]]
    at(
        Rule.GSTIN_STATE_MISMATCH,
        "State",
        picks,
        [state_text[i] for i in picks],
        gstin=[gstins[i] for i in picks],
        gstin_state=[gstins[i][:2] for i in picks],
        state_name=[gstin_id.STATES[gstins[i][:2]] for i in picks],
    )
    pan_text = pan_typed.tolist()
    picks = [i for i in live if pan_errors[i]]
    at(
        Rule.INVALID_PAN,
        "PAN",
        picks,
        [pan_text[i] for i in picks],
        reason=[pan_why[i][0] for i in picks],
        reason_hi=[pan_why[i][1] for i in picks],
    )
    picks = [i for i in live if pans[i] and not pan_errors[i] and valid[i] and pans[i] != gstins[i][2:12]]
    found.extend(
        issues_at(
            where,
            Rule.INVALID_PAN,
            "PAN",
            [int(rows[i]) for i in picks],
            [pan_text[i] for i in picks],
            variant="gstin",
            gstin_pan=[gstins[i][2:12] for i in picks],
        )
    )
    picks = [i for i in live if bad_days[i]]
    days_cells = [] if days_raw is None else [days_raw.iloc[i] for i in picks]
    reasons = [why if (why := amount_reason(v)) else NOT_WHOLE_DAYS for v in days_cells]
    at(Rule.UNREADABLE_AMOUNT, "Credit Days", picks, [cell_text(v) for v in days_cells], reason=reasons)
    if lookup:
        typed_accounts, resolved = account_typed.tolist(), account.tolist()
        picks = [i for i in live if typed_accounts[i] and not resolved[i]]
        at(Rule.UNKNOWN_ACCOUNT, "Account", picks, [typed_accounts[i] for i in picks])
    return frame, where, found


_REASONS_HI: dict[type[ValueError], str] = {
    InvalidLength: "अक्षरों की संख्या गलत है",
    InvalidFormat: "किसी स्थान पर गलत प्रकार का अक्षर है",
    InvalidComponent: "राज्य कोड या धारक प्रकार मान्य नहीं है",
    InvalidChecksum: "जाँच अक्षर मेल नहीं खाता (कोई अक्षर गलत लिखा है)",
}


def why_invalid(validate: Callable[[str], str], text: str) -> tuple[str, str]:
    """Why ``validate`` (a python-stdnum style function) rejects ``text``, in English and Hindi;
    ("", "") when it accepts it.

    >>> why_invalid(gstin_id.validate, "27AAPFU0939F1ZW")[0]
    "check character is 'W', expected 'V' (a character is mistyped)"
    >>> why_invalid(gstin_id.validate, "27AAPFU0939F1ZW")[1]
    "जाँच अक्षर 'W' है, अपेक्षित 'V' (कोई अक्षर गलत लिखा है)"
    """
    try:
        validate(text)
    except ValueError as exc:
        english = str(exc).split(": ", 1)[-1]
        hindi = getattr(exc, "hi", "") or next(
            (h for kind, h in _REASONS_HI.items() if isinstance(exc, kind)), "मान्य नहीं"
        )
        return english, hindi
    return "", ""


def party_lookup(parties: pd.DataFrame) -> dict[str, str]:
    """Folded code or name → party code (a code wins over another party's identical name)."""
    return account_lookup(parties["code"].tolist(), parties["name"].tolist())
