"""The ledger as plain-text accounting journals: hledger/ledger-cli and beancount.

These let independent tools check Bahi's figures (the test suite compares hledger's and
beancount's balances with the trial balance to the paisa) and let a user take the books elsewhere.

Account names follow the hierarchy of the Accounts table. The first component is the root of the
account's tree, by the *top* ancestor's type (Asset → ``Assets``, Liability → ``Liabilities``,
Equity, Income, Expense → ``Expenses``), so that a whole group sits under one root and every
group's inclusive balance in hledger equals its trial-balance row. Each further component is the
account's code and name: ``Assets:1000 Current Assets:1110 Bank`` for hledger and
``Assets:1000-Current-Assets:1110-Bank`` for beancount (whose grammar allows only letters, digits
and dashes). Codes keep names unique.

Transactions are the journal lines sharing a date and a voucher, in date then worksheet-row order,
one posting a line (debit positive, credit negative, two decimals). Accounts' opening balances
form an "Opening balances" transaction dated the day before the first journal date; what they do
not net to goes to ``Equity:Opening Balances``. A transaction that does not balance (validation
reports it) gets a posting to ``Equity:Unbalanced`` for the difference so that the file still
loads and every account's balance is still Bahi's. Journal lines with an unknown account ("") or an
unreadable date (NaT) are left out, as in the reports.

The writers work on whole columns and join strings once: a full sheet (1,048,575 lines) converts
in a few seconds.

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> print(to_hledger_journal(_example_ledger()))
; Demo Traders — exported by Bahi (बही)
<BLANKLINE>
2025-04-01 Opening balances
    Assets:1000 Assets:1110 Bank  10000.00 INR
    Equity:3000 Capital  -10000.00 INR
<BLANKLINE>
2025-04-02 (S1) Cash sale
    Assets:1000 Assets:1110 Bank  1500.00 INR
    Income:4000 Sales  -1500.00 INR
<BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from addin.engine.cells import datetime64_to_date
from addin.engine.ledger import Ledger
from addin.engine.reports.hierarchy import AccountTree, account_tree
from addin.engine.reports.lines import line_dates, paise, transaction_ids

ROOTS = {
    "Asset": "Assets",
    "Liability": "Liabilities",
    "Equity": "Equity",
    "Income": "Income",
    "Expense": "Expenses",
}
"""The root account a type's tree sits under (hledger's and beancount's conventions)."""

UNCLASSIFIED = "Unclassified"
OPENING_BALANCES = ("Equity:Opening Balances", "Equity:Opening-Balances")
UNBALANCED = "Equity:Unbalanced"

_HLEDGER_UNSAFE = re.compile(r"[:;()\[\]{}@*!#=|\"\\]|\s+")
_BEANCOUNT_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
_CURRENCY = re.compile(r"^[A-Z][A-Z0-9'._-]{0,22}[A-Z0-9]$")
_NEWLINES = re.compile(r"[\r\n\t]+")


def _root(tree: AccountTree, code: str) -> str:
    """The root word of ``code``'s tree, from the type of its top ancestor (or its own)."""
    top = ([code, *tree.ancestors(code)])[-1]
    return ROOTS.get(tree.type[top]) or ROOTS.get(tree.type[code]) or UNCLASSIFIED


def _hledger_component(code: str, name: str) -> str:
    """``"1110 Bank"``: no colons, brackets or runs of spaces (which end a name in hledger)."""
    text = f"{code} {name}" if name else code
    return " ".join(_HLEDGER_UNSAFE.sub(" ", text).split()) or "-"


def _beancount_component(code: str, name: str) -> str:
    """``"1110-Bank"``: letters, digits and dashes, starting with a capital or a digit."""
    text = _BEANCOUNT_UNSAFE.sub("-", f"{code} {name}").strip("-")
    text = text[:1].upper() + text[1:]
    return text if text[:1].isalnum() else f"X{text}".rstrip("-") or "X"


