"""Bahi's cell formulas (namespace BAHI): thin ``@func`` wrappers over the engine.

Each function's docstring is the help text Excel shows.
"""
