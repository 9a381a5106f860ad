"""Fetching a page's history from a live wiki while the app runs.

The fetch runs in a thread worker; each batch of revisions the API returns is added to a live
:class:`~wikitui.model.Page` in the tree at once (metadata first: the texts arrive with the
finished file), and the written export then replaces it. A page already in the cache opens at
once and is brought up to date in the background.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wikitui.errors import WikituiError
from wikitui.model import Page, Revision, Source, normalise_title

if TYPE_CHECKING:
    from wikitui.app import FetchRequest, WikituiApp
    from wikitui.screens.main import MainScreen


class FetchTask:
    """One fetch: a live page in the tree, then the written file opened as a source."""

    def __init__(self, app: WikituiApp, screen: MainScreen, request: FetchRequest, dest: Path):
        self.app = app
        self.screen = screen
        self.request = request
        self.dest = dest
        self.live = Source(path=f"{request.site}: {request.title}", kind="fetch")
        self.page = Page(title=request.title, site=request.site)
        self.live.pages.append(self.page)
        self.shown = False
        self.cached: Source | None = None

    def start(self) -> None:
        """Open the cached copy if there is one, then fetch in a worker."""
        self.cached = self._open_cached()
        if self.cached is not None:
            self.screen.add_source(self.cached)
            self._remember(self.cached, self._cached_path())
        self.screen.status.update(activity=f"fetching {self.request.title}…")
        self.app.run_worker(
            self._run,
            thread=True,
            group="fetch",
            exit_on_error=False,
            description=f"fetching {self.request.title}",
        )

    def _cached_path(self) -> Path:
        from wikitui.fetch import default_output_name

        if self.dest.suffix == ".xml":
            return self.dest
        # The fetcher names the file after the title the wiki resolves; normalising as the
        # wiki does finds it for "pear" or "Ada_Lovelace" too (a redirect's target is only
        # known online).
        return self.dest / default_output_name(normalise_title(self.request.title))

    def _open_cached(self) -> Source | None:
        path = self._cached_path()
        if not path.is_file():
            return None
        from wikitui.sources import open_source

        try:
            return open_source(path, use_cache=getattr(self.app, "use_cache", True))
        except WikituiError as error:
            self.app.notify(error.message, title="Cached copy unreadable", severity="warning")
            return None

    def _run(self) -> None:
        from wikitui.fetch import fetch_history

        if self.dest.suffix != ".xml":
            self.dest.mkdir(parents=True, exist_ok=True)
        try:
            result = fetch_history(
                self.request.title,
                site=self.request.site,
                api=self.request.api,
                limit=self.request.limit,
                dest=self.dest,
                on_progress=self._progress,
                on_revisions=self._batch,
            )
            from wikitui.sources import open_source

            source = open_source(result.path, use_cache=getattr(self.app, "use_cache", True))
        except WikituiError as error:
            self.app.call_from_thread(self._failed, error.message)
        except Exception as error:  # a bug in the fetcher: say so, keep the app
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
        else:
            self.app.call_from_thread(self._done, source, result.path, result.added)

    def _progress(self, done: int, wanted: int | None) -> None:
        label = f"fetching {self.request.title}: {done:,}"
        if wanted:
            label += f"/{wanted:,}"
        self.app.call_from_thread(self.screen.status.update, activity=label)

    def _batch(self, revisions: Sequence[Revision]) -> None:
        if self.cached is not None:
            return  # the cached copy is on screen; the refreshed file replaces it at the end
        self.app.call_from_thread(self._show_batch, list(revisions))

    def _show_batch(self, revisions: list[Revision]) -> None:
        for revision in revisions:
            self.page.add(revision)
        self.page.sort_chronologically()
        if not self.shown:
            self.shown = True
            self.screen.add_source(self.live, select_latest=False)
        self.screen.revision_tree.refresh_page(self.page, loading=True)

    def _failed(self, message: str) -> None:
        self.screen.status.update(activity=None)
        self.app.notify(message, title="Fetch failed", severity="error", timeout=10)

    def _done(self, source: Source, path: Path, added: int) -> None:
        self.screen.status.update(activity=None)
        old = self.cached if self.cached is not None else (self.live if self.shown else None)
        if old is not None:
            self.screen.replace_source(old, source)
        else:
            self.screen.add_source(source)
        self._remember(source, path)
        self.app.notify(
            f"{added:,} new revision{'s' if added != 1 else ''} → {path}",
            title=f"Fetched {self.request.title}",
            timeout=6,
        )

    def _remember(self, source: Source, path: Path) -> None:
        for page in source.all_pages():
            self.app.fetched[id(page)] = (self.request, path)
