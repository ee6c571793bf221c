"""One block of a big sheet as ``ribbon.js`` posts it to ``/bahi/upload/{id}``: parsing and checks.

The body is parsed by hand rather than by a pydantic model of the whole block: the model would
validate (and copy) each of the block's 100,000 cells; here only the few metadata fields are
validated by :class:`Block`, and the cells go straight into a grid (:mod:`addin.books.grid`) with
the cyclic garbage collector paused. Shared by the endpoint (``routers/custom.py``) and the
directory upload store, which keeps the body as sent and parses it again when the script runs.
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


class RejectedBlockError(ValueError):
    """A block that is not what ribbon.js sends; ``status`` is the HTTP answer (400 or 422)."""

    def __init__(self, detail: Any, status: int = 400) -> None:
        super().__init__(str(detail))
        self.detail = detail
        self.status = status


CELL_TYPES = frozenset({str, int, float, bool, type(None)})
"""What an Office.js cell value can be (JSON's scalars)."""
CELLS_EXPECTED = "values: each cell must be text, a number, true/false or null"


class Block(BaseModel):
    """Rows ``start_row``… of one sheet, as Office.js read them (dates as ISO strings). The cells
    come as ``values`` (a list of rows, checked by :func:`block_grid`) or, as ribbon.js sends
    them, as ``columns`` and ``rows`` (dictionary-encoded, see :func:`columns_grid`)."""

    sheet: str = Field(min_length=1, max_length=31)
    index: int = Field(ge=0)
    count: int = Field(ge=1)
    start_row: int = Field(ge=1)
    tables: list[dict[str, Any]] | None = None
    used_range_address: str | None = None


def block_grid(values: object) -> Grid:
    """A block's ``values`` (a list of rows of cells) as a grid; 400 for anything else."""
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise RejectedBlockError("values: a list of rows is expected")
    try:
        grid = grid_of(values)
    except ValueError as exc:  # a row of cells that are lists themselves
        raise RejectedBlockError(CELLS_EXPECTED) from exc
    if not set(map(type, grid.ravel())) <= CELL_TYPES:
        raise RejectedBlockError(CELLS_EXPECTED)
    return grid


def columns_grid(columns: object, rows: object) -> Grid:
    """A block sent column by column, each column dictionary-encoded as ribbon.js sends it:
    ``{"values": [distinct cells...], "codes": base64 of little-endian int32, one a row}``.

    Each distinct cell is parsed (and type-checked) once, and the codes become one numpy array
    without a Python object per cell: a 100,000-cell block is a fraction of the JSON of its rows.

    >>> codes = base64.b64encode(np.array([0, 1, 0], dtype="<i4").tobytes()).decode()
    >>> columns_grid([{"values": ["V1", 5], "codes": codes}], 3).tolist()
    [['V1'], [5], ['V1']]
    """
    if not isinstance(rows, int) or isinstance(rows, bool) or rows < 0:
        raise RejectedBlockError("rows: a count of rows is expected")
    if not isinstance(columns, list) or not all(isinstance(c, dict) for c in columns):
        raise RejectedBlockError("columns: a list of {values, codes} is expected")
    grid: Grid = np.empty((rows, len(columns)), dtype=object)
    for j, column in enumerate(columns):
        distinct, encoded = column.get("values"), column.get("codes")
        if not isinstance(distinct, list) or not isinstance(encoded, str):
            raise RejectedBlockError("columns: each column needs values (a list) and codes (base64)")
        if not set(map(type, distinct)) <= CELL_TYPES:
            raise RejectedBlockError(CELLS_EXPECTED)
        try:
            codes = np.frombuffer(base64.b64decode(encoded, validate=True), dtype="<i4")
        except (binascii.Error, ValueError) as exc:
            raise RejectedBlockError("columns: codes must be base64 of 4-byte integers") from exc
        if len(codes) != rows or (rows and not (codes.min() >= 0 and codes.max() < len(distinct))):
            raise RejectedBlockError("columns: a code for each row, each naming one of the values")
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
            raise RejectedBlockError(f"not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise RejectedBlockError("a JSON object is expected")
        try:
            block = Block.model_validate({k: v for k, v in data.items() if k not in ("values", "columns")})
        except ValidationError as exc:
            raise RejectedBlockError(exc.errors(include_url=False), status=422) from exc
        if "columns" in data:
            grid = columns_grid(data["columns"], data.get("rows"))
        else:
            grid = block_grid(data.get("values"))
        del data
    return ParsedBlock(block, grid)
