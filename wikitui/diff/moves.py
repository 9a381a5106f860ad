"""Moved paragraphs: a deleted line and an added one elsewhere that are alike.

Among the deleted and added lines left over after pairing, an added line more than
:data:`~wikitui.diff.similarity.MOVED_LINE_THRESHOLD` similar to a deleted one is a move
(skipped when more than :data:`MAX_MOVED_LINES` lines were added or removed, as wikidiff2
does). Each line takes its most similar partner; most pairs are ruled out by cheap bounds
without a word-level diff.
"""

from __future__ import annotations

from wikitui.diff.items import Item
from wikitui.diff.similarity import MOVED_LINE_THRESHOLD, Lines

#: No move detection when more lines than this were added plus removed (wikidiff2: 100).
MAX_MOVED_LINES = 100
#: A move candidate whose cheap upper bound (shared bytes) is at least this is diffed
#: straight away instead of being bounded first: measured on generated and real histories,
#: such pairs are nearly always real moves (similarity close to the bound), while unrelated
#: paragraphs of one article reach about 0.5 on shared spaces, punctuation and common words.
#: It changes only the work done, never the result.
LIKELY_MOVE_BOUND = 0.55


def detect_moves(lines: Lines, items: list[Item], notes: list[str]) -> list[Item]:
    """Turn deleted/added line pairs that are similar enough into moves (or changes)."""
    candidates = [
        index for index, item in enumerate(items) if item.kind in "-+" and item.spans is None
    ]
    deleted = [index for index in candidates if items[index].kind == "-"]
    added = [index for index in candidates if items[index].kind == "+"]
    if not deleted or not added:
        return items  # nothing can have moved
    if len(candidates) > MAX_MOVED_LINES:
        notes.append(
            f"moved paragraphs were not looked for: {len(candidates)} lines were added or"
            f" removed (limit {MAX_MOVED_LINES})"
        )
        return items
    matched: dict[int, int] = {}
    for index in candidates:
        if index in matched:
            continue
        best = _best_move(
            lines, items, index, added if items[index].kind == "-" else deleted, matched
        )
        if best >= 0:
            matched[index] = best
            matched[best] = index
    if not matched:
        return items
    result: list[Item] = []
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
            result.append(Item("~", old, new))
            skip.add(partner)
        elif item.kind == "-":
            result.append(Item("<", old, None, new))
        else:
            result.append(Item(">", None, new, old))
    return result


def _best_move(
    lines: Lines, items: list[Item], index: int, others: list[int], matched: dict[int, int]
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
    own_size = lines.size(item.kind, own)
    other_side = "+" if deleted else "-"
    scored: list[tuple[float, int, int, int]] = []
    for other in others:
        if other in matched:
            continue
        line = items[other].new if deleted else items[other].old
        assert line is not None
        # The length ratio first, as _cheap_bound has it: most pairs stop here.
        size = lines.size(other_side, line)
        longest = max(own_size, size)
        if not longest or min(own_size, size) / longest <= MOVED_LINE_THRESHOLD:
            continue
        old, new = (own, line) if deleted else (line, own)
        bound = lines.cheap_bound(old, new)
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
        similarity = lines.similarity(old, new, floor, for_move=True, likely=likely)
        if similarity > best_similarity or (
            similarity == best_similarity and best_index >= 0 and other < best_index
        ):
            best_index, best_similarity = other, similarity
    return best_index
