"""What the app's pilot tests share: the histories they open, waiting for the app to settle,
running a scenario on the main screen, reading the tree, and an app that records its notices."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from wikitui.app import WikituiApp
from wikitui.screens.main import MainScreen

DATA = Path(__file__).parent / "data" / "app"
PEAR = DATA / "pywikibot-article-pear.xml"
PYRUS = DATA / "pywikibot-article-pyrus.xml"
ANARCHISM = DATA / "anarchism-first200.xml.bz2"


async def workers_done(pilot: Pilot[Any]) -> None:
    """Wait for the app's workers. One cancelled on the way (a diff superseded by a newer
    selection, which a loaded machine makes likelier) is what the app meant; a failed one still
    fails the test."""
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their results reach the screen."""
    for _ in range(3):
        await workers_done(pilot)
        await pilot.pause()
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    # The article renders a moment after the diff (once the selection stays put).
    for _ in range(500):
        if screen.settled:
            break
        await pilot.pause(0.01)
        await workers_done(pilot)
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
