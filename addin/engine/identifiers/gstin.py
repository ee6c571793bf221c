"""GSTIN: the 15-character Goods and Services Tax Identification Number of India.

Layout, by position (1-based):

* 1–2: state code, ``01``–``38`` (:data:`STATES`), or ``97`` (Other Territory) / ``99`` (Centre
  Jurisdiction);
* 3–12: the holder's PAN (see :mod:`addin.engine.identifiers.pan`);
* 13: entity number, ``1``–``9`` then ``A``–``Z``, counting the holder's registrations in that state;
* 14: ``Z`` by default (other letters are used by some special registrations);
* 15: check character, computed from the first fourteen by the GST mod-36 algorithm
  (:func:`calc_check_character`).

The check character catches every single mistyped character, so :func:`validate` tells a typing
slip from a real GSTIN with certainty for one-character errors. Registrations whose positions 3–12
are not a PAN (UN bodies, non-resident OIDAR suppliers, TDS deductors registered by TAN) are not
accepted by this module.

>>> validate("27aapfu0939f1zv")
'27AAPFU0939F1ZV'
>>> state_code("27AAPFU0939F1ZV"), state_name("27AAPFU0939F1ZV")
('27', 'Maharashtra')
>>> is_valid("27AAPFU0939F1ZV"), is_valid("27AAPFU0939F1ZW")
(True, False)
>>> validate("27AAPFU0939F1ZW")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
addin...InvalidChecksum: GSTIN '27AAPFU0939F1ZW': check character is 'W', expected 'V' (a character is...
>>> validate("40AAPFU0939F1ZV")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
addin...InvalidComponent: GSTIN '40AAPFU0939F1ZV': state code '40' is not a GST state code (01-38, ...

What python-stdnum (``stdnum.in_.gstin``) accepts, this module accepts, with the same check
character (computed by ``stdnum.luhn``) and the same PAN rules (:mod:`~addin.engine.identifiers.pan`).
On top of stdnum: the state codes 38 (Ladakh), 97 (Other Territory) and 99 (Centre Jurisdiction),
a 14th character other than Z (special registrations), dots and slashes dropped by
:func:`compact`, and messages that say what is wrong.
"""

from __future__ import annotations

import re

from stdnum import luhn

from addin.engine.identifiers import pan
from addin.engine.identifiers.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

