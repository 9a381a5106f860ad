"""Reading sources in a thread while the main screen shows what has been read so far."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from wikitui.errors import WikituiError
from wikitui.model import Page, Source

if TYPE_CHECKING:
    from wikitui.screens.main import MainScreen

# How often (seconds) progress and the pages read so far are passed to the screen.
PROGRESS_INTERVAL = 0.2


class SourceReader:
    """Opens paths one after the other in a thread worker, reporting to the screen."""

    def __init__(self, screen: MainScreen, paths: Sequence[str]) -> None:
        self.screen = screen
        self.app = screen.app
        self.paths = list(paths)

    def start(self) -> None:
        """Run in a thread worker (the scan of a big dump takes seconds)."""
        self.app.run_worker(
            self._run,
            thread=True,
            group="load",
            exit_on_error=False,
            description="reading sources",
        )

    def _run(self) -> None:
        from wikitui.sources import open_source

        worker = get_current_worker()
        self.app.call_from_thread(self.screen.loading_step, +1)
        try:
            for path in self.paths:
                if worker.is_cancelled:
                    return
                self._read(path, open_source)
        finally:
            self.app.call_from_thread(self.screen.loading_step, -1)

    def _read(self, path: str, open_source: Callable[..., Source]) -> None:
        screen = self.screen
        name = Path(path).name or path
        pages: list[Page] = []
        last = 0.0
        lock = threading.Lock()

        def on_progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > PROGRESS_INTERVAL and total:
                last = now
                activity = f"loading {name} {100 * done // total}%"
                self.app.call_from_thread(screen.status.update, activity=activity)
                with lock:
                    started = list(pages)
                self.app.call_from_thread(screen.show_partial, started)

        def on_page(page: Page) -> None:
            with lock:
                pages.append(page)

        self.app.call_from_thread(screen.status.update, activity=f"loading {name}…")
        try:
            use_cache = getattr(self.app, "use_cache", True)
            source = open_source(
                path, on_progress=on_progress, on_page=on_page, use_cache=use_cache
            )
        except WikituiError as error:
            self.app.call_from_thread(screen.source_failed, path, error.message)
        except Exception as error:  # a loader bug: report it, keep the other sources
            message = f"{type(error).__name__}: {error}"
            self.app.call_from_thread(screen.source_failed, path, message)
        else:
            self.app.call_from_thread(screen.source_loaded, source)
