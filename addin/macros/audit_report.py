"""``bahi audit BOOK``: verify the Audit Log's chain and list what changed since its last entry.

Reads only (it records no entry and never saves): the Journal is hashed and compared with the last
entry, the chain is verified (with ``BAHI_AUDIT_KEY`` when set, so keyed entries are checked too),
and every voucher added, edited or deleted since is listed with its old and new lines, then every
locked voucher standing not as recorded. The result's issues are the breaks and the locked vouchers
not as recorded; ``has_errors`` says the trail does not hold (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from addin.books.base import Workbook
from addin.engine.audit.chain import AuditEntry, ChainBreak
from addin.engine.audit.changes import Changes, VoucherChange
from addin.engine.audit.checks import shown
from addin.engine.audit.trail import AuditResult, Recorded, record_mismatch, trusted_record
from addin.engine.issues import Issue, has_fatal
from addin.engine.load import sort_issues
from addin.engine.rules import Rule
from addin.macros.audit import _audit, read_recorded
from addin.macros.run import Counts, Progress, RunResult, Stopwatch, no_progress, read_ledger
from addin.messages import Text

INTACT = Text(
    "Audit trail intact: {entries} entries, the last #{number} ({time}, {user}); entry hash {hash}.",
    "ऑडिट निशान अखंड: {entries} प्रविष्टियाँ, अंतिम #{number} ({time}, {user}); प्रविष्टि हैश {hash}।",
)
BROKEN = Text(
    "Audit trail BROKEN at {count} place(s) (listed as issues): {entries} entries, the last #{number} "
    "({time}, {user}).",
    "ऑडिट निशान {count} जगह टूटा है (समस्याओं में सूचीबद्ध): {entries} प्रविष्टियाँ, अंतिम #{number} ({time}, {user})।",
)
NO_LOG = Text(
    "This book has no Audit Log yet: the first run that writes to it (e.g. bahi validate --write) records "
    "one.",
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
STANDING = Text(
    "Locked up to {lock}: {count} voucher(s) not as the Audit Log recorded them (listed as issues).",
    "{lock} तक लॉक: {count} वाउचर ऑडिट लॉग में दर्ज जैसे नहीं (समस्याओं में सूचीबद्ध)।",
)


@dataclass(frozen=True)
class AuditReport:
    """What ``bahi audit`` found: the entries read, where the chain breaks, and the changes."""

    entries: tuple[AuditEntry, ...]
    breaks: tuple[ChainBreak, ...]
    changes: Changes
    result: AuditResult | None

    @property
    def standing(self) -> tuple[VoucherChange, ...]:
        """The locked vouchers not as recorded."""
        return self.result.locked.deviations if self.result is not None else ()

    def as_records(self) -> list[dict[str, Any]]:
        """One record a line of a changed voucher (old lines, then new), then of each locked voucher
        standing not as recorded (recorded lines, then new)."""
        return [*_records(self.changes.changes, "old"), *_records(self.standing, "recorded")]

    def as_json(self) -> dict[str, Any]:
        return {
            "entries": len(self.entries),
            "last": None if not self.entries else self.entries[-1].__dict__,
            "breaks": [b.__dict__ for b in self.breaks],
            "added": self.changes.added,
            "edited": self.changes.edited,
            "deleted": self.changes.deleted,
            "changes": _records(self.changes.changes, "old"),
            "locked": _records(self.standing, "recorded"),
        }

    def summary(self) -> Text:
        if not self.entries:
            return NO_LOG
        last = self.entries[-1]
        broken = sum(1 for b in self.breaks if b.is_break)
        said = {"entries": len(self.entries), "number": last.number, "time": last.time, "user": last.user}
        lines = [
            BROKEN.format(count=broken, **said) if broken else INTACT.format(hash=last.entry_hash, **said)
        ]
        keyed = sum(1 for b in self.breaks if not b.is_break)
        if keyed:
            lines.append(UNVERIFIED_KEYED.format(count=keyed))
        c = self.changes
        lines.append(SINCE.format(number=last.number, added=c.added, edited=c.edited, deleted=c.deleted))
        if self.standing and self.result is not None:
            lines.append(STANDING.format(lock=shown("date", self.result.lock_date), count=len(self.standing)))
        return Text("\n".join(t.en for t in lines), "\n".join(t.hi for t in lines))


def _records(changes: tuple[VoucherChange, ...], before: str) -> list[dict[str, Any]]:
    return [
        {
            "change": change.kind, "voucher": change.voucher, "version": label, "row": line.row,
            "date": shown("date", line.date), "account": line.account,
            "debit": shown("debit", line.debit) if line.debit else "",
            "credit": shown("credit", line.credit) if line.credit else "",
            "narration": line.narration, "party": line.party, "reference": line.reference,
        }
        for change in changes
        for label, lines in ((before, change.old), ("new", change.new))
        for line in lines
    ]  # fmt: skip


def _unread_record(recorded: Recorded, result: AuditResult) -> list[Issue]:
    """The hidden record verified too when the audit did not need it (the Journal as last recorded):
    ``bahi audit`` vouches for everything the trail keeps."""
    last = recorded.last
    if last is None or any(i.rule == Rule.AUDIT_SNAPSHOT_MISMATCH.value for i in result.issues):
        return []
    if trusted_record(last, recorded.kept() if recorded.kept is not None else None) is not None:
        return []
    return [record_mismatch(last)]


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
    found = tuple(sort_issues([*result.issues, *_unread_record(recorded, result)]))
    return RunResult(
        "audit", found, Counts.of(ledger, found), clock.seconds, report=report, note=report.summary()
    )
