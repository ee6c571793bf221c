"""The ReportLines table: which Schedule III line each account's balance goes to.

A row maps an account — or a group, and with it every account under it — to a line item, an
optional sub-line (the wording of the note under the line) and an optional cash-flow class. The
nearest row up the hierarchy wins: a sub-account's own row overrides its group's.

Nothing is dropped. An account that no row reaches (neither it nor a group above it) is an
``unmapped-account`` issue naming its row on the Accounts sheet, and its balance is still shown,
on a line "Accounts not mapped to a line" of the statement its type belongs to. A group with no
row of its own and no amounts is not an issue: its sub-accounts are.

>>> from addin.engine.reports.trial_balance import _example_ledger
>>> lines = report_lines([("1000", "Cash and cash equivalents", "Balances with banks"),
...                       ("3000", "Share capital"), ("Sales", "Revenue from operations")])
>>> mapped = map_accounts(_example_ledger(), lines)
>>> [(a.code, a.line.key, a.sub_line, a.cash_flow.value) for a in mapped.accounts]
[('1000', 'cash_and_cash_equivalents', 'Balances with banks', 'cash'), \
('1110', 'cash_and_cash_equivalents', 'Balances with banks', 'cash'), \
('3000', 'share_capital', '', 'financing'), ('4000', 'revenue_from_operations', '', 'operating')]
>>> mapped.issues
()
>>> [i.rule for i in map_accounts(_example_ledger(), report_lines([("1110", "Inventories")])).issues]
['unmapped-account', 'unmapped-account']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from addin.engine.cells import UnreadCell, column_letter, fold
from addin.engine.issues import Issue
from addin.engine.ledger import Ledger
from addin.engine.load import TableReader, missing_table_issue, table_layout
from addin.engine.messages import make_issue
from addin.engine.rules import Rule
from addin.engine.schema import ACCOUNT_TYPES, ACCOUNTS, REPORT_LINES
from addin.engine.statements.balances import Postings, postings
from addin.engine.statements.schedule3 import (
    BS_TYPES,
    CASH_FLOW_NAMES,
    LINE_ITEMS,
    UNMAPPED_BY_TYPE,
    CashFlowClass,
    LineItem,
    Statement,
    find_cash_flow_class,
    find_line_item,
)
from addin.engine.tables import RawTable

_PL_CLASSES = frozenset(CashFlowClass) - {CashFlowClass.CASH}
_BS_CLASSES = frozenset(CashFlowClass)
_STATEMENT_NAMES = {
    Statement.BALANCE_SHEET: ("Balance Sheet", "तुलन पत्र"),
    Statement.PROFIT_AND_LOSS: ("Statement of Profit and Loss", "लाभ और हानि विवरण"),
}
_STATEMENT_SPELLINGS = {
    Statement.BALANCE_SHEET: frozenset({"bs", "b/s", "balance sheet", "तुलन पत्र"}),
    Statement.PROFIT_AND_LOSS: frozenset(
        {"pl", "p&l", "p & l", "profit and loss", "statement of profit and loss", "लाभ और हानि विवरण"}
    ),
}


def _is_statement(text: str, statement: Statement) -> bool:
    """True when ``text`` names ``statement`` ("BS", "Balance Sheet", "PL", "P&L", or in Hindi)."""
    parts = {fold(text), *(fold(p) for p in text.split("/"))}
    return bool(parts & _STATEMENT_SPELLINGS[statement])


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One row of the ReportLines table, read. ``cash_flow`` None: the line item's own class."""

    row: int  # worksheet row
    account: str  # as typed (a code or a name)
    line: LineItem
    sub_line: str = ""
    cash_flow: CashFlowClass | None = None


@dataclass(frozen=True)
class ReportLines:
    """The table's usable rows, and where the table stands (for issues)."""

    rows: tuple[ReportLine, ...]
    sheet: str = REPORT_LINES.sheet
    account_column: str = "A"  # the letter of the Account column


@dataclass(frozen=True, slots=True)
class AccountLine:
    """Where one account goes: ``row`` is the ReportLines row that decided it (0: unmapped)."""

    code: str
    line: LineItem
    sub_line: str
    cash_flow: CashFlowClass
    row: int

    @property
    def mapped(self) -> bool:
        return self.row > 0


@dataclass(frozen=True)
class AccountMap:
    """Every account of the chart placed on a line, with the journal read once for the statements."""

    posted: Postings
    accounts: tuple[AccountLine, ...]  # one per account, in the tree's order
    issues: tuple[Issue, ...]

    @property
    def ledger(self) -> Ledger:
        return self.posted.ledger

    def of(self, code: str) -> AccountLine:
        """Where account ``code`` goes (KeyError for a code not in the chart)."""
        return self.accounts[self.posted.tree.codes.index(code)]

    def mask(self, wanted: Iterable[bool]) -> np.ndarray:
        """A boolean mask over the accounts (tree order) from one flag per account."""
        return np.fromiter(wanted, dtype=bool, count=len(self.accounts))


