"""Bahi's workbook templates: the general-ledger template and the demo book, and their builder.

The committed ``general-ledger.xlsx`` and ``demo-general-ledger.xlsx`` are rebuilt by
``python -m workbook_templates.build``; see :mod:`workbook_templates.build`.
"""
