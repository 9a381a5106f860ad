"""Aligning two sequences (of lines, or of words): which items are kept, which changed.

Items are mapped to single characters (:class:`Encoder`) so that string operations do the
scanning: common starts and ends are cut off, a long common run splits the middle in two,
and the rest goes to a bit-parallel longest common subsequence (compiled in
:mod:`wikitui.diff.compiled` when built), or for middles too big for it to diff-match-patch's
Myers search. Lines first go through wikidiff2's own search (:mod:`wikitui.diff.line_lcs`),
which picks among equally long alignments as wikidiff2 does. Runs of changes are then slid
into place as GNU diff and wikidiff2 slide them (:mod:`wikitui.diff.boundaries`).
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from typing import Literal, NamedTuple

from diff_match_patch import diff_match_patch

from wikitui.diff import compiled
from wikitui.diff.boundaries import shift_boundaries
from wikitui.diff.line_lcs import MAX_WIKIDIFF2_SEARCH, Wikidiff2Lcs, search_cost

BlockKind = Literal["copy", "change", "del", "add"]

#: Largest len(a) x len(b) middle handed to the bit-parallel LCS (it keeps one column of
#: len(a) bits per item of b: 64 M cells is 8 MB).
MAX_BIT_PARALLEL = 64_000_000


class Block(NamedTuple):
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


_DMP = _MinimalDiff()
_HALF_MATCH = diff_match_patch()
_HALF_MATCH.Diff_Timeout = 1.0  # half matches are only looked for when there is a time limit


class _Codes(dict[Hashable, str]):
    """Item -> code; an item seen for the first time gets the next code as it is looked up."""

    __slots__ = ()

    def __missing__(self, item: Hashable) -> str:
        number = len(self) + 1
        if number >= 0xD800:  # skip the surrogate block: keep strings encodable
            number += 0x800
        code = self[item] = chr(number)
        return code


class Encoder:
    """Maps hashable items to single characters, consistently across calls."""

    def __init__(self) -> None:
        self.codes: dict[Hashable, str] = _Codes()

    def encode(self, items: Sequence[Hashable]) -> str:
        """One character per item; equal items get equal characters."""
        if compiled.speedups is not None:
            return compiled.speedups.encode(items, self.codes)
        # Known items are looked up in C (map over dict.__getitem__); only new ones call
        # back into Python, through __missing__. Codes are numbered in order of first sight.
        return "".join(map(self.codes.__getitem__, items))


class Alignment(NamedTuple):
    """Per-item change flags for both sides and whether the diff had to be cut short."""

    a_changed: list[bool]
    b_changed: list[bool]
    timed_out: bool = False


def align_encoded(a: str, b: str, timeout: float = 0.0) -> Alignment:
    """Align two encoded strings: an exact longest common subsequence, whichever way is faster.

    After the common start and end are cut off (C-speed string scans), the middle goes to a
    bit-parallel LCS, whose cost does not grow with the number of differences; a middle too
    big for it goes to diff-match-patch's Myers search. ``timeout`` (seconds, 0 = none) bounds the
    Myers search; when it runs out, its coarser answer stands (``timed_out``).
    """
    n, m = len(a), len(b)
    prefix = _DMP.diff_commonPrefix(a, b)
    suffix = _DMP.diff_commonSuffix(a[prefix:], b[prefix:])
    a_changed = [False] * n
    b_changed = [False] * m
    mid_a, mid_b = a[prefix : n - suffix], b[prefix : m - suffix]
    if not mid_a or not mid_b:
        a_changed[prefix : n - suffix] = [True] * len(mid_a)
        b_changed[prefix : m - suffix] = [True] * len(mid_b)
        return Alignment(a_changed, b_changed)
    size = len(mid_a) * len(mid_b)
    # Measured on real and generated revisions, the bit-parallel LCS beats diff-match-patch's
    # Python Myers search almost always once the common ends are cut off; Myers is kept for
    # middles too big to hold the bit-parallel table.
    timed_out = False
    if size > MAX_BIT_PARALLEL:
        flags, timed_out = _myers(mid_a, mid_b, timeout)
    else:
        flags = _split_at_common_run(mid_a, mid_b)
    a_changed[prefix : n - suffix], b_changed[prefix : m - suffix] = flags
    return Alignment(a_changed, b_changed, timed_out)


def _split_at_common_run(a: str, b: str) -> tuple[list[bool], list[bool]]:
    """Bit-parallel LCS, first split around a common run at least half as long as the longer.

    Two edits far apart in a long paragraph leave a long unchanged stretch between them;
    aligning that stretch first (diff-match-patch's "half match", C-speed string searches)
    leaves two small problems instead of one big one.
    """
    if min(len(a), len(b)) > 64:
        half = diff_match_patch.diff_halfMatch(_HALF_MATCH, a, b)
        if half is not None:
            a_start, a_end, b_start, b_end, common = half
            start = (
                _split_at_common_run(a_start, b_start)
                if a_start and b_start
                else (
                    [True] * len(a_start),
                    [True] * len(b_start),
                )
            )
            end = (
                _split_at_common_run(a_end, b_end)
                if a_end and b_end
                else (
                    [True] * len(a_end),
                    [True] * len(b_end),
                )
            )
            keep = [False] * len(common)
            return start[0] + keep + end[0], start[1] + keep + end[1]
    return _bit_parallel_lcs_leftmost(a, b)


def _myers(a: str, b: str, timeout: float) -> tuple[tuple[list[bool], list[bool]], bool]:
    """Change flags from diff-match-patch's Myers diff, and whether it ran out of time."""
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
    return (a_changed, b_changed), timed_out


def bit_masks(a: str, only: str | None = None) -> dict[str, int]:
    """For each item of ``a``, an integer with bit i set where ``a[i]`` is that item.

    ``only``: masks only for the items this string has too (the others are never looked
    up when the LCS runs over it; a long line of distinct items would need a mask each).

    Bits are set in byte buffers and turned into integers once: OR-ing ``1 << i`` into a
    growing integer would copy it at every step.
    """
    size = (len(a) + 7) >> 3
    buffers: dict[str, bytearray] = {}
    get = buffers.get
    wanted = None if only is None else set(only)
    for position, item in enumerate(a):
        buffer = get(item)
        if buffer is None:
            if wanted is not None and item not in wanted:
                continue
            buffer = buffers[item] = bytearray(size)
        buffer[position >> 3] |= 1 << (position & 7)
    return {item: int.from_bytes(buffer, "little") for item, buffer in buffers.items()}


def lcs_length(a: str, b: str, masks: dict[str, int] | None = None) -> int:
    """Length of a longest common subsequence of two encoded strings (bit-parallel, no trace).

    Cheaper than an alignment: the columns are not kept and nothing is traced back; the
    per-item masks of ``a`` (:func:`bit_masks`) can be passed in when ``a`` is used often.
    The loop runs over ``b``: make it the shorter one.
    """
    if compiled.speedups is not None:
        return compiled.speedups.lcs_length(a, b)
    if masks is None:
        masks = bit_masks(a)
    full = (1 << len(a)) - 1
    column = full
    # An item that ``a`` lacks leaves the column as it is: only the others are run.
    for mask in map(masks.__getitem__, filter(masks.__contains__, b)):
        matches = column & mask
        column = ((column + matches) | (column - matches)) & full
    return len(a) - column.bit_count()


def _bit_parallel_lcs_leftmost(a: str, b: str) -> tuple[list[bool], list[bool]]:
    """Like :func:`_bit_parallel_lcs`, preferring the earliest matches (as wikidiff2 does).

    The trace-back takes matches from the end; running it over the reversed sequences makes
    it take them from the start instead.
    """
    if compiled.speedups is not None:
        return compiled.speedups.leftmost_flags(a, b)
    a_changed, b_changed = _bit_parallel_lcs(a[::-1], b[::-1])
    a_changed.reverse()
    b_changed.reverse()
    return a_changed, b_changed


def _bit_parallel_lcs(a: str, b: str) -> tuple[list[bool], list[bool]]:
    """Change flags from a longest common subsequence found with bit-vector arithmetic.

    The classic bit-parallel LCS (Allison and Dix; Crochemore et al.): one Python integer
    holds a whole column of the dynamic-programming table, so each item of ``b`` costs a few
    big-integer operations over ``len(a)`` bits, done in C. In column ``j``, a zero bit at
    position ``i`` means the LCS of ``a[:i+1]`` and ``b[:j]`` is one longer than that of
    ``a[:i]``; the columns are kept to trace one LCS back from the end.
    """
    n = len(a)
    masks = bit_masks(a, only=b)
    full = (1 << n) - 1
    column = full
    columns = [column]
    get = masks.get
    for item in b:
        mask = get(item)
        if mask is not None:  # else the column stays as it is: ``a`` lacks the item
            matches = column & mask
            column = ((column + matches) | (column - matches)) & full
        columns.append(column)

    # Trace back from the end. Where the items match, the LCS always goes diagonally; else
    # it goes up when a[i-1] adds nothing to column j (its bit is 1), otherwise left.
    # A column is turned into bytes once, when the trace reaches it: testing bits of a big
    # integer directly would copy it at every step.
    a_changed = [True] * n
    b_changed = [True] * len(b)
    width = (n + 7) >> 3
    i, j = n, len(b)
    bits_of = -1
    bits = b""
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            # A run of matches: measured first, then marked with two slice assignments.
            run = 1
            while run < i and run < j and a[i - 1 - run] == b[j - 1 - run]:
                run += 1
            i -= run
            j -= run
            a_changed[i : i + run] = b_changed[j : j + run] = [False] * run
            continue
        if bits_of != j:
            bits, bits_of = columns[j].to_bytes(width, "little"), j
        if (bits[(i - 1) >> 3] >> ((i - 1) & 7)) & 1:
            i -= 1
        else:
            j -= 1
    return a_changed, b_changed


def align_lines(a: Sequence[str], b: Sequence[str], timeout: float = 0.0) -> Alignment:
    """Align two lists of lines the way wikidiff2 does (see :func:`align_sequences`), then
    slide the changes over identical neighbours as it does."""
    result = align_sequences(a, b, timeout)
    shift_boundaries(a, result.a_changed, result.b_changed)
    shift_boundaries(b, result.b_changed, result.a_changed)
    return result


def align_sequences(
    a: Sequence[str],
    b: Sequence[str],
    timeout: float = 0.0,
    max_search: int | None = None,
) -> Alignment:
    """Align two sequences (lines, or a line's token codes) the way wikidiff2's engine does.

    The common first and last items are set aside, then every item that does not occur on
    the other side (it cannot be part of a common subsequence), and the rest is aligned:
    with wikidiff2's own LCS search when that is cheap enough (it decides which of several
    equally long alignments wins: which blank line is kept, which of two equally long runs
    of words is unchanged), else with the bit-parallel LCS or Myers search of
    :func:`align_encoded`. ``max_search`` caps the matching pairs wikidiff2's search may
    go through (default :data:`~wikitui.diff.line_lcs.MAX_WIKIDIFF2_SEARCH`).
    """
    n, m = len(a), len(b)
    skip = 0
    while skip < n and skip < m and a[skip] == b[skip]:
        skip += 1
    # wikidiff2 stops the trailing scan one item short of the leading one.
    end = 0
    while n - end - 1 > skip and m - end - 1 > skip and a[n - end - 1] == b[m - end - 1]:
        end += 1
    in_a = set(a[skip : n - end])
    b_keep = [j for j in range(skip, m - end) if b[j] in in_a]
    in_b = {b[j] for j in b_keep}
    a_keep = [i for i in range(skip, n - end) if a[i] in in_b]
    a_changed = [False] * skip + [True] * (n - skip - end) + [False] * end
    b_changed = [False] * skip + [True] * (m - skip - end) + [False] * end
    xs, ys = [a[i] for i in a_keep], [b[j] for j in b_keep]
    timed_out = False
    if not xs or not ys:
        x_flags, y_flags = [True] * len(xs), [True] * len(ys)
    elif search_cost(xs, ys) <= (MAX_WIKIDIFF2_SEARCH if max_search is None else max_search):
        x_flags, y_flags = Wikidiff2Lcs(xs, ys).flags()
    else:
        encoder = Encoder()
        sub = align_encoded(encoder.encode(xs), encoder.encode(ys), timeout)
        x_flags, y_flags, timed_out = sub.a_changed, sub.b_changed, sub.timed_out
    for position, index in enumerate(a_keep):
        a_changed[index] = x_flags[position]
    for position, index in enumerate(b_keep):
        b_changed[index] = y_flags[position]
    return Alignment(a_changed, b_changed, timed_out)


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
