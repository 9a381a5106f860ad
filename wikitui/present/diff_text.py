"""A diff as terminal lines: the wiki's header, hunk headers and rows, for the CLI and the app.

``wikitui diff`` prints these lines and the app's diff pane pages through them, so both read the
same: one marker table (:data:`MARKERS`), one move note, one rule for which words are
emphasised (the same on split and merge rows as on changed ones), one role → style map
(:data:`DEFAULT_STYLES`, which the app overrides with its theme's component classes).

* Laid out without drawing: each row's height and the lines holding its changed words come from
  its plain text (:mod:`wikitui.present.diff_wrap`); a row is drawn when a line of it is read
  (:mod:`wikitui.present.diff_rows`), so the app draws the rows on screen, not the whole diff.
  The tables (roles, styles, markers, the move note) are :mod:`wikitui.present.diff_styles`.
* Long paragraphs are wrapped, never cut; every visual line remembers its hunk, so ``n``/``N``
  and the status line know where they are, and where each hunk's first changed words are.
* Without colour (pipes, ``NO_COLOR`` on the command line) changed words are marked
  ``[-deleted-]`` / ``{+added+}`` as ``git diff --word-diff=plain`` does (``marks=True``).
* The header (:mod:`wikitui.present.diff_header`) in full, or in two rows for short panes.
* In the app, context paragraphs longer than a few rows fold to the rows nearest the change,
  with a "⋯ N more lines" row (``fold``), and on short panes the header shrinks to two rows
  (``compact``).

Pure rich + model code (no Textual).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from wikitui.diff.model import DiffResult, DiffRow
from wikitui.gc_pause import collector_paused
from wikitui.present.cells import Cell, CellLine
from wikitui.present.diff_header import DiffHeader, SideInfo, stats_line
from wikitui.present.diff_rows import Column, DiffLines, RowDrawer, RowLine, RowPlan
from wikitui.present.diff_styles import (
    DEFAULT_STYLES,
    DIFF_ROLES,
    MARKERS,
    Marker,
    StyleLookup,
    default_styles,
    emphasises_words,
    move_note,
)
from wikitui.present.diff_wrap import SideText, inline_parts, side_parts
from wikitui.present.revision import (
    NO_SUMMARY,
    delta_label,
    delta_style,
    delta_text,
    style,
    tags_label,
)
from wikitui.present.visible import visible

MIN_TEXT_WIDTH = 8
# A context paragraph taller than FOLD_AT rows shows FOLD_KEEP of them (nearest the change).
FOLD_KEEP = 3
FOLD_AT = FOLD_KEEP + 2

# -- the layout -------------------------------------------------------------------------------


@dataclass(slots=True)
class DiffLayout:
    """The laid-out diff: one line per terminal row, and where things are on them.

    ``line_hunks[i]`` is the hunk of line ``i`` (-1 for the header), ``hunk_lines[h]`` the line
    of hunk ``h``'s header and ``change_lines[h]`` the first line showing its changed words;
    ``header_lines`` counts the lines above the first hunk; ``move_links`` maps the first line of
    a moved paragraph to the first line of its other end; ``folds`` maps each "⋯ N more lines"
    line to the key of the paragraph it folds (see ``expanded`` of :func:`layout_diff`).
    """

    lines: DiffLines
    line_hunks: list[int] = field(default_factory=list)
    hunk_lines: list[int] = field(default_factory=list)
    change_lines: list[int] = field(default_factory=list)
    hunk_sections: list[str | None] = field(default_factory=list)
    hunk_headers: list[Text] = field(default_factory=list)
    move_links: dict[int, int] = field(default_factory=dict)
    folds: dict[int, tuple[int, int]] = field(default_factory=dict)
    header_lines: int = 0

    def add(self, text: Text | CellLine | RowLine, hunk: int = -1) -> int:
        """Append a line; return its index."""
        self.lines.append(text)
        self.line_hunks.append(hunk)
        return len(self.lines) - 1

    def plain_lines(self) -> list[str]:
        """The lines as plain text (tests, pipes)."""
        return [line.plain for line in self.lines]


class DiffLayoutBuilder:
    """Lays out one diff at one width, side by side or inline."""

    def __init__(
        self,
        console: Console,
        width: int,
        *,
        inline: bool,
        styles: StyleLookup = default_styles,
        marks: bool = False,
        fold: bool = False,
        expanded: Iterable[tuple[int, int]] = (),
    ) -> None:
        self.console = console
        self.width = max(width, 20)
        self.inline = inline
        self.style = styles
        self.marks = marks
        self.fold = fold
        self.expanded = frozenset(expanded)
        self.drawer = RowDrawer(styles, inline=inline)
        self.layout = DiffLayout(DiffLines(self.drawer))

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
        piece.end = ""
        piece.truncate(width, overflow="crop", pad=True)
        return piece

    def _full(self, text: Text) -> Text:
        return self._fit(text, self.width)

    def block(self, texts: Iterable[Text], role: str) -> None:
        """Full-width wrapped lines in one role."""
        for text in texts:
            for line in self._wrap(text, self.width):
                line.stylize(self.style(role))
                self.layout.add(self._full(line))

    def _centred(self, text: str, role: str) -> None:
        for piece in self._wrap(Text(text, style=self.style(role)), self.width):
            piece.align("center", self.width)
            self.layout.add(piece)

    # -- the header -------------------------------------------------------------------------

    def _side_lines(self, side: SideInfo | None, empty: str) -> list[Text]:
        if side is None:
            return [Text(empty, style=self.style("diff--note"))]
        lines = [Text(side.title, style=self.style("diff--header-title"))]
        if side.user is not None:
            who = side.user.copy()
            if side.minor:
                who.append(" m", style=style("minor"))
            if side.rev_id is not None:
                who.append(f" · r{side.rev_id}", style=style("rev-id"))
            lines.append(who)
        if side.summary is not None:
            lines.append(
                side.summary.copy() if side.summary else Text(NO_SUMMARY, style("summary-none"))
            )
        if side.tags:
            label = "Tag: " if len(side.tags) == 1 else "Tags: "
            lines.append(Text(label + tags_label(side.tags)[1:-1], style=style("tags")))
        if side.size is not None or side.has_delta:
            size = Text(f"{side.size:,} bytes" if side.size is not None else "size unknown")
            if side.has_delta:
                size.append(" ")
                size.append_text(delta_text(side.delta))
            lines.append(size)
        if side.text_hidden:
            lines.append(Text("(text hidden)", style=style("text-hidden")))
        for mark in side.marks:
            lines.append(Text(mark.text, style=mark.style))
        return lines

    def _compact_side(self, lead: str, side: SideInfo | None, empty: str) -> Text:
        """One row for one side: time, size change, user and the summary, cut to fit (the size
        change before the user, so that a long name cannot push it off the row)."""
        line = Text(lead, style=self.style("diff--header-title"), no_wrap=True)
        if side is None:
            line.append(empty, style=self.style("diff--note"))
        else:
            line.append(side.when, style=self.style("diff--header-title"))
            if side.has_delta:
                line.append(" ")
                line.append(f"({delta_label(side.delta)})", style=delta_style(side.delta))
            for mark in side.marks:
                line.append(" ")
                line.append(mark.text, style=mark.style)
            if side.user is not None:
                line.append(" ")
                line.append_text(side.user)
            if side.minor:
                line.append(" m", style=style("minor"))
            if side.summary is not None:
                line.append(" ")
                if side.summary:
                    line.append_text(side.summary)
                else:
                    line.append(NO_SUMMARY, style=style("summary-none"))
        line.truncate(self.width, overflow="ellipsis")
        return line

    def header(self, header: DiffHeader, result: DiffResult | None, *, compact: bool) -> None:
        """The two sides' time, user, summary, tags and size, the gap between them, the stats.

        ``compact``: two rows, one per side, for short panes (no stats); a comparison that
        skips revisions (against a marked base) keeps its "N intermediate revisions" row.
        """
        base = self.style("diff--header")
        if compact:
            for sign, side, empty in (
                ("--- ", header.old, header.no_old),
                ("+++ ", header.new, ""),
            ):
                line = self._full(self._compact_side(sign, side, empty))
                line.stylize(base)
                self.layout.add(line)
            if header.between:
                self._centred(header.between, "diff--intermediate")
            if result is not None:
                self._notes(result)
            self.layout.header_lines = len(self.layout.lines)
            return
        old = self._side_lines(header.old, header.no_old)
        new = self._side_lines(header.new, "")
        if self.inline:
            for sign, lines in (("--- ", old), ("+++ ", new)):
                for number, line in enumerate(lines):
                    lead = Text(sign if number == 0 else "    ", style=base)
                    for piece in self._wrap(line, self.width - 4):
                        self.layout.add(self._full(lead + piece))
                        lead = Text("    ", style=base)
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
            self._centred(header.between, "diff--intermediate")
        if result is not None:
            if result.identical:
                self._centred("(No difference)", "diff--note")
            else:
                self.block([Text(stats_line(result.stats))], "diff--note")
            self._notes(result)
        self.layout.header_lines = len(self.layout.lines)

    def _notes(self, result: DiffResult) -> None:
        """The engine's notes (caps and fallbacks), one line each."""
        self.block([Text(f"note: {remark}") for remark in result.notes], "diff--note")

    # -- the texts of a row -----------------------------------------------------------------

    def side_parts(self, row: DiffRow, side: str) -> SideText:
        """One side of a row (``-`` old, ``+`` new), its changed words emphasised."""
        return side_parts(row, side, marks=self.marks)

    def inline_parts(self, row: DiffRow) -> SideText:
        """A row in one column: deleted and added words both shown, in place."""
        return inline_parts(row, marks=self.marks)

    def side_text(self, row: DiffRow, side: str) -> Text:
        """One side of a row as a :class:`Text`."""
        return self.side_parts(row, side).text(self.style)

    def inline_text(self, row: DiffRow) -> Text:
        """A row in one column as a :class:`Text`."""
        return self.inline_parts(row).text(self.style)

    # -- the rows ---------------------------------------------------------------------------

    def rows(self, result: DiffResult) -> None:
        """Every hunk: a header line with its section, then its rows wrapped."""
        if result.identical or not result.hunks:
            return
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
            changed = [i for i, row in enumerate(hunk.rows) if row.type != "context"]
            first_changed = changed[0] if changed else len(hunk.rows)
            last_changed = changed[-1] if changed else -1
            change_line: int | None = None
            for position, row in enumerate(hunk.rows):
                where = (
                    "before"
                    if position < first_changed
                    else "after"
                    if position > last_changed
                    else "between"
                )
                first, changed_at = self._row(row, number, digits, (number, position), where)
                if change_line is None and changed_at is not None:
                    change_line = changed_at
                if row.type == "move-from" and row.old_line is not None:
                    move_lines_old[row.old_line] = first
                    pending.append((first, row))
                elif row.type == "move-to" and row.new_line is not None:
                    move_lines_new[row.new_line] = first
                    pending.append((first, row))
            self.layout.change_lines.append(
                change_line if change_line is not None else self.layout.hunk_lines[number]
            )
        for line, row in pending:
            if row.type == "move-from" and row.moved_to in move_lines_new:
                self.layout.move_links[line] = move_lines_new[row.moved_to]
            elif row.type == "move-to" and row.moved_from in move_lines_old:
                self.layout.move_links[line] = move_lines_old[row.moved_from]

    def hunk_header_text(
        self, old_line: int, new_line: int, section: str | None, role: str
    ) -> Text:
        """The "Line N: Line M:" bar of a hunk, with its section path."""
        where = f"  § {visible(section)}" if section else ""
        if self.inline:
            text = Text(f"Line {old_line:,} → Line {new_line:,}{where}")
        else:
            half = (self.width - 1) // 2
            text = self._fit(Text(f"Line {old_line:,}:"), half + 1) + Text(
                f"Line {new_line:,}:{where}"
            )
        text = self._full(text)
        text.stylize(self.style(role))
        return text

    def _hunk_header(self, number: int, old_line: int, new_line: int, section: str | None) -> None:
        text = self.hunk_header_text(old_line, new_line, section, "diff--hunk-header")
        self.layout.hunk_lines.append(self.layout.add(text, number))
        self.layout.hunk_sections.append(section)
        self.layout.hunk_headers.append(
            self.hunk_header_text(old_line, new_line, section, "diff--hunk-current")
        )

    def _folded(
        self, row: DiffRow, count: int, key: tuple[int, int], where: str
    ) -> tuple[range, range] | None:
        """For a tall context paragraph: the rows kept before and after a fold row, or None."""
        if not self.fold or row.type != "context" or count <= FOLD_AT or key in self.expanded:
            return None
        if where == "before":  # the change is below: keep the rows just above it
            return range(0), range(count - FOLD_KEEP, count)
        if where == "after":
            return range(FOLD_KEEP), range(0)
        head = (FOLD_KEEP + 1) // 2
        return range(head), range(count - (FOLD_KEEP - head), count)

    def _fold_line(
        self, hidden: int, key: tuple[int, int], hunk: int, gutter: tuple[Cell, ...], width: int
    ) -> None:
        """The "⋯ N more lines" row; ``gutter`` (the row's line numbers when its first line is
        folded away, else blank) is ``width`` cells wide."""
        label = f"⋯ {hidden:,} more line{'s' if hidden != 1 else ''} (e: expand)"
        cells: tuple[Cell, ...] = (
            *gutter,
            (Text(label, style=self.style("diff--fold")), None, self.width - width),
        )
        self.layout.folds[self.layout.add(CellLine(cells), hunk)] = key

    def _plan(self, row: DiffRow, digits: int) -> RowPlan:
        """A row's columns, wrapped on their plain text (no rich work)."""
        note = move_note(row)
        note_part = SideText.build("diff--move-link", [(note, None, False)]) if note else None
        if self.inline:
            gutter = 2 * digits + 4
            width = max(self.width - gutter, MIN_TEXT_WIDTH)
            parts = [self.inline_parts(row)] + ([note_part] if note_part else [])
            return RowPlan(row, digits, gutter, (Column.of(parts, width, row.new_line),))
        half = (self.width - 1) // 2
        right = self.width - 1 - half
        gutter = digits + 3
        # One blank cell before the column rule keeps the two texts apart.
        left_width = max(half - gutter - 1, MIN_TEXT_WIDTH)
        right_width = max(right - gutter, MIN_TEXT_WIDTH)
        left: list[SideText] = []
        rside: list[SideText] = []
        if row.old_line is not None:
            left = [self.side_parts(row, "-")]
            if note_part is not None and row.type == "move-from":
                left.append(note_part)
        if row.new_line is not None:
            rside = [self.side_parts(row, "+")]
            if note_part is not None and row.type == "move-to":
                rside.append(note_part)
        return RowPlan(
            row,
            digits,
            gutter,
            (
                Column.of(left, left_width, row.old_line, half - gutter - left_width),
                Column.of(rside, right_width, row.new_line, right - gutter - right_width),
            ),
        )

    def _row(
        self, row: DiffRow, hunk: int, digits: int, key: tuple[int, int], where: str
    ) -> tuple[int, int | None]:
        """Add one diff row's visual lines, drawn only when shown (folded when it is a tall
        context paragraph).

        Returns its first line, and the first line showing changed words (None if none does;
        a whole added or deleted row: its first line).
        """
        plan = self._plan(row, digits)
        first = len(self.layout.lines)
        count = plan.count
        changed = plan.changed()
        kept = self._folded(row, count, key, where)
        change_line: int | None = None
        whole = row.type != "context" and not any(changed)
        if kept is None:  # every line shown: added at once
            layout = self.layout
            layout.lines.items.extend([RowLine((plan, number)) for number in range(count)])
            layout.line_hunks.extend([hunk] * count)
            if whole and count:
                change_line = first
            elif True in changed:
                change_line = first + changed.index(True)
            return first, change_line
        for number in range(count):
            if kept is not None and number not in kept[0] and number not in kept[1]:
                if number == len(kept[0]):
                    # Folded from the top, the row's line numbers go on the fold row.
                    shown = (
                        self.drawer.cells(plan, 0, None)[:2]
                        if number == 0
                        else (("", None, plan.gutter),)
                    )
                    hidden = count - len(kept[0]) - len(kept[1])
                    self._fold_line(hidden, key, hunk, shown, plan.gutter)
                continue
            line = self.layout.add(RowLine((plan, number)), hunk)
            if change_line is None and (changed[number] or (whole and number == 0)):
                change_line = line
        return first, change_line


