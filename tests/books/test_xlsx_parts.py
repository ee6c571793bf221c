"""The zip level: raw copies of untouched parts, streamed new parts, and idempotent style edits."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from addin.books.xlsx_parts import Package, PackageError, ZipWriter
from addin.books.xlsx_styles import MINIMAL_STYLESHEET, CellStyle, Styles


def _source(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/big.xml", b"<row/>" * 100_000)
        z.writestr("xl/stored.bin", b"\x00\x01" * 50, compress_type=zipfile.ZIP_STORED)
        z.writestr("xl/मराठी.xml", "नमस्ते")
    return path


def test_raw_copies_keep_compressed_bytes_and_crc(tmp_path: Path) -> None:
    source = _source(tmp_path / "in.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(source) as z:
        writer = ZipWriter(out)
        for info in z.infolist():
            writer.copy_raw(z, info)
        writer.write_stream("xl/new.xml", [b"<a>", b"b", b"</a>"], level=1)
        writer.close()
        originals = {i.filename: i for i in z.infolist()}
        with zipfile.ZipFile(out) as copy:
            assert copy.testzip() is None
            for info in copy.infolist():
                if info.filename in originals:
                    old = originals[info.filename]
                    assert (info.CRC, info.compress_size, info.compress_type) == (
                        old.CRC, old.compress_size, old.compress_type,
                    )  # fmt: skip
                    assert copy.read(info) == z.read(old)
            assert copy.read("xl/new.xml") == b"<a>b</a>"


def test_a_zip_without_a_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackageError, match="workbook"):
        Package(_source(tmp_path / "in.zip"))


def test_styles_sections_are_created_and_counted() -> None:
    styles = Styles(MINIMAL_STYLESHEET)
    money = styles.cell_style(CellStyle(number_format="#,##0.00"))
    custom = styles.cell_style(CellStyle(number_format="dd-mm-yyyy", bold=True, fill="#FFC7CE"))
    link = styles.cell_style(CellStyle(link=True))
    assert (money, custom, link) == (1, 2, 3)
    assert '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/></numFmts>' in styles.xml
    assert '<cellXfs count="4">' in styles.xml
    assert styles.xml.index("<numFmts") < styles.xml.index("<fonts")
    assert styles.dxf_fill("#FFC7CE") == 0
    assert styles.xml.index("</cellStyles>") < styles.xml.index("<dxfs") < styles.xml.index("</styleSheet>")


def test_a_reopened_stylesheet_reuses_what_an_earlier_run_added() -> None:
    first = Styles(MINIMAL_STYLESHEET)
    index = first.cell_style(CellStyle(bold=True, number_format="0.000"))
    dxf = first.dxf_fill("#FFEB9C")
    again = Styles(first.xml)
    assert again.cell_style(CellStyle(bold=True, number_format="0.000")) == index
    assert again.dxf_fill("#FFEB9C") == dxf
    assert again.xml == first.xml
    assert not again.changed


def test_prefixed_stylesheets_get_prefixed_items() -> None:
    xml = MINIMAL_STYLESHEET.replace("<", "<x:").replace("<x:/", "</x:").replace("<x:?xml", "<?xml")
    xml = xml.replace('xmlns="', 'xmlns:x="')
    styles = Styles(xml)
    assert styles.cell_style(CellStyle(bold=True)) == 1
    assert "<x:font><x:b/>" in styles.xml
    assert "<font" not in styles.xml
