"""One block of a big sheet as ``ribbon.js`` posts it to ``/bahi/uploads/blocks``: parsing and checks.

The body is parsed by hand rather than by a pydantic model of the whole block: the model would
validate (and copy) each of the block's 100,000 cells; here only the few metadata fields are
validated by :class:`Block`, and the cells go straight into a grid (:mod:`addin.books.grid`).

Nothing is allocated for the cells before their count is known and within bounds: a block's
rows × columns at most :data:`~addin.server.limits.MAX_BLOCK_CELLS`, its last row within Excel's
sheet, each dictionary-encoded column's codes exactly one a row (checked on the base64 text's
length, before decoding), rows of ``values`` all of one length (ragged rows are refused, not
padded), and the tables it describes within :data:`~addin.server.limits.MAX_CLAIMED_CELLS`.
Shared by the upload endpoint (``routers/custom.py``), which checks each block as it arrives,
and the worker that assembles the upload for its script.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel, Field, ValidationError
from pydantic_core import from_json

from addin.books.grid import Grid, grid_of
from addin.engine.gc_pause import no_cyclic_gc
from addin.server.answers import Refused
from addin.server.limits import EXCEL_COLUMNS, EXCEL_ROWS, MAX_BLOCK_CELLS, check_claim
from addin.server.payload import check_tables

MAX_CHUNKS = 1_000


class RejectedBlockError(Refused):
    """A block that is not what ribbon.js sends (400, 413 past a cap, 422 for its metadata)."""

    def __init__(self, en: str, hi: str = "", status: int = 400) -> None:
        super().__init__(status, f"upload block refused: {en}", f"अपलोड खंड अस्वीकार: {hi or en}")


CELL_TYPES = frozenset({str, int, float, bool, type(None)})
"""What an Office.js cell value can be (JSON's scalars)."""
CELLS_EXPECTED = "values: each cell must be text, a number, true/false or null"
CELLS_EXPECTED_HI = "मान: हर सेल पाठ, संख्या, true/false या null हो"


class Block(BaseModel):
    """Rows ``start_row``… of one sheet, as Office.js read them (dates as ISO strings). The cells
    come as ``values`` (a list of rows, checked by :func:`block_grid`) or, as ribbon.js sends
    them, as ``columns`` and ``rows`` (dictionary-encoded, see :func:`columns_grid`)."""

    sheet: str = Field(min_length=1, max_length=31)
    index: int = Field(ge=0, lt=MAX_CHUNKS)
    count: int = Field(ge=1, le=MAX_CHUNKS)
    start_row: int = Field(ge=1, le=EXCEL_ROWS)
    tables: list[dict[str, Any]] | None = None
    used_range_address: str | None = Field(default=None, max_length=64)


def check_extent(start_row: int, rows: int, width: int) -> None:
    """A block of ``rows`` × ``width`` cells from ``start_row``: within Excel's sheet and
    :data:`MAX_BLOCK_CELLS` (413 otherwise), before any of it is built.

    >>> check_extent(1, 1000, 6)
    >>> check_extent(1_000_000, 100_000, 6)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    addin.server.blocks.RejectedBlockError: upload block refused: rows 1,000,000 to 1,099,999 run past ...
    """
    if width > EXCEL_COLUMNS:
        raise RejectedBlockError(
            f"{width:,} columns, more than Excel's {EXCEL_COLUMNS:,}",
            f"{width:,} कॉलम, एक्सेल की सीमा {EXCEL_COLUMNS:,} से अधिक",
            status=413,
        )
    if start_row + rows - 1 > EXCEL_ROWS:
        raise RejectedBlockError(
            f"rows {start_row:,} to {start_row + rows - 1:,} run past Excel's last row, {EXCEL_ROWS:,}",
            f"पंक्तियाँ {start_row:,} से {start_row + rows - 1:,} एक्सेल की अंतिम पंक्ति {EXCEL_ROWS:,} से आगे हैं",
            status=413,
        )
    if rows * width > MAX_BLOCK_CELLS:
        raise RejectedBlockError(
            f"{rows * width:,} cells in one block, more than {MAX_BLOCK_CELLS:,}",
            f"एक खंड में {rows * width:,} सेल, {MAX_BLOCK_CELLS:,} से अधिक",
            status=413,
        )


def block_grid(values: object, start_row: int = 1) -> Grid:
    """A block's ``values`` (a list of rows of cells, all of one length) as a grid; 400 for
    anything else, 413 past the caps."""
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise RejectedBlockError("values: a list of rows is expected", "मान: पंक्तियों की सूची चाहिए")
    widths = set(map(len, values))
    if len(widths) > 1:
        raise RejectedBlockError("values: rows of different lengths", "मान: पंक्तियाँ अलग-अलग लंबाई की हैं")
    width = widths.pop() if widths else 0
    check_extent(start_row, len(values), width)
    try:
        grid = grid_of(values, width)
    except ValueError as exc:  # a row of cells that are lists themselves
        raise RejectedBlockError(CELLS_EXPECTED, CELLS_EXPECTED_HI) from exc
    if not set(map(type, grid.ravel())) <= CELL_TYPES:
        raise RejectedBlockError(CELLS_EXPECTED, CELLS_EXPECTED_HI)
    return grid


def base64_length(size: int) -> int:
    """The length of the base64 text of ``size`` bytes (with padding).

    >>> [base64_length(n) for n in (0, 1, 3, 4, 8)]
    [0, 4, 4, 8, 12]
    """
    return 4 * -(-size // 3)


def columns_grid(columns: object, rows: object, start_row: int = 1) -> Grid:
    """A block sent column by column, each column dictionary-encoded as ribbon.js sends it:
    ``{"values": [distinct cells...], "codes": base64 of little-endian int32, one a row}``.

    Each distinct cell is parsed (and type-checked) once, and the codes become one numpy array
    without a Python object per cell: a 100,000-cell block is a fraction of the JSON of its rows.

    >>> codes = base64.b64encode(np.array([0, 1, 0], dtype="<i4").tobytes()).decode()
    >>> columns_grid([{"values": ["V1", 5], "codes": codes}], 3).tolist()
    [['V1'], [5], ['V1']]
    """
    if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
        raise RejectedBlockError("rows: a count of rows is expected", "rows: पंक्तियों की गिनती चाहिए")
    if not isinstance(columns, list) or not all(isinstance(c, dict) for c in columns):
        raise RejectedBlockError(
            "columns: a list of {values, codes} is expected", "columns: {values, codes} की सूची चाहिए"
        )
    check_extent(start_row, rows, len(columns))
    for column in columns:
        distinct, encoded = column.get("values"), column.get("codes")
        if not isinstance(distinct, list) or not isinstance(encoded, str):
            raise RejectedBlockError(
                "columns: each column needs values (a list) and codes (base64)",
                "columns: हर कॉलम में values (सूची) और codes (base64) चाहिए",
            )
        if len(encoded) != base64_length(4 * rows) or len(distinct) > max(rows, 1):
            raise RejectedBlockError(
                "columns: a code for each row, each naming one of the values",
                "columns: हर पंक्ति का एक कोड, जो किसी एक मान को बताए",
            )
    grid: Grid = np.empty((rows, len(columns)), dtype=object)
    for j, column in enumerate(columns):
        distinct = column["values"]
        if not set(map(type, distinct)) <= CELL_TYPES:
            raise RejectedBlockError(CELLS_EXPECTED, CELLS_EXPECTED_HI)
        try:
            codes = np.frombuffer(base64.b64decode(column["codes"], validate=True), dtype="<i4")
        except (binascii.Error, ValueError) as exc:
            raise RejectedBlockError(
                "columns: codes must be base64 of 4-byte integers",
                "columns: codes 4-बाइट पूर्णांकों का base64 हों",
            ) from exc
        if len(codes) != rows or (rows and not (codes.min() >= 0 and codes.max() < len(distinct))):
            raise RejectedBlockError(
                "columns: a code for each row, each naming one of the values",
                "columns: हर पंक्ति का एक कोड, जो किसी एक मान को बताए",
            )
        cells: Grid = np.empty(len(distinct), dtype=object)
        cells[:] = distinct
        grid[:, j] = cells[codes]
    return grid


@dataclass(frozen=True)
class ParsedBlock:
    block: Block
    grid: Grid


def parse_block(body: bytes) -> ParsedBlock:
    """A posted block's metadata and cells; raises :class:`RejectedBlockError` for anything else."""
    with no_cyclic_gc():
        try:
            data = from_json(body)
        except ValueError as exc:
            raise RejectedBlockError(f"not JSON: {exc}", f"JSON नहीं: {exc}") from exc
        if not isinstance(data, dict):
            raise RejectedBlockError("a JSON object is expected", "JSON ऑब्जेक्ट चाहिए")
        try:
            block = Block.model_validate({k: v for k, v in data.items() if k not in ("values", "columns")})
        except ValidationError as exc:
            fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise RejectedBlockError(fields, fields, status=422) from exc
        check_tables(block.tables, block.sheet)
        check_claim(block.used_range_address, f"the used range of sheet {block.sheet!r}")
        if "columns" in data:
            grid = columns_grid(data["columns"], data.get("rows"), block.start_row)
        else:
            grid = block_grid(data.get("values"), block.start_row)
        del data
    return ParsedBlock(block, grid)
