"""The index is never believed blindly: damage, changed sources, races, interrupted builds,
a bounded cache, read-only caches; sources are never written."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from indexdata import FORMATS, export, write
from test_index import count_scans, no_scan, snapshot

from wikitui import index
from wikitui.index import cache, db
from wikitui.model import Source
from wikitui.sources import open_source


def index_file() -> Path:
    (entry,) = index.entries()
    return entry.index


def warnings_of(source: Source) -> list[str]:
    return [problem.message for problem in source.problems]


def _flip_bytes(path: Path) -> None:
    """Garbage over the stored row of a page (SQLite itself does not notice)."""
    data = bytearray(path.read_bytes())
    where = data.find(b"Page 1")
    assert where > 0
    data[where : where + 6] = b"Pag\xff\xfe1"
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: os.path.getsize(path) // 3])


def _foreign_file(path: Path) -> None:
    path.write_bytes(b"this is not an index at all\n" * 100)


@contextlib.contextmanager
def _sql(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to an index file that commits what was done with it, behind wikitui's back."""
    connection = sqlite3.connect(path)
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


def _foreign_database(path: Path) -> None:
    path.unlink()
    with _sql(path) as connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")


def _edited_row(path: Path) -> None:
    with _sql(path) as connection:
        connection.execute("UPDATE pages SET title = 'Mallory' WHERE ord = 1")


def _edited_revisions(path: Path) -> None:
    """A page's packed revisions replaced by another page's (well-formed, but wrong)."""
    with _sql(path) as connection:
        (blob,) = connection.execute("SELECT revisions FROM pages WHERE ord = 0").fetchone()
        connection.execute("UPDATE pages SET revisions = ? WHERE ord = 1", (blob,))


def _unfinished(path: Path) -> None:
    with _sql(path) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'complete'")


DAMAGE = {
    "bytes changed": _flip_bytes,
    "truncated": _truncate,
    "foreign file": _foreign_file,
    "foreign database": _foreign_database,
    "edited row": _edited_row,
    "edited revisions": _edited_revisions,
    "unfinished": _unfinished,
}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("name", FORMATS)
def test_a_damaged_index_is_reported_and_rebuilt(name: str, damage: str, tmp_path: Path) -> None:
    path = write(tmp_path, name)
    fresh = snapshot(open_source(path, use_cache=False))
    open_source(path)
    DAMAGE[damage](index_file())
    reopened = open_source(path)
    assert snapshot(reopened) == fresh  # never a wrong answer
    (warning,) = warnings_of(reopened)
    assert warning.startswith("the index was damaged")
    assert "\n" not in warning
    again = open_source(path)  # rebuilt: believed again, no warning
    assert warnings_of(again) == []
    assert snapshot(again) == fresh


