"""What every cell formula shares: reading cell arguments, and failing with a readable message.

Failing: a formula raises :class:`CellError`, a subclass of ``xlwings.XlwingsError``. xlwings
Server answers an ``XlwingsError`` with HTTP 400 and its message (any other exception is a 500
with "An error occurred." in production, retried three times); the Office.js client turns the
400 into ``#VALUE!`` whose error flag tooltip shows the message. In classic desktop xlwings the
generated VBA wrapper writes the error's text into the cell instead. Either way the user reads
what was wrong, and nothing else breaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from xlwings import XlwingsError, arg

from addin.engine.cells import CellValueError, Reason, read_amount, read_date
from addin.engine.issues import Issue

F = TypeVar("F", bound=Callable[..., Any])

SEPARATOR = " — "
"""Between the English and the Hindi of one message."""


class CellError(XlwingsError):
    """A formula's argument is wrong: Excel shows #VALUE! with this message."""


def fail(en: str, hi: str) -> NoReturn:
    """Stop the formula with a message for the user (see the module docstring), in English then in
    Hindi: every formula error is said in both, so both are required.

    >>> fail("account is empty", "खाता खाली है")
    Traceback (most recent call last):
    ...
    udfs._cells.CellError: account is empty — खाता खाली है
    """
    raise CellError(f"{en}{SEPARATOR}{hi}")


def fail_reason(what: str, reason: Reason) -> NoReturn:
    """Stop the formula because argument ``what`` cannot be read: why, in English then in Hindi.

    >>> fail_reason("date", Reason("April has 30 days", "अप्रैल में 30 दिन होते हैं"))
    Traceback (most recent call last):
    ...
    udfs._cells.CellError: date: April has 30 days — date: अप्रैल में 30 दिन होते हैं
    """
    fail(f"{what}: {reason.en}", f"{what}: {reason.hi}")


def fail_issue(issue: Issue) -> NoReturn:
    """Stop the formula with an engine finding: where it is (the sheet's cell, when it has one), then
    what is wrong and how to fix it, in both languages."""
    where = f"{issue.sheet}!{issue.cell}: " if issue.cell else ""
    fail(
        f"{where}{issue.message_en} {issue.fix_en}".strip(),
        f"{where}{issue.message_hi} {issue.fix_hi}".strip(),
    )


def summary(doc: str | None) -> str:
    r"""A docstring's first line: the one-line description Excel shows for a formula.

    >>> summary("Writes an amount in words.\n\n    Args:\n        amount: The amount.\n")
    'Writes an amount in words.'
    """
    return (doc or "").strip().split("\n", 1)[0].strip()


def arg_docs(doc: str | None) -> dict[str, str]:
    r"""Each ``name: text`` line of a docstring's ``Args:`` block, by argument name.

    >>> arg_docs("Sums.\n\n    Args:\n        amount: The amount.\n        as_of: A date.\n")
    {'amount': 'The amount.', 'as_of': 'A date.'}
    """
    found: dict[str, str] = {}
    inside = False
    for line in (doc or "").splitlines():
        stripped = line.strip()
        if stripped == "Args:":
            inside = True
        elif inside and ":" in stripped:
            name, text = stripped.split(":", 1)
            found[name.strip()] = text.strip()
        elif inside and not stripped:
            inside = False
    return found


def with_arg_docs(f: F) -> F:
    """Give Excel a formula's help from its docstring: the first line as the formula's one-line
    description, and each ``name: text`` line under ``Args:`` as that argument's help.

    The docstring stays the one place a formula is documented (and ``help()`` shows all of it).
    xlwings takes a formula's description from its docstring when it first records the function
    (in ``@arg``, ``@func``, whichever comes first; this decorator sits below them, so it is
    first): the docstring is the first line alone while the arguments are recorded, then whole
    again. ``tests/udfs/test_udfs_india.py`` checks the metadata Excel receives, so a change in
    xlwings shows there.
    """
    whole = f.__doc__
    f.__doc__ = summary(whole)
    try:
        for name, text in arg_docs(whole).items():
            f = arg(name, doc=text)(f)
    finally:
        f.__doc__ = whole
    return f


def scalar(value: Any, what: str = "") -> Any:
    """A single cell's value from an argument that may arrive as a 1x1 range (a 2-D list); argument
    ``what`` (its name, for the message) may not be a larger range, nor an empty one.

    >>> scalar([[5]]), scalar(5)
    (5, 5)
    >>> scalar([[]], "amount")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    udfs._cells.CellError: amount: the range is empty: point the argument at one cell — amount: रेंज खाली...
    """
    while isinstance(value, list | tuple) and len(value) == 1:
        value = value[0]
    where = f"{what}: " if what else ""
    if isinstance(value, list | tuple) and all(isinstance(row, list | tuple) and not row for row in value):
        fail(
            f"{where}the range is empty: point the argument at one cell",
            f"{where}रेंज खाली है: तर्क को एक सेल पर रखें",
        )
    if isinstance(value, list | tuple):
        fail(f"{where}expected a single cell, got a range", f"{where}एक ही सेल चाहिए था, पूरी रेंज मिली")
    return value


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_paise(value: Any, what: str = "amount") -> int:
    """An amount cell as integer paise, read by the cell grammar as the Journal reads it
    (:func:`addin.engine.cells.read_amount`), more than two decimals rounded half up to the paisa.

    >>> to_paise("₹ 1,20,000.50"), to_paise(2.675), to_paise("(500)")
    (12000050, 268, -50000)
    >>> to_paise("1,2,3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    udfs._cells.CellError: amount: '1,2,3' is not a grouping of digits: a comma stands after the thousands...
    """
    try:
        return read_amount(scalar(value, what)).paise
    except CellValueError as exc:
        fail_reason(what, exc.reason)


def to_date(value: Any, what: str = "date") -> dt.date:
    """A date cell (an Excel serial, a datetime, or date text), read by the cell grammar as the Journal
    reads it (:func:`addin.engine.cells.read_date`).

    >>> to_date("01-Apr-2025"), to_date(45748.0)
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> to_date("31/04/2025")
    Traceback (most recent call last):
    ...
    udfs._cells.CellError: date: April has 30 days — date: अप्रैल में 30 दिन होते हैं
    """
    try:
        return read_date(scalar(value, what))
    except CellValueError as exc:
        fail_reason(what, exc.reason)


def to_text(value: Any, what: str, default: str) -> str:
    """A text option, or ``default`` when the cell is left out or empty."""
    value = scalar(value, what)
    if is_blank(value):
        return default
    if not isinstance(value, str):
        fail(f"{what} should be text, not {value!r}", f"{what} टेक्स्ट होना चाहिए, {value!r} नहीं")
    return value.strip()


def to_month(value: Any) -> int:
    """A start month 1-12 (4 when left out)."""
    value = scalar(value, "start_month")
    if is_blank(value):
        return 4
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        fail(
            f"start_month should be a whole number from 1 to 12, not {value!r}",
            f"start_month 1 से 12 तक की पूर्ण संख्या होनी चाहिए, {value!r} नहीं",
        )
    if not 1 <= int(value) <= 12:
        fail(
            f"start_month should be from 1 to 12, not {int(value)}",
            f"start_month 1 से 12 तक होना चाहिए, {int(value)} नहीं",
        )
    return int(value)
