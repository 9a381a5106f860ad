"""A scrolling pane of pre-laid-out lines, drawn through Textual's line API.

Only the visible lines are turned into :class:`~textual.strip.Strip` objects, and those are
cached by line and a generation counter, so a 400 KB diff or article scrolls as fast as a short
one. Subclasses (:class:`~wikitui.widgets.diff_view.DiffView`,
:class:`~wikitui.widgets.article_view.ArticleView`) lay their content out; this class pages,
searches and highlights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from wikitui.present.cells import CellLine

AnyLine = Text | CellLine


@dataclass(frozen=True, slots=True)
class Match:
    """A search hit: line index and the character range on that line."""

    line: int
    start: int
    end: int


class LineView(ScrollView, can_focus=True):
    """A focusable, searchable scroll view over a list of rich :class:`Text` lines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-view--match", "line-view--match-current"}

    DEFAULT_CSS = """
    LineView > .line-view--match { background: $warning 50%; }
    LineView > .line-view--match-current { background: $warning; color: $background; }
    """

    class SearchChanged(Message):
        """The matches of a search changed; handled by ``on_line_view_search_changed``."""

        def __init__(self, view: LineView, current: int | None, total: int) -> None:
            super().__init__()
            self.view = view
            self.current = current
            self.total = total

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.lines: Sequence[AnyLine] = []
        self._generation = 0
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(2048)
        self.matches: list[Match] = []
        self.match_index: int | None = None
        self._match_lines: dict[int, list[Match]] = {}
        self.search_term = ""
        self._base_style: Style | None = None

    # -- content ----------------------------------------------------------------------------

    def set_lines(self, lines: Sequence[AnyLine], width: int, *, scroll_to: int | None = 0) -> None:
        """Show new lines laid out for ``width`` cells; scroll to line ``scroll_to`` (None keeps
        the offset)."""
        self.lines = lines
        self._generation += 1
        self._strips.clear()
        self.virtual_size = Size(width, len(lines))
        if self.search_term:
            self._find(self.search_term)
        if scroll_to is not None:
            self.scroll_to(y=scroll_to, animate=False, immediate=True)
        self.refresh()

    def invalidate(self) -> None:
        """Forget the drawn strips (after a style change or a highlight moved)."""
        self._generation += 1
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: strips carry resolved styles, so drop them."""
        super().notify_style_update()
        self._base_style = None
        self.invalidate()

    def line_text(self, index: int) -> Text:
        """The text of line ``index`` as drawn; subclasses decorate (e.g. the current hunk)."""
        line = self.lines[index]
        return line if isinstance(line, Text) else line.to_text()

    @property
    def top_line(self) -> int:
        """Index of the first visible line."""
        return round(self.scroll_offset.y)

    def scroll_to_line(self, index: int, *, center: bool = False) -> None:
        """Bring line ``index`` to the top (or the middle) of the pane, without animation."""
        target = index - (self.scrollable_content_region.height // 3 if center else 0)
        self.scroll_to(y=max(target, 0), animate=False, immediate=True)

    # -- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw the visible row ``y`` from the cached strip of its line."""
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self._base_style
        if base is None:  # resolving the widget's style is costly: once per style change
            base = self._base_style = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        key = (index, self._generation)
        strip = self._strips.get(key)
        if strip is None:
            text = self.line_text(index)
            hits = self._match_lines.get(index)
            if hits:
                text = text.copy()
                current = self.matches[self.match_index] if self.match_index is not None else None
                for hit in hits:
                    role = "line-view--match-current" if hit == current else "line-view--match"
                    text.stylize(self.get_component_rich_style(role), hit.start, hit.end)
            segments = list(text.render(self.app.console, end=""))
            strip = Strip(Segment.apply_style(segments, base)).simplify()
            self._strips[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    # -- searching ----------------------------------------------------------------------------

    def search(self, term: str) -> int:
        """Highlight every case-insensitive occurrence of ``term``; go to the first at or after
        the top of the pane. Returns how many there are."""
        previous = self.matches[self.match_index].line if self.match_index is not None else None
        self.search_term = term
        self._find(term)
        if self.matches:
            # Refining the term as it is typed stays on the match the reader is looking at.
            top = self.top_line if previous is None else previous
            after = [i for i, m in enumerate(self.matches) if m.line >= top]
            self._go_to_match(after[0] if after else 0)
        self.invalidate()
        self._post_search()
        return len(self.matches)

    def clear_search(self) -> None:
        """Remove the highlights."""
        self.search_term = ""
        self.matches = []
        self._match_lines = {}
        self.match_index = None
        self.invalidate()
        self._post_search()

    def next_match(self, step: int = 1) -> Match | None:
        """Go to the next (``step`` 1) or previous (-1) match, wrapping around."""
        if not self.matches:
            return None
        index = 0 if self.match_index is None else (self.match_index + step) % len(self.matches)
        self._go_to_match(index)
        self.invalidate()
        self._post_search()
        return self.matches[index]

    def _find(self, term: str) -> None:
        needle = term.casefold()
        self.matches = []
        self._match_lines = {}
        self.match_index = None
        if not needle:
            return
        for number in range(len(self.lines)):
            haystack = self.line_text(number).plain.casefold()
            start = haystack.find(needle)
            while start != -1:
                match = Match(number, start, start + len(needle))
                self.matches.append(match)
                self._match_lines.setdefault(number, []).append(match)
                start = haystack.find(needle, start + max(len(needle), 1))

    def _go_to_match(self, index: int) -> None:
        self.match_index = index
        line = self.matches[index].line
        height = self.scrollable_content_region.height
        if not (self.top_line <= line < self.top_line + height):
            self.scroll_to_line(line, center=True)

    def _post_search(self) -> None:
        self.post_message(self.SearchChanged(self, self.match_index, len(self.matches)))
