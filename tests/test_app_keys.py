"""Pilot tests: every key of the issue's table pressed on real histories, and what it changed."""

from __future__ import annotations

import pytest
from app_pilot import ANARCHISM, PEAR, PYRUS, revision_node_label, run, settle
from textual.command import CommandPalette
from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.model import Source
from wikitui.screens.help import HelpScreen
from wikitui.screens.main import MainScreen
from wikitui.screens.pickers import TocScreen
from wikitui.sources import open_source
from wikitui.widgets.article_view import ArticleView
from wikitui.widgets.diff_view import DiffView
from wikitui.widgets.revision_tree import RevisionTree

# Revision 332201 of "Anarchism" (index 158): six hunks in five sections (lead, Libertarian
# socialism, Libertarian socialism vs. Anarcho-capitalism, Anarchism and terrorism, See also ×2).
MANY_HUNKS = 158


@pytest.fixture(scope="module")
def anarchism() -> Source:
    return open_source(ANARCHISM)


def anarchism_app(anarchism: Source, index: int = MANY_HUNKS) -> WikituiApp:
    page = anarchism.pages[0]
    return WikituiApp([anarchism], initial=(page, index))


def test_opens_on_latest_revision_of_first_page() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        assert screen.selected is not None
        assert screen.selected.page.title == "Pear"
        assert screen.selected.index == 3
        cursor = screen.revision_tree.cursor_node
        assert cursor is not None and cursor.data is not None
        assert cursor.data.index == 3
        status = screen.status.status
        # Pear's last two revisions: 185408 (Mav) then 188924 (PierreAbbat).
        assert (status.old, status.new, status.position) == ("r185408", "r188924", "4/4")
        assert isinstance(screen.focused, RevisionTree)

    run(WikituiApp(paths=[str(PEAR), str(PYRUS)]), scenario)


def test_J_and_K_step_through_the_history_from_any_pane() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await pilot.press("J")
        await settle(pilot)
        assert screen.selected is not None and screen.selected.index == 2
        assert screen.status.status.new == "r185408"
        assert screen.status.status.old == "r185241"
        await pilot.press("tab")  # into the diff pane: J still works there
        assert isinstance(screen.focused, DiffView)
        await pilot.press("J", "J")
        await settle(pilot)
        assert screen.selected.index == 0
        assert screen.status.status.old is None  # the first revision: a page creation
        await pilot.press("J")  # already the oldest: stays
        assert screen.selected.index == 0
        await pilot.press("K")
        await settle(pilot)
        assert screen.selected.index == 1
        cursor = screen.revision_tree.cursor_node
        assert cursor is not None and cursor.data is not None and cursor.data.index == 1

    run(WikituiApp(paths=[str(PEAR)]), scenario)


