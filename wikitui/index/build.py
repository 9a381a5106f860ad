"""Building an index while a source is read for the first time (no extra pass).

The scan of :mod:`wikitui.sources.xml_export` runs as usual, with a :class:`Plan` saying where
texts go: seekable formats keep each text's byte range in the decompressed export (and save
the decompressor's block offsets), the others write texts into the index's zstd text store.
Everything goes into a temporary file beside the final one, renamed into place only once the
scan succeeded and every row is written: an interrupted build leaves nothing that claims to be
complete.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from wikitui.index import cache, db, texts
from wikitui.model import Source, TextLoader
from wikitui.sources import detect
from wikitui.sources.loaders import FileRangeLoader

XZ_MAX_BLOCK = 64 << 20  # xz blocks larger than this are not worth seeking in


def threads() -> int:
    """Decompression threads for a first read."""
    return max(1, min(4, os.cpu_count() or 1))


class _ThreadedStream:
    """indexed_bzip2 or rapidgzip reading the whole file with several threads."""

    def __init__(self, reader: Any, size: int) -> None:
        self.reader = reader
        self._size = size

    def read(self, size: int = -1, /) -> bytes:
        try:
            data: bytes = self.reader.read(size)
        except (RuntimeError, ValueError) as error:
            raise OSError(str(error)) from None
        return data

    def compressed_position(self) -> int:
        try:
            return min(int(self.reader.tell_compressed()) // 8, self._size)
        except (RuntimeError, ValueError, AttributeError):
            return 0

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, ValueError, OSError):
            self.reader.close()


def xz_seekable(path: str) -> bool:
    """Whether an .xz file has several blocks, each small enough to seek in."""
    try:
        with texts.open_xz(path) as reader:
            boundaries = list(reader.block_boundaries)
            end = reader.seek(0, os.SEEK_END)
    except Exception:  # python-xz raises its own errors on anything odd: just don't seek
        return False
    if len(boundaries) < 2:
        return False
    edges = [*boundaries, end]
    return max(b - a for a, b in itertools.pairwise(edges)) <= XZ_MAX_BLOCK


class Builder:
    """One index being built into a temporary file; see :meth:`commit` and :meth:`abort`."""

    def __init__(self, target: Path, key: cache.SourceKey, sniffed: detect.Sniffed) -> None:
        self.target = target
        self.key = key
        self.path = key.path
        self.sniffed = sniffed
        target.parent.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(4)
        self.temp = target.with_name(f"{target.stem}{cache.BUILDING_MARK}{os.getpid()}-{token}.tmp")
        self.connection = db.create(self.temp)
        self.lock = threading.Lock()
        self.seek: bytes | None = None
        self.mode = self._choose_mode()
        self.ranges = self.mode != "store"
        self.sink: texts.TextStore | None = None
        self.loader: TextLoader
        if self.mode == "store":
            self.sink = texts.TextStore(self.path, self._read_block, self._write_block)
            self.loader = self.sink
        elif self.mode == "file":
            self.loader = FileRangeLoader(self.path)
        else:
            self.range_loader = texts.SeekableRangeLoader(self.path, self._reopen)
            self.loader = self.range_loader

    def _choose_mode(self) -> str:
        compression = self.sniffed.compression
        if self.sniffed.encoding != "utf-8":
            return "store"  # transcoded: offsets in the file mean nothing to the texts
        if compression is None:
            return "file"
        if compression in ("bz2", "gzip"):
            return compression
        if compression == "xz" and xz_seekable(self.path):
            return "xz"
        return "store"

    # -- the plan the scan follows --------------------------------------------------------

    def open_stream(self) -> Any:
        """The stream to scan: several threads for bzip2 and gzip, else the default."""
        size = self.key.size
        if self.mode == "bz2":
            return _ThreadedStream(texts.open_bz2(self.path, None, threads()), size)
        if self.mode == "gzip":
            return _ThreadedStream(texts.open_gzip(self.path, None, threads()), size)
        return None

    def scanned(self, stream: Any) -> None:
        """Save the block offsets the first read found."""
        if not isinstance(stream, _ThreadedStream):
            return
        if self.mode == "bz2":
            offsets = stream.reader.block_offsets()
            self.seek = "\n".join(f"{bit} {byte}" for bit, byte in offsets.items()).encode()
        elif self.mode == "gzip":
            buffer = io.BytesIO()
            stream.reader.export_index(buffer)
            self.seek = buffer.getvalue()

    def _reopen(self) -> Any:
        return open_reader(self.mode, self.path, self.seek)

    def _write_block(self, number: int, blob: bytes) -> None:
        with self.lock:
            self.connection.execute("INSERT INTO blocks VALUES (?, ?)", (number, blob))

    def _read_block(self, number: int) -> bytes | None:
        with self.lock:
            row = self.connection.execute(
                "SELECT data FROM blocks WHERE id = ?", (number,)
            ).fetchone()
        return None if row is None else bytes(row[0])

    # -- ending ---------------------------------------------------------------------------

    def commit(self, source: Source) -> None:
        """Write the rows and move the finished index into place."""
        meta = {
            "key": self.key.as_text(),
            "path": self.path,
            "mode": self.mode,
            "compression": self.sniffed.compression or "",
            "built": str(time.time()),
        }
        db.write_source(self.connection, source, meta, self.seek, self.lock)
        os.replace(self.temp, self.target)
        if self.mode in ("bz2", "gzip", "xz"):
            self.range_loader.ready.set()

    def abort(self, reason: str | None = None) -> None:
        """Drop the temporary file; texts already handed out stay readable (open inode)."""
        with contextlib.suppress(OSError):
            os.unlink(self.temp)
        if self.mode in ("bz2", "gzip", "xz") and not self.range_loader.ready.is_set():
            self.range_loader.failed = reason or "the index could not be built"
            self.range_loader.ready.set()


def open_reader(mode: str, path: str, seek: bytes | None) -> Any:
    """A seekable reader of a source in a range mode, with its saved seek data."""
    if mode == "bz2":
        offsets: dict[int, int] = {}
        for line in (seek or b"").decode().splitlines():
            bit, byte = line.split()
            offsets[int(bit)] = int(byte)
        return texts.open_bz2(path, offsets)
    if mode == "gzip":
        return texts.open_gzip(path, seek)
    if mode == "xz":
        return texts.open_xz(path)
    raise ValueError(mode)


def is_sqlite_error(error: BaseException) -> bool:
    """Errors that mean the cache cannot be written (disk full, read-only...)."""
    return isinstance(error, sqlite3.Error | OSError)
