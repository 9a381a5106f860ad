"""Sliding runs of changes over identical neighbours, the way GNU diff and wikidiff2 do.

An alignment says which items changed; where a run of changes could sit in several places
(an inserted paragraph between two blank lines, a repeated word), this decides which.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import compress
from operator import not_

from wikitui.diff import compiled


class _Gaps:
    """Where the changes of one side sit between its unchanged items."""

    def __init__(self, changed: Sequence[bool]) -> None:
        self.size = len(changed)
        self.unchanged = list(compress(range(self.size), map(not_, changed)))

    def after(self, u: int) -> bool:
        """True if changed items follow the u-th unchanged item (u = 0: the start)."""
        unchanged = self.unchanged
        start = unchanged[u - 1] + 1 if u > 0 else 0
        end = unchanged[u] if u < len(unchanged) else self.size
        return end > start

    def more(self, u: int) -> bool:
        """True if there are unchanged items after the first u."""
        return u < len(self.unchanged)


def shift_boundaries(
    items: Sequence[Hashable], changed: list[bool], other_changed: Sequence[bool]
) -> None:
    """Slide runs of changes over identical neighbours, in place (GNU diff's policy).

    Each run is first moved up as far as it goes (merging with changes above), then down as
    far as it goes (merging with changes below); it finally settles at the lowest place where
    it faces a run of changes on the other side, or else back at the top (wikidiff2's
    variant of GNU diff's rule).
    """
    if compiled.speedups is not None and isinstance(items, str):
        compiled.speedups.shift_boundaries(items, changed, other_changed)
        return
    size = len(items)
    if size == 0 or True not in changed:
        return
    gaps: _Gaps | None = None
    i = 0
    unchanged_before = 0  # unchanged items before position i
    while True:
        # Find the next run of changes (list.index runs in C: most runs cannot slide).
        try:
            next_change = changed.index(True, i)
        except ValueError:
            return
        unchanged_before += next_change - i
        start = next_change
        try:
            i = changed.index(False, start + 1)
        except ValueError:
            i = size
        u = unchanged_before  # unchanged items before `start`
        if (start == 0 or items[start - 1] != items[i - 1]) and (
            i == size or items[start] != items[i]
        ):
            unchanged_before = u
            continue
        if gaps is None:
            gaps = _Gaps(other_changed)
        while True:
            run_length = i - start
            # Slide up while the item above equals the run's last item.
            while start > 0 and items[start - 1] == items[i - 1]:
                start -= 1
                changed[start] = True
                i -= 1
                changed[i] = False
                u -= 1
                while start > 0 and changed[start - 1]:
                    start -= 1
            # wikidiff2 (like MediaWiki's PHP DiffEngine) starts from the topmost place
            # whenever unchanged items follow on the other side; GNU diff would start from
            # the bottom. We follow wikidiff2: an inserted paragraph's blank line goes first.
            corresponding = i if gaps.more(u) else size
            # Slide down while the item below equals the run's first item.
            while i < size and items[start] == items[i]:
                changed[start] = False
                start += 1
                changed[i] = True
                i += 1
                u += 1
                while i < size and changed[i]:
                    i += 1
                if gaps.after(u):
                    corresponding = i
            if run_length == i - start:
                break
        # Go back up to the last place where the run faced changes on the other side.
        while corresponding < i:
            start -= 1
            changed[start] = True
            i -= 1
            changed[i] = False
            u -= 1
        # Continue after the run: the unchanged count up to i is u (run items are changed).
        unchanged_before = u
