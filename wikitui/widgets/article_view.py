"""The article pane: the selected revision rendered, with its table of contents.

Rendering runs in an exclusive thread worker; the rendered layout (one line per terminal row,
laid out by :mod:`wikitui.present.article`) is drawn through the line API of
:class:`~wikitui.widgets.line_view.LineView`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from wikitui.errors import WikituiError
from wikitui.model import Page
from wikitui.present.article import (
    RenderedArticle,
    TocEntry,
    lay_out_article,
    message_article,
    render_revision,
)
from wikitui.widgets.line_view import LineView


class ArticleView(LineView):
    """Shows one revision rendered; ``]``/``[`` go from heading to heading."""

    class SectionChanged(Message):
        """The heading above the top line changed; handled by
        ``on_article_view_section_changed``."""

        def __init__(self, view: ArticleView, section: str | None) -> None:
            super().__init__()
            self.view = view
            self.section = section

    class Rendered(Message):
        """The article for the selection is on screen; handled by ``on_article_view_rendered``."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rendered: RenderedArticle | None = None
        self.target: tuple[Page, int] | None = None
        self._section: str | None = None
        self.busy = False

    def _width(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        return max(width if width > 0 else 80, 20)

    def show(self, page: Page | None, index: int | None) -> None:
        """Render revision ``index`` of ``page`` (in a worker); None clears the pane."""
        if page is None or index is None:
            self.target = None
            self._apply(message_article("No revision selected.", self._width()))
            return
        if self.target == (page, index) and self.rendered is not None:
            return
        self.target = (page, index)
        self.busy = True
        self._render_in_worker(page, index, self._width())

    # An explicit description: by default Textual builds one from repr() of the
    # arguments, and the repr of a page with 50,000 revisions takes 0.3 s.
    @work(
        thread=True,
        exclusive=True,
        group="article",
        exit_on_error=False,
        description="rendering the article",
    )
    def _render_in_worker(self, page: Page, index: int, width: int) -> None:
        worker = get_current_worker()
        try:
            rendered = render_revision(page, index, width)
        except WikituiError as error:
            rendered = message_article(error.message, width)
        except Exception as error:  # a renderer bug must not take the app down: show it
            rendered = message_article(f"rendering failed: {type(error).__name__}: {error}", width)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish, (page, index), rendered)

    def _finish(self, target: tuple[Page, int], rendered: RenderedArticle) -> None:
        if target != self.target:
            return
        self.busy = False
        self._apply(rendered)
        if rendered.width != self._width():
            self.on_resize()
        self.post_message(self.Rendered(self))

    def _apply(self, rendered: RenderedArticle, *, scroll_to: int | None = 0) -> None:
        self.rendered = rendered
        self.set_lines(rendered.lines, rendered.width, scroll_to=scroll_to)
        self._update_section(self.top_line)

    def on_resize(self) -> None:
        """Lay the article out again for the new width, keeping the reader's place."""
        rendered = self.rendered
        if rendered is None or rendered.article is None or rendered.width == self._width():
            return
        top = self.top_line
        again = lay_out_article(rendered.article, self._width())
        scale = len(again.lines) / max(len(rendered.lines), 1)
        target = round(top * scale)
        # Keep the reader in the same section: headings are exact anchors across widths.
        position = bisect_right([entry.line for entry in rendered.toc], top) - 1
        if 0 <= position < len(again.toc):
            past = top - rendered.toc[position].line
            target = again.toc[position].line + round(past * scale)
        self._apply(again, scroll_to=target)

    # -- headings ---------------------------------------------------------------------------

    @property
    def toc(self) -> Sequence[TocEntry]:
        """The table of contents of the shown article."""
        return self.rendered.toc if self.rendered else ()

    @property
    def section(self) -> str | None:
        """Title of the heading above the top line."""
        return self._section

    def go_to_line(self, line: int) -> None:
        """Scroll a heading (or any line) to the top."""
        self.scroll_to_line(line)
        self._update_section(line)

    def next_section(self, step: int = 1) -> bool:
        """Scroll to the next (1) or previous (-1) heading; False at either end."""
        lines = [entry.line for entry in self.toc]
        top = self.top_line
        if step > 0:
            later = [line for line in lines if line > top]
            if not later:
                return False
            self.go_to_line(later[0])
        else:
            earlier = [line for line in lines if line < top]
            if not earlier:
                return False
            self.go_to_line(earlier[-1])
        return True

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Report the section under the top line as the reader scrolls."""
        super().watch_scroll_y(old, new)
        self._update_section(round(new))

    def _update_section(self, top: int) -> None:
        toc = self.toc
        position = bisect_right([entry.line for entry in toc], top) - 1
        section = toc[position].title if position >= 0 else None
        if section != self._section:
            self._section = section
            self.post_message(self.SectionChanged(self, section))
