"""A diff laid out as terminal lines: the wiki's header, hunk headers and wrapped rows.

Pure rich + model code (no Textual), so the layout is testable on its own and the
:class:`~wikitui.widgets.diff_view.DiffView` only pages through the lines it is given. Long
paragraphs are wrapped, never cut; every visual line remembers its hunk, so ``n``/``N`` and the
status line know where they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rich.console import Console
from rich.style import Style
from rich.text import Text

from wikitui.diff.model import DiffResult, DiffRow
from wikitui.model import Revision
from wikitui.widgets.cells import Cell, CellLine
from wikitui.widgets.comparison import Comparison
from wikitui.widgets.formatting import (
    delta_text,
    format_wiki_time,
    intermediate,
    summary_text,
    user_name,
)

# Component classes of the diff pane, in the order themes usually care about.
DIFF_ROLES = (
    "diff--header",
    "diff--header-title",
    "diff--intermediate",
    "diff--hunk-header",
    "diff--hunk-current",
    "diff--line-number",
    "diff--context",
    "diff--deleted",
    "diff--added",
    "diff--deleted-word",
    "diff--added-word",
    "diff--moved",
    "diff--move-link",
    "diff--note",
)

# Gutter markers keep changes readable without colour (NO_COLOR, monochrome terminals).
MARKERS = {
    "context": " ",
    "add": "+",
    "delete": "−",
    "change": "±",
    "move-from": "»",
    "move-to": "«",
}

MIN_TEXT_WIDTH = 8


@dataclass(slots=True)
class SideInfo:
    """One revision as the diff header shows it."""

    title: str
    user: str
    minor: bool
    rev_id: int | None
    summary: Text
    tags: tuple[str, ...]
    size: int | None
    delta: Text


@dataclass(slots=True)
class DiffHeader:
    """The wiki's header over a diff: both revisions and what lies between them."""

    old: SideInfo | None
    new: SideInfo
    between: str | None
    no_old: str = "(page created)"  # what stands on the old side when there is none


def _side(revision: Revision, title: str, delta: int | None) -> SideInfo:
    return SideInfo(
        title=f"{title} {format_wiki_time(revision.timestamp)}",
        user=user_name(revision),
        minor=revision.minor,
        rev_id=revision.rev_id,
        summary=summary_text(revision.comment, hidden=revision.comment_hidden),
        tags=revision.tags,
        size=revision.size,
        delta=delta_text(delta),
    )


def header_for(comparison: Comparison) -> DiffHeader:
    """Build the header of a comparison from the page's metadata (no texts needed)."""
    page = comparison.page
    latest = comparison.new_index == len(page.revisions) - 1
    old = None
    old_rev = comparison.old
    if old_rev is not None and comparison.old_index is not None:
        old = _side(old_rev, "Revision as of", page.delta(comparison.old_index))
    new_delta: int | None
    if old_rev is not None and old_rev.size is not None and comparison.new.size is not None:
        new_delta = comparison.new.size - old_rev.size
    else:
        new_delta = page.delta(comparison.new_index)
    new = _side(comparison.new, "Latest revision as of" if latest else "Revision as of", new_delta)
    between = intermediate(page, comparison.old_index, comparison.new_index).describe()
    parent_id = comparison.new.parent_id
    if between is None and parent_id and page.get(parent_id) is None and old_rev is not None:
        # An excerpt of a history: the real parent was not exported, so an unknown number of
        # revisions lies between the two shown.
        between = f"(intermediate revisions not in this file: the parent r{parent_id} is missing)"
    if old is None and parent_id and page.get(parent_id) is None:
        # The first revision of an excerpt: not a creation, its parent just wasn't exported.
        return DiffHeader(old, new, between, f"(parent r{parent_id} is not in this file)")
    return DiffHeader(old, new, between)


@dataclass(slots=True)
class DiffLayout:
    """The laid-out diff: one :class:`Text` per terminal line plus where each hunk starts.

    ``line_hunks[i]`` is the hunk of line ``i`` (-1 for the header), ``hunk_lines[h]`` the line
    of hunk ``h``'s header, ``move_links`` maps the first line of a moved paragraph to the first
    line of its other end.
    """

    lines: list[Text | CellLine] = field(default_factory=list)
    line_hunks: list[int] = field(default_factory=list)
    hunk_lines: list[int] = field(default_factory=list)
    hunk_sections: list[str | None] = field(default_factory=list)
    hunk_headers: list[Text] = field(default_factory=list)
    move_links: dict[int, int] = field(default_factory=dict)

    def add(self, text: Text | CellLine, hunk: int = -1) -> int:
        """Append a line; return its index."""
        self.lines.append(text)
        self.line_hunks.append(hunk)
        return len(self.lines) - 1


