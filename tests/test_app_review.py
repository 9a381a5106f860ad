"""Pilot tests of the reviewer's keys: revert marks, the filter bar (each filter), J/K inside
it, u/U, and the pickaxe from the palette and from the ``/`` bar."""

from __future__ import annotations

from app_pilot import PYRUS, revision_node_label, run, settle
from histories import make_page
from rich.style import Style
from textual.command import CommandPalette
from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.model import Source
from wikitui.screens.main import MainScreen
from wikitui.screens.pickers import PromptScreen
from wikitui.screens.search_results import SearchResultsScreen
from wikitui.widgets.diff_view import DiffView
from wikitui.widgets.revision_tree import RevisionTree

# A hand-made history: 2 vandalises and 3 reverts; 6 reverts Bob's 5 (Bob edits twice).
USERS = ["Ann", "AnomieBOT", "Vandal", "Ann", "Bob", "Bob", "Cy", "Ann"]
TEXTS = ["a", "a b", "junk", "a b", "a b c", "a b c d", "a b c", "a b c e"]
COMMENTS = ["new", "fix refs", "", "rv vandalism", "add c", "add d", "undo Bob", "add e"]
MINOR = [False, True, False, True, False, False, False, True]


def review_app(index: int = 7) -> WikituiApp:
    page = make_page(TEXTS, USERS, title="Review", comment=COMMENTS, minor=MINOR)
    source = Source(path="review", kind="wikitext", pages=[page])
    return WikituiApp([source], initial=(page, index))


def shown_in_tree(screen: MainScreen) -> list[int]:
    """The revision indexes the tree holds, newest first."""
    found = []
    stack = list(screen.revision_tree.root.children)
    while stack:
        node = stack.pop(0)
        ref = node.data
        if ref is not None and ref.kind == "revision" and ref.index is not None:
            found.append(ref.index)
        stack = list(node.children) + stack
    return found


def node_label(screen: MainScreen, index: int):  # type: ignore[no-untyped-def]
    stack = [screen.revision_tree.root]
    while stack:
        node = stack.pop()
        if node.data is not None and node.data.kind == "revision" and node.data.index == index:
            return node.label
        stack.extend(node.children)
    raise AssertionError(index)


def test_reverts_are_marked_in_the_tree_the_header_and_the_status() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        # Pyrus: 189729426 (index 2) reverted by 190346463 (3); 238138507 (4) by 238392911 (5).
        reverted = node_label(screen, 4)
        assert "reverted" in reverted.plain
        plain = reverted.plain
        assert plain.index("reverted") > plain.index("(+23)")  # right after the size change
        assert any(
            isinstance(span.style, Style) and span.style.strike and span.style.dim
            for span in reverted.spans
        )
        assert "↺ reverts 1" in revision_node_label(screen, 5)
        assert "reverted" not in revision_node_label(screen, 1)
        assert screen.status.status.revert == "reverts 1 edit"
        header = [screen.diff.line_text(i).plain for i in range(screen.diff.layout_.header_lines)]
        assert any("reverts 1 edit" in line for line in header)
        await pilot.press("J")
        await settle(pilot)
        assert screen.status.status.revert == "reverted by r238392911 (Rkitko)"
        header = [screen.diff.line_text(i).plain for i in range(screen.diff.layout_.header_lines)]
        assert any("reverted by r238392911 (Rkitko)" in line for line in header)

    run(WikituiApp(paths=[str(PYRUS)]), scenario)


