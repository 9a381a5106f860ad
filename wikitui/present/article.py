"""A revision rendered for the article pane: its lines at one width and its contents (no Textual).

The renderer (:mod:`wikitui.render`) builds the article; this lays it out as one
:class:`~rich.text.Text` per terminal row, with the control characters of the source made
visible, and indexes its headings for the table of contents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.text import Text

from wikitui.model import Page
from wikitui.present.visible import visible, visible_text


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A heading of the rendered article and the line it starts on."""

    level: int
    title: str
    line: int


@dataclass(slots=True)
class RenderedArticle:
    """An article laid out at one width: lines and headings."""

    lines: list[Text]
    toc: list[TocEntry]
    width: int
    article: Any = None  # the renderer's Article, kept to lay out again at another width


def _as_text(line: Any) -> Text:
    """A layout line as :class:`Text`, whatever shape the renderer gives (Text or Segments),
    with the control characters of the source made visible."""
    if isinstance(line, Text):
        if line.plain.isprintable():
            return line
        shown = line.copy()
        shown.plain = visible_text(line.plain)  # one character for one: the styles stay put
        return shown
    if isinstance(line, str):
        return Text(visible_text(line))
    segments: Iterable[Segment] = line
    text = Text(no_wrap=True)
    for segment in segments:
        if not segment.control:
            text.append(visible_text(segment.text), segment.style)
    return text


def lay_out_article(article: Any, width: int) -> RenderedArticle:
    """Lay a renderer :class:`Article` out at ``width`` and index its headings."""
    layout = article.layout(width)
    lines = [_as_text(line) for line in layout.lines]
    section_lines: dict[str, int] = dict(getattr(layout, "section_lines", {}) or {})
    toc: list[TocEntry] = []
    for section in getattr(article, "sections", ()) or ():
        line = section_lines.get(section.anchor)
        if line is not None:
            toc.append(TocEntry(section.level, visible(section.title), line))
    toc.sort(key=lambda entry: entry.line)
    return RenderedArticle(lines, toc, width, article)


def render_revision(page: Page, index: int, width: int) -> RenderedArticle:
    """Render revision ``index`` of ``page`` and lay it out (call from a worker)."""
    from wikitui.render import render_wikitext

    text = page.text(page.revisions[index])
    article = render_wikitext(text, title=page.title)
    return lay_out_article(article, width)


def message_article(message: str, width: int) -> RenderedArticle:
    """A one-message stand-in for an article that cannot be shown."""
    return RenderedArticle([Text(message, style="dim italic")], [], width)
