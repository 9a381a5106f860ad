"""The persistent index: an embedded SQLite database per source in the user's cache directory.

It holds a source's pages, every revision's list fields and where each text lives, so a
history opens at once the second time. :func:`wikitui.sources.open_source` uses it for every
regular XML file (``use_cache=False`` reads without it): :func:`open_indexed` answers from a
valid index, or reads the source once while building one.

* :mod:`.cache` - where index files live, the source key, eviction;
* :mod:`.db` - the file's tables, checks and rows;
* :mod:`.build` - building during the first read;
* :mod:`.texts` - the zstd text store of compressed sources;
* :mod:`.derived` - each page's :class:`~wikitui.model.DerivedStore`;
* :mod:`.recover` - answering from the source when a text block proves damaged.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from wikitui.errors import SourceError
from wikitui.index import cache, db, texts
from wikitui.index.derived import DerivedTable, PageDerived
from wikitui.index.recover import PageTexts, Recovery
from wikitui.model import LoadProblem, Page, Source, TextLoader
from wikitui.sources import detect, special
from wikitui.sources.loaders import FileRangeLoader

__all__ = [
    "CacheEntry",
    "clear",
    "entries",
    "index_files_for",
    "indexable_files",
    "is_current",
    "open_indexed",
]

ProgressCallback = Callable[[int, int], None]
PageCallback = Callable[[Page], None]


def open_indexed(
    path: str,
    sniff: Callable[[], detect.Sniffed],
    *,
    on_progress: ProgressCallback | None = None,
    on_page: PageCallback | None = None,
) -> tuple[Source | None, list[LoadProblem]]:
    """Open an XML export through its index, building the index if need be.

    ``sniff`` says what the file holds (:func:`~wikitui.sources.detect.sniff`); it is only
    called when there is no valid index. Returns the source, or None when it must be read
    without an index (not an XML export, not a regular file, or the cache cannot be written:
    the caller then reads it as usual and adds the notes returned to its problems). A damaged
    index is reported as a problem of the source and rebuilt.
    """
    key = cache.source_key(path)
    if key is None:
        return None, []
    target = cache.index_path(path)
    notes: list[LoadProblem] = []
    try:
        source = _load(path, key, target, notes)
    except db.IndexDamaged as error:
        notes.append(LoadProblem(path, f"the index was damaged ({error}); rebuilt"))
        cache.remove_index(target)
    else:
        if source is not None:
            cache.evict(keep=target)
            _announce(source, on_page)
            return source, []
    sniffed = sniff()
    if sniffed.kind != "xml":
        return None, notes
    from wikitui.index.build import Builder
    from wikitui.sources.xml_export import load_xml_export

    try:
        builder = Builder(target, key, sniffed)
    except (sqlite3.Error, OSError) as error:
        notes.append(LoadProblem(path, f"no index kept ({_reason(error)}); read without it"))
        return None, notes
    try:
        source = load_xml_export(
            path, sniffed, on_progress=on_progress, on_page=on_page, plan=builder
        )
    except BaseException:
        builder.abort()
        raise
    try:
        builder.commit(source)
    except (sqlite3.Error, OSError) as error:
        builder.abort()
        source.problems.append(LoadProblem(path, f"no index kept ({_reason(error)})"))
    else:
        _attach_derived(target, key, enumerate(source.pages))
        cache.evict(keep=target)
    source.problems[:0] = notes
    return source, []


def _reason(error: sqlite3.Error | OSError) -> str:
    return getattr(error, "strerror", None) or str(error)


def _announce(source: Source, on_page: PageCallback | None) -> None:
    """Report the pages of a source opened from its index.

    Progress is not reported: nothing is scanned, and a progress report would make the app
    show every page (and count its revisions) before the source is even returned.
    """
    if on_page is not None:
        for page in source.pages:
            on_page(page)


def _load(path: str, key: cache.SourceKey, target: Path, notes: list[LoadProblem]) -> Source | None:
    """The source from a valid index; None when there is none or it describes another
    version of the file; raises IndexDamaged when it cannot be believed."""
    if not target.exists():
        return None
    try:
        connection = db.connect_readonly(target)
    except sqlite3.Error as error:
        raise db.IndexDamaged(str(error)) from None
    keep_open = False
    try:
        meta = db.read_meta(connection)
        if meta.get("complete") != "1":
            raise db.IndexDamaged("unfinished")
        if meta.get("path") != key.path:
            # Index files are named after their source's path: this one was copied over.
            raise db.IndexDamaged(f"it is the index of another file, {meta.get('path')}")
        if meta.get("key") != key.as_text():
            return None  # the source changed: re-index without a word
        source, pages = db.load_source(connection, path, meta)
        loader, keep_open = _loader(meta.get("mode", ""), path, connection, target)
    finally:
        if not keep_open:
            connection.close()
    if isinstance(loader, texts.TextStore):
        # Each page reads through the store, or from the source if a block proves damaged.
        recovery = Recovery(path, key, loader)
        for ord_, page in pages:
            page.loader = PageTexts(recovery, ord_, page)
    else:
        for _ord, page in pages:
            page.loader = loader
    if not _attach_derived(target, key, pages):
        notes.append(LoadProblem(path, "the cache is read-only: derived data is not kept"))
    source.problems[:0] = notes
    notes.clear()
    cache.touch(target)
    return source


def _loader(
    mode: str, path: str, connection: sqlite3.Connection, target: Path
) -> tuple[TextLoader, bool]:
    """The text loader of an index's mode, and whether it keeps the connection."""
    if mode == "file":
        return FileRangeLoader(path), False
    if mode == "store":
        lock = threading.Lock()

        def read_block(number: int) -> bytes | None:
            with lock:
                row = connection.execute(
                    "SELECT data FROM blocks WHERE id = ?", (number,)
                ).fetchone()
            return None if row is None else bytes(row[0])

        def damaged() -> None:  # the next open rebuilds
            cache.remove_index(target)

        return texts.TextStore(path, read_block, on_damage=damaged), True
    raise db.IndexDamaged(f"unknown text mode {mode!r}")


