"""Properties of the three statements on generated books, whatever the chart and the mapping.

For any balanced books and any mapping (unmapped accounts, odd classes included):
- the Balance Sheet's sides agree to the paisa, with no difference line;
- the profit for a period is the change in the surplus carried into Reserves and surplus;
- the cash flow's net change is closing less opening cash and equivalents, with no difference line.
For books that do not balance, the difference lines say by exactly how much.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.engine.ledger import Ledger
from addin.engine.reports import trial_balance
from addin.engine.schema import ACCOUNT_TYPES
from addin.engine.statements import (
    FinancialStatement,
    Period,
    balance_sheet,
    cash_flow,
    custom_period,
    map_accounts,
    profit_and_loss,
    report_lines,
)
from addin.engine.statements.mapping import AccountMap
from addin.engine.statements.schedule3 import (
    CASH_FLOW_NAMES,
    MAPPABLE_LINE_ITEMS,
    CashFlowClass,
    Statement,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))
from golden_ledgers import make_ledger

FY_START = dt.date(2025, 4, 1)
_LINES = [item.en for item in MAPPABLE_LINE_ITEMS]
_BS_LINES = {item.en for item in MAPPABLE_LINE_ITEMS if item.statement is Statement.BALANCE_SHEET}


def _rupees(paise: int) -> str:
    return f"{paise // 100}.{paise % 100:02d}"


@st.composite
def books(draw: st.DrawFn, *, balanced: bool = True) -> tuple[Ledger, AccountMap]:
    """A chart of 3–12 accounts in a random hierarchy, a random (maybe partial) mapping, openings
    that net to zero, and vouchers of 2–4 lines dated in the year and just before it."""
    size = draw(st.integers(3, 12))
    codes = [f"A{i}" for i in range(size)]
    kinds = [draw(st.sampled_from(list(ACCOUNT_TYPES))) for _ in codes]
    parents = [""] + [draw(st.sampled_from(["", *codes[:i]])) for i in range(1, size)]
    amount = st.integers(1, 10**11)
    openings = [draw(amount) * draw(st.sampled_from([1, -1])) if draw(st.booleans()) else 0 for _ in codes]
    openings[0] -= sum(openings)
    accounts = [
        (code, f"Account {code}", kind, parent, ("-" if o < 0 else "") + _rupees(abs(o)))
        for code, kind, parent, o in zip(codes, kinds, parents, openings, strict=True)
    ]
    mapping = []
    for code in codes:
        if draw(st.integers(0, 9)) == 0:
            continue  # unmapped: an issue, its balance still shown
        line = draw(st.sampled_from(_LINES))
        classes = [c for c in CashFlowClass if line in _BS_LINES or c is not CashFlowClass.CASH]
        flow = draw(st.sampled_from(["", *(CASH_FLOW_NAMES[c][0] for c in classes)]))
        mapping.append((code, line, draw(st.sampled_from(["", "Note a", "Note b"])), flow))
    journal = []
    for v in range(draw(st.integers(0, 14))):
        day = FY_START + dt.timedelta(days=draw(st.integers(-40, 120)))
        legs = draw(st.lists(st.tuples(st.sampled_from(codes), amount), min_size=1, max_size=3))
        for code, paise in legs:
            journal.append((day.isoformat(), f"V{v}", code, _rupees(paise), "", "leg"))
        total = sum(p for _, p in legs)
        if not balanced and v == 0:
            total += draw(st.integers(1, 10**6)) * draw(st.sampled_from([1, -1]))
        side = (_rupees(-total), "") if total < 0 else ("", _rupees(total))  # the balancing line
        journal.append((day.isoformat(), f"V{v}", draw(st.sampled_from(codes)), *side, "balance"))
    ledger = make_ledger(accounts, journal)
    return ledger, map_accounts(ledger, report_lines(mapping))


periods = st.tuples(st.integers(-30, 100), st.integers(0, 60)).map(
    lambda t: custom_period(FY_START + dt.timedelta(days=t[0]), FY_START + dt.timedelta(days=t[0] + t[1]))
)


def surplus(bs: FinancialStatement, column: int) -> int:
    return bs.amount("bs.reserves_and_surplus.surplus", column)


@settings(max_examples=150, deadline=None)
@given(books(), periods)
def test_the_balance_sheet_balances_and_profit_is_the_change_in_retained_earnings(
    book: tuple[Ledger, AccountMap], period: Period
) -> None:
    _, mapped = book
    bs = balance_sheet(mapped, [period.day_before, period.end], hide_zero=False)
    for column in (0, 1):
        assert bs.amount("bs.total_assets", column) == bs.amount("bs.total_equity_and_liabilities", column)
        assert bs.amount("bs.difference", column) == 0
    profit = profit_and_loss(mapped, [period]).amount("pl.profit_for_the_period")
    assert profit == surplus(bs, 1) - surplus(bs, 0)


@settings(max_examples=150, deadline=None)
@given(books(), periods)
def test_the_cash_flow_explains_the_change_in_cash_exactly(
    book: tuple[Ledger, AccountMap], period: Period
) -> None:
    _, mapped = book
    cf = cash_flow(mapped, [period])
    change = cf.amount("cf.closing_cash") - cf.amount("cf.opening_cash")
    assert cf.amount("cf.net_change") == change
    assert cf.amount("cf.difference") == 0
    sections = sum(cf.amount(k) for k in ("cf.net_operating", "cf.net_investing", "cf.net_financing"))
    assert sections == change
    assert cf.issues == ()


@settings(max_examples=100, deadline=None)
@given(books(balanced=False), periods)
def test_books_that_do_not_balance_show_the_difference_and_say_so(
    book: tuple[Ledger, AccountMap], period: Period
) -> None:
    ledger, mapped = book
    end = period.end
    bs = balance_sheet(mapped, [end])
    out_by = trial_balance(ledger, as_of=end).totals.closing
    assert bs.amount("bs.total_assets") == bs.amount("bs.total_equity_and_liabilities")
    assert bs.amount("bs.difference") == out_by
    assert [i.rule for i in bs.issues] == (["statement-difference"] if out_by else [])
    cf = cash_flow(mapped, [period])
    moved = trial_balance(ledger, as_of=end, period_start=period.start).totals
    assert cf.amount("cf.difference") == moved.debit - moved.credit
    sections = sum(cf.amount(k) for k in ("cf.net_operating", "cf.net_investing", "cf.net_financing"))
    assert cf.amount("cf.net_change") == sections  # A + B + C, as labelled: the difference on its own row
    change = cf.amount("cf.closing_cash") - cf.amount("cf.opening_cash")
    assert cf.amount("cf.net_change") + cf.amount("cf.difference") == change
