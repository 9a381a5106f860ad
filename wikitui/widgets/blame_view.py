"""The blame view: a revision's wikitext, each token coloured by the revision that added it.

The blame itself comes from :class:`~wikitui.workers.blame.BlameWorker`; this widget lays it
out (:mod:`wikitui.present.blame`), draws it through :class:`LineView`, and moves a cursor
token by token. It posts :class:`BlameView.CursorMoved` when the token under the cursor
changes and :class:`BlameView.OriginChosen` on ``enter``. With ``NO_COLOR`` each line carries
its main author and date in a gutter; with colour a thin bar in that revision's colour.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Sequence
from typing import ClassVar, overload

from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from wikitui.blame import Blame
from wikitui.model import Page
from wikitui.present.blame import (
    BlameRow,
    blame_rows,
    line_pieces,
    revision_colour,
    short_gutter,
)
from wikitui.widgets.line_view import LineView

GUTTER_WIDTH = 22


class _Rows(Sequence[Text]):
    """The view's lines, built as they are drawn."""

    def __init__(self, view: BlameView) -> None:
        self.view = view

    def __len__(self) -> int:
        return len(self.view.rows)

    @overload
    def __getitem__(self, index: int) -> Text: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Text]: ...
    def __getitem__(self, index: int | slice) -> Text | Sequence[Text]:
        if isinstance(index, slice):
            return [self.view.row_text(i) for i in range(len(self))[index]]
        return self.view.row_text(index)


class BlameView(LineView):
    """Shows a :class:`~wikitui.blame.Blame`; the cursor walks its tokens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "token(1)", "Next token", show=False),
        Binding("left,h", "token(-1)", "Previous token", show=False),
        Binding("down", "row(1)", "Next line", show=False),
        Binding("up", "row(-1)", "Previous line", show=False),
        Binding("enter", "choose", "Go to the edit", id="blame.choose"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"blame-view--cursor", "blame-view--gutter"}

    DEFAULT_CSS = """
    BlameView > .blame-view--cursor { text-style: reverse; }
    BlameView > .blame-view--gutter { color: $text-muted; }
    """

    class CursorMoved(Message):
        """The token under the cursor changed; handled by ``on_blame_view_cursor_moved``.
        ``index`` is the page index of the revision that added it."""

        def __init__(self, view: BlameView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    class OriginChosen(Message):
        """``enter`` on a token: go to the edit that added it; handled by
        ``on_blame_view_origin_chosen``."""

        def __init__(self, view: BlameView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.page: Page | None = None
        self.blame: Blame | None = None
        self.rows: list[BlameRow] = []
        self._row_starts: list[int] = []
        self._token_starts: list[int] = []
        self.cursor = 0  # index into blame.tokens
        self.with_gutter = True

    # -- content ----------------------------------------------------------------------------

    def show(self, page: Page, blame: Blame) -> None:
        """Show a blame from its first token."""
        self.page, self.blame = page, blame
        self._token_starts = [token[0] for token in blame.tokens]
        self.cursor = 0
        self.relayout(scroll_to=0)
        self._announce()

    def clear(self) -> None:
        """Show nothing (the revision could not be blamed)."""
        self.page, self.blame = None, None
        self.rows, self._row_starts, self._token_starts = [], [], []
        self.cursor = 0
        self.set_lines([], 0)

    def relayout(self, scroll_to: int | None = None) -> None:
        """Lay the blame out again at the pane's width (after a resize)."""
        if self.blame is None:
            return
        self.with_gutter = bool(os.environ.get("NO_COLOR"))
        margin = GUTTER_WIDTH + 3 if self.with_gutter else 2
        # (one column spare: the vertical scrollbar may appear only once the lines are set)
        width = max(self.scrollable_content_region.width - 1, 40)
        self.rows = blame_rows(self.blame, width - margin)
        self._row_starts = [row.start for row in self.rows]
        self.set_lines(_Rows(self), width, scroll_to=scroll_to)

    def on_resize(self) -> None:
        self.relayout(scroll_to=None)

    def row_text(self, number: int) -> Text:
        """Row ``number`` as drawn: gutter, then the text coloured by revision."""
        assert self.page is not None and self.blame is not None
        page, blame, row = self.page, self.blame, self.rows[number]
        line = Text(no_wrap=True)
        if self.with_gutter:
            style = self.get_component_rich_style("blame-view--gutter")
            line.append(short_gutter(page, row.owner, GUTTER_WIDTH) + " │ ", style)
        elif row.owner is not None:
            line.append("▌ ", Style(color=Color.from_ansi(revision_colour(page, row.owner))))
        else:
            line.append("  ")
        offset = len(line)
        cursor = blame.tokens[self.cursor] if blame.tokens else None
        # (one drawn character per character of the text: the cursor's offsets hold)
        for piece, index in line_pieces(blame, row):
            line.append(piece, Style(color=Color.from_ansi(revision_colour(page, index))))
        if cursor is not None and cursor[0] < row.end and cursor[1] > row.start:
            start, end = max(cursor[0], row.start), min(cursor[1], row.end)
            style = self.get_component_rich_style("blame-view--cursor")
            line.stylize(style, offset + start - row.start, offset + end - row.start)
        return line

    # -- the cursor -------------------------------------------------------------------------

    @property
    def cursor_index(self) -> int | None:
        """The page index of the revision that added the token under the cursor."""
        if self.blame is None or not self.blame.tokens:
            return None
        return self.blame.tokens[self.cursor][2]

    def move_cursor(self, token: int) -> None:
        """Put the cursor on token number ``token`` and scroll it into view."""
        if self.blame is None or not self.blame.tokens:
            return
        self.cursor = max(0, min(token, len(self.blame.tokens) - 1))
        row = bisect_right(self._row_starts, self.blame.tokens[self.cursor][0]) - 1
        height = self.scrollable_content_region.height
        if row < self.top_line or row >= self.top_line + height:
            self.scroll_to_line(row, center=True)
        self.invalidate()
        self._announce()

    def action_token(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_row(self, step: int) -> None:
        """The first token of the next (previous) row that has one."""
        if self.blame is None or not self.blame.tokens:
            return
        tokens = self.blame.tokens
        row = bisect_right(self._row_starts, tokens[self.cursor][0]) - 1
        target = row + step
        while 0 <= target < len(self.rows):
            start = self.rows[target].start
            found = bisect_right(self._token_starts, start - 1)
            if found < len(tokens) and tokens[found][0] < self.rows[target].end:
                self.move_cursor(found)
                return
            target += step

    def action_choose(self) -> None:
        index = self.cursor_index
        if index is not None:
            self.post_message(self.OriginChosen(self, index))

    def _announce(self) -> None:
        index = self.cursor_index
        if index is not None:
            self.post_message(self.CursorMoved(self, index))