# ----------------------------------------------------------------------------------------------
# reading the table


def _line_issue(
    table: RawTable, index: int, position: int, value: str, variant: str, **fields: object
) -> Issue:
    return make_issue(
        Rule.INVALID_REPORT_LINE,
        table.sheet,
        table.address(index, position),
        REPORT_LINES.columns[position].en if position < len(REPORT_LINES.columns) else "",
        value,
        variant=variant,
        **fields,
    )


def _cash_flow_issue(
    sheet: str, cell: str, value: str, line: LineItem, allowed: frozenset[CashFlowClass]
) -> Issue:
    names = ", ".join(CASH_FLOW_NAMES[c][0] for c in CashFlowClass if c in allowed)
    return make_issue(
        Rule.INVALID_REPORT_LINE, sheet, cell, "Cash Flow", value, variant="cash-flow",
        line=line.en, default=CASH_FLOW_NAMES[line.cash_flow][0], allowed=names,
    )  # fmt: skip


def load_report_lines(table: RawTable | None) -> tuple[ReportLines, list[Issue]]:
    """The table's rows and what is wrong with them; a missing table is a ``missing-table`` issue."""
    if table is None:
        return ReportLines(()), [missing_table_issue(REPORT_LINES)]
    positions, issues, complete = table_layout(table, REPORT_LINES)
    if not complete:
        return ReportLines((), table.sheet), issues
    reader = TableReader(table, positions)
    accounts, items, subs, flows, statements = (
        reader.text(c, UnreadCell.OTHER).tolist()
        for c in ("Account", "Line Item", "Sub-line", "Cash Flow", "Statement")
    )
    issues += reader.issues
    rows: list[ReportLine] = []
    for i, (account, item_text, sub, flow, statement) in enumerate(
        zip(accounts, items, subs, flows, statements, strict=True)
    ):
        if not account and not item_text:
            continue
        if not account or not item_text:
            what, missing = ("an account", "line item") if account else ("a line item", "account")
            what_hi, missing_hi = ("खाता", "मद") if account else ("मद", "खाता")
            position = positions["Line Item" if account else "Account"]
            issues.append(_line_issue(table, i, position, "", "blank", what=what, missing=missing,
                                      what_hi=what_hi, missing_hi=missing_hi))  # fmt: skip
            continue
        line = find_line_item(item_text)
        if line is None:
            issues.append(_line_issue(table, i, positions["Line Item"], item_text, "line"))
            continue
        if statement and not _is_statement(statement, line.statement):
            issues.append(_line_issue(table, i, positions["Statement"], statement, "statement",
                                      line=line.en, expected=line.statement.value))  # fmt: skip
        cash_flow: CashFlowClass | None = None
        if flow:
            cash_flow = find_cash_flow_class(flow)
            allowed = _BS_CLASSES if line.statement is Statement.BALANCE_SHEET else _PL_CLASSES
            if cash_flow not in allowed:
                cell = table.address(i, positions["Cash Flow"])
                issues.append(_cash_flow_issue(table.sheet, cell, flow, line, allowed))
                cash_flow = None
        rows.append(ReportLine(table.worksheet_row(i), account, line, sub, cash_flow))
    letter = column_letter(table.first_col + positions["Account"])
    return ReportLines(tuple(rows), table.sheet, letter), issues


def report_lines(
    rows: Iterable[Sequence[str]], *, sheet: str = REPORT_LINES.sheet
) -> ReportLines:
    """ReportLines from inline rows (account, line item[, sub-line[, cash flow]]), rows from 2.

    For tests and the templates; raises ValueError for a line item or class that does not exist.
    """
    made: list[ReportLine] = []
    for number, row in enumerate(rows, start=2):
        account, item_text, sub, flow = (*row, "", "")[:4]
        line = find_line_item(item_text)
        if line is None:
            raise ValueError(f"not a Schedule III line item: {item_text!r}")
        cash_flow = find_cash_flow_class(flow) if flow else None
        if flow and cash_flow is None:
            raise ValueError(f"not a cash-flow class: {flow!r}")
        made.append(ReportLine(number, str(account), line, sub, cash_flow))
    return ReportLines(tuple(made), sheet)


# ----------------------------------------------------------------------------------------------
# placing every account


