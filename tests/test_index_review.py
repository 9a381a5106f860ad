"""Gaps a review of the index found: a FIFO given to ``wikitui index``, a foreign index, a
concurrent build replacing the file under an open source, ``WIKITUI_CACHE_MAX`` that is not a
size, and what ``wikitui index`` says of sources it does not index or cannot read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from indexdata import export, write
from test_index import snapshot

from wikitui import index
from wikitui.cli import main
from wikitui.index import cache
from wikitui.sources import open_source

ROOT = Path(__file__).resolve().parent.parent
API_JSON = Path(__file__).parent / "data" / "sources" / "api" / "anarchism-fv2-slots-page1.json"


def _wikitui(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m wikitui ARGS`` with a time limit: a hang fails instead of stopping the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "wikitui", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=30, env=env)


# -- 1. FIFOs ---------------------------------------------------------------------------------


def test_index_refuses_a_fifo_source_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "ff.xml"
    os.mkfifo(fifo)
    done = _wikitui("index", fifo)
    assert done.returncode == 3
    assert done.stderr == f"wikitui: {fifo}: a FIFO (named pipe), not a file: not read\n"
    assert done.stdout == ""


def test_index_skips_a_fifo_inside_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    write(folder, "xml.bz2")
    os.mkfifo(folder / "ff.xml")
    done = _wikitui("index", folder, "--json")
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert row["built"] is True and row["pages"] == 3
    assert done.stderr == (
        f"wikitui: warning: {folder / 'ff.xml'}: skipped: a FIFO (named pipe), not a file\n"
    )
    assert len(index.entries()) == 1


# -- 2. a foreign index -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["xml", "xml.bz2"])
def test_a_foreign_index_is_reported_and_rebuilt(name: str, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    other = write(tmp_path / "a", name, export(pages=2))
    path = write(tmp_path / "b", name)
    fresh = snapshot(open_source(path, use_cache=False))
    open_source(other)
    open_source(path)
    shutil.copyfile(cache.index_path(other), cache.index_path(path))  # another source's index
    reopened = open_source(path)
    assert snapshot(reopened) == fresh
    (warning,) = [problem.message for problem in reopened.problems]
    assert "the index of another file" in warning and str(other.resolve()) in warning
    again = open_source(path)
    assert again.problems == [] and snapshot(again) == fresh


def test_a_changed_source_is_indexed_again_without_a_word(tmp_path: Path) -> None:
    path = write(tmp_path, "xml.bz2")
    open_source(path)
    write(tmp_path, "xml.bz2", export(pages=4))
    reopened = open_source(path)
    assert reopened.problems == [] and len(reopened.pages) == 4


# -- 3. a concurrent build replaces the index under an open source ------------------------------


@pytest.mark.parametrize("name", ["xml", "xml.lzma"])
def test_derived_data_goes_to_the_index_that_replaced_the_open_one(
    name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, name)
    page = open_source(path).pages[1]
    assert page.derived is not None
    assert page.derived.get("blame", "state") is None  # the connection is open
    target = cache.index_path(path)
    # What another process's build does when it finishes: its own file renamed over this one.
    shutil.copyfile(target, tmp_path / "other.sqlite")
    os.replace(tmp_path / "other.sqlite", target)
    page.derived.put("blame", "state", b"kept")
    assert caplog.records == []  # no "derived data not kept (attempt to write a readonly...)"
    assert page.derived.get("blame", "state") == b"kept"
    reopened = open_source(path).pages[1]
    assert reopened.derived is not None
    assert reopened.derived.get("blame", "state") == b"kept"
    assert snapshot(open_source(path)) == snapshot(open_source(path, use_cache=False))


def test_three_lists_at_once_on_an_empty_cache(tmp_path: Path) -> None:
    path = write(tmp_path, "xml.bz2", export(pages=12, revisions=30))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "wikitui", "list", str(path), "--json"]
    runs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0]
    assert [err for _out, err in outputs] == ["", "", ""]
    assert len({out for out, _err in outputs}) == 1


# -- 5. small things --------------------------------------------------------------------------


def test_a_cache_max_that_is_not_a_size_is_reported_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(cache, "_WARNED", set())
    monkeypatch.setenv("WIKITUI_CACHE_MAX", "bogus")
    assert cache.cache_limit() == cache.DEFAULT_MAX
    assert cache.cache_limit() == cache.DEFAULT_MAX
    (warning,) = [record.getMessage() for record in caplog.records]
    assert "WIKITUI_CACHE_MAX='bogus' is not a size" in warning and "2 GiB" in warning


def test_a_cache_max_that_is_not_a_size_on_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, "xml")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WIKITUI_CACHE_MAX": "bogus"}
    done = subprocess.run(
        [sys.executable, "-m", "wikitui", "index", str(path), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0
    (line,) = done.stderr.splitlines()
    assert line.startswith("wikitui: warning: WIKITUI_CACHE_MAX='bogus' is not a size")


def test_index_says_a_json_source_is_not_indexed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(API_JSON)]) == 0
    out = capsys.readouterr().out
    assert "not indexed" in out and "up to date" not in out and "MB" not in out
    assert main(["index", str(API_JSON), "--json"]) == 0
    captured = capsys.readouterr()
    (row,) = json.loads(captured.out)
    assert row["built"] is False and row["bytes"] == 0 and row["revisions"] == 3
    assert set(row) == {"source", "pages", "revisions", "bytes", "built", "seconds"}
    assert captured.err.count("\n") == 1 and "not indexed" in captured.err
    assert index.entries() == []


def test_index_goes_on_past_a_bad_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "xml")
    junk = tmp_path / "junk.xml"
    junk.write_text('{"junk', encoding="utf-8")
    (tmp_path / "later").mkdir()
    later = write(tmp_path / "later", "xml.gz")
    assert main(["index", str(good), str(junk), str(later), "--json"]) == 3
    captured = capsys.readouterr()
    rows: list[dict[str, Any]] = json.loads(captured.out)
    assert [row["source"] for row in rows] == [str(good), str(later)]
    assert all(row["built"] for row in rows)
    (line,) = captured.err.splitlines()
    assert line.startswith(f"wikitui: {junk}: ")
    assert len(index.entries()) == 2
    assert main(["index", str(junk), str(good)]) == 3
    captured = capsys.readouterr()
    assert captured.out == f"{good}: up to date: 3 pages, 24 revisions, index 0.0 MB\n"
