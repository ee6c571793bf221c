"""Bahi's cell formulas (namespace BAHI): thin ``@func`` wrappers over the engine.

Each function's docstring is the help text Excel shows: its first paragraph describes the formula
and each line of its ``Args:`` block describes one argument. ``from udfs import *`` brings in
exactly the formulas (``__all__``), which is what xlwings Server's ``custom_functions`` module does;
classic desktop xlwings imports the same package through ``UDF_MODULES = udfs``.

The namespace is not set here: xlwings Server prefixes every formula with its
``functions_namespace`` setting (environment variable ``XLWINGS_FUNCTIONS_NAMESPACE=BAHI``; in a
non-prod environment the manifest makes it ``BAHI_DEV`` etc.), so ``balance`` is ``=BAHI.BALANCE``.
"""

from __future__ import annotations

from udfs.bank import brs, reconstatus
from udfs.bookkeeping import balance, ledger, trialbalance, validate
from udfs.india import amountinwords, finyear, gstin_valid, inrformat, pan_valid

__all__ = [
    "amountinwords",
    "balance",
    "brs",
    "finyear",
    "gstin_valid",
    "inrformat",
    "ledger",
    "pan_valid",
    "reconstatus",
    "trialbalance",
    "validate",
]
