"""wikidiff2's line LCS search (wikitui.diff.line_lcs): its shortcut over runs of matches
picks exactly what the step-by-step pass picks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wikitui.diff.line_lcs import Wikidiff2Lcs


class StepByStep(Wikidiff2Lcs):
    """The Hunt-Szymanski pass as wikidiff2 writes it: every match of a line, one by one."""

    def _diag(
        self, xoff: int, xlim: int, yoff: int, ylim: int, chunks: int
    ) -> tuple[int, list[tuple[int, int]]]:
        flip = xlim - xoff > ylim - yoff
        short, long_ = (self.ys, self.xs) if flip else (self.xs, self.ys)
        if flip:
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


# Few distinct lines, blank ones most of all: long runs of matches, as in real articles.
LINES = st.lists(st.sampled_from(["", "", "", "a", "b", "c", "d"]), max_size=60)


@settings(max_examples=1500, deadline=None)
@given(LINES, LINES)
def test_the_shortcut_keeps_wikidiff2s_choice(xs: list[str], ys: list[str]) -> None:
    assert Wikidiff2Lcs(xs, ys).flags() == StepByStep(xs, ys).flags()
