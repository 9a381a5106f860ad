"""Getting a revision's text back through an index: the zstd text store.

Plain UTF-8 exports need no store: a text is read by its byte range in the file
(:class:`~wikitui.sources.loaders.FileRangeLoader`). Every compressed or transcoded export
keeps its texts here: during the first read they go into zstd-compressed blocks of about
4 MB of consecutive revisions inside the index file, and a text seen before (same sha1 and
length, as after a revert) is stored once. The ref is (block, start, length).

Seeking in the compressed file itself was built and measured first (random revisions of the
bench's dumps): indexed_bzip2 with saved block offsets took 17-28 ms a text (a 900 KB bzip2
block must be decoded whatever the text's size), rapidgzip with its saved index 21 ms
(median), python-xz over 4 MiB blocks 10 ms (median) to 24 ms. From the store a text takes
0.6 ms (median), about 2 ms when its block must be decoded, and reading every revision in
order decodes each block once (the 15,180 texts of "Anarchism" in about 1.5 s). The store
costs 1-2 % of the XML's size.

The decompressors still serve the first read: indexed_bzip2 and rapidgzip decode ``.bz2``
and ``.gz`` with several threads while the scan runs (see :mod:`.build`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

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


class BlockDamaged(TextUnavailable):
    """A text block failed its checksum (see :mod:`wikitui.index.recover`)."""


class TextStore:
    """Texts in zstd blocks inside the index file: written by a build, read by the loader.

    While the index is built, ``store`` gathers texts into the pending block; each full block
    is compressed and written (``write_block``, given by the builder) by one helper thread
    while the scan goes on (zstd works without the GIL: on two cores this takes it off the
    first read's critical path). Texts can be read meanwhile: the pending block and the blocks
    in flight from memory. A block that cannot be written (a full disk) stays in memory,
    compressed, and :attr:`write_error` says why: the texts stay readable, the index is not
    kept. After the build, blocks are read with ``read_block``; ``on_damage`` is called when
    one fails its checksum.
    """

    def __init__(
        self,
        label: str,
        read_block: Callable[[int], bytes | None],
        write_block: Callable[[int, bytes], None] | None = None,
        on_damage: Callable[[], None] | None = None,
    ) -> None:
        self.label = label
        self._on_damage = on_damage
        self._read_block = read_block
        self._write_block = write_block
        self._pending = bytearray()
        self._blocks = 0  # blocks handed to the writer so far (during a build)
        self._seen: OrderedDict[tuple[str, int], tuple[int, ...]] = OrderedDict()
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._decompressor = zstandard.ZstdDecompressor()
        # Used by the store's one writer thread only; zstd checksums every block.
        self._compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True)
        self._in_flight: dict[int, bytes] = {}  # raw blocks not yet written
        self._kept: dict[int, bytes] = {}  # compressed blocks that could not be written
        self._writer: ThreadPoolExecutor | None = None
        self._writes: list[Future[None]] = []
        self.stored_bytes = 0
        self.write_error: str | None = None

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
            full = len(self._pending) >= BLOCK_SIZE
            if full:
                self._hand_over()
        if full:
            self._wait(keep=2)  # at most two blocks in flight: memory stays bounded
        if sha1 is not None:
            self._seen[(sha1, len(raw))] = ref
            if len(self._seen) > SHARED_TEXTS:
                self._seen.popitem(last=False)
        return ref

    def finish(self) -> None:
        """Write the last, partly filled block and wait for every write."""
        with self._lock:
            if self._pending:
                self._hand_over()
            self._seen.clear()
        self._wait(keep=0)
        if self._writer is not None:
            self._writer.shutdown()
            self._writer = None

    def close(self) -> None:
        """The build failed: forget the pending texts."""
        with self._lock:
            self._pending = bytearray()
            self._seen.clear()
        self.finish()

    def _hand_over(self) -> None:
        """Send the pending block to the writer thread (lock held)."""
        if self._write_block is None:  # pragma: no cover - only builders store
            raise RuntimeError("this text store is read-only")
        number, data = self._blocks, bytes(self._pending)
        self._in_flight[number] = data
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="wikitui-texts")
        self._writes.append(self._writer.submit(self._write, number, data))
        self._blocks += 1
        self._pending = bytearray()

    def _write(self, number: int, data: bytes) -> None:
        """Compress and write one block (in the writer thread)."""
        blob = self._compressor.compress(data)
        assert self._write_block is not None
        try:
            self._write_block(number, blob)
        except (sqlite3.Error, OSError) as error:
            self.write_error = str(error)
            self._kept[number] = blob
        self.stored_bytes += len(blob)
        self._in_flight.pop(number, None)  # after the write: a reader finds it somewhere

    def _wait(self, keep: int) -> None:
        """Wait until at most ``keep`` writes are still running."""
        while len(self._writes) > keep:
            self._writes.pop(0).result()

    # -- reading -------------------------------------------------------------------------

    def _trim(self) -> None:
        while len(self._cache) > CACHED_BLOCKS:
            self._cache.popitem(last=False)

    def _block(self, number: int) -> bytes:
        cached = self._cache.get(number)
        if cached is None:
            cached = self._in_flight.get(number)
        if cached is not None:
            self._cache[number] = cached
            self._cache.move_to_end(number)
            self._trim()
            return cached
        try:
            blob = self._kept.get(number) or self._read_block(number)
        except sqlite3.Error as error:
            raise TextUnavailable(f"{self.label}: the index cannot be read: {error}") from None
        if blob is None:
            raise TextUnavailable(f"{self.label}: the index lacks a text block (damaged?)")
        try:
            data = self._decompressor.decompress(blob)
        except zstandard.ZstdError:
            if self._on_damage is not None:
                self._on_damage()
            raise BlockDamaged(
                f"{self.label}: a text block of the index is damaged; "
                "it is rebuilt when the source is next opened"
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
