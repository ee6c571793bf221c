"""Bahi's own endpoint: ``POST /bahi/upload/{upload_id}``, one block of a big sheet.

See :mod:`addin.server.uploads`. Authenticated exactly like the script calls (xlwings-server's
``User`` dependency: the shared token or Entra ID when configured). Each block is one request,
so Bahi's request size limit applies to each block, not to the whole Journal.

The body is parsed by hand rather than by a pydantic model of the whole block: the model would
validate (and copy) each of the block's 100,000 cells; here only the few metadata fields are
validated, and the rows go straight into a grid with the cyclic garbage collector paused.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

import numpy as np
from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel, Field, ValidationError
from pydantic_core import from_json
from xlwings_server import dependencies as dep
from xlwings_server.config import settings

from addin.engine.gc_pause import no_cyclic_gc
from addin.server.uploads import STORE, Grid, grid_of

router = APIRouter(prefix=f"{settings.app_path}/bahi")

UPLOAD_ID = re.compile(r"^[A-Za-z0-9-]{16,64}$")
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


def bad_request(detail: str) -> HTTPException:
    return HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=detail)


def block_grid(values: object) -> Grid:
    """A block's ``values`` (a list of rows of cells) as a grid; 400 for anything else."""
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise bad_request("values: a list of rows is expected")
    try:
        grid = grid_of(values)
    except ValueError as exc:  # a row of cells that are lists themselves
        raise bad_request(CELLS_EXPECTED) from exc
    if not set(map(type, grid.ravel())) <= CELL_TYPES:
        raise bad_request(CELLS_EXPECTED)
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
        raise bad_request("rows: a count of rows is expected")
    if not isinstance(columns, list) or not all(isinstance(c, dict) for c in columns):
        raise bad_request("columns: a list of {values, codes} is expected")
    grid: Grid = np.empty((rows, len(columns)), dtype=object)
    for j, column in enumerate(columns):
        distinct, encoded = column.get("values"), column.get("codes")
        if not isinstance(distinct, list) or not isinstance(encoded, str):
            raise bad_request("columns: each column needs values (a list) and codes (base64)")
        if not set(map(type, distinct)) <= CELL_TYPES:
            raise bad_request(CELLS_EXPECTED)
        try:
            codes = np.frombuffer(base64.b64decode(encoded, validate=True), dtype="<i4")
        except (binascii.Error, ValueError) as exc:
            raise bad_request("columns: codes must be base64 of 4-byte integers") from exc
        if len(codes) != rows or (rows and not (codes.min() >= 0 and codes.max() < len(distinct))):
            raise bad_request("columns: a code for each row, each naming one of the values")
        cells: Grid = np.empty(len(distinct), dtype=object)
        cells[:] = distinct
        grid[:, j] = cells[codes]
    return grid


@router.post("/upload/{upload_id}")
async def upload_block(upload_id: str, request: Request, _user: dep.User) -> dict[str, Any]:
    if not UPLOAD_ID.match(upload_id):
        raise bad_request("bad upload id")
    body = await request.body()
    with no_cyclic_gc():
        try:
            data = from_json(body)
        except ValueError as exc:
            raise bad_request(f"not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise bad_request("a JSON object is expected")
        try:
            block = Block.model_validate({k: v for k, v in data.items() if k != "values"})
        except ValidationError as exc:
            raise HTTPException(status_code=422, detail=exc.errors(include_url=False)) from exc
        if "columns" in data:
            grid = columns_grid(data["columns"], data.get("rows"))
        else:
            grid = block_grid(data.get("values"))
        del data
    try:
        upload = STORE.add(
            upload_id,
            sheet=block.sheet,
            index=block.index,
            count=block.count,
            start_row=block.start_row,
            values=grid,
            tables=block.tables,
            used_range_address=block.used_range_address,
        )
    except OverflowError as exc:
        raise HTTPException(
            status_code=413,
            detail=f"Bahi: {exc}. / बही: डेटा बहुत बड़ा है या बहुत से अपलोड चल रहे हैं।",
        ) from exc
    except ValueError as exc:
        raise bad_request(str(exc)) from exc
    return {"received": sum(len(c) for c in upload.sheets.values()), "count": upload.count}
