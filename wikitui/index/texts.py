"""Getting a revision's text back through an index: the zstd text store.

Plain UTF-8 exports need no store: a text is read by its byte range in the file
(:class:`~wikitui.sources.loaders.FileRangeLoader`). Every compressed or transcoded export
keeps its texts here: during the first read they go into zstd-compressed blocks of about
4 MB of consecutive revisions inside the index file, and a text seen before (same sha1 and
length, as after a revert) is stored once. The ref is (block, start, length).

Seeking in the compressed file itself was built and measured first (``bench/bench_index.py``
on the 0.8 GB dump, random revisions): indexed_bzip2 with saved block offsets took 17-28 ms a
text (a 900 KB bzip2 block must be decoded whatever the text's size), rapidgzip with its saved
index about 21 ms, python-xz over 4 MiB blocks 10-24 ms; a store block decodes in 2-5 ms, and
reading every revision in order decodes each block once (the 15,180 texts of "Anarchism" in
about 1.5 s). The store costs 1-2 % of the XML's size.

The decompressors still serve the first read: indexed_bzip2 and rapidgzip decode ``.bz2``
and ``.gz`` with several threads while the scan runs.
"""

from __future__ import annotations

import sqlite3
import threading
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
# Texts remembered for sharing (by sha1 and length): reverts restore a recent text, so the
# latest few thousand suffice, and a dump of millions of revisions does not grow this.
SHARED_TEXTS = 20_000


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
        self._seen: OrderedDict[tuple[str, int], tuple[int, ...]] = OrderedDict()
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
                self._seen.move_to_end((sha1, len(raw)))
                return known
        with self._lock:
            ref = (self._blocks, len(self._pending), len(raw))
            self._pending += raw
            if len(self._pending) >= BLOCK_SIZE:
                self._flush()
        if sha1 is not None:
            self._seen[(sha1, len(raw))] = ref
            if len(self._seen) > SHARED_TEXTS:
                self._seen.popitem(last=False)
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
        ref = revision.text_ref
        if ref is None:
            raise TextUnavailable(f"revision {revision.rev_id} has no text in {self.label}")
        if not ref:
            return ""
        return xml_text(self.raw(ref))

    def built(self, read_block: Callable[[int], bytes | None]) -> None:
        """The build is over: read blocks from the finished index from now on."""
        with self._lock:
            self._read_block = read_block
            self._write_block = None
