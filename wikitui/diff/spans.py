"""Spans of a word-level diff: built from per-token change flags, measured and counted.

A span is a run of whole tokens with one operation: ``=`` on both sides, ``-`` old side
only, ``+`` new side only.
"""

from __future__ import annotations

import re

from wikitui.diff import compiled
from wikitui.diff.model import Span, SpanOp
from wikitui.diff.tokens import count_words, tokenize


def spans_from_flags(
    tokens_a: list[str], tokens_b: list[str], a_changed: list[bool], b_changed: list[bool]
) -> list[Span]:
    """Spans of a line pair from its per-token change flags."""
    if compiled.speedups is not None:
        spans: list[Span] = compiled.speedups.spans_from_flags(
            tokens_a, tokens_b, a_changed, b_changed
        )
        return spans
    n, m = len(tokens_a), len(tokens_b)
    # Past its end each flag list gets a True, then a False, so that list.index (a C scan)
    # always finds what it looks for: True at the end at the latest; False capped to the end.
    find_a = [*a_changed, True, False].index
    find_b = [*b_changed, True, False].index
    join = "".join
    spans = []
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


def one_side_spans(tokens: list[str], changed: list[bool], op: SpanOp) -> list[Span]:
    """Spans of one line on its own: kept tokens as "=", the others as ``op``."""
    spans: list[Span] = []
    position, size = 0, len(tokens)
    while position < size:
        flag = changed[position]
        end = _next(changed, not flag, position)
        spans.append((op if flag else "=", "".join(tokens[position:end])))
        position = end
    return spans


def _next(flags: list[bool], value: bool, start: int) -> int:
    """Index of the first ``value`` in ``flags`` from ``start`` (len(flags) if none)."""
    try:
        return flags.index(value, start)
    except ValueError:
        return len(flags)


def spans_similarity(spans: list[Span]) -> float:
    """wikidiff2's similarity: kept bytes over kept bytes plus each replaced run's longer side.

    Sizes are in UTF-8 bytes, as wikidiff2 counts them; a replaced run is the ``-`` and ``+``
    spans between two ``=`` spans.
    """
    if compiled.speedups is not None:
        return compiled.speedups.spans_similarity(spans)
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


def span_counts(spans: list[Span]) -> tuple[int, int, int, int]:
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


# In ASCII text a word starts where a run of [0-9A-Za-z_] starts with a letter or digit.
_ASCII_WORD_START = re.compile(r"(?<![0-9A-Za-z_])[0-9A-Za-z]")


def _count_words(text: str) -> int:
    """Words (tokens starting with a letter or digit) in a span's text."""
    if text.isascii():
        return len(_ASCII_WORD_START.findall(text))
    return count_words(tokenize(text))
