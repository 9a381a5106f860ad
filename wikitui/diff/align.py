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
from itertools import compress
from operator import not_
from typing import Literal, NamedTuple

from diff_match_patch import diff_match_patch

from wikitui.diff import compiled

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
    go through (default :data:`MAX_WIKIDIFF2_SEARCH`).
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
    elif _search_cost(xs, ys) <= (MAX_WIKIDIFF2_SEARCH if max_search is None else max_search):
        x_flags, y_flags = _Wikidiff2Lcs(xs, ys).flags()
    else:
        encoder = Encoder()
        sub = align_encoded(encoder.encode(xs), encoder.encode(ys), timeout)
        x_flags, y_flags, timed_out = sub.a_changed, sub.b_changed, sub.timed_out
    for position, index in enumerate(a_keep):
        a_changed[index] = x_flags[position]
    for position, index in enumerate(b_keep):
        b_changed[index] = y_flags[position]
    return Alignment(a_changed, b_changed, timed_out)


#: Largest number of matching line pairs handed to wikidiff2's LCS search (its cost grows
#: with them: many blank lines on both sides make it slow in Python).
MAX_WIKIDIFF2_SEARCH = 200_000


def _search_cost(xs: Sequence[str], ys: Sequence[str]) -> int:
    """How many (x, y) pairs of equal lines there are: the work of :class:`_Wikidiff2Lcs`."""
    counts: dict[str, int] = {}
    for line in ys:
        counts[line] = counts.get(line, 0) + 1
    return sum(counts.get(line, 0) for line in xs)


class _Wikidiff2Lcs:
    """The LCS search of wikidiff2's DiffEngine (after Algorithm::Diff and GNU diff).

    Divide and conquer: each range is cut into up to 8 chunks along the shorter side; a
    Hunt-Szymanski pass over the matches (longer side's positions, latest first) finds the
    LCS length and where it crosses the chunk borders, and each piece is solved again.
    Where several longest common subsequences exist, this picks the one wikidiff2 shows.
    """

    def __init__(self, xs: Sequence[str], ys: Sequence[str]) -> None:
        self.xs, self.ys = xs, ys
        self.x_changed = [False] * len(xs)
        self.y_changed = [False] * len(ys)
        self.seq: list[int] = [0] * (max(len(xs), len(ys)) + 2)
        self.in_seq: set[int] = set()
        self.lcs = 0

    def flags(self) -> tuple[list[bool], list[bool]]:
        """Change flags of both sides."""
        stack = [(0, len(self.xs), 0, len(self.ys))]
        while stack:  # explicit stack: deep recursion is not needed, order does not matter
            stack.extend(self._compare(*stack.pop()))
        return self.x_changed, self.y_changed

    def _compare(
        self, xoff: int, xlim: int, yoff: int, ylim: int
    ) -> list[tuple[int, int, int, int]]:
        xs, ys = self.xs, self.ys
        while xoff < xlim and yoff < ylim and xs[xoff] == ys[yoff]:
            xoff += 1
            yoff += 1
        while xlim > xoff and ylim > yoff and xs[xlim - 1] == ys[ylim - 1]:
            xlim -= 1
            ylim -= 1
        lcs = 0
        seps: list[tuple[int, int]] = []
        if xoff != xlim and yoff != ylim:
            chunks = min(7, xlim - xoff, ylim - yoff) + 1
            lcs, seps = self._diag(xoff, xlim, yoff, ylim, chunks)
        if lcs == 0:
            self.y_changed[yoff:ylim] = [True] * (ylim - yoff)
            self.x_changed[xoff:xlim] = [True] * (xlim - xoff)
            return []
        return [
            (seps[k][0], seps[k + 1][0], seps[k][1], seps[k + 1][1]) for k in range(len(seps) - 1)
        ]

    def _place(self, y: int) -> int:
        """Put y into the running LCS ends; its 1-based place there."""
        seq, lcs = self.seq, self.lcs
        if lcs == 0 or y > seq[lcs]:
            self.lcs = lcs = lcs + 1
            seq[lcs] = y
            self.in_seq.add(y)
            return lcs
        begin, end = 1, lcs
        while begin < end:
            middle = (begin + end) // 2
            if y > seq[middle]:
                begin = middle + 1
            else:
                end = middle
        self.in_seq.discard(seq[end])
        seq[end] = y
        self.in_seq.add(y)
        return end

    def _diag(
        self, xoff: int, xlim: int, yoff: int, ylim: int, chunks: int
    ) -> tuple[int, list[tuple[int, int]]]:
        flip = xlim - xoff > ylim - yoff
        short, long_ = (self.ys, self.xs) if flip else (self.xs, self.ys)
        if flip:  # the shorter range drives the pass
            xoff, yoff, xlim, ylim = yoff, xoff, ylim, xlim
        matches: dict[str, list[int]] = {}
        for y in range(ylim - 1, yoff - 1, -1):
            matches.setdefault(long_[y], []).append(y)
        seq = self.seq
        self.lcs = 0
        seq[0] = yoff - 1
        self.in_seq = in_seq = set()
        mids: list[list[int]] = [[0] * chunks for _ in range(xlim - xoff + 2)]
        numer = xlim - xoff + chunks - 1
        x = xoff
        for chunk in range(chunks):
            if chunk:
                for k in range(self.lcs + 1):
                    mids[k][chunk - 1] = seq[k]
            x1 = xoff + (numer + (xlim - xoff) * chunk) // chunks
            while x < x1:
                ys = matches.get(short[x])
                x += 1
                if not ys:
                    continue
                k = 0
                rest = iter(ys)
                for y in rest:
                    if y not in in_seq:
                        k = self._place(y)
                        mids[k] = list(mids[k - 1])
                        break
                for y in rest:
                    if y > seq[k - 1]:
                        in_seq.discard(seq[k])
                        seq[k] = y
                        in_seq.add(y)
                    elif y not in in_seq:
                        k = self._place(y)
                        mids[k] = list(mids[k - 1])
        lcs = self.lcs
        seps = [(yoff, xoff) if flip else (xoff, yoff)]
        last = mids[lcs]
        for index in range(chunks - 1):
            x1 = xoff + (numer + (xlim - xoff) * index) // chunks
            y1 = last[index] + 1
            seps.append((y1, x1) if flip else (x1, y1))
        seps.append((ylim, xlim) if flip else (xlim, ylim))
        return lcs, seps


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
