"""The pickaxe's results: the revisions that added or removed a text; ``enter`` opens one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from wikitui.history.pickaxe import Event
from wikitui.model import Page
from wikitui.present.history import search_event_row


class SearchResultsScreen(ModalScreen[int | None]):
    """Lists the events; dismisses with the chosen revision's index (None: escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="results.close"),
    ]

    def __init__(self, page: Page, query: str, events: list[Event]) -> None:
        super().__init__()
        self.page = page
        self.query_text = query
        self.events = events

    def compose(self) -> ComposeResult:
        """A title line and the list of events, oldest first."""
        count = len(self.events)
        title = Text(f"“{self.query_text}”", style="bold")
        title.append(
            f"  {count:,} change{'s' if count != 1 else ''} in {self.page.title}"
            "  (enter: open the diff, esc: close)",
            style="dim",
        )
        with Vertical(id="results-box"):
            yield Label(title, id="results-title")
            yield OptionList(
                *(
                    Option(search_event_row(self.page, event), id=str(event.index))
                    for event in self.events
                ),
                id="results",
            )

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: open that revision."""
        event.stop()
        assert event.option.id is not None
        self.dismiss(int(event.option.id))

    def action_dismiss_none(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
