"""``bahi audit BOOK``: verify the Audit Log's chain and list what changed since its last entry.

Reads only (it records no entry and never saves): the Journal is hashed and compared with the last
entry, the chain is verified (with ``BAHI_AUDIT_KEY`` when set, so keyed entries are checked too),
and every voucher added, edited or deleted since is listed with its old and new lines. The result's
issues are the breaks and the changes in the locked period; ``has_errors`` says the trail does not
hold (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from addin.books.base import Workbook
from addin.engine.audit.chain import AuditEntry, ChainBreak
from addin.engine.audit.changes import Changes
from addin.engine.audit.checks import shown
from addin.engine.audit.trail import AuditResult
from addin.engine.issues import has_fatal
from addin.engine.load import sort_issues
from addin.macros.audit import _audit, read_recorded
from addin.macros.run import Counts, Progress, RunResult, Stopwatch, no_progress, read_ledger
from addin.messages import Text

INTACT = Text(
    "Audit trail intact: {entries} entries, the last #{number} ({time}, {user}); entry hash {hash}.",
    "ऑडिट निशान अखंड: {entries} प्रविष्टियाँ, अंतिम #{number} ({time}, {user}); प्रविष्टि हैश {hash}।",
)
NO_LOG = Text(
    "This book has no Audit Log yet: the first run that writes to it (e.g. bahi validate --write) records one.",
    "इस बही में अभी ऑडिट लॉग नहीं है: इसमें लिखने वाला पहला रन (जैसे bahi validate --write) उसे बनाएगा।",
)
UNVERIFIED_KEYED = Text(
    "{count} entries are keyed (HMAC) and were not verified: set BAHI_AUDIT_KEY to check them.",
    "{count} प्रविष्टियाँ कुंजी (HMAC) वाली हैं और जाँची नहीं गईं: उन्हें जाँचने के लिए BAHI_AUDIT_KEY दें।",
)
SINCE = Text(
    "Since entry #{number}: {added} voucher(s) added, {edited} edited, {deleted} deleted.",
    "प्रविष्टि #{number} के बाद: {added} वाउचर जोड़े, {edited} बदले, {deleted} हटाए।",
)


@dataclass(frozen=True)
class AuditReport:
    """What ``bahi audit`` found: the entries read, where the chain breaks, and the changes."""

    entries: tuple[AuditEntry, ...]
    breaks: tuple[ChainBreak, ...]
    changes: Changes
    result: AuditResult | None

    def as_records(self) -> list[dict[str, Any]]:
        """One record a line of a changed voucher (old lines, then new ones)."""
        records = []
        for change in self.changes.changes:
            for label, lines in (("old", change.old), ("new", change.new)):
                for line in lines:
                    records.append({
                        "change": change.kind, "voucher": change.voucher, "version": label, "row": line.row,
                        "date": shown("date", line.date), "account": line.account,
                        "debit": shown("debit", line.debit) if line.debit else "",
                        "credit": shown("credit", line.credit) if line.credit else "",
                        "narration": line.narration, "party": line.party, "reference": line.reference,
                    })  # fmt: skip
        return records

    def as_json(self) -> dict[str, Any]:
        return {
            "entries": len(self.entries),
            "last": None if not self.entries else self.entries[-1].__dict__,
            "breaks": [b.__dict__ for b in self.breaks],
            "added": self.changes.added,
            "edited": self.changes.edited,
            "deleted": self.changes.deleted,
            "changes": self.as_records(),
        }

    def summary(self) -> Text:
        if not self.entries:
            return NO_LOG
        last = self.entries[-1]
        lines = [INTACT.format(entries=len(self.entries), number=last.number, time=last.time, user=last.user,
                               hash=last.entry_hash)]  # fmt: skip
        keyed = sum(1 for b in self.breaks if not b.is_break)
        if keyed:
            lines.append(UNVERIFIED_KEYED.format(count=keyed))
        c = self.changes
        lines.append(SINCE.format(number=last.number, added=c.added, edited=c.edited, deleted=c.deleted))
        return Text("\n".join(t.en for t in lines), "\n".join(t.hi for t in lines))


def audit_book(book: Workbook, *, write: bool = False, progress: Progress = no_progress) -> RunResult:  # noqa: ARG001
    """Verify the chain and list the changes since the last entry; never writes (``write`` is ignored)."""
    clock = Stopwatch()
    progress("reading")
    ledger, issues = read_ledger(book)
    counts = Counts.of(ledger, issues)
    if has_fatal(issues):
        return RunResult("audit", tuple(sort_issues(issues)), counts, clock.seconds)
    progress("checking")
    recorded = read_recorded(book)
    if not recorded.entries and recorded.kept is None:
        report = AuditReport((), (), Changes(), None)
        return RunResult("audit", (), counts, clock.seconds, report=report, note=report.summary())
    result = _audit(book, ledger, recorded, "bahi audit")
    report = AuditReport(recorded.entries, result.breaks, result.changes, result)
    found = tuple(sort_issues(list(result.issues)))
    return RunResult(
        "audit", found, Counts.of(ledger, found), clock.seconds, report=report, note=report.summary()
    )
