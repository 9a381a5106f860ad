"""Writing a fetched history as a MediaWiki XML export, schema 0.11.

The layout follows what MediaWiki's own ``Special:Export`` writes (element order of
``export-0.11.xsd``; ``<parentid>`` only for a revision that has a parent; ``<comment>`` only
when not empty; ``<ip>`` for anonymous edits), so any dump tool can read the file. The one
addition is the change tags, which the schema has no element for: they go in an XML comment
``<!-- wikitui:tags ["a","b"] -->`` inside ``<revision>``, which other readers skip.

Files are written atomically: into a temporary file in the destination's folder, flushed and
fsynced, then renamed over the destination. A failure at any point removes the temporary file
and leaves an existing destination as it was.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import hashlib
import ipaddress
import json
import lzma
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from wikitui.errors import FetchError

EXPORT_NS = "http://www.mediawiki.org/xml/export-0.11/"
SCHEMA_VERSION = "0.11"
TAGS_COMMENT_PREFIX = "wikitui:tags "

# Characters XML 1.0 forbids even as character references. MediaWiki's own writer replaces
# them too (``Xml::elementClean``); a wikitext never legitimately contains them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The same for UTF-8 bytes (lone surrogates as "surrogatepass" encodes them). Texts are escaped
# as bytes: a scan with bytes.translate and memchr-based checks is several times faster than a
# regex over a str, and a refresh rewrites every text of a long history.
_FORBIDDEN_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_OTHER_BYTES = bytes(b for b in range(256) if b not in _FORBIDDEN_BYTES)
_INVALID_UTF8_XML = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf][\x80-\xbf]"
)
_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(slots=True)
class SiteInfo:
    """What ``<siteinfo>`` says about the wiki (every field optional)."""

    sitename: str | None = None
    dbname: str | None = None
    base: str | None = None
    generator: str | None = None
    case: str | None = None
    lang: str = "en"
    namespaces: list[tuple[int, str, str]] = field(default_factory=list)  # key, case, name


@dataclass(slots=True)
class PageInfo:
    """The ``<page>`` header: title, namespace, page id and redirect target if any."""

    title: str
    ns: int
    page_id: int
    redirect: str | None = None


@dataclass(slots=True)
class ExportRevision:
    """One revision as the export writes it.

    ``sha1`` is the hexadecimal SHA-1 the Action API reports (the file holds it in base 36,
    as MediaWiki's exports do). ``text`` is None when the text is hidden or unavailable.
    """

    rev_id: int
    parent_id: int
    timestamp: str  # ISO 8601, UTC, trailing Z
    user: str | None = None
    user_id: int = 0
    user_hidden: bool = False
    minor: bool = False
    comment: str | None = None
    comment_hidden: bool = False
    tags: tuple[str, ...] = ()
    model: str = "wikitext"
    format: str = "text/x-wiki"
    size: int | None = None
    sha1: str | None = None
    text_hidden: bool = False
    text: str | None = None
    origin: int | None = None  # the revision that introduced this content; see export_chunks


def sha1_hex_to_base36(hex_digest: str) -> str:
    """MediaWiki's storage form of a SHA-1: base 36, zero-padded to 31 digits."""
    number = int(hex_digest, 16)
    digits = []
    while number:
        number, remainder = divmod(number, 36)
        digits.append(_BASE36[remainder])
    return "".join(reversed(digits)).rjust(31, "0")


def tags_comment(tags: Iterable[str]) -> str:
    """The ``<!-- wikitui:tags [...] -->`` comment carrying change tags.

    The payload is a JSON list. ``--`` may not appear inside an XML comment, so every ``-``
    that follows another ``-`` is written as the JSON escape ``\\u002d``; a comment also may not
    end in ``-``, which the closing ``]`` of the list rules out.
    """
    payload = json.dumps(list(tags), ensure_ascii=False, separators=(",", ":"))
    payload = _INVALID_XML.sub("\ufffd", payload)
    while "--" in payload:
        payload = payload.replace("--", "-\\u002d")
    return f"<!-- {TAGS_COMMENT_PREFIX}{payload} -->"


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def escape_text(text: str) -> str:
    """Escape element content. ``\\r`` becomes ``&#13;`` so parsers don't fold it into ``\\n``."""
    return (
        _clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def escape_bytes(data: bytes) -> bytes:
    """:func:`escape_text` for UTF-8 bytes (``surrogatepass`` allowed), the fast path for texts."""
    if (
        data.translate(None, _OTHER_BYTES)
        or b"\xef\xbf\xbe" in data
        or b"\xef\xbf\xbf" in data
        or (b"\xed" in data and _SURROGATE.search(data))
    ):
        data = _INVALID_UTF8_XML.sub(b"\xef\xbf\xbd", data)
    return (
        data.replace(b"&", b"&amp;")
        .replace(b"<", b"&lt;")
        .replace(b">", b"&gt;")
        .replace(b"\r", b"&#13;")
    )


def escape_attr(text: str) -> str:
    """Escape an attribute value (whitespace kept exactly through character references)."""
    return escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _element(name: str, value: str | int, indent: str) -> str:
    return f"{indent}<{name}>{escape_text(str(value))}</{name}>\n"


def is_ip_address(name: str) -> bool:
    """True for an IPv4 or IPv6 address (how logged-out edits are named)."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def header(site: SiteInfo) -> str:
    """The root element's opening tag and ``<siteinfo>``."""
    out = [
        f'<mediawiki xmlns="{EXPORT_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{EXPORT_NS} http://www.mediawiki.org/xml/export-0.11.xsd" '
        f'version="{SCHEMA_VERSION}" xml:lang="{escape_attr(site.lang or "en")}">\n',
        "  <siteinfo>\n",
    ]
    for name in ("sitename", "dbname", "base", "generator", "case"):
        value = getattr(site, name)
        if value:
            out.append(_element(name, value, "    "))
    if site.namespaces:
        out.append("    <namespaces>\n")
        for key, case, name in site.namespaces:
            attrs = f'key="{key}" case="{escape_attr(case)}"'
            if name:
                out.append(f"      <namespace {attrs}>{escape_text(name)}</namespace>\n")
            else:
                out.append(f"      <namespace {attrs} />\n")
        out.append("    </namespaces>\n")
    out.append("  </siteinfo>\n")
    return "".join(out)


def page_header(page: PageInfo) -> str:
    """``<page>`` with its title, namespace, id and redirect target."""
    out = [
        "  <page>\n",
        _element("title", page.title, "    "),
        _element("ns", page.ns, "    "),
        _element("id", page.page_id, "    "),
    ]
    if page.redirect is not None:
        out.append(f'    <redirect title="{escape_attr(page.redirect)}" />\n')
    return "".join(out)


def revision_xml(rev: ExportRevision) -> str:
    """One ``<revision>`` element, indented as in MediaWiki's exports."""
    return revision_bytes(rev).decode("utf-8")


def revision_bytes(rev: ExportRevision) -> bytes:
    """:func:`revision_xml` as UTF-8 bytes (what the writer uses)."""
    ind = "      "
    out = ["    <revision>\n", _element("id", rev.rev_id, ind)]
    if rev.parent_id:
        out.append(_element("parentid", rev.parent_id, ind))
    out.append(_element("timestamp", rev.timestamp, ind))
    if rev.user_hidden:
        out.append(f'{ind}<contributor deleted="deleted" />\n')
    else:
        name = rev.user or ""
        out.append(f"{ind}<contributor>\n")
        # MediaWiki writes <ip> only for a logged-out edit whose name is an address;
        # imported edits ("imported>Name") keep a username with id 0.
        if rev.user_id or not is_ip_address(name):
            out.append(_element("username", name, ind + "  "))
            out.append(_element("id", rev.user_id, ind + "  "))
        else:
            out.append(_element("ip", name, ind + "  "))
        out.append(f"{ind}</contributor>\n")
    if rev.minor:
        out.append(f"{ind}<minor/>\n")
    if rev.comment_hidden:
        out.append(f'{ind}<comment deleted="deleted" />\n')
    elif rev.comment:
        out.append(_element("comment", rev.comment, ind))
    out.append(_element("origin", rev.origin or rev.rev_id, ind))
    out.append(_element("model", rev.model or "wikitext", ind))
    out.append(_element("format", rev.format or "text/x-wiki", ind))
    head = "".join(out).encode("utf-8")
    text = _text_element(rev, ind)
    out = []
    if rev.text_hidden or not rev.sha1:
        out.append(f"{ind}<sha1/>\n")
    else:
        out.append(_element("sha1", sha1_hex_to_base36(rev.sha1), ind))
    if rev.tags:
        out.append(f"{ind}{tags_comment(rev.tags)}\n")
    out.append("    </revision>\n")
    return head + text + "".join(out).encode("utf-8")


def _text_element(rev: ExportRevision, ind: str) -> bytes:
    attrs = []
    if rev.text is not None and not rev.text_hidden:
        data = rev.text.encode("utf-8", "surrogatepass")
        sha1 = sha1_hex_to_base36(hashlib.sha1(data).hexdigest())
        start = f'{ind}<text bytes="{len(data)}" sha1="{sha1}" xml:space="preserve">'
        return start.encode("utf-8") + escape_bytes(data) + b"</text>\n"
    if rev.size is not None:
        attrs.append(f'bytes="{rev.size}"')
    if rev.sha1 and not rev.text_hidden:
        attrs.append(f'sha1="{sha1_hex_to_base36(rev.sha1)}"')
    attrs.append('deleted="deleted"')
    return f"{ind}<text {' '.join(attrs)} />\n".encode()


def export_chunks(
    site: SiteInfo, page: PageInfo, revisions: Iterable[ExportRevision]
) -> Iterator[bytes]:
    """The whole export as UTF-8, piece by piece (revisions in the order given)."""
    yield b'<?xml version="1.0" encoding="utf-8"?>\n'
    yield header(site).encode("utf-8")
    yield page_header(page).encode("utf-8")
    # <origin> names the revision that introduced the main slot's content. The API does not
    # report it; on a live wiki a revision with its parent's exact content is a null
    # revision (a move, a protection) that shares its parent's content, as MediaWiki records.
    seen: dict[int, tuple[str | None, int]] = {}
    for rev in revisions:
        if rev.origin is None:
            parent = seen.get(rev.parent_id)
            same = parent is not None and rev.sha1 is not None and parent[0] == rev.sha1
            rev = replace(rev, origin=parent[1] if parent and same else rev.rev_id)
        seen[rev.rev_id] = (None if rev.text_hidden else rev.sha1, rev.origin or rev.rev_id)
        yield revision_bytes(rev)
    yield b"  </page>\n</mediawiki>\n"


def write_atomically(dest: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` on a temporary file beside ``dest``, then rename it over ``dest``.

    Whatever goes wrong (an exception from ``write``, a full disk, an interrupt), the
    temporary file is removed and an existing ``dest`` is left untouched.
    """
    folder = dest.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise FetchError(f"cannot write in {folder}: {error.strerror or error}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if dest.exists():
            # Keep the permissions a user gave the file being replaced.
            with contextlib.suppress(OSError):
                os.chmod(tmp, dest.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, dest)
    except BaseException as error:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(error, OSError):
            raise FetchError(f"cannot write {dest}: {error.strerror or error}") from None
        raise
    # Make the rename itself durable; not every filesystem lets a folder be opened for this.
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _compressor(
    dest: Path, handle: IO[bytes]
) -> gzip.GzipFile | bz2.BZ2File | lzma.LZMAFile | None:
    """A compressing writer when the file name asks for one (``.gz``, ``.bz2``, ``.xz``)."""
    suffix = dest.suffix.lower()
    if suffix == ".gz":
        return gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0)
    if suffix == ".bz2":
        return bz2.BZ2File(handle, "wb")
    if suffix == ".xz":
        return lzma.LZMAFile(handle, "wb", format=lzma.FORMAT_XZ)
    return None


def write_export(
    dest: Path, site: SiteInfo, page: PageInfo, revisions: Iterable[ExportRevision]
) -> None:
    """Write a one-page export to ``dest`` atomically (see :func:`write_atomically`).

    A name ending in ``.gz``, ``.bz2`` or ``.xz`` gets a compressed file, which every wikitui
    command opens as it is.
    """

    def write(handle: IO[bytes]) -> None:
        compressor = _compressor(dest, handle)
        out = compressor or handle
        buffer: list[bytes] = []
        pending = 0
        for chunk in export_chunks(site, page, revisions):
            buffer.append(chunk)
            pending += len(chunk)
            if pending > 1 << 20:
                out.write(b"".join(buffer))
                buffer.clear()
                pending = 0
        out.write(b"".join(buffer))
        if compressor is not None:
            compressor.close()  # flushes the compressed stream; ``handle`` stays open

    write_atomically(dest, write)
