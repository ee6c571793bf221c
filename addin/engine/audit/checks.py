"""The audit trail's findings as issues: locked vouchers changed or deleted, and a broken chain.

>>> import datetime as dt
>>> from addin.engine.audit.changes import Line, VoucherChange
>>> old = (Line(dt.date(2025, 5, 2), "V7", "Rent", 100_00, 0, "May rent", "", "", 9),)
>>> new = (Line(dt.date(2025, 5, 2), "V7", "Rent", 900_00, 0, "May rent", "", "", 9),)
>>> found = check_locked_changes([VoucherChange("edited", "V7", old, new)], dt.date(2025, 6, 30),
...                              letters={"Journal.Debit": "D"})
>>> [(i.rule, i.cell, i.value) for i in found]
[('locked-voucher-edited', 'D9', '900.00')]
>>> print(found[0].message_en)  # doctest: +NORMALIZE_WHITESPACE
Voucher V7 (02/05/2025) is in the locked period up to 30/06/2025, but its Debit is not what the Audit
Log recorded: was '100.00', now '900.00'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from addin.engine.audit.chain import ChainBreak
from addin.engine.audit.changes import DELETED, Line, VoucherChange
from addin.engine.cells import format_date
from addin.engine.issues import Issue
from addin.engine.messages import make_issue
from addin.engine.money import format_inr
from addin.engine.rules import Rule
from addin.engine.schema import JOURNAL

FIELD_COLUMNS: dict[str, str] = {
    "date": "Date", "voucher": "Voucher", "account": "Account", "debit": "Debit", "credit": "Credit",
    "narration": "Narration", "party": "Party", "reference": "Reference",
}  # fmt: skip
"""A line's field → the Journal column it was typed in."""

BREAK_REASONS: dict[str, tuple[str, str]] = {
    "entry": ("does not match its own hash", "अपने हैश से मेल नहीं खाती"),
    "link": ("does not follow from the entry before it", "अपने से पिछली प्रविष्टि से नहीं जुड़ती"),
    "number": ("is out of sequence (an entry was removed, copied or moved)",
               "क्रम से बाहर है (कोई प्रविष्टि हटाई, दोहराई या खिसकाई गई)"),
    "downgrade": ("is unkeyed after keyed entries", "कुंजी वाली प्रविष्टियों के बाद बिना कुंजी की है"),
}  # fmt: skip


def shown(field: str, value: object) -> str:
    """A line's value as the Journal shows it: dates dd/mm/yyyy, amounts 1,20,000.50.

    >>> shown("debit", 12000050), shown("date", dt.date(2025, 4, 1)), shown("date", None)
    ('1,20,000.50', '01/04/2025', '')
    """
    if value is None:
        return ""
    if field in ("debit", "credit"):
        return format_inr(int(str(value)))
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _date_text(change: VoucherChange) -> str:
    dates = sorted(set(change.dates))
    return ", ".join(shown("date", d) for d in dates[:3]) + (" …" if len(dates) > 3 else "")


def in_locked_period(change: VoucherChange, lock_date: dt.date | None) -> bool:
    """Whether any line of the voucher, before or after, is dated on or before the lock date."""
    return lock_date is not None and any(d <= lock_date for d in change.dates)


def _cells(old: Sequence[Line], new: Sequence[Line]) -> Iterable[tuple[Line, str, Line | None]]:
    """(new line, field, old line at the same place or None) for each value that differs."""
    unchanged = [x.values() for x in old]
    for position, line in enumerate(new):
        if line.values() in unchanged:
            unchanged.remove(line.values())
            continue
        before = old[position] if position < len(old) else None
        for field in FIELD_COLUMNS:
            if before is None or getattr(before, field) != getattr(line, field):
                yield line, field, before
                if before is None:
                    break


def check_locked_changes(
    deviations: Sequence[VoucherChange],
    lock_date: dt.date | None,
    *,
    sheet: str = JOURNAL.sheet,
    letters: Mapping[str, str] | None = None,
) -> list[Issue]:
    """An error for each value of a locked voucher (:mod:`~addin.engine.audit.locked`) that is not
    what the Audit Log recorded, at its Journal cell; and for each such voucher deleted."""
    letters = letters or {}
    lock = shown("date", lock_date)
    issues: list[Issue] = []
    for change in deviations:
        date = _date_text(change)
        if change.kind == DELETED:
            rows = ", ".join(str(x.row) for x in change.old)
            issues.append(make_issue(
                Rule.LOCKED_VOUCHER_DELETED, sheet, "", "Voucher", change.voucher, date=date,
                lines=len(change.old), rows=rows, lock=lock,
            ))  # fmt: skip
            continue
        found = list(_cells(change.old, change.new))
        for line, field, before in found:
            column = FIELD_COLUMNS[field]
            letter = letters.get(f"{JOURNAL.name}.{column}", "")
            issues.append(make_issue(
                Rule.LOCKED_VOUCHER_EDITED, sheet, f"{letter}{line.row}" if letter else "", column,
                shown(field, getattr(line, field)), voucher=change.voucher, date=date, lock=lock,
                old=shown(field, getattr(before, field)) if before else "",
                column_hi=JOURNAL.column(column).hi,
            ))  # fmt: skip
        if not found:  # lines removed, the rest unchanged
            first = change.new[0].row if change.new else 0
            letter = letters.get(f"{JOURNAL.name}.Voucher", "")
            issues.append(make_issue(
                Rule.LOCKED_VOUCHER_EDITED, sheet, f"{letter}{first}" if letter and first else "", "Voucher",
                str(len(change.new)), variant="lines", voucher=change.voucher, date=date, lock=lock,
                old=len(change.old),
            ))  # fmt: skip
    return issues


def check_chain(breaks: Sequence[ChainBreak], sheet: str, column: str = "A") -> list[Issue]:
    """An error for each place the Audit Log's chain breaks, at the entry's row."""
    issues = []
    for found in breaks:
        if not found.is_break:
            continue
        en, hi = BREAK_REASONS[found.reason]
        cell = f"{column}{found.row}" if found.row else ""
        issues.append(make_issue(
            Rule.AUDIT_CHAIN_BROKEN, sheet, cell, "#", str(found.number), row=found.row or "?", reason=en,
            reason_hi=hi,
        ))  # fmt: skip
    return issues
