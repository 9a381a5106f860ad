"""The app on bad, huge and fetched sources: notices instead of crashes, a lazy tree, the
command-line errors that come before the app starts, and a page fetched while browsing."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from app_pilot import DATA, PEAR, RecordingApp, settle
from fakewiki import FakePage, FakeWiki

from wikitui.app import WikituiApp
from wikitui.cli import main
from wikitui.model import Page, Revision, Source
from wikitui.screens.main import MainScreen
from wikitui.widgets.revision_tree import TreeRef

TRUNCATED = DATA / "truncated.xml"


def test_malformed_source_shows_a_notice_and_the_rest_opens() -> None:
    app = RecordingApp(paths=[str(TRUNCATED), str(PEAR)])

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            errors = [message for severity, message in app.notices if severity == "error"]
            assert len(errors) == 1
            assert "truncated.xml" in errors[0]
            screen = app.screen
            assert isinstance(screen, MainScreen)
            labels = [node.label.plain for node in screen.revision_tree.root.children]
            assert labels[0].startswith("⚠ truncated.xml")
            assert screen.selected is not None and screen.selected.page.title == "Pear"
            await pilot.press("J")  # and the app still works
            await settle(pilot)
            assert screen.selected.index == 2

    asyncio.run(scenario())


def test_only_bad_sources_leave_an_empty_but_working_app() -> None:
    app = RecordingApp(paths=[str(TRUNCATED)])

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.selected is None
            await pilot.press("J", "n", "v", "s", "y", "t", "b")  # nothing to do, no crash
            await settle(pilot)
            assert pilot.app.is_running

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--page", "Apple", str(PEAR)], 4, "no page titled 'Apple'"),
        (["--rev", "12345", str(PEAR)], 4, "revision 12345 is not in the history of 'Pear'"),
        (["--rev", "oldest~3", str(PEAR)], 4, "only 0 are older"),
        ([str(DATA / "missing.xml")], 2, "missing.xml: no such file or directory"),
        (["--page", "Pear", str(TRUNCATED)], 3, "truncated.xml"),
        (["--site", "en.wikipedia.org", "A", "B"], 2, "exactly one page title"),
    ],
)
def test_command_line_errors_come_before_the_app(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == code
    captured = capsys.readouterr()
    assert captured.err.startswith("wikitui: ")
    assert message in captured.err
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


class TinyLoader:
    """Every revision's text is its own id: enough for diffs of a synthetic history."""

    def load_text(self, revision: Revision) -> str:
        return f"Revision {revision.rev_id}\n"


def huge_page(count: int) -> Page:
    page = Page(title="Huge", loader=TinyLoader())
    start = datetime(2001, 1, 15, tzinfo=UTC)
    for number in range(count):
        # One revision every 1.5 hours: 50,000 revisions span about 8.5 years.
        page.add(
            Revision(
                rev_id=number + 1,
                parent_id=number,
                user=f"U{number % 7}",
                timestamp=start + timedelta(minutes=90 * number),
                size=10 + number % 3,
            )
        )
    return page


def test_fifty_thousand_revisions_open_lazily_grouped_by_year_and_month() -> None:
    page = huge_page(50_000)
    source = Source(path="huge.xml", kind="xml", pages=[page])
    app = WikituiApp([source])

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.selected is not None and screen.selected.index == 49_999
            tree = screen.revision_tree
            page_node = tree.page_node(page)
            assert page_node is not None
            years = [child.data for child in page_node.children]
            # 2001-01-15 00:00 + 49,999 × 90 min = 2009-08-05 22:30: nine years, newest first.
            assert [int(ref.key) for ref in years if ref] == list(range(2009, 2000, -1))
            newest_year = page_node.children[0]
            months = [child.data.key for child in newest_year.children if child.data]
            assert months[0] == "(2009, 8)" and months[-1] == "(2009, 1)"
            # Only the newest month's revisions exist as nodes: 1 August 00:00 to 5 August
            # 22:30 is 118.5 hours, one revision every 1.5 hours, so 80 revisions.
            revision_nodes = [ref for ref in walk(tree) if ref.kind == "revision"]
            assert len(revision_nodes) == 80
            await pilot.press("J")
            await settle(pilot)
            assert screen.selected.index == 49_998
            assert screen.status.status.position == "49999/50000"

    asyncio.run(scenario())


def walk(tree: Any) -> list[TreeRef]:
    refs = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        if node.data is not None:
            refs.append(node.data)
        stack.extend(node.children)
    return refs


