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

Uploads are kept for :data:`TTL_SECONDS`, taken (removed) by the script that uses them, and
bounded in number and size. By default they live in this process's memory
(:class:`MemoryUploadStore`): run one worker process, as ``bahi serve`` does. With
``BAHI_UPLOAD_DIR`` set, they are files in that directory (:class:`DirectoryUploadStore`), so
that several worker processes sharing the directory can serve one office: a block may reach one
worker and the script call another.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import xlwings as xw

from addin.books.base import BookError
from addin.books.grid import Grid, padded
from addin.server.blocks import ParsedBlock, parse_block

TTL_SECONDS = 15 * 60
MAX_UPLOADS = 16
MAX_CELLS_PER_UPLOAD = 3_000_000  # a 300,000-line, 10-column journal
MAX_CHUNKS = 1_000
UPLOAD_ID = re.compile(r"^[A-Za-z0-9-]{16,64}$")


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

    def keep(self, parsed: ParsedBlock) -> None:
        block = parsed.block
        self.cells += parsed.grid.size
        self.sheets.setdefault(block.sheet, {})[block.index] = Chunk(block.start_row, parsed.grid)
        if block.tables is not None:
            self.tables[block.sheet] = block.tables
        if block.used_range_address is not None:
            self.used_range[block.sheet] = block.used_range_address


def check_numbering(upload_id: str, parsed: ParsedBlock) -> None:
    block = parsed.block
    if not UPLOAD_ID.match(upload_id):
        raise ValueError("bad upload id")
    if not (0 < block.count <= MAX_CHUNKS and 0 <= block.index < block.count and block.start_row >= 1):
        raise ValueError("bad chunk numbering")


class UploadStore(Protocol):
    """Where blocks wait for their script: ``add`` answers (blocks received, blocks expected) and
    raises ValueError (bad numbering) or OverflowError (a limit); ``take`` gives the finished upload
    once, or None when it is unknown, expired or incomplete."""

    def add(self, upload_id: str, parsed: ParsedBlock, raw: bytes = b"") -> tuple[int, int]: ...

    def take(self, upload_id: str) -> Upload | None: ...


class MemoryUploadStore:
    """Uploads in this process's memory, by id, thread-safe, expiring."""

    def __init__(self) -> None:
        self._uploads: dict[str, Upload] = {}
        self._lock = threading.Lock()

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, u in self._uploads.items() if now - u.created > TTL_SECONDS]:
            del self._uploads[key]

    def add(self, upload_id: str, parsed: ParsedBlock, raw: bytes = b"") -> tuple[int, int]:  # noqa: ARG002
        check_numbering(upload_id, parsed)
        with self._lock:
            self._expire()
            upload = self._uploads.get(upload_id)
            if upload is None:
                if len(self._uploads) >= MAX_UPLOADS:
                    raise OverflowError("too many uploads in progress")
                upload = self._uploads[upload_id] = Upload(count=parsed.block.count)
            if upload.cells + parsed.grid.size > MAX_CELLS_PER_UPLOAD:
                del self._uploads[upload_id]
                raise OverflowError("upload too large")
            upload.keep(parsed)
            return sum(len(c) for c in upload.sheets.values()), upload.count

    def take(self, upload_id: str) -> Upload | None:
        with self._lock:
            self._expire()
            upload = self._uploads.pop(upload_id, None)
        if upload is None or not upload.complete():
            return None
        return upload