def _attach_derived(target: Path, key: cache.SourceKey, pages: Iterable[tuple[int, Page]]) -> bool:
    """Give each page (with its ordinal in the index) its derived-data store; False (and no
    stores) when the cache cannot be written."""
    writable = os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)
    table = DerivedTable(target, key.as_text()) if writable else None
    for ord_, page in pages:
        page.derived = None if table is None else PageDerived(table, ord_)
    return table is not None


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """One index in the cache, as ``wikitui cache`` lists it."""

    source: str
    pages: int
    revisions: int
    bytes: int
    last_used: float
    index: Path


def entries() -> list[CacheEntry]:
    """The finished indexes in the cache, most recently used first (unreadable ones too,
    with zero counts)."""
    found: list[CacheEntry] = []
    for path in cache.index_files():
        try:
            info = path.stat()
        except OSError:
            continue
        try:
            meta = db.meta_of(path)
        except (sqlite3.Error, db.IndexDamaged):
            meta = {}
        found.append(
            CacheEntry(
                source=meta.get("path", "?"),
                pages=int(meta.get("pages", 0) or 0),
                revisions=int(meta.get("revisions", 0) or 0),
                bytes=info.st_size,
                last_used=info.st_mtime,
                index=path,
            )
        )
    found.sort(key=lambda entry: entry.last_used, reverse=True)
    return found


def clear(sources: list[str] | None = None) -> list[Path]:
    """Remove every index, or those of the named sources; returns the files removed."""
    if sources is None:
        cache.sweep_abandoned()
        removed = cache.index_files()
    else:
        removed = [path for source in sources for path in index_files_for(source)]
    for path in removed:
        cache.remove_index(path)
    return removed


def _files_under(source: str) -> list[str]:
    """The source itself, or every file under a folder."""
    if not os.path.isdir(source):
        return [source]
    found: list[str] = []
    for root, dirs, files in os.walk(source):
        dirs[:] = [name for name in dirs if not detect.is_hidden(name)]
        found.extend(os.path.join(root, name) for name in files if not detect.is_hidden(name))
    return sorted(found)


def index_files_for(source: str) -> list[Path]:
    """The index files that exist for a source (or for the files under a folder)."""
    return [path for path in map(cache.index_path, _files_under(source)) if path.exists()]


def indexable_files(source: str) -> list[str]:
    """The files of a source that are indexed when opened: regular files holding an XML
    export (other formats are read whole; FIFOs and devices are never opened here)."""
    found: list[str] = []
    for name in _files_under(source):
        if special.special_kind(name) is not None or not os.path.isfile(name):
            continue
        try:
            if detect.sniff(name).kind == "xml":
                found.append(name)
        except SourceError:  # unreadable: the open says why
            continue
    return found


def is_current(source: str) -> bool:
    """Whether every XML file of a source has an index that describes it as it is now
    (a source without XML files counts as current)."""
    for name in indexable_files(source):
        key = cache.source_key(name)
        if key is None:
            continue
        try:
            meta = db.meta_of(cache.index_path(name))
        except (sqlite3.Error, db.IndexDamaged):
            return False
        if meta.get("complete") != "1" or meta.get("key") != key.as_text():
            return False
    return True
