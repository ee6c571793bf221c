"""Why an identifier is not valid: python-stdnum's exceptions, with a message a user can act on.

Each class is also the python-stdnum class of the same name (``stdnum.exceptions``), so code that
catches stdnum's errors catches ours. Catch :class:`ValidationError` (or plain ``ValueError``) for
any of them.

>>> import stdnum.exceptions
>>> issubclass(InvalidChecksum, stdnum.exceptions.InvalidChecksum), issubclass(InvalidLength, ValueError)
(True, True)
"""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors


class ValidationError(stdnum_errors.ValidationError):
    """The text is not a valid identifier; ``hi`` says why in Hindi, as the English message does
    after its first colon (which character, what was expected)."""

    def __init__(self, message: str = "", hi: str = "") -> None:
        super().__init__(message)
        self.hi = hi


class InvalidLength(ValidationError, stdnum_errors.InvalidLength):  # noqa: N818 - python-stdnum's names
    """The identifier has the wrong number of characters."""


class InvalidFormat(ValidationError, stdnum_errors.InvalidFormat):  # noqa: N818 - python-stdnum's names
    """A character is of the wrong kind for its position (a letter where a digit belongs, ...)."""


class InvalidComponent(ValidationError, stdnum_errors.InvalidComponent):  # noqa: N818 - python-stdnum's names
    """A part of the identifier has a value that is not allowed (an unknown state code, ...)."""


class InvalidChecksum(ValidationError, stdnum_errors.InvalidChecksum):  # noqa: N818 - python-stdnum's names
    """The check character does not match the rest of the identifier (a typing mistake)."""
