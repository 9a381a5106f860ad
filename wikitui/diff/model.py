"""The diff engine's result: rows of spans grouped into hunks, plus counts.

This is the contract between the engine, the CLI's three output forms and the app's DiffView.
It mirrors the public ``wikitui diff --json`` schema: a row's ``spans`` are ``(op, text)``
pairs with op ``=`` (both sides), ``-`` (old side only) or ``+`` (new side only); the old side
of a row is its ``=`` and ``-`` spans, the new side its ``=`` and ``+`` spans. Line texts carry
no newline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SpanOp = Literal["=", "-", "+"]
RowType = Literal["context", "add", "delete", "change", "move-from", "move-to"]
Span = tuple[SpanOp, str]


@dataclass(slots=True)
class DiffRow:
    """One line of the diff: its type, its 1-based line numbers on each side, its spans.

    ``move-from`` rows stand at the paragraph's old place (``old_line`` set, ``moved_to`` = the
    new line it went to); ``move-to`` rows at its new place (``new_line`` set, ``moved_from``).
    """

    type: RowType
    old_line: int | None
    new_line: int | None
    spans: list[Span]
    moved_to: int | None = None
    moved_from: int | None = None

    def old_text(self) -> str | None:
        """The old side of the row, or None when the row has no old line."""
        if self.old_line is None:
            return None
        return "".join(text for op, text in self.spans if op != "+")

    def new_text(self) -> str | None:
        """The new side of the row, or None when the row has no new line."""
        if self.new_line is None:
            return None
        return "".join(text for op, text in self.spans if op != "-")


@dataclass(slots=True)
class Hunk:
    """A run of changed rows with their context: the wiki's "Line N:" block."""

    old_line: int
    new_line: int
    section: str | None
    rows: list[DiffRow] = field(default_factory=list)


@dataclass(slots=True)
class DiffStats:
    """What changed, counted."""

    words_added: int = 0
    words_removed: int = 0
    chars_added: int = 0
    chars_removed: int = 0
    bytes_delta: int = 0
    lines_added: int = 0
    lines_removed: int = 0
    lines_changed: int = 0
    paragraphs_moved: int = 0


@dataclass(slots=True)
class DiffResult:
    """A whole diff. ``notes`` says when the engine capped or fell back (as wikidiff2 does)."""

    hunks: list[Hunk]
    stats: DiffStats
    identical: bool = False
    notes: list[str] = field(default_factory=list)
