"""How alike two lines are: word-level diffs of line pairs and wikidiff2's similarity figure.

The similarity of two lines is wikidiff2's: the bytes a word-level diff keeps, over the kept
bytes plus the longer side of each replaced run. Working it out needs that diff, so cheap
upper bounds (line lengths, then the bytes of the tokens both lines share, then the bytes of
the L largest shared tokens, L a longest common subsequence's length) rule out most pairs
first. Everything is cached per line and per pair: pairing and the move search ask about the
same lines again and again.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress
from operator import floordiv, mul

from diff_match_patch import diff_match_patch

from wikitui.diff import compiled
from wikitui.diff.align import Encoder, align_encoded, bit_masks, lcs_length
from wikitui.diff.boundaries import shift_boundaries
from wikitui.diff.model import Span
from wikitui.diff.spans import span_counts, spans_from_flags, spans_similarity
from wikitui.diff.tokens import count_words, split_lines, tokenize, utf8_size

#: A replaced line pair at least this similar is shown as a change (wikidiff2's default 0.2).
CHANGE_THRESHOLD = 0.2
#: A deleted and an added line more similar than this may be a move (wikidiff2: 0.4).
MOVED_LINE_THRESHOLD = 0.4
#: Word-level diffing of a line pair is skipped when the product of the two lines' word
#: counts (after their common start and end) exceeds this; the whole line is then shown as
#: replaced. wikidiff2's default is 40,000,000 for C++; a pure-Python engine needs less.
MAX_WORD_LEVEL_COMPLEXITY = 4_000_000
#: Seconds the Myers search may spend on one line pair before settling for a coarser diff.
WORD_DIFF_TIMEOUT = 0.25


def shared_weight(weights_a: dict[str, int], weights_b: dict[str, int]) -> int:
    """The bytes the tokens of two lines (their :meth:`Lines.weights`) have in common: for
    each token both have, the smaller of its two weights."""
    if compiled.speedups is not None:
        return compiled.speedups.shared_weight(weights_a, weights_b)
    shared = weights_a.keys() & weights_b.keys()
    # map() over built-ins keeps this loop in C: it runs for every candidate pair.
    return sum(map(min, map(weights_a.__getitem__, shared), map(weights_b.__getitem__, shared)))


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
            return span_counts(self.spans)
        tokens_a, tokens_b, a_changed, b_changed = self.source
        removed = list(compress(tokens_a, a_changed))
        added = list(compress(tokens_b, b_changed))
        return (
            count_words(added),
            count_words(removed),
            sum(map(len, added)),
            sum(map(len, removed)),
        )


class Line:
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


class Lines:
    """The two texts' lines, with what has been worked out about them and their pairs.

    Sides are named as in spans: ``"-"`` the old text, ``"+"`` the new one. ``bailouts`` and
    ``word_timeouts`` count the line pairs that could not be diffed word by word in full.
    """

    def __init__(self, old: str, new: str) -> None:
        self.old = split_lines(old)
        self.new = split_lines(new)
        self.encoder = Encoder()
        self._old_lines: dict[int, Line] = {}
        self._new_lines: dict[int, Line] = {}
        self._old_weights: dict[int, dict[str, int]] = {}
        self._new_weights: dict[int, dict[str, int]] = {}
        self._old_counts: dict[int, Counter[str]] = {}
        self._new_counts: dict[int, Counter[str]] = {}
        self._old_sizes: dict[int, int] = {}
        self._new_sizes: dict[int, int] = {}
        self._word_diffs: dict[tuple[int, int], WordDiff] = {}
        self._ruled_out: dict[tuple[int, int], float] = {}  # pair -> threshold it is under
        self._cheap_bounds: dict[tuple[int, int], float] = {}
        self.bailouts = 0
        self.word_timeouts = 0
        self._dmp = diff_match_patch()

    # -- one line ----------------------------------------------------------------------------

    def text(self, side: str, index: int) -> str:
        """The text of old (``side`` "-") or new ("+") line ``index``."""
        return (self.old if side == "-" else self.new)[index]

    def line(self, side: str, index: int) -> Line:
        """Tokens, codes and size of old (``side`` "-") or new ("+") line ``index``."""
        cache = self._old_lines if side == "-" else self._new_lines
        found = cache.get(index)
        if found is None:
            text = (self.old if side == "-" else self.new)[index]
            found = cache[index] = self.make_line(tokenize(text), text)
        return found

    def make_line(self, tokens: list[str], text: str) -> Line:
        """A :class:`Line` for tokens that are not one line of either text (a joined group)."""
        return Line(tokens, self.encoder.encode(tokens), utf8_size(text))

    def size(self, side: str, index: int) -> int:
        """The UTF-8 size of a line, without tokenising it (length bounds come first)."""
        cache = self._old_sizes if side == "-" else self._new_sizes
        found = cache.get(index)
        if found is None:
            found = cache[index] = utf8_size((self.old if side == "-" else self.new)[index])
        return found

    def weights(self, side: str, index: int) -> dict[str, int]:
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

    # -- bounds ------------------------------------------------------------------------------

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
        weights_a, weights_b = self.weights("-", i), self.weights("+", j)
        if shared_weight(weights_a, weights_b) <= limit:
            return True
        if not deep:
            return False
        kept = self._lcs_length(line_a, line_b)
        # The kept tokens are at most the L largest of the shared ones (by single size), each
        # as often as the line that has it fewer times. (Sizes and counts are built by map()
        # over built-ins: no Python-level loop over the shared tokens.)
        counts_a, counts_b = self._old_counts[i], self._new_counts[j]
        tokens = list(weights_a.keys() & weights_b.keys())
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

    @staticmethod
    def _lcs_length(line_a: Line, line_b: Line) -> int:
        """How many tokens a longest common subsequence of two lines has."""
        if compiled.speedups is not None:
            return compiled.speedups.lcs_length(line_a.encoded, line_b.encoded)
        # The length is the same either way round. The move search compares one line with
        # many: a line whose masks are built already is used again; else the longer line
        # gets them (the loop runs over the other one).
        if line_b.has_masks and not line_a.has_masks:
            masked, other = line_b, line_a
        elif line_a.has_masks or len(line_a.tokens) >= len(line_b.tokens):
            masked, other = line_a, line_b
        else:
            masked, other = line_b, line_a
        return lcs_length(masked.encoded, other.encoded, masked.masks)

    def cheap_bound(self, i: int, j: int) -> float:
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
            kept = shared_weight(self.weights("-", i), self.weights("+", j))
            bound = min(kept, size_a, size_b) / longest
        self._cheap_bounds[key] = bound
        return bound

    def change_bound(self, i: int, j: int) -> float:
        """Upper bound of the similarity for change decisions (1.0 where it could bail out)."""
        if len(self.line("-", i).tokens) * len(self.line("+", j).tokens) > (
            MAX_WORD_LEVEL_COMPLEXITY
        ):
            return 1.0  # too complex to diff: counts as similar, as in wikidiff2
        return self.cheap_bound(i, j)

    # -- similarity and word diffs -----------------------------------------------------------

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
        spans = spans_from_flags(line_a.tokens, line_b.tokens, a_changed, b_changed)
        return WordDiff(
            spans_similarity(spans),
            spans,
            timed_out=timed_out,
            source=(line_a.tokens, line_b.tokens, a_changed, b_changed),
        )

    def token_flags(self, line_a: Line, line_b: Line) -> tuple[list[bool], list[bool], bool] | None:
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
