"""A cell formula's call and a ribbon script's call, from the request's bytes to the answer's bytes.

These run where :mod:`addin.server.workers` puts them — one of Bahi's worker processes, or a thread
of the server's own — and take and give only bytes and plain values, so that nothing of the
workbook is pickled on the way. Everything a request can carry gets an answer: a body that is not
JSON (a byte-order mark, another encoding, cut short), a body of the wrong shape, an unknown
formula or script, arguments that are null, a number too large to compute: a 4xx with a bilingual
message (for a formula, HTTP 400 with the text, which Excel shows as ``#VALUE!``), never a 500.
A failure of Bahi's own is logged with its traceback and answered the same way.

The JSON book's workbook payload is checked by :func:`addin.server.payload.check_book_payload`
before xlwings builds a Book from it.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import inspect
import logging
import threading
from collections.abc import Coroutine, Mapping
from types import ModuleType
from typing import Any, TypeVar

import xlwings as xw
import xlwings.server
from pydantic_core import from_json
from xlwings import XlwingsError

from addin.engine.cells import cell_text
from addin.engine.gc_pause import no_cyclic_gc
from addin.server.answers import Refused, Reply, bilingual, formula_error, ok, refusal
from addin.server.payload import check_book_payload
from addin.server.uploads import Received, handed_over

logger = logging.getLogger(__name__)

T = TypeVar("T")
_loops = threading.local()


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run one of xlwings' coroutines to its end on this thread's own event loop."""
    loop = getattr(_loops, "loop", None)
    if loop is None:
        loop = _loops.loop = asyncio.new_event_loop()
    return loop.run_until_complete(coroutine)


def project_module(name: str) -> ModuleType:
    """``custom_functions`` or ``custom_scripts``: the modules xlwings-server serves, from Bahi's
    project directory (:mod:`addin.server.serve` puts it on ``sys.path``)."""
    from xlwings_server.config import PROJECT_DIR  # noqa: PLC0415, F401 - puts the project on sys.path

    return importlib.import_module(name)


@functools.cache
def formulas() -> dict[str, Any]:
    """The cell formulas by their Python name (what a call's ``func_name`` says): what
    ``custom_functions`` brings in from :mod:`udfs` (its ``__all__``)."""
    module = project_module("custom_functions")
    import udfs  # noqa: PLC0415

    return {name: getattr(module, name) for name in udfs.__all__ if hasattr(module, name)}


@functools.cache
def scripts() -> dict[str, Any]:
    """The ribbon and task pane scripts by name (:data:`addin.scripts.SCRIPTS`)."""
    from addin.scripts import SCRIPTS  # noqa: PLC0415

    return {f.__name__: f for f in SCRIPTS}


def office_user(fields: Mapping[str, Any]) -> str:
    """Who the Audit Log names for a ribbon run: the signed-in user's name (else e-mail, else id);
    "" for xlwings-server's stand-in when no sign-in is set up (id "n/a", "Anonymous").

    >>> office_user({"id": "8f2c", "name": "Asha Rao", "email": "asha@example.in"})
    'Asha Rao'
    >>> office_user({"id": "n/a", "name": "Anonymous"})
    ''
    """
    if str(fields.get("id") or "n/a") == "n/a":
        return ""
    return str(fields.get("name") or fields.get("email") or fields.get("id"))


def signed_in(fields: Mapping[str, Any]) -> tuple[type, Any]:
    """xlwings-server's ``CurrentUser`` type and the signed-in user as one (what xlwings injects
    into a formula or script annotated with it)."""
    from xlwings_server.models import CurrentUser  # noqa: PLC0415

    return CurrentUser, CurrentUser(**fields)


def parsed_json(body: bytes, *, formula: bool) -> Any:
    """The body as JSON (UTF-8, no byte-order mark); :class:`Refused` (400) for anything else.

    pydantic-core's parser: about twice as fast as :func:`json.loads` on a 100,000-line
    ``Journal[#All]``, and it makes each repeated short text (an account, a narration) one object.
    """
    try:
        return from_json(body)
    except ValueError as exc:
        where = "this formula's request" if formula else "the workbook data"
        where_hi = "इस सूत्र का अनुरोध" if formula else "कार्यपुस्तिका डेटा"
        raise Refused(
            400,
            f"{where} could not be read: not JSON in UTF-8 ({exc}). Reload the add-in and try again",
            f"{where_hi} पढ़ा नहीं जा सका: UTF-8 में JSON नहीं ({exc})। ऐड-इन फिर से लोड करें और दोबारा प्रयास करें",
        ) from exc


