"""Getting a revision's text back through an index, in every format.

* :class:`SeekableRangeLoader` - ``.bz2`` (indexed_bzip2, with the block offsets the index
  saved), ``.gz`` (rapidgzip, with its saved index) and ``.xz`` of several blocks
  (python-xz, which reads the file's own block index): the ref is the text's byte range in
  the decompressed export, read with one seek.
* :class:`TextStore` - ``.lzma``, single-block ``.xz``, ``.7z`` and transcoded exports, which
  cannot seek: during the first read the texts go into zstd-compressed blocks of consecutive
  revisions inside the index file; a text seen before (same sha1 and length, as after a
  revert) is stored once. The ref is (block, start, length).

Both keep the last few decompressed blocks, so reading every revision oldest to newest (blame,
search) decompresses each block once.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import zstandard

from wikitui.errors import TextUnavailable
from wikitui.model import Revision
from wikitui.sources.loaders import EMPTY_TEXT, xml_text

BLOCK_SIZE = 4 << 20  # raw bytes of texts per zstd block
CACHED_BLOCKS = 4
ZSTD_LEVEL = 3

# Readers with threads inside (rapidgzip aborts the interpreter if one is still open at exit).
_OPEN_READERS: weakref.WeakSet[SeekableRangeLoader] = weakref.WeakSet()


@atexit.register
def _close_readers() -> None:
    for loader in list(_OPEN_READERS):
        loader.close()


def open_bz2(path: str, offsets: dict[int, int] | None, threads: int = 1) -> Any:
    """An indexed_bzip2 reader of ``path``; with ``offsets`` it seeks without a scan."""
    import indexed_bzip2

    reader = indexed_bzip2.open(path, parallelization=threads)
    if offsets:
        reader.set_block_offsets(offsets)
    return reader


def open_gzip(path: str, index: bytes | None, threads: int = 1) -> Any:
    """A rapidgzip reader of ``path``; with ``index`` (its exported index) it seeks at once."""
    import rapidgzip

    reader = rapidgzip.open(path, parallelization=threads)
    if index:
        reader.import_index(io.BytesIO(index))
    return reader


def open_xz(path: str) -> Any:
    """A python-xz reader of ``path`` (it seeks with the file's own block index)."""
    import xz

    return xz.open(path, "rb")


class SeekableRangeLoader:
    """Reads a text as a byte range of the decompressed export, through a seekable reader.

    ``opener`` makes the reader (opened on first use, kept, closed at exit). ``ready`` is
    set once the index that the reader needs (block offsets) is complete: a text asked for
    while the first read is still going waits for it.
    """

    def __init__(self, label: str, opener: Callable[[], Any]) -> None:
        self.label = label
        self._opener = opener
        self._reader: Any = None
        self._lock = threading.Lock()
        self.ready = threading.Event()
        self.failed: str | None = None
        _OPEN_READERS.add(self)

    def load_text(self, revision: Revision) -> str:
        """Seek to the text and unescape it."""
        return xml_text(self.load_escaped(revision))

    def load_escaped(self, revision: Revision) -> bytes:
        """The text as the export holds it (UTF-8, entities escaped), for the pickaxe."""
        ref = revision.text_ref
        if ref is None:
            raise TextUnavailable(f"revision {revision.rev_id} has no text in {self.label}")
        if not ref:
            return b""  # EMPTY_TEXT
        offset, length = ref
        self.ready.wait()
        if self.failed is not None:
            raise TextUnavailable(f"{self.label}: {self.failed}")
        with self._lock:
            try:
                if self._reader is None:
                    self._reader = self._opener()
                self._reader.seek(offset)
                raw = self._reader.read(length)
            except (OSError, EOFError, ValueError, RuntimeError) as error:
                raise TextUnavailable(f"{self.label}: cannot read the text: {error}") from None
        if len(raw) != length:
            raise TextUnavailable(f"{self.label}: the file changed since it was indexed")
        return bytes(raw)

    def close(self) -> None:
        """Release the reader (and its threads)."""
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            with contextlib.suppress(OSError, ValueError, RuntimeError):
                reader.close()


class TextStore:
    """Texts in zstd blocks inside the index file: written by a build, read by the loader.

    While the index is built, ``store`` gathers texts into the pending block and
    ``write_block`` (given by the builder) puts each full block into the database; texts
    can be read meanwhile (the pending block from memory). After that, blocks are read with
    ``read_block``.
    """

    def __init__(
        self,
        label: str,
        read_block: Callable[[int], bytes | None],
        write_block: Callable[[int, bytes], None] | None = None,
    ) -> None:
        self.label = label
        self._read_block = read_block
        self._write_block = write_block
        self._pending = bytearray()
        self._blocks = 0  # blocks written so far (during a build)
        self._seen: dict[tuple[str, int], tuple[int, ...]] = {}
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True)
        self._decompressor = zstandard.ZstdDecompressor()
        self.stored_bytes = 0
        self.failed: str | None = None

    # -- building ------------------------------------------------------------------------

    def store(self, raw: bytes, sha1: str | None = None) -> tuple[int, ...]:
        """Keep one escaped text body (once per sha1 and length); returns its ref."""
        if not raw:
            return EMPTY_TEXT
        if sha1 is not None:
            known = self._seen.get((sha1, len(raw)))
            if known is not None:
                return known
        with self._lock:
            ref = (self._blocks, len(self._pending), len(raw))
            self._pending += raw
            if len(self._pending) >= BLOCK_SIZE:
                self._flush()
        if sha1 is not None:
            self._seen[(sha1, len(raw))] = ref
        return ref

    def finish(self) -> None:
        """Write the last, partly filled block."""
        with self._lock:
            if self._pending:
                self._flush()
            self._seen.clear()

    def close(self) -> None:
        """The build failed: forget the pending texts."""
        with self._lock:
            self._pending = bytearray()
            self._seen.clear()

    def _flush(self) -> None:
        data = bytes(self._pending)
        blob = self._compressor.compress(data)
        if self._write_block is None:  # pragma: no cover - only builders store
            raise RuntimeError("this text store is read-only")
        self._write_block(self._blocks, blob)
        self.stored_bytes += len(blob)
        self._cache[self._blocks] = data
        self._trim()
        self._blocks += 1
        self._pending = bytearray()

    # -- reading -------------------------------------------------------------------------

    def _trim(self) -> None:
        while len(self._cache) > CACHED_BLOCKS:
            self._cache.popitem(last=False)

    def _block(self, number: int) -> bytes:
        cached = self._cache.get(number)
        if cached is not None:
            self._cache.move_to_end(number)
            return cached
        if self.failed is not None:
            raise TextUnavailable(f"{self.label}: {self.failed}")
        try:
            blob = self._read_block(number)
        except sqlite3.Error as error:
            raise TextUnavailable(f"{self.label}: the index cannot be read: {error}") from None
        if blob is None:
            raise TextUnavailable(f"{self.label}: the index lacks a text block (damaged?)")
        try:
            data = self._decompressor.decompress(blob)
        except zstandard.ZstdError:
            raise TextUnavailable(
                f"{self.label}: a text block of the index is damaged; "
                "run 'wikitui cache clear' and open it again"
            ) from None
        self._cache[number] = data
        self._trim()
        return data

    def raw(self, ref: tuple[int, ...]) -> bytes:
        """The escaped body a ref points to."""
        block, start, length = ref
        with self._lock:
            if block == self._blocks and self._write_block is not None:
                data = bytes(self._pending[start : start + length])
            else:
                data = self._block(block)[start : start + length]
        if len(data) != length:
            raise TextUnavailable(f"{self.label}: the index has a wrong text reference")
        return data

    def load_text(self, revision: Revision) -> str:
        """Decompress (if need be) and unescape the revision's text."""
        return xml_text(self.load_escaped(revision))

    def load_escaped(self, revision: Revision) -> bytes:
        """The text as the export holds it (UTF-8, entities escaped), for the pickaxe."""
        ref = revision.text_ref
        if ref is None:
            raise TextUnavailable(f"revision {revision.rev_id} has no text in {self.label}")
        if not ref:
            return b""
        return self.raw(ref)

    def built(self, read_block: Callable[[int], bytes | None]) -> None:
        """The build is over: read blocks from the finished index from now on."""
        with self._lock:
            self._read_block = read_block
            self._write_block = None


def file_size(path: str | os.PathLike[str]) -> int:
    """Size of a file, 0 if it is gone."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
