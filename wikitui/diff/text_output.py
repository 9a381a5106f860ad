"""Diffs as terminal text: the wiki's two-column layout, an inline layout, and plain marks.

Everything here builds rich renderables from a :class:`~wikitui.diff.model.DiffResult` and
the two revisions' public fields (the dicts of :func:`wikitui.model.revision_fields`, or
``{"path": ...}`` for files). With ``color=False`` no style is used and changed words are
marked ``[-deleted-]`` / ``{+added+}`` instead, as ``git diff --word-diff=plain`` does, so the
output stays readable in pipes and with ``NO_COLOR``.

* :func:`side_by_side` - old text on the left, new on the right, long lines wrapped to the
  width and never cut, line numbers on both sides, changed words emphasised.
* :func:`inline` - one column, like wikidiff2's inline mode or ``git diff --word-diff``.
* :func:`revision_header` - time, user, summary, size change and tags of both revisions,
  and "N intermediate revisions by M users not shown".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from wikitui.diff.model import DiffResult, DiffRow, DiffStats, Hunk

Info = Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class Palette:
    """Styles of the parts of a diff (rich style strings); empty strings when plain."""

    deleted_line: str = "red"
    added_line: str = "green"
    deleted_word: str = "bold white on red3"
    added_word: str = "bold white on green4"
    moved: str = "magenta"
    line_number: str = "bright_black"
    hunk: str = "bold cyan"
    section: str = "cyan"
    title: str = "bold"
    dim: str = "bright_black"
    positive: str = "green"
    negative: str = "red"
    note: str = "yellow"


PLAIN = Palette(*([""] * 13))
COLOR = Palette()

_MARKERS = {
    "context": (" ", " "),
    "delete": ("-", " "),
    "add": (" ", "+"),
    "change": ("-", "+"),
    "move-from": ("<", " "),
    "move-to": (" ", ">"),
}


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _signed(value: int) -> str:
    return f"+{value:,}" if value > 0 else f"−{-value:,}" if value < 0 else "0"


def _digits(result: DiffResult) -> int:
    """Width of the line-number columns: the widest number on either side."""
    return max(
        len(_number(max(row.old_line or 0, row.new_line or 0)))
        for h in result.hunks
        for row in h.rows
    )


def _append_move_note(text: Text, row: DiffRow, palette: Palette) -> None:
    """Where a moved paragraph went (or came from), after its text."""
    if row.type == "move-from":
        text.append(f"  (moved to line {_number(row.moved_to)})", palette.dim)
    elif row.type == "move-to":
        text.append(f"  (moved from line {_number(row.moved_from)})", palette.dim)


def side_text(row: DiffRow, side: str, palette: Palette, color: bool) -> Text:
    """One side (``"old"`` or ``"new"``) of a row, changed words emphasised or marked."""
    text = Text(no_wrap=False, overflow="fold")
    if row.type == "context":
        text.append(row.spans[0][1] if row.spans else "")
        return text
    # A deleted or added line is coloured as a whole; one with "=" spans is part of a split
    # or merge, and only its really new (or really removed) words are emphasised.
    whole = row.type in ("delete", "add") and all(op != "=" for op, _ in row.spans)
    line_style = palette.deleted_line if side == "old" else palette.added_line
    if row.type in ("move-from", "move-to"):
        line_style = palette.moved
    word_style = palette.deleted_word if side == "old" else palette.added_word
    changed_op = "-" if side == "old" else "+"
    for op, chunk in row.spans:
        if op == "=":
            text.append(chunk, line_style)
        elif op == changed_op:
            if whole:
                text.append(chunk, line_style)
            elif color:
                text.append(chunk, word_style)
            else:
                text.append(f"[-{chunk}-]" if op == "-" else f"{{+{chunk}+}}")
    if row.type == ("move-from" if side == "old" else "move-to"):
        _append_move_note(text, row, palette)
    return text


def inline_text(row: DiffRow, palette: Palette, color: bool) -> Text:
    """A row on one line: deleted and added words both shown, in place."""
    if row.type in ("context", "delete", "add"):
        return side_text(row, "new" if row.type == "add" else "old", palette, color)
    text = Text(no_wrap=False, overflow="fold")
    base = palette.moved if row.type.startswith("move") else ""
    for op, chunk in row.spans:
        if op == "=":
            text.append(chunk, base)
        elif color:
            text.append(chunk, palette.deleted_word if op == "-" else palette.added_word)
        else:
            text.append(f"[-{chunk}-]" if op == "-" else f"{{+{chunk}+}}")
    _append_move_note(text, row, palette)
    return text


def _hunk_title(hunk: Hunk, palette: Palette, arrow: str) -> Text:
    title = Text()
    title.append(f"Line {hunk.old_line:,}{arrow}Line {hunk.new_line:,}", palette.hunk)
    if hunk.section:
        title.append(f"  § {hunk.section}", palette.section)
    return title


def side_by_side(
    result: DiffResult, width: int, *, color: bool = True, palette: Palette | None = None
) -> RenderableType:
    """The hunks as the wiki's two columns, wrapped to ``width`` cells."""
    palette = palette or (COLOR if color else PLAIN)
    if result.identical or not result.hunks:
        return Text("(No difference)", palette.dim)
    digits = _digits(result)
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(justify="right", width=digits, style=palette.line_number)
    table.add_column(width=1)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(justify="right", width=digits, style=palette.line_number)
    table.add_column(width=1)
    table.add_column(ratio=1, overflow="fold")
    for number, hunk in enumerate(result.hunks):
        if number:
            table.add_row()
        left = Text(f"Line {hunk.old_line:,}:", palette.hunk)
        right = Text(f"Line {hunk.new_line:,}:", palette.hunk)
        if hunk.section:
            left.append(f"  § {hunk.section}", palette.section)
        table.add_row("", "", left, "", "", right)
        for row in hunk.rows:
            old_mark, new_mark = _MARKERS[row.type]
            old_style = palette.moved if row.type == "move-from" else palette.deleted_line
            new_style = palette.moved if row.type == "move-to" else palette.added_line
            table.add_row(
                _number(row.old_line),
                Text(old_mark, old_style),
                side_text(row, "old", palette, color) if row.old_line is not None else "",
                _number(row.new_line),
                Text(new_mark, new_style),
                side_text(row, "new", palette, color) if row.new_line is not None else "",
            )
    return table


