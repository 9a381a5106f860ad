"""The metadata of a MediaWiki XML export, parsed: the header, a page's and a revision's fields.

The scan of :mod:`wikitui.sources.xml_export` cuts these small fragments out of the byte
stream (text bodies left behind); ElementTree parses them here, so entities are resolved and
malformed metadata is caught.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit

from wikitui.errors import SourceError
from wikitui.model import Revision, normalise_sha1, parse_timestamp

_TAGS_COMMENT = re.compile(rb"<!--\s*wikitui:tags\s+(.*?)\s*-->", re.S)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")
_VERSION = re.compile(r"export-(\d+)\.(\d+)")


def local_name(tag: str) -> str:
    """An ElementTree tag without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def whole_number(text: str | None) -> int | None:
    """An id or a size; ValueError for anything but a whole number that fits in 64 bits."""
    if text is None or not text.strip():
        return None
    digits = text.strip()
    if len(digits) > 20 or not digits.lstrip("-").isdigit():
        raise ValueError(f"not a number that fits in 64 bits: {digits[:20]!r}")
    value = int(digits)
    if not -(1 << 63) <= value < 1 << 63:
        raise ValueError(f"not a number that fits in 64 bits: {digits!r}")
    return value


def parse_error_text(error: ET.ParseError) -> str:
    """The parser's message without its position, which is relative to the fragment."""
    # ElementTree appends ": line L, column C" relative to the fragment; drop it.
    return re.sub(r": line \d+, column \d+$", "", str(error))


@dataclass(slots=True)
class ExportHeader:
    """What the root element and ``<siteinfo>`` say: the schema version and the wiki's host."""

    version: tuple[int, int] | None
    site: str | None


def parse_header(path: str, header: bytes) -> ExportHeader:
    """Everything before the first page; SourceError when it is not a MediaWiki export."""
    if header.startswith(b"\xef\xbb\xbf"):
        header = header[3:]
    header = _XML_DECLARATION.sub(b"", header, count=1)
    try:
        root = ET.fromstring(header + b"</mediawiki>")
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        where = f"line {line}: " if line else ""
        raise SourceError(
            f"{path}: {where}not a MediaWiki XML export (malformed header: "
            f"{parse_error_text(error)})"
        ) from None
    if local_name(root.tag) != "mediawiki":
        raise SourceError(
            f"{path}: not a MediaWiki XML export (root element <{local_name(root.tag)}>)"
        )
    version = _VERSION.search(root.tag) or _VERSION.search(
        "export-" + root.attrib.get("version", "")
    )
    site: str | None = None
    for child in root:
        if local_name(child.tag) == "siteinfo":
            for item in child:
                if local_name(item.tag) == "base" and item.text:
                    site = urlsplit(item.text.strip()).hostname or None
    return ExportHeader(
        version=(int(version[1]), int(version[2])) if version else None,
        site=site,
    )


def parse_revision(metadata: bytes) -> Revision:
    """A ``<revision>`` element without its text bodies, as a Revision.

    Raises ``ET.ParseError`` for malformed XML, ValueError or TypeError for a bad field.
    """
    element = ET.fromstring(metadata)
    revision = Revision(rev_id=None)
    for child in element:
        name = local_name(child.tag)
        value = child.text
        if name == "id":
            revision.rev_id = whole_number(value)
        elif name == "parentid":
            revision.parent_id = whole_number(value)
        elif name == "timestamp":
            if value and value.strip():
                revision.timestamp = parse_timestamp(value)
        elif name == "contributor":
            _contributor(child, revision)
        elif name == "minor":
            revision.minor = True
        elif name == "comment":
            if child.attrib.get("deleted"):
                revision.comment_hidden = True
            else:
                revision.comment = value or ""
        elif name == "text":
            if child.attrib.get("deleted"):
                revision.text_hidden = True
            if "bytes" in child.attrib:
                revision.size = whole_number(child.attrib["bytes"])
            if revision.sha1 is None and child.attrib.get("sha1"):
                revision.sha1 = normalise_sha1(child.attrib["sha1"])
        elif name == "sha1":
            if value and value.strip():
                revision.sha1 = normalise_sha1(value)
        elif name == "model":
            revision.content_model = (value or "").strip() or None
        elif name == "format":
            revision.content_format = (value or "").strip() or None
    if revision.rev_id is None:
        raise ValueError("the revision has no <id>")
    if revision.comment is None and not revision.comment_hidden:
        revision.comment = ""
    # A missing <parentid> stays None: whether it marks a page creation depends on the
    # page's other revisions (see Page.parent_of).
    if b"wikitui:tags" in metadata:
        revision.tags = _tags_from(metadata)
    return revision


def _contributor(element: ET.Element, revision: Revision) -> None:
    if element.attrib.get("deleted"):
        revision.user_hidden = True
        return
    for item in element:
        name = local_name(item.tag)
        if name == "username":
            revision.user = item.text or ""
        elif name == "id":
            revision.user_id = whole_number(item.text)
        elif name == "ip":
            revision.user = (item.text or "").strip()
            revision.anon = True
    if revision.anon:
        revision.user_id = None


def _tags_from(metadata: bytes) -> tuple[str, ...]:
    match = _TAGS_COMMENT.search(metadata)
    if match is None:
        return ()
    try:
        tags = json.loads(match[1].decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ValueError("unreadable wikitui:tags comment") from None
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError("the wikitui:tags comment is not a list of strings")
    return tuple(tags)
