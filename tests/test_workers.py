"""The app's workers read sources and fetch in threads and report only by posting Messages.

They know neither the app nor a screen: these tests run them under a bare Textual app whose
one widget records what it is sent.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fakewiki import FakePage, FakeWiki
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widget import Widget

from wikitui.fetch.request import FetchRequest
from wikitui.workers.fetch import FetchWorker
from wikitui.workers.sources import SourceReader

DATA = Path(__file__).parent / "data" / "app"


class Recorder(Widget):
    """Keeps every worker message it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.received: list[Message] = []

    def on_source_reader_running(self, message: SourceReader.Running) -> None:
        self.received.append(message)

    def on_source_reader_progress(self, message: SourceReader.Progress) -> None:
        self.received.append(message)

    def on_source_reader_loaded(self, message: SourceReader.Loaded) -> None:
        self.received.append(message)

    def on_source_reader_failed(self, message: SourceReader.Failed) -> None:
        self.received.append(message)

    def on_fetch_worker_cached(self, message: FetchWorker.Cached) -> None:
        self.received.append(message)

    def on_fetch_worker_progress(self, message: FetchWorker.Progress) -> None:
        self.received.append(message)

    def on_fetch_worker_batch(self, message: FetchWorker.Batch) -> None:
        self.received.append(message)

    def on_fetch_worker_done(self, message: FetchWorker.Done) -> None:
        self.received.append(message)

    def on_fetch_worker_failed(self, message: FetchWorker.Failed) -> None:
        self.received.append(message)


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Recorder()


def run_with(start: Any) -> list[Message]:
    app = Bare()

    async def scenario() -> list[Message]:
        async with app.run_test() as pilot:
            recorder = app.query_one(Recorder)
            start(recorder)
            for _ in range(5):
                await app.workers.wait_for_complete()
                await pilot.pause()
            return recorder.received

    return asyncio.run(scenario())


def test_worker_modules_import_neither_the_app_nor_a_screen() -> None:
    code = (
        "import sys, wikitui.workers.sources, wikitui.workers.fetch; "
        "print(sorted(m for m in sys.modules if m.startswith(('wikitui.app', 'wikitui.screens'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_source_reader_posts_what_it_read_and_what_failed() -> None:
    paths = [str(DATA / "pywikibot-article-pear.xml"), str(DATA / "truncated.xml")]
    received = run_with(lambda target: SourceReader(target, paths).start())
    kinds = [type(message).__qualname__ for message in received]
    assert kinds[0] == "SourceReader.Running" and kinds[-1] == "SourceReader.Running"
    assert [m.step for m in received if isinstance(m, SourceReader.Running)] == [1, -1]
    loaded = [m for m in received if isinstance(m, SourceReader.Loaded)]
    assert [page.title for page in loaded[0].source.all_pages()] == ["Pear"]
    failed = [m for m in received if isinstance(m, SourceReader.Failed)]
    assert len(failed) == 1 and failed[0].path.endswith("truncated.xml")
    assert kinds.index("SourceReader.Loaded") < kinds.index("SourceReader.Failed")
    assert any(isinstance(m, SourceReader.Progress) for m in received)


def test_fetch_worker_posts_batches_then_the_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = json.loads((DATA / "api-revisions-pyrus.json").read_text(encoding="utf-8"))
    with FakeWiki([FakePage.from_response(recorded)], max_batch=2) as wiki:
        request = FetchRequest("Pyrus", "wiki.test", wiki.api_url, 500)
        received = run_with(lambda target: FetchWorker(target, request, tmp_path).start())
        batches = [m for m in received if isinstance(m, FetchWorker.Batch)]
        assert sum(len(m.revisions) for m in batches) == 6 and len(batches) == 3
        done = [m for m in received if isinstance(m, FetchWorker.Done)]
        assert len(done) == 1 and done[0].added == 6 and done[0].path.is_file()
        assert type(received[-1]) is FetchWorker.Done
        assert not any(isinstance(m, FetchWorker.Failed) for m in received)
        # Again: the file fetched last time is posted first, and no batch (it is on screen).
        again = run_with(lambda target: FetchWorker(target, request, tmp_path).start())
        assert type(again[0]) is FetchWorker.Cached
        assert not any(isinstance(m, FetchWorker.Batch) for m in again)
