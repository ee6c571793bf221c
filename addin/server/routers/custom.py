"""Bahi's own endpoint: ``POST /bahi/upload/{upload_id}``, one block of a big sheet.

See :mod:`addin.server.uploads`. Authenticated exactly like the script calls (xlwings-server's
``User`` dependency: the shared token or Entra ID when configured). Each block is one request,
so Bahi's request size limit applies to each block, not to the whole Journal.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field
from xlwings_server import dependencies as dep
from xlwings_server.config import settings

from addin.server.uploads import STORE

router = APIRouter(prefix=f"{settings.app_path}/bahi")

UPLOAD_ID = re.compile(r"^[A-Za-z0-9-]{16,64}$")


class Block(BaseModel):
    """Rows ``start_row``… of one sheet, as Office.js read them (dates as ISO strings)."""

    sheet: str = Field(min_length=1, max_length=31)
    index: int = Field(ge=0)
    count: int = Field(ge=1)
    start_row: int = Field(ge=1)
    values: list[list[Any]]
    tables: list[dict[str, Any]] | None = None
    used_range_address: str | None = None


@router.post("/upload/{upload_id}")
async def upload_block(upload_id: str, block: Block, _user: dep.User) -> dict[str, Any]:
    if not UPLOAD_ID.match(upload_id):
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="bad upload id")
    try:
        upload = STORE.add(
            upload_id,
            sheet=block.sheet,
            index=block.index,
            count=block.count,
            start_row=block.start_row,
            values=block.values,
            tables=block.tables,
            used_range_address=block.used_range_address,
        )
    except OverflowError as exc:
        raise HTTPException(
            status_code=413,
            detail=f"Bahi: {exc}. / बही: डेटा बहुत बड़ा है या बहुत से अपलोड चल रहे हैं।",
        ) from exc
    except ValueError as exc:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=str(exc)) from exc
    return {"received": sum(len(c) for c in upload.sheets.values()), "count": upload.count}
