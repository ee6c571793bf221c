"""Big sheets in pieces: how a 100,000-line Journal gets past Excel on the web's 5 MB limit.

Office.js refuses to read (or write) more than 5 MB in one request, and xlwings Server's lazy
books (``xw.BookAsync``, values fetched with ``await rng.get_value()``) work only in xlwings Lite
(``get_value`` raises ``NotImplementedError`` on a server: a stateless HTTP call has nobody to ask).
So for a big Journal the ribbon's JavaScript (``static/js/ribbon.js``):

1. opens an upload, ``POST /bahi/uploads``: the server answers a new random id (:func:`new_upload_id`,
   192 bits), kept for its *sender* (the signed-in user and the address the request came from);
2. reads the sheet in blocks of rows, each well under 5 MB, and posts each to
   ``POST /bahi/uploads/blocks`` with the id in the ``Bahi-Upload`` header — never in the URL, so
   it never reaches an access log;
3. runs the script with the same header, the Journal excluded from the usual payload and the id as
   the script's ``upload`` argument. The server takes the upload (once, and only for its sender)
   and hands its blocks to the process running the script (:func:`handed_over`), where
   :func:`attach` gives the sheet back: its table metadata into the JSON book, its values as one
   grid (a 2-D numpy array of the cells exactly as Office.js sent them) that
   :class:`~addin.books.xlwings_book.XlwingsBook` reads in place of the payload's values.

Each block is checked as it arrives (:func:`addin.server.blocks.parse_block`) and kept as posted;
the extent of the whole upload (its last row × its widest block) is held within
:data:`MAX_CELLS_PER_UPLOAD` before a block is kept, so assembling it can never allocate more.

Uploads expire :data:`TTL_SECONDS` after their last block, on a timer (:class:`Sweeper`), not on
the next request. A sender may have :data:`MAX_UPLOADS_PER_SENDER` uploads open (an idle one is
dropped for a new one), and the server :data:`MAX_UPLOADS` in all, so one sender's unfinished
uploads never lock the others out. By default they live in this process's memory
(:class:`MemoryUploadStore`). With ``BAHI_UPLOAD_DIR`` set, they are folders in that directory
(:class:`DirectoryUploadStore`), so that several server processes sharing it serve one office: a
block may reach one and the script call another. Bahi touches only the entries it made there.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import re
import secrets
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import xlwings as xw

from addin.books.base import BookError
from addin.books.grid import Grid, padded
from addin.server.answers import Refused
from addin.server.blocks import ParsedBlock, parse_block
from addin.server.remote_book import sheet_payloads

TTL_SECONDS = 15 * 60
IDLE_SECONDS = 60
"""An upload without a new block for this long may be dropped to make room for another."""
SWEEP_SECONDS = 30
MAX_UPLOADS = 64
MAX_UPLOADS_PER_SENDER = 4
MAX_CELLS_PER_UPLOAD = 3_000_000  # a 300,000-line, 10-column journal
MAX_BYTES_PER_UPLOAD = 64 * 1024 * 1024
MAX_STORE_BYTES = 512 * 1024 * 1024
"""All uploads held in memory at once (:class:`MemoryUploadStore`)."""
UPLOAD_ID = re.compile(r"\A[A-Za-z0-9_-]{32}\Z")
HEADER = "Bahi-Upload"
"""The request header naming an upload: on its blocks and on the script call that uses it."""


def new_upload_id() -> str:
    """A fresh upload id: 24 random bytes, URL-safe base64 (32 characters).

    >>> bool(UPLOAD_ID.match(new_upload_id())), new_upload_id() != new_upload_id()
    (True, True)
    """
    return secrets.token_urlsafe(24)


def is_upload_id(text: object) -> bool:
    """True for a well-formed upload id (and nothing after it: not even a newline).

    >>> is_upload_id("a" * 32), is_upload_id("a" * 32 + "\\n"), is_upload_id("../" + "a" * 29)
    (True, False, False)
    """
    return isinstance(text, str) and UPLOAD_ID.match(text) is not None


def sender_key(user_id: str | None, address: str | None) -> str:
    """Who an upload belongs to: the signed-in user (or the shared-token user) and the address
    the request came from (the connection's, never a header a client could choose)."""
    return f"{user_id or '-'}@{address or '-'}"


@dataclass(frozen=True)
class Received:
    """A complete upload as posted: its blocks' raw bodies, in order."""

    blocks: tuple[bytes, ...]


# -- refusals ---------------------------------------------------------------------------------------


def unknown_upload() -> Refused:
    return Refused(
        404,
        "this upload is unknown or has expired; press the button again",
        "यह अपलोड अज्ञात है या समय-सीमा पार कर चुका है; बटन फिर दबाएँ",
    )


def too_large() -> Refused:
    return Refused(
        413,
        f"the sheet sent in parts is larger than {MAX_CELLS_PER_UPLOAD:,} cells or "
        f"{MAX_BYTES_PER_UPLOAD // (1024 * 1024)} MB; split the Journal by financial year",
        f"भागों में भेजी गई शीट {MAX_CELLS_PER_UPLOAD:,} सेल या {MAX_BYTES_PER_UPLOAD // (1024 * 1024)} MB "
        "से बड़ी है; रोज़नामचा वित्त वर्ष के अनुसार बाँटें",
    )


def too_many_of_yours() -> Refused:
    return Refused(
        429,
        f"you already have {MAX_UPLOADS_PER_SENDER} uploads in progress; wait for them to finish",
        f"आपके {MAX_UPLOADS_PER_SENDER} अपलोड पहले से चल रहे हैं; उनके पूरे होने की प्रतीक्षा करें",
    )


def server_busy() -> Refused:
    return Refused(
        503,
        "the server is holding as many uploads as it may; press the button again in a minute",
        "सर्वर जितने अपलोड रख सकता है उतने रखे हुए है; एक मिनट बाद बटन फिर दबाएँ",
    )


def bad_numbering() -> Refused:
    return Refused(
        400,
        "upload block refused: its index and count do not fit the upload",
        "अपलोड खंड अस्वीकार: इसकी क्रम संख्या और गिनती अपलोड से मेल नहीं खातीं",
    )


# -- the stores --------------------------------------------------------------------------------------


class UploadStore(Protocol):
    """Where blocks wait for their script. ``open`` answers a new id for ``sender``; ``add`` keeps a
    checked block and answers (blocks received, blocks expected); both raise :class:`Refused`.
    ``take`` gives the complete upload once, to its sender only; None otherwise. ``sweep`` drops
    expired uploads (the :class:`Sweeper` calls it)."""

    def open(self, sender: str) -> str: ...

    def add(self, upload_id: str, sender: str, parsed: ParsedBlock, raw: bytes) -> tuple[int, int]: ...

    def take(self, upload_id: str, sender: str) -> Received | None: ...

    def sweep(self, now: float | None = None) -> None: ...


@dataclass
class Extent:
    """How far an upload's blocks reach: the last row and the widest block, and their bytes."""

    last_row: int = 0
    width: int = 0
    size: int = 0

    def grown(self, parsed: ParsedBlock, raw: bytes) -> Extent:
        rows, width = parsed.grid.shape
        return Extent(
            max(self.last_row, parsed.block.start_row + rows - 1),
            max(self.width, width),
            self.size + len(raw),
        )

    def fits(self) -> bool:
        return self.last_row * self.width <= MAX_CELLS_PER_UPLOAD and self.size <= MAX_BYTES_PER_UPLOAD


@dataclass
class Pending:
    sender: str
    touched: float  # when it was opened or last given a block
    count: int = 0  # blocks expected, from the first block
    blocks: dict[int, bytes] = field(default_factory=dict)
    extent: Extent = field(default_factory=Extent)


class MemoryUploadStore:
    """Uploads in this process's memory, by id, thread-safe."""

    def __init__(self) -> None:
        self._uploads: dict[str, Pending] = {}
        self._lock = threading.Lock()

    def _drop_idle(self, now: float, sender: str | None = None) -> None:
        for key, upload in list(self._uploads.items()):
            if (sender is None or upload.sender == sender) and now - upload.touched > IDLE_SECONDS:
                del self._uploads[key]

    def open(self, sender: str) -> str:
        now = time.monotonic()
        with self._lock:
            if sum(u.sender == sender for u in self._uploads.values()) >= MAX_UPLOADS_PER_SENDER:
                self._drop_idle(now, sender)
                if sum(u.sender == sender for u in self._uploads.values()) >= MAX_UPLOADS_PER_SENDER:
                    raise too_many_of_yours()
            if len(self._uploads) >= MAX_UPLOADS:
                self._drop_idle(now)
                if len(self._uploads) >= MAX_UPLOADS:
                    raise server_busy()
            upload_id = new_upload_id()
            self._uploads[upload_id] = Pending(sender, now)
            return upload_id

    def add(self, upload_id: str, sender: str, parsed: ParsedBlock, raw: bytes) -> tuple[int, int]:
        block = parsed.block
        with self._lock:
            upload = self._uploads.get(upload_id)
            if upload is None or upload.sender != sender:
                raise unknown_upload()
            if (upload.count and block.count != upload.count) or not 0 <= block.index < block.count:
                raise bad_numbering()
            extent = upload.extent.grown(parsed, raw)
            if not extent.fits():
                del self._uploads[upload_id]
                raise too_large()
            held = sum(u.extent.size for u in self._uploads.values())
            if held + len(raw) > MAX_STORE_BYTES:
                raise server_busy()
            upload.count, upload.extent, upload.touched = block.count, extent, time.monotonic()
            upload.blocks[block.index] = raw
            return len(upload.blocks), upload.count

    def take(self, upload_id: str, sender: str) -> Received | None:
        with self._lock:
            upload = self._uploads.get(upload_id)
            if upload is None or upload.sender != sender:
                return None
            del self._uploads[upload_id]
        if not upload.count or len(upload.blocks) < upload.count:
            return None
        return Received(tuple(upload.blocks[i] for i in sorted(upload.blocks)))

    def sweep(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in [k for k, u in self._uploads.items() if now - u.touched > TTL_SECONDS]:
                del self._uploads[key]

    def __len__(self) -> int:
        return len(self._uploads)


FOLDER_PREFIX = "bahi-upload-"
TAKEN_PREFIX = ".bahi-taken-"
OWNER_FILE = "owner"
_BLOCK_FILE = re.compile(r"\A(\d{5})-(\d{1,7})-(\d{1,5})-(\d{1,5})\.json\Z")  # index-last_row-width-count
_PART_FILE = re.compile(r"\A\.[0-9a-f]{32}\.part\Z")
_OURS = re.compile(
    rf"\A(?:{FOLDER_PREFIX}|{re.escape(TAKEN_PREFIX)})[A-Za-z0-9_-]{{32}}(?:-[0-9a-f]{{32}})?\Z"
)


class DirectoryUploadStore:
    """Uploads as folders under ``root``, shared by every server process that has the same ``root``.

    An upload is ``<root>/bahi-upload-<id>/``: an ``owner`` file (a hash of its sender), then each
    block exactly as posted, ``<index>-<last row>-<width>-<count>.json`` (written to a temporary
    name and renamed, so a reader never sees half a block). Taking renames the folder first, so of
    two processes only one gets it. Anything else in ``root`` — a user's own files or folders —
    is never read, counted or deleted.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def check(self) -> None:
        """Make sure blocks can be kept under ``root`` (creating it); raises the bilingual
        :func:`upload_dir_unusable` error when not."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            probe = self.root / f".bahi-probe-{uuid.uuid4().hex}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise upload_dir_unusable(self.root, exc) from exc

    @staticmethod
    def _owner(sender: str) -> bytes:
        return hashlib.sha256(sender.encode("utf-8")).hexdigest().encode()

    def _folders(self) -> list[Path]:
        """Bahi's open uploads under ``root`` (only folders named as Bahi names them)."""
        try:
            entries = list(self.root.iterdir())
        except FileNotFoundError:
            return []
        return [p for p in entries if p.name.startswith(FOLDER_PREFIX) and _OURS.match(p.name) and p.is_dir()]

    @staticmethod
    def _owned_by(folder: Path, sender: str) -> bool:
        try:
            return (folder / OWNER_FILE).read_bytes() == DirectoryUploadStore._owner(sender)
        except OSError:
            return False

    @staticmethod
    def _blocks(folder: Path) -> list[tuple[Path, re.Match[str]]]:
        found = [(p, _BLOCK_FILE.match(p.name)) for p in folder.iterdir()]
        return sorted((p, m) for p, m in found if m is not None)

    @staticmethod
    def _remove(folder: Path) -> None:
        """Delete what Bahi wrote in one of its folders, then the folder if nothing else is in it."""
        with contextlib.suppress(OSError):
            for path in folder.iterdir():
                if path.name == OWNER_FILE or _BLOCK_FILE.match(path.name) or _PART_FILE.match(path.name):
                    path.unlink(missing_ok=True)
            folder.rmdir()

    def _guarded(self) -> contextlib.AbstractContextManager[None]:
        @contextlib.contextmanager
        def guard() -> Iterator[None]:
            try:
                yield
            except OSError as exc:
                raise upload_dir_unusable(self.root, exc) from exc

        return guard()

    def open(self, sender: str) -> str:
        with self._guarded():
            self.root.mkdir(parents=True, exist_ok=True)
            folders = self._folders()
            now = time.time()
            if sum(self._owned_by(f, sender) for f in folders) >= MAX_UPLOADS_PER_SENDER:
                for folder in folders:
                    if self._owned_by(folder, sender) and now - folder.stat().st_mtime > IDLE_SECONDS:
                        self._remove(folder)
                if sum(self._owned_by(f, sender) for f in self._folders()) >= MAX_UPLOADS_PER_SENDER:
                    raise too_many_of_yours()
            if len(self._folders()) >= MAX_UPLOADS:
                raise server_busy()
            upload_id = new_upload_id()
            folder = self.root / f"{FOLDER_PREFIX}{upload_id}"
            folder.mkdir()
            (folder / OWNER_FILE).write_bytes(self._owner(sender))
            return upload_id

    def add(self, upload_id: str, sender: str, parsed: ParsedBlock, raw: bytes) -> tuple[int, int]:
        block = parsed.block
        folder = self.root / f"{FOLDER_PREFIX}{upload_id}"
        if not is_upload_id(upload_id) or not self._owned_by(folder, sender):
            raise unknown_upload()
        with self._guarded():
            kept = self._blocks(folder)
            counts = {int(m.group(4)) for _, m in kept}
            if (counts and counts != {block.count}) or not 0 <= block.index < block.count:
                raise bad_numbering()
            extent = Extent(
                max((int(m.group(2)) for _, m in kept), default=0),
                max((int(m.group(3)) for _, m in kept), default=0),
                sum(p.stat().st_size for p, _ in kept),
            ).grown(parsed, raw)
            if not extent.fits():
                self._remove(folder)
                raise too_large()
            temporary = folder / f".{uuid.uuid4().hex}.part"
            temporary.write_bytes(raw)
            rows, width = parsed.grid.shape
            last = block.start_row + rows - 1
            name = f"{block.index:05d}-{last}-{width}-{block.count}.json"
            for path, match in kept:  # the same block again: the new one replaces it
                if int(match.group(1)) == block.index:
                    path.unlink(missing_ok=True)
            temporary.replace(folder / name)
            folder.touch()
            return len({int(m.group(1)) for _, m in kept} | {block.index}), block.count

    def take(self, upload_id: str, sender: str) -> Received | None:
        if not is_upload_id(upload_id):
            return None
        folder = self.root / f"{FOLDER_PREFIX}{upload_id}"
        if not self._owned_by(folder, sender):
            return None
        claimed = self.root / f"{TAKEN_PREFIX}{upload_id}-{uuid.uuid4().hex}"
        try:
            folder.rename(claimed)
        except OSError:
            return None  # taken by another process meanwhile
        try:
            kept = self._blocks(claimed)
            blocks = tuple(p.read_bytes() for p, _ in kept)
        except OSError:
            return None
        finally:
            self._remove(claimed)
        count = int(kept[0][1].group(4)) if kept else 0
        return Received(blocks) if kept and len(blocks) == count else None

    def sweep(self, now: float | None = None) -> None:
        now = time.time() if now is None else now
        try:
            entries = list(self.root.iterdir())
        except OSError:
            return
        for entry in entries:
            if not _OURS.match(entry.name):
                continue
            try:
                if now - entry.stat().st_ctime > TTL_SECONDS and entry.is_dir():
                    self._remove(entry)
            except OSError:  # taken or swept by another process meanwhile
                continue


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


class Sweeper:
    """A daemon thread that expires a store's uploads every :data:`SWEEP_SECONDS`."""

    def __init__(self, store: UploadStore, every: float = SWEEP_SECONDS) -> None:
        self.store = store
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bahi-upload-sweeper", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.store.sweep()

    def start(self) -> Sweeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


_sweeper: Sweeper | None = None
_sweeper_lock = threading.Lock()


def ensure_sweeping() -> None:
    """Start the sweeper of :data:`STORE` (once per process)."""
    global _sweeper  # noqa: PLW0603 - one sweeper for the process's one store
    with _sweeper_lock:
        if _sweeper is None or _sweeper.store is not STORE:
            if _sweeper is not None:
                _sweeper.stop()
            _sweeper = Sweeper(STORE).start()


# -- in the process that runs the script ---------------------------------------------------------------


_handed: contextvars.ContextVar[Mapping[str, Received]] = contextvars.ContextVar("bahi_handed_uploads")


@contextlib.contextmanager
def handed_over(uploads: Mapping[str, Received]) -> Iterator[None]:
    """The uploads a script call brought (taken by the server for their sender), while it runs."""
    token = _handed.set(uploads)
    try:
        yield
    finally:
        _handed.reset(token)


def handed(upload_id: str) -> Received:
    """The upload ``upload_id`` handed to this script call; the bilingual :class:`BookError` when
    it was not (unknown, expired, incomplete, or another sender's)."""
    received = _handed.get({}).get(upload_id)
    if received is None:
        raise BookError(
            "The Journal sent in parts did not arrive completely (or is older than 15 minutes).",
            "भागों में भेजा गया रोज़नामचा पूरा नहीं पहुँचा (या 15 मिनट से पुराना है)।",
            fix_en="Press the button again.",
            fix_hi="बटन फिर से दबाएँ।",
        )
    return received


@dataclass
class Chunk:
    start_row: int  # 1-based worksheet row of the grid's first row
    grid: Grid


def assemble(chunks: Mapping[int, Chunk]) -> Grid:
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


@dataclass
class Sheets:
    """An upload's blocks parsed again, by sheet: cells, tables and used range."""

    chunks: dict[str, dict[int, Chunk]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    used_range: dict[str, str | None] = field(default_factory=dict)


def parsed_sheets(received: Received) -> Sheets:
    sheets = Sheets()
    for raw in received.blocks:
        parsed = parse_block(raw)
        block = parsed.block
        sheets.chunks.setdefault(block.sheet, {})[block.index] = Chunk(block.start_row, parsed.grid)
        if block.tables is not None:
            sheets.tables[block.sheet] = block.tables
        if block.used_range_address is not None:
            sheets.used_range[block.sheet] = block.used_range_address
    return sheets


def attach(book: xw.Book, received: Received) -> dict[str, Grid]:
    """Give an upload's sheets back to the script: each sheet's tables and used range into the JSON
    ``book``, its cells as the returned grid (by sheet name, for
    :class:`~addin.books.xlwings_book.XlwingsBook`'s ``uploaded``)."""
    sheets = parsed_sheets(received)
    grids: dict[str, Grid] = {}
    for payload in sheet_payloads(book):
        name = payload["name"]
        if name in sheets.chunks:
            grids[name] = assemble(sheets.chunks[name])
            payload["tables"] = sheets.tables.get(name, [])
            payload["used_range_address"] = sheets.used_range.get(name)
    return grids