def _names(tree: AccountTree, *, beancount: bool) -> dict[str, str]:
    make = _beancount_component if beancount else _hledger_component
    names: dict[str, str] = {}
    taken: set[str] = set()
    for code in tree.codes:  # parents come first
        parent = tree.parent[code]
        if parent:
            prefix = names[parent]
        else:
            root = _root(tree, code)
            prefix = f"Equity:{UNCLASSIFIED}" if beancount and root == UNCLASSIFIED else root
        base = f"{prefix}:{make(code, tree.name[code])}"
        name, n = base, 1
        while name in taken:  # two codes that clean to the same text
            n += 1
            name = f"{base}-{n}" if beancount else f"{base} {n}"
        taken.add(name)
        names[code] = name
    return names


def hledger_account_names(ledger: Ledger) -> dict[str, str]:
    """Account code → hledger/ledger-cli account name (``"Assets:1000 Current Assets:1110 Bank"``)."""
    return _names(_tree(ledger), beancount=False)


def beancount_account_names(ledger: Ledger) -> dict[str, str]:
    """Account code → beancount account name (``"Assets:1000-Current-Assets:1110-Bank"``)."""
    return _names(_tree(ledger), beancount=True)


def _amounts(values: npt.NDArray[np.int64]) -> list[str]:
    """Paise as decimal strings with two places ("-1234.50"), for a handful of amounts."""
    return [f"-{-v // 100}.{-v % 100:02d}" if v < 0 else f"{v // 100}.{v % 100:02d}" for v in values.tolist()]


def _amount_column(values: npt.NDArray[np.int64]) -> pa.Array:
    """Paise as decimal strings with two places, for a whole column at once (Arrow compute)."""
    magnitude = np.abs(values)
    rupees = pc.cast(pa.array(magnitude // 100), pa.string())
    paise_text = pc.utf8_lpad(pc.cast(pa.array(magnitude % 100), pa.string()), 2, "0")
    sign = pc.if_else(pa.array(values < 0), "-", "")
    return pc.binary_join_element_wise(sign, rupees, ".", paise_text, "")


def _one_line(text: object) -> str:
    return _NEWLINES.sub(" ", str(text)).strip()


def _one_line_column(texts: pa.Array) -> pa.Array:
    """Each text on one line, trimmed."""
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(texts, _NEWLINES.pattern, " "))


def _text_column(journal: pd.DataFrame, column: str, lines: npt.NDArray[np.intp]) -> pa.Array:
    values = journal[column].fillna("")
    try:
        texts = pa.array(values, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        texts = pa.array([str(v) for v in values], type=pa.string())
    return texts.take(pa.array(lines))


class _Transactions:
    """The reportable lines in export order, cut into transactions (shared by both writers).

    Text is built as Arrow string columns, every piece ending in a newline, then laid out in
    order and read back as one string: no Python loop runs over the lines.
    """

    def __init__(self, ledger: Ledger) -> None:
        journal = ledger.journal
        dates = line_dates(journal)
        factor, uniques = pd.factorize(journal["account"].fillna(""))
        self.codes = [str(u) for u in uniques]
        known = np.array([bool(c) for c in self.codes] + [False], dtype=bool)
        keep = np.flatnonzero(~np.isnat(dates) & known[factor])
        txn = transaction_ids(journal, dates)[keep]
        rows = journal["row"].to_numpy(dtype=np.int64)[keep]
        first_row = np.full(int(txn.max(initial=-1)) + 1, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first_row, txn, rows)
        order = _export_order(dates[keep], first_row[txn], rows)
        lines = keep[order]
        txn = txn[order]
        self.factor = factor[lines]
        boundary = np.r_[True, txn[1:] != txn[:-1]] if len(txn) else np.zeros(0, dtype=bool)
        self.starts = np.flatnonzero(boundary)
        self.rank = (np.cumsum(boundary) - 1).astype(np.intp)
        self.amount = (paise(journal, "debit") - paise(journal, "credit"))[lines]
        self.net = np.add.reduceat(self.amount, self.starts) if len(lines) else np.zeros(0, dtype=np.int64)
        self.day = pa.array(np.datetime_as_string(dates[lines[self.starts]], unit="D"), type=pa.string())
        self.voucher = _one_line_column(_text_column(journal, "voucher", lines[self.starts]))
        self.narration = _one_line_column(self._first_narration(journal, lines))
        if len(lines):
            first_day = datetime64_to_date(dates[lines[0]])
            self.opening_day = (first_day - dt.timedelta(days=1)).isoformat()
        elif (fy := ledger.settings.fy_bounds()) is not None:
            self.opening_day = (fy[0] - dt.timedelta(days=1)).isoformat()
        else:
            self.opening_day = "1970-01-01"

    def account_names(self, names: dict[str, str]) -> pa.Array:
        """Each line's account name."""
        table = pa.array([names.get(c, "") for c in self.codes], type=pa.string())
        return table.take(pa.array(self.factor))

    def _first_narration(self, journal: pd.DataFrame, lines: npt.NDArray[np.intp]) -> pa.Array:
        """Each transaction's first non-blank narration."""
        texts = _text_column(journal, "narration", lines)
        filled = np.asarray(pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(texts)), 0), dtype=bool)
        first = self.starts.copy()
        if len(first):
            ends = np.r_[self.starts[1:], len(lines)]
            first_filled = ends.copy()
            np.minimum.at(first_filled, self.rank[filled], np.flatnonzero(filled))
            first = np.where(first_filled < ends, first_filled, self.starts)
        return texts.take(pa.array(first))

    def postings(self, names: dict[str, str], indent: str, currency: str) -> pa.Array:
        amounts = _amount_column(self.amount)
        accounts = self.account_names(names)
        return pc.binary_join_element_wise(indent, accounts, "  ", amounts, f" {currency}\n", "")

    def balancing(self, indent: str, currency: str) -> pa.Array:
        """Per transaction, a posting to ``Equity:Unbalanced`` for what it does not balance by, or ""."""
        trailers = [""] * len(self.starts)
        for k in np.flatnonzero(self.net).tolist():
            trailers[k] = f"{indent}{UNBALANCED}  {_amounts(np.array([-self.net[k]]))[0]} {currency}\n"
        return pa.array(trailers, type=pa.string())

    def text(self, headers: pa.Array, postings: pa.Array, trailers: pa.Array) -> str:
        """Each transaction's header, postings and trailer, in order, as one string."""
        count, size = len(self.starts), len(postings)
        ends = np.r_[self.starts[1:], size].astype(np.intp) if count else np.zeros(0, dtype=np.intp)
        where = np.empty(size + 2 * count, dtype=np.intp)
        where[self.starts + 2 * np.arange(count)] = np.arange(count)
        where[np.arange(size) + 2 * self.rank + 1] = count + np.arange(size)
        where[ends + 2 * np.arange(count) + 1] = count + size + np.arange(count)
        pieces = pa.concat_arrays([a.cast(pa.large_string()) for a in (headers, postings, trailers)])
        return _joined(pieces.take(pa.array(where)))


