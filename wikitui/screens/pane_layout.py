"""How the main screen lays out its panes: small terminals, focus, the sidebar, maximising.

Below :data:`NARROW_WIDTH` the sidebar gives way to the diff (it comes back when the tree is
focused); below :data:`SHORT_HEIGHT` only one of the diff and article panes shows, the one used
last. ``tab`` cycles the panes, ``z`` maximises one, ``\\`` pins the sidebar shown or hidden.
"""

from __future__ import annotations

from textual.widget import Widget

from wikitui.screens.main_base import MainScreenBase
from wikitui.widgets.article_view import ArticleView
from wikitui.widgets.blame_view import BlameView
from wikitui.widgets.diff_view import DiffView

# Below these sizes the sidebar and the article pane give way to the diff (they come back
# when focused): 80×24 over ssh must stay readable.
NARROW_WIDTH = 110
SHORT_HEIGHT = 36


class PaneLayoutMixin(MainScreenBase):
    """The layout classes of the main screen, and the keys that move between panes."""

    def on_resize(self) -> None:
        """Give way to the diff on small terminals."""
        self._adapt_layout()

    def _adapt_layout(self) -> None:
        """Set the layout classes for the terminal size and the focused pane."""
        narrow = self.size.width < NARROW_WIDTH
        short = self.size.height < SHORT_HEIGHT
        focused = self.focused
        tree_focused = focused is self.revision_tree
        show_sidebar = (
            self.sidebar_pinned
            if self.sidebar_pinned is not None
            else (not narrow or tree_focused or self.selected is None)
        )
        self.set_class(not show_sidebar, "-no-sidebar")
        # On a short screen only one of the two panes shows: the one used last.
        if isinstance(focused, (DiffView, ArticleView, BlameView)):
            self._last_pane = focused
        article_only = short and self._last_pane in (self.article, self.blame_view)
        self.set_class(short and not article_only, "-diff-only")
        self.set_class(article_only, "-article-only")
        self._maybe_render_article()

    def on_descendant_focus(self) -> None:
        """Layout follows focus on small screens; the status shows the focused pane's section."""
        self._adapt_layout()
        if self.focused is self.article:
            self.status.update(section=self.article.section)
        elif self.focused is self.diff:
            self.status.update(section=self.diff.section)

    def focus_diff(self) -> None:
        """Focus the diff pane (bringing it into view on a small screen)."""
        self._last_pane = self.diff
        self.diff.focus()
        self._adapt_layout()

    def _panes(self) -> list[Widget]:
        lower = self.blame_view if self.blame_mode else self.article
        return [self.revision_tree, self.diff, lower]

    def action_cycle_focus(self, step: int) -> None:
        """Tree → diff → article and round; hidden panes come into view when focused."""
        panes = self._panes()
        focused = self.focused
        position = panes.index(focused) if focused in panes else -1
        target = panes[(position + step) % len(panes)]
        if isinstance(target, (DiffView, ArticleView, BlameView)):
            self._last_pane = target
        if target is self.revision_tree:
            self.set_class(False, "-no-sidebar")
        lower = target in (self.article, self.blame_view)
        self.set_class(lower and self.size.height < SHORT_HEIGHT, "-article-only")
        self.set_class(target is self.diff and self.size.height < SHORT_HEIGHT, "-diff-only")
        target.focus()
        self.call_after_refresh(self._adapt_layout)

    def action_maximize_pane(self) -> None:
        """Maximise the focused pane, or restore it."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused, container=False)

    def action_toggle_sidebar(self) -> None:
        """Show or hide the revision tree."""
        shown = not self.has_class("-no-sidebar")
        self.sidebar_pinned = not shown
        if shown and self.focused is self.revision_tree:
            self.diff.focus()
        self._adapt_layout()
