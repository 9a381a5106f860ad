"""Byte streams for the XML scanner: a sliding window and transcoding.

:class:`Window` gives the scanner absolute offsets into a stream it reads in large chunks and
forgets behind it; :class:`Transcoder` turns UTF-16 (or any other encoding) into UTF-8 on
the fly; :func:`line_numbers` finds the lines of offsets when a message needs them.

(Decompressing in a second thread was tried and measured slower: the decompressor gives up
the GIL only between output blocks, and waiting for it back each time cost more than the
overlap won on two cores.)
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from wikitui.errors import SourceError
from wikitui.sources import detect

CHUNK_SIZE = 4 << 20
_NAME_END = b" \t\r\n/>"

_REREAD_ERRORS: tuple[type[Exception], ...] = (
    *detect.DECOMPRESSION_ERRORS,
    UnicodeDecodeError,
    SourceError,
)


class Transcoder:
    """Presents a stream in another encoding as UTF-8 bytes, decoding incrementally."""

    def __init__(self, stream: detect.ByteStream, encoding: str, skip: int) -> None:
        self._stream = stream
        if not detect.is_text_encoding(encoding):
            raise LookupError(encoding)  # base64, rot13...: not a character encoding
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


def line_numbers(stream: detect.ClosableStream, offsets: list[int]) -> dict[int, int]:
    """1-based line numbers of offsets in ``stream``, read from its start; closes it.

    A stream that fails part of the way gives what it could: the scan has already said what
    is wrong with the file.
    """
    lines: dict[int, int] = {}
    wanted = sorted(set(offsets))
    try:
        position = 0
        newlines = 0
        while wanted:
            chunk = stream.read(CHUNK_SIZE)
            if not chunk:
                break
            while wanted and wanted[0] <= position + len(chunk):
                lines[wanted[0]] = newlines + chunk.count(b"\n", 0, wanted[0] - position) + 1
                wanted.pop(0)
            newlines += chunk.count(b"\n")
            position += len(chunk)
        for offset in wanted:
            lines[offset] = newlines + 1
    except _REREAD_ERRORS:
        pass  # the scan already said what is wrong with the file
    finally:
        stream.close()
    return lines
