"""Bahi's own endpoints in place of xlwings-server's for the same paths (registered ahead of them
by :func:`take_over`).

- ``POST /xlwings/custom-functions-call`` and ``POST /xlwings/custom-scripts-call/{script}``: the
  caller is authenticated *first* (xlwings-server's ``User`` dependency: headers only), and only
  then is the body read, as bytes; parsing, checking and running happen in
  :mod:`addin.server.calls`, in a worker process (:mod:`addin.server.workers`) or, for a small
  formula, a thread of this one. A script call may bring a big sheet uploaded in blocks: its
  ``Bahi-Upload`` header names the upload, which is taken here for its sender only
  (:mod:`addin.server.uploads`).
- ``GET /manifest.xml`` (and ``/manifest``, ``/manifest/download``): the add-in manifest as XML,
  its URLs from configuration (``BAHI_PUBLIC_URL``, see :mod:`addin.server.serve`), never from the
  request's ``Host`` header, which any client can set.

The request bodies are described in the OpenAPI schema (``openapi_extra``) for schemathesis.
"""

from __future__ import annotations

import os
import re
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.routing import APIRoute
from xlwings_server import dependencies as dep
from xlwings_server.config import settings
from xlwings_server.templates import env as jinja

from addin.server import calls, ribbon, uploads
from addin.server.answers import as_response
from addin.server.workers import INLINE_FORMULA_BYTES, WORKERS

DEFAULT_PUBLIC_URL = "https://localhost:8000"
XML = "application/xml; charset=utf-8"

router = APIRouter(prefix=settings.app_path)


def user_fields(user: Any) -> dict[str, Any]:
    """The signed-in user as plain values (what a worker process gets)."""
    return dict(user.model_dump())


def sender(request: Request, user: Any) -> str:
    """Who sent this: the signed-in user and the connection's own address."""
    return uploads.sender_key(user.id, request.client.host if request.client else None)


# -- cell formulas and scripts -------------------------------------------------------------------------


def json_body(required: tuple[str, ...] = (), **properties: str) -> dict[str, Any]:
    """An endpoint's JSON body as the OpenAPI schema describes it (``openapi_extra``): an object
    with these properties, each ``name="type"`` (``"array of object"`` for a list of objects).

    >>> json_body(args="array")["requestBody"]["content"]["application/json"]["schema"]
    {'type': 'object', 'properties': {'args': {'type': 'array'}}}
    """

    def typed(kind: str) -> dict[str, Any]:
        outer, _, inner = kind.partition(" of ")
        return {"type": outer, "items": {"type": inner}} if inner else {"type": outer}

    schema: dict[str, Any] = {"type": "object", "properties": {k: typed(v) for k, v in properties.items()}}
    if required:
        schema["required"] = list(required)
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


FORMULA_BODY = json_body(
    func_name="string",
    args="array",
    caller_address="string",
    culture_info_name="string",
    date_format="string",
    version="string",
    runtime="string",
    client="string",
)
SCRIPT_BODY = json_body(
    client="string", version="string", book="object", names="array", sheets="array of object", args="array"
)


@router.post("/xlwings/custom-functions-call", openapi_extra=FORMULA_BODY)
async def formula_call(request: Request, user: dep.User) -> Response:
    """One ``=BAHI.*`` cell formula: a small one right here on the event loop (a millisecond or
    two: no hop is cheaper), a big one in a worker process."""
    body = await request.body()
    if len(body) <= INLINE_FORMULA_BYTES and WORKERS.count:
        return as_response(await calls.formula_answer(body, user_fields(user)))
    return as_response(await WORKERS.run(calls.formula_call, body, user_fields(user)))


@router.post("/xlwings/custom-scripts-call/{script_name}", openapi_extra=SCRIPT_BODY)
async def script_call(script_name: str, request: Request, user: dep.User) -> Response:
    """One ribbon or task pane script, in a worker process."""
    body = await request.body()
    handed: dict[str, uploads.Received] = {}
    upload_id = request.headers.get(uploads.HEADER, "")
    if uploads.is_upload_id(upload_id):
        received = uploads.STORE.take(upload_id, sender(request, user))
        if received is not None:
            handed[upload_id] = received
    return as_response(await WORKERS.run(calls.script_call, script_name, body, user_fields(user), handed))


# -- the manifest ---------------------------------------------------------------------------------------


def public_url() -> str:
    """Where Excel reaches this server (``BAHI_PUBLIC_URL``, without a trailing slash).

    >>> os.environ["BAHI_PUBLIC_URL"] = "https://bahi.office.lan:8443/"
    >>> public_url()
    'https://bahi.office.lan:8443'
    >>> del os.environ["BAHI_PUBLIC_URL"]
    """
    return os.environ.get("BAHI_PUBLIC_URL", DEFAULT_PUBLIC_URL).strip().rstrip("/")


MANIFEST_IDS = {
    "dev": settings.manifest_id_dev,
    "qa": settings.manifest_id_qa,
    "uat": settings.manifest_id_uat,
    "staging": settings.manifest_id_staging,
    "prod": settings.manifest_id_prod,
}


def manifest_xml(base_url: str | None = None) -> str:
    """The add-in manifest for ``base_url`` (default: :func:`public_url`)."""
    base = (base_url or public_url()).rstrip("/")
    return str(
        jinja.get_template("manifest.xml").render(
            settings=settings,
            base_url=base,
            base_url_with_app_path=f"{base}{settings.app_path}",
            manifest_id=MANIFEST_IDS[settings.environment],
            ribbon=ribbon.RIBBON,
            buttons=ribbon.buttons(),
            labels=ribbon.labels(),
            tooltips=ribbon.tooltips(),
        )
    )


@router.get("/manifest")
@router.get("/manifest.xml")
async def manifest() -> Response:
    return Response(manifest_xml(), media_type=XML)


@router.get("/manifest/download")
async def manifest_download() -> Response:
    name = re.sub(r"[^a-z0-9]+", "-", settings.project_name.lower()).strip("-") or "bahi"
    return Response(
        manifest_xml(),
        media_type=XML,
        headers={"Content-Disposition": f'attachment; filename="{name}-{settings.environment}.xml"'},
    )


def take_over(app: FastAPI) -> None:
    """Put this module's routes ahead of every other (the first route to match a request wins),
    take xlwings-server's routes for the same paths and methods out of the OpenAPI schema (they
    are never reached), and give the task pane's template the ribbon's button table (ribbon.js)."""
    from xlwings_server.routers.manifest import router as their_manifest  # noqa: PLC0415
    from xlwings_server.routers.xlwings import router as their_calls  # noqa: PLC0415

    ours = {
        (route.path, m) for route in router.routes if isinstance(route, APIRoute) for m in route.methods or ()
    }
    for route in [*their_calls.routes, *their_manifest.routes]:
        if isinstance(route, APIRoute) and any((route.path, m) in ours for m in route.methods or ()):
            route.include_in_schema = False
    app.router.routes[:0] = list(router.routes)
    jinja.globals["bahi_button_scripts"] = ribbon.button_scripts()
