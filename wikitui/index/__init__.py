"""The persistent index: an embedded SQLite database per source in the user's cache directory.

It holds a source's pages, every revision's list fields and where each text lives, so a
history opens at once the second time. :func:`wikitui.sources.open_source` uses it for every
regular XML file (``use_cache=False`` reads without it): :func:`open_indexed` answers from a
valid index, or reads the source once while building one.

* :mod:`.cache` - where index files live, the source key, eviction;
* :mod:`.db` - the file's tables, checks and rows;
* :mod:`.build` - building during the first read;
* :mod:`.texts` - reading texts back (seekable decompressors, the zstd text store);
* :mod:`.derived` - each page's :class:`~wikitui.model.DerivedStore`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wikitui.index import cache, db, texts
from wikitui.index.derived import DerivedTable, PageDerived
from wikitui.model import LoadProblem, Page, Source, TextLoader
from wikitui.sources import detect
from wikitui.sources.loaders import FileRangeLoader

__all__ = ["CacheEntry", "clear", "entries", "open_indexed"]

ProgressCallback = Callable[[int, int], None]
PageCallback = Callable[[Page], None]


def open_indexed(
    path: str,
    sniffed: detect.Sniffed,
    *,
    on_progress: ProgressCallback | None = None,
    on_page: PageCallback | None = None,
    rebuild: bool = False,
) -> tuple[Source | None, list[LoadProblem]]:
    """Open an XML export through its index, building the index if need be.

    Returns the source, or None when it must be read without an index (not a regular file,
    or the cache cannot be written: the caller then reads it as usual and adds the notes
    returned to its problems). A damaged index is reported as a problem of the source and
    rebuilt. ``rebuild`` ignores a valid index.
    """
    key = cache.source_key(path)
    if key is None:
        return None, []
    target = cache.index_path(path)
    notes: list[LoadProblem] = []
    if not rebuild:
        try:
            source = _load(path, key, target, notes)
        except db.IndexDamaged as error:
            notes.append(LoadProblem(path, f"the index was damaged ({error}); rebuilt"))
            cache.remove_index(target)
        else:
            if source is not None:
                _announce(source, path, on_progress, on_page)
                return source, []
    from wikitui.index.build import Builder
    from wikitui.sources.xml_export import load_xml_export

    try:
        builder = Builder(target, key, sniffed)
    except (sqlite3.Error, OSError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        notes.append(LoadProblem(path, f"no index kept ({reason}); read without it"))
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
        reason = getattr(error, "strerror", None) or str(error)
        builder.abort(f"the index could not be written ({reason})")
        source.problems.append(LoadProblem(path, f"no index kept ({reason})"))
    else:
        table = _derived_table(target, key, source)
        for ord_, page in enumerate(source.pages):
            page.derived = None if table is None else PageDerived(table, ord_)
        cache.evict(keep=target)
    source.problems[:0] = notes
    return source, []


def _announce(
    source: Source,
    path: str,
    on_progress: ProgressCallback | None,
    on_page: PageCallback | None,
) -> None:
    if on_page is not None:
        for page in source.pages:
            on_page(page)
    if on_progress is not None:
        size = detect.file_size(path)
        on_progress(size, size)


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
        if meta.get("key") != key.as_text() or meta.get("path") != key.path:
            return None  # the source changed: rebuild
        try:
            seek = db.read_seek(connection)
        except sqlite3.DatabaseError as error:
            raise db.IndexDamaged(str(error)) from None
        source, pages = db.load_source(connection, path, meta, seek)
        loader, keep_open = _loader(meta.get("mode", ""), path, seek, connection)
    finally:
        if not keep_open:
            connection.close()
    for _ord, page in pages:
        page.loader = loader
    table = _derived_table(target, key, source)
    for ord_, page in pages:
        page.derived = None if table is None else PageDerived(table, ord_)
    if table is None:
        notes.append(LoadProblem(path, "the cache is read-only: derived data is not kept"))
    source.problems[:0] = notes
    notes.clear()
    cache.touch(target)
    return source


def _loader(
    mode: str, path: str, seek: bytes | None, connection: sqlite3.Connection
) -> tuple[TextLoader, bool]:
    """The text loader of an index's mode, and whether it keeps the connection."""
    if mode == "file":
        return FileRangeLoader(path), False
    if mode in ("bz2", "gzip", "xz"):
        from wikitui.index.build import open_reader

        loader = texts.SeekableRangeLoader(path, lambda: open_reader(mode, path, seek))
        loader.ready.set()
        return loader, False
    if mode == "store":
        import threading

        lock = threading.Lock()

        def read_block(number: int) -> bytes | None:
            with lock:
                row = connection.execute(
                    "SELECT data FROM blocks WHERE id = ?", (number,)
                ).fetchone()
            return None if row is None else bytes(row[0])

        return texts.TextStore(path, read_block), True
    raise db.IndexDamaged(f"unknown text mode {mode!r}")


def _derived_table(target: Path, key: cache.SourceKey, source: Source) -> DerivedTable | None:
    """The derived-data table of an index, None when the cache cannot be written."""
    if not (os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)):
        return None
    return DerivedTable(target, key.as_text())


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
        meta: dict[str, str] = {}
        try:
            connection = db.connect_readonly(path)
            try:
                meta = db.read_meta(connection)
            finally:
                connection.close()
        except (sqlite3.Error, db.IndexDamaged):
            pass
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
        removed = [cache.index_path(source) for source in sources]
        removed = [path for path in removed if path.exists()]
    for path in removed:
        cache.remove_index(path)
    return removed
