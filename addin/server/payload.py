"""A script call's workbook payload checked before xlwings builds a Book from it.

The payload is what xlwings-server's ``getBookData`` sends (see the shapes in
``tests/officejs.py``). Before anything reads it, it must be a JSON object with a ``book``, a
list of ``sheets`` whose ``values`` are rectangular lists of rows, within
:data:`~addin.server.limits.MAX_PAYLOAD_CELLS` cells in all, and whose tables and used ranges
claim no more than :data:`~addin.server.limits.MAX_CLAIMED_CELLS` cells each
(:func:`~addin.server.limits.check_claim`): a table said to span ``A1:CV1048576`` would otherwise
be read, padded with blanks, as 100 million cells.
"""

from __future__ import annotations

from typing import Any

from addin.engine.cells import parse_range
from addin.server.answers import Refused
from addin.server.limits import MAX_PAYLOAD_CELLS, check_claim

TABLE_ADDRESSES = (
    "range_address",
    "header_row_range_address",
    "data_body_range_address",
    "total_row_range_address",
)


def _shape_error(what_en: str, what_hi: str) -> Refused:
    return Refused(
        400,
        f"the workbook data is not what the add-in sends: {what_en}. Reload the add-in (right-click "
        "the task pane, Reload) and press the button again",
        f"कार्यपुस्तिका डेटा ऐड-इन के भेजे रूप में नहीं है: {what_hi}। ऐड-इन फिर से लोड करें (टास्क पेन पर "
        "राइट-क्लिक, Reload) और बटन फिर दबाएँ",
    )


def is_range(address: str) -> bool:
    """Whether ``address`` is an A1 range (or one cell), as Office.js gives a table's ranges.

    >>> is_range("A1:G75"), is_range("B2"), is_range("garbage"), is_range("Z99:A1")
    (True, True, False, True)
    """
    try:
        parse_range(address)
    except ValueError:
        return False
    return True


def check_tables(tables: object, sheet: str) -> None:
    """A sheet's table metadata: a list of objects, each with a name and its ranges as Office.js
    gives them (A1 ranges; the header and total rows may be null), claiming a bounded number of cells."""
    if tables is None:
        return
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise _shape_error(
            f"the tables of sheet {sheet!r} are not a list", f"शीट {sheet!r} की तालिकाएँ सूची नहीं हैं"
        )
    for table in tables:
        name = table.get("name")
        if not isinstance(name, str) or not isinstance(table.get("range_address"), str):
            raise _shape_error(
                f"a table on sheet {sheet!r} has no name or no range",
                f"शीट {sheet!r} की एक तालिका का नाम या दायरा नहीं है",
            )
        for key in TABLE_ADDRESSES:
            address = table.get(key, 0)
            if address is not None and not (isinstance(address, str) and is_range(address)):
                raise _shape_error(
                    f"the {key} of table {name!r} on sheet {sheet!r} is not a range",
                    f"शीट {sheet!r} की तालिका {name!r} का {key} कोई दायरा नहीं है",
                )
            check_claim(address, f"table {name!r} on sheet {sheet!r}")


def values_cells(values: object, sheet: str) -> int:
    """How many cells a sheet's ``values`` hold; refused unless a rectangular list of rows."""
    if values is None:
        return 0
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise _shape_error(
            f"the values of sheet {sheet!r} are not a list of rows",
            f"शीट {sheet!r} के मान पंक्तियों की सूची नहीं हैं",
        )
    widths = set(map(len, values))
    if len(widths) > 1:
        raise _shape_error(
            f"the rows of sheet {sheet!r} are not all of one length",
            f"शीट {sheet!r} की पंक्तियाँ बराबर लंबी नहीं हैं",
        )
    return len(values) * (widths.pop() if widths else 0)


def check_book_payload(data: Any) -> dict[str, Any]:
    """``data`` when it is a workbook payload a script may read; raises :class:`Refused` (400 for
    its shape, 413 for its size) before anything is built from it."""
    if not isinstance(data, dict):
        raise _shape_error("not a JSON object", "JSON ऑब्जेक्ट नहीं")
    for key in ("client", "version"):
        if not isinstance(data.get(key), str):
            raise _shape_error(f"{key!r} is missing", f"{key!r} नहीं है")
    if not isinstance(data.get("book"), dict):
        raise _shape_error("'book' is missing", "'book' नहीं है")
    sheets = data.get("sheets")
    if not isinstance(sheets, list) or not all(isinstance(s, dict) for s in sheets):
        raise _shape_error("'sheets' is not a list of sheets", "'sheets' शीटों की सूची नहीं है")
    if not sheets:  # a workbook has at least one sheet
        raise _shape_error("'sheets' is empty", "'sheets' खाली है")
    if not isinstance(data.get("names", []), list):
        raise _shape_error("'names' is not a list", "'names' सूची नहीं है")
    cells = 0
    for sheet in sheets:
        name = sheet.get("name")
        if not isinstance(name, str):
            raise _shape_error("a sheet has no name", "एक शीट का नाम नहीं है")
        cells += values_cells(sheet.get("values"), name)
        check_tables(sheet.get("tables"), name)
        check_claim(sheet.get("used_range_address"), f"the used range of sheet {name!r}")
    if cells > MAX_PAYLOAD_CELLS:
        raise Refused(
            413,
            f"the workbook data holds {cells:,} cells, more than {MAX_PAYLOAD_CELLS:,}",
            f"कार्यपुस्तिका डेटा में {cells:,} सेल हैं, जो {MAX_PAYLOAD_CELLS:,} से अधिक हैं",
        )
    return data
