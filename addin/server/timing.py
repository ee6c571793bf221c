"""How long the server spent on each request, in the standard ``Server-Timing`` response header.

``Server-Timing: app;dur=412.7`` (milliseconds, from the request reaching the app to the response
starting) lets the browser's network panel — and :mod:`benchmarks.excel_payloads` — tell the
server's own time apart from the network and the client. The header names no workbook data.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADER = b"server-timing"


def server_milliseconds(header: str | None) -> float | None:
    """The ``app`` duration of a ``Server-Timing`` header, in milliseconds.

    >>> server_milliseconds("app;dur=412.7")
    412.7
    >>> server_milliseconds(None) is None, server_milliseconds("db;dur=3") is None
    (True, True)
    """
    for metric in (header or "").split(","):
        name, *params = (p.strip() for p in metric.split(";"))
        if name == "app":
            for param in params:
                key, _, value = param.partition("=")
                if key == "dur":
                    return float(value)
    return None


class ServerTiming:
    """ASGI middleware adding ``Server-Timing: app;dur=<ms>`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed = (time.perf_counter() - started) * 1000
                headers = [*message.get("headers", []), (HEADER, f"app;dur={elapsed:.1f}".encode())]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, timed_send)
