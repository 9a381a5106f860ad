"""Lines made of fixed-width cells, composed into rich :class:`Text` only when drawn.

Plain rich code (no Textual), shared by the diff layout and the line views.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.style import Style
from rich.text import Text

# One cell of a :class:`CellLine`: a text (a str takes the given style), and its width.
Cell = tuple[Text | str, Style | None, int]


@dataclass(frozen=True, slots=True)
class CellLine:
    """A line made of fixed-width cells (gutter, column, rule...), put together only when drawn.

    Laying out a long diff makes thousands of lines; composing each into one :class:`Text`
    up front costs more than the diff itself, and only the visible ones are ever drawn.
    """

    cells: tuple[Cell, ...]

    def to_text(self) -> Text:
        """The line as one :class:`Text`, every cell padded or cropped to its width."""
        line = Text(no_wrap=True, overflow="crop", end="")
        for content, style, width in self.cells:
            if isinstance(content, str):
                line.append(set_cell_size(content, width), style)
            else:
                piece = content.copy()
                piece.truncate(width, overflow="crop", pad=True)
                line.append_text(piece)
        return line

    @property
    def plain(self) -> str:
        """The characters of the line, as drawn."""
        return self.to_text().plain


__all__ = ["Cell", "CellLine"]
