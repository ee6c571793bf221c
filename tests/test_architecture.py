"""The engine is Excel-free: importing it loads no xlwings (also enforced by import-linter)."""

from __future__ import annotations

import ast
import pathlib

ENGINE = pathlib.Path(__file__).parent.parent / "addin" / "engine"
FORBIDDEN = ("xlwings", "xlwings_server", "addin.books", "addin.macros", "addin.cli", "addin.server", "udfs")


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_engine_modules_import_no_xlwings_nor_bindings() -> None:
    offenders = {
        str(p.relative_to(ENGINE)): sorted(n for n in _imports(p) if n.startswith(FORBIDDEN))
        for p in ENGINE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
