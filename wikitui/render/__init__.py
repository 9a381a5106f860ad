"""Wikitext rendered as rich terminal text (pure Python, no Textual).

``render_wikitext(text, title=...)`` returns an :class:`Article`: a rich renderable with its
sections, links, categories and references, laid out per width on demand.
"""

from wikitui.render.article import Article, ArticleLayout, ArticleSection, render_wikitext
from wikitui.render.context import Link
from wikitui.render.references import Reference
from wikitui.render.styles import STYLES

__all__ = [
    "STYLES",
    "Article",
    "ArticleLayout",
    "ArticleSection",
    "Link",
    "Reference",
    "render_wikitext",
]
