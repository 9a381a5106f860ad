"""The diff engine: lines first, then words inside paired lines, then moved paragraphs.

It follows wikidiff2, the engine behind Wikipedia's diff pages:

1. Align the two texts line by line (a longest common subsequence of whole lines).
2. In each run where old lines were replaced by new ones, pair old and new lines by
   similarity (the share of characters a word-level diff keeps); pairs at least
   :data:`CHANGE_THRESHOLD` similar become ``change`` rows with word-level spans, the rest are
   deleted and added lines.
3. Among the deleted and added lines left over, find moved paragraphs: an added line more than
   :data:`MOVED_LINE_THRESHOLD` similar to a deleted one elsewhere (skipped when more than
   :data:`MAX_MOVED_LINES` lines were added or removed, as wikidiff2 does).
4. Group rows into hunks with context and label each with its section.

Limits that keep big inputs fast are recorded in :attr:`DiffResult.notes` when they apply.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from itertools import compress
from operator import floordiv, mul
from typing import TYPE_CHECKING, Literal

from diff_match_patch import diff_match_patch

from wikitui.diff.align import (
    Encoder,
    align_encoded,
    align_lines,
    bit_masks,
    blocks,
    lcs_length,
    shift_boundaries,
)
from wikitui.diff.limits import cap_long_lines
from wikitui.diff.model import DiffResult, DiffRow, DiffStats, Hunk, Span, SpanOp
from wikitui.diff.tokens import count_words, split_lines, tokenize
from wikitui.gc_pause import collector_paused

if TYPE_CHECKING:
    from wikitui.sections import SectionIndex

#: A replaced line pair at least this similar is shown as a change (wikidiff2's default 0.2).
CHANGE_THRESHOLD = 0.2
#: A deleted and an added line more similar than this may be a move (wikidiff2: 0.4).
MOVED_LINE_THRESHOLD = 0.4
#: No move detection when more lines than this were added plus removed (wikidiff2: 100).
MAX_MOVED_LINES = 100
#: Word-level diffing of a line pair is skipped when the product of the two lines' word
#: counts (after their common start and end) exceeds this; the whole line is then shown as
#: replaced. wikidiff2's default is 40,000,000 for C++; a pure-Python engine needs less.
MAX_WORD_LEVEL_COMPLEXITY = 4_000_000
#: Seconds the Myers search may spend on one line pair before settling for a coarser diff.
WORD_DIFF_TIMEOUT = 0.25
#: Seconds the Myers search may spend aligning lines before settling for a coarser diff.
LINE_DIFF_TIMEOUT = 3.0
#: A paragraph is shown as split into (or merged from) neighbouring lines when it is at least
#: this similar to them together (wikidiff2's final split threshold).
SPLIT_THRESHOLD = 0.6
#: The most lines (blank lines included) a split or merge may span.
MAX_SPLIT_LINES = 7
#: Replaced runs up to this many old x new line pairs are paired by best similarity; longer
#: runs pair lines in order, as wikidiff2 does.
MAX_PAIRING_COMPLEXITY = 400

#: A move candidate whose cheap upper bound (shared bytes) is at least this is diffed
#: straight away instead of being bounded first: measured on generated and real histories,
#: such pairs are nearly always real moves (similarity close to the bound), while unrelated
#: paragraphs of one article reach about 0.5 on shared spaces, punctuation and common words.
#: It changes only the work done, never the result.
LIKELY_MOVE_BOUND = 0.55

#: How replaced lines are paired: ``"similarity"`` (wikitui: best similarity within a run,
#: splits and merges recognised) or ``"wikidiff2"`` (wikidiff2 1.13: in order, no splits).
Pairing = Literal["similarity", "wikidiff2"]

_ItemKind = Literal["=", "-", "+", "~", "<", ">"]


# The classes below are plain slotted classes, not dataclasses: ``wikitui diff`` would pay
# about 8 ms at start-up to import ``dataclasses`` (see wikitui.diff.model).


class _Item:
    """One row to be: ``=`` context, ``-`` deleted, ``+`` added, ``~`` changed,
    ``<`` moved away from here (old line), ``>`` moved here (new line)."""

    __slots__ = ("counts", "kind", "new", "old", "partner", "spans")

    def __init__(
        self,
        kind: _ItemKind,
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


class WordDiff:
    """A word-level diff of one line pair: its spans and wikidiff2's similarity figure.

    The similarity is worked out from the spans' sizes (one UTF-8 length per span, not per
    token), so the spans are built with it even for pairs that are only compared.
    ``source``: the two lines' tokens and change flags, for counting words.
    """

    __slots__ = ("bailout", "similarity", "source", "spans", "timed_out")

    def __init__(
        self,
        similarity: float,
        spans: list[Span],
        bailout: bool = False,
        timed_out: bool = False,
        source: tuple[list[str], list[str], list[bool], list[bool]] | None = None,
    ) -> None:
        self.similarity = similarity
        self.spans = spans
        self.bailout = bailout
        self.timed_out = timed_out
        self.source = source

    def counts(self) -> tuple[int, int, int, int]:
        """Words added, words removed, characters added, characters removed.

        Counted on the tokens (no re-tokenising of the spans' text): a span is a run of
        whole tokens, so its words are its tokens that are words.
        """
        if self.source is None:
            return _span_counts(self.spans)
        tokens_a, tokens_b, a_changed, b_changed = self.source
        removed = list(compress(tokens_a, a_changed))
        added = list(compress(tokens_b, b_changed))
        return (
            count_words(added),
            count_words(removed),
            sum(map(len, added)),
            sum(map(len, removed)),
        )


class _Line:
    """A line's tokens, their one-character codes, and its size in UTF-8 bytes."""

    __slots__ = ("_masks", "encoded", "size", "tokens")

    def __init__(self, tokens: list[str], encoded: str, size: int) -> None:
        self.tokens = tokens
        self.encoded = encoded
        self.size = size
        self._masks: dict[str, int] | None = None

    @property
    def has_masks(self) -> bool:
        """True once :attr:`masks` has been built."""
        return self._masks is not None

    @property
    def masks(self) -> dict[str, int]:
        """Bit masks of the codes, for bit-parallel LCS lengths against other lines."""
        if self._masks is None:
            self._masks = bit_masks(self.encoded)
        return self._masks


def _utf8_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


class _Differ:
    """State of one diff: the lines, their tokens, cached word diffs, notes."""

    def __init__(self, old: str, new: str, pairing: Pairing = "similarity") -> None:
        self.pairing = pairing
        self.old = split_lines(old)
        self.new = split_lines(new)
        self.encoder = Encoder()
        self._old_lines: dict[int, _Line] = {}
        self._new_lines: dict[int, _Line] = {}
        self._old_weights: dict[int, dict[str, int]] = {}
        self._new_weights: dict[int, dict[str, int]] = {}
        self._old_counts: dict[int, Counter[str]] = {}
        self._new_counts: dict[int, Counter[str]] = {}
        self._old_sizes: dict[int, int] = {}
        self._new_sizes: dict[int, int] = {}
        self._word_diffs: dict[tuple[int, int], WordDiff] = {}
        self._ruled_out: dict[tuple[int, int], float] = {}  # pair -> threshold it is under
        self._cheap_bounds: dict[tuple[int, int], float] = {}
        self.notes: list[str] = []
        self.bailouts = 0
        self.word_timeouts = 0
        self._dmp = diff_match_patch()

    # -- tokens and similarity -------------------------------------------------------------

    def line(self, side: str, index: int) -> _Line:
        """Tokens, codes and size of old (``side`` "-") or new ("+") line ``index``."""
        cache = self._old_lines if side == "-" else self._new_lines
        found = cache.get(index)
        if found is None:
            text = (self.old if side == "-" else self.new)[index]
            found = cache[index] = self._make_line(tokenize(text), text)
        return found

    def _make_line(self, tokens: list[str], text: str) -> _Line:
        return _Line(tokens, self.encoder.encode(tokens), _utf8_len(text))

    def size(self, side: str, index: int) -> int:
        """The UTF-8 size of a line, without tokenising it (length bounds come first)."""
        cache = self._old_sizes if side == "-" else self._new_sizes
        found = cache.get(index)
        if found is None:
            found = cache[index] = _utf8_len((self.old if side == "-" else self.new)[index])
        return found

    def _weights(self, side: str, index: int) -> dict[str, int]:
        """Each distinct token of a line with its total UTF-8 size there (size x count)."""
        cache = self._old_weights if side == "-" else self._new_weights
        weights = cache.get(index)
        if weights is None:
            counts = Counter(self.line(side, index).tokens)
            (self._old_counts if side == "-" else self._new_counts)[index] = counts
            text = (self.old if side == "-" else self.new)[index]
            sizes = map(len, counts) if text.isascii() else map(len, map(str.encode, counts))
            weights = cache[index] = dict(
                zip(counts, map(mul, counts.values(), sizes), strict=True)
            )
        return weights

    def _similarity_bound(self, i: int, j: int, threshold: float, *, deep: bool) -> bool:
        """True when the similarity is surely at most ``threshold``, without a diff.

        wikidiff2's similarity is kept bytes over a total of at least the longer line. The
        kept tokens are a longest common subsequence (L tokens) of tokens both lines have, so
        two bounds: the bytes of all shared tokens (cheap), then (``deep``) the bytes of the
        L largest shared tokens (one bit-parallel LCS length, no trace-back). The second only
        pays off for the move threshold: at the change threshold even unrelated paragraphs
        usually pass, and the diff follows anyway.
        """
        line_a, line_b = self.line("-", i), self.line("+", j)
        limit = threshold * max(line_a.size, line_b.size)
        weights_a, weights_b = self._weights("-", i), self._weights("+", j)
        shared = weights_a.keys() & weights_b.keys()
        # map() over built-ins keeps this loop in C: it runs for every candidate pair.
        if (
            sum(map(min, map(weights_a.__getitem__, shared), map(weights_b.__getitem__, shared)))
            <= limit
        ):
            return True
        if not deep:
            return False
        # The LCS length is the same either way round. The move search compares one line
        # with many: a line whose masks are built already is used again; else the longer
        # line gets them (the loop runs over the other one).
        if line_b.has_masks and not line_a.has_masks:
            masked, other = line_b, line_a
        elif line_a.has_masks or len(line_a.tokens) >= len(line_b.tokens):
            masked, other = line_a, line_b
        else:
            masked, other = line_b, line_a
        kept = lcs_length(masked.encoded, other.encoded, masked.masks)
        # The kept tokens are at most the L largest of the shared ones (by single size), each
        # as often as the line that has it fewer times. (Sizes and counts are built by map()
        # over built-ins: no Python-level loop over the shared tokens.)
        counts_a, counts_b = self._old_counts[i], self._new_counts[j]
        tokens = list(shared)
        sizes = map(floordiv, map(weights_a.__getitem__, tokens), map(counts_a.__getitem__, tokens))
        counts = map(min, map(counts_a.__getitem__, tokens), map(counts_b.__getitem__, tokens))
        best = 0
        for size, count in sorted(zip(sizes, counts, strict=True), reverse=True):
            take = min(count, kept)
            best += size * take
            kept -= take
            if not kept:
                break
        return best <= limit

    def similarity(
        self, i: int, j: int, threshold: float, *, for_move: bool = False, likely: bool = False
    ) -> float:
        """wikidiff2's similarity of old line i and new line j, or 0 when surely <= threshold.

        A pair too long to compare word by word counts as similar when deciding whether it
        is a change (wikidiff2 does the same), and as dissimilar when looking for moves.
        ``likely``: the pair is probably similar (an edit in place), so bounding it first
        would be wasted work.
        """
        cached = self._word_diffs.get((i, j))
        if cached is not None:
            if cached.bailout:
                return 0.0 if for_move else 1.0
            return cached.similarity
        size_a, size_b = self.size("-", i), self.size("+", j)  # UTF-8 bytes, as wikidiff2
        longest = max(size_a, size_b)
        if longest == 0:
            return 0.0
        # At most the shorter line can be kept, and the total is at least the longer line,
        # so the length ratio bounds the similarity (unless the pair could be too complex to
        # diff: such pairs count as changes in wikidiff2, whatever their lengths). A line has
        # no more tokens than bytes, so most pairs are cleared without tokenising them.
        could_bail_out = size_a * size_b > MAX_WORD_LEVEL_COMPLEXITY and (
            len(self.line("-", i).tokens) * len(self.line("+", j).tokens)
            > MAX_WORD_LEVEL_COMPLEXITY
        )
        if min(size_a, size_b) / longest <= threshold and (for_move or not could_bail_out):
            return 0.0
        # Short lines are quicker to diff than to bound; long ones are bounded first.
        if not likely and size_a * size_b > 40_000 and (for_move or not could_bail_out):
            # Remember pairs already ruled out: the move search asks about them again.
            if self._ruled_out.get((i, j), -1.0) >= threshold:
                return 0.0
            if self._similarity_bound(i, j, threshold, deep=for_move):
                self._ruled_out[(i, j)] = threshold
                return 0.0
        diff = self.word_diff(i, j)
        if diff.bailout:
            return 0.0 if for_move else 1.0
        return diff.similarity

    def word_diff(self, i: int, j: int) -> WordDiff:
        """The word-level diff of old line i against new line j (cached)."""
        key = (i, j)
        cached = self._word_diffs.get(key)
        if cached is not None:
            return cached
        result = self._compute_word_diff(self.old[i], self.new[j], i, j)
        self._word_diffs[key] = result
        return result

    def _compute_word_diff(self, a: str, b: str, i: int, j: int) -> WordDiff:
        if a == b:
            return WordDiff(1.0 if a else 0.0, [("=", a)] if a else [])
        line_a, line_b = self.line("-", i), self.line("+", j)
        flags = self.token_flags(line_a, line_b)
        if flags is None:
            spans: list[Span] = []
            if a:
                spans.append(("-", a))
            if b:
                spans.append(("+", b))
            return WordDiff(0.0, spans, bailout=True)
        a_changed, b_changed, timed_out = flags
        spans = _spans_from_flags(line_a.tokens, line_b.tokens, a_changed, b_changed)
        return WordDiff(
            _spans_similarity(spans),
            spans,
            timed_out=timed_out,
            source=(line_a.tokens, line_b.tokens, a_changed, b_changed),
        )

    def token_flags(
        self, line_a: _Line, line_b: _Line
    ) -> tuple[list[bool], list[bool], bool] | None:
        """Per-token change flags of two lines, or None when too complex to compare."""
        encoded_a, encoded_b = line_a.encoded, line_b.encoded
        prefix = self._dmp.diff_commonPrefix(encoded_a, encoded_b)
        suffix = self._dmp.diff_commonSuffix(encoded_a[prefix:], encoded_b[prefix:])
        complexity = (len(encoded_a) - prefix - suffix) * (len(encoded_b) - prefix - suffix)
        if complexity > MAX_WORD_LEVEL_COMPLEXITY:
            self.bailouts += 1
            return None
        # (wikidiff2's own LCS search is used for lines only: on words it costs more than it
        # changes; measured, the word-level agreement is the same.)
        alignment = align_encoded(encoded_a, encoded_b, WORD_DIFF_TIMEOUT)
        if alignment.timed_out:
            self.word_timeouts += 1
        shift_boundaries(encoded_a, alignment.a_changed, alignment.b_changed)
        shift_boundaries(encoded_b, alignment.b_changed, alignment.a_changed)
        return alignment.a_changed, alignment.b_changed, alignment.timed_out

    # -- pairing replaced lines ------------------------------------------------------------

    def pair_block(self, a0: int, a1: int, b0: int, b1: int) -> list[_Item]:
        """Rows for a run where old lines a0..a1 were replaced by new lines b0..b1."""
        n, m = a1 - a0, b1 - b0
        if self.pairing == "wikidiff2":
            return self._pair_in_order(a0, a1, b0, b1)
        if n * m <= MAX_PAIRING_COMPLEXITY:
            pairs = self._best_pairs(a0, a1, b0, b1)
        else:
            pairs = [
                (a0 + k, b0 + k)
                for k in range(min(n, m))
                if self.similarity(a0 + k, b0 + k, CHANGE_THRESHOLD) > CHANGE_THRESHOLD
            ]
        items: list[_Item] = []
        i, j = a0, b0
        for pi, pj in [*pairs, (a1, b1)]:
            items.extend(_Item("-", k, None) for k in range(i, pi))
            items.extend(_Item("+", None, k) for k in range(j, pj))
            if pi < a1 and pj < b1:
                items.append(_Item("~", pi, pj))
            i, j = pi + 1, pj + 1
        if n != m:
            items = self.join_splits(items)
        return items

    # -- paragraphs split in two, or merged into one ---------------------------------------

    def join_splits(self, items: list[_Item]) -> list[_Item]:
        """Find changed lines that were split into (or merged from) neighbouring lines.

        A paragraph split in two is paired with one half; the other half would be shown as
        wholly added. When the old line is more similar to the halves taken together (and at
        least :data:`SPLIT_THRESHOLD` similar), the other half's row keeps as unchanged (``=``)
        the words that came from the old line, so only really new words stand out. Merges are
        the same the other way round.
        """
        index = 0
        while index < len(items):
            item = items[index]
            if item.kind == "~" and item.spans is None:
                for side in ("+", "-"):
                    group = self._split_group(items, index, side)
                    if group is not None:
                        start, end, replacement = group
                        items[start:end] = replacement
                        index = start + replacement.index(
                            next(x for x in replacement if x.kind == "~")
                        )
                        break
            index += 1
        return items

    def _split_group(
        self, items: list[_Item], index: int, side: str
    ) -> tuple[int, int, list[_Item]] | None:
        """The best split (``side`` "+") or merge ("-") around the pair at ``index``."""
        pair = items[index]
        assert pair.old is not None and pair.new is not None
        attr = "new" if side == "+" else "old"
        centre = getattr(pair, attr)
        left = index
        while (
            left > 0
            and items[left - 1].kind == side
            and items[left - 1].spans is None
            and getattr(items[left - 1], attr) == centre - (index - left + 1)
            and index - left < MAX_SPLIT_LINES - 1
        ):
            left -= 1
        right = index
        while (
            right + 1 < len(items)
            and items[right + 1].kind == side
            and items[right + 1].spans is None
            and getattr(items[right + 1], attr) == centre + (right + 1 - index)
            and right - index < MAX_SPLIT_LINES - 1
        ):
            right += 1
        if left == index and right == index:
            return None
        lines = self.new if side == "+" else self.old
        single = self.similarity(pair.old, pair.new, 0.0)
        best: tuple[float, int, int] | None = None
        for first in range(left, index + 1):
            for last in range(index, right + 1):
                if first == last or last - first >= MAX_SPLIT_LINES:
                    continue
                ends = (getattr(items[first], attr), getattr(items[last], attr))
                if not lines[ends[0]] or not lines[ends[1]]:
                    continue  # a group never starts or ends on a blank line
                if not all(
                    self._shares_words(side, pair, end)
                    for end, member in zip(ends, (first, last), strict=True)
                    if member != index
                ):
                    continue  # sharing only "{{", "|" or spaces is no split
                floor = max(SPLIT_THRESHOLD, single, best[0] if best else 0.0)
                if self._group_bound(side, pair, ends[0], ends[1]) <= floor:
                    continue
                similarity = self._group_similarity(side, pair, ends[0], ends[1])
                if best is None or similarity > best[0]:
                    best = (similarity, first, last)
        if best is None or best[0] < SPLIT_THRESHOLD or best[0] <= single:
            return None
        _, first, last = best
        return first, last + 1, self._group_items(side, pair, items[first : last + 1])

    def _shares_words(self, side: str, pair: _Item, line: int) -> bool:
        """Whether ``line`` of ``side`` has a word (not only punctuation) in the paired line."""
        assert pair.old is not None and pair.new is not None
        other = "-" if side == "+" else "+"
        single = self._weights(other, pair.old if other == "-" else pair.new)
        shared = self._weights(side, line).keys() & single.keys()
        return any(any(ch.isalnum() for ch in token) for token in shared)

    def _group_line(self, side: str, first: int, last: int) -> tuple[_Line, list[int]]:
        """Lines first..last of one side joined by newline tokens, and each line's start."""
        tokens: list[str] = []
        starts: list[int] = []
        for line in range(first, last + 1):
            if line > first:
                tokens.append("\n")
            starts.append(len(tokens))
            tokens.extend(self.line(side, line).tokens)
        return self._make_line(tokens, "".join(tokens)), starts

    def _group_bound(self, side: str, pair: _Item, first: int, last: int) -> float:
        """Upper bound of :meth:`_group_similarity` from the bytes of the tokens shared."""
        assert pair.old is not None and pair.new is not None
        other = "-" if side == "+" else "+"
        single = self._weights(other, pair.old if other == "-" else pair.new)
        group: dict[str, int] = {}
        size = 0
        for line in range(first, last + 1):
            size += self.line(side, line).size
            for token, weight in self._weights(side, line).items():
                group[token] = group.get(token, 0) + weight
        single_size = self.line(other, pair.old if other == "-" else pair.new).size
        shared = single.keys() & group.keys()
        kept = sum(map(min, map(single.__getitem__, shared), map(group.__getitem__, shared)))
        return kept / max(size, single_size, 1)

    def _group_similarity(self, side: str, pair: _Item, first: int, last: int) -> float:
        assert pair.old is not None and pair.new is not None
        group, _ = self._group_line(side, first, last)
        single = self.line("-", pair.old) if side == "+" else self.line("+", pair.new)
        old, new = (single, group) if side == "+" else (group, single)
        flags = self.token_flags(old, new)
        if flags is None:
            return 0.0
        return _spans_similarity(_spans_from_flags(old.tokens, new.tokens, flags[0], flags[1]))

    def _group_items(self, side: str, pair: _Item, members: list[_Item]) -> list[_Item]:
        """Rows of a split (side "+") or merge ("-"): the pair and its other lines."""
        assert pair.old is not None and pair.new is not None
        attr = "new" if side == "+" else "old"
        first, last = getattr(members[0], attr), getattr(members[-1], attr)
        group_line, starts = self._group_line(side, first, last)
        group = group_line.tokens
        single_line = self.line("-", pair.old) if side == "+" else self.line("+", pair.new)
        single = single_line.tokens
        if side == "+":
            flags = self.token_flags(single_line, group_line)
            assert flags is not None
            single_changed, group_changed = flags[0], flags[1]
            whole = _spans_from_flags(single, group, single_changed, group_changed)
        else:
            flags = self.token_flags(group_line, single_line)
            assert flags is not None
            group_changed, single_changed = flags[0], flags[1]
            whole = _spans_from_flags(group, single, group_changed, single_changed)
        # Unchanged tokens pair up in order; note which group line each single token went to.
        single_kept = [k for k, flag in enumerate(single_changed) if not flag]
        group_kept = [k for k, flag in enumerate(group_changed) if not flag]
        line_of = [0] * len(group)
        for number, start in enumerate(starts):
            end = starts[number + 1] - 1 if number + 1 < len(starts) else len(group)
            line_of[start:end] = [number] * (end - start)
        centre = getattr(pair, attr) - first
        single_here = list(single_changed)
        for k, g in zip(single_kept, group_kept, strict=True):
            if line_of[g] != centre:
                single_here[k] = True  # went to another line of the group
        result: list[_Item] = []
        for number, member in enumerate(members):
            start = starts[number]
            end = starts[number + 1] - 1 if number + 1 < len(starts) else len(group)
            tokens = group[start:end]
            changed = group_changed[start:end]
            if number == centre:
                if side == "+":
                    spans = _spans_from_flags(single, tokens, single_here, changed)
                else:
                    spans = _spans_from_flags(tokens, single, changed, single_here)
                words_added, words_removed, chars_added, chars_removed = _span_counts(whole)
                newlines = len(starts) - 1
                if side == "+":
                    chars_added -= newlines
                else:
                    chars_removed -= newlines
                counts = (words_added, words_removed, chars_added, chars_removed)
                result.append(_Item("~", pair.old, pair.new, spans=spans, counts=counts))
            else:
                spans = _one_side_spans(tokens, changed, "+" if side == "+" else "-")
                result.append(
                    _Item(member.kind, member.old, member.new, spans=spans, counts=(0, 0, 0, 0))
                )
        return result

    def _pair_in_order(self, a0: int, a1: int, b0: int, b1: int) -> list[_Item]:
        """wikidiff2 1.13's pairing: k-th old line with k-th new line, if similar enough.

        A dissimilar pair becomes an added line followed by a deleted one (wikidiff2's
        order); lines left over at the end of the longer side are deleted or added.
        """
        items: list[_Item] = []
        common = min(a1 - a0, b1 - b0)
        for k in range(common):
            if self.similarity(a0 + k, b0 + k, CHANGE_THRESHOLD, likely=True) > CHANGE_THRESHOLD:
                items.append(_Item("~", a0 + k, b0 + k))
            else:
                items.append(_Item("+", None, b0 + k))
                items.append(_Item("-", a0 + k, None))
        items.extend(_Item("-", k, None) for k in range(a0 + common, a1))
        items.extend(_Item("+", None, k) for k in range(b0 + common, b1))
        return items

    def _best_pairs(self, a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int]]:
        """Ordered pairs of similar lines maximising the total similarity (small runs)."""
        n, m = a1 - a0, b1 - b0
        if n == m and all(
            self.similarity(a0 + k, b0 + k, CHANGE_THRESHOLD, likely=True) > CHANGE_THRESHOLD
            for k in range(n)
        ):
            return [(a0 + k, b0 + k) for k in range(n)]  # the common case: edits in place
        if n == 1 or m == 1:
            # One line against several: the best single pair, by branch and bound.
            cells = [(a0 + x, b0 + y) for x in range(n) for y in range(m)]
            choice = self._most_similar(cells, CHANGE_THRESHOLD)
            return [] if choice is None else [choice]
        sim = [
            [self.similarity(a0 + x, b0 + y, CHANGE_THRESHOLD) for y in range(m)] for x in range(n)
        ]
        # score[x][y]: best total for old[x:] and new[y:].
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for x in range(n - 1, -1, -1):
            row, below = score[x], score[x + 1]
            for y in range(m - 1, -1, -1):
                best = max(below[y], row[y + 1])
                s = sim[x][y]
                if s > CHANGE_THRESHOLD and s + below[y + 1] >= best:
                    best = s + below[y + 1]
                row[y] = best
        pairs: list[tuple[int, int]] = []
        x = y = 0
        while x < n and y < m:
            s = sim[x][y]
            if s > CHANGE_THRESHOLD and score[x][y] == s + score[x + 1][y + 1]:
                pairs.append((a0 + x, b0 + y))
                x += 1
                y += 1
            elif score[x][y] == score[x + 1][y]:
                x += 1
            else:
                y += 1
        return pairs

    def _most_similar(
        self, cells: list[tuple[int, int]], threshold: float
    ) -> tuple[int, int] | None:
        """The (old, new) pair of ``cells`` most similar above ``threshold`` (first of equals).

        Pairs are tried from the highest cheap upper bound down until no bound can beat the
        best similarity found, so unrelated paragraphs next to a well matched one are seldom
        diffed.
        """
        order = sorted(range(len(cells)), key=lambda k: (-self._change_bound(*cells[k]), k))
        best: int | None = None
        best_similarity = threshold
        for k in order:
            if self._change_bound(*cells[k]) < best_similarity:
                break
            similarity = self.similarity(*cells[k], threshold)
            if similarity > best_similarity or (
                similarity == best_similarity and best is not None and k < best
            ):
                best, best_similarity = k, similarity
        return None if best is None else cells[best]

    def _change_bound(self, i: int, j: int) -> float:
        """Upper bound of the similarity for change decisions (1.0 where it could bail out)."""
        if len(self.line("-", i).tokens) * len(self.line("+", j).tokens) > (
            MAX_WORD_LEVEL_COMPLEXITY
        ):
            return 1.0  # too complex to diff: counts as similar, as in wikidiff2
        return self._cheap_bound(i, j)

    # -- moved paragraphs --------------------------------------------------------------------

    def _best_move(
        self, items: list[_Item], index: int, others: list[int], matched: dict[int, int]
    ) -> int:
        """The unmatched line of ``others`` most similar to ``items[index]`` (over the move
        threshold; the first in the text among equals), or -1.

        Branch and bound: candidates are tried from the highest cheap upper bound down, and
        the search stops once no bound can beat the best similarity found; each exact check
        is also bounded by that best, so most pairs are never diffed.
        """
        item = items[index]
        deleted = item.kind == "-"
        own = item.old if deleted else item.new
        assert own is not None
        own_size = self.size(item.kind, own)
        other_side = "+" if deleted else "-"
        scored: list[tuple[float, int, int, int]] = []
        for other in others:
            if other in matched:
                continue
            line = items[other].new if deleted else items[other].old
            assert line is not None
            # The length ratio first, as _cheap_bound has it: most pairs stop here.
            size = self.size(other_side, line)
            longest = max(own_size, size)
            if not longest or min(own_size, size) / longest <= MOVED_LINE_THRESHOLD:
                continue
            old, new = (own, line) if deleted else (line, own)
            bound = self._cheap_bound(old, new)
            if bound > MOVED_LINE_THRESHOLD:
                scored.append((-bound, other, old, new))
        scored.sort()
        best_index, best_similarity = -1, MOVED_LINE_THRESHOLD
        for negative_bound, other, old, new in scored:
            if -negative_bound < best_similarity:
                break
            # Just under the best so far: an equal one earlier in the text must still win.
            floor = max(MOVED_LINE_THRESHOLD, best_similarity - 1e-9)
            likely = -negative_bound >= LIKELY_MOVE_BOUND
            similarity = self.similarity(old, new, floor, for_move=True, likely=likely)
            if similarity > best_similarity or (
                similarity == best_similarity and best_index >= 0 and other < best_index
            ):
                best_index, best_similarity = other, similarity
        return best_index

    def _cheap_bound(self, i: int, j: int) -> float:
        """An upper bound of the similarity of old line i and new line j: lengths, shared words."""
        key = (i, j)
        cached = self._cheap_bounds.get(key)
        if cached is not None:
            return cached
        size_a, size_b = self.size("-", i), self.size("+", j)
        longest = max(size_a, size_b)
        if longest == 0:
            bound = 0.0
        elif min(size_a, size_b) / longest <= MOVED_LINE_THRESHOLD:
            bound = min(size_a, size_b) / longest
        else:
            weights_a, weights_b = self._weights("-", i), self._weights("+", j)
            shared = weights_a.keys() & weights_b.keys()
            kept = sum(
                map(min, map(weights_a.__getitem__, shared), map(weights_b.__getitem__, shared))
            )
            bound = min(kept, size_a, size_b) / longest
        self._cheap_bounds[key] = bound
        return bound

    def detect_moves(self, items: list[_Item]) -> list[_Item]:
        """Turn deleted/added line pairs that are similar enough into moves (or changes)."""
        candidates = [
            index for index, item in enumerate(items) if item.kind in "-+" and item.spans is None
        ]
        deleted = [index for index in candidates if items[index].kind == "-"]
        added = [index for index in candidates if items[index].kind == "+"]
        if not deleted or not added:
            return items  # nothing can have moved
        if len(candidates) > MAX_MOVED_LINES:
            self.notes.append(
                f"moved paragraphs were not looked for: {len(candidates)} lines were added or"
                f" removed (limit {MAX_MOVED_LINES})"
            )
            return items
        matched: dict[int, int] = {}
        for index in candidates:
            if index in matched:
                continue
            best = self._best_move(
                items, index, added if items[index].kind == "-" else deleted, matched
            )
            if best >= 0:
                matched[index] = best
                matched[best] = index
        if not matched:
            return items
        result: list[_Item] = []
        skip: set[int] = set()
        for index, item in enumerate(items):
            if index in skip:
                continue
            partner = matched.get(index)
            if partner is None:
                result.append(item)
                continue
            old = item.old if item.kind == "-" else items[partner].old
            new = item.new if item.kind == "+" else items[partner].new
            if partner == index + 1:
                # Right next to each other: a change in place, not a move.
                result.append(_Item("~", old, new))
                skip.add(partner)
            elif item.kind == "-":
                result.append(_Item("<", old, None, new))
            else:
                result.append(_Item(">", None, new, old))
        return result

    # -- the whole diff ------------------------------------------------------------------------

    def items(self) -> list[_Item]:
        """Every row of the diff, in order, before grouping into hunks."""
        started = time.perf_counter()
        alignment = align_lines(self.old, self.new, LINE_DIFF_TIMEOUT)
        if alignment.timed_out:
            self.notes.append(
                f"line alignment stopped after {time.perf_counter() - started:.1f} s;"
                " some unchanged lines may be shown as changed"
            )
        items: list[_Item] = []
        for block in blocks(alignment.a_changed, alignment.b_changed):
            if block.kind == "copy":
                items.extend(
                    _Item("=", block.a0 + k, block.b0 + k) for k in range(block.a1 - block.a0)
                )
            elif block.kind == "del":
                items.extend(_Item("-", k, None) for k in range(block.a0, block.a1))
            elif block.kind == "add":
                items.extend(_Item("+", None, k) for k in range(block.b0, block.b1))
            else:
                items.extend(self.pair_block(block.a0, block.a1, block.b0, block.b1))
        items = self.detect_moves(items)
        if self.bailouts:
            self.notes.append(
                f"{self.bailouts} changed line pair(s) too long to compare word by word"
                " (shown as wholly replaced)"
            )
        if self.word_timeouts:
            self.notes.append(
                f"word-level comparison of {self.word_timeouts} line pair(s) was cut short"
                f" after {WORD_DIFF_TIMEOUT} s; the highlighted words may be coarser"
            )
        return items

    def row(self, item: _Item) -> DiffRow:
        """The public row for one item."""
        kind = item.kind
        if kind == "=":
            assert item.old is not None and item.new is not None
            line = self.old[item.old]
            return DiffRow("context", item.old + 1, item.new + 1, [("=", line)] if line else [])
        if kind == "-":
            assert item.old is not None
            line = self.old[item.old]
            spans: list[Span] = [("-", line)] if line else []
            return DiffRow("delete", item.old + 1, None, item.spans or spans)
        if kind == "+":
            assert item.new is not None
            line = self.new[item.new]
            spans = [("+", line)] if line else []
            return DiffRow("add", None, item.new + 1, item.spans or spans)
        if kind == "~":
            assert item.old is not None and item.new is not None
            if item.spans is None:
                diff = self.word_diff(item.old, item.new)
                spans = list(diff.spans)
                if item.counts is None:
                    item.counts = diff.counts()
            else:
                spans = item.spans
            return DiffRow("change", item.old + 1, item.new + 1, spans)
        if kind == "<":
            assert item.old is not None and item.partner is not None
            diff = self.word_diff(item.old, item.partner)
            spans = diff.spans
            if item.counts is None:
                item.counts = diff.counts()
            return DiffRow("move-from", item.old + 1, None, list(spans), moved_to=item.partner + 1)
        assert item.new is not None and item.partner is not None
        spans = self.word_diff(item.partner, item.new).spans
        return DiffRow("move-to", None, item.new + 1, list(spans), moved_from=item.partner + 1)


