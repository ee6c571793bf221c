"""Draw the ribbon icons (16, 32 and 80 px PNGs) with nothing but the standard library.

Each icon is a few filled shapes in a unit square, rasterised with 4x4 supersampling and written
as an RGBA PNG (zlib + struct). Run ``python -m addin.server.icons`` to regenerate
``static/images/icons/``; the PNGs are committed.
"""

from __future__ import annotations

import math
import pathlib
import struct
import zlib
from collections.abc import Callable

Shape = Callable[[float, float], bool]
Layer = tuple[Shape, tuple[int, int, int]]

ICON_DIR = pathlib.Path(__file__).parent / "static" / "images" / "icons"
SIZES = (16, 32, 80)
"""Each ribbon button's and group's icon sizes (Office's add-in commands need 16, 32 and 80 px)."""
ADDIN_SIZES = (*SIZES, 64)
"""The add-in's own icon also at 64 px: a task pane add-in's HighResolutionIconUrl is 64 × 64."""
ADDIN_ICON = "bahi"

GREEN = (16, 124, 65)  # Excel green
INK = (38, 50, 56)
SAFFRON = (230, 126, 34)
BLUE = (21, 101, 192)


def rect(x0: float, y0: float, x1: float, y1: float) -> Shape:
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1


def segment(x0: float, y0: float, x1: float, y1: float, width: float) -> Shape:
    """A thick line from (x0, y0) to (x1, y1)."""
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy

    def inside(x: float, y: float) -> bool:
        t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length2))
        return math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= width / 2

    return inside


def disc(cx: float, cy: float, r: float) -> Shape:
    return lambda x, y: math.hypot(x - cx, y - cy) <= r


def ring(cx: float, cy: float, r: float, width: float) -> Shape:
    return lambda x, y: abs(math.hypot(x - cx, y - cy) - r) <= width / 2


def union(*shapes: Shape) -> Shape:
    return lambda x, y: any(s(x, y) for s in shapes)


