"""What the app's pilot tests share: the histories they open, waiting for the app to settle,
running a scenario on the main screen, reading the tree, and an app that records its notices."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from wikitui.app import WikituiApp
from wikitui.screens.main import MainScreen

DATA = Path(__file__).parent / "data" / "app"
PEAR = DATA / "pywikibot-article-pear.xml"
PYRUS = DATA / "pywikibot-article-pyrus.xml"
ANARCHISM = DATA / "anarchism-first200.xml.bz2"


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their results reach the screen."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    # The article renders a moment after the diff (once the selection stays put).
    for _ in range(500):
        if screen.settled:
            break
        await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run(
    app: WikituiApp,
    scenario: Callable[[Pilot[None], MainScreen], Awaitable[None]],
    size: tuple[int, int] = (120, 40),
) -> None:
    """Run ``scenario`` on the app's main screen once it has settled."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await scenario(pilot, screen)

    asyncio.run(main())


def revision_node_label(screen: MainScreen, index: int) -> str:
    """The tree label of revision ``index`` of the selected page."""
    stack = [screen.revision_tree.root]
    while stack:
        node = stack.pop()
        ref = node.data
        if ref is not None and ref.kind == "revision" and ref.index == index:
            return node.label.plain
        stack.extend(node.children)
    raise AssertionError(f"no node for revision {index}")


class RecordingApp(WikituiApp):
    """Keeps every notice shown, for the assertions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[tuple[str, str]] = []

    def notify(
        self, message: str, *, title: str = "", severity: Any = "information", **kwargs: Any
    ) -> None:
        self.notices.append((str(severity), message))
        super().notify(message, title=title, severity=severity, **kwargs)
