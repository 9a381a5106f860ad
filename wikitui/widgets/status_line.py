"""The one-line status bar over the panes: page, revisions compared, position, hunk, section."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from wikitui.present.visible import visible


@dataclass(frozen=True, slots=True)
class Status:
    """Everything the status line shows; the screen replaces it as things change."""

    page: str | None = None
    old: str | None = None  # "r123" or "creation"
    new: str | None = None
    position: str | None = None  # "12/80"
    base: bool = False  # compared against a marked base, not the parent
    hunk: str | None = None  # "change 3/9"
    section: str | None = None
    mode: str = ""  # "side by side · wikitext · ctx 2"
    activity: str | None = None  # "loading pear.xml 40%", "computing…"
    revert: str | None = None  # "reverted by r12 (Ann)", "reverts 2 edits"
    filter: str | None = None  # "user Ann, no minor · 3 of 80 revisions"


class StatusLine(Widget):
    """Shows a :class:`Status`."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.status = Status()

    def update(self, **changes: object) -> None:
        """Change some fields and redraw."""
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]
        self.refresh()

    def render(self) -> RenderableType:
        """Left: page and revisions; right: position, hunk, section, mode, activity."""
        status = self.status
        left = Text(no_wrap=True, overflow="ellipsis")
        if status.page is None:
            left.append("wikitui", style="bold")
        else:
            left.append(visible(status.page), style="bold")
            if status.new:
                left.append("  ")
                left.append(status.old or "creation", style="yellow")
                left.append(" → ")
                left.append(status.new, style="cyan")
                if status.base:
                    left.append(" (base)", style="magenta")
            if status.revert:
                left.append("  " + status.revert, style="bold yellow")
        right = Text(no_wrap=True, justify="right")
        parts = [
            ("", status.activity, "italic"),
            ("filter: ", status.filter, "yellow"),
            ("", status.position, "bold"),
            ("", status.hunk, ""),
            ("§ ", status.section, "italic"),
            ("", status.mode, "dim"),
        ]
        for prefix, value, style in parts:
            if value:
                if right:
                    right.append("  ")
                right.append(prefix + visible(value), style=style)
        width = self.size.width
        space = max(width - right.cell_len - 1, 10)
        left.truncate(space, overflow="ellipsis", pad=True)
        line = left + Text(" ") + right
        line.truncate(width, overflow="ellipsis")
        return line
