"""What the XML scanner reads, and where it keeps texts: the seams the persistent index uses.

:class:`DefaultStream` is the usual decompressed (and transcoded) stream of a file. A
:class:`TextPlan` (the index's builder) can hand the scanner another stream (several-thread
decompressors) and a :class:`TextSink` for the texts (the index's text store).
"""

from __future__ import annotations

from typing import Protocol

from wikitui.errors import SourceError
from wikitui.model import TextLoader
from wikitui.sources import detect
from wikitui.sources.stream import Transcoder


class TextSink(Protocol):
    """Where the texts of a compressed or transcoded export go during the scan."""

    def store(self, raw: bytes, sha1: str | None = None) -> tuple[int, ...]:  # pragma: no cover
        """Keep one escaped text body; returns its ``text_ref``."""
        ...

    def finish(self) -> None:  # pragma: no cover - protocol
        """The scan is over: write out what is pending."""
        ...

    def close(self) -> None:  # pragma: no cover - protocol
        """The scan failed: release what was kept."""
        ...


class OpenedStream(Protocol):
    """A decompressed byte stream opened by a :class:`TextPlan`."""

    def read(self, size: int = -1, /) -> bytes:  # pragma: no cover - protocol
        """Up to ``size`` decompressed bytes."""
        ...

    def compressed_position(self) -> int:  # pragma: no cover - protocol
        """Bytes of the file consumed so far (for progress)."""
        ...

    def close(self) -> None:  # pragma: no cover - protocol
        """Release the file."""
        ...


class TextPlan(Protocol):
    """How the persistent index wants a scan to keep texts (see :mod:`wikitui.index`).

    ``ranges``: texts are referred to by ``(offset, length)`` in the stream (a plain UTF-8
    file: the file itself), which ``loader`` reads; otherwise they go to ``sink``. ``open_stream``
    returns the decompressed stream to scan (None: the usual decompressor).
    """

    @property
    def ranges(self) -> bool:  # pragma: no cover - protocol
        """Whether texts are kept as byte ranges of the decompressed stream."""
        ...

    @property
    def loader(self) -> TextLoader:  # pragma: no cover - protocol
        """The loader the pages get."""
        ...

    @property
    def sink(self) -> TextSink | None:  # pragma: no cover - protocol
        """Where texts go when they are not kept as ranges."""
        ...

    def open_stream(self) -> OpenedStream | None:  # pragma: no cover - protocol
        """The stream to scan, or None for the default decompressor."""
        ...


class DefaultStream:
    """The standard decompressor (and transcoder) over the raw file."""

    def __init__(self, path: str, sniffed: detect.Sniffed) -> None:
        self._raw = detect.open_raw(path)
        self._decompressed: detect.ClosableStream = detect.decompressor(
            self._raw, sniffed.compression
        )
        self._stream: detect.ByteStream = self._decompressed
        if sniffed.encoding != "utf-8":
            try:
                self._stream = Transcoder(self._decompressed, sniffed.encoding, sniffed.bom_length)
            except LookupError:
                self.close()
                raise SourceError(f"{path}: unknown XML encoding {sniffed.encoding!r}") from None

    def read(self, size: int = -1, /) -> bytes:
        return self._stream.read(size)

    def compressed_position(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self._decompressed.close()
        self._raw.close()
