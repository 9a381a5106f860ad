"""The blame view widget: colours per revision, the cursor walks tokens, enter names the edit."""

from __future__ import annotations

import asyncio

from blame_helpers import blame_of, make_page
from textual.app import App, ComposeResult
from textual.message import Message

from wikitui.widgets.blame_view import BlameView

PAGE = make_page(
    ("Alice", "Pears are fruit of the genus Pyrus.\n\nThey grow in temperate regions."),
    ("Bob", "Pears are sweet fruit of the genus Pyrus.\n\nThey grow in temperate regions."),
)


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Message] = []

    def compose(self) -> ComposeResult:
        yield BlameView(id="blame")

    def on_blame_view_cursor_moved(self, event: BlameView.CursorMoved) -> None:
        self.seen.append(event)

    def on_blame_view_origin_chosen(self, event: BlameView.OriginChosen) -> None:
        self.seen.append(event)


def test_cursor_and_enter() -> None:
    async def run() -> None:
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.query_one(BlameView)
            view.show(PAGE, blame_of(PAGE))
            view.focus()
            await pilot.pause()
            assert view.cursor_index == 0  # "Pears": Alice
            await pilot.press("right", "right", "enter")
            await pilot.pause()
            moved = [m.index for m in app.seen if isinstance(m, BlameView.CursorMoved)]
            assert moved[-1] == 1  # "sweet": Bob
            chosen = [m.index for m in app.seen if isinstance(m, BlameView.OriginChosen)]
            assert chosen == [1]
            await pilot.press("down")
            await pilot.pause()
            assert view.blame is not None
            assert view.blame.text[view.blame.tokens[view.cursor][0] :].startswith("They")
            plain = [view.row_text(i).plain for i in range(len(view.rows))]
            assert plain[0].endswith("Pears are sweet fruit of the genus Pyrus.")

    asyncio.run(run())


def test_no_color_shows_the_author_in_a_gutter(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")

    async def run() -> None:
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.query_one(BlameView)
            view.show(PAGE, blame_of(PAGE))
            await pilot.pause()
            first = view.row_text(0).plain
            assert first.startswith("Alice") and "2020-01-02" in first and "│" in first

    asyncio.run(run())