def _own_rows(
    codes: Sequence[str], find: Mapping[str, str], lines: ReportLines
) -> tuple[dict[str, ReportLine], list[Issue]]:
    """Rows by the code they map, ignoring (with an issue) unknown accounts and repeated rows."""
    by_code: dict[str, ReportLine] = {}
    issues: list[Issue] = []
    known = set(codes)
    for row in lines.rows:
        cell = f"{lines.account_column}{row.row}"
        code = row.account if row.account in known else find.get(fold(row.account))
        if code is None:
            issues.append(make_issue(Rule.INVALID_REPORT_LINE, lines.sheet, cell, "Account", row.account,
                                     variant="account"))  # fmt: skip
            continue
        if code in by_code:
            issues.append(make_issue(Rule.INVALID_REPORT_LINE, lines.sheet, cell, "Account", code,
                                     variant="duplicate", first_row=by_code[code].row))  # fmt: skip
            continue
        by_code[code] = row
    return by_code, issues


def _type_issue(lines: ReportLines, row: ReportLine, code: str, kind: str) -> Issue:
    statement = row.line.statement
    on_pl = statement is Statement.PROFIT_AND_LOSS
    expected = Statement.BALANCE_SHEET if on_pl else Statement.PROFIT_AND_LOSS
    return make_issue(
        Rule.REPORT_LINE_TYPE_MISMATCH, lines.sheet, f"{lines.account_column}{row.row}", "Line Item", code,
        type=kind, type_hi=ACCOUNT_TYPES.get(kind, kind), line=row.line.en, line_hi=row.line.hi,
        statement=_STATEMENT_NAMES[statement][0], statement_hi=_STATEMENT_NAMES[statement][1],
        expected=_STATEMENT_NAMES[expected][0], expected_hi=_STATEMENT_NAMES[expected][1],
    )  # fmt: skip


_EXAMPLES = {
    "Asset": "Trade receivables",
    "Liability": "Other current liabilities",
    "Equity": "Reserves and surplus",
    "Income": "Revenue from operations",
    "Expense": "Other expenses",
}


def _unmapped_issue(ledger: Ledger, code: str, kind: str, *, group: str, line: LineItem, sheet: str) -> Issue:
    accounts = ledger.accounts
    rows = accounts.loc[accounts["code"] == code, "row"] if "row" in accounts else pd.Series([], dtype=int)
    letter = ledger.column_letters.get(f"{ACCOUNTS.name}.Code", "A")
    cell = f"{letter}{int(rows.iloc[0])}" if len(rows) else ""
    name = str(accounts.loc[accounts["code"] == code, "name"].iloc[0]) if len(rows) else ""
    return make_issue(
        Rule.UNMAPPED_ACCOUNT, ledger.accounts_sheet, cell, "Code", code, name=name or "?",
        line=line.en, line_hi=line.hi, lines_sheet=sheet, group=group or code,
        example=_EXAMPLES.get(kind, "Other current assets"),
    )  # fmt: skip


def map_accounts(ledger: Ledger, lines: ReportLines) -> AccountMap:
    """Place every account of ``ledger`` on a line (see the module docstring), reading the journal once."""
    posted = postings(ledger)
    tree = posted.tree
    find = {fold(name): code for code, name in tree.name.items() if name}
    own, issues = _own_rows(tree.codes, find, lines)
    has_amounts = set(np.unique(posted.account).tolist()) | {i for i, v in enumerate(posted.opening) if v}
    placed: list[AccountLine] = []
    for index, code in enumerate(tree.codes):
        kind = tree.type.get(code, "")
        decided = next((own[c] for c in (code, *tree.ancestors(code)) if c in own), None)
        if decided is None:
            line = LINE_ITEMS[UNMAPPED_BY_TYPE.get(kind, "unmapped_assets")]
            placed.append(AccountLine(code, line, "", line.cash_flow, 0))
            if not tree.is_group(code) or index in has_amounts:
                top = tree.ancestors(code)
                issues.append(_unmapped_issue(ledger, code, kind, group=top[-1] if top else "", line=line,
                                              sheet=lines.sheet))
            continue
        if decided.account == code or fold(decided.account) == fold(tree.name.get(code, "")):
            on_bs = decided.line.statement is Statement.BALANCE_SHEET
            if kind and (kind in BS_TYPES) != on_bs:
                issues.append(_type_issue(lines, decided, code, kind))
        cash_flow = decided.cash_flow or decided.line.cash_flow
        placed.append(AccountLine(code, decided.line, decided.sub_line, cash_flow, decided.row))
    return AccountMap(posted, tuple(placed), tuple(issues))


def with_msme_creditors(account_map: AccountMap, codes: Collection[str]) -> AccountMap:
    """The map with the accounts ``codes`` — micro and small suppliers' own accounts (the Parties
    table's MSME flag) — moved from trade payables "(B) other creditors" to "(A) micro enterprises and
    small enterprises"; accounts on any other line stay where the ReportLines table put them."""
    msme = LINE_ITEMS["trade_payables_msme"]
    moved = tuple(
        replace(a, line=msme) if a.code in codes and a.line.key == "trade_payables_others" else a
        for a in account_map.accounts
    )
    return replace(account_map, accounts=moved)