def layout_diff(
    console: Console,
    width: int,
    header: DiffHeader,
    result: DiffResult | None,
    *,
    inline: bool,
    styles: StyleLookup = default_styles,
    message: str | None = None,
    marks: bool = False,
    compact: bool = False,
    fold: bool = False,
    expanded: Iterable[tuple[int, int]] = (),
) -> DiffLayout:
    """Lay out a whole diff (or a message in place of one, e.g. hidden text) at ``width``.

    ``marks``: changed words as ``[-…-]``/``{+…+}`` (no colour). ``compact``: the two-row header.
    ``fold``: fold tall context paragraphs, except those whose keys are in ``expanded``.
    """
    builder = DiffLayoutBuilder(
        console, width, inline=inline, styles=styles, marks=marks, fold=fold, expanded=expanded
    )
    builder.header(header, result, compact=compact)
    if message is not None:
        builder.layout.add(Text(""))
        builder.block([Text(visible(message))], "diff--note")
    elif result is not None:
        # Thousands of small objects, no cycles: in the app, whose heap is large, a pass of
        # the cyclic collector here costs more than the rows (see wikitui.gc_pause).
        with collector_paused():
            builder.rows(result)
    return builder.layout


__all__ = [
    "DEFAULT_STYLES",
    "DIFF_ROLES",
    "MARKERS",
    "DiffLayout",
    "DiffLayoutBuilder",
    "Marker",
    "default_styles",
    "emphasises_words",
    "layout_diff",
    "move_note",
]
