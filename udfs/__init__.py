"""Bahi's cell formulas (namespace BAHI): thin ``@func`` wrappers over the engine.

Each function's docstring is the help text Excel shows: its first paragraph describes the formula
and each line of its ``Args:`` block describes one argument. ``from udfs import *`` brings in
exactly the formulas (``__all__``), which is what xlwings Server's ``custom_functions`` module does.
"""

from __future__ import annotations

from udfs.india import amountinwords, fy, gstin_valid, inrformat, pan_valid

__all__ = ["amountinwords", "fy", "gstin_valid", "inrformat", "pan_valid"]
