"""The floor for any Excel-based tool: read the Journal table with fastexcel into Arrow, nothing else.

Usage: ``python -m benchmarks.fastexcel_read BOOK.xlsx`` prints the number of lines read.
"""

from __future__ import annotations

import sys

import fastexcel


def read_journal(path: str) -> int:
    """Load the ``Journal`` Excel Table eagerly (a pyarrow RecordBatch) and return its row count."""
    batch = fastexcel.read_excel(path).load_table("Journal", eager=True)
    return int(batch.num_rows)


if __name__ == "__main__":
    print(read_journal(sys.argv[1]))
