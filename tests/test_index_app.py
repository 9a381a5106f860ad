"""The index seen from the app and the command line: a dump of many pages opens with its pages
listed in lazy groups, ``--page`` finds a title through the index, ``--no-cache`` and the
``index`` and ``cache`` commands."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from app_pilot import settle
from indexdata import export, write
from test_index import no_scan

from wikitui import index
from wikitui.app import WikituiApp
from wikitui.cli import main
from wikitui.screens.main import MainScreen
from wikitui.sources import open_source
from wikitui.widgets.revision_tree import PAGE_GROUP_SIZE


def test_many_pages_are_listed_in_groups_built_on_demand(tmp_path: Path) -> None:
    pages = PAGE_GROUP_SIZE * 2 + 30
    path = write(tmp_path, "xml.bz2", export(pages=pages, revisions=3))
    open_source(path)  # build the index
    app = WikituiApp(paths=[str(path)])

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            tree = screen.revision_tree
            (source_node,) = tree.root.children
            groups = [child for child in source_node.children if child.data is not None]
            assert [g.data.kind for g in groups if g.data] == ["pages"] * 3
            assert groups[2].data is not None and groups[2].data.stop == pages
            assert len(groups[1].children) == 0  # never expanded: no page nodes built
            unshown = screen.sources[0].pages[PAGE_GROUP_SIZE + 5]
            assert unshown._unpack is not None  # type: ignore[attr-defined]  # still packed
            # Selecting a page of an unbuilt group builds just that group.
            target = next(p for p in screen.sources[0].pages if p.title == f"Page {pages - 5}")
            screen.select(target, 1)
            await settle(pilot)
            assert screen.selected is not None and screen.selected.page is target
            assert len(groups[2].children) == 30
            assert len(groups[1].children) == 0

    asyncio.run(scenario())


def test_page_option_finds_a_title_through_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "xml.7z", export(pages=40, revisions=6))
    assert main(["list", str(path), "--page", "Page 39", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    no_scan(monkeypatch)
    assert main(["list", str(path), "--page", "page 39", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert {row["page"] for row in first} == {"Page 39"}
    assert main(["diff", str(path), "--page", "Page 39", "--from", "oldest", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hunks"]


def test_no_cache_on_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "xml.gz")
    for command in (
        ["list", str(path), "--no-cache"],
        ["diff", str(path), "--no-cache", "--page", "Page 1"],
        ["render", str(path), "--no-cache", "--page", "Page 1", "--plain"],
    ):
        assert main(command) == 0, command
    capsys.readouterr()
    assert index.entries() == []
    assert main(["list", str(path)]) == 0
    assert len(index.entries()) == 1


def test_the_app_with_no_cache_writes_no_index(tmp_path: Path) -> None:
    path = write(tmp_path, "xml.lzma")
    app = WikituiApp(paths=[str(path)], use_cache=False)

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.selected is not None

    asyncio.run(scenario())
    assert index.entries() == []


def test_index_and_cache_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write(tmp_path, "xml.bz2")
    (tmp_path / "more").mkdir()
    second = write(tmp_path / "more", "xml.7z")
    assert main(["index", str(first), str(tmp_path / "more"), "--json"]) == 0
    built: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert [row["built"] for row in built] == [True, True]
    assert built[0]["pages"] == 3 and built[0]["revisions"] == 24 and built[0]["bytes"] > 0
    assert main(["index", str(first), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["built"] is False
    assert main(["cache", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert all(set(row) == {"source", "pages", "revisions", "bytes", "last_used"} for row in listed)
    assert {row["source"] for row in listed} == {str(first.resolve()), str(second.resolve())}
    assert all(row["last_used"].endswith("Z") for row in listed)
    assert main(["cache"]) == 0
    assert "2 indexes" in capsys.readouterr().out
    assert main(["cache", "clear", str(first)]) == 0
    capsys.readouterr()
    assert [entry.source for entry in index.entries()] == [str(second.resolve())]
    assert main(["index", str(first)]) == 0
    capsys.readouterr()
    assert main(["cache", "clear", str(tmp_path / "more"), "--json"]) == 0  # a folder's files
    assert json.loads(capsys.readouterr().out) == [str(second.resolve())]
    assert [entry.source for entry in index.entries()] == [str(first.resolve())]
    assert main(["cache", "clear"]) == 0
    assert "removed 1 index" in capsys.readouterr().out
    assert index.entries() == []
    assert main(["cache", "frobnicate"]) == 2
    assert "unknown action" in capsys.readouterr().err


def test_a_history_that_fetch_extends_updates_its_index(tmp_path: Path) -> None:
    from fakewiki import FakeWiki
    from test_fetch_history import NEW_EDIT, SITEINFO, fake_page, fetch

    wiki = FakeWiki([fake_page("ca-et-la")], siteinfo=SITEINFO).start()
    try:
        first = fetch(wiki, "Çà et là", tmp_path)
        before = open_source(first.path)  # indexed now
        assert [r.rev_id for r in before.pages[0].revisions] == [41, 42, 43, 44, 46]
        assert len(index.entries()) == 1
        wiki.add_revision("Çà et là", NEW_EDIT)
        second = fetch(wiki, "Çà et là", tmp_path)  # reads the old file through its index
    finally:
        wiki.stop()
    assert second.path == first.path
    page = open_source(second.path).pages[0]
    assert [r.rev_id for r in page.revisions] == [41, 42, 43, 44, 46, 47]
    assert page.text(page.revisions[-1]) == "Sixième révision"
    assert page.text(page.revisions[0]) == "Première révision"
    (entry,) = index.entries()
    assert entry.revisions == 6


def test_fetch_with_no_cache_leaves_no_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fakewiki import FakeWiki
    from test_fetch_history import NEW_EDIT, SITEINFO, fake_page

    wiki = FakeWiki([fake_page("ca-et-la")], siteinfo=SITEINFO).start()
    try:
        output = tmp_path / "page.xml"
        command = ["fetch", "Çà et là", "--api", wiki.api_url, "-o", str(output), "--no-cache"]
        assert main(command) == 0
        wiki.add_revision("Çà et là", NEW_EDIT)
        assert main(command) == 0  # reads the first file, without an index
    finally:
        wiki.stop()
    assert "added 1 new revision" in capsys.readouterr().out
    assert index.entries() == []


def _damaged_7z(data: bytes) -> bytes:
    damaged = bytearray(data)
    for offset in (100, 200, 300):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


@pytest.mark.parametrize(
    ("name", "damage", "message"),
    [
        ("truncated", lambda data: data[: len(data) // 2], "truncated or damaged archive"),
        ("header only", lambda data: data[:40], "truncated or damaged archive"),
        ("corrupt", _damaged_7z, "corrupt 7z data"),
    ],
)
def test_a_bad_7z_is_one_line_and_status_3(
    name: str, damage: Any, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from indexdata import seven_zip

    path = tmp_path / "bad.xml.7z"
    path.write_bytes(damage(seven_zip(export().encode())))
    assert main(["list", str(path)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"wikitui: {path}: ") and message in err
    assert err.count("\n") == 1 and "errno" not in err and "Traceback" not in err
    assert index.entries() == []
