"""Calling a cell formula the way xlwings Server does, without a server.

``call_excel(name, *args)`` builds the body Office.js posts to ``/xlwings/custom-functions-call``
(each argument a 2-D list, empty cells of a range as ``""``; an omitted optional argument
is ``[[None]]``) and runs it through
``xlwings.server.custom_functions_call`` against the ``udfs`` package, as xlwings Server's own
router does. It returns what the server would send back as ``result``: a 2-D list.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
import xlwings as xw
from xlwings.server import custom_functions_call

import udfs


def as_matrix(value: Any) -> list[list[Any]]:
    """A cell argument as Office.js sends it: always 2-D, empty cells of a range as ""."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        return [["" if c is None else c for c in row] for row in value]
    if isinstance(value, list):
        return [["" if c is None else c for c in value]]
    return [[value]]


def request_body(func_name: str, *args: Any) -> dict[str, Any]:
    return {
        "func_name": func_name,
        "args": [as_matrix(a) for a in args],
        "caller_address": "[Bahi.xlsx]Sheet1!B2",
        "culture_info_name": "en-IN",
        "date_format": "dd-mm-yyyy",
        "version": xw.__version__,
        "runtime": "1.4",
        "client": "Office.js",
    }


@pytest.fixture
def call_excel() -> Callable[..., Any]:
    def call(func_name: str, *args: Any) -> Any:
        return asyncio.run(custom_functions_call(request_body(func_name, *args), udfs))

    return call
