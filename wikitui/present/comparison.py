"""What the diff pane compares and the cached work behind it (pure Python, no Textual).

A :class:`Comparison` names two revisions of a page, the mode (wikitext or the rendered,
"visual" text) and the context; :class:`DiffCache` computes its
:class:`~wikitui.diff.model.DiffResult` once and keeps the most recent results, so stepping
back and forth through a history never diffs the same pair twice.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wikitui.diff.model import DiffResult
from wikitui.model import Page, Revision


@dataclass(frozen=True, slots=True)
class Comparison:
    """The revision ``new_index`` of ``page`` against ``old_index`` (None: a page creation)."""

    page: Page
    old_index: int | None
    new_index: int
    visual: bool = False
    context: int | None = 2

    @property
    def old(self) -> Revision | None:
        """The old revision, or None when the new one created the page."""
        return None if self.old_index is None else self.page.revisions[self.old_index]

    @property
    def new(self) -> Revision:
        """The new revision."""
        return self.page.revisions[self.new_index]

    def key(self) -> tuple[object, ...]:
        """What identifies the result: the page, both revisions, the mode and the context."""
        old_id = None if self.old is None else (self.old.rev_id, self.old_index)
        return (id(self.page), old_id, (self.new.rev_id, self.new_index), self.visual, self.context)


@dataclass(frozen=True, slots=True)
class ParentChoice:
    """What revision ``index`` is compared with by default: ``index`` None for nothing (a page
    creation, or the first revision of a file that does not say). ``missing`` is the parent's
    id when the history names a parent it does not hold (an excerpt): the previous revision
    then stands in, like the wiki's "previous edit" link (when there is one)."""

    index: int | None
    missing: int | None = None


def parent_choice(page: Page, index: int) -> ParentChoice:
    """The revision to compare revision ``index`` with: its parent, or what stands in for it.

    One rule for the app's diff pane and ``wikitui diff``.
    """
    revision = page.revisions[index]
    parent = page.parent_of(index)
    if parent is not None:
        # Normally the revision just before; looked up by identity, among the older ones only.
        for candidate in range(index - 1, -1, -1):
            if page.revisions[candidate] is parent:
                return ParentChoice(candidate)
        # A parent that is the revision itself or comes after it is no parent (a damaged file).
    elif not revision.parent_id:
        return ParentChoice(None)
    return ParentChoice(index - 1 if index > 0 else None, revision.parent_id)


def comparison_for(
    page: Page,
    index: int,
    *,
    base: int | None = None,
    visual: bool = False,
    context: int | None = 2,
) -> Comparison:
    """The comparison the app shows for revision ``index``: against its parent, or a base.

    With a marked ``base`` the older of the two is always the old side, as on the wiki.
    """
    if base is not None and base != index:
        old, new = sorted((base, index))
        return Comparison(page, old, new, visual, context)
    return Comparison(page, parent_choice(page, index).index, index, visual, context)


# (1-based line of a heading in the rendered text, the section path it opens)
HeadingLines = list[tuple[int, str]]


def comparison_text(page: Page, revision: Revision | None, *, visual: bool) -> str:
    """The text one side of a comparison diffs: wikitext, or the rendered article's text."""
    return _side(page, revision, visual=visual)[0]


def _side(page: Page, revision: Revision | None, *, visual: bool) -> tuple[str, HeadingLines]:
    """The side's text and, for rendered text, where its headings are."""
    if revision is None:
        return "", []
    text = page.text(revision)
    if not visual:
        return text, []
    from wikitui.render import render_wikitext  # imported on first use: the renderer is heavy

    article = render_wikitext(text, title=page.title)
    plain: str = article.plain_text()
    return plain, heading_lines(plain, article.sections)


def heading_lines(plain: str, sections: Sequence[Any]) -> HeadingLines:
    """Find each section's heading (its title alone on a line, in order) in rendered text.

    The rendered text has no ``==`` markup, so the diff engine cannot name the sections of a
    visual diff's hunks; the renderer's section list, matched in order, can.
    """
    lines = plain.split("\n")
    found: HeadingLines = []
    stack: list[tuple[int, str]] = []
    cursor = 0
    for section in sections:
        for number in range(cursor, len(lines)):
            if lines[number].strip() == section.title:
                while stack and stack[-1][0] >= section.level:
                    stack.pop()
                stack.append((section.level, section.title))
                found.append((number + 1, " › ".join(title for _, title in stack)))
                cursor = number + 1
                break
    return found


def _section_at(headings: HeadingLines, line: int) -> str | None:
    position = bisect_right([number for number, _ in headings], line) - 1
    return headings[position][1] if position >= 0 else None


def name_visual_sections(result: DiffResult, old: HeadingLines, new: HeadingLines) -> None:
    """Label each hunk of a visual diff with the section of its first change."""
    for hunk in result.hunks:
        changed = next((row for row in hunk.rows if row.type != "context"), None)
        if changed is None:
            continue
        if changed.new_line is not None:
            hunk.section = _section_at(new, changed.new_line)
        elif changed.old_line is not None:
            hunk.section = _section_at(old, changed.old_line)


class DiffCache:
    """A thread-safe LRU of diff results keyed by :meth:`Comparison.key`."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[tuple[object, ...], DiffResult] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, comparison: Comparison) -> DiffResult | None:
        """The cached result, refreshed as most recently used, or None."""
        key = comparison.key()
        with self._lock:
            result = self._items.get(key)
            if result is not None:
                self._items.move_to_end(key)
            return result

    def compute(self, comparison: Comparison) -> DiffResult:
        """The diff of the comparison, from the cache or computed now (call from a worker).

        Raises :class:`~wikitui.errors.TextUnavailable` when either text cannot be read.
        """
        cached = self.get(comparison)
        if cached is not None:
            return cached
        from wikitui.diff import diff_texts

        old_text, old_headings = _side(comparison.page, comparison.old, visual=comparison.visual)
        new_text, new_headings = _side(comparison.page, comparison.new, visual=comparison.visual)
        result: DiffResult = diff_texts(old_text, new_text, context=comparison.context)
        if comparison.visual:
            name_visual_sections(result, old_headings, new_headings)
        with self._lock:
            self._items[comparison.key()] = result
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return result
