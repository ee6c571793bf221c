"""The ASGI app ``bahi serve`` runs: xlwings-server's app behind a request size limit.

Two limits: 5 MB (``BAHI_MAX_REQUEST_MB``) for everything the add-in sends through Office.js --
Excel on the web refuses more than 5 MB in one Office.js request or response anyway -- and 32 MB
(``BAHI_MAX_FORMULA_REQUEST_MB``) for ``POST /xlwings/custom-functions-call``: a cell formula's
arguments reach the add-in from Excel's custom-functions runtime and are posted to this server with
an ordinary ``fetch``, outside that 5 MB Office.js limit, and a ``=BAHI.TRIALBALANCE(Journal[#All])``
over 100,000 lines is about 13 MB of JSON. While a formula call is read and computed, Python's
cyclic garbage collector is paused (:class:`FormulaGCPause`).

Importing this module configures the environment first (see :mod:`addin.server.serve`), then
imports ``xlwings_server.main``: the order matters, xlwings-server reads its settings on import.
"""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from addin.engine.gc_pause import no_cyclic_gc
from addin.server.responses import answer_scripts_directly
from addin.server.serve import configure_environment
from addin.server.timing import ServerTiming

configure_environment()

from xlwings_server.config import settings  # noqa: E402  (after configure_environment)
from xlwings_server.main import app as fastapi_app  # noqa: E402  (after configure_environment)
from xlwings_server.main import main_app  # noqa: E402

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_MAX_MB = 5.0
DEFAULT_MAX_FORMULA_MB = 32.0
FORMULA_CALL_PATH = "/xlwings/custom-functions-call"


def max_request_bytes() -> int:
    return int(float(os.environ.get("BAHI_MAX_REQUEST_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def max_formula_request_bytes() -> int:
    """The limit for a cell formula's call (its arguments), ``BAHI_MAX_FORMULA_REQUEST_MB``."""
    return int(float(os.environ.get("BAHI_MAX_FORMULA_REQUEST_MB", DEFAULT_MAX_FORMULA_MB)) * 1024 * 1024)


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


class RequestSizeLimit:
    """Answer 413 with a bilingual JSON ``detail`` to any HTTP request whose body exceeds the limit.

    The limit is ``max_formula_bytes`` for a cell formula's call (:func:`is_formula_call`),
    ``max_bytes`` for any other request. Checks ``Content-Length`` up front; a body sent without
    one is read (up to the limit) and replayed.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int | None = None, max_formula_bytes: int | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_request_bytes() if max_bytes is None else max_bytes
        self.max_formula_bytes = (
            max_formula_request_bytes() if max_formula_bytes is None else max_formula_bytes
        )

    async def _reject(self, send: Send, limit: int, *, formula: bool) -> None:
        body = too_large_body(limit, formula=formula)
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
        formula = is_formula_call(scope)
        limit = self.max_formula_bytes if formula else self.max_bytes
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await self._reject(send, limit, formula=formula)
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
            if size > limit:
                await self._reject(send, limit, formula=formula)
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


class FormulaGCPause:
    """Pause Python's cyclic garbage collector while a cell formula's call is read and computed.

    A 100,000-line ``Journal[#All]`` argument is about a million Python objects once its JSON is
    parsed; each cyclic collection meanwhile walks them all (the JSON parse alone took twice as
    long). Reference counting frees memory as usual meanwhile; the few cycles wait for the next
    collection. Overlapping calls are counted, and the collector is restored, as it was, when the
    last one ends (it is process-wide: other requests served meanwhile share the pause).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_formula_call(scope):
            await self.app(scope, receive, send)
            return
        with no_cyclic_gc():
            await self.app(scope, receive, send)


answer_scripts_directly(fastapi_app, settings.app_path)
app = ServerTiming(RequestSizeLimit(FormulaGCPause(main_app)))

__all__ = [
    "DEFAULT_MAX_FORMULA_MB",
    "DEFAULT_MAX_MB",
    "FORMULA_CALL_PATH",
    "FormulaGCPause",
    "RequestSizeLimit",
    "app",
    "is_formula_call",
    "main_app",
    "max_formula_request_bytes",
    "max_request_bytes",
    "too_large_body",
]
