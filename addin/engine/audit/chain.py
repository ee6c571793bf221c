"""The Audit Log's chain: each entry's hash covers the entry before it.

An entry records one run that wrote to the book: its number, time, user, command, what the Journal
held (vouchers, lines, the state hash of :mod:`~addin.engine.audit.fingerprint`), what changed since
the entry before (vouchers added, edited, deleted), the lock date the run kept the books to and how
many locked vouchers stood not as recorded (:mod:`~addin.engine.audit.locked`), the hash of the
hidden record (:mod:`~addin.engine.audit.snapshot`), and the previous entry's hash. Its own hash is

    SHA-256 or HMAC-SHA-256(key, "bahi-audit-v1" | number | time | user | command | vouchers | lines
                            | added | edited | deleted | lock date | locked | state hash
                            | record hash | previous hash | mode)

so that changing, removing or reordering an entry breaks the chain at that entry (or the next).
``mode`` is ``sha256`` without a key and ``hmac`` with one (the key is never in the book).

What each mode detects (to be honest about a file its user controls):

- ``sha256`` (no key): a change to the Journal since the last entry (listed as added, edited,
  deleted vouchers), and an Audit Log row typed over, deleted or moved by hand. Anyone who knows
  the method can rewrite the whole log and the hidden snapshot consistently: unkeyed hashes
  detect mistakes and casual tampering, not a determined forger.
- ``hmac`` (``BAHI_AUDIT_KEY`` set where Bahi runs, kept outside the book): the same, and a log
  rewritten without the key — every entry's hash needs the key to compute, so a forged or
  recomputed entry fails verification. A keyed log cannot be downgraded quietly: once an entry is
  keyed, a later unkeyed entry is a break when verified with the key.

Neither mode can stop someone deleting the whole Audit Log sheet (or the file): ``bahi audit``
then finds no log, and a kept copy of the last entry hash (printed by ``bahi audit``) shows it.

>>> first = seal(AuditEntry(1, "30/06/2025 10:00:00 +05:30", "asha", "bahi validate --write", 2, 5,
...                         2, 0, 0, state_hash="ab" * 32, record_hash="cd" * 32))
>>> second = seal(AuditEntry(2, "30/06/2025 11:00:00 +05:30", "asha", "bahi close", 2, 5, 0, 0, 0,
...                          state_hash="ab" * 32, record_hash="cd" * 32, previous_hash=first.entry_hash))
>>> verify_chain([first, second])
[]
>>> tampered = AuditEntry(**{**first.__dict__, "user": "ravi"})
>>> [(b.number, b.reason) for b in verify_chain([tampered, second])]
[(1, 'entry')]
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, replace

VERSION = "bahi-audit-v1"
PLAIN = "sha256"
KEYED = "hmac"


@dataclass(frozen=True)
class AuditEntry:
    """One row of the Audit Log (see the module for what the hash covers)."""

    number: int
    time: str
    user: str
    command: str
    vouchers: int
    lines: int
    added: int
    edited: int
    deleted: int
    lock_date: str = ""  # dd/mm/yyyy, "" when the books were not locked
    locked: int = 0  # locked vouchers not as recorded (edited, deleted, or not vouched for)
    state_hash: str = ""
    record_hash: str = ""
    previous_hash: str = ""
    mode: str = PLAIN
    entry_hash: str = ""
    row: int = 0  # the worksheet row it was read from (0 when not read from a sheet)

    def content(self) -> bytes:
        """What the entry hash covers, as bytes."""
        fields = (
            VERSION, self.number, self.time, self.user, self.command, self.vouchers, self.lines,
            self.added, self.edited, self.deleted, self.lock_date, self.locked, self.state_hash,
            self.record_hash, self.previous_hash, self.mode,
        )  # fmt: skip
        return "\x1f".join(str(f) for f in fields).encode("utf-8")


def entry_hash(entry: AuditEntry, key: bytes | None = None) -> str:
    """The entry's hash: HMAC-SHA-256 with ``key`` when its mode is keyed, else SHA-256 (hex).

    A keyed entry without a key has no computable hash: "" is returned.
    """
    if entry.mode == KEYED:
        return hmac.new(key, entry.content(), hashlib.sha256).hexdigest() if key else ""
    return hashlib.sha256(entry.content()).hexdigest()


def seal(entry: AuditEntry, key: bytes | None = None) -> AuditEntry:
    """The entry with its mode (keyed when ``key`` is given) and its hash filled in."""
    entry = replace(entry, mode=KEYED if key else PLAIN)
    return replace(entry, entry_hash=entry_hash(entry, key))


@dataclass(frozen=True)
class ChainBreak:
    """Where and why the chain does not hold.

    ``reason``: ``entry`` (the row's hash does not match its contents), ``link`` (its previous hash
    is not the entry before's hash), ``number`` (numbers skip or repeat: a row removed or copied),
    ``downgrade`` (an unkeyed entry after a keyed one, verified with the key), ``unverifiable``
    (keyed entries, but no key given: not a break, just not checked).
    """

    number: int
    row: int
    reason: str

    @property
    def is_break(self) -> bool:
        return self.reason != "unverifiable"


def verify_chain(entries: Sequence[AuditEntry], key: bytes | None = None) -> list[ChainBreak]:
    """Every place where ``entries`` (oldest first) fail to form an intact chain."""
    found: list[ChainBreak] = []
    previous: AuditEntry | None = None
    keyed_seen = False
    for entry in entries:
        if previous is not None and entry.number != previous.number + 1:
            found.append(ChainBreak(entry.number, entry.row, "number"))
        if previous is not None and entry.previous_hash != previous.entry_hash:
            found.append(ChainBreak(entry.number, entry.row, "link"))
        if previous is None and entry.number == 1 and entry.previous_hash:
            found.append(ChainBreak(entry.number, entry.row, "link"))
        if entry.mode == KEYED and not key:
            found.append(ChainBreak(entry.number, entry.row, "unverifiable"))
        elif entry.mode not in (PLAIN, KEYED) or entry_hash(entry, key) != entry.entry_hash:
            found.append(ChainBreak(entry.number, entry.row, "entry"))
        elif key and keyed_seen and entry.mode == PLAIN:
            found.append(ChainBreak(entry.number, entry.row, "downgrade"))
        keyed_seen = keyed_seen or entry.mode == KEYED
        previous = entry
    return found
