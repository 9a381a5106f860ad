"""The diff pane: the wiki's header and the diff, side by side or inline, on the line API.

The diff is computed (and laid out) in an exclusive thread worker, so keys stay responsive and
moving on to another revision abandons a stale diff; results are cached per comparison by
:class:`~wikitui.widgets.comparison.DiffCache`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.worker import get_current_worker

from wikitui.diff.model import DiffResult
from wikitui.errors import WikituiError
from wikitui.widgets.comparison import Comparison, DiffCache
from wikitui.widgets.diff_layout import DIFF_ROLES, DiffHeader, DiffLayout, header_for, layout_diff
from wikitui.widgets.line_view import LineView

# Below this pane width side by side columns get too narrow to read: "auto" picks inline.
SIDE_BY_SIDE_MIN_WIDTH = 90
# Seconds a diff may take before the pane shows its header and a "computing" note.
PLACEHOLDER_DELAY = 0.12


@dataclass(slots=True)
class Shown:
    """What the pane currently holds: the comparison, its result or why there is none."""

    comparison: Comparison
    header: DiffHeader
    result: DiffResult | None = None
    message: str | None = None


class DiffView(LineView):
    """Shows one :class:`Comparison`; ``n``/``N`` hunks, ``]``/``[`` sections, ``m`` moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "follow_move", "Follow move", show=False, id="diff.follow_move"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = LineView.COMPONENT_CLASSES | set(DIFF_ROLES)

    class PositionChanged(Message):
        """The current hunk changed; handled by ``on_diff_view_position_changed``."""

        def __init__(self, view: DiffView, hunk: int | None, total: int, section: str | None):
            super().__init__()
            self.view = view
            self.hunk = hunk
            self.total = total
            self.section = section

    class Loaded(Message):
        """A diff finished (or failed) and is on screen; handled by ``on_diff_view_loaded``."""

        def __init__(self, view: DiffView, shown: Shown) -> None:
            super().__init__()
            self.view = view
            self.shown = shown

    def __init__(
        self, cache: DiffCache | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.cache = cache or DiffCache()
        self.shown: Shown | None = None
        self.layout_: DiffLayout | None = None
        self.inline_setting: bool | None = None  # None: decide by width
        self.hunk_index: int | None = None
        self._layout_width = 0
        self.busy = False

    # -- modes ----------------------------------------------------------------------------------

    @property
    def inline(self) -> bool:
        """True when the diff is shown inline (chosen, or because the pane is narrow)."""
        if self.inline_setting is not None:
            return self.inline_setting
        return self._width() < SIDE_BY_SIDE_MIN_WIDTH

    def toggle_inline(self) -> None:
        """Switch between side by side and inline, keeping the current hunk in view."""
        self.inline_setting = not self.inline
        self._relayout()

    def _width(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        return width if width > 0 else 80

    def _styles(self) -> dict[str, Style]:
        return {role: self.get_component_rich_style(role, partial=True) for role in DIFF_ROLES}

    def _lay_out(
        self, header: DiffHeader, result: DiffResult | None, message: str | None
    ) -> DiffLayout:
        """Lay out at the pane's current width, mode and styles (on the UI thread)."""
        return layout_diff(
            self.app.console,
            self._width(),
            header,
            result,
            inline=self.inline,
            styles=self._styles().__getitem__,
            message=message,
        )

    # -- loading --------------------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        """Show a note instead of a diff (e.g. while sources are read)."""
        self.shown = None
        self.layout_ = None
        self.hunk_index = None
        width = self._width()
        lines = Text(message, style="dim italic").wrap(self.app.console, width)
        self.set_lines(list(lines), width)
        self._post_position()

    def show(self, comparison: Comparison | None) -> None:
        """Show a comparison: the header at once, the diff when the worker has it."""
        if comparison is None:
            self.show_message("No revision selected.")
            return
        header = header_for(comparison)
        self.shown = Shown(comparison, header)
        self.hunk_index = None
        cached = self.cache.get(comparison)
        if cached is not None:
            self.shown.result = cached
            self._relayout(scroll_to=0)
            self.post_message(self.Loaded(self, self.shown))
            return
        self.busy = True
        # Most diffs arrive within a frame or two: painting a "computing" header first would
        # cost a whole extra frame, so it only appears when the diff takes a while.
        self.set_timer(PLACEHOLDER_DELAY, lambda shown=self.shown: self._placeholder(shown))
        self._compute(self.shown, self._width(), self.inline, self._styles())

    def _placeholder(self, shown: Shown) -> None:
        """The header and a "computing" note, for a diff that is slow to come."""
        if shown is not self.shown or not self.busy:
            return
        self._apply(self._lay_out(shown.header, None, "computing the diff…"), scroll_to=0)

    # An explicit description: by default Textual builds one from repr() of the
    # arguments, and the repr of a page with 50,000 revisions takes 0.3 s.
    @work(
        thread=True,
        exclusive=True,
        group="diff",
        exit_on_error=False,
        description="computing the diff",
    )
    def _compute(self, shown: Shown, width: int, inline: bool, styles: dict[str, Style]) -> None:
        """Diff and lay out in a thread; a newer request cancels this one's result."""
        worker = get_current_worker()
        try:
            shown.result = self.cache.compute(shown.comparison)
        except WikituiError as error:
            shown.message = error.message
        except Exception as error:  # a bug in the engine must not kill the app: say so
            shown.message = f"the diff failed: {type(error).__name__}: {error}"
        if worker.is_cancelled:
            return
        layout = layout_diff(
            self.app.console,
            width,
            shown.header,
            shown.result,
            inline=inline,
            styles=styles.__getitem__,
            message=shown.message,
        )
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish, shown, layout, width)

    def _finish(self, shown: Shown, layout: DiffLayout, width: int) -> None:
        if shown is not self.shown:
            return  # a newer comparison took over while this one computed
        self.busy = False
        self._apply(layout, scroll_to=0, width=width)
        if width != self._width():
            self._relayout()
        self.post_message(self.Loaded(self, shown))

    def _relayout(self, scroll_to: int | None = None) -> None:
        """Lay the current diff out again at the current width and mode."""
        if self.shown is None:
            return
        if self.shown.result is None and self.shown.message is None:
            return  # still computing: the worker lays it out when done
        anchor = self.hunk_index
        layout = self._lay_out(self.shown.header, self.shown.result, self.shown.message)
        self._apply(layout, scroll_to=scroll_to)
        if scroll_to is None and anchor is not None and anchor < len(layout.hunk_lines):
            self.hunk_index = anchor
            self.scroll_to_line(layout.hunk_lines[anchor])
            self.invalidate()

    def _apply(
        self, layout: DiffLayout, *, scroll_to: int | None, width: int | None = None
    ) -> None:
        self.layout_ = layout
        self._layout_width = width or self._width()
        if scroll_to is not None:
            self.hunk_index = None
        self.set_lines(layout.lines, self._layout_width, scroll_to=scroll_to)
        self._post_position()

    def on_resize(self) -> None:
        """Re-wrap for the new width (lines are laid out to fit, never cut)."""
        if self.layout_ is not None and self._width() != self._layout_width:
            self._relayout()

    # -- hunks ----------------------------------------------------------------------------------

    @property
    def hunk_count(self) -> int:
        """How many hunks the diff has."""
        return len(self.layout_.hunk_lines) if self.layout_ else 0

    @property
    def section(self) -> str | None:
        """The section path of the current hunk."""
        if self.layout_ is None or self.hunk_index is None:
            return None
        return self.layout_.hunk_sections[self.hunk_index]

    def line_text(self, index: int) -> Text:
        """Draw the current hunk's header highlighted."""
        layout = self.layout_
        hunk = self.hunk_index
        if layout is not None and hunk is not None and index == layout.hunk_lines[hunk]:
            return layout.hunk_headers[hunk]
        return super().line_text(index)

    def go_to_hunk(self, index: int) -> None:
        """Make hunk ``index`` current and scroll its header to the top."""
        if self.layout_ is None or not self.layout_.hunk_lines:
            return
        index = max(0, min(index, len(self.layout_.hunk_lines) - 1))
        self.hunk_index = index
        self.scroll_to_line(self.layout_.hunk_lines[index])
        self.invalidate()
        self._post_position()

    def next_hunk(self, step: int = 1) -> bool:
        """Move to the next (1) or previous (-1) hunk; False when there is none that way."""
        if not self.hunk_count:
            return False
        current = self.hunk_index
        target = self._hunk_from_top(step) if current is None else current + step
        if not 0 <= target < self.hunk_count:
            return False
        self.go_to_hunk(target)
        return True

    def next_section(self, step: int = 1) -> bool:
        """Move to the next (1) or previous (-1) hunk that lies in a different section."""
        if self.layout_ is None or not self.hunk_count:
            return False
        sections = self.layout_.hunk_sections
        start = (
            self.hunk_index
            if self.hunk_index is not None
            else (-1 if step > 0 else self.hunk_count)
        )
        current = sections[start] if 0 <= start < self.hunk_count else object()
        target = start + step
        while 0 <= target < self.hunk_count:
            if sections[target] != current:
                if step < 0:  # land on the first hunk of that section, as a reader expects
                    while target > 0 and sections[target - 1] == sections[target]:
                        target -= 1
                self.go_to_hunk(target)
                return True
            target += step
        return False

    def _hunk_from_top(self, step: int) -> int:
        """The hunk that ``n`` (or ``N``) reaches first from the top of the pane."""
        assert self.layout_ is not None
        top = self.top_line
        lines = self.layout_.hunk_lines
        if step > 0:
            return next((i for i, line in enumerate(lines) if line >= top), len(lines))
        return max((i for i, line in enumerate(lines) if line < top), default=-1)

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Keep the current hunk in step when the reader scrolls by hand."""
        super().watch_scroll_y(old, new)
        layout = self.layout_
        if layout is None or not layout.hunk_lines:
            return
        height = self.scrollable_content_region.height
        top = round(new)
        if self.hunk_index is not None:
            header = layout.hunk_lines[self.hunk_index]
            if top <= header < top + max(height, 1):
                return
        hunk = layout.line_hunks[top] if top < len(layout.line_hunks) else -1
        if hunk != self.hunk_index and hunk >= 0:
            self.hunk_index = hunk
            self.invalidate()
            self._post_position()

    def _post_position(self) -> None:
        self.post_message(
            self.PositionChanged(self, self.hunk_index, self.hunk_count, self.section)
        )

    # -- moves ----------------------------------------------------------------------------------

    def action_follow_move(self) -> None:
        """Jump to the other end of the first moved paragraph in view."""
        layout = self.layout_
        if layout is None or not layout.move_links:
            self.notify("No moved paragraph in this diff.", severity="warning")
            return
        top = self.top_line
        height = self.scrollable_content_region.height
        visible = sorted(line for line in layout.move_links if top <= line < top + height)
        source = visible[0] if visible else min(layout.move_links, key=lambda line: abs(line - top))
        target = layout.move_links[source]
        self.scroll_to_line(target)
        hunk = layout.line_hunks[target]
        if hunk >= 0:
            self.hunk_index = hunk
            self.invalidate()
            self._post_position()
