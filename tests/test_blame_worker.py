"""The app's blame worker: progress then the blame, posted as messages; later blames are lookups."""

from __future__ import annotations

import asyncio

from blame_helpers import DictLoader, make_page
from textual.app import App
from textual.message import Message

from wikitui.workers.blame import BlameWorker


class Recorder(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Message] = []
        self.blamer = BlameWorker(self)

    def on_blame_worker_progress(self, event: BlameWorker.Progress) -> None:
        self.seen.append(event)

    def on_blame_worker_ready(self, event: BlameWorker.Ready) -> None:
        self.seen.append(event)

    def on_blame_worker_failed(self, event: BlameWorker.Failed) -> None:
        self.seen.append(event)


async def _wait_for(app: Recorder, kind: type[Message], count: int = 1) -> None:
    for _ in range(200):
        if sum(isinstance(m, kind) for m in app.seen) >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"no {kind.__name__} in {app.seen}")


def test_progress_then_ready_and_a_second_blame_is_a_lookup() -> None:
    asyncio.run(_progress_then_ready())


async def _progress_then_ready() -> None:
    page = make_page(
        ("Alice", "Pears are fruit."),
        ("Bob", "Pears are sweet fruit."),
        ("Carol", "Pears are sweet fruit. They grow."),
    )
    app = Recorder()
    async with app.run_test():
        app.blamer.start(page, 2)
        await _wait_for(app, BlameWorker.Ready)
        assert isinstance(app.seen[0], BlameWorker.Progress)
        ready = next(m for m in app.seen if isinstance(m, BlameWorker.Ready))
        assert ready.index == 2 and ready.blame.text.endswith("They grow.")
        loader = page.loader
        assert isinstance(loader, DictLoader)
        loader.loaded.clear()
        app.blamer.start(page, 1)
        await _wait_for(app, BlameWorker.Ready, 2)
        assert loader.loaded == [2]  # only the blamed revision's own text


def test_a_hidden_text_is_reported() -> None:
    asyncio.run(_hidden())


async def _hidden() -> None:
    page = make_page(("Alice", "Pears are fruit."), ("Bob", "Pears are sweet fruit."))
    page.revisions[1].text_hidden = True
    app = Recorder()
    async with app.run_test():
        app.blamer.start(page, 1)
        await _wait_for(app, BlameWorker.Failed)
        failed = next(m for m in app.seen if isinstance(m, BlameWorker.Failed))
        assert "hidden" in failed.message