def _one_side_spans(tokens: list[str], changed: list[bool], op: SpanOp) -> list[Span]:
    """Spans of one line on its own: kept tokens as "=", the others as ``op``."""
    spans: list[Span] = []
    position, size = 0, len(tokens)
    while position < size:
        flag = changed[position]
        end = _next(changed, not flag, position)
        spans.append((op if flag else "=", "".join(tokens[position:end])))
        position = end
    return spans


def _span_counts(spans: list[Span]) -> tuple[int, int, int, int]:
    """Words added, words removed, characters added, characters removed in these spans."""
    words_added = words_removed = chars_added = chars_removed = 0
    for op, text in spans:
        if op == "+":
            chars_added += len(text)
            words_added += _count_words(text)
        elif op == "-":
            chars_removed += len(text)
            words_removed += _count_words(text)
    return words_added, words_removed, chars_added, chars_removed


def _next(flags: list[bool], value: bool, start: int) -> int:
    """Index of the first ``value`` in ``flags`` from ``start`` (len(flags) if none)."""
    try:
        return flags.index(value, start)
    except ValueError:
        return len(flags)


def _spans_similarity(spans: list[Span]) -> float:
    """wikidiff2's similarity: kept bytes over kept bytes plus each replaced run's longer side.

    Sizes are in UTF-8 bytes, as wikidiff2 counts them; a replaced run is the ``-`` and ``+``
    spans between two ``=`` spans.
    """
    copied = total = removed = added = 0
    for op, text in spans:
        size = len(text) if text.isascii() else len(text.encode("utf-8"))
        if op == "=":
            total += max(removed, added)
            removed = added = 0
            copied += size
        elif op == "-":
            removed = size
        else:
            added = size
    total += max(removed, added) + copied
    return copied / total if copied and total else 0.0


