"""The diff engine's result: rows of spans grouped into hunks, plus counts.

This is the contract between the engine, the CLI's three output forms and the app's DiffView.
It mirrors the public ``wikitui diff --json`` schema: a row's ``spans`` are ``(op, text)``
pairs with op ``=`` (both sides), ``-`` (old side only) or ``+`` (new side only); the old side
of a row is its ``=`` and ``-`` spans, the new side its ``=`` and ``+`` spans. Line texts carry
no newline.
"""

from __future__ import annotations

# ``typing`` is not imported at run time: ``wikitui diff`` would pay ~1.5 ms at every start.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, Literal, TypeAlias

SpanOp: TypeAlias = "Literal['=', '-', '+']"
RowType: TypeAlias = "Literal['context', 'add', 'delete', 'change', 'move-from', 'move-to']"
Span = tuple[SpanOp, str]


class _Record:
    """Equality, repr and a dict form from the ``_fields`` a record lists (its slots).

    The classes here are plain slotted classes rather than dataclasses: importing
    ``dataclasses`` (and with it ``inspect``, ``ast``, ``dis``...) costs about 8 ms at every
    start of ``wikitui diff``, a tenth of a whole small diff.
    """

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable records, compared by value
    _fields: ClassVar[tuple[str, ...]] = ()  # in order: repr, equality, dict form

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def as_dict(self) -> dict[str, Any]:
        """The fields by name, in order (like ``dataclasses.asdict`` for flat records)."""
        return {name: getattr(self, name) for name in self._fields}


class DiffRow(_Record):
    """One line of the diff: its type, its 1-based line numbers on each side, its spans.

    ``move-from`` rows stand at the paragraph's old place (``old_line`` set, ``moved_to`` = the
    new line it went to); ``move-to`` rows at its new place (``new_line`` set, ``moved_from``).
    """

    _fields = ("type", "old_line", "new_line", "spans", "moved_to", "moved_from")
    __slots__ = _fields
    type: RowType
    old_line: int | None
    new_line: int | None
    spans: list[Span]
    moved_to: int | None
    moved_from: int | None

    def __init__(
        self,
        type: RowType,
        old_line: int | None,
        new_line: int | None,
        spans: list[Span],
        moved_to: int | None = None,
        moved_from: int | None = None,
    ) -> None:
        self.type = type
        self.old_line = old_line
        self.new_line = new_line
        self.spans = spans
        self.moved_to = moved_to
        self.moved_from = moved_from

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


class Hunk(_Record):
    """A run of changed rows with their context: the wiki's "Line N:" block."""

    _fields = ("old_line", "new_line", "section", "rows")
    __slots__ = _fields
    old_line: int
    new_line: int
    section: str | None
    rows: list[DiffRow]

    def __init__(
        self, old_line: int, new_line: int, section: str | None, rows: list[DiffRow] | None = None
    ) -> None:
        self.old_line = old_line
        self.new_line = new_line
        self.section = section
        self.rows = [] if rows is None else rows


class DiffStats(_Record):
    """What changed, counted."""

    _fields = (
        "words_added",
        "words_removed",
        "chars_added",
        "chars_removed",
        "bytes_delta",
        "lines_added",
        "lines_removed",
        "lines_changed",
        "paragraphs_moved",
    )
    __slots__ = _fields
    words_added: int
    words_removed: int
    chars_added: int
    chars_removed: int
    bytes_delta: int
    lines_added: int
    lines_removed: int
    lines_changed: int
    paragraphs_moved: int

    def __init__(
        self,
        words_added: int = 0,
        words_removed: int = 0,
        chars_added: int = 0,
        chars_removed: int = 0,
        bytes_delta: int = 0,
        lines_added: int = 0,
        lines_removed: int = 0,
        lines_changed: int = 0,
        paragraphs_moved: int = 0,
    ) -> None:
        self.words_added = words_added
        self.words_removed = words_removed
        self.chars_added = chars_added
        self.chars_removed = chars_removed
        self.bytes_delta = bytes_delta
        self.lines_added = lines_added
        self.lines_removed = lines_removed
        self.lines_changed = lines_changed
        self.paragraphs_moved = paragraphs_moved


class DiffResult(_Record):
    """A whole diff. ``notes`` says when the engine capped or fell back (as wikidiff2 does)."""

    _fields = ("hunks", "stats", "identical", "notes")
    __slots__ = _fields
    hunks: list[Hunk]
    stats: DiffStats
    identical: bool
    notes: list[str]

    def __init__(
        self,
        hunks: list[Hunk],
        stats: DiffStats,
        identical: bool = False,
        notes: list[str] | None = None,
    ) -> None:
        self.hunks = hunks
        self.stats = stats
        self.identical = identical
        self.notes = [] if notes is None else notes
