"""The ``custom`` auth provider of xlwings-server: one shared token for a small office.

Switched on by :mod:`addin.server.serve` when ``BAHI_TOKEN`` is set (it sets
``XLWINGS_AUTH_PROVIDERS=["custom"]``). The task pane stores the token in the browser's
localStorage and ``static/js/auth.js`` sends it as ``Authorization: Bearer <token>`` with every
script and formula call; xlwings-server calls :func:`validate_token` for each. The manifest, the
task pane and static files stay public (Excel fetches them without headers). Offices with
Microsoft 365 use the ``entraid`` provider instead (see the README, "Use in Excel").
"""

from __future__ import annotations

import os
import secrets

from fastapi import HTTPException, status
from xlwings_server.models import User

BEARER = "bearer "


def expected_token() -> str:
    return os.environ.get("BAHI_TOKEN", "")


async def validate_token(token_string: str) -> User:
    """The office user when ``token_string`` is ``Bearer <BAHI_TOKEN>`` (or the bare token)."""
    expected = expected_token()
    token = token_string.strip()
    if token.casefold().startswith(BEARER):
        token = token[len(BEARER) :].strip()
    if expected and secrets.compare_digest(token.encode(), expected.encode()):
        return User(id="bahi-office", name="Bahi office user", roles=["bahi"])
    raise HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=(
            "Bahi: wrong or missing access token. Open the Bahi task pane and enter the office token. / "
            "बही: गलत या अनुपस्थित एक्सेस टोकन। बही टास्क पेन खोलें और ऑफ़िस टोकन डालें।"
        ),
    )
