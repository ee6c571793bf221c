"""The ASGI app ``bahi serve`` runs: xlwings-server's app behind a request size limit.

Importing this module configures the environment first (see :mod:`addin.server.serve`), then
imports ``xlwings_server.main``: the order matters, xlwings-server reads its settings on import.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from addin.server.serve import configure_environment
from addin.server.timing import ServerTiming

configure_environment()

from xlwings_server.main import main_app  # noqa: E402  (after configure_environment)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_MB = 5.0


def max_request_bytes() -> int:
    return int(float(os.environ.get("BAHI_MAX_REQUEST_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def too_large_body(limit: int) -> bytes:
    mb = limit / (1024 * 1024)
    return json.dumps(
        {
            "detail": (
                f"Bahi: the workbook data sent is larger than {mb:g} MB, the most one request may carry "
                "(Excel on the web's limit too). Split the Journal by financial year into separate "
                "workbooks, or run `bahi validate` on the file. / "
                f"बही: भेजा गया कार्यपुस्तिका डेटा {mb:g} MB से बड़ा है, जो एक अनुरोध की अधिकतम सीमा है। "
                "रोज़नामचा को वित्त वर्ष के अनुसार अलग कार्यपुस्तिकाओं में बाँटें, या फ़ाइल पर `bahi validate` चलाएँ।"
            ),
            "limit_bytes": limit,
        },
        ensure_ascii=False,
    ).encode("utf-8")


class RequestSizeLimit:
    """Answer 413 with a bilingual JSON ``detail`` to any HTTP request whose body exceeds the limit.

    Checks ``Content-Length`` up front; a body sent without one is read (up to the limit) and replayed.
    """

    def __init__(self, app: ASGIApp, max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_request_bytes() if max_bytes is None else max_bytes

    async def _reject(self, send: Send) -> None:
        body = too_large_body(self.max_bytes)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._reject(send)
            return

        if length is not None and length.isdigit():
            await self.app(scope, receive, send)
            return

        # No Content-Length (a chunked upload): read the body here, then replay it.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._reject(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


app = ServerTiming(RequestSizeLimit(main_app))

__all__ = ["DEFAULT_MAX_MB", "RequestSizeLimit", "app", "main_app", "max_request_bytes", "too_large_body"]
