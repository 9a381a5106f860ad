"""What the builders of one article share, and the links they record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mwparserfromhell.nodes import Template
from rich.style import Style

from wikitui.render.references import ReferenceRegistry
from wikitui.sections import anchor_for

if TYPE_CHECKING:
    from wikitui.render.builder import Builder


# Nesting deeper than this is shown as stripped text: malformed pages must not exhaust the stack.
MAX_DEPTH = 40


@dataclass(slots=True)
class Link:
    """A link found in the article: ``internal`` (a page title) or ``external`` (a URL)."""

    kind: str
    target: str
    text: str


#: Renders one template call into a builder, in a style.
TemplateRenderer = Callable[["Builder", Template, Style], None]


@dataclass(slots=True)
class Context:
    """What the builders of one article share: references, links, categories, counters.

    ``render_template`` renders a template call into a builder (in the article renderer:
    :func:`wikitui.render.templates.render_template`, which builds on
    :mod:`wikitui.render.builder`).
    """

    render_template: TemplateRenderer
    title: str | None = None
    references: ReferenceRegistry = field(default_factory=ReferenceRegistry)
    links: list[Link] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    external_count: int = 0
    depth: int = 0
    infoboxes: int = 0
    # Headings as sections.find_headings sees them, matched in order so anchors agree.
    heading_titles: list[tuple[str, str]] = field(default_factory=list)
    heading_cursor: int = 0
    used_anchors: dict[str, int] = field(default_factory=dict)
    groups: int = 0
    # The page's text has no terminal control codes, so no piece of it has any.
    source_clean: bool = False

    def new_group(self) -> int:
        """A fresh list id: items of different lists are separated by a blank line."""
        self.groups += 1
        return self.groups

    def anchor(self, title: str) -> str:
        """The anchor find_headings gave this heading, or MediaWiki's rule when it missed it."""
        for index in range(self.heading_cursor, len(self.heading_titles)):
            if self.heading_titles[index][0] == title:
                self.heading_cursor = index + 1
                anchor = self.heading_titles[index][1]
                self.used_anchors[anchor] = self.used_anchors.get(anchor, 0) + 1
                return anchor
        anchor = anchor_for(title)
        count = self.used_anchors.get(anchor, 0)
        self.used_anchors[anchor] = count + 1
        return anchor if not count else f"{anchor}_{count + 1}"
