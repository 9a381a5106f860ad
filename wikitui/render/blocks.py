"""The rendered article's blocks: width-independent pieces laid out on demand.

The builder turns wikitext into a list of blocks (paragraphs, headings, list items, tables...).
Each block knows how to lay itself out at a given width as lines of rich segments
(:meth:`Block.lines`) and how to write itself as plain, unwrapped text (:meth:`Block.plain`),
which is what ``render --plain`` prints when no width is asked for and what the app's visual diff
compares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich import box
from rich.console import Console, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from wikitui.render.styles import style
from wikitui.render.texts import made_text

SegmentLine = list[Segment]
MAX_DRAWN_NESTING = 3  # tables inside tables inside tables; deeper ones become text rows


def _room(width: int, indent: int, prefix: Text | None) -> tuple[int, int, Text | None]:
    """Columns left for text after the indentation and the marker, with the indentation and
    the marker kept.

    Deep nesting must not push text past the width: indentation gives way first, and a
    marker wider than a quarter of the width is dropped.
    """
    indent = max(0, min(indent, width // 2))
    prefix_len = prefix.cell_len if prefix is not None else 0
    if prefix_len > width // 4:
        prefix, prefix_len = None, 0
    return max(1, width - indent - prefix_len), indent, prefix


def text_lines(
    console: Console, text: Text, width: int, *, indent: int = 0, prefix: Text | None = None
) -> list[SegmentLine]:
    """Wrap ``text`` to ``width`` columns, hanging after an optional prefix (a list marker)."""
    room, indent, prefix = _room(width, indent, prefix)
    prefix_len = prefix.cell_len if prefix is not None else 0
    wrapped = wrap(console, text, room) if text else [Text()]
    out: list[SegmentLine] = []
    pad = Segment(" " * indent) if indent else None
    hang = Segment(" " * prefix_len) if prefix_len else None
    for number, line in enumerate(wrapped):
        segments: SegmentLine = [pad] if pad else []
        if number == 0 and prefix is not None:
            segments.extend(prefix.render(console))
        elif hang:
            segments.append(hang)
        line.rstrip()
        segments.extend(line.render(console))
        out.append(segments)
    return out


_WORD = re.compile(r"\s*\S+\s*")
# Characters rich measures as exactly one cell (Latin, Greek, Cyrillic without its combining
# marks, general punctuation, arrows, maths, box drawing): text made only of these wraps on
# character counts (tests/test_render_layout.py checks the table against rich's own widths).
NARROW = re.compile(
    "[\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u1e00-\u1fff\u2010-\u2027"
    "\u2030-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff\u2200-\u22ff\u2500-\u257f"
    "\u25a0-\u25fc\u25ff]*"
)


def one_cell_each(plain: str) -> bool:
    """True when every character of ``plain`` takes one terminal cell (and none is a tab or
    a line break)."""
    if plain.isascii():
        return "\n" not in plain and "\t" not in plain
    return NARROW.fullmatch(plain) is not None


def narrow_breaks(plain: str, width: int) -> list[int]:
    """Where a greedy word wrap breaks a line of one-cell characters, on the string alone.

    Greedy like :meth:`rich.text.Text.wrap`: a word that does not fit starts the next line,
    a word longer than the width is folded. With one cell per character (see
    :func:`one_cell_each`) this spares the per-word cell measurements that dominate the
    layout of long articles.
    """
    breaks: list[int] = []
    line_start = 0
    for match in _WORD.finditer(plain):
        start = match.start()
        content_end = start + len(match.group().rstrip())
        if start > line_start and content_end - line_start > width:
            breaks.append(start)
            line_start = start
        while content_end - line_start > width:
            line_start += width
            breaks.append(line_start)
    return breaks


def wrap(console: Console, text: Text, width: int) -> list[Text]:
    """``text`` wrapped to ``width`` cells (a fast path for one-cell characters)."""
    plain = text.plain
    if one_cell_each(plain):
        return list(text.divide(narrow_breaks(plain, width)))
    return list(text.wrap(console, width, overflow="fold"))


@dataclass(slots=True)
class Block:
    """Base of all blocks; consecutive items of one list follow each other without a gap."""

    indent: int = field(default=0, kw_only=True)

    def joins(self, previous: Block) -> bool:
        """True when no blank line separates this block from ``previous``."""
        return False

    def measure(self, console: Console, width: int) -> tuple[int, list[SegmentLine] | None]:
        """How many lines the block takes at ``width``, and the lines when they had to be made
        to know (a lazy layout then keeps them instead of making them again)."""
        lines = self.lines(console, width)
        return len(lines), lines

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """The block laid out at ``width`` columns."""
        raise NotImplementedError

    def plain(self) -> list[str]:
        """The block as unwrapped plain text lines (one paragraph per line)."""
        raise NotImplementedError


@dataclass(slots=True)
class Paragraph(Block):
    """Running text; with a ``prefix`` it is a list item (``• ``, ``3. ``) or a term."""

    text: Text
    prefix: Text | None = None
    item: bool = False
    group: int = 0  # items of one list share a group

    def joins(self, previous: Block) -> bool:
        """Items of the same list stack without blank lines, like the wiki's lists."""
        return (
            self.item
            and isinstance(previous, Paragraph)
            and previous.item
            and previous.group == self.group
        )

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """Wrapped lines with the list marker hanging."""
        return text_lines(console, self.text, width, indent=self.indent, prefix=self.prefix)

    def measure(self, console: Console, width: int) -> tuple[int, list[SegmentLine] | None]:
        """Paragraphs of one-cell characters are counted from their breaks alone."""
        plain = self.text.plain
        if plain and one_cell_each(plain):
            room, _, _ = _room(width, self.indent, self.prefix)
            return len(narrow_breaks(plain, room)) + 1, None
        return super(Paragraph, self).measure(console, width)

    def plain(self) -> list[str]:
        """The paragraph on one line (line breaks from ``<br>`` kept)."""
        lead = " " * self.indent + (self.prefix.plain if self.prefix is not None else "")
        body = self.text.plain.split("\n")
        hang = " " * len(lead)
        return [lead + body[0]] + [hang + rest for rest in body[1:]]


