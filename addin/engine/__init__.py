"""The Excel-free core of Bahi: typed tables in, issues and reports out.

Nothing here imports xlwings or touches a workbook (``tests/test_architecture.py`` enforces it).
Bad data is never raised: loaders and checks return :class:`~addin.engine.issues.Issue` values.
Money is exact: integer paise everywhere (``int`` / ``numpy.int64``), never float sums.
"""
