"""Bahi (बही): Excel as the back-office ledger.

Layers, imports pointing inward only:

- ``addin.engine``  — the Excel-free core (pydantic models, pandas operations). Imports no xlwings.
- ``addin.books``   — the narrow workbook interface and its two adapters (xlwings ``Book``; a file).
- ``addin.macros``  — ribbon macros as short pipelines: read → engine → write.
- ``addin.scripts`` — the ``@script`` bindings of those macros for xlwings (Server and desktop).
- ``addin.cli``     — the ``bahi`` command, which runs the very same macros on a file.
"""

__version__ = "0.1.0"
