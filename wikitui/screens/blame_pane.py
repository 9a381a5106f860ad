"""The blame view on the main screen: ``w`` puts it in the article pane's place.

The blame of the selected revision comes from a :class:`~wikitui.workers.blame.BlameWorker`;
the status line names the edit that added the token under the cursor, and enter selects that
edit in the tree and the diff while the blame stays on the revision it was made for.
"""

from __future__ import annotations

from wikitui.model import Page
from wikitui.present.blame import origin_status
from wikitui.present.visible import visible
from wikitui.screens.main_base import MainScreenBase
from wikitui.screens.pane_layout import SHORT_HEIGHT
from wikitui.widgets.blame_view import BlameView
from wikitui.workers.blame import BlameWorker


class BlamePaneMixin(MainScreenBase):
    """Turning the blame view on and off, and the messages of its worker and its view."""

    def action_toggle_blame(self) -> None:
        """Blame view of the selected revision in the article pane ↔ the rendered article."""
        self.blame_mode = not self.blame_mode
        self.set_class(self.blame_mode, "-blame")
        if self.blame_mode:
            self._start_blame()
            if self.size.height < SHORT_HEIGHT:
                # Only one of the diff and article panes shows: the blame comes into view in
                # the article pane's place, as choosing that pane would; focus follows it
                # from the diff it hides (the layout follows once the focus has moved).
                self._last_pane = self.blame_view
                if self.focused is self.diff:
                    self.set_class(False, "-diff-only")
                    self.set_class(True, "-article-only")
                    self.blame_view.focus()
                    self.call_after_refresh(self._adapt_layout)
                    return
            if self.focused is self.article:
                self.blame_view.focus()
        else:
            self._blame_busy = False
            self.workers.cancel_group(self, "blame")
            self.status.update(activity=None)
            if self._last_pane is self.blame_view:
                self._last_pane = self.article
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
        self.status.update(activity=origin_status(page, event.index))

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
