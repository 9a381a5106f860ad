"""The rendered article: blocks, sections, links, references, and layouts cached per width."""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from wikitui.gc_pause import collector_paused
from wikitui.render.blocks import Block, Heading, Lines, SegmentLine
from wikitui.render.builder import Builder
from wikitui.render.context import Context, Link
from wikitui.render.nodes import parse
from wikitui.render.references import Reference
from wikitui.render.styles import link_style, style
from wikitui.render.templates import render_template
from wikitui.render.texts import has_control_codes
from wikitui.sections import Heading as SourceHeading
from wikitui.sections import find_headings

_REDIRECT = re.compile(r"^\s*#REDIRECT\s*:?\s*\[\[([^\]|]+)(?:\|[^\]]*)?\]\]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArticleSection:
    """A section: level, title, anchor, and its 1-based wikitext line range.

    The range runs from the heading's line to the line before the next heading of the same or
    a higher level (so a section includes its subsections, as MediaWiki's section editing does).
    """

    level: int
    title: str
    anchor: str
    source_start_line: int
    source_end_line: int


class LaidOutLines(Sequence[SegmentLine]):
    """An article's lines at one width, made block by block when first read.

    The number of lines is known up front (cheaply for plain-text paragraphs, whose breaks
    are counted on the string), so a view can size its scroll area at once and have only the
    blocks on screen turned into segments. Reading every line (iterating) makes them all.
    """

    def __init__(
        self,
        blocks: list[Block | None],
        starts: list[int],
        made: dict[int, list[SegmentLine]],
        total: int,
        console: Console,
        width: int,
    ) -> None:
        self._blocks = blocks  # None stands for a blank line between blocks
        self._starts = starts
        self._made = made
        self._total = total
        self._console = console
        self._width = width

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> SegmentLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[SegmentLine]: ...

    def __getitem__(self, index: int | slice) -> SegmentLine | list[SegmentLine]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._total))]
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError("line index out of range")
        position = bisect_right(self._starts, index) - 1
        block = self._blocks[position]
        if block is None:
            return []
        lines = self._made.get(position)
        if lines is None:
            lines = block.lines(self._console, self._width)
            self._made[position] = lines
        offset = index - self._starts[position]
        return lines[offset] if offset < len(lines) else []


@dataclass(slots=True)
class ArticleLayout:
    """An article laid out at one width.

    ``lines`` is a sequence of lists of rich segments, one per terminal line, without
    newlines; they are made on first access (see :class:`LaidOutLines`), so indexing only the
    visible lines costs only those. ``section_lines`` maps a section's anchor to the index of
    its heading's first line.
    """

    width: int
    lines: Sequence[SegmentLine]
    section_lines: dict[str, int] = field(default_factory=dict)

    def plain_lines(self) -> list[str]:
        """The lines as plain strings (trailing spaces removed)."""
        return ["".join(s.text for s in line if not s.control).rstrip() for line in self.lines]


def _console(width: int) -> Console:
    """A private console for layout: wide colour support; output never goes anywhere."""
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
    )


class Article:
    """A revision's wikitext rendered: a rich renderable with a section model.

    Build it with :func:`wikitui.render.render_wikitext`. Laying out is done on demand and
    cached per width, so an app can keep one Article per revision and resize freely.
    """

    def __init__(
        self,
        blocks: list[Block],
        *,
        title: str | None,
        sections: list[ArticleSection],
        context: Context,
    ) -> None:
        self.blocks = blocks
        self.title = title
        self.sections = sections
        self.links: list[Link] = context.links
        self.categories: list[str] = context.categories
        self.references: list[Reference] = context.references.references
        self._layouts: dict[int, ArticleLayout] = {}

    def layout(self, width: int, console: Console | None = None) -> ArticleLayout:
        """The article as lines of segments at ``width`` columns (cached per width)."""
        width = max(20, int(width))
        cached = self._layouts.get(width)
        if cached is not None:
            return cached
        with collector_paused():  # as in render_wikitext: many small objects, no cycles
            layout = self._lay_out(width, console or _console(width))
        if len(self._layouts) > 8:  # a resize storm must not keep every width alive
            self._layouts.clear()
        self._layouts[width] = layout
        return layout

    def _lay_out(self, width: int, console: Console) -> ArticleLayout:
        entries: list[Block | None] = []
        starts: list[int] = []
        made: dict[int, list[SegmentLine]] = {}
        section_lines: dict[str, int] = {}
        total = 0
        previous: Block | None = None
        for block in self.blocks:
            if previous is not None and not block.joins(previous):
                entries.append(None)
                starts.append(total)
                total += 1
            if isinstance(block, Heading):
                section_lines.setdefault(block.anchor, total)
            count, lines = block.measure(console, width)
            if lines is not None:
                made[len(entries)] = lines
            entries.append(block)
            starts.append(total)
            total += count
            previous = block
        lines_view = LaidOutLines(entries, starts, made, total, console, width)
        return ArticleLayout(width, lines_view, section_lines)

    def plain_text(self, width: int | None = None) -> str:
        """The article without any styling.

        With ``width``, the layout's lines (wrapped, tables drawn); without, one paragraph per
        line, list items and table rows on one line each, blocks separated by blank lines.
        """
        if width is not None:
            return "\n".join(self.layout(width).plain_lines()).rstrip() + "\n"
        out: list[str] = []
        previous: Block | None = None
        for block in self.blocks:
            lines = block.plain()
            if not lines:
                continue
            if previous is not None and not block.joins(previous):
                out.append("")
            out.extend(lines)
            previous = block
        return "\n".join(out).rstrip() + "\n"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Render at the console's width (lets ``console.print(article)`` just work)."""
        layout = self.layout(options.max_width)
        new_line = Segment.line()
        for line in layout.lines:
            yield from line
            yield new_line