def _formula_data(body: bytes) -> dict[str, Any]:
    data = parsed_json(body, formula=True)
    if not isinstance(data, dict):
        raise Refused(400, "a formula call is a JSON object", "सूत्र अनुरोध एक JSON ऑब्जेक्ट होता है")
    name = data.get("func_name")
    if not isinstance(name, str):
        raise Refused(
            400, "a formula call names its formula in 'func_name'", "सूत्र अनुरोध 'func_name' में सूत्र का नाम देता है"
        )
    if name not in formulas():
        raise Refused(
            400,
            f"there is no Bahi formula {name!r}; reload the add-in",
            f"{name!r} नाम का कोई बही सूत्र नहीं है; ऐड-इन फिर से लोड करें",
        )
    args = data.get("args")
    if not isinstance(args, list):
        raise Refused(400, "a formula call's 'args' must be a list", "सूत्र अनुरोध का 'args' एक सूची हो")
    parameters = list(inspect.signature(formulas()[name]).parameters.values())
    if len(args) > len(parameters) and all(p.kind is not p.VAR_POSITIONAL for p in parameters):
        raise Refused(
            400,
            f"BAHI.{name.upper()} takes at most {len(parameters)} arguments, not {len(args)}",
            f"BAHI.{name.upper()} अधिकतम {len(parameters)} तर्क लेता है, {len(args)} नहीं",
        )
    _check_arguments(name, parameters, args)
    data.setdefault("client", "Office.js")
    data.setdefault("version", xw.__version__)
    return data


def _check_arguments(name: str, parameters: list[inspect.Parameter], args: list[Any]) -> None:
    """:class:`Refused` (400), naming the argument, for a required argument left out and for an
    empty range (``[]`` or ``[[]]``: Excel always sends at least one cell)."""
    formula = f"BAHI.{name.upper()}"
    required = [p.name for p in parameters if p.default is p.empty and p.kind is not p.VAR_POSITIONAL]
    missing = required[len(args) :]
    if missing:
        shown = ", ".join(required)
        raise Refused(
            400,
            f"{formula} needs its argument{'s' if len(missing) > 1 else ''} {', '.join(missing)}: add "
            f"{'them' if len(missing) > 1 else 'it'} to the formula, as in "
            f"={formula}({shown}, ...)",
            f"{formula} को तर्क {', '.join(missing)} चाहिए: सूत्र में जोड़ें, जैसे ={formula}({shown}, ...)",
        )
    for at, value in enumerate(args):
        if isinstance(value, list) and all(isinstance(row, list) and not row for row in value):
            what = parameters[at].name if at < len(parameters) else f"argument {at + 1}"
            raise Refused(
                400,
                f"{formula}: {what} is an empty range: select at least one cell for it",
                f"{formula}: {what} खाली रेंज है: इसके लिए कम से कम एक सेल चुनें",
            )


async def formula_answer(body: bytes, user: Mapping[str, Any]) -> Reply:
    """``POST /xlwings/custom-functions-call``: run one cell formula, answer ``{"result": ...}``.

    A coroutine, so that a small formula runs on the server's event loop itself (a thread would
    cost it more than the formula); :func:`formula_call` runs it to the end anywhere else."""
    try:
        data = _formula_data(body)
    except Refused as refused:
        return formula_error(refused.detail)
    name = data["func_name"]
    try:
        kind, caller = signed_in(user)
        result = await xlwings.server.custom_functions_call(
            data, project_module("custom_functions"), caller, typehint_to_value={kind: caller}
        )
    except XlwingsError as exc:
        return formula_error(str(exc))
    except ArithmeticError:  # Decimal's InvalidOperation, OverflowError, ...
        logger.warning("BAHI.%s: a number out of range", name.upper(), exc_info=True)
        return formula_error(
            bilingual(
                f"a number in BAHI.{name.upper()}'s arguments is out of range: check its amounts and "
                "dates (an amount is below 10^15 rupees, a date up to 31/12/9999)",
                f"BAHI.{name.upper()} के तर्कों में कोई संख्या सीमा से बाहर है: इसकी राशियाँ और तिथियाँ जाँचें "
                "(राशि 10^15 रुपये से कम, तिथि 31/12/9999 तक)",
            )
        )
    except Exception:  # Bahi's own failure: the log has the traceback, the cell a message a user reads
        logger.exception("BAHI.%s failed", name.upper())
        return formula_error(
            bilingual(
                f"BAHI.{name.upper()} could not compute this (an internal error; the server's log has the "
                "details). Check each argument against the formula's help, then reload the add-in",
                f"BAHI.{name.upper()} यह गणना नहीं कर सका (आंतरिक त्रुटि; विवरण सर्वर के लॉग में है)। हर तर्क "
                "सूत्र की सहायता से मिलाएँ, फिर ऐड-इन फिर से लोड करें",
            )
        )
    if isinstance(result, xw.CustomFunctionResult):
        result = result.value
    try:
        return ok({"result": result})
    except ValueError:  # NaN or infinity: JSON cannot write them
        return formula_error(
            bilingual(
                f"BAHI.{name.upper()} gave a number that is not finite",
                f"BAHI.{name.upper()} का परिणाम सीमित संख्या नहीं है",
            )
        )


