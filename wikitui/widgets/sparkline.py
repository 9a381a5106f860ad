"""A page's size over time in two rows: growth as bars up, shrinkage as bars down.

The wiki's RevisionSlider idea in a terminal: the history is split into as many buckets as the
widget has columns; each bucket shows the largest growth and the largest shrinkage among its
revisions, scaled to the page's biggest change; the selected revision's column is marked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from wikitui.model import Page
from wikitui.present.sparkline import DOWN_BARS, UP_BARS, Buckets, bar, bucket_deltas


class HistorySparkline(Widget):
    """Two rows of bars for the selected page; the selected revision's column is marked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "sparkline--growth",
        "sparkline--shrink",
        "sparkline--cursor",
    }

    DEFAULT_CSS = """
    HistorySparkline { height: 2; }
    HistorySparkline > .sparkline--growth { color: $success; }
    HistorySparkline > .sparkline--shrink { color: $error; }
    HistorySparkline > .sparkline--cursor { background: $accent 60%; }
    """

    index: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.page: Page | None = None
        self._cache: tuple[int, int, int, Buckets] | None = None

    def show(self, page: Page | None, index: int | None) -> None:
        """Plot ``page`` and mark revision ``index``."""
        if page is not self.page:
            self.page = page
            self._cache = None
        self.index = index
        self.refresh()

    def _buckets(self, width: int) -> Buckets | None:
        page = self.page
        if page is None or not page.revisions:
            return None
        key = (id(page), len(page.revisions), width)
        if self._cache is None or self._cache[:3] != key:
            self._cache = (*key, bucket_deltas(page, width))
        return self._cache[3]

    def render(self) -> RenderableType:
        """The two rows of bars."""
        width = self.size.width
        buckets = self._buckets(width) if width > 0 else None
        if buckets is None:
            return Text("")
        scale = max(max(buckets.growth), max(buckets.shrink), 1)
        cursor_column = None
        if self.index is not None:
            cursor_column = max(
                (c for c, start in enumerate(buckets.starts) if start <= self.index), default=0
            )
        up_style = self.get_component_rich_style("sparkline--growth", partial=True)
        down_style = self.get_component_rich_style("sparkline--shrink", partial=True)
        cursor_style = self.get_component_rich_style("sparkline--cursor", partial=True)
        top = Text(no_wrap=True)
        bottom = Text(no_wrap=True)
        # A short history gets wider bars so the plot still spans the sidebar.
        repeat = max(1, width // len(buckets.growth))
        for column, (up, down) in enumerate(zip(buckets.growth, buckets.shrink, strict=True)):
            extra = cursor_style if column == cursor_column else None
            top.append(bar(up, scale, UP_BARS) * repeat, up_style + extra if extra else up_style)
            bottom.append(
                bar(down, scale, DOWN_BARS) * repeat,
                down_style + extra if extra else down_style,
            )
        return Text("\n").join([top, bottom])