def _sections(text: str, headings: list[SourceHeading]) -> list[ArticleSection]:
    last_line = text.count("\n") + 1
    sections = []
    for index, heading in enumerate(headings):
        end = last_line
        for later in headings[index + 1 :]:
            if later.level <= heading.level:
                end = later.line - 1
                break
        sections.append(
            ArticleSection(heading.level, heading.title, heading.anchor, heading.line, end)
        )
    return sections


def render_wikitext(text: str, *, title: str | None = None) -> Article:
    """Render wikitext as an :class:`Article` (pure Python: mwparserfromhell and rich).

    Never raises on malformed wikitext: whatever cannot be parsed shows as text.
    """
    # A large page's parse tree and rendered texts are hundreds of thousands of small objects
    # without reference cycles; the cyclic collector's passes over them while they are being
    # built cost more than the rendering itself on 400 KB pages (bench/bench_render.py), so
    # it is paused for the duration and resumed after, as it was.
    text = _as_mediawiki_reads(text)
    with collector_paused():
        try:
            return _render(text, title)
        except RecursionError:
            # mwparserfromhell recurses once per nesting level ({{{ x200 closed): too deep
            # to lay out, so the page is shown as its wikitext, with a notice saying why.
            escaped = text.replace("<", "&lt;")
            return _render(f"{_TOO_DEEP}\n<pre>{escaped}</pre>", title)


_TOO_DEEP = "''(This text is nested too deeply to render; its wikitext is shown instead.)''"


def _as_mediawiki_reads(text: str) -> str:
    """The text with what MediaWiki's parser does to it before anything else.

    An unclosed ``<!--`` hides the rest of the page. A NUL byte (which the tokenizer would
    take for the end of the text) shows as U+2400.
    """
    if "\x00" in text:
        text = text.replace("\x00", "\u2400")
    last = text.rfind("<!--")
    if last < 0 or text.find("-->", last + 4) >= 0:
        return text  # every comment is closed by the one "-->" after the last "<!--" at least
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            return text[:start]
        position = end + 3
    return text


def _render(text: str, title: str | None) -> Article:
    headings = find_headings(text)
    context = Context(render_template, title=title, source_clean=not has_control_codes(text))
    context.heading_titles = [(h.title, h.anchor) for h in headings]
    redirect = _REDIRECT.match(text)
    lead: list[Block] = []
    body = text
    if redirect:
        target = redirect.group(1).strip()
        line = Text("↳ Redirect to ", style("notice"))
        line.append(target, link_style(target))
        context.links.append(Link("internal", target, target))
        lead.append(Lines(line))
        body = text[redirect.end() :]
    builder = Builder(context)
    builder.build(parse(body).nodes)
    for group in context.references.pending_groups():
        # No <references/> for these: the list goes at the end, as the Cite extension does.
        builder.reference_list(group)
    builder.finish()
    blocks = lead + builder.blocks
    if context.categories:
        line = Text("Categories: ", style("category"))
        for index, name in enumerate(context.categories):
            if index:
                line.append(" | ", style("category"))
            line.append(name, style("category") + link_style("Category:" + name))
        blocks.append(Lines(line))
    return Article(blocks, title=title, sections=_sections(text, headings), context=context)
