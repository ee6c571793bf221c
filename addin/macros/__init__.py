"""The bindings layer: macros that read a workbook, call the engine, and write owned sheets.

Unlike ``addin.engine``, code here may know about workbooks (``addin.books``) and xlwings.
"""