def _spans_from_flags(
    tokens_a: list[str], tokens_b: list[str], a_changed: list[bool], b_changed: list[bool]
) -> list[Span]:
    """Spans of a line pair from its per-token change flags."""
    n, m = len(tokens_a), len(tokens_b)
    # Past its end each flag list gets a True, then a False, so that list.index (a C scan)
    # always finds what it looks for: True at the end at the latest; False capped to the end.
    find_a = [*a_changed, True, False].index
    find_b = [*b_changed, True, False].index
    join = "".join
    spans: list[Span] = []
    append = spans.append
    i = j = 0
    while i < n or j < m:
        # Unchanged tokens pair up in order: the run lasts until either side changes.
        run = min(find_a(True, i) - i, find_b(True, j) - j)
        if run:
            append(("=", join(tokens_a[i : i + run])))
            i += run
            j += run
        i_end = min(find_a(False, i), n)
        j_end = min(find_b(False, j), m)
        if i_end > i:
            append(("-", join(tokens_a[i:i_end])))
        if j_end > j:
            append(("+", join(tokens_b[j:j_end])))
        i, j = i_end, j_end
    return spans


def _hunks(rows: list[DiffRow], context: int | None, old_text: str, new_text: str) -> list[Hunk]:
    """Group rows into hunks with ``context`` unchanged rows around changes (None = all)."""
    if not rows:
        return []
    # Line numbers each row would be "at" on each side, for hunk headers.
    old_at: list[int] = []
    new_at: list[int] = []
    old_next = new_next = 1
    for row in rows:
        old_at.append(row.old_line or old_next)
        new_at.append(row.new_line or new_next)
        if row.old_line is not None:
            old_next = row.old_line + 1
        if row.new_line is not None:
            new_next = row.new_line + 1
    changed = [index for index, row in enumerate(rows) if row.type != "context"]
    if context is None:
        ranges = [(0, len(rows))]
    else:
        if not changed:
            return []
        context = max(context, 0)
        ranges = []
        for index in changed:
            start, end = max(index - context, 0), min(index + context + 1, len(rows))
            if ranges and start <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
    sections = _SectionLabels(old_text, new_text)
    hunks: list[Hunk] = []
    for start, end in ranges:
        first_change = next(
            (index for index in range(start, end) if rows[index].type != "context"), start
        )
        row = rows[first_change]
        if row.new_line is not None:
            section = sections.new(row.new_line)
        else:
            section = sections.old(old_at[first_change])
        hunks.append(Hunk(old_at[start], new_at[start], section, rows[start:end]))
    return hunks