class DirectoryUploadStore:
    """Uploads as files under ``root``, shared by every worker process that has the same ``root``.

    Each block is kept exactly as posted (``<root>/<upload id>/<index>-<cells>.json``, written to a
    temporary name and renamed, so a reader never sees half a block) and parsed again when taken.
    Taking renames the upload's folder first, so of two workers only one gets it.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def check(self) -> None:
        """Make sure blocks can be kept under ``root`` (creating it); raises the bilingual
        :func:`upload_dir_unusable` error when not."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".probe-{uuid.uuid4().hex}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise upload_dir_unusable(self.root, exc) from exc

    def _expire(self) -> None:
        now = time.time()
        for folder in self.root.iterdir():
            try:
                if now - folder.stat().st_mtime > TTL_SECONDS:
                    shutil.rmtree(folder, ignore_errors=True)
            except FileNotFoundError:  # taken or expired by another worker meanwhile
                continue

    @staticmethod
    def _blocks(folder: Path) -> list[Path]:
        return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))

    def add(self, upload_id: str, parsed: ParsedBlock, raw: bytes = b"") -> tuple[int, int]:
        check_numbering(upload_id, parsed)
        try:
            return self._add(upload_id, parsed, raw)
        except OSError as exc:
            raise upload_dir_unusable(self.root, exc) from exc

    def _add(self, upload_id: str, parsed: ParsedBlock, raw: bytes) -> tuple[int, int]:
        self.root.mkdir(parents=True, exist_ok=True)
        self._expire()
        folder = self.root / upload_id
        if not folder.is_dir():
            if sum(1 for p in self.root.iterdir() if not p.name.startswith(".")) >= MAX_UPLOADS:
                raise OverflowError("too many uploads in progress")
            folder.mkdir(exist_ok=True)
        kept = self._blocks(folder)
        cells = sum(int(p.stem.split("-")[1]) for p in kept) + parsed.grid.size
        if cells > MAX_CELLS_PER_UPLOAD:
            shutil.rmtree(folder, ignore_errors=True)
            raise OverflowError("upload too large")
        temporary = folder / f".{uuid.uuid4().hex}.part"
        temporary.write_bytes(raw)
        name = folder / f"{parsed.block.index:05d}-{parsed.grid.size}.json"
        temporary.replace(name)
        return len({p.name for p in kept} | {name.name}), parsed.block.count

    def take(self, upload_id: str) -> Upload | None:
        if not UPLOAD_ID.match(upload_id):
            return None
        self._expire()
        claimed = self.root / f".taken-{upload_id}-{uuid.uuid4().hex}"
        try:
            (self.root / upload_id).rename(claimed)
        except FileNotFoundError:
            return None
        try:
            upload: Upload | None = None
            for path in self._blocks(claimed):
                parsed = parse_block(path.read_bytes())
                upload = upload or Upload(count=parsed.block.count)
                upload.keep(parsed)
        finally:
            shutil.rmtree(claimed, ignore_errors=True)
        return upload if upload is not None and upload.complete() else None


def upload_dir_unusable(root: Path, exc: OSError) -> BookError:
    """``BAHI_UPLOAD_DIR`` names a directory this server cannot write (bilingual, with the fix)."""
    return BookError(
        f"The upload directory {root} (BAHI_UPLOAD_DIR) cannot be used: {exc.strerror or exc}.",
        f"अपलोड डायरेक्टरी {root} (BAHI_UPLOAD_DIR) उपयोग नहीं हो सकती: {exc.strerror or exc}।",
        fix_en="Set BAHI_UPLOAD_DIR to a directory every worker can write, or unset it (one worker).",
        fix_hi="BAHI_UPLOAD_DIR में ऐसी डायरेक्टरी दें जिसमें हर वर्कर लिख सके, या इसे हटा दें (एक वर्कर)।",
    )


def store_from_environment() -> UploadStore:
    """:class:`DirectoryUploadStore` under ``BAHI_UPLOAD_DIR`` when set, else in memory."""
    folder = os.environ.get("BAHI_UPLOAD_DIR", "").strip()
    return DirectoryUploadStore(Path(folder)) if folder else MemoryUploadStore()


STORE = store_from_environment()


def assemble(chunks: dict[int, Chunk]) -> Grid:
    """The sheet's cells from A1, blocks in row order (rows between blocks blank).

    >>> from addin.books.grid import grid_of
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
        parts.append(padded(chunk.grid, len(chunk.grid), width))
        length += len(chunk.grid)
    if not parts:
        return np.full((0, width), "", dtype=object)
    return np.concatenate(parts) if len(parts) > 1 else parts[0]


def attach(book: xw.Book, upload_id: str, store: UploadStore | None = None) -> dict[str, Grid]:
    """Give an upload's sheets back to the script: each sheet's tables and used range into the JSON
    ``book``, its cells as the returned grid (by sheet name, for
    :class:`~addin.books.xlwings_book.XlwingsBook`'s ``uploaded``).

    Raises :class:`BookError` (bilingual) when the upload is unknown, expired or incomplete.
    """
    upload = (store or STORE).take(upload_id)
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
