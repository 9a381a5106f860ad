"""The main screen: revision tree, diff pane, article pane, status line and footer.

It holds what is being browsed (the page, the selected revision, the base, the modes) and
passes it down to the panes; the panes post messages back up. Sources are read in a thread
worker; pages and revisions appear in the tree as they are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets.tree import TreeNode

from wikitui.fetch.request import FetchRequest
from wikitui.model import Page, Source, pages_in
from wikitui.present.article import TocEntry
from wikitui.present.comparison import Comparison, comparison_for
from wikitui.present.visible import visible
from wikitui.screens.keys import MAIN_BINDINGS
from wikitui.screens.review import ReviewMixin
from wikitui.widgets.article_view import ArticleView
from wikitui.widgets.blame_view import BlameView
from wikitui.widgets.diff_view import DiffView
from wikitui.widgets.filter_bar import FilterBar
from wikitui.widgets.line_view import LineView
from wikitui.widgets.revision_tree import RevisionTree, TreeRef
from wikitui.widgets.search_bar import SearchBar
from wikitui.widgets.sparkline import HistorySparkline
from wikitui.widgets.status_line import StatusLine
from wikitui.workers.blame import BlameWorker
from wikitui.workers.fetch import FetchWorker
from wikitui.workers.sources import SourceReader

# `{` and `}` step through these context sizes; None shows the whole text.
CONTEXT_STEPS: tuple[int | None, ...] = (0, 1, 2, 3, 5, 10, 20, None)
DEFAULT_CONTEXT = 2

# Below these sizes the sidebar and the article pane give way to the diff (they come back
# when focused): 80×24 over ssh must stay readable.
NARROW_WIDTH = 110
# How long the selection must stay put before the article pane renders it (seconds).
ARTICLE_DELAY = 0.2
SHORT_HEIGHT = 36


@dataclass(frozen=True, slots=True)
class Selection:
    """The revision the panes show."""

    page: Page
    index: int


class MainScreen(ReviewMixin):
    """Browse revision histories: select a revision, read its diff and the article."""

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

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
        self.init_review()

    # -- layout ---------------------------------------------------------------------------------

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

    @property
    def settled(self) -> bool:
        """True when every visible pane shows the current selection (no work pending)."""
        if self.loading_count or self.diff.busy or self.article.busy or self._blame_busy:
            return False
        return not (self._article_stale and self.article_visible and self.selected is not None)

    @property
    def article_visible(self) -> bool:
        """True when the article pane is on screen."""
        return not self.has_class("-diff-only") and not self.blame_mode

    # -- loading --------------------------------------------------------------------------------

    def _add_source(self, source: Source) -> None:
        self.revision_tree.add_source(source)
        for problem in source.problems[:3]:
            self.notify(
                visible(str(problem)), title="Problem in source", severity="warning", timeout=8
            )
        if len(source.problems) > 3:
            self.notify(
                f"{source.path}: {len(source.problems) - 3} more problems (see the tree)",
                severity="warning",
                timeout=8,
            )

    def _select_default(self) -> None:
        """Select the latest revision of the preferred page, else of the first page."""
        # Generators: the pages of an index unpack their revisions only when asked.
        pages = pages_in(self.sources)
        preferred = (p for p in pages if p.title == self.start_title and p.revisions)
        page = next(preferred, None) or next((p for p in pages if p.revisions), None)
        if page is not None:
            self.select(page, len(page.revisions) - 1)

    def load_paths(self, paths: Sequence[str]) -> None:
        """Read sources in a thread; pages and revisions show up as they are read."""
        SourceReader(self, paths, use_cache=self.app_uses_cache).start()

    def on_source_reader_running(self, event: SourceReader.Running) -> None:
        """A reader started or ended."""
        self.loading_step(event.step)

    def on_source_reader_progress(self, event: SourceReader.Progress) -> None:
        """Show how far reading is, and the pages read so far."""
        self.status.update(activity=event.activity)
        if event.pages is not None:
            self.show_partial(event.pages)

    def on_source_reader_loaded(self, event: SourceReader.Loaded) -> None:
        """A source was read."""
        self.source_loaded(event.source)

    def on_source_reader_failed(self, event: SourceReader.Failed) -> None:
        """A source could not be read."""
        self.source_failed(event.path, event.message)

    def show_partial(self, pages: list[Page]) -> None:
        """Show the pages read so far (their counts grow while the scan goes on)."""
        for page in pages:
            if self.revision_tree.page_node(page) is None:
                self.revision_tree.add_page(self._loading_node(), page)
            self.revision_tree.refresh_page(page, loading=True)

    def _loading_node(self) -> TreeNode[TreeRef]:
        """A provisional tree node that holds pages of the source being read."""
        node = self._provisional
        if node is None or node.parent is None:
            node = self.revision_tree.root.add("loading…", TreeRef("source"), expand=True)
            self._provisional = node
        return node

    def _drop_provisional(self) -> None:
        node = self._provisional
        if node is not None and node.parent is not None:
            node.remove()
        self._provisional = None

    def source_loaded(self, source: Source) -> None:
        """A source was read: it replaces the provisional node in the tree."""
        self._drop_provisional()
        self.sources.append(source)
        self._add_source(source)
        if self.selected is None:
            if self.initial is not None:
                self.select(*self.initial)
            else:
                self._select_default()
        elif any(self.selected.page is page for page in source.all_pages()):
            self.revision_tree.reveal(self.selected.page, self.selected.index)

    def source_failed(self, path: str, message: str) -> None:
        """A source could not be read: a line in the tree and a notice; the rest goes on."""
        self._drop_provisional()
        self.revision_tree.add_failed(path, message)
        self.notify(visible(message), title="Could not open a source", severity="error", timeout=10)

    def loading_step(self, step: int) -> None:
        """A reader starts (+1) or ends (-1); when none is left, say if nothing could be shown."""
        self.loading_count += step
        if self.loading_count <= 0:
            self.status.update(activity=None)
            if self.selected is None:
                self.diff.show_message(
                    "No revisions to show: see the notices and the tree for what went wrong."
                    if not any(p.revisions for p in pages_in(self.sources))
                    else "No revision selected."
                )
                self.article.show(None, None)
                self._adapt_layout()

    def add_source(self, source: Source, *, select_latest: bool = True) -> None:
        """Show another source (e.g. a fetched history) and select its latest revision."""
        self.sources.append(source)
        self._add_source(source)
        if select_latest:
            for page in source.all_pages():
                if page.revisions:
                    self.select(page, len(page.revisions) - 1)
                    break

    def replace_source(self, old: Source, new: Source) -> None:
        """Swap a source for a fresher copy of itself (after a refresh)."""
        if old in self.sources:
            self.sources.remove(old)
        for node in list(self.revision_tree.root.children):
            if node.data is not None and node.data.source is old:
                node.remove()
        selected = self.selected
        self.add_source(new, select_latest=selected is None)
        if selected is not None:
            for page in new.all_pages():
                if page.title == selected.page.title and page.revisions:
                    self.select(page, len(page.revisions) - 1)
                    return

    # -- fetching -----------------------------------------------------------------------------

    def start_fetch(self, request: FetchRequest, folder: Path) -> None:
        """Fetch a page's history into ``folder`` in a worker; the tree fills as it arrives."""
        FetchWorker(self, request, folder, use_cache=self.app_uses_cache).start()

    def _remember(self, fetch: FetchWorker, source: Source, path: Path) -> None:
        for page in source.all_pages():
            self.fetched[id(page)] = (fetch.request, path)

    def on_fetch_worker_cached(self, event: FetchWorker.Cached) -> None:
        """The copy fetched last time opens at once, while the newer revisions are fetched."""
        self.add_source(event.source)
        self._remember(event.fetch, event.source, event.path)

    def on_fetch_worker_progress(self, event: FetchWorker.Progress) -> None:
        """Show how many revisions have come."""
        self.status.update(activity=event.activity)

    def on_fetch_worker_batch(self, event: FetchWorker.Batch) -> None:
        """Add a batch of revisions to the live page in the tree."""
        fetch = event.fetch
        for revision in event.revisions:
            fetch.page.add(revision)
        fetch.page.sort_chronologically()
        if not fetch.shown:
            fetch.shown = True
            self.add_source(fetch.live, select_latest=False)
        self.revision_tree.refresh_page(fetch.page, loading=True)

    def on_fetch_worker_failed(self, event: FetchWorker.Failed) -> None:
        """Say why the fetch (or the cached copy) failed."""
        if not event.fatal:
            self.notify(visible(event.message), title="Cached copy unreadable", severity="warning")
            return
        self.status.update(activity=None)
        self.notify(visible(event.message), title="Fetch failed", severity="error", timeout=10)

    def on_fetch_worker_done(self, event: FetchWorker.Done) -> None:
        """The written export replaces the live page (or the cached copy)."""
        fetch = event.fetch
        self.status.update(activity=None)
        old = fetch.cached if fetch.cached is not None else (fetch.live if fetch.shown else None)
        if old is not None:
            self.replace_source(old, event.source)
        else:
            self.add_source(event.source)
        self._remember(fetch, event.source, event.path)
        added = event.added
        self.notify(
            f"{added:,} new revision{'s' if added != 1 else ''} → {event.path}",
            title=f"Fetched {visible(fetch.request.title)}",
            timeout=6,
        )

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

    def current_comparison(self) -> Comparison | None:
        """What the diff pane should show for the current selection and modes."""
        if self.selected is None:
            return None
        return comparison_for(
            self.selected.page,
            self.selected.index,
            base=self.base,
            visual=self.visual,
            context=CONTEXT_STEPS[self.context_step],
        )

    def _show_diff(self) -> None:
        comparison = self.current_comparison()
        self.diff.show(comparison)
        self._update_status(comparison)

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

    def _update_mode(self) -> None:
        context = CONTEXT_STEPS[self.context_step]
        parts = [
            "inline" if self.diff.inline else "side by side",
            "visual" if self.visual else "wikitext",
            f"ctx {'all' if context is None else context}",
        ]
        self.status.update(mode=" · ".join(parts))

    # -- messages from the panes ------------------------------------------------------------

    def on_revision_tree_revision_highlighted(
        self, event: RevisionTree.RevisionHighlighted
    ) -> None:
        """The cursor moved onto a revision: show it."""
        self.select(event.page, event.index, reveal=False)

    def on_diff_view_position_changed(self, event: DiffView.PositionChanged) -> None:
        """Show the current hunk and its section."""
        hunk = None
        if event.total:
            hunk = (
                f"change {event.hunk + 1}/{event.total}"
                if event.hunk is not None
                else (f"{event.total} change{'s' if event.total != 1 else ''}")
            )
        section = event.section
        if self.focused is self.article:
            section = self.article.section
        self.status.update(hunk=hunk, section=section)

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

    def focus_diff(self) -> None:
        """Focus the diff pane (bringing it into view on a small screen)."""
        self._last_pane = self.diff
        self.diff.focus()
        self._adapt_layout()

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        """Give focus back to the pane that was searched."""
        if event.target is not None:
            event.target.focus()

    # -- actions ----------------------------------------------------------------------------

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

    def action_next_hunk(self) -> None:
        """Next change in the diff."""
        if not self.diff.next_hunk(1):
            self.notify("No further change.", timeout=2)

    def action_previous_hunk(self) -> None:
        """Previous change in the diff."""
        if not self.diff.next_hunk(-1):
            self.notify("No earlier change.", timeout=2)

    def _section_step(self, step: int) -> None:
        if self.focused is self.article:
            moved = self.article.next_section(step)
        else:
            moved = self.diff.next_section(step)
        if not moved:
            self.notify("No further section." if step > 0 else "No earlier section.", timeout=2)

    def action_next_section(self) -> None:
        """Next section: the next heading in the article, the next section's hunk in the diff."""
        self._section_step(1)

    def action_previous_section(self) -> None:
        """Previous section."""
        self._section_step(-1)

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

    def action_toggle_inline(self) -> None:
        """Side by side ↔ inline."""
        self.diff.toggle_inline()
        self._update_mode()

    def action_toggle_visual(self) -> None:
        """Wikitext ↔ visual (rendered text) diff."""
        self.visual = not self.visual
        self._show_diff()

    def action_mark_base(self) -> None:
        """Compare every revision selected from now on with this one."""
        if self.selected is None:
            return
        revision = self.selected.page.revisions[self.selected.index]
        self.notify(
            f"Base: r{revision.rev_id}. Select another revision to compare; B resets.", timeout=4
        )
        self.compare_with(self.selected.index)

    def compare_with(self, index: int) -> None:
        """Compare the selected revision with revision ``index`` (the palette's "compare with")."""
        if self.selected is None:
            return
        self.base = index
        self.revision_tree.set_base(self.selected.page, self.base)
        self._show_diff()

    def action_clear_base(self) -> None:
        """Back to comparing with the parent revision."""
        self.base = None
        self.revision_tree.set_base(None, None)
        self._show_diff()

    def action_expand_folds(self) -> None:
        """Show the context lines folded away around the current change."""
        if not self.diff.expand_folds():
            self.notify("Nothing folded here.", timeout=2)

    def action_toggle_header(self) -> None:
        """Full diff header ↔ the two-row one."""
        self.diff.toggle_header()

    def _change_context(self, step: int) -> None:
        target = self.context_step + step
        if not 0 <= target < len(CONTEXT_STEPS):
            return
        self.context_step = target
        self._show_diff()

    def action_less_context(self) -> None:
        """Fewer context lines around each change."""
        self._change_context(-1)

    def action_more_context(self) -> None:
        """More context lines (up to the whole text)."""
        self._change_context(+1)

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

    def action_copy_url(self) -> None:
        """Copy the diff's URL on the wiki to the clipboard (OSC 52: works over ssh)."""
        comparison = self.current_comparison()
        if comparison is None:
            return
        url = diff_url(comparison)
        self.app.copy_to_clipboard(url)
        self.notify(url, title="Copied", timeout=4)

    def action_toggle_sidebar(self) -> None:
        """Show or hide the revision tree."""
        shown = not self.has_class("-no-sidebar")
        self.sidebar_pinned = not shown
        if shown and self.focused is self.revision_tree:
            self.diff.focus()
        self._adapt_layout()

    # -- blame ------------------------------------------------------------------------------

    def action_toggle_blame(self) -> None:
        """Blame view of the selected revision in the article pane ↔ the rendered article."""
        self.blame_mode = not self.blame_mode
        self.set_class(self.blame_mode, "-blame")
        if self.blame_mode:
            if self.focused is self.article:
                self.blame_view.focus()
            self._start_blame()
        else:
            self._blame_busy = False
            self.workers.cancel_group(self, "blame")
            self.status.update(activity=None)
            if self.focused is self.blame_view:
                self.article.focus()
            self._article_stale = True
            self._maybe_render_article(now=True)
        self._adapt_layout()

    def _start_blame(self) -> None:
        if self.selected is None:
            return
        self._blame_busy = True
        self.status.update(activity="blame…")
        self.blamer.start(self.selected.page, self.selected.index)

    def _blame_is_current(self, page: Page, index: int) -> bool:
        selected = self.selected
        return (
            self.blame_mode
            and selected is not None
            and selected.page is page
            and (selected.index == index or self._blame_hold)
        )

    def on_blame_worker_progress(self, event: BlameWorker.Progress) -> None:
        """Show how far the history pass is."""
        if self.blame_mode and event.total:
            self.status.update(activity=f"blame {100 * event.done // event.total}%")

    def on_blame_worker_ready(self, event: BlameWorker.Ready) -> None:
        """Show the blame of the selected revision."""
        if not self._blame_is_current(event.page, event.index):
            return
        self._blame_busy = False
        self.status.update(activity=None)
        self.blame_view.show(event.page, event.blame)

    def on_blame_worker_failed(self, event: BlameWorker.Failed) -> None:
        """Say why the revision could not be blamed."""
        if not self._blame_is_current(event.page, event.index):
            return
        self._blame_busy = False
        self.status.update(activity=None)
        self.blame_view.clear()
        self.notify(visible(event.message), title="No blame", severity="warning")

    def on_blame_view_cursor_moved(self, event: BlameView.CursorMoved) -> None:
        """The status line names the edit that added the token under the cursor."""
        page = event.view.page
        if page is None or not self.blame_mode:
            return
        revision = page.revisions[event.index]
        user = "(hidden)" if revision.user_hidden else (revision.user or "?")
        when = revision.timestamp.strftime("%Y-%m-%d %H:%M") if revision.timestamp else "?"
        summary = "" if revision.comment_hidden else (revision.comment or "")
        self.status.update(activity=visible(f"r{revision.rev_id} {user} {when} {summary}"))

    def on_blame_view_origin_chosen(self, event: BlameView.OriginChosen) -> None:
        """Select, in the tree and the diff, the edit that added the token (the blame stays)."""
        page = event.view.page
        if page is None:
            return
        self._blame_hold = True
        try:
            self.select(page, event.index)
        finally:
            self._blame_hold = False


def diff_url(comparison: Comparison) -> str:
    """The wiki's own URL for a comparison, e.g. ``…/index.php?diff=2&oldid=1``."""
    site = comparison.page.site or "en.wikipedia.org"
    if "://" not in site:
        site = f"https://{site}"
    new_id = comparison.new.rev_id
    old = comparison.old
    if old is None or old.rev_id is None:
        return f"{site}/w/index.php?oldid={new_id}"
    return f"{site}/w/index.php?diff={new_id}&oldid={old.rev_id}"