def _export_order(
    dates: npt.NDArray[np.datetime64], first_rows: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]
) -> npt.NDArray[np.intp]:
    """Positions sorted by date, transaction's first row, row (skipping the sort when already so)."""
    same_day = dates[1:] == dates[:-1]
    same_txn = first_rows[1:] == first_rows[:-1]
    in_order = (dates[1:] > dates[:-1]) | (
        same_day & ((first_rows[1:] > first_rows[:-1]) | (same_txn & (rows[1:] >= rows[:-1])))
    )
    if in_order.all():
        return np.arange(len(rows), dtype=np.intp)
    return np.lexsort((rows, first_rows, dates)).astype(np.intp)


def _joined(texts: pa.Array) -> str:
    """The concatenation of a large-string Arrow array (read straight from its buffers)."""
    if len(texts) == 0:
        return ""
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + len(texts) + 1]
    return str(memoryview(texts.buffers()[2])[int(offsets[0]) : int(offsets[-1])], "utf-8")


def _opening_postings(tree: AccountTree, names: dict[str, str]) -> tuple[list[tuple[str, int]], int]:
    postings = [(names[c], tree.opening[c]) for c in tree.codes if tree.opening[c]]
    return postings, -sum(amount for _, amount in postings)


def to_hledger_journal(ledger: Ledger) -> str:
    """The ledger as an hledger journal (also read by ledger-cli), amounts in the settings' currency."""
    txns = _Transactions(ledger)
    tree = account_tree(ledger.accounts, extra_codes=tuple(c for c in txns.codes if c))
    names = _names(tree, beancount=False)
    currency = _currency(ledger)
    out = [f"; {_one_line(ledger.settings.company)} — exported by Bahi (बही)\n"]
    postings, rest = _opening_postings(tree, names)
    if postings:
        if rest:
            postings.append((OPENING_BALANCES[0], rest))
        out.append(f"\n{txns.opening_day} Opening balances\n")
        out.extend(f"    {n}  {a} {currency}\n" for n, a in zip(*_unzip(postings), strict=True))
    description = pc.replace_substring(txns.narration, ";", ",")
    code = pc.replace_substring(pc.replace_substring(txns.voucher, "(", "["), ")", "]")
    with_code = pc.binary_join_element_wise(
        txns.day, pc.binary_join_element_wise("(", code, ")", ""), description, " "
    )
    without = pc.binary_join_element_wise(txns.day, description, " ")
    header = pc.utf8_rtrim_whitespace(pc.if_else(pc.equal(code, ""), without, with_code))
    headers = pc.binary_join_element_wise("\n", header, "\n", "")
    out.append(txns.text(headers, txns.postings(names, "    ", currency), txns.balancing("    ", currency)))
    return "".join(out)


