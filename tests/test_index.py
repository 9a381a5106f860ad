"""The persistent index: what it gives back equals a fresh read, in every format."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from indexdata import FORMATS, export, write

import wikitui.sources.xml_export as xml_export
from wikitui import index
from wikitui.errors import TextUnavailable
from wikitui.model import Page, Source, revision_fields
from wikitui.sources import open_source


def snapshot(source: Source) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every page's list fields plus the sha1 of each text (or why it is unavailable)."""
    pages = []
    for page in source.all_pages():
        rows = []
        for number, revision in enumerate(page.revisions):
            fields = revision_fields(page, number)
            try:
                text = page.text(revision)
                fields["text_sha1"] = hashlib.sha1(text.encode()).hexdigest()
            except TextUnavailable:
                fields["text_sha1"] = None
            fields["namespace"] = page.namespace
            fields["page_id"] = page.page_id
            fields["site"] = page.site
            rows.append(fields)
        pages.append((page.title, rows))
    return pages


def no_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any read of the XML itself fail: what opens now comes from the index."""

    def refuse(*args: Any, **kwargs: Any) -> Source:
        raise AssertionError("the source was scanned again")

    monkeypatch.setattr(xml_export, "load_xml_export", refuse)


def count_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the reads of the XML itself: one "scan" in the list returned for each."""
    calls: list[str] = []
    original = xml_export.load_xml_export

    def counting(*args: Any, **kwargs: Any) -> Source:
        calls.append("scan")
        return original(*args, **kwargs)

    monkeypatch.setattr(xml_export, "load_xml_export", counting)
    return calls


@pytest.mark.parametrize("name", FORMATS)
def test_round_trip_equals_a_fresh_read(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, name)
    fresh = snapshot(open_source(path, use_cache=False))
    assert len(fresh) == 3 and all(len(rows) == 8 for _, rows in fresh)
    assert sum(row["text_sha1"] is None for _, rows in fresh for row in rows) == 3  # hidden
    built = snapshot(open_source(path))
    assert built == fresh
    assert len(index.entries()) == 1
    no_scan(monkeypatch)
    again = open_source(path)
    assert snapshot(again) == fresh
    # Backwards too (most loads miss the block caches), and a text twice.
    page = again.pages[1]
    for revision in reversed(page.revisions):
        if not revision.text_hidden:
            assert page.text(revision) == page.text(revision)


def test_the_texts_of_a_revert_are_stored_once(tmp_path: Path) -> None:
    path = write(tmp_path, "xml.lzma")
    page = open_source(path).pages[0]
    assert page.revisions[3].text_ref == page.revisions[1].text_ref
    assert page.revisions[2].text_ref == ()  # an empty text takes no room


def test_no_cache_neither_reads_nor_writes_an_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "xml.bz2")
    open_source(path, use_cache=False)
    assert index.entries() == []
    open_source(path)
    assert len(index.entries()) == 1
    calls = count_scans(monkeypatch)
    open_source(path, use_cache=False)
    assert calls == ["scan"]  # read again although an index exists


def test_pages_unpack_their_revisions_only_when_used(tmp_path: Path) -> None:
    path = write(tmp_path, "xml.bz2")
    fresh = open_source(path, use_cache=False)
    open_source(path)
    source = open_source(path)
    first, second, third = source.pages
    assert all(page._unpack is not None for page in source.pages)  # type: ignore[attr-defined]
    # The id lookup works before anything touched the revisions.
    rev_id = fresh.pages[1].revisions[5].rev_id
    assert rev_id is not None
    assert second.index_of(rev_id) == 5
    assert second.get(rev_id) == fresh.pages[1].revisions[5]
    assert second._unpack is None  # type: ignore[attr-defined]
    assert first._unpack is not None and third._unpack is not None  # type: ignore[attr-defined]
    assert third.resolve("latest~2") == 5
    # Whatever Page.add derives is there before the revisions were asked for.
    assert first.has_parent_ids is fresh.pages[0].has_parent_ids is True
    assert first._unpack is None  # type: ignore[attr-defined]
    assert [r.rev_id for r in third.revisions] == [r.rev_id for r in fresh.pages[2].revisions]


@pytest.mark.parametrize("name", ["xml.lzma", "xml.bz2", "xml.7z", "xml"])
def test_texts_read_while_the_index_is_built(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wikitui.index import texts

    monkeypatch.setattr(texts, "BLOCK_SIZE", 3000)  # blocks pending, in flight and written
    path = write(tmp_path, name, export(pages=8, revisions=6))
    fresh = snapshot(open_source(path, use_cache=False))
    expected = {title: [row["text_sha1"] for row in rows] for title, rows in fresh}
    started: list[Page] = []
    checked: list[str] = []

    def on_page(page: Page) -> None:
        if started:  # the previous page is complete: read its texts now, mid-build
            previous = started[-1]
            got = []
            for revision in previous.revisions:
                try:
                    got.append(hashlib.sha1(previous.text(revision).encode()).hexdigest())
                except TextUnavailable:
                    got.append(None)
            assert got == expected[previous.title]
            checked.append(previous.title)
        started.append(page)

    source = open_source(path, on_page=on_page)
    assert len(checked) == 7
    assert snapshot(source) == fresh
