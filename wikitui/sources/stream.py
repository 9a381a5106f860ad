"""Byte streams for the XML scanner: a sliding window, a prefetch thread, transcoding.

:class:`Window` gives the scanner absolute offsets into a stream it reads in large chunks and
forgets behind it; :class:`Prefetcher` decompresses ahead in a thread; :class:`Transcoder`
turns UTF-16 (or any other encoding) into UTF-8 on the fly.
"""

from __future__ import annotations

import codecs
import contextlib
import queue
import threading
from collections.abc import Callable

from wikitui.sources import detect

CHUNK_SIZE = 4 << 20
_NAME_END = b" \t\r\n/>"


class Closing:
    """Closes a prefetcher, then the stream it reads."""

    def __init__(self, prefetcher: Prefetcher, stream: detect.ClosableStream) -> None:
        self._prefetcher = prefetcher
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        """Reads go through the prefetcher."""
        return self._prefetcher.read(size)

    def close(self) -> None:
        """Stop the thread first: it must not read a closed stream."""
        self._prefetcher.close()
        self._stream.close()


class Prefetcher:
    """Reads a decompressing stream in a background thread, a few chunks ahead.

    bz2, gzip and LZMA release the GIL while they decompress, so on two cores the scan of one
    chunk overlaps the decompression of the next and listing a compressed file costs little
    more than decompressing it. At most ``depth`` chunks wait in the queue.
    """

    def __init__(self, stream: detect.ByteStream, depth: int = 3) -> None:
        self._stream = stream
        self._queue: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, name="wikitui-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                chunk = self._stream.read(CHUNK_SIZE)
                self._put(chunk)
                if not chunk:
                    return
        except BaseException as error:  # handed to the reading thread, which raises it
            self._put(error)

    def _put(self, item: bytes | BaseException) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def read(self, size: int = -1, /) -> bytes:
        """The next chunk (whole chunks, whatever ``size`` asks); ``b""`` at the end."""
        if self._done:
            return b""
        item = self._queue.get()
        if isinstance(item, BaseException):
            self._done = True
            raise item
        if not item:
            self._done = True
        return item

    def close(self) -> None:
        """Stop the thread (it must not touch the stream once the stream is closed)."""
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)
        self._thread.join()


class Transcoder:
    """Presents a stream in another encoding as UTF-8 bytes, decoding incrementally."""

    def __init__(self, stream: detect.ByteStream, encoding: str, skip: int) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)()
        if skip:
            stream.read(skip)  # the byte order mark

    def read(self, size: int = -1, /) -> bytes:
        while True:
            data = self._stream.read(size)
            text = self._decoder.decode(data, final=not data)
            if text or not data:
                return text.encode("utf-8", errors="surrogatepass")


class Window:
    """A window on the byte stream, addressed by absolute offsets.

    ``mark`` is the earliest offset still needed; older bytes are dropped when more are read.
    """

    def __init__(self, stream: detect.ByteStream, on_chunk: Callable[[], None]) -> None:
        self._stream = stream
        self._on_chunk = on_chunk
        self.data = b""
        self.base = 0
        self.mark = 0
        self.eof = False

    @property
    def end(self) -> int:
        """Absolute offset just past the bytes read so far."""
        return self.base + len(self.data)

    def fill(self) -> bool:
        """Read one more chunk, dropping bytes before ``mark``; False at the end."""
        if self.eof:
            return False
        chunk = self._stream.read(CHUNK_SIZE)
        self._on_chunk()
        if not chunk:
            self.eof = True
            return False
        drop = self.mark - self.base
        if drop > 0:
            self.data = chunk if drop >= len(self.data) else self.data[drop:] + chunk
            self.base = self.mark
        else:
            self.data += chunk
        return True

    def find(self, pattern: bytes, start: int) -> int:
        """Absolute offset of ``pattern`` at or after ``start``; -1 if the stream ends first."""
        while True:
            found = self.data.find(pattern, start - self.base)
            if found >= 0:
                return found + self.base
            start = max(start, self.end - len(pattern) + 1)
            if not self.fill():
                return -1

    def skip_body(self, start: int, parts: list[bytes] | None) -> int:
        """Offset of the next ``<`` from ``start``, appending the bytes passed to ``parts``.

        Bytes passed over are released as it goes, so a huge text never sits in the window.
        """
        while True:
            found = self.data.find(b"<", start - self.base)
            if found >= 0:
                if parts is not None:
                    parts.append(self.data[start - self.base : found])
                return found + self.base
            if parts is not None:
                parts.append(self.data[start - self.base :])
            start = self.end
            self.mark = max(self.mark, start)
            if not self.fill():
                return -1

    def peek(self, offset: int, size: int = 16) -> bytes:
        """Up to ``size`` bytes from ``offset`` (fewer only at the end of the stream)."""
        while self.end < offset + size and self.fill():
            pass
        index = offset - self.base
        return self.data[index : index + size]

    def at(self, offset: int, prefix: bytes) -> bool:
        """Whether the bytes at ``offset`` start with ``prefix``."""
        return self.peek(offset, len(prefix)) == prefix

    def tag_at(self, offset: int, name: bytes) -> bool:
        """Whether a start or end tag of element ``name`` (e.g. ``b"<page"``) is at ``offset``."""
        return is_tag(self.peek(offset, len(name) + 1), name)

    def slice(self, start: int, end: int) -> bytes:
        """Bytes between two absolute offsets still in the window."""
        return self.data[start - self.base : end - self.base]


def is_tag(head: bytes, name: bytes) -> bool:
    """Whether ``head`` starts with the tag ``name`` followed by the end of the name."""
    return head.startswith(name) and len(head) > len(name) and head[len(name)] in _NAME_END
