"""Workbook adapters: the one narrow interface macros use to reach a workbook, and its implementations.

- :mod:`addin.books.base` — the :class:`~addin.books.base.Workbook` protocol, owned-sheet values, errors.
- :mod:`addin.books.file_book` — a workbook file on disk (the ``bahi`` command).
- :mod:`addin.books.xlwings_book` — an xlwings ``Book`` (desktop Excel, or the JSON book of xlwings Server).
"""
