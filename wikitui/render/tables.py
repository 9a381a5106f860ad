"""Wiki tables (``{| … |}`` and ``<table>``) as :class:`~wikitui.render.blocks.TableBlock`.

Attributes are ignored; header cells, captions and nested tables are kept; ``colspan`` and
``rowspan`` degrade to empty cells so the drawn table keeps its columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mwparserfromhell.nodes import Tag
from rich.text import Text

from wikitui.render.blocks import Cell, TableBlock
from wikitui.render.nodes import children, int_attribute, parse, tag_name

if TYPE_CHECKING:
    from wikitui.render.builder import Builder


def build_table(builder: Builder, node: Tag) -> TableBlock:
    """``{| … |}`` or ``<table>``: rows of cells, a caption; attributes ignored."""
    rows: list[list[Cell]] = []
    caption: Text | None = None
    implicit: list[Cell] | None = None
    for child in children(node):
        if not isinstance(child, Tag):
            continue
        name = tag_name(child)
        if name == "tr":
            row = [
                _cell(builder, cell)
                for cell in children(child)
                if isinstance(cell, Tag) and tag_name(cell) in ("td", "th")
            ]
            if row:
                rows.append(row)
            implicit = None
        elif name == "caption" or (name == "td" and str(child).startswith("|+")):
            body = str(child.contents or "")
            if name == "td":
                body = body.lstrip()[1:]
            caption = builder.inline(parse(body).nodes)
        elif name in ("td", "th"):
            if implicit is None:
                implicit = []
                rows.append(implicit)
            implicit.append(_cell(builder, child))
        elif name in ("tbody", "thead", "tfoot"):
            inner = build_table(builder, child)
            rows.extend(inner.rows)
            caption = caption or inner.caption
    return TableBlock(cover_rowspans(rows), caption)


def _cell(builder: Builder, node: Tag) -> Cell:
    """One table cell's content and span."""
    header = tag_name(node) == "th"
    colspan = max(1, min(int_attribute(node, "colspan") or 1, 50))
    rowspan = max(1, min(int_attribute(node, "rowspan") or 1, 500))
    blocks = builder.sub_blocks(children(node))
    return Cell(blocks, header, colspan, rowspan)


def cover_rowspans(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Put an empty covered cell where a cell above reaches down with ``rowspan``."""
    remaining: dict[int, int] = {}  # column -> rows still covered below the current one
    out: list[list[Cell]] = []
    for row in rows:
        covering = {column for column, left in remaining.items() if left > 0}
        cells: list[Cell] = []
        column = 0
        for cell in row:
            while column in covering:
                cells.append(Cell([], covered=True))
                column += 1
            cells.append(cell)
            column += cell.colspan
        while column in covering:
            cells.append(Cell([], covered=True))
            column += 1
        for spanned in covering:
            remaining[spanned] -= 1
        column = 0
        for cell in cells:
            if cell.rowspan > 1:
                for spanned in range(column, column + cell.colspan):
                    remaining[spanned] = cell.rowspan - 1
            column += cell.colspan
        out.append(cells)
    return out
