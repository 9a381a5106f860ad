"""Pilot tests of the tree's rows in a narrow sidebar: at 80×24 a reverted edit still shows its
size change and ``reverted``, a reverting one its ``↺ reverts N``, and a resize lays the rows out
again without rebuilding the tree."""

from __future__ import annotations

from app_pilot import ANARCHISM, run, settle
from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.present.revision import delta_label
from wikitui.screens.main import MainScreen
from wikitui.sources import open_source
from wikitui.widgets.revision_tree import RevisionTree

# Anarchism revision 332201 (index 158) reverts 9 edits; rows around it are reverted.
REVERTING = 158


def drawn_rows(tree: RevisionTree) -> list[tuple[int, str, list[str]]]:
    """The revision rows on screen: (index, the line as drawn, the row's mark texts)."""
    rows = []
    top = tree.scroll_offset.y
    for y in range(tree.scrollable_content_region.height):
        node = tree.get_node_at_line(top + y)
        if node is None or node.data is None or node.data.kind != "revision":
            continue
        page, index = node.data.page, node.data.index
        assert page is not None and index is not None
        marks = [m.text for m in tree.row_marks(page, index) if m.place == "after-delta"]
        # The line as drawn, less the scroll bar's column.
        line = tree.render_line(y).text[: tree.scrollable_content_region.width]
        rows.append((index, line, marks))
    return rows


def check_rows(tree: RevisionTree) -> tuple[int, int]:
    """Every reverted row shows its size change then ``reverted``, every reverting one its mark;
    returns how many of each are on screen."""
    page = tree.cursor_node.data.page if tree.cursor_node and tree.cursor_node.data else None
    assert page is not None
    reverted = reverting = 0
    for index, line, marks in drawn_rows(tree):
        if not marks:
            continue
        reverted += "reverted" in marks
        reverting += any(mark.startswith("↺ reverts") for mark in marks)
        # The size change, then the marks, whole (a reverted revert carries both).
        change, after = delta_label(page.delta(index)), " ".join(marks)
        assert f" {change} {after}" in line or f" ({change}) {after}" in line, line
    return reverted, reverting


def test_reverted_rows_show_their_size_change_and_mark_at_80x24() -> None:
    anarchism = open_source(ANARCHISM)

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        tree = screen.revision_tree
        tree.focus()
        await settle(pilot)
        assert screen.query_one("#sidebar").display
        reverted, reverting = check_rows(tree)
        assert reverted >= 2 and reverting >= 2  # both kinds are in view
        lines = {index: line for index, line, _ in drawn_rows(tree)}
        # Revision 332201 reverts 9 edits: its row fits and keeps the mark.
        assert "↺ reverts 9" in lines[REVERTING]
        # A row with room keeps its time of day (the month group gives the year and month).
        assert any(" 19:49 Lir m (" in line for line in lines.values())

        # A wider terminal: the same nodes, laid out again with the day in the time.
        nodes = [tree.get_node_at_line(line) for line in range(tree.last_line + 1)]
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert [tree.get_node_at_line(line) for line in range(tree.last_line + 1)] == nodes
        lines = {index: line for index, line, _ in drawn_rows(tree)}
        assert "02 Oct 22:38" in lines[REVERTING]
        assert check_rows(tree)[0] >= 2

    app = WikituiApp([anarchism], initial=(anarchism.pages[0], REVERTING))
    run(app, scenario, size=(80, 24))
