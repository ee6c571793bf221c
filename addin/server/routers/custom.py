"""Bahi's own endpoint: ``POST /bahi/upload/{upload_id}``, one block of a big sheet.

See :mod:`addin.server.uploads` and :mod:`addin.server.blocks`. Authenticated exactly like the
script calls (xlwings-server's ``User`` dependency: the shared token or Entra ID when configured).
Each block is one request, so Bahi's request size limit applies to each block, not to the whole
Journal.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from xlwings_server import dependencies as dep
from xlwings_server.config import settings

from addin.books.base import BookError
from addin.server import uploads
from addin.server.blocks import RejectedBlockError, parse_block

router = APIRouter(prefix=f"{settings.app_path}/bahi")

UPLOAD_ID = re.compile(r"^[A-Za-z0-9-]{16,64}$")


@router.post("/upload/{upload_id}")
async def upload_block(upload_id: str, request: Request, _user: dep.User) -> dict[str, Any]:
    if not UPLOAD_ID.match(upload_id):
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="bad upload id")
    body = await request.body()
    try:
        parsed = parse_block(body)
        received, count = uploads.STORE.add(upload_id, parsed, body)
    except RejectedBlockError as exc:
        raise HTTPException(status_code=exc.status, detail=exc.detail) from exc
    except BookError as exc:  # the upload directory cannot be written
        raise HTTPException(status_code=status.HTTP_503_SERVICE_UNAVAILABLE, detail=exc.bilingual()) from exc
    except OverflowError as exc:
        raise HTTPException(
            status_code=413,
            detail=f"Bahi: {exc}. / बही: डेटा बहुत बड़ा है या बहुत से अपलोड चल रहे हैं।",
        ) from exc
    except ValueError as exc:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=str(exc)) from exc
    return {"received": received, "count": count}
