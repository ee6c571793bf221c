"""How much one request may make the server hold: caps in cells, checked before anything is built.

A request's size in bytes is capped at the door (:mod:`addin.server.asgi`), but a few bytes can
*claim* a great many cells: a table said to span ``A1:CV1048576`` in a 4 kB payload, or an upload
block said to start at row 1,000,000 of 16,000 columns. Reading such a claim would pad it with
blanks — gigabytes. So every claimed range is measured first (:func:`check_claim`), and refused
past :data:`MAX_CLAIMED_CELLS`; ragged rows are refused rather than padded.
"""

from __future__ import annotations

from addin.books.xlwings_book import parse_range
from addin.server.answers import Refused

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384

MAX_CLAIMED_CELLS = 3_000_000
"""The most cells a table or used range named in one request may span: a 300,000-line,
10-column Journal (what an upload may hold, :data:`addin.server.uploads.MAX_CELLS_PER_UPLOAD`)."""

MAX_BLOCK_CELLS = 1_000_000
"""The most cells one upload block may carry (ribbon.js sends 100,000)."""

MAX_PAYLOAD_CELLS = 3_000_000
"""The most cells a script call's payload may carry in its sheets' values (5 MB of JSON is at most
about 1.7 million blank cells)."""


def claimed_shape(address: str) -> tuple[int, int] | None:
    """The (rows, columns) an A1 range spans, a sheet prefix allowed; None when it is not one.

    >>> claimed_shape("Journal!$A$1:$F$20"), claimed_shape("B2"), claimed_shape("A:A")
    ((20, 6), (1, 1), None)
    >>> claimed_shape("A1:CV1048576")
    (1048576, 100)
    """
    try:
        (top, left), (bottom, right) = parse_range(address)
    except ValueError:
        return None
    return abs(bottom - top) + 1, abs(right - left) + 1


def check_claim(address: object, what: str, limit: int = MAX_CLAIMED_CELLS) -> None:
    """Refuse (413) a range past Excel's sheet or past ``limit`` cells; anything that is not an
    A1 range is left to the reader, which reads only ranges it can parse.

    >>> check_claim("A1:F300001", "table Journal")
    >>> check_claim("A1:CV1048576", "table Journal")
    Traceback (most recent call last):
    addin.server.answers.Refused: table Journal spans 104,857,600 cells (A1:CV1048576), more than 3,000,000
    """
    if not isinstance(address, str):
        return
    shape = claimed_shape(address)
    if shape is None:
        return
    rows, columns = shape
    cells = rows * columns
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS or cells > limit:
        raise Refused(
            413,
            f"{what} spans {cells:,} cells ({address}), more than {limit:,}",
            f"{what} में {cells:,} सेल हैं ({address}), जो {limit:,} से अधिक हैं",
        )
