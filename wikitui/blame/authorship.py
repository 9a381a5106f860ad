"""A page's authorship, kept up to date with its history and cached in ``page.derived``.

:meth:`Authorship.of` loads the saved state when the page has a store and the state still
fits the history (:func:`~wikitui.blame.store.history_fingerprint`), processes only the
revisions added since, and saves the result; without a store it processes the whole history.
After that :meth:`Authorship.blame` of any revision is a lookup.
"""

from __future__ import annotations

from collections.abc import Callable

from wikitui.blame.engine import BlameState
from wikitui.blame.spans import Blame, build_blame
from wikitui.blame.store import dump_state, history_fingerprint, load_state
from wikitui.errors import TextUnavailable
from wikitui.model import Page

KIND = "blame"
KEY = "state"
PROGRESS_EVERY = 100

Progress = Callable[[int, int], None]


class Authorship:
    """Who added each token of each revision of one page."""

    def __init__(self, page: Page, state: BlameState, covered: int) -> None:
        self.page = page
        self.state = state
        self.covered = covered  # revisions of the page walked (with or without text)
        self.loaded = 0  # of them, how many came from the saved state
        self._positions = {key: position for position, key in enumerate(state.rev_keys)}

    @classmethod
    def of(
        cls,
        page: Page,
        *,
        on_progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Authorship:
        """The page's authorship over its whole history, from the cache where it is good.

        ``on_progress(done, total)`` is called every hundred revisions; ``cancelled()`` is
        asked as often, and a True stops the pass (what was done is neither kept nor saved:
        the result then covers only part of the history).
        """
        authorship = cls._load(page) or cls(page, BlameState(), 0)
        authorship.loaded = authorship.covered
        if authorship.update(on_progress=on_progress, cancelled=cancelled):
            authorship.save()
        return authorship

    @classmethod
    def _load(cls, page: Page) -> Authorship | None:
        """The saved state, if there is one and it fits this history."""
        store = page.derived
        data = store.get(KIND, KEY) if store is not None else None
        if data is None:
            return None
        try:
            state, covered, fingerprint = load_state(data)
            if covered > len(page.revisions) or fingerprint != history_fingerprint(page, covered):
                return None
            if state.rev_keys:
                state.resume(page.text(page.revisions[state.rev_keys[-1]]))
        except (ValueError, IndexError, TextUnavailable):
            return None  # damaged, or made from another history: computed afresh
        return cls(page, state, covered)

    def update(
        self, *, on_progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> bool:
        """Process the revisions added to the page since; True if there were any."""
        page, state = self.page, self.state
        total = len(page.revisions)
        start = self.covered
        for index in range(start, total):
            if (index - start) % PROGRESS_EVERY == 0:
                if cancelled is not None and cancelled():
                    return False
                if on_progress is not None:
                    on_progress(index, total)
            try:
                text = page.text(page.revisions[index])
            except TextUnavailable:
                continue  # hidden or damaged: it has no authorship of its own
            self._positions[index] = len(state)
            state.add(index, text)
            self.covered = index + 1
        self.covered = total
        if on_progress is not None:
            on_progress(total, total)
        return total > start

    def save(self) -> None:
        """Keep the state in the page's store, if it has one."""
        if self.page.derived is not None:
            fingerprint = history_fingerprint(self.page, self.covered)
            self.page.derived.put(KIND, KEY, dump_state(self.state, self.covered, fingerprint))

    def blame(self, index: int) -> Blame:
        """The authorship of the page's revision number ``index``.

        Raises :class:`~wikitui.errors.TextUnavailable` for a revision whose text is hidden
        or unreadable (it was skipped when the history was processed).
        """
        revision = self.page.revisions[index]
        text = self.page.text(revision)  # raises for hidden text
        position = self._positions.get(index)
        if position is None:
            raise TextUnavailable(f"revision {revision.rev_id} has no authorship computed")
        keys = self.state.rev_keys
        return build_blame(index, text, [keys[p] for p in self.state.origins(position)])