def to_beancount(ledger: Ledger) -> str:
    """The ledger as a beancount file: options, ``open`` directives, then transactions."""
    txns = _Transactions(ledger)
    tree = account_tree(ledger.accounts, extra_codes=tuple(c for c in txns.codes if c))
    names = _names(tree, beancount=True)
    currency = _currency(ledger)
    out = [
        f"; {_one_line(ledger.settings.company)} — exported by Bahi (बही)\n",
        f'option "title" "{_quoted(ledger.settings.company)}"\n',
        f'option "operating_currency" "{currency}"\n\n',
    ]
    opened = [names[c] for c in tree.codes]
    postings, rest = _opening_postings(tree, names)
    if rest:
        postings.append((OPENING_BALANCES[1], rest))
        opened.append(OPENING_BALANCES[1])
    if txns.net.any():
        opened.append(UNBALANCED)
    out.extend(f"{txns.opening_day} open {name} {currency}\n" for name in opened)
    if postings:
        out.append(f'\n{txns.opening_day} * "Opening balances"\n')
        out.extend(f"  {n}  {a} {currency}\n" for n, a in zip(*_unzip(postings), strict=True))
    narration = _quoted_column(txns.narration)
    voucher = _quoted_column(txns.voucher)
    meta = pc.if_else(
        pc.equal(voucher, ""), "", pc.binary_join_element_wise('  voucher: "', voucher, '"\n', "")
    )
    headers = pc.binary_join_element_wise("\n", txns.day, ' * "', narration, '"\n', meta, "")
    out.append(txns.text(headers, txns.postings(names, "  ", currency), txns.balancing("  ", currency)))
    return "".join(out)


def write_hledger_journal(ledger: Ledger, path: str | Path) -> Path:
    """Write :func:`to_hledger_journal` to ``path`` (UTF-8); returns the path."""
    target = Path(path)
    target.write_text(to_hledger_journal(ledger), encoding="utf-8")
    return target


def write_beancount(ledger: Ledger, path: str | Path) -> Path:
    """Write :func:`to_beancount` to ``path`` (UTF-8); returns the path."""
    target = Path(path)
    target.write_text(to_beancount(ledger), encoding="utf-8")
    return target


def _tree(ledger: Ledger) -> AccountTree:
    """The chart of accounts, with any code met only in the journal as a nameless root."""
    codes = pd.unique(ledger.journal["account"].fillna("").to_numpy(dtype=object))
    return account_tree(ledger.accounts, extra_codes=tuple(str(c) for c in codes if c))


def _currency(ledger: Ledger) -> str:
    code = ledger.settings.currency.strip().upper()
    return code if _CURRENCY.match(code) else "INR"


def _quoted(text: str) -> str:
    return _one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def _unzip(pairs: list[tuple[str, int]]) -> tuple[list[str], list[str]]:
    return [n for n, _ in pairs], _amounts(np.array([a for _, a in pairs], dtype=np.int64))


def _quoted_column(texts: pa.Array) -> pa.Array:
    return pc.replace_substring(pc.replace_substring(texts, "\\", "\\\\"), '"', '\\"')
