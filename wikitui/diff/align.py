"""Aligning two sequences (of lines, or of words): which items are kept, which changed.

Items are mapped to single characters and diff-match-patch's Myers diff runs over the two
encoded strings, so its C-speed common prefix/suffix scans and its bisection do the work. The
result is then normalised the way GNU diff (and so wikidiff2's DiffEngine) does: runs of
changes are slid over identical neighbours so that they merge with other changes, or line up
with changes on the other side, or else sit as low as they can. This decides, for example,
which of two blank lines around an inserted paragraph is the inserted one.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch

BlockKind = Literal["copy", "change", "del", "add"]


@dataclass(frozen=True, slots=True)
class Block:
    """A run of the alignment: ``a[a0:a1]`` on the old side, ``b[b0:b1]`` on the new side."""

    kind: BlockKind
    a0: int
    a1: int
    b0: int
    b1: int


class _MinimalDiff(diff_match_patch):
    """diff-match-patch without its "half match" shortcut, which can give non-minimal diffs."""

    def diff_halfMatch(self, text1: str, text2: str) -> None:
        """Never take the shortcut: wikidiff2 always computes a true longest common subsequence."""
        return None


class Encoder:
    """Maps hashable items to single characters, consistently across calls."""

    def __init__(self) -> None:
        self.codes: dict[Hashable, str] = {}

    def encode(self, items: Sequence[Hashable]) -> str:
        """One character per item; equal items get equal characters."""
        codes = self.codes
        get = codes.get
        out = []
        for item in items:
            code = get(item)
            if code is None:
                number = len(codes) + 1
                if number >= 0xD800:  # skip the surrogate block: keep strings encodable
                    number += 0x800
                code = chr(number)
                codes[item] = code
            out.append(code)
        return "".join(out)


@dataclass(slots=True)
class Alignment:
    """Per-item change flags for both sides and whether the diff had to be cut short."""

    a_changed: list[bool]
    b_changed: list[bool]
    timed_out: bool = False


def align_encoded(a: str, b: str, timeout: float = 0.0) -> Alignment:
    """Align two encoded strings; ``timeout`` (seconds, 0 = none) bounds the Myers search."""
    engine = _MinimalDiff()
    engine.Diff_Timeout = timeout
    started = time.perf_counter()
    diffs = engine.diff_main(a, b, False)
    timed_out = timeout > 0 and time.perf_counter() - started >= timeout
    a_changed = [False] * len(a)
    b_changed = [False] * len(b)
    i = j = 0
    for op, text in diffs:
        size = len(text)
        if op == 0:
            i += size
            j += size
        elif op < 0:
            a_changed[i : i + size] = [True] * size
            i += size
        else:
            b_changed[j : j + size] = [True] * size
            j += size
    return Alignment(a_changed, b_changed, timed_out)


def align_lines(a: Sequence[str], b: Sequence[str], timeout: float = 0.0) -> Alignment:
    """Align two lists of lines. Lines found on one side only are set aside first.

    A line that does not occur at all on the other side cannot be part of the common
    subsequence, so (as wikidiff2 and GNU diff do) it is marked changed up front and the
    Myers search runs only over the lines the two sides share: much faster on big rewrites.
    """
    in_b = set(b)
    in_a = set(a)
    a_keep = [index for index, line in enumerate(a) if line in in_b]
    b_keep = [index for index, line in enumerate(b) if line in in_a]
    encoder = Encoder()
    sub = align_encoded(
        encoder.encode([a[i] for i in a_keep]), encoder.encode([b[j] for j in b_keep]), timeout
    )
    a_changed = [True] * len(a)
    b_changed = [True] * len(b)
    for position, index in enumerate(a_keep):
        a_changed[index] = sub.a_changed[position]
    for position, index in enumerate(b_keep):
        b_changed[index] = sub.b_changed[position]
    result = Alignment(a_changed, b_changed, sub.timed_out)
    shift_boundaries(a, result.a_changed, result.b_changed)
    shift_boundaries(b, result.b_changed, result.a_changed)
    return result


def _gaps(changed: Sequence[bool]) -> list[int]:
    """``gaps[u]``: how many changed items sit after the u-th unchanged item (0 = at start)."""
    gaps = [0]
    for flag in changed:
        if flag:
            gaps[-1] += 1
        else:
            gaps.append(0)
    return gaps


def shift_boundaries(
    items: Sequence[Hashable], changed: list[bool], other_changed: Sequence[bool]
) -> None:
    """Slide runs of changes over identical neighbours, in place (GNU diff's policy).

    Each run is first moved up as far as it goes (merging with changes above), then down as
    far as it goes (merging with changes below); it finally settles at the lowest place where
    it faces a run of changes on the other side, or at the very bottom if it never does.
    """
    size = len(items)
    if size == 0 or True not in changed:
        return
    gaps = _gaps(other_changed)
    i = 0
    unchanged_before = 0  # unchanged items before position i
    while True:
        # Find the next run of changes.
        try:
            next_change = changed.index(True, i)
        except ValueError:
            return
        unchanged_before += next_change - i
        start = next_change
        i = start + 1
        while i < size and changed[i]:
            i += 1
        u = unchanged_before  # unchanged items before `start`
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
            corresponding = i if u < len(gaps) and gaps[u] else size
            # Slide down while the item below equals the run's first item.
            while i < size and items[start] == items[i]:
                changed[start] = False
                start += 1
                changed[i] = True
                i += 1
                u += 1
                while i < size and changed[i]:
                    i += 1
                if u < len(gaps) and gaps[u]:
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


def blocks(a_changed: Sequence[bool], b_changed: Sequence[bool]) -> list[Block]:
    """Turn change flags into copy / change / del / add blocks, in order."""
    result: list[Block] = []
    n, m = len(a_changed), len(b_changed)
    i = j = 0
    while i < n or j < m:
        i0, j0 = i, j
        while i < n and j < m and not a_changed[i] and not b_changed[j]:
            i += 1
            j += 1
        if i > i0:
            result.append(Block("copy", i0, i, j0, j))
        i0, j0 = i, j
        while i < n and a_changed[i]:
            i += 1
        while j < m and b_changed[j]:
            j += 1
        if i > i0 and j > j0:
            result.append(Block("change", i0, i, j0, j))
        elif i > i0:
            result.append(Block("del", i0, i, j0, j))
        elif j > j0:
            result.append(Block("add", i0, i, j0, j))
        elif i == i0 and j == j0 and (i < n or j < m):  # pragma: no cover - defensive
            raise AssertionError("alignment flags are inconsistent")
    return result