ICONS: dict[str, list[Layer]] = {
    # a bound ledger (बही) with a saffron band
    "bahi": [
        (rect(0.16, 0.08, 0.84, 0.92), (178, 34, 34)),
        (rect(0.16, 0.40, 0.84, 0.52), SAFFRON),
        (rect(0.22, 0.08, 0.28, 0.92), (120, 20, 20)),
    ],
    # a check mark
    "validate": [
        (union(segment(0.14, 0.55, 0.40, 0.80, 0.14), segment(0.40, 0.80, 0.88, 0.22, 0.14)), GREEN)
    ],
    # scales: beam, post and two pans
    "trialbalance": [
        (union(segment(0.50, 0.12, 0.50, 0.86, 0.08), rect(0.30, 0.84, 0.70, 0.92)), INK),
        (segment(0.12, 0.24, 0.88, 0.24, 0.07), INK),
        (union(rect(0.06, 0.46, 0.36, 0.52), rect(0.64, 0.46, 0.94, 0.52)), GREEN),
        (union(segment(0.12, 0.24, 0.08, 0.47, 0.04), segment(0.30, 0.24, 0.34, 0.47, 0.04)), INK),
        (union(segment(0.70, 0.24, 0.66, 0.47, 0.04), segment(0.88, 0.24, 0.92, 0.47, 0.04)), INK),
    ],
    # a page with lines
    "statement": [
        (rect(0.18, 0.06, 0.82, 0.94), (236, 239, 241)),
        (union(*(segment(0.28, y, 0.72, y, 0.06) for y in (0.24, 0.40, 0.56, 0.72))), INK),
        (
            union(
                segment(0.18, 0.06, 0.82, 0.06, 0.05),
                segment(0.18, 0.94, 0.82, 0.94, 0.05),
                segment(0.18, 0.06, 0.18, 0.94, 0.05),
                segment(0.82, 0.06, 0.82, 0.94, 0.05),
            ),
            GREEN,
        ),
    ],
    # a calendar
    "daybook": [
        (rect(0.10, 0.16, 0.90, 0.90), (236, 239, 241)),
        (rect(0.10, 0.16, 0.90, 0.34), GREEN),
        (union(*(rect(x, y, x + 0.14, y + 0.12) for x in (0.18, 0.43, 0.68) for y in (0.44, 0.68))), INK),
        (union(rect(0.26, 0.06, 0.32, 0.24), rect(0.68, 0.06, 0.74, 0.24)), INK),
    ],
    # a bank: roof, columns, base
    "reconcile": [
        (lambda x, y: 0.06 <= y <= 0.32 and abs(x - 0.5) <= (y - 0.06) / 0.26 * 0.44, BLUE),
        (union(*(rect(x, 0.38, x + 0.10, 0.78) for x in (0.16, 0.45, 0.74))), BLUE),
        (rect(0.08, 0.82, 0.92, 0.92), BLUE),
    ],
    # a bar chart on a base line
    "statements": [
        (rect(0.08, 0.86, 0.92, 0.92), INK),
        (rect(0.14, 0.52, 0.30, 0.86), GREEN),
        (rect(0.40, 0.30, 0.56, 0.86), SAFFRON),
        (rect(0.66, 0.12, 0.82, 0.86), BLUE),
    ],
    # a target: rings and a bull's eye
    "budget": [
        (ring(0.5, 0.5, 0.38, 0.10), GREEN),
        (ring(0.5, 0.5, 0.22, 0.10), SAFFRON),
        (disc(0.5, 0.5, 0.08), INK),
    ],
    # sales and purchases: a voucher going into the book
    "post": [
        (rect(0.36, 0.08, 0.92, 0.92), (236, 239, 241)),
        (
            union(
                segment(0.36, 0.08, 0.92, 0.08, 0.05),
                segment(0.36, 0.92, 0.92, 0.92, 0.05),
                segment(0.36, 0.08, 0.36, 0.92, 0.05),
                segment(0.92, 0.08, 0.92, 0.92, 0.05),
            ),
            GREEN,
        ),
        (union(*(segment(0.50, y, 0.82, y, 0.05) for y in (0.26, 0.74))), INK),
        (
            union(
                segment(0.06, 0.50, 0.50, 0.50, 0.12),
                lambda x, y: 0.44 <= x <= 0.70 and abs(y - 0.50) <= (0.70 - x) * 0.85,
            ),
            SAFFRON,
        ),
    ],
    # an hourglass: how long a bill has waited
    "aging": [
        (union(rect(0.18, 0.06, 0.82, 0.14), rect(0.18, 0.86, 0.82, 0.94)), INK),
        (
            union(
                lambda x, y: 0.14 <= y <= 0.50 and abs(x - 0.5) <= 0.04 + (0.50 - y) * 0.75,
                lambda x, y: 0.50 <= y <= 0.86 and abs(x - 0.5) <= 0.04 + (y - 0.50) * 0.75,
            ),
            (236, 239, 241),
        ),
        (
            union(
                lambda x, y: 0.30 <= y <= 0.50 and abs(x - 0.5) <= 0.04 + (0.50 - y) * 0.75,
                lambda x, y: 0.70 <= y <= 0.86 and abs(x - 0.5) <= 0.04 + (y - 0.50) * 0.75,
            ),
            SAFFRON,
        ),
    ],
    # a printer with a tax invoice coming out
    "printinvoice": [
        (rect(0.26, 0.06, 0.74, 0.36), (236, 239, 241)),
        (rect(0.08, 0.34, 0.92, 0.70), INK),
        (rect(0.24, 0.58, 0.76, 0.94), (250, 250, 250)),
        (union(*(segment(0.32, y, 0.68, y, 0.05) for y in (0.70, 0.80))), GREEN),
        (rect(0.76, 0.42, 0.84, 0.48), SAFFRON),
    ],
    # a month's page locked: a calendar and a padlock
    "closemonth": [
        (rect(0.06, 0.14, 0.74, 0.86), (236, 239, 241)),
        (rect(0.06, 0.14, 0.74, 0.30), GREEN),
        (union(*(rect(x, y, x + 0.12, y + 0.10) for x in (0.14, 0.36) for y in (0.42, 0.64))), INK),
        (ring(0.72, 0.56, 0.13, 0.07), INK),
        (rect(0.52, 0.58, 0.94, 0.94), SAFFRON),
        (rect(0.70, 0.68, 0.76, 0.84), INK),
    ],
    # a return form: a page with a saffron heading band and ruled lines
    "gstreturns": [
        (rect(0.18, 0.06, 0.82, 0.94), (236, 239, 241)),
        (rect(0.18, 0.06, 0.82, 0.26), SAFFRON),
        (union(*(segment(0.28, y, 0.72, y, 0.06) for y in (0.42, 0.58, 0.74))), INK),
    ],
    # the books and the 2B side by side, a green tick over them
    "gstr2breconcile": [
        (union(rect(0.04, 0.10, 0.44, 0.80), rect(0.56, 0.10, 0.96, 0.80)), (236, 239, 241)),
        (union(*(segment(0.10, y, 0.38, y, 0.05) for y in (0.26, 0.42, 0.58))), INK),
        (union(*(segment(0.62, y, 0.90, y, 0.05) for y in (0.26, 0.42, 0.58))), BLUE),
        (union(segment(0.30, 0.78, 0.46, 0.92, 0.09), segment(0.46, 0.92, 0.74, 0.62, 0.09)), GREEN),
    ],
    # a window with a side pane
    "taskpane": [
        (rect(0.08, 0.12, 0.92, 0.88), (236, 239, 241)),
        (rect(0.58, 0.12, 0.92, 0.88), GREEN),
        (
            union(
                segment(0.08, 0.12, 0.92, 0.12, 0.06),
                segment(0.08, 0.88, 0.92, 0.88, 0.06),
                segment(0.08, 0.12, 0.08, 0.88, 0.06),
            ),
            INK,
        ),
    ],
}


def render(layers: list[Layer], size: int, samples: int = 4) -> bytes:
    """RGBA pixels, row by row, each row prefixed with PNG filter byte 0."""
    out = bytearray()
    for py in range(size):
        out.append(0)
        for px in range(size):
            r = g = b = a = 0.0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    for shape, colour in reversed(layers):  # topmost layer wins
                        if shape(x, y):
                            r, g, b, a = r + colour[0], g + colour[1], b + colour[2], a + 1
                            break
            n = samples * samples
            if a:
                out += bytes((round(r / a), round(g / a), round(b / a), round(255 * a / n)))
            else:
                out += b"\0\0\0\0"
    return bytes(out)


def png(width: int, height: int, rgba_rows: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rgba_rows, 9))
        + chunk(b"IEND", b"")
    )


def write_icons(directory: pathlib.Path = ICON_DIR) -> list[pathlib.Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, layers in ICONS.items():
        for size in ADDIN_SIZES if name == ADDIN_ICON else SIZES:
            path = directory / f"{name}-{size}.png"
            path.write_bytes(png(size, size, render(layers, size)))
            written.append(path)
    return written


if __name__ == "__main__":
    for p in write_icons():
        print(p)
