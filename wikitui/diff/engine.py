"""The diff engine: lines first, then words inside paired lines, then moved paragraphs.

It follows wikidiff2, the engine behind Wikipedia's diff pages, in four steps, one module
each:

1. Align the two texts line by line: a longest common subsequence of whole lines
   (:mod:`wikitui.diff.align`).
2. In each run where old lines were replaced by new ones, pair old and new lines by
   similarity, recognising paragraphs split in two or merged (:mod:`wikitui.diff.pairing`,
   on the similarity and word diffs of :mod:`wikitui.diff.similarity`).
3. Among the deleted and added lines left over, find moved paragraphs
   (:mod:`wikitui.diff.moves`).
4. Turn the items into rows, group them into hunks with context, label each with its
   section, and count the changes (:mod:`wikitui.diff.hunks`).

Limits that keep big inputs fast are recorded in :attr:`DiffResult.notes` when they apply.
"""

from __future__ import annotations

import time

from wikitui.diff.align import align_lines, blocks
from wikitui.diff.hunks import count_changes, hunks, row
from wikitui.diff.items import Item
from wikitui.diff.limits import cap_long_lines
from wikitui.diff.model import DiffResult
from wikitui.diff.moves import detect_moves
from wikitui.diff.pairing import Pairing, pair_block
from wikitui.diff.similarity import WORD_DIFF_TIMEOUT, Lines
from wikitui.gc_pause import collector_paused

#: Seconds the Myers search may spend aligning lines before settling for a coarser diff.
LINE_DIFF_TIMEOUT = 3.0


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
    lines = Lines(old, new)
    notes: list[str] = []
    identical = lines.old == lines.new
    if identical:
        items = [Item("=", k, k) for k in range(len(lines.old))]
    else:
        items = _aligned_and_paired(lines, pairing, notes)  # steps 1 and 2
        items = detect_moves(lines, items, notes)  # step 3
        notes.extend(_word_level_notes(lines))
    rows = [row(lines, item) for item in items]  # step 4
    notes.extend(_line_end_notes(old, new))
    return DiffResult(
        hunks=hunks(rows, context, old, new),
        stats=count_changes(items, rows, old, new),
        identical=identical,
        notes=notes,
    )


def _aligned_and_paired(lines: Lines, pairing: Pairing, notes: list[str]) -> list[Item]:
    """Rows to be, in order: kept lines from the line alignment, replaced runs paired."""
    started = time.perf_counter()
    alignment = align_lines(lines.old, lines.new, LINE_DIFF_TIMEOUT)
    if alignment.timed_out:
        notes.append(
            f"line alignment stopped after {time.perf_counter() - started:.1f} s;"
            " some unchanged lines may be shown as changed"
        )
    items: list[Item] = []
    for block in blocks(alignment.a_changed, alignment.b_changed):
        if block.kind == "copy":
            items.extend(Item("=", block.a0 + k, block.b0 + k) for k in range(block.a1 - block.a0))
        elif block.kind == "del":
            items.extend(Item("-", k, None) for k in range(block.a0, block.a1))
        elif block.kind == "add":
            items.extend(Item("+", None, k) for k in range(block.b0, block.b1))
        else:
            items.extend(pair_block(lines, block.a0, block.a1, block.b0, block.b1, pairing))
    return items


def _word_level_notes(lines: Lines) -> list[str]:
    """What the word-level diffs had to cut short, if anything."""
    notes = []
    if lines.bailouts:
        notes.append(
            f"{lines.bailouts} changed line pair(s) too long to compare word by word"
            " (shown as wholly replaced)"
        )
    if lines.word_timeouts:
        notes.append(
            f"word-level comparison of {lines.word_timeouts} line pair(s) was cut short"
            f" after {WORD_DIFF_TIMEOUT} s; the highlighted words may be coarser"
        )
    return notes


def _line_end_notes(old: str, new: str) -> list[str]:
    """Line-end differences the diff does not show as changes."""
    notes = []
    if ("\r\n" in old) != ("\r\n" in new):
        notes.append("line endings differ (CRLF on one side only); they are not compared")
    if old and new and old.endswith("\n") != new.endswith("\n"):
        side = "old" if not old.endswith("\n") else "new"
        notes.append(f"the {side} text has no newline at its end; this is not shown as a change")
    return notes
