"""MediaWiki XML exports and dumps (export schema 0.3 to 0.11), streamed.

A full XML parser spends most of its time on the ``<text>`` bodies, which a history listing
never needs. This scanner reads the (decompressed, UTF-8) byte stream in large chunks, finds
element boundaries with ``bytes.find``, and jumps over each text body with a search for the
next ``<`` (character data cannot contain a raw ``<``, so that is where ``</text>`` is). What is
left of a revision - a few hundred bytes of metadata - goes through ElementTree
(:mod:`wikitui.sources.xml_metadata`), so entities are resolved and malformed metadata is
caught and reported with its line.

Texts are not kept: a plain UTF-8 file remembers each body's byte range; a compressed or
transcoded one spills the bodies, in compressed blocks, into an anonymous temporary file
(:class:`~wikitui.sources.loaders.SpillLoader`). Memory stays flat whatever the file's size.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from wikitui.errors import SourceError
from wikitui.model import LoadProblem, Page, Revision, Source, TextLoader
from wikitui.sources import detect
from wikitui.sources.loaders import (
    EMPTY_TEXT,
    FileRangeLoader,
    MetadataOnlyLoader,
    SpillLoader,
    unescaped_size,
)
from wikitui.sources.scan_plan import DefaultStream, OpenedStream, TextPlan, TextSink
from wikitui.sources.stream import Window, is_tag, line_numbers
from wikitui.sources.xml_metadata import (
    local_name,
    parse_error_text,
    parse_header,
    parse_revision,
    whole_number,
)

_BYTES_ATTR = re.compile(rb'\sbytes\s*=\s*["\'](\d+)')

ProgressCallback = Callable[[int, int], None]
PageCallback = Callable[[Page], None]


class _Malformed(Exception):
    """Structural damage the scan cannot step over; becomes a :class:`SourceError`."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class XmlExportReader:
    """Reads one export file into a :class:`Source` (see :func:`load_xml_export`)."""

    def __init__(
        self,
        path: str,
        sniffed: detect.Sniffed,
        *,
        texts: bool,
        on_progress: ProgressCallback | None,
        on_page: PageCallback | None,
        plan: TextPlan | None = None,
    ) -> None:
        self.path = path
        self.sniffed = sniffed
        self.on_progress = on_progress
        self.on_page = on_page
        self.plan = plan
        self.source = Source(path=path, kind="xml")
        self.site: str | None = None
        self.version = (0, 10)
        self.plain = sniffed.compression is None and sniffed.encoding == "utf-8"
        self.loader: TextLoader
        self.spill: TextSink | None = None
        if plan is not None:
            self.loader = plan.loader
            self.spill = None if plan.ranges else plan.sink
        elif self.plain:
            self.loader = FileRangeLoader(path)
        elif texts:
            self.loader = self.spill = SpillLoader(path)
        else:
            self.loader = MetadataOnlyLoader(path)
        self.pages: dict[str, Page] = {}
        self.total = detect.file_size(path)
        self._problem_offsets: list[tuple[LoadProblem, int]] = []

    # -- driving -------------------------------------------------------------------------

    def _open_stream(self) -> OpenedStream:
        """The UTF-8 byte stream to scan."""
        return DefaultStream(self.path, self.sniffed)

    def read(self) -> Source:
        """Scan the whole file."""
        opened = self.plan.open_stream() if self.plan is not None else None
        stream = opened if opened is not None else self._open_stream()
        compression = self.sniffed.compression
        try:

            def progress() -> None:
                if self.on_progress is not None:
                    position = stream.compressed_position()
                    self.on_progress(min(position, self.total), self.total)

            buffer = Window(stream, progress)
            try:
                self._scan(buffer)
            except _Malformed as error:
                raise SourceError(self._where(error.offset, str(error))) from None
            except UnicodeDecodeError as error:
                raise SourceError(
                    f"{self.path}: not valid {self.sniffed.encoding} text ({error.reason})"
                ) from None
            except detect.DECOMPRESSION_ERRORS as error:
                if compression is None:
                    raise SourceError(f"{self.path}: cannot read: {error}") from None
                raise SourceError(
                    detect.describe_decompression_error(self.path, compression, error)
                ) from None
        except BaseException:
            if self.spill is not None:
                self.spill.close()
            raise
        finally:
            stream.close()
        if self.spill is not None:
            self.spill.finish()
        # A file whose revisions record their parents omits <parentid> only for a creation:
        # so is the lone (or first) revision of a page that names no parent at all.
        records_parents = any(page.has_parent_ids for page in self.source.all_pages())
        for page in self.source.all_pages():
            page.settle_parents(first_is_creation=records_parents)
        self._locate_problems()
        if self.on_progress is not None:
            self.on_progress(self.total, self.total)
        return self.source

    def _lines_at(self, offsets: list[int]) -> dict[int, int]:
        """1-based line numbers of stream offsets, by reading the stream again.

        Only messages need line numbers, so the fast scan does not count newlines; this
        second pass runs only when something went wrong.
        """
        return line_numbers(self._open_stream(), offsets)

    def _locate_problems(self) -> None:
        """Turn the byte offsets of load problems into line numbers."""
        if not self._problem_offsets:
            return
        lines = self._lines_at([offset for _, offset in self._problem_offsets])
        for problem, offset in self._problem_offsets:
            if offset in lines:
                problem.location = f"line {lines[offset]}"

    def _where(self, offset: int, message: str) -> str:
        line = self._lines_at([offset]).get(offset)
        unit = "byte" if self.plain else "decompressed byte" if self.sniffed.compression else ""
        where = f"line {line}" if line is not None else ""
        if unit:
            where = f"{where}, {unit} {offset}" if where else f"{unit} {offset}"
        return f"{self.path}: {where}: {message}" if where else f"{self.path}: {message}"

    # -- structure -----------------------------------------------------------------------

    def _scan(self, buffer: Window) -> None:
        position = self._read_header(buffer)
        while True:
            buffer.mark = position
            tag = self._next_tag(buffer, position, "before </mediawiki>")
            if buffer.tag_at(tag, b"<page"):
                position = self._read_page(buffer, tag)
            elif buffer.at(tag, b"</mediawiki>"):
                return
            elif buffer.at(tag, b"<!--"):
                position = self._skip_comment(buffer, tag)
            elif buffer.at(tag, b"</"):
                raise _Malformed("unexpected end tag: the XML is malformed", tag)
            else:
                position = self._skip_element(buffer, tag)

    def _next_tag(self, buffer: Window, position: int, context: str) -> int:
        found = buffer.find(b"<", position)
        if found < 0:
            raise _Malformed(f"the file ends {context}: it is truncated", buffer.end)
        return found

    def _skip_comment(self, buffer: Window, start: int) -> int:
        end = buffer.find(b"-->", start + 4)
        if end < 0:
            raise _Malformed("unterminated comment: the file is truncated", start)
        return end + 3

    def _skip_element(self, buffer: Window, start: int) -> int:
        """Step over an element the listing does not use (``<upload>``, ``<logitem>``...)."""
        close = buffer.find(b">", start)
        if close < 0:
            raise _Malformed("the file ends inside a tag: it is truncated", start)
        head = buffer.slice(start + 1, close)
        if head.endswith(b"/"):
            return close + 1
        name = re.split(rb"[\s/>]", head, maxsplit=1)[0]
        if not name or not re.fullmatch(rb"[A-Za-z_][\w.:-]*", name):
            raise _Malformed("not well-formed XML (a stray '<')", start)
        buffer.mark = max(buffer.mark, close)  # its content (an upload's file...) is not kept
        end = buffer.find(b"</" + name + b">", close)
        if end < 0:
            raise _Malformed(f"<{name.decode()}> is never closed: the file is truncated", start)
        return end + len(name) + 3

    def _read_header(self, buffer: Window) -> int:
        """Parse everything before the first page: the root element and ``<siteinfo>``."""
        if b"<mediawiki" not in buffer.peek(0, 1 << 16):
            raise SourceError(f"{self.path}: not a MediaWiki XML export (no <mediawiki> element)")
        position = 0
        while True:
            found = buffer.find(b"<page", position)
            if found < 0:
                found = buffer.find(b"</mediawiki>", 0)
                if found < 0:
                    raise _Malformed(
                        "no <page> and no </mediawiki>: the file is truncated or not an export",
                        buffer.end,
                    )
                break
            if buffer.tag_at(found, b"<page"):
                break
            position = found + 1
        header = parse_header(self.path, buffer.slice(0, found))
        if header.version is not None:
            self.version = header.version
        self.site = header.site
        return found

    def _read_page(self, buffer: Window, start: int) -> int:
        buffer.mark = start
        position = start + 5
        # The page's own fields run up to the first revision (or the end of the page).
        while True:
            tag = self._next_tag(buffer, position, "inside a <page>")
            if buffer.tag_at(tag, b"<revision") or buffer.at(tag, b"</page>"):
                break
            skip_comment = buffer.at(tag, b"<!--")
            position = self._skip_comment(buffer, tag) if skip_comment else tag + 1
        page = self._page_from_header(buffer, start, tag)
        position = tag
        while True:
            buffer.mark = position
            tag = self._next_tag(buffer, position, f"inside the page {page.title!r}")
            if buffer.tag_at(tag, b"<revision"):
                position = self._read_revision(buffer, tag, page)
            elif buffer.at(tag, b"</page>"):
                page.settle_parents()
                return tag + 7
            elif buffer.at(tag, b"<!--"):
                position = self._skip_comment(buffer, tag)
            elif buffer.at(tag, b"</"):
                raise _Malformed(f"unexpected end tag inside the page {page.title!r}", tag)
            else:
                position = self._skip_element(buffer, tag)

    def _page_from_header(self, buffer: Window, start: int, end: int) -> Page:
        fragment = buffer.slice(start, end) + b"</page>"
        try:
            element = ET.fromstring(fragment)
        except ET.ParseError as error:
            raise _Malformed(f"malformed <page>: {parse_error_text(error)}", start) from None
        fields = {local_name(child.tag): child for child in element}
        title_element = fields.get("title")
        title = (title_element.text or "").strip() if title_element is not None else ""
        if not title:
            raise _Malformed("a <page> without a <title>", start)
        existing = self.pages.get(title)
        if existing is not None:  # the same page split over two <page> elements
            return existing
        redirect = fields.get("redirect")
        try:
            namespace = whole_number(fields["ns"].text) if "ns" in fields else None
            page_id = whole_number(fields["id"].text) if "id" in fields else None
        except ValueError:
            raise _Malformed(f"the page {title!r} has a non-numeric <id> or <ns>", start) from None
        page = Page(
            title=title,
            namespace=namespace,
            page_id=page_id,
            redirect=None if redirect is None else redirect.attrib.get("title", ""),
            loader=self.loader,
            source_label=self.source.label,
            site=self.site,
        )
        self.pages[title] = page
        self.source.pages.append(page)
        if self.on_page is not None:
            self.on_page(page)
        return page

    # -- revisions -----------------------------------------------------------------------

    def _read_revision(self, buffer: Window, start: int, page: Page) -> int:
        """Read one ``<revision>``; returns the offset just past ``</revision>``."""
        buffer.mark = start
        parts: list[bytes] = []
        segment = start  # start of the metadata bytes not yet copied into parts
        position = start + 9
        text_ref: tuple[int, ...] | None = None
        text_size: int | None = None
        spilled: bytes | None = None  # the main text's body, for the spill once parsed
        in_slot = False  # inside a 0.11 <content> element (a secondary slot)
        damage: str | None = None
        while True:
            tag = buffer.find(b"<", position)
            if tag < 0:
                raise _Malformed(
                    f"the file ends inside a revision of {page.title!r}: it is truncated",
                    buffer.end,
                )
            head = buffer.peek(tag, 12)
            if head.startswith(b"</revision>"):
                end = tag + 11
                break
            if head.startswith(b"<!--"):
                position = self._skip_comment(buffer, tag)
            elif is_tag(head, b"<content"):
                in_slot = True
                position = tag + 8
            elif head.startswith(b"</content>"):
                in_slot = False
                position = tag + 10
            elif is_tag(head, b"<text"):
                close = buffer.find(b">", tag)
                if close < 0:
                    raise _Malformed("the file ends inside a <text> tag", tag)
                if buffer.slice(close - 1, close) == b"/":
                    # An empty text - unless it claims a size, as in "stub" dumps that
                    # list metadata only: then the text is simply not in the file.
                    declared = _BYTES_ATTR.search(buffer.slice(tag, close))
                    if (
                        not in_slot
                        and text_ref is None
                        and (declared is None or declared[1] == b"0")
                    ):
                        text_ref = EMPTY_TEXT
                        text_size = 0
                    position = close + 1
                    continue
                body_start = close + 1
                parts.append(buffer.slice(segment, body_start))
                main = not in_slot and text_ref is None
                head_tag = buffer.slice(tag, close)
                needs_bytes = main and (self.spill is not None or b"bytes=" not in head_tag)
                body: list[bytes] | None = [] if needs_bytes else None
                buffer.mark = body_start
                body_end = buffer.skip_body(body_start, body)
                if body_end < 0:
                    raise _Malformed(
                        f"the file ends inside a text of {page.title!r}: it is truncated",
                        buffer.end,
                    )
                segment = body_end
                buffer.mark = body_end
                if not buffer.at(body_end, b"</text>"):
                    damage = "a raw '<' inside <text> (not well-formed XML)"
                    end = buffer.find(b"</revision>", body_end)
                    if end < 0:
                        raise _Malformed("the file ends inside a damaged revision", body_end)
                    end += 11
                    break
                position = body_end + 7
                if main:
                    raw = b"".join(body) if body is not None else b""
                    if self.spill is None:
                        text_ref = (body_start, body_end - body_start)
                    else:
                        text_ref = EMPTY_TEXT if not raw else None
                        spilled = raw or None
                    if body is not None and b"bytes=" not in head_tag:
                        text_size = unescaped_size(raw)
            else:
                position = tag + 1
        parts.append(buffer.slice(segment, end))
        buffer.mark = end
        metadata = b"".join(parts)
        revision = self._revision_from(metadata, damage, page, start)
        if revision.size is None and not revision.text_hidden:
            revision.size = text_size
        if revision.text_hidden or revision.problem:
            text_ref = None
        elif spilled is not None and self.spill is not None:
            text_ref = self.spill.store(spilled, revision.sha1)
        revision.text_ref = text_ref
        page.add(revision)
        return end

    def _revision_from(
        self, metadata: bytes, damage: str | None, page: Page, offset: int
    ) -> Revision:
        """Build a Revision from its metadata bytes, or one marked with its problem."""
        problem = damage
        revision: Revision | None = None
        if problem is None:
            try:
                revision = parse_revision(metadata)
            except ET.ParseError as error:
                problem = f"malformed revision XML: {parse_error_text(error)}"
            except (ValueError, TypeError) as error:
                problem = f"bad revision field: {error}"
        if revision is not None:
            return revision
        id_match = re.search(rb"<id>\s*(\d+)\s*</id>", metadata)
        rev_id = int(id_match[1]) if id_match and len(id_match[1]) <= 18 else None
        label = f"revision {rev_id}" if rev_id is not None else "a revision"
        message = f"{label} of {page.title!r} skipped: {problem}"
        load_problem = LoadProblem(self.path, message, f"byte {offset}")
        self.source.problems.append(load_problem)
        self._problem_offsets.append((load_problem, offset))
        return Revision(rev_id=rev_id, problem=problem)


def load_xml_export(
    path: str,
    sniffed: detect.Sniffed,
    *,
    texts: bool = True,
    on_progress: ProgressCallback | None = None,
    on_page: PageCallback | None = None,
    plan: TextPlan | None = None,
) -> Source:
    """Read an XML export or dump (plain or compressed, any encoding) into a Source.

    ``texts=False`` skips keeping texts of compressed files (for a listing); plain UTF-8
    files always allow text loading since it costs nothing. ``plan`` is the persistent
    index's say on where texts go while it is built.
    """
    reader = XmlExportReader(
        path, sniffed, texts=texts, on_progress=on_progress, on_page=on_page, plan=plan
    )
    return reader.read()
