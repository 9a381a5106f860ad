"""Reading the XML out of a ``.7z`` archive as a stream, with libarchive.

Wikimedia publishes its full-history dumps as ``.7z`` archives holding one XML file. The
archive's first file is streamed through libarchive (``libarchive-c``): on the 0.8 GB
generated dump of ``bench/``, it decompresses in 0.3-0.4 s where py7zr (which pushes the
output into writer objects from Python) took 1.6-1.8 s and ``7z x -so`` 0.7-0.8 s
(``bench/bench_index.py`` measures it again).

7z keeps its directory at the end of the file, so a truncated archive cannot be opened at
all: that is reported as such.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, BinaryIO

BLOCK_SIZE = 1 << 20
MAGIC = b"7z\xbc\xaf\x27\x1c"


class SevenZipStream:
    """The decompressed bytes of the first file in a 7z archive, read in steps.

    Errors (corrupt or truncated data, libarchive missing) are raised as ``OSError``.
    """

    def __init__(self, raw: BinaryIO) -> None:
        try:
            import libarchive
            from libarchive.exception import ArchiveError
        except (ImportError, OSError) as error:  # libarchive-c loads the C library at import
            raise OSError(f"reading .7z needs libarchive ({error})") from None
        self._errors: tuple[type[Exception], ...] = (ArchiveError, OSError, ValueError)
        self._context: Any = None
        self._buffer = b""
        self._blocks: Iterator[bytes] = iter(())
        try:
            self._context = libarchive.fd_reader(raw.fileno(), block_size=BLOCK_SIZE)
            archive = self._context.__enter__()
            for entry in archive:
                if entry.isfile:
                    self._blocks = iter(entry.get_blocks(BLOCK_SIZE))
                    break
        except self._errors as error:
            self.close()
            raise OSError(_reason(error)) from None

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes (all that is left when ``size`` < 0)."""
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(1 << 24), b""))
        parts = [self._buffer] if self._buffer else []
        have = len(self._buffer)
        try:
            while have < size:
                block = next(self._blocks, None)
                if block is None:
                    break
                parts.append(block)
                have += len(block)
        except self._errors as error:
            raise OSError(_reason(error)) from None
        data = parts[0] if len(parts) == 1 else b"".join(parts)  # one copy at most, and
        if len(data) <= size:  # none when whole blocks fill the request
            self._buffer = b""
            return bytes(data)
        self._buffer = data[size:]
        return data[:size]

    def close(self) -> None:
        """Release libarchive's reader (the caller closes ``raw``)."""
        context, self._context = self._context, None
        if context is not None:
            with contextlib.suppress(*self._errors):  # already failed: nothing to release
                context.__exit__(None, None, None)


def _reason(error: BaseException) -> str:
    """libarchive's message without its internals (errno, return code, pointer)."""
    message = getattr(error, "msg", None) if hasattr(error, "retcode") else str(error)
    if not message or message == "None":
        return "truncated or damaged archive (its directory cannot be read)"
    return str(message).strip()