def inline(
    result: DiffResult, width: int, *, color: bool = True, palette: Palette | None = None
) -> RenderableType:
    """The hunks in one column, deleted and added words in place (``width`` cells wide)."""
    palette = palette or (COLOR if color else PLAIN)
    if result.identical or not result.hunks:
        return Text("(No difference)", palette.dim)
    digits = _digits(result)
    markers = {
        "context": " ",
        "delete": "-",
        "add": "+",
        "change": "~",
        "move-from": "<",
        "move-to": ">",
    }
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=1)
    table.add_column(justify="right", width=digits, style=palette.line_number)
    table.add_column(justify="right", width=digits, style=palette.line_number)
    table.add_column(ratio=1, overflow="fold")
    styles = {
        "delete": palette.deleted_line,
        "add": palette.added_line,
        "move-from": palette.moved,
        "move-to": palette.moved,
    }
    for number, hunk in enumerate(result.hunks):
        if number:
            table.add_row()
        table.add_row("", "", "", _hunk_title(hunk, palette, " → "))
        for row in hunk.rows:
            table.add_row(
                Text(markers[row.type], styles.get(row.type, "")),
                _number(row.old_line),
                _number(row.new_line),
                inline_text(row, palette, color),
            )
    return table


def _revision_lines(info: Info, palette: Palette, empty: str) -> list[Text]:
    """The wiki's header block for one revision."""
    if info is None:
        return [Text(empty, palette.dim)]
    if "path" in info and "rev_id" not in info:
        lines = [Text(str(info["path"]), palette.title)]
        if info.get("size") is not None:
            lines.append(Text(f"{info['size']:,} bytes", palette.dim))
        return lines
    title = Text()
    timestamp = info.get("timestamp")
    when = str(timestamp).replace("T", " ").replace("Z", " UTC") if timestamp else "unknown time"
    title.append(f"Revision as of {when}", palette.title)
    if info.get("rev_id") is not None:
        title.append(f"  #{info['rev_id']}", palette.dim)
    lines = [title]
    user = info.get("user")
    lines.append(Text(user if user is not None else "(username removed)", palette.section))
    summary = Text()
    if info.get("minor"):
        summary.append("m ", "bold")
    comment = info.get("comment")
    summary.append(
        f"({comment})" if comment else "(no edit summary)", "" if comment else palette.dim
    )
    lines.append(summary)
    size = Text()
    if info.get("size") is not None:
        size.append(f"{info['size']:,} bytes", palette.dim)
    delta = info.get("delta")
    if delta is not None:
        style = palette.positive if delta > 0 else palette.negative if delta < 0 else palette.dim
        size.append(f" ({_signed(delta)})", style)
    if size:
        lines.append(size)
    tags = info.get("tags") or []
    if tags:
        lines.append(Text("Tags: " + ", ".join(tags), palette.dim))
    if info.get("text_hidden"):
        lines.append(Text("(text hidden)", palette.note))
    return lines


