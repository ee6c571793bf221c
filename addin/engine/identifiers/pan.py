"""PAN: the Permanent Account Number issued by the Income Tax Department of India.

A PAN has ten characters, ``AAAAA9999A``: five letters, four digits, one letter. The fourth
letter tells the kind of holder (P for an individual, C for a company, ...: :data:`HOLDER_TYPES`);
the fifth is the first letter of the holder's surname or name.

**There is no published checksum.** The last letter is widely called a check letter, but the
Income Tax Department has never published how it is computed, so this module can only validate
the *structure* (the pattern and the holder type). A PAN that passes :func:`validate` may still
not exist; only the department's own verification service can tell. (A GSTIN, which embeds a PAN,
does carry a published check character: see :mod:`addin.engine.identifiers.gstin`.)

>>> validate("aapfu 0939 f")
'AAPFU0939F'
>>> holder_type("AAPFU0939F")
'Firm / LLP'
>>> is_valid("AAPFU0939F"), is_valid("AAPXU0939F")
(True, False)
>>> validate("AAPXU0939F")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
addin...InvalidComponent: PAN 'AAPXU0939F': 4th character 'X' is not a holder type (expected one of P, C, ...
>>> validate("AAPFU0939")
Traceback (most recent call last):
...
addin.engine.identifiers.errors.InvalidLength: PAN 'AAPFU0939': has 9 characters, a PAN has 10
>>> validate("AAPFU0000F")
Traceback (most recent call last):
...
addin.engine.identifiers.errors.InvalidComponent: PAN 'AAPFU0000F': the serial number (characters 6-9) \
runs from 0001, it cannot be 0000

The rules are python-stdnum's (``stdnum.in_.pan``): a PAN is valid here exactly when stdnum says
so; this module adds the messages that say why not, the holder types' names and the wider
:func:`compact` (dots and slashes too).
"""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.in_ import pan as stdnum_pan

from addin.engine.identifiers.errors import InvalidComponent, InvalidFormat, InvalidLength

LENGTH = 10

HOLDER_TYPES: dict[str, str] = {
    "P": "Individual",
    "C": "Company",
    "H": "Hindu Undivided Family (HUF)",
    "F": "Firm / LLP",
    "A": "Association of Persons (AOP)",
    "T": "Trust",
    "B": "Body of Individuals (BOI)",
    "L": "Local Authority",
    "J": "Artificial Juridical Person",
    "G": "Government",
    "K": "Krish (Trust Krish)",
}
"""The 4th character of a PAN and the kind of holder it stands for (python-stdnum's letters)."""

_SEPARATORS = re.compile(r"[\s\-./]+")
_PATTERN = re.compile(r"[A-Z]{5}[0-9]{4}[A-Z]")
_KINDS = "LLLLLDDDDL"  # L: letter, D: digit, by position


def compact(text: str) -> str:
    """The PAN without spaces, hyphens, dots or slashes, in capitals.

    >>> compact(" aapfu-0939-f ")
    'AAPFU0939F'
    """
    return _SEPARATORS.sub("", str(text)).upper()


def check_structure(number: str, label: str = "PAN", part_hi: str = "") -> None:
    """Raise if ``number`` (already compact) is not of the form AAAAA9999A with a known holder type and a
    serial number from 0001 (python-stdnum's checks, with a message saying which failed, in English
    and Hindi). ``part_hi`` names in Hindi the part of another identifier that ``number`` is."""
    within = f"{part_hi} {number!r}: " if part_hi else ""
    if len(number) != LENGTH:
        raise InvalidLength(
            f"{label} {number!r}: has {len(number)} characters, a PAN has {LENGTH}",
            f"{within}{len(number)} अक्षर हैं, पैन में {LENGTH} होते हैं",
        )
    if not _PATTERN.fullmatch(number):
        for position, (char, kind) in enumerate(zip(number, _KINDS, strict=True), start=1):
            if kind == "L" and not ("A" <= char <= "Z"):
                raise InvalidFormat(
                    f"{label} {number!r}: character {position} {char!r} should be a letter",
                    f"{within}अक्षर {position} {char!r} A-Z का अक्षर होना चाहिए",
                )
            if kind == "D" and not ("0" <= char <= "9"):
                raise InvalidFormat(
                    f"{label} {number!r}: character {position} {char!r} should be a digit",
                    f"{within}अक्षर {position} {char!r} अंक होना चाहिए",
                )
    try:
        stdnum_pan.validate(number)
    except stdnum_errors.ValidationError:
        if number[5:9] == "0000":
            raise InvalidComponent(
                f"{label} {number!r}: the serial number (characters 6-9) runs from 0001, it cannot be 0000",
                f"{within}क्रम संख्या (अक्षर 6-9) 0001 से शुरू होती है, 0000 नहीं हो सकती",
            ) from None
        raise InvalidComponent(
            f"{label} {number!r}: 4th character {number[3]!r} is not a holder type "
            f"(expected one of {', '.join(HOLDER_TYPES)})",
            f"{within}चौथा अक्षर {number[3]!r} धारक प्रकार नहीं है (इनमें से एक होना चाहिए: "
            f"{', '.join(HOLDER_TYPES)})",
        ) from None


def validate(text: str) -> str:
    """The compact PAN if its structure is valid; raises a :class:`ValidationError` saying why not.

    Checks the pattern AAAAA9999A and the holder type (4th character). See the module docstring:
    PAN has no published checksum.
    """
    number = compact(text)
    check_structure(number)
    return number


def is_valid(text: object) -> bool:
    """True if ``text`` is a structurally valid PAN; never raises (safe in a cell)."""
    if not isinstance(text, str):
        return False
    try:
        validate(text)
    except ValueError:
        return False
    return True


def format(text: str) -> str:
    """The PAN as it is printed on the card and in returns: ten capitals, no spaces.

    >>> format("aapfu 0939f")
    'AAPFU0939F'
    """
    return compact(text)


def holder_type(text: str) -> str:
    """The kind of holder a valid PAN belongs to ("Individual", "Company", ...)."""
    return HOLDER_TYPES[validate(text)[3]]