@dataclass(slots=True)
class Heading(Block):
    """A section heading; ``anchor`` is MediaWiki's fragment for it."""

    level: int
    text: Text
    anchor: str

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """The title in its level's style; levels 1-2 get a rule below, as on the wiki."""
        text = self.text.copy()
        text.stylize(style(f"heading.{min(max(self.level, 1), 6)}"))
        out = text_lines(console, text, width)
        if self.level <= 2:
            out.append([Segment("─" * max(1, width), style("heading.rule"))])
        return out

    def plain(self) -> list[str]:
        """The heading's title."""
        return [" ".join(self.text.plain.split())]


@dataclass(slots=True)
class Preformatted(Block):
    """Preformatted lines (``<pre>``, leading-space lines): never wrapped, folded if too wide."""

    text: Text

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """Each source line kept, folded at the width rather than reflowed."""
        indent = min(self.indent + 2, width // 2)
        room = max(1, width - indent)
        out: list[SegmentLine] = []
        for line in self.text.split("\n", allow_blank=True):
            pieces = [line] if line.cell_len <= room else line.wrap(console, room, overflow="fold")
            for piece in pieces:
                piece.rstrip()
                out.append([Segment(" " * indent), *piece.render(console)])
        return out

    def plain(self) -> list[str]:
        """The lines as written."""
        return [" " * self.indent + line.rstrip() for line in self.text.plain.split("\n")]


@dataclass(slots=True)
class Rule(Block):
    """A horizontal rule (``----``)."""

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """A dim line across the width."""
        return [[Segment("─" * max(1, width - min(self.indent, width // 2)), style("rule"))]]

    def plain(self) -> list[str]:
        """A short rule (plain text has no width to span), so the break still shows."""
        return ["─" * 20]


@dataclass(slots=True)
class Cell:
    """A table cell: its content as blocks, whether it is a header, and its spans.

    ``covered`` marks the empty stand-in put where a cell of an earlier row reaches down
    (``rowspan``), so the drawn table keeps its columns; plain text leaves it out, as the
    wiki's own text does.
    """

    blocks: list[Block]
    header: bool = False
    colspan: int = 1
    rowspan: int = 1
    covered: bool = False

    def inline(self) -> Text:
        """The cell's content on one line (paragraphs joined by spaces)."""
        return join_inline(self.blocks, " ")

    def renderable(self, depth: int = 0) -> RenderableType:
        """The cell's content for a rich table: text, with nested tables drawn inside.

        Rich measures nested tables again at every level (the cost grows fourfold per level),
        so tables nested deeper than :data:`MAX_DRAWN_NESTING` are written as rows of text.
        """
        parts: list[RenderableType] = []
        pending: list[Block] = []
        for block in self.blocks:
            if isinstance(block, TableBlock):
                if pending:
                    parts.append(join_inline(pending, "\n"))
                    pending = []
                if depth + 1 < MAX_DRAWN_NESTING:
                    parts.append(block.table(depth + 1))
                else:
                    parts.append(Text("\n".join(block.plain())))
            else:
                pending.append(block)
        if pending or not parts:
            parts.append(join_inline(pending, "\n"))
        text = parts[0] if len(parts) == 1 else Group(*parts)
        if self.header and isinstance(text, Text):
            text.stylize(style("table.header"))
        return text


@dataclass(slots=True)
class TableBlock(Block):
    """A wiki table: rows of cells and an optional caption; attributes are ignored."""

    rows: list[list[Cell]]
    caption: Text | None = None

    @property
    def columns(self) -> int:
        """The number of columns, counting spans."""
        return max((sum(c.colspan for c in row) for row in self.rows), default=0)

    def table(self, depth: int = 0) -> Table:
        """The table as a rich Table; colspans degrade to empty cells after the spanning one."""
        header = bool(self.rows) and all(c.header for c in self.rows[0]) and len(self.rows) > 1
        table = Table(
            box=box.SQUARE,
            show_header=header,
            title=self.caption,
            title_style=style("table.caption"),
            border_style=style("table.border"),
            header_style=style("table.header"),
            show_lines=True,
            expand=False,
            padding=(0, 1),
        )
        columns = max(1, self.columns)
        rows = [self._expand(row, columns, depth) for row in self.rows]
        if header:
            for item in rows[0]:
                table.add_column(item)
            rows = rows[1:]
        else:
            for _ in range(columns):
                table.add_column()
        for row in rows:
            table.add_row(*row)
        return table

    @staticmethod
    def _expand(row: list[Cell], columns: int, depth: int) -> list[RenderableType]:
        cells: list[RenderableType] = []
        for cell in row:
            cells.append(cell.renderable(depth))
            cells.extend(Text() for _ in range(cell.colspan - 1))
        cells.extend(Text() for _ in range(columns - len(cells)))
        return cells[:columns] if len(cells) > columns else cells

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """The table drawn with box characters, at most ``width`` wide."""
        if not self.rows:
            return [] if self.caption is None else text_lines(console, self.caption, width)
        indent = min(self.indent, width // 2)
        room = max(10, width - indent)
        rendered = console.render_lines(self.table(), console.options.update_width(room), pad=False)
        if indent:
            pad = Segment(" " * indent)
            return [[pad, *line] for line in rendered]
        return rendered

    def plain(self) -> list[str]:
        """Caption on its own line, then one line per row with cells joined by `` | ``."""
        out = [] if self.caption is None else [self.caption.plain]
        lead = " " * self.indent
        for row in self.rows:
            cells = [" ".join(cell.inline().plain.split()) for cell in row if not cell.covered]
            out.append(lead + " | ".join(cells))
        return out


@dataclass(slots=True)
class Infobox(Block):
    """An infobox template as a boxed two-column table: ``(label, value)`` rows.

    A row with no label spans the box (a subheading or an image caption).
    """

    title: Text
    rows: list[tuple[Text | None, Text]]

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """A rounded box no wider than 72 columns (a sidebar on the wiki): the title centred,
        labels in a bold column, rows without a label across the whole box."""
        indent = max(0, min(self.indent, width - 24))
        room = max(24, min(width - indent, 72))
        labelled = [label for label, _ in self.rows if label is not None]
        label_width = min(max((t.cell_len for t in labelled), default=0), max(10, room // 3))
        natural = [self.title.cell_len]
        for label, value in self.rows:
            longest = max((len(part) for part in value.plain.split("\n")), default=0)
            natural.append(longest + (label_width + 2 if label is not None else 0))
        inner = min(room - 4, max(natural))
        border = style("infobox.border")
        pad = [Segment(" " * indent)] if indent else []
        left, right = Segment("│ ", border), Segment(" │", border)

        def framed(text: Text, cell: int) -> list[SegmentLine]:
            """``text`` wrapped to ``cell`` columns, each line padded to exactly that width."""
            out = []
            for line in text.wrap(console, max(1, cell), overflow="fold") if text else [Text()]:
                line.rstrip()
                out.append([*line.render(console), Segment(" " * max(0, cell - line.cell_len))])
            return out

        out: list[SegmentLine] = [[*pad, Segment("╭" + "─" * (inner + 2) + "╮", border)]]
        title = self.title.copy()
        title.stylize(style("infobox.title"))
        for line in title.wrap(console, inner, overflow="fold"):
            line.rstrip()
            gap = inner - line.cell_len
            body = [Segment(" " * (gap // 2)), *line.render(console)]
            body.append(Segment(" " * (gap - gap // 2)))
            out.append([*pad, left, *body, right])
        if self.rows:
            out.append([*pad, Segment("├" + "─" * (inner + 2) + "┤", border)])
        for label, value in self.rows:
            if label is None:
                for row in framed(value, inner):
                    out.append([*pad, left, *row, right])
                continue
            shown = label.copy()
            shown.stylize(style("infobox.label"))
            names = framed(shown, label_width)
            values = framed(value, inner - label_width - 2)
            blank_name = [Segment(" " * label_width)]
            blank_value = [Segment(" " * (inner - label_width - 2))]
            for index in range(max(len(names), len(values))):
                name = names[index] if index < len(names) else blank_name
                text = values[index] if index < len(values) else blank_value
                out.append([*pad, left, *name, Segment("  "), *text, right])
        out.append([*pad, Segment("╰" + "─" * (inner + 2) + "╯", border)])
        return out

    def plain(self) -> list[str]:
        """Title, then ``label: value`` lines."""
        out = [self.title.plain]
        for label, value in self.rows:
            flat = " ".join(value.plain.split())
            out.append(flat if label is None else f"{label.plain}: {flat}")
        return out


@dataclass(slots=True)
class Lines(Block):
    """Ready-made lines of text (a notice, the category line...), wrapped like a paragraph."""

    text: Text

    def lines(self, console: Console, width: int) -> list[SegmentLine]:
        """Wrapped text."""
        return text_lines(console, self.text, width, indent=self.indent)

    def plain(self) -> list[str]:
        """The text as is."""
        return [" " * self.indent + line for line in self.text.plain.split("\n")]


def join_inline(blocks: Sequence[Block], separator: str) -> Text:
    """Blocks flattened into one text (for table cells, references and template values)."""
    if len(blocks) == 1:
        (block,) = blocks
        if type(block) is Paragraph and block.prefix is None and not block.text.style:
            # One paragraph (a reference's text, most often): its plain text and spans.
            text = block.text
            plain = text.plain
            return made_text(plain, text.spans[:]) if plain.strip() else Text()
    out = Text()
    first = True
    for block in blocks:
        piece: Text | None
        if isinstance(block, (Paragraph, Lines, Preformatted)):
            piece = block.text
            if isinstance(block, Paragraph) and block.prefix is not None and block.prefix.plain:
                piece = Text.assemble(block.prefix, block.text)
        elif isinstance(block, Heading):
            piece = block.text
        elif isinstance(block, (TableBlock, Infobox)):
            piece = Text("; ".join(block.plain()))
        else:
            piece = None
        if piece is None or not piece.plain.strip():
            continue
        if not first:
            out.append(separator)
        out.append_text(piece)
        first = False
    return out
