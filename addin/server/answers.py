"""What the server answers, built where the work ran (a worker process or the server's own).

A :class:`Reply` is a status, a body and its media type: plain bytes, so that a worker process
hands it back without pickling any workbook data. Every refusal is a :func:`refusal`: a JSON
``{"detail": ...}`` in English then Hindi, which xlwings' JavaScript shows as it is (the task
pane's error line, or a cell's ``#VALUE!`` tooltip).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import Response
from fastapi.encoders import jsonable_encoder

JSON = "application/json"
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    media_type: str = JSON


def as_response(reply: Reply) -> Response:
    return Response(reply.body, status_code=reply.status, media_type=reply.media_type)


def json_bytes(content: Any) -> bytes:
    """``content`` as compact UTF-8 JSON; what :mod:`json` cannot encode goes through FastAPI's
    ``jsonable_encoder`` (dates, pydantic models). Raises ValueError for NaN or infinity, which
    JSON has no way to write.

    >>> json_bytes({"values": [["बही", 1.5, None]]}).decode()
    '{"values":[["बही",1.5,null]]}'
    """
    return json.dumps(
        content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=jsonable_encoder
    ).encode("utf-8")


def ok(content: Any) -> Reply:
    return Reply(200, json_bytes(content))


def bilingual(en: str, hi: str) -> str:
    """One line a user reads: ``Bahi: <English> / बही: <Hindi>``."""
    return f"Bahi: {en} / बही: {hi}"


def refusal(status: int, en: str, hi: str, **extra: Any) -> Reply:
    """A 4xx (or 503) answer with a bilingual ``detail``.

    >>> refusal(400, "not JSON", "JSON नहीं").body.decode()
    '{"detail":"Bahi: not JSON / बही: JSON नहीं"}'
    """
    return Reply(status, json_bytes({"detail": bilingual(en, hi), **extra}))


def formula_error(message: str) -> Reply:
    """A cell formula's failure: HTTP 400 with the text, which Excel shows as ``#VALUE!`` and its
    tooltip (400, not 500: Excel's add-in does not retry it)."""
    return Reply(400, message.encode("utf-8"), TEXT)


class Refused(Exception):  # noqa: N818 - a refusal, not an error of the server
    """A request the server refuses, with the bilingual reason: raised where it is found,
    answered by :meth:`reply` (HTTP ``status``, JSON ``detail``)."""

    def __init__(self, status: int, en: str, hi: str) -> None:
        super().__init__(en)
        self.status = status
        self.en = en
        self.hi = hi

    @property
    def detail(self) -> str:
        return bilingual(self.en, self.hi)

    def reply(self) -> Reply:
        return refusal(self.status, self.en, self.hi)
