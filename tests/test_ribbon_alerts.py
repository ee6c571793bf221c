"""The ribbon's alert text (:mod:`addin.scripts`): what a run that stopped tells the user."""

from __future__ import annotations

from types import SimpleNamespace

from addin.engine.messages import make_issue
from addin.engine.rules import Rule
from addin.macros.reconcile import STATEMENT_NOT_USED
from addin.scripts import MAX_ALERT_ISSUES, summary_text


def test_a_refused_run_lists_its_first_errors_in_both_languages_and_how_many_more() -> None:
    issues = [
        make_issue(
            Rule.BANK_BALANCE_MISMATCH,
            "Bank Statement",
            f"F{row}",
            "Balance",
            "",
            balance="1.00",
            expected="2.00",
            difference="1.00",
        )
        for row in range(2, 2 + MAX_ALERT_ISSUES + 3)
    ]
    result = SimpleNamespace(note=STATEMENT_NOT_USED, written=(), issues=issues, fatal=False)
    text = summary_text("Reconcile", "बैंक मिलान", result)
    assert STATEMENT_NOT_USED.en in text
    assert STATEMENT_NOT_USED.hi in text
    shown = issues[:MAX_ALERT_ISSUES]
    assert all(f"Bank Statement!{i.cell}: {i.message_en}" in text for i in shown)
    assert all(f"Bank Statement!{i.cell}: {i.message_hi}" in text for i in shown)
    assert f"Bank Statement!{issues[MAX_ALERT_ISSUES].cell}:" not in text
    assert text.endswith("… and 3 more / और 3")
