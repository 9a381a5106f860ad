"""The app's blame view: w shows it in the article pane, the status names the token's edit,
enter selects that edit, J/K keep working and blame the new revision, w goes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pilot import ANARCHISM, run, settle
from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.screens.main import MainScreen
from wikitui.screens.pane_layout import SHORT_HEIGHT
from wikitui.sources import open_source
from wikitui.widgets.article_view import ArticleView
from wikitui.widgets.blame_view import BlameView


def _app(index: int) -> WikituiApp:
    source = open_source(ANARCHISM)
    return WikituiApp([source], initial=(source.pages[0], index))


def test_w_enter_j_k_and_back(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        page = screen.selected.page if screen.selected else None
        assert page is not None
        await pilot.press("w")
        await settle(pilot)
        view = screen.query_one(BlameView)
        assert view.display and not screen.query_one(ArticleView).display
        assert view.blame is not None and view.blame.index == 150
        assert view.blame.text == page.text(page.revisions[150])
        # the status names the edit that added the first token
        origin = view.cursor_index
        assert origin is not None and origin <= 150
        revision = page.revisions[origin]
        assert f"r{revision.rev_id} {revision.user}" in (screen.status.status.activity or "")
        # enter: the tree and the diff go to that edit; the blame stays
        view.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.selected is not None and screen.selected.index == origin
        assert view.blame.index == 150
        # K: the next revision is blamed in turn
        await pilot.press("K")
        await settle(pilot)
        assert view.blame is not None and view.blame.index == origin + 1
        await pilot.press("w")
        await settle(pilot)
        assert not view.display and screen.query_one(ArticleView).display

    run(_app(150), scenario)


def test_blame_lists_in_help_and_palette() -> None:
    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        commands = [c.title for c in pilot.app.get_system_commands(screen)]
        assert "Blame" in commands
        rows = pilot.app.help_rows()  # type: ignore[attr-defined]
        assert any("w" in str(row) and "Blame" in str(row) for row in rows)

    run(_app(10), scenario)


@pytest.mark.parametrize(
    ("size", "first"),
    [((80, 24), ()), ((80, 24), ("tab",)), ((140, 45), ()), ((140, 45), ("tab",))],
    ids=["80x24-tree", "80x24-diff", "140x45-tree", "140x45-diff"],
)
def test_w_shows_the_blame_on_a_short_screen_too(
    size: tuple[int, int], first: tuple[str, ...]
) -> None:
    """Below 36 rows only one of the diff and article panes shows: w brings the blame into
    view in the article pane's place (as choosing that pane would), w again the article.
    With the tree focused, or the diff (which the blame then replaces, and focus follows)."""

    async def scenario(pilot: Pilot[None], screen: MainScreen) -> None:
        short = size[1] < SHORT_HEIGHT
        view, article, diff = screen.blame_view, screen.article, screen.diff
        for key in first:
            await pilot.press(key)
            await settle(pilot)
        assert diff.region.height > 0  # the diff shows first
        focused = screen.focused
        await pilot.press("w")
        await settle(pilot)
        assert view.blame is not None and view.blame.index == 150
        assert view.display and view.region.height > 2 and view.region.width > 40
        assert screen.get_widget_at(view.region.x + 5, view.region.y + 1)[0] is view
        assert (diff.region.height == 0) is short  # the wide screen keeps the diff beside it
        assert screen.focused is (view if short and focused is diff else focused)
        await pilot.press("w")
        await settle(pilot)
        assert view.region.height == 0 and article.region.height > 2
        assert (diff.region.height == 0) is short

    run(_app(150), scenario, size)
