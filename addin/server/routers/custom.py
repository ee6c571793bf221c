"""Bahi's own endpoints for a big sheet sent in blocks (see :mod:`addin.server.uploads`).

- ``POST /bahi/uploads``: open an upload; answers ``{"upload": "<id>"}``, a new random id kept
  for its sender (the signed-in user and the connection's address).
- ``POST /bahi/uploads/blocks`` with the header ``Bahi-Upload: <id>``: one block of rows.

Authenticated exactly like the script calls (xlwings-server's ``User`` dependency: the shared token
or Entra ID when configured), before the body is read. The id never appears in a URL, so never in
an access log. Each block is one request, so Bahi's request size limit applies to each block.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from xlwings_server import dependencies as dep
from xlwings_server.config import settings

from addin.books.base import BookError
from addin.server import uploads
from addin.server.answers import Refused, as_response, ok, refusal
from addin.server.blocks import parse_block
from addin.server.routes import json_body, sender

router = APIRouter(prefix=f"{settings.app_path}/bahi")

BLOCK_BODY: dict[str, Any] = json_body(
    ("sheet", "index", "count", "start_row"),
    sheet="string",
    index="integer",
    count="integer",
    start_row="integer",
    rows="integer",
    values="array of array",
    columns="array of object",
    tables="array of object",
    used_range_address="string",
) | {"parameters": [{"name": uploads.HEADER, "in": "header", "required": True, "schema": {"type": "string"}}]}


def _unusable(exc: BookError) -> Response:
    """The upload directory cannot be written: 503 with the fix."""
    return as_response(refusal(503, f"{exc.message_en} {exc.fix_en}", f"{exc.message_hi} {exc.fix_hi}"))


@router.post("/uploads")
async def open_upload(request: Request, user: dep.User) -> Response:
    """A new upload for this sender: ``{"upload": id}``."""
    uploads.ensure_sweeping()
    try:
        upload_id = uploads.STORE.open(sender(request, user))
    except Refused as refused:
        return as_response(refused.reply())
    except BookError as exc:
        return _unusable(exc)
    return as_response(ok({"upload": upload_id}))


@router.post("/uploads/blocks", openapi_extra=BLOCK_BODY)
async def upload_block(request: Request, user: dep.User) -> Response:
    """One block of the upload named by the ``Bahi-Upload`` header."""
    upload_id = request.headers.get(uploads.HEADER, "")
    if not uploads.is_upload_id(upload_id):
        return as_response(uploads.unknown_upload().reply())
    body = await request.body()
    try:
        parsed = parse_block(body)
        received, count = uploads.STORE.add(upload_id, sender(request, user), parsed, body)
    except Refused as refused:
        return as_response(refused.reply())
    except BookError as exc:
        return _unusable(exc)
    return as_response(ok({"received": received, "count": count}))
