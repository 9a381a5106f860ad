"""The rows-to-be that the engine's steps hand on: line pairs before they become rows.

Pairing makes them from the line alignment, the move search turns some into moves, and the
last step turns them into :class:`~wikitui.diff.model.DiffRow` and counts them.
"""

from __future__ import annotations

from typing import Literal

from wikitui.diff.model import Span

ItemKind = Literal["=", "-", "+", "~", "<", ">"]


# A plain slotted class, not a dataclass: ``wikitui diff`` would pay about 8 ms at start-up
# to import ``dataclasses`` (see wikitui.diff.model).


class Item:
    """One row to be: ``=`` context, ``-`` deleted, ``+`` added, ``~`` changed,
    ``<`` moved away from here (old line), ``>`` moved here (new line)."""

    __slots__ = ("counts", "kind", "new", "old", "partner", "spans")

    def __init__(
        self,
        kind: ItemKind,
        old: int | None,  # 0-based line index
        new: int | None,
        partner: int | None = None,  # for moves: the line index on the other side
        spans: list[Span] | None = None,  # worked out already (lines of a split or merge)
        counts: tuple[int, int, int, int] | None = None,  # words +/-, chars +/- if not spans'
    ) -> None:
        self.kind = kind
        self.old = old
        self.new = new
        self.partner = partner
        self.spans = spans
        self.counts = counts
