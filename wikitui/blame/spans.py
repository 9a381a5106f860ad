"""A blamed revision: its text cut into spans, each added by one revision.

The history pass keeps only token ids; offsets come from tokenising the blamed revision's own
text again (:func:`wikitui.blame.tokens.token_offsets`), which gives the same tokens in the
same order. Whitespace goes to the token before it (leading whitespace to the first token),
and neighbouring tokens of the same revision merge into one span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wikitui.blame.tokens import token_offsets


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` was added by the page's revision number ``index`` (code points)."""

    start: int
    end: int
    index: int


@dataclass(frozen=True, slots=True)
class Blame:
    """The authorship of one revision's text: ``index`` is the blamed revision's in the page."""

    index: int
    text: str
    spans: tuple[Span, ...]
    tokens: tuple[tuple[int, int, int], ...]  # (start, end, origin index) of each token

    def span_at(self, offset: int) -> Span | None:
        """The span holding the character at ``offset`` (None outside the text)."""
        position = self._first_ending_after(offset)
        if position < len(self.spans) and self.spans[position].start <= offset:
            return self.spans[position]
        return None

    def spans_between(self, start: int, end: int) -> list[Span]:
        """The spans that overlap ``text[start:end]``, in order."""
        found = []
        for position in range(self._first_ending_after(start), len(self.spans)):
            span = self.spans[position]
            if span.start >= end:
                break
            found.append(span)
        return found

    def _first_ending_after(self, offset: int) -> int:
        """The position of the first span whose end is past ``offset`` (binary search)."""
        low, high = 0, len(self.spans)
        while low < high:
            middle = (low + high) // 2
            if self.spans[middle].end <= offset:
                low = middle + 1
            else:
                high = middle
        return low


def build_blame(index: int, text: str, origins: Sequence[int]) -> Blame:
    """Join a text's tokens to their origins (page indexes, one per token, in order).

    Raises ValueError when the counts differ: the origins were not computed for this text.
    """
    offsets = list(token_offsets(text))
    if len(offsets) != len(origins):
        raise ValueError(f"{len(offsets)} tokens in the text, {len(origins)} in the state")
    tokens = tuple(
        (start, end, origin) for (start, end), origin in zip(offsets, origins, strict=True)
    )
    spans: list[Span] = []
    if not tokens:
        if text:
            spans.append(Span(0, len(text), index))
        return Blame(index, text, tuple(spans), tokens)
    run_start, run_origin = 0, tokens[0][2]
    for start, _, origin in tokens[1:]:
        if origin != run_origin:
            # Every non-space character is in a token, so what lies between two tokens is
            # whitespace: it stays with the run before it.
            spans.append(Span(run_start, start, run_origin))
            run_start, run_origin = start, origin
    spans.append(Span(run_start, len(text), run_origin))
    return Blame(index, text, tuple(spans), tokens)