async def apply_filter(pilot: Pilot[None], words: str) -> None:
    await pilot.press("f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    bar = screen.query_one("#filter")
    assert bar.display and bar.has_focus
    bar.value = ""  # type: ignore[attr-defined]
    if words:
        await pilot.press(*words)
    await pilot.press("enter")
    await settle(pilot)


FILTERS = [
    ("user:Ann", [7, 3, 0]),
    ("user:an*", [7, 3, 1, 0]),  # Ann and AnomieBOT: a prefix, case ignored
    ("-minor", [6, 5, 4, 2, 0]),
    ("-bots", [7, 6, 5, 4, 3, 2, 0]),
    ("reverted", [5, 2]),
    ("reverting", [6, 3]),
    ("summary:add", [7, 5, 4]),
]


def test_each_filter_of_the_filter_bar() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        assert shown_in_tree(screen) == list(range(7, -1, -1))
        for words, expected in FILTERS:
            await apply_filter(pilot, words)
            assert shown_in_tree(screen) == expected, words
            status = screen.status.status.filter
            assert status is not None and status.endswith(f"{len(expected)} of 8 revisions")
            assert isinstance(screen.focused, RevisionTree)
        await apply_filter(pilot, "")  # an empty bar: every revision again
        assert shown_in_tree(screen) == list(range(7, -1, -1))
        assert screen.status.status.filter is None

    run(review_app(), scenario)


def test_J_and_K_step_within_the_filtered_list() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        await apply_filter(pilot, "user:Ann")
        assert screen.selected is not None and screen.selected.index == 7
        await pilot.press("J")
        await settle(pilot)
        assert screen.selected.index == 3
        await pilot.press("J")
        await settle(pilot)
        assert screen.selected.index == 0
        await pilot.press("J")  # the oldest shown: stays
        await settle(pilot)
        assert screen.selected.index == 0
        await pilot.press("K")
        await settle(pilot)
        assert screen.selected.index == 3
        assert screen.status.status.filter == "user Ann · 3 of 8 revisions"

    run(review_app(), scenario)


def test_a_filter_that_hides_the_selection_moves_it() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        await apply_filter(pilot, "reverted")
        assert screen.selected is not None and screen.selected.index == 5

    run(review_app(), scenario)


def test_u_and_U_go_to_the_same_users_edits() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        assert screen.selected is not None and screen.selected.index == 7  # Ann
        await pilot.press("U")
        await settle(pilot)
        assert screen.selected.index == 3
        await pilot.press("U")
        await settle(pilot)
        assert screen.selected.index == 0
        await pilot.press("U")  # Ann's first edit: stays
        await settle(pilot)
        assert screen.selected.index == 0
        await pilot.press("u")
        await settle(pilot)
        assert screen.selected.index == 3
        await pilot.press("K", "K")  # to Bob's 5
        await settle(pilot)
        assert screen.selected.index == 5
        await pilot.press("U")
        await settle(pilot)
        assert screen.selected.index == 4

    run(review_app(), scenario)


async def pick_first_result(pilot: Pilot[None]) -> SearchResultsScreen:
    await settle(pilot)
    results = pilot.app.screen
    assert isinstance(results, SearchResultsScreen)
    return results


def test_find_when_text_was_added_from_the_palette() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"Find when text")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PromptScreen)
        await pilot.press("c", "enter")
        results = await pick_first_result(pilot)
        # "c" first appears in revision 4 and stays.
        assert [(e.index, e.event) for e in results.events] == [(4, "added")]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        assert screen.selected is not None and screen.selected.index == 4
        assert isinstance(screen.focused, DiffView)

    run(review_app(), scenario)


def test_ctrl_f_in_the_search_bar_finds_when_the_term_came_and_went() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press("j", "u", "n", "k")
        await pilot.press("ctrl+f")
        results = await pick_first_result(pilot)
        assert [(e.index, e.event) for e in results.events] == [(2, "added"), (3, "removed")]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.selected is not None and screen.selected.index == 3
        assert screen.status.status.revert == "reverts 1 edit"

    run(review_app(), scenario)


def test_the_selection_stays_when_the_filter_keeps_it() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await settle(pilot)
        await apply_filter(pilot, "user:Ann")
        assert screen.selected is not None and screen.selected.index == 3
        cursor = screen.revision_tree.cursor_node
        assert cursor is not None and cursor.data is not None and cursor.data.index == 3
        await apply_filter(pilot, "")
        assert screen.selected.index == 3

    run(review_app(3), scenario)
