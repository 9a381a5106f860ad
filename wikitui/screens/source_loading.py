"""How sources reach the main screen's tree: read from files and fetched from a wiki.

A :class:`~wikitui.workers.sources.SourceReader` reads the paths given on the command line in a
thread, and a :class:`~wikitui.workers.fetch.FetchWorker` downloads a page's history; both post
messages, and their pages and revisions appear in the tree as they come.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.widgets.tree import TreeNode

from wikitui.fetch.request import FetchRequest
from wikitui.model import Page, Source, pages_in
from wikitui.present.visible import visible
from wikitui.screens.main_base import MainScreenBase
from wikitui.widgets.revision_tree import TreeRef
from wikitui.workers.fetch import FetchWorker
from wikitui.workers.sources import SourceReader


class SourceLoadingMixin(MainScreenBase):
    """Adding sources to the tree as they are read or fetched, and choosing what to show."""

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
