"""Small modal pickers: the table of contents and a one-line prompt."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from wikitui.present.article import TocEntry


class TocScreen(ModalScreen[TocEntry | None]):
    """The article's headings, indented by level; enter jumps, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t", "dismiss(None)", "Close", id="toc.close"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    DEFAULT_CSS = """
    TocScreen { align: center middle; }
    TocScreen > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface;
    }
    TocScreen > Vertical > OptionList { height: auto; max-height: 100%; border: none; }
    TocScreen > Vertical > OptionList:focus { border: none; }
    """

    def __init__(self, entries: Sequence[TocEntry], current: str | None = None) -> None:
        super().__init__()
        self.entries = list(entries)
        self.current = current

    def compose(self) -> ComposeResult:
        """The headings as an option list."""
        options = []
        for number, entry in enumerate(self.entries):
            label = Text("  " * max(entry.level - 2, 0))
            label.append(entry.title, style="bold" if entry.level <= 2 else "")
            options.append(Option(label, id=str(number)))
        with Vertical() as box:
            box.border_title = "Contents"
            yield OptionList(*options)

    def on_mount(self) -> None:
        """Start on the section the reader is in."""
        option_list = self.query_one(OptionList)
        for number, entry in enumerate(self.entries):
            if entry.title == self.current:
                option_list.highlighted = number
                break
        else:
            if self.entries:
                option_list.highlighted = 0
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Return the chosen heading."""
        event.stop()
        self.dismiss(self.entries[event.option_index])

    def action_cursor(self, direction: str) -> None:
        """j/k move like arrows."""
        option_list = self.query_one(OptionList)
        if direction == "down":
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()


class PromptScreen(ModalScreen[str | None]):
    """Asks for one line of text (e.g. a page title to fetch)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="prompt.cancel")
    ]

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 70; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    """

    def __init__(self, question: str, hint: str = "", value: str = "") -> None:
        super().__init__()
        self.question = question
        self.hint = hint
        self.initial = value

    def compose(self) -> ComposeResult:
        """The question and the input."""
        with Vertical():
            yield Label(self.question)
            yield Input(value=self.initial, placeholder=self.hint)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Return the text (None when empty)."""
        event.stop()
        self.dismiss(event.value.strip() or None)
