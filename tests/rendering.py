"""Printing owned sheets through LibreOffice, as the rendering tests and the reference renders do.

:func:`only_sheets` copies a book with every other sheet hidden; :func:`print_pdf` has LibreOffice
(headless, with a profile of its own) print what is visible to PDF; :func:`pdf_text` reads it back
with ``pdftotext -layout``, pages apart by form feeds. To look at a page: ``pdftoppm -r 72 -png``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Collection
from pathlib import Path

import pytest


def only_sheets(source: Path, target: Path, shown: Collection[str]) -> Path:
    """A copy of the book at ``source`` with only the sheets ``shown`` visible (a very hidden one
    stays hidden), the first of them active, and no print areas: LibreOffice prints the active sheet
    and any sheet's print area, hidden or not."""

    def hide(tag: re.Match[str]) -> str:
        name = re.search(r'name="([^"]*)"', tag.group(0))
        plain = re.sub(r'\sstate="[^"]*"', "", tag.group(0))
        very_hidden = 'state="veryHidden"' in tag.group(0)
        if name is not None and name.group(1) in shown and not very_hidden:
            return plain
        return plain.replace("<sheet ", '<sheet state="hidden" ', 1)

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                names = re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', text)
                text = re.sub(r"<(?:\w+:)?sheet\b[^>]*>", hide, text)
                text = re.sub(r'<definedName name="_xlnm.Print_Area"[^>]*>[^<]*</definedName>', "", text)
                active = min(names.index(name) for name in names if name in shown)
                data = re.sub(r'activeTab="\d+"', f'activeTab="{active}"', text).encode()
            zout.writestr(info, data)
    return target


def print_pdf(book: Path, folder: Path) -> Path:
    """``book`` printed by LibreOffice into ``folder`` (its PDF beside it, same stem)."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice and poppler-utils are needed (installed by make test: .ci/system-deps)")
    profile = (folder / "profile").as_uri()
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(book)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder / f"{book.stem}.pdf"


def pdf_text(pdf: Path) -> str:
    """The text of ``pdf`` as laid out on its pages, a form feed between pages."""
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout
