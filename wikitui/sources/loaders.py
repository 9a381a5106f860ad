"""Text loaders: how a page gets a revision's wikitext back after the scan.

Revisions hold only a small ``text_ref``; the loader turns it into text when a view asks:

* :class:`FileRangeLoader` - plain UTF-8 XML files: the ref is the escaped text's byte range
  in the file, read with one ``pread``.
* :class:`SpillLoader` - compressed or transcoded XML: during the scan the texts went, in
  compressed blocks, into an anonymous temporary file; the ref is (block, start, length).
* :class:`MemoryLoader` - API JSON (small files): the texts in a list.
* :class:`FileLoader` - plain wikitext files: the ref is the file's path.
"""

from __future__ import annotations

import lzma
import os
import re
import tempfile
import threading
import weakref
import zlib
from collections import OrderedDict
from collections.abc import Sequence

from wikitui.errors import TextUnavailable
from wikitui.model import Page, Revision

EMPTY_TEXT: tuple[int, ...] = ()  # the text_ref of an empty text, for every loader here

_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(match: re.Match[str]) -> str:
    name = match[1]
    if name[0] != "#":
        return _NAMED[name]
    digits = name[2:] if name[1] in "xX" else name[1:]
    if len(digits) > 8:
        return match[0]  # far beyond Unicode (and too long for int() past 4,300 digits)
    code = int(digits, 16 if name[1] in "xX" else 10)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # a surrogate is not an XML character; no output could encode it
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return match[0]


def xml_text(raw: bytes) -> str:
    """The character data of an XML element body (UTF-8, no markup) as a string.

    Applies XML's line-end normalisation and resolves the five predefined entities and
    character references - all an export's ``<text>`` body can contain.
    """
    text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        if "&#" in text:
            return _ENTITY.sub(_entity, text)
        # Without character references, plain replacements (several times faster than the
        # regex over a long history) give the same result: ``&amp;`` goes last, so the
        # ``&`` it yields is never read as the start of another entity.
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        text = text.replace("&apos;", "'").replace("&amp;", "&")
    return text


# Every "&" in well-formed export text starts one of: &lt; &gt; (4 bytes for 1) or these.
_OTHER_ENTITY = re.compile(rb"&(amp|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);")


def unescaped_size(raw: bytes) -> int:
    """UTF-8 length of :func:`xml_text` of ``raw``, computed without building the string.

    Used when an export's ``<text>`` has no ``bytes`` attribute (schemas before 0.5), so it
    runs over every text of old dumps: it assumes each ``&`` is ``&lt;``/``&gt;`` (3 bytes
    shorter once resolved) and corrects for the rarer entities a regex finds.
    """
    size = len(raw)
    if b"\r" in raw:
        size -= raw.count(b"\r\n")
    if b"&" not in raw:
        return size
    # split() finds the separator with memchr; count() compares byte by byte (2-3x slower).
    size -= 3 * (len(raw.split(b"&")) - 1)
    for name in _OTHER_ENTITY.findall(raw):
        first = name[:1]
        if first == b"a":
            size -= 1 if name == b"amp" else 2  # &amp; and &apos; are 4 and 5 bytes shorter
        elif first == b"q":
            size -= 2
        else:
            digits = name[2:] if name[1:2] in b"xX" else name[1:]
            code = int(digits, 16 if name[1:2] in b"xX" else 10) if len(digits) <= 8 else -1
            if 0xD800 <= code <= 0xDFFF:
                encoded = 3  # U+FFFD, as xml_text writes it
            elif 0 <= code <= 0x10FFFF:
                encoded = len(chr(code).encode("utf-8"))
            else:
                encoded = len(name) + 2  # left as it is by xml_text
            size -= len(name) + 2 - encoded - 3
    return size


