"""The diff pane: the wiki's header and the diff, side by side or inline, on the line API.

The diff is computed (and laid out, by :mod:`wikitui.present.diff_text`) in an exclusive thread
worker, so keys stay responsive and moving on to another revision abandons a stale diff; results
are cached per comparison by :class:`~wikitui.present.comparison.DiffCache`.

The change is in view on arrival: the pane scrolls so the first changed row of the current hunk
shows (with its hunk header where it fits), tall context paragraphs are folded to the rows
nearest the change (``e`` or a click expands them), and a short pane gets a two-row header (``h``
shows the full one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.worker import get_current_worker

from wikitui.diff.model import DiffResult
from wikitui.errors import WikituiError
from wikitui.present.comparison import Comparison, DiffCache
from wikitui.present.diff_header import DiffHeader, MarkSource, header_for
from wikitui.present.diff_text import DIFF_ROLES, DiffLayout, layout_diff
from wikitui.widgets.line_view import LineView

# Below this pane width side by side columns get too narrow to read: "auto" picks inline.
SIDE_BY_SIDE_MIN_WIDTH = 90
# Below this pane height the header takes two rows (``h`` shows the full header).
FULL_HEADER_MIN_HEIGHT = 32
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
        self.full_header_setting: bool | None = None  # None: decide by height
        self.expanded: set[tuple[int, int]] = set()  # folds opened in the shown diff
        # The marks the screen puts on revisions (as on their tree rows), shown in the header.
        self.marks: MarkSource | None = None
        self.hunk_index: int | None = None
        self._layout_width = 0
        self._layout_compact = False
        self.busy = False

    # -- modes ----------------------------------------------------------------------------------

    @property
    def inline(self) -> bool:
        """True when the diff is shown inline (chosen, or because the pane is narrow)."""
        if self.inline_setting is not None:
            return self.inline_setting
        return self._width() < SIDE_BY_SIDE_MIN_WIDTH

    @property
    def compact_header(self) -> bool:
        """True when the header takes two rows (chosen, or because the pane is short)."""
        if self.full_header_setting is not None:
            return not self.full_header_setting
        return self._height() < FULL_HEADER_MIN_HEIGHT

    def toggle_inline(self) -> None:
        """Switch between side by side and inline, keeping the current hunk in view."""
        self.inline_setting = not self.inline
        self._relayout()

    def toggle_header(self) -> None:
        """Switch between the full header and the two-row one, keeping the place."""
        self.full_header_setting = self.compact_header
        self._relayout()

    def expand_folds(self, line: int | None = None) -> int:
        """Open the folded context: the fold on ``line``, else every fold of the current hunk
        (or, with no current hunk, those on screen). Returns how many were opened."""
        layout = self.layout_
        if layout is None or not layout.folds:
            return 0
        if line is not None:
            keys = {layout.folds[line]} if line in layout.folds else set()
        elif self.hunk_index is not None:
            keys = {key for key in layout.folds.values() if key[0] == self.hunk_index}
        else:
            top, height = self.top_line, self._height()
            keys = {key for at, key in layout.folds.items() if top <= at < top + height}
        if not keys:
            return 0
        self.expanded |= keys
        self._relayout(keep_top=True)
        # The opened lines show where the fold was; the change they lead to stays on screen.
        hunk = self.hunk_index if self.hunk_index is not None else min(keys)[0]
        layout = self.layout_
        if layout is not None and hunk < len(layout.change_lines):
            change, height = layout.change_lines[hunk], self._height()
            if change >= self.top_line + height - 1:
                self.scroll_to(y=change - height + 2, animate=False, immediate=True)
        return len(keys)

    def on_click(self, event: events.Click) -> None:
        """A click on a "⋯ N more lines" row opens it."""
        if self.layout_ is not None and self.expand_folds(self.top_line + event.y):
            event.stop()

    def _width(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        return width if width > 0 else 80

    def _height(self) -> int:
        height = self.scrollable_content_region.height or self.size.height
        return height if height > 0 else 24

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
            compact=self.compact_header,
            fold=True,
            expanded=self.expanded,
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
        header = header_for(comparison, self.marks)
        self.shown = Shown(comparison, header)
        self.hunk_index = None
        self.expanded = set()
        cached = self.cache.get(comparison)
        if cached is not None:
            # A diff still computing for an earlier comparison will be dropped: not busy.
            self.busy = False
            self.shown.result = cached
            self._apply(self._lay_out(header, cached, None), arrive=True)
            self.post_message(self.Loaded(self, self.shown))
            return
        self.busy = True
        # Most diffs arrive within a frame or two: painting a "computing" header first would
        # cost a whole extra frame, so it only appears when the diff takes a while.
        self.set_timer(PLACEHOLDER_DELAY, lambda shown=self.shown: self._placeholder(shown))
        self._compute(self.shown, self._width(), self.inline, self.compact_header, self._styles())

    def _placeholder(self, shown: Shown) -> None:
        """The header and a "computing" note, for a diff that is slow to come."""
        if shown is not self.shown or not self.busy:
            return
        self._apply(self._lay_out(shown.header, None, "computing the diff…"), arrive=True)

    # An explicit description: by default Textual builds one from repr() of the
    # arguments, and the repr of a page with 50,000 revisions takes 0.3 s.
    @work(
        thread=True,
        exclusive=True,
        group="diff",
        exit_on_error=False,
        description="computing the diff",
    )
    def _compute(
        self, shown: Shown, width: int, inline: bool, compact: bool, styles: dict[str, Style]
    ) -> None:
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
            compact=compact,
            fold=True,
        )
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish, shown, layout, width, compact)

    def _finish(self, shown: Shown, layout: DiffLayout, width: int, compact: bool) -> None:
        if shown is not self.shown:
            return  # a newer comparison took over while this one computed
        self.busy = False
        self._apply(layout, arrive=True, width=width, compact=compact)
        if width != self._width() or compact != self.compact_header:
            self._relayout()
        self.post_message(self.Loaded(self, shown))

    def _relayout(self, *, keep_top: bool = False) -> None:
        """Lay the current diff out again at the current size and modes, keeping the place."""
        if self.shown is None:
            return
        if self.shown.result is None and self.shown.message is None:
            return  # still computing: the worker lays it out when done
        anchor = self.hunk_index
        top = self.top_line
        layout = self._lay_out(self.shown.header, self.shown.result, self.shown.message)
        self._apply(layout, keep_top=keep_top)
        if keep_top:
            self.hunk_index = anchor
            self.invalidate()
        elif anchor is not None and anchor < len(layout.hunk_lines):
            self.hunk_index = anchor
            self._place(anchor)
            self.invalidate()
        else:
            self.scroll_to(y=min(top, max(len(layout.lines) - 1, 0)), animate=False, immediate=True)
        self._post_position()

    def _apply(
        self,
        layout: DiffLayout,
        *,
        arrive: bool = False,
        keep_top: bool = False,
        width: int | None = None,
        compact: bool | None = None,
    ) -> None:
        """Show a layout: on arrival, scrolled so the first change is in view."""
        self.layout_ = layout
        self._layout_width = width or self._width()
        self._layout_compact = self.compact_header if compact is None else compact
        self.hunk_index = None if not keep_top else self.hunk_index
        self.set_lines(layout.lines, self._layout_width, scroll_to=None if keep_top else 0)
        if arrive and layout.hunk_lines:
            self._place(0, arriving=True)
        self._post_position()

    def arrival_line(self, hunk: int, *, arriving: bool = False) -> int:
        """The top line that shows hunk ``hunk``'s first changed row, with as much as fits above
        it: the diff's header (on arrival, at the first hunk), then the hunk's header."""
        layout = self.layout_
        assert layout is not None
        height = self._height()
        change = layout.change_lines[hunk]
        # Keep a few rows of the change itself on screen under whatever sits above it.
        room = max(height - min(3, max(height // 4, 1)), 1)
        if arriving and hunk == 0 and change < room:
            return 0
        header = layout.hunk_lines[hunk]
        if change - header < room:
            return header
        return max(change - 1, 0)

    def _place(self, hunk: int, *, arriving: bool = False) -> None:
        """Scroll so hunk ``hunk``'s first change shows; it becomes current unless the whole
        diff header is in view (on arrival at the top)."""
        top = self.arrival_line(hunk, arriving=arriving)
        self.scroll_to(y=top, animate=False, immediate=True)
        if top > 0 or not arriving:
            self.hunk_index = hunk
            self.invalidate()

    def on_resize(self) -> None:
        """Re-wrap for the new width (lines are laid out to fit, never cut); switch the header's
        form when the pane's height crosses the line."""
        if self.layout_ is None:
            return
        if self._width() != self._layout_width or self.compact_header != self._layout_compact:
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
        self._place(index)
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
