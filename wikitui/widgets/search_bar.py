"""The search field of the focused pane: ``/`` opens it; enter, down or ctrl+n go to the next
match, up or shift+enter to the previous one (``n``/``N`` stay the diff's hunk keys, ctrl+p the
command palette); ctrl+f finds when the term was added to or removed from the page (the
pickaxe, over the whole history); escape closes."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from wikitui.widgets.line_view import LineView


class SearchBar(Input):
    """An input bound to one :class:`LineView` while it is open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,ctrl+n", "next_match", "Next match", id="search.next"),
        Binding("up,shift+enter", "previous_match", "Previous match", id="search.previous"),
        Binding("escape", "close", "Close search", id="search.close"),
        Binding(
            "ctrl+f",
            "find_when_added",
            "When added",
            tooltip="Find the revisions that added or removed this text (whole history)",
            id="search.pickaxe",
        ),
    ]

    class Closed(Message):
        """The bar closed; handled by ``on_search_bar_closed`` (focus goes back to the pane)."""

        def __init__(self, bar: SearchBar, target: LineView | None) -> None:
            super().__init__()
            self.bar = bar
            self.target = target

    class FindWhenAdded(Message):
        """ctrl+f: search the history for the term; handled by ``on_search_bar_find_when_added``."""

        def __init__(self, bar: SearchBar, term: str) -> None:
            super().__init__()
            self.bar = bar
            self.term = term

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            placeholder="search…  (enter/↓ next match, ↑ previous, ctrl+f when added, esc close)",
            id=id,
            classes=classes,
        )
        self.target: LineView | None = None

    def open(self, target: LineView) -> None:
        """Search ``target``; the bar appears with the previous term selected."""
        self.target = target
        self.display = True
        self.value = target.search_term
        self.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the user types."""
        event.stop()
        if self.target is not None:
            if event.value:
                self.target.search(event.value)
            else:
                self.target.clear_search()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: the next match."""
        event.stop()
        self.action_next_match()

    def action_next_match(self) -> None:
        """Go to the next match in the target pane."""
        if self.target is not None and self.target.next_match(1) is None:
            self.notify(f"No match for {self.value!r}.", severity="warning")

    def action_previous_match(self) -> None:
        """Go to the previous match in the target pane."""
        if self.target is not None and self.target.next_match(-1) is None:
            self.notify(f"No match for {self.value!r}.", severity="warning")

    def action_find_when_added(self) -> None:
        """Ask the screen to search the whole history for the term."""
        if not self.value:
            self.notify("Type the text to look for first.", severity="warning")
            return
        self.post_message(self.FindWhenAdded(self, self.value))

    def action_close(self) -> None:
        """Hide the bar (the highlights stay until the next search) and refocus the pane."""
        target = self.target
        self.display = False
        self.post_message(self.Closed(self, target))
