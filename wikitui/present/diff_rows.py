"""A diff row's visual lines, drawn only when shown.

The layout (:mod:`wikitui.present.diff_text`) knows every row's height and where its changes
are from its plain text (:mod:`wikitui.present.diff_wrap`); each visual line of a row is a
:class:`RowLine` until something reads it. :class:`DiffLines` is the list the pane pages
through: reading one line draws its whole row (the gutter, the wrapped :class:`Text` pieces
of each column, the column rule) once, so opening a 300 KB diff draws the few rows on screen,
not all of them.

Pure rich code (no Textual).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import or_
from typing import overload

from rich.style import Style
from rich.text import Text

from wikitui.diff.model import DiffRow
from wikitui.present.cells import Cell, CellLine
from wikitui.present.diff_styles import MARKERS, StyleLookup, marker_style
from wikitui.present.diff_wrap import SideText


@dataclass(slots=True)
class Column:
    """One column of a row (the old or new side, or the inline column): its texts (the row's
    text, then a move note), their line breaks and heights, at ``width`` cells."""

    parts: list[SideText]
    breaks: list[list[int] | None]
    counts: list[int]
    width: int
    value: int | None  # the line number shown on its first visual line
    spare: int = 0  # blank cells after the text

    @classmethod
    def of(cls, parts: list[SideText], width: int, value: int | None, spare: int = 0) -> Column:
        breaks = [part.breaks(width) for part in parts]
        counts = [
            len(part.pieces(lambda role: Style.null(), width, None))
            if cut is None
            else len(cut) + 1
            for part, cut in zip(parts, breaks, strict=True)
        ]
        return cls(parts, breaks, counts, width, value, spare)

    @property
    def count(self) -> int:
        return sum(self.counts)

    def changed(self) -> list[bool]:
        flags: list[bool] = []
        for part, cut, count in zip(self.parts, self.breaks, self.counts, strict=True):
            flags.extend(part.changed_lines(self.width, cut, count))
        return flags

    def pieces(self, styles: StyleLookup) -> list[Text]:
        return [
            piece
            for part, cut in zip(self.parts, self.breaks, strict=True)
            for piece in part.pieces(styles, self.width, cut)
        ]


@dataclass(slots=True, eq=False)
class RowPlan:
    """A row laid out: its columns (one inline, two side by side) and gutter width."""

    row: DiffRow
    digits: int
    gutter: int
    columns: tuple[Column, ...]
    lines: list[CellLine] | None = field(default=None)  # drawn, once read

    @property
    def count(self) -> int:
        return max(column.count for column in self.columns)

    def changed(self) -> list[bool]:
        """For each visual line: does it show changed words?"""
        count = self.count
        result: list[bool] | None = None
        for column in self.columns:
            flags = column.changed()
            flags += [False] * (count - len(flags))  # a shorter column: blank lines below
            result = flags if result is None else list(map(or_, result, flags))
        return result if result is not None else [False] * count


class RowLine(tuple[RowPlan, int]):
    """Visual line ``number`` of a row, not drawn yet: ``(plan, number)`` (a tuple: a long
    diff makes thousands)."""

    __slots__ = ()


class RowDrawer:
    """Draws a row's visual lines as cells: line numbers, marker, text, column rule."""

    def __init__(self, styles: StyleLookup, *, inline: bool) -> None:
        self.styles = styles
        self.inline = inline
        self._number_style = styles("diff--line-number")
        self._rule: Cell = ("│", Style(dim=True), 1)

    def lines(self, plan: RowPlan) -> list[CellLine]:
        """Every visual line of a row (drawn once, then kept on the plan)."""
        if plan.lines is None:
            pieces = [column.pieces(self.styles) for column in plan.columns]
            plan.lines = [CellLine(self.cells(plan, n, pieces)) for n in range(plan.count)]
        return plan.lines

    def cells(
        self, plan: RowPlan, number: int, pieces: list[list[Text]] | None
    ) -> tuple[Cell, ...]:
        """The cells of visual line ``number`` (``pieces`` None: only the gutter is wanted)."""
        row, digits = plan.row, plan.digits
        marker = MARKERS[row.type]
        style = marker_style(self.styles, row.type)

        def piece(column: int) -> Text:
            return Text("") if pieces is None else pieces[column][number]

        if self.inline:
            column = plan.columns[0]
            if number > 0:
                return (("", None, plan.gutter), (piece(0), None, column.width))
            old = "" if row.old_line is None else str(row.old_line)
            new = "" if row.new_line is None else str(row.new_line)
            return (
                (f"{old:>{digits}} {new:>{digits}}", self._number_style, 2 * digits + 1),
                (f" {marker.inline} ", style, 3),
                (piece(0), None, column.width),
            )
        cells: list[Cell] = []
        for index, (column, mark) in enumerate(
            zip(plan.columns, (marker.old, marker.new), strict=True)
        ):
            if index == 1:
                cells.append(self._rule)
            if number < column.count:
                label = str(column.value) if number == 0 and column.value is not None else ""
                cells.append((f"{label:>{digits}}", self._number_style, digits))
                cells.append((f" {mark if number == 0 else ' '} ", style, 3))
                cells.append((piece(index), None, column.width))
            else:
                cells.append(("", None, plan.gutter + column.width))
            if column.spare > 0:
                cells.append(("", None, column.spare))
        return tuple(cells)


class DiffLines(Sequence[Text | CellLine]):
    """The lines of a laid-out diff, rows drawn when first read."""

    def __init__(self, drawer: RowDrawer) -> None:
        self.drawer = drawer
        self.items: list[Text | CellLine | RowLine] = []

    def append(self, line: Text | CellLine | RowLine) -> None:
        self.items.append(line)

    def __len__(self) -> int:
        return len(self.items)

    def _line(self, item: Text | CellLine | RowLine) -> Text | CellLine:
        if isinstance(item, RowLine):
            return self.drawer.lines(item[0])[item[1]]
        return item

    @overload
    def __getitem__(self, index: int) -> Text | CellLine: ...
    @overload
    def __getitem__(self, index: slice) -> list[Text | CellLine]: ...
    def __getitem__(self, index: int | slice) -> Text | CellLine | list[Text | CellLine]:
        if isinstance(index, slice):
            return [self._line(item) for item in self.items[index]]
        return self._line(self.items[index])

    def __iter__(self) -> Iterator[Text | CellLine]:
        return (self._line(item) for item in self.items)


__all__ = ["Column", "DiffLines", "RowDrawer", "RowLine", "RowPlan"]