def _damage_block(path: Path) -> None:
    """Flip a byte inside text block 0 (zstd's checksum notices; SQLite does not)."""
    with _sql(path) as connection:
        (blob,) = connection.execute("SELECT data FROM blocks WHERE id = 0").fetchone()
        damaged = bytearray(blob)
        damaged[len(damaged) // 2] ^= 0xFF
        connection.execute("UPDATE blocks SET data = ? WHERE id = 0", (bytes(damaged),))


@pytest.mark.parametrize("name", ["xml.bz2", "xml.lzma"])
def test_a_damaged_text_block_is_read_from_the_source_instead(
    name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, name)
    fresh = open_source(path, use_cache=False).pages[0]
    open_source(path)
    _damage_block(index_file())
    page = open_source(path).pages[0]
    for revision, expected in zip(page.revisions, fresh.revisions, strict=True):
        if expected.text_ref is not None:
            assert page.text(revision) == fresh.text(expected)  # the right text, no error
    loader: Any = page.loader  # the pickaxe's way in too
    fresh_loader: Any = fresh.loader
    assert loader.load_escaped(page.revisions[-1]) == fresh_loader.load_escaped(fresh.revisions[-1])
    (warning,) = [record.getMessage() for record in caplog.records]  # said once
    assert "a text block of the index is damaged" in warning and "\n" not in warning
    assert index.entries() == []  # dropped: the next open rebuilds it
    rebuilt = open_source(path).pages[0]
    assert rebuilt.text(rebuilt.revisions[-1]) == fresh.text(fresh.revisions[-1])
    assert len(index.entries()) == 1


def test_a_damaged_text_block_of_a_changed_source_is_an_error_not_a_wrong_text(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "xml.lzma")
    open_source(path)
    _damage_block(index_file())
    page = open_source(path).pages[0]
    write(tmp_path, "xml.lzma", export(extra=""))  # rewritten after the open
    _touch(path)
    from wikitui.errors import TextUnavailable

    with pytest.raises(TextUnavailable, match=r"damaged.*changed"):
        page.text(page.revisions[-1])


@pytest.mark.parametrize("name", FORMATS)
def test_an_appended_revision_is_seen(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, name)
    assert len(open_source(path).pages[2].revisions) == 8
    extra = (
        "    <revision><id>999</id><parentid>124</parentid>"
        "<timestamp>2021-05-05T00:00:00Z</timestamp>"
        "<contributor><username>Late</username><id>9</id></contributor>"
        '<text bytes="9" xml:space="preserve">appended!</text></revision>\n'
    )
    write(tmp_path, name, export(extra=extra))
    scans = count_scans(monkeypatch)
    source = open_source(path)
    assert scans == ["scan"]
    page = source.pages[2]
    assert [r.rev_id for r in page.revisions][-1] == 999
    assert page.text(page.revisions[-1]) == "appended!"
    assert snapshot(source) == snapshot(open_source(path, use_cache=False))
    assert len(index.entries()) == 1  # the same file: its index was replaced


@pytest.mark.parametrize("name", FORMATS)
def test_a_touched_source_is_indexed_again(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, name)
    fresh = snapshot(open_source(path))
    _touch(path)
    scans = count_scans(monkeypatch)
    assert snapshot(open_source(path)) == fresh
    assert scans == ["scan"]
    assert snapshot(open_source(path)) == fresh
    assert scans == ["scan"]  # and then believed


def _touch(path: Path) -> None:
    """Move the file's modification time five seconds on, its content unchanged."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def test_sources_are_never_written(tmp_path: Path) -> None:
    paths = [write(tmp_path, name) for name in FORMATS]
    before = {path: (path.stat().st_mtime_ns, _sha1(path)) for path in paths}
    for path in paths:
        source = open_source(path)
        for page in source.pages:
            page.text(page.revisions[-1])
        open_source(path)
    after = {path: (path.stat().st_mtime_ns, _sha1(path)) for path in paths}
    assert after == before
    assert sorted(os.listdir(tmp_path)) == sorted(path.name for path in paths)


TWO_AT_ONCE = textwrap.dedent(
    """
    import hashlib, sys
    from wikitui.sources import open_source
    source = open_source(sys.argv[1])
    for page in source.pages:
        for revision in page.revisions:
            if revision.text_ref is not None:
                text = page.text(revision)
                print(page.title, revision.rev_id, hashlib.sha1(text.encode()).hexdigest())
    print("problems", [str(p) for p in source.problems])
    """
)


@pytest.mark.parametrize("name", FORMATS)
def test_two_processes_opening_at_once(name: str, tmp_path: Path) -> None:
    path = write(tmp_path, name, export(pages=12, revisions=40))
    env = {**os.environ}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", TWO_AT_ONCE, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert out.endswith("problems []\n")
    assert outputs[0][0] == outputs[1][0]
    expected = subprocess.run(
        [sys.executable, "-c", TWO_AT_ONCE, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert outputs[0][0] == expected
    assert len(index.entries()) == 1
    _assert_no_build_left()


def _assert_no_build_left() -> None:
    assert not [name for name in os.listdir(cache.cache_dir()) if cache.BUILDING_MARK in name]


@pytest.mark.parametrize("name", FORMATS)
def test_an_interrupted_build_leaves_no_index(name: str, tmp_path: Path) -> None:
    path = write(tmp_path, name, export(pages=6, revisions=10))
    seen: list[str] = []

    def stop(page: Any) -> None:
        seen.append(page.title)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        open_source(path, on_page=stop)
    assert index.entries() == []
    assert os.listdir(cache.cache_dir()) == []  # the temporary file is gone too
    assert len(open_source(path).pages) == 6


KILLED = textwrap.dedent(
    """
    import os, signal, sys
    from wikitui.sources import open_source
    def on_page(page):
        if page.title == "Page 3":
            os.kill(os.getpid(), signal.SIGKILL)
    open_source(sys.argv[1], on_page=on_page)
    """
)


@pytest.mark.parametrize("name", FORMATS)
def test_a_killed_build_leaves_nothing_that_claims_to_be_complete(
    name: str, tmp_path: Path
) -> None:
    path = write(tmp_path, name, export(pages=6, revisions=10))
    killed = subprocess.run([sys.executable, "-c", KILLED, str(path)], check=False)
    assert killed.returncode != 0
    assert index.entries() == []  # only a temporary file may be left...
    source = open_source(path)  # ...and the next open works, and sweeps it
    assert len(source.pages) == 6 and source.problems == []
    assert len(index.entries()) == 1
    _assert_no_build_left()


def test_a_full_disk_keeps_the_source_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "xml.lzma")
    fresh = snapshot(open_source(path, use_cache=False))

    def full(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db, "write_source", full)
    source = open_source(path)
    assert snapshot(source) == fresh  # texts written before the failure still read
    _assert_read_without_index(source, "disk is full")


def _assert_read_without_index(source: Source, reason: str) -> None:
    """The source says, in one warning, why no index was kept, and none (nor a part) was."""
    (warning,) = warnings_of(source)
    assert "no index kept" in warning and reason in warning
    assert index.entries() == []
    assert os.listdir(cache.cache_dir()) == []


@pytest.mark.parametrize("failing", ["first block", "later blocks"])
def test_a_disk_that_fills_while_texts_are_stored(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wikitui.index import build, texts

    path = write(tmp_path, "xml.7z")
    fresh = snapshot(open_source(path, use_cache=False))
    monkeypatch.setattr(texts, "BLOCK_SIZE", 2000)  # many blocks
    original = build.Builder._write_block

    def full(self: Any, number: int, blob: bytes) -> None:
        if failing == "first block" or number >= 3:
            raise sqlite3.OperationalError("database or disk is full")
        original(self, number, blob)

    monkeypatch.setattr(build.Builder, "_write_block", full)
    source = open_source(path)
    assert snapshot(source) == fresh  # every text still readable, from memory
    _assert_read_without_index(source, "disk is full")


def test_the_least_recently_used_indexes_are_evicted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for number in range(4):
        folder = tmp_path / str(number)
        folder.mkdir()
        paths.append(write(folder, "xml.lzma"))
    for number, path in enumerate(paths):
        open_source(path)
        os.utime(cache.index_path(path), (1000 + number, 1000 + number))  # used in this order
    assert len(index.entries()) == 4
    one = cache.index_path(paths[0]).stat().st_size
    monkeypatch.setenv("WIKITUI_CACHE_MAX", str(int(one * 2.5)))
    assert snapshot(open_source(paths[0])) == snapshot(open_source(paths[0], use_cache=False))
    # paths[0] was just used; of the others, only the most recent one still fits.
    kept = {entry.source for entry in index.entries()}
    assert kept == {str(paths[0].resolve()), str(paths[3].resolve())}
    open_source(paths[1])  # evicted: built again (and something else goes)
    assert str(paths[1].resolve()) in {entry.source for entry in index.entries()}
    assert len(index.entries()) == 2


def test_cache_limit_sizes() -> None:
    os.environ["WIKITUI_CACHE_MAX"] = "500M"
    try:
        assert cache.cache_limit() == 500 << 20
        os.environ["WIKITUI_CACHE_MAX"] = "2G"
        assert cache.cache_limit() == 2 << 30
        os.environ["WIKITUI_CACHE_MAX"] = "12345"
        assert cache.cache_limit() == 12345
        os.environ["WIKITUI_CACHE_MAX"] = "lots"
        assert cache.cache_limit() == cache.DEFAULT_MAX
    finally:
        del os.environ["WIKITUI_CACHE_MAX"]


def test_a_fifo_is_never_indexed(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    data = export().encode()

    def feed() -> None:
        for _ in range(2):  # the sniff and the read each open it
            with open(fifo, "wb") as out, contextlib.suppress(BrokenPipeError):
                out.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    assert cache.source_key(str(fifo)) is None
    assert index.entries() == []


# -- derived data -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["xml", "xml.bz2", "xml.lzma"])
def test_derived_data_survives_reopening_and_not_a_rebuild(name: str, tmp_path: Path) -> None:
    path = write(tmp_path, name)
    page = open_source(path).pages[1]
    assert page.derived is not None
    assert page.derived.get("blame", "state") is None
    page.derived.put("blame", "state", b"\x00\x01 computed")
    page.derived.put("blame", "state", b"\x00\x02 replaced")
    other = open_source(path)
    assert other.pages[1].derived is not None
    assert other.pages[1].derived.get("blame", "state") == b"\x00\x02 replaced"
    assert other.pages[0].derived is not None
    assert other.pages[0].derived.get("blame", "state") is None  # per page
    write(tmp_path, name, export(extra=""))  # same content, rewritten: a new mtime at least
    _touch(path)
    rebuilt = open_source(path).pages[1]
    assert rebuilt.derived is not None
    assert rebuilt.derived.get("blame", "state") is None


def test_a_read_only_cache_gives_no_derived_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "xml.bz2")
    open_source(path)
    target = index_file()
    target.chmod(0o444)
    target.parent.chmod(0o555)
    if os.access(target, os.W_OK):  # root ignores permissions: say what they would say
        import wikitui.index as index_module

        monkeypatch.setattr(index_module.os, "access", lambda *args, **kwargs: False)
    try:
        source = open_source(path)
        assert all(page.derived is None for page in source.pages)
        assert any("read-only" in message for message in warnings_of(source))
        assert snapshot(source) == snapshot(open_source(path, use_cache=False))
    finally:
        target.parent.chmod(0o755)


def test_derived_writes_that_fail_are_forgotten_quietly(tmp_path: Path) -> None:
    path = write(tmp_path, "xml")
    page = open_source(path).pages[0]
    assert page.derived is not None
    index_file().unlink()
    page.derived.put("blame", "x", b"1")  # no traceback
    assert page.derived.get("blame", "x") is None


def test_no_scan_helper_really_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "xml.gz")
    no_scan(monkeypatch)
    with pytest.raises(AssertionError):
        open_source(path)
