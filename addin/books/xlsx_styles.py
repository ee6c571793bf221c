"""Appending cell styles and conditional-format styles to ``xl/styles.xml``, idempotently.

The stylesheet is edited as text: parsing and re-serialising it with a generic XML library would
rename namespace prefixes and drop ``mc:Ignorable`` declarations Excel insists on. New fonts,
fills, number formats, cell formats (``cellXfs``) and differential formats (``dxfs``) are appended
to their sections (a section is created at its schema position when absent) and each section's
``count`` is kept true. An item identical to one already present is reused, so a rerun does not
grow the file.

>>> styles = Styles(MINIMAL_STYLESHEET)
>>> styles.cell_style(CellStyle(bold=True)), styles.cell_style(CellStyle(bold=True))
(1, 1)
>>> styles.dxf_fill("#FFC7CE"), styles.dxf_fill("#FFC7CE"), styles.dxf_fill("#FFEB9C")
(0, 0, 1)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# ECMA-376 §18.8.39: the children of <styleSheet>, in order.
STYLE_SECTIONS = (
    "numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs",
    "cellStyles", "dxfs", "tableStyles", "colors", "extLst",
)  # fmt: skip
_ITEM = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "cellXfs": "xf", "dxfs": "dxf"}

BUILTIN_FORMATS = {
    "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
    "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17, "h:mm": 20, "@": 49,
}  # fmt: skip
FIRST_CUSTOM_FORMAT = 164
LINK_COLOR = "FF0563C1"

MINIMAL_STYLESHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


@dataclass(frozen=True)
class CellStyle:
    """What an owned-sheet cell looks like."""

    bold: bool = False
    number_format: str | None = None
    fill: str | None = None  # "#RRGGBB"
    link: bool = False
    wrap: bool = False  # wrap the text (top-aligned)
    top: bool = False  # top-aligned (beside wrapped cells)


def argb(color: str) -> str:
    """ "#FFC7CE" (or "FFC7CE", or "FFFFC7CE") as Excel's opaque ARGB "FFFFC7CE".

    >>> argb("#ffc7ce"), argb("80FFC7CE")
    ('FFFFC7CE', '80FFC7CE')
    """
    hexa = color.lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}([0-9A-F]{2})?", hexa):
        raise ValueError(f"not a colour: {color!r}")
    return hexa if len(hexa) == 8 else "FF" + hexa


class Styles:
    """An editable ``styles.xml``."""

    def __init__(self, xml: str) -> None:
        self.xml = xml
        self.changed = False
        root = re.search(r"<(\w+:)?styleSheet\b", xml)
        if root is None:
            raise ValueError("styles.xml has no styleSheet element")
        self.prefix = root.group(1) or ""
        self._cache: dict[CellStyle, int] = {}

    # -- public --------------------------------------------------------------------------------
    def cell_style(self, style: CellStyle) -> int:
        """The ``cellXfs`` index of ``style`` (appended on first use)."""
        if style == CellStyle():
            return 0
        if style not in self._cache:
            self._cache[style] = self._append_xf(style)
        return self._cache[style]

    def dxf_fill(self, color: str) -> int:
        """The ``dxfs`` index of a differential format filling a cell with ``color``."""
        item = f'<dxf><fill><patternFill><bgColor rgb="{argb(color)}"/></patternFill></fill></dxf>'
        return self._add("dxfs", item)

    # -- building blocks -----------------------------------------------------------------------
    def _append_xf(self, style: CellStyle) -> int:
        num_fmt = self._number_format(style.number_format) if style.number_format else 0
        font = self._font(bold=style.bold, link=style.link) if style.bold or style.link else 0
        fill = self._fill(style.fill) if style.fill else 0
        applies = "".join(
            f' {flag}="1"'
            for flag, used in (
                ("applyNumberFormat", num_fmt),
                ("applyFont", font),
                ("applyFill", fill),
                ("applyAlignment", style.wrap or style.top),
            )
            if used
        )
        item = f'<xf numFmtId="{num_fmt}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"{applies}'
        if style.wrap or style.top:
            wrap = ' wrapText="1"' if style.wrap else ""
            item += f'><alignment vertical="top"{wrap}/></xf>'
        else:
            item += "/>"
        return self._add("cellXfs", item)

    def _number_format(self, code: str) -> int:
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        inner = self._inner("numFmts") or ""
        used = [FIRST_CUSTOM_FORMAT - 1]
        for tag in re.findall(r"<(?:\w+:)?numFmt\b[^>]*>", inner):
            number = re.search(r'numFmtId="(\d+)"', tag)
            found = re.search(r'formatCode="([^"]*)"', tag)
            if number is None:
                continue
            used.append(int(number.group(1)))
            if found is not None and html.unescape(found.group(1)) == code:
                return int(number.group(1))
        number_id = max(used) + 1
        self._add("numFmts", f'<numFmt numFmtId="{number_id}" formatCode="{html.escape(code)}"/>')
        return number_id

    def _font(self, *, bold: bool, link: bool) -> int:
        fonts = self._items("fonts")
        base = re.sub(r"<(?:\w+:)?(?:b|u|color)\b[^>]*/>", "", _inner_of(fonts[0])) if fonts else ""
        extra = ("<b/>" if bold else "") + (f'<u/><color rgb="{LINK_COLOR}"/>' if link else "")
        if not base:
            base = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        return self._add("fonts", f"<font>{extra}{self._unprefix(base)}</font>")

    def _fill(self, color: str) -> int:
        pattern = f'<patternFill patternType="solid"><fgColor rgb="{argb(color)}"/><bgColor indexed="64"/>'
        item = f"<fill>{pattern}</patternFill></fill>"
        return self._add("fills", item)

    # -- section editing -----------------------------------------------------------------------
    def _section(self, name: str) -> re.Match[str] | None:
        p = re.escape(self.prefix)
        return re.search(rf"<{p}{name}\b[^>]*?(?:/>|>(.*?)</{p}{name}>)", self.xml, re.S)

    def _inner(self, name: str) -> str | None:
        found = self._section(name)
        return None if found is None else (found.group(1) or "")

    def _items(self, name: str) -> list[str]:
        inner = self._inner(name) or ""
        item = re.escape(self.prefix + _ITEM.get(name, name[:-1]))
        return re.findall(rf"<{item}\b[^>]*?(?:/>|>.*?</{item}>)", inner, re.S)

    def _add(self, name: str, item: str) -> int:
        """Index of ``item`` in section ``name``, appending it (and creating the section) if new."""
        item = self._prefixed(item)
        items = self._items(name)
        if item in items:
            return items.index(item)
        count = len(items) + 1
        tag = self.prefix + name
        found = self._section(name)
        if found is None:
            block = f'<{tag} count="1">{item}</{tag}>'
            self.xml = self._insert_section(name, block)
        else:
            start_tag = re.match(rf"<{re.escape(tag)}\b[^>]*?(?=/?>)", found.group(0))
            assert start_tag is not None
            head = re.sub(r'\scount="\d*"', "", start_tag.group(0)) + f' count="{count}"'
            block = f"{head}>{found.group(1) or ''}{item}</{tag}>"
            self.xml = self.xml[: found.start()] + block + self.xml[found.end() :]
        self.changed = True
        return count - 1

    def _insert_section(self, name: str, block: str) -> str:
        p = re.escape(self.prefix)
        for follower in STYLE_SECTIONS[STYLE_SECTIONS.index(name) + 1 :]:
            found = re.search(rf"<{p}{follower}\b", self.xml)
            if found:
                return self.xml[: found.start()] + block + self.xml[found.start() :]
        end = self.xml.rindex(f"</{self.prefix}styleSheet>")
        return self.xml[:end] + block + self.xml[end:]

    def _prefixed(self, item: str) -> str:
        if not self.prefix:
            return item
        return re.sub(r"<(/?)(\w+)(?=[\s/>])", rf"<\1{self.prefix}\2", item)

    def _unprefix(self, xml: str) -> str:
        return re.sub(rf"<(/?){re.escape(self.prefix)}", r"<\1", xml) if self.prefix else xml


def _inner_of(element: str) -> str:
    found = re.match(r"<[^>]*?(?:/>|>(.*)</[^>]*>)$", element, re.S)
    return (found.group(1) or "") if found else ""
