"""A script's answer sent as JSON straight away, not walked by FastAPI's ``jsonable_encoder`` first.

xlwings-server's ``POST /xlwings/custom-scripts-call/{script}`` returns ``book.json()`` (the queued
actions) as a plain dict, so FastAPI runs ``jsonable_encoder`` over every value of every action
before encoding: for Reconcile at 100,000 lines (1.8 MB of actions) that walk was 0.2–0.5 s, a
third of the server's time. :func:`answer_scripts_directly` registers, ahead of it, a route
with that route's own endpoint — the same dependencies (book, args, user), the same script
call — wrapped to encode its result with
:func:`json.dumps` (anything ``json`` cannot encode still goes through ``jsonable_encoder``), with
the cyclic garbage collector paused. The response body is the same JSON.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Response
from fastapi.encoders import jsonable_encoder
from fastapi.routing import APIRoute

from addin.engine.gc_pause import no_cyclic_gc

SCRIPT_CALL_PATH = "/xlwings/custom-scripts-call/{script_name}"


def json_response(content: Any) -> Response:
    """``content`` as an ``application/json`` response, encoded as Starlette's JSONResponse does."""
    with no_cyclic_gc():
        body = json.dumps(
            content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=jsonable_encoder
        ).encode("utf-8")
    return Response(body, media_type="application/json")


def answered_directly(endpoint: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Response]]:
    """``endpoint`` with its result sent by :func:`json_response` (its signature, hence its
    dependencies, unchanged: FastAPI reads it through ``__wrapped__``)."""

    @functools.wraps(endpoint)
    async def answer(*args: Any, **kwargs: Any) -> Response:
        result = await endpoint(*args, **kwargs)
        return result if isinstance(result, Response) else json_response(result)

    return answer


def answer_scripts_directly(app: FastAPI, app_path: str = "") -> None:
    """Register, ahead of xlwings-server's routes, the script-call route with xlwings-server's
    own endpoint answered directly (:func:`answered_directly`)."""
    from xlwings_server.routers.xlwings import custom_scripts_call  # noqa: PLC0415

    route = APIRoute(
        f"{app_path}{SCRIPT_CALL_PATH}",
        answered_directly(custom_scripts_call),
        methods=["POST"],
        name="bahi_custom_scripts_call",
    )
    app.router.routes.insert(0, route)
