"""Big sheets in pieces: how a 100,000-line Journal gets past Excel on the web's 5 MB limit.

Office.js refuses to read (or write) more than 5 MB in one request, and xlwings Server's lazy
books (``xw.BookAsync``, values fetched with ``await rng.get_value()``) work only in xlwings Lite
(``get_value`` raises ``NotImplementedError`` on a server: a stateless HTTP call has nobody to ask).
So for a big Journal the ribbon's JavaScript (``static/js/ribbon.js``) reads the sheet in blocks
of rows, each well under 5 MB, posts each block to ``POST /bahi/upload/{upload_id}``
(``routers/custom.py``), then runs the script with the Journal excluded from the usual payload and
the upload id as the script's ``upload`` argument. :func:`attach` gives the sheet back to the
script: its table metadata into the JSON book, its values as one grid (a 2-D numpy array of the
cells exactly as Office.js sent them) that :class:`~addin.books.xlwings_book.XlwingsBook` reads
in place of the payload's values — the same cells as if they had come inline.

Each block becomes a grid as it arrives, with the cyclic garbage collector paused
(:func:`~addin.engine.gc_pause.no_cyclic_gc`): a grid is a handful of objects for the collector
instead of one list a row, so neither the next blocks nor the script pay to walk the journal.

Uploads live in this process's memory for :data:`TTL_SECONDS`, are taken (removed) by the script
that uses them, and are bounded in number and size. Run one worker process (``bahi serve`` does).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xlwings as xw

from addin.books.base import BookError
from addin.books.grid import Grid, grid_of

TTL_SECONDS = 15 * 60
MAX_UPLOADS = 16
MAX_CELLS_PER_UPLOAD = 3_000_000  # a 300,000-line, 10-column journal
MAX_CHUNKS = 1_000


@dataclass
class Chunk:
    start_row: int  # 1-based worksheet row of the grid's first row
    grid: Grid


@dataclass
class Upload:
    count: int
    created: float = field(default_factory=time.monotonic)
    sheets: dict[str, dict[int, Chunk]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    used_range: dict[str, str | None] = field(default_factory=dict)
    cells: int = 0

    def complete(self) -> bool:
        return sum(len(chunks) for chunks in self.sheets.values()) >= self.count


class UploadStore:
    """Uploads by id, thread-safe, expiring."""

    def __init__(self) -> None:
        self._uploads: dict[str, Upload] = {}
        self._lock = threading.Lock()

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, u in self._uploads.items() if now - u.created > TTL_SECONDS]:
            del self._uploads[key]

    def add(
        self,
        upload_id: str,
        *,
        sheet: str,
        index: int,
        count: int,
        start_row: int,
        values: Sequence[Sequence[Any]] | Grid,
        tables: list[dict[str, Any]] | None = None,
        used_range_address: str | None = None,
    ) -> Upload:
        """Keep one block; raises ValueError when it breaks a limit (the router answers 400/413)."""
        if not (0 < count <= MAX_CHUNKS and 0 <= index < count and start_row >= 1):
            raise ValueError("bad chunk numbering")
        grid = values if isinstance(values, np.ndarray) else grid_of(values)
        with self._lock:
            self._expire()
            upload = self._uploads.get(upload_id)
            if upload is None:
                if len(self._uploads) >= MAX_UPLOADS:
                    raise OverflowError("too many uploads in progress")
                upload = self._uploads[upload_id] = Upload(count=count)
            if upload.cells + grid.size > MAX_CELLS_PER_UPLOAD:
                del self._uploads[upload_id]
                raise OverflowError("upload too large")
            upload.cells += grid.size
            upload.sheets.setdefault(sheet, {})[index] = Chunk(start_row, grid)
            if tables is not None:
                upload.tables[sheet] = tables
            if used_range_address is not None:
                upload.used_range[sheet] = used_range_address
            return upload

    def take(self, upload_id: str) -> Upload | None:
        """The finished upload, removed from the store; None if unknown, expired or incomplete."""
        with self._lock:
            self._expire()
            upload = self._uploads.pop(upload_id, None)
        if upload is None or not upload.complete():
            return None
        return upload

    def __len__(self) -> int:
        return len(self._uploads)


STORE = UploadStore()


def assemble(chunks: dict[int, Chunk]) -> Grid:
    """The sheet's cells from A1, blocks in row order (rows between blocks blank).

    >>> g = assemble({1: Chunk(4, grid_of([[4, 4]])), 0: Chunk(1, grid_of([["a"], ["b"]]))})
    >>> g.tolist()
    [['a', ''], ['b', ''], ['', ''], [4, 4]]
    """
    ordered = [chunks[i] for i in sorted(chunks)]
    width = max((c.grid.shape[1] for c in ordered), default=0)
    parts: list[Grid] = []
    length = 0
    for chunk in ordered:
        start = chunk.start_row - 1
        if start < length:  # blocks that overlap: the later one's rows replace from its start
            parts, length = [np.concatenate(parts)[:start]], start
        elif start > length:
            parts.append(np.full((start - length, width), "", dtype=object))
            length = start
        grid = chunk.grid
        if grid.shape[1] < width:
            grid = np.concatenate(
                [grid, np.full((len(grid), width - grid.shape[1]), "", dtype=object)], axis=1
            )
        parts.append(grid)
        length += len(grid)
    if not parts:
        return np.full((0, width), "", dtype=object)
    return np.concatenate(parts) if len(parts) > 1 else parts[0]


def attach(book: xw.Book, upload_id: str, store: UploadStore = STORE) -> dict[str, Grid]:
    """Give an upload's sheets back to the script: each sheet's tables and used range into the JSON
    ``book``, its cells as the returned grid (by sheet name, for
    :class:`~addin.books.xlwings_book.XlwingsBook`'s ``uploaded``).

    Raises :class:`BookError` (bilingual) when the upload is unknown, expired or incomplete.
    """
    upload = store.take(upload_id)
    if upload is None:
        raise BookError(
            "The Journal sent in parts did not arrive completely (or is older than 15 minutes).",
            "भागों में भेजा गया रोज़नामचा पूरा नहीं पहुँचा (या 15 मिनट से पुराना है)।",
            fix_en="Press the button again.",
            fix_hi="बटन फिर से दबाएँ।",
        )
    grids: dict[str, Grid] = {}
    for sheet_api in book.impl.api["sheets"]:
        name = sheet_api["name"]
        if name in upload.sheets:
            grids[name] = assemble(upload.sheets[name])
            sheet_api["tables"] = upload.tables.get(name, [])
            sheet_api["used_range_address"] = upload.used_range.get(name)
    return grids
