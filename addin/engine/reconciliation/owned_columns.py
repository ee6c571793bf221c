"""The add-in's own table columns (Match ID, Match Rule) as the reconciliation reads them back.

Shared by the Reconcile macro and the BAHI.RECONSTATUS / BAHI.BRS cell formulas, so both see the
matches already recorded in the workbook the same way.
"""

from __future__ import annotations

import dataclasses

from addin.engine.cells import parse_text
from addin.engine.ledger import Ledger
from addin.engine.schema import JOURNAL, TableSpec, canonical_column
from addin.engine.tables import RawTable


def owned_column(table: RawTable | None, column: str, spec: TableSpec) -> list[str]:
    """The text of an owned column, one value a data row ("" where blank or the column is missing)."""
    if table is None:
        return []
    for heading, series in zip(table.headings, table.columns, strict=True):
        if canonical_column(spec, heading) == column:
            return [str(v) for v in parse_text(series).tolist()]
    return [""] * table.row_count


def with_journal_matches(ledger: Ledger, journal: RawTable | None) -> Ledger:
    """The ledger with the Journal's Match ID / Match Rule cells beside each line."""
    if journal is None or ledger.journal.empty:
        return ledger
    ids = owned_column(journal, "Match ID", JOURNAL)
    rules = owned_column(journal, "Match Rule", JOURNAL)
    index = (ledger.journal["row"].to_numpy() - journal.header_row - 1).tolist()
    frame = ledger.journal.assign(match_id=[ids[i] for i in index], match_rule=[rules[i] for i in index])
    return dataclasses.replace(ledger, journal=frame)