LENGTH = 15
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The base-36 digits of the check algorithm: '0'–'9' are 0–9, 'A'–'Z' are 10–35."""

STATES: dict[str, str] = {
    "01": "Jammu and Kashmir",
    "02": "Himachal Pradesh",
    "03": "Punjab",
    "04": "Chandigarh",
    "05": "Uttarakhand",
    "06": "Haryana",
    "07": "Delhi",
    "08": "Rajasthan",
    "09": "Uttar Pradesh",
    "10": "Bihar",
    "11": "Sikkim",
    "12": "Arunachal Pradesh",
    "13": "Nagaland",
    "14": "Manipur",
    "15": "Mizoram",
    "16": "Tripura",
    "17": "Meghalaya",
    "18": "Assam",
    "19": "West Bengal",
    "20": "Jharkhand",
    "21": "Odisha",
    "22": "Chhattisgarh",
    "23": "Madhya Pradesh",
    "24": "Gujarat",
    "25": "Daman and Diu",
    "26": "Dadra and Nagar Haveli and Daman and Diu",
    "27": "Maharashtra",
    "28": "Andhra Pradesh (before 2014)",
    "29": "Karnataka",
    "30": "Goa",
    "31": "Lakshadweep",
    "32": "Kerala",
    "33": "Tamil Nadu",
    "34": "Puducherry",
    "35": "Andaman and Nicobar Islands",
    "36": "Telangana",
    "37": "Andhra Pradesh",
    "38": "Ladakh",
    "97": "Other Territory",
    "99": "Centre Jurisdiction",
}
"""GST state codes and the state or territory each stands for."""

_SEPARATORS = re.compile(r"[\s\-./]+")


def compact(text: str) -> str:
    """The GSTIN without spaces, hyphens, dots or slashes, in capitals.

    >>> compact("27 AAPFU0939F 1ZV")
    '27AAPFU0939F1ZV'
    """
    return _SEPARATORS.sub("", str(text)).upper()


def calc_check_character(first14: str) -> str:
    """The check character for the first fourteen characters of a GSTIN.

    Each character is read as a base-36 digit and multiplied by a weight, 1 and 2 alternately
    from the left; each product contributes ``product // 36 + product % 36`` to a sum; the check
    digit is ``(36 - sum % 36) % 36``, written in base 36: the Luhn mod 36 algorithm, computed by
    python-stdnum (``stdnum.luhn``).

    >>> calc_check_character("27AAPFU0939F1Z")
    'V'
    """
    return str(luhn.calc_check_digit(first14.upper(), ALPHABET))


def validate(text: str) -> str:
    """The compact GSTIN if it is valid; raises a :class:`ValidationError` saying why not.

    Checks, in this order: length, characters, state code, the embedded PAN, entity number,
    the 14th character and the check character.
    """
    number = compact(text)
    if len(number) != LENGTH:
        raise InvalidLength(
            f"GSTIN {number!r}: has {len(number)} characters, a GSTIN has {LENGTH}",
            f"{len(number)} अक्षर हैं, जीएसटीआईएन में {LENGTH} होते हैं",
        )
    bad = next((c for c in number if c not in ALPHABET), None)
    if bad is not None:
        raise InvalidFormat(
            f"GSTIN {number!r}: character {bad!r} is not a letter A-Z or a digit",
            f"अक्षर {bad!r} A-Z का अक्षर या अंक नहीं है",
        )
    if not number[:2].isdigit():
        raise InvalidFormat(
            f"GSTIN {number!r}: the first two characters should be a state code (digits)",
            "पहले दो अक्षर राज्य कोड (अंक) होने चाहिए",
        )
    if number[:2] not in STATES:
        raise InvalidComponent(
            f"GSTIN {number!r}: state code {number[:2]!r} is not a GST state code (01-38, 97, 99)",
            f"राज्य कोड {number[:2]!r} जीएसटी राज्य कोड (01-38, 97, 99) नहीं है",
        )
    pan.check_structure(
        number[2:12], label=f"GSTIN {number!r}: characters 3-12 (PAN)", part_hi="अक्षर 3-12 (पैन)"
    )
    if number[12] == "0":
        raise InvalidFormat(
            f"GSTIN {number!r}: the 13th character (entity number) cannot be 0",
            "13वाँ अक्षर (इकाई संख्या) 0 नहीं हो सकता",
        )
    if not number[13].isalpha():
        raise InvalidFormat(
            f"GSTIN {number!r}: the 14th character should be a letter ('Z' by default)",
            "14वाँ स्थान एक अक्षर (A-Z) होना चाहिए (सामान्यतः 'Z')",
        )
    expected = calc_check_character(number[:14])
    if number[14] != expected:
        raise InvalidChecksum(
            f"GSTIN {number!r}: check character is {number[14]!r}, expected {expected!r} "
            "(a character is mistyped)",
            f"जाँच अक्षर {number[14]!r} है, अपेक्षित {expected!r} (कोई अक्षर गलत लिखा है)",
        )
    return number


def is_valid(text: object) -> bool:
    """True if ``text`` is a valid GSTIN; never raises (safe in a cell)."""
    if not isinstance(text, str):
        return False
    try:
        validate(text)
    except ValueError:
        return False
    return True


def format(text: str) -> str:
    """The GSTIN as the GST portal and invoices print it: fifteen capitals, no spaces.

    >>> format("27aapfu0939f1zv")
    '27AAPFU0939F1ZV'
    """
    return compact(text)


def state_code(text: str) -> str:
    """The two-digit state code of a valid GSTIN ("27")."""
    return validate(text)[:2]


def state_name(text: str) -> str:
    """The state or territory of a valid GSTIN ("Maharashtra")."""
    return STATES[state_code(text)]


def pan_of(text: str) -> str:
    """The PAN inside a valid GSTIN (characters 3–12)."""
    return validate(text)[2:12]