class FileRangeLoader:
    """Reads escaped text bodies straight from a plain UTF-8 export by byte range."""

    def __init__(self, path: str) -> None:
        self.path = path

    def load_text(self, revision: Revision) -> str:
        """Read and unescape the revision's ``<text>`` body (ref: ``(offset, length)``)."""
        return xml_text(self.load_escaped(revision))

    def load_escaped(self, revision: Revision) -> bytes:
        """The revision's ``<text>`` body as the export holds it (UTF-8, entities escaped)."""
        if revision.text_ref is None:
            raise TextUnavailable(f"revision {revision.rev_id} has no text in {self.path}")
        if not revision.text_ref:
            return b""  # EMPTY_TEXT
        offset, length = revision.text_ref
        try:
            fd = os.open(self.path, os.O_RDONLY)
            try:
                raw = os.pread(fd, length, offset)
            finally:
                os.close(fd)
        except OSError as error:
            raise TextUnavailable(f"{self.path}: cannot read text: {error.strerror}") from None
        if len(raw) != length:
            raise TextUnavailable(f"{self.path}: the file changed since it was opened")
        return raw


class SpillLoader:
    """Keeps the texts of a streamed source compressed in an anonymous temporary file.

    Texts are gathered into blocks of about :attr:`BLOCK_SIZE` bytes, each compressed as one
    unit. Consecutive revisions of a page are nearly identical, and LZMA's window sees that:
    the 1.05 GB "Anarchism" history spills to under 10 MB, faster than zlib would write it
    text by text. If the first block compresses poorly (unrelated pages, as in an articles
    dump), later blocks use zlib's fastest level instead. Loading a text decompresses its
    block (a few ms); the two latest blocks stay cached, so stepping through neighbouring
    revisions is free.

    (Compressing in a worker thread was tried and measured slower on two busy cores: the
    GIL hand-backs cost more than the overlap won.)

    The file is unlinked as soon as it is created, so nothing is left behind even after a
    crash; :meth:`close` (or garbage collection) releases it. Views may load texts while the
    scan still stores them: a lock guards the block table and the block being filled; reads
    use ``pread`` (no shared file position).
    """

    BLOCK_SIZE = 4 << 20

    def __init__(self, label: str) -> None:
        self.label = label
        handle = tempfile.TemporaryFile(prefix="wikitui-texts-")  # noqa: SIM115
        self._fd = handle.fileno()
        self._end = 0
        self._blocks: list[tuple[int, int, str]] = []  # (offset, length, codec) in the file
        self._pending = bytearray()  # raw bodies of the block being filled
        self._codec = "lzma"
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._error: str | None = None
        self._finalizer = weakref.finalize(self, handle.close)
        # Half a block of window reaches back over several revisions of even a long article,
        # and keeps the encoder's memory (about 8 bytes per window byte) near 16 MB.
        window = max(1 << 16, self.BLOCK_SIZE // 2)
        self._filters = [{"id": lzma.FILTER_LZMA2, "preset": 0, "dict_size": window}]

    def store(self, raw: bytes, sha1: str | None = None) -> tuple[int, ...]:
        """Add one escaped text body; returns its ref ``(block, start, length)``."""
        if not raw:
            return EMPTY_TEXT
        with self._lock:
            ref = (len(self._blocks), len(self._pending), len(raw))
            self._pending += raw
            if len(self._pending) >= self.BLOCK_SIZE:
                self._flush()
        return ref

    def finish(self) -> None:
        """Write out the last, partly filled block (the scan is over)."""
        with self._lock:
            if self._pending:
                self._flush()

    def _flush(self) -> None:
        """Compress the block being filled and append it to the file (lock held)."""
        data = bytes(self._pending)
        codec = self._codec
        try:
            if codec == "lzma":
                blob = lzma.compress(data, format=lzma.FORMAT_RAW, filters=self._filters)
                if not self._blocks and len(blob) > len(data) // 5:
                    self._codec = "zlib"  # texts unrelated to each other: favour speed
            else:
                blob = zlib.compress(data, 1)
            offset = self._end
            view = memoryview(blob)
            while view:
                written = os.pwrite(self._fd, view, offset + len(blob) - len(view))
                view = view[written:]
        except OSError as error:  # disk full, file closed...: these texts are lost
            self._error = error.strerror or str(error)
            offset, blob, codec = -1, b"", "lost"
        self._end += len(blob)
        self._blocks.append((offset, len(blob), codec))
        self._pending = bytearray()
        self._cache[len(self._blocks) - 1] = data
        self._trim_cache()

    def _block(self, index: int) -> bytes:
        """A block's raw bytes (lock held)."""
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        offset, length, codec = self._blocks[index]
        if codec == "lost":
            raise TextUnavailable(f"{self.label}: the text could not be kept ({self._error})")
        blob = os.pread(self._fd, length, offset)
        if codec == "lzma":
            data = lzma.decompress(blob, format=lzma.FORMAT_RAW, filters=self._filters)
        else:
            data = zlib.decompress(blob)
        self._cache[index] = data
        self._trim_cache()
        return data

    def _trim_cache(self) -> None:
        while len(self._cache) > 2:
            self._cache.popitem(last=False)

    def load_text(self, revision: Revision) -> str:
        """Decompress (if need be) and unescape the revision's text."""
        return xml_text(self.load_escaped(revision))

    def load_escaped(self, revision: Revision) -> bytes:
        """The revision's text as the export holds it (UTF-8, entities escaped)."""
        if revision.text_ref is None:
            raise TextUnavailable(f"revision {revision.rev_id} has no text in {self.label}")
        if not revision.text_ref:
            return b""  # EMPTY_TEXT
        block, start, length = revision.text_ref
        if not self._finalizer.alive:
            raise TextUnavailable(f"{self.label} has been closed")
        with self._lock:
            if block == len(self._blocks):
                raw = bytes(self._pending[start : start + length])
            else:
                raw = self._block(block)[start : start + length]
        return raw

    @property
    def spilled_bytes(self) -> int:
        """Size of the temporary file."""
        return self._end

    def close(self) -> None:
        """Release the temporary file."""
        self._finalizer()


class MetadataOnlyLoader:
    """For sources opened with ``texts=False``: every text request explains why it fails."""

    def __init__(self, label: str) -> None:
        self.label = label

    def load_text(self, revision: Revision) -> str:
        """Always raises :class:`TextUnavailable`."""
        raise TextUnavailable(f"{self.label} was opened for its metadata only")


def has_texts(page: Page) -> bool:
    """False when the page was opened for its metadata only (``texts=False``, no index)."""
    return page.loader is not None and not isinstance(page.loader, MetadataOnlyLoader)


class MemoryLoader:
    """Texts held in memory (API responses are small); the ref is an index, None = no text."""

    def __init__(self, label: str, texts: Sequence[str]) -> None:
        self.label = label
        self.texts = texts

    def load_text(self, revision: Revision) -> str:
        """The stored text."""
        if revision.text_ref is None:
            raise TextUnavailable(
                f"{self.label}: the response has no content for revision {revision.rev_id}"
            )
        index: int = revision.text_ref
        return self.texts[index]


def read_wikitext_file(path: str) -> str:
    """A wikitext file's content as MediaWiki would store it.

    UTF-8 with any BOM dropped, line ends as LF, and trailing whitespace removed (MediaWiki
    right-trims every text it saves, so an editor's final newline does not count).
    """
    with open(path, "rb") as handle:
        raw = handle.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip(" \t\n\r\0\x0b")


class FileLoader:
    """Plain wikitext files: the ref is the file path, read on demand."""

    def load_text(self, revision: Revision) -> str:
        """Read the file."""
        if revision.text_ref is None:
            raise TextUnavailable(f"revision {revision.rev_id} has no file")
        try:
            return read_wikitext_file(revision.text_ref)
        except OSError as error:
            raise TextUnavailable(f"{revision.text_ref}: cannot read: {error.strerror}") from None
