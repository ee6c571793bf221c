"""An owned sheet's native charts as parts of an .xlsx package: one drawing, one part a chart.

The chart XML (DrawingML ``chartSpace``) is made by openpyxl's chart classes, already a
dependency (the templates are built with it): they serialise a chart on its own, from cell
references, without a workbook in memory — which is what the file adapter needs, since it writes
parts into a zip it otherwise copies byte for byte. (XlsxWriter writes charts only while it
writes a whole workbook of its own.) The drawing part that places the charts on the sheet is a
few anchors, written here.

Categories are text references (``strRef``: month names, account names), values number
references; neither carries a cache, so Excel and LibreOffice draw from the cells when they open
the file. Axes are written as not deleted (openpyxl 3.1 leaves that out, and Excel then hides them).

>>> chart = SheetChart("Bahi results", "Results", "column", (1, 0, 3, 2), (1, 4))
>>> xml = chart_xml(chart, "Dashboard").decode()
>>> "<barChart>" in xml, '<barDir val="col" />' in xml, "'Dashboard'!$A$3:$A$4" in xml
(True, True, True)
>>> "'Dashboard'!$C$2" in xml  # the second series is named by its heading cell
True
>>> print(drawing_xml([chart]).decode())  # doctest: +ELLIPSIS
<?xml ...<xdr:oneCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>...
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from addin.books.base import SheetChart

if TYPE_CHECKING:  # openpyxl's chart classes load when a chart is drawn, not with every FileBook
    from openpyxl.chart import BarChart, LineChart
    from openpyxl.chart.series import Series
    from openpyxl.chart.title import Title
from addin.engine.cells import column_letter, quote_sheet

DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
SHEET_DRAWING_ID = "rId1"
"""The drawing's relationship id in an owned sheet's own relationships (its only one)."""

EMU_PER_POINT = 12_700
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DRAWING_NS = (
    'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _absolute(sheet: str, top: int, left: int, bottom: int | None = None, right: int | None = None) -> str:
    """A 0-based cell or block as an absolute reference: ``'Dashboard'!$A$3:$A$14``."""
    first = f"${column_letter(left + 1)}${top + 1}"
    if bottom is None or right is None or (bottom, right) == (top, left):
        return f"{quote_sheet(sheet)}!{first}"
    return f"{quote_sheet(sheet)}!{first}:${column_letter(right + 1)}${bottom + 1}"


def _series(chart: SheetChart, sheet: str, index: int) -> Series:
    from openpyxl.chart.data_source import AxDataSource, NumDataSource, NumRef, StrRef  # noqa: PLC0415
    from openpyxl.chart.series import Series, SeriesLabel  # noqa: PLC0415

    top, left, bottom, _ = chart.source
    column = left + 1 + index
    return Series(
        val=NumDataSource(numRef=NumRef(f=_absolute(sheet, top + 1, column, bottom, column))),
        tx=SeriesLabel(strRef=StrRef(f=_absolute(sheet, top, column))),
        cat=AxDataSource(strRef=StrRef(f=_absolute(sheet, top + 1, left, bottom, left))),
    )


TITLE_SIZE = 1200  # hundredths of a point: 12 pt, bold


def _title(text: str) -> Title:
    """A chart title in 12-point bold (the applications' default, 18 pt, leaves little room for the plot)."""
    from openpyxl.chart.text import RichText, Text  # noqa: PLC0415
    from openpyxl.chart.title import Title  # noqa: PLC0415
    from openpyxl.drawing.text import (  # noqa: PLC0415
        CharacterProperties,
        Paragraph,
        ParagraphProperties,
        RegularTextRun,
    )

    font = CharacterProperties(sz=TITLE_SIZE, b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _plot(kind: str) -> BarChart | LineChart:
    from openpyxl.chart import BarChart, LineChart  # noqa: PLC0415

    if kind == "line":
        plot = LineChart()
    else:
        plot = BarChart()
        plot.type = "bar" if kind == "bar" else "col"
        plot.grouping = "clustered"
    plot.x_axis.delete = False
    plot.y_axis.delete = False
    return plot


def chart_xml(chart: SheetChart, sheet: str) -> bytes:
    """The chart part (``xl/charts/chartN.xml``) of ``chart``, drawn from cells of sheet ``sheet``."""
    from openpyxl.chart.legend import Legend  # noqa: PLC0415
    from openpyxl.chart.marker import Marker  # noqa: PLC0415
    from openpyxl.xml.functions import tostring  # noqa: PLC0415

    plot = _plot(chart.kind)
    for index in range(chart.series_count):
        series = _series(chart, sheet, index)
        if chart.kind == "line":
            series.smooth = False
            series.marker = Marker(symbol="circle", size=6)
        plot.series.append(series)
    plot.title = _title(chart.title)
    plot.y_axis.number_format = chart.number_format
    plot.legend = Legend(legendPos="b") if chart.series_count > 1 else None
    if chart.kind == "bar":
        plot.x_axis.scaling.orientation = "maxMin"  # the largest first, at the top
        plot.y_axis.crosses = "max"  # and the amounts' axis still at the bottom
    else:
        plot.x_axis.tickLblPos = "low"  # month names below the chart, under a loss too
    return (_XML_HEAD + tostring(plot._write()).decode("utf-8")).encode("utf-8")


def drawing_xml(charts: Sequence[SheetChart]) -> bytes:
    """The drawing part placing ``charts`` on the sheet, the n-th by relationship ``rId{n}``."""
    anchors = []
    for number, chart in enumerate(charts, start=1):
        row, col = chart.anchor
        cx, cy = round(chart.width * EMU_PER_POINT), round(chart.height * EMU_PER_POINT)
        anchors.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{cx}" cy="{cy}"/><xdr:graphicFrame macro="">'
            f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{number + 1}" name={quoteattr(chart.name)}/>'
            "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart r:id="rId{number}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
            "<xdr:clientData/></xdr:oneCellAnchor>"
        )
    return f"{_XML_HEAD}<xdr:wsDr {_DRAWING_NS}>{''.join(anchors)}</xdr:wsDr>".encode()


def relationships(rel_type: str, targets: Sequence[str]) -> bytes:
    """A relationships part: ``rId1`` … to ``targets`` (relative to the part they belong to)."""
    entries = "".join(
        f'<Relationship Id="rId{n}" Type="{rel_type}" Target={quoteattr(escape(t))}/>'
        for n, t in enumerate(targets, start=1)
    )
    return f'{_XML_HEAD}<Relationships xmlns="{_RELS}">{entries}</Relationships>'.encode()
