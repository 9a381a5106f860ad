"""A diff row's text: its chunks, and where its visual lines break, found on the plain string.

Laying out a long diff used to build a rich :class:`Text` for every row and wrap it, and that
cost more than the diff itself. Here a row side is first a :class:`SideText` (its chunks, its
plain string and where its changed words are); :func:`wrap_offsets` finds the line breaks on
the plain string exactly as rich's ``Text.wrap`` does (a fast path for printable ASCII, rich's
own ``divide_line`` otherwise), so the layout knows each row's height and which of its lines
show changed words without any rich work. The :class:`Text` pieces are made only for the rows
that are drawn (:meth:`SideText.pieces`).

Pure rich code (no Textual).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from rich._wrap import divide_line
from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.style import Style
from rich.text import Text

from wikitui.diff.model import DiffRow
from wikitui.present.diff_styles import LINE_ROLES, StyleLookup, emphasises_words
from wikitui.present.visible import visible_text

# Changed words carry this meta in their style, so the rows that hold them are found whatever
# colours a theme gives them.
CHANGE_META = Style.from_meta({"wikitui-change": True})

_WORD = re.compile(r"[^ ]+ *")
_FIRST_WORD = re.compile(r" *[^ ]+ *")
_NON_SPACE = re.compile(r"[^ ]")


# Printable characters one cell wide in every script up to Cyrillic (ASCII, Latin-1, Latin
# Extended, IPA, Greek, Cyrillic): most wikitext is made of these alone, and one C-speed match
# says so where asking rich about each distinct character took a sixth of a long diff's layout.
# (tests/test_present_diff_wrap.py checks each of them against rich and str.isprintable.)
_ONE_CELL_RUN = re.compile(
    "[ -~\xa1-\xac\xae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c"
    "\u038e-\u03a1\u03a3-\u0482\u048a-\u052f]*"
)


def _one_cell_each(plain: str) -> bool:
    """True when every character of ``plain`` is printable and one cell wide."""
    if _ONE_CELL_RUN.fullmatch(plain) is not None:
        return True
    if not plain.isprintable():
        return False
    return plain.isascii() or all(get_character_cell_size(char) == 1 for char in set(plain))


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern[str]:
    """The longest run from a line's start ending with a whole word within ``width`` cells,
    with the spaces after it."""
    return re.compile(rf".{{0,{width - 1}}}[^ ](?= |$) *")


def wrap_offsets(plain: str, width: int) -> list[int]:
    """Where ``Text.wrap(width, overflow="fold")`` breaks a one-line ``plain`` string: rich's
    ``divide_line``, computed with regular expressions when every character is printable and
    one cell wide (so spaces are the only white space)."""
    width = max(width, 1)
    size = len(plain)
    if size <= width and plain.isascii() and plain.isprintable():
        return []
    if not _one_cell_each(plain):
        return [] if cell_len(plain) <= width else divide_line(plain, width, fold=True)
    if size <= width:
        return []
    pattern = _line_pattern(width)
    offsets: list[int] = []
    start = 0  # where the current line starts
    while True:
        line = pattern.match(plain, start)
        if line is not None:
            end = line.end()
            if end >= size:
                return offsets
            offsets.append(end)
            start = end
            continue
        # No word ends on this line: a word longer than the line is folded across lines,
        # starting on a line of its own (the text's first word keeps its leading spaces).
        if start == 0:
            word = _FIRST_WORD.match(plain, 0)
        else:
            first = _NON_SPACE.search(plain, start)
            if first is None:
                return offsets  # only spaces left
            if first.start() > start:
                offsets.append(first.start())
            word = _WORD.match(plain, first.start())
        if word is None:
            return offsets
        start, end = word.start(), word.end()
        if len(word.group().rstrip(" ")) <= width:
            continue  # it fits a line of its own (after spaces left by a folded word)
        while end - start > width:
            start += width
            offsets.append(start)


def _chunk(chunk: str, op: str, role: str | None, *, marks: bool) -> tuple[str, str | None, bool]:
    """One span of a row: plain, emphasised (``role``), or marked without colour."""
    chunk = visible_text(chunk)
    if role is None:
        return chunk, None, False
    if marks:
        return (f"[-{chunk}-]" if op == "-" else f"{{+{chunk}+}}"), None, True
    return chunk, role, True


def side_parts(row: DiffRow, side: str, *, marks: bool = False) -> SideText:
    """One side of a row (``-`` old, ``+`` new), its changed words emphasised (``marks``:
    marked ``[-…-]``/``{+…+}`` instead, for no colour)."""
    line_role = LINE_ROLES[row.type][0 if side == "-" else 1]
    word_role = "diff--deleted-word" if side == "-" else "diff--added-word"
    emphasise = emphasises_words(row)
    chunks = [
        _chunk(chunk, op, None if op == "=" else word_role if emphasise else None, marks=marks)
        for op, chunk in row.spans
        if op in ("=", side)
    ]
    return SideText.build(line_role, chunks)


def inline_parts(row: DiffRow, *, marks: bool = False) -> SideText:
    """A row in one column: deleted and added words both shown, in place."""
    if row.type in ("context", "add", "delete"):
        return side_parts(row, "+" if row.type == "add" else "-", marks=marks)
    # A moved paragraph shows as two rows, each end with its own side's words.
    keep = {"move-from": "-", "move-to": "+"}.get(row.type)
    chunks = [
        _chunk(chunk, op, None if op == "=" else _WORD_ROLES[op], marks=marks)
        for op, chunk in row.spans
        if op == "=" or keep is None or op == keep
    ]
    return SideText.build("diff--moved" if keep else "diff--context", chunks)


_WORD_ROLES = {"-": "diff--deleted-word", "+": "diff--added-word"}


@dataclass(slots=True)
class SideText:
    """One side of a diff row (or one note) before it is a :class:`Text`: its chunks, each
    with the role that emphasises it (None: plain), and the character ranges of changed
    words."""

    role: str | None
    chunks: list[tuple[str, str | None, bool]]  # text, emphasis role, is a change
    plain: str
    changes: list[tuple[int, int]]

    @classmethod
    def build(cls, role: str | None, chunks: list[tuple[str, str | None, bool]]) -> SideText:
        changes: list[tuple[int, int]] = []
        at = 0
        for text, _, changed in chunks:
            if changed and text:
                changes.append((at, at + len(text)))
            at += len(text)
        return cls(role, chunks, "".join(text for text, _, _ in chunks), changes)

    def text(self, styles: StyleLookup) -> Text:
        """The whole side as one :class:`Text` in ``styles``."""
        text = Text(style=styles(self.role) if self.role else "")
        for chunk, role, changed in self.chunks:
            if not changed:
                text.append(chunk)
            elif role is None:
                text.append(chunk, CHANGE_META)
            else:
                text.append(chunk, styles(role) + CHANGE_META)
        return text

    def breaks(self, width: int) -> list[int] | None:
        """The line breaks at ``width`` (None: a text with line feeds or tabs, wrapped by rich
        itself)."""
        if "\n" in self.plain or "\t" in self.plain:
            return None
        return wrap_offsets(self.plain, width)

    def pieces(self, styles: StyleLookup, width: int, breaks: list[int] | None) -> list[Text]:
        """The wrapped lines, as ``Text.wrap`` makes them (words longer than a line folded)."""
        text = self.text(styles)
        if not self.plain:
            return [text]
        width = max(width, 1)
        if breaks is None:
            return list(text.wrap(_CONSOLE, width, overflow="fold", tab_size=4)) or [text]
        lines = list(text.divide(breaks)) if breaks else [text]
        for line in lines:
            line.rstrip_end(width)
            line.truncate(width, overflow="fold")
        return lines

    def changed_lines(self, width: int, breaks: list[int] | None, count: int) -> list[bool]:
        """For each of ``count`` wrapped lines: does it show changed words?"""
        if not self.changes:
            return [False] * count
        if breaks is None or not _one_cell_each(self.plain):  # cells are not characters
            return [
                any(isinstance(s.style, Style) and s.style.meta for s in piece.spans)
                for piece in self.pieces(lambda role: Style.null(), width, breaks)
            ]
        bounds = [0, *breaks, len(self.plain)]
        flags = [False] * count
        for a, b in self.changes:
            # The lines the change's characters fall on...
            first, last = bisect.bisect_right(breaks, a), bisect.bisect_right(breaks, b - 1)
            for line in range(first, last + 1):
                if flags[line]:
                    continue
                start, end = bounds[line], bounds[line + 1]
                # ...less the spaces past the width at a line's end, which are cropped.
                excess = end - start - width
                if excess > 0:
                    piece = self.plain[start:end]
                    end -= min(len(piece) - len(piece.rstrip()), excess)
                flags[line] = a < end and b > start
        return flags


_CONSOLE = Console(width=80)  # Text.wrap needs a console; wrapping does not depend on it


__all__ = ["CHANGE_META", "SideText", "inline_parts", "side_parts", "wrap_offsets"]
