"""What every part of the main screen builds on: the state of what is browsed and the panes.

:class:`~wikitui.screens.main.MainScreen` is put together from mixins, one per idea (the
layout, the diff's controls, the article pane, the blame view, loading sources, the
reviewer's side). Each derives from :class:`MainScreenBase`, which holds the state they share,
finds the panes, and names the calls one part makes on another; the part that owns a call
overrides it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets.tree import TreeNode

from wikitui.fetch.request import FetchRequest
from wikitui.history.filters import RevisionFilter
from wikitui.history.reverts import Reverts
from wikitui.model import Page, Source
from wikitui.present.comparison import Comparison
from wikitui.widgets.article_view import ArticleView
from wikitui.widgets.blame_view import BlameView
from wikitui.widgets.diff_view import DiffView
from wikitui.widgets.revision_tree import RevisionTree, TreeRef
from wikitui.widgets.status_line import StatusLine
from wikitui.workers.blame import BlameWorker

# `{` and `}` step through these context sizes; None shows the whole text.
CONTEXT_STEPS: tuple[int | None, ...] = (0, 1, 2, 3, 5, 10, 20, None)
DEFAULT_CONTEXT = 2


@dataclass(frozen=True, slots=True)
class Selection:
    """The revision the panes show."""

    page: Page
    index: int


class MainScreenBase(Screen[None]):
    """The main screen's shared state, its panes, and the calls its parts make on each other."""

    def __init__(
        self,
        sources: Sequence[Source] = (),
        paths: Sequence[str] = (),
        *,
        initial: tuple[Page, int] | None = None,
        start_title: str | None = None,
    ) -> None:
        super().__init__()
        self.start_title = start_title
        self.sources: list[Source] = list(sources)
        self.paths = list(paths)
        self.selected: Selection | None = None
        self.initial = initial
        self.base: int | None = None
        self.visual = False
        self.context_step = CONTEXT_STEPS.index(DEFAULT_CONTEXT)
        self.sidebar_pinned: bool | None = None  # None: automatic (shown when focused/wide)
        self.loading_count = 0
        self._last_pane: Widget | None = None
        self._article_stale = True
        self._article_timer: Timer | None = None
        self._toc_pending = False
        self._provisional: TreeNode[TreeRef] | None = None
        # Where each fetched page came from: id(page) -> (request, written file).
        self.fetched: dict[int, tuple[FetchRequest, Path]] = {}
        # The blame view (w) replaces the article pane while it is on.
        self.blame_mode = False
        self.blamer = BlameWorker(self)
        self._blame_hold = False  # enter on a token selects its edit but keeps this blame
        self._blame_busy = False
        # The reviewer's side: no reverts known yet, no filter.
        # id(page) -> (revision count they were found for, the reverts)
        self.reverts: dict[int, tuple[int, Reverts]] = {}
        self.revision_filter = RevisionFilter()
        self._filtered: dict[int, list[int]] = {}  # id(page) -> the indexes the filter lets by

    # -- the panes ------------------------------------------------------------------------------

    @property
    def app_uses_cache(self) -> bool:
        """False when the app was started with ``--no-cache``: read sources without an index."""
        return bool(getattr(self.app, "use_cache", True))

    @property
    def revision_tree(self) -> RevisionTree:
        """The revision tree."""
        return self.query_one(RevisionTree)

    @property
    def diff(self) -> DiffView:
        """The diff pane."""
        return self.query_one(DiffView)

    @property
    def article(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def blame_view(self) -> BlameView:
        """The blame view (in the article pane's place while ``w`` is on)."""
        return self.query_one(BlameView)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    @property
    def article_visible(self) -> bool:
        """True when the article pane is on screen."""
        return not self.has_class("-diff-only") and not self.blame_mode

    # -- calls one part makes on another (each overridden by the part named) -------------------

    def select(self, page: Page, index: int, *, reveal: bool = True) -> None:  # pragma: no cover
        """Show revision ``index`` of ``page`` in every pane (MainScreen's)."""
        raise NotImplementedError

    def current_comparison(self) -> Comparison | None:  # pragma: no cover
        """What the diff pane should show (DiffControlsMixin's)."""
        raise NotImplementedError

    def _show_diff(self) -> None:  # pragma: no cover
        """Show the current comparison in the diff pane (DiffControlsMixin's)."""
        raise NotImplementedError

    def _update_status(self, comparison: Comparison | None) -> None:  # pragma: no cover
        """Say on the status line what is compared (MainScreen's)."""
        raise NotImplementedError

    def _update_mode(self) -> None:  # pragma: no cover
        """Say on the status line how the diff is shown (DiffControlsMixin's)."""
        raise NotImplementedError

    def _adapt_layout(self) -> None:  # pragma: no cover
        """Set the layout classes for the terminal size and the focus (PaneLayoutMixin's)."""
        raise NotImplementedError

    def _maybe_render_article(self, *, now: bool = False) -> None:  # pragma: no cover
        """Render the article once the selection stays put (ArticlePaneMixin's)."""
        raise NotImplementedError