class _SectionLabels:
    """Section paths by line number, on either side, built only when first asked."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self._texts = (old_text, new_text)
        self._indexes: dict[int, SectionIndex] = {}

    def _label(self, side: int, line: int) -> str | None:
        index = self._indexes.get(side)
        if index is None:
            # Imported here: a diff without hunks (identical texts) never needs it.
            from wikitui.sections import SectionIndex

            index = self._indexes[side] = SectionIndex(self._texts[side])
        return index.label_at(line)

    def old(self, line: int) -> str | None:
        return self._label(0, line)

    def new(self, line: int) -> str | None:
        return self._label(1, line)


# In ASCII text a word starts where a run of [0-9A-Za-z_] starts with a letter or digit.
_ASCII_WORD_START = re.compile(r"(?<![0-9A-Za-z_])[0-9A-Za-z]")


def _count_words(text: str) -> int:
    """Words (tokens starting with a letter or digit) in a span's text."""
    if text.isascii():
        return len(_ASCII_WORD_START.findall(text))
    return count_words(tokenize(text))


def _stats(items: list[_Item], rows: list[DiffRow], old: str, new: str) -> DiffStats:
    stats = DiffStats()
    stats.bytes_delta = _utf8_len(new) - _utf8_len(old)
    for item, row in zip(items, rows, strict=True):
        kind = row.type
        if kind == "context":
            continue
        if kind == "move-to":
            continue  # a move is counted once, at its old place
        if kind == "add":
            stats.lines_added += 1
        elif kind == "delete":
            stats.lines_removed += 1
        elif kind == "change":
            stats.lines_changed += 1
        else:
            stats.paragraphs_moved += 1
        counts = item.counts if item.counts is not None else _span_counts(row.spans)
        stats.words_added += counts[0]
        stats.words_removed += counts[1]
        stats.chars_added += counts[2]
        stats.chars_removed += counts[3]
    return stats


