"""The change is on screen on arrival, at every size down to 80×24 (pilot tests).

Arriving on a revision (J/K, the tree, ``n``/``N``) scrolls the diff pane so the first changed
row of the current hunk shows; tall context paragraphs fold to the rows nearest the change
(``e`` or a click opens them); short panes get a two-row header (``h`` for the full one).
"""

from __future__ import annotations

import pytest
from app_pilot import ANARCHISM, run, settle
from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.diff import DiffRow
from wikitui.model import Source
from wikitui.screens.main import MainScreen
from wikitui.sources import open_source
from wikitui.widgets.diff_view import DiffView

# Revision 118867 of "Anarchism" (index 21) adds two paragraphs at line 49, below two long
# context paragraphs: laid out from the top, at 80×24 or 140×45, no change is on screen.
FAR_DOWN = 21
# Revision 332201 (index 158): six hunks, the later ones far down the article.
MANY_HUNKS = 158


@pytest.fixture(scope="module")
def anarchism() -> Source:
    return open_source(ANARCHISM)


def on_screen(diff: DiffView) -> str:
    """The text of the diff pane's rows that are on screen now, white space collapsed."""
    assert diff.display and diff.region.height > 0, "the diff pane is not shown"
    top = round(diff.scroll_offset.y)
    height = diff.scrollable_content_region.height
    rows = [diff.line_text(index).plain for index in range(top, min(top + height, len(diff.lines)))]
    return " ".join(" ".join(rows).split())


def first_changed_words(row: DiffRow) -> str:
    """The first few words a row adds or removes (what a reader must see)."""
    changed = next(chunk for op, chunk in row.spans if op != "=" and chunk.strip())
    return " ".join(changed.split()[:3])


def first_change(diff: DiffView, hunk: int) -> DiffRow:
    assert diff.shown is not None and diff.shown.result is not None
    rows = diff.shown.result.hunks[hunk].rows
    return next(
        row for row in rows if row.type != "context" and "".join(c for _, c in row.spans).strip()
    )


@pytest.mark.parametrize("size", [(80, 24), (140, 45)], ids=["80x24", "140x45"])
def test_after_J_onto_an_edit_far_down_the_changed_words_are_on_screen(
    anarchism: Source, size: tuple[int, int]
) -> None:
    page = anarchism.pages[0]

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await pilot.press("J")
        await settle(pilot)
        assert screen.selected is not None and screen.selected.index == FAR_DOWN
        words = first_changed_words(first_change(screen.diff, 0))
        assert words and words in on_screen(screen.diff)
        # And from the diff pane itself (focus there: on a short screen it is the only pane).
        await pilot.press("tab", "K", "J")
        await settle(pilot)
        assert words in on_screen(screen.diff)

    run(WikituiApp([anarchism], initial=(page, FAR_DOWN + 1)), scenario, size)


@pytest.mark.parametrize("size", [(80, 24), (140, 45)], ids=["80x24", "140x45"])
def test_n_brings_each_change_on_screen(anarchism: Source, size: tuple[int, int]) -> None:
    page = anarchism.pages[0]

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        assert diff.shown is not None and diff.shown.result is not None
        # On arrival the first change is in view (under the header when it fits: then no hunk
        # is current yet and the first n makes it so); each n then brings the next one.
        assert first_changed_words(first_change(diff, 0)) in on_screen(diff)
        for hunk in range(len(diff.shown.result.hunks)):
            if diff.hunk_index != hunk:
                await pilot.press("n")
                await settle(pilot)
            assert diff.hunk_index == hunk
            assert first_changed_words(first_change(diff, hunk)) in on_screen(diff)

    run(WikituiApp([anarchism], initial=(page, MANY_HUNKS)), scenario, size)


def test_folded_context_opens_with_e_or_a_click(anarchism: Source) -> None:
    page = anarchism.pages[0]

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        assert diff.layout_ is not None and diff.layout_.folds
        folded = len(diff.lines)
        fold_line = min(diff.layout_.folds)
        assert "more line" in diff.line_text(fold_line).plain
        await pilot.press("tab", "e")
        await settle(pilot)
        assert diff.layout_ is not None
        assert len(diff.lines) > folded
        assert first_changed_words(first_change(diff, 0)) in on_screen(diff)
        # Back on a fresh arrival, folded again; a click on the fold row opens it.
        await pilot.press("J", "K")
        await settle(pilot)
        assert diff.layout_ is not None and diff.layout_.folds
        line = min(diff.layout_.folds)
        top = round(diff.scroll_offset.y)
        if not top <= line < top + diff.scrollable_content_region.height:
            diff.scroll_to(y=line, animate=False, immediate=True)
            await pilot.pause()
            top = round(diff.scroll_offset.y)
        before = len(diff.lines)
        region = diff.scrollable_content_region
        await pilot.click(DiffView, offset=(region.x - diff.region.x + 2, line - top))
        await settle(pilot)
        assert len(diff.lines) > before

    run(WikituiApp([anarchism], initial=(page, FAR_DOWN)), scenario, (140, 45))


def test_short_panes_get_a_two_row_header_and_h_shows_the_full_one(anarchism: Source) -> None:
    page = anarchism.pages[0]

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        assert diff.layout_ is not None
        compact = diff.layout_.header_lines
        assert diff.line_text(0).plain.startswith("--- ") and compact <= 3
        await pilot.press("h")
        await settle(pilot)
        assert diff.layout_.header_lines > compact + 3
        assert any("Revision as of" in diff.line_text(n).plain for n in range(5))
        await pilot.press("h")
        await settle(pilot)
        assert diff.layout_.header_lines == compact

    run(WikituiApp([anarchism], initial=(page, FAR_DOWN)), scenario, (80, 24))