def test_fetching_a_page_fills_the_tree_and_opens_the_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = json.loads((DATA / "api-revisions-pyrus.json").read_text(encoding="utf-8"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with FakeWiki([FakePage.from_response(recorded)], max_batch=2) as wiki:
        from wikitui.fetch.request import FetchRequest

        app = RecordingApp(fetch=FetchRequest("Pyrus", "wiki.test", wiki.api_url, 500))

        async def scenario() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(5):
                    await settle(pilot)
                screen = app.screen
                assert isinstance(screen, MainScreen)
                assert screen.selected is not None, app.notices
                page = screen.selected.page
                assert page.title == "Pyrus"
                assert [r.rev_id for r in page.revisions] == [6, 7, 8, 9, 10, 11]
                assert screen.selected.index == 5
                written = list(tmp_path.rglob("*.xml"))
                assert len(written) == 1 and written[0].parent.parent.name == "wikitui"
                assert page.text(page.revisions[-1])  # texts come from the written file
                assert screen.diff.shown is not None and screen.diff.shown.result is not None
                # A new edit on the wiki; "r" refreshes the history and shows it.
                text = "#REDIRECT [[Pear]]\n{{R from genus}}"
                wiki.add_revision(
                    "Pyrus",
                    {
                        "revid": 12,
                        "parentid": 11,
                        "user": "Editor",
                        "userid": 5,
                        "timestamp": "2024-01-02T03:04:05Z",
                        "size": len(text.encode()),
                        "sha1": hashlib.sha1(text.encode()).hexdigest(),
                        "comment": "tag it",
                        "tags": ["mobile edit"],
                        "slots": {
                            "main": {
                                "contentmodel": "wikitext",
                                "contentformat": "text/x-wiki",
                                "content": text,
                            }
                        },
                    },
                )
                await pilot.press("r")
                for _ in range(5):
                    await settle(pilot)
                assert screen.selected is not None
                page = screen.selected.page
                assert [r.rev_id for r in page.revisions] == [6, 7, 8, 9, 10, 11, 12]
                assert page.revisions[-1].tags == ("mobile edit",)
                assert screen.selected.index == 6
                assert page.text(page.revisions[-1]) == text
                assert list(tmp_path.rglob("*.xml")) == written  # the same file, extended

        asyncio.run(scenario())


def test_revisions_show_in_the_tree_while_a_source_is_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    import wikitui.sources

    page = Page(title="Growing", loader=TinyLoader())
    halfway = threading.Event()
    go_on = threading.Event()
    start = datetime(2020, 1, 1, tzinfo=UTC)

    def add(first: int, last: int) -> None:
        for number in range(first, last):
            page.add(
                Revision(
                    rev_id=number + 1,
                    parent_id=number,
                    user="U",
                    timestamp=start + timedelta(days=number),
                    size=number,
                )
            )

    def slow_open_source(
        path: str, *, on_progress: Any = None, on_page: Any = None, **_options: Any
    ) -> Source:
        """Reads 30 revisions, reports progress, waits for the test, then reads 30 more."""
        on_page(page)
        add(0, 30)
        on_progress(50, 100)
        halfway.set()
        go_on.wait(10)
        add(30, 60)
        return Source(path=path, kind="xml", pages=[page])

    monkeypatch.setattr(wikitui.sources, "open_source", slow_open_source)
    app = WikituiApp(paths=["growing.xml"])

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.to_thread(halfway.wait, 10)
            await pilot.pause(0.1)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            node = screen.revision_tree.page_node(page)
            assert node is not None
            assert node.label.plain == "Growing  30 revs …"
            assert screen.status.status.activity == "loading growing.xml 50%"
            go_on.set()
            await settle(pilot)
            node = screen.revision_tree.page_node(page)
            assert node is not None and node.label.plain == "Growing  60 revs"
            assert screen.selected is not None and screen.selected.index == 59
            assert screen.status.status.activity is None

    asyncio.run(scenario())


def test_hidden_text_and_a_failing_engine_show_a_message_in_the_pane(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = huge_page(3)
    page.revisions[1].text_hidden = True
    app = WikituiApp([Source(path="small.xml", kind="xml", pages=[page])], initial=(page, 1))

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            lines = [line.plain.strip() for line in screen.diff.lines]
            assert "the text of revision 2 is hidden" in lines
            import wikitui.diff

            def broken(*args: Any, **kwargs: Any) -> None:
                raise ValueError("engine bug")

            monkeypatch.setattr(wikitui.diff, "diff_texts", broken)
            await pilot.press("K")  # revision 3 against revision 2, whose text is hidden
            await settle(pilot)
            await pilot.press("v")  # a new comparison reaches the (broken) engine
            await settle(pilot)
            lines = [line.plain.strip() for line in screen.diff.lines]
            assert any(line.startswith("the text of revision 2 is hidden") for line in lines)
            await pilot.press("J", "J")  # revision 1: a creation, diffed against nothing
            await settle(pilot)
            lines = [line.plain.strip() for line in screen.diff.lines]
            assert "the diff failed: ValueError: engine bug" in lines
            assert pilot.app.is_running

    asyncio.run(scenario())
