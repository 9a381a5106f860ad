"""The token diff: which tokens of the new text are old tokens that stayed.

Only the tokens that paragraph and sentence matching could not place are diffed: those of the
changed sentences, against the unplaced tokens of the sentences they replaced.

The pairing is ``difflib.SequenceMatcher``'s: longest blocks first, and tokens that are common
in the new text (over 1% of it, when it has 200 tokens or more) only extend a block, never
start one. That is what WikiWho's diff does, and it decides who owns the short common words of
a rewritten passage. A longest common subsequence (rapidfuzz, C++) pairs more of those words
with their old selves: measured on the full Anarchism history it agrees with WikiWho on 91.9%
of the characters instead of 97.7%, and is not faster where it matters: the diff is under a
tenth of a history pass (two runs: 12.9 s with rapidfuzz against 14.3 s, then 22.8 s
against 18.3 s). ``bench/bench_blame.py --aligner rapidfuzz`` repeats the comparison
where rapidfuzz is installed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

Aligner = Callable[[Sequence[str], Sequence[str]], list[int]]


def align_blocks(old: Sequence[str], new: Sequence[str]) -> list[int]:
    """For each token of ``new``, the index of the ``old`` token it keeps, or -1 if it is new."""
    matched = [-1] * len(new)
    if not old or not new:
        return matched
    for i, j, size in difflib.SequenceMatcher(None, old, new).get_matching_blocks():
        matched[j : j + size] = range(i, i + size)
    return matched


def align_lcs(old: Sequence[str], new: Sequence[str]) -> list[int]:
    """:func:`align_blocks` as a longest common subsequence (rapidfuzz; for comparison)."""
    from rapidfuzz.distance import LCSseq

    matched = [-1] * len(new)
    if not old or not new:
        return matched
    for op in LCSseq.opcodes(old, new):
        if op.tag == "equal":
            matched[op.dest_start : op.dest_end] = range(op.src_start, op.src_end)
    return matched


ALIGNERS: dict[str, Aligner] = {"difflib": align_blocks, "rapidfuzz": align_lcs}
