"""The reviewer's side of the main screen: reverts, the filter over the tree, the pickaxe.

:class:`ReviewMixin` is part of :class:`~wikitui.screens.main.MainScreen`. It keeps each page's
reverts (found by a :class:`~wikitui.workers.history.RevertFinder` the first time the page is
shown), the filter of the tree (``f``), and runs the pickaxe (the palette's "Find when text was
added…", ctrl+f in the ``/`` bar) whose results open as a list.
"""

from __future__ import annotations

from wikitui.history.filters import (
    RevisionFilter,
    count_note,
    filtered_indexes,
    same_user_edit,
    step_within,
)
from wikitui.history.pickaxe import Query
from wikitui.history.reverts import Reverts
from wikitui.model import Page
from wikitui.present.history import revert_header_marks, revert_note, revert_row_marks
from wikitui.present.revision import RowMark
from wikitui.screens.main_base import MainScreenBase
from wikitui.widgets.filter_bar import FilterBar
from wikitui.widgets.revision_tree import RevisionTree
from wikitui.widgets.search_bar import SearchBar
from wikitui.widgets.status_line import StatusLine
from wikitui.workers.history import Pickaxe, RevertFinder


class ReviewMixin(MainScreenBase):
    """Reverts, filters and the pickaxe for the main screen (which selects and shows)."""

    # -- hooks the main screen calls --------------------------------------------------------

    def selection(self) -> tuple[Page, int] | None:  # pragma: no cover - MainScreen's
        """The page and revision index selected."""
        raise NotImplementedError

    def reverts_of(self, page: Page) -> Reverts | None:
        """The page's reverts if known for its current history; starts finding them if not."""
        known = self.reverts.get(id(page))
        if known is not None and known[0] == len(page.revisions):
            return known[1]
        if known is None or known[0] >= 0:
            self.reverts[id(page)] = (-1, known[1] if known else Reverts())
            RevertFinder(self, page).start()
        return None

    def revert_notes(self, page: Page, index: int) -> tuple[str, ...]:
        """The status line's revert note for a revision (none: empty)."""
        note = revert_note(page, self.reverts_of(page), index)
        return (note,) if note else ()

    def header_marks(self, page: Page, index: int) -> list[RowMark]:
        """A revision's marks in the diff header: the tree row's, with the revert marks in
        the header's longer words ("reverted by r12 (Ann)", "reverts 2 edits")."""
        reverts = self.reverts_of(page)
        short = revert_row_marks(reverts, index)
        tree_marks = self.query_one(RevisionTree).row_marks(page, index)
        marks = [mark for mark in tree_marks if mark not in short]
        return marks + revert_header_marks(page, reverts, index)

    def shown_indexes(self, page: Page) -> list[int] | None:
        """The revisions of the page the filter lets through (None: no filter)."""
        if not self.revision_filter.active:
            return None
        shown = self._filtered.get(id(page))
        if shown is None:
            shown = filtered_indexes(page, self.revision_filter, self.reverts_of(page))
            self._filtered[id(page)] = shown
        return shown

    def filter_status(self, page: Page) -> str | None:
        """ "user Ann · 3 of 80 revisions" while a filter is on, else None."""
        shown = self.shown_indexes(page)
        if shown is None:
            return None
        return f"{self.revision_filter.describe()} · {count_note(len(shown), len(page.revisions))}"

    def filtered_step(self, page: Page, index: int, step: int) -> int | None:
        """J/K: the revision ``step`` away within the filtered list (or the whole history)."""
        shown = self.shown_indexes(page)
        if shown is None:
            target = index + step
            return target if 0 <= target < len(page.revisions) else None
        return step_within(shown, index, step)

    def refresh_review(self) -> None:  # pragma: no cover - MainScreen's
        """Redraw the status line and diff header after reverts or the filter changed."""
        raise NotImplementedError

    # -- reverts --------------------------------------------------------------------------

    def on_revert_finder_found(self, event: RevertFinder.Found) -> None:
        """A page's reverts are known: mark them in the tree, the status and the header."""
        page = event.page
        self.reverts[id(page)] = (event.count, event.reverts)
        self.query_one(RevisionTree).set_reverts(page, event.reverts)
        if self.revision_filter.only_reverted or self.revision_filter.only_reverting:
            self._apply_filter(self.revision_filter)
        self.refresh_review()

    # -- the filter -----------------------------------------------------------------------

    def action_filter(self) -> None:
        """Open the filter bar over the tree."""
        self.query_one(FilterBar).open()

    def on_filter_bar_applied(self, event: FilterBar.Applied) -> None:
        """Filter the tree, keep J/K inside the filtered revisions, say so on the status line."""
        self._apply_filter(event.revision_filter)
        selection = self.selection()
        if selection is None:
            return
        page, index = selection
        shown = self.shown_indexes(page)
        if shown is None or index in shown:
            self.query_one(RevisionTree).reveal(page, index)  # rebuilt rows: the cursor back
        elif index not in shown:
            if not shown:
                self.notify("No revision of this page passes the filter.", severity="warning")
            else:
                # The newest shown revision at or before the selection, else the oldest shown.
                older = step_within(shown, index, -1)
                self.select(page, older if older is not None else shown[0])
        self.refresh_review()

    def _apply_filter(self, revision_filter: RevisionFilter) -> None:
        self.revision_filter = revision_filter
        self._filtered.clear()
        tree = self.query_one(RevisionTree)
        selection = self.selection()
        for page in {id(p): p for p in self._filter_pages(selection)}.values():
            tree.set_filter(page, self.shown_indexes(page))

    def _filter_pages(self, selection: tuple[Page, int] | None) -> list[Page]:
        pages = [selection[0]] if selection is not None else []
        return pages + [page for page in self.filtered_pages() if page not in pages]

    def filtered_pages(self) -> list[Page]:  # pragma: no cover - MainScreen's
        """Every page in the tree."""
        raise NotImplementedError

    def on_filter_bar_closed(self, event: FilterBar.Closed) -> None:
        """Give focus back to the tree."""
        self.query_one(RevisionTree).focus()

    # -- same user ---------------------------------------------------------------------------

    def action_same_user(self, step: int) -> None:
        """u / U: the next or previous edit by the selected revision's user."""
        selection = self.selection()
        if selection is None:
            return
        page, index = selection
        target = same_user_edit(page, index, step, among=self.shown_indexes(page))
        if target is None:
            user = page.revisions[index].user or "this user"
            where = "later" if step > 0 else "earlier"
            self.notify(f"No {where} edit by {user}.", timeout=3)
            return
        self.select(page, target)

    # -- the pickaxe -----------------------------------------------------------------------

    def find_text(self, text: str, *, regex: bool = False, ignore_case: bool = False) -> None:
        """Search the selected page's history for ``text``; the results open as a list."""
        selection = self.selection()
        if selection is None:
            self.notify("Select a page first.", severity="warning")
            return
        try:
            query = Query(text, regex=regex, ignore_case=ignore_case)
        except ValueError as error:  # UsageError: an empty text or a bad pattern
            self.notify(str(error), severity="warning")
            return
        self.query_one(StatusLine).update(activity="searching…")
        Pickaxe(self, selection[0], query).start()

    def on_search_bar_find_when_added(self, event: SearchBar.FindWhenAdded) -> None:
        """ctrl+f in the search bar: search the history for the term."""
        self.find_text(event.term)

    def on_pickaxe_progress(self, event: Pickaxe.Progress) -> None:
        """Show how far the search is."""
        self.query_one(StatusLine).update(activity=event.activity)

    def on_pickaxe_failed(self, event: Pickaxe.Failed) -> None:
        """Say why the search could not run."""
        self.query_one(StatusLine).update(activity=None)
        self.notify(event.message, title="Search failed", severity="error")

    def on_pickaxe_done(self, event: Pickaxe.Done) -> None:
        """Open the results; enter on one shows that edit's diff."""
        from wikitui.screens.search_results import SearchResultsScreen

        self.query_one(StatusLine).update(activity=None)
        page = event.page
        if not event.events:
            self.notify(f"{event.query.text!r} is in no revision of {page.title}.")
            return

        def open_revision(index: int | None) -> None:
            if index is None:
                return
            if self.revision_filter.active and index not in (self.shown_indexes(page) or []):
                self._apply_filter(RevisionFilter())  # the edit must be visible in the tree
                self.refresh_review()
            self.select(page, index)
            self.focus_diff()

        self.app.push_screen(
            SearchResultsScreen(page, event.query.text, event.events), open_revision
        )

    def focus_diff(self) -> None:  # pragma: no cover - MainScreen's
        """Put the focus on the diff pane."""
        raise NotImplementedError
