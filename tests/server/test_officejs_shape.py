"""tests/officejs.py builds exactly the JSON shape xlwings-server's index.js sends."""

from __future__ import annotations

import pathlib
import re

import xlwings_server

from tests.officejs import payload_from_xlsx
from workbook_templates.build import DEMO_PATH

INDEX_JS = pathlib.Path(xlwings_server.__file__).parent / "static" / "js" / "custom-scripts" / "index.js"


def js_keys(block_start: str) -> set[str]:
    """The keys of the object literal that follows ``block_start`` in index.js."""
    source = INDEX_JS.read_text()
    body = source[source.index(block_start) :]
    body = body[: body.index("});")]
    return set(re.findall(r"^\s*(\w+):", body, re.M))


def test_sheet_and_table_keys_match_the_client() -> None:
    payload = payload_from_xlsx(DEMO_PATH, include=["Journal"])
    sheet_keys = js_keys('payload["sheets"].push({')
    table_keys = js_keys("tablesArray.push({")
    assert all(set(s) == sheet_keys for s in payload["sheets"])
    tables = [t for s in payload["sheets"] for t in s["tables"]]
    assert tables
    assert all(set(t) == table_keys for t in tables)


def test_book_keys_and_excluded_sheets() -> None:
    payload = payload_from_xlsx(DEMO_PATH, include=["Journal"])
    assert set(payload) == {"client", "version", "book", "names", "sheets"}
    assert set(payload["book"]) == {"name", "active_sheet_index", "selection", "calculation"}
    accounts = next(s for s in payload["sheets"] if s["name"] == "Accounts")
    assert accounts["values"] == [[]]
    journal = next(s for s in payload["sheets"] if s["name"] == "Journal")
    assert journal["values"][1][0].endswith("T00:00:00.000Z")
