"""Sheet XML: streaming scans, owned-sheet parts in schema order, highlight edits of a sheet's tail."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.books.base import OwnedSheet
from addin.books.xlsx_sheet_xml import (
    HIGHLIGHT_MARKER,
    ColumnEditor,
    ColumnValues,
    OccupiedCellError,
    clean_text,
    highlight_block,
    owned_sheet_xml,
    replace_highlights,
    replace_tail,
    scan_sheet,
    sqref,
)
from addin.engine.cells import UNCALCULATED

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

SHEET = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
    + b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>3</v></c></row>' % (r, r, r, r)
        for r in range(1, 40)
    )
    + b'<row r="40"><c r="D40" s="2" t="e"><f>VLOOKUP(1,A:A,2,0)</f><v>#N/A</v></c>'
    b'<c t="e" r="E40"><v>#REF!</v></c></row>'
    b'</sheetData><mergeCells count="1"><mergeCell ref="B5:C5"/></mergeCells>'
    b'<pageMargins left="0.7"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>'
)


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({0, *(c % (len(data) + 1) for c in cuts), len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=12))
def test_scan_finds_errors_and_tail_however_the_stream_is_chunked(cuts: list[int]) -> None:
    scan = scan_sheet(_split(SHEET, cuts))
    assert scan.errors == {(40, 4): "#N/A", (40, 5): "#REF!"}
    assert scan.merged == ["B5:C5"]
    assert SHEET[: scan.tail_offset].endswith(b"</sheetData>")
    assert scan.tail == SHEET[scan.tail_offset :]
    assert scan.size == len(SHEET)


def test_scan_of_an_empty_sheet_keeps_its_tail() -> None:
    xml = b'<worksheet><sheetData/><pageMargins left="0.7"/></worksheet>'
    scan = scan_sheet([xml])
    assert scan.tail == b'<pageMargins left="0.7"/></worksheet>'
    assert not scan.errors


def test_replace_tail_keeps_every_byte_before_the_tail() -> None:
    scan = scan_sheet(_split(SHEET, [100, 200, 2000]))
    out = b"".join(replace_tail(_split(SHEET, [7, 1500]), scan.tail_offset, b"<new/></worksheet>"))
    assert out == SHEET[: scan.tail_offset] + b"<new/></worksheet>"


def test_highlights_go_after_merges_and_user_formats_and_before_validations() -> None:
    user = '<conditionalFormatting sqref="A1"><cfRule type="cellIs" priority="1"/></conditionalFormatting>'
    rest = '<dataValidations count="0"/><hyperlinks/><pageMargins/></worksheet>'
    tail = f'<mergeCells count="1"/>{user}{rest}'
    block = highlight_block(["C12"], 0, 2)
    once = replace_highlights(tail, [block])
    assert once == f'<mergeCells count="1"/>{user}{block}{rest}'
    assert replace_highlights(once, [block]) == once  # a rerun replaces, never stacks
    assert replace_highlights(once, []) == tail


def test_highlights_saved_back_by_excel_with_escaped_quotes_are_still_recognised() -> None:
    excel = (
        '<conditionalFormatting sqref="C1"><cfRule type="expression" dxfId="3" priority="9">'
        "<formula>&quot;bahi&quot;=&quot;bahi&quot;</formula></cfRule></conditionalFormatting>"
    )
    assert replace_highlights(f"{excel}<pageMargins/></worksheet>", []) == "<pageMargins/></worksheet>"


def test_highlights_in_a_tail_with_only_the_end_tag() -> None:
    assert replace_highlights("</worksheet>", ["<conditionalFormatting/>"]) == (
        "<conditionalFormatting/></worksheet>"
    )


def test_highlight_block_marks_itself_with_the_marker_formula() -> None:
    block = ET.fromstring(highlight_block(["D4", "D5"], 1, 3))
    assert block.get("sqref") == "D4:D5"
    assert block[0].get("dxfId") == "1"
    assert block[0][0].text == HIGHLIGHT_MARKER


def test_sqref_merges_vertical_runs() -> None:
    assert sqref(["B2", "B3", "A1", "B5", "B4", "$AA$10"]) == "A1 B2:B5 AA10"


@given(st.text(alphabet=st.sampled_from("ab_xX0F9 \t\n\r\x00\x08\x0b\x1fनामे\ufffe"), max_size=40))
def test_clean_text_takes_its_short_cut_only_where_the_long_way_agrees(text: str) -> None:
    """An ASCII text without "_" or control characters is returned as it is; any other is cleaned
    character by character — the two ways give the same text."""
    import re  # noqa: PLC0415

    slow = re.sub(
        r"(?i)_(x[0-9a-f]{4}_)", r"_x005F_\1", re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    )
    assert clean_text(text) == slow


def test_clean_text_drops_characters_xml_cannot_hold() -> None:
    assert clean_text("a\x00\x1fb\ud800c") == "abc"
    assert clean_text("x" * 40_000) == "x" * 32_767


def _children(xml: bytes) -> list[str]:
    return [child.tag.replace(MAIN, "") for child in ET.fromstring(xml)]


def test_owned_sheet_elements_follow_the_schema_order() -> None:
    sheet = OwnedSheet(
        "Issues",
        [["Rule", "Cell", "When"], ["<&>", "D5", dt.date(2025, 4, 1)], [True, 1.5, None]],
        links={(1, 1): "#'Journal'!D5"},
        widths={0: 30},
    )
    xml = owned_sheet_xml(sheet, lambda style: 1 if style.bold else 0)
    assert _children(xml) == [
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "hyperlinks",
        "pageMargins", "pageSetup",
    ]  # fmt: skip
    root = ET.fromstring(xml)
    cells = {c.get("r"): c for c in root.iter(f"{MAIN}c")}
    assert cells["A2"].get("t") == "inlineStr"
    assert cells["A2"].find(f"{MAIN}is/{MAIN}t").text == "<&>"  # type: ignore[union-attr]
    assert cells["C2"].find(f"{MAIN}v").text == "45748"  # type: ignore[union-attr]
    assert cells["A3"].get("t") == "b"
    assert cells["A1"].get("s") == "1"
    link = root.find(f"{MAIN}hyperlinks/{MAIN}hyperlink")
    assert link is not None
    assert (link.get("ref"), link.get("location"), link.get("display")) == ("B2", "'Journal'!D5", "D5")
    pane = root.find(f"{MAIN}sheetViews/{MAIN}sheetView/{MAIN}pane")
    assert pane is not None
    assert pane.get("state") == "frozen"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=8))
def test_column_editor_sets_cells_creates_missing_rows_and_keeps_the_rest(cuts: list[int]) -> None:
    sheet = (
        b'<worksheet><dimension ref="A1:B3"/><sheetData>'
        b'<row r="1" spans="1:2"><c r="A1" t="inlineStr"><is><t>Head</t></is></c></row>'
        b'<row r="3"><c r="A3"><v>3</v></c><c r="C3" s="4"/><c r="D3"><v>9</v></c></row>'
        b"</sheetData><pageMargins/></worksheet>"
    )
    scan = scan_sheet([sheet])
    edit = ColumnValues(3, first_row=2, values=("x<", "y", None, 7), header_row=1, heading="Match ID")
    out = b"".join(ColumnEditor([edit]).stream(_split(sheet[: scan.tail_offset], cuts)))
    assert out == (
        b'<worksheet><dimension ref="A1:C5"/><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Head</t></is></c>'
        b'<c r="C1" t="inlineStr"><is><t>Match ID</t></is></c></row>'
        b'<row r="2"><c r="C2" t="inlineStr"><is><t>x&lt;</t></is></c></row>'
        b'<row r="3"><c r="A3"><v>3</v></c><c r="C3" s="4" t="inlineStr"><is><t>y</t></is></c>'
        b'<c r="D3"><v>9</v></c></row>'
        b'<row r="5"><c r="C5"><v>7</v></c></row>'
        b"</sheetData>"
    )


def test_column_editor_will_not_overwrite_a_users_cell_in_a_new_column() -> None:
    sheet = b'<sheetData><row r="2"><c r="C2"><v>1</v></c></row></sheetData>'
    edit = ColumnValues(3, first_row=2, values=("x",), header_row=1, heading="Match ID")
    with pytest.raises(OccupiedCellError):
        b"".join(ColumnEditor([edit]).stream([sheet]))


def test_a_formula_never_calculated_is_an_error_cell_and_a_calculated_one_is_not() -> None:
    xml = (
        b'<worksheet><sheetData><row r="7">'
        b'<c r="D7"><f>100+50</f><v /></c>'  # openpyxl: a formula written, never calculated
        b'<c r="E7"><f>1+1</f><v>2</v></c>'
        b'<c r="F7" t="str"><f>""</f><v></v></c>'  # calculated: an empty text
        b'<c r="G7"><f t="shared" si="0"/></c>'
        b'<c r="H7" s="3"><f>D7*2</f></c>'
        b"</row></sheetData></worksheet>"
    )
    for cuts in ([], [40, 90, 140]):
        assert scan_sheet(_split(xml, cuts)).errors == {
            (7, 4): UNCALCULATED,
            (7, 7): UNCALCULATED,
            (7, 8): UNCALCULATED,
        }