def formula_call(body: bytes, user: Mapping[str, Any]) -> Reply:
    """:func:`formula_answer` run to its end in a worker process (or a thread)."""
    with no_cyclic_gc():  # in a worker process only; does nothing in the server's own
        return _run(formula_answer(body, user))


def script_call(name: str, body: bytes, user: Mapping[str, Any], uploads: Mapping[str, Received]) -> Reply:
    """``POST /xlwings/custom-scripts-call/{name}``: run one ribbon script over the workbook data
    in ``body`` (with the sheets ``uploads`` bring), answer its queued actions ``{"actions": [...]}``.
    """
    with no_cyclic_gc():  # in a worker process only; does nothing in the server's own
        if name not in scripts():
            return refusal(404, f"there is no Bahi script {name!r}", f"{name!r} नाम की कोई बही स्क्रिप्ट नहीं है")
        try:
            data = check_book_payload(parsed_json(body, formula=False))
        except Refused as refused:
            return refused.reply()
        args = data.pop("args", None)
        if args is None:
            args = []
        if not isinstance(args, list):
            return refusal(400, "a script's 'args' must be a list", "स्क्रिप्ट का 'args' एक सूची हो")
        if not all(arg is None or isinstance(arg, str | int | float) for arg in args):
            return refusal(
                400,
                "a script's arguments are text or numbers (an account, a month, a run)",
                "स्क्रिप्ट के तर्क टेक्स्ट या संख्या होते हैं (खाता, माह, रन)",
            )
        args = [cell_text(arg) for arg in args]  # Excel sends a number for 1120 or 202506: its text
        try:
            book = xw.Book(json=data)
        except Exception as exc:
            logger.warning("Bahi script %s: the workbook data could not be read: %r", name, exc)
            return refusal(
                400,
                "the workbook data could not be read: reload the add-in and press the button again",
                "कार्यपुस्तिका डेटा पढ़ा नहीं जा सका: ऐड-इन दोबारा लोड करें और बटन फिर दबाएँ",
            )
        from addin.macros.audit import signed_in_as  # noqa: PLC0415 (macros load on first click)

        try:
            kind, caller = signed_in(user)
            with handed_over(uploads), signed_in_as(office_user(user)):
                done = _run(
                    xlwings.server.custom_scripts_call(
                        project_module("custom_scripts"),
                        name,
                        caller,
                        typehint_to_value={kind: caller, xw.Book: book},
                        args=args,
                    )
                )
            return ok(done.json())
        except XlwingsError as exc:
            return refusal(400, str(exc), f"स्क्रिप्ट के तर्क सही नहीं हैं: {exc}")
        except Exception:
            logger.exception("Bahi script %s failed", name)
            return refusal(
                400,
                f"{name} could not run on this workbook data (an internal error; the server's log has the "
                "details). Reload the add-in and press the button again",
                f"{name} इस कार्यपुस्तिका डेटा पर नहीं चल सका (आंतरिक त्रुटि; विवरण सर्वर के लॉग में है)। ऐड-इन "
                "फिर से लोड करें और बटन फिर दबाएँ",
            )
        finally:
            book.close()
