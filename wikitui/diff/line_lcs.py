"""wikidiff2's own longest common subsequence search, used for lines.

Where several alignments of lines are equally long, this one decides which wikidiff2 shows:
which blank line is kept, which of two equal paragraphs is unchanged.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

#: Largest number of matching line pairs handed to wikidiff2's LCS search (its cost grows
#: with them: many blank lines on both sides make it slow in Python).
MAX_WIKIDIFF2_SEARCH = 200_000


def search_cost(xs: Sequence[str], ys: Sequence[str]) -> int:
    """How many (x, y) pairs of equal lines there are: the work of :class:`Wikidiff2Lcs`."""
    counts: dict[str, int] = {}
    for line in ys:
        counts[line] = counts.get(line, 0) + 1
    return sum(counts.get(line, 0) for line in xs)


class Wikidiff2Lcs:
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
        ascending: dict[str, list[int]] = {}  # matches[line] reversed, when needed
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
                line = short[x]
                x += 1
                ys = matches.get(line)
                if not ys:
                    continue
                k = 0
                count = len(ys)
                i = 0
                while i < count:
                    y = ys[i]
                    i += 1
                    if y not in in_seq:
                        k = self._place(y)
                        mids[k] = list(mids[k - 1])
                        break
                while i < count:
                    y = ys[i]
                    floor = seq[k - 1]
                    if y > floor:
                        # Each of the ys above ``floor`` (the next ones: they descend) would
                        # replace seq[k] in turn, k staying put: only the last one stays.
                        # (A blank line matches hundreds of others: this was most of the work.)
                        rising = ascending.get(line)
                        if rising is None:
                            rising = ascending[line] = ys[::-1]
                        i = count - bisect_right(rising, floor)  # past the last one above
                        y = ys[i - 1]
                        in_seq.discard(seq[k])
                        seq[k] = y
                        in_seq.add(y)
                        continue
                    i += 1
                    if y not in in_seq:
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
