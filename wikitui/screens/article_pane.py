"""The article pane on the main screen: rendered after the diff, and its table of contents.

Rendering a long article takes far longer than its diff, so the article follows: it renders
once the diff has arrived and the selection has stayed put for :data:`ARTICLE_DELAY`, or at
once when it is the pane being read. ``t`` opens its headings (rendering it first if needed).
"""

from __future__ import annotations

from wikitui.present.article import TocEntry
from wikitui.screens.main_base import MainScreenBase
from wikitui.widgets.article_view import ArticleView
from wikitui.widgets.diff_view import DiffView

# How long the selection must stay put before the article pane renders it (seconds).
ARTICLE_DELAY = 0.2


class ArticlePaneMixin(MainScreenBase):
    """When the article pane renders the selection, and its table of contents."""

    def _maybe_render_article(self, *, now: bool = False) -> None:
        """Render the article for the selection once the reader stops on it.

        Rendering a long article takes far longer than its diff, and a thread holding the GIL
        slows everything else: while the reader steps with J/K the article waits until the
        diff is done and the selection has stayed put for a moment (unless the article is the
        pane being read).
        """
        if not (self._article_stale and self.article_visible and self.selected is not None):
            return
        if self._article_timer is not None:
            self._article_timer.stop()
            self._article_timer = None
        reading = self._last_pane is self.article or self.has_class("-article-only")
        if now or reading:
            self._article_stale = False
            self.article.show(self.selected.page, self.selected.index)
            if self._toc_pending and not self.article.busy:
                self.call_later(self.action_toc)
            return
        self._article_timer = self.set_timer(ARTICLE_DELAY, self._article_due)

    def _article_due(self) -> None:
        self._article_timer = None
        if self.diff.busy:  # the diff first; its Loaded message brings us back
            return
        self._maybe_render_article(now=True)

    def on_diff_view_loaded(self, event: DiffView.Loaded) -> None:
        """The diff arrived: refresh the mode (auto inline depends on the width) and let the
        article follow."""
        self._update_mode()
        if self._article_stale and self._article_timer is None:
            self._article_timer = self.set_timer(ARTICLE_DELAY, self._article_due)

    def on_article_view_rendered(self, event: ArticleView.Rendered) -> None:
        """Open the contents asked for while the article was still being rendered."""
        if self._toc_pending:
            self.action_toc()

    def on_article_view_section_changed(self, event: ArticleView.SectionChanged) -> None:
        """Show the article's section while it is the pane in use."""
        if self.focused is self.article:
            self.status.update(section=event.section)

    def action_toc(self) -> None:
        """Pick a heading of the article to jump to."""
        from wikitui.screens.pickers import TocScreen

        self._toc_pending = False
        if self._article_stale or self.article.busy:
            # The contents come from the rendered article: render it now, open when ready.
            self._toc_pending = True
            self._last_pane = self.article
            self._adapt_layout()
            self._maybe_render_article(now=True)
            return
        if not self.article.toc:
            self.notify("The article has no headings.", severity="warning")
            return

        def jump(entry: TocEntry | None) -> None:
            if entry is None:
                return
            self.article.focus()
            self.article.go_to_line(entry.line)
            self.status.update(section=entry.title)

        self.app.push_screen(TocScreen(self.article.toc, self.article.section), jump)
