"""The main screen: revision tree, diff pane, article pane, status line and footer.

It holds what is being browsed (the page, the selected revision, the base, the modes) and
passes it down to the panes; the panes post messages back up. Sources are read in a thread
worker; pages and revisions appear in the tree as they are read.

The screen is put together from one mixin per idea, each in its own module:
:mod:`~wikitui.screens.pane_layout` (sizes, focus, sidebar), :mod:`~wikitui.screens.diff_controls`
(what the diff compares and the keys that move through it), :mod:`~wikitui.screens.article_pane`
(when the article renders, its contents), :mod:`~wikitui.screens.blame_pane` (``w``),
:mod:`~wikitui.screens.source_loading` (reading and fetching sources) and
:mod:`~wikitui.screens.review` (reverts, the filter, the pickaxe); the state they share is in
:mod:`~wikitui.screens.main_base`. This module composes the screen and selects revisions.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer

from wikitui.model import Page, pages_in
from wikitui.present.comparison import Comparison
from wikitui.screens.article_pane import ArticlePaneMixin
from wikitui.screens.blame_pane import BlamePaneMixin
from wikitui.screens.diff_controls import DiffControlsMixin, diff_url
from wikitui.screens.keys import MAIN_BINDINGS
from wikitui.screens.main_base import Selection
from wikitui.screens.pane_layout import PaneLayoutMixin
from wikitui.screens.review import ReviewMixin
from wikitui.screens.source_loading import SourceLoadingMixin
from wikitui.widgets.article_view import ArticleView
from wikitui.widgets.blame_view import BlameView
from wikitui.widgets.diff_view import DiffView
from wikitui.widgets.filter_bar import FilterBar
from wikitui.widgets.line_view import LineView
from wikitui.widgets.revision_tree import RevisionTree
from wikitui.widgets.search_bar import SearchBar
from wikitui.widgets.sparkline import HistorySparkline
from wikitui.widgets.status_line import StatusLine

__all__ = ["MainScreen", "Selection", "diff_url"]


class MainScreen(
    PaneLayoutMixin,
    DiffControlsMixin,
    ArticlePaneMixin,
    BlamePaneMixin,
    SourceLoadingMixin,
    ReviewMixin,
):
    """Browse revision histories: select a revision, read its diff and the article."""

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    # -- composition ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Status line, sidebar (tree + sparkline), diff and article panes, search, footer."""
        yield StatusLine(id="status")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield RevisionTree(id="tree")
                yield HistorySparkline(id="sparkline")
            with Vertical(id="panes"):
                yield DiffView(id="diff")
                yield ArticleView(id="article")
                yield BlameView(id="blame")
        yield SearchBar(id="search")
        yield FilterBar(id="filter")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill the tree with what is loaded; read the rest in a worker."""
        self.query_one(SearchBar).display = False
        self.query_one(FilterBar).display = False
        # A revision carries the same marks in the tree and in the diff's header; for reverts
        # the header says more ("reverted by r12 (Ann)" where the row says "reverted").
        self.diff.marks = self.header_marks
        self._update_mode()
        for source in self.sources:
            self._add_source(source)
        self.revision_tree.focus()
        self._adapt_layout()
        if self.initial is not None:
            self.select(*self.initial)
        elif self.sources:
            self._select_default()
        if self.paths:
            if self.selected is None:
                self.diff.show_message(
                    "Reading " + ", ".join(Path(p).name or p for p in self.paths) + "…"
                )
            self.load_paths(self.paths)
        elif not self.sources:
            self.diff.show(None)
            self.article.show(None, None)

    @property
    def settled(self) -> bool:
        """True when every visible pane shows the current selection (no work pending)."""
        if self.loading_count or self.diff.busy or self.article.busy or self._blame_busy:
            return False
        return not (self._article_stale and self.article_visible and self.selected is not None)

    # -- selection --------------------------------------------------------------------------

    def select(self, page: Page, index: int, *, reveal: bool = True) -> None:
        """Show revision ``index`` of ``page`` in every pane."""
        if not page.revisions:
            return
        index = max(0, min(index, len(page.revisions) - 1))
        previous = self.selected
        if previous is not None and previous.page is page and previous.index == index:
            return
        if previous is None or previous.page is not page:
            self.base = None
            self.revision_tree.set_base(None, None)
        self.selected = Selection(page, index)
        if reveal:
            self.revision_tree.reveal(page, index)
        self.query_one(HistorySparkline).show(page, index)
        self._show_diff()
        self._article_stale = True
        self._maybe_render_article()
        self._adapt_layout()
        if self.blame_mode and not self._blame_hold:
            self._start_blame()

    def _update_status(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.status.update(page=None, new=None, old=None, position=None)
            return
        page = comparison.page
        old = comparison.old
        self.status.update(
            page=page.title,
            old=None if old is None else f"r{old.rev_id}",
            new=f"r{comparison.new.rev_id}",
            base=self.base is not None,
            position=f"{self.selected.index + 1}/{len(page.revisions)}" if self.selected else None,
            revert=" · ".join(self.revert_notes(page, comparison.new_index)) or None,
            filter=self.filter_status(page),
        )
        self._update_mode()

    # -- messages from the panes ------------------------------------------------------------

    def on_revision_tree_revision_highlighted(
        self, event: RevisionTree.RevisionHighlighted
    ) -> None:
        """The cursor moved onto a revision: show it."""
        self.select(event.page, event.index, reveal=False)

    # -- search in a pane ----------------------------------------------------------------------

    def action_search(self) -> None:
        """Search the focused pane (the diff when the tree has focus)."""
        target = self.focused if isinstance(self.focused, LineView) else self.diff
        self.query_one(SearchBar).open(target)

    def on_line_view_search_changed(self, event: LineView.SearchChanged) -> None:
        """Show where the search stands."""
        if event.total == 0:
            self.status.update(activity="no match" if event.view.search_term else None)
        else:
            current = "" if event.current is None else f"{event.current + 1}/"
            self.status.update(activity=f"match {current}{event.total}")

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        """Give focus back to the pane that was searched."""
        if event.target is not None:
            event.target.focus()

    # -- stepping through revisions -----------------------------------------------------------

    def _step(self, delta: int) -> None:
        if self.selected is None:
            self.notify("No revision selected.", severity="warning")
            return
        target = self.filtered_step(self.selected.page, self.selected.index, delta)
        if target is None:
            filtered = " shown" if self.revision_filter.active else ""
            self.notify(
                f"This is the oldest{filtered} revision."
                if delta < 0
                else f"This is the latest{filtered} revision."
            )
            return
        self.select(self.selected.page, target)

    def action_older(self) -> None:
        """Select the previous (older) revision."""
        self._step(-1)

    def action_newer(self) -> None:
        """Select the next (newer) revision."""
        self._step(+1)

    # -- what the review side asks of the screen ----------------------------------------------

    def selection(self) -> tuple[Page, int] | None:
        """The page and revision index selected."""
        return None if self.selected is None else (self.selected.page, self.selected.index)

    def refresh_review(self) -> None:
        """Reverts or the filter changed: the header's note and the status line follow."""
        comparison = self.current_comparison()
        if comparison is None:
            return
        shown = self.diff.shown
        if shown is not None and shown.comparison == comparison:
            page = comparison.page
            new_marks = tuple(self.header_marks(page, comparison.new_index))
            old_index = comparison.old_index
            old_marks = () if old_index is None else tuple(self.header_marks(page, old_index))
            old_side = shown.header.old
            if shown.header.new.marks != new_marks or (
                old_side is not None and old_side.marks != old_marks
            ):
                self.diff.show(comparison)
        self._update_status(comparison)

    def filtered_pages(self) -> list[Page]:
        """Every page of the open sources."""
        return pages_in(self.sources)
