"""The last step: items become rows, rows are grouped into hunks, and the changes counted.

Each hunk keeps ``context`` unchanged rows around its changes and is labelled with the
section its first change falls in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikitui.diff.items import Item
from wikitui.diff.model import DiffRow, DiffStats, Hunk, Span
from wikitui.diff.similarity import Lines
from wikitui.diff.spans import span_counts
from wikitui.diff.tokens import utf8_size

if TYPE_CHECKING:
    from wikitui.sections import SectionIndex


def row(lines: Lines, item: Item) -> DiffRow:
    """The public row for one item."""
    kind = item.kind
    if kind == "=":
        assert item.old is not None and item.new is not None
        line = lines.old[item.old]
        return DiffRow("context", item.old + 1, item.new + 1, [("=", line)] if line else [])
    if kind == "-":
        assert item.old is not None
        line = lines.old[item.old]
        spans: list[Span] = [("-", line)] if line else []
        return DiffRow("delete", item.old + 1, None, item.spans or spans)
    if kind == "+":
        assert item.new is not None
        line = lines.new[item.new]
        spans = [("+", line)] if line else []
        return DiffRow("add", None, item.new + 1, item.spans or spans)
    if kind == "~":
        assert item.old is not None and item.new is not None
        if item.spans is None:
            diff = lines.word_diff(item.old, item.new)
            spans = list(diff.spans)
            if item.counts is None:
                item.counts = diff.counts()
        else:
            spans = item.spans
        return DiffRow("change", item.old + 1, item.new + 1, spans)
    if kind == "<":
        assert item.old is not None and item.partner is not None
        diff = lines.word_diff(item.old, item.partner)
        spans = diff.spans
        if item.counts is None:
            item.counts = diff.counts()
        return DiffRow("move-from", item.old + 1, None, list(spans), moved_to=item.partner + 1)
    assert item.new is not None and item.partner is not None
    spans = lines.word_diff(item.partner, item.new).spans
    return DiffRow("move-to", None, item.new + 1, list(spans), moved_from=item.partner + 1)


def hunks(rows: list[DiffRow], context: int | None, old_text: str, new_text: str) -> list[Hunk]:
    """Group rows into hunks with ``context`` unchanged rows around changes (None = all)."""
    if not rows:
        return []
    # Line numbers each row would be "at" on each side, for hunk headers.
    old_at: list[int] = []
    new_at: list[int] = []
    old_next = new_next = 1
    for row in rows:
        old_at.append(row.old_line or old_next)
        new_at.append(row.new_line or new_next)
        if row.old_line is not None:
            old_next = row.old_line + 1
        if row.new_line is not None:
            new_next = row.new_line + 1
    changed = [index for index, row in enumerate(rows) if row.type != "context"]
    if context is None:
        ranges = [(0, len(rows))]
    else:
        if not changed:
            return []
        context = max(context, 0)
        ranges = []
        for index in changed:
            start, end = max(index - context, 0), min(index + context + 1, len(rows))
            if ranges and start <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
    sections = _SectionLabels(old_text, new_text)
    hunks: list[Hunk] = []
    for start, end in ranges:
        first_change = next(
            (index for index in range(start, end) if rows[index].type != "context"), start
        )
        row = rows[first_change]
        if row.new_line is not None:
            section = sections.new(row.new_line)
        else:
            section = sections.old(old_at[first_change])
        hunks.append(Hunk(old_at[start], new_at[start], section, rows[start:end]))
    return hunks


class _SectionLabels:
    """Section paths by line number, on either side, built only when first asked."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self._texts = (old_text, new_text)
        self._indexes: dict[int, SectionIndex] = {}

    def _label(self, side: int, line: int) -> str | None:
        index = self._indexes.get(side)
        if index is None:
            # Imported here: a diff without hunks (identical texts) never needs it.
            from wikitui.sections import SectionIndex

            index = self._indexes[side] = SectionIndex(self._texts[side])
        return index.label_at(line)

    def old(self, line: int) -> str | None:
        return self._label(0, line)

    def new(self, line: int) -> str | None:
        return self._label(1, line)


def count_changes(items: list[Item], rows: list[DiffRow], old: str, new: str) -> DiffStats:
    """The diff's statistics: lines and words added, removed, changed; moves; byte change."""
    stats = DiffStats()
    stats.bytes_delta = utf8_size(new) - utf8_size(old)
    for item, row in zip(items, rows, strict=True):
        kind = row.type
        if kind == "context":
            continue
        if kind == "move-to":
            continue  # a move is counted once, at its old place
        if kind == "add":
            stats.lines_added += 1
        elif kind == "delete":
            stats.lines_removed += 1
        elif kind == "change":
            stats.lines_changed += 1
        else:
            stats.paragraphs_moved += 1
        counts = item.counts if item.counts is not None else span_counts(row.spans)
        stats.words_added += counts[0]
        stats.words_removed += counts[1]
        stats.chars_added += counts[2]
        stats.chars_removed += counts[3]
    return stats