def intermediate_note(count: int, users: int) -> str:
    """The wiki's line for non-adjacent revisions (empty when adjacent)."""
    if count <= 0:
        return ""
    revisions = "revision" if count == 1 else "revisions"
    people = "user" if users == 1 else "users"
    return f"({count:,} intermediate {revisions} by {users:,} {people} not shown)"


def stats_line(stats: DiffStats, palette: Palette) -> Text:
    """What changed, counted, on one line."""
    text = Text()
    text.append(f"+{stats.words_added:,} words", palette.positive)
    text.append(" ")
    text.append(f"−{stats.words_removed:,} words", palette.negative)
    text.append(f" · {_signed(stats.bytes_delta)} bytes", palette.dim)
    parts = []
    if stats.lines_changed:
        parts.append(f"{stats.lines_changed:,} changed")
    if stats.lines_added:
        parts.append(f"{stats.lines_added:,} added")
    if stats.lines_removed:
        parts.append(f"{stats.lines_removed:,} removed")
    if stats.paragraphs_moved:
        parts.append(f"{stats.paragraphs_moved:,} moved")
    if parts:
        text.append(" · lines: " + ", ".join(parts), palette.dim)
    return text


def revision_header(
    from_info: Info,
    to_info: Info,
    *,
    layout: str = "side-by-side",
    between: tuple[int, int] = (0, 0),
    color: bool = True,
    palette: Palette | None = None,
) -> RenderableType:
    """Both revisions' details, side by side or stacked, plus the intermediate-revisions line."""
    palette = palette or (COLOR if color else PLAIN)
    old = _revision_lines(from_info, palette, "(no previous revision: page created)")
    new = _revision_lines(to_info, palette, "(no revision)")
    parts: list[RenderableType] = []
    if layout == "side-by-side":
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1, overflow="fold")
        grid.add_column(ratio=1, overflow="fold")
        for index in range(max(len(old), len(new))):
            grid.add_row(
                old[index] if index < len(old) else "", new[index] if index < len(new) else ""
            )
        parts.append(grid)
    else:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=3)
        grid.add_column(ratio=1, overflow="fold")  # wrapped lines stay indented
        for marker, lines in (("---", old), ("+++", new)):
            for index, line in enumerate(lines):
                grid.add_row(Text(marker if index == 0 else "", palette.title), line)
        parts.append(grid)
    note = intermediate_note(*between)
    if note:
        parts.append(Text(note, palette.dim, justify="center"))
    return Group(*parts)


def notes_lines(notes: Iterable[str], palette: Palette) -> list[Text]:
    """The engine's notes (caps and fallbacks), one line each."""
    return [Text(f"note: {note}", palette.note) for note in notes]
