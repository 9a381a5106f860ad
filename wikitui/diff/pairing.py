"""Pairing replaced lines: which old line became which new one, and splits and merges.

In a run where old lines were replaced by new ones, old and new lines are paired by
similarity (the best total over the run, in order); pairs at least
:data:`~wikitui.diff.similarity.CHANGE_THRESHOLD` similar become ``change`` rows with
word-level spans, the rest are deleted and added lines. A paragraph split in two (or two
merged into one) is recognised, so that only really new words stand out.
"""

from __future__ import annotations

from typing import Literal

from wikitui.diff.items import Item
from wikitui.diff.similarity import CHANGE_THRESHOLD, Line, Lines, shared_weight
from wikitui.diff.spans import one_side_spans, span_counts, spans_from_flags, spans_similarity

#: A paragraph is shown as split into (or merged from) neighbouring lines when it is at least
#: this similar to them together (wikidiff2's final split threshold).
SPLIT_THRESHOLD = 0.6
#: The most lines (blank lines included) a split or merge may span.
MAX_SPLIT_LINES = 7
#: Replaced runs up to this many old x new line pairs are paired by best similarity; longer
#: runs pair lines in order, as wikidiff2 does.
MAX_PAIRING_COMPLEXITY = 400

#: How replaced lines are paired: ``"similarity"`` (wikitui: best similarity within a run,
#: splits and merges recognised) or ``"wikidiff2"`` (wikidiff2 1.13: in order, no splits).
Pairing = Literal["similarity", "wikidiff2"]


def pair_block(
    lines: Lines, a0: int, a1: int, b0: int, b1: int, pairing: Pairing = "similarity"
) -> list[Item]:
    """Rows for a run where old lines a0..a1 were replaced by new lines b0..b1."""
    n, m = a1 - a0, b1 - b0
    if pairing == "wikidiff2":
        return _pair_in_order(lines, a0, a1, b0, b1)
    if n * m <= MAX_PAIRING_COMPLEXITY:
        pairs = _best_pairs(lines, a0, a1, b0, b1)
    else:
        pairs = [
            (a0 + k, b0 + k)
            for k in range(min(n, m))
            if lines.similarity(a0 + k, b0 + k, CHANGE_THRESHOLD) > CHANGE_THRESHOLD
        ]
    items: list[Item] = []
    i, j = a0, b0
    for pi, pj in [*pairs, (a1, b1)]:
        items.extend(Item("-", k, None) for k in range(i, pi))
        items.extend(Item("+", None, k) for k in range(j, pj))
        if pi < a1 and pj < b1:
            items.append(Item("~", pi, pj))
        i, j = pi + 1, pj + 1
    if n != m:
        items = join_splits(lines, items)
    return items


def _pair_in_order(lines: Lines, a0: int, a1: int, b0: int, b1: int) -> list[Item]:
    """wikidiff2 1.13's pairing: k-th old line with k-th new line, if similar enough.

    A dissimilar pair becomes an added line followed by a deleted one (wikidiff2's
    order); lines left over at the end of the longer side are deleted or added.
    """
    items: list[Item] = []
    common = min(a1 - a0, b1 - b0)
    for k in range(common):
        if lines.similarity(a0 + k, b0 + k, CHANGE_THRESHOLD, likely=True) > CHANGE_THRESHOLD:
            items.append(Item("~", a0 + k, b0 + k))
        else:
            items.append(Item("+", None, b0 + k))
            items.append(Item("-", a0 + k, None))
    items.extend(Item("-", k, None) for k in range(a0 + common, a1))
    items.extend(Item("+", None, k) for k in range(b0 + common, b1))
    return items


def _best_pairs(lines: Lines, a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int]]:
    """Ordered pairs of similar lines maximising the total similarity (small runs)."""
    n, m = a1 - a0, b1 - b0
    if n == m and all(
        lines.similarity(a0 + k, b0 + k, CHANGE_THRESHOLD, likely=True) > CHANGE_THRESHOLD
        for k in range(n)
    ):
        return [(a0 + k, b0 + k) for k in range(n)]  # the common case: edits in place
    if n == 1 or m == 1:
        # One line against several: the best single pair, by branch and bound.
        cells = [(a0 + x, b0 + y) for x in range(n) for y in range(m)]
        choice = _most_similar(lines, cells, CHANGE_THRESHOLD)
        return [] if choice is None else [choice]
    sim = [[lines.similarity(a0 + x, b0 + y, CHANGE_THRESHOLD) for y in range(m)] for x in range(n)]
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
    lines: Lines, cells: list[tuple[int, int]], threshold: float
) -> tuple[int, int] | None:
    """The (old, new) pair of ``cells`` most similar above ``threshold`` (first of equals).

    Pairs are tried from the highest cheap upper bound down until no bound can beat the
    best similarity found, so unrelated paragraphs next to a well matched one are seldom
    diffed.
    """
    order = sorted(range(len(cells)), key=lambda k: (-lines.change_bound(*cells[k]), k))
    best: int | None = None
    best_similarity = threshold
    for k in order:
        if lines.change_bound(*cells[k]) < best_similarity:
            break
        similarity = lines.similarity(*cells[k], threshold)
        if similarity > best_similarity or (
            similarity == best_similarity and best is not None and k < best
        ):
            best, best_similarity = k, similarity
    return None if best is None else cells[best]


# -- paragraphs split in two, or merged into one ---------------------------------------


