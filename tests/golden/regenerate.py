"""Regenerate the golden files of the hledger cross-check.

For each ledger in ``golden_ledgers.GOLDEN`` this writes, beside itself:

- ``NAME.journal``: Bahi's hledger export of the ledger (the tests also check the exporter still
  writes exactly this text);
- ``NAME.flat.csv``: ``hledger -f NAME.journal balance --flat --empty --no-total -O csv`` — each
  account's own balance;
- ``NAME.tree.csv``: ``hledger -f NAME.journal balance --tree --no-elide --empty --no-total -O csv``
  — balances including sub-accounts, one row per group too;
- ``NAME.trial_balance.json``: Bahi's trial balance records (a snapshot of the report).

Run from the repository root with hledger (1.25 or later) on the PATH:

    .venv/bin/python tests/golden/regenerate.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from golden_ledgers import GOLDEN  # noqa: E402

from addin.engine.exports import write_hledger_journal  # noqa: E402
from addin.engine.reports.trial_balance import trial_balance  # noqa: E402

HLEDGER_FLAT = ("balance", "--flat", "--empty", "--no-total", "-O", "csv")
HLEDGER_TREE = ("balance", "--tree", "--no-elide", "--empty", "--no-total", "-O", "csv")


def hledger(journal: Path, args: tuple[str, ...]) -> str:
    """hledger's output for ``args`` on ``journal``."""
    binary = shutil.which("hledger")
    if binary is None:
        raise SystemExit("hledger is not installed (Debian: apt-get install hledger)")
    done = subprocess.run([binary, "-f", str(journal), *args], capture_output=True, text=True, check=True)
    return done.stdout


def regenerate(name: str) -> list[Path]:
    """Write the golden files of one ledger; returns their paths."""
    ledger = GOLDEN[name]()
    journal = write_hledger_journal(ledger, HERE / f"{name}.journal")
    flat = HERE / f"{name}.flat.csv"
    tree = HERE / f"{name}.tree.csv"
    snapshot = HERE / f"{name}.trial_balance.json"
    flat.write_text(hledger(journal, HLEDGER_FLAT), encoding="utf-8")
    tree.write_text(hledger(journal, HLEDGER_TREE), encoding="utf-8")
    records = trial_balance(ledger).as_records()
    snapshot.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [journal, flat, tree, snapshot]


def main() -> None:
    for name in GOLDEN:
        for path in regenerate(name):
            print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