StyleLookup = Callable[[str], Style]


def default_styles(role: str) -> Style:
    """Fallback styles for use outside the app (tests, benches): the wiki's colours."""
    return _DEFAULTS.get(role, Style.null())


_DEFAULTS: Mapping[str, Style] = {
    "diff--header-title": Style(bold=True),
    "diff--intermediate": Style(italic=True, dim=True),
    "diff--hunk-header": Style(bold=True, reverse=True),
    "diff--hunk-current": Style(bold=True, color="black", bgcolor="yellow"),
    "diff--line-number": Style(dim=True),
    "diff--deleted": Style(bgcolor="#3a2a10"),
    "diff--added": Style(bgcolor="#10263a"),
    "diff--deleted-word": Style(bold=True, strike=True, bgcolor="#7a5410"),
    "diff--added-word": Style(bold=True, underline=True, bgcolor="#104e7a"),
    "diff--moved": Style(italic=True),
    "diff--move-link": Style(dim=True, italic=True),
    "diff--note": Style(dim=True, italic=True),
}


class DiffLayoutBuilder:
    """Lays out one diff at one width, side by side or inline."""

    def __init__(
        self,
        console: Console,
        width: int,
        *,
        inline: bool,
        styles: StyleLookup = default_styles,
    ) -> None:
        self.console = console
        self.width = max(width, 20)
        self.inline = inline
        self.style = styles
        self.layout = DiffLayout()
        self._rule_style = Style(dim=True)

    # -- helpers ----------------------------------------------------------------------------

    def _wrap(self, text: Text, width: int) -> list[Text]:
        """Wrap to ``width`` cells, folding words longer than a line (never cutting)."""
        if not text.plain:
            return [text.copy()]
        lines = text.wrap(self.console, max(width, 1), overflow="fold", tab_size=4)
        return list(lines) or [text.copy()]

    def _fit(self, text: Text, width: int) -> Text:
        """Pad or trim a single wrapped line to exactly ``width`` cells."""
        piece = text.copy()
        piece.no_wrap = True
        piece.overflow = "crop"
        piece.truncate(width, overflow="crop", pad=True)
        return piece

    def _full(self, text: Text) -> Text:
        return self._fit(text, self.width)

    def block(self, texts: Iterable[Text], style: str) -> None:
        """Full-width wrapped header lines."""
        for text in texts:
            for line in self._wrap(text, self.width):
                line.stylize(self.style(style))
                self.layout.add(self._full(line))

    # -- the header ---------------------------------------------------------------------------

    def _side_lines(self, side: SideInfo | None, empty: str) -> list[Text]:
        if side is None:
            return [Text(empty, style=self.style("diff--note"))]
        lines = [Text(side.title, style=self.style("diff--header-title"))]
        who = Text(side.user, style="cyan")
        if side.minor:
            who.append(" m", style="bold")
        if side.rev_id is not None:
            who.append(f" · r{side.rev_id}", style="dim")
        lines.append(who)
        lines.append(
            side.summary.copy() if side.summary else Text("No edit summary", style="dim italic")
        )
        if side.tags:
            label = "Tag: " if len(side.tags) == 1 else "Tags: "
            lines.append(Text(label + ", ".join(side.tags), style="magenta"))
        size = Text(f"{side.size:,} bytes " if side.size is not None else "size unknown ")
        size.append_text(side.delta)
        lines.append(size)
        return lines

    def header(self, header: DiffHeader, result: DiffResult | None) -> None:
        """The two revisions' time, user, summary, tags and size, then the gap between them."""
        base = self.style("diff--header")
        old = self._side_lines(header.old, header.no_old)
        new = self._side_lines(header.new, "")
        if self.inline:
            for marker, lines in (("− ", old), ("+ ", new)):
                for number, line in enumerate(lines):
                    lead = Text(marker if number == 0 else "  ", style=base)
                    for piece in self._wrap(line, self.width - 2):
                        self.layout.add(self._full(lead + piece))
                        lead = Text("  ", style=base)
        else:
            half = (self.width - 1) // 2
            right = self.width - 1 - half
            left_lines = [p for line in old for p in self._wrap(line, half)]
            right_lines = [p for line in new for p in self._wrap(line, right)]
            for row in range(max(len(left_lines), len(right_lines))):
                left = left_lines[row] if row < len(left_lines) else Text("")
                rside = right_lines[row] if row < len(right_lines) else Text("")
                line = self._fit(left, half) + Text("│", style="dim") + self._fit(rside, right)
                line.stylize(base)
                self.layout.add(line)
        if header.between:
            between = Text(header.between, style=self.style("diff--intermediate"))
            between.align("center", self.width)
            self.layout.add(between)
        if result is not None:
            self._summary(result)

    def _summary(self, result: DiffResult) -> None:
        stats = result.stats
        if result.identical:
            note = Text("(No difference)", style=self.style("diff--note"))
            note.align("center", self.width)
            self.layout.add(note)
            return
        parts = [
            f"+{stats.words_added:,} / −{stats.words_removed:,} words",
            f"{len(result.hunks)} change{'s' if len(result.hunks) != 1 else ''}",
        ]
        if stats.paragraphs_moved:
            parts.append(f"{stats.paragraphs_moved} moved")
        summary = Text("  ·  ".join(parts), style=self.style("diff--note"))
        summary.align("center", self.width)
        self.layout.add(summary)
        for remark in result.notes:
            self.block([Text(f"note: {remark}")], "diff--note")

    # -- the rows -------------------------------------------------------------------------------

    def _side_text(self, row: DiffRow, side: str) -> Text:
        """One side of a row (``-`` old, ``+`` new) with its changed words emphasised."""
        line_style = {
            "context": "diff--context",
            "add": "diff--added",
            "delete": "diff--deleted",
            "change": "diff--deleted" if side == "-" else "diff--added",
            "move-from": "diff--moved",
            "move-to": "diff--moved",
        }[row.type]
        word_role = "diff--deleted-word" if side == "-" else "diff--added-word"
        text = Text(style=self.style(line_style))
        for op, chunk in row.spans:
            if op == "=":
                text.append(chunk)
            elif op == side:
                # In a whole-line add or delete every word is new; emphasise only real edits.
                plain = row.type in ("add", "delete")
                text.append(chunk, style=None if plain else self.style(word_role))
        return text

    def _inline_text(self, row: DiffRow) -> Text:
        line_style = {
            "context": "diff--context",
            "add": "diff--added",
            "delete": "diff--deleted",
            "change": "diff--context",
            "move-from": "diff--moved",
            "move-to": "diff--moved",
        }[row.type]
        text = Text(style=self.style(line_style))
        whole = row.type in ("add", "delete")
        keep = {"move-from": "-", "move-to": "+"}.get(row.type)
        for op, chunk in row.spans:
            if op == "=":
                text.append(chunk)
            elif keep is not None and op != keep:
                continue
            elif whole:
                text.append(chunk)
            else:
                role = "diff--deleted-word" if op == "-" else "diff--added-word"
                text.append(chunk, style=self.style(role))
        return text

    def _number(self, value: int | None, width: int) -> Text:
        label = "" if value is None else str(value)
        return Text(f"{label:>{width}}", style=self.style("diff--line-number"))

    def _move_note(self, row: DiffRow) -> Text | None:
        if row.type == "move-from" and row.moved_to is not None:
            return Text(f"⤷ moved to line {row.moved_to}", style=self.style("diff--move-link"))
        if row.type == "move-to" and row.moved_from is not None:
            return Text(f"⤶ moved from line {row.moved_from}", style=self.style("diff--move-link"))
        return None

    def rows(self, result: DiffResult) -> None:
        """Every hunk: a header line with its section, then its rows wrapped."""
        numbers = [
            n
            for hunk in result.hunks
            for row in hunk.rows
            for n in (row.old_line, row.new_line)
            if n
        ]
        digits = max(2, len(str(max(numbers, default=0))))
        move_lines_old: dict[int, int] = {}  # old line number -> visual line of move-from row
        move_lines_new: dict[int, int] = {}
        pending: list[tuple[int, DiffRow]] = []
        for number, hunk in enumerate(result.hunks):
            self._hunk_header(number, hunk.old_line, hunk.new_line, hunk.section)
            for row in hunk.rows:
                first = self._row(row, number, digits)
                if row.type == "move-from" and row.old_line is not None:
                    move_lines_old[row.old_line] = first
                    pending.append((first, row))
                elif row.type == "move-to" and row.new_line is not None:
                    move_lines_new[row.new_line] = first
                    pending.append((first, row))
        for line, row in pending:
            if row.type == "move-from" and row.moved_to in move_lines_new:
                self.layout.move_links[line] = move_lines_new[row.moved_to]
            elif row.type == "move-to" and row.moved_from in move_lines_old:
                self.layout.move_links[line] = move_lines_old[row.moved_from]

    def hunk_header_text(
        self, old_line: int, new_line: int, section: str | None, style: str
    ) -> Text:
        """The "Line N: Line M:" bar of a hunk, with its section path."""
        where = f"  § {section}" if section else ""
        if self.inline:
            text = Text(f"Line {old_line} → {new_line}{where}")
        else:
            half = (self.width - 1) // 2
            text = self._fit(Text(f"Line {old_line}:"), half + 1) + Text(f"Line {new_line}:{where}")
        text = self._full(text)
        text.stylize(self.style(style))
        return text

    def _hunk_header(self, number: int, old_line: int, new_line: int, section: str | None) -> None:
        text = self.hunk_header_text(old_line, new_line, section, "diff--hunk-header")
        self.layout.hunk_lines.append(self.layout.add(text, number))
        self.layout.hunk_sections.append(section)
        self.layout.hunk_headers.append(
            self.hunk_header_text(old_line, new_line, section, "diff--hunk-current")
        )

    def _row(self, row: DiffRow, hunk: int, digits: int) -> int:
        """Add one diff row as wrapped visual lines of cells; returns its first line."""
        marker_style = self._marker_style(row.type)
        number_style = self.style("diff--line-number")
        note = self._move_note(row)
        first = len(self.layout.lines)
        if self.inline:
            gutter_width = 2 * digits + 4
            text_width = max(self.width - gutter_width, MIN_TEXT_WIDTH)
            pieces = self._wrap(self._inline_text(row), text_width)
            if note is not None:
                pieces.extend(self._wrap(note, text_width))
            blank: Cell = ("", None, gutter_width)
            for number, piece in enumerate(pieces):
                if number == 0:
                    old = "" if row.old_line is None else str(row.old_line)
                    new = "" if row.new_line is None else str(row.new_line)
                    cells: tuple[Cell, ...] = (
                        (f"{old:>{digits}} {new:>{digits}}", number_style, 2 * digits + 1),
                        (f" {MARKERS[row.type]} ", marker_style, 3),
                        (piece, None, text_width),
                    )
                else:
                    cells = (blank, (piece, None, text_width))
                self.layout.add(CellLine(cells), hunk)
            return first
        half = (self.width - 1) // 2
        right = self.width - 1 - half
        gutter_width = digits + 3
        # One blank cell before the column rule keeps the two texts apart.
        left_width = max(half - gutter_width - 1, MIN_TEXT_WIDTH)
        right_width = max(right - gutter_width, MIN_TEXT_WIDTH)
        left: list[Text] = []
        rside: list[Text] = []
        if row.old_line is not None:
            left = self._wrap(self._side_text(row, "-"), left_width)
            if note is not None and row.type == "move-from":
                left.extend(self._wrap(note, left_width))
        if row.new_line is not None:
            rside = self._wrap(self._side_text(row, "+"), right_width)
            if note is not None and row.type == "move-to":
                rside.extend(self._wrap(note, right_width))
        old_marker = " " if row.type == "context" else ("»" if row.type == "move-from" else "−")
        new_marker = " " if row.type == "context" else ("«" if row.type == "move-to" else "+")
        rule: Cell = ("│", self._rule_style, 1)
        sides = (
            (left, row.old_line, left_width, old_marker, half - gutter_width - left_width),
            (rside, row.new_line, right_width, new_marker, right - gutter_width - right_width),
        )
        for number in range(max(len(left), len(rside))):
            columns: list[list[Cell]] = []
            for pieces, value, width, mark, spare in sides:
                column: list[Cell] = []
                if number < len(pieces):
                    label = str(value) if number == 0 and value is not None else ""
                    column.append((f"{label:>{digits}}", number_style, digits))
                    column.append((f" {mark if number == 0 else ' '} ", marker_style, 3))
                    column.append((pieces[number], None, width))
                else:
                    column.append(("", None, gutter_width + width))
                if spare > 0:
                    column.append(("", None, spare))
                columns.append(column)
            self.layout.add(CellLine((*columns[0], rule, *columns[1])), hunk)
        return first

    def _marker_style(self, row_type: str) -> Style:
        if row_type in ("add", "move-to"):
            return self.style("diff--added") + Style(bold=True)
        if row_type in ("delete", "move-from"):
            return self.style("diff--deleted") + Style(bold=True)
        if row_type == "change":
            return Style(bold=True)
        return Style.null()


def layout_diff(
    console: Console,
    width: int,
    header: DiffHeader,
    result: DiffResult | None,
    *,
    inline: bool,
    styles: StyleLookup = default_styles,
    message: str | None = None,
) -> DiffLayout:
    """Lay out a whole diff (or a message in place of one, e.g. hidden text) at ``width``."""
    builder = DiffLayoutBuilder(console, width, inline=inline, styles=styles)
    builder.header(header, result)
    if message is not None:
        builder.layout.add(Text(""))
        builder.block([Text(message)], "diff--note")
    elif result is not None:
        builder.rows(result)
    return builder.layout
