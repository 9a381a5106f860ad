"""Caps applied before a diff, so a hostile or broken text cannot stall the diff or its layout.

wikidiff2 keeps big inputs fast with limits and falls back to something simpler when they are
exceeded (a changed line pair too complex for a word-level diff is shown as wholly replaced).
Here the same idea applies to line length: a line of megabytes (a whole article saved without
line breaks, a pasted data blob) would take minutes to wrap into a diff table and is unreadable
in it anyway. Such a line is cut to :data:`MAX_LINE_CHARS` characters before the diff, and a
note in :attr:`~wikitui.diff.model.DiffResult.notes` says which lines were cut and how long
they were.
"""

from __future__ import annotations

MAX_LINE_CHARS = 250_000
ELLIPSIS = " …"


def cap_long_lines(text: str, side: str, notes: list[str]) -> str:
    """``text`` with every line longer than :data:`MAX_LINE_CHARS` cut there (and a note)."""
    if len(text) <= MAX_LINE_CHARS:
        return text  # no line can be too long: the common case costs one comparison
    lines = text.split("\n")
    cut = [
        (number, len(line)) for number, line in enumerate(lines, 1) if len(line) > MAX_LINE_CHARS
    ]
    if not cut:
        return text
    for number, _ in cut:
        lines[number - 1] = lines[number - 1][:MAX_LINE_CHARS] + ELLIPSIS
    first, length = cut[0]
    more = f" and {len(cut) - 1} more" if len(cut) > 1 else ""
    notes.append(
        f"{side} line {first}{more} too long ({length:,} characters): only the first"
        f" {MAX_LINE_CHARS:,} characters of each are compared and shown"
    )
    return "\n".join(lines)
