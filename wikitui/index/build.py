"""Building an index while a source is read for the first time (no extra pass).

The scan of :mod:`wikitui.sources.xml_export` runs as usual, with the :class:`Builder` as its
plan saying where texts go: a plain UTF-8 export keeps each text's byte range in the file,
every other one writes its texts into the index's zstd text store (see :mod:`.texts`).
``.bz2`` and ``.gz`` are decoded with several threads (indexed_bzip2, rapidgzip).
Everything goes into a temporary file beside the final one, renamed into place only once the
scan succeeded and every row is written: an interrupted build leaves nothing that claims to be
complete.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
import time
from pathlib import Path
from typing import Any

from wikitui.index import cache, db, texts
from wikitui.model import Source, TextLoader
from wikitui.sources import detect
from wikitui.sources.loaders import FileRangeLoader


def open_bz2(path: str, threads: int) -> Any:
    """An indexed_bzip2 reader of ``path`` decoding with ``threads`` threads."""
    import indexed_bzip2

    return indexed_bzip2.open(path, parallelization=threads)


def open_gzip(path: str, threads: int) -> Any:
    """A rapidgzip reader of ``path`` decoding with ``threads`` threads.

    (rapidgzip aborts the interpreter if a reader is still open at exit: the scan closes it
    whatever happens.)
    """
    import rapidgzip

    return rapidgzip.open(path, parallelization=threads)


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
        plain = sniffed.compression is None and sniffed.encoding == "utf-8"
        self.mode = "file" if plain else "store"
        self.ranges = plain
        self.sink: texts.TextStore | None = None
        self.loader: TextLoader
        if plain:
            self.loader = FileRangeLoader(self.path)
        else:
            self.sink = texts.TextStore(self.path, self._read_block, self._write_block)
            self.loader = self.sink

    # -- the plan the scan follows --------------------------------------------------------

    def open_stream(self) -> Any:
        """The stream to scan: several threads for bzip2 and gzip, else the default."""
        size = self.key.size
        if self.sniffed.encoding != "utf-8":
            return None
        if self.sniffed.compression == "bz2":
            return _ThreadedStream(open_bz2(self.path, threads()), size)
        if self.sniffed.compression == "gzip":
            return _ThreadedStream(open_gzip(self.path, threads()), size)
        return None

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
        if self.sink is not None and self.sink.write_error is not None:
            raise OSError(self.sink.write_error)  # the texts are kept in memory instead
        db.write_source(self.connection, source, meta, self.lock)
        os.replace(self.temp, self.target)

    def abort(self) -> None:
        """Drop the temporary file; texts already stored stay readable (open inode)."""
        with contextlib.suppress(OSError):
            os.unlink(self.temp)