def diff_texts(
    old: str, new: str, context: int | None = 2, *, pairing: Pairing = "similarity"
) -> DiffResult:
    """Diff two wikitexts the way wikidiff2 does; ``context=None`` keeps every line.

    ``pairing="wikidiff2"`` pairs replaced lines strictly in order, as wikidiff2 1.13 (the
    version Debian ships) does, instead of by similarity with splits and merges; it exists
    to measure agreement with the reference.

    The result is plain data that depends only on the arguments, so callers may cache it
    (the app keys an LRU on the two revisions and the context).
    """
    old, new, capped = cap_long_lines(old, new)
    # Many small objects, no reference cycles: see wikitui.gc_pause.
    with collector_paused():
        result = _diff(old, new, context, pairing)
    result.notes[:0] = capped
    return result


def _diff(old: str, new: str, context: int | None, pairing: Pairing) -> DiffResult:
    differ = _Differ(old, new, pairing)
    identical = differ.old == differ.new
    items = [_Item("=", k, k) for k in range(len(differ.old))] if identical else differ.items()
    rows = [differ.row(item) for item in items]
    notes = differ.notes
    old_crlf, new_crlf = "\r\n" in old, "\r\n" in new
    if old_crlf != new_crlf:
        notes.append("line endings differ (CRLF on one side only); they are not compared")
    if old and new and old.endswith("\n") != new.endswith("\n"):
        side = "old" if not old.endswith("\n") else "new"
        notes.append(f"the {side} text has no newline at its end; this is not shown as a change")
    return DiffResult(
        hunks=_hunks(rows, context, old, new),
        stats=_stats(items, rows, old, new),
        identical=identical,
        notes=notes,
    )
