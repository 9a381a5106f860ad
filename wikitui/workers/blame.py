"""Computing a blame in a thread while the app stays responsive.

:class:`BlameWorker` keeps one :class:`~wikitui.blame.Authorship` per page: the first blame of
a page processes its history (reporting progress), later ones are lookups, and a page that grew
(a refresh) costs only its new revisions. It reports by posting Messages to the node that
started it; a newer request cancels the older one.
"""

from __future__ import annotations

import threading
import time

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from wikitui.blame import Authorship, Blame
from wikitui.errors import WikituiError
from wikitui.model import Page

PROGRESS_INTERVAL = 0.2  # seconds between two progress messages


class BlameWorker:
    """Blames revisions of pages in a thread worker, posting messages to ``target``."""

    class Progress(Message):
        """How far the history pass is; handled by ``on_blame_worker_progress``."""

        def __init__(self, page: Page, done: int, total: int) -> None:
            super().__init__()
            self.page = page
            self.done = done
            self.total = total

    class Ready(Message):
        """A revision's blame is ready; handled by ``on_blame_worker_ready``."""

        def __init__(self, page: Page, index: int, blame: Blame) -> None:
            super().__init__()
            self.page = page
            self.index = index
            self.blame = blame

    class Failed(Message):
        """A revision could not be blamed; handled by ``on_blame_worker_failed``."""

        def __init__(self, page: Page, index: int, message: str) -> None:
            super().__init__()
            self.page = page
            self.index = index
            self.message = message

    def __init__(self, target: DOMNode) -> None:
        self.target = target
        self._authorships: dict[int, Authorship] = {}  # by id(page)
        self._lock = threading.Lock()  # one history pass at a time

    def start(self, page: Page, index: int) -> None:
        """Blame revision ``index`` of ``page``, cancelling a blame still running."""
        self.target.run_worker(
            lambda: self._run(page, index),
            thread=True,
            group="blame",
            exclusive=True,
            exit_on_error=False,
            description="blame",
        )

    def _run(self, page: Page, index: int) -> None:
        worker = get_current_worker()
        last = 0.0

        def on_progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last > PROGRESS_INTERVAL or done == total:
                last = now
                self.target.post_message(self.Progress(page, done, total))

        def cancelled() -> bool:
            return worker.is_cancelled

        try:
            with self._lock:
                authorship = self._authorships.get(id(page))
                if authorship is None or authorship.page is not page:
                    authorship = Authorship.of(page, on_progress=on_progress, cancelled=cancelled)
                    self._authorships[id(page)] = authorship
                elif authorship.update(on_progress=on_progress, cancelled=cancelled):
                    authorship.save()
                if worker.is_cancelled:
                    return
                blame = authorship.blame(index)
        except WikituiError as error:
            self.target.post_message(self.Failed(page, index, error.message))
        except Exception as error:  # a bug: say so, keep the app running
            self.target.post_message(self.Failed(page, index, f"{type(error).__name__}: {error}"))
        else:
            self.target.post_message(self.Ready(page, index, blame))