def join_splits(lines: Lines, items: list[Item]) -> list[Item]:
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
                group = _split_group(lines, items, index, side)
                if group is not None:
                    start, end, replacement = group
                    items[start:end] = replacement
                    index = start + replacement.index(next(x for x in replacement if x.kind == "~"))
                    break
        index += 1
    return items


def _split_group(
    lines: Lines, items: list[Item], index: int, side: str
) -> tuple[int, int, list[Item]] | None:
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
    texts = lines.new if side == "+" else lines.old
    single = lines.similarity(pair.old, pair.new, 0.0)
    best: tuple[float, int, int] | None = None
    for first in range(left, index + 1):
        for last in range(index, right + 1):
            if first == last or last - first >= MAX_SPLIT_LINES:
                continue
            ends = (getattr(items[first], attr), getattr(items[last], attr))
            if not texts[ends[0]] or not texts[ends[1]]:
                continue  # a group never starts or ends on a blank line
            if not all(
                _shares_words(lines, side, pair, end)
                for end, member in zip(ends, (first, last), strict=True)
                if member != index
            ):
                continue  # sharing only "{{", "|" or spaces is no split
            floor = max(SPLIT_THRESHOLD, single, best[0] if best else 0.0)
            if _group_bound(lines, side, pair, ends[0], ends[1]) <= floor:
                continue
            similarity = _group_similarity(lines, side, pair, ends[0], ends[1])
            if best is None or similarity > best[0]:
                best = (similarity, first, last)
    if best is None or best[0] < SPLIT_THRESHOLD or best[0] <= single:
        return None
    _, first, last = best
    return first, last + 1, _group_items(lines, side, pair, items[first : last + 1])


def _shares_words(lines: Lines, side: str, pair: Item, line: int) -> bool:
    """Whether ``line`` of ``side`` has a word (not only punctuation) in the paired line."""
    assert pair.old is not None and pair.new is not None
    other = "-" if side == "+" else "+"
    single = lines.weights(other, pair.old if other == "-" else pair.new)
    shared = lines.weights(side, line).keys() & single.keys()
    return any(any(ch.isalnum() for ch in token) for token in shared)


def _group_line(lines: Lines, side: str, first: int, last: int) -> tuple[Line, list[int]]:
    """Lines first..last of one side joined by newline tokens, and each line's start."""
    tokens: list[str] = []
    starts: list[int] = []
    for line in range(first, last + 1):
        if line > first:
            tokens.append("\n")
        starts.append(len(tokens))
        tokens.extend(lines.line(side, line).tokens)
    return lines.make_line(tokens, "".join(tokens)), starts


def _group_bound(lines: Lines, side: str, pair: Item, first: int, last: int) -> float:
    """Upper bound of :meth:`_group_similarity` from the bytes of the tokens shared."""
    assert pair.old is not None and pair.new is not None
    other = "-" if side == "+" else "+"
    single = lines.weights(other, pair.old if other == "-" else pair.new)
    group: dict[str, int] = {}
    size = 0
    for line in range(first, last + 1):
        size += lines.line(side, line).size
        for token, weight in lines.weights(side, line).items():
            group[token] = group.get(token, 0) + weight
    single_size = lines.line(other, pair.old if other == "-" else pair.new).size
    return shared_weight(single, group) / max(size, single_size, 1)


def _group_similarity(lines: Lines, side: str, pair: Item, first: int, last: int) -> float:
    assert pair.old is not None and pair.new is not None
    group, _ = _group_line(lines, side, first, last)
    single = lines.line("-", pair.old) if side == "+" else lines.line("+", pair.new)
    old, new = (single, group) if side == "+" else (group, single)
    flags = lines.token_flags(old, new)
    if flags is None:
        return 0.0
    return spans_similarity(spans_from_flags(old.tokens, new.tokens, flags[0], flags[1]))


def _group_items(lines: Lines, side: str, pair: Item, members: list[Item]) -> list[Item]:
    """Rows of a split (side "+") or merge ("-"): the pair and its other lines."""
    assert pair.old is not None and pair.new is not None
    attr = "new" if side == "+" else "old"
    first, last = getattr(members[0], attr), getattr(members[-1], attr)
    group_line, starts = _group_line(lines, side, first, last)
    group = group_line.tokens
    single_line = lines.line("-", pair.old) if side == "+" else lines.line("+", pair.new)
    single = single_line.tokens
    if side == "+":
        flags = lines.token_flags(single_line, group_line)
        assert flags is not None
        single_changed, group_changed = flags[0], flags[1]
        whole = spans_from_flags(single, group, single_changed, group_changed)
    else:
        flags = lines.token_flags(group_line, single_line)
        assert flags is not None
        group_changed, single_changed = flags[0], flags[1]
        whole = spans_from_flags(group, single, group_changed, single_changed)
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
    result: list[Item] = []
    for number, member in enumerate(members):
        start = starts[number]
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(group)
        tokens = group[start:end]
        changed = group_changed[start:end]
        if number == centre:
            if side == "+":
                spans = spans_from_flags(single, tokens, single_here, changed)
            else:
                spans = spans_from_flags(tokens, single, changed, single_here)
            words_added, words_removed, chars_added, chars_removed = span_counts(whole)
            newlines = len(starts) - 1
            if side == "+":
                chars_added -= newlines
            else:
                chars_removed -= newlines
            counts = (words_added, words_removed, chars_added, chars_removed)
            result.append(Item("~", pair.old, pair.new, spans=spans, counts=counts))
        else:
            spans = one_side_spans(tokens, changed, "+" if side == "+" else "-")
            result.append(
                Item(member.kind, member.old, member.new, spans=spans, counts=(0, 0, 0, 0))
            )
    return result
