"""The ``?`` help screen, generated from the bindings that are live on the main screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from wikitui import __version__


def bindings_table(rows: Iterable[tuple[str, str, str]]) -> Table:
    """A two-column table of keys and what they do, grouped under headings."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    group = None
    for heading, keys, description in rows:
        if heading != group:
            if group is not None:
                table.add_row("", "")
            table.add_row(Text(heading, style="bold underline"), "")
            group = heading
        table.add_row(keys, description)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every binding given to it; escape, q or ? closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    """

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        """A title, then the bindings table."""
        with VerticalScroll() as scroll:
            scroll.border_title = f"wikitui {__version__} — keys"
            scroll.border_subtitle = "esc / ? to close"
            yield Static(bindings_table(self.rows), id="help-table")

    def action_scroll(self, direction: str) -> None:
        """Scroll the help text."""
        scroll = self.query_one(VerticalScroll)
        if direction == "down":
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)


GROUPS = {
    "MainScreen": "Browsing",
    "DiffView": "Diff pane",
    "ArticleView": "Article pane",
    "LineView": "Diff and article panes",
    "RevisionTree": "Revision tree",
    "SearchBar": "Search (after /)",
}


def binding_rows(app: App[Any], screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(group, keys, description) rows from the bindings in force on ``screen``.

    ``screen.active_bindings`` gives the live bindings of the focus chain (remapped keys show
    as remapped); the panes that are not focused add the bindings their classes declare, so
    the help is complete whatever has focus.
    """
    found: dict[tuple[str, str], list[Binding]] = {}
    for active in screen.active_bindings.values():
        node = active.node
        name = type(node).__name__
        group = GROUPS.get(name, "General" if isinstance(node, App) else name)
        found.setdefault((group, active.binding.action), []).append(active.binding)
    for class_name in ("RevisionTree", "LineView", "DiffView", "SearchBar"):
        for widget in screen.query(class_name):
            for cls in type(widget).__mro__:
                if cls.__name__ != class_name:
                    continue
                declared = cls.__dict__.get("BINDINGS", [])
                for binding in Binding.make_bindings(declared):
                    key = (GROUPS[class_name], binding.action)
                    if not any(b.key == binding.key for b in found.get(key, [])):
                        found.setdefault(key, []).append(binding)
            break
    order = [*GROUPS.values(), "General"]
    rows = []
    for (group, _action), bindings in found.items():
        # The footer shows the short description; the help can afford the tooltip's detail.
        described = next((b.tooltip or b.description for b in bindings if b.description), "")
        if not described:
            continue
        keys = " ".join(dict.fromkeys(app.get_key_display(b) for b in bindings))
        rows.append((group, keys, described))
    rows.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
    return rows