def test_n_and_N_move_between_hunks_and_scroll_them_into_view(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        assert diff.hunk_count == 6
        assert diff.hunk_index is None  # the header is on top
        assert diff.layout_ is not None
        await pilot.press("n")
        assert diff.hunk_index == 0
        assert diff.top_line == diff.layout_.hunk_lines[0]
        await pilot.press("n", "n")
        assert diff.hunk_index == 2
        assert diff.top_line == diff.layout_.hunk_lines[2]
        assert screen.status.status.hunk == "change 3/6"
        assert screen.status.status.section == "Libertarian socialism vs. Anarcho-capitalism"
        await pilot.press("N")
        assert diff.hunk_index == 1
        assert screen.status.status.hunk == "change 2/6"

    run(anarchism_app(anarchism), scenario)


def test_brackets_move_between_sections(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        await pilot.press("right_square_bracket")
        assert diff.hunk_index == 0  # the lead
        await pilot.press("right_square_bracket")
        assert diff.section == "Libertarian socialism"
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert diff.hunk_index == 4 and diff.section == "See also"
        await pilot.press("right_square_bracket")  # hunk 5 is in the same section: no move
        assert diff.hunk_index == 4
        await pilot.press("n")
        assert diff.hunk_index == 5
        await pilot.press("left_square_bracket")
        assert diff.section == "Anarchism and terrorism" and diff.hunk_index == 3

    run(anarchism_app(anarchism), scenario)


def test_s_v_and_context_keys_change_the_diff(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        assert not diff.inline  # 120 columns minus the sidebar is wide enough... or not:
        await pilot.press("s")
        assert diff.inline
        assert "inline" in screen.status.status.mode
        await pilot.press("s")
        assert not diff.inline
        shown = diff.shown
        assert shown is not None and shown.result is not None
        rows_before = sum(len(h.rows) for h in shown.result.hunks)
        await pilot.press("right_curly_bracket")  # more context: 3 lines
        await settle(pilot)
        assert diff.shown is not None and diff.shown.comparison.context == 3
        assert diff.shown.result is not None
        assert sum(len(h.rows) for h in diff.shown.result.hunks) > rows_before
        await pilot.press("left_curly_bracket", "left_curly_bracket", "left_curly_bracket")
        await settle(pilot)
        assert diff.shown.comparison.context == 0
        assert "ctx 0" in screen.status.status.mode
        await pilot.press("v")
        await settle(pilot)
        assert diff.shown.comparison.visual
        assert "visual" in screen.status.status.mode
        assert diff.shown.result is not None  # the rendered texts were diffed
        # Hunks of the rendered text are named by section too.
        assert "Libertarian socialism" in [hunk.section for hunk in diff.shown.result.hunks]
        assert not any(
            "[[" in (row.new_text() or "") for h in diff.shown.result.hunks for row in h.rows
        )
        await pilot.press("v")
        await settle(pilot)
        assert not diff.shown.comparison.visual

    run(anarchism_app(anarchism), scenario, size=(200, 50))


def test_b_marks_a_base_and_B_goes_back_to_the_parent() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await pilot.press("J", "J", "J")  # the oldest Pear revision
        await settle(pilot)
        await pilot.press("b")
        assert revision_node_label(screen, 0).startswith("◆ 2002-02-25 15:43")
        await pilot.press("K", "K", "K")
        await settle(pilot)
        status = screen.status.status
        assert (status.old, status.new, status.base) == ("r185185", "r188924", True)
        # The header says what the comparison skips: two revisions by two users.
        assert any(
            "2 intermediate revisions by 2 users not shown" in line.plain
            for line in screen.diff.lines
        )
        await pilot.press("B")
        await settle(pilot)
        status = screen.status.status
        assert (status.old, status.new, status.base) == ("r185408", "r188924", False)
        assert revision_node_label(screen, 0).startswith("2002-02-25 15:43")

    run(WikituiApp(paths=[str(PEAR)]), scenario)


def test_tab_cycles_focus_and_z_maximises(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        assert isinstance(screen.focused, RevisionTree)
        await pilot.press("tab")
        assert isinstance(screen.focused, DiffView)
        await pilot.press("tab")
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(screen.focused, RevisionTree)
        await pilot.press("shift+tab")
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("z")
        assert screen.maximized is screen.article
        await pilot.press("z")
        assert screen.maximized is None

    run(anarchism_app(anarchism), scenario, size=(160, 50))


def test_small_terminal_collapses_the_sidebar_and_shows_one_pane(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        sidebar = screen.query_one("#sidebar")
        assert sidebar.display  # the tree has focus: it shows
        assert not screen.article.display  # 24 rows: only the diff pane
        await pilot.press("tab")
        await pilot.pause()
        assert not sidebar.display  # the diff gets the whole width
        assert screen.diff.inline  # too narrow for two columns
        await pilot.press("tab")
        await pilot.pause()
        assert screen.article.display and not screen.diff.display
        await pilot.press("backslash")  # pin the sidebar open
        await pilot.pause()
        assert sidebar.display

    run(anarchism_app(anarchism), scenario, size=(80, 24))


def test_movement_keys_scroll_the_focused_pane(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await pilot.press("tab")
        diff = screen.diff
        assert diff.top_line == 0
        await pilot.press("j", "j")
        assert diff.top_line == 2
        await pilot.press("k")
        assert diff.top_line == 1
        await pilot.press("space")
        page = diff.scrollable_content_region.height
        assert diff.top_line == 1 + page
        await pilot.press("G")
        assert diff.top_line == diff.max_scroll_y
        await pilot.press("g")
        assert diff.top_line == 0
        await pilot.press("pagedown")
        assert diff.top_line == page
        await pilot.press("pageup")
        assert diff.top_line == 0

    run(anarchism_app(anarchism), scenario, size=(100, 30))


def test_slash_searches_without_taking_n(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await pilot.press("tab", "slash")
        await pilot.press(*"anarch")
        await pilot.pause()
        diff = screen.diff
        total = len(diff.matches)
        expected = sum(line.plain.casefold().count("anarch") for line in diff.lines)
        assert total == expected > 2
        first = diff.match_index
        assert first is not None
        assert screen.status.status.activity == f"match {first + 1}/{total}"
        await pilot.press("enter")
        assert diff.match_index == (first + 1) % total
        await pilot.pause()
        assert screen.status.status.activity == f"match {(first + 1) % total + 1}/{total}"
        await pilot.press("ctrl+n")
        assert diff.match_index == (first + 2) % total
        await pilot.press("up")
        assert diff.match_index == (first + 1) % total
        await pilot.press("down")
        assert diff.match_index == (first + 2) % total
        await pilot.press("escape")
        assert isinstance(screen.focused, DiffView)
        await pilot.press("n")  # n is the hunk key again
        assert diff.hunk_index is not None

    run(anarchism_app(anarchism), scenario)


def test_t_opens_the_contents_and_jumps_to_a_heading(anarchism: Source) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        article = screen.article
        titles = [entry.title for entry in article.toc]
        assert "See also" in titles
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TocScreen)
        target = titles.index("See also")
        for _ in range(target):
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)
        entry = article.toc[target]
        assert article.top_line == min(entry.line, article.max_scroll_y)
        assert isinstance(screen.focused, ArticleView)
        assert screen.status.status.section == "See also"
        await pilot.press("g", "right_square_bracket")  # article focused: next heading
        assert article.top_line == article.toc[0].line

    run(anarchism_app(anarchism), scenario, size=(160, 50))


def test_y_copies_the_diff_url(anarchism: Source) -> None:
    copied: list[str] = []

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        pilot.app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.press("y")
        parent = anarchism.pages[0].revisions[MANY_HUNKS - 1].rev_id
        assert copied == [f"https://en.wikipedia.org/w/index.php?diff=332201&oldid={parent}"]

    run(anarchism_app(anarchism), scenario)


def test_question_mark_shows_help_built_from_the_bindings() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        by_keys = {keys: description for _, keys, description in help_screen.rows}
        assert by_keys["J"].startswith("Older revision")
        assert by_keys["K"].startswith("Newer revision")
        assert by_keys["n"] == "Next change (hunk) in the diff"
        assert by_keys["s"] == "Side by side ↔ inline"
        assert by_keys["]"].startswith("Next section")
        assert by_keys["m"] == "Follow move"
        assert "Next match" in by_keys.values()  # the search bar's keys are listed too
        assert any(
            "quit" in description.casefold() and "q" in keys.split()
            for keys, description in by_keys.items()
        )
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)

    run(WikituiApp(paths=[str(PEAR)]), scenario)


def test_ctrl_p_opens_the_palette_and_q_quits() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running

    run(WikituiApp(paths=[str(PEAR)]), scenario)


def test_palette_lists_actions_and_pickers() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        titles = [command.title for command in pilot.app.get_system_commands(screen)]
        for wanted in (
            "Open page…",
            "Compare with…",
            "Fetch page from a wiki…",
            "Older",
            "Change",
            "Visual",
            "Mark base",
            "Copy URL",
            "Refresh history",
        ):
            assert wanted in titles

    run(WikituiApp(paths=[str(PEAR)]), scenario)


def test_compare_with_and_open_page_from_the_palette() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        app = pilot.app
        assert isinstance(app, WikituiApp)
        app.pick_base()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"r185185")
        await pilot.pause(0.3)  # the palette searches in a worker of its own
        await pilot.press("enter")
        await settle(pilot)
        status = screen.status.status
        assert (status.old, status.new, status.base) == ("r185185", "r188924", True)
        app.pick_page()
        await pilot.pause()
        await pilot.press(*"Pyrus")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.selected is not None and screen.selected.page.title == "Pyrus"
        assert screen.selected.index == 5
        assert screen.status.status.base is False  # a base belongs to its page

    run(WikituiApp(paths=[str(PEAR), str(PYRUS)]), scenario)


def test_changes_stay_distinguishable_without_colour_and_follow_the_theme(
    anarchism: Source, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        deleted = diff.get_component_rich_style("diff--deleted-word")
        added = diff.get_component_rich_style("diff--added-word")
        # Without colour, struck-through old words and underlined new ones still differ.
        assert deleted.strike and deleted.bold and not deleted.underline
        assert added.underline and added.bold and not added.strike
        texts = [diff.line_text(i).plain for i in range(len(diff.lines))]
        assert any(" − " in text for text in texts)  # gutter markers on changed lines
        before = diff.get_component_rich_style("diff--added").bgcolor
        pilot.app.theme = "textual-light"
        await pilot.pause()
        after = diff.get_component_rich_style("diff--added").bgcolor
        assert before != after  # colours come from the theme, and the strips are redrawn

    run(anarchism_app(anarchism), scenario)


def test_m_follows_a_moved_paragraph_to_its_other_end(anarchism: Source) -> None:
    # Revision 332128 (index 151) moves one paragraph: a move-from row and a move-to row.
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        diff = screen.diff
        assert diff.layout_ is not None
        links = diff.layout_.move_links
        assert len(links) == 2
        first, second = sorted(links)
        assert links[first] == second and links[second] == first
        plain = [diff.line_text(i).plain for i in range(len(diff.lines))]
        notes = [text for text in plain if "moved to line" in text or "moved from line" in text]
        assert len(notes) == 2
        await pilot.press("tab")
        diff.scroll_to_line(first)
        await pilot.pause()
        await pilot.press("m")
        assert diff.top_line == min(second, diff.max_scroll_y)
        assert diff.hunk_index == diff.layout_.line_hunks[second]

    run(anarchism_app(anarchism, 151), scenario)
