"""Reading sources in a thread while the screen shows what has been read so far.

:class:`SourceReader` opens paths one after the other in a thread worker and reports by posting
Messages to the node that started it (the main screen); it knows neither the app nor a screen.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from wikitui.errors import WikituiError
from wikitui.model import Page, Source

# How often (seconds) progress and the pages read so far are reported.
PROGRESS_INTERVAL = 0.2


class SourceReader:
    """Opens paths one after the other in a thread worker, posting messages to ``target``."""

    class Running(Message):
        """A reader starts (``step`` +1) or ends (-1); handled by ``on_source_reader_running``."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Progress(Message):
        """How far the reading is, and the pages started so far (their revisions grow while
        the scan goes on); handled by ``on_source_reader_progress``."""

        def __init__(self, activity: str, pages: list[Page] | None = None) -> None:
            super().__init__()
            self.activity = activity
            self.pages = pages

    class Loaded(Message):
        """A source was read; handled by ``on_source_reader_loaded``."""

        def __init__(self, source: Source) -> None:
            super().__init__()
            self.source = source

    class Failed(Message):
        """A source could not be read; handled by ``on_source_reader_failed``."""

        def __init__(self, path: str, message: str) -> None:
            super().__init__()
            self.path = path
            self.message = message

    def __init__(self, target: DOMNode, paths: Sequence[str], *, use_cache: bool = True) -> None:
        self.target = target
        self.paths = list(paths)
        self.use_cache = use_cache  # False: --no-cache, read without the index

    def start(self) -> None:
        """Run in a thread worker (the scan of a big dump takes seconds)."""
        self.target.run_worker(
            self._run,
            thread=True,
            group="load",
            exit_on_error=False,
            description="reading sources",
        )

    def _post(self, message: Message) -> None:
        self.target.post_message(message)  # thread-safe

    def _run(self) -> None:
        from wikitui.sources import open_source

        worker = get_current_worker()
        self._post(self.Running(+1))
        try:
            for path in self.paths:
                if worker.is_cancelled:
                    return
                self._read(path, open_source)
        finally:
            self._post(self.Running(-1))

    def _read(self, path: str, open_source: Callable[..., Source]) -> None:
        name = Path(path).name or path
        pages: list[Page] = []
        last = 0.0
        lock = threading.Lock()

        def on_progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > PROGRESS_INTERVAL and total:
                last = now
                with lock:
                    started = list(pages)
                self._post(self.Progress(f"loading {name} {100 * done // total}%", started))

        def on_page(page: Page) -> None:
            with lock:
                pages.append(page)

        self._post(self.Progress(f"loading {name}…"))
        try:
            source = open_source(
                path, on_progress=on_progress, on_page=on_page, use_cache=self.use_cache
            )
        except WikituiError as error:
            self._post(self.Failed(path, error.message))
        except Exception as error:  # a loader bug: report it, keep the other sources
            self._post(self.Failed(path, f"{type(error).__name__}: {error}"))
        else:
            self._post(self.Loaded(source))
