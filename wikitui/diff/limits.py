"""Caps applied before a diff, so a hostile or broken text cannot stall the diff or its layout.

wikidiff2 keeps big inputs fast with limits and falls back to something simpler when they are
exceeded (a changed line pair too complex for a word-level diff is shown as wholly replaced).
Here the same idea applies to line length: a line of megabytes (a whole article saved without
line breaks, a pasted data blob) would take minutes to wrap into a diff table and is unreadable
in it anyway. Before the diff, a line longer than :data:`MAX_LINE_CHARS` keeps only the part
where the two texts differ, with :data:`MARGIN` characters of context on each side (cut to
:data:`MAX_LINE_CHARS` if that is still longer); what is left out is shown as ``…``, and a
note in :attr:`~wikitui.diff.model.DiffResult.notes` says which lines were cut and how long
they were. Lines where nothing changed are cut to their start.
"""

from __future__ import annotations

MAX_LINE_CHARS = 250_000
MARGIN = 2_000
ELLIPSIS = "…"


def cap_long_lines(old: str, new: str) -> tuple[str, str, list[str]]:
    """``old`` and ``new`` with over-long lines cut around their changes, and the notes."""
    if len(old) <= MAX_LINE_CHARS and len(new) <= MAX_LINE_CHARS:
        return old, new, []  # no line can be too long: the common case costs two comparisons
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, prefix)
    notes: list[str] = []
    old = _cap_side(old, prefix, len(old) - suffix, "old", notes)
    new = _cap_side(new, prefix, len(new) - suffix, "new", notes)
    return old, new, notes


def _cap_side(text: str, start: int, end: int, side: str, notes: list[str]) -> str:
    """Cut this side's long lines; its changed region is ``text[start:end]``."""
    if len(text) <= MAX_LINE_CHARS:
        return text
    pieces: list[str] = []
    cut: list[tuple[int, int]] = []
    position = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        if len(line) <= MAX_LINE_CHARS:
            pieces.append(line)
            continue
        cut.append((number, len(line)))
        keep_from = max(line_start, min(start, line_end) - MARGIN)
        keep_to = min(line_end, max(end, line_start) + MARGIN)
        if keep_to <= keep_from or line_end < start or line_start > end:
            keep_from, keep_to = line_start, line_start  # unchanged: its start is enough
        keep_to = min(keep_to, keep_from + MAX_LINE_CHARS)
        if keep_to == keep_from:
            keep_to = min(line_end, keep_from + MARGIN)
        kept = text[keep_from:keep_to]
        before = ELLIPSIS + " " if keep_from > line_start else ""
        after = " " + ELLIPSIS if keep_to < line_end else ""
        pieces.append(before + kept + after)
    if cut:
        first, length = cut[0]
        more = f" (and {len(cut) - 1} more)" if len(cut) > 1 else ""
        notes.append(
            f"{side} line {first}{more} is too long to show ({length:,} characters): only the"
            f" part around the changes is compared and shown, at most {MAX_LINE_CHARS:,}"
            " characters (… marks what is left out)"
        )
    return "\n".join(pieces)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (each step one C-speed slice comparison)."""
    low, high = 0, min(len(a), len(b))
    if a[:high] == b[:high]:
        return high
    while low < high:  # invariant: a[:low] == b[:low] and a[:high] != b[:high]
        middle = (low + high + 1) // 2
        if middle == high:
            break
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle
    return low


def _common_suffix(a: str, b: str, prefix: int) -> int:
    """Length of the common suffix that does not overlap the common prefix."""
    limit = min(len(a), len(b)) - prefix
    low, high = 0, limit
    if a[len(a) - high :] == b[len(b) - high :]:
        return high
    while low < high:  # invariant: the last ``low`` chars match, the last ``high`` do not
        middle = (low + high + 1) // 2
        if middle == high:
            break
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle
    return low
