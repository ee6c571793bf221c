"""The texts the ``bahi`` command and the macros say themselves (:class:`addin.messages.Text`): the
Hindi names what the English names."""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Iterator

import pytest

import addin.macros
from addin.messages import Text

MACROS = (m.name for m in pkgutil.iter_modules(addin.macros.__path__, "addin.macros."))
MODULES = ("addin.messages", "addin.cli", *MACROS)


def _texts() -> Iterator[tuple[str, Text]]:
    for module in MODULES:
        for name, value in vars(importlib.import_module(module)).items():
            values = value.items() if isinstance(value, dict) else [(None, value)]
            for key, text in values:
                if isinstance(text, Text):
                    yield f"{module}.{name}" + (f"[{key}]" if key else ""), text


TEXTS = dict(_texts())


def _fields(template: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {n.removesuffix("_hi").split("!")[0] for n in names}


def test_the_texts_are_found() -> None:
    assert "addin.messages.SAVED" in TEXTS
    assert "addin.macros.trade_macros.UNKNOWN_INVOICE" in TEXTS


@pytest.mark.parametrize("where", sorted(TEXTS))
def test_every_texts_hindi_carries_the_placeholders_of_its_english(where: str) -> None:
    text = TEXTS[where]
    assert _fields(text.en) == _fields(text.hi), (text.en, text.hi)
    assert any("\u0900" <= c <= "\u097f" for c in text.hi), text.hi
