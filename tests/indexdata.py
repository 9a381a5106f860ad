"""Small generated multi-page exports, in every format the index handles, for its tests.

Generated (not copied) so that every format holds the same history: three pages, texts with
entities and non-ASCII characters, a revert (a text repeated, same sha1), an empty text and
a hidden one.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import lzma
from pathlib import Path

from wikitui.fetch.export import escape_text, sha1_hex_to_base36

FORMATS = ("xml", "xml.bz2", "xml.gz", "xml.xz", "blocks.xml.xz", "xml.lzma")


def _revision(rev_id: int, parent: int, day: int, text: str | None, user: str) -> str:
    if text is None:
        body = '<text deleted="deleted" />\n      <sha1 />'
    else:
        digest = sha1_hex_to_base36(hashlib.sha1(text.encode()).hexdigest())
        size = len(text.encode())
        body = (
            f'<text bytes="{size}" xml:space="preserve">{escape_text(text)}</text>\n'
            f"      <sha1>{digest}</sha1>"
        )
    parent_xml = f"<parentid>{parent}</parentid>" if parent else ""
    return (
        f"    <revision>\n      <id>{rev_id}</id>{parent_xml}\n"
        f"      <timestamp>2020-01-{day:02d}T12:00:00Z</timestamp>\n"
        f"      <contributor><username>{user}</username><id>{rev_id % 7 + 1}</id></contributor>\n"
        f"      <comment>edit {rev_id} &amp; more</comment>\n"
        f"      <model>wikitext</model><format>text/x-wiki</format>\n      {body}\n"
        "    </revision>\n"
    )


def page_texts(number: int, count: int) -> list[str | None]:
    """The texts of one page's revisions, oldest first (None: hidden)."""
    texts: list[str | None] = []
    body = f"'''Page {number}''' is about <things> & \"stuff\" — ünïcödé.\n"
    for index in range(count):
        body += f"== Section {index} ==\nLine {index} of page {number}, with [[links]].\n" * 3
        texts.append(body)
    if count > 4:
        texts[3] = texts[1]  # a revert: the same text (and sha1) again
        texts[2] = ""  # blanked
        texts[4] = None  # text hidden
    return texts


def export(pages: int = 3, revisions: int = 8, extra: str = "") -> str:
    """The XML of a multi-page export; ``extra`` goes at the end of the last page."""
    parts = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n'
        "  <siteinfo><sitename>Test</sitename>"
        "<base>https://test.example.org/wiki/Main</base></siteinfo>\n"
    ]
    rev_id = 100
    for number in range(pages):
        parts.append(f"  <page>\n    <title>Page {number}</title>\n    <ns>0</ns>\n")
        parts.append(f"    <id>{number + 1}</id>\n")
        parent = 0
        for index, text in enumerate(page_texts(number, revisions)):
            rev_id += 1
            parts.append(_revision(rev_id, parent, index + 1, text, f"User{index % 3}"))
            parent = rev_id
        if number == pages - 1:
            parts.append(extra)
        parts.append("  </page>\n")
    parts.append("</mediawiki>\n")
    return "".join(parts)


def compress(data: bytes, name: str) -> bytes:
    """``data`` in the format ``name`` ends with."""
    if name.endswith(".bz2"):
        return bz2.compress(data, 1)
    if name.endswith(".gz"):
        return gzip.compress(data, 1, mtime=0)
    if name.endswith("blocks.xml.xz"):  # several xz streams of one block each: seekable
        size = max(1, len(data) // 5)
        return b"".join(
            lzma.compress(data[start : start + size], format=lzma.FORMAT_XZ)
            for start in range(0, len(data), size)
        )
    if name.endswith(".xz"):
        return lzma.compress(data, format=lzma.FORMAT_XZ)
    if name.endswith(".lzma"):
        return lzma.compress(data, format=lzma.FORMAT_ALONE)
    if name.endswith(".7z"):
        return seven_zip(data)
    return data


def seven_zip(data: bytes) -> bytes:
    """A .7z archive holding one file, as Wikimedia publishes history dumps."""
    import io

    import py7zr

    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w") as archive:
        archive.writestr(data, "dump.xml")
    return buffer.getvalue()


def write(folder: Path, name: str, xml: str | None = None) -> Path:
    """Write the export (default: :func:`export`) as ``folder/source.<name>``."""
    path = folder / f"source.{name}"
    path.write_bytes(compress((xml if xml is not None else export()).encode("utf-8"), name))
    return path
