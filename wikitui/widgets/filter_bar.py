"""The filter bar over the revision tree: ``f`` opens it; enter applies, escape closes.

The words are those of :func:`wikitui.history.filters.parse_filter`: ``user:NAME``,
``user:PREFIX*``, ``-minor``, ``-bots``, ``reverted``, ``reverting``, ``summary:TEXT``; an empty
bar clears the filter.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from wikitui.history.filters import FILTER_SYNTAX, RevisionFilter, parse_filter


class FilterBar(Input):
    """An input whose words filter the revisions shown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close filter", id="filter.close"),
    ]

    class Applied(Message):
        """Enter: a filter to apply; handled by ``on_filter_bar_applied``."""

        def __init__(self, bar: FilterBar, revision_filter: RevisionFilter) -> None:
            super().__init__()
            self.bar = bar
            self.revision_filter = revision_filter

    class Closed(Message):
        """The bar closed; handled by ``on_filter_bar_closed``."""

        def __init__(self, bar: FilterBar) -> None:
            super().__init__()
            self.bar = bar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(placeholder=f"filter: {FILTER_SYNTAX}", id=id, classes=classes)

    def open(self) -> None:
        """Show the bar with the current words, ready to edit."""
        self.display = True
        self.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: apply the words (or say what is wrong with them)."""
        event.stop()
        try:
            revision_filter = parse_filter(event.value)
        except ValueError as error:
            self.notify(str(error), severity="warning")
            return
        self.post_message(self.Applied(self, revision_filter))
        self.action_close()

    def action_close(self) -> None:
        """Hide the bar; the filter stays."""
        self.display = False
        self.post_message(self.Closed(self))
