"""The persistent index: what it gives back equals a fresh read, in every format."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from indexdata import FORMATS, write

import wikitui.sources.xml_export as xml_export
from wikitui import index
from wikitui.errors import TextUnavailable
from wikitui.model import Source, revision_fields
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
    calls: list[str] = []
    original = xml_export.load_xml_export

    def counting(*args: Any, **kwargs: Any) -> Source:
        calls.append("scan")
        return original(*args, **kwargs)

    monkeypatch.setattr(xml_export, "load_xml_export", counting)
    open_source(path, use_cache=False)
    assert calls == ["scan"]  # read again although an index exists
