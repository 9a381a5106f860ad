"""Whole-history analyses in thread workers: finding a page's reverts, the pickaxe search.

Both read every text of a history (or, with known SHA-1s, every distinct one), which takes
seconds on a long history: they run in thread workers and report by posting Messages to the
node that started them (the main screen), knowing neither the app nor a screen.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from wikitui.errors import WikituiError
from wikitui.history.pickaxe import Cancelled, Event, Query, search
from wikitui.history.reverts import Reverts, find_reverts
from wikitui.model import Page


class RevertFinder:
    """Finds the reverts of one page in a thread worker, posting :class:`Found`."""

    class Found(Message):
        """A page's reverts are known; handled by ``on_revert_finder_found``."""

        def __init__(self, page: Page, reverts: Reverts, count: int) -> None:
            super().__init__()
            self.page = page
            self.reverts = reverts
            self.count = count  # the revisions they were found among (a page may still grow)

    def __init__(self, target: DOMNode, page: Page) -> None:
        self.target = target
        self.page = page

    def start(self) -> None:
        """Run in a thread worker (one per page; a second request for the page replaces it)."""
        self.target.run_worker(
            self._run,
            thread=True,
            group=f"reverts-{id(self.page)}",
            exclusive=True,
            exit_on_error=False,
            description=f"finding reverts in {self.page.title}",
        )

    def _run(self) -> None:
        count = len(self.page.revisions)
        reverts = find_reverts(self.page)
        if not get_current_worker().is_cancelled:
            self.target.post_message(self.Found(self.page, reverts, count))


class Pickaxe:
    """Searches a page's history for a text in a thread worker, posting its progress and
    :class:`Done` or :class:`Failed`; a new search cancels the previous one."""

    class Progress(Message):
        """How far the search is; handled by ``on_pickaxe_progress``."""

        def __init__(self, activity: str) -> None:
            super().__init__()
            self.activity = activity

    class Done(Message):
        """The events were found; handled by ``on_pickaxe_done``."""

        def __init__(self, page: Page, query: Query, events: list[Event]) -> None:
            super().__init__()
            self.page = page
            self.query = query
            self.events = events

    class Failed(Message):
        """The search could not run; handled by ``on_pickaxe_failed``."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, target: DOMNode, page: Page, query: Query) -> None:
        self.target = target
        self.page = page
        self.query = query

    def start(self) -> None:
        """Run in a thread worker; a search started later cancels this one."""
        self.target.run_worker(
            self._run,
            thread=True,
            group="pickaxe",
            exclusive=True,
            exit_on_error=False,
            description=f"searching {self.page.title}",
        )

    def _run(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if done % 2048 == 0 and total:
                self.target.post_message(self.Progress(f"searching {done * 100 // total}%"))

        try:
            events = search(
                self.page, self.query, on_progress=progress, cancelled=lambda: worker.is_cancelled
            )
        except Cancelled:
            return
        except WikituiError as error:
            self.target.post_message(self.Failed(error.message))
            return
        self.target.post_message(self.Done(self.page, self.query, events))
