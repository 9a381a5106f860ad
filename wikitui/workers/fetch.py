"""Fetching a page's history from a live wiki while the app runs.

:class:`FetchWorker` runs in a thread worker and posts Messages to the node that started it (the
main screen): the cached copy when there is one, progress, each batch of revisions the API
returns (metadata first: the texts arrive with the finished file), then the written export. It
knows neither the app nor a screen; the screen keeps the live page in the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.dom import DOMNode
from textual.message import Message

from wikitui.errors import WikituiError
from wikitui.fetch.request import FetchRequest
from wikitui.model import Page, Revision, Source, normalise_title


class FetchWorker:
    """One fetch: posts what arrives; :attr:`live` and :attr:`page` hold the revisions shown
    while it runs (filled on the UI thread by the screen, from :class:`Batch` messages)."""

    class Cached(Message):
        """The copy fetched last time opened; handled by ``on_fetch_worker_cached``."""

        def __init__(self, fetch: FetchWorker, source: Source, path: Path) -> None:
            super().__init__()
            self.fetch = fetch
            self.source = source
            self.path = path

    class Progress(Message):
        """Revisions fetched so far; handled by ``on_fetch_worker_progress``."""

        def __init__(self, fetch: FetchWorker, activity: str) -> None:
            super().__init__()
            self.fetch = fetch
            self.activity = activity

    class Batch(Message):
        """A batch of revisions (metadata) arrived; handled by ``on_fetch_worker_batch``."""

        def __init__(self, fetch: FetchWorker, revisions: list[Revision]) -> None:
            super().__init__()
            self.fetch = fetch
            self.revisions = revisions

    class Done(Message):
        """The history was written and opened; handled by ``on_fetch_worker_done``."""

        def __init__(self, fetch: FetchWorker, source: Source, path: Path, added: int) -> None:
            super().__init__()
            self.fetch = fetch
            self.source = source
            self.path = path
            self.added = added

    class Failed(Message):
        """The fetch (or opening the cached copy: ``fatal`` False) failed; handled by
        ``on_fetch_worker_failed``."""

        def __init__(self, fetch: FetchWorker, message: str, *, fatal: bool = True) -> None:
            super().__init__()
            self.fetch = fetch
            self.message = message
            self.fatal = fatal

    def __init__(
        self, target: DOMNode, request: FetchRequest, dest: Path, *, use_cache: bool = True
    ) -> None:
        self.target = target
        self.use_cache = use_cache  # False: --no-cache, read without the index
        self.request = request
        self.dest = dest
        self.live = Source(path=f"{request.site}: {request.title}", kind="fetch")
        self.page = Page(title=request.title, site=request.site)
        self.live.pages.append(self.page)
        self.shown = False  # set by the screen once the live page is in the tree
        self.cached: Source | None = None

    def start(self) -> None:
        """Open the cached copy if there is one, then fetch, in a thread worker."""
        self.target.run_worker(
            self._run,
            thread=True,
            group="fetch",
            exit_on_error=False,
            description=f"fetching {self.request.title}",
        )

    def _post(self, message: Message) -> None:
        self.target.post_message(message)  # thread-safe

    def cached_path(self) -> Path:
        """Where the fetched export is (or will be) kept."""
        from wikitui.fetch import default_output_name

        if self.dest.suffix == ".xml":
            return self.dest
        # The fetcher names the file after the title the wiki resolves; normalising as the
        # wiki does finds it for "pear" or "Ada_Lovelace" too (a redirect's target is only
        # known online).
        return self.dest / default_output_name(normalise_title(self.request.title))

    def _open_cached(self) -> None:
        path = self.cached_path()
        if not path.is_file():
            return
        from wikitui.sources import open_source

        try:
            self.cached = open_source(path, use_cache=self.use_cache)
        except WikituiError as error:
            self._post(self.Failed(self, error.message, fatal=False))
        else:
            self._post(self.Cached(self, self.cached, path))

    def _run(self) -> None:
        from wikitui.fetch import fetch_history

        self._open_cached()
        self._post(self.Progress(self, f"fetching {self.request.title}…"))
        try:
            if self.dest.suffix != ".xml":
                self.dest.mkdir(parents=True, exist_ok=True)
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

            source = open_source(result.path, use_cache=self.use_cache)
        except WikituiError as error:
            self._post(self.Failed(self, error.message))
        except Exception as error:  # a bug in the fetcher: say so, keep the app
            self._post(self.Failed(self, f"{type(error).__name__}: {error}"))
        else:
            self._post(self.Done(self, source, result.path, result.added))

    def _progress(self, done: int, wanted: int | None) -> None:
        label = f"fetching {self.request.title}: {done:,}"
        if wanted:
            label += f"/{wanted:,}"
        self._post(self.Progress(self, label))

    def _batch(self, revisions: Sequence[Revision]) -> None:
        if self.cached is not None:
            return  # the cached copy is on screen; the refreshed file replaces it at the end
        self._post(self.Batch(self, list(revisions)))
