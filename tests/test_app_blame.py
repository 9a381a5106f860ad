"""The app's blame view: w shows it in the article pane, the status names the token's edit,
enter selects that edit, J/K keep working and blame the new revision, w goes back."""

from __future__ import annotations

from pathlib import Path

from app_pilot import ANARCHISM, run, settle
from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.screens.main import MainScreen
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
