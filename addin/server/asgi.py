"""The ASGI app ``bahi serve`` runs: xlwings-server's app with Bahi's routes, behind request limits.

From the outside in: :class:`~addin.server.timing.ServerTiming` (a ``Server-Timing`` header on every
answer), CORS for Excel on the web's origins (so that every answer to an allowed origin carries its
CORS headers, a 413 or 408 included), :class:`RequestSizeLimit`, then xlwings-server's FastAPI app
with Bahi's own routes in place of its formula, script and manifest routes
(:func:`addin.server.routes.take_over`) and Bahi's upload routes (``routers/custom.py``).

Two size limits: 5 MB (``BAHI_MAX_REQUEST_MB``) for everything the add-in sends through Office.js --
Excel on the web refuses more than 5 MB in one Office.js request or response anyway -- and 32 MB
(``BAHI_MAX_FORMULA_REQUEST_MB``) for ``POST /xlwings/custom-functions-call``: a cell formula's
arguments reach the add-in from Excel's custom-functions runtime and are posted to this server with
an ordinary ``fetch``, outside that 5 MB Office.js limit, and a ``=BAHI.TRIALBALANCE(Journal[#All])``
over 100,000 lines is about 13 MB of JSON. And a time limit: the whole body must arrive within
``BAHI_BODY_TIMEOUT_SECONDS`` (default 60), or the answer is 408 (a client that trickles a body
must not hold a connection and a buffer for ever).

Importing this module configures the environment first (see :mod:`addin.server.serve`), then
imports ``xlwings_server.main``: the order matters, xlwings-server reads its settings on import.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.middleware.cors import CORSMiddleware

from addin.server.serve import configure_environment
from addin.server.timing import ServerTiming

configure_environment()

from xlwings_server.config import settings  # noqa: E402  (after configure_environment)
from xlwings_server.main import app as fastapi_app  # noqa: E402  (after configure_environment)

from addin.server.routes import take_over  # noqa: E402  (after configure_environment)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_MB = 5.0
DEFAULT_MAX_FORMULA_MB = 32.0
DEFAULT_BODY_TIMEOUT_SECONDS = 60.0
FORMULA_CALL_PATH = "/xlwings/custom-functions-call"


def max_request_bytes() -> int:
    return int(float(os.environ.get("BAHI_MAX_REQUEST_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def max_formula_request_bytes() -> int:
    """The limit for a cell formula's call (its arguments), ``BAHI_MAX_FORMULA_REQUEST_MB``."""
    return int(float(os.environ.get("BAHI_MAX_FORMULA_REQUEST_MB", DEFAULT_MAX_FORMULA_MB)) * 1024 * 1024)


def body_timeout_seconds() -> float:
    """How long a request's whole body may take to arrive, ``BAHI_BODY_TIMEOUT_SECONDS``."""
    return float(os.environ.get("BAHI_BODY_TIMEOUT_SECONDS", DEFAULT_BODY_TIMEOUT_SECONDS))


def is_formula_call(scope: Scope) -> bool:
    """True for ``POST /xlwings/custom-functions-call`` (under xlwings-server's app path)."""
    return (
        scope.get("type") == "http"
        and scope.get("method") == "POST"
        and scope.get("path") == settings.app_path + FORMULA_CALL_PATH
    )


def too_large_body(limit: int, *, formula: bool = False) -> bytes:
    mb = limit / (1024 * 1024)
    if formula:  # Excel shows it as the #VALUE! cell's tooltip
        detail = (
            f"Bahi: this formula's arguments are larger than {mb:g} MB, the most one formula may send. "
            "Pass a smaller range (e.g. one financial year's Journal), or use the ribbon's Trial "
            "Balance button, which reads any Journal in blocks. / "
            f"बही: इस सूत्र के तर्क {mb:g} MB से बड़े हैं, जो एक सूत्र की अधिकतम सीमा है। छोटी रेंज दें "
            "(जैसे एक वित्त वर्ष का रोज़नामचा), या रिबन का तलपट बटन चलाएँ, जो रोज़नामचा खंडों में पढ़ता है।"
        )
        return json.dumps({"detail": detail, "limit_bytes": limit}, ensure_ascii=False).encode("utf-8")
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


def too_slow_body(seconds: float) -> bytes:
    detail = (
        f"Bahi: the request did not arrive within {seconds:g} seconds; check the network and try again. / "
        f"बही: अनुरोध {seconds:g} सेकंड में नहीं पहुँचा; नेटवर्क जाँचें और फिर प्रयास करें।"
    )
    return json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")


class RequestSizeLimit:
    """Read each HTTP request's body here, within its size and time limits, then hand it on whole.

    The size limit is ``max_formula_bytes`` for a cell formula's call (:func:`is_formula_call`),
    ``max_bytes`` for any other request: a ``Content-Length`` over it is refused at once, and a
    body sent without one is refused as soon as it passes it (413, bilingual JSON ``detail``). A
    body that has not fully arrived ``timeout`` seconds after the request began gets a 408.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int | None = None,
        max_formula_bytes: int | None = None,
        timeout: float | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_request_bytes() if max_bytes is None else max_bytes
        self.max_formula_bytes = (
            max_formula_request_bytes() if max_formula_bytes is None else max_formula_bytes
        )
        self.timeout = body_timeout_seconds() if timeout is None else timeout

    @staticmethod
    async def _refuse(send: Send, status: int, body: bytes) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        formula = is_formula_call(scope)
        limit = self.max_formula_bytes if formula else self.max_bytes
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await self._refuse(send, 413, too_large_body(limit, formula=formula))
            return

        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.timeout):  # one timer for the whole body
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        return  # the client went away
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > limit:
                        await self._refuse(send, 413, too_large_body(limit, formula=formula))
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await self._refuse(send, 408, too_slow_body(self.timeout))
            return
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        del chunks
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def with_cors(inner: ASGIApp) -> ASGIApp:
    """CORS as xlwings-server sets it up (Excel on the web's origins from
    ``XLWINGS_CORS_ALLOW_ORIGINS``, POST, any header, no credentials), around ``inner``."""
    return CORSMiddleware(
        app=inner,
        allow_origins=settings.cors_allow_origins,
        allow_methods=["POST"],
        allow_headers=["*"],
        allow_credentials=False,
    )


take_over(fastapi_app)
main_app = with_cors(RequestSizeLimit(fastapi_app))
app = ServerTiming(main_app)

__all__ = [
    "DEFAULT_MAX_FORMULA_MB",
    "DEFAULT_MAX_MB",
    "FORMULA_CALL_PATH",
    "RequestSizeLimit",
    "app",
    "fastapi_app",
    "is_formula_call",
    "main_app",
    "max_formula_request_bytes",
    "max_request_bytes",
    "too_large_body",
    "with_cors",
]
