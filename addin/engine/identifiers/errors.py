"""Why an identifier is not valid: a small family of ``ValueError`` subclasses (python-stdnum style).

Catch :class:`ValidationError` (or plain ``ValueError``) for any of them; the message says what is
wrong in words a user can act on.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """The text is not a valid identifier."""


class InvalidLength(ValidationError):  # noqa: N818 - python-stdnum's names
    """The identifier has the wrong number of characters."""


class InvalidFormat(ValidationError):  # noqa: N818 - python-stdnum's names
    """A character is of the wrong kind for its position (a letter where a digit belongs, ...)."""


class InvalidComponent(ValidationError):  # noqa: N818 - python-stdnum's names
    """A part of the identifier has a value that is not allowed (an unknown state code, ...)."""


class InvalidChecksum(ValidationError):  # noqa: N818 - python-stdnum's names
    """The check character does not match the rest of the identifier (a typing mistake)."""
